"""An edit in a big table: the engine remembers what it worked out for rows that did not change.

A rep's pipeline of 10,000 deals is checked, graded and drawn again at every edit. The check of
a row, a deal's grade and a marker of the grid are pure functions of a few values, so the engine
remembers them; these tests hold that what is remembered never changes an answer: a table
checked after any other gives the same answer, refusals included, as a table checked afresh.
"""

from __future__ import annotations

import json

import pytest
from answers import comparable
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import REGISTRY, InputError, score_json
from calculators.core import _form, _svg, _validation
from calculators.core._validation import check_value
from calculators.models import deal_heat, funnel_grading

PIPELINE = REGISTRY["pipeline"]
DEALS = PIPELINE.field("deals")

#: Cells that look alike to Python (1, 1.0 and True are equal; so are 0, 0.0 and -0.0) and are
#: not alike to the check, beside good and bad values of every column.
LOOK_ALIKE = [1, 1.0, True, False, 0, 0.0, -0.0, "1", "0", "", None, "12", 12, 12.5]
KEYS_AND_TEXT = ["need_defined", "closed_won", "deposit_paid", "none", "denies_need", "Acme"]
CELLS = st.sampled_from([*LOOK_ALIKE, *KEYS_AND_TEXT, "12万", "3个月", "x" * 90])
ROWS = st.lists(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["Acme", "Globex", "", 7])},
        optional={
            "stage": CELLS,
            "amount_wan": CELLS,
            "months_to_close": CELLS,
            "situation": CELLS,
            "colour": CELLS,  # a column the table does not have
        },
    ),
    min_size=1,
    max_size=6,
)


def forget_everything() -> None:
    """The engine as it starts: nothing remembered."""
    _validation._VALID_ROWS.clear()
    for remembered in (
        funnel_grading.grade_deal,
        funnel_grading._graded,
        deal_heat.weighted,
        deal_heat.lift,
        _svg._outline,
        _svg.unlabelled,
        _form._cells,
    ):
        remembered.cache_clear()


def checked_afresh(rows: list[dict]) -> object:
    """What the check says of ``rows`` with nothing remembered: the rows, or the refusal."""
    forget_everything()
    return checked(rows)


def checked(rows: list[dict]) -> object:
    try:
        return check_value(DEALS, [dict(r) for r in rows])
    except InputError as refused:
        return refused.to_dict()


@settings(max_examples=200, deadline=None)
@given(ROWS, ROWS)
def test_a_table_checked_after_another_gets_the_answer_it_gets_afresh(earlier, later):
    expected = checked_afresh(later)
    _validation._VALID_ROWS.clear()
    checked(earlier)
    assert checked(later) == expected
    assert checked(later) == expected  # and once more, everything now remembered


def test_a_row_with_a_column_the_table_lacks_is_refused_at_every_edit():
    row = {"name": "Acme", "stage": "need_defined", "amount_wan": "12", "months_to_close": "3"}
    assert isinstance(checked_afresh([row]), list)
    for _ in range(2):
        refused = checked([{**row, "colour": "red"}])
        assert isinstance(refused, dict)
        assert "colour" in refused["message"]["en"]


def test_true_is_not_taken_for_one_nor_a_number_for_its_text_after_either_was_checked():
    row = {"name": "Acme", "stage": "need_defined", "amount_wan": 1, "months_to_close": "3"}
    assert checked_afresh([row])[0]["amount_wan"] == 1.0
    refused = checked([{**row, "amount_wan": True}])
    assert isinstance(refused, dict) and refused["problems"][0]["column"] == "amount_wan"
    assert checked([{**row, "name": 1}])[0]["name"] == "1"
    assert checked([{**row, "name": 1.0}])[0]["name"] == "1.0"


def test_a_remembered_row_is_a_copy_that_a_model_may_change():
    row = {"name": "Acme", "stage": "need_defined", "amount_wan": "12", "months_to_close": "3"}
    first = checked_afresh([row])
    first[0]["amount_wan"] = 999
    assert checked([row])[0]["amount_wan"] == 12.0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_edit_in_a_big_pipeline_answers_as_the_same_pipeline_scored_afresh(lang):
    deals = [
        {
            "name": f"Deal {i}",
            "stage": ["need_defined", "quote_discussed", "terms_negotiation"][i % 3],
            "amount_wan": str(10 + i % 40),
            "months_to_close": str(1 + i % 20),
        }
        for i in range(600)
    ]
    inputs = {**PIPELINE.defaults(lang), "deals": deals}
    score_json("pipeline", json.dumps(inputs), lang, "../")  # everything remembered
    deals[321] = {**deals[321], "amount_wan": "4000", "months_to_close": "30"}
    edited = json.dumps({**inputs, "deals": deals})
    remembered = score_json("pipeline", edited, lang, "../")
    forget_everything()
    answer = json.loads(remembered)
    assert comparable(answer) == comparable(json.loads(score_json("pipeline", edited, lang, "../")))
    ranked = answer["result"]["tables"][0]["rows"][0]
    assert (ranked["name"], ranked["rank"]) == ("Deal 321", 1)


#: Deals whose cells look alike to Python and are not alike to the models: amounts and months
#: as 1, 1.0 and "1", a half, and months left blank where the situation decides.
DEALS_ALIKE = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["Acme", "Globex", "Initech"]),
            "stage": st.sampled_from(deal_heat.STAGES),
            "amount_wan": st.sampled_from([1, 1.0, "1", 2.5, "2.5", 40, "40", 0.5]),
            "months_to_close": st.sampled_from([1, 1.0, "1", 2, 2.5, "7", 12, None]),
            "situation": st.sampled_from(["", *funnel_grading.SITUATIONS]),
        }
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(DEALS_ALIKE, DEALS_ALIKE, st.sampled_from(["en", "zh"]))
def test_a_pipeline_scored_after_another_gets_the_answer_it_gets_afresh(earlier, later, lang):
    """Each deal's weighted amount, lift, grade and dot are remembered by their values: a
    pipeline scored after any other (1 beside 1.0, the same deal on another row) answers as it
    does with nothing remembered, refusals included."""

    def scored(deals: list[dict]) -> dict:
        inputs = {**PIPELINE.defaults(lang), "deals": deals}
        return comparable(json.loads(score_json("pipeline", json.dumps(inputs), lang, "../")))

    forget_everything()
    expected = scored(later)
    forget_everything()
    scored(earlier)
    assert scored(later) == expected
