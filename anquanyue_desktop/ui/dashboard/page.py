"""工作台: what is due today, in the next 3 days, and what is overdue. Opens first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from ...domain.board import due_on_day, due_soon, overdue
from ...domain.campaign import Campaign, chinese_date
from ...domain.deadlines import ASAP, WEEKDAY_NAMES
from ...domain.submissions import STATUSES, Tally, percent
from ...domain.workdays import WorkCalendar
from ...store import Store
from ...usecases.board import BoardSummary, SummarySource, load_board_summary
from ..widgets.board_views import OVERDUE_COLOR, SOON_COLOR, fill_list

SOON_DAYS = 3


class DashboardPage(QWidget):
    """``open_occurrence`` carries (deadline id, occurrence key) when a line is double-clicked."""

    open_occurrence = Signal(int, str)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        # The window passes its session's shared counts; alone, the page counts its own.
        self.summary_source: SummarySource = load_board_summary
        self.campaign: Campaign | None = None
        self.clock: Callable[[], datetime] = datetime.now
        self.summary: BoardSummary | None = None

        self.title = QLabel("工作台")
        self.title.setObjectName("pageTitle")
        self.today_label = QLabel()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("pageHint")
        self.warning = QLabel()
        self.warning.setObjectName("problems")
        self.warning.setWordWrap(True)
        self.today_list = QListWidget()
        self.soon_list = QListWidget()
        self.overdue_list = QListWidget()
        self.standing = QLabel()
        self.standing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.today_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.warning)
        for label, widget, stretch in (
            ("今天截止", self.today_list, 1),
            (f"未来{SOON_DAYS}天截止", self.soon_list, 1),
            ("已逾期（仍有单位未报）", self.overdue_list, 2),
        ):
            heading = QLabel(label)
            heading.setObjectName("sectionTitle")
            layout.addWidget(heading)
            layout.addWidget(widget, stretch)
            widget.itemDoubleClicked.connect(self._open)
            widget.itemActivated.connect(self._open)
        layout.addWidget(self.standing)

    def set_store(self, store: Store) -> None:
        self.store = store

    def set_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        self.refresh()

    def refresh(self) -> None:
        now = self.clock()
        today = now.date()
        self.today_label.setText(f"今天：{chinese_date(today)}（{WEEKDAY_NAMES[today.weekday()]}）")
        calendar = WorkCalendar(self.store.workdays.list())
        if self.campaign is None:
            self.summary = None
            self.summary_label.setText(
                "还没有活动年度。请在“活动年度”中新建，或从菜单“文件”创建示例活动。"
            )
            for w in (self.today_list, self.soon_list, self.overdue_list):
                w.clear()
            self.standing.clear()
            self.warning.clear()
            return
        board = self.summary = self.summary_source(self.store, self.campaign, now)
        states = board.states
        todays = [s for s in due_on_day(states, today) if s.owed or not s.occurrence.is_past(now)]
        soon = [s for s in due_soon(states, now, SOON_DAYS) if s.occurrence.due.date() != today]
        late = overdue(states, now)
        late.sort(key=lambda s: s.occurrence.due, reverse=True)
        names = board.owed_names
        fill_list(
            self.today_list, todays, names, calendar, empty="今天没有截止的报送。", color=SOON_COLOR
        )
        fill_list(self.soon_list, soon, names, calendar, empty=f"未来{SOON_DAYS}天没有截止的报送。")
        fill_list(
            self.overdue_list, late, names, calendar, empty="没有逾期未报的。", color=OVERDUE_COLOR
        )
        # An empty box is one line high, so the overdue list gets the room.
        for widget, found in ((self.today_list, todays), (self.soon_list, soon)):
            line = widget.fontMetrics().height()
            widget.setMaximumHeight(line * 2 + 10 if not found else 16_777_215)
        past = [s for s in states if s.occurrence.is_past(now)]
        rates = Tally({k: sum(s.tally.counts[k] for s in past) for k in STATUSES})
        self.summary_label.setText(
            f"{self.campaign.title}：{len(board.deadlines)} 个报送节点，共 {len(states)} 次截止，"
            f"已截止 {len(past)} 次；已截止部分按时报送率 {percent(rates.on_time_rate)}，"
            f"报送率 {percent(rates.overall_rate)}。双击任一行可查看和登记报送情况。"
        )
        asap = [d for d in board.deadlines if d.rule.kind == ASAP]
        self.standing.setText(
            "随时报送：" + "；".join(f"{d.title}（{d.materials or '即时报送'}）" for d in asap)
            if asap
            else ""
        )
        self.warning.setText(
            calendar.warning_for_days(s.occurrence.due.date() for s in states) or ""
        )

    def _open(self, item) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.open_occurrence.emit(int(data[0]), str(data[1]))
