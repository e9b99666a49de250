"""How much time goes to selling? 一天中有多少时间用于销售 (source: raising-customer-value.txt).

The slide walks a rep's year down to the time actually spent selling. A year has 365 days; take
away 11 public holidays and 104 weekend days and, by the slide's count, 225 working days are
left; sleep takes a third of every day, leaving 150; four meetings of two days each leave 142.
Each of those days then splits into direct selling T1 (face to face with customers), indirect
selling T2 (preparing quotes and proposals), travel and waiting T3, administration T4 (mail,
printing, meetings) and private time T5 (a smoke, the toilet). Direct selling ends up at about
17% of the time, hence the slide's warning: your time investment must pay off
您的时间投入要有回报.

Decisions where the source is unclear (raising-customer-value.txt):

* **Leave and other absence.** The slide goes from 365 − 11 − 104 = 250 days straight to 225
  working days; the missing 25 days are read as leave and other absence (leave_days, default 25).
* **The chain follows the slide's arithmetic**, which mixes units: sleep is taken off the working
  days as a share of a 24-hour day (225 × (24 − 8) / 24 = 150 days of waking time), and the
  meeting days come off that (150 − 4 × 2 = 142 selling days).
* **Hours of T2 and T3.** The slide reads "T1T2T3T4T5 ? 2H 2-3H 1H 0.5-1H": taken in position,
  T1 is the unknown, T2 (indirect) 2 h, T3 (travel and waiting) 2–3 h, T4 1 h, T5 0.5–1 h. Our
  methodology notes put the 2–3 h on T2 instead. The defaults, T2 = 2 h and T3 = 2 h, fit both
  readings; T4 = 1 h and T5 = 0.75 h (the middle of 0.5–1 h).
* **T1 and the 17%.** T1 is the "?" on the slide; we take it as what is left of the working day:
  T1 = working day − (T2 + T3 + T4 + T5). The 17% is read as the share of the whole year spent
  in direct selling, the year chain and the day combined: (selling days ÷ calendar days) ×
  (T1 ÷ working day). The slide states no length for the working day; 10 hours (a field
  salesperson's day, travel included) with the defaults above gives T1 = 4.25 h and
  142 / 365 × 4.25 / 10 = 16.53% ≈ 17%. An 8-hour day with the same T2–T5 would give 10.94%. The
  share of the working day alone (T1 ÷ working day, 42.5% in the default) is shown as well.
* **Verdict bands on the share of the year**, set around the slide's 17%: below 10% ``low``
  (very little selling time), 10–20% ``typical`` (the slide's picture), above 20% ``high``.
  Both edges, 10% and 20%, count as typical; the share is rounded to 2 decimals first.
* **Validation.** Holidays, weekends and leave together cannot exceed the calendar days; sleep
  and the working day together cannot exceed 24 hours; the meeting days cannot exceed the
  waking days left; T2 + T3 + T4 + T5 cannot exceed the working day (T1 = 0 is allowed).
* **Where to win time back.** The actions name the largest of T2–T5 (ties: the first in
  T2–T5 order) with a practical way to shrink it; the tips are ours, as the source names the
  blocks but not how to cut them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import (
    PCT,
    Calculator,
    Field,
    Figure,
    InputError,
    Result,
    ResultTable,
    Text,
    figure_number,
    fmt,
    raise_problems,
)
from ..core._bands import Band, Bands, above, at_least, at_most, below
from ..core._tail import columns, figure, result, table, verdict
from ..core._units import DAYS as DAY_UNIT
from ..core._units import HOURS as HOUR_UNIT
from ..core._units import PERCENT

DAYS = DAY_UNIT.label
HOURS = HOUR_UNIT.label
HOURS_PER_DAY = 24

LOW_BELOW_PCT = 10
HIGH_ABOVE_PCT = 20

#: Verdict bands on the share of the year spent selling face to face, set around the slide's
#: 17%; both edges count as typical.
BANDS = Bands(
    name="selling_time",
    measure=Text("直接销售占全年的比例", "Share of the year in direct selling"),
    unit=PERCENT,
    bands=(
        Band(
            "low",
            Text("直接销售时间很少", "Very little direct selling"),
            upper=below(LOW_BELOW_PCT),
            action=Text(
                "先把时间抢回来：合并行政事务、减少路程和等待、压缩间接销售，"
                "每天多出的每一小时都用来见客户。",
                "Win time back first: batch the admin, cut travel and waiting, tighten the "
                "indirect work, and give every hour you free to customers.",
            ),
        ),
        Band(
            "typical",
            Text("和多数销售员差不多", "About the usual"),
            lower=at_least(LOW_BELOW_PCT),
            upper=at_most(HIGH_ABOVE_PCT),
            action=Text(
                "和多数销售员一样，一年里只有很小一部分时间在直接销售，时间投入要有回报："
                "把这些时间花在期望值最高、筛选分最高的客户身上，每次拜访都要有目标。",
                "Like most reps you spend only a small part of the year face to face, so that "
                "time must pay off: give it to the customers with the highest expected value and "
                "screening score, and give every visit an objective.",
            ),
        ),
        Band(
            "high",
            Text("直接销售时间高于一般", "More direct selling than usual"),
            lower=above(HIGH_ABOVE_PCT),
            action=Text(
                "直接销售时间高于一般：保护好它，并检查这些时间是否投在最有价值的客户身上。",
                "More selling time than usual: protect it, and check that it goes to the most "
                "valuable customers.",
            ),
        ),
    ),
)

#: The non-selling parts of the day, T2–T5: field key, label and how to win time back from it.
NON_SELLING: tuple[tuple[str, str, Text, Text], ...] = (
    (
        "indirect_selling_hours",
        "T2",
        Text("间接销售", "Indirect selling"),
        Text(
            "间接销售（T2）最多：用模板准备报价和方案，集中在固定时段完成。",
            "Indirect selling (T2) is the largest: prepare quotes and proposals from templates, "
            "in fixed slots.",
        ),
    ),
    (
        "travel_waiting_hours",
        "T3",
        Text("路程和等待", "Travel and waiting"),
        Text(
            "路程和等待（T3）最多：按区域规划路线、集中拜访，提前确认约会，等待时打电话跟进。",
            "Travel and waiting (T3) is the largest: plan routes by area, group visits, confirm "
            "appointments beforehand, and make follow-up calls while you wait.",
        ),
    ),
    (
        "admin_hours",
        "T4",
        Text("行政（邮件、打印、会议）", "Administration (mail, printing, meetings)"),
        Text(
            "行政（T4）最多：邮件和报表集中在每天一个时段处理，不必参加的内部会议就不去。",
            "Administration (T4) is the largest: handle mail and reports in one slot a day, "
            "and skip internal meetings you are not needed at.",
        ),
    ),
    (
        "private_hours",
        "T5",
        Text("私人时间（抽烟、厕所）", "Private time (a smoke, the toilet)"),
        Text(
            "私人时间（T5）最多：把休息控制在计划之内。",
            "Private time (T5) is the largest: keep breaks short and planned.",
        ),
    ),
)


def band_for(share_pct: float) -> str:
    """The band of a direct-selling share of the year: "low", "typical" or "high"."""
    return BANDS.of(share_pct).key


def _days(key: str, zh: str, en: str, help_zh: str, help_en: str, default: int) -> Field:
    return Field(
        key=key,
        kind="integer",
        label=Text(zh, en),
        help=Text(help_zh, help_en),
        default=default,
        minimum=0,
        maximum=366,
        step=1,
        unit=DAYS,
    )


def _hours(key: str, zh: str, en: str, help_zh: str, help_en: str, default: float) -> Field:
    return Field(
        key=key,
        kind="number",
        label=Text(zh, en),
        help=Text(help_zh, help_en),
        default=default,
        minimum=0,
        maximum=24,
        step=0.25,
        unit=HOURS,
    )


FIELDS = (
    Field(
        key="calendar_days",
        kind="integer",
        label=Text("一年天数", "Days in the year"),
        help=Text("一年有多少天。", "Days in the year."),
        default=365,
        minimum=365,
        maximum=366,
        step=1,
        unit=DAYS,
    ),
    _days(
        "public_holiday_days",
        "法定假日",
        "Public holidays",
        "一年的法定假日天数。",
        "Public holidays in the year.",
        11,
    ),
    _days(
        "weekend_days",
        "双休日",
        "Weekend days",
        "一年的周末天数（52 周 × 2 天 = 104 天）。",
        "Weekend days in the year (52 weeks × 2 = 104).",
        104,
    ),
    _days(
        "leave_days",
        "请假和其他缺勤",
        "Leave and other absence",
        "年假、病假、培训等不能工作的天数；原资料从 250 天直接算到 225 天，即 25 天。",
        "Annual leave, sick days, training and other days off work; the deck goes from "
        "250 days straight to 225, so 25.",
        25,
    ),
    Field(
        key="sleep_hours_per_day",
        kind="number",
        label=Text("每天睡眠", "Sleep per day"),
        help=Text(
            "每天睡觉的小时数；8 小时是一天的三分之一。", "Hours of sleep a day; 8 is a third."
        ),
        default=8,
        minimum=0,
        maximum=23,
        step=0.5,
        unit=HOURS,
    ),
    Field(
        key="meetings_per_year",
        kind="integer",
        label=Text("每年开会次数", "Meetings a year"),
        help=Text(
            "一年要参加的会议（销售会议、培训）次数。",
            "Meetings (sales meetings, training) a year.",
        ),
        default=4,
        minimum=0,
        maximum=100,
        step=1,
    ),
    Field(
        key="days_per_meeting",
        kind="number",
        label=Text("每次会议天数", "Days per meeting"),
        help=Text("每次会议占用的天数。", "Days each meeting takes."),
        default=2,
        minimum=0,
        maximum=30,
        step=0.5,
        unit=DAYS,
    ),
    Field(
        key="working_hours_per_day",
        kind="number",
        label=Text("每个工作日的工作时间", "Working day"),
        help=Text(
            "一个工作日有多少小时（含路程和等待）；原资料没写，10 小时可得出它的约 17%。",
            "Hours in a working day, travel included; the deck does not say, and 10 "
            "gives its figure of about 17%.",
        ),
        default=10,
        minimum=0.5,
        maximum=24,
        step=0.25,
        unit=HOURS,
    ),
    _hours(
        "indirect_selling_hours",
        "T2 间接销售",
        "T2 Indirect selling",
        "每天准备报价、方案、资料等不面对客户的销售工作（原资料：2 小时，也有读作 2–3 小时）。",
        "Selling work away from the customer a day: quotes, proposals, material "
        "(the deck: 2 h, also read as 2–3 h).",
        2,
    ),
    _hours(
        "travel_waiting_hours",
        "T3 路程和等待",
        "T3 Travel and waiting",
        "每天在路上和等客户的时间（原资料：2–3 小时）。",
        "Time a day on the road and waiting for customers (the deck: 2–3 h).",
        2,
    ),
    _hours(
        "admin_hours",
        "T4 行政",
        "T4 Administration",
        "每天处理邮件、打印、内部会议的时间（原资料：1 小时）。",
        "Time a day on mail, printing and internal meetings (the deck: 1 h).",
        1,
    ),
    _hours(
        "private_hours",
        "T5 私人时间",
        "T5 Private time",
        "每天抽烟、上厕所等私人时间（原资料：0.5–1 小时）。",
        "Private time a day: a smoke, the toilet (the deck: 0.5–1 h).",
        0.75,
    ),
)


def _check(inputs: dict[str, Any]) -> None:
    """The cross-field rules: deductions fit the year, hours fit the day."""
    problems: list[InputError] = []
    calendar = inputs["calendar_days"]
    deducted = inputs["public_holiday_days"] + inputs["weekend_days"] + inputs["leave_days"]
    if deducted > calendar:
        for key in ("public_holiday_days", "weekend_days", "leave_days"):
            problems.append(
                InputError(
                    key,
                    f"法定假日、双休日和请假共 {deducted} 天，超过了一年的 {calendar} 天。",
                    f"Holidays, weekends and leave add up to {deducted} days, more than the "
                    f"{calendar} days in the year.",
                )
            )
    sleep = inputs["sleep_hours_per_day"]
    day = inputs["working_hours_per_day"]
    if sleep + day > HOURS_PER_DAY:
        for key in ("working_hours_per_day", "sleep_hours_per_day"):
            problems.append(
                InputError(
                    key,
                    f"工作 {fmt(day)} 小时加睡眠 {fmt(sleep)} 小时，超过了一天的 24 小时。",
                    f"A {fmt(day)}-hour working day and {fmt(sleep)} hours of sleep do not fit "
                    "in 24 hours.",
                )
            )
    non_selling = sum(inputs[key] for key, *_ in NON_SELLING)
    if round(non_selling, 2) > round(day, 2):
        for key, *_ in NON_SELLING:
            problems.append(
                InputError(
                    key,
                    f"T2–T5 共 {fmt(non_selling)} 小时，超过了 {fmt(day)} 小时的工作日，"
                    "没有时间留给直接销售。",
                    f"T2–T5 add up to {fmt(non_selling)} hours, more than the {fmt(day)}-hour "
                    "working day: no time is left for direct selling.",
                )
            )
    if deducted <= calendar:
        awake = (calendar - deducted) * (HOURS_PER_DAY - sleep) / HOURS_PER_DAY
        meeting_days = inputs["meetings_per_year"] * inputs["days_per_meeting"]
        if round(meeting_days, 2) > round(awake, 2):
            for key in ("meetings_per_year", "days_per_meeting"):
                problems.append(
                    InputError(
                        key,
                        f"会议共 {fmt(meeting_days)} 天，超过了除去睡眠后剩下的 {fmt(awake)} 天。",
                        f"Meetings take {fmt(meeting_days)} days, more than the {fmt(awake)} "
                        "days left after sleep.",
                    )
                )
    raise_problems(problems)


@dataclass(frozen=True)
class SellingTime:
    """The year walked down to selling days and the day down to direct selling (T1), and
    their product: the share of the year spent in front of customers (METHODOLOGY.md §9,
    raising-customer-value.txt)."""

    inputs: dict[str, Any]
    working: float
    awake: float
    selling: float
    #: each non-selling use of the day: (key, tag, label, tip, hours)
    others: list[tuple[str, str, Text, Text, float]]
    direct: float
    day_share: float
    year_share: float
    per_year: float
    band: str


def selling_time(inputs: dict[str, Any]) -> SellingTime:
    """Working days = calendar − holidays − weekends − leave; less sleep and meetings gives
    selling days; the day less T2–T5 gives direct selling; their shares multiply."""
    calendar = inputs["calendar_days"]
    day = inputs["working_hours_per_day"]
    working = (
        calendar - inputs["public_holiday_days"] - inputs["weekend_days"] - inputs["leave_days"]
    )
    awake = working * (HOURS_PER_DAY - inputs["sleep_hours_per_day"]) / HOURS_PER_DAY
    selling = max(0.0, awake - inputs["meetings_per_year"] * inputs["days_per_meeting"])
    others = [(key, tag, label, tip, inputs[key]) for key, tag, label, tip in NON_SELLING]
    direct = max(0.0, day - sum(hours for *_, hours in others))
    year_share = round(selling * 100 / calendar * direct / day, 2)
    return SellingTime(
        inputs,
        working,
        awake,
        selling,
        others,
        direct,
        direct * 100 / day,
        year_share,
        selling * direct,
        band_for(year_share),
    )


def _year_lines(t: SellingTime) -> list[Text]:
    """From calendar days to working days, then to days left after sleep and meetings."""
    i = t.inputs
    calendar, holidays, weekends = i["calendar_days"], i["public_holiday_days"], i["weekend_days"]
    leave, sleep = i["leave_days"], i["sleep_hours_per_day"]
    meetings, per_meeting = i["meetings_per_year"], i["days_per_meeting"]
    return [
        Text(
            f"{calendar} 天 − 法定假日 {holidays} − 双休日 {weekends} − 请假等 {fmt(leave)}"
            f" = {fmt(t.working)} 个工作日。",
            f"{calendar} days − {holidays} public holidays − {weekends} weekend days − "
            f"{fmt(leave)} leave = {fmt(t.working)} working days.",
        ),
        Text(
            f"睡眠每天 {fmt(sleep)} 小时：{fmt(t.working)} × {fmt(HOURS_PER_DAY - sleep)}/24"
            f" = {fmt(t.awake)} 天；开会 {meetings} 次 × {fmt(per_meeting)} 天"
            f" → 剩 {fmt(t.selling)} 天。",
            f"Sleep {fmt(sleep)} h a day: {fmt(t.working)} × {fmt(HOURS_PER_DAY - sleep)}/24 = "
            f"{fmt(t.awake)} days; {meetings} meetings × {fmt(per_meeting)} days → "
            f"{fmt(t.selling)} days left.",
        ),
    ]


def _reasoning(t: SellingTime) -> list[Text]:
    """The year's walk-down, the day's, and the share of the year with its band."""
    calendar, day, direct = t.inputs["calendar_days"], t.inputs["working_hours_per_day"], t.direct
    band = t.band
    return [
        *_year_lines(t),
        Text(
            f"一天 {fmt(day)} 小时 − T2–T5 共 {fmt(day - direct)} 小时"
            f" = 直接销售 T1 {fmt(direct)} 小时（{fmt(t.day_share)}%）。",
            f"A {fmt(day)}-hour day − {fmt(day - direct)} h of T2–T5 = {fmt(direct)} h of "
            f"direct selling T1 ({fmt(t.day_share)}%).",
        ),
        Text(
            f"{fmt(t.selling)}/{calendar} 天 × {fmt(direct)}/{fmt(day)} 小时 = "
            f"{fmt(t.year_share)}%，{BANDS[band].label.zh}（{BANDS.range(band).zh}）；"
            f"一年 {fmt(t.per_year)} 小时直接销售。",
            f"{fmt(t.selling)}/{calendar} days × {fmt(direct)}/{fmt(day)} h = "
            f"{fmt(t.year_share)}% of the year: {BANDS[band].label.en.lower()} "
            f"({BANDS.range(band).en}); {fmt(t.per_year)} hours of direct selling a year.",
        ),
    ]


def _actions(t: SellingTime) -> list[Text]:
    """The band's action, the tip for the largest non-selling use, the value of one hour."""
    actions = [BANDS.action(t.band)]
    largest = max(t.others, key=lambda o: o[4])
    if largest[4] > 0:
        actions.append(largest[3])
    if t.selling > 0:
        actions.append(
            Text(
                f"每天多争取 1 小时直接销售，一年就多出 {fmt(t.selling)} 小时面对客户。",
                f"Every extra hour a day of direct selling adds {fmt(t.selling)} hours a year "
                "with customers.",
            )
        )
    return actions


