"""The pipeline board 销售漏斗看板: a workshop tool that reads a rep's whole deal list at once.

One table of deals (stage, amount, months to close, situation) feeds four models of the
methodology, each by its own functions, so no rule is written twice:

* **deal heat** 成交热度 (:mod:`calculators.models.deal_heat`): each deal's stage gives its
  heat; the weighted forecast is the sum of heat × amount, set against an optional sales
  target, and the follow-ups that move a deal to its next stage are the ones that raise the
  forecast;
* **expected value** 期望值 (:mod:`calculators.models.expected_value`): the deals in order of
  probability × amount, the order to spend time in;
* **funnel grading** A/B/C/D (:mod:`calculators.models.funnel_grading`): each deal's grade from its
  timing and situation, with each grade's measures, strategy and service principles;
* **funnel shape** (:mod:`calculators.models.funnel_shape`): the shape of the funnel read from the
  layers the grades fill.

It draws two charts: the funnel layers, and the value × heat grid with one dot per deal.
It runs the same code for a trainer's 10 deals and a rep's 500: every step is a pass over the
deals or one sort (O(n log n)), and the reasoning and actions stay a fixed handful of lines.

Decisions where the sources are unclear (raising-customer-value.txt,
key-account-sales-process.txt):

* **Stage and grade are separate inputs.** The stage sets the heat (deal heat's table of
  probabilities); the months to close and the situation set the grade (funnel grading's
  rules). They are not reconciled: a deal in final selection that will only close in 24 months
  keeps its 90% heat and its D grade, and the rep sees both side by side.
* **Layers from the grades.** D → searching 客户搜寻, B and C → in the funnel 进入漏斗, A →
  best state 最佳状态, as funnel_shape's docstring suggests: the source draws D, C, B, A down
  the funnel, and its A traits (commercial negotiation, closing within 6 months) are the best
  state. Deals already won (deposit received) stay in the layer of their grade; funnel shape's
  optional won-deals ratio is not used.
* **Expected value is the weighted amount.** With the stage's heat as the probability, a deal's
  expected value (expected_value's probability × amount) is its weighted amount in the
  forecast (deal heat's heat × amount): one number, rounded to 2 decimals, so the forecast is
  exactly the sum of the expected-value column. Equal values keep the order entered.
* **The verdict** is deal heat's forecast verdict (``secured``, ``covered``, ``gap``,
  ``short`` or ``no_target``), as the board's first question is whether the forecast makes the
  target; the funnel's shape joins its label.
* **Follow-ups.** Deal heat names the one deal whose next stage adds most to the forecast; the
  board names up to three, by the same rule (largest lift first, ties as entered, never a deal
  that adds nothing), and gives each deal's grade beside it, so a large lift on a D deal is
  seen for what it is.
* **Charts.** The grid plots heat (x, %) against amount (y, 万元). With many deals only the
  ten largest expected values are labelled, with their rank (the table names them all); the
  others are unlabelled dots. The grid is divided at 50% heat (between quote discussed, 40%,
  and commercial terms, 60%) and at the median amount, so half the deals lie on each side of
  the amount line; the four corners' advice is our wording of the expected-value lesson (a big
  deal at low heat needs its chance raised before more time goes into it).
* **Defaults.** Ten illustrative deals across all six stages and all four grades, and a
  target of 800万, so the worked example shows a gap that raising heat can close and a funnel
  that bulges in the middle. The sources give no such list.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from ..core import (
    MAX_EXPORT_ROWS,
    WAN,
    Calculator,
    Chart,
    Field,
    Figure,
    Result,
    ResultTable,
    RowResults,
    Text,
    _svg,
    figure_number,
    fmt,
)
from ..core._columns import AMOUNT, EXPECTED, GRADE, PRIORITY, STAGE
from ..core._tail import figure, result, table, verdict
from ..core._units import WAN as WAN_UNIT
from ..models import deal_heat, expected_value, funnel_grading, funnel_shape
from ..models.deal_heat import STAGE_LABELS, STAGE_PROBABILITY, STAGES
from ..models.funnel_grading import GRADE_ORDER, GRADES
from ..models.funnel_shape import LEVEL_TEXT, SHAPE_ADVICE, SHAPE_MEANING, SHAPES

#: How many deals the grid labels, and how many follow-ups the actions name.
LABELLED_DEALS = 10
FOLLOW_UPS_NAMED = 3

#: The funnel layer each grade fills (see the module docstring).
LAYER_OF_GRADE = {"A": "best", "B": "funnel", "C": "funnel", "D": "searching"}
LAYERS: dict[str, Text] = {
    "searching": Text("客户搜寻", "Searching"),
    "funnel": Text("进入漏斗", "In the funnel"),
    "best": Text("最佳状态", "Best state"),
}
LAYER_GRADES = {"searching": "D", "funnel": "B + C", "best": "A"}

#: Chart tone of each grade: green closest to closing, grey furthest.
GRADE_TONE = {"A": _svg.GREEN, "B": _svg.BLUE, "C": _svg.ORANGE, "D": _svg.GREY}

#: Heat that divides the grid: between quote discussed (40%) and commercial terms (60%).
HEAT_SPLIT_PCT = 50

QUADRANTS = (
    Text("大单、热度低：先提高成功率", "Big but cold: raise its chance first"),
    Text("大单、热度高：全力促成", "Big and hot: close it"),
    Text("小单、热度低：筛选或搁置", "Small and cold: qualify or park"),
    Text("小单、热度高：尽快拿下", "Small and hot: wrap it up"),
)


def _quadrant_labels(lang: str) -> tuple[str, str, str, str]:
    """The four corner labels of the value x probability grid in ``lang``."""
    top_left, top_right, bottom_left, bottom_right = (q.get(lang) for q in QUADRANTS)
    return top_left, top_right, bottom_left, bottom_right


def _column(table: Field, key: str) -> Field:
    """A column declared by another model's table, reused as it stands."""
    return next(c for c in table.columns if c.key == key)


