"""联络员名册 and 活动情况统计表: the collected forms as PDF to stamp and as xlsx to send.

- The liaison roster lists every unit (in the order given) with the liaison form's fields as
  columns, the unit's name first; a unit without a liaison keeps its row with empty cells.
  A4 portrait when the columns fit, landscape otherwise; signature area below.
- The statistics table prints one unit's entry, or the township's sum
  (:func:`~anquanyue_desktop.domain.form_entries.aggregate_as_entry`), in the upstream layout:
  title, the 填报单位/联系人/电话/填报日期 line, the 活动项目 / 内容要求 / 进展情况 columns with
  the filled values in place of the blanks (理论学习中心组学习（3）次，参与（45）人次), a line
  naming the units missing from a sum, and the 盖章 area. A4 landscape, as the form is wide.

Both formats carry the same content; page numbers “— N —” in the PDF, in the footer of the
printed workbook.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from openpyxl.styles import Alignment
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from anquanyue_desktop.domain.campaign import Campaign, chinese_date
from anquanyue_desktop.domain.forms import (
    UNIT_KEY,
    Field,
    FormTemplate,
    TableRow,
    all_fields,
    display_value,
)

from . import pdf, xlsx
from .fonts import FontSet
from .form_workbook import form_short_name
from .output import Output, safe_file_name_part
from .tables import Column, SignatureField, TableSpec, standard_signature

__all__ = [
    "LIAISON_ROSTER_NAME",
    "attachment_label",
    "header_line",
    "liaison_columns",
    "liaison_roster_file_name",
    "liaison_roster_is_wide",
    "liaison_roster_table",
    "liaison_roster_title",
    "missing_line",
    "progress_filled",
    "statistics_file_name",
    "statistics_table",
    "write_liaison_roster_pdf",
    "write_liaison_roster_xlsx",
    "write_statistics_pdf",
    "write_statistics_xlsx",
]

LIAISON_ROSTER_NAME = "联络员名册"
_FORMATS = ("pdf", "xlsx")
# An empty blank on paper: room to see it was left empty (or to write in by hand).
_EMPTY_BLANK = "（　　）"
_EMPTY_HEADER_VALUE = "　" * 6

# The widest usual content of the fixed-width columns (kept on one line in 小四): measured
# in the fonts the PDF uses, since a 宋体 digit is narrower than one of the bundled font.
# The elastic columns (names, posts, addresses) share what is left and wrap.
_FIXED_SAMPLE_BY_KEY = {"name": "欧阳娜娜", "gender": "男"}
_FIXED_SAMPLE_BY_TYPE = {
    "number": "999999",
    "landline": "0355-6627527",
    "mobile": "13812345678",
    "phone": "0355-6627527",
    "date": "2024年12月31日",
    "yesno": "否",
}
_CELL_PADDING = 3.0  # pdf.FormTable's default, each side, in points
_ELASTIC_BY_KEY = {UNIT_KEY: 40.0, "address": 42.0}
_ELASTIC_BY_TYPE = {"longtext": 42.0, "email": 42.0}
_ELASTIC_DEFAULT = 26.0
_XLSX_WIDTH_BY_TYPE = {"landline": 15.0, "mobile": 14.0, "phone": 15.0, "email": 24.0}


def _check_format(fmt: str) -> str:
    ext = fmt.lower().lstrip(".")
    if ext not in _FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，应为 pdf 或 xlsx")
    return ext


def _campaign_prefix(campaign: Campaign | None) -> str:
    if campaign is None:
        return ""
    return f"{campaign.issuer_short}{campaign.year}年“安全生产月”"


def _demo_mark(campaign: Campaign | None) -> str:
    return "【示例】" if campaign is not None and campaign.is_demo else ""


def _signature(unit: str, generated_on: date) -> list[list[SignatureField]]:
    return standard_signature(unit, chinese_date(generated_on))


# ---------------------------------------------------------------- liaison roster


def liaison_columns(template: FormTemplate) -> list[Field]:
    """The roster's columns after 序号: the unit field first, then the others in form order."""
    fields = list(all_fields(template))
    unit = [f for f in fields if f.key == UNIT_KEY]
    return unit + [f for f in fields if f.key != UNIT_KEY]


def _text_mm(text: str, fonts: FontSet | None) -> float:
    return pdf.text_width(text, pdf.TABLE_BODY, fonts) / mm


