"""The site's own code: everything around the engine that builds, checks and serves the playbook.

The engine (``calculators``) computes; this package turns it into a site and runs the site's
tools. Its modules are plain typed functions, apart from one thin MkDocs adapter
(:mod:`ka_site.plugin`), so a move to another static-site generator rewrites the adapter only:

* the page widgets and the calculator index (:mod:`ka_site.calculator_widgets`), the room's join
  page (:mod:`ka_site.room_join`), checklist labels (:mod:`ka_site.accessibility`), all given a
  page as a :class:`~ka_site.pages.PageRef`;
* the site's words, one file per language (``ui/en.toml``, ``ui/zh.toml``; :mod:`ka_site.ui_text`);
* the engine the browser runs: its wheel (:mod:`ka_site.build_wheel`), its version
  (:mod:`ka_site.engine_version`), the Pyodide runtime and snapshot (:mod:`ka_site.pyodide_assets`),
  the Excel wheels (:mod:`ka_site.xlsx_pins`);
* the finished site: one search index and sitemap per language (:mod:`ka_site.search_per_language`,
  :mod:`ka_site.language_switch`), the offline copy and manifests (:mod:`ka_site.offline`);
* room mode (:mod:`ka_site.room`: its command, its SQLite store, the room service's API beside
  the static site, the room's pages and workbook);
* the commands: serving (:mod:`ka_site.serve`, ``python -m ka_site.room``), the text checks
  (:mod:`ka_site.lint_text`, :mod:`ka_site.glossary_terms`), the CRM exports the tests and the
  benchmark import (:mod:`ka_site.crm_corpus`).

It lives in ``scripts/ka_site/`` and is installed editable by ``scripts/setup.sh`` (``pip install
-e``; ``pyproject.toml`` maps the package to that folder). Not under ``docs/overrides/``: MkDocs
copies every file of the theme's folder that is not Python or a template into the built site.
"""
