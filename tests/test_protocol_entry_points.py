"""The worker protocol (``docs/javascripts/protocol.mjs``) names the package's browser entry
points as they are: each entry point it lists is a function of ``calculators`` that takes the
arguments the page sends, in that order, so a renamed or changed entry point fails here, not in a
reader's browser."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import calculators

PROTOCOL = Path(__file__).resolve().parents[1] / "docs" / "javascripts" / "protocol.mjs"


def entry_args() -> dict[str, list[str]]:
    """The ``EntryArgs`` typedef: each entry point and the names of its arguments."""
    text = PROTOCOL.read_text("utf-8")
    block = text[text.index("@typedef {{", text.index("The package's entry points")) :]
    block = block[: block.index("}} EntryArgs")]
    found = {}
    for name, args in re.findall(r"^\s*\*\s+(\w+): \[(.*)\],$", block, re.MULTILINE):
        found[name] = [arg.split(":")[0].strip() for arg in args.split(", ")]
    return found


def test_the_protocol_lists_every_entry_point_the_worker_may_call():
    assert set(entry_args()) == {
        "score_json",
        "table_import_json",
        "table_export_json",
    }


def test_each_entry_point_takes_the_arguments_the_page_sends_in_that_order():
    for name, args in entry_args().items():
        function = getattr(calculators, name)
        parameters = list(inspect.signature(function).parameters.values())
        required = [p for p in parameters if p.default is inspect.Parameter.empty]
        assert len(required) <= len(args) <= len(parameters), name
        assert args == [p.name for p in parameters[: len(args)]], name
