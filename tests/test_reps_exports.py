"""Reps' exports, issue 23: no silent wrong number, messages a rep can act on, more CRMs,
warnings. Every file is made here (CSV text, or a workbook through openpyxl); every figure is
computed by hand beside the file."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys

import openpyxl
import pytest

from calculators import calculator, table_import_json
from calculators.cli.__main__ import EXIT_BAD_INPUT, main
from calculators.core import InputError, Text
from calculators.tables import ImportedTable, ReadOptions, read_table
from calculators.tables._checks import PLAUSIBLE_DEAL_WAN
from calculators.tables._headers import HEADERS, aliases

PIPELINE = calculator("pipeline")
DEALS = PIPELINE.field("deals")
PAGE_CONTROLS = {
    "amount_unit": Text("金额单位", "Amount unit"),
    "decimal_mark": Text("数字格式", "Number format"),
    "stage_map": Text("阶段对照", "Stage mapping"),
}


def _csv(text: str, **options) -> ImportedTable:
    return read_table(text.encode("utf-8"), "export.csv", DEALS, ReadOptions(**options))


def _book(rows: list[list], formats: dict[str, str] | None = None, sheets=()) -> bytes:
    """A workbook: optional sheets before the table's, then the table (``formats``: cell → fmt)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, cells in sheets:
        sheet = book.create_sheet(title)
        for row in cells:
            sheet.append(row)
    sheet = book.create_sheet("Deals")
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx(data: bytes, **options) -> ImportedTable:
    return read_table(data, "export.xlsx", DEALS, ReadOptions(**options))