def _natural_width(f: Field, fonts: FontSet | None) -> tuple[float, bool]:
    """(width in mm, whether it may shrink and wrap)."""
    sample = _FIXED_SAMPLE_BY_KEY.get(f.key)
    if sample is None and f.key not in _ELASTIC_BY_KEY:
        sample = _FIXED_SAMPLE_BY_TYPE.get(f.type)
        if f.type == "choice" and f.choices:
            sample = max(f.choices, key=len)
    if sample is not None and len(sample) <= 16:
        content = max(_text_mm(sample, fonts), _text_mm(f.label, fonts))
        return content + 2 * _CELL_PADDING / mm + 1.5, False
    return _ELASTIC_BY_KEY.get(f.key, _ELASTIC_BY_TYPE.get(f.type, _ELASTIC_DEFAULT)), True


def _serial_width(fonts: FontSet | None) -> float:
    return _text_mm("序号", fonts) + 2 * _CELL_PADDING / mm + 1.5


def liaison_roster_is_wide(template: FormTemplate, fonts: FontSet | None = None) -> bool:
    """Whether the roster needs A4 landscape: its columns do not fit the 156 mm type area."""
    natural = _serial_width(fonts) + sum(
        _natural_width(f, fonts)[0] for f in liaison_columns(template)
    )
    return natural > pdf.PORTRAIT.width / mm


def _column_widths(template: FormTemplate, fonts: FontSet | None) -> list[float]:
    """Widths in mm filling the page's type area: fixed columns as they are, the elastic
    ones scaled to what is left (never below 12 mm)."""
    layout = pdf.LANDSCAPE if liaison_roster_is_wide(template, fonts) else pdf.PORTRAIT
    natural = [_natural_width(f, fonts) for f in liaison_columns(template)]
    serial = _serial_width(fonts)
    fixed = serial + sum(w for w, elastic in natural if not elastic)
    elastic = sum(w for w, e in natural if e)
    room = layout.width / mm - fixed
    scale = room / elastic if elastic and room > 0 else 1.0
    return [serial] + [max(12.0, w * scale) if e else w for w, e in natural]


def liaison_roster_title_parts(campaign: Campaign | None) -> list[str]:
    if campaign is None:
        return [f"“安全生产月”活动{LIAISON_ROSTER_NAME}"]
    return [_campaign_prefix(campaign), f"活动{LIAISON_ROSTER_NAME}{_demo_mark(campaign)}"]


def liaison_roster_title(campaign: Campaign | None) -> str:
    """荫城镇2022年“安全生产月”活动联络员名册."""
    return "".join(liaison_roster_title_parts(campaign))


def liaison_roster_table(
    template: FormTemplate,
    rows: Sequence[tuple[str, Mapping[str, Any] | None]],
    fonts: FontSet | None = None,
) -> TableSpec:
    """序号 + the liaison fields, one row per unit; a unit's name from ``rows``, not the form."""
    fields = liaison_columns(template)
    widths = _column_widths(template, fonts)
    columns = [Column("序号", weight=widths[0], align="center", xlsx_width=6)]
    for f, width in zip(fields, widths[1:], strict=True):
        align = "left" if f.type in ("text", "longtext", "email") else "center"
        if f.key in ("name", "gender"):
            align = "center"
        xlsx_width = _XLSX_WIDTH_BY_TYPE.get(f.type)
        if xlsx_width is None and f.key != UNIT_KEY and _natural_width(f, fonts)[1]:
            xlsx_width = round(_natural_width(f, fonts)[0] / 2)  # room to write in by hand
        columns.append(Column(f.label, weight=width, align=align, xlsx_width=xlsx_width))
    body: list[list[Any]] = []
    for i, (unit_name, values) in enumerate(rows, start=1):
        line: list[Any] = [i]
        for f in fields:
            if f.key == UNIT_KEY:
                line.append(unit_name)
            elif values is None:
                line.append(None)
            else:
                line.append(display_value(f, values.get(f.key)) or None)
        body.append(line)
    if not body:
        body = [[None, "（暂无单位）", *([None] * (len(fields) - 1))]]
    return TableSpec(columns, body)


def _liaison_count(rows: Sequence[tuple[str, Mapping[str, Any] | None]]) -> str:
    done = sum(1 for _, v in rows if v and any(x not in (None, "") for x in v.values()))
    missing = len(rows) - done
    text = f"共{len(rows)}个单位，已报联络员{done}个"
    return text + (f"，未报{missing}个" if missing else "")


