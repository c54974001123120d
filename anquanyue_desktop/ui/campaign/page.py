"""活动年度 page: the campaign's year, 第N个, theme, period, issuer, document number, contact."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign, national_ordinal
from ...domain.validation import Problem, ValidationError
from ...store import Store, StoreError
from ...usecases.campaigns import (
    campaign_problems,
    delete_campaign,
    new_campaign_defaults,
    save_campaign,
)
from ..widgets import messages
from ..widgets.shortcuts import add_save_shortcut

_ERROR_STYLE = "border: 1px solid #c62828; background: #fff5f5;"


class CampaignPage(QWidget):
    """Edits one campaign; ``saved`` carries the stored campaign."""

    saved = Signal(object)
    deleted = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._campaign: Campaign | None = None
        self._loading = False
        self._dirty = False

        self.title = QLabel("活动年度")
        self.title.setObjectName("pageTitle")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(" 年")
        self.ordinal = QSpinBox()
        self.ordinal.setRange(0, 200)
        self.ordinal.setSpecialValueText("未填")
        self.ordinal.setPrefix("第 ")
        self.ordinal.setSuffix(" 个")
        self.year.setMaximumWidth(140)
        self.ordinal.setMaximumWidth(140)
        self.theme = QLineEdit()
        self.theme.setPlaceholderText("如：遵守安全生产法 当好第一责任人")
        self.period_start = QDateEdit()
        self.period_end = QDateEdit()
        for edit in (self.period_start, self.period_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy年M月d日")
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("如：荫城镇人民政府")
        self.document_number = QLineEdit()
        self.document_number.setPlaceholderText("如：荫政发〔2022〕12号")
        self.contact_person = QLineEdit()
        self.contact_phone = QLineEdit()
        self.contact_phone.setPlaceholderText("手机11位，或座机如 0355-6627527")
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)

        period = QHBoxLayout()
        period.addWidget(self.period_start)
        period.addWidget(QLabel("至"))
        period.addWidget(self.period_end)
        period.addStretch(1)

        form = QFormLayout()
        form.addRow("年度：", self.year)
        form.addRow("全国安全生产月：", self.ordinal)
        form.addRow("活动主题：", self.theme)
        form.addRow("活动时间：", period)
        form.addRow("发文单位：", self.issuer)
        form.addRow("文号：", self.document_number)
        form.addRow("联系人：", self.contact_person)
        form.addRow("联系电话：", self.contact_phone)
        form.addRow("备注：", self.notes)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        self.save_button = QPushButton("保存")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton("放弃修改")
        self.delete_button = QPushButton("删除此年度…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self._fields = {
            "year": self.year,
            "ordinal": self.ordinal,
            "theme": self.theme,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "period": self.period_end,
            "issuer": self.issuer,
            "document_number": self.document_number,
            "contact_person": self.contact_person,
            "contact_phone": self.contact_phone,
        }
        for w in (
            self.theme,
            self.issuer,
            self.document_number,
            self.contact_person,
            self.contact_phone,
        ):
            w.textChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        self.year.valueChanged.connect(self._year_changed)
        self.ordinal.valueChanged.connect(self._edited)
        self.period_start.dateChanged.connect(self._edited)
        self.period_end.dateChanged.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self.load(self._campaign))
        self.delete_button.clicked.connect(self.delete)
        add_save_shortcut(self, self.save)
        self.load(None)

    # -- loading ---------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def campaign(self) -> Campaign | None:
        return self._campaign

    def set_store(self, store: Store) -> None:
        self.store = store

    def load(self, campaign: Campaign | None) -> None:
        """Shows ``campaign``; None shows a new, unsaved one for the next year."""
        self._loading = True
        self._campaign = campaign
        c = campaign or self._new_campaign()
        self.title.setText(c.title if campaign else "新建活动年度")
        self.year.setValue(c.year)
        self.ordinal.setValue(c.ordinal or 0)
        self.theme.setText(c.theme)
        self.period_start.setDate(QDate(c.period_start or date(c.year, 6, 1)))
        self.period_end.setDate(QDate(c.period_end or date(c.year, 6, 30)))
        self.issuer.setText(c.issuer)
        self.document_number.setText(c.document_number)
        self.contact_person.setText(c.contact_person)
        self.contact_phone.setText(c.contact_phone)
        self.notes.setPlainText(c.notes)
        self.delete_button.setEnabled(campaign is not None)
        self._loading = False
        # An untouched new form is not an unsaved change; saving it is still allowed.
        self._set_dirty(False)
        self._show_problems(campaign_problems(self.store, self.current_value()))

    def _new_campaign(self) -> Campaign:
        return new_campaign_defaults(self.store, date.today())

    def current_value(self) -> Campaign:
        base = self._campaign or Campaign(year=self.year.value())
        return replace(
            base,
            year=self.year.value(),
            ordinal=self.ordinal.value() or None,
            theme=self.theme.text().strip(),
            period_start=self.period_start.date().toPython(),
            period_end=self.period_end.date().toPython(),
            issuer=self.issuer.text().strip(),
            document_number=self.document_number.text().strip(),
            contact_person=self.contact_person.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    # -- editing -------------------------------------------------------------------
    def _year_changed(self, year: int) -> None:
        if self._loading:
            return
        # Moving a new campaign to another year moves its default period and ordinal with it.
        if self._campaign is None:
            self._loading = True
            self.period_start.setDate(QDate(year, 6, 1))
            self.period_end.setDate(QDate(year, 6, 30))
            self.ordinal.setValue(national_ordinal(year) or 0)
            self._loading = False
        self._edited()

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self._show_problems(campaign_problems(self.store, self.current_value()))

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty or self._campaign is None)
        self.revert_button.setEnabled(dirty and self._campaign is not None)

    def _show_problems(self, problems: list[Problem]) -> None:
        for widget in set(self._fields.values()):
            widget.setStyleSheet("")
            widget.setToolTip("")
        for p in problems:
            widget = self._fields.get(p.field)
            if widget is not None:
                widget.setStyleSheet(_ERROR_STYLE)
                widget.setToolTip(p.message)
        self.problems_label.setText(messages.problems_text(problems))

    def save(self) -> bool:
        if not self._dirty and self._campaign is not None:
            return True
        try:
            stored = save_campaign(self.store, self.current_value())
        except ValidationError as exc:
            self._show_problems(list(exc.problems))
            messages.warn(self, "无法保存", "请先改正：\n" + messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)
            return False
        self.load(stored)
        self.saved.emit(stored)
        return True

    def delete(self) -> None:
        c = self._campaign
        if c is None:
            return
        if not messages.ask(
            self, "删除活动年度", f"确定删除“{c.title}”？此操作可通过恢复备份撤销。"
        ):
            return
        try:
            delete_campaign(self.store, c)
        except StoreError as exc:
            messages.error(self, "删除失败", exc.message)
            return
        self._campaign = None
        self._dirty = False
        self.deleted.emit()
