"""What a calculator declares (its kinds, limits, inputs, and the results its tables show in
their rows).

Forms, documentation, the command line and the tests all read the same declarations, so
nothing about a model is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._text import Text, localized

#: What a calculator is: a scoring model of the methodology, a workshop tool built on the models,
#: or a self-check drill for new hires.
CALCULATOR_KINDS = ("model", "tool", "drill")

#: Field kinds a schema may declare. ``table`` holds rows whose cells are scalar fields.
KINDS = ("number", "integer", "choice", "boolean", "text", "table")

#: Upper bound on the rows of any table: a 200-deal pipeline fits, a runaway paste does not.
MAX_TABLE_ROWS = 1000
#: Upper bound on the tables a rep fills from a CRM export (deals, prospects, customers).
MAX_EXPORT_ROWS = 10_000
#: How many rows' per-row work a memo keeps (a row's cells, a deal's grade, figures and dot):
#: more than the biggest table holds twice, so that the edit of one row of ``MAX_EXPORT_ROWS``
#: finds every other row remembered.
REMEMBERED_ROWS = 32_768

#: No figure of the methodology is this large (10^15 万元 is beyond any economy); anything
#: bigger is a typo or an attack, and would overflow the arithmetic of a ratio.
MAX_MAGNITUDE = 1e15

#: Nor is any figure this close to zero without being zero: dividing by it would give absurd
#: ratios (a target of 1e-320 overflows), so such a value is refused rather than rounded.
MIN_MAGNITUDE = 1e-6

#: The least a page keeps of a calculator's state, in characters of JSON (see
#: :attr:`Calculator.max_state_chars`): room for any form without a large table.
MIN_STATE_CHARS = 1_000_000
#: The longest text a text field takes when it declares no ``maximum``.
DEFAULT_TEXT_CHARS = 200
#: The longest value any other field takes as typed: a number with its unit and separators,
#: a choice's label. A longer one is a paste gone wrong.
MAX_VALUE_CHARS = 100


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
