"""Customer value pyramid, 80/20 and the opportunity matrix (key-account-management.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.customer_value import CALCULATOR, GROWTH_LEVERS, matrix_cell, tier_counts


def customer(
    name: str, profit: float, cost: float = 0, intangible: float | None = 0, probability: float = 50
) -> dict:
    return {
        "name": name,
        "profit_wan": profit,
        "cost_wan": cost,
        "intangible_wan": intangible,
        "probability_pct": probability,
    }


def run(*rows: dict):
    return CALCULATOR.run({"customers": list(rows)})


def rows_by_name(result) -> dict[str, dict]:
    return {r["name"]: r for r in result.table("customers").rows}


def test_total_value_is_profit_less_cost_plus_intangible_value():
    result = run(customer("A", 100, cost=30, intangible=15))
    assert rows_by_name(result)["A"]["total_value_wan"] == 85
    assert result.figure("total_value_wan") == 85


def test_a_blank_intangible_value_counts_as_nothing():
    result = run(customer("A", 100, cost=30, intangible=None))
    assert result.figure("total_value_wan") == 70


@pytest.mark.parametrize(
    ("n", "counts"),
    [
        (1, (1, 0, 0)),
        (2, (1, 0, 1)),
        (3, (1, 1, 1)),
        (5, (1, 2, 2)),
        (8, (2, 2, 4)),
        (10, (2, 3, 5)),
        (15, (3, 5, 7)),
        (20, (4, 6, 10)),
        (200, (40, 60, 100)),
    ],
)
def test_the_pyramid_is_twenty_thirty_fifty_rounded_up(n, counts):
    assert tier_counts(n) == counts


def test_ten_customers_make_two_key_three_important_five_general():
    result = run(*(customer(f"c{i}", 100 - i) for i in range(10)))
    assert (result.figure("key"), result.figure("important"), result.figure("general")) == (
        2,
        3,
        5,
    )
    tiers = [r["tier"].en for r in sorted(result.table("customers").rows, key=lambda r: r["rank"])]
    assert tiers == ["Key"] * 2 + ["Important"] * 3 + ["General"] * 5


def test_the_worked_table_follows_eighty_twenty():
    result = CALCULATOR.run(CALCULATOR.defaults())
    # top two: 480 + 280 = 760 of 933 positive value
    assert result.figure("top_share_pct") == 81.46
    assert result.verdict.key == "concentrated"
    assert result.figure("total_value_wan") == 925
    assert (result.figure("act_now"), result.figure("wait"), result.figure("drop")) == (5, 3, 2)
    rows = rows_by_name(result)
    assert rows["华东电力"]["tier"].en == "Key"
    assert rows["明光汽车"]["matrix"].en == "Wait for an opening"
    assert rows["宏达贸易"]["matrix"].en == "Drop (unprofitable)"


def test_exactly_eighty_percent_is_concentrated_and_less_is_spread():
    # 5 customers: the top one is the top 20%
    base = [customer(f"c{i}", 10) for i in range(4)]
    assert run(customer("top", 160), *base).verdict.key == "concentrated"  # 160 / 200
    assert run(customer("top", 159), *base).verdict.key == "spread"  # 159 / 199
    assert run(customer("top", 159), *base).figure("top_share_pct") == 79.9


def test_a_loss_maker_is_never_key_even_at_the_top_of_a_losing_table():
    result = run(customer("A", 10, cost=20), customer("B", 5, cost=20))
    assert result.figure("key") == 0
    assert result.verdict.key == "no_value"
    assert result.figure("top_share_pct") is None
    assert all(r["matrix"].en.startswith("Drop") for r in result.table("customers").rows)


@pytest.mark.parametrize(
    ("value", "probability", "cell"),
    [
        (100, 50, "act_now"),
        (100, 49.9, "wait"),
        (100, 0, "wait"),
        (0.01, 100, "act_now"),
        (0, 90, "drop"),
        (-5, 90, "drop"),
    ],
)
def test_the_opportunity_matrix_at_its_edges(value, probability, cell):
    assert matrix_cell(value, probability) == cell


def test_act_now_is_ordered_by_expected_value():
    result = run(
        customer("big but unsure", 200, probability=50),
        customer("smaller but sure", 120, probability=100),
    )
    assert "Act now: smaller but sure, big but unsure" in result.actions[1].en


def test_the_growth_levers_are_always_listed():
    result = run(customer("A", 10))
    text = " ".join(a.en for a in result.actions)
    assert all(lever.en.lower() in text for lever in GROWTH_LEVERS)
    assert "gap between target and current business" in result.actions[-1].en


def test_equal_values_keep_the_order_they_were_entered_in():
    result = run(customer("first", 50), customer("second", 50))
    ranks = {n: r["rank"] for n, r in rows_by_name(result).items()}
    assert ranks == {"first": 1, "second": 2}


def test_a_probability_above_a_hundred_is_refused():
    with pytest.raises(InputError) as caught:
        run(customer("A", 10, probability=120))
    assert (caught.value.field, caught.value.row, caught.value.column) == (
        "customers",
        0,
        "probability_pct",
    )


def test_a_negative_cost_and_a_missing_profit_are_refused():
    with pytest.raises(InputError) as caught:
        run(customer("A", 10, cost=-1), {"name": "B", "cost_wan": 1, "probability_pct": 10})
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(0, "cost_wan"), (1, "profit_wan")}


money = st.floats(min_value=-500, max_value=5000, allow_nan=False).map(lambda v: round(v, 2))
probability = st.integers(min_value=0, max_value=100)
tables = st.lists(st.tuples(money, probability), min_size=1, max_size=60)


@given(tables)
def test_the_tiers_add_up_and_follow_the_value(rows):
    result = run(*(customer(f"c{i}", v, probability=p) for i, (v, p) in enumerate(rows)))
    n = len(rows)
    assert result.figure("key") + result.figure("important") + result.figure("general") == n
    assert result.figure("act_now") + result.figure("wait") + result.figure("drop") == n
    order = {"Key": 0, "Important": 1, "General": 2}
    ranked = sorted(result.table("customers").rows, key=lambda r: r["rank"])
    tiers = [order[r["tier"].en] for r in ranked]
    assert tiers == sorted(tiers)
    values = [r["total_value_wan"] for r in ranked]
    assert values == sorted(values, reverse=True)
    share = result.figure("top_share_pct")
    assert share is None or 0 < share <= 100


@given(tables, st.integers(min_value=2, max_value=10))
def test_scaling_every_amount_keeps_the_pyramid_and_the_share(rows, factor):
    base = run(*(customer(f"c{i}", v, probability=p) for i, (v, p) in enumerate(rows)))
    scaled = run(*(customer(f"c{i}", v * factor, probability=p) for i, (v, p) in enumerate(rows)))
    assert (
        base.verdict.key == scaled.verdict.key
        or abs((base.figure("top_share_pct") or 0) - 80) < 0.02
    )
    for a, b in zip(base.table("customers").rows, scaled.table("customers").rows, strict=True):
        assert a["tier"] == b["tier"]
        assert a["matrix"] == b["matrix"]
