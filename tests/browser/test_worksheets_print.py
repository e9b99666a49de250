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
def test_each_form_prints_on_its_own_sheets(visit, lang):
    _pdf, pages = print_pdf(visit, "zh/forms/" if lang == "zh" else "forms/", f"forms-{lang}")
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
def test_write_in_cells_are_as_wide_as_their_labels_and_tall_enough(visit, lang):
    visit.open("zh/forms/" if lang == "zh" else "forms/")
    visit.page.emulate_media(media="print")
    for row in cell_sizes(visit, ".ka-worksheet .ka-fields"):
        for label, entry in zip(row[0::2], row[1::2], strict=False):
            assert entry["w"] >= label["w"] - 1, (label["text"], entry["w"], label["w"])
            if entry["tag"] == "TD":
                assert entry["h"] >= 8.5 * MM, (label["text"], entry["h"] / MM)
    paragraphs = cell_sizes(visit, ".ka-worksheet .ka-para")
    assert paragraphs
    for row in paragraphs:
        if row[-1]["tag"] == "TD":
            assert row[-1]["h"] >= 14.5 * MM, (row[0]["text"], row[-1]["h"] / MM)
            assert row[-1]["w"] >= row[0]["w"]
    for row in cell_sizes(visit, ".ka-worksheet .ka-grid"):
        if row[0]["tag"] == "TD":
            assert min(c["h"] for c in row) >= 8.5 * MM


def test_the_political_affiliation_field_is_gone(visit):
    for path in ("forms/", "zh/forms/"):
        visit.open(path)
        text = visit.page.inner_text("article")
        assert "Political affiliation" not in text and "政治面貌" not in text


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_screening_sheet_prints_on_one_sheet_with_rows_to_write_in(visit, lang):
    path = "zh/workshop/group-screening/" if lang == "zh" else "workshop/group-screening/"
    _pdf, pages = print_pdf(visit, path, f"screening-sheet-{lang}")
    on = [i for i, text in enumerate(pages) if SCREENING_SHEET[lang] in text]
    assert len(on) == 1
    last_row = "行动" if lang == "zh" else "Action"
    assert last_row in pages[on[0]]
    visit.page.emulate_media(media="print")
    rows = cell_sizes(visit, ".ka-worksheet .ka-screening")
    body = [r for r in rows if r[0]["tag"] == "TD"]
    assert len(body) == 9
    assert min(c["h"] for r in body for c in r) >= 12 * MM
