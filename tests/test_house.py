"""The engine stays readable: no function in ``calculators/`` runs over 60 lines.

A model reads as math when its ``compute`` is a few calls (check, calculate, explain, return)
and each step fits on a screen. A long function is where bilingual wording and arithmetic end
up interleaved; this test names every one that grows past the limit, with its file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "calculators"

#: The longest a function in the engine may be, counted from its ``def`` to its last line.
MAX_LINES = 60


def long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[int, str, int]]:
    """``(line, name, length)`` of every function in ``source`` longer than ``limit`` lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                found.append((node.lineno, node.name, length))
    return found


def test_a_long_function_is_found():
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    assert long_functions(f"def long():\n{body}\n") == [(1, "long", MAX_LINES + 1)]
    assert long_functions("def short():\n    return 1\n") == []


def test_no_function_in_the_engine_is_over_sixty_lines():
    too_long = [
        f"{path.relative_to(PACKAGE.parent)}:{line} {name} ({length} lines)"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, name, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert too_long == [], "split these into smaller functions:\n" + "\n".join(too_long)
