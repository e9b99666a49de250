"""Every header a rep sees in an exported file reads as a label in the file's language.

The CSV and Excel exports (the page's and the command line's) head each column of a table the
rep fills with its title and unit (``金额（万元）``, ``Amount (10k CNY)``) and each result column
with its label; the summary sheet lists the figures by label. A unit is said once (never
``预计成交月数（个月）``), no two columns or figures of one table share a name, and no header is a
column key.
"""

from __future__ import annotations

import re

import pytest

from calculators import REGISTRY
from calculators.tables import result_sheets
from calculators.tables._write import column_title

LANGS = ("zh", "en")
#: a header's unit in brackets at its end: ``金额（万元）``, ``Amount (10k CNY)``
UNIT = re.compile(r"^(?P<label>.+?)\s*[（(](?P<unit>[^（()）]+)[)）]$")


def repeats_its_unit(header: str) -> bool:
    """Whether the label before a bracketed unit already names the unit (or its counting word:
    ``月数（个月）``, ``Months (months)``)."""
    match = UNIT.match(header)
    if not match:
        return False
    label, unit = match["label"].casefold(), match["unit"].casefold()
    if unit in label:
        return True
    han = [c for c in unit if "\u4e00" <= c <= "\u9fff" and c not in "个万"]
    return bool(han) and han[-1] in label


def exported_tables(lang: str) -> list[tuple[str, list[str], set[str]]]:
    """(where, headers, keys) of every table a calculator exports in ``lang``."""
    tables = []
    for slug, calc in REGISTRY.items():
        for field in calc.fields:
            if field.kind == "table":
                headers = [column_title(c, lang) for c in field.columns]
                tables.append((f"{slug}.{field.key}", headers, {c.key for c in field.columns}))
        result = calc.run(calc.defaults(lang)).to_dict()
        for title, header, rows in result_sheets(calc.title.get(lang), result, [], lang):
            keys = {c["key"] for t in result["tables"] for c in t["columns"]}
            tables.append((f"{slug}: {title}", header, keys))
            if title == ("摘要" if lang == "zh" else "Summary"):  # the figures, one per row
                tables.append((f"{slug}: figures", [r[0] for r in rows], set()))
    return tables


def test_the_check_catches_a_repeated_unit():
    assert repeats_its_unit("预计成交月数（个月）") and repeats_its_unit("Months (months)")
    assert not repeats_its_unit("预计成交时间（个月）") and not repeats_its_unit("金额（万元）")
    assert not repeats_its_unit("Amount (10k CNY)") and not repeats_its_unit("权重（分）")


@pytest.mark.parametrize("lang", LANGS)
def test_every_exported_header_says_its_unit_once_and_is_never_a_key(lang):
    problems = []
    for where, headers, keys in exported_tables(lang):
        problems += [f"{where}: {h} repeats its unit" for h in headers if repeats_its_unit(h)]
        problems += [f"{where}: {h} is a key" for h in headers if h in keys and h.isascii()]
        twice = {h for h in headers if headers.count(h) > 1}
        problems += [f"{where}: {h} names two columns" for h in sorted(twice)]
    assert not problems, "\n".join(problems)


def test_the_months_column_is_headed_once_in_each_language():
    deals = REGISTRY["pipeline"].field("deals")
    months = next(c for c in deals.columns if c.key == "months_to_close")
    assert column_title(months, "zh") == "预计成交时间（个月）"
    assert column_title(months, "en") == "Months to close"


@pytest.mark.parametrize("header", ["预计成交月数", "预计成交月数（个月）", "预计成交时间（个月）"])
def test_a_file_headed_with_the_months_columns_old_or_new_title_still_reads(header):
    from calculators.tables import read_table

    deals = REGISTRY["pipeline"].field("deals")
    data = f"单子,销售阶段,金额（万元）,{header}\n金桥制药,报价,150,2\n".encode()
    assert read_table(data, "deals.csv", deals).rows[0]["months_to_close"] == 2
