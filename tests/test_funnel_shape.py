"""Funnel shape diagnosis 利用销售漏斗进行销售分析 (key-account-sales-process.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.funnel_shape import CALCULATOR, SHAPE_ADVICE, shape_for


def run(searching: int, funnel: int, best: int, won: int | None = None):
    return CALCULATOR.run(
        {
            "searching_customers": searching,
            "funnel_customers": funnel,
            "best_state_customers": best,
            "won_deals": won,
        }
    )


def test_the_rules_of_thumb_make_an_ideal_funnel():
    # 20% of 50 searched enter the funnel; 40% of those reach the best state
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.verdict.key == "ideal"
    assert result.figure("enter_pct") == 20
    assert result.figure("advance_pct") == 40
    assert result.figure("won_pct") == 75
    assert "team building" in result.actions[0].en


def test_many_found_few_followed_is_development_only():
    result = run(100, 5, 2)
    assert result.verdict.key == "development_only"
    assert any("Share customer information" in a.en for a in result.actions)


def test_a_bulging_middle_is_follow_up_only():
    assert run(20, 15, 2).verdict.key == "follow_up_only"
    assert run(50, 10, 1).verdict.key == "follow_up_only"
    assert any("team" in a.en for a in run(20, 15, 2).actions)


def test_a_bottom_as_wide_as_the_middle_is_signing_only():
    result = run(50, 10, 9)
    assert result.verdict.key == "signing_only"
    assert any("developing and nurturing" in a.en for a in result.actions)


def test_an_hourglass_is_method_less():
    result = run(100, 2, 5)
    assert result.verdict.key == "method_less"
    assert any("grade every customer" in a.en for a in result.actions)


def test_equal_counts_in_every_layer_are_not_ideal():
    assert shape_for(10, 10, 10) == "signing_only"


@pytest.mark.parametrize(
    ("searching", "funnel", "best", "shape"),
    [
        (100, 10, 5, "ideal"),  # exactly 10% enters: still in range
        (100, 9, 5, "development_only"),  # 9% is below the range
        (100, 40, 20, "ideal"),  # exactly 40%
        (100, 41, 20, "follow_up_only"),  # 41% is above it
        (50, 10, 2, "ideal"),  # exactly 20% advances
        (100, 20, 3, "follow_up_only"),  # 15% advances
        (50, 10, 8, "ideal"),  # exactly 80% advances
        (100, 20, 17, "signing_only"),  # 85% advances
    ],
)
def test_the_ratio_ranges_at_their_edges(searching, funnel, best, shape):
    assert shape_for(searching, funnel, best) == shape


@pytest.mark.parametrize(
    ("searching", "funnel", "best", "shape"),
    [
        (30, 0, 0, "development_only"),
        (0, 12, 0, "follow_up_only"),
        (0, 0, 4, "signing_only"),
        (30, 0, 4, "method_less"),
        (0, 10, 5, "follow_up_only"),  # nothing searching behind a working middle
    ],
)
def test_empty_layers_still_give_a_shape(searching, funnel, best, shape):
    result = run(searching, funnel, best)
    assert result.verdict.key == shape


def test_won_deals_only_inform():
    with_won = run(50, 10, 4, 1)
    without = run(50, 10, 4)
    assert with_won.verdict == without.verdict
    assert with_won.figure("won_pct") == 25
    assert without.figure("won_pct") is None
    assert "about 80%" in with_won.reasoning[-1].en


def test_the_layer_table_shares_add_up_to_a_hundred():
    rows = run(50, 10, 4).table("layers").rows
    assert [r["customers"] for r in rows] == [50, 10, 4]
    assert sum(r["share_pct"] for r in rows) == pytest.approx(100, abs=0.02)


def test_no_customers_at_all_is_an_input_error():
    with pytest.raises(InputError) as caught:
        run(0, 0, 0)
    assert caught.value.field == "searching_customers"
    assert caught.value.message.zh and caught.value.message.en


def test_negative_or_fractional_counts_are_refused():
    with pytest.raises(InputError) as caught:
        run(-1, 0, 0)
    assert caught.value.field == "searching_customers"
    with pytest.raises(InputError) as caught:
        run(10, 2.5, 1)  # type: ignore[arg-type]
    assert caught.value.field == "funnel_customers"


def test_every_shape_has_the_sources_advice():
    assert set(SHAPE_ADVICE) == {
        "ideal",
        "development_only",
        "follow_up_only",
        "signing_only",
        "method_less",
    }
    assert all(advice for advice in SHAPE_ADVICE.values())


layer = st.integers(min_value=0, max_value=500)


@given(layer, layer, layer, st.integers(min_value=2, max_value=50))
def test_scaling_every_layer_keeps_the_shape(searching, funnel, best, factor):
    if searching + funnel + best == 0:
        return
    assert shape_for(searching, funnel, best) == shape_for(
        searching * factor, funnel * factor, best * factor
    )


@given(layer, layer, layer)
def test_more_in_the_best_state_never_turns_a_signing_funnel_back(searching, funnel, best):
    if searching + funnel + best == 0:
        return
    if shape_for(searching, funnel, best) == "signing_only":
        assert shape_for(searching, funnel, best + 1) == "signing_only"
