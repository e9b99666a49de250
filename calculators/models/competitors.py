"""Competitor analysis 竞争对手分析表 on the customer's key purchase criteria 关键采购标准
(source: key-account-development-techniques.txt, 表2 关键采购标准清单 and 表4 竞争对手分析表).

The customer buys on a few criteria 关注点, each with a weight 权重 that together make 100%
(表2 "合计100%"). For each criterion 评估指标 we rate ourselves 我们公司 and up to two
competitors 竞争对手 A and B on a 1–5 standard 标准(1-5). The weighted score tells who the
customer would pick today; the criterion-by-criterion gaps tell the seller what to present and
how, by the deck's presenting rules 介绍的关键点: 人有我优 (where they have it too, ours is
better), 人无我有 (where they lack it, we have it); never attack a competitor's weakness nor
deny its strength; tie the customer's needs to the competitor's weakness and to our strength,
steer around their strengths and avoid our weaknesses.

Decisions where the source is unclear (key-account-development-techniques.txt):

* **Weights that do not total 100%.** 表2 says the weights total 100%, but a sheet filled in by
  hand often adds to 99% or 110%. The weights are read as relative importance and normalised:
  each criterion counts for its weight divided by the total. The score is unchanged when every
  weight is multiplied by the same factor. The reasoning states the total and an action asks
  the seller to confirm the weights with the customer. All weights 0 is an input error: no
  share can be formed.
* **Score scales.** The weighted score is the weighted mean rating on the 1–5 scale. The
  100-point score is that mean × 20 (the share of the 5-point maximum), so 5.00 is 100 and the
  lowest possible score, 1.00, is 20.
* **Verdict and tie tolerance.** We are compared with the strongest competitor (the higher
  weighted score; A when they are equal). A margin within ±0.1 on the 5-point scale (±2 on the
  100-point scale, less than one rating point on a criterion weighted 10%) is a tie; the edge
  itself (exactly 0.1) is a tie. Above it we lead, below it we are behind. Margins are rounded
  to 2 decimals before the comparison so float noise never flips a verdict.
* **Competitor B is optional.** A sale often has one competitor. Leave every B rating blank to
  compare with A only; rating B on some criteria and not others is an input error, and so is
  naming B without rating it.
* **Per-criterion position.** On each criterion our rating is compared with the strongest
  competitor's rating on that criterion. 人无我有 is read as: every competitor rates 2 or less
  (they effectively lack it) while we rate 4 or more. Otherwise a higher rating is 人有我优, an
  equal rating is level, a lower rating is the competitor's strength, and a lower rating of
  ours that is itself 2 or less is our weakness. The weighted gap is (our rating − that
  competitor's rating) × the criterion's share.
* **Names.** Blank names read as the deck's column heads: 我方 / Us, 竞争对手A / Competitor A,
  竞争对手B / Competitor B.
* **Default example.** 表4 names product quality 产品质量, effect 效果 and price 价格 without
  figures; service 服务 and reference customers 成功案例 come from the deck's rational buying
  criteria 理性的选择标准. The weights and ratings are an illustrative set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Field,
    Figure,
    InputError,
    Result,
    ResultTable,
    Text,
    fmt,
    raise_problems,
)
from ..core._bands import Band, Bands, above, at_least, at_most, below
from ..core._columns import RANK
from ..core._tail import figure, result, table, verdict
from ..core._units import PERCENT, POINTS

#: Rating scale 标准(1-5).
RATING_MIN = 1
RATING_MAX = 5
#: The weights of 表2 total 100%.
WEIGHT_TOTAL_PCT = 100
#: A margin within this many points of 5 is a tie.
TIE_TOLERANCE = 0.1
#: 人无我有: the competitors rate at most this (they lack it) ...
LACKING_AT_MOST = 2
#: ... while we rate at least this.
HAVING_AT_LEAST = 4
#: A rating of ours at or below this is a weakness to avoid.
WEAK_AT_MOST = 2
#: How many criteria an action names at most.
NAMED_IN_ACTION = 2

#: The verdict on our weighted margin over the strongest competitor (5-point scale): within
#: ±TIE_TOLERANCE, the tolerance itself included, is a tie.
MARGIN = Bands(
    name="competitors",
    measure=Text("与最强对手的差距", "Margin over the strongest competitor"),
    unit=POINTS,
    bands=(
        Band("lead", Text("我方领先", "We lead"), lower=above(TIE_TOLERANCE)),
        Band(
            "tied",
            Text("势均力敌", "Tied"),
            lower=at_least(-TIE_TOLERANCE),
            upper=at_most(TIE_TOLERANCE),
        ),
        Band("behind", Text("我方落后", "We are behind"), upper=below(-TIE_TOLERANCE)),
    ),
)
VERDICTS: dict[str, Text] = {band.key: band.label for band in MARGIN}

VERDICT_ACTIONS: dict[str, Text] = {
    "lead": Text(
        "保持领先：继续把客户最看重的标准与我方优势结合，用证明手段（案例、演示、试用）巩固，"
        "并在拜访结束时争取承诺和进展。",
        "Keep the lead: keep tying the customer's heaviest criteria to our strengths, back "
        "them with proof (references, demos, trials) and ask for a commitment or an advance "
        "at the end of each visit.",
    ),
    "tied": Text(
        "打破僵局：引导客户需求，提高我方领先标准在客户心中的分量；用技术交流、成功案例、"
        "产品演示、工厂参观或试用证明我方优势。",
        "Break the tie: guide the customer's needs so the criteria where we are better weigh "
        "more; prove our strengths with a technical exchange, reference projects, a demo, a "
        "factory visit or a trial.",
    ),
    "behind": Text(
        "扭转局面：把客户需求与对手的劣势和我方的优势结合，绕开对手优势；对权重大而落后的"
        "标准，准备改进方案或证明材料，而不是降价了事。",
        "Turn it round: tie the customer's needs to the competitor's weaknesses and our "
        "strengths, steer around their strengths; for heavily weighted criteria where we "
        "trail, prepare an improvement or proof rather than just cutting the price.",
    ),
}

NEVER_ATTACK = Text(
    "不攻击竞争对手的劣势，不否定竞争对手的优势：讲我们能给客户的利益。",
    "Never attack a competitor's weakness or deny its strength: talk about what we bring "
    "the customer.",
)

POSITIONS: dict[str, Text] = {
    "unique": Text("人无我有", "We have it, they don't"),
    "better": Text("人有我优", "Ours is better"),
    "level": Text("持平", "Level"),
    "their_strength": Text("对手优势", "Their strength"),
    "our_weakness": Text("我方劣势", "Our weakness"),
}


def _advice(position: str, rival: Text) -> Text:
    """The presenting rule for one criterion, naming the strongest competitor on it."""
    if position == "unique":
        return Text(
            f"人无我有：作为我方独有的价值来介绍，引导客户把它列为需求；不点破{rival.zh}的欠缺。",
            "We have what they lack: present it as value only we bring and help the customer "
            "make it a stated need; do not point out what the competitors lack.",
        )
    if position == "better":
        return Text(
            f"人有我优：承认{rival.zh}也有，讲清我方好在哪里、给客户带来什么利益。",
            f"Ours is better: grant that {rival.en} {_has(rival)} it too and show what is "
            "better in ours and what it brings the customer.",
        )
    if position == "level":
        return Text(
            "持平：说明我方达到要求即可，不在这里比拼，把话题引向我方领先的标准。",
            "Level: show we meet the need and move on; don't fight here, lead the talk to the "
            "criteria where we are better.",
        )
    if position == "their_strength":
        return Text(
            f"{rival.zh}的优势：不否定它，绕开它，把客户注意力引向我方更好的标准。",
            f"Strength of {rival.en}: do not deny it; steer around it towards the criteria "
            "where we are better.",
        )
    return Text(
        "我方劣势：不主动提起，客户问到时如实回答并给出改进或补偿方案。",
        "Our weakness: don't lead with it; if the customer raises it, answer honestly with "
        "an improvement or a make-good.",
    )


def _has(company: Text) -> str:
    """English agreement: "A has", "A and B have"."""
    return "have" if " and " in company.en else "has"


def position_for(ours: int, rival: int) -> str:
    """Where we stand on one criterion against the strongest competitor's rating on it."""
    if ours >= HAVING_AT_LEAST and rival <= LACKING_AT_MOST:
        return "unique"
    if ours > rival:
        return "better"
    if ours == rival:
        return "level"
    if ours <= WEAK_AT_MOST:
        return "our_weakness"
    return "their_strength"


