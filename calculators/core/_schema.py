"""The shape every calculator shares: bilingual text, fields, results and the one error type.

A calculator is data (its fields) plus one pure function (``compute``). Forms, documentation,
the command line and the tests all read the same :class:`Field` declarations, so nothing about a
model is written twice. Everything here is stdlib-only, because the same code runs in the
reader's browser under Pyodide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ._choices import match_choice
from ._numbers import NumberProblem, parse_number
from ._zh import spaced

#: What a calculator is: a scoring model of the methodology, a workshop tool built on the models,
#: or a self-check drill for new hires.
CALCULATOR_KINDS = ("model", "tool", "drill")

#: Field kinds a schema may declare. ``table`` holds rows whose cells are scalar fields.
KINDS = ("number", "integer", "choice", "boolean", "text", "table")

#: Upper bound on the rows of any table: a 200-deal pipeline fits, a runaway paste does not.
MAX_TABLE_ROWS = 1000
#: Upper bound on the tables a rep fills from a CRM export (deals, prospects, customers).
MAX_EXPORT_ROWS = 10_000

#: No figure of the methodology is this large (10^15 万元 is beyond any economy); anything
#: bigger is a typo or an attack, and would overflow the arithmetic of a ratio.
MAX_MAGNITUDE = 1e15

#: Nor is any figure this close to zero without being zero: dividing by it would give absurd
#: ratios (a target of 1e-320 overflows), so such a value is refused rather than rounded.
MIN_MAGNITUDE = 1e-6

#: Characters that are not text a person typed: lone UTF-16 surrogates (they cannot be stored,
#: printed or sent as UTF-8) and control characters other than tab and line breaks (an XML
#: file, hence an Excel workbook, cannot hold them). The one rule: a field refuses them
#: (:func:`check_value`), and whatever is written out anyway (an export of the form as it is,
#: a message quoting it) has each replaced by U+FFFD (:func:`printable`).
_NOT_TEXT = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: The least a page keeps of a calculator's state, in characters of JSON (see
#: :attr:`Calculator.max_state_chars`): room for any form without a large table.
MIN_STATE_CHARS = 1_000_000
#: The longest text a text field takes when it declares no ``maximum``.
DEFAULT_TEXT_CHARS = 200
#: The longest value any other field takes as typed: a number with its unit and separators,
#: a choice's label. A longer one is a paste gone wrong.
MAX_VALUE_CHARS = 100


def printable(text: str) -> str:
    """``text`` safe to print, store and send as UTF-8, and to write into CSV or Excel: every
    character a field refuses as not text becomes U+FFFD."""
    return _NOT_TEXT.sub("\ufffd", text)


def echo(value: object, limit: int = 40) -> str:
    """A short, printable quote of what a reader gave, for an error message."""
    text = printable(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Text:
    """A piece of text in both first-class languages: Simplified Chinese and English."""

    zh: str
    en: str

    def __post_init__(self) -> None:
        # the Chinese is often built from names and numbers: its spacing is settled here, once
        object.__setattr__(self, "zh", spaced(self.zh))

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("zh" or "en"); anything else falls back to English."""
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


