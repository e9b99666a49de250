"""Bands as data: a model's verdict edges declared once, and everything said about them derived.

A band is a stretch of a score (a screening score of 20, a coverage in %, a potential in 万元)
that earns one verdict: "below 8 put on hold". A model declares its :class:`Bands` once, with
each band's two edges and which side of each edge an exact value falls on. From that one
declaration come the verdict (:meth:`Bands.of`), the range in both languages (``低于 8 分`` /
``below 8``) that results and help texts quote, and the band table a playbook page shows
(:func:`band_table`). Changing an edge in its declaration changes all of them.

Declarations are checked when the module is imported: the bands of one declaration must cover
every value exactly once (no gap, no overlap), so a verdict can never be missing or ambiguous.
Stdlib only: this runs in Pyodide.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ._text import Text
from ._units import Unit, join_zh


@dataclass(frozen=True)
class Edge:
    """One end of a band: a value, and whether a score exactly on it belongs to the band."""

    value: float
    inclusive: bool

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(f"a band edge must be a finite number, not {self.value!r}")


def at_least(value: float) -> Edge:
    """A lower edge that includes its value: the band starts *at* ``value`` (``≥``)."""
    return Edge(value, True)


def above(value: float) -> Edge:
    """A lower edge that excludes its value: the band starts just *above* ``value`` (``>``)."""
    return Edge(value, False)


def below(value: float) -> Edge:
    """An upper edge that excludes its value: the band ends just *below* ``value`` (``<``)."""
    return Edge(value, False)


def at_most(value: float) -> Edge:
    """An upper edge that includes its value: the band ends *at* ``value`` (``≤``)."""
    return Edge(value, True)


@dataclass(frozen=True)
class Band:
    """One verdict and the stretch of values that earns it.

    Attributes:
        key: stable identifier, used as the verdict key (``hold``).
        label: the verdict as a rep reads it (``暂时搁置`` / ``Put on hold``).
        lower / upper: the edges; ``None`` means open (no lower or no upper limit).
        action: what to do with a prospect, deal or customer in this band, if the model says.
        condition: a condition beside the number that the model checks itself (decision unit:
            "decision maker identified"); it is quoted after the range.
    """

    key: str
    label: Text
    lower: Edge | None = None
    upper: Edge | None = None
    action: Text | None = None
    condition: Text | None = None

    def __post_init__(self) -> None:
        lo, hi = self.lower, self.upper
        if lo is not None and hi is not None:
            empty = lo.value > hi.value or (
                lo.value == hi.value and not (lo.inclusive and hi.inclusive)
            )
            if empty:
                raise ValueError(f"band {self.key!r} holds no value: {self._interval()}")

    def contains(self, value: float | Fraction) -> bool:
        """Whether ``value`` falls in this band (edges on the side their inclusivity says)."""
        lo, hi = self.lower, self.upper
        if lo is not None and (value < lo.value or (value == lo.value and not lo.inclusive)):
            return False
        return not (
            hi is not None and (value > hi.value or (value == hi.value and not hi.inclusive))
        )

    def _interval(self) -> str:
        lo, hi = self.lower, self.upper
        left = "(-inf" if lo is None else ("[" if lo.inclusive else "(") + f"{lo.value:g}"
        right = "+inf)" if hi is None else f"{hi.value:g}" + ("]" if hi.inclusive else ")")
        return f"{left}, {right}"


def _lower_key(band: Band) -> tuple[float, int]:
    """Sort key: bands from the lowest values up (an open lower edge first)."""
    if band.lower is None:
        return (-math.inf, 0)
    return (band.lower.value, 0 if band.lower.inclusive else 1)


#: What one band is called in a table heading, unless a declaration names it (a grade).
BAND_HEADING = Text("结论", "Band")


@dataclass(frozen=True)
class Bands:
    """A model's bands: every value of one measure falls in exactly one of them.

    Attributes:
        name: how pages name this declaration (``screening``, ``wall.potential``).
        measure: what is banded, as a table heading (``得分（20 分制）`` / ``Score (of 20)``).
        unit: the unit of the measure, which writes the numbers of the ranges.
        bands: the bands, in the order a page lists them.
        digits: a value is rounded to this many decimals before it is banded, so float noise
            (14.000000001 after scaling) never moves it across an edge; ``None`` keeps it as is.
        kind: what one band is called in a table heading (``结论`` / ``Band``, or a grade).
        keyed: whether a band's key is what people call it (grade ``A``), so a table shows it.
    """

    name: str
    measure: Text
    unit: Unit
    bands: tuple[Band, ...]
    digits: int | None = 2
    kind: Text = BAND_HEADING
    keyed: bool = False

    def __post_init__(self) -> None:
        keys = [b.key for b in self.bands]
        if len(set(keys)) != len(keys):
            raise ValueError(f"bands {self.name!r}: a key is declared twice in {keys}")
        if not self.bands:
            raise ValueError(f"bands {self.name!r}: no band declared")
        ordered = sorted(self.bands, key=_lower_key)
        if ordered[0].lower is not None:
            raise ValueError(
                f"bands {self.name!r}: no band holds values below {ordered[0].lower.value:g} "
                f"(band {ordered[0].key!r} is {ordered[0]._interval()})"
            )
        if ordered[-1].upper is not None:
            raise ValueError(
                f"bands {self.name!r}: no band holds values above {ordered[-1].upper.value:g} "
                f"(band {ordered[-1].key!r} is {ordered[-1]._interval()})"
            )
        for low, high in itertools.pairwise(ordered):
            self._check_adjacent(low, high)

    def _check_adjacent(self, low: Band, high: Band) -> None:
        """``low`` must end exactly where ``high`` starts, the edge value in exactly one."""
        where = f"bands {self.name!r}: {low.key!r} {low._interval()} and {high.key!r} "
        where += high._interval()
        if low.upper is None or high.lower is None:
            raise ValueError(f"{where} overlap")
        if low.upper.value < high.lower.value:
            raise ValueError(
                f"{where} leave a gap between {low.upper.value:g} and {high.lower.value:g}"
            )
        if low.upper.value > high.lower.value:
            raise ValueError(f"{where} overlap")
        if low.upper.inclusive and high.lower.inclusive:
            raise ValueError(f"{where} both hold {low.upper.value:g}")
        if not low.upper.inclusive and not high.lower.inclusive:
            raise ValueError(f"{where} leave out {low.upper.value:g}")

    def __iter__(self) -> Iterator[Band]:
        return iter(self.bands)

    def __len__(self) -> int:
        return len(self.bands)

    def __getitem__(self, key: str) -> Band:
        for band in self.bands:
            if band.key == key:
                return band
        raise KeyError(key)

    def band_keys(self) -> tuple[str, ...]:
        """The bands' keys, in the declared order."""
        return tuple(b.key for b in self.bands)

    def of(self, value: float | Fraction) -> Band:
        """The band ``value`` falls in (after rounding to :attr:`digits`).

        An exact ratio may be given as a :class:`~fractions.Fraction` (with ``digits=None``), so
        that 1 of 10 is exactly 10% and lands on the side of the edge its inclusivity says.
        """
        if isinstance(value, float) and math.isnan(value):
            raise ValueError(f"bands {self.name!r}: NaN has no band")
        if self.digits is not None:
            value = round(float(value), self.digits)
        for band in self.bands:
            if band.contains(value):
                return band
        raise AssertionError(f"bands {self.name!r} were checked to cover {value!r}")

    def edges(self) -> tuple[float, ...]:
        """Every edge value of the declaration, ascending."""
        values = {e.value for b in self.bands for e in (b.lower, b.upper) if e is not None}
        return tuple(sorted(values))

    def range(self, key: str) -> Text:
        """The range of band ``key`` in both languages: ``低于 8 分`` / ``below 8``."""
        band = self[key]
        text = range_text(band.lower, band.upper, self.unit)
        if band.condition is not None:
            return Text(f"{text.zh}，{band.condition.zh}", f"{text.en}, {band.condition.en}")
        return text

    def action(self, key: str) -> Text:
        """What to do in band ``key`` (the declaration must give every band an action)."""
        action = self[key].action
        if action is None:
            raise KeyError(f"bands {self.name!r}: band {key!r} declares no action")
        return action

    def labelled(self, key: str) -> Text:
        """The band's label and range: ``暂时搁置（低于 8 分）`` / ``Put on hold (below 8)``."""
        band, span = self[key], self.range(key)
        return Text(f"{band.label.zh}（{span.zh}）", f"{band.label.en} ({span.en})")


