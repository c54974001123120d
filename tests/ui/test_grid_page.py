"""报送情况 grid: marking from the keyboard, statuses from the domain, rates, chase list."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QInputDialog

from anquanyue_desktop.domain.campaign_templates import YINCHENG_2022
from anquanyue_desktop.domain.deadlines import (
    DIRECTION_OUT,
    ONCE,
    Deadline,
    DeadlineRule,
)
from anquanyue_desktop.domain.submissions import (
    EXEMPT,
    LATE,
    ON_TIME,
    OVERDUE,
    PENDING,
    Submission,
)
from anquanyue_desktop.store.errors import StoreError
from anquanyue_desktop.ui.grid import chase_dialog
from anquanyue_desktop.ui.grid import model as grid_model
from anquanyue_desktop.ui.grid.model import OWN_ROW_LABEL, STATUS_BACKGROUND, STATUS_ROLE
from anquanyue_desktop.ui.grid.page import GridPage
from anquanyue_desktop.ui.grid.submission_dialog import MODE_EXEMPT, SubmissionDialog
from anquanyue_desktop.usecases.campaigns import create_campaign

UNITS = ["甲村", "乙村", "丙社区"]
WEEKLY = "周活动开展情况"
# Week 2 of the weekly report is due 2022-06-08 (Wednesday) 18:00.
DUE = datetime(2022, 6, 8, 18, 0)
JUST_LATE = datetime(2022, 6, 8, 18, 0, 30)
WEEK2 = 1  # its column


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def campaign(store):
    c, deadlines = YINCHENG_2022.for_year(2022)
    store.units.add_names(UNITS)
    return create_campaign(store, c, deadlines)


@pytest.fixture
def clock():
    return Clock(JUST_LATE)


@pytest.fixture
def page(qtbot, store, campaign, clock, dialogs):
    p = GridPage(store)
    p.clock = clock
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.set_campaign(campaign)
    p.show()
    return p


def unit_ids(store) -> list[int]:
    return [u.id for u in store.units.list()]


def deadline_id(store, campaign, title: str) -> int:
    return next(d.id for d in store.deadlines.list(campaign.id) if d.title == title)


def recorded(store, campaign) -> dict[tuple[str, int | None], Submission]:
    """What the store holds for the weekly report, by (occurrence key, unit)."""
    weekly = deadline_id(store, campaign, WEEKLY)
    return {
        (key, unit): s
        for (d, key, unit), s in store.submissions.for_campaign(campaign.id).items()
        if d == weekly
    }


def status(page, row: int, col: int) -> str | None:
    return page.model.data(page.model.index(row, col), STATUS_ROLE)


def text(page, row: int, col: int) -> str:
    return page.model.data(page.model.index(row, col))


def press(qtbot, page, row: int, col: int, key, modifier=Qt.KeyboardModifier.NoModifier):
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row, col))
    qtbot.keyClick(page.view, key, modifier)


def test_the_grid_shows_units_by_occurrences_of_the_chosen_deadline(page, store, campaign):
    # Only deadlines with a date are offered; the one due next is chosen, at its column.
    offered = [page.deadline_combo.itemText(i) for i in range(page.deadline_combo.count())]
    assert [t.split("（")[0] for t in offered] == ["联络员推荐表", "活动方案", WEEKLY, "工作总结"]
    assert page.deadline_combo.currentText().startswith(WEEKLY)
    assert page.view.currentIndex().column() == WEEK2
    model = page.model
    assert (model.rowCount(), model.columnCount()) == (4, 6)  # 3 units + 合计, 5 weeks + rates
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(4)] == [*UNITS, "合计"]
    assert model.headerData(WEEK2, Qt.Orientation.Horizontal) == "第2周\n6月8日（周三）\n18:00"
    assert model.headerData(5, Qt.Orientation.Horizontal) == "按时率\n报送率"
    # 18:00:30: week 1 and 2 are overdue, week 3 still open.
    assert [status(page, 0, c) for c in range(3)] == [OVERDUE, OVERDUE, PENDING]
    assert text(page, 0, WEEK2) == "逾期"
    assert "逾期未报 3" in page.column_summary.text()
    # A one-off deadline: one column titled with the deadline.
    page.select_deadline(deadline_id(store, campaign, "联络员推荐表"))
    assert page.model.columnCount() == 2
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "联络员推荐表\n5月31日（周二）"


def test_space_after_the_due_second_is_late_and_before_it_on_time(
    qtbot, page, store, campaign, clock
):
    with qtbot.waitSignal(page.changed):
        press(qtbot, page, 0, WEEK2, Qt.Key.Key_Space)
    saved = recorded(store, campaign)[("2022-06-08", unit_ids(store)[0])]
    assert saved.received_at == JUST_LATE
    assert status(page, 0, WEEK2) == LATE  # 18:00:30 > 18:00: the rule, not overridden
    assert text(page, 0, WEEK2) == "补报\n6/8 18:00:30"
    assert "逾期补报" in page.status_label.text()
    # The cursor moved down, ready for the next unit.
    assert page.view.currentIndex().row() == 1
    clock.now = datetime(2022, 6, 8, 17, 59, 59, 123456)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    saved = recorded(store, campaign)[("2022-06-08", unit_ids(store)[1])]
    assert saved.received_at == datetime(2022, 6, 8, 17, 59, 59)  # seconds precision
    assert status(page, 1, WEEK2) == ON_TIME
    # Marking a delivered cell again does not move its time.
    press(qtbot, page, 1, WEEK2, Qt.Key.Key_Space)
    assert recorded(store, campaign)[("2022-06-08", unit_ids(store)[1])] == saved
    assert "F2" in page.status_label.text()


def test_delete_clears_and_undo_puts_it_back(qtbot, page, store, campaign):
    first = unit_ids(store)[0]
    store.submissions.record(
        [
            Submission(
                deadline_id(store, campaign, WEEKLY),
                "2022-06-08",
                first,
                received_at=datetime(2022, 6, 8, 9, 30),
                note="电话确认",
            )
        ]
    )
    page.refresh()
    assert status(page, 0, WEEK2) == ON_TIME
    assert text(page, 0, WEEK2) == "按时＊\n6/8 09:30"
    assert "备注：电话确认" in page.model.data(
        page.model.index(0, WEEK2), Qt.ItemDataRole.ToolTipRole
    )
    press(qtbot, page, 0, WEEK2, Qt.Key.Key_Delete)
    assert recorded(store, campaign) == {}
    assert status(page, 0, WEEK2) == OVERDUE
    assert page.can_undo() and page.undo()  # Ctrl+Z in the window: test_undo.py
    restored = recorded(store, campaign)[("2022-06-08", first)]
    assert (restored.received_at, restored.note) == (datetime(2022, 6, 8, 9, 30), "电话确认")
    press(qtbot, page, 0, WEEK2, Qt.Key.Key_Backspace)
    assert recorded(store, campaign) == {}


def test_several_cells_are_marked_in_one_call(qtbot, page, store, campaign, monkeypatch):
    calls = []
    original = store.submissions.record

    def spy(batch):
        batch = list(batch)
        calls.append(batch)
        return original(batch)

    monkeypatch.setattr(store.submissions, "record", spy)
    # Keyboard selection down the week-2 column, then a mouse-selected cell of week 3.
    press(qtbot, page, 0, WEEK2, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    page.view.selectionModel().select(
        page.model.index(2, WEEK2 + 1), page.view.selectionModel().SelectionFlag.Select
    )
    assert len(page.selected_cells()) == 3
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.mark_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 1 and len(calls[0]) == 3
    a, b, c = unit_ids(store)
    got = recorded(store, campaign)
    assert set(got) == {("2022-06-08", a), ("2022-06-08", b), ("2022-06-15", c)}
    assert [status(page, r, WEEK2) for r in range(3)] == [LATE, LATE, OVERDUE]
    assert status(page, 2, WEEK2 + 1) == ON_TIME
    # The selection survives the write, so the same cells can be cleared together.
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 2 and recorded(store, campaign) == {}


def test_colours_and_rates(page, store, campaign):
    weekly = deadline_id(store, campaign, WEEKLY)
    a, b, c = unit_ids(store)
    store.submissions.record(
        [
            Submission(weekly, "2022-06-01", a, received_at=datetime(2022, 6, 1, 17)),
            Submission(weekly, "2022-06-01", b, received_at=datetime(2022, 6, 2, 9)),
            Submission(weekly, "2022-06-01", c, exempt_reason="停产整顿"),
            Submission(weekly, "2022-06-08", a, received_at=datetime(2022, 6, 8, 12)),
        ]
    )
    page.refresh()
    model = page.model
    cells = {(0, 0): ON_TIME, (1, 0): LATE, (2, 0): EXEMPT, (1, 1): OVERDUE, (0, 2): PENDING}
    for (row, col), expected in cells.items():
        assert status(page, row, col) == expected
        brush = model.data(model.index(row, col), Qt.ItemDataRole.BackgroundRole)
        assert brush.color() == STATUS_BACKGROUND[expected]
    assert text(page, 2, 0) == "免报\n停产整顿"
    tip = model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole)
    assert "免报原因：停产整顿" in tip
    # 合计 of week 1: 2 owe it (the exempt one does not), both delivered, 1 on time.
    assert text(page, 3, 0) == "已报 2/2\n按时 50%\n报送 100%"
    assert text(page, 3, 1) == "已报 1/3\n按时 33%\n报送 33%"
    # Per unit, what is due by now (weeks 1-2): 甲 both on time, 乙 late + overdue.
    assert text(page, 0, 5) == "按时 100%\n报送 100%"
    assert text(page, 1, 5) == "按时 0%\n报送 50%"
    assert text(page, 2, 5) == "按时 0%\n报送 0%"  # exempt week 1, overdue week 2
    assert model.flags(model.index(3, 0)) & Qt.ItemFlag.ItemIsSelectable == Qt.ItemFlag(0)


def test_exempt_asks_for_a_reason(qtbot, page, store, campaign, monkeypatch, dialogs):
    answers = [("  ", True), ("停产整顿", True)]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: answers.pop(0))
    press(qtbot, page, 1, WEEK2, Qt.Key.Key_E)
    assert any("免报原因" in t for t in dialogs.texts("warning"))
    saved = recorded(store, campaign)[("2022-06-08", unit_ids(store)[1])]
    assert saved.exempt_reason == "停产整顿" and saved.received_at is None
    assert status(page, 1, WEEK2) == EXEMPT
    # Cancelled: nothing written.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    press(qtbot, page, 0, WEEK2, Qt.Key.Key_E)
    assert len(recorded(store, campaign)) == 1


def test_f2_sets_the_received_time_by_hand(qtbot, page, store, campaign, monkeypatch):
    def fill(dialog):
        dialog.set_received(datetime(2022, 6, 8, 17, 45))
        dialog.note.setText("微信发来")
        dialog.materials.setText("照片3张")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SubmissionDialog, "exec", fill)
    press(qtbot, page, 2, WEEK2, Qt.Key.Key_F2)
    saved = recorded(store, campaign)[("2022-06-08", unit_ids(store)[2])]
    assert (saved.received_at, saved.note, saved.materials) == (
        datetime(2022, 6, 8, 17, 45),
        "微信发来",
        "照片3张",
    )
    assert status(page, 2, WEEK2) == ON_TIME
    tip = page.model.data(page.model.index(2, WEEK2), Qt.ItemDataRole.ToolTipRole)
    assert "收到材料：照片3张" in tip and "备注：微信发来" in tip


def test_the_submission_dialog_refuses_the_future_and_an_empty_reason(qtbot, page):
    page.view.setCurrentIndex(page.model.index(0, WEEK2))
    dialog = page.make_submission_dialog(page.selected_cells())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.submission().received_at == JUST_LATE  # default: now
    assert dialog.result_label.text() == f"将记为：{LATE}"
    dialog.set_received(datetime(2022, 6, 8, 18, 1))
    assert "收到时间不能晚于现在" in dialog.problems_label.text()
    assert not ok.isEnabled()
    dialog.set_mode(MODE_EXEMPT)
    assert "请填写免报原因" in dialog.problems_label.text()
    dialog.exempt_reason.setText("本次不涉及")
    assert ok.isEnabled() and dialog.result_label.text() == f"将记为：{EXEMPT}"
    assert dialog.submission().received_at is None


def test_a_store_failure_shows_an_error_and_changes_nothing(
    qtbot, page, store, campaign, monkeypatch, dialogs
):
    def fail(_batch):
        raise StoreError("磁盘空间已满，无法保存。请清理磁盘后重试。")

    monkeypatch.setattr(store.submissions, "record", fail)
    emitted = []
    page.changed.connect(lambda: emitted.append(1))
    press(qtbot, page, 0, WEEK2, Qt.Key.Key_Space)
    assert dialogs.texts("critical") == ["保存失败|磁盘空间已满，无法保存。请清理磁盘后重试。"]
    assert recorded(store, campaign) == {}
    assert status(page, 0, WEEK2) == OVERDUE
    assert emitted == [] and not page.undo_button.isEnabled()


def test_units_a_deadline_does_not_cover_are_blank_and_own_reports_have_one_row(
    qtbot, page, store, campaign
):
    b = unit_ids(store)[1]
    rule = DeadlineRule(ONCE, on=date(2022, 6, 10), at=time(12))
    some = store.deadlines.save(Deadline(campaign.id, "统计表", rule, unit_ids=frozenset({b})))
    own = store.deadlines.save(Deadline(campaign.id, "向县里报总结", rule, DIRECTION_OUT))
    page.refresh()
    page.select_deadline(some.id)
    model = page.model
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    assert text(page, 0, 0) is None and status(page, 1, 0) == PENDING
    assert text(page, 3, 0).startswith("已报 0/1")
    page.select_deadline(own.id)
    assert page.deadline_combo.currentText().startswith("【报上级】向县里报总结")
    assert model.rowCount() == 2
    assert model.headerData(0, Qt.Orientation.Vertical) == OWN_ROW_LABEL
    assert not page.chase_button.isEnabled()
    press(qtbot, page, 0, 0, Qt.Key.Key_Space)
    got = store.submissions.for_campaign(campaign.id)
    assert got[(own.id, "2022-06-10", None)].received_at == JUST_LATE
    assert status(page, 0, 0) == ON_TIME


def test_the_chase_list_names_exactly_the_outstanding_units(
    qtbot, page, store, campaign, monkeypatch, tmp_path, dialogs
):
    weekly = deadline_id(store, campaign, WEEKLY)
    store.submissions.record(
        [Submission(weekly, "2022-06-08", unit_ids(store)[1], received_at=DUE)]
    )
    page.refresh()
    page.view.setCurrentIndex(page.model.index(0, WEEK2))
    dialog = page.make_chase_dialog()
    qtbot.addWidget(dialog)
    assert [r.unit_name for r in dialog.rows] == ["甲村", "丙社区"]
    assert [(r.liaison_name, r.mobile) for r in dialog.rows] == [("", "")] * 2
    message = dialog.message.toPlainText()
    assert "1. 甲村" in message and "2. 丙社区" in message and "乙村" not in message
    assert "已逾期" in message
    assert dialog.summary.text() == "共2个单位尚未报送（均已逾期）"
    dialog.copy_message()
    assert QGuiApplication.clipboard().text() == dialog.message_text()
    # Excel export through the usual save dialog.
    out = tmp_path / "催报.xlsx"
    monkeypatch.setattr(chase_dialog, "ask_export_path", lambda *a: out)
    assert dialog.export("xlsx")
    import openpyxl

    cells = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "甲村" in cells and "丙社区" in cells and "乙村" not in cells
    assert any(t.startswith("导出完成") for t in dialogs.texts("box"))


def test_the_chase_list_says_when_everybody_delivered(qtbot, page, store, campaign, monkeypatch):
    weekly = deadline_id(store, campaign, WEEKLY)
    store.submissions.record(
        [Submission(weekly, "2022-06-08", u, received_at=DUE) for u in unit_ids(store)]
    )
    page.refresh()
    opened = []
    monkeypatch.setattr(chase_dialog.ChaseDialog, "exec", lambda d: opened.append(d) or 0)
    page.view.setCurrentIndex(page.model.index(0, WEEK2))
    qtbot.mouseClick(page.chase_button, Qt.MouseButton.LeftButton)
    (dialog,) = opened
    assert dialog.summary.text() == "全部单位均已报送"
    assert not dialog.pdf_button.isEnabled() and dialog.table.isHidden()


def test_without_a_campaign_the_page_says_what_to_do(qtbot, store, dialogs):
    p = GridPage(store)
    qtbot.addWidget(p)
    p.set_campaign(None)
    assert "活动年度" in p.notice.text()
    assert p.model.rowCount() == 0 and not p.mark_button.isEnabled()
    assert not p.mark_received() and not p.clear_selected()


def test_marks_use_the_clock_attribute(page, clock):
    assert page.now() == JUST_LATE
    clock.now = JUST_LATE.replace(microsecond=999)
    assert page.now() == JUST_LATE
    assert grid_model.short_time(datetime(2022, 6, 8, 17, 30)) == "6/8 17:30"


def test_show_occurrence_and_double_click(qtbot, page, store, campaign, monkeypatch):
    page.show_occurrence(deadline_id(store, campaign, WEEKLY), "2022-06-22")
    assert page.deadline_combo.currentText().startswith(WEEKLY)
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (0, 3)
    assert page.column_summary.text().startswith("第4周（6月22日（周三）18:00前）：未报 3")
    opened = []
    monkeypatch.setattr(SubmissionDialog, "exec", lambda d: opened.append(d) or 0)
    index = page.model.index(1, 3)
    page.view.scrollTo(index)
    rect = page.view.visualRect(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened and opened[0].occurrence.key == "2022-06-22"
    assert opened[0].target.unit_id == unit_ids(store)[1]
    assert recorded(store, campaign) == {}  # cancelled
