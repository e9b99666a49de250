"""The pipeline board 销售漏斗看板: deal heat, expected value, grading and funnel shape on one
deal list, each by its own model's rules."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, score_json
from calculators.models import deal_heat as heat_model
from calculators.models import funnel_grading as grading_model
from calculators.models import funnel_shape as shape_model
from calculators.models.deal_heat import STAGE_PROBABILITY, STAGES
from calculators.models.expected_value import expected_value
from calculators.models.funnel_grading import SITUATIONS
from calculators.workshop.pipeline import CALCULATOR, LABELLED_DEALS

NS = "{http://www.w3.org/2000/svg}"
TIMED = [key for key, s in SITUATIONS.items() if s.effect != "force"]


def deal(name, stage, amount, months=3, situation="none"):
    return {
        "name": name,
        "stage": stage,
        "amount_wan": amount,
        "months_to_close": months,
        "situation": situation,
    }


def board(*deals, target=None):
    return {"deals": list(deals), "target_wan": target}


def many_deals(count: int) -> list[dict]:
    """A rep's pipeline: every stage, every grade, amounts of all sizes (deterministic)."""
    months = [1, 4, 6, 8, 12, 14, 18, 24, 30]
    return [
        deal(
            f"客户 {i} Customer {i}",
            STAGES[(i * 5) % len(STAGES)],
            (i * 37) % 400 + 5,
            months[(i * 7) % len(months)],
            TIMED[(i * 3) % len(TIMED)],
        )
        for i in range(count)
    ]


deal_lists = st.lists(
    st.builds(
        deal,
        name=st.sampled_from(["ABC公司", "USA企业", "Acme", "巨人塑料"]),
        stage=st.sampled_from(STAGES),
        amount=st.floats(min_value=0, max_value=100_000, allow_nan=False).map(
            lambda a: round(a, 2)
        ),
        months=st.floats(min_value=0, max_value=40).map(lambda m: round(m, 1)),
        situation=st.sampled_from(list(SITUATIONS)),
    ),
    min_size=1,
    max_size=40,
)


# ------------------------------------------------------------------------ the worked example


def test_the_worked_board_forecasts_607_of_a_1340_pipeline_short_of_800():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.figure("deals") == 10
    assert result.figure("pipeline_wan") == 1340
    assert result.figure("forecast_wan") == 607
    assert result.figure("won_wan") == 60
    assert result.figure("coverage_pct") == 75.88
    assert result.figure("gap_wan") == 193
    assert result.verdict.key == "gap"
    assert result.verdict.label.en.endswith("funnel: follow-up only")


def test_the_worked_board_covers_every_stage_and_every_grade():
    defaults = CALCULATOR.defaults()["deals"]
    assert {d["stage"] for d in defaults} == set(STAGES)
    result = CALCULATOR.run(CALCULATOR.defaults())
    counts = [result.figure(g) for g in ("a", "b", "c", "d")]
    assert counts == [3, 3, 2, 2]


def test_the_worked_board_ranks_the_90_percent_deal_above_the_largest_one():
    result = CALCULATOR.run(CALCULATOR.defaults())
    rows = result.table("deals").rows
    assert rows[0]["name"].startswith("金桥制药") and rows[0]["expected_wan"] == 135
    # 200 x 60% and 300 x 40% tie at 120: the one entered first ranks first
    assert [r["name"][:4] for r in rows[1:3]] == ["联合电力", "北方电气"]
    assert any(
        "the largest deal, 北方电气" in line.en and "ranks 3rd" in line.en
        for line in result.reasoning
    )


def test_the_worked_board_names_the_three_largest_lifts_with_their_grades():
    result = CALCULATOR.run(CALCULATOR.defaults())
    follow_ups = [a.en for a in result.actions if a.en.startswith("Heat-raising follow-up")]
    assert len(follow_ups) == 3
    assert "(grade C): move 北方电气" in follow_ups[0] and "adding 60" in follow_ups[0]
    assert "(grade D): move 星辰电子" in follow_ups[1] and "adding 50" in follow_ups[1]
    assert "(grade B): move 联合电力" in follow_ups[2] and "adding 40" in follow_ups[2]


