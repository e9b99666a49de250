"""The glossary as data: its terms, and the one word the site uses for each concept.

The glossary pages (``docs/glossary.md``, ``docs/glossary.zh.md``) are the source of truth.
This module reads them for the tests (``tests/test_terms.py``) and writes the word list that
the Chinese search index segments by, so a query such as 关键潜在客户 or 围墙准则 is one word
there, as a reader types it:

    .venv/bin/python scripts/glossary_terms.py     # rewrite scripts/jieba_terms.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
JIEBA_TERMS = ROOT / "scripts" / "jieba_terms.txt"

#: Longest word handed to the Chinese segmenter: longer terms are phrases, found by their parts.
MAX_WORD = 8


def _table_after(text: str, heading_id: str) -> list[list[str]]:
    """The rows (cells stripped) of the first table under the heading ``{#heading_id}``."""
    start = text.index(f"{{#{heading_id}}}")
    rows: list[list[str]] = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # without the header row


def preferred_terms(lang: str) -> list[tuple[str, list[str]]]:
    """(the word to use, the variants not to use) from the glossary's "one term" table."""
    page = DOCS / ("glossary.zh.md" if lang == "zh" else "glossary.md")
    pairs = []
    for use, avoid, *_ in _table_after(page.read_text("utf-8"), "one-term"):
        variants = [v.strip() for v in re.split("[、,]", avoid) if v.strip()]
        pairs.append((use, variants))
    return pairs


def chinese_terms() -> list[str]:
    """Every Chinese term of the glossary, split at its commas, as short words."""
    text = (DOCS / "glossary.zh.md").read_text("utf-8")
    words: list[str] = []
    for row in _table_after(text, "terms"):
        term = re.sub(r"[*（(].*?[）)]|\*", "", row[0])
        for part in re.split("[，、/]", term):
            part = re.sub(r"[^\u4e00-\u9fff]", "", part)
            if 2 <= len(part) <= MAX_WORD and part not in words:
                words.append(part)
    return sorted(words)


def search_words() -> list[str]:
    """The glossary terms jieba would cut into three or more pieces (关键/潜在/客户).

    A reader types such a term whole, and the search matches a word by its beginning, so the
    index must hold it whole. Two-piece terms (销售/漏斗) stay cut: 漏斗 alone must still find
    the funnel page.
    """
    import jieba  # the site's own Chinese segmenter (docs extra)

    jieba.setLogLevel(60)
    return [w for w in chinese_terms() if len(jieba.lcut(w, HMM=False)) >= 3]


def jieba_dictionary() -> str:
    """jieba's user dictionary format: one word per line, with a frequency that keeps it whole."""
    return "".join(f"{word} 100000\n" for word in search_words())


def main() -> int:
    JIEBA_TERMS.write_text(jieba_dictionary(), encoding="utf-8")
    print(f"wrote {len(search_words())} words to {JIEBA_TERMS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