def localized(value: Any, lang: str) -> Any:
    """A worked example in one language: every :class:`Text` inside it read in ``lang``.

    Example data that a reader sees (a prospect's name, a criterion's wording) is written per
    language, so an English page shows English names and a Chinese page Chinese ones.
    """
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, list):
        return [localized(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: localized(v, lang) for k, v in value.items()}
    return value


def fmt(value: float, digits: int = 2) -> str:
    """Format a figure for a reasoning line: no trailing zeros, no ``-0``."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{digits}f}".rstrip("0").rstrip(".")


def figure_number(value: float) -> float | int:
    """A result figure as plain JSON: whole numbers as int, others rounded to 2 decimals.

    Rounding here keeps CPython and Pyodide printing the same figures.
    """
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


#: Units shared by the models' figures.
WAN = Text("万元", "10k CNY")
PCT = Text("%", "%")


class InputError(ValueError):
    """The one error a calculator raises for bad input.

    It names the field (and, for a table, the row and column) and carries the message in both
    languages, so a form can show it beside the field in the reader's language. ``problems``
    holds every problem found in one pass (this error first), so a form can mark them all.
    """

    def __init__(
        self,
        field: str,
        zh: str,
        en: str,
        *,
        row: int | None = None,
        column: str | None = None,
        problems: Sequence[InputError] = (),
    ) -> None:
        # what a reader typed may be quoted in a message: keep it printable (no lone surrogate)
        field, zh, en = printable(field), printable(zh), printable(en)
        column = printable(column) if column is not None else None
        super().__init__(f"{field}: {en}")
        self.field = field
        self.message = Text(zh, en)
        self.row = row
        self.column = column
        self.problems: tuple[InputError, ...] = tuple(problems) or (self,)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: what the browser and the command line show."""
        return {
            "field": self.field,
            "row": self.row,
            "column": self.column,
            "message": self.message.to_dict(),
            "problems": [
                {
                    "field": p.field,
                    "row": p.row,
                    "column": p.column,
                    "message": p.message.to_dict(),
                }
                for p in self.problems
            ],
        }


def raise_problems(problems: Sequence[InputError]) -> None:
    """Raise one :class:`InputError` carrying every problem found, if there is any.

    Models use it for rules that span fields or rows, so a form can mark every bad cell at once.
    """
    if not problems:
        return
    first = problems[0]
    raise InputError(
        first.field,
        first.message.zh,
        first.message.en,
        row=first.row,
        column=first.column,
        problems=[p for error in problems for p in error.problems],
    )


@dataclass(frozen=True)
class Choice:
    """One allowed value of a ``choice`` field, with its label in both languages.

    ``formerly`` holds labels the choice had in earlier versions: still read (a file exported
    then imports as it did), never shown.
    """

    value: str
    label: Text
    formerly: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every label a rep may write for this choice: both languages, then the former ones."""
        return (self.label.zh, self.label.en, *self.formerly)


@dataclass(frozen=True)
class Field:
    """One declared input of a calculator.

    Attributes:
        key: stable identifier, named in sales terms with its unit (``amount_wan``).
        kind: one of :data:`KINDS`.
        label: short label in both languages.
        help: one help line in both languages.
        default: the worked example's value (for a table: a list of row dicts).
        minimum / maximum: inclusive bounds for numbers, or for a text's length.
        step: the form's step for numbers.
        unit: unit in both languages (万元, %, days…), if any.
        choices: for ``choice`` fields, the allowed values.
        columns: for ``table`` fields, the scalar fields of one row.
        min_rows / max_rows: for ``table`` fields, how many rows are allowed.
        required: whether a blank value is an error (otherwise it becomes ``None``).
        exercise: a value the learner or the group gives in an exercise (a prospect's points,
            a drill's answer): a blank start leaves it empty, while the row's name and the
            trainer's settings stay as the worked example has them.
    """

    key: str
    kind: str
    label: Text
    help: Text
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    unit: Text | None = None
    choices: tuple[Choice, ...] = ()
    columns: tuple[Field, ...] = ()
    min_rows: int = 1
    max_rows: int = MAX_TABLE_ROWS
    required: bool = True
    row_results: RowResults | None = None
    headings: ColumnHeadings | None = None
    exercise: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r} for {self.key}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"choice field {self.key} declares no choices")
        if self.kind == "table":
            if not self.columns:
                raise ValueError(f"table field {self.key} declares no columns")
            if any(c.kind == "table" for c in self.columns):
                raise ValueError(f"table field {self.key} nests a table")

    @property
    def max_chars(self) -> int:
        """The most characters one value of this field may have: what the form accepts, and
        so what the page saves, restores and shares (``data-max-chars`` on its input)."""
        if self.kind == "text":
            return int(self.maximum) if self.maximum is not None else DEFAULT_TEXT_CHARS
        if self.kind == "table":
            return max(c.max_chars for c in self.columns)
        return MAX_VALUE_CHARS

    def choice(self, value: str) -> Choice:
        """The declared choice for ``value`` (the value must be valid)."""
        for c in self.choices:
            if c.value == value:
                return c
        raise KeyError(value)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The field as JSON-ready data, for the site generator and the browser.

        ``lang`` picks the language of the worked example's names (see :func:`localized`).
        """
        data: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind,
            "label": self.label.to_dict(),
            "help": self.help.to_dict(),
            "default": localized(self.default, lang),
            "required": self.required,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "step": self.step,
            "max_chars": self.max_chars,
            "unit": self.unit.to_dict() if self.unit is not None else None,
            "choices": [{"value": c.value, "label": c.label.to_dict()} for c in self.choices],
            "exercise": self.exercise,
        }
        if self.kind == "table":
            data["columns"] = [c.to_dict(lang) for c in self.columns]
            data["min_rows"] = self.min_rows
            data["max_rows"] = self.max_rows
            if self.row_results is not None:
                data["row_results"] = self.row_results.to_dict()
            if self.headings is not None:
                data["headings"] = self.headings.to_dict()
        return data


@dataclass(frozen=True)
class RowResults:
    """What a table shows in each of its input rows: the per-row results the model computed.

    A table that answers in the row is a scoreboard: a prospect's score and band sit beside the
    points typed for it. ``table`` names the result table whose rows carry ``row`` (the index of
    the input row they belong to); ``columns`` are the ``(key, heading)`` pairs of its cells to
    show; ``sort`` is the cell that orders the rows on request (ascending, e.g. a rank; rows
    without one go last); ``tone`` is a cell holding a plain key (a band, a grade) that the row
    is marked with. ``per_row`` are the cells that depend on their own row alone (a score, a
    band; not a rank among the rows): while some rows are still incomplete, each complete row
    already shows these.
    """

    table: str
    columns: tuple[tuple[str, Text], ...]
    sort: str | None = None
    tone: str | None = None
    per_row: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "columns": [{"key": k, "label": t.to_dict()} for k, t in self.columns],
            "sort": self.sort,
            "tone": self.tone,
            "per_row": list(self.per_row),
        }


