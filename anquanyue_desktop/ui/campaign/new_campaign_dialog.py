"""新建活动年度: blank, from a notice template, or carried over from an earlier year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign, default_new_year
from ...domain.campaign_templates import TEMPLATES
from ...domain.deadlines import Deadline, format_due, occurrences
from ...store import Store
from ...usecases.campaigns import (
    CampaignDraft,
    all_campaigns,
    blank_draft,
    carry_over_sources,
    draft_from_previous,
    draft_from_template,
)


class NewCampaignDialog(QDialog):
    """After accept: ``result_campaign`` and ``result_deadlines`` (the ones left ticked)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("新建活动年度")
        self.resize(640, 560)
        self.store = store
        self._previous = carry_over_sources(store)
        taken = {c.year for c in all_campaigns(store)}
        default_year = default_new_year(date.today(), taken)
        self._taken = taken

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year)
        self.year.setSuffix(" 年")
        self.blank = QRadioButton("空白（自己填写报送节点）")
        self.from_template = QRadioButton("按通知模板：")
        self.from_previous = QRadioButton("沿用往年：单位、报送节点照搬，日期顺延到新年度")
        self.group = QButtonGroup(self)
        for b in (self.blank, self.from_template, self.from_previous):
            self.group.addButton(b)
        self.template_combo = QComboBox()
        for t in TEMPLATES:
            self.template_combo.addItem(t.name, t)
        self.previous_combo = QComboBox()
        for c in self._previous:
            self.previous_combo.addItem(c.title, c)
        self.from_previous.setEnabled(bool(self._previous))
        (self.from_previous if self._previous else self.from_template).setChecked(True)

        self.items = QListWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("pageHint")
        self.problem = QLabel()
        self.problem.setObjectName("problems")

        form = QFormLayout()
        form.addRow("年度：", self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("从哪里开始："))
        layout.addWidget(self.blank)
        layout.addWidget(self.from_template)
        layout.addWidget(self.template_combo)
        layout.addWidget(self.from_previous)
        layout.addWidget(self.previous_combo)
        layout.addWidget(QLabel("将建立的报送节点（可取消勾选，建立后也可随时修改）："))
        layout.addWidget(self.items, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("建立")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        layout.addWidget(self.buttons)

        self.year.valueChanged.connect(self._update)
        self.group.buttonToggled.connect(self._update)
        self.template_combo.currentIndexChanged.connect(self._update)
        self.previous_combo.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._deadlines: list[Deadline] = []
        self._forms: list[tuple[str, str]] = []
        self._campaign: Campaign | None = None
        self._update()

    def _draft(self) -> CampaignDraft:
        year = self.year.value()
        if self.from_template.isChecked():
            return draft_from_template(self.template_combo.currentData().key, year)
        if self.from_previous.isChecked() and self.previous_combo.currentData() is not None:
            return draft_from_previous(self.store, self.previous_combo.currentData(), year)
        return blank_draft(year)

    def _update(self, *_args) -> None:
        self.template_combo.setEnabled(self.from_template.isChecked())
        self.previous_combo.setEnabled(self.from_previous.isChecked())
        draft = self._draft()
        self._campaign, self._deadlines = draft.campaign, list(draft.deadlines)
        self._forms = list(draft.forms)
        source = draft.source
        self.items.clear()
        for d in self._deadlines:
            occ = occurrences(d)
            when = d.rule.describe() if len(occ) != 1 else format_due(occ[0])
            item = QListWidgetItem(f"{d.title}　{when}")
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(d.materials)
            self.items.addItem(item)
        self.summary.setText(source)
        taken = self.year.value() in self._taken
        self.problem.setText(
            f"{self.year.value()}年的活动已经存在，请换一个年度。" if taken else ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not taken)

    @property
    def result_campaign(self) -> Campaign:
        assert self._campaign is not None
        return self._campaign

    @property
    def result_forms(self) -> list[tuple[str, str]]:
        """(template key, role) of the forms the new campaign uses."""
        return list(self._forms)

    @property
    def result_deadlines(self) -> list[Deadline]:
        return [
            d
            for i, d in enumerate(self._deadlines)
            if self.items.item(i).checkState() == Qt.CheckState.Checked
        ]
