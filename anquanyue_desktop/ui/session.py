"""The campaign the window shows, shared by the pages, and the notices of what changed.

Pages subscribe to what they show; after a change each page on screen updates once, a page off
screen when it is next shown (see :class:`PageUpdates`). The board's data (deadlines,
submissions, units, liaisons) is read once per change and shared: a campaign switch or a mark
in the grid never makes every page read the whole campaign again. The 工作台 and the reminders
need only its counts (:meth:`CampaignSession.summary`), which the store counts: the window
opens without reading the campaign's records at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..domain.board import SubmissionKey
from ..domain.campaign import Campaign
from ..domain.submissions import Submission
from ..store import Store
from ..usecases.board import (
    BoardData,
    BoardSummary,
    CampaignBoard,
    board_from,
    load_board_data,
    load_board_summary,
)
from .workers import call_later

# What changed, as told by the page that changed it.
BOARD = "board"  # deadlines, submissions, reminder settings
UNITS = "units"
FORMS = "forms"
ACTIVITIES = "activities"
CAMPAIGN = "campaign"


class CampaignSession(QObject):
    """One per window. ``changed(what, source)``: ``what`` is one of the names above."""

    campaign_changed = Signal(object)
    changed = Signal(str, object)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.campaign: Campaign | None = None
        self._data: BoardData | None = None
        self._last: CampaignBoard | None = None
        self._summary: BoardSummary | None = None
        # Once a page has asked for the whole board (报送情况, 报送日历), a campaign switch
        # reads it again just after the switch is on screen: the clerk who uses those pages
        # finds them ready, one who stays on the 工作台 never waits for it.
        self._board_used = False

    def set_store(self, store: Store) -> None:
        self.store = store
        self._drop()

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self._drop()
        self.campaign_changed.emit(campaign)
        if self._board_used and campaign is not None:
            call_later(self, 0, self._read_ahead)

    def _read_ahead(self) -> None:
        campaign = self.campaign
        if campaign is not None and campaign.id is not None and self._data is None:
            self._data = load_board_data(self.store, campaign)
            # The states too, for this minute: a page asking at its own clock's minute
            # (the same, outside tests) finds them made.
            self._last = board_from(self._data, datetime.now().replace(microsecond=0))

    def notify(self, what: str, source: object = None, *, data_current: bool = False) -> None:
        """Tells the pages; ``data_current`` when the writer already put its change into the
        shared data (:meth:`submissions_recorded`), so nothing needs reading again."""
        if what in (BOARD, UNITS, FORMS, CAMPAIGN) and not data_current:
            self._drop()
        self.changed.emit(what, source)

    def _drop(self) -> None:
        self._data = None
        self._last = None
        self._summary = None

    def board(self, store: Store, campaign: Campaign, now: datetime) -> CampaignBoard:
        """The board at ``now``; the data read once until the next change, the states computed
        once a minute (the pages' clocks tick by the minute)."""
        if campaign.id != (self.campaign.id if self.campaign else None) or store is not self.store:
            return board_from(load_board_data(store, campaign), now)
        self._board_used = True
        if self._last is not None and _minute(self._last.now) == _minute(now):
            return self._last
        if self._data is None:
            self._data = load_board_data(store, campaign)
        self._last = board_from(self._data, now)
        return self._last

    def summary(self, store: Store, campaign: Campaign, now: datetime) -> BoardSummary:
        """The board's counts at ``now`` (the 工作台, the reminders): counted by the store,
        without reading the campaign's records; once a minute until the next change."""
        if campaign.id != (self.campaign.id if self.campaign else None) or store is not self.store:
            return load_board_summary(store, campaign, now)
        if self._summary is None or _minute(self._summary.now) != _minute(now):
            self._summary = load_board_summary(store, campaign, now)
        return self._summary

    def submissions_recorded(self, written: Iterable[Submission]) -> None:
        """Puts what a page just wrote into the shared data instead of reading it all again;
        only the states of the deadlines written to are computed again."""
        written = list(written)
        self._summary = None  # counted again when asked: a few queries
        if self._data is None:
            return
        subs: dict[SubmissionKey, Submission] = dict(self._data.submissions)
        for s in written:
            key: SubmissionKey = (s.deadline_id, s.occurrence_key, s.unit_id)
            if s.received_at is None and not s.exempt and not s.note.strip():
                subs.pop(key, None)
            else:
                subs[key] = s
        self._data = self._data.with_submissions(subs)
        if self._last is not None:
            self._last = self._last.with_recorded(subs, {s.deadline_id for s in written})


def _minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


class PageUpdates(QObject):
    """Calls a page's update when it is on screen, or once when it is next shown.

    Several changes while a page is off screen end in one update; a campaign switch replaces
    any smaller update still owed."""

    def __init__(self, is_shown: Callable[[QWidget], bool], parent: QObject | None = None):
        super().__init__(parent)
        self._is_shown = is_shown
        self._owed: dict[QWidget, Callable[[], None]] = {}
        self._switch: dict[QWidget, bool] = {}

    def request(self, page: QWidget, update: Callable[[], None], *, switch: bool = False) -> None:
        if self._is_shown(page):
            self._owed.pop(page, None)
            self._switch.pop(page, None)
            update()
            return
        if self._switch.get(page) and not switch:
            return  # the owed campaign switch reloads everything anyway
        self._owed[page] = update
        self._switch[page] = switch or self._switch.get(page, False)

    def shown(self, page: QWidget) -> None:
        update = self._owed.pop(page, None)
        self._switch.pop(page, None)
        if update is not None:
            update()

    def owed(self, page: QWidget) -> bool:
        return page in self._owed

    def flush(self) -> None:
        """Every owed update now (before a page is used off screen, e.g. by a dialog)."""
        owed, self._owed = self._owed, {}
        self._switch.clear()
        for update in owed.values():
            update()


__all__ = [
    "ACTIVITIES",
    "BOARD",
    "CAMPAIGN",
    "FORMS",
    "UNITS",
    "CampaignSession",
    "PageUpdates",
]