@dataclass(frozen=True)
class FieldResults:
    """What a calculator shows beside each of its scalar fields: the answer to that field alone.

    A drill says right or wrong, the answer and why beside each question, not only in a table far
    below. ``table`` names the result table whose rows carry ``field`` (the key of the input
    field they answer); ``columns`` are the cells shown beside it; ``tone`` is a cell holding a
    plain key (right, wrong) the field is marked with, and ``verdicts`` the words that lead the
    answer for each tone ("Right", "Wrong"). A row without a tone shows nothing (an item not
    answered yet).
    """

    table: str
    columns: tuple[str, ...]
    tone: str
    verdicts: tuple[tuple[str, Text], ...] = ()
    field: str = "field"


@dataclass(frozen=True)
class ColumnHeadings:
    """Columns of a table headed by the rows of another table of the same calculator.

    Row n of ``source`` heads column ``columns[n]``: with its ``name`` cell and, when given, its
    ``weight`` cell (each point column named by its criterion and weight). A column that no row
    of ``source`` defines is not shown, unless a row still holds a value in it (so the value and
    its error stay in sight).
    """

    source: str
    columns: tuple[str, ...]
    name: str = "name"
    weight: str | None = "weight"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "columns": list(self.columns),
            "name": self.name,
            "weight": self.weight,
        }


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label.to_dict(),
            "columns": [{"key": k, "label": t.to_dict()} for k, t in self.columns],
            "rows": [{k: _cell_to_dict(v) for k, v in row.items()} for row in self.rows],
        }


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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the form the browser shows and the parity tests compare."""
        return {
            "figures": [f.to_dict() for f in self.figures],
            "verdict": self.verdict.to_dict(),
            "reasoning": [t.to_dict() for t in self.reasoning],
            "actions": [t.to_dict() for t in self.actions],
            "tables": [t.to_dict() for t in self.tables],
            "charts": [c.to_dict() for c in self.charts],
        }


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


# ---------------------------------------------------------------------------------------------
# Validation of one value against its field


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _error(f: Field, zh: str, en: str, row: int | None, parent: str | None) -> InputError:
    if parent is None:
        return InputError(f.key, zh, en)
    return InputError(parent, zh, en, row=row, column=f.key)


def _where(f: Field, row: int | None) -> tuple[str, str]:
    """How a message names the field: 「标签」 / 'Label', with the row for a table cell."""
    if row is None:
        return f"「{f.label.zh}」", f"'{f.label.en}'"
    return (
        f"第 {row + 1} 行的「{f.label.zh}」",
        f"'{f.label.en}' in row {row + 1}",
    )


def check_value(f: Field, value: Any, *, row: int | None = None, parent: str | None = None) -> Any:
    """Check one value against its field and return it converted; raise :class:`InputError`."""
    zh_name, en_name = _where(f, row)
    if f.kind == "table":
        return _check_table(f, value)
    if _blank(value):
        if f.required:
            raise _error(f, f"请填写{zh_name}。", f"Please fill in {en_name}.", row, parent)
        return None
    if f.kind in ("number", "integer"):
        return _check_number(f, value, zh_name, en_name, row, parent)
    if f.kind == "boolean":
        return _check_boolean(f, value, zh_name, en_name, row, parent)
    if f.kind == "choice":
        text = _choice_key(f, value)
        if text is None:
            options_zh = "、".join(c.label.zh for c in f.choices)
            options_en = ", ".join(c.label.en for c in f.choices)
            raise _error(
                f,
                f"{zh_name}只能选：{options_zh}。",
                f"{en_name} must be one of: {options_en}.",
                row,
                parent,
            )
        return text
    return _check_text(f, value, zh_name, en_name, row, parent)


def _check_text(
    f: Field, value: Any, zh_name: str, en_name: str, row: int | None, parent: str | None
) -> str:
    """A name or a note: text (a number from a spreadsheet is taken as its text), of printable
    characters, within the field's length."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _error(f, f"{zh_name}必须是文字。", f"{en_name} must be text.", row, parent)
    if isinstance(value, float) and not math.isfinite(value):
        raise _error(f, f"{zh_name}必须是文字。", f"{en_name} must be text.", row, parent)
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        raise _error(f, f"{zh_name}太长。", f"{en_name} is too long.", row, parent)
    if not isinstance(value, str):
        value = str(value)
    if _NOT_TEXT.search(value):
        raise _error(
            f,
            f"{zh_name}含有无法显示或保存的字符（例如控制字符或残缺的 Unicode 字符），请重新输入。",
            f"{en_name} holds a character that cannot be shown or saved (a control character "
            "or a broken Unicode character); please type it again.",
            row,
            parent,
        )
    text = value.strip()
    limit = f.max_chars
    if len(text) > limit:
        raise _error(
            f,
            f"{zh_name}太长：最多 {limit} 个字符。",
            f"{en_name} is too long: at most {limit} characters.",
            row,
            parent,
        )
    return text


