"""周报与总结: the weekly report of each weekly due date, the submission pack, the 工作总结."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.activities import (
    SUMMARY_ACTIVITIES,
    SUMMARY_DEFAULT_PHOTOS,
    WEEKLY_DEFAULT_PHOTOS,
)
from ...domain.campaign import Campaign
from ...domain.deadlines import format_due
from ...domain.reports import WeeklyReport
from ...store import Store, StoreError
from ...usecases.export_dates import ISSUED_ON, MADE_ON
from ...usecases.exports import writer_for
from ...usecases.reports import (
    mail_limit_mb,
    save_mail_limit_mb,
    save_summary_text,
    saved_summary_text,
    summary_draft,
    weekly_occurrences,
    weekly_pack,
    weekly_report,
)
from ..widgets import messages
from ..widgets.export_actions import ask_export_path, export_to
from ..widgets.export_date import ExportDateEdit
from ..widgets.print_preview import print_button
from ..widgets.table_models import RowTableModel
from ..workers import JobCancelled, Progress, run_with_progress

if TYPE_CHECKING:
    from .photo_picker import PhotoPickDialog


class WeekTableModel(RowTableModel):
    HEADERS = ("单位", "活动", "参与人次", "照片", "视频", "活动名称")

    def rows(self):
        return self.report.units if self.report else ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: WeeklyReport | None = None

    def set_report(self, report: WeeklyReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        unit = self.report.units[index.row()]
        c = unit.counts
        return (
            unit.unit_name,
            c.activities,
            c.participants,
            c.photos,
            c.videos,
            "；".join(a.title for a in unit.activities),
        )[index.column()]


class WeeklyTab(QWidget):
    def __init__(self, page: ReportsPage):
        super().__init__(page)
        self.page = page
        self.report: WeeklyReport | None = None
        self.week = QComboBox()
        self.week.setMinimumWidth(320)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = WeekTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.narrative = QPlainTextEdit()
        self.narrative.setMaximumHeight(120)
        self.silent = QLabel()
        self.silent.setObjectName("problems")
        self.silent.setWordWrap(True)
        self.limit = QSpinBox()
        self.limit.setRange(5, 2000)
        self.limit.setSuffix(" MB")
        self.pdf_button = QPushButton("导出 PDF…")
        self.xlsx_button = QPushButton("导出 Excel…")
        self.pack_button = QPushButton("生成报送包（zip）…")
        self.pick_button = QPushButton("选择图文照片…")
        self.pick_button.setToolTip("每项活动选2～4张照片、写照片说明，用于图文 PDF/Word")
        self.pick_button.clicked.connect(lambda: self.pick_photos())
        self.made_on = ExportDateEdit(MADE_ON, lambda: (page.store, page.campaign))
        top = QHBoxLayout()
        top.addWidget(QLabel("周次："))
        top.addWidget(self.week)
        top.addStretch(1)
        self.print_button = print_button(self)
        self.pictures_button = QPushButton("PDF…")
        self.pictures_button.setToolTip(
            "本周各活动及其选定的照片（每项2～4张，附说明），供上级要图文材料时报送"
        )
        self.pictures_button.clicked.connect(lambda: self.export_pictures("pdf"))
        self.pictures_docx_button = QPushButton("Word…")
        self.pictures_docx_button.setToolTip("同上，Word 文档，可再编辑")
        self.pictures_docx_button.clicked.connect(lambda: self.export_pictures("docx"))
        # Two rows of actions: one would not fit a 1366×768 laptop at 125 %.
        material = QHBoxLayout()
        material.addWidget(QLabel("图文材料："))
        material.addWidget(self.pick_button)
        material.addWidget(self.pictures_button)
        material.addWidget(self.pictures_docx_button)
        material.addStretch(1)
        material.addWidget(QLabel("邮件附件上限："))
        material.addWidget(self.limit)
        material.addWidget(self.pack_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for b in (self.made_on, self.print_button, self.pdf_button, self.xlsx_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.silent)
        layout.addWidget(QLabel("本周情况（可修改，导出时按此处文字）："))
        layout.addWidget(self.narrative)
        layout.addLayout(material)
        layout.addLayout(bottom)
        self.week.currentIndexChanged.connect(self.show_week)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pack_button.clicked.connect(self.make_pack)
        self.limit.editingFinished.connect(self._save_limit)

    def refresh(self) -> None:
        store, campaign = self.page.store, self.page.campaign
        self.limit.setValue(mail_limit_mb(store))
        current = self.week.currentData()
        self.week.blockSignals(True)
        self.week.clear()
        occurrences = weekly_occurrences(store, campaign) if campaign else []
        for o in occurrences:
            self.week.addItem(f"第{o.number}周（{format_due(o)}截止）", o)
        self.week.blockSignals(False)
        if not occurrences:
            self.report = None
            self.model.set_report(None)
            self.summary.setText(
                "本年度没有“每周”报送的节点。可在“报送节点”中添加，例如“每周三18:00前报送周活动开展情况”。"
            )
            self.silent.clear()
            self.narrative.clear()
            for b in self._week_buttons():
                b.setEnabled(False)
            return
        for b in self._week_buttons():
            b.setEnabled(True)
        now = datetime.now()
        index = next(
            (i for i, o in enumerate(occurrences) if current and o.key == current.key), None
        )
        if index is None:
            index = next(
                (i for i, o in enumerate(occurrences) if not o.is_past(now)), len(occurrences) - 1
            )
        self.week.setCurrentIndex(index)
        self.show_week()

    def _week_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.pdf_button,
            self.xlsx_button,
            self.pack_button,
            self.pick_button,
            self.pictures_button,
            self.pictures_docx_button,
        )

    def pick_photos(self) -> PhotoPickDialog | None:
        """选择图文照片 for the week's activities; the pick is remembered for the summary too."""
        from .photo_picker import PhotoPickDialog

        report = self.report
        if report is None:
            return None
        names = {u.unit_id: u.unit_name for u in report.units if u.unit_id is not None}
        activities = [a for u in report.units for a in u.activities]
        dialog = PhotoPickDialog(
            self.page.store,
            activities,
            names,
            WEEKLY_DEFAULT_PHOTOS,
            self,
            title=f"选择图文照片 — 第{report.number}周",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_week(self, *_args) -> None:
        occurrence = self.week.currentData()
        if occurrence is None:
            return
        self.report = weekly_report(self.page.store, self.page.campaign, occurrence)
        r = self.report
        t = r.totals
        first = f"{r.first_day.month}月{r.first_day.day}日" if r.first_day else "活动开始"
        self.summary.setText(
            f"统计时段：{first}至{r.last_day.month}月{r.last_day.day}日。共 {t.activities} 项活动，"
            f"参与 {t.participants} 人次，照片 {t.photos} 张，视频 {t.videos} 个。"
        )
        self.model.set_report(r)
        self.silent.setText(
            f"本周未报送活动的单位（{len(r.silent_units)}个）：{'、'.join(r.silent_units)}"
            if r.silent_units
            else ""
        )
        self.narrative.setPlainText(r.narrative)

    def current(self) -> WeeklyReport | None:
        if self.report is None:
            return None
        return self.report.with_narrative(self.narrative.toPlainText().strip())

    def export_pictures(self, fmt: str = "pdf") -> None:
        """The week's 图文 material: each activity with its photos, as PDF or Word."""
        from ...exports.picture_report import write_pictures_docx, write_pictures_pdf
        from ...exports.weekly_report import weekly_title
        from ...usecases.pictures import weekly_picture_sections

        report, campaign = self.current(), self.page.campaign
        if report is None or campaign is None:
            return
        title = weekly_title(campaign, report) + "（图文）"
        out = ask_export_path(self, "导出图文材料", f"{title}.{fmt}", fmt)
        if out is None:
            return
        sections = weekly_picture_sections(self.page.store, report)
        subtitle = f"统计时段：{report.period}"
        writer = write_pictures_pdf if fmt == "pdf" else write_pictures_docx
        export_to(self, out, lambda p: writer(title, subtitle, sections, p), "图文材料")

    def pdf_document(self) -> tuple[str, Callable[[Path], object]] | None:
        """What 打印 prints here: the week's report as its PDF export writes it."""
        from ...exports.weekly_report import write_weekly_pdf

        report, campaign, on = self.current(), self.page.campaign, self.made_on.value()
        if report is None or campaign is None:
            return None
        return (
            f"第{report.number}周活动情况",
            lambda p: write_weekly_pdf(campaign, report, p, generated_on=on),
        )

    def export(self, fmt: str) -> None:
        from ...exports.weekly_report import weekly_file_name

        report, campaign = self.current(), self.page.campaign
        if report is None:
            return
        out = ask_export_path(self, "导出周报", weekly_file_name(campaign, report, fmt), fmt)
        if out is None:
            return
        writer = writer_for("weekly", fmt)
        on = self.made_on.value()
        export_to(self, out, lambda p: writer(campaign, report, p, generated_on=on), "周报")

    def _save_limit(self) -> None:
        try:
            save_mail_limit_mb(self.page.store, self.limit.value())
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)

    def make_pack(self, *, out: Path | None = None) -> bool:
        from ...exports.pack import PackCancelledError, PackError, PackSummary
        from ...exports.weekly_report import weekly_file_name

        report, campaign = self.current(), self.page.campaign
        if report is None:
            return False
        if out is None:
            name = weekly_file_name(campaign, report, "pdf").removesuffix(".pdf") + "_报送包.zip"
            out = ask_export_path(self, "生成报送包", name, "zip")
            if out is None:
                return False
        store, limit = self.page.store, self.limit.value() * 1024 * 1024
        on = self.made_on.value()

        def work(progress: Progress) -> PackSummary:
            # Files only (the documents are drawn from the report read above, the media by
            # content address): no database on the worker thread.
            def tell(done: int, total: int) -> bool:
                try:
                    progress(done, total)
                except JobCancelled:
                    return False
                return True

            return weekly_pack(
                store, campaign, report, out, mail_limit_bytes=limit, progress=tell, today=on
            )

        try:
            _finished, summary = run_with_progress(self, "正在生成报送包…", work)
        except PackCancelledError:
            messages.info(self, "已取消", "已取消，没有生成文件。")
            return False
        except (PackError, OSError) as exc:
            messages.error(self, "生成失败", str(exc))
            return False
        if summary is None:
            return False
        size = f"{summary.size / 1024 / 1024:.1f} MB"
        text = f"已生成报送包：{out}\n共 {len(summary.files)} 个文件，{size}。"
        if summary.over_limit:
            text += f"\n超过邮件上限 {self.limit.value()} MB，请分开发送或改用网盘。"
        if summary.links_text:
            text += "\n\n以下请用网盘链接报送：\n" + summary.links_text
        messages.info(self, "报送包", text)
        return True


