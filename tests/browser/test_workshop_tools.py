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


def test_csv_export_then_import_gives_the_same_table(reader, tmp_path):
    open_live(reader, "workshop/group-screening/")
    reader.page.fill(first_prospect_cell("name"), "Northwind, Ltd. 北风")
    reader.wait_live()
    before = table_rows(reader.page, "prospects")
    with reader.page.expect_download() as download:
        reader.page.click(f'{PROSPECTS} [data-action="export"]')
    csv_file = tmp_path / "prospects.csv"
    download.value.save_as(csv_file)
    assert "Northwind, Ltd. 北风" in csv_file.read_text("utf-8-sig")
    reader.page.click(f"{PROSPECTS} .ka-remove-row")  # change the table, then import it back
    assert table_rows(reader.page, "prospects") != before
    reader.page.set_input_files(f"{PROSPECTS} .ka-csv-file", str(csv_file))
    reader.page.click(f'{PROSPECTS} .ka-import-preview [data-preview="confirm"]')  # the preview
    reader.page.wait_for_function(
        f"() => document.querySelectorAll('{PROSPECTS} tbody tr[data-row]').length"
        f" === {len(before)}"
    )
    assert table_rows(reader.page, "prospects") == before
    reader.wait_live()


def test_a_csv_with_no_usable_column_is_refused_beside_the_table(reader, tmp_path):
    open_live(reader, "zh/workshop/group-screening/")
    bad = tmp_path / "bad.csv"
    bad.write_text("预算,负责人\n3,X\n", encoding="utf-8")
    before = table_rows(reader.page, "prospects")
    reader.page.set_input_files(f"{PROSPECTS} .ka-csv-file", str(bad))
    message = reader.page.locator(f"{PROSPECTS} > .ka-error")
    message.wait_for()
    assert "没有这个表格能用的列" in message.inner_text()
    assert table_rows(reader.page, "prospects") == before


def test_a_shared_link_opened_in_a_fresh_browser_restores_the_state(reader, browser):
    open_live(reader, "workshop/group-screening/")
    reader.page.fill(first_prospect_cell("name"), "Shared Co")
    reader.page.fill(first_prospect_cell("c1"), "0")
    reader.wait_live()
    reader.page.click('.ka-calc[data-calc="screening"] [data-action="share"]')
    # the state is compressed before the link is shown; it follows the heading anchor, if any
    reader.page.wait_for_function(
        "() => document.querySelector('.ka-share-url').value.includes('ka.screening=')"
    )
    link = reader.page.locator(".ka-share-url").input_value()
    fresh = browser.new_context()  # nothing in its storage
    page = fresh.new_page()
    page.goto(link)
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    assert page.input_value(first_prospect_cell("name")) == "Shared Co"
    assert page.input_value(first_prospect_cell("c1")) == "0"
    assert "Shared Co" in page.inner_text(".ka-calc-result")
    assert "ka.screening" not in page.url  # applied, then taken out of the address
    fresh.close()


def test_state_survives_a_reload_and_reset_clears_it(reader):
    open_live(reader, "workshop/group-screening/")
    default_name = reader.page.input_value(first_prospect_cell("name"))
    reader.page.fill(first_prospect_cell("name"), "Kept Ltd")
    reader.page.fill(first_prospect_cell("c2"), "abc")  # even a bad value is kept
    reader.page.wait_for_selector('.ka-calc-status[data-state="error"]')
    reader.page.reload()
    reader.page.wait_for_selector('.ka-calc-status[data-state="error"]', timeout=60_000)
    assert reader.page.input_value(first_prospect_cell("name")) == "Kept Ltd"
    assert reader.page.input_value(first_prospect_cell("c2")) == "abc"
    reader.page.click('.ka-calc[data-calc="screening"] .ka-reset')
    reader.wait_live()
    assert reader.page.input_value(first_prospect_cell("name")) == default_name
    reader.page.reload()
    reader.wait_live()
    assert reader.page.input_value(first_prospect_cell("name")) == default_name


