"""The room service as groups and the trainer use it, called as WSGI (no server, no browser).

The same app runs under Waitress in ``bash scripts/serve.sh --room``; tests/browser/test_room.py
drives it through real phones' pages and restarts the real server.
"""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from answers import comparable

import calculators
from calculators.drills._drill import answer_key, tally
from calculators.drills.drill_grades import DRILL as GRADES
from calculators.workshop import debrief
from ka_site.build.room import activities
from ka_site.commands import serve
from ka_site.commands.room.api import PREFIX, RoomApi, room_app
from ka_site.commands.room.limits import RateLimits
from ka_site.commands.room.store import RoomStore

SITE = "http://192.168.1.20:8000/"


class Phone:
    """One browser of the room: its address and the cookie the room gave it."""

    def __init__(self, app: Any, address: str, trainer_key: str | None = None) -> None:
        self.app = app
        self.address = address
        self.cookie = ""
        self.trainer_key = trainer_key

    def call(
        self, method: str, path: str, body: Any = None, raw: bytes | None = None, **extra: str
    ) -> tuple[int, dict[str, str], bytes]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": PREFIX + path,
            "QUERY_STRING": query,
            "REMOTE_ADDR": self.address,
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(data)),
            "wsgi.input": io.BytesIO(data),
            "HTTP_COOKIE": self.cookie,
            **extra,
        }
        if self.trainer_key:
            environ["HTTP_X_KA_TRAINER"] = self.trainer_key
        seen: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info=None) -> None:
            seen["status"] = int(status.split()[0])
            seen["headers"] = dict(headers)

        body_out = b"".join(self.app(environ, start_response))
        cookie = seen["headers"].get("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        return seen["status"], seen["headers"], body_out

    def json(self, method: str, path: str, body: Any = None, **extra: str) -> tuple[int, Any]:
        status, _, data = self.call(method, path, body, **extra)
        return status, json.loads(data)


@pytest.fixture
def room(tmp_path):
    store = RoomStore(tmp_path / "room")
    api = RoomApi(store, SITE, "192.168.1.20")

    def not_found(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"site 404"]

    return store, room_app(api, not_found)


def joined_phone(room, address: str) -> Phone:
    store, app = room
    phone = Phone(app, address)
    status, answer = phone.json("POST", "join", {"code": store.join_code})
    assert status == 200 and answer["joined"], answer
    return phone


def screening_table(points: int) -> dict[str, Any]:
    """The group exercise's worked example with every criterion of the first prospect at
    ``points``: a different table per group."""
    inputs = calculators.calculator("screening").defaults("en")
    first = dict(inputs["prospects"][0])
    for key in [k for k in first if k.startswith("c") and k[1:].isdigit()]:
        if first[key] is not None:
            first[key] = points
    inputs["prospects"] = [first, *inputs["prospects"][1:]]
    return inputs


def test_outside_the_api_the_site_answers_as_before(room):
    _, app = room
    seen = {}
    body = app(
        {"PATH_INFO": "/nowhere/", "REQUEST_METHOD": "GET"},
        lambda status, headers: seen.update(status=status),
    )
    assert seen["status"].startswith("404") and b"".join(body) == b"site 404"


def test_outside_room_mode_the_api_is_no_address_of_the_site(tmp_path):
    """``bash scripts/serve.sh`` without ``--room``: nothing answers under /room/api/ but the
    site's own "page not found"; no phone can join or send."""
    (tmp_path / "404.html").write_text("<html><h1>Page not found</h1></html>", "utf-8")
    phone = Phone(serve.application(tmp_path), "192.168.1.101")
    for method, path, body in [
        ("GET", "hello", None),
        ("POST", "join", {"code": "anything"}),
        ("POST", "send", {"activity": "group-screening", "group": "G", "inputs": {}}),
        ("POST", "engine", {"name": "score_json", "args": ["screening", "{}", "en", ""]}),
    ]:
        status, headers, data = phone.call(method, path, body)
        assert status == 404 and b"Page not found" in data, path
        assert "Set-Cookie" not in headers


def test_a_phone_that_has_not_joined_cannot_send(room):
    _, app = room
    stranger = Phone(app, "192.168.1.50")
    status, answer = stranger.json(
        "POST", "send", {"activity": "group-screening", "group": "G", "inputs": {}}
    )
    assert status == 403 and answer["code"] == "not_joined"
    assert "扫描" in answer["message"]["zh"] and "scan" in answer["message"]["en"]


def test_the_wrong_join_code_is_refused(room):
    _, app = room
    status, answer = Phone(app, "192.168.1.51").json("POST", "join", {"code": "guess"})
    assert status == 403 and answer["code"] == "wrong_code"


def test_four_groups_send_and_the_debrief_reads_their_tables(room):
    _store, app = room
    trainer = Phone(app, "192.168.1.20")  # the laptop itself
    for number in range(1, 5):
        phone = joined_phone(room, f"192.168.1.{100 + number}")
        inputs = screening_table(number % 3)
        status, answer = phone.json(
            "POST",
            "send",
            {"activity": "group-screening", "group": f"Group {number}", "inputs": inputs},
        )
        assert status == 200, answer
    status, answer = trainer.json("GET", "entries?activity=group-screening")
    assert status == 200
    assert [e["group"] for e in answer["entries"]] == [f"Group {n}" for n in range(1, 5)]
    groups = [{"group": e["group"], "link": e["link"]} for e in answer["entries"]]
    compared = calculators.score("debrief", {"groups": groups})
    assert compared["verdict"]["key"]
    first = debrief.read_link(0, answer["entries"][0]["link"])
    assert first == screening_table(1)


def test_sending_again_replaces_the_groups_entry(room):
    phone = joined_phone(room, "192.168.1.101")
    for points in (0, 2):
        body = {"activity": "group-screening", "group": "第三组", "inputs": screening_table(points)}
        assert phone.json("POST", "send", body)[0] == 200
    store, _ = room
    entries = store.entries("group-screening")
    assert len(entries) == 1 and entries[0].inputs == screening_table(2)


def test_two_phones_under_one_group_name_are_told_and_choose(room):
    first = joined_phone(room, "192.168.1.101")
    second = joined_phone(room, "192.168.1.102")
    body = {"activity": "group-screening", "group": "Group 3", "inputs": screening_table(1)}
    assert first.json("POST", "send", body)[0] == 200
    status, answer = second.json("POST", "send", {**body, "group": " group  3 "})
    assert status == 409 and answer["code"] == "group_taken"
    assert "Group 3" in answer["message"]["en"] and "Group 3" in answer["message"]["zh"]
    status, _ = second.json("POST", "send", {**body, "group": "group 3", "replace": True})
    assert status == 200
    store, _ = room
    assert [e.group for e in store.entries("group-screening")] == ["group 3"]


def test_a_table_with_problems_is_refused_with_the_engines_message_and_changes_nothing(room):
    phone = joined_phone(room, "192.168.1.101")
    inputs = screening_table(1)
    inputs["prospects"][0]["c1"] = 7  # points are 0, 1 or 2
    status, answer = phone.json(
        "POST", "send", {"activity": "group-screening", "group": "G", "inputs": inputs}
    )
    assert status == 422 and answer["error"]["problems"]
    store, _ = room
    assert store.entries() == []


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"activity": "group-screening", "group": "G"},
        {"activity": "nowhere", "group": "G", "inputs": {}},
        {"activity": "questions", "group": "G", "inputs": {}},  # a quiz is answered, not sent
        {"activity": "group-screening", "group": "", "inputs": {}},
        {"activity": "group-screening", "group": "x" * 41, "inputs": {}},
        {"activity": "group-screening", "group": "G\u0000", "inputs": {}},
    ],
)
def test_a_malformed_submission_gets_a_clear_message_and_changes_nothing(room, body):
    phone = joined_phone(room, "192.168.1.101")
    status, answer = phone.json("POST", "send", body)
    assert 400 <= status < 500 and answer["message"]["en"] and answer["message"]["zh"]
    store, _ = room
    assert store.entries() == []


