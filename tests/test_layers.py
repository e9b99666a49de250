"""The engine and the site's code are grouped by job, and their imports run one way.

``calculators/core`` (text, fields, results, validation and the shared helpers) is the floor:
it imports nothing above it. ``tables``, the models, the workshop tools and the drills build on
it; the command line sits on top and stays out of the browser's wheel.

The site's code (``scripts/ka_site``) has the same shape: the shared core at the top of the
package (paths, pages, the site's words, the glossary), then the build steps (``build/``, run by
the MkDocs adapter ``plugin.py``), then the commands (``commands/``), and the tests' and the
benchmark's support (``testing/``) above them all. Read with ``ast``, so a lazy import inside a
function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path

import pytest

from ka_site.build.engine import build_wheel

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "calculators"
#: What sits above the core: nothing in the core may import it.
ABOVE_CORE = ("models", "drills", "workshop", "cli", "tables")
#: The most modules the top of ``calculators/`` may hold (the rest is in its sub-packages).
MOST_AT_THE_TOP = 10
#: Where the site's package ``ka_site`` is installed from (``pyproject.toml``'s package-dir).
SCRIPTS = ROOT / "scripts"
SITE = SCRIPTS / "ka_site"
#: The most modules the top of ``ka_site`` may hold: the shared core and the MkDocs adapter.
MOST_AT_THE_TOP_OF_THE_SITE = 6


def module_name(path: Path, base: Path = ROOT) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, base: Path = ROOT) -> set[str]:
    """Every module ``path`` imports, by full name, wherever in the module the import is."""
    name = module_name(path, base)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def engine_modules(folder: Path = ENGINE) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def reaches(names: set[str], package: str) -> bool:
    return any(name == package or name.startswith(f"{package}.") for name in names)


def test_the_core_imports_nothing_above_it():
    wrong = [
        f"{module_name(path)} imports calculators.{above}"
        for path in engine_modules(ENGINE / "core")
        for above in ABOVE_CORE
        if reaches(imported(path), f"calculators.{above}")
    ]
    wrong += [
        f"{module_name(path)} imports the package's top (calculators)"
        for path in engine_modules(ENGINE / "core")
        if "calculators" in imported(path)
    ]
    assert not wrong, wrong


def test_the_models_tables_and_tools_never_reach_for_the_command_line():
    wrong = [
        module_name(path)
        for path in engine_modules()
        if path.parent != ENGINE / "cli"
        and path != ENGINE / "__main__.py"
        and reaches(imported(path), "calculators.cli")
    ]
    assert not wrong, f"only the command line may import calculators.cli: {wrong}"


def test_the_csv_reader_and_the_workbook_reader_do_not_import_each_other():
    reader, workbook = ENGINE / "tables" / "_read.py", ENGINE / "tables" / "_xlsx.py"
    assert not reaches(imported(workbook), "calculators.tables._read"), (
        "_xlsx imports _read: what they share belongs in a module both import (tables/_limits)"
    )
    assert not (
        reaches(imported(reader), "calculators.tables._xlsx")
        and reaches(imported(workbook), "calculators.tables._read")
    )


def test_at_most_ten_modules_sit_at_the_top_of_the_engine():
    top = sorted(p.name for p in ENGINE.glob("*.py"))
    assert len(top) <= MOST_AT_THE_TOP, f"{len(top)} modules at the top of calculators/: {top}"


@pytest.mark.skipif(
    sys.platform == "emscripten" or shutil.which("git") is None, reason="needs git and a checkout"
)
def test_the_browsers_wheel_leaves_the_command_line_out():
    shipped = build_wheel.package_files()
    assert "calculators/__init__.py" in shipped
    assert "calculators/core/_calculator.py" in shipped
    assert not [
        path for path in shipped if path.startswith(("calculators/cli/", *build_wheel.LEFT_OUT))
    ]


# --- the site's code -----------------------------------------------------------------------


def site_modules(folder: Path = SITE) -> list[Path]:
    return engine_modules(folder)


def site_core() -> list[Path]:
    """The shared core: the modules at the top of ``ka_site`` but the MkDocs adapter."""
    return [path for path in sorted(SITE.glob("*.py")) if path.name != "plugin.py"]


def reaching(paths: list[Path], *packages: str) -> list[str]:
    """Each of ``paths`` that imports one of ``packages``, with what it imports."""
    return [
        f"{module_name(path, SCRIPTS)} imports {package}"
        for path in paths
        for package in packages
        if reaches(imported(path, SCRIPTS), package)
    ]


def test_the_site_core_imports_no_build_step_command_or_test_support():
    assert [path.name for path in site_core()] == [
        "__init__.py",
        "glossary_terms.py",
        "pages.py",
        "paths.py",
        "ui_text.py",
    ]
    wrong = reaching(
        site_core(), "ka_site.build", "ka_site.commands", "ka_site.testing", "ka_site.plugin"
    )
    assert not wrong, wrong


def test_the_build_steps_import_the_core_and_each_other_only():
    wrong = reaching(
        site_modules(SITE / "build"), "ka_site.commands", "ka_site.testing", "ka_site.plugin"
    )
    assert not wrong, wrong


def test_the_commands_import_the_core_and_the_build_steps_never_the_test_support():
    wrong = reaching(site_modules(SITE / "commands"), "ka_site.testing", "ka_site.plugin")
    assert not wrong, wrong


def test_the_mkdocs_adapter_runs_build_steps_only():
    wrong = reaching([SITE / "plugin.py"], "ka_site.commands", "ka_site.testing")
    assert not wrong, wrong
    assert reaches(imported(SITE / "plugin.py", SCRIPTS), "ka_site.build")


def test_every_module_of_the_site_is_in_the_core_or_a_group():
    groups = {"build", "commands", "testing"}
    loose = [
        module_name(path, SCRIPTS)
        for path in site_modules()
        if path.parent != SITE and path.relative_to(SITE).parts[0] not in groups
    ]
    assert not loose, f"a folder of ka_site outside build/, commands/ and testing/: {loose}"
    top = sorted(path.name for path in SITE.glob("*.py"))
    assert len(top) <= MOST_AT_THE_TOP_OF_THE_SITE, (
        f"{len(top)} modules at the top of ka_site: {top}"
    )
