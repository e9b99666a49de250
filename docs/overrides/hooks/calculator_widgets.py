"""MkDocs hook: render every calculator of the registry into the page that names it.

A page asks for a calculator with a marker line ``<!-- calc:SLUG -->``; the Calculators page asks
for the list of all of them with ``<!-- calc-index -->``. The form comes from the calculator's
schema through the jinja2 macros in ``docs/overrides/partials/_calculator.html``, and the worked
example's result is computed here, by CPython, with the same code the browser runs, so the page
is correct before any script runs (and with JavaScript off).
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

from build_wheel import wheel_name  # scripts/ is not a package

from calculators import REGISTRY
from calculators._html import render_result
from calculators._schema import fmt

MARKER = re.compile(r"<!--\s*calc:([a-z_]+)\s*-->")
INDEX_MARKER = re.compile(r"<!--\s*calc-index\s*-->")
PARTIALS = ROOT / "docs" / "overrides" / "partials"

#: The widget's own words (not the model's): buttons, status lines, headings.
UI = {
    "en": {
        "calculator": "Calculator",
        "range": "Range",
        "add_row": "Add a row",
        "remove_row": "Remove this row",
        "row_tools": "Row tools",
        "about_columns": "What each column means",
        "reset": "Back to the worked example",
        "source": "Source deck",
        "status_static": "Worked example, computed when the site was built. The live calculator "
        "starts once the page has loaded; you can already type.",
        "status_loading": "Starting the calculator (Python in your browser)… The result shown is "
        "the worked example.",
        "status_live": "Live: computed in your browser by the same Python code the tests check.",
        "status_error": "Please check the highlighted fields. The result below is for your last "
        "valid input.",
        "status_failed": "The live calculator could not start in this browser. The result shown "
        "is the worked example.",
        "status_working": "Calculating…",
    },
    "zh": {
        "calculator": "计算器",
        "range": "范围",
        "add_row": "添加一行",
        "remove_row": "删除这一行",
        "row_tools": "行操作",
        "about_columns": "各列含义",
        "reset": "恢复示例数据",
        "source": "来源课件",
        "status_static": "以下是示例结果,在网站构建时计算。"
        "页面加载后实时计算器随即启动;现在就可以输入。",
        "status_loading": "正在启动计算器(在浏览器中运行 Python)……当前显示的是示例结果。",
        "status_live": "实时计算:由浏览器中运行的同一套 Python 代码算出,与测试检查的代码完全相同。",
        "status_error": "请检查标出的字段。下面的结果对应您最后一次有效的输入。",
        "status_failed": "实时计算器无法在此浏览器中启动。当前显示的是示例结果。",
        "status_working": "计算中……",
    },
}


def page_language(page) -> str:
    """The page's language from its file name: ``x.zh.md`` is Chinese, anything else English."""
    return "zh" if page.file.src_uri.endswith(".zh.md") else "en"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PARTIALS)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v: fmt(v) if isinstance(v, (int, float)) else v
    return env


_ENV = _environment()


def site_root(page) -> str:
    """The relative path from ``page`` to the site's root ('' for the English home page)."""
    return "../" * page.url.count("/")


def render_calculator(slug: str, lang: str, root: str) -> str:
    """The widget for ``slug`` in ``lang``: the schema's form plus the worked example's result."""
    calc = REGISTRY[slug]
    values = calc.defaults()
    result_html = render_result(calc.run(values).to_dict(), lang, root)
    ui = {**UI[lang], "wheel": f"assets/wheels/{wheel_name()}"}
    macros = _ENV.get_template("_calculator.html").make_module({"lang": lang, "ui": ui})
    return str(macros.calculator(calc.to_dict(), values, result_html, root))


def render_index(page, lang: str) -> str:
    """The list of every calculator, each linked (relatively) to its playbook page."""
    prefix = "zh/" if lang == "zh" else ""
    here = page.url.rstrip("/") or "."
    links = {
        slug: posixpath.relpath(prefix + calc.page, here) + "/" for slug, calc in REGISTRY.items()
    }
    macros = _ENV.get_template("_calculator.html").make_module({"lang": lang, "ui": UI[lang]})
    calcs = sorted(REGISTRY.values(), key=lambda c: c.order)
    return str(macros.calculator_index([c.to_dict() for c in calcs], links))


def on_page_content(html: str, page, config, files) -> str:
    """Replace calculator markers with their widgets and the index marker with the list."""
    lang = page_language(page)

    def widget(match: re.Match[str]) -> str:
        slug = match.group(1)
        if slug not in REGISTRY:
            raise PluginError(f"{page.file.src_uri}: no calculator called '{slug}'")
        return render_calculator(slug, lang, site_root(page))

    html = MARKER.sub(widget, html)
    if INDEX_MARKER.search(html):
        html = INDEX_MARKER.sub(lambda _: render_index(page, lang), html)
    return html
