"""A record form (the liaison form) for all units at once, in one spreadsheet-like sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import (
    FormTemplate,
)
from ...domain.validation import ValidationError
from ...store import StoreError
from ...usecases.export_dates import MADE_ON
from ...usecases.form_entries import sheet_entries
from ...usecases.receipts import save_form_entries
from ..widgets import messages
from ..widgets.export_actions import ask_export_path, export_to
from ..widgets.export_date import ExportDateEdit
from ..widgets.find_box import FindBox, filter_rows
from ..widgets.print_preview import print_button
from ..widgets.receipts import announce_receipts
from ..widgets.undo import UndoStackMethods
from .entry_sheet import EntrySheetModel, EntrySheetView, FieldDelegate

if TYPE_CHECKING:
    from .page import FormsPage


class SheetPanel(UndoStackMethods, QWidget):
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
        self.find = FindBox("单位")
        self.find.install_shortcut(self)
        self.find.query.connect(lambda _q: self._apply_find())
        self.model.modelReset.connect(self._apply_find)
        tools.addWidget(self.find, 0, Qt.AlignmentFlag.AlignTop)
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
        campaign = self.page.campaign
        assert campaign is not None and campaign.id is not None
        self.made_on.reload()
        # Last year's liaisons pre-fill the empty rows (see sheet_entries).
        saved, previous = sheet_entries(self.page.store, campaign, self.template.key, self.role)
        units = self.page.units_for(saved)
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
            receipts = save_form_entries(
                self.page.store, campaign.id, self.template, self.model.entries(campaign.id)
            )
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
        announce_receipts(self, receipts)
        return True

    # -- 编辑 › 撤销/重做 (through the forms page) ----------------------------------------
    @property
    def undo_stack(self) -> QUndoStack:
        return self.model.undo_stack

    def undo(self) -> bool:
        self.view.commit_open_editor()
        return super().undo()

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
        from ...exports import form_reports

        writer = (
            form_reports.write_liaison_roster_pdf
            if fmt == "pdf"
            else form_reports.write_liaison_roster_xlsx
        )
        campaign, on = self.page.campaign, self.made_on.value()
        rows = self.model.saved_rows()
        name = form_reports.liaison_roster_file_name(campaign, fmt, on)
        out = ask_export_path(self, f"导出{self.template.name}", name, fmt)
        if out is None:
            return
        export_to(
            self,
            out,
            lambda path: writer(campaign, self.template, rows, path, generated_on=on),
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

    def _apply_find(self) -> None:
        filter_rows(self.view, self.find.text().strip(), lambda r: [self.model.unit_at(r).name])

    def _show_problems(self, problems) -> None:
        self.problems_label.setText(messages.problems_text(problems, limit=5) if problems else "")


def _export_buttons(panel) -> list[QWidget]:
    """制表日期 (as ``panel.made_on``), 打印, 导出PDF, 导出Excel."""
    panel.made_on = ExportDateEdit(MADE_ON, lambda: (panel.page.store, panel.page.campaign))
    pdf = QPushButton("导出PDF…")
    xlsx = QPushButton("导出Excel…")
    pdf.clicked.connect(lambda: panel.export("pdf"))
    xlsx.clicked.connect(lambda: panel.export("xlsx"))
    return [panel.made_on, print_button(panel), pdf, xlsx]
