"""Tables that answer in the row: headings taken from the criteria, each row's score and band.

``calculators.core._form`` decides what the form shows around the inputs; the browser only
places it.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import REGISTRY, score_json
from calculators.core import InputError
from calculators.core._form import form_view, row_cells, sort_label

SCREENING = REGISTRY["screening"]


def prospects_view(raw: dict, lang: str = "en") -> dict:
    answer = json.loads(score_json("screening", json.dumps(raw), lang))
    return next(t for t in answer["form"]["tables"] if t["field"] == "prospects")


def test_each_point_column_is_headed_by_its_criterion_and_weight():
    view = prospects_view(SCREENING.defaults("en"))
    shown = [c for c in view["columns"] if not c["hidden"]]
    assert [c["key"] for c in shown] == ["c1", "c2", "c3", "c4"]
    assert shown[0]["text"] == "Company type (weight 3)"
    assert "×3" in shown[0]["html"]


def test_only_defined_criteria_get_a_column_and_adding_one_adds_one():
    raw = SCREENING.defaults()
    raw["criteria"].append({"name": "Budget <approved>", "weight": 2})
    view = prospects_view(raw, "zh")
    shown = [c for c in view["columns"] if not c["hidden"]]
    assert [c["key"] for c in shown] == ["c1", "c2", "c3", "c4", "c5"]
    assert shown[4]["text"] == "Budget <approved>（权重 2）"
    assert "&lt;approved&gt;" in shown[4]["html"]  # names are escaped, never markup
    # the prospects have no points for it yet: refused, but the column is there for the errors
    assert view["results"] is None


def test_a_stray_value_keeps_its_column_in_sight():
    raw = SCREENING.defaults()
    raw["prospects"][0]["c7"] = 1
    view = prospects_view(raw)
    c7 = next(c for c in view["columns"] if c["key"] == "c7")
    assert not c7["hidden"] and "no criterion" in c7["text"]
    assert next(c for c in view["columns"] if c["key"] == "c8")["hidden"]


def test_each_row_shows_the_score_band_and_rank_the_model_computed_for_it():
    result = SCREENING.run(SCREENING.defaults())
    view = prospects_view(SCREENING.defaults())
    by_row = {row["row"]: row for row in result.table("prospects").rows}
    for index, answer in enumerate(view["results"]):
        row = by_row[index]
        assert answer["cells"]["band"] == row["band"].en
        assert answer["cells"]["rank"] == str(row["rank"])
        assert answer["tone"] == row["band_code"]
    assert view["order"] == [
        r["row"] for r in sorted(result.table("prospects").rows, key=lambda r: r["rank"])
    ]


@given(
    ranks=st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=12), extra=st.integers(0, 3)
)
def test_the_sort_order_is_by_value_then_as_entered_with_rows_without_one_last(ranks, extra):
    """A table's sort button lists rows by their value (equal values in the order entered),
    then the rows without one, then the rows the result does not name, in the order entered."""
    spec = REGISTRY["pipeline"].field("deals").row_results
    rows = [{"row": i, spec.sort: rank} for i, rank in enumerate(ranks)]
    result = {"tables": [{"key": spec.table, "rows": rows[::-1]}]}  # the result's own order
    count = len(ranks) + extra
    _cells, order = row_cells(spec, result, count, "en")
    valued = sorted((r, i) for i, r in enumerate(ranks) if r is not None)
    without = [i for i in range(count) if i >= len(ranks) or ranks[i] is None]
    assert order == [i for _rank, i in valued] + without


def test_rows_answer_in_the_order_entered_even_when_the_result_is_sorted_by_score():
    raw = {**SCREENING.defaults(), "sort_by": "score"}
    names = [p["name"] for p in raw["prospects"]]
    view = prospects_view(raw)
    result = SCREENING.run(raw)
    score_of = {r["name"]: r["score"] for r in result.table("prospects").rows}
    for name, answer in zip(names, view["results"], strict=True):
        assert answer["cells"]["score"] == str(score_of[name]).removesuffix(".0")


def test_the_pipeline_and_the_wall_answer_in_the_row_too():
    board = form_view(REGISTRY["pipeline"], REGISTRY["pipeline"].defaults(), None, "en")
    assert board["tables"][0]["results"] is None  # no result given: nothing to show yet
    calc = REGISTRY["wall"]
    result = calc.run(calc.defaults()).to_dict()
    wall = form_view(calc, calc.defaults(), result, "zh")["tables"][0]
    first = calc.defaults()["factors"][0]
    assert wall["results"][0]["cells"]["points_today"] == str(
        first["weight"] * first["score_today"]
    )
    assert sort_label(calc.field("factors"), "zh") == "按顺序排序"


def test_every_declared_row_result_names_a_result_table_with_a_row_per_input_row():
    for calc in REGISTRY.values():
        for field in calc.fields:
            if field.kind != "table":
                continue
            if field.headings is not None:
                keys = {c.key for c in field.columns}
                assert set(field.headings.columns) <= keys
                assert calc.field(field.headings.source).kind == "table"
            if field.row_results is not None:
                table = calc.run(calc.defaults()).table(field.row_results.table)
                rows = sorted(r["row"] for r in table.rows)
                assert rows == list(range(len(calc.defaults()[field.key])))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2), min_size=3, max_size=3), min_size=1, max_size=12))
def test_every_row_gets_its_own_answer_whatever_the_points(points):
    raw = {
        "criteria": SCREENING.defaults()["criteria"][:3],
        "prospects": [
            {"name": f"P{n}", "c1": a, "c2": b, "c3": c} for n, (a, b, c) in enumerate(points)
        ],
    }
    view = prospects_view(raw)
    result = SCREENING.run(raw)
    assert len(view["results"]) == len(points)
    ranks = sorted(int(a["cells"]["rank"]) for a in view["results"])
    assert ranks == list(range(1, len(points) + 1))
    assert len(result.table("prospects").rows) == len(points)


def test_a_blank_start_keeps_the_names_and_criteria_and_leaves_the_points_to_the_group():
    blank = SCREENING.blank_start("zh")
    example = SCREENING.defaults("zh")
    assert blank["criteria"] == example["criteria"]  # the trainer's rules stay
    assert [p["name"] for p in blank["prospects"]] == [p["name"] for p in example["prospects"]]
    assert all(p[f"c{n}"] is None for p in blank["prospects"] for n in range(1, 11))
    assert SCREENING.exercise and not REGISTRY["deal_heat"].exercise


def test_the_wall_exercise_leaves_the_groups_scores_actions_and_account_class_blank():
    wall = REGISTRY["wall"]
    for lang in ("zh", "en"):
        blank = wall.blank_start(lang)
        example = wall.defaults(lang)
        # the group classes its own account: potential, winnable share and loyalty are its own
        for key in ("potential_business_wan", "winnable_share_pct", "loyalty"):
            assert example[key] is not None and blank[key] is None, key
        for row, worked in zip(blank["factors"], example["factors"], strict=True):
            assert {k: row[k] for k in ("name", "weight", "zero", "one", "two")} == {
                k: worked[k] for k in ("name", "weight", "zero", "one", "two")
            }  # the worksheet's factors stay as the trainer gives them
            assert all(row[k] is None for k in ("score_today", "score_tomorrow", "action"))


@pytest.mark.parametrize("slug", [s for s, c in REGISTRY.items() if c.exercise])
def test_a_blank_start_empties_every_value_declared_the_groups_and_nothing_else(slug):
    """Read from the schema alone: each ``exercise`` field or column is empty in every row, every
    other value is the worked example's, and what Python then refuses is only about the group's
    values (a blank start never breaks a name or a setting)."""
    calc = REGISTRY[slug]
    for lang in ("zh", "en"):
        blank, example = calc.blank_start(lang), calc.defaults(lang)
        given: set[tuple[str, str | None]] = set()
        for f in calc.fields:
            if f.kind != "table":
                assert blank[f.key] == (None if f.exercise else example[f.key]), f.key
                if f.exercise:
                    given.add((f.key, None))
                continue
            assert len(blank[f.key]) == len(example[f.key])
            for row, worked in zip(blank[f.key], example[f.key], strict=True):
                for c in f.columns:
                    assert row.get(c.key) == (None if c.exercise else worked.get(c.key)), c.key
                    if c.exercise:
                        given.add((f.key, c.key))
        assert given, "an exercise with nothing for the group to give"
        try:
            calc.validate(blank)
        except InputError as error:
            for problem in error.problems:
                assert (problem.field, problem.column) in given, problem


def test_a_complete_row_shows_its_score_and_band_while_other_rows_are_still_blank():
    raw = SCREENING.blank_start("en")
    raw["prospects"][1].update({"c1": 2, "c2": 2, "c3": 1, "c4": 2})  # USA Enterprise, scored
    raw["prospects"][2].update({"c1": 0, "c2": 0})  # Giant Plastics, half done
    view = prospects_view(raw)
    alone = SCREENING.run({**raw, "prospects": [raw["prospects"][1]]}).table("prospects").rows[0]
    assert view["partial"] is True
    done = view["results"][1]
    assert done["cells"]["score"] == str(alone["score"]).removesuffix(".0")
    assert done["cells"]["band"] == alone["band"].en == "Key prospect"
    assert done["tone"] == "key"
    assert done["cells"]["rank"] == ""  # a rank among rows not all there would mislead
    assert view["results"][0] is None and view["results"][2] is None


def test_a_wrong_criterion_gives_no_row_a_result():
    raw = SCREENING.blank_start("en")
    raw["prospects"][0].update({"c1": 2, "c2": 2, "c3": 1, "c4": 2})
    raw["criteria"][0]["weight"] = "lots"
    assert prospects_view(raw)["results"] is None  # not only some rows: nothing partial
