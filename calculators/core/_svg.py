"""Small SVG charts drawn in pure Python: a funnel, a scatter grid and horizontal bars.

A calculator draws its charts once per language and returns them as strings (see
:class:`~calculators.core.Chart`); the page inserts them as they are, at build time and in
the browser alike. So every function here is deterministic (same input, same bytes:
coordinates are rounded to 1 decimal), escapes every piece of text it writes, and draws with
nothing but inline presentation attributes: no scripts, no styles that leak into the page, no
external references.

Every chart:

* is an image to assistive technology: ``role="img"``, an ``aria-label`` and a ``<title>``
  (plus a ``<desc>`` with the data in words when the caller gives one);
* scales: a ``viewBox`` 400 units wide, ``width="100%"`` and a ``max-width``, so it shrinks
  to a 375 px phone and does not balloon on a wide screen;
* reads on light and dark pages and on paper: text, axes and outlines use ``currentColor``
  (the page's text colour), fills are mid-tone colours from the Okabe–Ito palette (safe for
  colour-blind readers) at partial opacity, and scatter dots also differ in shape, so a
  grey-scale print still tells them apart.

Stdlib only: it runs unchanged under Pyodide.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import NamedTuple

from ._declarations import REMEMBERED_ROWS
from ._text import fmt

#: Width of every chart's viewBox; text sizes below are in the same units.
WIDTH = 400
FONT = 12
SMALL = 10.5
#: A chart is drawn this many pixels wide, or as wide as its container if that is narrower
#: (docs/stylesheets/ka.css: .ka-svg; a width attribute, since a style attribute is refused by
#: the site's Content-Security-Policy).
MAX_WIDTH_PX = 480
PAD = 8

#: Mid-tone fills (Okabe–Ito): readable on white, on Material's dark slate and in print.
TONES = (
    "#0072B2",  # 0 blue
    "#E69F00",  # 1 orange
    "#009E73",  # 2 green
    "#D55E00",  # 3 vermilion
    "#CC79A7",  # 4 purple
    "#56B4E9",  # 5 sky
    "#8C8C8C",  # 6 grey
)
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, GREY = range(len(TONES))

#: Scatter marker of each tone, so groups differ in shape as well as colour (a grey-scale print
#: still tells them apart); only purple and sky repeat a shape.
SHAPES = ("circle", "square", "diamond", "triangle", "square", "circle", "triangle_down")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Layer:
    """One layer of a funnel: its label, its count and an optional note (e.g. a share)."""

    label: str
    count: float
    note: str = ""
    tone: int = BLUE


class Dot(NamedTuple):
    """One item on a scatter grid.

    ``short`` is a shorter label (e.g. a rank number) used when the full label finds no free
    place; ``show_label=False`` draws the dot alone. A named tuple: a grid of 10,000 deals
    makes one for each at every edit, five times faster than a frozen dataclass.
    """

    label: str
    x: float
    y: float
    tone: int = BLUE
    show_label: bool = True
    short: str = ""


@lru_cache(maxsize=REMEMBERED_ROWS, typed=True)
def unlabelled(x: float, y: float, tone: int) -> Dot:
    """A dot drawn alone, without a label. Remembered: a grid of 10,000 deals draws the same
    dots at every edit, and a named tuple costs a Python call to make."""
    return Dot("", x, y, tone, show_label=False)


@dataclass(frozen=True)
class Quadrants:
    """Dividing lines of a scatter grid, at ``x`` and ``y`` in data units, with the four
    corner labels: top-left, top-right, bottom-left, bottom-right."""

    x: float
    y: float
    labels: tuple[str, str, str, str] = ("", "", "", "")


@dataclass(frozen=True)
class BarRow:
    """One row of a bar chart: a label and one bar per value.

    ``tones`` colours each bar (default: the series colours BLUE, ORANGE…); ``limit`` draws a
    faint track up to the row's own maximum; ``texts`` replaces the value written after each
    bar.
    """

    label: str
    values: tuple[float, ...]
    tones: tuple[int, ...] = ()
    limit: float | None = None
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """A vertical reference line across a bar chart (a band edge), with its label."""

    value: float
    label: str


# ---------------------------------------------------------------------------------------------
# Helpers


def clean(text: str) -> str:
    """``text`` without characters XML cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("", str(text))


