"""Serve Pyodide and the calculators package from the site itself.

After each build, the Pyodide runtime files (named by ``ka_site.build.engine.pyodide_seam``) are
copied from ``node_modules/pyodide`` (the npm package pinned in package-lock.json) into
``assets/pyodide/<version>/``, the ``calculators`` package is built into a wheel under
``assets/wheels/<version>/`` (one version for the three: ``ka_site.build.engine.engine_version``),
and a gzipped Pyodide memory snapshot with the package imported is written beside the runtime
(made once per wheel, then cached), so a browser can restore a ready Python instead of starting
one. The site asks no other host for anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
from pathlib import Path

from ka_site.build.engine.build_wheel import build_wheel
from ka_site.build.engine.engine_version import engine_version
from ka_site.build.engine.pyodide_seam import (
    PACKAGE_JSON,
    PYODIDE_DIR,
    PYODIDE_SEAM_JS,
    RUNTIME_FILES,
    STDLIB,
)
from ka_site.build.engine.stdlib_zip import repack_stdlib
from ka_site.pages import SiteBuildError
from ka_site.paths import ROOT, USER_CACHE

log = logging.getLogger("mkdocs.plugins.ka_site.build.engine.pyodide_assets")
#: How the snapshot is made: the script, and the seam through which it starts Pyodide.
SNAPSHOT_RECIPE = (ROOT / "scripts" / "make_snapshot.mjs", PYODIDE_SEAM_JS)
# The standard library (STDLIB) is served repacked (``ka_site.build.engine.stdlib_zip``): without
# what no page runs, compressed by the server.
SNAPSHOT_NAME = "calculators.snapshot.gz"
SNAPSHOT_CACHE = USER_CACHE / "pyodide-snapshot"
SNAPSHOTS_KEPT = 4  # the latest few: checkouts at other commits keep theirs


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists():
        s, t = source.stat(), target.stat()
        if s.st_size == t.st_size and s.st_mtime <= t.st_mtime:
            return
    shutil.copy2(source, target)


def publish_engine(site: Path) -> None:
    """Into the built site ``site``: the runtime, the wheel, the snapshot and the Excel wheels."""
    missing = [name for name in RUNTIME_FILES if not (PYODIDE_DIR / name).exists()]
    if missing:
        raise SiteBuildError(
            f"Pyodide is not installed ({', '.join(missing)} missing from {PYODIDE_DIR}); "
            "run scripts/setup.sh (it runs `npm ci`)."
        )
    version = engine_version()  # runtime, wheel and snapshot share one versioned address
    target = site / "assets" / "pyodide" / version
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        if name == STDLIB:
            if not (target / name).exists():  # the folder's version covers the repacking
                repack_stdlib(PYODIDE_DIR / name, target / name)
        else:
            _copy_if_changed(PYODIDE_DIR / name, target / name)
    wheel = build_wheel(site / "assets" / "wheels" / version)
    snapshot = _snapshot_for(wheel, target / STDLIB)
    shutil.copyfile(snapshot, target / SNAPSHOT_NAME)
    _copy_xlsx_wheels(wheel.parent)  # beside the project's wheel, where the worker looks


XLSX_WHEELS = ROOT / ".cache" / "xlsx-wheels"
XLSX_LIST = "xlsx.json"


def _copy_xlsx_wheels(wheels: Path) -> None:
    """openpyxl and et_xmlfile (downloaded by scripts/setup.sh), installed by the worker only
    when a reader picks an Excel file; ``xlsx.json`` lists them beside the project's wheel."""
    found = sorted(XLSX_WHEELS.glob("*.whl")) if XLSX_WHEELS.is_dir() else []
    if not found:
        log.info(  # not a warning: a --strict build of a setup without them still works
            "openpyxl wheels missing from %s: Excel import/export is off in this build "
            "(run scripts/setup.sh)",
            XLSX_WHEELS,
        )
        (wheels / XLSX_LIST).unlink(missing_ok=True)
        return
    for source in found:
        _copy_if_changed(source, wheels / source.name)
    (wheels / XLSX_LIST).write_text(json.dumps([w.name for w in found]), "utf-8")


def _snapshot_for(wheel: Path, stdlib: Path) -> Path:
    """The memory snapshot of this exact wheel, made once (``scripts/make_snapshot.mjs``).

    It is made with the standard library the site serves (``stdlib``, repacked): Python keeps
    where each file sits in that archive, so a snapshot made over another archive cannot import
    a module it had not imported yet (say the GB18030 codec, for a CSV saved by Chinese Excel).
    """
    digest = hashlib.sha256(
        wheel.read_bytes()
        + stdlib.read_bytes()
        + PACKAGE_JSON.read_bytes()
        + b"".join(path.read_bytes() for path in SNAPSHOT_RECIPE)
    )
    cached = SNAPSHOT_CACHE / f"{digest.hexdigest()[:16]}.gz"
    if cached.exists():
        cached.touch()  # in use: among the latest
    else:
        SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
        older = sorted(SNAPSHOT_CACHE.glob("*.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in older[SNAPSHOTS_KEPT - 1 :]:
            old.unlink(missing_ok=True)
        making = cached.with_name(f"{cached.stem}.{os.getpid()}.part")  # whole, or not there
        made = subprocess.run(
            [
                "node",
                str(SNAPSHOT_RECIPE[0]),
                str(wheel),
                str(making),
                str(stdlib),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            making.unlink(missing_ok=True)
            raise SiteBuildError(f"making the Pyodide snapshot failed:\n{made.stderr[-2000:]}")
        making.replace(cached)
    return cached
