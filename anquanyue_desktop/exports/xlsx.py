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
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
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
# A one-line table row; the form sheets make it their default row height, so that the many
# one-line rows need no row record of their own (openpyxl builds and writes each slowly).
ONE_LINE_HEIGHT = max(_MIN_ROW_HEIGHT, _LINE_HEIGHT + 6)
# Excel's own default, kept for the empty rows that space a form sheet.
_GAP_HEIGHT = 15.0
MIN_COLUMN_WIDTH = 6.0
MAX_COLUMN_WIDTH = 40.0


BODY_FONT = Font(name=FONT_NAME, size=11)
BOLD_FONT = Font(name=FONT_NAME, size=11, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=18, bold=True)
CORNER_FONT = Font(name="黑体", size=14)
#: The smallest type a printed workbook may shrink to when fitted to the page width.
MIN_PRINT_SIZE = 9.0
# Printable width of A4 in points with our 0.6-inch side margins, portrait and landscape.
_A4_PRINTABLE = {False: (210 / 25.4 - 1.2) * 72, True: (297 / 25.4 - 1.2) * 72}


def style(
    cell: Cell,
    font: Font = BODY_FONT,
    *,
    fill: PatternFill | None = None,
    border: Border | None = None,
    alignment: Alignment | None = None,
    number_format: str | None = None,
    protection: Protection | None = None,
) -> None:
    """Give ``cell`` a format registered once per workbook.

    openpyxl hashes every style object on every assignment (a quarter of a big export's time);
    here each combination is registered on first use and later cells copy its style ids.
    Pass module-level style objects: the cache is keyed by their identity."""
    arr = style_array(cell.parent, font, fill, border, alignment, number_format, protection)
    cell._style = StyleArray(arr)


def style_array(
    ws: Worksheet,
    font: Font = BODY_FONT,
    fill: PatternFill | None = None,
    border: Border | None = None,
    alignment: Alignment | None = None,
    number_format: str | None = None,
    protection: Protection | None = None,
) -> StyleArray:
    """The style ids of a format in ``ws``'s workbook, registered on first use (see
    :func:`style`); give each cell its own copy, as openpyxl changes them in place."""
    wb = ws.parent
    cache: dict[tuple, StyleArray] = wb.__dict__.setdefault("_aqy_styles", {})
    key = (id(font), id(fill), id(border), id(alignment), number_format, id(protection))
    arr = cache.get(key)
    if arr is None:
        proto = Cell(ws)
        proto.font = font
        if fill is not None:
            proto.fill = fill
        if border is not None:
            proto.border = border
        if alignment is not None:
            proto.alignment = alignment
        if number_format:
            proto.number_format = number_format
        if protection is not None:
            proto.protection = protection
        arr = cache[key] = StyleArray(proto._style)
        # Keep the objects alive so their ids stay theirs while the workbook is built.
        wb.__dict__.setdefault("_aqy_style_refs", []).append(
            (font, fill, border, alignment, protection)
        )
    return arr


def merge(ws: Worksheet, r0: int, c0: int, r1: int, c1: int) -> None:
    """Merge a range without openpyxl's per-cell border copying (half of a big export's time):
    callers style the covered cells themselves when the block needs borders."""
    if (r0, c0) == (r1, c1):
        return
    mcr = MergedCellRange.__new__(MergedCellRange)
    CellRange.__init__(mcr, min_col=c0, min_row=r0, max_col=c1, max_row=r1)
    mcr.ws = ws
    mcr.start_cell = ws.cell(row=r0, column=c0)
    ws.merged_cells.add(mcr)


