"""Give every checklist checkbox an accessible name.

pymdownx.tasklist wraps each checkbox in a label of its own with no text, so a screen reader
(and axe-core's "label" rule) finds an unnamed control. The item's own text becomes its name.
"""

from __future__ import annotations

import re
from html import escape, unescape

TASK = re.compile(
    r'(<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox")'
    r"([^>]*>)(.*?)(?=</li>|<ul|<ol)",
    re.S,
)
TAG = re.compile(r"<[^>]+>")


def _named(match: re.Match[str]) -> str:
    text = " ".join(unescape(TAG.sub(" ", match.group(3))).split())
    return f'{match.group(1)} aria-label="{escape(text[:120])}"{match.group(2)}{match.group(3)}'


def label_checkboxes(html: str) -> str:
    """The page's HTML with every checklist checkbox named by its item's text."""
    return TASK.sub(_named, html)
