"""Which customer first? Expected value = chance × amount (raising-customer-value.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.expected_value import CALCULATOR, expected_value


def customers(*rows: tuple[str, float, float]) -> dict:
    """Inputs for customers given as (name, probability_pct, amount_wan)."""
    return {
        "customers": [{"name": name, "probability_pct": p, "amount_wan": a} for name, p, a in rows]
    }


def ranks(result) -> dict[str, int]:
    return {r["name"]: r["rank"] for r in result.table("customers").rows}


@pytest.mark.parametrize(
    ("probability_pct", "amount_wan", "expected_wan"),
    [
        (90, 200, 180),
        (60, 100, 60),
        (30, 200, 60),
        (90, 50, 45),
        (30, 50, 15),
        (0, 500, 0),
        (100, 0, 0),
        (33.3, 10, 3.33),
    ],
)
def test_expected_value_is_chance_times_amount(probability_pct, amount_wan, expected_wan):
    assert expected_value(probability_pct, amount_wan) == pytest.approx(expected_wan)


def test_the_slide_grid_puts_a_first_then_b_d_c_e():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.verdict.key == "biggest"
    assert result.figure("first") == "A"
    assert result.figure("top_expected_wan") == 180
    assert result.figure("total_expected_wan") == 360
    assert result.figure("total_amount_wan") == 600
    assert ranks(result) == {"A": 1, "B": 2, "D": 3, "C": 4, "E": 5}
    assert "A first" in result.verdict.label.en


def test_d_at_twice_bs_amount_is_worth_no_more_than_b():
    result = CALCULATOR.run(CALCULATOR.defaults())
    lesson = result.reasoning[-1]
    assert "D is 2 times B's amount" in lesson.en
    assert "no higher than" in lesson.en
    assert "不高于" in lesson.zh
    assert any("like D" in a.en for a in result.actions)


def test_a_big_unlikely_deal_ranks_below_a_smaller_likely_one():
    result = CALCULATOR.run(customers(("Big", 30, 200), ("Small", 90, 100)))
    assert result.verdict.key == "likelier"
    assert result.figure("first") == "Small"
    assert ranks(result) == {"Small": 1, "Big": 2}
    assert "below" in result.reasoning[-1].en
    assert "Big" in result.verdict.label.en


def test_the_largest_deal_that_is_also_likely_comes_first():
    result = CALCULATOR.run(customers(("Small", 90, 50), ("Big", 90, 200)))
    assert result.verdict.key == "biggest"
    assert result.figure("first") == "Big"


def test_equal_expected_values_tie_and_keep_the_order_they_were_entered_in():
    result = CALCULATOR.run(customers(("Medium", 60, 100), ("Large", 30, 200)))
    assert result.verdict.key == "tied"
    assert result.figure("first") == "Medium"
    assert ranks(result) == {"Medium": 1, "Large": 2}
    assert "Medium" in result.verdict.label.en and "Large" in result.verdict.label.en


def test_nothing_to_prioritise_when_every_expected_value_is_zero():
    result = CALCULATOR.run(customers(("No chance", 0, 300), ("No amount", 80, 0)))
    assert result.verdict.key == "none"
    assert result.figure("top_expected_wan") == 0
    assert ranks(result) == {"No chance": 1, "No amount": 2}


def test_one_customer_is_first_by_itself():
    result = CALCULATOR.run(customers(("Only", 50, 10)))
    assert result.verdict.key == "biggest"
    assert result.figure("top_expected_wan") == 5


def test_a_chance_above_one_hundred_percent_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(customers(("A", 120, 100)))
    error = caught.value
    assert (error.field, error.row, error.column) == ("customers", 0, "probability_pct")
    assert "100" in error.message.en and error.message.zh


def test_a_negative_amount_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(customers(("A", 50, 100), ("B", 50, -1)))
    assert (caught.value.row, caught.value.column) == (1, "amount_wan")


def test_a_missing_amount_names_its_row():
    inputs = customers(("A", 50, 100))
    del inputs["customers"][0]["amount_wan"]
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.field, caught.value.row, caught.value.column) == (
        "customers",
        0,
        "amount_wan",
    )


def test_no_customers_at_all_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"customers": []})
    assert caught.value.field == "customers"


def test_two_hundred_deals_run_the_same_code():
    rows = [(f"Deal {i}", i % 101, (i * 7) % 500) for i in range(200)]
    result = CALCULATOR.run(customers(*rows))
    assert result.figure("customers") == 200
    assert sorted(r["rank"] for r in result.table("customers").rows) == list(range(1, 201))


chance = st.integers(min_value=0, max_value=100)
amount = st.integers(min_value=0, max_value=10_000)
deals = st.lists(st.tuples(chance, amount), min_size=1, max_size=12)


@given(deals, st.data())
def test_raising_a_chance_never_lowers_that_customers_rank(rows, data):
    i = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    named = [(f"c{n}", p, a) for n, (p, a) in enumerate(rows)]
    before = ranks(CALCULATOR.run(customers(*named)))[f"c{i}"]
    raised = named.copy()
    raised[i] = (f"c{i}", min(100, named[i][1] + 10), named[i][2])
    after = ranks(CALCULATOR.run(customers(*raised)))[f"c{i}"]
    assert after <= before


@given(deals, st.integers(min_value=2, max_value=10))
def test_scaling_every_amount_keeps_the_priority_order(rows, factor):
    named = [(f"c{n}", p, a) for n, (p, a) in enumerate(rows)]
    scaled = [(name, p, a * factor) for name, p, a in named]
    assert ranks(CALCULATOR.run(customers(*named))) == ranks(CALCULATOR.run(customers(*scaled)))


@given(deals)
def test_expected_values_add_up_and_never_exceed_the_amounts(rows):
    result = CALCULATOR.run(customers(*[(f"c{n}", p, a) for n, (p, a) in enumerate(rows)]))
    table = result.table("customers").rows
    assert result.figure("total_expected_wan") == pytest.approx(
        sum(r["expected_wan"] for r in table), abs=0.01
    )
    assert result.figure("total_expected_wan") <= result.figure("total_amount_wan")
    first = min(table, key=lambda r: r["rank"])
    assert first["expected_wan"] == max(r["expected_wan"] for r in table)
