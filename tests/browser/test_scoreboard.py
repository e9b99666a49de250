"""The workshop room: tables that answer in the row, the projector scoreboard, print on A4.

A trainer types points and the row answers with its score and band; on a 1280x720 projector the
whole exercise is one screen; a printed widget keeps every column. Screenshots and PDFs land in
``test-artifacts/`` (look at them).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from answers import comparable

from calculators import score_json
from ka_site.paths import language_prefix

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PROJECTOR = {"width": 1280, "height": 720}

#: The three workshop tools whose input tables answer in the row, and what the room reads there.
TOOLS = {
    "group-screening": ("screening", "prospects", 8, ("score", "band")),
    "pipeline-board": ("pipeline", "deals", 10, ("expected_wan", "grade")),
    "wall-worksheet": ("wall", "factors", 4, ("points_today", "points_tomorrow")),
}


def widget(slug: str) -> str:
    return f'.ka-calc[data-calc="{slug}"]'


def open_live(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)


def row_results(page, slug: str, field: str) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        f'{widget(slug)} .ka-table[data-field="{field}"] tbody tr[data-row]',
        """rows => rows.map(r => Object.fromEntries([...r.querySelectorAll("td.ka-row-result")]
             .map(td => [td.dataset.result, td.textContent.trim()])))""",
    )


def record_answers(page, slug: str) -> None:
    """Keep the widget's last answer (its inputs and reply) in ``window.kaLast``."""
    page.evaluate(
        """slug => document.querySelector(`.ka-calc[data-calc="${slug}"]`)
             .addEventListener("ka:computed", e => { window.kaLast = e.detail; })""",
        slug,
    )


