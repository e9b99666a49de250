"""The debrief: groups' screening tables compared from their share links, disagreements first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError
from calculators.models.screening import CRITERIA
from calculators.workshop.debrief import CALCULATOR, pack_state, share_link, unpack_state

CRITERIA_ROWS = [{"name": c["name"], "weight": c["weight"]} for c in CRITERIA.default]


def table(points: dict[str, tuple[int, int, int, int]], criteria=CRITERIA_ROWS) -> dict:
    """A group's screening table as its share link holds it (cells as the form sends them)."""
    return {
        "criteria": [{k: str(v) for k, v in c.items()} for c in criteria],
        "prospects": [
            {"name": name, **{f"c{n + 1}": str(p) for n, p in enumerate(row)}}
            for name, row in points.items()
        ],
        "sort_by": "entered",
    }


def groups(*tables: dict, page: str = "http://127.0.0.1:8000/workshop/group-screening/") -> dict:
    return {
        "groups": [
            {"group": f"Group {n + 1}", "link": share_link(t, page)} for n, t in enumerate(tables)
        ]
    }


NORTHWIND = "Northwind"
FABRIKAM = "Fabrikam"
CONTOSO = "Contoso"


def test_comparing_three_groups_links_names_the_prospect_with_the_widest_spread():
    result = CALCULATOR.run(
        groups(
            table({NORTHWIND: (2, 2, 2, 2), FABRIKAM: (1, 1, 1, 1), CONTOSO: (0, 0, 1, 1)}),
            table({NORTHWIND: (2, 2, 2, 1), FABRIKAM: (2, 1, 1, 1), CONTOSO: (2, 2, 1, 1)}),
            table({NORTHWIND: (2, 2, 1, 2), FABRIKAM: (1, 1, 1, 2), CONTOSO: (1, 0, 1, 1)}),
        )
    )
    # Contoso: 4, 16 and 7 of 20, spread 12; the others move by 2 or 3
    assert result.figure("widest") == CONTOSO
    assert result.figure("widest_spread") == 12
    assert CONTOSO in result.verdict.label.en and CONTOSO in result.verdict.label.zh
    first = result.table("prospects").rows[0]
    assert first["prospect"] == CONTOSO and first["bands"].en == "Differ"
    assert first["g0"].en == "4 (put on hold)" and first["g1"].en == "16 (key prospect)"
    assert "Company type" in first["gap"].en and "Group 2 gave 2, Group 1 gave 0" in first["gap"].en
    assert CONTOSO in result.actions[0].en and "Group 2" in result.actions[0].en


def test_prospects_put_in_different_bands_come_before_wider_spreads_that_agree():
    result = CALCULATOR.run(
        groups(
            # Northwind: 20 and 16, both key (spread 4); Fabrikam: 8 and 7, invest vs hold (1)
            table({NORTHWIND: (2, 2, 2, 2), FABRIKAM: (1, 1, 0, 1)}),
            table({NORTHWIND: (2, 2, 1, 1), FABRIKAM: (1, 0, 1, 1)}),
        )
    )
    rows = result.table("prospects").rows
    assert [r["prospect"] for r in rows] == [FABRIKAM, NORTHWIND]
    assert result.figure("widest") == NORTHWIND  # the verdict still names the widest spread
    assert result.figure("bands_differ") == 1


def test_a_link_with_a_heading_anchor_or_other_text_around_it_is_read():
    state = table({NORTHWIND: (2, 2, 2, 2)})
    packed = pack_state(state)
    links = [
        f"http://127.0.0.1:8000/workshop/group-screening/#example=&ka.screening={packed}",
        f"  see: #ka.screening={packed} ",
    ]
    inputs = {"groups": [{"group": f"G{n}", "link": link} for n, link in enumerate(links)]}
    result = CALCULATOR.run(inputs)
    assert result.figure("widest_spread") == 0
    assert result.verdict.key == "agree"


def test_the_state_format_is_raw_deflate_in_base64url_without_padding():
    packed = pack_state({"a": "预算"})
    assert "=" not in packed and "+" not in packed and "/" not in packed
    assert unpack_state(packed) == {"a": "预算"}


