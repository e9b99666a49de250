"""Render a calculator's result as HTML, in one language.

The same function runs at build time (CPython, to pre-render the worked example into the page)
and in the reader's browser (Pyodide, after every change), so the first paint and the live page
show the same markup. Stdlib only; every piece of text is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ._results import PageLink
from ._text import Text, fmt

_HEADINGS = {
    "figures": {"zh": "关键数字", "en": "Key figures"},
    "reasoning": {"zh": "推理过程", "en": "Reasoning"},
    "actions": {"zh": "建议行动", "en": "What to do"},
    "verdict": {"zh": "结论", "en": "Verdict"},
}

#: A result table longer than this shows its first rows in the page, in its order (the page's
#: own table of thousands of rows shows each row's result beside it); the command line and the
#: files it writes keep every row. Rendering and sending 10,000 rows of HTML after every edit
#: cost the browser seconds.
SHOWN_RESULT_ROWS = 200


def without_drawings(result: dict[str, Any]) -> dict[str, Any]:
    """``result`` (as cut for the page: ``Result.to_dict(SHOWN_RESULT_ROWS)``) with its charts'
    SVG left to the HTML when a table was cut: drawn for thousands of rows, the drawings were
    most of what the page was sent, and the page shows only the HTML's."""
    if not any("rows_total" in table for table in result.get("tables", [])):
        return result
    charts = [{**chart, "svg": {}} for chart in result.get("charts", [])]
    return {**result, "charts": charts}


def _href(page: str, lang: str, root: str) -> str:
    """A playbook page's address relative to the page showing the result."""
    return escape(f"{root}{'zh/' if lang == 'zh' else ''}{page}/")


def value_html(value: Any, lang: str, root: str = "") -> str:
    """A cell or figure value as escaped HTML: bilingual dicts pick ``lang``, floats are trimmed,
    page links become links."""
    if value is None:
        return "—"
    if isinstance(value, Text):  # a result's own value, as its dict below is
        return escape(value.get(lang))
    if isinstance(value, PageLink):
        return value_html(value.to_dict(), lang, root)
    if isinstance(value, dict) and "page" in value and "label" in value:
        label = _pick(value["label"], lang)
        return f'<a href="{_href(value["page"], lang, root)}">{label}</a>'
    if isinstance(value, dict) and "zh" in value and "en" in value:
        return escape(value["zh"] if lang == "zh" else value["en"])
    if isinstance(value, bool):
        return escape(("是" if value else "否") if lang == "zh" else ("yes" if value else "no"))
    if isinstance(value, float):
        return escape(fmt(value))
    return escape(str(value))


def _pick(text: dict[str, str], lang: str) -> str:
    return escape(text["zh"] if lang == "zh" else text["en"])


def render_result(result: dict[str, Any], lang: str, root: str = "") -> str:
    """The result (as from ``Result.to_dict()``) as an HTML fragment in ``lang`` ("zh"/"en").

    ``root`` is the relative path from the page showing the result to the site's root (e.g.
    ``"../../"``); links to playbook pages are made relative to it.
    """
    h = _HEADINGS
    parts: list[str] = []
    verdict = result["verdict"]
    parts.append(
        f'<p class="ka-verdict" data-verdict="{escape(verdict["key"])}">'
        f'<span class="ka-verdict-label">{h["verdict"][lang]}</span> '
        f"<strong>{_pick(verdict['label'], lang)}</strong></p>"
    )
    if result["figures"]:
        parts.append(f'<dl class="ka-figures" aria-label="{h["figures"][lang]}">')
        for figure in result["figures"]:
            unit = _pick(figure["unit"], lang) if figure.get("unit") else ""
            unit = unit if unit in ("", "%") else f" {unit}"  # 75%, 200 万元
            parts.append(
                f'<div class="ka-figure" data-figure="{escape(figure["key"])}">'
                f"<dt>{_pick(figure['label'], lang)}</dt>"
                f"<dd>{value_html(figure['value'], lang)}{unit}</dd></div>"
            )
        parts.append("</dl>")
    parts.append(render_tables(result, lang, root))
    for chart in result.get("charts", []):
        parts.append(
            f'<figure class="ka-chart" data-chart="{escape(chart["key"])}">'
            f"{chart['svg'][lang]}<figcaption>{_pick(chart['title'], lang)}</figcaption></figure>"
        )
    for key in ("reasoning", "actions"):
        if result[key]:
            parts.append(f'<h4 class="ka-result-heading">{h[key][lang]}</h4>')
            tag = "ol" if key == "actions" else "ul"
            parts.append(f'<{tag} class="ka-{key}">')
            parts.extend(f"<li>{_pick(line, lang)}</li>" for line in result[key])
            parts.append(f"</{tag}>")
    return "".join(parts)


def render_tables(result: dict[str, Any], lang: str, root: str = "") -> str:
    """Only the result's tables as HTML (e.g. a drill's answer key in the facilitator guide)."""
    parts: list[str] = []
    for table in result.get("tables", []):
        parts.append(
            # the box scrolls a wide table sideways; focusable and named, so a keyboard can too
            f'<div class="ka-result-table" data-table="{escape(table["key"])}" role="region" '
            f'tabindex="0" aria-label="{_pick(table["label"], lang)}">'
            f'<table class="ka-grid"><caption>{_pick(table["label"], lang)}</caption><thead><tr>'
        )
        parts.extend(f'<th scope="col">{_pick(c["label"], lang)}</th>' for c in table["columns"])
        parts.append("</tr></thead><tbody>")
        for row in table["rows"]:
            parts.append("<tr>")
            # each cell names its column, so a phone can show a row as a card
            parts.extend(
                f'<td data-label="{_pick(c["label"], lang)}">'
                f"{value_html(row.get(c['key']), lang, root)}</td>"
                for c in table["columns"]
            )
            parts.append("</tr>")
        parts.append("</tbody></table>")
        total = table.get("rows_total")
        if total is not None:  # cut for the page (shown_in_page)
            shown, total_text = f"{len(table['rows']):,}", f"{total:,}"
            more = {
                "zh": f"这里列出前 {shown} 行，共 {total_text} 行。",
                "en": f"The first {shown} of {total_text} rows are listed here.",
            }
            parts.append(f'<p class="ka-result-more">{escape(more[lang])}</p>')
        parts.append("</div>")
    return "".join(parts)
