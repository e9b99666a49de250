"""Command line over the calculators registry.

Examples::

    python -m calculators list
    python -m calculators help pipeline --lang zh
    python -m calculators run pipeline crm-export.csv --set target_wan=800 -o result.xlsx
    python -m calculators run screening prospects.csv --table prospects --lang zh
    python -m calculators run deal_heat inputs.json --json
    python -m calculators example pipeline --table deals -o deals.csv

``run`` reads a JSON file of inputs, or a CSV or Excel file whose rows fill one table (a CRM
export of prospects or deals: see ``calculators.tables`` for the encodings, delimiters, headers,
units, stages and close dates it understands). Settings besides the table come from ``--set``
or a settings JSON file (``--settings``, or ``<file>.settings.json`` beside the table); every
value that came from the worked example's defaults is named as such. ``--lang`` may go anywhere.
Bad input prints the engine's message in both languages and exits with status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from .. import REGISTRY, calculator
from ..core import Calculator, Field, InputError, Text, fmt
from ..core._csv import table_field
from ._help import calculator_help
from ._keys import with_keys
from ._terminal import table as text_table
from ._terminal import wrap

EXIT_BAD_INPUT = 2
PROG = "python -m calculators"
#: What ``--amount-unit`` and a settings file's ``amount_unit`` take: 元, 万元, 亿元.
AMOUNT_UNITS = ("yuan", "wan", "yi")
#: What ``--decimal-mark`` and a settings file's ``decimal_mark`` take: 1,234.5 or 1.234,5.
DECIMAL_MARKS = ("point", "comma")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls")  # .xls: refused, named

ORIGINS = {
    "file": Text("文件", "file"),
    "settings": Text("设置文件", "settings file"),
    "option": Text("命令行 --set", "--set option"),
    "default": Text("示例的默认值", "default of the worked example"),
}


def version() -> str:
    """The installed package's version (pyproject.toml's), or ``unknown`` when not installed."""
    try:
        from importlib.metadata import version as installed

        return installed("ka-playbook")
    except Exception:  # not installed (e.g. run from a source tree)
        return "unknown"


@dataclass
class Inputs:
    """What a run computes from, and where each value came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    notice: dict[str, Any] | None = None
    imported: Any = None  # the ImportedTable, when a table was read from a file


# --------------------------------------------------------------------------- reading inputs


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        from ..tables import MAX_FILE_BYTES

        if size > MAX_FILE_BYTES:
            raise InputError(
                "",
                f"文件 {path} 太大：{size / 1048576:.1f} MB，最多 {MAX_FILE_BYTES // 1048576} MB。",
                f"The file {path} is too big: {size / 1048576:.1f} MB; at most "
                f"{MAX_FILE_BYTES // 1048576} MB.",
            )
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(
            "", f"无法读取文件 {path}：{reason}。", f"Cannot read the file {path}: {reason}."
        ) from None


def _json_file(path: Path) -> Any:
    from ..core._untrusted import Untrusted, loads

    data = _read_bytes(path)
    try:
        return loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError(
            "", f"{path} 不是有效的 JSON：{error}。", f"{path} is not valid JSON: {error}."
        ) from None
    except Untrusted as problem:
        raise InputError("", f"{path} {problem.zh}。", f"{path} {problem.en}.") from None


def _reading_options(args: argparse.Namespace, calc: Calculator, table: Field, extra: dict) -> Any:
    from ..tables import ReadOptions, read_stage_map
    from ..tables._decode import decode

    as_of_text = args.as_of or extra.get("as_of")
    as_of = None
    if as_of_text:
        try:
            as_of = dt.date.fromisoformat(str(as_of_text))
        except ValueError:
            raise InputError(
                "as_of",
                f"--as-of 要写成 2026-03-31 这样的日期，而不是「{as_of_text}」。",
                f"--as-of must be a date like 2026-03-31, not '{as_of_text}'.",
            ) from None
    stage_map: dict[str, str] = {}
    stage_column = next((c for c in table.columns if c.key == "stage"), None)
    if stage_column is not None:
        if isinstance(extra.get("stage_map"), dict):
            stage_map.update(read_stage_map(json.dumps(extra["stage_map"]), stage_column))
        if args.stage_map:
            # a stage map saved by Excel on Chinese Windows is GBK: decoded like a table
            text = decode(_read_bytes(Path(args.stage_map)), "stage_map").text
            stage_map.update(read_stage_map(text, stage_column))
    unit = args.amount_unit or extra.get("amount_unit")
    if unit is not None and unit not in AMOUNT_UNITS:
        raise InputError(
            "amount_unit",
            "金额单位只能是 yuan（元）、wan（万元）或 yi（亿元）。",
            "The amount unit must be yuan, wan (10k CNY) or yi (100M CNY).",
        )
    mark = args.decimal_mark or extra.get("decimal_mark")
    if mark is not None and mark not in DECIMAL_MARKS:
        raise InputError(
            "decimal_mark",
            "数字格式只能是 point（1,234.5）或 comma（1.234,5）。",
            "The decimal mark must be point (1,234.5) or comma (1.234,5).",
        )
    return ReadOptions(as_of=as_of, stage_map=stage_map, amount_unit=unit, decimal_mark=mark)


