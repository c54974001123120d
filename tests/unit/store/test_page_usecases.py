"""The use cases the pages read and write through, without Qt: the rules they hold (which
weeks the 活动记录 page filters by, which units an activity may be logged for, a holiday
entered twice) and writes that are one action each."""

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from anquanyue_desktop.domain.activities import Activity, activity_photos
from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.deadlines import (
    DIRECTION_IN,
    DIRECTION_OUT,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
    occurrences,
)
from anquanyue_desktop.domain.form_entries import ROLE_LIAISON, FormEntry
from anquanyue_desktop.domain.submissions import Submission
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.domain.workdays import DayOverride
from anquanyue_desktop.store.activity_repository import OWN_ACTIVITIES
from anquanyue_desktop.usecases.activities import (
    activity_categories,
    activity_weeks,
    campaign_activities,
    delete_activity,
    find_activities,
    fresh_activities,
    new_activity,
    photo_picks,
    save_activity_categories,
    save_photo_picks,
    units_to_log_for,
)
from anquanyue_desktop.usecases.campaigns import (
    all_campaigns,
    campaign_problems,
    carry_over_sources,
    delete_campaign,
    new_campaign_defaults,
    save_campaign,
    year_taken,
)
from anquanyue_desktop.usecases.deadlines import (
    campaign_deadlines,
    day_overrides,
    delete_deadline,
    load_work_calendar,
    recorded_under,
    save_day_overrides,
    save_deadline,
    take_back_deadline_edit,
    take_back_new_deadline,
)
from anquanyue_desktop.usecases.demo import install_demo
from anquanyue_desktop.usecases.form_templates import (
    choose_forms,
    chosen_forms,
    delete_form,
    edited_form_problems,
    form_library,
    form_versions,
    is_filled_in,
    keys_ever_used,
    latest_form,
    save_form,
)
from anquanyue_desktop.usecases.receipts import save_form_entries
from anquanyue_desktop.usecases.reminders import (
    SETTING_LEAD_MINUTES,
    reminder_lead_minutes,
    save_reminder_lead_minutes,
)
from anquanyue_desktop.usecases.submissions import put_back_submissions, record_submissions
from anquanyue_desktop.usecases.undo import deadline_submissions, restore_activity
from anquanyue_desktop.usecases.units import (
    active_units,
    all_units,
    save_units,
    units_in_use_or_with,
)


def _weekly(campaign_id, direction=DIRECTION_IN):
    rule = DeadlineRule(
        WEEKLY_KIND, weekday=3, at=time(18), start=date(2024, 6, 1), end=date(2024, 6, 30)
    )
    return Deadline(campaign_id, "每周活动情况", rule, direction)


def test_the_weeks_follow_the_units_weekly_deadline_else_iso_weeks(store):
    june = store.campaigns.save(
        Campaign(year=2024, period_start=date(2024, 6, 1), period_end=date(2024, 6, 30))
    )
    iso = activity_weeks(store, june, [])
    assert [w.label for w in iso][::4] == ["2024年第22周", "2024年第26周"] and len(iso) == 5

    # A weekly report the township sends upward does not make the units' weeks.
    save_deadline(store, _weekly(june.id, DIRECTION_OUT))
    assert [w.label for w in activity_weeks(store, june, [])] == [w.label for w in iso]

    save_deadline(store, _weekly(june.id))
    weeks = activity_weeks(store, june, [])
    assert [w.label for w in weeks] == [
        "第1周（6月5日18:00报）",
        "第2周（6月12日18:00报）",
        "第3周（6月19日18:00报）",
        "第4周（6月26日18:00报）",
    ]
    assert weeks[0].after is None and weeks[1].after == datetime(2024, 6, 5, 18)


