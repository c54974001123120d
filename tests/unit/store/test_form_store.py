from dataclasses import replace

import pytest

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_entries import (
    ROLE_LIAISON,
    ROLE_STATISTICS,
    FormEntry,
    aggregate,
)
from anquanyue_desktop.domain.forms import Field, body_fields
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms


@pytest.fixture
def setup(store):
    assert len(ensure_shipped_forms(store)) == 5
    assert ensure_shipped_forms(store) == []
    store.units.add_names(["荫城村", "东村", "西坡村"])
    c = store.campaigns.save(Campaign(year=2023))
    store.campaign_forms.set_chosen(
        c.id, [("yincheng-liaison", ROLE_LIAISON), ("activity-statistics", ROLE_STATISTICS)]
    )
    return store, c


def test_entries_round_trip_and_validation_names_the_unit(setup):
    store, c = setup
    t = store.forms.latest("yincheng-liaison")
    units = store.units.list()
    good = FormEntry(c.id, t.key, t.version, units[0].id, {"name": "张三", "mobile": "15234537719"})
    store.form_entries.save(t, [good])
    assert store.form_entries.for_campaign(c.id, t.key)[units[0].id].values["name"] == "张三"
    bad = FormEntry(c.id, t.key, t.version, units[1].id, {"name": "李四", "mobile": "1523453771"})
    with pytest.raises(ValidationError) as err:
        store.form_entries.save(
            t, [replace(good, values={"name": "王五", "mobile": "15234537719"}), bad]
        )
    assert "东村：" in str(err.value) and "11位" in str(err.value)
    # Nothing of the failed batch was written.
    assert store.form_entries.for_campaign(c.id, t.key)[units[0].id].values["name"] == "张三"


def test_a_used_template_gets_a_new_version_and_old_entries_keep_theirs(setup):
    store, c = setup
    t = store.forms.latest("yincheng-liaison")
    unit = store.units.list()[0]
    edited = replace(t, name="联络员推荐表（改）")
    assert store.forms.save(edited).version == 1  # unused: edited in place
    store.form_entries.save(
        t, [FormEntry(c.id, t.key, 1, unit.id, {"name": "张三", "mobile": "15234537719"})]
    )
    extra = replace(edited, fields=(*edited.fields, Field("wechat", "微信号", "text")))
    v2 = store.forms.save(extra)
    assert v2.version == 2 and store.forms.versions(t.key) == [1, 2]
    entry = store.form_entries.for_campaign(c.id, t.key)[unit.id]
    assert entry.template_version == 1
    changed_type = replace(
        v2, fields=tuple(replace(f, type="longtext") if f.key == "name" else f for f in v2.fields)
    )
    store.form_entries.save(
        v2,
        [
            FormEntry(
                c.id, t.key, 2, unit.id, {"name": "张三", "mobile": "15234537719", "wechat": "zs"}
            )
        ],
    )
    with pytest.raises(ValidationError, match="类型不能"):
        store.forms.save(changed_type)
    with pytest.raises(ValidationError, match="不能删除"):
        store.forms.delete(t.key)


def test_statistics_are_summed_by_key_and_missing_units_named(setup):
    store, c = setup
    t = store.forms.latest("activity-statistics")
    units = store.units.list()
    numbers = [f for f in body_fields(t) if f.type == "number"]
    text = next(f for f in body_fields(t) if f.type != "number")
    store.form_entries.save(
        t,
        [
            FormEntry(
                c.id,
                t.key,
                1,
                units[0].id,
                {numbers[0].key: 2, numbers[1].key: 30, text.key: "甲案例"},
            ),
            FormEntry(c.id, t.key, 1, units[1].id, {numbers[0].key: 3, text.key: "乙案例"}),
        ],
    )
    entries = store.form_entries.for_campaign(c.id, t.key)
    agg = aggregate(t, entries, [(u.id, u.name) for u in units])
    assert agg.sums[numbers[0].key] == 5 and agg.sums[numbers[1].key] == 30
    assert agg.reported[numbers[1].key] == 1
    assert agg.texts[text.key] == (("荫城村", "甲案例"), ("东村", "乙案例"))
    assert agg.units_missing == ("西坡村",)


def test_previous_campaign_prefills_liaisons(setup):
    store, c = setup
    t = store.forms.latest("yincheng-liaison")
    unit = store.units.list()[0]
    store.form_entries.save(
        t, [FormEntry(c.id, t.key, 1, unit.id, {"name": "张三", "mobile": "15234537719"})]
    )
    c2 = store.campaigns.save(Campaign(year=2024))
    store.campaign_forms.set_chosen(c2.id, [("zushi-liaison", ROLE_LIAISON)])
    previous = store.form_entries.previous(c2.id, ROLE_LIAISON)
    assert previous[unit.id].values["name"] == "张三"


def test_the_provincial_statistics_form_says_where_it_comes_from(store):
    """The built-in statistics table is Hebei's (it has “安全生产燕赵行”): its title stays the
    original's, lists name its origin, and a folder installed before learns it at start."""
    import json
    from dataclasses import replace as _replace

    from anquanyue_desktop.domain.forms import template_to_data
    from anquanyue_desktop.imports.form_files import load_shipped
    from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms

    shipped = {t.key: t for t in load_shipped()}
    stats = shipped["activity-statistics"]
    assert stats.name == "“安全生产月”活动情况统计表"  # as printed on the original
    assert stats.label == "“安全生产月”活动情况统计表（河北·县交通运输系统2023年样表）"
    assert "燕赵" in stats.description
    # As an older release stored it: no origin, the old description.
    old = _replace(stats, origin="", description="全县交通运输系统2023年方案附件1")
    store.forms.install([old])
    assert store.forms.latest("activity-statistics").origin == ""
    ensure_shipped_forms(store)
    again = store.forms.latest("activity-statistics")
    assert again.label == stats.label and again.description == stats.description
    body = store.db.execute(
        "SELECT body FROM form_templates WHERE key = 'activity-statistics'"
    ).fetchone()[0]
    assert json.loads(body) == template_to_data(_replace(stats, version=again.version))


def test_a_clerks_own_version_of_the_statistics_form_keeps_its_words(store):
    """Only a stored version that is the shipped one gets the 出处; the clerk's edits stay."""
    from dataclasses import replace as _replace

    from anquanyue_desktop.imports.form_files import load_shipped
    from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms

    stats = next(t for t in load_shipped() if t.key == "activity-statistics")
    own = _replace(stats, origin="", description="本县的表", name="本县活动情况统计表")
    store.forms.install([own])
    ensure_shipped_forms(store)
    kept = store.forms.latest("activity-statistics")
    assert (kept.name, kept.description, kept.origin) == ("本县活动情况统计表", "本县的表", "")
