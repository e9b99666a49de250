"""Deal heat 成交热度: the stage-weighted sales forecast (source: raising-customer-value.txt).

Deal heat is the chance that an open order closes, read from the stage the deal has reached:
need defined and interest established 20%, quote submitted and discussed 40%, commercial terms
under negotiation 60%, trial agreed 80%, final selection and negotiation 90%, agreement reached
and deposit received 100%. The weighted forecast is the sum of each deal's amount times its
heat: it tells a rep how accurate the forecast he reports is 您呈报的销售预测有多准确, and the
follow-up that moves a deal to its next stage is what raises its heat.

Decisions where the source is unclear (raising-customer-value.txt):

* **Stage order.** The slide lists the stages from 100% down to 20%; we keep its order and its
  probabilities as they stand, including commercial terms (60%) before the trial (80%).
* **Raising a deal's heat.** The follow-up for a deal is the work that takes it to the next
  stage; its lift is amount × (next stage's heat − this stage's heat). The deal with the largest
  lift is named in the actions (ties: the deal entered first). A deal with its deposit received
  is at 100% and has no next stage.
* **The verdict** compares the forecast with an optional sales target 销售目标 (target_wan; the
  source gives none, so the worked example's 500万 is illustrative):
  ``secured`` = deals already at 100% reach the target; ``covered`` = the weighted forecast
  reaches it; ``gap`` = the forecast falls short but the whole pipeline is at least the target,
  so raising heat can close the gap; ``short`` = even the whole pipeline is below the target, so
  new deals are needed as well. Without a target the verdict is ``no_target``. Reaching means
  "at least": a forecast exactly at the target is covered. Sums are rounded to 2 decimals
  before comparing. A target of 0 is an input error (leave the field blank for no target).
* **Default deals.** The source names the stages but no deals; the six deals of the worked
  example, one per stage, are illustrative.
* **Units.** Amounts are in 万元 (10,000 CNY).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from ..core import (
    MAX_EXPORT_ROWS,
    PCT,
    WAN,
    Calculator,
    Choice,
    Field,
    Figure,
    InputError,
    Result,
    ResultTable,
    Text,
    Verdict,
    figure_number,
    fmt,
)
from ..core._columns import AMOUNT, STAGE, WEIGHTED
from ..core._declarations import REMEMBERED_ROWS
from ..core._tail import figure, result, table
from ..core._units import WAN as WAN_UNIT

#: Deal heat of each sales stage in percent, in the order a deal moves through them (read-only).
STAGE_PROBABILITY: MappingProxyType[str, int] = MappingProxyType(
    {
        "need_defined": 20,
        "quote_discussed": 40,
        "terms_negotiation": 60,
        "trial_agreed": 80,
        "final_selection": 90,
        "deposit_received": 100,
    }
)
STAGES: tuple[str, ...] = tuple(STAGE_PROBABILITY)

STAGE_LABELS: MappingProxyType[str, Text] = MappingProxyType(
    {
        "need_defined": Text("需求已经规定并且建立了兴趣", "Need defined, interest established"),
        "quote_discussed": Text("提交报价单并且进行了讨论", "Quote submitted and discussed"),
        "terms_negotiation": Text("商务条款的商谈", "Commercial terms under negotiation"),
        "trial_agreed": Text("同意试用", "Trial agreed"),
        "final_selection": Text("最后挑选与谈判", "Final selection and negotiation"),
        "deposit_received": Text("达成协议并领取定金", "Agreement reached, deposit received"),
    }
)

#: The follow-up that takes a deal from each stage to the next one (and so raises its heat).
FOLLOW_UPS: MappingProxyType[str, Text] = MappingProxyType(
    {
        "need_defined": Text(
            "提交报价单，并和客户逐项讨论。",
            "Submit a quote and go through it with the customer.",
        ),
        "quote_discussed": Text(
            "进入商务条款的商谈：价格、付款、交期、服务。",
            "Open the commercial terms: price, payment, delivery, service.",
        ),
        "terms_negotiation": Text(
            "争取客户同意试用，并约定试用的成功标准。",
            "Get the customer to agree to a trial, with agreed success criteria.",
        ),
        "trial_agreed": Text(
            "确保试用成功，进入最后挑选与谈判。",
            "Make the trial succeed and get into the final selection and negotiation.",
        ),
        "final_selection": Text(
            "促成签约：达成协议并领取定金。",
            "Close: reach the agreement and collect the deposit.",
        ),
        "deposit_received": Text(
            "已成交：做好交付，寻找下一个需求。",
            "Won: deliver well and look for the next need.",
        ),
    }
)

VERDICTS: MappingProxyType[str, Text] = MappingProxyType(
    {
        "secured": Text("目标已锁定", "Target secured"),
        "covered": Text("预测覆盖目标", "Forecast covers the target"),
        "gap": Text(
            "预测不够，提升热度可以补上", "Forecast short, but raising heat can close the gap"
        ),
        "short": Text("全部单子也不够目标", "Pipeline below the target"),
        "no_target": Text("未设目标", "No target set"),
    }
)


# Remembered: a pipeline of 10,000 deals is scored again at every edit, and an edit changes
# one deal (typed: 1 and 1.0 are kept apart, as a check would).
@lru_cache(maxsize=REMEMBERED_ROWS, typed=True)
def weighted(stage: str, amount_wan: float) -> float:
    """One deal's weighted amount in 万元: its stage's heat × its amount, to 2 decimals."""
    return round(STAGE_PROBABILITY[stage] * amount_wan / 100, 2)


def next_stage(stage: str) -> str | None:
    """The stage after ``stage``, or None for a deal with its deposit received."""
    return _NEXT_STAGE[stage]


_NEXT_STAGE: MappingProxyType[str, str | None] = MappingProxyType(
    dict(zip(STAGES, (*STAGES[1:], None), strict=True))
)


@lru_cache(maxsize=REMEMBERED_ROWS, typed=True)
def lift(stage: str, amount_wan: float) -> float:
    """What moving a deal to its next stage adds to the forecast, in 万元 (0 at 100%)."""
    following = next_stage(stage)
    if following is None:
        return 0.0
    return round((STAGE_PROBABILITY[following] - STAGE_PROBABILITY[stage]) * amount_wan / 100, 2)


def check_target(target: float | None) -> None:
    """Refuse a target of 0 (:class:`InputError`): no target is a blank, not a zero."""
    if target is not None and target == 0:
        raise InputError(
            "target_wan",
            "目标不能为 0：没有目标就不填。",
            "The target cannot be 0: leave it blank if there is no target.",
        )


DEALS = Field(
    key="deals",
    kind="table",
    label=Text("在跟的单子", "Open deals"),
    help=Text(
        "每行一个潜在订单或项目：所处的销售阶段和金额。",
        "One prospective order or project per row: the sales stage it has reached and its amount.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("单子", "Deal"),
            help=Text("客户或项目名称。", "The customer's or project's name."),
            maximum=80,
        ),
        Field(
            key="stage",
            kind="choice",
            label=Text("销售阶段", "Sales stage"),
            help=Text(
                "单子已经达到的最高阶段；成交热度由阶段决定。",
                "The furthest stage the deal has reached; it sets the deal's heat.",
            ),
            choices=tuple(
                Choice(
                    stage,
                    Text(
                        f"{STAGE_LABELS[stage].zh}（{STAGE_PROBABILITY[stage]}%）",
                        f"{STAGE_LABELS[stage].en} ({STAGE_PROBABILITY[stage]}%)",
                    ),
                )
                for stage in STAGES
            ),
        ),
        Field(
            key="amount_wan",
            kind="number",
            label=Text("金额", "Amount"),
            help=Text(
                "单子成交后的金额，单位万元。",
                f"What the deal is worth if won, in {WAN_UNIT.label.en}.",
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
        {
            "name": Text("华东化工", "East China Chemicals"),
            "stage": "need_defined",
            "amount_wan": 120,
        },
        {
            "name": Text("新城地产", "Newtown Properties"),
            "stage": "quote_discussed",
            "amount_wan": 80,
        },
        {"name": Text("联合电力", "United Power"), "stage": "terms_negotiation", "amount_wan": 200},
        {"name": Text("远航物流", "Voyage Logistics"), "stage": "trial_agreed", "amount_wan": 50},
        {
            "name": Text("金桥制药", "Golden Bridge Pharma"),
            "stage": "final_selection",
            "amount_wan": 150,
        },
        {
            "name": Text("恒通机械", "Hengtong Machinery"),
            "stage": "deposit_received",
            "amount_wan": 60,
        },
    ],
)

TARGET = Field(
    key="target_wan",
    kind="number",
    label=Text("销售目标", "Sales target"),
    help=Text(
        "本期要完成的销售额，单位万元；不填就只算预测。",
        f"The sales you must book this period, in {WAN_UNIT.label.en}; leave blank for the "
        "forecast alone.",
    ),
    minimum=0,
    maximum=100_000_000,
    step=1,
    unit=WAN,
    default=500,
    required=False,
)


def forecast_verdict(
    target: float | None, won: float, forecast: float, pipeline: float
) -> tuple[str, Text]:
    """The verdict key and label of a forecast against the target (see the module docstring).

    ``won``, ``forecast`` and ``pipeline`` are the sums already rounded to 2 decimals.
    """
    if target is None:
        return "no_target", Text(
            f"未设目标：加权预测 {fmt(forecast)} 万元。",
            f"No target set: weighted forecast {fmt(forecast)} × {WAN_UNIT.label.en}.",
        )
    if won >= target:
        key = "secured"
    elif forecast >= target:
        key = "covered"
    elif pipeline >= target:
        key = "gap"
    else:
        key = "short"
    coverage = fmt(forecast * 100 / target)
    return key, Text(
        f"{VERDICTS[key].zh}（预测为目标的 {coverage}%）",
        f"{VERDICTS[key].en} (forecast {coverage}% of the target)",
    )


def forecast_action(key: str, target: float | None, forecast: float, pipeline: float) -> Text:
    """What to do about the forecast, for the verdict ``key`` of :func:`forecast_verdict`."""
    if key == "secured":
        return Text(
            "已收定金的单子已经够目标：做好交付，把其余单子培养成下一期的业绩。",
            "Deals with deposits already make the target: deliver them well and grow the "
            "rest into next period's business.",
        )
    if key == "covered":
        return Text(
            "加权预测够目标，但这只是概率：继续跟进热度最高的单子直到领取定金，别让它们降温。",
            "The weighted forecast covers the target, but it is only a probability: keep "
            "following the hottest deals until the deposit is in, and don't let them cool.",
        )
    if key == "gap":
        assert target is not None
        return Text(
            f"预测差目标 {fmt(target - forecast)} 万元，但单子总额够："
            "把跟进放在能把单子推进到下一阶段的活动上，先做提升最大的。",
            f"The forecast is {fmt(target - forecast)} short of the target, but the "
            "pipeline is big enough: spend follow-ups on moving deals to their next stage, "
            "largest lift first.",
        )
    if key == "short":
        assert target is not None
        return Text(
            f"即使全部成交也差 {fmt(target - pipeline)} 万元：马上寻找并筛选新的潜在客户，"
            "同时提升现有单子的热度。",
            f"Even if every deal closed you would be {fmt(target - pipeline)} short: find "
            "and screen new prospects now, while raising the heat of the deals you have.",
        )
    return Text(
        "把加权预测和你的销售目标比一比，看缺口靠提升热度还是要靠新客户来补。",
        "Compare the weighted forecast with your target: see whether raising heat can "
        "close any gap or new prospects are needed.",
    )


def deals_to_lift(lifts: Sequence[float], count: int = 1) -> list[int]:
    """The indices of the ``count`` deals whose next stage adds most to the forecast.

    Largest lift first; equal lifts keep the order entered; a deal that adds nothing (its
    deposit received, or an amount of 0) is never named. O(n log count).
    """
    return heapq.nsmallest(
        count,
        (index for index, value in enumerate(lifts) if value > 0),
        key=lambda index: (-lifts[index], index),
    )


LARGEST_LIFT = Text("提升最大的一步：", "Largest lift: ")


def lift_action(name: str, stage: str, lift_wan: float, lead: Text = LARGEST_LIFT) -> Text:
    """The follow-up that moves deal ``name`` from ``stage`` to the next, with what it adds."""
    following = next_stage(stage)
    assert following is not None
    return Text(
        f"{lead.zh}{name} 从「{STAGE_LABELS[stage].zh}」推进到"
        f"「{STAGE_LABELS[following].zh}」，预测增加 {fmt(lift_wan)} 万元。"
        f"{FOLLOW_UPS[stage].zh}",
        f"{lead.en}move {name} from '{STAGE_LABELS[stage].en}' "
        f"to '{STAGE_LABELS[following].en}', adding {fmt(lift_wan)} to the forecast. "
        f"{FOLLOW_UPS[stage].en}",
    )


def target_figures(won: float, target: float | None, forecast: float) -> tuple[Figure, ...]:
    """The forecast against the target: won so far, the target, its coverage and the gap.

    Shared by every board that forecasts by deal heat (this model and the pipeline board).
    """
    return (
        Figure("won_wan", Text("已领定金", "Won (deposit received)"), figure_number(won), WAN),
        Figure(
            "target_wan",
            Text("销售目标", "Sales target"),
            figure_number(target) if target is not None else None,
            WAN,
        ),
        Figure(
            "coverage_pct",
            Text("预测覆盖目标", "Forecast coverage of target"),
            figure_number(forecast * 100 / target) if target is not None else None,
            PCT,
        ),
        Figure(
            "gap_wan",
            Text("预测差目标", "Forecast gap to target"),
            figure_number(max(0.0, target - forecast)) if target is not None else None,
            WAN,
        ),
    )


@dataclass(frozen=True)
class HeatedDeal:
    """One deal weighted by its stage's heat, and what reaching the next stage would add."""

    index: int
    name: str
    stage: str
    heat: int
    amount: float
    weighted: float
    next: str | None
    next_heat: int
    lift: float


