"""The site's own code: one installed package, its words as data, no path edits, all linted."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tokenize
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml

import ka_site
from ka_site import ui_text
from ka_site.build.widgets import calculator_widgets
from ka_site.pages import LANGUAGES, PageRef, SiteBuildError
from ka_site.paths import ROOT

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="the site is built by CPython, not in the browser"
)


def _tracked(*patterns: str) -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *patterns], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode != 0 or not listed.stdout:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.stdout.split("\0") if name]


# --- the words -----------------------------------------------------------------------------


def test_both_languages_have_the_same_words_with_the_same_placeholders():
    tables = {lang: ui_text.load()[lang] for lang in LANGUAGES}
    for section in ui_text.SECTIONS:
        assert set(tables["en"][section]) == set(tables["zh"][section]), section
        for key, english in tables["en"][section].items():
            chinese = tables["zh"][section][key]
            assert ui_text.placeholders(english) == ui_text.placeholders(chinese), key
    assert tables["en"]["widget"]["reset"] == "Back to the worked example"
    assert tables["zh"]["widget"]["reset"] == "恢复示例数据"


def _copy_of_the_words(tmp_path: Path) -> Path:
    folder = tmp_path / "ui"
    shutil.copytree(ui_text.UI_DIR, folder)
    return folder


def test_a_word_missing_in_one_language_stops_the_build_and_names_it(tmp_path):
    folder = _copy_of_the_words(tmp_path)
    zh = folder / "zh.toml"
    zh.write_text(
        "\n".join(line for line in zh.read_text("utf-8").splitlines() if "retry =" not in line),
        "utf-8",
    )
    with pytest.raises(SiteBuildError, match=r"zh\.widget\.retry: missing \(it is in en\)"):
        ui_text.load(folder)


def test_a_placeholder_lost_in_translation_stops_the_build(tmp_path):
    folder = _copy_of_the_words(tmp_path)
    zh = folder / "zh.toml"
    zh.write_text(zh.read_text("utf-8").replace("{seconds} 秒内", "60 秒内"), "utf-8")
    with pytest.raises(SiteBuildError, match=r"widget\.failed_timeout: placeholders differ"):
        ui_text.load(folder)


def test_an_empty_word_or_an_unknown_section_is_refused(tmp_path):
    folder = _copy_of_the_words(tmp_path)
    en = folder / "en.toml"
    en.write_text(
        en.read_text("utf-8").replace('retry = "Try again"', 'retry = " "')
        + '\n[sidebar]\nx = "y"\n',
        "utf-8",
    )
    with pytest.raises(SiteBuildError) as refused:
        ui_text.load(folder)
    assert "en.widget.retry: is not a non-empty text" in str(refused.value)
    assert "en: unknown sections ['sidebar']" in str(refused.value)


def test_every_word_is_on_one_line_where_the_typography_linter_reads_it():
    from ka_site.commands.lint import lint_text

    for lang in LANGUAGES:
        text = (ui_text.UI_DIR / f"{lang}.toml").read_text("utf-8")
        words = sum(len(section) for section in ui_text.load()[lang].values())
        assert len(lint_text._TOML_LINE.findall(text)) == words, lang
    assert lint_text.fix_toml('share_label = "当前状态的链接:"\n') == (
        'share_label = "当前状态的链接："\n'
    )


def test_the_widget_speaks_the_page_language_from_the_word_files():
    english = calculator_widgets.render_calculator("screening", "en", "../../")
    chinese = calculator_widgets.render_calculator("screening", "zh", "../../../")
    assert "Back to the worked example" in english and "恢复示例数据" not in english
    assert "恢复示例数据" in chinese and "Back to the worked example" not in chinese


def test_a_marker_naming_no_calculator_stops_the_build_naming_the_page():
    page = PageRef(src_uri="prioritising/screening.zh.md", url="zh/prioritising/screening/")
    with pytest.raises(SiteBuildError, match=r"screening\.zh\.md: no calculator called 'nope'"):
        calculator_widgets.render_markers("<p>x</p>\n<!-- calc:nope -->", page)


def test_a_page_knows_its_language_and_its_way_back_to_the_root():
    chinese = PageRef(src_uri="developing/needs.zh.md", url="zh/developing/needs/")
    english = PageRef(src_uri="index.md", url="")
    assert (chinese.lang, chinese.root) == ("zh", "../../../")
    assert (english.lang, english.root) == ("en", "")


# --- the package ---------------------------------------------------------------------------


def test_the_package_is_this_checkout_installed_editable():
    assert Path(ka_site.__file__).resolve().parent == ROOT / "scripts" / "ka_site"
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "mkdocs.yml").is_file()


def test_mkdocs_runs_the_site_code_as_one_plugin_last_and_no_hooks():
    (found,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "ka_site"]
    assert found.value == "ka_site.plugin:KaSitePlugin"
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)
    assert "hooks" not in config
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert names[-1] == "ka_site"


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml with its ``!ENV`` and ``!!python/...`` tags read as plain values."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def test_the_site_code_needs_no_mkdocs_apart_from_its_adapter():
    modules = sorted(
        ".".join(path.relative_to(ROOT / "scripts").with_suffix("").parts)
        for path in (ROOT / "scripts" / "ka_site").rglob("*.py")
        if path.stem not in {"__init__", "__main__", "plugin"}
    )
    probe = (
        f"import sys\nimport {', '.join(modules)}\n"
        "loaded = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print(loaded)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"
    assert (
        "ka_site.build.widgets.calculator_widgets" in modules
        and "ka_site.build.offline.offline" in modules
    )


def _edits_the_import_path(source: str) -> list[int]:
    """Lines where code names ``sys.path`` (strings and comments do not count)."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]
    return [
        tokens[i].start[0]
        for i in range(len(tokens) - 2)
        if (tokens[i].string, tokens[i + 1].string, tokens[i + 2].string) == ("sys", ".", "path")
    ]


