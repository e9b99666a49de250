"""The one module that knows how Pyodide's distribution is laid out, written for Pyodide 314.0.7.

``PYODIDE_VERSION`` names the release, as ``docs/javascripts/pyodide-seam.mjs`` does for the
browser's half (how Pyodide starts, its snapshots, the files it fetches by itself);
``tests/test_pyodide_seam.py`` fails, naming what to re-check, when the installed Pyodide
(``node_modules/pyodide``, pinned in package.json) is another one or no longer has what is
relied on here. What the build assumes of the npm package:

* the runtime is five files at its top (``RUNTIME_FILES``): the loader ``pyodide.mjs`` the
  worker imports, which loads ``pyodide.asm.mjs`` and fetches ``pyodide.asm.wasm``,
  ``python_stdlib.zip`` and ``pyodide-lock.json``, each from its own folder (``indexURL``), by
  these names; the site serves those five and no other;
* the standard library is a zip archive of the standard library's modules at its root, imported
  from where Pyodide mounts it (``ka_site.build.engine.stdlib_zip`` repacks it);
* its Python is ``PYTHON_VERSION`` (the lock file's ``info.python``): the pure-Python wheels
  served beside the engine (openpyxl) and those of the engine's tests inside Pyodide are
  downloaded for it (``scripts/setup.sh`` asks
  ``python -m ka_site.build.engine.pyodide_seam python``).

No field of ``pyodide-lock.json`` is read at build time: the site loads no package of
Pyodide's, only wheels of its own.
"""

from __future__ import annotations

import json
import sys

from ka_site.paths import ROOT

PYODIDE_VERSION = "314.0.7"
#: The Python inside that release (major.minor).
PYTHON_VERSION = "3.14"

#: Where ``npm ci`` installs the distribution.
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
#: The installed release's version is read from here; it is part of the engine's version.
PACKAGE_JSON = PYODIDE_DIR / "package.json"
#: The browser's half of the seam (also how the build's snapshot starts Pyodide).
PYODIDE_SEAM_JS = ROOT / "docs" / "javascripts" / "pyodide-seam.mjs"

LOADER = "pyodide.mjs"
CORE = "pyodide.asm.mjs"
WASM = "pyodide.asm.wasm"
STDLIB = "python_stdlib.zip"
LOCK_FILE = "pyodide-lock.json"
#: Only what the runtime needs: the loader, the compiled interpreter and the standard library.
RUNTIME_FILES = (LOADER, CORE, WASM, STDLIB, LOCK_FILE)
#: The two big files Pyodide fetches by itself, which a device keeps for a quick start
#: (``RUNTIME_FILES`` in pyodide-seam.mjs).
SELF_FETCHED = (WASM, STDLIB)


def installed_version() -> str | None:
    """The version of the Pyodide npm has installed; None when it is not installed."""
    if not PACKAGE_JSON.exists():
        return None
    return str(json.loads(PACKAGE_JSON.read_text("utf-8"))["version"])


if __name__ == "__main__":
    if sys.argv[1:] != ["python"]:
        sys.exit("usage: python -m ka_site.build.engine.pyodide_seam python")
    print(PYTHON_VERSION)
