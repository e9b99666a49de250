"""The debrief 小组对比: several groups' screening tables side by side, disagreements first.

In the group screening exercise (筛选客户-分析表) each group scores the same prospects on its own
device and shares its table as a share link. This tool reads those links, scores every group's
table with the screening scorecard (:mod:`calculators.models.screening`, so no rule is written
twice)
and shows, for each prospect, each group's score of 20 and band, the spread between the highest
and the lowest score, and the criterion on which the groups' points differ most: the questions
a trainer asks in the debrief.

Decisions (the deck gives the exercise, not a way to compare groups):

* **Share links are read here, in Python.** A link holds ``ka.screening=`` followed by the
  table's state: JSON, compressed with raw DEFLATE and written in base64url without padding
  (what the site's share button makes). Anything around it (the page address, another anchor)
  is ignored. A link to another calculator, or a damaged one, is refused for its group's row,
  naming what was found.
* **Each group keeps its own criteria.** Scores are compared on the 20-point scale, which is
  what the bands are defined on, so groups that set their own criteria (the "group-set" way of
  running the exercise) can still be compared. The criterion with the widest gap is looked for
  among the criteria two or more groups share by name.
* **Prospects are matched by name**, ignoring case and repeated spaces; the first spelling seen
  is shown. A prospect one group did not score shows "—" for that group and its spread is taken
  over the groups that did.
* **Order of the debrief.** Prospects the groups put in different bands come first, then by
  spread (widest first), then in the order first seen. The verdict names the prospect with the
  widest spread (ties: the first in that order).
* **Group names must differ**, as each names a column; two groups with the same name are
  refused, naming both rows.
* **Defaults.** Three illustrative groups scoring the deck's eight prospects on the playbook's
  four criteria; the deck gives no such results.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Field,
    InputError,
    Result,
    ResultTable,
    RowResults,
    Text,
    fmt,
    localized,
    raise_problems,
)
from ..core._tail import columns, figure, result, table, verdict
from ..core._untrusted import Untrusted, unpack_link_state
from ..models import screening

#: What marks a screening table's state in a share link, and the state's own characters.
STATE_KEY = "ka.screening="
_STATE = re.compile(r"ka\.([a-z_]+)=([A-Za-z0-9_-]*)")
MAX_GROUPS = 12
#: How many disagreements the actions turn into debrief questions.
QUESTIONS = 3


def pack_state(inputs: dict[str, Any]) -> str:
    """A screening table's state as a share link carries it: raw DEFLATE, base64url, no padding.

    The inverse of :func:`unpack_state`; the site's share button writes the same format.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(json.dumps(inputs, ensure_ascii=False).encode()) + packer.flush()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unpack_state(packed: str) -> Any:
    """The JSON a share link's state holds; :class:`~calculators.core._untrusted.Untrusted` (a
    ``ValueError``) if it is damaged, unpacks to more than a share link may hold, or nests
    deeper than any table (checked before it is parsed: a link nesting thousands of brackets
    would otherwise overflow the stack of the Python in the page)."""
    return unpack_link_state(packed)


def share_link(inputs: dict[str, Any], page: str = "") -> str:
    """A share link to the screening table ``inputs`` (``page`` is the address before ``#``)."""
    return f"{page}#{STATE_KEY}{pack_state(inputs)}"


def _link_error(index: int, zh: str, en: str) -> InputError:
    return InputError(
        "groups",
        f"第 {index + 1} 组的链接{zh}",
        f"The link of group {index + 1} {en}",
        row=index,
        column="link",
    )


def _title(slug: str) -> Text:
    """A calculator's title as the reader knows it (its slug if it is no calculator of ours)."""
    from .. import REGISTRY

    return REGISTRY[slug].title if slug in REGISTRY else Text(slug, slug)