def esc(text: str) -> str:
    """``text`` made safe for SVG text and attribute values."""
    return escape(clean(text), quote=True)


def num(value: float) -> str:
    """A coordinate: rounded to 1 decimal, no trailing ``.0``, never ``-0``."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the drawn width of ``text``: wide (CJK) characters 1 em, others 0.6."""
    return sum(
        size if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6 * size for ch in text
    )


def fit(text: str, room: float, size: float = FONT) -> str:
    """``text`` cut with an ellipsis so that it fits in ``room`` units."""
    text = clean(text)
    if text_width(text, size) <= room:
        return text
    kept: list[str] = []
    used = text_width("…", size)
    for ch in text:
        used += text_width(ch, size)
        if used > room:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def nice_scale(value: float, ticks: int = 4) -> tuple[float, float]:
    """An axis top at or above ``value`` and its tick step: 1, 2, 2.5 or 5 × a power of ten."""
    if not value > 1e-9 or not math.isfinite(value):
        return 1.0, 0.25
    raw = value / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for multiple in (1, 2, 2.5, 5):
        if multiple * magnitude >= raw:
            step = multiple * magnitude
            break
    step = float(f"{step:.6g}")
    top = float(f"{math.ceil(round(value / step, 9)) * step:.6g}")
    return top, step


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = FONT,
    anchor: str = "start",
    opacity: float | None = None,
    bold: bool = False,
) -> str:
    extra = ""
    if anchor != "start":
        extra += f' text-anchor="{anchor}"'
    if size != FONT:
        extra += f' font-size="{num(size)}"'
    if opacity is not None:
        extra += f' fill-opacity="{opacity}"'
    if bold:
        extra += ' font-weight="700"'
    return f'<text x="{num(x)}" y="{num(y)}" fill="currentColor"{extra}>{esc(content)}</text>'


def _rect(x: float, y: float, w: float, h: float, fill: str, opacity: float) -> str:
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" height="{num(h)}" '
        f'fill="{fill}" fill-opacity="{opacity}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, opacity: float, dash: bool = False) -> str:
    dashed = ' stroke-dasharray="4 3"' if dash else ""
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="currentColor" stroke-opacity="{opacity}"{dashed}/>'
    )


def _points(*pairs: tuple[float, float]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in pairs)


def _paint(tone: int) -> str:
    """A marker's fill, in the colour of its tone, with a thin outline."""
    fill = TONES[tone % len(TONES)]
    return f'fill="{fill}" fill-opacity="0.8" stroke="currentColor" stroke-width="0.6"'


@lru_cache(maxsize=16_384)
def _outline(tone: int, x: float, y: float, r: float = 4.5) -> str:
    """A scatter marker's outline as path data: its shape follows the tone. Remembered: the grid
    of a pipeline of 10,000 deals draws many at the same place, and again at each edit."""
    shape = SHAPES[tone % len(SHAPES)]
    if shape == "circle":
        arc = f"a{num(r)},{num(r)} 0 1 0"
        return f"M{num(x - r)},{num(y)}{arc} {num(2 * r)},0{arc} {num(-2 * r)},0z"
    if shape == "square":
        s = num(2 * r * 0.9)
        return f"M{num(x - r * 0.9)},{num(y - r * 0.9)}h{s}v{s}h-{s}z"
    corners: tuple[tuple[float, float], ...]
    if shape == "diamond":
        d = r * 1.25
        corners = ((x, y - d), (x + d, y), (x, y + d), (x - d, y))
    elif shape == "triangle":
        d = r * 1.2
        corners = ((x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8))
    else:
        d = r * 1.2
        corners = ((x, y + d), (x + d, y - d * 0.8), (x - d, y - d * 0.8))
    return "M" + "L".join(f"{num(cx)},{num(cy)}" for cx, cy in corners) + "z"


def _marker(tone: int, x: float, y: float, r: float = 4.5) -> str:
    """One marker (a legend's): its shape and colour both follow the tone."""
    return f'<path d="{_outline(tone, x, y, r)}" {_paint(tone)}/>'


