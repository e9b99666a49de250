"""Every word the browser glue asks for is in the word files: a key the page reads
(``ui.status_live``, ``ui["board_item"]``, or a key written out in a ``..._WORDS`` table) is a key
of ``scripts/ka_site/ui/en.toml`` (and so of ``zh.toml``, whose keys the build checks equal), and
no key is built at run time from pieces, where no check could see it. The keys the site's Python
and the theme's templates put together (room mode's ``error_<code>`` and ``activity_<key>``, the
switch's ``palette_<scheme>``) have words for every piece they are built from."""

from __future__ import annotations

import re
import tomllib

from ka_site.build.engine.engine_version import engine_paths
from ka_site.paths import ROOT

SCRIPTS = sorted((ROOT / "docs" / "javascripts").glob("*.*js"))
#: ``ui.key`` or ``ui["key"]``, on any object named ``ui`` (``this.ui``, ``config.ui``, ``ui``)
READ = re.compile(r"\bui(?:\.([a-z][a-z0-9_]*)\b|\[\"([a-z0-9_]+)\"\])")
#: a table of keys: ``const NAME_WORDS = ...;`` up to the statement's end
TABLE = re.compile(r"const ([A-Z_]+_WORDS) = (.*?);\n", re.DOTALL)
LITERAL = re.compile(r'"([a-z][a-z0-9_]*)"')
#: a key put together at run time: ``ui[`...${...}`]``
BUILT = re.compile(r"\bui\[`")


def known_keys() -> set[str]:
    words = tomllib.loads((ROOT / "scripts" / "ka_site" / "ui" / "en.toml").read_text("utf-8"))
    keys = {key for section in words.values() if isinstance(section, dict) for key in section}
    return keys | set(engine_paths())  # the widget's data also carries the engine's addresses


def keys_read() -> dict[str, set[str]]:
    """Each key the scripts read, with the scripts that read it."""
    found: dict[str, set[str]] = {}
    for script in SCRIPTS:
        text = script.read_text("utf-8")
        keys = {a or b for a, b in READ.findall(text)}
        for _table, body in TABLE.findall(text):
            keys |= {k for k in LITERAL.findall(body) if "_" in k}
        for key in keys:
            found.setdefault(key, set()).add(script.name)
    return found


def test_every_key_the_page_reads_is_in_the_word_files():
    unknown = {k: sorted(v) for k, v in keys_read().items() if k not in known_keys()}
    assert not unknown, unknown


def test_no_key_is_put_together_at_run_time():
    built = [s.name for s in SCRIPTS if BUILT.search(s.read_text("utf-8"))]
    assert not built, f"a word's key built from pieces (write it out in a ..._WORDS table): {built}"


def test_the_tables_of_keys_are_seen():
    """The check reads the status, failure and refusal words the widget writes out."""
    keys = keys_read()
    for key in ("status_error_earlier", "failed_unanswered", "state_too_big", "board_share"):
        assert key in keys, key


# ------------------------------------------------------------------------ keys put together in
# Python and in the theme's templates: each piece they are built from has its words

ROOM = ROOT / "scripts" / "ka_site" / "commands" / "room"
OVERRIDES = ROOT / "docs" / "overrides"
#: ``Refused("403 Forbidden", "not_joined", ...)``: a refusal's code, read as ``error_<code>``
REFUSAL = re.compile(r'\bRefused\(\s*"[^"]*",\s*"([a-z_]+)"')
#: a word the theme's templates read: ``ka_words[config.theme.language].loading``, or
#: ``words.not_found_title`` where ``words`` is that table
THEME_READ = re.compile(r"(?:ka_words\[config\.theme\.language\]|\bwords)\.([a-z_]+)")


def words_of(section: str, lang: str = "en") -> dict[str, str]:
    path = ROOT / "scripts" / "ka_site" / "ui" / f"{lang}.toml"
    return tomllib.loads(path.read_text("utf-8"))[section]


def test_every_refusal_of_the_room_is_said_in_both_languages():
    from ka_site.commands.room.api import message

    sources = [path.read_text("utf-8") for path in sorted(ROOM.glob("*.py"))]
    codes = {code for text in sources for code in REFUSAL.findall(text)}
    raised = sum(text.count("Refused(") for text in sources) - 1  # but its class statement
    assert raised == sum(len(REFUSAL.findall(text)) for text in sources), "a code the check misses"
    assert {"not_joined", "too_large", "group_taken"} <= codes
    for code in sorted(codes):
        said = message(code, limit=1, seconds=1, group="A")  # KeyError: no words for it
        assert said["en"] and said["zh"] and said["en"] != said["zh"], code


def test_every_activity_of_a_room_is_named_in_both_languages():
    from ka_site.build.room.activities import ACTIVITIES
    from ka_site.commands.room.join_codes import activity_label

    for activity in ACTIVITIES:
        names = {lang: activity_label(activity.key, lang) for lang in ("en", "zh")}
        assert names["en"] != names["zh"], activity.key


def test_every_word_the_themes_templates_read_is_in_the_theme_section():
    """The theme's templates run in MkDocs' own environment, where a missing key is an empty
    string, not an error: a 404 page with no title, a switch with no name."""
    theme = words_of("theme")
    read = {
        key: path.name
        for path in OVERRIDES.rglob("*.html")
        if "ka_words" in (text := path.read_text("utf-8"))
        for key in THEME_READ.findall(text)
    }
    assert {"loading", "not_found_title"} <= set(read)
    unknown = {key: where for key, where in read.items() if key not in theme}
    assert not unknown, unknown


def test_each_colour_scheme_of_the_switch_is_named_in_the_theme_section():
    """partials/palette.html names the switch ``palette_<scheme>``, one per scheme of
    mkdocs.yml's palette; a scheme without words would fall back to mkdocs.yml's English."""
    lines = (ROOT / "mkdocs.yml").read_text("utf-8").splitlines()
    start = lines.index("  palette:") + 1
    block = []  # the palette's lines: indented deeper than its own key
    for line in lines[start:]:
        if line.strip() and not line.startswith("    "):
            break
        block.append(line)
    schemes = re.findall(r"^\s+scheme: (\S+)", "\n".join(block), re.M)
    assert schemes == ["default", "slate"]
    assert '"palette_" ~ scheme' in (OVERRIDES / "partials" / "palette.html").read_text("utf-8")
    for lang in ("en", "zh"):
        theme = words_of("theme", lang)
        assert all(f"palette_{scheme}" in theme for scheme in schemes), lang