def test_without_a_period_the_weeks_span_the_days_logged(store):
    (unit,), _ = store.units.add_names(["荫城村"])
    c = store.campaigns.save(Campaign(year=2024))
    assert activity_weeks(store, c, []) == []
    logged = [
        Activity(c.id, unit.id, date(2024, 6, 12), "宣传", "咨询日"),
        Activity(c.id, unit.id, date(2024, 6, 20), "宣传", "演练"),
    ]
    assert [w.label for w in activity_weeks(store, c, logged)] == ["2024年第24周", "2024年第25周"]


def test_an_activity_is_logged_for_units_in_use_and_keeps_its_stopped_unit(store):
    store.units.add_names(["荫城村", "东村", "西村"])
    village, east, west = store.units.list()
    store.units.save_all([village, replace(east, active=False), replace(west, active=False)])
    c = store.campaigns.save(Campaign(year=2024))
    new = Activity(c.id, None, date(2024, 6, 3), "宣传", "")
    assert [u.name for u in units_to_log_for(store, new)] == ["荫城村"]
    old = replace(new, unit_id=east.id)
    assert [u.name for u in units_to_log_for(store, old)] == ["荫城村", "东村"]
    assert all(isinstance(u, Unit) for u in units_to_log_for(store, old))


def test_deleting_an_activity_hands_back_its_picked_photos(store):
    campaign = install_demo(store)
    a = next(x for x in campaign_activities(store, campaign) if len(activity_photos(x)) >= 2)
    second = activity_photos(a)[1].id
    save_photo_picks(store, {a.id: (second,)}, {(a.id, second): "消防演练现场"})
    assert photo_picks(store, a) == (second,)
    # The activity as read before the caption was written comes back as stored now.
    (a,), chosen = fresh_activities(store, [a])
    assert activity_photos(a)[1].caption == "消防演练现场" and chosen[a.id] == (second,)

    picks = delete_activity(store, a)
    assert picks == (second,)
    assert all(x.id != a.id for x in campaign_activities(store, campaign))
    back = restore_activity(store, a, picks)
    assert photo_picks(store, back) == (second,)
    assert activity_photos(back)[1].caption == "消防演练现场"


def test_a_category_in_use_cannot_be_dropped(store):
    campaign = install_demo(store)
    used = campaign_activities(store, campaign)[0].category
    kept = [c for c in activity_categories(store, campaign) if c != used]
    with pytest.raises(ValidationError):
        save_activity_categories(store, campaign, kept)
    assert used in activity_categories(store, campaign)
    assert save_activity_categories(store, campaign, [*kept, used, "安全宣传进企业"])[-1] == (
        "安全宣传进企业"
    )


def test_a_holiday_entered_twice_is_refused_and_nothing_is_written(store):
    qingming = DayOverride(date(2031, 4, 5), False, "清明节")
    save_day_overrides(store, [qingming])
    twice = [DayOverride(date(2031, 5, 1), False, "劳动节")] * 2
    with pytest.raises(ValidationError) as refused:
        save_day_overrides(store, [*twice, qingming], removed={qingming.day})
    assert refused.value.problems[0].message == "同一天录入了两次：5月1日"
    assert day_overrides(store) == [qingming]
    assert load_work_calendar(store).info(qingming.day).kind == "holiday"

    # A day dropped from the list is dropped from the calendar.
    save_day_overrides(store, [twice[0]], removed={qingming.day})
    assert day_overrides(store) == [twice[0]]


def test_a_deadline_deleted_takes_its_submissions_along_and_hands_them_back(store):
    campaign = install_demo(store)
    d = next(x for x in campaign_deadlines(store, campaign) if deadline_submissions(store, x))
    recorded = deadline_submissions(store, d)
    assert recorded_under(store, d) == len(recorded) > 0
    assert delete_deadline(store, d) == recorded
    assert all(x.id != d.id for x in campaign_deadlines(store, campaign))

    added = save_deadline(
        store, Deadline(campaign.id, "补报材料", DeadlineRule(ONCE, on=date(2022, 6, 9)))
    )
    assert take_back_new_deadline(store, added) == []
    assert all(x.id != added.id for x in campaign_deadlines(store, campaign))

    edited = campaign_deadlines(store, campaign)[0]
    save_deadline(store, replace(edited, title="改过的标题"))
    take_back_deadline_edit(store, edited, edited.id)
    assert campaign_deadlines(store, campaign)[0].title == edited.title


