"""Tables in and out: CRM exports and Excel sheets read into a calculator's table, results
written back as CSV or Excel.

The one reading and writing layer, shared by the command line and the browser's import and
export (the same Python, through Pyodide). CSV needs only the standard library; Excel goes
through openpyxl, imported only when a workbook is read or written, so the scoring models stay
stdlib-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._neutral import neutralise, restore
from ._read import (
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    ImportedTable,
    ReadError,
    ReadOptions,
    is_xls,
    is_xlsx,
    read_table,
)
from ._results import Sheet, result_sheets
from ._stages import DEFAULT_STAGE_MAP, SKIP, read_stage_map
from ._write import BOM, csv_text, input_rows

__all__ = [
    "BOM",
    "DEFAULT_STAGE_MAP",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "SKIP",
    "ImportedTable",
    "ReadError",
    "ReadOptions",
    "Sheet",
    "csv_text",
    "input_rows",
    "is_xls",
    "is_xlsx",
    "neutralise",
    "read_stage_map",
    "read_table",
    "restore",
    "result_sheets",
    "write_xlsx",
]


def write_xlsx(sheets: Sequence[tuple[str, list[str], list[list[Any]]]], field: str = "") -> bytes:
    """A workbook of ``(title, header, rows)`` sheets (openpyxl, imported now)."""
    from ._xlsx import write_workbook

    return write_workbook(sheets, field)
