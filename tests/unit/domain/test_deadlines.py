from datetime import date, datetime, time

import pytest

from anquanyue_desktop.domain.board import build_board, due_soon, overdue, unit_tally
from anquanyue_desktop.domain.campaign_templates import JIANGHAI_2023, TEMPLATES, YINCHENG_2022
from anquanyue_desktop.domain.deadlines import (
    ASAP,
    DAILY_KIND,
    DIRECTION_OUT,
    MONTHLY_KIND,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
    format_due,
    occurrences,
    shift_year,
    validate_deadline,
)
from anquanyue_desktop.domain.submissions import (
    EXEMPT,
    LATE,
    ON_TIME,
    OVERDUE,
    PENDING,
    Submission,
    status_of,
    tally,
)

WEEKLY = Deadline(
    1,
    "周活动开展情况",
    DeadlineRule(
        WEEKLY_KIND, at=time(18, 0), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
    ),
    id=7,
)
ONCE_EOD = Deadline(1, "联络员推荐表", DeadlineRule(ONCE, on=date(2022, 5, 31)), id=8)


def test_the_wednesdays_of_june_2022_at_18():
    dues = [o.due for o in occurrences(WEEKLY)]
    assert dues == [datetime(2022, 6, d, 18, 0) for d in (1, 8, 15, 22, 29)]
    assert [o.label for o in occurrences(WEEKLY)][1] == "周活动开展情况（第2周）"
    assert format_due(occurrences(WEEKLY)[1]) == "6月8日（周三）18:00"


def test_exact_time_lateness_to_the_second():
    occ = occurrences(WEEKLY)[1]
    assert not occ.is_late(datetime(2022, 6, 8, 18, 0, 0))
    assert not occ.is_late(datetime(2022, 6, 8, 18, 0, 0, 999999))
    assert occ.is_late(datetime(2022, 6, 8, 18, 0, 1))


def test_end_of_day_lateness():
    (occ,) = occurrences(ONCE_EOD)
    assert format_due(occ) == "5月31日（周二）"
    assert not occ.is_late(datetime(2022, 5, 31, 23, 59, 59))
    assert occ.is_late(datetime(2022, 6, 1, 0, 0, 0))


def test_monthly_without_a_day_falls_on_month_end_and_day_31_on_short_months():
    cases = next(d for d in JIANGHAI_2023.deadlines if d.rule.kind == MONTHLY_KIND)
    dues = [o.due.date() for o in occurrences(cases)]
    assert dues[0] == date(2023, 6, 30) and dues[-1] == date(2023, 12, 31) and len(dues) == 7
    d31 = Deadline(
        1,
        "月报",
        DeadlineRule(MONTHLY_KIND, day_of_month=31, start=date(2023, 1, 1), end=date(2023, 4, 30)),
    )
    assert [o.due.date() for o in occurrences(d31)] == [
        date(2023, 1, 31),
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 30),
    ]
    d7 = Deadline(
        1,
        "月报",
        DeadlineRule(
            MONTHLY_KIND,
            day_of_month=7,
            at=time(17, 30),
            start=date(2023, 6, 1),
            end=date(2023, 8, 31),
        ),
    )
    assert [o.due for o in occurrences(d7)] == [datetime(2023, m, 7, 17, 30) for m in (6, 7, 8)]


def test_daily_and_asap():
    daily = Deadline(
        1,
        "日报",
        DeadlineRule(DAILY_KIND, at=time(9), start=date(2022, 6, 1), end=date(2022, 6, 3)),
    )
    assert len(occurrences(daily)) == 3
    assert occurrences(Deadline(1, "重要活动", DeadlineRule(ASAP))) == []


