"""The "wall" 围墙准则 and the three-axis account analysis (raising-customer-value.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.wall import CALCULATOR, band_for, potential_grade, share_grade

NO_AXES = {"potential_business_wan": None, "winnable_share_pct": None, "loyalty": None}


def wall(today: list[int], weights: list[int], tomorrow: list[int] | None = None, **extra):
    """Inputs for a wall of len(weights) factors, with no three-axis analysis unless given."""
    tomorrow = tomorrow if tomorrow is not None else today
    factors = [
        {"name": f"factor {i + 1}", "weight": w, "score_today": t, "score_tomorrow": m}
        for i, (w, t, m) in enumerate(zip(weights, today, tomorrow, strict=True))
    ]
    return {"factors": factors, **NO_AXES, **extra}


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "poor"),
        (9, "poor"),
        (9.99, "poor"),
        (10, "good"),
        (14, "good"),
        (14.5, "good"),
        (14.99, "good"),
        (15, "very_good"),
        (20, "very_good"),
    ],
)
def test_the_wall_bands_at_their_edges(score, band):
    assert band_for(score) == band


def test_fifteen_of_twenty_is_a_very_good_wall():
    # 3*2 + 3*1 + 2*2 + 2*1 = 15 on weights that make exactly 20
    result = CALCULATOR.run(wall([2, 1, 2, 1], [3, 3, 2, 2]))
    assert result.figure("score_today") == 15
    assert result.verdict.key == "very_good"


def test_eight_of_twenty_is_a_poor_wall():
    result = CALCULATOR.run(wall([1, 1, 1, 0], [3, 3, 2, 2]))
    assert result.figure("score_today") == 8
    assert result.verdict.key == "poor"
    assert "8 of 20 points" in result.reasoning[0].en


def test_the_worked_wall_is_good_today_and_very_good_tomorrow():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.figure("maximum") == 20
    assert result.figure("score_today") == 13
    assert result.figure("score_tomorrow") == 18
    assert result.figure("gap") == 5
    assert result.verdict.key == "good"
    assert result.verdict.label.en == "Good today, very good tomorrow"
    bands = [row["band"].en for row in result.table("scores").rows]
    assert bands == ["Good", "Very good"]
    assert result.figure("first_factor").startswith("我们认识的人员")
    assert result.figure("account_class") == "A2+"


def test_weights_that_do_not_make_twenty_are_scaled_to_twenty():
    # weights 2+2 -> maximum 8; 6 of 8 is 15 of 20
    result = CALCULATOR.run(wall([2, 1], [2, 2]))
    assert result.figure("maximum") == 8
    assert result.figure("score_today") == 15
    assert result.verdict.key == "very_good"
    assert "scaled to 20" in result.reasoning[0].en


def test_priority_decides_which_factor_is_built_first():
    inputs = wall([0, 0, 0], [1, 3, 2], [2, 2, 2])
    inputs["factors"][0]["priority"] = 1
    result = CALCULATOR.run(inputs)
    steps = {r["name"]: r["step"] for r in result.table("factors").rows}
    # factor 1 has priority 1; the others follow by weight x gap
    assert steps == {"factor 1": 1, "factor 2": 2, "factor 3": 3}
    assert result.figure("first_factor") == "factor 1"


def test_without_priorities_the_biggest_weighted_gap_comes_first():
    result = CALCULATOR.run(wall([1, 0, 2], [3, 2, 3], [2, 2, 2]))
    # gaps worth 3*1 = 3 and 2*2 = 4; the third factor has no gap
    steps = {r["name"]: r["step"] for r in result.table("factors").rows}
    assert steps == {"factor 2": 1, "factor 1": 2, "factor 3": None}


def test_a_target_below_today_is_a_slip_not_work():
    result = CALCULATOR.run(wall([2, 1], [3, 2], [1, 1]))
    assert result.figure("gap") < 0
    assert result.figure("first_factor") is None
    assert any("slip" in line.en for line in result.reasoning)


def test_all_weights_zero_cannot_form_a_total():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(wall([2, 2], [0, 0]))
    assert caught.value.field == "factors"
    assert caught.value.column == "weight"


def test_a_score_of_three_is_out_of_range():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(wall([3, 1], [3, 3]))
    assert (caught.value.row, caught.value.column) == (0, "score_today")


@pytest.mark.parametrize(
    ("potential", "letter"),
    [(0, "C"), (49.9, "C"), (50, "B"), (120, "B"), (200, "B"), (200.1, "A"), (5000, "A")],
)
def test_potential_business_edges(potential, letter):
    assert potential_grade(potential) == letter


@pytest.mark.parametrize(
    ("share", "digit"),
    [(0, "3"), (29.9, "3"), (30, "2"), (70, "2"), (70.1, "1"), (100, "1")],
)
def test_winnable_share_edges(share, digit):
    assert share_grade(share) == digit


@pytest.mark.parametrize(
    ("potential", "share", "loyalty", "code"),
    [
        (300, 80, "supports", "A1+"),
        (100, 50, "neutral", "B20"),
        (20, 10, "not_supporting", "C3-"),
    ],
)
def test_the_three_axes_make_a_class(potential, share, loyalty, code):
    result = CALCULATOR.run(
        wall(
            [1, 1],
            [3, 3],
            potential_business_wan=potential,
            winnable_share_pct=share,
            loyalty=loyalty,
        )
    )
    assert result.figure("account_class") == code
    assert result.actions[-1].en.startswith(f"{code}: ")


def test_the_wall_alone_has_no_class():
    result = CALCULATOR.run(wall([1, 1], [3, 3]))
    with pytest.raises(KeyError):
        result.figure("account_class")


def test_half_an_account_analysis_names_what_is_missing():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(wall([1, 1], [3, 3], potential_business_wan=300))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"winnable_share_pct", "loyalty"}


def test_a_share_above_a_hundred_percent_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(wall([1], [1], winnable_share_pct=120))
    assert caught.value.field == "winnable_share_pct"


scores = st.integers(min_value=0, max_value=2)
weights = st.integers(min_value=1, max_value=5)
BAND_ORDER = ["poor", "good", "very_good"]


@given(st.lists(st.tuples(scores, weights), min_size=1, max_size=10), st.data())
def test_raising_one_factor_never_lowers_the_band(scored, data):
    today = [s for s, _ in scored]
    wts = [w for _, w in scored]
    i = data.draw(st.integers(min_value=0, max_value=len(today) - 1))
    before = CALCULATOR.run(wall(today, wts))
    raised = today.copy()
    raised[i] = min(2, raised[i] + 1)
    after = CALCULATOR.run(wall(raised, wts))
    assert BAND_ORDER.index(after.verdict.key) >= BAND_ORDER.index(before.verdict.key)
    assert after.figure("score_today") >= before.figure("score_today")


@given(st.lists(st.tuples(scores, scores, weights), min_size=1, max_size=10))
def test_the_gap_is_tomorrow_minus_today_and_both_stay_within_twenty(scored):
    today = [t for t, _, _ in scored]
    tomorrow = [m for _, m, _ in scored]
    wts = [w for _, _, w in scored]
    result = CALCULATOR.run(wall(today, wts, tomorrow))
    assert 0 <= result.figure("score_today") <= 20
    assert 0 <= result.figure("score_tomorrow") <= 20
    assert result.figure("gap") == pytest.approx(
        result.figure("score_tomorrow") - result.figure("score_today"), abs=0.011
    )


@given(st.lists(st.tuples(scores, weights), min_size=1, max_size=10))
def test_doubling_every_weight_does_not_change_the_score_of_twenty(scored):
    today = [s for s, _ in scored]
    wts = [min(w, 2) for _, w in scored]
    base = CALCULATOR.run(wall(today, wts)).figure("score_today")
    doubled = CALCULATOR.run(wall(today, [2 * w for w in wts])).figure("score_today")
    assert doubled == pytest.approx(base, abs=0.01)


# --------------------------------------------------------------------------- the chart


def test_the_wall_draws_today_and_tomorrow_side_by_side_for_every_factor():
    import xml.etree.ElementTree as ET

    result = CALCULATOR.run(CALCULATOR.defaults("en"))
    (chart,) = result.charts
    assert chart.key == "today_tomorrow"
    ns = "{http://www.w3.org/2000/svg}"
    for lang in ("zh", "en"):
        root = ET.fromstring(chart.svg.get(lang))
        assert root.get("role") == "img"
        assert root.find(f"{ns}title").text == chart.title.get(lang)
    root = ET.fromstring(chart.svg.en)
    drawn = ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert drawn[:2] == ["Today", "Tomorrow"]
    # weighted points: people we know 3 x 1 today, 3 x 2 tomorrow; information sharing 2 x 1
    assert drawn[2:5] == ["People we know", "3", "6"]
    assert drawn[-5:-2] == ["Information sharing", "2", "2"]
    assert "People we know: Today 3, Tomorrow 6 (of 6)" in root.find(f"{ns}desc").text


def test_a_hostile_factor_name_is_drawn_as_text():
    import xml.etree.ElementTree as ET

    inputs = wall([1], [2], [2])
    inputs["factors"][0]["name"] = "<img src=x onerror=alert(1)>"
    svg = CALCULATOR.run(inputs).charts[0].svg.en
    assert "<img" not in svg and "&lt;img src=x onerror=alert(1)&gt;" in svg
    assert not [e for e in ET.fromstring(svg).iter() if e.tag.endswith("img")]
