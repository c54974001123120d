"""The 报送情况 grid as an item model: units × occurrences with their statuses and rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.board import OccurrenceState, unit_tally
from ...domain.deadlines import (
    DIRECTION_IN,
    MONTHLY_KIND,
    QUARTERLY_KIND,
    WEEKLY_KIND,
    Deadline,
    Occurrence,
    format_due,
)
from ...domain.submissions import (
    EXEMPT,
    LATE,
    ON_TIME,
    OVERDUE,
    PENDING,
    STATUSES,
    Submission,
    Tally,
    percent,
)
from ...usecases.board import CampaignBoard

Index = QModelIndex | QPersistentModelIndex
OWN_ROW_LABEL = "本级（向上级报送）"
SUMMARY_ROW_LABEL = "合计"
RATE_HEADER = "按时率\n报送率"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # the full status (逾期补报 …) of a cell, or None
SHORT_STATUS = {ON_TIME: "按时", LATE: "补报", OVERDUE: "逾期", PENDING: "未报", EXEMPT: "免报"}
STATUS_BACKGROUND = {
    ON_TIME: QColor("#c8e6c9"),
    LATE: QColor("#ffe0a3"),
    OVERDUE: QColor("#ffcdd2"),
    PENDING: QColor("#ffffff"),
    EXEMPT: QColor("#e0e0e0"),
}


STATUS_TEXT = {
    ON_TIME: QColor("#1b5e20"),
    LATE: QColor("#7a4300"),
    OVERDUE: QColor("#b71c1c"),
    PENDING: QColor("#37474f"),
    EXEMPT: QColor("#616161"),
}


_NOT_APPLICABLE = QBrush(QColor("#cfd8dc"), Qt.BrushStyle.BDiagPattern)
_SUMMARY_BACKGROUND = QColor("#eceff1")
_INACTIVE_TEXT = QColor("#8a8a8a")
_OCCURRENCE_WIDTH = 118
_RATE_WIDTH = 104
_ROW_HEIGHT = 42
_SUMMARY_ROW_HEIGHT = 62
_TITLE_CHARS = 10


def column_label(occurrence: Occurrence) -> str:
    """第2周 / 6月 / 第3次 for repeating deadlines; the (shortened) title for a one-off."""
    if occurrence.count > 1:
        kind = occurrence.deadline.rule.kind
        if kind == WEEKLY_KIND:
            return f"第{occurrence.number}周"
        if kind == MONTHLY_KIND:
            return f"{occurrence.due.month}月"
        if kind == QUARTERLY_KIND:
            return f"第{(occurrence.due.month - 1) // 3 + 1}季度"
        return f"第{occurrence.number}次"
    title = occurrence.deadline.title
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + "…"


def header_due(occurrence: Occurrence) -> str:
    """format_due with the time on a line of its own, so columns stay narrow."""
    text = format_due(occurrence)
    if occurrence.has_time:
        at = f"{occurrence.due:%H:%M}"
        return f"{text.removesuffix(at)}\n{at}"
    return text


def short_time(when: datetime, year: int | None = None) -> str:
    """6/8 17:30; seconds only when there are some (18:00:30 is what makes a 补报). In another
    year than ``year`` the date with its year alone (a 2022 deadline marked in 2026:
    2026/11/29), which fits the cell; the tooltip has the full time."""
    if year is not None and when.year != year:
        return f"{when.year}/{when.month}/{when.day}"
    text = f"{when.month}/{when.day} {when:%H:%M}"
    return text + (f":{when:%S}" if when.second else "")


def long_time(when: datetime) -> str:
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M:%S}"


def deadline_choice_text(deadline: Deadline) -> str:
    prefix = "" if deadline.direction == DIRECTION_IN else "【报上级】"
    return f"{prefix}{deadline.title}（{deadline.rule.describe()}）"


def rates_text(t: Tally) -> str:
    if not t.expected:
        return "—"
    return f"按时 {percent(t.on_time_rate)}\n报送 {percent(t.overall_rate)}"


_COUNT_ORDER = (ON_TIME, LATE, OVERDUE, PENDING, EXEMPT)


def counts_text(t: Tally) -> str:
    """按时已报 8，逾期补报 2，逾期未报 2 (statuses with none left out)."""
    parts = [f"{s} {t.counts[s]}" for s in _COUNT_ORDER if t.counts.get(s)]
    return "，".join(parts) or "无"


@dataclass(frozen=True)
class GridCell:
    """One markable cell: a unit (None: the township itself) and an occurrence."""

    row: int
    column: int
    state: OccurrenceState
    unit_id: int | None
    status: str
    submission: Submission | None

    @property
    def occurrence(self) -> Occurrence:
        return self.state.occurrence

    @property
    def record(self) -> Submission:
        """What is recorded for the cell; a blank record (clears the cell) when nothing is."""
        if self.submission is not None:
            return self.submission
        deadline_id = self.occurrence.deadline.id
        assert deadline_id is not None
        return Submission(deadline_id, self.occurrence.key, self.unit_id)


class GridModel(QAbstractTableModel):
    """The board of one deadline: units × occurrences, plus a rates column and a totals row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board: CampaignBoard | None = None
        self.deadline: Deadline | None = None
        self.states: list[OccurrenceState] = []
        self.row_units: list[int | None] = []

    # -- state ---------------------------------------------------------------
    def set_board(self, board: CampaignBoard | None, deadline_id: int | None) -> bool:
        """Shows ``deadline_id`` of ``board``. The same shape again keeps the selection;
        returns True when the model was reset instead."""
        deadline = None
        if board is not None:
            deadline = next((d for d in board.deadlines if d.id == deadline_id), None)
        states: list[OccurrenceState] = []
        rows: list[int | None] = []
        if board is not None and deadline is not None:
            states = [s for s in board.states if s.occurrence.deadline.id == deadline.id]
            rows = [None] if deadline.direction != DIRECTION_IN else [u.id for u in board.units]
        if not states:
            rows = []
        same_shape = (
            self.deadline is not None
            and deadline is not None
            and self.deadline.id == deadline.id
            and rows == self.row_units
            and [s.occurrence.key for s in states] == [s.occurrence.key for s in self.states]
        )
        if same_shape:
            # Headers are told only when what they show changed: a mark changes statuses, and
            # asking 600 row headers again costs more than the mark itself.
            units_changed = self.board is None or board is None or board.units != self.board.units
            deadline_changed = deadline != self.deadline
            self.board, self.deadline, self.states = board, deadline, states
            if self.rowCount() and self.columnCount():
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
                )
                if deadline_changed:
                    self.headerDataChanged.emit(
                        Qt.Orientation.Horizontal, 0, self.columnCount() - 1
                    )
                if units_changed:
                    self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            return False
        self.beginResetModel()
        self.board, self.deadline, self.states, self.row_units = board, deadline, states, rows
        self.endResetModel()
        return True

    @property
    def rate_column(self) -> int:
        return len(self.states)

    @property
    def summary_row(self) -> int:
        return len(self.row_units)

    @property
    def now(self) -> datetime:
        return self.board.now if self.board is not None else datetime.now()

    def unit_label(self, row: int) -> str:
        if row >= len(self.row_units):
            return SUMMARY_ROW_LABEL
        unit_id = self.row_units[row]
        if unit_id is None:
            return OWN_ROW_LABEL
        unit = self.board.unit(unit_id) if self.board else None
        if unit is None:
            return ""
        return unit.name if unit.active else f"{unit.name}（停用）"

    def cell(self, index: Index) -> GridCell | None:
        """The markable cell at ``index``; None for rates, totals and units it does not apply to."""
        if not index.isValid() or self.board is None or self.deadline is None:
            return None
        row, col = index.row(), index.column()
        if row >= len(self.row_units) or col >= len(self.states):
            return None
        state = self.states[col]
        unit_id = self.row_units[row]
        if unit_id not in state.statuses:
            return None
        key = (self.deadline.id, state.occurrence.key, unit_id)
        return GridCell(
            row, col, state, unit_id, state.statuses[unit_id], self.board.submissions.get(key)
        )  # type: ignore[arg-type]

    def index_of(self, unit_id: int | None, column: int) -> QModelIndex:
        return self.index(self.row_units.index(unit_id), column)

    def unit_tally(self, row: int) -> Tally:
        return unit_tally(self.states, self.row_units[row], self.now)  # type: ignore[arg-type]

    def total_tally(self) -> Tally:
        """Every unit's record over this deadline, added up."""
        tallies = [self.unit_tally(r) for r in range(len(self.row_units))]
        return Tally({s: sum(t.counts.get(s, 0) for t in tallies) for s in STATUSES})

    # -- Qt model --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self.row_units:
            return 0
        return len(self.row_units) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self.states:
            return 0
        return len(self.states) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.cell(index) is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.row() == self.summary_row or index.column() == self.rate_column:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.unit_label(section)
            if role == Qt.ItemDataRole.ForegroundRole and section < len(self.row_units):
                unit_id = self.row_units[section]
                unit = self.board.unit(unit_id) if self.board and unit_id is not None else None
                if unit is not None and not unit.active:
                    return QBrush(_INACTIVE_TEXT)
            if role == Qt.ItemDataRole.FontRole and section == self.summary_row:
                return _bold()
            return None
        if section >= len(self.states):
            if role == Qt.ItemDataRole.DisplayRole:
                return RATE_HEADER
            if role == Qt.ItemDataRole.ToolTipRole:
                return "每个单位到现在为止的按时率和报送率（已报含逾期补报；免报不计入）"
            return None
        occ = self.states[section].occurrence
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{column_label(occ)}\n{header_due(occ)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [occ.label, f"截止时间：{format_due(occ)}前"]
            if occ.deadline.materials:
                lines.append(f"报送材料：{occ.deadline.materials}")
            return "\n".join(lines)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row == self.summary_row or col == self.rate_column:
            return self._total_data(row, col, role)
        cell = self.cell(index)
        if cell is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return _NOT_APPLICABLE
            if role == Qt.ItemDataRole.ToolTipRole:
                return "该单位不需报送此项"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(cell)
        if role == STATUS_ROLE:
            return cell.status
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATUS_BACKGROUND[cell.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(STATUS_TEXT[cell.status])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(cell)
        return None

    @staticmethod
    def _cell_text(cell: GridCell) -> str:
        s = cell.submission
        text = SHORT_STATUS[cell.status]
        if s is not None and s.note:
            text += "＊"
        if s is not None and s.exempt:
            reason = s.exempt_reason
            return f"{text}\n{reason if len(reason) <= 6 else reason[:5] + '…'}"
        if s is not None and s.received_at is not None:
            return f"{text}\n{short_time(s.received_at, cell.state.occurrence.due.year)}"
        return text

    def _cell_tooltip(self, cell: GridCell) -> str:
        lines = [f"{self.unit_label(cell.row)} · {cell.occurrence.label}", f"状态：{cell.status}"]
        s = cell.submission
        if s is not None and s.received_at is not None:
            lines.append(f"收到时间：{long_time(s.received_at)}")
        lines.append(f"截止时间：{format_due(cell.occurrence)}前")
        if s is not None:
            if s.exempt:
                lines.append(f"免报原因：{s.exempt_reason}")
            if s.materials:
                lines.append(f"收到材料：{s.materials}")
            if s.note:
                lines.append(f"备注：{s.note}")
        return "\n".join(lines)

    def _total_data(self, row: int, col: int, role: int) -> Any:
        summary = row == self.summary_row
        if summary and col == self.rate_column:
            t = self.total_tally()
        elif summary:
            t = self.states[col].tally
        else:
            t = self.unit_tally(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if summary and col != self.rate_column:
                done = t.counts.get(ON_TIME, 0) + t.counts.get(LATE, 0)
                return f"已报 {done}/{t.expected}\n{rates_text(t)}"
            return rates_text(t)
        if role == Qt.ItemDataRole.ToolTipRole:
            scope = "本次" if summary and col != self.rate_column else "到现在为止"
            return (
                f"{scope}：{counts_text(t)}\n"
                f"按时率 {percent(t.on_time_rate)}，报送率 {percent(t.overall_rate)}"
                "（已报含逾期补报；免报不计入）"
            )
        if role == Qt.ItemDataRole.BackgroundRole and summary:
            return QBrush(_SUMMARY_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and summary:
            return _bold()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
