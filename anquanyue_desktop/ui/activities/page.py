"""活动记录 page: what the units did, with photos and videos; filter by unit, category, week, text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.activities import (
    LINK,
    PHOTO,
    VIDEO,
    Activity,
    ActivityWeek,
    media_counts,
    media_summary,
    search_text,
)
from ...domain.campaign import Campaign
from ...domain.validation import ValidationError
from ...store import Store, StoreError
from ...store.activity_repository import OWN_ACTIVITIES
from ...usecases.activities import (
    activity_categories,
    activity_weeks,
    campaign_activities,
    delete_activity,
    delete_activity_id,
    find_activities,
    media_files,
    new_activity,
    photo_picks,
    save_activity_categories,
    units_to_log_for,
)
from ...usecases.receipts import Receipts, save_activity
from ...usecases.undo import activity_redo_refusal, restore_activity, take_back_activity_save
from ...usecases.units import all_units
from ...usecases.works import works_items
from ..widgets import messages
from ..widgets.receipts import announce_receipts
from ..widgets.table_models import RowTableModel
from ..widgets.undo import LiveIds, StoreCommand, UndoStackMethods
from .activity_dialog import ActivityDialog

OWN_LABEL = "本级"
WEEKDAYS = "一二三四五六日"


class ActivityTableModel(RowTableModel):
    HEADERS = ("日期", "开展单位", "类别", "活动名称", "地点", "参与人次", "附件", "重要")

    def rows(self):
        return self.activities

    def __init__(self, parent=None):
        super().__init__(parent)
        self.activities: list[Activity] = []
        self.unit_names: dict[int, str] = {}

    def set_data(self, activities: list[Activity], unit_names: dict[int, str]) -> None:
        self.beginResetModel()
        self.activities, self.unit_names = activities, unit_names
        self.endResetModel()

    def unit_name(self, a: Activity) -> str:
        if a.unit_id is None:
            return OWN_LABEL
        return self.unit_names.get(a.unit_id, "（已删除的单位）")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.activities[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{a.on.month}月{a.on.day}日（周{WEEKDAYS[a.on.weekday()]}）"
            if col == 1:
                return self.unit_name(a)
            if col == 2:
                return a.category
            if col == 3:
                return a.title
            if col == 4:
                return a.place
            if col == 5:
                return "" if a.participants is None else str(a.participants)
            if col == 6:
                return media_summary(a.media)
            if col == 7:
                return "★ 重要" if a.important else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and a.important and col in (3, 7):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return a.description or None
        return None


class ActivitiesPage(UndoStackMethods, QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.weeks: list[ActivityWeek] = []
        self._all: list[Activity] = []
        self._names: dict[int, str] = {}
        self._texts: list[str] = []
        self.weeks: list[ActivityWeek] = []
        # 编辑 › 撤销/重做 of adding, editing and deleting. A deletion taken back saves the
        # activity anew: ``_live`` knows its id now.
        self.undo_stack = QUndoStack(self)
        self._live = LiveIds()
        self._reselect: int | None = None

        title = QLabel("活动记录")
        title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)

        self.unit_filter = QComboBox()
        self.unit_filter.setMinimumWidth(180)
        self.category_filter = QComboBox()
        self.category_filter.setMinimumWidth(130)
        self.week_filter = QComboBox()
        self.week_filter.setMinimumWidth(240)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索名称、地点、内容、单位，或拼音首字母如 dc（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("单位："))
        filters.addWidget(self.unit_filter)
        filters.addWidget(QLabel("类别："))
        filters.addWidget(self.category_filter)
        filters.addWidget(QLabel("周次："))
        filters.addWidget(self.week_filter)
        filters.addWidget(self.search, 1)

        self.model = ActivityTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((110, 170, 110, 0, 130, 76, 130, 70)):
            if width:
                self.table.setColumnWidth(col, width)
        self.summary = QLabel()
        self.summary.setObjectName("pageHint")

        self.add_button = QPushButton("新增活动…")
        self.add_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("编辑…")
        self.edit_button.setToolTip("回车")
        self.delete_button = QPushButton("删除")
        self.categories_button = QPushButton("活动类别…")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.categories_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.categories_button.clicked.connect(self.edit_categories)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())  # Enter on a row
        for combo in (self.unit_filter, self.category_filter, self.week_filter):
            combo.currentIndexChanged.connect(self._reload)
        self.search.textChanged.connect(self._reload)
        QShortcut(QKeySequence.StandardKey.New, self, self.add)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected)

    # -- campaign and filters ---------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.undo_stack.clear()

    def set_campaign(self, campaign: Campaign | None) -> None:
        if campaign is None or getattr(self, "campaign", None) != campaign:
            self.undo_stack.clear()
        self.campaign = campaign
        self.refresh()

    # -- 编辑 › 撤销/重做 -------------------------------------------------------------------

    def _undone(self) -> None:
        self.refresh()
        if self._reselect is not None:  # the activity brought back, where the clerk sees it
            self.select(self._reselect)
            self._reselect = None
        self.changed.emit()
        # Receipts cleared or written again: the boards (grid, dashboard…) read them anew.
        refresh_boards = getattr(self.window(), "refresh_boards", None)
        if callable(refresh_boards):
            refresh_boards()

    def _record_save(self, before: Activity, after: Activity, receipts: Receipts) -> None:
        """Undo puts ``before`` back (or removes the new one) and clears what the save marked
        received; redo saves ``after`` again, marking it received again."""
        assert after.id is not None
        key = self._live.first(after.id)
        state: dict = {"receipts": receipts, "picks": None}
        was = None if before.id is None else before

        def undo() -> None:
            live = self._live.now(key)
            take_back_activity_save(self.store, state["receipts"], was, live)
            if was is not None:  # what the undo left, for the redo to find unchanged
                state["picks"] = photo_picks(self.store, replace(was, id=live))

        def redo_refusal() -> str | None:
            # Captions and picks changed since the undo (周报 page) would be overwritten.
            if was is None:
                return None  # added again: nothing of later work is in its way
            live = self._live.now(key)
            return activity_redo_refusal(self.store, live, was, state["picks"], deleting=False)

        def redo() -> None:
            again = replace(after, id=self._live.now(key) if was is not None else None)
            saved, state["receipts"] = save_activity(self.store, again)
            if saved.id is not None:
                self._live.moved(key, saved.id)
            # Marked received again: the banner offers 撤销登记 for them, as after the save.
            announce_receipts(self, state["receipts"])

        verb = "添加" if was is None else "修改"
        self.undo_stack.push(
            StoreCommand(f"{verb}活动“{after.title}”", undo, redo, self._undone, redo_refusal)
        )

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Reloads the filter choices (keeping the chosen ones) and the list."""
        enabled = self.campaign is not None
        for w in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.categories_button,
            self.unit_filter,
            self.category_filter,
            self.week_filter,
            self.search,
        ):
            w.setEnabled(enabled)
        if self.campaign is None:
            self.hint.setText("请先在“活动年度”中建立今年的活动。")
            self._fill_filters([], (), [])
            self.model.set_data([], {})
            self.summary.clear()
            return
        self.hint.setText(
            f"{self.campaign.title}：登记各单位报来的活动、照片和视频，周报和工作总结从这里汇总。"
            "双击或回车编辑，Ctrl+N 新增。"
        )
        units = all_units(self.store)
        self._names = {u.id: u.name for u in units if u.id is not None}
        try:
            # Read once; every filter and keystroke then works on these in memory.
            self._all = campaign_activities(self.store, self.campaign)
        except StoreError as exc:
            messages.error(self, "读取失败", exc.message)
            self._all = []
        self._texts = [search_text(a, self._names) for a in self._all]
        self.weeks = activity_weeks(self.store, self.campaign, self._all)
        self._fill_filters(
            [(u.name, u.id) for u in units if u.active],
            activity_categories(self.store, self.campaign),
            self.weeks,
        )
        self._reload()

    def _fill_filters(
        self,
        units: list[tuple[str, int]],
        categories: tuple[str, ...],
        weeks: list[ActivityWeek],
    ) -> None:
        def fill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

        fill(self.unit_filter, "全部单位", [(OWN_LABEL, OWN_ACTIVITIES), *units])
        fill(self.category_filter, "全部类别", [(c, c) for c in categories])
        fill(
            self.week_filter,
            "全部周次",
            [(f"{w.label}：{w.span}", i) for i, w in enumerate(weeks)],
        )

    def _reload(self, *_args: object) -> None:
        if self.campaign is None:
            return
        week_index = self.week_filter.currentData()
        found = find_activities(
            self._all,
            self._names,
            self.search.text(),
            unit_id=self.unit_filter.currentData(),
            category=self.category_filter.currentData(),
            week=self.weeks[week_index] if week_index is not None else None,
            texts=self._texts,
        )
        self.model.set_data(found, self._names)
        counts = media_counts(m for a in found for m in a.media)
        people = sum(a.participants or 0 for a in found)
        units = {a.unit_id for a in found}
        self.summary.setText(
            f"共 {len(found)} 项活动，{len(units)} 个单位，参与 {people} 人次；"
            f"照片 {counts[PHOTO]} 张，视频 {counts[VIDEO]} 个，网盘链接 {counts[LINK]} 个。"
        )

    # -- actions ----------------------------------------------------------------------------

    def selected(self) -> Activity | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.activities[rows[0].row()] if rows else None

    def select(self, activity_id: int) -> None:
        for row, a in enumerate(self.model.activities):
            if a.id == activity_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def _edit(self, activity: Activity) -> None:
        assert self.campaign is not None
        units = units_to_log_for(self.store, activity)
        receipts: list[Receipts] = []

        def save(a: Activity, new_files=()) -> Activity:
            # Logging the unit's activity marks it received for the week that holds the date.
            saved, got = save_activity(self.store, a, new_files)
            receipts.append(got)
            return saved

        dialog = ActivityDialog(
            activity,
            units,
            activity_categories(self.store, self.campaign),
            media_files(self.store),
            save,
            self,
            works_items=works_items(self.store, self.campaign),
        )
        if dialog.exec() != ActivityDialog.DialogCode.Accepted or dialog.saved is None:
            return
        got = sum(receipts, Receipts())
        self._record_save(activity, dialog.saved, got)
        self.refresh()
        if dialog.saved.id is not None:
            self.select(dialog.saved.id)
        self.changed.emit()
        for got in receipts:
            announce_receipts(self, got)

    def add(self) -> None:
        if self.campaign is None:
            return
        # A new entry starts from the filters: the unit and category being looked at.
        self._edit(
            new_activity(
                self.campaign,
                activity_categories(self.store, self.campaign),
                unit_id=self.unit_filter.currentData(),
                category=self.category_filter.currentData(),
                near=self.selected(),
                today=date.today(),
            )
        )

    def edit_selected(self) -> None:
        a = self.selected()
        if a is not None:
            self._edit(a)

    def delete_selected(self) -> None:
        a = self.selected()
        if a is None:
            return
        files = len(a.media)
        extra = (
            f"\n它的{files}个附件也会从这条记录中移除（文件本身保留在资料文件夹中）。"
            if files
            else ""
        )
        if not messages.ask(
            self, "删除活动记录", f"删除“{a.title}”（{a.on.month}月{a.on.day}日）？{extra}"
        ):
            return
        assert a.id is not None and self.campaign is not None and self.campaign.id is not None
        try:
            photos = delete_activity(self.store, a)
        except StoreError as exc:
            messages.error(self, "删除失败", exc.message)
            return
        key = self._live.first(a.id)

        def undo() -> None:
            restored = restore_activity(self.store, a, photos)
            if restored.id is not None:
                self._live.moved(key, restored.id)
                self._reselect = restored.id

        self.undo_stack.push(
            StoreCommand(
                f"删除活动“{a.title}”",
                undo,
                lambda: delete_activity_id(self.store, self._live.now(key)),
                self._undone,
                # Captions and picks changed since the undo (周报 page) would go unasked.
                lambda: activity_redo_refusal(self.store, self._live.now(key), a, photos),
            )
        )
        self.refresh()
        self.changed.emit()

    def edit_categories(self) -> None:
        if self.campaign is None:
            return
        current = activity_categories(self.store, self.campaign)
        text, ok = QInputDialog.getMultiLineText(
            self,
            "活动类别",
            "每行一个类别，可增加、删除或调整顺序。\n已有活动的类别不能删除或改名。",
            "\n".join(current),
        )
        if not ok:
            return
        try:
            save_activity_categories(self.store, self.campaign, text.splitlines())
        except ValidationError as exc:
            messages.warn(self, "无法保存活动类别", messages.problems_text(exc.problems))
            return
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return
        self.refresh()
        self.changed.emit()
