"""The playbook's icon as a phone's home screen needs it: PNG files drawn from the one SVG.

The site's icon is ``docs/assets/favicon.svg``. Browsers show it in a tab, but a phone that
installs the site wants bitmaps: Android asks the manifest for 192 and 512 pixel PNGs (and a
"maskable" one it may crop to a circle or a squircle), iPhones and iPads read only a 180 pixel
``apple-touch-icon``. They are rendered at build time with resvg (``resvg-py``), so the SVG stays
the one drawing and no bitmap is kept in the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ICON_FOLDER = "assets/icons"


@dataclass(frozen=True)
class Icon:
    """One rendered icon: its file under ``assets/icons/``, its size and the manifest purpose."""

    name: str
    size: int
    purpose: str  # "any": shown as drawn; "maskable": the platform may crop its edges


ICONS = (
    Icon("icon-192.png", 192, "any"),
    Icon("icon-512.png", 512, "any"),
    Icon("maskable-512.png", 512, "maskable"),
)
APPLE_TOUCH_ICON = Icon("apple-touch-icon.png", 180, "any")

#: A maskable icon keeps what matters inside the middle 80 % (a circle may cut the rest), and is
#: full bleed: the drawing is shrunk to 70 % on a square of the icon's background colour.
MASKABLE_SCALE = 0.7


def maskable(svg: str) -> str:
    """The icon drawn full bleed: square corners, its content shrunk into the safe zone."""
    view = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if view is None:
        raise ValueError("the icon's SVG needs a viewBox starting at 0 0")
    width, height = float(view.group(1)), float(view.group(2))
    square = re.sub(r'\s+rx="[\d.]+"', "", svg, count=1)  # the background rect, corners square
    inner = (1 - MASKABLE_SCALE) / 2
    body_start = square.index(">", square.index("<rect")) + 1
    body_end = square.rindex("</svg>")
    shrunk = (
        f'<g transform="translate({width * inner:g} {height * inner:g}) '
        f'scale({MASKABLE_SCALE:g})">{square[body_start:body_end]}</g>'
    )
    return square[:body_start] + shrunk + "</svg>"


def render(svg: str, size: int) -> bytes:
    """The SVG as a square PNG of ``size`` pixels."""
    import resvg_py  # the build's renderer; imported here so the rest of ka_site does not need it

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))


def write_icons(site: Path, svg_file: Path) -> None:
    """Render every icon of :data:`ICONS` and the Apple touch icon into the built site."""
    svg = svg_file.read_text("utf-8")
    folder = site / ICON_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for icon in (*ICONS, APPLE_TOUCH_ICON):
        drawing = maskable(svg) if icon.purpose == "maskable" else svg
        (folder / icon.name).write_bytes(render(drawing, icon.size))


def manifest_icons(root: str) -> list[dict[str, str]]:
    """The manifest's ``icons``: the SVG at any size, then the PNGs (``root``: to the site)."""
    return [
        {
            "src": f"{root}assets/favicon.svg",
            "sizes": "any",
            "type": "image/svg+xml",
            "purpose": "any",
        },
        *(
            {
                "src": f"{root}{ICON_FOLDER}/{icon.name}",
                "sizes": f"{icon.size}x{icon.size}",
                "type": "image/png",
                "purpose": icon.purpose,
            }
            for icon in ICONS
        ),
    ]
