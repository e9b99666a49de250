"""The engine's own test suite, run inside Pyodide (Python 3.14) under Node."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELS = ROOT / ".cache" / "pyodide-wheels"
#: openpyxl and et-xmlfile as the site serves them to a reader who opens an Excel file.
XLSX_WHEELS = ROOT / ".cache" / "xlsx-wheels"

pytestmark = pytest.mark.pyodide


@pytest.mark.timeout(360)  # the whole engine suite in one Node process, limited below
def test_the_engine_suite_passes_in_the_browser_python(tmp_path):
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists() or not shutil.which("node"):
        pytest.skip("Pyodide or Node is not installed; run scripts/setup.sh --test")
    if not (WHEELS / ".complete").exists():
        pytest.skip("the pytest wheels for Pyodide are missing; run scripts/setup.sh --test")
    for wheel in [*WHEELS.glob("*.whl"), *XLSX_WHEELS.glob("*.whl")]:
        shutil.copy(wheel, tmp_path)
    build = [sys.executable, "-m", "ka_site.build.engine.build_wheel", str(tmp_path)]
    subprocess.run(build, check=True, capture_output=True)
    run = subprocess.run(
        [
            "node",
            str(ROOT / "scripts" / "pyodide_pytest.mjs"),
            str(tmp_path),
            "-q",
            # ka_site is not installed in Pyodide: the tests' CRM exports and the wheel's
            # reproducibility test read its stdlib-only modules from the checkout
            "-o",
            "pythonpath=tests scripts",
            # the time limit per test (pyproject's `timeout`) is CPython's: pytest-timeout needs
            # a signal or a thread, and this whole run has its own limit below
            "-W",
            "ignore:Unknown config option:pytest.PytestConfigWarning",
            "tests",
            "--ignore=tests/browser",
            "--ignore=tests/site",
            "--ignore=tests/test_pyodide_runtime.py",
            # the text's own checks read the repository and need its linter, not the engine
            "--ignore=tests/test_typography.py",
            "--ignore=tests/test_terms.py",
            # the room's join page is drawn at build time, with segno, not in the browser
            "--ignore=tests/test_room_join.py",
            # the room's service runs on the trainer's laptop, in CPython (segno, SQLite)
            "--ignore=tests/test_room_service.py",
            # the home-screen icons are rendered at build time, with resvg, not in the browser
            "--ignore=tests/test_icons.py",
            # the site's own package is checked where it runs, in CPython
            "--ignore=tests/test_site_package.py",
            # the reader's words, the search's dictionary (jieba) and the worksheets' build
            # step are the site's, checked at build time in CPython
            "--ignore=tests/test_reader_words.py",
            "--ignore=tests/test_search_words.py",
            "--ignore=tests/test_worksheets.py",
            # the serve command's headers are the laptop's server's (WhiteNoise, Brotli)
            "--ignore=tests/test_host_headers.py",
            # the suite's own harness starts pytest in a subprocess, which Pyodide cannot
            "--ignore=tests/test_suite_harness.py",
            # the browser's standard library is repacked at build time, in CPython
            "--ignore=tests/test_stdlib_zip.py",
            # the page's word keys and the README's reference parts are the site's, read from
            # the checkout in CPython
            "--ignore=tests/test_ui_keys.py",
            "--ignore=tests/test_readme_reference.py",
            "--ignore=tests/test_readme_sections.py",
            # the theme's files are the site build's, installed in CPython
            "--ignore=tests/test_material_seam.py",
            # so is Pyodide's distribution, and the seam's own checks start Node
            "--ignore=tests/test_pyodide_seam.py",
            "-k",
            "not appears_on_its_page",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = run.stdout[-3000:] + run.stderr[-3000:]
    assert run.returncode == 0, report
    assert "Python 3.14" in run.stdout, report
    assert " passed" in run.stdout and " failed" not in run.stdout, report
