"""本级汇总: the township's sum of the units' statistics tables, with who has not reported."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.form_entries import (
    Aggregate,
    FormEntry,
    aggregate,
    aggregate_as_entry,
)
from ...domain.forms import (
    Field,
    FormTemplate,
    body_fields,
)
from ..form_renderer.table_view import TableFormView


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
