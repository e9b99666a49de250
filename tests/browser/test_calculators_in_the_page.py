"""The calculators as a reader uses them, in headless Chromium: live results equal CPython's,
bad input is explained beside its field and kept, and the page works offline."""

from __future__ import annotations

import json
import time

import pytest
from answers import comparable

from calculators import REGISTRY, score_json
from generate import inputs_for
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import (
    CALCULATORS,
    KEPT_ENGINE,
    ask_for_hooks,
    computed_after,
    evaluate_within,
    kept_engine,
)

pytestmark = pytest.mark.browser
CALCS = list(REGISTRY.values())
PARITY_INPUTS = 20


def page_path(calc, lang: str) -> str:
    return language_prefix(lang) + calc.page + "/"


def test_pyodide_gives_the_same_answer_as_cpython_for_generated_inputs(visit):
    ask_for_hooks(visit.page)
    visit.open(page_path(REGISTRY["screening"], "en"))
    visit.wait_live()
    assert visit.page.evaluate(f"{CALCULATORS}.timings()").get("snapshot")  # restored
    mismatches = []
    for calc in CALCS:
        cases = [
            json.dumps(inputs_for(calc, seed), ensure_ascii=False) for seed in range(PARITY_INPUTS)
        ]
        answers = evaluate_within(
            visit.page,
            f"""async ([slug, cases]) => {{
                const out = [];
                for (const [i, inputs] of cases.entries()) {{
                    out.push(await {CALCULATORS}.score(slug, inputs, i % 2 ? "zh" : "en"));
                }}
                return out;
            }}""",
            [calc.slug, cases],
            ms=120_000,
            what=f"{PARITY_INPUTS} answers of {calc.slug}",
        )
        for i, (inputs, answer) in enumerate(zip(cases, answers, strict=True)):
            expected = json.loads(score_json(calc.slug, inputs, "zh" if i % 2 else "en"))
            if comparable(json.loads(answer)) != comparable(expected):
                mismatches.append(f"{calc.slug} #{i}")
    assert not mismatches, mismatches
    assert visit.page.evaluate(f"{CALCULATORS}.starts()") == 1


#: Each calculator in one language, the English ones first (one page load per language).
BY_LANGUAGE = sorted(CALCS, key=lambda calc: calc.order % 2)


@pytest.mark.parametrize("calc", BY_LANGUAGE, ids=[c.slug for c in BY_LANGUAGE])
def test_every_calculator_goes_live_and_shows_what_cpython_computes(reader, calc):
    lang = "zh" if calc.order % 2 else "en"
    reader.open(page_path(calc, lang))
    widget = f'.ka-calc[data-calc="{calc.slug}"]'
    reader.wait_live()
    # change the first editable value through the form, as a reader would
    control = reader.page.locator(f"{widget} .ka-calc-form input[type=text].ka-num").first
    select = reader.page.locator(f"{widget} .ka-calc-form select").first

    def edit() -> None:
        if control.count():
            control.fill("1")
        elif select.count():
            options = select.locator("option").all()
            select.select_option(options[-1].get_attribute("value"))
        else:  # a form of text only (the debrief's group names and links)
            reader.page.locator(f"{widget} .ka-calc-form input[type=text]").first.fill("Renamed")

    detail = computed_after(reader.page, calc.slug, edit)
    root = reader.page.get_attribute(widget, "data-root")
    expected = json.loads(score_json(calc.slug, detail["inputs"], lang, root))
    assert comparable(detail["reply"]) == comparable(expected)
    shown = reader.page.inner_html(f"{widget} .ka-calc-result")
    if expected["ok"]:  # compare as the browser serialises markup (&#x27; becomes ')
        normalised = reader.page.evaluate(
            "h => { const d = document.createElement('div'); d.innerHTML = h; "
            "return d.innerHTML; }",
            expected["html"],
        )
        assert shown == normalised
    assert not reader.errors, reader.errors


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_value_is_explained_beside_its_field_and_kept(reader, lang):
    calc = REGISTRY["screening"]
    reader.open(page_path(calc, lang))
    reader.wait_live()
    cell = (
        '.ka-calc[data-calc="screening"] .ka-table[data-field="prospects"] '
        'tbody tr:nth-child(2) td[data-column="c1"]'
    )
    reader.page.fill(f"{cell} input", "abc")
    reader.page.wait_for_selector('.ka-calc-status[data-state="error"]')
    message = reader.page.inner_text(f"{cell} .ka-error")
    assert ("必须是数字" in message) if lang == "zh" else ("must be a number" in message)
    assert reader.page.input_value(f"{cell} input") == "abc"
    assert reader.page.get_attribute(f"{cell} input", "aria-invalid") == "true"
    page_text = reader.page.inner_text("article")
    for junk in ("Traceback", "NaN", "undefined"):
        assert junk not in page_text
    # the previous result stays visible, and correcting the value brings it back to live
    assert reader.page.inner_text(".ka-calc-result")
    reader.page.fill(f"{cell} input", "2")
    reader.wait_live()
    assert reader.page.is_hidden(f"{cell} .ka-error")


