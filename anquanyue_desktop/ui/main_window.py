"""The main window: navigation, the campaign (year) selector, the status bar."""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..domain.campaign import Campaign
from ..domain.validation import ValidationError
from ..store import DatabaseDamaged, Store, StoreError
from ..store.backups import backups_dir_for, latest_backup, restore
from ..usecases.shipped_forms import ensure_shipped_forms
from .pages import CAMPAIGN_PAGES, PAGES, Page, PageSlot
from .reminders import ReminderService
from .session import ACTIVITIES, BOARD, FORMS, UNITS, CampaignSession, PageUpdates
from .widgets import messages
from .workers import call_later

if TYPE_CHECKING:
    from ..usecases.receipts import Receipts
    from .activities.page import ActivitiesPage
    from .app import StartChecks
    from .backups.page import BackupsPage
    from .calendar.page import CalendarPage
    from .campaign.page import CampaignPage
    from .dashboard.page import DashboardPage
    from .deadlines.page import DeadlinesPage
    from .forms.page import FormsPage
    from .grid.page import GridPage
    from .reports.page import ReportsPage
    from .units.page import UnitsPage

SETTING_CURRENT_YEAR = "ui.current_campaign_year"
SETTING_FIRST_START_DONE = "ui.first_start_done"

STYLE = """
QLabel#pageTitle { font-size: 18pt; font-weight: bold; margin: 4px 0 8px 0; }
QLabel#pageHint { color: #555; }
QLabel#problems { color: #b71c1c; }
QListWidget#nav { font-size: 12pt; border: none; background: #f3f5f7; }
QListWidget#nav::item { padding: 9px 6px; }
QListWidget#nav::item:selected { background: #1565c0; color: white; }
QLabel#sectionTitle { font-weight: bold; margin-top: 6px; }
QFrame#banner { background: #fff3e0; border: 1px solid #ffb74d; border-radius: 3px; }
"""


