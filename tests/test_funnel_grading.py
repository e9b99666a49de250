"""Funnel grading A/B/C/D 客户分级, as the methodology states it (key-account-sales-process.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.funnel_grading import CALCULATOR, GRADES, SITUATIONS, grade_for_months

ORDER = "ABCD"


def deal(months: float | None, situation: str = "none", name: str = "Deal") -> dict:
    return {"name": name, "months_to_close": months, "situation": situation}


def grade_of(months: float | None, situation: str = "none") -> str:
    result = CALCULATOR.run({"deals": [deal(months, situation)]})
    return result.table("deals").rows[0]["grade"]


@pytest.mark.parametrize(
    ("months", "grade"),
    [
        (0, "A"),
        (5.9, "A"),
        (6, "A"),
        (6.01, "B"),
        (12, "B"),
        (12.5, "C"),
        (18, "C"),
        (18.01, "D"),
        (36, "D"),
    ],
)
def test_the_time_windows_at_their_edges(months, grade):
    assert grade_for_months(months) == grade
    assert grade_of(months) == grade


def test_a_deal_in_commercial_negotiation_is_an_a_whatever_the_timing():
    assert grade_of(None, "negotiating") == "A"
    assert grade_of(3, "negotiating") == "A"
    result = CALCULATOR.run({"deals": [deal(24, "negotiating")]})
    row = result.table("deals").rows[0]
    assert row["grade"] == "A"
    assert "24 months alone would be D" in row["reason"].en


def test_a_signed_customer_with_new_needs_is_an_a():
    assert grade_of(None, "signed_new_need") == "A"


@pytest.mark.parametrize("situation", ["denies_need", "satisfied_incumbent", "just_signed_other"])
def test_the_d_traits_make_a_d_even_when_the_deal_looks_close(situation):
    assert grade_of(2, situation) == "D"
    assert grade_of(None, situation) == "D"


def test_an_incumbent_that_keeps_failing_makes_the_deal_at_least_b():
    assert grade_of(30, "incumbent_failed") == "B"
    assert grade_of(15, "incumbent_failed") == "B"
    assert grade_of(4, "incumbent_failed") == "A"


def test_waiting_for_something_before_selection_is_at_most_b():
    assert grade_of(3, "waiting_to_select") == "B"
    assert grade_of(10, "waiting_to_select") == "B"
    assert grade_of(16, "waiting_to_select") == "C"


@pytest.mark.parametrize("situation", ["no_urgency", "hopes_in_incumbent"])
def test_no_urgency_or_hope_in_the_incumbent_is_at_most_c(situation):
    assert grade_of(4, situation) == "C"
    assert grade_of(25, situation) == "D"


def test_the_worked_list_has_two_deals_in_every_grade():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert [result.figure(g) for g in "abcd"] == [2, 2, 2, 2]
    assert result.verdict.key == "A"
    assert result.figure("top_deal") == "ABC 公司"
    rows = result.table("deals").rows
    assert sorted(r["rank"] for r in rows) == list(range(1, 9))
    assert {r["name"]: r["grade"] for r in rows}["巨人塑料"] == "B"


def test_every_present_grade_gets_its_measure_and_strategy():
    result = CALCULATOR.run({"deals": [deal(3), deal(30)]})
    text = " ".join(a.en for a in result.actions)
    assert GRADES["A"].measure.en in text
    assert GRADES["D"].measure.en in text
    assert GRADES["B"].measure.en not in text
    assert "owner" in result.actions[-1].en


def test_c_and_d_share_one_development_strategy():
    assert GRADES["C"].strategy == GRADES["D"].strategy
    assert GRADES["C"].measure != GRADES["D"].measure
    assert all(g.service and g.traits for g in GRADES.values())


def test_the_best_grade_is_the_verdict_and_sooner_deals_rank_first():
    result = CALCULATOR.run(
        {"deals": [deal(11, name="Later B"), deal(7, name="Sooner B"), deal(40, name="D")]}
    )
    assert result.verdict.key == "B"
    assert result.figure("top_deal") == "Sooner B"
    ranks = {r["name"]: r["rank"] for r in result.table("deals").rows}
    assert ranks == {"Sooner B": 1, "Later B": 2, "D": 3}


def test_missing_months_is_an_error_unless_the_situation_decides():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"deals": [deal(3), deal(None, "hopes_in_incumbent")]})
    error = caught.value
    assert (error.field, error.row, error.column) == ("deals", 1, "months_to_close")
    assert error.message.zh and error.message.en


def test_a_blank_situation_grades_on_timing():
    result = CALCULATOR.run({"deals": [{"name": "X", "months_to_close": 13}]})
    assert result.verdict.key == "C"


def test_negative_months_and_unknown_situations_are_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"deals": [deal(-1)]})
    assert caught.value.column == "months_to_close"
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"deals": [deal(3, "maybe")]})
    assert caught.value.column == "situation"


def test_an_empty_list_is_refused():
    with pytest.raises(InputError):
        CALCULATOR.run({"deals": []})


# a nonzero value below 1e-6 is refused by the schema
months = st.floats(min_value=0, max_value=120, allow_nan=False).map(lambda v: round(v, 6))
situations = st.sampled_from(sorted(SITUATIONS))


@given(months, months, situations)
def test_a_later_close_never_earns_a_better_grade(first, second, situation):
    soon, late = sorted((first, second))
    assert ORDER.index(grade_of(late, situation)) >= ORDER.index(grade_of(soon, situation))


@given(st.lists(st.tuples(months, situations), min_size=1, max_size=40))
def test_the_grade_counts_add_up_to_the_deals(rows):
    result = CALCULATOR.run({"deals": [deal(m, s, f"d{i}") for i, (m, s) in enumerate(rows)]})
    assert sum(result.figure(g) for g in "abcd") == len(rows)
    ranked = sorted(result.table("deals").rows, key=lambda r: r["rank"])
    grades = [ORDER.index(r["grade"]) for r in ranked]
    assert grades == sorted(grades)
    assert result.verdict.key == ranked[0]["grade"]


def test_a_situation_still_reads_by_the_label_it_had_before():
    """A file exported with an earlier English label imports as it did (``Choice.formerly``)."""
    from calculators.tables import read_table

    deals = CALCULATOR.field("deals")
    for label in ("Still hopes in the incumbent", "Still hopes the incumbent will come through"):
        data = f"Prospect or deal,Months to close,Situation\nLeisure Foods,8,{label}\n".encode()
        assert read_table(data, "deals.csv", deals).rows[0]["situation"] == "hopes_in_incumbent"
