"""Every page, in both languages, asks nothing of another host and passes an axe-core scan with
no serious or critical violation;
every tool is usable at 375 px, a rep's phone (screenshots are kept as test artifacts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators import REGISTRY
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import evaluate_within
from site_pages import ALL_PATHS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "phone"
SERIOUS = ("serious", "critical")
#: Through the DOM's styles: the site's policy refuses an inline <style> (what add_style_tag adds).
SHOW_ALL = """document.querySelectorAll(".ka-calc-result")
  .forEach((result) => result.style.setProperty("content-visibility", "visible", "important"))"""


def serious_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluated as DevTools runs a script: the site's policy refuses an inline <script>
        # (what add_script_tag adds)
        page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    return evaluate_within(
        page,
        """async (levels) => (await axe.run(document, { resultTypes: ["violations"] }))
            .violations.filter(v => levels.includes(v.impact))
            .map(v => ({ rule: v.id, impact: v.impact, help: v.help,
                         where: v.nodes.slice(0, 5).map(n => n.target.join(" ")) }))""",
        list(SERIOUS),
        what="an axe-core scan of the page",
    )


#: Every page, the English ones first: the reader's link to the other language loads a whole page,
#: a link within one language only the new page's content (instant navigation).
BY_LANGUAGE = sorted(ALL_PATHS, key=lambda path: path.startswith("zh/"))


@pytest.mark.parametrize("path", BY_LANGUAGE)
def test_every_page_passes_axe_and_asks_nothing_of_another_host(long_visit, path):
    long_visit.requests.clear()
    long_visit.go(path)  # as a reader follows the site's links: one Python for the whole visit
    long_visit.page.wait_for_load_state("networkidle")
    if long_visit.page.locator(".ka-calc").count():  # scan the page as it ends up: live results
        long_visit.wait_live()
    assert not long_visit.outside_requests(), long_visit.outside_requests()
    violations = serious_violations(long_visit.page)
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


TOOLS = [c for c in REGISTRY.values() if c.kind in ("tool", "drill")] + [
    REGISTRY["screening"],
    REGISTRY["wall"],
]


@pytest.mark.parametrize("calc", TOOLS, ids=[c.slug for c in TOOLS])
@pytest.mark.parametrize("lang", ["en", "zh"])  # one language after the other: one page load each
def test_every_tool_is_usable_on_a_375_px_phone(phone_visit, calc, lang):
    # one rep's phone, which only looks: it follows the site's links from tool to tool
    phone_visit.go(language_prefix(lang) + calc.page + "/")
    page = phone_visit.page
    widget = page.locator(f'.ka-calc[data-calc="{calc.slug}"]')
    page.wait_for_selector(
        f'.ka-calc[data-calc="{calc.slug}"] .ka-calc-status[data-state="live"]', timeout=60_000
    )
    # nothing makes the page itself scroll sideways: wide tables scroll inside their own box
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the phone"
    box = widget.bounding_box()
    assert box["x"] >= -1 and box["x"] + box["width"] <= 376
    # the first control can be reached and used by touch (a field with a few values is
    # answered by tapping one of them: those are its controls on a phone)
    control = widget.locator(".ka-calc-form :is(input[type=text], select, .ka-tap):visible").first
    control.scroll_into_view_if_needed()
    assert control.is_visible() and control.bounding_box()["height"] >= 24
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # the whole widget in one picture, as the reader sees each part when they scroll to it (the
    # phone skips rendering what is off the screen: test_a_phone_renders_..._scrolls_to_it)
    page.evaluate(SHOW_ALL)
    widget.screenshot(path=str(ARTIFACTS / f"{calc.slug}-{lang}.png"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_renders_a_calculators_result_when_the_reader_scrolls_to_it(
    browser, site_server, lang
):
    """A phone skips styling and laying out a calculator's result while it is off the screen
    (content-visibility), and shows it whole once the reader gets there."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    calc = REGISTRY["screening"]
    page.goto(site_server + language_prefix(lang) + calc.page + "/")
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    result = page.locator(".ka-calc-result").first
    # what is inside the result counts as hidden while the browser skips it
    shown = "el => el.firstElementChild.checkVisibility({ contentVisibilityAuto: true })"
    assert not result.evaluate(shown)  # far below the first screen: skipped for now
    result.scroll_into_view_if_needed()
    # a function, not a string: the site's policy refuses evaluating a string as script
    page.wait_for_function(f"() => ({shown})(document.querySelector('.ka-calc-result'))")
    label = calc.run(calc.defaults(lang)).verdict.label.get(lang)
    assert label in result.inner_text()
    assert result.bounding_box()["height"] > 40
    context.close()