class SummaryTab(QWidget):
    def __init__(self, page: ReportsPage):
        super().__init__(page)
        self.page = page
        self.text = QPlainTextEdit()
        self.hint = QLabel(
            "按数据起草的工作总结，可直接修改（“一、”“（一）”开头的行为标题）。修改会自动保存；"
            "导出为公文格式 PDF（可直接打印盖章）或 Word 文档。"
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("pageHint")
        self.redraft_button = QPushButton("按最新数据重新起草")
        self.pdf_button = QPushButton("导出公文 PDF…")
        self.docx_button = QPushButton("导出 Word…")
        self.issued_on = ExportDateEdit(ISSUED_ON, lambda: (page.store, page.campaign))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = print_button(self)
        self.pick_button = QPushButton("选择图文照片…")
        self.pick_button.setToolTip("每项活动选2～4张照片、写照片说明，用于图文附件")
        self.pick_button.clicked.connect(lambda: self.pick_photos())
        self.pictures_button = QPushButton("PDF…")
        self.pictures_button.setToolTip(
            "选过照片的活动及其照片；其余带照片的活动（重要、特色在前）每项2张，共不超过12项"
        )
        self.pictures_button.clicked.connect(lambda: self.export_pictures("pdf"))
        self.pictures_docx_button = QPushButton("Word…")
        self.pictures_docx_button.clicked.connect(lambda: self.export_pictures("docx"))
        buttons.addWidget(self.issued_on)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.docx_button)
        # The 图文 appendix on a row of its own: one row would not fit a 1366×768 laptop.
        pictures = QHBoxLayout()
        pictures.addWidget(QLabel("图文附件："))
        pictures.addWidget(self.pick_button)
        pictures.addWidget(self.pictures_button)
        pictures.addWidget(self.pictures_docx_button)
        pictures.addStretch(1)
        pictures.addWidget(self.redraft_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(pictures)
        layout.addLayout(buttons)
        self.redraft_button.clicked.connect(self.redraft)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.docx_button.clicked.connect(lambda: self.export("docx"))
        self.text.textChanged.connect(self._changed)
        self._loading = False
        self.title = ""

    def refresh(self) -> None:
        campaign = self.page.campaign
        enabled = campaign is not None
        for w in (
            self.text,
            self.redraft_button,
            self.pdf_button,
            self.docx_button,
            self.print_button,
            self.pick_button,
            self.pictures_button,
            self.pictures_docx_button,
        ):
            w.setEnabled(enabled)
        if campaign is None:
            self.text.clear()
            return
        draft = summary_draft(self.page.store, campaign, datetime.now())
        self.title = draft.title
        saved = saved_summary_text(self.page.store, campaign)
        self._loading = True
        self.text.setPlainText(saved if saved is not None else draft.text())
        self._loading = False

    def redraft(self) -> None:
        if not messages.ask(self, "重新起草", "用最新数据重新起草？您对总结的修改将被替换。"):
            return
        draft = summary_draft(self.page.store, self.page.campaign, datetime.now())
        self.text.setPlainText(draft.text())

    def _changed(self) -> None:
        if self._loading or self.page.campaign is None:
            return
        try:
            save_summary_text(self.page.store, self.page.campaign, self.text.toPlainText())
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)

    def pick_photos(self) -> PhotoPickDialog | None:
        """选择图文照片 for every activity of the campaign with photos, important ones first."""
        from ...usecases.pictures import summary_photo_choices
        from .photo_picker import PhotoPickDialog

        campaign, store = self.page.campaign, self.page.store
        if campaign is None or campaign.id is None:
            return None
        activities, names = summary_photo_choices(store, campaign)
        dialog = PhotoPickDialog(
            store,
            activities,
            names,
            SUMMARY_DEFAULT_PHOTOS,
            self,
            title="选择图文照片 — 工作总结附件",
            summary_limit=SUMMARY_ACTIVITIES,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_pictures(self, fmt: str = "pdf") -> None:
        from ...exports.picture_report import write_pictures_docx, write_pictures_pdf
        from ...usecases.pictures import summary_picture_sections

        campaign = self.page.campaign
        if campaign is None:
            return
        title = f"{campaign.issuer_short}{campaign.year}年“安全生产月”活动图文材料"
        out = ask_export_path(self, "导出图文附件", f"{title}.{fmt}", fmt)
        if out is None:
            return
        sections = summary_picture_sections(self.page.store, campaign)
        writer = write_pictures_pdf if fmt == "pdf" else write_pictures_docx
        export_to(self, out, lambda p: writer(title, "", sections, p), "图文附件")

    def pdf_document(self) -> tuple[str, Callable[[Path], object]] | None:
        """What 打印 prints here: the summary as its 公文 PDF export writes it."""
        from ...exports.summary_report import write_summary_pdf

        campaign = self.page.campaign
        if campaign is None:
            return None
        text, title, on = self.text.toPlainText(), self.title, self.issued_on.value()
        return (
            "工作总结",
            lambda p: write_summary_pdf(
                campaign,
                title,
                text,
                p,
                issuer=campaign.issuer or campaign.issuer_short,
                date=on,
            ),
        )

    def export(self, fmt: str) -> None:
        from ...exports.summary_report import (
            summary_file_name,
        )

        campaign, on = self.page.campaign, self.issued_on.value()
        out = ask_export_path(self, "导出工作总结", summary_file_name(campaign, fmt, on), fmt)
        if out is None:
            return
        writer = writer_for("summary", fmt)
        text, title = self.text.toPlainText(), self.title
        export_to(
            self,
            out,
            lambda p: writer(
                campaign,
                title,
                text,
                p,
                issuer=campaign.issuer or campaign.issuer_short,
                date=on,
            ),
            "工作总结",
        )


class WorksTab(QWidget):
    """“五个一” works: every unit against the campaign's 分配表, shortfalls in plain words."""

    def __init__(self, page: ReportsPage):
        super().__init__(page)
        self.page = page
        self.register = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("pageHint")
        self.lines = QPlainTextEdit()
        self.lines.setReadOnly(True)
        self.pdf_button = QPushButton("导出作品报送情况 PDF…")
        self.xlsx_button = QPushButton("导出作品报送情况 Excel…")
        self.unit = QComboBox()
        self.unit.setMinimumWidth(220)
        self.submission_pdf = QPushButton("该单位报送表 PDF…")
        self.submission_xlsx = QPushButton("该单位报送表 Excel…")
        self.made_on = ExportDateEdit(MADE_ON, lambda: (page.store, page.campaign))
        # One unit's table on a row, the whole register on the next: one row would not fit a
        # 1366×768 laptop at 125 % (the window cannot be narrower than its widest page).
        unit_row = QHBoxLayout()
        unit_row.addWidget(QLabel("单位："))
        unit_row.addWidget(self.unit)
        unit_row.addWidget(self.submission_pdf)
        unit_row.addWidget(self.submission_xlsx)
        unit_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.made_on)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.lines, 1)
        layout.addLayout(unit_row)
        layout.addLayout(buttons)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.submission_pdf.clicked.connect(lambda: self.export_submission("pdf"))
        self.submission_xlsx.clicked.connect(lambda: self.export_submission("xlsx"))

    def refresh(self) -> None:
        from ...usecases.works import campaign_works_register, submission_units

        campaign = self.page.campaign
        self.register = campaign_works_register(self.page.store, campaign) if campaign else None
        enabled = self.register is not None
        for b in (
            self.pdf_button,
            self.xlsx_button,
            self.submission_pdf,
            self.submission_xlsx,
            self.unit,
        ):
            b.setEnabled(enabled)
        self.unit.clear()
        for unit_id, name in submission_units(self.page.store):
            self.unit.addItem(name, unit_id)
        if self.register is None:
            self.hint.setText(
                "本年度没有选用“五个一”作品分配表。可在“报表”页的“本年度使用的表…”中选用，"
                "然后在“活动记录”里把作品的照片、视频登记到对应的作品项目下。"
            )
            self.lines.clear()
            return
        r = self.register
        done = sum(1 for u in r.units if u.complete)
        self.hint.setText(
            f"共 {len(r.units)} 个单位，{done} 个已交齐；已收作品 {r.delivered_total} 件。"
            "作品在“活动记录”中登记：选择“作品项目”，附上照片（需配说明）、视频（需配简介）或网盘链接。"
        )
        shortfalls = r.shortfall_lines()
        self.lines.setPlainText(
            "\n".join(shortfalls) if shortfalls else "全部单位均已按分配表交齐作品。"
        )

    def pdf_document(self) -> tuple[str, Callable[[Path], object]] | None:
        from ...exports.works_report import write_works_register_pdf

        campaign, register, on = self.page.campaign, self.register, self.made_on.value()
        if campaign is None or register is None:
            return None
        return (
            "作品报送情况",
            lambda p: write_works_register_pdf(campaign, register, p, generated_on=on),
        )

    def export(self, fmt: str) -> None:
        from ...exports.works_report import (
            works_file_name,
        )

        campaign, register, on = self.page.campaign, self.register, self.made_on.value()
        if register is None:
            return
        out = ask_export_path(self, "导出作品报送情况", works_file_name(campaign, fmt, on), fmt)
        if out is None:
            return
        writer = writer_for("works", fmt)
        export_to(
            self,
            out,
            lambda p: writer(campaign, register, p, generated_on=on),
            "作品报送情况",
        )

    def export_submission(self, fmt: str, out: Path | None = None) -> bool:
        """One unit's 报送表 (seed 003 layout) from the activities it tagged as works."""
        from ...exports.works_report import (
            works_file_name,
        )
        from ...usecases.works import unit_submission

        campaign, unit_id = self.page.campaign, self.unit.currentData()
        found = unit_submission(self.page.store, campaign, unit_id) if unit_id else None
        if found is None:
            return False
        items, entries = found
        unit_name, on = self.unit.currentText(), self.made_on.value()
        if out is None:
            name = f"{unit_name}_" + works_file_name(campaign, fmt, on, "优秀作品案例报送表")
            out = ask_export_path(self, "导出报送表", name, fmt)
            if out is None:
                return False
        writer = writer_for("works-unit", fmt)
        return export_to(
            self,
            out,
            lambda p: writer(unit_name, items, entries, p, submitted_on=on),
            "报送表",
        )


class ReportsPage(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.campaign: Campaign | None = None
        title = QLabel("周报与总结")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.weekly = WeeklyTab(self)
        self.summary = SummaryTab(self)
        self.tabs.addTab(self.weekly, "周报")
        self.tabs.addTab(self.summary, "工作总结")
        self.works = WorksTab(self)
        self.tabs.addTab(self.works, "“五个一”作品")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def set_store(self, store: Store) -> None:
        self.store = store

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.refresh()

    def refresh(self) -> None:
        self.weekly.refresh()
        self.summary.refresh()
        self.works.refresh()
        for picker in (self.weekly.made_on, self.summary.issued_on, self.works.made_on):
            picker.reload()

    def pdf_document(self) -> tuple[str, Callable[[Path], object]] | None:
        """The current tab's document, for 文件 › 打印预览."""
        return self.tabs.currentWidget().pdf_document()
