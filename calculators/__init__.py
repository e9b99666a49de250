"""KA Playbook's scoring models: every calculator of the methodology, written once.

``REGISTRY`` maps each calculator's slug to its :class:`~calculators._schema.Calculator`. It is
the one entry point for the site generator, the browser (through Pyodide) and the tests.
"""

from __future__ import annotations

import json
from typing import Any

from . import (
    competitors,
    customer_evaluation,
    customer_value,
    deal_heat,
    decision_unit,
    expected_value,
    funnel_grading,
    funnel_shape,
    hunter_farmer,
    questions,
    screening,
    selling_time,
    wall,
)
from ._html import render_result
from ._schema import Calculator, InputError, Result, Text

__all__ = ["REGISTRY", "Calculator", "InputError", "Result", "Text", "calculator", "score"]

#: Every calculator, in the order the methodology presents them.
REGISTRY: dict[str, Calculator] = {
    module.CALCULATOR.slug: module.CALCULATOR
    for module in sorted(
        (
            screening,
            expected_value,
            deal_heat,
            funnel_grading,
            funnel_shape,
            wall,
            competitors,
            customer_evaluation,
            selling_time,
            hunter_farmer,
            customer_value,
            questions,
            decision_unit,
        ),
        key=lambda m: m.CALCULATOR.order,
    )
}


def calculator(slug: str) -> Calculator:
    """The calculator registered as ``slug``; a clear :class:`InputError` if there is none."""
    try:
        return REGISTRY[slug]
    except KeyError:
        raise InputError(
            "",
            f"没有名为「{slug}」的计算器。",
            f"There is no calculator called '{slug}'.",
        ) from None


def score(slug: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Validate ``inputs`` for calculator ``slug``, compute, and return the result as a dict."""
    return calculator(slug).run(inputs).to_dict()


def score_json(slug: str, inputs_json: str, lang: str = "en", root: str = "") -> str:
    """The browser's entry point: JSON in, JSON out, never an exception for bad input.

    Answers ``{"ok": true, "result": …, "html": …}`` (the result and its rendering in ``lang``)
    or ``{"ok": false, "error": …}`` where the error carries the field and the message in both
    languages. ``root`` is the relative path from the page to the site's root, for links.
    """
    try:
        inputs = json.loads(inputs_json)
        result = score(slug, inputs)
    except InputError as error:
        return json.dumps({"ok": False, "error": error.to_dict()}, ensure_ascii=False)
    except json.JSONDecodeError:
        error = InputError("", "输入不是有效的 JSON。", "The inputs are not valid JSON.")
        return json.dumps({"ok": False, "error": error.to_dict()}, ensure_ascii=False)
    return json.dumps(
        {"ok": True, "result": result, "html": render_result(result, lang, root)},
        ensure_ascii=False,
    )
