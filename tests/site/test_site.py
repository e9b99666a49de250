"""The built playbook site: both languages complete, links whole, nothing from outside,
Chinese search, and worked examples that are the engine's own results."""

from __future__ import annotations

import functools
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from calculators import REGISTRY
from calculators.core._html import render_result
from ka_site.paths import language_prefix
from site_pages import DOCS, ENGLISH_PAGES, built_path

pytestmark = pytest.mark.site


class Links(HTMLParser):
    """Every URL a page links to or loads, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in ("alternate", "canonical"):
            self.loads.append(a["href"])
        for candidate in (a.get("srcset") or "").split(","):
            if candidate.strip():
                self.loads.append(candidate.split()[0])


@functools.cache  # each built page is read once for the module's link and load checks
def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def is_outside(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.hostname not in ("127.0.0.1", "localhost")


@pytest.mark.parametrize("source", ENGLISH_PAGES)
def test_every_page_exists_in_both_languages(source, built_site):
    assert (DOCS / source.replace(".md", ".zh.md")).exists(), f"no Chinese twin for {source}"
    for lang in ("en", "zh"):
        page = built_site / built_path(source, lang) / "index.html"
        assert page.exists(), page
        assert ('lang="zh' if lang == "zh" else 'lang="en') in page.read_text("utf-8")[:400]


def test_no_internal_link_is_broken(built_site):
    broken = []
    pages = html_pages(built_site)
    ids = {p: parse(p).ids for p in pages}
    for page in pages:
        base = "http://site/" + page.relative_to(built_site).as_posix()
        for href in parse(page).links:
            if href.startswith(("mailto:", "tel:", "javascript:")) or is_outside(href):
                continue
            target = urlparse(urljoin(base, href))
            if target.netloc != "site":
                continue
            path = built_site / target.path.lstrip("/")
            if target.path.endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(built_site)} -> {href}")
            elif (
                target.fragment
                and path.suffix == ".html"
                and target.fragment not in ids.get(path, parse(path).ids)
            ):
                broken.append(f"{page.relative_to(built_site)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_no_built_page_loads_anything_from_another_host(built_site):
    outside = []
    for page in html_pages(built_site):
        for url in parse(page).loads:
            if is_outside(url) or url.startswith("//"):
                outside.append(f"{page.relative_to(built_site)}: {url}")
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text("utf-8")):
            if is_outside(url):
                outside.append(f"{sheet.relative_to(built_site)}: {url}")
        text = sheet.read_text("utf-8")
        assert "@import" not in text or "fonts.googleapis" not in text
    assert not outside, "\n".join(outside)


def test_the_theme_asks_for_no_web_fonts(built_site):
    home = (built_site / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home


def search_index(site: Path, lang: str = "en") -> tuple[list[dict], re.Pattern[str]]:
    """A language's search index (addresses under that language's root) and its separator."""
    root = site / "zh" if lang == "zh" else site
    index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
    return index["docs"], re.compile(index["config"]["separator"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_language_has_its_own_search_index(built_site, lang):
    docs, _ = search_index(built_site, lang)
    chinese = re.compile(r"[\u4e00-\u9fff]")
    titled_in_chinese = {d["location"] for d in docs if chinese.search(d["title"])}
    pages = {d["location"].split("#")[0] for d in docs}
    assert len(pages) == len(ENGLISH_PAGES)
    assert not any(p.startswith("zh/") for p in pages)
    if lang == "zh":
        assert len(titled_in_chinese) > len(docs) / 2
    else:
        assert not {t for t in titled_in_chinese if "#" not in t}, (
            "an English page titled in Chinese"
        )


def test_the_chinese_search_index_holds_words_not_long_runs(built_site):
    docs, separator = search_index(built_site, "zh")
    funnel = [d for d in docs if d["location"].startswith("sales-process/funnel/")]
    assert funnel
    tokens = {t for d in funnel for t in separator.split(d["text"])}
    assert "漏斗" in tokens, "the word 漏斗 is not a search token of the funnel page"
    longest = max((t for t in tokens if re.fullmatch(r"[\u4e00-\u9fff]+", t)), key=len)
    assert len(longest) <= 8, f"Chinese is indexed as long runs, e.g. {longest}"


@pytest.mark.parametrize(
    ("word", "lang", "page"),
    [("漏斗", "zh", "sales-process/funnel/"), ("funnel", "en", "sales-process/funnel/")],
)
def test_searching_for_funnel_finds_the_funnel_page(built_site, word, lang, page):
    docs, separator = search_index(built_site, lang)
    hits = {
        d["location"].split("#")[0]
        for d in docs
        if word in {t.lower() for t in separator.split(d["title"] + " " + d["text"])}
    }
    assert page in hits


WIDGET = re.compile(
    r'<section class="ka-calc" data-calc="([a-z_]+)" data-lang="(zh|en)".*?'
    r'<div class="ka-calc-result" aria-live="polite">(.*?)</div>\s*'
    r"(?:<script\b[^>]*>[^<]*</script>\s*)?</section>",
    re.S,
)


@pytest.mark.parametrize("calc", list(REGISTRY.values()), ids=list(REGISTRY))
def test_every_worked_example_on_a_page_is_what_the_engine_computes(built_site, calc):
    for lang in ("en", "zh"):
        expected = calc.run(calc.defaults(lang)).to_dict()
        prefix = language_prefix(lang)
        html = (built_site / prefix / calc.page / "index.html").read_text("utf-8")
        found = [m for m in WIDGET.finditer(html) if m.group(1) == calc.slug]
        assert len(found) == 1, f"{calc.slug} appears {len(found)} times on {prefix}{calc.page}"
        assert found[0].group(2) == lang
        root = "../" * (calc.page.count("/") + 1 + (lang == "zh"))
        assert found[0].group(3) == render_result(expected, lang, root)


def test_the_calculators_page_lists_every_calculator(built_site):
    for lang in ("en", "zh"):
        prefix = language_prefix(lang)
        html = (built_site / prefix / "calculators" / "index.html").read_text("utf-8")
        for calc in REGISTRY.values():
            assert f'href="../{calc.page}/"' in html, (lang, calc.slug)
            assert calc.title.get(lang) in unescape(html)


def test_pyodide_and_the_calculators_wheel_are_served_by_the_site(built_site):
    (engine,) = (built_site / "assets" / "pyodide").iterdir()  # one version of the engine
    assert (engine / "pyodide.mjs").exists()
    assert (engine / "pyodide.asm.wasm").exists()
    wheels = built_site / "assets" / "wheels" / engine.name  # the wheel of the same version
    assert list(wheels.glob("ka_playbook-*-py3-none-any.whl"))
