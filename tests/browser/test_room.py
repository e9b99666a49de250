"""Room mode: ``bash scripts/serve.sh --room`` serves the room and its join page holds a QR code
that decodes to the address it serves.

Tests never use another address than 127.0.0.1 (``--host 127.0.0.1``). The QR code is decoded
from a screenshot of the page by Debian's ``zbarimg`` (zbar-tools), not by the code that drew it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

# one room server (and its build) for the module's tests, on one pytest-xdist worker
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("room")]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """The room server as the README's command starts it, on 127.0.0.1 at a free port."""
    port = free_port()
    site = tmp_path_factory.mktemp("room-site")
    command = ["bash", "scripts/serve.sh", "--room", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--site", str(site)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    printed: list[str] = []
    deadline = time.monotonic() + 600
    try:
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            printed.append(line)
            if "Ctrl+C" in line:
                break
        assert any("Ctrl+C" in line for line in printed), "".join(printed)[-2000:]
        yield f"http://127.0.0.1:{port}/", "".join(printed)
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server this fixture started, and only it
        process.wait(timeout=30)


def decode_qr(png: Path) -> str:
    tool = shutil.which("zbarimg")
    if tool is None:
        pytest.fail("zbarimg is missing: run bash scripts/setup.sh --test (zbar-tools)")
    run = subprocess.run([tool, "--raw", "-q", str(png)], capture_output=True, text=True)
    return run.stdout.strip()


def test_room_mode_prints_the_address_it_answers_on(room):
    address, printed = room
    assert address in printed and f"{address}workshop/join/" in printed
    with urllib.request.urlopen(address) as response:
        assert response.status == 200


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_join_page_shows_a_qr_code_that_decodes_to_the_served_address(browser, room, lang):
    address, _ = room
    expected = address + ("zh/" if lang == "zh" else "")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{expected}workshop/join/")
        shown = page.locator(".ka-join-address")
        assert shown.inner_text().strip() == expected
        assert float(shown.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 36
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"room-join-{lang}.png"))
        code = ARTIFACTS / f"room-join-qr-{lang}.png"
        page.locator(".ka-join-qr").screenshot(path=str(code))
        assert decode_qr(code) == expected
    finally:
        context.close()
