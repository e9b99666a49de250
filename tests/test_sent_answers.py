"""An edit's answer lists only the rows whose results changed since the answer the page holds.

The page applies those rows to what it holds (docs/javascripts/scoreboard.mjs, ``complete``);
these tests apply them the same way and hold that the page always ends up with the whole
answer, and that any doubt about what the page holds gets the whole answer.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import REGISTRY, score_json
from calculators._sent import KEEP, PAGES, SENT, SentAnswers

PIPELINE = REGISTRY["pipeline"]


def deals(count: int, amounts: dict[int, str] | None = None) -> list[dict]:
    rows = [
        {
            "name": f"Deal {i}",
            "stage": ["need_defined", "quote_discussed", "terms_negotiation"][i % 3],
            "amount_wan": str(10 + i % 40),
            "months_to_close": str(1 + i % 20),
        }
        for i in range(count)
    ]
    for index, amount in (amounts or {}).items():
        rows[index]["amount_wan"] = amount
    return rows


def board(rows: list[dict], lang: str = "en") -> str:
    return json.dumps({**PIPELINE.defaults(lang), "deals": rows})


def form(answer: str) -> dict:
    return json.loads(answer)["form"]


def completed(held: list, entry: dict) -> list:
    """What the page makes of a table's entry, holding ``held`` (as scoreboard.mjs does)."""
    if "results" in entry:
        return entry["results"]
    results = [held[i] if i < len(held) else None for i in range(entry["count"])]
    for index, cells in entry["changed"]:
        results[index] = cells
    return results


def whole(rows: list[dict], lang: str = "en") -> list:
    """The rows' results as a page holding nothing gets them."""
    return form(score_json("pipeline", board(rows, lang), lang, "../"))["tables"][0]["results"]


def test_a_page_holding_nothing_gets_every_row_and_an_answer_to_name_next_time():
    first = form(score_json("pipeline", board(deals(30)), "en", "../"))
    assert first["answer"] and "base" not in first
    assert len(first["tables"][0]["results"]) == 30


def test_an_edit_sends_the_rows_that_changed_and_the_page_gets_the_whole_answer():
    first = form(score_json("pipeline", board(deals(300)), "en", "../"))
    held = first["tables"][0]["results"]
    edited = deals(300, {150: "4000"})  # first by expected value now: every rank above moves
    second = form(score_json("pipeline", board(edited), "en", "../", first["answer"]))
    assert second["base"] == first["answer"] and second["answer"] != first["answer"]
    entry = second["tables"][0]
    assert "results" not in entry and entry["count"] == 300
    assert 0 < len(entry["changed"]) < 300
    assert completed(held, entry) == whole(edited)
    third = form(score_json("pipeline", board(edited), "en", "../", second["answer"]))
    assert third["tables"][0]["changed"] == []  # the same inputs again: nothing to send


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=40),  # the rows the board has
            st.dictionaries(st.integers(0, 39), st.sampled_from(["0", "5", "999", "x", ""])),
        ),
        min_size=2,
        max_size=5,
    )
)
def test_any_sequence_of_edits_leaves_the_page_with_the_whole_answer(edits):
    held: list | None = None
    answer = ""
    for count, amounts in edits:
        rows = deals(count, {i: a for i, a in amounts.items() if i < count})
        sent = form(score_json("pipeline", board(rows), "en", "../", answer))
        entry = sent["tables"][0]
        if "answer" not in sent:  # refused: the page keeps what it holds
            assert entry["results"] is None or entry.get("partial")
            continue
        assert ("base" in sent) == bool(answer)
        held = completed(held or [], entry)
        answer = sent["answer"]
        assert (
            held == form(score_json("pipeline", board(rows), "en", "../"))["tables"][0]["results"]
        )


@pytest.mark.parametrize(
    "base",
    ["", "never-given", "feedface0000-1"],
    ids=["none", "an id never given", "an id of another engine"],
)
def test_an_answer_the_engine_does_not_hold_gets_every_row(base):
    sent = form(score_json("pipeline", board(deals(20)), "en", "../", base))
    assert "base" not in sent and len(sent["tables"][0]["results"]) == 20


def test_an_answer_of_another_page_or_language_gets_every_row():
    english = form(score_json("pipeline", board(deals(20)), "en", "../"))["answer"]
    chinese = form(score_json("pipeline", board(deals(20), "zh"), "zh", "../", english))
    elsewhere = form(score_json("pipeline", board(deals(20)), "en", "../../", english))
    assert "base" not in chinese and "base" not in elsewhere


def test_only_the_last_few_answers_are_kept():
    oldest = form(score_json("pipeline", board(deals(10)), "en", "../"))["answer"]
    for n in range(KEEP):
        score_json("pipeline", board(deals(11 + n)), "en", "../")
    sent = form(score_json("pipeline", board(deals(10)), "en", "../", oldest))
    assert "base" not in sent


def test_a_restarted_engine_gives_ids_no_page_holds_from_before():
    before, after = SentAnswers(), SentAnswers()
    view = {"tables": [{"field": "deals", "results": [{"cells": {}, "tone": None}]}]}
    given = before.answer(("pipeline", "en", ""), "", view)["answer"]
    assert "base" not in after.answer(("pipeline", "en", ""), given, view)
    assert after.answer(("pipeline", "en", ""), "", view)["answer"] != given  # its own prefix


def test_a_refused_input_gets_no_answer_id_and_the_page_keeps_what_it_holds():
    first = form(score_json("pipeline", board(deals(5)), "en", "../"))
    refused = json.loads(
        score_json("pipeline", board(deals(5, {2: "lots"})), "en", "../", first["answer"])
    )
    assert refused["ok"] is False and "answer" not in refused["form"]
    after = form(score_json("pipeline", board(deals(5)), "en", "../", first["answer"]))
    assert after["base"] == first["answer"]  # still held: the page placed nothing since


def test_the_engine_holds_row_results_of_a_bounded_number_of_pages():
    for depth in range(PAGES + 5):
        score_json("pipeline", board(deals(3)), "en", "../" * depth)
    assert len(SENT._pages) == PAGES
