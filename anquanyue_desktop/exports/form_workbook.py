"""空白填报表: a workbook for one unit to fill in Excel or WPS and send back.

Laid out like the upstream form, so an office worker fills it without instructions:

- a table form (活动情况统计表): a merged title, the 填报单位/联系人/电话/填报日期 header, then
  the 活动项目 / 内容要求 / 进展情况 columns. The 进展情况 sentence is cut at its blanks: each
  blank gets a row of its own holding the words before it, a light yellow input cell and its
  unit with the words after it, so reading down the rows gives the sentence back
  (理论学习中心组学习 [  ] 次 / 参与 [  ] 人次 / …). 活动项目 and 内容要求 are merged down the
  rows of their sentence;
- a record form (联络员推荐表): one row per field, 项目 | 填写内容 | 填写说明;
- a repeating record form (作品报送表): header fields above, a table with one row per record
  (:data:`REPEAT_ROWS` empty rows), footer fields below.

Input cells are light yellow and unlocked; everything else is locked (the sheet is protected
without a password, so rows cannot be inserted and shift the cells the import reads). The unit's
name is filled in and shown grey. Number cells accept only whole numbers ≥ 0, mobile cells only
11 digits (a custom formula that Excel and WPS both evaluate), choice cells offer a list; every
input cell shows a Chinese prompt when selected and a Chinese error when the entry is refused.

The workbook carries its identity in a very hidden sheet :data:`IDENTITY_SHEET`: program,
format, template key, version and name, the unit, the campaign year, the sheet filled, and a
map from every field key to its cell (``D7``) or, for repeating forms, its column range
(``C8:C27``). :mod:`anquanyue_desktop.imports.form_workbook` reads it back by those addresses.
The template key and version are also written as custom document properties.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_values import NUMBER_MAX
from anquanyue_desktop.domain.forms import (
    UNIT_KEY,
    Field,
    FormTemplate,
    TableRow,
)
from anquanyue_desktop.domain.workbook_identity import (
    IDENTITY_LABELS,
    IDENTITY_SHEET,
    MAP_HEADER,
    PROGRAM_NAME,
    WORKBOOK_FORMAT,
)

from . import xlsx
from .output import Output, open_output, safe_file_name_part

__all__ = [
    "IDENTITY_LABELS",
    "IDENTITY_SHEET",
    "INPUT_FILL",
    "MAP_HEADER",
    "PROGRAM_NAME",
    "REPEAT_ROWS",
    "WORKBOOK_FORMAT",
    "BlankPiece",
    "blank_pieces",
    "blank_workbook_file_name",
    "form_sheet_title",
    "form_short_name",
    "write_blank_workbook",
    "write_blank_workbooks",
]

REPEAT_ROWS = 20

INPUT_FILL = PatternFill("solid", fgColor="FFFFCC")  # light yellow: type here
FIXED_FILL = PatternFill("solid", fgColor="E7E6E6")  # grey: filled in for you
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = xlsx.FONT_NAME
_BODY = Font(name=_FONT, size=11)
_BOLD = Font(name=_FONT, size=11, bold=True)
_HINT = Font(name=_FONT, size=10, color="595959")
_TITLE = Font(name=_FONT, size=16, bold=True)
_UNLOCKED = Protection(locked=False)
_LINE = 14.25
# Sentence punctuation that ends the words belonging to the blank before it.
_BREAKS = "，；。、,;."
_TEXT_FORMAT = "@"
_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
_PROMPT_MAX = 250
_ERROR_MAX = 220
_TITLE_MAX = 30


# ---------------------------------------------------------------- names


def form_short_name(template: FormTemplate) -> str:
    """活动情况统计表 for “安全生产月”活动情况统计表: the words after the last closing quote,
    when they still name the form; else the whole name."""
    name = " ".join(template.name.split())
    tail = name.rsplit("”", 1)[-1].strip()
    if len(tail) >= 4:
        name = tail
    return name or template.key


def form_sheet_title(template: FormTemplate) -> str:
    """The name of the sheet to fill (the cell references in messages use it)."""
    return xlsx.safe_sheet_title(form_short_name(template))


def blank_workbook_file_name(
    template: FormTemplate, campaign: Campaign | None, unit_name: str
) -> str:
    """东村_2022安全生产月_活动联络员推荐表.xlsx: who fills it and what; safe on Windows."""
    parts = [unit_name]
    if campaign is not None:
        parts.append(f"{campaign.year}安全生产月")
    parts.append(form_short_name(template))
    if campaign is not None and campaign.is_demo:
        parts.append("示例")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + ".xlsx"


# ---------------------------------------------------------------- sentence pieces


@dataclass(frozen=True)
class BlankPiece:
    """One blank of a 进展情况 sentence with its words: ``before`` [field] ``after``."""

    before: str
    field: Field
    after: str


def _split_after(text: str, field: Field) -> tuple[str, str]:
    """Text between two blanks → (words ending the first blank, words leading to the next).

    The first sentence break after some words ends the first part (次，参与 → 次 | 参与;
    ，每月报送；组织观看 → ，每月报送 | 组织观看). Without a break the unit of a number goes
    to the first blank and the rest to the next (家企业在…活动 → 家 | 企业在…活动).
    """
    seen_word = False
    for i, ch in enumerate(text):
        if ch in _BREAKS:
            if seen_word:
                return text[:i], text[i:].lstrip(_BREAKS + " ")
        else:
            seen_word = True
    if not seen_word:
        return "", ""
    for unit in (field.unit_text, field.unit):
        if unit and text.startswith(unit):
            return unit, text[len(unit) :].lstrip(_BREAKS + " ")
    return text.rstrip(_BREAKS + " "), ""


def blank_pieces(row: TableRow) -> list[BlankPiece]:
    """The row's sentence cut at its blanks; reading the pieces in order gives the sentence."""
    pieces: list[BlankPiece] = []
    before = ""
    pending: Field | None = None
    for run in row.progress:
        if isinstance(run, Field):
            if pending is not None:
                pieces.append(BlankPiece(before, pending, ""))
                before = ""
            pending = run
            continue
        if pending is None:
            before += run
            continue
        after, rest = _split_after(run, pending)
        pieces.append(BlankPiece(before.strip().lstrip(_BREAKS + " "), pending, after.strip()))
        pending, before = None, rest
    if pending is not None:
        pieces.append(BlankPiece(before.strip().lstrip(_BREAKS + " "), pending, ""))
    return pieces


