"""The built site as a hardened static host serves it: a Content-Security-Policy that runs no
inline script, on every response of the serve command, and a page-not-found page per language.

The server is ``ka_site.commands.serve`` on the test's built site (the ``site_server`` fixture); the
policy is enforced by a browser in tests/browser/test_strict_csp.py.
"""

from __future__ import annotations

import re
import urllib.request
from urllib.error import HTTPError

import pytest

from ka_site.commands.serve import SECURITY_HEADERS

pytestmark = pytest.mark.site

#: A <script> the browser runs (not data): a classic or module script.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = re.compile(r'type="application/(?:ld\+)?json"')


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


def engine_dir(built_site) -> str:
    (folder,) = (built_site / "assets" / "pyodide").iterdir()
    return f"assets/pyodide/{folder.name}/"


def served_kinds(built_site) -> dict[str, str]:
    """One address of each kind the site serves."""
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    return {
        "English page": "",
        "Chinese calculator page": "zh/prioritising/screening/",
        "stylesheet": "stylesheets/ka.css",
        "the site's script": "javascripts/head.js",
        "the theme's script": bundle.relative_to(built_site).as_posix(),
        "the calculators' worker": "javascripts/worker.mjs",
        "the runtime": engine_dir(built_site) + "pyodide.asm.wasm",
        "the runtime's loader": engine_dir(built_site) + "pyodide.mjs",
        "the offline copy's service worker": "sw.js",
        "the search index": "search/search_index.json",
        "a missing page": "no-such-page/",
        "a missing Chinese page": "zh/no-such-page/",
    }


def test_every_kind_of_response_carries_the_security_headers(site_server, built_site):
    for kind, path in served_kinds(built_site).items():
        status, headers, _ = fetch(site_server + path)
        assert status == (404 if "missing" in kind else 200), kind
        for name, value in SECURITY_HEADERS:
            assert headers.get(name) == value, (kind, name)
        assert "Access-Control-Allow-Origin" not in headers, kind


def test_the_policy_runs_only_this_hosts_scripts_and_no_inline_one(site_server):
    _, headers, _ = fetch(site_server)
    directives = {
        d.split()[0]: d.split()[1:] for d in headers["Content-Security-Policy"].split(";")
    }
    # WebAssembly compiled from the site's own runtime, and nothing else evaluated
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    everything = " ".join(v for vs in directives.values() for v in vs)
    assert "unsafe-inline" not in everything
    assert "'unsafe-eval'" not in everything
    assert not re.search(r"\*|https?:", everything)  # no other host, no wildcard


def test_no_page_of_the_site_holds_an_inline_script_or_style(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text("utf-8")
        for attributes, body in SCRIPT.findall(html):
            if DATA_TYPES.search(attributes):
                continue  # data the scripts read: the browser runs nothing
            assert "src=" in attributes and not body.strip(), (page, attributes, body[:80])
        assert not re.search(r"\son[a-z]+=", html), page  # no event handler attribute
        assert " style=" not in html and "<style" not in html, page
        assert "javascript:" not in html, page


def test_a_missing_page_answers_the_page_not_found_of_its_language(site_server):
    for path, lang, title in (
        ("no-such-page/", "en", "Page not found"),
        ("zh/no-such-page/", "zh", "找不到这个页面"),
        ("zh/prioritising/no-such-page/", "zh", "找不到这个页面"),
    ):
        status, headers, body = fetch(site_server + path)
        page = body.decode("utf-8")
        assert status == 404, path
        assert headers["Content-Type"].startswith("text/html"), path
        assert f'<html lang="{lang}"' in page, path
        assert f"<h1>{title}</h1>" in page, path


def test_each_page_not_found_links_to_both_language_roots_and_searches_its_language(built_site):
    english = (built_site / "404.html").read_text("utf-8")
    chinese = (built_site / "zh" / "404.html").read_text("utf-8")
    for page in (english, chinese):
        assert re.search(r'href="/" hreflang="en"', page)
        assert re.search(r'href="/zh/" hreflang="zh"', page)
    assert '"base": "/zh/"' in chinese  # its search index is the Chinese one
    assert '"base": "/"' in english
    assert 'href="/zh/">回到首页</a>' in chinese
    assert 'href="/">Go to the start page</a>' in english
