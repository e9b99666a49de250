"""Read a CRM export or an Excel sheet into the rows of one calculator table.

The reading layer shared by the command line and the browser's import (the same Python,
through Pyodide). It finds the encoding and delimiter, the sheet and the header row (below a
formatted report's title lines), maps the headers, leaves out total rows, converts units,
stages and close dates, and says what it did in a bilingual notice. Every cell, text or number,
CSV or Excel, goes through the same checks (unit, currency, scale, grouping and decimal mark).
Anything that could be read two ways is refused with a message naming both readings; a problem
of a whole column is said once, with the rows as the spreadsheet numbers them and the option
(on the command line) or control (in the page) that settles it. What is probably wrong but may
be right (a deal listed twice, an amount no deal has) is named as a warning, never silently
kept or dropped. Limits (file size, rows, cell length) are checked before the work they
protect.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import Field, InputError, Text, check_value, fmt
from ..core._choices import comparable, match_choice
from ..core._numbers import (
    DECIMAL_MARKS,
    DECIMAL_NAMES,
    MONEY_IN_YUAN,
    NumberProblem,
    decimal_shown,
    from_reading,
    read,
    unit_word,
)
from . import _checks, _dates, _stages
from ._cells import FormattedNumber, canonical
from ._decode import DELIMITERS, decode, sniff_delimiter
from ._headers import CLOSE_DATE, CURRENCY, HEADERS, STATUS, Header, crms_of, map_headers
from ._headers import recognised as recognised_headers
from ._limits import too_many_rows_in
from ._neutral import restore

#: The largest file the reader takes: a 10,000-deal export with many columns is a few MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Python's csv module refuses longer cells; so do we, with a message.
MAX_CELL_CHARS = 131_072
#: How far down a sheet the header row is looked for (a formatted report's title lines).
HEADER_SEARCH_ROWS = 20
#: Rows a file may hold besides the table's own: its header, title lines and total rows.
EXTRA_ROWS = 50

XLSX_SUFFIXES = (".xlsx", ".xlsm")
#: The signature of an old binary Office file (.xls), which this reader does not read.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: A total or subtotal row of a formatted report: its first cell says so (compared after
#: NFKC and case folding), alone or followed by ``:``, a bracket or a dash.
TOTAL_ROW = re.compile(
    r"^(?:grand totals?|sub-?totals?|totals?|总计|合计|小计|共计)\s*(?:$|[:：(（\-–—])"
)

#: A deal's status in a CRM that keeps it apart from the stage (Pipedrive, Dynamics 365): a won
#: deal counts at the last stage, a lost or deleted one is left out.
STATUS_WORDS: dict[str, str] = {
    "open": "open", "won": "won", "lost": "lost", "deleted": "lost",
    "进行中": "open", "跟进中": "open", "打开": "open", "赢单": "won", "已赢单": "won",
    "成交": "won", "已成交": "won", "输单": "lost", "已输单": "lost", "丢单": "lost",
    "已丢单": "lost", "已删除": "lost",
}  # fmt: skip

#: The command line's option for each problem a rep can settle, in the rep's terms.
OPTIONS: dict[str, Text] = {
    "amount_unit": Text(
        "或者在命令行加上 --amount-unit yuan（元）、wan（万元）或 yi（亿元）。",
        " Or add --amount-unit yuan, wan (10k CNY) or yi (100M CNY) on the command line.",
    ),
    "decimal_mark": Text(
        "请用命令行选项说明这个文件的数字格式：--decimal-mark point（1,234.5）"
        "或 --decimal-mark comma（1.234,5）。",
        " Say how the file writes numbers on the command line: --decimal-mark point "
        "(1,234.5) or --decimal-mark comma (1.234,5).",
    ),
    "stage_map": Text(
        "请用阶段对照表说明每个阶段对应哪一个：命令行加上 --stage-map 文件"
        "（两列：CRM 阶段，阶段；阶段写键、名称或 skip）。",
        " Say which stage each one is with a stage map: --stage-map FILE on the command line "
        "(two columns: CRM stage, stage; the stage as key, label or skip).",
    ),
}

#: The same settlements in the page, around the name of its control (from the site's words).
CONTROLS: dict[str, tuple[str, str]] = {
    "amount_unit": ("或者在下面的「{}」里选择单位。", " Or choose the unit under '{}' below."),
    "decimal_mark": (
        "请在下面的「{}」里选择这个文件的数字格式。",
        " Choose how the file writes numbers under '{}' below.",
    ),
    "stage_map": (
        "请在下面的「{}」里为每个阶段选择对应的阶段。",
        " Choose the stage each one is under '{}' below.",
    ),
}


@dataclass(frozen=True)
class ReadOptions:
    """What a rep may say about a file besides its content."""

    as_of: dt.date | None = None  # close dates count from here; None = today (and said so)
    stage_map: Mapping[str, str] = field(default_factory=dict)  # comparable CRM stage -> key
    amount_unit: str | None = None  # unit of money columns that name none: yuan, wan, yi
    decimal_mark: str | None = None  # the file's decimal mark: point (1,234.5), comma (1.234,5)
    #: the page's controls that settle a problem (key -> the control's name), or None on the
    #: command line, where messages name its options
    controls: Mapping[str, Text] | None = None
    max_bytes: int = MAX_FILE_BYTES

    def fix(self, key: str) -> Text:
        """How the rep settles problem ``key``: the command-line option, or the page's control."""
        if self.controls is None:
            return OPTIONS[key]
        name = self.controls.get(key)
        if name is None:
            return Text("", "")
        zh, en = CONTROLS[key]
        return Text(zh.format(name.zh), en.format(name.en))


@dataclass(frozen=True)
class ImportedTable:
    """The rows for the form or the model, what the reader did, and each row's row in the file."""

    rows: list[dict[str, Any]]
    notice: dict[str, Any]
    source_rows: list[int]  # the row of each kept row, as the spreadsheet numbers it (header: 1)

    def file_row(self, index: int) -> int:
        """The row in the file, as a spreadsheet numbers it, of kept row ``index`` (0-based)."""
        return self.source_rows[index] if 0 <= index < len(self.source_rows) else index + 2


class ReadError(InputError):
    """The reader's refusal, with what the page may offer to settle it (``settle``).

    ``settle`` names what the reader may choose to settle the problems found: ``amount_unit``
    and ``decimal_mark`` (when a problem names them), and ``stages``: the CRM stages nothing
    maps, with the stages they may be mapped to. Empty: no choice settles it.
    """

    def __init__(self, error: InputError, settle: dict[str, Any]) -> None:
        super().__init__(
            error.field,
            error.message.zh,
            error.message.en,
            row=error.row,
            column=error.column,
            problems=error.problems,
        )
        self.settle = settle

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "settle": self.settle}


