"""The corpus of real CRM exports through the browser's import: the same Python reads each
file in Pyodide, the form fills, and the pipeline board shows the hand-computed figures. Then
Excel out and back in, and 10,000 deals."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from ka_site.crm_corpus import corpus, many_deals

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAGE = "workshop/pipeline-board/"
DEALS = '.ka-calc[data-calc="pipeline"] .ka-table[data-field="deals"]'
CORPUS = {export.key: export for export in corpus()}


def _expect_result_with(page, rows: int) -> None:
    """Arm a promise for the first result computed from a table of ``rows`` deals."""
    page.evaluate(
        """rows => { window.__kaResult = new Promise(resolve => {
             const root = document.querySelector('.ka-calc[data-calc="pipeline"]');
             root.addEventListener("ka:computed", function seen(event) {
               if (JSON.parse(event.detail.inputs).deals.length !== rows) return;
               root.removeEventListener("ka:computed", seen);
               resolve(event.detail.reply);
             });
           }); }""",
        rows,
    )


def _figures(page, timeout: float = 60_000) -> dict:
    reply = page.evaluate(
        "timeout => Promise.race([window.__kaResult, new Promise((_, no) => "
        "setTimeout(() => no(new Error('no result')), timeout))])",
        timeout,
    )
    assert reply["ok"], reply
    return {f["key"]: f["value"] for f in reply["result"]["figures"]}


def _import(visit, path: Path, rows: int, timeout: float = 60_000) -> dict:
    _expect_result_with(visit.page, rows)
    visit.page.set_input_files(f"{DEALS} .ka-csv-file", str(path))
    return _figures(visit.page, timeout)


@pytest.mark.parametrize("key", list(CORPUS))
def test_each_export_imports_in_the_browser_with_the_hand_computed_figures(visit, tmp_path, key):
    export = CORPUS[key]
    lang = "zh/" if key.startswith("chinese") else ""
    visit.open(lang + PAGE)
    visit.wait_live()
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    figures = _import(visit, path, export.deals)
    assert figures["deals"] == export.deals
    assert figures["pipeline_wan"] == export.pipeline_wan
    assert figures["forecast_wan"] == export.forecast_wan
    assert figures["won_wan"] == export.won_wan
    notice = visit.page.locator(f"{DEALS} > .ka-import-notice")
    notice.wait_for()
    text = notice.inner_text()
    if export.encoding is not None:
        assert export.encoding in text
    else:
        assert ("Excel" in text) or ("工作表" in text)
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.locator(DEALS).screenshot(path=str(ARTIFACTS / f"import-{key}.png"))
    assert not visit.errors, visit.errors


def test_excel_export_then_import_gives_the_same_table(visit, tmp_path):
    visit.open(PAGE)
    visit.wait_live()
    visit.page.fill(
        f'{DEALS} tbody tr:nth-child(1) td[data-column="name"] input', '=HYPERLINK("x")'
    )
    visit.wait_live()
    with visit.page.expect_download(timeout=60_000) as download:
        visit.page.click(f'{DEALS} [data-action="export-xlsx"]')
    path = tmp_path / "deals.xlsx"
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
    # headed as the page heads the columns (the import reads titles and keys alike)
    assert [c.value for c in sheet[1]] == [
        "Deal",
        "Sales stage",
        "Amount (10k CNY)",
        "Months to close",
        "Situation",
    ]
    assert sheet["A2"].value == '=HYPERLINK("x")' and sheet["A2"].data_type == "s"
    visit.page.click(f"{DEALS} .ka-remove-row")
    figures = _import(visit, path, 10)
    assert figures["deals"] == 10
    name = visit.page.input_value(f'{DEALS} tbody tr:nth-child(1) td[data-column="name"] input')
    assert name == '=HYPERLINK("x")'


def test_ten_thousand_deals_import_and_score_in_the_browser(visit, tmp_path):
    visit.open(PAGE)
    visit.wait_live()
    path = tmp_path / "big.csv"
    path.write_bytes(many_deals(10_000))
    figures = _import(visit, path, 10_000, timeout=180_000)
    assert figures["deals"] == 10_000
