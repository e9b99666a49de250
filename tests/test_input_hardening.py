"""Values no sales figure can be: every number and text field refuses them with the one bilingual
error, on the page and on the command line, instead of overflowing or crashing."""

from __future__ import annotations

import json

import pytest

from calculators import REGISTRY, InputError, score_json
from calculators.cli.__main__ import EXIT_BAD_INPUT, main
from calculators.core import Field


def scalar_fields(kind: tuple[str, ...]):
    """(calculator, table or None, field) for every scalar field of ``kind``, tables included."""
    for calc in REGISTRY.values():
        for f in calc.fields:
            if f.kind == "table":
                for column in f.columns:
                    if column.kind in kind:
                        yield calc, f, column
            elif f.kind in kind:
                yield calc, None, f


NUMBER_FIELDS = list(scalar_fields(("number", "integer")))
TEXT_FIELDS = list(scalar_fields(("text",)))


def with_value(calc, table: Field | None, f: Field, value) -> dict:
    """The worked example with ``value`` in ``f`` (in the first row, for a table column)."""
    inputs = calc.defaults()
    if table is None:
        inputs[f.key] = value
    else:
        inputs[table.key][0][f.key] = value
    return inputs


def refusal(calc, inputs) -> InputError:
    with pytest.raises(InputError) as caught:
        calc.run(inputs)
    error = caught.value
    for problem in error.to_dict()["problems"]:
        json.dumps(problem, ensure_ascii=False).encode("utf-8")  # printable everywhere
    return error


def names(calc, table, f) -> str:
    return f"{calc.slug}.{table.key + '.' if table else ''}{f.key}"


@pytest.mark.parametrize(
    ("calc", "table", "f"), NUMBER_FIELDS, ids=[names(*t) for t in NUMBER_FIELDS]
)
@pytest.mark.parametrize(
    "value", [10**400, -(10**400), 1e300, "1e400", 1e-320, "1e-320", float("nan")]
)
def test_a_number_no_sales_figure_can_be_is_refused_by_its_field(calc, table, f, value):
    error = refusal(calc, with_value(calc, table, f, value))
    where = (error.field, error.column) if table else (error.field,)
    assert where == ((table.key, f.key) if table else (f.key,))


@pytest.mark.parametrize(("calc", "table", "f"), TEXT_FIELDS, ids=[names(*t) for t in TEXT_FIELDS])
@pytest.mark.parametrize("value", ["\ud800", "Acme\udfff", "A\x00B", {"name": "x"}, ["x"]])
def test_text_that_cannot_be_shown_or_saved_is_refused_by_its_field(calc, table, f, value):
    error = refusal(calc, with_value(calc, table, f, value))
    assert error.field == (table.key if table else f.key)
    assert "\ud800" not in error.message.en


def test_a_sales_target_of_1e_minus_320_is_refused_and_500_computes():
    calc = REGISTRY["deal_heat"]
    error = refusal(calc, {**calc.defaults(), "target_wan": 1e-320})
    assert error.field == "target_wan"
    assert "close to zero" in error.message.en and "接近零" in error.message.zh
    assert calc.run({**calc.defaults(), "target_wan": 500}).verdict.key


def test_a_message_quoting_a_broken_character_stays_printable():
    answer = json.loads(score_json("screening", json.dumps({"\ud800": 1}), "zh"))
    assert answer["ok"] is False
    text = json.dumps(answer, ensure_ascii=False)
    text.encode("utf-8")
    assert "\ufffd" in text


@pytest.mark.parametrize(
    "inputs",
    [
        '{"target_wan": 1e-320}',
        '{"target_wan": 1e400}',
        '{"target_wan": 1' + "0" * 400 + "}",
        '{"deals": [{"name": "\\ud800", "amount_wan": 10, "stage": "need_defined"}]}',
    ],
)
def test_the_command_line_explains_instead_of_a_traceback(tmp_path, capsys, inputs):
    path = tmp_path / "inputs.json"
    path.write_text(inputs, encoding="utf-8")
    assert main(["run", "deal_heat", str(path)]) == EXIT_BAD_INPUT
    out = capsys.readouterr()
    (out.out + out.err).encode("utf-8")  # printable on any UTF-8 terminal
    assert "error" in out.err.lower() and "错误" in out.err
