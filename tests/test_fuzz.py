"""Whatever a reader, a damaged link or a hostile file sends a calculator, it answers with a result
or the one bilingual error: never another exception, never NaN, Infinity, undefined or None on the
page.

The inputs are built by hypothesis from each calculator's own schema: sometimes the right kind of
value, often the wrong type, huge and tiny numbers, unicode edge cases (lone surrogates, NUL,
right-to-left marks, full-width digits), missing keys, extra keys and rows that are not rows.
"""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import REGISTRY, InputError, Result, score_json
from calculators.core import Field
from calculators.core._html import render_result

CALCS = list(REGISTRY.values())
#: Examples per calculator; raise it (KA_FUZZ_EXAMPLES=2000) for a deeper run.
EXAMPLES = int(os.environ.get("KA_FUZZ_EXAMPLES", "60"))
ids = [c.slug for c in CALCS]

#: Words that mean a broken figure reached the page (JavaScript's or Python's placeholders).
FORBIDDEN = ("NaN", "Infinity", "undefined", "None", "nan", "inf")
WORD = {w: re.compile(rf"(?<![A-Za-z]){w}(?![A-Za-z])") for w in FORBIDDEN}

#: Strings a reader, a spreadsheet or an attacker might put in any field.
EDGE_STRINGS = [
    "",
    " ",
    "\u3000",  # a full-width space
    "\ud800",  # a lone surrogate: not text at all
    "a\udfffb",
    "\x00",
    "\u202eevil",  # a right-to-left override
    "\ufeff1",
    "１２",  # full-width digits
    "٣",  # an Arabic-Indic digit
    "1e400",
    "-1e400",
    "1e-320",
    "4.9e-324",
    "1e308",
    "-0",
    "NaN",
    "Infinity",
    "-inf",
    "0x10",
    "1_000",
    "9" * 5000,
    "1" * 400,
    "😀" * 3,
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x","y")',
    "是",
    "true",
]
EDGE_NUMBERS = [
    0,
    -0.0,
    1,
    -1,
    2,
    5e-324,
    1e-320,
    1e-310,
    1e-9,
    1e-6,
    1e308,
    1.7976931348623157e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    10**15,
    10**16,
    10**400,
    -(10**400),
    2**63,
]


@functools.cache
def scalars() -> st.SearchStrategy[Any]:
    """Any scalar a JSON state or a form could hold, weighted towards the nasty ones."""
    return st.one_of(
        st.sampled_from(EDGE_STRINGS),
        st.sampled_from(EDGE_NUMBERS),
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
        st.text(max_size=30),
        st.text(st.characters(codec=None, categories=None), max_size=8),  # surrogates too
    )


def wrong_shapes() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(scalars(), max_size=3),
        st.dictionaries(st.text(max_size=5), scalars(), max_size=3),
    )


def value_of(f: Field) -> st.SearchStrategy[Any]:
    """A value for one scalar field: often a right one, often not."""
    right: st.SearchStrategy[Any]
    if f.kind in ("number", "integer"):
        lo = f.minimum if f.minimum is not None else -1e6
        hi = f.maximum if f.maximum is not None else 1e6
        right = (
            st.integers(int(lo), int(hi))
            if f.kind == "integer"
            else st.floats(lo, hi, allow_subnormal=lo <= 0 <= hi)
        )
        right = st.one_of(right, right.map(str))
    elif f.kind == "choice":
        right = st.sampled_from([c.value for c in f.choices])
    elif f.kind == "boolean":
        right = st.booleans()
    else:
        right = st.text(max_size=40)
    return st.one_of(right, right, scalars(), wrong_shapes())


def row_of(f: Field) -> st.SearchStrategy[Any]:
    cells = st.fixed_dictionaries(
        {}, optional={c.key: value_of(c) for c in f.columns}
    )  # any column may be missing
    extra = st.dictionaries(st.text(max_size=6), scalars(), max_size=2)
    return st.one_of(
        cells,
        cells,
        cells,
        st.builds(lambda a, b: {**b, **a}, cells, extra),
        scalars(),
    )


def table_of(f: Field) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(row_of(f), max_size=6),
        st.lists(row_of(f), max_size=6),
        scalars(),
        st.dictionaries(st.text(max_size=4), scalars(), max_size=2),
    )


def raw_inputs(calc) -> st.SearchStrategy[Any]:
    """A whole input for ``calc``: its fields (any may be missing), sometimes extra keys,
    now and then not even a mapping."""
    fields = st.fixed_dictionaries(
        {},
        optional={f.key: table_of(f) if f.kind == "table" else value_of(f) for f in calc.fields},
    )
    extra = st.dictionaries(st.text(max_size=8), scalars(), max_size=2)
    return st.one_of(
        fields,
        fields,
        fields,
        fields,
        st.builds(lambda a, b: {**b, **a}, fields, extra),
        scalars(),
        st.lists(scalars(), max_size=3),
    )


def check_answer(calc, raw: Any) -> None:
    """The property: a Result or the one InputError, and a rendering with no broken figure."""
    try:
        result = calc.run(raw)
    except InputError as error:
        data = error.to_dict()
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # printable, storable, sendable
        for problem in data["problems"]:
            assert problem["message"]["zh"].strip() and problem["message"]["en"].strip()
        return
    assert isinstance(result, Result)
    data = result.to_dict()
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)  # no NaN or Infinity inside
    text.encode("utf-8")  # no lone surrogate either
    typed = json.dumps(raw, ensure_ascii=False, default=str)
    for lang in ("en", "zh"):
        html = render_result(data, lang, "../")
        for word, pattern in WORD.items():
            if word not in typed:  # a reader may call a prospect "None"
                assert not pattern.search(html), (word, html[:400])


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_any_input_gives_a_result_or_the_one_input_error(calc):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )
    @given(raw_inputs(calc))
    def prop(raw):
        check_answer(calc, raw)

    prop()


@pytest.mark.parametrize("calc", CALCS, ids=ids)
def test_the_browser_entry_point_answers_json_for_any_input(calc):
    @settings(max_examples=max(10, EXAMPLES // 4), deadline=None, derandomize=True)
    @given(raw_inputs(calc), st.sampled_from(["en", "zh"]))
    def prop(raw, lang):
        try:
            text = json.dumps(raw, ensure_ascii=False)
        except ValueError:
            return
        answer = json.loads(score_json(calc.slug, text, lang, "../"))
        assert answer["ok"] in (True, False)
        if answer["ok"]:
            assert "NaN" not in json.dumps(answer["result"], allow_nan=False)

    prop()


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,  # nested too deeply for Python's JSON reader
        '{"a": ' * 50_000,
        "not json",
        "",
        "1e999999",
    ],
)
def test_malformed_json_is_the_one_input_error(text):
    answer = json.loads(score_json("screening", text, "en"))
    assert answer["ok"] is False and answer["error"]["message"]["zh"]
