"""报送情况 page: who has delivered what, one deadline at a time, marked from the keyboard.

Rows are the reporting units (or the township itself for a 报 deadline), columns the deadline's
occurrences, the last column and row the rates. Every mark is written through the store as one
action and the board is loaded again: statuses come from the domain, never from the grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.board import OccurrenceState
from ...domain.campaign import Campaign
from ...domain.deadlines import (
    DIRECTION_IN,
    Deadline,
    format_due,
)
from ...domain.submissions import (
    EXEMPT,
    OVERDUE,
    PENDING,
    STATUSES,
    Submission,
    percent,
)
from ...domain.validation import ValidationError
from ...store import Store, StoreError
from ...usecases.board import BoardSource, CampaignBoard, load_board
from ...usecases.chase import chase_rows
from ...usecases.submissions import put_back_submissions, record_submissions
from ..widgets import messages
from ..widgets.find_box import FindBox, filter_rows
from .chase_dialog import ChaseDialog
from .model import (
    _COUNT_ORDER,
    _OCCURRENCE_WIDTH,
    _RATE_WIDTH,
    _ROW_HEIGHT,
    _SUMMARY_ROW_HEIGHT,
    SHORT_STATUS,
    STATUS_BACKGROUND,
    STATUS_TEXT,
    GridCell,
    GridModel,
    column_label,
    counts_text,
    deadline_choice_text,
    long_time,
)
from .submission_dialog import SubmissionDialog
from .view import GridView


def ask_exempt_reason(parent: QWidget, count: int, current: str = "") -> str | None:
    """The reason for 免报 (required); None when the clerk cancels."""
    where = f"所选 {count} 个单元格" if count > 1 else "该单元格"
    text = current
    while True:
        text, ok = QInputDialog.getText(
            parent, "免报", f"{where}标记为免报。\n免报原因（必填）：", text=text
        )
        if not ok:
            return None
        if text.strip():
            return text.strip()
        messages.warn(parent, "免报", "请填写免报原因，如“停产整顿”“本次不涉及”。")


class GridPage(QWidget):
    """报送情况. ``changed`` is emitted after every write to the store."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        # The window passes its session's shared board; alone, the page reads its own.
        self.board_source: BoardSource = load_board
        # Told what this page wrote, before it reads the board again (the window's session).
        self.submissions_written: Callable[[list[Submission]], None] = lambda _written: None
        self.campaign: Campaign | None = None
        self.board: CampaignBoard | None = None
        # The clock, overridable so tests (and the demo) can stand at a fixed moment.
        self.clock: Callable[[], datetime] = datetime.now
        self._undo: tuple[str, list[Submission]] | None = None

        title = QLabel("报送情况")
        title.setObjectName("pageTitle")
        hint = QLabel(
            "选中单元格后：空格或回车 = 已报（收到时间为现在），E = 免报，Delete = 清除，"
            "F2 或双击 = 指定收到时间。按住 Ctrl 或 Shift 可多选，一起标记。"
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)

        self.deadline_combo = QComboBox()
        self.deadline_combo.setMinimumWidth(360)
        self.deadline_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("报送节点："))
        chooser.addWidget(self.deadline_combo, 1)
        chooser.addSpacing(16)
        for status in _COUNT_ORDER:
            chooser.addWidget(_legend(status))

        self.mark_button = QPushButton("标记已报（现在）")
        self.mark_button.setToolTip("空格或回车")
        self.edit_button = QPushButton("指定收到时间…")
        self.edit_button.setToolTip("F2 或双击")
        self.exempt_button = QPushButton("免报…")
        self.exempt_button.setToolTip("E")
        self.clear_button = QPushButton("清除")
        self.clear_button.setToolTip("Delete")
        self.undo_button = QPushButton("撤销")
        self.undo_button.setToolTip("Ctrl+Z")
        self.chase_button = QPushButton("催报名单…")
        self.chase_button.setToolTip("当前列尚未报送的单位、微信催报消息、导出 PDF/Excel")
        tools = QHBoxLayout()
        for button in (
            self.mark_button,
            self.edit_button,
            self.exempt_button,
            self.clear_button,
            self.undo_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        self.find = FindBox("单位")
        self.find.install_shortcut(self)
        tools.addWidget(self.find)
        tools.addWidget(self.chase_button)

        self.model = GridModel(self)
        self.view = GridView()
        self.view.setModel(self.model)

        self.notice = QLabel()
        self.notice.setObjectName("pageHint")
        self.notice.setWordWrap(True)
        self.column_summary = QLabel()
        self.column_summary.setObjectName("columnSummary")
        self.column_summary.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(chooser)
        layout.addLayout(tools)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.column_summary)
        layout.addWidget(self.status_label)

        self.deadline_combo.currentIndexChanged.connect(self._deadline_chosen)
        self.mark_button.clicked.connect(lambda: self.mark_received())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.exempt_button.clicked.connect(lambda: self.mark_exempt())
        self.clear_button.clicked.connect(lambda: self.clear_selected())
        self.undo_button.clicked.connect(lambda: self.undo())
        self.chase_button.clicked.connect(lambda: self.open_chase())
        self.view.mark_requested.connect(lambda: self.mark_received(advance=True))
        self.view.clear_requested.connect(lambda: self.clear_selected())
        self.view.exempt_requested.connect(lambda: self.mark_exempt())
        self.view.edit_requested.connect(lambda: self.edit_selected())
        self.view.doubleClicked.connect(self._double_clicked)
        self.find.query.connect(lambda _q: self.apply_find())
        self.model.modelReset.connect(self.apply_find)
        self.view.selectionModel().currentChanged.connect(self._update_column_summary)
        # Ctrl+Z comes through the window's 编辑 › 撤销, which calls undo() on the page shown.
        # A 未报 turns 逾期未报 at the due second: look again every minute while shown.
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()

    def apply_find(self) -> None:
        """Shows only the units matching the find box; the 合计 row stays."""
        filter_rows(
            self.view,
            self.find.text().strip(),
            lambda row: [self.model.unit_label(row)],
            keep=lambda row: row >= self.model.summary_row,
        )

    # -- data ------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def set_store(self, store: Store) -> None:
        self.store = store
        self._undo = None
        self.refresh()

    def set_campaign(self, campaign: Campaign | None) -> None:
        if campaign is None or self.campaign is None or campaign.id != self.campaign.id:
            self._undo = None
            self.deadline_combo.blockSignals(True)
            self.deadline_combo.clear()
            self.deadline_combo.blockSignals(False)
        self.campaign = campaign
        self.refresh()

    def refresh(self) -> None:
        """Loads the board again (after a write, a new deadline, or time passing)."""
        if self.campaign is None or self.campaign.id is None:
            self.board = None
        else:
            self.board = self.board_source(self.store, self.campaign, self.now())
        previous = self.current_deadline_id()
        choices = self._choices()
        ids = [d.id for d in choices]
        chosen = previous if previous in ids else self._default_deadline_id(choices)
        items = [(deadline_choice_text(d), d.id) for d in choices]
        shown = [
            (self.deadline_combo.itemText(i), self.deadline_combo.itemData(i))
            for i in range(self.deadline_combo.count())
        ]
        # Rebuilt only when it changed: the minute tick must not close an open drop-down.
        if items != shown or chosen != previous:
            self.deadline_combo.blockSignals(True)
            if items != shown:
                self.deadline_combo.clear()
                for item_text, item_id in items:
                    self.deadline_combo.addItem(item_text, item_id)
            if chosen is not None:
                self.deadline_combo.setCurrentIndex(ids.index(chosen))
            self.deadline_combo.blockSignals(False)
        self._show_deadline(chosen, reset_position=chosen != previous)

    def current_deadline_id(self) -> int | None:
        return self.deadline_combo.currentData()

    def select_deadline(self, deadline_id: int) -> None:
        index = self.deadline_combo.findData(deadline_id)
        if index >= 0:
            self.deadline_combo.setCurrentIndex(index)

    def show_occurrence(self, deadline_id: int, key: str) -> None:
        """Shows one occurrence (from the dashboard or calendar): its deadline, its column."""
        self.refresh()
        self.select_deadline(deadline_id)
        if self.current_deadline_id() != deadline_id:
            return
        column = next(
            (c for c, st in enumerate(self.model.states) if st.occurrence.key == key), None
        )
        if column is None or not self.model.row_units:
            return
        row = next(
            (
                r
                for r in range(self.model.summary_row)
                if self.model.cell(self.model.index(r, column))
            ),
            0,
        )
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def _choices(self) -> list[Deadline]:
        if self.board is None:
            return []
        with_occurrences = {s.occurrence.deadline.id for s in self.board.states}
        return [d for d in self.board.deadlines if d.id in with_occurrences]

    def _default_deadline_id(self, choices: Sequence[Deadline]) -> int | None:
        """The deadline of the next occurrence due (today counts), else of the last one."""
        if self.board is None or not choices:
            return None
        today = self.board.now.date()
        states = self.board.states
        upcoming = [s for s in states if s.occurrence.due.date() >= today]
        state = upcoming[0] if upcoming else states[-1]
        return state.occurrence.deadline.id

    def _deadline_chosen(self, _index: int) -> None:
        self._show_deadline(self.current_deadline_id(), reset_position=True)

    def _show_deadline(self, deadline_id: int | None, *, reset_position: bool) -> None:
        was_reset = self.model.set_board(self.board, deadline_id)
        if was_reset:
            for col in range(self.model.rate_column):
                self.view.setColumnWidth(col, _OCCURRENCE_WIDTH)
            self.view.setColumnWidth(self.model.rate_column, _RATE_WIDTH)
            # Sizes set for the previous deadline stay on their row numbers: set them all.
            for row in range(self.model.summary_row):
                self.view.setRowHeight(row, _ROW_HEIGHT)
            if self.model.row_units:
                self.view.setRowHeight(self.model.summary_row, _SUMMARY_ROW_HEIGHT)
        if reset_position or was_reset:
            column = self._default_column()
            if column is not None and self.model.row_units:
                index = self.model.index(0, column)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
        self._update_notice()
        self._update_buttons()
        self._update_column_summary()

    def _default_column(self) -> int | None:
        """The column of the next occurrence due (today counts), else the last one."""
        if not self.model.states:
            return None
        today = self.model.now.date()
        for col, state in enumerate(self.model.states):
            if state.occurrence.due.date() >= today:
                return col
        return len(self.model.states) - 1

    def _update_notice(self) -> None:
        if self.campaign is None:
            text = "请先在“活动年度”页选择或新建一个活动年度。"
        elif self.board is not None and not self.deadline_combo.count():
            text = "本年度还没有有截止日期的报送节点，请先在“报送节点”页添加。"
        elif self.board is not None and not self.model.row_units:
            text = "还没有下级单位，请先在“下级单位”页添加。"
        else:
            text = ""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _update_column_summary(self, *_args) -> None:
        """The totals of the current column, always in sight however long the unit list."""
        state = self.current_state()
        if state is None:
            self.column_summary.setText("")
            return
        t = state.tally
        self.column_summary.setText(
            f"{column_label(state.occurrence)}（{format_due(state.occurrence)}前）："
            f"{counts_text(t)}；按时率 {percent(t.on_time_rate)}，报送率 {percent(t.overall_rate)}"
        )

    def _update_buttons(self) -> None:
        has_cells = self.model.rowCount() > 0
        for button in (self.mark_button, self.edit_button, self.exempt_button, self.clear_button):
            button.setEnabled(has_cells)
        own = self.model.deadline is not None and self.model.deadline.direction != DIRECTION_IN
        self.chase_button.setEnabled(has_cells and not own)
        self.undo_button.setEnabled(self._undo is not None)
        self.undo_button.setText(f"撤销{self._undo[0]}" if self._undo else "撤销")

    def _tick(self) -> None:
        if self.isVisible() and self.campaign is not None:
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        if self.campaign is not None:
            self.refresh()

    # -- cells -----------------------------------------------------------------
    def selected_cells(self) -> list[GridCell]:
        """The selected markable cells in table order; the current cell if none is selected."""
        model = self.view.selectionModel()
        indexes = model.selectedIndexes() if model is not None else []
        cells = {}
        for index in indexes:
            cell = self.model.cell(index)
            if cell is not None:
                cells[(cell.row, cell.column)] = cell
        if not cells:
            cell = self.model.cell(self.view.currentIndex())
            return [cell] if cell is not None else []
        return [cells[key] for key in sorted(cells)]

    def current_cell(self) -> GridCell | None:
        return self.model.cell(self.view.currentIndex())

    def select_cells(self, cells: Sequence[tuple[int, int]]) -> None:
        """Selects (row, column) cells, the first one current (for tests and callers)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        for i, (row, col) in enumerate(cells):
            index = self.model.index(row, col)
            flags = QItemSelectionModel.SelectionFlag.Select
            if i == 0:
                selection.setCurrentIndex(index, flags)
            else:
                selection.select(index, flags)

    # -- marking ---------------------------------------------------------------
    def mark_received(self, *, advance: bool = False) -> bool:
        """已报, received now, for the selected cells not yet delivered or exempt."""
        cells = self.selected_cells()
        if not cells:
            return False
        open_cells = [c for c in cells if c.status in (PENDING, OVERDUE)]
        if not open_cells:
            self._say("所选单元格都已报送或免报。要修改收到时间，请按 F2 或双击单元格。")
            return False
        now = self.now()
        changes = [(c, replace(c.record, received_at=now, exempt_reason="")) for c in open_cells]
        skipped = len(cells) - len(open_cells)
        if not self._apply(changes, "标记已报", skipped=skipped):
            return False
        if advance and len(cells) == 1:
            self._move_down(cells[0])
        return True

    def mark_exempt(self) -> bool:
        """免报 with a reason, for the selected cells not delivered."""
        cells = self.selected_cells()
        if not cells:
            return False
        open_cells = [c for c in cells if c.status in (PENDING, OVERDUE, EXEMPT)]
        if not open_cells:
            self._say("所选单元格都已报送，不能免报。如需更改，请先清除。")
            return False
        current = open_cells[0].record.exempt_reason if len(open_cells) == 1 else ""
        reason = ask_exempt_reason(self, len(open_cells), current)
        if reason is None:
            return False
        changes = [
            (c, replace(c.record, received_at=None, exempt_reason=reason)) for c in open_cells
        ]
        return self._apply(changes, "免报", skipped=len(cells) - len(open_cells))

    def clear_selected(self) -> bool:
        """Forgets what was recorded for the selected cells (they are 未报 again)."""
        cells = [c for c in self.selected_cells() if c.submission is not None]
        if not cells:
            return False
        blank = [(c, Submission(c.record.deadline_id, c.occurrence.key, c.unit_id)) for c in cells]
        return self._apply(blank, "清除")

    def make_submission_dialog(self, cells: Sequence[GridCell]) -> SubmissionDialog:
        current = self.view.currentIndex()
        at = (current.row(), current.column())
        target = next((c for c in cells if (c.row, c.column) == at), cells[0])
        return SubmissionDialog(
            target.occurrence,
            target.record,
            unit_label=self.model.unit_label(target.row),
            now=self.now(),
            count=len(cells),
            parent=self,
        )

    def edit_selected(self) -> bool:
        """指定收到时间…: received time, exemption, note and materials by hand."""
        cells = self.selected_cells()
        if not cells:
            return False
        dialog = self.make_submission_dialog(cells)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        entered = dialog.submission()
        changes = [
            (
                c,
                replace(
                    entered,
                    deadline_id=c.record.deadline_id,
                    occurrence_key=c.occurrence.key,
                    unit_id=c.unit_id,
                    id=None,
                ),
            )
            for c in cells
        ]
        return self._apply(changes, "修改")

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.cell(index) is not None:
            self.edit_selected()

    def can_undo(self) -> bool:
        return self._undo is not None

    def can_redo(self) -> bool:
        return False  # one step back only: what the last action replaced

    def redo(self) -> bool:
        return False

    def undo_texts(self) -> tuple[str, str]:
        return (self._undo[0] if self._undo else ""), ""

    def undo(self) -> bool:
        """Puts back what the last action replaced, as one action."""
        if self._undo is None:
            return False
        action, before = self._undo
        try:
            put_back_submissions(self.store, before)
        except StoreError as exc:
            messages.error(self, "撤销失败", exc.message)
            return False
        self.submissions_written(before)
        self._undo = None
        self.refresh()
        self._say(f"已撤销“{action}”。")
        self.changed.emit()
        return True

    def _apply(
        self, changes: list[tuple[GridCell, Submission]], action: str, *, skipped: int = 0
    ) -> bool:
        """Validates and writes ``changes`` in one transaction, then loads the board again."""
        if not changes:
            return False
        before = [cell.record for cell, _ in changes]
        try:
            record_submissions(self.store, [(c.occurrence, s) for c, s in changes], self.now())
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self.submissions_written([s for _, s in changes])
        self._undo = (action, before)
        self.refresh()
        self._report(action, [(c.row, c.column) for c, _ in changes], skipped)
        self.changed.emit()
        return True

    def _report(self, action: str, places: list[tuple[int, int]], skipped: int) -> None:
        """Says what the marks became, as the domain decided (18:00:30 is 逾期补报)."""
        cells = [self.model.cell(self.model.index(r, c)) for r, c in places]
        found = [c for c in cells if c is not None]
        if len(found) == 1:
            cell = found[0]
            text = (
                f"{action}：{self.model.unit_label(cell.row)} · "
                f"{column_label(cell.occurrence)} → {cell.status}"
            )
            s = cell.submission
            if s is not None and s.received_at is not None:
                text += f"（收到 {long_time(s.received_at)}）"
        else:
            counts = {s: sum(1 for c in found if c.status == s) for s in STATUSES}
            parts = "、".join(f"{s} {n}" for s, n in counts.items() if n)
            text = f"{action}：{len(found)} 个单元格 → {parts}"
        if skipped:
            text += f"；跳过 {skipped} 个已报送或免报的单元格"
        self._say(text + "。")

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self._update_buttons()

    def _move_down(self, cell: GridCell) -> None:
        for row in range(cell.row + 1, self.model.summary_row):
            index = self.model.index(row, cell.column)
            if self.model.cell(index) is not None:
                self.view.setCurrentIndex(index)
                return

    # -- chasing ---------------------------------------------------------------
    def current_state(self) -> OccurrenceState | None:
        """The occurrence of the current column (or of the column due next)."""
        column = self.view.currentIndex().column()
        if not 0 <= column < len(self.model.states):
            column = self._default_column() if self.model.states else None
        return None if column is None else self.model.states[column]

    def make_chase_dialog(self) -> ChaseDialog | None:
        state = self.current_state()
        if state is None or self.board is None or state.is_own:
            return None
        return ChaseDialog(
            self.store,
            self.campaign,
            state,
            chase_rows(self.board, state),
            now=self.now(),
            parent=self,
        )

    def open_chase(self) -> None:
        dialog = self.make_chase_dialog()
        if dialog is not None:
            dialog.exec()


def _legend(status: str) -> QLabel:
    label = QLabel(SHORT_STATUS[status])
    label.setToolTip(status)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMinimumWidth(40)
    label.setStyleSheet(
        f"background: {STATUS_BACKGROUND[status].name()}; color: {STATUS_TEXT[status].name()};"
        " border: 1px solid #b0bec5; padding: 2px 6px;"
    )
    return label
