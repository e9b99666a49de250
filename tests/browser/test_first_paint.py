"""The first paint is final: the live result leaves an identical pre-rendered result alone.

Readers see the worked example's result at once (rendered at build time). When Python in the
page computes the same result, the page keeps the nodes it painted, so nothing moves and the
largest content is not painted twice; a changed input still replaces the result.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LIVE = '.ka-calc-status[data-state="live"]'
MARK = (
    "document.querySelectorAll('.ka-calc-result')"
    ".forEach(r => { for (const n of r.children) n.kaPainted = true; })"
)
KEPT = (
    "[...document.querySelectorAll('.ka-calc-result')]"
    ".map(r => r.children.length > 0 && [...r.children].every(n => n.kaPainted === true))"
)


@pytest.mark.parametrize(
    "path", ["prioritising/screening/", "zh/workshop/group-screening/", "zh/growing/wall/"]
)
def test_the_live_result_keeps_the_identical_painted_result(visit, path):
    visit.open(path)
    visit.page.evaluate(MARK)
    visit.wait_live()
    assert all(visit.page.evaluate(KEPT))


def test_a_changed_input_still_replaces_the_result(visit):
    visit.open("prioritising/screening/")
    visit.page.evaluate(MARK)
    visit.wait_live()
    result = visit.page.locator(".ka-calc-result").first
    before = result.inner_text()
    cell = visit.page.locator('.ka-table tbody tr td[data-column="c1"] input').first
    cell.fill("0" if cell.input_value() != "0" else "2")
    visit.page.wait_for_function(
        "t => document.querySelector('.ka-calc-result').innerText !== t", arg=before
    )
    assert not all(visit.page.evaluate(KEPT))


STYLESHEETS = "[...document.querySelectorAll('head > link[rel=stylesheet]')]"


def test_start_up_leaves_the_stylesheets_alone_until_the_reader_moves_on(visit):
    """Material makes every address in the page absolute as it starts, so that it can compare
    the next page's <head> with this one; rewriting a stylesheet's address makes the browser
    take the sheet up again and restyle the whole page. The stylesheets keep their address
    through start-up, take the absolute one when the reader first navigates, and are kept then,
    not loaded again."""
    page = visit.page
    visit.open("zh/prioritising/screening/")
    visit.wait_live()
    addresses = page.evaluate(f"{STYLESHEETS}.map(l => l.getAttribute('href'))")
    assert len(addresses) >= 3
    assert all(a.startswith("../") for a in addresses), addresses
    page.evaluate(f"{STYLESHEETS}.forEach(l => {{ l.kaKept = true; }})")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")

    page.locator("a.md-nav__link[href*='deal-heat']").first.dispatch_event("click")
    page.wait_for_url("**/zh/prioritising/deal-heat/")
    visit.wait_live()
    after = page.evaluate(f"{STYLESHEETS}.map(l => [l.getAttribute('href'), l.kaKept === true])")
    assert [kept for _, kept in after] == [True] * len(addresses), after
    assert all(href.startswith(visit.base_url) for href, _ in after), after
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        == header
    )
