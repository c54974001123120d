"""The rows of a statistics table in the form editor: items, requirements, sentences with blanks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.blank_parser import (
    carry_over_keys,
    parse_blanks,
)
from ...domain.forms import (
    FIELD_TYPES,
    Field,
    Run,
    Section,
    TableRow,
    progress_text,
)


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
