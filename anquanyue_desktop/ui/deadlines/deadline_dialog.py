"""Editing one 报送节点: what is due, from whom, and the rule of its due dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.deadlines import (
    DIRECTION_IN,
    DIRECTION_OUT,
    MONTHLY_KIND,
    ONCE,
    QUARTER_MONTH_NAMES,
    QUARTERLY_KIND,
    RULE_KIND_NAMES,
    RULE_KINDS,
    WEEKDAY_NAMES,
    Deadline,
    DeadlineRule,
    format_due,
    occurrences,
    validate_deadline,
)
from ...domain.delivery import delivery_choices, delivery_of, infer_delivery
from ...domain.units import Unit
from ...domain.workdays import WorkCalendar
from ..widgets import messages

DIRECTION_LABELS = {DIRECTION_IN: "收：下级单位向本级报送", DIRECTION_OUT: "报：本级向上级报送"}
_ERROR_STYLE = "border: 1px solid #c62828; background: #fff5f5;"


class DeadlineDialog(QDialog):
    """``deadline()`` is the edited value after accept; nothing is written here."""

    def __init__(
        self,
        deadline: Deadline,
        units: list[Unit],
        calendar: WorkCalendar,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("编辑报送节点" if deadline.id else "新增报送节点")
        self.resize(620, 640)
        self._original = deadline
        self._calendar = calendar
        self._loading = True

        self.title = QLineEdit(deadline.title)
        self.title.setPlaceholderText("如：周活动开展情况、联络员推荐表、工作总结")
        self.direction = QComboBox()
        for key in (DIRECTION_IN, DIRECTION_OUT):
            self.direction.addItem(DIRECTION_LABELS[key], key)
        self.direction.setCurrentIndex(0 if deadline.direction == DIRECTION_IN else 1)
        self.kind = QComboBox()
        for key in RULE_KINDS:
            self.kind.addItem(RULE_KIND_NAMES[key], key)
        self.kind.setCurrentIndex(RULE_KINDS.index(deadline.rule.kind))

        rule = deadline.rule
        default_day = rule.on or rule.start or date.today()
        self.on = QDateEdit(QDate(default_day))
        self.start = QDateEdit(QDate(rule.start or default_day))
        self.end = QDateEdit(QDate(rule.end or default_day))
        for w in (self.on, self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy年M月d日")
        self.has_time = QCheckBox("指定时刻（不选则当天24时前报来都算按时）")
        self.has_time.setChecked(rule.at is not None)
        self.at = QTimeEdit(QTime((rule.at or time(18, 0)).hour, (rule.at or time(18, 0)).minute))
        self.at.setDisplayFormat("HH:mm")
        self.weekday = QComboBox()
        self.weekday.addItems(WEEKDAY_NAMES)
        self.weekday.setCurrentIndex((rule.weekday or 3) - 1)
        self.day_of_month = QSpinBox()
        self.day_of_month.setRange(0, 31)
        self.day_of_month.setSpecialValueText("月底")
        self.day_of_month.setValue(rule.day_of_month or 0)
        self.month_of_quarter = QComboBox()
        for month, name in QUARTER_MONTH_NAMES.items():
            self.month_of_quarter.addItem(name, month)
        self.month_of_quarter.setCurrentIndex((rule.month_of_quarter or 3) - 1)

        self.all_units = QCheckBox("全部在用单位")
        self.all_units.setChecked(deadline.unit_ids is None)
        self.unit_list = QListWidget()
        self.unit_list.setMaximumHeight(140)
        for u in units:
            item = QListWidgetItem(u.name)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            chosen = deadline.unit_ids is not None and u.id in deadline.unit_ids
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.unit_list.addItem(item)
        self.materials = QPlainTextEdit(deadline.materials)
        self.materials.setMaximumHeight(60)
        self.notes = QPlainTextEdit(deadline.notes)
        self.notes.setMaximumHeight(50)
        # What counts as delivered: a form, activities in the window, or marked by hand.
        self.delivery = QComboBox()
        self.delivery.addItem(f"按名称判断（{infer_delivery(deadline).text}）", "")
        for choice in delivery_choices():
            self.delivery.addItem(choice.text, choice.text)
            self.delivery.setItemData(
                self.delivery.count() - 1, choice.describe(), Qt.ItemDataRole.ToolTipRole
            )
        self.delivery.setCurrentIndex(max(0, self.delivery.findData(deadline.form_template)))
        self.delivery.setToolTip(delivery_of(deadline).describe())
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setObjectName("pageHint")
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)

        form = QFormLayout()
        form.addRow("报送内容：", self.title)
        form.addRow("方向：", self.direction)
        form.addRow("报送规则：", self.kind)
        form.addRow("截止日期：", self.on)
        form.addRow("星期：", self.weekday)
        form.addRow("季度的：", self.month_of_quarter)
        form.addRow("每月几日：", self.day_of_month)
        form.addRow("从：", self.start)
        form.addRow("到：", self.end)
        form.addRow("", self.has_time)
        form.addRow("截止时刻：", self.at)
        form.addRow("报送单位：", self.all_units)
        form.addRow("", self.unit_list)
        form.addRow("怎样算已报：", self.delivery)
        form.addRow("材料要求：", self.materials)
        form.addRow("备注：", self.notes)
        self._form = form

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        for signal in (
            self.title.textChanged,
            self.direction.currentIndexChanged,
            self.kind.currentIndexChanged,
            self.on.dateChanged,
            self.start.dateChanged,
            self.end.dateChanged,
            self.has_time.toggled,
            self.at.timeChanged,
            self.weekday.currentIndexChanged,
            self.day_of_month.valueChanged,
            self.month_of_quarter.currentIndexChanged,
            self.all_units.toggled,
            self.unit_list.itemChanged,
            self.materials.textChanged,
        ):
            signal.connect(self._update)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self._loading = False
        self._update()

    def deadline(self) -> Deadline:
        kind = self.kind.currentData()
        at = self.at.time()
        rule = DeadlineRule(
            kind=kind,
            on=self.on.date().toPython() if kind == ONCE else None,
            at=time(at.hour(), at.minute())
            if self.has_time.isChecked() and kind != "asap"
            else None,
            weekday=self.weekday.currentIndex() + 1 if kind == "weekly" else None,
            day_of_month=(self.day_of_month.value() or None)
            if kind in (MONTHLY_KIND, QUARTERLY_KIND)
            else None,
            start=self.start.date().toPython() if kind not in (ONCE, "asap") else None,
            end=self.end.date().toPython() if kind not in (ONCE, "asap") else None,
            month_of_quarter=self.month_of_quarter.currentData()
            if kind == QUARTERLY_KIND
            else None,
        )
        old = self._original.rule
        if kind == ONCE and old.relative_days and old.on == rule.on:
            # 接到通知后5个工作日内 stays said that way while its date is not changed by hand.
            rule = replace(
                rule, relative_days=old.relative_days, relative_workdays=old.relative_workdays
            )
        if self.all_units.isChecked():
            unit_ids = None
        else:
            unit_ids = frozenset(
                self.unit_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.unit_list.count())
                if self.unit_list.item(i).checkState() == Qt.CheckState.Checked
            )
        return replace(
            self._original,
            title=self.title.text().strip(),
            direction=self.direction.currentData(),
            rule=rule,
            unit_ids=unit_ids,
            materials=self.materials.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            form_template=self.delivery.currentData() or "",
        )

    def _show_row(self, widget: QWidget, visible: bool) -> None:
        self._form.setRowVisible(widget, visible)

    def _update(self, *_args) -> None:
        if self._loading:
            return
        kind = self.kind.currentData()
        incoming = self.direction.currentData() == DIRECTION_IN
        self._show_row(self.on, kind == ONCE)
        self._show_row(self.weekday, kind == "weekly")
        self._show_row(self.day_of_month, kind in (MONTHLY_KIND, QUARTERLY_KIND))
        self._show_row(self.month_of_quarter, kind == QUARTERLY_KIND)
        self._show_row(self.start, kind not in (ONCE, "asap"))
        self._show_row(self.end, kind not in (ONCE, "asap"))
        self._show_row(self.has_time, kind != "asap")
        self._show_row(self.at, kind != "asap" and self.has_time.isChecked())
        self._show_row(self.all_units, incoming)
        self._show_row(self.unit_list, incoming and not self.all_units.isChecked())
        d = self.deadline()
        problems = validate_deadline(d)
        fields = {
            "title": self.title,
            "on": self.on,
            "start": self.start,
            "end": self.end,
            "weekday": self.weekday,
        }
        for w in fields.values():
            w.setStyleSheet("")
        for p in problems:
            if p.field in fields:
                fields[p.field].setStyleSheet(_ERROR_STYLE)
        self.problems.setText(messages.problems_text(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        self.preview.setText(self._preview(d) if not problems else "")

    def _preview(self, d: Deadline) -> str:
        occ = occurrences(d)
        if not occ:
            return "即时报送：没有固定的截止日期。"
        shown = []
        for o in occ[:8]:
            note = self._calendar.note(o.due.date())
            shown.append(format_due(o) + (f"〔{note}〕" if note else ""))
        more = f" …… 共{len(occ)}次" if len(occ) > 8 else f"（共{len(occ)}次）"
        text = "截止时间：" + "、".join(shown) + more
        warning = self._calendar.warning_for_days(o.due.date() for o in occ)
        return text + ("\n" + warning if warning else "")

    def _accept(self) -> None:
        if validate_deadline(self.deadline()):
            return
        self.accept()
