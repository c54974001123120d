"""制表日期/成文日期 pickers beside the export buttons, and the faces named in the export message.

The date picked is the date in the file (read back from the PDF, the workbook, the .docx), is
remembered for the campaign (a page built afterwards, another page, offers it again) and
does not leak into another campaign.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader
from PySide6.QtCore import QDate

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_entries import ROLE_STATISTICS
from anquanyue_desktop.exports.fonts import stand_in_message
from anquanyue_desktop.ui.forms.page import FormsPage
from anquanyue_desktop.ui.reports import page as reports_page
from anquanyue_desktop.ui.reports.page import ReportsPage
from anquanyue_desktop.ui.units import page as units_module
from anquanyue_desktop.ui.units.page import UnitsPage
from anquanyue_desktop.usecases.demo import install_demo

JUNE_30 = date(2022, 6, 30)


@pytest.fixture
def demo(store):
    return install_demo(store)


def pdf_text(path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages)


def sheet_texts(path) -> list:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]


def make_units_page(qtbot, store, campaign) -> UnitsPage:
    page = UnitsPage(store)
    qtbot.addWidget(page)
    page.set_campaign(campaign)
    return page


def test_roster_carries_the_picked_date_and_the_message_names_the_stand_in_faces(
    qtbot, store, demo, dialogs, tmp_path, monkeypatch
):
    page = make_units_page(qtbot, store, demo)
    assert page.made_on.value() == date.today()  # nothing picked yet
    page.made_on.edit.setDate(QDate(2022, 6, 30))  # as the calendar popup sets it
    out = tmp_path / "名册.pdf"
    monkeypatch.setattr(units_module, "ask_export_path", lambda *a: out)
    page.export_roster("pdf")
    assert "制表日期：2022年6月30日" in pdf_text(out)
    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("box", "导出完成") and str(out) in text
    # What this machine lacks of the faces a roster draws (it has no 仿宋 text); empty on a
    # Windows office PC.
    faces = stand_in_message(roles=("song", "hei", "kai", "xiaobiaosong"))
    if faces:
        assert faces in text and "代替" in text and "仿宋" not in text
    else:
        assert "代替" not in text

    xlsx = tmp_path / "名册.xlsx"
    monkeypatch.setattr(units_module, "ask_export_path", lambda *a: xlsx)
    page.export_roster("xlsx")
    assert "制表日期：2022年6月30日" in sheet_texts(xlsx)
    assert "代替" not in dialogs.shown[-1][2]  # a workbook embeds no faces

    again = make_units_page(qtbot, store, demo)  # remembered for the campaign
    assert again.made_on.value() == JUNE_30


def test_a_date_is_remembered_per_campaign_and_per_kind(qtbot, store, demo, dialogs, tmp_path):
    page = make_units_page(qtbot, store, demo)
    page.made_on.set_value(JUNE_30)
    other = store.campaigns.save(Campaign(year=2023, issuer="荫城镇人民政府", ordinal=22))
    page.set_campaign(other)
    assert page.made_on.value() == date.today()
    page.set_campaign(demo)
    assert page.made_on.value() == JUNE_30

    reports = ReportsPage(store)
    qtbot.addWidget(reports)
    reports.set_campaign(demo)
    assert reports.weekly.made_on.value() == JUNE_30  # picked on another page
    assert reports.works.made_on.value() == JUNE_30
    assert reports.summary.issued_on.value() == date.today()  # 成文日期 is its own


def test_weekly_report_summary_and_works_carry_their_dates(
    qtbot, store, demo, dialogs, tmp_path, monkeypatch
):
    reports = ReportsPage(store)
    qtbot.addWidget(reports)
    reports.set_campaign(demo)
    reports.weekly.week.setCurrentIndex(1)
    reports.weekly.made_on.set_value(JUNE_30)
    reports.summary.issued_on.set_value(date(2022, 7, 4))
    outs = iter(
        [
            tmp_path / "周报.xlsx",
            tmp_path / "周报.pdf",
            tmp_path / "总结.docx",
            tmp_path / "总结.pdf",
        ]
    )
    monkeypatch.setattr(reports_page, "ask_export_path", lambda *a: next(outs))
    reports.weekly.export("xlsx")
    reports.weekly.export("pdf")
    reports.summary.export("docx")
    reports.summary.export("pdf")
    assert "制表日期：2022年6月30日" in sheet_texts(tmp_path / "周报.xlsx")
    assert "制表日期：2022年6月30日" in pdf_text(tmp_path / "周报.pdf")
    paragraphs = [p.text.strip() for p in Document(tmp_path / "总结.docx").paragraphs]
    assert "2022年7月4日" in paragraphs
    summary = pdf_text(tmp_path / "总结.pdf")
    today = date.today()
    assert (
        "2022年7月4日" in summary and f"{today.year}年{today.month}月{today.day}日" not in summary
    )
    # 打印 prints what 导出 PDF writes: the same date.
    _what, write = reports.summary.pdf_document()
    write(tmp_path / "打印.pdf")
    assert "2022年7月4日" in pdf_text(tmp_path / "打印.pdf")
    assert [k for k, *_ in dialogs.shown] == ["box"] * 4


def test_statistics_sum_carries_the_forms_page_date(
    qtbot, store, demo, dialogs, tmp_path, monkeypatch
):
    from anquanyue_desktop.ui.forms import unit_panel

    page = FormsPage(store)
    qtbot.addWidget(page)
    page.set_campaign(demo)
    assert page.show_form(ROLE_STATISTICS)
    panel = page.panel
    panel.made_on.set_value(date(2022, 6, 29))
    panel.select_unit(-1)  # the township's sum
    out = tmp_path / "统计表.xlsx"
    monkeypatch.setattr(unit_panel, "ask_export_path", lambda *a: out)
    panel.export("xlsx")
    texts = " ".join(str(t) for t in sheet_texts(out))
    assert "2022年6月29日" in texts
    units = make_units_page(qtbot, store, demo)
    assert units.made_on.value() == date(2022, 6, 29)


def test_the_chase_list_carries_the_picked_date(qtbot, store, demo, dialogs, tmp_path, monkeypatch):
    """催报名单 from the grid is dated like the other exports: the 制表日期 picked for the
    campaign (here on the 下级单位 page), in the file and its name; a pick in the dialog is
    remembered for the others."""
    from anquanyue_desktop.ui.grid import chase_dialog
    from anquanyue_desktop.ui.grid.page import GridPage

    make_units_page(qtbot, store, demo).made_on.set_value(JUNE_30)
    grid = GridPage(store)
    qtbot.addWidget(grid)
    grid.set_campaign(demo)
    dialog = grid.make_chase_dialog()
    qtbot.addWidget(dialog)
    assert dialog.rows  # units still owe it: the exports are on offer
    names = []

    def ask(_parent, _title, name, fmt):
        names.append(name)
        return tmp_path / f"催报.{fmt}"

    monkeypatch.setattr(chase_dialog, "ask_export_path", ask)
    assert dialog.export("pdf")
    assert "制表日期：2022年6月30日" in pdf_text(tmp_path / "催报.pdf")
    assert names[-1].endswith("_0630.pdf")
    # 打印 prints what 导出 PDF writes.
    from anquanyue_desktop.ui.widgets.print_preview import pdf_document_of

    _title, write = pdf_document_of(dialog, None)
    write(tmp_path / "打印.pdf")
    assert "制表日期：2022年6月30日" in pdf_text(tmp_path / "打印.pdf")

    dialog.made_on.edit.setDate(QDate(2022, 7, 1))  # as the calendar popup sets it
    assert dialog.export("xlsx")
    assert "制表日期：2022年7月1日" in sheet_texts(tmp_path / "催报.xlsx")
    assert names[-1].endswith("_0701.xlsx")
    assert make_units_page(qtbot, store, demo).made_on.value() == date(2022, 7, 1)
