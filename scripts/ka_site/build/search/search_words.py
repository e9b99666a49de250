"""The methodology's words kept whole in the Chinese search index.

Material's search plugin segments Chinese text with jieba at build time. A term jieba does not
know is cut into pieces, and when a piece is a single character that means nothing alone (不重方法
into 不, 重 and 方法; 结网法 into 结网 and 法; 大客户 into 大 and 客户), a reader typing the term
finds it only piece by piece, and a page that merely holds the pieces can rank above the page
that defines it. Those terms of the glossary (``docs/glossary.zh.md``, the "terms" and "one term
per concept" tables), and a few words readers type (开场白, 开放式, 扫街…), are given to jieba as a
user dictionary (``search.jieba_dict_user`` in ``mkdocs.yml``), one word a line with a frequency
high enough that jieba keeps it whole.

A term whose pieces are words of their own (销售漏斗 is 销售 and 漏斗; 围墙准则 is 围墙 and 准则)
stays cut: the search box matches the start of a word, so kept whole it would hide 漏斗 from a
reader who types 漏斗. Longer terms (five characters and more) are phrases, and stay cut too.

The dictionary is a file in the repository, written from the glossary by

    .venv/bin/python -m ka_site.build.search.search_words

and a test checks it is up to date (``tests/test_search_words.py``).
"""

from __future__ import annotations

import logging
import re
import sys

import jieba

from ka_site.glossary_terms import DOCS, _table_after, preferred_terms
from ka_site.paths import ROOT

DICTIONARY = ROOT / "scripts" / "ka_site" / "build" / "search" / "search_words.zh.txt"
#: jieba's frequency for a user word: above any word of its own dictionary that could split it.
FREQUENCY = 100000
#: Words a reader types that are not glossary terms of their own.
EXTRA = ("扫街", "开场白", "开放式", "封闭式", "分档", "万元")

#: Words of two to four Chinese characters (a longer term is a phrase).
_HAN_WORD = re.compile("^[\u4e00-\u9fff]{2,4}$")


def cut_into_a_lone_character(word: str) -> bool:
    """Whether jieba, with its own dictionary only, cuts ``word`` leaving a one-character piece."""
    jieba.setLogLevel(logging.WARNING)
    pieces = jieba.lcut(word)
    return len(pieces) > 1 and any(len(piece) == 1 for piece in pieces)


def glossary_words() -> list[str]:
    """The glossary's Chinese terms, each cut at its list marks and without its brackets."""
    text = (DOCS / "glossary.zh.md").read_text("utf-8")
    words: list[str] = []
    for row in _table_after(text, "terms"):
        term = re.sub(r"\*\*|（[^）]*）", "", row[0])
        words.extend(re.split("[、，,/ ]+", term))
    for use, _variants in preferred_terms("zh"):
        words.append(use)
    return words


def dictionary() -> str:
    """The user dictionary's text: one ``word frequency`` a line, sorted, no duplicates."""
    terms = {w.strip() for w in glossary_words()}
    kept = sorted(
        {w for w in terms if _HAN_WORD.match(w) and cut_into_a_lone_character(w)} | set(EXTRA)
    )
    return "".join(f"{w} {FREQUENCY}\n" for w in kept)


def main() -> int:
    DICTIONARY.write_text(dictionary(), encoding="utf-8")
    print(f"wrote {DICTIONARY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