def read_link(index: int, link: str) -> dict[str, Any]:
    """The screening inputs a group's share link holds; a clear error for its row otherwise."""
    found = _STATE.findall(link)
    tables = [packed for slug, packed in found if slug == "screening"]
    if not tables:
        if found:
            other = found[0][0]
            raise _link_error(
                index,
                f"是「{_title(other).zh}」的链接，不是客户筛选评分表的链接。",
                f"is a link to '{_title(other).en}', not to the screening scorecard.",
            )
        raise _link_error(
            index,
            "里没有客户筛选表：请粘贴小组在客户筛选评分表上用「分享链接」复制的完整链接。",
            "holds no screening table: paste the whole link the group copied with Share link "
            "on the screening scorecard.",
        )
    try:
        state = unpack_state(tables[-1])
    except Untrusted as problem:
        if problem.damaged:
            raise _link_error(
                index,
                "已损坏（可能复制不完整）：请让该组重新复制一次。",
                "is damaged (perhaps cut short when copied): ask the group to copy it again.",
            ) from None
        raise _link_error(
            index,
            f"里的数据{problem.zh}。",
            f"holds data that {problem.en}.",
        ) from None
    if not isinstance(state, dict):
        raise _link_error(index, "里的内容不是一张表。", "does not hold a table.")
    return state


@dataclass(frozen=True)
class GroupTable:
    """One group's scored table: per prospect (by matching key) its name, score, band, points."""

    name: str
    order: tuple[str, ...]
    names: dict[str, str]
    scores: dict[str, float]
    bands: dict[str, str]
    points: dict[str, dict[str, int]]  # prospect key -> criterion key -> points
    criteria: dict[str, str]  # criterion key -> criterion name as written
    top: str


def match_key(name: str) -> str:
    """How two groups' spellings of one name are matched: case and repeated spaces ignored."""
    return " ".join(str(name).split()).casefold()


def score_group(index: int, name: str, state: dict[str, Any]) -> GroupTable:
    """Score one group's table with the screening scorecard; its errors point at its row."""
    calc = screening.CALCULATOR
    try:
        clean = calc.validate(state)
        result = calc.compute(clean)
    except InputError as error:
        first = error.problems[0]
        raise _link_error(
            index,
            f"里的表有误：{first.message.zh}",
            f"holds a table with a problem: {first.message.en}",
        ) from None
    order: list[str] = []
    names: dict[str, str] = {}
    points: dict[str, dict[str, int]] = {}
    criteria = {match_key(c["name"]): c["name"] for c in clean["criteria"] if match_key(c["name"])}
    criterion_keys = [match_key(c["name"]) for c in clean["criteria"]]
    for prospect in clean["prospects"]:
        key = match_key(prospect["name"])
        if key in names:
            raise _link_error(
                index,
                f"里有两个同名的客户「{prospect['name']}」。",
                f"scores two prospects called '{prospect['name']}'.",
            )
        order.append(key)
        names[key] = prospect["name"]
        points[key] = {
            criterion: prospect[column]
            for criterion, column in zip(criterion_keys, screening.POINT_COLUMNS, strict=False)
            if criterion
        }
    scores: dict[str, float] = {}
    bands: dict[str, str] = {}
    top = ""
    for row in result.table("prospects").rows:
        key = match_key(row["name"])
        scores[key] = row["score"]
        bands[key] = row["band_code"]
        if row["rank"] == 1:
            top = row["name"]
    return GroupTable(name, tuple(order), names, scores, bands, points, criteria, top)


@dataclass(frozen=True)
class Comparison:
    """One prospect across the groups: who scored it what, the spread, and the widest gap."""

    key: str
    name: str
    scores: tuple[float | None, ...]
    bands: tuple[str | None, ...]
    spread: float
    bands_differ: bool
    gap: tuple[str, int, int, int, int] | None  # criterion, low group, low, high group, high


