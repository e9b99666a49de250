"""What a form shows around its inputs: headings taken from another table, results in the row.

A table field may declare :class:`~calculators.core.ColumnHeadings` (its point columns named
by the criteria of another table) and :class:`~calculators.core.RowResults` (each input row
showing the score, band or grade the model computed for it). This module works out, in Python,
what goes in each heading and each row, once at build time (the worked example, rendered into
the page) and again in the browser after every change; the browser's script only places it.

Headings are read from the raw inputs, leniently, so they follow what is typed even while the
model refuses the input (a new criterion gets its column at once, and its empty cells can show
their errors). Row results exist for a valid input. When the model refuses the input only
because of some rows (a group has scored three prospects of eight), the complete rows are
scored alone and show the cells that depend on their own row (``RowResults.per_row``: a score,
a band, never a rank among rows that are not all there); otherwise they are ``None`` and the
form keeps the last ones, marked stale.

A calculator may also answer beside each scalar field (``FieldResults``: a drill's verdict and
reason beside its question).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from html import escape
from typing import Any

from ._calculator import Calculator
from ._declarations import REMEMBERED_ROWS, ColumnHeadings, Field, FieldResults, RowResults
from ._html import value_html
from ._results import Result, _cell_to_dict
from ._text import InputError
from ._validation import is_row

#: A model's answer as the form reads it: the result itself, or its ``to_dict()``.
Answer = Result | Mapping[str, Any]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _rows(raw: Any, key: str) -> list[Mapping[str, Any]]:
    """The raw rows of table ``key`` as typed (anything unreadable counts as no rows)."""
    if not isinstance(raw, Mapping):
        return []
    rows = raw.get(key)
    if not isinstance(rows, (list, tuple)):
        return []
    return [r for r in rows if is_row(r)]


def _cell_text(value: Any) -> str:
    return "" if _blank(value) else str(value).strip()


def column_headings(
    field: Field, headings: ColumnHeadings, raw: Any, lang: str
) -> list[dict[str, Any]]:
    """Each headed column of ``field``: its heading (HTML and plain text) and whether it shows.

    Row n of the source table names column n, with its weight ("×3"). A column without a
    defining row is hidden unless one of ``field``'s rows holds a value in it; it is then headed
    by its own label and marked as having no criterion, so the stray value can be seen and fixed.
    """
    source = _rows(raw, headings.source)
    own = _rows(raw, field.key)
    columns = {c.key: c for c in field.columns}
    out: list[dict[str, Any]] = []
    for n, key in enumerate(headings.columns):
        label = columns[key].label.get(lang)
        if n < len(source):
            name = _cell_text(source[n].get(headings.name)) or label
            weight = _cell_text(source[n].get(headings.weight)) if headings.weight else ""
            html = f'<span class="ka-col-name">{escape(name)}</span>'
            text = name
            if weight:
                html += f' <span class="ka-col-weight">×{escape(weight)}</span>'
                text += f"（权重 {weight}）" if lang == "zh" else f" (weight {weight})"
            out.append({"key": key, "html": html, "text": text, "hidden": False})
            continue
        stray = any(not _blank(r.get(key)) for r in own)
        note = "（没有对应的准则）" if lang == "zh" else "(no criterion)"
        html = (
            f'<span class="ka-col-name">{escape(label)}</span> '
            f'<span class="ka-col-weight">{escape(note)}</span>'
        )
        text = f"{label}{note}" if lang == "zh" else f"{label} {note}"
        out.append({"key": key, "html": html, "text": text, "hidden": not stray})
    return out


def _result_rows(result: Answer, key: str) -> Sequence[Mapping[str, Any]] | None:
    """The rows of result table ``key`` (``None`` if the result has no such table)."""
    if isinstance(result, Result):
        return next((t.rows for t in result.tables if t.key == key), None)
    table = next((t for t in result.get("tables", []) if t["key"] == key), None)
    return None if table is None else table["rows"]


@lru_cache(maxsize=REMEMBERED_ROWS)
def _cells(
    keys: tuple[str, ...],
    values: tuple[Any, ...],
    kinds: tuple[type, ...],
    tone: str | None,
    lang: str,
    root: str,
) -> dict[str, Any]:
    """One row's result cells as escaped HTML, and its tone. Remembered (``kinds`` keeps 1, 1.0
    and True apart): an edit in a table of 10,000 rows changes the cells of a few of them.
    Shared by every row that shows the same: never changed by its callers."""
    cells = {k: value_html(v, lang, root) for k, v in zip(keys, values, strict=True)}
    return {"cells": cells, "tone": tone}


def _row_answer(
    spec: RowResults, keys: tuple[str, ...], row: Mapping[str, Any], lang: str, root: str
) -> dict[str, Any]:
    """Row ``row`` of the result as the form shows it (see :func:`_cells`)."""
    tone_value = _cell_to_dict(row.get(spec.tone)) if spec.tone else None
    tone = str(tone_value) if tone_value else None
    values = tuple(map(row.get, keys))
    try:
        return _cells(keys, values, tuple(map(type, values)), tone, lang, root)
    except TypeError:  # a value that cannot be remembered (a list): drawn as it is
        return _cells.__wrapped__(keys, values, (), tone, lang, root)


def row_cells(
    spec: RowResults, result: Answer, count: int, lang: str, root: str = ""
) -> tuple[list[dict[str, Any] | None], list[int]]:
    """Each input row's result cells (escaped HTML by key) and its tone, plus the sort order.

    ``result`` is the model's :class:`Result` (or its ``to_dict()``); its table ``spec.table``
    has one row per input row, each naming the input row it belongs to in ``row``. The order
    lists the input rows by ``spec.sort`` (ascending; rows without a value last, in the order
    entered).
    """
    rows = _result_rows(result, spec.table)
    keys = tuple(key for key, _label in spec.columns)
    cells: list[dict[str, Any] | None] = [None] * count
    sort_values: dict[int, Any] = {}
    for row in rows or ():
        index = row.get("row")
        if not isinstance(index, int) or not 0 <= index < count:
            continue
        cells[index] = _row_answer(spec, keys, row, lang, root)
        if spec.sort is not None:
            value = _cell_to_dict(row.get(spec.sort))
            if value is not None:
                sort_values[index] = value
    if spec.sort is None:
        return cells, []
    # by value, equal values in the order entered (two stable sorts), then the rows without one
    order = sorted(sorted(sort_values), key=sort_values.__getitem__)
    order.extend(index for index in range(count) if index not in sort_values)
    return cells, order


def partial_rows(
    calc: Calculator, field: Field, raw: Any
) -> tuple[list[int], dict[str, Any]] | None:
    """The rows of table ``field`` that are complete while the whole input is refused, and the
    model's result for those rows alone; ``None`` when the refusal is not only about some of
    its rows (another field is wrong, the table as a whole is) or no row is complete.

    A row is complete when the model names no problem in it. The result's rows name their
    positions among the complete rows; ``complete[n]`` is the input row of position ``n``.
    """
    if not isinstance(raw, Mapping):
        return None
    try:
        calc.run(raw)
    except InputError as error:
        problems = error.problems
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        return None
    else:
        return None  # nothing refused: the caller has the whole result
    if any(p.field != field.key or p.row is None for p in problems):
        return None
    rows = _rows(raw, field.key)
    if len(rows) != len(raw.get(field.key) or []):
        return None  # a row that is not a row: the table as a whole is wrong
    broken = {p.row for p in problems}
    complete = [i for i in range(len(rows)) if i not in broken]
    if len(complete) < max(1, field.min_rows):
        return None
    try:
        result = calc.run({**raw, field.key: [rows[i] for i in complete]}).to_dict()
    except (InputError, ValueError, TypeError, ArithmeticError, RecursionError):
        return None
    return complete, result


def partial_cells(
    spec: RowResults,
    complete: list[int],
    result: Mapping[str, Any],
    count: int,
    lang: str,
    root: str,
) -> list[dict[str, Any] | None]:
    """Each input row's own cells (``spec.per_row``) from a result of the complete rows alone."""
    own, _order = row_cells(spec, result, len(complete), lang, root)
    cells: list[dict[str, Any] | None] = [None] * count
    for position, answer in enumerate(own):
        if answer is None:
            continue
        shown = {k: (v if k in spec.per_row else "") for k, v in answer["cells"].items()}
        cells[complete[position]] = {"cells": shown, "tone": answer["tone"]}
    return cells


