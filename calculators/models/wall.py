"""The "wall" 围墙准则: how solid a customer relationship is (source: raising-customer-value.txt).

The wall criteria 围墙准则 measure the real relationship between seller and buyer: a few key
factors of a good relationship 维持良好关系的关键因素 are each scored 0, 1 or 2 and multiplied by
a weight. Today's score 今天 shows how high the wall stands; the wall-building actions 围墙行动
and tomorrow's target 明天 show how to raise it, factor by factor, in order of priority 优先级.
On a 20-point total: below 10 poor 差, 10 to 14 good 好, 15 and above very good 非常好. A high
wall protects a loyal customer from competitors and shows where more business can come from.

The same calculator holds the three-axis account analysis 从三个角度分析一个客户: potential
business 潜在生意 (A above 200万, B 50–200万, C below 50万), the share of it we can win 可能得到的
生意份额 (1 above 70%, 2 30–70%, 3 below 30%) and the customer's loyalty 忠诚度 (+ supports us,
0 neutral, − does not support us), written together as a class such as "A1+".

Decisions where the source is unclear (raising-customer-value.txt):

* **15 points.** The source reads "<10 = 差, 10-14 = 好, >15 = 非常好", leaving 15 unassigned.
  Like the screening scorecard's "> 14", we read the top band as 15 and above: poor below 10,
  good from 10 up to (not including) 15, very good from 15. On a scaled score 14.5 is good.
* **Weights that do not make 20.** The bands assume a 20-point total, as in screening. When
  the weights give another maximum (2 × the sum of weights), both today's and tomorrow's
  totals are scaled to 20 before banding (``total × 20 / maximum``), rounded to 2 decimals.
  All weights zero cannot form a total and is an input error.
* **Default factors and weights.** The slide names four factors; its digits are garbled.
  We weight the two "people" factors 3 (people we know: buyer 采购者 / + user 使用者 / + manager
  经理 as 0 / 1 / 2; people at the customer who know us: salesperson / + technical staff / +
  sales manager) and the two attitude factors 2 (attitude to a new service: no interest /
  sees an opportunity / willing to trial; information sharing: none / when we ask / offered
  proactively): 3 + 3 + 2 + 2 = 10, a 20-point maximum, so the bands apply unscaled.
  Today's scores 1, 2, 1, 1 are read from the slide's "1211"; tomorrow's targets 2, 2, 2, 1 and
  the priorities are an illustrative example.
* **Which factor first.** Factors whose target is above today's score are worked on in the
  order of their priority (1 first; blank priorities after the numbered ones), then by the
  points the gap is worth (weight × gap), then in the order entered. A target below today's
  score is allowed (a contact about to leave) and shows as a negative gap, never as work.
* **Three-axis edges.** Exactly 200万 and exactly 50万 are B ("50-200万" includes both ends);
  exactly 70% and exactly 30% are share 2 ("30%-70%"). The class is letter, digit and sign:
  "A1+", "B20", "C3-" ("0" for neutral, as on the slide).
* **The three-axis analysis is optional.** Leave potential, share and loyalty all blank to
  score the wall alone; filling some but not all of them is an input error.
* **What a class means.** The source gives the axes, not a reading of each class. We explain
  the class axis by axis and add one line of advice keyed on loyalty (protect and grow /
  win support by raising the wall / find out why before investing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Chart,
    Choice,
    Field,
    Figure,
    InputError,
    Result,
    ResultTable,
    RowResults,
    Text,
    _svg,
    fmt,
    raise_problems,
)
from ..core._bands import Band, Bands, above, at_least, at_most, below
from ..core._tail import columns, figure, result, table, verdict
from ..core._units import PERCENT, POINTS, WAN, join_zh

FULL_SCALE = 20
POOR_BELOW = 10
VERY_GOOD_FROM = 15
MAX_FACTORS = 10

BANDS = Bands(
    name="wall",
    measure=Text("围墙得分（20 分制）", "Wall score (of 20)"),
    unit=POINTS,
    bands=(
        Band(
            "poor",
            Text("差", "Poor"),
            upper=below(POOR_BELOW),
            action=Text(
                "围墙太低：竞争对手随时可以进来。先在优先的因素上行动，扩大双方认识的人员。",
                "The wall is low: a competitor can walk in. Act on the first-priority factors "
                "and widen who knows whom on both sides.",
            ),
        ),
        Band(
            "good",
            Text("好", "Good"),
            lower=at_least(POOR_BELOW),
            upper=below(VERY_GOOD_FROM),
            action=Text(
                "围墙还算稳固：按优先级继续建墙，把关系做到非常好，并从中寻找更多业务机会。",
                "The wall holds: keep building it in priority order to make it very good, and "
                "look for more business through it.",
            ),
        ),
        Band(
            "very_good",
            Text("非常好", "Very good"),
            lower=at_least(VERY_GOOD_FROM),
            action=Text(
                "围墙很稳固：保持关系，用它保护这个忠诚客户，并发掘更多业务。",
                "The wall is solid: keep it up, use it to protect this loyal customer and find "
                "more business.",
            ),
        ),
    ),
)

#: Three-axis edges: potential business in 万元, share in %.
POTENTIAL_A_ABOVE = 200
POTENTIAL_C_BELOW = 50
SHARE_1_ABOVE = 70
SHARE_3_BELOW = 30

#: The first axis of the class: how much business the customer could give (both edges are B:
#: the deck's "50-200万" includes its ends).
POTENTIAL_GRADES = Bands(
    name="wall.potential",
    measure=Text("潜在生意", "Potential business"),
    unit=WAN,
    kind=Text("等级", "Grade"),
    keyed=True,
    digits=None,
    bands=(
        Band("A", Text("潜在生意大", "Large potential business"), lower=above(POTENTIAL_A_ABOVE)),
        Band(
            "B",
            Text("潜在生意中等", "Medium potential business"),
            lower=at_least(POTENTIAL_C_BELOW),
            upper=at_most(POTENTIAL_A_ABOVE),
        ),
        Band("C", Text("潜在生意小", "Small potential business"), upper=below(POTENTIAL_C_BELOW)),
    ),
)
#: The second axis: the share of that business we can win (both edges are 2).
SHARE_GRADES = Bands(
    name="wall.share",
    measure=Text("可能得到的份额", "Share we can win"),
    unit=PERCENT,
    kind=Text("等级", "Grade"),
    keyed=True,
    digits=None,
    bands=(
        Band("1", Text("我们能拿到大部分", "We can win most of it"), lower=above(SHARE_1_ABOVE)),
        Band(
            "2",
            Text("我们能拿到一部分", "We can win part of it"),
            lower=at_least(SHARE_3_BELOW),
            upper=at_most(SHARE_1_ABOVE),
        ),
        Band("3", Text("我们只能拿到少量", "We can win little of it"), upper=below(SHARE_3_BELOW)),
    ),
)


def _meaning(bands: Bands, key: str) -> Text:
    """A grade as the class explains it: ``潜在生意大（高于 200 万元）`` / ``large potential…``."""
    text = bands.labelled(key)
    return Text(text.zh, text.en[:1].lower() + text.en[1:])


def _grade_rule(bands: Bands) -> Text:
    """How a help text states one axis: ``高于 200 万元为 A，…`` / ``above CNY 2 million is A…``."""
    return Text(
        "，".join(join_zh(bands.range(b.key).zh, f"为 {b.key}") for b in bands),
        ", ".join(f"{bands.range(b.key).en} is {b.key}" for b in bands),
    )


LOYALTY: dict[str, tuple[str, Text, Text]] = {
    "supports": (
        "+",
        Text("客户支持我们", "the customer supports us"),
        Text(
            "保护并发展：维持围墙，争取更大的份额和更多业务。",
            "Protect and grow: keep the wall up and ask for a bigger share and more business.",
        ),
    ),
    "neutral": (
        "0",
        Text("客户态度中立", "the customer is neutral"),
        Text(
            "争取支持：按围墙准则建立关系，把中立变成支持。",
            "Win support: build the wall factor by factor to turn neutral into support.",
        ),
    ),
    "not_supporting": (
        "-",
        Text("客户不支持我们", "the customer does not support us"),
        Text(
            "先找出原因，赢得关键人的支持，再决定投入多少。",
            "Find out why first and win over the key people before deciding how much to invest.",
        ),
    ),
}


def band_for(score_of_20: float) -> str:
    """The wall band of a score on the 20-point scale: "poor", "good" or "very_good"."""
    return BANDS.of(score_of_20).key


def potential_grade(potential_wan: float) -> str:
    """A, B or C by the potential business in 万元 (see :data:`POTENTIAL_GRADES`)."""
    return POTENTIAL_GRADES.of(potential_wan).key


def share_grade(share_pct: float) -> str:
    """1, 2 or 3 by the share in % we can win (see :data:`SHARE_GRADES`)."""
    return SHARE_GRADES.of(share_pct).key


def _score_column(key: str, zh: str, en: str, help_zh: str, help_en: str) -> Field:
    return Field(
        key=key,
        kind="integer",
        label=Text(zh, en),
        help=Text(help_zh, help_en),
        minimum=0,
        maximum=2,
        step=1,
        exercise=True,  # the group's scores for its own account
    )


def _text_column(
    key: str, zh: str, en: str, help_zh: str, help_en: str, limit: int, exercise: bool = False
) -> Field:
    return Field(
        key=key,
        kind="text",
        label=Text(zh, en),
        help=Text(help_zh, help_en),
        maximum=limit,
        required=False,
        exercise=exercise,
    )


FACTORS = Field(
    key="factors",
    kind="table",
    label=Text("围墙准则", "Wall factors"),
    help=Text(
        "维持良好关系的关键因素：每个因素按 0/1/2 评分，乘以权重；今天的得分、明天的目标、"
        "建墙行动和优先级。",
        "The key factors of a good relationship: each scored 0/1/2 and multiplied by its "
        "weight; today's score, tomorrow's target, the wall-building action and the priority.",
    ),
    columns=(
        _text_column("name", "因素", "Factor", "关键因素的名称。", "Name of the factor.", 60),
        Field(
            key="weight",
            kind="integer",
            label=Text("权重", "Weight"),
            help=Text("这个因素的重要程度，0–5。", "How much this factor counts, 0–5."),
            minimum=0,
            maximum=5,
            step=1,
        ),
        _text_column("zero", "0 分", "0 points", "得 0 分的描述。", "What scores 0.", 80),
        _text_column("one", "1 分", "1 point", "得 1 分的描述。", "What scores 1.", 80),
        _text_column("two", "2 分", "2 points", "得 2 分的描述。", "What scores 2.", 80),
        _score_column(
            "score_today",
            "今天",
            "Today",
            "今天的评分（0、1 或 2）。",
            "Today's score (0, 1 or 2).",
        ),
        _score_column(
            "score_tomorrow",
            "明天",
            "Tomorrow",
            "建墙之后要达到的评分（0、1 或 2）。",
            "The score to reach once the wall is built (0, 1 or 2).",
        ),
        _text_column(
            "action",
            "围墙行动",
            "Wall-building action",
            "为把今天的评分提高到明天的目标要做什么。",
            "What you will do to move today's score to tomorrow's.",
            200,
            exercise=True,
        ),
        Field(
            key="priority",
            kind="integer",
            label=Text("优先级", "Priority"),
            help=Text(
                "先做哪一项：1 最先；可留空。", "Which to work on first: 1 first; may be blank."
            ),
            minimum=1,
            maximum=99,
            step=1,
            required=False,
            exercise=True,
        ),
    ),
    min_rows=1,
    max_rows=MAX_FACTORS,
    # each factor's row shows its weighted points today and tomorrow, and its step in the work
    row_results=RowResults(
        table="factors",
        columns=(
            ("points_today", Text("今天加权分", "Points today")),
            ("points_tomorrow", Text("明天加权分", "Points tomorrow")),
            ("step", Text("顺序", "Step")),
        ),
        sort="step",
        per_row=("points_today", "points_tomorrow"),
    ),
    default=[
        {
            "name": Text("我们认识的人员", "People we know"),
            "weight": 3,
            "zero": Text("采购者", "buyer"),
            "one": Text("采购者 + 使用者", "buyer + user"),
            "two": Text("采购者 + 使用者 + 经理", "buyer + user + manager"),
            "score_today": 1,
            "score_tomorrow": 2,
            "action": Text(
                "请使用者引荐，拜访部门经理", "Ask the user to introduce us to the manager"
            ),
            "priority": 1,
        },
        {
            "name": Text("客户认识我们的人员", "People who know us"),
            "weight": 3,
            "zero": Text("销售人员", "salesperson"),
            "one": Text("销售人员 + 技术人员", "salesperson + technical staff"),
            "two": Text(
                "销售人员 + 技术人员 + 销售经理", "salesperson + technical staff + sales manager"
            ),
            "score_today": 2,
            "score_tomorrow": 2,
            "action": "",
            "priority": None,
        },
        {
            "name": Text("对新服务态度", "Attitude to a new service"),
            "weight": 2,
            "zero": Text("没兴趣", "no interest"),
            "one": Text("呈现机会", "sees an opportunity"),
            "two": Text("乐意试用", "willing to trial"),
            "score_today": 1,
            "score_tomorrow": 2,
            "action": Text(
                "安排技术交流并提出试用方案", "Hold a technical exchange, offer a trial"
            ),
            "priority": 2,
        },
        {
            "name": Text("信息提供", "Information sharing"),
            "weight": 2,
            "zero": Text("没有", "none"),
            "one": Text("我们要求", "when we ask"),
            "two": Text("主动提供", "offered proactively"),
            "score_today": 1,
            "score_tomorrow": 1,
            "action": "",
            "priority": None,
        },
    ],
)

POTENTIAL = Field(
    key="potential_business_wan",
    kind="number",
    label=Text("潜在生意", "Potential business"),
    help=Text(
        f"这个客户的潜在生意总额：{_grade_rule(POTENTIAL_GRADES).zh}。可留空。",
        f"The customer's total potential business: {_grade_rule(POTENTIAL_GRADES).en}. "
        "May be blank.",
    ),
    default=300,
    minimum=0,
    maximum=10_000_000,
    step=1,
    unit=WAN.label,
    required=False,
    exercise=True,  # the group's estimate for its own account
)
SHARE = Field(
    key="winnable_share_pct",
    kind="number",
    label=Text("可能得到的份额", "Share we can win"),
    help=Text(
        f"其中我们可能得到的份额：{_grade_rule(SHARE_GRADES).zh}。可留空。",
        f"The share of it we can win: {_grade_rule(SHARE_GRADES).en}. May be blank.",
    ),
    default=50,
    minimum=0,
    maximum=100,
    step=1,
    unit=PERCENT.label,
    required=False,
    exercise=True,
)
LOYALTY_FIELD = Field(
    key="loyalty",
    kind="choice",
    label=Text("忠诚度", "Loyalty"),
    help=Text(
        "客户对我们的态度：支持（+）、中立（0）或不支持（−）。可留空。",
        "The customer's stance towards us: supports (+), neutral (0) or does not support (−). "
        "May be blank.",
    ),
    choices=(
        Choice("supports", Text("支持 +", "Supports +")),
        Choice("neutral", Text("中立 0", "Neutral 0")),
        Choice("not_supporting", Text("不支持 −", "Does not support −")),
    ),
    default="supports",
    required=False,
    exercise=True,
)


def _scale(total: int, maximum: int) -> float:
    return round(total * FULL_SCALE / maximum, 2)


def _account_class(inputs: dict[str, Any]) -> tuple[str, list[Text], Text] | None:
    """The three-axis class, its meaning axis by axis and its advice; None if not given."""
    potential = inputs["potential_business_wan"]
    share = inputs["winnable_share_pct"]
    loyalty = inputs["loyalty"]
    given = [v is not None for v in (potential, share, loyalty)]
    if not any(given):
        return None
    if not all(given):
        missing = [
            InputError(
                key,
                f"三个角度要一起填：请填写「{label_zh}」，或把三项都留空。",
                f"The three axes go together: fill in '{label_en}', or leave all three blank.",
            )
            for key, value, label_zh, label_en in (
                ("potential_business_wan", potential, POTENTIAL.label.zh, POTENTIAL.label.en),
                ("winnable_share_pct", share, SHARE.label.zh, SHARE.label.en),
                ("loyalty", loyalty, LOYALTY_FIELD.label.zh, LOYALTY_FIELD.label.en),
            )
            if value is None
        ]
        raise_problems(missing)
    letter = potential_grade(potential)
    digit = share_grade(share)
    sign, loyalty_meaning, advice = LOYALTY[loyalty]
    meaning = [
        _meaning(POTENTIAL_GRADES, letter),
        _meaning(SHARE_GRADES, digit),
        loyalty_meaning,
    ]
    return f"{letter}{digit}{sign}", meaning, advice


def _weighted_maximum(factors: list[dict[str, Any]]) -> int:
    """The weighted maximum (2 points × the sum of weights); all weights zero is refused."""
    maximum = 2 * sum(f["weight"] for f in factors)
    if maximum == 0:
        raise InputError(
            "factors",
            "权重不能全部为 0：至少一个因素要有权重，才能算出总分。",
            "The weights cannot all be 0: at least one factor needs a weight to form a total.",
            column="weight",
        )
    return maximum


def _gain(f: dict[str, Any]) -> int:
    """What raising a factor from today's score to tomorrow's adds to the weighted total."""
    gain: int = f["weight"] * (f["score_tomorrow"] - f["score_today"])
    return gain


@dataclass(frozen=True)
class Wall:
    """The wall today and tomorrow: weighted totals, scores on 20, bands, and the order in
    which to raise the factors that go up."""

    factors: list[dict[str, Any]]
    maximum: int
    weighted_today: int
    weighted_tomorrow: int
    today: float
    tomorrow: float
    band_today: str
    band_tomorrow: str
    #: the rows of the factors to raise, in the order to work on them
    order: list[int]

    @property
    def gap(self) -> float:
        """Tomorrow's score less today's, on 20."""
        return round(self.tomorrow - self.today, 2)


def build_order(factors: list[dict[str, Any]]) -> list[int]:
    """The factors to raise: the priority given first (blank last), then the largest weighted
    gain, then as entered."""

    def work_key(index: int) -> tuple[bool, int, int, int]:
        f = factors[index]
        return (f["priority"] is None, f["priority"] or 0, -_gain(f), index)

    to_raise = [i for i, f in enumerate(factors) if f["score_tomorrow"] > f["score_today"]]
    return sorted(to_raise, key=work_key)


def score_wall(factors: list[dict[str, Any]], maximum: int) -> Wall:
    """Score today and tomorrow on 20 (weighted points scaled by the weighted maximum), band
    both, and order the work (METHODOLOGY.md §6, raising-customer-value.txt)."""
    weighted_today = sum(f["weight"] * f["score_today"] for f in factors)
    weighted_tomorrow = sum(f["weight"] * f["score_tomorrow"] for f in factors)
    today = _scale(weighted_today, maximum)
    tomorrow = _scale(weighted_tomorrow, maximum)
    return Wall(
        factors,
        maximum,
        weighted_today,
        weighted_tomorrow,
        today,
        tomorrow,
        band_for(today),
        band_for(tomorrow),
        build_order(factors),
    )


def _score_lines(w: Wall) -> list[Text]:
    """Today's and tomorrow's scores, their bands and the gap between them."""
    today, tomorrow = w.band_today, w.band_tomorrow
    scaled_zh = "" if w.maximum == FULL_SCALE else f"，加权满分 {w.maximum}，换算为 20 分制"
    scaled_en = "" if w.maximum == FULL_SCALE else f"; weighted maximum {w.maximum}, scaled to 20"
    return [
        Text(
            f"今天：20 分中得 {fmt(w.today)} 分（加权 {w.weighted_today}{scaled_zh}），"
            f"{BANDS[today].label.zh}（{BANDS.range(today).zh}）。",
            f"Today: {fmt(w.today)} of 20 points (weighted {w.weighted_today}{scaled_en}): "
            f"{BANDS[today].label.en.lower()} ({BANDS.range(today).en}).",
        ),
        Text(
            f"明天目标：20 分中得 {fmt(w.tomorrow)} 分（加权 {w.weighted_tomorrow}），"
            f"{BANDS[tomorrow].label.zh}（{BANDS.range(tomorrow).zh}）；"
            f"差距 {fmt(w.gap)} 分。",
            f"Tomorrow's target: {fmt(w.tomorrow)} of 20 points (weighted {w.weighted_tomorrow}): "
            f"{BANDS[tomorrow].label.en.lower()} ({BANDS.range(tomorrow).en}); "
            f"a gap of {fmt(w.gap)} points.",
        ),
    ]


def _reasoning(w: Wall) -> list[Text]:
    """The scores, each step of the work with its weighted gain, and the factors that slip."""
    reasoning = _score_lines(w)
    for rank, index in enumerate(w.order, start=1):
        f = w.factors[index]
        reasoning.append(
            Text(
                f"第 {rank} 步：{f['name']}，{f['score_today']} → {f['score_tomorrow']}"
                f"（权重 {f['weight']}，加权 +{_gain(f)}）。",
                f"Step {rank}: {f['name']}, {f['score_today']} → {f['score_tomorrow']} "
                f"(weight {f['weight']}, +{_gain(f)} weighted).",
            )
        )
    for f in w.factors:
        if f["score_tomorrow"] < f["score_today"]:
            reasoning.append(
                Text(
                    f"{f['name']}：预计从 {f['score_today']} 降到 {f['score_tomorrow']}。",
                    f"{f['name']}: expected to slip from {f['score_today']} to "
                    f"{f['score_tomorrow']}.",
                )
            )
    return reasoning


def _actions(w: Wall) -> list[Text]:
    """Today's band's action, then each factor's own action in the order of the work."""
    actions = [BANDS.action(w.band_today)]
    for index in w.order:
        f = w.factors[index]
        if f["action"]:
            actions.append(Text(f"{f['name']}：{f['action']}", f"{f['name']}: {f['action']}"))
        else:
            actions.append(
                Text(
                    f"{f['name']}：制定围墙行动，"
                    f"从 {f['score_today']} 提高到 {f['score_tomorrow']}。",
                    f"{f['name']}: plan a wall-building action to go from {f['score_today']} "
                    f"to {f['score_tomorrow']}.",
                )
            )
    return actions


