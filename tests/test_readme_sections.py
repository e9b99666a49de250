"""The README's reference parts are the code's own, and what its prose quotes is in the code.

The command line's commands and options, the stage map and the file limits are written from
the code (``ka_site.commands.readme_sections``, by
``python -m ka_site.commands.readme_reference``); the headers, total rows, status and currency
words, the limits of the page and the engine that the README's prose names, and the headers
(and nginx lines) it gives a company's own host are checked here against the data and constants
that enforce them.
"""

from __future__ import annotations

import argparse
import re

import pytest

from calculators import REGISTRY
from calculators.cli.__main__ import parser
from calculators.core._choices import comparable
from calculators.tables._headers import ALIASES, CURRENCY, HEADERS, STATUS, parse_header
from calculators.tables._read import STATUS_WORDS, TOTAL_ROW
from calculators.tables._stages import CRM_STAGES, DEFAULT_STAGE_MAP, LOST, SKIP
from ka_site.commands.readme_sections import (
    README,
    SECTIONS,
    markers,
    readme_with_sections,
    stage_map,
)
from ka_site.paths import ROOT

RUN_AGAIN = "run `.venv/bin/python -m ka_site.commands.readme_reference`"


def readme() -> str:
    return README.read_text("utf-8")


def flat(text: str) -> str:
    """Text with its line breaks and indents as single spaces, as Markdown reads it."""
    return " ".join(text.split())


def section(heading: str, until: str) -> str:
    """The README from a heading to the next one named."""
    text = readme()
    start = text.index(f"\n{heading}\n")
    return text[start : text.index(f"\n{until}\n", start)]


def bullet(name: str) -> str:
    """One bullet of "Reading a CRM export or an Excel sheet" (``- **Headers.** …``), flat."""
    reading = section("### Reading a CRM export or an Excel sheet", "### The stage map")
    start = reading.index(f"- **{name}")
    end = reading.find("\n- **", start + 1)
    return flat(reading[start : end if end > 0 else None])


def quoted(text: str) -> list[str]:
    """What a piece of Markdown writes in backticks."""
    return re.findall(r"`([^`]+)`", text)


def between(text: str, start: str, end: str) -> str:
    head = text.index(start) + len(start)
    return text[head : text.index(end, head)]


# --------------------------------------------------------------------------- generated blocks


def test_the_generated_sections_are_the_codes_own():
    text = readme()
    for name in SECTIONS:
        start, end = markers(name)
        assert text.count(start) == 1 and text.count(end) == 1, name
    assert readme_with_sections(text) == text, f"README.md's generated sections differ: {RUN_AGAIN}"


# --------------------------------------------------------------------------- the command line


def every_option() -> dict[str, argparse.Action]:
    """Every option of the command line, by each of its spellings, across its commands."""
    main = parser()
    found: dict[str, argparse.Action] = {}
    parsers = [main]
    for action in main._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += list(action.choices.values())
    for each in parsers:
        for action in each._actions:
            found.update(dict.fromkeys(action.option_strings, action))
    return found


def command_line_sections() -> tuple[str, str]:
    """The README's sections on the command line: their text, and their example commands."""
    text = section("## The command line", "## Workshop and self-study tools")
    examples = re.findall(r"```bash\n(.*?)```", text, re.DOTALL)
    return re.sub(r"```bash\n.*?```", "", text, flags=re.DOTALL), "".join(examples)


def test_every_option_of_the_command_line_is_in_the_readme():
    named = {word.split()[0] for word in quoted(command_line_sections()[0])}
    missing = sorted(set(every_option()) - named - {"-h"})
    assert not missing, f"options the README does not describe: {missing}: {RUN_AGAIN}"


def test_every_option_the_readme_names_is_one_the_command_line_takes():
    text, examples = command_line_sections()
    named = {word.split()[0] for word in quoted(text) if re.match(r"-{1,2}[a-z]", word)}
    for line in examples.splitlines():
        words = line.split("-m calculators", 1)[1].split()
        named |= {word for word in words if re.match(r"-{1,2}[a-z]", word)}
    assert {"--set", "-o", "--table", "--lang", "--json"} <= named
    unknown = sorted(named - set(every_option()))
    assert not unknown, f"the README names options the command line does not take: {unknown}"