def _markers(tones: Sequence[int], points: Sequence[tuple[float, float]]) -> list[str]:
    """A scatter's markers, one path a tone: a grid of 10,000 deals is a handful of elements
    for the page to lay out, not 10,000. Tones are drawn in the order they first appear.

    A path fills the area its outlines cover once, however many cover it, so markers of one
    tone at the same place look like one: each is drawn once (a pipeline's deals share a few
    stages and many round amounts)."""
    outlines: dict[int, dict[str, None]] = {}
    for tone, (x, y) in zip(tones, points, strict=True):
        outlines.setdefault(tone, {})[_outline(tone, x, y)] = None
    return [f'<path d="{"".join(shapes)}" {_paint(tone)}/>' for tone, shapes in outlines.items()]


def _legend(items: Sequence[tuple[int, str]], top: float, *, markers: bool) -> tuple[str, float]:
    """The legend as one or more rows from ``top``; returns its markup and its height."""
    if not items:
        return "", 0.0
    parts: list[str] = []
    x: float = PAD
    y = top + 10
    for tone, label in items:
        label = fit(label, WIDTH / 2, SMALL)
        width = 16 + text_width(label, SMALL) + 14
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + 17
        if markers:
            parts.append(_marker(tone, x + 5, y - 3.5, 4))
        else:
            parts.append(_rect(x, y - 8.5, 10, 10, TONES[tone % len(TONES)], 0.85))
        parts.append(_text(x + 15, y, label, size=SMALL))
        x += width
    return "".join(parts), y - top + 8


def _svg(height: float, title: str, desc: str, body: str) -> str:
    description = f"<desc>{esc(desc)}</desc>" if desc else ""
    label = esc(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {num(height)}" '
        f'width="{MAX_WIDTH_PX}" role="img" aria-label="{label}" class="ka-svg" '
        f'font-size="{FONT}">'
        f"<title>{label}</title>{description}{body}</svg>"
    )


# ---------------------------------------------------------------------------------------------
# Charts


def _colon(label: str) -> str:
    """The colon after a label, as its language writes it: full-width after Chinese."""
    return "：" if re.search(r"[\u4e00-\u9fff）」]$", label) else ": "


def funnel(layers: Sequence[Layer], *, title: str, desc: str = "") -> str:
    """A funnel of horizontal layers, top to bottom, each bar as wide as its count.

    Each layer shows its label and count above its bar (and its note on the right); bars are
    centred and joined by a faint band, so the narrowing (or the bulge) reads at a glance.
    A layer of 0 is drawn as an empty outline.
    """
    most = max((layer.count for layer in layers), default=0)
    room = WIDTH - 2 * PAD
    bar_h, row_h = 20.0, 46.0
    parts: list[str] = []
    previous: tuple[float, float, float] | None = None  # left, right, bottom of the last bar
    for i, layer in enumerate(layers):
        top = 4 + i * row_h
        note = fit(layer.note, room * 0.45, SMALL) if layer.note else ""
        head = fit(
            f"{layer.label}{_colon(layer.label)}{fmt(layer.count)}",
            room - text_width(note, SMALL) - 8,
        )
        parts.append(_text(PAD, top + 12, head, bold=True))
        if note:
            parts.append(_text(WIDTH - PAD, top + 12, note, size=SMALL, anchor="end"))
        width = room * layer.count / most if most > 0 else 0
        if layer.count > 0:
            width = max(width, 3)
        left = (WIDTH - width) / 2
        bar_top = top + 18
        if previous is not None and width > 0:
            p_left, p_right, p_bottom = previous
            band = _points(
                (p_left, p_bottom), (p_right, p_bottom), (left + width, bar_top), (left, bar_top)
            )
            fill = TONES[layer.tone % len(TONES)]
            parts.append(f'<polygon points="{band}" fill="{fill}" fill-opacity="0.15"/>')
        if width > 0:
            parts.append(_rect(left, bar_top, width, bar_h, TONES[layer.tone % len(TONES)], 0.85))
            previous = (left, left + width, bar_top + bar_h)
        else:
            parts.append(
                f'<rect x="{num(WIDTH / 2 - 20)}" y="{num(bar_top)}" width="40" '
                f'height="{num(bar_h)}" fill="none" stroke="currentColor" '
                f'stroke-opacity="0.4" stroke-dasharray="3 3"/>'
            )
            previous = None
    height = 4 + len(layers) * row_h
    return _svg(height, title, desc, "".join(parts))


