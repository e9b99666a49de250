"""The stage map: a CRM's sales stages in deal heat's six stages (需求已经规定 20% … 定金 100%).

The default map covers the default stages of a Salesforce opportunity, a HubSpot deal pipeline
(labels and internal ids), Pipedrive's and Zoho's default pipelines, the Dynamics 365 sales
process and the usual stages of a Chinese CRM's 商机, each listed once in :data:`CRM_STAGES` as
its CRM writes it (the README's stage map is written from that list). It is our reading of
what each stage means, not a conversion of the CRM's probabilities:

* a stage before the need is defined (Prospecting, Qualification, Appointment scheduled,
  Qualified and Contact made in Pipedrive, Qualify in Dynamics 365, 初步接洽, 验证客户) is not
  yet a deal in the forecast: those rows are **left out** and counted in the notice (screen
  them with the screening scorecard);
* lost deals (Closed Lost, 输单) are left out too, and counted;
* everything else maps by meaning (Proposal/Price Quote → quote submitted and discussed,
  Negotiation/Review → commercial terms, Contract sent and Dynamics 365's Close (final
  proposal) → final selection, Closed Won → deposit).

A rep supplies their own map (a CSV of two columns, ``CRM stage,our stage``, or a JSON object)
to map other stages or override these; ``skip`` leaves a stage's rows out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..core import Field, InputError
from ..core._choices import comparable, match_choice
from ..core._untrusted import Untrusted, loads

#: A stage map's own header row, as :func:`comparable` writes it (spaces beside Chinese dropped).
_HEADER_ROW = frozenset(comparable(h) for h in ("CRM stage", "CRM 阶段", "阶段", "stage"))

#: A stage whose rows are left out of the table (lost, or not yet a deal).
SKIP = "skip"

#: A lost deal: its rows are left out too (the README lists them apart from the stages before a
#: deal; the map reads both as :data:`SKIP`).
LOST = "lost"


class CrmStage(NamedTuple):
    """One default stage of a CRM, as the CRM writes it, and the stage it is read as."""

    crm: str  # as :data:`~calculators.tables._headers.HEADERS` names it ("商机": a Chinese CRM)
    stage: str  # as the CRM's export writes it
    ours: str  # a stage of deal heat, SKIP (not yet a deal) or LOST
    also: tuple[str, ...] = ()  # the same stage as the CRM also writes it (an id, a phase)


#: The default stages of the CRMs reps bring, each read by its meaning: one table, from which
#: :data:`DEFAULT_STAGE_MAP` and the README's stage map are both written.
CRM_STAGES: tuple[CrmStage, ...] = (
    # Salesforce default opportunity stages
    CrmStage("Salesforce", "Prospecting", SKIP),
    CrmStage("Salesforce", "Qualification", SKIP),
    CrmStage("Salesforce", "Needs Analysis", "need_defined"),
    CrmStage("Salesforce", "Value Proposition", "need_defined"),
    CrmStage("Salesforce", "Id. Decision Makers", "need_defined"),
    CrmStage("Salesforce", "Perception Analysis", "need_defined"),
    CrmStage("Salesforce", "Proposal/Price Quote", "quote_discussed"),
    CrmStage("Salesforce", "Negotiation/Review", "terms_negotiation"),
    CrmStage("Salesforce", "Closed Won", "deposit_received"),
    CrmStage("Salesforce", "Closed Lost", LOST),
    # HubSpot default sales pipeline: labels, and the internal ids its exports may write
    CrmStage("HubSpot", "Appointment scheduled", SKIP, ("appointmentscheduled",)),
    CrmStage("HubSpot", "Qualified to buy", "need_defined", ("qualifiedtobuy",)),
    CrmStage("HubSpot", "Presentation scheduled", "need_defined", ("presentationscheduled",)),
    CrmStage(
        "HubSpot", "Decision maker bought-in", "terms_negotiation", ("decisionmakerboughtin",)
    ),
    CrmStage("HubSpot", "Contract sent", "final_selection", ("contractsent",)),
    CrmStage("HubSpot", "Closed won", "deposit_received", ("closedwon",)),
    CrmStage("HubSpot", "Closed lost", LOST, ("closedlost",)),
    # Pipedrive's default pipeline (a won or lost deal keeps its stage: its status says so)
    CrmStage("Pipedrive", "Qualified", SKIP),
    CrmStage("Pipedrive", "Contact made", SKIP),
    CrmStage("Pipedrive", "Demo scheduled", "need_defined"),
    CrmStage("Pipedrive", "Proposal made", "quote_discussed"),
    CrmStage("Pipedrive", "Negotiations started", "terms_negotiation"),
    # Zoho CRM's default deal stages
    CrmStage("Zoho", "Qualification", SKIP),
    CrmStage("Zoho", "Needs Analysis", "need_defined"),
    CrmStage("Zoho", "Value Proposition", "need_defined"),
    CrmStage("Zoho", "Identify Decision Makers", "need_defined"),
    CrmStage("Zoho", "Perception Analysis", "need_defined"),
    CrmStage("Zoho", "Proposal/Price Quote", "quote_discussed"),
    CrmStage("Zoho", "Negotiation/Review", "terms_negotiation"),
    CrmStage("Zoho", "Closed Won", "deposit_received"),
    CrmStage("Zoho", "Closed Lost", LOST),
    CrmStage("Zoho", "Closed-Lost to Competition", LOST),
    # Dynamics 365 Sales: the opportunity sales process's stages, and its pipeline phases
    # (Close is the final proposal: a won deal says so in its status)
    CrmStage("Dynamics 365", "Qualify", SKIP, ("1-Qualify",)),
    CrmStage("Dynamics 365", "Develop", "need_defined", ("2-Develop",)),
    CrmStage("Dynamics 365", "Propose", "quote_discussed", ("3-Propose",)),
    CrmStage("Dynamics 365", "Close", "final_selection", ("4-Close",)),
    # a Chinese CRM's usual 商机 stages
    CrmStage("商机", "初步接洽", SKIP),
    CrmStage("商机", "验证客户", SKIP),
    CrmStage("商机", "线索", SKIP),
    CrmStage("商机", "需求确认", "need_defined"),
    CrmStage("商机", "需求确定", "need_defined"),
    CrmStage("商机", "需求分析", "need_defined"),
    CrmStage("商机", "方案报价", "quote_discussed"),
    CrmStage("商机", "方案/报价", "quote_discussed"),
    CrmStage("商机", "报价", "quote_discussed"),
    CrmStage("商机", "商务谈判", "terms_negotiation"),
    CrmStage("商机", "谈判审核", "terms_negotiation"),
    CrmStage("商机", "试用", "trial_agreed"),
    CrmStage("商机", "测试", "trial_agreed"),
    CrmStage("商机", "招投标", "final_selection"),
    CrmStage("商机", "合同签订", "final_selection"),
    CrmStage("商机", "赢单", "deposit_received"),
    CrmStage("商机", "成交", "deposit_received"),
    CrmStage("商机", "输单", LOST),
    CrmStage("商机", "丢单", LOST),
)

#: :data:`CRM_STAGES` as stages are compared (:func:`comparable`): CRM stage → our stage or SKIP.
DEFAULT_STAGE_MAP: dict[str, str] = {
    comparable(name): SKIP if row.ours == LOST else row.ours
    for row in CRM_STAGES
    for name in (row.stage, *row.also)
}


def is_stage_column(column: Field) -> bool:
    """Whether a table column holds deal heat's stages (and so takes CRM stage names)."""
    return column.kind == "choice" and column.key == "stage"


