"""The one form renderer: a widget per field type, and the views that lay out a whole form.

Entry, the aggregate and the form editor's preview all draw forms with these classes, so a form
looks and checks the same everywhere.

- :data:`FIELD_WIDGETS` maps every field type of :data:`~..domain.forms.FIELD_TYPES` to its
  widget class. Each field widget has ``value()``, ``set_value(v)``, ``text()``/``set_text()``
  (what the clerk sees), a ``changed`` signal, ``check()`` (read and check through
  :func:`~..domain.forms.check_text`) and ``set_problem(message | None)`` (red, message as
  tooltip). The same widgets serve as cell editors of the liaison sheet.
- :class:`RecordFormView` draws a record form in a :class:`QFormLayout` (for a repeating one, its
  rows in a grid below the header fields).
- :class:`TableFormView` draws a table form as on paper: 活动项目 | 内容要求 | 进展情况, the
  进展情况 sentence with small input boxes where its blanks are (:class:`BlankSentence`).

Both views validate on every change (``check_text`` per box, then
:func:`~..domain.forms.validate_entry` for the whole entry), mark the boxes that fail, keep the
messages in ``problems`` and announce them with ``problems_changed``. Tab and Enter move to the
next box. ``read_only=True`` shows an entry or an aggregate without editing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.forms import (
    FIELD_TYPES,
    Field,
    FormTemplate,
    TableRow,
    Value,
    check_text,
    display_value,
    table_rows,
    validate_entry,
)
from ..domain.validation import Problem

__all__ = [
    "FIELD_WIDGETS",
    "BlankSentence",
    "ChoiceFieldWidget",
    "FlowLayout",
    "LineFieldWidget",
    "LongTextFieldWidget",
    "RecordFormView",
    "TableFormView",
    "YesNoFieldWidget",
    "make_field_widget",
]

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


# ---------------------------------------------------------------- field widgets


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
assert set(FIELD_WIDGETS) == set(FIELD_TYPES)

FieldWidget = LineFieldWidget | LongTextFieldWidget | ChoiceFieldWidget


def make_field_widget(
    field: Field, parent: QWidget | None = None, *, compact: bool = False
) -> FieldWidget:
    """The widget for ``field`` from :data:`FIELD_WIDGETS` (a line box for an unknown type)."""
    cls = FIELD_WIDGETS.get(field.type, LineFieldWidget)
    return cls(field, parent, compact=compact)  # type: ignore[call-arg, return-value]


# ---------------------------------------------------------------- layouts


class FlowLayout(QLayout):
    """Lays its items out left to right and wraps them onto the next line, like words."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 12, v_spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h = h_spacing
        self._v = v_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.marginsRemoved(QMargins(m.left(), m.top(), m.right(), m.bottom()))
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x = area.x()
                y += line_height + self._v
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._h
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()


