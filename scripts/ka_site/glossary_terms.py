"""The glossary as data: the one word the site uses for each concept, and its variants.

The glossary pages (``docs/glossary.md``, ``docs/glossary.zh.md``) are the source of truth; this
module reads their "one term per concept" table for the tests (``tests/test_terms.py``).
"""

from __future__ import annotations

import re
from functools import cache

from ka_site.paths import ROOT

DOCS = ROOT / "docs"


def _table_after(text: str, heading_id: str) -> list[list[str]]:
    """The rows (cells stripped) of the first table under the heading ``{#heading_id}``."""
    start = text.index(f"{{#{heading_id}}}")
    rows: list[list[str]] = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # without the header row


def preferred_terms(lang: str) -> list[tuple[str, list[str]]]:
    """(the word to use, the variants not to use) from the glossary's "one term" table."""
    return [(use, list(variants)) for use, variants in _preferred_terms(lang)]


@cache
def _preferred_terms(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The table read once per process (the computed-text check asks for it per piece)."""
    page = DOCS / ("glossary.zh.md" if lang == "zh" else "glossary.md")
    pairs = []
    for use, avoid, *_ in _table_after(page.read_text("utf-8"), "one-term"):
        variants = tuple(v.strip() for v in re.split("[、,]", avoid) if v.strip())
        pairs.append((use, variants))
    return tuple(pairs)


def variants_used(text: str, lang: str) -> list[str]:
    """The listed variants that ``text`` uses where the glossary's word is meant.

    A variant that is part of the glossary's own word (决策小组 inside 采购决策小组) is no
    variant; English is compared without case.
    """
    found = []
    for use, variants in _preferred_terms(lang):
        rest = text if lang == "zh" else text.lower()
        rest = rest.replace(use if lang == "zh" else use.lower(), "")
        for variant in variants:
            if (variant if lang == "zh" else variant.lower()) in rest:
                found.append(f"{variant} (use {use})")
    return found
