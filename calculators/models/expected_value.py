"""Which customer first? Expected-value prioritisation (source: raising-customer-value.txt).

A rep has more open deals than time. Each deal has a chance of success 成功率 and an amount
金额; its expected value 期望值 is the two multiplied, the amount the deal is worth on average.
Working the deals in order of expected value, not of amount, is the slide's point: a big deal
that will probably not happen can be worth less than a smaller one that probably will, so the
biggest number on the list is not automatically the first call of the week.

Decisions where the source is unclear (raising-customer-value.txt):

* **Placement of A–E on the grid.** The slide's text reads "成功率金额90%60%30%200WAD100WB50WCE":
  success rates 90%, 60%, 30% as the grid's column heads, then the amount rows 200万 (holding A
  and D), 100万 (holding B) and 50万 (holding C and E); the columns of empty cells are lost in
  extraction. We read the five letters as the four corners and the centre of the 3 × 3 grid, in
  reading order: A = 200万 at 90%, D = 200万 at 30%, B = 100万 at 60%, C = 50万 at 90%,
  E = 50万 at 30%. Expected values: A 180, B 60, D 60, C 45, E 15 (万元). A comes first; for
  「其次呢？」 (and next?) D, twice B's amount, is worth no more than B.
* **Ties.** Customers with equal expected value keep the order they were entered in (so B ranks
  before D in the default). Expected values are rounded to 2 decimals before ranking, so float
  noise never separates two equal values. A tie for first place is its own verdict, because
  the input order, not the numbers, then decides who is first.
* **Verdict.** The key says why the first customer is first: ``biggest`` (it is also the
  largest deal, or equal largest), ``likelier`` (a smaller but likelier deal outranks a larger
  one), ``tied`` (two or more share the top expected value) or ``none`` (every expected value is
  0: nothing to prioritise by yet). The label names the customer.
* **The lesson line.** When a larger deal ranks below a smaller, likelier one, the reasoning
  names the largest such deal and the best-ranked smaller deal ahead of it, with both sums.
  "No more than" covers an equal expected value, as with D and B in the default.
* **Units.** Amounts are in 万元 (10,000 CNY), as on the slide; probability is in percent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..core import (
    MAX_EXPORT_ROWS,
    PCT,
    WAN,
    Calculator,
    Field,
    Figure,
    Result,
    ResultTable,
    Text,
    Verdict,
    figure_number,
    fmt,
)
from ..core._columns import AMOUNT, EXPECTED, PRIORITY
from ..core._tail import figure, result, table
from ..core._units import WAN as WAN_UNIT

#: The verdict keys and what each means; the verdict label names the first customer.
VERDICTS: dict[str, Text] = {
    "biggest": Text("最大的单子也是期望值最高的", "The largest deal is also worth the most"),
    "likelier": Text("更有把握的小单子排在前面", "A likelier, smaller deal comes first"),
    "tied": Text("期望值并列第一", "Tied for first place"),
    "none": Text("还没有期望值", "No expected value yet"),
}


@dataclass(frozen=True)
class _Ranked:
    index: int
    name: str
    probability_pct: float
    amount_wan: float
    expected_wan: float


def expected_value(probability_pct: float, amount_wan: float) -> float:
    """Expected value in 万元: probability × amount, rounded to 2 decimals."""
    return round(probability_pct * amount_wan / 100, 2)


def rank_order(expected_wan: Sequence[float]) -> list[int]:
    """Row indices in priority order: highest expected value first, ties as entered.

    The values should already be rounded (:func:`expected_value` does), so float noise never
    separates two equal values.
    """
    highest_first = [-value for value in expected_wan]
    # a stable sort: equal values keep the order entered
    return sorted(range(len(highest_first)), key=highest_first.__getitem__)


CUSTOMERS = Field(
    key="customers",
    kind="table",
    label=Text("客户", "Customers"),
    help=Text(
        "每行一个客户（或一个单子）：成功的可能性和金额。",
        "One customer (or deal) per row: its chance of success and its amount.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("客户", "Customer"),
            help=Text("客户或单子的名称。", "The customer's or deal's name."),
            maximum=80,
        ),
        Field(
            key="probability_pct",
            kind="number",
            label=Text("成功率", "Chance of success"),
            help=Text(
                "你估计这个单子成交的可能性，0–100%。",
                "How likely you judge the deal to close, 0–100%.",
            ),
            minimum=0,
            maximum=100,
            step=1,
            unit=PCT,
        ),
        Field(
            key="amount_wan",
            kind="number",
            label=Text("金额", "Amount"),
            help=Text(
                "成交后的金额，单位万元。",
                f"What the deal is worth if it closes, in {WAN_UNIT.label.en}.",
            ),
            minimum=0,
            maximum=10_000_000,
            step=1,
            unit=WAN,
        ),
    ),
    max_rows=MAX_EXPORT_ROWS,
    min_rows=1,
    default=[
        {"name": "A", "probability_pct": 90, "amount_wan": 200},
        {"name": "B", "probability_pct": 60, "amount_wan": 100},
        {"name": "C", "probability_pct": 90, "amount_wan": 50},
        {"name": "D", "probability_pct": 30, "amount_wan": 200},
        {"name": "E", "probability_pct": 30, "amount_wan": 50},
    ],
)


def _lesson(ranked: list[_Ranked]) -> tuple[_Ranked, _Ranked] | None:
    """The largest deal ranked below a smaller, likelier one, and the best such one above it."""
    best: tuple[_Ranked, _Ranked] | None = None
    for position, lower in enumerate(ranked):
        for upper in ranked[:position]:
            if (
                upper.amount_wan < lower.amount_wan
                and upper.probability_pct > lower.probability_pct
                and upper.expected_wan > 0
            ):
                if best is None or lower.amount_wan > best[0].amount_wan:
                    best = (lower, upper)
                break
    return best


def _names(customers: list[_Ranked], limit: int = 3) -> tuple[str, str]:
    shown = [c.name for c in customers[:limit]]
    more = len(customers) - len(shown)
    zh = "、".join(shown) + (f" 等 {len(customers)} 个客户" if more else "")
    en = ", ".join(shown) + (f" and {more} more" if more else "")
    return zh, en


@dataclass(frozen=True)
class Priority:
    """The customers in priority order by expected value, the first one and why it is first.

    ``key`` is the verdict: "none" (every expected value is 0), "tied", "biggest" (the first is
    also the largest deal) or "likelier" (a likelier, smaller deal comes first)."""

    scored: list[_Ranked]
    ranked: list[_Ranked]
    leaders: list[_Ranked]
    largest: float
    key: str
    #: the largest deal ranked below a smaller, likelier one, and that one
    lesson: tuple[_Ranked, _Ranked] | None

    @property
    def top(self) -> _Ranked:
        """The customer to work on first."""
        return self.ranked[0]

    @cached_property
    def rank_of(self) -> dict[int, int]:
        """Each customer's place in the priority order by input row, 1 for the first."""
        return {c.index: r + 1 for r, c in enumerate(self.ranked)}


