"""Self-check drill "grade the opportunity": answers come from funnel_grading.grade_deal."""

from __future__ import annotations

import drill_checks as checks
import pytest
from hypothesis import given

from calculators import InputError
from calculators.core import fmt
from calculators.drills.drill_grades import CALCULATOR, ITEM_DATA, ITEMS, answer_for, answer_key
from calculators.models.funnel_grading import GRADE_ORDER, SITUATIONS, grade_for_months

KEY = answer_key()


def test_the_bank_holds_at_least_fifteen_items_complete_in_both_languages():
    checks.assert_bank_is_complete_in_both_languages(CALCULATOR)


#: The grades a trainer gives these eighteen stories by hand from the deck's rules: A within 6
#: months, B within 12, C within 18, D beyond; negotiating or a signed customer's new need is A,
#: denial, a satisfied incumbent or a rival just signed is D; waiting to select is at most B,
#: no urgency or hope in the incumbent at most C; an incumbent who failed repeatedly lifts to B.
HAND_KEY = {
    "q01": "A",  # 3 months, negotiating
    "q02": "B",  # 9 months, waiting to select
    "q03": "C",  # 15 months
    "q04": "B",  # 20 months, but the incumbent failed repeatedly
    "q05": "C",  # 8 months, still hopes in the incumbent
    "q06": "D",  # denies the need
    "q07": "D",  # just signed with another supplier
    "q08": "A",  # 5 months, signed customer with a new need
    "q09": "A",  # exactly 6 months
    "q10": "B",  # 4 months, but waiting to select
    "q11": "B",  # exactly 12 months
    "q12": "C",  # 10 months, no urgency
    "q13": "D",  # satisfied with the incumbent
    "q14": "C",  # exactly 18 months
    "q15": "D",  # 24 months
    "q16": "C",  # 2 months, still hopes in the incumbent
    "q17": "A",  # negotiating, no date given
    "q18": "B",  # 14 months, but the incumbent failed repeatedly
}


def test_the_answer_key_is_what_a_trainer_grades_by_hand():
    assert dict(KEY) == HAND_KEY


def test_every_computed_answer_is_one_of_its_choices():
    checks.assert_every_answer_is_one_of_its_choices(CALCULATOR, KEY)
    assert [c.value for c in CALCULATOR.fields[0].choices] == list(GRADE_ORDER)


@pytest.mark.parametrize("item", ITEMS, ids=[i.key for i in ITEMS])
def test_a_story_with_a_timing_states_its_months_in_both_languages(item):
    months, _situation = ITEM_DATA[item.key]
    if months is not None:
        assert f"{fmt(months)} 个月" in item.context.zh
        assert f"{fmt(months)} months" in item.context.en


@pytest.mark.parametrize("item", ITEMS, ids=[i.key for i in ITEMS])
def test_no_story_has_a_situation_that_contradicts_its_timing(item):
    months, situation = ITEM_DATA[item.key]
    rule = SITUATIONS[situation]
    if rule.effect == "force" and months is not None:
        assert grade_for_months(months) == rule.grade
    assert "check" not in item.explanation.en


def test_the_bank_covers_every_grade_every_situation_and_the_window_edges():
    assert {answer for _, answer in KEY} == set(GRADE_ORDER)
    assert {situation for _, situation in ITEM_DATA.values()} == set(SITUATIONS)
    timed = {months for months, situation in ITEM_DATA.values() if situation == "none"}
    assert {6, 12, 18} <= timed


def test_waiting_to_select_holds_a_four_month_deal_at_b():
    grade, why = answer_for(4, "waiting_to_select")
    assert grade == "B"
    assert "4 months would be A" in why.en and "at most B" in why.en


def test_a_failed_incumbent_lifts_a_twenty_month_deal_to_b():
    grade, why = answer_for(20, "incumbent_failed")
    assert grade == "B" and "at least B" in why.en


def test_the_reason_names_the_measure_of_the_grade():
    grade, why = answer_for(3, "negotiating")
    assert grade == "A"
    assert why.en.startswith("Selection started and in commercial negotiation: grade A")
    assert "Go all out" in why.en and "全力以赴" in why.zh


def test_a_story_without_months_must_have_a_situation_that_decides():
    with pytest.raises(ValueError):
        answer_for(None, "waiting_to_select")


def test_a_perfect_answer_set_scores_one_hundred_percent():
    checks.assert_a_perfect_set_scores_one_hundred(CALCULATOR, KEY)


def test_a_wrong_answer_gets_the_right_grade_the_reason_and_a_link_to_the_funnel_page():
    checks.assert_a_wrong_answer_gets_the_answer_a_reason_and_a_link(
        CALCULATOR, KEY, "sales-process/funnel"
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


def test_a_grade_that_does_not_exist_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"q03": "E"})
    assert caught.value.field == "q03"


@given(checks.answer_sets(CALCULATOR))
def test_the_score_is_the_number_of_answers_that_match_the_key(answers):
    checks.assert_score_counts_the_matching_answers(CALCULATOR, KEY, answers)