def test_every_present_grade_gets_its_strategy_and_the_shape_its_advice():
    result = CALCULATOR.run(CALCULATOR.defaults())
    actions = [a.en for a in result.actions]
    for grade in "ABCD":
        assert grading_model.grade_action(grade, 3 if grade in "AB" else 2).en in actions
    for advice in shape_model.SHAPE_ADVICE["follow_up_only"]:
        assert f"Follow-up only: {advice.en}" in actions


# ------------------------------------------------------------------------ the forecast


@given(deal_lists)
def test_the_forecast_is_the_sum_of_heat_times_amount(deals):
    for d in deals:
        d["situation"] = "none"
    result = CALCULATOR.run(board(*deals))
    exact = sum(STAGE_PROBABILITY[d["stage"]] * d["amount_wan"] / 100 for d in deals)
    assert math.isclose(result.figure("forecast_wan"), exact, abs_tol=0.005 * (len(deals) + 1))
    column = sum(r["expected_wan"] for r in result.table("deals").rows)
    assert result.figure("forecast_wan") == pytest.approx(round(column, 2), abs=1e-9)
    assert result.figure("pipeline_wan") == pytest.approx(
        round(sum(d["amount_wan"] for d in deals), 2), abs=1e-9
    )


@given(deal_lists, st.one_of(st.none(), st.floats(min_value=1, max_value=1e6)))
def test_the_forecast_and_its_verdict_are_deal_heats(deals, target):
    for d in deals:
        d["situation"] = "none"
    result = CALCULATOR.run(board(*deals, target=target))
    heat = heat_model.CALCULATOR.run(
        {
            "deals": [{k: d[k] for k in ("name", "stage", "amount_wan")} for d in deals],
            "target_wan": target,
        }
    )
    assert result.verdict.key == heat.verdict.key
    for key in ("pipeline_wan", "forecast_wan", "won_wan", "coverage_pct", "gap_wan"):
        assert result.figure(key) == heat.figure(key), key


# ------------------------------------------------------------------------ expected-value order


@given(deal_lists)
def test_deals_are_listed_by_expected_value_heat_times_amount(deals):
    for d in deals:
        d["situation"] = "none"
    rows = CALCULATOR.run(board(*deals)).table("deals").rows
    assert [r["rank"] for r in rows] == list(range(1, len(deals) + 1))
    values = [r["expected_wan"] for r in rows]
    assert values == sorted(values, reverse=True)
    for row in rows:
        assert row["expected_wan"] == pytest.approx(
            expected_value(row["heat_pct"], row["amount_wan"]), abs=0.011
        )
        assert (
            row["heat_pct"]
            == STAGE_PROBABILITY[
                next(s for s in STAGES if heat_model.STAGE_LABELS[s] == row["stage"])
            ]
        )


def test_equal_expected_values_keep_the_order_entered():
    result = CALCULATOR.run(
        board(
            deal("first", "need_defined", 100),  # 20
            deal("second", "quote_discussed", 50),  # 20
            deal("third", "final_selection", 10),  # 9
        )
    )
    assert [r["name"] for r in result.table("deals").rows] == ["first", "second", "third"]


def test_a_likelier_smaller_deal_outranks_a_big_cold_one():
    result = CALCULATOR.run(
        board(deal("big cold", "need_defined", 200), deal("small hot", "final_selection", 50))
    )
    assert result.figure("top_deal") == "small hot"


# ------------------------------------------------------------------------ grades and layers


@given(deal_lists)
def test_the_grade_counts_add_up_to_the_deals_and_match_funnel_grading(deals):
    for d in deals:
        if SITUATIONS[d["situation"]].effect != "force" and d["months_to_close"] is None:
            d["months_to_close"] = 3
    result = CALCULATOR.run(board(*deals))
    counts = [result.figure(g) for g in ("a", "b", "c", "d")]
    assert sum(counts) == len(deals) == result.figure("deals")
    graded = grading_model.CALCULATOR.run(
        {"deals": [{k: d[k] for k in ("name", "months_to_close", "situation")} for d in deals]}
    )
    assert counts == [graded.figure(g) for g in ("a", "b", "c", "d")]
    by_grade = {r["grade"].en: r["deals"] for r in result.table("grades").rows}
    assert list(by_grade.values()) == counts


