from dataclasses import replace
from datetime import date, datetime, time

import pytest

from anquanyue_desktop.domain.campaign_templates import JIANGHAI_2023, YINCHENG_2022
from anquanyue_desktop.domain.deadlines import ONCE, WEEKLY_KIND, Deadline, DeadlineRule
from anquanyue_desktop.domain.submissions import LATE, ON_TIME, OVERDUE, Submission
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.domain.workdays import DayOverride
from anquanyue_desktop.usecases.board import load_board
from anquanyue_desktop.usecases.campaigns import create_campaign, deadlines_from_previous
from anquanyue_desktop.usecases.demo import install_demo


@pytest.fixture
def yincheng(store):
    store.units.add_names(["荫城村", "东村", "西坡村"])
    campaign, deadlines = YINCHENG_2022.for_year(2022)
    return create_campaign(store, campaign, deadlines)


def test_template_campaign_round_trips_its_deadlines(store, yincheng):
    saved = store.deadlines.list(yincheng.id)
    assert [d.title for d in saved] == [d.title for d in YINCHENG_2022.deadlines]
    assert [d.rule for d in saved] == [d.rule for d in YINCHENG_2022.deadlines]
    weekly = saved[2]
    assert weekly.rule.at == time(18, 0) and weekly.rule.weekday == 3


def test_chosen_units_and_edit(store, yincheng):
    units = store.units.list()
    d = store.deadlines.list(yincheng.id)[0]
    edited = store.deadlines.save(replace(d, unit_ids=frozenset({units[0].id, units[2].id})))
    assert edited.unit_ids == {units[0].id, units[2].id}
    assert store.deadlines.get(d.id).unit_ids == {units[0].id, units[2].id}
    with pytest.raises(ValidationError, match="请填写报送内容"):
        store.deadlines.save(replace(d, title=""))


def test_a_batch_of_submissions_is_one_action_and_status_follows(store, yincheng):
    units = store.units.list()
    weekly = store.deadlines.list(yincheng.id)[2]
    batch = [
        Submission(
            weekly.id, "2022-06-08", units[0].id, received_at=datetime(2022, 6, 8, 18, 0, 0)
        ),
        Submission(
            weekly.id, "2022-06-08", units[1].id, received_at=datetime(2022, 6, 8, 18, 0, 1)
        ),
    ]
    assert store.submissions.record(batch) == 2
    board = load_board(store, yincheng, datetime(2022, 6, 9))
    state = next(
        s
        for s in board.states
        if s.occurrence.key == "2022-06-08" and s.occurrence.deadline.id == weekly.id
    )
    assert [state.statuses[u.id] for u in units] == [ON_TIME, LATE, OVERDUE]
    # A failing batch writes nothing.
    bad = [
        Submission(weekly.id, "2022-06-15", units[0].id, received_at=datetime(2022, 6, 15, 9)),
        Submission(weekly.id, "2022-06-15", 9999, received_at=datetime(2022, 6, 15, 9)),
    ]
    with pytest.raises(Exception):  # noqa: B017 (foreign key failure, whatever its class)
        store.submissions.record(bad)
    assert not any(k[1] == "2022-06-15" for k in store.submissions.for_campaign(yincheng.id))
    # An empty submission clears the cell.
    store.submissions.record([Submission(weekly.id, "2022-06-08", units[1].id)])
    assert (weekly.id, "2022-06-08", units[1].id) not in store.submissions.for_campaign(yincheng.id)


def test_units_with_submissions_are_deactivated_not_deleted(store, yincheng):
    units = store.units.list()
    d = store.deadlines.list(yincheng.id)[0]
    store.submissions.record(
        [Submission(d.id, "2022-05-31", units[0].id, received_at=datetime(2022, 5, 30))]
    )
    _, deactivated = store.units.save_all(units[1:], deleted_ids=[units[0].id])
    assert [u.name for u in deactivated] == ["荫城村"]


def test_next_year_from_last_year(store, yincheng):
    moved = deadlines_from_previous(store, yincheng, 2023)
    assert moved[0].rule.on == date(2023, 5, 31)
    assert moved[2].rule.kind == WEEKLY_KIND and moved[2].rule.start == date(2023, 6, 1)
    c, _ = YINCHENG_2022.for_year(2023)
    created = create_campaign(store, c, moved)
    assert len(store.deadlines.list(created.id)) == 5