def test_a_new_campaign_starts_from_the_latest_real_one(store):
    today = date(2025, 10, 8)  # from September the next June's campaign is awaited
    assert new_campaign_defaults(store, today).year == 2026
    demo = install_demo(store)
    fresh = new_campaign_defaults(store, today)
    assert (fresh.year, fresh.issuer, fresh.period_start) == (2026, "", date(2026, 6, 1))
    assert carry_over_sources(store) == [demo]  # nothing else to carry over from

    real = save_campaign(store, replace(fresh, issuer="荫城镇人民政府", contact_person="李四"))
    assert real.id is not None and chosen_forms(store, real)  # built-in forms, like any new one
    again = new_campaign_defaults(store, today)
    assert (again.year, again.issuer, again.contact_person) == (2027, "荫城镇人民政府", "李四")
    assert carry_over_sources(store) == [real]
    assert year_taken(store, 2026) and not year_taken(store, 2027)
    clash = campaign_problems(store, replace(again, year=2026))
    assert clash and all(p.field == "year" for p in clash)

    delete_campaign(store, real)
    assert all_campaigns(store) == [demo]


def test_the_form_editor_refuses_a_taken_key_and_a_changed_type_of_a_filled_in_form(store):
    store.units.add_names(["荫城村"])
    campaign = save_campaign(store, Campaign(year=2024))  # with the built-in forms
    liaison = latest_form(store, "yincheng-liaison")
    assert liaison is not None and not is_filled_in(store, liaison)
    copy = replace(liaison, name="联络员表（副本）", version=1)
    assert [p.code for p in edited_form_problems(store, copy, None)] == ["key_taken"]
    assert edited_form_problems(store, replace(copy, key="my-liaison"), None) == []

    (unit, *_) = active_units(store)
    save_form_entries(
        store,
        campaign.id,
        liaison,
        [
            FormEntry(
                campaign.id,
                liaison.key,
                liaison.version,
                unit.id,
                {"name": "张三", "mobile": "15234537719"},
            )
        ],
    )
    assert is_filled_in(store, liaison)
    retyped = replace(
        liaison,
        fields=tuple(replace(f, type="number") if f.key == "name" else f for f in liaison.fields),
    )
    assert "type_changed" in {p.code for p in edited_form_problems(store, retyped, liaison)}

    # A field dropped in a new version keeps its key taken: a new field never reuses it.
    fields, _rows = keys_ever_used(store, liaison.key)
    saved = save_form(
        store, replace(liaison, fields=tuple(f for f in liaison.fields if f.key != "mobile"))
    )
    assert saved.version == liaison.version + 1
    assert form_versions(store, liaison.key) == [liaison.version, saved.version]
    assert keys_ever_used(store, liaison.key)[0] == fields and "mobile" in fields
    with pytest.raises(ValidationError):
        delete_form(store, liaison.key)  # units filled it in
    choose_forms(store, campaign, [(liaison.key, ROLE_LIAISON)])
    assert chosen_forms(store, campaign) == [(liaison.key, ROLE_LIAISON)]
    assert liaison.key in {t.key for t in form_library(store)}


def test_the_sheet_keeps_a_stopped_unit_that_has_an_entry(store):
    store.units.add_names(["荫城村", "东村", "西村"])
    village, east, west = all_units(store)
    saved, stopped = save_units(store, [village, east, west], deleted_ids=[])
    assert stopped == [] and [u.name for u in saved] == ["荫城村", "东村", "西村"]
    save_units(store, [village, replace(east, active=False), replace(west, active=False)])
    assert [u.name for u in active_units(store)] == ["荫城村"]
    assert [u.name for u in units_in_use_or_with(store, {east.id: None})] == ["荫城村", "东村"]


