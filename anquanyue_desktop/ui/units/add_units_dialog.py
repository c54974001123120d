"""批量添加单位: from pasted text (one name per line) or from a column of an xlsx file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.units import Unit, names_from_text, new_units_from_names

if TYPE_CHECKING:
    from ...imports.unit_names import WorkbookColumns


class AddUnitsDialog(QDialog):
    """Collects names; ``names()`` holds them after accept. Nothing is written here."""

    def __init__(self, existing: list[Unit], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("批量添加单位")
        self.resize(640, 480)
        self._existing = existing
        self._workbook: WorkbookColumns | None = None
        self._xlsx_names: list[str] = []

        self.tabs = QTabWidget()
        # Paste tab
        paste = QWidget()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "每行一个单位名称，可直接从 Word、WPS 或 Excel 复制粘贴。\n例如：\n荫城村\n东村\n北关社区"
        )
        lay = QVBoxLayout(paste)
        lay.addWidget(QLabel("粘贴单位名称（每行一个）："))
        lay.addWidget(self.text)
        self.tabs.addTab(paste, "粘贴名称")
        # Workbook tab
        book = QWidget()
        self.choose_button = QPushButton("选择 Excel 文件（.xlsx）…")
        self.file_label = QLabel("尚未选择文件")
        self.file_label.setWordWrap(True)
        self.column_combo = QComboBox()
        self.column_combo.setEnabled(False)
        self.xlsx_error = QLabel()
        self.xlsx_error.setStyleSheet("color: #b71c1c")
        self.xlsx_error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        lay = QVBoxLayout(book)
        lay.addLayout(row)
        lay.addWidget(QLabel("单位名称所在的列："))
        lay.addWidget(self.column_combo)
        lay.addWidget(self.xlsx_error)
        lay.addStretch(1)
        self.tabs.addTab(book, "从 Excel 导入")

        self.summary = QLabel()
        self.preview = QListWidget()
        self.preview.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")

        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(self.summary)
        outer.addWidget(self.preview)
        outer.addWidget(self.buttons)

        self.text.textChanged.connect(self._update)
        self.tabs.currentChanged.connect(self._update)
        self.choose_button.clicked.connect(self._choose_file)
        self.column_combo.currentIndexChanged.connect(self._column_chosen)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def candidate_names(self) -> list[str]:
        if self.tabs.currentIndex() == 0:
            return names_from_text(self.text.toPlainText())
        return list(self._xlsx_names)

    def names(self) -> list[str]:
        """The names that will be added (duplicates of existing units left out)."""
        added, _ = new_units_from_names(self.candidate_names(), self._existing)
        return [u.name for u in added]

    def _update(self) -> None:
        added, skipped = new_units_from_names(self.candidate_names(), self._existing)
        text = f"将添加 {len(added)} 个单位"
        if skipped:
            text += f"，{len(skipped)} 个与已有单位重名将跳过（{'、'.join(skipped[:5])}{'…' if len(skipped) > 5 else ''}）"
        self.summary.setText(text)
        self.preview.clear()
        for u in added[:200]:
            self.preview.addItem(f"{u.name}    〔{u.kind}〕")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(added))

    def load_workbook(self, path: Path) -> None:
        # openpyxl loads only when a workbook is chosen, not at start-up.
        from ...imports.unit_names import WorkbookProblem, inspect_workbook

        self.xlsx_error.clear()
        self._xlsx_names = []
        self.column_combo.blockSignals(True)
        self.column_combo.clear()
        self.column_combo.setEnabled(False)
        try:
            self._workbook = inspect_workbook(path)
        except WorkbookProblem as exc:
            self._workbook = None
            self.file_label.setText(path.name)
            self.xlsx_error.setText(str(exc))
            self.column_combo.blockSignals(False)
            self._update()
            return
        self.file_label.setText(str(path))
        multi = len(self._workbook.sheets()) > 1
        for col in self._workbook.columns:
            sample = "、".join(col.samples[:3])
            label = f"{col.sheet} · {col.label}" if multi else col.label
            self.column_combo.addItem(f"{label}：{sample}", col)
        suggested = self._workbook.suggested
        if suggested is not None:
            self.column_combo.setCurrentIndex(self._workbook.columns.index(suggested))
        self.column_combo.setEnabled(True)
        self.column_combo.blockSignals(False)
        self._column_chosen()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择单位名册", "", "Excel 工作簿 (*.xlsx);;所有文件 (*)"
        )
        if path:
            self.load_workbook(Path(path))

    def _column_chosen(self) -> None:
        from ...imports.unit_names import WorkbookProblem, read_names

        col = self.column_combo.currentData(Qt.ItemDataRole.UserRole)
        self.xlsx_error.clear()
        if self._workbook is None or col is None:
            self._xlsx_names = []
        else:
            try:
                self._xlsx_names = read_names(self._workbook.path, col.sheet, col.index)
            except WorkbookProblem as exc:
                self._xlsx_names = []
                self.xlsx_error.setText(str(exc))
            if not self._xlsx_names and not self.xlsx_error.text():
                self.xlsx_error.setText(f"“{col.sheet}”工作表的{col.letter}列没有可用的单位名称。")
        self._update()
