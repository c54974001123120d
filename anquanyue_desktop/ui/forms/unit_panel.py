"""A table form or a repeating record form entered one unit at a time, with 本级汇总."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.form_entries import (
    FormEntry,
    aggregate_as_entry,
)
from ...domain.forms import (
    UNIT_KEY,
    FormTemplate,
    field_map,
)
from ...domain.search import matches
from ...domain.units import Unit
from ...domain.validation import ValidationError
from ...store import StoreError
from ...usecases.form_entries import campaign_entries, entry_template
from ...usecases.receipts import save_form_entries
from ..form_renderer import FormView, form_view
from ..form_renderer.record_view import RecordFormView
from ..form_renderer.table_view import TableFormView
from ..widgets import messages
from ..widgets.export_actions import ask_export_path, export_to
from ..widgets.find_box import FindBox
from ..widgets.receipts import announce_receipts
from ..widgets.undo import TypingCommand, UndoStackMethods
from .aggregate_panel import AggregatePanel
from .sheet_panel import _export_buttons

if TYPE_CHECKING:
    from .page import FormsPage

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


class UnitFormPanel(UndoStackMethods, QWidget):
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
        # 编辑 › 撤销/重做 of the typing in the unit's form shown, until it is saved or left.
        self.undo_stack = QUndoStack(self)
        self._state: tuple[dict[str, Any], list[dict[str, Any]]] | None = None

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
        self.made_on = None  # 制表日期, for a table form: set by _export_buttons
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
        # The unit list with its find box (dc finds 东村), Ctrl+F anywhere on the panel.
        self.find = FindBox("单位")
        self.find.setMaximumWidth(300)
        self.find.install_shortcut(self)
        self.find.query.connect(self._apply_find)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.find)
        left_layout.addWidget(self.unit_list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
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
            view = cast(FormView, form_view(template))
            if isinstance(view, TableFormView):
                view.show_requirements(self.show_requirements.isChecked())
            view.changed.connect(self._edited)
            view.problems_changed.connect(self._show_problems)
            self._views[template.version] = view
            self.view_stack.addWidget(view)
        return view

    def reload(self) -> None:
        """Reads the entries again and shows the same unit (or the first)."""
        campaign = self.page.campaign
        assert campaign is not None and campaign.id is not None
        if self.made_on is not None:
            self.made_on.reload()
        self.entries = campaign_entries(self.page.store, campaign, self.template.key)
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
        template = entry_template(self.page.store, self.template, entry)
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
        self._state = self._capture(view)
        self.undo_stack.clear()
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
        state = self._capture(view)
        if self._state is not None and state != self._state:
            # The box being typed in: its edits go back in one step.
            focus = QApplication.focusWidget()
            key = id(focus) if focus is not None else 0
            self.undo_stack.push(TypingCommand("填写", self._state, state, self._restore, key))
        self._state = state

    def _capture(self, view: TableFormView | RecordFormView) -> tuple[dict, list]:
        return view.values(), self._rows_of(view)

    def _restore(self, state: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
        view = self.view
        if view is None:
            return
        self._state = state
        values, rows = state
        if isinstance(view, RecordFormView):
            view.set_entry(values, rows)
        else:
            view.set_values(values)
        self._set_dirty(view.snapshot() != self._loaded)
        self._show_problems(view.problems)

    # -- 编辑 › 撤销/重做 (through the forms page) ----------------------------------------

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
            receipts = save_form_entries(self.page.store, campaign.id, t, [entry])
        except ValidationError as exc:
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self._dirty = False
        self.reload()
        self.saved.emit()
        announce_receipts(self, receipts)
        return True

    def _apply_find(self, query: str) -> None:
        for row in range(self.unit_list.count()):
            item = self.unit_list.topLevelItem(row)
            item.setHidden(not matches(item.text(0), query))

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
        from ...exports import form_reports

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
            template = entry_template(self.page.store, self.template, entry)
            values = dict(entry.values)
            extra = {}
        on = self.made_on.value()
        name = form_reports.statistics_file_name(
            campaign, template, fmt, on, unit_name=unit_name, aggregated=bool(extra)
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
                generated_on=on,
                **extra,
            ),
            f"{template.name}（{unit_name}）",
        )
