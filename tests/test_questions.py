"""Open and closed questions 开放式/封闭式提问: the classification drill."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.questions import (
    CALCULATOR,
    band_for,
    category_of,
    classify,
    classify_with_cue,
)


def drill(*pairs: tuple[str, str | None]) -> dict:
    return {"questions": [{"question": q, "trainee_answer": a} for q, a in pairs]}


@pytest.mark.parametrize(
    "question",
    [
        "请问公司主要做什么类型的产品?",
        "目前的生产工艺是怎样的?",
        "贵公司在合作时最看重什么?",
        "采购预算是多少?",
        "除了您外,还有谁会参与到采购?",
        "除了我们外,还有哪些公司向您报价?",
        "你对他们满意和不满意的地方在哪里?",
        "为什么还是选择他们?",
        "请谈谈您对供应商的要求。",
        "那价格呢?",
        "What matters most to you when you choose a supplier?",
        "How do you approve a purchase?",
        "Can you tell me how you choose suppliers?",
        "In your experience, what goes wrong with deliveries?",
        "So what's your budget?",
        "Describe your ideal supplier.",
    ],
)
def test_questions_the_customer_must_answer_in_words_are_open(question):
    assert classify(question) == "open"


@pytest.mark.parametrize(
    "question",
    [
        "请问您了解咱们青风股份吗?",
        "您看我能坐下来吗?",
        "方便给张名片吗",
        "平时同事是否经常交流、组织活动?",
        "是不是价格太高了?",
        "有没有预算?",
        "需不需要我们先做个方案?",
        "您了解不了解我们?",
        "您要红色的还是蓝色的?",
        "是下周二吧?",
        "Is the budget approved?",
        "Mr Wang, is the budget approved?",
        "If we lower the price, would you sign?",
        "Do you know why they switched?",
        "You need it by May, right?",
        "Have you worked with us before?",
    ],
)
def test_questions_answered_by_yes_no_or_an_offered_option_are_closed(question):
    assert classify(question) == "closed"


def test_a_final_ma_makes_shenme_mean_any_so_the_question_is_closed():
    assert classify_with_cue("目前使用过程中有什么问题吗?") == ("closed", "吗")


def test_notes_in_brackets_are_not_part_of_the_question():
    # the deck's own aside (是否需要垫支) would otherwise read as closed
    assert classify("您这边的采购和付款流程(是否需要垫支)是怎样的?") == "open"


def test_mixing_an_open_and_a_closed_question_cannot_be_decided():
    assert classify_with_cue("使用情况怎么样?目前使用过程中有什么问题吗?") == ("undecided", "mixed")


def test_only_sentences_ending_in_a_question_mark_are_questions():
    assert classify("根据今天谈到的内容,我回去做一个方案。您看下周二可以吗?") == "closed"


@pytest.mark.parametrize("text", ["我们下周二见面吧。", "Price?", "这个方案是不错的", "???"])
def test_text_without_a_question_cue_is_undecided(text):
    assert classify(text) == "undecided"


@pytest.mark.parametrize(
    ("question", "category"),
    [
        ("请问公司主要做什么类型的产品?", "background"),
        ("所需产品的规格尺寸是什么?", "product"),
        ("采购预算是多少?", "purchase"),
        ("平时不上班主要去玩什么?", "personal"),
        ("除了我们外,还有哪些公司向您报价?", "competitors"),
        ("Who else has quoted for this?", "competitors"),
        ("您好?", None),
    ],
)
def test_keywords_show_which_of_the_five_categories_a_question_serves(question, category):
    assert category_of(question) == category


@pytest.mark.parametrize(
    ("accuracy", "band"),
    [
        (100, "mastered"),
        (90, "mastered"),
        (89.99, "nearly"),
        (70, "nearly"),
        (69.99, "practise"),
        (0, "practise"),
        (None, "unscored"),
    ],
)
def test_the_drill_bands_at_their_edges(accuracy, band):
    assert band_for(accuracy) == band


def test_the_worked_drill_finds_the_two_mistakes():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert (result.figure("open"), result.figure("closed")) == (5, 3)
    assert (result.figure("scored"), result.figure("correct")) == (8, 6)
    assert result.figure("accuracy_pct") == 75
    assert result.verdict.key == "nearly"
    marks = [r["mark"].en for r in result.table("questions").rows]
    assert [i + 1 for i, m in enumerate(marks) if m == "wrong"] == [3, 7]
    assert any("'any'" in a.en for a in result.actions)


def test_every_question_carries_the_strengths_and_weaknesses_of_its_kind():
    rows = CALCULATOR.run(CALCULATOR.defaults()).table("questions").rows
    for row in rows:
        if row["kind"].en == "Open":
            assert "complete information" in row["feedback"].en
        else:
            assert "saves time" in row["feedback"].en


def test_eight_right_of_eight_is_mastered():
    inputs = CALCULATOR.defaults()
    for row in inputs["questions"]:
        row["trainee_answer"] = classify(row["question"])
    result = CALCULATOR.run(inputs)
    assert result.verdict.key == "mastered"
    assert result.figure("accuracy_pct") == 100


def test_five_right_of_eight_needs_practice():
    inputs = CALCULATOR.defaults()
    inputs["questions"][0]["trainee_answer"] = "closed"
    result = CALCULATOR.run(inputs)
    assert result.figure("correct") == 5
    assert result.figure("accuracy_pct") == 62.5
    assert result.verdict.key == "practise"


def test_blank_answers_are_classified_only():
    result = CALCULATOR.run(drill(("采购预算是多少?", None), ("有没有预算?", "")))
    assert result.verdict.key == "unscored"
    assert result.figure("accuracy_pct") is None
    assert [r["kind"].en for r in result.table("questions").rows] == ["Open", "Closed"]


def test_an_answer_to_an_undecidable_question_is_not_scored():
    result = CALCULATOR.run(drill(("Price?", "open"), ("Is it late?", "closed")))
    assert (result.figure("scored"), result.figure("correct")) == (1, 1)
    assert result.table("questions").rows[0]["mark"].en == "not scored"


def test_mostly_closed_questions_are_called_out():
    result = CALCULATOR.run(
        drill(
            ("有没有预算?", None), ("是不是太贵?", None), ("怎么采购?", None), ("能不能快点?", None)
        )
    )
    assert result.figure("closed_share_pct") == 75
    assert any(a.en.startswith("Mostly closed") for a in result.actions)


def test_an_answer_other_than_open_or_closed_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(drill(("采购预算是多少?", "maybe")))
    assert (caught.value.row, caught.value.column) == (0, "trainee_answer")


def test_a_blank_question_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(drill(("  ", "open")))
    assert (caught.value.row, caught.value.column) == (0, "question")


def test_an_empty_drill_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"questions": []})
    assert caught.value.field == "questions"


def test_two_hundred_questions_run_the_same_code():
    result = CALCULATOR.run(
        drill(*[("采购预算是多少?", "open")] * 100, *[("有没有预算?", "open")] * 100)
    )
    assert result.figure("questions") == 200
    assert result.figure("accuracy_pct") == 50


@given(st.text(max_size=200))
def test_classify_always_answers_one_of_three_kinds(text):
    assert classify(text) in {"open", "closed", "undecided"}


answers = st.sampled_from(["open", "closed", None])
bank = st.sampled_from(
    ["采购预算是多少?", "有没有预算?", "What do you need?", "Is it late?", "Price?", "怎么采购?"]
)


@given(st.lists(st.tuples(bank, answers), min_size=1, max_size=30))
def test_right_answers_never_exceed_scored_answers_and_counts_add_up(pairs):
    result = CALCULATOR.run(drill(*pairs))
    assert 0 <= result.figure("correct") <= result.figure("scored")
    assert result.figure("scored") <= sum(1 for _, a in pairs if a)
    kinds = result.figure("open") + result.figure("closed") + result.figure("undecided")
    assert kinds == len(pairs)


@given(st.lists(st.tuples(bank, answers), min_size=1, max_size=30), st.data())
def test_correcting_one_answer_never_lowers_the_accuracy(pairs, data):
    i = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    before = CALCULATOR.run(drill(*pairs))
    fixed = list(pairs)
    kind = classify(fixed[i][0])
    if kind != "undecided":
        fixed[i] = (fixed[i][0], kind)
    after = CALCULATOR.run(drill(*fixed))
    if before.figure("accuracy_pct") is not None:
        assert after.figure("accuracy_pct") >= before.figure("accuracy_pct")
