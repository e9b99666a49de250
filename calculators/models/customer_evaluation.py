"""Target-customer evaluation 評價目標客戶 by ratio scoring 沃尔评分法 (source:
developing-enterprise-customers.txt, "(四)評價目標客戶").

After the first visits the seller judges whether a target customer (typically a distributor) is
worth a partnership, on five dimensions: market position 市场地位 (influence in its market,
whether it carries big makers' products, its network of relationships, its reputation), finance
财务 (capital strength, profitability, credit), management 管理 (sales team, management system,
senior managers), technical service 技术服务 (dedicated engineers, after-sales service) and
marketing 营销 (its own sales network, the network's layout and efficiency, the sales force).
The deck's method: choose indicators, give each a weight in the total 比重, set a standard ratio
标准比率, compare the actual ratio 实际比率 with it, score each indicator by the difference, add
up to a total and judge the customer by the total. That is the ratio-scoring method known as 沃尔
评分法: indicator score = weight × actual / standard, inverted when smaller is better.

Decisions where the source is unclear (developing-enterprise-customers.txt):

* **The cap.** One indicator far above its standard must not hide weak ones, so an indicator
  scores at most 1.5 × its weight (relative ratio capped at 1.5) and at least 0.
* **Zero and negative values.** A standard of 0 cannot be compared with and is an input
  error (standards cannot be negative). For a higher-is-better indicator a negative actual (a
  loss) scores 0. For a lower-is-better indicator (days receivable, debt ratio, late
  payments) an actual of 0 is as good as it gets and scores the cap; the actual cannot be
  negative there. An indicator with weight 0 is listed but scores nothing.
* **Weights.** The weights are points of a total that is normally 100. When they add to
  another total the customer's total score is also given as an index, total ÷ sum of weights ×
  100, and the bands apply to that index, so they keep their meaning. All weights 0 is an input
  error. Each indicator's score is rounded to 2 decimals and the total is the sum of those, so
  the table adds up.
* **Bands** (the deck gives none), on the index where 100 means "exactly at the standard on
  average": 100 or more, a strong customer 优质客户 (go on to the cooperation talks); 80 to
  under 100, acceptable 可以合作 (cooperate, work on the weak dimension); 60 to under 80,
  doubtful 谨慎合作 (gather more facts, protect the terms); under 60, unsuitable 暂不合作.
* **Dimensions.** Each indicator belongs to one of the five dimensions. Subtotals are given
  per dimension as points and as an index on the dimension's weight. The weakest dimension
  (lowest index, first entered on a tie) drives an action; a dimension with no indicator is
  reported as not assessed.
* **Default example.** The deck gives the dimensions but no figures; the default is an
  illustrative distributor with 11 indicators across the five dimensions, weights totalling
  100.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Choice,
    Field,
    Figure,
    InputError,
    Result,
    ResultTable,
    Text,
    fmt,
    raise_problems,
)
from ..core._bands import Band, Bands, at_least, below
from ..core._tail import columns, figure, result, table, verdict
from ..core._units import POINTS

#: An indicator scores at most this multiple of its weight.
CAP_RATIO = 1.5
#: Index edges (total ÷ sum of weights × 100), lower edge inclusive.
STRONG_FROM = 100
ACCEPTABLE_FROM = 80
DOUBTFUL_FROM = 60
#: The weights are normally points out of this total.
USUAL_TOTAL = 100
#: Wide bounds for ratios and counts: anything a real sheet holds.
VALUE_LIMIT = 1_000_000_000

DIMENSIONS: dict[str, Text] = {
    "market_position": Text("市场地位", "Market position"),
    "finance": Text("财务", "Finance"),
    "management": Text("管理", "Management"),
    "technical_service": Text("技术服务", "Technical service"),
    "marketing": Text("营销", "Marketing"),
}

#: What the deck looks at in each dimension: the check to make when it is the weak one.
DIMENSION_ACTIONS: dict[str, Text] = {
    "market_position": Text(
        "市场地位偏弱：核实它在专业市场中的影响力、是否经营大厂家的产品、人脉关系和业内信誉。",
        "Market position is weakest: check its influence in its market, whether it carries "
        "big makers' products, its relationships and its standing in the trade.",
    ),
    "finance": Text(
        "财务偏弱：核实资金实力（出货率、所经营品牌）、分销利润率和信用记录"
        "（向其他客户和合作伙伴打听），并收紧付款条件。",
        "Finance is weakest: check capital strength (sell-through, the brands it carries), "
        "distribution margin and credit record (ask other customers and its partners), and "
        "tighten the payment terms.",
    ),
    "management": Text(
        "管理偏弱：了解业务团队的规模和能力、管理体制是否规范、激励约束是否到位，以及高层的"
        "能力和协作；考虑帮它培训团队。",
        "Management is weakest: look at the size and skill of its sales team, whether staff "
        "are managed with clear incentives and controls, and how its senior managers work "
        "together; consider training its team.",
    ),
    "technical_service": Text(
        "技术服务偏弱：确认是否有专职的工程技术服务人员、售后服务是否良好；计划由我方提供"
        "技术支持和培训。",
        "Technical service is weakest: confirm it has dedicated engineers and sound "
        "after-sales service; plan our own technical support and training.",
    ),
    "marketing": Text(
        "营销偏弱：查看其营销网络是否独立健全、布局和效率如何、营销队伍素质怎样；"
        "合作时约定网络覆盖目标。",
        "Marketing is weakest: check whether it has its own complete sales network, how well "
        "the network is laid out and run, and the quality of its sales force; agree coverage "
        "targets in the partnership.",
    ),
}

#: The verdict on a customer by its index (the deck gives no bands; see the decisions above).
BANDS = Bands(
    name="customer_evaluation",
    measure=Text("评分指数（达标 = 100）", "Index (100 = at standard)"),
    unit=POINTS,
    bands=(
        Band(
            "strong",
            Text("优质客户", "Strong customer"),
            lower=at_least(STRONG_FROM),
            action=Text(
                "优质客户：进入合作洽谈，谈定合作方式、后续服务和付款条件，签署合作意向或协议；"
                "指定专门的销售经理跟进。",
                "Strong customer: open the cooperation talks on the form of cooperation, follow-up "
                "service and payment terms, sign a letter of intent or an agreement, and name a "
                "dedicated sales manager.",
            ),
        ),
        Band(
            "acceptable",
            Text("可以合作", "Acceptable"),
            lower=at_least(ACCEPTABLE_FROM),
            upper=below(STRONG_FROM),
            action=Text(
                "可以合作：进入洽谈，但在协议里针对最弱的维度约定改进目标，合作初期定期复评。",
                "Acceptable: go into the talks, but write improvement targets for the weakest "
                "dimension into the agreement and score the customer again early in the "
                "partnership.",
            ),
        ),
        Band(
            "doubtful",
            Text("谨慎合作", "Doubtful"),
            lower=at_least(DOUBTFUL_FROM),
            upper=below(ACCEPTABLE_FROM),
            action=Text(
                "谨慎合作：再拜访、补充资料后复评；若合作，先小批量、现款现货，不给信用额度。",
                "Doubtful: visit again and gather the missing facts before scoring again; if you "
                "do cooperate, start small, cash on delivery, no credit line.",
            ),
        ),
        Band(
            "unsuitable",
            Text("暂不合作", "Unsuitable for now"),
            upper=below(DOUBTFUL_FROM),
            action=Text(
                "暂不合作：把资源放到更好的目标客户上，保持联系，条件变化后再评。",
                "Unsuitable for now: put your time into better target customers, keep in touch "
                "and score it again when things change.",
            ),
        ),
    ),
)

DIRECTIONS = (
    Choice("higher", Text("越高越好", "Higher is better")),
    Choice("lower", Text("越低越好", "Lower is better")),
)


def band_for(index: float) -> str:
    """The band of a total expressed as an index (100 = exactly at the standard)."""
    return BANDS.of(index).key


def relative_ratio(standard: float, actual: float, direction: str) -> float:
    """How the actual compares with the standard, 1 meaning "at the standard", in [0, 1.5].

    The standard must be positive. Higher-is-better: actual / standard. Lower-is-better:
    standard / actual, an actual of 0 being as good as it gets.
    """
    if direction == "higher":
        ratio = actual / standard
    elif actual <= 0:
        ratio = CAP_RATIO
    else:
        ratio = standard / actual
    return min(CAP_RATIO, max(0.0, ratio))


INDICATORS = Field(
    key="indicators",
    kind="table",
    label=Text("评价指标", "Indicators"),
    help=Text(
        "每行一个指标：所属维度、在总评分中的权重（分）、标准值、客户的实际值，以及越高越好"
        "还是越低越好。",
        "One indicator per row: its dimension, its weight in the total (points), the standard "
        "value, the customer's actual value, and whether higher or lower is better.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("指标", "Indicator"),
            help=Text("可以衡量的指标，最好注明单位。", "A measurable indicator, with its unit."),
            maximum=80,
        ),
        Field(
            key="dimension",
            kind="choice",
            label=Text("维度", "Dimension"),
            help=Text("指标评价的是哪一方面。", "Which side of the customer it measures."),
            choices=tuple(Choice(k, t) for k, t in DIMENSIONS.items()),
        ),
        Field(
            key="weight_points",
            kind="number",
            label=Text("权重", "Weight"),
            help=Text(
                "该指标在总评分中占的分数；各行合计通常为 100。",
                "Points this indicator carries in the total; the rows usually total 100.",
            ),
            minimum=0,
            maximum=100,
            step=1,
            unit=POINTS.label,
        ),
        Field(
            key="standard_value",
            kind="number",
            label=Text("标准值", "Standard"),
            help=Text(
                "合格客户应达到的值（标准比率）；必须大于 0。",
                "The value a sound customer should reach (the standard ratio); above 0.",
            ),
            minimum=0,
            maximum=VALUE_LIMIT,
        ),
        Field(
            key="actual_value",
            kind="number",
            label=Text("实际值", "Actual"),
            help=Text(
                "客户的实际值，与标准值同一单位。",
                "The customer's actual value, in the same unit as the standard.",
            ),
            minimum=-VALUE_LIMIT,
            maximum=VALUE_LIMIT,
        ),
        Field(
            key="direction",
            kind="choice",
            label=Text("方向", "Direction"),
            help=Text(
                "越高越好（如利润率）还是越低越好（如应收账款天数）。",
                "Higher is better (a margin) or lower is better (days receivable).",
            ),
            choices=DIRECTIONS,
            default="higher",
        ),
    ),
    min_rows=1,
    default=[
        {
            "name": Text("经营大厂品牌数", "Major makers' brands carried"),
            "dimension": "market_position",
            "weight_points": 10,
            "standard_value": 3,
            "actual_value": 4,
            "direction": "higher",
        },
        {
            "name": Text("本地市场份额 %", "Local market share %"),
            "dimension": "market_position",
            "weight_points": 10,
            "standard_value": 15,
            "actual_value": 12,
            "direction": "higher",
        },
        {
            "name": Text("出货率 %", "Sell-through %"),
            "dimension": "finance",
            "weight_points": 10,
            "standard_value": 80,
            "actual_value": 85,
            "direction": "higher",
        },
        {
            "name": Text("分销利润率 %", "Distribution margin %"),
            "dimension": "finance",
            "weight_points": 10,
            "standard_value": 12,
            "actual_value": 10,
            "direction": "higher",
        },
        {
            "name": Text("应收账款天数", "Days receivable"),
            "dimension": "finance",
            "weight_points": 10,
            "standard_value": 60,
            "actual_value": 75,
            "direction": "lower",
        },
        {
            "name": Text("业务人员数", "Sales staff"),
            "dimension": "management",
            "weight_points": 10,
            "standard_value": 20,
            "actual_value": 15,
            "direction": "higher",
        },
        {
            "name": Text("员工年流失率 %", "Staff turnover %"),
            "dimension": "management",
            "weight_points": 5,
            "standard_value": 20,
            "actual_value": 25,
            "direction": "lower",
        },
        {
            "name": Text("专职工程技术人员", "Dedicated engineers"),
            "dimension": "technical_service",
            "weight_points": 10,
            "standard_value": 5,
            "actual_value": 3,
            "direction": "higher",
        },
        {
            "name": Text("售后响应小时", "After-sales response hours"),
            "dimension": "technical_service",
            "weight_points": 5,
            "standard_value": 24,
            "actual_value": 12,
            "direction": "lower",
        },
        {
            "name": Text("分销网点数", "Outlets in its network"),
            "dimension": "marketing",
            "weight_points": 10,
            "standard_value": 50,
            "actual_value": 60,
            "direction": "higher",
        },
        {
            "name": Text("区县覆盖率 %", "Districts covered %"),
            "dimension": "marketing",
            "weight_points": 10,
            "standard_value": 70,
            "actual_value": 60,
            "direction": "higher",
        },
    ],
)


def _check(rows: list[dict[str, Any]]) -> None:
    if sum(r["weight_points"] for r in rows) == 0:
        raise InputError(
            "indicators",
            "权重不能全部为 0：至少一个指标要有权重，才能算出总评分。",
            "The weights cannot all be 0: at least one indicator needs a weight to form a total.",
            column="weight_points",
        )
    problems: list[InputError] = []
    for index, row in enumerate(rows):
        if row["standard_value"] == 0:
            problems.append(
                InputError(
                    "indicators",
                    f"第 {index + 1} 行的标准值为 0，无法与实际值比较：请填大于 0 的标准值。",
                    f"Row {index + 1} has a standard of 0, which nothing can be compared "
                    "with: give a standard above 0.",
                    row=index,
                    column="standard_value",
                )
            )
        if row["direction"] == "lower" and row["actual_value"] < 0:
            problems.append(
                InputError(
                    "indicators",
                    f"第 {index + 1} 行是越低越好的指标，实际值不能为负数。",
                    f"Row {index + 1} is a lower-is-better indicator; its actual value "
                    "cannot be negative.",
                    row=index,
                    column="actual_value",
                )
            )
    raise_problems(problems)


@dataclass(frozen=True)
class Evaluation:
    """A customer scored: each indicator's ratio and points, the totals per dimension, the
    index on 100 and its band, and the weakest dimension assessed."""

    rows: list[dict[str, Any]]
    ratios: list[float]
    scores: list[float]
    weight_total: float
    total: float
    index: float
    band: str
    dim_points: dict[str, float]
    dim_weights: dict[str, float]
    dim_count: dict[str, int]
    #: (index, order, dimension) of every dimension that carries weight, in the given order
    assessed: list[tuple[float, int, str]]
    missing: list[str]
    weakest_index: float
    weakest: str


def _dimension_index(points: float, weight: float) -> float | None:
    """A dimension's points on 100 of its weight; None for a dimension with no weight."""
    return round(round(points, 2) * 100 / weight, 2) if weight else None


