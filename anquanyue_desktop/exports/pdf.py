"""A small PDF layer on reportlab platypus for 公文-style documents and paper forms.

- Pages: A4 with the GB/T 9704-2012 type area (版心 156 × 225 mm, top margin 37 mm, left
  28 mm), or A4 landscape for wide tables; page numbers “— N —” in 4号宋体 below the type area.
- Text: :class:`TextBlock` breaks lines with our own Chinese rules (:mod:`.cjk_linebreak`),
  draws every character in a font that has it (:mod:`.fonts`), justifies body text and indents
  first lines by two characters. reportlab's CJK wrapping is not used: it ignores 禁则.
- Tables: :class:`FormTable` draws a :class:`~.tables.TableSpec` with borders, merged header
  cells, header rows repeated on every page and wrapped cell text.
- :class:`SignatureBlock`: 填报单位（盖章）/填报人/审核人/日期 with room for a stamp.

:func:`write_pdf` takes the flowables and a path or binary file object. Fonts are embedded as
subsets with ToUnicode maps, so the text can be searched and copied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .cjk_linebreak import balanced_lines, break_lines, break_paragraph
from .fonts import FontSet, MissingGlyphError, Role, default_fonts, printable_text
from .output import Output, open_output
from .tables import SignatureField, TableSpec, cell_text, standard_signature

#: Chinese type sizes (字号) in points.
ZIHAO: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
}

# Where the centre of a CJK ideograph sits above the baseline, as a fraction of the size.
_IDEOGRAPH_MIDDLE = 0.38
_CREATOR = "安全生产月 desktop"


@dataclass(frozen=True)
class PageLayout:
    """Page size and type area (版心), in points. Page numbers go ``page_number_gap`` below it."""

    page_size: tuple[float, float]
    left: float
    top: float
    width: float
    height: float
    page_number_gap: float = 7 * mm

    @property
    def bottom(self) -> float:
        """Bottom margin: from the page's bottom edge to the type area."""
        return self.page_size[1] - self.top - self.height


#: GB/T 9704-2012 §5.2.1: A4, 版心 156 × 225 mm, 天头 37 mm, 订口 28 mm.
PORTRAIT = PageLayout(A4, left=28 * mm, top=37 * mm, width=156 * mm, height=225 * mm)
#: A4 landscape for wide tables: 20 mm margins, 30 mm at the foot for the page number.
LANDSCAPE = PageLayout(landscape(A4), left=20 * mm, top=20 * mm, width=257 * mm, height=160 * mm)


@dataclass(frozen=True)
class TextStyle:
    """How a block of text looks. ``first_indent`` is in characters; ``char_space`` in points
    is added after every character (negative to fit GB/T 9704's 28 characters per line)."""

    role: Role = "fangsong"
    size: float = ZIHAO["三号"]
    leading: float | None = None  # None: 1.5 × size
    align: Literal["left", "center", "right", "justify"] = "left"
    first_indent: float = 0
    char_space: float = 0
    balanced: bool = False  # even line lengths, for titles
    space_before: float = 0
    space_after: float = 0

    @property
    def line_height(self) -> float:
        return self.leading if self.leading is not None else self.size * 1.5


# GB/T 9704: 3号仿宋 body, 22 lines of 28 characters in the type area.
BODY = TextStyle(
    "fangsong",
    ZIHAO["三号"],
    leading=225 * mm / 22,
    align="justify",
    first_indent=2,
    char_space=156 * mm / 28 - ZIHAO["三号"],
)
TITLE = TextStyle(
    "xiaobiaosong", ZIHAO["二号"], leading=ZIHAO["二号"] * 1.45, align="center", balanced=True
)
HEADING_1 = replace(BODY, role="hei", align="left")  # 一、
HEADING_2 = replace(BODY, role="kai", align="left")  # （一）
HEADING_1_PLAIN = replace(HEADING_1, first_indent=0, char_space=0)  # 附件1 above a form
SUBTITLE = TextStyle("kai", ZIHAO["小三"], align="center", balanced=True)
TABLE_BODY = TextStyle("song", ZIHAO["小四"], leading=ZIHAO["小四"] * 1.35)
TABLE_HEADER = TextStyle("hei", ZIHAO["小四"], leading=ZIHAO["小四"] * 1.35, align="center")


