"""Self-check drill: which deal-heat probability? 成交热度 (source: raising-customer-value.txt,
"追踪客户", "成交热度--使用概率").

A new hire reads where a deal really stands (a quote gone through line by line, payment terms
being argued, a trial agreed, the last two suppliers in the final round, the deposit in the
bank…) and picks the deal heat of that stage: 20, 40, 60, 80, 90 or 100%. Reading the stage
right is what makes a weighted forecast honest, and it names the follow-up that raises the
deal's heat. The bank is ``calculators/banks/stage_probability.json``; the drill's page is
``self-check/stage-probability`` and its feedback sends the learner to
``prioritising/deal-heat``.

Each item carries the stage key it has reached (:data:`calculators.models.deal_heat.STAGES`); the
probability comes from :data:`calculators.models.deal_heat.STAGE_PROBABILITY`, never from the bank.

Decisions where the source is unclear (raising-customer-value.txt):

* **Choices are the six probabilities**, labelled as percentages only, not with the stage
  names: naming the stage in the choice would turn the drill into reading the labels. The
  explanation names the stage.
* **The furthest stage really reached.** Each story is written so that one stage is clearly the
  furthest the customer has reached (as the model reads a deal); a stage merely hoped for is
  not reached. Stories keep the model's stage order, commercial terms (60%) before the trial
  (80%), without testing it: no story has terms and a trial at once.
* **Items chosen.** Eighteen stories, three per stage, in an order with no pattern to learn.
* **Classic traps.** Items 3 and 5 tempt the learner to over-read a deal: payment terms
  being argued are not yet the final negotiation, and a final round with the general manager
  is not a won deal before any deposit.
* **The explanation** names the stage, its heat and the follow-up that takes the deal to the
  next stage (deal_heat.FOLLOW_UPS).
* Scoring, verdict bands and the answer key follow :mod:`calculators.drills._drill`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from ..core import Calculator, Choice, PageLink, Result, Text
from ..models.deal_heat import FOLLOW_UPS, STAGE_LABELS, STAGE_PROBABILITY, STAGES
from . import _drill

BANK = "stage_probability.json"
PAGE = PageLink("prioritising/deal-heat", Text("成交热度", "Deal heat"))
CHOICES = tuple(
    Choice(
        str(STAGE_PROBABILITY[stage]),
        Text(f"{STAGE_PROBABILITY[stage]}%", f"{STAGE_PROBABILITY[stage]}%"),
    )
    for stage in STAGES
)


def answer_for(stage: str) -> tuple[str, Text]:
    """The deal heat of a bank item's stage (a choice value such as "60") and why."""
    if stage not in STAGE_PROBABILITY:
        raise ValueError(f"unknown stage {stage!r}")
    heat = STAGE_PROBABILITY[stage]
    label = STAGE_LABELS[stage]
    follow = FOLLOW_UPS[stage]
    return str(heat), Text(
        f"最远已经到达「{label.zh}」：成交热度 {heat}%。下一步：{follow.zh}",
        f"The furthest stage reached is '{label.en}': deal heat {heat}%. Next: {follow.en}",
    )


def _load() -> tuple[tuple[_drill.Item, ...], dict[str, str]]:
    items = []
    stages = {}
    for raw in _drill.load_bank(BANK):
        where = f"{BANK} {raw['key']}"
        prompt = _drill.text(raw.get("prompt"), f"{where} prompt")
        context = _drill.text(raw.get("context"), f"{where} context")
        stage = str(raw.get("stage", ""))  # an unknown stage fails in answer_for
        heat, why = answer_for(stage)
        items.append(
            _drill.check_answer(_drill.Item(raw["key"], prompt, context, CHOICES, heat, why), where)
        )
        stages[raw["key"]] = stage
    return tuple(items), stages


ITEMS, _data = _load()
#: Each item's stage key, as deal_heat reads it.
ITEM_STAGES: MappingProxyType[str, str] = MappingProxyType(_data)
del _data

DRILL = _drill.Drill(
    items=ITEMS,
    link=PAGE,
    rule=Text(
        "规则：成交热度看单子在客户那边真正到达的最远阶段："
        + "，".join(f"{STAGE_LABELS[s].zh} {STAGE_PROBABILITY[s]}%" for s in STAGES)
        + "。",
        "The rule: deal heat is read from the furthest stage the deal has really reached on the "
        "customer's side: "
        + ", ".join(f"{STAGE_LABELS[s].en.lower()} {STAGE_PROBABILITY[s]}%" for s in STAGES)
        + ".",
    ),
    review=Text(
        "按客户已经做了的事判断阶段，不按你的感觉：没收到定金就不是 100%，谈付款条件是 60%，"
        "还没到最后挑选。",
        "Judge the stage by what the customer has done, not by how the deal feels: no deposit, "
        "no 100%; arguing payment terms is 60%, not yet the final selection.",
    ),
    mastered=Text(
        "已掌握：用成交热度计算器给你自己的单子做加权预测，并为每个单子安排推进到下一阶段的跟进。",
        "Mastered: run your own deals through the deal heat calculator for a weighted forecast, "
        "and plan the follow-up that moves each deal to its next stage.",
    ),
)

FIELDS = _drill.fields(ITEMS)


def answer_key() -> list[tuple[str, str]]:
    """Every item's field key with its correct deal heat as a choice value ("20" to "100")."""
    return _drill.answer_key(DRILL)


def compute(inputs: dict[str, Any]) -> Result:
    """Score the learner's deal-heat answers and explain every item with its stage."""
    return _drill.score(DRILL, inputs)


CALCULATOR = Calculator(
    slug="drill_stage_probability",
    title=Text("成交热度是多少？", "Which deal-heat probability?"),
    summary=Text(
        f"{len(ITEMS)} 个单子的进展：判断每个单子的成交热度（20% 到 100%），"
        "马上看到对错、所处阶段和提升热度的下一步。",
        f"{len(ITEMS)} deals and where they stand: pick each one's deal heat (20% to 100%) and "
        "see at once whether you are right, which stage it is at, and the next step that "
        "raises its heat.",
    ),
    source="raising-customer-value.txt",
    fields=FIELDS,
    compute=compute,
    page="self-check/stage-probability",
    order=103,
    kind="drill",
    field_results=_drill.FIELD_RESULTS,
    answer_key=lambda: _drill.answer_key_result(DRILL),
)
