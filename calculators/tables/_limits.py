"""The row limit a file is read within, refused in the same words by the CSV and Excel readers.

Both ``_read`` (CSV, and the rows of any file) and ``_xlsx`` (a workbook's sheets) stop as soon as
a file holds more rows than its table takes; this small module is what they share, so neither
imports the other for it. Stdlib only.
"""

from __future__ import annotations

from ..core import InputError


def too_many_rows_in(field: str, max_rows: int) -> InputError:
    """The row limit, checked while reading: nothing beyond it is converted or computed."""
    return InputError(
        field,
        f"文件的行数超过了这个表格的上限 {max_rows:,} 行，请拆成几个文件。",
        f"The file has more rows than this table takes ({max_rows:,} at most): split it.",
    )
