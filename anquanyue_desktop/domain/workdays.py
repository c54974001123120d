"""工作日: which days the offices work, with statutory holidays and 调休 make-up workdays.

The State Council publishes each year's holiday arrangement (放假安排) late in the year
before; the maintained ``chinese_calendar`` library carries them (currently 2004–2026) and
raises NotImplementedError for a year it does not know yet. For such a year the clerk can
enter the arrangement by hand (:class:`DayOverride`); until then weekends are assumed and
the year is flagged, so a due date on a not-yet-known holiday is never silently called a
workday without a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from .validation import Problem

# The library's English holiday names (its ``Holiday`` enum values) as the clerk says them.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

WORKDAY = "workday"
WEEKEND = "weekend"
HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"  # a Saturday or Sunday worked in exchange (调休上班)
DAY_KINDS = (WORKDAY, WEEKEND, HOLIDAY, MAKEUP_WORKDAY)

SOURCE_LIBRARY = "library"
SOURCE_MANUAL = "manual"
SOURCE_UNKNOWN = "unknown"  # no arrangement known for the year: weekends assumed

SETTINGS_PAGE_NAME = "节假日设置"


def holiday_name_zh(name: str | None) -> str:
    """The Chinese name of a library holiday name; an unknown name is kept as it is."""
    if not name:
        return ""
    return HOLIDAY_NAMES_ZH.get(name, name)


def _library_years() -> range:
    """The years the installed library has data for (from its own table)."""
    days = chinese_calendar.holidays.keys()
    return range(min(days).year, max(days).year + 1)


@dataclass(frozen=True)
class DayOverride:
    """One day as the clerk entered it: a holiday (``is_workday`` False, ``name`` e.g. 春节)
    or a 调休 make-up workday (``is_workday`` True)."""

    day: date
    is_workday: bool
    name: str = ""


@dataclass(frozen=True)
class DayInfo:
    """What one day is. ``kind``: workday / weekend / holiday / makeup_workday; ``name`` the
    holiday (for a make-up workday: the holiday it pays for), else ""; ``source``: library,
    manual, or unknown (a year nobody knows the arrangement of: weekends assumed)."""

    day: date
    is_workday: bool
    kind: str
    name: str
    source: str


def _is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def _plain_day(day: date, source: str) -> DayInfo:
    if _is_weekend(day):
        return DayInfo(day, False, WEEKEND, "", source)
    return DayInfo(day, True, WORKDAY, "", source)


class WorkCalendar:
    """Working days from the library, with the clerk's manual entries winning over it.

    A year counts as known when the library has it or the clerk entered at least one day of
    it; the other days of a manually known year follow the weekends.
    """

    def __init__(self, overrides: Iterable[DayOverride] = ()) -> None:
        self._overrides: dict[date, DayOverride] = {o.day: o for o in overrides}
        self._library_years = _library_years()
        self._manual_years = frozenset(d.year for d in self._overrides)

    @property
    def overrides(self) -> list[DayOverride]:
        return [self._overrides[d] for d in sorted(self._overrides)]

    def known_years(self) -> list[int]:
        return sorted(set(self._library_years) | self._manual_years)

    def year_known(self, year: int) -> bool:
        return year in self._library_years or year in self._manual_years

    def unknown_years(self, days: Iterable[date]) -> list[int]:
        """The years among ``days`` whose holiday arrangement is not known, in order."""
        return sorted({d.year for d in days if not self.year_known(d.year)})

    def info(self, day: date) -> DayInfo:
        override = self._overrides.get(day)
        if override is not None:
            return self._from_override(override)
        if day.year in self._library_years:
            return self._from_library(day)
        if day.year in self._manual_years:
            return _plain_day(day, SOURCE_MANUAL)
        return _plain_day(day, SOURCE_UNKNOWN)

    def is_workday(self, day: date) -> bool:
        return self.info(day).is_workday

    def add_workdays(self, start: date, count: int) -> date:
        """The ``count``-th workday after ``start`` (接到通知后3个工作日内: the third
        workday after the day of the notice, 调休 and holidays counted as they fall)."""
        day = start
        left = count
        for _ in range(count * 7 + 60):  # holidays never outnumber workdays this much
            if left <= 0:
                break
            day += timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    @staticmethod
    def _from_override(o: DayOverride) -> DayInfo:
        name = o.name.strip()
        if o.is_workday:
            kind = MAKEUP_WORKDAY if _is_weekend(o.day) else WORKDAY
        else:
            kind = WEEKEND if _is_weekend(o.day) and not name else HOLIDAY
        return DayInfo(o.day, o.is_workday, kind, name, SOURCE_MANUAL)

    @staticmethod
    def _from_library(day: date) -> DayInfo:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
        zh = holiday_name_zh(name)
        if is_holiday:
            kind = HOLIDAY if zh else WEEKEND
            return DayInfo(day, False, kind, zh, SOURCE_LIBRARY)
        if _is_weekend(day):
            return DayInfo(day, True, MAKEUP_WORKDAY, zh, SOURCE_LIBRARY)
        return DayInfo(day, True, WORKDAY, "", SOURCE_LIBRARY)

    def note(self, day: date) -> str:
        """A short mark for a due date: 端午节假期, 休息日, 调休上班; "" on a workday."""
        info = self.info(day)
        if info.kind == HOLIDAY:
            return f"{info.name}假期" if info.name else "放假"
        if info.kind == WEEKEND:
            # The weekday itself is already written beside every due date (6月4日（周六）).
            return "休息日"
        if info.kind == MAKEUP_WORKDAY:
            return "调休上班"
        return ""

    def warning_for_years(self, years: Iterable[int]) -> str | None:
        """A sentence for the clerk when some of ``years`` have no holiday arrangement."""
        unknown = sorted({y for y in years if not self.year_known(y)})
        if not unknown:
            return None
        listed = "、".join(f"{y}年" for y in unknown)
        future = all(y > self._library_years[-1] for y in unknown)
        why = "（国务院通常在上一年年底公布）" if future else ""
        return (
            f"{listed}的法定节假日安排尚未收录{why}，周末以外的节假日无法标出。"
            f"可在“{SETTINGS_PAGE_NAME}”中手工录入。"
        )

    def warning_for_days(self, days: Iterable[date]) -> str | None:
        return self.warning_for_years(d.year for d in days)


def override_problems(overrides: Iterable[DayOverride]) -> list[Problem]:
    """What keeps a list of 节假日设置 from being saved: a day entered twice."""
    days = [o.day for o in overrides]
    dupes = sorted({d for d in days if days.count(d) > 1})
    if not dupes:
        return []
    listed = "、".join(f"{d.month}月{d.day}日" for d in dupes)
    return [Problem("day", f"同一天录入了两次：{listed}", "duplicate_day")]
