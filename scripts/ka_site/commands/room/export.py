"""The end of a workshop: the whole room as one Excel workbook (openpyxl, through the tables
layer that also writes the command line's and the page's exports).

Sheets: for each table activity, one sheet per table of its tool with every group's rows (the
group's name first, then the columns as the tool's own export writes them); the debrief of the
groups' screening tables, computed by the debrief tool (its summary and its comparison); and for
each quiz, one line per item with how many answered and the share right. Text a spreadsheet
would run as a formula is neutralised, as in every file the site writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import calculators
from calculators import InputError
from calculators.core import Field
from calculators.drills._drill import tally
from calculators.tables import Sheet, input_rows, result_sheets, write_xlsx
from calculators.workshop import debrief
from ka_site.build.room import activities
from ka_site.commands.room.join_codes import activity_label
from ka_site.commands.room.store import RoomStore
from ka_site.pages import Lang
from ka_site.ui_text import words


def _when(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")


def _tables(slug: str) -> list[Field]:
    return [f for f in calculators.calculator(slug).fields if f.kind == "table"]


def table_sheets(store: RoomStore, lang: Lang) -> list[Sheet]:
    """Every group's tables, one sheet per activity and table."""
    text = words("room", lang)
    sheets: list[Sheet] = []
    for activity in activities.ACTIVITIES:
        entries = store.entries(activity.key) if activity.kind == "table" else []
        if not entries:
            continue
        for field in _tables(activity.calculator):
            header: list[str] = []
            rows: list[list[Any]] = []
            for entry in entries:
                columns, body = input_rows(entry.inputs.get(field.key) or [], field)
                header = [text["export_group"], text["export_sent"], *columns]
                rows += [[entry.group, _when(entry.sent_at), *row] for row in body]
            title = f"{activity_label(activity.key, lang)} {field.label.get(lang)}"
            sheets.append((title, header, rows))
    return sheets


def debrief_sheets(store: RoomStore, lang: Lang) -> list[Sheet]:
    """The debrief of the groups' screening tables, as the debrief tool computes it."""
    entries = store.entries(activities.DEBRIEFED)
    if len(entries) < 2:
        return []
    groups = [{"group": e.group, "link": debrief.share_link(e.inputs)} for e in entries]
    try:
        result = calculators.score("debrief", {"groups": groups})
    except InputError:
        return []  # every table was checked when it was sent; nothing to compare otherwise
    title = words("room", lang)["export_debrief"]
    return [
        (f"{title} {name}", header, rows)
        for name, header, rows in result_sheets(title, result, [], lang)
    ]


def quiz_sheets(store: RoomStore, lang: Lang) -> list[Sheet]:
    """One sheet per quiz: each item's count, most-missed first, as the projector showed it."""
    text = words("room", lang)
    sheets: list[Sheet] = []
    for number, quiz in enumerate(store.quizzes(), start=1):
        drill = activities.drill_of(quiz.drill)
        if drill is None:
            continue
        sets = store.answers(quiz.id)
        header = [
            text["board_item"],
            text["board_prompt"],
            text["board_answered"],
            text["board_right"],
            text["board_share"],
        ]
        rows: list[list[Any]] = [
            [c.item.number, c.item.prompt.get(lang), c.answered, c.right, c.share_right]
            for c in tally(drill, [s.answers for s in sets])
        ]
        activity = activities.by_calculator(quiz.drill)
        name = activity_label(activity.key, lang) if activity else quiz.drill
        sheets.append((f"{text['export_quiz']} {number} {name}", header, rows))
    return sheets


def room_workbook(store: RoomStore, lang: Lang) -> bytes:
    """The whole room as one workbook (an empty room gives a sheet that says so)."""
    sheets = table_sheets(store, lang) + debrief_sheets(store, lang) + quiz_sheets(store, lang)
    if not sheets:
        sheets = [(words("room", lang)["export_empty"], [words("room", lang)["export_empty"]], [])]
    return write_xlsx(sheets)