def _verdict_key(top: _Ranked, leaders: list[_Ranked], largest: float) -> str:
    """Why the first customer is first: no value yet, a tie, the largest deal, or a likelier one."""
    if top.expected_wan == 0:
        return "none"
    if len(leaders) > 1:
        return "tied"
    return "biggest" if top.amount_wan == largest else "likelier"


def prioritise(rows: list[dict[str, Any]]) -> Priority:
    """Each customer's expected value (probability × amount) and the order it gives
    (METHODOLOGY.md §2, raising-customer-value.txt)."""
    scored = [
        _Ranked(
            index,
            row["name"],
            row["probability_pct"],
            row["amount_wan"],
            expected_value(row["probability_pct"], row["amount_wan"]),
        )
        for index, row in enumerate(rows)
    ]
    ranked = [scored[i] for i in rank_order([c.expected_wan for c in scored])]
    top = ranked[0]
    leaders = [c for c in ranked if c.expected_wan == top.expected_wan]
    largest = max(c.amount_wan for c in scored)
    key = _verdict_key(top, leaders, largest)
    return Priority(scored, ranked, leaders, largest, key, _lesson(ranked))


def _verdict_label(p: Priority) -> Text:
    """Who comes first, and how that relates to the largest deal."""
    top = p.top
    if p.key == "none":
        return Text(
            "还没有可以优先的客户：每个期望值都是 0。",
            "No customer to put first yet: every expected value is 0.",
        )
    if p.key == "tied":
        names_zh, names_en = _names(p.leaders)
        return Text(
            f"{names_zh} 期望值并列第一（{fmt(top.expected_wan)} 万元），"
            f"按录入顺序先做 {top.name}。",
            f"{names_en} tie for first ({WAN_UNIT.number_en(top.expected_wan)} expected); "
            f"{top.name} first, as entered.",
        )
    if p.key == "biggest":
        return Text(
            f"先做 {top.name}：期望值 {fmt(top.expected_wan)} 万元，也是金额最大的单子。",
            f"{top.name} first: expected value {WAN_UNIT.number_en(top.expected_wan)}, "
            "and the largest deal too.",
        )
    bigger = next(c for c in p.ranked if c.amount_wan == p.largest)
    return Text(
        f"先做 {top.name}：期望值 {fmt(top.expected_wan)} 万元，"
        f"排在金额更大的 {bigger.name} 前面。",
        f"{top.name} first: expected value {WAN_UNIT.number_en(top.expected_wan)}, "
        f"ahead of the larger deal {bigger.name}.",
    )