def _choices(column: Field) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.value, c.names) for c in column.choices]


def read_stage_map(text: str, column: Field) -> dict[str, str]:
    """A rep's own stage map, from JSON (``{"CRM stage": "our stage"}``) or a two-column CSV.

    The target may be a stage's key, its label in either language, or ``skip``.
    """
    stripped = text.lstrip("\ufeff").strip()
    pairs: list[tuple[str, str]]
    if stripped.startswith("{"):
        try:
            data: Any = loads(stripped)
        except Untrusted as problem:
            raise _bad(f"它{problem.zh}。", f"it {problem.en}.") from None
        if not isinstance(data, Mapping) or not all(isinstance(v, str) for v in data.values()):
            raise _bad("应是「CRM 阶段 → 阶段」的对照。", "it must map CRM stages to stages.")
        pairs = [(str(k), v) for k, v in data.items()]
    else:
        rows = [r for r in csv.reader(io.StringIO(stripped)) if any(c.strip() for c in r)]
        if any(len(r) < 2 for r in rows):
            raise _bad(
                "每行要有两列：CRM 阶段，阶段。", "every row needs two cells: CRM stage, stage."
            )
        pairs = [(r[0], r[1]) for r in rows]
    known = _choices(column)
    mapping: dict[str, str] = {}
    for crm, ours in pairs:
        target = SKIP if comparable(ours) == SKIP else match_choice(ours, known)
        if target is None:
            if not mapping and comparable(crm) in _HEADER_ROW:
                continue  # a header row
            raise _bad(
                f"「{ours}」不是一个阶段（可用阶段的键、名称或 skip）。",
                f"'{ours}' is not a stage (use a stage's key, its label, or skip).",
            )
        mapping[comparable(crm)] = target
    return mapping


def _bad(zh: str, en: str) -> InputError:
    return InputError("stage_map", f"阶段对照表有误：{zh}", f"The stage map is wrong: {en}")


def map_stage(text: str, column: Field, own: Mapping[str, str]) -> str | None:
    """Our stage key (or SKIP) for a stage as the file writes it; None if nothing maps it."""
    direct = match_choice(text, _choices(column))
    key = comparable(text)
    if key in own:
        return own[key]
    if direct is not None:
        return direct
    return DEFAULT_STAGE_MAP.get(key)