def write_liaison_roster_pdf(
    campaign: Campaign | None,
    template: FormTemplate,
    rows: Sequence[tuple[str, Mapping[str, Any] | None]],
    out: Output,
    *,
    generated_on: date,
    fonts: FontSet | None = None,
) -> None:
    """The liaison roster as an A4 PDF (landscape when its columns are many).

    ``rows``: (unit name, the unit's liaison values by field key, or None) in roster order.
    Raises :class:`~.fonts.MissingGlyphError` before writing if a character cannot be drawn.
    """
    story: list[Flowable] = [
        pdf.TextBlock(
            "\n".join(liaison_roster_title_parts(campaign)),
            pdf.TITLE,
            fonts=fonts,
            keep_with_next=True,
        ),
        Spacer(1, 4 * mm),
        pdf.InfoLine(_liaison_count(rows), f"制表日期：{chinese_date(generated_on)}", fonts=fonts),
        Spacer(1, 1.5 * mm),
        pdf.FormTable(
            liaison_roster_table(template, rows, fonts),
            fonts=fonts,
            min_row_height=9 * mm,
            tail=[
                pdf.SignatureBlock(
                    _signature(campaign.issuer if campaign else "", generated_on), fonts=fonts
                )
            ],
        ),
    ]
    pdf.write_pdf(
        out,
        story,
        title=liaison_roster_title(campaign),
        author=campaign.issuer if campaign else "",
        subject=LIAISON_ROSTER_NAME,
        layout=pdf.LANDSCAPE if liaison_roster_is_wide(template, fonts) else pdf.PORTRAIT,
        fonts=fonts,
    )


def write_liaison_roster_xlsx(
    campaign: Campaign | None,
    template: FormTemplate,
    rows: Sequence[tuple[str, Mapping[str, Any] | None]],
    out: Output,
    *,
    generated_on: date,
) -> None:
    """The liaison roster as a workbook laid out like the PDF, A4 fit to width."""
    title = liaison_roster_title(campaign)
    wb = xlsx.new_workbook(title=title, author=campaign.issuer if campaign else "")
    ws = wb.active
    ws.title = LIAISON_ROSTER_NAME
    xlsx.write_form_sheet(
        ws,
        liaison_roster_table(template, rows),
        title=title,
        subtitles=[(_liaison_count(rows), f"制表日期：{chinese_date(generated_on)}")],
        signature=_signature(campaign.issuer if campaign else "", generated_on),
        landscape=liaison_roster_is_wide(template),
    )
    xlsx.save_workbook(wb, out)


def liaison_roster_file_name(campaign: Campaign | None, fmt: str, today: date) -> str:
    """荫城镇_2022安全生产月_联络员名册_0530.pdf; safe as a Windows file name."""
    ext = _check_format(fmt)
    parts: list[str] = []
    if campaign is not None:
        parts += [campaign.issuer_short, f"{campaign.year}安全生产月"]
    parts.append(LIAISON_ROSTER_NAME)
    if campaign is not None and campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"


# ---------------------------------------------------------------- statistics table


def _blank_text(
    f: Field, values: Mapping[str, Any], text_lists: Mapping[str, Sequence[tuple[str, str]]]
) -> str:
    listed = text_lists.get(f.key)
    if listed:
        text = "；".join(f"{unit}：{t}" for unit, t in listed)
    else:
        text = display_value(f, values.get(f.key))
    return f"（{text}）" if text else _EMPTY_BLANK


