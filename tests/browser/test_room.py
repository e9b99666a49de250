"""Room mode as a trainer and four groups use it: ``bash scripts/serve.sh --room`` on 127.0.0.1,
phones as browser contexts (375x812, touch), the trainer's laptop at 1280x720.

The server is the README's command, started here (``--data`` in a temporary folder) and stopped
and started again to prove that nothing the room received is lost. Tests never use another
address than 127.0.0.1 (``--host 127.0.0.1``). The join page's QR code is decoded from a
screenshot by Debian's ``zbarimg`` (zbar-tools), not by the code that drew it.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import openpyxl
import pytest

import calculators
from calculators.drills._drill import tally
from calculators.drills.drill_grades import DRILL as GRADES
from calculators.workshop import debrief
from harness import read_until, timer_paused
from ka_site.paths import language_prefix

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 720}}
GROUPS = ("Group 1", "第二组", "Group <b>3</b>", "Group 4")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RoomServer:
    """The room command on one port, one built site and one data folder, started and stopped."""

    def __init__(self, site: Path, data: Path) -> None:
        self.port = free_port()
        self.site = site
        self.data = data
        self.address = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen[str] | None = None
        self.printed = ""

    def start(self) -> None:
        command = ["bash", "scripts/serve.sh", "--room", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--site", str(self.site), "--data", str(self.data)]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        # the command builds the site before it serves: a one-off with its own limit, not the
        # waiting test's time; what it prints is read to the end, so a full pipe never blocks it
        with timer_paused():
            self.printed = read_until(self.process, "Ctrl+C", limit=600)

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the server this test started, only it
            self.process.wait(timeout=30)
            self.process = None

    @property
    def trainer_key(self) -> str:
        found = re.search(r"\?trainer=([\w-]+)", self.printed)
        assert found, self.printed
        return found.group(1)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    server = RoomServer(tmp_path_factory.mktemp("room-site"), tmp_path_factory.mktemp("room-data"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def decode_qr(png: Path) -> str:
    tool = shutil.which("zbarimg")
    if tool is None:
        pytest.fail("zbarimg is missing: run bash scripts/setup.sh --test (zbar-tools)")
    run = subprocess.run([tool, "--raw", "-q", str(png)], capture_output=True, text=True)
    return run.stdout.strip()


def api(room: RoomServer, path: str, body=None, trainer: bool = False, cookie: str = ""):
    """One request to the room service over HTTP: (status, parsed JSON or bytes, headers)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{room.address}room/api/{path}", data=data)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if trainer:
        request.add_header("X-KA-Trainer", room.trainer_key)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw, status, headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as error:
        raw, status, headers = error.read(), error.code, error.headers
    kind = headers.get("Content-Type", "")
    return status, (json.loads(raw) if kind.startswith("application/json") else raw), headers


def trainer_page(browser, room: RoomServer, lang: str = "en"):
    """The laptop: the join page opened once with the trainer key, as the command prints it."""
    context = browser.new_context(**LAPTOP)
    page = context.new_page()
    prefix = language_prefix(lang)
    page.goto(f"{room.address}{prefix}workshop/join/?trainer={room.trainer_key}")
    page.wait_for_selector(".ka-room-activity", timeout=30_000)
    return context, page


def activity_link(page, key: str) -> str:
    index = ["group-screening", "pipeline-board", "wall-worksheet", "questions", "grades"]
    return page.locator(".ka-room-link").nth(index.index(key)).get_attribute("href")


def score_table(page, offset: int) -> None:
    """A group scores the eight prospects on the four criteria (0, 1 or 2 points each), its own
    way: ``offset`` makes each group's table differ from the others'."""
    page.evaluate(
        """(offset) => {
          const table = '.ka-table[data-field="prospects"] tbody tr';
          const points = ["c1", "c2", "c3", "c4"]  // the exercise's four criteria
            .map((c) => `td[data-column="${c}"] input, td[data-column="${c}"] select`).join(", ");
          [...document.querySelectorAll(table)].forEach((row, r) => row.querySelectorAll(points)
            .forEach((control, c) => {
              control.value = String((r * (c + 1) + offset) % 3);
              control.dispatchEvent(new Event("input", { bubbles: true }));
              control.dispatchEvent(new Event("change", { bubbles: true }));
            }));
        }""",
        offset,
    )


