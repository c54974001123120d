"""周活动情况: one weekly occurrence's activities by unit, as a landscape PDF and a workbook.

Both carry the title, the period, the narrative (as the clerk left it), one table of the
activities grouped by unit with a 小计 row per unit and a 合计 row, the units that sent nothing,
and the signature area.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from anquanyue_desktop.domain.campaign import Campaign, chinese_date
from anquanyue_desktop.domain.reports import WEEKLY_REPORT_NAME, Counts, WeeklyReport

from . import pdf
from .fonts import FontSet
from .output import Output, safe_file_name_part
from .tables import Column, TableSpec, standard_signature

_COLUMNS = (
    # Weights in mm of the landscape type area: 序号, 参与人次, 照片 fit their header on one line.
    Column("序号", weight=13, align="center", xlsx_width=6),
    Column("单位", weight=34, xlsx_width=18),
    Column("日期", weight=18, align="center", xlsx_width=9),
    Column("类别", weight=22, align="center", xlsx_width=12),
    Column("活动名称", weight=58, xlsx_width=30),
    Column("地点", weight=28, xlsx_width=14),
    Column("参与人次", weight=21, align="center", xlsx_width=10),
    Column("照片", weight=12, align="center", xlsx_width=6),
    Column("视频", weight=12, align="center", xlsx_width=6),
    Column("备注", weight=28, xlsx_width=12),
)
_FORMATS = ("pdf", "xlsx")


def weekly_title_parts(campaign: Campaign, report: WeeklyReport) -> list[str]:
    """荫城镇2022年“安全生产月” | 第2周活动开展情况."""
    demo = "【示例】" if campaign.is_demo else ""
    return [
        f"{campaign.issuer_short}{campaign.year}年“安全生产月”",
        f"第{report.number}周活动开展情况{demo}",
    ]


def weekly_title(campaign: Campaign, report: WeeklyReport) -> str:
    return "".join(weekly_title_parts(campaign, report))


def _counts_row(label: str, c: Counts) -> tuple:
    return (
        None,
        label,
        None,
        None,
        f"{c.activities}项",
        None,
        c.participants,
        c.photos,
        c.videos,
        None,
    )


def weekly_table(report: WeeklyReport) -> TableSpec:
    rows: list[tuple] = []
    n = 0
    for group in report.units:
        for a in group.activities:
            n += 1
            photos = sum(1 for m in a.media if m.kind == "photo")
            videos = sum(1 for m in a.media if m.kind == "video")
            rows.append(
                (
                    n,
                    group.unit_name,
                    f"{a.on.month}月{a.on.day}日",
                    a.category,
                    a.title,
                    a.place,
                    a.participants,
                    photos,
                    videos,
                    "重要/特色" if a.important else None,
                )
            )
        if len(report.units) > 1 and len(group.activities) > 1:  # one activity is its own 小计
            rows.append(_counts_row(f"{group.unit_name} 小计", group.counts))
    if not rows:
        rows.append((None, "（本周没有活动记录）", *([None] * 8)))
    else:
        rows.append(_counts_row("合计", report.totals))
    return TableSpec(_COLUMNS, rows)


def _silent_named_in_narrative(report: WeeklyReport) -> bool:
    narrative = report.narrative
    return bool(report.silent_units) and all(u in narrative for u in report.silent_units)


def silent_lines(report: WeeklyReport) -> list[str]:
    """The 未报送单位 line, unless the narrative already names every silent unit."""
    return [] if _silent_named_in_narrative(report) else [silent_line(report)]


def silent_line(report: WeeklyReport) -> str:
    if not report.silent_units:
        return "未报送单位：无"
    return f"未报送单位（{len(report.silent_units)}个）：{'、'.join(report.silent_units)}"


def _period_line(report: WeeklyReport) -> str:
    return f"统计时段：{report.period}（截止{report.last_day.month}月{report.last_day.day}日报送）"


def write_weekly_pdf(
    campaign: Campaign,
    report: WeeklyReport,
    out: Output,
    *,
    generated_on: date,
    fonts: FontSet | None = None,
) -> None:
    """The weekly report as an A4 landscape PDF to print and stamp."""
    narrative_style = replace(
        pdf.TABLE_BODY, size=pdf.ZIHAO["四号"], leading=pdf.ZIHAO["四号"] * 1.5, first_indent=2
    )
    story = [
        pdf.TextBlock(
            "\n".join(weekly_title_parts(campaign, report)),
            pdf.TITLE,
            fonts=fonts,
            keep_with_next=True,
        ),
        Spacer(1, 3 * mm),
        pdf.InfoLine(_period_line(report), f"制表日期：{chinese_date(generated_on)}", fonts=fonts),
        Spacer(1, 2 * mm),
    ]
    if report.narrative.strip():
        story.append(pdf.TextBlock(report.narrative.strip(), narrative_style, fonts=fonts))
        story.append(Spacer(1, 3 * mm))
    story += [
        pdf.FormTable(
            weekly_table(report),
            fonts=fonts,
            tail=[
                Spacer(1, 3 * mm),
                *(pdf.TextBlock(t, pdf.TABLE_BODY, fonts=fonts) for t in silent_lines(report)),
                pdf.SignatureBlock(
                    standard_signature(campaign.issuer, chinese_date(generated_on)),
                    row_height=10 * mm,
                    space_before=4 * mm,
                    fonts=fonts,
                ),
            ],
        ),
    ]
    pdf.write_pdf(
        out,
        story,
        title=weekly_title(campaign, report),
        author=campaign.issuer,
        subject=WEEKLY_REPORT_NAME,
        layout=pdf.LANDSCAPE,
        fonts=fonts,
    )


def write_weekly_xlsx(
    campaign: Campaign, report: WeeklyReport, out: Output, *, generated_on: date
) -> None:
    """The weekly report as a workbook: narrative above the table, A4 landscape print setup."""
    from . import xlsx  # openpyxl only when a workbook is written

    title = weekly_title(campaign, report)
    wb = xlsx.new_workbook(title=title, author=campaign.issuer)
    ws = wb.active
    ws.title = xlsx.safe_sheet_title(f"第{report.number}周活动情况")
    subtitles: list[str | tuple[str, str]] = [
        (_period_line(report), f"制表日期：{chinese_date(generated_on)}")
    ]
    subtitles += [(line, "") for line in report.narrative.strip().splitlines() if line.strip()]
    subtitles += [(line, "") for line in silent_lines(report)]
    xlsx.write_form_sheet(
        ws,
        weekly_table(report),
        title=title,
        subtitles=subtitles,
        signature=standard_signature(campaign.issuer, chinese_date(generated_on)),
        landscape=True,
    )
    xlsx.save_workbook(wb, out)


def weekly_file_name(campaign: Campaign, report: WeeklyReport, fmt: str) -> str:
    """荫城镇_2022安全生产月_第2周活动情况_0608.xlsx — dated by the week's due day."""
    ext = fmt.lower().lstrip(".")
    if ext not in _FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，应为 pdf 或 xlsx")
    parts = [
        campaign.issuer_short,
        f"{campaign.year}安全生产月",
        f"第{report.number}周{WEEKLY_REPORT_NAME}",
    ]
    if campaign.is_demo:
        parts.append("示例")
    parts.append(f"{report.last_day:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"