def heat_deal(index: int, deal: dict[str, Any]) -> HeatedDeal:
    """A deal's heat, weighted amount (heat × amount) and lift to the next stage."""
    stage = deal["stage"]
    amount = deal["amount_wan"]
    following = next_stage(stage)
    heat = STAGE_PROBABILITY[stage]
    return HeatedDeal(
        index,
        deal["name"],
        stage,
        heat,
        amount,
        weighted(stage, amount),
        following,
        STAGE_PROBABILITY[following] if following else heat,
        lift(stage, amount),
    )


@dataclass(frozen=True)
class Forecast:
    """The pipeline's total, the weighted forecast, what is won, and the verdict on target."""

    rows: list[HeatedDeal]
    target: float | None
    pipeline: float
    forecast: float
    won: float
    per_stage: dict[str, list[HeatedDeal]]
    key: str
    label: Text


def weigh_pipeline(deals: list[dict[str, Any]], target: float | None) -> Forecast:
    """Weighted forecast = Σ(heat × amount), set against the target (METHODOLOGY.md §3,
    raising-customer-value.txt)."""
    rows = [heat_deal(index, deal) for index, deal in enumerate(deals)]
    pipeline = round(sum(r.amount for r in rows), 2)
    expected = round(sum(r.weighted for r in rows), 2)
    won = round(sum(r.amount for r in rows if r.stage == "deposit_received"), 2)
    per_stage = {stage: [r for r in rows if r.stage == stage] for stage in STAGES}
    key, label = forecast_verdict(target, won, expected, pipeline)
    return Forecast(rows, target, pipeline, expected, won, per_stage, key, label)


