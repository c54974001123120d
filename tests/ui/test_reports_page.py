"""周报与总结 over the demo: the week's activities, the pack, the summary kept when edited."""

import zipfile

import pytest

from anquanyue_desktop.ui.reports.page import ReportsPage
from anquanyue_desktop.usecases.demo import install_demo


@pytest.fixture
def page(qtbot, demo_template, store):
    campaign = install_demo(store)
    p = ReportsPage(store)
    qtbot.addWidget(p)
    p.set_campaign(campaign)
    return p


def test_weekly_tab_lists_the_weeks_and_their_activities(page):
    weekly = page.weekly
    assert weekly.week.count() == 5
    weekly.week.setCurrentIndex(1)
    report = weekly.current()
    assert report.number == 2
    assert report.totals.activities == sum(u.counts.activities for u in report.units)
    assert weekly.model.rowCount() == len(report.units)
    assert "统计时段" in weekly.summary.text()


def test_the_narrative_the_clerk_edits_is_what_is_exported(page):
    page.weekly.narrative.setPlainText("本周重点开展了应急演练。")
    assert page.weekly.current().narrative == "本周重点开展了应急演练。"


def test_pack_from_the_weekly_tab(page, tmp_path, dialogs):
    page.weekly.week.setCurrentIndex(1)
    out = tmp_path / "pack.zip"
    assert page.weekly.make_pack(out=out)
    names = zipfile.ZipFile(out).namelist()
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".xlsx") for n in names)
    assert "目录.txt" in names
    assert any("已生成报送包" in t for t in dialogs.texts("information"))


def test_summary_draft_is_kept_when_edited(page, store, qtbot):
    text = page.summary.text.toPlainText()
    assert "一、" in text
    page.summary.text.setPlainText(text + "\n补充：镇领导带队检查3次。")
    other = ReportsPage(store)
    qtbot.addWidget(other)
    other.set_campaign(page.campaign)
    assert other.summary.text.toPlainText().endswith("补充：镇领导带队检查3次。")


def test_works_tab_shows_shortfalls_and_the_dialog_offers_the_items(
    qtbot, store, tmp_path, dialogs
):
    from datetime import date

    from anquanyue_desktop.domain.activities import Activity
    from anquanyue_desktop.domain.campaign_templates import ZUSHI_2024
    from anquanyue_desktop.ui.activities.activity_dialog import ActivityDialog
    from anquanyue_desktop.usecases.campaigns import create_campaign
    from anquanyue_desktop.usecases.works import works_items

    store.units.add_names(["北关社区"])
    campaign, deadlines = ZUSHI_2024.for_year(2024)
    campaign = create_campaign(store, campaign, deadlines, ZUSHI_2024.forms)
    unit = store.units.list()[0]
    activity = Activity(campaign.id, unit.id, date(2024, 6, 12), "应急演练", "逃生演练")
    dialog = ActivityDialog(
        activity,
        [unit],
        store.activities.categories(campaign.id),
        store.media,
        store.activities.save,
        None,
        works_items=works_items(store, campaign),
    )
    qtbot.addWidget(dialog)
    dialog.works_item.setCurrentIndex(dialog.works_item.findData("drill"))
    assert dialog.activity().works_item == "drill"

    page = ReportsPage(store)
    qtbot.addWidget(page)
    page.set_campaign(campaign)
    text = page.works.lines.toPlainText()
    assert "北关社区 应急逃生避险演练：视频 0/1，图片 0/3" in text
    out = tmp_path / "works.xlsx"
    from openpyxl import load_workbook

    from anquanyue_desktop.exports.works_report import write_works_register_xlsx

    write_works_register_xlsx(campaign, page.works.register, out, generated_on=date(2024, 6, 25))
    cells = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert "北关社区" in cells


def test_a_units_works_submission_table_lists_its_tagged_activities(
    qtbot, store, tmp_path, dialogs
):
    from datetime import date

    from pypdf import PdfReader

    from anquanyue_desktop.domain.activities import Activity
    from anquanyue_desktop.domain.campaign_templates import ZUSHI_2024
    from anquanyue_desktop.usecases.campaigns import create_campaign

    store.units.add_names(["北关社区"])
    campaign, deadlines = ZUSHI_2024.for_year(2024)
    campaign = create_campaign(store, campaign, deadlines, ZUSHI_2024.forms)
    unit = store.units.list()[0]
    store.activities.save(
        Activity(
            campaign.id,
            unit.id,
            date(2024, 6, 12),
            "应急演练",
            "北关社区高层火灾逃生演练",
            place="幸福小区",
            works_item="drill",
        )
    )
    page = ReportsPage(store)
    qtbot.addWidget(page)
    page.set_campaign(campaign)
    out = tmp_path / "报送表.pdf"
    assert page.works.export_submission("pdf", out=out)
    # Cells wrap in the narrow columns of the seed's layout: compare without line breaks.
    text = (
        "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "").replace(" ", "")
    )
    assert "北关社区高层火灾逃生演练" in text and "应急逃生避险演练" in text
