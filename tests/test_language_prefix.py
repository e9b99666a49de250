"""Where a language's pages sit is said once on each side: ``ka_site.paths.language_prefix`` for
the build, the commands and the theme's templates, ``docs/javascripts/addresses.mjs`` for the
page. No other module of the site's code writes the Chinese folder by hand (``"zh/"``,
``site / "zh"``, ``/^zh\\//``), so moving the Chinese pages is a change in those two places."""

from __future__ import annotations

import ast
import re

import pytest

from ka_site.paths import ROOT, language_of, language_prefix

SITE_CODE = ROOT / "scripts" / "ka_site"
SCRIPTS = ROOT / "docs" / "javascripts"
OVERRIDES = ROOT / "docs" / "overrides"
HELPER = SCRIPTS / "addresses.mjs"


def test_chinese_pages_sit_under_zh_and_english_ones_at_the_root():
    assert language_prefix("zh") == "zh/"
    assert language_prefix("en") == ""


@pytest.mark.parametrize(
    ("address", "lang"),
    [
        ("/zh/no-such-page/", "zh"),
        ("zh/prioritising/screening/", "zh"),
        ("/zh/", "zh"),
        ("/", "en"),
        ("/prioritising/screening/", "en"),
        ("/zhongwen/", "en"),  # a page whose name starts with the letters, not the folder
    ],
)
def test_an_address_says_its_language(address, lang):
    assert language_of(address) == lang


def test_the_page_and_the_build_place_chinese_pages_alike():
    found = re.search(r'^const CHINESE = "([^"]*)";$', HELPER.read_text("utf-8"), re.M)
    assert found, "addresses.mjs no longer declares CHINESE"
    assert found.group(1) == language_prefix("zh")


def written_by_hand_in_python(source: str) -> list[str]:
    """The Chinese folder written out in Python code (docstrings and comments aside): a string
    holding ``zh/``, or ``"zh"`` as a path's part (``site / "zh"``)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and "zh/" in node.value:
                found.append(f"line {node.lineno}: {node.value!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and side.value == "zh":
                    found.append(f"line {node.lineno}: / 'zh'")
    return found


def test_no_module_of_the_site_writes_the_chinese_folder_but_the_one_helper():
    found = {
        str(path.relative_to(ROOT)): where
        for path in sorted(SITE_CODE.rglob("*.py"))
        if path != SITE_CODE / "paths.py"
        and (where := written_by_hand_in_python(path.read_text("utf-8")))
    }
    assert not found, f"use ka_site.paths.language_prefix / language_of: {found}"


def test_the_check_finds_the_chinese_folder_written_by_hand():
    source = '"""Pages under ``zh/``."""\nZH = "zh/"\npage = site / "zh" / "404.html"\n'
    assert len(written_by_hand_in_python(source)) == 2


#: A comment in a script or a template: what it says of zh/ is prose, not an address.
COMMENT = re.compile(r"(?:^|\s)//[^\n]*|/\*.*?\*/|\{#.*?#\}", re.DOTALL)


def test_no_script_or_template_writes_the_chinese_folder_but_the_one_helper():
    paths = [*SCRIPTS.glob("*.js"), *SCRIPTS.glob("*.mjs"), *OVERRIDES.rglob("*.html")]
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(paths)
        if path != HELPER and re.search(r"zh\\?/", COMMENT.sub("", path.read_text("utf-8")))
    ]
    assert not found, f"use addresses.mjs (pages) or ka_language_prefix (templates): {found}"


def test_the_offline_copys_chinese_page_not_found_is_where_the_helper_puts_chinese_pages():
    """The service worker's route for a missing Chinese page is copied into sw.js as written
    (scripts/make_sw.mjs: Workbox serialises the function, which can import nothing), so it
    writes the folder itself; here it must be the helper's, and no other Node script writes it."""
    chinese = language_prefix("zh")
    script = (ROOT / "scripts" / "make_sw.mjs").read_text("utf-8")
    assert f'new URL("{chinese}",' in script and f'fallbackURL: "{chinese}404.html"' in script
    others = [
        path.name
        for path in sorted((ROOT / "scripts").glob("*.mjs"))
        if path.name != "make_sw.mjs"
        and re.search(r"zh\\?/", COMMENT.sub("", path.read_text("utf-8")))
    ]
    assert not others, others
