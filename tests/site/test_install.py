"""Installing the playbook on a phone: each language's manifest, its icons, and the page links."""

from __future__ import annotations

import json
import re
import struct

import pytest

pytestmark = pytest.mark.site

LANGUAGES = (("en", ""), ("zh", "zh/"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(("lang", "prefix"), LANGUAGES)
def test_each_language_has_a_manifest_whose_icons_exist_at_their_declared_sizes(
    built_site, lang, prefix
):
    folder = built_site / prefix
    manifest = json.loads((folder / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["lang"] == ("zh-CN" if lang == "zh" else "en")
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    purposes = set()
    for icon in manifest["icons"]:
        file = (folder / icon["src"]).resolve()
        assert file.is_file(), icon["src"]
        if icon["type"] == "image/png":
            width, height = png_size(file.read_bytes())
            assert icon["sizes"] == f"{width}x{height}"
            purposes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= purposes


@pytest.mark.parametrize(
    ("page", "root"), [("key-accounts/", "../"), ("zh/key-accounts/", "../../")]
)
def test_every_page_links_its_manifest_and_an_apple_touch_icon(built_site, page, root):
    html = (built_site / page / "index.html").read_text("utf-8")
    manifest = re.search(r'<link rel="manifest" href="([^"]+)">', html)
    touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html)
    assert manifest and touch
    assert (built_site / page / manifest.group(1)).resolve().is_file()
    icon = (built_site / page / touch.group(1)).resolve()
    assert touch.group(1).startswith(root) and png_size(icon.read_bytes()) == (180, 180)