def range_text(lower: Edge | None, upper: Edge | None, unit: Unit) -> Text:
    """The stretch between two edges in words, in both languages.

    The wording says on which side each edge value falls: ``低于 8 分`` / ``below 8`` (8
    excluded), ``100 分及以上`` / ``100 or more``, ``8–14 分`` / ``8–14`` (both included),
    ``80 至 100 分以下`` / ``80 to under 100``.
    """
    if lower is None and upper is None:
        return Text("任何值", "any value")
    if lower is None:
        assert upper is not None
        if upper.inclusive:
            return Text(
                join_zh(unit.number_zh(upper.value), "及以下"),
                f"{unit.number_en(upper.value)} or less",
            )
        return Text(f"低于 {unit.number_zh(upper.value)}", f"below {unit.number_en(upper.value)}")
    if upper is None:
        if lower.inclusive:
            return Text(
                join_zh(unit.number_zh(lower.value), "及以上"),
                f"{unit.number_en(lower.value)} or more",
            )
        return Text(f"高于 {unit.number_zh(lower.value)}", f"above {unit.number_en(lower.value)}")
    low_zh = (
        unit.number_zh(lower.value)
        if unit.zh_compact
        else unit.number_zh(lower.value).removesuffix(unit.zh)
    )
    if lower.inclusive and upper.inclusive:
        return Text(
            f"{low_zh}–{unit.number_zh(upper.value)}",
            f"{unit.en_prefix}{unit.bare_en(lower.value)}–{unit.bare_en(upper.value)}{unit.en}",
        )
    if lower.inclusive:
        return Text(
            f"{low_zh} 至 " + join_zh(unit.number_zh(upper.value), "以下"),
            f"{unit.number_en(lower.value)} to under {unit.number_en(upper.value)}",
        )
    if upper.inclusive:
        return Text(
            f"高于 {unit.number_zh(lower.value)}，"
            + join_zh(unit.number_zh(upper.value), "及以下"),
            f"above {unit.number_en(lower.value)}, up to {unit.number_en(upper.value)}",
        )
    return Text(
        f"高于 {unit.number_zh(lower.value)}，低于 {unit.number_zh(upper.value)}",
        f"above {unit.number_en(lower.value)} and below {unit.number_en(upper.value)}",
    )


