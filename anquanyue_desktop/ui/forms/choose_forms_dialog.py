"""本年度使用的表: which templates the campaign collects, and for what purpose."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.form_entries import (
    ROLE_LIAISON,
    ROLE_NAMES,
    ROLE_OTHER,
    ROLE_STATISTICS,
)
from ...domain.forms import (
    KINDS,
    FormTemplate,
)
from ...store import Store
from ...usecases.form_templates import form_library


class ChooseFormsDialog(QDialog):
    """本年度使用的表: a check and a purpose (联络员表, 活动情况统计表 …) per template."""

    def __init__(self, store: Store, chosen: Sequence[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("本年度使用的表")
        self.resize(720, 380)
        templates = form_library(store)
        order = {k: i for i, (k, _) in enumerate(chosen)}
        templates.sort(key=lambda t: (order.get(t.key, len(order)), t.name))
        roles = dict(chosen)
        self.table = QTableWidget(len(templates), 3)
        self.table.setHorizontalHeaderLabels(["表", "种类", "用途"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.templates = templates
        self.role_boxes: list[QComboBox] = []
        for r, t in enumerate(templates):
            check = QTableWidgetItem(f"{t.label}（第{t.version}版）")
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(
                Qt.CheckState.Checked if t.key in roles else Qt.CheckState.Unchecked
            )
            check.setToolTip(t.description or t.name)
            self.table.setItem(r, 0, check)
            kind = QTableWidgetItem(KINDS.get(t.kind, t.kind))
            kind.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 1, kind)
            combo = QComboBox()
            for role, name in ROLE_NAMES.items():
                combo.addItem(name, role)
            combo.setCurrentIndex(max(0, combo.findData(roles.get(t.key, _guess_role(t)))))
            self.table.setCellWidget(r, 2, combo)
            self.role_boxes.append(combo)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        hint = QLabel("勾选本年度要收集的表，并说明每张表的用途（联络员表、统计表各只能选一张）。")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(buttons)

    def set_checked(self, key: str, role: str | None = None, checked: bool = True) -> None:
        for r, t in enumerate(self.templates):
            if t.key == key:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                self.table.item(r, 0).setCheckState(state)
                if role is not None:
                    self.role_boxes[r].setCurrentIndex(self.role_boxes[r].findData(role))

    def chosen(self) -> list[tuple[str, str]]:
        out = []
        for r, t in enumerate(self.templates):
            if self.table.item(r, 0).checkState() == Qt.CheckState.Checked:
                out.append((t.key, self.role_boxes[r].currentData()))
        return out

    def problems(self) -> list[str]:
        out = []
        roles = [role for _, role in self.chosen()]
        for role in (ROLE_LIAISON, ROLE_STATISTICS):
            if roles.count(role) > 1:
                out.append(f"“{ROLE_NAMES[role]}”只能选一张表")
        by_key = {t.key: t for t in self.templates}
        for key, role in self.chosen():
            t = by_key[key]
            if role == ROLE_STATISTICS and t.kind != "table":
                out.append(f"“{t.name}”不是填空统计表，不能作为活动情况统计表")
            if role == ROLE_LIAISON and (t.kind != "record" or t.repeating):
                out.append(f"“{t.name}”不是单行登记表，不能作为联络员表")
        return out

    def accept(self) -> None:
        problems = self.problems()
        self.problems_label.setText("\n".join(problems))
        if problems:
            return
        super().accept()


def _guess_role(t: FormTemplate) -> str:
    if t.kind == "table":
        return ROLE_STATISTICS
    if t.kind == "quota":
        return "works_quota"
    if t.repeating:
        return "works_report"
    if "联络员" in t.name:
        return ROLE_LIAISON
    return ROLE_OTHER
