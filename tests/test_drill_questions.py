"""Self-check drill "open or closed?": answers come from questions.classify, in both languages."""

from __future__ import annotations

import json
from importlib.resources import files
from itertools import pairwise

import drill_checks as checks
import pytest
from hypothesis import given

from calculators import InputError
from calculators.core import Text
from calculators.drills.drill_questions import BANK, CALCULATOR, ITEMS, answer_for, answer_key
from calculators.models.questions import CLOSED, OPEN, UNDECIDED, classify

KEY = answer_key()
BANK_ITEMS = json.loads((files("calculators") / "banks" / BANK).read_text("utf-8"))["items"]


def test_the_bank_holds_at_least_fifteen_items_complete_in_both_languages():
    checks.assert_bank_is_complete_in_both_languages(CALCULATOR)
    assert len(BANK_ITEMS) == len(CALCULATOR.fields)
    for raw in BANK_ITEMS:
        assert raw["question"]["zh"].strip() and raw["question"]["en"].strip()
        assert raw["context"]["zh"].strip() and raw["context"]["en"].strip()


@pytest.mark.parametrize("raw", BANK_ITEMS, ids=[r["key"] for r in BANK_ITEMS])
def test_every_question_classifies_the_same_in_chinese_and_english(raw):
    zh, en = classify(raw["question"]["zh"]), classify(raw["question"]["en"])
    assert zh == en, raw["question"]
    assert zh != UNDECIDED


def test_the_answer_key_is_what_classify_says():
    assert [(raw["key"], classify(raw["question"]["zh"])) for raw in BANK_ITEMS] == KEY


def test_the_bank_mixes_open_and_closed_questions_without_a_pattern():
    kinds = [answer for _, answer in KEY]
    assert abs(kinds.count(OPEN) - kinds.count(CLOSED)) <= 2
    alternating = all(a != b for a, b in pairwise(kinds))
    assert not alternating


def test_every_computed_answer_is_one_of_its_choices():
    checks.assert_every_answer_is_one_of_its_choices(CALCULATOR, KEY)


def test_a_question_whose_languages_disagree_cannot_enter_the_bank():
    # 吗 closes the Chinese; "Could you tell me" opens the English
    with pytest.raises(ValueError, match="both must be the same"):
        answer_for(Text("您能介绍一下这个项目的背景吗?", "Could you tell me about the project?"))


def test_a_question_without_a_cue_cannot_enter_the_bank():
    with pytest.raises(ValueError):
        answer_for(Text("我们的方案。", "Our proposal."))


def test_a_perfect_answer_set_scores_one_hundred_percent():
    checks.assert_a_perfect_set_scores_one_hundred(CALCULATOR, KEY)


def test_a_wrong_answer_gets_the_right_answer_the_reason_and_a_link_to_the_needs_page():
    checks.assert_a_wrong_answer_gets_the_answer_a_reason_and_a_link(
        CALCULATOR, KEY, "developing/needs"
    )


def test_the_reason_quotes_the_cue_in_each_language():
    item = ITEMS[0]  # 请问公司主要做什么类型的产品? / What kinds of products…?
    assert item.answer == OPEN
    assert "「什么」" in item.explanation.zh and "'what'" in item.explanation.en


def test_a_closed_question_with_shenme_explains_that_it_means_any():
    trap = next(i for i in ITEMS if "有什么问题吗" in i.prompt.zh)
    assert trap.answer == CLOSED
    assert "「什么」" in trap.explanation.zh and "任何" in trap.explanation.zh


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


def test_an_answer_that_is_not_open_or_closed_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"q01": "maybe"})
    assert caught.value.field == "q01"
    assert caught.value.message.zh and caught.value.message.en


@given(checks.answer_sets(CALCULATOR))
def test_the_score_is_the_number_of_answers_that_match_the_key(answers):
    checks.assert_score_counts_the_matching_answers(CALCULATOR, KEY, answers)
