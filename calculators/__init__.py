"""KA Playbook's scoring models: every calculator of the methodology, written once.

``REGISTRY`` maps each calculator's slug to its :class:`~calculators.core.Calculator`. It is
the one entry point for the site generator, the browser (through Pyodide) and the tests.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any

from ._sent import SENT
from .core import CALCULATOR_KINDS, Calculator, InputError, Result, Text, drawing_only
from .core._csv import table_field
from .core._html import SHOWN_RESULT_ROWS, render_result, without_drawings
from .core._untrusted import MAX_JSON_DEPTH, read_json

__all__ = [
    "MAX_JSON_DEPTH",
    "REGISTRY",
    "Calculator",
    "InputError",
    "Result",
    "Text",
    "calculator",
    "read_json",
    "score",
]


#: The sub-packages that hold calculators, one module each: the methodology's scoring models,
#: the workshop tools built on them, and the self-check drills.
CALCULATOR_PACKAGES = ("models", "workshop", "drills")


def _module_names() -> dict[str, str]:
    """Every calculator's slug and its module's full name, found without importing them.

    A calculator is its module (``models/screening.py`` holds ``CALCULATOR``); helpers start
    with an underscore, so adding a model is adding its module to its sub-package.
    """
    found: dict[str, str] = {}
    for package in CALCULATOR_PACKAGES:
        for module in pkgutil.iter_modules([f"{__path__[0]}/{package}"]):
            if not module.name.startswith("_") and not module.ispkg:
                found[module.name] = f"{__name__}.{package}.{module.name}"
    return found


class Registry(Mapping[str, Calculator]):
    """Every calculator by slug, found in the package itself (no hand-kept list).

    Iterating gives the methodology's scoring models in the order it presents them, then the
    workshop tools, then the self-check drills (``Calculator.kind``, then ``Calculator.order``).
    A calculator's module is imported the first time it is asked for: a page in the browser
    shows one calculator, and Python there compiles every module it imports from source, so
    importing all of them would add a few hundred milliseconds to the first result.
    """

    def __init__(self) -> None:
        self._modules = _module_names()
        self._ordered: tuple[str, ...] | None = None

    def __getitem__(self, slug: str) -> Calculator:
        found = self._load(slug) if slug in self._modules else None
        if found is None:
            raise KeyError(slug)
        return found

    def module(self, slug: str) -> ModuleType:
        """The module that declares calculator ``slug`` (its bands, its words, its functions)."""
        return importlib.import_module(self._modules[slug])

    def _load(self, slug: str) -> Calculator | None:
        """The calculator declared by module ``slug``, or None if it declares none."""
        found = getattr(self.module(slug), "CALCULATOR", None)
        return found if isinstance(found, Calculator) else None

    def _in_order(self) -> tuple[str, ...]:
        if self._ordered is None:
            found = [calc for slug in self._modules if (calc := self._load(slug)) is not None]
            found.sort(key=lambda c: (CALCULATOR_KINDS.index(c.kind), c.order, c.slug))
            self._ordered = tuple(c.slug for c in found)
        return self._ordered

    def __iter__(self) -> Iterator[str]:
        return iter(self._in_order())

    def __len__(self) -> int:
        return len(self._in_order())


REGISTRY = Registry()


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


def _answer(work: Callable[[], dict[str, Any]]) -> str:
    """Run ``work`` and answer JSON: ``{"ok": true, …}`` or ``{"ok": false, "error": …}``.

    The browser's entry points never raise for bad input: every problem comes back as the one
    error type, with its field and its message in both languages.
    """
    try:
        return json.dumps({"ok": True, **work()}, ensure_ascii=False)
    except InputError as error:
        return json.dumps({"ok": False, "error": error.to_dict()}, ensure_ascii=False)
    except json.JSONDecodeError:
        bad_json = InputError("", "输入不是有效的 JSON。", "The inputs are not valid JSON.")
        return json.dumps({"ok": False, "error": bad_json.to_dict()}, ensure_ascii=False)
    except RecursionError:  # JSON nested thousands deep: no state of ours looks like that
        too_deep = InputError(
            "",
            "输入的层次太深，不是本网站保存的数据。",
            "The inputs are nested too deeply to be ours.",
        )
        return json.dumps({"ok": False, "error": too_deep.to_dict()}, ensure_ascii=False)


def score_json(
    slug: str, inputs_json: str, lang: str = "en", root: str = "", base: str = ""
) -> str:
    """The browser's entry point for a result: inputs as JSON text, the answer as JSON text.

    Answers ``{"ok": true, "result": …, "html": …}`` (the result and its rendering in ``lang``)
    or ``{"ok": false, "error": …}``. ``root`` is the relative path from the page to the site's
    root, for links in the result. A result table of more than ``SHOWN_RESULT_ROWS`` rows comes
    with its first rows and ``rows_total`` (see ``Result.to_dict``). ``base`` names the answer
    whose row results the page holds: the form's tables then list only the rows that changed
    (see ``_sent``).
    """

    def work() -> dict[str, Any]:
        seen["raw"] = read_json(inputs_json)
        with drawing_only(lang):  # the page shows one language: its charts are drawn once
            result = calculator(slug).run(seen["raw"])
        seen["result"] = result
        # a table of thousands of rows: its first rows (the page's table shows each row's own)
        shown = result.to_dict(SHOWN_RESULT_ROWS)
        return {"result": without_drawings(shown), "html": render_result(shown, lang, root)}

    seen: dict[str, Any] = {}
    answer = _answer(work)
    return _with_form(
        answer, slug, inputs_json, seen.get("result"), lang, root, seen.get("raw"), base
    )


def _with_form(
    answer: str,
    slug: str,
    inputs_json: str,
    result: Result | None,
    lang: str,
    root: str,
    raw: Any = None,
    base: str = "",
) -> str:
    """Add ``"form"`` to an answer: what the form shows around its inputs (see ``_form``), as
    a page holding answer ``base`` needs it (see ``_sent``).

    Headings follow what is typed even when the input is refused, so they are added to an
    error answer too; anything that cannot be read leaves the answer as it is.
    """
    from .core._form import form_view

    try:
        calc = REGISTRY[slug]
        raw = read_json(inputs_json) if raw is None else raw  # read once when it could be
    except (KeyError, ValueError, RecursionError):  # the answer already says why
        return answer
    form = form_view(calc, raw, result, lang, root)
    if not form["tables"] and not form.get("fields"):
        return answer
    form = SENT.answer((slug, lang, root), base, form)
    return f'{answer[:-1]}, "form": {json.dumps(form, ensure_ascii=False)}}}'


def table_import_json(
    slug: str, table: str, data: Any, filename: str, options_json: str = "{}"
) -> str:
    """The browser's import: a file's bytes (CSV in any usual encoding, or .xlsx) for one table.

    Answers ``{"ok": true, "rows": [...], "notice": {...}}``; the notice says which encoding,
    delimiter, units and stages were read, which rows were left out and what to check, in both
    languages. ``data`` is bytes (or Pyodide's proxy of a JavaScript ``Uint8Array``).
    ``options_json`` may give what the reader chose in the import's preview: ``as_of``
    (YYYY-MM-DD), ``amount_unit`` (yuan, wan, yi), ``decimal_mark`` (point, comma),
    ``stage_map`` (CRM stage → stage key or ``skip``) and ``controls`` (each control's name in
    both languages, so a refusal names the control that settles it, never a command-line flag).
    A refusal's ``error.settle`` says what the preview may offer (the stages nothing maps).
    """
    from .tables import read_table

    def work() -> dict[str, Any]:
        field = table_field(calculator(slug), table)
        raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
        imported = read_table(raw, filename, field, _page_options(field, options_json))
        return {"rows": imported.rows, "notice": imported.notice}

    return _answer(work)


def _page_options(table: Any, options_json: str) -> Any:
    """The reading options the page's import preview sends (see :func:`table_import_json`)."""
    import datetime as dt

    from .tables import ReadOptions, read_stage_map

    options = read_json(options_json or "{}")
    if not isinstance(options, dict):
        options = {}
    bad = InputError(
        table.key,
        "导入的选项有误，请重新选择。",
        "The import's choices are not valid: choose again.",
    )
    try:
        as_of = dt.date.fromisoformat(options["as_of"]) if options.get("as_of") else None
    except (TypeError, ValueError):
        raise bad from None
    unit = options.get("amount_unit") or None
    mark = options.get("decimal_mark") or None
    if unit not in (None, "yuan", "wan", "yi") or mark not in (None, "point", "comma"):
        raise bad
    stage_map: dict[str, str] = {}
    stage_column = next((c for c in table.columns if c.key == "stage"), None)
    given = options.get("stage_map") or {}
    if given and stage_column is not None:
        if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
            raise bad
        stage_map = read_stage_map(json.dumps(given), stage_column)
    controls = options.get("controls")
    names = None
    if isinstance(controls, dict):
        names = {
            str(k): Text(str(v.get("zh", "")), str(v.get("en", "")))
            for k, v in controls.items()
            if isinstance(v, dict)
        }
    return ReadOptions(
        as_of=as_of, stage_map=stage_map, amount_unit=unit, decimal_mark=mark, controls=names
    )


def table_export_json(
    slug: str, table: str, rows_json: str, kind: str = "csv", lang: str | None = None
) -> str:
    """The browser's export of one table: ``{"ok": true, "csv": text}`` or, for ``xlsx``,
    ``{"ok": true, "xlsx": base64}``. Formula-like cells are neutralised either way. With
    ``lang`` (the page's language), columns are headed by their titles and choices written as
    their labels, as the reader sees them; the import reads either back."""
    import base64

    from .tables import csv_text, input_rows, write_xlsx

    def work() -> dict[str, Any]:
        field = table_field(calculator(slug), table)
        header, rows = input_rows(read_json(rows_json), field, lang)
        if kind == "xlsx":
            title = field.key if lang is None else field.label.get(lang)  # the sheet's tab
            book = write_xlsx([(title, header, rows)], field.key)
            return {"xlsx": base64.b64encode(book).decode("ascii")}
        return {"csv": csv_text(header, rows)}

    return _answer(work)
