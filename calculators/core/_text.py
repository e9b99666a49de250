"""Bilingual text and the one error type: what every calculator writes and how it refuses.

A rule's words are a :class:`Text` (Chinese and English side by side); bad input raises
:class:`InputError`, naming its field and saying what is wrong in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ._zh import spaced

#: Characters that are not text a person typed: lone UTF-16 surrogates (they cannot be stored,
#: printed or sent as UTF-8) and control characters other than tab and line breaks (an XML
#: file, hence an Excel workbook, cannot hold them). The one rule: a field refuses them
#: (:func:`check_value`), and whatever is written out anyway (an export of the form as it is,
#: a message quoting it) has each replaced by U+FFFD (:func:`printable`).
NOT_TEXT = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """``text`` safe to print, store and send as UTF-8, and to write into CSV or Excel: every
    character a field refuses as not text becomes U+FFFD."""
    return NOT_TEXT.sub("\ufffd", text)


def echo(value: object, limit: int = 40) -> str:
    """A short, printable quote of what a reader gave, for an error message."""
    text = printable(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Text:
    """A piece of text in both first-class languages: Simplified Chinese and English."""

    zh: str
    en: str

    def __post_init__(self) -> None:
        # the Chinese is often built from names and numbers: its spacing is settled here, once
        object.__setattr__(self, "zh", spaced(self.zh))

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("zh" or "en"); anything else falls back to English."""
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


def localized(value: Any, lang: str) -> Any:
    """A worked example in one language: every :class:`Text` inside it read in ``lang``.

    Example data that a reader sees (a prospect's name, a criterion's wording) is written per
    language, so an English page shows English names and a Chinese page Chinese ones.
    """
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, list):
        return [localized(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: localized(v, lang) for k, v in value.items()}
    return value


def fmt(value: float, digits: int = 2) -> str:
    """Format a figure for a reasoning line: no trailing zeros, no ``-0``."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{digits}f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=16_384, typed=True)
def figure_number(value: float) -> float | int:
    """A result figure as plain JSON: whole numbers as int, others rounded to 2 decimals.

    Rounding here keeps CPython and Pyodide printing the same figures. Remembered: a table of
    10,000 deals holds three figures a row, at every edit.
    """
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


#: Units shared by the models' figures.
WAN = Text("万元", "10k CNY")
PCT = Text("%", "%")


class InputError(ValueError):
    """The one error a calculator raises for bad input.

    It names the field (and, for a table, the row and column) and carries the message in both
    languages, so a form can show it beside the field in the reader's language. ``problems``
    holds every problem found in one pass (this error first), so a form can mark them all.
    """

    def __init__(
        self,
        field: str,
        zh: str,
        en: str,
        *,
        row: int | None = None,
        column: str | None = None,
        problems: Sequence[InputError] = (),
    ) -> None:
        # what a reader typed may be quoted in a message: keep it printable (no lone surrogate)
        field, zh, en = printable(field), printable(zh), printable(en)
        column = printable(column) if column is not None else None
        super().__init__(f"{field}: {en}")
        self.field = field
        self.message = Text(zh, en)
        self.row = row
        self.column = column
        self.problems: tuple[InputError, ...] = tuple(problems) or (self,)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: what the browser and the command line show."""
        return {
            "field": self.field,
            "row": self.row,
            "column": self.column,
            "message": self.message.to_dict(),
            "problems": [
                {
                    "field": p.field,
                    "row": p.row,
                    "column": p.column,
                    "message": p.message.to_dict(),
                }
                for p in self.problems
            ],
        }


def raise_problems(problems: Sequence[InputError]) -> None:
    """Raise one :class:`InputError` carrying every problem found, if there is any.

    Models use it for rules that span fields or rows, so a form can mark every bad cell at once.
    """
    if not problems:
        return
    first = problems[0]
    raise InputError(
        first.field,
        first.message.zh,
        first.message.en,
        row=first.row,
        column=first.column,
        problems=[p for error in problems for p in error.problems],
    )