def send_as(browser, link: str, group: str, requests: list[str] | None = None, offset: int = 0):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page.goto(link)
    page.wait_for_selector(
        '.ka-calc-status[data-state]:not([data-state="loading"])', timeout=60_000
    )
    score_table(page, offset)
    page.fill(".ka-room-group", group)
    page.locator(".ka-room-bar .ka-room-send").click()
    done = '.ka-room-bar .ka-room-note[data-state]:not([data-state="sending"])'
    page.wait_for_selector(done, timeout=30_000)
    return context, page


def test_room_mode_prints_the_address_it_answers_on(room):
    assert room.address in room.printed and f"{room.address}workshop/join/" in room.printed
    with urllib.request.urlopen(room.address, timeout=30) as response:
        assert response.status == 200


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_join_page_shows_a_qr_code_that_decodes_to_the_served_address(browser, room, lang):
    expected = room.address + language_prefix(lang)
    context = browser.new_context(**LAPTOP)
    page = context.new_page()
    try:
        page.goto(f"{expected}workshop/join/")
        shown = page.locator(".ka-join-address")
        assert shown.inner_text().strip() == expected
        assert float(shown.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 36
        box = page.locator(".ka-join-qr").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 720, "the code is above the fold"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"room-join-{lang}.png"))
        code = ARTIFACTS / f"room-join-qr-{lang}.png"
        page.locator(".ka-join-qr").screenshot(path=str(code))
        assert decode_qr(code) == expected
        assert page.locator(".ka-room-activity").count() == 0, "no codes without the trainer key"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_trainers_join_page_lists_each_activity_with_a_code_that_opens_it(browser, room, lang):
    context, page = trainer_page(browser, room, lang)
    try:
        assert "trainer=" not in page.url, "the key leaves the address bar"
        assert page.locator(".ka-room-activity").count() == 7
        # every code sits in its card the same way, a drill's (with its quiz controls) too
        offsets = page.eval_on_selector_all(
            ".ka-room-activity",
            """cards => cards.map(c => Math.round(
                 c.querySelector('svg').getBoundingClientRect().left
                 - c.getBoundingClientRect().left))""",
        )
        assert len(set(offsets)) == 1, offsets
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"room-console-{lang}.png"), full_page=True)
        link = activity_link(page, "group-screening")
        code = ARTIFACTS / f"room-activity-qr-{lang}.png"
        page.locator(".ka-room-qr svg").first.screenshot(path=str(code))
        assert decode_qr(code) == link
        prefix = language_prefix(lang)
        assert link.startswith(f"{room.address}{prefix}workshop/group-screening/?room=")
        assert "start=blank" in link and link.endswith("#ka-screening-title")
        # the large code on the trainer's (projected) page joins the room too
        page.wait_for_selector(".ka-join-code[data-joins] svg")
        page.evaluate("() => window.scrollTo(0, 0)")  # clear of the page's sticky header
        large = ARTIFACTS / f"room-join-qr-trainer-{lang}.png"
        page.locator(".ka-join-code svg").screenshot(path=str(large))
        join_code = link.split("?room=")[1].split("&")[0]
        assert decode_qr(large) == f"{room.address}{prefix}?room={join_code}"
    finally:
        context.close()