def test_each_prospect_row_shows_its_score_and_band_as_cpython_computes_them(visit):
    page = visit.page
    open_live(page, visit.base_url + "workshop/group-screening/")
    record_answers(page, "screening")
    first = f'{widget("screening")} .ka-table[data-field="prospects"] tbody tr:nth-child(1)'
    assert row_results(page, "screening", "prospects")[0]["band"] == "Key prospect"
    for points, band in (("0", "Put on hold"), ("2", "Key prospect")):
        for column in ("c1", "c2", "c3", "c4"):
            page.fill(f'{first} td[data-column="{column}"] input', points)
        page.wait_for_function(
            """p => window.kaLast && JSON.parse(window.kaLast.inputs).prospects[0].c4 === p""",
            arg=points,
        )
        last = page.evaluate("() => window.kaLast")
        expected = json.loads(score_json("screening", last["inputs"], "en", ""))
        # the browser's answer is CPython's, form included
        assert comparable(last["reply"]) == comparable(expected)
        cells = [r["cells"] for r in expected["form"]["tables"][0]["results"]]
        shown = row_results(page, "screening", "prospects")
        assert shown == cells
        assert shown[0]["band"] == band
        assert shown[0]["score"] == ("0" if points == "0" else "20")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_point_columns_are_headed_by_their_criteria_and_a_new_criterion_adds_one(visit, lang):
    page = visit.page
    prefix = language_prefix(lang)
    open_live(page, visit.base_url + prefix + "workshop/group-screening/")
    prospects = f'{widget("screening")} .ka-table[data-field="prospects"]'
    headings = f"{prospects} thead th[data-column]:not([hidden])"

    def visible() -> list[str]:
        return [
            h.strip() for h in page.eval_on_selector_all(headings, "hs => hs.map(h => h.innerText)")
        ]

    shown = visible()
    assert len(shown) == 5  # the name and the four defined criteria, no empty C5…C10
    assert ("公司类型" if lang == "zh" else "Company type") in shown[1] and "×3" in shown[1]
    criteria = f'{widget("screening")} .ka-table[data-field="criteria"]'
    page.click(f"{criteria} .ka-add-row")
    new = f"{criteria} tbody tr:last-child"
    page.fill(f'{new} td[data-column="name"] input', "Budget approved 预算已批")
    page.fill(f'{new} td[data-column="weight"] input', "2")
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('{headings}')]
              .some(h => h.innerText.includes('Budget approved') && h.innerText.includes('×2'))"""
    )
    shown = visible()
    assert len(shown) == 6 and "Budget approved" in shown[5] and "×2" in shown[5]
    # the new column's empty cells are where the model's messages go
    page.wait_for_selector('.ka-calc-status[data-state="error"]')
    first_c5 = f'{prospects} tbody tr:nth-child(1) td[data-column="c5"]'
    assert page.is_visible(f"{first_c5} input") and page.is_visible(f"{first_c5} .ka-error")
    label = page.get_attribute(f"{first_c5} input", "aria-label")
    assert "Budget approved" in label


def _inside(box: dict, size: dict) -> bool:
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"] + 0.5
        and box["y"] + box["height"] <= size["height"] + 0.5
    )


@pytest.mark.parametrize("page_name", list(TOOLS))
@pytest.mark.parametrize("lang", ["en", "zh"])  # one language after the other: one page load each
def test_projector_mode_is_a_scoreboard_on_one_screen(laptop_reader, page_name, lang):
    slug, field, count, read = TOOLS[page_name]
    page = laptop_reader.page
    prefix = language_prefix(lang)
    laptop_reader.open(f"{prefix}workshop/{page_name}/")
    laptop_reader.wait_live()
    page.click(f'{widget(slug)} [data-action="projector"]')
    page.wait_for_timeout(400)
    table = f'{widget(slug)} .ka-table[data-field="{field}"]'
    rows = page.locator(f"{table} tbody tr[data-row]")
    assert rows.count() == count
    for n in range(count):
        row = rows.nth(n)
        for key in read:
            cell = row.locator(f'td.ka-row-result[data-result="{key}"]')
            assert cell.inner_text().strip(), f"row {n + 1}: no {key}"
            assert _inside(cell.bounding_box(), PROJECTOR), f"row {n + 1}: {key} off screen"
        name = row.locator('td[data-column="name"] input')
        assert _inside(name.bounding_box(), PROJECTOR), f"row {n + 1}: name off screen"
    size = page.eval_on_selector(
        f"{table} tbody input", "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 17  # read from the back of the room
    # a phone's parts (its row list, pager and tap targets) stay off the projector's screen
    phone_parts = ".ka-taps:visible, .ka-pager:visible, .ka-row-index:visible"
    assert page.locator(f"{widget(slug)} :is({phone_parts})").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"projector-{page_name}-{lang}.png"))


def test_criteria_fold_away_and_sorting_by_score_keeps_each_row_whole(browser, site_server):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    try:
        open_live(page, f"{site_server}workshop/group-screening/")
        board = widget("screening")
        page.click(f'{board} [data-action="projector"]')
        criteria = f'{board} .ka-table[data-field="criteria"]'
        assert page.is_hidden(f"{criteria} table")  # folded on the projector
        page.click(f'{criteria} [data-action="fold"]')
        assert page.is_visible(f"{criteria} table")
        page.click(f'{criteria} [data-action="fold"]')
        assert page.is_hidden(f"{criteria} table")

        table = f'{board} .ka-table[data-field="prospects"]'
        before = page.eval_on_selector_all(
            f"{table} tbody tr[data-row]",
            """rows => rows.map(r => [r.querySelector('td[data-column="name"] input').value,
                 [...r.querySelectorAll('td[data-column^="c"] input')].map(i => i.value).join(),
                 r.querySelector('td[data-result="score"]').textContent])""",
        )
        page.click(f'{table} [data-action="sort"]')
        page.wait_for_selector('.ka-calc-status[data-state="live"]')
        page.wait_for_timeout(300)
        after = page.eval_on_selector_all(
            f"{table} tbody tr[data-row]",
            """rows => rows.map(r => [r.querySelector('td[data-column="name"] input').value,
                 [...r.querySelectorAll('td[data-column^="c"] input')].map(i => i.value).join(),
                 r.querySelector('td[data-result="score"]').textContent,
                 r.querySelector('td[data-result="rank"]').textContent])""",
        )
        assert sorted(a[:3] for a in after) == sorted(before)  # same rows, each still whole
        assert [a[3] for a in after] == [str(n) for n in range(1, 9)]  # now in priority order
        scores = [float(a[2]) for a in after]
        assert scores == sorted(scores, reverse=True)
    finally:
        context.close()


def _pdf_text(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: run bash scripts/setup.sh --test (poppler-utils)")
    return subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True).stdout


def test_a_printed_widget_has_all_its_columns_and_whole_values(visit):
    page = visit.page
    open_live(page, visit.base_url + "workshop/group-screening/")
    criteria = f'{widget("screening")} .ka-table[data-field="criteria"]'
    names = [f"Criterion{n}" for n in range(5, 11)]
    for name in names:  # ten criteria: the widest the screening table gets
        page.click(f"{criteria} .ka-add-row")
        page.fill(f'{criteria} tbody tr:last-child td[data-column="name"] input', name)
        page.fill(f'{criteria} tbody tr:last-child td[data-column="weight"] input', "1")
    prospects = f'{widget("screening")} .ka-table[data-field="prospects"]'
    long_name = "Northwind Traders International Holdings Group"
    page.fill(f'{prospects} tbody tr:nth-child(1) td[data-column="name"] input', long_name)
    for row in range(1, 9):
        for n in range(5, 11):
            page.fill(f'{prospects} tbody tr:nth-child({row}) td[data-column="c{n}"] input', "1")
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=30_000)
    page.wait_for_function(
        f"""() => document.querySelector('{prospects} tbody tr td[data-result="score"]')
              .textContent.trim() !== ''
              && !document.querySelector('{prospects}').classList.contains('ka-rows-stale')"""
    )
    page.emulate_media(media="print")
    # laid out at the width of A4's printable area (182 mm at 96 px an inch), no cell sticks out
    page.set_viewport_size({"width": round(182 / 25.4 * 96), "height": 1000})
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.ka-calc')].flatMap(calc => {
             const edge = calc.getBoundingClientRect().right + 1;
             return [...calc.querySelectorAll('th, td')]
               .filter(c => c.getBoundingClientRect().width)
               .filter(c => c.getBoundingClientRect().right > edge)
               .map(c => c.textContent.trim().slice(0, 20)); })"""
    )
    assert not cut, f"cells past the widget's edge in print: {cut[:5]}"
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "group-screening-ten-criteria.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(_pdf_text(pdf).split())
    for name in ["Company type", *names]:
        assert name in text, f"{name} not printed"
    assert long_name in text  # the whole value, not what fits in the box
    for heading in ("Weighted", "Of 20", "Band", "Priority"):
        assert heading in text
    assert "Key prospect" in text or "Needs investment" in text
    # nothing runs past the right margin of A4 (595 pt wide, 14 mm margins)
    right = 595.28 - 14 * 72 / 25.4
    beyond = [(word, x) for word, x in _word_right_edges(pdf) if x > right + 1]
    assert not beyond, f"cut at the right edge: {beyond[:5]}"


