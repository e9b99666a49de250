"""Every calculator of the registry: it computes its worked example, speaks both languages, and
turns every kind of bad input into the one clear error type."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from calculators import REGISTRY, InputError, score_json
from calculators.core import Field
from generate import inputs_for

DOCS = Path(__file__).resolve().parent.parent / "docs"
CJK = re.compile(r"[\u4e00-\u9fff]")

#: The scoring models of METHODOLOGY.md, "Scoring models" 1 to 13.
METHODOLOGY_MODELS = {
    "screening",
    "expected_value",
    "deal_heat",
    "funnel_grading",
    "funnel_shape",
    "wall",
    "competitors",
    "customer_evaluation",
    "selling_time",
    "hunter_farmer",
    "customer_value",
    "questions",
    "decision_unit",
}

CALCS = list(REGISTRY.values())
ids = [c.slug for c in CALCS]


def texts_of(data):
    """Every {"zh", "en"} text inside a JSON-ready structure."""
    if isinstance(data, dict):
        if set(data) == {"zh", "en"}:
            yield data
        else:
            for value in data.values():
                yield from texts_of(value)
    elif isinstance(data, list):
        for value in data:
            yield from texts_of(value)


def assert_bilingual(text: dict) -> None:
    assert text["zh"].strip() and text["en"].strip(), text


def test_every_calculator_is_registered_under_its_own_slug_in_its_order():
    assert all(slug == calc.slug for slug, calc in REGISTRY.items())
    models = [c for c in REGISTRY.values() if c.kind == "model"]
    assert [c.order for c in models] == sorted(c.order for c in models)
    kinds = [c.kind for c in REGISTRY.values()]
    assert kinds == sorted(kinds, key=["model", "tool", "drill"].index)


def test_the_registry_lists_every_model_of_the_methodology():
    assert {slug for slug, calc in REGISTRY.items() if calc.kind == "model"} == METHODOLOGY_MODELS


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_every_calculator_computes_its_worked_example(calc):
    result = calc.run(calc.defaults()).to_dict()
    assert result["verdict"]["key"]
    assert result["figures"] and result["reasoning"] and result["actions"]
    json.dumps(result)  # plain data all the way down


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_every_label_help_and_result_line_is_in_both_languages(calc):
    schema = calc.to_dict()
    for text in texts_of(schema):
        assert_bilingual(text)
    for field in schema["fields"]:
        for f in [field, *field.get("columns", [])]:
            assert CJK.search(f["label"]["zh"]), f["key"]
            assert f["help"]["en"] and f["help"]["zh"], f["key"]
    for text in texts_of(calc.run(calc.defaults()).to_dict()):
        assert_bilingual(text)


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_every_calculator_names_its_source_deck_and_page(calc):
    sources = {
        "key-account-sales-process.txt",
        "key-account-development-techniques.txt",
        "raising-customer-value.txt",
        "key-account-management.txt",
        "developing-enterprise-customers.txt",
    }
    assert calc.source in sources
    assert calc.page, "every calculator lives on a playbook page"


@pytest.mark.parametrize("calc", CALCS, ids=ids)
@pytest.mark.parametrize("lang_suffix", [".md", ".zh.md"])
def test_every_calculator_appears_on_its_page_in_both_languages(calc, lang_suffix):
    page = DOCS / f"{calc.page}{lang_suffix}"
    if not DOCS.exists():
        pytest.skip("the docs are not part of this run")
    assert page.exists(), page
    assert f"<!-- calc:{calc.slug} -->" in page.read_text("utf-8")


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_every_calculator_page_is_in_the_navigation(calc):
    config = DOCS.parent / "mkdocs.yml"
    if not config.exists():
        pytest.skip("the site's configuration is not part of this run")
    nav = config.read_text("utf-8").split("\nnav:", 1)[1]
    assert re.search(rf"^\s*- (.+: )?{re.escape(calc.page)}\.md\s*$", nav, re.M), calc.page


def test_every_page_marker_names_a_real_calculator():
    if not DOCS.exists():
        pytest.skip("the docs are not part of this run")
    marker = re.compile(r"<!--\s*calc(?:-key)?:([a-z_]+)\s*-->")
    named = {
        (page.relative_to(DOCS).as_posix(), slug)
        for page in DOCS.rglob("*.md")
        for slug in marker.findall(page.read_text("utf-8"))
    }
    assert named, "the pages name calculators"
    assert not [(page, slug) for page, slug in named if slug not in REGISTRY]


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_generated_inputs_compute_or_fail_with_the_one_error_type(calc):
    for seed in range(25):
        try:
            result = calc.run(inputs_for(calc, seed)).to_dict()
        except InputError as error:
            for problem in error.to_dict()["problems"]:
                assert_bilingual(problem["message"])
            continue
        for figure in result["figures"]:
            value = figure["value"]
            assert not (isinstance(value, float) and not math.isfinite(value)), figure


# --------------------------------------------------------------------------- bad input, by kind


def bad_values(f: Field):
    """Values a person could type that the field must refuse, with why."""
    if f.kind in ("number", "integer"):
        yield "abc", "not a number"
        yield float("nan"), "NaN"
        yield float("inf"), "infinity"
        yield "", "blank" if f.required else None
        if f.minimum is not None:
            yield f.minimum - 1, "below the minimum"
        if f.maximum is not None:
            yield f.maximum + 1, "above the maximum"
        if f.kind == "integer":
            yield 1.5, "not whole"
    elif f.kind == "choice":
        yield "no-such-choice", "not a choice"
    elif f.kind == "boolean":
        yield "maybe", "neither yes nor no"
    elif f.kind == "text":
        limit = int(f.maximum) if f.maximum is not None else 200
        yield "x" * (limit + 1), "too long"
        if f.required:
            yield "   ", "blank"


def bad_cases():
    for calc in CALCS:
        for f in calc.fields:
            if f.kind == "table":
                yield calc, f, None, "not rows", "not a list of rows"
                if f.min_rows > 0:
                    yield calc, f, None, [], "an empty table"
                yield calc, f, None, [{}] * (f.max_rows + 1), "absurdly many rows"
                for column in f.columns:
                    for value, why in bad_values(column):
                        if why:
                            yield calc, f, column, value, why
            else:
                for value, why in bad_values(f):
                    if why:
                        yield calc, f, None, value, why


CASES = list(bad_cases())


@pytest.mark.parametrize(
    ("calc", "field", "column", "value", "why"),
    CASES,
    ids=[f"{c.slug}.{f.key}{'.' + col.key if col else ''}:{why}" for c, f, col, _, why in CASES],
)
def test_bad_input_names_the_field_in_both_languages(calc, field, column, value, why):
    inputs = calc.defaults()
    if column is None:
        inputs[field.key] = value
    else:
        inputs[field.key][0][column.key] = value
    with pytest.raises(InputError) as caught:
        calc.run(inputs)
    error = caught.value
    assert error.field == field.key
    if column is not None:
        assert (error.row, error.column) == (0, column.key)
    assert_bilingual(error.message.to_dict())
    assert "Traceback" not in error.message.en
    assert not re.search(r"\b(nan|inf|none|undefined)\b", error.message.en, re.IGNORECASE)


def test_unknown_fields_are_refused_not_ignored():
    calc = REGISTRY["screening"]
    with pytest.raises(InputError) as caught:
        calc.run({"weights_typo": 3})
    assert caught.value.field == "weights_typo"


def test_the_browser_entry_point_answers_json_even_for_nonsense():
    answer = json.loads(score_json("screening", "{not json", "zh"))
    assert answer["ok"] is False and answer["error"]["message"]["zh"]
    answer = json.loads(score_json("no_such_model", "{}", "en"))
    assert answer["ok"] is False and "no_such_model" in answer["error"]["message"]["en"]
    answer = json.loads(score_json("screening", "[]", "en"))
    assert answer["ok"] is False
