"""One term per concept: the glossary names the word each language uses, and its variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from ka_site import glossary_terms

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BANKS = ROOT / "calculators" / "banks"


def pages(lang: str) -> list[Path]:
    """Every page of one language, the glossary aside (it lists the variants on purpose)."""
    found = sorted(p for p in DOCS.rglob("*.md") if "overrides" not in p.parts)
    chosen = [p for p in found if p.name.endswith(".zh.md") == (lang == "zh")]
    return [p for p in chosen if not p.name.startswith("glossary.")]


def variants_used(text: str, lang: str) -> list[str]:
    return glossary_terms.variants_used(text, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_glossary_lists_a_preferred_word_for_some_concepts(lang):
    assert glossary_terms.preferred_terms(lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_uses_the_glossary_word_and_not_its_variants(lang):
    problems = {
        p.relative_to(DOCS).as_posix(): used
        for p in pages(lang)
        if (used := variants_used(p.read_text("utf-8"), lang))
    }
    assert not problems


def test_the_question_banks_use_the_glossary_words():
    text = "".join(p.read_text("utf-8") for p in BANKS.glob("*.json"))
    assert not variants_used(text, "zh")


def test_a_variant_inside_the_preferred_word_is_no_variant():
    assert variants_used("先画出采购决策小组。", "zh") == []
    assert variants_used("先画出决策小组。", "zh") == ["决策小组 (use 采购决策小组)"]
