from datetime import date, timedelta

import chinese_calendar
import pytest

from anquanyue_desktop.domain.workdays import (
    HOLIDAY_NAMES_ZH,
    DayInfo,
    DayOverride,
    WorkCalendar,
    holiday_name_zh,
)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_every_library_holiday_has_a_chinese_name():
    for holiday in chinese_calendar.Holiday:
        assert holiday.value in HOLIDAY_NAMES_ZH, holiday
    assert HOLIDAY_NAMES_ZH["Dragon Boat Festival"] == "端午节"
    assert HOLIDAY_NAMES_ZH["Tomb-sweeping Day"] == "清明节"
    assert HOLIDAY_NAMES_ZH["Anti-Fascist 70th Day"] == "抗战胜利纪念日"
    assert holiday_name_zh(None) == ""
    assert holiday_name_zh("Some New Day") == "Some New Day"


def test_dragon_boat_festival_2022(cal: WorkCalendar):
    # Friday 3 June 2022 was 端午节; the weekend after belonged to the holiday.
    assert cal.info(date(2022, 6, 3)) == DayInfo(
        date(2022, 6, 3), False, "holiday", "端午节", "library"
    )
    for d in (date(2022, 6, 4), date(2022, 6, 5)):
        info = cal.info(d)
        assert (info.is_workday, info.kind, info.name) == (False, "holiday", "端午节")
    assert cal.note(date(2022, 6, 3)) == "端午节假期"
    assert cal.note(date(2022, 6, 4)) == "端午节假期"
    assert cal.info(date(2022, 6, 6)).kind == "workday"
    assert cal.note(date(2022, 6, 8)) == ""


def test_makeup_workday_2022_04_24(cal: WorkCalendar):
    day = date(2022, 4, 24)
    assert day.weekday() == 6  # a Sunday …
    assert chinese_calendar.is_workday(day)  # … worked for the 劳动节 break
    info = cal.info(day)
    assert (info.is_workday, info.kind, info.name, info.source) == (
        True,
        "makeup_workday",
        "劳动节",
        "library",
    )
    assert cal.note(day) == "调休上班"
    assert cal.is_workday(day)


def test_ordinary_weekends(cal: WorkCalendar):
    sat, sun = date(2022, 6, 11), date(2022, 6, 12)
    assert cal.info(sat).kind == cal.info(sun).kind == "weekend"
    assert cal.info(sat).name == ""
    assert (cal.note(sat), cal.note(sun)) == ("休息日", "休息日")
    assert not cal.is_workday(sat)


def test_matches_the_library_for_2022(cal: WorkCalendar):
    day = date(2022, 1, 1)
    while day.year == 2022:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_2027_is_unknown_and_warned(cal: WorkCalendar):
    assert 2022 in cal.known_years() and 2004 in cal.known_years()
    assert not cal.year_known(2027)
    info = cal.info(date(2027, 2, 6))  # a Saturday
    assert (info.kind, info.source, info.is_workday) == ("weekend", "unknown", False)
    assert cal.info(date(2027, 2, 8)).source == "unknown"
    assert cal.unknown_years([date(2027, 6, 2), date(2022, 6, 1), date(2027, 6, 9)]) == [2027]
    assert cal.warning_for_years([2022]) is None
    assert cal.warning_for_years([2022, 2027]) == (
        "2027年的法定节假日安排尚未收录（国务院通常在上一年年底公布），"
        "周末以外的节假日无法标出。可在“节假日设置”中手工录入。"
    )
    assert cal.warning_for_years([2028, 2027, 2027]).startswith("2027年、2028年的")
    assert cal.warning_for_days([date(2027, 6, 2)]) == cal.warning_for_years([2027])


def test_warning_for_a_year_before_the_library_says_nothing_of_next_year(cal: WorkCalendar):
    text = cal.warning_for_years([2003])
    assert text is not None and text.startswith("2003年的法定节假日安排尚未收录，")


def test_manual_overrides_make_a_year_known():
    cal = WorkCalendar(
        [
            DayOverride(date(2027, 2, 8), False, "春节"),  # a Monday
            DayOverride(date(2027, 2, 6), True),  # a Saturday worked: 调休上班
        ]
    )
    assert cal.year_known(2027)
    assert 2027 in cal.known_years()
    assert cal.unknown_years([date(2027, 6, 2)]) == []
    assert cal.warning_for_years([2027]) is None
    assert cal.info(date(2027, 2, 6)) == DayInfo(
        date(2027, 2, 6), True, "makeup_workday", "", "manual"
    )
    assert cal.note(date(2027, 2, 6)) == "调休上班"
    assert cal.info(date(2027, 2, 8)).kind == "holiday"
    assert cal.note(date(2027, 2, 8)) == "春节假期"
    # The other days of a manually known year follow the weekends.
    assert cal.info(date(2027, 2, 13)) == DayInfo(date(2027, 2, 13), False, "weekend", "", "manual")
    assert cal.info(date(2027, 2, 10)).kind == "workday"
    assert [o.day for o in cal.overrides] == [date(2027, 2, 6), date(2027, 2, 8)]


def test_manual_overrides_win_over_the_library():
    cal = WorkCalendar(
        [
            DayOverride(date(2022, 6, 3), True),  # local arrangement: worked on 端午节
            DayOverride(date(2022, 6, 7), False, " 防汛值守 "),
            DayOverride(date(2022, 6, 11), False),  # a Saturday entered without a name
        ]
    )
    assert cal.info(date(2022, 6, 3)) == DayInfo(date(2022, 6, 3), True, "workday", "", "manual")
    assert cal.note(date(2022, 6, 3)) == ""
    assert cal.note(date(2022, 6, 7)) == "防汛值守假期"
    assert cal.info(date(2022, 6, 11)).kind == "weekend"
    assert cal.note(date(2022, 6, 11)) == "休息日"
    # Days not entered still come from the library.
    assert cal.info(date(2022, 6, 4)).source == "library"


def test_a_nameless_manual_holiday_on_a_weekday():
    cal = WorkCalendar([DayOverride(date(2027, 10, 4), False)])
    assert cal.info(date(2027, 10, 4)).kind == "holiday"
    assert cal.note(date(2027, 10, 4)) == "放假"


def test_other_holidays_in_chinese(cal: WorkCalendar):
    assert cal.note(date(2022, 10, 3)) == "国庆节假期"
    assert cal.note(date(2022, 2, 1)) == "春节假期"
    assert cal.note(date(2022, 9, 12)) == "中秋节假期"
    assert cal.note(date(2015, 9, 3)) == "抗战胜利纪念日假期"
