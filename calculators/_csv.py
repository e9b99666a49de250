"""Tables as CSV: a CRM export in, a trainer's exercise data out.

Used by the command line and, through Pyodide, by the "Import CSV" and "Export CSV" buttons of
every calculator table, so a file reads the same way everywhere. Headers may be a column's key or
its label in either language (case-insensitive); cells stay text until the model validates them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ._schema import Calculator, Field, InputError


def table_field(calc: Calculator, name: str | None) -> Field:
    """The table a CSV fills: the one named, or the calculator's only table."""
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
        f"请用 --table 指明 CSV 填入哪个表格：{options}。",
        f"Say which table the CSV fills with --table: {options}.",
    )


def _column_keys(table: Field) -> dict[str, str]:
    """Every accepted header (key, English label, Chinese label; case-insensitive) -> key."""
    names: dict[str, str] = {}
    for column in table.columns:
        for name in (column.key, column.label.en, column.label.zh):
            names[name.strip().lower()] = column.key
    return names


def rows_from_csv(text: str, table: Field) -> list[dict[str, Any]]:
    """The rows of a CSV file as raw cells keyed by column key (values stay text)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames:
        raise InputError(table.key, "CSV 文件是空的。", "The CSV file is empty.")
    keys = _column_keys(table)
    unknown = [h for h in reader.fieldnames if h and h.strip().lower() not in keys]
    if unknown:
        expected = ", ".join(c.key for c in table.columns)
        raise InputError(
            table.key,
            f"CSV 有无法识别的列：{', '.join(unknown)}。可用的列：{expected}。",
            f"The CSV has columns this table does not know: {', '.join(unknown)}. "
            f"Known columns: {expected}.",
        )
    rows = []
    for record in reader:
        rows.append({keys[h.strip().lower()]: v for h, v in record.items() if h and v is not None})
    return rows


def rows_to_csv(rows: Sequence[dict[str, Any]], table: Field) -> str:
    """A table's rows as CSV with the column keys as headers."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.key for c in table.columns], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue()
