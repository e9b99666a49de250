"""Data from outside the engine, bounded before it is parsed: JSON text and packed share links.

A reader's browser sends JSON (a form's state), a debrief reads other groups' share links, the
command line reads settings files: each could be damaged, huge or built to hurt. Python's JSON
reader recurses once per level of nesting, and in the browser a few thousand levels overflow the
JavaScript stack and take the whole Python runtime down ("Maximum call stack size exceeded");
a few kilobytes of DEFLATE can unpack to gigabytes. So the size is checked first, then the depth
is counted without parsing (brackets outside strings), and a packed link is unpacked only up to
its limit. Every refusal is the one input error, with its message in both languages.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from itertools import accumulate, count
from operator import sub
from typing import Any

from ._text import InputError

#: How deep a state may nest: a form's state is three levels deep (fields, rows, cells); a few
#: more leave room, thousands are an attack or an accident.
MAX_JSON_DEPTH = 32
#: The most characters of JSON the engine reads from outside: the largest state any form can
#: hold (:attr:`~calculators.core.Calculator.max_state_chars`: 10,000 prospects of ten
#: criteria, every cell at its limit) fits, a runaway paste does not.
MAX_JSON_CHARS = 32_000_000
#: The most characters a packed share link's state may unpack to (the site's own limit for a
#: link is far lower; this guards the debrief's reading of other groups' links).
MAX_UNPACKED_CHARS = 1_000_000

#: A backslash and the character it escapes (in valid JSON, only ever inside a string).
_ESCAPE = re.compile(r"\\.", re.DOTALL)
#: Everything but brackets.
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
#: Each bracket as a step of depth plus one: an opening one 2, a closing one 0.
_STEP = bytes.maketrans(b"[]{}", b"\x02\x00\x02\x00")


class Untrusted(ValueError):
    """Data that cannot be read: damaged (``damaged``), too big or too deep.

    ``zh`` and ``en`` say what is wrong as a predicate ("nests more than 32 levels deep"), for a
    message that names the data first (the inputs, a group's link, a settings file).
    """

    def __init__(self, zh: str, en: str, *, damaged: bool = False) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.damaged = damaged


def _too_big(limit: int) -> Untrusted:
    return Untrusted(
        f"超过 {limit:,} 个字符的上限", f"is longer than {limit:,} characters, the limit"
    )


def _depth(text: str) -> int:
    """How deep JSON ``text`` nests: the most brackets open at once outside its strings.

    Counted without parsing, and without a Python step per character: the escapes go first
    (so every quote left starts or ends a string), then the strings, then all but the
    brackets; the depth is the highest running sum of their steps, in C.
    """
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    brackets = _NOT_BRACKET.sub("", "".join(text.split('"')[::2]))
    steps = brackets.encode("ascii").translate(_STEP)
    return max(map(sub, accumulate(steps), count(1)), default=0)


def check_json(text: str, max_chars: int = MAX_JSON_CHARS) -> None:
    """Refuse JSON text (:class:`Untrusted`) that is longer or nests deeper than ours can be."""
    if len(text) > max_chars:
        raise _too_big(max_chars)
    if _depth(text) > MAX_JSON_DEPTH:
        raise Untrusted(
            f"嵌套超过 {MAX_JSON_DEPTH} 层，不是本网站保存的数据",
            f"nests more than {MAX_JSON_DEPTH} levels deep, which no state of this site does",
        )


def loads(text: str, max_chars: int = MAX_JSON_CHARS) -> Any:
    """JSON text parsed once its size and depth are checked; :class:`Untrusted` otherwise."""
    check_json(text, max_chars)
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise Untrusted("不是有效的 JSON", "is not valid JSON", damaged=True) from None


def read_json(text: str) -> Any:
    """JSON text from the page: the one input error if it is too big, too deep or not JSON."""
    try:
        return loads(text)
    except Untrusted as problem:
        raise InputError(
            "", f"发给计算器的数据{problem.zh}。", f"What was sent to the calculator {problem.en}."
        ) from None


def unpack_link_state(packed: str, max_chars: int = MAX_UNPACKED_CHARS) -> Any:
    """The JSON a share link's state holds (raw DEFLATE in base64url, no padding), unpacked
    only up to ``max_chars`` and checked for depth before it is parsed; :class:`Untrusted`
    if it is damaged, too big or too deep."""
    if len(packed) > max_chars:
        raise _too_big(max_chars)
    padded = packed + "=" * (-len(packed) % 4)
    try:
        data = base64.urlsafe_b64decode(padded)
        inflater = zlib.decompressobj(-15)
        # UTF-8 takes at most 4 bytes a character: more bytes than that are more characters
        raw = inflater.decompress(data, 4 * max_chars + 1)
        if len(raw) > 4 * max_chars or inflater.unconsumed_tail:
            raise _too_big(max_chars)
        if not inflater.eof:
            raise zlib.error("the packed data is cut short")
        text = raw.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError) as error:
        raise Untrusted("已损坏", f"is damaged ({error})", damaged=True) from None
    if len(text) > max_chars:
        raise _too_big(max_chars)
    return loads(text, max_chars)