def test_no_python_file_edits_the_import_path():
    sources = _tracked("*.py")
    assert ROOT / "scripts" / "ka_site" / "plugin.py" in sources
    found = {
        path.relative_to(ROOT).as_posix(): lines
        for path in sources
        if (lines := _edits_the_import_path(path.read_text("utf-8")))
    }
    assert found == {}
    assert _edits_the_import_path("import sys\nsys.path.insert(0, 'x')\n") == [2]


def test_ruff_checks_every_python_file_of_the_repository():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        pytest.skip("ruff is not installed (scripts/setup.sh installs it)")
    listed = subprocess.run(
        [ruff, "check", "--show-files", "."], cwd=ROOT, capture_output=True, text=True, check=True
    )
    checked = {Path(line.strip()).resolve() for line in listed.stdout.splitlines() if line.strip()}
    missed = [p.relative_to(ROOT).as_posix() for p in _tracked("*.py") if p not in checked]
    assert missed == []


def test_an_edited_word_is_read_again_on_the_next_build(tmp_path, monkeypatch):
    folder = _copy_of_the_words(tmp_path)
    monkeypatch.setattr(ui_text, "UI_DIR", folder)
    assert ui_text.words("widget", "en")["retry"] == "Try again"
    en = folder / "en.toml"
    en.write_text(en.read_text("utf-8").replace('"Try again"', '"Try once more"'), "utf-8")
    os.utime(en, ns=(en.stat().st_atime_ns, en.stat().st_mtime_ns + 10**9))
    assert ui_text.words("widget", "en")["retry"] == "Try once more"
    assert ui_text.words("widget", "zh")["retry"] == "重试"


