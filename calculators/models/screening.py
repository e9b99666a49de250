"""Prospect screening scorecard 筛选客户 (source: raising-customer-value.txt, "筛选客户—工具").

Each prospect is scored against a few quantifiable criteria 筛选准则: 0, 1 or 2 points 点数 per
criterion, multiplied by the criterion's weight 权重. On a 20-point total 如以总分20分计算:
below 8 put on hold 暂时搁置, 8 to 14 needs investment 需要投入, above 14 key prospect 关键潜在客户.

Decisions where the source is unclear (raising-customer-value.txt):

* **Weights that do not make 20.** The bands are stated "on a 20-point total". When the
  weights give another maximum (2 points × the sum of weights), the weighted total is scaled to
  20 (``total × 20 / maximum``) before banding, so the bands keep their meaning for any set of
  criteria. All weights zero cannot form a total and is an input error.
* **Band edges on a scaled score.** "< 8" and "> 14" are read literally on the scaled score:
  exactly 8 and exactly 14 need investment; 14.4 (possible after scaling) is a key prospect
  and 7.9 is put on hold. Scores are rounded to 2 decimals before banding so that float noise
  never moves a prospect across an edge.
* **Default criteria and weights.** The slide names company type (上市公司 / 合资 / 欧美独资, read
  as the 0 / 1 / 2 columns in that order), national or landmark project, position in the
  industry and regional vs cross-regional; its weight digits are garbled ("43", "23"). We read
  weights 3, 3, 2, 2: within the 1–3 range seen and adding to a 20-point maximum.
* **The group exercise 筛选客户-分析表.** Its 8 prospect names are kept as the default rows;
  the digits of its table are garbled beyond a reliable reading, so the default points are an
  illustrative set, not the deck's.
* **Ties.** Prospects with equal scores keep the order they were entered in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..core import (
    MAX_EXPORT_ROWS,
    Calculator,
    Chart,
    Choice,
    ColumnHeadings,
    Field,
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
from ..core._columns import PRIORITY
from ..core._tail import figure, result, table, verdict
from ..core._units import POINTS

#: The methodology's scale: bands are defined on a 20-point total.
FULL_SCALE = 20
HOLD_BELOW = 8
KEY_ABOVE = 14
MAX_CRITERIA = 10
POINT_COLUMNS = tuple(f"c{i}" for i in range(1, MAX_CRITERIA + 1))

#: The verdict of a prospect by its score on 20: the slide's "< 8" and "> 14", read literally.
BANDS = Bands(
    name="screening",
    measure=Text("得分（20 分制）", "Score (of 20)"),
    unit=POINTS,
    bands=(
        Band(
            "hold",
            Text("暂时搁置", "Put on hold"),
            upper=below(HOLD_BELOW),
            action=Text(
                "暂时搁置：不投入拜访资源，记录原因，下季度重新筛选。",
                "Put on hold: spend no visit time now, note why, screen again next quarter.",
            ),
        ),
        Band(
            "invest",
            Text("需要投入", "Needs investment"),
            lower=at_least(HOLD_BELOW),
            upper=at_most(KEY_ABOVE),
            action=Text(
                "需要投入：安排拜访，补齐缺失的客户信息，找出能让分数上升的准则。",
                "Needs investment: plan visits, fill the gaps in what you know, find which "
                "criterion could move up.",
            ),
        ),
        Band(
            "key",
            Text("关键潜在客户", "Key prospect"),
            lower=above(KEY_ABOVE),
            action=Text(
                "关键潜在客户：指定负责人，制定客户计划，争取高层和技术资源支持。",
                "Key prospect: name an owner, write an account plan, line up senior and "
                "technical support.",
            ),
        ),
    ),
)

#: The action row of the group exercise: one short step per prospect, by band.
NEXT_STEP: dict[str, Text] = {
    "hold": Text("搁置，下季度再筛", "Hold; screen again next quarter"),
    "invest": Text("安排拜访，补齐信息", "Plan a visit; fill the gaps"),
    "key": Text("指定负责人，做客户计划", "Name an owner; write an account plan"),
}


def band_for(score_of_20: float) -> str:
    """The screening band of a score on the 20-point scale: "hold", "invest" or "key"."""
    return BANDS.of(score_of_20).key


def scale_to_twenty(weighted_total: float, maximum: float) -> float:
    """A weighted total expressed on the 20-point scale the bands are defined on."""
    return round(weighted_total * FULL_SCALE / maximum, 2)


class Scored(NamedTuple):
    """One prospect scored: its input row, name, weighted total, score of 20 and band."""

    row: int
    name: str
    total: int
    score: float
    band: str


def weighted_total(weights: Sequence[int], points: Sequence[int | None]) -> int:
    """The weighted total: points × weight, summed over the criteria that are defined."""
    return sum(w * (p or 0) for w, p in zip(weights, points, strict=False))


def score_prospect(
    row: int, name: str, weights: Sequence[int], points: Sequence[int | None]
) -> Scored:
    """A prospect's weighted total, its score on the 20-point scale and its band."""
    total = weighted_total(weights, points)
    score = scale_to_twenty(total, 2 * sum(weights))
    return Scored(row, name, total, score, band_for(score))


