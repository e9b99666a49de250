"""The site's build steps: what the plugin ``ka_site`` (:mod:`ka_site.plugin`) runs while MkDocs
builds the site, one module per step, or one folder where a step has several modules.

A step is a plain typed function over a page's HTML and its :class:`~ka_site.pages.PageRef`, or
over the built site's folder; none of them knows MkDocs. In the order the plugin runs them:

* the page's widgets: the calculators, their band tables and the calculator index
  (:mod:`ka_site.build.widgets`), the room's join page (:mod:`ka_site.build.room`), checklist
  labels (:mod:`ka_site.build.accessibility`), heading links named in the page's language
  (:mod:`ka_site.build.permalinks`), worksheets ready for paper (:mod:`ka_site.build.worksheets`);
* the page's ``<head>`` and scripts: the other language's addresses
  (:mod:`ka_site.build.language_switch`), a Chinese page's search base
  (:mod:`ka_site.build.search`), the calculators' modules preloaded
  (:mod:`ka_site.build.module_preload`), the theme's script deferred
  (:mod:`ka_site.build.theme_script`), the room's data in room mode
  (:mod:`ka_site.build.room.page`), the offline copy's links (:mod:`ka_site.build.offline`);
* the page-not-found page per language (:mod:`ka_site.build.not_found`);
* after each language's build: the engine the browser runs, Pyodide, the wheel and the snapshot
  under one version (:mod:`ka_site.build.engine`), the npm modules the page imports
  (:mod:`ka_site.build.vendor`), the Chinese sitemap (:mod:`ka_site.build.language_switch`);
* after every language: one search index per language (:mod:`ka_site.build.search`), then the
  offline copy, the manifests and the icons (:mod:`ka_site.build.offline`).

Steps import the shared core at the top of the package (``paths``, ``pages``, ``ui_text``,
``glossary_terms``) and each other, never a command or the test support
(``tests/test_layers.py``).
"""
