"""“五个一” works register and 报送表, read back."""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl
from pypdf import PdfReader

from anquanyue_desktop.domain.reports import works_register
from anquanyue_desktop.exports.works_report import (
    WorkEntry,
    works_file_name,
    write_works_register_pdf,
    write_works_register_xlsx,
    write_works_submission_pdf,
    write_works_submission_xlsx,
)
from anquanyue_desktop.imports.form_files import FORMS_DIR, load_template

TODAY = date(2024, 6, 25)
QUOTA = load_template(FORMS_DIR / "zushi-works-quota.json").quota
DELIVERED = {
    ("XX社区", "drill", "图片"): 2,
    ("YY社区", "course", "课件（录像）"): 1,
    ("YY社区", "hazard_case", "典型案例"): 1,
    ("YY社区", "drill", "视频"): 1,
    ("YY社区", "drill", "图片"): 3,
    ("YY社区", "warning_education", "视频"): 1,
    ("YY社区", "warning_education", "图片"): 4,
    ("YY社区", "escape_route_map", "图片"): 3,
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def register():
    assert QUOTA is not None
    return works_register(QUOTA, ["XX社区", "YY社区"], DELIVERED)


def test_register_pdf(campaign):
    out = io.BytesIO()
    write_works_register_pdf(campaign, register(), out, generated_on=TODAY)
    text = squeeze("".join(p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages))
    assert "“五个一”活动优秀作品案例报送情况" in text
    assert "作品案例作品" not in text
    assert "共2个单位，全部达标1个，报送作品16件" in text
    assert "XX社区应急逃生避险演练视频不少于1个，图片不少于3张视频0/1，图片2/3未达标" in text
    assert "未达标单位（1个，差额见上表“已报送/要求”）：XX社区" in text
    assert "视频不少于1个，图片不少于3张" in text
    assert "未达标" in text


def test_register_xlsx(campaign):
    out = io.BytesIO()
    write_works_register_xlsx(campaign, register(), out, generated_on=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "未达标单位（1个，差额见上表“已报送/要求”）：XX社区" in values
    assert "视频 0/1，图片 2/3" in values
    assert ws.print_area.endswith(f"$F${ws.max_row}")  # every line inside the print area
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                assert c.font.name == "宋体", c.coordinate
    assert values.count("达标") == 5  # YY社区's five items


ENTRIES = [
    WorkEntry("应急逃生避险演练", "YY社区高层住宅火灾疏散演练", "视频1个、照片3张", "网盘链接"),
    WorkEntry("应急逃生避险演练", "YY社区地震避险演练", "照片2张"),
    WorkEntry("安全警示教育", "警示教育片观看", "照片4张"),
]


def test_submission_pdf_and_xlsx():
    out = io.BytesIO()
    items = QUOTA.item_names()
    write_works_submission_pdf("YY社区", items, ENTRIES, out, submitted_on=TODAY, contact="王亚伟")
    text = squeeze(PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text())
    assert "畅通生命通道“五个一”活动优秀作品案例报送表" in text
    assert "报送单位：YY社区" in text and "报送时间：2024年6月25日" in text
    assert "YY社区高层住宅火灾疏散演练" in text and "照片需为原图" in text
    out = io.BytesIO()
    write_works_submission_xlsx("YY社区", items, ENTRIES, out, submitted_on=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    table = [r[:3] for r in rows if r[1] in (1, 2)]
    assert table[:4] == [
        ["安全生产专题教育课", 1, None],
        ["专项隐患排查治理", 1, None],
        ["应急逃生避险演练", 1, "YY社区高层住宅火灾疏散演练"],
        [None, 2, "YY社区地震避险演练"],
    ]


def test_file_name(campaign):
    assert (
        works_file_name(campaign, "xlsx", TODAY) == "荫城镇_2022安全生产月_作品报送情况_0625.xlsx"
    )
