"""Band tables and thresholds on the built pages are the engine's declarations, not copies."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from calculators.models.screening import BANDS
from ka_site.build.widgets.band_pages import BLOCK, INLINE
from ka_site.paths import language_prefix

pytestmark = pytest.mark.site

ROW = re.compile(r"<tr>\s*<td>([^<]*)</td>\s*<td><strong>([^<]*)</strong></td>")


def _page(site: Path, lang: str, page: str) -> str:
    prefix = language_prefix(lang)
    return unescape((site / prefix / page / "index.html").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_screening_page_shows_the_declared_band_table(built_site, lang):
    html = _page(built_site, lang, "prioritising/screening")
    rows = ROW.findall(html)
    expected = [(BANDS.range(b.key).get(lang), b.label.get(lang)) for b in BANDS]
    assert all(row in rows for row in expected), rows
    hold = BANDS["hold"].upper
    assert hold is not None
    edge = BANDS.unit.number(hold.value).get(lang)
    assert f"{'正好 ' if lang == 'zh' else 'Exactly '}{edge}" in html


def test_no_band_marker_is_left_on_any_page(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert not BLOCK.search(text) and not INLINE.search(text), path
        assert "<!-- bands:" not in text, path
