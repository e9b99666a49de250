"""The playbook works offline after one visit, and can be installed.

After the whole build (both languages, search index, Pyodide assets), ``scripts/make_sw.mjs``
writes the service worker ``sw.js`` with Workbox from the built files, and a web app manifest is
written per language (``manifest.webmanifest``, ``zh/manifest.webmanifest``). The page loads
``javascripts/offline.mjs``, which registers the worker once the page is idle, tells the reader
in their language when a new version is ready, and drives the "get this device ready" button
that the marker ``<!-- offline-ready -->`` puts on a page.

Under ``mkdocs serve`` (authors) no offline copy is made: ``sw.js`` is then a worker that removes
itself and its caches, so a page being written is never served from an old copy.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from ka_site.build.offline.icons import APPLE_TOUCH_ICON, ICON_FOLDER, manifest_icons, write_icons
from ka_site.pages import LANGUAGES, Lang, PageRef, SiteBuildError
from ka_site.paths import ROOT, language_prefix
from ka_site.ui_text import words

READY_MARKER = re.compile(r"<!--\s*offline-ready\s*-->")
THEME_COLOR = "#3f51b5"  # the indigo of the theme's header (mkdocs.yml: primary)

#: A service worker that unregisters itself and deletes every cache it finds.
SELF_REMOVING_SW = """// mkdocs serve: no offline copy while writing; remove any a build left.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) await caches.delete(key);
  await self.registration.unregister();
})()));
"""


def offline_ui() -> dict[Lang, dict[str, str]]:
    """The offline notices and the ready button's words, per language (``ui/<lang>.toml``;
    ``{...}`` is filled in by the page)."""
    return {lang: words("offline", lang) for lang in LANGUAGES}


def render_ready_button(html: str, lang: Lang) -> str:
    """The trainer's one action: a button that makes this device ready for a room offline."""
    if not READY_MARKER.search(html):
        return html
    ui = offline_ui()[lang]
    button = (
        '<div class="ka-offline-ready" data-ka-offline-ready>'
        f'<button type="button" class="md-button md-button--primary">{ui["ready_button"]}</button>'
        '<progress max="1" value="0" hidden></progress>'
        '<p class="ka-offline-ready__status" role="status" aria-live="polite">'
        f"{ui['ready_hint']}</p></div>"
    )
    return READY_MARKER.sub(lambda _: button, html)


def manifest(lang: Lang) -> dict[str, Any]:
    """The web app manifest of one language's site (installable, in that language)."""
    ui = offline_ui()[lang]
    return {
        "id": "./",
        "name": ui["app_name"],
        "short_name": ui["app_short_name"],
        "description": ui["app_description"],
        "lang": "zh-CN" if lang == "zh" else "en",
        "start_url": "./",
        "scope": "../" if lang == "zh" else "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": manifest_icons("../" if lang == "zh" else ""),
    }


def write_offline_copy(site: Path, *, serving: bool) -> None:
    """After the whole build: each language's manifest, and the service worker (under ``mkdocs
    serve``, the one that removes itself)."""
    write_icons(site, site / "assets" / "favicon.svg")
    for lang in LANGUAGES:
        folder = site / language_prefix(lang)
        if folder.is_dir():
            (folder / "manifest.webmanifest").write_text(
                json.dumps(manifest(lang), ensure_ascii=False, indent=1), "utf-8"
            )
    if serving:
        (site / "sw.js").write_text(SELF_REMOVING_SW, "utf-8")
        return
    made = subprocess.run(
        ["node", str(ROOT / "scripts" / "make_sw.mjs"), str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        raise SiteBuildError(f"writing the service worker failed:\n{made.stderr[-2000:]}")


def add_offline_head(output: str, page: PageRef, lang: Lang) -> str:
    """Every page: the manifest of its language, the theme colour, the offline script and words."""
    root = page.root
    manifest = root + language_prefix(lang) + "manifest.webmanifest"
    words = json.dumps(offline_ui()[lang], ensure_ascii=False).replace("</", "<\\/")
    head = (
        f'<link rel="manifest" href="{manifest}">'
        f'<meta name="theme-color" content="{THEME_COLOR}">'
        f'<link rel="apple-touch-icon" href="{root}{ICON_FOLDER}/{APPLE_TOUCH_ICON.name}">'
        f'<script type="application/json" id="ka-offline-ui">{words}</script>'
        f'<script type="module" src="{root}javascripts/offline.mjs"></script>'
    )
    return output.replace("</head>", head + "</head>", 1)
