"""The site's own code: everything around the engine that builds, checks and serves the playbook.

The engine (``calculators``) computes; this package turns it into a site and runs the site's
tools. Its modules are plain typed functions, apart from one thin MkDocs adapter
(:mod:`ka_site.plugin`), so a move to another static-site generator rewrites the adapter only.
They are grouped by job, one folder per job (as Material for MkDocs keeps its plugins):

* the shared core, at the top: where things are (:mod:`ka_site.paths`), what the site's code
  knows of a page (:mod:`ka_site.pages`: :class:`~ka_site.pages.PageRef`, the build's error), the
  site's words, one file per language (``ui/en.toml``, ``ui/zh.toml``; :mod:`ka_site.ui_text`),
  and the glossary's one term per concept (:mod:`ka_site.glossary_terms`);
* the build steps (:mod:`ka_site.build`), run by the adapter: the page widgets and the calculator
  index, the room's join page, checklist labels, the engine the browser runs (its wheel, its
  version, the Pyodide runtime and snapshot, the Excel wheels), one search index and sitemap per
  language, the offline copy and manifests;
* the commands (:mod:`ka_site.commands`): serving (``python -m ka_site.commands.serve``), room
  mode and its service (``python -m ka_site.commands.room``), the Chinese text lint
  (``python -m ka_site.commands.lint``) and the README's module reference;
* what the tests and the benchmark share (:mod:`ka_site.testing`): the page's test hooks, the CRM
  exports, a phone's flow through the group exercise, room mode measured.

Imports run one way: the core imports no build step, command or test support; a build step no
command; a command no test support (``tests/test_layers.py``).

It lives in ``scripts/ka_site/`` and is installed editable by ``scripts/setup.sh`` (``pip install
-e``; ``pyproject.toml`` maps the package to that folder). Not under ``docs/overrides/``: MkDocs
copies every file of the theme's folder that is not Python or a template into the built site.
"""
