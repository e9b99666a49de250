"""Print the pinned requirement of one package of pyproject.toml's ``xlsx`` extra.

``scripts/setup.sh`` downloads exactly these wheels for the browser, so the site serves the
versions the command line and the tests use. Usage:
``python -m ka_site.build.engine.xlsx_pins openpyxl``.
"""

from __future__ import annotations

import sys
import tomllib

from ka_site.paths import ROOT


def pins() -> dict[str, str]:
    """Package name -> pinned requirement (``openpyxl==3.1.5``)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extra = project["optional-dependencies"]["xlsx"]
    return {req.split("==")[0].strip().lower(): req.strip() for req in extra}


if __name__ == "__main__":
    print(pins()[sys.argv[1].lower()])
