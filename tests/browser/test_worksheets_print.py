"""The worksheets work on paper: forms 1–7 and the group-screening sheet, printed to PDF on A4 by
headless Chromium, each form on as few sheets as it needs, with room to write by hand. The PDF
pages are rendered to PNG in test-artifacts/worksheets/ (poppler-utils' pdftoppm): look at them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "worksheets"
MM = 96 / 25.4  # CSS pixels per millimetre

#: Each form's heading as printed, and how many A4 sheets it may take.
FORMS = {
    "en": [(f"Form {n}", 2 if n == 5 else 1) for n in range(1, 8)],
    "zh": [(f"表 {n}", 2 if n == 5 else 1) for n in range(1, 8)],
}
SCREENING_SHEET = {"en": "Screening analysis sheet", "zh": "筛选客户分析表"}

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="poppler-utils missing; run scripts/setup.sh --test"
)


def print_pdf(visit, path: str, name: str) -> tuple[Path, list[str]]:
    """The page printed to an A4 PDF, its pages rendered to PNG, and each page's text."""
    visit.open(path)
    visit.page.emulate_media(media="print")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    visit.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / name)], check=True)
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    return pdf, [p for p in pages if p.strip()]


def cell_sizes(visit, selector: str) -> list[dict]:
    """Width and height (CSS px) of every cell of the tables under ``selector``, in print."""
    return visit.page.eval_on_selector_all(
        f"{selector} tr",
        """rows => rows.map(r => [...r.children].map(c => {
             const b = c.getBoundingClientRect();
             return {w: b.width, h: b.height, tag: c.tagName, text: c.textContent.trim()};
           }))""",
    )


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_form_prints_on_its_own_sheets(reader, lang):
    _pdf, pages = print_pdf(reader, "zh/forms/" if lang == "zh" else "forms/", f"forms-{lang}")
    starts = []
    for heading, _sheets in FORMS[lang]:
        found = [i for i, text in enumerate(pages) if heading in text.replace("\u3000", " ")]
        assert found, f"{heading} is not printed"
        starts.append(found[0])
    assert starts == sorted(starts)
    ends = [*starts[1:], len(pages)]
    for (heading, sheets), start, end in zip(FORMS[lang], starts, ends, strict=True):
        assert 1 <= end - start <= sheets, f"{heading} takes {end - start} sheets"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_write_in_cells_are_as_wide_as_their_labels_and_tall_enough(reader, lang):
    reader.open("zh/forms/" if lang == "zh" else "forms/")
    reader.page.emulate_media(media="print")
    for row in cell_sizes(reader, ".ka-worksheet .ka-fields"):
        for label, entry in zip(row[0::2], row[1::2], strict=False):
            assert entry["w"] >= label["w"] - 1, (label["text"], entry["w"], label["w"])
            if entry["tag"] == "TD":
                assert entry["h"] >= 8.5 * MM, (label["text"], entry["h"] / MM)
    paragraphs = cell_sizes(reader, ".ka-worksheet .ka-para")
    assert paragraphs
    for row in paragraphs:
        if row[-1]["tag"] == "TD":
            assert row[-1]["h"] >= 14.5 * MM, (row[0]["text"], row[-1]["h"] / MM)
            assert row[-1]["w"] >= row[0]["w"]
    for row in cell_sizes(reader, ".ka-worksheet .ka-grid"):
        if row[0]["tag"] == "TD":
            assert min(c["h"] for c in row) >= 8.5 * MM


def test_the_political_affiliation_field_is_gone(reader):
    for path in ("forms/", "zh/forms/"):
        reader.open(path)
        text = reader.page.inner_text("article")
        assert "Political affiliation" not in text and "政治面貌" not in text


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_screening_sheet_prints_on_one_sheet_with_rows_to_write_in(reader, lang):
    path = "zh/workshop/group-screening/" if lang == "zh" else "workshop/group-screening/"
    _pdf, pages = print_pdf(reader, path, f"screening-sheet-{lang}")
    on = [i for i, text in enumerate(pages) if SCREENING_SHEET[lang] in text]
    assert len(on) == 1
    last_row = "行动" if lang == "zh" else "Action"
    assert last_row in pages[on[0]]
    reader.page.emulate_media(media="print")
    rows = cell_sizes(reader, ".ka-worksheet .ka-screening")
    body = [r for r in rows if r[0]["tag"] == "TD"]
    assert len(body) == 9
    assert min(c["h"] for r in body for c in r) >= 12 * MM


