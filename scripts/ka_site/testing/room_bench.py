"""Room mode measured on loopback (``scripts/bench.py --room``): what 24 phones cost the room.

Printed as one table, measured in one run, beside the same page on the site as any static host
serves it (where a phone's own Pyodide computes):

* the bytes a phone fetches before its first result on the group exercise, in room mode and on
  the plain site (the offline copy, fetched later on the plain site only, not counted), and the
  same for 24 phones;
* 24 phones sending their tables at once, ``RUNS`` times: each send's round trip, and the time
  until the trainer's room feed (what the debrief reads) lists all 24 (median and 95th
  percentile of the runs);
* the debrief page on the trainer's laptop filled by 12 groups (its limit) sending at once,
  ``RUNS`` times on the same page: until it shows their comparison (median and 95th percentile);
* 200 concurrent requests to the room (the laptop's Python scoring a phone's table): how many
  were answered, and their latency.

Everything runs on 127.0.0.1: the room command's own server (WhiteNoise, Waitress, SQLite).
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ka_site.commands import serve as serve_command
from ka_site.commands.room.api import RoomApi, room_app
from ka_site.commands.room.store import RoomStore

PHONES = 24
DEBRIEF_GROUPS = 12
#: How many times the room's sends are measured, for a median and a 95th percentile of each
RUNS = 10
CONCURRENT = 200
PAGE = "workshop/group-screening/"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
COMPUTED = "document.querySelector('.ka-calc[data-calc=\"screening\"]')?.dataset.computed"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _post(url: str, body: Any, cookie: str = "", key: str = "") -> tuple[int, Any, str]:
    request = urllib.request.Request(url, data=json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", cookie)
    if key:
        request.add_header("X-KA-Trainer", key)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read()), response.headers["Set-Cookie"]
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), ""


def _get(url: str, key: str) -> Any:
    request = urllib.request.Request(url, headers={"X-KA-Trainer": key})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def _serve(site: Path, port: int, api: RoomApi | None) -> None:
    fallback = (lambda not_found: room_app(api, not_found)) if api else None
    server = serve_command.make_server(site, "127.0.0.1", port, fallback)
    threading.Thread(target=server.run, daemon=True).start()


def phone_bytes(browser: Any, url: str) -> int:
    """Bytes (headers and bodies, as transferred) a phone fetched until its first result."""
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_function(f"() => Boolean({COMPUTED})", timeout=600_000)
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return total


def join_phones(base: str, code: str, count: int) -> list[str]:
    return [_post(f"{base}room/api/join", {"code": code})[2].split(";")[0] for _ in range(count)]


def send_all(base: str, key: str, cookies: list[str], inputs: dict[str, Any]) -> dict[str, Any]:
    """Every phone sends at once; a trainer's feed is read until it lists them all."""
    api = f"{base}room/api/"
    _post(f"{api}clear", {}, key=key)
    started = time.perf_counter()
    round_trips: list[float] = []
    statuses: list[int] = []

    def send(number: int) -> None:
        body = {"activity": "group-screening", "group": f"Group {number + 1}", "inputs": inputs}
        t0 = time.perf_counter()
        statuses.append(_post(f"{api}send", body, cookie=cookies[number])[0])
        round_trips.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(cookies))]
    for thread in threads:
        thread.start()
    listed = 0
    while listed < len(cookies) and time.perf_counter() - started < 120:
        listed = len(_get(f"{api}entries?activity=group-screening", key)["entries"])
        time.sleep(0.01)  # the trainer's feed, read as fast as a page would
    all_listed = time.perf_counter() - started
    for thread in threads:
        thread.join(timeout=120)
    return {"ok": statuses.count(200), "round_trips": round_trips, "all_listed": all_listed}


def sends_repeated(
    base: str, key: str, cookies: list[str], inputs: dict[str, Any], runs: int = RUNS
) -> dict[str, Any]:
    """:func:`send_all` ``runs`` times: every round trip, and each run's time to list them all."""
    found = [send_all(base, key, cookies, inputs) for _ in range(runs)]
    trips = [trip for run in found for trip in run["round_trips"]]
    listed = [run["all_listed"] for run in found]
    return {
        "ok": sum(run["ok"] for run in found),
        "sent": len(trips),
        "median": statistics.median(trips),
        "p95": _pct(trips, 0.95),
        "listed_median": statistics.median(listed),
        "listed_p95": _pct(listed, 0.95),
    }