# ---------------------------------------------------------------- cell helpers


def _lines(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(
        max(1, -(-xlsx.display_width(line) // int(usable))) for line in (text or "").split("\n")
    )


def _style(
    cell: Cell,
    *,
    font: Font = _BODY,
    fill: PatternFill | None = None,
    border: bool = True,
    align: str = "left",
    wrap: bool = True,
    number_format: str | None = None,
    protection: Protection | None = None,
) -> None:
    xlsx.style(
        cell,
        font,
        fill=fill,
        border=xlsx.BORDER if border else None,
        alignment=xlsx.alignment(align, wrap),
        number_format=number_format,
        protection=protection,
    )


def _merge(ws: Worksheet, r0: int, c0: int, r1: int, c1: int) -> None:
    # Borders of a merged area are drawn from its cells: the covered cells get the border.
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            if (r, c) != (r0, c0):
                xlsx.style(ws.cell(row=r, column=c), _BODY, border=xlsx.BORDER)
    xlsx.merge(ws, r0, c0, r1, c1)


def _text_cell(
    ws: Worksheet,
    row: int,
    column: int,
    text: str,
    *,
    font: Font = _BODY,
    fill: PatternFill | None = None,
    border: bool = True,
    align: str = "left",
) -> Cell:
    cell = ws.cell(row=row, column=column)
    xlsx.set_value(cell, text or None)
    _style(cell, font=font, fill=fill, border=border, align=align)
    return cell


def _cut(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _hint(field: Field) -> str:
    """What the 填写说明 says about a field: its type's rule, help text, required."""
    parts: list[str] = []
    if field.type == "number":
        parts.append(f"整数（{field.unit_text}）" if field.unit else "整数")
    elif field.type == "mobile":
        parts.append("11位手机号码")
    elif field.type == "landline":
        parts.append("座机号码，如 0355-6627527")
    elif field.type == "phone":
        parts.append("手机或座机号码")
    elif field.type == "email":
        parts.append("如 name@163.com")
    elif field.type == "date":
        parts.append("日期，如 2024-06-03")
    elif field.type == "choice":
        parts.append("从下拉列表中选择：" + "、".join(field.choices))
    elif field.type == "yesno":
        parts.append("选择“是”或“否”")
    if field.help:
        parts.append(field.help)
    if field.required:
        parts.insert(0, "必填")
    return "；".join(parts)


class _Validations:
    """The sheet's data validations, created as cells are laid out."""

    def __init__(self, ws: Worksheet, identity: Worksheet) -> None:
        self.ws = ws
        self.identity = identity
        self._list_row = 0

    def _add(self, dv: DataValidation, ref: str) -> None:
        dv.add(ref)
        self.ws.add_data_validation(dv)

    def _choices_formula(self, choices: Sequence[str]) -> str:
        inline = ",".join(choices)
        if len(inline) <= 250 and not any(ch in c for c in choices for ch in ',"'):
            return f'"{inline}"'
        # Too long or awkward for an inline list: the choices go on the identity sheet.
        col = 8
        start = self._list_row + 1
        for i, choice in enumerate(choices):
            xlsx.set_value(self.identity.cell(row=start + i, column=col), choice)
        self._list_row += len(choices)
        letter = get_column_letter(col)
        end = start + len(choices) - 1
        return f"{quote_sheetname(IDENTITY_SHEET)}!${letter}${start}:${letter}${end}"

    def add(self, field: Field, ref: str, *, always_prompt: bool = False) -> None:
        """Validation for ``field`` on ``ref`` (``D7`` or ``C8:C27``); the first cell of ``ref``
        anchors the relative references of a custom formula. A plain optional text field gets
        no prompt unless ``always_prompt``."""
        first = ref.split(":")[0]
        label = _cut(field.label, 40)
        prompt_title = _cut(field.label, _TITLE_MAX)
        hint = _hint(field)
        if field.type == "number":
            unit = f"，单位：{field.unit_text}" if field.unit else ""
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2=str(NUMBER_MAX),
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage=True,
                errorTitle="请填写整数",
                error=_cut(
                    f"“{label}”只能填0或正整数（如 3），不能填文字、小数或负数；没有的可以留空。",
                    _ERROR_MAX,
                ),
                promptTitle=prompt_title,
                prompt=_cut(f"请填写数字（整数）{unit}。没有的可以留空。", _PROMPT_MAX),
            )
        elif field.type == "mobile":
            dv = DataValidation(
                type="custom",
                formula1=(
                    f'AND(LEN({first})=11,LEFT({first},1)="1",'
                    f'ISNUMBER(VALUE({first})),ISERROR(FIND(".",{first})))'
                ),
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage=True,
                errorTitle="手机号码应为11位数字",
                error=_cut(
                    f"“{label}”应为11位手机号码（以1开头，只写数字，不加空格和横线）。", _ERROR_MAX
                ),
                promptTitle=prompt_title,
                prompt=_cut("请填写11位手机号码，如 13812345678。", _PROMPT_MAX),
            )
        elif field.type in ("choice", "yesno"):
            choices = field.choices if field.type == "choice" else ("是", "否")
            dv = DataValidation(
                type="list",
                formula1=self._choices_formula(choices),
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage=True,
                errorTitle="请从列表中选择",
                error=_cut(f"“{label}”应为以下之一：{'、'.join(choices)}。", _ERROR_MAX),
                promptTitle=prompt_title,
                prompt=_cut(f"请点右侧箭头，从列表中选择：{'、'.join(choices)}。", _PROMPT_MAX),
            )
        elif (
            field.type in ("text", "longtext")
            and not (field.help or field.required)
            and not always_prompt
        ):
            return
        else:
            dv = DataValidation(
                allow_blank=True,
                showInputMessage=True,
                promptTitle=prompt_title,
                prompt=_cut(f"请填写：{hint}。" if hint else f"请填写“{label}”。", _PROMPT_MAX),
            )
        self._add(dv, ref)


def _input_cell(cell: Cell, field: Field, *, align: str = "left") -> None:
    fmt = None
    if field.type == "date":
        fmt = _DATE_FORMAT
    elif field.type not in ("number", "yesno"):
        fmt = _TEXT_FORMAT  # digits stay text: 13812345678, 0355-6627527
    _style(
        cell,
        fill=INPUT_FILL,
        align="center" if field.type == "number" else align,
        number_format=fmt,
        protection=_UNLOCKED,
    )


def _fixed_cell(cell: Cell, text: str, *, align: str = "left") -> None:
    xlsx.set_value(cell, text)
    _style(cell, font=_BOLD, fill=FIXED_FILL, align=align)


# ---------------------------------------------------------------- the sheet kinds


@dataclass
class _Sheet:
    ws: Worksheet
    validations: _Validations
    cells: dict[str, str]  # field key → "D7" or "C8:C27"
    unit_name: str


def _title_rows(
    s: _Sheet, template: FormTemplate, widths: Sequence[float], hint: str, campaign: Campaign | None
) -> int:
    ws, n = s.ws, len(widths)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    title = ws.cell(row=1, column=1)
    xlsx.set_value(title, template.name)
    xlsx.style(title, _TITLE, alignment=xlsx.alignment("center"))
    xlsx.merge(ws, 1, 1, 1, n)
    ws.row_dimensions[1].height = max(32.0, _lines(template.name, sum(widths) * 11 / 16) * 22 + 8)
    who = f"（{campaign.issuer_short}制表）" if campaign is not None and campaign.issuer else ""
    text = f"填写说明：请只在黄色格内填写，灰色格已填好{who}；填好后保存为 .xlsx 文件发回。{hint}"
    _text_cell(ws, 2, 1, text, font=_HINT, border=False)
    xlsx.merge(ws, 2, 1, 2, n)
    ws.row_dimensions[2].height = max(20.0, _lines(text, sum(widths) * 11 / 10) * 13 + 6)
    return 3


def _field_row(
    s: _Sheet, row: int, field: Field, label_cols: tuple[int, int], input_cols: tuple[int, int]
) -> None:
    """标签：[input] on one row, each part possibly merged over several columns."""
    ws = s.ws
    _text_cell(ws, row, label_cols[0], f"{field.label}：", align="right", border=False)
    if label_cols[1] > label_cols[0]:
        xlsx.merge(ws, row, label_cols[0], row, label_cols[1])
    cell = ws.cell(row=row, column=input_cols[0])
    if field.key == UNIT_KEY:
        _fixed_cell(cell, s.unit_name)
    else:
        _input_cell(cell, field)
        s.validations.add(field, cell.coordinate)
    _merge(ws, row, input_cols[0], row, input_cols[1])
    s.cells[field.key] = cell.coordinate


def _header_fields(
    s: _Sheet, row: int, fields: Sequence[Field], slots: Sequence[tuple[tuple[int, int], ...]]
) -> int:
    """Header fields placed ``len(slots)`` to a row; a slot is (label cols, input cols)."""
    per_row = len(slots)
    for i, field in enumerate(fields):
        label_cols, input_cols = slots[i % per_row]
        _field_row(s, row, field, label_cols, input_cols)
        s.ws.row_dimensions[row].height = 24.0
        if i % per_row == per_row - 1 or i == len(fields) - 1:
            row += 1
    return row


def _note_row(s: _Sheet, row: int, note: str, n_cols: int, width: float) -> int:
    if not note.strip():
        return row
    row += 1
    _text_cell(s.ws, row, 1, note.strip(), border=False)
    xlsx.merge(s.ws, row, 1, row, n_cols)
    s.ws.row_dimensions[row].height = max(20.0, _lines(note, width) * _LINE + 6)
    return row + 1


def _table_sheet(s: _Sheet, template: FormTemplate, campaign: Campaign | None) -> tuple[int, int]:
    """活动项目 | 内容要求 | 进展情况 (事项 | 填写 | 单位); returns (header rows span, last row)."""
    ws = s.ws
    widths = (14.0, 34.0, 38.0, 11.0, 16.0)
    row = _title_rows(s, template, widths, "没有开展的项目可以留空。", campaign)
    row = _header_fields(s, row, template.header_fields, (((1, 1), (2, 2)), ((3, 3), (4, 5))))
    row += 1 if template.header_fields else 0

    # Two header rows: the upstream three columns, 进展情况 split in three under it.
    h1 = row
    item_col, req_col, prog_col = template.columns
    for c, text in ((1, item_col), (2, req_col), (3, prog_col)):
        _text_cell(ws, h1, c, text, font=_BOLD, fill=xlsx.HEADER_FILL, align="center")
    for c, text in ((3, "事项"), (4, "填写"), (5, "单位")):
        _text_cell(ws, h1 + 1, c, text, font=_BOLD, fill=xlsx.HEADER_FILL, align="center")
    for c in (4, 5):
        xlsx.style(ws.cell(row=h1, column=c), _BOLD, fill=xlsx.HEADER_FILL, border=xlsx.BORDER)
    _merge(ws, h1, 1, h1 + 1, 1)
    _merge(ws, h1, 2, h1 + 1, 2)
    _merge(ws, h1, 3, h1, 5)
    ws.row_dimensions[h1].height = 22.0
    ws.row_dimensions[h1 + 1].height = 20.0
    row = h1 + 2

    items: list[tuple[int, int]] = []  # rows that print together: a section title, an item
    for section in template.sections:
        if section.title.strip():
            _text_cell(ws, row, 1, section.title, font=_BOLD, fill=LABEL_FILL)
            _merge(ws, row, 1, row, 5)
            ws.row_dimensions[row].height = 22.0
            items.append((row, row))
            row += 1
        for table_row in section.rows:
            first = row
            row = _table_row(s, row, table_row, widths)
            if items and items[-1][0] == items[-1][1] == first - 1 and section.title.strip():
                items[-1] = (items[-1][0], row - 1)  # a section title stays with its first item
            else:
                items.append((first, row - 1))
    _break_between_items(ws, items, (h1, h1 + 1), landscape=True)
    return h1, row - 1


# Printable height of A4 in points with the blank workbooks' margins (0.6 in top, 0.7 in
# bottom); kept 8 % short, as Excel, WPS and LibreOffice round row heights differently.
_PAGE_HEIGHT = {False: (297 / 25.4 - 1.3) * 72 * 0.92, True: (210 / 25.4 - 1.3) * 72 * 0.92}


def _row_height(ws: Worksheet, r: int) -> float:
    return ws.row_dimensions[r].height or 15.0


def _break_between_items(
    ws: Worksheet, items: Sequence[tuple[int, int]], titles: tuple[int, int], *, landscape: bool
) -> None:
    """Manual page breaks so that no item (its merged 活动项目/内容要求 block) is cut by a
    page's foot; the header rows repeat on every page."""
    room = _PAGE_HEIGHT[landscape]
    repeat = sum(_row_height(ws, r) for r in range(titles[0], titles[1] + 1))
    used = sum(_row_height(ws, r) for r in range(1, items[0][0])) if items else 0.0
    for first, last in items:
        height = sum(_row_height(ws, r) for r in range(first, last + 1))
        if used + height > room and used > repeat:
            ws.row_breaks.append(Break(id=first - 1))
            used = repeat
        used += height


def _table_row(s: _Sheet, row: int, table_row: TableRow, widths: Sequence[float]) -> int:
    ws = s.ws
    pieces = blank_pieces(table_row)
    first = row
    heights: list[float] = []
    for piece in pieces:
        f = piece.field
        # A blank with no words before it (（　）家企业…) is labelled with its field's name.
        _text_cell(ws, row, 3, piece.before or f.label)
        cell = ws.cell(row=row, column=4)
        _input_cell(cell, f)
        s.validations.add(f, cell.coordinate, always_prompt=True)
        s.cells[f.key] = cell.coordinate
        _text_cell(ws, row, 5, piece.after)
        lines = max(_lines(piece.before, widths[2]), _lines(piece.after, widths[4]))
        if f.type not in ("number",):  # free text: room for a sentence or two
            lines = max(lines, 3)
        heights.append(max(20.0, lines * _LINE + 6))
        row += 1
    last = row - 1
    _text_cell(ws, first, 1, table_row.item, align="center")
    _text_cell(ws, first, 2, table_row.requirement)
    _merge(ws, first, 1, last, 1)
    _merge(ws, first, 2, last, 2)
    # The merged 内容要求 must show whole: spread the missing height over the rows.
    need = max(_lines(table_row.requirement, widths[1]), _lines(table_row.item, widths[0]))
    need_height = need * _LINE + 10
    if sum(heights) < need_height:
        extra = (need_height - sum(heights)) / len(heights)
        heights = [h + extra for h in heights]
    for r, h in zip(range(first, last + 1), heights, strict=True):
        ws.row_dimensions[r].height = round(h, 1)
    return row


def _record_sheet(s: _Sheet, template: FormTemplate, campaign: Campaign | None) -> tuple[int, int]:
    """One row per field: 项目 | 填写内容 | 填写说明."""
    ws = s.ws
    widths = (20.0, 40.0, 30.0)
    row = _title_rows(s, template, widths, "", campaign)
    header = row
    for c, text in enumerate(("项目", "填写内容", "填写说明"), start=1):
        _text_cell(ws, row, c, text, font=_BOLD, fill=xlsx.HEADER_FILL, align="center")
    ws.row_dimensions[row].height = 22.0
    row += 1
    for field in (*template.header_fields, *template.fields, *template.footer_fields):
        _text_cell(ws, row, 1, field.label, font=_BOLD, fill=LABEL_FILL, align="center")
        cell = ws.cell(row=row, column=2)
        if field.key == UNIT_KEY:
            _fixed_cell(cell, s.unit_name)
        else:
            _input_cell(cell, field)
            s.validations.add(field, cell.coordinate)
        s.cells[field.key] = cell.coordinate
        hint = "已由上级填好" if field.key == UNIT_KEY else _hint(field)
        _text_cell(ws, row, 3, hint, font=_HINT)
        lines = _lines(hint, widths[2])
        if field.type == "longtext":
            lines = max(lines, 4)
        ws.row_dimensions[row].height = max(26.0, lines * _LINE + 8)
        row += 1
    row = _note_row(s, row, template.note, 3, sum(widths))
    return header, row - 1


def _column_width(field: Field) -> float:
    return {
        "number": 10.0,
        "mobile": 15.0,
        "landline": 15.0,
        "phone": 15.0,
        "email": 22.0,
        "date": 16.0,
        "yesno": 8.0,
        "longtext": 40.0,
    }.get(field.type, max(12.0, min(30.0, xlsx.display_width(field.label) + 4.0)))


def _repeating_sheet(
    s: _Sheet, template: FormTemplate, campaign: Campaign | None
) -> tuple[int, int]:
    """Header fields, then 序号 + the fields as columns over REPEAT_ROWS rows, footer fields."""
    ws = s.ws
    fields = template.fields
    widths = [6.0, *(_column_width(f) for f in fields)]
    for i, f in enumerate(fields):
        if f.type == "choice":
            widths[i + 1] = max(widths[i + 1], max(xlsx.display_width(c) for c in f.choices) + 4)
    n = len(widths)
    row = _title_rows(s, template, widths, f"每行填一条，最多{REPEAT_ROWS}条。", campaign)
    slot = (((1, 2), (3, n)),) if n >= 3 else (((1, 1), (2, n)),)
    row = _header_fields(s, row, template.header_fields, slot)
    header = row
    _text_cell(ws, row, 1, "序号", font=_BOLD, fill=xlsx.HEADER_FILL, align="center")
    for c, f in enumerate(fields, start=2):
        _text_cell(ws, row, c, f.label, font=_BOLD, fill=xlsx.HEADER_FILL, align="center")
    ws.row_dimensions[row].height = 24.0
    first, last = row + 1, row + REPEAT_ROWS
    for r in range(first, last + 1):
        _text_cell(ws, r, 1, str(r - first + 1), align="center")
        for c, f in enumerate(fields, start=2):
            _input_cell(ws.cell(row=r, column=c), f)
        ws.row_dimensions[r].height = 36.0 if any(f.type == "longtext" for f in fields) else 22.0
    for c, f in enumerate(fields, start=2):
        letter = get_column_letter(c)
        ref = f"{letter}{first}:{letter}{last}"
        s.validations.add(f, ref)
        s.cells[f.key] = ref
    row = last + 2
    row = _header_fields(s, row, template.footer_fields, slot)
    row = _note_row(s, row, template.note, n, sum(widths))
    ws.freeze_panes = ws.cell(row=first, column=1)
    return header, row - 1


# ---------------------------------------------------------------- workbook


def _identity_sheet(
    wb: Workbook,
    template: FormTemplate,
    campaign: Campaign | None,
    unit_name: str,
    sheet_title: str,
    generated_on: date,
) -> Worksheet:
    ws = wb.create_sheet(IDENTITY_SHEET)
    ws.sheet_state = "veryHidden"
    xlsx.set_value(
        ws.cell(row=1, column=1),
        f"本工作表由“{PROGRAM_NAME}”生成，导入时据此识别表单和单位，请勿修改或删除。",
    )
    values = {
        "program": PROGRAM_NAME,
        "format": WORKBOOK_FORMAT,
        "key": template.key,
        "version": template.version,
        "name": template.name,
        "unit": unit_name,
        "year": campaign.year if campaign is not None else None,
        "sheet": sheet_title,
        "created": generated_on.isoformat(),
    }
    for r, (name, label) in enumerate(IDENTITY_LABELS.items(), start=2):
        xlsx.set_value(ws.cell(row=r, column=1), label)
        xlsx.set_value(ws.cell(row=r, column=2), values[name])
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 40
    return ws


def _write_map(ws: Worksheet, template: FormTemplate, cells: dict[str, str]) -> None:
    row = len(IDENTITY_LABELS) + 3
    for c, text in enumerate(MAP_HEADER, start=1):
        xlsx.set_value(ws.cell(row=row, column=c), text)
    fields = {
        f.key: f for f in (*template.header_fields, *template.fields, *template.footer_fields)
    }
    for section in template.sections:
        for table_row in section.rows:
            fields.update({f.key: f for f in table_row.fields})
    for key, ref in cells.items():
        row += 1
        f = fields[key]
        for c, text in enumerate((key, ref, f.label, f.type), start=1):
            xlsx.set_value(ws.cell(row=row, column=c), text)


def _print_setup(ws: Worksheet, header: tuple[int, int], last_row: int, landscape: bool) -> None:
    n_cols = ws.max_column
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header[0]}:{header[1]}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_area = f"A1:{get_column_letter(n_cols)}{last_row}"
    ws.oddFooter.center.text = "— &P —"
    ws.oddFooter.center.size = 12


def _protect(ws: Worksheet) -> None:
    """Locked cells stay as laid out (no password): only the yellow cells take input, rows and
    columns cannot be inserted or deleted, but may be resized."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def write_blank_workbook(
    template: FormTemplate,
    campaign: Campaign | None,
    unit_name: str,
    out: Output,
    *,
    generated_on: date | None = None,
) -> None:
    """The blank form for ``unit_name`` to fill, its name filled in; see the module docstring.

    Raises ValueError for a 作品分配表 (``kind="quota"``), which units read but do not fill.
    """
    wb, _ = _blank_workbook(template, campaign, unit_name, generated_on)
    xlsx.save_workbook(wb, out)


def _blank_workbook(
    template: FormTemplate, campaign: Campaign | None, unit_name: str, generated_on: date | None
) -> tuple[Workbook, list[tuple[Cell, str]]]:
    """The workbook, and the cells naming the unit with their text ({unit} for the name)."""
    if template.kind not in ("record", "table"):
        raise ValueError(f"“{template.name}”是作品分配表，不需要各单位填报")
    generated_on = generated_on or date.today()
    title = form_sheet_title(template)
    author = campaign.issuer if campaign is not None else ""
    wb = xlsx.new_workbook(title=f"{template.name}（{unit_name}）", author=author)
    wb.properties.subject = template.name
    wb.properties.keywords = f"{template.key} v{template.version}"
    wb.custom_doc_props.append(StringProperty(name="AnquanyueTemplate", value=template.key))
    wb.custom_doc_props.append(IntProperty(name="AnquanyueTemplateVersion", value=template.version))
    wb.custom_doc_props.append(StringProperty(name="AnquanyueUnit", value=unit_name or "-"))
    ws = wb.active
    ws.title = title
    identity = _identity_sheet(wb, template, campaign, unit_name, title, generated_on)
    s = _Sheet(ws, _Validations(ws, identity), {}, unit_name)
    if template.kind == "table":
        header, last = _table_sheet(s, template, campaign)
        h_end = header + 1
        landscape = True
    elif template.repeating:
        header, last = _repeating_sheet(s, template, campaign)
        h_end = header
        landscape = len(template.fields) > 4
    else:
        header, last = _record_sheet(s, template, campaign)
        h_end = header
        landscape = False
    if template.signature:
        last = _signature_rows(s, last + 1)
    _write_map(identity, template, s.cells)
    _print_setup(ws, (header, h_end), last, landscape)
    _protect(ws)
    ws.sheet_view.selection[0].activeCell = _first_input(s.cells)
    ws.sheet_view.selection[0].sqref = _first_input(s.cells)
    slots = [(identity.cell(row=2 + list(IDENTITY_LABELS).index("unit"), column=2), "{unit}")]
    if UNIT_KEY in s.cells:
        slots.append((ws[s.cells[UNIT_KEY]], "{unit}"))
    if template.signature:
        slots += [
            (c, "填报单位（盖章）：{unit}")
            for c in ws["A"]
            if isinstance(c.value, str) and c.value.startswith("填报单位（盖章）：")
        ]
    return wb, slots


def _retarget(
    wb: Workbook, slots: list[tuple[Cell, str]], template: FormTemplate, unit_name: str
) -> None:
    """The same blank workbook for another unit: only the cells naming the unit change."""
    wb.properties.title = f"{template.name}（{unit_name}）"
    for prop in wb.custom_doc_props:
        if prop.name == "AnquanyueUnit":
            prop.value = unit_name or "-"
    for cell, text in slots:
        xlsx.set_value(cell, text.format(unit=unit_name) or None)


def _first_input(cells: dict[str, str]) -> str:
    for key, ref in cells.items():
        if key != UNIT_KEY:
            return ref.split(":")[0]
    return "A1"


def _signature_rows(s: _Sheet, row: int) -> int:
    """填报单位（盖章）/填报人/审核人/日期 under the form, as on paper (not read back)."""
    ws = s.ws
    n = ws.max_column
    row += 1
    half = max(1, n // 2)
    for left, right in (
        (f"填报单位（盖章）：{s.unit_name}", "日期："),
        ("填报人：", "审核人："),
    ):
        _text_cell(ws, row, 1, left, border=False)
        if half > 1:
            xlsx.merge(ws, row, 1, row, half)
        _text_cell(ws, row, half + 1, right, border=False)
        if n > half + 1:
            xlsx.merge(ws, row, half + 1, row, n)
        ws.row_dimensions[row].height = 28.0
        row += 1
    return row - 1


# Stands for the unit's name in the workbook laid out once (private-use characters: never in a
# real name, written by openpyxl as plain UTF-8).
_UNIT_TOKEN = "\ue000\ue001unit\ue002"


def _patchable(name: str) -> bool:
    """Whether the name can be put into the saved parts as escaped text with the same result
    openpyxl would give (no quote prefix, no space to preserve, nothing to clean)."""
    return (
        bool(name)
        and name == name.strip()
        and not name.startswith(("=", "+", "-", "@"))
        and "\ue000" not in name
        and xlsx.clean_text(name) == name
    )


class _Stamp:
    """The blank workbook saved once with :data:`_UNIT_TOKEN` for the unit, and each unit's
    copy made by putting its escaped name into the saved XML parts: a copy costs a zip write,
    not a layout and an openpyxl save (the workbooks differ only in the cells naming the unit).
    openpyxl writes sheets as ASCII with character references and properties as UTF-8; the
    name goes in each the same way."""

    _FORMS = ("utf-8", "ascii")

    def __init__(self, wb: Workbook, slots: int) -> None:
        buffer = io.BytesIO()
        wb.save(buffer)
        with zipfile.ZipFile(buffer) as z:
            self.parts = [(info, z.read(info)) for info in z.infolist()]
        # Each slot cell, the title and the custom property: anything else means the token
        # was written some other way, and copies would be wrong.
        found = sum(
            data.count(self._encode(_UNIT_TOKEN, form))
            for _, data in self.parts
            for form in self._FORMS
        )
        self.ok = found == slots + 2

    @staticmethod
    def _encode(text: str, form: str) -> bytes:
        return text.encode(form, "xmlcharrefreplace")

    def write(self, name: str, path: Path) -> None:
        text = escape(name)  # the token only stands in text nodes
        swaps = [(self._encode(_UNIT_TOKEN, f), self._encode(text, f)) for f in self._FORMS]
        with open_output(path) as stream, zipfile.ZipFile(stream, "w") as z:
            for info, data in self.parts:
                for token, value in swaps:
                    if token in data:
                        data = data.replace(token, value)
                z.writestr(info, data)


def write_blank_workbooks(
    template: FormTemplate,
    campaign: Campaign | None,
    unit_names: Iterable[str],
    directory: str | Path,
    *,
    generated_on: date | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> list[Path]:
    """One blank workbook per unit into ``directory`` (created if needed); their paths.

    The workbook is laid out and saved once; each unit's copy differs only in the cells
    naming it. ``progress(done, total)`` is told after each file; when it (or a write)
    raises, the files written so far are removed again: all of them or none.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    names = list(unit_names)
    paths: list[Path] = []
    seen: set[str] = set()
    stamp: _Stamp | None = None
    built: tuple[Workbook, list[tuple[Cell, str]]] | None = None
    try:
        for name in names:
            file_name = blank_workbook_file_name(template, campaign, name)
            stem, n = file_name[: -len(".xlsx")], 2
            while file_name.casefold() in seen:  # two names that differ only in forbidden marks
                file_name = f"{stem}_{n}.xlsx"
                n += 1
            seen.add(file_name.casefold())
            path = folder / file_name
            if stamp is None and _patchable(name):
                wb, slots = _blank_workbook(template, campaign, _UNIT_TOKEN, generated_on)
                stamp = _Stamp(wb, len(slots))
            if stamp is not None and stamp.ok and _patchable(name):
                stamp.write(name, path)
            else:  # a name the copy cannot hold as openpyxl would: laid out by openpyxl
                if built is None:
                    built = _blank_workbook(template, campaign, name, generated_on)
                else:
                    _retarget(built[0], built[1], template, name)
                xlsx.save_workbook(built[0], path)
            paths.append(path)
            if progress is not None:
                progress(len(paths), len(names))
    except BaseException:
        for p in paths:
            p.unlink(missing_ok=True)
        raise
    return paths