def test_four_groups_send_from_their_phones_and_the_debrief_fills_itself(browser, room):
    api(room, "clear", {}, trainer=True)
    context, trainer = trainer_page(browser, room)
    phones = []
    phone_requests: list[str] = []
    try:
        link = activity_link(trainer, "group-screening")
        for number, group in enumerate(GROUPS):
            phones.append(send_as(browser, link, group, phone_requests, offset=number))
        for _, page in phones:
            note = page.locator(".ka-room-bar .ka-room-note").inner_text()
            assert "Sent to the trainer" in note, note
        assert not [u for u in phone_requests if "/assets/pyodide/" in u], "no runtime on phones"
        trainer.goto(f"{room.address}workshop/debrief/")
        trainer.wait_for_function(
            "() => document.querySelector('.ka-room-feed')?.textContent.includes('(4 so far)')",
            timeout=30_000,
        )
        # live for the four groups, not for the rows before the last one came in
        trainer.wait_for_function(
            """(groups) => document.querySelector('.ka-calc-status').dataset.state === 'live'
                 && groups.every((g) => document.querySelector('.ka-calc-result')
                   .textContent.includes(g))""",
            arg=list(GROUPS),
            timeout=60_000,
        )
        names = trainer.eval_on_selector_all(
            '.ka-table[data-field="groups"] tbody tr td[data-column="group"] input',
            "els => els.map(e => e.value)",
        )
        assert names == list(GROUPS)
        assert trainer.locator("b").filter(has_text="3").count() == 0, "a name is shown as text"
        links = trainer.eval_on_selector_all(
            '.ka-table[data-field="groups"] tbody tr td[data-column="link"] input',
            "els => els.map(e => e.value)",
        )
        expected = calculators.score(
            "debrief",
            {"groups": [{"group": g, "link": k} for g, k in zip(GROUPS, links, strict=True)]},
        )
        verdict = trainer.locator(".ka-calc-result").inner_text()
        assert expected["verdict"]["label"]["en"] in verdict
        ARTIFACTS.mkdir(exist_ok=True)
        trainer.locator(".ka-calc").screenshot(path=str(ARTIFACTS / "room-debrief-en.png"))
        phones[0][1].screenshot(path=str(ARTIFACTS / "room-phone-sent-en.png"))
        # the light room: what the laptop computed for a phone is what CPython gives
        phone = phones[0][1]
        sent = debrief.read_link(0, links[0])
        root = phone.locator(".ka-calc").get_attribute("data-root") or ""
        answer = json.loads(calculators.score_json("screening", json.dumps(sent), "en", root))
        same = phone.evaluate(
            """(html) => { const box = document.createElement("div"); box.innerHTML = html;
                 return box.innerHTML === document.querySelector(".ka-calc-result").innerHTML; }""",
            answer["html"],
        )
        assert same, "the phone shows the laptop's CPython result"
        trainer.goto(f"{room.address}zh/workshop/debrief/")
        trainer.wait_for_function(
            "() => document.querySelector('.ka-room-feed')?.textContent.includes('4 个小组')",
            timeout=30_000,
        )
        trainer.wait_for_selector('.ka-calc-status[data-state="live"]', timeout=60_000)
        trainer.locator(".ka-calc").screenshot(path=str(ARTIFACTS / "room-debrief-zh.png"))
    finally:
        for phone_context, _ in phones:
            phone_context.close()
        context.close()


def test_a_link_the_trainer_pastes_stays_beside_the_groups_that_sent(browser, room):
    """A group without the room (a phone off the Wi-Fi) sends its share link by chat: the trainer
    pastes it into the debrief, and the next group's send keeps it beside the room's groups."""
    api(room, "clear", {}, trainer=True)
    context, trainer = trainer_page(browser, room)
    groups = '.ka-table[data-field="groups"]'
    try:
        link = activity_link(trainer, "group-screening")
        phone, _ = send_as(browser, link, "Group 1")
        phone.close()
        trainer.goto(f"{room.address}workshop/debrief/")
        trainer.wait_for_function(
            "() => document.querySelector('.ka-room-feed')?.textContent.includes('(1 so far)')",
            timeout=30_000,
        )
        first = f'{groups} tbody tr[data-row] td[data-column="group"] input'
        trainer.wait_for_function(
            "(sel) => document.querySelector(sel)?.value === 'Group 1'", arg=first, timeout=30_000
        )
        pasted = debrief.share_link(calculators.calculator("screening").defaults("en"))
        trainer.click(f"{groups} .ka-add-row")
        row = f"{groups} tbody tr[data-row]:last-child"
        trainer.fill(f'{row} td[data-column="group"] input', "Paper group")
        trainer.fill(f'{row} td[data-column="link"] input', pasted)
        # the next group sends from its phone (straight to the room, as its page does)
        code = re.search(r"room=([\w-]+)", link).group(1)
        _, _, headers = api(room, "join", {"code": code})
        cookie = headers["Set-Cookie"].split(";")[0]
        inputs = calculators.calculator("screening").defaults("en")
        body = {"activity": "group-screening", "group": "Group 2", "inputs": inputs}
        assert api(room, "send", body, cookie=cookie)[0] == 200
        trainer.wait_for_function(
            "() => document.querySelector('.ka-room-feed')?.textContent.includes('(2 so far)')",
            timeout=30_000,
        )
        trainer.wait_for_function(
            """() => document.querySelector('.ka-calc-status').dataset.state === 'live'
                 && document.querySelector('.ka-calc-result').textContent.includes('Paper group')
                 && document.querySelector('.ka-calc-result').textContent.includes('Group 2')""",
            timeout=60_000,
        )
        names = trainer.eval_on_selector_all(
            f'{groups} tbody tr td[data-column="group"] input', "els => els.map(e => e.value)"
        )
        assert names == ["Group 1", "Group 2", "Paper group"]
        links = trainer.eval_on_selector_all(
            f'{groups} tbody tr td[data-column="link"] input', "els => els.map(e => e.value)"
        )
        assert links[2] == pasted
    finally:
        context.close()