def field_cells(
    spec: FieldResults, result: Mapping[str, Any], lang: str, root: str
) -> list[dict[str, Any]]:
    """What goes beside each scalar field: its row of ``spec.table``, as escaped HTML, and its
    tone; a row without a tone (an item not answered) gives an empty entry."""
    table = next((t for t in result.get("tables", []) if t["key"] == spec.table), None)
    if table is None:
        return []
    labels = {c["key"]: c["label"].get(lang, "") for c in table.get("columns", [])}
    out: list[dict[str, Any]] = []
    for row in table["rows"]:
        key = row.get(spec.field)
        if not isinstance(key, str):
            continue
        tone = row.get(spec.tone)
        if not tone:
            out.append({"field": key, "html": "", "tone": None})
            continue
        verdict = dict(spec.verdicts).get(str(tone))
        parts = []
        if verdict is not None:
            words = escape(verdict.get(lang))
            parts.append(f'<span class="ka-answer-part" data-part="verdict">{words}</span>')
        for column in spec.columns:
            value = value_html(row.get(column), lang, root)
            if not value:
                continue
            label = escape(labels.get(column, ""))
            parts.append(
                f'<span class="ka-answer-part" data-part="{escape(column)}">'
                f'<span class="ka-answer-label">{label}</span>{value}</span>'
            )
        out.append({"field": key, "html": " ".join(parts), "tone": str(tone)})
    return out


