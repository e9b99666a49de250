"""The engine is grouped by job, and its imports run one way.

``calculators/core`` (text, fields, results, validation and the shared helpers) is the floor:
it imports nothing above it. ``tables``, the models, the workshop tools and the drills build on
it; the command line sits on top and stays out of the browser's wheel. Read with ``ast``, so a
lazy import inside a function counts as much as one at the top of a module.
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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, by full name, wherever in the module the import is."""
    name = module_name(path)
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
