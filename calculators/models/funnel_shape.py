"""Funnel shape diagnosis 利用销售漏斗进行销售分析 (source: key-account-sales-process.txt).

A rep's or a team's customers sit in three layers of the sales funnel: searching 客户搜寻, in the
funnel 进入漏斗 (really considering, formally comparing shortlisted suppliers) and the best state
最佳状态 (commercial negotiation, closing). How they spread over the layers shows how the rep
works: the ideal funnel keeps every layer stocked, while a rep who only develops 只重视开发,
only follows up 只重跟单, only signs 只重签单 or works without method 不重方法 leaves a funnel
of a telltale shape. The source's rules of thumb give the proportions a healthy funnel keeps:
only about 20% of searched customers enter the funnel, 20–80% of those advance, and about 80%
of best-state customers reach negotiation and an outcome (won or lost).

Decisions where the source is unclear (key-account-sales-process.txt):

* **Inputs.** The three layers' customer counts, plus optional deals won over the period.
  Grade counts are not asked for: read D customers as searching, B and C as in the funnel and
  A as the best state if that is what you have (the source draws D, C, B, A down the funnel).
* **"Evenly spread" 均匀分布.** Read as every layer holding its due share by the rules of thumb,
  not as equal counts: the funnel narrows, so equal counts in all three layers are a bottom
  that the layers above cannot refill. Two ratios are checked:
  funnel ÷ searching against "about 20%", taken as 10–40% (half to twice 20%), and
  best state ÷ funnel against the source's 20–80%. Both edges of each range count as in range.
  Ratios are compared in whole numbers (10·funnel < searching…), so no rounding moves a shape.
* **The shape from the two ratios** (low = below the range, high = above it):
  ideal = both in range; development-only 只重视开发 = funnel ÷ searching low (customers are
  found but not followed up) unless best ÷ funnel is high; follow-up-only 只重跟单 = funnel ÷
  searching high with best ÷ funnel not high, or best ÷ funnel low with funnel ÷ searching in
  range (deals pile up in the middle; either development or closing is neglected);
  signing-only 只重签单 = best ÷ funnel high, unless funnel ÷ searching is low (the bottom is
  as wide as the layer that should feed it); method-less 不重方法 = funnel ÷ searching low
  *and* best ÷ funnel high: an hourglass, customers found and closed with little in between,
  the funnel not worked stage by stage. Empty layers follow the same rules (searching 0 counts
  as "high" above a non-empty layer; funnel and best both 0 count as "low").
* **Method-less 不重方法** is cut off in the source ("不重方法的销售状态要…"). We read it as
  working without the funnel method and advise using it: grade every customer A–D, ask the
  searching-state questions, move customers one stage at a time with a strategy per grade, and
  review the funnel regularly.
* **Won deals** are optional and only inform: the figure won ÷ best state is shown beside the
  rule of thumb that about 80% of best-state customers reach an outcome (won or lost). They do
  not change the shape, since the source gives no win rate.
* **No customers at all** is an input error: there is no shape to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core import (
    Calculator,
    Field,
    InputError,
    Result,
    ResultTable,
    Text,
    Verdict,
    fmt,
)
from ..core._bands import Band, Bands, above, at_least, at_most, below
from ..core._tail import columns, figure, result, table
from ..core._units import PERCENT

#: Rules of thumb of the source, as whole percentages.
ENTER_RULE_PCT = 20  # ~20% of searched customers enter the funnel
ENTER_LOW_PCT = 10  # below this the funnel is starved (half the rule of thumb)
ENTER_HIGH_PCT = 40  # above this the searching layer is thin (twice the rule of thumb)
ADVANCE_LOW_PCT = 20  # 20–80% of funnel customers advance to the best state
ADVANCE_HIGH_PCT = 80
OUTCOME_RULE_PCT = 80  # ~80% of best-state customers reach negotiation and an outcome


def _levels(name: str, measure: Text, low_below: int, high_above: int) -> Bands:
    """A ratio's levels: low below ``low_below``%, high above ``high_above``%; edges in range."""
    return Bands(
        name=name,
        measure=measure,
        unit=PERCENT,
        digits=None,  # ratios are compared exactly (as fractions), never rounded
        bands=(
            Band("low", Text("偏低", "low"), upper=below(low_below)),
            Band(
                "ok", Text("合理", "in range"), lower=at_least(low_below), upper=at_most(high_above)
            ),
            Band("high", Text("偏高", "high"), lower=above(high_above)),
        ),
    )


