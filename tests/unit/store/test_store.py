import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from sqlite_utils import Database

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.store import SCHEMA_VERSION, DatabaseDamaged, DatabaseTooNew, Store
from anquanyue_desktop.store.migrations import MIGRATIONS, migrate, user_version
from anquanyue_desktop.usecases.demo import install_demo


def test_migrations_run_in_order_on_memory_database_and_only_once():
    db = Database(memory=True)
    assert migrate(db) == [m.__name__ for m in MIGRATIONS]
    assert user_version(db) == SCHEMA_VERSION
    assert {"campaigns", "units", "settings"} <= set(db.table_names())
    assert migrate(db) == []


def test_store_turns_on_foreign_keys_and_wal(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_campaign_round_trip_and_validation(store):
    saved = store.campaigns.save(
        Campaign(
            year=2024,
            ordinal=23,
            theme="人人讲安全、个个会应急——畅通生命通道",
            period_start=date(2024, 6, 1),
            period_end=date(2024, 6, 30),
            issuer="祖师街道办事处",
            contact_phone="0374-4321567",
        )
    )
    assert saved.id is not None
    assert store.campaigns.by_year(2024) == saved
    updated = store.campaigns.save(replace(saved, theme="新主题"))
    assert store.campaigns.get(saved.id).theme == "新主题" == updated.theme
    with pytest.raises(ValidationError) as err:
        store.campaigns.save(Campaign(year=2024))
    assert "已经存在" in str(err.value)
    with pytest.raises(ValidationError, match="早于开始日期"):
        store.campaigns.save(
            Campaign(year=2025, period_start=date(2025, 6, 2), period_end=date(2025, 6, 1))
        )
    assert [c.year for c in store.campaigns.list()] == [2024]


def test_units_persist_across_restart(data_dir):
    from anquanyue_desktop.store.paths import database_path

    path = database_path(data_dir)
    with Store(path) as s:
        added, skipped = s.units.add_names(["东村", "西村", "东村"])
        assert [u.name for u in added] == ["东村", "西村"] and skipped == ["东村"]
    with Store(path) as s:
        assert [u.name for u in s.units.list()] == ["东村", "西村"]


def test_save_all_is_one_transaction(store):
    store.units.add_names(["东村", "西村"])
    units = store.units.list()
    bad = [replace(units[0], name="北村"), replace(units[1], name="北村")]
    with pytest.raises(ValidationError):
        store.units.save_all(bad)
    assert [u.name for u in store.units.list()] == ["东村", "西村"]


def test_names_can_be_swapped_in_one_save(store):
    store.units.add_names(["东村", "西村"])
    a, b = store.units.list()
    saved, _ = store.units.save_all([replace(a, name="西村"), replace(b, name="东村")])
    assert [u.name for u in saved] == ["西村", "东村"]


def test_a_unit_with_data_is_deactivated_not_deleted(store):
    store.units.add_names(["东村", "西村", "南村"])
    east, west, south = store.units.list()
    # Any later table that points at units counts as "data".
    store.db.execute(
        "CREATE TABLE liaison_probe (id INTEGER PRIMARY KEY, unit_id INTEGER REFERENCES units(id))"
    )
    store.db.execute("INSERT INTO liaison_probe (unit_id) VALUES (?)", [east.id])
    _, deactivated = store.units.save_all([south], deleted_ids=[east.id, west.id])
    assert [u.name for u in deactivated] == ["东村"]
    names = {u.name: u.active for u in store.units.list()}
    assert names == {"东村": False, "南村": True}


def test_newer_database_is_refused_without_being_touched(tmp_path):
    path = tmp_path / "anquanyue.db"
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as err:
        Store(path)
    assert "更新版本" in err.value.message and "不会打开" in err.value.message
    assert path.read_bytes() == before


def test_garbage_file_is_reported_as_damaged(tmp_path):
    path = tmp_path / "anquanyue.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseDamaged) as err:
        Store(path)
    assert "已损坏" in err.value.message


def test_truncated_database_is_reported_as_damaged(tmp_path):
    path = tmp_path / "anquanyue.db"
    with Store(path) as s:
        s.units.add_names([f"单位{i}" for i in range(2000)])
    data = path.read_bytes()
    # Keep the header page, scribble over the b-tree pages.
    path.write_bytes(data[:4096] + b"\x07" * (len(data) - 4096))
    with pytest.raises(DatabaseDamaged):
        Store(path)


def test_demo_is_idempotent(store):
    c1 = install_demo(store)
    c2 = install_demo(store)
    assert c1.id == c2.id and c1.is_demo
    assert store.units.count() == 12


def test_demo_goes_beside_a_real_campaign_of_its_year(store):
    real = store.campaigns.save(Campaign(year=2022, theme="正式"))
    store.campaigns.save(Campaign(year=2021, theme="正式"))
    demo = install_demo(store)
    # Its own marked campaign in the nearest free earlier year, every date moved there.
    assert demo.is_demo and demo.year == 2020 and "【示例】" in demo.title
    assert demo.period_start.year == 2020
    assert store.campaigns.get(real.id).theme == "正式" and not store.campaigns.get(real.id).is_demo
    deadlines = store.deadlines.list(demo.id)
    assert deadlines and all(
        (d.rule.on or d.rule.start).year == 2020 for d in deadlines if d.rule.on or d.rule.start
    )
    activities = store.activities.list(demo.id)
    assert activities and {a.on.year for a in activities} == {2020}
    assert store.submissions.for_campaign(demo.id)
    assert store.campaign_forms.chosen(demo.id)
    assert store.deadlines.list(real.id) == []
    # Again: the same demo, nothing doubled.
    assert install_demo(store).id == demo.id


def test_unit_repository_keeps_order(store):
    store.units.save_all([Unit("乙", sort_order=2), Unit("甲", sort_order=1)])
    assert [u.name for u in store.units.list()] == ["甲", "乙"]


def test_every_new_campaign_starts_with_liaison_and_statistics_forms(store):
    from anquanyue_desktop.usecases.campaigns import create_campaign

    blank = create_campaign(store, Campaign(year=2026))
    assert dict((r, k) for k, r in store.campaign_forms.chosen(blank.id)) == {
        "liaison": "yincheng-liaison",
        "statistics": "activity-statistics",
    }
    # A campaign bringing its own liaison form keeps it and gains the statistics table.
    own = create_campaign(store, Campaign(year=2027), forms=[("zushi-liaison", "liaison")])
    assert sorted(store.campaign_forms.chosen(own.id)) == [
        ("activity-statistics", "statistics"),
        ("zushi-liaison", "liaison"),
    ]
    assert {t.key for t in store.forms.list_latest()} >= {"yincheng-liaison", "zushi-liaison"}