READING_KEYS = ("as_of", "stage_map", "amount_unit", "decimal_mark")


def _settings(args: argparse.Namespace, path: Path | None) -> dict[str, Any]:
    """The settings file's fields: ``--settings``, or ``<file>.settings.json`` beside the file."""
    settings_path = Path(args.settings) if args.settings else None
    if settings_path is None and path is not None:
        beside = path.with_name(path.stem + ".settings.json")
        if beside.exists():
            settings_path = beside
    if settings_path is None:
        return {}
    data = _json_file(settings_path)
    if not isinstance(data, dict):
        raise InputError(
            "",
            f"设置文件 {settings_path} 应是「字段：值」的 JSON 对象。",
            f"The settings file {settings_path} must be a JSON object of field: value.",
        )
    return data


def _file_inputs(
    calc: Calculator,
    args: argparse.Namespace,
    path: Path,
    settings: dict[str, Any],
    inputs: Inputs,
) -> None:
    """The file's inputs: a table's rows read from a CSV or Excel file, or a JSON file's
    fields (a bare list of rows fills the table)."""
    if path.suffix.lower() in TABLE_SUFFIXES:
        table = table_field(calc, args.table)
        from ..tables import read_table

        options = _reading_options(args, calc, table, settings)
        imported = read_table(_read_bytes(path), path.name, table, options)
        inputs.values[table.key] = imported.rows
        inputs.origin[table.key] = "file"
        inputs.notice = imported.notice
        inputs.imported = imported
        return
    data = _json_file(path)
    if isinstance(data, list):  # a bare list of rows fills the table
        data = {table_field(calc, args.table).key: data}
    if not isinstance(data, dict):
        raise InputError(
            "",
            f"{path} 应是 JSON 对象或若干行。",
            f"{path} must be a JSON object or a list of rows.",
        )
    for key, value in data.items():
        inputs.values[key] = value
        inputs.origin[key] = "file"


def gather_inputs(calc: Calculator, args: argparse.Namespace) -> Inputs:
    """The inputs of a run: the file, then the settings file, then ``--set`` (later wins)."""
    inputs = Inputs()
    path = Path(args.file) if args.file else None
    settings = _settings(args, path)
    if path is not None:
        _file_inputs(calc, args, path, settings, inputs)
    for key, value in settings.items():
        if key in READING_KEYS:
            continue
        inputs.values[key] = value
        inputs.origin[key] = "settings"
    for assignment in args.set or ():
        key, value = _assignment(calc, assignment)
        inputs.values[key] = value
        inputs.origin[key] = "option"
    for f in calc.fields:
        inputs.origin.setdefault(f.key, "default")
    return inputs


