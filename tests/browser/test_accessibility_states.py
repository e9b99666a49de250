"""Accessible in every state, not only as first painted: axe-core finds no serious or critical
violation in a calculator that is live, that has a focused button, or that shows an error over a
stale result, on every calculator page in both languages; and the widget's buttons keep a
readable label when hovered, focused or pressed, in light and dark mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators import REGISTRY
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import evaluate_within

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "states"
SERIOUS = ["serious", "critical"]
CALCS = list(REGISTRY.values())


def violations(page, selector: str, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical axe-core violations inside every element ``selector`` matches."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated as DevTools runs a script: the site's policy refuses an inline <script>
        page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    return evaluate_within(
        page,
        """async ([selector, levels, rules]) => {
            const options = { resultTypes: ["violations"] };
            if (rules) options.runOnly = { type: "rule", values: rules };
            const found = await axe.run(document.querySelectorAll(selector), options);
            return found.violations.filter(v => levels.includes(v.impact)).map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                where: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " " + n.failureSummary),
            }));
        }""",
        [selector, SERIOUS, rules],
        what=f"an axe-core scan of {selector}",
    )


#: Waits until no CSS transition runs on the elements that ``scope`` matches, inside them or on
#: their ancestors (whose backgrounds the contrast check reads): the theme's colour transitions
#: take 125 ms, the calculators' buttons have none. Transitions elsewhere (the header and tabs
#: after instant navigation) are not waited for. ``getAnimations`` brings the page's style up to
#: date first, so a transition that a hover or a focus has just started is seen, and waited for.
_TRANSITIONS_DONE = """(scope) => new Promise((done) => {
    const roots = [...document.querySelectorAll(scope)];
    const concerns = (target) => target instanceof Element
        && roots.some((root) => root.contains(target) || target.contains(root));
    const check = () => {
        const running = document.getAnimations().filter((a) => a instanceof CSSTransition
            && a.playState === "running" && concerns(a.effect?.target));
        if (!running.length) return done();
        Promise.allSettled(running.map((a) => a.finished)).then(() => requestAnimationFrame(check));
    };
    requestAnimationFrame(check);
})"""


def settle(page, scope: str) -> None:
    """Let the colour transitions of what ``scope`` matches finish, as a reader sees it."""
    evaluate_within(page, _TRANSITIONS_DONE, scope, what=f"the transitions of {scope} to end")


def assert_none(found: list[dict], state: str) -> None:
    assert not found, f"{state}: " + json.dumps(found, ensure_ascii=False, indent=1)


def make_an_error(page, widget: str) -> None:
    """Put the calculator in its error state, as a reader would: a word in a number field, or
    (a drill with only choices) a value that is not one of the choices, as a stale saved state
    could hold."""
    number = page.locator(f"{widget} .ka-calc-form input.ka-num").first
    if number.count():
        number.fill("abc")
        return
    if not page.locator(f"{widget} .ka-calc-form select").count():  # text only: a control
        page.locator(f"{widget} .ka-calc-form input[type=text]").first.fill("\x07")  # character
        return
    page.eval_on_selector(
        f"{widget} .ka-calc-form select",
        """select => {
            select.append(new Option("?", "no-such-choice"));
            select.value = "no-such-choice";
            select.dispatchEvent(new Event("change", { bubbles: true }));
        }""",
    )


@pytest.mark.parametrize("calc", CALCS, ids=[c.slug for c in CALCS])
@pytest.mark.parametrize("lang", ["en", "zh"])  # one language after the other: one page load each
def test_every_calculator_passes_axe_live_focused_and_in_error(long_visit, calc, lang):
    page = long_visit.page
    widget = f'.ka-calc[data-calc="{calc.slug}"]'
    # one visit for every calculator, as a reader clicks from page to page: one Python
    long_visit.go(language_prefix(lang) + calc.page + "/")
    long_visit.wait_live()
    # live, with a focused toolbar button and a hovered form button: one scan for the three
    page.focus(f'{widget} [data-action="share"]')
    page.hover(f"{widget} .ka-reset")
    settle(page, widget)
    assert_none(violations(page, widget), "live, a button focused and one hovered")
    make_an_error(page, widget)
    try:
        page.wait_for_selector(f'{widget} .ka-calc-status[data-state="error"]')
        assert page.locator(f"{widget} .ka-calc-result.ka-stale").count() == 1
        assert_none(violations(page, widget), "error, with the stale result")
    finally:  # leave the page as found, even after a failure: the saved state is per page
        page.click(f"{widget} .ka-reset")
        long_visit.wait_live()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_buttons_keep_a_readable_label_when_hovered_focused_and_pressed(
    browser, site_server, scheme
):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server + "workshop/group-screening/")
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    widget = '.ka-calc[data-calc="screening"]'
    buttons = page.locator(f"{widget} .md-button:visible")
    count = buttons.count()
    assert count >= 6  # projector, share, print, add a row, import, export, reset
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    names = [buttons.nth(index).inner_text().strip() for index in range(count)]
    # each button hovered while the next one has the focus: one scan sees both states
    for index in range(count):
        hovered, focused = buttons.nth(index), buttons.nth((index + 1) % count)
        focused.focus()
        hovered.hover()
        for button in (hovered, focused):
            button.evaluate("b => b.dataset.kaUnderTest = ''")
        settle(page, "[data-ka-under-test]")
        found = violations(page, "[data-ka-under-test]", ["color-contrast"])
        following = names[(index + 1) % count]
        assert_none(found, f"{scheme}: '{names[index]}' hovered, '{following}' focused")
        if index == 0:
            hovered.screenshot(path=str(ARTIFACTS / f"toolbar-hover-{scheme}.png"))
            focused.screenshot(path=str(ARTIFACTS / f"toolbar-focus-{scheme}.png"))
        page.mouse.move(0, 0)
        page.evaluate(
            """() => {
                if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
                for (const b of document.querySelectorAll("[data-ka-under-test]")) {
                    delete b.dataset.kaUnderTest;
                }
            }"""
        )
    # pressed: projector mode on, then hovered and focused while pressed
    projector = page.locator(f'{widget} [data-action="projector"]')
    projector.click()
    assert projector.get_attribute("aria-pressed") == "true"
    projector.evaluate("b => b.id = 'ka-under-test'")
    for state in ("focus", "hover"):
        getattr(projector, state)()
        settle(page, "#ka-under-test")
        found = violations(page, "#ka-under-test", ["color-contrast"])
        assert_none(found, f"{scheme}: 'Projector' pressed and {state}ed")
    projector.screenshot(path=str(ARTIFACTS / f"toolbar-pressed-{scheme}.png"))
    context.close()
