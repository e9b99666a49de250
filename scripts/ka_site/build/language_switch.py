"""Instant navigation in both languages, with mkdocs-static-i18n.

The i18n plugin warns that its per-page language links go stale under instant navigation,
because Material swaps the page body but keeps the header. ``docs/javascripts/language.mjs``
rewrites those links on every page instant navigation brings in, so the warning does not apply
here; this filter drops just that message, so ``--strict`` still fails on every other warning.

Material's instant navigation only handles links listed in the sitemap under the page's base,
and the i18n plugin writes one sitemap, at the root, naming the Chinese pages as alternates.
After the build, ``zh/sitemap.xml`` is written from those alternates, so Chinese pages navigate
instantly too (and keep the calculators' Python running between pages).

Material also fetches ``sitemap.xml`` beside every ``<link rel="alternate">`` of the head, which
it expects to name a language's root; the i18n plugin makes them name this page's translation,
where there is no sitemap. They are pointed back at the language roots.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ka_site.pages import PageRef
from ka_site.paths import language_prefix

STALE_SWITCHER = "language switcher contextual link is not compatible"


class _KnownInstantNavigationWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return STALE_SWITCHER not in record.getMessage()


def quiet_the_known_warning() -> None:
    """Drop the i18n plugin's one warning that does not apply here (see above)."""
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(
        _KnownInstantNavigationWarning()
    )


ZH_ALTERNATE = re.compile(r'hreflang="zh" href="([^"]+)"')


def write_chinese_sitemap(site: Path) -> None:
    """``zh/sitemap.xml`` from the Chinese alternates of the root sitemap (built site ``site``)."""
    sitemap = site / "sitemap.xml"
    chinese = site / language_prefix("zh")
    if not sitemap.exists() or not chinese.is_dir():
        return
    urls = "".join(
        f"  <url><loc>{href}</loc></url>\n"
        for href in dict.fromkeys(ZH_ALTERNATE.findall(sitemap.read_text("utf-8")))
    )
    (chinese / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n",
        "utf-8",
    )


HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="(en|zh)">')


def point_alternates_at_roots(output: str, page: PageRef) -> str:
    """The head's two language alternates name the language roots (where each sitemap is)."""
    depth = page.url.count("/")
    root = "../" * depth or "./"
    return HEAD_ALTERNATE.sub(
        lambda m: (
            f'<link rel="alternate" href="{root}{language_prefix(m.group(1))}" '
            f'hreflang="{m.group(1)}">'
        ),
        output,
        count=2,
    )