class _NarrowOnly(dict):
    """A ``str.translate`` table that deletes wide characters, filled as characters are met:
    the translation runs in C, so a long text is measured without a loop in Python."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.east_asian_width(chr(code)) in ("W", "F") else code
        self[code] = kept
        return kept


_NARROW_ONLY = _NarrowOnly()


def display_width(text: str) -> int:
    """Width in Excel character units: a CJK (wide) character counts 2, others 1."""
    if text.isascii():
        return len(text)
    return 2 * len(text) - len(text.translate(_NARROW_ONLY))


def clean_text(text: str) -> str:
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
    text = clean_text(text)
    # Straight to the cell's text: openpyxl's value setter would test the type and mark
    # text starting with "=" as a formula.
    cell._value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_TRIGGERS):
        cell.quotePrefix = True  # Excel's leading apostrophe: stays text even when edited


_ALIGNMENTS: dict[tuple[str, bool], Alignment] = {}


def alignment(horizontal: str = "left", wrap: bool = True) -> Alignment:
    """A shared Alignment (vertically centred), so :func:`style` sees one object per kind."""
    key = (horizontal, wrap)
    if key not in _ALIGNMENTS:
        _ALIGNMENTS[key] = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    return _ALIGNMENTS[key]


def column_points(width: float) -> float:
    """An Excel column width (characters of the default font) in points, as Excel and
    LibreOffice draw it: 7 pixels a character plus 5 pixels of padding, at 96 dpi."""
    return (width * 7 + 5) * 0.75


def print_size(ws: Worksheet, size: float = 11.0) -> float:
    """The size ``size``-point text prints at when the sheet is fitted to the A4 width."""
    landscape = ws.page_setup.orientation == "landscape"
    n_cols = ws.max_column
    total = sum(
        column_points(ws.column_dimensions[get_column_letter(c)].width or 8.43)
        for c in range(1, n_cols + 1)
    )
    return size * min(1.0, _A4_PRINTABLE[landscape] / total) if total else size


def needs_landscape(widths: Sequence[float]) -> bool:
    """Whether columns this wide would print below :data:`MIN_PRINT_SIZE` on portrait A4."""
    total = sum(column_points(w) for w in widths)
    return 11.0 * min(1.0, _A4_PRINTABLE[False] / total) < MIN_PRINT_SIZE


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
    if "\n" not in text:
        return max(1, math.ceil(display_width(text) / usable))
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


class _RowHeight(RowDimension):
    """A row's height record as openpyxl's own constructor leaves it (not hidden, no outline,
    no style), without its per-attribute checks: a county weekly report has thousands of
    rows of two or three lines, and each checked record costs more than the row's cells."""

    def __init__(self, worksheet: Worksheet, index: int, height: float) -> None:
        self.parent = worksheet
        self._style = None
        self.__dict__.update(
            index=index,
            ht=float(height),
            thickBot=False,
            thickTop=False,
            hidden=False,
            outlineLevel=0,
            collapsed=False,
        )


def _merge(ws: Worksheet, row: int, c0: int, r1: int, c1: int) -> None:
    merge(ws, row, c0, r1, c1)


def _number_format(value: CellValue, number_format: str | None) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, datetime):
        return number_format or _DATETIME_FORMAT
    if isinstance(value, date):
        return number_format or _DATE_FORMAT
    return number_format


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
        longest = 0
        for t in texts:
            # A character is at most 2 units wide: shorter texts need no measuring, and
            # once the column is at its widest, nothing more does.
            if 2 * len(t) <= longest:
                continue
            longest = max(longest, *(display_width(line) for line in t.split("\n")))
            if longest + 2.0 >= MAX_COLUMN_WIDTH:
                break
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


