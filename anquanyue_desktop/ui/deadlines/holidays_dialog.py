"""节假日设置: holidays and 调休 workdays entered by hand for a year the library lacks."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.validation import ValidationError
from ...domain.workdays import DayOverride, WorkCalendar
from ...store import Store, StoreError
from ...usecases.deadlines import day_overrides, save_day_overrides
from ..widgets import messages

KINDS = ("放假", "调休上班")


class HolidaysDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("节假日设置")
        self.resize(560, 460)
        self.store = store
        entered = day_overrides(store)
        self._original = {o.day for o in entered}
        calendar = WorkCalendar()
        known = calendar.known_years()
        span = f"{known[0]}—{known[-1]}" if known else "无"
        explain = QLabel(
            f"程序已内置 {span} 年的法定节假日和调休安排。国务院通常在每年年底公布下一年的安排，"
            "在程序更新之前，可在这里按通知手工录入：放假的日子选“放假”，周末上班的日子选“调休上班”。"
            "手工录入的优先于内置数据。"
        )
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["日期", "类型", "名称（如 春节）"])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        for o in entered:
            self._add_row(o)
        add = QPushButton("添加一天")
        remove = QPushButton("删除所选")
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.problem = QLabel()
        self.problem.setObjectName("problems")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        add.clicked.connect(lambda: self._add_row(None))
        remove.clicked.connect(self._remove_selected)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def _add_row(self, o: DayOverride | None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        day = o.day if o else date(date.today().year + 1, 1, 1)
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy年M月d日")
        kind = QComboBox()
        kind.addItems(KINDS)
        kind.setCurrentIndex(1 if o and o.is_workday else 0)
        name = QLineEdit(o.name if o else "")
        self.table.setCellWidget(r, 0, edit)
        self.table.setCellWidget(r, 1, kind)
        self.table.setCellWidget(r, 2, name)

    def _remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def overrides(self) -> list[DayOverride]:
        found = []
        for r in range(self.table.rowCount()):
            q = self.table.cellWidget(r, 0).date()
            found.append(
                DayOverride(
                    date(q.year(), q.month(), q.day()),
                    self.table.cellWidget(r, 1).currentIndex() == 1,
                    self.table.cellWidget(r, 2).text().strip(),
                )
            )
        return found

    def save(self) -> None:
        try:
            save_day_overrides(self.store, self.overrides(), removed=self._original)
        except ValidationError as exc:
            self.problem.setText(messages.problems_text(exc.problems))
            return
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return
        self.accept()
