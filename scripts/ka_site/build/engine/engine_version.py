"""One version for the whole engine a page talks to: Pyodide runtime, wheel and snapshot.

A page names its engine by this version (``assets/pyodide/<version>/`` for the runtime and the
snapshot, ``assets/wheels/<version>/`` for the package's wheel), so a reader's browser, a cache
or the offline copy never pairs a new page with an old engine: a changed model, a new Pyodide or
a new snapshot recipe gives new addresses, and old addresses never change their content. That is
what lets the server mark them immutable for a year.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from ka_site.build.engine.build_wheel import build_wheel, wheel_name
from ka_site.build.engine.pyodide_seam import PACKAGE_JSON, PYODIDE_SEAM_JS
from ka_site.paths import ROOT

#: What the engine is made of besides the wheel: the runtime's version, the snapshot recipe (with
#: the seam it starts Pyodide through) and how the standard library is repacked for the browser.
ENGINE_INPUTS = (
    PACKAGE_JSON,
    ROOT / "scripts" / "make_snapshot.mjs",
    PYODIDE_SEAM_JS,
    ROOT / "scripts" / "ka_site" / "build" / "engine" / "stdlib_zip.py",
)


def engine_version() -> str:
    """A short hash of the wheel's bytes, the Pyodide release, the snapshot recipe and the
    standard library's repacking."""
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory() as tmp:
        digest.update(build_wheel(Path(tmp)).read_bytes())
    for path in ENGINE_INPUTS:
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:12]


def engine_paths(version: str | None = None) -> dict[str, str]:
    """The engine's addresses relative to the site root: runtime folder and wheel."""
    version = version or engine_version()
    return {
        "engine": f"assets/pyodide/{version}/",
        "wheel": f"assets/wheels/{version}/{wheel_name()}",
    }
