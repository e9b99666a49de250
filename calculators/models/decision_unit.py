"""Buying-group coverage 购买决策群 from the contact table 表3 联系人基本信息表 (source:
key-account-development-techniques.txt, "购买决策人有时不只一个而是一群人", "需要满足不同部门不同人
的不同需求" and 表3).

A key account does not buy through one person: a project assessment group decides, made of
the project lead 项目负责人, the purchaser 项目采购人, the information collector 项目资料收集人,
the influencer 项目影响人, the technical selector 项目技术选型人 and the boss 老板, drawn from
departments that care about different things (purchasing, users, finance, technical, the boss).
表3 records for each contact the relationship state 客情状态 (first contact 初步接触 / can talk
能交流 / get on well 投缘 / very good 非常好) and the influence 影响力 (ordinary member 一般成员 /
core member 核心成员 / organiser 组织者 / decision maker 决策者). This model measures how much of
the group the seller covers, how strong the relationships are where it matters, and who to meet
next.

Decisions where the source is unclear (key-account-development-techniques.txt):

* **Coverage.** Six buying roles and five departments make eleven slots; a slot is covered
  when at least one contact fills it. Coverage = covered slots ÷ 11 × 100.
* **Bands** (the deck gives none): 80% or more is broad coverage 覆盖充分, 50% to under 80%
  partial 部分覆盖, under 50% narrow 覆盖不足 (single-threaded). Broad also needs a contact
  marked decision maker 决策者: a group whose decider we have not identified is at best
  partial, however many slots are filled.
* **Relationship points.** 初步接触 1, 能交流 2, 投缘 3, 非常好 4; influence weights 一般成员 1,
  核心成员 2, 组织者 3, 决策者 4. Weighted relationship strength = Σ(influence × relationship)
  ÷ Σ(influence × 4) × 100: 100 means every contact is at "very good", and a decision maker
  counts four times an ordinary member.
* **Who to meet next.** Each contact's room to grow is influence × (4 − relationship points);
  the three contacts with the most room (first entered on a tie, none at "very good") are
  named, each with what their department cares about. For one still at first contact an
  introduction is suggested through our best-related other contact (highest relationship,
  then influence, then first entered), if that contact is at least at "get on well".
* **What each department cares about.** The deck asks the question (采购部门关心? 使用部门关心?
  …) and leaves it open; its table of departments gives purchasing the brand, price,
  acceptance and payment, and the technical side the technical parameters and selection. The
  rest is ours: users care about effect, ease of use and stability; finance about budget,
  payment terms and total cost; the boss about return, risk and the strategic fit.
* **Gaps.** A missing role or department, a decision maker still at first contact and no
  decision maker at all each give an action.
* **Default example.** Five contacts at a customer of the deck's plastics supplier
  (某塑料供应商), with the names and relationships invented: the project lead, the influencer
  and finance are missing, and the boss is only at first contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Choice,
    Field,
    Figure,
    Result,
    ResultTable,
    Text,
    fmt,
)
from ..core._bands import Band, Bands, at_least, below
from ..core._tail import columns, figure, result, table, verdict
from ..core._units import PERCENT

BROAD_FROM = 80
PARTIAL_FROM = 50
MEET_NEXT = 3

ROLES: dict[str, Text] = {
    "project_lead": Text("项目负责人", "Project lead"),
    "purchaser": Text("项目采购人", "Purchaser"),
    "information_collector": Text("项目资料收集人", "Information collector"),
    "influencer": Text("项目影响人", "Influencer"),
    "technical_selector": Text("项目技术选型人", "Technical selector"),
    "boss": Text("老板", "Boss"),
}

DEPARTMENTS: dict[str, Text] = {
    "purchasing": Text("采购部门", "Purchasing"),
    "user": Text("使用部门", "User department"),
    "finance": Text("财务部门", "Finance"),
    "technical": Text("技术部门", "Technical"),
    "boss_office": Text("老板/总经办", "Boss's office"),
}

#: What each department cares about: what to bring when meeting someone there.
CONCERNS: dict[str, Text] = {
    "purchasing": Text(
        "品牌、价格、验收和付款条件",
        "brand, price, acceptance and payment terms",
    ),
    "user": Text(
        "使用效果、好不好用、是否稳定、培训",
        "how well it works, ease of use, stability and training",
    ),
    "finance": Text(
        "预算、付款方式、总成本和发票",
        "budget, payment schedule, total cost and invoices",
    ),
    "technical": Text(
        "技术参数、选型依据和兼容性",
        "technical parameters, selection grounds and compatibility",
    ),
    "boss_office": Text(
        "投资回报、风险和战略价值",
        "return on the investment, risk and strategic fit",
    ),
}

#: How an English sentence names the department ("in the finance department").
DEPARTMENT_PHRASES: dict[str, str] = {
    "purchasing": "the purchasing department",
    "user": "the user department",
    "finance": "the finance department",
    "technical": "the technical department",
    "boss_office": "the boss's office",
}

#: Which department a missing role is usually found in, to say where to look.
ROLE_HOME: dict[str, str] = {
    "project_lead": "technical",
    "purchaser": "purchasing",
    "information_collector": "user",
    "influencer": "user",
    "technical_selector": "technical",
    "boss": "boss_office",
}

RELATIONSHIPS: dict[str, tuple[Text, int]] = {
    "first_contact": (Text("初步接触", "First contact"), 1),
    "can_talk": (Text("能交流", "Can talk"), 2),
    "get_on_well": (Text("投缘", "Get on well"), 3),
    "very_good": (Text("非常好", "Very good"), 4),
}
RELATIONSHIP_MAX = 4
COACH_FROM = 3

INFLUENCE: dict[str, tuple[Text, int]] = {
    "ordinary": (Text("一般成员", "Ordinary member"), 1),
    "core": (Text("核心成员", "Core member"), 2),
    "organiser": (Text("组织者", "Organiser"), 3),
    "decision_maker": (Text("决策者", "Decision maker"), 4),
}

#: Coverage bands on the share of the buying roles and departments reached (the deck gives
#: none). Broad coverage also needs the decision maker, which :func:`band_for` checks.
BANDS = Bands(
    name="decision_unit",
    measure=Text("覆盖率", "Coverage"),
    unit=PERCENT,
    bands=(
        Band(
            "broad",
            Text("覆盖充分", "Broad coverage"),
            lower=at_least(BROAD_FROM),
            condition=Text("且已找到决策者", "decision maker identified"),
            action=Text(
                "覆盖充分：保持与各部门的往来，把关系从「能交流」推进到「投缘」，"
                "重点经营决策者和组织者。",
                "Broad coverage: keep in touch with every department, move relationships from "
                "'can talk' to 'get on well', and invest most in the decision maker and "
                "organisers.",
            ),
        ),
        Band(
            "partial",
            Text("部分覆盖", "Partial coverage"),
            lower=at_least(PARTIAL_FROM),
            upper=below(BROAD_FROM),
            action=Text(
                "部分覆盖：补齐缺少的角色和部门，请关系好的联系人引荐，别只依赖一条线。",
                "Partial coverage: fill the missing roles and departments, ask the contacts who "
                "trust you for introductions, and don't rely on a single line.",
            ),
        ),
        Band(
            "narrow",
            Text("覆盖不足", "Narrow coverage"),
            upper=below(PARTIAL_FROM),
            action=Text(
                "覆盖不足：目前只靠少数人，风险很大；先弄清采购决策小组有哪些人、谁拍板，"
                "再逐一拜访。",
                "Narrow coverage: you depend on too few people; first find out who sits on the "
                "assessment group and who decides, then meet them one by one.",
            ),
        ),
    ),
)


def _choices(options: dict[str, Any]) -> tuple[Choice, ...]:
    return tuple(Choice(k, v[0] if isinstance(v, tuple) else v) for k, v in options.items())


def band_for(coverage_pct: float, has_decision_maker: bool) -> str:
    """The coverage band: "broad", "partial" or "narrow".

    Broad coverage without a decision maker is partial: the coverage is there, the one who
    decides is not.
    """
    band = BANDS.of(coverage_pct).key
    if band == "broad" and not has_decision_maker:
        return "partial"
    return band


CONTACTS = Field(
    key="contacts",
    kind="table",
    label=Text("联系人", "Contacts"),
    help=Text(
        "每行一位客户方联系人（表 3）：在购买中的角色、所在部门、客情状态和影响力。",
        "One contact at the customer per row (Form 3): their role in the decision, department, "
        "relationship state and influence.",
    ),
    columns=(
        Field(
            key="name",
            kind="text",
            label=Text("姓名", "Name"),
            help=Text("联系人姓名或称呼。", "The contact's name or how you address them."),
            maximum=60,
        ),
        Field(
            key="role",
            kind="choice",
            label=Text("角色", "Role"),
            help=Text(
                "此人在采购决策小组中的角色。",
                "Their role in the decision unit.",
            ),
            choices=_choices(ROLES),
        ),
        Field(
            key="department",
            kind="choice",
            label=Text("部门", "Department"),
            help=Text("此人所在的部门。", "The department they work in."),
            choices=_choices(DEPARTMENTS),
        ),
        Field(
            key="relationship",
            kind="choice",
            label=Text("客情状态", "Relationship"),
            help=Text(
                "初步接触、能交流、投缘或非常好。",
                "First contact, can talk, get on well or very good.",
            ),
            choices=_choices(RELATIONSHIPS),
        ),
        Field(
            key="influence",
            kind="choice",
            label=Text("影响力", "Influence"),
            help=Text(
                "一般成员、核心成员、组织者或决策者。",
                "Ordinary member, core member, organiser or decision maker.",
            ),
            choices=_choices(INFLUENCE),
        ),
    ),
    min_rows=1,
    default=[
        {
            "name": Text("王经理", "Wang (manager)"),
            "role": "purchaser",
            "department": "purchasing",
            "relationship": "get_on_well",
            "influence": "core",
        },
        {
            "name": Text("李工", "Li (engineer)"),
            "role": "technical_selector",
            "department": "technical",
            "relationship": "can_talk",
            "influence": "core",
        },
        {
            "name": Text("张主管", "Zhang (supervisor)"),
            "role": "information_collector",
            "department": "user",
            "relationship": "very_good",
            "influence": "ordinary",
        },
        {
            "name": Text("周工", "Zhou (engineer)"),
            "role": "information_collector",
            "department": "technical",
            "relationship": "can_talk",
            "influence": "ordinary",
        },
        {
            "name": Text("陈总", "Chen (general manager)"),
            "role": "boss",
            "department": "boss_office",
            "relationship": "first_contact",
            "influence": "decision_maker",
        },
    ],
)


@dataclass(frozen=True)
class Coverage:
    """A decision unit mapped: which roles and departments have a contact, how strong the
    relationships are weighted by influence, who to meet next and what is missing."""

    contacts: list[dict[str, Any]]
    roles_covered: list[str]
    depts_covered: list[str]
    coverage: float
    deciders: list[int]
    band: str
    #: per contact: influence weight × relationship, and the room left to the strongest
    points: list[int]
    room: list[int]
    maximum: int
    strength: float
    next_up: list[int]

    @property
    def slots(self) -> int:
        """Roles and departments a decision unit should cover."""
        return len(ROLES) + len(DEPARTMENTS)

    @property
    def covered(self) -> int:
        """Roles and departments with at least one contact."""
        return len(self.roles_covered) + len(self.depts_covered)

    @property
    def missing_roles(self) -> list[str]:
        """Roles no contact holds yet."""
        return [r for r in ROLES if r not in self.roles_covered]

    @property
    def missing_depts(self) -> list[str]:
        """Departments with no contact yet."""
        return [d for d in DEPARTMENTS if d not in self.depts_covered]

    @property
    def cold_deciders(self) -> list[int]:
        """Decision makers still at first contact."""
        return [i for i in self.deciders if self.contacts[i]["relationship"] == "first_contact"]


def map_unit(contacts: list[dict[str, Any]]) -> Coverage:
    """Coverage of roles and departments, its band, weighted relationship strength, and the
    contacts with most room to grow (influence × the steps left), first to meet
    (METHODOLOGY.md §13, key-account-development-techniques.txt)."""
    roles_covered = [r for r in ROLES if any(c["role"] == r for c in contacts)]
    depts_covered = [d for d in DEPARTMENTS if any(c["department"] == d for c in contacts)]
    slots = len(ROLES) + len(DEPARTMENTS)
    coverage = round((len(roles_covered) + len(depts_covered)) * 100 / slots, 2)
    deciders = [i for i, c in enumerate(contacts) if c["influence"] == "decision_maker"]
    points = []
    room = []
    for c in contacts:
        weight = INFLUENCE[c["influence"]][1]
        rel = RELATIONSHIPS[c["relationship"]][1]
        points.append(weight * rel)
        room.append(weight * (RELATIONSHIP_MAX - rel))
    maximum = sum(INFLUENCE[c["influence"]][1] * RELATIONSHIP_MAX for c in contacts)
    ranked = sorted((i for i in range(len(contacts)) if room[i] > 0), key=lambda i: (-room[i], i))
    return Coverage(
        contacts,
        roles_covered,
        depts_covered,
        coverage,
        deciders,
        band_for(coverage, bool(deciders)),
        points,
        room,
        maximum,
        round(sum(points) * 100 / maximum, 2),
        ranked[:MEET_NEXT],
    )


def _reasoning(u: Coverage) -> list[Text]:
    """Coverage and its band, relationship strength, then each gap."""
    band, contacts = u.band, u.contacts
    reasoning = [
        Text(
            f"覆盖 {u.covered}/{u.slots} 个角色和部门（{fmt(u.coverage)}%）：角色 "
            f"{len(u.roles_covered)}/{len(ROLES)}，部门 {len(u.depts_covered)}/{len(DEPARTMENTS)}；"
            f"{BANDS[band].label.zh}（{BANDS.range(band).zh}）。",
            f"{u.covered} of {u.slots} roles and departments covered ({fmt(u.coverage)}%): roles "
            f"{len(u.roles_covered)} of {len(ROLES)}, departments {len(u.depts_covered)} of "
            f"{len(DEPARTMENTS)}: {BANDS[band].label.en.lower()} ({BANDS.range(band).en}).",
        ),
        Text(
            f"按影响力加权的关系强度 {fmt(u.strength)}%（{sum(u.points)}/{u.maximum} 点）。",
            f"Relationship strength weighted by influence: {fmt(u.strength)}% "
            f"({sum(u.points)} of {u.maximum} points).",
        ),
    ]
    if not u.deciders:
        reasoning.append(
            Text(
                "还没有找到决策者：覆盖再广也只能算部分覆盖。",
                "No decision maker identified yet: coverage counts as partial at best.",
            )
        )
    for i in u.cold_deciders:
        reasoning.append(
            Text(
                f"决策者{contacts[i]['name']}还只是初步接触。",
                f"{contacts[i]['name']}, a decision maker, is only at first contact.",
            )
        )
    if missing_roles := u.missing_roles:
        reasoning.append(
            Text(
                f"缺少的角色：{'、'.join(ROLES[r].zh for r in missing_roles)}。",
                f"Roles missing: {', '.join(ROLES[r].en.lower() for r in missing_roles)}.",
            )
        )
    if missing_depts := u.missing_depts:
        reasoning.append(
            Text(
                f"缺少的部门：{'、'.join(DEPARTMENTS[d].zh for d in missing_depts)}。",
                f"Departments missing: "
                f"{', '.join(DEPARTMENTS[d].en.lower() for d in missing_depts)}.",
            )
        )
    return reasoning


def _actions(u: Coverage) -> list[Text]:
    """The band's action, finding the decision maker, the next meetings, then each gap."""
    actions = [BANDS.action(u.band)]
    if not u.deciders:
        actions.append(
            Text(
                "先找到决策者：问项目负责人或关系最好的联系人，这个项目最后由谁拍板、审批流程怎样。",
                "Find the decision maker first: ask the project lead or your best contact who "
                "signs this off and how the approval runs.",
            )
        )
    for i in u.next_up:
        actions.append(_meet_action(u.contacts, i, _coach(u.contacts, i)))
    for r in u.missing_roles:
        home = ROLE_HOME[r]
        actions.append(
            Text(
                f"找到{ROLES[r].zh}：通常在{DEPARTMENTS[home].zh}，关心{CONCERNS[home].zh}。",
                f"Find the {ROLES[r].en.lower()}: usually in {DEPARTMENT_PHRASES[home]}, "
                f"which cares about {CONCERNS[home].en}.",
            )
        )
    for d in u.missing_depts:
        actions.append(
            Text(
                f"在{DEPARTMENTS[d].zh}找一位联系人：他们关心{CONCERNS[d].zh}。",
                f"Meet someone in {DEPARTMENT_PHRASES[d]}: it cares about {CONCERNS[d].en}.",
            )
        )
    return actions


