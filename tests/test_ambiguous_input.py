"""Never a silent wrong number: what can be read two ways is refused, naming both readings;
what can be read one way only is read, however a rep typed it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import calculator
from calculators.cli.__main__ import EXIT_BAD_INPUT, main
from calculators.core import InputError
from calculators.core._numbers import NumberProblem, parse_number
from calculators.tables import ReadOptions, read_table

PIPELINE = calculator("pipeline")
DEALS = PIPELINE.field("deals")


def _read(text: str, table=DEALS, **options):
    return read_table(text.encode("utf-8"), "export.csv", table, ReadOptions(**options))


def _refusal(text: str, table=DEALS, **options) -> str:
    with pytest.raises(InputError) as caught:
        _read(text, table, **options)
    return " ".join(f"{p.message.en} {p.message.zh}" for p in caught.value.problems)


def test_one_comma_five_in_an_amount_exits_2_naming_both_readings(tmp_path, capsys):
    path = tmp_path / "deals.csv"
    path.write_text('name,stage,amount_wan,months_to_close\nX,need_defined,"1,5",3\n', "utf-8")
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "1.5 (a decimal comma) or 15 (a thousands separator)" in err
    assert "1.5（逗号当小数点）或 15（逗号当千位分隔符）" in err


def test_a_probability_of_0_9_is_refused_naming_90_and_0_9_percent():
    message = _refusal(
        "name,probability_pct,amount_wan\nA,0.9,100\n",
        calculator("expected_value").field("customers"),
    )
    assert "90% (as a fraction) or 0.9%" in message


def test_a_probability_column_headed_in_percent_reads_0_9_as_0_9_percent():
    table = calculator("expected_value").field("customers")
    rows = _read("name,Probability (%),amount_wan\nA,0.9,100\n", table).rows
    assert rows[0]["probability_pct"] == 0.9


def test_two_headers_for_one_column_are_refused_naming_both():
    table = calculator("screening").field("prospects")
    message = _refusal("name,c1,准则1,c2,c3,c4\nX,1,2,1,1,1\n", table)
    assert "'c1', '准则1'" in message and "「c1」「准则1」" in message


def test_cells_beyond_the_header_are_refused_not_dropped():
    message = _refusal("name,stage,amount_wan\nX,need_defined,100,surprise\n")
    assert "Row 2: 1 more cell than the header ('surprise')" in message  # the header is row 1


def test_a_percentage_in_an_amount_is_refused():
    message = _refusal("name,stage,amount_wan,months_to_close\nX,need_defined,101 %,3\n")
    assert "'101 %' is a percentage, but this field is in 10k CNY" in message


def test_an_amount_whose_column_names_no_unit_is_refused_naming_both_readings():
    message = _refusal("Deal,Stage,Amount,months_to_close\nX,need_defined,1000000,3\n")
    assert "'1000000' can be 1000000 × 10k CNY or 100 × 10k CNY (if it is in CNY)" in message


def test_the_amount_unit_option_settles_a_column_without_unit():
    rows = _read(
        "Deal,Stage,Amount,months_to_close\nX,need_defined,1000000,3\n", amount_unit="yuan"
    )
    assert rows.rows[0]["amount_wan"] == 100


def test_a_day_month_date_that_could_be_either_is_refused_naming_both():
    message = _refusal("name,stage,amount_wan,Close Date\nX,need_defined,10,04/05/2027\n")
    assert "2027-05-04 (day first) or 2027-04-05 (month first)" in message


def test_a_foreign_currency_is_refused_not_converted():
    message = _refusal("name,stage,Amount,Currency,months_to_close\nX,need_defined,100,USD,3\n")
    assert "currencies other than CNY: USD" in message


def test_stages_that_do_not_map_are_listed_in_one_error_and_a_stage_map_fixes_them(
    tmp_path, capsys
):
    path = tmp_path / "deals.csv"
    path.write_text(
        "Deal Name,Deal Stage,Amount (CNY),Close Date\n"
        "A,Discovery,100000,2027-01-01\nB,Legal,200000,2027-01-01\nC,Discovery,1,2027-01-01\n",
        "utf-8",
    )
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("do not map") == 1 and "'Discovery', 'Legal'" in err
    stage_map = tmp_path / "stages.csv"
    stage_map.write_text(
        "CRM stage,stage\nDiscovery,需求已经规定并且建立了兴趣\nLegal,final_selection\n"
    )
    assert main(["run", "pipeline", str(path), "--stage-map", str(stage_map), "--json"]) == 0


def test_a_stage_label_copied_from_the_error_message_is_accepted():
    written_ways = (
        "需求已经规定并且建立了兴趣(20%)",
        "需求已经规定并且建立了兴趣",
        "need defined, interest established",
        "Quote submitted and discussed (40%)",
        "NEED_DEFINED",
    )
    for written in written_ways:
        row = {"name": "X", "stage": written, "amount_wan": 1, "months_to_close": 2}
        assert PIPELINE.validate({"deals": [row]})["deals"][0]["stage"] in (
            "need_defined",
            "quote_discussed",
        )


@pytest.mark.parametrize(
    ("typed", "value"),
    [("１２", 12), ("９０％", 90), ("1，000", 1000), ("200万", 200), ("¥2,000,000", 200),
     ("1.5亿", 15000), ("2,000,000元", 200), ("－５", -5), ("1,234,567.5", 1234567.5)],
)  # fmt: skip
def test_numbers_as_reps_type_them(typed, value):
    unit = ("%", "%") if "％" in typed else ("万元", "10k CNY")
    if typed in ("１２", "1，000", "－５", "1,234,567.5"):
        unit = (None, None)
    assert parse_number(typed, *unit) == value


@pytest.mark.parametrize("typed", ["1,5", "1,00,000", "12,3456", "$100", "5%"])
def test_numbers_that_cannot_be_read_one_way_are_refused(typed):
    with pytest.raises(NumberProblem):
        parse_number(typed, "万元", "10k CNY")


def test_a_cell_longer_than_csv_allows_gives_the_bilingual_error_not_a_csv_error():
    message = _refusal("name,stage,amount_wan\n" + "x" * 140_000 + ",need_defined,1\n")
    assert "longer than 131,072 characters" in message and "超过 131,072 个字符" in message


def test_a_file_too_big_is_refused_before_it_is_read():
    message = _refusal("name,stage,amount_wan\nX,need_defined,1\n", max_bytes=10)
    assert "too big" in message and "文件太大" in message


def test_an_empty_file_is_refused():
    assert "The file is empty." in _refusal("\n\n")


@given(st.integers(min_value=0, max_value=10**12))
def test_any_amount_with_valid_thousands_groups_reads_as_itself(amount):
    assert parse_number(f"{amount:,}", None) == amount
    full_width = f"{amount:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_number(full_width, None) == amount


@given(st.integers(min_value=0, max_value=10**9))
def test_yuan_are_ten_thousandths_of_wan(amount):
    assert parse_number(f"¥{amount:,}", "万元", "10k CNY") == round(amount / 10_000, 6)


def test_months_written_with_their_unit_are_read_as_months_in_the_form_and_in_a_file():
    deals = [
        {"name": "A", "stage": "need_defined", "amount_wan": "20", "months_to_close": "3个月"},
        {"name": "B", "stage": "need_defined", "amount_wan": "20", "months_to_close": "14 months"},
    ]
    board = PIPELINE.run({"deals": deals})
    assert [row["grade"] for row in board.table("deals").rows] == ["A", "C"]
    rows = _read("name,stage,amount_wan,months_to_close\nA,need_defined,20,3个月\n").rows
    assert rows[0]["months_to_close"] == 3


def test_three_yue_is_refused_naming_three_months_and_march():
    message = _refusal("name,stage,amount_wan,months_to_close\nA,need_defined,20,3月\n")
    assert "in 3 months, or month 3 of the year" in message
    assert "3 个月后，或 3 月份" in message


def test_three_yuefen_is_march_and_never_three_months():
    message = _refusal("name,stage,amount_wan,months_to_close\nA,need_defined,20,3月份\n")
    assert "is month 3 of the year, not a number of months" in message
    assert "是月份（3 月），不是月数" in message


@pytest.mark.parametrize(
    ("column", "cell", "says"),
    [
        ("amount_wan", "3个月", "is a number of months, but this field is in 10k CNY"),
        ("months_to_close", "200万", "is not a number of months"),
        ("months_to_close", "12%", "is not a number of months"),
    ],
)
def test_months_are_never_an_amount_nor_an_amount_a_number_of_months(column, cell, says):
    deal = {"name": "A", "stage": "need_defined", "amount_wan": "20", "months_to_close": "3"}
    with pytest.raises(InputError) as refused:
        PIPELINE.run({"deals": [{**deal, column: cell}]})
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (0, column)
    assert says in problem.message.en