def _choice_key(f: Field, value: Any) -> str | None:
    """The key of the choice ``value`` names: its key, or a label in either language."""
    text = str(value).strip()
    if text in {c.value for c in f.choices}:
        return text
    return match_choice(text, ((c.value, c.names) for c in f.choices))


def _as_number(
    f: Field, value: Any, zh_name: str, en_name: str, row: int | None, parent: str | None
) -> float:
    """The number a value holds: a number as it is, text read by :mod:`._numbers` (full-width
    digits, thousands groups, units; ambiguous text refused); anything else refused."""
    if isinstance(value, bool):
        raise _error(f, f"{zh_name}必须是数字。", f"{en_name} must be a number.", row, parent)
    if isinstance(value, str) and len(value.strip()) > f.max_chars:
        raise _error(
            f,
            f"{zh_name}太长：最多 {f.max_chars} 个字符。",
            f"{en_name} is too long: at most {f.max_chars} characters.",
            row,
            parent,
        )
    if isinstance(value, str):
        # full-width digits, thousands groups, units and ambiguous text: see _numbers
        unit_zh, unit_en = (f.unit.zh, f.unit.en) if f.unit is not None else (None, None)
        try:
            return parse_number(value, unit_zh, unit_en)
        except NumberProblem as problem:
            zh_sep, en_sep = ("", " ") if problem.predicate else (":", ": ")
            raise _error(
                f, f"{zh_name}{zh_sep}{problem.zh}", f"{en_name}{en_sep}{problem.en}", row, parent
            ) from None
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        return math.inf if value > 0 else -math.inf  # refused below; float() would overflow
    if isinstance(value, (int, float)):
        return float(value)
    raise _error(f, f"{zh_name}必须是数字。", f"{en_name} must be a number.", row, parent)


