"""The home-screen icons a phone asks for are drawn from the one SVG icon
(ka_site.build.offline.icons)."""

from __future__ import annotations

import struct
from pathlib import Path

from ka_site.build.offline.icons import ICONS, MASKABLE_SCALE, manifest_icons, maskable, render

SVG = (Path(__file__).resolve().parents[1] / "docs" / "assets" / "favicon.svg").read_text("utf-8")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_each_icon_is_rendered_at_the_size_the_manifest_declares():
    for icon in ICONS:
        assert png_size(render(SVG, icon.size)) == (icon.size, icon.size)


def test_android_gets_192_and_512_pixels_and_a_maskable_icon():
    sizes = {(i["sizes"], i["purpose"]) for i in manifest_icons("") if i["type"] == "image/png"}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_a_chinese_manifest_points_one_folder_up_to_the_shared_icons():
    for icon in manifest_icons("../"):
        assert icon["src"].startswith("../assets/")


def test_the_maskable_icon_is_full_bleed_with_its_drawing_in_the_safe_zone():
    drawn = maskable(SVG)
    assert 'rx="' not in drawn  # square corners: the platform crops it to its own shape
    assert f"scale({MASKABLE_SCALE:g})" in drawn
    assert drawn.count("<path") == SVG.count("<path")  # the same drawing, only smaller
    assert png_size(render(drawn, 512)) == (512, 512)
