"""Shared test setup.

* tests import the helper modules in tests/ by their plain names (``pythonpath`` in
  pyproject.toml);
* ``built_site`` builds the whole site once per session (``mkdocs build --strict``), for the
  site tests and the browser tests alike;
* ``site_server`` serves it on 127.0.0.1 at a free port with the README's serve command's own
  server (``ka_site.serve``: precompressed, cache headers, service worker), as readers get it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# No timed assertions in tests: hypothesis's per-example deadline would fail a property on a
# busy machine, not on a wrong rule.
settings.register_profile("ka", deadline=None)
settings.load_profile("ka")

ROOT = Path(__file__).resolve().parent.parent


#: The slow tiers, in the order they run after the unit tests; a test is in a tier by its marker.
SLOW_TIERS = ("pyodide", "site", "browser")


def pytest_collection_modifyitems(config, items):
    """Mark each test by its folder (tests/site, tests/browser) and run the fast ones first."""
    for item in items:
        folder = item.path.parent.name
        if folder in SLOW_TIERS:
            item.add_marker(getattr(pytest.mark, folder))

    def tier(item) -> int:
        for index, marker in enumerate(SLOW_TIERS, start=1):
            if marker in item.keywords:
                return index
        return 0

    items.sort(key=tier)  # stable: files keep their order within a tier


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the test server will use: the site is built for that address (site_url)."""
    return _free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """The site built with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "KA_SITE_URL": f"http://127.0.0.1:{site_port}/",
    }
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{run.stdout}\n{run.stderr}")
    return site


@pytest.fixture(scope="session")
def site_server(built_site, site_port):
    """The built site over HTTP on 127.0.0.1, as ``bash scripts/serve.sh`` serves it."""
    from ka_site import serve

    serve.precompress(built_site)
    server = serve.make_server(built_site, "127.0.0.1", site_port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site_port}/"
    server.close()
