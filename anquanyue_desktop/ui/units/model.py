"""The units table as an item model over a working copy, saved as one action."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.units import DEFAULT_KIND, UNIT_KINDS, Unit, guess_kind, validate_units
from ...domain.validation import Problem
from ..widgets.undo import EditRecorder

# The working copy as undo keeps it: the rows (with their ids) and the ids deleted.
Snapshot = tuple[tuple[tuple[Unit, int | None], ...], frozenset[int]]

COLUMNS = ("单位名称", "类别", "在用", "备注")
COL_NAME, COL_KIND, COL_ACTIVE, COL_NOTES = range(4)
_INVALID = QColor("#fde2e1")
_NEW = QColor("#e8f5e9")
_INACTIVE = QColor("#8a8a8a")

Index = QModelIndex | QPersistentModelIndex


class UnitTableModel(QAbstractTableModel):
    """Rows are units in their saved order; edits stay here until ``take_changes``."""

    dirty_changed = Signal(bool)
    problems_changed = Signal(list)

    def __init__(self, units: list[Unit] | None = None, parent=None):
        super().__init__(parent)
        self._units: list[Unit] = []
        self._deleted: set[int] = set()
        self._problems: list[Problem] = []
        self._rows_with_problems: dict[int, list[str]] = {}
        self._dirty = False
        self._clean: Snapshot = ((), frozenset())
        # The edits since the table was loaded or saved, for 撤销/重做 (Ctrl+Z / Ctrl+Y).
        self.recorder = EditRecorder(self, self.snapshot, self.restore)
        self.undo_stack = self.recorder.stack
        self.edit = self.recorder.edit
        self.reset(units or [])

    # -- state ---------------------------------------------------------------
    def reset(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self._units = list(units)
        self._deleted = set()
        self.endResetModel()
        self._clean = self.snapshot()
        self.undo_stack.clear()
        self._set_dirty(False)
        self._revalidate()

    # -- undo ----------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        return tuple((u, u.id) for u in self._units), frozenset(self._deleted)

    def restore(self, snap: Snapshot) -> None:
        rows, deleted = snap
        self.beginResetModel()
        self._units = [replace(u, id=i) for u, i in rows]
        self._deleted = set(deleted)
        self.endResetModel()
        self._set_dirty(snap != self._clean)
        self._revalidate()

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def problems(self) -> list[Problem]:
        return self._problems

    def units(self) -> list[Unit]:
        """The working copy in table order, with sort_order renumbered from 1."""
        return [replace(u, sort_order=i) for i, u in enumerate(self._units, start=1)]

    def deleted_ids(self) -> set[int]:
        return set(self._deleted)

    def unit_at(self, row: int) -> Unit:
        return self._units[row]

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _revalidate(self) -> None:
        self._problems = validate_units(self._units)
        rows: dict[int, list[str]] = {}
        for p in self._problems:
            if p.field.startswith("row "):
                rows.setdefault(int(p.field[4:]) - 1, []).append(p.message)
        changed = set(rows) ^ set(self._rows_with_problems)
        self._rows_with_problems = rows
        for row in changed:
            if 0 <= row < len(self._units):
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.problems_changed.emit(self._problems)

    def _changed(self) -> None:
        self._set_dirty(True)
        self._revalidate()

    # -- Qt model --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_ACTIVE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = self._units[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NAME:
                return unit.name
            if col == COL_KIND:
                return unit.kind
            if col == COL_NOTES:
                return unit.notes
            if col == COL_ACTIVE and role == Qt.ItemDataRole.DisplayRole:
                return "在用" if unit.active else "停用"
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ACTIVE:
            return Qt.CheckState.Checked if unit.active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if index.row() in self._rows_with_problems:
                return QBrush(_INVALID)
            if unit.id is None:
                return QBrush(_NEW)
        if role == Qt.ItemDataRole.ForegroundRole and not unit.active:
            return QBrush(_INACTIVE)
        if role == Qt.ItemDataRole.ToolTipRole:
            messages = self._rows_with_problems.get(index.row())
            if messages:
                return "\n".join(messages)
            if unit.id is None:
                return "新添加，尚未保存"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        with self.edit(f"修改“{COLUMNS[index.column()]}”" if index.isValid() else "修改"):
            return self._set_data(index, value, role)

    def _set_data(self, index: Index, value: Any, role: int) -> bool:
        if not index.isValid():
            return False
        row, col = index.row(), index.column()
        unit = self._units[row]
        if col == COL_ACTIVE and role == Qt.ItemDataRole.CheckStateRole:
            new = replace(unit, active=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role == Qt.ItemDataRole.EditRole:
            text = "" if value is None else str(value).strip()
            if col == COL_NAME:
                kind = unit.kind
                # A fresh row takes its kind from its name, as the batch add does.
                if unit.id is None and unit.kind == DEFAULT_KIND:
                    kind = guess_kind(text)
                new = replace(unit, name=text, kind=kind)
            elif col == COL_KIND:
                if text not in UNIT_KINDS:
                    return False
                new = replace(unit, kind=text)
            elif col == COL_NOTES:
                new = replace(unit, notes=text)
            else:
                return False
        else:
            return False
        if new == unit:
            return False
        self._units[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self._changed()
        return True

    # -- edits ---------------------------------------------------------------
    def append_units(self, units: list[Unit]) -> None:
        if not units:
            return
        with self.edit("添加单位"):
            self._append(units)

    def _append(self, units: list[Unit]) -> None:
        first = len(self._units)
        self.beginInsertRows(QModelIndex(), first, first + len(units) - 1)
        self._units.extend(units)
        self.endInsertRows()
        self._changed()

    def insert_blank(self, row: int) -> int:
        with self.edit("添加一行"):
            return self._insert_blank(row)

    def _insert_blank(self, row: int) -> int:
        row = max(0, min(row, len(self._units)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._units.insert(row, Unit(name=""))
        self.endInsertRows()
        self._changed()
        return row

    def remove_rows(self, rows: list[int]) -> None:
        with self.edit("删除单位"):
            self._remove_rows(rows)

    def _remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if not 0 <= row < len(self._units):
                continue
            unit = self._units[row]
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._units[row]
            self.endRemoveRows()
            if unit.id is not None:
                self._deleted.add(unit.id)
        self._changed()

    def move_row(self, row: int, delta: int) -> int:
        with self.edit("移动"):
            return self._move_row(row, delta)

    def _move_row(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._units) and 0 <= target < len(self._units)):
            return row
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self._units.insert(target, self._units.pop(row))
        self.endMoveRows()
        self._changed()
        return target

    def paste_block(self, row: int, col: int, text: str) -> int:
        """Pastes tab/newline separated cells as Excel does, adding rows as needed.

        Returns the number of cells written. The active column takes 在用/停用/是/否/1/0.
        """
        with self.edit("粘贴"):
            return self._paste(row, col, text)

    def _paste(self, row: int, col: int, text: str) -> int:
        lines = text.rstrip("\r\n").splitlines()
        written = 0
        for r, line in enumerate(lines):
            cells = line.split("\t")
            target_row = row + r
            if target_row >= len(self._units):
                self.append_units([Unit(name="")])
            for c, cell in enumerate(cells):
                target_col = col + c
                if target_col >= len(COLUMNS):
                    break
                index = self.index(target_row, target_col)
                cell = cell.strip()
                if target_col == COL_ACTIVE:
                    on = cell not in ("停用", "否", "0", "n", "N", "no", "false")
                    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                    written += self.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)
                else:
                    written += self.setData(index, cell)
        return written

    def drop_empty_new_rows(self) -> None:
        """Blank rows added and left empty are not worth an error message."""
        rows = [
            i
            for i, u in enumerate(self._units)
            if u.id is None and not u.name.strip() and not u.notes
        ]
        if rows:
            self.remove_rows(rows)