def widest_gap(
    groups: list[GroupTable], key: str, among: tuple[int, ...] | None = None
) -> tuple[str, int, int, int, int] | None:
    """The shared criterion on which the groups' points for prospect ``key`` differ most.

    ``among`` limits the comparison to those groups (by index): a debrief question asks two
    groups, so the cell it cites must be where those two differ, not where any two do.
    """
    best: tuple[int, str, int, int, int, int] | None = None
    seen: list[str] = []
    for group in groups:
        for criterion in group.points.get(key, {}):
            if criterion not in seen:
                seen.append(criterion)
    for criterion in seen:
        given = [
            (g, group.points[key][criterion])
            for g, group in enumerate(groups)
            if key in group.points
            and criterion in group.points[key]
            and (among is None or g in among)
        ]
        if len(given) < 2:
            continue
        low = min(given, key=lambda p: (p[1], p[0]))
        high = max(given, key=lambda p: (p[1], -p[0]))
        gap = high[1] - low[1]
        if gap > 0 and (best is None or gap > best[0]):
            best = (gap, criterion, low[0], low[1], high[0], high[1])
    if best is None:
        return None
    return best[1], best[2], best[3], best[4], best[5]


def compare(groups: list[GroupTable]) -> list[Comparison]:
    """Every prospect any group scored, disagreements first (see the module docstring)."""
    keys: list[str] = []
    names: dict[str, str] = {}
    for group in groups:
        for key in group.order:
            if key not in names:
                keys.append(key)
                names[key] = group.names[key]
    out = []
    for key in keys:
        scores = tuple(g.scores.get(key) for g in groups)
        bands = tuple(g.bands.get(key) for g in groups)
        present = [s for s in scores if s is not None]
        spread = round(max(present) - min(present), 2)
        differ = len({b for b in bands if b is not None}) > 1
        out.append(
            Comparison(key, names[key], scores, bands, spread, differ, widest_gap(groups, key))
        )
    first_seen = {key: n for n, key in enumerate(keys)}
    return sorted(out, key=lambda c: (not c.bands_differ, -c.spread, first_seen[c.key]))


def _gap_text(gap: tuple[str, int, int, int, int] | None, groups: list[GroupTable]) -> Text:
    if gap is None:
        return Text("各组点数相同", "Same points everywhere")
    criterion, low, low_points, high, high_points = gap
    name = next(g.criteria[criterion] for g in groups if criterion in g.criteria)
    return Text(
        f"{name}：{groups[high].name} 给 {high_points} 点，{groups[low].name} 给 {low_points} 点",
        f"{name}: {groups[high].name} gave {high_points}, {groups[low].name} gave {low_points}",
    )


def _cell(score: float | None, band: str | None) -> Text | None:
    if score is None or band is None:
        return None
    label = screening.BANDS[band].label
    return Text(f"{fmt(score)}（{label.zh}）", f"{fmt(score)} ({label.en.lower()})")


def _example(points: list[tuple[int, int, int, int]], lang: str) -> dict[str, Any]:
    """An illustrative group table: the playbook's four criteria and the deck's prospects."""
    criteria = [
        {"name": c["name"], "weight": c["weight"]}
        for c in localized(screening.CRITERIA.default, lang)
    ]
    names = [p["name"] for p in localized(screening.PROSPECTS.default, lang)]
    prospects = [
        {"name": name, **{f"c{n + 1}": p for n, p in enumerate(row)}}
        for name, row in zip(names, points, strict=True)
    ]
    return {"criteria": criteria, "prospects": prospects}


