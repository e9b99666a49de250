"""Whether a built site is still what a build would make: the serve command starts again at once.

A trainer's laptop closes its lid, the server is stopped with Ctrl+C or crashes: started again
with the same address, ``bash scripts/serve.sh`` (and ``--room``) would rebuild a site that has
not changed, 10-30 s while the room waits. The build records what it was made from (a
*fingerprint*: every source file's bytes, the address and the mode it was built for, the
installed packages' versions) and what it wrote (every file's path, size and time); a start
that finds both unchanged serves the site as it is.

The record is kept in the user's cache (``~/.cache/ka-playbook/builds``), not in the site: the
site is served as it is, and a file of ours there would be served too.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from ka_site.paths import ROOT, USER_CACHE

#: What the build reads from the repository: the pages, the engine, the site's own code, the
#: site's configuration and the pinned packages (Python and npm: Pyodide comes from npm).
SOURCES = (
    "docs",
    "calculators",
    "scripts",
    "mkdocs.yml",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
)
RECORDS = USER_CACHE / "builds"
#: Files that never change what is built (Python's own caches of compiled modules).
SKIPPED_PARTS = {"__pycache__"}


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and not SKIPPED_PARTS.intersection(p.parts)
    )


def fingerprint(site_url: str, room: bool, root: Path = ROOT) -> str:
    """What a build for ``site_url`` (room mode's pages or not) is made from, as one hash."""
    digest = hashlib.sha256()
    packages = sorted(f"{d.name}=={d.version}" for d in metadata.distributions())
    digest.update(json.dumps([site_url, room, sys.version, packages]).encode())
    for name in SOURCES:
        for path in _files(root / name):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _listing(site: Path) -> str:
    """Every file of the built site: its path, size and time of change, as one hash."""
    digest = hashlib.sha256()
    for path in _files(site):
        stat = path.stat()
        digest.update(f"{path.relative_to(site)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _record_path(site: Path) -> Path:
    return RECORDS / (hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:24] + ".json")


def is_current(site: Path, made_from: str) -> bool:
    """Whether ``site`` holds the build of ``made_from`` (a :func:`fingerprint`), untouched."""
    record = _record_path(site)
    if not (site / "index.html").is_file() or not record.is_file():
        return False
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(kept == {"made_from": made_from, "site": _listing(site)})


def remember(site: Path, made_from: str) -> None:
    """Record that ``site`` now holds the build of ``made_from`` (written whole, or not at all)."""
    record = _record_path(site)
    record.parent.mkdir(parents=True, exist_ok=True)
    partial = record.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps({"made_from": made_from, "site": _listing(site)}), "utf-8")
    partial.replace(record)


def forget(site: Path) -> None:
    """A build into ``site`` begins: until it ends, the site is nobody's build."""
    _record_path(site).unlink(missing_ok=True)
