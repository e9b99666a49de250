"""Browser fixtures: Debian's chromium, driven by Playwright with ``executable_path``.

No browser is ever downloaded. Every page a test opens records its requests, and the test
fails if any of them leaves 127.0.0.1 (the site must work offline).
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest

from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import ask_for_hooks
from ka_site.testing.phone_flow import PHONE

CHROMIUM = os.environ.get("KA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The flags a closed network needs: no background calls home, no QUIC, no first-run work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM}; run scripts/setup.sh --test")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of the chromium the browser tests drive (for a test that starts its own)."""
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


class Visit:
    """A browser page that remembers every request it made and every error it printed."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type == "error" else None,
        )

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def go(self, path: str) -> None:
        """Open ``path`` as a reader following a link does: by Material's instant navigation,
        which keeps the Python the visit already started (a page's first visit loads it).

        For tests that only look at a calculator in turn: each page after the first costs a
        fraction of a second instead of a new Python. Test a page's own load with ``open``."""
        url = self.base_url + path
        here = self.page.url.split("#")[0]
        if (
            not here.startswith(self.base_url)  # the visit's first page
            or here == url  # the same page once more
            or here.startswith(self.base_url + "zh/") != url.startswith(self.base_url + "zh/")
        ):  # the other language: the reader's language switch loads a whole page too
            self.page.goto(url)
            return
        # the page's container is replaced when the new page is in: mark the old one, follow a
        # link to the new address, and wait for the mark to be gone
        self.page.evaluate(
            """url => {
                document.querySelector("[data-md-component=container]").dataset.kaLeft = "1";
                const link = Object.assign(document.createElement("a"), { href: url });
                document.body.append(link);
                link.click();
                link.remove();
            }""",
            url,
        )
        self.page.wait_for_function(
            "() => !document.querySelector('[data-md-component=container][data-ka-left]')",
            timeout=60_000,
        )
        arrived = self.page.url.split("#")[0]  # a page may move to its own heading
        # and a page may take a query it has acted on out of its address (`?start=blank`)
        assert arrived in (url, url.split("?")[0]), f"instant navigation went to {arrived}"
        # what the page does once it is idle (a11y.mjs: wide tables' scroll boxes) is done
        self.page.evaluate(
            "() => new Promise((done) => requestIdleCallback(() => done(), { timeout: 2000 }))"
        )

    def wait_live(self, timeout: float = 60_000) -> None:
        self.page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=timeout)

    def outside_requests(self) -> list[str]:
        return [
            u
            for u in self.requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss")
            and urlparse(u).hostname not in ("127.0.0.1",)
        ]


@pytest.fixture
def visit(browser, site_server):
    # No offline copy here: each context would download the whole site in the background.
    # The offline copy has its own tests (test_offline.py).
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")
    page = context.new_page()
    v = Visit(page, site_server)
    yield v
    context.close()
    assert not v.outside_requests(), f"requests left 127.0.0.1: {v.outside_requests()}"


class Reader(Visit):
    """A reader who keeps the site open for a whole module: each test's ``open`` follows the
    site's links to its page (Material's instant navigation, in the Python the module started)
    with nothing kept on the device from the tests before it.

    Before each page: the calculator shown is left for a page without one (its widget stops for
    good), what earlier tests kept in the page's storage is cleared, the page's requests and
    errors are forgotten, and its routes, media and viewport are as the fixture made them. For
    tests of what a calculator does; a test of a page's own load, its requests or its start
    uses ``visit``."""

    #: A page with no calculator, in each language, to leave a calculator for.
    RESTING_PAGE = "key-accounts/"

    def __init__(self, page, base_url: str, viewport: dict[str, int]) -> None:
        super().__init__(page, base_url)
        self.viewport = viewport

    def open(self, path: str, stored: dict[str, str] | None = None) -> None:
        """Go to ``path`` with nothing kept on the device but ``stored`` (local storage's
        entries, as an earlier visit would have left them)."""
        page = self.page
        page.unroute_all(behavior="ignoreErrors")
        page.emulate_media(media="screen")
        page.set_viewport_size(self.viewport)
        resting = self.resting(path)
        if page.url.split("#")[0] != self.base_url + resting:
            self.go(resting)
        page.evaluate(
            """(stored) => {
                localStorage.clear();
                sessionStorage.clear();
                for (const [key, value] of Object.entries(stored)) localStorage.setItem(key, value);
            }""",
            stored or {},
        )
        self.requests.clear()
        self.errors.clear()
        self.go(path)

    def resting(self, path: str) -> str:
        """The page without a calculator in the language of ``path``."""
        return language_prefix("zh" if path.startswith("zh/") else "en") + self.RESTING_PAGE


def _kept_reader(browser, site_server, **device):
    context = browser.new_context(**device, service_workers="block")
    page = context.new_page()
    ask_for_hooks(page)
    return context, Reader(page, site_server, device["viewport"])


@pytest.fixture(scope="module")
def reader_visit(browser, site_server):
    """One page for a module's tests of what calculators do (``Reader``): Python starts once."""
    context, kept = _kept_reader(browser, site_server, viewport={"width": 1200, "height": 900})
    yield kept
    context.close()


@pytest.fixture
def reader(reader_visit):
    """The module's ``Reader``; like ``visit``, the test fails if its pages asked another host."""
    yield reader_visit
    outside = reader_visit.outside_requests()
    assert not outside, f"requests left 127.0.0.1: {outside}"


@pytest.fixture(scope="module")
def laptop_reader_visit(browser, site_server):
    """The trainer's laptop on the projector (1280x720), one ``Reader`` for the whole module."""
    context, kept = _kept_reader(browser, site_server, viewport={"width": 1280, "height": 720})
    yield kept
    context.close()


def _nothing_wrong(kept: Reader) -> None:
    """A test of a kept ``Reader`` fails on a page error or a request to another host."""
    assert not kept.errors, kept.errors
    outside = kept.outside_requests()
    assert not outside, f"requests left 127.0.0.1: {outside}"


@pytest.fixture
def laptop_reader(laptop_reader_visit):
    """The module's laptop ``Reader``; the test fails on a page error or another host's request."""
    yield laptop_reader_visit
    _nothing_wrong(laptop_reader_visit)


@pytest.fixture(scope="module")
def phone_reader_visit(browser, site_server):
    """The same on one phone (``ka_site.testing.phone_flow.PHONE``) for the whole module."""
    context, kept = _kept_reader(browser, site_server, **PHONE)
    yield kept
    context.close()


@pytest.fixture
def phone_reader(phone_reader_visit):
    """The module's phone ``Reader``; the test fails on a page error or another host's request."""
    yield phone_reader_visit
    _nothing_wrong(phone_reader_visit)


@pytest.fixture(scope="module")
def phone_visit(browser, site_server):
    """One phone (375 px wide, touch) kept for a module's tests that only look, going from page
    to page by the site's links (``Visit.go``): one Python for the module, as a phone keeps it."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    v = Visit(context.new_page(), site_server)
    yield v
    context.close()


@pytest.fixture(scope="module")
def long_visit(browser, site_server):
    """One page kept for a whole module (e.g. to scan every page of the site in turn)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    v = Visit(context.new_page(), site_server)
    yield v
    context.close()