def verdict_for(margin: float) -> str:
    """ "lead", "tied" or "behind" from our margin over the strongest competitor (5-point scale)."""
    return MARGIN.of(margin).key


def _name_field(key: str, zh: str, en: str, blank_zh: str, blank_en: str) -> Field:
    return Field(
        key=key,
        kind="text",
        label=Text(zh, en),
        help=Text(
            f"公司名称；留空则称为「{blank_zh}」。",
            f"The company's name; left blank it reads '{blank_en}'.",
        ),
        maximum=40,
        default="",
        required=False,
    )


def _rating_column(key: str, zh: str, en: str, *, required: bool = True) -> Field:
    blank = "" if required else "没有竞争对手 B 就整列留空。"
    blank_en = "" if required else " Leave the whole column blank if there is no B."
    return Field(
        key=key,
        kind="integer",
        label=Text(zh, en),
        help=Text(
            f"按 1–5 打分，5 为最好。{blank}",
            f"Rating from 1 to 5, 5 the best.{blank_en}",
        ),
        minimum=RATING_MIN,
        maximum=RATING_MAX,
        step=1,
        required=required,
    )


OUR_NAME = _name_field("our_name", "我方名称", "Our company", "我方", "Us")
COMPETITOR_A_NAME = _name_field(
    "competitor_a_name", "竞争对手 A", "Competitor A", "竞争对手 A", "Competitor A"
)
COMPETITOR_B_NAME = _name_field(
    "competitor_b_name", "竞争对手 B", "Competitor B", "竞争对手 B", "Competitor B"
)

