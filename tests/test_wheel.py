"""The wheel the browser runs: exactly the tracked source of the package, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ka_site.build.engine import build_wheel

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten" or shutil.which("git") is None,
    reason="needs git and a checkout",
)


def _packaged(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if ".dist-info/" not in name}


def test_the_same_source_builds_the_same_bytes(tmp_path):
    first = build_wheel.build_wheel(tmp_path / "a").read_bytes()
    second = build_wheel.build_wheel(tmp_path / "b").read_bytes()
    assert first == second


def test_the_wheel_holds_the_tracked_code_and_question_banks(tmp_path):
    tracked = subprocess.run(
        ["git", "ls-files", "calculators"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    shipped = {
        path
        for path in tracked
        if path.endswith((".py", ".json")) and not path.startswith(build_wheel.LEFT_OUT)
    }
    assert _packaged(build_wheel.build_wheel(tmp_path)) == shipped
    assert "calculators/banks/grades.json" in shipped


def test_a_file_git_does_not_track_never_reaches_a_reader(tmp_path, monkeypatch, capsys):
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "calculators", checkout / "calculators")
    shutil.copy(ROOT / "pyproject.toml", checkout)
    subprocess.run(["git", "init", "-q"], cwd=checkout, check=True)
    subprocess.run(["git", "add", "calculators"], cwd=checkout, check=True)
    (checkout / "calculators" / "scratch_notes.py").write_text("SECRET = 1\n", "utf-8")
    monkeypatch.setattr(build_wheel, "ROOT", checkout)

    packaged = _packaged(build_wheel.build_wheel(tmp_path / "out"))

    assert "calculators/models/screening.py" in packaged
    assert "calculators/scratch_notes.py" not in packaged
    assert "scratch_notes.py" in capsys.readouterr().err
