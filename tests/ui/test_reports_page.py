"""周报与总结 over the demo: the week's activities, the pack, the summary kept when edited."""

import zipfile

import pytest

from anquanyue_desktop.store.demo import install_demo
from anquanyue_desktop.ui.reports_page import ReportsPage


@pytest.fixture
def page(qtbot, store):
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