def test_projector_mode_shows_only_the_tool_in_large_type(reader):
    open_live(reader, "workshop/group-screening/")
    widget = '.ka-calc[data-calc="screening"]'
    size = reader.page.eval_on_selector(widget, "e => parseFloat(getComputedStyle(e).fontSize)")
    reader.page.click(f'{widget} [data-action="projector"]')
    assert (
        reader.page.get_attribute(f'{widget} [data-action="projector"]', "aria-pressed") == "true"
    )
    assert reader.page.is_hidden(".md-header") and reader.page.is_hidden(".md-sidebar--primary")
    bigger = reader.page.eval_on_selector(widget, "e => parseFloat(getComputedStyle(e).fontSize)")
    assert bigger >= 1.3 * size
    ARTIFACTS.mkdir(exist_ok=True)
    reader.page.screenshot(path=str(ARTIFACTS / "projector-group-screening.png"))
    reader.page.click(f'{widget} [data-action="projector"]')
    assert reader.page.is_visible(".md-header")


def test_a_page_left_in_projector_mode_does_not_take_the_projector_along(reader):
    reader.open("workshop/group-screening/")  # by the site's links, from a page without a tool
    reader.wait_live()
    # a phone or a browser that refuses full screen (an iPhone has none for a page's element):
    # the projector is the page's own layout alone
    reader.page.evaluate(
        """() => {
            window.kaFullscreen = Element.prototype.requestFullscreen;
            Element.prototype.requestFullscreen = () => Promise.reject(new Error("refused"));
        }"""
    )
    try:
        reader.page.click('.ka-calc[data-calc="screening"] [data-action="projector"]')
        assert reader.page.is_hidden(".md-header")
        reader.page.go_back()  # the trainer's back button: instant navigation, the same document
        reader.page.wait_for_function("() => !document.querySelector('.ka-calc')")
        reader.page.wait_for_function(
            "() => !document.documentElement.classList.contains('ka-projector')", timeout=10_000
        )
        assert reader.page.is_visible(".md-header")
    finally:
        reader.page.evaluate("() => { Element.prototype.requestFullscreen = window.kaFullscreen; }")


def test_the_exercise_prints_as_a_clean_worksheet(reader):
    open_live(reader, "workshop/group-screening/")
    reader.page.emulate_media(media="print")
    assert reader.page.is_hidden(".md-header") and reader.page.is_hidden(".md-sidebar--primary")
    assert reader.page.is_hidden('.ka-calc [data-action="share"]')
    assert reader.page.is_visible(".ka-calc-result .ka-verdict")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = reader.page.pdf(path=str(ARTIFACTS / "group-screening.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_forms_print_on_a4(reader):
    reader.open("zh/forms/")
    reader.page.emulate_media(media="print")
    assert reader.page.locator(".ka-worksheet").count() >= 7
    pdf = reader.page.pdf(path=str(ARTIFACTS / "forms-zh.pdf"), format="A4")
    assert pdf.count(b"/Type /Page") >= 7  # one worksheet a page at least


def test_a_deal_named_like_markup_is_shown_as_text_and_runs_nothing(reader):
    dialogs = []
    reader.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_live(reader, "workshop/pipeline-board/")
    name = '.ka-table[data-field="deals"] tbody tr:nth-child(1) td[data-column="name"] input'
    reader.page.fill(name, "<img src=x onerror=alert(1)>")
    reader.wait_live()
    reader.page.wait_for_function(
        "document.querySelector('.ka-calc-result').textContent.includes('<img src=x')"
    )
    assert reader.page.locator(".ka-calc-result img").count() == 0
    assert reader.page.locator(".ka-calc-result svg image").count() == 0
    reader.page.wait_for_timeout(300)
    assert not dialogs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_quiz_answer_gets_feedback_with_the_why_and_a_link(reader, lang):
    calc = REGISTRY["drill_grades"]
    open_live(reader, language_prefix(lang) + calc.page + "/")
    widget = '.ka-calc[data-calc="drill_grades"]'
    reader.page.click(f"{widget} .ka-reset")
    reader.wait_live()
    first = calc.fields[0]
    right = dict(REGISTRY.module(calc.slug).answer_key())[first.key]
    wrong = next(c.value for c in first.choices if c.value != right)
    choice = f'{widget} [data-field="{first.key}"] select'
    detail = computed_after(  # the debounced compute comes after the choice
        reader.page, "drill_grades", lambda: reader.page.select_option(choice, wrong)
    )
    root = reader.page.get_attribute(widget, "data-root")
    expected = json.loads(score_json(calc.slug, detail["inputs"], lang, root))
    assert detail["reply"] == expected
    result = reader.page.locator(f"{widget} .ka-calc-result")
    assert result.locator("a").count() >= 1  # feedback links the page that teaches it
    href = result.locator("a").first.get_attribute("href")
    assert "sales-process/funnel/" in href and (href.count("zh/") == (lang == "zh"))