def _lesson_line(lower: _Ranked, upper: _Ranked) -> Text:
    """Why the big deal is not first: its amount is larger, its expected value is not."""
    times = lower.amount_wan / upper.amount_wan
    relation_zh = "低于" if lower.expected_wan < upper.expected_wan else "不高于"
    relation_en = "below" if lower.expected_wan < upper.expected_wan else "no higher than"
    return Text(
        f"大单不一定先做：{lower.name} 的金额是 {upper.name} 的 {fmt(times)} 倍，"
        f"但成功率只有 {fmt(lower.probability_pct)}%，期望值 {fmt(lower.expected_wan)}"
        f" {relation_zh} {upper.name} 的 {fmt(upper.expected_wan)}。",
        f"The big deal is not automatically first: {lower.name} is {fmt(times)} times "
        f"{upper.name}'s amount, but at {fmt(lower.probability_pct)}% its expected value "
        f"{fmt(lower.expected_wan)} is {relation_en} {upper.name}'s "
        f"{fmt(upper.expected_wan)}.",
    )


def _reasoning(p: Priority) -> list[Text]:
    """The formula, each customer's sum in priority order, and the lesson when there is one."""
    reasoning = [
        Text(
            "期望值 = 成功率 × 金额（万元）；按期望值排优先顺序，而不是按金额。",
            f"Expected value = chance of success × amount (in {WAN_UNIT.label.en}); priority "
            "follows expected value, not amount.",
        )
    ]
    for rank, c in enumerate(p.ranked, start=1):
        reasoning.append(
            Text(
                f"第 {rank} 位 {c.name}："
                f"{fmt(c.amount_wan)} × {fmt(c.probability_pct)}% = {fmt(c.expected_wan)}。",
                f"#{rank} {c.name}: {fmt(c.amount_wan)} × {fmt(c.probability_pct)}%"
                f" = {fmt(c.expected_wan)}.",
            )
        )
    if p.lesson is not None:
        reasoning.append(_lesson_line(*p.lesson))
    return reasoning