def _figures(w: Wall) -> list[Figure]:
    """Today's and tomorrow's scores on 20, the gap, the weighted maximum and the first factor."""
    first = w.factors[w.order[0]]["name"] if w.order else None
    return [
        figure("score_today", "今天得分（20 分制）", "Today (of 20)", w.today),
        figure("score_tomorrow", "明天目标（20 分制）", "Tomorrow (of 20)", w.tomorrow),
        figure("gap", "差距", "Gap", w.gap),
        figure("maximum", "加权满分", "Weighted maximum", w.maximum),
        figure("first_factor", "最先建墙的因素", "Factor to work on first", first),
    ]


def _scores_table(w: Wall) -> ResultTable:
    """Today and tomorrow side by side: weighted points, score on 20 and band."""
    heads = columns(
        ("when", "时间", "When"),
        ("weighted", "加权分", "Weighted"),
        ("score", "20 分制", "Of 20"),
        ("band", "结论", "Band"),
    )
    rows = (
        {
            "when": Text("今天", "Today"),
            "weighted": w.weighted_today,
            "score": w.today,
            "band": BANDS[w.band_today].label,
        },
        {
            "when": Text("明天", "Tomorrow"),
            "weighted": w.weighted_tomorrow,
            "score": w.tomorrow,
            "band": BANDS[w.band_tomorrow].label,
        },
    )
    return table("scores", Text("今天与明天", "Today and tomorrow"), heads, rows)


