"""Phone-first tools (issue 21), at 375x812 on touch, in both languages.

A group scores the group exercise's eight prospects from a blank start by tapping points on one
card at a time, sees each prospect's band as it goes (the bands are CPython's), and never scrolls
sideways; a blank start shows to-dos, not red errors, and no worked example as the group's
result; a drill answers beside its question; a new hire's progress is kept on the device.
Screenshots land in test-artifacts/phone-first/.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from calculators import REGISTRY
from calculators.drills._drill import answer_key
from calculators.drills.drill_grades import DRILL as GRADES_DRILL
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import evaluate_within
from ka_site.testing.phone_flow import PHONE, score_prospects
from ka_site.ui_text import words

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "phone-first"
SCREENING = REGISTRY["screening"]
WIDGET = '.ka-calc[data-calc="screening"]'
PROSPECTS = f'{WIDGET} .ka-table[data-field="prospects"]'
LANGS = ["zh", "en"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def prefix(lang: str) -> str:
    return language_prefix(lang)


def shot(page, name: str, selector: str | None = None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if selector:
        page.locator(selector).first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def serious_violations(page) -> list[dict]:
    # evaluated as DevTools runs a script: the site's policy refuses an inline <script>
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    return evaluate_within(
        page,
        """async () => (await axe.run(document, { resultTypes: ["violations"] }))
            .violations.filter(v => ["serious", "critical"].includes(v.impact))
            .map(v => ({ rule: v.id, where: v.nodes.slice(0, 5).map(n => n.target.join(" ")) }))""",
        what="an axe-core scan of the page",
    )


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


def controls_beyond_the_screen(page, scope: str) -> list[str]:
    """Every visible control of ``scope`` that reaches past the screen's left or right edge."""
    return page.evaluate(
        """scope => [...document.querySelectorAll(`${scope} :is(input, select, button)`)]
             .filter(c => c.checkVisibility())
             .filter(c => { const r = c.getBoundingClientRect();
                            return r.width && (r.left < 0 || r.right > innerWidth); })
             .map(c => c.outerHTML.slice(0, 80))""",
        scope,
    )


def controls_over_text(page) -> list[str]:
    """Every visible button of a calculator that lies over a line of its text (a paragraph, a
    table's name, a label): "button / the text it covers"."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.ka-calc button')].filter(b => b.checkVisibility())
             .flatMap(b => { const a = b.getBoundingClientRect();
               return [...document.querySelectorAll('.ka-calc :is(p, .ka-legend, label)')]
                 .filter(t => t.checkVisibility() && !t.contains(b) && !b.contains(t))
                 .filter(t => { const r = t.getBoundingClientRect();
                   return a.left < r.right - 1 && a.right > r.left + 1
                       && a.top < r.bottom - 1 && a.bottom > r.top + 1; })
                 .map(t => b.textContent.trim() + ' / ' + t.textContent.trim().slice(0, 30)); })"""
    )


def tap_next(page, row: int) -> None:
    """Tap "Next" until row ``row`` (1-based) is on screen: a busy machine may drop a synthetic
    touch (held too long, it reads as a long press); the page is not at fault then."""
    current = f"{PROSPECTS} tbody tr:nth-child({row}).ka-current"
    for _ in range(3):
        page.locator(f"{PROSPECTS} .ka-pager-next").tap()
        try:
            page.wait_for_selector(current, state="attached", timeout=3_000)
            return
        except PlaywrightTimeout:
            continue
    page.wait_for_selector(current, state="attached", timeout=3_000)


