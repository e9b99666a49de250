"""Benchmark the site as a reader meets it, in Debian's headless chromium.

Prints two tables, measured in one run on the site as the serve command serves it (brotli,
cache headers, service worker), beside a bare page that only loads Pyodide, as its npm package
ships it, and runs ``1+1`` (the floor on this machine; the site serves a repacked standard
library, ``ka_site.build.engine.stdlib_zip``):

* build time of the whole site (``mkdocs build``);
* for a calculator page: navigation -> first result computed by Pyodide, cold (new profile)
  and warm (same profile, second visit), median of 3 runs, and the bytes transferred;
* a second calculator page reached by instant navigation (and whether Python started again);
* recompute latency after an input change, median and 95th percentile over 50 changes, both
  the worker round trip and as the reader feels it (with the typing debounce);
* a 200-deal pipeline board's recompute round trip (issue: a rep's pipeline stays responsive);
* a plain page: bytes transferred, and whether any of it is Pyodide;
* the offline copy the service worker fetches in the background (bytes, as served);
* the first live result and the floor, cold, under Lighthouse's mobile throttling applied for
  real (slow 4G, 4x CPU; the CPU slowdown applies to the page, not to the Pyodide worker);
* Lighthouse (mobile preset, npm package, Debian's chromium) on a plain page, a calculator page
  and a workshop page in both languages: scores and metrics;
* import and score 10,000 deals (a Salesforce-style CSV export): in CPython (the reading layer
  and the model, and the whole command line as a process), and in the browser (from picking
  the file to the result, its preview confirmed as soon as it shows, and the worker's scoring
  round trip alone); then an edit in row 9,001 until its answer; then that table's share link
  opened in a new tab, until its result: the longest main-thread task (``longtask`` entries).

Usage: ``.venv/bin/python scripts/bench.py`` (after ``bash scripts/setup.sh --test``);
``--start`` measures only the engine's start (the first result, cold and warm, and cold under
mobile throttling, beside the floor, with the worker's timings); ``--imports`` measures only the
10,000-deal import; ``--recompute`` the recomputes (a small calculator's changes in quick
succession and after a pause, a board of 200 deals) and the 10,000-deal import; ``--room``
measures only room mode (the
bytes 24 phones fetch, 24 phones sending at once, 200 concurrent room requests:
``ka_site.testing.room_bench``); ``--lighthouse [PAGE…]`` runs only
Lighthouse (on the six pages, or on the pages named, e.g. ``zh/prioritising/screening/``);
``--phone`` counts only the actions (taps, key presses, scrolls) a group needs to score the
group exercise's eight prospects from a blank start on a 375x812 touch phone, in both
languages (``ka_site.testing.phone_flow``; the bands are checked against CPython).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from calculators.models.deal_heat import STAGES  # installed in the venv by scripts/setup.sh
from ka_site.build.engine.pyodide_seam import PYODIDE_DIR, RUNTIME_FILES  # as npm ships it
from ka_site.commands import serve as serve_command  # the README's serve command
from ka_site.testing.crm_corpus import many_deals  # the tests' generator of CRM exports

# the page's test API, on request, and waits for the page's answers that end at a time limit
from ka_site.testing.page_hooks import CALCULATORS, ask_for_hooks, evaluate_within

if TYPE_CHECKING:
    from playwright.sync_api import Request

ROOT = Path(__file__).resolve().parent.parent

IMPORT_DEALS = 10_000

CHROMIUM = os.environ.get("KA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CALC_PAGE = "prioritising/screening/"
SECOND_PAGE = "prioritising/deal-heat/"
PLAIN_PAGE = "key-accounts/"
RUNS = 3  # start-up times are the median of this many cold/warm pairs
PIPELINE_PAGE = "workshop/pipeline-board/"
#: Cell values for the rows the benchmark adds to the pipeline board (cycled by row number).
PIPELINE_ROW = {
    "name": ["Deal"],
    "stage": list(STAGES),
    "amount_wan": ["50", "120", "300", "80", "500"],
    "months_to_close": ["3", "8", "14", "20"],
}

#: The floor's page: its script is a file, as the serve command's policy runs no inline script.
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title>
<script type="module" src="bare.mjs"></script>"""
BARE_SCRIPT = """const address = new URL("bare-worker.mjs", location.href);
const worker = new Worker(address, { type: "module" });
worker.onmessage = (e) => { window.bareResult = e.data; window.bareDoneAt = performance.now(); };"""
BARE_WORKER = """const indexURL = new URL("pyodide/", self.location.href).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL });
self.postMessage(pyodide.runPython("1+1"));"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site: Path, port: int) -> float:
    """Build the site for http://127.0.0.1:PORT/ as the serve command does (precompressed), and
    beside it the floor: a bare page with Pyodide as its npm package ships it (the site serves a
    repacked standard library, ka_site.build.engine.stdlib_zip; the floor does not)."""
    seconds = serve_command.build(site, f"http://127.0.0.1:{port}/")
    bench = site / "assets" / "bench"
    (bench / "pyodide").mkdir(parents=True, exist_ok=True)
    (bench / "bare.html").write_text(BARE_PAGE, "utf-8")
    (bench / "bare.mjs").write_text(BARE_SCRIPT, "utf-8")
    (bench / "bare-worker.mjs").write_text(BARE_WORKER, "utf-8")
    for name in RUNTIME_FILES:
        shutil.copyfile(PYODIDE_DIR / name, bench / "pyodide" / name)
    serve_command.precompress(site)
    return seconds


def serve(site: Path, port: int) -> str:
    """Serve the built site with the serve command's server (brotli, cache headers)."""
    server = serve_command.make_server(site, "127.0.0.1", port)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{port}/"


