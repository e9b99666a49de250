"""Machine keys for the labels in a result (a band, a stage, a grade), for ``--json`` output.

Results show a per-row band or stage as its label in both languages. A program reading the
result wants the stable key too (``key_prospect``, ``quote_discussed``). The keys are found
in the calculator's own module and the modules it uses: every mapping of keys to labels
(``STAGE_LABELS``…), every band of its :class:`~calculators.core._bands.Bands` and every choice of
its fields. Nothing is written twice.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from ..core import Calculator, Text
from ..core._bands import Bands


def _text_of(value: Any) -> Text | None:
    if isinstance(value, Text):
        return value
    for attribute in ("label", "name", "title"):
        inner = getattr(value, attribute, None)
        if isinstance(inner, Text):
            return inner
    return None


def _collect(index: dict[tuple[str, str], str], mapping: Mapping[Any, Any]) -> None:
    for key, value in mapping.items():
        text = _text_of(value)
        if isinstance(key, str) and text is not None:
            index.setdefault((text.zh, text.en), key)


def label_index(calc: Calculator) -> dict[tuple[str, str], str]:
    """(zh, en) label → key, from the calculator's module and the calculator modules it uses."""
    index: dict[tuple[str, str], str] = {}
    for f in calc.fields:
        for column in (*f.columns, f):
            for choice in column.choices:
                index.setdefault((choice.label.zh, choice.label.en), choice.value)
    module = sys.modules.get(calc.compute.__module__)
    modules: list[ModuleType] = [module] if module else []
    if module is not None:
        modules += [m for m in vars(module).values() if isinstance(m, ModuleType)
                    and m.__name__.startswith("calculators.")]  # fmt: skip
    for m in modules:
        for value in vars(m).values():
            if isinstance(value, Mapping):
                _collect(index, value)
            elif isinstance(value, Bands):
                _collect(index, {band.key: band.label for band in value})
    return index


def with_keys(calc: Calculator, result: dict[str, Any]) -> dict[str, Any]:
    """``result`` with ``<column>_key`` beside every labelled cell whose key is known."""
    index = label_index(calc)
    for table in result.get("tables", []):
        added: list[dict[str, Any]] = []
        for row in table["rows"]:
            for column, value in list(row.items()):
                if isinstance(value, Mapping) and "zh" in value and "en" in value:
                    key = index.get((value["zh"], value["en"]))
                    if key is not None:
                        row[f"{column}_key"] = key
                        if not any(c["key"] == f"{column}_key" for c in added):
                            added.append({"key": f"{column}_key", "of": column})
        table["machine_keys"] = added
    return result
