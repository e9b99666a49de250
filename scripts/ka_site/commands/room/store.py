"""The room's memory: one SQLite file on the trainer's laptop (Python's ``sqlite3``, WAL mode).

Everything a workshop produces is written here the moment it arrives, so a closed laptop lid,
a crashed server or a restart loses nothing: the devices that joined, each group's latest table
per activity, the quizzes the trainer started and every device's answers. The room's two
secrets live here too, so a restarted server keeps the same join code (phones that joined stay
joined) and the same trainer key.

One connection per call, each in its own transaction: Waitress answers requests on several
threads, and SQLite in WAL mode lets readers go on while one writer writes; a writer waits
(``busy_timeout``) rather than failing when another holds the lock.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS room (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    token TEXT PRIMARY KEY, joined_at REAL NOT NULL, address TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    activity TEXT NOT NULL, group_key TEXT NOT NULL, group_name TEXT NOT NULL,
    device TEXT NOT NULL, inputs TEXT NOT NULL, sent_at REAL NOT NULL,
    PRIMARY KEY (activity, group_key)
);
CREATE TABLE IF NOT EXISTS quizzes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, drill TEXT NOT NULL, started_at REAL NOT NULL,
    seconds INTEGER, closed_at REAL
);
CREATE TABLE IF NOT EXISTS answers (
    quiz INTEGER NOT NULL REFERENCES quizzes (id), device TEXT NOT NULL,
    group_name TEXT NOT NULL, answers TEXT NOT NULL, updated_at REAL NOT NULL,
    PRIMARY KEY (quiz, device)
);
"""


@dataclass(frozen=True)
class Entry:
    """One group's latest table for one activity."""

    activity: str
    group: str
    device: str
    inputs: dict[str, Any]
    sent_at: float


@dataclass(frozen=True)
class Quiz:
    """A drill the trainer started for the room; ``seconds`` is its timer (None: no timer)."""

    id: int
    drill: str
    started_at: float
    seconds: int | None
    closed_at: float | None

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left on the timer (0 once it ran out); None without a timer."""
        if self.seconds is None:
            return None
        return max(0.0, self.started_at + self.seconds - (time.time() if now is None else now))

    @property
    def open(self) -> bool:
        """Answers are taken: not ended by the trainer, and its timer (if any) not run out."""
        return self.closed_at is None and self.remaining() != 0


@dataclass(frozen=True)
class AnswerSet:
    """One device's answers to a quiz, as its drill form holds them (item key → choice)."""

    device: str
    group: str
    answers: dict[str, Any]
    updated_at: float