def debrief_filled(
    browser: Any, base: str, key: str, cookies: list[str], inputs: Any, runs: int = RUNS
) -> list[float]:
    """Seconds from the groups' sends to the trainer's debrief page showing their comparison,
    ``runs`` times on the same page (the room cleared in between, as a new exercise)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{base}workshop/join/?trainer={key}")
    page.wait_for_selector(".ka-room-activity", timeout=120_000)
    page.goto(f"{base}workshop/debrief/")
    page.wait_for_selector(".ka-room-feed", timeout=120_000)
    all_in = (
        "(n) => document.querySelector('.ka-room-feed').textContent.includes(`(${n} so far)`)"
        " && document.querySelector('.ka-calc-status').dataset.state === 'live'"
    )
    times = []
    for _ in range(runs):
        _post(f"{base}room/api/clear", {}, key=key)
        # the page has seen the room emptied before the groups send again
        page.wait_for_function(f"(n) => !({all_in})(n)", arg=len(cookies), timeout=120_000)
        started = time.perf_counter()
        send_all(base, key, cookies, inputs)
        page.wait_for_function(all_in, arg=len(cookies), timeout=120_000)
        times.append(time.perf_counter() - started)
    context.close()
    return times


def concurrent_engine(base: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """``CONCURRENT`` phones ask the laptop to score a table at the same moment."""
    body = {"name": "score_json", "args": ["screening", json.dumps(inputs), "en", "../../"]}

    def one(_: int) -> tuple[int, float]:
        t0 = time.perf_counter()
        status = _post(f"{base}room/api/engine", body)[0]
        return status, time.perf_counter() - t0

    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        results = list(pool.map(one, range(CONCURRENT)))
    latencies = [seconds for _, seconds in results]
    return {
        "ok": sum(1 for status, _ in results if status == 200),
        "median": statistics.median(latencies),
        "p95": _pct(latencies, 0.95),
    }


def main(free_port: Any, chromium: str, args: list[str]) -> None:
    """Build both sites, serve them on loopback and print the room's table."""
    from playwright.sync_api import sync_playwright

    import calculators

    with tempfile.TemporaryDirectory() as tmp:
        plain_port, room_port = free_port(), free_port()
        plain, room = Path(tmp) / "plain", Path(tmp) / "room"
        serve_command.build(plain, f"http://127.0.0.1:{plain_port}/")
        serve_command.build(room, f"http://127.0.0.1:{room_port}/", room=True)
        store = RoomStore(Path(tmp) / "data")
        _serve(plain, plain_port, None)
        _serve(room, room_port, RoomApi(store, f"http://127.0.0.1:{room_port}/", "127.0.0.1"))
        plain_base, room_base = f"http://127.0.0.1:{plain_port}/", f"http://127.0.0.1:{room_port}/"
        inputs = calculators.calculator("screening").defaults("en")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args, headless=True)
            plain_bytes = phone_bytes(browser, plain_base + PAGE)
            room_bytes = phone_bytes(browser, room_base + PAGE)
            links = _get(f"{room_base}room/api/activities?lang=en", store.trainer_key)
            found = re.search(r"room=([\w-]+)", links["activities"][0]["url"])
            assert found
            cookies = join_phones(room_base, found.group(1), PHONES)
            sends = sends_repeated(room_base, store.trainer_key, cookies, inputs)
            debrief = debrief_filled(
                browser, room_base, store.trainer_key, cookies[:DEBRIEF_GROUPS], inputs
            )
            browser.close()
        engine = concurrent_engine(room_base, inputs)

    mb = 1024 * 1024
    rows = [
        (
            "A phone's bytes before its first result (group exercise)",
            f"{room_bytes / mb:.2f} MB",
            f"{plain_bytes / mb:.2f} MB",
        ),
        (
            f"{PHONES} phones together",
            f"{PHONES * room_bytes / mb:.1f} MB",
            f"{PHONES * plain_bytes / mb:.1f} MB (+ each phone's offline copy)",
        ),
        (
            f"{PHONES} phones send at once ({RUNS} times): round trip, median / 95th percentile",
            f"{sends['median'] * 1000:.0f} / {sends['p95'] * 1000:.0f} ms "
            f"({sends['ok']}/{sends['sent']} kept)",
            "— (share links pasted by hand)",
        ),
        (
            f"… until the trainer's room feed lists all {PHONES}: median / 95th percentile",
            f"{sends['listed_median'] * 1000:.0f} / {sends['listed_p95'] * 1000:.0f} ms",
            "—",
        ),
        (
            f"{DEBRIEF_GROUPS} groups send → the debrief page shows their comparison "
            f"({RUNS} times): median / 95th percentile",
            f"{statistics.median(debrief):.1f} / {_pct(debrief, 0.95):.1f} s",
            "—",
        ),
        (
            f"{CONCURRENT} concurrent room requests (scoring): answered, median / p95",
            f"{engine['ok']}/{CONCURRENT}, {engine['median'] * 1000:.0f} / "
            f"{engine['p95'] * 1000:.0f} ms",
            "—",
        ),
    ]
    print("| room mode, on 127.0.0.1 | room mode | plain site (the phone's own Pyodide) |")
    print("|---|---|---|")
    for name, room_value, plain_value in rows:
        print(f"| {name} | {room_value} | {plain_value} |")