def _assignment(calc: Calculator, text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    key = key.strip()
    settings = [f.key for f in calc.fields if f.kind != "table"]
    if not sep or key not in settings:
        known = ", ".join(settings) or "-"
        raise InputError(
            key or "",
            f"--set 要写成「键=值」，键是这个计算器的设置之一：{known}。",
            f"--set takes KEY=VALUE, where KEY is one of this calculator's settings: {known}.",
        )
    return key, (None if value.strip() == "" else value)


def inputs_used(calc: Calculator, clean: dict[str, Any], inputs: Inputs) -> list[dict[str, Any]]:
    """Every input as used, with where it came from: what ``--json`` and the outputs show."""
    used: list[dict[str, Any]] = []
    for f in calc.fields:
        origin = inputs.origin[f.key]
        value = clean[f.key]
        entry: dict[str, Any] = {
            "key": f.key,
            "label": f.label.to_dict(),
            "origin": origin,
        }
        if f.kind == "table":
            entry["rows"] = len(value)
            entry["shown"] = f"{len(value)} rows"
        else:
            entry["value"] = value
            if f.kind == "choice" and value is not None:
                entry["shown"] = f.choice(value).label.to_dict()
            else:
                entry["shown"] = (
                    "-" if value is None else fmt(value) if isinstance(value, float) else value
                )
        if f.unit is not None:
            entry["unit"] = f.unit.to_dict()
        used.append(entry)
    return used


# --------------------------------------------------------------------------- writing results


def _cell(value: Any, lang: str) -> str:
    if isinstance(value, dict) and "en" in value:
        return str(value[lang])
    if isinstance(value, dict) and "label" in value:
        return str(value["label"][lang])
    if isinstance(value, float):
        return fmt(value)
    return "-" if value is None else str(value)


def _shown(entry: dict[str, Any], lang: str, unit: bool = True) -> str:
    shown = entry["shown"]
    text = shown[lang] if isinstance(shown, dict) else str(shown)
    if unit and entry.get("unit") and entry.get("value") is not None:
        unit_text = entry["unit"][lang]
        text += unit_text if unit_text == "%" else f" {unit_text}"  # 75%, 200 万元
    return text


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` wins; 100 when output goes to a file or a pipe)."""
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def render_text(
    calc: Calculator,
    result: dict[str, Any],
    lang: str,
    used: Sequence[dict[str, Any]] = (),
    columns: int | None = None,
) -> str:
    """A result as plain text for the terminal, aligned for Chinese and folded to ``columns``."""
    columns = columns or terminal_width()
    zh = lang == "zh"
    lines = [calc.title.get(lang), "=" * min(40, columns)]
    lines += wrap(("结论：" if zh else "Verdict: ") + result["verdict"]["label"][lang], columns)
    colon = "：" if zh else ": "
    for figure in result["figures"]:
        unit = figure["unit"][lang] if figure.get("unit") else ""
        unit = unit if unit in ("", "%") else f" {unit}"  # 75%, 200 万元, as the page writes them
        lines += wrap(
            f"  {figure['label'][lang]}{colon}{_cell(figure['value'], lang)}{unit}", columns
        )
    settings = [u for u in used if "rows" not in u]
    if settings:
        lines.append("")
        lines.append("用到的设置" if zh else "Settings used")
        for entry in settings:
            origin = ORIGINS[entry["origin"]].get(lang)
            hint = ""
            if entry["origin"] == "default":
                hint = (
                    f"；要改用 --set {entry['key']}=…"
                    if zh
                    else f"; change it with --set {entry['key']}=…"
                )
            line = (
                f"  {entry['label'][lang]}：{_shown(entry, lang)}（{origin}{hint}）"
                if zh
                else f"  {entry['label'][lang]}: {_shown(entry, lang)} ({origin}{hint})"
            )
            lines += wrap(line, columns)
    for table in result["tables"]:
        lines.append("")
        lines.append(table["label"][lang])
        rows = [[c["label"][lang] for c in table["columns"]]]
        rows += [[_cell(r.get(c["key"]), lang) for c in table["columns"]] for r in table["rows"]]
        lines += text_table(rows, columns)
    for key, heading in (("reasoning", ("推理", "Reasoning")), ("actions", ("行动", "Actions"))):
        if result[key]:
            lines.append("")
            lines.append(heading[0] if zh else heading[1])
            for line in result[key]:
                wrapped = wrap(line[lang], columns - 4)
                lines.append(f"  - {wrapped[0]}")
                lines.extend(f"    {more}" for more in wrapped[1:])
    return "\n".join(lines)


def _in_file_rows(error: InputError, inputs: Inputs) -> InputError:
    """A model's refusal of rows read from a file, each row named as the file numbers it.

    The model counts the rows it was given; after a title line, a blank, a total or a left-out
    row those are not the file's rows, so the locator and the message say the file's row.
    """
    if inputs.imported is None:
        return error
    problems = []
    for p in error.problems:
        zh, en, row = p.message.zh, p.message.en, p.row
        if row is not None:
            file_row = inputs.imported.file_row(row)
            zh = zh.replace(f"第 {row + 1} 行", f"第 {file_row} 行")
            # "row 3" and a sentence's "Row 3", never the "Row 3" of "Row 30"
            en = re.sub(rf"\b([Rr])ow {row + 1}\b", rf"\g<1>ow {file_row}", en)
            row = file_row - 1
        problems.append(InputError(p.field, zh, en, row=row, column=p.column))
    first = problems[0]
    return InputError(
        first.field, first.message.zh, first.message.en, row=first.row, column=first.column,
        problems=problems,
    )  # fmt: skip


def _error_text(error: InputError) -> str:
    lines = []
    for problem in error.problems:
        where = problem.field or "input"
        if problem.row is not None:
            where += f"[row {problem.row + 1}]"
        if problem.column:
            where += f".{problem.column}"
        lines.append(f"error: {where}: {problem.message.en}\n错误：{where}：{problem.message.zh}")
    return "\n".join(lines)


def _write_output(
    path: Path, calc: Calculator, result: dict[str, Any], used: list[dict[str, Any]],
    lang: str, table_key: str | None, payload: dict[str, Any],
) -> str:  # fmt: skip
    """Write the result to ``path`` (.csv, .xlsx or .json); the line that says what was written."""
    from ..tables import BOM, csv_text, result_sheets, write_xlsx
    from ..tables._results import table_sheet

    suffix = path.suffix.lower()
    zh = lang == "zh"
    rows_used = [
        [u["label"][lang], _shown(u, lang, unit=False), u["unit"][lang] if u.get("unit") else "",
         ORIGINS[u["origin"]].get(lang)]
        for u in used
    ]  # fmt: skip
    if suffix == ".json":
        data = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        what = "JSON"
    elif suffix in (".xlsx", ".xlsm"):
        sheets = result_sheets(calc.title.get(lang), result, rows_used, lang)
        data = write_xlsx(sheets)
        names = "、".join(s[0] for s in sheets) if zh else ", ".join(s[0] for s in sheets)
        what = f"Excel 工作簿：{names}" if zh else f"Excel workbook: {names}"
    elif suffix == ".csv":
        tables = result["tables"]
        if not tables:
            title, header, rows = result_sheets(calc.title.get(lang), result, rows_used, lang)[0]
        else:
            chosen = next((t for t in tables if t["key"] == table_key), None)
            if chosen is None and table_key is not None:
                keys = ", ".join(t["key"] for t in tables)
                raise InputError(
                    "", f"没有名为「{table_key}」的结果表格；可用：{keys}。",
                    f"There is no result table '{table_key}'; the tables: {keys}.",
                )  # fmt: skip
            chosen = chosen or tables[0]
            title, header, rows = table_sheet(chosen, lang)
        data = (BOM + csv_text(header, rows)).encode("utf-8")
        others = [t["key"] for t in tables if t["label"][lang] != title]
        what = f"CSV：{title}" if zh else f"CSV: {title}"
        if others:
            what += (
                f"（其他表格 {', '.join(others)} 用 --result-table 选，或输出 .xlsx 得到全部）"
                if zh
                else f" (other tables: {', '.join(others)}; pick one with --result-table, "
                "or write .xlsx for all)"
            )
    else:
        raise InputError(
            "", "-o 的文件名要以 .csv、.xlsx 或 .json 结尾。",
            "The -o file must end in .csv, .xlsx or .json.",
        )  # fmt: skip
    _write_file(path, data)
    return f"已写入 {path}（{what}）" if zh else f"Wrote {path} ({what})"


def _write_file(path: Path, data: bytes) -> None:
    """Write an output file; a path that cannot be written is the one input error."""
    try:
        path.write_bytes(data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(
            "", f"无法写入 {path}：{reason}。", f"Cannot write {path}: {reason}."
        ) from None


def _write_template(path: Path, calc: Calculator, table: Field, lang: str) -> None:
    """The worked example's rows of one table, as a file a rep fills in Excel: each column
    headed by its title and each choice written as its label, in the rep's language (what the
    page's export writes; the reader takes these back, as it takes the keys)."""
    from ..tables import BOM, csv_text, input_rows, write_xlsx

    header, rows = input_rows(calc.defaults(lang)[table.key], table, lang)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        data = write_xlsx([(table.label.get(lang), header, rows)])
    elif suffix in (".csv", ".txt"):
        data = (BOM + csv_text(header, rows)).encode("utf-8")
    else:
        raise InputError(
            "", "-o 的文件名要以 .csv 或 .xlsx 结尾。", "The -o file must end in .csv or .xlsx."
        )
    _write_file(path, data)


# --------------------------------------------------------------------------- the parser


class _Help(argparse.HelpFormatter):
    """argparse's help, with the Markdown of the options' descriptions (a name in backticks,
    as the README shows it) written as plain text for a terminal."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return None if action.help is None else action.help.replace("`", "")

    def _split_lines(self, text: str, width: int) -> list[str]:
        # an option's name stays whole on a line (``--result-table``, not ``--result-`` ``table``)
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors in both languages and exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_BAD_INPUT,
            f"error: {message}\n错误：命令行参数有误（{message}）；用 --help 查看用法。\n",
        )


