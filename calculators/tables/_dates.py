"""Close dates as CRMs write them, turned into months to close.

ISO dates (``2026-03-31``, ``2026/3/31``, ``2026.3.31``), Chinese dates (``2026年3月31日``),
dates with a time, Excel's own dates, and day/month dates (``31/03/2026``, ``03/31/2026``).
For the last kind the order is read from the column: a day above 12 anywhere settles it; if
nothing settles it, a date such as ``04/05/2026`` can be 4 May or 5 April, and is refused
naming both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core._numbers import normalise

#: Average days in a month: months to close = days ÷ 30.44, to one decimal.
DAYS_PER_MONTH = 365.25 / 12

_ISO = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$")


class DateProblem(ValueError):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class DayMonth:
    """A date written with day and month in an order the column has to settle."""

    first: int
    second: int
    year: int


def read_date(value: object) -> dt.date | DayMonth:
    """A date, or a :class:`DayMonth` whose order the column decides; :class:`DateProblem`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalise(str(value))
    match = _ISO.match(text)
    if match:
        return _date(int(match[1]), int(match[2]), int(match[3]), text)
    match = _DMY.match(text)
    if match:
        return DayMonth(int(match[1]), int(match[2]), int(match[3]))
    raise DateProblem(
        f"「{text[:30]}」不是日期（例如 2026-03-31）。",
        f"'{text[:30]}' is not a date (e.g. 2026-03-31).",
    )


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem(
            f"「{text[:30]}」不是有效日期。", f"'{text[:30]}' is not a valid date."
        ) from None


def column_order(values: list[DayMonth]) -> str | None:
    """``"DM"`` or ``"MD"`` when the column settles the order, None when it cannot."""
    day_first = any(v.first > 12 for v in values)
    month_first = any(v.second > 12 for v in values)
    if day_first and month_first:
        raise DateProblem(
            "这一列的日期有的日在前、有的月在前，请统一成 2026-03-31 的写法。",
            "This column writes some dates day first and others month first: write them all "
            "as 2026-03-31.",
        )
    if day_first:
        return "DM"
    if month_first:
        return "MD"
    return None


def settle(value: DayMonth, order: str | None, text: str) -> dt.date:
    """The date of ``value`` in the column's order; refused if the order is open and it matters."""
    if order is None and value.first != value.second:
        day_first = f"{value.year}-{value.second:02d}-{value.first:02d}"
        month_first = f"{value.year}-{value.first:02d}-{value.second:02d}"
        raise DateProblem(
            f"「{text[:30]}」有两种读法：{day_first}（日在前）或 {month_first}（月在前）。"
            "请写成 2026-03-31 的格式。",
            f"'{text[:30]}' can be read two ways: {day_first} (day first) or {month_first} "
            "(month first). Write dates as 2026-03-31.",
        )
    if order == "DM" or order is None:
        return _date(value.year, value.second, value.first, text)
    return _date(value.year, value.first, value.second, text)


def months_between(as_of: dt.date, close: dt.date) -> float:
    """Months from ``as_of`` to ``close``, to one decimal (negative when already past)."""
    return round((close - as_of).days / DAYS_PER_MONTH, 1)
