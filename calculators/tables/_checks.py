"""Warnings on a table that was read: what is probably wrong but may be right.

A CRM export can be read without a doubt and still hold a number nobody meant: a line-item
export lists one deal on three lines (and a forecast counts it three times), an amount typed
in 元 under a 万元 header is ten thousand times too big. The reader never changes such rows and
never refuses them: it names them, with their rows in the file, and gives the result. Each rule
is declared here once, with the text that states it. Stdlib only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core import Text, fmt

#: The amounts one key-account deal plausibly has, in 万元: from 1 万元 (10,000 元; below it,
#: an amount in 万元 was probably typed in 元 the other way round, or is a placeholder) to
#: 100,000 万元 (10 亿元; above it, one typed in 元 under a 万元 header).
PLAUSIBLE_DEAL_WAN = (1.0, 100_000.0)

#: How many rows a warning names before it says "…".
ROWS_SHOWN = 8


@dataclass(frozen=True)
class TableWarning:
    """One warning: its kind, the rows of the file it names, and its text."""

    kind: str  # "duplicates" or "implausible_amount"
    rows: tuple[int, ...]
    text: Text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "rows": list(self.rows), "text": self.text.to_dict()}


def rows_shown(rows: Sequence[int], sep: str = ", ") -> str:
    """Row numbers as a message lists them: the first few, then "…"."""
    shown = sep.join(str(r) for r in rows[:ROWS_SHOWN])
    return shown + ("…" if len(rows) > ROWS_SHOWN else "")


def duplicates(
    rows: Sequence[dict[str, Any]], file_rows: Sequence[int], money: Sequence[str]
) -> list[TableWarning]:
    """Rows with the same name, stage and amount: one deal listed twice, most likely.

    Only a table with a ``name`` column is checked; the stage and the money columns count when
    the table has them.
    """
    if not rows or "name" not in rows[0]:
        return []
    keys = [k for k in ("stage", *money) if k in rows[0]]
    seen: dict[tuple[Any, ...], list[int]] = {}
    for row, number in zip(rows, file_rows, strict=True):
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            continue
        key = (" ".join(name.split()).casefold(), *(str(row.get(k)) for k in keys))
        seen.setdefault(key, []).append(number)
    warnings = []
    for numbers in seen.values():
        if len(numbers) < 2:
            continue
        name = rows[file_rows.index(numbers[0])]["name"].strip()
        warnings.append(
            TableWarning(
                "duplicates",
                tuple(numbers),
                Text(
                    f"第 {rows_shown(numbers, '、')} 行看起来是同一个单子「{name}」"
                    f"（名称、阶段和金额都一样），现在算了 {len(numbers)} 次。"
                    "如果是一个单子拆成的几行（比如按产品列出），请只留一行或把金额合并。",
                    f"Rows {rows_shown(numbers)} look like one deal, '{name}' (same name, stage "
                    f"and amount), now counted {len(numbers)} times. If they are lines of one "
                    "deal (one per product, say), keep one row or add the amounts up.",
                ),
            )
        )
    return warnings


def implausible_amounts(
    rows: Sequence[dict[str, Any]],
    file_rows: Sequence[int],
    money: Sequence[str],
    units: Mapping[str, str | None] | None = None,
) -> list[TableWarning]:
    """Amounts outside :data:`PLAUSIBLE_DEAL_WAN` for one deal, per money column. ``units``:
    the unit each column was read in, so the hint names the likely slip (元 read as 万元 is
    the usual one; a column read in 元 can only have too many digits)."""
    low, high = PLAUSIBLE_DEAL_WAN
    warnings = []
    for key in money:
        small: list[tuple[int, float]] = []
        large: list[tuple[int, float]] = []
        for row, number in zip(rows, file_rows, strict=True):
            value = row.get(key)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            if value > high:
                large.append((number, value))
            elif 0 <= value < low:
                small.append((number, value))
        if large:
            warnings.append(_too_large(large, (units or {}).get(key) == "yuan"))
        if small:
            warnings.append(_too_small(small))
    return warnings


def _too_large(large: list[tuple[int, float]], read_in_yuan: bool) -> TableWarning:
    """Amounts above one deal's plausible range, and the likely slip behind them."""
    high = PLAUSIBLE_DEAL_WAN[1]
    if read_in_yuan:  # read in 元: no unit to mistake
        hint = Text("请核对金额是不是多写了几位。", "Check the amount for extra digits.")
    else:
        hint = Text(
            "请核对单位：是不是把元当成了万元？",
            "Check the unit: is it in CNY rather than 10k CNY?",
        )
    numbers = [n for n, _ in large]
    first = fmt(large[0][1])
    return TableWarning(
        "implausible_amount",
        tuple(numbers),
        Text(
            f"第 {rows_shown(numbers, '、')} 行的金额超过 {fmt(high)} 万元"
            f"（10 亿元），对一个单子来说太大了（如第 {numbers[0]} 行：{first} 万元）。" + hint.zh,
            f"The amount in row{'s' if len(numbers) > 1 else ''} "
            f"{rows_shown(numbers)} is above {fmt(high)} × 10k CNY (CNY 1 billion), "
            f"too big for one deal (row {numbers[0]}: {first} × 10k CNY). " + hint.en,
        ),
    )


def _too_small(small: list[tuple[int, float]]) -> TableWarning:
    """Amounts below a key-account deal's plausible range (a unit slip, or not filled in)."""
    low = PLAUSIBLE_DEAL_WAN[0]
    numbers = [n for n, _ in small]
    first = fmt(small[0][1], 4)
    return TableWarning(
        "implausible_amount",
        tuple(numbers),
        Text(
            f"第 {rows_shown(numbers, '、')} 行的金额不到 {fmt(low)} 万元，"
            f"对一个大客户的单子来说太小了（如第 {numbers[0]} 行：{first} 万元）。"
            "请核对单位，或补上还没填的金额。",
            f"The amount in row{'s' if len(numbers) > 1 else ''} "
            f"{rows_shown(numbers)} is below {fmt(low)} × 10k CNY, too small for a "
            f"key-account deal (row {numbers[0]}: {first} × 10k CNY). Check the "
            "unit, or fill in an amount not yet given.",
        ),
    )