def cpython_rows(lang: str) -> list[dict]:
    """The worked example's points scored by CPython, in the order entered."""
    result = SCREENING.run(SCREENING.defaults(lang)).to_dict()
    rows = next(t for t in result["tables"] if t["key"] == "prospects")["rows"]
    return sorted(rows, key=lambda r: r["row"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_group_scores_eight_prospects_in_forty_taps_and_sees_each_band(phone, site_server, lang):
    actions = score_prospects(phone, site_server, lang)
    # 4 criteria x 8 prospects + 7 "next": no typing, no deleting, no scrolling
    assert actions.total <= 40, actions.log
    assert actions.keys == 0 and actions.scrolls == 0
    no_sideways_scroll(phone)
    assert not controls_beyond_the_screen(phone, WIDGET)
    expected = cpython_rows(lang)
    # each prospect's name with its band, all on the list under the card (as CPython bands it)
    index = phone.locator(f"{PROSPECTS} .ka-row-index button")
    assert index.count() == len(expected)
    for n, row in enumerate(expected):
        entry = index.nth(n)
        assert entry.locator(".ka-index-name").inner_text() == row["name"]
        assert row["band"][lang] in entry.inner_text()
        assert entry.get_attribute("data-tone") == row["band_code"]
    # the card on screen: its name, points and results together, inside the screen
    card = phone.locator(f"{PROSPECTS} tbody tr.ka-current")
    last = expected[-1]
    assert card.locator('td[data-result="score"]').inner_text() == f"{last['score']:g}"
    assert card.locator('td[data-result="band"]').inner_text() == last["band"][lang]
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["y"] >= 0 and box["y"] + box["height"] <= 812
    # the whole result is the group's own, and the same as CPython's
    verdict = SCREENING.run(SCREENING.defaults(lang)).verdict.label.get(lang)
    result = phone.locator(f"{WIDGET} .ka-calc-result")
    assert result.is_visible()
    assert verdict in result.inner_text()
    shot(phone, f"card-view-{lang}")
    assert not serious_violations(phone)


@pytest.mark.parametrize("lang", LANGS)
def test_a_blank_start_shows_to_dos_not_red_errors_and_no_example_verdict(phone, site_server, lang):
    # the room's link carries its own parameters: they stay; `start` goes once used
    url = f"{site_server}{prefix(lang)}workshop/group-screening/?room=7&start=blank"
    phone.goto(url)
    phone.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="todo"]', timeout=90_000)
    assert parse_qs(urlparse(phone.url).query) == {"room": ["7"]}, phone.url
    widget = phone.locator(WIDGET)
    assert widget.locator(".ka-error:visible").count() == 0
    assert widget.locator('[aria-invalid="true"]').count() == 0
    example = SCREENING.run(SCREENING.defaults(lang)).verdict.label.get(lang)
    assert example not in widget.inner_text()  # the worked example is not the group's result
    assert not widget.locator(".ka-calc-result").is_visible()
    card = phone.locator(f"{PROSPECTS} tbody tr.ka-current")
    names = [p["name"] for p in SCREENING.defaults(lang)["prospects"]]
    assert card.locator('td[data-column="name"] input').input_value() == names[0]
    assert card.locator('.ka-tap[aria-pressed="true"]').count() == 0  # blank points
    # the table the group fills is on screen, below the page's header
    assert 0 <= card.bounding_box()["y"] < 812
    no_sideways_scroll(phone)
    # a result still to come is framed, dashed; in Chinese not slanted (there are no italics)
    style = card.locator("td.ka-row-result").first.evaluate("c => getComputedStyle(c).fontStyle")
    assert style == ("normal" if lang == "zh" else "italic")
    shot(phone, f"blank-start-{lang}")
    assert not serious_violations(phone)

    # one complete row shows its own score and band at once, as CPython scores it alone
    first = SCREENING.defaults(lang)["prospects"][0]
    for c in range(1, 5):
        card.locator(f'td[data-column="c{c}"] .ka-tap[data-value="{first[f"c{c}"]}"]').tap()
    alone = (
        SCREENING.run({**SCREENING.blank_start(lang), "prospects": [first]})
        .table("prospects")
        .rows[0]
    )
    band = card.locator('td[data-result="band"]')
    band.wait_for(state="visible")
    phone.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.textContent.trim() === text",
        arg=[f'{PROSPECTS} tbody tr.ka-current td[data-result="band"]', alone["band"].get(lang)],
    )
    assert card.locator('td[data-result="score"]').inner_text() == f"{alone['score']:g}"
    assert widget.locator('[aria-invalid="true"]').count() == 0  # the others are still to do
    # moving on from a row with a blank makes that blank an error (named beside it)
    tap_next(phone, 2)
    second = phone.locator(f"{PROSPECTS} tbody tr.ka-current")
    second.locator('td[data-column="c1"] .ka-tap[data-value="1"]').tap()
    phone.wait_for_selector(f'{PROSPECTS} tbody tr:nth-child(2) .ka-tap[aria-pressed="true"]')
    tap_next(phone, 3)
    left = f"{PROSPECTS} tbody tr:nth-child(2)"
    phone.wait_for_selector(f"{left} [aria-invalid=true]", state="attached")
    assert phone.locator(f"{left} [aria-invalid=true]").count() == 3  # C2-C4, not C1
    assert phone.locator(f"{left} .ka-error:not([hidden])").count() == 3
    assert phone.locator(f"{PROSPECTS} tbody tr:nth-child(3) [aria-invalid=true]").count() == 0
    # …and the list under the card marks that row
    assert phone.locator(f'{PROSPECTS} .ka-row-index button[data-invalid="true"]').count() == 1