def is_xlsx(data: bytes, filename: str) -> bool:
    """Whether a file is an Excel workbook (by name, or by its zip signature)."""
    return filename.lower().endswith(XLSX_SUFFIXES) or data[:4] == b"PK\x03\x04"


def is_xls(data: bytes, filename: str) -> bool:
    """Whether a file is an old binary Excel workbook (.xls, Excel 97–2003). A CRM's "Excel"
    export that is text under an ``.xls`` name (tab-separated, or a web page) is not one."""
    if data[:8] == OLE2:
        return True
    named = filename.lower().endswith(".xls") and not is_xlsx(data, "")
    return named and not _is_text(data)


def _is_text(data: bytes) -> bool:
    """Whether a file's bytes are text (no NUL byte near its start, or a UTF-16 mark)."""
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" not in data[:4096]


def _is_markup(data: bytes, filename: str) -> bool:
    """Whether an ``.xls`` file is a web page or Excel 2003 XML, as some CRMs export "Excel"."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return filename.lower().endswith(".xls") and start == b"<"


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
    if is_xls(data, filename):
        raise InputError(
            table.key,
            "这是旧格式的 Excel 文件（.xls，Excel 97–2003），读不了。请在 Excel 里打开它，"
            "另存为「Excel 工作簿（.xlsx）」，再导入 .xlsx 文件。",
            "This is an old Excel file (.xls, Excel 97–2003), which cannot be read. Open it "
            "in Excel, save it as 'Excel Workbook (.xlsx)', and import the .xlsx file.",
        )
    if _is_markup(data, filename):
        raise InputError(
            table.key,
            "这个 .xls 文件其实是网页（HTML 或 XML），Excel 打得开，但这里读不了。请在 Excel "
            "里打开它，另存为「Excel 工作簿（.xlsx）」，再导入 .xlsx 文件。",
            "This .xls file is really a web page (HTML or XML): Excel opens it, but it cannot "
            "be read here. Open it in Excel, save it as 'Excel Workbook (.xlsx)', and import "
            "the .xlsx file.",
        )
    notice: dict[str, Any] = {"file": filename}
    sheets: list[tuple[str, list[tuple[int, list[Any]]]]]
    if is_xlsx(data, filename):
        from . import _xlsx

        sheets = _xlsx.read_sheets(data, table.key, table.max_rows, EXTRA_ROWS)
        notice.update(format="xlsx")
    else:
        decoded = decode(data, table.key)
        delimiter = sniff_delimiter(decoded.text)
        notice.update(format="csv", encoding=decoded.encoding, delimiter=delimiter)
        sheets = [("", _limited(_csv_rows(decoded.text, delimiter, table.key), table))]
    return _Reader(table, options, notice).read(sheets)


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


def _limited(rows: Iterable[list[Any]], table: Field) -> list[tuple[int, list[Any]]]:
    """The non-empty rows with their row numbers (as a spreadsheet shows the file), refused as
    soon as there are too many."""
    kept: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(rows, start=1):
        if not any(_filled(c) for c in row):
            continue
        kept.append((number, row))
        if len(kept) > table.max_rows + EXTRA_ROWS:
            raise too_many_rows(table)
    return kept


def too_many_rows(table: Field) -> InputError:
    return too_many_rows_in(table.key, table.max_rows)


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def _text(value: Any, strip: bool = True) -> str:
    """A cell as text, a neutralised formula restored (a text column keeps its spaces)."""
    if value is None:
        return ""
    if isinstance(value, FormattedNumber):
        return value.text()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    return restore(text.strip()) if strip else restore(text)


def _count(n: int, noun: str) -> str:
    """``1 row``, ``2 rows``: an English count with its noun in the right number."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _currency_word(text: str) -> str | None:
    """The unit a currency cell names, also when a CRM writes the code beside the name
    (``CNY - Chinese Yuan``, ``人民币（CNY）``): every part that names a unit must name the same."""
    whole = unit_word(text)
    if whole is not None:
        return whole
    parts = [p for p in re.split(r"\s+[-–—/]\s+|[()（）]", text) if p.strip()]
    units = {u for u in (unit_word(p) for p in parts) if u is not None}
    return units.pop() if len(units) == 1 and len(parts) > 1 else None


