"""工作总结 as a GB/T 9704 PDF and as .docx, read back."""

from __future__ import annotations

import io
import itertools
import re
from datetime import date

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader
from reportlab.lib.units import mm

from anquanyue_desktop.exports import pdf
from anquanyue_desktop.exports.summary_report import (
    summary_file_name,
    write_summary_docx,
    write_summary_pdf,
)

TITLE = "荫城镇2022年“安全生产月”活动工作总结"
SENTENCE = "为深入学习贯彻习近平总书记关于安全生产重要论述，推动辖区活动扎实开展。"
TEXT = "\n".join(
    [
        "今年是第21个全国“安全生产月”。现将活动开展情况总结如下：",
        "一、活动开展总体情况",
        "活动期间，全镇共开展各类活动40项，参与3140人次。",
        "（一）应急演练",
        *[SENTENCE * 3] * 12,
        "二、存在的问题",
        "最后一段。",
    ]
)
SIGNED = date(2022, 7, 4)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def make_pdf(campaign) -> bytes:
    out = io.BytesIO()
    write_summary_pdf(campaign, TITLE, TEXT, out, issuer="荫城镇人民政府", date=SIGNED)
    return out.getvalue()


def test_body_style_is_28_characters_by_22_lines():
    block = pdf.TextBlock("安" * 100, pdf.BODY)
    lines = block.lines(pdf.PORTRAIT.width)
    assert [len(line.text) for line in lines] == [26, 28, 28, 18]
    assert abs(pdf.BODY.line_height * 22 - 225 * mm) < 0.01


def test_summary_pdf_reads_back(campaign):
    reader = PdfReader(io.BytesIO(make_pdf(campaign)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    first = squeeze(pages[0])
    assert TITLE in first
    assert "一、活动开展总体情况" in first and "（一）应急演练" in first
    last = squeeze(pages[-1])
    assert last.endswith("荫城镇人民政府2022年7月4日") or "荫城镇人民政府2022年7月4日" in last
    assert "最后一段。" in last  # the seal never stands alone on a page
    assert "—1—" in first and "—2—" in squeeze(pages[1])
    assert reader.metadata.title == TITLE
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (210, 297)


def _positions(page) -> dict[str, tuple[float, float]]:
    """First x and y of each text run pypdf reports."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() and text.strip() not in found:
            found[text.strip()] = (tm[4], tm[5])

    page.extract_text(visitor_text=visit)
    return found


def test_page_numbers_on_the_outer_side(campaign):
    reader = PdfReader(io.BytesIO(make_pdf(campaign)))
    middle = pdf.PORTRAIT.left + pdf.PORTRAIT.width / 2
    odd = [(t, xy) for t, xy in _positions(reader.pages[0]).items() if "1" in t and "—" in t]
    even = [(t, xy) for t, xy in _positions(reader.pages[1]).items() if "2" in t and "—" in t]
    assert odd and odd[0][1][0] > middle
    assert even and even[0][1][0] < middle


def test_file_name(campaign):
    assert summary_file_name(campaign, "docx", SIGNED) == "荫城镇_2022安全生产月_工作总结_0704.docx"


def _east_asian(paragraph) -> str:
    run = paragraph.runs[0]
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_summary_docx_reads_back(campaign):
    out = io.BytesIO()
    write_summary_docx(campaign, TITLE, TEXT, out, issuer="荫城镇人民政府", date=SIGNED)
    d = docx.Document(io.BytesIO(out.getvalue()))
    paras = [p for p in d.paragraphs if p.text]
    texts = [p.text for p in paras]
    assert texts[0] == TITLE
    assert texts[-2:] == ["荫城镇人民政府", "2022年7月4日"]
    by_text = {p.text: p for p in paras}
    assert _east_asian(by_text[TITLE]) == "方正小标宋简体"
    assert by_text[TITLE].runs[0].font.size.pt == 22
    assert _east_asian(by_text["一、活动开展总体情况"]) == "黑体"
    assert _east_asian(by_text["（一）应急演练"]) == "楷体_GB2312"
    body = by_text["活动期间，全镇共开展各类活动40项，参与3140人次。"]
    assert _east_asian(body) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.line_spacing.pt == 28.95
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.left_margin.mm)) == (37, 28)
    assert round(s.page_width.mm - s.left_margin.mm - s.right_margin.mm) == 156
    assert d.settings.odd_and_even_pages_header_footer
    footer_xml = s.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer_xml and "—" in s.footer.paragraphs[0].text
    assert d.core_properties.title == TITLE
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:charSpace")) is None


def _baselines(data: bytes, page: int) -> list[tuple[float, str]]:
    found: dict[float, str] = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            y = round(cm[5] + tm[5] * cm[3], 1)
            found[y] = found.get(y, "") + text.strip()

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return sorted(found.items(), reverse=True)


def test_page_one_holds_22_lines_and_no_paragraph_leaves_a_line_alone(campaign):
    long_text = "\n".join(
        [f"开展“安全宣传咨询日”现场活动第{i}场，" + SENTENCE * 2 for i in range(1, 30)]
    )
    out = io.BytesIO()
    write_summary_pdf(campaign, TITLE, long_text, out, issuer="荫城镇人民政府", date=SIGNED)
    data = out.getvalue()
    lines = [(y, t) for y, t in _baselines(data, 0) if not re.fullmatch(r"—\s*\d+\s*—", t)]
    # The title on grid line 1, a blank line, then 20 body lines: 22 lines of the grid.
    assert len(lines) == 21
    pitch = [a[0] - b[0] for a, b in itertools.pairwise(lines[1:])]
    assert all(abs(p - 225 * mm / 22) < 0.2 for p in pitch)
    # The title centred on grid line 1 (its baseline a little lower: 2号 is bigger than 3号).
    assert abs(lines[0][0] - lines[1][0] - 2 * 225 * mm / 22) < 3
    # Quotes inside quotes: ‘ ’.
    text = "".join(t for _, t in lines)
    assert "开展‘安全宣传咨询日’现场活动" not in text  # single level stays “ ”
    nested = io.BytesIO()
    write_summary_pdf(
        campaign, TITLE, "开展““安全宣传咨询日”现场活动”。", nested, issuer="", date=SIGNED
    )
    shown = squeeze(PdfReader(io.BytesIO(nested.getvalue())).pages[0].extract_text())
    assert "开展“‘安全宣传咨询日’现场活动”" in shown
    # No page begins with the last line of a paragraph left behind (a widow).
    for page in range(1, len(PdfReader(io.BytesIO(data)).pages)):
        first = next(t for _, t in _baselines(data, page) if not re.fullmatch(r"—\s*\d+\s*—", t))
        assert not first.endswith("。") or len(first) > 20, first


def test_a_heading_never_ends_a_page(campaign):
    # Headings each followed by a paragraph of three lines, shifted line by line down the page
    # so that every heading meets the foot of a page in one of the layouts.
    parts = []
    for i in range(1, 5):
        parts += [f"（{'一二三四五'[i]}）第{i}项工作", SENTENCE * 2 + "参与325人次。"]
    for shift in range(22):
        out = io.BytesIO()
        text = "\n".join(["开展活动。"] * shift + parts)
        write_summary_pdf(campaign, TITLE, text, out, issuer="荫城镇人民政府", date=SIGNED)
        data = out.getvalue()
        for page in range(len(PdfReader(io.BytesIO(data)).pages) - 1):
            lines = [t for _, t in _baselines(data, page) if not re.fullmatch(r"—\s*\d+\s*—", t)]
            assert not re.fullmatch(r"（.）第\d+项工作", lines[-1]), (shift, page, lines[-1])