def _signature_columns(
    signature: Sequence[Sequence[SignatureField]], widths: Sequence[float]
) -> dict[int, list[tuple[int, int]]]:
    """The columns each field of a signature row spans, by the number of fields in the row
    (rows with as many fields line up: 填报人 under 填报单位, 审核人 under 日期).

    Split by the fields' weights; where a text would not fit its columns (a pre-filled
    日期：2022年6月30日 over two narrow columns prints cut at the print area's edge), two
    fields share the columns at the boundary nearest the weighted one where every text fits."""
    n_cols = len(widths)
    out: dict[int, list[tuple[int, int]]] = {}
    for count in {len(fields) for fields in signature if len(fields) <= n_cols}:
        rows = [[f"{f.label}：{f.value}" for f in fields] for fields in signature]
        rows = [texts for texts in rows if len(texts) == count]
        first = next(fields for fields in signature if len(fields) == count)
        ranges = _field_columns([f.weight for f in first], n_cols)

        def fits(ranges: list[tuple[int, int]], rows: list[list[str]] = rows) -> bool:
            return all(
                display_width(text) + 1.5 <= sum(widths[c0 - 1 : c1])
                for texts in rows
                for text, (c0, c1) in zip(texts, ranges, strict=True)
            )

        if count == 2 and not fits(ranges):
            weighted = ranges[0][1]
            for b in sorted(range(1, n_cols), key=lambda b: abs(b - weighted)):
                if fits([(1, b), (b + 1, n_cols)]):
                    ranges = [(1, b), (b + 1, n_cols)]
                    break
        out[count] = ranges
    return out


def _room_for_signature(
    signature: Sequence[Sequence[SignatureField]], widths: list[float]
) -> list[float]:
    """``widths`` with the last column widened when no split of the columns holds the
    signature's right-hand texts (日期：2022年6月30日 after a narrow empty 备注)."""
    n_cols = len(widths)
    two = [fields for fields in signature if len(fields) == 2]
    if n_cols < 2 or not two:
        return widths
    columns = _signature_columns(two, widths)[2]
    right = columns[1]
    need = max(display_width(f"{fields[1].label}：{fields[1].value}") + 1.5 for fields in two)
    have = sum(widths[right[0] - 1 : right[1]])
    if need > have and min(MAX_COLUMN_WIDTH, widths[-1] + need - have) > widths[-1]:
        widths = [*widths[:-1], min(MAX_COLUMN_WIDTH, widths[-1] + need - have)]
    return widths


