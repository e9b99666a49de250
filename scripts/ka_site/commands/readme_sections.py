"""The README's reference sections, written from the code they describe so that they cannot drift.

Each block sits between ``<!-- NAME -->`` and ``<!-- /NAME -->`` in README.md, as the module
reference does (``ka_site.commands.readme_reference``, whose command writes these too):

* ``commands``: the command line's commands, from its own argparse parser;
* ``options``: the options of ``run``, each with its metavar or choices and its ``--help``;
* ``stage-map``: the default stage map, from ``CRM_STAGES`` (calculators/tables/_stages.py),
  grouped by the stage each CRM stage is read as;
* ``limits``: the limits a file is read within, from the constants that enforce them.

``tests/test_readme_sections.py`` fails when a block and the code differ, and checks the prose
around them (the headers, total rows and figures the README quotes) against the code's data.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Iterator

from ka_site.paths import ROOT

#: The README, for the tests and the command.
README = ROOT / "README.md"


# --------------------------------------------------------------------------- the command line


def _cli() -> argparse.ArgumentParser:
    from calculators.cli.__main__ import parser

    return parser()


def _subcommands(main: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    """Each command of the command line: its parser and its one-line help."""
    for action in main._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return {name: (sub, helps[name]) for name, sub in action.choices.items()}
    raise LookupError("the command line has no commands")


def _options(parser: argparse.ArgumentParser, leave_out: set[str]) -> Iterator[argparse.Action]:
    """A parser's options in the order ``--help`` lists them, without ``-h`` and ``leave_out``."""
    for action in parser._actions:
        help_or_left_out = isinstance(action, argparse._HelpAction) or (
            set(action.option_strings) & leave_out
        )
        if action.option_strings and not help_or_left_out:
            yield action


def _positionals(parser: argparse.ArgumentParser) -> str:
    """A command's arguments as its usage writes them (``SLUG [FILE]``)."""
    words = []
    for action in parser._actions:
        if not action.option_strings and not isinstance(action, argparse._SubParsersAction):
            name = str(action.metavar or action.dest.upper())
            words.append(f"[{name}]" if action.nargs == "?" else name)
    return " ".join(words)


def option_name(action: argparse.Action) -> str:
    """An option as the README names it: its longest spelling with what it takes
    (``--amount-unit yuan|wan|yi``), the short one after it (``-o FILE`` (``--output``))."""
    takes = ""
    if action.choices:
        takes = " " + "|".join(str(c) for c in action.choices)
    elif action.nargs != 0:
        takes = f" {action.metavar or action.dest.upper()}"
    first, *others = action.option_strings
    named = f"`{first}{takes}`".replace("|", "\\|")
    return named + "".join(f" (`{other}`)" for other in others)


def _help(action: argparse.Action) -> str:
    return (action.help or "").replace("|", "\\|")


def _common(main: argparse.ArgumentParser) -> set[str]:
    """The options every command takes (``--lang``) and those of the command line itself."""
    return {name for action in _options(main, set()) for name in action.option_strings}


def commands() -> str:
    """The command line's commands, with their arguments and, but for ``run`` (whose options
    have their own table), their options; then the options that go anywhere."""
    main = _cli()
    common = _common(main)
    rows = []
    for name, (sub, summary) in _subcommands(main).items():
        usage = "`" + " ".join(filter(None, (name, _positionals(sub)))) + "`"
        text = summary
        for action in sub._actions:  # an argument that may be left out says what then
            if not action.option_strings and action.nargs == "?":
                text += f"; `{action.metavar}`: {_help(action)}"
        if name == "run":
            text += "; its options are listed below"
        else:
            text += "".join(f"; {option_name(a)}: {_help(a)}" for a in _options(sub, common))
        rows.append(f"| {usage} | {text} |")
    rows += [f"| {option_name(a)} | {_help(a)} |" for a in _options(main, set())]
    return "\n".join(["| command or option | what it does |", "|---|---|", *rows])


def run_options() -> str:
    """The options of ``run``, as ``--help`` describes them."""
    main = _cli()
    run, _ = _subcommands(main)["run"]
    rows = [f"| {option_name(a)} | {_help(a)} |" for a in _options(run, _common(main))]
    return "\n".join(["| option | what it does |", "|---|---|", *rows])


# --------------------------------------------------------------------------- the stage map


def _listed(names: list[str]) -> str:
    chinese = all(ord(name[0]) > 0x2E80 for name in names)
    return ("、" if chinese else ", ").join(names)