DEALS = Field(
    key="deals",
    kind="table",
    label=Text("在跟的单子", "Open deals"),
    help=Text(
        "每行一个单子：销售阶段（决定成交热度）、金额、"
        "预计几个月后成交和客户情况（决定 A/B/C/D 级）。",
        "One deal per row: its sales stage (which sets its heat), its amount, the months "
        "until it closes and its situation (which set its A/B/C/D grade).",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("单子", "Deal"),
            help=Text("客户或项目名称。", "The customer's or project's name."),
            maximum=80,
        ),
        _column(deal_heat.DEALS, "stage"),
        _column(deal_heat.DEALS, "amount_wan"),
        _column(funnel_grading.DEALS, "months_to_close"),
        _column(funnel_grading.DEALS, "situation"),
    ),
    max_rows=MAX_EXPORT_ROWS,
    min_rows=1,
    # each deal's row shows its heat, weighted amount, grade and priority
    row_results=RowResults(
        table="deals",
        columns=(
            ("heat_pct", Text("热度 %", "Heat %")),
            ("expected_wan", WAN_UNIT.heading(Text("加权金额", "Weighted"))),
            GRADE,
            PRIORITY,
        ),
        sort="rank",
        tone="grade",
    ),
    default=[
        {
            "name": Text("金桥制药", "Golden Bridge Pharma"),
            "stage": "final_selection",
            "amount_wan": 150,
            "months_to_close": 2,
            "situation": "negotiating",
        },
        {
            "name": Text("恒通机械", "Hengtong Machinery"),
            "stage": "deposit_received",
            "amount_wan": 60,
            "months_to_close": 1,
            "situation": "signed_new_need",
        },
        {
            "name": Text("远航物流", "Voyage Logistics"),
            "stage": "trial_agreed",
            "amount_wan": 50,
            "months_to_close": 4,
            "situation": "none",
        },
        {
            "name": Text("联合电力", "United Power"),
            "stage": "terms_negotiation",
            "amount_wan": 200,
            "months_to_close": 8,
            "situation": "none",
        },
        {
            "name": Text("新城地产", "Newtown Properties"),
            "stage": "quote_discussed",
            "amount_wan": 80,
            "months_to_close": 10,
            "situation": "incumbent_failed",
        },
        {
            "name": Text("华东化工", "East China Chemicals"),
            "stage": "need_defined",
            "amount_wan": 120,
            "months_to_close": 11,
            "situation": "waiting_to_select",
        },
        {
            "name": Text("北方电气", "Northern Electric"),
            "stage": "quote_discussed",
            "amount_wan": 300,
            "months_to_close": 14,
            "situation": "no_urgency",
        },
        {
            "name": Text("海天食品", "Haitian Foods"),
            "stage": "need_defined",
            "amount_wan": 90,
            "months_to_close": 16,
            "situation": "hopes_in_incumbent",
        },
        {
            "name": Text("星辰电子", "Star Electronics"),
            "stage": "need_defined",
            "amount_wan": 250,
            "months_to_close": 24,
            "situation": "none",
        },
        {
            "name": Text("东方建材", "Oriental Building Materials"),
            "stage": "need_defined",
            "amount_wan": 40,
            "months_to_close": 30,
            "situation": "none",
        },
    ],
)

