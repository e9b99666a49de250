"""Bands as data: one declaration gives the verdict, the range in both languages and the table."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import REGISTRY
from calculators.core import Text
from calculators.core._bands import (
    Band,
    Bands,
    Edge,
    above,
    at_least,
    at_most,
    band_table,
    below,
    range_text,
)
from calculators.core._units import MONTHS, PERCENT, POINTS, WAN
from ka_site.build.widgets.band_pages import MarkerError, declared_bands, expand

SCORE = Text("得分", "Score")


def _bands(cuts: list[float], exact_goes_up: list[bool]) -> Bands:
    """Bands cut at ``cuts`` (ascending); at each cut, the exact value goes up or down."""
    bands = []
    lower: Edge | None = None
    for n, (cut, up) in enumerate(zip(cuts, exact_goes_up, strict=True)):
        upper = below(cut) if up else at_most(cut)
        bands.append(Band(f"b{n}", Text(f"档{n}", f"Band {n}"), lower=lower, upper=upper))
        lower = at_least(cut) if up else above(cut)
    bands.append(Band("top", Text("最高档", "Top"), lower=lower))
    return Bands("test", SCORE, POINTS, tuple(bands), digits=None)


cut_lists = st.lists(
    st.integers(min_value=-1000, max_value=1000), min_size=1, max_size=6, unique=True
).map(sorted)


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[float], list[bool]]:
    cuts = draw(cut_lists)
    return [float(c) for c in cuts], draw(
        st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts))
    )


@given(partitions(), st.floats(min_value=-2000, max_value=2000, allow_nan=False))
def test_every_value_falls_in_exactly_one_band(partition, value):
    bands = _bands(*partition)
    holding = [b.key for b in bands if b.contains(value)]
    assert len(holding) == 1
    assert bands.of(value).key == holding[0]


@given(partitions())
def test_an_edge_falls_on_the_side_its_inclusivity_says(partition):
    cuts, goes_up = partition
    bands = _bands(cuts, goes_up)
    keys = [b.key for b in bands]
    for n, (cut, up) in enumerate(zip(cuts, goes_up, strict=True)):
        expected = keys[n + 1] if up else keys[n]
        assert bands.of(cut).key == expected
        assert bands.of(math.nextafter(cut, -math.inf)).key == keys[n]
        assert bands.of(math.nextafter(cut, math.inf)).key == keys[n + 1]


@given(partitions(), st.data())
def test_a_gap_or_an_overlap_is_refused_when_declared(partition, data):
    cuts, goes_up = partition
    good = _bands(cuts, goes_up).bands
    n = data.draw(st.integers(min_value=0, max_value=len(cuts) - 1))
    low, high = good[n], good[n + 1]
    assert low.upper is not None and high.lower is not None
    fault = data.draw(st.sampled_from(["both", "neither", "gap", "overlap"]))
    upper = low.upper
    if fault == "both":
        upper, lower = Edge(upper.value, True), Edge(upper.value, True)
    elif fault == "neither":
        upper, lower = Edge(upper.value, False), Edge(upper.value, False)
    elif fault == "gap":
        lower = Edge(upper.value + 0.5, high.lower.inclusive)
    else:
        lower = Edge(upper.value - 0.5, high.lower.inclusive)
    broken = list(good)
    try:
        broken[n] = Band(low.key, low.label, lower=low.lower, upper=upper)
        broken[n + 1] = Band(high.key, high.label, lower=lower, upper=high.upper)
    except ValueError:
        return  # the band itself is empty: refused even earlier
    with pytest.raises(ValueError, match=r"gap|overlap|both hold|leave out"):
        Bands("test", SCORE, POINTS, tuple(broken))


def test_bands_must_reach_both_ends():
    with pytest.raises(ValueError, match="below 0"):
        Bands("test", SCORE, POINTS, (Band("a", SCORE, lower=at_least(0)),))
    with pytest.raises(ValueError, match="above 10"):
        Bands("test", SCORE, POINTS, (Band("a", SCORE, upper=at_most(10)),))


def test_a_key_declared_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        Bands(
            "test",
            SCORE,
            POINTS,
            (Band("a", SCORE, upper=below(1)), Band("a", SCORE, lower=at_least(1))),
        )


def test_an_empty_band_is_refused():
    with pytest.raises(ValueError, match="holds no value"):
        Band("a", SCORE, lower=at_least(5), upper=below(5))


def test_a_score_is_rounded_before_it_is_banded():
    bands = Bands(
        "test",
        SCORE,
        POINTS,
        (Band("low", SCORE, upper=at_most(14)), Band("high", SCORE, lower=above(14))),
    )
    assert bands.of(14.000000001).key == "low"
    assert bands.of(14.01).key == "high"


@pytest.mark.parametrize(
    ("lower", "upper", "zh", "en"),
    [
        (None, below(8), "低于 8 分", "below 8"),
        (at_least(8), at_most(14), "8–14 分", "8–14"),
        (above(14), None, "高于 14 分", "above 14"),
        (at_least(100), None, "100 分及以上", "100 or more"),
        (at_least(80), below(100), "80 至 100 分以下", "80 to under 100"),
        (None, at_most(5), "5 分及以下", "5 or less"),
        (above(2), at_most(5), "高于 2 分，5 分及以下", "above 2, up to 5"),
        (above(2), below(5), "高于 2 分，低于 5 分", "above 2 and below 5"),
    ],
)
def test_points_ranges_say_where_the_edges_fall(lower, upper, zh, en):
    assert range_text(lower, upper, POINTS) == Text(zh, en)


def test_percent_ranges_keep_the_sign_with_each_number_in_chinese():
    assert range_text(at_least(10), at_most(20), PERCENT) == Text("10%–20%", "10–20%")
    assert range_text(at_least(80), None, PERCENT) == Text("80% 及以上", "80% or more")
    assert range_text(at_least(70), below(90), PERCENT) == Text(
        "70% 至 90% 以下", "70% to under 90%"
    )


def test_wan_ranges_read_as_millions_in_english():
    assert range_text(above(200), None, WAN) == Text("高于 200 万元", "above CNY 2 million")
    assert range_text(at_least(50), at_most(200), WAN) == Text("50–200 万元", "CNY 0.5–2 million")


def test_months_ranges():
    assert range_text(None, at_most(6), MONTHS) == Text("6 个月及以下", "6 months or less")


def test_a_band_table_lists_range_band_and_action_without_repeating_the_band():
    bands = Bands(
        "test",
        Text("得分（20 分制）", "Score (of 20)"),
        POINTS,
        (
            Band(
                "hold",
                Text("暂时搁置", "Put on hold"),
                upper=below(8),
                action=Text("暂时搁置：下季度再筛。", "Put on hold: screen again | next quarter."),
            ),
            Band("key", Text("关键", "Key"), lower=at_least(8)),
        ),
    )
    assert band_table(bands, "en").splitlines() == [
        "| Score (of 20) | Band | What to do |",
        "|---|---|---|",
        "| below 8 | **Put on hold** | Screen again \\| next quarter. |",
        "| 8 or more | **Key** |  |",
    ]
    assert band_table(bands, "zh").splitlines()[2] == "| 低于 8 分 | **暂时搁置** | 下季度再筛。 |"


def test_every_model_with_bands_declares_them_under_its_own_name():
    known = declared_bands()
    assert {"screening", "customer_evaluation", "decision_unit", "questions"} <= set(known)
    assert {"selling_time", "wall", "wall.potential", "wall.share"} <= set(known)
    for name, bands in known.items():
        assert name.split(".")[0] in REGISTRY
        assert bands.name == name


def test_markers_become_the_declared_table_and_numbers():
    page = (
        "Scores:\n\n<!-- bands:screening -->\n\n"
        "!!! note\n    <!-- bands:wall.share -->\n\n"
        "**<!-- range:screening.hold --> put on hold**; exactly "
        "<!-- edge:screening.invest.lower --> needs investment."
    )
    en = expand(page, "en")
    assert "| below 8 | **Put on hold** |" in en
    assert "    | above 70% | **1**: We can win most of it |" in en
    assert "**below 8 put on hold**; exactly 8 needs investment." in en
    zh = expand(page, "zh")
    assert "| 低于 8 分 | **暂时搁置** |" in zh
    assert "exactly 8 分 needs" in zh


def test_a_capital_range_marker_starts_a_sentence():
    assert (
        expand("- **<!-- Range:questions.practise -->:** reread", "en") == "- **Below 70%:** reread"
    )
    assert expand("<!-- Range:questions.practise -->", "zh") == "低于 70%"


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- bands:nowhere -->",
        "<!-- range:screening.nothing -->",
        "<!-- edge:screening.hold.lower -->",
        "<!-- edge:screening.hold.middle -->",
    ],
)
def test_a_marker_that_names_nothing_is_refused(marker):
    with pytest.raises(MarkerError):
        expand(f"text\n\n{marker}\n", "en")


def test_a_hunter_scores_plus_four_or_more_and_a_farmer_minus_four_or_less():
    from calculators.models.hunter_farmer import profile_for

    for score in range(-18, 19):
        expected = "hunter" if score >= 4 else "farmer" if score <= -4 else "balanced"
        assert profile_for(score) == expected, score


def test_funnel_ratios_on_an_edge_are_in_range_exactly():
    from calculators.models.funnel_shape import advance_level, enter_level

    assert enter_level(10, 1) == "ok"  # exactly 10%
    assert enter_level(5, 2) == "ok"  # exactly 40%
    assert enter_level(1001, 100) == "low"  # 9.99%
    assert enter_level(1000, 401) == "high"  # 40.1%
    assert advance_level(5, 1) == "ok"  # exactly 20%
    assert advance_level(5, 4) == "ok"  # exactly 80%
    assert advance_level(10001, 2000) == "low"  # just under 20%


def test_the_wall_ranges_say_where_fifteen_and_the_grade_edges_fall():
    from calculators.models.wall import BANDS, POTENTIAL_GRADES, SHARE_GRADES

    assert BANDS.range("good") == Text("10 至 15 分以下", "10 to under 15")
    assert BANDS.range("very_good") == Text("15 分及以上", "15 or more")
    assert POTENTIAL_GRADES.range("A") == Text("高于 200 万元", "above CNY 2 million")
    assert POTENTIAL_GRADES.of(200).key == "B" and POTENTIAL_GRADES.of(50).key == "B"
    assert SHARE_GRADES.of(70).key == "2" and SHARE_GRADES.of(30).key == "2"


def test_questions_are_lopsided_above_seventy_percent_of_one_kind():
    from calculators.models.questions import BALANCE

    assert BALANCE.of(70).key == "balanced" and BALANCE.of(30).key == "balanced"
    assert BALANCE.of(70.01).key == "mostly_closed"
    assert BALANCE.of(29.99).key == "mostly_open"


def test_funnel_grade_windows_are_written_from_the_timing_edges():
    from calculators.models.funnel_grading import window

    assert window("A") == Text("6 个月内可成交", "can close within 6 months")
    assert window("B") == Text("6–12 个月内可成交", "can close within 6–12 months")
    assert window("D") == Text("18 个月内无法成交", "cannot close within 18 months")


@pytest.mark.parametrize("slug", ["screening", "wall", "customer_value"])
def test_the_json_output_names_each_band_by_its_key(slug):
    from calculators.cli._keys import with_keys

    calc = REGISTRY[slug]
    result = with_keys(calc, calc.run(calc.defaults("en")).to_dict())
    labelled = {
        (band.label.zh, band.label.en): band.key
        for bands in declared_bands().values()
        if bands.name.split(".")[0] == slug
        for band in bands
    }
    checked = 0
    for table in result["tables"]:
        for row in table["rows"]:
            for column, value in row.items():
                if isinstance(value, dict) and (value.get("zh"), value.get("en")) in labelled:
                    assert row[f"{column}_key"] == labelled[(value["zh"], value["en"])]
                    checked += 1
    assert checked