class Meter:
    """Counts the bytes a page (and its workers) received."""

    def __init__(self, page) -> None:
        self.responses: list[Request] = []
        page.on("requestfinished", lambda request: self.responses.append(request))

    def bytes(self) -> int:
        total = 0
        for request in self.responses:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total

    def urls(self) -> list[str]:
        return [r.url for r in self.responses]


#: Lighthouse's mobile throttling, as it applies it for real ("devtools" throttling): slow 4G
#: and a CPU four times slower. Network.emulateNetworkConditions takes bytes per second.
MOBILE_NETWORK = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}
MOBILE_CPU = 4


def visit(playwright, profile: Path, url: str, until: str, stamp: str, throttle: bool = False):
    """Open ``url`` in a persistent profile; return (ms to ``stamp``, bytes, urls, context)."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=ARGS, headless=True
    )
    ask_for_hooks(context)  # the page's test API (first result, timings) exists only when asked
    page = context.pages[0] if context.pages else context.new_page()
    meter = Meter(page)
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE_CPU})
    page.goto(url)
    # a function, not an expression: Playwright evaluates an expression with eval, which the
    # site's Content-Security-Policy refuses
    page.wait_for_function(f"() => ({until})", timeout=600_000)
    ms = page.evaluate(stamp)
    page.wait_for_timeout(300)  # let late responses finish for the byte count
    return ms, meter.bytes(), meter.urls(), context, page


def throttled(playwright, url: str, until: str, stamp: str) -> float:
    """Milliseconds to ``stamp`` on a cold visit under the mobile throttling."""
    with tempfile.TemporaryDirectory() as profile:
        ms, _, _, context, _ = visit(playwright, Path(profile), url, until, stamp, throttle=True)
        context.close()
    return ms


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = (
    "key-accounts/",
    "zh/key-accounts/",
    "prioritising/screening/",
    "zh/prioritising/screening/",
    "workshop/group-screening/",
    "zh/workshop/group-screening/",
)
LIGHTHOUSE_METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)


LIGHTHOUSE_RUNS = 3  # Lighthouse varies from run to run: the run with the median score is kept


def lighthouse(url: str, runs: int = LIGHTHOUSE_RUNS) -> dict:
    """Lighthouse on ``url``: the run with the median performance score of ``runs`` runs."""
    audits = sorted(
        (lighthouse_once(url) for _ in range(runs)), key=lambda a: a["scores"]["performance"]
    )
    return audits[len(audits) // 2]


def lighthouse_once(url: str) -> dict:
    """Lighthouse's mobile preset (its default) on ``url``, in Debian's chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                f"--output-path={report}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
        )
        data = json.loads(report.read_text("utf-8"))
        keep = ROOT / "test-artifacts" / "lighthouse"  # the whole report, for a closer look
        keep.mkdir(parents=True, exist_ok=True)
        name = url.split("://", 1)[1].split("/", 1)[1].strip("/").replace("/", "_") or "home"
        shutil.copyfile(report, keep / f"{name}.json")
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    metrics = {short: data["audits"][key]["displayValue"] for key, short in LIGHTHOUSE_METRICS}
    return {"scores": scores, "metrics": metrics}