TARGET = replace(deal_heat.TARGET, default=800)


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Pipeline:
    """A whole pipeline read at once: each deal's heat, expected value, grade and lift; the
    forecast against the target; the priority order; the grades and the funnel's shape."""

    deals: list[dict[str, Any]]
    target: float | None
    stages: list[str]
    amounts: list[float]
    grades: list[str]
    heats: list[int]
    values: list[float]
    lifts: list[float]
    pipeline: float
    forecast: float
    won: float
    key: str
    forecast_label: Text
    #: row indices in expected-value order, and each row's rank in it
    order: list[int]
    rank_of: list[int]
    counts: dict[str, int]
    grade_amount: dict[str, float]
    grade_value: dict[str, float]
    layer_count: dict[str, int]
    layer_value: dict[str, float]
    shape: str
    enter: str
    advance: str

    @cached_property
    def names(self) -> list[str]:
        """The deals' names, in input order."""
        return [d["name"] for d in self.deals]

    @property
    def top(self) -> int:
        """The row of the deal worth most in expectation."""
        return self.order[0]


def _by_grade(
    grades: list[str], amounts: list[float], values: list[float]
) -> tuple[dict[str, int], dict[str, float], dict[str, float]]:
    """Deals, amount and weighted value per grade A–D."""
    counts = dict.fromkeys(GRADE_ORDER, 0)
    grade_amount = dict.fromkeys(GRADE_ORDER, 0.0)
    grade_value = dict.fromkeys(GRADE_ORDER, 0.0)
    for grade, amount, value in zip(grades, amounts, values, strict=True):
        counts[grade] += 1
        grade_amount[grade] += amount
        grade_value[grade] += value
    return counts, grade_amount, grade_value


def _by_layer(
    counts: dict[str, int], grade_value: dict[str, float]
) -> tuple[dict[str, int], dict[str, float]]:
    """Deals and weighted value per funnel layer: D searching, B + C in the funnel, A best."""
    layer_count = dict.fromkeys(LAYERS, 0)
    layer_value = dict.fromkeys(LAYERS, 0.0)
    for grade in GRADE_ORDER:
        layer_count[LAYER_OF_GRADE[grade]] += counts[grade]
        layer_value[LAYER_OF_GRADE[grade]] += grade_value[grade]
    return layer_count, layer_value


def read_pipeline(deals: list[dict[str, Any]], target: float | None) -> Pipeline:
    """Forecast (Σ heat × amount), order by expected value, grade every deal and find the
    funnel's shape, reusing the deal-heat, expected-value, grading and funnel-shape models
    (METHODOLOGY.md §2–5)."""
    graded = funnel_grading.grade_deals(deals)
    stages = [d["stage"] for d in deals]
    amounts = [d["amount_wan"] for d in deals]
    grades = [g.grade for g in graded]
    values = list(map(deal_heat.weighted, stages, amounts))
    pipeline = round(sum(amounts), 2)
    forecast = round(sum(values), 2)
    won = round(sum(a for s, a in zip(stages, amounts, strict=True) if s == STAGES[-1]), 2)
    key, forecast_label = deal_heat.forecast_verdict(target, won, forecast, pipeline)
    order = expected_value.rank_order(values)
    rank_of = [0] * len(deals)
    for rank, index in enumerate(order, start=1):
        rank_of[index] = rank
    counts, grade_amount, grade_value = _by_grade(grades, amounts, values)
    layer_count, layer_value = _by_layer(counts, grade_value)
    searching, in_funnel, best = (layer_count[k] for k in ("searching", "funnel", "best"))
    return Pipeline(
        deals,
        target,
        stages,
        amounts,
        grades,
        [STAGE_PROBABILITY[s] for s in stages],
        values,
        list(map(deal_heat.lift, stages, amounts)),
        pipeline,
        forecast,
        won,
        key,
        forecast_label,
        order,
        rank_of,
        counts,
        grade_amount,
        grade_value,
        layer_count,
        layer_value,
        funnel_shape.shape_for(searching, in_funnel, best),
        funnel_shape.enter_level(searching, in_funnel),
        funnel_shape.advance_level(in_funnel, best),
    )


