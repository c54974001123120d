"""What counts as delivered, judged from the deadline or chosen, and the receipts it gives."""

from datetime import date, datetime, time

from anquanyue_desktop.domain.deadlines import (
    ASAP,
    DIRECTION_OUT,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
)
from anquanyue_desktop.domain.delivery import (
    ACTIVITIES,
    FORM,
    MANUAL,
    delivery_of,
    is_auto,
    receipts_for_activity,
    receipts_for_forms,
)
from anquanyue_desktop.domain.submissions import Submission

LIAISON = Deadline(1, "联络员推荐表", DeadlineRule(ONCE, on=date(2022, 5, 31)), id=1)
WEEKLY = Deadline(
    1,
    "周活动开展情况",
    DeadlineRule(
        WEEKLY_KIND, at=time(18), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
    ),
    id=2,
)


def test_judged_from_the_title_or_chosen():
    assert (delivery_of(LIAISON).kind, delivery_of(LIAISON).role) == (FORM, "liaison")
    assert delivery_of(WEEKLY).kind == ACTIVITIES
    stats = Deadline(1, "活动情况统计表", DeadlineRule(ONCE, on=date(2022, 6, 30)), id=3)
    assert delivery_of(stats).role == "statistics"
    summary = Deadline(1, "活动总结", DeadlineRule(ONCE, on=date(2022, 7, 4)), id=4)
    assert delivery_of(summary).kind == MANUAL
    upward = Deadline(
        1, "联络员", DeadlineRule(ONCE, on=date(2022, 5, 31)), direction=DIRECTION_OUT, id=5
    )
    assert delivery_of(upward).kind == MANUAL
    assert delivery_of(Deadline(1, "重要活动", DeadlineRule(ASAP), id=6)).kind == MANUAL
    # The clerk's choice, stored as its words, wins over the title.
    chosen = Deadline(1, "周活动开展情况", WEEKLY.rule, form_template="手工登记", id=7)
    assert delivery_of(chosen).kind == MANUAL and not delivery_of(chosen).inferred


def test_form_receipt_fills_only_empty_cells():
    at = datetime(2022, 5, 30, 10, 15, 7, 123)
    (r,) = receipts_for_forms([LIAISON, WEEKLY], "liaison", [7], {}, at, "导入联络员表")
    assert (r.deadline_id, r.occurrence_key, r.unit_id) == (1, "2022-05-31", 7)
    assert r.received_at == datetime(2022, 5, 30, 10, 15, 7) and is_auto(r)
    typed = {(1, "2022-05-31", 7): Submission(1, "2022-05-31", 7, exempt_reason="停业")}
    assert receipts_for_forms([LIAISON], "liaison", [7], typed, at, "") == []
    assert receipts_for_forms([LIAISON], "statistics", [7], {}, at, "") == []


def test_activity_receipt_goes_to_the_week_holding_its_date():
    at = datetime(2022, 6, 20, 9, 0)
    # Due Wednesdays 18:00 (6/1, 6/8, 6/15 …): 6月16日 is in the week due 6月22日.
    (r,) = receipts_for_activity([LIAISON, WEEKLY], 7, date(2022, 6, 16), {}, at, "演练")
    assert (r.deadline_id, r.occurrence_key) == (2, "2022-06-22")
    # The due Wednesday itself belongs to the week ending that day.
    (r,) = receipts_for_activity([WEEKLY], 7, date(2022, 6, 15), {}, at, "")
    assert r.occurrence_key == "2022-06-15"
    assert receipts_for_activity([WEEKLY], None, date(2022, 6, 15), {}, at, "") == []