@settings(max_examples=60)
@given(
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=12),
)
def test_the_shape_is_funnel_shapes_on_the_layers_the_grades_fill(a, b, c, d):
    if a + b + c + d == 0:
        d = 1
    months = {"A": 3, "B": 9, "C": 15, "D": 24}
    deals = [
        deal(f"{grade}{i}", "need_defined", 10, months[grade])
        for grade, count in zip("ABCD", (a, b, c, d), strict=True)
        for i in range(count)
    ]
    result = CALCULATOR.run(board(*deals))
    shape = shape_model.CALCULATOR.run(
        {
            "searching_customers": d,
            "funnel_customers": b + c,
            "best_state_customers": a,
            "won_deals": None,
        }
    )
    assert result.verdict.label.en.endswith(
        f"funnel: {shape_model.SHAPES[shape.verdict.key].en.lower()}"
    )
    advice = [f"{shape_model.SHAPES[shape.verdict.key].en}: {t.en}" for t in shape.actions]
    assert [a.en for a in result.actions][-len(advice) :] == advice


def test_d_is_searching_b_and_c_are_in_the_funnel_a_is_the_best_state():
    rows = CALCULATOR.run(CALCULATOR.defaults()).table("grades").rows
    assert [(r["grade"].en, r["layer"].en) for r in rows] == [
        ("Grade A", "Best state"),
        ("Grade B", "In the funnel"),
        ("Grade C", "In the funnel"),
        ("Grade D", "Searching"),
    ]


# ------------------------------------------------------------------------ charts


def svg_of(result, key: str, lang: str = "en") -> ET.Element:
    chart = next(c for c in result.charts if c.key == key)
    return ET.fromstring(chart.svg.get(lang))


def test_the_board_draws_the_funnel_and_the_value_by_heat_grid_in_both_languages():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert [c.key for c in result.charts] == ["funnel", "grid"]
    for chart in result.charts:
        for lang in ("zh", "en"):
            root = ET.fromstring(chart.svg.get(lang))
            assert root.get("role") == "img"
            assert root.find(f"{NS}title").text == chart.title.get(lang)
    funnel = ["".join(t.itertext()) for t in svg_of(result, "funnel").iter(f"{NS}text")]
    assert "Searching (D): 2" in funnel
    assert "In the funnel (B + C): 5" in funnel
    assert "Best state (A): 3" in funnel


def test_the_grid_has_one_dot_per_deal_and_labels_only_the_top_ten():
    result = CALCULATOR.run(board(*many_deals(60)))
    root = svg_of(result, "grid")
    markers = [e for e in root.iter() if e.get("stroke-width") == "0.6"]
    legend_markers = 4
    # one path a grade, each holding its deals' markers: a handful of elements for any count
    assert sum(e.get("d").count("M") for e in markers) == 60 + legend_markers
    assert len(markers) <= 4 + legend_markers
    rows = result.table("deals").rows
    drawn = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    labelled = [t for t in drawn if t.split(" ")[0].isdigit() and " " in t]
    ranks = {int(t.split(" ")[0]) for t in labelled}
    assert ranks and max(ranks) <= LABELLED_DEALS
    assert not any(rows[n]["name"] in " ".join(drawn) for n in range(LABELLED_DEALS, 60))


def test_a_hostile_deal_name_is_text_in_every_chart_and_table():
    attack = "<img src=x onerror=alert(1)>"
    result = CALCULATOR.run(
        board(deal(attack, "final_selection", 100), deal("b", "need_defined", 5))
    )
    for chart in result.charts:
        for lang in ("zh", "en"):
            svg = chart.svg.get(lang)
            assert "<img" not in svg
            root = ET.fromstring(svg)
            assert not [e for e in root.iter() if e.tag.endswith("img")]
    assert "&lt;img" in result.charts[1].svg.en


