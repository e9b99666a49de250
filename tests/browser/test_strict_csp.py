"""The site under the serve command's Content-Security-Policy, as a reader's Chromium enforces
it: no inline script runs, and nothing needs one. The home page, a plain page and a calculator
page load without a single violation; the calculators go live and compute (Pyodide's
WebAssembly is the one thing the policy allows beyond this host's files), search finds pages,
the light/dark switch switches, and instant navigation brings in a calculator page that goes
live too.
"""

from __future__ import annotations

import pytest

from ka_site.commands.serve import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.browser

LIVE = '.ka-calc-status[data-state="live"]'

#: Registered before any of the page's scripts runs: every violation the page reports, kept for
#: the test to read (a test's own init script is not subject to the page's policy).
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile}:${event.lineNumber} ${event.sample}`);
}, true);
"""

#: The next result a widget computes, listened for before the edit that causes it; the promise
#: races a timer, so a page that never computes fails the test instead of hanging it.
NEXT_RESULT = """slug => {
  const root = document.querySelector(`.ka-calc[data-calc="${slug}"]`);
  const computed = (resolve) =>
    root.addEventListener("ka:computed", () => resolve(true), { once: true });
  window.__nextResult = Promise.race([
    new Promise(computed),
    new Promise((resolve) => setTimeout(() => resolve(false), 30000)),
  ]);
}"""


class Tab:
    """A reader's tab on the served site, with every violation and console error recorded."""

    def __init__(self, context, base_url: str) -> None:
        self.base_url = base_url
        context.add_init_script(WATCH_VIOLATIONS)
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on(
            "console", lambda m: self.problems.append(m.text) if m.type == "error" else None
        )

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, path
        # the page came with the policy: the browser enforced it on what follows
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations")

    def assert_clean(self) -> None:
        assert self.violations() == []
        assert self.problems == []


@pytest.fixture
def tab(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield Tab(context, site_server)
    context.close()


def test_a_calculator_page_goes_live_and_computes_under_the_policy(tab):
    tab.open("prioritising/screening/")
    tab.page.wait_for_selector(LIVE, timeout=90_000)
    tab.page.evaluate(NEXT_RESULT, "screening")
    choice = tab.page.locator('.ka-calc[data-calc="screening"] .ka-calc-form select').first
    choice.select_option(index=1 if choice.evaluate("s => s.selectedIndex") == 0 else 0)
    assert tab.page.evaluate("window.__nextResult") is True  # Python in the worker computed it
    tab.assert_clean()


def test_the_home_page_and_a_plain_page_load_and_search_under_the_policy(tab):
    tab.open("")
    assert tab.page.locator("article h1").count() == 1
    tab.assert_clean()
    tab.open("key-accounts/")
    # the theme started (its script is a file) and marked the page
    assert tab.page.evaluate("document.documentElement.classList.contains('js')")
    box = tab.page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill("funnel")
    box.press("End")  # Material searches on key up
    tab.page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert tab.page.locator(".md-search-result__item").count() >= 1
    tab.assert_clean()


def test_the_switch_and_instant_navigation_work_under_the_policy(tab):
    tab.open("zh/key-accounts/")
    tab.page.click("[data-ka-palette] label:visible")
    assert tab.page.get_attribute("body", "data-md-color-scheme") == "slate"
    tab.page.evaluate("window.__samePage = true")  # gone if the browser loads a whole page
    tab.page.locator(".md-tabs a[href$='prioritising/screening/']").first.click()
    tab.page.wait_for_url("**/zh/prioritising/screening/")
    tab.page.wait_for_selector(LIVE, timeout=90_000)
    assert tab.page.evaluate("window.__samePage") is True  # instant navigation, not a reload
    assert tab.page.get_attribute("body", "data-md-color-scheme") == "slate"
    tab.page.screenshot(path="test-artifacts/strict-csp-zh-screening.png")
    tab.assert_clean()


def test_after_instant_navigation_the_language_links_name_the_page_shown(tab):
    """The header stays while instant navigation swaps the page: its links to each language are
    rewritten for the page shown (javascripts/language.mjs, with addresses.mjs)."""
    links = ".md-select__link[hreflang='{}']"
    for start in ("key-accounts/", "zh/key-accounts/"):
        tab.open(start)
        tab.page.evaluate("window.__samePage = true")
        tab.page.locator(".md-tabs a[href$='prioritising/screening/']").first.click()
        tab.page.wait_for_url(f"**/{start[: -len('key-accounts/')]}prioritising/screening/")
        tab.page.wait_for_function(
            "s => document.querySelector(s).href.endsWith('/prioritising/screening/')",
            arg=links.format("en"),
            timeout=10_000,
        )
        assert tab.page.evaluate("window.__samePage") is True  # instant navigation
        english = tab.page.get_attribute(links.format("en"), "href")
        chinese = tab.page.get_attribute(links.format("zh"), "href")
        assert english == tab.base_url + "prioritising/screening/", (start, english)
        assert chinese == tab.base_url + "zh/prioritising/screening/", (start, chinese)
    tab.assert_clean()