def refused(inputs: dict) -> InputError:
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(inputs)
    return caught.value


def test_a_link_to_another_tool_is_refused_in_its_own_row_naming_the_tool():
    inputs = groups(table({NORTHWIND: (2, 2, 2, 2)}), table({NORTHWIND: (1, 1, 1, 1)}))
    inputs["groups"][1]["link"] = f"http://x/#ka.wall={pack_state({'factors': []})}"
    error = refused(inputs)
    assert (error.row, error.column) == (1, "link")
    # named by its title, as the reader knows it
    assert "'The wall: relationship strength'" in error.message.en
    assert "围墙" in error.message.zh and "wall" not in error.message.zh


def test_a_link_cut_short_is_refused_as_damaged():
    inputs = groups(table({NORTHWIND: (2, 2, 2, 2)}), table({NORTHWIND: (1, 1, 1, 1)}))
    inputs["groups"][0]["link"] = inputs["groups"][0]["link"][:-30]
    error = refused(inputs)
    assert error.row == 0 and "damaged" in error.message.en and "损坏" in error.message.zh


def test_a_link_without_any_table_says_what_to_paste():
    inputs = groups(table({NORTHWIND: (2, 2, 2, 2)}), table({NORTHWIND: (1, 1, 1, 1)}))
    inputs["groups"][1]["link"] = "http://127.0.0.1:8000/workshop/group-screening/"
    error = refused(inputs)
    assert error.row == 1 and "Share link on the screening scorecard" in error.message.en
    assert "#ka." not in error.message.en and "#ka." not in error.message.zh


def test_a_group_table_with_a_blank_cell_is_refused_with_the_scorecards_own_message():
    bad = table({NORTHWIND: (2, 2, 2, 2)})
    bad["prospects"][0]["c3"] = ""
    error = refused(groups(table({NORTHWIND: (1, 1, 1, 1)}), bad))
    assert error.row == 1 and "C3" in error.message.en


def test_two_groups_with_the_same_name_are_refused():
    inputs = groups(table({NORTHWIND: (2, 2, 2, 2)}), table({NORTHWIND: (1, 1, 1, 1)}))
    inputs["groups"][1]["group"] = " group 1 "
    error = refused(inputs)
    assert (error.row, error.column) == (1, "group") and "Groups 1 and 2" in error.message.en


def test_a_prospect_one_group_left_out_is_compared_among_those_who_scored_it():
    result = CALCULATOR.run(
        groups(
            table({NORTHWIND: (2, 2, 2, 2), FABRIKAM: (0, 0, 0, 0)}),
            table({"  northwind ": (1, 1, 1, 1)}),  # the same prospect, spelt loosely
        )
    )
    rows = {r["prospect"]: r for r in result.table("prospects").rows}
    assert set(rows) == {NORTHWIND, FABRIKAM}
    assert rows[FABRIKAM]["g1"] is None and rows[FABRIKAM]["spread"] == 0
    assert rows[NORTHWIND]["spread"] == 10
    assert any("Group 2" in line.en and FABRIKAM in line.en for line in result.reasoning)


def test_groups_with_their_own_criteria_are_compared_on_twenty_points():
    own = [{"name": "Budget", "weight": 1}, {"name": "Company type 公司类型", "weight": 1}]
    result = CALCULATOR.run(
        groups(
            table({NORTHWIND: (2, 2, 2, 2)}),
            {
                "criteria": own,
                "prospects": [{"name": NORTHWIND, "c1": 1, "c2": 1}],
            },
        )
    )
    assert result.figure("widest_spread") == 10  # 20 against 10 of 20
    assert result.table("prospects").rows[0]["gap"].en == "Same points everywhere"