def _names(keys: Sequence[str]) -> str:
    """Keys as the help writes them: each in backticks, comma-separated."""
    return ", ".join(f"`{key}`" for key in keys)


def _add_run(commands: Any, common: argparse.ArgumentParser) -> None:
    """The ``run`` command and its options: the file, the table, settings, and what settles
    a file that reads two ways (as-of date, stage map, amount unit, decimal mark).

    Each option's help is the README's description of it too (``ka_site.commands.readme_sections``
    writes the README's option table from this parser): Markdown, a name in backticks."""
    run = commands.add_parser(
        "run", help="run a calculator on a CSV, Excel or JSON file", parents=[common]
    )
    run.add_argument("slug", metavar="SLUG", help="the calculator (`list` names them)")
    run.add_argument(
        "file", nargs="?", metavar="FILE",
        help="a `.csv`, `.tsv`, `.txt`, `.xlsx` or `.xlsm` file (the rows of a table) or a "
        "`.json` file (fields); without it, the worked example",
    )  # fmt: skip
    run.add_argument(
        "--table", metavar="KEY",
        help="the table a file fills, when the calculator has several",
    )  # fmt: skip
    run.add_argument(
        "--set", action="append", metavar="KEY=VALUE",
        help="a setting besides the table (`--set target_wan=800`; empty = blank); repeatable",
    )  # fmt: skip
    run.add_argument(
        "--settings", metavar="FILE.json",
        help="settings as a JSON object; by default `<file>.settings.json` beside the table is "
        f"read if it exists; it may also hold {_names(READING_KEYS)}",
    )  # fmt: skip
    _add_reading(run)
    _add_outputs(run)


