"""Where things are: the repository (the site's code reads its pages, partials and npm packages
there) and a language's pages under the site's root."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's root (``scripts/ka_site/`` is two levels below it). The package is installed
#: editable (``scripts/setup.sh``), so this is the checkout it was installed from.
ROOT = Path(__file__).resolve().parents[2]

#: What a build makes once and any checkout on this machine can reuse, named by the content it
#: was made from (compressed copies, the Pyodide snapshot): the user's cache, as pip keeps its
#: downloads, so a new checkout or a test run's fresh build does not redo tens of seconds of work.
USER_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ka-playbook"


def language_prefix(lang: str) -> str:
    """Where a language's pages sit under the site's root: Chinese under ``zh/``, English at the
    root (mkdocs-static-i18n's layout, ``mkdocs.yml``)."""
    return "zh/" if lang == "zh" else ""


def language_of(address: str) -> str:
    """The language of a page from its address relative to the site's root (a leading ``/`` is
    allowed): ``zh`` for an address under :func:`language_prefix` ``("zh")``, ``en`` otherwise."""
    return "zh" if address.lstrip("/").startswith(language_prefix("zh")) else "en"
