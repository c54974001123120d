"""报送节点: what is due, by whom, when; expanded into occurrences with dateutil's rrule.

Times are the office's wall-clock time (China Standard Time), naive datetimes throughout.
"5月31日前" without a time means by the end of that day; "18:00前" means at or before
18:00:00, so 18:00:01 is late.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule

from .campaign import shift_date
from .validation import Problem

# Direction: 收 = units deliver to the clerk; 报 = the clerk delivers to the upper level.
DIRECTION_IN = "收"
DIRECTION_OUT = "报"
DIRECTIONS = (DIRECTION_IN, DIRECTION_OUT)

ONCE = "once"
WEEKLY_KIND = "weekly"
MONTHLY_KIND = "monthly"
DAILY_KIND = "daily"
QUARTERLY_KIND = "quarterly"  # 每季度末 / 每季度第一个月10日前
ASAP = "asap"  # 即时报送: whenever it happens, no date to keep
RULE_KINDS = (ONCE, WEEKLY_KIND, MONTHLY_KIND, QUARTERLY_KIND, DAILY_KIND, ASAP)
RULE_KIND_NAMES = {
    ONCE: "一次",
    WEEKLY_KIND: "每周",
    MONTHLY_KIND: "每月",
    QUARTERLY_KIND: "每季度",
    DAILY_KIND: "每天",
    ASAP: "即时报送",
}
REPEATING_KINDS = (WEEKLY_KIND, MONTHLY_KIND, QUARTERLY_KIND, DAILY_KIND)
QUARTER_MONTH_NAMES = {1: "第一个月", 2: "第二个月", 3: "最后一个月"}
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class DeadlineRule:
    """When something is due. ``weekday`` is 1 = Monday … 7 = Sunday.

    once: ``on`` (+ ``at``). weekly: ``weekday`` + ``at`` between ``start`` and ``end``.
    monthly: ``day_of_month`` (None = the last day) between ``start`` and ``end``.
    quarterly: ``day_of_month`` (None = the last day) of the ``month_of_quarter``-th month
    (1–3) of every quarter between ``start`` and ``end``.
    daily: every day between ``start`` and ``end``. asap: no date.
    ``at`` None means by the end of the day.
    A once rule the notice gave relative to its own date (接到通知后5个工作日内) keeps
    ``relative_days``/``relative_workdays`` beside the ``on`` computed from them.
    """

    kind: str
    on: date | None = None
    at: time | None = None
    weekday: int | None = None
    day_of_month: int | None = None
    start: date | None = None
    end: date | None = None
    month_of_quarter: int | None = None
    relative_days: int | None = None
    relative_workdays: bool = False

    def describe(self) -> str:
        """The rule as a notice says it: 每周三18:00前（6月1日至6月30日）."""
        at = f"{self.at:%H:%M}" if self.at else ""
        span = ""
        if self.start and self.end:
            span = f"（{self.start.month}月{self.start.day}日至{self.end.month}月{self.end.day}日）"
        if self.kind == ONCE:
            # Without its day (演练结束后2个工作日内) the clerk fills it in.
            day = f"{self.on.month}月{self.on.day}日{at}前" if self.on else "日期待填"
            if self.relative_days:
                unit = "个工作日" if self.relative_workdays else "日"
                return f"接到通知后{self.relative_days}{unit}内（{day}）"
            return day
        if self.kind == WEEKLY_KIND:
            if not self.weekday:  # 每周报送1条信息: the clerk still has to choose the day
                return f"每周（星期几待定）{at}{span}"
            return f"每{WEEKDAY_NAMES[self.weekday - 1]}{at}前{span}"
        if self.kind == MONTHLY_KIND:
            day = f"{self.day_of_month}日" if self.day_of_month else "月底"
            return f"每月{day}{at}前{span}"
        if self.kind == QUARTERLY_KIND:
            month = QUARTER_MONTH_NAMES.get(self.month_of_quarter or 3, "最后一个月")
            day = f"{self.day_of_month}日" if self.day_of_month else "月底"
            return f"每季度{month}{day}{at}前{span}"
        if self.kind == DAILY_KIND:
            if not at:  # 实行日报制度: a report each day, the hour left open
                return f"每天（时间待定）{span}"
            return f"每天{at}前{span}"
        return "即时报送"


@dataclass(frozen=True)
class Deadline:
    campaign_id: int | None
    title: str
    rule: DeadlineRule
    direction: str = DIRECTION_IN
    materials: str = ""
    # None: every active unit; otherwise the chosen units' ids.
    unit_ids: frozenset[int] | None = None
    form_template: str = ""
    notes: str = ""
    id: int | None = field(default=None, compare=False)

    def applies_to(self, unit_id: int) -> bool:
        return self.direction == DIRECTION_IN and (
            self.unit_ids is None or unit_id in self.unit_ids
        )


@dataclass(frozen=True)
class Occurrence:
    """One due moment of a deadline. ``key`` (the due date) identifies it in storage."""

    deadline: Deadline
    due: datetime
    has_time: bool
    number: int  # 1-based: 第N次 / 第N周
    count: int  # how many occurrences the rule has

    @property
    def key(self) -> str:
        return self.due.date().isoformat()

    @property
    def label(self) -> str:
        """周报（第2次） for repeating deadlines, the title alone for one-off ones."""
        if self.count > 1:
            unit = "周" if self.deadline.rule.kind == WEEKLY_KIND else "次"
            if self.deadline.rule.kind == MONTHLY_KIND:
                return f"{self.deadline.title}（{self.due.month}月）"
            if self.deadline.rule.kind == QUARTERLY_KIND:
                quarter = (self.due.month - 1) // 3 + 1
                return f"{self.deadline.title}（第{quarter}季度）"
            return f"{self.deadline.title}（第{self.number}{unit}）"
        return self.deadline.title

    def is_late(self, received: datetime) -> bool:
        """On time means at or before the due second; without a time, on the due day."""
        if self.has_time:
            return received.replace(microsecond=0) > self.due
        return received.date() > self.due.date()

    def is_past(self, now: datetime) -> bool:
        return self.is_late(now)


def _combine(d: date, at: time | None) -> datetime:
    return datetime.combine(d, at or END_OF_DAY)


def occurrences(deadline: Deadline) -> list[Occurrence]:
    """Every due moment of ``deadline``, in time order. asap deadlines have none."""
    rule = deadline.rule
    dues: list[datetime] = []
    if rule.kind == ONCE and rule.on:
        dues = [_combine(rule.on, rule.at)]
    elif rule.kind in REPEATING_KINDS and rule.start and rule.end:
        first = _combine(rule.start, rule.at)
        until = _combine(rule.end, END_OF_DAY)
        if rule.kind == WEEKLY_KIND and rule.weekday:
            dues = list(rrule(WEEKLY, byweekday=rule.weekday - 1, dtstart=first, until=until))
        elif rule.kind == DAILY_KIND:
            dues = list(rrule(DAILY, dtstart=first, until=until))
        elif rule.kind in (MONTHLY_KIND, QUARTERLY_KIND):
            # Month ends from rrule; a day a short month lacks (31日) falls on its last day.
            # A quarterly rule keeps the one month of each quarter it names.
            month_ends = rrule(
                MONTHLY,
                bymonthday=-1,
                dtstart=first.replace(day=1),
                until=until.replace(day=1) + timedelta(days=40),
            )
            for end in month_ends:
                if rule.kind == QUARTERLY_KIND and (end.month - 1) % 3 + 1 != (
                    rule.month_of_quarter or 3
                ):
                    continue
                day = min(rule.day_of_month or end.day, end.day)
                due = end.replace(day=day)
                if first.date() <= due.date() <= until.date():
                    dues.append(due)
    has_time = rule.at is not None
    return [
        Occurrence(deadline, due, has_time, i, len(dues)) for i, due in enumerate(dues, start=1)
    ]


def all_occurrences(deadlines: Iterable[Deadline]) -> list[Occurrence]:
    """Every occurrence in time order; on the same due moment, in the deadlines' order."""
    found = [(o.due, i, o) for i, d in enumerate(deadlines) for o in occurrences(d)]
    found.sort(key=lambda t: (t[0], t[1]))
    return [o for _, _, o in found]


