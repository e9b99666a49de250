"""Funnel grading A/B/C/D 客户分级 (source: key-account-sales-process.txt, "客户及市场分级").

The sales funnel sorts every prospect by how soon the deal can close 按项目成交时间长短: grade A
can close within 6 months, B within 6–12 months, C within 12–18 months, and D cannot close within
18 months. Some situations decide the grade whatever the timing: a customer already in
commercial negotiation is an A, one that has just signed with another supplier is a D. Each
grade gets its own measures 措施, development strategy 发展策略 and service principles 服务原则,
so that time and resources go where the deal is closest. :data:`GRADES` holds those texts.

Decisions where the source is unclear (key-account-sales-process.txt):

* **Edges of the time windows.** "Within 6 months" includes 6, so exactly 6 months is A;
  exactly 12 is B; exactly 18 is C ("cannot close within 18 months" is D, so D starts above 18).
  Every edge belongs to the sooner grade. Months may be fractional (1.5 months); they are
  rounded to 2 decimals before grading, so float noise never moves a deal across an edge.
* **One situation per deal.** The grade traits of the source become one ``situation`` choice per
  row (pick the one that describes the deal best; "none" grades on timing alone). Their effect:
  the A traits (selection started or starting soon and in commercial negotiation; a signed
  customer with new or extended needs) force A; the D traits (denies the need; satisfied with
  the incumbent, whose service has no problem; has just signed with another supplier) force D.
  The incumbent repeatedly failing to fix its product after the customer's requests makes the
  deal *at least* B (a real opening), so A by timing stays A. The other B trait (need affirmed
  but waiting for something to be settled before selection starts) and the C traits (no
  urgency or not confident enough to act; still hopes the incumbent will come through) describe
  a customer who is not yet choosing, so they make the deal *at most* B and *at most* C
  respectively; later timing still lowers the grade.
* **Missing timing.** ``months_to_close`` may be left blank only where the situation forces the
  grade (A or D traits); anywhere else it is needed, and a blank is an input error naming the
  row.
* **A forced grade against the timing.** When a forced grade disagrees with the timing (in
  negotiation yet 24 months away), the situation wins, as the source grades by these traits;
  the row's reason says so, so the rep can correct whichever is wrong.
* **Order and the top deal.** Deals are ranked by grade, then by fewer months to close (blank
  months last within their grade), then in the order entered. The verdict is the grade of the
  top-ranked deal, with the grade mix in its label.
* **C and D share one strategy.** The source gives one development strategy and one set of
  service principles for C and D (积极投资，谋求发展); their measures differ (C keep watching,
  D follow when there is capacity).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from ..core import (
    MAX_EXPORT_ROWS,
    Calculator,
    Choice,
    Field,
    InputError,
    Result,
    ResultTable,
    Text,
    fmt,
    raise_problems,
)
from ..core._bands import Band, Bands, above, at_most
from ..core._columns import GRADE, PRIORITY
from ..core._declarations import REMEMBERED_ROWS
from ..core._tail import figure, result, table, verdict
from ..core._units import MONTHS, join_zh

#: Upper edge (inclusive) of each timed grade, in months; above C_MONTHS the deal is D.
A_MONTHS = 6
B_MONTHS = 12
C_MONTHS = 18
GRADE_ORDER = ("A", "B", "C", "D")

#: The grade of a deal by its timing alone; every edge belongs to the sooner grade.
TIMING = Bands(
    name="funnel_grading",
    measure=Text("距成交的月数", "Months to close"),
    unit=MONTHS,
    kind=Text("等级", "Grade"),
    bands=(
        Band("A", Text("A 级", "Grade A"), upper=at_most(A_MONTHS)),
        Band("B", Text("B 级", "Grade B"), lower=above(A_MONTHS), upper=at_most(B_MONTHS)),
        Band("C", Text("C 级", "Grade C"), lower=above(B_MONTHS), upper=at_most(C_MONTHS)),
        Band("D", Text("D 级", "Grade D"), lower=above(C_MONTHS)),
    ),
)


def window(grade: str) -> Text:
    """A grade's time window as the deck words it: ``6–12 个月内可成交`` / ``can close within…``.

    "Within 6 months" includes 6; the windows are written from :data:`TIMING`'s edges.
    """
    band = TIMING[grade]
    if band.lower is None and band.upper is not None:
        limit = MONTHS.number(band.upper.value)
        return Text(f"{limit.zh}内可成交", f"can close within {limit.en}")
    if band.upper is None and band.lower is not None:
        limit = MONTHS.number(band.lower.value)
        return Text(f"{limit.zh}内无法成交", f"cannot close within {limit.en}")
    assert band.lower is not None and band.upper is not None
    start, end = fmt(band.lower.value), MONTHS.number(band.upper.value)
    return Text(f"{start}–{end.zh}内可成交", f"can close within {start}–{end.en}")


@dataclass(frozen=True)
class Grade:
    """What the methodology says about one grade: when, who, what to do, how to serve."""

    key: str
    label: Text
    window: Text
    traits: tuple[Text, ...]
    measure: Text
    strategy: Text
    service: tuple[Text, ...]


_CD_STRATEGY = Text("积极投资，谋求发展", "Invest actively to develop the account")
_CD_SERVICE = (
    Text(
        "积极投资和策划解决方案，培养自身能力，发展新客户",
        "Invest in and design solutions actively; build your own capabilities; develop new "
        "customers",
    ),
    Text(
        "逐步培养与各层面关键决策者的客户关系",
        "Build relationships step by step with the key decision makers at every level",
    ),
    Text("考虑给予优惠的价格折扣", "Consider a preferential price discount"),
    Text(
        "缺乏能力时应注重从外部获得（如聘请专家）",
        "Where capability is lacking, bring it in from outside (hire experts, for example)",
    ),
    Text("压缩销售周期", "Shorten the sales cycle"),
)

#: The four grades with their traits, measures, development strategy and service principles.
GRADES: dict[str, Grade] = {
    "A": Grade(
        key="A",
        label=TIMING["A"].label,
        window=window("A"),
        traits=(
            Text(
                "已经开始或近期开始选型，并进入商务谈判阶段",
                "Selection has started or starts soon, and commercial negotiation is under way",
            ),
            Text(
                "有新增需求或扩大目前项目范围的签约客户",
                "A signed customer with new needs or a wider scope for the current project",
            ),
        ),
        measure=Text(
            "全力以赴，进入销售流程，促进决策，完成订单。",
            "Go all out: run the sales process, drive the decision, win the order.",
        ),
        strategy=Text("着重发展，重点跟进", "Develop intensively, follow up closely"),
        service=(
            Text(
                "承诺投资或预算来维护客户关系",
                "Commit investment or budget to maintain the relationship",
            ),
            Text(
                "策划各种适合客户业务的解决方案，在技术上不断创新",
                "Design solutions that fit the customer's business; keep innovating technically",
            ),
            Text("重点的资源与团队支持", "Priority resources and team support"),
            Text("重点的高层支持", "Priority support from senior management"),
        ),
    ),
    "B": Grade(
        key="B",
        label=TIMING["B"].label,
        window=window("B"),
        traits=(
            Text(
                "肯定项目的必要性，但要等某些事情完成或定案后才真正开始选型",
                "Affirms the need, but waits for something to be settled before selection "
                "really starts",
            ),
            Text(
                "原供应商经客户再三要求仍无法改善其产品/解决方案",
                "The incumbent has failed to fix its product or solution despite the "
                "customer's repeated requests",
            ),
        ),
        measure=Text(
            "投入的时间比 A 级少，但要采取必要的维护手段，争取早日成为 A 级客户。",
            "Spend less time than on A, but keep up the necessary account care, and aim to "
            "make it an A soon.",
        ),
        strategy=Text("利用资源，有效发展", "Use existing resources, develop efficiently"),
        service=(
            Text(
                "利用现有资源，有效发挥现有能力，以低成本为客户提供服务",
                "Use existing resources and capabilities well; serve the customer at low cost",
            ),
            Text("尽可能不允诺价格折扣", "Avoid promising price discounts where you can"),
            Text("压缩销售周期", "Shorten the sales cycle"),
            Text(
                "无需过于主动出击或过度投资",
                "No need to push hard or over-invest in developing the account",
            ),
        ),
    ),
    "C": Grade(
        key="C",
        label=TIMING["C"].label,
        window=window("C"),
        traits=(
            Text(
                "未觉需求迫切或信心不足而没有采取行动",
                "Has not acted: feels no urgency or lacks confidence",
            ),
            Text("对原供应商还抱着希望", "Still hopes the incumbent will come through"),
        ),
        measure=Text(
            "保持关注，通过有效的维护手段增加成交机会。",
            "Keep watching it, and raise the chance of a deal with effective account care.",
        ),
        strategy=_CD_STRATEGY,
        service=_CD_SERVICE,
    ),
    "D": Grade(
        key="D",
        label=TIMING["D"].label,
        window=window("D"),
        traits=(
            Text(
                "否定某项采购，或认为需求没有必要",
                "Denies the purchase or sees no need for it",
            ),
            Text(
                "对目前核心供应商的产品/解决方案满意，维护也没有问题",
                "Satisfied with its core supplier's product or solution, and its service has "
                "no problem",
            ),
            Text(
                "刚与其他供应商签约，设计或实施正在进行",
                "Has just signed with another supplier; design or delivery is under way",
            ),
        ),
        measure=Text(
            "在有精力的情况下持续关注。",
            "Follow it up when you have capacity to spare.",
        ),
        strategy=_CD_STRATEGY,
        service=_CD_SERVICE,
    ),
}


@dataclass(frozen=True)
class Situation:
    """A grade trait of the source and how it acts on the grade: force, floor or cap."""

    label: Text
    effect: str  # "none", "force", "at_least" or "at_most"
    grade: str | None
    formerly: tuple[str, ...] = ()  # earlier labels, still read from files (``Choice.formerly``)


SITUATIONS: dict[str, Situation] = {
    "none": Situation(
        Text("无特殊情况（按时间分级）", "Nothing special (grade by timing)"), "none", None
    ),
    "negotiating": Situation(
        Text(
            "已开始选型并进入商务谈判",
            "Selection started and in commercial negotiation",
        ),
        "force",
        "A",
    ),
    "signed_new_need": Situation(
        Text(
            "签约客户有新增或扩大的需求",
            "Signed customer with new or wider needs",
        ),
        "force",
        "A",
    ),
    "waiting_to_select": Situation(
        Text(
            "肯定需求，等某事定案后才选型",
            "Need affirmed, waiting for something before selection",
        ),
        "at_most",
        "B",
    ),
    "incumbent_failed": Situation(
        Text(
            "原供应商再三要求仍无法改善",
            "Incumbent failed to fix it despite repeated requests",
        ),
        "at_least",
        "B",
    ),
    "no_urgency": Situation(
        Text("未觉迫切或信心不足", "No urgency or not confident enough to act"),
        "at_most",
        "C",
    ),
    "hopes_in_incumbent": Situation(
        Text("对原供应商还抱希望", "Still hopes the incumbent will come through"),
        "at_most",
        "C",
        formerly=("Still hopes in the incumbent",),
    ),
    "denies_need": Situation(Text("否定采购或认为没有必要", "Denies the need"), "force", "D"),
    "satisfied_incumbent": Situation(
        Text(
            "满意现有供应商且维护无问题",
            "Satisfied with the incumbent, no service problems",
        ),
        "force",
        "D",
    ),
    "just_signed_other": Situation(
        Text("刚与其他供应商签约", "Just signed with another supplier"), "force", "D"
    ),
}


def grade_for_months(months: float) -> str:
    """The grade by timing alone: A up to 6 months, B up to 12, C up to 18, D beyond."""
    return TIMING.of(months).key


def _rank(grade: str) -> int:
    return GRADE_ORDER.index(grade)


@lru_cache(maxsize=4096)
def grade_deal(months: float | None, situation: str) -> tuple[str, Text]:
    """The grade of one deal and the reason, from its timing and its situation.

    ``months`` may be ``None`` only when the situation forces the grade. Remembered (a pure
    function of a few values): a pipeline of 10,000 deals has a few hundred distinct pairs.
    """
    rule = SITUATIONS[situation]
    if rule.effect == "force":
        assert rule.grade is not None
        grade = rule.grade
        reason = Text(
            f"{rule.label.zh}：{GRADES[grade].label.zh}",
            f"{rule.label.en}: grade {grade}",
        )
        if months is not None and grade_for_months(months) != grade:
            timed = grade_for_months(months)
            reason = Text(
                f"{reason.zh}（按 {fmt(months)} 个月本应为 {timed} 级，请核对）",
                f"{reason.en} ({fmt(months)} months alone would be {timed}: check which is right)",
            )
        return grade, reason
    assert months is not None
    timed = grade_for_months(months)
    window = GRADES[timed].window
    if rule.effect == "at_least" and rule.grade and _rank(timed) > _rank(rule.grade):
        return rule.grade, Text(
            f"{fmt(months)} 个月本为 {timed} 级，但{rule.label.zh}：至少 {rule.grade} 级",
            f"{fmt(months)} months would be {timed}, but {rule.label.en.lower()}: "
            f"at least {rule.grade}",
        )
    if rule.effect == "at_most" and rule.grade and _rank(timed) < _rank(rule.grade):
        return rule.grade, Text(
            f"{fmt(months)} 个月本为 {timed} 级，但{rule.label.zh}：最多 {rule.grade} 级",
            f"{fmt(months)} months would be {timed}, but {rule.label.en.lower()}: "
            f"at most {rule.grade}",
        )
    return timed, Text(
        f"{fmt(months)} 个月：{window.zh}",
        f"{fmt(months)} months: {window.en}",
    )


class Graded(NamedTuple):
    """One graded deal: its row index, name, months (whole months as int), grade and reason."""

    row: int
    name: str
    months: float | None
    grade: str
    reason: Text


def grade_deals(deals: Sequence[Mapping[str, Any]], field: str = "deals") -> list[Graded]:
    """Grade every deal row (``name``, ``months_to_close``, ``situation``), in input order.

    A blank situation means "none". Months may be blank only where the situation forces the
    grade; every row breaking that rule is reported at once (one :class:`InputError` naming
    table ``field``, each row and the ``months_to_close`` column).
    """
    problems: list[InputError] = []
    graded: list[Graded] = []
    for index, deal in enumerate(deals):
        situation = deal.get("situation") or "none"
        months = deal.get("months_to_close")
        if months is None and SITUATIONS[situation].effect != "force":
            problems.append(
                InputError(
                    field,
                    f"第 {index + 1} 行「{deal['name']}」需要填写预计成交月数："
                    "只有 A 级或 D 级情况才能不填。",
                    f"Row {index + 1} '{deal['name']}' needs its months to close: only an "
                    "A or D situation decides the grade without them.",
                    row=index,
                    column="months_to_close",
                )
            )
            continue
        graded.append(_graded(index, deal["name"], months, situation))
    raise_problems(problems)
    return graded


@lru_cache(maxsize=REMEMBERED_ROWS)
def _graded(index: int, name: str, months: float | None, situation: str) -> Graded:
    """Row ``index`` graded. Remembered: a pipeline of 10,000 deals is graded again at every
    edit, and an edit changes one deal (a named tuple costs a Python call to make)."""
    if months is not None and months == int(months):
        months = int(months)
    grade, reason = grade_deal(months, situation)
    return Graded(index, name, months, grade, reason)


def grade_action(grade: str, count: int) -> Text:
    """The measures, development strategy and service principles for ``count`` deals of
    ``grade``, as one action line."""
    info = GRADES[grade]
    return Text(
        f"{info.label.zh}（{count} 个）：{info.measure.zh}"
        f"发展策略：{info.strategy.zh}；"
        f"服务原则：{'；'.join(s.zh for s in info.service)}。",
        f"{info.label.en} ({count}): {info.measure.en} "
        f"Strategy: {info.strategy.en.lower()}. "
        f"Service: {'; '.join(s.en.lower() for s in info.service)}.",
    )


DEALS = Field(
    key="deals",
    kind="table",
    label=Text("潜在客户/项目", "Prospects and deals"),
    help=Text(
        "每行一个潜在客户或项目：预计几个月后做出决定，以及最符合的情况。",
        "One prospect or deal per row: how many months until the customer decides, and the "
        "situation that fits it best.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("客户/项目", "Prospect or deal"),
            help=Text("客户或项目名称。", "The prospect's or deal's name."),
            maximum=80,
        ),
        Field(
            key="months_to_close",
            kind="number",
            label=Text("预计成交时间", "Months to close"),  # its unit, 个月, says "months"
            help=Text(
                "预计还要几个月客户才做出决定；情况已决定级别时可留空。",
                "Expected months until the customer decides; may be blank when the situation "
                "decides the grade.",
            ),
            minimum=0,
            maximum=120,
            step=0.5,
            unit=MONTHS.label,
            required=False,
        ),
        Field(
            key="situation",
            kind="choice",
            label=Text("客户情况", "Situation"),
            help=Text(
                "最符合这个客户的情况；没有特别情况就按时间分级。",
                "The situation that fits this customer best; 'nothing special' grades on "
                "timing alone.",
            ),
            choices=tuple(Choice(key, s.label, s.formerly) for key, s in SITUATIONS.items()),
            default="none",
            required=False,
        ),
    ),
    max_rows=MAX_EXPORT_ROWS,
    min_rows=1,
    default=[
        {"name": Text("ABC 公司", "ABC Company"), "months_to_close": 3, "situation": "negotiating"},
        {
            "name": Text("USA 企业", "USA Enterprise"),
            "months_to_close": 5,
            "situation": "signed_new_need",
        },
        {
            "name": Text("清水公司", "Qingshui"),
            "months_to_close": 9,
            "situation": "waiting_to_select",
        },
        {
            "name": Text("巨人塑料", "Giant Plastics"),
            "months_to_close": 20,
            "situation": "incumbent_failed",
        },
        {"name": Text("好佳包装", "Haojia Packaging"), "months_to_close": 15, "situation": "none"},
        {
            "name": Text("休闲食品", "Leisure Foods"),
            "months_to_close": 8,
            "situation": "hopes_in_incumbent",
        },
        {
            "name": Text("PK 运动服装", "PK Sportswear"),
            "months_to_close": None,
            "situation": "denies_need",
        },
        {
            "name": Text("超级部件", "Super Parts"),
            "months_to_close": None,
            "situation": "just_signed_other",
        },
    ],
)


def rank_deals(graded: list[Graded]) -> list[Graded]:
    """Priority order: by grade (A first), then sooner to close (blank months last), then as
    entered (METHODOLOGY.md §4, key-account-sales-process.txt)."""
    return sorted(graded, key=lambda g: (_rank(g.grade), g.months is None, g.months or 0, g.row))


def grade_counts(graded: list[Graded]) -> dict[str, int]:
    """How many deals have each grade, A to D."""
    return {grade: sum(1 for g in graded if g.grade == grade) for grade in GRADE_ORDER}


def _mix(counts: dict[str, int]) -> Text:
    """The grade mix in words: "2 个 A 级 / 1 个 B 级 …" / "2 A / 1 B …"."""
    return Text(
        " / ".join(f"{counts[g]} 个 {g} 级" for g in GRADE_ORDER),
        " / ".join(f"{counts[g]} {g}" for g in GRADE_ORDER),
    )


def _reasoning(ranked: list[Graded], counts: dict[str, int]) -> list[Text]:
    """The grading rule, the mix, then each deal's reason in priority order."""
    mix = _mix(counts)
    reasoning = [
        Text(
            f"分级：A ≤ {A_MONTHS} 个月，B ≤ {B_MONTHS} 个月，C ≤ {C_MONTHS} 个月，"
            f"D 超过 {C_MONTHS} 个月；客户情况可决定或限制级别。",
            f"Grades: A up to {A_MONTHS} months, B up to {B_MONTHS}, C up to {C_MONTHS}, "
            f"D beyond {C_MONTHS}; a situation can decide or bound the grade.",
        ),
        Text(f"共 {len(ranked)} 个：{mix.zh}。", f"{len(ranked)} deals: {mix.en}."),
    ]
    for _index, name, _months, _grade, reason in ranked:
        reasoning.append(Text(f"{name}：{reason.zh}。", f"{name}: {reason.en}."))
    return reasoning