CRITERIA = Field(
    key="criteria",
    kind="table",
    label=Text("评估指标", "Evaluation criteria"),
    help=Text(
        "客户的关键采购标准、客户给的权重（合计 100%），以及我方和竞争对手在每条标准上的 1–5 分。",
        "The customer's key purchase criteria, the customer's weights (totalling 100%), and "
        "a 1–5 rating of us and each competitor on every criterion.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("评估指标", "Criterion"),
            help=Text("客户关注的采购标准。", "A purchase criterion the customer cares about."),
            maximum=80,
        ),
        Field(
            key="weight_pct",
            kind="number",
            label=Text("权重", "Weight"),
            help=Text(
                "客户给这条标准的权重；各行合计应为 100%。",
                "The customer's weight for this criterion; the rows should total 100%.",
            ),
            minimum=0,
            maximum=100,
            step=1,
            unit=PERCENT.label,
        ),
        _rating_column("our_rating", "我方", "Us"),
        _rating_column("competitor_a_rating", "竞争对手 A", "Competitor A"),
        _rating_column("competitor_b_rating", "竞争对手 B", "Competitor B", required=False),
    ),
    min_rows=1,
    default=[
        {
            "name": Text("产品质量", "Product quality"),
            "weight_pct": 30,
            "our_rating": 4,
            "competitor_a_rating": 5,
            "competitor_b_rating": 3,
        },
        {
            "name": Text("效果", "Effectiveness"),
            "weight_pct": 20,
            "our_rating": 4,
            "competitor_a_rating": 3,
            "competitor_b_rating": 3,
        },
        {
            "name": Text("价格", "Price"),
            "weight_pct": 25,
            "our_rating": 3,
            "competitor_a_rating": 2,
            "competitor_b_rating": 5,
        },
        {
            "name": Text("服务", "Service"),
            "weight_pct": 15,
            "our_rating": 5,
            "competitor_a_rating": 2,
            "competitor_b_rating": 2,
        },
        {
            "name": Text("成功案例", "Reference customers"),
            "weight_pct": 10,
            "our_rating": 2,
            "competitor_a_rating": 4,
            "competitor_b_rating": 3,
        },
    ],
)


def _names(inputs: dict[str, Any]) -> tuple[Text, Text, Text]:
    out = []
    for key, zh, en in (
        ("our_name", "我方", "Us"),
        ("competitor_a_name", "竞争对手 A", "Competitor A"),
        ("competitor_b_name", "竞争对手 B", "Competitor B"),
    ):
        given = inputs.get(key)
        out.append(Text(given, given) if given else Text(zh, en))
    return out[0], out[1], out[2]