def _reasoning(f: Forecast) -> list[Text]:
    """The forecast, each stage's share of it, and where it stands against the target."""
    reasoning = [
        Text(
            f"加权预测 = Σ（成交热度 × 金额） = {fmt(f.forecast)} 万元，"
            f"全部单子合计 {fmt(f.pipeline)} 万元。",
            f"Weighted forecast = Σ(heat × amount) = {fmt(f.forecast)} "
            f"({WAN_UNIT.label.en}) of the {fmt(f.pipeline)} in the pipeline.",
        )
    ]
    for stage in STAGES:
        in_stage = f.per_stage[stage]
        if not in_stage:
            continue
        amount = round(sum(r.amount for r in in_stage), 2)
        stage_weighted = round(sum(r.weighted for r in in_stage), 2)
        heat = STAGE_PROBABILITY[stage]
        deals_en = "deal" if len(in_stage) == 1 else "deals"
        reasoning.append(
            Text(
                f"{STAGE_LABELS[stage].zh} {heat}%：{len(in_stage)} 个单子，"
                f"{fmt(amount)} × {heat}% = {fmt(stage_weighted)}。",
                f"{STAGE_LABELS[stage].en} {heat}%: {len(in_stage)} {deals_en}, "
                f"{fmt(amount)} × {heat}% = {fmt(stage_weighted)}.",
            )
        )
    if f.target is not None:
        reasoning.append(
            Text(
                f"目标 {fmt(f.target)}：已成交 {fmt(f.won)}，加权预测 {fmt(f.forecast)}，"
                f"全部单子 {fmt(f.pipeline)}；{VERDICTS[f.key].zh}。",
                f"Target {fmt(f.target)}: won {fmt(f.won)}, weighted forecast {fmt(f.forecast)}, "
                f"pipeline {fmt(f.pipeline)}; {VERDICTS[f.key].en.lower()}.",
            )
        )
    return reasoning


