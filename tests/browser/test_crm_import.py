"""The corpus of real CRM exports through the browser's import: the same Python reads each
file in Pyodide, the preview says how it was read, the reader confirms, the form fills, and the
pipeline board shows the hand-computed figures. Then Excel out and back in, 10,000 deals, and
the preview's choices, cancel and undo."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from ka_site.crm_corpus import corpus, many_deals
from ka_site.page_hooks import computed_after

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAGE = "workshop/pipeline-board/"
DEALS = '.ka-calc[data-calc="pipeline"] .ka-table[data-field="deals"]'
CORPUS = {export.key: export for export in corpus()}
PREVIEW = f"{DEALS} .ka-import-preview"
CONFIRM = f'{PREVIEW} [data-preview="confirm"]'


def _figures_after(visit, rows: int, action, timeout: float = 60_000) -> dict:
    """Do ``action``; the figures of the first result computed after it from a table of ``rows``
    deals (the listener is there before the action; the wait ends at ``timeout``)."""
    detail = computed_after(
        visit.page,
        "pipeline",
        action,
        accept=f"detail => JSON.parse(detail.inputs).deals.length === {rows}",
        ms=timeout,
    )
    reply = detail["reply"]
    assert reply["ok"], reply
    return {f["key"]: f["value"] for f in reply["result"]["figures"]}


def _import(visit, path: Path, rows: int, timeout: float = 60_000) -> dict:
    """Pick the file, confirm its preview, and wait for the result of its ``rows`` deals."""

    def pick_and_confirm() -> None:
        visit.page.set_input_files(f"{DEALS} .ka-csv-file", str(path))
        visit.page.click(CONFIRM, timeout=timeout)

    return _figures_after(visit, rows, pick_and_confirm, timeout)


def _deal_names(page) -> list[str]:
    return page.eval_on_selector_all(
        f'{DEALS} tbody tr[data-row] td[data-column="name"] input',
        "inputs => inputs.map(i => i.value)",
    )


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


@pytest.mark.timeout(300)  # the import may take its three minutes on a loaded machine
def test_ten_thousand_deals_import_and_score_in_the_browser(visit, tmp_path):
    visit.open(PAGE)
    visit.wait_live()
    path = tmp_path / "big.csv"
    path.write_bytes(many_deals(10_000))
    figures = _import(visit, path, 10_000, timeout=180_000)
    assert figures["deals"] == 10_000


def test_the_preview_shows_how_the_file_was_read_and_an_import_can_be_undone(visit, tmp_path):
    visit.open(PAGE)
    visit.wait_live()
    before = _deal_names(visit.page)
    export = CORPUS["pipedrive"]
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    visit.page.set_input_files(f"{DEALS} .ka-csv-file", str(path))
    visit.page.locator(CONFIRM).wait_for(timeout=60_000)
    preview = visit.page.locator(PREVIEW).inner_text()
    assert "the table is not changed yet" in preview
    assert "Columns not used: 'Deal - ID'" in preview and "Pipedrive" in preview
    assert "1 lost or deleted left out" in preview and "'Qualified' (1)" in preview
    assert "Use these 4 rows" in preview
    assert _deal_names(visit.page) == before  # nothing replaced before the reader confirms
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.locator(DEALS).screenshot(path=str(ARTIFACTS / "import-preview.png"))
    figures = _figures_after(visit, 4, lambda: visit.page.click(CONFIRM))
    assert figures["forecast_wan"] == export.forecast_wan
    assert _deal_names(visit.page)[0] == "Acme rollout"
    _figures_after(visit, len(before), lambda: visit.page.click(f'{PREVIEW} [data-preview="undo"]'))
    assert _deal_names(visit.page) == before
    assert "Import undone" in visit.page.locator(f"{DEALS} > .ka-import-notice").inner_text()
    assert not visit.errors, visit.errors


def test_a_cancelled_preview_leaves_the_table_as_it_was(visit, tmp_path):
    visit.open(PAGE)
    visit.wait_live()
    before = _deal_names(visit.page)
    export = CORPUS["hubspot"]
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    visit.page.set_input_files(f"{DEALS} .ka-csv-file", str(path))
    visit.page.click(f'{PREVIEW} [data-preview="cancel"]', timeout=60_000)
    assert visit.page.locator(PREVIEW).count() == 0
    assert _deal_names(visit.page) == before
    assert "unchanged" in visit.page.locator(f"{DEALS} > .ka-import-notice").inner_text()


def test_a_refusal_names_the_preview_s_control_and_the_choices_settle_it(visit, tmp_path):
    visit.open("zh/" + PAGE)
    visit.wait_live()
    path = tmp_path / "商机.csv"
    path.write_text(
        "商机名称,销售阶段,金额,months_to_close\n"
        "华东化工,技术交流,1200000,3\n新城地产,方案报价,800000,4\n",
        "utf-8",
    )
    visit.page.set_input_files(f"{DEALS} .ka-csv-file", str(path))
    problems = visit.page.locator(f"{PREVIEW} .ka-import-problems")
    problems.wait_for(timeout=60_000)
    text = problems.inner_text()
    assert "在下面的「金额单位」里选择单位" in text and "在下面的「阶段对照」里" in text
    assert "--" not in text and "README" not in text
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.locator(DEALS).screenshot(path=str(ARTIFACTS / "import-preview-refusal.png"))
    visit.page.select_option(f'{PREVIEW} select[name="amount_unit"]', "yuan")
    visit.page.locator(f'{PREVIEW} select[name="stage:技术交流"]').wait_for()
    visit.page.select_option(f'{PREVIEW} select[name="stage:技术交流"]', "need_defined")
    figures = _figures_after(visit, 2, lambda: visit.page.click(CONFIRM, timeout=60_000))
    # 120 万元 at 20% + 80 万元 at 40% = 24 + 32
    assert figures["pipeline_wan"] == 200 and figures["forecast_wan"] == 56
    assert not visit.errors, visit.errors
