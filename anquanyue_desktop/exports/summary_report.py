"""工作总结 as a GB/T 9704-2012 document: a PDF to print and seal, and a .docx to edit further.

The text is plain text as the clerk edited it (see :func:`~anquanyue_desktop.domain.reports.
parse_document_text`): lines starting 一、 are 黑体 headings, （一） 楷体 sub-headings, every
other line a 仿宋 3号 paragraph indented two characters. Both formats lay out:

- A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), 22 lines of 28 characters;
- the title in 小标宋 2号, centred, one blank line under it;
- the issuer (发文机关署名) and the date (成文日期) after the body, placed for a seal
  (GB/T 9704 §7.3.5.1): the date right-aligned four characters from the right edge of the type
  area, the issuer centred on the date in the line above, two blank lines above the issuer so
  the seal's top stays within one line of the body and its centre falls on issuer and date;
- page numbers “— N —” in 4号 宋体, outer side: odd pages right, even pages left, one
  character in (§7.5).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from anquanyue_desktop.domain.campaign import Campaign, chinese_date
from anquanyue_desktop.domain.reports import H1, H2, parse_document_text

from . import pdf
from .fonts import FontSet, default_fonts
from .output import Output, open_output, safe_file_name_part

SUMMARY_NAME = "工作总结"
_FORMATS = ("pdf", "docx")
#: Characters between the date's end and the type area's right edge (GB/T 9704 §7.3.5.1).
DATE_RIGHT_CHARS = 4
#: Blank body lines between the last paragraph and the issuer: room for the seal's top.
SEAL_LINES = 2


def _pitch() -> float:
    """One character's advance in the body: 156 mm / 28."""
    return pdf.BODY.size + pdf.BODY.char_space


def _visible_width(text: str, style: pdf.TextStyle, fonts: FontSet) -> float:
    return pdf.text_width(text, style, fonts) - style.char_space


def nest_quotes(text: str) -> str:
    """Quotes inside quotes as GB/T 15834 has them: “…‘…’…”, not “…“…”…”.

    Drafted text quotes activity titles that may hold quotes themselves; every second level of
    “” becomes ‘’ (text already using ‘’ inside is left as it is)."""
    out = []
    depth = 0
    for ch in text:
        if ch == "“":
            depth += 1
            out.append("‘" if depth % 2 == 0 else ch)
        elif ch == "”" and depth > 0:
            out.append("’" if depth % 2 == 0 else ch)
            depth -= 1
        else:
            if ch == "\n":
                depth = 0  # a paragraph never carries an open quote into the next
            out.append(ch)
    return "".join(out)


def summary_title(campaign: Campaign, title: str) -> str:
    """The title as printed: a demo campaign's marked 【示例】 like every other export."""
    if campaign.is_demo and "【示例】" not in title:
        return title + "【示例】"
    return title


def seal_lines(
    issuer: str, date_text: str, fonts: FontSet, width: float = pdf.PORTRAIT.width
) -> list[pdf.TextBlock]:
    """The issuer centred on the date, the date ending four characters from the right edge."""
    style = replace(pdf.BODY, align="left", first_indent=0)
    pitch = _pitch()
    date_w = _visible_width(date_text, style, fonts)
    date_x = max(width - DATE_RIGHT_CHARS * pitch - date_w, 0)
    blocks = []
    if issuer.strip():
        issuer_w = _visible_width(issuer, style, fonts)
        x = date_x + (date_w - issuer_w) / 2
        x = max(min(x, width - 2 * pitch - issuer_w), 0)  # a long name: two characters in
        blocks.append(pdf.TextBlock(issuer, replace(style, first_indent=x / pitch), fonts=fonts))
    blocks.append(
        pdf.TextBlock(date_text, replace(style, first_indent=date_x / pitch), fonts=fonts)
    )
    return blocks


