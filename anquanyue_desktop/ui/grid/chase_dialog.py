"""催报名单: who still owes one occurrence, a message for the WeChat work group, and exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.board import OccurrenceState
from ...domain.campaign import Campaign
from ...domain.chase import ChaseRow, chase_message, count_line
from ...domain.deadlines import format_due
from ...domain.submissions import OVERDUE
from ...store import Store
from ...usecases.chase import chase_rows, liaison_for
from ...usecases.export_dates import MADE_ON
from ...usecases.exports import report
from ..widgets.export_actions import ask_export_path, export_to
from ..widgets.export_date import ExportDateEdit
from ..widgets.print_preview import print_button

Index = QModelIndex | QPersistentModelIndex

_NOT_GIVEN = "未登记"
_GREY = QColor("#8a8a8a")
_OVERDUE_TEXT = QColor("#b71c1c")


class ChaseRowModel(QAbstractTableModel):
    HEADERS = ("序号", "单位名称", "联络员", "手机号码", "状态")

    def __init__(self, rows: Sequence[ChaseRow], parent=None):
        super().__init__(parent)
        self.rows = list(rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        values = (str(index.row() + 1), row.unit_name, row.liaison_name, row.mobile, row.status)
        if role == Qt.ItemDataRole.DisplayRole:
            if col in (2, 3) and not values[col]:
                return _NOT_GIVEN
            return values[col]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (2, 3) and not values[col]:
                return QBrush(_GREY)
            if col == 4 and row.status == OVERDUE:
                return QBrush(_OVERDUE_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != 1:
            return Qt.AlignmentFlag.AlignCenter
        return None


class ChaseDialog(QDialog):
    """The chase list of ``state`` (a 收 occurrence) with its message and exports."""

    def __init__(
        self,
        store: Store,
        campaign: Campaign | None,
        state: OccurrenceState,
        rows: Sequence[ChaseRow],
        *,
        now: datetime,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.campaign = campaign
        self.state = state
        self.occurrence = state.occurrence
        self.rows = list(rows)
        self.now = now
        self.setWindowTitle(f"催报名单 — {self.occurrence.label}")
        self.resize(720, 660)

        late = "（已逾期）" if self.rows and self.occurrence.is_past(now) else ""
        heading = QLabel(self.occurrence.label)
        heading.setObjectName("pageTitle")
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        due = QLabel(f"截止时间：{format_due(self.occurrence)}前{late}")
        self.summary = QLabel(count_line(self.rows))
        self.summary.setStyleSheet(
            "font-weight: bold; color: #b71c1c;"
            if self.rows
            else "font-weight: bold; color: #1b5e20;"
        )

        self.model = ChaseRowModel(self.rows, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 50), (2, 100), (3, 130), (4, 90)):
            self.table.setColumnWidth(col, width)
        self.table.setVisible(bool(self.rows))
        self.liaison_hint = QLabel("联络员和手机号码登记后会自动列出。")
        self.liaison_hint.setObjectName("pageHint")
        self.liaison_hint.setVisible(
            bool(self.rows) and not any(r.liaison_name or r.mobile for r in self.rows)
        )

        self.sender = QLineEdit(campaign.contact_person if campaign else "")
        self.sender.setPlaceholderText("落款（可空），如：镇安监站 王芷瑜")
        sender_row = QHBoxLayout()
        sender_row.addWidget(QLabel("落款："))
        sender_row.addWidget(self.sender, 1)

        self.message = QPlainTextEdit()
        self.message.setReadOnly(True)
        self.copy_button = QPushButton("复制到剪贴板")
        self.copy_status = QLabel()
        self.copy_status.setObjectName("pageHint")
        self.pdf_button = QPushButton("导出 PDF…")
        self.xlsx_button = QPushButton("导出 Excel…")
        self.close_button = QPushButton("关闭")
        self.print_button = print_button(self)
        # The 制表日期 the exports carry, as on the other pages (shared for the campaign).
        self.made_on = ExportDateEdit(MADE_ON, lambda: (self.store, self.campaign))
        for w in (self.print_button, self.pdf_button, self.xlsx_button, self.made_on):
            w.setEnabled(bool(self.rows))

        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.copy_status, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.made_on)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.xlsx_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(due)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.liaison_hint)
        layout.addWidget(QLabel("微信工作群催报消息："))
        layout.addLayout(sender_row)
        layout.addWidget(self.message, 3)
        layout.addLayout(copy_row)
        layout.addLayout(bottom)
        if not self.rows:
            self.resize(720, 380)

        self.sender.textChanged.connect(self._update_message)
        self.copy_button.clicked.connect(self.copy_message)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.close_button.clicked.connect(self.accept)
        self._update_message()
        self.copy_button.setFocus()

    def message_text(self) -> str:
        return chase_message(self.occurrence, self.rows, now=self.now, sender=self.sender.text())

    def _update_message(self, *_args) -> None:
        self.message.setPlainText(self.message_text())
        self.copy_status.setText("")

    def copy_message(self) -> None:
        QGuiApplication.clipboard().setText(self.message_text())
        self.copy_status.setText("已复制，可粘贴到微信工作群。")

    def export(self, fmt: str) -> bool:
        chase = report("chase")
        on = self.made_on.value()
        name = chase.name_maker()(self.campaign, self.occurrence, fmt, on)
        out = ask_export_path(self, "导出催报名单", name, fmt)
        if out is None:
            return False
        writer = chase.writer(fmt)
        return export_to(
            self,
            out,
            lambda path: writer(self.campaign, self.occurrence, self.rows, path, generated_on=on),
            "催报名单",
        )


__all__ = ["ChaseDialog", "chase_rows", "liaison_for"]