def test_the_same_board_draws_the_same_bytes():
    inputs = board(*many_deals(50), target=3000)
    assert CALCULATOR.run(inputs).to_dict() == CALCULATOR.run(inputs).to_dict()


# ------------------------------------------------------------------------ size


@pytest.mark.parametrize("count", [1, 200, 500])
def test_a_pipeline_of_any_size_computes(count):
    # how fast is measured by scripts/bench.py (a 200-deal board in the browser), not asserted
    inputs = board(*many_deals(count), target=10_000)
    result = CALCULATOR.run(inputs)
    assert result.figure("deals") == count
    assert len(result.table("deals").rows) == count
    assert sum(result.figure(g) for g in ("a", "b", "c", "d")) == count
    # the narrative stays a handful of lines however long the list
    assert len(result.reasoning) <= 12
    assert len(result.actions) <= 12


def test_the_page_lists_the_first_200_ranked_deals_of_a_long_board_and_says_how_many():
    inputs = board(*many_deals(500), target=10_000)
    ranked = CALCULATOR.run(inputs).to_dict()["tables"][0]["rows"]
    answer = json.loads(score_json("pipeline", json.dumps(inputs), "en"))
    table = answer["result"]["tables"][0]
    assert table["rows"] == ranked[:200] and table["rows_total"] == 500
    key = table["key"]
    listed = answer["html"].split(f'data-table="{key}"')[1].split("</table>")[0]
    assert listed.count("<tr>") == 1 + 200  # the header row and the first 200
    assert "The first 200 of 500 rows are listed here." in answer["html"]
    zh = json.loads(score_json("pipeline", json.dumps(inputs), "zh"))["html"]
    assert "这里列出前 200 行，共 500 行。" in zh
    # every deal's own result still comes with the answer, for its row of the form
    assert len(answer["form"]["tables"][0]["results"]) == 500
    assert answer["result"]["figures"] == CALCULATOR.run(inputs).to_dict()["figures"]


def test_a_single_deal_is_a_board_too():
    result = CALCULATOR.run(board(deal("only", "trial_agreed", 50, 2)))
    assert result.figure("forecast_wan") == 40
    assert result.figure("top_deal") == "only"
    assert result.verdict.key == "no_target"


# ------------------------------------------------------------------------ bad input


def test_a_target_of_zero_is_refused_as_deal_heat_refuses_it():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(board(deal("a", "need_defined", 10), target=0))
    assert caught.value.field == "target_wan"


def test_missing_months_are_refused_row_by_row_unless_the_situation_decides():
    inputs = board(
        deal("fine", "need_defined", 10, None, "denies_need"),
        deal("missing", "need_defined", 10, None, "none"),
        deal("also missing", "quote_discussed", 10, None, "no_urgency"),
    )
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    problems = caught.value.problems
    assert [(p.field, p.row, p.column) for p in problems] == [
        ("deals", 1, "months_to_close"),
        ("deals", 2, "months_to_close"),
    ]
    assert "missing" in problems[0].message.en and problems[0].message.zh


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("stage", "won_already"),
        ("amount_wan", -1),
        ("amount_wan", "lots"),
        ("months_to_close", -2),
        ("situation", "unknown"),
        ("name", ""),
    ],
)
def test_a_bad_cell_names_its_row_and_column(column, value):
    inputs = board(deal("a", "need_defined", 10), deal("b", "need_defined", 10))
    inputs["deals"][1][column] = value
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.field, caught.value.row, caught.value.column) == ("deals", 1, column)


def test_an_empty_board_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(board())
    assert caught.value.field == "deals"


def test_the_board_reuses_the_models_own_columns():
    columns = {c.key: c for c in CALCULATOR.field("deals").columns}
    heat_columns = {c.key: c for c in heat_model.DEALS.columns}
    grade_columns = {c.key: c for c in grading_model.DEALS.columns}
    assert columns["stage"] is heat_columns["stage"]
    assert columns["amount_wan"] is heat_columns["amount_wan"]
    assert columns["months_to_close"] is grade_columns["months_to_close"]
    assert columns["situation"] is grade_columns["situation"]
    assert CALCULATOR.kind == "tool"