def test_rows_can_be_added_filled_and_removed(reader):
    calc = REGISTRY["screening"]
    reader.open(page_path(calc, "en"))
    reader.wait_live()
    table = '.ka-table[data-field="prospects"]'
    rows = f"{table} tbody tr[data-row]"
    before = reader.page.locator(rows).count()
    reader.page.click(f"{table} .ka-add-row")
    assert reader.page.locator(rows).count() == before + 1
    reader.page.wait_for_selector('.ka-calc-status[data-state="error"]')  # the new row is empty
    new = f"{rows}:last-child"
    reader.page.fill(f'{new} td[data-column="name"] input', "<img src=x onerror=alert(1)>")
    for column in ("c1", "c2", "c3", "c4"):
        reader.page.fill(f'{new} td[data-column="{column}"] input', "2")
    reader.wait_live()
    result = reader.page.inner_text(".ka-calc-result")
    assert "<img src=x onerror=alert(1)>" in result  # shown as text, not run
    assert reader.page.locator(".ka-calc-result img").count() == 0
    reader.page.click(f"{new} .ka-remove-row")
    assert reader.page.locator(rows).count() == before
    reader.wait_live()


def test_instant_navigation_keeps_one_python_for_the_whole_visit(visit):
    ask_for_hooks(visit.page)
    visit.open(page_path(REGISTRY["screening"], "zh"))
    visit.wait_live()
    # the sidebar's own link, clicked as Material's instant navigation sees a click
    visit.page.eval_on_selector('.md-sidebar--primary a[href$="deal-heat/"]', "a => a.click()")
    visit.page.wait_for_selector(
        '.ka-calc[data-calc="deal_heat"] .ka-calc-status[data-state="live"]'
    )
    assert visit.page.evaluate(f"{CALCULATORS}.starts()") == 1
    wasm = [u for u in visit.requests if u.endswith("pyodide.asm.wasm")]
    assert len(wasm) == 1


def test_a_calculator_that_starts_before_the_theme_still_follows_instant_navigation(visit):
    # The theme's script is deferred (ka_site.build.theme_script) and the calculator's module is
    # async: on a busy phone the module can run first, before the theme's document$ exists. Held
    # back here on purpose, the theme comes last; the next page's calculator must still come alive.
    def theme_late(route):
        time.sleep(1.5)
        route.continue_()

    visit.page.route("**/assets/javascripts/bundle.*.min.js", theme_late)
    visit.open(page_path(REGISTRY["screening"], "en"))
    visit.wait_live()
    visit.page.eval_on_selector('.md-sidebar--primary a[href$="deal-heat/"]', "a => a.click()")
    visit.page.wait_for_selector(
        '.ka-calc[data-calc="deal_heat"] .ka-calc-status[data-state="live"]', timeout=30_000
    )


