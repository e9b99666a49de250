"""Tables out: CSV that Excel opens in Chinese, and Excel workbooks, neither able to attack.

CSV is written as UTF-8 with a BOM (Excel reads a BOM-less UTF-8 file as the local code page and
shows Chinese as mojibake), with formula-like text neutralised (see :mod:`._neutral`) and every
character a field refuses as not text (a control character, a lone surrogate) replaced by
U+FFFD, the same rule as the fields' (:func:`~calculators.core.printable`), so a file of
whatever the form holds always opens. Numbers stay numbers, so a negative amount is still a
number in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from ..core import Field, fmt, printable
from ._neutral import neutralise

BOM = "\ufeff"


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Header and rows as CSV text (no BOM: add :data:`BOM` when writing bytes for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(printable(h)) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return fmt(value, 6)
    return neutralise(printable(str(value)))


def column_title(column: Field, lang: str) -> str:
    """A column as a reader knows it: its label and unit (``金额（万元）``, ``Amount (10k CNY)``).

    The reading layer takes the label, with or without its unit, as the column's header.
    """
    label = column.label.get(lang)
    if column.unit is None or column.unit.get(lang).casefold() in label.casefold():
        return label  # "Months to close" says its unit already
    return f"{label}（{column.unit.zh}）" if lang == "zh" else f"{label} ({column.unit.en})"


def input_rows(
    rows: Sequence[Mapping[str, Any]], table: Field, lang: str | None = None
) -> tuple[list[str], list[list[Any]]]:
    """A table's rows as the form holds them, with the column keys as header.

    With ``lang`` (the reader's export from a page), the header is the columns' titles and a
    choice is written as its label, in that language: what the reader sees on the page, and
    what the import reads back. Number cells that hold a plain number are written as numbers (a
    negative amount stays a number); anything else as text, which :func:`neutralise` makes safe.
    """
    header = [c.key if lang is None else column_title(c, lang) for c in table.columns]
    body: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = []
        for column in table.columns:
            value = row.get(column.key)
            if lang is not None and column.kind == "choice" and isinstance(value, str):
                value = next((c.label.get(lang) for c in column.choices if c.value == value), value)
            if column.kind in ("number", "integer") and isinstance(value, str):
                value = _as_number(value)
            cells.append("" if value is None else value)
        body.append(cells)
    return header, body


def _as_number(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    return (
        int(number)
        if number.is_integer() and "." not in text and "e" not in text.lower()
        else number
    )
