"""Number text as reps type it and CRMs export it, read without guessing.

A CRM export or a typed form cell may hold ``１２``, ``９０％``, ``1，000``, ``¥2,000,000``,
``200万`` or ``1.5亿``. This module turns such text into a number in the unit of the field it
fills, or refuses it with a message that says why, in both languages. The rules:

* **Full-width** digits and punctuation (what a Chinese input method types) read like their
  ASCII forms (Unicode NFKC), as does the minus sign ``−``.
* **Grouping and decimal marks.** Digits are grouped in threes by a comma, a dot, a space or an
  apostrophe; the decimal mark is a dot or a comma. A number that shows both marks
  (``1,234.56``, ``1.234,56``) or repeats one (``1.234.567``) can be read one way only, and a
  comma before one group of three (``1,234``) groups, as Chinese and English software write it.
  One that can be read two ways is refused, naming both readings, unless the file's convention
  is known (:data:`DECIMAL_MARKS`): ``250.000`` is 250 with a decimal point or 250,000 with dot
  grouping; ``1,5`` is 1.5 with a decimal comma or 15 with a stray separator.
* **Accounting negatives.** ``(50,000)`` is read as −50,000 and says so (``Reading.accounting``),
  so a field that takes no negative refuses it with that reading.
* **Units.** Amounts of money are converted explicitly to the field's unit (万元): a unit in the
  cell (``元``, ``¥``, ``CNY``, ``RMB``, ``万``, ``万元``, ``亿``) wins over one named in the
  column's header (``商机金额(元)``, ``Amount (CNY)``); with neither, the number is in the
  field's own unit. Another currency (``$``, ``USD``…) is refused: the models count in CNY.
* **Percentages.** ``%`` is accepted in a percentage field; in a field of another unit
  (``101 %`` as an amount) it is refused. In a percentage field a bare number strictly between
  0 and 1 (``0.9``) can mean a fraction (90%) or a percentage (0.9%): it is refused, naming
  both, unless the column's header says the values are percentages.

Stdlib only and pure: the same rules run in the engine's validation (typed input), in the table
reader (files) and in the browser.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

#: Units of money, in yuan (元). The models count amounts in 万元.
MONEY_IN_YUAN: dict[str, int] = {
    "yuan": 1, "qian": 1_000, "wan": 10_000, "baiwan": 1_000_000, "yi": 100_000_000
}  # fmt: skip

#: How each money unit is written in a message.
UNIT_NAMES: dict[str, tuple[str, str]] = {
    "yuan": ("元", "CNY"),
    "qian": ("千元", "thousand CNY"),
    "wan": ("万元", "10k CNY"),
    "baiwan": ("百万元", "CNY million"),
    "yi": ("亿元", "100M CNY (亿元)"),
    "percent": ("%", "%"),
}

#: Words for a unit, in a cell or in a header's brackets (compared after NFKC and lower case).
UNIT_WORDS: dict[str, str] = {
    "元": "yuan",
    "块": "yuan",
    "¥": "yuan",
    "cny": "yuan",
    "rmb": "yuan",
    "人民币": "yuan",
    "人民币元": "yuan",
    "yuan": "yuan",
    "￥": "yuan",
    "chinese yuan": "yuan",
    "yuan renminbi": "yuan",
    "chinese yuan renminbi": "yuan",
    "千": "qian",
    "千元": "qian",
    "人民币千元": "qian",
    "thousand cny": "qian",
    "cny thousand": "qian",
    "cny thousands": "qian",
    "cny '000": "qian",
    "百万": "baiwan",
    "百万元": "baiwan",
    "人民币百万元": "baiwan",
    "million cny": "baiwan",
    "cny million": "baiwan",
    "cny millions": "baiwan",
    "cny m": "baiwan",
    "cny mn": "baiwan",
    "万": "wan",
    "万元": "wan",
    "人民币万元": "wan",
    "10k cny": "wan",
    "10k yuan": "wan",
    "wan": "wan",
    "亿": "yi",
    "亿元": "yi",
    "%": "percent",
    "percent": "percent",
    "百分比": "percent",
}

#: Words for months after a number (how long until a deal closes: ``3个月``, ``3 months``).
#: Never money: kept apart from :data:`UNIT_WORDS`, which currency cells and headers read.
MONTH_WORDS = frozenset({"个月", "months", "month", "mos", "mo"})
#: ``3月`` is three months, or March: refused with both readings.
MONTH_OR_MARCH = "月"
#: ``3月份`` is March, a month of the year: never a number of months.
MONTH_OF_YEAR = "月份"

#: Currencies the models cannot count in (no exchange rate is ever assumed).
FOREIGN = {"$": "USD", "usd": "USD", "us$": "USD", "us dollar": "USD", "美元": "USD",
           "€": "EUR", "eur": "EUR", "euro": "EUR", "欧元": "EUR", "£": "GBP", "gbp": "GBP",
           "pound sterling": "GBP", "英镑": "GBP", "hk$": "HKD", "hkd": "HKD",
           "hong kong dollar": "HKD", "港币": "HKD", "港元": "HKD", "jpy": "JPY", "円": "JPY",
           "japanese yen": "JPY", "日元": "JPY"}  # fmt: skip

_NUMBER = re.compile(
    r"^(?P<pre>[^\d\s.+\-]*?)\s*(?P<sign>[+\-]?)\s*(?P<pre2>[^\d\s.+\-]*?)\s*"
    r"(?P<num>\d(?:[\d,.' ]*\d)?|\.\d+)\s*(?P<suf>\D*?)$"
)
_GROUPS = re.compile(r"^\d{1,3}(?:(?P<mark>[,.' ])\d{3})(?:(?P=mark)\d{3})*$")
_ACCOUNTING = re.compile(r"^\((?P<inner>[^()]*)\)$")

#: A file's convention for the decimal mark, as a rep states it: ``point`` (1,234.5) or
#: ``comma`` (1.234,5).
DECIMAL_MARKS: dict[str, str] = {"point": ".", "comma": ","}
#: How each convention is shown in a message.
DECIMAL_NAMES: dict[str, tuple[str, str]] = {
    ".": ("以点作小数点（1,234.5）", "a decimal point (1,234.5)"),
    ",": ("以逗号作小数点（1.234,5）", "a decimal comma (1.234,5)"),
}


class NumberProblem(ValueError):
    """Why a text is not a number for its field, in both languages (without the field's name)."""

    def __init__(self, zh: str, en: str, *, predicate: bool = False, code: str = "") -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        #: the message continues the field's name ("must be a number…") rather than following it
        self.predicate = predicate
        #: what kind of problem it is (``decimal_mark``, ``unitless``…), so a file's reader can
        #: say a problem of a whole column once and name the option that settles it
        self.code = code


@dataclass(frozen=True)
class Reading:
    """A number read from text, in the unit it was written in."""

    value: float
    unit: str | None  # "yuan", "wan", "yi", "percent", "months" or None: the text names none
    accounting: bool = False  # written in brackets, an accountant's negative: (50,000)


def normalise(text: str) -> str:
    """Full-width digits and punctuation as ASCII (NFKC), the minus sign as ``-``, trimmed."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()


def unit_word(word: str) -> str | None:
    """The unit a word names (``元`` → ``yuan``), ``foreign:USD`` for another currency."""
    key = normalise(word).lower().strip()
    if key in UNIT_WORDS:
        return UNIT_WORDS[key]
    if key in FOREIGN:
        return f"foreign:{FOREIGN[key]}"
    return None


def _fmt(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def read(text: str, decimal: str | None = None, *, in_file: bool = False) -> Reading:
    """The number a text holds and the unit it names, or :class:`NumberProblem`.

    ``decimal`` is the decimal mark of the file the text comes from (``.`` or ``,``), when it is
    known; without it, a number whose marks can be read two ways is refused, naming both.
    ``in_file``: the text is a cell of an imported file. A form's ``1,234`` is 1234 (the reader
    writes as Chinese and English software do), but a file may come from software that writes a
    decimal comma, so there ``1,234`` is refused with both readings until the file's convention
    is known (stated by the rep, or proven by another of its numbers).
    """
    shown = text.strip()[:30]
    s = normalise(text)
    accounting = _ACCOUNTING.match(s)
    if accounting:
        inner = read(accounting["inner"], decimal, in_file=in_file)
        if inner.value < 0 or inner.accounting:
            raise not_a_number(shown)
        return Reading(-inner.value, inner.unit, accounting=True)
    match = _NUMBER.match(s)
    if not match:
        return Reading(_plain_float(s, shown), None)
    units = [u for u in (match["pre"], match["pre2"], match["suf"]) if u.strip()]
    if len(units) > 1:
        prefix, suffix = units[0], units[-1]
        # "¥200万" names yuan and 万 at once: the last word says how many
        if unit_word(prefix) == "yuan" and unit_word(suffix) in MONEY_IN_YUAN:
            units = [suffix]
        else:
            raise NumberProblem(
                f"「{shown}」里有两个单位。", f"'{shown}' names two units.", code="two_units"
            )
    unit = None
    if units:
        unit = unit_word(units[0]) or _months_word(units[0], match["num"], shown)
    value = float(_digits(match["num"], shown, decimal, in_file))
    if match["sign"] == "-":
        value = -value
    return Reading(value, unit)


def decimal_shown(number: str) -> str | None:
    """The decimal mark a number's own marks prove (``1,234.56`` → ``.``), or None.

    Only a number that shows both marks, or the same mark between several groups of three,
    proves its file's convention; ``250.000`` or ``1,5`` do not.
    """
    match = _NUMBER.match(normalise(number).strip("()"))
    if not match:
        return None
    num = match["num"]
    if "." in num and "," in num:
        return "." if num.rfind(".") > num.rfind(",") else ","
    grouped = _GROUPS.match(num)
    if grouped and grouped["mark"] in ".," and num.count(grouped["mark"]) > 1:
        return "," if grouped["mark"] == "." else "."
    return None


def _digits(num: str, shown: str, decimal: str | None, in_file: bool = False) -> str:
    """The digits of a number as Python reads them (grouping dropped, decimal mark a dot)."""
    if num.isdigit() or (num.startswith(".") and num[1:].isdigit()):
        return num
    marks = {c for c in num if not c.isdigit()}
    if marks & {" ", "'"}:  # a space or an apostrophe only ever groups
        return _space_grouped(num, marks, shown, decimal)
    if marks == {".", ","}:  # both marks: the last one is the decimal mark
        return _both_marks(num, shown, decimal)
    mark = marks.pop()
    grouped = bool(_GROUPS.match(num))
    if num.count(mark) > 1:  # several groups: the mark groups, never a decimal
        if not grouped or decimal == mark:
            raise _bad_groups(shown) if decimal != mark else _against(shown, decimal)
        return num.replace(mark, "")
    whole, _, fraction = num.partition(mark)
    as_decimal = f"{whole}.{fraction}"
    as_grouped = whole + fraction
    if decimal == mark:
        return as_decimal
    if decimal is not None:  # the other mark is the decimal one: this one groups
        if not grouped:
            raise _bad_groups(shown)
        return as_grouped
    if mark == ",":  # Chinese and English software group with commas: typed, 1,234 is 1234
        if grouped and not in_file:  # a file's convention is unknown here: both readings
            return as_grouped
        raise _two_readings(shown, as_decimal, as_grouped, mark)
    if grouped and not whole.startswith("0"):  # 250.000: a decimal point, or dot grouping
        raise _two_readings(shown, as_decimal, as_grouped, mark)
    return as_decimal


def _space_grouped(num: str, marks: set[str], shown: str, decimal: str | None) -> str:
    """A number grouped by spaces or apostrophes (1 234 567,5; 1'234.5): the other mark, if
    any, is the decimal one, and must agree with the file's."""
    group = next(m for m in (" ", "'") if m in marks)
    rest = marks - {group}
    if len(rest) > 1 or (decimal is not None and rest and rest != {decimal}):
        raise _bad_groups(shown)
    whole, _, fraction = num.partition(rest.pop()) if rest else (num, "", "")
    if not _GROUPS.match(whole) or (rest and not fraction.isdigit()):
        raise _bad_groups(shown)
    return whole.replace(group, "") + ("." + fraction if fraction else "")


def _both_marks(num: str, shown: str, decimal: str | None) -> str:
    """A number with both a point and a comma: the last one is the decimal mark (1,234.5 and
    1.234,5), and must agree with the file's."""
    point = "." if num.rfind(".") > num.rfind(",") else ","
    grouping = "," if point == "." else "."
    whole, _, fraction = num.rpartition(point)
    if decimal is not None and decimal != point:
        raise _against(shown, decimal)
    if not _GROUPS.match(whole) or not fraction.isdigit():
        raise _bad_groups(shown)
    return whole.replace(grouping, "") + "." + fraction


def _two_readings(shown: str, as_decimal: str, as_grouped: str, mark: str) -> NumberProblem:
    point = _fmt(float(as_decimal))
    joined = str(int(as_grouped))
    name_zh = "点" if mark == "." else "逗号"
    name_en = "point" if mark == "." else "comma"
    return NumberProblem(
        f"「{shown}」有两种读法：{point}（{name_zh}当小数点）或 {joined}"
        f"（{name_zh}当千位分隔符）。请写成 {point} 或 {joined}。",
        f"'{shown}' can be read two ways: {point} (a decimal {name_en}) or {joined} "
        f"(a thousands separator). Write {point} or {joined}.",
        code="decimal_mark",
    )


def _bad_groups(shown: str) -> NumberProblem:
    return NumberProblem(
        f"「{shown}」的千位分隔不对：分隔符之间应是三位数字，例如 1,000,000。",
        f"'{shown}' has its thousands separators in the wrong places: groups of three "
        "digits, like 1,000,000.",
        code="grouping",
    )


def _against(shown: str, decimal: str) -> NumberProblem:
    zh, en = DECIMAL_NAMES[decimal]
    return NumberProblem(
        f"「{shown}」的写法和这个文件说好的数字格式（{zh}）不符。",
        f"'{shown}' is not written in the file's number format ({en}).",
        code="decimal_mark",
    )


def _months_word(word: str, number: str, shown: str) -> str:
    """``months`` for a word of :data:`MONTH_WORDS` after a number; otherwise the text is not
    a number (``3月`` is refused with its two readings: three months, or March)."""
    key = normalise(word).lower().strip()
    if key in MONTH_WORDS:
        return "months"
    if key == MONTH_OF_YEAR:
        raise NumberProblem(
            f"「{shown}」是月份（{number} 月），不是月数。"
            f"要填月数请写成「{number}个月」，要写月份请改填成交日期。",
            f"'{shown}' is month {number} of the year, not a number of months. Write "
            f"{number}个月 for a number of months, or give the close date.",
            code="month_of_year",
        )
    if key == MONTH_OR_MARCH:
        raise NumberProblem(
            f"「{shown}」有两种读法：{number} 个月后，或 {number} 月份。"
            f"要填月数请写成「{number}个月」，要写月份请改填成交日期。",
            f"'{shown}' can be read two ways: in {number} months, or month {number} of the "
            f"year. Write {number}个月 for a number of months, or give the close date.",
            code="months_or_month",
        )
    raise not_a_number(shown)


def not_a_number(shown: str) -> NumberProblem:
    return NumberProblem(
        f"必须是数字，而不是「{shown}」。",
        f"must be a number, not '{shown}'.",
        predicate=True,
        code="not_a_number",
    )


def _plain_float(s: str, shown: str) -> float:
    """Scientific notation and the like (``1e5``), which Python's float reads exactly."""
    try:
        return float(s)
    except ValueError:
        raise not_a_number(shown) from None


def field_unit(unit_zh: str | None) -> str | None:
    """The unit key of a field from its Chinese unit text (``万元`` → ``wan``, ``%``,
    ``个月`` → ``months``)."""
    if unit_zh is None:
        return None
    if unit_zh.strip() in MONTH_WORDS:
        return "months"
    return UNIT_WORDS.get(unit_zh.strip())


def parse_number(
    text: str,
    unit_zh: str | None,
    unit_en: str | None = None,
    *,
    column_unit: str | None = None,
    decimal: str | None = None,
) -> float:
    """A number for a field whose unit is ``unit_zh`` / ``unit_en`` (or None: no unit).

    ``column_unit`` is the unit the column's header names (``yuan`` for ``金额(元)``), if any.
    Money is converted to the field's unit; anything that could be read two ways is refused
    (:class:`NumberProblem`). ``decimal`` is the file's decimal mark, when known (see :func:`read`).
    """
    return from_reading(read(text, decimal), text, unit_zh, unit_en, column_unit=column_unit)


def from_reading(
    reading: Reading,
    text: str,
    unit_zh: str | None,
    unit_en: str | None = None,
    *,
    column_unit: str | None = None,
) -> float:
    """:func:`parse_number` of a text already read (``reading`` is ``read(text)``)."""
    value = reading.value
    target = field_unit(unit_zh)
    unit = reading.unit or column_unit
    shown = text.strip()[:30]
    if unit is not None and unit.startswith("foreign:"):
        currency = unit.split(":", 1)[1]
        raise NumberProblem(
            f"「{shown}」是 {currency}，这里只按人民币计算；请先换算成人民币。",
            f"'{shown}' is in {currency}; the models count in CNY, so convert it first.",
            code="foreign",
        )
    if unit == "months" or target == "months":
        return _in_months(value, unit, target, shown, unit_zh, unit_en)
    if unit == "percent":
        if target != "percent" and unit_zh is not None:
            raise NumberProblem(
                f"「{shown}」是百分比，这里要填的是{unit_zh}。",
                f"'{shown}' is a percentage, but this field is in {unit_en or unit_zh}.",
                code="percent_elsewhere",
            )
        return value
    if target == "percent":
        if unit is not None:
            raise NumberProblem(
                f"「{shown}」是金额，这里要填百分比。",
                f"'{shown}' is an amount of money; this field is a percentage.",
                code="money_elsewhere",
            )
        if 0 < abs(value) < 1 and reading.unit is None and column_unit is None:
            raise NumberProblem(
                f"「{shown}」有两种读法：{_fmt(value * 100)}%（按小数）或 {_fmt(value)}%。"
                f"请写成 {_fmt(value * 100)}% 或 {_fmt(value)}%。",
                f"'{shown}' can be read two ways: {_fmt(value * 100)}% (as a fraction) or "
                f"{_fmt(value)}%. Write {_fmt(value * 100)}% or {_fmt(value)}%.",
                code="fraction_or_percent",
            )
        return value
    if unit is not None:
        if target not in MONEY_IN_YUAN:
            raise NumberProblem(
                f"「{shown}」是金额，这里要填的不是钱。",
                f"'{shown}' is an amount of money, but this field is not.",
                code="money_elsewhere",
            )
        if unit != target and math.isfinite(value):
            return round(value * MONEY_IN_YUAN[unit] / MONEY_IN_YUAN[target], 6)
    return value


def _in_months(
    value: float,
    unit: str | None,
    target: str | None,
    shown: str,
    unit_zh: str | None,
    unit_en: str | None,
) -> float:
    """A number of months for a field in months; months anywhere else, or another unit in a
    field of months, are refused."""
    if unit == target or unit is None:
        return value
    if unit == "months":
        raise NumberProblem(
            f"「{shown}」是月数，这里要填的是{unit_zh or '数字'}。",
            f"'{shown}' is a number of months, but this field is "
            f"{'in ' + unit_en if unit_en else 'a plain number'}.",
            code="months_elsewhere",
        )
    raise NumberProblem(
        f"「{shown}」不是月数，这里要填预计几个月后成交。",
        f"'{shown}' is not a number of months, and this field counts months.",
        code="not_months",
    )


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in money unit ``unit`` expressed in ``target`` (both keys of MONEY_IN_YUAN)."""
    return round(value * MONEY_IN_YUAN[unit] / MONEY_IN_YUAN[target], 6)