def _word_right_edges(pdf: Path) -> list[tuple[str, float]]:
    """Every word pdftotext finds, with the right edge of its box in points."""
    html = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
    ).stdout
    return [
        (m.group(2), float(m.group(1)))
        for m in re.finditer(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)"[^>]*>([^<]*)<', html)
    ]


def test_the_debrief_compares_three_groups_links_made_by_the_share_button(visit):
    page = visit.page
    open_live(page, visit.base_url + "workshop/group-screening/")
    board = widget("screening")
    third = f'{board} .ka-table[data-field="prospects"] tbody tr:nth-child(3)'
    links = []
    for points, score in (
        ("0", "0"),
        ("2", "20"),
        ("1", "10"),
    ):  # the third prospect, scored three ways
        for column in ("c1", "c2", "c3", "c4"):
            page.fill(f'{third} td[data-column="{column}"] input', points)
        page.wait_for_function(
            f"""() => document.querySelector('{third} td[data-result="score"]').textContent
                  === '{score}'"""
        )
        page.eval_on_selector(f"{board} .ka-share-url", "e => { e.value = ''; }")
        page.click(f'{board} [data-action="share"]')
        page.wait_for_function(
            f"() => document.querySelector('{board} .ka-share-url').value.includes('ka.screening=')"
        )
        links.append(page.locator(f"{board} .ka-share-url").input_value())
    assert all("ka.screening=" in link for link in links)
    prospect = page.input_value(f'{third} td[data-column="name"] input')

    open_live(page, visit.base_url + "workshop/debrief/")
    rows = f'{widget("debrief")} .ka-table[data-field="groups"] tbody tr'
    for n, link in enumerate(links, start=1):
        page.fill(f'{rows}:nth-child({n}) td[data-column="group"] input', f"Table {n}")
        page.fill(f'{rows}:nth-child({n}) td[data-column="link"] input', link)
    page.wait_for_function(
        """() => document.querySelector('.ka-calc[data-calc="debrief"] .ka-verdict')
              .textContent.includes('20 points')"""
    )
    verdict = page.inner_text(f"{widget('debrief')} .ka-verdict")
    assert prospect in verdict and "20 points" in verdict
    first = page.locator(f'{widget("debrief")} .ka-result-table[data-table="prospects"] tbody tr')
    assert prospect in first.first.inner_text()
    # each group's row answers with its first-ranked prospect
    assert page.inner_text(f'{rows}:nth-child(2) td[data-result="top"]').strip()
    page.set_viewport_size(PROJECTOR)
    page.click(f'{widget("debrief")} [data-action="projector"]')
    page.wait_for_timeout(300)
    page.locator(f"{widget('debrief')} .ka-calc-result").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "projector-debrief-en.png"))
    # the comparison of all eight prospects fits on the projector's screen at once
    compared = page.locator(f'{widget("debrief")} .ka-result-table[data-table="prospects"]')
    assert compared.locator("tbody tr").count() == 8
    box = compared.bounding_box()
    assert box is not None and box["height"] <= PROJECTOR["height"], box
