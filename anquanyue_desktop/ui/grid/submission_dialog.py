"""指定收到时间: edit one cell of the 报送情况 grid (or several at once) by hand.

The clerk picks 已报 with the time the material arrived, 免报 with a reason, or 未报; note and
materials go with any of them. The status the record will get is shown as it is typed, computed
by the domain (a time after the due second is 逾期补报), never chosen here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.deadlines import Occurrence, format_due
from ...domain.submissions import Submission, status_of, validate_submission
from ...domain.validation import Problem
from ..widgets import messages

MODE_RECEIVED, MODE_EXEMPT, MODE_PENDING = "received", "exempt", "pending"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


class SubmissionDialog(QDialog):
    """Edits ``target`` (the cell's record, or a blank one) for ``occurrence``.

    With ``count`` > 1 the result is applied to that many cells; the fields then start blank.
    ``now`` is the moment the received time may not pass, and the default received time.
    """

    def __init__(
        self,
        occurrence: Occurrence,
        target: Submission,
        *,
        unit_label: str,
        now: datetime,
        count: int = 1,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.occurrence = occurrence
        self.target = target
        self.now = now.replace(microsecond=0)
        self.count = count
        self.setWindowTitle("指定收到时间")
        self.setMinimumWidth(460)

        if count > 1:
            what = f"所选 {count} 个单元格（将一并修改，备注和材料也会一并替换）"
        else:
            what = f"{unit_label} · {occurrence.label}"
        heading = QLabel(what)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        due = QLabel(f"截止时间：{format_due(occurrence)}前")
        due.setObjectName("pageHint")

        self.received_radio = QRadioButton("已报，收到时间：")
        self.exempt_radio = QRadioButton("免报，原因：")
        self.pending_radio = QRadioButton("未报")
        self.modes = QButtonGroup(self)
        for button in (self.received_radio, self.exempt_radio, self.pending_radio):
            self.modes.addButton(button)

        self.received = QDateTimeEdit()
        self.received.setDisplayFormat(DATETIME_FORMAT)
        self.received.setCalendarPopup(True)
        self.now_button = QPushButton("现在")
        self.now_button.setAutoDefault(False)
        received_row = QHBoxLayout()
        received_row.addWidget(self.received, 1)
        received_row.addWidget(self.now_button)

        self.exempt_reason = QLineEdit()
        self.exempt_reason.setPlaceholderText("如：停产整顿、本次不涉及")
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：电话催报后补交")
        self.materials = QLineEdit()
        self.materials.setPlaceholderText("如：纸质盖章版、电子版、照片3张")

        form = QFormLayout()
        form.addRow(self.received_radio, received_row)
        form.addRow(self.exempt_radio, self.exempt_reason)
        form.addRow(self.pending_radio, QLabel(""))
        form.addRow("备注：", self.note)
        form.addRow("收到材料：", self.materials)

        self.result_label = QLabel()
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setStyleSheet("color: #b71c1c;")
        self.problems_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(due)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        self._fill(target if count == 1 else None)

        self.modes.buttonToggled.connect(self._update)
        self.received.dateTimeChanged.connect(self._update)
        self.exempt_reason.textChanged.connect(self._update)
        self.now_button.clicked.connect(self._set_now)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def _fill(self, s: Submission | None) -> None:
        received = s.received_at if s is not None and s.received_at else self.now
        self.received.setDateTime(QDateTime(received.replace(microsecond=0)))
        if s is not None and s.exempt:
            self.exempt_radio.setChecked(True)
        else:
            self.received_radio.setChecked(True)
        if s is not None:
            self.exempt_reason.setText(s.exempt_reason)
            self.note.setText(s.note)
            self.materials.setText(s.materials)
        self.received.setFocus()

    def _set_now(self) -> None:
        self.received.setDateTime(QDateTime(self.now))
        self.received_radio.setChecked(True)

    @property
    def mode(self) -> str:
        if self.exempt_radio.isChecked():
            return MODE_EXEMPT
        if self.pending_radio.isChecked():
            return MODE_PENDING
        return MODE_RECEIVED

    def set_mode(self, mode: str) -> None:
        {
            MODE_RECEIVED: self.received_radio,
            MODE_EXEMPT: self.exempt_radio,
            MODE_PENDING: self.pending_radio,
        }[mode].setChecked(True)

    def set_received(self, when: datetime) -> None:
        self.received.setDateTime(QDateTime(when.replace(microsecond=0)))

    def submission(self) -> Submission:
        """The record as the form says, for the target cell."""
        mode = self.mode
        received = None
        if mode == MODE_RECEIVED:
            received = self.received.dateTime().toPython().replace(microsecond=0)
        return replace(
            self.target,
            received_at=received,
            exempt_reason=self.exempt_reason.text().strip() if mode == MODE_EXEMPT else "",
            note=self.note.text().strip(),
            materials=self.materials.text().strip(),
        )

    def problems(self) -> list[Problem]:
        s = self.submission()
        found = validate_submission(s, self.occurrence, self.now)
        if self.mode == MODE_EXEMPT and not s.exempt:
            found.append(Problem("exempt_reason", "请填写免报原因", "exempt_reason_empty"))
        return found

    def _update(self, *_args) -> None:
        mode = self.mode
        self.received.setEnabled(mode == MODE_RECEIVED)
        self.exempt_reason.setEnabled(mode == MODE_EXEMPT)
        problems = self.problems()
        self.problems_label.setText(messages.problems_text(problems))
        if problems:
            self.result_label.setText("")
        else:
            status = status_of(self.occurrence, self.submission(), self.now)
            where = "当前单元格" if self.count > 1 else ""
            self.result_label.setText(f"{where}将记为：{status}")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:
        if self.problems():
            return
        super().accept()
