"""Self-check drill "which customer first?": answers come from expected_value."""

from __future__ import annotations

import drill_checks as checks
import pytest
from hypothesis import given

from calculators import InputError
from calculators.core import Text
from calculators.drills.drill_customer_first import (
    CALCULATOR,
    ITEM_CUSTOMERS,
    Customer,
    answer_for,
    answer_key,
)
from calculators.models.expected_value import expected_value

KEY = answer_key()


def test_the_bank_holds_at_least_fifteen_items_complete_in_both_languages():
    checks.assert_bank_is_complete_in_both_languages(CALCULATOR)
    for customers in ITEM_CUSTOMERS.values():
        assert 2 <= len(customers) <= 4
        for c in customers:
            assert c.name.zh.strip() and c.name.en.strip()


def test_every_computed_answer_is_one_of_its_choices():
    checks.assert_every_answer_is_one_of_its_choices(CALCULATOR, KEY)
    for key, customers in ITEM_CUSTOMERS.items():
        assert [c.value for c in CALCULATOR.field(key).choices] == [c.letter for c in customers]


@pytest.mark.parametrize(("key", "answer"), KEY, ids=[k for k, _ in KEY])
def test_the_answer_is_the_one_highest_expected_value_with_no_tie(key, answer):
    values = sorted(
        ((expected_value(c.probability_pct, c.amount_wan), c.letter) for c in ITEM_CUSTOMERS[key]),
        reverse=True,
    )
    assert values[0][0] > values[1][0], "a tie at the top makes the answer ambiguous"
    assert answer == values[0][1]


def test_the_bank_teaches_both_ways_the_largest_deal_can_rank():
    def largest_first(key, answer):
        largest = max(ITEM_CUSTOMERS[key], key=lambda c: c.amount_wan)
        return largest.letter == answer

    outcomes = [largest_first(key, answer) for key, answer in KEY]
    assert outcomes.count(False) > outcomes.count(True) > 0
    assert len({answer for _, answer in KEY}) >= 3  # no single letter is always right


def test_a_tie_at_the_top_cannot_enter_the_bank():
    tied = (
        Customer("A", Text("甲", "One"), 60, 100),  # 60
        Customer("B", Text("乙", "Two"), 30, 200),  # 60
    )
    with pytest.raises(ValueError, match="tie"):
        answer_for(tied)


def test_the_reason_lists_every_expected_value_and_names_the_larger_deal_behind():
    letter, why = answer_for(
        (
            Customer("A", Text("联合电力", "United Power"), 30, 200),
            Customer("B", Text("新城地产", "Newtown Properties"), 80, 100),
            Customer("C", Text("远航物流", "Voyage Logistics"), 90, 50),
        )
    )
    assert letter == "B"
    assert "B 100 × 80% = 80, A 200 × 30% = 60, C 50 × 90% = 45" in why.en
    assert "ahead of the larger deal A" in why.en
    assert "金额更大的 A" in why.zh


def test_a_perfect_answer_set_scores_one_hundred_percent():
    checks.assert_a_perfect_set_scores_one_hundred(CALCULATOR, KEY)


def test_a_wrong_answer_gets_the_right_customer_the_reason_and_a_link_to_expected_value():
    checks.assert_a_wrong_answer_gets_the_answer_a_reason_and_a_link(
        CALCULATOR, KEY, "prioritising/expected-value"
    )


def test_blank_answers_are_not_counted_as_wrong():
    checks.assert_blanks_are_not_wrong(CALCULATOR, KEY)


def test_nothing_answered_shows_the_answer_key_for_a_trainer():
    checks.assert_nothing_answered_shows_the_answer_key(CALCULATOR, KEY)


def test_a_learner_starts_with_nothing_answered():
    checks.assert_a_learner_starts_with_nothing_answered(CALCULATOR)


def test_each_answer_is_explained_beside_its_question():
    checks.assert_each_answer_is_explained_beside_its_question(CALCULATOR, KEY)


def test_the_classic_traps_are_the_biggest_deal_and_the_likeliest():
    biggest = max(ITEM_CUSTOMERS["q01"], key=lambda c: c.amount_wan)
    likeliest = max(ITEM_CUSTOMERS["q04"], key=lambda c: c.probability_pct)
    assert biggest.letter != dict(KEY)["q01"]
    assert likeliest.letter != dict(KEY)["q04"]


def test_the_verdict_walks_from_mastered_to_practise_as_answers_go_wrong():
    checks.assert_bands_when_every_item_is_answered(CALCULATOR, KEY)


def test_a_letter_not_on_the_list_is_refused():
    two = next(key for key, customers in ITEM_CUSTOMERS.items() if len(customers) == 2)
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({two: "C"})
    assert caught.value.field == two


@given(checks.answer_sets(CALCULATOR))
def test_the_score_is_the_number_of_answers_that_match_the_key(answers):
    checks.assert_score_counts_the_matching_answers(CALCULATOR, KEY, answers)