def form_view(
    calc: Calculator,
    raw: Any,
    result: Answer | None,
    lang: str,
    root: str = "",
) -> dict[str, Any]:
    """Everything the form shows around the inputs ``raw`` for calculator ``calc``, in ``lang``.

    ``result`` is the model's answer for ``raw`` (a :class:`Result` or its ``to_dict()``) or
    ``None`` when the input was refused; then the row results are ``None`` and the form keeps
    its last ones.
    Only tables that declare headings or row results appear.
    """
    tables: list[dict[str, Any]] = []
    for field in calc.fields:
        if field.kind != "table" or (field.headings is None and field.row_results is None):
            continue
        entry: dict[str, Any] = {"field": field.key, "columns": [], "results": None}
        if field.headings is not None:
            entry["columns"] = column_headings(field, field.headings, raw, lang)
        spec = field.row_results
        if spec is not None:
            entry["headings"] = [
                {"key": key, "label": escape(label.get(lang))} for key, label in spec.columns
            ]
            entry["sort"] = spec.sort
            if result is not None:
                count = len(_rows(raw, field.key))
                if count == 0:
                    count = _result_row_count(result, spec)
                cells, order = row_cells(spec, result, count, lang, root)
                entry["results"] = cells
                entry["order"] = order
            elif spec.per_row:
                partial = partial_rows(calc, field, raw)
                if partial is not None:
                    complete, part = partial
                    count = len(_rows(raw, field.key))
                    entry["results"] = partial_cells(spec, complete, part, count, lang, root)
                    entry["order"] = None
                    entry["partial"] = True
        tables.append(entry)
    view: dict[str, Any] = {"tables": tables}
    if calc.field_results is not None and result is not None:
        answer = result.to_dict() if isinstance(result, Result) else result
        view["fields"] = field_cells(calc.field_results, answer, lang, root)
    return view


def _result_row_count(result: Answer, spec: RowResults) -> int:
    rows = _result_rows(result, spec.table)
    return len(rows) if rows is not None else 0


def sort_label(field: Field, lang: str) -> str | None:
    """The words on a table's sort button ("Sort by rank"), if its rows can be sorted."""
    spec = field.row_results
    if spec is None or spec.sort is None:
        return None
    label = dict(spec.columns).get(spec.sort)
    name = label.get(lang) if label is not None else spec.sort
    return f"按{name}排序" if lang == "zh" else f"Sort by {name.lower()}"


def table_specs(calc: Calculator) -> Sequence[Field]:
    """The calculator's tables that answer in the row (the scoreboards of projector mode)."""
    return [f for f in calc.fields if f.kind == "table" and f.row_results is not None]
