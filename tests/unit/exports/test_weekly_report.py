"""周活动情况 as PDF and xlsx, read back."""

from __future__ import annotations

import io
import re
from datetime import date, time

import openpyxl
from pypdf import PdfReader

from anquanyue_desktop.domain.activities import Activity, MediaItem
from anquanyue_desktop.domain.deadlines import WEEKLY_KIND, Deadline, DeadlineRule, occurrences
from anquanyue_desktop.domain.reports import build_weekly_report
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.exports.weekly_report import (
    weekly_file_name,
    write_weekly_pdf,
    write_weekly_xlsx,
)

TODAY = date(2022, 6, 8)
OCCS = occurrences(
    Deadline(
        1,
        "周活动开展情况",
        DeadlineRule(
            WEEKLY_KIND, at=time(18), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
        ),
        id=3,
    )
)
UNITS = [Unit("东街村", id=1), Unit("西街村", id=2), Unit("=SUM(A1)", id=3)]
PHOTO = MediaItem("photo", "a.jpg", "a" * 64, 1)


def report():
    acts = [
        Activity(
            1,
            1,
            date(2022, 6, 3),
            "应急演练",
            "防汛应急演练",
            "村委会广场",
            80,
            media=(PHOTO, PHOTO),
        ),
        Activity(1, 1, date(2022, 6, 7), "“五进”宣传", "安全宣传进农户", participants=45),
        Activity(1, 3, date(2022, 6, 8), "教育培训", "=1+1", participants=12, important=True),
    ]
    return build_weekly_report(OCCS[1], OCCS, acts, UNITS, campaign_start=date(2022, 6, 1))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_file_name(campaign):
    assert (
        weekly_file_name(campaign, report(), "xlsx")
        == "荫城镇_2022安全生产月_第2周活动情况_0608.xlsx"
    )
    assert weekly_file_name(campaign, report(), "PDF").endswith("_0608.pdf")


def test_weekly_pdf_reads_back(campaign):
    out = io.BytesIO()
    write_weekly_pdf(campaign, report(), out, generated_on=TODAY)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = squeeze("".join(p.extract_text() for p in reader.pages))
    assert "荫城镇2022年“安全生产月”第2周活动开展情况" in text
    assert "统计时段：6月2日至6月8日" in text
    assert "本周（6月2日至6月8日）共开展活动3项，参与137人次" in text
    assert "防汛应急演练" in text and "东街村小计" in text and "合计" in text
    assert "=SUM(A1)小计" not in text  # a unit with one activity: the row is its own 小计
    # The narrative names the silent unit already: once, not twice.
    assert text.count("西街村") == 1 and "未报送活动情况的单位（1个）：西街村" in text
    assert "填报单位（盖章）" in text
    assert "—1—" in text


def test_weekly_xlsx_reads_back(campaign):
    out = io.BytesIO()
    write_weekly_xlsx(campaign, report(), out, generated_on=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert ws.title == "第2周活动情况"
    assert values[0] == "荫城镇2022年“安全生产月”第2周活动开展情况"
    assert "防汛应急演练" in values
    assert "=1+1" in values and "=SUM(A1)" in values  # user text stays text
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert sum("西街村" in v for v in values if isinstance(v, str)) == 1
    assert any(isinstance(v, str) and v.startswith("本周（6月2日至6月8日）") for v in values)
    assert ws.page_setup.orientation == "landscape"


def test_empty_week(campaign):
    r = build_weekly_report(OCCS[0], OCCS, [], UNITS, campaign_start=date(2022, 6, 1))
    out = io.BytesIO()
    write_weekly_pdf(campaign, r, out, generated_on=TODAY)
    text = squeeze(PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text())
    assert "本周没有活动记录" in text and "单位（3个）" in text
