"""The join page's activities for the trainer: each with its own link and QR code.

Each link opens the activity's page at its tool and carries the room's join code, so a phone
that scans it joins the room and lands where the group works: two taps from the projector.
The codes are drawn on the laptop when the trainer's join page asks for them (the join code is
the room's, made when the room was first opened), never built into the static site.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ka_site.build.room.activities import ACTIVITIES
from ka_site.build.room.room_join import join_address, qr_svg
from ka_site.pages import Lang
from ka_site.ui_text import words


def activity_label(key: str, lang: Lang) -> str:
    """An activity's name on the join page and in the trainer's console."""
    return words("room", lang)[f"activity_{key.replace('-', '_')}"]


def activity_links(site_url: str, lang: Lang, join_code: str) -> list[dict[str, Any]]:
    """Every activity's label, kind, link and QR code (inline SVG) in ``lang``."""
    found = []
    for activity in ACTIVITIES:
        url = activity.url(site_url, lang, join_code)
        found.append(
            {
                "key": activity.key,
                "kind": activity.kind,
                "label": activity_label(activity.key, lang),
                "url": url,
                "qr": qr_svg(url, error="l", scalable=True, css_class="ka-room-qr-code"),
            }
        )
    return found


def joining_code(site_url: str, lang: Lang, join_code: str) -> dict[str, str]:
    """The join page's own large code, as the trainer's page shows it: the site's address in
    ``lang`` with the room's join code, so a phone that scans it joins the room as an activity's
    code does (the code built into the page opens the site alone: the join code is the room's)."""
    url = f"{join_address(site_url, lang)}?{urlencode({'room': join_code})}"
    return {"url": url, "qr": qr_svg(url)}
