"""The playbook on a device with no network: after one calculator page, the whole site works.

Each test serves its own copy of the built site with the serve command's server, on a free port
of 127.0.0.1, so that it can take the network away for real (the server stops, and the browser
context goes offline) or publish a new build while a tab is open.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from waitress import wasyncore

from ka_site.testing.page_hooks import (
    CALCULATORS,
    KEPT_ENGINE,
    OFFLINE,
    ask_for_hooks,
    evaluate_within,
    kept_engine,
)

ROOT = Path(__file__).resolve().parents[2]
LIVE = '.ka-calc-status[data-state="live"]'


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnSite:
    """A copy of the built site on its own port, which a test can stop, change and restart."""

    def __init__(self, built_site: Path, folder: Path) -> None:
        from ka_site.commands import serve

        self.serve = serve
        self.folder = folder / "site"
        shutil.copytree(built_site, self.folder)
        serve.precompress(self.folder)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.server = None
        self.start()

    def start(self) -> None:
        server = self.serve.make_server(self.folder, "127.0.0.1", self.port)
        self.server = server
        self.thread = threading.Thread(target=self._run, args=(server,), daemon=True)
        self.thread.start()

    def _run(self, server) -> None:
        try:
            server.run()
        except OSError:  # its sockets closed under it by stop(): the host went away, as asked
            if self.server is server:
                raise

    def stop(self) -> None:
        """The host goes away (once: a test may stop it before the fixture does)."""
        server, self.server = self.server, None
        if server is None:
            return
        server.close()  # its listening socket: no new connection
        # and the connections the browser keeps open: the server's loop runs while it holds
        # any, so without this the thread went on serving them and the join waited its 10 s
        wasyncore.close_all(server._map)
        server.task_dispatcher.shutdown()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "the test's own host did not stop"

    def publish(self, page: str, old: str, new: str) -> None:
        """A new build: ``page`` changed, the service worker made again from the files."""
        self.stop()  # the server reads its file list once, at start: redeploy, as a host does
        path = self.folder / page
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
        for stale in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")):
            stale.unlink(missing_ok=True)
        made = subprocess.run(
            ["node", str(ROOT / "scripts" / "make_sw.mjs"), str(self.folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert made.returncode == 0, made.stderr
        self.serve.precompress(self.folder)
        self.start()


@pytest.fixture
def own_site(built_site, tmp_path):
    site = OwnSite(built_site, tmp_path)
    yield site
    site.stop()


#: Each test installs the whole offline copy (tens of megabytes, in the background) and may wait
#: up to two minutes for it: more than the suite's usual time limit.
pytestmark = pytest.mark.timeout(300)


def controlled(page) -> None:
    """Wait until the offline copy is complete and serves this page."""
    page.wait_for_function(
        "navigator.serviceWorker.ready.then(() => Boolean(navigator.serviceWorker.controller))",
        timeout=120_000,
    )


def test_after_one_calculator_page_every_page_and_calculator_works_offline(browser, own_site):
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(own_site.url + "prioritising/screening/")
    page.wait_for_selector(LIVE, timeout=120_000)
    controlled(page)

    own_site.stop()  # the network is gone: no server, and the browser is offline too
    context.set_offline(True)
    never_visited = {
        "zh/growing/wall/": "围墙",
        "workshop/pipeline-board/": "Pipeline board",
        "zh/self-check/grades/": "自测",
        "prioritising/deal-heat/": "Deal heat",
    }
    for path, words in never_visited.items():
        page.goto(own_site.url + path)
        page.wait_for_selector(LIVE, timeout=120_000)
        assert words in page.content(), path
        result = page.locator(".ka-calc-result").first.inner_text()
        assert result.strip(), path
    for plain in ("zh/key-accounts/", "glossary/", "zh/"):
        page.goto(own_site.url + plain)
        assert page.locator("article h1").count() == 1, plain
    page.screenshot(path=str(ROOT / "test-artifacts" / "offline-zh-home.png"))
    assert not errors, errors
    context.close()


def test_a_missing_page_offline_shows_the_page_not_found_of_its_language(browser, own_site):
    """Not the browser's own error: the copy's 404 page, Chinese under zh/, English elsewhere."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(own_site.url + "zh/glossary/")  # a plain page: the copy is made all the same
    controlled(page)
    page.wait_for_function(  # the copy is complete: both 404 pages are kept
        """caches.keys().then(async (names) => {
            const keys = (await Promise.all(names.map(async (n) => (await caches.open(n)).keys())))
              .flat().map((r) => new URL(r.url).pathname);
            return keys.includes("/404.html") && keys.includes("/zh/404.html");
        })""",
        timeout=120_000,
    )

    own_site.stop()
    context.set_offline(True)
    for path, lang, title in (
        ("zh/no-such-page/", "zh", "找不到这个页面"),
        ("zh/prioritising/no-such-page/", "zh", "找不到这个页面"),
        ("no-such-page/", "en", "Page not found"),
    ):
        page.goto(own_site.url + path)
        assert page.get_attribute("html", "lang") == lang, path
        assert page.locator("article h1").inner_text() == title, path
        assert page.url == own_site.url + path  # the reader still sees the address they asked for
    page.goto(own_site.url + "zh/no-such-page/")
    page.screenshot(path=str(ROOT / "test-artifacts" / "offline-zh-404.png"))
    context.close()