@dataclass(frozen=True)
class _Plot:
    """A scatter grid's plot area and its scales: data values to SVG coordinates."""

    left: float
    right: float
    top: float
    bottom: float
    #: the plot's height: bottom − top, kept as given so the scale is exact
    height: float
    x_max: float
    y_top: float

    def sx(self, value: float) -> float:
        value = min(max(value, 0), self.x_max)
        if self.x_max > 0:
            return self.left + (self.right - self.left) * value / self.x_max
        return self.left

    def sy(self, value: float) -> float:
        value = min(max(value, 0), self.y_top)
        return self.bottom - self.height * value / self.y_top

    def points(self, dots: Sequence[Dot]) -> list[tuple[float, float]]:
        """Every dot's place: ``(sx(d.x), sy(d.y))``, the same numbers, for 10,000 dots at a
        time (no call per coordinate)."""
        left, width, x_max = self.left, self.right - self.left, self.x_max
        bottom, height, y_top = self.bottom, self.height, self.y_top
        if x_max <= 0:
            xs = [left] * len(dots)
        else:
            xs = [
                left + width * (0 if x < 0 else x_max if x > x_max else x) / x_max
                for x in (d.x for d in dots)
            ]
        ys = [
            bottom - height * (0 if y < 0 else y_top if y > y_top else y) / y_top
            for y in (d.y for d in dots)
        ]
        return list(zip(xs, ys, strict=True))


def _scatter_axes(
    plot: _Plot,
    y_ticks: Sequence[float],
    tick_texts: Sequence[str],
    x_ticks: Sequence[float],
    x_label: str,
    y_label: str,
) -> list[str]:
    """The grid lines, tick labels and axis labels of a scatter grid."""
    left, right, top, bottom = plot.left, plot.right, plot.top, plot.bottom
    parts = [_text(PAD, top - 8, fit(y_label, WIDTH - 2 * PAD, SMALL), size=SMALL)]
    for tick, label in zip(y_ticks, tick_texts, strict=True):
        y = plot.sy(tick)
        parts.append(_line(left, y, right, y, 0.15 if tick else 0.6))
        parts.append(_text(left - 5, y + 4, label, size=SMALL, anchor="end"))
    for tick in x_ticks:
        x = plot.sx(tick)
        parts.append(_line(x, top, x, bottom, 0.15 if tick else 0.6))
        parts.append(_text(x, bottom + 15, fmt(tick), size=SMALL, anchor="middle"))
    parts.append(
        _text((left + right) / 2, bottom + 32, fit(x_label, WIDTH - 2 * PAD), anchor="middle")
    )
    return parts


def _corner_labels(plot: _Plot, quadrants: Quadrants) -> list[tuple[float, float, str, str]]:
    """Where each quadrant's label goes: ``(x, y, anchor, text)``, one per corner named."""
    half = (plot.right - plot.left) / 2 - 8
    spots = (
        (plot.left + 4, plot.top + 12, "start"),
        (plot.right - 4, plot.top + 12, "end"),
        (plot.left + 4, plot.bottom - 5, "start"),
        (plot.right - 4, plot.bottom - 5, "end"),
    )
    return [
        (x, y, anchor, fit(label, half, SMALL))
        for (x, y, anchor), label in zip(spots, quadrants.labels, strict=True)
        if label
    ]


