"""Deal heat 成交热度: the stage-weighted forecast (raising-customer-value.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.deal_heat import CALCULATOR, STAGE_PROBABILITY, STAGES, next_stage


def pipeline(*deals: tuple[str, float], target: float | None = None) -> dict:
    """Inputs for deals given as (stage, amount_wan), with an optional target."""
    return {
        "deals": [
            {"name": f"Deal {i + 1}", "stage": stage, "amount_wan": amount}
            for i, (stage, amount) in enumerate(deals)
        ],
        "target_wan": target,
    }


def test_the_six_stages_carry_the_slides_heat_from_20_to_100_percent():
    assert dict(STAGE_PROBABILITY) == {
        "need_defined": 20,
        "quote_discussed": 40,
        "terms_negotiation": 60,
        "trial_agreed": 80,
        "final_selection": 90,
        "deposit_received": 100,
    }
    with pytest.raises(TypeError):
        STAGE_PROBABILITY["need_defined"] = 50  # type: ignore[index]


def test_the_stage_choices_are_labelled_in_both_languages():
    stage = CALCULATOR.field("deals").columns[1]
    assert [c.value for c in stage.choices] == list(STAGES)
    assert stage.choice("trial_agreed").label.zh.startswith("同意试用")
    assert "80%" in stage.choice("trial_agreed").label.en


def test_the_worked_example_forecasts_411_of_a_660_pipeline():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.figure("pipeline_wan") == 660
    assert result.figure("forecast_wan") == 411
    assert result.figure("forecast_share_pct") == 62.27
    assert result.figure("won_wan") == 60
    assert result.figure("coverage_pct") == 82.2
    assert result.figure("gap_wan") == 89
    assert result.verdict.key == "gap"


def test_moving_the_200_deal_from_terms_to_trial_is_the_largest_lift():
    result = CALCULATOR.run(CALCULATOR.defaults("en"))
    lift = result.actions[-1].en
    assert "United Power" in lift
    assert "'Trial agreed'" in lift and "adding 40" in lift
    rows = result.table("deals").rows
    assert max(r["lift_wan"] for r in rows) == 40


def test_each_stage_has_a_follow_up_towards_the_next():
    assert [next_stage(s) for s in STAGES] == [*STAGES[1:], None]
    rows = CALCULATOR.run(CALCULATOR.defaults()).table("deals").rows
    won = next(r for r in rows if r["heat_pct"] == 100)
    assert won["next_stage"] is None and won["lift_wan"] == 0
    first = next(r for r in rows if r["heat_pct"] == 20)
    assert first["next_heat_pct"] == 40 and first["lift_wan"] == 24


def test_a_forecast_exactly_at_the_target_covers_it():
    assert CALCULATOR.run(pipeline(("final_selection", 100), target=90)).verdict.key == "covered"


def test_a_forecast_a_little_below_the_target_is_a_gap_the_pipeline_can_close():
    result = CALCULATOR.run(pipeline(("final_selection", 100), target=90.01))
    assert result.verdict.key == "gap"
    assert result.figure("gap_wan") == 0.01


def test_deals_with_deposits_that_reach_the_target_secure_it():
    result = CALCULATOR.run(pipeline(("deposit_received", 300), ("need_defined", 100), target=300))
    assert result.verdict.key == "secured"


def test_a_pipeline_below_the_target_is_short_even_if_every_deal_closes():
    result = CALCULATOR.run(pipeline(("final_selection", 100), ("quote_discussed", 50), target=151))
    assert result.verdict.key == "short"
    assert any("1 short" in a.en for a in result.actions)


def test_a_pipeline_exactly_at_the_target_is_a_gap_not_short():
    result = CALCULATOR.run(pipeline(("final_selection", 100), ("quote_discussed", 50), target=150))
    assert result.verdict.key == "gap"


@pytest.mark.parametrize("blank", [None, ""])
def test_without_a_target_only_the_forecast_is_given(blank):
    result = CALCULATOR.run(pipeline(("trial_agreed", 100), target=blank))
    assert result.verdict.key == "no_target"
    assert result.figure("forecast_wan") == 80
    assert result.figure("coverage_pct") is None and result.figure("gap_wan") is None


def test_a_target_of_zero_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(pipeline(("trial_agreed", 100), target=0))
    assert caught.value.field == "target_wan"
    assert caught.value.message.zh and "blank" in caught.value.message.en


def test_an_unknown_stage_names_its_row():
    inputs = pipeline(("trial_agreed", 100), ("signed", 50))
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.field, caught.value.row, caught.value.column) == ("deals", 1, "stage")


def test_a_negative_amount_is_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(pipeline(("trial_agreed", -5)))
    assert caught.value.column == "amount_wan"


def test_a_pipeline_of_zero_amounts_has_no_forecast_share():
    result = CALCULATOR.run(pipeline(("trial_agreed", 0)))
    assert result.figure("forecast_share_pct") is None
    assert result.figure("forecast_wan") == 0


def test_deals_per_stage_count_every_deal_once():
    deals = [(STAGES[i % 6], 10 * i) for i in range(200)]
    result = CALCULATOR.run(pipeline(*deals))
    counts = [result.figure(f"deals_{s}") for s in STAGES]
    assert sum(counts) == result.figure("deals") == 200
    assert [r["deals"] for r in result.table("stages").rows] == counts


stage = st.sampled_from(STAGES)
amount = st.integers(min_value=0, max_value=10_000)
deals = st.lists(st.tuples(stage, amount), min_size=1, max_size=15)


@given(deals)
def test_the_forecast_is_the_sum_of_heat_times_amount_and_never_exceeds_the_pipeline(rows):
    result = CALCULATOR.run(pipeline(*rows))
    expected = sum(STAGE_PROBABILITY[s] * a / 100 for s, a in rows)
    assert result.figure("forecast_wan") == pytest.approx(expected, abs=0.01)
    assert (
        result.figure("won_wan") <= result.figure("forecast_wan") <= result.figure("pipeline_wan")
    )


@given(deals, st.data())
def test_moving_a_deal_to_its_next_stage_never_lowers_the_forecast(rows, data):
    i = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    before = CALCULATOR.run(pipeline(*rows)).figure("forecast_wan")
    advanced = rows.copy()
    advanced[i] = (next_stage(rows[i][0]) or rows[i][0], rows[i][1])
    after = CALCULATOR.run(pipeline(*advanced)).figure("forecast_wan")
    assert after >= before


@given(deals, st.integers(min_value=2, max_value=10))
def test_scaling_every_amount_scales_the_forecast(rows, factor):
    base = CALCULATOR.run(pipeline(*rows)).figure("forecast_wan")
    scaled = CALCULATOR.run(pipeline(*[(s, a * factor) for s, a in rows])).figure("forecast_wan")
    assert scaled == pytest.approx(base * factor, abs=0.01 * factor)
