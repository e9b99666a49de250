"""The room service: a small HTTP API beside the static site, in room mode only.

``bash scripts/serve.sh --room`` serves the built site with WhiteNoise and falls through to
:func:`room_app` for any address that is not a file; everything under ``/room/api/`` is answered
here, anything else is the site's 404 page. Outside room mode this module is never loaded.

Who may do what (checked before any work, after the request's size and rate):

* anyone on the room's network: ask whether this is a room (``hello``), have the laptop's own
  Python compute a calculator (``engine``: the same entry points the page's Pyodide has), see
  the running quiz (``quiz``);
* a device that joined with the room's join code (from an activity's QR code on the join page;
  the phone then holds a device cookie): send its group's table (``send``) and answer the quiz
  (``quiz/answer``);
* the trainer (the laptop itself, or a browser holding the trainer key the command prints):
  the activities' links and QR codes (``activities``), the groups' tables (``entries``), start
  and stop a quiz and see its board, export the room as a workbook, clear it.

Every answer is JSON (but the export, a workbook); a refusal carries a code and a message in
both languages, from the site's word files (``ui/*.toml``, section ``room``).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import calculators
from calculators import InputError
from calculators.drills._drill import Drill, tally
from calculators.workshop import debrief
from ka_site.build.room import activities
from ka_site.commands.room.export import room_workbook
from ka_site.commands.room.join_codes import activity_links, joining_code
from ka_site.commands.room.limits import MAX_BODY, RateLimits
from ka_site.commands.room.store import RoomStore
from ka_site.pages import Lang
from ka_site.ui_text import words

PREFIX = "/room/api/"
COOKIE = "ka_room_device"
TRAINER_HEADER = "HTTP_X_KA_TRAINER"
#: A group's name: the debrief's own limit for it (one set of limits,
#: calculators/workshop/debrief.py).
GROUP_MAX = next(c.maximum for c in debrief.GROUPS.columns if c.key == "group") or 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: The engine's entry points a phone may call through the room (what its Pyodide would answer).
ENGINE_CALLS = frozenset({"score_json", "table_import_json", "table_export_json"})
QUIZ_SECONDS = (0, 3600)
#: Routes open to anyone that still answer differently for a device that joined.
KNOWS_DEVICE = frozenset({"hello", "join"})


class Refused(Exception):
    """A request the room does not carry out: HTTP status, a code, and the word file's key."""

    def __init__(self, status: str, code: str, **values: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.values = values
        self.extra: dict[str, Any] = {}


def message(code: str, **values: Any) -> dict[str, str]:
    """A refusal's message in both languages (``ui/*.toml``, ``room.error_<code>``)."""
    return {lang: words("room", lang)[f"error_{code}"].format(**values) for lang in ("zh", "en")}


@dataclass(frozen=True)
class Request:
    """What a handler needs of one request."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    device: str | None
    trainer: bool
    address: str


Handler = Callable[[Request], Any]


class RoomApi:
    """The room's API over its :class:`RoomStore`; ``host`` is the address the server binds to
    (a request from that address is the laptop itself, unless it is a loopback address, where
    every client is "the laptop")."""

    def __init__(self, store: RoomStore, site_url: str, host: str) -> None:
        self.store = store
        self.site_url = site_url
        self.host = host
        self.per_address = RateLimits(capacity=400, per_second=100)
        self.per_device = RateLimits(capacity=20, per_second=4)
        self.routes: dict[tuple[str, str], tuple[Handler, str, str]] = {
            # (method, path): (handler, who may call it, largest body)
            ("GET", "hello"): (self.hello, "anyone", "small"),
            ("POST", "join"): (self.join, "anyone", "small"),
            ("POST", "engine"): (self.engine, "anyone", "file"),
            ("GET", "quiz"): (self.quiz, "anyone", "small"),
            ("POST", "send"): (self.send, "device", "table"),
            ("POST", "quiz/answer"): (self.answer, "device", "small"),
            ("GET", "activities"): (self.links, "trainer", "small"),
            ("GET", "entries"): (self.entries, "trainer", "small"),
            ("POST", "quiz/start"): (self.start_quiz, "trainer", "small"),
            ("POST", "quiz/close"): (self.close_quiz, "trainer", "small"),
            ("GET", "quiz/board"): (self.board, "trainer", "small"),
            ("GET", "export"): (self.export, "trainer", "small"),
            ("POST", "clear"): (self.clear, "trainer", "small"),
        }

    # ------------------------------------------------------------------------------ checks

    def is_trainer(self, environ: WSGIEnvironment) -> bool:
        key = environ.get(TRAINER_HEADER, "")
        if key and secrets.compare_digest(key.encode(), self.store.trainer_key.encode()):
            return True
        address = environ.get("REMOTE_ADDR", "")
        return address == self.host and not _loopback(self.host)

    def device_of(self, environ: WSGIEnvironment) -> str | None:
        cookie = SimpleCookie()
        try:
            cookie.load(environ.get("HTTP_COOKIE", ""))
        except Exception:  # a malformed cookie header is no device
            return None
        token = cookie[COOKIE].value if COOKIE in cookie else None
        return token if token and self.store.joined(token) else None

    def read_body(self, environ: WSGIEnvironment, size: str) -> Any:
        """The request's JSON body, refused before it is read when too large or not JSON."""
        if environ.get("REQUEST_METHOD") != "POST":
            return None
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            raise Refused("415 Unsupported Media Type", "not_json")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = MAX_BODY[size]
        if length < 0 or length > limit:
            raise Refused("413 Content Too Large", "too_large", limit=limit // 1024)
        raw = environ["wsgi.input"].read(length) if length else b""
        try:
            text = raw.decode("utf-8")
            calculators.read_json(text or "null")  # too deep is refused before it is parsed
            return json.loads(text) if text else None
        except (UnicodeDecodeError, ValueError):  # InputError and JSONDecodeError are ValueErrors
            raise Refused("400 Bad Request", "malformed") from None

    # ------------------------------------------------------------------------------ the app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")[len(PREFIX) :]
        method = environ.get("REQUEST_METHOD", "GET")
        headers: list[tuple[str, str]] = []
        try:
            address = environ.get("REMOTE_ADDR", "")
            trainer = self.is_trainer(environ)
            # the trainer's console and debrief ask often and are trusted; everyone else is
            # limited per address before anything else is done
            wait = 0.0 if trainer else self.per_address.wait(address)
            if wait:
                raise Refused("429 Too Many Requests", "too_many", seconds=max(1, round(wait)))
            route = self.routes.get((method, path))
            if route is None:
                known = {p for _, p in self.routes}
                if path in known:
                    raise Refused("405 Method Not Allowed", "method")
                raise Refused("404 Not Found", "not_found")
            handler, who, size = route
            # the device's cookie is looked up only where it matters (not on every engine call)
            device = self.device_of(environ) if who == "device" or path in KNOWS_DEVICE else None
            if who == "trainer" and not trainer:
                raise Refused("403 Forbidden", "not_trainer")
            if who == "device" and device is None:
                raise Refused("403 Forbidden", "not_joined")
            if who == "device" and device and (wait := self.per_device.wait(device)):
                raise Refused("429 Too Many Requests", "too_many", seconds=max(1, round(wait)))
            body = self.read_body(environ, size)
            query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            request = Request(method, path, query, body, device, trainer, address)
            answer = handler(request)
        except Refused as refused:
            if refused.status.startswith("429"):
                headers.append(("Retry-After", str(refused.values.get("seconds", 1))))
            payload = {
                "ok": False,
                "code": refused.code,
                "message": message(refused.code, **refused.values),
                **refused.extra,
            }
            return _json(start_response, refused.status, payload, headers)
        if isinstance(answer, Workbook):
            return answer.respond(start_response)
        if isinstance(answer, Joined):
            headers.append(("Set-Cookie", answer.cookie))
            answer = {"ok": True, "joined": True}
        if isinstance(answer, RawJson):
            return _respond(start_response, "200 OK", answer.text.encode(), headers)
        return _json(start_response, "200 OK", answer, headers)

    # ------------------------------------------------------------------------------ anyone

    def hello(self, request: Request) -> dict[str, Any]:
        """Whether this is a room, and what this browser may do in it."""
        return {
            "ok": True,
            "room": True,
            "joined": request.device is not None,
            "trainer": request.trainer,
            "devices": self.store.device_count() if request.trainer else None,
            "quiz": self._quiz_view(),
        }

    def join(self, request: Request) -> Joined:
        """A phone joins with the code its activity link carried; it gets a device cookie."""
        code = _field(request.body, "code", str)
        if not secrets.compare_digest(code.encode(), self.store.join_code.encode()):
            raise Refused("403 Forbidden", "wrong_code")
        if request.device:
            return Joined(_cookie(request.device))
        return Joined(_cookie(self.store.join(request.address)))

    def engine(self, request: Request) -> RawJson:
        """One of the engine's entry points, answered by the laptop's Python (the same package
        the page's Pyodide runs), so a phone needs only the page to score."""
        name = _field(request.body, "name", str)
        args = _field(request.body, "args", list)
        if name not in ENGINE_CALLS:
            raise Refused("400 Bad Request", "malformed")
        entry = getattr(calculators, name)
        if name == "table_import_json":
            if len(args) != 5 or not isinstance(args[2], str):
                raise Refused("400 Bad Request", "malformed")
            try:
                args[2] = base64.b64decode(args[2], validate=True)
            except ValueError:
                raise Refused("400 Bad Request", "malformed") from None
        if not all(isinstance(a, (str, bytes)) for a in args):
            raise Refused("400 Bad Request", "malformed")
        try:
            return RawJson(entry(*args))
        except TypeError:  # the wrong number of arguments
            raise Refused("400 Bad Request", "malformed") from None

    def quiz(self, request: Request) -> dict[str, Any]:
        return {"ok": True, "quiz": self._quiz_view()}

    # ------------------------------------------------------------------------------ devices

    def send(self, request: Request) -> dict[str, Any]:
        """A group's table for an activity; sending again replaces the group's entry. Another
        phone's entry under the same group name is replaced only when the sender says so."""
        activity = _activity(_field(request.body, "activity", str), "table")
        group = group_name(_field(request.body, "group", str))
        inputs = _field(request.body, "inputs", dict)
        replace = bool(request.body.get("replace"))
        try:
            calculators.score(activity.calculator, inputs)
        except InputError as error:
            refused = Refused("422 Unprocessable Content", "table_problems")
            refused.extra["error"] = error.to_dict()
            raise refused from None
        key = debrief.match_key(group)
        earlier = self.store.entry(activity.key, key)
        assert request.device is not None
        if earlier and earlier.device != request.device and not replace:
            refused = Refused("409 Conflict", "group_taken", group=earlier.group)
            refused.extra["sent_at"] = earlier.sent_at
            raise refused
        entry = self.store.put_entry(activity.key, key, group, request.device, inputs)
        return {"ok": True, "group": entry.group, "sent_at": entry.sent_at}

    def answer(self, request: Request) -> dict[str, Any]:
        """A device's answers to the running quiz, checked by the drill itself."""
        quiz = self.store.current_quiz()
        quiz_id = _field(request.body, "quiz", int)
        if quiz is None or quiz.id != quiz_id or not quiz.open:
            raise Refused("409 Conflict", "quiz_closed")
        answers = _field(request.body, "answers", dict)
        group = group_name(str(request.body.get("group") or "—"))
        drill = _drill(quiz.drill)
        known = {item.key for item in drill.items}
        if set(answers) - known:
            raise Refused("400 Bad Request", "malformed")
        try:
            calculators.score(quiz.drill, answers)  # a choice the item does not offer is refused
        except InputError as error:
            refused = Refused("422 Unprocessable Content", "table_problems")
            refused.extra["error"] = error.to_dict()
            raise refused from None
        assert request.device is not None
        self.store.put_answers(quiz.id, request.device, group, answers)
        return {"ok": True}

    # ------------------------------------------------------------------------------ trainer

    def links(self, request: Request) -> dict[str, Any]:
        lang: Lang = "zh" if request.query.get("lang") == "zh" else "en"
        found = activity_links(self.site_url, lang, self.store.join_code)
        return {
            "ok": True,
            "activities": found,
            "join": joining_code(self.site_url, lang, self.store.join_code),
            "devices": self.store.device_count(),
        }

    def entries(self, request: Request) -> dict[str, Any]:
        """The groups' latest tables for one activity; for the debrief's activity, each as the
        share link the debrief reads (the same format as the page's Share link)."""
        activity = _activity(request.query.get("activity", ""), "table")
        found = self.store.entries(activity.key)
        rows = []
        for entry in found:
            row: dict[str, Any] = {"group": entry.group, "sent_at": entry.sent_at}
            if activity.key == activities.DEBRIEFED:
                row["link"] = debrief.share_link(entry.inputs)
            rows.append(row)
        return {"ok": True, "activity": activity.key, "entries": rows}

    def start_quiz(self, request: Request) -> dict[str, Any]:
        activity = _activity(_field(request.body, "activity", str), "quiz")
        seconds = request.body.get("seconds")
        if seconds is not None and (
            not isinstance(seconds, int)
            or isinstance(seconds, bool)
            or not QUIZ_SECONDS[0] < seconds <= QUIZ_SECONDS[1]
        ):
            raise Refused("400 Bad Request", "malformed")
        self.store.start_quiz(activity.calculator, seconds)
        return {"ok": True, "quiz": self._quiz_view()}

    def close_quiz(self, request: Request) -> dict[str, Any]:
        self.store.close_quiz()
        return {"ok": True, "quiz": self._quiz_view()}

    def board(self, request: Request) -> dict[str, Any]:
        """The running quiz on the projector: per item, how many answered and the share right,
        the most-missed first (scored by the drill's own key,
        :func:`calculators.drills._drill.tally`)."""
        quiz = self.store.current_quiz()
        if quiz is None:
            return {"ok": True, "quiz": None, "items": [], "respondents": 0}
        sets = self.store.answers(quiz.id)
        counted = tally(_drill(quiz.drill), [s.answers for s in sets])
        items = [
            {
                "number": c.item.number,
                "prompt": {"zh": c.item.prompt.zh, "en": c.item.prompt.en},
                "answered": c.answered,
                "right": c.right,
                "share_right": c.share_right,
            }
            for c in counted
        ]
        return {"ok": True, "quiz": self._quiz_view(), "respondents": len(sets), "items": items}

    def export(self, request: Request) -> Workbook:
        lang: Lang = "zh" if request.query.get("lang") == "zh" else "en"
        return Workbook(room_workbook(self.store, lang))

    def clear(self, request: Request) -> dict[str, Any]:
        self.store.clear()
        return {"ok": True}

    # ------------------------------------------------------------------------------ helpers

    def _quiz_view(self) -> dict[str, Any] | None:
        quiz = self.store.current_quiz()
        if quiz is None:
            return None
        activity = activities.by_calculator(quiz.drill)
        return {
            "id": quiz.id,
            "drill": quiz.drill,
            "activity": activity.key if activity else None,
            "started_at": quiz.started_at,
            "seconds": quiz.seconds,
            "remaining": quiz.remaining(),
            "open": quiz.open,
        }


# ---------------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Joined:
    """A join's answer: the device's cookie."""

    cookie: str


@dataclass(frozen=True)
class RawJson:
    """An entry point's answer, already JSON text."""

    text: str


@dataclass(frozen=True)
class Workbook:
    """The room's workbook, as a download."""

    data: bytes

    def respond(self, start_response: StartResponse) -> list[bytes]:
        start_response(
            "200 OK",
            [
                ("Content-Type", XLSX),
                ("Content-Disposition", 'attachment; filename="ka-room.xlsx"'),
                ("Content-Length", str(len(self.data))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [self.data]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _respond(
    start_response: StartResponse, status: str, data: bytes, headers: list[tuple[str, str]]
) -> list[bytes]:
    start_response(
        status,
        [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
            *headers,
        ],
    )
    return [data]


def _json(
    start_response: StartResponse, status: str, payload: Any, headers: list[tuple[str, str]]
) -> list[bytes]:
    return _respond(
        start_response, status, json.dumps(payload, ensure_ascii=False).encode(), headers
    )


def _cookie(token: str) -> str:
    """The device's cookie: only for the room's API, never readable by a script."""
    return f"{COOKIE}={token}; Path={PREFIX}; HttpOnly; SameSite=Strict; Max-Age={7 * 24 * 3600}"


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _field(body: Any, key: str, kind: type) -> Any:
    """``body[key]`` if the body is an object holding a ``kind`` there; else the request is
    malformed."""
    if not isinstance(body, Mapping):
        raise Refused("400 Bad Request", "malformed")
    value = body.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Refused("400 Bad Request", "malformed")
    return value


def group_name(text: str) -> str:
    """A group's name as it will be shown: spaces collapsed; refused when empty, too long, or
    holding a control character (a name is shown as text wherever it appears)."""
    name = " ".join(text.split())
    if not name:
        raise Refused("400 Bad Request", "group_missing")
    if len(name) > GROUP_MAX or _CONTROL.search(name):
        raise Refused("400 Bad Request", "group_invalid", limit=GROUP_MAX)
    return name


def _activity(key: str, kind: activities.Kind) -> activities.Activity:
    found = activities.BY_KEY.get(key)
    if found is None or found.kind != kind:
        raise Refused("400 Bad Request", "unknown_activity")
    return found


def _drill(slug: str) -> Drill:
    drill = activities.drill_of(slug)
    if drill is None:
        raise Refused("400 Bad Request", "unknown_activity")
    return drill


def room_app(api: RoomApi, fallback: WSGIApplication) -> WSGIApplication:
    """What WhiteNoise falls through to in room mode: the API under ``/room/api/``, else
    ``fallback`` (the site's 404 page)."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "").startswith(PREFIX):
            return api(environ, start_response)
        return fallback(environ, start_response)

    return app