def priority_order(scored: Sequence[Scored]) -> list[Scored]:
    """Highest score first; equal scores keep the order they were entered in."""
    return sorted(scored, key=lambda s: (-s.score, s.row))


def _point_problems(
    index: int, prospect: Mapping[str, Any], criteria: Sequence[Mapping[str, Any]]
) -> list[InputError]:
    """What is wrong with a prospect's points: a defined criterion left blank, or points
    given for a criterion that is not defined."""
    problems = []
    for n, column in enumerate(POINT_COLUMNS):
        points = prospect[column]
        if n < len(criteria) and points is None:
            problems.append(
                InputError(
                    "prospects",
                    f"第 {index + 1} 行缺少准则{n + 1}「{criteria[n]['name']}」的点数。",
                    f"Row {index + 1} has no points for C{n + 1} '{criteria[n]['name']}'.",
                    row=index,
                    column=column,
                )
            )
        elif n >= len(criteria) and points is not None:
            problems.append(
                InputError(
                    "prospects",
                    f"第 {index + 1} 行给了准则 {n + 1} 的点数，"
                    f"但只定义了 {len(criteria)} 条准则。",
                    f"Row {index + 1} scores C{n + 1}, but only {len(criteria)} "
                    "criteria are defined.",
                    row=index,
                    column=column,
                )
            )
    return problems


def _point_column(index: int) -> Field:
    n = index + 1
    return Field(
        key=f"c{n}",
        kind="integer",
        label=Text(f"准则{n}", f"C{n}"),
        help=Text(
            f"该客户在第 {n} 条准则上的点数（0、1 或 2）；没有这条准则就留空。",
            f"Points (0, 1 or 2) for criterion {n}; leave blank if there is no criterion {n}.",
        ),
        minimum=0,
        maximum=2,
        step=1,
        required=False,
        exercise=True,
    )