def offline_copy_bytes(site: Path) -> int:
    """Bytes on the wire for the service worker's offline copy (brotli, as served)."""
    plan = json.loads((site / "assets" / "offline.json").read_text("utf-8"))
    total = 0
    for url in plan["urls"]:
        path = site / url
        br = path.with_name(path.name + ".br")
        total += (br if br.exists() else path).stat().st_size
    return total


#: True once the page's offline copy is complete and active (at once for a page without one).
OFFLINE_COPY_KEPT = """!document.querySelector('link[rel=manifest]') || !navigator.serviceWorker
  || navigator.serviceWorker.ready.then(() => true)"""


def floor_and_page(playwright, base: str, path: str, until: str, stamp: str) -> dict:
    """Cold (new profile) and warm (same profile, second visit) times: the median of RUNS pairs.

    The warm visit is a reader's return: the first visit's caches, and its offline copy once
    complete (the service worker starts it a few seconds after the page has loaded).
    """
    samples: dict[str, list] = {"cold": [], "warm": [], "cold_bytes": [], "warm_bytes": []}
    timings = {}
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as profile:
            for run in ("cold", "warm"):
                ms, size, _, context, page = visit(
                    playwright, Path(profile), base + path, until, stamp
                )
                samples[run].append(ms)
                samples[f"{run}_bytes"].append(size)
                if CALCULATORS in stamp:
                    timings[run] = page.evaluate(f"{CALCULATORS}.timings()")
                if run == "cold":
                    # a revisit comes days later: the offline copy, if the page makes one, is kept
                    page.wait_for_function(f"() => ({OFFLINE_COPY_KEPT})", timeout=180_000)
                context.close()
    results = {key: statistics.median(values) for key, values in samples.items()}
    if timings:
        results["timings"] = timings
    return results


def recompute(
    page,
    slug: str,
    table: str,
    column: str,
    values: list[str],
    rows: dict | None = None,
    changes: int = 50,
    pause: int = 0,
) -> dict:
    """Change one cell ``changes`` times; time the worker round trip and the felt latency.

    ``rows`` = {"count": n, "cells": {column: [values…]}} first grows the table to n rows.
    ``pause``: milliseconds between an answer and the next change (0: at once, as a fast
    typist's changes come; a change after a pause of 80 ms or more is computed at once).
    """
    return evaluate_within(
        page,
        """async ([slug, table, column, values, rows, changes, pause]) => {
            const root = document.querySelector(`.ka-calc[data-calc="${slug}"]`);
            const box = root.querySelector(`.ka-table[data-field="${table}"]`);
            if (rows) {
              const tbody = box.querySelector("tbody");
              const template = box.querySelector(".ka-row-template");
              while (tbody.children.length < rows.count) {
                tbody.append(template.content.cloneNode(true));
                const row = tbody.lastElementChild;
                const n = tbody.children.length;
                for (const [key, options] of Object.entries(rows.cells)) {
                  const cell = row.querySelector(`td[data-column="${key}"]`);
                  cell.querySelector("input, select").value =
                    key === "name" ? `${options[0]} ${n}` : options[n % options.length];
                }
              }
            }
            const cell = box.querySelector(`tbody tr td[data-column="${column}"] input`);
            const felt = [], trip = [];
            for (let i = 0; i < changes; i++) {
              if (pause) await new Promise((r) => setTimeout(r, pause));
              const done = new Promise(
                (r) => root.addEventListener("ka:computed", r, { once: true }));
              const t0 = performance.now();
              cell.value = values[i % values.length];
              cell.dispatchEvent(new Event("input", { bubbles: true }));
              const detail = (await done).detail;
              if (!detail.reply.ok) throw new Error(JSON.stringify(detail.reply.error.problems[0]));
              felt.push(performance.now() - t0);
              trip.push(Number(root.dataset.computeMs));
            }
            return { felt, trip, rows: box.querySelectorAll("tbody tr[data-row]").length };
        }""",
        [slug, table, column, values, rows, changes, pause],
        ms=changes * 30_000,  # each change must be answered; none may wait for ever
        what=f"{changes} recomputes of {slug}",
    )


