"""The use cases the 报表 and 周报与总结 panels read and write through (no repository of the
store is touched by the panels themselves)."""

from dataclasses import replace
from datetime import date

import pytest

from anquanyue_desktop.domain.activities import Activity
from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_entries import ROLE_LIAISON, ROLE_STATISTICS, FormEntry
from anquanyue_desktop.domain.forms import Field, body_fields
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.usecases.form_entries import campaign_entries, entry_template, sheet_entries
from anquanyue_desktop.usecases.pictures import summary_photo_choices
from anquanyue_desktop.usecases.reports import mail_limit_mb, save_mail_limit_mb
from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms
from anquanyue_desktop.usecases.works import submission_units

LIAISON = {"name": "张三", "mobile": "15234537719"}


@pytest.fixture
def two_years(store):
    ensure_shipped_forms(store)
    store.units.add_names(["荫城村", "东村"])
    last = store.campaigns.save(Campaign(year=2023))
    this = store.campaigns.save(Campaign(year=2024))
    for c in (last, this):
        store.campaign_forms.set_chosen(
            c.id, [("yincheng-liaison", ROLE_LIAISON), ("activity-statistics", ROLE_STATISTICS)]
        )
    return store, last, this


def test_the_sheet_is_prefilled_from_last_year_for_the_liaison_form_only(two_years):
    store, last, this = two_years
    liaison = store.forms.latest("yincheng-liaison")
    statistics = store.forms.latest("activity-statistics")
    village = store.units.list()[0]
    store.form_entries.save(liaison, [FormEntry(last.id, liaison.key, 1, village.id, LIAISON)])
    number = next(f.key for f in body_fields(statistics) if f.type == "number")
    store.form_entries.save(
        statistics, [FormEntry(last.id, statistics.key, 1, village.id, {number: 3})]
    )

    saved, previous = sheet_entries(store, this, liaison.key, ROLE_LIAISON)
    assert saved == {} and previous[village.id].values["name"] == "张三"
    saved, previous = sheet_entries(store, this, statistics.key, ROLE_STATISTICS)
    assert saved == {} and previous == {}
    saved, _ = sheet_entries(store, last, liaison.key, ROLE_LIAISON)
    assert saved == campaign_entries(store, last, liaison.key)
    assert saved[village.id].values["name"] == "张三"


def test_an_entry_shows_in_the_form_version_it_was_filled_in(two_years):
    store, _last, this = two_years
    v1 = store.forms.latest("yincheng-liaison")
    village = store.units.list()[0]
    store.form_entries.save(v1, [FormEntry(this.id, v1.key, 1, village.id, LIAISON)])
    v2 = store.forms.save(replace(v1, fields=(*v1.fields, Field("wechat", "微信号", "text"))))
    assert v2.version == 2
    entry = campaign_entries(store, this, v1.key)[village.id]
    assert entry_template(store, v2, entry) == store.forms.get(v1.key, 1)
    assert entry_template(store, v2, None) is v2
    assert entry_template(store, v2, replace(entry, template_version=2)) is v2
    gone = replace(entry, template_version=9)  # a version no longer there: the current one
    assert entry_template(store, v2, gone) is v2


def test_the_mail_limit_is_50_mb_until_the_clerk_sets_it(store):
    assert mail_limit_mb(store) == 50
    save_mail_limit_mb(store, 20)
    assert mail_limit_mb(store) == 20


def test_a_works_submission_is_offered_for_active_units_in_roster_order(store):
    store.units.save_all(
        [
            Unit("西坡村", sort_order=2),
            Unit("东村", sort_order=1),
            Unit("旧村", sort_order=3, active=False),
        ]
    )
    assert [name for _id, name in submission_units(store)] == ["东村", "西坡村"]
    ids = {u.name: u.id for u in store.units.list()}
    assert submission_units(store)[0] == (ids["东村"], "东村")


def test_the_summary_offers_important_activities_first_each_by_date(store):
    store.units.save_all([Unit("东村", sort_order=1), Unit("旧村", sort_order=2, active=False)])
    east, old = store.units.list()
    campaign = store.campaigns.save(Campaign(year=2024))

    def add(title, on, important=False, unit=east):
        store.activities.save(
            Activity(campaign.id, unit.id, on, "应急演练", title, important=important)
        )

    add("六月演练", date(2024, 6, 20))
    add("重要培训", date(2024, 6, 18), important=True)
    add("五月宣传", date(2024, 5, 30), unit=old)
    add("重要演练", date(2024, 6, 2), important=True)
    activities, names = summary_photo_choices(store, campaign)
    assert [a.title for a in activities] == ["重要演练", "重要培训", "五月宣传", "六月演练"]
    assert names == {east.id: "东村", old.id: "旧村"}
