"""What a calculator returns (figures, verdict, tables, charts and links, as a :class:`Result`).

The same result is rendered by the page, written by the command line and read by the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ._text import Text


@dataclass(frozen=True)
class Figure:
    """One number of a result, labelled in both languages."""

    key: str
    label: Text
    value: float | int | str | None
    unit: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label.to_dict(),
            "value": self.value,
        }
        if self.unit is not None:
            data["unit"] = self.unit.to_dict()
        return data


@dataclass(frozen=True)
class Verdict:
    """The outcome a person acts on: a band, a grade or a priority, with its label."""

    key: str
    label: Text

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label.to_dict()}


@dataclass(frozen=True)
class PageLink:
    """A link to a playbook page (e.g. feedback that sends a learner back to the funnel page).

    ``page`` is the page's path without language prefix or trailing slash
    (``sales-process/funnel``); the renderer makes it relative to where the result is shown.
    """

    page: str
    label: Text

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "label": self.label.to_dict()}


@dataclass(frozen=True)
class Chart:
    """A chart drawn by the package as SVG, one drawing per language (its labels differ).

    The same SVG is rendered into the page at build time and by Pyodide in the browser, so the
    first paint and the live page draw the same picture. Any text inside must be escaped by
    the code that draws it.
    """

    key: str
    title: Text
    svg: Text

    @classmethod
    def drawn(cls, key: str, title: Text, draw: Callable[[str], str]) -> Chart:
        """A chart drawn by ``draw(lang)`` in each language :func:`drawing_only` leaves (both,
        unless a page that shows one language asked; the other is then empty)."""
        langs = _DRAWN.get()
        zh, en = (draw(lang) if lang in langs else "" for lang in ("zh", "en"))
        return cls(key, title, Text(zh, en))

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title.to_dict(), "svg": self.svg.to_dict()}


#: The languages a chart is drawn in (:meth:`Chart.drawn`): both, unless a page asked for one.
_DRAWN: ContextVar[tuple[str, ...]] = ContextVar("drawn", default=("zh", "en"))


@contextmanager
def drawing_only(lang: str) -> Iterator[None]:
    """Within the block, charts are drawn in ``lang`` alone: the browser's page shows one
    language, and a chart of 10,000 deals took a third of the scoring to draw twice."""
    token = _DRAWN.set((lang if lang == "zh" else "en",))
    try:
        yield
    finally:
        _DRAWN.reset(token)


def _cell_to_dict(value: Any) -> Any:
    if isinstance(value, (Text, PageLink)):
        return value.to_dict()
    return value


@dataclass(frozen=True)
class ResultTable:
    """Per-row results of a table model (one row per prospect, deal, competitor…).

    ``columns`` are ``(key, label)`` pairs; each row maps those keys to a number, a string,
    a :class:`Text` (for a per-row band or grade) or a :class:`PageLink`.
    """

    key: str
    label: Text
    columns: tuple[tuple[str, Text], ...]
    rows: tuple[Mapping[str, Any], ...]

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """JSON-ready; with ``limit``, a table longer than that keeps its first ``limit`` rows
        and says how many it has (``rows_total``)."""
        rows = self.rows if limit is None else self.rows[:limit]
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label.to_dict(),
            "columns": [{"key": k, "label": t.to_dict()} for k, t in self.columns],
            "rows": [{k: _cell_to_dict(v) for k, v in row.items()} for row in rows],
        }
        if len(rows) < len(self.rows):
            data["rows_total"] = len(self.rows)
        return data


@dataclass(frozen=True)
class Result:
    """What a calculator returns: figures, the verdict, the reasoning, the prescribed actions."""

    figures: tuple[Figure, ...]
    verdict: Verdict
    reasoning: tuple[Text, ...]
    actions: tuple[Text, ...]
    tables: tuple[ResultTable, ...] = ()
    charts: tuple[Chart, ...] = ()

    def figure(self, key: str) -> Any:
        """The value of the figure named ``key``."""
        for f in self.figures:
            if f.key == key:
                return f.value
        raise KeyError(key)

    def table(self, key: str) -> ResultTable:
        """The result table named ``key``."""
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """JSON-ready: the form the browser shows and the parity tests compare. With ``limit``
        (what a page shows), each table keeps its first ``limit`` rows (see
        :meth:`ResultTable.to_dict`): 10,000 rows are never converted to be cut."""
        return {
            "figures": [f.to_dict() for f in self.figures],
            "verdict": self.verdict.to_dict(),
            "reasoning": [t.to_dict() for t in self.reasoning],
            "actions": [t.to_dict() for t in self.actions],
            "tables": [t.to_dict(limit) for t in self.tables],
            "charts": [c.to_dict() for c in self.charts],
        }