CRITERIA = Field(
    key="criteria",
    kind="table",
    label=Text("筛选准则", "Screening criteria"),
    help=Text(
        "每条准则必须能量化；权重越大越重要。第 1 行对应客户表中的「准则 1」，依此类推。",
        "Each criterion must be measurable; a larger weight matters more. Row 1 is C1 in "
        "the prospects table, and so on.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("准则", "Criterion"),
            help=Text("准则名称，如「公司类型」。", "Name of the criterion, e.g. 'Company type'."),
            maximum=60,
        ),
        Field(
            key="weight",
            kind="integer",
            label=Text("权重", "Weight"),
            help=Text("这条准则的重要程度，0–5。", "How much this criterion counts, 0–5."),
            minimum=0,
            maximum=5,
            step=1,
        ),
        Field(
            key="zero",
            kind="text",
            label=Text("0 点", "0 points"),
            help=Text("得 0 点的描述。", "What earns 0 points."),
            maximum=80,
            required=False,
        ),
        Field(
            key="one",
            kind="text",
            label=Text("1 点", "1 point"),
            help=Text("得 1 点的描述。", "What earns 1 point."),
            maximum=80,
            required=False,
        ),
        Field(
            key="two",
            kind="text",
            label=Text("2 点", "2 points"),
            help=Text("得 2 点的描述。", "What earns 2 points."),
            maximum=80,
            required=False,
        ),
    ),
    min_rows=1,
    max_rows=MAX_CRITERIA,
    default=[
        {
            "name": Text("公司类型", "Company type"),
            "weight": 3,
            "zero": Text("上市公司", "listed"),
            "one": Text("合资", "joint venture"),
            "two": Text("欧美独资", "EU/US owned"),
        },
        {
            "name": Text("全国性/标志性项目", "National or landmark project"),
            "weight": 3,
            "zero": Text("无", "none"),
            "one": Text("全国性", "national"),
            "two": Text("标志性", "landmark"),
        },
        {
            "name": Text("行业地位", "Position in its industry"),
            "weight": 2,
            "zero": Text("跟随者", "follower"),
            "one": Text("前十", "top ten"),
            "two": Text("领导者", "leader"),
        },
        {
            "name": Text("地区性/跨区性", "Regional reach"),
            "weight": 2,
            "zero": Text("本地", "local"),
            "one": Text("地区性", "regional"),
            "two": Text("跨区性", "cross-regional"),
        },
    ],
)

PROSPECTS = Field(
    key="prospects",
    kind="table",
    label=Text("潜在客户", "Prospects"),
    help=Text(
        "每行一个潜在客户，按准则填 0/1/2 点。",
        "One prospect per row; give 0/1/2 points for each criterion.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("客户", "Prospect"),
            help=Text("潜在客户名称。", "The prospect's name."),
            maximum=80,
        ),
        *(_point_column(i) for i in range(MAX_CRITERIA)),
    ),
    max_rows=MAX_EXPORT_ROWS,
    min_rows=1,
    # each point column is headed by its criterion; each row shows its score, band and rank
    headings=ColumnHeadings(source="criteria", columns=POINT_COLUMNS),
    row_results=RowResults(
        table="prospects",
        columns=(
            ("total", Text("加权分", "Weighted")),
            ("score", Text("20 分制", "Of 20")),
            ("band", Text("结论", "Band")),
            PRIORITY,
        ),
        sort="rank",
        tone="band_code",
        per_row=("total", "score", "band"),
    ),
    default=[
        {"name": Text("ABC 公司", "ABC Company"), "c1": 1, "c2": 2, "c3": 2, "c4": 2},
        {"name": Text("USA 企业", "USA Enterprise"), "c1": 2, "c2": 2, "c3": 1, "c4": 2},
        {"name": Text("巨人塑料", "Giant Plastics"), "c1": 0, "c2": 0, "c3": 1, "c4": 1},
        {"name": Text("清水公司", "Qingshui"), "c1": 1, "c2": 1, "c3": 1, "c4": 1},
        {"name": Text("好佳包装", "Haojia Packaging"), "c1": 1, "c2": 0, "c3": 2, "c4": 1},
        {"name": Text("休闲食品", "Leisure Foods"), "c1": 0, "c2": 1, "c3": 1, "c4": 2},
        {"name": Text("PK 运动服装", "PK Sportswear"), "c1": 2, "c2": 1, "c3": 2, "c4": 1},
        {"name": Text("超级部件", "Super Parts"), "c1": 2, "c2": 2, "c3": 2, "c4": 1},
    ],
)


SORT_BY = Field(
    key="sort_by",
    kind="choice",
    label=Text("结果排序", "Order of the result"),
    help=Text(
        "按录入顺序（和上面的表一一对应），或按分数从高到低（优先顺序）。",
        "As entered (row by row with the table above), or by score, highest first (priority).",
    ),
    choices=(
        Choice("entered", Text("按录入顺序", "As entered")),
        Choice("score", Text("按分数", "By score")),
    ),
    default="entered",
)


