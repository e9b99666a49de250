"""A corpus of realistic CRM exports, generated here (no binary fixtures), with the figures each
must give on the pipeline board, computed by hand below each file.

Every file is what a rep really brings: a Chinese CRM's 商机 export saved by Excel on Chinese
Windows (GBK, amounts in 元, dates in three styles), a Salesforce opportunity report (extra
columns, default stages, a currency column, US dates), a HubSpot deals export (stage ids,
dates with a time), a Pipedrive deals export (a status column beside the stage), a Zoho deals
export, Dynamics 365 opportunities exported to Excel (hidden "(Do Not Modify)" columns, amounts
stored as numbers shown in ¥), the Chinese export as an Excel workbook, a semicolon file and
Excel's "Unicode text" (UTF-16, tab-separated). Close dates count from AS_OF.
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


PIPEDRIVE_HEADER = (
    "Deal - ID", "Deal - Title", "Deal - Organization", "Deal - Value", "Deal - Currency",
    "Deal - Stage", "Deal - Status", "Deal - Expected close date", "Deal - Owner",
    "Deal - Pipeline",
)  # fmt: skip
PIPEDRIVE_ROWS = [
    ("1", "Acme rollout", "Acme", "500000", "CNY", "Proposal Made", "open", "2027-03-31",
     "Mia Zhao", "Sales"),
    ("2", "Globex renewal", "Globex", "1200000", "CNY", "Negotiations Started", "open",
     "2027-01-31", "Mia Zhao", "Sales"),
    ("3", "Initech pilot", "Initech", "300000", "CNY", "Demo Scheduled", "open", "2027-06-30",
     "Leo Sun", "Sales"),
    ("4", "Umbrella upgrade", "Umbrella", "800000", "CNY", "Negotiations Started", "won",
     "2026-11-15", "Leo Sun", "Sales"),
    ("5", "Hooli support", "Hooli", "400000", "CNY", "Proposal Made", "lost", "2026-10-30",
     "Mia Zhao", "Sales"),
    ("6", "Soylent lead", "Soylent", "200000", "CNY", "Qualified", "open", "2027-09-30",
     "Leo Sun", "Sales"),
]  # fmt: skip
# By hand (元 ÷ 10,000): Proposal Made → 40%: 50 × 40% = 20; Negotiations Started → 60%:
#   120 × 60% = 72; Demo Scheduled → 20%: 30 × 20% = 6; status won → 100%: 80; status lost and
#   Qualified left out.  forecast 20 + 72 + 6 + 80 = 178; pipeline 50 + 120 + 30 + 80 = 280
PIPEDRIVE_FIGURES = {"deals": 4, "pipeline_wan": 280, "forecast_wan": 178, "won_wan": 80}


def pipedrive_export() -> Export:
    return Export(
        "pipedrive", "deals-1234567-89.csv",
        _csv(PIPEDRIVE_HEADER, PIPEDRIVE_ROWS).encode("utf-8"),
        **PIPEDRIVE_FIGURES, encoding="UTF-8", delimiter=",",
    )  # fmt: skip


ZOHO_HEADER = (
    "Record Id", "Deal Owner", "Deal Name", "Account Name", "Amount", "Currency", "Stage",
    "Probability (%)", "Closing Date", "Type", "Lead Source",
)  # fmt: skip
ZOHO_ROWS = [
    ("zcrm_501", "Ada Hu", "Zeta data platform", "Zeta", "1500000", "CNY",
     "Identify Decision Makers", "60", "2027-02-15", "New Business", "Web"),
    ("zcrm_502", "Ada Hu", "Eta cloud", "Eta", "600000", "CNY", "Proposal/Price Quote", "75",
     "2027-04-30", "New Business", "Partner"),
    ("zcrm_503", "Ben Qi", "Theta MES", "Theta", "2000000", "CNY", "Negotiation/Review", "90",
     "2027-01-20", "New Business", "Trade Show"),
    ("zcrm_504", "Ben Qi", "Iota support", "Iota", "250000", "CNY", "Closed Won", "100",
     "2026-11-05", "Existing Business", "Web"),
    ("zcrm_505", "Ada Hu", "Kappa ERP", "Kappa", "900000", "CNY",
     "Closed-Lost to Competition", "0", "2026-10-10", "New Business", "Web"),
    ("zcrm_506", "Ben Qi", "Lambda CRM", "Lambda", "100000", "CNY", "Qualification", "10",
     "2027-08-31", "New Business", "Cold Call"),
]  # fmt: skip
# By hand: Identify Decision Makers → 20%: 150 × 20% = 30; Proposal/Price Quote → 40%:
#   60 × 40% = 24; Negotiation/Review → 60%: 200 × 60% = 120; Closed Won → 100%: 25;
#   Closed-Lost to Competition and Qualification left out (Zoho's own probabilities unused).
#   forecast 30 + 24 + 120 + 25 = 199; pipeline 150 + 60 + 200 + 25 = 435; won 25
ZOHO_FIGURES = {"deals": 4, "pipeline_wan": 435, "forecast_wan": 199, "won_wan": 25}


def zoho_export() -> Export:
    return Export(
        "zoho", "Deals_2026_11_28.csv", _csv(ZOHO_HEADER, ZOHO_ROWS).encode("utf-8-sig"),
        **ZOHO_FIGURES, encoding="UTF-8 (BOM)", delimiter=",",
    )  # fmt: skip


DYNAMICS_HEADER = (
    "(Do Not Modify) Opportunity", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
    "Topic", "Potential Customer", "Est. Close Date", "Est. Revenue", "Currency",
    "Probability", "Sales Stage", "Status", "Owner",
)  # fmt: skip
DYNAMICS_ROWS = [
    ("Contoso network refresh", "Contoso", dt.datetime(2027, 2, 28), 1_800_000, "Develop",
     "Open"),
    ("Fabrikam ERP", "Fabrikam", dt.datetime(2027, 5, 31), 2_500_000, "Propose", "Open"),
    ("Litware analytics", "Litware", dt.datetime(2027, 1, 15), 700_000, "Close", "Open"),
    ("Northwind support", "Northwind", dt.datetime(2026, 11, 20), 300_000, "Close", "Won"),
    ("Tailspin pilot", "Tailspin", dt.datetime(2027, 7, 31), 500_000, "Qualify", "Open"),
    ("Wingtip upgrade", "Wingtip", dt.datetime(2026, 10, 31), 1_000_000, "Propose", "Lost"),
]  # fmt: skip
# By hand (Est. Revenue stored in 元, shown as ¥): Develop → 20%: 180 × 20% = 36; Propose →
#   40%: 250 × 40% = 100; Close (final proposal) → 90%: 70 × 90% = 63; status Won → 100%: 30;
#   Qualify and status Lost left out.  forecast 36 + 100 + 63 + 30 = 229;
#   pipeline 180 + 250 + 70 + 30 = 530; won 30
DYNAMICS_FIGURES = {"deals": 4, "pipeline_wan": 530, "forecast_wan": 229, "won_wan": 30}


def dynamics_xlsx() -> Export:
    """Dynamics 365's "Export to Excel": numbers and dates stored as such, shown formatted."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "My Open Opportunities"
    sheet.append(DYNAMICS_HEADER)
    for n, (topic, customer, close, revenue, stage, status) in enumerate(DYNAMICS_ROWS, 1):
        sheet.append([f"6f1c2d3e-0000-0000-0000-00000000000{n}", f"checksum{n}",
                      dt.datetime(2026, 11, 27, 9, n), topic, customer, close, revenue,
                      "Yuan Renminbi", 50, stage, status, "Grace Lin"])  # fmt: skip
        sheet.cell(row=n + 1, column=6).number_format = "yyyy/m/d"
        sheet.cell(row=n + 1, column=7).number_format = '"¥"#,##0.00'
    for column in "ABC":
        sheet.column_dimensions[column].hidden = True
    out = io.BytesIO()
    book.save(out)
    return Export("dynamics", "My Open Opportunities 11-28-2026 9-05-12 AM.xlsx",
                  out.getvalue(), **DYNAMICS_FIGURES, encoding=None, delimiter=None)  # fmt: skip


def corpus() -> list[Export]:
    return [
        chinese_crm_gbk(),
        salesforce_report(),
        hubspot_export(),
        pipedrive_export(),
        zoho_export(),
        dynamics_xlsx(),
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
