"""The engine's core (text, fields, results, validation, and the helpers every calculator shares).

The names ``calculators/_schema.py`` held are importable from here (``from calculators.core import
Calculator, Field, InputError, Text``); each is defined in one module: ``_text`` (bilingual text and
the one error type), ``_declarations`` (kinds, limits, fields), ``_results`` (what a calculator
returns), ``_validation`` (one value against its field) and ``_calculator``. Nothing in the core
imports the models, drills, workshop tools, tables or command line above it.
"""

from ._calculator import Calculator
from ._declarations import (
    CALCULATOR_KINDS,
    DEFAULT_TEXT_CHARS,
    KINDS,
    MAX_EXPORT_ROWS,
    MAX_MAGNITUDE,
    MAX_TABLE_ROWS,
    MAX_VALUE_CHARS,
    MIN_MAGNITUDE,
    MIN_STATE_CHARS,
    Choice,
    ColumnHeadings,
    Field,
    FieldResults,
    RowResults,
)
from ._results import Chart, Figure, PageLink, Result, ResultTable, Verdict, drawing_only
from ._text import (
    NOT_TEXT,
    PCT,
    WAN,
    InputError,
    Text,
    echo,
    figure_number,
    fmt,
    localized,
    printable,
    raise_problems,
)
from ._validation import check_value

__all__ = [
    "CALCULATOR_KINDS",
    "DEFAULT_TEXT_CHARS",
    "KINDS",
    "MAX_EXPORT_ROWS",
    "MAX_MAGNITUDE",
    "MAX_TABLE_ROWS",
    "MAX_VALUE_CHARS",
    "MIN_MAGNITUDE",
    "MIN_STATE_CHARS",
    "NOT_TEXT",
    "PCT",
    "WAN",
    "Calculator",
    "Chart",
    "Choice",
    "ColumnHeadings",
    "Field",
    "FieldResults",
    "Figure",
    "InputError",
    "PageLink",
    "Result",
    "ResultTable",
    "RowResults",
    "Text",
    "Verdict",
    "check_value",
    "drawing_only",
    "echo",
    "figure_number",
    "fmt",
    "localized",
    "printable",
    "raise_problems",
]
