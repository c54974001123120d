"""The pages of the main window: their labels, the placeholders that stand for them until they
are first needed, and how each is built and wired to the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtWidgets import QStyle, QWidget

from .dashboard.page import DashboardPage
from .session import ACTIVITIES, BOARD, FORMS, UNITS

if TYPE_CHECKING:
    from .main_window import MainWindow

P = TypeVar("P", bound=QWidget)


@dataclass
class PageSlot:
    """A place in the navigation: the placeholder in the stack until the page is built."""

    label: str
    placeholder: QWidget
    build: Callable[[], QWidget]
    page: QWidget | None = None


class Page(Generic[P]):
    """``window.grid_page`` and the like: the page, built on first use."""

    def __init__(self, key: str):
        self.key = key

    def __get__(self, window: MainWindow, owner: object = None) -> P:
        return cast(P, window.page(self.key))


# -- how each page is built and wired (the window's ``page(key)`` calls these) --------------


def build_dashboard(window: MainWindow) -> QWidget:
    page = DashboardPage(window.store)
    page.summary_source = window.session.summary
    page.open_occurrence.connect(window.open_occurrence)
    return page


def build_grid(window: MainWindow) -> QWidget:
    from .grid.page import GridPage

    page = GridPage(window.store)
    page.board_source = window.session.board
    page.submissions_written = window.session.submissions_recorded
    page.changed.connect(lambda: window.session.notify(BOARD, page, data_current=True))
    return page


def build_calendar(window: MainWindow) -> QWidget:
    from .calendar.page import CalendarPage

    page = CalendarPage(window.store)
    page.board_source = window.session.board
    page.open_occurrence.connect(window.open_occurrence)
    return page


def build_deadlines(window: MainWindow) -> QWidget:
    from .deadlines.page import DeadlinesPage

    page = DeadlinesPage(window.store)
    page.changed.connect(lambda: window.session.notify(BOARD, page))
    return page


def build_forms(window: MainWindow) -> QWidget:
    from .forms.page import FormsPage

    page = FormsPage(window.store)
    page.saved.connect(lambda: window.session.notify(FORMS, page))
    return page


def build_activities(window: MainWindow) -> QWidget:
    from .activities.page import ActivitiesPage

    page = ActivitiesPage(window.store)
    page.changed.connect(lambda: window.session.notify(ACTIVITIES, page))
    return page


def build_reports(window: MainWindow) -> QWidget:
    from .reports.page import ReportsPage

    return ReportsPage(window.store)


def build_campaign(window: MainWindow) -> QWidget:
    from .campaign.page import CampaignPage

    page = CampaignPage(window.store)
    page.saved.connect(window._campaign_saved)
    page.deleted.connect(window._campaign_deleted)
    return page


def build_units(window: MainWindow) -> QWidget:
    from .units.page import UnitsPage

    page = UnitsPage(window.store)
    page.saved.connect(lambda: window.session.notify(UNITS, page))
    return page


def build_backups(window: MainWindow) -> QWidget:
    from .backups.page import BackupsPage

    page = BackupsPage(window.store)
    page.restore_requested.connect(window.restore_from)
    page.backup_made.connect(window.update_status)
    page.settings_changed.connect(lambda: window.session.notify(BOARD))
    return page


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation, in its order: key, label, Qt's standard icon (no files to
    ship or licence), builder; ``shows_campaign``: the page has set_campaign() (活动年度 edits
    the campaign instead, through load(), and 备份与设置 shows none)."""

    key: str
    label: str
    icon: QStyle.StandardPixmap
    build: Callable[[MainWindow], QWidget]
    shows_campaign: bool = True


_SP = QStyle.StandardPixmap
PAGES = (
    PageSpec("dashboard", "工作台", _SP.SP_ComputerIcon, build_dashboard),
    PageSpec("grid", "报送情况", _SP.SP_DialogApplyButton, build_grid),
    PageSpec("calendar", "报送日历", _SP.SP_FileDialogDetailedView, build_calendar),
    PageSpec("deadlines", "报送节点", _SP.SP_FileDialogListView, build_deadlines),
    PageSpec("forms", "报表", _SP.SP_FileDialogContentsView, build_forms),
    PageSpec("activities", "活动记录", _SP.SP_MediaPlay, build_activities),
    PageSpec("reports", "周报与总结", _SP.SP_FileIcon, build_reports),
    PageSpec("campaign", "活动年度", _SP.SP_DirHomeIcon, build_campaign, shows_campaign=False),
    PageSpec("units", "下级单位", _SP.SP_DirIcon, build_units),
    PageSpec("backups", "备份与设置", _SP.SP_DriveHDIcon, build_backups, shows_campaign=False),
)
CAMPAIGN_PAGES = tuple(spec.key for spec in PAGES if spec.shows_campaign)
