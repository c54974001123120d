"""单位名册 as PDF and xlsx, read back."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.exports.fonts import MissingGlyphError
from anquanyue_desktop.exports.roster import (
    roster_file_name,
    roster_theme_line,
    roster_title,
    write_roster_pdf,
    write_roster_xlsx,
)

TODAY = date(2022, 11, 22)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def roster_pdf(campaign, units) -> bytes:
    out = io.BytesIO()
    write_roster_pdf(campaign, units, out, generated_on=TODAY)
    return out.getvalue()


def roster_sheet(campaign, units):
    out = io.BytesIO()
    write_roster_xlsx(campaign, units, out, generated_on=TODAY)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue()))


def test_titles_and_theme_line(campaign: Campaign) -> None:
    assert roster_title(campaign) == "荫城镇2022年“安全生产月”下级单位名册"
    assert roster_title(None) == "下级单位名册"
    assert roster_title(replace(campaign, is_demo=True)).endswith("【示例】")
    assert (
        roster_theme_line(campaign)
        == "第21个全国“安全生产月”　主题：遵守安全生产法　当好第一责任人"
    )
    assert roster_theme_line(replace(campaign, theme="")) == "第21个全国“安全生产月”"
    assert roster_theme_line(None) == ""


def test_file_names(campaign: Campaign) -> None:
    assert roster_file_name(campaign, "pdf", TODAY) == "荫城镇_2022安全生产月_单位名册_1122.pdf"
    assert roster_file_name(None, "xlsx", date(2023, 6, 8)) == "单位名册_0608.xlsx"
    odd = replace(campaign, issuer='荫城镇/"试点"*人民政府')
    assert roster_file_name(odd, ".PDF", TODAY) == "荫城镇试点_2022安全生产月_单位名册_1122.pdf"
    with pytest.raises(ValueError, match="不支持的文件格式"):
        roster_file_name(campaign, "docx", TODAY)


def test_pdf_roster_reads_back(campaign: Campaign, make_units, pdf_text) -> None:
    units = make_units(40)
    data = roster_pdf(campaign, units)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "荫城镇2022年“安全生产月”下级单位名册"
    assert reader.metadata.author == "荫城镇人民政府"
    pages = pdf_text(data)
    first = pages[0]
    # The printed title breaks between its parts, never inside “安全生产月”.
    assert "荫城镇2022年“安全生产月”\n下级单位名册" in first
    assert "第21个全国“安全生产月”" in first
    for header in ("序号", "单位名称", "类别", "状态", "备注"):
        assert header in first
    assert "— 1 —" in first
    assert "共40个单位（在用36个，停用4个）" in first
    everything = squeeze("".join(pages))  # pypdf joins wrapped cell lines with \n or a space
    for unit in units:
        assert squeeze(unit.name) in everything
    assert "停用" in everything
    assert "填报单位（盖章）：" in pages[-1] and "审核人：" in pages[-1]
    assert "2022年11月22日" in pages[-1]


def test_a_long_roster_repeats_the_header_on_every_page(
    campaign: Campaign, make_units, pdf_text
) -> None:
    units = make_units(200)
    pages = pdf_text(roster_pdf(campaign, units))
    assert len(pages) >= 5
    for n, page in enumerate(pages, start=1):
        assert "序号" in page and "单位名称" in page, f"page {n} has no header"
        assert f"— {n} —" in page
    everything = squeeze("".join(pages))
    assert all(squeeze(u.name) in everything for u in units)


def test_roster_without_campaign_or_units(pdf_text) -> None:
    pages = pdf_text(roster_pdf(None, []))
    assert "下级单位名册" in pages[0] and "（暂无单位）" in pages[0]
    ws = roster_sheet(None, []).active
    assert ws["A1"].value == "下级单位名册"


def test_a_name_no_font_can_draw_names_its_row(campaign: Campaign, tmp_path) -> None:
    units = [Unit("荫城村", "村"), Unit("𠀀家庄村", "村")]
    target = tmp_path / "名册.pdf"
    with pytest.raises(MissingGlyphError) as err:
        write_roster_pdf(campaign, units, target, generated_on=TODAY)
    assert "第2行“单位名称”" in str(err.value) and "U+20000" in str(err.value)
    assert not target.exists()


def test_xlsx_roster_reads_back(campaign: Campaign, make_units, tmp_path) -> None:
    units = make_units(40)
    target = tmp_path / roster_file_name(campaign, "xlsx", TODAY)
    write_roster_xlsx(campaign, units, target, generated_on=TODAY)
    wb = openpyxl.load_workbook(target)
    ws = wb.active
    assert ws.title == "单位名册"
    assert ws["A1"].value == "荫城镇2022年“安全生产月”下级单位名册"
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    header_row = next(
        r for r in range(1, 6) if ws.cell(r, 1).value == "序号"
    )  # after title and subtitles
    assert [ws.cell(header_row, c).value for c in range(1, 6)] == [
        "序号",
        "单位名称",
        "类别",
        "状态",
        "备注",
    ]
    names = [ws.cell(header_row + k, 2).value for k in range(1, 41)]
    assert names == [u.name for u in units]
    assert [ws.cell(header_row + k, 1).value for k in range(1, 41)] == list(range(1, 41))
    formula_like = ws.cell(header_row + 1 + names.index("=SUM(A1)"), 2)
    assert formula_like.data_type == "s" and formula_like.value == "=SUM(A1)"
    assert ws.cell(header_row + 1 + names.index("-1"), 2).value == "-1"
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    statuses = {ws.cell(header_row + k, 4).value for k in range(1, 41)}
    assert statuses == {"在用", "停用"}
    last = ws.max_row
    assert ws.cell(last - 1, 1).value == "填报单位（盖章）：荫城镇人民政府"
    assert ws.cell(last, 1).value == "填报人："
    assert wb.properties.title == "荫城镇2022年“安全生产月”下级单位名册"