def _dot_labels(
    plot: _Plot,
    dots: Sequence[Dot],
    points: Sequence[tuple[float, float]],
    corner_boxes: list[tuple[float, float, float, float]],
) -> tuple[list[str], list[tuple[float, float, float, float]]]:
    """Each labelled dot's label, placed in order where it collides with nothing (cut shorter,
    or its short form, when it must); the labels' SVG and the boxes they take."""
    parts: list[str] = []
    placed: list[tuple[float, float, float, float]] = []
    labelled = [(d, p) for d, p in zip(dots, points, strict=True) if d.show_label]
    markers = [(x - 5, y - 5, x + 5, y + 5) for _d, (x, y) in labelled]
    bounds = (plot.left, plot.top, plot.right, plot.bottom)
    for dot, (x, y) in labelled:
        texts = [t for t in (fit(dot.label, 150, SMALL), fit(dot.label, 75, SMALL), dot.short) if t]
        # first clear of the quadrant labels too; failing that, over them (they give way)
        spot = next(
            (
                (text, found)
                for obstacles in ([*placed, *corner_boxes], placed)
                for text in texts
                if (found := _place(text, x, y, obstacles, markers, bounds)) is not None
            ),
            None,
        )
        if spot is not None:
            text, (tx, ty, anchor, box) = spot
            placed.append(box)
            parts.append(_text(tx, ty, text, size=SMALL, anchor=anchor))
    return parts, placed


def scatter(
    dots: Sequence[Dot],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_max: float = 100,
    x_ticks: Sequence[float] = (0, 20, 40, 60, 80, 100),
    y_max: float | None = None,
    quadrants: Quadrants | None = None,
    legend: Sequence[tuple[int, str]] = (),
    desc: str = "",
) -> str:
    """A scatter grid: one marker per dot, labels placed where they do not collide.

    ``y_max`` defaults to a round number at or above the largest y. Labels are placed in the
    order the dots are given (so give the most important first): right of the marker, then
    left, above, below, clear of the labels already placed, of the other labelled markers and
    of the quadrant labels. A label that finds no place is cut shorter, then falls back to its
    ``short`` form, and without one is left off (the ``desc`` and the result's table still name
    every item).
    """
    legend_svg, legend_h = _legend(legend, 0, markers=True)
    top_y = max((d.y for d in dots), default=0)
    # headroom above the highest dot keeps the top corners free for the quadrant labels
    y_top, y_step = nice_scale(y_max if y_max is not None else top_y * 1.12)
    y_ticks = [y_step * k for k in range(round(y_top / y_step) + 1)]
    tick_texts = [fmt(t) for t in y_ticks]
    left = PAD + max(text_width(t, SMALL) for t in tick_texts) + 6
    top = legend_h + 22  # room for the y-axis label above the plot
    plot_h = 230.0
    plot = _Plot(left, WIDTH - 14, top, top + plot_h, plot_h, x_max, y_top)

    parts = [legend_svg, *_scatter_axes(plot, y_ticks, tick_texts, x_ticks, x_label, y_label)]
    if quadrants is not None:
        qx, qy = plot.sx(quadrants.x), plot.sy(quadrants.y)
        parts.append(_line(qx, plot.top, qx, plot.bottom, 0.55, dash=True))
        parts.append(_line(plot.left, qy, plot.right, qy, 0.55, dash=True))

    points = plot.points(dots)
    parts.extend(_markers([d.tone for d in dots], points))

    corners = _corner_labels(plot, quadrants) if quadrants is not None else []
    corner_boxes = [_box(x, y, anchor, text) for x, y, anchor, text in corners]
    labels, placed = _dot_labels(plot, dots, points, corner_boxes)
    parts.extend(labels)
    for (x, y, anchor, text), box in zip(corners, corner_boxes, strict=True):
        if not any(_overlap(box, other) for other in placed):
            parts.append(_text(x, y, text, size=SMALL, anchor=anchor, opacity=0.7))
    return _svg(plot.bottom + 40, title, desc, "".join(parts))


def _place(
    text: str,
    x: float,
    y: float,
    placed: Sequence[tuple[float, float, float, float]],
    markers: Sequence[tuple[float, float, float, float]],
    bounds: tuple[float, float, float, float],
) -> tuple[float, float, str, tuple[float, float, float, float]] | None:
    """The first free place for a label next to a marker at (x, y), or None."""
    w, h = text_width(text, SMALL), SMALL + 1
    candidates = (
        (x + 7, y + 4, "start", (x + 6, y - h / 2 - 1, x + 7 + w, y + h / 2)),
        (x - 7, y + 4, "end", (x - 7 - w, y - h / 2 - 1, x - 6, y + h / 2)),
        (x, y - 8, "middle", (x - w / 2, y - 8 - h + 2, x + w / 2, y - 6)),
        (x, y + 16, "middle", (x - w / 2, y + 16 - h + 2, x + w / 2, y + 18)),
    )
    left, top, right, bottom = bounds
    for tx, ty, anchor, box in candidates:
        x0, y0, x1, y1 = box
        # the plot, plus the margins free of tick labels (right of the plot, just above it)
        if x0 < left or x1 > right + 12 or y0 < top - 6 or y1 > bottom + 6:
            continue
        own = (x - 5, y - 5, x + 5, y + 5)
        if any(_overlap(box, other) for other in placed):
            continue
        if any(_overlap(box, other) for other in markers if other != own):
            continue
        return tx, ty, anchor, box
    return None


