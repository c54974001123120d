"""Reading a notice into plain text: pasted text, .txt in any encoding Chinese offices use,
.docx (paragraphs and tables in order), text PDF; clear messages for what cannot be read."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from anquanyue_desktop.imports.notice_text import (
    NoticeReadError,
    decode_text_bytes,
    notice_text,
    read_notice_file,
    text_from_bytes,
)

NOTICE = (
    "荫城镇人民政府\n关于开展2022年“安全生产月”活动的通知\n各村，各站所：\n"
    "今年6月是第21个全国“安全生产月”，主题是“遵守安全生产法 当好第一责任人”。\n"
    "5月31日前报送1名联络员（附件），7月4日前报送工作总结。\n"
    "联系人：王芷瑜  电话：15234537719\n"
)
FONT = Path(__file__).parents[3] / "resources" / "fonts" / "DroidSansFallbackFull.ttf"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"]
)
def test_text_files_in_every_common_encoding(tmp_path, encoding):
    path = tmp_path / f"通知_{encoding}.txt"
    path.write_bytes(NOTICE.encode(encoding))
    assert read_notice_file(path) == NOTICE


def test_short_gbk_text_is_not_mistaken_for_utf16():
    # charset-normalizer alone guesses UTF-16BE for these 24 bytes; GB18030 must win.
    data = "请于6月3日前报送联络员。".encode("gbk")
    assert decode_text_bytes(data) == "请于6月3日前报送联络员。"


def test_gb18030_only_characters_are_read():
    text = "联系人：王𠀾（电话：13800000000）€"  # a CJK Extension B character and the euro sign
    assert decode_text_bytes(text.encode("gb18030")) == text


def test_crlf_and_bom_are_cleaned():
    data = b"\xef\xbb\xbf" + NOTICE.replace("\n", "\r\n").encode("utf-8")
    assert text_from_bytes(data, "a.txt") == NOTICE


def test_pasted_text_is_kept_apart_from_line_endings():
    assert notice_text("一\r\n二\r三\u2028四\x00") == "一\n二\n三\n四"


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("荫城镇人民政府")
    d.add_paragraph("关于开展2022年“安全生产月”活动的通知")
    d.add_paragraph("5月31日前报送1名联络员（附件），7月4日前报送工作总结。")
    d.add_paragraph("附件")
    d.add_paragraph("荫城镇“安全生产月”活动联络员推荐表")
    table = d.add_table(rows=3, cols=4)
    table.rows[0].cells[0].text = "村（单位）名称"
    table.rows[0].cells[1].merge(table.rows[0].cells[3])
    table.rows[1].cells[0].text = "姓名"
    table.rows[1].cells[2].text = "职务"
    table.rows[2].cells[0].text = "手机号码"
    d.add_paragraph("注：请于5月31日前报送。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    path = tmp_path / "通知.docx"
    path.write_bytes(_docx_bytes())
    text = read_notice_file(path)
    lines = text.split("\n")
    assert lines[:5] == [
        "荫城镇人民政府",
        "关于开展2022年“安全生产月”活动的通知",
        "5月31日前报送1名联络员（附件），7月4日前报送工作总结。",
        "附件",
        "荫城镇“安全生产月”活动联络员推荐表",
    ]
    # One line per row, cells by tabs; the merged cell appears once.
    assert lines[5] == "村（单位）名称\t"
    assert lines[6] == "姓名\t\t职务\t"
    assert lines[7].startswith("手机号码\t")
    assert lines[8] == "注：请于5月31日前报送。"


def test_a_docx_named_doc_is_read_by_its_content(tmp_path):
    path = tmp_path / "通知.doc"
    path.write_bytes(_docx_bytes())
    assert "荫城镇人民政府" in read_notice_file(path)


def test_legacy_doc_gets_a_save_as_message(tmp_path):
    path = tmp_path / "通知.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(NoticeReadError) as e:
        read_notice_file(path)
    assert "另存为" in str(e.value) and ".docx" in str(e.value) and "粘贴" in str(e.value)


def _pdf(draw) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_text_pdf_is_read(tmp_path):
    pdfmetrics.registerFont(TTFont("NoticeTestFont", str(FONT)))

    def draw(c):
        c.setFont("NoticeTestFont", 12)
        c.drawString(72, 800, "荫城镇人民政府")
        c.drawString(72, 780, "关于开展安全生产月活动的通知")
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, "2022-05-31")

    path = tmp_path / "通知.pdf"
    path.write_bytes(_pdf(draw))
    text = read_notice_file(path)
    assert "荫城镇人民政府" in text and "关于开展安全生产月活动的通知" in text
    assert "2022-05-31" in text


SONG = Path(__file__).parents[3] / "resources" / "fonts" / "gbsn00lp.ttf"


def test_quotation_marks_drawn_after_their_line_are_read_in_place(tmp_path):
    # Word processors draw a line's “” in a second run after the line (another font); read in
    # drawing order they split 11月26日前 and the deadline was lost.
    pdfmetrics.registerFont(TTFont("NoticeSong", str(SONG)))
    pieces = ["请于11月26日前报送", "“", "安全生产月", "”", "活动总结。"]

    def draw(c):
        c.setFont("NoticeSong", 12)
        x, places = 72.0, []
        for piece in pieces:
            places.append(x)
            x += pdfmetrics.stringWidth(piece, "NoticeSong", 12)
        for k in (0, 2, 4):
            c.drawString(places[k], 800, pieces[k])
        for k in (1, 3):
            c.drawString(places[k], 800, pieces[k])

    data = _pdf(draw)
    from pypdf import PdfReader

    as_drawn = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "".join(pieces) not in as_drawn  # the file does what word processors do
    path = tmp_path / "通知.pdf"
    path.write_bytes(data)
    assert "".join(pieces) in read_notice_file(path)


def test_a_ruled_table_in_a_pdf_is_read_a_row_a_line(tmp_path):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from anquanyue_desktop.domain.notice import parse_notice, to_json

    pdfmetrics.registerFont(TTFont("NoticeSong", str(SONG)))
    style = ParagraphStyle("cell", fontName="NoticeSong", fontSize=11, leading=15)
    rows = [
        ["序号", "报送材料", "报送截止时间", "报送方式"],
        ["1", "活动方案及联络员回执（附件1、附件2，加盖公章）", "5月31日17时前", "电子邮箱"],
        ["2", "第一周活动开展情况", "6月5日前", ""],
        ["3", "活动总结", "7月4日前", "纸质件盖章后报送"],
    ]
    table = Table([[Paragraph(c, style) for c in r] for r in rows], colWidths=[40, 150, 110, 110])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "通知.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("各村（社区）：现将材料报送要求通知如下。", style), table]
    )
    text = read_notice_file(path)
    # The second row's material wraps in its cell and the third has an empty cell: each row
    # is still one line.
    assert "\n".join("\t".join(r) for r in rows) in text
    found = to_json(parse_notice(text))["deadlines"]
    assert [(d["what"], d["date"], d["time"]) for d in found] == [
        ("活动方案及联络员回执", "05-31", "17:00"),
        ("第一周活动开展情况", "06-05", None),
        ("活动总结", "07-04", None),
    ]


def test_scanned_pdf_gets_a_clear_message(tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(_pdf(lambda c: c.rect(100, 100, 300, 400, fill=1)))
    with pytest.raises(NoticeReadError) as e:
        read_notice_file(path)
    assert "扫描" in str(e.value) and "粘贴" in str(e.value)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "空"),
        (b"   \n ", "空"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"<html><body>\xe9\x80\x9a\xe7\x9f\xa5</body></html>", "网页"),
        (b"%PDF-1.4 broken", "PDF"),
        (b"PK\x03\x04 broken zip", "损坏"),
        (bytes(range(256)) * 4, "文本"),
    ],
)
def test_unreadable_content_gets_a_chinese_message(data, words):
    with pytest.raises(NoticeReadError) as e:
        text_from_bytes(data, "文件.bin")
    assert words in str(e.value)


def test_an_excel_workbook_is_named_as_such(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "统计表.xlsx"
    Workbook().save(path)
    with pytest.raises(NoticeReadError) as e:
        read_notice_file(path)
    assert "Excel" in str(e.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(NoticeReadError, match="找不到"):
        read_notice_file(tmp_path / "nope.txt")
    with pytest.raises(NoticeReadError, match="文件夹"):
        read_notice_file(tmp_path)


@pytest.mark.parametrize("pages", [5, 24])  # read in place (pdfplumber), and as drawn (pypdf)
def test_progress_sees_every_page_of_a_pdf(tmp_path, pages):
    from tests.made_pdfs import page_line, paged_notice_pdf

    path = paged_notice_pdf(tmp_path / "通知.pdf", pages)
    seen = []
    text = read_notice_file(path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, pages) for k in range(pages + 1)]
    assert all(page_line(k) in text for k in range(1, pages + 1))


class _Stop(ValueError):
    """A ValueError on purpose: the PDF reader turns its own ValueErrors into a message."""


@pytest.mark.parametrize("pages", [5, 24])
def test_a_progress_that_raises_stops_the_read(tmp_path, pages):
    from tests.made_pdfs import paged_notice_pdf

    path = paged_notice_pdf(tmp_path / "通知.pdf", pages)
    seen = []

    def stop_at_second(done, total):
        seen.append(done)
        if done == 2:
            raise _Stop()

    with pytest.raises(_Stop):
        read_notice_file(path, progress=stop_at_second)
    # No page read after it, and not read again another way (pdfplumber's failures fall back
    # to pypdf).
    assert seen == [0, 1, 2]


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_a_docx_or_text_file_reports_once(tmp_path, kind):
    path = tmp_path / f"通知.{kind}"
    if kind == "docx":
        path.write_bytes(_docx_bytes())
    else:
        path.write_text(NOTICE, encoding="gbk")
    seen = []
    assert "荫城镇人民政府" in read_notice_file(path, progress=lambda *a: seen.append(a))
    assert seen == [(1, 1)]
    with pytest.raises(KeyError):
        read_notice_file(path, progress=lambda done, total: {}["停"])