_DEFAULT_POINTS = (
    # Group 1 scores as the playbook's worked example does
    [
        (1, 2, 2, 2),
        (2, 2, 1, 2),
        (0, 0, 1, 1),
        (1, 1, 1, 1),
        (1, 0, 2, 1),
        (0, 1, 1, 2),
        (2, 1, 2, 1),
        (2, 2, 2, 1),
    ],
    # Group 2 is kinder to the small prospects
    [
        (1, 2, 2, 1),
        (2, 2, 2, 2),
        (0, 1, 1, 1),
        (1, 1, 1, 2),
        (1, 1, 2, 1),
        (0, 1, 1, 1),
        (2, 1, 1, 1),
        (2, 2, 2, 2),
    ],
    # Group 3 read 巨人塑料's facts very differently
    [
        (1, 1, 2, 2),
        (2, 2, 1, 1),
        (2, 2, 1, 1),
        (1, 1, 0, 1),
        (1, 0, 2, 1),
        (0, 1, 2, 2),
        (1, 1, 2, 1),
        (2, 2, 1, 1),
    ],
)
GROUPS_DEFAULT_NAMES = (
    Text("第一组", "Group 1"),
    Text("第二组", "Group 2"),
    Text("第三组", "Group 3"),
)

GROUPS = Field(
    key="groups",
    kind="table",
    label=Text("各组的表", "The groups' tables"),
    help=Text(
        "每行一组：组名，以及该组在客户筛选评分表上用「分享链接」复制的链接（粘贴完整链接）。",
        "One group per row: its name, and the link it copied with Share link on the screening "
        "scorecard (paste the whole link).",
    ),
    columns=(
        Field(
            key="group",
            kind="text",
            label=Text("组名", "Group"),
            help=Text("小组的名称，如「第一组」。", "The group's name, e.g. 'Group 1'."),
            maximum=40,
        ),
        Field(
            key="link",
            kind="text",
            label=Text("分享链接", "Share link"),
            help=Text(
                "该组在客户筛选评分表上用「分享链接」复制的完整链接。",
                "The whole link the group copied with Share link on the screening scorecard.",
            ),
            maximum=20000,
        ),
    ),
    min_rows=2,
    max_rows=MAX_GROUPS,
    default=[
        {
            "group": name,
            "link": Text(share_link(_example(points, "zh")), share_link(_example(points, "en"))),
        }
        for name, points in zip(GROUPS_DEFAULT_NAMES, _DEFAULT_POINTS, strict=True)
    ],
    row_results=RowResults(
        table="groups",
        columns=(
            ("prospects", Text("客户数", "Prospects")),
            ("key", Text("关键", "Key")),
            ("top", Text("排第一", "Ranked first")),
        ),
    ),
)


def _same_names(rows: list[dict[str, Any]]) -> list[InputError]:
    """Two groups under one name (each names a column): refused, naming both rows."""
    problems: list[InputError] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        key = match_key(row["group"])
        if key in seen:
            problems.append(
                InputError(
                    "groups",
                    f"第 {seen[key] + 1} 组和第 {index + 1} 组同名「{row['group']}」："
                    "请改一个组名。",
                    f"Groups {seen[key] + 1} and {index + 1} are both called '{row['group']}': "
                    "rename one.",
                    row=index,
                    column="group",
                )
            )
        seen.setdefault(key, index)
    return problems


def read_groups(rows: list[dict[str, Any]]) -> list[GroupTable]:
    """Every group's screening table, read from its share link and scored; every problem (a
    name used twice, a damaged link) reported at once, on its group's row."""
    problems = _same_names(rows)
    groups: list[GroupTable] = []
    for index, row in enumerate(rows):
        try:
            groups.append(score_group(index, row["group"], read_link(index, row["link"])))
        except InputError as error:
            problems.extend(error.problems)
    raise_problems(problems)
    return groups


@dataclass(frozen=True)
class Debrief:
    """The groups compared: every prospect, the widest spread, and those banded differently."""

    groups: list[GroupTable]
    compared: list[Comparison]
    widest: Comparison
    differ: list[Comparison]

    @property
    def names(self) -> list[str]:
        """The groups' names, in the order given."""
        return [g.name for g in self.groups]


def debrief(groups: list[GroupTable]) -> Debrief:
    """Compare the groups; the widest spread is the first of the widest in debrief order."""
    compared = compare(groups)
    widest = min(compared, key=lambda c: (-c.spread, compared.index(c)))
    differ = [c for c in compared if c.bands_differ]
    return Debrief(groups, compared, widest, differ)


