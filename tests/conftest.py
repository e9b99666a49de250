"""Shared test setup.

* tests import the helper modules in tests/ by their plain names (``pythonpath`` in
  pyproject.toml);
* ``built_site`` builds the whole site once per run (``mkdocs build --strict``), for the
  site tests and the browser tests alike;
* ``site_server`` serves it on 127.0.0.1 at a free port with the README's serve command's own
  server (``ka_site.commands.serve``: precompressed, cache headers, service worker), as readers
  get it.

Under pytest-xdist (``-n``, as ``scripts/test.sh`` runs) the run's controller builds the site and
serves it, once, for all its workers: it starts the build as soon as the workers have collected a
test that needs the site, so the build goes on while they run the unit tests. The site is built
for the address it is served at (Material's instant navigation only follows links under it), so
one server serves every worker.

The build has its own time limit (``BUILD_LIMIT``); the test that waits for it is not charged
for that wait (pytest-timeout's alarm is paused), and has its whole limit for its own work.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import settings

from harness import timer_paused

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
        # A browser test shares two cores with Chromium, Pyodide and another worker: one that
        # fails is run once more (pytest-rerunfailures), and the run reports it as a rerun.
        if folder == "browser" and item.get_closest_marker("flaky") is None:
            item.add_marker(pytest.mark.flaky(reruns=1))

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


# ------------------------------------------------------------------------ the built site

#: The longest the site's one build (and its precompression) may take, on a loaded machine.
BUILD_LIMIT = 900
#: The fixtures of a test that needs the built site.
NEEDS_SITE = ("built_site", "site_server")


#: The builds under way, stopped if the run ends first (an interrupted run).
_BUILDS: set[subprocess.Popen] = set()


def build_site(site: Path, port: int) -> None:
    """``mkdocs build --strict`` into ``site``, for http://127.0.0.1:``port``/, precompressed as
    the serve command serves it; raises RuntimeError with mkdocs' output if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KA_SITE_URL": f"http://127.0.0.1:{port}/"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
    build = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    _BUILDS.add(build)
    try:
        printed, _ = build.communicate(timeout=BUILD_LIMIT)
    except subprocess.TimeoutExpired as late:
        raise RuntimeError(f"mkdocs build took more than {BUILD_LIMIT} s") from late
    finally:
        build.kill()  # ended already, unless it ran out of time or the run was interrupted
        build.wait()
        _BUILDS.discard(build)
    if build.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{printed}")
    from ka_site.commands import serve

    serve.precompress(site)


class SharedSite:
    """The xdist controller's part: one build and one server for every worker of the run.

    A worker that collected a test needing the site writes ``wanted`` into the shared folder;
    the controller, told that the worker has collected, builds in a thread, serves the site with
    ``ka_site.commands.serve.make_server`` and writes ``ready`` (or ``failed``, with the
    message)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ka-site-"))
        self.port = _free_port()
        self.server = None
        self.thread: threading.Thread | None = None

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node) -> None:
        node.workerinput["ka_site"] = json.dumps({"folder": str(self.folder), "port": self.port})

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        if self.thread is None and (self.folder / "wanted").exists():
            self.thread = threading.Thread(target=self.build_and_serve, daemon=True)
            self.thread.start()

    def build_and_serve(self) -> None:
        try:
            build_site(self.folder / "site", self.port)
            from ka_site.commands import serve

            self.server = serve.make_server(self.folder / "site", "127.0.0.1", self.port)
            threading.Thread(target=self.server.run, daemon=True).start()
        except Exception as error:  # told to every test that needs the site
            (self.folder / "failed").write_text(f"{error}", "utf-8")
        else:
            (self.folder / "ready").write_text(f"http://127.0.0.1:{self.port}/", "utf-8")

    def pytest_unconfigure(self, config) -> None:
        for build in list(_BUILDS):  # an interrupted run: the build it started stops too
            build.kill()
        if self.server is not None:
            self.server.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def pytest_sessionstart(session):
    """The controller of an xdist run (its session starts the workers after this hook)."""
    if session.config.pluginmanager.hasplugin("dsession"):
        session.config.pluginmanager.register(SharedSite(), "ka-shared-site")


def _shared(config) -> dict | None:
    """In an xdist worker: the controller's folder and port for the site; otherwise None."""
    shared = getattr(config, "workerinput", {}).get("ka_site")
    return json.loads(shared) if shared else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    """An xdist worker that will run a test needing the site asks the controller to build it."""
    shared = _shared(session.config)
    if shared and any(set(NEEDS_SITE) & set(item.fixturenames) for item in session.items):
        (Path(shared["folder"]) / "wanted").touch()


def _wait_for_the_shared_site(folder: Path) -> str:
    deadline = time.monotonic() + BUILD_LIMIT
    while time.monotonic() < deadline:
        if (folder / "failed").exists():
            pytest.fail((folder / "failed").read_text("utf-8"))
        if (folder / "ready").exists():
            return (folder / "ready").read_text("utf-8")
        time.sleep(0.2)
    pytest.fail(f"the site was not built and served within {BUILD_LIMIT} s")


@pytest.fixture(scope="session")
def site_port(request) -> int:
    """The port the test server will use: the site is built for that address (site_url)."""
    shared = _shared(request.config)
    return shared["port"] if shared else _free_port()


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory, site_port) -> Path:
    """The site built with --strict into a temporary folder, once per run."""
    shared = _shared(request.config)
    with timer_paused():
        if shared:
            _wait_for_the_shared_site(Path(shared["folder"]))
            return Path(shared["folder"]) / "site"
        site = tmp_path_factory.mktemp("site")
        try:
            build_site(site, site_port)
        except RuntimeError as error:
            pytest.fail(str(error))
        return site


@pytest.fixture(scope="session")
def site_server(request, built_site, site_port):
    """The built site over HTTP on 127.0.0.1, as ``bash scripts/serve.sh`` serves it."""
    if _shared(request.config):  # the controller serves it
        yield f"http://127.0.0.1:{site_port}/"
        return
    from ka_site.commands import serve

    server = serve.make_server(built_site, "127.0.0.1", site_port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site_port}/"
    server.close()