def evaluate(rows: list[dict[str, Any]]) -> Evaluation:
    """Score each indicator (weight × its capped relative ratio), add up per dimension and in
    total, and band the index on 100 (METHODOLOGY.md §8, developing-enterprise-customers.txt,
    沃尔评分法)."""
    weight_total = sum(r["weight_points"] for r in rows)
    ratios: list[float] = []
    scores: list[float] = []
    dim_points = {d: 0.0 for d in DIMENSIONS}
    dim_weights = {d: 0.0 for d in DIMENSIONS}
    dim_count = {d: 0 for d in DIMENSIONS}
    for row in rows:
        ratio = relative_ratio(row["standard_value"], row["actual_value"], row["direction"])
        score = round(row["weight_points"] * ratio, 2)
        ratios.append(ratio)
        scores.append(score)
        dim = row["dimension"]
        dim_points[dim] += score
        dim_weights[dim] += row["weight_points"]
        dim_count[dim] += 1
    total = round(sum(scores), 2)
    index = round(total * 100 / weight_total, 2)
    assessed = [
        (dim_index, order, dim)
        for order, dim in enumerate(DIMENSIONS)
        if (dim_index := _dimension_index(dim_points[dim], dim_weights[dim])) is not None
    ]
    # Weights total above 0, so at least one dimension carries weight.
    weakest_index, _, weakest = min(assessed)
    return Evaluation(
        rows,
        ratios,
        scores,
        weight_total,
        total,
        index,
        band_for(index),
        dim_points,
        dim_weights,
        dim_count,
        assessed,
        [d for d in DIMENSIONS if dim_count[d] == 0],
        weakest_index,
        weakest,
    )


