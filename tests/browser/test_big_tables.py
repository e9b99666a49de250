"""A table of hundreds or thousands of rows lays out only the rows on screen (virtual-rows.mjs),
and stays the same form: a phone's cards one at a time, the keyboard from row to row, axe-core's
checks. (The 10,000-deal import, scrolling, an edit far down and printing: test_crm_import.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from calculators import calculator
from calculators.tables import read_table
from ka_site.testing.crm_corpus import many_deals
from ka_site.testing.page_hooks import computed_after, evaluate_within
from ka_site.testing.phone_flow import PHONE

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE = "workshop/pipeline-board/"
DEALS = '.ka-calc[data-calc="pipeline"] .ka-table[data-field="deals"]'
CONFIRM = f'{DEALS} .ka-import-preview [data-preview="confirm"]'
COUNT = 600  # above the 500 rows from which a table lays out only the rows on screen


def _rows(tmp_path: Path) -> tuple[Path, list[dict]]:
    path = tmp_path / "deals.csv"
    path.write_bytes(many_deals(COUNT))
    table = calculator("pipeline").field("deals")
    return path, read_table(path.read_bytes(), path.name, table).rows


def _import(page, path: Path) -> None:
    def pick_and_confirm() -> None:
        page.set_input_files(f"{DEALS} .ka-csv-file", str(path))
        page.click(CONFIRM, timeout=60_000)

    detail = computed_after(
        page,
        "pipeline",
        pick_and_confirm,
        accept=f"detail => JSON.parse(detail.inputs).deals.length === {COUNT}",
        ms=90_000,
    )
    assert detail["reply"]["ok"], detail["reply"]


def _serious_violations(page, selector: str) -> list[dict]:
    """Serious and critical axe-core violations inside ``selector``."""
    # evaluated as DevTools runs a script: the site's policy refuses an inline <script>
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    return evaluate_within(
        page,
        """async (selector) => {
            const found = await axe.run(document.querySelector(selector),
                                        { resultTypes: ["violations"] });
            return found.violations.filter(v => ["serious", "critical"].includes(v.impact))
              .map(v => ({ rule: v.id, where: v.nodes.slice(0, 5).map(n => n.target.join(" ")) }));
        }""",
        selector,
        what=f"an axe-core scan of {selector}",
    )


def _laid_out(page) -> list[int]:
    return page.eval_on_selector_all(
        f"{DEALS} tbody tr[data-index]", "rows => rows.map(r => Number(r.dataset.index))"
    )


@pytest.fixture
def phone(browser, site_server):
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


@pytest.mark.timeout(180)
def test_a_big_table_on_a_phone_is_one_card_at_a_time(phone, site_server, tmp_path):
    path, rows = _rows(tmp_path)
    phone.goto(site_server + PAGE)
    phone.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    _import(phone, path)
    card = phone.locator(f"{DEALS} tr.ka-current")
    assert card.count() == 1 and card.get_attribute("data-index") == "0"
    assert len(_laid_out(phone)) == 1  # the card shown, not the 600 rows
    assert phone.locator(f"{DEALS} .ka-pager-at").inner_text() == f"1 / {COUNT}"
    phone.click(f"{DEALS} .ka-pager-next")
    card = phone.locator(f"{DEALS} tr.ka-current")
    assert card.get_attribute("data-index") == "1"
    name = card.locator('td[data-column="name"] input').input_value()
    assert name == rows[1]["name"]
    # the list of every row jumps to a card far down, laid out for it
    phone.click(f'{DEALS} .ka-row-index button[data-row-index="{COUNT - 2}"]')
    card = phone.locator(f"{DEALS} tr.ka-current")
    assert card.get_attribute("data-index") == str(COUNT - 2)
    assert card.locator('td[data-column="name"] input').input_value() == rows[COUNT - 2]["name"]
    assert card.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    card.scroll_into_view_if_needed()
    phone.screenshot(path=str(ARTIFACTS / "big-table-phone-card.png"))
    # undo: the table's ten rows as before, every one in the page again
    undo = f'{DEALS} .ka-import-preview [data-preview="undo"]'
    detail = computed_after(
        phone,
        "pipeline",
        lambda: phone.click(undo),
        accept="detail => JSON.parse(detail.inputs).deals.length === 10",
        ms=60_000,
    )
    assert detail["reply"]["ok"]
    assert phone.locator(f"{DEALS}.ka-virtual").count() == 0
    assert phone.locator(f"{DEALS} tbody tr[data-row]").count() == 10
    assert phone.locator(f"{DEALS} table.ka-grid[aria-rowcount]").count() == 0


@pytest.mark.timeout(180)
def test_a_big_table_passes_axe_and_the_keyboard_walks_past_the_rows_laid_out(visit, tmp_path):
    path, rows = _rows(tmp_path)
    visit.open(PAGE)
    visit.wait_live()
    page = visit.page
    _import(page, path)
    assert _serious_violations(page, '.ka-calc[data-calc="pipeline"]') == []
    # the table is a group named by its label, as a fieldset with its legend would be
    group = page.get_by_role("group", name="Open deals", exact=True)
    assert group.count() == 1 and group.get_attribute("data-field") == "deals"
    first = _laid_out(page)
    last = max(first)
    assert len(first) < COUNT
    # Tab from the last row laid out: the rows after it are laid out as the focus reaches them
    page.focus(f'{DEALS} tr[data-index="{last}"] td[data-column="name"] input')
    for _ in range(40):
        page.keyboard.press("Tab")
    at = page.evaluate("() => document.activeElement.closest('tr[data-index]')?.dataset.index")
    assert at is not None and int(at) > last + 3
    row = page.locator(f'{DEALS} tr[data-index="{at}"]')
    assert row.locator('td[data-column="name"] input').input_value() == rows[int(at)]["name"]
    assert row.get_attribute("aria-rowindex") == str(int(at) + 2)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(DEALS).screenshot(path=str(ARTIFACTS / "big-table-keyboard.png"))

    # sorting moves the values in Python's order: the first row is then rank 1
    sort = f'{DEALS} [data-action="sort"]'
    detail = computed_after(page, "pipeline", lambda: page.click(sort), ms=90_000)
    assert detail["reply"]["ok"]
    page.eval_on_selector(f"{DEALS} .ka-table-scroll", "box => { box.scrollTop = 0; }")
    first = page.locator(f'{DEALS} tr[data-index="0"]')
    first.wait_for()
    assert first.locator('td[data-result="rank"]').inner_text().strip() == "1"
    # a row added at the end is laid out and focused, the count follows
    page.click(f"{DEALS} .ka-add-row")
    page.wait_for_function(
        "(t) => document.activeElement.closest(`${t} tr[data-index]`)?.dataset.index === '600'",
        arg=DEALS,
    )
    assert page.get_attribute(f"{DEALS} table.ka-grid", "aria-rowcount") == str(COUNT + 2)
    assert not visit.errors, visit.errors
