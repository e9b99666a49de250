"""Customer value pyramid and 80/20 客户价值金字塔 (source: key-account-management.txt).

Not every customer deserves the same effort. A customer's total value 客户总价值 over a period
is the profit it contributes 利润贡献, less what it costs to sell to, serve and keep it 销售、服务和
客户关系维护的成本, plus its intangible value 无形价值 (what we learn from it for new products and
services, the skills it builds, the referrals it can bring). Ranked by total value, customers
form a pyramid: key customers 关键客户 (vital to the company's success, today or in potential),
important customers 重要客户 and general customers 一般客户, roughly 20% / 30% / 50% of them; 80%
of customers usually bring under 20% of the sales or profit. The opportunity matrix then sets
each customer's probability of success against its value: act now 马上行动, wait for an opening
伺机而动, or drop the unprofitable 排除不赢利客户.

Decisions where the source is unclear (key-account-management.txt):

* **Pyramid counts on small tables.** Of n customers ranked by total value, the top
  ⌈20% · n⌉ are key and the next up to ⌈50% · n⌉ are important; the rest are general (10 → 2 /
  3 / 5; 8 → 2 / 2 / 4; 5 → 1 / 2 / 2; 1 → 1 / 0 / 0). Rounding up keeps at least one key
  customer in any table. Counts use whole-number arithmetic, so 15 customers give exactly 3 key.
* **No value, no rank.** A customer whose total value is zero or negative is never key or
  important, whatever its place: it is general, and the matrix marks it for dropping. So a
  table with loss-makers can have fewer key or important customers than the percentages give.
* **Ties** keep the order the customers were entered in.
* **The 80/20 check.** The top 20% are the same ⌈20% · n⌉ customers that are key by rank. Their
  share is taken of the *positive* value only (loss-makers would push a share over 100%): the
  top customers' positive value ÷ all customers' positive value. 80% or more is "concentrated"
  (the 80/20 pattern holds); less is "spread"; no positive value at all is "no value". The
  verdict is this check.
* **Opportunity matrix thresholds.** Value: a total value of zero or less is unprofitable →
  drop 排除不赢利客户. Probability of success: 50% or more (50 itself included) with positive
  value → act now 马上行动; below 50% → wait for an opening 伺机而动. Within a cell customers are
  ordered by expected value (probability × total value).
* **Intangible value** may be left blank and then counts as 0. Profit may be negative (a
  loss-making period); costs and intangible value may not.
* **Default table.** The source gives no figures; the ten customers are an illustrative
  example, built so that the top two carry just over 80% of the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..core import (
    Calculator,
    Field,
    Figure,
    Result,
    ResultTable,
    Text,
    Verdict,
    fmt,
)
from ..core._bands import Band, Bands, at_least, below
from ..core._columns import RANK
from ..core._tail import figure, result, table
from ..core._units import PERCENT
from ..core._units import WAN as WAN_UNIT

KEY_PCT = 20  # top 20% of customers are key
KEY_AND_IMPORTANT_PCT = 50  # the next 30% are important; the last 50% general
PARETO_PCT = 80  # the top 20% usually bring 80% or more of the value
ACT_NOW_FROM_PCT = 50  # probability of success at or above this: act now

#: How the pyramid splits the customers by rank: ``前 20% / 其后 30% / 其余 50%``.
_NEXT_PCT = KEY_AND_IMPORTANT_PCT - KEY_PCT
_LAST_PCT = 100 - KEY_AND_IMPORTANT_PCT
TIER_SHARES = Text(
    f"前 {KEY_PCT}% / 其后 {_NEXT_PCT}% / 其余 {_LAST_PCT}%",
    f"top {KEY_PCT}% / next {_NEXT_PCT}% / last {_LAST_PCT}%",
)

TIERS: dict[str, Text] = {
    "key": Text("关键客户", "Key"),
    "important": Text("重要客户", "Important"),
    "general": Text("一般客户", "General"),
}

TIER_MEANING: dict[str, Text] = {
    "key": Text(
        "在当前或潜在的经济价值中对公司的成功至关重要",
        "vital to the company's success in current or potential economic value",
    ),
    "important": Text(
        "对公司的成功重要，但单个客户对利润率不会产生重大影响",
        "important to the company's success, but no single one moves the profit margin much",
    ),
    "general": Text("其余的客户", "the rest of the customers"),
}

#: The opportunity matrix on the probability of success, for a customer of positive value (a
#: customer of no positive value is dropped whatever its probability).
PROBABILITY = Bands(
    name="customer_value.probability",
    measure=Text("成功的可能性", "Probability of success"),
    unit=PERCENT,
    digits=None,
    bands=(
        Band("act_now", Text("马上行动", "Act now"), lower=at_least(ACT_NOW_FROM_PCT)),
        Band("wait", Text("伺机而动", "Wait for an opening"), upper=below(ACT_NOW_FROM_PCT)),
    ),
)
DROP = Text("排除不赢利客户", "Drop (unprofitable)")
MATRIX: dict[str, Text] = {
    "act_now": PROBABILITY["act_now"].label,
    "wait": PROBABILITY["wait"].label,
    "drop": DROP,
}

#: The 80/20 check on the share of positive value the top customers bring.
PARETO = Bands(
    name="customer_value.pareto",
    measure=Text(
        f"前 {KEY_PCT}% 客户带来的正价值占比", f"Share of positive value from the top {KEY_PCT}%"
    ),
    unit=PERCENT,
    bands=(
        Band(
            "concentrated",
            Text(
                f"价值集中（符合 {PARETO_PCT}/{KEY_PCT}）",
                f"Concentrated ({PARETO_PCT}/{KEY_PCT} holds)",
            ),
            lower=at_least(PARETO_PCT),
        ),
        Band(
            "spread",
            Text(
                f"价值分散（不到 {PARETO_PCT}/{KEY_PCT}）",
                f"Spread (less than {PARETO_PCT}/{KEY_PCT})",
            ),
            upper=below(PARETO_PCT),
        ),
    ),
)
VERDICTS: dict[str, Text] = {
    "concentrated": PARETO["concentrated"].label,
    "spread": PARETO["spread"].label,
    "no_value": Text("没有客户创造价值", "No customer adds value"),
}

VERDICT_ACTIONS: dict[str, Text] = {
    "concentrated": Text(
        "价值集中在少数关键客户：只对这几个真正重要的客户做规划投资，着眼于每个关键客户的长期价值最大化。",
        "The value sits with a few key customers: invest account planning only in those few "
        "truly important customers and maximise each one's long-term value.",
    ),
    "spread": Text(
        f"价值比 {PARETO_PCT}/{KEY_PCT} 更分散：在重要客户中找出能发展成关键客户的，"
        "并检查一般客户的服务成本。",
        f"The value is spread wider than {PARETO_PCT}/{KEY_PCT}: find the important customers "
        "that can grow into key customers, and check what the general customers cost to serve.",
    ),
    "no_value": Text(
        "没有客户创造正价值：先降低销售、服务和关系维护成本，排除不赢利的客户和低价值服务。",
        "No customer adds value: cut the cost of selling, serving and keeping customers, and "
        "drop unprofitable customers and low-value services.",
    ),
}

#: The growth levers of the source 寻找提高销售业绩的机会, in its order.
GROWTH_LEVERS: tuple[Text, ...] = (
    Text("提高现有客户的使用率", "Raise existing customers' usage of what they buy"),
    Text("交叉销售其他产品或服务", "Cross-sell other products or services"),
    Text("提高价格或改善产品组合", "Raise prices or improve the product mix"),
    Text("排除不赢利的客户和低价值服务", "Drop unprofitable customers and low-value services"),
    Text("开发核心产业的新客户", "Win new customers in the core industry"),
    Text("开发非相关产业的新客户", "Win new customers in unrelated industries"),
)


def tier_counts(n: int) -> tuple[int, int, int]:
    """How many of ``n`` ranked customers are key, important and general (before value checks)."""
    key = (n * KEY_PCT + 99) // 100
    key_and_important = (n * KEY_AND_IMPORTANT_PCT + 99) // 100
    return key, key_and_important - key, n - key_and_important


def matrix_cell(value_wan: float, probability_pct: float) -> str:
    """The opportunity-matrix cell: "drop", "act_now" or "wait"."""
    if round(value_wan, 2) <= 0:
        return "drop"
    return PROBABILITY.of(probability_pct).key


def _money(key: str, zh: str, en: str, help_zh: str, help_en: str, **bounds: Any) -> Field:
    return Field(
        key=key,
        kind="number",
        label=Text(zh, en),
        help=Text(help_zh, help_en),
        step=0.1,
        unit=WAN_UNIT.label,
        **bounds,
    )


CUSTOMERS = Field(
    key="customers",
    kind="table",
    label=Text("客户", "Customers"),
    help=Text(
        "每行一个客户：同一时期的利润贡献、销售服务和关系维护成本、无形价值和成功的可能性。",
        "One customer per row: over the same period, the profit it contributes, the cost of "
        "selling to, serving and keeping it, its intangible value and the probability of "
        "success.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("客户", "Customer"),
            help=Text("客户名称。", "The customer's name."),
            maximum=80,
        ),
        _money(
            "profit_wan",
            "利润贡献",
            "Profit contribution",
            "一定时期内对总产品/服务销售的利润贡献。",
            "Profit contributed by everything sold to it over the period.",
            minimum=-1_000_000,
            maximum=10_000_000,
        ),
        _money(
            "cost_wan",
            "维护成本",
            "Cost to serve",
            "销售、服务和客户关系维护的成本。",
            "Cost of selling, service and keeping the relationship.",
            minimum=0,
            maximum=10_000_000,
        ),
        Field(
            key="intangible_wan",
            kind="number",
            label=Text("无形价值", "Intangible value"),
            help=Text(
                "新产品/服务开发的学习价值、技能培养、推荐潜力，折算为万元；可留空。",
                "Learning for new products and services, skills built, referral potential, "
                f"in {WAN_UNIT.label.en}; may be blank.",
            ),
            minimum=0,
            maximum=10_000_000,
            step=0.1,
            unit=WAN_UNIT.label,
            required=False,
        ),
        Field(
            key="probability_pct",
            kind="number",
            label=Text("成功的可能性", "Probability of success"),
            help=Text(
                "拿下或扩大这个客户业务的可能性。", "The chance of winning or growing its business."
            ),
            minimum=0,
            maximum=100,
            step=1,
            unit=PERCENT.label,
        ),
    ),
    min_rows=1,
    default=[
        {
            "name": Text("华东电力", "East China Power"),
            "profit_wan": 500,
            "cost_wan": 60,
            "intangible_wan": 40,
            "probability_pct": 80,
        },
        {
            "name": Text("明光汽车", "Mingguang Auto"),
            "profit_wan": 300,
            "cost_wan": 50,
            "intangible_wan": 30,
            "probability_pct": 40,
        },
        {
            "name": Text("远大化工", "Yuanda Chemicals"),
            "profit_wan": 80,
            "cost_wan": 30,
            "intangible_wan": 10,
            "probability_pct": 60,
        },
        {
            "name": Text("南方物流", "Southern Logistics"),
            "profit_wan": 60,
            "cost_wan": 20,
            "intangible_wan": 5,
            "probability_pct": 70,
        },
        {
            "name": Text("金石建材", "Jinshi Building Materials"),
            "profit_wan": 40,
            "cost_wan": 15,
            "intangible_wan": 0,
            "probability_pct": 50,
        },
        {
            "name": Text("海天食品", "Haitian Foods"),
            "profit_wan": 30,
            "cost_wan": 12,
            "intangible_wan": 5,
            "probability_pct": 30,
        },
        {
            "name": Text("恒通机械", "Hengtong Machinery"),
            "profit_wan": 20,
            "cost_wan": 10,
            "intangible_wan": 0,
            "probability_pct": 60,
        },
        {
            "name": Text("绿源环保", "Lvyuan Environmental"),
            "profit_wan": 15,
            "cost_wan": 10,
            "intangible_wan": 5,
            "probability_pct": 20,
        },
        {
            "name": Text("星辰电子", "Star Electronics"),
            "profit_wan": 10,
            "cost_wan": 12,
            "intangible_wan": 0,
            "probability_pct": 50,
        },
        {
            "name": Text("宏达贸易", "Hongda Trading"),
            "profit_wan": 8,
            "cost_wan": 14,
            "intangible_wan": None,
            "probability_pct": 70,
        },
    ],
)


def _names(names: list[str]) -> tuple[str, str]:
    return "、".join(names), ", ".join(names)


@dataclass(frozen=True)
class Portfolio:
    """The customers valued: each one's total and expected value, its pyramid tier and matrix
    cell, and the 80/20 check (METHODOLOGY.md §11, key-account-management.txt)."""

    customers: list[dict[str, Any]]
    values: list[float]
    #: row indices, most valuable first (ties as entered)
    ranked: list[int]
    key_n: int
    tier_of: dict[int, str]
    counts: dict[str, int]
    positive_total: float
    top_share: float | None
    verdict: str
    cells: dict[int, str]
    expected: dict[int, float]

    @cached_property
    def by_cell(self) -> dict[str, list[str]]:
        """The names in each matrix cell, by expected value (ties as entered)."""
        members = sorted(range(len(self.customers)), key=lambda i: (-self.expected[i], i))
        cells: dict[str, list[str]] = {cell: [] for cell in MATRIX}
        for i in members:
            cells[self.cells[i]].append(self.customers[i]["name"])
        return cells

    def in_cell(self, cell: str) -> list[str]:
        """The names in one matrix cell, by expected value (ties as entered)."""
        return self.by_cell[cell]


def _tiers(values: list[float], ranked: list[int]) -> dict[int, str]:
    """Each customer's tier by rank: key, important, general; a customer worth 0 or less is
    general wherever it ranks."""
    key_n, important_n, _general_n = tier_counts(len(values))
    tier_of: dict[int, str] = {}
    for position, index in enumerate(ranked):
        if values[index] > 0 and position < key_n:
            tier_of[index] = "key"
        elif values[index] > 0 and position < key_n + important_n:
            tier_of[index] = "important"
        else:
            tier_of[index] = "general"
    return tier_of


def value_portfolio(customers: list[dict[str, Any]]) -> Portfolio:
    """Total value = profit − cost + intangible; tiers by rank; the top 20%'s share of the
    positive value; each customer's cell on the opportunity matrix."""
    n = len(customers)
    values = [
        round(c["profit_wan"] - c["cost_wan"] + (c["intangible_wan"] or 0), 2) for c in customers
    ]
    ranked = sorted(range(n), key=lambda i: (-values[i], i))
    key_n = tier_counts(n)[0]
    tier_of = _tiers(values, ranked)
    counts = {tier: sum(1 for t in tier_of.values() if t == tier) for tier in TIERS}
    positive_total = round(sum(v for v in values if v > 0), 2)
    top_positive = round(sum(max(values[i], 0) for i in ranked[:key_n]), 2)
    top_share = round(100 * top_positive / positive_total, 2) if positive_total > 0 else None
    return Portfolio(
        customers,
        values,
        ranked,
        key_n,
        tier_of,
        counts,
        positive_total,
        top_share,
        "no_value" if top_share is None else PARETO.of(top_share).key,
        {i: matrix_cell(values[i], customers[i]["probability_pct"]) for i in range(n)},
        {i: round(values[i] * customers[i]["probability_pct"] / 100, 2) for i in range(n)},
    )