def _out_of_range(f: Field, number: float, zh_name: str, en_name: str) -> tuple[str, str] | None:
    """Why a number is outside the field's bounds, in both languages; None when inside."""
    lo, hi = f.minimum, f.maximum
    if not ((lo is not None and number < lo) or (hi is not None and number > hi)):
        return None
    if lo is not None and hi is not None:
        return (
            f"{zh_name}必须在 {fmt(lo)} 到 {fmt(hi)} 之间。",
            f"{en_name} must be between {fmt(lo)} and {fmt(hi)}.",
        )
    if lo is not None:
        return f"{zh_name}不能小于 {fmt(lo)}。", f"{en_name} must be at least {fmt(lo)}."
    if hi is not None:
        return f"{zh_name}不能大于 {fmt(hi)}。", f"{en_name} must be at most {fmt(hi)}."
    return None


def _check_number(
    f: Field, value: Any, zh_name: str, en_name: str, row: int | None, parent: str | None
) -> float | int:
    number = _as_number(f, value, zh_name, en_name, row, parent)
    if math.isnan(number):
        raise _error(f, f"{zh_name}必须是数字。", f"{en_name} must be a number.", row, parent)
    if abs(number) > MAX_MAGNITUDE:
        raise _error(
            f,
            f"{zh_name}太大了：绝对值不能超过 10^15。",
            f"{en_name} is too large: at most 10^15 either way.",
            row,
            parent,
        )
    if number != 0 and abs(number) < MIN_MAGNITUDE:
        raise _error(
            f,
            f"{zh_name}太接近零了：请填 0，或者至少 0.000001。",
            f"{en_name} is too close to zero to compute with: enter 0 or at least 0.000001.",
            row,
            parent,
        )
    if f.kind == "integer" and number != int(number):
        raise _error(f, f"{zh_name}必须是整数。", f"{en_name} must be a whole number.", row, parent)
    out_of_range = _out_of_range(f, number, zh_name, en_name)
    if out_of_range is not None:
        raise _error(f, *out_of_range, row, parent)
    if f.kind == "integer":
        return int(number)
    return number


_TRUE = {"true", "yes", "y", "1", "是", "对", "on"}
_FALSE = {"false", "no", "n", "0", "否", "不", "off"}


def _check_boolean(
    f: Field, value: Any, zh_name: str, en_name: str, row: int | None, parent: str | None
) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _error(
        f,
        f"{zh_name}只能是「是」或「否」。",
        f"{en_name} must be yes or no.",
        row,
        parent,
    )


def _check_table(f: Field, value: Any) -> list[dict[str, Any]]:
    zh_name, en_name = _where(f, None)
    if not isinstance(value, (list, tuple)):
        raise InputError(f.key, f"{zh_name}必须是若干行。", f"{en_name} must be a list of rows.")
    if len(value) < f.min_rows:
        raise InputError(
            f.key,
            f"{zh_name}至少需要 {f.min_rows} 行。",
            f"{en_name} needs at least {f.min_rows} row(s).",
        )
    if len(value) > f.max_rows:
        raise InputError(
            f.key,
            f"{zh_name}最多 {f.max_rows} 行，现在有 {len(value)} 行。",
            f"{en_name} takes at most {f.max_rows} rows; it has {len(value)}.",
        )
    rows: list[dict[str, Any]] = []
    problems: list[InputError] = []
    known = {c.key for c in f.columns}
    for index, raw_row in enumerate(value):
        if not isinstance(raw_row, Mapping):
            problems.append(
                InputError(
                    f.key,
                    f"{zh_name}第 {index + 1} 行格式不对。",
                    f"Row {index + 1} of {en_name} is not a row of named cells.",
                    row=index,
                )
            )
            continue
        for key in raw_row:
            if key not in known:
                problems.append(
                    InputError(
                        f.key,
                        f"{zh_name}第 {index + 1} 行有未知的列「{echo(key)}」。",
                        f"Row {index + 1} of {en_name} has an unknown column '{echo(key)}'.",
                        row=index,
                        column=str(key),
                    )
                )
        clean_row: dict[str, Any] = {}
        for column in f.columns:
            cell = raw_row.get(column.key)
            try:
                clean_row[column.key] = check_value(column, cell, row=index, parent=f.key)
            except InputError as error:
                problems.extend(error.problems)
        rows.append(clean_row)
    raise_problems(problems)
    return rows
