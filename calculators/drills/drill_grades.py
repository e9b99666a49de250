"""Self-check drill: grade the opportunity A/B/C/D 客户分级 (source:
key-account-sales-process.txt, "利用漏斗有效进行客户及市场分级", "分级方法").

A new hire reads short prospect stories (how soon the customer can decide, and what is going on
there: in commercial negotiation, waiting for a plan to be approved, still hoping in the
incumbent, just signed with someone else…) and grades each one A, B, C or D, as the funnel
grading does. The grade decides where a rep's time goes: A all out, B limited time while
making it an A, C keep watching, D only when there is spare capacity. The bank is
``calculators/banks/grades.json``; the drill's page is ``self-check/grades`` and its feedback
sends the learner to ``sales-process/funnel``.

Each item carries the data the funnel grading model needs: ``months_to_close`` (or null) and a
``situation`` key of :data:`calculators.models.funnel_grading.SITUATIONS`. The grade and its reason
come from :func:`calculators.models.funnel_grading.grade_deal`; the bank stores no grade.

Decisions where the source is unclear (key-account-sales-process.txt):

* **What the story must say.** When an item gives ``months_to_close``, its context states that
  number in both languages (the tests check it), so the learner has what the model has. Months
  are left out (null) only where the situation alone decides the grade (the A and D traits),
  as the model allows.
* **No contradictory items.** An item whose situation forces a grade never also gives months
  that would grade differently: the model would grade it but flag "check which is right", which
  has no place in a drill. The tests hold this.
* **Items chosen.** Eighteen stories covering all four grades, every situation of the model,
  the edges of the time windows (exactly 6, 12 and 18 months) and the cases where the situation
  overrides the timing (4 months but waiting to select: B; 2 months but still hoping in the
  incumbent: C; 20 months but the incumbent failed: B).
* **Classic traps.** Items 4 and 5 punish grading by timing alone: the incumbent failed
  (20 months, yet B) and the customer still hopes the incumbent will come through (8 months, yet C).
* **The explanation** is the model's reason ("3 months: can close within 6 months", "Selection
  started and in commercial negotiation: grade A"…) followed by the measure for that grade.
* Scoring, verdict bands and the answer key follow :mod:`calculators.drills._drill`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from ..core import Calculator, Choice, PageLink, Result, Text
from ..models.funnel_grading import (
    A_MONTHS,
    B_MONTHS,
    C_MONTHS,
    GRADE_ORDER,
    GRADES,
    SITUATIONS,
    grade_deal,
)
from . import _drill

BANK = "grades.json"
PAGE = PageLink(
    "sales-process/funnel", Text("销售漏斗与 A/B/C/D 分级", "The sales funnel and A/B/C/D grading")
)
CHOICES = tuple(Choice(grade, GRADES[grade].label) for grade in GRADE_ORDER)


def answer_for(months: float | None, situation: str) -> tuple[str, Text]:
    """The grade of a bank item and why: the funnel grading's reason and the grade's measure."""
    if situation not in SITUATIONS:
        raise ValueError(f"unknown situation {situation!r}")
    if months is None and SITUATIONS[situation].effect != "force":
        raise ValueError(f"situation {situation!r} needs months_to_close to grade")
    grade, reason = grade_deal(months, situation)
    measure = GRADES[grade].measure
    return grade, Text(
        f"{reason.zh}。{GRADES[grade].label.zh}的做法：{measure.zh}",
        f"{reason.en}. What to do with a grade {grade}: {measure.en}",
    )


def _months(value: Any, where: str) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{where}: months_to_close must be a number of months or null")
    return value


def _load() -> tuple[tuple[_drill.Item, ...], dict[str, tuple[float | int | None, str]]]:
    items = []
    data = {}
    for raw in _drill.load_bank(BANK):
        where = f"{BANK} {raw['key']}"
        prompt = _drill.text(raw.get("prompt"), f"{where} prompt")
        context = _drill.text(raw.get("context"), f"{where} context")
        months = _months(raw.get("months_to_close"), where)
        situation = str(raw.get("situation", ""))  # an unknown one fails in answer_for
        grade, why = answer_for(months, situation)
        items.append(
            _drill.check_answer(
                _drill.Item(raw["key"], prompt, context, CHOICES, grade, why), where
            )
        )
        data[raw["key"]] = (months, situation)
    return tuple(items), data


ITEMS, _data = _load()
#: Each item's data as the funnel grading model reads it: key -> (months_to_close, situation).
ITEM_DATA: MappingProxyType[str, tuple[float | int | None, str]] = MappingProxyType(_data)
del _data

DRILL = _drill.Drill(
    items=ITEMS,
    link=PAGE,
    rule=Text(
        f"规则：先按预计成交时间分级（A ≤ {A_MONTHS} 个月，B ≤ {B_MONTHS} 个月，"
        f"C ≤ {C_MONTHS} 个月，超过 {C_MONTHS} 个月为 D），再看客户情况："
        "已在商务谈判或签约客户有新需求是 A，否认需求、满意现供应商或刚和别家签约是 D，"
        "原供应商再三改善不了至少是 B，等某事定案才选型最多是 B，"
        "不迫切或对原供应商还抱希望最多是 C。",
        f"The rule: grade by months to close first (A up to {A_MONTHS}, B up to {B_MONTHS}, "
        f"C up to {C_MONTHS}, D beyond {C_MONTHS}), then by the situation: in commercial "
        "negotiation or a signed customer with a new need is A; denying the need, satisfied with "
        "the incumbent or just signed with another supplier is D; an incumbent that failed "
        "repeated requests makes it at least B; waiting for something before selection makes it "
        "at most B; no urgency or still hoping in the incumbent makes it at most C.",
    ),
    review=Text(
        "时间只是第一步：先找出客户的情况，它可能直接决定级别（A 或 D），或者把级别限定在 B、C。",
        "Timing is only the first step: look for the customer's situation, which can decide the "
        "grade outright (A or D) or hold it at B or C.",
    ),
    mastered=Text(
        "已掌握：用漏斗分级计算器给你自己的客户逐一分级，为每个客户指定负责人，先跟进 A 级。",
        "Mastered: grade your own prospects with the funnel grading calculator, name an owner "
        "for each, and follow up the A grades first.",
    ),
)

FIELDS = _drill.fields(ITEMS)


def answer_key() -> list[tuple[str, str]]:
    """Every item's field key with its correct grade ("A" to "D"), in order."""
    return _drill.answer_key(DRILL)


def compute(inputs: dict[str, Any]) -> Result:
    """Score the learner's grades and explain every item with the funnel grading's reason."""
    return _drill.score(DRILL, inputs)


CALCULATOR = Calculator(
    slug="drill_grades",
    title=Text("给商机分级 A/B/C/D", "Grade the opportunity A/B/C/D"),
    summary=Text(
        f"{len(ITEMS)} 个潜在客户的情况：按预计成交时间和客户情况给每个分级，"
        "马上看到对错、原因和这一级该怎么做。",
        f"{len(ITEMS)} prospect stories: grade each by when it can close and what is going "
        "on, and see at once whether you are right, why, and what that grade calls for.",
    ),
    source="key-account-sales-process.txt",
    fields=FIELDS,
    compute=compute,
    page="self-check/grades",
    order=102,
    kind="drill",
    field_results=_drill.FIELD_RESULTS,
    answer_key=lambda: _drill.answer_key_result(DRILL),
)
