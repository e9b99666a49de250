"""The browser tests' own waiting never hangs: an answer the page never gives fails at a time
limit, a listener is in place before the action it waits for, and a browser test that hangs
anyway fails within the test's limit while the next test still gets a working browser.

These pages are blank (no site, no Python): they test the helpers of
``ka_site.testing.page_hooks`` that every browser test and the benchmark wait with."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from ka_site.testing.page_hooks import computed_after, evaluate_within

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDGET = '<div class="ka-calc" data-calc="screening"></div>'
# What the widget does once Python answers: the event, with the inputs and the reply.
ANSWER = """() => document.querySelector('.ka-calc').dispatchEvent(new CustomEvent("ka:computed",
  { detail: { inputs: '{"n": 1}', reply: { ok: true } } }))"""


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(WIDGET)
    yield page
    context.close()


def test_a_promise_the_page_never_settles_fails_at_its_time_limit(blank):
    started = time.monotonic()
    with pytest.raises(PlaywrightError, match="no answer within 500 ms: a promise of no answer"):
        evaluate_within(blank, "() => new Promise(() => {})", ms=500, what="a promise of no answer")
    assert time.monotonic() - started < 20
    assert evaluate_within(blank, "n => Promise.resolve(n + 1)", 41) == 42  # the answer, in time


def test_an_answer_that_comes_during_the_action_is_not_missed(blank):
    """The page answers before the action returns: a listener registered after the action (as
    the tests once did) would wait for ever; this one was there first."""
    detail = computed_after(blank, "screening", lambda: blank.evaluate(ANSWER))
    assert detail == {"inputs": '{"n": 1}', "reply": {"ok": True}}


def test_an_answer_that_never_comes_fails_at_the_time_limit(blank):
    with pytest.raises(PlaywrightError, match="a ka:computed event of screening"):
        computed_after(blank, "screening", lambda: None, ms=500)
    with pytest.raises(PlaywrightError, match="no calculator deal_heat on this page"):
        computed_after(blank, "deal_heat", lambda: None, ms=500)


def test_only_the_answer_asked_for_is_taken(blank):
    other = ANSWER.replace('{"n": 1}', '{"n": 2}')
    detail = computed_after(
        blank,
        "screening",
        lambda: (blank.evaluate(ANSWER), blank.evaluate(other)),
        accept="detail => JSON.parse(detail.inputs).n === 2",
    )
    assert detail["inputs"] == '{"n": 2}'


HANGING_BROWSER_TEST = """
import os

import pytest
from playwright.sync_api import sync_playwright


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ["KA_CHROMIUM"], args=["--no-sandbox"], headless=True
        )
        yield browser
        browser.close()


@pytest.mark.timeout(5)
def test_waits_for_an_answer_without_a_limit(browser):
    browser.new_page().evaluate("() => new Promise(() => {})")


def test_the_next_test_still_has_a_working_browser(browser):
    page = browser.new_page()
    assert page.evaluate("() => Promise.resolve(6 * 7)") == 42
    page.close()
"""


def test_a_browser_test_that_hangs_fails_within_its_limit_and_the_browser_still_works(
    tmp_path, chromium
):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    (tmp_path / "test_hangs_in_the_browser.py").write_text(HANGING_BROWSER_TEST, "utf-8")
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"],
        cwd=tmp_path,
        env={**os.environ, "KA_CHROMIUM": chromium},
        capture_output=True,
        text=True,
        timeout=80,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Timeout (>5.0s) from pytest-timeout" in output
    assert "evaluate" in output  # the stack shows where it waited
    assert "1 failed, 1 passed" in output
    assert time.monotonic() - started < 60, output