def _by_cell(submissions):
    return sorted(submissions, key=lambda s: (s.occurrence_key, s.unit_id))


def test_a_batch_of_cells_is_refused_whole_with_each_fault_said_once(store):
    campaign = install_demo(store)
    d = next(x for x in campaign_deadlines(store, campaign) if x.direction == DIRECTION_IN)
    occurrence = occurrences(d)[0]
    now = datetime(2022, 6, 10, 9)
    units = active_units(store)[:3]
    future = [
        (occurrence, Submission(d.id, occurrence.key, u.id, received_at=datetime(2022, 6, 11)))
        for u in units
    ]
    fine = (occurrence, Submission(d.id, occurrence.key, units[0].id, note="电话催报"))
    before = deadline_submissions(store, d)
    with pytest.raises(ValidationError) as refused:
        record_submissions(store, [fine, *future], now)
    assert [p.message for p in refused.value.problems] == ["收到时间不能晚于现在"]
    assert deadline_submissions(store, d) == before  # nothing of the batch written

    cell = (occurrence.key, units[0].id)
    held = next(
        (s for s in before if (s.occurrence_key, s.unit_id) == cell),
        Submission(d.id, *cell),  # an empty cell: writing it clears the cell again
    )
    record_submissions(store, [fine], now)
    assert any(s.note == "电话催报" for s in deadline_submissions(store, d))
    put_back_submissions(store, [held])  # 撤销
    assert _by_cell(deadline_submissions(store, d)) == _by_cell(before)


def test_the_reminder_lead_is_two_hours_until_the_clerk_sets_it(store):
    assert reminder_lead_minutes(store) == 120
    save_reminder_lead_minutes(store, 45)
    assert reminder_lead_minutes(store) == 45
    store.settings.set(SETTING_LEAD_MINUTES, "两小时")  # written by hand: not a number
    assert reminder_lead_minutes(store) == 120


def test_the_search_box_takes_pinyin_initials_or_words(store):
    campaign = install_demo(store)
    logged = campaign_activities(store, campaign)
    names = {u.id: u.name for u in all_units(store)}

    def titles(query, **filters):
        return {a.title for a in find_activities(logged, names, query, **filters)}

    east = {a.title for a in logged if names.get(a.unit_id, "").startswith("东村")}
    assert east and titles("dc") >= east  # 东村 by its pinyin initials
    assert titles("  消防 演练 ") == {
        a.title for a in logged if "消防" in a.title and "演练" in a.title
    }
    assert titles("bj") >= {a.title for a in logged if a.unit_id is None}  # 本级
    weeks = activity_weeks(store, campaign, logged)
    first = titles("", week=weeks[0])
    assert first and first == {a.title for a in logged if a.on <= weeks[0].until.date()}
    assert titles("", unit_id=OWN_ACTIVITIES) == {a.title for a in logged if a.unit_id is None}


def test_a_new_activity_starts_from_the_filters_and_the_selected_row(store):
    june = Campaign(year=2024, period_start=date(2024, 6, 1), period_end=date(2024, 6, 30), id=7)
    kinds = ("宣传", "演练")
    new = new_activity(june, kinds, unit_id=None, category=None, near=None, today=date(2024, 6, 9))
    assert (new.campaign_id, new.unit_id, new.on, new.category, new.title) == (
        7,
        None,
        date(2024, 6, 9),
        "宣传",
        "",
    )
    # Outside the period a new entry starts on its first day; 本级 filtered is no unit.
    late = new_activity(
        june, kinds, unit_id=OWN_ACTIVITIES, category="演练", near=None, today=date(2024, 11, 2)
    )
    assert (late.unit_id, late.on, late.category) == (None, date(2024, 6, 1), "演练")
    beside = Activity(7, 3, date(2024, 5, 20), "宣传", "提前宣传")
    near = new_activity(june, kinds, unit_id=3, category=None, near=beside, today=date(2024, 6, 9))
    assert (near.unit_id, near.on) == (3, date(2024, 5, 20))  # the selected row's date, kept
