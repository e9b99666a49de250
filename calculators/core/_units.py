"""The units of the methodology, declared once: how a number in each unit is written.

A unit appears in three places: beside a form field or a result figure (its ``label``), in the
heading of a result column (``Amount (10k CNY)`` / ``金额（万元）``) and after a number in prose
(``低于 8 分``, ``above 20%``, ``CNY 0.5–2 million``). All three are read from the one
declaration here, so 万元 is spelled the same way everywhere. Stdlib only: this runs in Pyodide.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._text import PCT as PCT_LABEL
from ._text import WAN as WAN_LABEL
from ._text import Text, fmt

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def is_han(char: str) -> bool:
    """Whether ``char`` is a Chinese character (which takes no space before another one)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _HAN_RANGES)


def join_zh(left: str, right: str) -> str:
    """Two pieces of Chinese prose joined with the house spacing.

    One space between a Chinese character and a Latin letter, digit or ``%`` (``80% 及以上``),
    none between two Chinese characters (``100 分及以上``).
    """
    if not left or not right:
        return left + right
    if is_han(left[-1]) != is_han(right[0]) and not left[-1].isspace() and not right[0].isspace():
        return f"{left} {right}"
    return left + right


@dataclass(frozen=True)
class Unit:
    """A unit, with how it is labelled and how a number in it is written in each language.

    Attributes:
        key: stable identifier (``wan``, ``pct``).
        label: the unit as a field, figure or column shows it (``万元`` / ``10k CNY``).
        zh: what follows a number in Chinese prose (``" 分"``, ``"%"``, ``" 万元"``).
        en: what follows a number in English prose (``""`` for points, ``"%"``, ``" million"``).
        en_prefix: what precedes a number in English prose (``"CNY "``).
        en_scale: the factor from the declared number to the English one (万元 → CNY million:
            0.01), so 200 万元 reads "CNY 2 million" in English.
    """

    key: str
    label: Text
    zh: str
    en: str
    en_prefix: str = ""
    en_scale: float = 1.0

    @property
    def zh_compact(self) -> bool:
        """Whether the Chinese unit sticks to its number (``10%``), so a span repeats it."""
        return not self.zh.startswith(" ") and self.zh != ""

    def number_zh(self, value: float) -> str:
        """``value`` with its unit, in Chinese prose: ``8 分``, ``80%``, ``200 万元``."""
        return f"{fmt(value)}{self.zh}"

    def number_en(self, value: float) -> str:
        """``value`` with its unit, in English prose: ``8``, ``80%``, ``CNY 2 million``."""
        return f"{self.en_prefix}{self.bare_en(value)}{self.en}"

    def bare_en(self, value: float) -> str:
        """``value`` as the English prose writes it, without the unit."""
        return fmt(value * self.en_scale) if self.en_scale != 1 else fmt(value)

    def number(self, value: float) -> Text:
        """``value`` with its unit in both languages."""
        return Text(self.number_zh(value), self.number_en(value))

    def heading(self, name: Text) -> Text:
        """A column or field heading with this unit: ``金额（万元）`` / ``Amount (10k CNY)``."""
        return Text(f"{name.zh}（{self.label.zh}）", f"{name.en} ({self.label.en})")


#: Points of a score (the screening scorecard's 20-point scale, an evaluation index).
POINTS = Unit("points", Text("分", "points"), zh=" 分", en="")
#: A percentage (a share, an accuracy, a coverage).
PERCENT = Unit("pct", PCT_LABEL, zh="%", en="%")
#: Money in 万元 (10,000 CNY), the unit every amount of the methodology is stated in.
#: (Its label is the schema's ``WAN``, which figures carry.)
WAN = Unit("wan", WAN_LABEL, zh=" 万元", en=" million", en_prefix="CNY ", en_scale=0.01)
#: Months (how far a deal is from closing).
MONTHS = Unit("months", Text("个月", "months"), zh=" 个月", en=" months")
#: Days and hours (a salesperson's year).
DAYS = Unit("days", Text("天", "days"), zh=" 天", en=" days")
HOURS = Unit("hours", Text("小时", "hours"), zh=" 小时", en=" hours")
