"""The Pyodide seam: what the site relies on of Pyodide beyond its documented API is in two
modules written for one release (``docs/javascripts/pyodide-seam.mjs`` for how Pyodide starts in
the browser, ``ka_site.build.engine.pyodide_seam`` for the files of its distribution), and these
tests fail, each naming what an upgrade must re-check, when the installed Pyodide is another
release or no longer does what the seam relies on. A test also keeps every other module off those
internals.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest

from ka_site.build.engine.pyodide_seam import (
    CORE,
    LOADER,
    LOCK_FILE,
    PYODIDE_DIR,
    PYODIDE_SEAM_JS,
    PYODIDE_VERSION,
    PYTHON_VERSION,
    RUNTIME_FILES,
    SELF_FETCHED,
    STDLIB,
    WASM,
    installed_version,
)
from ka_site.paths import ROOT

#: The two halves of the seam, as the failures name them.
JS_SEAM = "docs/javascripts/pyodide-seam.mjs"
PY_SEAM = "ka_site.build.engine.pyodide_seam"
UPGRADE = (
    "Pyodide {installed} is installed, the seam was written for {version}: re-check what "
    f"{JS_SEAM} and {PY_SEAM} say they rely on, then change PYODIDE_VERSION in both"
)


def installed(name: str) -> str:
    """A file of the installed distribution, as text; fails, saying so, when it is missing."""
    path = PYODIDE_DIR / name
    assert path.exists(), f"{name} is missing from {PYODIDE_DIR}: run scripts/setup.sh"
    return path.read_text("utf-8")


@cache
def seam_exports() -> dict:
    """The browser seam's constants, as Node imports the module (it touches no browser global
    when imported: the build's snapshot imports it under Node too)."""
    node = shutil.which("node")
    assert node, "Node is not installed: run scripts/setup.sh"
    script = (
        "const seam = await import(process.argv[1]);"
        "console.log(JSON.stringify({version: seam.PYODIDE_VERSION, files: seam.RUNTIME_FILES,"
        " logs: seam.FATAL_LOGS, couldNotFetch: seam.COULD_NOT_FETCH}));"
    )
    run = subprocess.run(
        [node, "--input-type=module", "-e", script, PYODIDE_SEAM_JS.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(run.stdout)


# ------------------------------------------------------------------------ the release


def test_the_installed_pyodide_is_the_release_the_seam_was_written_for():
    pin = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]["pyodide"]
    locked = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    assert pin == PYODIDE_VERSION, f"package.json pins Pyodide {pin}: " + UPGRADE.format(
        installed=pin, version=PYODIDE_VERSION
    )
    assert locked["packages"]["node_modules/pyodide"]["version"] == PYODIDE_VERSION, (
        "package-lock.json locks another Pyodide than package.json pins: run npm install"
    )
    found = installed_version()
    assert found is not None, f"Pyodide is not installed in {PYODIDE_DIR}: run scripts/setup.sh"
    assert found == PYODIDE_VERSION, UPGRADE.format(installed=found, version=PYODIDE_VERSION)
    assert seam_exports()["version"] == PYODIDE_VERSION, (
        f"{JS_SEAM} and {PY_SEAM} name different releases"
    )
    # the loader checks its own version against the core's: the two must be this release
    assert f'"{PYODIDE_VERSION}"' in installed(LOADER), f"{LOADER} is not Pyodide {found}"


def test_the_python_inside_pyodide_is_the_one_the_browser_wheels_are_downloaded_for():
    info = json.loads(installed(LOCK_FILE))["info"]
    assert info["python"].startswith(PYTHON_VERSION + "."), (
        f"Pyodide's Python is {info['python']}, the seam says {PYTHON_VERSION}: change "
        f"PYTHON_VERSION in {PY_SEAM} (scripts/setup.sh downloads openpyxl's and the Pyodide "
        "tests' wheels for it) and run scripts/setup.sh again"
    )


# ------------------------------------------------------------------------ its files


def test_every_runtime_file_the_site_serves_is_in_the_distribution():
    missing = [name for name in RUNTIME_FILES if not (PYODIDE_DIR / name).exists()]
    assert not missing, (
        f"the distribution no longer has {missing}: re-check RUNTIME_FILES in "
        f"{PY_SEAM} (what the site serves) and what the loader loads by itself"
    )


def test_the_loader_still_fetches_its_two_big_files_itself_by_name():
    assert tuple(seam_exports()["files"]) == SELF_FETCHED, (
        "the two seams name different files Pyodide fetches by itself"
    )
    loader = installed(LOADER)
    for name in SELF_FETCHED:
        assert f'"{name}"' in loader, (
            f"{LOADER} no longer names {name}: the device's copy of it is no longer what "
            "Pyodide asks for (pyodide-seam.mjs, RUNTIME_FILES and startPyodide)"
        )
    assert CORE in loader, f"{LOADER} no longer loads {CORE}: re-check RUNTIME_FILES in {PY_SEAM}"
    # in a browser its files come through the global fetch, which the seam answers from the
    # device while Pyodide starts
    named = re.search(r'o\((\w+),"browser_getBinaryResponse"\)', loader)
    body = named and re.search(r"function " + named[1] + r"\(.*?\bo\(" + named[1] + ",", loader)
    assert body and "fetch(" in body[0], (
        f"{LOADER} no longer fetches its files with the global fetch in a browser: the "
        "device's copies are no longer read (pyodide-seam.mjs, answeringRuntimeFiles)"
    )


def test_the_standard_library_is_a_zip_of_modules_at_its_root():
    with zipfile.ZipFile(PYODIDE_DIR / STDLIB) as archive:
        names = set(archive.namelist())
    assert {"os.py", "json/__init__.py", "encodings/gb18030.py"} <= names, (
        f"{STDLIB} no longer holds the standard library's modules at its root: re-check "
        "ka_site.build.engine.stdlib_zip, which repacks it"
    )


# ------------------------------------------------------------------------ how it starts


def test_pyodide_still_only_logs_a_start_that_failed():
    loader = installed(LOADER)
    for marker in seam_exports()["logs"]:
        assert re.search(r"console\.(warn|error)\(\"" + re.escape(marker), loader), (
            f"{LOADER} no longer logs {marker!r}: re-check how a failed start shows "
            "(FATAL_LOGS in pyodide-seam.mjs); if Pyodide now rejects, the watch can go"
        )
    words = seam_exports()["couldNotFetch"]
    assert f"': {words}." in loader, (
        f"{LOADER} no longer says {words!r} for a file it could not fetch: re-check "
        "COULD_NOT_FETCH in pyodide-seam.mjs (the reader is told a file could not be downloaded)"
    )


def test_the_private_snapshot_options_are_still_there():
    loader, core, types = installed(LOADER), installed(CORE), installed("pyodide.d.ts")
    assert "_loadSnapshot" in loader and "_loadSnapshot?:" in types, (
        "loadPyodide no longer takes _loadSnapshot: the browser cannot restore the build's "
        "snapshot (pyodide-seam.mjs, startPyodide)"
    )
    assert "_makeSnapshot" in core and "_makeSnapshot?:" in types, (
        "loadPyodide no longer takes _makeSnapshot: the build cannot make a snapshot "
        "(pyodide-seam.mjs, startForSnapshot; scripts/make_snapshot.mjs)"
    )
    assert "makeMemorySnapshot" in core and "makeMemorySnapshot(" in types, (
        "pyodide.makeMemorySnapshot is gone: the build cannot make a snapshot "
        "(pyodide-seam.mjs, memorySnapshot)"
    )


# ------------------------------------------------------------------------ the only place

#: What only the seam may use: the private snapshot API, the log lines it watches, the runtime's
#: files by name, and replacing the global fetch.
INTERNALS = (
    "_loadSnapshot",
    "_makeSnapshot",
    "makeMemorySnapshot",
    "wasm instantiation failed",
    "installing the standard library",
    '"pyodide.asm.wasm"',
    '"python_stdlib.zip"',
)
FETCH_REPLACED = re.compile(r"\b(self|globalThis|window)\.fetch\s*=[^=]")


def browser_and_node_modules() -> list[Path]:
    return sorted(
        [
            *(ROOT / "docs" / "javascripts").glob("*.mjs"),
            *(ROOT / "docs" / "javascripts").glob("*.js"),
            *(ROOT / "scripts").glob("*.mjs"),
        ]
    )


def test_no_module_but_the_seam_uses_pyodides_internals():
    found = []
    for path in browser_and_node_modules():
        if path == PYODIDE_SEAM_JS:
            continue
        source = path.read_text("utf-8")
        found += [f"{path.relative_to(ROOT)}: {word}" for word in INTERNALS if word in source]
        if FETCH_REPLACED.search(source):
            found.append(f"{path.relative_to(ROOT)}: replaces the global fetch")
    assert not found, "Pyodide's internals outside docs/javascripts/pyodide-seam.mjs: " + str(found)


def test_no_site_module_but_the_seam_names_the_distributions_files():
    found = []
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        if path.name == "pyodide_seam.py" or ".venv" in path.parts:
            continue
        source = path.read_text("utf-8")
        for name in set(RUNTIME_FILES) - {LOADER}:  # the loader's name is public
            if f'"{name}"' in source or f"'{name}'" in source:
                found.append(f"{path.relative_to(ROOT)}: {name}")
    assert not found, f"Pyodide's file names outside {PY_SEAM}: {found}"


def test_the_seam_holds_every_internal_the_other_modules_are_kept_off():
    seam = PYODIDE_SEAM_JS.read_text("utf-8")
    assert all(word in seam for word in INTERNALS) and FETCH_REPLACED.search(seam), (
        "the seam no longer holds every use of Pyodide's internals the tests look for: "
        "update INTERNALS here"
    )


# ------------------------------------------------------------------------ under Node


def node_check(*args: str) -> dict:
    """Run scripts/pyodide_seam_check.mjs (the seam against the installed Pyodide, in Node)."""
    if not (PYODIDE_DIR / LOADER).exists() or not shutil.which("node"):
        pytest.fail("Pyodide or Node is not installed: run scripts/setup.sh")
    run = subprocess.run(
        ["node", str(ROOT / "scripts" / "pyodide_seam_check.mjs"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.pyodide
@pytest.mark.timeout(150)
def test_a_snapshot_made_through_the_seam_restores_python_as_it_was():
    result = node_check("snapshot")
    assert result["mark"] == result["expected"], (
        "a snapshot made with _makeSnapshot and makeMemorySnapshot, restored with "
        f"_loadSnapshot, lost Python's state: {result}"
    )


@pytest.mark.pyodide
@pytest.mark.timeout(150)
@pytest.mark.parametrize(("how", "file"), [("damaged", WASM), ("missing", STDLIB)])
def test_a_start_that_pyodide_only_logs_as_failed_fails(how, file):
    result = node_check(how, file)
    assert result["ended"] == "failed" and result["name"] == "PyodideStartFailure", (
        f"with {file} {how}, the start ended {result}: re-check FATAL_LOGS in "
        "pyodide-seam.mjs (a reader would wait for ever, or compute without a standard library)"
    )
