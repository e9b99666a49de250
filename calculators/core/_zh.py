"""Chinese spacing of computed text: what the pages' typography linter asks, at run time.

A model's Chinese sentence is built from pieces (a prospect's name, a group's name, a number)
that may be Chinese, Latin or digits, so the spaces around them cannot be written into the
sentence: ``f"问 {high} 和 {low}"`` is right for "Group 1" and wrong for 第一组. :func:`spaced`
puts the house spacing (``ka_site.commands.lint``, the Chinese copywriting guidelines) into the
finished text: one space between Chinese and Latin letters or digits, none between two Chinese
characters or beside full-width punctuation, none between a number and ``%``. Stdlib only; it
runs in the browser with the models.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Full-width marks that take no space on either side.
_OPENING = "（「『《"
_CLOSING = "，。、：；？！）」』》"

_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])[ \t]+(?=[{HAN}])")
_BEFORE_CLOSING = re.compile(f"(?<=\\S)[ \t]+(?=[{_CLOSING}])")
_AFTER_MARK = re.compile(f"(?<=[{_OPENING}{_CLOSING}])[ \t]+(?=\\S)")
_HAN_THEN_LATIN = re.compile(f"(?<=[{HAN}])(?=[A-Za-z0-9])")
_LATIN_THEN_HAN = re.compile(f"(?<=[A-Za-z0-9%])(?=[{HAN}])")
_NUMBER_SPACE_PERCENT = re.compile(r"(?<=\d)[ \t]+%")


#: A quotation: what a reader typed (a header, a name) is quoted as typed.
_QUOTED = re.compile("(「[^「」]*」)")


def spaced(text: str) -> str:
    """``text`` with the house spacing around its Chinese (a drawing, ``<svg…``, is left alone;
    so is a quotation in 「」, which quotes what a reader typed as it was typed)."""
    if text.startswith("<") or not re.search(f"[{HAN}]", text):
        return text
    if "「" in text:
        parts = _QUOTED.split(text)
        return "".join(p if n % 2 else _spaced(p) for n, p in enumerate(parts))
    return _spaced(text)


def _spaced(text: str) -> str:
    text = _BETWEEN_HAN.sub("", text)
    text = _BEFORE_CLOSING.sub("", text)
    text = _AFTER_MARK.sub("", text)
    text = _HAN_THEN_LATIN.sub(" ", text)
    text = _LATIN_THEN_HAN.sub(" ", text)
    return _NUMBER_SPACE_PERCENT.sub("%", text)