def recomputes(page, base: str) -> dict[str, dict]:
    """On a calculator page that is live: changes in quick succession, changes after a pause,
    then a pipeline board of 200 deals."""
    measured = {
        "small": recompute(page, "screening", "prospects", "c1", ["0", "1", "2"]),
        "paused": recompute(
            page, "screening", "prospects", "c1", ["0", "1", "2"], changes=20, pause=150
        ),
    }
    page.goto(base + PIPELINE_PAGE)
    page.wait_for_selector('.ka-calc-status[data-state="live"]')
    measured["big"] = recompute(
        page,
        "pipeline",
        "deals",
        "amount_wan",
        ["120", "80", "300"],
        rows={"count": 200, "cells": PIPELINE_ROW},
    )
    return measured


def recompute_rows(measured: dict[str, dict]) -> list[tuple[str, str, str]]:
    small, paused, big = measured["small"], measured["paused"], measured["big"]

    def spread(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} / {pct(values, 0.95):.0f} ms"

    return [
        ("Recompute, worker round trip (median / p95, 50 changes)", spread(small["trip"]), ""),
        (
            "Recompute as felt, each change as soon as the last is answered (one within 80 ms of "
            "the last change waits for that pause in typing) (median / p95)",
            spread(small["felt"]),
            "",
        ),
        (
            "Recompute as felt, each change 150 ms after the last answer (computed at once; 20 "
            "changes) (median / p95)",
            spread(paused["felt"]),
            "",
        ),
        (
            f"Recompute, pipeline board of {big['rows']} deals, as felt (median / p95)",
            spread(big["felt"]),
            f"round trip alone: {spread(big['trip'])} (Python works while the page is drawn)",
        ),
    ]


def import_cpython(path: Path) -> dict:
    """10,000 deals from a CSV export: reading layer + model in-process, and the command line."""
    from calculators import calculator
    from calculators.tables import read_table

    calc = calculator("pipeline")
    data = path.read_bytes()
    in_process = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        rows = read_table(data, path.name, calc.field("deals")).rows
        calc.run({"deals": rows})
        in_process.append(time.perf_counter() - t0)
    command = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "calculators", "run", "pipeline", str(path), "--json"],
            check=True, capture_output=True,
        )  # fmt: skip
        command.append(time.perf_counter() - t0)
    return {"in_process": statistics.median(in_process), "command": statistics.median(command)}


#: Recorded on every page of the browser measures, before the page's own scripts: each long task
#: (more than 50 ms on the main thread) and the time the 10,000-deal result is shown.
BIG_TABLE_WATCH = """
window.__kaLong = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__kaLong.push([task.startTime, task.duration]);
}).observe({ type: "longtask", buffered: true });
window.__kaBig = new Promise((resolve) => {
  document.addEventListener("ka:computed", (event) => {
    // a state of 10,000 deals is about a million characters: no need to parse it here
    if (event.detail.inputs.length > 500000 && event.detail.reply.ok) resolve(performance.now());
  }, true);
});
"""
DEALS_TABLE = '.ka-calc[data-calc="pipeline"] .ka-table[data-field="deals"]'


