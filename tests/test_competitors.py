"""Competitor analysis 竞争对手分析表 on the key purchase criteria 关键采购标准 (表2, 表4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.competitors import CALCULATOR, position_for, verdict_for


def sheet(rows: list[tuple[float, int, int, int | None]], **names: str) -> dict:
    """Inputs from (weight %, our rating, A's rating, B's rating or None) rows."""
    criteria = [
        {
            "name": f"criterion {i + 1}",
            "weight_pct": w,
            "our_rating": us,
            "competitor_a_rating": a,
            "competitor_b_rating": b,
        }
        for i, (w, us, a, b) in enumerate(rows)
    ]
    return {"criteria": criteria, **names}


@pytest.mark.parametrize(
    ("margin", "verdict"),
    [
        (-4, "behind"),
        (-0.11, "behind"),
        (-0.1, "tied"),
        (0, "tied"),
        (0.1, "tied"),
        (0.1000000001, "tied"),
        (0.11, "lead"),
        (4, "lead"),
    ],
)
def test_a_margin_within_a_tenth_of_a_point_is_a_tie(margin, verdict):
    assert verdict_for(margin) == verdict


def test_the_worked_example_has_us_leading_the_stronger_competitor():
    result = CALCULATOR.run(CALCULATOR.defaults())
    # us: .30*4 + .20*4 + .25*3 + .15*5 + .10*2 = 3.70
    # A:  .30*5 + .20*3 + .25*2 + .15*2 + .10*4 = 3.30
    # B:  .30*3 + .20*3 + .25*5 + .15*2 + .10*3 = 3.35
    assert result.figure("our_score_5") == 3.7
    assert result.figure("competitor_a_score_5") == 3.3
    assert result.figure("competitor_b_score_5") == 3.35
    assert result.figure("our_score_100") == 74
    assert result.figure("margin_5") == 0.35
    assert result.verdict.key == "lead"
    assert "Competitor B" in result.verdict.label.en
    ranks = {r["company"].en: r["rank"] for r in result.table("scores").rows}
    assert ranks == {"Us": 1, "Competitor B": 2, "Competitor A": 3}


def test_the_worked_example_names_what_to_lead_with_and_what_to_steer_around():
    result = CALCULATOR.run(CALCULATOR.defaults("en"))
    positions = [r["position"].zh for r in result.table("criteria").rows]
    assert positions == ["对手优势", "人有我优", "对手优势", "人无我有", "我方劣势"]
    actions = " ".join(a.en for a in result.actions)
    # largest weighted advantages: service (+3 x 15%) then effect (+1 x 20%)
    assert "Lead with: Service, Effectiveness" in actions
    # largest weighted deficits: price (-2 x 25%) then quality (-1 x 30%)
    assert "Competitor ahead on: Price, Product quality" in actions
    assert "Never attack a competitor's weakness or deny its strength" in actions


@pytest.mark.parametrize(
    ("ours", "rival", "position"),
    [
        (4, 2, "unique"),
        (5, 1, "unique"),
        (3, 2, "better"),
        (4, 3, "better"),
        (3, 3, "level"),
        (1, 1, "level"),
        (3, 4, "their_strength"),
        (2, 3, "our_weakness"),
        (1, 5, "our_weakness"),
    ],
)
def test_we_have_it_they_dont_needs_four_or_more_against_two_or_less(ours, rival, position):
    assert position_for(ours, rival) == position


def test_equal_ratings_everywhere_is_a_tie():
    result = CALCULATOR.run(sheet([(60, 3, 3, 3), (40, 4, 4, 4)]))
    assert result.figure("margin_5") == 0
    assert result.verdict.key == "tied"


def test_one_point_on_a_tenth_of_the_weight_is_still_a_tie():
    result = CALCULATOR.run(sheet([(90, 3, 3, None), (10, 4, 3, None)]))
    assert result.figure("margin_5") == 0.1
    assert result.verdict.key == "tied"


def test_one_point_on_a_fifth_of_the_weight_is_a_lead_or_a_loss():
    ahead = CALCULATOR.run(sheet([(80, 3, 3, None), (20, 4, 3, None)]))
    behind = CALCULATOR.run(sheet([(80, 3, 3, None), (20, 3, 4, None)]))
    assert (ahead.verdict.key, ahead.figure("margin_5")) == ("lead", 0.2)
    assert (behind.verdict.key, behind.figure("margin_5")) == ("behind", -0.2)


def test_without_competitor_b_we_compare_with_a_only():
    result = CALCULATOR.run(sheet([(50, 4, 3, None), (50, 2, 3, None)]))
    assert result.figure("competitor_b_score_5") is None
    assert len(result.table("scores").rows) == 2
    assert "competitor_b_rating" not in result.table("criteria").rows[0]
    assert result.verdict.key == "tied"


def test_weights_that_do_not_total_100_are_read_as_shares_and_flagged():
    result = CALCULATOR.run(sheet([(30, 5, 3, None), (60, 2, 4, None)]))
    # shares 1/3 and 2/3: us 3.00, A 3.67
    assert result.figure("weight_total_pct") == 90
    assert result.figure("our_score_5") == 3
    assert result.figure("competitor_a_score_5") == 3.67
    assert result.verdict.key == "behind"
    assert "90%" in result.reasoning[0].en
    assert any("Confirm the weights" in a.en for a in result.actions)


def test_weights_of_100_are_not_flagged():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert not any("Confirm the weights" in a.en for a in result.actions)


def test_names_given_replace_the_column_heads():
    inputs = sheet(
        [(100, 4, 3, 2)],
        our_name="青风股份",
        competitor_a_name="甲公司",
        competitor_b_name="乙公司",
    )
    result = CALCULATOR.run(inputs)
    assert [r["company"].zh for r in result.table("scores").rows] == [
        "青风股份",
        "甲公司",
        "乙公司",
    ]
    assert "甲公司" in result.verdict.label.en


def test_all_weights_zero_cannot_form_a_score():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(sheet([(0, 4, 3, 2), (0, 2, 3, 4)]))
    assert (caught.value.field, caught.value.column) == ("criteria", "weight_pct")
    assert caught.value.message.zh and caught.value.message.en


def test_rating_b_on_some_criteria_only_names_every_missing_cell():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(sheet([(40, 4, 3, 2), (30, 2, 3, None), (30, 3, 3, None)]))
    cells = [(p.row, p.column) for p in caught.value.problems]
    assert cells == [(1, "competitor_b_rating"), (2, "competitor_b_rating")]


def test_naming_competitor_b_without_rating_it_is_an_error():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(sheet([(100, 4, 3, None)], competitor_b_name="乙公司"))
    assert caught.value.field == "competitor_b_name"


@pytest.mark.parametrize(("column", "value"), [("our_rating", 6), ("competitor_a_rating", 0)])
def test_ratings_outside_one_to_five_are_refused(column, value):
    inputs = sheet([(100, 4, 3, 2)])
    inputs["criteria"][0][column] = value
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.row, caught.value.column) == (0, column)
    assert "1" in caught.value.message.en and "5" in caught.value.message.en


def test_a_weight_above_100_percent_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(sheet([(120, 4, 3, 2)]))
    assert caught.value.column == "weight_pct"


def test_a_missing_rating_of_ours_names_its_cell():
    inputs = sheet([(100, 4, 3, 2)])
    del inputs["criteria"][0]["our_rating"]
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.field, caught.value.row, caught.value.column) == (
        "criteria",
        0,
        "our_rating",
    )


def test_two_hundred_criteria_run_the_same_code():
    rows = [(0.5, 1 + i % 5, 1 + (i + 2) % 5, None) for i in range(200)]
    result = CALCULATOR.run(sheet(rows))
    assert len(result.table("criteria").rows) == 200
    assert result.figure("weight_total_pct") == 100


ratings = st.integers(min_value=1, max_value=5)
weights = st.integers(min_value=1, max_value=100)
rows_strategy = st.lists(st.tuples(weights, ratings, ratings, ratings), min_size=1, max_size=12)


@given(rows_strategy, st.data())
def test_raising_one_of_our_ratings_never_lowers_our_score_or_verdict(rows, data):
    i = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    before = CALCULATOR.run(sheet(rows))
    raised = list(rows)
    w, us, a, b = raised[i]
    raised[i] = (w, min(5, us + 1), a, b)
    after = CALCULATOR.run(sheet(raised))
    order = ["behind", "tied", "lead"]
    assert after.figure("our_score_5") >= before.figure("our_score_5")
    assert order.index(after.verdict.key) >= order.index(before.verdict.key)


@given(rows_strategy, st.integers(min_value=2, max_value=7))
def test_scaling_every_weight_leaves_every_score_unchanged(rows, factor):
    base = CALCULATOR.run(sheet(rows))
    scaled = CALCULATOR.run(sheet([(w * factor / 10, us, a, b) for w, us, a, b in rows]))
    for key in ("our_score_5", "competitor_a_score_5", "competitor_b_score_5", "margin_5"):
        assert scaled.figure(key) == pytest.approx(base.figure(key), abs=0.011)


@given(rows_strategy)
def test_every_score_lies_between_the_lowest_and_highest_rating(rows):
    result = CALCULATOR.run(sheet(rows))
    for key, column in (
        ("our_score_5", 1),
        ("competitor_a_score_5", 2),
        ("competitor_b_score_5", 3),
    ):
        values = [r[column] for r in rows]
        assert min(values) - 0.005 <= result.figure(key) <= max(values) + 0.005
    shares = [r["share_pct"] for r in result.table("criteria").rows]
    assert sum(shares) == pytest.approx(100, abs=0.01 * len(shares))
