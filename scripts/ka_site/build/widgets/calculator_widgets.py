"""Render every calculator of the registry into the page that names it.

A page asks for a calculator with a marker line ``<!-- calc:SLUG -->``; the Calculators page asks
for the list of all of them with ``<!-- calc-index -->``; the facilitator guide asks for a drill's
answer key (its result with nothing answered, computed here) with ``<!-- calc-key:SLUG -->``.
The form comes from the calculator's schema through the jinja2 macros in
``docs/overrides/partials/_calculator.html``, and the worked example's result is computed here,
by CPython, with the same code the browser runs, so the page is correct before any script runs
(and with JavaScript off). :func:`render_markers` is what a build calls for each page's HTML.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import Any

import jinja2

from calculators import REGISTRY
from calculators.core import Calculator, fmt
from calculators.core._form import form_view, sort_label
from calculators.core._html import render_result, render_tables
from calculators.core._sources import source_title
from ka_site.build.engine.engine_version import engine_paths
from ka_site.build.widgets.band_pages import MarkerError, expand
from ka_site.pages import Lang, PageRef, SiteBuildError
from ka_site.paths import ROOT, language_prefix
from ka_site.ui_text import words

MARKER = re.compile(r"<!--\s*calc:([a-z_]+)\s*-->")
KEY_MARKER = re.compile(r"<!--\s*calc-key:([a-z_]+)\s*-->")
INDEX_MARKER = re.compile(r"<!--\s*calc-index\s*-->")
PROGRESS_MARKER = re.compile(r"<!--\s*drill-progress\s*-->")
PARTIALS = ROOT / "docs" / "overrides" / "partials"


def form_layouts(
    calc: Calculator, values: Mapping[str, Any], result: dict[str, Any], lang: Lang, root: str
) -> dict[str, dict[str, Any]]:
    """Per table: its headings, each row's results and its sort button, for the first paint."""
    layouts: dict[str, dict[str, Any]] = {}
    for entry in form_view(calc, values, result, lang, root)["tables"]:
        field = calc.field(entry["field"])
        layouts[field.key] = {
            "columns": {c["key"]: c for c in entry["columns"]},
            "headings": entry.get("headings", []),
            "results": entry.get("results"),
            "sort_label": sort_label(field, lang),
        }
    return layouts


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PARTIALS)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v: fmt(v) if isinstance(v, (int, float)) else v
    return env


_ENV = _environment()


def _macros(lang: Lang, ui: Mapping[str, str]) -> Any:
    """The partial's macros for one language (a jinja2 module: its attributes are the macros,
    ``calculator`` and ``calculator_index``, which no type checker can see)."""
    return _ENV.get_template("_calculator.html").make_module({"lang": lang, "ui": ui})


def render_calculator(slug: str, lang: Lang, root: str) -> str:
    """The widget for ``slug`` in ``lang``: the schema's form plus the worked example's result."""
    calc = REGISTRY[slug]
    values = calc.defaults(lang)
    result = calc.run(values).to_dict()
    result_html = render_result(result, lang, root)
    # the widget's and the scoreboard's words (ui/<lang>.toml), and the engine's addresses
    # (runtime and wheel versioned together)
    ui = {**words("widget", lang), **words("board", lang), **engine_paths()}
    macros = _macros(lang, ui)
    layouts = form_layouts(calc, values, result, lang, root)
    # an exercise can start blank: the names and the trainer's settings, none of the answers
    blank = calc.blank_start(lang) if calc.exercise else None
    if blank == values:
        blank = None  # already blank (a drill): nothing to offer
    return str(macros.calculator(calc.to_dict(lang), values, result_html, root, layouts, blank))


def calculator_card(calc: Calculator) -> dict[str, Any]:
    """A calculator as the index lists it: its schema and its source deck's title."""
    return {**calc.to_dict(), "source_title": source_title(calc.source).to_dict()}


def render_answer_key(slug: str, lang: Lang, root: str) -> str:
    """A drill's answer key for trainers: every item's answer and reason (a calculator without
    a key of its own: its result tables when nothing is given)."""
    calc = REGISTRY[slug]
    blank = {f.key: None for f in calc.fields}
    result = calc.answer_key() if calc.answer_key is not None else calc.run(blank)
    tables = render_tables(result.to_dict(), lang, root)
    return f'<div class="ka-answer-key" data-calc="{slug}">{tables}</div>'


def render_index(page: PageRef, lang: Lang) -> str:
    """The list of every calculator, each linked (relatively) to its playbook page."""
    prefix = language_prefix(lang)
    here = page.url.rstrip("/") or "."
    links = {
        slug: posixpath.relpath(prefix + calc.page, here) + "/" for slug, calc in REGISTRY.items()
    }
    macros = _macros(lang, words("widget", lang))
    calcs = sorted(REGISTRY.values(), key=lambda c: c.order)
    return "".join(
        str(
            macros.calculator_index(
                kind, [calculator_card(c) for c in calcs if c.kind == kind], links
            )
        )
        for kind in ("model", "tool", "drill")
        if any(c.kind == kind for c in calcs)
    )


def render_progress(page: PageRef, lang: Lang) -> str:
    """The overview of a new hire's progress on every drill (filled in from their device)."""
    prefix = language_prefix(lang)
    here = page.url.rstrip("/") or "."
    drills = sorted((c for c in REGISTRY.values() if c.kind == "drill"), key=lambda c: c.order)
    links = {c.slug: posixpath.relpath(prefix + c.page, here) + "/" for c in drills}
    macros = _macros(lang, {**words("widget", lang), **words("board", lang)})
    return str(macros.drill_progress([c.to_dict(lang) for c in drills], links))


def expand_band_markers(markdown: str, page: PageRef) -> str:
    """Band tables and thresholds (``<!-- bands:NAME -->`` …) written from the engine."""
    try:
        return expand(markdown, page.lang)
    except MarkerError as error:
        raise SiteBuildError(f"{page.src_uri}: {error}") from None


def render_markers(html: str, page: PageRef) -> str:
    """Replace calculator markers with their widgets and the index marker with the list."""
    lang = page.lang

    def widget(match: re.Match[str]) -> str:
        slug = match.group(1)
        if slug not in REGISTRY:
            raise SiteBuildError(f"{page.src_uri}: no calculator called '{slug}'")
        return render_calculator(slug, lang, page.root)

    def answer_key(match: re.Match[str]) -> str:
        slug = match.group(1)
        if slug not in REGISTRY:
            raise SiteBuildError(f"{page.src_uri}: no calculator called '{slug}'")
        return render_answer_key(slug, lang, page.root)

    html = MARKER.sub(widget, html)
    html = KEY_MARKER.sub(answer_key, html)
    if INDEX_MARKER.search(html):
        html = INDEX_MARKER.sub(lambda _: render_index(page, lang), html)
    if PROGRESS_MARKER.search(html):
        html = PROGRESS_MARKER.sub(lambda _: render_progress(page, lang), html)
    return html
