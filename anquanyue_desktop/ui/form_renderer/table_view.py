"""A fill-in statistics table (活动情况统计表) drawn as the paper form, blanks in the sentences."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import (
    Field,
    FormTemplate,
    TableRow,
    table_rows,
)
from ...domain.validation import Problem
from .base import _FormView, _problem_label
from .sentence import BlankSentence, FlowLayout


class _Cell(QFrame):
    """One cell of the paper table, with its right and bottom border."""

    def __init__(self, header: bool = False):
        super().__init__()
        self.setObjectName("formCellHeader" if header else "formCell")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(6, 5, 6, 5)
        self.box.setSpacing(3)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)


_TABLE_STYLE = """
QFrame#formTable { border: solid #8a8a8a; border-width: 1px 0 0 1px; background: white; }
QFrame#formCell { border: solid #8a8a8a; border-width: 0 1px 1px 0; background: white; }
QFrame#formCellHeader { border: solid #8a8a8a; border-width: 0 1px 1px 0; background: #eef1f4; }
QLabel#requirement { color: #444; }
"""


def _wrapped(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if name:
        label.setObjectName(name)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class TableFormView(_FormView):
    """A table form as on paper: title, header fields, then 活动项目 | 内容要求 | 进展情况
    with the 进展情况 sentence holding small boxes in place of its blanks."""

    def __init__(
        self,
        template: FormTemplate,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
        show_title: bool = True,
    ):
        super().__init__(template, parent, read_only)
        self.sentences: dict[str, BlankSentence] = {}
        self._row_messages: dict[str, QLabel] = {}
        self._row_of: dict[str, str] = {}
        self._requirement_cells: list[QWidget] = []
        body = QWidget()
        body.setStyleSheet(_TABLE_STYLE)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        if show_title:
            title = QLabel(template.name)
            title.setWordWrap(True)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setStyleSheet("font-size: 14pt; font-weight: bold; margin: 4px 0 6px 0;")
            layout.addWidget(title)
        if template.header_fields:
            layout.addLayout(self._field_flow(template.header_fields))
        self.table = QFrame()
        self.table.setObjectName("formTable")
        self.grid = QGridLayout(self.table)
        self.grid.setSpacing(0)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._build_table()
        layout.addWidget(self.table)
        if template.footer_fields:
            layout.addLayout(self._field_flow(template.footer_fields))
        if template.note:
            note = _wrapped(template.note, "pageHint")
            note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            layout.addWidget(note)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self._finish()

    def _field_flow(self, fields: Iterable[Field]) -> FlowLayout:
        flow = FlowLayout(h_spacing=18)
        for f in fields:
            pair = QWidget()
            h = QHBoxLayout(pair)
            h.setContentsMargins(0, 0, 0, 0)
            h.setSpacing(4)
            label = QLabel(f"{f.label}：")
            w = self._new_widget(f, compact=False)
            if f.type != "number":
                w.setFixedWidth(QFontMetrics(w.font()).horizontalAdvance("汉") * 9 + 16)
            label.setBuddy(w)
            h.addWidget(label)
            h.addWidget(w)
            flow.addWidget(pair)
        return flow

    def _build_table(self) -> None:
        t = self.template
        columns = list(t.columns) if len(t.columns) == 3 else ["活动项目", "内容要求", "进展情况"]
        for c, name in enumerate(columns):
            cell = _Cell(header=True)
            label = QLabel(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("font-weight: bold;")
            cell.box.addWidget(label)
            self.grid.addWidget(cell, 0, c)
            if c == 1:
                self._requirement_cells.append(cell)
        r = 1
        for section in t.sections:
            if section.title:
                cell = _Cell(header=True)
                cell.box.addWidget(_wrapped(section.title))
                self.grid.addWidget(cell, r, 0, 1, 3)
                r += 1
            rows = list(section.rows)
            i = 0
            while i < len(rows):
                span = 1
                while i + span < len(rows) and not rows[i + span].item.strip():
                    span += 1
                item_cell = _Cell()
                item_cell.box.addWidget(_wrapped(rows[i].item))
                item_cell.box.addStretch(1)
                self.grid.addWidget(item_cell, r, 0, span, 1)
                for k in range(span):
                    self._add_row(rows[i + k], r + k)
                r += span
                i += span
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 4)
        self.grid.setColumnStretch(2, 7)

    def _add_row(self, row: TableRow, r: int) -> None:
        requirement = _Cell()
        requirement.box.addWidget(_wrapped(row.requirement, "requirement"))
        requirement.box.addStretch(1)
        self.grid.addWidget(requirement, r, 1)
        self._requirement_cells.append(requirement)
        progress = _Cell()
        runs: list[str | QWidget] = []
        for run in row.progress:
            if isinstance(run, Field):
                w = self._new_widget(run, compact=True)
                self._row_of[run.key] = row.key
                runs.append(w)
            else:
                runs.append(run)
        sentence = BlankSentence(runs)
        sentence.setObjectName(f"sentence_{row.key}")
        self.sentences[row.key] = sentence
        progress.box.addWidget(sentence)
        message = _problem_label()
        message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._row_messages[row.key] = message
        progress.box.addWidget(message)
        progress.box.addStretch(1)
        self.grid.addWidget(progress, r, 2)

    def show_requirements(self, show: bool) -> None:
        """The 内容要求 column is long; hiding it leaves room for the sentences."""
        for cell in self._requirement_cells:
            cell.setVisible(show)
        self.grid.setColumnStretch(1, 4 if show else 0)

    def rows(self) -> tuple[TableRow, ...]:
        return table_rows(self.template)

    def _show_problems(self, problems: list[Problem]) -> None:
        by_row: dict[str, list[str]] = {}
        for w in self._order:
            if w.problem and w.field.key in self._row_of:
                by_row.setdefault(self._row_of[w.field.key], []).append(w.problem)
        for key, label in self._row_messages.items():
            lines = by_row.get(key, [])
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))
