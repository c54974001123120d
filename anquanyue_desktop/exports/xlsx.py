"""An xlsx layer on openpyxl: sheets that mirror a paper form, safe to open in Excel or WPS.

:func:`write_form_sheet` lays out a merged title, an optional subtitle, styled (and merged)
header rows, a bordered table, and a signature area; it sets A4 printing, fit to one page
wide, header rows repeated on every printed page, page numbers in the footer.

User text is never turned into a formula: every string is stored as a string (openpyxl would
otherwise store ``"=SUM(A1)"`` as a formula), and text beginning with ``= + - @`` also gets
Excel's quote prefix so editing the cell later keeps it text. Numbers and dates stay numbers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from .output import Output, open_output
from .tables import CellValue, SignatureField, TableSpec

FONT_NAME = "宋体"  # on every Chinese Office/WPS install; others substitute a CJK font
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FORMULA_TRIGGERS = ("=", "+", "-", "@")
# Characters XML 1.0 cannot hold (control characters except tab/LF/CR, surrogates, U+FFFE/F).
_ILLEGAL_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
_DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
# Excel row heights in points for 11 pt 宋体.
_LINE_HEIGHT = 14.25
_MIN_ROW_HEIGHT = 20.0
MIN_COLUMN_WIDTH = 6.0
MAX_COLUMN_WIDTH = 40.0


def display_width(text: str) -> int:
    """Width in Excel character units: a CJK (wide) character counts 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _clean(text: str) -> str:
    """Remove the control characters an xlsx file cannot hold (openpyxl would refuse them)."""
    return _ILLEGAL_XML_CHARS.sub("", text)