def _pareto_line(p: Portfolio) -> Text:
    """The 80/20 check in words, or why there is none."""
    if p.top_share is None:
        return Text(
            f"没有客户的总价值为正，无法做 {PARETO_PCT}/{KEY_PCT} 检查。",
            f"No customer has a positive total value, so there is no {PARETO_PCT}/{KEY_PCT} check.",
        )
    verb_zh = "达到" if p.verdict == "concentrated" else "低于"
    verb_en = "at least" if p.verdict == "concentrated" else "below"
    key_n = p.key_n
    return Text(
        f"排名前 {key_n} 个客户（前 {KEY_PCT}%）带来 {fmt(p.top_share)}% 的正价值，"
        f"{verb_zh} {PARETO_PCT}%：{VERDICTS[p.verdict].zh}。",
        f"The top {key_n} customer{'s' if key_n > 1 else ''} (top {KEY_PCT}%) bring "
        f"{fmt(p.top_share)}% of the positive value, {verb_en} {PARETO_PCT}%: "
        f"{VERDICTS[p.verdict].en.lower()}.",
    )


def _reasoning(p: Portfolio) -> list[Text]:
    """The value formula and total, the pyramid, the 80/20 check and the matrix."""
    n, counts = len(p.customers), p.counts
    total_value = round(sum(p.values), 2)
    act_now, wait, drop = p.in_cell("act_now"), p.in_cell("wait"), p.in_cell("drop")
    return [
        Text(
            "客户总价值 = 利润贡献 − 销售、服务和关系维护成本 + 无形价值；"
            f"{n} 个客户合计 {fmt(total_value)} 万元。",
            "Total value = profit contribution − cost of selling, service and relationship + "
            f"intangible value; {n} customers add up to {fmt(total_value)} ({WAN_UNIT.label.en}).",
        ),
        Text(
            f"金字塔：关键客户 {counts['key']} 个，重要客户 {counts['important']} 个，"
            f"一般客户 {counts['general']} 个（按排名{TIER_SHARES.zh}）。",
            f"Pyramid: {counts['key']} key, {counts['important']} important, "
            f"{counts['general']} general ({TIER_SHARES.en} by rank).",
        ),
        _pareto_line(p),
        Text(
            f"机会矩阵：马上行动 {len(act_now)} 个（可能性 ≥ {ACT_NOW_FROM_PCT}%），"
            f"伺机而动 {len(wait)} 个，排除不赢利 {len(drop)} 个（总价值 ≤ 0）。",
            f"Opportunity matrix: {len(act_now)} act now (probability ≥ {ACT_NOW_FROM_PCT}%), "
            f"{len(wait)} wait for an opening, {len(drop)} drop (total value ≤ 0).",
        ),
    ]


