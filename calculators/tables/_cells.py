"""What an Excel cell's display format says about the number it stores.

Excel shows a number through its format, and reps read the display, not the stored value: a
cell formatted ``0.0%`` stores 0.35 and shows 35.0%; a cell formatted ``0!.0000"万"`` stores
1,234,567 (元) and shows 123.4567万; ``"¥"#,##0`` and ``[$$-409]#,##0`` name a currency. The
reader puts such a cell through the same checks as the text it shows (:class:`FormattedNumber`),
so a numeric cell never skips the unit checks a text cell gets. Stdlib only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core._numbers import unit_word

_QUOTED = re.compile(r'"([^"]*)"')
_BRACKET_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]")
_BRACKETS = re.compile(r"\[[^\]]*\]")
#: A literal dot inserted into the digits (``0!.0000``, ``0\.0000``): the display divides.
_INSERTED_POINT = re.compile(r"[!\\]\.(0+)")
#: Commas right after the last digit: each divides the display by 1,000 (``#,##0,``).
_SCALING_COMMAS = re.compile(r"[0#?](,+)(?=[^0#?,]*$)")
#: What a cell stores when its display shows 万 or 亿 and divides by 10 to the power of the key.
_STORED_BY_SCALE = {
    "qian": {0: "qian", 3: "yuan"},
    "wan": {0: "wan", 4: "yuan"},
    "baiwan": {0: "baiwan", 3: "qian", 6: "yuan"},
    "yi": {0: "yi", 4: "wan", 8: "yuan"},
}


@dataclass(frozen=True)
class FormattedNumber:
    """A number stored in an Excel cell, with the unit its display format shows.

    ``unit`` is the unit of the *stored* value (``yuan``, ``wan``, ``yi``, ``percent`` or
    ``foreign:USD``); ``format`` is the display format, for the notice.
    """

    value: float
    unit: str
    format: str

    def text(self) -> str:
        """The number as a rep would type what the cell shows, unit included."""
        if self.unit == "percent":
            return f"{canonical(round(self.value * 100, 10))}%"
        word = {"yuan": "元", "qian": "千", "wan": "万", "baiwan": "百万", "yi": "亿"}.get(
            self.unit
        )
        if word is None:  # another currency: its code, refused as such
            return f"{canonical(self.value)} {self.unit.split(':', 1)[1]}"
        return f"{canonical(self.value)}{word}"


def canonical(value: float) -> str:
    """A stored number as plain text: no grouping, a decimal point, no trailing ``.0``."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def display_unit(number_format: str | None) -> str | None:
    """The unit of the value a cell *stores*, as its display format shows it, or None."""
    if not number_format or number_format == "General":
        return None
    section = number_format.split(";", 1)[0]  # the positive numbers' section
    words = _QUOTED.findall(section) + _BRACKET_CURRENCY.findall(section)
    bare = _BRACKETS.sub("", _QUOTED.sub("", section))
    if "%" in bare:
        return "percent"
    words += [c for c in bare if c in "¥￥$€£円元万亿"]
    units = [u for u in (unit_word(w.strip()) for w in words if w.strip()) if u is not None]
    if not units:
        return None
    unit = units[-1]
    if unit in _STORED_BY_SCALE:
        # shows 万 by moving the point: four places (0!.0000) or three by a comma and one by
        # an inserted point (#,##0!.0,): it stores 元
        inserted = _INSERTED_POINT.search(bare)
        commas = _SCALING_COMMAS.search(bare)
        scale = (len(inserted.group(1)) if inserted else 0) + 3 * (
            len(commas.group(1)) if commas else 0
        )
        return _STORED_BY_SCALE[unit].get(scale, unit)
    return unit
