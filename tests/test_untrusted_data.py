"""Data from outside, bounded before it is parsed: a group's link, the page's JSON, a settings
file and a stage map that nest thousands deep or unpack to gigabytes get the one input error,
never a RecursionError (in the browser, "Maximum call stack size exceeded" takes Python down);
and whatever a form holds exports to a CSV and a workbook that open."""

from __future__ import annotations

import base64
import io
import json
import time
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import REGISTRY, InputError, score_json, table_export_json
from calculators.cli.__main__ import EXIT_BAD_INPUT, main
from calculators.core._untrusted import (
    MAX_JSON_DEPTH,
    MAX_UNPACKED_CHARS,
    Untrusted,
    _depth,
    check_json,
    unpack_link_state,
)
from calculators.workshop.debrief import pack_state

DEBRIEF = REGISTRY["debrief"]


def packed(text: str) -> str:
    """``text`` packed as the site's share button packs a state."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = deflate.compress(text.encode("utf-8")) + deflate.flush()
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def debrief_with_link(link: str) -> dict:
    inputs = DEBRIEF.defaults("en")
    inputs["groups"][0]["link"] = link
    return inputs


def group_link_error(link: str) -> dict:
    answer = json.loads(score_json("debrief", json.dumps(debrief_with_link(link)), "en"))
    assert answer["ok"] is False
    (problem,) = answer["error"]["problems"]
    assert (problem["field"], problem["row"], problem["column"]) == ("groups", 0, "link")
    return problem["message"]


@pytest.mark.parametrize("levels", [1_000, 3_000, 5_000, 100_000])
def test_a_group_link_nesting_thousands_of_brackets_is_a_clear_error_on_its_row(levels):
    link = "https://room.example/workshop/#ka.screening=" + packed("[" * levels + "]" * levels)
    message = group_link_error(link)
    assert f"more than {MAX_JSON_DEPTH} levels deep" in message["en"]
    assert f"嵌套超过 {MAX_JSON_DEPTH} 层" in message["zh"]


def test_a_955_character_debrief_link_that_nests_5000_deep_does_not_reach_the_json_reader():
    """The issue's link: short enough to paste anywhere, deep enough to crash the page."""
    state = packed("[" * 5_000 + "]" * 5_000)
    assert len(state) < 955
    with pytest.raises(Untrusted):
        unpack_link_state(state)


def test_a_group_link_that_unpacks_to_gigabytes_is_refused_before_it_is_unpacked():
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = bomb.compress(b" " * 200_000_000) + bomb.flush()  # 200 MB of spaces in ~200 kB
    link = "#ka.screening=" + base64.urlsafe_b64encode(data).decode().rstrip("=")
    started = time.process_time()
    message = group_link_error(link[:20_000])  # the field's own limit: only its start is read
    assert "damaged" in message["en"] or f"{MAX_UNPACKED_CHARS:,}" in message["en"]
    with pytest.raises(Untrusted) as refused:
        unpack_link_state(link.split("=", 1)[1], max_chars=1_000_000)
    assert f"{MAX_UNPACKED_CHARS:,}" in refused.value.en
    assert time.process_time() - started < 5  # never inflated whole (a safety net, not speed)


def test_a_group_link_cut_short_is_still_damaged_and_a_whole_one_still_reads():
    good = pack_state(REGISTRY["screening"].defaults("en"))
    assert unpack_link_state(good) == REGISTRY["screening"].defaults("en")
    assert "damaged" in group_link_error("#ka.screening=" + good[: len(good) // 2])["en"]


@pytest.mark.parametrize("text", ["[" * 5_000, '{"a": ' * 5_000 + "1" + "}" * 5_000])
def test_the_pages_json_nesting_thousands_deep_is_the_one_input_error(text):
    answer = json.loads(score_json("screening", text, "en"))
    assert answer["ok"] is False
    assert f"more than {MAX_JSON_DEPTH} levels deep" in answer["error"]["message"]["en"]


#: JSON values whose strings hold what could confuse a count of brackets: quotes, backslashes,
#: brackets and escapes of every kind.
TRICKY_TEXT = st.text(alphabet=st.sampled_from('[]{}"\\/nu0aé中\n\t'), max_size=8)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TRICKY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TRICKY_TEXT, inner, max_size=3),
    max_leaves=30,
)


