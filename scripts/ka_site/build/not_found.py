"""A page-not-found page per language: ``404.html`` in English, ``zh/404.html`` in Chinese.

The theme writes ``404.html`` (a static template) into the site's folder on each language's
build, and the i18n plugin builds every language into the same folder: the Chinese build wrote
its ``404.html`` over the English one, and there was no ``zh/404.html``. Here the Chinese page is
written to ``zh/`` instead, and each page's language links name the two language roots (the
theme filled them with whatever page it rendered last).

A 404 page is served for any missing address, at any depth, so its addresses are absolute from
the site's root path (as the theme writes them); the serve command and the offline copy answer a
missing address under ``zh/`` with the Chinese page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from ka_site.build.theme_script import defer_theme_script
from ka_site.pages import Lang
from ka_site.paths import language_prefix

TEMPLATE = "404.html"
#: A link to one language's version of the page: the head's alternates and the language menu.
LANGUAGE_LINK = re.compile(r'href="[^"]*"( hreflang="(en|zh)")')
CONFIG_BASE = re.compile(r'("base": ")([^"]*)(")')


def root_path(site_url: str | None) -> str:
    """The path the site is served under (``/`` for ``http://127.0.0.1:8000/``)."""
    path = urlparse(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def localise(output: str, lang: Lang, site_url: str | None) -> str:
    """The theme's 404 page for ``lang``: language links to the roots, a Chinese page's base
    (where the theme finds its search index) at the Chinese root, and the theme's script
    deferred as on every other page (it then runs after the scripts that must come first)."""
    root = root_path(site_url)
    output = defer_theme_script(output)

    def language_root(match: re.Match[str]) -> str:
        return f'href="{root}{language_prefix(match.group(2))}"{match.group(1)}'

    output = LANGUAGE_LINK.sub(language_root, output)
    if lang == "zh":
        chinese = root + language_prefix("zh")
        output = CONFIG_BASE.sub(lambda m: m.group(1) + chinese + m.group(3), output, count=1)
    return output


def place(output: str, lang: Lang, site: Path, site_url: str | None) -> str:
    """What MkDocs writes as the site's ``404.html`` for the build of ``lang``.

    English: the page itself. Chinese: nothing (MkDocs then skips the file, so the English page
    stays); the Chinese page is written to ``zh/404.html`` here.
    """
    page = localise(output, lang, site_url)
    if lang == "en":
        return page
    target = site / language_prefix("zh") / TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, "utf-8")
    return ""
