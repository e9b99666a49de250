"""Which column of a file fills which column of a calculator's table.

A header may be a column's key, its label in either language, or the standard header of a
common CRM export (:data:`HEADERS`): a Salesforce opportunity report, a HubSpot, Pipedrive or
Zoho deals export, Dynamics 365 opportunities exported to Excel, a Chinese CRM's
(纷享销客、销售易-style) 商机 export. A unit in brackets (``商机金额(元)``, ``Amount (CNY)``,
``Probability (%)``) is read off the header. Headers the calculator does not use are listed,
never refused; two headers for one column are refused, naming both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core import Field, InputError, Text, raise_problems
from ..core._choices import comparable
from ..core._numbers import unit_word

#: Derived inputs: a header that does not fill a column itself but is turned into one.
CLOSE_DATE = "close_date"  # becomes months_to_close
CURRENCY = "currency"  # the unit of the money columns
STATUS = "status"  # open, won or lost: a won deal is at the last stage, a lost one left out

#: The standard headers of the CRM exports reps bring, as each CRM writes them: (CRM, column
#: key, tier, header). Tier 1 names the thing itself; tier 2 is used only when no tier-1 header
#: is there (an account's name stands in for a deal's name only when the deal has none). They
#: are compared after NFKC and case folding (:func:`aliases`), so they are written here as the
#: CRM writes them.
HEADERS: tuple[tuple[str, str, int, str], ...] = (
    # Salesforce opportunity report
    ("Salesforce", "name", 1, "Opportunity Name"),
    ("Salesforce", "name", 1, "Opportunity"),
    ("Salesforce", "name", 2, "Account Name"),
    ("Salesforce", "stage", 1, "Stage"),
    ("Salesforce", "stage", 1, "Opportunity Stage"),
    ("Salesforce", "amount_wan", 1, "Amount"),
    ("Salesforce", "amount_wan", 1, "Opportunity Amount"),
    ("Salesforce", "amount_wan", 2, "Amount in Company Currency"),
    ("Salesforce", "probability_pct", 1, "Probability"),
    ("Salesforce", "probability_pct", 1, "Probability (%)"),
    ("Salesforce", CLOSE_DATE, 1, "Close Date"),
    ("Salesforce", CURRENCY, 1, "Amount Currency"),
    ("Salesforce", CURRENCY, 1, "Opportunity Currency"),
    # HubSpot deals export
    ("HubSpot", "name", 1, "Deal Name"),
    ("HubSpot", "name", 1, "Deal"),
    ("HubSpot", "name", 2, "Associated Company"),
    ("HubSpot", "stage", 1, "Deal Stage"),
    ("HubSpot", "amount_wan", 1, "Deal Amount"),
    ("HubSpot", "amount_wan", 2, "Total Contract Value"),
    ("HubSpot", "probability_pct", 1, "Deal Probability"),
    ("HubSpot", CLOSE_DATE, 1, "Close Date"),
    ("HubSpot", CURRENCY, 1, "Currency"),
    ("HubSpot", CURRENCY, 1, "Deal Currency Code"),
    # Pipedrive deals export ("Deal - " before every field of the deal)
    ("Pipedrive", "name", 1, "Deal - Title"),
    ("Pipedrive", "name", 2, "Deal - Organization"),
    ("Pipedrive", "name", 2, "Organization - Name"),
    ("Pipedrive", "stage", 1, "Deal - Stage"),
    ("Pipedrive", "amount_wan", 1, "Deal - Value"),
    ("Pipedrive", "probability_pct", 1, "Deal - Probability"),
    ("Pipedrive", CLOSE_DATE, 1, "Deal - Expected close date"),
    ("Pipedrive", CURRENCY, 1, "Deal - Currency"),
    ("Pipedrive", STATUS, 1, "Deal - Status"),
    # Zoho CRM deals export
    ("Zoho", "name", 1, "Deal Name"),
    ("Zoho", "name", 2, "Account Name"),
    ("Zoho", "stage", 1, "Stage"),
    ("Zoho", "amount_wan", 1, "Amount"),
    ("Zoho", "probability_pct", 1, "Probability (%)"),
    ("Zoho", CLOSE_DATE, 1, "Closing Date"),
    ("Zoho", CURRENCY, 1, "Currency"),
    # Dynamics 365 Sales opportunities, exported to Excel
    ("Dynamics 365", "name", 1, "Topic"),
    ("Dynamics 365", "name", 2, "Potential Customer"),
    ("Dynamics 365", "stage", 1, "Sales Stage"),
    ("Dynamics 365", "stage", 2, "Pipeline Phase"),
    ("Dynamics 365", "amount_wan", 1, "Est. Revenue"),
    ("Dynamics 365", "amount_wan", 1, "Estimated Revenue"),
    ("Dynamics 365", "probability_pct", 1, "Probability"),
    ("Dynamics 365", CLOSE_DATE, 1, "Est. Close Date"),
    ("Dynamics 365", CLOSE_DATE, 1, "Estimated Close Date"),
    ("Dynamics 365", CURRENCY, 1, "Currency"),
    ("Dynamics 365", STATUS, 1, "Status"),
    # a Chinese CRM's 商机 export (纷享销客, 销售易 and the like)
    ("商机", "name", 1, "商机名称"),
    ("商机", "name", 1, "商机"),
    ("商机", "name", 1, "机会名称"),
    ("商机", "name", 1, "项目名称"),
    ("商机", "name", 1, "项目"),
    ("商机", "name", 2, "客户名称"),
    ("商机", "name", 2, "客户"),
    ("商机", "name", 2, "公司名称"),
    ("商机", "name", 2, "公司"),
    ("商机", "stage", 1, "销售阶段"),
    ("商机", "stage", 1, "商机阶段"),
    ("商机", "stage", 1, "阶段"),
    ("商机", "amount_wan", 1, "商机金额"),
    ("商机", "amount_wan", 1, "金额"),
    ("商机", "amount_wan", 1, "预计金额"),
    ("商机", "amount_wan", 1, "合同金额"),
    ("商机", "amount_wan", 1, "销售金额"),
    ("商机", "amount_wan", 1, "预计成交金额"),
    ("商机", "probability_pct", 1, "赢率"),
    ("商机", "probability_pct", 1, "赢单率"),
    ("商机", "probability_pct", 1, "成交概率"),
    ("商机", "probability_pct", 1, "成交可能性"),
    ("商机", CLOSE_DATE, 1, "预计成交日期"),
    ("商机", CLOSE_DATE, 1, "预计签约日期"),
    ("商机", CLOSE_DATE, 1, "预计结单日期"),
    ("商机", CLOSE_DATE, 1, "结单日期"),
    ("商机", CLOSE_DATE, 1, "预计成交时间"),
    ("商机", CLOSE_DATE, 2, "成交日期"),
    ("商机", CURRENCY, 1, "币种"),
    ("商机", CURRENCY, 1, "货币"),
    ("商机", CURRENCY, 1, "币别"),
    ("商机", STATUS, 1, "商机状态"),
    # headers any spreadsheet may have
    ("", "name", 1, "Prospect Name"),
    ("", "name", 2, "Customer Name"),
    ("", "name", 2, "Company Name"),
    ("", "name", 2, "Company"),
    ("", "stage", 1, "Sales Stage"),
    ("", "amount_wan", 1, "Deal Amount"),
    ("", "months_to_close", 1, "Months to Close"),
    # the column's Chinese title until 2026-12, as files exported then head it
    ("", "months_to_close", 1, "预计成交月数"),
    ("", "months_to_close", 1, "预计成交月数（个月）"),
    # "time to close" headed with its unit in months is a count of months, not a date
    ("", "months_to_close", 1, "预计成交时间（月）"),
    ("", "months_to_close", 1, "预计成交时间（个月）"),
    ("", CLOSE_DATE, 1, "Expected Close Date"),
    ("", CLOSE_DATE, 1, "Closing Date"),
    ("", CURRENCY, 1, "Currency"),
)


def aliases(
    headers: tuple[tuple[str, str, int, str], ...] = HEADERS,
) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each column key's CRM headers by tier, normalised as headers are compared."""
    tiers: dict[str, tuple[set[str], set[str]]] = {}
    for _crm, key, tier, header in headers:
        tiers.setdefault(key, (set(), set()))[tier - 1].add(comparable(header))
    return {k: (frozenset(one), frozenset(two) - one) for k, (one, two) in tiers.items()}


