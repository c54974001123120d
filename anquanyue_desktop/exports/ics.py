"""报送日历: every due moment of a campaign as an .ics file for phones, Outlook and WPS.

Written with the ``icalendar`` library. Each occurrence is its own VEVENT (no RRULE), so a
phone shows exactly the dates the app shows and a single week can move without touching the
others. UIDs derive from the campaign year, the deadline and the occurrence's due date, so
importing a newer file updates the events instead of duplicating them.

- Timed occurrences (18:00前): a 30-minute event ending at the due time, in Asia/Shanghai
  (a VTIMEZONE is included).
- End-of-day occurrences (5月31日前): an all-day event on the due date.
- 即时报送 deadlines have no date and produce no event.

Reminders (VALARM, DISPLAY) for a timed event fire the given minutes before the due time.
An all-day event has no due time to count back from, so its reminders go off at 09:00:
a reminder of a day or more becomes 09:00 that many whole days before, a shorter one
09:00 on the due day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.deadlines import (
    DIRECTION_IN,
    Deadline,
    Occurrence,
    format_due,
    occurrences,
)

from .output import Output, open_output, safe_file_name_part

TZID = "Asia/Shanghai"
CALENDAR_FILE_NAME = "报送日历"
EVENT_MINUTES = 30
ALL_DAY_ALARM_AT = time(9, 0)
DEFAULT_ALARMS = (24 * 60, 120)
_PRODID = "-//anquanyue-desktop//安全生产月 desktop//ZH"
# Prefixes of SUMMARY: 收 = units deliver to the clerk; 报 = the clerk reports upward.
_PREFIX_IN = "【收】"
_PREFIX_OUT = "【报】"
_DIRECTION_TEXT_IN = "下级单位报送截止（收）"
_DIRECTION_TEXT_OUT = "本单位向上级报送截止（报）"


def _shanghai() -> ZoneInfo:
    """Asia/Shanghai from the system or, on Windows, from the tzdata package."""
    return ZoneInfo(TZID)


def event_summary(o: Occurrence) -> str:
    """【收】周活动开展情况（第2周） / 【报】安全生产月活动总结."""
    prefix = _PREFIX_IN if o.deadline.direction == DIRECTION_IN else _PREFIX_OUT
    return prefix + o.label


def event_description(o: Occurrence, campaign: Campaign) -> str:
    d = o.deadline
    lines = [
        _DIRECTION_TEXT_IN if d.direction == DIRECTION_IN else _DIRECTION_TEXT_OUT,
        f"截止时间：{format_due(o)}前",
        f"报送规则：{d.rule.describe()}",
    ]
    if d.materials.strip():
        lines.append(f"报送材料：{d.materials.strip()}")
    if d.form_template.strip():
        lines.append(f"表格：{d.form_template.strip()}")
    if d.notes.strip():
        lines.append(f"备注：{d.notes.strip()}")
    lines.append(f"—— {campaign.issuer_short}{campaign.title}".rstrip())
    return "\n".join(lines)


def _deadline_part(d: Deadline) -> str:
    """The deadline's id; an unsaved one is named by a digest of its title and rule."""
    if d.id is not None:
        return str(d.id)
    digest = hashlib.sha1(f"{d.title}|{d.rule!r}|{d.direction}".encode()).hexdigest()
    return f"t{digest[:12]}"


def event_uid(campaign: Campaign, o: Occurrence) -> str:
    """2022-7-2022-06-08@anquanyue: year, deadline id, occurrence key."""
    return f"{campaign.year}-{_deadline_part(o.deadline)}-{o.key}@anquanyue"


def _all_day_trigger(minutes: int) -> timedelta:
    """From the all-day event's start (00:00 of the due day) to 09:00 of the right day."""
    days_before = minutes // (24 * 60)
    at = timedelta(hours=ALL_DAY_ALARM_AT.hour, minutes=ALL_DAY_ALARM_AT.minute)
    return at - timedelta(days=days_before)