def _group_line(group: GroupTable) -> Text:
    """How one group banded its prospects, and whom it ranked first."""
    counts = {
        b: sum(1 for v in group.bands.values() if v == b) for b in screening.BANDS.band_keys()
    }
    return Text(
        f"{group.name}：关键潜在客户 {counts['key']} 个，需要投入 {counts['invest']} 个，"
        f"暂时搁置 {counts['hold']} 个；排第一的是 {group.top}。",
        f"{group.name}: {counts['key']} key, {counts['invest']} needing investment, "
        f"{counts['hold']} on hold; ranked first: {group.top}.",
    )


def _reasoning(d: Debrief) -> list[Text]:
    """What the comparison found: how many disagree, the widest spread, each group, gaps."""
    reasoning = [
        Text(
            f"{len(d.groups)} 个组共评了 {len(d.compared)} 个客户；"
            f"{len(d.differ)} 个客户被不同的组放进了不同的分档。",
            f"{len(d.groups)} groups scored {len(d.compared)} prospects between them; "
            f"{len(d.differ)} were put in different bands by different groups.",
        ),
        Text(
            f"分歧最大的是 {d.widest.name}：各组得分相差 {fmt(d.widest.spread)} 分（20 分制）。",
            f"The widest spread is on {d.widest.name}: {fmt(d.widest.spread)} points of 20 "
            "between the groups.",
        ),
    ]
    reasoning.extend(_group_line(group) for group in d.groups)
    for c in d.compared:
        missing = [d.names[g] for g, s in enumerate(c.scores) if s is None]
        if missing:
            reasoning.append(
                Text(
                    f"{c.name} 没有被 {'、'.join(missing)} 评分；差距只在评了它的组之间计算。",
                    f"{c.name} was not scored by {', '.join(missing)}; its spread counts only "
                    "the groups that did.",
                )
            )
    return reasoning


def _evidence(d: Debrief, c: Comparison, high: int, low: int) -> Text:
    """Where two groups' points differ most on a prospect, as a question for them."""
    # the evidence is about the same two groups the question asks
    pair_gap = widest_gap(d.groups, c.key, among=(high, low))
    if pair_gap is None:
        return Text(
            "两组在共同的准则上给的点数相同，差别来自各自设定的准则或权重；"
            "请两组说明各自为什么这样设定。",
            "The two gave the same points on every criterion they share: the difference "
            "comes from the criteria or weights each set. Ask each why it set them so.",
        )
    gap = _gap_text(pair_gap, d.groups)
    return Text(
        f"两组分歧最大的格子是「{gap.zh}」；是事实不同，还是准则的描述不清？",
        f"The cell where the two differ most: {gap.en}. Is it the fact, or the "
        "wording of the criterion?",
    )


def _question(d: Debrief, c: Comparison) -> Text:
    """The debrief question for one prospect: the highest- and lowest-scoring groups, asked why."""
    scored = [g for g, s in enumerate(c.scores) if s is not None]
    high = max(scored, key=lambda g: c.scores[g] or 0)
    low = min(scored, key=lambda g: c.scores[g] or 0)
    evidence = _evidence(d, c, high, low)
    names = d.names
    return Text(
        f"问 {names[high]} 和 {names[low]}：为什么 {c.name} 一个得 "
        f"{fmt(c.scores[high] or 0)} 分，一个得 {fmt(c.scores[low] or 0)} 分？" + evidence.zh,
        f"Ask {names[high]} and {names[low]} why {c.name} scores "
        f"{fmt(c.scores[high] or 0)} for one and {fmt(c.scores[low] or 0)} for the other. "
        + evidence.en,
    )