def _total_line(ev: Evaluation) -> Text:
    """The total and its band, with the scaling to 100 spelt out when weights do not make 100."""
    band = ev.band
    if abs(ev.weight_total - USUAL_TOTAL) < 0.005:
        return Text(
            f"总评分 {fmt(ev.total)} 分（权重合计 100，全部达标为 100）："
            f"{BANDS[band].label.zh}（{BANDS.range(band).zh}）。",
            f"Total {fmt(ev.total)} points (weights total 100; 100 = every indicator at "
            "its standard): "
            f"{BANDS[band].label.en.lower()} ({BANDS.range(band).en}).",
        )
    return Text(
        f"总评分 {fmt(ev.total)} 分，折合 {fmt(ev.index)} 分（按权重合计 {fmt(ev.weight_total)} "
        f"换算到 100）：{BANDS[band].label.zh}（{BANDS.range(band).zh}）。",
        f"Total {fmt(ev.total)} of {fmt(ev.weight_total)} points, index {fmt(ev.index)} on "
        f"100: {BANDS[band].label.en.lower()} ({BANDS.range(band).en}).",
    )


def _reasoning(ev: Evaluation) -> list[Text]:
    """How the total was reached, each dimension's share, and the weakest dimension."""
    reasoning = [
        Text(
            f"{len(ev.rows)} 个指标，权重合计 {fmt(ev.weight_total)} 分；每个指标最多得权重的 "
            f"{fmt(CAP_RATIO)} 倍。",
            f"{len(ev.rows)} indicators, weights totalling {fmt(ev.weight_total)} points; an "
            f"indicator earns at most {fmt(CAP_RATIO)} × its weight.",
        ),
        _total_line(ev),
    ]
    for dim_index, _, dim in ev.assessed:
        points, weight = fmt(ev.dim_points[dim]), fmt(ev.dim_weights[dim])
        reasoning.append(
            Text(
                f"{DIMENSIONS[dim].zh}：{points} / {weight} 分（指数 {fmt(dim_index)}）。",
                f"{DIMENSIONS[dim].en}: {points} of {weight} points (index {fmt(dim_index)}).",
            )
        )
    reasoning.append(
        Text(
            f"最弱维度：{DIMENSIONS[ev.weakest].zh}（指数 {fmt(ev.weakest_index)}）。",
            f"Weakest dimension: {DIMENSIONS[ev.weakest].en} (index {fmt(ev.weakest_index)}).",
        )
    )
    if ev.missing:
        reasoning.append(
            Text(
                f"未评价的维度：{'、'.join(DIMENSIONS[d].zh for d in ev.missing)}。",
                f"Dimensions not assessed: {', '.join(DIMENSIONS[d].en for d in ev.missing)}.",
            )
        )
    return reasoning


