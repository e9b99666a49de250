"""The header's light/dark switch: the page opens in the scheme the device prefers, or in the
one the reader chose, and the choice follows the reader to every page of both languages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SWITCH = "[data-ka-palette] label:visible"


def scheme(page) -> str:
    return page.get_attribute("body", "data-md-color-scheme")


@pytest.fixture
def device(browser, site_server):
    """A new device (no choice stored yet) that prefers ``scheme``."""
    contexts = []

    def open_device(preferred: str, path: str):
        context = browser.new_context(color_scheme=preferred, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_server + path)
        return page, errors

    yield open_device
    for context in contexts:
        context.close()


@pytest.mark.parametrize(
    ("preferred", "worn", "offered"),
    [
        ("light", "default", "Dark mode"),
        ("dark", "slate", "Light mode"),
    ],
)
def test_a_first_visit_wears_the_scheme_the_device_prefers(device, preferred, worn, offered):
    page, errors = device(preferred, "key-accounts/")
    assert scheme(page) == worn
    assert page.locator(SWITCH).count() == 1
    assert page.locator(SWITCH).get_attribute("title") == offered
    assert errors == []


def test_the_readers_choice_follows_them_to_other_pages_and_languages(device, site_server):
    page, errors = device("light", "prioritising/screening/")
    page.click(SWITCH)
    assert scheme(page) == "slate"
    assert page.locator(SWITCH).get_attribute("title") == "Light mode"
    page.click("a.md-nav__link[href*='deal-heat']")  # instant navigation keeps the header
    page.wait_for_url("**/prioritising/deal-heat/")
    assert scheme(page) == "slate"
    page.goto(site_server + "zh/key-accounts/")  # a whole new page, in the other language
    assert scheme(page) == "slate"
    assert page.locator(SWITCH).get_attribute("title") == "浅色模式"  # in the page's language
    assert errors == []


def test_enter_on_the_focused_switch_changes_the_scheme(device):
    page, _ = device("dark", "zh/key-accounts/")
    page.focus("[data-ka-palette] input:checked")
    page.keyboard.press("Enter")
    assert scheme(page) == "default"
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