def _table(graded: list[Graded], ranked: list[Graded]) -> ResultTable:
    """Every deal's grade, the reason for it and its rank."""
    rank_of = {g.row: r + 1 for r, g in enumerate(ranked)}
    rows = (
        {
            "rank": rank_of[index],
            "name": name,
            "months_to_close": months,
            "grade": grade,
            "reason": reason,
        }
        for index, name, months, grade, reason in graded
    )
    heads = (
        PRIORITY,
        ("name", Text("客户/项目", "Deal")),
        ("months_to_close", Text("成交月数", "Months")),
        GRADE,
        ("reason", Text("理由", "Reason")),
    )
    return table("deals", Text("分级结果", "Grading result"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Grade every deal, rank the list and give each present grade's measures and strategy.

    The verdict is the grade of the top-ranked deal; the result table gives every deal's
    grade, the reason and its rank.
    """
    graded = grade_deals(inputs["deals"])
    ranked = rank_deals(graded)
    counts = grade_counts(graded)
    top, mix = ranked[0], _mix(counts)
    actions = [grade_action(grade, counts[grade]) for grade in GRADE_ORDER if counts[grade]]
    actions.append(
        Text(
            f"为每个客户指定负责人；先跟进排名第一的 {top.name}。",
            f"Name an owner for every customer; start with {top.name}, ranked first.",
        )
    )
    return result(
        figures=(
            figure("deals", "客户数", "Deals", len(graded)),
            figure("a", "A 级", "Grade A", counts["A"]),
            figure("b", "B 级", "Grade B", counts["B"]),
            figure("c", "C 级", "Grade C", counts["C"]),
            figure("d", "D 级", "Grade D", counts["D"]),
            figure("top_deal", "首要客户", "Top deal", top.name),
        ),
        verdict=verdict(
            top.grade,
            f"首要客户 {top.name}：{top.grade} 级（{mix.zh}）",
            f"Top deal {top.name}: grade {top.grade} ({mix.en})",
        ),
        reasoning=_reasoning(ranked, counts),
        actions=actions,
        tables=(_table(graded, ranked),),
    )


CALCULATOR = Calculator(
    slug="funnel_grading",
    title=Text("销售漏斗客户分级", "Funnel grading A/B/C/D"),
    summary=Text(
        "按预计成交时间和客户情况给每个潜在客户分级："
        + "，".join(join_zh(TIMING[g].label.zh, window(g).zh) for g in GRADE_ORDER)
        + "；每级有各自的措施、发展策略和服务原则。",
        "Grade every prospect by when it can close and by its situation: "
        + ", ".join(f"{g} {window(g).en.removeprefix('can close ')}" for g in GRADE_ORDER)
        + "; each grade has its own measures, development strategy and service principles.",
    ),
    source="key-account-sales-process.txt",
    fields=(DEALS,),
    compute=compute,
    page="sales-process/funnel",
    order=4,
)