#: Headings of a band table that do not depend on the model.
RANGE_HEADING = Text("范围", "Range")
ACTION_HEADING = Text("怎么做", "What to do")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (a pipe would split the cell)."""
    return text.replace("|", "\\|").replace("\n", " ")


def _action_alone(band: Band, lang: str) -> str:
    """The band's action without the band's name in front (the table's band column names it).

    Actions are written to stand alone in a result ("Put on hold: spend no visit time…"); in a
    table beside the band's name that prefix would say it twice.
    """
    assert band.action is not None
    action, label = band.action.get(lang), band.label.get(lang)
    separator = "：" if lang == "zh" else ": "
    if action.startswith(label + separator):
        rest = action[len(label + separator) :]
        return rest[:1].upper() + rest[1:] if lang != "zh" else rest
    return action


def band_table(bands: Bands, lang: str) -> str:
    """The bands as a Markdown table in ``lang``: range, band (in bold) and, if declared, action.

    This is what a playbook page shows for a ``<!-- bands:NAME -->`` marker, so the page's table
    is the declaration itself, never a copy of it.
    """
    with_action = any(b.action is not None for b in bands)
    headings = [bands.measure.get(lang), bands.kind.get(lang)]
    if with_action:
        headings.append(ACTION_HEADING.get(lang))
    lines = ["| " + " | ".join(_cell(h) for h in headings) + " |"]
    lines.append("|" + "---|" * len(headings))
    for band in bands:
        name = f"**{band.label.get(lang)}**"
        if bands.keyed:
            name = f"**{band.key}**" + ("：" if lang == "zh" else ": ") + band.label.get(lang)
        cells = [bands.range(band.key).get(lang), name]
        if with_action:
            cells.append(_action_alone(band, lang) if band.action is not None else "")
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)