def _actions(ev: Evaluation) -> list[Text]:
    """The band's action, then the weakest dimension's, then indicators still to add."""
    actions = [BANDS.action(ev.band)]
    if ev.weakest_index < STRONG_FROM:
        actions.append(DIMENSION_ACTIONS[ev.weakest])
    if ev.missing:
        actions.append(
            Text(
                f"补充指标：{'、'.join(DIMENSIONS[d].zh for d in ev.missing)}还没有指标，"
                "五个维度都要评价。",
                f"Add indicators for {', '.join(DIMENSIONS[d].en for d in ev.missing)}: judge "
                "the customer on all five dimensions.",
            )
        )
    return actions


def _figures(ev: Evaluation) -> list[Figure]:
    """The total, the weights' total, the index on 100, the highest possible and the weakest
    dimension."""
    weakest = DIMENSIONS[ev.weakest]
    return [
        figure("total_points", "总评分", "Total score", ev.total, POINTS.label),
        figure(
            "weight_total_points",
            "权重合计",
            "Weights total",
            round(ev.weight_total, 2),
            POINTS.label,
        ),
        figure("index", "评分指数（达标 = 100）", "Index (100 = at standard)", ev.index),
        figure(
            "maximum_points",
            "可能的最高分",
            "Highest possible",
            round(ev.weight_total * CAP_RATIO, 2),
            POINTS.label,
        ),
        figure(
            "weakest_dimension_index",
            f"最弱维度指数（{weakest.zh}）",
            f"Weakest dimension index ({weakest.en})",
            ev.weakest_index,
        ),
    ]


