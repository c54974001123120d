"""查找: a box that filters a page's rows as the clerk types, by name or pinyin initials
(``dc`` finds 东村); Ctrl+F focuses it, Esc clears it. Rows are hidden, not removed, so
selections, edits and pastes keep their rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

from ...domain.search import any_matches


class FindBox(QLineEdit):
    """Emits ``query`` (stripped) on every change."""

    query = Signal(str)

    def __init__(self, what: str = "单位", parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(f"查找{what}：名称或拼音首字母，如 dc（Ctrl+F）")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(320)
        self.textChanged.connect(lambda text: self.query.emit(text.strip()))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)

    def install_shortcut(self, page: QWidget) -> None:
        """Ctrl+F anywhere on ``page`` puts the cursor in the box, its text selected."""
        shortcut = QShortcut(QKeySequence.StandardKey.Find, page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.focus_and_select)

    def focus_and_select(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()


def filter_rows(
    view: QTableView,
    query: str,
    texts: Callable[[int], Sequence[str]],
    *,
    keep: Callable[[int], bool] = lambda _row: False,
) -> int:
    """Hides the rows of ``view`` whose ``texts(row)`` do not match; ``keep(row)`` rows (a
    total line) always show. Returns how many matching rows show."""
    model = view.model()
    shown = 0
    for row in range(model.rowCount()):
        if keep(row):
            view.setRowHidden(row, False)
            continue
        visible = not query or any_matches(texts(row), query)
        view.setRowHidden(row, not visible)
        shown += visible
    return shown
