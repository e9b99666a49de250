"""What every self-check drill must hold, shared by the tests/test_drill_*.py files.

Each drill's own test file calls these under names that say the rule; the checks that only one
drill needs (both languages classify alike, no tie at the top…) live in that drill's file.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import strategies as st

from calculators.core import Calculator, Field
from calculators.drills import _drill

CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_ITEMS = 15
BANDS = ("mastered", "nearly", "practise")


def blank(calc: Calculator) -> dict[str, None]:
    """Every item left unanswered."""
    return {f.key: None for f in calc.fields}


def wrong_choice(field: Field, answer: str) -> str:
    """A choice of ``field`` that is not ``answer``."""
    return next(c.value for c in field.choices if c.value != answer)


def answer_sets(calc: Calculator) -> st.SearchStrategy[dict[str, Any]]:
    """Any answer set a learner can give: each item blank or one of its choices."""
    return st.fixed_dictionaries(
        {
            f.key: st.one_of(st.none(), st.sampled_from([c.value for c in f.choices]))
            for f in calc.fields
        }
    )


def assert_bank_is_complete_in_both_languages(calc: Calculator) -> None:
    assert len(calc.fields) >= MIN_ITEMS
    keys = [f.key for f in calc.fields]
    assert keys == [f"q{n:02d}" for n in range(1, len(keys) + 1)]
    for f in calc.fields:
        assert f.kind == "choice" and not f.required
        assert CJK.search(f.label.zh), f.key
        for text in (f.label, f.help, *(c.label for c in f.choices)):
            assert text.zh.strip() and text.en.strip(), f.key
        assert f.help.zh != f.help.en, f.key
        assert len(f.choices) >= 2, f.key


def assert_every_answer_is_one_of_its_choices(calc: Calculator, key: list[tuple[str, str]]) -> None:
    """The key covers every item in order, and the load-time guard refuses a stray answer.

    Every computed answer passed ``_drill.check_answer`` when the bank loaded; here that guard is
    shown to fail for an answer that is not a choice, so a drill cannot load with one.
    """
    assert [k for k, _ in key] == [f.key for f in calc.fields]
    field = calc.fields[0]
    stray = _drill.Item(
        field.key, field.label, field.help, field.choices, "not-a-choice", field.help
    )
    with pytest.raises(ValueError, match="not one of its choices"):
        _drill.check_answer(stray, calc.slug)


def assert_a_perfect_set_scores_one_hundred(calc: Calculator, key: list[tuple[str, str]]) -> None:
    result = calc.run(dict(key))
    assert result.figure("answered") == len(key)
    assert result.figure("correct") == len(key)
    assert result.figure("wrong") == 0
    assert result.figure("score_pct") == 100
    assert result.verdict.key == "mastered"
    assert all(row["mark"].en == "yes" for row in result.table("items").rows)


def assert_a_wrong_answer_gets_the_answer_a_reason_and_a_link(
    calc: Calculator, key: list[tuple[str, str]], page: str
) -> None:
    field_key, answer = key[0]
    field = calc.field(field_key)
    mistake = wrong_choice(field, answer)
    result = calc.run({**blank(calc), field_key: mistake})
    row = result.table("items").rows[0]
    assert row["mark"].en == "no" and row["mark"].zh == "错"
    assert row["your_answer"] == field.choice(mistake).label
    assert row["correct_answer"] == field.choice(answer).label
    assert row["why"].zh and row["why"].en
    assert row["page"].page == page
    assert result.figure("wrong") == 1 and result.figure("correct") == 0
    line = next(line for line in result.reasoning if line.en.startswith("Item 1:"))
    assert field.choice(answer).label.en in line.en and row["why"].en in line.en
    assert any("1" in a.en and a.en.startswith("Go over") for a in result.actions)


def assert_blanks_are_not_wrong(calc: Calculator, key: list[tuple[str, str]]) -> None:
    first_key, first_answer = key[0]
    result = calc.run({**blank(calc), first_key: first_answer})
    assert result.figure("answered") == 1
    assert result.figure("wrong") == 0
    assert result.figure("score_pct") == 100
    assert result.verdict.key == "in_progress"
    rows = result.table("items").rows
    assert all(row["mark"].en == "not answered" for row in rows[1:])
    # the items still to do keep their answers hidden
    assert all(row["correct_answer"].en == "shown once answered" for row in rows[1:])


def assert_nothing_answered_shows_the_answer_key(
    calc: Calculator, key: list[tuple[str, str]]
) -> None:
    """A learner who has answered nothing sees no answer; the trainer's key shows them all."""
    result = calc.run(blank(calc))
    assert result.verdict.key == "not_started"
    assert result.figure("answered") == 0 and result.figure("score_pct") is None
    rows = result.table("items").rows
    assert all(row["correct_answer"].en == "shown once answered" for row in rows)
    assert all(row["why"].en == "shown once answered" for row in rows)
    assert calc.answer_key is not None
    table = calc.answer_key().table("items")
    assert [c for c, _ in table.columns] == ["item", "prompt", "correct_answer", "why", "page"]
    for row, (field_key, answer) in zip(table.rows, key, strict=True):
        assert row["correct_answer"] == calc.field(field_key).choice(answer).label
        assert row["why"].en and row["why"].zh


