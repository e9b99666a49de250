"""A calculator page names the calculators' JavaScript modules in its ``<head>``.

``calculators.mjs`` imports its parts (``client.mjs``, ``widget.mjs``, …), and they import
theirs. The browser only learns of an import once it has the importing module, so on a phone's
connection each level costs a round trip (about 0.6 s under Lighthouse's slow 4G) before the
calculators' worker can start. ``<link rel="modulepreload">`` for the whole graph lets the
browser ask for every module at once. The list is read from the modules' own ``import`` lines,
so it follows the code.
"""

from __future__ import annotations

import re
from functools import cache

from ka_site.pages import PageRef
from ka_site.paths import ROOT

SCRIPTS = ROOT / "docs" / "javascripts"
ENTRY = "calculators.mjs"
#: A static import of a sibling module: ``import … from "./x.mjs";`` or ``import "./x.mjs";``.
STATIC_IMPORT = re.compile(r'^import\s+(?:[^;"]*?\s+from\s+)?"\./([\w-]+\.mjs)";', re.MULTILINE)
#: Rendered by calculator_widgets: a page that holds one runs calculators.mjs's whole graph.
CALCULATOR = 'class="ka-calc"'


@cache
def module_graph(entry: str = ENTRY) -> tuple[str, ...]:
    """Every module ``entry`` imports, directly or not, in the order they are first found."""
    found: list[str] = []
    waiting = [entry]
    while waiting:
        module = waiting.pop(0)
        for name in STATIC_IMPORT.findall((SCRIPTS / module).read_text("utf-8")):
            if name != entry and name not in found:
                found.append(name)
                waiting.append(name)
    return tuple(found)


def add_module_preloads(output: str, page: PageRef) -> str:
    """On a page with a calculator, a modulepreload link for each module calculators.mjs needs."""
    if CALCULATOR not in output:
        return output
    folder = f"{page.root}javascripts"
    links = "".join(f'<link rel="modulepreload" href="{folder}/{n}">' for n in module_graph())
    return output.replace("</head>", links + "</head>", 1)
