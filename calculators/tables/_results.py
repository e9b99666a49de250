"""A result as sheets for a file: each result table, and a summary of figures and inputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Sheet = tuple[str, list[str], list[list[Any]]]


def _cell(value: Any, lang: str) -> Any:
    if isinstance(value, Mapping):
        if "label" in value and isinstance(value["label"], Mapping):  # a page link
            return value["label"].get(lang, "")
        return value.get(lang, value.get("en", ""))
    return value


def table_sheet(table: Mapping[str, Any], lang: str) -> Sheet:
    """One result table: its label as title, column labels as header, one row per row."""
    keys = [c["key"] for c in table["columns"]]
    header = [c["label"][lang] for c in table["columns"]]
    rows = [[_cell(row.get(k), lang) for k in keys] for row in table["rows"]]
    return table["label"][lang], header, rows


def summary_sheet(
    title: str, result: Mapping[str, Any], inputs: Sequence[Sequence[Any]], lang: str
) -> Sheet:
    """The verdict, the figures and the inputs used (label, value, unit, where it came from)."""
    zh = lang == "zh"
    header = ["项目", "数值", "单位", "来源"] if zh else ["Item", "Value", "Unit", "Source"]
    rows: list[list[Any]] = [
        [("结论" if zh else "Verdict"), result["verdict"]["label"][lang], "", ""]
    ]
    for figure in result["figures"]:
        unit = figure["unit"][lang] if figure.get("unit") else ""
        rows.append([figure["label"][lang], _cell(figure["value"], lang), unit, ""])
    rows.extend(list(used) for used in inputs)
    return ("摘要" if zh else "Summary"), header, rows


def result_sheets(
    title: str, result: Mapping[str, Any], inputs: Sequence[Sequence[Any]], lang: str
) -> list[Sheet]:
    """Every sheet of a result workbook: the summary, then each result table."""
    return [summary_sheet(title, result, inputs, lang)] + [
        table_sheet(t, lang) for t in result["tables"]
    ]
