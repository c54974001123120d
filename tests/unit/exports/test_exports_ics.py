"""报送日历 (.ics): written with icalendar, parsed back with icalendar."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.deadlines import (
    ASAP,
    DIRECTION_OUT,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
)
from anquanyue_desktop.exports.ics import ics_file_name, write_ics

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 5, 30, 9, 15)
WEEKLY = Deadline(
    1,
    "周活动开展情况",
    DeadlineRule(
        WEEKLY_KIND, at=time(18), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
    ),
    materials="活动开展情况表、照片3张",
    notes="发送至安监站邮箱",
    id=7,
)
LIAISON = Deadline(1, "联络员推荐表", DeadlineRule(ONCE, on=date(2022, 5, 31)), id=5)
SUMMARY_UP = Deadline(
    1,
    "安全生产月活动总结",
    DeadlineRule(ONCE, on=date(2022, 7, 5), at=time(12)),
    direction=DIRECTION_OUT,
    id=8,
)
INCIDENTS = Deadline(1, "事故信息", DeadlineRule(ASAP), id=9)
WEDNESDAYS = [date(2022, 6, d) for d in (1, 8, 15, 22, 29)]


def ics_bytes(campaign: Campaign, deadlines, **kwargs) -> bytes:
    out = io.BytesIO()
    write_ics(campaign, deadlines, out, now=kwargs.pop("now", NOW), **kwargs)
    return out.getvalue()


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_one_event_per_occurrence_with_times_in_shanghai(campaign: Campaign) -> None:
    data = ics_bytes(campaign, [WEEKLY, LIAISON, SUMMARY_UP, INCIDENTS])
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "荫城镇2022年安全生产月（第21个）"
    assert str(cal["VERSION"]) == "2.0"
    found = events(data)
    assert len(found) == 5 + 1 + 1  # 即时报送 has no date: no event
    assert not any("RRULE" in e for e in found)
    weekly = [e for e in found if "周活动开展情况" in str(e["SUMMARY"])]
    assert [str(e["SUMMARY"]) for e in weekly] == [
        f"【收】周活动开展情况（第{n}周）" for n in range(1, 6)
    ]
    for e, day in zip(weekly, WEDNESDAYS, strict=True):
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        # A 30-minute event ending at the due time, 18:00 Shanghai time.
        assert end == datetime.combine(day, time(18), SHANGHAI)
        assert end.tzinfo.key == "Asia/Shanghai"
        assert e["DTEND"].params["TZID"] == "Asia/Shanghai"
        assert e["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert start == end - timedelta(minutes=30)
        assert end.astimezone(UTC).hour == 10
    up = next(e for e in found if "活动总结" in str(e["SUMMARY"]))
    assert str(up["SUMMARY"]) == "【报】安全生产月活动总结"
    assert up.decoded("DTEND") == datetime(2022, 7, 5, 12, tzinfo=SHANGHAI)
    # The VTIMEZONE for the TZID is there: UTC+8, no summer time in the years used.
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]
    assert not zones[0].walk("DAYLIGHT")
    offsets = {sub.decoded("TZOFFSETTO") for sub in zones[0].walk("STANDARD")}
    assert offsets == {timedelta(hours=8)}


def test_end_of_day_deadline_is_an_all_day_event(campaign: Campaign) -> None:
    (event,) = events(ics_bytes(campaign, [LIAISON]))
    assert str(event["SUMMARY"]) == "【收】联络员推荐表"
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == date(2022, 5, 31)
    assert event.decoded("DTEND") == date(2022, 6, 1)
    # Reminders at 09:00 the day before and 09:00 on the day.
    triggers = sorted(a.decoded("TRIGGER") for a in event.walk("VALARM"))
    assert triggers == [timedelta(hours=-15), timedelta(hours=9)]
    # Only all-day events: nothing refers to a time zone, none is needed.
    assert not Calendar.from_ical(ics_bytes(campaign, [LIAISON])).walk("VTIMEZONE")


def test_alarms_fire_the_given_minutes_before_the_due_time(campaign: Campaign) -> None:
    for alarms in ((24 * 60, 120), (30,), (0, 60, 60)):
        first = events(ics_bytes(campaign, [WEEKLY], alarm_minutes_before=alarms))[0]
        due = first.decoded("DTEND")
        start = first.decoded("DTSTART")
        valarms = first.walk("VALARM")
        assert all(str(a["ACTION"]) == "DISPLAY" for a in valarms)
        fire = sorted(start + a.decoded("TRIGGER") for a in valarms)
        assert fire == sorted({due - timedelta(minutes=m) for m in alarms})
    first = events(ics_bytes(campaign, [WEEKLY]))[0]
    texts = sorted(str(a["DESCRIPTION"]) for a in first.walk("VALARM"))
    assert texts == [
        "【收】周活动开展情况（第1周）：还有1天截止",
        "【收】周活动开展情况（第1周）：还有2小时截止",
    ]
    assert events(ics_bytes(campaign, [WEEKLY], alarm_minutes_before=()))[0].walk("VALARM") == []
    with pytest.raises(ValueError, match="负数"):
        ics_bytes(campaign, [WEEKLY], alarm_minutes_before=(-5,))


def test_description_carries_rule_materials_and_notes(campaign: Campaign) -> None:
    first = events(ics_bytes(campaign, [WEEKLY]))[0]
    text = str(first["DESCRIPTION"])
    assert text.splitlines() == [
        "下级单位报送截止（收）",
        "截止时间：6月1日（周三）18:00前",
        "报送规则：每周三18:00前（6月1日至6月30日）",
        "报送材料：活动开展情况表、照片3张",
        "备注：发送至安监站邮箱",
        "—— 荫城镇2022年安全生产月（第21个）",
    ]
    up = events(ics_bytes(campaign, [SUMMARY_UP]))[0]
    assert str(up["DESCRIPTION"]).startswith("本单位向上级报送截止（报）\n")


def test_uids_are_unique_and_stable(campaign: Campaign) -> None:
    deadlines = [WEEKLY, LIAISON, SUMMARY_UP]
    first = events(ics_bytes(campaign, deadlines))
    uids = [str(e["UID"]) for e in first]
    assert len(set(uids)) == len(uids) == 7
    assert "2022-7-2022-06-08@anquanyue" in uids
    assert "2022-5-2022-05-31@anquanyue" in uids
    # Exported again later, with a changed title: the same UIDs, so phones update the events.
    later = events(
        ics_bytes(
            campaign,
            [replace(WEEKLY, title="周活动开展情况（更正）"), LIAISON, SUMMARY_UP],
            now=datetime(2022, 6, 3, 8),
        )
    )
    assert sorted(str(e["UID"]) for e in later) == sorted(uids)
    # Unsaved deadlines (no id) still get stable UIDs of their own.
    unsaved = [replace(WEEKLY, id=None), replace(LIAISON, id=None)]
    a = [str(e["UID"]) for e in events(ics_bytes(campaign, unsaved))]
    b = [str(e["UID"]) for e in events(ics_bytes(campaign, unsaved, now=datetime(2023, 1, 1)))]
    assert a == b and len(set(a)) == 6


def test_dtstamp_is_now_in_utc(campaign: Campaign) -> None:
    for e in events(ics_bytes(campaign, [WEEKLY, LIAISON])):
        assert e.decoded("DTSTAMP") == datetime(2022, 5, 30, 1, 15, tzinfo=UTC)
    aware = datetime(2022, 5, 30, 1, 15, tzinfo=UTC)
    (e,) = events(ics_bytes(campaign, [LIAISON], now=aware))
    assert e.decoded("DTSTAMP") == aware


def test_writes_to_a_path_and_names_the_file(campaign: Campaign, tmp_path) -> None:
    name = ics_file_name(campaign, date(2022, 5, 30))
    assert name == "荫城镇_2022安全生产月_报送日历_0530.ics"
    assert ics_file_name(replace(campaign, is_demo=True), date(2022, 5, 30)).endswith(
        "_示例_0530.ics"
    )
    target = tmp_path / name
    write_ics(campaign, [WEEKLY], target, now=NOW)
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(events(data)) == 5
    data.decode("utf-8")  # folded lines never split a character


def test_no_dated_deadlines_gives_an_empty_calendar(campaign: Campaign) -> None:
    cal = Calendar.from_ical(ics_bytes(campaign, [INCIDENTS]))
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-CALNAME"]) == "荫城镇2022年安全生产月（第21个）"


def test_quarterly_and_relative_deadlines_become_events(campaign: Campaign) -> None:
    from anquanyue_desktop.domain.deadlines import QUARTERLY_KIND

    quarterly = Deadline(
        1,
        "季度总结",
        DeadlineRule(
            QUARTERLY_KIND, month_of_quarter=3, start=date(2022, 6, 1), end=date(2022, 12, 31)
        ),
        id=11,
    )
    relative = Deadline(
        1,
        "隐患排查情况",
        DeadlineRule(ONCE, on=date(2022, 6, 7), relative_days=5, relative_workdays=True),
        id=12,
    )
    found = events(ics_bytes(campaign, [quarterly, relative]))
    by_summary = {str(e["SUMMARY"]): e for e in found}
    assert set(by_summary) == {
        "【收】季度总结（第2季度）",
        "【收】季度总结（第3季度）",
        "【收】季度总结（第4季度）",
        "【收】隐患排查情况",
    }
    ends = sorted(e.decoded("DTSTART") for e in found if "季度总结" in str(e["SUMMARY"]))
    assert ends == [date(2022, 6, 30), date(2022, 9, 30), date(2022, 12, 31)]
    assert by_summary["【收】隐患排查情况"].decoded("DTSTART") == date(2022, 6, 7)
    assert "接到通知后5个工作日内" in str(by_summary["【收】隐患排查情况"]["DESCRIPTION"])