def nesting(value) -> int:
    """How deep a parsed value nests: what the check must find without parsing."""
    if isinstance(value, list):
        return 1 + max(map(nesting, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(nesting, value.values()), default=0)
    return 0


@given(JSON_VALUES, st.booleans())
def test_the_depth_is_counted_outside_strings_whatever_they_hold(value, ascii_only):
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert _depth(text) == nesting(value)


def test_brackets_inside_a_string_never_count_and_unbalanced_ones_outside_do():
    assert _depth(json.dumps(["[[[[" * 100, '\\"{{{{' * 100])) == 1
    with pytest.raises(Untrusted):
        check_json(r'"\\"' + "[" * (MAX_JSON_DEPTH + 1))  # a string of one backslash, then deep


def test_a_settings_file_nesting_thousands_deep_is_refused_on_the_command_line(tmp_path, capsys):
    table = tmp_path / "prospects.csv"
    table.write_text("name,c1,c2,c3,c4\nAcme,5,5,5,5\n", encoding="utf-8")
    settings = tmp_path / "settings.json"
    settings.write_text('{"a": ' * 5_000 + "1" + "}" * 5_000, encoding="utf-8")
    status = main(["run", "screening", str(table), "--settings", str(settings)])
    assert status == EXIT_BAD_INPUT
    assert "levels deep" in capsys.readouterr().err


def test_a_stage_map_nesting_thousands_deep_is_refused(tmp_path):
    from calculators.tables import read_stage_map

    stage = REGISTRY["deal_heat"].field("deals")
    column = next(c for c in stage.columns if c.key == "stage")
    with pytest.raises(InputError) as refused:
        read_stage_map('{"a": ' * 5_000 + '"b"' + "}" * 5_000, column)
    assert "levels deep" in refused.value.to_dict()["message"]["en"]


# ------------------------------------------------------------------------ one rule for text

NOT_TEXT = {"a control character": "Acme\x01 Ltd", "a lone surrogate": "Acme \ud800 Ltd"}
#: What an export writes instead: each such character replaced by U+FFFD, the rest kept.
AS_EXPORTED = {"a control character": "Acme\ufffd Ltd", "a lone surrogate": "Acme \ufffd Ltd"}


@pytest.mark.parametrize("case", list(NOT_TEXT), ids=list(NOT_TEXT))
def test_a_name_no_field_accepts_is_refused_by_the_field(case):
    inputs = REGISTRY["screening"].defaults("en")
    inputs["prospects"][0]["name"] = NOT_TEXT[case]
    with pytest.raises(InputError) as refused:
        REGISTRY["screening"].run(inputs)
    assert "cannot be shown or saved" in refused.value.to_dict()["message"]["en"]


@pytest.mark.parametrize("case", list(NOT_TEXT), ids=list(NOT_TEXT))
def test_an_excel_export_of_what_the_form_holds_always_opens(case):
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"name": NOT_TEXT[case], "c1": "5", "c2": "3", "c3": "1", "c4": "5"}]
    answer = json.loads(table_export_json("screening", "prospects", json.dumps(rows), "xlsx"))
    assert answer["ok"], answer
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(answer["xlsx"])))
    sheet = book.worksheets[0]
    assert sheet["A2"].value == AS_EXPORTED[case]
    assert sheet["B2"].value == 5  # numbers stay numbers


@pytest.mark.parametrize("case", list(NOT_TEXT), ids=list(NOT_TEXT))
def test_a_csv_export_of_what_the_form_holds_is_utf8_that_reads_back(case):
    rows = [{"name": NOT_TEXT[case], "c1": "5"}]
    answer = json.loads(table_export_json("screening", "prospects", json.dumps(rows), "csv"))
    assert answer["ok"], answer
    text = answer["csv"]
    assert text.encode("utf-8").decode("utf-8") == text  # no lone surrogate left
    assert "\ufffd" in text and "\x01" not in text


def test_a_number_longer_than_any_number_is_refused_by_its_field():
    inputs = REGISTRY["deal_heat"].defaults("en")
    inputs["target_wan"] = "1" + " " * 50 + "0" * 60
    with pytest.raises(InputError) as refused:
        REGISTRY["deal_heat"].run(inputs)
    assert "at most 100 characters" in refused.value.to_dict()["message"]["en"]


# ------------------------------------------------------------------------ one set of limits


def page_limit(name: str) -> int:
    """One of ``LIMITS`` in docs/javascripts/state.mjs, the page's checks of saved state."""
    import re
    from pathlib import Path

    source = (Path(__file__).parent.parent / "docs/javascripts/state.mjs").read_text("utf-8")
    found = re.search(rf"^\s*{name}: ([\d_]+),", source, re.MULTILINE)
    assert found, name
    return int(found.group(1).replace("_", ""))


def test_whatever_a_form_accepts_the_page_can_save_restore_and_python_can_read():
    from calculators.core import MIN_STATE_CHARS
    from calculators.core._untrusted import MAX_JSON_CHARS

    assert page_limit("stateChars") == MIN_STATE_CHARS
    assert page_limit("depth") == MAX_JSON_DEPTH
    for calc in REGISTRY.values():
        # the longest value any field takes is within the page's limit for a value
        assert max(f.max_chars for f in calc.fields) <= page_limit("cellChars"), calc.slug
        # the largest state a form can hold is JSON the engine reads
        assert calc.max_state_chars <= MAX_JSON_CHARS, calc.slug


def test_the_debriefs_group_links_take_twenty_thousand_characters_and_the_page_keeps_them():
    links = next(c for c in DEBRIEF.field("groups").columns if c.key == "link")
    assert links.max_chars == 20_000 <= page_limit("cellChars")