def _actions(f: Forecast) -> list[Text]:
    """The forecast's action, then the deal whose next step adds most."""
    actions = [forecast_action(f.key, f.target, f.forecast, f.pipeline)]
    for index in deals_to_lift([r.lift for r in f.rows]):
        best = f.rows[index]
        actions.append(lift_action(best.name, best.stage, best.lift))
    return actions


def _figures(f: Forecast) -> list[Figure]:
    """The deals, the pipeline, the forecast and its share, the target's figures and the deals per
    stage."""
    share = figure_number(f.forecast * 100 / f.pipeline) if f.pipeline > 0 else None
    return [
        figure("deals", "单子数", "Deals", len(f.rows)),
        figure("pipeline_wan", "单子总额", "Total pipeline", figure_number(f.pipeline), WAN),
        figure("forecast_wan", "加权预测", "Weighted forecast", figure_number(f.forecast), WAN),
        figure("forecast_share_pct", "加权预测占总额", "Forecast as share of pipeline", share, PCT),
        *target_figures(f.won, f.target, f.forecast),
        *(
            figure(
                f"deals_{stage}",
                f"{STAGE_LABELS[stage].zh}（{STAGE_PROBABILITY[stage]}%）",
                f"{STAGE_LABELS[stage].en} ({STAGE_PROBABILITY[stage]}%)",
                len(f.per_stage[stage]),
            )
            for stage in STAGES
        ),
    ]