def summary_story(
    title: str, text: str, *, issuer: str, date_text: str, fonts: FontSet
) -> list[Flowable]:
    title_style = replace(pdf.TITLE, leading=pdf.BODY.line_height)
    if pdf.text_width(title, title_style, fonts) > pdf.PORTRAIT.width and "【示例】" in title:
        title = title.replace("【示例】", "\n【示例】")  # never “安全生产|月” to balance lines
    story: list[Flowable] = [
        # On the grid of the body lines, so that page 1 holds its 22 lines: title, blank, 20.
        pdf.TextBlock(
            title,
            title_style,
            fonts=fonts,
            keep_with_next=True,
            where="标题",
        ),
        Spacer(1, pdf.BODY.line_height),  # 标题下空一行
    ]
    body: list[Flowable] = []
    blocks = parse_document_text(text)
    line = pdf.BODY.line_height
    for n, block in enumerate(blocks, start=1):
        heading = block.kind in (H1, H2)
        if heading:
            # A heading never ends a page: it needs its own line and the next ones' first.
            # (keepWithNext would move a whole paragraph and leave half a page empty.)
            following = 1
            while n - 1 + following < len(blocks) and blocks[n - 1 + following].kind in (H1, H2):
                following += 1
            # Room for the heading(s) and the lines the next paragraph may not leave behind:
            # all of it up to three lines (no orphan, no widow), else its first two.
            after = n - 1 + following
            need = 0
            if after < len(blocks):
                count = len(
                    pdf.TextBlock(blocks[after].text, pdf.BODY, fonts=fonts).lines(
                        pdf.PORTRAIT.width
                    )
                )
                need = count if count <= 3 else 2
            body.append(CondPageBreak((following + need) * line - 0.5))
        style = {H1: pdf.HEADING_1, H2: pdf.HEADING_2}.get(block.kind, pdf.BODY)
        body.append(pdf.TextBlock(block.text, style, fonts=fonts, where=f"正文第{n}段"))
    ending: list[Flowable] = [Spacer(1, SEAL_LINES * pdf.BODY.line_height)]
    ending += seal_lines(issuer, date_text, fonts)
    # The seal never stands on a page of its own: the last paragraph goes with it.
    if body:
        last = body.pop()
        assert isinstance(last, pdf.TextBlock)
        lines = last.lines(pdf.PORTRAIT.width)
        if len(lines) > 2:  # only the last two lines travel with the seal
            body.append(last._with_lines(lines[:-2], pdf.PORTRAIT.width))
            last = last._with_lines(lines[-2:], pdf.PORTRAIT.width)
        story += body
        story.append(KeepTogether([last, *ending]))
    else:
        story += ending
    return story


def write_summary_pdf(
    campaign: Campaign,
    title: str,
    text: str,
    out: Output,
    *,
    issuer: str,
    date: date,
    fonts: FontSet | None = None,
) -> None:
    """The summary as a GB/T 9704-2012 PDF. Raises MissingGlyphError (naming the paragraph)
    before anything is written if a character cannot be drawn."""
    fonts = fonts or default_fonts()
    title = summary_title(campaign, nest_quotes(title))
    text = nest_quotes(text)
    story = summary_story(title, text, issuer=issuer, date_text=chinese_date(date), fonts=fonts)
    pdf.write_pdf(
        out,
        story,
        title=title,
        author=issuer or campaign.issuer,
        subject=SUMMARY_NAME,
        layout=pdf.PORTRAIT,
        page_numbers="outer",
        fonts=fonts,
    )


# ---------------------------------------------------------------- docx

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_1_FONT = "黑体"
HEADING_2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
#: 225 mm / 22 lines in twentieths of a point, as Word's document grid states it.
LINE_PITCH_TWIPS = 579
#: Run character spacing in twentieths of a point: 28 characters of 3号 in 156 mm.
CHAR_SPACING_TWIPS = -5