def test_a_blank_start_is_also_a_button_and_the_worked_example_comes_back(phone, site_server):
    phone.goto(site_server + "workshop/group-screening/")
    phone.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="live"]', timeout=90_000)
    phone.locator(f'{WIDGET} [data-action="start-blank"]').tap()
    phone.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="todo"]')
    assert phone.locator(f"{PROSPECTS} .ka-tap[aria-pressed=true]").count() == 0
    phone.locator(f"{WIDGET} .ka-notice .md-button").first.tap()  # back to what was here
    phone.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="live"]')
    assert phone.locator(f"{WIDGET} .ka-calc-result").is_visible()


def test_a_tap_on_a_number_selects_it_so_typing_replaces_it(phone, site_server):
    phone.goto(site_server + "workshop/pipeline-board/")
    phone.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=90_000)
    amount = phone.locator('.ka-calc tr.ka-current td[data-column="amount_wan"] input').first
    before = amount.input_value()
    assert before
    amount.tap()
    phone.wait_for_function(
        "el => el.selectionStart === 0 && el.selectionEnd === el.value.length",
        arg=amount.element_handle(),
    )
    phone.keyboard.type("250")
    assert amount.input_value() == "250"


@pytest.mark.parametrize("lang", LANGS)
def test_a_drill_answers_beside_its_question_within_one_screen(phone, site_server, lang):
    calc = REGISTRY["drill_grades"]
    phone.goto(f"{site_server}{prefix(lang)}{calc.page}/")
    phone.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=90_000)
    # nothing is pre-answered
    assert phone.locator('.ka-calc .ka-tap[aria-pressed="true"]').count() == 0
    key = dict(__import__("calculators.drills.drill_grades", fromlist=["answer_key"]).answer_key())
    question = phone.locator('.ka-field[data-field="q07"]')
    question.scroll_into_view_if_needed()
    wrong = next(c.value for c in calc.field("q07").choices if c.value != key["q07"])
    question.locator(f'.ka-tap[data-value="{wrong}"]').tap()
    answer = phone.locator('.ka-field-answer[data-answer-for="q07"]')
    phone.wait_for_selector('.ka-field-answer[data-answer-for="q07"][data-tone="wrong"]')
    right = calc.field("q07").choice(key["q07"]).label.get(lang)
    assert right in answer.inner_text()
    gap = answer.bounding_box()["y"] + answer.bounding_box()["height"]
    gap -= question.bounding_box()["y"]
    assert gap <= 812, "the verdict is more than one screen below its question"
    no_sideways_scroll(phone)
    shot(phone, f"drill-{lang}", '.ka-field[data-field="q07"]')
    assert not serious_violations(phone)


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_counts_only_the_learners_answers_and_survives_a_reload(
    phone, site_server, lang
):
    grades = REGISTRY["drill_grades"]
    phone.goto(f"{site_server}{prefix(lang)}{grades.page}/")
    phone.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=90_000)
    key = dict(answer_key(GRADES_DRILL))
    right = 0
    for item in ("q01", "q02"):
        tap = phone.locator(f'.ka-field[data-field="{item}"] .ka-tap').first
        right += tap.get_attribute("data-value") == key[item]
        tap.tap()
    phone.wait_for_selector('.ka-field-answer[data-answer-for="q02"][data-tone]')
    kept = "JSON.parse(localStorage.getItem('ka-playbook-progress') || '{}').drill_grades"
    phone.wait_for_function(f"() => {kept}?.answered === 2", timeout=30_000)
    assert " 2 " in phone.locator(".ka-progress-line").inner_text()  # the drill's head says so
    index = f"{site_server}{prefix(lang)}self-check/"
    for visit in ("first", "after a reload"):
        phone.goto(index)
        overview = phone.locator(".ka-progress")
        overview.wait_for(state="visible")
        row = overview.locator('tr[data-progress-for="drill_grades"]')
        items = len(grades.fields)
        assert row.locator('[data-cell="answered"]').inner_text() == f"2 / {items}", visit
        # right as the drill's own key scores the learner's two answers, and when
        assert row.locator('[data-cell="right"]').inner_text() == f"{right} / 2", visit
        never = words("board", lang)["progress_never"]
        assert row.locator('[data-cell="visited"]').inner_text() not in ("", never), visit
        for other in overview.locator("tr[data-progress-for]").all():
            if other.get_attribute("data-progress-for") != "drill_grades":
                assert other.locator('[data-cell="answered"]').inner_text().startswith("0 /")
    no_sideways_scroll(phone)
    # each column's heading reads on one line (not 答 over 对)
    lines = overview.locator("thead th").evaluate_all(
        """ths => ths.map(th => { const range = document.createRange();
                 range.selectNodeContents(th);
                 return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })"""
    )
    assert set(lines) == {1}, lines
    shot(phone, f"overview-{lang}", ".ka-progress")
    assert not serious_violations(phone)
    kept = json.loads(phone.evaluate("localStorage.getItem('ka-playbook-progress')"))
    assert kept["drill_grades"]["answered"] == 2
    phone.locator('.ka-progress [data-action="progress-reset"]').tap()
    assert row.locator('[data-cell="answered"]').inner_text() == f"0 / {len(grades.fields)}"
    phone.goto(f"{site_server}{prefix(lang)}{grades.page}/")
    phone.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=90_000)
    assert phone.locator('.ka-calc .ka-tap[aria-pressed="true"]').count() == 0  # answers gone