#: The amounts typed into row 9,001 of the 10,000-deal board, one edit each: its rank moves
#: up and down the board (thousands of other ranks move with it).
EDITS = ["120", "80", "300", "45", "150"] * 3


def import_browser(page, base: str, path: Path) -> dict:
    """On the pipeline board: pick the 10,000-deal file (its preview confirmed the moment it
    shows) until the result is shown; then edits in row 9,001 until each answer; then the share
    link of that table opened in a new tab, until its result: the longest main-thread task."""
    page.context.add_init_script(BIG_TABLE_WATCH)
    page.goto(base + PIPELINE_PAGE)
    page.wait_for_selector('.ka-calc-status[data-state="live"]')
    t0 = page.evaluate(
        """(table) => {
             const box = document.querySelector(table);
             window.__kaPreview = null;
             new MutationObserver((_, observer) => {
               const confirm = box.querySelector('[data-preview="confirm"]');
               if (!confirm) return;
               observer.disconnect();
               window.__kaPreview = performance.now();
               confirm.click();
             }).observe(box, { childList: true, subtree: true });
             return performance.now();
           }""",
        DEALS_TABLE,
    )
    page.set_input_files(f"{DEALS_TABLE} .ka-csv-file", str(path))
    shown = evaluate_within(page, "() => window.__kaBig", ms=300_000, what="the import")
    preview = page.evaluate("() => window.__kaPreview")
    score = page.evaluate(
        "() => Number(document.querySelector('.ka-calc[data-calc=\"pipeline\"]').dataset.computeMs)"
    )
    import_long = page.evaluate(
        "(t0) => Math.max(0, ...window.__kaLong.filter(([at]) => at >= t0).map(([, d]) => d))", t0
    )
    edits = evaluate_within(
        page,
        """async ([table, row, values]) => {
            const box = document.querySelector(table);
            const root = box.closest(".ka-calc");
            const scroller = box.querySelector(".ka-table-scroll");
            const at = () => box.querySelector(`tr[data-index="${row}"]`);
            // scroll until the row is laid out (rows are measured as they come)
            for (let i = 0; i < 50 && !at(); i++) {
              const shown = [...box.querySelectorAll("tr[data-index]")]
                .map((r) => Number(r.dataset.index));
              const last = Math.max(...shown), first = Math.min(...shown);
              const count = box.querySelector("table").getAttribute("aria-rowcount");
              const per = scroller.scrollHeight / Number(count);
              scroller.scrollTop += (row - (first + last) / 2) * per;
              await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            }
            const cell = at().querySelector('td[data-column="amount_wan"] input');
            const felt = [], trip = [], long = [];
            for (const value of values) {
              const done = new Promise(
                (r) => root.addEventListener("ka:computed", r, { once: true }));
              const t0 = performance.now();
              cell.value = value;
              cell.dispatchEvent(new Event("input", { bubbles: true }));
              const detail = (await done).detail;
              if (!detail.reply.ok) throw new Error(JSON.stringify(detail.reply.error.problems[0]));
              felt.push(performance.now() - t0);
              trip.push(Number(root.dataset.computeMs));
              long.push(Math.max(0, ...window.__kaLong.filter(([s]) => s >= t0).map(([, d]) => d)));
            }
            return { felt, trip, long };
        }""",
        [DEALS_TABLE, 9000, EDITS],
        ms=300_000,
        what="edits in row 9,001",
    )
    page.click('.ka-calc[data-calc="pipeline"] [data-action="share"]')
    share = '.ka-calc[data-calc="pipeline"] .ka-share-box input'
    page.wait_for_function("(box) => document.querySelector(box).value.length > 0", arg=share)
    link = page.input_value(share)
    other = page.context.new_page()
    other.goto(link)
    evaluate_within(other, "() => window.__kaBig", ms=300_000, what="the share link's result")
    tasks = other.evaluate("() => window.__kaLong")
    other.close()
    return {
        "felt": shown - t0,
        "preview": (preview or shown) - t0,
        "score": score,
        "import_long": import_long,
        "edit_felt": statistics.median(edits["felt"]),
        "edit_slowest": max(edits["felt"]),
        "edit_trip": statistics.median(edits["trip"]),
        "edit_long": max(edits["long"]),
        "link_chars": len(link),
        "link_long": max((d for _, d in tasks), default=0),
        "link_tasks": len([d for _, d in tasks if d > 200]),
    }


