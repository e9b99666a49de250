"""The site's own words, as data: ``ui/en.toml`` and ``ui/zh.toml`` beside this module.

Every button, notice and status line that is not a model's lives there, one file per language,
grouped by the part of the site that shows it (:data:`SECTIONS`). A translator edits one file
and never the code. The files are read once and checked before anything is built from them:
both languages have exactly the same sections and keys, every value is a non-empty string, and a
string's ``{placeholders}`` (filled in by the page's script) are the same in both languages.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from string import Formatter

from ka_site.pages import LANGUAGES, Lang, SiteBuildError

#: Where the word files are.
UI_DIR = Path(__file__).resolve().parent / "ui"
#: The parts of the site with words of their own: the calculator widget, the scoreboard's
#: folding buttons, the offline copy and the installed app, room mode's join page, room mode's
#: service (the phone's room bar, the trainer's console, the room's refusals), the theme's
#: templates, and the worksheets printed for the training room.
SECTIONS = ("widget", "board", "offline", "room_join", "room", "theme", "worksheet")

#: One language's words: section -> key -> text.
Words = Mapping[str, Mapping[str, str]]


def placeholders(text: str) -> frozenset[str]:
    """The ``{name}`` fields of a string (``{limit}`` in "at most {limit} MB")."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name is not None)


def _read(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SiteBuildError(f"{path}: cannot be read as TOML: {error}") from error


def _shape_problems(lang: Lang, table: Mapping[str, object]) -> list[str]:
    """What is wrong with one word file's shape: unknown or missing sections, a section that
    is not a table of key = text, a text that is empty."""
    found: list[str] = []
    extra = sorted(set(table) - set(SECTIONS))
    missing = [s for s in SECTIONS if s not in table]
    if extra:
        found.append(f"{lang}: unknown sections {extra} (known: {list(SECTIONS)})")
    if missing:
        found.append(f"{lang}: missing sections {missing}")
    for section in SECTIONS:
        words = table.get(section, {})
        if not isinstance(words, dict):
            found.append(f"{lang}.{section}: is not a table of key = text")
            continue
        for key, text in words.items():
            if not isinstance(text, str) or not text.strip():
                found.append(f"{lang}.{section}.{key}: is not a non-empty text")
    return found


def _pair_problems(
    first: Lang, lang: Lang, section: str, base: dict[str, str], words: dict[str, str]
) -> list[str]:
    """Where one section of two word files differs: a key in one only, or a text whose
    placeholders differ."""
    found: list[str] = []
    for key in sorted(set(base) - set(words)):
        found.append(f"{lang}.{section}.{key}: missing (it is in {first})")
    for key in sorted(set(words) - set(base)):
        found.append(f"{first}.{section}.{key}: missing (it is in {lang})")
    for key in sorted(set(base) & set(words)):
        if placeholders(base[key]) != placeholders(words[key]):
            found.append(
                f"{section}.{key}: placeholders differ: {first} "
                f"{sorted(placeholders(base[key]))}, {lang} "
                f"{sorted(placeholders(words[key]))}"
            )
    return found


def problems(tables: Mapping[Lang, Mapping[str, object]]) -> list[str]:
    """Everything that keeps the word files from being used, one line each (empty when none)."""
    first, *others = LANGUAGES
    found = [line for lang in LANGUAGES for line in _shape_problems(lang, tables[lang])]
    if found:
        return found
    for section in SECTIONS:
        base = tables[first][section]
        assert isinstance(base, dict)
        for lang in others:
            words = tables[lang][section]
            assert isinstance(words, dict)
            found += _pair_problems(first, lang, section, base, words)
    return found


def load(folder: Path = UI_DIR) -> dict[Lang, dict[str, dict[str, str]]]:
    """Both languages' words from ``folder``, checked; a problem stops the build, named."""
    tables = {lang: _read(folder / f"{lang}.toml") for lang in LANGUAGES}
    found = problems(tables)
    if found:
        raise SiteBuildError(
            f"the site's words in {folder} do not match:\n" + "\n".join(f"  {p}" for p in found)
        )
    return {lang: _checked_words(tables[lang]) for lang in LANGUAGES}


def _checked_words(table: Mapping[str, object]) -> dict[str, dict[str, str]]:
    """One language's table, once :func:`problems` found nothing, as section -> key -> text."""
    out: dict[str, dict[str, str]] = {}
    for section in SECTIONS:
        words = table[section]
        assert isinstance(words, dict)
        out[section] = {str(key): str(text) for key, text in words.items()}
    return out


@cache
def _loaded(folder: Path, stamp: tuple[int, ...]) -> dict[Lang, dict[str, dict[str, str]]]:
    """The word files of ``folder`` as of ``stamp`` (their modification times): read again once
    edited, so ``mkdocs serve`` shows a changed word on its next rebuild."""
    return load(folder)


def _stamp(folder: Path) -> tuple[int, ...]:
    return tuple(
        path.stat().st_mtime_ns if path.exists() else 0
        for path in (folder / f"{lang}.toml" for lang in LANGUAGES)
    )


def theme_words() -> dict[Lang, dict[str, str]]:
    """The theme templates' words, per language (``ka_words[lang]`` in a template)."""
    return {lang: words("theme", lang) for lang in LANGUAGES}


def words(section: str, lang: Lang) -> dict[str, str]:
    """The words of one part of the site in one language (a copy: callers may add to it)."""
    if section not in SECTIONS:
        raise KeyError(f"no section {section!r} of the site's words (known: {SECTIONS})")
    return dict(_loaded(UI_DIR, _stamp(UI_DIR))[lang][section])
