"""The page's side of the worker, in headless Chromium: a call the worker never answers and a
worker that dies both end in the calculator's visible failure, in the reader's language, with a
button that starts Python again, and never in an unhandled rejection; a page that is left keeps
no listener; and the test API exists only on a page whose test asked for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from answers import comparable

from calculators import score_json
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import (
    CALCULATORS,
    HOOKS,
    KEEP_THE_WORKER,
    ask_for_hooks,
    evaluate_within,
    status_within,
)

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

LANGS = ["en", "zh"]
SCREENING = "prioritising/screening/"
WIDGET = '.ka-calc[data-calc="screening"]'
STATUS = f"{WIDGET} .ka-calc-status"
NAME = (
    f'{WIDGET} .ka-table[data-field="prospects"] tbody tr:nth-child(1) td[data-column="name"] input'
)

# Every rejection nobody handled, and every error the page did not catch, kept for the test.
WATCH_REJECTIONS = """
window.kaUnhandled = [];
window.addEventListener("unhandledrejection", (e) => window.kaUnhandled.push(String(e.reason)));
window.addEventListener("error", (e) => window.kaUnhandled.push(String(e.message)));
"""

# Stands in for a Python that hangs: a call whose inputs hold this name never reaches the worker,
# so no answer ever comes.
NEVER_ANSWER = """
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === "call" && String(message.args[1]).includes("HANG-ME")) return;
  return post.call(this, message, ...rest);
};
"""


def new_page(browser, *scripts: str, **limits: int):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for script in (WATCH_REJECTIONS, *scripts):
        page.add_init_script(script)
    ask_for_hooks(page, **limits)
    return context, page, errors


def wait_state(page, *states: str, timeout: float = 60_000) -> str:
    return status_within(page, STATUS, *states, ms=timeout)


# Every state the calculator's status takes, in order, from the page's start: a test that waits
# on two pages at once reads what each went through, not only the state it is in when looked at.
WATCH_STATES = """
window.kaStates = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target instanceof Element && change.target.matches(".ka-calc-status")) {
      window.kaStates.push(change.target.getAttribute("data-state"));
    }
  }
}).observe(document, { attributes: true, attributeFilter: ["data-state"], subtree: true });
"""


def test_a_call_the_worker_never_answers_is_sent_once_more_then_held_apart_and_python_goes_on(
    browser, site_server
):
    # The test waits out two watchdogs (2 s for the call, then 8 s for a new Python's first
    # answer): the English and the Chinese page wait at the same time, each in its own context.
    pages = {
        lang: new_page(browser, WATCH_STATES, NEVER_ANSWER, callTimeoutMs=2000) for lang in LANGS
    }
    try:
        for lang, (_, page, _) in pages.items():
            page.goto(site_server + language_prefix(lang) + SCREENING)
        for lang, (_, page, _) in pages.items():
            assert wait_state(page, "live") == "live", lang
            page.fill(NAME, "HANG-ME Ltd")
        for lang, (_, page, _) in pages.items():
            # the same inputs get no answer from the new Python either: not sent a third time
            assert wait_state(page, "hung", timeout=80_000) == "hung", lang
            # before that, the watchdog: the result marked stale, Python started again by itself
            states = page.evaluate("window.kaStates")
            assert "restarting" in states[states.index("live") : states.index("hung")], states
            status = page.inner_text(STATUS)
            if lang == "zh":
                assert "两次都在" in status and "秒内没有得到结果" in status, status
                assert "之前输入的结果" in status, status
            else:
                assert "got no answer within" in status and "twice" in status, status
            assert page.input_value(NAME) == "HANG-ME Ltd", lang  # what was typed stays
            ARTIFACTS.mkdir(exist_ok=True)
            page.eval_on_selector(STATUS, "s => s.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(ARTIFACTS / f"worker-unanswered-{lang}.png"))
            # Python goes on: the next value computes, with no button to press
            page.fill(NAME, "Fine Ltd")
        for lang, (_, page, errors) in pages.items():
            assert wait_state(page, "live") == "live", lang
            assert "Fine Ltd" in page.inner_text(f"{WIDGET} .ka-calc-result"), lang
            assert page.evaluate(f"{CALCULATORS}.starts()") == 3, lang
            assert page.evaluate("window.kaUnhandled") == [], lang
            assert not errors, (lang, errors)
    finally:
        for context, _, _ in pages.values():
            context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_worker_that_dies_is_started_again_and_the_calculator_goes_on(browser, site_server, lang):
    context, page, errors = new_page(browser, KEEP_THE_WORKER)
    page.goto(site_server + language_prefix(lang) + SCREENING)
    assert wait_state(page, "live") == "live"
    # a score asked of the dead worker, while the new one starts, is refused as a handled rejection
    outcome = evaluate_within(
        page,
        """async () => {
          window.kaWorker.dispatchEvent(new ErrorEvent("error", {message: "gone"}));
          const state = CALCULATORS.state();
          const asked = CALCULATORS.score("screening", "{}");
          const answer = await asked.then(() => "answered", (e) => e.code);
          return [state, answer];
        }""".replace("CALCULATORS", CALCULATORS),
    )
    assert outcome == ["loading", "failed"]
    page.fill(NAME, "After The Fall Co")
    assert wait_state(page, "live") == "live"
    assert "After The Fall Co" in page.inner_text(f"{WIDGET} .ka-calc-result")
    assert page.evaluate(f"{CALCULATORS}.starts()") == 2
    assert page.evaluate("window.kaUnhandled") == []
    assert not errors, errors
    context.close()


def test_calls_are_matched_by_id_and_one_without_an_answer_times_out(visit):
    """rpc.mjs alone, over a message channel whose far end answers only what it is told to."""
    visit.open("key-accounts/")
    outcome = evaluate_within(
        visit.page,
        """async (root) => {
            const { Rpc, CallError } = await import(new URL("javascripts/rpc.mjs", root).href);
            const sent = [];
            const timeouts = [];
            const onTimeout = (error, limit) => timeouts.push([error.code, limit]);
            const rpc = new Rpc((m) => sent.push(m), onTimeout);
            const call = (id) => ({ type: "call", id, name: "score_json", args: [] });
            const first = rpc.request(call, 300);
            const second = rpc.request((id) => ({ type: "xlsx", id }), 300);
            rpc.answer({ type: "result", id: sent[1].id, payload: "{\\"ok\\": true}" });
            const late = rpc.answer({ type: "result", id: 99, payload: "{}" });
            const results = await Promise.allSettled([first, second]);
            return {
                ids: sent.map((m) => m.id),
                second: results[1].value,
                first: results[0].reason instanceof CallError && results[0].reason.code,
                late, timeouts, waiting: rpc.waiting,
            };
        }""",
        visit.base_url,
    )
    assert outcome["ids"][0] != outcome["ids"][1]
    assert outcome["second"] == '{"ok": true}'
    assert outcome["first"] == "timeout"
    assert outcome["late"] is False  # an answer nobody waits for is dropped
    assert outcome["timeouts"] == [["timeout", 300]]
    assert outcome["waiting"] == 0


def test_a_call_whose_timer_fires_late_because_the_page_was_busy_takes_its_answer(visit):
    """The page's own thread busy for longer than a call's limit (a 10,000-row table laid out
    for print): the timer fires late, with the worker's answer queued behind it. The call is
    answered, not failed as if Python had stopped; a call with no answer at all still fails."""
    visit.open("key-accounts/")
    outcome = evaluate_within(
        visit.page,
        """async (root) => {
            const { Rpc } = await import(new URL("javascripts/rpc.mjs", root).href);
            const sent = [];
            const timeouts = [];
            const rpc = new Rpc((m) => sent.push(m), (error, limit) => timeouts.push(limit));
            const call = (id) => ({ type: "call", id, name: "score_json", args: [] });
            const answered = rpc.request(call, 300);
            const unanswered = rpc.request(call, 300);
            const busyUntil = performance.now() + 900;  // the page's thread, busy
            while (performance.now() < busyUntil) { /* laying out a big table */ }
            // the worker's answer to the first call, delivered just after the busy spell
            setTimeout(() => rpc.answer({ type: "result", id: sent[0].id, payload: "{}" }), 50);
            const results = await Promise.allSettled([answered, unanswered]);
            return {
                answered: results[0].status === "fulfilled" ? results[0].value : "failed",
                unanswered: results[1].status === "rejected" ? results[1].reason.code : "answered",
                timeouts,
            };
        }""",
        visit.base_url,
    )
    assert outcome["answered"] == "{}"
    assert outcome["unanswered"] == "timeout"  # a grace of a second, then it fails
    assert outcome["timeouts"] == [300]


def fullscreen_listeners(page) -> int:
    """How many listeners for `fullscreenchange` the document holds (one per live widget)."""
    cdp = page.context.new_cdp_session(page)
    document = cdp.send("Runtime.evaluate", {"expression": "document"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": document})["listeners"]
    cdp.detach()
    return sum(1 for listener in listeners if listener["type"] == "fullscreenchange")


def test_a_page_left_by_instant_navigation_keeps_no_listener(visit):
    visit.open(SCREENING)
    visit.wait_live()
    first = fullscreen_listeners(visit.page)
    assert first >= 1  # the widget's own
    for slug, there in (("deal-heat", "deal_heat"), ("screening", "screening")):
        visit.page.eval_on_selector(f'.md-sidebar--primary a[href$="{slug}/"]', "a => a.click()")
        visit.page.wait_for_selector(
            f'.ka-calc[data-calc="{there}"] .ka-calc-status[data-state="live"]', timeout=60_000
        )
    assert fullscreen_listeners(visit.page) == first  # the two pages left hold none


def test_a_readers_page_has_no_test_api_and_a_tests_page_has_it(browser, site_server):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site_server + SCREENING)
    page.wait_for_selector(f'{STATUS}[data-state="live"]', timeout=60_000)
    ours = page.evaluate(
        "Object.getOwnPropertyNames(window).filter((name) => /^ka|^KA_/i.test(name))"
    )
    assert ours == []
    assert page.evaluate(f"typeof {HOOKS}") == "undefined"
    ask_for_hooks(page)
    page.reload()
    page.wait_for_selector(f'{STATUS}[data-state="live"]', timeout=60_000)
    answer = evaluate_within(
        page, f"() => {CALCULATORS}.score('deal_heat', '{{}}').then(JSON.parse)"
    )
    assert comparable(answer) == comparable(json.loads(score_json("deal_heat", "{}")))
    assert page.evaluate(f"{CALCULATORS}.state()") == "ready"
    assert page.evaluate(f"{CALCULATORS}.timings()").get("import")
    context.close()