def _actions(p: Portfolio) -> list[Text]:
    """The 80/20 action, who to act on, wait for and drop, then the growth levers."""
    actions = [VERDICT_ACTIONS[p.verdict]]
    if act_now := p.in_cell("act_now"):
        zh, en = _names(act_now)
        actions.append(
            Text(f"马上行动：{zh}（按期望价值排序）。", f"Act now: {en} (by expected value).")
        )
    if wait := p.in_cell("wait"):
        zh, en = _names(wait)
        actions.append(
            Text(
                f"伺机而动：{zh}——保持联系，等待时机。",
                f"Wait for an opening: {en}: stay in touch and watch for the moment.",
            )
        )
    if drop := p.in_cell("drop"):
        zh, en = _names(drop)
        actions.append(
            Text(
                f"排除不赢利客户：{zh}——降低服务成本或退出。",
                f"Drop the unprofitable: {en}: cut the cost to serve or walk away.",
            )
        )
    actions.append(
        Text(
            "提高业绩的机会：" + "；".join(lever.zh for lever in GROWTH_LEVERS) + "。",
            "Growth levers: " + "; ".join(lever.en.lower() for lever in GROWTH_LEVERS) + ".",
        )
    )
    actions.append(
        Text(
            "量化目标业务与现有业务之间的差距，按机会的可能性和价值排序投入资源。",
            "Quantify the gap between target and current business, and put resources into the "
            "opportunities by probability and value.",
        )
    )
    return actions


