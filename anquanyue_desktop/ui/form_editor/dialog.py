"""表样管理: list, create, duplicate and edit form templates, with a live preview.

The clerk reshapes a form without a programmer: the fields of a record form (add, remove,
reorder, type, unit, required, label, help, choices), the rows of a statistics table (活动项目,
内容要求, 进展情况 with （） where the blanks are, parsed as typed), or a whole table built from
text pasted from Word/WPS or read from the xlsx the upper level sent. The preview is drawn by the
very renderer data entry uses. Saving a version that data already uses makes the next version.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.blank_parser import (
    header_fields_from_line,
)
from ...domain.forms import (
    KINDS,
    Field,
    FormTemplate,
    Section,
    TableRow,
)
from ...domain.validation import Problem, ValidationError
from ...store import Store, StoreError
from ...usecases.form_templates import (
    delete_form,
    edited_form_problems,
    form_library,
    is_filled_in,
    keys_ever_used,
    save_form,
)
from ..form_renderer import form_view
from ..form_renderer.table_view import TableFormView
from ..widgets import messages
from .field_list import FieldListEditor
from .paste_dialog import PasteTableDialog
from .table_rows import TableRowsEditor


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
        self._templates = form_library(self.store)
        with QSignalBlocker(self.template_list):
            self.template_list.clear()
            for t in self._templates:
                item = QListWidgetItem(f"{t.label}（第{t.version}版）")
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
            self._history_keys, self._history_rows = keys_ever_used(
                self.store, t.key if stored else None
            )
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

    def _show_version(self) -> None:
        if self.original is None:
            self.version_label.setText("新表，尚未保存")
            return
        t = self.original
        text = f"第{t.version}版"
        if is_filled_in(self.store, t):
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
            origin=self.original.origin if self.original is not None else "",
        )

    def problems(self) -> list[Problem]:
        """validate_template, plus what a new version may not change of a used one."""
        return edited_form_problems(self.store, self.draft(), self.original)

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
        view = form_view(t, preview=True)
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
            delete_form(self.store, t.key)
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
            saved = save_form(self.store, t)
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
