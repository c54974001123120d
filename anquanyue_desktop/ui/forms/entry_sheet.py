"""The liaison sheet's item model, its cell delegate and view: units × the form's fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
)

from ...domain.form_entries import (
    FormEntry,
)
from ...domain.forms import (
    UNIT_KEY,
    Field,
    FormTemplate,
    body_fields,
    check_text,
    display_value,
    field_map,
    validate_entry,
)
from ...domain.units import Unit, name_key
from ...domain.validation import Problem
from ..form_renderer.fields import make_field_widget
from ..widgets.sheet_view import SheetView
from ..widgets.undo import EditRecorder

_INVALID = QColor("#fde2e1")
_CHANGED = QColor("#fff3cd")
_FROM_LAST_YEAR = QColor("#1565c0")
_MUTED = QColor("#757575")
Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Row:
    unit: Unit
    texts: dict[str, str]  # field key → what the cell shows
    saved: dict[str, str]  # this campaign's stored entry as texts ({} when none)
    saved_version: int | None
    previous: dict[str, str]  # last campaign's entry as texts ({} when none)
    proposed: bool = False  # showing last year's entry, not yet taken over


class EntrySheetModel(QAbstractTableModel):
    """Units × the fields of a record form, over a working copy of the entries.

    Column 0 is the unit, column 1 its state, then one column per body field (the unit-name
    field is the unit column). A unit without an entry this year shows last year's entry,
    marked, until the clerk edits the row or takes it over (:meth:`take_over`); only edited
    rows are saved.
    """

    dirty_changed = Signal(bool)
    problems_changed = Signal(list)

    COL_UNIT = 0
    COL_STATUS = 1
    FIRST_FIELD = 2

    def __init__(self, template: FormTemplate, parent=None):
        super().__init__(parent)
        self.template = template
        self.fields: tuple[Field, ...] = tuple(
            f for f in body_fields(template) if f.key != UNIT_KEY
        )
        self._rows: list[_Row] = []
        self._edited: set[int] = set()
        self._cell_problems: dict[tuple[int, str], str] = {}
        self._problems: list[Problem] = []
        self._dirty = False
        # The edits since the sheet was loaded or saved, for 撤销/重做 (Ctrl+Z / Ctrl+Y).
        self.recorder = EditRecorder(self, self.snapshot, self.restore)
        self.undo_stack = self.recorder.stack

    # -- undo ----------------------------------------------------------------
    def snapshot(self) -> tuple[tuple[tuple[tuple[str, str], ...], bool], ...]:
        """Every row's cells and whether it still shows last year's entry."""
        return tuple((tuple(sorted(r.texts.items())), r.proposed) for r in self._rows)

    def restore(self, snap: tuple[tuple[tuple[tuple[str, str], ...], bool], ...]) -> None:
        for i, (texts, proposed) in enumerate(snap):
            row = self._rows[i]
            row.texts, row.proposed = dict(texts), proposed
            if not proposed and row.texts != row.saved:
                self._edited.add(i)
            else:
                self._edited.discard(i)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )
        self._set_dirty(bool(self._edited))
        self._revalidate()

    # -- state ---------------------------------------------------------------
    def reset(
        self,
        units: Sequence[Unit],
        saved: Mapping[int | None, FormEntry],
        previous: Mapping[int, FormEntry],
    ) -> None:
        self.beginResetModel()
        self._rows = []
        for u in units:
            entry = saved.get(u.id)
            prev = previous.get(u.id)
            saved_texts = self._texts(entry.values) if entry and not entry.is_empty() else {}
            prev_texts = self._texts(prev.values) if prev and not prev.is_empty() else {}
            row = _Row(
                unit=u,
                texts=dict(saved_texts),
                saved=saved_texts,
                saved_version=entry.template_version if entry else None,
                previous=prev_texts,
            )
            if not saved_texts and prev_texts:
                row.texts = dict(prev_texts)
                row.proposed = True
            self._rows.append(row)
        self._edited = set()
        self.endResetModel()
        self.undo_stack.clear()
        self._set_dirty(False)
        self._revalidate()

    def _texts(self, values: Mapping[str, Any]) -> dict[str, str]:
        out = {}
        for f in self.fields:
            value = values.get(f.key)
            if value not in (None, ""):
                out[f.key] = display_value(f, value)
        return out

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def problems(self) -> list[Problem]:
        """Problems of the rows that would be saved; saving waits until there are none."""
        return list(self._problems)

    def unit_at(self, row: int) -> Unit:
        return self._rows[row].unit

    def row_of_unit(self, unit_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.unit.id == unit_id), None)

    def field_at(self, column: int) -> Field | None:
        i = column - self.FIRST_FIELD
        return self.fields[i] if 0 <= i < len(self.fields) else None

    def column_of(self, key: str) -> int:
        return self.FIRST_FIELD + next(i for i, f in enumerate(self.fields) if f.key == key)

    def proposed_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.proposed]

    def edited_rows(self) -> list[int]:
        return sorted(self._edited)

    def texts_at(self, row: int) -> dict[str, str]:
        return dict(self._rows[row].texts)

    def values_at(self, row: int) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in self.fields:
            value, _ = check_text(f, self._rows[row].texts.get(f.key, ""))
            if value not in (None, ""):
                values[f.key] = value
        return values

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def entries(self, campaign_id: int) -> list[FormEntry]:
        """What saving writes: one entry per edited row (an emptied row removes the entry)."""
        t = self.template
        out = []
        for i in sorted(self._edited):
            row = self._rows[i]
            values = self.values_at(i)
            if values and UNIT_KEY in field_map(t):
                values[UNIT_KEY] = row.unit.name
            out.append(FormEntry(campaign_id, t.key, t.version, row.unit.id, values))
        return out

    def saved_rows(self) -> list[tuple[str, dict[str, Any] | None]]:
        """(unit name, stored values or None) per unit, in table order, for the roster."""
        out: list[tuple[str, dict[str, Any] | None]] = []
        for r in self._rows:
            if not r.saved:
                out.append((r.unit.name, None))
                continue
            values: dict[str, Any] = {}
            for f in self.fields:
                value, _ = check_text(f, r.saved.get(f.key, ""))
                if value not in (None, ""):
                    values[f.key] = value
            if UNIT_KEY in field_map(self.template):
                values[UNIT_KEY] = r.unit.name
            out.append((r.unit.name, values))
        return out

    # -- validation ----------------------------------------------------------
    def _row_problems(self, i: int) -> list[tuple[str, Problem]]:
        row = self._rows[i]
        if not any(t.strip() for t in row.texts.values()):
            return []
        found: list[tuple[str, Problem]] = []
        keys = set()
        for f in self.fields:
            _, problems = check_text(f, row.texts.get(f.key, ""))
            if problems:
                found.append((f.key, problems[0]))
                keys.add(f.key)
        values = self.values_at(i)
        if UNIT_KEY in field_map(self.template):
            values[UNIT_KEY] = row.unit.name
        for p in validate_entry(self.template, values):
            if p.field not in keys and p.field != UNIT_KEY:
                found.append((p.field, p))
                keys.add(p.field)
        return found

    def _revalidate(self) -> None:
        cells: dict[tuple[int, str], str] = {}
        blocking: list[Problem] = []
        for i, row in enumerate(self._rows):
            for key, p in self._row_problems(i):
                cells[(i, key)] = p.message
                if i in self._edited:
                    blocking.append(
                        Problem(f"{row.unit.id}:{key}", f"{row.unit.name}：{p.message}", p.code)
                    )
        changed = set(cells) ^ set(self._cell_problems)
        changed |= {k for k in cells if self._cell_problems.get(k) != cells[k]}
        self._cell_problems = cells
        for i, key in changed:
            if any(f.key == key for f in self.fields):
                index = self.index(i, self.column_of(key))
                self.dataChanged.emit(index, index)
        self._problems = blocking
        self.problems_changed.emit(blocking)

    def cell_problem(self, row: int, key: str) -> str | None:
        return self._cell_problems.get((row, key))

    # -- Qt model --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIRST_FIELD + len(self.fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if section == self.COL_UNIT:
            label = next((f.label for f in body_fields(self.template) if f.key == UNIT_KEY), "单位")
            return label if role == Qt.ItemDataRole.DisplayRole else None
        if section == self.COL_STATUS:
            return "状态" if role == Qt.ItemDataRole.DisplayRole else None
        f = self.field_at(section)
        if f is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{f.label}{' *' if f.required else ''}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (f.label, "必填" if f.required else "", f.help) if x)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= self.FIRST_FIELD:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _status(self, i: int) -> tuple[str, str]:
        row = self._rows[i]
        filled = any(t.strip() for t in row.texts.values())
        if i in self._edited:
            if not filled:
                return "将删除", "保存后删除本单位已填的内容"
            return ("已修改", "尚未保存") if row.saved else ("新填", "尚未保存")
        if row.proposed:
            return "上年", "显示的是上年的联络员，改动任一格或点“沿用上年”后随保存生效"
        if row.saved:
            if row.saved_version is not None and row.saved_version != self.template.version:
                return "已填", f"按第{row.saved_version}版填报"
            return "已填", ""
        return "未填", ""

    def _from_last_year(self, row: _Row, key: str) -> bool:
        text = row.texts.get(key, "")
        return not row.saved and bool(text) and row.previous.get(key) == text

    def _differs_from_last_year(self, row: _Row, key: str) -> bool:
        if not row.previous:
            return False
        text = row.texts.get(key, "")
        return text != row.previous.get(key, "") and bool(text or row.previous.get(key))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i, col = index.row(), index.column()
        row = self._rows[i]
        if col == self.COL_UNIT:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.unit.name
            if role == Qt.ItemDataRole.ForegroundRole and not row.unit.active:
                return QBrush(_MUTED)
            if role == Qt.ItemDataRole.ToolTipRole and not row.unit.active:
                return "已停用的单位"
            return None
        if col == self.COL_STATUS:
            text, tip = self._status(i)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip or None
            if role == Qt.ItemDataRole.ForegroundRole and text in ("未填", "上年"):
                return QBrush(_MUTED)
            if role == Qt.ItemDataRole.FontRole and i in self._edited:
                font = QFont()
                font.setBold(True)
                return font
            return None
        f = self.field_at(col)
        if f is None:
            return None
        text = row.texts.get(f.key, "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        problem = self._cell_problems.get((i, f.key))
        last_year = self._from_last_year(row, f.key)
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return QBrush(_INVALID)
            if self._differs_from_last_year(row, f.key):
                return QBrush(_CHANGED)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and last_year:
            return QBrush(_FROM_LAST_YEAR)
        if role == Qt.ItemDataRole.FontRole and last_year:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if problem:
                lines.append(problem)
            if last_year:
                lines.append(f"沿用上年：{text}")
            elif self._differs_from_last_year(row, f.key):
                before = row.previous.get(f.key, "")
                lines.append(f"上年：{before}" if before else "上年未填")
            return "\n".join(lines) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        f = self.field_at(index.column()) if index.isValid() else None
        with self.recorder.edit(f"修改“{f.label}”" if f else "修改"):
            return self._set_data(index, value, role)

    def _set_data(self, index: Index, value: Any, role: int) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        f = self.field_at(index.column())
        if f is None:
            return False
        text = "" if value is None else str(value).strip()
        if f.type != "longtext":
            text = " ".join(text.split())
        i = index.row()
        row = self._rows[i]
        if text == row.texts.get(f.key, ""):
            return False
        if text:
            row.texts[f.key] = text
        else:
            row.texts.pop(f.key, None)
        self._touch(i)
        return True

    def _touch(self, i: int) -> None:
        row = self._rows[i]
        row.proposed = False
        if row.texts != row.saved:
            self._edited.add(i)
        else:
            self._edited.discard(i)
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
        self._set_dirty(bool(self._edited))
        self._revalidate()

    # -- edits ---------------------------------------------------------------
    def take_over(self, rows: Sequence[int]) -> int:
        """Rows showing last year's entry become this year's edits; returns how many."""
        with self.recorder.edit("沿用上年"):
            return self._take_over(rows)

    def _take_over(self, rows: Sequence[int]) -> int:
        n = 0
        for i in rows:
            if 0 <= i < len(self._rows) and self._rows[i].proposed:
                self._touch(i)
                n += 1
        return n

    def clear_cells(self, indexes: Sequence[QModelIndex]) -> None:
        with self.recorder.edit("清除"):
            self._clear_cells(indexes)

    def _clear_cells(self, indexes: Sequence[QModelIndex]) -> None:
        for index in indexes:
            if index.column() >= self.FIRST_FIELD:
                self.setData(index, "")

    def paste_block(self, row: int, col: int, text: str) -> tuple[int, list[str]]:
        """Pastes tab/newline separated cells as Excel does; returns (cells written, names of
        units not found). Pasted at the unit column, each line's first cell names its unit."""
        with self.recorder.edit("粘贴"):
            return self._paste(row, col, text)

    def _paste(self, row: int, col: int, text: str) -> tuple[int, list[str]]:
        lines = [line for line in text.rstrip("\r\n").splitlines() if line.strip()]
        labels = {name_key(f.label) for f in body_fields(self.template)} | {"单位", "状态"}
        written = 0
        unknown: list[str] = []
        by_name = {name_key(r.unit.name): i for i, r in enumerate(self._rows)}
        statuses = {"已填", "未填", "上年", "新填", "已修改", "将删除"}
        n = 0
        for line in lines:
            cells = line.split("\t")
            if all(name_key(c).rstrip("*") in labels for c in cells if c.strip()):
                continue  # a header line copied along
            if col == self.COL_UNIT:
                target = by_name.get(name_key(cells[0]))
                if target is None:
                    unknown.append(cells[0].strip())
                    continue
                cells = cells[1:]
                if cells and cells[0].strip() in statuses:  # copied from this very table
                    cells = cells[1:]
                start = self.FIRST_FIELD
            else:
                target, start = row + n, max(col, self.FIRST_FIELD)
                n += 1
            if target >= len(self._rows):
                break
            for c, cell in enumerate(cells):
                index = self.index(target, start + c)
                if start + c >= self.columnCount():
                    break
                written += self.setData(index, cell)
        return written, unknown


