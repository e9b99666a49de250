"""Which table of a calculator a file fills.

Reading and writing tables lives in :mod:`calculators.tables` (encodings, delimiters, CRM
headers, units, stages, Excel).
"""

from __future__ import annotations

from ._calculator import Calculator
from ._declarations import Field
from ._text import InputError


def table_field(calc: Calculator, name: str | None) -> Field:
    """The table a file fills: the one named, or the calculator's only table."""
    tables = [f for f in calc.fields if f.kind == "table"]
    if name is not None:
        for f in tables:
            if f.key == name:
                return f
    elif len(tables) == 1:
        return tables[0]
    options = ", ".join(f.key for f in tables) or "-"
    if not tables:
        raise InputError(
            "",
            f"计算器「{calc.slug}」没有表格输入，请使用 JSON 文件。",
            f"Calculator '{calc.slug}' takes no table; use a JSON file.",
        )
    raise InputError(
        "",
        f"请用 --table 指明文件填入哪个表格：{options}。",
        f"Say which table the file fills with --table: {options}.",
    )
