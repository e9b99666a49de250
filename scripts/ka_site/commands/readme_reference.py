"""The README's module reference, written from the code so that it cannot drift.

Every module of the engine (``calculators/`` and its sub-packages), of the site's package
(``scripts/ka_site/`` and its sub-packages) and of the browser glue (``docs/javascripts/``)
gets one line: its name and the first sentence its own docstring or header comment says. The
README holds the table between ``<!-- module-reference -->`` and ``<!-- /module-reference -->``;
``tests/test_readme_reference.py`` fails when the two differ, and

    .venv/bin/python -m ka_site.commands.readme_reference

writes the table into README.md again, with the README's other generated blocks (the command
line's options, the stage map, the limits: ``ka_site.commands.readme_sections``).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from ka_site.commands.readme_sections import readme_with_sections
from ka_site.paths import ROOT

START = "<!-- module-reference -->"
END = "<!-- /module-reference -->"

#: The folders the reference covers, in the order the README lists them.
FOLDERS = (
    "calculators",
    "calculators/core",
    "calculators/models",
    "calculators/workshop",
    "calculators/drills",
    "calculators/tables",
    "calculators/cli",
    "scripts/ka_site",
    "scripts/ka_site/build",
    "scripts/ka_site/build/widgets",
    "scripts/ka_site/build/engine",
    "scripts/ka_site/build/offline",
    "scripts/ka_site/build/search",
    "scripts/ka_site/build/room",
    "scripts/ka_site/commands",
    "scripts/ka_site/commands/lint",
    "scripts/ka_site/commands/room",
    "scripts/ka_site/testing",
    "docs/javascripts",
)


def first_sentence(text: str) -> str:
    """The first sentence of a docstring or comment, on one line (what a module is for): up to
    its first full stop, colon or semicolon outside brackets."""
    words = " ".join(text.split())
    depth = 0
    for index, char in enumerate(words):
        depth += (char in "([") - (char in ")]")
        at_end = index + 1 == len(words) or words[index + 1] == " "
        if depth == 0 and char in ".:;" and at_end:
            words = words[: index + (char == ".")]
            break
    return words.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def python_summary(path: Path) -> str:
    """What a Python module says it is, from its docstring."""
    docstring = ast.get_docstring(ast.parse(path.read_text("utf-8")))
    return first_sentence(docstring) if docstring else ""


def script_summary(path: Path) -> str:
    """What a browser script says it is, from its leading ``//`` comment (after ``@ts-check``)."""
    lines = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("//"):
            break
        text = line[2:].strip()
        if text != "@ts-check":
            lines.append(text)
    return first_sentence(" ".join(lines))


def modules(folder: str) -> list[tuple[str, str]]:
    """Each module of ``folder`` with what it says it is, by name."""
    found = []
    for path in sorted((ROOT / folder).iterdir()):
        if path.suffix == ".py":
            found.append((path.name, python_summary(path)))
        elif path.suffix in (".mjs", ".js"):
            found.append((path.name, script_summary(path)))
    return found


def reference() -> str:
    """The README's module reference, as Markdown (one table per folder)."""
    parts = []
    for folder in FOLDERS:
        rows = [f"| `{name}` | {summary or '—'} |" for name, summary in modules(folder)]
        parts.append("\n".join([f"`{folder}/`", "", "| module | what it is |", "|---|---|", *rows]))
    return "\n\n".join(parts)


def readme_with_reference(readme: str) -> str:
    """``readme`` with its module reference block replaced by :func:`reference`."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference()}\n{END}{tail}"


def main() -> int:
    path = ROOT / "README.md"
    readme = path.read_text("utf-8")
    updated = readme_with_sections(readme_with_reference(readme))
    if updated != readme:
        path.write_text(updated, "utf-8")
        print("README.md: module reference and generated sections written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