def test_each_group_row_answers_with_its_count_of_key_prospects_and_its_first():
    result = CALCULATOR.run(CALCULATOR.defaults())
    rows = result.table("groups").rows
    assert [r["row"] for r in rows] == [0, 1, 2]
    assert all(r["prospects"] == 8 for r in rows)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(*[st.integers(0, 2)] * 4), min_size=3, max_size=3),
        min_size=2,
        max_size=4,
    )
)
def test_the_spread_is_the_distance_between_the_highest_and_lowest_group(points):
    names = [NORTHWIND, FABRIKAM, CONTOSO]
    tables = [table(dict(zip(names, group, strict=True))) for group in points]
    result = CALCULATOR.run(groups(*tables))
    for row in result.table("prospects").rows:
        scores = [float(row[f"g{g}"].en.split()[0]) for g in range(len(points))]
        assert row["spread"] == pytest.approx(max(scores) - min(scores), abs=0.01)
    widest = max(r["spread"] for r in result.table("prospects").rows)
    assert result.figure("widest_spread") == widest
    differ = [r["bands"].en == "Differ" for r in result.table("prospects").rows]
    assert differ == sorted(differ, reverse=True)  # different bands first


def test_the_groups_links_can_come_from_a_spreadsheet_exported_as_csv():
    """A room that collects its links in a shared sheet imports them with the table's CSV import."""
    import json

    from calculators import table_import_json

    links = groups(
        table({NORTHWIND: (2, 2, 2, 2), CONTOSO: (0, 0, 1, 1)}),
        table({NORTHWIND: (2, 2, 2, 1), CONTOSO: (2, 2, 1, 1)}),
    )["groups"]
    text = "组名,分享链接\n" + "\n".join(f'{g["group"]},"{g["link"]}"' for g in links)
    answer = json.loads(table_import_json("debrief", "groups", text.encode(), "links.csv"))
    assert answer["ok"], answer
    result = CALCULATOR.run({"groups": answer["rows"]})
    assert result.figure("widest") == CONTOSO


def _question_about(result, prospect: str):
    """The debrief question on ``prospect``, in English."""
    return next(a.en for a in result.actions if prospect in a.en and a.en.startswith("Ask"))


@pytest.mark.parametrize("extra", [(), ((2, 1, 2, 2),)], ids=["three groups", "four groups"])
def test_the_debrief_question_cites_a_cell_of_the_two_groups_it_asks(extra):
    # Group 1 scores Northwind highest, Group 2 lowest; yet the widest cell of all is between
    # Group 1 and Group 3 (company type: 2 against 0), not between the two groups asked.
    points = [(2, 2, 2, 2), (1, 1, 1, 0), (0, 2, 2, 2), *extra]
    result = CALCULATOR.run(groups(*(table({NORTHWIND: p}) for p in points)))
    row = result.table("prospects").rows[0]
    assert "Group 1 gave 2, Group 3 gave 0" in row["gap"].en  # the table: widest of all
    question = _question_about(result, NORTHWIND)
    assert question.startswith("Ask Group 1 and Group 2 why Northwind scores 20")
    cited = question.split("differ most:")[1]
    assert "Group 1 gave 2, Group 2 gave 0" in cited and "Group 3" not in cited
    zh = next(a.zh for a in result.actions if NORTHWIND in a.zh)
    assert zh.startswith("问 Group 1 和 Group 2：") and "Group 1 给 2 点，Group 2 给 0 点" in zh


def test_two_groups_asked_who_gave_the_same_points_are_asked_about_their_weights():
    light = [{**c, "weight": 1} if n == 0 else c for n, c in enumerate(CRITERIA_ROWS)]
    result = CALCULATOR.run(
        groups(table({NORTHWIND: (2, 0, 0, 0)}), table({NORTHWIND: (2, 0, 0, 0)}, light))
    )
    question = _question_about(result, NORTHWIND)
    assert "same points on every criterion they share" in question and "weights" in question


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*[st.integers(0, 2)] * 4), min_size=2, max_size=5))
def test_every_question_names_the_same_two_groups_in_its_cell(points):
    result = CALCULATOR.run(groups(*(table({NORTHWIND: p}) for p in points)))
    for action in result.actions:
        if not action.en.startswith("Ask") or "differ most:" not in action.en:
            continue
        asked = action.en.split(" why ")[0].removeprefix("Ask ").split(" and ")
        cited = action.en.split("differ most:")[1]
        named = {f"Group {n + 1}" for n in range(len(points)) if f"Group {n + 1} gave" in cited}
        assert named == set(asked)