class FieldDelegate(QStyledItemDelegate):
    """Cells are edited with the field's own widget, checked as the clerk types."""

    def __init__(self, model: EntrySheetModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        f = self.model.field_at(index.column())
        if f is None:
            return super().createEditor(parent, option, index)
        editor = make_field_widget(f, parent)
        editor.setMaximumWidth(16777215)

        def check() -> None:
            _, problems = editor.check()
            editor.set_problem(problems[0].message if problems and editor.text() else None)

        editor.changed.connect(check)
        return editor

    def setEditorData(self, editor, index):
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        elif hasattr(editor, "set_text"):
            editor.set_text(text)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if hasattr(editor, "set_problem"):
            model.setData(index, editor.text())
        else:
            super().setModelData(editor, model, index)


class EntrySheetView(SheetView):
    """The units page's sheet (Enter goes down, Ctrl+V pastes); Delete clears field cells."""

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.model().clear_cells(self.selectedIndexes())
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event):
        # An input method that commits at once (no 拼音 shown first: handwriting, voice,
        # full-width punctuation) would otherwise open an empty editor and lose the text.
        index = self.currentIndex()
        if (
            self.state() != self.State.EditingState
            and event.commitString()
            and not event.preeditString()
            and index.isValid()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)
            editor = QApplication.focusWidget()
            if editor is not None and editor is not self and self.isAncestorOf(editor):
                if isinstance(editor, QLineEdit):
                    editor.clear()  # typing replaces the cell, as in Excel
                QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)
