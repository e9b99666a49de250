"""The join page of room mode, with the site's own address in large type and a QR code.

A page asks for it with the marker line ``<!-- room-join -->``. The address is the one the site
is built for (``site_url``; ``bash scripts/serve.sh --room`` builds the site for the laptop's
address on the room's network), so the code a phone scans is the address the server answers
on. The Chinese page points phones at the Chinese site. The QR code is drawn here, in Python,
by segno (a pure-Python QR library), as inline SVG: nothing is fetched from anywhere.
"""

from __future__ import annotations

import io
import ipaddress
import re
from html import escape
from urllib.parse import urlsplit

import segno

from ka_site.pages import Lang, PageRef
from ka_site.paths import language_prefix
from ka_site.ui_text import words

MARKER = re.compile(r"<!--\s*room-join\s*-->")


def join_address(site_url: str, lang: Lang) -> str:
    """The address a learner's phone opens: the site's root, in the page's language."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root + language_prefix(lang)


def is_this_computer_only(site_url: str) -> bool:
    """True when the site is built for a loopback address (no phone can reach it)."""
    host = urlsplit(site_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def qr_svg(
    address: str, error: str = "m", scalable: bool = False, css_class: str = "ka-join-qr"
) -> str:
    """The address as a QR code: inline SVG, black on white (readable in the dark scheme too).

    ``error``: segno's error correction level; a long address (an activity's link) reads better
    from across a room with fewer, larger modules ("l"). ``scalable``: no fixed size, only a
    ``viewBox``, so the code shrinks with its box instead of being cut.
    """
    out = io.BytesIO()
    segno.make(address, error=error).save(
        out,
        kind="svg",
        scale=10,
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgclass=css_class,
        lineclass=None,
        title=address,
        omitsize=scalable,
    )
    return out.getvalue().decode()


def render_join(site_url: str, lang: Lang) -> str:
    """The join block: the address in large type, its QR code, and how to use them."""
    text = words("room_join", lang)  # ui/<lang>.toml
    address = join_address(site_url, lang)
    note = (
        f'<div class="admonition warning"><p>{text["local"]}</p></div>'
        if is_this_computer_only(site_url)
        else ""
    )
    return (
        f'<div class="ka-join" data-address="{escape(address)}">'
        f'<p class="ka-join-label">{escape(text["label"])}</p>'
        f'<p class="ka-join-address"><a href="{escape(address)}">{escape(address)}</a></p>'
        f'<div class="ka-join-code" role="img" aria-label="QR: {escape(address)}">'
        f"{qr_svg(address)}</div>"
        f'<p class="ka-join-how">{escape(text["scan"])}</p>{note}</div>'
    )


#: The address a site built without ``site_url`` is served at (``mkdocs serve``'s default).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def render_markers(html: str, page: PageRef, site_url: str | None) -> str:
    """Replace the join marker with the address and QR code of the address the site is for."""
    if not MARKER.search(html):
        return html
    block = render_join(site_url or DEFAULT_SITE_URL, page.lang)
    return MARKER.sub(lambda _: block, html)
