"""The calculators' computed text, gathered so the pages' rules can check it too.

A model's words are not only in its source: a verdict, a reasoning line, an action, an error or a
table cell is built when it runs, from names and numbers. This module runs every calculator of
the registry over a set of inputs in both languages and collects every piece of text a reader
would see (the schema's labels and help, the result as rendered into the page, the messages of
bad input), so that ``ka_site.commands.lint.lint_text`` and the glossary's one-term rule read them
as they read the pages.

The inputs are the worked example in each language, and from it: each choice of every choice
field (a drill's questions all at once, answered with their first, second… option), each of a
table's first rows alone, each choice of a table's choice column in its first row, and a few bad
values for every number (a word, a value below its minimum), so that the branches a model has
(bands, grades, one-row tables, errors) all speak.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from calculators import REGISTRY, InputError
from calculators.core import Calculator, Field
from calculators.core._html import render_result

LANGS = ("zh", "en")
#: How many of a table's rows are each run alone (a row's own branches, not every row's).
ALONE = 4
#: Beyond this many choice fields (a drill's questions), they are varied together, not one by one.
MANY_CHOICES = 6


@dataclass(frozen=True)
class Piece:
    """One piece of computed text: which calculator, which language, where it came from."""

    slug: str
    lang: str
    where: str
    text: str


class _TextNodes(HTMLParser):
    """The text nodes of a rendered result, each on its own (a cell, a line, a figure)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._skip += 1
        self._flush()
        for name, value in attrs:
            if name in ("aria-label", "data-label", "title") and value:
                self.nodes.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._skip -= 1
        if tag in ("dt", "dd", "td", "th", "li", "caption", "p", "h4", "figcaption", "a"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.nodes.append(text)
        self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def text_nodes(html: str) -> list[str]:
    """Every piece of text a reader sees in ``html`` (drawings left out)."""
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return parser.nodes


def _texts(value: Any, lang: str) -> Iterator[str]:
    """Every string in ``lang`` inside a schema's JSON (bilingual dicts read in ``lang``)."""
    if isinstance(value, dict):
        if "zh" in value and "en" in value and isinstance(value["zh"], str):
            yield value[lang]
            return
        for key, inner in value.items():
            if key not in ("default", "key", "kind", "slug", "source", "page", "value"):
                yield from _texts(inner, lang)
    elif isinstance(value, list):
        for inner in value:
            yield from _texts(inner, lang)


def _table_variants(field: Field, base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """A table's variants: its first rows alone, and its first row with each choice of a
    choice column, or a word in a number column."""
    rows = base[field.key]
    for n, row in enumerate(rows[:ALONE]):
        if field.min_rows <= 1:
            yield f"{field.key} row {n + 1} alone", {**base, field.key: [row]}
    for column in field.columns:
        if column.kind == "choice":
            for choice in column.choices:
                changed = copy.deepcopy(rows)
                changed[0][column.key] = choice.value
                yield (
                    f"{field.key}[0].{column.key}={choice.value}",
                    {**base, field.key: changed},
                )
        elif column.kind in ("number", "integer"):
            changed = copy.deepcopy(rows)
            changed[0][column.key] = "abc"
            yield f"{field.key}[0].{column.key}=word", {**base, field.key: changed}


def variants(calc: Calculator, lang: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The inputs a calculator is run over: its worked example and the variants named above."""
    base = calc.defaults(lang)
    yield "worked example", base
    choices = [f for f in calc.fields if f.kind == "choice"]
    if len(choices) > MANY_CHOICES:  # a drill: every question answered with its k-th option
        for k in range(max(len(f.choices) for f in choices)):
            answers = {f.key: f.choices[k % len(f.choices)].value for f in choices}
            yield f"every choice={k + 1}", {**base, **answers}
    for field in calc.fields:
        if field.kind == "choice" and len(choices) <= MANY_CHOICES:
            for choice in field.choices:
                yield f"{field.key}={choice.value}", {**base, field.key: choice.value}
        elif field.kind == "number" or field.kind == "integer":
            yield f"{field.key}=word", {**base, field.key: "abc"}
            if field.minimum is not None:
                yield f"{field.key}<minimum", {**base, field.key: field.minimum - 1}
        elif field.kind == "table" and isinstance(base[field.key], list) and base[field.key]:
            yield from _table_variants(field, base)


def pieces(slug: str) -> Iterator[Piece]:
    """Every piece of text calculator ``slug`` shows, in both languages, over its variants."""
    calc = REGISTRY[slug]
    for lang in LANGS:
        for text in _texts(calc.to_dict(lang), lang):
            yield Piece(slug, lang, "schema", text)
        for where, inputs in variants(calc, lang):
            try:
                result = calc.run(inputs)
            except InputError as error:
                for problem in error.problems:
                    yield Piece(slug, lang, f"{where} (error)", problem.message.get(lang))
                continue
            shown = result.to_dict()
            for chart in shown["charts"]:  # a drawing's text is not prose; its title is kept
                chart["svg"] = {"zh": "", "en": ""}
            for text in text_nodes(render_result(shown, lang)):
                yield Piece(slug, lang, where, text)


def all_pieces() -> list[Piece]:
    """Every calculator's computed text, each distinct text once per calculator and language."""
    seen: set[tuple[str, str, str]] = set()
    found: list[Piece] = []
    for slug in REGISTRY:
        for piece in pieces(slug):
            key = (piece.slug, piece.lang, piece.text)
            if key not in seen:
                seen.add(key)
                found.append(piece)
    return found


#: A number and its percent sign are one token: ``75%``, never ``75 %``.
NUMBER_SPACE_PERCENT = re.compile(r"\d[ \t\u00a0]+%")