def _figures(u: Coverage) -> list[Figure]:
    """The contacts, coverage, roles and departments covered, relationship strength and decision
    makers."""
    return [
        figure("contacts", "联系人数", "Contacts", len(u.contacts)),
        figure("coverage_pct", "覆盖率", "Coverage", u.coverage, PERCENT.label),
        figure(
            "roles_covered",
            f"覆盖的角色（共 {len(ROLES)} 个）",
            f"Roles covered (of {len(ROLES)})",
            len(u.roles_covered),
        ),
        figure(
            "departments_covered",
            f"覆盖的部门（共 {len(DEPARTMENTS)} 个）",
            f"Departments covered (of {len(DEPARTMENTS)})",
            len(u.depts_covered),
        ),
        figure(
            "relationship_strength_pct",
            "加权关系强度",
            "Weighted relationship strength",
            u.strength,
            PERCENT.label,
        ),
        figure("decision_makers", "决策者人数", "Decision makers", len(u.deciders)),
        figure(
            "decision_makers_at_first_contact",
            "仅初步接触的决策者",
            "Decision makers at first contact",
            len(u.cold_deciders),
        ),
    ]


def _table(u: Coverage) -> ResultTable:
    """Each contact: role, department, relationship, influence, weighted points and when to meet."""
    rank_of = {i: n + 1 for n, i in enumerate(u.next_up)}
    rows = (
        {
            "name": c["name"],
            "role": ROLES[c["role"]],
            "department": DEPARTMENTS[c["department"]],
            "relationship": RELATIONSHIPS[c["relationship"]][0],
            "influence": INFLUENCE[c["influence"]][0],
            "points": u.points[i],
            "room": u.room[i],
            "meet_next": rank_of.get(i),
            "cares_about": CONCERNS[c["department"]],
        }
        for i, c in enumerate(u.contacts)
    )
    heads = columns(
        ("name", "姓名", "Name"),
        ("role", "角色", "Role"),
        ("department", "部门", "Department"),
        ("relationship", "客情状态", "Relationship"),
        ("influence", "影响力", "Influence"),
        ("points", "加权关系点", "Weighted points"),
        ("room", "提升空间", "Room to grow"),
        ("meet_next", "下一步拜访顺序", "Meet next"),
        ("cares_about", "关心什么", "Cares about"),
    )
    return table("contacts", Text("联系人分析", "Contacts"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Coverage of roles and departments, weighted relationship strength, gaps and next meetings."""
    u = map_unit(inputs["contacts"])
    label = BANDS[u.band].label
    return result(
        figures=_figures(u),
        verdict=verdict(
            u.band,
            f"{label.zh}（{u.covered}/{u.slots}）",
            f"{label.en} ({u.covered} of {u.slots})",
        ),
        reasoning=_reasoning(u),
        actions=_actions(u),
        tables=(_table(u),),
    )


def _coach(contacts: list[dict[str, Any]], target: int) -> int | None:
    """Our best-related other contact, if the relationship is good enough to ask a favour."""
    others = [i for i in range(len(contacts)) if i != target]
    if not others:
        return None
    best = min(
        others,
        key=lambda i: (
            -RELATIONSHIPS[contacts[i]["relationship"]][1],
            -INFLUENCE[contacts[i]["influence"]][1],
            i,
        ),
    )
    if RELATIONSHIPS[contacts[best]["relationship"]][1] < COACH_FROM:
        return None
    return best


def _meet_action(contacts: list[dict[str, Any]], i: int, coach: int | None) -> Text:
    c = contacts[i]
    influence = INFLUENCE[c["influence"]][0]
    relationship = RELATIONSHIPS[c["relationship"]][0]
    concern = CONCERNS[c["department"]]
    # An introduction only makes sense for someone we have barely met.
    introducer = (
        contacts[coach]["name"]
        if coach is not None and c["relationship"] == "first_contact"
        else None
    )
    via_zh = f"请{introducer}引荐，" if introducer else ""
    via_en = f"; ask {introducer} to introduce you" if introducer else ""
    return Text(
        f"拜访{c['name']}（{influence.zh}，目前{relationship.zh}）：{via_zh}"
        f"围绕其部门关心的{concern.zh}准备内容。",
        f"Meet {c['name']} ({influence.en.lower()}, now at '{relationship.en.lower()}')"
        f"{via_en}; prepare for what {DEPARTMENT_PHRASES[c['department']]} cares about: "
        f"{concern.en}.",
    )


CALCULATOR = Calculator(
    slug="decision_unit",
    title=Text("采购决策小组覆盖分析", "Decision-unit coverage"),
    summary=Text(
        "根据联系人表（表 3）看我们覆盖了采购决策小组中的哪些角色和部门、关系按影响力加权有多强，"
        "找出缺口，并排出下一步该拜访谁。",
        "From the contact table (Form 3), see which roles and departments of the decision unit we "
        "cover, how "
        "strong the relationships are weighted by influence, where the gaps are and whom to "
        "meet next.",
    ),
    source="key-account-development-techniques.txt",
    fields=(CONTACTS,),
    compute=compute,
    page="key-accounts/decision-unit",
    order=13,
)