def test_a_page_without_a_calculator_loads_nothing_of_pyodide(visit):
    visit.open("key-accounts/")
    visit.page.wait_for_load_state("networkidle")
    assert not [u for u in visit.requests if "/assets/pyodide/" in u or "/assets/wheels/" in u]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_worked_example_is_there_with_javascript_off(browser, site_server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    calc = REGISTRY["screening"]
    page.goto(site_server + page_path(calc, lang))
    expected = calc.run(calc.defaults(lang))
    assert expected.verdict.label.get(lang) in page.inner_text(".ka-verdict")
    context.close()


@pytest.mark.parametrize(("lang", "word"), [("zh", "漏斗"), ("en", "funnel")])
def test_the_search_box_finds_the_funnel_page(visit, lang, word):
    visit.open(language_prefix(lang))
    visit.page.click("label.md-search__icon, .md-search__input")
    visit.page.fill(".md-search__input", word)
    visit.page.press(".md-search__input", "End")  # Material searches on key up
    visit.page.wait_for_selector(".md-search-result__item")
    links = visit.page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert any("sales-process/funnel/" in href for href in links), links


def test_without_the_snapshot_python_starts_normally_from_the_wheel(browser, site_server):
    context = browser.new_context()
    context.route("**/*.snapshot.gz", lambda route: route.fulfill(status=404, body="missing"))
    page = context.new_page()
    ask_for_hooks(page)
    calc = REGISTRY["deal_heat"]
    page.goto(site_server + page_path(calc, "en"))
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    timings = page.evaluate(f"{CALCULATORS}.timings()")
    assert "snapshot" not in timings and "wheel" in timings
    shown = page.inner_text(".ka-verdict")
    assert calc.run(calc.defaults("en")).verdict.label.en in shown
    context.close()


def _engine_version(page) -> str:
    engine = page.evaluate("JSON.parse(document.querySelector('.ka-calc').dataset.ui).engine")
    return engine.rstrip("/").split("/")[-1]


def _wait_until_kept(page, expected: dict) -> None:
    """The device keeps the engine in the background, a moment after the first results."""
    for _ in range(150):
        kept = evaluate_within(page, KEPT_ENGINE)
        if kept == expected:
            return
        page.wait_for_timeout(100)
    assert kept == expected


def _first_start(browser, site_server):
    """A first visit to the deal-heat page, without the offline copy, until it is live."""
    context = browser.new_context(service_workers="block")
    ask_for_hooks(context)
    page = context.new_page()
    page.goto(site_server + page_path(REGISTRY["deal_heat"], "en"))
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    return context, page


def test_a_return_visit_starts_from_the_engine_the_device_keeps(browser, site_server):
    """The first start downloads the packed snapshot (a fast connection) and keeps, on the device
    (its private file system), the snapshot unpacked and the runtime's WebAssembly and standard
    library; the next start reads all three from there, with no download and no unpacking, and
    the packed copy is not kept beside them."""
    context, page = _first_start(browser, site_server)
    calc = REGISTRY["deal_heat"]
    first = page.evaluate(f"{CALCULATORS}.timings()")
    assert first.get("snapshot") and not first.get("snapshot_local")
    assert not first.get("runtime_local")
    assert not first.get("early")  # a first visit: created after the first paint, by client.mjs
    _wait_until_kept(page, kept_engine(_engine_version(page)))

    for kept_file in ("**/*.snapshot.gz", "**/pyodide.asm.wasm", "**/python_stdlib.zip"):
        context.route(kept_file, lambda route: route.fulfill(status=404, body="missing"))
    page.reload()
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    again = page.evaluate(f"{CALCULATORS}.timings()")
    assert again.get("snapshot") and again.get("snapshot_local") and again.get("runtime_local")
    assert calc.run(calc.defaults("en")).verdict.label.en in page.inner_text(".ka-verdict")
    context.close()


DAMAGE_KEPT_WASM = """async (folder) => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const writable = await (await dir.getFileHandle("pyodide.asm.wasm")).createWritable();
  await writable.write(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255, 255]));
  await writable.close();
}"""


def test_a_damaged_copy_on_the_device_is_dropped_and_the_calculator_still_goes_live(
    browser, site_server
):
    """A kept file that no longer compiles (a disk fault, a half-cleared storage): the device's
    copy is dropped, Python starts from the site's files and the wheel, and the device keeps a
    good copy of the runtime again (the snapshot comes back at the next start that fetches it)."""
    context, page = _first_start(browser, site_server)
    calc = REGISTRY["deal_heat"]
    version = _engine_version(page)
    _wait_until_kept(page, kept_engine(version))

    evaluate_within(page, DAMAGE_KEPT_WASM, f"engine-{version}")
    page.reload()
    page.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
    assert not page.evaluate(f"{CALCULATORS}.timings()").get("runtime_local")
    assert calc.run(calc.defaults("en")).verdict.label.en in page.inner_text(".ka-verdict")
    runtime_only = kept_engine(version)
    runtime_only["folders"] = {f"engine-{version}": ["pyodide.asm.wasm", "python_stdlib.zip"]}
    _wait_until_kept(page, runtime_only)
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_failed_start_says_so_and_keeps_the_worked_example(browser, site_server, lang):
    context = browser.new_context()
    for broken in ("**/*.whl", "**/*.snapshot.gz"):
        context.route(broken, lambda route: route.fulfill(status=404, body="missing"))
    page = context.new_page()
    calc = REGISTRY["screening"]
    page.goto(site_server + page_path(calc, lang))
    page.wait_for_selector('.ka-calc-status[data-state="failed"]', timeout=60_000)
    status = page.inner_text(".ka-calc-status")
    assert ("无法" in status) if lang == "zh" else ("could not start" in status)
    assert calc.run(calc.defaults(lang)).verdict.label.get(lang) in page.inner_text(".ka-verdict")
    context.close()
