"""Cells a spreadsheet would run as a formula, made harmless on the way out and back in.

The OWASP rule against CSV injection: a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a leading ``'``, which Excel and WPS show as text. Genuine
numbers (a negative amount in a number column) are written as numbers and left alone. Reading
such a file back removes the ``'`` again, so an export imports as the original text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` safe for a spreadsheet: a formula-like text gets a leading ``'``."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or restore(value) != value):
        return "'" + value  # the second case keeps a text that itself starts with '= intact
    return value


def restore(text: str) -> str:
    """The original of a cell :func:`neutralise` wrote (``'=1+1`` → ``=1+1``)."""
    if (
        len(text) > 1
        and text[0] == "'"
        and (text[1] in "=+-@\t\r" or restore(text[1:]) != text[1:])
    ):
        return text[1:]
    return text
