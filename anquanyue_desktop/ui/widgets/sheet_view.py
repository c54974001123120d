"""A table view that moves like a spreadsheet: Enter and Tab go on, typing starts editing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QTableView,
)

from ..units.model import COL_NAME, COL_NOTES


class SheetView(QTableView):
    """A table that behaves like a spreadsheet: Enter goes down, Ctrl+V pastes a block,
    Delete clears cells, typing starts editing."""

    paste_requested = Signal(QModelIndex, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(28)

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if text:
                # No current cell (an empty table, or below the last row): append.
                self.paste_requested.emit(self.currentIndex(), text)
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != self.State.EditingState
        ):
            self._move_down()
            return
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            for index in self.selectedIndexes():
                if index.column() in (COL_NAME, COL_NOTES):
                    self.model().setData(index, "")
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint):
        # Enter in an editor commits and moves down, as in Excel/WPS.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def commit_open_editor(self) -> None:
        """Ctrl+S while typing in a cell saves what was typed."""
        if self.state() != self.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _move_down(self) -> None:
        index = self.currentIndex()
        if index.isValid() and index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(index.sibling(index.row() + 1, index.column()))
