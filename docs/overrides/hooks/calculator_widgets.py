"""MkDocs hook: render every calculator of the registry into the page that names it.

A page asks for a calculator with a marker line ``<!-- calc:SLUG -->``; the Calculators page asks
for the list of all of them with ``<!-- calc-index -->``; the facilitator guide asks for a drill's
answer key (its result with nothing answered, computed here) with ``<!-- calc-key:SLUG -->``.
The form comes from the calculator's schema through the jinja2 macros in
``docs/overrides/partials/_calculator.html``, and the worked example's result is computed here,
by CPython, with the same code the browser runs, so the page is correct before any script runs
(and with JavaScript off).
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

from engine_version import engine_paths  # scripts/ is not a package

from calculators import REGISTRY
from calculators._form import form_view, sort_label
from calculators._html import render_result, render_tables
from calculators._schema import fmt
from calculators._sources import source_title

MARKER = re.compile(r"<!--\s*calc:([a-z_]+)\s*-->")
KEY_MARKER = re.compile(r"<!--\s*calc-key:([a-z_]+)\s*-->")
INDEX_MARKER = re.compile(r"<!--\s*calc-index\s*-->")
PARTIALS = ROOT / "docs" / "overrides" / "partials"

#: The widget's own words (not the model's): buttons, status lines, headings.
UI = {
    "en": {
        "kind_model": "Calculator",
        "kind_tool": "Workshop tool",
        "kind_drill": "Self-check",
        "tools": "Tools",
        "projector": "Projector",
        "share": "Share link",
        "print": "Print",
        "import_csv": "Import CSV or Excel",
        "export_csv": "Export CSV",
        "export_xlsx": "Export Excel",
        "xlsx_loading": "Loading Excel support (once per visit)…",
        "xlsx_failed": "Excel files cannot be read or written here: this site was built without "
        "its Excel support. Save the file as CSV UTF-8 and import that.",
        "share_label": "Link to this exact state:",
        "share_copied": "Copied. The state travels in the link itself; nothing is sent anywhere.",
        "share_manual": "Copy the link above. The state travels in the link; nothing is sent "
        "anywhere.",
        "range": "Range",
        "add_row": "Add a row",
        "remove_row": "Remove this row",
        "row_tools": "Row tools",
        "about_columns": "What each column means",
        "reset": "Back to the worked example",
        "source": "Source",
        "colon": ": ",
        "index_model": "Scoring models",
        "index_tool": "Workshop tools",
        "index_drill": "Self-check drills",
        "status_static": "Worked example. Change any value and the result follows.",
        "status_loading": "Starting the calculator… The result shown is the worked example.",
        "status_live": "Live: the result follows what you type.",
        "status_error": "Please check the highlighted fields. The result below is for your last "
        "valid input.",
        "status_failed": "The live calculator could not start in this browser. The result shown "
        "is the worked example.",
        "status_working": "Calculating…",
        "status_crashed": "These inputs could not be computed: an unexpected error in the "
        "calculator, not in what you typed. Change a value to compute again; these inputs are not "
        "saved.",
        "failed_fetch": "A file it needs could not be downloaded from this site.",
        "failed_start": "Python could not be started in this browser.",
        "failed_timeout": "It did not start within {seconds} seconds; it keeps trying in the "
        "background.",
        "failed_stopped": "Python stopped working in this tab.",
        "failed_unanswered": "Python gave no answer within {seconds} seconds and was stopped; "
        "what you typed is kept.",
        "retry": "Try again",
        "import_too_big": "The file is {size} MB; files up to {limit} MB can be imported. Nothing "
        "was changed.",
        "share_too_big": "This state is too large for a link ({size} characters; a link holds at "
        "most {limit}). Export the tables as CSV instead.",
        "notice_close": "Dismiss",
        "notice_not_kept_big": "What you entered is larger than {limit} characters, the most this "
        "browser keeps for a calculator: it is shown, but not kept after you leave the page.",
        "notice_not_kept": "This browser does not let the page keep your work (storage full or "
        "turned off): it is shown, but not kept after you leave the page.",
        "state_link_refused": "The shared link was not opened:",
        "state_saved_refused": "The work saved in this browser for this calculator was not "
        "restored:",
        "state_damaged": "it is damaged (cut short or changed on the way).",
        "state_too_big": "it holds more than {limit} characters, the limit.",
        "state_rows": "its table '{table}' has {rows} rows; the limit is {limit}.",
        "state_foreign": "it is not a state of this calculator.",
        "state_own_kept": "Your own saved work is unchanged.",
        "state_example_shown": "The worked example is shown.",
        "aside_link_shown": "You opened a shared link, so the calculator shows the link's "
        "version. Your own earlier work is kept aside, not lost.",
        "aside_own_shown": "Your own work is shown again; the shared link's version is kept aside.",
        "aside_show_own": "Back to my own work",
        "aside_show_link": "Show the link's version",
        "aside_forget_own": "Forget my earlier work",
        "aside_forget_link": "Forget the link's version",
    },
    "zh": {
        "kind_model": "计算器",
        "kind_tool": "培训工具",
        "kind_drill": "自测",
        "tools": "工具",
        "projector": "投影模式",
        "share": "分享链接",
        "print": "打印",
        "import_csv": "导入 CSV 或 Excel",
        "export_csv": "导出 CSV",
        "export_xlsx": "导出 Excel",
        "xlsx_loading": "正在加载 Excel 支持（每次访问只加载一次）……",
        "xlsx_failed": "这里读写不了 Excel 文件：网站构建时没有带上 Excel 支持。"
        "请把文件另存为「CSV UTF-8」再导入。",
        "share_label": "当前状态的链接：",
        "share_copied": "已复制。数据就在链接里，不会发送到任何地方。",
        "share_manual": "请复制上面的链接。数据就在链接里，不会发送到任何地方。",
        "range": "范围",
        "add_row": "添加一行",
        "remove_row": "删除这一行",
        "row_tools": "行操作",
        "about_columns": "各列含义",
        "reset": "恢复示例数据",
        "source": "出处",
        "colon": "：",
        "index_model": "评分模型",
        "index_tool": "培训工具",
        "index_drill": "自测练习",
        "status_static": "以下是示例结果。改动任何一项，结果随之更新。",
        "status_loading": "正在启动计算器……当前显示的是示例结果。",
        "status_live": "实时计算：结果随您的输入更新。",
        "status_error": "请检查标出的字段。下面的结果对应您最后一次有效的输入。",
        "status_failed": "实时计算器无法在此浏览器中启动。当前显示的是示例结果。",
        "status_working": "计算中……",
        "status_crashed": "这组输入无法计算：是计算器内部出了意外错误，不是您输入的问题。修改任一"
        "数值即可重新计算；这组输入不会被保存。",
        "failed_fetch": "运行所需的文件无法从本网站下载。",
        "failed_start": "Python 无法在此浏览器中启动。",
        "failed_timeout": "{seconds} 秒内没有启动成功；它仍在后台继续尝试。",
        "failed_stopped": "本标签页中的 Python 已停止工作。",
        "failed_unanswered": "Python 在 {seconds} 秒内没有给出结果，已被停止；您输入的内容都还在。",
        "retry": "重试",
        "import_too_big": "文件有 {size} MB，最多只能导入 {limit} MB 的文件。表格没有任何改动。",
        "share_too_big": "当前数据太多，无法放进链接（有 {size} 个字符，链接最多 {limit} 个）。请"
        "改用导出 CSV。",
        "notice_close": "关闭",
        "notice_not_kept_big": "您输入的内容超过 {limit} 个字符，超出了浏览器为每个计算器保存的上"
        "限：页面照常显示，但离开后不会保留。",
        "notice_not_kept": "此浏览器不允许页面保存您的输入（存储已满或被关闭）：页面照常显示，但离"
        "开后不会保留。",
        "state_link_refused": "没有打开这个分享链接：",
        "state_saved_refused": "没有恢复此浏览器为这个计算器保存的数据：",
        "state_damaged": "数据已损坏（可能被截断或改动）。",
        "state_too_big": "数据超过 {limit} 个字符的上限。",
        "state_rows": "其中的表格「{table}」有 {rows} 行，最多只能 {limit} 行。",
        "state_foreign": "这不是本计算器的数据。",
        "state_own_kept": "您自己保存的数据没有改动。",
        "state_example_shown": "当前显示的是示例数据。",
        "aside_link_shown": "您打开了一个分享链接，计算器现在显示的是链接里的数据。您之前自己的输"
        "入已另外保存，不会丢失。",
        "aside_own_shown": "现在显示的是您自己的输入；分享链接里的数据已另外保存。",
        "aside_show_own": "回到我自己的输入",
        "aside_show_link": "显示链接里的数据",
        "aside_forget_own": "不再保留我之前的输入",
        "aside_forget_link": "不再保留链接里的数据",
    },
}


#: The scoreboard's own words (folding a table, on the projector), kept apart from ``UI``.
BOARD_UI = {
    "en": {
        "fold": "Fold away",
        "unfold": "Show again",
        "fold_details": "Hide the long columns",
        "unfold_details": "Show the long columns",
    },
    "zh": {
        "fold": "收起",
        "unfold": "展开",
        "fold_details": "隐藏长文字列",
        "unfold_details": "显示长文字列",
    },
}


def form_layouts(calc, values, result: dict, lang: str, root: str) -> dict[str, dict]:
    """Per table: its headings, each row's results and its sort button, for the first paint."""
    layouts = {}
    for entry in form_view(calc, values, result, lang, root)["tables"]:
        field = calc.field(entry["field"])
        layouts[field.key] = {
            "columns": {c["key"]: c for c in entry["columns"]},
            "headings": entry.get("headings", []),
            "results": entry.get("results"),
            "sort_label": sort_label(field, lang),
        }
    return layouts


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
    values = calc.defaults(lang)
    result = calc.run(values).to_dict()
    result_html = render_result(result, lang, root)
    ui = {**UI[lang], **BOARD_UI[lang], **engine_paths()}  # runtime and wheel versioned together
    macros = _ENV.get_template("_calculator.html").make_module({"lang": lang, "ui": ui})
    layouts = form_layouts(calc, values, result, lang, root)
    return str(macros.calculator(calc.to_dict(lang), values, result_html, root, layouts))


