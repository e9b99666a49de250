"""Nothing a reader does breaks a calculator or loses their work, in headless Chromium: a runtime
that cannot load is reported with a button to try again, one engine fault stays on its
calculator, damaged or oversized links and saved states are refused with a notice while the
reader's own work is kept, a link never silently replaces that work, each page keeps its own
state, import errors stay beside their table, and a share link keeps the page's heading anchor."""

from __future__ import annotations

import base64
import json
import time
import zlib
from urllib.parse import urlparse

import pytest

from calculators import REGISTRY
from ka_site.paths import language_prefix
from ka_site.testing.page_hooks import (
    CALCULATORS,
    ask_for_hooks,
    evaluate_within,
    status_within,
)

pytestmark = pytest.mark.browser

SCREENING = "prioritising/screening/"
GROUP = "workshop/group-screening/"
WIDGET = '.ka-calc[data-calc="screening"]'
PROSPECTS = f'{WIDGET} .ka-table[data-field="prospects"]'
STATUS = ".ka-calc-status"
SAVED_KEY = "ka-playbook:screening@prioritising/screening"


def name_cell(row: int = 1) -> str:
    return f'{PROSPECTS} tbody tr:nth-child({row}) td[data-column="name"] input'


def pack(text: str) -> str:
    """A state packed as the page packs it: raw deflate, URL-safe base64 without padding."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = deflate.compress(text.encode("utf-8")) + deflate.flush()
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def screening_state(name: str, rows: int = 1) -> str:
    row = {"name": name, **{f"c{i}": "1" for i in range(1, 5)}} if rows < 100 else {"name": name}
    defaults = REGISTRY["screening"].defaults("en")
    return json.dumps({"criteria": defaults["criteria"], "prospects": [row] * rows})


def new_page(browser, **options):
    # no offline copy: each context would download the whole site in the background (the offline
    # copy has its own tests, test_offline.py)
    context = browser.new_context(**{"service_workers": "block", **options})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def wait_state(page, *states: str, timeout: float = 60_000) -> str:
    return status_within(page, STATUS, *states, ms=timeout)


def saved_states(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter(k => k.startsWith("ka-playbook:")).map(k => [k, localStorage.getItem(k)]))"""
    )


# ------------------------------------------------------------------------ the runtime


RUNTIME_FILES = [
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "snapshot-and-wheel",
]


def blocks(name: str):
    """A predicate for the requests of one runtime file (by path: the worker's own address
    names the wheel in its query)."""

    def matches(url: str) -> bool:
        path = urlparse(url).path
        if name == "snapshot-and-wheel":
            return path.endswith((".snapshot.gz", ".whl"))
        return path.endswith("/" + name)

    return matches


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("blocked", RUNTIME_FILES)
def test_a_runtime_file_that_cannot_be_fetched_is_reported_and_retry_starts_it(
    browser, site_server, blocked, lang
):
    context, page, _ = new_page(browser)
    matches = blocks(blocked)
    context.route(matches, lambda route: route.fulfill(status=404, body="missing"))
    calc = REGISTRY["screening"]
    page.goto(site_server + language_prefix(lang) + SCREENING)
    assert wait_state(page, "failed", "live", timeout=30_000) == "failed"
    expected = calc.run(calc.defaults(lang)).verdict.label.get(lang)
    status = page.inner_text(STATUS)
    if lang == "zh":
        assert "无法" in status and ("下载" in status or "启动" in status)
    else:
        assert "could not start" in status and ("downloaded" in status or "started" in status)
    assert expected in page.inner_text(".ka-verdict")
    retry = page.locator(f"{WIDGET} .ka-retry")
    assert retry.is_visible() and retry.inner_text() == ("重试" if lang == "zh" else "Try again")
    # the file is back: trying again goes live without a reload
    context.unroute(matches)
    retry.click()
    assert wait_state(page, "live") == "live"
    assert page.is_hidden(f"{WIDGET} .ka-retry")
    context.close()


