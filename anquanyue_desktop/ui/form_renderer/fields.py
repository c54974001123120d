"""One widget per field type (line, long text, choice, yes/no), each with its value, a changed
signal and its problem shown beside it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain.forms import (
    FIELD_TYPES,
    Field,
    Value,
    check_text,
    display_value,
)
from ...domain.validation import Problem

ERROR_STYLE = "border: 1px solid #c62828; background: #fff5f5;"
READ_ONLY_STYLE = "background: #f4f6f8; color: #1a1a1a;"
_PROBLEM_COLOR = "#b71c1c"
_PLACEHOLDERS = {
    "landline": "如 0355-6627527",
    "mobile": "11位数字",
    "phone": "手机或座机",
    "email": "如 name@163.com",
    "date": "如 2024-06-03",
}


class _FieldMixin:
    """What every field widget shares; the Qt base class provides the input itself."""

    field: Field
    compact: bool

    def _init_field(self, field: Field, compact: bool) -> None:
        self.field = field
        self.compact = compact
        self._problem: str | None = None
        self._read_only = False
        self._note = ""
        self.setObjectName(f"field_{field.key}")  # type: ignore[attr-defined]
        self.setAccessibleName(field.label)  # type: ignore[attr-defined]
        self._update_tooltip()

    # -- value -------------------------------------------------------------
    def text(self) -> str:  # overridden by widgets whose base has another name for it
        raise NotImplementedError

    def set_text(self, text: str) -> None:
        raise NotImplementedError

    def check(self) -> tuple[Value, list[Problem]]:
        """The value and the problems of what is typed, as the domain reads it."""
        return check_text(self.field, self.text())

    def value(self) -> Value:
        """The typed value (``None`` when empty or unreadable)."""
        return self.check()[0]

    def set_value(self, value: Value) -> None:
        self.set_text(display_value(self.field, value) if value is not None else "")

    # -- marks -------------------------------------------------------------
    @property
    def problem(self) -> str | None:
        return self._problem

    def set_problem(self, message: str | None) -> None:
        """Marks the box red with ``message`` as its tooltip; ``None`` clears the mark."""
        if message == self._problem:
            return
        self._problem = message
        self._update_style()
        self._update_tooltip()

    def set_note(self, note: str) -> None:
        """An extra line in the tooltip (如 “3个单位填报”)."""
        self._note = note
        self._update_tooltip()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_read_only(read_only)
        self._update_style()

    def is_read_only(self) -> bool:
        return self._read_only

    def _apply_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)  # type: ignore[attr-defined]

    def _update_style(self) -> None:
        if self._problem:
            style = ERROR_STYLE
        elif self._read_only:
            style = READ_ONLY_STYLE
        else:
            style = ""
        self.setStyleSheet(style)  # type: ignore[attr-defined]

    def _update_tooltip(self) -> None:
        f = self.field
        lines = [f"{f.label}{'（必填）' if f.required else ''}"]
        if f.unit_text:
            lines[0] += f"，单位：{f.unit_text}"
        if f.help:
            lines.append(f.help)
        if self._note:
            lines.append(self._note)
        if self._problem:
            lines.insert(0, f"⚠ {self._problem}")
        self.setToolTip("\n".join(lines))  # type: ignore[attr-defined]


class LineFieldWidget(QLineEdit, _FieldMixin):
    """One line of text: short text, number, phones, email, date."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None, *, compact: bool = False):
        QLineEdit.__init__(self, parent)
        self._init_field(field, compact)
        placeholder = _PLACEHOLDERS.get(field.type, "")
        if placeholder and not compact:
            self.setPlaceholderText(placeholder)
        fm = QFontMetrics(self.font())
        if field.type == "number":
            self.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if compact:
                self.setFixedWidth(fm.horizontalAdvance("0") * 6 + 16)
            else:
                self.setMaximumWidth(fm.horizontalAdvance("0") * 12 + 16)
        elif compact:
            self.setFixedWidth(fm.horizontalAdvance("汉") * 14 + 16)
        self.textChanged.connect(self.changed)

    def set_text(self, text: str) -> None:
        if text != QLineEdit.text(self):
            self.setText(text)
            self.setCursorPosition(0)


class LongTextFieldWidget(QPlainTextEdit, _FieldMixin):
    """Several lines of text; Tab moves on instead of typing a tab."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None, *, compact: bool = False):
        QPlainTextEdit.__init__(self, parent)
        self._init_field(field, compact)
        self.setTabChangesFocus(True)
        fm = QFontMetrics(self.font())
        lines = 2 if compact else 4
        self.setFixedHeight(fm.lineSpacing() * lines + 14)
        if compact:
            self.setMinimumWidth(fm.horizontalAdvance("汉") * 14 + 16)
        self.textChanged.connect(self.changed)

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.toPlainText():
            self.setPlainText(text)


class ChoiceFieldWidget(QComboBox, _FieldMixin):
    """One of the field's choices; the empty first entry means not filled."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None, *, compact: bool = False):
        QComboBox.__init__(self, parent)
        self._init_field(field, compact)
        self.addItems(["", *self._choices()])
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self.changed)

    def _choices(self) -> Sequence[str]:
        return self.field.choices

    def text(self) -> str:
        return self.currentText()

    def set_text(self, text: str) -> None:
        text = text.strip()
        index = self.findText(text)
        if index < 0:
            # A value no longer among the choices (older data): shown, and flagged by check().
            self.addItem(text)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def _apply_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class YesNoFieldWidget(ChoiceFieldWidget):
    """是 / 否, or empty."""

    def _choices(self) -> Sequence[str]:
        return ("是", "否")


# Field type → widget class. Every type of FIELD_TYPES has one (a test checks it).
FIELD_WIDGETS: dict[str, type[QWidget]] = {
    "text": LineFieldWidget,
    "longtext": LongTextFieldWidget,
    "number": LineFieldWidget,
    "landline": LineFieldWidget,
    "mobile": LineFieldWidget,
    "phone": LineFieldWidget,
    "email": LineFieldWidget,
    "date": LineFieldWidget,
    "choice": ChoiceFieldWidget,
    "yesno": YesNoFieldWidget,
}


FieldWidget = LineFieldWidget | LongTextFieldWidget | ChoiceFieldWidget


def make_field_widget(
    field: Field, parent: QWidget | None = None, *, compact: bool = False
) -> FieldWidget:
    """The widget for ``field`` from :data:`FIELD_WIDGETS` (a line box for an unknown type)."""
    cls = FIELD_WIDGETS.get(field.type, LineFieldWidget)
    return cls(field, parent, compact=compact)  # type: ignore[call-arg, return-value]


assert set(FIELD_WIDGETS) == set(FIELD_TYPES)