def _indicator_table(ev: Evaluation) -> ResultTable:
    """Each indicator's ratio to its standard and the points it earns."""
    rows = (
        {
            "name": row["name"],
            "dimension": DIMENSIONS[row["dimension"]],
            "weight_points": row["weight_points"],
            "standard_value": row["standard_value"],
            "actual_value": row["actual_value"],
            "ratio": round(ratio, 2),
            "score": score,
            "note": _note(ratio, ratio == CAP_RATIO),
        }
        for row, ratio, score in zip(ev.rows, ev.ratios, ev.scores, strict=True)
    )
    heads = columns(
        ("name", "指标", "Indicator"),
        ("dimension", "维度", "Dimension"),
        ("weight_points", "权重", "Weight"),
        ("standard_value", "标准值", "Standard"),
        ("actual_value", "实际值", "Actual"),
        ("ratio", "相对比率", "Relative ratio"),
        ("score", "得分", "Score"),
        ("note", "说明", "Note"),
    )
    return table("indicators", Text("指标得分", "Indicator scores"), heads, rows)


def _dimension_table(ev: Evaluation) -> ResultTable:
    """The five dimensions' subtotals, as points and as an index on their weight."""
    rows = (
        {
            "dimension": DIMENSIONS[dim],
            "indicators": ev.dim_count[dim],
            "weight_points": round(ev.dim_weights[dim], 2),
            "points": round(ev.dim_points[dim], 2),
            "index": _dimension_index(ev.dim_points[dim], ev.dim_weights[dim]),
        }
        for dim in DIMENSIONS
    )
    heads = columns(
        ("dimension", "维度", "Dimension"),
        ("indicators", "指标数", "Indicators"),
        ("weight_points", "权重", "Weight"),
        ("points", "得分", "Points"),
        ("index", "指数", "Index"),
    )
    return table("dimensions", Text("分维度小计", "Subtotals by dimension"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Score every indicator, add up per dimension and in total, and band the customer."""
    rows = inputs["indicators"]
    _check(rows)
    ev = evaluate(rows)
    label = BANDS[ev.band].label
    return result(
        figures=_figures(ev),
        verdict=verdict(
            ev.band, f"{label.zh}（{fmt(ev.index)} 分）", f"{label.en} ({fmt(ev.index)} points)"
        ),
        reasoning=_reasoning(ev),
        actions=_actions(ev),
        tables=(_indicator_table(ev), _dimension_table(ev)),
    )


def _note(ratio: float, capped: bool) -> Text:
    if capped:
        return Text(
            f"达到上限：按权重的 {fmt(CAP_RATIO)} 倍计",
            f"at the cap: {fmt(CAP_RATIO)} × the weight",
        )
    if ratio == 0:
        return Text("为负或为零，得 0 分", "zero or negative: scores 0")
    if ratio >= 1:
        return Text("达到标准", "at or above the standard")
    return Text("低于标准", "below the standard")


CALCULATOR = Calculator(
    slug="customer_evaluation",
    title=Text("目标客户评价（沃尔评分法）", "Target-customer evaluation (ratio scoring)"),
    summary=Text(
        "从市场地位、财务、管理、技术服务、营销五个维度选指标、定权重和标准值，"
        "用实际值与标准值之比给每个指标打分，合计后判断客户优劣。",
        "Pick indicators across market position, finance, management, technical service and "
        "marketing, give each a weight and a standard, score each by its actual-to-standard "
        "ratio, and judge the customer by the total.",
    ),
    source="developing-enterprise-customers.txt",
    fields=(INDICATORS,),
    compute=compute,
    page="enterprise/targets",
    order=8,
)