#: Customers in the funnel as a share of those searched.
ENTERING = _levels(
    "funnel_shape.enter",
    Text("进入漏斗 ÷ 客户搜寻", "In the funnel ÷ searching"),
    ENTER_LOW_PCT,
    ENTER_HIGH_PCT,
)
#: Customers in the best state as a share of those in the funnel.
ADVANCING = _levels(
    "funnel_shape.advance",
    Text("最佳状态 ÷ 进入漏斗", "Best state ÷ in the funnel"),
    ADVANCE_LOW_PCT,
    ADVANCE_HIGH_PCT,
)

SHAPES: dict[str, Text] = {
    "ideal": Text("理想的销售状态", "Ideal funnel"),
    "development_only": Text("只重视开发", "Development only"),
    "follow_up_only": Text("只重跟单", "Follow-up only"),
    "signing_only": Text("只重签单", "Signing only"),
    "method_less": Text("不重方法", "No method"),
}

SHAPE_MEANING: dict[str, Text] = {
    "ideal": Text(
        "客户均匀分布在漏斗的各个层面。",
        "Customers are spread over every layer of the funnel in due proportion.",
    ),
    "development_only": Text(
        "找到很多客户，但很少进入漏斗：开发有余，跟进不足。",
        "Many customers found, few enter the funnel: plenty of development, too little follow-up.",
    ),
    "follow_up_only": Text(
        "客户堆积在漏斗中段：跟单多，而开发新客户或推进到签单不足。",
        "Customers pile up in the middle of the funnel: much follow-up, too little new "
        "development or closing.",
    ),
    "signing_only": Text(
        "漏斗底部和上一层一样宽：忙于签单，后续客户没有补充。",
        "The bottom of the funnel is as wide as the layer feeding it: busy closing, nothing "
        "coming up behind.",
    ),
    "method_less": Text(
        "沙漏形：找到客户、也有签单，中间却很少：没有按阶段经营漏斗。",
        "An hourglass: customers found and deals closing, little in between: the funnel is "
        "not worked stage by stage.",
    ),
}

SHAPE_ADVICE: dict[str, tuple[Text, ...]] = {
    "ideal": (
        Text(
            "保持这种状态：它对团队建设、团队提升和企业文化的要求比较高。",
            "Keep it that way: an evenly stocked funnel asks a lot of team building, team "
            "development and company culture.",
        ),
    ),
    "development_only": (
        Text("注意客户的跟进。", "Follow your customers up."),
        Text(
            "多将客户信息与团队成员分享，交流经验和技巧。",
            "Share customer information with the team; swap experience and techniques.",
        ),
    ),
    "follow_up_only": (
        Text("注意团队合作。", "Work as a team."),
        Text(
            "注意销售各阶段和商务谈判过程的特点，有针对性地制定策略。",
            "Learn what marks each sales stage and the commercial negotiation, and set a "
            "strategy for each.",
        ),
    ),
    "signing_only": (
        Text("在开发客户和培养客户上下功夫。", "Put work into developing and nurturing customers."),
        Text("合理掌握各阶段的客户比例。", "Keep a sensible share of customers at each stage."),
    ),
    "method_less": (
        Text(
            "用漏斗方法工作：给每个客户按 A/B/C/D 分级，按级别制定策略。",
            "Work the funnel method: grade every customer A/B/C/D and set a strategy per grade.",
        ),
        Text(
            "对搜寻中的客户逐项确认需求、预算、关键人、决策过程、进度和竞争者，"
            "再一步步推进到下一阶段。",
            "Check each searching customer's need, budget, key person, decision process, "
            "schedule and competitors, then move it on one stage at a time.",
        ),
        Text(
            "定期检查漏斗各层的客户比例。", "Review the share of customers in each layer regularly."
        ),
    ),
}


def _count(key: str, zh: str, en: str, default: int, help_zh: str, help_en: str) -> Field:
    return Field(
        key=key,
        kind="integer",
        label=Text(zh, en),
        help=Text(help_zh, help_en),
        default=default,
        minimum=0,
        maximum=100000,
        step=1,
        unit=Text("个", "customers"),
    )


