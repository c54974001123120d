"""Reminders: at start, what is due within 3 days and overdue; while running, a notice a
configurable time before each due moment (system tray where there is one, else a banner)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from ..domain.board import OccurrenceLike, S, due_soon, overdue
from ..domain.campaign import Campaign
from ..domain.deadlines import format_due
from ..store import Store
from ..usecases.board import SummarySource, load_board_summary
from ..usecases.reminders import reminder_lead_minutes

START_DAYS = 3


def startup_summary(states: list[OccurrenceLike], now: datetime) -> str | None:
    """One sentence for the banner at start, or None when nothing is due soon or late."""
    soon = due_soon(states, now, START_DAYS)
    late = overdue(states, now)
    parts = []
    if soon:
        first = soon[0].occurrence
        parts.append(
            f"{START_DAYS}天内有 {len(soon)} 项截止（最近：{first.label}，{format_due(first)}）"
        )
    if late:
        owed = sum(s.owed for s in late)
        parts.append(f"已逾期 {len(late)} 项、{owed} 个单位次未报")
    return "；".join(parts) + "。" if parts else None


def upcoming_notices(states: list[S], now: datetime, lead: timedelta) -> list[S]:
    """Occurrences still owed whose due moment is within ``lead`` from now."""
    return [s for s in states if s.owed and now < s.occurrence.due <= now + lead]


class ReminderService(QObject):
    """Checks once a minute. Each occurrence is announced once per run of the program."""

    banner = Signal(str)

    def __init__(self, store: Store, icon: QIcon | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        # The window passes its session's shared counts; alone, the service counts its own.
        self.summary_source: SummarySource = load_board_summary
        self.campaign: Campaign | None = None
        self.clock: Callable[[], datetime] = datetime.now
        self._announced: set[tuple[int, str]] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.check)
        self.tray: QSystemTrayIcon | None = None
        if icon is not None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("安全生产月")
            self.tray.show()

    @property
    def lead(self) -> timedelta:
        return timedelta(minutes=reminder_lead_minutes(self.store))

    def set_store(self, store: Store) -> None:
        self.store = store

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign

    def start(self) -> None:
        self.timer.start()

    def check(self) -> list[str]:
        """Announces what falls due within the lead time; returns the texts announced."""
        if self.campaign is None:
            return []
        now = self.clock()
        states = self.summary_source(self.store, self.campaign, now).states
        texts = []
        for s in upcoming_notices(states, now, self.lead):
            key = (s.occurrence.deadline.id, s.occurrence.key)
            if key in self._announced:
                continue
            self._announced.add(key)
            minutes = int((s.occurrence.due - now).total_seconds() // 60)
            owed = "本级尚未上报" if s.is_own else f"还有 {s.owed} 个单位未报"
            texts.append(
                f"“{s.occurrence.label}”将于 {format_due(s.occurrence)} 截止（约{minutes}分钟后），{owed}。"
            )
        for text in texts:
            if self.tray is not None and self.tray.supportsMessages():
                self.tray.showMessage(
                    "报送提醒", text, QSystemTrayIcon.MessageIcon.Information, 15_000
                )
            self.banner.emit(text)
        return texts

    def summary_at_start(self) -> str | None:
        if self.campaign is None:
            return None
        now = self.clock()
        return startup_summary(self.summary_source(self.store, self.campaign, now).states, now)
