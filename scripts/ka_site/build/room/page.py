"""Room mode's pages: what a page built by the room command carries for the room's script.

The room command builds the site with ``KA_ROOM=1`` (``extra.room`` in ``mkdocs.yml``); each page
then holds, as JSON data (never script), the room's words in the page's language and the room's
activities (:mod:`ka_site.build.room.activities`). ``docs/javascripts/room.mjs`` finds it and
turns the page into a room page: the laptop answers the calculators, the workshop tools get "Send to
trainer", the drills answer the live quiz, the debrief fills itself, the join page shows the
trainer's console. A site built without it (any static host) has none of this.
"""

from __future__ import annotations

import json

from ka_site.build.room.activities import ACTIVITIES
from ka_site.pages import Lang, PageRef
from ka_site.ui_text import words

#: The element the page's script reads (docs/javascripts/room.mjs).
ELEMENT_ID = "ka-room"
#: Room mode's own styles (the group bar, the trainer's console, the quiz board).
STYLESHEET = "stylesheets/room.css"


def room_config(lang: Lang) -> dict[str, object]:
    """What room.mjs needs: the words of the page's language and each activity's kind and tool."""
    return {
        "ui": words("room", lang),
        "activities": [
            {"key": a.key, "kind": a.kind, "calculator": a.calculator} for a in ACTIVITIES
        ],
    }


def add_room_head(output: str, page: PageRef, lang: Lang) -> str:
    """The room's stylesheet and its JSON data at the end of a page's ``<head>`` (``</`` escaped
    inside it). Only room builds load the stylesheet: a plain page has one request fewer."""
    data = json.dumps(room_config(lang), ensure_ascii=False).replace("</", "<\\/")
    block = (
        f'<link rel="stylesheet" href="{page.root}{STYLESHEET}">'
        f'<script type="application/json" id="{ELEMENT_ID}">{data}</script>'
    )
    return output.replace("</head>", block + "</head>", 1)