# Characters that must not begin a line, and those that must not end one (Chinese typesetting).
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—,.;:?!)%·")
_NO_LINE_END = set("（《「『【〔“‘(")
_WORD = re.compile(r"[A-Za-z0-9]+|.", re.DOTALL)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: each Chinese character, whole ASCII words, with
    closing punctuation kept on the piece before it and opening punctuation on the one after."""
    out: list[str] = []
    carry = ""
    for piece in _WORD.findall(text):
        if piece in _NO_LINE_START and out and not carry:
            out[-1] += piece
        elif piece in _NO_LINE_END:
            carry += piece
        else:
            out.append(carry + piece)
            carry = ""
    if carry:
        out.append(carry)
    return out


class BlankSentence(QWidget):
    """A sentence with input boxes in place of its blanks, wrapping like text on paper.

    ``runs`` are text and widgets in reading order. Text wraps between any two Chinese
    characters (not before a closing or after an opening mark); a box stays on the line of the
    word that follows it (the unit). Qt has no flow layout for text, so this widget places its
    child boxes itself and paints the text around them.
    """

    def __init__(self, runs: Sequence[str | QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._runs: list[list[str] | QWidget] = []
        unit = ""
        for run in runs:
            if isinstance(run, QWidget):
                run.setParent(self)
                self._runs.append(run)
                field = getattr(run, "field", None)
                unit = field.unit_text if isinstance(field, Field) else ""
            elif run:
                tokens = _tokens(run)
                if unit and run.startswith(unit) and len(tokens) > 1:
                    # The unit after a box (人次, 张（条）) stays whole on the box's line.
                    head = _tokens(run[: len(unit)])
                    rest = _tokens(run[len(unit) :])
                    if rest and rest[0][:1] in _NO_LINE_START:
                        head[-1:] = [head[-1] + rest.pop(0)]
                    tokens = ["".join(head), *rest]
                self._runs.append(tokens)
                unit = ""
        self._pieces: list[tuple[QPoint, str]] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._cache: tuple[int, int] | None = None

    def plain_text(self, blank: str = "（）") -> str:
        """The sentence with each box written as ``blank`` or, with ``blank=""``, its text."""
        out = []
        for run in self._runs:
            if isinstance(run, QWidget):
                out.append(blank or getattr(run, "text", lambda: "")())
            else:
                out.append("".join(run))
        return "".join(out)

    def _line_height(self) -> int:
        boxes = [r.sizeHint().height() for r in self._runs if isinstance(r, QWidget)]
        return max([QFontMetrics(self.font()).height() + 4, *boxes])

    def _arrange(self, width: int, *, apply: bool) -> int:
        fm = QFontMetrics(self.font())
        line_h = self._line_height()
        gap = 4
        width = max(width, 60)
        x, y = 0, 0
        pieces: list[tuple[QPoint, str]] = []
        current = ""
        start_x = 0

        def flush() -> None:
            nonlocal current
            if current and apply:
                base = y + (line_h - fm.height()) // 2 + fm.ascent()
                pieces.append((QPoint(start_x, base), current))
            current = ""

        for i, run in enumerate(self._runs):
            if isinstance(run, QWidget):
                if run.minimumWidth() and run.minimumWidth() == run.maximumWidth():
                    w = run.minimumWidth()
                else:
                    w = max(run.sizeHint().width(), run.minimumWidth())
                h = run.sizeHint().height()
                nxt = self._runs[i + 1] if i + 1 < len(self._runs) else None
                glue = fm.horizontalAdvance(nxt[0]) if isinstance(nxt, list) and nxt else 0
                if x > 0 and x + w + 4 + glue > width:
                    flush()
                    x, y = 0, y + line_h + gap
                flush()
                if apply:
                    run.setGeometry(QRect(x + 2, y + (line_h - h) // 2, min(w, width - 4), h))
                x += w + 4
                start_x = x
                continue
            for token in run:
                tw = fm.horizontalAdvance(token)
                if x > 0 and x + tw > width:
                    flush()
                    x, y = 0, y + line_h + gap
                    start_x = 0
                if not current:
                    start_x = x
                current += token
                x += tw
            flush()
        if apply:
            self._pieces = pieces
        return y + line_h

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._cache and self._cache[0] == width:
            return self._cache[1]
        h = self._arrange(width, apply=False)
        self._cache = (width, h)
        return h

    def sizeHint(self) -> QSize:
        return QSize(480, self.heightForWidth(480))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self._line_height())

    def resizeEvent(self, event) -> None:
        self._arrange(self.width(), apply=True)
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._cache = None
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.setFont(self.font())
        for point, text in self._pieces:
            painter.drawText(point, text)


# ---------------------------------------------------------------- the form views


class _FormView(QWidget):
    """What both views share: the boxes, validation on every change, Tab/Enter moving on."""

    changed = Signal()
    problems_changed = Signal(list)

    def __init__(self, template: FormTemplate, parent: QWidget | None = None, read_only=False):
        super().__init__(parent)
        self.template = template
        self.read_only = read_only
        self._widgets: dict[str, FieldWidget] = {}
        self._order: list[FieldWidget] = []
        self._problems: list[Problem] = []
        self._loading = False
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    # -- building --------------------------------------------------------------
    def _new_widget(self, field: Field, *, compact: bool) -> FieldWidget:
        w = make_field_widget(field, compact=compact)
        self._register(w)
        return w

    def _register(self, w: FieldWidget) -> None:
        self._widgets.setdefault(w.field.key, w)
        self._order.append(w)
        w.set_read_only(self.read_only)
        w.changed.connect(self._field_changed)
        w.installEventFilter(self)

    def _finish(self) -> None:
        self._finish_tab_order()
        for a, b in zip(self._order, self._order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.validate()

    # -- the public face -------------------------------------------------------------
    def inputs(self) -> list[FieldWidget]:
        """Every box in reading (and Tab) order."""
        return list(self._order)

    def widget_for(self, key: str) -> FieldWidget | None:
        return self._widgets.get(key)

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def values(self) -> dict[str, Any]:
        """Field key → value of every filled box (unreadable text counts as empty)."""
        out: dict[str, Any] = {}
        for key, w in self._widgets.items():
            value = w.value()
            if value is not None and value != "":
                out[key] = value
        return out

    def snapshot(self) -> tuple[str, ...]:
        """What every box shows, in order: compare two to tell whether anything was typed."""
        return tuple(w.text() for w in self._order)

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Shows ``values`` (keys the form lacks are ignored); does not emit ``changed``."""
        self._loading = True
        try:
            for key, w in self._widgets.items():
                w.blockSignals(True)
                w.set_value(values.get(key))
                w.blockSignals(False)
        finally:
            self._loading = False
        self.validate()

    def clear(self) -> None:
        self.set_values({})

    def set_field_read_only(self, key: str, read_only: bool = True) -> None:
        w = self._widgets.get(key)
        if w is not None:
            w.set_read_only(read_only or self.read_only)
            self._finish_tab_order()

    def _finish_tab_order(self) -> None:
        for w in self._order:
            policy = Qt.FocusPolicy.NoFocus if w.is_read_only() else Qt.FocusPolicy.StrongFocus
            w.setFocusPolicy(policy)

    def focus_first(self) -> None:
        for w in self._order:
            if not w.is_read_only():
                w.setFocus(Qt.FocusReason.TabFocusReason)
                return

    # -- validation ----------------------------------------------------------------
    def _entry_problems(self) -> list[Problem]:
        return validate_entry(self.template, self.values())

    def validate(self) -> list[Problem]:
        """Checks every box and the entry as a whole; marks the failing boxes."""
        found: list[Problem] = []
        by_widget: dict[int, str] = {}
        keys_with_format: set[str] = set()
        if self.read_only or self.is_blank():
            # Nothing typed yet is no entry at all, not an entry full of mistakes.
            for w in self._order:
                w.set_problem(None)
            self._set_problems([])
            return []
        for w in self._order:
            if self._skip_check(w):
                continue
            _, problems = w.check()
            if problems:
                found.extend(problems)
                by_widget[id(w)] = problems[0].message
                keys_with_format.add(self._problem_key(w))
        for p in self._entry_problems():
            if p.field in keys_with_format:
                continue
            keys_with_format.add(p.field)
            found.append(p)
            w = self._widget_for_problem(p.field)
            if w is not None:
                by_widget.setdefault(id(w), p.message)
        for w in self._order:
            w.set_problem(by_widget.get(id(w)))
        self._set_problems(found)
        return found

    def is_blank(self) -> bool:
        """True when nothing is typed in any box the clerk may edit."""
        return not any(w.text().strip() for w in self._order if not w.is_read_only())

    def _skip_check(self, w: FieldWidget) -> bool:
        return False

    def _problem_key(self, w: FieldWidget) -> str:
        return w.field.key

    def _widget_for_problem(self, key: str) -> FieldWidget | None:
        return self._widgets.get(key)

    def _set_problems(self, problems: list[Problem]) -> None:
        changed = [p.message for p in problems] != [p.message for p in self._problems]
        self._problems = problems
        self._show_problems(problems)
        if changed:
            self.problems_changed.emit(problems)

    def _show_problems(self, problems: list[Problem]) -> None:
        pass

    def _field_changed(self) -> None:
        if self._loading:
            return
        self.validate()
        self.changed.emit()

    # -- keyboard ----------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and obj in self._order:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(obj, QPlainTextEdit):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._move_from(obj, -1 if shift else 1)
                return True
        elif event.type() == QEvent.Type.FocusIn and isinstance(obj, QWidget):
            self.scroll.ensureWidgetVisible(obj, 40, 40)
        return super().eventFilter(obj, event)

    def _move_from(self, w: QWidget, step: int) -> None:
        order = [x for x in self._order if not x.is_read_only() and x.isVisibleTo(self)]
        if w not in order:
            return
        i = order.index(w) + step
        if 0 <= i < len(order):
            order[i].setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(order[i], QLineEdit):
                order[i].selectAll()


