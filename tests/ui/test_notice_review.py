"""Reading a notice: the draft shown for review, nothing written until confirmed, then all of it."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from anquanyue_desktop.domain.deadlines import all_occurrences
from anquanyue_desktop.ui.campaign.notice_review import NoticeInputDialog, NoticeReviewDialog
from tests.conftest import seed_file

NOTICE = """某某镇人民政府
关于开展2025年“安全生产月”活动的通知
各村、各站所：
今年6月是第24个全国“安全生产月”，活动主题：人人讲安全、个个会应急——查找身边安全隐患。
活动时间：6月1日至6月30日。
请各村于5月30日前报送联络员名单，6月份每周五17:00前报送周活动开展情况，7月3日前报送工作总结。
重要活动要即时报送。
联系人：李明，电话：13800001234
某某镇人民政府
2025年5月26日
"""


@pytest.fixture
def review(qtbot, store):
    dialog = NoticeReviewDialog(store, NOTICE, today=date(2025, 5, 27))
    qtbot.addWidget(dialog)
    return dialog


def test_the_draft_is_shown_for_review(review):
    assert review.year.value() == 2025 and review.ordinal.value() == 24
    assert review.theme.text() == "人人讲安全、个个会应急——查找身边安全隐患"
    assert review.contact_person.text() == "李明" and review.contact_phone.text() == "13800001234"
    lines = [review.deadline_list.item(i).text() for i in range(review.deadline_list.count())]
    assert len(lines) == 4
    assert any("5月30日（周五）" in line for line in lines)
    assert any("每周五17:00前" in line for line in lines)
    assert len(review.notice.extraSelections()) >= 5


def test_clicking_an_item_shows_where_it_came_from(review):
    review.deadline_list.setCurrentRow(0)
    selected = review.notice.textCursor().selectedText()
    assert "5月30日" in selected


def test_nothing_is_written_until_confirmed_then_everything(review, store):
    assert store.campaigns.list() == []
    review.deadline_list.item(3).setCheckState(Qt.CheckState.Unchecked)
    review.confirm()
    assert review.created is not None
    campaign = store.campaigns.by_year(2025)
    assert campaign.theme.startswith("人人讲安全")
    assert len(store.deadlines.list(campaign.id)) == 3


def test_a_year_already_there_blocks_confirming(qtbot, store):
    from anquanyue_desktop.domain.campaign import Campaign

    store.campaigns.save(Campaign(year=2025))
    dialog = NoticeReviewDialog(store, NOTICE, today=date(2025, 5, 27))
    qtbot.addWidget(dialog)
    assert "已经存在" in dialog.problem.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_seed_004_brings_its_statistics_table(qtbot, store):
    text = seed_file("004").read_text(encoding="utf-8")
    dialog = NoticeReviewDialog(store, text, today=date(2023, 5, 20))
    qtbot.addWidget(dialog)
    assert dialog.form_template is not None and dialog.use_form.isChecked()
    dialog.confirm()
    campaign = store.campaigns.by_year(2023)
    chosen = {role: key for key, role in store.campaign_forms.chosen(campaign.id)}
    key = chosen["statistics"]
    assert key.startswith("notice-2023") and "liaison" in chosen  # a liaison form too
    from anquanyue_desktop.domain.forms import iter_blanks, table_rows

    template = store.forms.latest(key)
    assert len(table_rows(template)) == 8
    assert sum(1 for _ in iter_blanks(template)) == 75
    assert len(store.deadlines.list(campaign.id)) == 3


def test_input_refuses_a_legacy_doc(qtbot, tmp_path):
    dialog = NoticeInputDialog()
    qtbot.addWidget(dialog)
    old = tmp_path / "通知.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert not dialog.load_file(old)
    assert ".docx" in dialog.error.text()


def test_a_text_pdf_is_read_once_in_reading_order(qtbot, tmp_path, monkeypatch):
    from anquanyue_desktop.exports import pdf
    from anquanyue_desktop.imports import pdf_text

    path = tmp_path / "通知.pdf"
    lines = [line for line in NOTICE.splitlines() if line.strip()]
    pdf.write_pdf(path, [pdf.TextBlock(line, pdf.BODY) for line in lines], title="通知")
    calls = []
    read = pdf_text.page_texts
    monkeypatch.setattr(
        pdf_text, "page_texts", lambda data, **kw: calls.append(1) or read(data, **kw)
    )
    dialog = NoticeInputDialog()
    qtbot.addWidget(dialog)
    assert dialog.load_files([path])
    assert calls == [1]  # it used to be read twice: once to see whether it needs OCR
    assert "请各村于5月30日前报送联络员名单" in dialog.text.toPlainText()
    assert dialog.error.text() == ""


def test_another_year_moves_every_date_the_period_and_the_ordinal(qtbot, store):
    """Seed 002 (2022) set to 2026: what is shown and what is created are both in 2026."""
    dialog = NoticeReviewDialog(store, seed_file("002").read_text(encoding="utf-8"))
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2022 and dialog.ordinal.value() == 21
    dialog.year.setValue(2026)
    assert dialog.ordinal.value() == 25
    assert dialog.period_start.date().toPython() == date(2026, 6, 1)
    assert dialog.period_end.date().toPython() == date(2026, 6, 30)
    lines = [dialog.deadline_list.item(i).text() for i in range(dialog.deadline_list.count())]
    assert any("5月31日（周日）" in line for line in lines), lines
    assert any("7月4日（周六）" in line for line in lines), lines
    dialog.confirm()
    campaign = store.campaigns.by_year(2026)
    assert campaign is not None and campaign.ordinal == 25
    due = sorted(o.due for o in all_occurrences(store.deadlines.list(campaign.id)))
    assert {d.year for d in due} == {2026}
    june_wednesdays = [d for d in due if d.month == 6]
    assert [d.day for d in june_wednesdays] == [3, 10, 17, 24]
    assert all(d.weekday() == 2 and (d.hour, d.minute) == (18, 0) for d in june_wednesdays)
    assert date(2026, 7, 4) in {d.date() for d in due} and date(2026, 5, 31) in {
        d.date() for d in due
    }
    # Back to the notice's own year: its theme and ordinal come back.
    other = NoticeReviewDialog(store, seed_file("002").read_text(encoding="utf-8"))
    qtbot.addWidget(other)
    theme = other.theme.text()
    other.year.setValue(2027)
    other.year.setValue(2022)
    assert other.theme.text() == theme and other.ordinal.value() == 21


def test_the_chosen_deadline_says_why_and_marks_its_words(review):
    review.deadline_list.setCurrentRow(0)
    assert "依据：" in review.why.text() and "5月30日前" in review.why.text()
    assert "把握：" in review.why.text()
    marked = [
        s.cursor.selectedText()
        for s in review.notice.extraSelections()
        if s.format.foreground().color().name() == "#ffffff"
    ]
    assert any("5月30日" in m for m in marked) and any("报送" in m for m in marked)


def test_split_and_join_deadlines_before_confirming(qtbot, store):
    text = NOTICE.replace("7月3日前报送工作总结", "7月3日前报送工作总结和统计表")
    dialog = NoticeReviewDialog(store, text, today=date(2025, 5, 27))
    qtbot.addWidget(dialog)
    titles = [d.title for d in dialog._deadlines]
    row = next(i for i, t in enumerate(titles) if "统计表" in t)
    dialog.deadline_list.setCurrentRow(row)
    dialog.split_selected()
    assert [d.title for d in dialog._deadlines][row : row + 2] == ["工作总结", "统计表"]
    assert dialog.deadline_list.count() == len(titles) + 1
    dialog.deadline_list.clearSelection()
    dialog.deadline_list.item(row).setSelected(True)
    dialog.deadline_list.item(row + 1).setSelected(True)
    dialog.join_selected()
    assert dialog._deadlines[row].title == "工作总结、统计表"
    assert dialog.deadline_list.count() == len(titles)
    assert "拆分或合并" in dialog.why.text()
    dialog.confirm()
    saved = [d.title for d in store.deadlines.list(store.campaigns.by_year(2025).id)]
    assert "工作总结、统计表" in saved and len(saved) == len(titles)


def test_seed_002_on_an_empty_folder_gives_liaison_and_statistics_forms(qtbot, store, data_dir):
    """Done when: no demo, a campaign from seed 002, and the CLI shows both forms."""
    import json
    import subprocess
    import sys

    text = seed_file("002").read_text(encoding="utf-8")
    dialog = NoticeReviewDialog(store, text, today=date(2022, 5, 30))
    qtbot.addWidget(dialog)
    assert dialog.liaison_template is not None and dialog.use_liaison.isChecked()
    dialog.confirm()
    assert dialog.created is not None and not dialog.created.is_demo
    r = subprocess.run(
        [
            *(sys.executable, "-m", "anquanyue_desktop.cli", "forms"),
            *("--data-dir", str(data_dir), "--campaign", "2022", "--json"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    chosen = {c["role"]: c for c in out["chosen"]}
    assert chosen["liaison"]["key"] == "notice-2022-liaison"
    assert chosen["liaison"]["name"] == "荫城镇“安全生产月”活动联络员推荐表"
    assert chosen["statistics"]["key"] == "activity-statistics"
    assert len(out["library"]) >= 6


def test_the_fields_and_the_deadlines_are_shown_beside_the_notice(review, qtbot):
    # A merge once added the right-hand panel to the splitter a second time: its scroll area
    # stayed empty and the fields were squeezed to a few pixels.
    from PySide6.QtWidgets import QScrollArea

    review.resize(1280, 760)
    review.show()
    qtbot.waitExposed(review)
    area = review.findChild(QScrollArea)
    assert area is not None and area.viewport().isAncestorOf(review.deadline_list)
    assert review.deadline_list.isVisible() and review.deadline_list.width() > 300
    assert review.notice.width() > 300


MISSED = NOTICE.replace(
    "重要活动要即时报送。\n",
    "重要活动要即时报送。\n二、材料要求\n隐患排查台账（6月20日前）。\n"
    "6月16日为全国安全宣传咨询日。\n",
)


def test_a_sentence_the_reader_missed_is_listed_and_becomes_a_deadline(qtbot, store):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

    from anquanyue_desktop.ui.deadlines.deadline_dialog import DeadlineDialog

    dialog = NoticeReviewDialog(store, MISSED, today=date(2025, 5, 27))
    qtbot.addWidget(dialog)
    found = dialog.deadline_list.count()
    # Only the handing-over is listed: the event date (咨询日) is shown under 其他信息.
    assert dialog.leftover_list.count() == 1
    assert dialog.leftover_list.item(0).text() == "隐患排查台账（6月20日前）"
    tabs = dialog.info_tabs
    assert tabs.tabText(tabs.currentIndex()) == "可能遗漏的报送要求（1）"  # in front
    assert tabs.tabText(0) == "其他信息（供核对）"
    assert "重要日子：安全宣传咨询日 6月16日" in [dialog.others.item(i).text() for i in range(2)]
    hints = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("紫色：可能遗漏的报送要求" in h for h in hints)  # its colour named
    assert not dialog.add_leftover_button.isEnabled()

    dialog.leftover_list.setCurrentRow(0)
    cursor = dialog.notice.textCursor()
    assert MISSED.index("隐患排查台账（6月20日前）") == cursor.position()  # scrolled to it
    marked = [
        (s.cursor.selectedText(), s.format.background().color().name())
        for s in dialog.notice.extraSelections()
    ]
    assert ("隐患排查台账（6月20日前）", "#ba68c8") in marked  # its own colour, chosen
    assert ("6月20日前", "#6a1b9a") in marked and ("台账", "#6a1b9a") in marked
    assert dialog.leftover_why.text() == "含日期和“台账”，未读出报送节点。"

    seen = []

    def accept_editor():
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, DeadlineDialog)
        seen.append((editor.title.text(), editor.on.date().toPython()))
        editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, accept_editor)
    dialog.add_leftover_button.click()
    assert seen == [("隐患排查台账", date(2025, 6, 20))]  # prefilled from the sentence
    assert dialog.deadline_list.count() == found + 1
    added = dialog.deadline_list.item(found)
    assert added.checkState() == Qt.CheckState.Checked and "隐患排查台账" in added.text()
    assert dialog.leftover_list.count() == 0 and tabs.tabText(1) == "可能遗漏的报送要求（无）"
    assert dialog.add_leftover_button.isHidden() and dialog.leftover_list.isHidden()
    assert "由“可能遗漏”添加" in dialog.why.text()

    dialog.confirm()
    assert dialog.created is not None
    saved = store.deadlines.list(store.campaigns.by_year(2025).id)
    (ledger,) = [d for d in saved if d.title == "隐患排查台账"]
    assert ledger.rule.on == date(2025, 6, 20) and "隐患排查台账（6月20日前）" in ledger.notes
    assert len(saved) == found + 1


def test_a_leftover_cancelled_in_the_editor_stays_listed(qtbot, store, monkeypatch):
    from anquanyue_desktop.ui.deadlines.deadline_dialog import DeadlineDialog

    dialog = NoticeReviewDialog(store, MISSED, today=date(2025, 5, 27))
    qtbot.addWidget(dialog)
    found = dialog.deadline_list.count()
    monkeypatch.setattr(DeadlineDialog, "exec", lambda _self: DeadlineDialog.DialogCode.Rejected)
    dialog.leftover_list.setCurrentRow(0)
    dialog.add_leftover()
    assert dialog.leftover_list.count() == 1 and dialog.deadline_list.count() == found
    assert dialog.add_leftover_button.isEnabled()  # still chosen, can be added later


def test_a_leftover_added_after_moving_the_year_moves_with_it(qtbot, store, monkeypatch):
    from anquanyue_desktop.ui.deadlines.deadline_dialog import DeadlineDialog

    dialog = NoticeReviewDialog(store, MISSED, today=date(2025, 5, 27))
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    monkeypatch.setattr(DeadlineDialog, "exec", lambda _self: DeadlineDialog.DialogCode.Accepted)
    dialog.leftover_list.setCurrentRow(0)
    dialog.add_leftover()
    assert dialog._deadlines[-1].rule.on == date(2026, 6, 20)


def test_the_right_panel_fits_beside_the_notice_on_a_1024_pixel_screen(review):
    from PySide6.QtWidgets import QScrollArea

    # The deadline buttons beside their label asked for 582 pixels and 修改所选节点 was cut
    # off on a 1024-pixel screen; under it they need far less.
    panel = review.findChildren(QScrollArea)[0].widget()
    assert panel.minimumSizeHint().width() <= 450
