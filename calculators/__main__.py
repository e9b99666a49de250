"""Command line over the calculators registry.

Examples::

    python -m calculators list
    python -m calculators run screening prospects.csv --table prospects --lang zh
    python -m calculators run deal_heat inputs.json --json
    python -m calculators example screening --table prospects > prospects.csv

``run`` reads a JSON file of inputs (missing fields keep the worked example's values) or a CSV
file whose rows fill one table field (a CRM export of prospects or deals, a trainer's exercise
data). CSV headers may be the column keys or their labels in either language. Bad input prints
the engine's message in both languages and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import REGISTRY, calculator
from ._csv import rows_from_csv, rows_to_csv, table_field
from ._schema import Calculator, InputError, fmt

EXIT_BAD_INPUT = 2


def load_inputs(calc: Calculator, path: Path, table_name: str | None) -> dict[str, Any]:
    """Inputs for ``calc`` from a JSON or CSV file."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            "", f"无法读取文件 {path}：{error}", f"Cannot read file {path}: {error}"
        ) from None
    if path.suffix.lower() == ".csv":
        table = table_field(calc, table_name)
        return {table.key: rows_from_csv(text, table)}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            "", f"{path} 不是有效的 JSON：{error}", f"{path} is not valid JSON: {error}"
        ) from None
    if isinstance(data, list):  # a bare list of rows fills the table
        return {table_field(calc, table_name).key: data}
    return data


def _cell(value: Any, lang: str) -> str:
    if isinstance(value, dict) and "en" in value:
        return value[lang]
    if isinstance(value, float):
        return fmt(value)
    return "-" if value is None else str(value)


def render_text(calc: Calculator, result: dict[str, Any], lang: str) -> str:
    """A result as plain text for the terminal."""
    lines = [calc.title.get(lang), "=" * 40]
    lines.append(("结论：" if lang == "zh" else "Verdict: ") + result["verdict"]["label"][lang])
    for figure in result["figures"]:
        unit = f" {figure['unit'][lang]}" if figure.get("unit") else ""
        lines.append(f"  {figure['label'][lang]}: {_cell(figure['value'], lang)}{unit}")
    for table in result["tables"]:
        lines.append("")
        lines.append(table["label"][lang])
        rows = [[c["label"][lang] for c in table["columns"]]]
        rows += [[_cell(r.get(c["key"]), lang) for c in table["columns"]] for r in table["rows"]]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            lines.append("  " + "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    for key, heading in (("reasoning", ("推理", "Reasoning")), ("actions", ("行动", "Actions"))):
        if result[key]:
            lines.append("")
            lines.append(heading[0] if lang == "zh" else heading[1])
            lines.extend(f"  - {line[lang]}" for line in result[key])
    return "\n".join(lines)


def _error_text(error: InputError) -> str:
    lines = []
    for problem in error.problems:
        where = problem.field or "input"
        if problem.row is not None:
            where += f"[row {problem.row + 1}]"
        if problem.column:
            where += f".{problem.column}"
        lines.append(f"error: {where}: {problem.message.en}\n错误:{where}:{problem.message.zh}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculators",
        description="KA Playbook calculators: list them, run one on a JSON or CSV file.",
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="output language")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list every calculator")
    schema = commands.add_parser("schema", help="print a calculator's input schema as JSON")
    schema.add_argument("slug")
    run = commands.add_parser("run", help="run a calculator on a JSON or CSV file")
    run.add_argument("slug")
    run.add_argument("file", type=Path, help="inputs: .json (fields) or .csv (rows of a table)")
    run.add_argument("--table", help="the table a CSV file fills (when there are several)")
    run.add_argument("--json", action="store_true", help="print the result as JSON")
    example = commands.add_parser("example", help="print the worked example's inputs")
    example.add_argument("slug")
    example.add_argument("--table", help="print this table's rows as CSV instead of JSON")
    args = parser.parse_args(argv)

    try:
        if args.command == "list":
            for calc in REGISTRY.values():
                print(f"{calc.slug:22} {calc.title.get(args.lang)}")
            return 0
        calc = calculator(args.slug)
        if args.command == "schema":
            print(json.dumps(calc.to_dict(), ensure_ascii=False, indent=2))
        elif args.command == "example":
            values = calc.defaults()
            if args.table:
                table = table_field(calc, args.table)
                sys.stdout.write(rows_to_csv(values[table.key], table))
            else:
                print(json.dumps(values, ensure_ascii=False, indent=2))
        else:
            result = calc.run(load_inputs(calc, args.file, args.table)).to_dict()
            if args.json:
                print(json.dumps(result, ensure_ascii=False, indent=2))
            else:
                print(render_text(calc, result, args.lang))
    except InputError as error:
        print(_error_text(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


if __name__ == "__main__":
    sys.exit(main())
