"""催报名单: the units still owing one occurrence, as a PDF to print and as a workbook.

Both carry the same title, the occurrence and its due time, a count line and the table
序号/单位名称/联络员/手机号码/状态/备注; 备注 is left empty for the clerk's notes by phone.
Rows are listed in the order given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from anquanyue_desktop.domain.campaign import Campaign, chinese_date
from anquanyue_desktop.domain.chase import CHASE_LIST_NAME, ChaseRow, count_line
from anquanyue_desktop.domain.deadlines import Occurrence, format_due
from anquanyue_desktop.domain.submissions import OVERDUE

from . import pdf
from .fonts import FontSet
from .output import Output, safe_file_name_part
from .tables import Column, TableSpec

# Weights are millimetres of the 156 mm type area: 序号, an 11-digit mobile and 逾期未报
# fit on one line in 小四; names wrap.
_COLUMNS = (
    Column("序号", weight=11, align="center", xlsx_width=6),
    Column("单位名称", weight=49),
    Column("联络员", weight=20, align="center", xlsx_width=10),
    Column("手机号码", weight=33, align="center", xlsx_width=15),
    Column("状态", weight=20, align="center", xlsx_width=10),
    Column("备注", weight=23, xlsx_width=24),
)
_FORMATS = ("pdf", "xlsx")
# Room to write a note by hand in every row of the printed list.
_PDF_ROW_HEIGHT = 9 * mm


def chase_title_parts(campaign: Campaign | None) -> list[str]:
    """荫城镇2022年“安全生产月” | 催报名单, split where a printed title may break."""
    tail = f"{CHASE_LIST_NAME}【示例】" if campaign is not None and campaign.is_demo else ""
    if campaign is None:
        return [CHASE_LIST_NAME]
    return [f"{campaign.issuer_short}{campaign.year}年“安全生产月”", tail or CHASE_LIST_NAME]


def chase_title(campaign: Campaign | None) -> str:
    return "".join(chase_title_parts(campaign))


def due_line(occurrence: Occurrence, rows: Sequence[ChaseRow]) -> str:
    """截止时间：6月8日（周三）18:00前（已逾期）; 已逾期 when any row is 逾期未报."""
    late = "（已逾期）" if any(r.status == OVERDUE for r in rows) else ""
    return f"截止时间：{format_due(occurrence)}前{late}"


def chase_table(rows: Sequence[ChaseRow]) -> TableSpec:
    """The chase list's table; an empty list gets one row saying so."""
    body = [
        (i, r.unit_name, r.liaison_name, r.mobile, r.status, None)
        for i, r in enumerate(rows, start=1)
    ]
    if not body:
        body = [(None, "（没有未报送的单位）", None, None, None, None)]
    return TableSpec(_COLUMNS, body)


def write_chase_pdf(
    campaign: Campaign | None,
    occurrence: Occurrence,
    rows: Sequence[ChaseRow],
    out: Output,
    *,
    generated_on: date,
    fonts: FontSet | None = None,
) -> None:
    """The chase list as an A4 PDF to print and tick off by phone.

    Raises :class:`~.fonts.MissingGlyphError` before writing anything if a name holds a
    character no font can draw.
    """
    story = [
        pdf.TextBlock(
            "\n".join(chase_title_parts(campaign)), pdf.TITLE, fonts=fonts, keep_with_next=True
        ),
        pdf.TextBlock(occurrence.label, pdf.SUBTITLE, fonts=fonts, keep_with_next=True),
        Spacer(1, 4 * mm),
        pdf.TextBlock(due_line(occurrence, rows), pdf.TABLE_BODY, fonts=fonts, keep_with_next=True),
        pdf.InfoLine(count_line(rows), f"制表日期：{chinese_date(generated_on)}", fonts=fonts),
        Spacer(1, 1.5 * mm),
        pdf.FormTable(chase_table(rows), fonts=fonts, min_row_height=_PDF_ROW_HEIGHT),
    ]
    pdf.write_pdf(
        out,
        story,
        title=f"{chase_title(campaign)}（{occurrence.label}）",
        author=campaign.issuer if campaign else "",
        subject=CHASE_LIST_NAME,
        fonts=fonts,
    )


def write_chase_xlsx(
    campaign: Campaign | None,
    occurrence: Occurrence,
    rows: Sequence[ChaseRow],
    out: Output,
    *,
    generated_on: date,
) -> None:
    """The chase list as a workbook laid out like the printed list."""
    from . import xlsx  # openpyxl only when a workbook is written

    title = chase_title(campaign)
    wb = xlsx.new_workbook(
        title=f"{title}（{occurrence.label}）", author=campaign.issuer if campaign else ""
    )
    ws = wb.active
    ws.title = CHASE_LIST_NAME
    xlsx.write_form_sheet(
        ws,
        chase_table(rows),
        title=title,
        subtitles=[
            occurrence.label,
            (due_line(occurrence, rows), ""),
            (count_line(rows), f"制表日期：{chinese_date(generated_on)}"),
        ],
    )
    xlsx.save_workbook(wb, out)


def _label_for_file(label: str) -> str:
    """周活动开展情况（第2周） → 周活动开展情况第2周; long titles cut to stay readable."""
    text = re.sub(r"[（）()【】\[\]“”\"'‘’《》]", "", label)
    return text[:30]


def chase_file_name(
    campaign: Campaign | None, occurrence: Occurrence, fmt: str, today: date
) -> str:
    """荫城镇_2022安全生产月_催报名单_周活动开展情况第2周_0608.pdf; safe on Windows."""
    ext = fmt.lower().lstrip(".")
    if ext not in _FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，应为 pdf 或 xlsx")
    parts = []
    if campaign is not None:
        parts += [campaign.issuer_short, f"{campaign.year}安全生产月"]
    parts += [CHASE_LIST_NAME, _label_for_file(occurrence.label)]
    if campaign is not None and campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"
