"""报送日历: a month with each day's deadlines and how many units are still outstanding,
the chosen day's list, and an agenda of the next 14 days and everything overdue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.board import OccurrenceState, due_soon, overdue
from ...domain.campaign import Campaign, chinese_date
from ...domain.workdays import HOLIDAY, MAKEUP_WORKDAY, WorkCalendar
from ...store import Store
from ...usecases.board import BoardSource, CampaignBoard, load_board
from ...usecases.deadlines import load_work_calendar
from ..widgets.board_views import DONE_COLOR, OVERDUE_COLOR, SOON_COLOR, fill_list

AGENDA_DAYS = 14


NO_UNITS_COLOR = QColor("#757575")


def day_mark(states: list[OccurrenceState], now: datetime) -> tuple[str, QColor]:
    """What a day's cell says: 3项 差2 (red when past, orange before), 3项 齐 (green), or
    3项 没有单位 (grey) when nobody is due to send anything, which is not 报齐."""
    owed = sum(len(s.outstanding) for s in states)
    if owed == 0 and not any(s.statuses or s.is_own for s in states):
        return f"{len(states)}项 没有单位", NO_UNITS_COLOR
    past = any(s.occurrence.is_past(now) for s in states)
    color = DONE_COLOR if owed == 0 else (OVERDUE_COLOR if past else SOON_COLOR)
    return f"{len(states)}项" + (f" 差{owed}" if owed else " 齐"), color


class DeadlineCalendar(QCalendarWidget):
    """Paints each day's deadlines (count owed) and marks holidays and 调休 workdays."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.by_day: dict[date, list[OccurrenceState]] = {}
        self.work_calendar = WorkCalendar()
        self.now = datetime.now()
        self.setMinimumHeight(360)

    def set_states(
        self, states: list[OccurrenceState], calendar: WorkCalendar, now: datetime
    ) -> None:
        self.by_day = {}
        for s in states:
            self.by_day.setdefault(s.occurrence.due.date(), []).append(s)
        self.work_calendar, self.now = calendar, now
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        super().paintCell(painter, rect, qdate)
        day = qdate.toPython()
        painter.save()
        info = self.work_calendar.info(day)
        small = painter.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.75))
        painter.setFont(small)
        if info.kind in (HOLIDAY, MAKEUP_WORKDAY):
            painter.setPen(QColor("#c62828") if info.kind == HOLIDAY else QColor("#1565c0"))
            mark = (info.name or "休") if info.kind == HOLIDAY else "班"
            painter.drawText(
                rect.adjusted(3, 2, -3, -2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                mark,
            )
        states = self.by_day.get(day)
        if states:
            text, color = day_mark(states, self.now)
            band = QRect(rect.left() + 2, rect.bottom() - 18, rect.width() - 4, 16)
            painter.fillRect(band, color.lighter(170))
            painter.setPen(color.darker(120))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class CalendarPage(QWidget):
    open_occurrence = Signal(int, str)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        # The window passes its session's shared board; alone, the page reads its own.
        self.board_source: BoardSource = load_board
        self.campaign: Campaign | None = None
        self.clock: Callable[[], datetime] = datetime.now
        self.board: CampaignBoard | None = None
        self.work_calendar = WorkCalendar()

        title = QLabel("报送日历")
        title.setObjectName("pageTitle")
        self.calendar = DeadlineCalendar()
        self.day_label = QLabel()
        self.day_label.setObjectName("sectionTitle")
        self.day_list = QListWidget()
        self.agenda_list = QListWidget()
        self.overdue_list = QListWidget()
        self.legend = QLabel(
            "日历中：“3项 差2”表示当天有3项截止、还差2个单位次未报；红色已逾期，橙色未到期，绿色已报齐，灰色为没有报送单位。"
            "左上角红字为法定节假日，蓝字“班”为调休上班。"
        )
        self.legend.setWordWrap(True)
        self.legend.setObjectName("pageHint")

        right = QVBoxLayout()
        right.addWidget(self.day_label)
        right.addWidget(self.day_list, 1)
        head = QLabel(f"未来{AGENDA_DAYS}天")
        head.setObjectName("sectionTitle")
        right.addWidget(head)
        right.addWidget(self.agenda_list, 2)
        head2 = QLabel("已逾期")
        head2.setObjectName("sectionTitle")
        right.addWidget(head2)
        right.addWidget(self.overdue_list, 2)
        left = QVBoxLayout()
        left.addWidget(self.calendar, 1)
        left.addWidget(self.legend)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)

        self.calendar.selectionChanged.connect(self._show_day)
        for w in (self.day_list, self.agenda_list, self.overdue_list):
            w.itemDoubleClicked.connect(self._open)
            w.itemActivated.connect(self._open)

    def set_store(self, store: Store) -> None:
        self.store = store

    def set_campaign(self, campaign: Campaign | None) -> None:
        first_load = campaign != self.campaign
        self.campaign = campaign
        self.refresh()
        if first_load:
            self._jump_to_sensible_month()

    def refresh(self) -> None:
        now = self.clock()
        self.work_calendar = load_work_calendar(self.store)
        if self.campaign is None:
            self.board = None
            self.calendar.set_states([], self.work_calendar, now)
            for w in (self.day_list, self.agenda_list, self.overdue_list):
                w.clear()
            return
        board = self.board = self.board_source(self.store, self.campaign, now)
        self.calendar.set_states(board.states, self.work_calendar, now)
        agenda = due_soon(board.states, now, AGENDA_DAYS)
        fill_list(
            self.agenda_list,
            agenda,
            board.owed_names,
            self.work_calendar,
            empty=f"未来{AGENDA_DAYS}天没有截止的报送。",
            color=SOON_COLOR,
        )
        late = sorted(overdue(board.states, now), key=lambda s: s.occurrence.due, reverse=True)
        fill_list(
            self.overdue_list,
            late,
            board.owed_names,
            self.work_calendar,
            empty="没有逾期未报的。",
            color=OVERDUE_COLOR,
        )
        self._show_day()

    def _jump_to_sensible_month(self) -> None:
        """Today if the campaign still has dates ahead, else the month of its first due date."""
        now = self.clock()
        states = self.board.states if self.board else []
        ahead = [s for s in states if not s.occurrence.is_past(now)]
        target = now.date() if ahead or not states else states[0].occurrence.due.date()
        self.calendar.setSelectedDate(QDate(target.year, target.month, target.day))
        self._show_day()

    def _show_day(self) -> None:
        day = self.calendar.selectedDate().toPython()
        note = self.work_calendar.note(day)
        self.day_label.setText(f"{chinese_date(day)}" + (f"〔{note}〕" if note else ""))
        if self.board is None:
            self.day_list.clear()
            return
        states = self.calendar.by_day.get(day, [])
        fill_list(
            self.day_list,
            states,
            self.board.owed_names,
            self.work_calendar,
            empty="当天没有截止的报送。",
        )

    def _open(self, item) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.open_occurrence.emit(int(data[0]), str(data[1]))