def _set_run_font(run, east_asian: str, size_pt: float, latin: str = LATIN_FONT) -> None:

    run.font.size = Pt(size_pt)
    run.font.name = latin
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _page_field(paragraph) -> None:
    """— PAGE — as Word's page number field."""

    def add(text: str | None = None, fld: str | None = None, instr: str | None = None):
        run = paragraph.add_run(text or "")
        _set_run_font(run, PAGE_NUMBER_FONT, 14, PAGE_NUMBER_FONT)
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            run._element.append(el)
        if instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run._element.append(el)

    add("— ")
    add(fld="begin")
    add(instr=" PAGE ")
    add(fld="separate")
    add("1")
    add(fld="end")
    add(" —")


def _body_format(paragraph, *, first_line_chars: float = 2) -> None:

    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.widow_control = False  # GB/T 9704 fills every page with 22 lines
    if first_line_chars:
        pf.first_line_indent = Pt(16 * first_line_chars)
        ind = paragraph._element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(int(first_line_chars * 100)))


def _width_chars(text: str) -> float:
    """Characters of body text ``text`` fills: ASCII counts half."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def write_summary_docx(
    campaign: Campaign,
    title: str,
    text: str,
    out: Output,
    *,
    issuer: str,
    date: date,
) -> None:
    """The summary as a Word document with the same GB/T 9704 layout, fonts named as Chinese
    offices have them (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312)."""

    title = summary_title(campaign, nest_quotes(title))
    text = nest_quotes(text)
    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = issuer or campaign.issuer
    props.subject = SUMMARY_NAME
    props.language = "zh-CN"

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # Lines only: a character grid (“linesAndChars”, charSpace −849, as Word templates have
    # it) is read by LibreOffice as a 14-character line. The 28 characters come from a run
    # spacing of −0.25 pt instead (15.75 pt × 28 = 441 pt in the 442 pt type area), which
    # Word, WPS and LibreOffice all apply the same way.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    for attr in ("w:charSpace",):
        if grid.get(qn(attr)) is not None:
            del grid.attrib[qn(attr)]

    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = LATIN_FONT
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    rpr.append(spacing)

    def paragraph(content: str, font: str, size: float = 16, *, indent: float = 2):
        p = document.add_paragraph()
        _body_format(p, first_line_chars=indent)
        if content:
            _set_run_font(p.add_run(content), font, size)
        return p

    # Title: 2号小标宋, centred; the blank line under it.
    for line in title.split("\n"):
        p = paragraph(line, TITLE_FONT, 22, indent=0)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph("", BODY_FONT, indent=0)

    last = None
    for block in parse_document_text(text):
        font = {H1: HEADING_1_FONT, H2: HEADING_2_FONT}.get(block.kind, BODY_FONT)
        p = last = paragraph(block.text, font)
        if block.kind == "p":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.widow_control = True  # no orphan or widow line, as in the PDF
        else:
            p.paragraph_format.keep_with_next = True
    if last is not None:  # the last paragraph goes with the issuer and date
        last.paragraph_format.keep_with_next = True

    for _ in range(SEAL_LINES):
        paragraph("", BODY_FONT, indent=0).paragraph_format.keep_with_next = True
    date_text = chinese_date(date)
    date_w = _width_chars(date_text)
    if issuer.strip():
        right = DATE_RIGHT_CHARS + (date_w - _width_chars(issuer)) / 2
        p = paragraph(issuer, BODY_FONT, indent=0)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(16 * max(right, 2))
        p.paragraph_format.keep_with_next = True
    p = paragraph(date_text, BODY_FONT, indent=0)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.right_indent = Pt(16 * DATE_RIGHT_CHARS)

    # “— N —” on the outer side: odd pages right, even pages left, one character in.
    document.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_field(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_field(even)

    with open_output(out) as stream:
        document.save(stream)


def summary_file_name(campaign: Campaign, fmt: str, today: date) -> str:
    """荫城镇_2022安全生产月_工作总结_0704.pdf."""
    ext = fmt.lower().lstrip(".")
    if ext not in _FORMATS:
        raise ValueError(f"不支持的文件格式“{fmt}”，应为 pdf 或 docx")
    parts = [campaign.issuer_short, f"{campaign.year}安全生产月", SUMMARY_NAME]
    if campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + f".{ext}"