def _check(inputs: dict[str, Any]) -> bool:
    """Raise for rules that span rows; answer whether competitor B is in play."""
    rows = inputs["criteria"]
    if sum(r["weight_pct"] for r in rows) == 0:
        raise InputError(
            "criteria",
            "权重不能全部为 0：至少一条标准要有权重，才能算出加权分。",
            "The weights cannot all be 0: at least one criterion needs a weight to form a "
            "weighted score.",
            column="weight_pct",
        )
    has_b = any(r["competitor_b_rating"] is not None for r in rows)
    problems: list[InputError] = []
    if has_b:
        for index, row in enumerate(rows):
            if row["competitor_b_rating"] is None:
                problems.append(
                    InputError(
                        "criteria",
                        f"第 {index + 1} 行缺少竞争对手 B 的评分：要么每行都评，要么整列留空。",
                        f"Row {index + 1} has no rating for competitor B: rate B on every "
                        "criterion or leave the whole column blank.",
                        row=index,
                        column="competitor_b_rating",
                    )
                )
    elif inputs.get("competitor_b_name"):
        problems.append(
            InputError(
                "competitor_b_name",
                "填了竞争对手 B 的名称，却没有给它评分：请评分，或清空名称。",
                "Competitor B is named but not rated: rate it or clear its name.",
            )
        )
    raise_problems(problems)
    return has_b


@dataclass(frozen=True)
class CriterionGap:
    """One criterion compared: its share of the weights, our rating against the strongest
    competitor's on it, and the resulting position (METHODOLOGY.md §7,
    key-account-development-techniques.txt)."""

    share: float
    ours: int
    #: the competitors' ratings, in order, and who rates highest here
    theirs: list[int]
    rival_here: Text
    gap: int
    weighted_gap: float
    position: str


@dataclass(frozen=True)
class Comparison:
    """The weighted scores of us and each competitor, the strongest rival, the margin over
    it and the verdict, and every criterion compared."""

    rows: list[dict[str, Any]]
    has_b: bool
    #: us, competitor A and competitor B as named (B named even when it is not rated)
    names: tuple[Text, Text, Text]
    companies: list[Text]
    total_weight: float
    raw_scores: list[float]
    best: int
    margin: float
    verdict: str
    criteria: list[CriterionGap]

    @property
    def scores(self) -> list[float]:
        """The weighted scores on 5, rounded for showing."""
        return [round(s, 2) for s in self.raw_scores]

    @property
    def rival(self) -> Text:
        """The strongest competitor overall."""
        return self.companies[self.best]


def _leaders(companies: list[Text], theirs: list[int]) -> Text:
    """The competitor(s) rating highest on a criterion, joined when several tie."""
    top = max(theirs)
    leaders = [companies[1 + i] for i, t in enumerate(theirs) if t == top]
    if len(leaders) == 1:
        return leaders[0]
    return Text("、".join(t.zh for t in leaders), " and ".join(t.en for t in leaders))


def compare_criterion(
    row: dict[str, Any], rating_keys: list[str], companies: list[Text], total_weight: float
) -> CriterionGap:
    """Our rating against the best competitor's on one criterion, weighted by its share."""
    share = row["weight_pct"] * 100 / total_weight
    ours = row["our_rating"]
    theirs = [row[k] for k in rating_keys[1:]]
    top = max(theirs)
    gap = ours - top
    return CriterionGap(
        share,
        ours,
        theirs,
        _leaders(companies, theirs),
        gap,
        round(gap * share / 100, 2),
        position_for(ours, top),
    )


def compare(inputs: dict[str, Any], has_b: bool) -> Comparison:
    """Weighted score on 5 for each company (Σ weight × rating ÷ Σ weight); the strongest
    competitor is the higher raw score, A on a tie; the margin over it gives the verdict."""
    rows = inputs["criteria"]
    us, comp_a, comp_b = _names(inputs)
    rating_keys = ["our_rating", "competitor_a_rating"] + (["competitor_b_rating"] if has_b else [])
    companies = [us, comp_a] + ([comp_b] if has_b else [])
    total_weight = sum(r["weight_pct"] for r in rows)
    raw_scores = [sum(r["weight_pct"] * r[k] for r in rows) / total_weight for k in rating_keys]
    # The strongest competitor overall: the higher raw score, A on a tie.
    best = 1 if len(raw_scores) == 2 or raw_scores[1] >= raw_scores[2] else 2
    margin = round(raw_scores[0] - raw_scores[best], 2)
    return Comparison(
        rows,
        has_b,
        (us, comp_a, comp_b),
        companies,
        total_weight,
        raw_scores,
        best,
        margin,
        verdict_for(margin),
        [compare_criterion(row, rating_keys, companies, total_weight) for row in rows],
    )


def _signed(margin: float) -> str:
    """A margin on 5 with its sign: +0.40, -0.25, 0.00."""
    return ("+" if margin > 0 else "") + f"{margin:.2f}"


