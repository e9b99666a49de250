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

from ka_site.pages import Lang, PageRef, SiteBuildError
from ka_site.paths import ROOT

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


#: The offline notices and the ready button's words, per language ({...} is filled in by the page).
OFFLINE_UI: dict[str, dict[str, str]] = {
    "en": {
        "app_name": "KA Playbook",
        "app_short_name": "KA Playbook",
        "app_description": (
            "Key-account sales, taught and computed: the playbook and its calculators, "
            "usable without a network."
        ),
        "update_ready": "A new version of the playbook is ready.",
        "update_active": (
            "The playbook was updated in another tab: reload this page to use the new version."
        ),
        "update_button": "Reload with the new version",
        "ready_button": "Get this device ready for a room with no network",
        "ready_hint": (
            "Saves every page in both languages and the calculators' Python on this "
            "device, so the whole playbook works with the network off."
        ),
        "ready_progress": "Saving the playbook on this device: {done} of {total} files…",
        "ready_done": (
            "Ready: every page in both languages and every calculator works on this "
            "device with no network ({mb} MB kept)."
        ),
        "ready_update_first": (
            "A newer version is waiting. Reload with it first (the notice at the bottom "
            "of the page), then press this button again."
        ),
        "ready_unsupported": (
            "This browser cannot keep the site for use without a network (it needs a "
            "service worker, and the site opened over https or on this computer). Open "
            "the site in a recent Chrome, Edge, Safari or Firefox."
        ),
        "ready_failed": (
            "Could not save everything ({reason}). Check the network and press the button "
            "again: what was saved is kept."
        ),
    },
    "zh": {
        "app_name": "KA 大客户销售手册",
        "app_short_name": "KA 手册",
        "app_description": "大客户销售的方法与计算工具：手册和计算器，没有网络也能用。",
        "update_ready": "手册有新版本了。",
        "update_active": "手册已在另一个标签页里更新，请刷新本页以使用新版本。",
        "update_button": "刷新，使用新版本",
        "ready_button": "为无网络的教室准备好这台设备",
        "ready_hint": (
            "把中英文的全部页面和计算器用到的 Python 保存在这台设备上，断网后整本手册照样能用。"
        ),
        "ready_progress": "正在把手册保存到这台设备：已完成 {done} / {total} 个文件……",
        "ready_done": (
            "准备好了：断网时，这台设备上的中英文页面和所有计算器都能用（已保存 {mb} MB）。"
        ),
        "ready_update_first": (
            "有一个更新的版本在等待。请先用页面底部的提示刷新到新版本，再按一次这个按钮。"
        ),
        "ready_unsupported": (
            "这个浏览器不能把网站保存下来离线使用（需要 Service Worker，"
            "并且网站要通过 https 或在本机打开）。"
            "请用较新的 Chrome、Edge、Safari 或 Firefox 打开。"
        ),
        "ready_failed": (
            "没能全部保存（{reason}）。请检查网络后再按一次按钮，已经保存的部分会保留。"
        ),
    },
}


def offline_ui() -> dict[str, dict[str, str]]:
    """The offline notices and the ready button's words, per language."""
    return OFFLINE_UI


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


def manifest(lang: Lang) -> dict:
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
        "icons": [
            {
                "src": "../assets/favicon.svg" if lang == "zh" else "assets/favicon.svg",
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "any",
            }
        ],
    }


def write_offline_copy(site: Path, *, serving: bool) -> None:
    """After the whole build: each language's manifest, and the service worker (under ``mkdocs
    serve``, the one that removes itself)."""
    for lang, folder in (("en", site), ("zh", site / "zh")):
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
    manifest = root + ("zh/" if lang == "zh" else "") + "manifest.webmanifest"
    words = json.dumps(offline_ui()[lang], ensure_ascii=False).replace("</", "<\\/")
    head = (
        f'<link rel="manifest" href="{manifest}">'
        f'<meta name="theme-color" content="{THEME_COLOR}">'
        f'<script type="application/json" id="ka-offline-ui">{words}</script>'
        f'<script type="module" src="{root}javascripts/offline.mjs"></script>'
    )
    return output.replace("</head>", head + "</head>", 1)
