"""报送节点 page: the campaign's deadlines, with their rules and next due dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign
from ...domain.deadlines import DIRECTION_IN, ONCE, Deadline, DeadlineRule, format_due, occurrences
from ...domain.delivery import delivery_of
from ...domain.validation import ValidationError
from ...domain.workdays import WorkCalendar
from ...store import Store, StoreError
from ...usecases.deadlines import (
    campaign_deadlines,
    delete_deadline,
    delete_deadline_id,
    load_work_calendar,
    recorded_under,
    save_deadline,
    take_back_deadline_edit,
    take_back_new_deadline,
)
from ...usecases.undo import deadline_redo_refusal, restore_deadline
from ...usecases.units import active_units
from ..widgets import messages
from ..widgets.export_actions import ask_export_path, export_to
from ..widgets.table_models import RowTableModel
from ..widgets.undo import LiveIds, StoreCommand, UndoStackMethods
from .deadline_dialog import DeadlineDialog


class DeadlineTableModel(RowTableModel):
    HEADERS = ("报送内容", "方向", "规则", "下一次截止", "报送单位", "怎样算已报", "材料要求")

    def rows(self):
        return self.deadlines

    def __init__(self, parent=None):
        super().__init__(parent)
        self.deadlines: list[Deadline] = []
        self.calendar = WorkCalendar()
        self.now = datetime.now()
        self.unit_count = 0

    def set_data(
        self, deadlines: list[Deadline], calendar: WorkCalendar, unit_count: int, now: datetime
    ) -> None:
        self.beginResetModel()
        self.deadlines, self.calendar, self.unit_count, self.now = (
            deadlines,
            calendar,
            unit_count,
            now,
        )
        self.endResetModel()

    def _next_due(self, d: Deadline) -> str:
        occ = occurrences(d)
        if not occ:
            return "随时"
        upcoming = [o for o in occ if not o.is_past(self.now)]
        if not upcoming:
            return f"已全部截止（{format_due(occ[-1])}）"
        o = upcoming[0]
        note = self.calendar.note(o.due.date())
        return format_due(o) + (f"〔{note}〕" if note else "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.deadlines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return d.title
            if col == 1:
                return "收（下级报）" if d.direction == DIRECTION_IN else "报（报上级）"
            if col == 2:
                return d.rule.describe()
            if col == 3:
                return self._next_due(d)
            if col == 4:
                if d.direction != DIRECTION_IN:
                    return "本级"
                return "全部单位" if d.unit_ids is None else f"{len(d.unit_ids)} 个单位"
            if col == 5:
                return delivery_of(d).text if d.direction == DIRECTION_IN else "—"
            if col == 6:
                return d.materials
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 5:
                return delivery_of(d).describe()
            return d.notes or d.materials or None
        return None


class DeadlinesPage(UndoStackMethods, QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.campaign: Campaign | None = None
        # 编辑 › 撤销/重做 of adding, editing and deleting. A deletion taken back saves the
        # deadline (and what was recorded under it) anew: ``_live`` knows its id now.
        self.undo_stack = QUndoStack(self)
        self._live = LiveIds()
        title = QLabel("报送节点")
        title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("problems")
        self.warning.setWordWrap(True)
        self.model = DeadlineTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((180, 90, 220, 200, 80, 90)):
            self.table.setColumnWidth(col, width)

        self.add_button = QPushButton("新增…")
        self.edit_button = QPushButton("编辑…")
        self.delete_button = QPushButton("删除")
        self.ics_button = QPushButton("导出到手机日历（.ics）…")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.ics_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.ics_button.clicked.connect(self.export_ics)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

    def set_store(self, store: Store) -> None:
        self.store = store
        self.undo_stack.clear()

    def set_campaign(self, campaign: Campaign | None) -> None:
        if campaign != self.campaign:
            self.undo_stack.clear()
        self.campaign = campaign
        self.refresh()

    # -- 编辑 › 撤销/重做 -------------------------------------------------------------------

    def _undone(self) -> None:
        self.refresh()
        self.changed.emit()

    def _record_save(self, before: Deadline, after: Deadline) -> None:
        assert after.id is not None
        key = self._live.first(after.id)
        kept: dict[str, list] = {"submissions": []}

        def undo() -> None:
            live = self._live.now(key)
            if before.id is None:  # it was new: it goes, with anything recorded under it since
                kept["submissions"] = take_back_new_deadline(self.store, replace(after, id=live))
            else:
                take_back_deadline_edit(self.store, before, live)

        def redo() -> None:
            if before.id is None:
                again = restore_deadline(self.store, after, kept["submissions"])
                assert again.id is not None
                self._live.moved(key, again.id)
            else:
                take_back_deadline_edit(self.store, after, self._live.now(key))

        verb = "添加" if before.id is None else "修改"
        self.undo_stack.push(
            StoreCommand(f"{verb}报送节点“{after.title}”", undo, redo, self._undone)
        )

    def work_calendar(self) -> WorkCalendar:
        return load_work_calendar(self.store)

    def refresh(self) -> None:
        enabled = self.campaign is not None
        for b in (self.add_button, self.edit_button, self.delete_button, self.ics_button):
            b.setEnabled(enabled)
        if self.campaign is None:
            self.model.set_data([], WorkCalendar(), 0, datetime.now())
            self.hint.setText("请先在“活动年度”中建立今年的活动。")
            self.warning.clear()
            return
        deadlines = campaign_deadlines(self.store, self.campaign)
        calendar = self.work_calendar()
        units = active_units(self.store)
        self.model.set_data(deadlines, calendar, len(units), datetime.now())
        self.hint.setText(
            f"{self.campaign.title}：共 {len(deadlines)} 个报送节点。“收”是下级单位向本级报送，"
            "“报”是本级向上级报送。截止日期遇周末、节假日会标出。双击可编辑。"
        )
        days = [o.due.date() for d in deadlines for o in occurrences(d)]
        self.warning.setText(calendar.warning_for_days(days) or "")

    def selected(self) -> Deadline | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.deadlines[rows[0].row()] if rows else None

    def _edit(self, deadline: Deadline) -> None:
        dialog = DeadlineDialog(deadline, active_units(self.store), self.work_calendar(), self)
        if dialog.exec() != DeadlineDialog.DialogCode.Accepted:
            return
        try:
            saved = save_deadline(self.store, dialog.deadline())
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return
        self._record_save(deadline, saved)
        self.refresh()
        self.changed.emit()

    def add(self) -> None:
        if self.campaign is None:
            return
        start = self.campaign.period_start or date.today()
        self._edit(Deadline(self.campaign.id, "", DeadlineRule(ONCE, on=start)))

    def edit_selected(self) -> None:
        d = self.selected()
        if d is not None:
            self._edit(d)

    def delete_selected(self) -> None:
        d = self.selected()
        if d is None:
            return
        recorded = recorded_under(self.store, d)
        extra = (
            f"\n其下已登记的 {recorded} 条报送记录也会一并删除（可通过恢复备份找回）。"
            if recorded
            else ""
        )
        if not messages.ask(self, "删除报送节点", f"删除“{d.title}”？{extra}"):
            return
        assert d.id is not None
        try:
            submissions = delete_deadline(self.store, d)
        except StoreError as exc:
            messages.error(self, "删除失败", exc.message)
            return
        key = self._live.first(d.id)

        def undo() -> None:
            again = restore_deadline(self.store, d, submissions)
            assert again.id is not None
            self._live.moved(key, again.id)

        self.undo_stack.push(
            StoreCommand(
                f"删除报送节点“{d.title}”",
                undo,
                lambda: delete_deadline_id(self.store, self._live.now(key)),
                self._undone,
                # Receipts recorded under it since the undo (the grid) would go unasked.
                lambda: deadline_redo_refusal(self.store, self._live.now(key), d, submissions),
            )
        )
        self.refresh()
        self.changed.emit()

    def export_ics(self) -> None:
        from ...exports.ics import ics_file_name, write_ics

        if self.campaign is None:
            return
        deadlines = campaign_deadlines(self.store, self.campaign)
        out = ask_export_path(
            self, "导出日历文件", ics_file_name(self.campaign, date.today()), "ics"
        )
        if out is None:
            return
        campaign = self.campaign
        export_to(
            self,
            out,
            lambda path: write_ics(campaign, deadlines, path, now=datetime.now()),
            "日历文件（可导入手机日历或 Outlook）",
        )