def test_the_terminals_help_is_plain_text(capsys):
    """The help is Markdown for the README; a terminal gets it without the backticks, and an
    option's name is never broken at its hyphen."""
    from calculators.cli.__main__ import main

    with pytest.raises(SystemExit) as done:
        main(["run", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert "`" not in shown
    assert "<file>.settings.json" in shown and "--result-table" in flat(shown)
    assert "origin (file, settings, option, default)" in flat(shown)


def test_an_options_description_is_its_help():
    """The README's description of an option is what ``--help`` prints (without backticks)."""
    text = flat(readme())
    for action in every_option().values():
        if isinstance(action, argparse._HelpAction):
            continue  # argparse's own
        assert action.help, action.option_strings
        assert action.help.replace("|", "\\|") in text, action.option_strings


# --------------------------------------------------------------------------- the stage map


def stage_map_rows() -> dict[str, str]:
    """The README's stage map as it reads: each CRM stage (compared as the reader compares
    stages) → the stage used, as the table writes it."""
    rows: dict[str, str] = {}
    start, end = markers("stage-map")
    table = between(readme(), start, end)
    for line in table.strip().splitlines()[2:]:
        crm_stages, used = (cell.strip() for cell in line.strip("|").split(" | "))
        for part in crm_stages.split(" · "):
            names = part.split(": ", 1)[-1]
            for name in re.split(r", |、", names):
                written = name.split(" (`", 1)[0]
                for stage in (written, *re.findall(r"`([^`]+)`", name)):
                    assert rows.setdefault(comparable(stage), used) == used, stage
    return rows


def test_the_stage_map_shows_every_crm_stage_of_the_map_and_nothing_else():
    assert set(stage_map_rows()) == set(DEFAULT_STAGE_MAP)


def test_the_stage_map_says_the_stage_each_crm_stage_is_read_as():
    stage = next(c for c in REGISTRY["deal_heat"].field("deals").columns if c.key == "stage")
    labels = {choice.value: choice.label.zh for choice in stage.choices}
    for name, used in stage_map_rows().items():
        ours = DEFAULT_STAGE_MAP[name]
        assert used == ("*left out*" if ours == SKIP else labels[ours]), name


def test_a_crm_stage_means_one_stage_whichever_crm_writes_it():
    meaning: dict[str, str] = {}
    for row in CRM_STAGES:
        for name in (row.stage, *row.also):
            ours = SKIP if row.ours == LOST else row.ours
            assert meaning.setdefault(comparable(name), ours) == ours, (row.crm, name)


def test_the_stage_maps_crms_are_the_crms_whose_headers_are_read():
    crms = {crm for crm, _key, _tier, _header in HEADERS if crm}
    assert {row.crm for row in CRM_STAGES} == crms
    assert "*left out*" in stage_map() and "(`closedwon`)" in stage_map()


# --------------------------------------------------------------------------- headers and words

#: How the Headers bullet names each CRM, and the name ``HEADERS`` gives it.
CRM_NAMES = {
    "Salesforce": "Salesforce",
    "HubSpot": "HubSpot",
    "Pipedrive": "Pipedrive",
    "Zoho": "Zoho",
    "Dynamics 365": "Dynamics 365",
    "商机 export": "商机",
}


def headers_of(crm: str, key: str | None = None) -> set[str]:
    return {
        comparable(header)
        for name, column, _tier, header in HEADERS
        if name == crm and key in (None, column)
    }


def test_every_header_the_readme_quotes_is_its_crms():
    text = bullet("Headers.").split("They are data", 1)[0]
    names = "|".join(re.escape(name) for name in CRM_NAMES)
    pieces = re.split(f"({names})", text)
    quoted_for: dict[str, list[str]] = {}
    for name, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        quoted_for.setdefault(CRM_NAMES[name], []).extend(quoted(piece))
    assert set(quoted_for) == set(CRM_NAMES.values())
    hidden = "(Do Not Modify)"
    for crm, headers in quoted_for.items():
        assert headers, crm
        for header in headers:
            if header == hidden:  # Dynamics 365's hidden columns: no header of any CRM
                assert not any(hidden.lower() in h for k in ALIASES.values() for h in k[0] | k[1])
                continue
            found = parse_header(0, header).name in headers_of(crm)
            assert found, f"{crm} has no header {header!r}"


def test_the_status_columns_the_readme_quotes_are_status_headers():
    status = bullet("Status.")
    for crm, header in (("Pipedrive", "Deal - Status"), ("Dynamics 365", "Status")):
        assert f"{crm}'s `{header}`" in status
        assert comparable(header) in headers_of(crm, STATUS)
    chinese = [h for h in quoted(status) if not h.isascii()]
    assert chinese and all(comparable(h) in headers_of("商机", STATUS) for h in chinese)


def test_the_status_words_the_readme_names_mean_what_it_says():
    status = bullet("Status.")
    assert "a won deal counts as agreement reached" in status
    assert "a lost or deleted one is left out" in status
    assert STATUS_WORDS["won"] == "won"
    assert STATUS_WORDS["lost"] == STATUS_WORDS["deleted"] == "lost"


def test_the_currency_columns_the_readme_quotes_are_currency_headers():
    columns = quoted(between(bullet("Units."), "from a currency column (", ": CNY only"))
    currency = {h for crm, key, _tier, h in HEADERS if key == CURRENCY}
    assert columns and all(c in currency for c in columns), columns


def test_the_units_the_readme_quotes_in_a_header_are_read_off_it():
    headers = quoted(between(bullet("Units."), "from the header (", "), from a currency"))
    assert headers
    for header in headers:
        assert parse_header(0, header if header[0] != "(" else f"Amount {header}").unit


def test_the_money_cells_the_readme_quotes_name_their_unit():
    from calculators.core._numbers import MONEY_IN_YUAN, read

    cells = quoted(between(bullet("Units."), "from the cell (", "), or from"))
    assert cells
    for cell in cells:
        assert read(cell).unit in MONEY_IN_YUAN, cell


def test_every_total_row_the_readme_quotes_is_left_out():
    words = quoted(between(bullet("Formatted reports."), "subtotal rows (", ": the row's"))
    assert len(words) >= 6
    for word in words:
        assert TOTAL_ROW.match(comparable(word)), word
    # and each word the reader knows is quoted
    alternatives = re.search(r"\(\?:([^)]*)\)", TOTAL_ROW.pattern)
    assert alternatives
    for known in alternatives.group(1).split("|"):
        plain = re.sub(r"\W|\?", "", known.replace("-?", "").replace("s?", ""))
        assert any(plain in comparable(w).replace(" ", "") for w in words), known


def test_the_cells_the_readme_says_are_neutralised_are_the_ones_the_writer_neutralises():
    from calculators.tables._neutral import FORMULA_STARTS

    names = {"\t": "tab", "\r": "CR"}
    said = [names.get(start, f"`{start}`") for start in FORMULA_STARTS]
    claim = f"a leading {', '.join(said[:-1])} or {said[-1]} gets a leading `'`"
    assert claim in flat(readme())


# --------------------------------------------------------------------------- limits in the prose


def script_constant(path: str, name: str) -> int:
    """A number a browser script declares (``const NAME = 5_000;`` or ``name: 5 * 1024,``)."""
    source = (ROOT / "docs/javascripts" / path).read_text("utf-8")
    found = re.search(rf"\b{name}(?: =|:) ([\d_ *]+)[,;]", source)
    assert found, name
    value = 1
    for factor in found.group(1).split("*"):
        value *= int(factor.strip().replace("_", ""))
    return value


WORDS = {3: "three", 4: "four", 12: "a dozen"}


def prose_limits() -> list[str]:
    """What the README's prose says of each limit, written from the constant that enforces it."""
    from calculators.core import DEFAULT_TEXT_CHARS, MAX_VALUE_CHARS, MIN_STATE_CHARS
    from calculators.core._html import SHOWN_RESULT_ROWS
    from calculators.core._untrusted import MAX_JSON_CHARS, MAX_JSON_DEPTH, MAX_UNPACKED_CHARS
    from calculators.tables._checks import PLAUSIBLE_DEAL_WAN
    from calculators.tables._dates import DAYS_PER_MONTH
    from calculators.tables._read import HEADER_SEARCH_ROWS
    from ka_site.commands.room import limits as room_limits

    link = next(c for c in REGISTRY["debrief"].field("groups").columns if c.key == "link")
    name = next(c for c in REGISTRY["deal_heat"].field("deals").columns if c.key == "name")
    low, high = PLAUSIBLE_DEAL_WAN
    first_call = script_constant("client.mjs", "FIRST_CALL_FACTOR")
    body = room_limits.MAX_BODY
    return [
        f"The header is the row, among the first {HEADER_SEARCH_ROWS}, that names",
        f"below {low:g} 万元 or above {high:,.0f} 万元",
        f"days ÷ {DAYS_PER_MONTH:.2f} to one decimal",
        f"a text field's `maximum`, {DEFAULT_TEXT_CHARS} characters by default; "
        f"{MAX_VALUE_CHARS} for a number or a choice as typed; {link.max_chars:,} for a "
        "debrief's group link",
        f"at least {MIN_STATE_CHARS:,} characters",
        f"a link of more than {script_constant('state.mjs', 'linkChars'):,} characters",
        f"nesting more than {script_constant('state.mjs', 'depth')} levels",
        f"a file over {script_constant('state.mjs', 'fileBytes') // 1024 // 1024} MB",
        f"where the field says at most {name.max_chars}",
        f"at most {MAX_JSON_CHARS:,} characters and {MAX_JSON_DEPTH} levels",
        f"unpacked only up to {MAX_UNPACKED_CHARS:,} characters",
        f"A table of more than {script_constant('virtual-rows.mjs', 'VIRTUAL_FROM')} rows",
        f"and {WORDS[script_constant('virtual-rows.mjs', 'OVERSCAN')]} beyond",
        f"lists the first {SHOWN_RESULT_ROWS} rows of a longer result table",
        f"a watchdog of {script_constant('calculators.mjs', 'CALL_TIMEOUT_MS') / 1000:g} s "
        f"({WORDS[first_call]} times that for a worker's first result",
        f"plus {script_constant('client.mjs', 'PER_ROW_MS')} ms a table row",
        f"up to {WORDS[script_constant('client.mjs', 'AUTO_RESTARTS')]} times a visit",
        f"is checked for size ({body['small'] // 1024} KB for a join or quiz answers, "
        f"{body['table'] // 1024 // 1024} MB for a table, {body['file'] // 1024 // 1024} MB for "
        "a file)",
    ]


@pytest.mark.parametrize("claim", prose_limits())
def test_each_limit_the_readme_states_is_the_one_the_code_enforces(claim):
    assert claim in flat(readme()), f"README.md no longer says: {claim}"


# --------------------------------------------------------------------------- a host's headers


def hosting() -> str:
    return section("## Hosting it on your own server", "## Performance")


def header_table() -> dict[str, str]:
    """The README's table of headers: each header's name and the value it gives, as written
    (a row whose value is *(none)* says the header is not sent)."""
    found = {}
    for name, value in re.findall(r"^\| `([A-Za-z-]+)` \| (.+?) \| .* \|$", hosting(), re.M):
        found[name] = "" if value == "*(none)*" else value.strip("`")
    return found


def test_the_headers_the_readme_lists_for_a_host_are_the_ones_the_serve_command_sends():
    from ka_site.commands.serve import SECURITY_HEADERS

    listed = header_table()
    for name, value in SECURITY_HEADERS:
        assert listed.get(name) == value, f"README.md's table says {name}: {listed.get(name)!r}"
    sent = {name for name, _ in SECURITY_HEADERS}
    unsent = {name for name, value in listed.items() if not value}
    assert unsent == {"Access-Control-Allow-Origin"}  # as the serve command sends it: never
    assert set(listed) - unsent - sent == {"Cache-Control"}, "a header the command does not send"


def test_the_nginx_lines_send_exactly_the_serve_commands_headers():
    from ka_site.commands.serve import SECURITY_HEADERS

    (nginx,) = re.findall(r"```nginx\n(.*?)```", hosting(), re.DOTALL)
    added = re.findall(r'^add_header ([\w-]+) "(.*)" always;$', nginx, re.M)
    assert added == list(SECURITY_HEADERS)
    for lang, page in (("en", "/404.html"), ("zh", "/zh/404.html")):
        assert f"error_page 404 {page};" in nginx, lang


def test_the_cached_files_and_types_the_readme_names_are_the_serve_commands():
    from ka_site.commands.serve import MIME_TYPES, VERSIONED

    cache = header_table()["Cache-Control"]
    assert cache.startswith("max-age=31536000, immutable")
    versioned = {  # an address of each kind the README names as cached for good
        "`assets/pyodide/<v>/`": "/assets/pyodide/0123456789ab/pyodide.asm.wasm",
        "`assets/wheels/<v>/`": "/assets/wheels/0123456789ab/calculators.whl",
        "`*.<hash>.min.js`/`.css`": "/assets/javascripts/bundle.0123abcd.min.js",
        "`workbox-<hash>.js`": "/workbox-0123abcd.js",
    }
    for named, address in versioned.items():
        assert named in flat(hosting()), named
        assert VERSIONED.search(address), address
    assert not VERSIONED.search("/javascripts/calculators.mjs")  # the glue: checked each time
    types = flat(between(flat(hosting()), "The types must then be right:", "|"))
    for ext in (".wasm", ".webmanifest"):
        assert f"`{ext}` `{MIME_TYPES[ext]}`" in types, ext
    assert f"`.mjs` and `.js` `{MIME_TYPES['.mjs']}`" in types
