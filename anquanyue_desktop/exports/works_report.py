"""“五个一” works: the register against the 分配表 and the 报送表 (seed 003, 附件2 and 附件3).

- The register (作品报送情况): per unit and item the quota, what was handed in per format
  (视频 0/1，图片 2/3) and 达标/未达标, then the shortfall lines — PDF (A4 landscape) and xlsx.
- The 报送表: one unit's works as the seed's table 项目/序号/主题或标题/报送内容/备注, under
  报送单位/报送时间, with the seed's note on photos, videos and links — PDF and xlsx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from anquanyue_desktop.domain.campaign import Campaign, chinese_date
from anquanyue_desktop.domain.forms import describe_quota
from anquanyue_desktop.domain.reports import WorksRegister

from . import pdf
from .fonts import FontSet
from .output import Output, safe_file_name_part
from .tables import Column, TableSpec

REGISTER_NAME = "作品报送情况"
SUBMISSION_NAME = "优秀作品案例报送表"
SUBMISSION_NOTE = (
    "提示：视频、照片等文件资料请另建文件夹随报送表一同报送，照片需为原图并配简要文字说明，"
    "视频作品需附200字以内简介，视频资料过大可以网盘链接形式报送，案例等文字材料若篇幅较长，可另附页。"
)
_FORMATS = ("pdf", "xlsx")

_REGISTER_COLUMNS = (
    Column("序号", weight=10, align="center", xlsx_width=6),
    Column("单位", weight=36),
    Column("项目", weight=40),
    Column("要求", weight=50, xlsx_width=30),
    Column("已报送/要求", weight=44, xlsx_width=26),
    Column("是否达标", weight=18, align="center", xlsx_width=10),
)
# xlsx widths fit portrait A4 at full size (the form is portrait on paper).
_SUBMISSION_COLUMNS = (
    Column("项目", weight=34, xlsx_width=20),
    Column("序号", weight=10, align="center", xlsx_width=6),
    Column("主题或标题", weight=50, xlsx_width=24),
    Column("报送内容", weight=70, xlsx_width=30),
    Column("备注", weight=22, xlsx_width=10),
)


def register_title(campaign: Campaign) -> str:
    demo = "【示例】" if campaign.is_demo else ""
    return f"{campaign.issuer_short}{campaign.year}年“五个一”活动优秀作品案例报送情况{demo}"


def register_table(register: WorksRegister) -> TableSpec:
    rows = []
    n = 0
    for unit in register.units:
        by_item: dict[str, list] = {}
        for c in unit.cells:
            by_item.setdefault(c.item_key, []).append(c)
        for item in register.quota.items:
            cells = by_item.get(item.key, [])
            if not cells:
                continue
            n += 1
            short = any(c.short for c in cells)
            rows.append(
                (
                    n,
                    unit.unit_name,
                    item.name,
                    describe_quota(item, _audience(register)),
                    "，".join(c.text for c in cells),
                    "未达标" if short else "达标",
                )
            )
    if not rows:
        rows.append((None, "（没有单位）", None, None, None, None))
    return TableSpec(_REGISTER_COLUMNS, rows)


def _audience(register: WorksRegister) -> str:
    return register.quota.audiences[0] if register.quota.audiences else "各社区"


def _summary_line(register: WorksRegister) -> str:
    done = len(register.complete_units)
    return f"共{len(register.units)}个单位，全部达标{done}个，报送作品{register.delivered_total}件"


def _shortfall_text(register: WorksRegister) -> str:
    """One line naming the units short of the 分配表: the table above already says by how
    much, item by item (listing every shortfall again doubled the register's length)."""
    short = [u.unit_name for u in register.units if u.unit_name not in register.complete_units]
    if not short:
        return "各单位均已达到分配表要求。"
    return f"未达标单位（{len(short)}个，差额见上表“已报送/要求”）：" + "、".join(short)


def write_works_register_pdf(
    campaign: Campaign,
    register: WorksRegister,
    out: Output,
    *,
    generated_on: date,
    fonts: FontSet | None = None,
) -> None:
    story = [
        pdf.TextBlock(register_title(campaign), pdf.TITLE, fonts=fonts, keep_with_next=True),
        Spacer(1, 3 * mm),
        pdf.InfoLine(
            _summary_line(register), f"制表日期：{chinese_date(generated_on)}", fonts=fonts
        ),
        Spacer(1, 1.5 * mm),
        pdf.FormTable(
            register_table(register),
            fonts=fonts,
            tail=[
                Spacer(1, 4 * mm),
                pdf.TextBlock(_shortfall_text(register), pdf.TABLE_BODY, fonts=fonts),
            ],
        ),
    ]
    pdf.write_pdf(
        out,
        story,
        title=register_title(campaign),
        author=campaign.issuer,
        subject=REGISTER_NAME,
        layout=pdf.LANDSCAPE,
        fonts=fonts,
    )


def write_works_register_xlsx(
    campaign: Campaign, register: WorksRegister, out: Output, *, generated_on: date
) -> None:
    from . import xlsx  # openpyxl only when a workbook is written

    title = register_title(campaign)
    wb = xlsx.new_workbook(title=title, author=campaign.issuer)
    ws = wb.active
    ws.title = REGISTER_NAME
    layout = xlsx.write_form_sheet(
        ws,
        register_table(register),
        title=title,
        subtitles=[(_summary_line(register), f"制表日期：{chinese_date(generated_on)}")],
        landscape=True,
    )
    xlsx.append_lines(ws, layout, [_shortfall_text(register)])
    xlsx.save_workbook(wb, out)


@dataclass(frozen=True)
class WorkEntry:
    """One line of the 报送表: 项目 (item name), 主题或标题, 报送内容, 备注."""

    item_name: str
    title: str
    content: str = ""
    remark: str = ""


def submission_title() -> str:
    return f"畅通生命通道“五个一”活动{SUBMISSION_NAME}"


def submission_table(item_names: Sequence[str], entries: Sequence[WorkEntry]) -> TableSpec:
    """Rows grouped by item in the quota's order, numbered within each item; an item with no
    entries keeps one empty row, as on the paper form."""
    rows = []
    order = list(item_names) + [e.item_name for e in entries if e.item_name not in item_names]
    for name in dict.fromkeys(order):
        mine = [e for e in entries if e.item_name == name]
        if not mine:
            rows.append((name, 1, None, None, None))
        for i, e in enumerate(mine, start=1):
            rows.append((name if i == 1 else None, i, e.title, e.content, e.remark))
    return TableSpec(_SUBMISSION_COLUMNS, rows)


def _submission_header(unit_name: str, submitted_on: date | None) -> tuple[str, str]:
    when = chinese_date(submitted_on) if submitted_on else ""
    return f"报送单位：{unit_name}", f"报送时间：{when}"


def write_works_submission_pdf(
    unit_name: str,
    item_names: Sequence[str],
    entries: Sequence[WorkEntry],
    out: Output,
    *,
    submitted_on: date | None,
    contact: str = "",
    fonts: FontSet | None = None,
) -> None:
    left, right = _submission_header(unit_name, submitted_on)
    story = [
        pdf.TextBlock(submission_title(), pdf.TITLE, fonts=fonts, keep_with_next=True),
        Spacer(1, 3 * mm),
        pdf.InfoLine(left, right, fonts=fonts),
        Spacer(1, 1.5 * mm),
        pdf.FormTable(
            submission_table(item_names, entries),
            fonts=fonts,
            tail=[
                Spacer(1, 3 * mm),
                pdf.TextBlock(SUBMISSION_NOTE, pdf.TABLE_BODY, fonts=fonts),
                Spacer(1, 3 * mm),
                pdf.TextBlock(f"联系人：{contact}", pdf.TABLE_BODY, fonts=fonts),
            ],
        ),
    ]
    pdf.write_pdf(
        out, story, title=submission_title(), author=unit_name, subject=SUBMISSION_NAME, fonts=fonts
    )


def write_works_submission_xlsx(
    unit_name: str,
    item_names: Sequence[str],
    entries: Sequence[WorkEntry],
    out: Output,
    *,
    submitted_on: date | None,
    contact: str = "",
) -> None:
    from . import xlsx  # openpyxl only when a workbook is written

    wb = xlsx.new_workbook(title=submission_title(), author=unit_name)
    ws = wb.active
    ws.title = xlsx.safe_sheet_title(SUBMISSION_NAME)
    layout = xlsx.write_form_sheet(
        ws,
        submission_table(item_names, entries),
        title=submission_title(),
        subtitles=[_submission_header(unit_name, submitted_on)],
    )
    xlsx.append_lines(ws, layout, [SUBMISSION_NOTE, f"联系人：{contact}"])
    xlsx.save_workbook(wb, out)


def works_file_name(campaign: Campaign, fmt: str, today: date, what: str = REGISTER_NAME) -> str:
    """荫城镇_2022安全生产月_作品报送情况_0625.xlsx."""
    ext = fmt.lower().lstrip(".")
    if ext not in _FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，应为 pdf 或 xlsx")
    parts = [campaign.issuer_short, f"{campaign.year}安全生产月", what]
    if campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"
