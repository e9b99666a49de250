"""The README's reference parts are the code's own: the module reference is written from each
module's docstring (``ka_site.commands.readme_reference``), so a module added, removed or renamed
shows in the README or fails here; and the table "What is where" names only files and modules
that exist, and every module of the engine and of the page's scripts."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from ka_site.commands.readme_reference import END, START, readme_with_reference, reference
from ka_site.paths import ROOT


def test_the_readme_lists_every_module_as_its_docstring_says():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert START in readme and END in readme
    assert readme_with_reference(readme) == readme, (
        "README.md's module reference is out of date: run "
        "`.venv/bin/python -m ka_site.commands.readme_reference`"
    )


def test_every_module_says_what_it_is():
    missing = [line for line in reference().splitlines() if line.endswith("| — |")]
    assert not missing, missing


# ------------------------------------------------------------------------ "What is where"

#: What the table names that a build or a test run writes, not the repository.
WRITTEN_LATER = {"site/", "test-artifacts/"}
#: A file's name, not a module's (``calculators.mjs``).
FILE = re.compile(r"\.(py|mjs|js|json|toml|html|md|yml)$")
#: Where the repository's own files are (not its installed packages or built copies).
OWN = [ROOT / "calculators", ROOT / "docs", ROOT / "scripts", ROOT / "tests"]


def what_is_where() -> dict[str, str]:
    """The README's table "What is where": each path and what the README says it holds."""
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme[readme.index("## What is where") : readme.index("### Every module")]
    return dict(re.findall(r"^\| `([^`]+)` \| (.*) \|$", table, re.M))


def named_in(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def exists(name: str) -> bool:
    """A file or folder of the repository whose path ends with ``name`` (``_tail.py``,
    ``ka_site/testing/``), or a module or attribute a dotted name (``ka_site.paths.ROOT``)."""
    if re.fullmatch(r"(calculators|ka_site)(\.\w+)+", name) and not FILE.search(name):
        module, _, attribute = name.rpartition(".")
        try:
            importlib.import_module(name)
            return True
        except ImportError:
            return hasattr(importlib.import_module(module), attribute)
    path = name.rstrip("/")
    if (ROOT / path).exists():
        return True
    return any(
        str(found).endswith("/" + path) and (found.is_dir() or not name.endswith("/"))
        for folder in OWN
        for found in folder.rglob(Path(path).name)
    )


def test_every_file_and_module_what_is_where_names_exists():
    names = {
        name
        for text in what_is_where().values()
        for name in named_in(text)
        if re.fullmatch(r"[\w./-]+", name) and ("." in name or name.endswith("/"))
    }
    assert {"_tail.py", "addresses.mjs", "ka_site/testing/page_hooks.py"} <= names
    gone = sorted(n for n in names - WRITTEN_LATER if not n.startswith(".") and not exists(n))
    assert not gone, f'README.md\'s table "What is where" names what is not there: {gone}'


def test_what_is_where_names_every_module_of_the_engine_and_the_page():
    """A module added to the engine or the page's scripts is named in the table, by itself or
    by its folder (``models/``), as the README once missed four of the engine's."""
    rows = what_is_where()
    for folder in ("calculators/", "docs/javascripts/"):
        named = named_in(rows[folder])
        modules = [
            path.relative_to(ROOT / folder)
            for path in sorted((ROOT / folder).rglob("*"))
            if path.suffix in (".py", ".mjs", ".js")
            and "__pycache__" not in path.parts
            and "vendor" not in path.parts
        ]
        unnamed = [
            str(module)
            for module in modules
            if module.name not in named and f"{module.parts[0]}/" not in named
        ]
        assert not unnamed, f"README.md's {folder} row does not name {unnamed}"