#: :data:`HEADERS` as they are compared (built once, when the module is loaded).
ALIASES = aliases()


def written(key: str, tier: int = 1) -> list[str]:
    """The CRM headers of a column key as the CRMs write them, each once, in table order."""
    return list(dict.fromkeys(h for _, k, t, h in HEADERS if k == key and t == tier))


def crms_of(headers: list[str]) -> list[str]:
    """The CRMs whose own headers (not shared ones) a file's header row uses, most first."""
    seen = {comparable(h) for h in headers}
    counts: dict[str, int] = {}
    owners: dict[str, set[str]] = {}
    for crm, _key, _tier, header in HEADERS:
        if crm:
            owners.setdefault(comparable(header), set()).add(crm)
    for name in seen:
        crms = owners.get(name, set())
        if len(crms) == 1:
            crm = next(iter(crms))
            counts[crm] = counts.get(crm, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


_BRACKET = re.compile(r"^(?P<name>.*?)\s*[\(\[]\s*(?P<unit>[^()\[\]]*?)\s*[\)\]]\s*$")
#: A unit after a slash, as Chinese tables head a column: ``金额/万元``.
_SLASH = re.compile(r"^(?P<name>[^/]+?)\s*/\s*(?P<unit>[^/]+?)\s*$")
#: What may come before the unit in its brackets: ``（单位：万元）``, ``(unit: CNY)``, ``(in CNY)``.
_UNIT_SAYS = re.compile(r"^(?:单位|unit|currency|in)\s*[:：]?\s*")


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
    match = _BRACKET.match(whole) or _SLASH.match(whole)
    if match:
        unit = unit_word(_UNIT_SAYS.sub("", match["unit"]))
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


def _wanted(table: Field) -> dict[str, None]:
    """The keys a header may fill: the table's columns, and the close date, currency and
    status columns when the table has what they feed."""
    wanted = dict.fromkeys(c.key for c in table.columns)  # in the table's order, every run
    if "months_to_close" in wanted:
        wanted[CLOSE_DATE] = None
    if any(c.unit is not None and c.unit.zh == "万元" for c in table.columns):
        wanted[CURRENCY] = None
    if any(c.key == "stage" and c.kind == "choice" for c in table.columns):
        wanted[STATUS] = None
    return wanted


def _candidates(
    parsed: list[Header], table: Field, wanted: dict[str, None]
) -> dict[str, list[tuple[int, Header]]]:
    """Candidates per key with their tier: 0 = our own key or label, 1 and 2 = CRM headers."""
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
                tiers = ALIASES.get(key, (frozenset(), frozenset()))
                tier = next((t + 1 for t in (0, 1) if header.name in tiers[t]), None)
                if tier is None and comparable(header.text) in tiers[0]:
                    tier = 1
                if tier is not None:
                    candidates[key].append((tier, header))
                    break
    return candidates


def _chosen(
    candidates: dict[str, list[tuple[int, Header]]], table: Field
) -> tuple[dict[str, Header], list[InputError]]:
    """The best-tier header of each key; two headers tied for one key are refused."""
    keys = {c.key for c in table.columns}
    columns: dict[str, Header] = {}
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
    return columns, problems


def map_headers(headers: list[str], table: Field) -> Mapping:
    """Match every header to a column of ``table`` (see the module docstring)."""
    parsed = [parse_header(i, h) for i, h in enumerate(headers)]
    columns, problems = _chosen(_candidates(parsed, table, _wanted(table)), table)
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
    used = {h.index for h in columns.values()}
    ignored = tuple(h for h in parsed if h.index not in used and h.text)
    return Mapping(columns, ignored)


def _label(table: Field, key: str) -> Text:
    for column in table.columns:
        if column.key == key:
            return column.label
    return {
        CLOSE_DATE: Text("预计成交日期", "Close date"),
        CURRENCY: Text("币种", "Currency"),
        STATUS: Text("商机状态", "Status"),
    }[key]


def recognised(headers: list[str], table: Field) -> int:
    """How many of a table's columns (and derived inputs) a row of headers would fill.

    Used to find the header row below a formatted report's title lines, and the sheet that
    holds the table.
    """
    names = {n: c.key for c in table.columns for n in _names(c)}
    found: set[str] = set()
    for text in headers:
        header = parse_header(0, text)
        if not header.text:
            continue
        key = names.get(header.name) or names.get(comparable(header.text))
        if key is None:
            key = next(
                (k for k, tiers in ALIASES.items() if header.name in tiers[0] | tiers[1]), None
            )
        if key is not None:
            found.add(key)
    return len(found)