def test_two_phones_under_one_group_name_are_told_and_choose(browser, room):
    api(room, "clear", {}, trainer=True)
    context, trainer = trainer_page(browser, room, "zh")
    try:
        link = activity_link(trainer, "group-screening")
        first, _ = send_as(browser, link, "第五组")
        second, page = send_as(browser, link, "第五组")
        note = page.locator(".ka-room-bar .ka-room-note")
        assert "第五组" in note.inner_text() and "替换" in note.inner_text()
        page.get_by_role("button", name="替换他们的表").click()
        page.wait_for_selector('.ka-room-bar .ka-room-note[data-state="sent"]', timeout=30_000)
        assert "已于" in note.inner_text()
        first.close()
        second.close()
    finally:
        context.close()


def test_a_phone_is_asked_its_groups_name_once_and_remembers_it(browser, room):
    """A group types its name on the first activity; the next activity's field, labelled
    "小组" / "Group", already holds it."""
    links = {}
    for lang in ("zh", "en"):
        context, trainer = trainer_page(browser, room, lang)
        links[lang] = (
            activity_link(trainer, "group-screening"),
            activity_link(trainer, "wall-worksheet"),
        )
        context.close()
    phone, page = send_as(browser, links["zh"][0], "第六组")
    try:
        for lang, label in (("zh", "小组"), ("en", "Group")):
            page.goto(links[lang][1])  # the wall worksheet: another activity, another page
            field = page.locator(".ka-room-bar .ka-room-group")
            field.wait_for(timeout=60_000)
            assert field.evaluate("f => f.labels[0].textContent") == label
            assert field.input_value() == "第六组"
    finally:
        phone.close()


def test_after_a_restart_every_group_is_still_there(browser, room):
    api(room, "clear", {}, trainer=True)
    context, trainer = trainer_page(browser, room)
    link = activity_link(trainer, "group-screening")
    context.close()
    for group in GROUPS:
        phone, _ = send_as(browser, link, group)
        phone.close()
    room.stop()
    room.start()
    assert "not built again" in room.printed, "a restart serves the site it built, at once"
    status, answer, _ = api(room, "entries?activity=group-screening", trainer=True)
    assert status == 200 and [e["group"] for e in answer["entries"]] == list(GROUPS)
    context, trainer = trainer_page(browser, room)
    try:
        assert activity_link(trainer, "group-screening") == link, "phones need not scan again"
    finally:
        context.close()


