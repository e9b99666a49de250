"""Worksheets ready for paper: a header line on each, and a button that prints it alone.

A worksheet is a ``<div class="ka-worksheet" markdown>`` block of a page (the forms, the
screening sheet, the wall worksheet…). After a page is rendered, each one gets, as its first
children:

- a header line, shown only on paper: customer, group and date, with room to write, so a sheet
  collected at the end of a session still says whose it is;
- a button, shown only on screen, that prints this worksheet and nothing else of the page (the
  screening page prints seven pages of teaching with the blank sheet last;
  ``docs/javascripts/worksheets.mjs`` marks the sheet, ``docs/stylesheets/worksheets.css``
  leaves the rest off the paper).

The words are the site's (``[worksheet]`` in ``ui/<lang>.toml``). A block that also carries
``ka-no-head`` (the fact cards, which are cut out, not filled in) gets the button only.
"""

from __future__ import annotations

import itertools
import re
from html import escape

from ka_site import ui_text
from ka_site.pages import Lang

_WORKSHEET = re.compile(r'<div class="ka-worksheet( ka-no-head)?">')


def _blank(label: str, colon: str) -> str:
    return (
        f'<span class="ka-sheet-field">{escape(label)}{colon}<span class="ka-blank"></span></span>'
    )


def prepare_worksheets(html: str, lang: Lang) -> str:
    """``html`` with each worksheet given its header line and its print button."""
    if "ka-worksheet" not in html:
        return html
    words = ui_text.words("worksheet", lang)
    colon = words["colon"]
    head = (
        '<p class="ka-sheet-head">'
        + "".join(_blank(words[k], colon) for k in ("customer", "group", "date"))
        + "</p>"
    )
    counter = itertools.count(1)

    def repl(match: re.Match[str]) -> str:
        n = next(counter)
        button = (
            f'<p class="ka-sheet-tools"><button type="button" class="md-button" '
            f'data-ka-print-sheet="{n}">{escape(words["print_only"])}</button></p>'
        )
        no_head = match.group(1) or ""
        return (
            f'<div class="ka-worksheet{no_head}" data-ka-sheet="{n}">'
            + button
            + ("" if no_head else head)
        )

    return _WORKSHEET.sub(repl, html)