def _field_label(f: Field) -> str:
    return f"{f.label}{' *' if f.required else ''}"


def _problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {_PROBLEM_COLOR};")
    label.hide()
    return label


class RecordFormView(_FormView):
    """A record form: header, body and footer fields one under another, each with its
    message beside it; a repeating form's body as rows the unit may add and remove."""

    def __init__(
        self,
        template: FormTemplate,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
        show_title: bool = False,
    ):
        super().__init__(template, parent, read_only)
        self.repeating = template.repeating and template.kind == "record"
        self._messages: dict[int, QLabel] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        if show_title:
            title = QLabel(template.name)
            title.setWordWrap(True)
            title.setStyleSheet("font-size: 14pt; font-weight: bold;")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(title)
        single = (*template.header_fields, *(() if self.repeating else template.fields))
        layout.addLayout(self._form(single))
        self.rows_editor: RowsEditor | None = None
        if self.repeating:
            self.rows_editor = RowsEditor(template.fields, self, read_only=read_only)
            self.rows_editor.set_rows([])
            self._relink()
            layout.addWidget(self.rows_editor)
        if template.footer_fields:
            layout.addLayout(self._form(template.footer_fields))
        if template.note:
            note = QLabel(template.note)
            note.setWordWrap(True)
            note.setObjectName("pageHint")
            layout.addWidget(note)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self._finish()

    def _form(self, fields: Iterable[Field]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in fields:
            w = self._new_widget(f, compact=False)
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(w)
            message = _problem_label()
            v.addWidget(message)
            self._messages[id(w)] = message
            label = QLabel(_field_label(f))
            label.setBuddy(w)
            if f.help:
                label.setToolTip(f.help)
            form.addRow(label, box)
        return form

    # rows of a repeating form --------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        return self.rows_editor.rows() if self.rows_editor else []

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if self.rows_editor is None:
            return
        self._loading = True
        try:
            self.rows_editor.set_rows(rows)
        finally:
            self._loading = False
        self._relink()
        self.validate()

    def set_entry(self, values: Mapping[str, Any], rows: Sequence[Mapping[str, Any]] = ()) -> None:
        self.set_rows(rows)
        self.set_values(values)

    def _relink(self) -> None:
        """After the rows changed: the boxes of the rows join the Tab order and validation."""
        keep = [w for w in self._order if not getattr(w, "_in_rows", False)]
        self._order = keep
        if self.rows_editor is not None:
            header = [w for w in keep if w.field in self.template.header_fields]
            rest = [w for w in keep if w not in header]
            row_boxes = self.rows_editor.boxes()
            for w in row_boxes:
                if not getattr(w, "_linked", False):
                    w._linked = True  # type: ignore[attr-defined]
                    w._in_rows = True  # type: ignore[attr-defined]
                    w.set_read_only(self.read_only)
                    w.changed.connect(self._field_changed)
                    w.installEventFilter(self)
            self._order = [*header, *row_boxes, *rest]
        if self.scroll.widget() is not None:
            for a, b in zip(self._order, self._order[1:], strict=False):
                QWidget.setTabOrder(a, b)

    def _rows_changed(self) -> None:
        self._relink()
        if not self._loading:
            self.validate()
            self.changed.emit()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, w in self._widgets.items():
            if getattr(w, "_in_rows", False):
                continue
            value = w.value()
            if value is not None and value != "":
                out[key] = value
        return out

    def _entry_problems(self) -> list[Problem]:
        return validate_entry(self.template, self.values(), self.rows())

    def _skip_check(self, w: FieldWidget) -> bool:
        # An empty row of a repeating form is not a row.
        return (
            getattr(w, "_in_rows", False)
            and self.rows_editor is not None
            and self.rows_editor.row_is_empty(w)
        )

    def _problem_key(self, w: FieldWidget) -> str:
        if getattr(w, "_in_rows", False) and self.rows_editor is not None:
            return self.rows_editor.problem_key(w)
        return w.field.key

    def _widget_for_problem(self, key: str) -> FieldWidget | None:
        if key.startswith("rows[") and self.rows_editor is not None:
            return self.rows_editor.widget_for_problem(key)
        return self._widgets.get(key)

    def _show_problems(self, problems: list[Problem]) -> None:
        for w in self._order:
            label = self._messages.get(id(w))
            if label is not None:
                label.setText(w.problem or "")
                label.setVisible(bool(w.problem))
        if self.rows_editor is not None:
            row_messages = [p.message for p in problems if p.field.startswith("rows[")]
            self.rows_editor.show_messages(row_messages)


class RowsEditor(QWidget):
    """The rows of a repeating record form: one line of boxes per row, 添加一行, ×."""

    def __init__(self, fields: Sequence[Field], view: RecordFormView, *, read_only: bool):
        super().__init__()
        self.fields = tuple(fields)
        self.view = view
        self.read_only = read_only
        self._rows: list[list[FieldWidget]] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        for c, f in enumerate(self.fields):
            self.grid.setColumnStretch(c + 1, 3 if f.type in ("text", "longtext") else 2)
            head = QLabel(_field_label(f))
            head.setStyleSheet("font-weight: bold;")
            if f.help:
                head.setToolTip(f.help)
            self.grid.addWidget(head, 0, c + 1)
        self.grid.addWidget(QLabel("序号"), 0, 0)
        self.add_button = QPushButton("添加一行")
        self.add_button.setVisible(not read_only)
        self.add_button.clicked.connect(self.add_row)
        self.messages = _problem_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.messages)
        self._extra: list[QWidget] = []

    def boxes(self) -> list[FieldWidget]:
        return [w for row in self._rows for w in row]

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for row in self._rows:
            values = {}
            for w in row:
                value = w.value()
                if value is not None and value != "":
                    values[w.field.key] = value
            if values:
                out.append(values)
        return out

    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self._rebuild([dict(r) for r in rows] or [{}])

    def add_row(self) -> None:
        data = [*self._current(), {}]
        self._rebuild(data)
        self.view._rows_changed()
        if self._rows:
            self._rows[-1][0].setFocus()

    def remove_row(self, index: int) -> None:
        data = self._current()
        del data[index]
        self._rebuild(data or [{}])
        self.view._rows_changed()

    def _current(self) -> list[dict[str, str]]:
        return [{w.field.key: w.text() for w in row} for row in self._rows]

    def _rebuild(self, data: list[dict[str, Any]]) -> None:
        for w in [*self.boxes(), *self._extra]:
            self.grid.removeWidget(w)
            w.deleteLater()
        self._extra = []
        self._rows = []
        for r, values in enumerate(data, start=1):
            number = QLabel(str(r))
            self.grid.addWidget(number, r, 0)
            self._extra.append(number)
            row: list[FieldWidget] = []
            for c, f in enumerate(self.fields):
                w = make_field_widget(f, compact=True)
                # Columns share the width of the form, not the fixed width of a blank.
                w.setMinimumWidth(60)
                w.setMaximumWidth(16777215)
                value = values.get(f.key)
                w.blockSignals(True)
                if isinstance(value, str):
                    w.set_text(value)  # what was typed, kept through a rebuild
                else:
                    w.set_value(value)
                w.blockSignals(False)
                self.grid.addWidget(w, r, c + 1)
                row.append(w)
            remove = QToolButton()
            remove.setText("×")
            remove.setToolTip(f"删除第{r}行")
            remove.setVisible(not self.read_only)
            remove.clicked.connect(lambda _=False, i=r - 1: self.remove_row(i))
            self.grid.addWidget(remove, r, len(self.fields) + 1)
            self._extra.append(remove)
            self._rows.append(row)

    def row_is_empty(self, w: FieldWidget) -> bool:
        row = next((row for row in self._rows if w in row), [])
        return not any(x.text().strip() for x in row)

    def problem_key(self, w: FieldWidget) -> str:
        for i, row in enumerate(self._rows):
            if w in row:
                return f"rows[{self._filled_index(i)}].{w.field.key}"
        return w.field.key

    def _filled_index(self, i: int) -> int:
        """Index among the non-empty rows (what validate_entry numbers)."""
        n = -1
        for j, row in enumerate(self._rows[: i + 1]):
            if any(w.text().strip() for w in row) or j == i:
                n += 1
        return n

    def widget_for_problem(self, key: str) -> FieldWidget | None:
        m = re.match(r"rows\[(\d+)\]\.(\w+)", key)
        if not m:
            return None
        wanted, field_key = int(m.group(1)), m.group(2)
        n = -1
        for row in self._rows:
            if any(w.text().strip() for w in row):
                n += 1
                if n == wanted:
                    return next((w for w in row if w.field.key == field_key), None)
        return None

    def show_messages(self, messages: list[str]) -> None:
        self.messages.setText("\n".join(messages[:8]))
        self.messages.setVisible(bool(messages))