def test_an_oversized_body_is_refused_before_it_is_read(room):
    phone = joined_phone(room, "192.168.1.101")

    class Unread(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

    status, _headers, data = phone.call(
        "POST",
        "send",
        raw=b"",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": Unread()},
    )
    assert status == 413 and json.loads(data)["code"] == "too_large"


def test_deeply_nested_json_is_refused_before_it_is_parsed(room):
    phone = joined_phone(room, "192.168.1.101")
    status, _, data = phone.call("POST", "send", raw=b"[" * 5000 + b"]" * 5000)
    assert status == 400 and json.loads(data)["code"] == "malformed"


def test_a_body_that_is_not_json_is_refused(room):
    phone = joined_phone(room, "192.168.1.101")
    status, _, data = phone.call("POST", "send", raw=b"group=G", CONTENT_TYPE="text/plain")
    assert status == 415 and json.loads(data)["code"] == "not_json"


def test_a_flood_from_one_phone_is_slowed_down_not_served(room):
    phone = joined_phone(room, "192.168.1.101")
    body = {"activity": "group-screening", "group": "G", "inputs": screening_table(1)}
    statuses = [phone.call("POST", "send", body)[0] for _ in range(40)]
    assert 429 in statuses and statuses[0] == 200
    status, headers, _ = phone.call("POST", "send", body)
    assert status == 429 and int(headers["Retry-After"]) >= 1


@pytest.mark.parametrize("path", ["activities", "entries?activity=group-screening", "export"])
def test_only_the_trainer_sees_the_rooms_codes_tables_and_export(room, path):
    phone = joined_phone(room, "192.168.1.101")
    status, answer = phone.json("GET", path)
    assert status == 403 and answer["code"] == "not_trainer"


def test_only_the_trainer_starts_a_quiz_or_clears_the_room(room):
    phone = joined_phone(room, "192.168.1.101")
    assert phone.json("POST", "quiz/start", {"activity": "grades"})[1]["code"] == "not_trainer"
    assert phone.json("POST", "clear", {})[1]["code"] == "not_trainer"


def test_the_trainer_key_works_from_any_address_and_the_laptop_needs_none(room):
    store, app = room
    assert Phone(app, "192.168.1.77", store.trainer_key).json("GET", "activities")[0] == 200
    assert Phone(app, "192.168.1.20").json("GET", "activities")[0] == 200
    assert Phone(app, "192.168.1.77", "wrong").json("GET", "activities")[0] == 403


def test_on_loopback_every_client_is_local_so_only_the_key_makes_a_trainer(tmp_path):
    store = RoomStore(tmp_path / "room")
    app = RoomApi(store, "http://127.0.0.1:8000/", "127.0.0.1")
    assert Phone(app, "127.0.0.1").json("GET", "activities")[0] == 403
    assert Phone(app, "127.0.0.1", store.trainer_key).json("GET", "activities")[0] == 200


def test_each_activity_link_opens_its_tool_and_carries_the_join_code(room):
    store, app = room
    status, answer = Phone(app, "192.168.1.20").json("GET", "activities?lang=zh")
    assert status == 200
    links = {a["key"]: a for a in answer["activities"]}
    assert set(links) == set(activities.BY_KEY)
    screening = links["group-screening"]
    assert screening["url"] == (
        f"{SITE}zh/workshop/group-screening/?room={store.join_code}&start=blank#ka-screening-title"
    )
    assert screening["qr"].startswith("<svg") and screening["label"] == "小组练习：筛选客户"
    # an exercise starts blank; the pipeline board has nothing the group gives: its deals are
    # the case the room reads, so its link opens the worked example and asks for no blank start
    assert links["wall-worksheet"]["url"].endswith("&start=blank#ka-wall-title")
    assert links["questions"]["url"].endswith("&start=blank#ka-drill_questions-title")
    assert links["pipeline-board"]["url"] == (
        f"{SITE}zh/workshop/pipeline-board/?room={store.join_code}#ka-pipeline-title"
    )


def test_the_engine_answers_a_phone_as_its_own_pyodide_would(room):
    _, app = room
    inputs = json.dumps(screening_table(2))
    status, _, data = Phone(app, "192.168.1.101").call(
        "POST", "engine", {"name": "score_json", "args": ["screening", inputs, "zh", "../../"]}
    )
    assert status == 200
    assert comparable(json.loads(data)) == comparable(
        json.loads(calculators.score_json("screening", inputs, "zh", "../../"))
    )


def test_the_engine_takes_only_the_pages_entry_points(room):
    _, app = room
    phone = Phone(app, "192.168.1.101")
    status, answer = phone.json("POST", "engine", {"name": "read_json", "args": ["1"]})
    assert status == 400 and answer["code"] == "malformed"


def test_a_quiz_counts_four_phones_as_the_drill_scores_them(room):
    _store, app = room
    trainer = Phone(app, "192.168.1.20")
    status, answer = trainer.json("POST", "quiz/start", {"activity": "grades", "seconds": 300})
    assert status == 200 and answer["quiz"]["open"]
    quiz = answer["quiz"]["id"]
    key = dict(answer_key(GRADES))
    wrong = {
        k: next(c.value for c in item.choices if c.value != v)
        for item in GRADES.items
        for k, v in [(item.key, key[item.key])]
    }
    sets = [
        {"q01": key["q01"], "q02": key["q02"]},
        {"q01": wrong["q01"], "q02": key["q02"], "q03": key["q03"]},
        {"q01": wrong["q01"]},
        {"q02": wrong["q02"], "q03": key["q03"]},
    ]
    for number, answers in enumerate(sets):
        phone = joined_phone(room, f"192.168.1.{110 + number}")
        status, answer = phone.json(
            "POST", "quiz/answer", {"quiz": quiz, "answers": answers, "group": f"G{number}"}
        )
        assert status == 200, answer
    status, board = trainer.json("GET", "quiz/board")
    assert board["respondents"] == 4
    expected = tally(GRADES, sets)
    assert [(i["number"], i["answered"], i["right"], i["share_right"]) for i in board["items"]] == [
        (c.item.number, c.answered, c.right, c.share_right) for c in expected
    ]
    first = board["items"][0]
    assert (first["number"], first["answered"], first["right"]) == (1, 3, 1)


def test_the_room_counts_a_learners_first_answer_not_the_key_read_back_after_it(room):
    """A phone shows the right answer beside a question once it is answered: a learner who then
    taps the right grade has read the key, and the board still counts the first answer wrong."""
    _, app = room
    trainer = Phone(app, "192.168.1.20")
    quiz = trainer.json("POST", "quiz/start", {"activity": "grades"})[1]["quiz"]["id"]
    key = dict(answer_key(GRADES))
    wrong = next(c.value for c in GRADES.items[0].choices if c.value != key["q01"])
    phone = joined_phone(room, "192.168.1.101")
    for answers in (
        {"q01": wrong},  # the first answer: wrong, and the phone shows the right one
        {"q01": key["q01"]},  # changed to the key just read
        {"q01": key["q01"], "q02": key["q02"]},  # the next question, answered right first time
    ):
        assert phone.json("POST", "quiz/answer", {"quiz": quiz, "answers": answers})[0] == 200
    board = {i["number"]: i for i in trainer.json("GET", "quiz/board")[1]["items"]}
    assert (board[1]["answered"], board[1]["right"]) == (1, 0)
    assert (board[2]["answered"], board[2]["right"]) == (1, 1)


def test_an_answer_the_item_does_not_offer_is_refused(room):
    _, app = room
    trainer = Phone(app, "192.168.1.20")
    quiz = trainer.json("POST", "quiz/start", {"activity": "grades"})[1]["quiz"]["id"]
    phone = joined_phone(room, "192.168.1.101")
    status, _answer = phone.json("POST", "quiz/answer", {"quiz": quiz, "answers": {"q01": "Z"}})
    assert status == 422
    status, _answer = phone.json("POST", "quiz/answer", {"quiz": quiz, "answers": {"q99": "A"}})
    assert status == 400


def test_answers_to_an_ended_quiz_are_not_counted(room):
    _, app = room
    trainer = Phone(app, "192.168.1.20")
    quiz = trainer.json("POST", "quiz/start", {"activity": "grades"})[1]["quiz"]["id"]
    trainer.json("POST", "quiz/close", {})
    phone = joined_phone(room, "192.168.1.101")
    status, answer = phone.json("POST", "quiz/answer", {"quiz": quiz, "answers": {"q01": "A"}})
    assert status == 409 and answer["code"] == "quiz_closed"


def test_the_room_survives_a_restart(tmp_path):
    folder = tmp_path / "room"
    store = RoomStore(folder)
    store.put_entry("group-screening", "g", "G", "device", screening_table(1))
    again = RoomStore(folder)
    assert again.join_code == store.join_code and again.trainer_key == store.trainer_key
    assert again.entries()[0].inputs == screening_table(1)


def test_a_send_is_written_to_the_disk_before_the_phone_is_told(tmp_path):
    """WAL with ``synchronous=FULL``: a committed send survives the laptop losing power, not
    only the server crashing (SQLite's NORMAL would keep it through a crash alone)."""
    store = RoomStore(tmp_path / "room")
    with store._connect() as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_the_joining_code_of_the_join_page_carries_the_rooms_join_code(room):
    store, app = room
    status, answer = Phone(app, "192.168.1.20").json("GET", "activities?lang=zh")
    assert status == 200
    assert answer["join"]["url"] == f"{SITE}zh/?room={store.join_code}"
    assert answer["join"]["qr"].startswith("<svg")


def test_the_export_holds_every_group_the_debrief_and_the_quiz(room):
    _store, app = room
    for number in range(1, 4):
        phone = joined_phone(room, f"192.168.1.{100 + number}")
        body = {
            "activity": "group-screening",
            "group": f"=Group {number}",
            "inputs": screening_table(number % 3),
        }
        assert phone.json("POST", "send", body)[0] == 200
    trainer = Phone(app, "192.168.1.20")
    quiz = trainer.json("POST", "quiz/start", {"activity": "grades"})[1]["quiz"]["id"]
    phone.json("POST", "quiz/answer", {"quiz": quiz, "answers": {"q01": "A"}})
    status, headers, data = trainer.call("GET", "export?lang=en")
    assert status == 200 and headers["Content-Type"].startswith("application/vnd.openxml")
    book = openpyxl.load_workbook(io.BytesIO(data))
    groups_sheet = book[book.sheetnames[0]]
    names = {row[0] for row in groups_sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"=Group 1", "=Group 2", "=Group 3"}  # stored as text, never a formula
    assert groups_sheet.cell(row=2, column=1).data_type == "s"
    assert any(name.startswith("Debrief") for name in book.sheetnames)
    assert any(name.startswith("Quiz") for name in book.sheetnames)


def test_clearing_the_room_keeps_phones_joined(room):
    store, app = room
    phone = joined_phone(room, "192.168.1.101")
    body = {"activity": "group-screening", "group": "G", "inputs": screening_table(1)}
    phone.json("POST", "send", body)
    assert Phone(app, "192.168.1.20").json("POST", "clear", {})[0] == 200
    assert store.entries() == []
    assert phone.json("POST", "send", body)[0] == 200


def test_a_quiz_whose_timer_ran_out_takes_no_more_answers(room, monkeypatch):
    store, app = room
    trainer = Phone(app, "192.168.1.20")
    quiz = trainer.json("POST", "quiz/start", {"activity": "grades", "seconds": 60})[1]["quiz"]
    assert quiz["open"] and 0 < quiz["remaining"] <= 60
    started = store.current_quiz()
    assert started is not None
    import ka_site.commands.room.store as store_module

    monkeypatch.setattr(store_module.time, "time", lambda: started.started_at + 61)
    phone = joined_phone(room, "192.168.1.101")
    status, answer = phone.json("POST", "quiz/answer", {"quiz": quiz["id"], "answers": {}})
    assert status == 409 and answer["code"] == "quiz_closed"
    assert trainer.json("GET", "quiz")[1]["quiz"]["remaining"] == 0


def test_the_trainer_is_never_slowed_down_by_the_rooms_rate_limit(tmp_path):
    store = RoomStore(tmp_path / "room")
    api = RoomApi(store, SITE, "192.168.1.20")
    api.per_address = RateLimits(capacity=5, per_second=0.001)  # a room that allows very little
    trainer = Phone(api, "192.168.1.77", store.trainer_key)
    assert {trainer.call("GET", "entries?activity=group-screening")[0] for _ in range(20)} == {200}
    stranger = Phone(api, "192.168.1.78")
    assert [stranger.call("GET", "hello")[0] for _ in range(7)][-2:] == [429, 429]