def test_create_campaign_is_all_or_nothing(store):
    c, deadlines = JIANGHAI_2023.for_year(2023)
    broken = [*deadlines, Deadline(None, "坏的", DeadlineRule(ONCE))]
    with pytest.raises(ValidationError):
        create_campaign(store, c, broken)
    assert store.campaigns.list() == []


def test_hand_entered_holidays(store):
    store.workdays.save_all(
        [DayOverride(date(2027, 2, 6), False, "春节"), DayOverride(date(2027, 2, 20), True)]
    )
    assert [o.day for o in store.workdays.list()] == [date(2027, 2, 6), date(2027, 2, 20)]
    store.workdays.save_all([], removed=[date(2027, 2, 20)])
    assert [o.name for o in store.workdays.list()] == ["春节"]


def test_demo_has_deadlines_and_a_mixed_record(store):
    campaign = install_demo(store)
    board = load_board(store, campaign, datetime(2026, 11, 22))
    assert len(board.deadlines) == 5 and len(board.states) == 8
    statuses = {s for state in board.states for s in state.statuses.values()}
    assert {ON_TIME, LATE, OVERDUE} <= statuses


def test_quarterly_and_relative_deadlines_round_trip(store, yincheng):
    from anquanyue_desktop.domain.deadlines import QUARTERLY_KIND, occurrences

    quarterly = Deadline(
        yincheng.id,
        "季度报表",
        DeadlineRule(
            QUARTERLY_KIND,
            day_of_month=10,
            month_of_quarter=1,
            start=date(2022, 6, 1),
            end=date(2022, 12, 31),
        ),
    )
    relative = Deadline(
        yincheng.id,
        "隐患排查情况",
        DeadlineRule(ONCE, on=date(2022, 6, 7), relative_days=5, relative_workdays=True),
    )
    store.deadlines.save(quarterly)
    store.deadlines.save(relative)
    saved = {d.title: d for d in store.deadlines.list(yincheng.id)}
    assert saved["季度报表"].rule == quarterly.rule
    assert [o.due.date() for o in occurrences(saved["季度报表"])] == [
        date(2022, 7, 10),
        date(2022, 10, 10),
    ]
    assert saved["隐患排查情况"].rule == relative.rule
    assert "5个工作日内" in saved["隐患排查情况"].rule.describe()


def test_migration_to_quarterly_keeps_every_submission_and_chosen_unit(tmp_path):
    """A database written before quarterly rules existed is rebuilt without losing rows."""
    import sqlite3

    from sqlite_utils import Database

    from anquanyue_desktop.store import Store
    from anquanyue_desktop.store.migrations import MIGRATIONS, migrate, user_version

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    # Build the schema as version 5 had it, then fill it through the store's own tables.
    for number, m in enumerate(MIGRATIONS[:5], start=1):
        with db.atomic():
            m(db)
            db.execute(f"PRAGMA user_version = {number}")
    now = "2022-05-30T10:00:00"
    db["campaigns"].insert({"id": 1, "year": 2022, "created_at": now, "updated_at": now})
    db["units"].insert({"id": 1, "name": "东村", "created_at": now, "updated_at": now})
    db["deadlines"].insert(
        {
            "id": 7,
            "campaign_id": 1,
            "title": "周报",
            "rule_kind": "weekly",
            "weekday": 3,
            "start_on": "2022-06-01",
            "end_on": "2022-06-30",
            "all_units": 0,
            "created_at": now,
            "updated_at": now,
        }
    )
    db["deadline_units"].insert({"deadline_id": 7, "unit_id": 1})
    db["submissions"].insert(
        {
            "deadline_id": 7,
            "occurrence_key": "2022-06-01",
            "unit_id": 1,
            "received_at": "2022-06-01T09:00:00",
            "updated_at": now,
        }
    )
    assert migrate(db)[:2] == ["m006_application_id", "m007_quarterly_and_relative_deadlines"]
    assert user_version(db) == len(MIGRATIONS)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM deadline_units").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    s = Store(path)
    try:
        (d,) = s.deadlines.list(1)
        assert (d.id, d.rule.weekday, d.unit_ids) == (7, 3, frozenset({1}))
    finally:
        s.close()