def _figures(t: SellingTime) -> list[Figure]:
    """The year's days down to selling days, direct hours a day and a year, and their shares."""
    return [
        figure("calendar_days", "一年天数", "Days in the year", t.inputs["calendar_days"], DAYS),
        figure("working_days", "工作日", "Working days", figure_number(t.working), DAYS),
        figure("awake_days", "除去睡眠", "After sleep", figure_number(t.awake), DAYS),
        figure("selling_days", "除去会议", "After meetings", figure_number(t.selling), DAYS),
        figure(
            "direct_hours_per_day",
            "每天直接销售 T1",
            "Direct selling a day (T1)",
            figure_number(t.direct),
            HOURS,
        ),
        figure(
            "day_share_pct",
            "占工作日",
            "Share of the working day",
            figure_number(t.day_share),
            PCT,
        ),
        figure(
            "direct_hours_per_year",
            "每年直接销售",
            "Direct selling a year",
            figure_number(t.per_year),
            HOURS,
        ),
        figure(
            "direct_share_pct",
            "直接销售占全年时间",
            "Direct selling as share of the year",
            figure_number(t.year_share),
            PCT,
        ),
    ]


def _day_table(t: SellingTime) -> ResultTable:
    """One working day: direct selling and each other use of the time, in hours and share."""
    day = t.inputs["working_hours_per_day"]
    rows = [
        {
            "part": Text("T1 直接销售", "T1 Direct selling"),
            "hours": figure_number(t.direct),
            "share_pct": figure_number(t.day_share),
        }
    ]
    rows.extend(
        {
            "part": Text(f"{tag} {label.zh}", f"{tag} {label.en}"),
            "hours": figure_number(hours),
            "share_pct": figure_number(hours * 100 / day),
        }
        for _, tag, label, _, hours in t.others
    )
    heads = columns(
        ("part", "时间", "Time"),
        ("hours", "小时", "Hours"),
        ("share_pct", "占工作日 %", "Share of day %"),
    )
    return table("day", Text("一个工作日", "One working day"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Walk the year down to selling days, the day down to direct selling, and combine them."""
    _check(inputs)
    t = selling_time(inputs)
    label = BANDS[t.band].label
    return result(
        figures=_figures(t),
        verdict=verdict(
            t.band,
            f"{label.zh}：全年 {fmt(t.year_share)}% 的时间在直接销售（原资料约 17%）",
            f"{label.en}: {fmt(t.year_share)}% of the year in direct selling (the deck: about 17%)",
        ),
        reasoning=_reasoning(t),
        actions=_actions(t),
        tables=(_day_table(t),),
    )


CALCULATOR = Calculator(
    slug="selling_time",
    title=Text("一天中有多少时间用于销售", "How much of your day goes to selling"),
    summary=Text(
        "365 天减去假日、周末、请假、睡眠和会议只剩 142 天；每天再减去间接销售、路程、"
        "行政和私人时间，直接销售只占全年约 17%。",
        "365 days less holidays, weekends, leave, sleep and meetings leave 142; take indirect "
        "selling, travel, admin and private time off each day and direct selling is about "
        "17% of the year.",
    ),
    source="raising-customer-value.txt",
    fields=FIELDS,
    compute=compute,
    page="prioritising/selling-time",
    order=9,
)
