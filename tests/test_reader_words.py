"""What a reader is shown is written for a reader: no internal keys, codes, flags, file paths or
notes for the writers of the playbook, in the pages' sources.

(The built pages are checked too, theme words included: ``tests/site/test_text.py``.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculators import REGISTRY

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "overrides" not in p.parts)

#: Words for the people who build the site, never for its readers.
FOR_WRITERS = (
    "README",
    "--stage-map",
    "#ka.",
    "项目目录",
    "测试会检查",
    "A test checks",
    "Python 引擎",
    "Python engine",
)


def internal_keys() -> set[str]:
    """Every key and code of a calculator that a reader never types: field and column keys,
    choice values that are identifiers (``need_defined``, ``amount_wan``)."""
    keys: set[str] = set()
    for calc in REGISTRY.values():
        for field in calc.fields:
            for each in (field, *field.columns):
                keys.add(each.key)
                keys.update(c.value for c in each.choices)
    return {k for k in keys if re.fullmatch(r"[a-z]+(?:_[a-z0-9]+)+|[a-z]{4,}", k)}


def reader_text(page: Path) -> str:
    """A page's source as the reader meets it: comments (markers) and code blocks left out."""
    text = page.read_text("utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_a_page_shows_no_internal_key_or_code_to_type(page):
    keys = internal_keys()
    shown = re.findall(r"`([^`\n]+)`", reader_text(page))
    assert not [s for s in shown if s.strip() in keys]
    words = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", reader_text(page))
    assert not [w for w in words if w in keys]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_a_page_holds_no_note_for_its_writers(page):
    text = reader_text(page)
    assert not [w for w in FOR_WRITERS if w in text]


def test_the_keys_looked_for_are_the_ones_a_reader_was_once_asked_to_type():
    keys = internal_keys()
    assert {"amount_wan", "months_to_close", "need_defined", "incumbent_failed"} <= keys


ENGLISH_PAGES = [p for p in PAGES if not p.name.endswith(".zh.md")]
#: Where an English sentence quotes a Chinese cue word, the word must be there: a page once read
#: "a choice with make it closed, even with inside" after its cue words (还是, 什么) were lost.
CUE = re.compile(r"\b(?:sentence-final|choice (?:offered )?with|even with)\s+(\S)")


@pytest.mark.parametrize("page", ENGLISH_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_an_english_sentence_that_quotes_a_chinese_cue_keeps_the_cue(page):
    found = CUE.finditer(reader_text(page))
    lost = [m.group(0) for m in found if not re.match("[\u4e00-\u9fff]", m.group(1))]
    assert not lost, lost


def test_no_calculator_shows_a_key_a_flag_or_a_file_to_its_reader():
    """The computed text too: results, labels and errors, in both languages."""
    from ka_site.commands.lint import computed_text

    keys = internal_keys()
    shown = [
        f"{piece.slug} [{piece.lang}]: {piece.text[:80]}"
        for piece in computed_text.all_pieces()
        if any(word in piece.text for word in FOR_WRITERS)
        or re.search(r"--[a-z]|scripts/|\bPython\b", piece.text)
        or set(re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", piece.text)) & keys
    ]
    assert not shown, shown[:10]
