"""The tail every model's result shares, assembled in one place.

A model is a calculation (small functions returning numbers and keys) and an explanation (its
words in both languages). What it hands back is always the same shape: the figures a person
reads, the verdict they act on, why (reasoning), what to do (actions), and per-row tables and
charts. :func:`result` assembles that tail from whatever sequences the explanation built, so a
model's ``compute`` reads as: check, calculate, explain, return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._results import Chart, Figure, Result, ResultTable, Verdict
from ._text import Text


def figure(
    key: str, zh: str, en: str, value: float | str | None, unit: Text | None = None
) -> Figure:
    """One labelled number of a result (its label given in both languages)."""
    return Figure(key, Text(zh, en), value, unit)


def verdict(key: str, zh: str, en: str) -> Verdict:
    """The outcome a person acts on: a band, grade or priority key and its words."""
    return Verdict(key, Text(zh, en))


def columns(*named: tuple[str, str, str]) -> tuple[tuple[str, Text], ...]:
    """A result table's columns from ``(key, zh, en)`` triples."""
    return tuple((key, Text(zh, en)) for key, zh, en in named)


def table(
    key: str,
    label: Text,
    heads: Iterable[tuple[str, Text]],
    rows: Iterable[Mapping[str, Any]],
) -> ResultTable:
    """A per-row result table (one row per prospect, deal, competitor…)."""
    return ResultTable(key, label, tuple(heads), tuple(rows))


def result(
    *,
    figures: Iterable[Figure],
    verdict: Verdict,
    reasoning: Iterable[Text],
    actions: Iterable[Text],
    tables: Iterable[ResultTable] = (),
    charts: Iterable[Chart] = (),
) -> Result:
    """A model's result from the parts its calculation and explanation produced."""
    return Result(
        figures=tuple(figures),
        verdict=verdict,
        reasoning=tuple(reasoning),
        actions=tuple(actions),
        tables=tuple(tables),
        charts=tuple(charts),
    )
