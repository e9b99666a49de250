"""The screening scorecard 筛选客户, as the methodology states it (raising-customer-value.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.screening import BANDS, CALCULATOR, band_for


def one_prospect(points: list[int], weights: list[int]) -> dict:
    """Inputs for a single prospect scored on len(weights) criteria."""
    criteria = [{"name": f"criterion {i + 1}", "weight": w} for i, w in enumerate(weights)]
    row = {"name": "Prospect", **{f"c{i + 1}": p for i, p in enumerate(points)}}
    return {"criteria": criteria, "prospects": [row]}


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "hold"),
        (7, "hold"),
        (7.99, "hold"),
        (8, "invest"),
        (14, "invest"),
        (14.01, "key"),
        (15, "key"),
        (20, "key"),
    ],
)
def test_the_twenty_point_bands_at_their_edges(score, band):
    assert band_for(score) == band


def test_twenty_points_is_a_key_prospect():
    result = CALCULATOR.run(one_prospect([2, 2, 2, 2], [3, 3, 2, 2]))
    assert result.figure("top_score") == 20
    assert result.verdict.key == "key"


def test_fourteen_of_twenty_needs_investment():
    # 3*2 + 3*2 + 2*1 + 2*0 = 14 on weights that make exactly 20
    result = CALCULATOR.run(one_prospect([2, 2, 1, 0], [3, 3, 2, 2]))
    assert result.figure("top_score") == 14
    assert result.verdict.key == "invest"
    assert "14 of 20 points" in result.reasoning[1].en


def test_seven_of_twenty_is_put_on_hold():
    result = CALCULATOR.run(one_prospect([1, 1, 0, 0], [3, 3, 2, 2]))
    assert result.figure("top_score") == 6
    assert result.verdict.key == "hold"


def test_weights_that_do_not_make_twenty_are_scaled_to_twenty():
    # weights 3+3 -> maximum 12; 9 of 12 is 15 of 20: a key prospect
    result = CALCULATOR.run(one_prospect([2, 1], [3, 3]))
    assert result.figure("maximum") == 12
    assert result.figure("top_score") == 15
    assert result.verdict.key == "key"


def test_all_weights_zero_cannot_form_a_total():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(one_prospect([2, 2], [0, 0]))
    assert caught.value.field == "criteria"
    assert caught.value.message.zh and caught.value.message.en


def test_a_missing_point_names_its_row_and_criterion():
    inputs = one_prospect([2, 2], [3, 3])
    del inputs["prospects"][0]["c2"]
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.field, caught.value.row, caught.value.column) == ("prospects", 0, "c2")


def test_three_points_on_a_criterion_is_out_of_range():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(one_prospect([3, 2], [3, 3]))
    assert caught.value.column == "c1"
    assert "0" in caught.value.message.en and "2" in caught.value.message.en


def test_the_group_exercise_ranks_all_eight_prospects():
    result = CALCULATOR.run(CALCULATOR.defaults())
    table = result.table("prospects")
    assert len(table.rows) == 8
    assert sorted(r["rank"] for r in table.rows) == list(range(1, 9))
    best = min(table.rows, key=lambda r: r["rank"])
    assert best["score"] == max(r["score"] for r in table.rows)


def test_equal_scores_keep_the_order_they_were_entered_in():
    inputs = one_prospect([2, 2], [1, 1])
    inputs["prospects"].append({"name": "Second", "c1": 2, "c2": 2})
    rows = CALCULATOR.run(inputs).table("prospects").rows
    assert [r["rank"] for r in rows] == [1, 2]


points = st.integers(min_value=0, max_value=2)
weights = st.integers(min_value=1, max_value=5)


@given(st.lists(st.tuples(points, weights), min_size=1, max_size=10), st.data())
def test_raising_one_criterion_never_lowers_the_band(scored, data):
    pts = [p for p, _ in scored]
    wts = [w for _, w in scored]
    i = data.draw(st.integers(min_value=0, max_value=len(pts) - 1))
    before = CALCULATOR.run(one_prospect(pts, wts))
    raised = pts.copy()
    raised[i] = min(2, raised[i] + 1)
    after = CALCULATOR.run(one_prospect(raised, wts))
    order = ["hold", "invest", "key"]
    assert order.index(after.verdict.key) >= order.index(before.verdict.key)
    assert after.figure("top_score") >= before.figure("top_score")


@given(
    st.lists(st.tuples(points, weights), min_size=1, max_size=10),
    st.integers(min_value=2, max_value=5),
)
def test_scaling_every_weight_does_not_change_the_score_of_twenty(scored, factor):
    pts = [p for p, _ in scored]
    wts = [w for _, w in scored]
    if max(wts) * factor > 5:
        factor = 1
    base = CALCULATOR.run(one_prospect(pts, wts)).figure("top_score")
    scaled = CALCULATOR.run(one_prospect(pts, [w * factor for w in wts])).figure("top_score")
    assert scaled == pytest.approx(base, abs=0.01)


# --------------------------------------------------------------------------- the chart


def test_the_scores_are_drawn_of_20_in_priority_order_with_the_8_and_14_edges():
    import xml.etree.ElementTree as ET

    result = CALCULATOR.run(CALCULATOR.defaults())
    (chart,) = result.charts
    assert chart.key == "scores"
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(chart.svg.en)
    assert root.get("role") == "img"
    drawn = ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    ranked = sorted(result.table("prospects").rows, key=lambda r: r["rank"])
    names = [t for t in drawn if t in {r["name"] for r in ranked}]
    assert names == [r["name"] for r in ranked]
    assert "8" in drawn and "14" in drawn and drawn[-1] == "20"
    edges = [e for e in root.iter(f"{ns}line") if e.get("stroke-dasharray")]
    assert len(edges) == 2
    assert ET.fromstring(chart.svg.zh).find(f"{ns}title").text == chart.title.zh


def test_a_long_prospect_list_charts_the_top_forty_and_tables_them_all():
    import xml.etree.ElementTree as ET

    inputs = CALCULATOR.defaults()
    inputs["prospects"] = [
        {"name": f"prospect-{i}", "c1": i % 3, "c2": (i // 3) % 3, "c3": 1, "c4": 0}
        for i in range(100)
    ]
    result = CALCULATOR.run(inputs)
    assert len(result.table("prospects").rows) == 100
    root = ET.fromstring(result.charts[0].svg.en)
    ns = "{http://www.w3.org/2000/svg}"
    drawn = [t.text for t in root.iter(f"{ns}text") if t.text and t.text.startswith("prospect-")]
    assert len(drawn) == 40
    assert "top 40 of 100" in root.find(f"{ns}desc").text


def test_every_prospect_gets_the_action_of_its_band():
    rows = CALCULATOR.run(CALCULATOR.defaults()).table("prospects").rows
    steps = {"key": "account plan", "invest": "Plan a visit", "hold": "next quarter"}
    for row in rows:
        band = next(b.key for b in BANDS if b.label == row["band"])
        assert steps[band] in row["action"].en


def test_sorted_by_score_the_result_reads_in_priority_order():
    inputs = {**CALCULATOR.defaults(), "sort_by": "score"}
    rows = CALCULATOR.run(inputs).table("prospects").rows
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_a_prospects_score_is_its_weighted_points_on_twenty():
    from calculators.models.screening import score_prospect, weighted_total

    assert weighted_total([3, 3, 2, 2], [2, 1, 0, 2]) == 13
    scored = score_prospect(0, "Acme", [5, 5, 5, 4, 1], [2, 1, 0, 0, 2, None])
    assert (scored.total, scored.score, scored.band) == (17, 8.5, "invest")


def test_priority_order_puts_the_highest_score_first_and_keeps_ties_as_entered():
    from calculators.models.screening import Scored, priority_order

    rows = [Scored(0, "A", 10, 10.0, "invest"), Scored(1, "B", 16, 16.0, "key")]
    rows.append(Scored(2, "C", 10, 10.0, "invest"))
    assert [s.name for s in priority_order(rows)] == ["B", "A", "C"]
