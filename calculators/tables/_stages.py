"""The stage map: a CRM's sales stages in deal heat's six stages (需求已经规定 20% … 定金 100%).

The default map covers the default stages of a Salesforce opportunity, a HubSpot deal pipeline
(labels and internal ids), Pipedrive's and Zoho's default pipelines, the Dynamics 365 sales
process and the usual stages of a Chinese CRM's 商机. It is our reading of
what each stage means, documented in the README, not a conversion of the CRM's probabilities:

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
from typing import Any

from ..core import Field, InputError
from ..core._choices import comparable, match_choice
from ..core._untrusted import Untrusted, loads

#: A stage map's own header row, as :func:`comparable` writes it (spaces beside Chinese dropped).
_HEADER_ROW = frozenset(comparable(h) for h in ("CRM stage", "CRM 阶段", "阶段", "stage"))

#: A stage whose rows are left out of the table (lost, or not yet a deal).
SKIP = "skip"

DEFAULT_STAGE_MAP: dict[str, str] = {
    # Salesforce default opportunity stages
    "prospecting": SKIP,
    "qualification": SKIP,
    "needs analysis": "need_defined",
    "value proposition": "need_defined",
    "id. decision makers": "need_defined",
    "perception analysis": "need_defined",
    "proposal/price quote": "quote_discussed",
    "negotiation/review": "terms_negotiation",
    "closed won": "deposit_received",
    "closed lost": SKIP,
    # HubSpot default sales pipeline: labels and internal ids
    "appointment scheduled": SKIP,
    "appointmentscheduled": SKIP,
    "qualified to buy": "need_defined",
    "qualifiedtobuy": "need_defined",
    "presentation scheduled": "need_defined",
    "presentationscheduled": "need_defined",
    "decision maker bought-in": "terms_negotiation",
    "decisionmakerboughtin": "terms_negotiation",
    "contract sent": "final_selection",
    "contractsent": "final_selection",
    "closedwon": "deposit_received",
    "closedlost": SKIP,
    # Pipedrive's default pipeline (a won or lost deal keeps its stage: its status says so)
    "qualified": SKIP,
    "contact made": SKIP,
    "demo scheduled": "need_defined",
    "proposal made": "quote_discussed",
    "negotiations started": "terms_negotiation",
    # Zoho CRM's default deal stages (the Salesforce ones above, and these)
    "identify decision makers": "need_defined",
    "closed-lost to competition": SKIP,
    # Dynamics 365 Sales: the opportunity sales process's stages and pipeline phases
    "qualify": SKIP,
    "develop": "need_defined",
    "propose": "quote_discussed",
    "close": "final_selection",
    "1-qualify": SKIP,
    "2-develop": "need_defined",
    "3-propose": "quote_discussed",
    "4-close": "final_selection",
    # a Chinese CRM's usual 商机 stages
    "初步接洽": SKIP,
    "验证客户": SKIP,
    "线索": SKIP,
    "需求确认": "need_defined",
    "需求确定": "need_defined",
    "需求分析": "need_defined",
    "方案报价": "quote_discussed",
    "方案/报价": "quote_discussed",
    "报价": "quote_discussed",
    "商务谈判": "terms_negotiation",
    "谈判审核": "terms_negotiation",
    "试用": "trial_agreed",
    "测试": "trial_agreed",
    "招投标": "final_selection",
    "合同签订": "final_selection",
    "赢单": "deposit_received",
    "成交": "deposit_received",
    "输单": SKIP,
    "丢单": SKIP,
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