SEARCHING = _count(
    "searching_customers",
    "客户搜寻",
    "Searching",
    50,
    "处于搜寻状态的客户数：是否发现问题或提出需求、预算、关键人、决策过程都还在了解中。",
    "Customers in the searching state: need, budget, key person and decision process still "
    "being found out.",
)
IN_FUNNEL = _count(
    "funnel_customers",
    "进入漏斗",
    "In the funnel",
    10,
    "进入漏斗的客户数：真正进入考虑期，正式比较入围供应商的方案，进度表较明确。",
    "Customers in the funnel: really considering, formally comparing shortlisted suppliers, "
    "with a fairly clear schedule.",
)
BEST_STATE = _count(
    "best_state_customers",
    "最佳状态",
    "Best state",
    4,
    "处于最佳状态的客户数：进入商务谈判，即将完成销售。",
    "Customers in the best state: in commercial negotiation, about to close.",
)
WON = Field(
    key="won_deals",
    kind="integer",
    label=Text("已成交", "Deals won"),
    help=Text(
        "同期已成交的客户数（可不填，只作参考）。",
        "Deals won over the same period (optional; for reference only).",
    ),
    default=3,
    minimum=0,
    maximum=100000,
    step=1,
    unit=Text("个", "deals"),
    required=False,
)


def enter_level(searching: int, funnel: int) -> str:
    """funnel ÷ searching against 10–40%: "low", "ok" or "high" (whole-number comparisons)."""
    if searching == 0:
        return "high"
    return ENTERING.of(Fraction(100 * funnel, searching)).key


def advance_level(funnel: int, best: int) -> str:
    """best ÷ funnel against 20–80%: "low", "ok" or "high" (whole-number comparisons)."""
    if funnel == 0:
        return "high" if best > 0 else "low"
    return ADVANCING.of(Fraction(100 * best, funnel)).key


def shape_for(searching: int, funnel: int, best: int) -> str:
    """The funnel's shape from its three layer counts (not all zero)."""
    enter = enter_level(searching, funnel)
    advance = advance_level(funnel, best)
    if enter == "low":
        return "method_less" if advance == "high" else "development_only"
    if advance == "high":
        return "signing_only"
    if enter == "high" or advance == "low":
        return "follow_up_only"
    return "ideal"


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


LEVEL_TEXT = {band.key: band.label for band in ENTERING}


@dataclass(frozen=True)
class Funnel:
    """A funnel's layers, the ratios between them against the rules of thumb, and its shape
    (METHODOLOGY.md §5, key-account-sales-process.txt)."""

    searching: int
    funnel: int
    best: int
    won: int | None
    shape: str
    enter: str
    advance: str
    enter_pct: float | None
    advance_pct: float | None
    won_pct: float | None

    @property
    def total(self) -> int:
        """Customers in all three layers."""
        return self.searching + self.funnel + self.best


def read_funnel(searching: int, funnel: int, best: int, won: int | None) -> Funnel:
    """The share of searched customers in the funnel, of funnel customers in the best state,
    and of best-state customers won; the shape they make."""
    return Funnel(
        searching,
        funnel,
        best,
        won,
        shape_for(searching, funnel, best),
        enter_level(searching, funnel),
        advance_level(funnel, best),
        _pct(funnel, searching),
        _pct(best, funnel),
        _pct(won, best) if won is not None else None,
    )


def _ratio(value: float | None) -> str:
    """A ratio in per cent, or a dash when the layer below is empty."""
    return "—" if value is None else f"{fmt(value)}%"


def _reasoning(f: Funnel) -> list[Text]:
    """The layers, each ratio against its rule of thumb, the shape, and what is won."""
    enter, advance, shape = f.enter, f.advance, f.shape
    reasoning = [
        Text(
            f"客户搜寻 {f.searching} → 进入漏斗 {f.funnel} → 最佳状态 {f.best}，共 {f.total} 个。",
            f"Searching {f.searching} → in the funnel {f.funnel} → best state {f.best}: "
            f"{f.total} customers.",
        ),
        Text(
            f"进入漏斗 ÷ 客户搜寻 = {_ratio(f.enter_pct)}（经验约 {ENTER_RULE_PCT}%，"
            f"取 {ENTERING.range('ok').zh}）：{LEVEL_TEXT[enter].zh}。",
            f"In the funnel ÷ searching = {_ratio(f.enter_pct)} (rule of thumb about "
            f"{ENTER_RULE_PCT}%, taken as {ENTERING.range('ok').en}): {LEVEL_TEXT[enter].en}.",
        ),
        Text(
            f"最佳状态 ÷ 进入漏斗 = {_ratio(f.advance_pct)}（经验 {ADVANCING.range('ok').zh}）："
            f"{LEVEL_TEXT[advance].zh}。",
            f"Best state ÷ in the funnel = {_ratio(f.advance_pct)} (rule of thumb "
            f"{ADVANCING.range('ok').en}): {LEVEL_TEXT[advance].en}.",
        ),
        Text(
            f"{SHAPES[shape].zh}：{SHAPE_MEANING[shape].zh}",
            f"{SHAPES[shape].en}: {SHAPE_MEANING[shape].en}",
        ),
    ]
    if f.won_pct is not None:
        reasoning.append(
            Text(
                f"已成交 {f.won} 个，相当于最佳状态客户的 {fmt(f.won_pct)}%"
                f"（经验：约 {OUTCOME_RULE_PCT}% 的最佳状态客户会走到成交或丢失）。",
                f"{f.won} won, {fmt(f.won_pct)}% of the best-state customers (rule of thumb: "
                f"about {OUTCOME_RULE_PCT}% of them reach an outcome, won or lost).",
            )
        )
    return reasoning


