"""Room mode: serve the playbook to the training room's local network, from the trainer's laptop.

``bash scripts/serve.sh --room`` runs this. It finds the laptop's address on the room's network,
builds the site for that address (Material's instant navigation and the join page's QR code
both need it), serves it there with the production server of :mod:`ka_site.serve` (WhiteNoise
behind Waitress, the Pyodide runtime included), and prints the address and the join page's.
Learners scan the join page's code with their phones; nothing needs the internet.

The server binds to that one address, and only when asked: ``serve.sh`` without ``--room``
stays on 127.0.0.1. ``--host`` names the address to use instead of the one found (the tests
use 127.0.0.1 and nothing else).

Usage: ``python -m ka_site.room [--host ADDRESS] [--port PORT] [--site DIR]``.
"""

from __future__ import annotations

import argparse
import io
import socket
import sys
from pathlib import Path

import segno

from ka_site import serve  # build() and make_server()

DEFAULT_PORT = 8000


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


def announce(site_url: str, seconds: float) -> str:
    """What the command prints once it serves: the address, the join page, a code to scan."""
    code = segno.make(site_url, error="m")
    lines = [
        f"Built in {seconds:.1f} s. Room mode: the playbook is served to this network at",
        "",
        f"    {site_url}",
        "",
        f"Project the join page for the room:  {join_page(site_url)}",
        f"中文加入页面：                        {site_url}zh/workshop/join/",
        "Phones scan the code on that page (or this one) and must be on the same Wi-Fi.",
        "Press Ctrl+C to stop.",
    ]
    text = io.StringIO()
    code.terminal(out=text, compact=True)
    return "\n".join(lines) + "\n\n" + text.getvalue()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="serve.sh --room", description=__doc__.split("\n")[0])
    parser.add_argument("--host", help="the address to serve on (default: this laptop's)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--site", type=Path, default=serve.SITE, help="where to build the site")
    args = parser.parse_args(argv)
    host = args.host or room_address()
    if host.startswith("127.") and not args.host:
        print(
            "No local network found: room mode serves this computer only (127.0.0.1).\n"
            "Connect the laptop to the room's Wi-Fi (or a phone's hotspot) and start again.",
            flush=True,
        )
    site_url = f"http://{host}:{args.port}/"
    serve.serve(host, args.port, args.site, site_url, announce=announce)


if __name__ == "__main__":
    main(sys.argv[1:])
