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
from pathlib import Path

from PySide6.QtCore import (
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign
from ...domain.form_entries import (
    ROLE_NAMES,
    FormEntry,
)
from ...domain.forms import (
    KINDS,
    FormTemplate,
)
from ...domain.units import Unit
from ...domain.validation import ValidationError
from ...store import Store, StoreError
from ...usecases.form_templates import choose_forms, chosen_forms, form_versions, latest_form
from ...usecases.units import active_units, units_in_use_or_with
from ..form_renderer.quota_view import QuotaPanel
from ..widgets import messages
from ..widgets.combo import ElidingComboBox
from ..widgets.export_actions import documents_dir
from ..widgets.shortcuts import add_save_shortcut
from ..workers import run_with_progress
from .choose_forms_dialog import ChooseFormsDialog
from .sheet_panel import SheetPanel
from .unit_panel import UnitFormPanel


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
        # Labels are the upstream forms' full titles: long, cut with … and said in the tooltip.
        self.form_combo = ElidingComboBox()
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

    # -- 编辑 › 撤销/重做: the edits of the form on screen, not yet saved ----------------
    def _panel_call(self, name: str) -> bool:
        method = getattr(self.panel, name, None)
        return bool(method()) if callable(method) else False

    def undo(self) -> bool:
        return self._panel_call("undo")

    def redo(self) -> bool:
        return self._panel_call("redo")

    def can_undo(self) -> bool:
        return self._panel_call("can_undo")

    def can_redo(self) -> bool:
        return self._panel_call("can_redo")

    def undo_texts(self) -> tuple[str, str]:
        texts = getattr(self.panel, "undo_texts", None)
        return texts() if callable(texts) else ("", "")

    def refresh(self) -> None:
        """Reads the campaign's forms and the entries again (unsaved edits are kept)."""
        if self.dirty:
            return
        self._chosen = []
        if self.campaign is not None and self.campaign.id is not None:
            self._chosen = chosen_forms(self.store, self.campaign)
        current = (self.template.key, self.role) if self.template else None
        with QSignalBlocker(self.form_combo):
            self.form_combo.clear()
            for key, role in self._chosen:
                t = latest_form(self.store, key)
                if t is None:
                    continue
                self.form_combo.addItem(f"{ROLE_NAMES.get(role, role)}：{t.label}", (key, role))
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
        return units_in_use_or_with(self.store, entries)

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
        template = latest_form(self.store, key)
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
        used = len(form_versions(self.store, key))
        version = f"第{template.version}版" + ("（另有旧版数据）" if used > 1 else "")
        self.info.setText(f"{template.label}　{KINDS.get(template.kind, '')}　{version}")

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
            choose_forms(self.store, self.campaign, dialog.chosen())
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self._drop_panel()
        self.refresh()
        return True

    def open_editor(self) -> None:
        from ..form_editor.dialog import FormEditorDialog

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
                self, "选择保存空白填报表的文件夹（每个单位一个文件）", str(documents_dir())
            )
        if not folder:
            return []
        from ...exports.fonts import MissingGlyphError
        from ...exports.form_workbook import write_blank_workbooks
        from ...store.errors import translate

        names = [u.name for u in active_units(self.store)]
        target = folder
        try:
            finished, paths = run_with_progress(
                self,
                f"正在生成 {len(names)} 个空白填报表…",
                lambda progress: write_blank_workbooks(
                    t, campaign, names, target, progress=progress
                ),
            )
        except (OSError, MissingGlyphError) as exc:
            err = translate(exc, Path(folder)) if isinstance(exc, OSError) else None
            messages.error(
                self,
                "生成失败",
                f"无法在 {folder} 生成空白填报表：{err.message if err else exc}\n"
                "如果某个文件正在 Excel/WPS 中打开，请先关闭它。",
            )
            return []
        if not finished or paths is None:
            return []  # cancelled: the files already written were removed
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
                str(documents_dir()),
                "Excel 工作簿 (*.xlsx);;所有文件 (*)",
            )
        if not paths or not self._settle():
            return False
        from ...usecases.form_imports import (
            EMPTY_TEXT,
            REFUSED_TITLE,
            match_batch,
            plan_import,
            save_workbooks,
        )

        plan = plan_import(self.store, self.campaign, self.template.key)
        files = [Path(p) for p in paths]
        finished, result = run_with_progress(
            self, f"正在读取 {len(files)} 个工作簿…", lambda progress: plan.read(files, progress)
        )
        if not finished or result is None:
            return False
        checked = match_batch(self.store, plan, result)
        if checked.refused:
            messages.warn(self, REFUSED_TITLE, checked.refusal_text())
            return False
        if checked.empty:
            messages.info(self, REFUSED_TITLE, EMPTY_TEXT)
            return False
        if checked.replaces and not messages.ask(
            self, "覆盖已填内容", checked.replace_question(), default_yes=True
        ):
            return False
        try:
            receipts = save_workbooks(self.store, checked)
        except ValidationError as exc:
            messages.warn(self, REFUSED_TITLE, messages.problems_text(exc.problems, limit=40))
            return False
        except StoreError as exc:
            messages.error(self, "导入失败", exc.message)
            return False
        if self.panel is not None and hasattr(self.panel, "reload"):
            self.panel.reload()
        messages.info(
            self, "已导入", "\n".join(filter(None, (checked.done_text(), receipts.text())))
        )
        self.saved.emit()
        return True