def _refusal(read, *args, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        read(*args, **options)
    return caught.value


def _messages(error: InputError, lang: str = "en") -> list[str]:
    return [getattr(p.message, lang) for p in error.problems]


def _lines(imported: ImportedTable, lang: str = "en") -> str:
    return " ".join(line[lang] for line in imported.notice["lines"])


# ------------------------------------------------------------------ 1. every cell, the same checks


def test_an_excel_amount_headed_in_dollars_is_refused_like_the_same_sheet_as_csv():
    header = ["Deal Name", "Deal Stage", "Amount (USD)", "months_to_close"]
    as_csv = _refusal(_csv, ",".join(header) + "\nAcme,need_defined,150000,3\n")
    as_xlsx = _refusal(_xlsx, _book([header, ["Acme", "need_defined", 150000, 3]]))
    for error in (as_csv, as_xlsx):
        assert "'150000' is in USD; the models count in CNY" in _messages(error)[0]


def test_an_excel_amount_headed_as_a_percentage_is_refused():
    header = ["Deal Name", "Deal Stage", "Amount (%)", "months_to_close"]
    error = _refusal(_xlsx, _book([header, ["Acme", "need_defined", 35, 3]]))
    assert "is a percentage, but this field is in 10k CNY" in _messages(error)[0]


def test_a_cell_that_shows_wan_but_stores_yuan_is_read_as_yuan_under_a_wan_header():
    # 0!.0000"万" shows 1,234,567 as 123.4567万: the stored number is in 元
    header = ["商机名称", "销售阶段", "商机金额(万元)", "months_to_close"]
    data = _book([header, ["华东化工", "需求确认", 1_234_567, 3]], {"C2": '0!.0000"万"'})
    imported = _xlsx(data)
    assert imported.rows[0]["amount_wan"] == 123.4567
    assert "1 cell read by its Excel display format (storing CNY)" in _lines(imported)


@pytest.mark.parametrize("number_format", ['#,##0!.0,"万"', '0!.0,"万"', '[>=10000]0!.0,"万";0'])
def test_a_cell_that_shows_wan_by_a_thousands_comma_and_a_point_stores_yuan(number_format):
    # the comma divides by 1,000 and the inserted point by 10: 50,000 元 shows as 5.0万, a small
    # deal no plausibility check would catch if it were read as 50,000 万元
    header = ["商机名称", "销售阶段", "商机金额(万元)", "months_to_close"]
    data = _book([header, ["华东化工", "需求确认", 50_000, 3]], {"C2": number_format})
    imported = _xlsx(data)
    assert imported.rows[0]["amount_wan"] == 5
    assert not imported.notice.get("warnings")


def test_a_cell_that_shows_wan_and_stores_wan_is_read_as_wan():
    header = ["商机名称", "销售阶段", "商机金额", "months_to_close"]
    data = _book([header, ["华东化工", "需求确认", 120, 3]], {"C2": '0"万"'})
    assert _xlsx(data).rows[0]["amount_wan"] == 120


def test_a_probability_shown_as_a_percentage_reads_as_the_percentage_it_shows():
    table = calculator("expected_value").field("customers")
    book = _book([["name", "probability_pct", "amount_wan"], ["A", 0.35, 100]], {"B2": "0%"})
    imported = read_table(book, "customers.xlsx", table)
    assert imported.rows[0]["probability_pct"] == 35


def test_a_bare_excel_fraction_in_a_probability_is_refused_like_its_text():
    table = calculator("expected_value").field("customers")
    book = _book([["name", "probability_pct", "amount_wan"], ["A", 0.9, 100]])
    with pytest.raises(InputError) as caught:
        read_table(book, "customers.xlsx", table)
    assert "90% (as a fraction) or 0.9%" in caught.value.problems[0].message.en


SEMICOLON = "商机名称;销售阶段;商机金额(元);months_to_close\n华东化工;需求确认;250.000;3\n"


def test_dot_grouping_in_a_semicolon_file_is_refused_naming_250_and_250000():
    error = _refusal(_csv, SEMICOLON)
    message = _messages(error)[0]
    assert "'250.000' can be read two ways: 250 (a decimal point) or 250000" in message
    assert "--decimal-mark point (1,234.5) or --decimal-mark comma (1.234,5)" in message
    zh = _messages(error, "zh")[0]
    assert "250（点当小数点）或 250000（点当千位分隔符）" in zh


def test_the_stated_convention_reads_250_000_as_two_hundred_and_fifty_thousand_yuan():
    assert _csv(SEMICOLON, decimal_mark="comma").rows[0]["amount_wan"] == 25  # 250,000 元
    assert _csv(SEMICOLON, decimal_mark="point").rows[0]["amount_wan"] == 0.025  # 250 元


def test_another_amount_in_the_file_settles_the_convention_and_the_notice_says_which():
    text = SEMICOLON + "新城地产;方案报价;1.250.000,50;3\n"
    imported = _csv(text)
    assert [r["amount_wan"] for r in imported.rows] == [25, 125.00005]
    assert "'1.250.000,50' in row 3 can be read no other way" in _lines(imported)


def test_a_file_that_writes_numbers_two_ways_is_refused_naming_both():
    text = 'name,stage,amount_wan,months_to_close\nA,need_defined,"1,234.5",3\n'
    text += 'B,need_defined,"1.234,5",3\n'
    message = _messages(_refusal(_csv, text))[0]
    assert "'1,234.5' (row 2, a decimal point) and '1.234,5' (row 3, a decimal comma)" in message


def test_the_command_line_states_the_convention(tmp_path, capsys):
    path = tmp_path / "deals.csv"
    path.write_text(SEMICOLON, "utf-8")
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    assert "--decimal-mark" in capsys.readouterr().err
    assert main(["run", "pipeline", str(path), "--decimal-mark", "comma", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    figures = {f["key"]: f["value"] for f in result["figures"]}
    assert figures["pipeline_wan"] == 25


ONE_COMMA_SHEET = [["商机名称", "销售阶段", "商机金额(元)", "months_to_close"]]
ONE_COMMA_SHEET.append(["华东化工", "需求确认", "1,234", 3])
ONE_COMMA = '商机名称,销售阶段,商机金额(元),months_to_close\n华东化工,需求确认,"1,234",3\n'


def test_one_comma_before_three_digits_in_a_csv_is_refused_with_both_readings():
    # 1,234 is 1234 where the comma groups (Chinese and English software) and 1.234 where it is
    # the decimal mark (German or French Excel): a file that does not say which is refused
    error = _refusal(_csv, ONE_COMMA)
    message = _messages(error)[0]
    assert "'1,234' can be read two ways: 1.234 (a decimal comma) or 1234" in message
    assert "--decimal-mark point (1,234.5) or --decimal-mark comma (1.234,5)" in message
    assert "1.234（逗号当小数点）或 1234（逗号当千位分隔符）" in _messages(error, "zh")[0]


def test_one_comma_before_three_digits_in_an_excel_text_cell_is_refused_with_both_readings():
    book = _book(ONE_COMMA_SHEET)
    message = _messages(_refusal(_xlsx, book))[0]
    assert "'1,234' can be read two ways: 1.234 (a decimal comma) or 1234" in message


def test_the_stated_convention_or_another_amount_reads_one_comma_before_three_digits():
    assert _csv(ONE_COMMA, decimal_mark="point").rows[0]["amount_wan"] == 0.1234  # 1,234 元
    assert _csv(ONE_COMMA, decimal_mark="comma").rows[0]["amount_wan"] == 0.000123  # 1.234 元
    proven = _csv(ONE_COMMA + '新城地产,方案报价,"1,250,000",3\n')  # two groups: a comma groups
    assert [r["amount_wan"] for r in proven.rows] == [0.1234, 125]
    book = _book(ONE_COMMA_SHEET)
    assert _xlsx(book, decimal_mark="point").rows[0]["amount_wan"] == 0.1234


# ------------------------------------------------------------------ 2. messages a rep can act on


def test_a_bad_cell_is_named_by_its_row_in_the_file_after_blank_and_left_out_rows():
    text = (
        "商机名称,销售阶段,商机金额(元),months_to_close\n"  # row 1
        "\n"  # row 2: blank
        "海天食品,输单,300000,3\n"  # row 3: left out
        "华东化工,需求确认,1200000,3\n"  # row 4
        "新城地产,方案报价,八十万,3\n"  # row 5: the bad cell
    )
    error = _refusal(_csv, text)
    assert _messages(error) == ["'商机金额(元)' in row 5 must be a number, not '八十万'."]
    assert "第 5 行的「商机金额(元)」必须是数字" in _messages(error, "zh")[0]


def test_a_models_refusal_names_the_files_row_in_both_languages(tmp_path, capsys):
    """The grading refuses a deal with no months; after a blank line its row in the file is
    4, not the model's 2: so say both sentences, the English one starting "Row"."""
    path = tmp_path / "deals.csv"
    path.write_text(
        "商机名称,销售阶段,金额（万元）,预计成交时间（月）\n"  # row 1
        "金桥制药,商务条款的商谈,150,3\n"  # row 2
        "\n"  # row 3: blank
        "恒通机械,同意试用,60,\n",  # row 4: no months, no situation that decides the grade
        "utf-8",
    )
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    printed = capsys.readouterr().err
    assert "Row 4 '恒通机械' needs its months to close" in printed
    assert "第 4 行「恒通机械」需要填写预计成交月数" in printed
    assert "Row 2 " not in printed and "第 2 行" not in printed


def test_kept_rows_know_their_row_in_the_file():
    text = "name,stage,amount_wan,months_to_close\n\nA,need_defined,10,3\n"
    text += "B,输单,5,3\nC,need_defined,20,3\n"  # row 4 left out: lost
    imported = _csv(text)
    assert imported.source_rows == [3, 5]
    assert [imported.file_row(i) for i in range(2)] == [3, 5]


def test_a_column_without_unit_in_9000_rows_is_one_message_naming_the_option(tmp_path, capsys):
    rows = "".join(f"Deal {i},need_defined,{(i % 90 + 10) * 10000},3\n" for i in range(9000))
    path = tmp_path / "deals.csv"
    path.write_text("Deal Name,Deal Stage,Amount,months_to_close\n" + rows, "utf-8")
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("error:") == 1
    assert "'Amount' cannot be used in 9,000 rows (rows 2, 3, 4, 5, 6, 7, 8, 9…)" in err
    assert "--amount-unit yuan" in err and "「Amount」有 9,000 行用不了" in err
    assert main(["run", "pipeline", str(path), "--amount-unit", "yuan"]) == 0


def test_in_the_page_a_refusal_names_the_control_never_a_flag_or_the_readme():
    text = "Deal Name,Deal Stage,Amount,months_to_close\nA,Discovery,100000,3\nB,need_defined,5,3\n"
    error = _refusal(_csv, text, controls=PAGE_CONTROLS)
    both = " ".join(_messages(error) + _messages(error, "zh"))
    assert "under 'Stage mapping' below" in both and "在下面的「阶段对照」里" in both
    assert "under 'Amount unit' below" in both and "在下面的「金额单位」里选择单位" in both
    assert "--" not in both and "README" not in both


def test_the_page_import_answers_the_stages_to_settle_and_takes_the_choices():
    text = "Deal Name,Deal Stage,Amount (CNY),months_to_close\nA,Discovery,1000000,3\n"
    controls = {k: v.to_dict() for k, v in PAGE_CONTROLS.items()}
    answer = json.loads(
        table_import_json(
            "pipeline", "deals", text.encode(), "deals.csv", json.dumps({"controls": controls})
        )
    )
    assert not answer["ok"]
    settle = answer["error"]["settle"]
    assert settle["stages"]["unmapped"] == ["Discovery"]
    assert {"value": "need_defined"}.items() <= settle["stages"]["choices"][0].items()
    chosen = {"controls": controls, "stage_map": {"Discovery": "need_defined"}}
    answer = json.loads(
        table_import_json("pipeline", "deals", text.encode(), "deals.csv", json.dumps(chosen))
    )
    assert answer["ok"] and answer["rows"][0]["stage"] == "need_defined"


def test_no_column_recognised_names_each_sheet_its_header_row_and_the_columns_found():
    cover = [["Quarterly review"], ["Prepared by", "Ivy"]]
    data = _book([["Region", "Revenue"], ["East", 5]], sheets=[("Cover", cover)])
    message = _messages(_refusal(_xlsx, data))[0]
    assert "in the sheet 'Cover', row 1 read as the header, the columns found: 'Quarterly" in (
        message
    )
    assert "in the sheet 'Deals', row 1 read as the header" in message
    assert "'Region', 'Revenue'" in message


def test_a_cover_sheet_is_passed_over_and_named():
    cover = [["Pipeline report"], ["Generated 2026-11-28"]]
    rows = [["Opportunity Name", "Stage", "Amount (CNY)", "months_to_close"],
            ["Acme", "Needs Analysis", 1_000_000, 3]]  # fmt: skip
    imported = _xlsx(_book(rows, sheets=[("Cover", cover)]))
    assert imported.rows[0]["amount_wan"] == 100
    assert "Sheets passed over, holding no column of this table: 'Cover'" in _lines(imported)


def test_title_lines_and_total_rows_of_a_formatted_report_are_left_out_and_named():
    text = (
        "商机报表,,,\n"  # row 1: a title
        "导出时间：2026-11-28,,,\n"  # row 2
        "商机名称,销售阶段,商机金额(元),months_to_close\n"  # row 3: the header
        "华东化工,需求确认,1200000,3\n"  # row 4
        "新城地产,方案报价,800000,4\n"  # row 5
        "小计,,2000000,\n"  # row 6
        "Subtotal - East,,2000000,\n"  # row 7
        "联合电力,商务谈判,2000000,5\n"  # row 8
        "总计,,4000000,\n"  # row 9
        "Total,,4000000,\n"  # row 10
    )
    imported = _csv(text)
    assert [r["amount_wan"] for r in imported.rows] == [120, 80, 200]
    assert imported.source_rows == [4, 5, 8]
    assert [t["row"] for t in imported.notice["total_rows"]] == [6, 7, 9, 10]
    lines = _lines(imported)
    assert "The header is row 3; the 2 title lines above it left out: '商机报表'" in lines
    assert "Total rows are not deals, left out: row 6 '小计', row 7 'Subtotal - East'" in lines
    result = PIPELINE.run({"deals": imported.rows, "target_wan": None})
    assert result.figure("pipeline_wan") == 400  # 120 + 80 + 200, the totals not counted


def test_a_deal_whose_name_begins_with_total_is_a_deal():
    text = "name,stage,amount_wan,months_to_close\nTotal Solutions Ltd,need_defined,10,3\n"
    assert len(_csv(text).rows) == 1


def test_a_missing_name_column_is_said_once_with_the_columns_found():
    text = "Customer Ref,Deal Stage,Amount (CNY)\n" + "R1,need_defined,100000\n" * 50
    error = _refusal(_csv, text)
    assert len(error.problems) == 1
    message = _messages(error)[0]
    assert "The file has no column for 'Deal', which every row needs" in message
    assert "'Customer Ref', 'Deal Stage', 'Amount (CNY)'" in message


def test_an_old_xls_is_named_as_such(tmp_path, capsys):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    message = _messages(_refusal(read_table, data, "deals.xls", DEALS))[0]
    assert "old Excel file (.xls" in message and "save it as 'Excel Workbook (.xlsx)'" in message
    path = tmp_path / "deals.xls"
    path.write_bytes(data)
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert ".xls" in err and "JSON" not in err


def test_a_blank_currency_cell_is_never_the_currency_none():
    header = ["Opportunity Name", "Stage", "Amount", "Amount Currency", "months_to_close"]
    rows = [header, ["Acme", "Needs Analysis", 1_000_000, "CNY", 3],
            ["Globex", "Needs Analysis", 500_000, None, 3]]  # fmt: skip
    imported = _xlsx(_book(rows))
    assert [r["amount_wan"] for r in imported.rows] == [100, 50]
    lines = _lines(imported)
    assert "None" not in lines
    assert "'Amount Currency' is blank in row 3: read in CNY like the other rows" in lines


def test_an_accounting_negative_is_refused_as_a_negative_amount_with_that_reading():
    text = 'Opportunity Name,Stage,Amount (CNY),months_to_close\nAcme,Needs Analysis,"(50,000)",3\n'
    # the comma stated as grouping: otherwise 50,000 alone could be 50 (see the 1,234 tests)
    message = _messages(_refusal(_csv, text, decimal_mark="point"))[0]
    assert "'(50,000)' is an accountant's negative (-50000)" in message
    assert "names two units" not in message


def test_an_accounting_negative_alone_is_refused_as_negative_before_its_grouping_is_asked():
    """(50,000) cannot be an amount whichever mark the comma is: the rep hears that first, not
    that 50,000 reads two ways."""
    text = 'Opportunity Name,Stage,Amount (CNY),months_to_close\nAcme,Needs Analysis,"(50,000)",3\n'
    [message] = _messages(_refusal(_csv, text))
    assert message.startswith("'Amount (CNY)' in row 2: '(50,000)' is an accountant's negative,")
    assert "two ways" not in message


def test_a_gbk_stage_map_is_read_right(tmp_path, capsys):
    deals = tmp_path / "deals.csv"
    deals.write_text(
        "商机名称,销售阶段,商机金额(元),months_to_close\n华东化工,技术交流,1200000,3\n", "utf-8"
    )
    stages = tmp_path / "stages.csv"
    stages.write_bytes("CRM 阶段,阶段\n技术交流,需求已经规定并且建立了兴趣\n".encode("gbk"))
    assert main(["run", "pipeline", str(deals), "--stage-map", str(stages), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {f["key"]: f["value"] for f in result["figures"]}["pipeline_wan"] == 120


# ------------------------------------------------------------------ 3. more CRMs, one table


def test_crm_headers_are_written_as_the_crm_writes_them_and_compared_normalised():
    assert ("Pipedrive", "amount_wan", 1, "Deal - Value") in HEADERS
    table = aliases((("X", "name", 1, "Deal - Title"), ("X", "name", 2, "ＯＲＧ")))
    assert table["name"] == (frozenset({"deal - title"}), frozenset({"org"}))


def test_a_full_width_upper_case_pipedrive_header_is_recognised():
    text = "ＤＥＡＬ － ＴＩＴＬＥ,Deal - Stage,Deal - Value,Deal - Currency,months_to_close\n"
    text += "Acme,Proposal Made,500000,CNY,3\n"
    assert _csv(text).rows[0] == {
        "name": "Acme",
        "stage": "quote_discussed",
        "amount_wan": 50,
        "months_to_close": 3,
    }


# ------------------------------------------------------------------ 4. warnings, never silent


def test_a_deal_listed_on_three_lines_is_named_with_its_rows_and_still_scored():
    text = "Opportunity Name,Stage,Amount (CNY),months_to_close\n"
    text += "Acme ERP,Needs Analysis,1000000,3\n" * 3 + "Globex,Needs Analysis,500000,3\n"
    imported = _csv(text)
    assert len(imported.rows) == 4
    [warning] = imported.notice["warnings"]
    assert warning["kind"] == "duplicates" and warning["rows"] == [2, 3, 4]
    assert "Rows 2, 3, 4 look like one deal, 'Acme ERP' (same name, stage and amount)" in (
        _lines(imported)
    )
    assert "第 2、3、4 行看起来是同一个单子「Acme ERP」" in _lines(imported, "zh")


def test_an_amount_of_a_thousand_yi_for_one_deal_is_named_and_still_scored():
    text = "商机名称,销售阶段,商机金额,months_to_close\n华东化工,需求确认,1000亿,3\n"
    text += "新城地产,方案报价,80万,3\n"
    imported = _csv(text)
    assert imported.rows[0]["amount_wan"] == 10_000_000  # 1,000 亿元 in 万元, as written
    [warning] = imported.notice["warnings"]
    assert warning["kind"] == "implausible_amount" and warning["rows"] == [2]
    assert f"above {PLAUSIBLE_DEAL_WAN[1]:,.0f}".replace(",", "") in _lines(imported)
    result = PIPELINE.run({"deals": imported.rows, "target_wan": None})
    assert result.figure("pipeline_wan") == 10_000_080


def test_the_warnings_reach_the_command_line(tmp_path, capsys):
    path = tmp_path / "deals.csv"
    path.write_text(
        "Opportunity Name,Stage,Amount (CNY),months_to_close\n"
        + "Acme ERP,Needs Analysis,1000000,3\n" * 2,
        "utf-8",
    )
    assert main(["run", "pipeline", str(path)]) == 0
    assert "Please check: Rows 2, 3 look like one deal" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "settle"),
    [
        ("Deal Name,Deal Stage,Amount,months_to_close\nA,need_defined,100000,3\n", {"amount_unit"}),
        (SEMICOLON, {"decimal_mark"}),
        ("name,stage,amount_wan,months_to_close\nA,need_defined,x,3\n", set()),
    ],
)
def test_a_refusal_tells_the_page_which_choices_settle_it(text, settle):
    answer = json.loads(table_import_json("pipeline", "deals", text.encode(), "d.csv", "{}"))
    assert not answer["ok"] and set(answer["error"]["settle"]) == settle


def test_yuan_stored_under_a_wan_header_without_a_format_is_named_as_implausible():
    # the same 1,234,567 元 as above, but the cell shows it as it is: 1,234,567 万元 is 123 亿元
    header = ["商机名称", "销售阶段", "商机金额(万元)", "months_to_close"]
    imported = _xlsx(_book([header, ["华东化工", "需求确认", 1_234_567, 3]]))
    assert imported.rows[0]["amount_wan"] == 1_234_567  # read as written, and named:
    [warning] = imported.notice["warnings"]
    assert warning["kind"] == "implausible_amount" and warning["rows"] == [2]
    assert "是不是把元当成了万元" in warning["text"]["zh"]


# ------------------------------------------------------------ what the page's import says, as words

#: Files a rep brings that the page's import refuses or reads with a notice: each kind of
#: refusal and notice line the reading layer has, so every word of it is checked below.
PAGE_FILES = {
    "no column": "Region,Revenue\nEast,5\n",
    "no stage or amount": "客户,钱\n华东化工,1\n",
    "no unit": "商机名称,销售阶段,商机金额,预计成交日期\n华东化工,方案报价,120,2027-03-31\n",
    "unknown stage": "商机名称,销售阶段,商机金额(万元),预计成交日期\n"
    "华东化工,摸底,120,2027-03-31\n",
    "dot grouping": "商机名称;销售阶段;商机金额(元);预计成交日期\n"
    "华东化工;方案报价;250.000;2027-03-31\n",
    "accounting negative": "商机名称,销售阶段,商机金额(元),预计成交日期\n"
    '华东化工,方案报价,"(50,000.00)",2027-03-31\n新城地产,方案报价,"1,000.00",2027-03-31\n',
    "dollars": "商机名称,销售阶段,商机金额(USD),预计成交日期\n华东化工,方案报价,1000,2027-03-31\n",
    "a currency column": "商机名称,销售阶段,商机金额(元),币种,预计成交日期\n"
    "华东化工,方案报价,1000000,USD,2027-03-31\n新城地产,方案报价,1000000,,2027-03-31\n",
    "cells beyond the header": "商机名称,销售阶段,商机金额(万元),预计成交日期\n"
    "华东化工,方案报价,100,2027-03-31,多余\n",
    "day or month first": "商机名称,销售阶段,商机金额(万元),预计成交日期\n"
    "华东化工,方案报价,100,04/05/2027\n",
    "a situation not in the list": "商机名称,销售阶段,商机金额(万元),预计成交日期,客户情况\n"
    "华东化工,方案报价,100,2027-03-31,不知道\n",
    "a formatted report": "商机报表,,,,\n导出时间：2026-11-28,,,,\n"
    "商机名称,销售阶段,商机金额(元),预计成交日期,商机状态\n"
    "华东化工,方案报价,1000000,2027-03-31,赢单\n新城地产,方案报价,1000000,2020-03-31,进行中\n"
    "新城地产,方案报价,1000000,2020-03-31,进行中\n联合电力,方案报价,90000000000,2027-03-31,进行中\n"
    "远航物流,需求确认,1000000,2027-03-31,已丢单\n总计,,4000000,,\n",
    "an English report": "Opportunity Name,Stage,Amount (CNY),Close Date,Lead Source\n"
    "Acme ERP,Needs Analysis,1000000,2027-03-31,Web\n",
}


def _page_words(text: str) -> list[tuple[str, str]]:
    """Everything the page's import says about one file, in both languages, as (language,
    text): the refusal's problems, or the notice's lines and warnings."""
    options = ReadOptions(controls=PAGE_CONTROLS, as_of=dt.date(2027, 1, 1))
    try:
        imported = read_table(text.encode(), "export.csv", DEALS, options)
    except InputError as error:
        return [(lang, getattr(p.message, lang)) for p in error.problems for lang in ("zh", "en")]
    lines = imported.notice["lines"] + [w["text"] for w in imported.notice.get("warnings", [])]
    return [(lang, line[lang]) for line in lines for lang in ("zh", "en")]


@pytest.mark.parametrize("case", PAGE_FILES)
def test_the_page_names_columns_by_their_titles_never_a_key_a_flag_or_the_readme(case):
    from test_reader_words import FOR_WRITERS, internal_keys

    keys = internal_keys() | {"name", "stage", "situation"}  # the short keys a page never shows
    for _lang, said in _page_words(PAGE_FILES[case]):
        quoted = re.findall(
            r"(?<!\w)'([^']*)'(?!\w)|「([^」]*)」|\b([a-z_]+) ?[（(][A-Z一-龥]", said
        )
        named = {each for found in quoted for each in found if each}
        named |= set(re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", said))
        assert not named & keys, said
        assert not [w for w in FOR_WRITERS if w in said] and " --" not in said, said


@pytest.mark.skipif(
    sys.platform == "emscripten", reason="the linter (autocorrect) is the site's, run in CPython"
)
@pytest.mark.parametrize("case", PAGE_FILES)
def test_what_the_page_s_import_says_follows_the_house_typography(case):
    """The pages' linter over the import's words, as over every calculator's computed text;
    what is quoted from the file (a header, a cell) stays as the file writes it."""
    from ka_site.commands.lint import lint_text

    for lang, said in _page_words(PAGE_FILES[case]):
        unquoted = re.sub("「[^」]*」", "「…」", said) if lang == "zh" else said
        assert not lint_text.text_problems(unquoted, lang), said
        if lang == "en":  # English as English: no Chinese but what the file itself says
            assert not re.search("[\u4e00-\u9fff]", re.sub(r"(?<!\w)'[^']*'(?!\w)", "", said)), said


def test_an_english_count_of_one_is_singular():
    text = (
        "Opportunity Name,Stage,Amount (CNY),Close Date\nAcme ERP,Needs Analysis,1000000,2020-1-1\n"
    )
    lines = _lines(_csv(text, as_of=dt.date(2027, 1, 1)))
    assert "comma-separated, 1 row." in lines
    assert "1 close date is already past (row 2)" in lines and "update it in the CRM" in lines


def test_a_total_row_without_a_word_is_left_out_when_it_adds_up_the_rows_above():
    # a report's =SUM(…) lines: a subtotal of East (rows 2, 3), then a grand total of all
    rows = [
        ["商机名称", "销售阶段", "商机金额(万元)", "months_to_close"],
        ["华东化工", "需求确认", 120, 3],  # row 2
        ["新城地产", "方案报价", 80, 4],  # row 3
        [None, None, 200, None],  # row 4: 120 + 80
        ["联合电力", "商务谈判", 50, 5],  # row 5
        [None, None, 250, 12],  # row 6: 120 + 80 + 50, and 3 + 4 + 5 months
    ]
    imported = _xlsx(_book(rows))
    assert [r["amount_wan"] for r in imported.rows] == [120, 80, 50]
    assert [t["row"] for t in imported.notice["total_rows"]] == [4, 6]
    assert "row 4 (the sum of the rows above), row 6 (the sum" in _lines(imported)
    assert "第 4 行（上面各行之和）" in _lines(imported, "zh")
    result = PIPELINE.run({"deals": imported.rows, "target_wan": None})
    assert result.figure("pipeline_wan") == 250  # the deals, the totals not counted again


def test_a_row_without_a_name_that_adds_up_nothing_is_refused_on_its_row():
    text = "商机名称,销售阶段,商机金额(万元),months_to_close\n华东化工,需求确认,120,3\n,,150,\n"
    message = _messages(_refusal(_csv, text))[0]
    assert message.startswith("Row 3: Please fill in 'Deal'")


@pytest.mark.parametrize(
    "currency", ["CNY - Chinese Yuan", "Chinese Yuan Renminbi (CNY)", "人民币（CNY）", "RMB"]
)
def test_a_currency_written_with_its_code_beside_its_name_is_cny(currency):
    text = (
        "Topic,Est. Revenue,Currency,Sales Stage,months_to_close\n"
        f"Acme,1000000,{currency},Propose,3\n"
    )
    assert _csv(text).rows[0]["amount_wan"] == 100  # 1,000,000 元 = 100 万元


@pytest.mark.parametrize("currency", ["US Dollar (USD)", "CNY - US Dollar"])
def test_a_currency_whose_name_or_code_is_another_is_refused_never_converted(currency):
    text = (
        "Topic,Est. Revenue,Currency,Sales Stage,months_to_close\n"
        f"Acme,1000000,{currency},Propose,3\n"
    )
    [message] = _messages(_refusal(_csv, text))
    assert f"'Currency' holds currencies other than CNY: {currency}." in message


@pytest.mark.parametrize(
    ("header", "wan"),
    [
        ("商机金额(千元)", 12),  # 120 千元 = 120,000 元 = 12 万元
        ("商机金额（百万元）", 12_000),  # 120 百万元 = 1.2 亿元
        ("Amount (CNY thousands)", 12),
        ("金额/万元", 120),  # the unit after a slash, as Chinese tables head a column
        ("金额（单位：万元）", 120),
        ("Amount (in CNY)", 0.012),
    ],
)
def test_a_header_in_thousands_millions_or_with_its_unit_said_is_read_in_that_unit(header, wan):
    text = f"商机名称,销售阶段,{header},months_to_close\n华东化工,需求确认,120,3\n"
    assert _csv(text).rows[0]["amount_wan"] == wan


def test_a_cell_in_thousands_is_read_so_whatever_the_header_says():
    text = "商机名称,销售阶段,商机金额(元),months_to_close\n华东化工,需求确认,¥5千,3\n"
    assert _csv(text).rows[0]["amount_wan"] == 0.5  # 5,000 元


def test_an_excel_cell_shown_in_thousands_by_a_comma_stores_yuan():
    header = ["商机名称", "销售阶段", "商机金额(万元)", "months_to_close"]
    data = _book([header, ["华东化工", "需求确认", 1_200_000, 3]], {"C2": '#,##0,"千元"'})
    assert _xlsx(data).rows[0]["amount_wan"] == 120  # shows 1,200千元: it stores 元


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_crm_s_excel_export_that_is_text_under_an_xls_name_is_read(encoding):
    """Some CRMs' "Export to Excel" writes tab-separated text and names it .xls."""
    text = (
        "Opportunity Name\tStage\tAmount (CNY)\tmonths_to_close\nAcme\tNeeds Analysis\t1000000\t3\n"
    )
    imported = read_table(text.encode(encoding), "report.xls", DEALS)
    assert imported.rows[0]["amount_wan"] == 100
    assert "Read a text file (named .xls, but not an Excel workbook)" in _lines(imported)


def test_an_xls_that_is_a_web_page_is_named_as_such_with_the_fix():
    data = b"<html><body><table><tr><td>Opportunity Name</td></tr></table></body></html>"
    [message] = _messages(_refusal(read_table, data, "report.xls", DEALS))
    assert "really a web page" in message and "save it as 'Excel Workbook (.xlsx)'" in message


def test_a_huge_amount_in_a_column_headed_in_yuan_is_not_blamed_on_the_unit():
    text = "商机名称,销售阶段,商机金额(元),months_to_close\n华东化工,需求确认,90000000000,3\n"
    [warning] = _csv(text).notice["warnings"]  # 900 亿元: the header said 元, so did the reader
    assert "请核对金额是不是多写了几位" in warning["text"]["zh"]
    assert "rather than 10k CNY" not in warning["text"]["en"]
