"""The fields of a record form in the form editor: add, remove, reorder, type, unit, choices."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import (
    FIELD_TYPES,
    UNITS,
    Field,
)

PLACES = {"header": "表头", "body": "正文", "footer": "表尾"}
_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _split_choices(text: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[、,，;；/\s]+", text.strip()) if c)


def table_text_from_xlsx(path: str | Path) -> str:
    """The cells of the first sheet of an xlsx as tab-separated lines, for parse_table_text.

    No Qt here: a candidate for ``imports/``. Line breaks inside a cell are joined (Chinese
    text wraps without spaces); empty rows are left out; merged cells give their text once,
    so a merged 活动项目 continues on the rows below as an empty cell.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise ValueError(f"无法读取“{Path(path).name}”：不是有效的 xlsx 文件（{exc}）") from None
    try:
        sheet = book.worksheets[0]
        lines = []
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else re.sub(r"\s*\n\s*", "", str(v)).strip() for v in row]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                lines.append("\t".join(cells))
        return "\n".join(lines)
    finally:
        book.close()


class FieldListEditor(QWidget):
    """A list of fields with their details; fields may sit in the header, body or footer."""

    changed = Signal()

    def __init__(self, places: Sequence[str], new_key: Callable[[], str], parent=None):
        super().__init__(parent)
        self.places = tuple(places)
        self.new_key = new_key
        self._items: list[tuple[str, Field]] = []
        self._loading = False

        self.list = QListWidget()
        self.add_button = QPushButton("添加字段")
        self.remove_button = QPushButton("删除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.place = QComboBox()
        for p in self.places:
            self.place.addItem(PLACES[p], p)
        self.label = QLineEdit()
        self.key_label = QLabel()
        self.key_label.setObjectName("pageHint")
        self.type = QComboBox()
        for t, name in FIELD_TYPES.items():
            self.type.addItem(name, t)
        self.required = QCheckBox("必填")
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(["", *UNITS])
        self.alt_unit = QLineEdit()
        self.alt_unit.setPlaceholderText("如 条（写作“张（条）”时）")
        self.choices = QLineEdit()
        self.choices.setPlaceholderText("用顿号或空格分隔，如：男、女")
        self.help = QLineEdit()
        self.help.setPlaceholderText("填表说明，显示为提示")
        form = QFormLayout()
        if len(self.places) > 1:
            form.addRow("位置", self.place)
        form.addRow("名称", self.label)
        form.addRow("编号", self.key_label)
        form.addRow("类型", self.type)
        form.addRow("", self.required)
        form.addRow("单位", self.unit)
        form.addRow("备用单位", self.alt_unit)
        form.addRow("可选项", self.choices)
        form.addRow("说明", self.help)
        self.details = QWidget()
        self.details.setLayout(form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.details)

        self.list.currentRowChanged.connect(self._show_current)
        self.add_button.clicked.connect(self.add_field)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for w in (self.label, self.alt_unit, self.choices, self.help):
            w.textEdited.connect(self._detail_edited)
        self.unit.currentTextChanged.connect(self._detail_edited)
        self.type.currentIndexChanged.connect(self._detail_edited)
        self.place.currentIndexChanged.connect(self._detail_edited)
        self.required.toggled.connect(self._detail_edited)
        self._show_current(-1)

    # -- data ----------------------------------------------------------------
    def set_fields(self, groups: dict[str, Sequence[Field]]) -> None:
        self._items = [(p, f) for p in self.places for f in groups.get(p, ())]
        self._refill(0 if self._items else -1)

    def fields(self, place: str) -> tuple[Field, ...]:
        return tuple(f for p, f in self._items if p == place)

    def keys(self) -> set[str]:
        return {f.key for _, f in self._items}

    def current(self) -> int:
        return self.list.currentRow()

    def _text(self, place: str, f: Field) -> str:
        parts = [f.label or "（未命名）", FIELD_TYPES.get(f.type, f.type)]
        if f.unit_text:
            parts.append(f.unit_text)
        if f.required:
            parts.append("必填")
        prefix = f"【{PLACES[place]}】" if len(self.places) > 1 else ""
        return prefix + " · ".join(parts)

    def _refill(self, current: int) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for p, f in self._items:
                self.list.addItem(self._text(p, f))
            self.list.setCurrentRow(current)
        self._show_current(current)

    # -- actions ---------------------------------------------------------------
    def add_field(self) -> None:
        row = self.current()
        place = self._items[row][0] if 0 <= row < len(self._items) else self.places[-1]
        if "body" in self.places and not (0 <= row < len(self._items)):
            place = "body"
        f = Field(key=self.new_key(), label="", type="text")
        at = row + 1 if 0 <= row < len(self._items) else len(self._items)
        self._items.insert(at, (place, f))
        self._refill(at)
        self.label.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.current()
        if not 0 <= row < len(self._items):
            return
        del self._items[row]
        self._refill(min(row, len(self._items) - 1))
        self.changed.emit()

    def move_current(self, delta: int) -> None:
        row = self.current()
        target = row + delta
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return
        if self._items[row][0] != self._items[target][0]:
            return  # header, body and footer stay in their order
        self._items.insert(target, self._items.pop(row))
        self._refill(target)
        self.changed.emit()

    # -- details ----------------------------------------------------------------
    def _show_current(self, row: int) -> None:
        valid = 0 <= row < len(self._items)
        self.details.setEnabled(valid)
        for b in (self.remove_button, self.up_button, self.down_button):
            b.setEnabled(valid)
        self._loading = True
        try:
            if not valid:
                for w in (self.label, self.alt_unit, self.choices, self.help):
                    w.clear()
                self.key_label.setText("")
                return
            place, f = self._items[row]
            self.place.setCurrentIndex(max(0, self.place.findData(place)))
            self.label.setText(f.label)
            self.key_label.setText(f.key)
            self.type.setCurrentIndex(max(0, self.type.findData(f.type)))
            self.required.setChecked(f.required)
            self.unit.setCurrentText(f.unit)
            self.alt_unit.setText(f.alt_unit)
            self.choices.setText("、".join(f.choices))
            self.help.setText(f.help)
            self._enable_for(f.type)
        finally:
            self._loading = False

    def _enable_for(self, type_: str) -> None:
        self.unit.setEnabled(type_ == "number")
        self.alt_unit.setEnabled(type_ == "number")
        self.choices.setEnabled(type_ == "choice")

    def _detail_edited(self, *_args) -> None:
        if self._loading:
            return
        row = self.current()
        if not 0 <= row < len(self._items):
            return
        place, f = self._items[row]
        type_ = self.type.currentData()
        number = type_ == "number"
        new = replace(
            f,
            label=self.label.text().strip(),
            type=type_,
            required=self.required.isChecked(),
            unit=self.unit.currentText().strip() if number else "",
            alt_unit=self.alt_unit.text().strip() if number else "",
            choices=_split_choices(self.choices.text()) if type_ == "choice" else (),
            help=self.help.text().strip(),
        )
        new_place = self.place.currentData() or place
        self._enable_for(type_)
        if new_place != place:
            del self._items[row]
            rank = self.places.index(new_place)
            at = sum(1 for p, _ in self._items if self.places.index(p) <= rank)
            self._items.insert(at, (new_place, new))
            self._refill(at)
        else:
            self._items[row] = (place, new)
            self.list.item(row).setText(self._text(place, new))
        self.changed.emit()
