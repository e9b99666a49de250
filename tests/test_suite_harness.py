"""The test suite itself fails fast: every test has a time limit (pytest-timeout, configured in
pyproject.toml), and a test that hangs on purpose fails within its limit, with its stack, while
the run goes on to the next test."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="the browser's Python runs no processes"
)

ROOT = Path(__file__).resolve().parent.parent

HANGS = """
import threading


def wait_for_an_answer_that_never_comes():
    threading.Event().wait()  # no time limit: only the test's own limit ends it


def test_that_hangs():
    wait_for_an_answer_that_never_comes()


def test_after_the_hang():
    assert 6 * 7 == 42
"""


def run_pytest(folder: Path, *args: str, limit: float = 120) -> tuple[float, str, int]:
    """``python -m pytest`` in ``folder`` (its own configuration, no cache): seconds, output
    and exit code."""
    (folder / "pytest.ini").write_text("[pytest]\n", "utf-8")
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=limit,
    )
    return time.monotonic() - started, run.stdout + run.stderr, run.returncode


def test_every_test_has_a_time_limit_that_fails_a_hang_within_minutes():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    limit = float(options["ini_options"]["timeout"])
    assert 30 <= limit <= 120  # a cold Python in the page on a loaded machine, not a hang


def test_this_run_gives_each_test_the_configured_limit(request):
    assert float(request.config.getini("timeout")) > 0
    assert request.config.getoption("timeout") in (None, float(request.config.getini("timeout")))


def test_a_test_that_hangs_fails_within_its_limit_with_its_stack(tmp_path):
    (tmp_path / "test_hangs.py").write_text(HANGS, "utf-8")
    seconds, output, code = run_pytest(tmp_path, "-o", "timeout=3")
    assert code == 1, output
    assert "Timeout (>3.0s) from pytest-timeout" in output
    assert "wait_for_an_answer_that_never_comes" in output  # where it hung, in its stack
    assert "1 failed, 1 passed" in output  # the run went on to the next test
    assert seconds < 60, output


def test_a_hang_in_a_session_fixture_fails_the_test_that_waits_for_it(tmp_path):
    (tmp_path / "test_fixture_hangs.py").write_text(
        textwrap.dedent(
            """
            import threading
            import pytest


            @pytest.fixture(scope="session")
            def something_built_once():
                threading.Event().wait()


            def test_waits_for_it(something_built_once):
                pass
            """
        ),
        "utf-8",
    )
    seconds, output, code = run_pytest(tmp_path, "-o", "timeout=3")
    assert code == 1, output
    assert "Timeout (>3.0s) from pytest-timeout" in output
    assert seconds < 60, output
