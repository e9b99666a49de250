"""Which column of a file fills which column of a calculator's table.

A header may be a column's key, its label in either language, or the standard header of a
common CRM export: a Salesforce opportunity report, a HubSpot deals export, a Chinese CRM's
(纷享销客、销售易-style) 商机 export. A unit in brackets (``商机金额(元)``, ``Amount (CNY)``,
``Probability (%)``) is read off the header. Headers the calculator does not use are listed,
never refused; two headers for one column are refused, naming both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._choices import comparable
from .._numbers import unit_word
from .._schema import Field, InputError, Text, raise_problems

#: Derived inputs: a header that does not fill a column itself but is turned into one.
CLOSE_DATE = "close_date"  # becomes months_to_close
CURRENCY = "currency"  # the unit of the money columns

#: CRM headers for each column key (compared after NFKC and case folding). Tier 1 names the
#: thing itself; tier 2 is used only when no tier-1 header is there (an account's name stands
#: in for a deal's name only when the deal has none).
ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "name": (
        ("opportunity name", "opportunity", "deal name", "deal", "商机名称", "商机", "机会名称",
         "项目名称", "项目", "prospect name"),
        ("account name", "customer name", "company name", "company", "associated company",
         "客户名称", "客户", "公司名称", "公司"),
    ),
    "stage": (
        ("stage", "deal stage", "opportunity stage", "sales stage", "销售阶段", "商机阶段",
         "阶段"),
        (),
    ),
    "amount_wan": (
        ("amount", "deal amount", "opportunity amount", "商机金额", "金额", "预计金额",
         "合同金额", "销售金额", "预计成交金额"),
        ("amount in company currency", "total contract value"),
    ),
    "probability_pct": (
        ("probability", "probability (%)", "deal probability", "赢率", "赢单率", "成交概率",
         "成交可能性"),
        (),
    ),
    "months_to_close": (("months to close",), ()),
    CLOSE_DATE: (
        ("close date", "expected close date", "closing date", "预计成交日期", "预计签约日期",
         "预计结单日期", "结单日期", "预计成交时间"),
        ("成交日期",),
    ),
    CURRENCY: (
        ("amount currency", "currency", "deal currency code", "opportunity currency", "币种",
         "货币", "币别"),
        (),
    ),
}  # fmt: skip

_BRACKET = re.compile(r"^(?P<name>.*?)\s*[\(\[]\s*(?P<unit>[^()\[\]]*?)\s*[\)\]]\s*$")


@dataclass(frozen=True)
class Header:
    """One header of the file: where it is, what it says, and the unit it names."""

    index: int
    text: str
    name: str  # comparable form without the unit
    unit: str | None  # "yuan", "wan", "yi", "percent", "foreign:USD" or None


def parse_header(index: int, text: str) -> Header:
    """A header split into its name and the unit in its brackets, if the brackets name one."""
    whole = comparable(text)
    match = _BRACKET.match(whole)
    if match:
        unit = unit_word(match["unit"])
        if unit is not None:
            return Header(index, text.strip(), match["name"].strip(), unit)
    return Header(index, text.strip(), whole, None)


@dataclass(frozen=True)
class Mapping:
    """Which file column fills each table column, and what is left unused."""

    columns: dict[str, Header]  # column key (or CLOSE_DATE / CURRENCY) -> header
    ignored: tuple[Header, ...]


def _names(column: Field) -> set[str]:
    names = {comparable(column.key), comparable(column.label.zh), comparable(column.label.en)}
    if column.unit is not None:
        names.add(comparable(f"{column.label.zh}({column.unit.zh})"))
        names.add(comparable(f"{column.label.en} ({column.unit.en})"))
    return names


def map_headers(headers: list[str], table: Field) -> Mapping:
    """Match every header to a column of ``table`` (see the module docstring)."""
    parsed = [parse_header(i, h) for i, h in enumerate(headers)]
    keys = {c.key for c in table.columns}
    wanted = dict.fromkeys(keys)
    if "months_to_close" in keys:
        wanted[CLOSE_DATE] = None
    if any(c.unit is not None and c.unit.zh == "万元" for c in table.columns):
        wanted[CURRENCY] = None
    # candidates per key with their tier: 0 = our own key or label, 1 and 2 = CRM headers
    candidates: dict[str, list[tuple[int, Header]]] = {k: [] for k in wanted}
    for header in parsed:
        if not header.text:
            continue
        for column in table.columns:
            if header.name in _names(column) or comparable(header.text) in _names(column):
                candidates[column.key].append((0, header))
                break
        else:
            for key in wanted:
                tiers = ALIASES.get(key, ((), ()))
                tier = next((t + 1 for t in (0, 1) if header.name in tiers[t]), None)
                if tier is None and comparable(header.text) in tiers[0]:
                    tier = 1
                if tier is not None:
                    candidates[key].append((tier, header))
                    break
    columns: dict[str, Header] = {}
    used: set[int] = set()
    problems: list[InputError] = []
    for key, found in candidates.items():
        if not found:
            continue
        best = min(tier for tier, _ in found)
        top = [h for tier, h in found if tier == best]
        if len(top) > 1:
            names = "」「".join(h.text for h in top)
            names_en = "', '".join(h.text for h in top)
            problems.append(
                InputError(
                    table.key,
                    f"「{names}」这几列都对应「{_label(table, key).zh}」，请只留一列。",
                    f"The columns '{names_en}' all fill '{_label(table, key).en}': keep one.",
                    column=key if key in keys else None,
                )
            )
            continue
        columns[key] = top[0]
        used.add(top[0].index)
    if "months_to_close" in columns and CLOSE_DATE in columns:
        months, date = columns["months_to_close"].text, columns[CLOSE_DATE].text
        problems.append(
            InputError(
                table.key,
                f"「{months}」和「{date}」都给出了预计成交时间，请只留一列。",
                f"Both '{months}' and '{date}' give the time to close: keep one.",
                column="months_to_close",
            )
        )
    raise_problems(problems)
    ignored = tuple(h for h in parsed if h.index not in used and h.text)
    return Mapping(columns, ignored)


def _label(table: Field, key: str) -> Text:
    for column in table.columns:
        if column.key == key:
            return column.label
    return Text("预计成交日期", "Close date") if key == CLOSE_DATE else Text("币种", "Currency")