def import_rows(cpython: dict, browser: dict) -> list[tuple[str, str, str]]:
    return [
        (
            f"Import + score {IMPORT_DEALS:,} deals (CSV), CPython: reading layer + model",
            f"{cpython['in_process']:.2f} s",
            "",
        ),
        (
            f"Import + score {IMPORT_DEALS:,} deals, command line (whole process, `--json`)",
            f"{cpython['command']:.2f} s",
            "",
        ),
        (
            f"Import + score {IMPORT_DEALS:,} deals in the browser: file picked → result shown "
            "(the preview confirmed as soon as it shows)",
            f"{browser['felt'] / 1000:.2f} s",
            f"preview shown at {browser['preview'] / 1000:.2f} s; scoring round trip alone: "
            f"{browser['score'] / 1000:.2f} s; longest main-thread task "
            f"{browser['import_long']:.0f} ms",
        ),
        (
            f"… then an edit in row 9,001 → its answer shown (median of {len(EDITS)}, each as "
            "soon as the last is answered: after a pause, so computed at once)",
            f"{browser['edit_felt']:.0f} ms",
            f"slowest {browser['edit_slowest']:.0f} ms; round trip alone: "
            f"{browser['edit_trip']:.0f} ms; longest main-thread task "
            f"{browser['edit_long']:.0f} ms",
        ),
        (
            f"… its share link ({browser['link_chars']:,} characters) opened in a new tab → "
            "result: longest main-thread task",
            f"{browser['link_long']:.0f} ms",
            f"tasks over 200 ms: {browser['link_tasks']}",
        ),
    ]


def imports_only(with_recomputes: bool = False) -> None:
    """Only the 10,000-deal import, in CPython and in the browser; ``with_recomputes``: the
    recomputes first (a calculator page, then the pipeline board), in the same browser."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "deals-10000.csv"
        big.write_bytes(many_deals(IMPORT_DEALS))
        cpython = import_cpython(big)
        site = Path(tmp) / "site"
        port = free_port()
        build(site, port)
        base = serve(site, port)
        live = f"{CALCULATORS} && {CALCULATORS}.firstResultAt() !== null"
        first, until = (CALC_PAGE, live) if with_recomputes else (PLAIN_PAGE, "true")
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            _, _, _, context, page = visit(p, Path(profile), base + first, until, "0")
            rows = recompute_rows(recomputes(page, base)) if with_recomputes else []
            browser = import_browser(page, base, big)
            context.close()
    print("| measure | time | transferred |")
    print("|---|---|---|")
    for name, t, b in [*rows, *import_rows(cpython, browser)]:
        print(f"| {name} | {t} | {b} |")


def start_only() -> None:
    """Only the engine's start: the first result, cold and warm, and cold under mobile
    throttling (each the median of RUNS visits), beside the floor."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        port = free_port()
        build(site, port)
        base = serve(site, port)
        live = f"{CALCULATORS} && {CALCULATORS}.firstResultAt() !== null"
        bare = (base + "assets/bench/bare.html", "window.bareDoneAt", "window.bareDoneAt")
        calc_page = (base + CALC_PAGE, live, f"{CALCULATORS}.firstResultAt()")
        with sync_playwright() as p:
            floor = floor_and_page(p, base, "assets/bench/bare.html", bare[1], bare[2])
            calc = floor_and_page(p, base, CALC_PAGE, live, calc_page[2])
            floor_slow = statistics.median(throttled(p, *bare) for _ in range(RUNS))
            calc_slow = statistics.median(throttled(p, *calc_page) for _ in range(RUNS))
    print("| measure | time | transferred (compressed, as served) |")
    print("|---|---|---|")
    for name, t, b in start_rows(floor, calc, floor_slow, calc_slow):
        print(f"| {name} | {t} | {b} |")
    print("worker start, ms:", json.dumps(calc.get("timings")))


