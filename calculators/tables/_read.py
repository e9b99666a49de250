"""Read a CRM export or an Excel sheet into the rows of one calculator table.

The reading layer shared by the command line and the browser's import (the same Python,
through Pyodide). It finds the encoding and delimiter, maps the headers, converts units,
stages and close dates, and says what it did in a bilingual notice. Anything that could be
read two ways is refused with a message naming both readings. Limits (file size, rows, cell
length) are checked before the work they protect.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._choices import comparable, match_choice
from .._numbers import MONEY_IN_YUAN, NumberProblem, convert, parse_number, read, unit_word
from .._schema import Field, InputError, Text, fmt, raise_problems
from . import _dates, _stages
from ._decode import DELIMITERS, decode, sniff_delimiter
from ._headers import CLOSE_DATE, CURRENCY, Header, map_headers
from ._neutral import restore

#: The largest file the reader takes: a 10,000-deal export with many columns is a few MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Python's csv module refuses longer cells; so do we, with a message.
MAX_CELL_CHARS = 131_072

XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class ReadOptions:
    """What a rep may say about a file besides its content."""

    as_of: dt.date | None = None  # close dates count from here; None = today (and said so)
    stage_map: Mapping[str, str] = field(default_factory=dict)  # comparable CRM stage -> key
    amount_unit: str | None = None  # unit of money columns that name none: yuan, wan, yi
    max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class ImportedTable:
    """The rows for the form or the model, what the reader did, and each row's line in the file."""

    rows: list[dict[str, Any]]
    notice: dict[str, Any]
    source_rows: list[int]  # 1-based data row in the file of each row kept

    def file_row(self, index: int) -> int:
        """The file's data row (1-based) of kept row ``index`` (0-based)."""
        return self.source_rows[index] if 0 <= index < len(self.source_rows) else index + 1


def is_xlsx(data: bytes, filename: str) -> bool:
    """Whether a file is an Excel workbook (by name, or by its zip signature)."""
    return filename.lower().endswith(XLSX_SUFFIXES) or data[:4] == b"PK\x03\x04"


def read_table(
    data: bytes, filename: str, table: Field, options: ReadOptions | None = None
) -> ImportedTable:
    """The rows of ``table`` held by a file's bytes (CSV in any usual encoding, or XLSX)."""
    options = options or ReadOptions()
    if len(data) > options.max_bytes:
        raise InputError(
            table.key,
            f"文件太大：{len(data) / 1048576:.1f} MB，最多 {options.max_bytes // 1048576} MB。",
            f"The file is too big: {len(data) / 1048576:.1f} MB; at most "
            f"{options.max_bytes // 1048576} MB.",
        )
    if not data.strip():
        raise InputError(table.key, "文件是空的。", "The file is empty.")
    notice: dict[str, Any] = {"file": filename}
    if is_xlsx(data, filename):
        from . import _xlsx

        sheet, cells = _xlsx.read_cells(data, table.key, table.max_rows)
        notice.update(format="xlsx", sheet=sheet)
    else:
        decoded = decode(data, table.key)
        delimiter = sniff_delimiter(decoded.text)
        notice.update(format="csv", encoding=decoded.encoding, delimiter=delimiter)
        cells = _limited(_csv_rows(decoded.text, delimiter, table.key), table)
    return _rows(cells, table, options, notice)


