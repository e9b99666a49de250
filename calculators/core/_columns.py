"""Result-table columns that several models share, declared once with their unit.

A column is a ``(key, heading)`` pair of a :class:`~calculators.core.ResultTable` or a
:class:`~calculators.core.RowResults`. An amount column is headed by its name and the one
spelling of its unit (``金额（万元）`` / ``Amount (10k CNY)``), so every table says 万元 the same
way.
"""

from __future__ import annotations

from ._text import Text
from ._units import WAN

#: A result-table column: its cell key and its heading.
Column = tuple[str, Text]

#: What a deal or customer is worth, in 万元.
AMOUNT: Column = ("amount_wan", WAN.heading(Text("金额", "Amount")))
#: Amount × chance of success, in 万元.
EXPECTED: Column = ("expected_wan", WAN.heading(Text("期望值", "Expected value")))
#: Amount × deal heat, in 万元.
WEIGHTED: Column = ("weighted_wan", WAN.heading(Text("加权", "Weighted")))
#: The order to work the rows in (1 first).
PRIORITY: Column = ("rank", Text("优先", "Priority"))
#: A position in a ranking by score or value (1 highest).
RANK: Column = ("rank", Text("排名", "Rank"))
#: The sales stage of a deal.
STAGE: Column = ("stage", Text("阶段", "Stage"))
#: The funnel grade A–D of a deal.
GRADE: Column = ("grade", Text("级别", "Grade"))