def _layers_table(f: Funnel) -> ResultTable:
    """Each layer's customers, share, ratio to the layer above and the rule of thumb."""
    expected_funnel = round(f.searching * ENTER_RULE_PCT / 100, 2)
    rows = (
        {
            "layer": Text("客户搜寻", "Searching"),
            "customers": f.searching,
            "share_pct": _pct(f.searching, f.total),
            "ratio_pct": None,
            "rule": Text("—", "—"),
            "level": Text("—", "—"),
        },
        {
            "layer": Text("进入漏斗", "In the funnel"),
            "customers": f.funnel,
            "share_pct": _pct(f.funnel, f.total),
            "ratio_pct": f.enter_pct,
            "rule": Text(
                f"约 {ENTER_RULE_PCT}%（按搜寻约 {fmt(expected_funnel)} 个）",
                f"about {ENTER_RULE_PCT}% (about {fmt(expected_funnel)} from searching)",
            ),
            "level": LEVEL_TEXT[f.enter],
        },
        {
            "layer": Text("最佳状态", "Best state"),
            "customers": f.best,
            "share_pct": _pct(f.best, f.total),
            "ratio_pct": f.advance_pct,
            "rule": ADVANCING.range("ok"),
            "level": LEVEL_TEXT[f.advance],
        },
    )
    heads = columns(
        ("layer", "层面", "Layer"),
        ("customers", "客户数", "Customers"),
        ("share_pct", "占比 %", "Share %"),
        ("ratio_pct", "占上一层 %", "% of layer above"),
        ("rule", "经验值", "Rule of thumb"),
        ("level", "判断", "Reading"),
    )
    return table("layers", Text("漏斗各层", "Funnel layers"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Read the funnel's shape from its layers and give the source's advice for it."""
    searching = inputs["searching_customers"]
    funnel = inputs["funnel_customers"]
    best = inputs["best_state_customers"]
    if searching + funnel + best == 0:
        raise InputError(
            "searching_customers",
            "三个层面的客户数都是 0：至少要有一个客户，才能看出漏斗的形状。",
            "All three layers are 0: at least one customer is needed to read a funnel shape.",
        )
    f = read_funnel(searching, funnel, best, inputs["won_deals"])
    pct = PERCENT.label
    return result(
        figures=(
            figure("customers", "客户总数", "Customers", f.total),
            figure(
                "enter_pct", "进入漏斗 ÷ 客户搜寻", "In the funnel ÷ searching", f.enter_pct, pct
            ),
            figure(
                "advance_pct",
                "最佳状态 ÷ 进入漏斗",
                "Best state ÷ in the funnel",
                f.advance_pct,
                pct,
            ),
            figure("won_pct", "已成交 ÷ 最佳状态", "Won ÷ best state", f.won_pct, pct),
        ),
        verdict=Verdict(f.shape, SHAPES[f.shape]),
        reasoning=_reasoning(f),
        actions=SHAPE_ADVICE[f.shape],
        tables=(_layers_table(f),),
    )


CALCULATOR = Calculator(
    slug="funnel_shape",
    title=Text("销售漏斗形状诊断", "Funnel shape diagnosis"),
    summary=Text(
        "按客户搜寻、进入漏斗、最佳状态三层的客户数，判断漏斗是理想状态，还是只重视开发、"
        "只重跟单、只重签单或不重方法，并给出相应建议。",
        "From the customers searching, in the funnel and in the best state, tell whether the "
        "funnel is ideal or shows development only, follow-up only, signing only or no "
        "method, with the advice for each.",
    ),
    source="key-account-sales-process.txt",
    fields=(SEARCHING, IN_FUNNEL, BEST_STATE, WON),
    compute=compute,
    page="sales-process/funnel-shapes",
    order=5,
)