def progress_filled(
    row: TableRow,
    values: Mapping[str, Any],
    text_lists: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> str:
    """The row's 进展情况 sentence with the values in its blanks: 学习（3）次，参与（45）人次;
    an empty blank stays （　　）. ``text_lists`` (by field key: (unit, text) pairs, as
    :class:`~anquanyue_desktop.domain.form_entries.Aggregate` ``.texts``) fills text blanks
    with every unit's text."""
    lists = text_lists or {}
    return "".join(
        _blank_text(run, values, lists) if isinstance(run, Field) else run for run in row.progress
    )


def header_line(template: FormTemplate, values: Mapping[str, Any]) -> str:
    """填报单位：东村　　联系人：王芳　　电话：……　　填报日期：2023年6月30日; an empty
    value leaves room to write by hand."""
    parts = []
    for f in template.header_fields:
        text = display_value(f, values.get(f.key)) or _EMPTY_HEADER_VALUE
        parts.append(f"{f.label}：{text}")
    return "　　".join(parts)


def missing_line(missing_units: Sequence[str]) -> str:
    """未报送单位（2个，未计入本表）：东村、西村; empty when none is missing."""
    if not missing_units:
        return ""
    return f"未报送单位（{len(missing_units)}个，未计入本表）：" + "、".join(missing_units)


def statistics_table(
    template: FormTemplate,
    values: Mapping[str, Any],
    text_lists: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> TableSpec:
    """活动项目 / 内容要求 / 进展情况, a section title as a row of its own."""
    item, requirement, progress = template.columns
    columns = (
        Column(item, weight=40, align="center", xlsx_width=16),
        Column(requirement, weight=92, xlsx_width=44),
        Column(progress, weight=125, xlsx_width=60),
    )
    body: list[tuple[Any, Any, Any]] = []
    for section in template.sections:
        if section.title.strip():
            body.append((section.title, None, None))
        for row in section.rows:
            body.append(
                (row.item or None, row.requirement, progress_filled(row, values, text_lists))
            )
    return TableSpec(columns, body)


def _statistics_title(template: FormTemplate, campaign: Campaign | None) -> str:
    return template.name + _demo_mark(campaign)


def _unit_for(template: FormTemplate, values: Mapping[str, Any], unit_name: str) -> str:
    return unit_name or str(values.get(UNIT_KEY) or "")


def attachment_label(template: FormTemplate) -> str:
    """附件1 when the upstream notice attached the form as such (read from the template's
    description, e.g. “……活动方案附件1：……”); empty otherwise."""
    found = re.search(r"附件\s*(\d*)", template.description or "")
    return f"附件{found.group(1)}" if found else ""


def _is_township(campaign: Campaign | None, unit: str) -> bool:
    return campaign is not None and bool(unit) and unit in (campaign.issuer_short, campaign.issuer)


def _with_unit(
    template: FormTemplate,
    values: Mapping[str, Any],
    unit: str,
    campaign: Campaign | None = None,
    made_on: date | None = None,
) -> dict[str, Any]:
    """The header values to print: the unit's name; for the township's own sum its full name
    and the campaign's 联系人/电话 where the clerk left them empty; 填报日期 the date chosen."""
    out = dict(values)
    keys = {f.key: f for f in template.header_fields}
    if unit and UNIT_KEY in keys:
        out[UNIT_KEY] = campaign.issuer if _is_township(campaign, unit) and campaign else unit
    if _is_township(campaign, unit) and campaign is not None:
        for f in keys.values():
            if out.get(f.key) not in (None, ""):
                continue
            if f.key in ("contact", "contact_person", "name") or f.label == "联系人":
                out[f.key] = campaign.contact_person or None
            elif f.type in ("phone", "landline", "mobile") or f.label in ("电话", "联系电话"):
                out[f.key] = campaign.contact_phone or None
    for f in keys.values():
        if f.type == "date" and out.get(f.key) in (None, "") and made_on is not None:
            out[f.key] = made_on
    return out


def _seal_name(campaign: Campaign | None, unit: str) -> str:
    return campaign.issuer if _is_township(campaign, unit) and campaign else unit


def write_statistics_pdf(
    campaign: Campaign | None,
    template: FormTemplate,
    entry_values: Mapping[str, Any],
    out: Output,
    *,
    unit_name: str = "",
    generated_on: date,
    missing_units: Sequence[str] = (),
    text_lists: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    fonts: FontSet | None = None,
) -> None:
    """One unit's (or the summed) statistics table as an A4 landscape PDF, like the upstream
    form. ``unit_name`` fills 填报单位 and the stamp line (else the entry's own ``unit``)."""
    if template.kind != "table":
        raise ValueError(f"“{template.name}”不是填空统计表")
    unit = _unit_for(template, entry_values, unit_name)
    values = _with_unit(template, entry_values, unit, campaign, generated_on)
    story: list[Flowable] = []
    if label := attachment_label(template):  # GB/T 9704 §8: 附件 mark, 3号黑体, top left
        story.append(pdf.TextBlock(label, pdf.HEADING_1_PLAIN, fonts=fonts, keep_with_next=True))
    story += [
        pdf.TextBlock(
            _statistics_title(template, campaign), pdf.TITLE, fonts=fonts, keep_with_next=True
        ),
        Spacer(1, 3 * mm),
    ]
    if template.header_fields:
        story.append(
            pdf.TextBlock(
                header_line(template, values), pdf.TABLE_BODY, fonts=fonts, keep_with_next=True
            )
        )
    tail: list[Flowable] = []
    if template.note.strip():
        tail.append(pdf.TextBlock(template.note.strip(), pdf.TABLE_BODY, fonts=fonts))
    if template.signature:
        tail.append(
            pdf.SignatureBlock(_signature(_seal_name(campaign, unit), generated_on), fonts=fonts)
        )
    story += [
        Spacer(1, 1.5 * mm),
        pdf.FormTable(statistics_table(template, values, text_lists), fonts=fonts, tail=tail),
    ]
    if line := missing_line(missing_units):
        # For the clerk, not the form: on a page of its own after the form.
        story += [PageBreak(), pdf.TextBlock(line, pdf.TABLE_BODY, fonts=fonts)]
    pdf.write_pdf(
        out,
        story,
        title=f"{_statistics_title(template, campaign)}（{unit}）" if unit else template.name,
        author=campaign.issuer if campaign else "",
        subject=form_short_name(template),
        layout=pdf.LANDSCAPE,
        fonts=fonts,
    )


def write_statistics_xlsx(
    campaign: Campaign | None,
    template: FormTemplate,
    entry_values: Mapping[str, Any],
    out: Output,
    *,
    unit_name: str = "",
    generated_on: date,
    missing_units: Sequence[str] = (),
    text_lists: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> None:
    """The statistics table as a workbook laid out like the PDF (A4 landscape, fit to width)."""
    if template.kind != "table":
        raise ValueError(f"“{template.name}”不是填空统计表")
    unit = _unit_for(template, entry_values, unit_name)
    values = _with_unit(template, entry_values, unit, campaign, generated_on)
    title = _statistics_title(template, campaign)
    wb = xlsx.new_workbook(title=title, author=campaign.issuer if campaign else "")
    ws = wb.active
    ws.title = xlsx.safe_sheet_title(form_short_name(template))
    subtitles: list[str | tuple[str, str]] = []
    if template.header_fields:
        subtitles.append((header_line(template, values), ""))
    spec = statistics_table(template, values, text_lists)
    signature: list[list[SignatureField]] = (
        _signature(_seal_name(campaign, unit), generated_on) if template.signature else []
    )
    layout = xlsx.write_form_sheet(
        ws,
        spec,
        title=title,
        subtitles=subtitles,
        signature=signature,
        landscape=True,
        corner=attachment_label(template),
    )
    # As on paper: a section title spans the row; an empty 活动项目 continues the one above.
    for r, values_row in enumerate(spec.rows, start=layout.first_data_row):
        if _is_section(values_row):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            ws.cell(row=r, column=1).alignment = Alignment(
                horizontal="left", vertical="center", wrap_text=True
            )
    _merge_continued_items(ws, spec, layout.first_data_row)
    if template.note.strip():
        xlsx.append_note(ws, layout, template.note.strip())
    if line := missing_line(missing_units):
        # For the clerk, not the form: a sheet of its own, not on the printed form.
        xlsx.write_list_sheet(wb.create_sheet("未报送单位"), "未报送单位", line)
    xlsx.save_workbook(wb, out)


def _is_section(row: Sequence[Any]) -> bool:
    return row[1] is None and row[2] is None


def _merge_continued_items(ws: Any, spec: TableSpec, first_row: int) -> None:
    rows = spec.rows
    i = 0
    while i < len(rows):
        j = i + 1
        if not _is_section(rows[i]):
            while j < len(rows) and rows[j][0] is None and not _is_section(rows[j]):
                j += 1
            if j - i > 1:
                ws.merge_cells(
                    start_row=first_row + i, start_column=1, end_row=first_row + j - 1, end_column=1
                )
        i = j


def statistics_file_name(
    campaign: Campaign | None,
    template: FormTemplate,
    fmt: str,
    today: date,
    *,
    unit_name: str = "",
    aggregated: bool = False,
) -> str:
    """荫城镇_2023安全生产月_活动情况统计表_东村_0630.xlsx, or …_汇总_0630 for the sum."""
    ext = _check_format(fmt)
    parts: list[str] = []
    if campaign is not None:
        parts += [campaign.issuer_short, f"{campaign.year}安全生产月"]
    parts.append(form_short_name(template))
    if aggregated:
        parts.append("汇总")
    elif unit_name and (campaign is None or unit_name != campaign.issuer_short):
        parts.append(unit_name)
    if campaign is not None and campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"