def _factors_table(w: Wall) -> ResultTable:
    """Each factor's weight, scores today and tomorrow, weighted gap and step in the work."""
    step_of = {index: step for step, index in enumerate(w.order, start=1)}
    rows = (
        {
            "name": f["name"],
            "weight": f["weight"],
            "score_today": f["score_today"],
            "score_tomorrow": f["score_tomorrow"],
            "gap_weighted": f["weight"] * (f["score_tomorrow"] - f["score_today"]),
            "step": step_of.get(index),
            "row": index,
            "points_today": f["weight"] * f["score_today"],
            "points_tomorrow": f["weight"] * f["score_tomorrow"],
        }
        for index, f in enumerate(w.factors)
    )
    heads = columns(
        ("name", "因素", "Factor"),
        ("weight", "权重", "Weight"),
        ("score_today", "今天", "Today"),
        ("score_tomorrow", "明天", "Tomorrow"),
        ("gap_weighted", "加权差距", "Weighted gap"),
        ("step", "顺序", "Step"),
    )
    return table("factors", Text("建墙顺序", "Where to build"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Score the wall today and tomorrow on 20, band both, and order the work on it.

    The verdict is today's band; the three-axis class joins the figures when it is given.
    """
    factors = inputs["factors"]
    maximum = _weighted_maximum(factors)
    account = _account_class(inputs)
    w = score_wall(factors, maximum)
    figures, reasoning, actions = _figures(w), _reasoning(w), _actions(w)
    if account is not None:
        code, meaning, advice = account
        figures.append(figure("account_class", "客户分类", "Account class", code))
        reasoning.append(
            Text(
                f"客户分类 {code}：{'；'.join(m.zh for m in meaning)}。",
                f"Account class {code}: {'; '.join(m.en for m in meaning)}.",
            )
        )
        actions.append(Text(f"{code}：{advice.zh}", f"{code}: {advice.en}"))
    today, tomorrow = BANDS[w.band_today].label, BANDS[w.band_tomorrow].label
    return result(
        figures=figures,
        verdict=verdict(
            w.band_today,
            f"今天{today.zh}，明天{tomorrow.zh}",
            f"{today.en} today, {tomorrow.en.lower()} tomorrow",
        ),
        reasoning=reasoning,
        actions=actions,
        tables=(_scores_table(w), _factors_table(w)),
        charts=(_chart(factors),),
    )


def _chart(factors: list[dict[str, Any]]) -> Chart:
    """Today's and tomorrow's weighted points per factor, each against its own maximum."""
    title = Text("今天与明天：各因素的加权分", "Today and tomorrow: weighted points per factor")
    scale = 2 * max(f["weight"] for f in factors)
    rows = [
        (f["name"], f["weight"] * f["score_today"], f["weight"] * f["score_tomorrow"])
        for f in factors
    ]
    limits = [2 * f["weight"] for f in factors]

    def draw(lang: str) -> str:
        today, tomorrow = ("今天", "明天") if lang == "zh" else ("Today", "Tomorrow")
        if lang == "zh":
            desc = "；".join(
                f"{name}：{today} {a}，{tomorrow} {b}（满分 {limit}）"
                for (name, a, b), limit in zip(rows, limits, strict=True)
            )
        else:
            desc = "; ".join(
                f"{name}: {today} {a}, {tomorrow} {b} (of {limit})"
                for (name, a, b), limit in zip(rows, limits, strict=True)
            )
        return _svg.paired_bars(
            rows,
            title=title.get(lang),
            first=today,
            second=tomorrow,
            max_value=scale,
            limits=limits,
            desc=desc,
        )

    return Chart.drawn("today_tomorrow", title, draw)


CALCULATOR = Calculator(
    slug="wall",
    title=Text("围墙准则：客户关系评分", "The wall: relationship strength"),
    summary=Text(
        f"按关键因素给客户关系评分（0/1/2 × 权重，换算为 {FULL_SCALE} 分）："
        + "，".join(f"{BANDS.range(b.key).zh}{b.label.zh}" for b in BANDS)
        + "；比较今天和明天，排出建墙顺序，并从潜在生意、份额和忠诚度三个角度给客户分类。",
        f"Score a relationship on its key factors (0/1/2 × weight, scaled to {FULL_SCALE}): "
        + ", ".join(f"{BANDS.range(b.key).en} {b.label.en.lower()}" for b in BANDS)
        + "; compare today with tomorrow, order the wall-building work, and class the account "
        "by potential, winnable share and loyalty.",
    ),
    source="raising-customer-value.txt",
    fields=(FACTORS, POTENTIAL, SHARE, LOYALTY_FIELD),
    compute=compute,
    page="growing/wall",
    order=6,
)
