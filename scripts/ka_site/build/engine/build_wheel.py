"""Build the ``calculators`` package into a pure-Python wheel for Pyodide.

Pyodide loads a ``py3-none-any`` wheel by URL, so the browser runs exactly the source that
pytest checks. Only files git tracks go in (see :func:`package_files`). The wheel is written
directly with ``zipfile`` (fixed timestamps, sorted entries): the same source gives the same
bytes, the build needs no network and no build backend, and it takes milliseconds, so every
``mkdocs build`` and ``mkdocs serve`` reload can afford it.
pyodide-build is not used: it exists to cross-compile packages with native code, needs to
download a cross-build environment, and a stdlib-only package needs none of that.

Usage: ``python -m ka_site.build.engine.build_wheel OUT_DIR`` prints the wheel's path.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from ka_site.paths import ROOT

PACKAGE = "calculators"
EPOCH = (2020, 1, 1, 0, 0, 0)
#: What ships: the code, and the drills' question banks.
SHIPPED = ("*.py", "*.json")
#: What stays out: the command line (``python -m calculators``) runs on a laptop, never in a page.
LEFT_OUT = ("calculators/__main__.py", "calculators/cli/")


def project_metadata() -> tuple[str, str]:
    """The distribution name (normalised for a wheel file name) and version from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return project["name"].replace("-", "_"), project["version"]


def wheel_name() -> str:
    name, version = project_metadata()
    return f"{name}-{version}-py3-none-any.whl"


def package_files() -> list[str]:
    """The package's files that go into the wheel: its code and the drills' question banks.

    The command line is left out (``LEFT_OUT``): the browser never runs it.

    In a git checkout only tracked files count, so a scratch file never ships to readers; a new
    module that is not yet added is named on stderr. Outside git (an unpacked source archive)
    every file of the package counts.
    """
    on_disk = sorted(
        source.relative_to(ROOT).as_posix()
        for pattern in SHIPPED
        for source in (ROOT / PACKAGE).rglob(pattern)
        if "__pycache__" not in source.parts
        and not source.relative_to(ROOT).as_posix().startswith(LEFT_OUT)
    )
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", PACKAGE],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        return on_disk
    tracked = set(listed.stdout.split("\0"))
    untracked = [path for path in on_disk if path not in tracked]
    if untracked:
        print(f"build_wheel: not tracked by git, left out: {', '.join(untracked)}", file=sys.stderr)
    return [path for path in on_disk if path in tracked]


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(out_dir: Path) -> Path:
    """Write the wheel into ``out_dir`` and return its path."""
    name, version = project_metadata()
    dist_info = f"{name}-{version}.dist-info"
    files = {path: (ROOT / path).read_bytes() for path in package_files()}
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n"
        "Requires-Python: >=3.11\n"
    ).encode()
    # The generator line names this module's old path: changing it would change the wheel's bytes,
    # hence the engine's version and every reader's cached engine, for no gain.
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: ka-playbook scripts/build_wheel.py\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{dist_info}/top_level.txt"] = f"{PACKAGE}\n".encode()
    record = [_record_line(path, data) for path, data in files.items()]
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name()
    tmp = target.with_suffix(".tmp")
    # Stored, not deflated: the server compresses the whole wheel with brotli, across files
    # (145 kB on the wire instead of 222 kB deflated file by file).
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    tmp.replace(target)
    return target


if __name__ == "__main__":
    print(build_wheel(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist")))
