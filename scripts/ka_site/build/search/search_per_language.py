"""One search index per language.

mkdocs-static-i18n builds both languages and stacks their pages into the one index at
``search/search_index.json``, so a Chinese query listed English pages among its first results.
After the i18n plugin has written that index (its ``on_post_build`` runs at priority -100, this
one after it), the index is split: English pages stay at ``search/search_index.json``, Chinese
pages go to ``zh/search/search_index.json`` with addresses relative to ``zh/``.

Material loads the index from ``search/search_index.json`` under the ``base`` of the page's
``__config``; a Chinese page's base is pointed at the Chinese root, so it loads the Chinese index
(and its instant navigation stays among Chinese pages, whose sitemap is ``zh/sitemap.xml``). The
language switcher makes a full page load (``docs/javascripts/language.mjs``), so the other
language's index is loaded after a switch.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ka_site.pages import PageRef
from ka_site.paths import language_prefix

ZH = language_prefix("zh")
CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": ")([^"]*)(")'
)


def split_index(index: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stacked index of both languages -> (English index, Chinese index under zh/)."""
    english = [d for d in index["docs"] if not d["location"].startswith(ZH)]
    chinese = [
        {**d, "location": d["location"][len(ZH) :]}
        for d in index["docs"]
        if d["location"].startswith(ZH)
    ]
    return (
        {**index, "config": {**index["config"], "lang": ["en"]}, "docs": english},
        {**index, "docs": chinese},
    )


def split_site_index(site: Path) -> None:
    """Split the built site's stacked index into one per language (once every language is built)."""
    stacked = site / "search" / "search_index.json"
    if not stacked.exists() or not (site / ZH).is_dir():
        return
    index = json.loads(stacked.read_text("utf-8"))
    if not any(d["location"].startswith(ZH) for d in index["docs"]):
        return  # already split (a nested build of one language)
    english, chinese = split_index(index)
    (site / ZH / "search").mkdir(exist_ok=True)
    for path, data in ((stacked, english), (site / ZH / "search" / "search_index.json", chinese)):
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def point_chinese_base(output: str, page: PageRef) -> str:
    """A Chinese page's Material base is the Chinese root, where its search index lives."""
    if not page.url.startswith(ZH):
        return output

    def chinese_root(match: re.Match[str]) -> str:
        base = match.group(2)
        # base climbs from the page to the site root; one step less ends at zh/
        steps = [s for s in base.split("/") if s]
        root = "/".join(steps[:-1]) or "."
        return match.group(1) + root + match.group(3)

    return CONFIG_BASE.sub(chinese_root, output, count=1)
