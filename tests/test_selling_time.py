"""How much time goes to selling? 一天中有多少时间用于销售 (raising-customer-value.txt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.selling_time import CALCULATOR, band_for


def day(**hours: float) -> dict:
    """The worked example with some inputs changed."""
    return {**CALCULATOR.defaults(), **hours}


def test_the_year_shrinks_from_365_to_225_then_150_then_142_days():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.figure("calendar_days") == 365
    assert result.figure("working_days") == 225
    assert result.figure("awake_days") == 150
    assert result.figure("selling_days") == 142
    assert "225 working days" in result.reasoning[0].en
    assert "150 days" in result.reasoning[1].en and "142 days left" in result.reasoning[1].en


def test_direct_selling_is_about_17_percent_of_the_year():
    result = CALCULATOR.run(CALCULATOR.defaults())
    assert result.figure("direct_hours_per_day") == 4.25
    assert result.figure("day_share_pct") == 42.5
    assert result.figure("direct_hours_per_year") == 603.5
    assert result.figure("direct_share_pct") == 16.53
    assert round(result.figure("direct_share_pct")) == 17
    assert result.verdict.key == "typical"


@pytest.mark.parametrize(
    ("share_pct", "band"),
    [
        (0, "low"),
        (9.99, "low"),
        (10, "typical"),
        (16.53, "typical"),
        (20, "typical"),
        (20.01, "high"),
        (100, "high"),
    ],
)
def test_the_share_bands_at_their_edges(share_pct, band):
    assert band_for(share_pct) == band


def test_a_day_filled_by_t2_to_t5_leaves_no_direct_selling():
    result = CALCULATOR.run(
        day(
            working_hours_per_day=8,
            indirect_selling_hours=3,
            travel_waiting_hours=3,
            admin_hours=1,
            private_hours=1,
        )
    )
    assert result.figure("direct_hours_per_day") == 0
    assert result.figure("direct_share_pct") == 0
    assert result.verdict.key == "low"


def test_more_selling_than_usual_when_the_day_is_mostly_customers():
    result = CALCULATOR.run(
        day(indirect_selling_hours=1, travel_waiting_hours=1, admin_hours=0.5, private_hours=0.5)
    )
    # 142/365 × 7/10 = 27.23%
    assert result.figure("direct_share_pct") == 27.23
    assert result.verdict.key == "high"


def test_the_largest_non_selling_block_is_named_with_a_way_to_cut_it():
    result = CALCULATOR.run(day(travel_waiting_hours=3))
    assert any("Travel and waiting (T3) is the largest" in a.en for a in result.actions)
    assert any("142 hours a year" in a.en for a in result.actions)


def test_the_day_table_splits_the_working_day_into_t1_to_t5():
    rows = CALCULATOR.run(CALCULATOR.defaults()).table("day").rows
    assert [r["part"].en.split()[0] for r in rows] == ["T1", "T2", "T3", "T4", "T5"]
    assert sum(r["hours"] for r in rows) == 10
    assert sum(r["share_pct"] for r in rows) == pytest.approx(100)


def test_t2_to_t5_beyond_the_working_day_are_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(day(working_hours_per_day=5))
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "indirect_selling_hours",
        "travel_waiting_hours",
        "admin_hours",
        "private_hours",
    }
    assert "5.75" in caught.value.message.en and caught.value.message.zh


def test_holidays_weekends_and_leave_beyond_the_year_are_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(day(leave_days=300))
    assert caught.value.field == "public_holiday_days"
    assert {p.field for p in caught.value.problems} >= {"leave_days", "weekend_days"}
    assert "415 days" in caught.value.message.en


def test_sleep_and_work_beyond_24_hours_are_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(day(sleep_hours_per_day=16))
    assert {p.field for p in caught.value.problems} == {
        "working_hours_per_day",
        "sleep_hours_per_day",
    }


def test_meetings_beyond_the_days_left_are_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(day(meetings_per_year=80, days_per_meeting=2))
    assert caught.value.field == "meetings_per_year"
    assert "160 days" in caught.value.message.en


def test_out_of_range_and_missing_inputs_are_rejected():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(day(sleep_hours_per_day=25))
    assert caught.value.field == "sleep_hours_per_day"
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(day(admin_hours=None))
    assert caught.value.field == "admin_hours"


def test_every_deduction_used_up_leaves_nothing_to_sell():
    result = CALCULATOR.run(day(leave_days=250, meetings_per_year=0))
    assert result.figure("working_days") == 0
    assert result.figure("direct_hours_per_year") == 0
    assert result.verdict.key == "low"


quarter_hours = st.integers(min_value=0, max_value=8).map(lambda q: q / 4)


@given(quarter_hours, quarter_hours, quarter_hours, quarter_hours, quarter_hours)
def test_more_time_on_t2_to_t5_never_raises_the_direct_selling_share(t2, t3, t4, t5, extra):
    base = day(indirect_selling_hours=t2, travel_waiting_hours=t3, admin_hours=t4, private_hours=t5)
    more = {**base, "admin_hours": t4 + extra}
    before = CALCULATOR.run(base)
    after = CALCULATOR.run(more)
    assert after.figure("direct_share_pct") <= before.figure("direct_share_pct")
    assert before.figure("direct_share_pct") <= before.figure("day_share_pct")
    assert before.figure("direct_hours_per_year") == pytest.approx(
        before.figure("selling_days") * before.figure("direct_hours_per_day"), abs=0.01
    )


@given(
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=10),
)
def test_each_day_off_shortens_the_chain(holidays, leave, meetings):
    base = CALCULATOR.run(
        day(public_holiday_days=holidays, leave_days=leave, meetings_per_year=meetings)
    )
    fewer = CALCULATOR.run(
        day(public_holiday_days=holidays, leave_days=leave + 1, meetings_per_year=meetings)
    )
    assert fewer.figure("working_days") == base.figure("working_days") - 1
    assert fewer.figure("selling_days") < base.figure("selling_days")
    assert (
        base.figure("calendar_days")
        >= base.figure("working_days")
        >= base.figure("awake_days")
        >= base.figure("selling_days")
    )