def test_a_step_that_cannot_go_on_stops_the_mkdocs_build_with_its_message():
    from mkdocs.exceptions import PluginError

    from ka_site.plugin import build_step

    page = PageRef(src_uri="workshop/index.md", url="workshop/")
    refused = pytest.raises(PluginError, match=r"workshop/index\.md: no calculator called 'nope'")
    with refused, build_step():
        calculator_widgets.render_markers("<!-- calc:nope -->", page)


# ------------------------------------------------------------------- calculators' modules early


def test_a_calculator_page_names_every_module_the_calculators_import():
    """The whole static import graph of calculators.mjs, read from the modules themselves."""
    from ka_site.build.module_preload import SCRIPTS, STATIC_IMPORT, module_graph

    graph = module_graph()
    direct = STATIC_IMPORT.findall((SCRIPTS / "calculators.mjs").read_text("utf-8"))
    assert set(direct) <= set(graph)
    assert "rpc.mjs" in graph  # imported by client.mjs, not by calculators.mjs
    assert "calculators.mjs" not in graph
    assert len(graph) == len(set(graph))
    for name in graph:
        for imported in STATIC_IMPORT.findall((SCRIPTS / name).read_text("utf-8")):
            assert imported in graph or imported == "calculators.mjs"


def test_only_a_page_with_a_calculator_preloads_the_calculators_modules():
    from ka_site.build.module_preload import add_module_preloads, module_graph

    page = PageRef("prioritising/screening.zh.md", "zh/prioritising/screening/")
    head = "<html><head><title>x</title></head><body>{}</body></html>"
    with_calc = add_module_preloads(head.format('<section class="ka-calc">'), page)
    for name in module_graph():
        assert f'<link rel="modulepreload" href="../../../javascripts/{name}">' in with_calc
    assert with_calc.index("modulepreload") < with_calc.index("</head>")
    plain = head.format("<p>text</p>")
    assert add_module_preloads(plain, page) == plain


def test_the_early_worker_is_named_with_the_engine_the_widgets_name():
    """javascripts/head.js names the worker with the build's engine, relative to the
    worker's script: resolved there, the same runtime and wheel as each widget's data-ui."""
    import json
    from urllib.parse import urljoin

    from ka_site.build.engine.engine_start import early_start
    from ka_site.build.engine.engine_version import engine_paths

    start = early_start("0123456789ab")
    site = "https://example.org/site/"
    worker = urljoin(site, start["worker"])
    name = json.loads(start["name"])
    paths = engine_paths("0123456789ab")
    assert urljoin(worker, name["index"]) == urljoin(site, paths["engine"])
    assert urljoin(worker, name["wheel"]) == urljoin(site, paths["wheel"])
    assert (ROOT / "docs" / start["worker"]).is_file()


def test_the_theme_script_is_deferred_and_a_renamed_one_stops_the_build():
    from ka_site.build.theme_script import defer_theme_script

    page = '<body><p>x</p><script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js">' in (
        defer_theme_script(page)
    )
    with pytest.raises(SiteBuildError, match="theme's script"):
        defer_theme_script("<body><script src='../assets/javascripts/app.js'></script>")


def test_pyproject_lists_every_package_of_the_engine_and_the_site():
    """A wheel built from pyproject.toml holds every sub-package (an editable install would
    hide one that is missing) and the data files beside them."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    where = {"calculators": ROOT / "calculators", "ka_site": ROOT / "scripts" / "ka_site"}
    found = {
        ".".join((top, *init.parent.relative_to(folder).parts))
        for top, folder in where.items()
        for init in folder.rglob("__init__.py")
    }
    assert set(settings["packages"]) == found
    data = settings["package-data"]
    for top, folder in where.items():
        kept = {path for pattern in data[top] for path in folder.glob(pattern)}
        loose = {
            path
            for path in folder.rglob("*")
            if path.is_file()
            and path.suffix in (".json", ".toml", ".txt")
            and "__pycache__" not in path.parts
        }
        assert loose <= kept, sorted(str(p.relative_to(ROOT)) for p in loose - kept)
