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

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import (
    Field,
    FormTemplate,
    validate_entry,
)
from ...domain.validation import Problem
from .fields import _PROBLEM_COLOR, FieldWidget, make_field_widget


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
