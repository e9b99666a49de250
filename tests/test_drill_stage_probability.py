"""Self-check drill "which deal-heat probability?": answers come from deal_heat."""

from __future__ import annotations

from collections import Counter

import drill_checks as checks
import pytest
from hypothesis import given

from calculators import InputError
from calculators.drills.drill_stage_probability import (
    CALCULATOR,
    ITEM_STAGES,
    ITEMS,
    answer_for,
    answer_key,
)
from calculators.models.deal_heat import STAGE_PROBABILITY, STAGES

KEY = answer_key()


def test_the_bank_holds_at_least_fifteen_items_complete_in_both_languages():
    checks.assert_bank_is_complete_in_both_languages(CALCULATOR)


def test_the_choices_are_the_six_stage_probabilities():
    for field in CALCULATOR.fields:
        assert [c.value for c in field.choices] == [str(STAGE_PROBABILITY[s]) for s in STAGES]
        assert [c.label.en for c in field.choices] == ["20%", "40%", "60%", "80%", "90%", "100%"]


def test_the_answer_key_is_the_deal_heat_of_each_stage():
    assert [(key, str(STAGE_PROBABILITY[ITEM_STAGES[key]])) for key, _ in KEY] == KEY


def test_every_computed_answer_is_one_of_its_choices():
    checks.assert_every_answer_is_one_of_its_choices(CALCULATOR, KEY)


def test_every_stage_appears_three_times_in_no_repeating_order():
    assert Counter(ITEM_STAGES.values()) == dict.fromkeys(STAGES, 3)
    order = [ITEM_STAGES[i.key] for i in ITEMS]
    assert order[:6] != order[6:12] and order[6:12] != order[12:]


def test_the_reason_names_the_stage_its_heat_and_the_next_follow_up():
    heat, why = answer_for("terms_negotiation")
    assert heat == "60"
    assert "Commercial terms under negotiation" in why.en and "60%" in why.en
    assert "trial" in why.en  # the follow-up that leads to the next stage
    assert "商务条款的商谈" in why.zh


def test_an_unknown_stage_cannot_enter_the_bank():
    with pytest.raises(ValueError):
        answer_for("handshake")


def test_a_perfect_answer_set_scores_one_hundred_percent():
    checks.assert_a_perfect_set_scores_one_hundred(CALCULATOR, KEY)


def test_a_wrong_answer_gets_the_right_heat_the_reason_and_a_link_to_deal_heat():
    checks.assert_a_wrong_answer_gets_the_answer_a_reason_and_a_link(
        CALCULATOR, KEY, "prioritising/deal-heat"
    )


def test_blank_answers_are_not_counted_as_wrong():
    checks.assert_blanks_are_not_wrong(CALCULATOR, KEY)


def test_nothing_answered_shows_the_answer_key_for_a_trainer():
    checks.assert_nothing_answered_shows_the_answer_key(CALCULATOR, KEY)


def test_a_learner_starts_with_nothing_answered():
    checks.assert_a_learner_starts_with_nothing_answered(CALCULATOR)


def test_each_answer_is_explained_beside_its_question():
    checks.assert_each_answer_is_explained_beside_its_question(CALCULATOR, KEY)


def test_the_verdict_walks_from_mastered_to_practise_as_answers_go_wrong():
    checks.assert_bands_when_every_item_is_answered(CALCULATOR, KEY)


def test_a_percentage_that_is_no_stage_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"q01": "50"})
    assert caught.value.field == "q01"


def test_a_number_typed_for_a_percentage_is_read_as_its_choice():
    result = CALCULATOR.run({**checks.blank(CALCULATOR), "q01": 40})
    assert result.figure("answered") == 1
    assert result.figure("correct") == (KEY[0][1] == "40")


@given(checks.answer_sets(CALCULATOR))
def test_the_score_is_the_number_of_answers_that_match_the_key(answers):
    checks.assert_score_counts_the_matching_answers(CALCULATOR, KEY, answers)