def set_value(cell: Cell, value: CellValue, number_format: str | None = None) -> None:
    """Put ``value`` in ``cell``: strings always as text (never a formula), numbers as numbers,
    dates as dates shown 2022年6月1日, booleans as 是/否."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        _set_text(cell, "是" if value else "否")
    elif isinstance(value, int | float | Decimal):
        cell.value = value
        if number_format:
            cell.number_format = number_format
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = number_format or _DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = number_format or _DATE_FORMAT
    else:
        _set_text(cell, str(value))


def _set_text(cell: Cell, text: str) -> None:
    text = _clean(text)
    cell.value = text
    cell.data_type = "s"  # openpyxl marks text starting with "=" as a formula: undo that
    if text.startswith(_FORMULA_TRIGGERS):
        cell.quotePrefix = True  # Excel's leading apostrophe: stays text even when edited


@dataclass(frozen=True)
class SheetLayout:
    """Where :func:`write_form_sheet` put things (1-based row numbers)."""

    title_row: int
    first_header_row: int
    last_header_row: int
    first_data_row: int
    last_data_row: int  # == last_header_row when there are no data rows
    last_row: int
    last_column: int


def _lines_needed(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def _merge(ws: Worksheet, row: int, c0: int, r1: int, c1: int) -> None:
    if (row, c0) != (r1, c1):
        ws.merge_cells(start_row=row, start_column=c0, end_row=r1, end_column=c1)


def _column_widths(spec: TableSpec) -> list[float]:
    widths: list[float] = []
    spanned = {
        (r, c)
        for r0, c0, r1, c1 in spec.spans
        if c1 > c0
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
    }
    for c, col in enumerate(spec.columns):
        if col.xlsx_width is not None:
            widths.append(col.xlsx_width)
            continue
        texts = [
            h
            for r, row in enumerate(spec.header_rows)
            if isinstance(h := row[c], str) and (r, c) not in spanned
        ]
        texts += [_cell_display(v) for v in (row[c] for row in spec.rows)]
        longest = max((display_width(line) for t in texts for line in t.split("\n")), default=0)
        widths.append(min(max(longest + 2.0, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH))
    return widths


def _cell_display(value: CellValue) -> str:
    """Text standing in for a value when sizing its column (dates as their widest form)."""
    if isinstance(value, datetime):
        return "2022年12月31日 00:00"
    if isinstance(value, date):
        return "2022年12月31日"
    return "" if value is None else str(value)


def _field_columns(weights: Sequence[float], n_cols: int) -> list[tuple[int, int]]:
    """Split columns 1..n_cols among fields by weight, each getting at least one column."""
    total = sum(weights)
    bounds = [0]
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        end = round(acc / total * n_cols)
        end = max(end, bounds[-1] + 1)
        end = min(end, n_cols - (len(weights) - 1 - i))
        bounds.append(end)
    bounds[-1] = n_cols
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(len(weights))]


def write_form_sheet(
    ws: Worksheet,
    spec: TableSpec,
    *,
    title: str,
    subtitles: Sequence[str | tuple[str, str]] = (),
    signature: Sequence[Sequence[SignatureField]] = (),
    landscape: bool = False,
    font_name: str = FONT_NAME,
) -> SheetLayout:
    """Write ``spec`` onto the empty sheet ``ws`` laid out like the paper form.

    Each of ``subtitles`` is a row under the title: a string is centred (a theme line), a
    (left, right) pair is split to both sides, e.g. (“填报单位：……”, “日期：……”).
    """
    n_cols = len(spec.columns)
    widths = _column_widths(spec)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    body_font = Font(name=font_name, size=11)
    row = 1

    # Title: merged across the table, bold and larger.
    title_cell = ws.cell(row=row, column=1)
    _set_text(title_cell, title)
    title_cell.font = Font(name=font_name, size=18, bold=True)
    title_cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _merge(ws, row, 1, row, n_cols)
    title_lines = _lines_needed(title, sum(widths) * 11 / 18)
    ws.row_dimensions[row].height = max(36.0, title_lines * 24.0 + 8)
    title_row = row
    row += 1

    for line in subtitles:
        if isinstance(line, str):  # centred under the title
            spans = [(1, n_cols, line, "center")]
        elif n_cols == 1 or not line[1]:
            spans = [(1, n_cols, "    ".join(p for p in line if p), "left")]
        else:
            left_end = max(1, n_cols // 2)
            spans = [(1, left_end, line[0], "left"), (left_end + 1, n_cols, line[1], "right")]
        lines = 1
        for c0, c1, text, align in spans:
            cell = ws.cell(row=row, column=c0)
            _set_text(cell, text)
            cell.font = body_font
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            _merge(ws, row, c0, row, c1)
            lines = max(lines, _lines_needed(text, sum(widths[c0 - 1 : c1])))
        ws.row_dimensions[row].height = max(22.0, lines * _LINE_HEIGHT + 6)
        row += 1

    # Header rows, merged like the paper form.
    first_header = row
    header_font = Font(name=font_name, size=11, bold=True)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for header in spec.header_rows:
        lines = 1
        for c, text in enumerate(header, start=1):
            cell = ws.cell(row=row, column=c)
            if isinstance(text, str):
                _set_text(cell, text)
                lines = max(lines, _lines_needed(text, widths[c - 1]))
            cell.font = header_font
            cell.alignment = header_align
            cell.fill = HEADER_FILL
            cell.border = BORDER
        ws.row_dimensions[row].height = max(24.0, lines * _LINE_HEIGHT + 8)
        row += 1
    last_header = row - 1
    for r0, c0, r1, c1 in spec.spans:
        _merge(ws, first_header + r0, c0 + 1, first_header + r1, c1 + 1)

    # Data rows.
    first_data = row
    for values in spec.rows:
        lines = 1
        for c, (value, col) in enumerate(zip(values, spec.columns, strict=True), start=1):
            cell = ws.cell(row=row, column=c)
            set_value(cell, value, col.number_format)
            cell.font = body_font
            cell.border = BORDER
            wrap = isinstance(value, str)
            cell.alignment = Alignment(horizontal=col.align, vertical="center", wrap_text=wrap)
            if isinstance(value, str):
                lines = max(lines, _lines_needed(value, widths[c - 1]))
        ws.row_dimensions[row].height = max(_MIN_ROW_HEIGHT, lines * _LINE_HEIGHT + 6)
        row += 1
    last_data = row - 1

    # Signature area under the table: 填报单位（盖章）…, one merged cell per field.
    if signature:
        row += 1
        for fields in signature:
            texts = [f"{f.label}：{f.value}" for f in fields]
            if n_cols < len(fields):  # too few columns: the fields share one line
                texts, ranges = ["    ".join(texts)], [(1, n_cols)]
            else:
                ranges = _field_columns([f.weight for f in fields], n_cols)
            for text, (c0, c1) in zip(texts, ranges, strict=True):
                cell = ws.cell(row=row, column=c0)
                _set_text(cell, text)
                cell.font = body_font
                cell.alignment = Alignment(horizontal="left", vertical="center")
                _merge(ws, row, c0, row, c1)
            ws.row_dimensions[row].height = 30.0
            row += 1
    last_row = row - 1

    _print_setup(ws, first_header, last_header, last_row, n_cols, landscape)
    if spec.rows:
        ws.freeze_panes = ws.cell(row=first_data, column=1)
    return SheetLayout(
        title_row, first_header, last_header, first_data, last_data, last_row, n_cols
    )


def _print_setup(
    ws: Worksheet, first_header: int, last_header: int, last_row: int, n_cols: int, landscape: bool
) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{first_header}:{last_header}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(
        left=0.6, right=0.6, top=0.75, bottom=0.75, header=0.3, footer=0.3
    )
    ws.print_area = f"A1:{get_column_letter(n_cols)}{last_row}"
    ws.oddFooter.center.text = "— &P —"
    ws.oddFooter.center.size = 12


def new_workbook(*, title: str, author: str = "") -> Workbook:
    """An empty workbook whose document properties name the form and who made it."""
    wb = Workbook()
    wb.properties.title = title
    wb.properties.creator = author or "安全生产月 desktop"
    wb.properties.lastModifiedBy = author or "安全生产月 desktop"
    return wb


def save_workbook(wb: Workbook, out: Output) -> None:
    """Save to a path (all-or-nothing) or a binary file object."""
    with open_output(out) as stream:
        wb.save(stream)


def safe_sheet_title(text: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, not empty."""
    for ch in "[]:*?/\\":
        text = text.replace(ch, "")
    text = text.strip("' ")[:31]
    return text or "Sheet1"