def _actions(p: Priority) -> list[Text]:
    """Where the time goes first; how to break a tie; how to raise a big deal's chance."""
    if p.key == "none":
        first = Text(
            "先弄清每个客户的需求和金额，再估计成功率（见客户筛选评分表）；"
            "成功率或金额为 0 的单子不值得现在投入时间。",
            "First qualify each customer's need and amount, then judge the chance "
            "(see the screening scorecard); a deal at 0% or 0 is not worth time now.",
        )
    else:
        first = Text(
            f"先把时间投给 {p.top.name}，再按期望值顺序安排后面的客户。",
            f"Give your time to {p.top.name} first, then to the others in order of expected value.",
        )
    actions = [first]
    if p.key == "tied":
        actions.append(
            Text(
                "期望值相同的客户，比较谁更有把握、周期更短、风险更小，再决定先后。",
                "Between equal expected values, prefer the likelier, shorter, less risky "
                "deal; the numbers alone do not decide.",
            )
        )
    if p.lesson is not None:
        lower = p.lesson[0]
        actions.append(
            Text(
                f"对 {lower.name} 这样金额大、把握小的单子：先找出能提高成功率的跟进"
                "（更多联系人、试用、技术交流），成功率上去了再加大投入。",
                f"For a big but unlikely deal like {lower.name}: find the follow-ups that raise "
                "its chance (more contacts, a trial, a technical exchange) before spending "
                "more time on it.",
            )
        )
    return actions


def _figures(p: Priority) -> list[Figure]:
    """The customers, who comes first, the highest and total expected value, the total amount."""
    total_expected = round(sum(c.expected_wan for c in p.scored), 2)
    total_amount = round(sum(c.amount_wan for c in p.scored), 2)
    return [
        figure("customers", "客户数", "Customers", len(p.scored)),
        figure("first", "优先客户", "First customer", p.top.name),
        figure(
            "top_expected_wan",
            "最高期望值",
            "Highest expected value",
            figure_number(p.top.expected_wan),
            WAN,
        ),
        figure(
            "total_expected_wan",
            "期望值合计",
            "Total expected value",
            figure_number(total_expected),
            WAN,
        ),
        figure("total_amount_wan", "金额合计", "Total amount", figure_number(total_amount), WAN),
    ]


def _table(p: Priority) -> ResultTable:
    """Every customer with its chance, amount, expected value and rank."""
    rows = (
        {
            "rank": p.rank_of[c.index],
            "name": c.name,
            "probability_pct": figure_number(c.probability_pct),
            "amount_wan": figure_number(c.amount_wan),
            "expected_wan": figure_number(c.expected_wan),
        }
        for c in p.scored
    )
    heads = (
        PRIORITY,
        ("name", Text("客户", "Customer")),
        ("probability_pct", Text("成功率 %", "Chance %")),
        AMOUNT,
        EXPECTED,
    )
    return table("customers", Text("按期望值排序", "Ranked by expected value"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Rank the customers by expected value (probability × amount) and name the first one."""
    p = prioritise(inputs["customers"])
    return result(
        figures=_figures(p),
        verdict=Verdict(p.key, _verdict_label(p)),
        reasoning=_reasoning(p),
        actions=_actions(p),
        tables=(_table(p),),
    )


CALCULATOR = Calculator(
    slug="expected_value",
    title=Text("先做哪个客户？期望值排序", "Which customer first? Expected value"),
    summary=Text(
        "期望值 = 成功率 × 金额。按期望值排优先顺序：金额大但把握小的单子，"
        "可能排在金额小但更有把握的单子后面。",
        "Expected value = chance of success × amount. Rank by expected value: a big but "
        "unlikely deal can rank below a smaller, likelier one.",
    ),
    source="raising-customer-value.txt",
    fields=(CUSTOMERS,),
    compute=compute,
    page="prioritising/expected-value",
    order=2,
)
