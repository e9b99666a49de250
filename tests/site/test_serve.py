"""The serve command's server, as a reader's browser meets it: compressed, typed, cached right.

The server is ``ka_site.commands.serve`` (WhiteNoise behind Waitress) on the test's built site, at a
free port on 127.0.0.1 (the ``site_server`` fixture).
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from urllib.error import HTTPError

import brotli
import pytest

pytestmark = pytest.mark.site


def fetch(url: str, encoding: str = "br, gzip") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


def engine_dir(built_site) -> str:
    (folder,) = (built_site / "assets" / "pyodide").iterdir()
    return f"assets/pyodide/{folder.name}/"


def test_pages_come_brotli_compressed_and_are_always_revalidated(site_server):
    status, headers, body = fetch(site_server + "zh/prioritising/screening/")
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert headers["Cache-Control"] == "no-cache"
    page = brotli.decompress(body).decode()
    assert "ka-calc" in page
    assert "livereload" not in page  # no development server's script


def test_a_browser_without_brotli_gets_gzip_and_one_without_either_gets_the_file(site_server):
    _, headers, body = fetch(site_server + "javascripts/calculators.mjs", "gzip")
    assert headers["Content-Encoding"] == "gzip"
    plain = gzip.decompress(body)
    _, headers, body = fetch(site_server + "javascripts/calculators.mjs", "identity")
    assert "Content-Encoding" not in headers
    assert body == plain


def test_the_runtime_is_webassembly_compressed_and_cached_for_good(site_server, built_site):
    url = site_server + engine_dir(built_site) + "pyodide.asm.wasm"
    status, headers, body = fetch(url)
    assert status == 200
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) >= 365 * 86400
    wasm = (built_site / engine_dir(built_site) / "pyodide.asm.wasm").read_bytes()
    assert brotli.decompress(body) == wasm
    assert len(body) < len(wasm) / 2  # the biggest download more than halves


def test_modules_are_javascript_for_the_browser(site_server, built_site):
    for path in ("javascripts/worker.mjs", engine_dir(built_site) + "pyodide.mjs"):
        _, headers, _ = fetch(site_server + path)
        assert headers["Content-Type"].startswith("text/javascript"), path


def test_the_big_text_assets_come_compressed(site_server, built_site):
    big = [engine_dir(built_site) + "pyodide.asm.mjs", engine_dir(built_site) + "pyodide-lock.json"]
    big += [
        p.relative_to(built_site).as_posix()
        for p in (built_site / "assets").rglob("*.min.*")
        if p.suffix in (".js", ".css") and p.stat().st_size > 20_000
    ]
    assert len(big) >= 3
    for path in big:
        _, headers, body = fetch(site_server + path)
        assert headers.get("Content-Encoding") == "br", path
        assert len(body) < (built_site / path).stat().st_size / 2, path


def test_the_theme_bundles_named_by_hash_are_immutable_the_glue_is_not(site_server, built_site):
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    _, headers, _ = fetch(site_server + bundle.relative_to(built_site).as_posix())
    assert "immutable" in headers["Cache-Control"]
    _, headers, _ = fetch(site_server + "javascripts/calculators.mjs")
    assert headers["Cache-Control"] == "no-cache"


def test_the_wheel_lives_beside_the_runtime_of_the_same_version(site_server, built_site):
    version = engine_dir(built_site).split("/")[2]
    # the project's own wheel (openpyxl's wheels for Excel files sit beside it)
    (wheel,) = (built_site / "assets" / "wheels" / version).glob("ka_playbook-*.whl")
    page = (built_site / "prioritising" / "screening" / "index.html").read_text("utf-8")
    assert f"assets/wheels/{version}/{wheel.name}" in page
    assert f"assets/pyodide/{version}/" in page
    _, headers, _ = fetch(site_server + f"assets/wheels/{version}/{wheel.name}")
    assert "immutable" in headers["Cache-Control"]


def test_an_unknown_address_gets_the_sites_own_page_not_found(site_server):
    status, _, body = fetch(site_server + "no-such-page/", "identity")
    assert status == 404
    assert b"md-content" in body