def start_rows(
    floor: dict, calc: dict, floor_slow: float, calc_slow: float
) -> list[tuple[str, str, str]]:
    """The start's rows of the table: the floor and the calculator page, cold and warm, and
    both cold under mobile throttling."""
    return [
        (
            "Bare floor: Pyodide + `1+1`, cold",
            f"{floor['cold'] / 1000:.2f} s",
            f"{floor['cold_bytes'] / 1e6:.1f} MB",
        ),
        (
            "Bare floor, warm (second visit)",
            f"{floor['warm'] / 1000:.2f} s",
            f"{floor['warm_bytes'] / 1e6:.2f} MB",
        ),
        (
            "Calculator page → first Pyodide result, cold",
            f"{calc['cold'] / 1000:.2f} s ({calc['cold'] / floor['cold']:.2f}× floor)",
            f"{calc['cold_bytes'] / 1e6:.1f} MB",
        ),
        (
            "Calculator page → first Pyodide result, warm (a return visit: caches, offline copy)",
            f"{calc['warm'] / 1000:.2f} s ({calc['warm'] / floor['warm']:.2f}× floor)",
            f"{calc['warm_bytes'] / 1e6:.2f} MB",
        ),
        (
            "Bare floor, cold, mobile throttling (slow 4G, 4× CPU)",
            f"{floor_slow / 1000:.1f} s",
            "",
        ),
        (
            "Calculator page → first Pyodide result, cold, mobile throttling",
            f"{calc_slow / 1000:.1f} s ({calc_slow / floor_slow:.2f}× floor)",
            "",
        ),
    ]


