"""下级单位 page: edit units in a table like a spreadsheet, batch add, export the roster."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign
from ...domain.search import matches
from ...domain.units import UNIT_KINDS
from ...domain.validation import ValidationError
from ...store import Store, StoreError
from ...usecases.export_dates import MADE_ON
from ...usecases.exports import writer_for
from ...usecases.units import active_units, all_units, save_units
from ..widgets import messages
from ..widgets.export_actions import ask_export_path, export_to
from ..widgets.export_date import ExportDateEdit
from ..widgets.find_box import FindBox
from ..widgets.sheet_view import SheetView
from ..widgets.shortcuts import add_save_shortcut
from ..widgets.undo import UndoStackMethods
from .add_units_dialog import AddUnitsDialog
from .model import COL_ACTIVE, COL_KIND, COL_NAME, COL_NOTES, UnitTableModel


class KindDelegate(QStyledItemDelegate):
    """类别 as a drop-down of the fixed kinds."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems(UNIT_KINDS)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


class UnitsPage(UndoStackMethods, QWidget):
    saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.campaign: Campaign | None = None
        self.model = UnitTableModel(parent=self)
        self.view = SheetView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(COL_KIND, KindDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NOTES, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(COL_NAME, 300)
        self.view.setColumnWidth(COL_KIND, 90)
        self.view.setColumnWidth(COL_ACTIVE, 70)

        title = QLabel("下级单位")
        title.setObjectName("pageTitle")
        hint = QLabel(
            "单位跨年度保留。像在 Excel 中一样直接编辑：回车下移，Ctrl+V 粘贴多行，Ctrl+Z 撤销，Ctrl+S 保存。"
            "已有数据的单位删除时改为停用。"
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageHint")

        self.add_row_button = QPushButton("添加一行")
        self.batch_button = QPushButton("批量添加…")
        self.delete_button = QPushButton("删除所选")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.show_inactive = QCheckBox("显示停用单位")
        self.show_inactive.setChecked(True)
        self.save_button = QPushButton("保存")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("放弃修改")
        self.pdf_button = QPushButton("导出名册 PDF…")
        self.xlsx_button = QPushButton("导出名册 Excel…")
        self.made_on = ExportDateEdit(MADE_ON, lambda: (self.store, self.campaign))

        tools = QHBoxLayout()
        for w in (
            self.add_row_button,
            self.batch_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        ):
            tools.addWidget(w)
        tools.addStretch(1)
        self.find = FindBox("单位")
        self.find.install_shortcut(self)
        tools.addWidget(self.find)
        tools.addWidget(self.show_inactive)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        self.count_label = QLabel()

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.made_on)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.xlsx_button)
        bottom.addSpacing(24)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(bottom)

        self.add_row_button.clicked.connect(self.add_row)
        self.batch_button.clicked.connect(self.batch_add)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.show_inactive.toggled.connect(self._apply_filter)
        self.find.query.connect(lambda _q: self._apply_filter())
        self.pdf_button.clicked.connect(lambda: self.export_roster("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export_roster("xlsx"))
        self.view.paste_requested.connect(self._paste)
        self.model.dirty_changed.connect(self._update_buttons)
        self.model.problems_changed.connect(self._show_problems)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._apply_filter)
        self.model.dataChanged.connect(self._update_count)
        add_save_shortcut(self, self.save)
        self.reload()

    # -- data ------------------------------------------------------------------
    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.made_on.reload()

    def reload(self) -> None:
        self.model.reset(all_units(self.store))
        self._apply_filter()
        self._update_buttons()

    @property
    def dirty(self) -> bool:
        return self.model.dirty

    def save(self) -> bool:
        """Writes the whole table as one action. Returns True when saved (or nothing to save)."""
        self.view.commit_open_editor()
        self.model.drop_empty_new_rows()
        if not self.model.dirty:
            return True
        if self.model.problems:
            messages.warn(
                self,
                "无法保存",
                "请先改正以下问题：\n" + messages.problems_text(self.model.problems),
            )
            return False
        try:
            _, deactivated = save_units(self.store, self.model.units(), self.model.deleted_ids())
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self.reload()
        if deactivated:
            names = "、".join(u.name for u in deactivated)
            messages.info(self, "已停用", f"以下单位已有数据，未删除，改为停用：\n{names}")
        self.saved.emit()
        return True

    # -- 编辑 › 撤销/重做: the edits since the table was loaded or saved -----------------
    @property
    def undo_stack(self) -> QUndoStack:
        return self.model.undo_stack

    def undo(self) -> bool:
        self.view.commit_open_editor()
        return self._keeping_place(super().undo)

    def redo(self) -> bool:
        return self._keeping_place(super().redo)

    def _keeping_place(self, step) -> bool:
        """The table is put back whole (a model reset): the cursor and the scroll stay where
        the clerk was, not at the top of 600 units."""
        current = self.view.currentIndex()
        scroll = self.view.verticalScrollBar().value()
        done = step()
        if current.isValid() and self.model.rowCount():
            row = min(current.row(), self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(row, current.column()))
        self.view.verticalScrollBar().setValue(scroll)
        return done

    # -- actions -----------------------------------------------------------------
    def add_row(self) -> None:
        current = self.view.currentIndex()
        row = self.model.insert_blank(
            current.row() + 1 if current.isValid() else self.model.rowCount()
        )
        index = self.model.index(row, COL_NAME)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def batch_add(self) -> None:
        dialog = AddUnitsDialog(self.model.units(), self)
        if dialog.exec() != AddUnitsDialog.DialogCode.Accepted:
            return
        self.add_names(dialog.names())

    def add_names(self, names: list[str]) -> None:
        """Adds the names to the table and saves the table at once (one action)."""
        from ...domain.units import new_units_from_names

        added, _ = new_units_from_names(names, self.model.units())
        self.model.append_units(added)
        if added and self.save():
            messages.info(self, "已添加", f"已添加 {len(added)} 个单位。")

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            return
        names = "、".join(self.model.unit_at(r).name or "（空行）" for r in rows[:8])
        more = f"等 {len(rows)} 个单位" if len(rows) > 8 else ""
        if not messages.ask(
            self, "删除单位", f"删除 {names}{more}？\n保存后生效；已有数据的单位会改为停用。"
        ):
            return
        self.model.remove_rows(rows)

    def move_current(self, delta: int) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = self.model.move_row(index.row(), delta)
        self.view.setCurrentIndex(self.model.index(row, index.column()))

    def export_roster(self, fmt: str) -> None:
        from ...exports.roster import roster_file_name

        if self.model.dirty:
            if not messages.ask(
                self, "先保存", "名册按已保存的数据导出。现在保存修改吗？", default_yes=True
            ):
                return
            if not self.save():
                return
        units = active_units(self.store)
        on = self.made_on.value()
        out = ask_export_path(self, "导出单位名册", roster_file_name(self.campaign, fmt, on), fmt)
        if out is None:
            return
        writer = writer_for("roster", fmt)
        export_to(
            self,
            out,
            lambda path: writer(self.campaign, units, path, generated_on=on),
            "单位名册",
        )

    # -- view state ----------------------------------------------------------------
    def _paste(self, index: QModelIndex, text: str) -> None:
        if index.isValid():
            self.model.paste_block(index.row(), index.column(), text)
        else:
            self.model.paste_block(self.model.rowCount(), COL_NAME, text)

    def _apply_filter(self) -> None:
        show = self.show_inactive.isChecked()
        query = self.find.text().strip()
        for row in range(self.model.rowCount()):
            unit = self.model.unit_at(row)
            hidden = (not show and not unit.active) or (
                bool(unit.name) and not matches(unit.name, query)
            )
            self.view.setRowHidden(row, hidden)

    def _update_buttons(self, *_args) -> None:
        self.save_button.setEnabled(self.model.dirty)
        self.revert_button.setEnabled(self.model.dirty)

    def _update_count(self, *_args) -> None:
        units = self.model.units()
        active = sum(1 for u in units if u.active)
        self.count_label.setText(f"共 {len(units)} 个单位，在用 {active} 个")

    def _show_problems(self, problems) -> None:
        self.problems_label.setText(messages.problems_text(problems, limit=5) if problems else "")

    def select_row(self, row: int, column: int = COL_NAME) -> None:
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )


__all__ = ["COL_ACTIVE", "UnitsPage"]
