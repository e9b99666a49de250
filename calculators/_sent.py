"""What a page already holds of the engine's answers: an edit is answered with the rows whose
results changed, not with all of them.

A pipeline of 10,000 deals shows each deal's rank, heat, expected value and grade in its own
row; an edit in one deal changes the cells of a few rows (those whose rank moved), yet the whole
table's cells made a megabyte to send, read and place at every edit. So the engine keeps, for
each calculator, language and page, the row results of its last few answers, under an id it
gives each answer. A page that names the answer it placed last (``base``) is sent, for each
table, only the rows whose cells differ from that answer's (``changed``: ``[row, cells]`` pairs)
and how many rows there are now (``count``); the page applies them to what it holds.

Whenever there is doubt the whole answer is sent: an id this engine never gave (a restarted
worker draws a new prefix for its ids), one it no longer keeps, or a table the held answer has
no results for. An answer without row results (the inputs were refused) gets no id: the page
keeps the rows it holds, and names their answer again next time.

This is the one state the engine keeps between two calls, and it never changes a result: only
how much of it travels. It is bounded (``KEEP`` answers a page) and guarded by a lock (the room's
server answers phones on several threads).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

#: How many answers are kept for each calculator, language and page: the page names the one it
#: placed last, and a few calls may be under way meanwhile.
KEEP = 4
#: How many calculators, languages and pages are kept at once (a visit shows a few).
PAGES = 16

#: One answer's row results, by table.
Rows = dict[str, list[Any]]


class SentAnswers:
    """The row results of the last answers sent to each page (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._prefix = ""  # drawn at the first answer: never in the build's memory snapshot
        self._count = 0
        self._pages: OrderedDict[tuple[str, ...], OrderedDict[str, Rows]] = OrderedDict()

    def _remember(self, page: tuple[str, ...], rows: Rows) -> str:
        if not self._prefix:
            self._prefix = secrets.token_hex(6)
        self._count += 1
        answer = f"{self._prefix}-{self._count}"
        kept = self._pages.setdefault(page, OrderedDict())
        self._pages.move_to_end(page)
        kept[answer] = rows
        while len(kept) > KEEP:
            kept.popitem(last=False)
        while len(self._pages) > PAGES:
            self._pages.popitem(last=False)
        return answer

    def answer(self, page: tuple[str, ...], base: str, form: dict[str, Any]) -> dict[str, Any]:
        """``form`` (from ``form_view``) as sent to a page that holds answer ``base``: with its
        own id, and, for each table ``base`` has results for, only the rows that changed."""
        rows = {e["field"]: e["results"] for e in form["tables"] if isinstance(e["results"], list)}
        if not rows:
            return form
        with self._lock:
            kept = self._pages.get(page)
            held = kept.get(base) if kept is not None and base else None
            answer = self._remember(page, rows)
        out = {**form, "answer": answer}
        if held is None:
            return out
        out["base"] = base
        out["tables"] = [_changes(entry, held.get(entry["field"])) for entry in form["tables"]]
        return out


def _changes(entry: dict[str, Any], before: list[Any] | None) -> dict[str, Any]:
    """A table's entry with only the rows whose cells differ from ``before`` (none: all)."""
    results = entry["results"]
    if before is None or not isinstance(results, list):
        return entry
    changed = [
        [index, cells]
        for index, cells in enumerate(results)
        if index >= len(before) or (cells is not before[index] and cells != before[index])
    ]
    out = {key: value for key, value in entry.items() if key != "results"}
    return {**out, "changed": changed, "count": len(results)}


#: The answers of this engine (one worker in the browser; the room's server).
SENT = SentAnswers()
