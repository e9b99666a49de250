"""Each language pure: the engine's English has no Chinese, and the Chinese worked examples
carry no English glosses (the same firms are named in each reader's language)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from calculators import REGISTRY

HAN = re.compile(r"[\u4e00-\u9fff]+")
#: Two English words in a row: a gloss, not a brand such as ABC or PK.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ -][A-Za-z]{2,}")


def texts(data: Any, lang: str) -> list[str]:
    """Every text in ``lang`` inside a schema or a result (``{"zh": …, "en": …}`` pairs)."""
    if isinstance(data, dict):
        if isinstance(data.get(lang), str) and set(data) >= {"zh", "en"}:
            return [data[lang]]
        return [t for v in data.values() for t in texts(v, lang)]
    if isinstance(data, list):
        return [t for v in data for t in texts(v, lang)]
    return []


def cells(value: Any) -> list[str]:
    """The text cells of a worked example (a share link's packed state is data, not words)."""
    if isinstance(value, str):
        return [] if "#ka." in value else [value]
    if isinstance(value, dict):
        return [c for v in value.values() for c in cells(v)]
    if isinstance(value, list):
        return [c for v in value for c in cells(v)]
    return []


@pytest.mark.parametrize("calc", list(REGISTRY.values()), ids=list(REGISTRY))
def test_the_english_text_of_a_calculator_has_no_chinese(calc):
    shown = texts(calc.to_dict("en"), "en") + texts(calc.run(calc.defaults("en")).to_dict(), "en")
    shown += cells(calc.defaults("en"))
    chinese = [t for t in shown if HAN.search(re.sub("<[^>]+>", "", t))]
    assert not chinese


@pytest.mark.parametrize("calc", list(REGISTRY.values()), ids=list(REGISTRY))
def test_the_chinese_worked_example_has_no_english_glosses(calc):
    glossed = [c for c in cells(calc.defaults("zh")) if ENGLISH_WORDS.search(c)]
    assert not glossed
