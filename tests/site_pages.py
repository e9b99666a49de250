"""The playbook's pages: their sources in docs/ and their paths in the built site."""

from __future__ import annotations

from pathlib import Path

from ka_site.paths import language_prefix

DOCS = Path(__file__).resolve().parent.parent / "docs"

#: Every English source page (docs/<x>.md); its Chinese twin is docs/<x>.zh.md.
ENGLISH_PAGES = sorted(
    p.relative_to(DOCS).as_posix()
    for p in DOCS.rglob("*.md")
    if not p.name.endswith(".zh.md") and "overrides" not in p.parts
)


def built_path(source: str, lang: str) -> str:
    """docs/<x>.md -> the built page's path inside the site ('' for the home page)."""
    stem = source[: -len(".md")]
    if stem == "index":
        path = ""
    elif stem.endswith("/index"):
        path = stem[: -len("index")]
    else:
        path = stem + "/"
    return language_prefix(lang) + path


#: Every built page, English and Chinese.
ALL_PATHS = [built_path(source, lang) for source in ENGLISH_PAGES for lang in ("en", "zh")]
