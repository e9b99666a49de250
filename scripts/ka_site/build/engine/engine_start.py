"""What a calculator page needs to start its engine from the ``<head>`` on a return visit.

On a return visit the offline copy serves every file of the engine from this device, so the
calculators' worker need not wait for the page: ``javascripts/head.js`` creates it while
the ``<head>`` is parsed (about 0.2 s before the theme's and the calculators' scripts could),
and ``client.mjs`` takes it over. The worker learns its engine from its name (protocol.mjs,
``EngineName``), written here once for the whole build.
"""

from __future__ import annotations

import json

from ka_site.build.engine.engine_version import engine_paths
from ka_site.build.module_preload import CALCULATOR

#: Where the worker's script is, relative to the site's root.
WORKER = "javascripts/worker.mjs"


def early_start(version: str | None = None) -> dict[str, str]:
    """The worker's address (from the site's root) and its name: the engine's addresses,
    relative to the worker's script, as JSON."""
    paths = engine_paths(version)
    up = "../" * WORKER.count("/")
    name = {"index": up + paths["engine"], "wheel": up + paths["wheel"]}
    return {"worker": WORKER, "name": json.dumps(name), "calculator": CALCULATOR}
