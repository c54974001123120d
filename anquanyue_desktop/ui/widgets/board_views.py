"""Lines that describe occurrences the same way on the dashboard, the calendar and reminders."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ...domain.board import OccurrenceLike
from ...domain.deadlines import DIRECTION_IN, format_due
from ...domain.workdays import WorkCalendar

OVERDUE_COLOR = QColor("#c62828")
SOON_COLOR = QColor("#e65100")
DONE_COLOR = QColor("#2e7d32")


# The first units still owing an occurrence, at most so many: a board's or a summary's
# ``owed_names``.
OwedNames = Callable[[OccurrenceLike, int], Sequence[str]]


def due_text(state: OccurrenceLike, calendar: WorkCalendar) -> str:
    occ = state.occurrence
    note = calendar.note(occ.due.date())
    return format_due(occ) + (f"〔{note}〕" if note else "")


def owed_text(state: OccurrenceLike, names: OwedNames, limit: int = 6) -> str:
    """还差3个单位：东村、西坡村…; for the township's own deliveries: 本级尚未上报."""
    is_own = state.occurrence.deadline.direction != DIRECTION_IN
    if is_own:
        return "本级尚未上报" if state.owed else "本级已上报"
    if not state.asked:
        return "尚无报送单位（请在“下级单位”中添加）"
    if not state.owed:
        return "全部已报"
    shown = "、".join(names(state, limit))
    more = "等" if state.owed > limit else ""
    return f"还差{state.owed}个单位：{shown}{more}"


def fill_list(
    widget: QListWidget,
    states: Sequence[OccurrenceLike],
    names: OwedNames,
    calendar: WorkCalendar,
    *,
    empty: str,
    color: QColor | None = None,
) -> None:
    """One line per occurrence; the item's data is (deadline id, occurrence key) for jumping."""
    widget.clear()
    widget.setWordWrap(True)  # long lists of owed units wrap instead of scrolling sideways
    if not states:
        item = QListWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)
        return
    for s in states:
        text = f"{due_text(s, calendar)}　{s.occurrence.label}　—　{owed_text(s, names)}"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, (s.occurrence.deadline.id, s.occurrence.key))
        item.setToolTip(s.occurrence.deadline.materials)
        if color is not None:
            item.setForeground(QBrush(color))
        widget.addItem(item)