class _Cell(QFrame):
    """One cell of the paper table, with its right and bottom border."""

    def __init__(self, header: bool = False):
        super().__init__()
        self.setObjectName("formCellHeader" if header else "formCell")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(6, 5, 6, 5)
        self.box.setSpacing(3)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)


_TABLE_STYLE = """
QFrame#formTable { border: solid #8a8a8a; border-width: 1px 0 0 1px; background: white; }
QFrame#formCell { border: solid #8a8a8a; border-width: 0 1px 1px 0; background: white; }
QFrame#formCellHeader { border: solid #8a8a8a; border-width: 0 1px 1px 0; background: #eef1f4; }
QLabel#requirement { color: #444; }
"""


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if name:
        label.setObjectName(name)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class TableFormView(_FormView):
    """A table form as on paper: title, header fields, then 活动项目 | 内容要求 | 进展情况
    with the 进展情况 sentence holding small boxes in place of its blanks."""

    def __init__(
        self,
        template: FormTemplate,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
        show_title: bool = True,
    ):
        super().__init__(template, parent, read_only)
        self.sentences: dict[str, BlankSentence] = {}
        self._row_messages: dict[str, QLabel] = {}
        self._row_of: dict[str, str] = {}
        self._requirement_cells: list[QWidget] = []
        body = QWidget()
        body.setStyleSheet(_TABLE_STYLE)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        if show_title:
            title = QLabel(template.name)
            title.setWordWrap(True)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setStyleSheet("font-size: 14pt; font-weight: bold; margin: 4px 0 6px 0;")
            layout.addWidget(title)
        if template.header_fields:
            layout.addLayout(self._field_flow(template.header_fields))
        self.table = QFrame()
        self.table.setObjectName("formTable")
        self.grid = QGridLayout(self.table)
        self.grid.setSpacing(0)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._build_table()
        layout.addWidget(self.table)
        if template.footer_fields:
            layout.addLayout(self._field_flow(template.footer_fields))
        if template.note:
            note = _wrapped(template.note, "pageHint")
            note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            layout.addWidget(note)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self._finish()

    def _field_flow(self, fields: Iterable[Field]) -> FlowLayout:
        flow = FlowLayout(h_spacing=18)
        for f in fields:
            pair = QWidget()
            h = QHBoxLayout(pair)
            h.setContentsMargins(0, 0, 0, 0)
            h.setSpacing(4)
            label = QLabel(f"{f.label}：")
            w = self._new_widget(f, compact=False)
            if f.type != "number":
                w.setFixedWidth(QFontMetrics(w.font()).horizontalAdvance("汉") * 9 + 16)
            label.setBuddy(w)
            h.addWidget(label)
            h.addWidget(w)
            flow.addWidget(pair)
        return flow

    def _build_table(self) -> None:
        t = self.template
        columns = list(t.columns) if len(t.columns) == 3 else ["活动项目", "内容要求", "进展情况"]
        for c, name in enumerate(columns):
            cell = _Cell(header=True)
            label = QLabel(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("font-weight: bold;")
            cell.box.addWidget(label)
            self.grid.addWidget(cell, 0, c)
            if c == 1:
                self._requirement_cells.append(cell)
        r = 1
        for section in t.sections:
            if section.title:
                cell = _Cell(header=True)
                cell.box.addWidget(_wrapped(section.title))
                self.grid.addWidget(cell, r, 0, 1, 3)
                r += 1
            rows = list(section.rows)
            i = 0
            while i < len(rows):
                span = 1
                while i + span < len(rows) and not rows[i + span].item.strip():
                    span += 1
                item_cell = _Cell()
                item_cell.box.addWidget(_wrapped(rows[i].item))
                item_cell.box.addStretch(1)
                self.grid.addWidget(item_cell, r, 0, span, 1)
                for k in range(span):
                    self._add_row(rows[i + k], r + k)
                r += span
                i += span
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 4)
        self.grid.setColumnStretch(2, 7)

    def _add_row(self, row: TableRow, r: int) -> None:
        requirement = _Cell()
        requirement.box.addWidget(_wrapped(row.requirement, "requirement"))
        requirement.box.addStretch(1)
        self.grid.addWidget(requirement, r, 1)
        self._requirement_cells.append(requirement)
        progress = _Cell()
        runs: list[str | QWidget] = []
        for run in row.progress:
            if isinstance(run, Field):
                w = self._new_widget(run, compact=True)
                self._row_of[run.key] = row.key
                runs.append(w)
            else:
                runs.append(run)
        sentence = BlankSentence(runs)
        sentence.setObjectName(f"sentence_{row.key}")
        self.sentences[row.key] = sentence
        progress.box.addWidget(sentence)
        message = _problem_label()
        message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._row_messages[row.key] = message
        progress.box.addWidget(message)
        progress.box.addStretch(1)
        self.grid.addWidget(progress, r, 2)

    def show_requirements(self, show: bool) -> None:
        """The 内容要求 column is long; hiding it leaves room for the sentences."""
        for cell in self._requirement_cells:
            cell.setVisible(show)
        self.grid.setColumnStretch(1, 4 if show else 0)

    def rows(self) -> tuple[TableRow, ...]:
        return table_rows(self.template)

    def _show_problems(self, problems: list[Problem]) -> None:
        by_row: dict[str, list[str]] = {}
        for w in self._order:
            if w.problem and w.field.key in self._row_of:
                by_row.setdefault(self._row_of[w.field.key], []).append(w.problem)
        for key, label in self._row_messages.items():
            lines = by_row.get(key, [])
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))