def _add_reading(run: argparse.ArgumentParser) -> None:
    """What settles a file that reads two ways: the as-of date, stage map, unit, decimal mark."""
    run.add_argument(
        "--as-of", metavar="YYYY-MM-DD",
        help="count close dates from this day instead of today",
    )  # fmt: skip
    run.add_argument(
        "--stage-map", metavar="FILE",
        help="your CRM's stages, which win over the default stage map: a CSV of two columns, "
        "`CRM stage,stage` (the stage as key, label or `skip`; UTF-8 or GBK, as Excel saves "
        "it), or a JSON object",
    )  # fmt: skip
    run.add_argument(
        "--amount-unit", choices=AMOUNT_UNITS,
        help="the unit of money columns whose header and cells name none: `yuan` = 元, "
        "`wan` = 万元, `yi` = 亿元",
    )  # fmt: skip
    run.add_argument(
        "--decimal-mark", choices=DECIMAL_MARKS,
        help="how the file writes numbers, when they can be read two ways: `point` = 1,234.5, "
        "`comma` = 1.234,5",
    )  # fmt: skip


def _add_outputs(run: argparse.ArgumentParser) -> None:
    """What ``run`` writes: JSON instead of text, and a file."""
    run.add_argument(
        "--json", action="store_true",
        help="print the result as JSON, with `calculator`, `version`, every input used with "
        f"its `origin` ({_names(tuple(ORIGINS))}), the import notice, and `<column>_key` "
        "beside every labelled cell (`stage_key`, `band_key`, `grade_key`)",
    )  # fmt: skip
    run.add_argument(
        "-o", "--output", metavar="FILE",
        help="also write the result: `.csv` (UTF-8 with BOM, so Excel shows Chinese; one "
        "result table, chosen with `--result-table`), `.xlsx` (a summary sheet with the "
        "verdict, figures and inputs used, then every result table) or `.json`",
    )  # fmt: skip
    run.add_argument(
        "--result-table", metavar="KEY",
        help="the result table a `.csv` output holds (by default the first)",
    )  # fmt: skip