class MainWindow(QMainWindow):
    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.session = CampaignSession(store, self)
        self.setWindowTitle(APP_NAME)
        # The form library is never empty: the built-in forms, new ones of an update too. When
        # another program is writing, they come with the next campaign made instead.
        with contextlib.suppress(StoreError):
            ensure_shipped_forms(store)
        self.resize(1100, 720)
        self.setStyleSheet(STYLE)

        # Pages: each is built the first time it is shown or used, so that the window opens
        # with its first page only (the others' modules and data cost a second at start).
        self._slots: dict[str, PageSlot] = {
            spec.key: PageSlot(spec.label, QWidget(), partial(spec.build, self)) for spec in PAGES
        }
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(140)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for spec, slot in zip(PAGES, self._slots.values(), strict=True):
            item = QListWidgetItem(slot.label)
            item.setIcon(self.style().standardIcon(spec.icon))
            self.nav.addItem(item)
            self.stack.addWidget(slot.placeholder)
        self.nav.currentRowChanged.connect(self._open_page)
        # Ctrl+1 … Ctrl+9 go to the first nine pages, as listed.
        for number, slot in enumerate(list(self._slots.values())[:9], start=1):
            self.nav.item(number - 1).setToolTip(f"{slot.label}（Ctrl+{number}）")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.nav.setCurrentRow(row))
        # A page off screen updates when it is next shown, once, whatever changed meanwhile.
        self.updates = PageUpdates(lambda page: self.stack.currentWidget() is page, self)
        self.stack.currentChanged.connect(self._page_shown)

        # The banner carries reminders inside the window (there may be no system tray).
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        close_banner = QToolButton()
        close_banner.setText("×")
        close_banner.setToolTip("关闭提醒")
        close_banner.clicked.connect(self.banner.hide)
        # Receipts the program wrote (a form saved, an activity logged) can be taken back here.
        self.undo_receipts_button = QPushButton("撤销登记")
        self.undo_receipts_button.setToolTip("把刚才自动登记为“已报”的报送改回去")
        self.undo_receipts_button.clicked.connect(self.undo_last_receipts)
        self.undo_receipts_button.hide()
        self._last_receipts: Receipts | None = None
        self._banner_text = ""  # what the banner says besides the receipts
        # What the banner says belongs to the campaign it was said for (see _show_campaign).
        self._banner_campaign_id: int | None = None
        self._reminded = False  # the start reminders were given: a switch gives them anew
        # Set when the checks behind the window found the file damaged (writes are refused).
        self._damage_found: DatabaseDamaged | None = None
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 4, 4)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.undo_receipts_button, 0, Qt.AlignmentFlag.AlignTop)
        banner_layout.addWidget(close_banner, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 6, 0, 0)
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.reminders = ReminderService(store, self.windowIcon(), self)
        self.reminders.banner.connect(self.show_banner)
        self.reminders.summary_source = self.session.summary

        # Campaign selector
        self.campaign_combo = QComboBox()
        self.campaign_combo.setMinimumWidth(260)
        self.new_campaign_button = QPushButton("新建年度")
        toolbar = QToolBar("活动年度")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(16, 16))
        toolbar.addWidget(QLabel(" 当前活动年度："))
        toolbar.addWidget(self.campaign_combo)
        toolbar.addWidget(self.new_campaign_button)
        self.read_notice_button = QPushButton("读取上级通知…")
        self.read_notice_button.setToolTip(
            "粘贴或打开上级的通知，自动读出主题、时间和各报送节点，核对后建立"
        )
        toolbar.addWidget(self.read_notice_button)
        self.addToolBar(toolbar)

        # Status bar
        self.db_status = QLabel()
        self.backup_status = QLabel()
        self.statusBar().addWidget(self.db_status, 1)
        self.statusBar().addPermanentWidget(self.backup_status)

        self._build_menu()
        self.campaign_combo.activated.connect(self._campaign_chosen)
        self.new_campaign_button.clicked.connect(self.new_campaign)
        self.read_notice_button.clicked.connect(self.read_notice)
        self.session.changed.connect(self._changed)

        self.reload_campaigns(self._remembered_year())
        self.nav.setCurrentRow(0)
        self.update_status()

    # -- pages, built when first needed ------------------------------------------------
    dashboard_page: Page[DashboardPage] = Page("dashboard")
    grid_page: Page[GridPage] = Page("grid")
    calendar_page: Page[CalendarPage] = Page("calendar")
    deadlines_page: Page[DeadlinesPage] = Page("deadlines")
    forms_page: Page[FormsPage] = Page("forms")
    activities_page: Page[ActivitiesPage] = Page("activities")
    reports_page: Page[ReportsPage] = Page("reports")
    campaign_page: Page[CampaignPage] = Page("campaign")
    units_page: Page[UnitsPage] = Page("units")
    backups_page: Page[BackupsPage] = Page("backups")

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it was not yet: in place of its placeholder in the
        stack, wired, showing the current campaign."""
        slot = self._slots[key]
        if slot.page is None:
            page = slot.build()
            slot.page = page
            index = self.stack.indexOf(slot.placeholder)
            current = self.stack.currentIndex()
            self.stack.blockSignals(True)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(slot.placeholder)
            self.stack.setCurrentIndex(current)
            self.stack.blockSignals(False)
            slot.placeholder.deleteLater()
            campaign = self.current_campaign()
            if key == "campaign":
                cast("CampaignPage", page).load(campaign)
            elif key in CAMPAIGN_PAGES:
                cast(Any, page).set_campaign(campaign)
        return slot.page

    def built(self, key: str) -> QWidget | None:
        """The page ``key`` if it was built, else None (it will show fresh data when built)."""
        return self._slots[key].page

    def _built_pages(self, keys) -> list[QWidget]:
        return [page for key in keys if (page := self._slots[key].page) is not None]

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        print_preview = QAction("打印预览…", self)
        print_preview.setShortcut(QKeySequence.StandardKey.Print)
        print_preview.triggered.connect(lambda: self.print_page())
        print_direct = QAction("打印…", self)
        print_direct.setShortcut(QKeySequence("Ctrl+Shift+P"))
        print_direct.triggered.connect(lambda: self.print_page(direct=True))
        self.print_actions = (print_preview, print_direct)
        export_pdf = QAction("导出单位名册 PDF…", self)
        export_pdf.triggered.connect(lambda: self.page_ready(self.units_page).export_roster("pdf"))
        export_xlsx = QAction("导出单位名册 Excel…", self)
        export_xlsx.triggered.connect(
            lambda: self.page_ready(self.units_page).export_roster("xlsx")
        )
        export_ics = QAction("导出报送日历（.ics）…", self)
        export_ics.triggered.connect(lambda: self.page_ready(self.deadlines_page).export_ics())
        form_editor = QAction("表样管理…", self)
        form_editor.triggered.connect(lambda: self.page_ready(self.forms_page).open_editor())
        read_notice = QAction("读取上级通知…", self)
        read_notice.triggered.connect(self.read_notice)
        export_all = QAction("导出全部数据（换电脑用）…", self)
        export_all.triggered.connect(lambda: self.export_all_data())
        import_all = QAction("导入全部数据…", self)
        import_all.triggered.connect(lambda: self.import_all_data())
        demo = QAction("创建示例活动", self)
        demo.triggered.connect(self.create_demo)
        quit_action = QAction("退出", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        # Routed to the page on screen (its undo()/redo(); see ui/widgets/undo.py). A text box
        # with the focus keeps Ctrl+Z for its own typing, as everywhere.
        undo_action = QAction("撤销", self)
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        undo_action.triggered.connect(lambda: self.undo_on_page())
        redo_action = QAction("重做", self)
        redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        redo_action.triggered.connect(lambda: self.redo_on_page())
        self.undo_actions = (undo_action, redo_action)
        find_action = QAction("查找单位或活动（Ctrl+F）", self)
        find_action.triggered.connect(self.find_on_page)
        edit_menu.addAction(undo_action)
        edit_menu.addAction(redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(find_action)
        edit_menu.aboutToShow.connect(self._show_undo_state)
        # Shortcuts of a disabled action do nothing: enabled again once the menu is closed.
        edit_menu.aboutToHide.connect(lambda: [a.setEnabled(True) for a in self.undo_actions])
        for action in (
            read_notice,
            None,
            export_pdf,
            export_xlsx,
            export_ics,
            None,
            print_preview,
            print_direct,
            None,
            export_all,
            import_all,
            None,
            demo,
            None,
            quit_action,
        ):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        # Held here: some PySide6 releases hand out a wrapper from QAction.menu() that is
        # already deleted, so whoever needs a menu (tests, later actions) takes it from here.
        self.menus = {"文件": file_menu, "编辑": edit_menu, "帮助": help_menu}
        guide = QAction("使用说明", self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.open_user_guide)
        help_menu.addAction(guide)
        about = QAction("关于与许可", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- campaigns ---------------------------------------------------------------
    def _remembered_year(self) -> int | None:
        value = self.store.settings.get(SETTING_CURRENT_YEAR)
        return int(value) if value and value.isdigit() else None

    def current_campaign(self) -> Campaign | None:
        return self.campaign_combo.currentData()

    def reload_campaigns(self, select_year: int | None = None) -> None:
        campaigns = self.store.campaigns.list()
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for c in campaigns:
            self.campaign_combo.addItem(c.title, c)
        index = next((i for i, c in enumerate(campaigns) if c.year == select_year), 0)
        if campaigns:
            self.campaign_combo.setCurrentIndex(index)
        self.campaign_combo.blockSignals(False)
        self._show_campaign(self.current_campaign())

    def campaign_pages(self) -> list[QWidget]:
        """Pages built so far that show one campaign: each has set_campaign()."""
        return self._built_pages(CAMPAIGN_PAGES)

    def _show_campaign(self, campaign: Campaign | None) -> None:
        if (campaign_page := self.built("campaign")) is not None:
            cast("CampaignPage", campaign_page).load(campaign)
        self.session.set_campaign(campaign)
        for page in self.campaign_pages():
            if page is self.built("units"):
                cast(Any, page).set_campaign(campaign)  # only remembers it: no reading
            else:
                self.updates.request(
                    page, partial(cast(Any, page).set_campaign, campaign), switch=True
                )
        self.reminders.set_campaign(campaign)
        shown_id = campaign.id if campaign is not None else None
        if shown_id != self._banner_campaign_id:
            self._banner_campaign_id = shown_id
            self._renew_banner()
        if campaign is not None:
            self._remember(campaign.year)
        self.setWindowTitle(campaign.title if campaign else APP_NAME)

    def _remember(self, year: int) -> None:
        try:
            if self.store.settings.get(SETTING_CURRENT_YEAR) != str(year):
                self.store.settings.set(SETTING_CURRENT_YEAR, str(year))
        except StoreError:
            pass  # Only a preference: never worth an error message.

    def _campaign_chosen(self, index: int) -> None:
        if not self._settle_campaign_page():
            # Put the selector back on the campaign still being edited.
            shown = self.campaign_page.campaign  # built: it held unsaved edits
            for i in range(self.campaign_combo.count()):
                if shown and self.campaign_combo.itemData(i).id == shown.id:
                    self.campaign_combo.setCurrentIndex(i)
            return
        self._show_campaign(self.campaign_combo.itemData(index))

    def _settle_campaign_page(self) -> bool:
        """Unsaved edits of the campaign or its forms are saved, dropped or kept, as the
        clerk says, before another campaign is shown."""
        for label, key in (("活动年度", "campaign"), ("报表", "forms")):
            page = cast(Any, self.built(key))
            if page is None or not page.dirty:
                continue
            answer = messages.ask_save_discard_cancel(self, label)
            if answer == "cancel" or (answer == "save" and not page.save()):
                return False
        return True

    def new_campaign(self) -> bool:
        """Blank, from a notice template or from an earlier year; then shown for review."""
        if not self._settle_campaign_page():
            return False
        from .campaign.new_campaign_dialog import NewCampaignDialog

        dialog = NewCampaignDialog(self.store, self)
        if dialog.exec() != NewCampaignDialog.DialogCode.Accepted:
            return False
        try:
            from ..usecases.campaigns import create_campaign

            campaign = create_campaign(
                self.store, dialog.result_campaign, dialog.result_deadlines, dialog.result_forms
            )
        except ValidationError as exc:
            messages.warn(self, "无法建立", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "无法建立", exc.message)
            return False
        self.reload_campaigns(campaign.year)
        self.show_page(self.campaign_page)
        self.campaign_page.theme.setFocus()
        self.statusBar().showMessage(f"已建立 {campaign.title}，请核对主题、文号和报送节点。", 8000)
        return True

    def read_notice(self) -> bool:
        """Paste or open a notice, review the draft, and create it in one action."""
        from .campaign.notice_review import NoticeInputDialog, NoticeReviewDialog

        if not self._settle_campaign_page():
            return False
        source = NoticeInputDialog(self)
        if source.exec() != NoticeInputDialog.DialogCode.Accepted:
            return False
        review = NoticeReviewDialog(
            self.store, source.text.toPlainText(), self, ocr=source.recognised()
        )
        if review.exec() != NoticeReviewDialog.DialogCode.Accepted or review.created is None:
            return False
        self.reload_campaigns(review.created.year)
        self.show_page(self.deadlines_page)
        self.statusBar().showMessage(f"已按通知建立 {review.created.title}", 8000)
        return True

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def readers_of(self, what: str) -> list[QWidget]:
        """The pages built so far that show what changed (one built later reads it then)."""
        board = ("dashboard", "grid", "calendar", "deadlines")
        keys: tuple[str, ...] = {
            BOARD: (*board, "reports"),
            UNITS: (*board, "forms", "activities", "reports"),
            FORMS: (*board, "reports"),
            ACTIVITIES: ("reports",),
        }.get(what, ())
        return self._built_pages(keys)

    def _changed(self, what: str, source: object) -> None:
        """One change, one update per page that shows it; the page that made the change has
        updated itself already."""
        for page in self.readers_of(what):
            if page is not source:
                self.updates.request(page, page.refresh)
        if (
            what == BOARD
            and not self.banner.isHidden()
            and not self.undo_receipts_button.isHidden()
        ):
            self._render_banner()  # receipts taken back by 编辑 › 撤销: no 撤销登记 left

    def refresh_boards(self) -> None:
        self.session.notify(BOARD)

    def page_ready(self, page: QWidget) -> QWidget:
        """``page`` with any update it owes done, for use while it is off screen."""
        self.updates.shown(page)
        return page

    def _open_page(self, index: int) -> None:
        # What the page owes is done before it shows: its own show-time refresh then finds
        # the campaign it will show, not the one it showed last.
        if 0 <= index < len(self._slots):
            self.updates.shown(self.page(list(self._slots)[index]))
        self.stack.setCurrentIndex(index)

    def _page_shown(self, index: int) -> None:
        self.updates.shown(self.stack.widget(index))

    def open_occurrence(self, deadline_id: int, key: str) -> None:
        self.show_page(self.grid_page)
        self.grid_page.show_occurrence(deadline_id, key)

    def find_on_page(self) -> bool:
        """编辑 › 查找: the find box of the page on screen (Ctrl+F there does the same)."""
        page = self.stack.currentWidget()
        box = getattr(page, "find", None) or getattr(page, "search", None)
        panel = getattr(page, "panel", None)
        box = box or getattr(panel, "find", None)
        if box is None:
            self.statusBar().showMessage("本页没有查找框。", 3000)
            return False
        box.setFocus()
        box.selectAll()
        return True

    def _undo_page(self) -> Any:
        page = self.stack.currentWidget()
        return page if callable(getattr(page, "can_undo", None)) else None

    def _show_undo_state(self) -> None:
        page = self._undo_page()
        undo_action, redo_action = self.undo_actions
        undo_action.setEnabled(page is not None and page.can_undo())
        redo_action.setEnabled(page is not None and page.can_redo())
        # What will be undone, as the page names it: 撤销：删除单位.
        texts = getattr(page, "undo_texts", None)
        undo_text, redo_text = texts() if callable(texts) else ("", "")
        undo_action.setText(f"撤销：{undo_text}" if undo_text else "撤销")
        redo_action.setText(f"重做：{redo_text}" if redo_text else "重做")

    def undo_on_page(self) -> bool:
        """编辑 › 撤销 (Ctrl+Z): the last edit on the page on screen."""
        page = self._undo_page()
        if page is None or not page.undo():
            self.statusBar().showMessage("本页没有可撤销的操作。", 3000)
            return False
        return True

    def redo_on_page(self) -> bool:
        """编辑 › 重做 (Ctrl+Y)."""
        page = self._undo_page()
        if page is None or not page.can_redo():
            self.statusBar().showMessage("本页没有可重做的操作。", 3000)
            return False
        return page.redo()  # False: refused, and the page said why

    def print_page(self, *, direct: bool = False) -> bool:
        """文件 › 打印预览 / 打印…: the PDF the page on screen exports (the current report,
        form or roster), previewed exactly as exported."""
        from .widgets.print_preview import print_current

        page = self.stack.currentWidget()
        if page is self.built("reports"):
            return print_current(page, direct=direct)
        if page is self.built("units"):
            units = self.units_page
            return print_current(page, lambda: units.export_roster("pdf"), direct=direct)
        if page is self.built("forms"):
            panel = self.forms_page.panel
            export = getattr(panel, "export", None)
            return print_current(page, lambda: export("pdf") if export else None, direct=direct)
        messages.info(
            self,
            "打印",
            "本页没有要打印的文档。可以打印：报表（联络员名册、统计表）、周报与总结、"
            "下级单位名册，以及报送情况中的催报名单。",
        )
        return False

    def show_banner(self, text: str) -> None:
        """Says ``text`` in the banner; 撤销登记 of the last receipts stays offered below it
        while they can be taken back (see :meth:`_render_banner`)."""
        self._banner_text = text
        self._render_banner()

    def _undoable_receipts(self) -> Receipts | None:
        """The last receipts, as far as 撤销登记 would still take them back with the campaign
        now shown: none of another campaign's, none once undone (编辑 › 撤销 too)."""
        campaign = self.current_campaign()
        if self._last_receipts is None or campaign is None or campaign.id is None:
            return None
        from ..usecases.receipts import undoable_receipts

        try:
            return undoable_receipts(self.store, self._last_receipts, campaign.id) or None
        except StoreError:
            return None  # unreadable now: offer nothing rather than fail the banner

    def _render_banner(self) -> None:
        receipts = self._undoable_receipts()
        parts = [p for p in (self._banner_text, receipts.text() if receipts else "") if p]
        self.banner_label.setText("\n".join(parts))
        self.undo_receipts_button.setVisible(receipts is not None)
        self.banner.setVisible(bool(parts))

    def show_receipts(self, receipts: Receipts) -> None:
        """What a save marked received, said in the banner with 撤销登记; the boards reload."""
        self._last_receipts = receipts
        self.show_banner("")
        self.refresh_boards()

    def undo_last_receipts(self) -> None:
        receipts = self._undoable_receipts()
        self._last_receipts = None
        if receipts is None:
            self._render_banner()
            return
        from ..usecases.receipts import undo_receipts

        try:
            cleared = undo_receipts(self.store, receipts)
        except StoreError as exc:
            messages.error(self, "无法撤销", exc.message)
            return
        self.show_banner(f"已撤销自动登记 {cleared} 项。")
        self.refresh_boards()

    def show_start_reminders(self) -> None:
        self._reminded = True
        summary = self.reminders.summary_at_start()
        if summary:
            self.show_banner(summary)

    def _renew_banner(self) -> None:
        """Another campaign shown: the last one's reminders go from the banner (once the start
        reminders were given, the campaign now shown has its own), and 撤销登记 is offered
        for the last receipts only where they belong: hidden for another campaign, offered
        again on coming back to theirs while they can still be taken back."""
        self._banner_text = (self.reminders.summary_at_start() or "") if self._reminded else ""
        self._render_banner()

    def _campaign_saved(self, campaign: Campaign) -> None:
        self.reload_campaigns(campaign.year)
        self.statusBar().showMessage(f"已保存 {campaign.title}", 4000)

    def _campaign_deleted(self) -> None:
        self.reload_campaigns()

    def create_demo(self) -> bool:
        from ..usecases.demo import install_demo

        try:
            campaign = install_demo(self.store)
        except ValidationError as exc:
            messages.warn(self, "无法创建示例", messages.problems_text(exc.problems))
            return False
        except StoreError as exc:
            messages.error(self, "无法创建示例", exc.message)
            return False
        if (units := self.built("units")) is not None:
            cast("UnitsPage", units).reload()
        self.reload_campaigns(campaign.year)
        return True

    def offer_demo_on_first_start(self) -> None:
        if self.store.settings.get(SETTING_FIRST_START_DONE):
            self.show_start_reminders()
            return
        if not self.store.campaigns.list() and self.store.units.count() == 0:
            question = (
                "欢迎使用“安全生产月”！\n\n是否创建一个示例活动（荫城镇2022年安全生产月，"
                "含12个示例单位），先熟悉一下？\n示例数据都标有“示例”，可以随时删除。"
            )
            if messages.ask(self, "欢迎", question, default_yes=True):
                self.create_demo()
            else:
                self.new_campaign()
        self.show_start_reminders()
        try:
            self.store.settings.set(SETTING_FIRST_START_DONE, "1")
        except StoreError as exc:
            # Another program holds the file for writing: the window still opens; asked again.
            self.statusBar().showMessage(exc.message, 10000)

    # -- status, backups -------------------------------------------------------------
    def update_status(self) -> None:
        self.db_status.setText(f"数据文件：{self.store.path}")
        latest = latest_backup(backups_dir_for(self.store.path))
        self.backup_status.setText(f"最近备份：{latest.label}" if latest else "最近备份：无")

    def start_checks_done(
        self, store: Store, checks: StartChecks | None, error: BaseException | None
    ) -> None:
        """The checks behind the window ended (called on the UI thread)."""
        # Not after quitting (the store is closed, the status bar gone), nor for data that a
        # restore has replaced meanwhile.
        if store is not self.store or store.closed:
            return
        if error is not None or checks is None:
            self.note_backup_warning(str(error))
        elif checks.damage is not None:
            self.data_found_damaged(checks.damage)
        else:
            self.note_backup_warning(checks.warning)

    def data_found_damaged(self, damage: DatabaseDamaged) -> None:
        """The file was found damaged after the window opened. The store refuses every write
        already; the clerk gets the offer of the door: restore an intact backup, or the
        program ends (nothing she typed can be saved into the damaged file)."""
        self._damage_found = damage
        self.statusBar().showMessage(damage.message)
        if QApplication.activeModalWidget() is not None:
            # A dialog is open (its save is refused with the same message): the offer comes
            # when it has closed, not under it.
            call_later(self, 500, lambda: self._offer_again(damage))
            return
        from .backups.damaged import choose_backup, restored_text

        info = choose_backup(self.store.path, damage, self)
        if info is None:
            self.close()  # without asking to save: nothing can be
            return

        def run(path: Path) -> tuple[str, Path | None]:
            result = restore(info.path, path)
            return restored_text(info, result.media_note), result.kept

        if self._replace_data(run, "恢复失败", "已恢复", kept_label="损坏的数据"):
            self.statusBar().clearMessage()  # the damage message: no longer true

    def _offer_again(self, damage: DatabaseDamaged) -> None:
        if self._damage_found is damage:  # not restored meanwhile (from 备份与设置)
            self.data_found_damaged(damage)

    def note_backup_warning(self, warning: str | None) -> None:
        if (backups := self.built("backups")) is not None:
            cast("BackupsPage", backups).refresh()
        self.update_status()
        if warning:
            self.statusBar().showMessage(f"启动时自动备份失败：{warning}")

    def restore_from(self, backup: Path) -> bool:
        """Closes the store, restores, reopens; every page then shows the restored data."""

        def run(path: Path) -> tuple[str, Path | None]:
            result = restore(backup, path)
            return f"已从备份恢复数据。{result.media_note}", result.kept

        return self._replace_data(run, "恢复失败", "已恢复", kept_label="恢复前的数据")

    def export_all_data(self, out: Path | None = None) -> bool:
        """导出全部数据: the database with every photo and video in one file, for a new PC."""
        from ..store.transfer import default_archive_name, export_all

        if out is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "导出全部数据", str(Path.home() / default_archive_name()), "压缩包 (*.zip)"
            )
            if not name:
                return False
            out = Path(name)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_all(self.store.path, out)
        except StoreError as exc:
            messages.error(self, "导出失败", exc.message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        messages.info(
            self,
            "已导出全部数据",
            f"已导出数据和 {result.media_files} 个照片视频：\n{result.path}\n"
            "在新电脑上安装本程序后，用“文件 → 导入全部数据”打开这个文件。",
        )
        return True

    def import_all_data(self, archive: Path | None = None) -> bool:
        """导入全部数据: replaces the data with an archive's; the current data is kept aside."""
        from ..store.transfer import import_all

        if archive is None:
            name, _ = QFileDialog.getOpenFileName(self, "导入全部数据", "", "压缩包 (*.zip)")
            if not name:
                return False
            archive = Path(name)
        question = (
            f"用“{archive.name}”中的数据替换当前的全部数据？\n"
            "当前数据会另存到备份文件夹，可以随时恢复回来。"
        )
        if not messages.ask(self, "导入全部数据", question):
            return False

        def run(path: Path) -> tuple[str, Path | None]:
            result = import_all(archive, path)
            return f"已导入全部数据：{result.summary.counts_text}。", result.kept

        return self._replace_data(run, "导入失败", "已导入")

    def _replace_data(
        self, run, failed_title: str, done_title: str, kept_label: str = "原来的数据"
    ) -> bool:
        """Closes the store, replaces the database with ``run(path)``, reopens."""
        path = self.store.path
        self.store.close()
        try:
            text, kept = run(path)
        except StoreError as exc:
            messages.error(self, failed_title, exc.message)
            kept = None
            ok = False
        else:
            ok = True
        try:
            self.store = Store(path, can_print=self.store.can_print)
            self._damage_found = None
        except StoreError as exc:
            messages.error(self, "无法打开数据文件", exc.message)
            self.close()
            return False
        self.session.set_store(self.store)
        for page in self._built_pages(self._slots):
            cast(Any, page).set_store(self.store)
        self.reminders.set_store(self.store)
        if (units := self.built("units")) is not None:
            cast("UnitsPage", units).reload()
        self._last_receipts = None  # written into the data that was replaced
        self._banner_campaign_id = -1  # other data: even the same year's banner is renewed
        self.reload_campaigns(self._remembered_year())
        self.update_status()
        if ok:
            note = f"\n{kept_label}已另存为：{kept.name}" if kept else ""
            messages.info(self, done_title, f"{text}{note}")
        return ok

    # -- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._damage_found is not None:
            event.accept()  # a damaged file takes no save: there is nothing to ask
            return
        for label, key in (("活动年度", "campaign"), ("下级单位", "units"), ("报表", "forms")):
            page = cast(Any, self.built(key))
            if page is None or not page.dirty:
                continue
            answer = messages.ask_save_discard_cancel(self, label)
            if answer == "cancel" or (answer == "save" and not page.save()):
                event.ignore()
                return
        event.accept()

    def _about(self) -> None:
        # Loaded on demand: the guide is drawn with reportlab, which need not load at start.
        from .help.dialogs import AboutDialog

        AboutDialog(self.store.path, self).exec()

    def open_user_guide(self) -> None:
        from .help.dialogs import open_user_guide

        open_user_guide(self.store.path.parent / "cache", self)


__all__ = ["MainWindow"]