@dataclass(frozen=True)
class _Line:
    text: str
    indent: float
    last: bool  # last line of its paragraph: never justified


def _draw_text(
    canv: Canvas,
    fonts: FontSet,
    role: Role,
    size: float,
    x: float,
    y: float,
    text: str,
    char_space: float = 0,
) -> None:
    """Draw one line at baseline ``y``, each run in the font that has its characters."""
    if not text:
        return
    bold = fonts.fake_bold(role)
    if bold:
        # The render mode and line width outlive the text object: keep them to this line.
        canv.saveState()
        canv.setLineWidth(size * 0.03)
    obj = canv.beginText(x, y)
    if char_space:
        obj.setCharSpace(char_space)
    if bold:  # no heavy face on this machine: fill and stroke the outlines
        obj.setTextRenderMode(2)
    for font_name, run in fonts.runs(text, role):
        obj.setFont(font_name, size)
        obj.textOut(run)
    canv.drawText(obj)
    if bold:
        canv.restoreState()


class TextBlock(Flowable):
    """Text broken into lines by our Chinese line breaker; splits across pages between lines.

    ``\\n`` starts a new paragraph. Characters no font has raise :class:`MissingGlyphError`
    at once, prefixed with ``where``. ``min_height`` pads the block (text centred vertically),
    as table cells need.
    """

    def __init__(
        self,
        text: str,
        style: TextStyle = BODY,
        *,
        fonts: FontSet | None = None,
        where: str = "",
        min_height: float = 0,
        keep_with_next: bool = False,
    ) -> None:
        super().__init__()
        self.text = printable_text(text)
        self.style = style
        self.fonts = fonts or default_fonts()
        self.min_height = min_height
        self.keepWithNext = keep_with_next
        self.fonts.check(self.text, style.role, where)
        self._lines: list[_Line] | None = None
        self._lines_width: float | None = None
        self._fixed = False

    def _measure(self, text: str) -> float:
        s = self.style
        return self.fonts.width(text, s.role, s.size) + s.char_space * len(text)

    def lines(self, avail_width: float) -> list[_Line]:
        """The lines for a given width (cached)."""
        if self._lines is not None and (self._fixed or self._lines_width == avail_width):
            return self._lines
        s = self.style
        indent = s.first_indent * (s.size + s.char_space)
        out: list[_Line] = []
        for paragraph in self.text.split("\n"):
            if s.balanced:
                texts = balanced_lines(paragraph, self._measure, avail_width)
            else:
                first = avail_width - indent if indent else None
                texts = break_paragraph(paragraph, self._measure, avail_width, first)
            for i, line in enumerate(texts):
                out.append(_Line(line, indent if i == 0 else 0, i == len(texts) - 1))
        self._lines, self._lines_width = out, avail_width
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.lines(availWidth)
        self.width = availWidth if not self._fixed else self._lines_width or availWidth
        self.height = max(len(lines) * self.style.line_height, self.min_height)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # Split the lines as last wrapped: a table passes its full column width here, though
        # it wrapped the cell to the width inside the padding.
        width = self._lines_width if self._lines is not None else availWidth
        assert width is not None
        lines = self.lines(width)
        fit = int((availHeight + 1e-6) // self.style.line_height)
        if fit >= len(lines):
            return []  # only padding is in the way: cannot split usefully
        if len(lines) - fit == 1:
            fit -= 1  # no widow: the last line never stands alone at the top of a page
        if fit < 2:
            return []  # no orphan: a paragraph's first line never stands alone at the foot
        return [self._with_lines(lines[:fit], width), self._with_lines(lines[fit:], width)]

    def _with_lines(self, lines: list[_Line], width: float) -> TextBlock:
        part = TextBlock.__new__(TextBlock)
        Flowable.__init__(part)
        part.text, part.style, part.fonts, part.min_height = self.text, self.style, self.fonts, 0
        part.keepWithNext = False
        part._lines, part._lines_width, part._fixed = lines, width, True
        return part

    def getSpaceBefore(self) -> float:
        return self.style.space_before

    def getSpaceAfter(self) -> float:
        return self.style.space_after

    def draw(self) -> None:
        s = self.style
        lines = self.lines(self.width)
        leading = s.line_height
        top = self.height - (self.height - len(lines) * leading) / 2
        for k, line in enumerate(lines):
            text = line.text.rstrip()
            baseline = top - k * leading - leading / 2 - s.size * _IDEOGRAPH_MIDDLE
            room = self.width - line.indent
            used = self._measure(text) - s.char_space if text else 0
            space = s.char_space
            x = line.indent
            if s.align == "center":
                x += (room - used) / 2
            elif s.align == "right":
                x += room - used
            elif s.align == "justify" and not line.last and len(text) > 1:
                extra = (room - used) / (len(text) - 1)
                if 0 < extra < s.size * 0.5:  # a huge gap would look worse than a ragged line
                    space += extra
            _draw_text(self.canv, self.fonts, s.role, s.size, x, baseline, text, space)


class InfoLine(Flowable):
    """One line with text at the left and at the right (e.g. a count and 制表日期)."""

    def __init__(
        self, left: str, right: str, style: TextStyle = TABLE_BODY, *, fonts: FontSet | None = None
    ) -> None:
        super().__init__()
        self.fonts = fonts or default_fonts()
        self.left = TextBlock(left, replace(style, align="left"), fonts=self.fonts)
        self.right = TextBlock(right, replace(style, align="right"), fonts=self.fonts)
        self.keepWithNext = True
        self.style = style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        s = self.style
        lw = self.fonts.width(self.left.text, s.role, s.size)
        rw = self.fonts.width(self.right.text, s.role, s.size)
        self._stacked = lw + rw + s.size * 2 > availWidth
        self.width = availWidth
        _, hl = self.left.wrap(availWidth, availHeight)
        _, hr = self.right.wrap(availWidth, availHeight)
        self.height = hl + hr if self._stacked else max(hl, hr)
        return self.width, self.height

    def draw(self) -> None:
        self.left.drawOn(self.canv, 0, self.height - self.left.height)
        self.right.drawOn(self.canv, 0, 0 if self._stacked else self.height - self.right.height)


@dataclass(frozen=True)
class _Row:
    """A body row laid out: its lines per column and its height (padding included)."""

    lines: tuple[tuple[str, ...], ...]
    height: float


_SHARED = frozenset(
    [
        "spec",
        "body_style",
        "header_style",
        "min_row_height",
        "min_header_height",
        "max_row_height",
        "padding",
        "fonts",
        "_texts",
        "_headers",
        "_layout_width",
        "_widths",
        "_header_heights",
        "_header_lines",
    ]
)
#: Marks the part of a row continued from the page before.
CONTINUED = "（续）"


class FormTable(Flowable):
    """A :class:`TableSpec` as a bordered table filling the frame width.

    Laid out once: every cell's lines and every row's height are computed on the first wrap,
    then pages take rows from the front (a split costs the rows of one page, never the whole
    remainder, unlike reportlab's Table). Column widths follow the columns' weights; header rows
    repeat on every page; a row taller than a page continues on the next with its label
    marked （续）. ``tail`` (a signature block, a note) is drawn under the last row and never
    stands alone at the top of a page: the last rows go with it. Every cell's text is checked
    for missing glyphs up front, the error naming row and column.
    """

    #: Rows that travel with the tail to a new page when the tail does not fit.
    KEEP_WITH_TAIL = 2

    def __init__(
        self,
        spec: TableSpec,
        *,
        body: TextStyle = TABLE_BODY,
        header: TextStyle = TABLE_HEADER,
        min_row_height: float = 7 * mm,
        min_header_height: float = 9 * mm,
        max_row_height: float | None = None,
        padding: float = 3,
        fonts: FontSet | None = None,
        tail: Sequence[Flowable] = (),
    ) -> None:
        super().__init__()
        self.spec = spec
        self.body_style = body
        self.header_style = header
        self.min_row_height = min_row_height
        self.min_header_height = min_header_height
        self.max_row_height = max_row_height  # None: the frame's height less the header
        self.padding = padding
        self.fonts = fonts or default_fonts()
        self.tail = list(tail)
        self._texts = [[printable_text(cell_text(v)) for v in row] for row in spec.rows]
        self._headers = [
            [printable_text(c) if isinstance(c, str) else None for c in row]
            for row in spec.header_rows
        ]
        # Glyph check once, naming the cell, before any layout work.
        fonts_ = self.fonts
        for r, row in enumerate(self._headers, start=1):
            for text in row:
                if text:
                    fonts_.check(text, header.role, f"表头第{r}行")
        for r, row in enumerate(self._texts, start=1):
            for text, col in zip(row, spec.columns, strict=True):
                if text:
                    fonts_.check(text, body.role, f"第{r}行“{col.header}”")
        self._layout_width: float | None = None
        self._widths: list[float] = []
        self._header_heights: list[float] = []
        self._header_lines: list[list[tuple[str, ...] | None]] = []
        self._rows: list[_Row] = []
        self._first = True  # the first piece: False for the parts continued on later pages

    # -- layout ---------------------------------------------------------------------------

    def _lines(self, text: str, style: TextStyle, width: float) -> tuple[str, ...]:
        if not text:
            return ()
        fonts = self.fonts
        if "\n" not in text and fonts.width(text, style.role, style.size) <= width + 1e-6:
            return (text,)  # most cells: one line, measured once

        def measure(t: str) -> float:
            return fonts.width(t, style.role, style.size)

        return tuple(break_lines(text, measure, width))

    def _layout(self, avail_width: float) -> None:
        if self._layout_width == avail_width:
            return
        spec, pad = self.spec, self.padding
        total = sum(c.weight for c in spec.columns)
        self._widths = widths = [avail_width * c.weight / total for c in spec.columns]
        hs = self.header_style
        n_header = len(spec.header_rows)
        covered = {
            (r, c): (r0, c0, r1, c1)
            for r0, c0, r1, c1 in spec.spans
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
        }
        heights = [self.min_header_height] * n_header
        self._header_lines = [[None] * len(spec.columns) for _ in range(n_header)]
        tall: list[tuple[int, int, float]] = []  # header cells spanning rows: (r0, r1, need)
        for r, row in enumerate(self._headers):
            for c, text in enumerate(row):
                if text is None:
                    continue
                r0, c0, r1, c1 = covered.get((r, c), (r, c, r, c))
                lines = self._lines(text, hs, sum(widths[c0 : c1 + 1]) - 2 * pad)
                self._header_lines[r][c] = lines
                need = len(lines) * hs.line_height + 2 * pad
                if r1 == r0:
                    heights[r] = max(heights[r], need)
                else:
                    tall.append((r0, r1, need))
        for r0, r1, need in tall:
            have = sum(heights[r0 : r1 + 1])
            if need > have:
                heights[r1] += need - have
        self._header_heights = heights
        bs = self.body_style
        inner = [w - 2 * pad for w in widths]
        rows = []
        for texts in self._texts:
            lines = tuple(self._lines(t, bs, w) for t, w in zip(texts, inner, strict=True))
            longest = max((len(x) for x in lines), default=0)
            rows.append(_Row(lines, max(self.min_row_height, longest * bs.line_height + 2 * pad)))
        self._rows = rows
        self._layout_width = avail_width

    @property
    def _header_height(self) -> float:
        return sum(self._header_heights)

    def _tail_heights(self, width: float) -> list[float]:
        return [f.wrap(width, 1e6)[1] + f.getSpaceBefore() for f in self.tail]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._layout(availWidth)
        self.width = availWidth
        self.height = (
            self._header_height
            + sum(r.height for r in self._rows)
            + sum(self._tail_heights(availWidth))
        )
        return self.width, self.height

    # -- pages ----------------------------------------------------------------------------

    def _piece(self, rows: list[_Row], tail: list[Flowable]) -> FormTable:
        part = FormTable.__new__(FormTable)
        # Only the layout is shared: reportlab's own marks (_postponed, _frame, canv) stay behind.
        part.__dict__.update({k: v for k, v in self.__dict__.items() if k in _SHARED})
        Flowable.__init__(part)
        part._rows, part.tail = rows, tail
        part._first = self._first
        return part

    def _page_room(self, avail_height: float) -> float:
        frame = getattr(self, "_frame", None)
        page = self.max_row_height or (frame._height if frame is not None else avail_height)
        return page - self._header_height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._layout(availWidth)
        room = availHeight - self._header_height
        rows = self._rows
        n, used = 0, 0.0
        while n < len(rows) and used + rows[n].height <= room + 1e-6:
            used += rows[n].height
            n += 1
        if n == len(rows):  # every row fits, the tail does not: the last rows go with it
            n = max(0, n - min(self.KEEP_WITH_TAIL, len(rows)))
        if n == 0:
            if not rows or rows[0].height <= self._page_room(availHeight) + 1e-6:
                return []  # starts on the next page, where the row fits whole
            first, rest = self._split_row(rows[0], room)
            if first is None:
                return []
            head = self._piece([first], [])
            tail = self._piece([rest, *rows[1:]], self.tail)
            tail._first = False
            return [head, tail]
        head = self._piece(rows[:n], [])
        rest = self._piece(rows[n:], self.tail)
        rest._first = False
        return [head, rest]

    def _split_row(self, row: _Row, room: float) -> tuple[_Row | None, _Row]:
        """A row taller than a page: the lines that fit here, the rest with its label （续）."""
        bs, pad = self.body_style, self.padding
        fit = int((room - 2 * pad + 1e-6) // bs.line_height)
        if fit < 2:
            return None, row
        first = tuple(lines[:fit] for lines in row.lines)
        rest = [list(lines[fit:]) for lines in row.lines]
        label = next((c for c, lines in enumerate(row.lines) if lines), None)
        if label is not None:
            if rest[label]:
                rest[label].insert(0, CONTINUED)
            else:
                name = row.lines[label][0]
                rest[label] = [name if name.endswith(CONTINUED) else name + CONTINUED]
        rest_lines = tuple(tuple(x) for x in rest)
        longest = max(len(x) for x in rest_lines)
        first_row = _Row(first, fit * bs.line_height + 2 * pad)
        return first_row, _Row(
            rest_lines, max(self.min_row_height, longest * bs.line_height + 2 * pad)
        )

    # -- drawing --------------------------------------------------------------------------

    def _draw_cell(
        self,
        obj: Any,
        lines: Sequence[str],
        style: TextStyle,
        align: str,
        x: float,
        top: float,
        width: float,
        height: float,
    ) -> None:
        if not lines:
            return
        pad, leading = self.padding, style.line_height
        y0 = top - (height - len(lines) * leading) / 2
        for k, text in enumerate(lines):
            text = text.rstrip()
            if not text:
                continue
            baseline = y0 - k * leading - leading / 2 - style.size * _IDEOGRAPH_MIDDLE
            if align == "left":
                tx = x + pad
            else:
                used = self.fonts.width(text, style.role, style.size)
                room = width - 2 * pad
                tx = x + pad + ((room - used) / 2 if align == "center" else room - used)
            # All of a page's cells go into one text object: a text object per line
            # costs more than the line itself.
            obj.setTextOrigin(tx, baseline)
            for font_name, run in self.fonts.runs(text, style.role):
                if (obj._fontname, obj._fontsize) != (font_name, style.size):
                    obj.setFont(font_name, style.size)  # only when it changes
                obj.textOut(run)

    def draw(self) -> None:
        canv = self.canv
        widths = self._widths
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        table_h = self._header_height + sum(r.height for r in self._rows)
        top = self.height
        bottom = top - table_h
        canv.saveState()
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(0.5)
        # Header: each (merged) cell boxed on its own.
        hs = self.header_style
        ys = [top]
        for h in self._header_heights:
            ys.append(ys[-1] - h)
        covered = {
            (r, c): (r0, c0, r1, c1)
            for r0, c0, r1, c1 in self.spec.spans
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
        }
        header_cells = []
        for r, row in enumerate(self._header_lines):
            for c, lines in enumerate(row):
                r0, c0, r1, c1 = covered.get((r, c), (r, c, r, c))
                if (r, c) != (r0, c0):
                    continue
                x, w = xs[c0], xs[c1 + 1] - xs[c0]
                h = ys[r0] - ys[r1 + 1]
                canv.rect(x, ys[r1 + 1], w, h, stroke=1, fill=0)
                header_cells.append((lines or (), x, ys[r0], w, h))
        # Body: one rule per row boundary and per column boundary.
        y = ys[-1]
        path = canv.beginPath()
        for row in self._rows:
            y -= row.height
            path.moveTo(0, y)
            path.lineTo(xs[-1], y)
        for x in xs:
            path.moveTo(x, ys[-1])
            path.lineTo(x, bottom)
        canv.drawPath(path, stroke=1, fill=0)
        canv.setLineWidth(1.0)
        canv.rect(0, bottom, xs[-1], table_h, stroke=1, fill=0)
        if self._header_heights:
            canv.line(0, ys[-1], xs[-1], ys[-1])
        # The text, in one text object; a heavy role without a heavy face is outlined.
        obj = canv.beginText()
        obj._fontname = ""  # the first run always names its font in this text object
        if self.fonts.fake_bold(hs.role):
            canv.setLineWidth(hs.size * 0.03)
            obj.setTextRenderMode(2)
        for lines, x, top_, w, h in header_cells:
            self._draw_cell(obj, lines, hs, "center", x, top_, w, h)
        obj.setTextRenderMode(0)
        y = ys[-1]
        bs = self.body_style
        if self.fonts.fake_bold(bs.role):
            canv.setLineWidth(bs.size * 0.03)
            obj.setTextRenderMode(2)
        aligns = [c.align for c in self.spec.columns]
        for row in self._rows:
            for c, lines in enumerate(row.lines):
                self._draw_cell(obj, lines, bs, aligns[c], xs[c], y, widths[c], row.height)
            y -= row.height
        canv.drawText(obj)
        canv.restoreState()
        # The tail under the table.
        y = bottom
        for f in self.tail:
            _, h = f.wrap(self.width, 1e6)
            y -= f.getSpaceBefore() + h
            f.drawOn(canv, 0, y)


class SignatureBlock(Flowable):
    """Rows of 标签：____ fields under a form, kept together, tall enough to sign and stamp.

    Pre-filled values stand on the rule; a value too long for its blank is drawn smaller.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[SignatureField]],
        style: TextStyle = TABLE_BODY,
        *,
        row_height: float = 12 * mm,
        space_before: float = 6 * mm,
        fonts: FontSet | None = None,
    ) -> None:
        super().__init__()
        self.rows = [list(r) for r in rows]
        self.style = style
        self.row_height = row_height
        self.space_before = space_before
        self.fonts = fonts or default_fonts()
        for row in self.rows:
            for f in row:
                self.fonts.check(f.label + f.value, style.role, f"“{f.label}”")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.row_height * len(self.rows)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.space_before

    def draw(self) -> None:
        s, canv, fonts = self.style, self.canv, self.fonts
        gap = s.size  # between fields
        for r, row in enumerate(self.rows):
            baseline = self.height - (r + 1) * self.row_height + self.row_height * 0.3
            total = sum(f.weight for f in row)
            x = 0.0
            for f in row:
                cell = self.width * f.weight / total
                label = f"{f.label}："
                _draw_text(canv, fonts, s.role, s.size, x, baseline, label)
                lw = fonts.width(label, s.role, s.size)
                blank = cell - lw - gap
                canv.setLineWidth(0.5)
                canv.line(x + lw, baseline - 3, x + lw + blank, baseline - 3)
                if f.value:
                    size = s.size
                    vw = fonts.width(f.value, s.role, size)
                    if vw > blank - 4:  # a long unit name: shrink to fit rather than overrun
                        size = max(s.size * (blank - 4) / vw, 5.0)
                    _draw_text(canv, fonts, s.role, size, x + lw + 2, baseline, f.value)
                x += cell


PageNumbers = Literal["center", "outer"] | None


def _page_number_drawer(
    layout: PageLayout, fonts: FontSet, style: PageNumbers
) -> Callable[[Canvas, Any], None]:
    size = ZIHAO["四号"]

    def draw(canv: Canvas, doc: Any) -> None:
        if style is None:
            return
        n = canv.getPageNumber()
        text = f"— {n} —"
        width = fonts.width(text, "song", size)
        # GB/T 9704 §7.5: the 一字线 lie 7 mm below the type area's bottom edge.
        baseline = layout.bottom - layout.page_number_gap - size * _IDEOGRAPH_MIDDLE
        if style == "outer":  # odd pages right, even pages left, one character in
            x = layout.left + layout.width - size - width if n % 2 else layout.left + size
        else:
            x = layout.left + (layout.width - width) / 2
        canv.saveState()
        _draw_text(canv, fonts, "song", size, x, baseline, text)
        canv.restoreState()

    return draw


def write_pdf(
    out: Output,
    story: Sequence[Flowable],
    *,
    title: str,
    author: str = "",
    subject: str = "",
    layout: PageLayout = PORTRAIT,
    page_numbers: PageNumbers = "center",
    fonts: FontSet | None = None,
    invariant: bool = False,
) -> None:
    """Lay ``story`` out on pages of ``layout`` and write the PDF to ``out``.

    ``page_numbers``: "center" (— N — centred), "outer" (GB/T 9704 double-sided: odd pages
    right, even pages left) or None. ``invariant`` makes the bytes reproducible (fixed dates).
    """
    fonts = fonts or default_fonts()
    frame = Frame(
        layout.left,
        layout.bottom,
        layout.width,
        layout.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="type-area",
    )
    with open_output(out) as stream:
        doc = BaseDocTemplate(
            stream,
            pagesize=layout.page_size,
            title=title,
            author=author,
            subject=subject,
            creator=_CREATOR,
            lang="zh-CN",
            displayDocTitle=True,
            invariant=1 if invariant else None,
            # Otherwise every page names Helvetica, a font neither used nor embedded.
            initialFontName=fonts.font("song").name,
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    id="page",
                    frames=[frame],
                    onPage=_page_number_drawer(layout, fonts, page_numbers),
                    pagesize=layout.page_size,
                )
            ]
        )
        doc.build(list(story))


def text_width(text: str, style: TextStyle, fonts: FontSet | None = None) -> float:
    """Width of ``text`` in ``style`` in points (each character in the font that draws it)."""
    fonts = fonts or default_fonts()
    return fonts.width(text, style.role, style.size) + style.char_space * len(text)


__all__ = [
    "BODY",
    "CONTINUED",
    "HEADING_1",
    "HEADING_1_PLAIN",
    "HEADING_2",
    "LANDSCAPE",
    "PORTRAIT",
    "SUBTITLE",
    "TABLE_BODY",
    "TABLE_HEADER",
    "TITLE",
    "ZIHAO",
    "FormTable",
    "InfoLine",
    "MissingGlyphError",
    "PageLayout",
    "SignatureBlock",
    "SignatureField",
    "TextBlock",
    "TextStyle",
    "standard_signature",
    "text_width",
    "write_pdf",
]
