"""Number text as reps type it and CRMs export it, read without guessing.

A CRM export or a typed form cell may hold ``１２``, ``９０％``, ``1，000``, ``¥2,000,000``,
``200万`` or ``1.5亿``. This module turns such text into a number in the unit of the field it
fills, or refuses it with a message that says why, in both languages. The rules:

* **Full-width** digits and punctuation (what a Chinese input method types) read like their
  ASCII forms (Unicode NFKC), as does the minus sign ``−``.
* **Thousands separators** are accepted only in valid groups of three (``1,000,000``). A comma
  that cannot be one (``1,5``) can mean a decimal comma (1.5) or a stray separator (15): it is
  refused, naming both readings.
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
MONEY_IN_YUAN: dict[str, int] = {"yuan": 1, "wan": 10_000, "yi": 100_000_000}

#: How each money unit is written in a message.
UNIT_NAMES: dict[str, tuple[str, str]] = {
    "yuan": ("元", "CNY"),
    "wan": ("万元", "10k CNY"),
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

#: Currencies the models cannot count in (no exchange rate is ever assumed).
FOREIGN = {"$": "USD", "usd": "USD", "us$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
           "gbp": "GBP", "hk$": "HKD", "hkd": "HKD", "jpy": "JPY", "円": "JPY"}  # fmt: skip

_NUMBER = re.compile(
    r"^(?P<pre>[^\d\s.+\-]*?)\s*(?P<sign>[+\-]?)\s*(?P<pre2>[^\d\s.+\-]*?)\s*"
    r"(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<suf>\D*?)$"
)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_ONE_COMMA = re.compile(r"^\d+,\d+$")


class NumberProblem(ValueError):
    """Why a text is not a number for its field, in both languages (without the field's name)."""

    def __init__(self, zh: str, en: str, *, predicate: bool = False) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        #: the message continues the field's name ("must be a number…") rather than following it
        self.predicate = predicate


@dataclass(frozen=True)
class Reading:
    """A number read from text, in the unit it was written in."""

    value: float
    unit: str | None  # "yuan", "wan", "yi", "percent" or None when the text names no unit


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


def read(text: str) -> Reading:
    """The number a text holds and the unit it names, or :class:`NumberProblem`."""
    shown = text.strip()[:30]
    s = normalise(text)
    match = _NUMBER.match(s)
    if not match:
        return Reading(_plain_float(s, shown), None)
    units = [u for u in (match["pre"], match["pre2"], match["suf"]) if u.strip()]
    if len(units) > 1:
        prefix, suffix = units[0], units[-1]
        # "¥200万" names yuan and 万 at once: the last word says how many
        if unit_word(prefix) == "yuan" and unit_word(suffix) in ("wan", "yi", "yuan"):
            units = [suffix]
        else:
            raise NumberProblem(f"「{shown}」里有两个单位。", f"'{shown}' names two units.")
    unit = None
    if units:
        unit = unit_word(units[0])
        if unit is None:
            raise not_a_number(shown)
    number = match["num"]
    if "," in number:
        if _GROUPED.match(number):
            number = number.replace(",", "")
        elif _ONE_COMMA.match(number):
            decimal = number.replace(",", ".")
            joined = number.replace(",", "")
            raise NumberProblem(
                f"「{shown}」有两种读法：{decimal}（逗号当小数点）或 {joined}（逗号当千位分隔符）。"
                f"请写成 {decimal} 或 {joined}。",
                f"'{shown}' can be read two ways: {decimal} (a decimal comma) or {joined} "
                f"(a thousands separator). Write {decimal} or {joined}.",
            )
        else:
            raise NumberProblem(
                f"「{shown}」的千位分隔不对：逗号之间应是三位数字，例如 1,000,000。",
                f"'{shown}' has its thousands separators in the wrong places: groups of three "
                "digits, like 1,000,000.",
            )
    value = float(number)
    if match["sign"] == "-":
        value = -value
    return Reading(value, unit)


def not_a_number(shown: str) -> NumberProblem:
    return NumberProblem(
        f"必须是数字，而不是「{shown}」。", f"must be a number, not '{shown}'.", predicate=True
    )


def _plain_float(s: str, shown: str) -> float:
    """Scientific notation and the like (``1e5``), which Python's float reads exactly."""
    try:
        return float(s)
    except ValueError:
        raise not_a_number(shown) from None


def field_unit(unit_zh: str | None) -> str | None:
    """The unit key of a field from its Chinese unit text (``万元`` → ``wan``, ``%``)."""
    if unit_zh is None:
        return None
    return UNIT_WORDS.get(unit_zh.strip())


def parse_number(
    text: str,
    unit_zh: str | None,
    unit_en: str | None = None,
    *,
    column_unit: str | None = None,
) -> float:
    """A number for a field whose unit is ``unit_zh`` / ``unit_en`` (or None: no unit).

    ``column_unit`` is the unit the column's header names (``yuan`` for ``金额(元)``), if any.
    Money is converted to the field's unit; anything that could be read two ways is refused
    (:class:`NumberProblem`).
    """
    reading = read(text)
    value = reading.value
    target = field_unit(unit_zh)
    unit = reading.unit or column_unit
    shown = text.strip()[:30]
    if unit is not None and unit.startswith("foreign:"):
        currency = unit.split(":", 1)[1]
        raise NumberProblem(
            f"「{shown}」是 {currency}，这里只按人民币计算；请先换算成人民币。",
            f"'{shown}' is in {currency}; the models count in CNY, so convert it first.",
        )
    if unit == "percent":
        if target != "percent" and unit_zh is not None:
            raise NumberProblem(
                f"「{shown}」是百分比，这里要填的是{unit_zh}。",
                f"'{shown}' is a percentage, but this field is in {unit_en or unit_zh}.",
            )
        return value
    if target == "percent":
        if unit is not None:
            raise NumberProblem(
                f"「{shown}」是金额，这里要填百分比。",
                f"'{shown}' is an amount of money; this field is a percentage.",
            )
        if 0 < abs(value) < 1 and reading.unit is None and column_unit is None:
            raise NumberProblem(
                f"「{shown}」有两种读法：{_fmt(value * 100)}%（按小数）或 {_fmt(value)}%。"
                f"请写成 {_fmt(value * 100)}% 或 {_fmt(value)}%。",
                f"'{shown}' can be read two ways: {_fmt(value * 100)}% (as a fraction) or "
                f"{_fmt(value)}%. Write {_fmt(value * 100)}% or {_fmt(value)}%.",
            )
        return value
    if unit is not None:
        if target not in MONEY_IN_YUAN:
            raise NumberProblem(
                f"「{shown}」是金额，这里要填的不是钱。",
                f"'{shown}' is an amount of money, but this field is not.",
            )
        if unit != target and math.isfinite(value):
            return round(value * MONEY_IN_YUAN[unit] / MONEY_IN_YUAN[target], 6)
    return value


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in money unit ``unit`` expressed in ``target`` (both keys of MONEY_IN_YUAN)."""
    return round(value * MONEY_IN_YUAN[unit] / MONEY_IN_YUAN[target], 6)