def _csv_rows(text: str, delimiter: str, field: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise InputError(
                    field,
                    f"第 {reader.line_num} 行有一格超过 {MAX_CELL_CHARS:,} 个字符，"
                    "不像是 CRM 导出的表格。",
                    f"Line {reader.line_num} has a cell longer than {MAX_CELL_CHARS:,} "
                    "characters: this is not a table a CRM exports.",
                ) from None
            raise InputError(
                field,
                f"第 {reader.line_num} 行不是有效的 CSV：{error}",
                f"Line {reader.line_num} is not valid CSV: {error}",
            ) from None
        yield row


def _limited(rows: Iterable[list[Any]], table: Field) -> list[list[Any]]:
    """The non-empty rows (header included), refused as soon as there are too many."""
    kept: list[list[Any]] = []
    for row in rows:
        if not any(_filled(c) for c in row):
            continue
        kept.append(row)
        if len(kept) > table.max_rows + 1:
            raise too_many_rows(table)
    return kept


def too_many_rows(table: Field) -> InputError:
    return too_many_rows_in(table.key, table.max_rows)


def too_many_rows_in(field: str, max_rows: int) -> InputError:
    """The row limit, checked while reading: nothing beyond it is converted or computed."""
    return InputError(
        field,
        f"文件的行数超过了这个表格的上限 {max_rows:,} 行，请拆成几个文件。",
        f"The file has more rows than this table takes ({max_rows:,} at most): split it.",
    )


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _text(value: Any, strip: bool = True) -> str:
    """A cell as text, a neutralised formula restored (a text column keeps its spaces)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    return restore(text.strip()) if strip else restore(text)


@dataclass
class _Units:
    """How each money column of a file is read."""

    money_keys: list[str]
    by_key: dict[str, str | None]
    source: dict[str, Text]


def _rows(
    cells: list[list[Any]], table: Field, options: ReadOptions, notice: dict[str, Any]
) -> ImportedTable:
    if not cells:
        raise InputError(table.key, "文件里没有表格。", "The file holds no table.")
    header_cells = [_text(h) if h is not None else "" for h in cells[0]]
    mapping = map_headers(header_cells, table)
    if not any(k in mapping.columns for k in (c.key for c in table.columns)):
        expected = ", ".join(c.key for c in table.columns)
        raise InputError(
            table.key,
            f"文件里没有这个表格能用的列。可用的列：{expected}（或它们的中英文名称）。",
            f"The file has no column this table uses. Known columns: {expected} (or their "
            "labels in either language).",
        )
    body = cells[1:]
    width = len(header_cells)
    problems: list[InputError] = []
    columns = {c.key: c for c in table.columns}
    lines: list[Text] = []

    for number, row in enumerate(body, start=1):
        extra = [c for c in row[width:] if _filled(c)]
        if extra:
            problems.append(
                InputError(
                    table.key,
                    f"第 {number} 行比表头多出 {len(row) - width} 格"
                    f"（「{_text(extra[0])[:20]}」），不知道它们属于哪一列。",
                    f"Row {number} has {len(row) - width} more cells than the header "
                    f"('{_text(extra[0])[:20]}'): they belong to no column.",
                    row=number - 1,
                )
            )
    raise_problems(problems)

    units = _money_units(mapping.columns, table, options, body)
    stage_column = next((c for c in table.columns if _stages.is_stage_column(c)), None)
    dates = _close_dates(mapping.columns.get(CLOSE_DATE), body, table, problems)

    rows: list[dict[str, Any]] = []
    source_rows: list[int] = []
    skipped: Counter[str] = Counter()
    mapped: dict[tuple[str, str], int] = {}
    unmapped: Counter[str] = Counter()
    past: list[int] = []
    stage_of: dict[str, str | None] = {}
    choice_of: dict[tuple[str, str], str] = {}
    as_of = options.as_of or dt.date.today()
    for number, raw in enumerate(body, start=1):
        out: dict[str, Any] = {}
        skip = False
        for key, header in mapping.columns.items():
            value = raw[header.index] if header.index < len(raw) else None
            if key in (CLOSE_DATE, CURRENCY):
                continue
            column = columns[key]
            if not _filled(value):
                out[key] = ""
                continue
            try:
                if column.kind in ("number", "integer"):
                    out[key] = _number(value, column, header, units, raw, number)
                elif column is stage_column:
                    text = _text(value)
                    if text not in stage_of:  # a CRM export repeats a handful of stages
                        stage_of[text] = _stages.map_stage(text, column, options.stage_map)
                    stage = stage_of[text]
                    if stage is None:
                        unmapped[text] += 1
                        out[key] = text
                    elif stage == _stages.SKIP:
                        skipped[text] += 1
                        skip = True
                    else:
                        out[key] = stage
                        if stage != text:
                            mapped[(text, stage)] = mapped.get((text, stage), 0) + 1
                elif column.kind == "choice":
                    text = _text(value)
                    if (key, text) not in choice_of:
                        choices = [(c.value, (c.label.zh, c.label.en)) for c in column.choices]
                        choice_of[key, text] = match_choice(text, choices) or text
                    out[key] = choice_of[key, text]
                else:
                    out[key] = _text(value, strip=False)
            except NumberProblem as problem:
                problems.append(_cell_error(table, column, number, problem.zh, problem.en))
        if dates is not None and "months_to_close" in columns:
            close = dates.get(number)
            if close is None:
                out["months_to_close"] = ""
            else:
                months = _dates.months_between(as_of, close)
                if months < 0:
                    if not skip:
                        past.append(number)
                    months = 0.0
                out["months_to_close"] = months
        if skip:
            continue
        rows.append(out)
        source_rows.append(number)
    if unmapped:
        problems.insert(0, _unmapped_error(table, stage_column, unmapped))
    raise_problems(problems)
    if not rows:
        raise InputError(
            table.key,
            "文件里没有可用的行（都被略去了或是空行）。",
            "The file has no rows left to use (all were left out or empty).",
        )

    notice.update(
        rows=len(rows),
        columns={k: h.text for k, h in mapping.columns.items()},
        ignored=[h.text for h in mapping.ignored],
        units={k: v for k, v in units.by_key.items() if v is not None},
        stages=[{"from": f, "to": t, "rows": n} for (f, t), n in mapped.items()],
        skipped=[{"stage": s, "rows": n} for s, n in skipped.items()],
    )
    lines.append(_read_line(notice, len(body)))
    if mapping.ignored:
        names = "」「".join(h.text for h in mapping.ignored)
        names_en = "', '".join(h.text for h in mapping.ignored)
        lines.append(Text(f"没有用到的列：「{names}」。", f"Columns not used: '{names_en}'."))
    for key in units.money_keys:
        if key in units.source:
            lines.append(units.source[key])
    if mapped and stage_column is not None:
        parts_zh = "；".join(
            f"「{f}」→「{stage_column.choice(t).label.zh}」{n} 行" for (f, t), n in mapped.items()
        )
        parts_en = "; ".join(
            f"'{f}' → '{stage_column.choice(t).label.en}' ({n})" for (f, t), n in mapped.items()
        )
        lines.append(Text(f"阶段对照：{parts_zh}。", f"Stages mapped: {parts_en}."))
    if skipped:
        parts_zh = "；".join(f"「{s}」{n} 行" for s, n in skipped.items())
        parts_en = "; ".join(f"'{s}' ({n})" for s, n in skipped.items())
        lines.append(
            Text(
                f"略去了已丢单或还没有明确需求的单子：{parts_zh}。",
                f"Left out, as lost or not yet a deal with a defined need: {parts_en}.",
            )
        )
    if dates is not None:
        date_header = mapping.columns[CLOSE_DATE].text
        origin = "given" if options.as_of else "today"
        notice.update(as_of=as_of.isoformat(), as_of_origin=origin, past_close_rows=past)
        when_zh = "（今天）" if origin == "today" else " "
        when_en = " (today)" if origin == "today" else ""
        lines.append(
            Text(
                f"预计成交月数由「{date_header}」算出，从 {as_of.isoformat()}{when_zh}起算"
                f"（天数 ÷ 30.44，保留一位小数）。",
                f"Months to close come from '{date_header}', counted from {as_of.isoformat()}"
                f"{when_en} (days ÷ 30.44, to one decimal).",
            )
        )
        if past:
            shown = ", ".join(str(n) for n in past[:10]) + ("…" if len(past) > 10 else "")
            lines.append(
                Text(
                    f"有 {len(past)} 个单子的预计成交日期已过（第 {shown} 行）："
                    "按马上成交（0 个月）计算，请在 CRM 里更新。",
                    f"{len(past)} close date{'s are' if len(past) > 1 else ' is'} already past "
                    f"(row{'s' if len(past) > 1 else ''} {shown}): counted as closing now "
                    "(0 months); update them in the CRM.",
                )
            )
    notice["lines"] = [line.to_dict() for line in lines]
    return ImportedTable(rows, notice, source_rows)


def _read_line(notice: dict[str, Any], rows: int) -> Text:
    kept = notice["rows"]
    left = f"，用了 {kept} 行" if kept != rows else ""
    left_en = f", {kept} used" if kept != rows else ""
    if notice["format"] == "xlsx":
        return Text(
            f"读入了 Excel 工作表「{notice['sheet']}」：{rows} 行{left}。",
            f"Read the Excel sheet '{notice['sheet']}': {rows} rows{left_en}.",
        )
    zh, en = DELIMITERS[notice["delimiter"]]
    return Text(
        f"读入了 CSV：{notice['encoding']} 编码，{zh}分隔，{rows} 行{left}。",
        f"Read a CSV file: {notice['encoding']}, {en}-separated, {rows} rows{left_en}.",
    )


def _cell_error(table: Field, column: Field, number: int, zh: str, en: str) -> InputError:
    return InputError(
        table.key,
        f"第 {number} 行的「{column.label.zh}」：{zh}",
        f"'{column.label.en}' in row {number}: {en}",
        row=number - 1,
        column=column.key,
    )


def _money_units(
    columns: dict[str, Header], table: Field, options: ReadOptions, body: list[list[Any]]
) -> _Units:
    """The unit each money column is in: its header, the currency column, or the option."""
    money = [
        c
        for c in table.columns
        if c.unit is not None and c.unit.zh in ("万元",) and c.key in columns
    ]
    by_key: dict[str, str | None] = {}
    source: dict[str, Text] = {}
    currency = columns.get(CURRENCY)
    currency_unit: str | None = None
    if currency is not None:
        seen = {_text(r[currency.index]) for r in body if currency.index < len(r)} - {""}
        found = {s: unit_word(s) for s in seen}
        foreign = sorted(s for s, u in found.items() if u != "yuan")
        if foreign:
            raise InputError(
                table.key,
                f"「{currency.text}」列里有人民币以外的币种：{'、'.join(foreign)}。"
                "这里只按人民币计算，请先换算。",
                f"'{currency.text}' holds currencies other than CNY: {', '.join(foreign)}. "
                "The models count in CNY: convert first.",
                column=CURRENCY,
            )
        if seen:
            currency_unit = "yuan"
    for column in money:
        header = columns[column.key]
        names_unit = header.name == comparable(column.key)  # amount_wan: the key names 万元
        if header.unit is not None:
            unit, why = header.unit, Text("表头", "its header")
        elif names_unit:
            unit, why = "wan", None
        elif currency_unit is not None:
            unit = currency_unit
            why = Text(f"「{currency.text}」列", f"the column '{currency.text}'")  # type: ignore[union-attr]
        elif options.amount_unit is not None:
            unit, why = options.amount_unit, Text("选项", "the option you gave")
        else:
            unit, why = None, None
        by_key[column.key] = unit
        if unit in MONEY_IN_YUAN and why is not None:
            zh_unit, en_unit = {
                "yuan": ("元", "CNY"),
                "wan": ("万元", "10k CNY"),
                "yi": ("亿元", "100M CNY"),
            }[unit]
            change_zh = "" if unit == "wan" else "，已换算成万元"
            change_en = "" if unit == "wan" else ", converted to 10k CNY (万元)"
            source[column.key] = Text(
                f"「{header.text}」按{why.zh}读作{zh_unit}{change_zh}。",
                f"'{header.text}' read in {en_unit} from {why.en}{change_en}.",
            )
    return _Units([c.key for c in money], by_key, source)


def _number(
    value: Any, column: Field, header: Header, units: _Units, raw: list[Any], number: int
) -> float:
    """One number cell in the column's unit (money converted; see :mod:`calculators._numbers`)."""
    is_money = column.key in units.by_key
    unit = units.by_key.get(column.key) if is_money else header.unit
    if isinstance(value, bool):
        raise NumberProblem("必须是数字。", "must be a number.")
    if isinstance(value, (int, float)):
        if is_money and unit is None:
            raise _unitless(value, header)
        if is_money and unit is not None and unit in MONEY_IN_YUAN:
            return convert(float(value), unit, "wan")
        return value
    text = restore(str(value))
    unit_zh, unit_en = (column.unit.zh, column.unit.en) if column.unit else (None, None)
    if is_money and unit is None:
        try:
            names_unit = read(text).unit is not None
        except NumberProblem:
            names_unit = True  # let parse_number say what is wrong
        if not names_unit:
            raise _unitless(text, header)
    return parse_number(text, unit_zh, unit_en, column_unit=unit)


def _unitless(value: Any, header: Header) -> NumberProblem:
    shown = fmt(value) if isinstance(value, (int, float)) else str(value).strip()[:30]
    try:
        amount = read(shown).value if isinstance(value, str) else float(value)
        as_yuan = fmt(amount / 10_000, 4)
    except (NumberProblem, ValueError):
        as_yuan = "?"
    return NumberProblem(
        f"「{header.text}」这一列没有写单位：「{shown}」可以是 {shown} 万元，"
        f"也可以是 {as_yuan} 万元（按元算）。请在表头写明单位，"
        f"例如「{header.text}（元）」或「{header.text}（万元）」，"
        "或在每格里写上单位（200 万、¥2,000,000）。",
        f"The column '{header.text}' names no unit: '{shown}' can be {shown} × 10k CNY (万元) or "
        f"{as_yuan} × 10k CNY (if it is in CNY). Name the unit in the header, e.g. "
        f"'{header.text} (CNY)' or '{header.text} (万元)', or in each cell (200万, ¥2,000,000).",
    )


def _close_dates(
    header: Header | None, body: list[list[Any]], table: Field, problems: list[InputError]
) -> dict[int, dt.date] | None:
    """Each row's close date (by 1-based row), the column's day/month order settled."""
    if header is None:
        return None
    found: dict[int, dt.date | _dates.DayMonth] = {}
    texts: dict[int, str] = {}
    for number, row in enumerate(body, start=1):
        value = row[header.index] if header.index < len(row) else None
        if not _filled(value):
            continue
        texts[number] = _text(value)
        try:
            found[number] = _dates.read_date(value)
        except _dates.DateProblem as problem:
            problems.append(_date_error(table, header, number, problem))
    try:
        order = _dates.column_order([v for v in found.values() if isinstance(v, _dates.DayMonth)])
    except _dates.DateProblem as problem:
        problems.append(
            InputError(
                table.key,
                f"「{header.text}」：{problem.zh}",
                f"'{header.text}': {problem.en}",
                column="months_to_close",
            )
        )
        return {}
    dates: dict[int, dt.date] = {}
    for number, value in found.items():
        if isinstance(value, dt.date):
            dates[number] = value
            continue
        try:
            dates[number] = _dates.settle(value, order, texts[number])
        except _dates.DateProblem as problem:
            problems.append(_date_error(table, header, number, problem))
    return dates


def _date_error(table: Field, header: Header, number: int, problem: Any) -> InputError:
    return InputError(
        table.key,
        f"第 {number} 行的「{header.text}」：{problem.zh}",
        f"'{header.text}' in row {number}: {problem.en}",
        row=number - 1,
        column="months_to_close",
    )


def _unmapped_error(table: Field, column: Field | None, unmapped: Counter[str]) -> InputError:
    names = "」「".join(unmapped)
    names_en = "', '".join(unmapped)
    stages_zh = "、".join(c.label.zh for c in column.choices) if column else ""
    stages_en = "; ".join(c.label.en for c in column.choices) if column else ""
    return InputError(
        table.key,
        f"这些销售阶段对不上本方法的阶段：「{names}」。可用的阶段：{stages_zh}。"
        "请在文件里把它们改成上面的某个阶段，再导入一次；用命令行时，也可以另给一张阶段对照表。",
        f"These sales stages do not map to the method's stages: '{names_en}'. The stages: "
        f"{stages_en}. Rewrite them in the file as one of those stages and import again; on the "
        "command line, a stage map can say which is which instead.",
        column="stage",
    )