def _box(x: float, y: float, anchor: str, text: str) -> tuple[float, float, float, float]:
    """The box a line of small text takes, drawn at (x, y) with ``anchor`` start or end."""
    w = text_width(text, SMALL)
    x0 = x if anchor == "start" else x - w
    return x0, y - SMALL, x0 + w, y + 2


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def bars(
    rows: Sequence[BarRow],
    *,
    title: str,
    max_value: float,
    lines: Sequence[Line] = (),
    legend: Sequence[tuple[int, str]] = (),
    desc: str = "",
    value_text: Callable[[float], str] = fmt,
) -> str:
    """Horizontal bars, one group per row, on a shared scale from 0 to ``max_value``.

    Each row's label sits above its bars, so long names (and Chinese ones) keep the full
    width on a phone. ``lines`` draws dashed reference lines (band edges) across all rows,
    labelled at the top; ``legend`` names the tones.
    """
    legend_svg, legend_h = _legend(legend, 0, markers=False)
    scale_max = max_value if max_value > 0 else 1
    left, right = PAD, WIDTH - 36
    top = legend_h + (18 if lines else 4)
    bar_h, bar_gap = 11.0, 3.0

    def sx(value: float) -> float:
        return left + (right - left) * min(max(value, 0), scale_max) / scale_max

    parts = [legend_svg]
    y = top
    for row in rows:
        parts.append(_text(left, y + 12, fit(row.label, right - left + 28)))
        y += 17
        for i, value in enumerate(row.values):
            tone = row.tones[i] if i < len(row.tones) else i
            if row.limit is not None:
                parts.append(_rect(left, y, sx(row.limit) - left, bar_h, "currentColor", 0.08))
            parts.append(_rect(left, y, sx(value) - left, bar_h, TONES[tone % len(TONES)], 0.85))
            label = row.texts[i] if i < len(row.texts) else value_text(value)
            parts.append(_text(sx(value) + 4, y + bar_h - 1.5, label, size=SMALL))
            y += bar_h + bar_gap
        y += 8
    bottom = y - 6
    parts.append(_line(left, top, left, bottom, 0.6))
    for line in lines:
        x = sx(line.value)
        parts.append(_line(x, top - 4, x, bottom, 0.6, dash=True))
        parts.append(_text(x, top - 7, line.label, size=SMALL, anchor="middle"))
    parts.append(_line(left, bottom, right, bottom, 0.6))
    parts.append(_text(left, bottom + 13, "0", size=SMALL))
    parts.append(_text(right, bottom + 13, fmt(max_value), size=SMALL, anchor="end"))
    return _svg(bottom + 18, title, desc, "".join(parts))


def paired_bars(
    rows: Sequence[tuple[str, float, float]],
    *,
    title: str,
    first: str,
    second: str,
    max_value: float,
    limits: Sequence[float | None] = (),
    tones: tuple[int, int] = (GREY, BLUE),
    desc: str = "",
) -> str:
    """Two bars per row (e.g. today and tomorrow), named ``first`` and ``second`` in the legend.

    ``limits`` gives each row's own maximum, drawn as a faint track behind its bars.
    """
    bar_rows = [
        BarRow(
            label,
            (a, b),
            tones=tones,
            limit=limits[i] if i < len(limits) else None,
        )
        for i, (label, a, b) in enumerate(rows)
    ]
    return bars(
        bar_rows,
        title=title,
        max_value=max_value,
        legend=((tones[0], first), (tones[1], second)),
        desc=desc,
    )
