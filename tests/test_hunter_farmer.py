"""Hunter or farmer? 猎人与农夫 self-assessment (raising-customer-value.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.hunter_farmer import CALCULATOR, TRAIT_PAIRS, hunter_pct, profile_for

KEYS = [key for key, _, _ in TRAIT_PAIRS]


def answers(*points: int) -> dict:
    """Inputs answering the nine pairs in order, +2 strongly hunter … −2 strongly farmer."""
    return {key: str(p) for key, p in zip(KEYS, points, strict=True)}


def test_the_nine_pairs_of_the_slide_are_asked_in_both_languages():
    assert len(CALCULATOR.fields) == 9
    first = CALCULATOR.field("rapport_pace")
    assert first.label.zh == "快速搞好关系 ↔ 慢，有条理的"
    last = CALCULATOR.field("business_focus")
    assert "善于开拓新生意" in last.label.zh and "老客户的维护" in last.label.zh
    assert [c.value for c in first.choices] == ["2", "1", "0", "-1", "-2"]
    assert all(c.label.zh and c.label.en for f in CALCULATOR.fields for c in f.choices)


@pytest.mark.parametrize(
    ("score", "profile"),
    [
        (-18, "farmer"),
        (-4, "farmer"),
        (-3, "balanced"),
        (0, "balanced"),
        (3, "balanced"),
        (4, "hunter"),
        (18, "hunter"),
    ],
)
def test_the_profile_bands_at_their_edges(score, profile):
    assert profile_for(score) == profile


@pytest.mark.parametrize(("score", "pct"), [(-18, 0), (-4, 38.89), (0, 50), (4, 61.11), (18, 100)])
def test_the_hunter_share_maps_minus_18_to_18_onto_0_to_100_percent(score, pct):
    assert hunter_pct(score) == pct


def test_the_worked_example_is_a_hunter_at_69_percent():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.figure("hunter_score") == 7
    assert result.figure("hunter_pct") == 69.44
    assert (result.figure("hunter_pairs"), result.figure("farmer_pairs")) == (6, 1)
    assert result.verdict.key == "hunter"
    assert "opening new business" in result.actions[0].en


def test_a_strong_farmer_is_told_to_maintain_existing_customers():
    result = CALCULATOR.run(answers(*[-2] * 9))
    assert result.figure("hunter_pct") == 0
    assert result.verdict.key == "farmer"
    assert "maintaining existing customers" in result.actions[0].en
    assert "对公司和客户极度忠诚" in result.reasoning[1].zh


def test_all_in_between_is_balanced_at_50_percent():
    result = CALCULATOR.run(answers(*[0] * 9))
    assert result.figure("hunter_pct") == 50
    assert result.verdict.key == "balanced"
    assert result.figure("between_pairs") == 9


def test_plus_four_is_a_hunter_and_plus_three_is_balanced():
    assert CALCULATOR.run(answers(1, 1, 1, 1, 0, 0, 0, 0, 0)).verdict.key == "hunter"
    assert CALCULATOR.run(answers(1, 1, 1, 0, 0, 0, 0, 0, 0)).verdict.key == "balanced"
    assert CALCULATOR.run(answers(-1, -1, -1, -1, 0, 0, 0, 0, 0)).verdict.key == "farmer"


def test_every_profile_gets_the_advice_on_building_a_team_of_both():
    for points in ([2] * 9, [0] * 9, [-2] * 9):
        result = CALCULATOR.run(answers(*points))
        assert "A team needs both" in result.actions[-1].en
        assert "团队要两种人都有" in result.actions[-1].zh


def test_answers_may_be_given_as_numbers():
    result = CALCULATOR.run({key: 1 for key in KEYS})
    assert result.figure("hunter_score") == 9


def test_an_answer_off_the_scale_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"risk": "3"})
    assert caught.value.field == "risk"
    assert caught.value.message.zh and caught.value.message.en


def test_a_blank_answer_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"rules": ""})
    assert caught.value.field == "rules"


point = st.integers(min_value=-2, max_value=2)
nine = st.lists(point, min_size=9, max_size=9)


@given(nine)
def test_reversing_every_answer_mirrors_hunter_and_farmer(points):
    result = CALCULATOR.run(answers(*points))
    mirror = CALCULATOR.run(answers(*[-p for p in points]))
    assert mirror.figure("hunter_pct") == pytest.approx(100 - result.figure("hunter_pct"))
    swap = {"hunter": "farmer", "farmer": "hunter", "balanced": "balanced"}
    assert mirror.verdict.key == swap[result.verdict.key]


@given(nine, st.data())
def test_leaning_further_towards_the_hunter_never_lowers_the_score(points, data):
    i = data.draw(st.integers(min_value=0, max_value=8))
    raised = points.copy()
    raised[i] = min(2, raised[i] + 1)
    before = CALCULATOR.run(answers(*points))
    after = CALCULATOR.run(answers(*raised))
    order = ["farmer", "balanced", "hunter"]
    assert after.figure("hunter_score") >= before.figure("hunter_score")
    assert order.index(after.verdict.key) >= order.index(before.verdict.key)
    assert 0 <= after.figure("hunter_pct") <= 100
