"""Where the repository is: the site's code reads its pages, partials and npm packages there."""

from __future__ import annotations

from pathlib import Path

#: The repository's root (``scripts/ka_site/`` is two levels below it). The package is installed
#: editable (``scripts/setup.sh``), so this is the checkout it was installed from.
ROOT = Path(__file__).resolve().parents[2]
