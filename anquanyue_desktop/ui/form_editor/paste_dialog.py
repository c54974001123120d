"""Reads a statistics table from text pasted from Word/WPS or from the upper level's xlsx."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ...domain.blank_parser import (
    parse_table_text,
)
from ...domain.forms import (
    FormTemplate,
    table_rows,
)
from ...domain.validation import Problem
from .field_list import table_text_from_xlsx


class PasteTableDialog(QDialog):
    """A statistics table from text copied out of Word/WPS, or from the upstream xlsx."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("从文字或 Excel 新建统计表")
        self.resize(760, 520)
        self.template: FormTemplate | None = None
        self.problems: list[Problem] = []
        hint = QLabel(
            "把上级发来的统计表整张复制（Word/WPS 中选中表格，Ctrl+C），粘贴到下面，点“读取”。"
            "表头须有“活动项目、内容要求、进展情况”（或 完成情况 等）；进展情况里的（）是填空。"
        )
        hint.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText("表名（不填则取表格上方的标题）")
        self.text = QPlainTextEdit()
        self.read_button = QPushButton("读取")
        self.xlsx_button = QPushButton("从 Excel 文件读取…")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("用这张表")
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.read_button)
        row.addWidget(self.xlsx_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.name)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.read_button.clicked.connect(self.read)
        self.xlsx_button.clicked.connect(self.read_xlsx)

    def read(self, key: str = "statistics") -> FormTemplate | None:
        text = self.text.toPlainText()
        if not text.strip():
            self.result_label.setText("请先粘贴表格文字。")
            return None
        key = key if isinstance(key, str) else "statistics"
        template, problems = parse_table_text(text, key=key, name=self.name.text().strip())
        self.problems = problems
        rows = table_rows(template)
        blanks = sum(len(r.fields) for r in rows)
        if not rows:
            self.template = None
            self.ok_button.setEnabled(False)
            lines = ["没有读到表格的行。请确认复制了含“活动项目、内容要求、进展情况”表头的整张表。"]
        else:
            self.template = template
            self.ok_button.setEnabled(True)
            lines = [f"读到 {len(rows)} 行、{blanks} 个填空：{template.name or '（无标题）'}"]
        lines += [p.message for p in problems[:8]]
        self.result_label.setText("\n".join(lines))
        return self.template

    def read_xlsx(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择上级发来的统计表", "", "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return
        try:
            text = table_text_from_xlsx(path)
        except ValueError as exc:
            self.result_label.setText(str(exc))
            return
        self.text.setPlainText(text)
        self.read()