def stage_map() -> str:
    """The default stage map: for each stage used (deal heat's, as its label reads, or left
    out), the CRM stages read as it, by CRM (CRMs that write the same ones named together)."""
    from calculators import REGISTRY
    from calculators.tables._stages import CRM_STAGES, LOST, SKIP

    stage = next(c for c in REGISTRY["deal_heat"].field("deals").columns if c.key == "stage")
    labels = {choice.value: choice.label.zh for choice in stage.choices}
    rows = []
    for ours in (SKIP, *labels, LOST):
        by_crm: dict[str, list[str]] = {}  # a CRM → its stages read as ``ours``
        for row in CRM_STAGES:
            if row.ours == ours:
                also = "".join(f" (`{name}`)" for name in row.also)
                by_crm.setdefault(row.crm, []).append(row.stage + also)
        groups: dict[tuple[str, ...], list[str]] = {}  # CRMs that write the same stages
        for crm, names in by_crm.items():
            groups.setdefault(tuple(names), []).append(crm)
        parts = [
            _listed(list(names))
            if crms == ["商机"]
            else f"{', '.join(crms)}: {_listed(list(names))}"
            for names, crms in groups.items()
        ]
        used = "*left out*" if ours in (SKIP, LOST) else labels[ours]
        rows.append(f"| {' · '.join(parts)} | {used} |")
    return "\n".join(["| CRM stage | stage used |", "|---|---|", *rows])


# --------------------------------------------------------------------------- limits


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


def _tables_of(rows: Callable[[int], bool]) -> str:
    """The tables whose row limit passes ``rows``, as the command line names them:
    ``deals`` of ``deal_heat`` and ``pipeline``, …"""
    from calculators import REGISTRY

    by_table: dict[str, list[str]] = {}
    for calc in REGISTRY.values():
        for field in calc.fields:
            if field.kind == "table" and rows(field.max_rows):
                by_table.setdefault(field.key, []).append(f"`{calc.slug}`")
    parts = []
    for key, slugs in by_table.items():
        of = ", ".join(slugs[:-1]) + f" and {slugs[-1]}" if len(slugs) > 1 else slugs[0]
        parts.append(f"`{key}` of {of}")
    return ", ".join(parts)


def _fewer() -> str:
    from calculators import REGISTRY
    from calculators.core import MAX_TABLE_ROWS

    return ", ".join(
        f"{field.max_rows:,} `{field.key}` of `{calc.slug}`"
        for calc in REGISTRY.values()
        for field in calc.fields
        if field.kind == "table" and field.max_rows < MAX_TABLE_ROWS
    )


def _wrapped(text: str) -> str:
    """A paragraph in lines of at most 100 characters, as the README's own are written."""
    return "\n".join(textwrap.wrap(text, 100, break_on_hyphens=False, break_long_words=False))


def limits() -> str:
    """The limits a file is read within, as one paragraph."""
    from calculators.core import MAX_EXPORT_ROWS, MAX_TABLE_ROWS
    from calculators.tables._read import MAX_CELL_CHARS, MAX_FILE_BYTES
    from calculators.tables._xlsx import MAX_UNPACKED_BYTES

    return _wrapped(
        "Limits, checked before the work they protect: a file of at most "
        f"{_megabytes(MAX_FILE_BYTES)} (an `.xlsx` at most {_megabytes(MAX_UNPACKED_BYTES)} "
        f"unpacked); at most {MAX_EXPORT_ROWS:,} rows for the tables reps fill from a CRM "
        f"({_tables_of(lambda rows: rows == MAX_EXPORT_ROWS)}) and {MAX_TABLE_ROWS:,} for "
        "every other table (`MAX_EXPORT_ROWS` and `MAX_TABLE_ROWS` in "
        "`calculators/core/_declarations.py`), fewer where the model declares it "
        f"(`Field.max_rows`: {_fewer()}); a cell of at most {MAX_CELL_CHARS:,} characters "
        "(Python's csv limit). Each limit is named in its error message."
    )


# --------------------------------------------------------------------------- the README

#: Every generated block of the README but the module reference: its marker name and its text.
SECTIONS: dict[str, Callable[[], str]] = {
    "commands": commands,
    "options": run_options,
    "stage-map": stage_map,
    "limits": limits,
}


def markers(name: str) -> tuple[str, str]:
    """The lines a block of the README stands between."""
    return f"<!-- {name} -->", f"<!-- /{name} -->"


def with_section(readme: str, name: str, text: str) -> str:
    """``readme`` with the block ``name`` replaced by ``text``."""
    start, end = markers(name)
    if readme.count(start) != 1 or readme.count(end) != 1:
        raise ValueError(f"README.md must hold {start} … {end} once")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{text}\n{end}{tail}"


def readme_with_sections(readme: str) -> str:
    """``readme`` with every block of :data:`SECTIONS` written from the code."""
    for name, write in SECTIONS.items():
        readme = with_section(readme, name, write())
    return readme
