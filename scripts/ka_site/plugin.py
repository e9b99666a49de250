"""The MkDocs adapter: the one place that knows MkDocs calls the site's code.

``mkdocs.yml`` lists it last among the plugins (``- ka_site``, registered as an entry point in
``pyproject.toml``), where MkDocs hooks used to run, so every step keeps its place among the
theme's and the i18n plugin's: the widgets, the join page and the checklist labels after the
page is rendered; the engine's assets and the Chinese sitemap after each language's build; the
search index split once the i18n plugin has built every language (priority -200, after its
-100); the manifests and the service worker last of all (-300), from the finished site.

Each event hands over to a module of plain functions; this file holds no rule of its own.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ka_site import (
    accessibility,
    calculator_widgets,
    language_switch,
    offline,
    pyodide_assets,
    room_join,
    search_per_language,
)


class KaSiteConfig(base.Config):
    """The plugin takes no options: what the site needs is in ``mkdocs.yml`` already."""


class KaSitePlugin(BasePlugin[KaSiteConfig]):
    """The site's own build steps, in the order MkDocs hooks ran them."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        language_switch.on_startup(command, dirty)
        offline.on_startup(command, dirty)

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        return offline.on_env(env, config, files)

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        html = calculator_widgets.on_page_content(html, page, config, files)
        html = room_join.on_page_content(html, page, config, files)
        html = accessibility.on_page_content(html, page, config, files)
        return offline.on_page_content(html, page, config, files)

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        output = language_switch.on_post_page(output, page, config)
        output = search_per_language.on_post_page(output, page, config)
        return offline.on_post_page(output, page, config)

    def _each_language_built(self, config: Any) -> None:
        pyodide_assets.on_post_build(config)
        language_switch.on_post_build(config)

    @event_priority(-200)  # after the i18n plugin (-100) has built every language
    def _search_index_split(self, config: Any) -> None:
        search_per_language.on_post_build(config)

    @event_priority(-300)  # last: the service worker is made from the finished site
    def _offline_copy(self, config: Any) -> None:
        offline.on_post_build(config)

    on_post_build = CombinedEvent(_each_language_built, _search_index_split, _offline_copy)