@pytest.mark.parametrize("how", ["missing", "corrupt"])
def test_without_a_usable_snapshot_python_still_starts_from_the_wheel(browser, site_server, how):
    context, page, _ = new_page(browser)
    body = "missing" if how == "missing" else b"\x1f\x8b not a gzip stream" * 50
    status = 404 if how == "missing" else 200
    context.route(blocks("calculators.snapshot.gz"), lambda r: r.fulfill(status=status, body=body))
    ask_for_hooks(page)
    page.goto(site_server + "prioritising/deal-heat/")
    assert wait_state(page, "live", "failed") == "live"
    assert "snapshot" not in page.evaluate(f"{CALCULATORS}.timings()")
    context.close()


def test_a_start_that_hangs_is_reported_after_the_time_limit(browser, site_server):
    context, page, _ = new_page(browser)
    ask_for_hooks(page, startTimeoutMs=3000)
    held = []
    wasm = blocks("pyodide.asm.wasm")
    context.route(wasm, lambda route: held.append(route))  # never answered
    page.goto(site_server + "zh/" + SCREENING)
    started = time.monotonic()
    assert wait_state(page, "failed", "live", timeout=20_000) == "failed"
    assert time.monotonic() - started < 15
    assert "3 秒内没有启动成功" in page.inner_text(STATUS)
    context.unroute(wasm)
    page.click(f"{WIDGET} .ka-retry")
    assert wait_state(page, "live") == "live"
    context.close()


# ------------------------------------------------------------------------ faults stay local


def test_a_tiny_target_is_explained_and_the_next_value_computes_without_a_reload(reader):
    reader.open("prioritising/deal-heat/")
    reader.wait_live()
    target = '.ka-field[data-field="target_wan"]'
    reader.page.fill(f"{target} input", "1e-320")
    reader.page.wait_for_selector(f'{STATUS}[data-state="error"]')
    assert "close to zero" in reader.page.inner_text(f"{target} .ka-error")
    reader.page.fill(f"{target} input", "500")
    reader.wait_live()
    assert reader.page.is_hidden(f"{target} .ka-error")