def _actions(p: Pipeline) -> list[Text]:
    """The forecast's action, the deals whose heat to raise, the order of time, the grades'
    and the funnel shape's advice."""
    names, top = p.names, p.top
    actions = [deal_heat.forecast_action(p.key, p.target, p.forecast, p.pipeline)]
    for n, index in enumerate(deal_heat.deals_to_lift(p.lifts, FOLLOW_UPS_NAMED), start=1):
        grade = p.grades[index]
        lead = Text(
            f"提升热度的跟进 {n}（{GRADES[grade].label.zh}）：",
            f"Heat-raising follow-up {n} (grade {grade}): ",
        )
        actions.append(deal_heat.lift_action(names[index], p.stages[index], p.lifts[index], lead))
    actions.append(
        Text(
            f"按期望值排序安排时间：先做 {names[top]}（期望值 {fmt(p.values[top])} 万元），"
            "再按表中顺序往下。",
            f"Spend your time in expected-value order: {names[top]} first (expected value "
            f"{fmt(p.values[top])}), then down the table.",
        )
    )
    actions.extend(
        funnel_grading.grade_action(grade, p.counts[grade])
        for grade in GRADE_ORDER
        if p.counts[grade]
    )
    actions.extend(
        Text(f"{SHAPES[p.shape].zh}：{advice.zh}", f"{SHAPES[p.shape].en}: {advice.en}")
        for advice in SHAPE_ADVICE[p.shape]
    )
    return actions


def _figures(p: Pipeline) -> list[Figure]:
    """The deals, the pipeline, the forecast, the target's figures, the top deal and the grade
    mix."""
    counts = p.counts
    return [
        figure("deals", "单子数", "Deals", len(p.deals)),
        figure("pipeline_wan", "单子总额", "Total pipeline", figure_number(p.pipeline), WAN),
        figure("forecast_wan", "加权预测", "Weighted forecast", figure_number(p.forecast), WAN),
        *deal_heat.target_figures(p.won, p.target, p.forecast),
        figure("top_deal", "期望值最高", "Highest expected value", p.names[p.top]),
        figure("a", "A 级", "Grade A", counts["A"]),
        figure("b", "B 级", "Grade B", counts["B"]),
        figure("c", "C 级", "Grade C", counts["C"]),
        figure("d", "D 级", "Grade D", counts["D"]),
    ]


def _deals_table(p: Pipeline) -> ResultTable:
    """Every deal in expected-value order: stage, heat, amounts, grade and next-stage lift."""
    # each column read once, in input order (a pipeline of 10,000 deals at every edit)
    rank_of, names, heats, grades = p.rank_of, p.names, p.heats, p.grades
    stages = [STAGE_LABELS[stage] for stage in p.stages]
    amounts, values, lifts = (list(map(figure_number, c)) for c in (p.amounts, p.values, p.lifts))
    rows = [
        {
            "rank": rank_of[index],
            "name": names[index],
            "stage": stages[index],
            "heat_pct": heats[index],
            "amount_wan": amounts[index],
            "expected_wan": values[index],
            "grade": grades[index],
            "lift_wan": lifts[index],
            "row": index,
        }
        for index in p.order
    ]
    heads = (
        PRIORITY,
        ("name", Text("单子", "Deal")),
        STAGE,
        ("heat_pct", Text("热度 %", "Heat %")),
        AMOUNT,
        EXPECTED,
        GRADE,
        ("lift_wan", WAN_UNIT.heading(Text("下一阶段可提升", "Next-stage lift"))),
    )
    return table("deals", Text("按期望值排序", "Ranked by expected value"), heads, rows)


