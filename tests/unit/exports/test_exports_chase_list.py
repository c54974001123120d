"""催报名单 as PDF and xlsx, read back."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, time

import openpyxl
import pytest
from pypdf import PdfReader

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.chase import ChaseRow
from anquanyue_desktop.domain.deadlines import (
    MONTHLY_KIND,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
    occurrences,
)
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.exports.chase_list import (
    chase_file_name,
    chase_title,
    write_chase_pdf,
    write_chase_xlsx,
)
from anquanyue_desktop.exports.fonts import MissingGlyphError

TODAY = date(2022, 6, 9)
WEEKLY = Deadline(
    1,
    "周活动开展情况",
    DeadlineRule(
        WEEKLY_KIND, at=time(18), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
    ),
    id=3,
)
SECOND_WEEK = occurrences(WEEKLY)[1]
HEADERS = ["序号", "单位名称", "联络员", "手机号码", "状态", "备注"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rows_for(units: list[Unit]) -> list[ChaseRow]:
    return [
        ChaseRow(
            u.name,
            "张三" if i % 3 else "",
            f"152345377{i:02d}" if i % 2 else "",
            "逾期未报" if i % 4 else "未报",
        )
        for i, u in enumerate(units, start=1)
    ]


def chase_pdf(campaign, rows, occurrence=SECOND_WEEK) -> bytes:
    out = io.BytesIO()
    write_chase_pdf(campaign, occurrence, rows, out, generated_on=TODAY)
    return out.getvalue()


def test_titles_and_file_names(campaign: Campaign) -> None:
    assert chase_title(campaign) == "荫城镇2022年“安全生产月”催报名单"
    assert chase_title(None) == "催报名单"
    assert chase_title(replace(campaign, is_demo=True)).endswith("催报名单【示例】")
    assert (
        chase_file_name(campaign, SECOND_WEEK, "pdf", date(2022, 6, 8))
        == "荫城镇_2022安全生产月_催报名单_周活动开展情况第2周_0608.pdf"
    )
    assert (
        chase_file_name(None, SECOND_WEEK, ".XLSX", TODAY)
        == "催报名单_周活动开展情况第2周_0609.xlsx"
    )
    odd = Deadline(1, "“安全”宣传/培训:报表*?", DeadlineRule(ONCE, on=date(2022, 6, 30)))
    name = chase_file_name(campaign, occurrences(odd)[0], "pdf", TODAY)
    assert name == "荫城镇_2022安全生产月_催报名单_安全宣传培训报表_0609.pdf"
    monthly = Deadline(
        1,
        "隐患排查月报",
        DeadlineRule(MONTHLY_KIND, day_of_month=5, start=date(2022, 6, 1), end=date(2022, 8, 31)),
    )
    assert "_隐患排查月报7月_" in chase_file_name(campaign, occurrences(monthly)[1], "pdf", TODAY)
    with pytest.raises(ValueError, match="不支持的文件格式"):
        chase_file_name(campaign, SECOND_WEEK, "docx", TODAY)


def test_pdf_chase_list_reads_back(campaign: Campaign, make_units, pdf_text) -> None:
    rows = rows_for(make_units(30))
    data = chase_pdf(campaign, rows)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "荫城镇2022年“安全生产月”催报名单（周活动开展情况（第2周））"
    assert reader.metadata.author == "荫城镇人民政府"
    assert reader.metadata.subject == "催报名单"
    pages = pdf_text(data)
    first = pages[0]
    assert "荫城镇2022年“安全生产月”\n催报名单" in first
    assert "周活动开展情况（第2周）" in first
    assert "截止时间：6月8日（周三）18:00前（已逾期）" in first
    assert "共30个单位尚未报送（其中逾期未报23个）" in first
    assert "制表日期：2022年6月9日" in first
    for header in HEADERS:
        assert header in first
    everything = squeeze("".join(pages))
    for row in rows:
        assert squeeze(row.unit_name) in everything
    assert "15234537701" in everything and "逾期未报" in everything
    for n, page in enumerate(pages, start=1):
        assert "序号" in page and f"— {n} —" in page


def test_pdf_before_the_due_time_and_empty(campaign: Campaign, pdf_text) -> None:
    first = pdf_text(chase_pdf(campaign, [ChaseRow("东村", "张三", "15234537719", "未报")]))[0]
    assert "截止时间：6月8日（周三）18:00前" in first and "已逾期" not in first
    assert "共1个单位尚未报送" in first
    empty = pdf_text(chase_pdf(None, []))[0]
    assert "催报名单" in empty and "（没有未报送的单位）" in empty and "全部单位均已报送" in empty


def test_a_name_no_font_can_draw_names_its_row(campaign: Campaign, tmp_path) -> None:
    rows = [ChaseRow("东村", "", "", "未报"), ChaseRow("𠀀家庄村", "", "", "未报")]
    target = tmp_path / "催报.pdf"
    with pytest.raises(MissingGlyphError) as err:
        write_chase_pdf(campaign, SECOND_WEEK, rows, target, generated_on=TODAY)
    assert "第2行“单位名称”" in str(err.value)
    assert not target.exists()


def test_xlsx_chase_list_reads_back(campaign: Campaign, make_units, tmp_path) -> None:
    rows = rows_for(make_units(12))
    target = tmp_path / chase_file_name(campaign, SECOND_WEEK, "xlsx", TODAY)
    write_chase_xlsx(campaign, SECOND_WEEK, rows, target, generated_on=TODAY)
    wb = openpyxl.load_workbook(target)
    ws = wb.active
    assert ws.title == "催报名单"
    assert ws["A1"].value == "荫城镇2022年“安全生产月”催报名单"
    assert ws["A2"].value == "周活动开展情况（第2周）"
    assert ws["A3"].value == "截止时间：6月8日（周三）18:00前（已逾期）"
    assert ws["A4"].value == "共12个单位尚未报送（其中逾期未报9个）"
    assert ws.cell(4, 4).value == "制表日期：2022年6月9日"
    header_row = next(r for r in range(1, 8) if ws.cell(r, 1).value == "序号")
    assert [ws.cell(header_row, c).value for c in range(1, 7)] == HEADERS
    body = [
        [ws.cell(header_row + k, c).value for c in range(1, 7)] for k in range(1, len(rows) + 1)
    ]
    assert [b[0] for b in body] == list(range(1, 13))
    assert [b[1] for b in body] == [r.unit_name for r in rows]
    assert [b[2] or "" for b in body] == [r.liaison_name for r in rows]
    # Mobiles stay text (no 1.52E+10), missing ones empty; 备注 is left for the pen.
    mobiles = [ws.cell(header_row + k, 4) for k in range(1, len(rows) + 1)]
    assert mobiles[0].value == "15234537701" and mobiles[0].data_type == "s"
    assert mobiles[1].value in (None, "")
    assert [b[4] for b in body] == [r.status for r in rows]
    assert all(b[5] in (None, "") for b in body)
    formula_like = ws.cell(header_row + 1 + [r.unit_name for r in rows].index("=SUM(A1)"), 2)
    assert formula_like.data_type == "s"
    assert ws.page_setup.paperSize == 9
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert wb.properties.title == "荫城镇2022年“安全生产月”催报名单（周活动开展情况（第2周））"


def test_xlsx_without_campaign_or_rows() -> None:
    out = io.BytesIO()
    write_chase_xlsx(None, SECOND_WEEK, [], out, generated_on=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert ws["A1"].value == "催报名单"
    values = {ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in range(1, 7)}
    assert "（没有未报送的单位）" in values and "全部单位均已报送" in values