def _reasoning(c: Comparison) -> list[Text]:
    """The weights, each company's score on 5 and on 100, and the margin over the rival."""
    reasoning = [_weights_line(c.total_weight, len(c.rows))]
    for company, raw, score in zip(c.companies, c.raw_scores, c.scores, strict=True):
        reasoning.append(
            Text(
                f"{company.zh}：5 分制 {score:.2f} 分（百分制 {fmt(raw * 20)} 分）。",
                f"{company.en}: {score:.2f} of 5 ({fmt(raw * 20)} of 100).",
            )
        )
    reasoning.append(
        Text(
            f"对最强对手（{c.rival.zh}）的差距 {_signed(c.margin)} 分"
            f"（±{TIE_TOLERANCE} 以内算持平）：{VERDICTS[c.verdict].zh}。",
            f"Margin over the strongest competitor, {c.rival.en}: {_signed(c.margin)} of 5 "
            f"(within ±{TIE_TOLERANCE} is a tie): {VERDICTS[c.verdict].en.lower()}.",
        )
    )
    return reasoning


def _actions(c: Comparison) -> list[Text]:
    """The verdict's action, the criteria to lead with and steer around, never attack, and
    the weights to confirm when they do not make 100%."""
    weighted_gaps = [(index, g.weighted_gap) for index, g in enumerate(c.criteria)]
    positions = [g.position for g in c.criteria]
    actions = [VERDICT_ACTIONS[c.verdict], *_criterion_actions(c.rows, weighted_gaps, positions)]
    actions.append(NEVER_ATTACK)
    if abs(c.total_weight - WEIGHT_TOTAL_PCT) > 0.005:
        actions.append(
            Text(
                f"和客户确认权重：现在合计 {fmt(c.total_weight)}%，而不是 100%。",
                f"Confirm the weights with the customer: they total {fmt(c.total_weight)}%, "
                "not 100%.",
            )
        )
    return actions


def _figures(c: Comparison) -> list[Figure]:
    """Each company's weighted score on 5, ours on 100, the margin and the weights' total."""
    us, comp_a, comp_b = c.names
    scores = c.scores
    return [
        figure("our_score_5", f"{us.zh}（5 分制）", f"{us.en} (of 5)", scores[0]),
        figure("competitor_a_score_5", f"{comp_a.zh}（5 分制）", f"{comp_a.en} (of 5)", scores[1]),
        figure(
            "competitor_b_score_5",
            f"{comp_b.zh}（5 分制）",
            f"{comp_b.en} (of 5)",
            scores[2] if c.has_b else None,
        ),
        figure(
            "our_score_100",
            f"{us.zh}（百分制）",
            f"{us.en} (of 100)",
            round(c.raw_scores[0] * 20, 2),
        ),
        figure("margin_5", "领先最强对手（5 分制）", "Margin over strongest (of 5)", c.margin),
        figure(
            "weight_total_pct", "权重合计", "Weights total", round(c.total_weight, 2), PERCENT.label
        ),
    ]


def _scores_table(c: Comparison) -> ResultTable:
    """The companies ranked by weighted score, on 5 and on 100."""
    rows = (
        {
            "rank": 1 + sum(1 for other in c.raw_scores if other > raw),
            "company": company,
            "score_5": score,
            "score_100": round(raw * 20, 2),
        }
        for company, raw, score in zip(c.companies, c.raw_scores, c.scores, strict=True)
    )
    heads = (
        RANK,
        ("company", Text("公司", "Company")),
        ("score_5", Text("5 分制", "Of 5")),
        ("score_100", Text("百分制", "Of 100")),
    )
    return table("scores", Text("加权得分", "Weighted scores"), heads, rows)


def _criteria_row(c: Comparison, row: dict[str, Any], g: CriterionGap) -> dict[str, Any]:
    """One criterion's row: its share, the ratings, the gap to the strongest and how to present
    it."""
    cells: dict[str, Any] = {
        "name": row["name"],
        "share_pct": round(g.share, 2),
        "our_rating": g.ours,
        "competitor_a_rating": row["competitor_a_rating"],
    }
    if c.has_b:
        cells["competitor_b_rating"] = row["competitor_b_rating"]
    cells.update(
        {
            "gap": g.gap,
            "weighted_gap": g.weighted_gap,
            "position": POSITIONS[g.position],
            "advice": _advice(g.position, g.rival_here),
        }
    )
    return cells