def _actions(d: Debrief) -> list[Text]:
    """The trainer's questions, disagreements first, then one closing step."""
    actions = [
        _question(d, c)
        for c in (d.differ or d.compared)[:QUESTIONS]
        if c.spread != 0 or c.bands_differ
    ]
    if not d.differ:
        actions.append(
            Text(
                "所有组把每个客户都放进了同一个分档：问问大家，是哪条准则让意见这么一致。",
                "Every group put every prospect in the same band: ask which criterion made "
                "agreeing so easy.",
            )
        )
    else:
        actions.append(
            Text(
                "把分歧最大的那条准则的 0/1/2 点描述一起改写，改到每组都会给同样的点数。",
                "Rewrite the 0/1/2 descriptions of the criterion the groups split on, together, "
                "until every group would give the same points.",
            )
        )
    return actions


def _prospects_table(d: Debrief) -> ResultTable:
    """Every prospect: each group's score and band, the spread and the widest gap."""
    heads: tuple[tuple[str, Text], ...] = (
        ("prospect", Text("客户", "Prospect")),
        *((f"g{g}", Text(name, name)) for g, name in enumerate(d.names)),
        ("spread", Text("差距（分）", "Spread (points)")),
        ("bands", Text("分档", "Bands")),
        ("gap", Text("分歧最大的准则", "Widest gap")),
    )
    rows = (
        {
            "prospect": c.name,
            **{
                f"g{g}": _cell(s, b) for g, (s, b) in enumerate(zip(c.scores, c.bands, strict=True))
            },
            "spread": c.spread,
            "bands": Text("不同", "Differ") if c.bands_differ else Text("相同", "Agree"),
            "gap": _gap_text(c.gap, d.groups),
            "agreement": "differ" if c.bands_differ else "agree",
        }
        for c in d.compared
    )
    return table("prospects", Text("各组对比", "The groups side by side"), heads, rows)


def _groups_table(d: Debrief) -> ResultTable:
    """Each group in a line: how many prospects, how many key, whom it ranked first."""
    rows = (
        {
            "group": group.name,
            "prospects": len(group.order),
            "key": sum(1 for b in group.bands.values() if b == "key"),
            "top": group.top,
            "row": index,
        }
        for index, group in enumerate(d.groups)
    )
    heads = columns(
        ("group", "组名", "Group"),
        ("prospects", "客户数", "Prospects"),
        ("key", "关键潜在客户", "Key prospects"),
        ("top", "排第一", "Ranked first"),
    )
    return table("groups", Text("各组概况", "Each group"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Score every group's table and compare them prospect by prospect, disagreements first."""
    d = debrief(read_groups(inputs["groups"]))
    widest = d.widest
    return result(
        figures=(
            figure("groups", "组数", "Groups", len(d.groups)),
            figure("prospects", "客户数", "Prospects", len(d.compared)),
            figure("bands_differ", "分档不同的客户", "Prospects banded differently", len(d.differ)),
            figure("widest", "分歧最大的客户", "Prospect with the widest spread", widest.name),
            figure("widest_spread", "最大差距（分）", "Widest spread (points)", widest.spread),
        ),
        verdict=verdict(
            "differ" if d.differ else "agree",
            f"分歧最大：{widest.name}（相差 {fmt(widest.spread)} 分）",
            f"Widest spread: {widest.name} ({fmt(widest.spread)} points)",
        ),
        reasoning=_reasoning(d),
        actions=_actions(d),
        tables=(_prospects_table(d), _groups_table(d)),
    )


CALCULATOR = Calculator(
    slug="debrief",
    title=Text("小组对比：筛选练习的讲评", "Debrief: the groups compared"),
    summary=Text(
        "粘贴各组客户筛选表的分享链接：看每个客户在各组的得分和分档、各组之间的差距，"
        "以及分歧最大的地方（分档不同的排在最前），作为讲评的问题。",
        "Paste each group's share link from the screening scorecard: see every prospect's "
        "score and band per group, the spread between groups, and where they disagree most "
        "(different bands first), as the questions for the debrief.",
    ),
    source="raising-customer-value.txt",
    fields=(GROUPS,),
    compute=compute,
    page="workshop/debrief",
    order=202,
    kind="tool",
)
