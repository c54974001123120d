"""表样管理: list, create, duplicate and edit form templates, with a live preview.

The clerk reshapes a form without a programmer: the fields of a record form (add, remove,
reorder, type, unit, required, label, help, choices), the rows of a statistics table (活动项目,
内容要求, 进展情况 with （） where the blanks are, parsed as typed), or a whole table built from
text pasted from Word/WPS or read from the xlsx the upper level sent. The preview is drawn by the
very renderer data entry uses. Saving a version that data already uses makes the next version.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.blank_parser import (
    carry_over_keys,
    header_fields_from_line,
    parse_blanks,
    parse_table_text,
)
from ..domain.forms import (
    FIELD_TYPES,
    KINDS,
    UNITS,
    Field,
    FormTemplate,
    Run,
    Section,
    TableRow,
    all_fields,
    progress_text,
    table_rows,
    validate_successor,
    validate_template,
)
from ..domain.validation import Problem, ValidationError
from ..store import Store, StoreError
from . import messages
from .form_widgets import RecordFormView, TableFormView

__all__ = [
    "FieldListEditor",
    "FormEditorDialog",
    "PasteTableDialog",
    "TableRowsEditor",
    "table_text_from_xlsx",
]

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


# ---------------------------------------------------------------- record fields


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


# ---------------------------------------------------------------- table rows


@dataclass
class _RowDraft:
    """A table row while it is edited: the sentence as typed and its blanks.

    ``auto`` are the blanks as the parser reads the sentence (keys carried over from the
    previous reading, so data keeps adding up by key); ``overrides`` what the clerk changed on
    a blank (its name, type, required, help), kept by key through later edits of the sentence.
    """

    key: str
    section: str = ""
    item: str = ""
    requirement: str = ""
    text: str = ""
    auto: tuple[Run, ...] = ()
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: TableRow, section: str) -> _RowDraft:
        text = progress_text(row.progress)
        auto = parse_blanks(text, row.key)
        stored = [r for r in row.progress if isinstance(r, Field)]
        parsed = [r for r in auto if isinstance(r, Field)]
        if len(stored) == len(parsed):
            it = iter(stored)
            auto = tuple(replace(r, key=next(it).key) if isinstance(r, Field) else r for r in auto)
        else:
            auto = carry_over_keys(row.progress, auto)
        draft = cls(row.key, section, row.item, row.requirement, text, auto)
        by_key = {f.key: f for f in stored}
        for f in (r for r in auto if isinstance(r, Field)):
            old = by_key.get(f.key)
            if old is None:
                continue
            diff = {
                name: getattr(old, name)
                for name in ("label", "type", "required", "help", "unit", "alt_unit", "choices")
                if getattr(old, name) != getattr(f, name)
            }
            if diff:
                draft.overrides[f.key] = diff
        return draft

    def reparse(self, text: str, taken: Iterable[str]) -> None:
        self.text = text
        new = parse_blanks(text, self.key)
        self.auto = carry_over_keys(self.auto, new, taken)
        keys = {r.key for r in self.auto if isinstance(r, Field)}
        self.overrides = {k: v for k, v in self.overrides.items() if k in keys}

    def runs(self) -> tuple[Run, ...]:
        out: list[Run] = []
        for r in self.auto:
            if isinstance(r, Field) and r.key in self.overrides:
                out.append(replace(r, **self.overrides[r.key]))
            else:
                out.append(r)
        return tuple(out)

    def blanks(self) -> list[Field]:
        return [r for r in self.runs() if isinstance(r, Field)]

    def to_row(self) -> TableRow:
        return TableRow(self.key, self.item, self.requirement, self.runs())


class TableRowsEditor(QWidget):
    """Sections and rows of a table form; the 进展情况 is typed with （） for the blanks."""

    changed = Signal()

    def __init__(self, taken_keys: Callable[[], set[str]], taken_rows: Callable[[], set[str]]):
        super().__init__()
        self.taken_keys = taken_keys
        self.taken_rows = taken_rows
        self._rows: list[_RowDraft] = []
        self._loading = False

        self.list = QListWidget()
        self.add_button = QPushButton("添加行")
        self.remove_button = QPushButton("删除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.section = QLineEdit()
        self.section.setPlaceholderText("可空；如 一、宣传教育（连续同名的行归为一组）")
        self.item = QLineEdit()
        self.item.setPlaceholderText("空着表示与上一行同一项目（合并单元格）")
        self.requirement = QPlainTextEdit()
        self.requirement.setTabChangesFocus(True)
        self.requirement.setFixedHeight(60)
        self.progress = QPlainTextEdit()
        self.progress.setTabChangesFocus(True)
        self.progress.setFixedHeight(84)
        self.progress.setPlaceholderText(
            "用（）表示填空，空后写单位，如：开展应急演练（）场，参与（）人次"
        )
        self.blanks = QTableWidget(0, 5)
        self.blanks.setHorizontalHeaderLabels(["空", "名称", "类型", "单位", "必填"])
        self.blanks.verticalHeader().hide()
        header = self.blanks.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for c in (0, 2, 3, 4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        form = QFormLayout()
        form.addRow("分组标题", self.section)
        form.addRow("活动项目", self.item)
        form.addRow("内容要求", self.requirement)
        form.addRow("进展情况", self.progress)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(form)
        details.addWidget(QLabel("填空（名称可改，改过的名称在修改句子后保留）："))
        details.addWidget(self.blanks, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.list.currentRowChanged.connect(self._show_current)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.section.textEdited.connect(self._edited)
        self.item.textEdited.connect(self._edited)
        self.requirement.textChanged.connect(self._edited)
        self.progress.textChanged.connect(self._progress_edited)
        self.blanks.itemChanged.connect(self._blank_edited)
        self._show_current(-1)

    # -- data ----------------------------------------------------------------
    def set_sections(self, sections: Sequence[Section]) -> None:
        self._rows = [_RowDraft.from_row(r, s.title) for s in sections for r in s.rows]
        self._refill(0 if self._rows else -1)

    def sections(self) -> tuple[Section, ...]:
        out: list[Section] = []
        for draft in self._rows:
            if not out or out[-1].title != draft.section:
                out.append(Section(draft.section, ()))
            out[-1] = Section(out[-1].title, (*out[-1].rows, draft.to_row()))
        return tuple(out)

    def keys(self) -> set[str]:
        return {f.key for d in self._rows for f in d.blanks()}

    def row_keys(self) -> set[str]:
        return {d.key for d in self._rows}

    def current(self) -> int:
        return self.list.currentRow()

    def _text(self, i: int, d: _RowDraft) -> str:
        item = d.item or "（同上）"
        return f"{i + 1}. {item[:18]}（{len(d.blanks())}空）"

    def _refill(self, current: int) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for i, d in enumerate(self._rows):
                self.list.addItem(self._text(i, d))
            self.list.setCurrentRow(current)
        self._show_current(current)

    # -- actions ---------------------------------------------------------------
    def add_row(self) -> None:
        taken = self.row_keys() | self.taken_rows()
        n = 1
        while f"r{n}" in taken:
            n += 1
        row = self.current()
        section = self._rows[row].section if 0 <= row < len(self._rows) else ""
        at = row + 1 if 0 <= row < len(self._rows) else len(self._rows)
        self._rows.insert(at, _RowDraft(key=f"r{n}", section=section))
        self._refill(at)
        self.item.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.current()
        if not 0 <= row < len(self._rows):
            return
        del self._rows[row]
        self._refill(min(row, len(self._rows) - 1))
        self.changed.emit()

    def move_current(self, delta: int) -> None:
        row, target = self.current(), self.current() + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return
        self._rows.insert(target, self._rows.pop(row))
        self._refill(target)
        self.changed.emit()

    def set_progress_text(self, text: str) -> None:
        """Types ``text`` as the current row's 进展情况 (what the clerk does in the box)."""
        self.progress.setPlainText(text)

    # -- details ----------------------------------------------------------------
    def _show_current(self, row: int) -> None:
        valid = 0 <= row < len(self._rows)
        self.details.setEnabled(valid)
        for b in (self.remove_button, self.up_button, self.down_button):
            b.setEnabled(valid)
        self._loading = True
        try:
            d = self._rows[row] if valid else _RowDraft("")
            self.section.setText(d.section)
            self.item.setText(d.item)
            self.requirement.setPlainText(d.requirement)
            self.progress.setPlainText(d.text)
            self._fill_blanks(d)
        finally:
            self._loading = False

    def _fill_blanks(self, d: _RowDraft) -> None:
        with QSignalBlocker(self.blanks):
            self.blanks.setRowCount(0)
            for i, f in enumerate(d.blanks()):
                self.blanks.insertRow(i)
                number = QTableWidgetItem(str(i + 1))
                number.setFlags(Qt.ItemFlag.ItemIsEnabled)
                number.setToolTip(f"编号 {f.key}")
                self.blanks.setItem(i, 0, number)
                self.blanks.setItem(i, 1, QTableWidgetItem(f.label))
                type_box = QComboBox()
                for t, name in FIELD_TYPES.items():
                    if t != "choice":
                        type_box.addItem(name, t)
                type_box.setCurrentIndex(max(0, type_box.findData(f.type)))
                type_box.currentIndexChanged.connect(
                    lambda _i, key=f.key, box=type_box: self._override(key, type=box.currentData())
                )
                self.blanks.setCellWidget(i, 2, type_box)
                unit = QTableWidgetItem(f.unit_text)
                unit.setFlags(Qt.ItemFlag.ItemIsEnabled)
                unit.setToolTip("单位取自句中空后的字，改句子即可")
                self.blanks.setItem(i, 3, unit)
                required = QTableWidgetItem()
                required.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                required.setCheckState(
                    Qt.CheckState.Checked if f.required else Qt.CheckState.Unchecked
                )
                self.blanks.setItem(i, 4, required)

    def _override(self, key: str, **changes: Any) -> None:
        row = self.current()
        if self._loading or not 0 <= row < len(self._rows):
            return
        d = self._rows[row]
        auto = next((r for r in d.auto if isinstance(r, Field) and r.key == key), None)
        if auto is None:
            return
        if changes.get("type") and changes["type"] != "number":
            changes.update(unit="", alt_unit="")
        elif changes.get("type") == "number":
            changes.update(unit=auto.unit, alt_unit=auto.alt_unit)
        merged = {**d.overrides.get(key, {}), **changes}
        merged = {k: v for k, v in merged.items() if getattr(auto, k) != v}
        if merged:
            d.overrides[key] = merged
        else:
            d.overrides.pop(key, None)
        self.list.item(row).setText(self._text(row, d))
        if "type" in changes:
            self._loading = True
            try:
                self._fill_blanks(d)
            finally:
                self._loading = False
        self.changed.emit()

    def _blank_edited(self, item: QTableWidgetItem) -> None:
        row = self.current()
        if self._loading or not 0 <= row < len(self._rows):
            return
        blanks = self._rows[row].blanks()
        if not 0 <= item.row() < len(blanks):
            return
        key = blanks[item.row()].key
        if item.column() == 1:
            self._override(key, label=item.text().strip())
        elif item.column() == 4:
            self._override(key, required=item.checkState() == Qt.CheckState.Checked)

    def _edited(self) -> None:
        row = self.current()
        if self._loading or not 0 <= row < len(self._rows):
            return
        d = self._rows[row]
        d.section = self.section.text().strip()
        d.item = self.item.text().strip()
        d.requirement = self.requirement.toPlainText().strip()
        self.list.item(row).setText(self._text(row, d))
        self.changed.emit()

    def _progress_edited(self) -> None:
        row = self.current()
        if self._loading or not 0 <= row < len(self._rows):
            return
        d = self._rows[row]
        own = {f.key for f in d.blanks()}
        taken = (self.keys() | self.taken_keys()) - own
        d.reparse(self.progress.toPlainText(), taken)
        self._loading = True
        try:
            self._fill_blanks(d)
        finally:
            self._loading = False
        self.list.item(row).setText(self._text(row, d))
        self.changed.emit()