def _criteria_table(c: Comparison) -> ResultTable:
    """Every criterion compared, with how to present it to the customer."""
    us, comp_a, comp_b = c.names
    heads: list[tuple[str, Text]] = [
        ("name", Text("评估指标", "Criterion")),
        ("share_pct", Text("权重占比 %", "Weight share %")),
        ("our_rating", us),
        ("competitor_a_rating", comp_a),
    ]
    if c.has_b:
        heads.append(("competitor_b_rating", comp_b))
    heads += [
        ("gap", Text("与最强对手差", "Gap to strongest")),
        ("weighted_gap", Text("加权差", "Weighted gap")),
        ("position", Text("态势", "Position")),
        ("advice", Text("介绍要点", "How to present")),
    ]
    rows = (_criteria_row(c, row, g) for row, g in zip(c.rows, c.criteria, strict=True))
    return table("criteria", Text("逐项对比", "Criterion by criterion"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Weighted scores for us and each competitor, the verdict, and per-criterion advice."""
    c = compare(inputs, _check(inputs))
    meaning, rival, signed = VERDICTS[c.verdict], c.rival, _signed(c.margin)
    return result(
        figures=_figures(c),
        verdict=verdict(
            c.verdict,
            f"{meaning.zh}（{signed} 分，对{rival.zh}）",
            f"{meaning.en} ({signed} of 5 against {rival.en})",
        ),
        reasoning=_reasoning(c),
        actions=_actions(c),
        tables=(_scores_table(c), _criteria_table(c)),
    )


def _weights_line(total_weight: float, count: int) -> Text:
    if abs(total_weight - WEIGHT_TOTAL_PCT) <= 0.005:
        return Text(
            f"{count} 条标准，权重合计 100%。",
            f"{count} criteria, weights totalling 100%.",
        )
    return Text(
        f"{count} 条标准，权重合计 {fmt(total_weight)}%，不是 100%：按各自占比换算到 100%。",
        f"{count} criteria, weights totalling {fmt(total_weight)}%, not 100%: each counts "
        "for its share of the total.",
    )


def _criterion_actions(
    rows: list[dict[str, Any]], weighted_gaps: list[tuple[int, float]], positions: list[str]
) -> list[Text]:
    """Name the criteria to lead with, to steer around and to keep quiet about."""
    actions: list[Text] = []
    ahead = sorted((g for g in weighted_gaps if g[1] > 0), key=lambda g: (-g[1], g[0]))
    behind = sorted((g for g in weighted_gaps if g[1] < 0), key=lambda g: (g[1], g[0]))
    if ahead:
        names = [rows[i]["name"] for i, _ in ahead[:NAMED_IN_ACTION]]
        actions.append(
            Text(
                f"重点介绍：{'、'.join(names)}——人有我优、人无我有，把客户需求与我方优势结合。",
                f"Lead with: {', '.join(names)}: where ours is better or only we have it, tie "
                "the customer's needs to these strengths.",
            )
        )
    if behind:
        names = [rows[i]["name"] for i, _ in behind[:NAMED_IN_ACTION]]
        actions.append(
            Text(
                f"对手占优：{'、'.join(names)}——不否定，绕开它，把客户关注引向我方领先的标准。",
                f"Competitor ahead on: {', '.join(names)}: don't deny it, steer around it "
                "towards the criteria where we are better.",
            )
        )
    weak = [rows[i]["name"] for i, p in enumerate(positions) if p == "our_weakness"]
    if weak:
        actions.append(
            Text(
                f"我方劣势：{'、'.join(weak)}——不主动提起，准备好改进措施或证明材料。",
                f"Our weakness: {', '.join(weak)}: don't lead with it; have an improvement "
                "or proof ready.",
            )
        )
    return actions


CALCULATOR = Calculator(
    slug="competitors",
    title=Text("竞争对手分析表", "Competitor analysis"),
    summary=Text(
        "按客户的关键采购标准和权重，给我方和竞争对手 1–5 分，算出加权得分，看谁领先，"
        "并按「人有我优、人无我有」给出每条标准的介绍要点。",
        "Rate us and our competitors 1–5 on the customer's weighted purchase criteria, see who "
        "leads on the weighted score, and get per-criterion presenting advice: ours is better "
        "where they have it, we have it where they don't.",
    ),
    source="key-account-development-techniques.txt",
    fields=(OUR_NAME, COMPETITOR_A_NAME, COMPETITOR_B_NAME, CRITERIA),
    compute=compute,
    page="developing/follow-up-and-close",
    order=7,
)
