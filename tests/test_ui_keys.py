"""Every word the browser glue asks for is in the word files: a key the page reads
(``ui.status_live``, ``ui["board_item"]``, or a key written out in a ``..._WORDS`` table) is a key
of ``scripts/ka_site/ui/en.toml`` (and so of ``zh.toml``, whose keys the build checks equal), and
no key is built at run time from pieces, where no check could see it."""

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