def _check_weights(criteria: list[dict[str, Any]]) -> None:
    """All weights zero leave no maximum to scale to: refused."""
    if sum(c["weight"] for c in criteria) == 0:
        raise InputError(
            "criteria",
            "权重不能全部为 0：至少一条准则要有权重，才能算出总分。",
            "The weights cannot all be 0: at least one criterion needs a weight to form a total.",
            column="weight",
        )


@dataclass(frozen=True)
class Screening:
    """Every prospect scored and ranked, with how many fell in each band."""

    weights: list[int]
    maximum: int
    scored: list[Scored]
    ranked: list[Scored]
    counts: dict[str, int]

    @property
    def top(self) -> Scored:
        """The prospect ranked first."""
        return self.ranked[0]


def screen(criteria: list[dict[str, Any]], prospects: list[dict[str, Any]]) -> Screening:
    """Score every prospect on the criteria, rank by score and count the bands
    (METHODOLOGY.md §1, raising-customer-value.txt)."""
    weights = [c["weight"] for c in criteria]
    scored = [
        score_prospect(row, prospect["name"], weights, [prospect[c] for c in POINT_COLUMNS])
        for row, prospect in enumerate(prospects)
    ]
    counts = {band: sum(1 for s in scored if s.band == band) for band in BANDS.band_keys()}
    return Screening(weights, 2 * sum(weights), scored, priority_order(scored), counts)


def _reasoning(s: Screening) -> list[Text]:
    """The maximum and its scaling to 20, then each prospect's score and band by priority."""
    maximum = s.maximum
    reasoning = [
        Text(
            f"满分 {maximum} 分（2 点 × 权重之和 {sum(s.weights)}），换算为 20 分制。",
            f"Maximum {maximum} points (2 × total weight {sum(s.weights)}), scaled to 20.",
        )
    ]
    for _index, name, total, score, band in s.ranked:
        scaled_zh = "" if maximum == FULL_SCALE else f"（{total}/{maximum} 换算）"
        scaled_en = "" if maximum == FULL_SCALE else f" ({total}/{maximum} scaled)"
        reasoning.append(
            Text(
                f"{name}：20 分中得 {fmt(score)} 分{scaled_zh}，"
                f"{BANDS[band].label.zh}（{BANDS.range(band).zh}）。",
                f"{name}: {fmt(score)} of 20 points{scaled_en}: "
                f"{BANDS[band].label.en.lower()} ({BANDS.range(band).en}).",
            )
        )
    return reasoning


def _actions(s: Screening) -> list[Text]:
    """Each band's action that applies, then where to start."""
    actions = [BANDS.action(band) for band in ("key", "invest", "hold") if s.counts[band]]
    if len(s.scored) > 1:
        actions.append(
            Text(
                f"先跟进排名第一的 {s.top.name}，按优先顺序分配拜访时间。",
                f"Start with {s.top.name}, ranked first, and give visit time in priority order.",
            )
        )
    return actions


