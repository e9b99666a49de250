"""Buying-group coverage 购买决策群 from the contact table 表3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.decision_unit import CALCULATOR, band_for

ROLES = [
    "project_lead",
    "purchaser",
    "information_collector",
    "influencer",
    "technical_selector",
    "boss",
]
DEPARTMENTS = ["purchasing", "user", "finance", "technical", "boss_office"]
RELATIONSHIPS = ["first_contact", "can_talk", "get_on_well", "very_good"]
INFLUENCE = ["ordinary", "core", "organiser", "decision_maker"]


def contact(name, role, department, relationship="can_talk", influence="core"):
    return {
        "name": name,
        "role": role,
        "department": department,
        "relationship": relationship,
        "influence": influence,
    }


def whole_group(relationship="can_talk"):
    """Six contacts covering every role and every department, the boss deciding."""
    return {
        "contacts": [
            contact("lead", "project_lead", "technical", relationship, "organiser"),
            contact("buyer", "purchaser", "purchasing", relationship),
            contact("collector", "information_collector", "user", relationship, "ordinary"),
            contact("cfo", "influencer", "finance", relationship),
            contact("engineer", "technical_selector", "technical", relationship),
            contact("boss", "boss", "boss_office", relationship, "decision_maker"),
        ]
    }


@pytest.mark.parametrize(
    ("coverage", "decider", "band"),
    [
        (100, True, "broad"),
        (80, True, "broad"),
        (79.99, True, "partial"),
        (100, False, "partial"),
        (50, True, "partial"),
        (49.99, True, "narrow"),
        (0, False, "narrow"),
    ],
)
def test_the_coverage_bands_at_their_edges(coverage, decider, band):
    assert band_for(coverage, decider) == band


def test_every_role_and_department_with_a_decider_is_broad_coverage():
    result = CALCULATOR.run(whole_group())
    assert result.figure("coverage_pct") == 100
    assert result.verdict.key == "broad"
    assert not any(a.en.startswith(("Find the", "Meet someone in")) for a in result.actions)


def test_the_worked_buying_group_is_partly_covered_with_a_cold_boss():
    result = CALCULATOR.run(CALCULATOR.defaults())
    # roles 4 of 6 (no project lead, no influencer), departments 4 of 5 (no finance)
    assert (result.figure("roles_covered"), result.figure("departments_covered")) == (4, 4)
    assert result.figure("coverage_pct") == 72.73
    assert result.verdict.key == "partial"
    # 2*3 + 2*2 + 1*4 + 1*2 + 4*1 = 20 of (2+2+1+1+4)*4 = 40
    assert result.figure("relationship_strength_pct") == 50
    assert result.figure("decision_makers_at_first_contact") == 1
    assert "陈总, a decision maker, is only at first contact." in [t.en for t in result.reasoning]


def test_the_decision_maker_we_only_just_met_is_the_first_to_meet():
    result = CALCULATOR.run(CALCULATOR.defaults())
    order = {r["name"]: r["meet_next"] for r in result.table("contacts").rows}
    assert order == {"陈总": 1, "李工": 2, "王经理": 3, "张主管": None, "周工": None}
    first_meeting = next(a for a in result.actions if a.en.startswith("Meet 陈总"))
    assert "ask 张主管 to introduce you" in first_meeting.en
    assert "return on the investment" in first_meeting.en


def test_missing_roles_and_departments_each_get_an_action_naming_their_concerns():
    actions = [a.en for a in CALCULATOR.run(CALCULATOR.defaults()).actions]
    assert any(a.startswith("Find the project lead") for a in actions)
    assert any(a.startswith("Find the influencer") for a in actions)
    finance = next(a for a in actions if a.startswith("Meet someone in the finance department"))
    assert "budget" in finance


def test_without_a_decision_maker_full_coverage_is_only_partial():
    inputs = whole_group()
    inputs["contacts"][-1]["influence"] = "organiser"
    result = CALCULATOR.run(inputs)
    assert result.figure("coverage_pct") == 100
    assert result.verdict.key == "partial"
    assert any(a.en.startswith("Find the decision maker") for a in result.actions)


def test_a_single_contact_is_narrow_coverage():
    result = CALCULATOR.run({"contacts": [contact("王经理", "purchaser", "purchasing")]})
    assert result.figure("coverage_pct") == 18.18
    assert result.verdict.key == "narrow"


def test_everyone_very_good_is_full_strength_and_nobody_left_to_meet():
    result = CALCULATOR.run(whole_group("very_good"))
    assert result.figure("relationship_strength_pct") == 100
    assert all(r["meet_next"] is None for r in result.table("contacts").rows)


def test_everyone_at_first_contact_is_a_quarter_strength_with_no_introducer():
    result = CALCULATOR.run(whole_group("first_contact"))
    assert result.figure("relationship_strength_pct") == 25
    assert not any("introduce you" in a.en for a in result.actions)


def test_at_most_three_contacts_are_named_to_meet_next():
    result = CALCULATOR.run(whole_group("first_contact"))
    named = [r["meet_next"] for r in result.table("contacts").rows if r["meet_next"]]
    assert sorted(named) == [1, 2, 3]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("role", "cleaner"),
        ("department", "canteen"),
        ("relationship", "enemy"),
        ("influence", "king"),
    ],
)
def test_a_value_outside_the_contact_table_choices_is_refused(column, value):
    inputs = whole_group()
    inputs["contacts"][2][column] = value
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.field, caught.value.row, caught.value.column) == ("contacts", 2, column)


def test_a_contact_without_a_name_is_refused():
    inputs = whole_group()
    inputs["contacts"][0]["name"] = ""
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    assert (caught.value.row, caught.value.column) == (0, "name")


def test_no_contacts_at_all_is_refused():
    with pytest.raises(InputError) as caught:
        CALCULATOR.run({"contacts": []})
    assert caught.value.field == "contacts"


def test_two_hundred_contacts_run_the_same_code():
    contacts = [
        contact(f"c{i}", ROLES[i % 6], DEPARTMENTS[i % 5], RELATIONSHIPS[i % 4], INFLUENCE[i % 4])
        for i in range(200)
    ]
    result = CALCULATOR.run({"contacts": contacts})
    assert result.figure("coverage_pct") == 100
    assert len(result.table("contacts").rows) == 200
    assert len(result.actions) <= 1 + 1 + 3 + 6 + 5


contacts_strategy = st.lists(
    st.builds(
        contact,
        st.just("x"),
        st.sampled_from(ROLES),
        st.sampled_from(DEPARTMENTS),
        st.sampled_from(RELATIONSHIPS),
        st.sampled_from(INFLUENCE),
    ),
    min_size=1,
    max_size=15,
)


@given(contacts_strategy, st.data())
def test_warming_one_relationship_never_lowers_strength(contacts, data):
    i = data.draw(st.integers(min_value=0, max_value=len(contacts) - 1))
    before = CALCULATOR.run({"contacts": contacts})
    warmer = [dict(c) for c in contacts]
    step = RELATIONSHIPS.index(warmer[i]["relationship"])
    warmer[i]["relationship"] = RELATIONSHIPS[min(3, step + 1)]
    after = CALCULATOR.run({"contacts": warmer})
    assert after.figure("relationship_strength_pct") >= before.figure("relationship_strength_pct")
    assert after.verdict.key == before.verdict.key


@given(contacts_strategy, st.sampled_from(ROLES), st.sampled_from(DEPARTMENTS))
def test_adding_a_contact_never_lowers_coverage(contacts, role, department):
    before = CALCULATOR.run({"contacts": contacts})
    after = CALCULATOR.run({"contacts": [*contacts, contact("new", role, department)]})
    order = ["narrow", "partial", "broad"]
    assert after.figure("coverage_pct") >= before.figure("coverage_pct")
    assert order.index(after.verdict.key) >= order.index(before.verdict.key)
    assert 0 <= after.figure("relationship_strength_pct") <= 100