def _plain_number(cell: Any) -> float | None:
    """A cell's number as a spreadsheet adds it up (its unit aside), or None if it is no
    number (text, a date, a number that reads two ways)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell)
    if isinstance(cell, FormattedNumber):
        return cell.value
    if isinstance(cell, str):
        try:
            return read(cell).value
        except NumberProblem:
            return None
    return None


def _sums_the_rows_above(cells: list[Any], above: list[tuple[int, list[Any]]]) -> bool:
    """Whether a row is a total without a word: it holds only numbers, each the sum of its
    column over the rows above it (a formatted report's ``=SUM(…)`` line under the table)."""
    numbers: list[tuple[int, float]] = []
    for index, cell in enumerate(cells):
        if _filled(cell):
            value = _plain_number(cell)
            if value is None:
                return False  # a word (a deal's name, a stage): no total without one
            numbers.append((index, value))
    if not numbers:
        return False
    if not any(_filled(c) for _, row in above for c in row):
        return False
    for index, value in numbers:
        total = 0.0
        for _, row in above:
            if index < len(row) and _filled(row[index]):
                number = _plain_number(row[index])
                if number is None:
                    return False
                total += number
        if abs(value - total) > 1e-6 * max(1.0, abs(total)):
            return False
    return True


def _quoted(texts: Iterable[str], zh: bool) -> str:
    shown = [t[:30] for t in texts if t]
    return "「" + "」「".join(shown) + "」" if zh else "'" + "', '".join(shown) + "'"


class _Problems:
    """Every problem found, a problem of many rows said once (see :meth:`errors`)."""

    def __init__(self, table: Field, options: ReadOptions) -> None:
        self.table = table
        self.options = options
        self.groups: dict[tuple[str, str], list[Any]] = {}
        self.whole: list[InputError] = []
        self.fixes: set[str] = set()  # the settings named by the problems found

    def cell(
        self, key: str, name: str, code: str, row: int, zh: str, en: str, *,
        predicate: bool = False, fix: str | None = None,
    ) -> None:  # fmt: skip
        """One cell's problem; ``name`` is the column as the file heads it ("" = in the text)."""
        group = self.groups.setdefault((key, code), [name, predicate, fix, zh, en, []])
        group[5].append(row)

    def add(self, error: InputError) -> None:
        self.whole.append(error)

    def errors(self) -> list[InputError]:
        out = list(self.whole)
        for (key, _code), (name, predicate, fix, zh, en, rows) in self.groups.items():
            first = rows[0]
            zh_sep, en_sep = ("", " ") if predicate else ("：", ": ")
            if len(rows) == 1 and name:
                text_zh = f"第 {first} 行的「{name}」{zh_sep}{zh}"
                text_en = f"'{name}' in row {first}{en_sep}{en}"
            elif len(rows) == 1:
                text_zh, text_en = f"第 {first} 行：{zh}", f"Row {first}: {en}"
            else:
                rows_zh = _checks.rows_shown(rows, "、")
                rows_en = _checks.rows_shown(rows)
                if name:
                    text_zh = (
                        f"「{name}」有 {len(rows):,} 行用不了（第 {rows_zh} 行）。"
                        f"第 {first} 行{zh_sep}{zh}"
                    )
                    text_en = (
                        f"'{name}' cannot be used in {len(rows):,} rows (rows {rows_en}). "
                        f"Row {first}{en_sep}{en}"
                    )
                else:
                    text_zh = f"有 {len(rows):,} 行是这样（第 {rows_zh} 行）：{zh}"
                    text_en = f"{len(rows):,} rows (rows {rows_en}): {en}"
            if fix is not None:
                self.fixes.add(fix)
                extra = self.options.fix(fix)
                text_zh, text_en = text_zh + extra.zh, text_en + extra.en
            column = key if key in {c.key for c in self.table.columns} else None
            out.append(InputError(self.table.key, text_zh, text_en, column=column))
        return out

    def raise_any(self, settle: dict[str, Any]) -> None:
        errors = self.errors()
        if not errors:
            return
        settle = {**settle, **{key: True for key in sorted(self.fixes)}}
        first = errors[0]
        combined = InputError(
            first.field,
            first.message.zh,
            first.message.en,
            row=first.row,
            column=first.column,
            problems=[p for e in errors for p in e.problems],
        )
        raise ReadError(combined, settle)


@dataclass
class _Units:
    """How each money column of a file is read."""

    money_keys: list[str]
    by_key: dict[str, str | None]
    source: dict[str, Text]


def _unit_line(header: Header, unit: str, why: Text) -> Text:
    """How a money column's unit was found, and that it was converted to 万元."""
    zh_unit, en_unit = {
        "yuan": ("元", "CNY"),
        "qian": ("千元", "thousand CNY"),
        "wan": ("万元", "10k CNY"),
        "baiwan": ("百万元", "CNY million"),
        "yi": ("亿元", "100M CNY"),
    }[unit]
    change_zh = "" if unit == "wan" else "，已换算成万元"
    change_en = "" if unit == "wan" else ", converted to 10k CNY"
    return Text(
        f"「{header.text}」按{why.zh}读作{zh_unit}{change_zh}。",
        f"'{header.text}' read in {en_unit} from {why.en}{change_en}.",
    )


def _file_line(notice: dict[str, Any], rows: int) -> Text:
    """What was read: the sheet, or the CSV's encoding and delimiter, and how many rows."""
    kept = notice["rows"]
    left = f"，用了 {kept} 行" if kept != rows else ""
    left_en = f", {kept} used" if kept != rows else ""
    if notice["format"] == "xlsx":
        return Text(
            f"读入了 Excel 工作表「{notice['sheet']}」：{rows} 行{left}。",
            f"Read the Excel sheet '{notice['sheet']}': {_count(rows, 'row')}{left_en}.",
        )
    zh, en = DELIMITERS[notice["delimiter"]]
    if str(notice.get("file", "")).lower().endswith(".xls"):  # a CRM's "Excel" export, as text
        return Text(
            f"读入了文本文件（扩展名是 .xls，其实不是 Excel 工作簿）：{notice['encoding']} 编码，"
            f"{zh}分隔，{rows} 行{left}。",
            f"Read a text file (named .xls, but not an Excel workbook): {notice['encoding']}, "
            f"{en}-separated, {_count(rows, 'row')}{left_en}.",
        )
    return Text(
        f"读入了 CSV：{notice['encoding']} 编码，{zh}分隔，{rows} 行{left}。",
        f"Read a CSV file: {notice['encoding']}, {en}-separated, {_count(rows, 'row')}{left_en}.",
    )


def _layout_lines(
    notice: dict[str, Any], titles: list[tuple[int, str]], totals: list[tuple[int, str]]
) -> list[Text]:
    """Where the table was: the CRM its headers come from, the sheets passed over, the title
    lines above the header and the total rows left out."""
    lines = []
    if notice.get("crm"):
        crm = notice["crm"]
        lines.append(
            Text(
                f"表头是 {crm} 导出的标准表头。",
                "The headers are those of "
                + ("a Chinese CRM's opportunity export." if crm == "商机" else f"a {crm} export."),
            )
        )
    if notice.get("sheets_passed"):
        passed = notice["sheets_passed"]
        lines.append(
            Text(
                f"跳过了没有这个表格的列的工作表：{_quoted(passed, True)}。",
                f"Sheets passed over, holding no column of this table: {_quoted(passed, False)}.",
            )
        )
    if titles:
        lines.append(
            Text(
                f"表头在第 {notice['header_row']} 行；上面的 {len(titles)} 行标题略去了："
                f"{_quoted([t for _, t in titles], True)}。行号按表格里的行号算。",
                f"The header is row {notice['header_row']}; the {len(titles)} title "
                f"line{'s' if len(titles) > 1 else ''} above it left out: "
                f"{_quoted([t for _, t in titles], False)}. Rows are numbered as in the "
                "spreadsheet.",
            )
        )
    if totals:
        rows_zh = "、".join(
            f"第 {n} 行「{t[:20]}」" if t else f"第 {n} 行（上面各行之和）" for n, t in totals[:8]
        )
        rows_en = ", ".join(
            f"row {n} '{t[:20]}'" if t else f"row {n} (the sum of the rows above)"
            for n, t in totals[:8]
        )
        lines.append(
            Text(
                f"合计行不是单子，略去了：{rows_zh}。",
                f"Total rows are not deals, left out: {rows_en}.",
            )
        )
    return lines


def _formatted_line(header: str, unit: str, count: int) -> Text:
    """A column whose cells were read by their Excel display format, and what they store."""
    if unit == "percent":
        how_zh = "百分比格式（存的是小数）"
        how_en = "a percentage format (storing fractions)"
    else:
        word_zh, word_en = {
            "yuan": ("元", "CNY"), "qian": ("千元", "thousand CNY"), "wan": ("万元", "10k CNY"),
            "baiwan": ("百万元", "CNY million"), "yi": ("亿元", "100M CNY"),
        }.get(unit, (unit, unit))  # fmt: skip
        how_zh, how_en = f"存的是{word_zh}", f"storing {word_en}"
    return Text(
        f"「{header}」有 {count} 格按 Excel 的显示格式读（{how_zh}）。",
        f"'{header}': {_count(count, 'cell')} read by {'their' if count > 1 else 'its'} "
        f"Excel display format ({how_en}).",
    )


@dataclass(frozen=True)
class _How:
    """How one file's columns are read, settled before its rows: the decimal mark, the money
    units, each row's status, the stage column, the close dates and the date they count from."""

    mapping: Any
    decimal: str | None
    units: _Units
    status: dict[int, str]
    stage_column: Field | None
    dates: dict[int, dt.date] | None
    as_of: dt.date
    #: (table key, the file's header, the table's column) of every column read
    cells: list[tuple[str, Header, Field]]


@dataclass
class _Found:
    """The rows kept and what reading them found, for the notice."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    source_rows: list[int] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    mapped: dict[tuple[str, str], int] = field(default_factory=dict)
    unmapped: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    #: rows whose close date is already past (counted as 0 months)
    past: list[int] = field(default_factory=list)
    #: each CRM stage's mapping and each choice's match, worked out once per text
    stage_of: dict[str, str | None] = field(default_factory=dict)
    choice_of: dict[tuple[str, str], str] = field(default_factory=dict)
    formatted: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass
class _Row:
    """One row being read: its cells so far, whether it is left out, the cells not to check."""

    skip: bool
    out: dict[str, Any] = field(default_factory=dict)
    unchecked: set[str] = field(default_factory=set)


class _Reader:
    """One file read into one table: the state shared by the steps of :meth:`read`."""

    def __init__(self, table: Field, options: ReadOptions, notice: dict[str, Any]) -> None:
        self.table = table
        self.options = options
        self.notice = notice
        self.lines: list[Text] = []
        self.problems = _Problems(table, options)
        self.settle: dict[str, Any] = {}
        self.columns = {c.key: c for c in table.columns}
        self.checked: dict[tuple[str, Any], Text | None] = {}  # a cell's check, once per value

    # ----------------------------------------------------------------- the sheet and the header

    def read(self, sheets: list[tuple[str, list[tuple[int, list[Any]]]]]) -> ImportedTable:
        title, rows, at = self._find_table(sheets)
        header_number, header_cells = rows[at]
        headers = [_text(h) for h in header_cells]
        mapping = map_headers(headers, self.table)
        self.notice["header_row"] = header_number
        if self.notice["format"] == "xlsx":
            self.notice["sheet"] = title
        titles = [(n, next((_text(c) for c in cells if _filled(c)), "")) for n, cells in rows[:at]]
        body: list[tuple[int, list[Any]]] = []
        totals: list[tuple[int, str]] = []
        since = 0  # where the rows a total adds up start: after the last total
        for number, cells in rows[at + 1 :]:
            first = next((c for c in cells if _filled(c)), None)
            if isinstance(first, str) and TOTAL_ROW.match(comparable(first)):
                totals.append((number, first.strip()))
                since = len(body)
            elif first is not None and (
                _sums_the_rows_above(cells, body[since:]) or _sums_the_rows_above(cells, body)
            ):  # a subtotal adds up the rows since the last total, a grand total all of them
                totals.append((number, ""))  # a total without a word: Excel's =SUM(…) row
                since = len(body)
            else:
                body.append((number, cells))
        if len(body) > self.table.max_rows:
            raise too_many_rows(self.table)
        self._check_width(body, len(headers))
        self._check_missing(mapping.columns, headers, title, header_number)
        return self._rows(mapping, headers, body, titles, totals)

    def _find_table(
        self, sheets: list[tuple[str, list[tuple[int, list[Any]]]]]
    ) -> tuple[str, list[tuple[int, list[Any]]], int]:
        """The sheet that holds the table and its header row: the row, among the first ones,
        that names most of the table's columns (title lines above it are left out)."""
        tried: list[tuple[str, int, list[str]]] = []
        keys = {c.key for c in self.table.columns}
        for title, rows in sheets:
            best, best_count = 0, 0
            for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
                count = recognised_headers([_text(c) for c in cells], self.table)
                if count > best_count:
                    best, best_count = index, count
            headers = [_text(c) for c in rows[best][1]]
            if best_count:
                mapping = map_headers(headers, self.table)
                used = set(mapping.columns) & (keys | {CLOSE_DATE})
                if used:
                    if tried:
                        self.notice["sheets_passed"] = [t for t, _, _ in tried]
                    return title, rows, best
            tried.append((title, rows[best][0], headers))
        raise self._no_column(tried)

    def _header_names(self, column: Field) -> list[str]:
        """The headers a column may have, as a rep would write them: its titles in both
        languages, then the CRMs' own, then (on the command line, which reads it) its key."""
        names = [column.label.zh, column.label.en]
        names += [h for _, k, t, h in HEADERS if k == column.key and t == 1][:4]
        if self.options.controls is None:
            names.append(column.key)
        return list(dict.fromkeys(names))

    def _where_read(self, title: str, number: int, headers: list[str]) -> Text:
        """Where the header was looked for and what it held: the sheet, its row, the columns."""
        found = (
            _quoted([h for h in headers if h][:12], True),
            _quoted([h for h in headers if h][:12], False),
        )
        if self.notice["format"] == "xlsx":
            return Text(
                f"工作表「{title}」第 {number} 行当作表头，找到的列：{found[0]}",
                f"in the sheet '{title}', row {number} read as the header, the columns found: "
                f"{found[1]}",
            )
        return Text(
            f"文件第 {number} 行当作表头，找到的列：{found[0]}",
            f"in the file, row {number} read as the header, the columns found: {found[1]}",
        )

    def _no_column(self, tried: list[tuple[str, int, list[str]]]) -> InputError:
        if self.options.controls is None:  # the command line reads a column's key too
            expected_zh = "、".join(f"{c.key}（{c.label.zh}）" for c in self.table.columns)
            expected_en = ", ".join(f"{c.key} ({c.label.en})" for c in self.table.columns)
            how_zh, how_en = (
                "表头写键或中英文名称",
                "headed by the key or the label in either language",
            )
        else:  # the page: the columns as its table heads them
            expected_zh = _quoted((c.label.zh for c in self.table.columns), True)
            expected_en = _quoted((c.label.en for c in self.table.columns), False)
            how_zh, how_en = "表头写中文或英文名称都可以", "headed in either language"
        where = [self._where_read(*each) for each in tried]
        crms = "Salesforce、HubSpot、Pipedrive、Zoho、Dynamics 365"
        return InputError(
            self.table.key,
            f"文件里没有这个表格能用的列。{'；'.join(w.zh for w in where)}。这个表格用的列："
            f"{expected_zh}（{how_zh}），也认得 {crms} 和国内 CRM 商机导出的标准表头。"
            "请确认选的是商机（单子）的导出文件，或把表头改成上面的名称。",
            f"The file has no column this table uses: {'; '.join(w.en for w in where)}. The "
            f"columns this table uses: {expected_en} ({how_en}); the standard headers of "
            f"{crms.replace('、', ', ')} and Chinese CRMs' opportunity exports are known too. "
            "Check that the file is an export of deals (opportunities), or rename its headers "
            "to these.",
        )

    def _check_width(self, body: list[tuple[int, list[Any]]], width: int) -> None:
        for number, row in body:
            extra = [c for c in row[width:] if _filled(c)]
            if extra:
                self.problems.cell(
                    "", "", "extra_cells", number,
                    f"比表头多出 {len(row) - width} 格（「{_text(extra[0])[:20]}」），"
                    "不知道属于哪一列。请给多出的格补上表头，或删掉它们。",
                    f"{_count(len(row) - width, 'more cell')} than the header "
                    f"('{_text(extra[0])[:20]}'): "
                    + ("they belong to no column. Give them a header, or delete them."
                       if len(row) - width > 1
                       else "it belongs to no column. Give it a header, or delete it."),
                )  # fmt: skip
        self.problems.raise_any(self.settle)

    def _check_missing(
        self, columns: dict[str, Header], headers: list[str], title: str, number: int
    ) -> None:
        """A column every row needs and no header names: said once, with where the header was
        read (the sheet, its row) and the columns found there."""
        where = self._where_read(title, number, headers)
        for column in self.table.columns:
            if column.key in columns or (column.key == "months_to_close" and CLOSE_DATE in columns):
                continue
            try:
                check_value(column, None, row=0, parent=self.table.key)
            except InputError:
                names = self._header_names(column)
                self.problems.add(
                    InputError(
                        self.table.key,
                        f"文件里没有「{column.label.zh}」这一列，而每一行都要填它。{where.zh}。"
                        f"请把写着{column.label.zh}的那一列的表头改成{_quoted(names, True)}之一。",
                        f"The file has no column for '{column.label.en}', which every row "
                        f"needs: {where.en}. Rename the column that holds it to one of "
                        f"{_quoted(names, False)}.",
                        column=column.key,
                    )
                )
        self.problems.raise_any(self.settle)

    # ----------------------------------------------------------------- the rows

    def _rows(
        self,
        mapping: Any,
        headers: list[str],
        body: list[tuple[int, list[Any]]],
        titles: list[tuple[int, str]],
        totals: list[tuple[int, str]],
    ) -> ImportedTable:
        """Every row converted (numbers, stages, choices, close dates), the rows a status or
        a stage leaves out dropped, every problem said at once; then the notice."""
        how = self._how(mapping, body)
        found = _Found()
        for number, raw in body:
            out = self._row(how, found, number, raw)
            if out is not None:
                found.rows.append(out)
                found.source_rows.append(number)
        self._unmapped_stages(how.stage_column, found.unmapped)
        self.problems.raise_any(self.settle)
        if not found.rows:
            raise InputError(
                self.table.key,
                "文件里没有可用的行（都被略去了或是空行）。",
                "The file has no rows left to use (all were left out or empty).",
            )
        return self._imported(how, found, headers, body, titles, totals)

    def _how(self, mapping: Any, body: list[tuple[int, list[Any]]]) -> _How:
        """How this file's columns are read, settled once for every row."""
        columns = self.columns
        return _How(
            mapping=mapping,
            decimal=self._decimal_mark(mapping.columns, body),
            units=self._money_units(mapping.columns, body),
            status=self._status(mapping.columns.get(STATUS), body),
            stage_column=next((c for c in self.table.columns if _stages.is_stage_column(c)), None),
            dates=self._close_dates(mapping.columns.get(CLOSE_DATE), body),
            as_of=self.options.as_of or dt.date.today(),
            cells=[(k, h, columns[k]) for k, h in mapping.columns.items() if k in columns],
        )

    def _row(self, how: _How, found: _Found, number: int, raw: list[Any]) -> dict[str, Any] | None:
        """One row of the file as the table's row; None when its status or stage leaves it out
        (its cells are still read, so that every problem is found)."""
        row = _Row(skip=how.status.get(number) == "lost")
        if row.skip:
            found.by_status["lost"] += 1
        for key, header, column in how.cells:
            value = raw[header.index] if header.index < len(raw) else None
            if not _filled(value):
                row.out[key] = ""
                continue
            try:
                self._cell(how, found, row, number, key, header, column, value)
            except NumberProblem as problem:
                row.unchecked.add(key)
                self.problems.cell(
                    key, header.text, problem.code or "number", number, problem.zh,
                    problem.en, predicate=problem.predicate, fix=_FIXES.get(problem.code),
                )  # fmt: skip
        if how.dates is not None and "months_to_close" in self.columns:
            row.out["months_to_close"] = self._months(how.dates, how.as_of, found, row, number)
        if row.skip:
            return None
        self._check_cells(row.out, row.unchecked, number)
        return row.out

    def _cell(
        self,
        how: _How,
        found: _Found,
        row: _Row,
        number: int,
        key: str,
        header: Header,
        column: Field,
        value: Any,
    ) -> None:
        """One filled cell into the row: a number, a stage, a choice or text."""
        if column.kind in ("number", "integer"):
            if isinstance(value, FormattedNumber):
                found.formatted[(key, value.unit)] += 1
            row.out[key] = self._number(value, column, header, how.units, how.decimal)
        elif column is how.stage_column:
            self._stage_cell(how, found, row, number, key, column, _text(value))
        elif column.kind == "choice":
            text = _text(value)
            if (key, text) not in found.choice_of:
                choices = [(c.value, c.names) for c in column.choices]
                found.choice_of[key, text] = match_choice(text, choices) or text
            row.out[key] = found.choice_of[key, text]
        else:
            row.out[key] = _text(value, strip=False)

    def _stage_cell(
        self, how: _How, found: _Found, row: _Row, number: int, key: str, column: Field, text: str
    ) -> None:
        """A CRM stage mapped to the table's stage: a won status counts at the last stage, an
        unknown stage is kept as written (and said), a stage mapped to skip leaves the row out."""
        if text not in found.stage_of:  # a CRM export repeats a handful of stages
            found.stage_of[text] = _stages.map_stage(text, column, self.options.stage_map)
        stage = found.stage_of[text]
        if row.skip:
            return
        if how.status.get(number) == "won":  # said in the notice by status
            found.by_status["won"] += 1
            row.out[key] = "deposit_received"
        elif stage is None:
            found.unmapped[text] += 1
            row.out[key] = text
            row.unchecked.add(key)
        elif stage == _stages.SKIP:
            found.skipped[text] += 1
            row.skip = True
        else:
            row.out[key] = stage
            if stage != text:
                found.mapped[(text, stage)] = found.mapped.get((text, stage), 0) + 1

    def _months(
        self, dates: dict[int, dt.date], as_of: dt.date, found: _Found, row: _Row, number: int
    ) -> float | str:
        """Months from the as-of date to the row's close date; a date already past counts as
        0 (and is said), a blank date stays blank."""
        close = dates.get(number)
        if close is None:
            return ""
        months = _dates.months_between(as_of, close)
        if months < 0:
            if not row.skip:
                found.past.append(number)
            months = 0.0
        return months

    def _unmapped_stages(self, stage_column: Field | None, unmapped: Counter[str]) -> None:
        """CRM stages nothing maps: one problem, and the choices the page offers to settle it."""
        if not unmapped or stage_column is None:
            return
        self.problems.whole.insert(0, self._unmapped_error(stage_column, unmapped))
        self.settle["stages"] = {
            "unmapped": list(unmapped),
            "choices": [
                {"value": c.value, "label": c.label.to_dict()} for c in stage_column.choices
            ]
            + [{"value": _stages.SKIP, "label": {"zh": "略去", "en": "Leave out"}}],
        }

    def _imported(
        self,
        how: _How,
        found: _Found,
        headers: list[str],
        body: list[tuple[int, list[Any]]],
        titles: list[tuple[int, str]],
        totals: list[tuple[int, str]],
    ) -> ImportedTable:
        """The rows kept, with the notice of what the reader did and what to check."""
        mapping, units, rows = how.mapping, how.units, found.rows
        money = [k for k in units.money_keys if k in mapping.columns]
        warnings = _checks.duplicates(rows, found.source_rows, money)
        warnings += _checks.implausible_amounts(rows, found.source_rows, money, units.by_key)
        self.notice.update(
            rows=len(rows),
            columns={k: h.text for k, h in mapping.columns.items()},
            ignored=[h.text for h in mapping.ignored],
            units={k: v for k, v in units.by_key.items() if v is not None},
            stages=[{"from": f, "to": t, "rows": n} for (f, t), n in found.mapped.items()],
            skipped=[{"stage": s, "rows": n} for s, n in found.skipped.items()],
            title_rows=[{"row": n, "text": t} for n, t in titles],
            total_rows=[{"row": n, "text": t} for n, t in totals],
            warnings=[w.to_dict() for w in warnings],
            crm=next(iter(crms_of(headers)), None),
        )
        self._describe(mapping, body, units, found.formatted, titles, totals)
        self._describe_stages(how.stage_column, found.mapped)
        self._describe_status(mapping, found.by_status)
        self._describe_skipped(found.skipped)
        if how.dates is not None:
            self._describe_dates(mapping.columns[CLOSE_DATE].text, how.as_of, found.past)
        for warning in warnings:
            self.lines.append(
                Text(f"请留意：{warning.text.zh}", f"Please check: {warning.text.en}")
            )
        self.notice["lines"] = [line.to_dict() for line in self.lines]
        return ImportedTable(rows, self.notice, found.source_rows)

    def _describe_stages(
        self, stage_column: Field | None, mapped: dict[tuple[str, str], int]
    ) -> None:
        """Which CRM stage became which of the table's stages, and in how many rows."""
        if not mapped or stage_column is None:
            return
        parts_zh = "；".join(
            f"「{f}」→「{stage_column.choice(t).label.zh}」{n} 行" for (f, t), n in mapped.items()
        )
        parts_en = "; ".join(
            f"'{f}' → '{stage_column.choice(t).label.en}' ({n})" for (f, t), n in mapped.items()
        )
        self.lines.append(Text(f"阶段对照：{parts_zh}。", f"Stages mapped: {parts_en}."))

    def _describe_status(self, mapping: Any, by_status: Counter[str]) -> None:
        """How many rows the status column counted as won, and how many it left out."""
        if not by_status or STATUS not in mapping.columns:
            return
        name = mapping.columns[STATUS].text
        won, lost = by_status["won"], by_status["lost"]
        self.notice["status"] = {"column": name, "won": won, "lost": lost}
        self.lines.append(
            Text(
                f"按「{name}」：已赢单的 {won} 行算作「达成协议并领取定金」，"
                f"已输单或已删除的 {lost} 行略去。",
                f"From '{name}': {won} won deal{'s' if won != 1 else ''} counted as "
                f"agreement reached, {lost} lost or deleted left out.",
            )
        )

    def _describe_skipped(self, skipped: Counter[str]) -> None:
        """The rows left out because their stage maps to skip."""
        if not skipped:
            return
        parts_zh = "；".join(f"「{s}」{n} 行" for s, n in skipped.items())
        parts_en = "; ".join(f"'{s}' ({n})" for s, n in skipped.items())
        self.lines.append(
            Text(
                f"略去了已丢单或还没有明确需求的单子：{parts_zh}。",
                f"Left out, as lost or not yet a deal with a defined need: {parts_en}.",
            )
        )

    def _check_cells(self, out: dict[str, Any], unchecked: set[str], number: int) -> None:
        """Each cell against its column's rules, as the model will check it, but named by its
        row in the file (a blank name, an amount below zero…)."""
        checked = self.checked
        for key, value in out.items():
            if key in unchecked or key not in self.columns:
                continue
            if (key, value) not in checked:  # a CRM export repeats its stages and amounts
                try:
                    check_value(self.columns[key], value)
                    checked[key, value] = None
                except InputError as error:
                    checked[key, value] = error.message
            message = checked[key, value]
            if message is not None:
                self.problems.cell(key, "", "check:" + message.en, number, message.zh, message.en)

    # ----------------------------------------------------------------- what the notice says

    def _describe(
        self,
        mapping: Any,
        body: list[tuple[int, list[Any]]],
        units: _Units,
        formatted: Counter[tuple[str, str]],
        titles: list[tuple[int, str]],
        totals: list[tuple[int, str]],
    ) -> None:
        """The notice's lines on the file: what was read, where the table was, what was left
        out or not used, and how units and Excel formats were read."""
        notice = self.notice
        self.lines.append(_file_line(notice, len(body)))
        self.lines.extend(_layout_lines(notice, titles, totals))
        if notice.get("decimal_mark_line"):
            self.lines.append(notice.pop("decimal_mark_line"))
        if mapping.ignored:
            names = [h.text for h in mapping.ignored]
            self.lines.append(
                Text(f"没有用到的列：{_quoted(names, True)}。", f"Columns not used: "
                     f"{_quoted(names, False)}.")
            )  # fmt: skip
        for key in units.money_keys:
            if key in units.source:
                self.lines.append(units.source[key])
        for (key, unit), count in formatted.items():
            self.lines.append(_formatted_line(mapping.columns[key].text, unit, count))
        if notice.get("currency_blank_line"):
            self.lines.append(notice.pop("currency_blank_line"))
        if notice.get("status_line"):
            self.lines.append(notice.pop("status_line"))

    def _describe_dates(self, date_header: str, as_of: dt.date, past: list[int]) -> None:
        origin = "given" if self.options.as_of else "today"
        self.notice.update(as_of=as_of.isoformat(), as_of_origin=origin, past_close_rows=past)
        when_zh = "（今天）" if origin == "today" else " "
        when_en = " (today)" if origin == "today" else ""
        self.lines.append(
            Text(
                f"预计成交月数由「{date_header}」算出，从 {as_of.isoformat()}{when_zh}起算"
                f"（天数 ÷ 30.44，保留一位小数）。",
                f"Months to close come from '{date_header}', counted from {as_of.isoformat()}"
                f"{when_en} (days ÷ 30.44, to one decimal).",
            )
        )
        if past:
            shown = _checks.rows_shown(past)
            self.lines.append(
                Text(
                    f"有 {len(past)} 个单子的预计成交日期已过（第 {_checks.rows_shown(past, '、')} "
                    "行）：按马上成交（0 个月）计算，请在 CRM 里更新。",
                    f"{len(past)} close date{'s are' if len(past) > 1 else ' is'} already past "
                    f"(row{'s' if len(past) > 1 else ''} {shown}): counted as closing now "
                    f"(0 months); update {'them' if len(past) > 1 else 'it'} in the CRM.",
                )
            )

    # ----------------------------------------------------------------- numbers and units

    def _decimal_mark(
        self, columns: dict[str, Header], body: list[tuple[int, list[Any]]]
    ) -> str | None:
        """The file's decimal mark: the rep's option, or what its numbers prove, or None."""
        if self.options.decimal_mark is not None:
            mark = DECIMAL_MARKS[self.options.decimal_mark]
            zh, en = DECIMAL_NAMES[mark]
            self.notice["decimal_mark"] = self.options.decimal_mark
            self.notice["decimal_mark_line"] = Text(
                f"数字按你选的格式读：{zh}。", f"Numbers read as you said: {en}."
            )
            return mark
        numeric = [
            h
            for k, h in columns.items()
            if k in self.columns and self.columns[k].kind in ("number", "integer")
        ]
        proof: dict[str, tuple[int, str]] = {}
        for number, raw in body:
            for header in numeric:
                value = raw[header.index] if header.index < len(raw) else None
                # only a number with two marks can prove a convention (1,234.5; 1.234.567)
                if isinstance(value, str) and sum(value.count(m) for m in ".,，．") > 1:
                    shown = decimal_shown(value)
                    if shown is not None and shown not in proof:
                        proof[shown] = (number, value.strip())
            if len(proof) == 2:
                break
        if len(proof) == 2:
            (row_a, a), (row_b, b) = proof["."], proof[","]
            self.problems.add(
                InputError(
                    self.table.key,
                    f"这个文件里的数字有两种写法：「{a}」（第 {row_a} 行，以点作小数点）和"
                    f"「{b}」（第 {row_b} 行，以逗号作小数点），不知道其他数字该按哪一种读。"
                    "请在导出前统一数字格式。",
                    f"The file writes numbers two ways: '{a}' (row {row_a}, a decimal point) and "
                    f"'{b}' (row {row_b}, a decimal comma), so the others cannot be read "
                    "without a guess. Export it with one number format.",
                )
            )
            return None
        if proof:
            mark, (row, text) = next(iter(proof.items()))
            zh, en = DECIMAL_NAMES[mark]
            self.notice["decimal_mark"] = "point" if mark == "." else "comma"
            self.notice["decimal_mark_line"] = Text(
                f"数字按{zh}读：第 {row} 行的「{text}」只能这样读。",
                f"Numbers read with {en}: '{text}' in row {row} can be read no other way.",
            )
            return mark
        return None

    def _money_units(self, columns: dict[str, Header], body: list[tuple[int, list[Any]]]) -> _Units:
        """The unit each money column is in: its header, the currency column, or the option."""
        money = [
            c
            for c in self.table.columns
            if c.unit is not None and c.unit.zh in ("万元",) and c.key in columns
        ]
        by_key: dict[str, str | None] = {}
        source: dict[str, Text] = {}
        currency = columns.get(CURRENCY)
        currency_unit = (
            self._currency_unit(currency, columns, body, money) if currency is not None else None
        )
        for column in money:
            header = columns[column.key]
            unit, why = self._column_unit(column, header, currency, currency_unit)
            by_key[column.key] = unit
            if unit in MONEY_IN_YUAN and why is not None:
                source[column.key] = _unit_line(header, unit, why)
        return _Units([c.key for c in money], by_key, source)

    def _currency_unit(
        self,
        currency: Header,
        columns: dict[str, Header],
        body: list[tuple[int, list[Any]]],
        money: list[Field],
    ) -> str | None:
        """The unit a currency column gives: yuan when it names CNY; a foreign currency is
        refused; blank currency cells beside an amount are said in the notice."""
        values = [(n, r[currency.index] if currency.index < len(r) else None) for n, r in body]
        seen = {_text(v) for _, v in values if _filled(v)}
        found = {s: _currency_word(s) for s in seen}
        foreign = sorted(s for s, u in found.items() if u != "yuan")
        if foreign:
            raise InputError(
                self.table.key,
                f"「{currency.text}」列里有人民币以外的币种：{'、'.join(foreign)}。"
                "这里只按人民币计算，请先换算。",
                f"'{currency.text}' holds currencies other than CNY: {', '.join(foreign)}. "
                "The models count in CNY: convert first.",
                column=CURRENCY,
            )
        if not seen:
            return None
        amounts = [columns[c.key].index for c in money]
        blank = [
            n
            for (n, v), (_, r) in zip(values, body, strict=True)
            if not _filled(v) and any(i < len(r) and _filled(r[i]) for i in amounts)
        ]
        if blank:
            self.notice["currency_blank_rows"] = blank
            self.notice["currency_blank_line"] = Text(
                f"「{currency.text}」在第 {_checks.rows_shown(blank, '、')} 行是空的："
                "和其他行一样按人民币读。",
                f"'{currency.text}' is blank in row{'s' if len(blank) > 1 else ''} "
                f"{_checks.rows_shown(blank)}: read in CNY like the other rows.",
            )
        return "yuan"

    def _column_unit(
        self, column: Field, header: Header, currency: Header | None, currency_unit: str | None
    ) -> tuple[str | None, Text | None]:
        """A money column's unit and where it comes from, first found: its header, its key
        (amount_wan names 万元), the currency column, the option; None when nothing says."""
        names_unit = header.name == comparable(column.key)  # amount_wan: the key names 万元
        if header.unit is not None:
            return header.unit, Text("表头", "its header")
        if names_unit:
            return "wan", None
        if currency_unit is not None and currency is not None:
            return currency_unit, Text(f"「{currency.text}」列", f"the column '{currency.text}'")
        if self.options.amount_unit is not None:
            return self.options.amount_unit, Text("选项", "the option you gave")
        return None, None

    def _number(
        self,
        value: Any,
        column: Field,
        header: Header,
        units: _Units,
        decimal: str | None,
    ) -> float:
        """One number cell in the column's unit, through the checks text gets (money converted;
        see :mod:`calculators.core._numbers`). A stored Excel number is read as the text it
        shows."""
        is_money = column.key in units.by_key
        unit = units.by_key.get(column.key) if is_money else header.unit
        mark: str | None
        if isinstance(value, bool):
            raise NumberProblem("必须是数字。", "must be a number.", code="not_a_number")
        if isinstance(value, FormattedNumber):
            text, mark = value.text(), "."
        elif isinstance(value, (int, float)):
            text, mark = canonical(value), "."
        else:
            text, mark = restore(str(value)), decimal
        never_negative = column.minimum is not None and column.minimum >= 0
        try:
            reading = read(text, mark, in_file=True)
        except NumberProblem:
            bracketed = text.strip()[:1] in "(（" and text.strip()[-1:] in ")）"
            if never_negative and bracketed:  # whatever its grouping, it cannot be negative
                raise _accounting_negative(text, None) from None
            raise
        if is_money and unit is None and reading.unit is None:
            raise _unitless(text, header)
        unit_zh, unit_en = (column.unit.zh, column.unit.en) if column.unit else (None, None)
        number = from_reading(reading, text, unit_zh, unit_en, column_unit=unit)
        if reading.accounting and never_negative:
            raise _accounting_negative(text, reading.value)
        return number

    # ----------------------------------------------------------------- status, dates, stages

    def _status(self, header: Header | None, body: list[tuple[int, list[Any]]]) -> dict[int, str]:
        """Each row's status (open, won, lost) from a status column whose values all say one."""
        if header is None:
            return {}
        found: dict[int, str] = {}
        unknown: set[str] = set()
        for number, raw in body:
            value = raw[header.index] if header.index < len(raw) else None
            if not _filled(value):
                continue
            word = STATUS_WORDS.get(comparable(_text(value)))
            if word is None:
                unknown.add(_text(value))
            else:
                found[number] = word
        if unknown:
            names = sorted(unknown)[:8]
            self.notice["status_line"] = Text(
                f"没有用「{header.text}」：它的值{_quoted(names, True)}不是进行中、赢单或输单。",
                f"'{header.text}' not used: its values {_quoted(names, False)} are not open, "
                "won or lost.",
            )
            return {}
        return found

    def _close_dates(
        self, header: Header | None, body: list[tuple[int, list[Any]]]
    ) -> dict[int, dt.date] | None:
        """Each row's close date (by its row in the file), the column's day/month order
        settled."""
        if header is None:
            return None
        found: dict[int, dt.date | _dates.DayMonth] = {}
        texts: dict[int, str] = {}
        for number, row in body:
            value = row[header.index] if header.index < len(row) else None
            if not _filled(value):
                continue
            texts[number] = _text(value)
            try:
                found[number] = _dates.read_date(value)
            except _dates.DateProblem as problem:
                self._date_problem(header, number, problem)
        try:
            order = _dates.column_order(
                [v for v in found.values() if isinstance(v, _dates.DayMonth)]
            )
        except _dates.DateProblem as problem:
            self.problems.add(
                InputError(
                    self.table.key,
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
                self._date_problem(header, number, problem)
        return dates

    def _date_problem(self, header: Header, number: int, problem: Any) -> None:
        self.problems.cell("months_to_close", header.text, "date", number, problem.zh, problem.en)

    def _unmapped_error(self, column: Field, unmapped: Counter[str]) -> InputError:
        stages_zh = "、".join(c.label.zh for c in column.choices)
        stages_en = "; ".join(c.label.en for c in column.choices)
        fix = self.options.fix("stage_map")
        return InputError(
            self.table.key,
            f"这些销售阶段对不上本方法的阶段：{_quoted(list(unmapped), True)}。"
            f"可用的阶段：{stages_zh}。{fix.zh}",
            f"These sales stages do not map to the method's stages: "
            f"{_quoted(list(unmapped), False)}. The stages: {stages_en}.{fix.en}",
            column="stage",
        )


#: The setting that settles each kind of number problem, when one does.
_FIXES = {"unitless": "amount_unit", "decimal_mark": "decimal_mark"}


def _accounting_negative(text: str, value: float | None) -> NumberProblem:
    """An amount in brackets, an accountant's negative, where no negative is possible; its
    value is named when it reads one way only."""
    shown = text.strip()[:30]
    value_zh = f"（{fmt(value)}）" if value is not None else ""
    value_en = f" ({fmt(value)})" if value is not None else ""
    return NumberProblem(
        f"「{shown}」是会计写法的负数{value_zh}，而这里不能是负数。"
        "如果是退款或冲销，请把这一行删掉；如果括号只是格式，请去掉括号。",
        f"'{shown}' is an accountant's negative{value_en}, and this cannot be negative. If it "
        "is a refund or a reversal, delete the row; if the brackets are only formatting, "
        "remove them.",
        code="accounting_negative",
    )


def _unitless(text: str, header: Header) -> NumberProblem:
    shown = text.strip()[:30]
    try:
        as_yuan = fmt(read(shown).value / 10_000, 4)
    except NumberProblem:
        as_yuan = "?"
    return NumberProblem(
        f"「{header.text}」这一列没有写单位：「{shown}」可以是 {shown} 万元，"
        f"也可以是 {as_yuan} 万元（按元算）。请在表头写明单位，"
        f"例如「{header.text}（元）」或「{header.text}（万元）」，"
        "或在每格里写上单位（「200 万元」「¥2,000,000」）。",
        f"The column '{header.text}' names no unit: '{shown}' can be {shown} × 10k CNY or "
        f"{as_yuan} × 10k CNY (if it is in CNY). Name the unit in the header, e.g. "
        f"'{header.text} (CNY)' or '{header.text} (10k CNY)',"
        " or in each cell ('200万', '¥2,000,000').",
        code="unitless",
    )