#: Progress this device keeps that cannot be read: by its kind, what was kept.
UNREADABLE_PROGRESS = {
    "not JSON": "{not json",
    "nested 5,000 deep": "[" * 5000 + "]" * 5000,
    "longer than any progress": '{"x": "' + "x" * 70_000 + '"}',
    "not numbers": '{"drill_grades": {"answered": "x"}}',
}


def test_progress_that_cannot_be_read_is_said_until_a_drill_records_anew(phone, site_server):
    index = f"{site_server}{prefix('zh')}self-check/"
    phone.goto(index)
    status = phone.locator(".ka-progress .ka-progress-status")
    row = phone.locator('.ka-progress tr[data-progress-for="drill_grades"]')
    for kind, kept in UNREADABLE_PROGRESS.items():
        phone.evaluate("(text) => localStorage.setItem('ka-playbook-progress', text)", kept)
        phone.reload()
        status.wait_for(state="visible")
        words = status.inner_text()
        assert "进度无法读取" in words and "答案仍然保留" in words, kind
        assert row.locator('[data-cell="answered"]').inner_text().startswith("0 /"), kind
    grades = REGISTRY["drill_grades"]
    phone.goto(f"{site_server}{prefix('zh')}{grades.page}/")
    phone.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=90_000)
    phone.locator('.ka-field[data-field="q01"] .ka-tap').first.tap()
    progress = "JSON.parse(localStorage.getItem('ka-playbook-progress') || '{}').drill_grades"
    phone.wait_for_function(f"() => {progress}?.answered === 1", timeout=30_000)
    phone.goto(index)
    phone.locator(".ka-progress").wait_for(state="visible")
    assert row.locator('[data-cell="answered"]').inner_text() == f"1 / {len(grades.fields)}"
    assert status.inner_text() == ""


@pytest.mark.parametrize(
    "path", ["zh/sales-process/", "workshop/group-screening/", "zh/workshop/group-screening/"]
)
def test_nothing_is_cut_and_no_control_covers_text_at_375_px(phone, site_server, path):
    phone.goto(site_server + path)
    phone.wait_for_load_state("networkidle")
    no_sideways_scroll(phone)
    # content tables fit the screen, or scroll inside their own box with the first column held
    for table in phone.locator(".md-typeset__table table").all():
        box = table.evaluate(
            """t => { const wrap = t.closest('.md-typeset__scrollwrap');
                      const cell = t.querySelector('tbody td');
                      return { fits: t.getBoundingClientRect().right <= innerWidth + 1,
                               scrolls: wrap && getComputedStyle(wrap).overflowX === 'auto',
                               sticky: cell && getComputedStyle(cell).position === 'sticky' }; }"""
        )
        assert box["fits"] or (box["scrolls"] and box["sticky"]), box
    overlaps = controls_over_text(phone)
    assert not overlaps, overlaps


