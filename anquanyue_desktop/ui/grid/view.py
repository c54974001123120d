"""The grid's table view: status colours, the selection frame, keys that mark cells."""

from __future__ import annotations

from PySide6.QtCore import (
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from .model import _OCCURRENCE_WIDTH, _ROW_HEIGHT

_SELECTION_BORDER = QColor("#1565c0")


class StatusDelegate(QStyledItemDelegate):
    """A selected cell keeps its status colour and gets a blue border instead."""

    def paint(self, painter, option, index):
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if not selected:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.StateFlag.State_Selected
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, opt, index)
        painter.save()
        painter.setPen(QPen(_SELECTION_BORDER, 2))
        r: QRect = option.rect.adjusted(1, 1, -1, -1)
        painter.drawRect(r)
        painter.restore()


class GridView(QTableView):
    """Space/Enter mark 已报 now, Delete/Backspace clear, E 免报, F2 edit."""

    mark_requested = Signal()
    clear_requested = Signal()
    exempt_requested = Signal()
    edit_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setItemDelegate(StatusDelegate(self))
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(_ROW_HEIGHT)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.horizontalHeader().setDefaultSectionSize(_OCCURRENCE_WIDTH)
        self.horizontalHeader().setMinimumSectionSize(60)

    def keyPressEvent(self, event):
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            key = event.key()
            signal = {
                Qt.Key.Key_Space: self.mark_requested,
                Qt.Key.Key_Return: self.mark_requested,
                Qt.Key.Key_Enter: self.mark_requested,
                Qt.Key.Key_Delete: self.clear_requested,
                Qt.Key.Key_Backspace: self.clear_requested,
                Qt.Key.Key_E: self.exempt_requested,
                Qt.Key.Key_F2: self.edit_requested,
            }.get(Qt.Key(key))
            if signal is not None:
                signal.emit()
                return
        super().keyPressEvent(event)