class RoomStore:
    """The room's state in ``folder/room.sqlite3``."""

    FILE = "room.sqlite3"

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / self.FILE
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        self.join_code = self._secret("join_code", 9)
        self.trainer_key = self._secret("trainer_key", 18)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout=30000")
            # each send is on the disk before the phone is told it arrived: a laptop whose
            # battery dies keeps it too (NORMAL would keep it through a crash of the server,
            # not of the power); a room's few writes a second cost nothing noticeable
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), committed or rolled back."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _secret(self, key: str, size: int) -> str:
        """A random secret made once per room and kept across restarts."""
        with self._write() as db:
            row = db.execute("SELECT value FROM room WHERE key = ?", (key,)).fetchone()
            if row:
                return str(row[0])
            value = secrets.token_urlsafe(size)
            db.execute("INSERT INTO room (key, value) VALUES (?, ?)", (key, value))
            return value

    # ------------------------------------------------------------------------------- devices

    def join(self, address: str) -> str:
        """A new device of the room: its token (kept by the phone in a cookie)."""
        token = secrets.token_urlsafe(18)
        with self._write() as db:
            db.execute(
                "INSERT INTO devices (token, joined_at, address) VALUES (?, ?, ?)",
                (token, time.time(), address),
            )
        return token

    def joined(self, token: str | None) -> bool:
        if not token:
            return False
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM devices WHERE token = ?", (token,)).fetchone()
        return row is not None

    def device_count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM devices").fetchone()[0])

    # ------------------------------------------------------------------------------- entries

    def entry(self, activity: str, group_key: str) -> Entry | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT activity, group_name, device, inputs, sent_at FROM entries "
                "WHERE activity = ? AND group_key = ?",
                (activity, group_key),
            ).fetchone()
        return _entry(row) if row else None

    def put_entry(
        self, activity: str, group_key: str, group: str, device: str, inputs: dict[str, Any]
    ) -> Entry:
        """The group's table for ``activity``: a new entry, or the group's earlier one replaced."""
        sent_at = time.time()
        with self._write() as db:
            db.execute(
                "INSERT INTO entries (activity, group_key, group_name, device, inputs, sent_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (activity, group_key) DO UPDATE SET "
                "group_name = excluded.group_name, device = excluded.device, "
                "inputs = excluded.inputs, sent_at = excluded.sent_at",
                (
                    activity,
                    group_key,
                    group,
                    device,
                    json.dumps(inputs, ensure_ascii=False),
                    sent_at,
                ),
            )
        return Entry(activity, group, device, inputs, sent_at)

    def entries(self, activity: str | None = None) -> list[Entry]:
        """The groups' latest tables, oldest send first."""
        query = "SELECT activity, group_name, device, inputs, sent_at FROM entries"
        args: tuple[str, ...] = ()
        if activity is not None:
            query += " WHERE activity = ?"
            args = (activity,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY sent_at, group_name", args).fetchall()
        return [_entry(row) for row in rows]

    # ------------------------------------------------------------------------------- quizzes

    def start_quiz(self, drill: str, seconds: int | None) -> Quiz:
        """A new quiz for the room; the one running before it is closed."""
        now = time.time()
        with self._write() as db:
            db.execute("UPDATE quizzes SET closed_at = ? WHERE closed_at IS NULL", (now,))
            cursor = db.execute(
                "INSERT INTO quizzes (drill, started_at, seconds) VALUES (?, ?, ?)",
                (drill, now, seconds),
            )
            quiz_id = int(cursor.lastrowid or 0)
        return Quiz(quiz_id, drill, now, seconds, None)

    def close_quiz(self) -> None:
        with self._write() as db:
            db.execute("UPDATE quizzes SET closed_at = ? WHERE closed_at IS NULL", (time.time(),))

    def quizzes(self) -> list[Quiz]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, drill, started_at, seconds, closed_at FROM quizzes ORDER BY id"
            ).fetchall()
        return [Quiz(*row) for row in rows]

    def current_quiz(self) -> Quiz | None:
        """The latest quiz (open or closed): the one phones answer and the projector shows."""
        with self._connect() as db:
            row = db.execute(
                "SELECT id, drill, started_at, seconds, closed_at FROM quizzes "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return Quiz(*row) if row else None

    def put_answers(self, quiz: int, device: str, group: str, answers: dict[str, Any]) -> None:
        """A device's answers to ``quiz``: what it answers first to each item is what the room
        counts. The phone shows the right answer beside a question as soon as it is answered, so
        an answer changed after that is the key read back, not what the learner knew; the
        board's "most missed" must count the first answers."""
        with self._write() as db:
            row = db.execute(
                "SELECT answers FROM answers WHERE quiz = ? AND device = ?", (quiz, device)
            ).fetchone()
            answers = {**answers, **(json.loads(row[0]) if row else {})}
            db.execute(
                "INSERT INTO answers (quiz, device, group_name, answers, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (quiz, device) DO UPDATE SET "
                "group_name = excluded.group_name, answers = excluded.answers, "
                "updated_at = excluded.updated_at",
                (quiz, device, group, json.dumps(answers, ensure_ascii=False), time.time()),
            )

    def answers(self, quiz: int) -> list[AnswerSet]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT device, group_name, answers, updated_at FROM answers WHERE quiz = ? "
                "ORDER BY updated_at",
                (quiz,),
            ).fetchall()
        return [AnswerSet(row[0], row[1], json.loads(row[2]), row[3]) for row in rows]

    # ------------------------------------------------------------------------------- the end

    def clear(self) -> None:
        """A new workshop in the same room: every table, quiz and answer goes; devices and the
        room's secrets stay, so phones that joined need not scan again."""
        with self._write() as db:
            db.execute("DELETE FROM answers")
            db.execute("DELETE FROM quizzes")
            db.execute("DELETE FROM entries")


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(row[0], row[1], row[2], json.loads(row[3]), row[4])
