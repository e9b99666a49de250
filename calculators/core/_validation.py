"""Validation of one value against its field: numbers as reps write them, choices, text, tables.

Every problem found is an :class:`InputError` naming the field (and the row) in both languages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ._choices import match_choice
from ._declarations import MAX_MAGNITUDE, MIN_MAGNITUDE, Field
from ._numbers import NumberProblem, parse_number
from ._text import NOT_TEXT, InputError, echo, fmt, raise_problems


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
    if NOT_TEXT.search(value):
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


#: The rows each table field last found valid, by their cells: the check of a row is a pure
#: function of its cells, so an edit in one row of 10,000 checks that row again and reuses the
#: others. Kept by the field's identity (a field holds lists: it has no hash), with the field
#: itself; bounded: a field's memo is emptied when it holds more than its table's rows twice.
_VALID_ROWS: dict[int, tuple[Field, dict[tuple[Any, ...], dict[str, Any]]]] = {}


def _valid_rows(f: Field) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The memo of table field ``f``'s valid rows."""
    kept = _VALID_ROWS.get(id(f))
    if kept is None or kept[0] is not f:
        kept = _VALID_ROWS[id(f)] = (f, {})
    return kept[1]


def is_row(value: Any) -> bool:
    """Whether ``value`` is a table row of named cells (JSON's rows are dicts: the abstract
    check only for anything else, since it costs a table of 10,000 rows at every edit)."""
    return type(value) is dict or isinstance(value, Mapping)


def _row_key(raw_row: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What a row's check depends on: its cells, each with its type (``1``, ``1.0`` and
    ``True`` are equal in Python, not to the check); None for a row that cannot be a key (a
    cell that is not hashable, or a zero, whose sign a float may hide)."""
    values = tuple(raw_row.values())
    if 0 in values:
        return None
    try:
        key = (tuple(raw_row), values, tuple(map(type, values)))
        hash(key)
    except TypeError:
        return None
    return key


def _check_row(
    f: Field, index: int, raw_row: Mapping[str, Any], known: set[str], names: tuple[str, str]
) -> tuple[dict[str, Any], list[InputError]]:
    """Row ``index`` of table ``f`` (named ``names``) checked cell by cell: its values, and its
    problems."""
    zh_name, en_name = names
    problems = [
        InputError(
            f.key,
            f"{zh_name}第 {index + 1} 行有未知的列「{echo(key)}」。",
            f"Row {index + 1} of {en_name} has an unknown column '{echo(key)}'.",
            row=index,
            column=str(key),
        )
        for key in raw_row
        if key not in known
    ]
    clean_row: dict[str, Any] = {}
    for column in f.columns:
        cell = raw_row.get(column.key)
        try:
            clean_row[column.key] = check_value(column, cell, row=index, parent=f.key)
        except InputError as error:
            problems.extend(error.problems)
    return clean_row, problems


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
    valid = _valid_rows(f)
    if len(valid) > 2 * max(len(value), 1):
        valid.clear()
    for index, raw_row in enumerate(value):
        row = is_row(raw_row)
        cells = _row_key(raw_row) if row else None
        if cells is not None and (checked := valid.get(cells)) is not None:
            rows.append(dict(checked))
            continue
        if not row:
            problems.append(
                InputError(
                    f.key,
                    f"{zh_name}第 {index + 1} 行格式不对。",
                    f"Row {index + 1} of {en_name} is not a row of named cells.",
                    row=index,
                )
            )
            continue
        clean_row, found = _check_row(f, index, raw_row, known, (zh_name, en_name))
        if cells is not None and not found:
            valid[cells] = dict(clean_row)
        rows.append(clean_row)
        problems.extend(found)
    raise_problems(problems)
    return rows
