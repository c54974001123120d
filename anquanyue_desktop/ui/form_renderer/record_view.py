"""A record form (登记表) as labelled boxes; a repeating form's body as rows to add and remove."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import (
    Field,
    FormTemplate,
    validate_entry,
)
from ...domain.validation import Problem
from .base import _field_label, _FormView, _problem_label
from .fields import (
    FieldWidget,
    make_field_widget,
)


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
