"""Band tables and thresholds on the playbook's pages, written from the models' declarations.

A page never restates a band edge by hand. It places a marker where the number or the table
goes, and the site build replaces the marker with text made from the model's :class:`Bands`:

``<!-- bands:screening -->``
    the band table (range, band, what to do), on a line of its own;
``<!-- range:screening.hold -->``
    one band's range in the page's language (``below 8`` / ``低于 8 分``); ``Range`` with a
    capital starts a sentence or a list item with it (``Below 8``);
``<!-- edge:screening.invest.lower -->``
    one edge with its unit (``8`` / ``8 分``): the lower or upper end of a band.

A declaration's name is its model's slug, or ``slug.axis`` for a second set of bands in the
same model (``wall.potential``). Pure text in, text out: the site hook calls :func:`expand`.
"""

from __future__ import annotations

import re

from calculators import REGISTRY
from calculators.core._bands import Bands, band_table

#: A band table: the marker alone on its line (its indent is kept, so it works in a list or a
#: note box too).
BLOCK = re.compile(r"^(?P<indent>[ \t]*)<!--\s*bands:(?P<name>[a-z_.]+)\s*-->[ \t]*$", re.M)
#: A range or an edge, anywhere in a line.
INLINE = re.compile(r"<!--\s*(?P<what>range|Range|edge):(?P<ref>[A-Za-z0-9_.]+)\s*-->")


class MarkerError(ValueError):
    """A marker names a declaration, band or edge that does not exist."""


def declared_bands() -> dict[str, Bands]:
    """Every :class:`Bands` the calculators declare, by name (found in the modules themselves)."""
    found: dict[str, Bands] = {}
    for slug in REGISTRY:
        module = REGISTRY.module(slug)
        for value in vars(module).values():
            if isinstance(value, Bands):
                other = found.setdefault(value.name, value)
                if other is not value:
                    raise MarkerError(f"two band declarations are called {value.name!r}")
    return found


def _bands(name: str, known: dict[str, Bands]) -> Bands:
    try:
        return known[name]
    except KeyError:
        raise MarkerError(
            f"no band declaration called {name!r} (known: {', '.join(sorted(known))})"
        ) from None


def _band_key(bands: Bands, key: str) -> str:
    if key not in bands.band_keys():
        raise MarkerError(
            f"bands {bands.name!r} have no band {key!r} (known: {', '.join(bands.band_keys())})"
        )
    return key


def render_range(ref: str, lang: str, known: dict[str, Bands] | None = None) -> str:
    """The text of ``<!-- range:NAME.BAND -->``: that band's range in ``lang``."""
    known = declared_bands() if known is None else known
    name, _, key = ref.rpartition(".")
    bands = _bands(name, known)
    return bands.range(_band_key(bands, key)).get(lang)


def render_edge(ref: str, lang: str, known: dict[str, Bands] | None = None) -> str:
    """The text of ``<!-- edge:NAME.BAND.lower -->`` (or ``.upper``): that edge with its unit."""
    known = declared_bands() if known is None else known
    head, _, end = ref.rpartition(".")
    name, _, key = head.rpartition(".")
    bands = _bands(name, known)
    band = bands[_band_key(bands, key)]
    if end not in ("lower", "upper"):
        raise MarkerError(f"an edge is 'lower' or 'upper', not {end!r} (in {ref!r})")
    edge = band.lower if end == "lower" else band.upper
    if edge is None:
        raise MarkerError(f"band {key!r} of {name!r} has no {end} edge (in {ref!r})")
    return bands.unit.number(edge.value).get(lang)


def render_table(name: str, lang: str, known: dict[str, Bands] | None = None) -> str:
    """The text of ``<!-- bands:NAME -->``: the band table as Markdown, in ``lang``."""
    known = declared_bands() if known is None else known
    return band_table(_bands(name, known), lang)


def expand(markdown: str, lang: str) -> str:
    """A page's Markdown with every band marker replaced by text from the declarations.

    Raises :class:`MarkerError` for a marker that names nothing declared, so a typo fails the
    build instead of leaving a hole in the page.
    """
    if "<!--" not in markdown:
        return markdown
    known = declared_bands()

    def block(match: re.Match[str]) -> str:
        table = render_table(match["name"], lang, known)
        return "\n".join(match["indent"] + line for line in table.splitlines())

    def inline(match: re.Match[str]) -> str:
        if match["what"] == "range":
            return render_range(match["ref"], lang, known)
        if match["what"] == "Range":
            text = render_range(match["ref"], lang, known)
            return text[:1].upper() + text[1:]
        return render_edge(match["ref"], lang, known)

    return INLINE.sub(inline, BLOCK.sub(block, markdown))
