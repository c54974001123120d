"""报表 page: the forms a campaign collects, entered by keyboard, checked as typed, summed.

- A record form (the liaison form) is one spreadsheet-like table: units × the form's fields,
  pre-filled from the unit's entry of the previous campaign, saved for all units at once.
- A table form (活动情况统计表) is entered per unit, drawn like the paper form, with 本级汇总
  showing the township's sum.
- A repeating record form (作品报送表) is entered per unit as rows; a works quota is shown.

Export, blank workbooks and the import of filled workbooks are here too; the writers live in
``exports/`` and ``imports/`` and are imported when a button is pressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.campaign import Campaign
from ..domain.form_entries import (
    ROLE_LIAISON,
    ROLE_NAMES,
    ROLE_OTHER,
    ROLE_STATISTICS,
    Aggregate,
    FormEntry,
    aggregate,
    aggregate_as_entry,
)
from ..domain.forms import (
    KINDS,
    UNIT_KEY,
    Field,
    FormTemplate,
    body_fields,
    check_text,
    describe_quota,
    display_value,
    field_map,
    validate_entry,
)
from ..domain.units import Unit, name_key
from ..domain.validation import Problem, ValidationError
from ..store import Store, StoreError
from . import messages
from .export_actions import ask_export_path, export_to
from .form_widgets import RecordFormView, TableFormView, make_field_widget
from .shortcuts import add_save_shortcut
from .units_page import SheetView

__all__ = [
    "AggregatePanel",
    "ChooseFormsDialog",
    "EntrySheetModel",
    "FormsPage",
    "QuotaPanel",
    "SheetPanel",
    "UnitFormPanel",
]

_INVALID = QColor("#fde2e1")
_CHANGED = QColor("#fff3cd")
_FROM_LAST_YEAR = QColor("#1565c0")
_MUTED = QColor("#757575")

Index = QModelIndex | QPersistentModelIndex


def _documents_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


# ---------------------------------------------------------------- the liaison sheet


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
        n = 0
        for i in rows:
            if 0 <= i < len(self._rows) and self._rows[i].proposed:
                self._touch(i)
                n += 1
        return n

    def clear_cells(self, indexes: Sequence[QModelIndex]) -> None:
        for index in indexes:
            if index.column() >= self.FIRST_FIELD:
                self.setData(index, "")

    def paste_block(self, row: int, col: int, text: str) -> tuple[int, list[str]]:
        """Pastes tab/newline separated cells as Excel does; returns (cells written, names of
        units not found). Pasted at the unit column, each line's first cell names its unit."""
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