def assert_a_learner_starts_with_nothing_answered(calc: Calculator) -> None:
    """Nothing is pre-answered: the drill opens blank, and only the learner's answers count."""
    assert all(value is None for value in calc.defaults().values())
    assert calc.blank_start() == calc.defaults()
    result = calc.run(calc.defaults())
    assert result.verdict.key == "not_started"
    assert result.figure("answered") == 0


def assert_each_answer_is_explained_beside_its_question(
    calc: Calculator, key: list[tuple[str, str]]
) -> None:
    """Right or wrong, the answer and why sit beside the question answered, and only there."""
    from calculators.core._form import form_view

    (first, right), (second, answer) = key[0], key[1]
    wrong = wrong_choice(calc.field(second), answer)
    raw = {**blank(calc), first: right, second: wrong}
    view = form_view(calc, raw, calc.run(raw).to_dict(), "en")
    beside = {entry["field"]: entry for entry in view["fields"]}
    assert beside[first]["tone"] == "right" and "Right" in beside[first]["html"]
    assert "Wrong" in beside[second]["html"]
    assert beside[second]["tone"] == "wrong"
    assert calc.field(second).choice(answer).label.en in beside[second]["html"]
    assert all(not beside[k]["html"] for k, _ in key[2:])  # nothing given away


def assert_bands_when_every_item_is_answered(calc: Calculator, key: list[tuple[str, str]]) -> None:
    """Wrong answers one by one walk the verdict down mastered -> nearly -> practise."""
    total = len(key)
    seen = []
    for wrong in range(total + 1):
        answers = dict(key)
        for field_key, answer in key[:wrong]:
            answers[field_key] = wrong_choice(calc.field(field_key), answer)
        result = calc.run(answers)
        pct = result.figure("score_pct")
        assert pct == round((total - wrong) * 100 / total, 2)
        band = "mastered" if pct >= 90 else "nearly" if pct >= 70 else "practise"
        assert result.verdict.key == band
        seen.append(band)
    assert seen == sorted(seen, key=BANDS.index)
    assert set(seen) == set(BANDS)


def assert_score_counts_the_matching_answers(
    calc: Calculator, key: list[tuple[str, str]], answers: dict[str, Any]
) -> None:
    result = calc.run(answers)
    matches = sum(1 for field_key, answer in key if answers[field_key] == answer)
    given = sum(1 for value in answers.values() if value is not None)
    assert result.figure("correct") == matches
    assert result.figure("answered") == given
    assert result.figure("wrong") == given - matches
    if given:
        assert result.figure("score_pct") == round(matches * 100 / given, 2)
    else:
        assert result.verdict.key == "not_started"
