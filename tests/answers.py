"""Answers of the engine compared as results: without what only says how an answer travelled."""

from __future__ import annotations

from typing import Any


def comparable(answer: dict[str, Any]) -> dict[str, Any]:
    """``answer`` (of ``score_json``, parsed) without its form's ``answer`` id (each engine
    draws its own) and ``base`` (the answer the page held): what two engines must agree on."""
    form = answer.get("form")
    if not isinstance(form, dict):
        return answer
    return {**answer, "form": {k: v for k, v in form.items() if k not in ("answer", "base")}}
