"""The SVG chart helpers: safe, deterministic, accessible, scalable drawings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.core import _svg
from calculators.core._svg import BarRow, Dot, Layer, Line, Quadrants

NS = "{http://www.w3.org/2000/svg}"
ATTACK = "<img src=x onerror=alert(1)>"


def parse(svg: str) -> ET.Element:
    """The chart as XML: it must be well-formed."""
    return ET.fromstring(svg)


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in parse(svg).iter(f"{NS}text")]


def funnel_chart(label: str = "Searching", title: str = "Funnel") -> str:
    return _svg.funnel(
        [Layer(label, 20, "note"), Layer("In the funnel", 5), Layer("Best state", 2)],
        title=title,
        desc=f"{label}: 20",
    )


def scatter_chart(label: str = "Deal", title: str = "Grid") -> str:
    return _svg.scatter(
        [Dot(label, 40, 80, _svg.BLUE, short="1"), Dot("Other", 90, 20, _svg.GREEN)],
        title=title,
        x_label="Heat %",
        y_label="Amount",
        quadrants=Quadrants(50, 50, (label, "top right", "bottom left", "bottom right")),
        legend=[(_svg.BLUE, label), (_svg.GREEN, "Grade A")],
        desc=label,
    )


def bar_chart(label: str = "Factor", title: str = "Bars") -> str:
    return _svg.bars(
        [BarRow(label, (12,)), BarRow("Second", (6,))],
        title=title,
        max_value=20,
        lines=(Line(8, "8"), Line(14, label)),
        legend=[(_svg.GREY, label)],
        desc=label,
    )


def paired_chart(label: str = "Factor", title: str = "Today and tomorrow") -> str:
    return _svg.paired_bars(
        [(label, 3, 6), ("Second", 2, 2)],
        title=title,
        first="Today",
        second="Tomorrow",
        max_value=6,
        limits=(6, 4),
        desc=label,
    )


CHARTS = [funnel_chart, scatter_chart, bar_chart, paired_chart]
ids = ["funnel", "scatter", "bars", "paired_bars"]


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_a_hostile_label_is_drawn_as_text_never_as_an_element(draw):
    svg = draw(label=ATTACK, title=ATTACK)
    root = parse(svg)
    assert "<img" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg
    assert not [e for e in root.iter() if e.tag.split("}")[-1].lower() in ("img", "script")]
    assert root.find(f"{NS}title").text == ATTACK
    assert root.get("aria-label") == ATTACK
    assert any(text.startswith("<img") for text in texts(svg))


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_the_same_data_draws_the_same_bytes(draw):
    first = draw()
    for other in CHARTS:  # nothing drawn in between leaves a trace
        other()
    assert draw() == first


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_every_chart_is_an_image_with_a_title_for_assistive_technology(draw):
    root = parse(draw(title="销售漏斗"))
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "销售漏斗"
    assert root[0].tag == f"{NS}title" and root[0].text == "销售漏斗"
    assert root[1].tag == f"{NS}desc" and root[1].text


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_every_chart_scales_to_its_container(draw):
    root = parse(draw())
    # at most MAX_WIDTH_PX wide, narrower in a narrower container (ka.css: .ka-svg), its height
    # from the viewBox; no style attribute, which the site's Content-Security-Policy refuses
    assert root.get("width") == str(_svg.MAX_WIDTH_PX)
    assert root.get("height") is None
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x, y, width) == (0, 0, _svg.WIDTH) and height > 0
    assert root.get("style") is None


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_text_and_lines_follow_the_page_colour_for_light_and_dark(draw):
    root = parse(draw())
    for text in root.iter(f"{NS}text"):
        assert text.get("fill") == "currentColor"
    for line in root.iter(f"{NS}line"):
        assert line.get("stroke") == "currentColor"
    fills = {e.get("fill") for e in root.iter() if e.get("fill") not in (None, "none")}
    assert fills <= {"currentColor", *_svg.TONES}


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_no_chart_refers_to_anything_outside_itself(draw):
    svg = draw()
    for marker in ("href", "<script", "url(", "<style", "<foreignObject", " on"):
        assert marker not in svg


@pytest.mark.parametrize("draw", CHARTS, ids=ids)
def test_coordinates_are_rounded_to_one_decimal(draw):
    svg = draw()
    numbers = re.findall(r'(?<![\w-])(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="(-?[\d.]+)"', svg)
    numbers += [n for p in re.findall(r'points="([^"]+)"', svg) for n in re.split("[ ,]", p)]
    assert numbers
    assert all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in numbers)


@given(
    label=st.text(max_size=90),
    count=st.integers(min_value=0, max_value=10**6),
    x=st.floats(min_value=-10, max_value=200),
    y=st.floats(min_value=0, max_value=1e7),
)
def test_any_label_and_any_number_still_make_well_formed_xml(label, count, x, y):
    parse(_svg.funnel([Layer(label, count, label), Layer(label, 0)], title=label, desc=label))
    parse(
        _svg.scatter(
            [Dot(label, x, y, short=label), Dot(label, x, y)],
            title=label,
            x_label=label,
            y_label=label,
            quadrants=Quadrants(50, y / 2, (label, label, label, label)),
            legend=[(0, label)],
        )
    )
    parse(_svg.bars([BarRow(label, (x,))], title=label, max_value=y, lines=(Line(x, label),)))


def test_characters_xml_cannot_hold_are_dropped():
    svg = _svg.bars([BarRow("A\x00B\x1fC\ud800D", (1,))], title="t", max_value=2)
    assert "ABCD" in texts(svg)


def test_an_empty_funnel_layer_is_an_outline_not_a_bar():
    root = parse(_svg.funnel([Layer("Searching", 0), Layer("Best", 3)], title="t"))
    rects = list(root.iter(f"{NS}rect"))
    assert [r.get("fill") for r in rects] == ["none", _svg.TONES[_svg.BLUE]]
    assert rects[1].get("width") == str(_svg.WIDTH - 2 * _svg.PAD)


def test_funnel_bars_are_as_wide_as_their_counts():
    root = parse(_svg.funnel([Layer("a", 40), Layer("b", 10)], title="t"))
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect")]
    assert widths[0] == pytest.approx(4 * widths[1], abs=0.2)


def test_a_funnel_of_zeros_draws_outlines():
    root = parse(_svg.funnel([Layer("a", 0), Layer("b", 0)], title="t"))
    assert all(r.get("fill") == "none" for r in root.iter(f"{NS}rect"))


def test_only_the_dots_chosen_get_a_label():
    dots = [Dot(f"deal {i}", (i * 37) % 100, (i * 53) % 100, show_label=i < 3) for i in range(50)]
    drawn = texts(_svg.scatter(dots, title="t", x_label="x", y_label="y"))
    assert {t for t in drawn if t.startswith("deal")} <= {"deal 0", "deal 1", "deal 2"}
    assert "deal 0" in drawn
    markers = [
        e
        for e in parse(_svg.scatter(dots, title="t", x_label="x", y_label="y")).iter(f"{NS}path")
        if e.get("stroke-width") == "0.6"
    ]
    assert len(markers) == 1  # one tone: one path
    assert markers[0].get("d").count("M") == 50  # holding a marker a dot


def test_markers_of_one_tone_at_one_place_are_drawn_once_and_never_cut_holes():
    dots = [Dot(f"deal {i}", 40, 300, show_label=False) for i in range(500)]
    dots += [Dot("other", 60, 100, show_label=False), Dot("near", 60, 101, show_label=False)]
    svg = parse(_svg.scatter(dots, title="t", x_label="x", y_label="y"))
    (markers,) = [e for e in svg.iter(f"{NS}path") if e.get("stroke-width") == "0.6"]
    assert markers.get("d").count("M") == 3  # 500 deals at one place, and two apart
    # overlapping outlines of one path all turn the same way: the fill covers them all
    assert markers.get("fill-rule") in (None, "nonzero")


def test_crowded_labels_fall_back_to_their_short_form():
    dots = [Dot(f"deal name {i}", 50, 100, short=str(i)) for i in range(6)]
    drawn = texts(_svg.scatter(dots, title="t", x_label="x", y_label="y"))
    assert "deal name 0" in drawn
    assert any(t.isdigit() for t in drawn if t not in {"0", "20", "40", "60", "80", "100"})


def test_groups_differ_in_shape_as_well_as_colour():
    legend = [(tone, f"tone {tone}") for tone in (_svg.BLUE, _svg.ORANGE, _svg.GREEN, _svg.GREY)]
    shapes = {_svg.SHAPES[tone] for tone, _ in legend}
    assert len(shapes) == 4


def test_bar_charts_draw_the_band_edges_as_labelled_lines():
    root = parse(bar_chart())
    dashed = [e for e in root.iter(f"{NS}line") if e.get("stroke-dasharray")]
    assert len(dashed) == 2
    x8, x14 = (float(e.get("x1")) for e in dashed)
    left, right = _svg.PAD, _svg.WIDTH - 36
    assert x8 == pytest.approx(left + (right - left) * 8 / 20, abs=0.1)
    assert x14 == pytest.approx(left + (right - left) * 14 / 20, abs=0.1)


def test_paired_bars_draw_two_bars_per_row_with_a_legend():
    drawn = texts(paired_chart())
    assert drawn[:2] == ["Today", "Tomorrow"]
    root = parse(paired_chart())
    coloured = [r for r in root.iter(f"{NS}rect") if r.get("fill") in _svg.TONES]
    # two legend swatches, then two bars for each of the two rows
    assert len(coloured) == 2 + 4


def test_long_labels_are_cut_to_fit_with_an_ellipsis():
    label = "非常长的客户名称" * 10
    cut = _svg.fit(label, 100)
    assert cut.endswith("…") and _svg.text_width(cut) <= 100
    assert _svg.fit("short", 100) == "short"


@given(st.floats(min_value=1e-6, max_value=1e9))
def test_a_nice_scale_covers_the_value_in_at_most_five_round_steps(value):
    top, step = _svg.nice_scale(value)
    assert top >= value * (1 - 1e-9)
    assert 1 <= round(top / step) <= 5
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert any(mantissa == pytest.approx(m) for m in (1, 2, 2.5, 5))


def test_numbers_never_print_as_minus_zero():
    assert _svg.num(-0.04) == "0"
    assert _svg.num(12.0) == "12"
    assert _svg.num(12.345) == "12.3"


@pytest.mark.parametrize("slug", sorted(__import__("calculators").REGISTRY))
def test_a_chinese_chart_is_punctuated_as_chinese_and_an_english_one_as_english(slug):
    """A chart's words are read like the page's: 「客户搜寻（D）：2」, never 「客户搜寻（D）: 2」;
    "Searching (D): 2" in English. (The pages' linter leaves drawings out; this reads them.)"""
    from calculators import REGISTRY

    calc = REGISTRY[slug]
    half_beside_chinese = re.compile(
        "[\u4e00-\u9fff）」][,:;?!()]|[,:;?!()][\u4e00-\u9fff（「]|\\d %"
    )
    for lang in ("zh", "en"):
        for chart in calc.run(calc.defaults(lang)).to_dict()["charts"]:
            words = re.findall(r">([^<>]+)<", chart["svg"][lang])
            assert not [w for w in words if half_beside_chinese.search(w)], (slug, lang)
            if lang == "en":
                assert not [w for w in words if re.search("[\u4e00-\u9fff]", w)], slug


_coordinate = st.one_of(
    st.integers(-50, 500), st.floats(-50, 500, allow_nan=False, allow_subnormal=False)
)


@given(
    xs=st.lists(_coordinate, min_size=1, max_size=30),
    ys=st.lists(_coordinate, min_size=1, max_size=30),
    x_max=st.sampled_from([0, 100, 250.5]),
    y_top=st.sampled_from([1, 80, 1200.0]),
)
def test_a_grid_places_its_many_dots_where_the_scales_put_each_one(xs, ys, x_max, y_top):
    """The grid's places for 10,000 dots at once are the scales' own numbers, bit for bit:
    clamped into the plot, with the plot's edges and its middle."""
    plot = _svg._Plot(40.0, 626.0, 30.0, 260.0, 230.0, x_max, y_top)
    dots = [Dot("", x, y) for x, y in zip(xs, ys, strict=False)]
    assert plot.points(dots) == [(plot.sx(d.x), plot.sy(d.y)) for d in dots]