def parser() -> argparse.ArgumentParser:
    """The command line's parser: every command and option, with the help ``--help`` prints
    and the README's reference shows."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--lang", choices=("en", "zh"), default=argparse.SUPPRESS,
        help="the language of the output and of the files written (`en` by default); it may "
        "go anywhere in the command",
    )  # fmt: skip
    main_parser = _Parser(
        prog=PROG,
        description="KA Playbook calculators: list them, read their help, run one on a CSV, "
        "Excel or JSON file. 大客户销售手册的计算器。",
        epilog=f"Help for one calculator: {PROG} help SLUG. See the README for file formats, "
        "the stage map and every option.",
        parents=[common],
    )
    main_parser.add_argument(
        "--version", action="version", version=f"ka-playbook {version()}",
        help="print the package's version",
    )  # fmt: skip
    commands = main_parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )
    commands.add_parser("list", help="list every calculator", parents=[common])
    helper = commands.add_parser(
        "help", help="one calculator's settings, table columns, units and accepted values",
        parents=[common],
    )  # fmt: skip
    helper.add_argument("slug", metavar="SLUG", help="the calculator")
    schema = commands.add_parser(
        "schema", help="print a calculator's input schema as JSON", parents=[common]
    )
    schema.add_argument("slug", metavar="SLUG", help="the calculator")
    _add_run(commands, common)
    example = commands.add_parser(
        "example", help="print the worked example's inputs as JSON", parents=[common]
    )
    example.add_argument("slug", metavar="SLUG", help="the calculator")
    example.add_argument(
        "--table", metavar="KEY",
        help="this table's rows instead, as a template a rep fills in Excel: each column "
        "headed by its title and each choice written as its label, in the chosen language "
        "(CSV, or the file `-o` names)",
    )  # fmt: skip
    example.add_argument(
        "-o", "--output", metavar="FILE", help="write the table to `.csv` or `.xlsx`"
    )
    return main_parser


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # the reader closed the pipe (… | head): stop quietly, without a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    lang = getattr(args, "lang", "en")
    try:
        if args.command == "list":
            for calc in REGISTRY.values():
                print(f"{calc.slug:24} {calc.title.get(lang)}")
        elif args.command == "help":
            print(calculator_help(calculator(args.slug), lang, PROG))
        elif args.command == "schema":
            print(json.dumps(calculator(args.slug).to_dict(), ensure_ascii=False, indent=2))
        elif args.command == "example":
            _example(args, lang)
        else:
            _run(args, lang)
        sys.stdout.flush()
    except InputError as error:
        print(_error_text(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _example(args: argparse.Namespace, lang: str) -> None:
    """The worked example in the rep's language: a table as a template to fill (CSV on
    standard output, or ``-o`` a .csv or .xlsx file), headed as the page heads it; without a
    table, every input as JSON (keys, as ``run`` reads a JSON file)."""
    calc = calculator(args.slug)
    values = calc.defaults(lang)
    if args.table or args.output:
        table = table_field(calc, args.table)
        if args.output:
            _write_template(Path(args.output), calc, table, lang)
            return
        from ..tables import csv_text, input_rows

        sys.stdout.write(csv_text(*input_rows(values[table.key], table, lang)))
    else:
        print(json.dumps(values, ensure_ascii=False, indent=2))


def _run(args: argparse.Namespace, lang: str) -> None:
    calc = calculator(args.slug)
    inputs = gather_inputs(calc, args)
    if inputs.notice:  # what the reader did, before any error in the rows
        for line in inputs.notice["lines"]:
            for part in wrap(line[lang], terminal_width()):
                print(part, file=sys.stderr)
    # what the rep did not give is the worked example's, named in the rep's language
    given = {**calc.defaults(lang), **inputs.values}
    try:
        clean = calc.validate(given)
        result = calc.compute(clean).to_dict()
    except InputError as error:
        raise _in_file_rows(error, inputs) from None
    used = inputs_used(calc, clean, inputs)
    payload = {
        "calculator": calc.slug,
        "version": version(),
        **with_keys(calc, result),
        "inputs": used,
        "import": inputs.notice,
    }
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(render_text(calc, result, lang, used))
    if args.output:
        note = _write_output(
            Path(args.output), calc, result, used, lang, args.result_table, payload
        )
        print(note, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
