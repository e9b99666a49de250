"""Excel workbooks (.xlsx) in and out, through openpyxl, imported only when one is used.

openpyxl is the well-kept pure-Python library for the format (pinned in pyproject.toml; in the
browser its wheel is served by the site and installed the first time a reader picks a .xlsx).
The calculators package itself stays stdlib-only: nothing here runs unless a workbook is read
or written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from ..core import InputError, printable
from ._limits import too_many_rows_in
from ._neutral import FORMULA_STARTS

#: A workbook's unpacked size is checked before openpyxl opens it (a 10,000-row sheet of
#: a CRM export unpacks to a few tens of MB; a "zip bomb" to gigabytes).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def _openpyxl(field: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            field,
            "读写 Excel 文件需要 openpyxl：请运行 scripts/setup.sh，或 pip install openpyxl。",
            "Reading and writing Excel files needs openpyxl: run scripts/setup.sh, or pip "
            "install openpyxl.",
        ) from None
    return openpyxl


def _check_unpacked(data: bytes, field: str) -> None:
    """A workbook is a zip: refused when it is not one, or unpacks to more than we read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_a_workbook(field) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            field,
            f"这个 Excel 文件解压后有 {unpacked // 1048576} MB，太大了。",
            f"This Excel file unpacks to {unpacked // 1048576} MB: too big.",
        )


def _row_values(cells: Any, counter: int) -> tuple[int, list[Any], bool]:
    """One sheet row: its row number, its values (a number shown with a unit as a
    FormattedNumber) and whether any cell is filled."""
    from ._cells import FormattedNumber, display_unit

    values: list[Any] = []
    number = counter
    filled = False
    for cell in cells:
        value = cell.value
        if value is None:
            values.append(None)
            continue
        number = getattr(cell, "row", None) or number
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            unit = display_unit(getattr(cell, "number_format", None))
            if unit is not None:
                value = FormattedNumber(float(value), unit, cell.number_format)
        filled = filled or str(value).strip() != ""
        values.append(value)
    return number, values, filled


def _sheet_rows(sheet: Any, field: str, max_rows: int, extra: int) -> list[tuple[int, list[Any]]]:
    """A sheet's non-empty rows with their numbers, refused as soon as there are too many."""
    rows: list[tuple[int, list[Any]]] = []
    for counter, cells in enumerate(sheet.iter_rows(), start=1):
        number, values, filled = _row_values(cells, counter)
        if not filled:
            continue
        rows.append((number, values))
        if len(rows) > max_rows + extra:
            raise too_many_rows_in(field, max_rows)
    return rows


def read_sheets(
    data: bytes, field: str, max_rows: int, extra: int = 0
) -> list[tuple[str, list[tuple[int, list[Any]]]]]:
    """Every sheet with data: its title and its non-empty rows, each with its row number.

    A number whose display format names a unit (``0.0%``, ``"¥"#,##0``, ``0!.0000"万"``) is
    given as a :class:`~calculators.tables._cells.FormattedNumber`, so it is checked like the
    text it shows. A sheet is refused as soon as it has more than ``max_rows`` rows besides
    ``extra`` (its header, a formatted report's title lines and total rows).
    """
    _check_unpacked(data, field)
    openpyxl = _openpyxl(field)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged file
        raise _not_a_workbook(field) from None
    sheets: list[tuple[str, list[tuple[int, list[Any]]]]] = []
    try:
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet, field, max_rows, extra)
            if rows:
                sheets.append((sheet.title, rows))
    finally:
        book.close()
    if not sheets:
        raise InputError(field, "这个 Excel 文件里没有数据。", "This Excel file holds no data.")
    return sheets


def _not_a_workbook(field: str) -> InputError:
    return InputError(
        field,
        "这不是能读的 Excel 工作簿（.xlsx），可能已经损坏。请在 Excel 里打开它，"
        "另存为「Excel 工作簿（.xlsx）」或「CSV UTF-8」。",
        "This is not an Excel workbook (.xlsx) that can be read: it may be damaged. Open it in "
        "Excel and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'.",
    )


def write_workbook(
    sheets: Sequence[tuple[str, list[str], list[list[Any]]]], field: str = ""
) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``; text is never a formula.

    Every text cell is stored as text (so ``=HYPERLINK(…)`` stays a name), and a formula-like
    one gets Excel's quote prefix as well, so editing it in Excel keeps it text.
    """
    openpyxl = _openpyxl(field)
    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for title, header, rows in sheets:
        name = _sheet_name(title, used)
        sheet = book.create_sheet(name)
        sheet.append([_text_cell(sheet, h) for h in header])
        for row in rows:
            sheet.append([_cell(sheet, v) for v in row])
        for index, text in enumerate(header, start=1):
            width = max(
                [_width(text)] + [_width(r[index - 1]) for r in rows[:200] if index <= len(r)]
            )
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = min(
                width + 2, 60
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _width(value: Any) -> int:
    import unicodedata

    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in printable(title) if c not in "[]:*?/\\\ufffd")[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def _text_cell(sheet: Any, text: str) -> Any:
    from openpyxl.cell.cell import Cell

    text = printable(text)  # an XML file cannot hold control characters or lone surrogates
    cell = Cell(sheet, value=None)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _cell(sheet: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, dt.date)):
        return value
    return _text_cell(sheet, str(value))