class SheetPanel(QWidget):
    """A non-repeating record form for all units in one table; saved in one action."""

    saved = Signal()

    def __init__(self, page: FormsPage, template: FormTemplate, role: str):
        super().__init__()
        self.page = page
        self.template = template
        self.role = role
        self.model = EntrySheetModel(template, self)
        self.view = EntrySheetView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(FieldDelegate(self.model, self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(EntrySheetModel.COL_UNIT, 200)
        self.view.setColumnWidth(EntrySheetModel.COL_STATUS, 64)
        for c, f in enumerate(self.model.fields, start=EntrySheetModel.FIRST_FIELD):
            width = {"mobile": 120, "landline": 130, "phone": 130, "email": 170, "date": 120}
            self.view.setColumnWidth(c, width.get(f.type, 110))

        hint = QLabel(
            "像在 Excel 中一样填写：回车下移，Tab 右移，Ctrl+V 粘贴多行（从单位列粘贴时按单位名称对应），"
            "Delete 清空，Ctrl+S 保存全部。"
            "<span style='color:#1565c0'><i>蓝色斜体</i></span>为沿用上年、尚未确认的内容；"
            "<span style='background:#fff3cd'>黄色底</span>与上年不同；"
            "<span style='background:#fde2e1'>红色底</span>有误。"
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageHint")
        self.take_over_button = QPushButton("沿用上年（所选单位）")
        self.take_over_button.setToolTip("把所选单位显示的上年联络员作为今年的，保存后生效")
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        self.count_label = QLabel()
        self.save_button = QPushButton("保存")
        self.revert_button = QPushButton("放弃修改")
        self.export_buttons = _export_buttons(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        for b in self.export_buttons:
            bottom.addWidget(b)
        bottom.addSpacing(16)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        tools = QHBoxLayout()
        tools.addWidget(hint, 1)
        tools.addWidget(self.take_over_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(bottom)

        self.view.paste_requested.connect(self._paste)
        self.take_over_button.clicked.connect(self.take_over_selected)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.model.dirty_changed.connect(self._update)
        self.model.problems_changed.connect(self._show_problems)
        self.model.dataChanged.connect(self._update)
        self.reload()

    # -- data ----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.model.dirty

    def reload(self) -> None:
        store, campaign = self.page.store, self.page.campaign
        assert campaign is not None and campaign.id is not None
        saved = store.form_entries.for_campaign(campaign.id, self.template.key)
        units = self.page.units_for(saved)
        # Last year's entry pre-fills only the liaison form: a liaison mostly stays the same
        # person, and forms of other roles may be different forms from year to year.
        previous = (
            store.form_entries.previous(campaign.id, self.role) if self.role == ROLE_LIAISON else {}
        )
        self.model.reset(units, saved, previous)
        self.view.resizeColumnToContents(EntrySheetModel.COL_UNIT)
        unit_width = self.view.columnWidth(EntrySheetModel.COL_UNIT)
        self.view.setColumnWidth(EntrySheetModel.COL_UNIT, max(120, min(unit_width + 8, 280)))
        self._update()

    def save(self) -> bool:
        self.view.commit_open_editor()
        if not self.model.dirty:
            return True
        if self.model.problems:
            messages.warn(
                self,
                "无法保存",
                "请先改正以下问题：\n" + messages.problems_text(self.model.problems),
            )
            return False
        campaign = self.page.campaign
        assert campaign is not None and campaign.id is not None
        try:
            self.page.store.form_entries.save(self.template, self.model.entries(campaign.id))
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        current = self.view.currentIndex()
        self.reload()
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.saved.emit()
        return True

    def take_over_selected(self) -> None:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        if not (rows & set(self.model.proposed_rows())):
            rows = set(self.model.proposed_rows())
            if not rows:
                return
            if not messages.ask(
                self,
                "沿用上年",
                f"所选单位没有待确认的上年内容。沿用全部 {len(rows)} 个单位的上年联络员吗？",
            ):
                return
        self.model.take_over(sorted(rows))

    # -- exports ----------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if not self.page.settle_before_export(self):
            return
        from ..exports import form_reports

        writer = (
            form_reports.write_liaison_roster_pdf
            if fmt == "pdf"
            else form_reports.write_liaison_roster_xlsx
        )
        campaign = self.page.campaign
        rows = self.model.saved_rows()
        name = form_reports.liaison_roster_file_name(campaign, fmt, date.today())
        out = ask_export_path(self, f"导出{self.template.name}", name, fmt)
        if out is None:
            return
        export_to(
            self,
            out,
            lambda path: writer(campaign, self.template, rows, path, generated_on=date.today()),
            self.template.name,
        )

    # -- view state ----------------------------------------------------------------
    def _paste(self, index: QModelIndex, text: str) -> None:
        row = index.row() if index.isValid() else 0
        col = index.column() if index.isValid() else EntrySheetModel.COL_UNIT
        _, unknown = self.model.paste_block(row, col, text)
        if unknown:
            messages.warn(
                self, "部分行未粘贴", "以下单位不在表中，这几行没有粘贴：\n" + "、".join(unknown)
            )

    def _update(self, *_args) -> None:
        self.save_button.setEnabled(self.model.dirty)
        self.revert_button.setEnabled(self.model.dirty)
        self.take_over_button.setEnabled(bool(self.model.proposed_rows()))
        total = self.model.rowCount()
        filled = sum(1 for _, v in self.model.saved_rows() if v)
        proposed = len(self.model.proposed_rows())
        text = f"共 {total} 个单位，已填 {filled} 个"
        if proposed:
            text += f"，{proposed} 个显示上年内容待确认"
        if self.model.edited_rows():
            text += f"，{len(self.model.edited_rows())} 个单位有未保存的修改"
        self.count_label.setText(text)

    def _show_problems(self, problems) -> None:
        self.problems_label.setText(messages.problems_text(problems, limit=5) if problems else "")


# ---------------------------------------------------------------- per-unit forms


_AGGREGATE = -1  # the list entry 本级汇总


class UnitList(QTreeWidget):
    """单位 | 状态, one line per unit (and 本级汇总 last)."""

    row_changed = Signal(int)

    def __init__(self):
        super().__init__()
        self.setColumnCount(2)
        self.setHeaderLabels(["单位", "状态"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setMinimumWidth(160)
        self.setMaximumWidth(300)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(lambda *_: self.row_changed.emit(self.currentRow()))

    def add(self, unit_id: int, name: str, *, bold: bool = False) -> None:
        item = QTreeWidgetItem([name, ""])
        item.setData(0, Qt.ItemDataRole.UserRole, unit_id)
        item.setToolTip(0, name)
        if bold:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setFont(1, font)
        self.addTopLevelItem(item)

    def set_status(self, row: int, status: str, *, muted: bool = False) -> None:
        item = self.topLevelItem(row)
        item.setText(1, status)
        color = QBrush(QColor("#8a8a8a" if muted else "#1a1a1a"))
        item.setForeground(0, color)
        item.setForeground(1, color)

    def count(self) -> int:
        return self.topLevelItemCount()

    def currentRow(self) -> int:
        item = self.currentItem()
        return self.indexOfTopLevelItem(item) if item is not None else -1

    def setCurrentRow(self, row: int) -> None:
        item = self.topLevelItem(row)
        if item is not None:
            self.setCurrentItem(item)

    def unit_id_at(self, row: int) -> int | None:
        item = self.topLevelItem(row)
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def status_at(self, row: int) -> str:
        item = self.topLevelItem(row)
        return item.text(1) if item is not None else ""


class UnitFormPanel(QWidget):
    """A table form or a repeating record form, one unit at a time; 本级汇总 for tables."""

    saved = Signal()

    def __init__(self, page: FormsPage, template: FormTemplate, role: str):
        super().__init__()
        self.page = page
        self.template = template
        self.role = role
        self.entries: dict[int | None, FormEntry] = {}
        self.units: list[Unit] = []
        self.unit_id: int | None = None
        self._views: dict[int, TableFormView | RecordFormView] = {}
        self._loaded: tuple[str, ...] = ()
        self._dirty = False
        self._switching = False

        self.unit_list = UnitList()
        self.view_stack = QStackedWidget()
        self.aggregate_panel: AggregatePanel | None = None
        if template.kind == "table":
            self.aggregate_panel = AggregatePanel(template)
        self.version_label = QLabel()
        self.version_label.setObjectName("pageHint")
        self.show_requirements = QCheckBox("显示内容要求")
        self.show_requirements.setChecked(True)
        self.show_requirements.setVisible(template.kind == "table")
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        self.save_button = QPushButton("保存本单位")
        self.revert_button = QPushButton("放弃修改")
        self.export_buttons = _export_buttons(self) if template.kind == "table" else []

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.version_label, 1)
        top.addWidget(self.show_requirements)
        right.addLayout(top)
        right.addWidget(self.view_stack, 1)
        right.addWidget(self.problems_label)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for b in self.export_buttons:
            bottom.addWidget(b)
        bottom.addSpacing(16)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        right.addLayout(bottom)
        right_widget = QWidget()
        right_widget.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(self.unit_list)
        splitter.addWidget(right_widget)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        if self.aggregate_panel is not None:
            self.view_stack.addWidget(self.aggregate_panel)

        self.unit_list.row_changed.connect(self._row_chosen)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.show_requirements.toggled.connect(self._show_requirements)
        self.reload()

    # -- data ----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def view(self) -> TableFormView | RecordFormView | None:
        w = self.view_stack.currentWidget()
        return w if isinstance(w, TableFormView | RecordFormView) else None

    def _view_for(self, template: FormTemplate) -> TableFormView | RecordFormView:
        view = self._views.get(template.version)
        if view is None:
            if template.kind == "table":
                view = TableFormView(template)
                view.show_requirements(self.show_requirements.isChecked())
            else:
                view = RecordFormView(template)
            view.changed.connect(self._edited)
            view.problems_changed.connect(self._show_problems)
            self._views[template.version] = view
            self.view_stack.addWidget(view)
        return view

    def reload(self) -> None:
        """Reads the entries again and shows the same unit (or the first)."""
        store, campaign = self.page.store, self.page.campaign
        assert campaign is not None and campaign.id is not None
        self.entries = store.form_entries.for_campaign(campaign.id, self.template.key)
        self.units = self.page.units_for(self.entries)
        keep = self.unit_id
        with QSignalBlocker(self.unit_list):
            self.unit_list.clear()
            for u in self.units:
                self.unit_list.add(u.id, u.name)
            if self.aggregate_panel is not None:
                self.unit_list.add(_AGGREGATE, "本级汇总", bold=True)
        self._label_units()
        row = next(
            (i for i in range(self.unit_list.count()) if self.unit_list.unit_id_at(i) == keep),
            0,
        )
        self._show_row(row)

    def _label_units(self) -> None:
        for i, u in enumerate(self.units):
            entry = self.entries.get(u.id)
            filled = entry is not None and not entry.is_empty()
            status = "已填" if filled else "未填"
            if filled and entry.template_version != self.template.version:
                status += f"（第{entry.template_version}版）"
            self.unit_list.set_status(i, status, muted=not filled)
        if self.aggregate_panel is not None:
            n = sum(1 for u in self.units if u.id in self.entries)
            self.unit_list.set_status(len(self.units), f"{n}/{len(self.units)}")

    def select_unit(self, unit_id: int | None) -> bool:
        """Shows ``unit_id`` (``-1``: 本级汇总); False when the clerk kept the current one."""
        for i in range(self.unit_list.count()):
            if self.unit_list.unit_id_at(i) == unit_id:
                self.unit_list.setCurrentRow(i)
                return self.unit_id == unit_id
        return False

    def _row_chosen(self, row: int) -> None:
        if self._switching:
            return
        if self._dirty:
            answer = messages.ask_save_discard_cancel(self, self._unit_name(self.unit_id))
            if answer == "cancel" or (answer == "save" and not self.save()):
                self._switching = True
                self.unit_list.setCurrentRow(self._row_of(self.unit_id))
                self._switching = False
                return
        self._show_row(row)

    def _row_of(self, unit_id: int | None) -> int:
        for i in range(self.unit_list.count()):
            if self.unit_list.unit_id_at(i) == unit_id:
                return i
        return 0

    def _unit_name(self, unit_id: int | None) -> str:
        return next((u.name for u in self.units if u.id == unit_id), "本单位")

    def _show_row(self, row: int) -> None:
        if self.unit_list.count() == 0:
            self.unit_id = None
            self.version_label.setText("没有在用的单位。请先在“下级单位”中添加。")
            self._set_dirty(False)
            return
        row = max(0, min(row, self.unit_list.count() - 1))
        with QSignalBlocker(self.unit_list):
            self.unit_list.setCurrentRow(row)
        unit_id = self.unit_list.unit_id_at(row)
        self.unit_id = unit_id
        if unit_id == _AGGREGATE and self.aggregate_panel is not None:
            self._show_aggregate()
            return
        entry = self.entries.get(unit_id)
        template = self.template
        if entry is not None and entry.template_version != self.template.version:
            older = self.page.store.forms.get(self.template.key, entry.template_version)
            template = older or self.template
        view = self._view_for(template)
        values = dict(entry.values) if entry else {}
        rows = [dict(r) for r in entry.rows] if entry else []
        if UNIT_KEY in field_map(template):
            values[UNIT_KEY] = self._unit_name(unit_id)
            view.set_field_read_only(UNIT_KEY, True)
        if isinstance(view, RecordFormView):
            view.set_entry(values, rows)
        else:
            view.set_values(values)
        self._loaded = view.snapshot()
        self.view_stack.setCurrentWidget(view)
        note = f"{self._unit_name(unit_id)}：{template.name}"
        if template.version != self.template.version:
            note += f"（按第{template.version}版填报；新版为第{self.template.version}版）"
        self.version_label.setText(note)
        self._set_dirty(False)
        self._show_problems(view.problems)
        self.save_button.setVisible(True)
        self.revert_button.setVisible(True)

    def _show_aggregate(self) -> None:
        assert self.aggregate_panel is not None
        # Units in use, and stopped ones whose table came in before they stopped.
        names = [(u.id, u.name) for u in self.units]
        self.aggregate_panel.show_aggregate(self.entries, names, self.page.township())
        self.view_stack.setCurrentWidget(self.aggregate_panel)
        self.version_label.setText("本级汇总：各单位数字逐空相加，文字填空逐条列出")
        self.problems_label.setText("")
        self._set_dirty(False)
        self.save_button.setVisible(False)
        self.revert_button.setVisible(False)

    @staticmethod
    def _rows_of(view: TableFormView | RecordFormView) -> list[dict[str, Any]]:
        return view.rows() if isinstance(view, RecordFormView) else []

    def _edited(self) -> None:
        view = self.view
        if view is None:
            return
        self._set_dirty(view.snapshot() != self._loaded)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def revert(self) -> None:
        self._set_dirty(False)
        self._show_row(self.unit_list.currentRow())

    def save(self) -> bool:
        view = self.view
        if not self._dirty or view is None or self.unit_id in (None, _AGGREGATE):
            return True
        if view.problems:
            messages.warn(
                self, "无法保存", "请先改正以下问题：\n" + messages.problems_text(view.problems)
            )
            return False
        campaign = self.page.campaign
        assert campaign is not None and campaign.id is not None
        t = view.template
        values, rows = view.values(), self._rows_of(view)
        only_unit = set(values) <= {UNIT_KEY} and not rows
        if only_unit and self.unit_id in self.entries:
            name = self._unit_name(self.unit_id)
            if not messages.ask(
                self, "清空", f"表中已没有填写的内容。保存将删除{name}的这张表，继续吗？"
            ):
                return False
        entry = FormEntry(
            campaign.id, t.key, t.version, self.unit_id, {} if only_unit else values, tuple(rows)
        )
        try:
            self.page.store.form_entries.save(t, [entry])
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self._dirty = False
        self.reload()
        self.saved.emit()
        return True

    def _show_problems(self, problems) -> None:
        self.problems_label.setText(messages.problems_text(problems, limit=4) if problems else "")

    def _show_requirements(self, show: bool) -> None:
        for view in self._views.values():
            if isinstance(view, TableFormView):
                view.show_requirements(show)
        if self.aggregate_panel is not None:
            self.aggregate_panel.view.show_requirements(show)

    # -- exports ----------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if not self.page.settle_before_export(self):
            return
        from ..exports import form_reports

        writer = (
            form_reports.write_statistics_pdf
            if fmt == "pdf"
            else form_reports.write_statistics_xlsx
        )
        campaign = self.page.campaign
        if self.unit_id == _AGGREGATE and self.aggregate_panel is not None:
            agg = self.aggregate_panel.aggregate
            if agg is None:
                return
            unit_name = self.page.township()
            entry = aggregate_as_entry(self.template, agg, campaign.id, unit_name)
            values = dict(entry.values)
            extra = {"missing_units": agg.units_missing, "text_lists": agg.texts}
            template = self.template
        else:
            entry = self.entries.get(self.unit_id)
            unit_name = self._unit_name(self.unit_id)
            if entry is None or entry.is_empty():
                messages.info(self, "没有数据", f"{unit_name}还没有填报，无法导出。")
                return
            template = self.page.store.forms.get(self.template.key, entry.template_version)
            template = template or self.template
            values = dict(entry.values)
            extra = {}
        name = form_reports.statistics_file_name(
            campaign, template, fmt, date.today(), unit_name=unit_name, aggregated=bool(extra)
        )
        out = ask_export_path(self, f"导出{template.name}", name, fmt)
        if out is None:
            return
        export_to(
            self,
            out,
            lambda path: writer(
                campaign,
                template,
                values,
                path,
                unit_name=unit_name,
                generated_on=date.today(),
                **extra,
            ),
            f"{template.name}（{unit_name}）",
        )


class AggregatePanel(QWidget):
    """本级汇总: the table with the sums, who is missing, texts listed, blanks left empty."""

    def __init__(self, template: FormTemplate):
        super().__init__()
        self.template = template
        self.aggregate: Aggregate | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.view = TableFormView(template, read_only=True)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def show_aggregate(
        self,
        entries: Mapping[int | None, FormEntry],
        unit_names: Sequence[tuple[int, str]],
        township: str,
    ) -> Aggregate:
        t = self.template
        unit_entries = {k: v for k, v in entries.items() if k is not None}
        agg = aggregate(t, unit_entries, unit_names)
        self.aggregate = agg
        values: dict[str, Any] = dict(aggregate_as_entry(t, agg, 0, township).values)
        fields = body_fields(t)
        for f in fields:
            if f.type != "number" and f.key in agg.texts:
                values[f.key] = f"{len(agg.texts[f.key])}条，见下方"
        self.view.set_values(values)
        empty_by_field: dict[str, list[str]] = {}
        for unit_id, name in unit_names:
            entry = unit_entries.get(unit_id)
            if entry is None or entry.is_empty():
                continue
            for f in fields:
                if entry.values.get(f.key) in (None, ""):
                    empty_by_field.setdefault(f.key, []).append(name)
        for f in fields:
            w = self.view.widget_for(f.key)
            if w is None:
                continue
            n = agg.reported.get(f.key, 0)
            empty = empty_by_field.get(f.key, [])
            note = f"{n}个单位填报"
            if empty:
                note += f"；未填：{'、'.join(empty)}"
            w.set_note(note)
        n_all = len(unit_names)
        summary = f"已汇总 {len(agg.units_in)}/{n_all} 个单位。"
        if agg.units_missing:
            summary += f"<span style='color:#b71c1c'>未报：{'、'.join(agg.units_missing)}</span>"
        else:
            summary += "全部单位都已填报。"
        self.summary.setText(summary)
        self.details.setHtml(self._details_html(agg, fields, empty_by_field))
        return agg

    @staticmethod
    def _details_html(
        agg: Aggregate, fields: Sequence[Field], empty_by_field: Mapping[str, list[str]]
    ) -> str:
        from html import escape

        parts = []
        texts = [(f, agg.texts[f.key]) for f in fields if f.key in agg.texts]
        if texts:
            parts.append("<b>文字填空（逐条列出，不相加）</b><ul>")
            for f, items in texts:
                lines = "".join(f"<li>{escape(u)}：{escape(t)}</li>" for u, t in items)
                parts.append(f"<li>{escape(f.label)}<ul>{lines}</ul></li>")
            parts.append("</ul>")
        if empty_by_field:
            parts.append("<b>部分单位未填的空</b>（未填不计为0）<ul>")
            for f in fields:
                names = empty_by_field.get(f.key)
                if names:
                    unit = f"（{f.unit_text}）" if f.unit_text else ""
                    parts.append(
                        f"<li>{escape(f.label)}{escape(unit)}：{escape('、'.join(names))}</li>"
                    )
            parts.append("</ul>")
        if agg.units_missing:
            parts.append(f"<b>未报单位</b>：{escape('、'.join(agg.units_missing))}")
        return "".join(parts) or "已填报的单位把每个空都填了。"


class QuotaPanel(QWidget):
    """A works quota (“五个一”分配表) as the table the units received."""

    def __init__(self, template: FormTemplate):
        super().__init__()
        quota = template.quota
        audiences = quota.audiences if quota else ()
        headers = ["项目", "作品格式", *audiences, "备注"]
        items = quota.items if quota else ()
        self.table = QTableWidget(len(items), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, item in enumerate(items):
            cells = [item.name, "、".join(item.formats)]
            cells += [describe_quota(item, a) for a in audiences]
            cells.append(item.remark)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(
            "作品分配表只列出各单位应报的作品，无需填报；各单位报送的作品在作品报送表中填写。"
        )
        note.setWordWrap(True)
        note.setObjectName("pageHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        if template.note:
            extra = QLabel(template.note)
            extra.setWordWrap(True)
            layout.addWidget(extra)

    dirty = False

    def save(self) -> bool:
        return True

    def reload(self) -> None:
        pass


def _export_buttons(panel) -> list[QPushButton]:
    pdf = QPushButton("导出PDF…")
    xlsx = QPushButton("导出Excel…")
    pdf.clicked.connect(lambda: panel.export("pdf"))
    xlsx.clicked.connect(lambda: panel.export("xlsx"))
    return [pdf, xlsx]


# ---------------------------------------------------------------- choosing the forms


class ChooseFormsDialog(QDialog):
    """本年度使用的表: a check and a purpose (联络员表, 活动情况统计表 …) per template."""

    def __init__(self, store: Store, chosen: Sequence[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("本年度使用的表")
        self.resize(720, 380)
        templates = store.forms.list_latest()
        order = {k: i for i, (k, _) in enumerate(chosen)}
        templates.sort(key=lambda t: (order.get(t.key, len(order)), t.name))
        roles = dict(chosen)
        self.table = QTableWidget(len(templates), 3)
        self.table.setHorizontalHeaderLabels(["表", "种类", "用途"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.templates = templates
        self.role_boxes: list[QComboBox] = []
        for r, t in enumerate(templates):
            check = QTableWidgetItem(f"{t.name}（第{t.version}版）")
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(
                Qt.CheckState.Checked if t.key in roles else Qt.CheckState.Unchecked
            )
            check.setToolTip(t.description or t.name)
            self.table.setItem(r, 0, check)
            kind = QTableWidgetItem(KINDS.get(t.kind, t.kind))
            kind.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 1, kind)
            combo = QComboBox()
            for role, name in ROLE_NAMES.items():
                combo.addItem(name, role)
            combo.setCurrentIndex(max(0, combo.findData(roles.get(t.key, _guess_role(t)))))
            self.table.setCellWidget(r, 2, combo)
            self.role_boxes.append(combo)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        hint = QLabel("勾选本年度要收集的表，并说明每张表的用途（联络员表、统计表各只能选一张）。")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(buttons)

    def set_checked(self, key: str, role: str | None = None, checked: bool = True) -> None:
        for r, t in enumerate(self.templates):
            if t.key == key:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                self.table.item(r, 0).setCheckState(state)
                if role is not None:
                    self.role_boxes[r].setCurrentIndex(self.role_boxes[r].findData(role))

    def chosen(self) -> list[tuple[str, str]]:
        out = []
        for r, t in enumerate(self.templates):
            if self.table.item(r, 0).checkState() == Qt.CheckState.Checked:
                out.append((t.key, self.role_boxes[r].currentData()))
        return out

    def problems(self) -> list[str]:
        out = []
        roles = [role for _, role in self.chosen()]
        for role in (ROLE_LIAISON, ROLE_STATISTICS):
            if roles.count(role) > 1:
                out.append(f"“{ROLE_NAMES[role]}”只能选一张表")
        by_key = {t.key: t for t in self.templates}
        for key, role in self.chosen():
            t = by_key[key]
            if role == ROLE_STATISTICS and t.kind != "table":
                out.append(f"“{t.name}”不是填空统计表，不能作为活动情况统计表")
            if role == ROLE_LIAISON and (t.kind != "record" or t.repeating):
                out.append(f"“{t.name}”不是单行登记表，不能作为联络员表")
        return out

    def accept(self) -> None:
        problems = self.problems()
        self.problems_label.setText("\n".join(problems))
        if problems:
            return
        super().accept()


def _guess_role(t: FormTemplate) -> str:
    if t.kind == "table":
        return ROLE_STATISTICS
    if t.kind == "quota":
        return "works_quota"
    if t.repeating:
        return "works_report"
    if "联络员" in t.name:
        return ROLE_LIAISON
    return ROLE_OTHER


# ---------------------------------------------------------------- the page


class FormsPage(QWidget):
    """报表: pick one of the campaign's forms; enter, check, sum, export, import."""

    saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.campaign: Campaign | None = None
        self.panel: QWidget | None = None
        self.template: FormTemplate | None = None
        self.role = ""
        self._chosen: list[tuple[str, str]] = []

        title = QLabel("报表填报")
        title.setObjectName("pageTitle")
        self.form_combo = QComboBox()
        self.form_combo.setMinimumWidth(360)
        self.choose_button = QPushButton("本年度使用的表…")
        self.editor_button = QPushButton("表样管理…")
        self.blank_button = QPushButton("生成空白填报表…")
        self.blank_button.setToolTip("每个单位一个 Excel 文件，已填好单位名称，发给各单位填写")
        self.import_button = QPushButton("导入填好的表…")
        self.import_button.setToolTip("可一次选多个文件；任一文件有问题时全部不导入")
        top = QHBoxLayout()
        top.addWidget(QLabel("表："))
        top.addWidget(self.form_combo, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.editor_button)
        top.addSpacing(16)
        top.addWidget(self.blank_button)
        top.addWidget(self.import_button)
        self.info = QLabel()
        self.info.setObjectName("pageHint")
        self.info.setWordWrap(True)
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.stack, 1)

        self.form_combo.activated.connect(self._form_chosen)
        self.choose_button.clicked.connect(self.choose_forms)
        self.editor_button.clicked.connect(self.open_editor)
        self.blank_button.clicked.connect(self.write_blank_workbooks)
        self.import_button.clicked.connect(self.import_workbooks)
        add_save_shortcut(self, self.save)
        self.refresh()

    # -- the main window's interface ------------------------------------------------
    def set_store(self, store: Store) -> None:
        self.store = store
        self._drop_panel()
        self.refresh()

    def set_campaign(self, campaign: Campaign | None) -> None:
        if self.dirty and messages.ask(
            self, "未保存的修改", "报表有未保存的修改，切换年度前保存吗？", default_yes=True
        ):
            self.save()
        self.campaign = campaign
        self._drop_panel()
        self.refresh()

    @property
    def dirty(self) -> bool:
        return bool(self.panel is not None and getattr(self.panel, "dirty", False))

    def save(self) -> bool:
        """Saves the form on screen (all rows of a sheet, or the unit shown)."""
        if self.panel is None:
            return True
        return self.panel.save()

    def refresh(self) -> None:
        """Reads the campaign's forms and the entries again (unsaved edits are kept)."""
        if self.dirty:
            return
        self._chosen = []
        if self.campaign is not None and self.campaign.id is not None:
            self._chosen = self.store.campaign_forms.chosen(self.campaign.id)
        current = (self.template.key, self.role) if self.template else None
        with QSignalBlocker(self.form_combo):
            self.form_combo.clear()
            for key, role in self._chosen:
                t = self.store.forms.latest(key)
                if t is None:
                    continue
                self.form_combo.addItem(f"{ROLE_NAMES.get(role, role)}：{t.name}", (key, role))
        has_campaign = self.campaign is not None
        for b in (self.choose_button, self.form_combo):
            b.setEnabled(has_campaign)
        if not has_campaign:
            self._show_empty("还没有活动年度。请先在工具栏“新建年度”。")
            return
        if self.form_combo.count() == 0:
            self._show_empty("本年度还没有选用报表。点“本年度使用的表…”选择要收集的表。")
            return
        index = next(
            (i for i in range(self.form_combo.count()) if self.form_combo.itemData(i) == current),
            0,
        )
        self.form_combo.setCurrentIndex(index)
        self._open(*self.form_combo.itemData(index))

    def show_form(self, role_or_key: str) -> bool:
        """Shows the campaign's form for a role (or with a template key); True if there is one."""
        for i in range(self.form_combo.count()):
            key, role = self.form_combo.itemData(i)
            if role_or_key in (key, role):
                if self.form_combo.currentIndex() != i or self.panel is None:
                    if not self._settle():
                        return False
                    self.form_combo.setCurrentIndex(i)
                    self._open(key, role)
                return True
        return False

    # -- panels ------------------------------------------------------------------------
    def units_for(self, entries: Mapping[int | None, FormEntry]) -> list[Unit]:
        """Units in use, and stopped units that have an entry this year."""
        return [u for u in self.store.units.list() if u.active or u.id in entries]

    def township(self) -> str:
        if self.campaign is None:
            return "本级"
        return self.campaign.issuer_short or "本级"

    def _show_empty(self, text: str) -> None:
        self._drop_panel()
        self.template = None
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.info.setText("")
        for b in (self.blank_button, self.import_button):
            b.setEnabled(False)

    def _drop_panel(self) -> None:
        if self.panel is not None:
            self.stack.removeWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None

    def _open(self, key: str, role: str) -> None:
        template = self.store.forms.latest(key)
        self._drop_panel()
        if template is None:
            self._show_empty(f"找不到表“{key}”。")
            return
        self.template, self.role = template, role
        if template.kind == "quota":
            panel: QWidget = QuotaPanel(template)
        elif template.kind == "table" or template.repeating:
            panel = UnitFormPanel(self, template, role)
        else:
            panel = SheetPanel(self, template, role)
        if hasattr(panel, "saved"):
            panel.saved.connect(self.saved)
        self.panel = panel
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)
        fillable = template.kind != "quota"
        for b in (self.blank_button, self.import_button):
            b.setEnabled(fillable)
        used = len(self.store.forms.versions(key))
        version = f"第{template.version}版" + ("（另有旧版数据）" if used > 1 else "")
        self.info.setText(f"{template.name}　{KINDS.get(template.kind, '')}　{version}")

    def _settle(self) -> bool:
        if not self.dirty:
            return True
        answer = messages.ask_save_discard_cancel(self, "报表")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _form_chosen(self, index: int) -> None:
        data = self.form_combo.itemData(index)
        if data is None:
            return
        if self.template is not None and (self.template.key, self.role) == tuple(data):
            return
        if not self._settle():
            previous = (self.template.key, self.role) if self.template else None
            for i in range(self.form_combo.count()):
                if self.form_combo.itemData(i) == previous:
                    self.form_combo.setCurrentIndex(i)
            return
        self._open(*data)

    def settle_before_export(self, parent: QWidget) -> bool:
        """Exports print what is saved: unsaved edits are saved first, if the clerk agrees."""
        if not self.dirty:
            return True
        if not messages.ask(
            parent, "先保存", "导出按已保存的数据。现在保存修改吗？", default_yes=True
        ):
            return False
        return self.save()

    def choose_forms(self) -> bool:
        if self.campaign is None or self.campaign.id is None or not self._settle():
            return False
        dialog = ChooseFormsDialog(self.store, self._chosen, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            self.store.campaign_forms.set_chosen(self.campaign.id, dialog.chosen())
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self._drop_panel()
        self.refresh()
        return True

    def open_editor(self) -> None:
        from .form_editor import FormEditorDialog

        if not self._settle():
            return
        dialog = FormEditorDialog(self.store, self.template, self)
        dialog.exec()
        self._drop_panel()
        self.refresh()

    # -- workbooks ------------------------------------------------------------------------
    def write_blank_workbooks(self, folder: str | None = None) -> list[Path]:
        """One blank workbook per unit in use, its name filled in, into a chosen folder."""
        t, campaign = self.template, self.campaign
        if t is None or campaign is None or t.kind == "quota":
            return []
        if not folder:
            folder = QFileDialog.getExistingDirectory(
                self, "选择保存空白填报表的文件夹（每个单位一个文件）", str(_documents_dir())
            )
        if not folder:
            return []
        from ..exports.fonts import MissingGlyphError
        from ..exports.form_workbook import write_blank_workbooks
        from ..store.errors import translate

        names = [u.name for u in self.store.units.list(include_inactive=False)]
        try:
            paths = write_blank_workbooks(t, campaign, names, folder)
        except (OSError, MissingGlyphError) as exc:
            err = translate(exc, Path(folder)) if isinstance(exc, OSError) else None
            messages.error(
                self,
                "生成失败",
                f"无法在 {folder} 生成空白填报表：{err.message if err else exc}\n"
                "如果某个文件正在 Excel/WPS 中打开，请先关闭它。",
            )
            return []
        messages.info(
            self,
            "已生成",
            f"已在 {folder} 生成 {len(paths)} 个空白填报表（每个单位一个，已填好单位名称）。"
            "\n发给各单位填写，收回后用“导入填好的表…”一次导入。",
        )
        return paths

    def import_workbooks(self, paths: Sequence[str | Path] | None = None) -> bool:
        """Reads filled workbooks; any problem in any file: nothing is written, all are listed."""
        if self.template is None or self.campaign is None or self.campaign.id is None:
            return False
        if not paths:
            paths, _ = QFileDialog.getOpenFileNames(
                self,
                "导入填好的表（可选多个文件）",
                str(_documents_dir()),
                "Excel 工作簿 (*.xlsx);;所有文件 (*)",
            )
        if not paths or not self._settle():
            return False
        from ..imports.form_workbook import read_filled_workbooks

        key = self.template.key
        templates: dict[tuple[str, int], FormTemplate] = {}
        for v in self.store.forms.versions(key):
            t = self.store.forms.get(key, v)
            if t is not None:
                templates[t.ident] = t
        units = self.store.units.list(include_inactive=False)
        result = read_filled_workbooks([Path(p) for p in paths], templates, [u.name for u in units])
        if result.failed:
            lines = [line for f in result.failed for line in f.lines()]
            shown = lines[:40] + ([f"……另有{len(lines) - 40}处问题"] if len(lines) > 40 else [])
            messages.warn(
                self,
                "没有导入",
                f"{result.summary()}。有问题时全部文件都不导入，请改正后重新导入：\n"
                + "\n".join(shown),
            )
            return False
        unit_ids = {u.name: u.id for u in units}
        groups = [
            (templates[ident], result.entries(templates[ident], self.campaign.id, unit_ids))
            for ident in result.by_template()
        ]
        groups = [(t, entries) for t, entries in groups if entries]
        if not groups:
            messages.info(self, "没有导入", "所选文件中没有可导入的内容。")
            return False
        existing = self.store.form_entries.for_campaign(self.campaign.id, key)
        names = {u.id: u.name for u in units}
        again = [names[e.unit_id] for _, es in groups for e in es if e.unit_id in existing]
        if again and not messages.ask(
            self,
            "覆盖已填内容",
            f"{'、'.join(again)}已有本年度的数据，导入后将被替换。继续吗？",
            default_yes=True,
        ):
            return False
        try:
            with self.store.transaction():
                for t, entries in groups:
                    self.store.form_entries.save(t, entries)
        except ValidationError as exc:
            messages.warn(self, "没有导入", messages.problems_text(exc.problems, limit=40))
            return False
        except StoreError as exc:
            messages.error(self, "导入失败", exc.message)
            return False
        if self.panel is not None and hasattr(self.panel, "reload"):
            self.panel.reload()
        who = "、".join(names[e.unit_id] for _, es in groups for e in es)
        n = sum(len(es) for _, es in groups)
        messages.info(self, "已导入", f"已导入 {n} 个单位的{self.template.name}：{who}")
        self.saved.emit()
        return True