def test_validation_messages():
    assert validate_deadline(WEEKLY) == []
    bad = Deadline(
        1,
        " ",
        DeadlineRule(WEEKLY_KIND, weekday=None, start=date(2022, 6, 30), end=date(2022, 6, 1)),
    )
    messages = {p.message for p in validate_deadline(bad)}
    assert "请填写报送内容（如“联络员推荐表”）" in messages
    assert "结束日期早于开始日期" in messages
    assert "请选择星期几" in messages
    empty = Deadline(
        1,
        "周报",
        DeadlineRule(WEEKLY_KIND, weekday=3, start=date(2022, 6, 2), end=date(2022, 6, 7)),
    )
    assert {p.code for p in validate_deadline(empty)} == {"no_occurrence"}
    assert {p.code for p in validate_deadline(Deadline(1, "x", DeadlineRule(ONCE)))} == {
        "date_missing"
    }


def test_status_changes():
    occ = occurrences(WEEKLY)[1]
    before = datetime(2022, 6, 8, 12, 0)
    after = datetime(2022, 6, 8, 18, 0, 1)
    assert status_of(occ, None, before) == PENDING
    assert status_of(occ, None, after) == OVERDUE
    sub = Submission(7, occ.key, 1, received_at=datetime(2022, 6, 8, 17, 59))
    assert status_of(occ, sub, after) == ON_TIME
    late = Submission(7, occ.key, 1, received_at=datetime(2022, 6, 8, 18, 0, 1))
    assert status_of(occ, late, after) == LATE
    exempt = Submission(7, occ.key, 1, exempt_reason="本周停产")
    assert status_of(occ, exempt, after) == EXEMPT
    t = tally([ON_TIME, LATE, EXEMPT, OVERDUE])
    assert (t.expected, t.outstanding, t.on_time_rate, t.overall_rate) == (3, 1, 1 / 3, 2 / 3)


def test_board_due_soon_overdue_and_unit_rates():
    own = Deadline(
        1, "向区里报总结", DeadlineRule(ONCE, on=date(2022, 6, 10)), direction=DIRECTION_OUT, id=9
    )
    subs = {
        (7, "2022-06-01", 1): Submission(7, "2022-06-01", 1, received_at=datetime(2022, 6, 1, 9)),
        (7, "2022-06-08", 1): Submission(7, "2022-06-08", 1, received_at=datetime(2022, 6, 8, 9)),
    }
    now = datetime(2022, 6, 7, 10, 0)
    board = build_board([WEEKLY, own], [1, 2], subs, now)
    assert [s.occurrence.due.day for s in overdue(board, now)] == [1]
    assert overdue(board, now)[0].outstanding == [2]
    soon = due_soon(board, now, 3)
    assert [s.occurrence.label for s in soon] == ["周活动开展情况（第2周）", "向区里报总结"]
    own_state = next(s for s in board if s.is_own)
    assert list(own_state.statuses) == [None]
    assert unit_tally(board, 1, now).on_time_rate == 1.0
    assert unit_tally(board, 2, now).overall_rate == 0.0


def test_shift_year_keeps_weekday_rule_and_moves_dates():
    moved = shift_year(WEEKLY, 4)
    assert moved.rule.start == date(2026, 6, 1) and moved.id is None
    assert [o.due.weekday() for o in occurrences(moved)] == [2] * 4


@pytest.mark.parametrize("t", TEMPLATES, ids=lambda t: t.key)
def test_templates_are_valid_and_move_to_another_year(t):
    assert all(validate_deadline(d) == [] for d in t.deadlines)
    campaign, deadlines = t.for_year(2027)
    assert campaign.year == 2027 and campaign.ordinal == 26
    assert all(validate_deadline(d) == [] for d in deadlines)


def test_yincheng_template_is_the_seed_notice():
    kinds = [(d.title, d.rule.kind) for d in YINCHENG_2022.deadlines]
    assert kinds == [
        ("联络员推荐表", ONCE),
        ("活动方案", ONCE),
        ("周活动开展情况", WEEKLY_KIND),
        ("重要活动、特色活动", ASAP),
        ("工作总结", ONCE),
    ]
