"""单位名册: the list of the township's 下级单位, as a stampable PDF and as a workbook.

Both formats carry the same table (序号/单位名称/类别/状态/备注), the same title and the same
signature area (填报单位（盖章）、填报人、审核人、日期). Units are listed in the order given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from anquanyue_desktop.domain.campaign import Campaign, chinese_date
from anquanyue_desktop.domain.units import Unit

from . import pdf
from .fonts import FontSet
from .output import Output, safe_file_name_part
from .tables import Column, SignatureField, TableSpec, standard_signature

ROSTER_NAME = "单位名册"
_COLUMNS = (
    Column("序号", weight=0.9, align="center", xlsx_width=6),
    Column("单位名称", weight=4.2),
    Column("类别", weight=1.1, align="center"),
    Column("状态", weight=1.0, align="center", xlsx_width=7),
    Column("备注", weight=3.2),
)
_FORMATS = ("pdf", "xlsx")


def roster_title_parts(campaign: Campaign | None) -> list[str]:
    """The title in the pieces where it may break: a printed title that wraps by width
    splits “安全生产|月”, which reads badly."""
    if campaign is None:
        return ["下级单位名册"]
    tail = "下级单位名册【示例】" if campaign.is_demo else "下级单位名册"
    return [f"{campaign.issuer_short}{campaign.year}年“安全生产月”", tail]


def roster_title(campaign: Campaign | None) -> str:
    """荫城镇2022年“安全生产月”下级单位名册; without a campaign just 下级单位名册."""
    return "".join(roster_title_parts(campaign))


def roster_theme_parts(campaign: Campaign | None) -> list[str]:
    parts = []
    if campaign is not None and campaign.ordinal:
        parts.append(f"第{campaign.ordinal}个全国“安全生产月”")
    if campaign is not None and campaign.theme.strip():
        parts.append(f"主题：{campaign.theme.strip()}")
    return parts


def roster_theme_line(campaign: Campaign | None) -> str:
    """第21个全国“安全生产月”　主题：……; empty when the campaign has neither."""
    return "　".join(roster_theme_parts(campaign))


def _count_line(units: Sequence[Unit]) -> str:
    inactive = sum(1 for u in units if not u.active)
    if inactive:
        return f"共{len(units)}个单位（在用{len(units) - inactive}个，停用{inactive}个）"
    return f"共{len(units)}个单位"


def roster_table(units: Sequence[Unit]) -> TableSpec:
    """The roster's table; an empty roster gets one row saying so."""
    rows = [
        (i, u.name, u.kind, "在用" if u.active else "停用", u.notes)
        for i, u in enumerate(units, start=1)
    ]
    if not rows:
        rows = [(None, "（暂无单位）", None, None, None)]
    return TableSpec(_COLUMNS, rows)


def _signature(campaign: Campaign | None, generated_on: date) -> list[list[SignatureField]]:
    return standard_signature(campaign.issuer if campaign else "", chinese_date(generated_on))


def write_roster_pdf(
    campaign: Campaign | None,
    units: Sequence[Unit],
    out: Output,
    *,
    generated_on: date,
    fonts: FontSet | None = None,
) -> None:
    """The roster as an A4 PDF to print, stamp and send.

    Raises :class:`~.fonts.MissingGlyphError` (naming row and column) before writing anything
    if a name holds a character no font can draw.
    """
    title = roster_title(campaign)
    heading = "\n".join(roster_title_parts(campaign))
    story = [pdf.TextBlock(heading, pdf.TITLE, fonts=fonts, keep_with_next=True)]
    if theme := "\n".join(roster_theme_parts(campaign)):
        story.append(pdf.TextBlock(theme, pdf.SUBTITLE, fonts=fonts, keep_with_next=True))
    story += [
        Spacer(1, 4 * mm),
        pdf.InfoLine(_count_line(units), f"制表日期：{chinese_date(generated_on)}", fonts=fonts),
        Spacer(1, 1.5 * mm),
        pdf.FormTable(
            roster_table(units),
            fonts=fonts,
            tail=[pdf.SignatureBlock(_signature(campaign, generated_on), fonts=fonts)],
        ),
    ]
    pdf.write_pdf(
        out,
        story,
        title=title,
        author=campaign.issuer if campaign else "",
        subject=ROSTER_NAME,
        fonts=fonts,
    )


def write_roster_xlsx(
    campaign: Campaign | None,
    units: Sequence[Unit],
    out: Output,
    *,
    generated_on: date,
) -> None:
    """The roster as a workbook laid out like the paper form, ready to print on A4."""
    from . import xlsx  # openpyxl only when a workbook is written

    title = roster_title(campaign)
    wb = xlsx.new_workbook(title=title, author=campaign.issuer if campaign else "")
    ws = wb.active
    ws.title = ROSTER_NAME
    subtitles: list[str | tuple[str, str]] = []
    if theme := roster_theme_line(campaign):
        subtitles.append(theme)
    subtitles.append((_count_line(units), f"制表日期：{chinese_date(generated_on)}"))
    xlsx.write_form_sheet(
        ws,
        roster_table(units),
        title=title,
        subtitles=subtitles,
        signature=_signature(campaign, generated_on),
    )
    xlsx.save_workbook(wb, out)


def roster_file_name(campaign: Campaign | None, fmt: str, today: date) -> str:
    """荫城镇_2022安全生产月_单位名册_1122.pdf: who, what, when; safe as a Windows file name."""
    ext = fmt.lower().lstrip(".")
    if ext not in _FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，应为 pdf 或 xlsx")
    parts = []
    if campaign is not None:
        parts += [campaign.issuer_short, f"{campaign.year}安全生产月"]
    parts.append(ROSTER_NAME)
    if campaign is not None and campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"
