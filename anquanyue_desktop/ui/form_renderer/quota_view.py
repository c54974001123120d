"""A works quota (“五个一”分配表) shown as the table the units received."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.forms import (
    FormTemplate,
    describe_quota,
)


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
