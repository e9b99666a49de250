"""The MkDocs adapter: the one module of the site's code that knows MkDocs.

``mkdocs.yml`` lists it last among the plugins (``- ka_site``, registered as an entry point in
``pyproject.toml``), where MkDocs hooks used to run, so every step keeps its place among the
theme's and the i18n plugin's: the widgets, the join page and the checklist labels after the
page is rendered; the engine's assets and the Chinese sitemap after each language's build; the
search index split once the i18n plugin has built every language (priority -200, after its
-100); the manifests and the service worker last of all (-300), from the finished site.

Each event reads what it needs from MkDocs' objects (a page's source and address, the built
site's folder, the language being built) and hands over to a plain function of the package;
a :class:`~ka_site.pages.SiteBuildError` becomes MkDocs' own error, which stops the build with its
message. Moving to another generator means rewriting this file only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ka_site import ui_text
from ka_site.build import (
    accessibility,
    language_switch,
    module_preload,
    not_found,
    permalinks,
    theme_script,
    vendor,
    worksheets,
)
from ka_site.build.engine import engine_start, pyodide_assets
from ka_site.build.offline import offline
from ka_site.build.room import room_join
from ka_site.build.room.page import add_room_head
from ka_site.build.search import search_per_language
from ka_site.build.widgets import calculator_widgets
from ka_site.pages import Lang, PageRef, SiteBuildError
from ka_site.paths import language_prefix


class KaSiteConfig(base.Config):
    """The plugin takes no options: what the site needs is in ``mkdocs.yml`` already."""


def page_ref(page: Page) -> PageRef:
    """What the site's code needs of an MkDocs page."""
    return PageRef(src_uri=page.file.src_uri, url=page.url)


def building_language(config: MkDocsConfig) -> Lang:
    """The language being built: the i18n plugin sets the theme's language for each build."""
    return "zh" if str(config.theme.get("language", "en")).startswith("zh") else "en"


def inside_another_build(config: MkDocsConfig) -> bool:
    """True while the i18n plugin builds a language inside the default one's build."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


@contextmanager
def build_step() -> Iterator[None]:
    """A step of the site's code: its :class:`SiteBuildError` stops the build with its message."""
    try:
        yield
    except SiteBuildError as error:
        raise PluginError(str(error)) from error


class KaSitePlugin(BasePlugin[KaSiteConfig]):
    """The site's own build steps, in the order MkDocs hooks ran them."""

    #: ``serve`` under ``mkdocs serve`` (no offline copy then), else ``build`` (set at startup).
    command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        language_switch.quiet_the_known_warning()

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates see the site's words as ``ka_words[lang]``, where a language's
        pages sit as ``ka_language_prefix(lang)``, and the engine's early start as
        ``ka_engine``."""
        with build_step():
            env.globals["ka_words"] = ui_text.theme_words()
            env.globals["ka_language_prefix"] = language_prefix
            env.globals["ka_engine"] = engine_start.early_start()
        return env

    def on_serve(
        self,
        server: LiveReloadServer,
        /,
        *,
        config: MkDocsConfig,
        builder: Callable[..., Any],
    ) -> LiveReloadServer:
        """``mkdocs serve`` rebuilds when the site's words change, as when a page does."""
        server.watch(str(ui_text.UI_DIR))
        return server

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        with build_step():
            return calculator_widgets.expand_band_markers(markdown, page_ref(page))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        ref = page_ref(page)
        with build_step():
            html = calculator_widgets.render_markers(html, ref)
            html = room_join.render_markers(html, ref, config.site_url)
            html = accessibility.label_checkboxes(html)
            html = permalinks.name_permalinks(html, ref.lang)
            html = worksheets.prepare_worksheets(html, ref.lang)
            return offline.render_ready_button(html, building_language(config))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        ref = page_ref(page)
        with build_step():
            output = language_switch.point_alternates_at_roots(output, ref)
            output = search_per_language.point_chinese_base(output, ref)
            output = module_preload.add_module_preloads(output, ref)
            output = theme_script.defer_theme_script(output)
            if config.extra.get("room"):  # built by the room command (KA_ROOM)
                output = add_room_head(output, ref, building_language(config))
            return offline.add_offline_head(output, ref, building_language(config))

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's 404 page, once per language (Chinese: ``zh/404.html``)."""
        if template_name != not_found.TEMPLATE:
            return output_content
        with build_step():
            return not_found.place(
                output_content, building_language(config), Path(config.site_dir), config.site_url
            )

    def _each_language_built(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        with build_step():
            pyodide_assets.publish_engine(site)
            vendor.publish_vendor(site)
            language_switch.write_chinese_sitemap(site)

    @event_priority(-200)  # after the i18n plugin (-100) has built every language
    def _search_index_split(self, config: MkDocsConfig) -> None:
        with build_step():
            search_per_language.split_site_index(Path(config.site_dir))

    @event_priority(-300)  # last: the service worker is made from the finished site
    def _offline_copy(self, config: MkDocsConfig) -> None:
        if inside_another_build(config):
            return  # a language built inside the default one: the last build does this once
        with build_step():
            offline.write_offline_copy(Path(config.site_dir), serving=self.command == "serve")

    on_post_build = CombinedEvent(_each_language_built, _search_index_split, _offline_copy)