HEADER = {"en": ("Customer:", "Group:", "Date:"), "zh": ("客户：", "小组：", "日期：")}


def has_header(text: str, lang: str) -> bool:
    flat = text.replace(" ", "")
    return all(word.replace(" ", "") in flat for word in HEADER[lang])


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_worksheet_prints_a_header_line_for_customer_group_and_date(reader, lang):
    _pdf, pages = print_pdf(reader, "zh/forms/" if lang == "zh" else "forms/", f"forms-{lang}")
    for heading, _sheets in FORMS[lang]:
        first = next(t for t in pages if heading in t.replace("\u3000", " "))
        assert has_header(first, lang), f"{heading} prints no header line"
    _pdf, pages = print_pdf(
        reader,
        "zh/workshop/group-screening/" if lang == "zh" else "workshop/group-screening/",
        f"screening-sheet-{lang}",
    )
    sheet = next(t for t in pages if SCREENING_SHEET[lang] in t)
    assert has_header(sheet, lang)
    # on screen the header line is not shown; the print button is
    reader.page.emulate_media(media="screen")
    assert not reader.page.locator(".ka-sheet-head").first.is_visible()
    assert reader.page.locator("[data-ka-print-sheet]").first.is_visible()


def print_one_sheet(visit, path: str, button_index: int, name: str) -> list[str]:
    """Press the n-th "print this worksheet only" button and print the page as it then is.

    The browser's print dialog is replaced by nothing, so the page stays marked for printing
    one sheet while the test prints it to PDF.
    """
    visit.page.add_init_script("window.print = () => {};")
    visit.open(path)
    visit.page.locator("[data-ka-print-sheet]").nth(button_index).click()
    assert visit.page.locator("body[data-ka-printing]").count() == 1
    visit.page.emulate_media(media="print")
    pdf = ARTIFACTS / f"{name}.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    visit.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / name)], check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]  # every sheet, a blank one too (pdftotext ends each with \f)


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_print_this_worksheet_only_gives_the_blank_sheet_alone(visit, lang):
    path = "zh/workshop/group-screening/" if lang == "zh" else "workshop/group-screening/"
    pages = print_one_sheet(visit, path, 0, f"screening-sheet-only-{lang}")
    assert len(pages) == 1
    assert SCREENING_SHEET[lang] in pages[0] and has_header(pages[0], lang)
    title = "小组筛选练习" if lang == "zh" else "Group screening exercise"
    assert title not in pages[0]  # none of the page's teaching comes along


PROSPECTS = {
    "en": [
        "ABC Company",
        "USA Enterprise",
        "Giant Plastics",
        "Qingshui",
        "Haojia Packaging",
        "Leisure Foods",
        "PK Sportswear",
        "Super Parts",
    ],
    "zh": [
        "ABC 公司",
        "USA 企业",
        "巨人塑料",
        "清水公司",
        "好佳包装",
        "休闲食品",
        "PK 运动服装",
        "超级部件",
    ],
}


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_eight_fact_cards_print_on_one_sheet_to_cut_apart(visit, lang):
    path = "zh/workshop/group-screening/" if lang == "zh" else "workshop/group-screening/"
    pages = print_one_sheet(visit, path, 1, f"fact-cards-{lang}")
    assert len(pages) == 1
    printed = pages[0].replace("\u3000", "").replace(" ", "")
    for name in PROSPECTS[lang]:
        assert name.replace(" ", "") in printed, name
    assert not has_header(pages[0], lang)  # cards are cut out, not filled in
