"""制表日期/成文日期 beside the export buttons: the date the exports of a page carry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget

from ...domain.campaign import Campaign
from ...store import Store, StoreError
from ...usecases.export_dates import ISSUED_ON, choose_export_date, export_date
from . import messages

Context = Callable[[], tuple[Store, Campaign | None]]


class ExportDateEdit(QWidget):
    """Today, or the day the clerk picked for this campaign: a pick is remembered, so the
    next export (here, on another page or from the CLI) offers it again.

    ``context`` gives the store and the campaign of the moment; the date is read again each
    time the picker is shown and when :meth:`reload` is called (a campaign switched)."""

    def __init__(self, kind: str, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._context = context
        self.label_text = "成文日期" if kind == ISSUED_ON else "制表日期"
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.edit.setToolTip(
            f"导出时印在文件上的{self.label_text}。默认今天；改过后本年度活动记住此日期。"
        )
        label = QLabel(f"{self.label_text}：")
        label.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        self.edit.dateChanged.connect(self._picked)
        self.reload()

    def value(self) -> date:
        """The date to print."""
        return self.edit.date().toPython()

    def set_value(self, on: date) -> None:
        """As if the clerk picked ``on`` (remembered for the campaign)."""
        self.edit.setDate(QDate(on.year, on.month, on.day))

    def reload(self) -> None:
        store, campaign = self._context()
        on = export_date(store, campaign, self.kind)
        with QSignalBlocker(self.edit):
            self.edit.setDate(QDate(on.year, on.month, on.day))

    def showEvent(self, event) -> None:
        self.reload()  # another page may have picked a date since
        super().showEvent(event)

    def _picked(self, _qdate: QDate) -> None:
        store, campaign = self._context()
        try:
            choose_export_date(store, campaign, self.kind, self.value())
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
