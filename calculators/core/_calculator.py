"""One calculator (its identity, its declared inputs and its pure ``compute``), and how it runs.

A calculator is data (its fields) plus one pure function (``compute``); :meth:`Calculator.run`
validates what was typed against the declarations and computes the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._declarations import CALCULATOR_KINDS, MIN_STATE_CHARS, Field, FieldResults
from ._results import Result
from ._text import InputError, Text, echo, localized, raise_problems
from ._validation import check_value


@dataclass(frozen=True)
class Calculator:
    """One scoring model: its identity, its declared inputs and its pure ``compute``.

    ``compute`` receives inputs already checked by :meth:`validate` (numbers are numbers,
    choices are valid, tables are lists of row dicts) and may raise :class:`InputError` for
    rules that span fields (weights that cannot form a total).
    """

    slug: str
    title: Text
    summary: Text
    source: str
    fields: tuple[Field, ...]
    compute: Callable[[dict[str, Any]], Result]
    page: str = ""
    order: int = 0
    kind: str = "model"
    field_results: FieldResults | None = None
    #: A drill's full answer key (every item's answer and reason), for a trainer's printed key;
    #: the drill's own result hides the answers of items not answered yet.
    answer_key: Callable[[], Result] | None = None

    def __post_init__(self) -> None:
        if self.kind not in CALCULATOR_KINDS:
            raise ValueError(f"unknown calculator kind {self.kind!r} for {self.slug}")

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def defaults(self, lang: str = "zh") -> dict[str, Any]:
        """The worked example: every field's default (tables deep-copied), names in ``lang``."""
        return {
            f.key: localized([dict(r) for r in f.default] if f.kind == "table" else f.default, lang)
            for f in self.fields
        }

    @property
    def exercise(self) -> bool:
        """Whether the calculator is an exercise: some input is the learner's to give."""
        return any(f.exercise or any(c.exercise for c in f.columns) for f in self.fields)

    def blank_start(self, lang: str = "zh") -> dict[str, Any]:
        """An exercise's start: the worked example with every value the learner gives left
        empty (a prospect's points, a drill's answers); names, rows and settings stay."""
        values = self.defaults(lang)
        for f in self.fields:
            if f.exercise:
                values[f.key] = None
            elif f.kind == "table":
                blank = [c.key for c in f.columns if c.exercise]
                values[f.key] = [{**row, **dict.fromkeys(blank)} for row in values[f.key]]
        return values

    def validate(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Check and convert raw inputs (from a form, JSON or CSV) against the schema.

        Missing keys take the field's default. Every problem found is collected; if there is
        any, one :class:`InputError` is raised carrying all of them.
        """
        if not isinstance(raw, Mapping):
            raise InputError(
                "",
                "输入必须是由字段名到数值的映射。",
                "Inputs must be a mapping of field keys to values.",
            )
        problems: list[InputError] = []
        clean: dict[str, Any] = {}
        known = {f.key for f in self.fields}
        for key in raw:
            if key not in known:
                problems.append(
                    InputError(
                        str(key),
                        f"未知字段「{echo(key)}」。",
                        f"Unknown field '{echo(key)}'.",
                    )
                )
        defaults = self.defaults()
        for f in self.fields:
            value = raw[f.key] if f.key in raw else defaults[f.key]
            try:
                clean[f.key] = check_value(f, value)
            except InputError as error:
                problems.extend(error.problems)
        raise_problems(problems)
        return clean

    def run(self, raw: Mapping[str, Any]) -> Result:
        """Validate ``raw`` and compute the result."""
        return self.compute(self.validate(raw))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The calculator's schema as JSON-ready data (the worked example's names in ``lang``)."""
        return {
            "slug": self.slug,
            "title": self.title.to_dict(),
            "summary": self.summary.to_dict(),
            "source": self.source,
            "page": self.page,
            "kind": self.kind,
            "fields": [f.to_dict(lang) for f in self.fields],
            "exercise": self.exercise,
            "field_results": self.field_results is not None,
            "max_state_chars": self.max_state_chars,
        }

    @property
    def max_state_chars(self) -> int:
        """The longest JSON text a state of this calculator's form can be while every value is
        one its field takes: every table at its row limit, every value at its field's limit
        (:attr:`Field.max_chars`), each character escaped once. The page saves, restores and
        shares any state up to this (``data-max-state-chars`` on the form), and never less than
        :data:`MIN_STATE_CHARS`; the engine reads JSON of up to
        :data:`calculators.core._untrusted.MAX_JSON_CHARS`, which is larger than any of them."""

        def value(key: str, chars: int) -> int:
            return len(key) + 2 * chars + 8  # "key": "…", with every character escaped

        chars = 2
        for f in self.fields:
            if f.kind != "table":
                chars += value(f.key, f.max_chars)
                continue
            row = 2 + sum(value(c.key, c.max_chars) for c in f.columns)
            chars += len(f.key) + 6 + f.max_rows * (row + 1)
        return max(MIN_STATE_CHARS, chars)