def test_the_desktop_keeps_its_table(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(site_server + "workshop/group-screening/?start=blank")
    page.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="todo"]', timeout=90_000)
    assert page.locator(f"{PROSPECTS} thead").is_visible()
    assert page.locator(f"{PROSPECTS} tbody tr[data-row]:visible").count() == 8
    phone_parts = ".ka-taps:visible, .ka-pager:visible, .ka-row-index:visible"
    assert page.locator(f"{WIDGET} :is({phone_parts})").count() == 0
    assert page.locator(f'{PROSPECTS} td[data-column="c1"] input').first.is_visible()
    # nor under the pipeline board's deals (the theme shows any list that is not hidden)
    page.goto(site_server + "workshop/pipeline-board/")
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=90_000)
    assert page.locator(f".ka-calc :is({phone_parts})").count() == 0
    context.close()


#: Laptop pages whose tables carry a fold button beside their help text: the workshop's tools
#: (the debrief is the one the trainer projects with the most text) and a calculator.
FOLDING_PAGES = [
    "workshop/debrief/",
    "workshop/group-screening/",
    "workshop/wall-worksheet/",
    "prioritising/deal-heat/",
]


@pytest.mark.parametrize("path", FOLDING_PAGES)
@pytest.mark.parametrize("lang", LANGS)  # one language after the other: one page load each
def test_on_a_laptop_no_button_covers_the_help_of_its_table(laptop_reader, path, lang):
    laptop_reader.open(f"{prefix(lang)}{path}")
    laptop_reader.wait_live()
    page = laptop_reader.page
    assert page.locator('.ka-calc .ka-table > [data-action="fold"]:visible').count()
    overlaps = controls_over_text(page)
    assert not overlaps, overlaps
    if path == "workshop/debrief/":
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.locator(".ka-calc .ka-table").first.screenshot(
            path=str(ARTIFACTS / f"laptop-debrief-groups-{lang}.png")
        )


#: Every control of the page a thumb can tap: its content's, and the theme's header buttons (a
#: text link inside a sentence is part of the text; the theme's code-copy button is not on these
#: pages). A label counts when it holds an enabled control or captions a field (a checklist's
#: disabled tick is shown, not tapped).
TAP_TARGETS = """() => [...document.querySelectorAll(
      `.md-content :is(button, select, summary, input:not([type=hidden]), label),
       .md-header__button`)]
    .filter(c => c.checkVisibility({ visibilityProperty: true }))
    .filter(c => c.tagName !== 'LABEL' || c.querySelector('input:enabled, select:enabled')
                 || c.matches('.md-header__button')
                 || c.parentElement.matches('.ka-field, .tabbed-labels'))
    .map(c => { const r = c.getBoundingClientRect();
                return { what: c.outerHTML.slice(0, 90), width: r.width, height: r.height }; })
    .filter(c => c.width * c.height > 0)  /* the theme's tabs keep their radio buttons at 0 x 0 */
    .filter(c => c.width < 43.5 || c.height < 43.5)"""


def small_targets(page, state: str) -> list[str]:
    return [
        f"{state}: {round(c['width'])}x{round(c['height'])} {c['what']}"
        for c in page.evaluate(TAP_TARGETS)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_control_of_the_group_exercise_is_a_44_px_tap_target(phone, site_server, lang):
    phone.goto(f"{site_server}{prefix(lang)}workshop/group-screening/")
    phone.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="live"]', timeout=90_000)
    small = small_targets(phone, "as it opens")
    shot(phone, f"tap-targets-toolbar-{lang}", f"{WIDGET} .ka-toolbar")
    phone.locator(f'{WIDGET} [data-action="share"]').tap()
    phone.wait_for_selector(f"{WIDGET} .ka-share-box:not([hidden]) input")
    small += small_targets(phone, "with the share box open")
    # a blank start: its notice (with the way back) and, once asked, "show what is missing"
    phone.locator(f'{WIDGET} [data-action="start-blank"]').tap()
    phone.wait_for_selector(f'{WIDGET} .ka-calc-status[data-state="todo"]')
    phone.wait_for_selector(f"{WIDGET} .ka-ask:not([hidden])")
    small += small_targets(phone, "started blank")
    shot(phone, f"tap-targets-blank-{lang}", f"{WIDGET} .ka-notice")
    assert not small, "\n".join(small)
    no_sideways_scroll(phone)


