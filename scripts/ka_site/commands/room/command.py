"""Room mode: serve the playbook to the training room's local network, from the trainer's laptop.

``bash scripts/serve.sh --room`` runs this. It finds the laptop's address on the room's network,
builds the site for that address (Material's instant navigation and the join page's QR code
both need it) as room mode's pages, serves it there with the production server of
:mod:`ka_site.commands.serve` (WhiteNoise behind Waitress, the Pyodide runtime included) with the
room service beside it (:mod:`ka_site.commands.room.api`, its state in SQLite in ``--data``), and
prints the address, the join page's and the trainer's. Learners scan the join page's codes with
their phones; nothing needs the internet, and a restart loses nothing.

The server binds to that one address, and only when asked: ``serve.sh`` without ``--room``
stays on 127.0.0.1. ``--host`` names the address to use instead of the one found (the tests
use 127.0.0.1 and nothing else).

Usage: ``python -m ka_site.commands.room [--host ADDRESS] [--port PORT] [--site DIR] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import io
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import segno

from ka_site.commands import serve  # build() and make_server()
from ka_site.commands.room.api import RoomApi, room_app
from ka_site.commands.room.store import RoomStore
from ka_site.paths import ROOT, language_prefix

DEFAULT_PORT = 8000
#: Where the room keeps its state unless ``--data`` says otherwise (README: "Room mode").
DEFAULT_DATA = ROOT / "room-data"


def room_address() -> str:
    """The laptop's address on the local network: the one its traffic would leave from.

    A UDP socket "connected" to a private address sends nothing; it only asks the system which
    of its addresses it would use. With no network at all this is the loopback address.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def join_page(site_url: str) -> str:
    """The join page's address: the page to put on the projector."""
    return f"{site_url}workshop/join/"


def trainer_page(site_url: str, key: str) -> str:
    """The join page with the trainer key: opened once on the laptop (or the trainer's own
    device), it keeps the key and shows each activity's code, the quiz and the export."""
    return f"{join_page(site_url)}?trainer={key}"


def announcer(store: RoomStore, data: Path) -> Callable[[str, float | None], str]:
    """What the command prints once it serves: the addresses, the trainer's, a code to scan."""

    def announce(site_url: str, seconds: float | None) -> str:
        code = segno.make(site_url, error="m")
        chinese = site_url + language_prefix("zh")
        lines = [
            serve.built_line(seconds),
            "Room mode: the playbook is served to this network at",
            "",
            f"    {site_url}",
            "",
            f"Project the join page for the room:  {join_page(site_url)}",
            f"中文加入页面：                        {join_page(chinese)}",
            "Phones scan the codes on that page (or this one) and must be on the same Wi-Fi.",
            "",
            "Trainer (open this on the laptop; it holds the trainer key, keep it to yourself):",
            f"    {trainer_page(site_url, store.trainer_key)}",
            f"    {trainer_page(chinese, store.trainer_key)}",
            "",
            f"The room's groups, tables and quizzes are kept in {data} (restarting loses nothing).",
            "Press Ctrl+C to stop.",
        ]
        text = io.StringIO()
        code.terminal(out=text, compact=True)
        return "\n".join(lines) + "\n\n" + text.getvalue()

    return announce


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="serve.sh --room", description=__doc__.split("\n")[0])
    parser.add_argument("--host", help="the address to serve on (default: this laptop's)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--site", type=Path, default=serve.SITE, help="where to build the site")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="where the room keeps its state (SQLite)"
    )
    args = parser.parse_args(argv)
    host = args.host or room_address()
    if host.startswith("127.") and not args.host:
        print(
            "No local network found: room mode serves this computer only (127.0.0.1).\n"
            "Connect the laptop to the room's Wi-Fi (or a phone's hotspot) and start again.",
            flush=True,
        )
    site_url = f"http://{host}:{args.port}/"
    store = RoomStore(args.data)
    api = RoomApi(store, site_url, host)
    serve.serve(
        host,
        args.port,
        args.site,
        site_url,
        announce=announcer(store, args.data),
        fallback=lambda not_found: room_app(api, not_found),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
