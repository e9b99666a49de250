"""A corpus of realistic CRM exports, generated here (no binary fixtures), with the figures each
must give on the pipeline board, computed by hand below each file.

Every file is what a rep really brings: a Chinese CRM's 商机 export saved by Excel on Chinese
Windows (GBK, amounts in 元, dates in three styles), a Salesforce opportunity report (extra
columns, default stages, a currency column, US dates), a HubSpot deals export (stage ids,
dates with a time), the Chinese export as an Excel workbook, a semicolon file and Excel's
"Unicode text" (UTF-16, tab-separated). Close dates count from AS_OF.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

AS_OF = dt.date(2026, 11, 28)


@dataclass(frozen=True)
class Export:
    """One file and the pipeline board's figures for it."""

    key: str
    filename: str
    data: bytes
    deals: int
    pipeline_wan: float
    forecast_wan: float
    won_wan: float
    encoding: str | None  # what the notice must say (None for .xlsx)
    delimiter: str | None


CHINESE_ROWS = [
    # 商机名称, 客户名称, 销售阶段, 商机金额(元), 预计成交日期, 负责人
    ("华东化工扩产项目", "华东化工", "需求确认", "1,200,000", "2027-09-28", "王磊"),
    ("新城地产智能楼宇", "新城地产", "方案报价", "800000", "2027/3/28", "李娜"),
    ("联合电力运维外包", "联合电力", "商务谈判", "2,000,000", "2027年5月28日", "王磊"),
    ("金桥制药产线改造", "金桥制药", "赢单", "600000", "2026-11-20", "张伟"),
    ("海天食品仓储系统", "海天食品", "输单", "300000", "2026-10-15", "李娜"),
]
CHINESE_HEADER = ("商机名称", "客户名称", "销售阶段", "商机金额(元)", "预计成交日期", "负责人")
# By hand (万元 = 元 ÷ 10,000; the lost deal is left out):
#   120 × 20% + 80 × 40% + 200 × 60% + 60 × 100% = 24 + 32 + 120 + 60 = 236
#   pipeline 120 + 80 + 200 + 60 = 460; won (赢单 → deposit received) 60; 4 deals
CHINESE_FIGURES = {"deals": 4, "pipeline_wan": 460, "forecast_wan": 236, "won_wan": 60}


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",") -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def chinese_crm_gbk() -> Export:
    return Export(
        "chinese_gbk", "商机导出.csv", _csv(CHINESE_HEADER, CHINESE_ROWS).encode("gbk"),
        **CHINESE_FIGURES, encoding="GBK/GB18030", delimiter=",",
    )  # fmt: skip


SALESFORCE_HEADER = (
    "Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Fiscal Period",
    "Amount Currency", "Amount", "Probability (%)", "Age", "Close Date", "Created Date",
    "Next Step", "Lead Source", "Type",
)  # fmt: skip
SALESFORCE_ROWS = [
    ("Alice Chen", "Northwind", "Northwind ERP rollout", "Proposal/Price Quote", "Q1-2027",
     "CNY", "1,500,000.00", "75", "58", "01/28/2027", "10/01/2026", "Revised quote", "Web",
     "New Business"),
    ("Bob Li", "Contoso", "Contoso CRM", "Negotiation/Review", "Q1-2027", "CNY",
     "2,500,000.00", "90", "120", "03/15/2027", "07/30/2026", "Legal review", "Partner",
     "New Business"),
    ("Carol Wu", "Fabrikam", "Fabrikam pilot", "Needs Analysis", "Q3-2027", "CNY",
     "400,000.00", "20", "12", "08/31/2027", "11/16/2026", "Discovery call", "Trade Show",
     "New Business"),
    ("Dan Zhou", "Tailspin", "Tailspin renewal", "Closed Won", "Q4-2026", "CNY",
     "900,000.00", "100", "200", "11/15/2026", "05/12/2026", "", "Existing", "Renewal"),
    ("Erin Xu", "Litware", "Litware analytics", "Closed Lost", "Q4-2026", "CNY",
     "700,000.00", "0", "90", "10/30/2026", "08/30/2026", "", "Web", "New Business"),
    ("Frank Ma", "Adventure Works", "AW cold lead", "Prospecting", "Q2-2027", "CNY",
     "2,000,000.00", "10", "3", "06/30/2027", "11/25/2026", "Intro call", "Web",
     "New Business"),
    ("Gina Sun", "Wingtip", "Wingtip upgrade", "Value Proposition", "Q4-2027", "CNY",
     "1,000,000.00", "50", "40", "12/20/2027", "10/19/2026", "Demo", "Partner", "Upsell"),
]  # fmt: skip
# By hand (元 ÷ 10,000; Closed Lost and Prospecting left out by the default stage map):
#   Proposal/Price Quote → 40%: 150 × 40% = 60;  Negotiation/Review → 60%: 250 × 60% = 150
#   Needs Analysis → 20%: 40 × 20% = 8;  Closed Won → 100%: 90;  Value Proposition → 20%: 20
#   forecast 60 + 150 + 8 + 90 + 20 = 328; pipeline 150 + 250 + 40 + 90 + 100 = 630; won 90
SALESFORCE_FIGURES = {"deals": 5, "pipeline_wan": 630, "forecast_wan": 328, "won_wan": 90}