def _table(s: Screening, sort_by: str) -> ResultTable:
    """Every prospect's weighted total, score on 20, band, next step and rank."""
    rank_of = {p.row: r + 1 for r, p in enumerate(s.ranked)}
    rows = (
        {
            "rank": rank_of[index],
            "name": name,
            "total": total,
            "score": score,
            "band": BANDS[band].label,
            "action": NEXT_STEP[band],
            "row": index,
            "band_code": band,
        }
        for index, name, total, score, band in (s.ranked if sort_by == "score" else s.scored)
    )
    heads = (
        PRIORITY,
        ("name", Text("客户", "Prospect")),
        ("total", Text("加权分", "Weighted")),
        ("score", Text("20 分制", "Of 20")),
        ("band", Text("结论", "Band")),
        ("action", Text("行动", "Action")),
    )
    return table("prospects", Text("筛选结果", "Screening result"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Score every prospect, scale to 20, band it and order the list by priority.

    The verdict is the band of the highest-scoring prospect; the result table gives every
    prospect's weighted total, its score on 20, its band and its rank.
    """
    criteria = inputs["criteria"]
    prospects = inputs["prospects"]
    _check_weights(criteria)
    problems = [p for i, row in enumerate(prospects) for p in _point_problems(i, row, criteria)]
    raise_problems(problems)
    s = screen(criteria, prospects)
    top, counts = s.top, s.counts
    return result(
        figures=(
            figure("prospects", "客户数", "Prospects", len(prospects)),
            figure("maximum", "加权满分", "Weighted maximum", s.maximum),
            figure("key", "关键潜在客户", "Key prospects", counts["key"]),
            figure("invest", "需要投入", "Needs investment", counts["invest"]),
            figure("hold", "暂时搁置", "On hold", counts["hold"]),
            figure("top_score", "最高分（20 分制）", "Top score (of 20)", top.score),
        ),
        verdict=verdict(
            top.band,
            f"{top.name}：{BANDS[top.band].label.zh}",
            f"{top.name}: {BANDS[top.band].label.en.lower()}",
        ),
        reasoning=_reasoning(s),
        actions=_actions(s),
        tables=(_table(s, inputs["sort_by"]),),
        charts=(_chart(s.ranked),),
    )


#: The chart shows at most this many prospects (the best ranked); the table lists them all.
CHART_ROWS = 40
BAND_TONES = {"hold": _svg.GREY, "invest": _svg.ORANGE, "key": _svg.GREEN}


def _legend_label(band: str, lang: str) -> str:
    return BANDS.labelled(band).get(lang)


def _chart(ranked: list[Scored]) -> Chart:
    """Each prospect's score of 20 in priority order, coloured by band, with the 8 and 14 edges."""
    title = Text("20 分制得分（按优先顺序）", "Score of 20, in priority order")
    shown = ranked[:CHART_ROWS]

    def draw(lang: str) -> str:
        rows = [
            _svg.BarRow(name, (score,), tones=(BAND_TONES[band],))
            for _index, name, _total, score, band in shown
        ]
        legend = [
            (BAND_TONES[band], _legend_label(band, lang)) for band in ("key", "invest", "hold")
        ]
        colon = "：" if lang == "zh" else ": "
        items = [f"{name}{colon}{fmt(score)}" for _index, name, _total, score, _band in shown]
        if lang == "zh":
            more = (
                f"（共 {len(ranked)} 个，显示前 {len(shown)} 个）"
                if len(shown) < len(ranked)
                else ""
            )
            desc = f"满分 20 分，{HOLD_BELOW} 分和 {KEY_ABOVE} 分为分界{more}：" + "；".join(items)
        else:
            more = f" (top {len(shown)} of {len(ranked)})" if len(shown) < len(ranked) else ""
            desc = f"Of 20; band edges {HOLD_BELOW} and {KEY_ABOVE}{more}: " + "; ".join(items)
        return _svg.bars(
            rows,
            title=title.get(lang),
            max_value=FULL_SCALE,
            lines=(
                _svg.Line(HOLD_BELOW, fmt(HOLD_BELOW)),
                _svg.Line(KEY_ABOVE, fmt(KEY_ABOVE)),
            ),
            legend=legend,
            desc=desc,
        )

    return Chart.drawn("scores", title, draw)


CALCULATOR = Calculator(
    slug="screening",
    title=Text("客户筛选评分表", "Prospect screening scorecard"),
    summary=Text(
        f"用可量化的准则给潜在客户打分，换算到 {FULL_SCALE} 分：{BANDS.range('hold').zh}暂时搁置，"
        f"{BANDS.range('invest').zh}需要投入，{BANDS.range('key').zh}是关键潜在客户。",
        f"Score prospects on measurable criteria, scaled to {FULL_SCALE} points: "
        f"{BANDS.range('hold').en} put on hold, {BANDS.range('invest').en} needs investment, "
        f"{BANDS.range('key').en} is a key prospect.",
    ),
    source="raising-customer-value.txt",
    fields=(CRITERIA, PROSPECTS, SORT_BY),
    compute=compute,
    page="prioritising/screening",
    order=1,
)