def _alarm_text(minutes: int) -> str:
    if minutes % (24 * 60) == 0 and minutes:
        return f"还有{minutes // (24 * 60)}天截止"
    if minutes % 60 == 0 and minutes:
        return f"还有{minutes // 60}小时截止"
    if minutes:
        return f"还有{minutes}分钟截止"
    return "现在截止"


def _alarm(trigger: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def _event(
    campaign: Campaign,
    o: Occurrence,
    alarm_minutes_before: Sequence[int],
    stamp: datetime,
    tz: ZoneInfo,
) -> Event:
    summary = event_summary(o)
    event = Event()
    event.add("uid", event_uid(campaign, o))
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("description", event_description(o, campaign))
    event.add("categories", ["安全生产月"])
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: leaves the time free
    triggers: dict[timedelta, str] = {}
    if o.has_time:
        end = o.due.replace(tzinfo=tz)
        start = end - timedelta(minutes=EVENT_MINUTES)
        event.add("dtstart", start)
        event.add("dtend", end)
        for m in alarm_minutes_before:
            # TRIGGER counts from DTSTART, which is EVENT_MINUTES before the due time.
            triggers.setdefault(
                timedelta(minutes=EVENT_MINUTES - m), f"{summary}：{_alarm_text(m)}"
            )
    else:
        day = o.due.date()
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        for m in alarm_minutes_before:
            days = m // (24 * 60)
            text = f"{summary}：{'今天' if days == 0 else f'还有{days}天'}截止"
            triggers.setdefault(_all_day_trigger(m), text)
    for trigger, text in sorted(triggers.items()):
        event.add_component(_alarm(trigger, text))
    return event


def _stamp(now: datetime) -> datetime:
    """``now`` (naive: office wall-clock time) as UTC, as DTSTAMP must be."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=_shanghai())
    return now.astimezone(UTC)


def build_calendar(
    campaign: Campaign,
    deadlines: Sequence[Deadline],
    *,
    alarm_minutes_before: Sequence[int] = DEFAULT_ALARMS,
    now: datetime,
) -> Calendar:
    """The calendar object :func:`write_ics` writes."""
    if any(m < 0 for m in alarm_minutes_before):
        raise ValueError("提醒时间不能是负数")
    tz = _shanghai()
    stamp = _stamp(now)
    name = f"{campaign.issuer_short}{campaign.title}"
    cal = Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    found = sorted(
        (o for d in deadlines for o in occurrences(d)),
        key=lambda o: (o.due, o.deadline.title),
    )
    events = [_event(campaign, o, alarm_minutes_before, stamp, tz) for o in found]
    if any(o.has_time for o in found):
        # Only the years in use: Asia/Shanghai's 1986–1991 summer time is of no concern here.
        years = [o.due.year for o in found]
        cal.add_component(
            Timezone.from_tzid(
                TZID,
                first_date=date(min(years) - 1, 1, 1),
                last_date=date(max(years) + 2, 1, 1),
            )
        )
    for event in events:
        cal.add_component(event)
    return cal


def write_ics(
    campaign: Campaign,
    deadlines: Sequence[Deadline],
    out: Output,
    *,
    alarm_minutes_before: Sequence[int] = DEFAULT_ALARMS,
    now: datetime,
) -> None:
    """Every occurrence of ``deadlines`` as an .ics file (see the module's notes)."""
    cal = build_calendar(campaign, deadlines, alarm_minutes_before=alarm_minutes_before, now=now)
    with open_output(out) as stream:
        stream.write(cal.to_ical())


def ics_file_name(campaign: Campaign, today: date) -> str:
    """荫城镇_2022安全生产月_报送日历_0608.ics; safe as a Windows file name."""
    parts = [campaign.issuer_short, f"{campaign.year}安全生产月", CALENDAR_FILE_NAME]
    if campaign.is_demo:
        parts.append("示例")
    parts.append(f"{today:%m%d}")
    return "_".join(p for p in map(safe_file_name_part, parts) if p) + ".ics"