def calculator_card(calc) -> dict:
    """A calculator as the index lists it: its schema and its source deck's title."""
    return {**calc.to_dict(), "source_title": source_title(calc.source).to_dict()}


def render_answer_key(slug: str, lang: str, root: str) -> str:
    """A drill's answer key: its result tables when no answer is given yet."""
    calc = REGISTRY[slug]
    blank = {f.key: None for f in calc.fields}
    tables = render_tables(calc.run(blank).to_dict(), lang, root)
    return f'<div class="ka-answer-key" data-calc="{slug}">{tables}</div>'


def render_index(page, lang: str) -> str:
    """The list of every calculator, each linked (relatively) to its playbook page."""
    prefix = "zh/" if lang == "zh" else ""
    here = page.url.rstrip("/") or "."
    links = {
        slug: posixpath.relpath(prefix + calc.page, here) + "/" for slug, calc in REGISTRY.items()
    }
    macros = _ENV.get_template("_calculator.html").make_module({"lang": lang, "ui": UI[lang]})
    calcs = sorted(REGISTRY.values(), key=lambda c: c.order)
    return "".join(
        str(
            macros.calculator_index(
                kind, [calculator_card(c) for c in calcs if c.kind == kind], links
            )
        )
        for kind in ("model", "tool", "drill")
        if any(c.kind == kind for c in calcs)
    )


def on_page_content(html: str, page, config, files) -> str:
    """Replace calculator markers with their widgets and the index marker with the list."""
    lang = page_language(page)

    def widget(match: re.Match[str]) -> str:
        slug = match.group(1)
        if slug not in REGISTRY:
            raise PluginError(f"{page.file.src_uri}: no calculator called '{slug}'")
        return render_calculator(slug, lang, site_root(page))

    def answer_key(match: re.Match[str]) -> str:
        slug = match.group(1)
        if slug not in REGISTRY:
            raise PluginError(f"{page.file.src_uri}: no calculator called '{slug}'")
        return render_answer_key(slug, lang, site_root(page))

    html = MARKER.sub(widget, html)
    html = KEY_MARKER.sub(answer_key, html)
    if INDEX_MARKER.search(html):
        html = INDEX_MARKER.sub(lambda _: render_index(page, lang), html)
    return html