def lighthouse_only(pages: list[str]) -> None:
    """Only Lighthouse, on the given pages (default: the six of the full run)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        port = free_port()
        build(site, port)
        base = serve(site, port)
        audits = {page: lighthouse(base + page) for page in pages or LIGHTHOUSE_PAGES}
    print_lighthouse(audits)


def print_lighthouse(audits: dict[str, dict]) -> None:
    names = [short for _, short in LIGHTHOUSE_METRICS]
    print(
        f"| Lighthouse, mobile (median of {LIGHTHOUSE_RUNS}) | performance | accessibility | "
        "best practices | " + " | ".join(names) + " |"
    )
    print("|---" * (4 + len(names)) + "|")
    for page, audit in audits.items():
        sc = audit["scores"]
        cells = [str(sc["performance"]), str(sc["accessibility"]), str(sc["best-practices"])]
        cells += [audit["metrics"][n] for n in names]
        print(f"| `{page}` | " + " | ".join(cells) + " |")


def phone_only() -> None:
    """Only the phone: actions to score the group exercise's 8 prospects from a blank start."""
    from playwright.sync_api import sync_playwright

    from ka_site.testing.phone_flow import PHONE, score_prospects

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        port = free_port()
        build(site, port)
        base = serve(site, port)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for lang in ("zh", "en"):
                context = browser.new_context(**PHONE, service_workers="block")
                page = context.new_page()
                actions = score_prospects(page, base, lang)
                rows.append((lang, actions))
                context.close()
            browser.close()
    print(
        "| group exercise, 8 prospects x 4 criteria, blank start, 375x812 touch | taps | "
        "key presses | scrolls | actions |"
    )
    print("|---|---|---|---|---|")
    for lang, a in rows:
        print(f"| {lang} | {a.taps} | {a.keys} | {a.scrolls} | {a.total} |")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        port = free_port()
        build_s = build(site, port)
        base = serve(site, port)
        live = f"{CALCULATORS} && {CALCULATORS}.firstResultAt() !== null"
        with sync_playwright() as p:
            floor = floor_and_page(
                p, base, "assets/bench/bare.html", "window.bareDoneAt", "window.bareDoneAt"
            )
            calc = floor_and_page(p, base, CALC_PAGE, live, f"{CALCULATORS}.firstResultAt()")
            with tempfile.TemporaryDirectory() as profile:
                _, _, _, context, page = visit(p, Path(profile), base + CALC_PAGE, live, "0")
                t0 = page.evaluate("performance.now()")
                link = f'.md-sidebar--primary a[href$="{SECOND_PAGE.split("/")[-2]}/"]'
                page.eval_on_selector(link, "a => a.click()")
                page.wait_for_selector(
                    '.ka-calc[data-calc="deal_heat"] .ka-calc-status[data-state="live"]'
                )
                second_ms = page.evaluate("performance.now()") - t0
                starts = page.evaluate(f"{CALCULATORS}.starts()")
                page.goto(base + CALC_PAGE)
                page.wait_for_function(f"() => ({live})")
                changes = recomputes(page, base)
                big_file = Path(tmp) / "deals-10000.csv"
                big_file.write_bytes(many_deals(IMPORT_DEALS))
                in_browser = import_browser(page, base, big_file)
                context.close()
            with tempfile.TemporaryDirectory() as profile:
                _, plain_bytes, plain_urls, context, _ = visit(
                    p, Path(profile), base + PLAIN_PAGE, "document.readyState === 'complete'", "0"
                )
                context.close()
            floor_slow = throttled(
                p, base + "assets/bench/bare.html", "window.bareDoneAt", "window.bareDoneAt"
            )
            calc_slow = throttled(p, base + CALC_PAGE, live, f"{CALCULATORS}.firstResultAt()")
        offline_bytes = offline_copy_bytes(site)
        audits = {page: lighthouse(base + page) for page in LIGHTHOUSE_PAGES}
    with tempfile.TemporaryDirectory() as tmp:
        big_file = Path(tmp) / "deals-10000.csv"
        big_file.write_bytes(many_deals(IMPORT_DEALS))
        in_cpython = import_cpython(big_file)
    pyodide_on_plain = any("/assets/pyodide/" in u for u in plain_urls)
    start = start_rows(floor, calc, floor_slow, calc_slow)
    rows = [
        ("Site build (mkdocs build, both languages)", f"{build_s:.1f} s", ""),
        *start[:4],  # cold and warm
        (
            "Second calculator page by instant navigation",
            f"{second_ms / 1000:.2f} s",
            f"Python starts: {starts}",
        ),
        *recompute_rows(changes),
        *import_rows(in_cpython, in_browser),
        (
            "Plain page (no calculator), cold",
            "",
            f"{plain_bytes / 1e6:.2f} MB, Pyodide: {'yes' if pyodide_on_plain else 'none'}",
        ),
        (
            "Offline copy, fetched by the service worker after the first page (background)",
            "",
            f"{offline_bytes / 1e6:.1f} MB",
        ),
        *start[4:],  # under mobile throttling
    ]
    print("| measure | time | transferred (compressed, as served) |")
    print("|---|---|---|")
    for name, t, b in rows:
        print(f"| {name} | {t} | {b} |")
    print()
    print_lighthouse(audits)
    print(json.dumps({"floor": floor, "calc": calc}, indent=None), file=sys.stderr)
    print("worker start, ms:", json.dumps(calc.get("timings")), file=sys.stderr)


if __name__ == "__main__":
    if "--start" in sys.argv[1:]:
        start_only()
    elif "--imports" in sys.argv[1:]:
        imports_only()
    elif "--recompute" in sys.argv[1:]:
        imports_only(with_recomputes=True)
    elif "--phone" in sys.argv[1:]:
        phone_only()
    elif "--room" in sys.argv[1:]:
        from ka_site.testing import room_bench  # room mode: 24 phones on loopback

        room_bench.main(free_port, CHROMIUM, ARGS)
    elif "--lighthouse" in sys.argv[1:]:
        lighthouse_only([a for a in sys.argv[1:] if not a.startswith("--")])
    else:
        main()