def validate_deadline(d: Deadline) -> list[Problem]:
    problems: list[Problem] = []
    rule = d.rule
    if not d.title.strip():
        problems.append(Problem("title", "请填写报送内容（如“联络员推荐表”）", "title_empty"))
    if d.direction not in DIRECTIONS:
        problems.append(Problem("direction", f"方向“{d.direction}”无效", "direction"))
    if rule.kind not in RULE_KINDS:
        problems.append(Problem("rule", f"报送规则“{rule.kind}”无效", "rule_kind"))
    elif rule.kind == ONCE and rule.on is None:
        problems.append(Problem("on", "请填写截止日期", "date_missing"))
    elif rule.kind in REPEATING_KINDS:
        if rule.start is None or rule.end is None:
            problems.append(Problem("start", "请填写起止日期", "span_missing"))
        elif rule.end < rule.start:
            problems.append(Problem("end", "结束日期早于开始日期", "span_order"))
        elif (rule.end - rule.start).days > 400:
            problems.append(Problem("end", "起止日期跨度超过一年，请检查", "span_long"))
        if rule.kind == WEEKLY_KIND and not (rule.weekday and 1 <= rule.weekday <= 7):
            problems.append(Problem("weekday", "请选择星期几", "weekday"))
        if rule.kind == QUARTERLY_KIND and rule.month_of_quarter not in (None, 1, 2, 3):
            problems.append(Problem("month_of_quarter", "请选择季度的第几个月", "quarter_month"))
        if (
            rule.kind in (MONTHLY_KIND, QUARTERLY_KIND)
            and rule.day_of_month is not None
            and not 1 <= rule.day_of_month <= 31
        ):
            problems.append(
                Problem("day_of_month", f"每月{rule.day_of_month}日不存在", "day_of_month")
            )
        if not problems and not occurrences(d):
            problems.append(
                Problem("rule", "在起止日期内没有任何一次报送，请检查规则", "no_occurrence")
            )
    if d.unit_ids is not None and not d.unit_ids and d.direction == DIRECTION_IN:
        problems.append(
            Problem("unit_ids", "请至少选择一个报送单位，或选“全部单位”", "units_empty")
        )
    return problems


def shift_year(d: Deadline, years: int) -> Deadline:
    """The same deadline a number of years later (for a new campaign from last year's).

    Weekly rules keep their weekday; their span moves. 2月29日 becomes 2月28日.
    """

    r = d.rule
    rule = replace(
        r,
        on=shift_date(r.on, years),
        start=shift_date(r.start, years),
        end=shift_date(r.end, years),
    )
    return replace(d, rule=rule, id=None, campaign_id=None)


def format_due(o: Occurrence, weekday_name: Sequence[str] = WEEKDAY_NAMES) -> str:
    """6月8日（周三）18:00, or 5月31日（周二） for end of day."""
    text = f"{o.due.month}月{o.due.day}日（{weekday_name[o.due.weekday()]}）"
    return text + (f"{o.due:%H:%M}" if o.has_time else "")
