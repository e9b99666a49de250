"""Target-customer evaluation 評價目標客戶 by ratio scoring 沃尔评分法."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.customer_evaluation import CALCULATOR, band_for, relative_ratio

DIMENSIONS = ["market_position", "finance", "management", "technical_service", "marketing"]


def indicator(weight, standard, actual, direction="higher", dimension="finance", name="ind"):
    return {
        "name": name,
        "dimension": dimension,
        "weight_points": weight,
        "standard_value": standard,
        "actual_value": actual,
        "direction": direction,
    }


def one_per_dimension(actual_over_standard: list[float]) -> dict:
    """Five indicators of 20 points, one per dimension, standard 100, actual as given × 100."""
    return {
        "indicators": [
            indicator(20, 100, r * 100, dimension=d, name=d)
            for d, r in zip(DIMENSIONS, actual_over_standard, strict=True)
        ]
    }


@pytest.mark.parametrize(
    ("index", "band"),
    [
        (150, "strong"),
        (100, "strong"),
        (99.99, "acceptable"),
        (80, "acceptable"),
        (79.99, "doubtful"),
        (60, "doubtful"),
        (59.99, "unsuitable"),
        (0, "unsuitable"),
    ],
)
def test_the_bands_at_their_edges(index, band):
    assert band_for(index) == band


def test_every_indicator_at_its_standard_scores_exactly_the_weights():
    result = CALCULATOR.run(one_per_dimension([1, 1, 1, 1, 1]))
    assert result.figure("total_points") == 100
    assert result.verdict.key == "strong"


def test_the_worked_distributor_is_acceptable_and_weakest_in_management():
    result = CALCULATOR.run(CALCULATOR.defaults())
    # 13.33 + 8 + 10.62 + 8.33 + 8 + 7.5 + 4 + 6 + 7.5 + 12 + 8.57
    assert result.figure("total_points") == 93.85
    assert result.figure("index") == 93.85
    assert result.verdict.key == "acceptable"
    assert result.figure("weakest_dimension_index") == 76.67
    assert any(a.en.startswith("Management is weakest") for a in result.actions)
    dims = {r["dimension"].en: r["points"] for r in result.table("dimensions").rows}
    assert dims == {
        "Market position": 21.33,
        "Finance": 26.95,
        "Management": 11.5,
        "Technical service": 13.5,
        "Marketing": 20.57,
    }
    assert sum(dims.values()) == pytest.approx(result.figure("total_points"))


def test_a_lower_is_better_indicator_is_inverted():
    # 60 days standard, 75 actual: 60/75 = 0.8 of the 10 points
    assert relative_ratio(60, 75, "lower") == pytest.approx(0.8)
    assert relative_ratio(60, 48, "lower") == pytest.approx(1.25)


def test_an_indicator_earns_at_most_one_and_a_half_times_its_weight():
    result = CALCULATOR.run({"indicators": [indicator(10, 5, 50)]})
    assert result.table("indicators").rows[0]["score"] == 15
    assert result.figure("total_points") == 15
    assert "cap" in result.table("indicators").rows[0]["note"].en


def test_a_loss_scores_nothing_on_a_higher_is_better_indicator():
    result = CALCULATOR.run({"indicators": [indicator(10, 12, -3), indicator(10, 12, 12)]})
    assert [r["score"] for r in result.table("indicators").rows] == [0, 10]
    assert result.figure("index") == 50
    assert result.verdict.key == "unsuitable"


def test_zero_on_a_lower_is_better_indicator_is_as_good_as_it_gets():
    assert relative_ratio(2, 0, "lower") == 1.5


@pytest.mark.parametrize(
    ("ratios", "band"),
    [
        ([1, 1, 1, 1, 1], "strong"),
        ([0.8] * 5, "acceptable"),
        ([0.6] * 5, "doubtful"),
        ([0.59] * 5, "unsuitable"),
        ([1.5, 1.5, 0.5, 0.25, 0.25], "acceptable"),
    ],
)
def test_bands_on_the_total_of_five_dimensions(ratios, band):
    assert CALCULATOR.run(one_per_dimension(ratios)).verdict.key == band


def test_weights_that_do_not_make_100_are_banded_on_an_index():
    # 40 weight points, 32 scored: index 80, acceptable
    result = CALCULATOR.run(
        {"indicators": [indicator(20, 10, 8), indicator(20, 10, 8, dimension="marketing")]}
    )
    assert result.figure("total_points") == 16 * 2
    assert result.figure("weight_total_points") == 40
    assert result.figure("index") == 80
    assert result.verdict.key == "acceptable"
    assert "index 80" in result.reasoning[1].en


def test_dimensions_without_an_indicator_are_reported_not_assessed():
    result = CALCULATOR.run({"indicators": [indicator(10, 1, 1, dimension="finance")]})
    assert "Dimensions not assessed" in " ".join(t.en for t in result.reasoning)
    assert any("Add indicators" in a.en for a in result.actions)
    rows = {r["dimension"].en: r["index"] for r in result.table("dimensions").rows}
    assert rows["Finance"] == 100
    assert rows["Marketing"] is None


def test_all_weights_zero_cannot_form_a_total():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"indicators": [indicator(0, 1, 1), indicator(0, 2, 2)]})
    assert (caught.value.field, caught.value.column) == ("indicators", "weight_points")
    assert caught.value.message.zh and caught.value.message.en


def test_a_standard_of_zero_cannot_be_compared_with():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"indicators": [indicator(10, 5, 5), indicator(10, 0, 5)]})
    assert (caught.value.row, caught.value.column) == (1, "standard_value")


def test_a_negative_actual_on_a_lower_is_better_indicator_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"indicators": [indicator(10, 5, -1, direction="lower")]})
    assert (caught.value.row, caught.value.column) == (0, "actual_value")


def test_a_negative_standard_is_out_of_range():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"indicators": [indicator(10, -5, 5)]})
    assert caught.value.column == "standard_value"


def test_an_unknown_dimension_is_refused_with_the_five_named():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"indicators": [indicator(10, 5, 5, dimension="luck")]})
    assert caught.value.column == "dimension"
    assert "Market position" in caught.value.message.en


def test_a_missing_actual_names_its_cell():
    row = indicator(10, 5, 5)
    del row["actual_value"]
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"indicators": [row]})
    assert (caught.value.row, caught.value.column) == (0, "actual_value")


def test_two_hundred_indicators_run_the_same_code():
    rows = [indicator(0.5, 10, 10, dimension=DIMENSIONS[i % 5]) for i in range(200)]
    result = CALCULATOR.run({"indicators": rows})
    assert result.figure("total_points") == 100
    assert len(result.table("indicators").rows) == 200


weights = st.integers(min_value=1, max_value=30)
standards = st.floats(min_value=0.5, max_value=1000, allow_nan=False)
# a nonzero value below 1e-6 is refused by the schema
actuals = st.floats(min_value=0, max_value=3000, allow_nan=False).map(lambda v: round(v, 6))
directions = st.sampled_from(["higher", "lower"])
rows_strategy = st.lists(
    st.tuples(weights, standards, actuals, directions), min_size=1, max_size=12
)


def as_inputs(rows):
    return {
        "indicators": [
            indicator(w, s, a, d, dimension=DIMENSIONS[i % 5])
            for i, (w, s, a, d) in enumerate(rows)
        ]
    }


@given(rows_strategy)
def test_the_total_lies_between_zero_and_one_and_a_half_times_the_weights(rows):
    result = CALCULATOR.run(as_inputs(rows))
    weight_total = sum(w for w, *_ in rows)
    assert 0 <= result.figure("total_points") <= 1.5 * weight_total + 0.01
    scores = [r["score"] for r in result.table("indicators").rows]
    assert result.figure("total_points") == pytest.approx(sum(scores), abs=0.001)


@given(rows_strategy, st.data())
def test_moving_an_actual_the_better_way_never_lowers_the_score(rows, data):
    i = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    w, s, a, d = rows[i]
    better = list(rows)
    better[i] = (w, s, a * 1.1 + 1 if d == "higher" else round(a * 0.9, 6), d)
    before = CALCULATOR.run(as_inputs(rows))
    after = CALCULATOR.run(as_inputs(better))
    order = ["unsuitable", "doubtful", "acceptable", "strong"]
    assert after.figure("total_points") >= before.figure("total_points")
    assert order.index(after.verdict.key) >= order.index(before.verdict.key)


@given(rows_strategy, st.integers(min_value=2, max_value=3))
def test_scaling_every_weight_keeps_the_index(rows, factor):
    base = CALCULATOR.run(as_inputs(rows)).figure("index")
    scaled_rows = [(w * factor, s, a, d) for w, s, a, d in rows]
    scaled = CALCULATOR.run(as_inputs(scaled_rows)).figure("index")
    # each indicator's score is rounded to 0.01 point: allow that much per row on the index
    slack = 100 * 0.01 * len(rows) / sum(w for w, *_ in rows) + 0.01
    assert scaled == pytest.approx(base, abs=slack)
