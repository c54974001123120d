"""The PDF layer: read back with pypdf (text, page numbers, metadata, fonts, page size)."""

from __future__ import annotations

import io
import itertools
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from anquanyue_desktop.exports import pdf
from anquanyue_desktop.exports.fonts import FontSet, MissingGlyphError
from anquanyue_desktop.exports.tables import MERGE_LEFT, MERGE_UP, Column, TableSpec


def render(story, **kwargs) -> bytes:
    out = io.BytesIO()
    pdf.write_pdf(out, story, title=kwargs.pop("title", "测试"), **kwargs)
    return out.getvalue()


def test_cjk_text_metadata_and_page_number_read_back(pdf_text) -> None:
    data = render(
        [
            pdf.TextBlock("荫城镇2022年“安全生产月”活动方案", pdf.TITLE),
            pdf.TextBlock("为深入贯彻落实《中华人民共和国安全生产法》，现制定本方案。", pdf.BODY),
        ],
        title="活动方案",
        author="荫城镇人民政府",
    )
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "活动方案"
    assert reader.metadata.author == "荫城镇人民政府"
    text = pdf_text(data)[0]
    assert "荫城镇2022年“安全生产月”活动方案" in text
    assert "为深入贯彻落实《中华人民共和国安全生产法》，现制定本方案。" in text.replace("\n", "")
    assert "— 1 —" in text


def test_fonts_are_embedded_subsets_with_unicode_maps() -> None:
    data = render([pdf.TextBlock("荫城镇 A-1", pdf.BODY)])
    fonts = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert "+" in font["/BaseFont"]  # a subset
        assert "/FontFile2" in font["/FontDescriptor"]  # embedded
        assert "/ToUnicode" in font  # text can be extracted and searched


def test_body_text_is_indented_two_characters_and_obeys_the_rules() -> None:
    text = "根据《中华人民共和国安全生产法》规定，现将2022年“安全生产月”活动方案印发给你们。" * 3
    block = pdf.TextBlock(text, pdf.BODY)
    lines = block.lines(pdf.PORTRAIT.width)
    assert lines[0].indent == pytest.approx(2 * 156 * mm / 28)
    assert all(line.indent == 0 for line in lines[1:])
    assert "".join(line.text for line in lines) == text
    for upper, lower in itertools.pairwise(lines):
        assert lower.text[0] not in "，。、；：？！”’》）"
        assert upper.text[-1] not in "“‘《（"
    # GB/T 9704: 28 characters to a line of plain Chinese text.
    plain = pdf.TextBlock("安" * 60, pdf.BODY).lines(pdf.PORTRAIT.width)
    assert len(plain[1].text) == 28


def test_a_long_paragraph_flows_onto_the_next_page(pdf_text) -> None:
    data = render([pdf.TextBlock("安全生产责任重于泰山。" * 120, pdf.BODY)])
    pages = pdf_text(data)
    assert len(pages) >= 2
    assert "— 2 —" in pages[1]
    assert "".join(p.replace("\n", "") for p in pages).count("安全生产责任重于泰山。") >= 110


def test_table_repeats_its_header_and_keeps_every_row(pdf_text) -> None:
    spec = TableSpec(
        [Column("序号", 0.8, "center"), Column("单位名称", 4), Column("人次", 1, "right")],
        [(i, f"荫城镇第{i}村村民委员会", i * 10) for i in range(1, 121)],
    )
    pages = pdf_text(render([pdf.FormTable(spec)]))
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert "序号" in page and "单位名称" in page
        assert f"— {n} —" in page
    everything = "\n".join(pages)
    for i in (1, 60, 120):
        assert f"荫城镇第{i}村村民委员会" in everything


def test_merged_headers_and_landscape_pages(pdf_text) -> None:
    spec = TableSpec(
        [Column("序号"), Column("单位名称", 3), Column("场次"), Column("参与人次")],
        [(1, "荫城村", 2, 300)],
        header_rows=[
            ("序号", "单位名称", "宣传教育活动", MERGE_LEFT),
            (MERGE_UP, MERGE_UP, "场次", "参与人次"),
        ],
    )
    data = render([pdf.FormTable(spec)], layout=pdf.LANDSCAPE)
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = pdf_text(data)[0]
    assert "宣传教育活动" in text and "参与人次" in text and "荫城村" in text


def test_signature_block_is_drawn(pdf_text) -> None:
    block = pdf.SignatureBlock(pdf.standard_signature("荫城镇人民政府", "2022年6月8日"))
    text = pdf_text(render([block]))[0]
    for label in ("填报单位（盖章）：", "荫城镇人民政府", "日期：", "填报人：", "审核人："):
        assert label in text


def test_a_cell_no_font_can_draw_is_reported_with_its_place() -> None:
    spec = TableSpec([Column("单位名称")], [("荫城村",), ("𠀀村",)])
    with pytest.raises(MissingGlyphError, match=r"第2行“单位名称”：字符“𠀀”\(U\+20000\)"):
        pdf.FormTable(spec)


def test_nothing_is_written_when_the_text_cannot_be_drawn(tmp_path) -> None:
    target = tmp_path / "方案.pdf"
    with pytest.raises(MissingGlyphError):
        pdf.write_pdf(target, [pdf.TextBlock("𠀀", pdf.BODY)], title="x")
    assert not target.exists()


def test_windows_fonts_are_used_when_present(tmp_path, stand_in, pdf_text) -> None:
    stand_in(tmp_path / "simsun.ttc")
    fonts = FontSet(system_dirs=[tmp_path])
    data = render([pdf.TextBlock("宋体正文", pdf.TABLE_BODY, fonts=fonts)], fonts=fonts)
    assert "宋体正文" in pdf_text(data)[0]


def test_fake_bold_does_not_leak_into_the_text_after_it() -> None:
    data = render(
        [pdf.TextBlock("标题", pdf.TITLE), pdf.TextBlock("正文", pdf.BODY)], invariant=True
    )
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    title_at = content.index("2 Tr")  # the title is drawn filled and stroked …
    body_at = content.rindex("BT")  # (the page number is drawn first, the body last)
    assert content.index("Q", title_at) < body_at  # … and the state restored before the body


def test_a_row_taller_than_a_page_continues_with_its_label_marked(pdf_text) -> None:
    note = "".join(f"第{i}条备注。" for i in range(1, 301))
    spec = TableSpec([Column("单位名称"), Column("备注", 2)], [("荫城村", note), ("乙村", "")])
    pages = pdf_text(render([pdf.FormTable(spec)]))
    assert len(pages) >= 2
    for page in pages[1:]:  # every continued part names whose row it is
        assert "荫城村（续）" in re.sub(r"\s", "", page)
    # Drop line ends, and the page number, repeated header and label at each page start.
    text = re.sub(r"—\d+—单位名称备注(荫城村（续）)?", "", re.sub(r"\s", "", "".join(pages)))
    assert f"荫城村{note}乙村" in text


def test_the_signature_never_stands_alone_on_a_page(pdf_text) -> None:
    for n in range(14, 30):
        spec = TableSpec(
            [Column("序号"), Column("单位名称", 4)], [(i, f"第{i}村") for i in range(n)]
        )
        sig = pdf.SignatureBlock(pdf.standard_signature("荫城镇人民政府", "2022年6月8日"))
        pages = pdf_text(
            render([pdf.TextBlock("标题", pdf.TITLE), pdf.FormTable(spec, tail=[sig])])
        )
        last = re.sub(r"\s", "", pages[-1])
        assert "填报单位（盖章）" in last
        assert f"第{n - 1}村" in last, (n, len(pages))
