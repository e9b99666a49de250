"""The workshop and self-study tools as a trainer and a new hire use them: CSV round trips,
shareable links, state that survives a reload until reset, projector mode, print, quizzes, and
names that are shown as text, never run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators import REGISTRY, score_json
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import computed_after

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PROSPECTS = '.ka-calc[data-calc="screening"] .ka-table[data-field="prospects"]'


def open_live(visit, path: str) -> None:
    visit.open(path)
    visit.wait_live()


def first_prospect_cell(column: str) -> str:
    return f'{PROSPECTS} tbody tr:nth-child(1) td[data-column="{column}"] input'


def table_rows(page, field: str) -> list[dict]:
    return page.eval_on_selector_all(
        f'.ka-table[data-field="{field}"] tbody tr[data-row]',
        """rows => rows.map(r => Object.fromEntries([...r.querySelectorAll("td[data-column]")]
             .map(td => [td.dataset.column, td.querySelector("input, select").value])))""",
    )


def test_csv_export_then_import_gives_the_same_table(visit, tmp_path):
    open_live(visit, "workshop/group-screening/")
    visit.page.fill(first_prospect_cell("name"), "Northwind, Ltd. 北风")
    visit.wait_live()
    before = table_rows(visit.page, "prospects")
    with visit.page.expect_download() as download:
        visit.page.click(f'{PROSPECTS} [data-action="export"]')
    csv_file = tmp_path / "prospects.csv"
    download.value.save_as(csv_file)
    assert "Northwind, Ltd. 北风" in csv_file.read_text("utf-8-sig")
    visit.page.click(f"{PROSPECTS} .ka-remove-row")  # change the table, then import it back
    assert table_rows(visit.page, "prospects") != before
    visit.page.set_input_files(f"{PROSPECTS} .ka-csv-file", str(csv_file))
    visit.page.click(f'{PROSPECTS} .ka-import-preview [data-preview="confirm"]')  # the preview
    visit.page.wait_for_function(
        f"() => document.querySelectorAll('{PROSPECTS} tbody tr[data-row]').length"
        f" === {len(before)}"
    )
    assert table_rows(visit.page, "prospects") == before
    visit.wait_live()


def test_a_csv_with_no_usable_column_is_refused_beside_the_table(visit, tmp_path):
    open_live(visit, "zh/workshop/group-screening/")
    bad = tmp_path / "bad.csv"
    bad.write_text("预算,负责人\n3,X\n", encoding="utf-8")
    before = table_rows(visit.page, "prospects")
    visit.page.set_input_files(f"{PROSPECTS} .ka-csv-file", str(bad))
    message = visit.page.locator(f"{PROSPECTS} > .ka-error")
    message.wait_for()
    assert "没有这个表格能用的列" in message.inner_text()
    assert table_rows(visit.page, "prospects") == before


def test_a_shared_link_opened_in_a_fresh_browser_restores_the_state(visit, browser):
    open_live(visit, "workshop/group-screening/")
    visit.page.fill(first_prospect_cell("name"), "Shared Co")
    visit.page.fill(first_prospect_cell("c1"), "0")
    visit.wait_live()
    visit.page.click('.ka-calc[data-calc="screening"] [data-action="share"]')
    # the state is compressed before the link is shown; it follows the heading anchor, if any
    visit.page.wait_for_function(
        "() => document.querySelector('.ka-share-url').value.includes('ka.screening=')"
    )
    link = visit.page.locator(".ka-share-url").input_value()
    fresh = browser.new_context()  # nothing in its storage
    page = fresh.new_page()
    page.goto(link)
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    assert page.input_value(first_prospect_cell("name")) == "Shared Co"
    assert page.input_value(first_prospect_cell("c1")) == "0"
    assert "Shared Co" in page.inner_text(".ka-calc-result")
    assert "ka.screening" not in page.url  # applied, then taken out of the address
    fresh.close()


def test_state_survives_a_reload_and_reset_clears_it(visit):
    open_live(visit, "workshop/group-screening/")
    default_name = visit.page.input_value(first_prospect_cell("name"))
    visit.page.fill(first_prospect_cell("name"), "Kept Ltd")
    visit.page.fill(first_prospect_cell("c2"), "abc")  # even a bad value is kept
    visit.page.wait_for_selector('.ka-calc-status[data-state="error"]')
    visit.page.reload()
    visit.page.wait_for_selector('.ka-calc-status[data-state="error"]', timeout=60_000)
    assert visit.page.input_value(first_prospect_cell("name")) == "Kept Ltd"
    assert visit.page.input_value(first_prospect_cell("c2")) == "abc"
    visit.page.click('.ka-calc[data-calc="screening"] .ka-reset')
    visit.wait_live()
    assert visit.page.input_value(first_prospect_cell("name")) == default_name
    visit.page.reload()
    visit.wait_live()
    assert visit.page.input_value(first_prospect_cell("name")) == default_name


def test_projector_mode_shows_only_the_tool_in_large_type(visit):
    open_live(visit, "workshop/group-screening/")
    widget = '.ka-calc[data-calc="screening"]'
    size = visit.page.eval_on_selector(widget, "e => parseFloat(getComputedStyle(e).fontSize)")
    visit.page.click(f'{widget} [data-action="projector"]')
    assert visit.page.get_attribute(f'{widget} [data-action="projector"]', "aria-pressed") == "true"
    assert visit.page.is_hidden(".md-header") and visit.page.is_hidden(".md-sidebar--primary")
    bigger = visit.page.eval_on_selector(widget, "e => parseFloat(getComputedStyle(e).fontSize)")
    assert bigger >= 1.3 * size
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "projector-group-screening.png"))
    visit.page.click(f'{widget} [data-action="projector"]')
    assert visit.page.is_visible(".md-header")


def test_the_exercise_prints_as_a_clean_worksheet(visit):
    open_live(visit, "workshop/group-screening/")
    visit.page.emulate_media(media="print")
    assert visit.page.is_hidden(".md-header") and visit.page.is_hidden(".md-sidebar--primary")
    assert visit.page.is_hidden('.ka-calc [data-action="share"]')
    assert visit.page.is_visible(".ka-calc-result .ka-verdict")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = visit.page.pdf(path=str(ARTIFACTS / "group-screening.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_forms_print_on_a4(visit):
    visit.open("zh/forms/")
    visit.page.emulate_media(media="print")
    assert visit.page.locator(".ka-worksheet").count() >= 7
    pdf = visit.page.pdf(path=str(ARTIFACTS / "forms-zh.pdf"), format="A4")
    assert pdf.count(b"/Type /Page") >= 7  # one worksheet a page at least


def test_a_deal_named_like_markup_is_shown_as_text_and_runs_nothing(visit):
    dialogs = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_live(visit, "workshop/pipeline-board/")
    name = '.ka-table[data-field="deals"] tbody tr:nth-child(1) td[data-column="name"] input'
    visit.page.fill(name, "<img src=x onerror=alert(1)>")
    visit.wait_live()
    visit.page.wait_for_function(
        "document.querySelector('.ka-calc-result').textContent.includes('<img src=x')"
    )
    assert visit.page.locator(".ka-calc-result img").count() == 0
    assert visit.page.locator(".ka-calc-result svg image").count() == 0
    visit.page.wait_for_timeout(300)
    assert not dialogs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_quiz_answer_gets_feedback_with_the_why_and_a_link(visit, lang):
    calc = REGISTRY["drill_grades"]
    open_live(visit, language_prefix(lang) + calc.page + "/")
    widget = '.ka-calc[data-calc="drill_grades"]'
    visit.page.click(f"{widget} .ka-reset")
    visit.wait_live()
    first = calc.fields[0]
    right = dict(REGISTRY.module(calc.slug).answer_key())[first.key]
    wrong = next(c.value for c in first.choices if c.value != right)
    choice = f'{widget} [data-field="{first.key}"] select'
    detail = computed_after(  # the debounced compute comes after the choice
        visit.page, "drill_grades", lambda: visit.page.select_option(choice, wrong)
    )
    root = visit.page.get_attribute(widget, "data-root")
    expected = json.loads(score_json(calc.slug, detail["inputs"], lang, root))
    assert detail["reply"] == expected
    result = visit.page.locator(f"{widget} .ka-calc-result")
    assert result.locator("a").count() >= 1  # feedback links the page that teaches it
    href = result.locator("a").first.get_attribute("href")
    assert "sales-process/funnel/" in href and (href.count("zh/") == (lang == "zh"))
