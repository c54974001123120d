"""联络员名册 and 活动情况统计表 as PDF and xlsx, read back."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_entries import FormEntry, aggregate, aggregate_as_entry
from anquanyue_desktop.domain.forms import Section, table_rows
from anquanyue_desktop.exports.form_reports import (
    header_line,
    liaison_roster_file_name,
    liaison_roster_is_wide,
    liaison_roster_table,
    liaison_roster_title,
    missing_line,
    progress_filled,
    statistics_file_name,
    statistics_table,
    write_liaison_roster_pdf,
    write_liaison_roster_xlsx,
    write_statistics_pdf,
    write_statistics_xlsx,
)
from anquanyue_desktop.imports.form_files import load_shipped

TODAY = date(2023, 6, 30)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def shipped():
    return {t.key: t for t in load_shipped()}


@pytest.fixture
def campaign() -> Campaign:
    return Campaign(
        year=2023,
        issuer="荫城镇人民政府",
        ordinal=22,
        contact_person="王芳",
        contact_phone="0355-1234567",
    )


@pytest.fixture
def stats(shipped):
    return shipped["activity-statistics"]


@pytest.fixture
def roster_rows():
    return [
        (
            "荫城村",
            {
                "name": "张三",
                "position": "村委委员",
                "office_phone": "0355-6627527",
                "mobile": "13812345678",
            },
        ),
        ("东村村民委员会", None),
        ("=SUM(A1)", {"name": "李四", "mobile": "15234537719", "remark": "新任"}),
    ]


def pdf_pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def sheet_texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


# ---------------------------------------------------------------- liaison roster


def test_roster_table_has_every_unit_in_order(shipped, roster_rows) -> None:
    t = shipped["yincheng-liaison"]
    spec = liaison_roster_table(t, roster_rows)
    assert [c.header for c in spec.columns] == [
        "序号",
        "村（单位）名称",
        "姓名",
        "职务",
        "办公电话",
        "手机号码",
        "备注",
    ]
    assert spec.rows[0] == (1, "荫城村", "张三", "村委委员", "0355-6627527", "13812345678", None)
    assert spec.rows[1] == (2, "东村村民委员会", None, None, None, None, None)
    assert spec.rows[2][1] == "=SUM(A1)"
    # 祖师街道's form puts 单位名称 last: the roster puts the unit first anyway.
    zushi = liaison_roster_table(shipped["zushi-liaison"], roster_rows)
    assert [c.header for c in zushi.columns][:3] == ["序号", "单位名称", "姓名"]
    assert liaison_roster_table(t, []).rows[0][1] == "（暂无单位）"


def test_roster_pdf(shipped, campaign, roster_rows) -> None:
    out = io.BytesIO()
    t = shipped["yincheng-liaison"]
    write_liaison_roster_pdf(campaign, t, roster_rows, out, generated_on=TODAY)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    text = squeeze("".join(pdf_pages(out.getvalue())))
    assert "荫城镇2023年“安全生产月”活动联络员名册" in text
    for word in ("村（单位）名称", "张三", "0355-6627527", "13812345678", "东村村民委员会"):
        assert word in text
    assert "共3个单位，已报联络员2个，未报1个" in text
    assert "填报单位（盖章）" in text and "—1—" in text
    box = reader.pages[0].mediabox
    assert (float(box.width) > float(box.height)) is liaison_roster_is_wide(t)
    assert reader.metadata.title == liaison_roster_title(campaign)


def test_roster_xlsx(shipped, campaign, roster_rows) -> None:
    out = io.BytesIO()
    write_liaison_roster_xlsx(
        campaign, shipped["zushi-liaison"], roster_rows, out, generated_on=TODAY
    )
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert ws.title == "联络员名册"
    assert ws["A1"].value == "荫城镇2023年“安全生产月”活动联络员名册"
    texts = sheet_texts(ws)
    assert "13812345678" in texts and "东村村民委员会" in texts
    formula_like = next(c for row in ws.iter_rows() for c in row if c.value == "=SUM(A1)")
    assert formula_like.data_type == "s"
    assert ws.page_setup.orientation == "landscape"


def test_roster_file_name(campaign) -> None:
    assert (
        liaison_roster_file_name(campaign, "pdf", TODAY)
        == "荫城镇_2023安全生产月_联络员名册_0630.pdf"
    )
    assert liaison_roster_file_name(None, ".XLSX", TODAY) == "联络员名册_0630.xlsx"
    with pytest.raises(ValueError, match="pdf 或 xlsx"):
        liaison_roster_file_name(campaign, "doc", TODAY)


# ---------------------------------------------------------------- statistics


def test_progress_sentence_with_values_in_place(stats) -> None:
    r1 = table_rows(stats)[0]
    text = progress_filled(r1, {"r1_b1": 3, "r1_b2": 45})
    assert text.startswith("理论学习中心组学习（3）次，参与（45）人次；专题学习观看")
    assert "电视专题片（　　）场" in text
    r4 = table_rows(stats)[3]
    listed = progress_filled(r4, {}, {"r4_b4": (("东村", "案例甲"), ("西村", "案例乙"))})
    assert "典型案例具体为（东村：案例甲；西村：案例乙），每月报送" in listed


def test_header_and_missing_lines(stats) -> None:
    values = {"unit": "东村", "contact": "王芳", "date": date(2023, 6, 30)}
    line = header_line(stats, values)
    assert line.startswith("填报单位：东村　　联系人：王芳　　电话：")
    assert line.endswith("填报日期：2023年6月30日")
    assert missing_line(["东村", "西村"]) == "未报送单位（2个，未计入本表）：东村、西村"
    assert missing_line([]) == ""


def test_statistics_pdf_reads_like_the_form(stats, campaign) -> None:
    out = io.BytesIO()
    values = {"r1_b1": 3, "r1_b2": 45, "r8_b9": 120, "contact": "王芳", "phone": "13812345678"}
    write_statistics_pdf(campaign, stats, values, out, unit_name="东村", generated_on=TODAY)
    pages = pdf_pages(out.getvalue())
    text = squeeze("".join(pages))
    assert "“安全生产月”活动情况统计表" in text
    assert "填报单位：东村" in text and "联系人：王芳" in text and "电话：13812345678" in text
    for column in ("活动项目", "内容要求", "进展情况"):
        assert column in text
    assert "理论学习中心组学习（3）次，参与（45）人次" in text
    assert "发放安全类实用宣传品（120）个" in text
    assert "填报单位（盖章）：东村" in text
    assert "未报送单位" not in text
    assert all(f"—{n}—" in squeeze(page) for n, page in enumerate(pages, start=1))
    box = PdfReader(io.BytesIO(out.getvalue())).pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_aggregated_statistics_with_missing_units(stats, campaign) -> None:
    entries = {
        1: FormEntry(1, stats.key, 1, 1, {"r1_b1": 2, "r4_b4": "案例甲"}),
        2: FormEntry(1, stats.key, 1, 2, {"r1_b1": 5, "r4_b4": "案例乙"}),
    }
    units = [(1, "东村"), (2, "西村"), (3, "南村")]
    agg = aggregate(stats, entries, units)
    entry = aggregate_as_entry(stats, agg, 1, "荫城镇")
    out = io.BytesIO()
    write_statistics_pdf(
        campaign,
        stats,
        entry.values,
        out,
        generated_on=TODAY,
        missing_units=agg.units_missing,
        text_lists=agg.texts,
    )
    pages = [squeeze(p) for p in pdf_pages(out.getvalue())]
    text = "".join(pages)
    assert pages[0].startswith("—1—附件1")  # as the notice attached it
    # The township's own sum: its full name, its contact, the date chosen.
    assert "填报单位：荫城镇人民政府联系人：王芳电话：0355-1234567填报日期：2023年6月30日" in text
    assert "填报单位（盖章）：荫城镇人民政府" in text
    assert "理论学习中心组学习（7）次" in text
    assert "典型案例具体为（东村：案例甲；西村：案例乙）" in text
    # The units not reported are for the clerk: after the form, on a page of their own.
    assert "未报送单位" not in "".join(pages[:-1])
    assert re.sub(r"^—\d+—", "", pages[-1]).startswith("未报送单位（1个，未计入本表）：南村")

    xout = io.BytesIO()
    write_statistics_xlsx(
        campaign,
        stats,
        entry.values,
        xout,
        generated_on=TODAY,
        missing_units=agg.units_missing,
    )
    wb = openpyxl.load_workbook(io.BytesIO(xout.getvalue()))
    texts = sheet_texts(wb.active)
    assert not any("未报送单位" in t for t in texts)
    assert "未报送单位（1个，未计入本表）：南村" in sheet_texts(wb["未报送单位"])
    assert any(t.startswith("理论学习中心组学习（7）次") for t in texts)


def test_statistics_xlsx(stats, campaign) -> None:
    out = io.BytesIO()
    write_statistics_xlsx(
        campaign, stats, {"r1_b1": 3, "r1_b2": 45}, out, unit_name="东村", generated_on=TODAY
    )
    wb = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    ws = wb.active
    assert ws.title == "活动情况统计表"
    assert ws["A1"].value == "附件1" and ws["A2"].value == stats.name
    texts = sheet_texts(ws)
    assert any(t.startswith("填报单位：东村　　联系人：") for t in texts)
    header = next(r for r in ws.iter_rows() if r[0].value == "活动项目")
    assert [c.value for c in header] == ["活动项目", "内容要求", "进展情况"]
    first = ws.cell(row=header[0].row + 1, column=3).value
    assert first.startswith("理论学习中心组学习（3）次，参与（45）人次")
    assert any(t.startswith("填报单位（盖章）：东村") for t in texts)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows
    assert ws.cell(row=header[0].row + 1, column=1).border.left.style == "thin"


def test_sections_and_continued_items_in_xlsx(stats, campaign) -> None:
    rows = table_rows(stats)
    t = replace(
        stats,
        sections=(
            Section("一、学习", (rows[0], replace(rows[1], item=""))),
            Section("二、排查", (rows[2],)),
        ),
    )
    spec = statistics_table(t, {})
    assert spec.rows[0] == ("一、学习", None, None)
    assert spec.rows[2][0] is None
    out = io.BytesIO()
    write_statistics_xlsx(campaign, t, {}, out, unit_name="东村", generated_on=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    title_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "一、学习")
    assert f"A{title_row}:C{title_row}" in merged
    assert f"A{title_row + 1}:A{title_row + 2}" in merged


def test_statistics_refuses_a_record_form(shipped, campaign) -> None:
    with pytest.raises(ValueError, match="不是填空统计表"):
        write_statistics_pdf(
            campaign, shipped["yincheng-liaison"], {}, io.BytesIO(), generated_on=TODAY
        )


def test_statistics_file_names(stats, campaign) -> None:
    assert (
        statistics_file_name(campaign, stats, "xlsx", TODAY, unit_name="东村")
        == "荫城镇_2023安全生产月_活动情况统计表_东村_0630.xlsx"
    )
    assert (
        statistics_file_name(campaign, stats, "pdf", TODAY, aggregated=True)
        == "荫城镇_2023安全生产月_活动情况统计表_汇总_0630.pdf"
    )
    assert (
        statistics_file_name(campaign, stats, "pdf", TODAY, unit_name="荫城镇")
        == "荫城镇_2023安全生产月_活动情况统计表_0630.pdf"
    )
    demo = replace(campaign, is_demo=True)
    assert statistics_file_name(demo, stats, "pdf", TODAY).endswith("_示例_0630.pdf")