# Stands in for an engine fault: inputs holding this name are sent to Python as a number instead
# of JSON text, so score_json raises a TypeError inside the worker, as an engine bug would.
BREAK_THE_ENGINE = """
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.name === "score_json" && String(message.args[1]).includes("BREAK-ME")) {
    message = { ...message, args: [message.args[0], 42, ...message.args.slice(2)] };
  }
  return post.call(this, message, ...rest);
};
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_engine_fault_stays_on_its_calculator_and_is_not_kept(browser, site_server, lang):
    context, page, _ = new_page(browser)
    page.add_init_script(BREAK_THE_ENGINE)
    ask_for_hooks(page)
    prefix = language_prefix(lang)
    page.goto(site_server + prefix + SCREENING)
    wait_state(page, "live")
    page.fill(name_cell(), "Kept Ltd")
    wait_state(page, "live")
    page.wait_for_function(
        "() => document.querySelector('.ka-calc-result').textContent.includes('Kept')"
    )
    page.fill(name_cell(), "BREAK-ME Ltd")
    assert wait_state(page, "crashed") == "crashed"
    status = page.inner_text(STATUS)
    assert ("意外错误" in status) if lang == "zh" else ("unexpected error" in status)
    assert "Kept Ltd" in page.inner_text(".ka-calc-result")  # the last result stays, marked stale
    assert page.locator(".ka-calc-result.ka-stale").count() == 1
    assert page.input_value(name_cell()) == "BREAK-ME Ltd"  # what was typed stays in the form
    saved = saved_states(page)  # but is not kept as the reader's work: only apart, to be offered
    assert "BREAK-ME" not in saved[SAVED_KEY] and "BREAK-ME" in saved[SAVED_KEY + ":crashed"]
    # Python itself still answers, and the next valid input computes again
    answer = evaluate_within(
        page,
        f"s => {CALCULATORS}.score('deal_heat', s)",
        json.dumps(REGISTRY["deal_heat"].defaults()),
    )
    assert json.loads(answer)["ok"]
    page.fill(name_cell(), "Fine Ltd")
    assert wait_state(page, "live") == "live"
    assert "Fine Ltd" in saved_states(page)[SAVED_KEY]
    assert SAVED_KEY + ":crashed" not in saved_states(page)  # the reader moved on
    # another calculator of the same visit works too (instant navigation, same Python)
    page.eval_on_selector('.md-sidebar--primary a[href$="deal-heat/"]', "a => a.click()")
    page.wait_for_selector('.ka-calc[data-calc="deal_heat"] .ka-calc-status[data-state="live"]')
    context.close()


# ------------------------------------------------------------------------ state per page


def test_each_page_keeps_its_own_work_and_old_shared_work_is_not_lost(browser, site_server):
    context, page, _ = new_page(browser)
    # work saved by an earlier version, under the calculator's one shared entry
    page.goto(site_server + "key-accounts/")
    page.evaluate(
        "s => localStorage.setItem('ka-playbook:screening', s)", screening_state("Old Work Co")
    )
    page.goto(site_server + SCREENING)
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Old Work Co"
    page.fill(name_cell(), "Alpha Ltd")
    wait_state(page, "live")
    page.goto(site_server + GROUP)
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Old Work Co"  # not the other page's work
    page.fill(name_cell(), "Beta Ltd")
    wait_state(page, "live")
    page.goto(site_server + "zh/" + SCREENING)  # the same page in the other language
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Alpha Ltd"
    page.goto(site_server + GROUP)
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Beta Ltd"
    keys = set(saved_states(page))
    assert {
        "ka-playbook:screening@prioritising/screening",
        "ka-playbook:screening@workshop/group-screening",
    } <= keys
    context.close()


# ------------------------------------------------------------------------ share links


def make_link(page) -> str:
    page.click(f'{WIDGET} [data-action="share"]')
    url = page.locator(f"{WIDGET} .ka-share-url")
    # the state is compressed before the link is shown: wait for it, never read it half-made
    page.wait_for_function("e => e.value.includes('ka.')", arg=url.element_handle())
    return url.input_value()


def test_a_link_made_on_a_heading_anchor_keeps_it_apart_and_restores_cleanly(browser, site_server):
    context, page, _ = new_page(browser)
    page.goto(site_server + SCREENING + "#worked-example")  # as navigation.tracking leaves it
    wait_state(page, "live")
    page.fill(name_cell(), "Anchored Co")
    wait_state(page, "live")
    link = make_link(page)
    assert "#worked-example&ka.screening=" in link
    fresh, other, errors = new_page(browser)
    other.goto(link)
    wait_state(other, "live")
    assert other.input_value(name_cell()) == "Anchored Co"
    assert other.url == site_server + SCREENING + "#worked-example"  # a clean address
    # a link of the earlier form (#heading=&ka.…) opens cleanly too
    older = link.replace("#worked-example&", "#worked-example=&")
    other.goto(site_server + "key-accounts/")
    other.goto(older)
    wait_state(other, "live")
    assert other.url == site_server + SCREENING + "#worked-example"
    assert not errors
    fresh.close()
    context.close()


def test_a_link_never_silently_replaces_the_readers_own_work(browser, site_server):
    context, page, _ = new_page(browser)
    page.goto(site_server + SCREENING)
    wait_state(page, "live")
    page.fill(name_cell(), "Theirs Ltd")
    wait_state(page, "live")
    link = make_link(page)
    page.fill(name_cell(), "Mine Ltd")  # the reader's own work, saved in this browser
    wait_state(page, "live")
    page.goto(site_server + "key-accounts/")
    page.goto(link)
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Theirs Ltd"  # the link is what its sender meant
    notice = page.locator(f"{WIDGET} .ka-notice")
    assert "kept aside" in notice.inner_text()
    notice.get_by_role("button", name="Back to my own work").click()
    page.wait_for_function(f"() => document.querySelector('{name_cell()}').value === 'Mine Ltd'")
    wait_state(page, "live")
    assert "link's version is kept aside" in notice.inner_text()
    page.reload()  # both versions survive a reload, and the page still says so
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Mine Ltd"
    notice.get_by_role("button", name="Show the link's version").click()
    page.wait_for_function(f"() => document.querySelector('{name_cell()}').value === 'Theirs Ltd'")
    notice.get_by_role("button", name="Forget my earlier work").click()
    assert notice.is_hidden()
    page.reload()
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Theirs Ltd" and notice.is_hidden()
    context.close()


def test_a_link_of_twenty_thousand_rows_is_refused_within_seconds(browser, site_server):
    context, page, _ = new_page(browser)
    link = site_server + SCREENING + "#ka.screening=" + pack(screening_state("Flood", 20_000))
    started = time.monotonic()
    page.goto(link)
    notice = page.locator(f"{WIDGET} .ka-notice")
    notice.wait_for(timeout=10_000)
    limit = REGISTRY["screening"].field("prospects").max_rows
    assert "20,000 rows" in notice.inner_text() and f"{limit:,}" in notice.inner_text()
    wait_state(page, "live")
    assert time.monotonic() - started < 15
    assert page.locator(f"{PROSPECTS} tbody tr[data-row]").count() < 20
    assert "#ka." not in page.url
    page.reload()  # nothing of it was kept: the plain page opens cleanly
    wait_state(page, "live")
    assert page.locator(f"{WIDGET} .ka-notice").is_hidden()
    context.close()


# What a damaged, oversized, too deep or foreign link or saved state may hold, and the words of
# the notice. (A value its field cannot take is set aside instead: see SET_ASIDE.)
BAD_STATES = {
    "not base64": ("!!!~~~", "damaged"),
    "not deflate": (base64.urlsafe_b64encode(b"plain text").decode().rstrip("="), "damaged"),
    "truncated": (pack(screening_state("Cut Short Co"))[:40], "damaged"),
    "not json": (pack("this is not json {"), "damaged"),
    "nested 5,000 deep": (pack('{"prospects": ' + "[" * 5_000 + "]" * 5_000 + "}"), "damaged"),
    "a list": (pack("[1, 2, 3]"), "not a state of this calculator"),
    "another calculator": (pack('{"deals": [], "target_wan": 5}'), "not a state of this"),
    "unpacks past the form's largest state": (
        pack('{"prospects": [{"name": "' + "x" * 25_000_000 + '"}]}'),
        f"{REGISTRY['screening'].max_state_chars:,}",
    ),
    "too long a link": ("A" * 400_000, "300,000"),
}


@pytest.mark.parametrize("case", list(BAD_STATES), ids=list(BAD_STATES))
def test_a_bad_link_is_refused_with_a_notice_and_the_readers_work_is_kept(
    browser, site_server, case
):
    packed, words = BAD_STATES[case]
    context, page, errors = new_page(browser)
    page.goto(site_server + "key-accounts/")
    # the reader's own work, saved on an earlier visit
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [SAVED_KEY, screening_state("My Own Co")]
    )
    page.goto(site_server + SCREENING + "#ka.screening=" + packed)
    notice = page.locator(f"{WIDGET} .ka-notice")
    notice.wait_for(timeout=10_000)
    text = notice.inner_text()
    assert "shared link was not opened" in text and words in text, text
    assert "own saved work is unchanged" in text
    assert wait_state(page, "live", "error") == "live"
    assert page.input_value(name_cell()) == "My Own Co"
    values = page.eval_on_selector_all(f"{WIDGET} input", "els => els.map(e => e.value)")
    assert not [v for v in values if "[object" in v or v == "undefined"]
    assert "#ka." not in page.url
    notice.get_by_role("button", name="Dismiss").click()
    assert notice.is_hidden()
    assert not errors
    context.close()


SAVED_STATES = {
    "not json": ("{{{", "damaged"),
    "a number": ("42", "not a state of this calculator"),
    "foreign": ('{"deals": []}', "not a state of this calculator"),
    "twenty thousand rows": (screening_state("Flood", 20_000), "20,000 rows"),
    "nested 5,000 deep": ('{"prospects": ' + "[" * 5_000 + "]" * 5_000 + "}", "damaged"),
}


@pytest.mark.parametrize("case", list(SAVED_STATES), ids=list(SAVED_STATES))
@pytest.mark.parametrize("lang", ["en", "zh"])  # one language after the other: one Python each
def test_a_bad_saved_state_is_refused_with_a_notice_and_the_page_stays_usable(reader, case, lang):
    text, words = SAVED_STATES[case]
    page = reader.page
    page_path = language_prefix(lang) + SCREENING
    reader.open(page_path, stored={SAVED_KEY: text})
    notice = page.locator(f"{WIDGET} .ka-notice")
    notice.wait_for(timeout=10_000)
    if lang == "en":
        assert "was not restored" in notice.inner_text() and words in notice.inner_text()
        # never dropped: kept apart, and saved as a file from the notice
        assert "not deleted" in notice.inner_text()
        with page.expect_download(timeout=10_000) as download:
            notice.get_by_role("button", name="Save it as a file").click()
        assert download.value.path().read_text("utf-8") == text
    else:
        assert "没有恢复" in notice.inner_text() and "没有删除" in notice.inner_text()
    assert saved_states(page)[SAVED_KEY + ":refused"] == text
    assert wait_state(page, "live") == "live"
    default = REGISTRY["screening"].defaults(lang)["prospects"][0]["name"]
    assert page.input_value(name_cell()) == default
    page.fill(name_cell(), "Usable Again")  # the page works and keeps new work
    wait_state(page, "live")
    # the next visit to the page (by the site's links) restores the new work, with no notice
    reader.go(reader.resting(page_path))
    reader.go(page_path)
    wait_state(page, "live")
    assert page.input_value(name_cell()) == "Usable Again"
    assert page.locator(f"{WIDGET} .ka-notice").is_hidden()
    assert not reader.errors, reader.errors


# Values their fields cannot take, in a link: set aside with a notice naming the field, the rest
# of the link shown.
SET_ASIDE = {
    "an object in a cell": ('{"prospects": [{"name": {"x": 1}, "c1": 2}]}', "not a text"),
    "a list as a value": ('{"prospects": [{"name": "A Co", "c1": [2]}]}', "not a text"),
    "a rows value that is no table": ('{"criteria": "all", "prospects": [{"name": "A"}]}', "not"),
    "a cell over its field's limit": ('{"prospects": [{"name": "' + "y" * 20_000 + '"}]}', "80"),
}


@pytest.mark.parametrize("case", list(SET_ASIDE), ids=list(SET_ASIDE))
def test_a_links_value_its_field_cannot_take_is_set_aside_and_the_rest_shown(
    browser, site_server, case
):
    text, words = SET_ASIDE[case]
    context, page, errors = new_page(browser)
    page.goto(site_server + SCREENING + "#ka.screening=" + pack(text))
    notice = page.locator(f"{WIDGET} .ka-notice")
    notice.wait_for(timeout=10_000)
    assert "set aside" in notice.inner_text() and words in notice.inner_text()
    assert notice.get_by_role("button", name="Put it back in the form").is_visible()
    assert wait_state(page, "live", "error") in ("live", "error")
    values = page.eval_on_selector_all(f"{WIDGET} input", "els => els.map(e => e.value)")
    assert not [v for v in values if "[object" in v or v == "undefined"]
    assert not errors
    context.close()


def test_work_too_large_to_keep_is_shown_with_a_notice(reader):
    """The debrief's form holds at most 1,000,000 characters (12 links of 20,000): more is
    shown, and said not to be kept."""
    reader.open("workshop/debrief/")
    reader.wait_live()
    link = '.ka-calc[data-calc="debrief"] tbody tr:nth-child(1) td[data-column="link"] input'
    reader.page.fill(link, "w" * 1_100_000)
    notice = reader.page.locator('.ka-calc[data-calc="debrief"] .ka-notice')
    notice.wait_for()
    assert "1,000,000 characters" in notice.inner_text() and "not kept" in notice.inner_text()
    reader.page.wait_for_selector(f'{STATUS}[data-state="error"]')  # the model refuses it too


# ------------------------------------------------------------------------ imports


def test_an_empty_csv_leaves_its_message_until_the_table_is_edited(reader, tmp_path):
    reader.open("zh/" + GROUP)
    reader.wait_live()
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    reader.page.set_input_files(f"{PROSPECTS} .ka-csv-file", str(empty))
    message = reader.page.locator(f"{PROSPECTS} > .ka-error")
    message.wait_for()
    reader.page.wait_for_timeout(3000)  # the recompute of a change event used to clear it
    assert message.is_visible() and message.inner_text().strip()
    reader.page.fill(name_cell(), "编辑后")
    reader.wait_live()
    assert message.is_hidden()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(reader, tmp_path):
    reader.open(GROUP)
    reader.wait_live()
    before = reader.page.input_value(name_cell())
    big = tmp_path / "big.csv"
    big.write_bytes(b"name,c1\n" + b"Acme,1\n" * 800_000)  # 5.6 MB
    reader.page.set_input_files(f"{PROSPECTS} .ka-csv-file", str(big))
    message = reader.page.locator(f"{PROSPECTS} > .ka-error")
    message.wait_for()
    assert "5 MB" in message.inner_text()
    assert reader.page.input_value(name_cell()) == before
