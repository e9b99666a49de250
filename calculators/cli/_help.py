"""Help for one calculator, from its schema: what it does, its settings, its table columns
with units and accepted values, and the headers a file may use. Nothing is written twice:
the same Field declarations make the form, and this text."""

from __future__ import annotations

from ..core import Calculator, Field, fmt
from ..tables._headers import CLOSE_DATE, written
from ..tables._stages import DEFAULT_STAGE_MAP
from ..tables._write import column_title


def _kind(f: Field, zh: bool) -> str:
    if f.kind in ("number", "integer"):
        word = ("整数" if f.kind == "integer" else "数字") if zh else (
            "whole number" if f.kind == "integer" else "number")  # fmt: skip
        if f.unit is not None:
            word += f"，单位{f.unit.zh}" if zh else f" in {f.unit.en}"
        lo, hi = f.minimum, f.maximum
        if lo is not None and hi is not None:
            word += f",{fmt(lo)}–{fmt(hi)}" if zh else f", {fmt(lo)}–{fmt(hi)}"
        return word
    if f.kind == "text":
        limit = int(f.maximum) if f.maximum is not None else 200
        return f"文字，最多 {limit} 字" if zh else f"text, up to {limit} characters"
    if f.kind == "boolean":
        return "是/否" if zh else "yes/no"
    if f.kind == "choice":
        return "选项（键或名称均可）" if zh else "one of (key or label)"
    return f.kind


def _field_lines(f: Field, zh: bool, indent: str) -> list[str]:
    lang = "zh" if zh else "en"
    optional = ("（可不填）" if zh else " (optional)") if not f.required else ""
    lines = [f"{indent}{f.key}  {f.label.get(lang)}{optional}: {_kind(f, zh)}"]
    lines.append(f"{indent}    {f.help.get(lang)}")
    if f.kind == "choice":
        for c in f.choices:
            lines.append(f"{indent}    {c.value} = {c.label.get(lang)}")
    return lines


def _column_lines(column: Field, zh: bool) -> list[str]:
    """A table column's help: its kind and meaning, the headers a file may give it, and how a
    close date, a money unit or a CRM's stages are read into it."""
    lines = _field_lines(column, zh, "  ")
    crm = written(column.key)
    # what a rep writes first (the titles a template and an export write), then the key
    titles = [column_title(column, "zh"), column_title(column, "en"), column.key]
    seen: dict[str, str] = {}
    for head in [*titles, column.label.zh, column.label.en, *crm[:6]]:
        seen.setdefault(head.casefold(), head)  # headers are read in any case
    heads = list(seen.values())
    lines.append(
        ("    表头（不分大小写）：" if zh else "    Headers (any case): ") + ", ".join(heads)
    )
    if column.key == "months_to_close":
        dates = ", ".join(written(CLOSE_DATE)[:4])
        lines.append(
            f"    或预计成交日期一列（{dates}…），从今天或 --as-of 日期起算。"
            if zh
            else f"    or a close date column ({dates}…), counted from today or --as-of."
        )
    if column.unit is not None and column.unit.zh == "万元":
        lines.append(
            "    金额单位写在表头（金额（元）、Amount (CNY)）"
            "或格子里（200 万、¥2,000,000），会换算成万元；都没写时用 --amount-unit。"
            "数字能两样读时（250.000）用 --decimal-mark point 或 comma 说明。"
            if zh
            else "    Name the unit in the header (金额(元), Amount (CNY)) or in the cell "
            "(200万, ¥2,000,000): it is converted to 10k CNY (万元); with neither, "
            "--amount-unit. Numbers that read two ways (250.000): --decimal-mark point or "
            "comma."
        )
    if column.key == "stage":
        lines.append(
            "    也接受 Salesforce、HubSpot、Pipedrive、Zoho、Dynamics 365 "
            "和常见中文 CRM 的默认阶段"
            f"（{len(DEFAULT_STAGE_MAP)} 个，见 README 的阶段对照表）；"
            "其他阶段用 --stage-map 文件对照。"
            if zh
            else f"    Also the default stages of Salesforce, HubSpot, Pipedrive, Zoho, "
            "Dynamics 365 and common Chinese "
            f"CRMs ({len(DEFAULT_STAGE_MAP)}; see the stage map in the README); map "
            "others with --stage-map FILE."
        )
    return lines


def calculator_help(calc: Calculator, lang: str, prog: str = "python -m calculators") -> str:
    """The help text of ``calc`` in ``lang`` ("zh" or "en")."""
    zh = lang == "zh"
    lines = [f"{calc.title.get(lang)} ({calc.slug})", "", calc.summary.get(lang), ""]
    settings = [f for f in calc.fields if f.kind != "table"]
    tables = [f for f in calc.fields if f.kind == "table"]
    if settings:
        lines.append(
            "设置（用 --set 键=值 或 --settings 文件.json 给出；"
            "没给的用示例的默认值，输出里会注明）："
            if zh
            else "Settings (give them with --set KEY=VALUE or --settings FILE.json; any you do "
            "not give keep the worked example's value, and the output says so):"
        )
        for f in settings:
            lines.extend(_field_lines(f, zh, "  "))
            default = "（空）" if f.default is None else str(f.default)
            lines.append(f"    {'默认值' if zh else 'Default'}: {default}")
        lines.append("")
    for t in tables:
        rows = f"{t.min_rows}–{t.max_rows:,}"
        lines.append(
            f"表格 {t.key}「{t.label.zh}」，{rows} 行；由 CSV 或 Excel 文件填入"
            + ("（有多个表格时用 --table 指明）" if len(tables) > 1 else "")
            + ":"
            if zh
            else f"Table {t.key} '{t.label.en}', {rows} rows, filled from a CSV or Excel file"
            + (" (with several tables, name it with --table)" if len(tables) > 1 else "")
            + ":"
        )
        for column in t.columns:
            lines.extend(_column_lines(column, zh))
        lines.append("")
    lines.append(
        f"示例：{prog} example {calc.slug}"
        + (f" --table {tables[0].key} -o 模板.csv" if tables else "")
        if zh
        else f"Example: {prog} example {calc.slug}"
        + (f" --table {tables[0].key} -o template.csv" if tables else "")
    )
    return "\n".join(lines)
