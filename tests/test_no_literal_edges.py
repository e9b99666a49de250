"""No band edge is written by hand in the engine's text: every one comes from its declaration.

A string such as "低于 8 分" or "200万以上为 A" beside ``HOLD_BELOW = 8`` is a second copy of a
rule that nobody updates when the rule changes. This test reads every string literal of
``calculators/`` (docstrings apart: they record what the source says) and fails, naming the
file and line, when a number equal to a declared band edge stands next to a comparison word or
inside a span ("8–14", "30% 至 70%").
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ka_site.build.widgets.band_pages import declared_bands, expand

PACKAGE = Path(__file__).resolve().parent.parent / "calculators"

NUMBER = re.compile(r"(?<![0-9A-Za-z_.^/])\d+(?:\.\d+)?(?![0-9A-Za-z_.^/])")
UNIT = r"\s*(?:%|分|万元|万|个月|月|points?|months?|days?|天)?"
#: What makes a number a threshold when it stands before it.
BEFORE = re.compile(
    r"(?:低于|高于|超过|不足|不到|少于|多于|大于|小于|至少|至多|达到|以上|[–~～<>≤≥]|"
    r"\b(?:below|above|under|over|than|least|most|from|within))\s*(?:CNY\s*)?$",
    re.IGNORECASE,
)
#: What makes a number a threshold when it follows it (after its unit).
AFTER = re.compile(
    UNIT + r"\s*(?:及以上|及以下|以上|以下|以内|或以上|或以下|至|[–~～]|"
    r"\b(?:or more|or less|and above|and below|and over|and under|to|plus)\b|\+)",
    re.IGNORECASE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and its functions."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def stated_edges(source: str, edges: set[float]) -> list[tuple[int, str]]:
    """``(line, text)`` of every string literal in ``source`` that states an edge by hand."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) in skip:
            continue
        text = node.value
        for match in NUMBER.finditer(text):
            if float(match.group()) not in edges:
                continue
            before = text[max(0, match.start() - 12) : match.start()]
            after = text[match.end() : match.end() + 16]
            if BEFORE.search(before) or AFTER.match(after):
                hits.append((node.lineno, text))
                break
    return sorted(hits)


def _modules_read(source: str, name: str) -> set[str]:
    """The calculator modules a file declares or quotes: itself and what it imports."""
    names = {name}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names.update(alias.name for alias in node.names)
    return names


def edges_for(path: Path, source: str) -> set[float]:
    """The edges a file might restate: those of the bands it declares and of the models it reads.

    An edge of another model is a coincidence (20 is an edge of selling time and also a deal
    heat), not a copy, so it is not looked for.
    """
    modules = _modules_read(source, path.stem)
    return {
        edge
        for bands in declared_bands().values()
        if bands.name.split(".")[0] in modules
        for edge in bands.edges()
    }


def test_the_scanner_finds_edges_written_as_text():
    source = (
        'A = Text("低于 8 分", "below 8")\n'
        'B = "200万以上为 A"\n'
        'C = f"{x}：8–14 分"\n'
        'D = "15 and above"\n'
        'E = "30% 至 70%"\n'
    )
    assert [line for line, _ in stated_edges(source, {8, 14, 200, 15, 30, 70})] == [
        1,
        1,
        2,
        3,
        4,
        5,
    ]


def test_the_scanner_leaves_other_numbers_alone():
    source = (
        '"""Module docstring: below 8 put on hold."""\n'
        'A = Text("满分 20 分，换算到 20 分制", "scaled to 20 points")\n'
        'B = f"第 {n} 行缺少准则{n + 1}"\n'
        'C = "8 prospects in the group exercise"\n'
        'D = "选 8 个客户"\n'
    )
    assert stated_edges(source, {8, 20}) == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_band_edge_is_written_as_text(path: Path):
    source = path.read_text(encoding="utf-8")
    hits = stated_edges(source, edges_for(path, source))
    where = "\n".join(f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}" for line, text in hits)
    assert not hits, f"band edges written by hand; quote the declaration instead:\n{where}"


DOCS = PACKAGE.parent / "docs"


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_page_restates_a_declared_range_by_hand(path: Path):
    """A page quotes a band's range through a marker, never as typed text that can go stale."""
    lang = "zh" if path.name.endswith(".zh.md") else "en"
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    typed = [
        f"{bands.name}.{band.key}: {bands.range(band.key).get(lang)!r}"
        for bands in declared_bands().values()
        for band in bands
        if len(bands.range(band.key).get(lang)) > 3 and bands.range(band.key).get(lang) in text
    ]
    assert not typed, f"{path.relative_to(DOCS.parent)} types these ranges; use <!-- range:… -->"


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_band_marker_on_a_page_names_a_declaration(path: Path):
    """The build would stop on a marker that names nothing; this finds it without building."""
    lang = "zh" if path.name.endswith(".zh.md") else "en"
    expanded = expand(path.read_text(encoding="utf-8"), lang)
    assert not re.search(r"<!--\s*(?:bands|range|Range|edge):", expanded)