def test_a_live_quiz_answered_by_four_phones_shows_the_drills_counts(browser, room):
    api(room, "clear", {}, trainer=True)
    context, trainer = trainer_page(browser, room)
    phones = []
    try:
        link = activity_link(trainer, "grades")
        card = trainer.locator(".ka-room-activity").nth(4)
        card.get_by_role("button").click()
        trainer.wait_for_selector(
            ".ka-room-board-table, .ka-room-board .ka-room-none", timeout=30_000
        )
        # the projector goes from the button, far down the page, to the board at its top
        trainer.wait_for_function(
            """() => { const h = document.querySelector('.ka-room-board .ka-room-heading');
                   const box = h?.getBoundingClientRect();
                   return Boolean(box) && box.top >= 0 && box.bottom <= innerHeight; }""",
            timeout=30_000,
        )
        choices = [[item.choices[0].value, item.choices[1].value] for item in GRADES.items[:3]]
        chosen = []
        for number in range(4):
            phone = browser.new_context(**PHONE)
            page = phone.new_page()
            page.goto(link)
            page.wait_for_selector(".ka-room-quiz:not([hidden])", timeout=60_000)
            answers = {}
            for index in range(3):
                value = choices[index][(number + index) % 2]
                key = GRADES.items[index].key  # a phone answers by tapping one of the grades
                page.locator(f'.ka-field[data-field="{key}"] .ka-tap[data-value="{value}"]').tap()
                answers[key] = value
            page.wait_for_function(
                "() => document.querySelector('.ka-room-quiz').textContent"
                ".includes('Answers sent: 3')",
                timeout=30_000,
            )
            chosen.append(answers)
            phones.append(phone)
        expected = [c for c in tally(GRADES, chosen) if c.answered]
        trainer.wait_for_function(
            "() => document.querySelector('.ka-room-board-state')?.textContent"
            ".includes('4 answering')",
            timeout=30_000,
        )
        rows = trainer.eval_on_selector_all(
            ".ka-room-board-table tbody tr",
            "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))",
        )
        shown = [(int(r[0]), int(r[2]), r[3]) for r in rows if r[2] != "0"]
        assert shown == [
            (c.item.number, c.answered, f"{round(c.share_right or 0)}%") for c in expected
        ]
        ARTIFACTS.mkdir(exist_ok=True)
        trainer.screenshot(path=str(ARTIFACTS / "room-quiz-board-en.png"))
        trainer.goto(f"{room.address}zh/workshop/join/")
        trainer.wait_for_selector(".ka-room-board-table", timeout=30_000)
        assert "4 人在答" in trainer.locator(".ka-room-board-state").inner_text()
        trainer.screenshot(path=str(ARTIFACTS / "room-quiz-board-zh.png"))
        phones[0].pages[0].screenshot(path=str(ARTIFACTS / "room-phone-quiz-en.png"))
    finally:
        for phone in phones:
            phone.close()
        context.close()


def test_the_export_opens_with_openpyxl_and_holds_every_group(browser, room):
    api(room, "clear", {}, trainer=True)
    context, trainer = trainer_page(browser, room, "zh")
    try:
        link = activity_link(trainer, "group-screening")
        for group in GROUPS[:2]:
            phone, _ = send_as(browser, link, group)
            phone.close()
        with trainer.expect_download(timeout=30_000) as download:
            trainer.get_by_role("button", name="导出课堂记录（Excel）").click()
        book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        first = book[book.sheetnames[0]]
        assert {r[0] for r in first.iter_rows(min_row=2, values_only=True)} == set(GROUPS[:2])
        assert any(name.startswith("小组对比") for name in book.sheetnames)
    finally:
        context.close()


def test_requests_without_the_rooms_credentials_are_refused(room):
    status, answer, _ = api(
        room, "send", {"activity": "group-screening", "group": "G", "inputs": {}}
    )
    assert status == 403 and answer["code"] == "not_joined"
    status, answer, _ = api(room, "quiz/start", {"activity": "grades"})
    assert status == 403 and answer["code"] == "not_trainer"
    status, answer, _ = api(room, "join", {"code": "not-the-code"})
    assert status == 403 and answer["code"] == "wrong_code"


def test_twenty_four_phones_sending_at_once_lose_nothing(room):
    api(room, "clear", {}, trainer=True)
    _, found, _ = api(room, "activities?lang=en", trainer=True)
    code = re.search(r"room=([\w-]+)", found["activities"][0]["url"]).group(1)
    inputs = calculators.calculator("screening").defaults("en")
    cookies = []
    for _ in range(24):
        _, _, headers = api(room, "join", {"code": code})
        cookies.append(headers["Set-Cookie"].split(";")[0])
    results: list[int] = []

    def send(number: int) -> None:
        body = {"activity": "group-screening", "group": f"Group {number}", "inputs": inputs}
        results.append(api(room, "send", body, cookie=cookies[number])[0])

    threads = [threading.Thread(target=send, args=(n,)) for n in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == [200] * 24
    _, answer, _ = api(room, "entries?activity=group-screening", trainer=True)
    assert sorted(e["group"] for e in answer["entries"]) == sorted(f"Group {n}" for n in range(24))