def write_form_sheet(
    ws: Worksheet,
    spec: TableSpec,
    *,
    title: str,
    subtitles: Sequence[str | tuple[str, str]] = (),
    signature: Sequence[Sequence[SignatureField]] = (),
    landscape: bool = False,
    corner: str = "",
) -> SheetLayout:
    """Write ``spec`` onto the empty sheet ``ws`` laid out like the paper form.

    Each of ``subtitles`` is a row under the title: a string is centred (a theme line), a
    (left, right) pair is split to both sides, e.g. (“填报单位：……”, “日期：……”).
    ``corner`` (附件1) goes above the title, top left. Portrait turns landscape when the
    columns would otherwise print smaller than :data:`MIN_PRINT_SIZE`.
    """
    n_cols = len(spec.columns)
    widths = _room_for_signature(signature, _column_widths(spec))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    landscape = landscape or needs_landscape(widths)
    body_font = BODY_FONT
    row = 1
    if corner:
        cell = ws.cell(row=row, column=1)
        _set_text(cell, corner)
        style(cell, CORNER_FONT, alignment=alignment("left", False))
        ws.row_dimensions[row].height = 24.0
        row += 1

    # Title: merged across the table, bold and larger.
    title_cell = ws.cell(row=row, column=1)
    _set_text(title_cell, title)
    style(title_cell, TITLE_FONT, alignment=alignment("center"))
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
            style(cell, body_font, alignment=alignment(align))
            _merge(ws, row, c0, row, c1)
            lines = max(lines, _lines_needed(text, sum(widths[c0 - 1 : c1])))
        ws.row_dimensions[row].height = max(22.0, lines * _LINE_HEIGHT + 6)
        row += 1

    # Header rows, merged like the paper form.
    first_header = row
    header_align = alignment("center")
    for header in spec.header_rows:
        lines = 1
        for c, text in enumerate(header, start=1):
            cell = ws.cell(row=row, column=c)
            if isinstance(text, str):
                _set_text(cell, text)
                lines = max(lines, _lines_needed(text, widths[c - 1]))
            style(cell, BOLD_FONT, fill=HEADER_FILL, border=BORDER, alignment=header_align)
        ws.row_dimensions[row].height = max(24.0, lines * _LINE_HEIGHT + 8)
        row += 1
    last_header = row - 1
    for r0, c0, r1, c1 in spec.spans:
        _merge(ws, first_header + r0, c0 + 1, first_header + r1, c1 + 1)

    # Data rows: the formats of each column looked up once, one-line rows left at the default.
    ws.sheet_format.defaultRowHeight = ONE_LINE_HEIGHT
    ws.sheet_format.customHeight = True
    first_data = row
    text_styles = [
        style_array(ws, body_font, border=BORDER, alignment=alignment(col.align, True))
        for col in spec.columns
    ]
    value_styles: dict[tuple[int, str | None], StyleArray] = {}
    fits = [widths[c] - 1.5 for c in range(n_cols)]
    cells = ws._cells  # new cells straight into the sheet: ws.cell() checks and looks up each
    row_dims = ws.row_dimensions
    for values in spec.rows:
        lines = 1
        for c, value in enumerate(values, start=1):
            cell = cells[(row, c)] = Cell(ws, row=row, column=c)
            if isinstance(value, str):
                cell._style = StyleArray(text_styles[c - 1])
                _set_text(cell, value)
                # Only text that may not fit one line is measured.
                if 2 * len(value) > fits[c - 1] or "\n" in value:
                    lines = max(lines, _lines_needed(value, widths[c - 1]))
                continue
            fmt = (
                None if value is None else _number_format(value, spec.columns[c - 1].number_format)
            )
            arr = value_styles.get((c, fmt))
            if arr is None:
                col = spec.columns[c - 1]
                arr = value_styles[(c, fmt)] = style_array(
                    ws,
                    body_font,
                    border=BORDER,
                    alignment=alignment(col.align, False),
                    number_format=fmt,
                )
            cell._style = StyleArray(arr)
            if type(value) in (int, float):  # the column's format is in the style already
                cell._value = value
            elif type(value) in (date, datetime) and spec.columns[c - 1].number_format is None:
                cell._value = value
                cell.data_type = "d"
            elif value is not None:
                set_value(cell, value, None)
        if lines > 1:
            row_dims[row] = _RowHeight(ws, row, max(_MIN_ROW_HEIGHT, lines * _LINE_HEIGHT + 6))
        row += 1
    last_data = row - 1

    # Signature area under the table: 填报单位（盖章）…, one merged cell per field.
    if signature:
        ws.row_dimensions[row].height = _GAP_HEIGHT
        row += 1
        columns = _signature_columns(signature, widths)
        for fields in signature:
            texts = [f"{f.label}：{f.value}" for f in fields]
            if n_cols < len(fields):  # too few columns: the fields share one line
                texts, ranges = ["    ".join(texts)], [(1, n_cols)]
            else:
                ranges = columns[len(fields)]
            for text, (c0, c1) in zip(texts, ranges, strict=True):
                cell = ws.cell(row=row, column=c0)
                _set_text(cell, text)
                style(cell, body_font, alignment=alignment("left", False))
                _merge(ws, row, c0, row, c1)
            ws.row_dimensions[row].height = 30.0
            row += 1
    last_row = row - 1

    _print_setup(ws, first_header, last_header, last_row, n_cols, landscape)
    if signature and last_data - first_data >= 2:
        keep_end_together(ws, (first_header, last_header), last_data, last_row, widths, landscape)
    if spec.rows:
        ws.freeze_panes = ws.cell(row=first_data, column=1)
    return SheetLayout(
        title_row, first_header, last_header, first_data, last_data, last_row, n_cols
    )