@pytest.mark.parametrize("lang", LANGS)
def test_every_control_of_a_calculator_is_a_44_px_tap_target(phone, site_server, lang, tmp_path):
    widget = '.ka-calc[data-calc="deal_heat"]'
    deals = f'{widget} .ka-table[data-field="deals"]'
    phone.goto(f"{site_server}{prefix(lang)}prioritising/deal-heat/")
    phone.wait_for_selector(f'{widget} .ka-calc-status[data-state="live"]', timeout=90_000)
    small = small_targets(phone, "as it opens")
    phone.locator(f'{widget} [data-action="share"]').tap()
    phone.wait_for_selector(f"{widget} .ka-share-box:not([hidden]) input")
    small += small_targets(phone, "with the share box open")
    # an import the preview must settle: its choices (a unit, a stage) and its buttons
    path = tmp_path / "deals.csv"
    path.write_text("Deal,Stage,Amount\nNorthwind,Discovery,1200000\n", "utf-8")
    phone.set_input_files(f"{deals} .ka-csv-file", str(path))
    phone.wait_for_selector(
        f'{deals} .ka-import-preview select[name="amount_unit"]', timeout=60_000
    )
    small += small_targets(phone, "with the import's preview")
    shot(phone, f"tap-targets-import-{lang}", f"{deals} .ka-import-preview")
    assert not small, "\n".join(small)
    no_sideways_scroll(phone)


def _blank_start_pages() -> list[tuple[str, str]]:
    """Every page that offers a blank start: each exercise's own page and its room activity's."""
    from ka_site.build.room.activities import ACTIVITIES

    pages = []
    for slug, calc in REGISTRY.items():
        if not calc.exercise or calc.blank_start("en") == calc.defaults("en"):
            continue  # nothing to blank (a drill opens blank already)
        pages.append((slug, f"{calc.page}/"))
        pages += [
            (slug, a.page) for a in ACTIVITIES if a.calculator == slug and a.page != f"{calc.page}/"
        ]
    return pages


@pytest.mark.parametrize(("slug", "path"), _blank_start_pages())
@pytest.mark.parametrize("lang", LANGS)  # one language after the other: one page load each
def test_a_blank_start_empties_every_value_the_schema_gives_the_group(
    phone_reader, slug, path, lang
):
    """Read from the schema: every control of a field or column declared ``exercise`` is empty
    and no tap of it is pressed; names and the trainer's settings keep the worked example's."""
    calc = REGISTRY[slug]
    widget = f'.ka-calc[data-calc="{slug}"]'
    phone_reader.open(f"{prefix(lang)}{path}?start=blank")  # the room's link, followed
    phone = phone_reader.page
    phone.wait_for_selector(f'{widget} .ka-calc-status[data-state="todo"]', timeout=90_000)
    filled: list[str] = []
    for f in calc.fields:
        if f.kind != "table":
            if f.exercise:
                field = phone.locator(f'{widget} .ka-calc-form > .ka-field[data-field="{f.key}"]')
                if field.locator("input, select").first.input_value() != "":
                    filled.append(f.key)
                if field.locator('.ka-tap[aria-pressed="true"]').count():
                    filled.append(f"{f.key} (tap)")
            continue
        rows = phone.locator(f'{widget} .ka-table[data-field="{f.key}"] tbody tr[data-row]')
        for n in range(rows.count()):
            for c in (c for c in f.columns if c.exercise):
                cell = rows.nth(n).locator(f'td[data-column="{c.key}"]')
                if cell.locator("input, select").first.input_value() != "":
                    filled.append(f"{f.key}[{n}].{c.key}")
                if cell.locator('.ka-tap[aria-pressed="true"]').count():
                    filled.append(f"{f.key}[{n}].{c.key} (tap)")
        names = [r.get("name") for r in calc.defaults(lang)[f.key]]
        shown = [
            rows.nth(n).locator('td[data-column="name"] input').input_value()
            for n in range(rows.count())
        ]
        assert shown == names  # the names stay
    assert not filled, filled
    assert not phone.locator(f"{widget} .ka-calc-result").is_visible()  # no worked example shown


def test_the_pipeline_board_offers_no_blank_start_and_opens_its_worked_example(phone, site_server):
    """Nothing on the board is the group's to give (its deals are the case): no "Start blank",
    and an old room link asking for one opens the worked example, live."""
    widget = '.ka-calc[data-calc="pipeline"]'
    phone.goto(f"{site_server}workshop/pipeline-board/?room=7&start=blank")
    phone.wait_for_selector(f'{widget} .ka-calc-status[data-state="live"]', timeout=90_000)
    assert phone.locator(f'{widget} [data-action="start-blank"]').count() == 0
    assert phone.locator(f"{widget} .ka-calc-result").is_visible()
    names = [d["name"] for d in REGISTRY["pipeline"].defaults("en")["deals"]]
    first = phone.locator(f'{widget} .ka-table[data-field="deals"] td[data-column="name"] input')
    assert first.first.input_value() == names[0]