# ---------------------------------------------------------------- pasting a table


class PasteTableDialog(QDialog):
    """A statistics table from text copied out of Word/WPS, or from the upstream xlsx."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("从文字或 Excel 新建统计表")
        self.resize(760, 520)
        self.template: FormTemplate | None = None
        self.problems: list[Problem] = []
        hint = QLabel(
            "把上级发来的统计表整张复制（Word/WPS 中选中表格，Ctrl+C），粘贴到下面，点“读取”。"
            "表头须有“活动项目、内容要求、进展情况”（或 完成情况 等）；进展情况里的（）是填空。"
        )
        hint.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText("表名（不填则取表格上方的标题）")
        self.text = QPlainTextEdit()
        self.read_button = QPushButton("读取")
        self.xlsx_button = QPushButton("从 Excel 文件读取…")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("用这张表")
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.read_button)
        row.addWidget(self.xlsx_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.name)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.read_button.clicked.connect(self.read)
        self.xlsx_button.clicked.connect(self.read_xlsx)

    def read(self, key: str = "statistics") -> FormTemplate | None:
        text = self.text.toPlainText()
        if not text.strip():
            self.result_label.setText("请先粘贴表格文字。")
            return None
        key = key if isinstance(key, str) else "statistics"
        template, problems = parse_table_text(text, key=key, name=self.name.text().strip())
        self.problems = problems
        rows = table_rows(template)
        blanks = sum(len(r.fields) for r in rows)
        if not rows:
            self.template = None
            self.ok_button.setEnabled(False)
            lines = ["没有读到表格的行。请确认复制了含“活动项目、内容要求、进展情况”表头的整张表。"]
        else:
            self.template = template
            self.ok_button.setEnabled(True)
            lines = [f"读到 {len(rows)} 行、{blanks} 个填空：{template.name or '（无标题）'}"]
        lines += [p.message for p in problems[:8]]
        self.result_label.setText("\n".join(lines))
        return self.template

    def read_xlsx(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择上级发来的统计表", "", "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return
        try:
            text = table_text_from_xlsx(path)
        except ValueError as exc:
            self.result_label.setText(str(exc))
            return
        self.text.setPlainText(text)
        self.read()


# ---------------------------------------------------------------- the editor


class FormEditorDialog(QDialog):
    """表样管理: every template (latest version), edited with a live preview."""

    def __init__(self, store: Store, template: FormTemplate | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("表样管理")
        self.resize(1100, 720)
        self.original: FormTemplate | None = None  # as stored; None for a new template
        self.kind = "record"
        self.repeating = False
        self.group_by = ""
        self.columns: tuple[str, ...] = ()
        self.quota = None
        self.signature = False
        self.version = 1
        self._history_keys: set[str] = set()
        self._history_rows: set[str] = set()
        self._dirty = False
        self._loading = False

        # the list of templates
        self.template_list = QListWidget()
        self.new_record_button = QPushButton("新建登记表")
        self.new_table_button = QPushButton("新建统计表")
        self.paste_button = QPushButton("从文字/Excel 新建统计表…")
        self.duplicate_button = QPushButton("复制")
        self.delete_button = QPushButton("删除")
        left = QVBoxLayout()
        left.addWidget(QLabel("表样"))
        left.addWidget(self.template_list, 1)
        for b in (
            self.new_record_button,
            self.new_table_button,
            self.paste_button,
            self.duplicate_button,
            self.delete_button,
        ):
            left.addWidget(b)
        left_widget = QWidget()
        left_widget.setLayout(left)

        # basic facts
        self.name = QLineEdit()
        self.key = QLineEdit()
        self.key.setToolTip("英文小写字母、数字和连字符，如 yincheng-liaison；保存后不再改")
        self.kind_label = QLabel()
        self.version_label = QLabel()
        self.version_label.setObjectName("pageHint")
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(60)
        self.description.setTabChangesFocus(True)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        self.note.setTabChangesFocus(True)
        self.repeating_box = QCheckBox("多行填报（每个单位可填多行，如作品报送表）")
        basics = QFormLayout()
        basics.addRow("表名", self.name)
        basics.addRow("编号", self.key)
        basics.addRow("种类", self.kind_label)
        basics.addRow("版本", self.version_label)
        basics.addRow("", self.repeating_box)
        basics.addRow("说明", self.description)
        basics.addRow("表下注", self.note)
        basics_widget = QWidget()
        basics_widget.setLayout(basics)

        self.fields_editor = FieldListEditor(("header", "body", "footer"), self._new_field_key)
        self.table_fields_editor = FieldListEditor(("header", "footer"), self._new_field_key)
        self.rows_editor = TableRowsEditor(self._keys_outside_rows, lambda: self._history_rows)
        self.quota_label = QLabel(
            "作品分配表的项目、格式和数量来自上级通知，在右侧预览中查看；这里可改表名、说明和表下注。"
        )
        self.quota_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(basics_widget, "基本信息")
        self.tabs.addTab(self.fields_editor, "字段")
        self.tabs.addTab(self.table_fields_editor, "表头表尾")
        self.tabs.addTab(self.rows_editor, "行")
        self.tabs.addTab(self.quota_label, "作品")

        # preview and problems
        self.preview = QStackedWidget()
        self.preview_view: QWidget | None = None
        preview_box = QVBoxLayout()
        preview_title = QLabel("预览（与填报界面相同，可试填）")
        preview_title.setObjectName("sectionTitle")
        preview_box.addWidget(preview_title)
        preview_box.addWidget(self.preview, 1)
        preview_widget = QWidget()
        preview_widget.setLayout(preview_box)

        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(self.tabs)
        splitter.addWidget(preview_widget)
        splitter.setSizes([220, 420, 460])
        splitter.setChildrenCollapsible(False)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setStyleSheet("color: #b71c1c;")
        self.problems_label.setWordWrap(True)
        self.save_button = QPushButton("保存")
        self.revert_button = QPushButton("放弃修改")
        self.close_button = QPushButton("关闭")
        bottom = QHBoxLayout()
        bottom.addWidget(self.problems_label, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh_preview)

        self.template_list.currentRowChanged.connect(self._template_chosen)
        self.new_record_button.clicked.connect(lambda: self.new_template("record"))
        self.new_table_button.clicked.connect(lambda: self.new_template("table"))
        self.paste_button.clicked.connect(self.paste_table)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.close_button.clicked.connect(self.close)
        for w in (self.name, self.key):
            w.textEdited.connect(self._changed)
        for w in (self.description, self.note):
            w.textChanged.connect(self._changed)
        self.repeating_box.toggled.connect(self._changed)
        self.fields_editor.changed.connect(self._changed)
        self.table_fields_editor.changed.connect(self._changed)
        self.rows_editor.changed.connect(self._changed)
        self.rows_editor.list.currentRowChanged.connect(self._scroll_preview)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.activated.connect(self.save)

        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a box must not press 新建 or 删除
        self.template_list.setWordWrap(True)
        self._templates: list[FormTemplate] = []
        self.reload_list(template.key if template else None)

    # -- the list ------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def reload_list(self, select_key: str | None = None) -> None:
        self._templates = self.store.forms.list_latest()
        with QSignalBlocker(self.template_list):
            self.template_list.clear()
            for t in self._templates:
                item = QListWidgetItem(f"{t.name}（第{t.version}版）")
                item.setToolTip(f"{KINDS.get(t.kind, t.kind)}　{t.key}")
                item.setData(Qt.ItemDataRole.UserRole, t.key)
                self.template_list.addItem(item)
        row = next((i for i, t in enumerate(self._templates) if t.key == select_key), 0)
        if self._templates:
            with QSignalBlocker(self.template_list):
                self.template_list.setCurrentRow(row)
            self.load(self._templates[row])
        else:
            self.new_template("record")

    def _row_for(self, key: str | None) -> int:
        return next((i for i, t in enumerate(self._templates) if t.key == key), -1)

    def _template_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._templates):
            return
        if not self._settle():
            with QSignalBlocker(self.template_list):
                self.template_list.setCurrentRow(
                    self._row_for(self.original.key if self.original else None)
                )
            return
        self.load(self._templates[row])

    def _settle(self) -> bool:
        if not self._dirty:
            return True
        answer = messages.ask_save_discard_cancel(self, f"表样“{self.name.text() or '新表'}”")
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- loading a template into the editor ---------------------------------------------
    def load(self, t: FormTemplate, *, stored: bool = True) -> None:
        self._loading = True
        try:
            self.original = t if stored else None
            self.kind = t.kind
            self.repeating = t.repeating
            self.group_by = t.group_by
            self.columns = tuple(t.columns)
            self.quota = t.quota
            self.signature = t.signature
            self.version = t.version
            self._history_keys, self._history_rows = self._history(t.key if stored else None)
            self.name.setText(t.name)
            self.key.setText(t.key)
            self.key.setReadOnly(stored)
            self.kind_label.setText(KINDS.get(t.kind, t.kind))
            self.description.setPlainText(t.description)
            self.note.setPlainText(t.note)
            self.repeating_box.setChecked(t.repeating)
            self.repeating_box.setVisible(t.kind == "record")
            self.fields_editor.set_fields(
                {"header": t.header_fields, "body": t.fields, "footer": t.footer_fields}
            )
            self.table_fields_editor.set_fields(
                {"header": t.header_fields, "footer": t.footer_fields}
            )
            self.rows_editor.set_sections(t.sections)
            self.tabs.setTabVisible(1, t.kind == "record")
            self.tabs.setTabVisible(2, t.kind == "table")
            self.tabs.setTabVisible(3, t.kind == "table")
            self.tabs.setTabVisible(4, t.kind == "quota")
            self._show_version()
        finally:
            self._loading = False
        self._set_dirty(not stored)
        self.duplicate_button.setEnabled(stored)
        self.delete_button.setEnabled(stored)
        self.refresh_preview()

    def _history(self, key: str | None) -> tuple[set[str], set[str]]:
        """Every field and row key any stored version used: new ones never reuse them."""
        fields: set[str] = set()
        rows: set[str] = set()
        if key:
            for v in self.store.forms.versions(key):
                t = self.store.forms.get(key, v)
                if t is not None:
                    fields |= {f.key for f in all_fields(t)}
                    rows |= {r.key for r in table_rows(t)}
        return fields, rows

    def _show_version(self) -> None:
        if self.original is None:
            self.version_label.setText("新表，尚未保存")
            return
        t = self.original
        text = f"第{t.version}版"
        if self.store.forms.is_used(t.key, t.version):
            text += f"（已有单位按第{t.version}版填报；修改后保存为第{t.version + 1}版）"
        self.version_label.setText(text)

    # -- keys ----------------------------------------------------------------------
    def _keys_outside_rows(self) -> set[str]:
        return self.table_fields_editor.keys() | self._history_keys

    def _new_field_key(self) -> str:
        taken = (
            self.fields_editor.keys()
            | self.table_fields_editor.keys()
            | self.rows_editor.keys()
            | self._history_keys
        )
        n = 1
        while f"f{n}" in taken:
            n += 1
        return f"f{n}"

    def _new_template_key(self, base: str) -> str:
        taken = {t.key for t in self._templates}
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    # -- the draft -------------------------------------------------------------------
    def draft(self) -> FormTemplate:
        """The template as the editor shows it now."""
        if self.kind == "record":
            header = self.fields_editor.fields("header")
            body = self.fields_editor.fields("body")
            footer = self.fields_editor.fields("footer")
        else:
            header = self.table_fields_editor.fields("header")
            body = ()
            footer = self.table_fields_editor.fields("footer")
        repeating = self.kind == "record" and self.repeating_box.isChecked()
        group_by = self.group_by if repeating and any(f.key == self.group_by for f in body) else ""
        return FormTemplate(
            key=self.key.text().strip(),
            name=self.name.text().strip(),
            version=self.version,
            kind=self.kind,
            description=self.description.toPlainText().strip(),
            header_fields=header,
            fields=body,
            repeating=repeating,
            group_by=group_by,
            sections=self.rows_editor.sections() if self.kind == "table" else (),
            columns=self.columns or ("活动项目", "内容要求", "进展情况"),
            quota=self.quota,
            footer_fields=footer,
            note=self.note.toPlainText().strip(),
            signature=self.signature,
        )

    def problems(self) -> list[Problem]:
        """validate_template, plus what a new version may not change of a used one."""
        t = self.draft()
        found = list(validate_template(t))
        if self.original is not None and self.store.forms.is_used(
            self.original.key, self.original.version
        ):
            found += validate_successor(self.original, replace(t, version=t.version + 1))
        elif self.original is None and t.key in {x.key for x in self._templates}:
            found.append(Problem("key", f"编号“{t.key}”已被另一张表使用", "key_taken"))
        return found

    # -- changes ------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self._timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def refresh_preview(self) -> None:
        """Draws the draft with the entry renderer and lists what keeps it from saving."""
        self._timer.stop()
        t = self.draft()
        if self.preview_view is not None:
            self.preview.removeWidget(self.preview_view)
            self.preview_view.deleteLater()
        if t.kind == "table":
            view: QWidget = TableFormView(t)
            view.show_requirements(False)
        elif t.kind == "quota":
            from .forms_page import QuotaPanel

            view = QuotaPanel(t)
        else:
            view = RecordFormView(t, show_title=True)
        self.preview_view = view
        self.preview.addWidget(view)
        self.preview.setCurrentWidget(view)
        self._scroll_preview()
        problems = self.problems()
        self.problems_label.setText(
            "保存前请改正：\n" + messages.problems_text(problems, limit=6) if problems else ""
        )

    def _scroll_preview(self, *_args) -> None:
        """The preview of a table follows the row being edited."""
        view = self.preview_view
        row = self.rows_editor.current()
        if not isinstance(view, TableFormView) or not 0 <= row < len(self.rows_editor._rows):
            return
        sentence = view.sentences.get(self.rows_editor._rows[row].key)
        if sentence is None:
            return

        def show() -> None:
            with contextlib.suppress(RuntimeError):  # the preview was redrawn meanwhile
                view.scroll.ensureWidgetVisible(sentence, 0, 120)

        QTimer.singleShot(0, show)

    # -- actions -------------------------------------------------------------------
    def new_template(self, kind: str) -> None:
        if not self._settle():
            return
        if kind == "table":
            t = FormTemplate(
                key=self._new_template_key("statistics"),
                name="新统计表",
                version=1,
                kind="table",
                header_fields=header_fields_from_line("填报单位：联系人：电话：填报日期："),
                sections=(Section("", (TableRow("r1", "", "", ()),)),),
            )
        else:
            t = FormTemplate(
                key=self._new_template_key("form"),
                name="新登记表",
                version=1,
                kind="record",
                fields=(Field("unit", "单位名称", "text", required=True),),
            )
        with QSignalBlocker(self.template_list):
            self.template_list.clearSelection()
            self.template_list.setCurrentRow(-1)
        self.load(t, stored=False)
        self.name.setFocus()
        self.name.selectAll()

    def paste_table(self) -> None:
        if not self._settle():
            return
        dialog = PasteTableDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.template is None:
            return
        self.use_parsed_table(dialog.template)

    def use_parsed_table(self, parsed: FormTemplate) -> None:
        """Opens a table read from pasted text as a new, unsaved template."""
        t = replace(
            parsed,
            key=self._new_template_key("statistics"),
            name=parsed.name or "新统计表",
            version=1,
        )
        with QSignalBlocker(self.template_list):
            self.template_list.setCurrentRow(-1)
        self.load(t, stored=False)

    def duplicate(self) -> None:
        if self.original is None or not self._settle():
            return
        t = self.draft()
        copy = replace(
            t, key=self._new_template_key(f"{t.key}-copy"), name=f"{t.name}（副本）", version=1
        )
        with QSignalBlocker(self.template_list):
            self.template_list.setCurrentRow(-1)
        self.load(copy, stored=False)

    def delete_current(self) -> bool:
        t = self.original
        if t is None:
            return False
        if not messages.ask(self, "删除表样", f"删除“{t.name}”的全部版本？"):
            return False
        try:
            self.store.forms.delete(t.key)
        except ValidationError as exc:
            messages.warn(self, "不能删除", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "删除失败", exc.message)
            return False
        self._set_dirty(False)
        self.reload_list()
        return True

    def revert(self) -> None:
        self._set_dirty(False)
        if self.original is not None:
            self.load(self.original)
        else:
            self.reload_list()

    def save(self) -> bool:
        """Checks, then stores; tells the clerk when a new version was made."""
        problems = self.problems()
        if problems:
            messages.warn(
                self, "无法保存", "请先改正以下问题：\n" + messages.problems_text(problems)
            )
            return False
        t = self.draft()
        before = self.original
        try:
            saved = self.store.forms.save(t)
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self._set_dirty(False)
        self.reload_list(saved.key)
        if before is not None and saved.version > before.version:
            messages.info(
                self,
                "已保存为新版本",
                f"已有单位按第{before.version}版填报，本次保存为第{saved.version}版；"
                f"旧数据仍按第{before.version}版显示。",
            )
        return True

    def hideEvent(self, event) -> None:
        self._timer.stop()  # no preview is drawn for a dialog no one sees
        super().hideEvent(event)

    def reject(self) -> None:
        # Esc, 关闭 and the window's close button all come here (QDialog.closeEvent calls it).
        if self._settle():
            self._set_dirty(False)
            super().reject()