def _deals_table(f: Forecast) -> ResultTable:
    """Each deal's heat, weighted amount, next stage and the follow-up that gets it there."""
    rows = (
        {
            "name": r.name,
            "stage": STAGE_LABELS[r.stage],
            "heat_pct": r.heat,
            "amount_wan": figure_number(r.amount),
            "weighted_wan": figure_number(r.weighted),
            "next_stage": STAGE_LABELS[r.next] if r.next else None,
            "next_heat_pct": r.next_heat if r.next else None,
            "lift_wan": figure_number(r.lift),
            "follow_up": FOLLOW_UPS[r.stage],
        }
        for r in f.rows
    )
    heads = (
        ("name", Text("单子", "Deal")),
        STAGE,
        ("heat_pct", Text("热度 %", "Heat %")),
        AMOUNT,
        WEIGHTED,
        ("next_stage", Text("下一阶段", "Next stage")),
        ("next_heat_pct", Text("下一阶段热度 %", "Heat at next stage %")),
        ("lift_wan", WAN_UNIT.heading(Text("可提升", "Lift"))),
        ("follow_up", Text("跟进", "Follow-up")),
    )
    return table("deals", Text("每个单子的成交热度", "Heat of each deal"), heads, rows)


def _stages_table(f: Forecast) -> ResultTable:
    """Each stage's deals, amount and weighted amount."""
    rows = (
        {
            "stage": STAGE_LABELS[stage],
            "heat_pct": STAGE_PROBABILITY[stage],
            "deals": len(f.per_stage[stage]),
            "amount_wan": figure_number(sum(r.amount for r in f.per_stage[stage])),
            "weighted_wan": figure_number(sum(r.weighted for r in f.per_stage[stage])),
        }
        for stage in STAGES
    )
    heads = (
        STAGE,
        ("heat_pct", Text("热度 %", "Heat %")),
        ("deals", Text("单子数", "Deals")),
        AMOUNT,
        WEIGHTED,
    )
    return table("stages", Text("各阶段", "By stage"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Weight each deal by its stage's heat, sum the forecast and set it against the target."""
    target = inputs["target_wan"]
    check_target(target)
    f = weigh_pipeline(inputs["deals"], target)
    return result(
        figures=_figures(f),
        verdict=Verdict(f.key, f.label),
        reasoning=_reasoning(f),
        actions=_actions(f),
        tables=(_deals_table(f), _stages_table(f)),
    )


CALCULATOR = Calculator(
    slug="deal_heat",
    title=Text("成交热度与加权预测", "Deal heat and the weighted forecast"),
    summary=Text(
        "按销售阶段给每个单子一个成交热度（20%–100%），加权得出销售预测，并指出哪个跟进最能提升热度。",
        "Give each deal the heat of its sales stage (20%–100%), weight the amounts into a "
        "forecast, and see which follow-up raises the heat most.",
    ),
    source="raising-customer-value.txt",
    fields=(DEALS, TARGET),
    compute=compute,
    page="prioritising/deal-heat",
    order=3,
)