def _grades_table(p: Pipeline) -> ResultTable:
    """Each grade's funnel layer, deals, amount and weighted forecast."""
    rows = (
        {
            "grade": GRADES[grade].label,
            "layer": LAYERS[LAYER_OF_GRADE[grade]],
            "deals": p.counts[grade],
            "amount_wan": figure_number(p.grade_amount[grade]),
            "expected_wan": figure_number(p.grade_value[grade]),
        }
        for grade in GRADE_ORDER
    )
    heads = (
        GRADE,
        ("layer", Text("漏斗层面", "Funnel layer")),
        ("deals", Text("单子数", "Deals")),
        AMOUNT,
        ("expected_wan", WAN_UNIT.heading(Text("加权预测", "Weighted"))),
    )
    return table("grades", Text("各级别", "By grade"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Forecast, order, grade and diagnose a whole pipeline, and draw it."""
    target = inputs["target_wan"]
    deal_heat.check_target(target)
    p = read_pipeline(inputs["deals"], target)
    return result(
        figures=_figures(p),
        verdict=verdict(
            p.key,
            f"{p.forecast_label.zh}；漏斗：{SHAPES[p.shape].zh}",
            f"{p.forecast_label.en}; funnel: {SHAPES[p.shape].en.lower()}",
        ),
        reasoning=_reasoning(p),
        actions=_actions(p),
        tables=(_deals_table(p), _grades_table(p)),
        charts=(
            _funnel_chart(p.layer_count, p.layer_value),
            _grid_chart(p.order, p.names, p.heats, p.amounts, p.values, p.grades, p.rank_of),
        ),
    )


def _forecast_line(p: Pipeline) -> Text:
    """The weighted forecast and its share of the pipeline."""
    count = len(p.deals)
    share = fmt(p.forecast * 100 / p.pipeline) if p.pipeline > 0 else "—"
    return Text(
        f"加权预测 = Σ（成交热度 × 金额） = {fmt(p.forecast)} 万元，"
        f"{count} 个单子合计 {fmt(p.pipeline)} 万元（预测占 {share}%）。",
        f"Weighted forecast = Σ(heat × amount) = {fmt(p.forecast)} ({WAN_UNIT.label.en}), "
        f"{share}% of the {fmt(p.pipeline)} in the pipeline's {count} "
        f"{'deal' if count == 1 else 'deals'}.",
    )


def _stage_lines(p: Pipeline) -> list[Text]:
    """One line per stage that holds deals: how many, their amount × the stage's heat."""
    in_stage = dict.fromkeys(STAGES, 0)
    stage_amount = dict.fromkeys(STAGES, 0.0)
    stage_value = dict.fromkeys(STAGES, 0.0)
    for stage, amount, value in zip(p.stages, p.amounts, p.values, strict=True):
        in_stage[stage] += 1
        stage_amount[stage] += amount
        stage_value[stage] += value
    lines = []
    for stage in STAGES:
        if not in_stage[stage]:
            continue
        heat = STAGE_PROBABILITY[stage]
        deals_en = "deal" if in_stage[stage] == 1 else "deals"
        lines.append(
            Text(
                f"{STAGE_LABELS[stage].zh} {heat}%：{in_stage[stage]} 个单子，"
                f"{fmt(stage_amount[stage])} × {heat}% = {fmt(stage_value[stage])}。",
                f"{STAGE_LABELS[stage].en} {heat}%: {in_stage[stage]} {deals_en}, "
                f"{fmt(stage_amount[stage])} × {heat}% = {fmt(stage_value[stage])}.",
            )
        )
    return lines


def _target_line(p: Pipeline, target: float) -> Text:
    """Won, forecast and pipeline against the target, and what that means."""
    meaning = deal_heat.VERDICTS[p.key]
    return Text(
        f"目标 {fmt(target)}：已成交 {fmt(p.won)}，加权预测 {fmt(p.forecast)}，"
        f"全部单子 {fmt(p.pipeline)}；{meaning.zh}。",
        f"Target {fmt(target)}: won {fmt(p.won)}, weighted forecast {fmt(p.forecast)}, "
        f"pipeline {fmt(p.pipeline)}; {meaning.en.lower()}.",
    )


def _first_line(p: Pipeline) -> Text:
    """The deal worth most in expectation, and where the largest deal ranks."""
    deals, amounts, top = p.deals, p.amounts, p.top
    largest_rank, largest = max(enumerate(p.order, start=1), key=lambda r: (amounts[r[1]], -r[0]))
    first_zh = (
        f"期望值 = 成交热度 × 金额：排第一的是 {deals[top]['name']}（{fmt(p.values[top])} 万元）"
    )
    first_en = (
        f"Expected value = heat × amount: first is {deals[top]['name']} ({fmt(p.values[top])})"
    )
    if largest == top:
        return Text(f"{first_zh}，也是金额最大的单子。", f"{first_en}, the largest deal too.")
    return Text(
        f"{first_zh}；金额最大的 {deals[largest]['name']}"
        f"（{fmt(amounts[largest])} 万元）排第 {largest_rank} 位。",
        f"{first_en}; the largest deal, {deals[largest]['name']} "
        f"({fmt(amounts[largest])}), ranks {_ordinal_en(largest_rank)}.",
    )


def _layers_line(p: Pipeline) -> Text:
    """The funnel's layers and how their ratios compare with the rules of thumb."""
    searching, in_funnel, best = (p.layer_count[k] for k in ("searching", "funnel", "best"))
    enter, advance = p.enter, p.advance
    return Text(
        f"漏斗各层：客户搜寻（D）{searching} → 进入漏斗（B + C）{in_funnel} → "
        f"最佳状态（A）{best}。进入漏斗 ÷ 客户搜寻：{LEVEL_TEXT[enter].zh}"
        f"（经验 {funnel_shape.ENTER_LOW_PCT}–{funnel_shape.ENTER_HIGH_PCT}%）；"
        f"最佳状态 ÷ 进入漏斗：{LEVEL_TEXT[advance].zh}"
        f"（经验 {funnel_shape.ADVANCE_LOW_PCT}–{funnel_shape.ADVANCE_HIGH_PCT}%）。",
        f"Funnel layers: searching (D) {searching} → in the funnel (B + C) {in_funnel} → "
        f"best state (A) {best}. In the funnel ÷ searching: {LEVEL_TEXT[enter].en} "
        f"(rule of thumb {funnel_shape.ENTER_LOW_PCT}–{funnel_shape.ENTER_HIGH_PCT}%); "
        f"best state ÷ in the funnel: {LEVEL_TEXT[advance].en} (rule of thumb "
        f"{funnel_shape.ADVANCE_LOW_PCT}–{funnel_shape.ADVANCE_HIGH_PCT}%).",
    )


def _reasoning(p: Pipeline) -> list[Text]:
    """A fixed handful of lines, however many deals there are."""
    lines = [_forecast_line(p), *_stage_lines(p)]
    if p.target is not None:
        lines.append(_target_line(p, p.target))
    lines.append(_first_line(p))
    mix_zh = " / ".join(f"{p.counts[g]} 个 {g} 级" for g in GRADE_ORDER)
    mix_en = " / ".join(f"{p.counts[g]} {g}" for g in GRADE_ORDER)
    lines.append(
        Text(
            f"分级（按成交时间和客户情况）：{mix_zh}。",
            f"Grades (by time to close and situation): {mix_en}.",
        )
    )
    lines.append(_layers_line(p))
    lines.append(
        Text(
            f"{SHAPES[p.shape].zh}：{SHAPE_MEANING[p.shape].zh}",
            f"{SHAPES[p.shape].en}: {SHAPE_MEANING[p.shape].en}",
        )
    )
    return lines


def _funnel_chart(layer_count: dict[str, int], layer_value: dict[str, float]) -> Chart:
    title = Text("漏斗各层（按 A/B/C/D 分级）", "Funnel layers (from the A/B/C/D grades)")
    tones = {"searching": _svg.GREY, "funnel": _svg.BLUE, "best": _svg.GREEN}

    def draw(lang: str) -> str:
        note = (
            "加权 {} " + WAN_UNIT.label.zh
            if lang == "zh"
            else "weighted {} (" + WAN_UNIT.label.en + ")"
        )
        layers = [
            _svg.Layer(
                f"{LAYERS[layer].zh}（{LAYER_GRADES[layer]}）"
                if lang == "zh"
                else f"{LAYERS[layer].en} ({LAYER_GRADES[layer]})",
                layer_count[layer],
                note.format(fmt(round(layer_value[layer], 2))),
                tones[layer],
            )
            for layer in LAYERS
        ]
        if lang == "zh":
            desc = "；".join(f"{layer.label}：{layer.count}，{layer.note}" for layer in layers)
        else:
            desc = "; ".join(f"{layer.label}: {layer.count}, {layer.note}" for layer in layers)
        return _svg.funnel(layers, title=title.get(lang), desc=desc)

    return Chart.drawn("funnel", title, draw)


def _grid_chart(
    order: list[int],
    names: list[str],
    heats: list[int],
    amounts: list[float],
    values: list[float],
    grades: list[str],
    rank_of: list[int],
) -> Chart:
    title = Text("金额 × 成交热度（每个点一个单子）", "Amount × deal heat (one dot per deal)")
    median = statistics.median(amounts)

    def draw(lang: str) -> str:
        # the most valuable first: they get their labels before the others are placed; the
        # others are drawn unlabelled (a board of 10,000 deals names none of them)
        dots = [
            _svg.Dot(
                f"{rank_of[i]} {names[i]}",
                heats[i],
                amounts[i],
                GRADE_TONE[grades[i]],
                short=str(rank_of[i]),
            )
            for i in order[:LABELLED_DEALS]
        ]
        dots.extend(
            _svg.unlabelled(heats[i], amounts[i], GRADE_TONE[grades[i]])
            for i in order[LABELLED_DEALS:]
        )
        legend = [(GRADE_TONE[g], GRADES[g].label.get(lang)) for g in GRADE_ORDER]
        shown = order[:LABELLED_DEALS]
        if lang == "zh":
            lead = f"{len(order)} 个单子。期望值前 {len(shown)} 名："
            items = [
                f"{rank_of[i]} {names[i]}（热度 {heats[i]}%，{fmt(amounts[i])} 万元，"
                f"期望值 {fmt(values[i])}，{grades[i]} 级）"
                for i in shown
            ]
            sep = "；"
        else:
            lead = f"{len(order)} deals. Top {len(shown)} by expected value: "
            items = [
                f"{rank_of[i]} {names[i]} (heat {heats[i]}%, {fmt(amounts[i])}, "
                f"expected {fmt(values[i])}, grade {grades[i]})"
                for i in shown
            ]
            sep = "; "
        return _svg.scatter(
            dots,
            title=title.get(lang),
            x_label="成交热度 %" if lang == "zh" else "Deal heat %",
            y_label=AMOUNT[1].get(lang),
            x_ticks=(0, *sorted(set(STAGE_PROBABILITY.values()))),
            quadrants=_svg.Quadrants(HEAT_SPLIT_PCT, median, _quadrant_labels(lang)),
            legend=legend,
            desc=lead + sep.join(items),
        )

    return Chart.drawn("grid", title, draw)


CALCULATOR = Calculator(
    slug="pipeline",
    title=Text("销售漏斗看板", "Pipeline board"),
    summary=Text(
        "把全部在跟的单子放在一张表里：按成交热度算加权预测并对照目标，按期望值排出先后，"
        "按 A/B/C/D 分级并给出各级策略，从分级看漏斗形状，再画出漏斗和金额 × 热度图。",
        "Put every open deal in one table: the heat-weighted forecast against the target, "
        "the expected-value order, the A/B/C/D grades with each grade's strategy, the "
        "funnel's shape read from the grades, and charts of the funnel and of amount × heat.",
    ),
    source="raising-customer-value.txt",
    fields=(DEALS, TARGET),
    compute=compute,
    page="workshop/pipeline-board",
    order=201,
    kind="tool",
)