def salesforce_report() -> Export:
    return Export(
        "salesforce", "report1732781234567.csv",
        _csv(SALESFORCE_HEADER, SALESFORCE_ROWS).encode("utf-8"),
        **SALESFORCE_FIGURES, encoding="UTF-8", delimiter=",",
    )  # fmt: skip


HUBSPOT_HEADER = (
    "Record ID", "Deal Name", "Deal Stage", "Amount", "Currency", "Close Date", "Deal owner",
    "Pipeline", "Create Date", "Associated Company",
)  # fmt: skip
HUBSPOT_ROWS = [
    ("101", "Acme onboarding", "appointmentscheduled", "50000", "CNY", "2027-02-01 10:00",
     "Ivy Lin", "Sales Pipeline", "2026-11-02 09:13", "Acme"),
    ("102", "Globex expansion", "Qualified to buy", "300000", "CNY", "2027-06-30 18:00",
     "Ivy Lin", "Sales Pipeline", "2026-09-12 11:40", "Globex"),
    ("103", "Initech platform", "decisionmakerboughtin", "1200000", "CNY", "2027-01-15 12:00",
     "Jack Wang", "Sales Pipeline", "2026-06-01 08:00", "Initech"),
    ("104", "Umbrella security", "Contract sent", "800000", "CNY", "2026-12-20 12:00",
     "Jack Wang", "Sales Pipeline", "2026-07-21 15:30", "Umbrella"),
    ("105", "Hooli support", "closedwon", "450000", "CNY", "2026-11-10 12:00", "Ivy Lin",
     "Sales Pipeline", "2026-04-18 10:05", "Hooli"),
]  # fmt: skip
# By hand: appointmentscheduled left out; Qualified to buy → 20%: 30 × 20% = 6;
#   decisionmakerboughtin → 60%: 120 × 60% = 72; Contract sent → 90%: 80 × 90% = 72;
#   closedwon → 100%: 45.  forecast 6 + 72 + 72 + 45 = 195; pipeline 30 + 120 + 80 + 45 = 275
HUBSPOT_FIGURES = {"deals": 4, "pipeline_wan": 275, "forecast_wan": 195, "won_wan": 45}


def hubspot_export() -> Export:
    return Export(
        "hubspot", "hubspot-crm-exports-all-deals-2026-11-28.csv",
        _csv(HUBSPOT_HEADER, HUBSPOT_ROWS).encode("utf-8-sig"),
        **HUBSPOT_FIGURES, encoding="UTF-8 (BOM)", delimiter=",",
    )  # fmt: skip


def chinese_crm_xlsx() -> Export:
    """The Chinese export as Excel saves it: real numbers and real dates in the cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "商机"
    sheet.append(CHINESE_HEADER)
    for name, customer, stage, amount, _, owner in CHINESE_ROWS:
        sheet.append([name, customer, stage, int(amount.replace(",", "")), None, owner])
    dates = [dt.datetime(2027, 9, 28), dt.datetime(2027, 3, 28), dt.datetime(2027, 5, 28),
             dt.datetime(2026, 11, 20), dt.datetime(2026, 10, 15)]  # fmt: skip
    for row, date in enumerate(dates, start=2):
        sheet.cell(row=row, column=5, value=date).number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return Export("chinese_xlsx", "商机导出.xlsx", out.getvalue(), **CHINESE_FIGURES,
                  encoding=None, delimiter=None)  # fmt: skip


def chinese_semicolon() -> Export:
    """The Chinese export from an Excel set up with a decimal comma: semicolons, UTF-8 BOM."""
    text = _csv(CHINESE_HEADER, CHINESE_ROWS, delimiter=";")
    return Export("semicolon", "商机-分号.csv", text.encode("utf-8-sig"), **CHINESE_FIGURES,
                  encoding="UTF-8 (BOM)", delimiter=";")  # fmt: skip


def salesforce_utf16_tab() -> Export:
    """The Salesforce report saved by Excel as "Unicode text": UTF-16 with a BOM, tabs."""
    text = _csv(SALESFORCE_HEADER, SALESFORCE_ROWS, delimiter="\t")
    return Export("tab_utf16", "report.txt", text.encode("utf-16"), **SALESFORCE_FIGURES,
                  encoding="UTF-16", delimiter="\t")  # fmt: skip


def corpus() -> list[Export]:
    return [
        chinese_crm_gbk(),
        salesforce_report(),
        hubspot_export(),
        chinese_crm_xlsx(),
        chinese_semicolon(),
        salesforce_utf16_tab(),
    ]


def many_deals(count: int) -> bytes:
    """A Salesforce-style report of ``count`` deals (for the row limit and the benchmark)."""
    stages = ["Needs Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won"]
    rows = [
        (f"Deal {i:05d}", f"Account {i % 997}", stages[i % 4], "CNY", f"{(i % 50 + 1) * 100000}",
         f"{(i % 12) + 1:02d}/28/2027")
        for i in range(count)
    ]  # fmt: skip
    header = (
        "Opportunity Name",
        "Account Name",
        "Stage",
        "Amount Currency",
        "Amount",
        "Close Date",
    )
    return _csv(header, rows).encode("utf-8")