def page_starts(
    ws: Worksheet,
    titles: tuple[int, int],
    last_row: int,
    widths: Sequence[float],
    landscape: bool,
    *,
    margins: tuple[float, float] = (0.75, 0.75),
) -> list[int]:
    """The rows that begin a printed page, as Excel and LibreOffice paginate: rows whole,
    the title rows repeated, everything scaled by the fit-to-width factor."""
    total = sum(column_points(w) for w in widths)
    scale = min(1.0, _A4_PRINTABLE[landscape] / total) if total else 1.0
    paper = (210 if landscape else 297) / 25.4 * 72
    room = (paper - sum(margins) * 72) / scale

    def height(r: int) -> float:
        return row_height(ws, r)

    repeat = sum(height(r) for r in range(titles[0], titles[1] + 1))
    breaks = {b.id for b in ws.row_breaks.brk}
    starts, used = [1], 0.0
    for r in range(1, last_row + 1):
        h = height(r)
        if (used + h > room and used > repeat) or (r - 1 in breaks and r > 1):
            starts.append(r)
            used = repeat
        used += h
    return starts


def row_height(ws: Worksheet, r: int) -> float:
    """Row ``r``'s height in points as printed: its own, or the sheet's default."""
    dim = ws.row_dimensions.get(r)  # not [r]: that would add an empty row record
    if dim is not None and dim.height is not None:
        return dim.height
    fmt = ws.sheet_format
    return fmt.defaultRowHeight if fmt.customHeight else _GAP_HEIGHT


def keep_end_together(
    ws: Worksheet,
    titles: tuple[int, int],
    last_data: int,
    last_row: int,
    widths: Sequence[float],
    landscape: bool,
) -> None:
    """A manual page break before the last two data rows when the signature rows would
    otherwise begin a page of their own (checked a little tighter than the page, as office
    programs round row heights their own way)."""
    for margin in (0.0, 0.5):  # inches of slack at the foot
        starts = page_starts(ws, titles, last_row, widths, landscape, margins=(0.75, 0.75 + margin))
        if any(last_data < s <= last_row for s in starts):
            ws.row_breaks.append(Break(id=last_data - 2))
            return


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


def append_lines(
    ws: Worksheet, layout: SheetLayout, lines: Sequence[str], *, gap: int = 1
) -> SheetLayout:
    """Text lines under the form, each merged across it in 宋体, wrapped, inside the print
    area; returns the layout with its new last row."""
    n_cols = layout.last_column
    width = sum(
        ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, n_cols + 1)
    )
    row = layout.last_row + gap
    for r in range(layout.last_row + 1, row + 1):
        ws.row_dimensions[r].height = _GAP_HEIGHT
    for line in lines:
        row += 1
        cell = ws.cell(row=row, column=1)
        _set_text(cell, line)
        style(cell, BODY_FONT, alignment=alignment("left"))
        merge(ws, row, 1, row, n_cols)
        ws.row_dimensions[row].height = max(20.0, _lines_needed(line, width) * _LINE_HEIGHT + 6)
    ws.print_area = f"A1:{get_column_letter(n_cols)}{row}"
    return SheetLayout(
        layout.title_row,
        layout.first_header_row,
        layout.last_header_row,
        layout.first_data_row,
        layout.last_data_row,
        row,
        n_cols,
    )


def append_note(ws: Worksheet, layout: SheetLayout, text: str) -> SheetLayout:
    """A note under the form (the upstream form's 说明), inside the print area."""
    return append_lines(ws, layout, [text])


def write_list_sheet(ws: Worksheet, title: str, text: str) -> None:
    """A plain sheet with a title and one wrapped paragraph (e.g. the units not reported)."""
    ws.column_dimensions["A"].width = 90
    cell = ws.cell(row=1, column=1)
    _set_text(cell, title)
    style(cell, TITLE_FONT, alignment=alignment("left"))
    ws.row_dimensions[1].height = 30
    cell = ws.cell(row=2, column=1)
    _set_text(cell, text)
    style(cell, BODY_FONT, alignment=alignment("left"))
    ws.row_dimensions[2].height = max(20.0, _lines_needed(text, 90) * _LINE_HEIGHT + 6)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = "A1:A2"


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