def test_a_new_version_is_announced_in_the_readers_language_and_taken_on_request(browser, own_site):
    context = browser.new_context(service_workers="allow")
    ask_for_hooks(context)
    english = context.new_page()
    english.goto(own_site.url + "key-accounts/")
    controlled(english)
    chinese = context.new_page()
    chinese.goto(own_site.url + "zh/key-accounts/")
    controlled(chinese)
    assert english.locator(".ka-update").count() == 0

    own_site.publish("key-accounts/index.html", "</h1>", " · 2027</h1>")
    evaluate_within(english, f"() => {OFFLINE}.checkForUpdate()")

    notice = english.locator(".ka-update")
    notice.wait_for(state="visible", timeout=60_000)
    assert "A new version of the playbook is ready." in notice.inner_text()
    assert "2027" not in english.locator("article h1").inner_text()  # nothing changed under it

    evaluate_within(chinese, f"() => {OFFLINE}.checkForUpdate()")
    chinese.locator(".ka-update").wait_for(state="visible", timeout=60_000)
    assert "手册有新版本了。" in chinese.locator(".ka-update").inner_text()

    with english.expect_navigation(timeout=60_000):
        english.locator(".ka-update button").click()
    english.wait_for_load_state()
    assert "2027" in english.locator("article h1").inner_text()
    assert english.locator(".ka-update").count() == 0
    context.close()


def test_the_trainer_makes_a_device_ready_for_a_room_in_one_action(browser, own_site):
    context = browser.new_context(service_workers="allow")
    ask_for_hooks(context)
    page = context.new_page()
    page.goto(own_site.url + "zh/workshop/")  # no calculator on this page
    box = page.locator("[data-ka-offline-ready]")
    box.locator("button").click()
    page.wait_for_selector('[data-ka-offline-ready][data-state="ready"]', timeout=180_000)
    assert "准备好了" in box.inner_text()
    assert box.locator("progress").evaluate("p => p.value === p.max")
    page.screenshot(path=str(ROOT / "test-artifacts" / "offline-ready-button.png"))

    own_site.stop()
    context.set_offline(True)
    page.goto(own_site.url + "prioritising/expected-value/")
    page.wait_for_selector(LIVE, timeout=120_000)
    timings = page.evaluate(f"{CALCULATORS}.timings()")
    assert timings.get("snapshot") and timings.get("snapshot_local")  # the fast start, offline
    assert timings.get("runtime_local") is False  # the button keeps the snapshot only
    assert timings.get("early")  # created by the page's <head>: the offline copy serves the engine
    assert page.evaluate("'kaEarlyWorker' in window") is False  # taken over: no global left
    # that start unpacked the snapshot the button kept: the device keeps the engine, unpacked only
    engine = page.evaluate("JSON.parse(document.querySelector('.ka-calc').dataset.ui).engine")
    expected = kept_engine(engine.rstrip("/").split("/")[-1])
    for _ in range(300):  # kept in the background, a moment after the first results
        if evaluate_within(page, KEPT_ENGINE) == expected:
            break
        page.wait_for_timeout(100)
    assert evaluate_within(page, KEPT_ENGINE) == expected
    context.close()
