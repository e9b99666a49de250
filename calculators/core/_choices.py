"""A choice as a rep writes it: its key, or its label in either language.

Error messages list a choice by its label (``需求已经规定并且建立了兴趣(20%)``), so a rep who
copies the label from the message, drops the ``(20%)`` suffix, types it with full-width brackets
or in another case must get the same choice as the key (``need_defined``). Stdlib only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

_SUFFIX = re.compile(r"\s*\(\s*[\d.]+\s*%\s*\)\s*$")
_SPACES = re.compile(r"\s+")
#: A space beside a Chinese character is typography (准则 1, 准则1), not a difference.
_SPACE_BESIDE_HAN = re.compile("(?<=[\u3400-\u9fff]) | (?=[\u3400-\u9fff])")


def comparable(text: str) -> str:
    """Text as compared with a choice: NFKC (full-width as ASCII), case-folded, spaces single,
    none beside a Chinese character."""
    single = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return _SPACE_BESIDE_HAN.sub("", single).casefold()


def names_of(value: str, labels: Iterable[str]) -> set[str]:
    """Every way to write one choice: its key, its labels, and its labels without ``(20%)``."""
    names = {comparable(value)}
    for label in labels:
        names.add(comparable(label))
        names.add(_SUFFIX.sub("", comparable(label)))
    return names


@functools.lru_cache(maxsize=256)
def _index(choices: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, frozenset[str]]:
    """Every way to write each choice, for one field's choices (built once per field)."""
    return {key: frozenset(names_of(key, labels)) for key, labels in choices}


def match_choice(text: str, choices: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The key of the one choice ``text`` names (``choices`` = (key, labels) pairs), or None.

    A text that names two choices (never the case for the declared labels) is no match.
    """
    choices = tuple((key, tuple(labels)) for key, labels in choices)
    wanted = comparable(text)
    found = {key for key, names in _index(choices).items() if wanted in names}
    if len(found) == 1:
        return found.pop()
    if not found:
        stripped = _SUFFIX.sub("", wanted)
        if stripped != wanted:
            return match_choice(stripped, choices)
    return None