def _figures(p: Portfolio) -> list[Figure]:
    """The customers, their total value, the pyramid's tiers, the top 20%'s share and the matrix's
    cells."""
    counts = p.counts
    return [
        figure("customers", "客户数", "Customers", len(p.customers)),
        figure(
            "total_value_wan",
            "客户总价值合计",
            "Total customer value",
            round(sum(p.values), 2),
            WAN_UNIT.label,
        ),
        figure("key", "关键客户", "Key customers", counts["key"]),
        figure("important", "重要客户", "Important customers", counts["important"]),
        figure("general", "一般客户", "General customers", counts["general"]),
        figure(
            "top_share_pct",
            "前 20% 客户的价值占比",
            "Value share of the top 20%",
            p.top_share,
            PERCENT.label,
        ),
        figure("act_now", "马上行动", "Act now", len(p.in_cell("act_now"))),
        figure("wait", "伺机而动", "Wait for an opening", len(p.in_cell("wait"))),
        figure("drop", "排除不赢利", "Drop", len(p.in_cell("drop"))),
    ]


def _table(p: Portfolio) -> ResultTable:
    """Every customer's value, tier, share of value, expected value and matrix cell, by rank."""
    rank_of = {index: position + 1 for position, index in enumerate(p.ranked)}
    positive_total = p.positive_total
    rows = (
        {
            "rank": rank_of[i],
            "name": p.customers[i]["name"],
            "total_value_wan": p.values[i],
            "tier": TIERS[p.tier_of[i]],
            "value_share_pct": (
                round(100 * max(p.values[i], 0) / positive_total, 2) if positive_total > 0 else None
            ),
            "expected_value_wan": p.expected[i],
            "matrix": MATRIX[p.cells[i]],
        }
        for i in range(len(p.customers))
    )
    heads = (
        RANK,
        ("name", Text("客户", "Customer")),
        ("total_value_wan", WAN_UNIT.heading(Text("总价值", "Total value"))),
        ("tier", Text("金字塔", "Pyramid")),
        ("value_share_pct", Text("价值占比 %", "Share of value %")),
        ("expected_value_wan", WAN_UNIT.heading(Text("期望价值", "Expected value"))),
        ("matrix", Text("机会矩阵", "Opportunity matrix")),
    )
    return table("customers", Text("客户价值", "Customer value"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Value every customer, build the pyramid, run the 80/20 check and place each on the matrix.

    The verdict is the 80/20 check; the result table gives every customer's value, tier,
    share of value, expected value and matrix cell.
    """
    p = value_portfolio(inputs["customers"])
    return result(
        figures=_figures(p),
        verdict=Verdict(p.verdict, VERDICTS[p.verdict]),
        reasoning=_reasoning(p),
        actions=_actions(p),
        tables=(_table(p),),
    )


CALCULATOR = Calculator(
    slug="customer_value",
    title=Text("客户价值金字塔与 80/20", "Customer value pyramid and 80/20"),
    summary=Text(
        "客户总价值 = 利润贡献 − 维护成本 + 无形价值；按价值把客户分为关键、重要、一般"
        "（20% / 30% / 50%），检查 80/20，"
        "并按成功可能性和价值决定马上行动、伺机而动或排除不赢利客户。",
        "Total value = profit − cost to serve + intangible value; rank customers into key, "
        "important and general (20% / 30% / 50%), check 80/20, and by probability and value "
        "act now, wait for an opening or drop the unprofitable.",
    ),
    source="key-account-management.txt",
    fields=(CUSTOMERS,),
    compute=compute,
    page="growing/customer-value",
    order=11,
)
