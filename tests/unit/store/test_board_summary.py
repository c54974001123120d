"""The 工作台's counts, counted by SQLite (load_board_summary), against the board computed
unit by unit (load_board) on a campaign with every kind of record the board distinguishes."""

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from anquanyue_desktop.domain.campaign_templates import YINCHENG_2022
from anquanyue_desktop.domain.deadlines import (
    DAILY_KIND,
    DIRECTION_IN,
    DIRECTION_OUT,
    ONCE,
    Deadline,
    DeadlineRule,
    occurrences,
)
from anquanyue_desktop.domain.submissions import Submission
from anquanyue_desktop.usecases.board import load_board, load_board_summary
from anquanyue_desktop.usecases.campaigns import create_campaign


def _campaign(store, year, unit_ids, inactive_ids):
    campaign, deadlines = YINCHENG_2022.for_year(year)
    chosen = frozenset(unit_ids[::3]) | {inactive_ids[0]}
    extra = [
        # Chosen units, one of them no longer active; a due time on a once rule.
        Deadline(
            campaign_id=None,
            title="隐患排查台账",
            rule=DeadlineRule(ONCE, on=date(year, 6, 12), at=time(9, 30)),
            unit_ids=chosen,
        ),
        # The township's own deliveries upward (报).
        Deadline(
            campaign_id=None,
            title="本级月报",
            direction=DIRECTION_OUT,
            rule=DeadlineRule(DAILY_KIND, start=date(year, 6, 1), end=date(year, 6, 6)),
        ),
    ]
    return create_campaign(store, campaign, [*deadlines, *extra])


def _fill(store, campaign, unit_ids, inactive_ids, rng):
    """Records of every kind: on time to the second, a second late, late by days, exempt,
    exempt and received, a note or materials only, an occurrence the rule no longer has,
    a unit the deadline does not ask, the township's own, an inactive unit's."""
    batch = []
    for d in store.deadlines.list(campaign.id):
        occs = occurrences(d)
        keys = [o.key for o in occs]
        if not occs:
            continue
        asked = [None] if d.direction != DIRECTION_IN else [*unit_ids, inactive_ids[1]]
        for occ in occs:
            for u in asked:
                roll = rng.random()
                base = occ.due if occ.has_time else datetime.combine(occ.due.date(), time(23, 59))
                if roll < 0.25:
                    received, reason = base - timedelta(hours=rng.randint(0, 60)), ""
                elif roll < 0.3:
                    received, reason = base, ""  # at the due second: on time
                elif roll < 0.35:
                    received, reason = base + timedelta(seconds=1), ""
                elif roll < 0.5:
                    received, reason = base + timedelta(days=rng.randint(1, 5)), ""
                elif roll < 0.55:
                    received, reason = None, "停产"
                elif roll < 0.57:
                    received, reason = base, "已合并报送"
                elif roll < 0.62:
                    batch.append(Submission(d.id, occ.key, u, note="电话催报"))
                    continue
                elif roll < 0.64:
                    batch.append(Submission(d.id, occ.key, u, materials="纸质版"))
                    continue
                else:
                    continue
                batch.append(
                    Submission(d.id, occ.key, u, received_at=received, exempt_reason=reason)
                )
        # Records no occurrence or no asked unit explains.
        stale = (occs[0].due - timedelta(days=1)).date().isoformat()
        assert stale not in keys
        batch.append(Submission(d.id, stale, unit_ids[0], received_at=occs[0].due))
        if d.direction != DIRECTION_IN:
            batch.append(Submission(d.id, keys[0], unit_ids[1], received_at=occs[0].due))
        else:
            batch.append(Submission(d.id, keys[0], None, received_at=occs[0].due))
    store.submissions.record(batch)


@pytest.fixture
def county(store):
    rng = random.Random(7)
    names = [f"第{i}村" for i in range(1, 61)]
    store.units.add_names(names)
    units = store.units.list()
    # Out of the units' order by id, so the order of owed names is tested; some inactive,
    # of which one has records in the campaign and one has none.
    shuffled = [replace(u, sort_order=rng.randint(0, 20)) for u in units]
    inactive = {shuffled[5].id, shuffled[17].id, shuffled[40].id}
    store.units.save_all([replace(u, active=u.id not in inactive) for u in shuffled])
    active = [u.id for u in store.units.list(include_inactive=False)]
    inactive_ids = sorted(inactive)
    campaigns = []
    for year in (2022, 2023):
        c = _campaign(store, year, active, inactive_ids)
        _fill(store, c, active, inactive_ids, rng)
        campaigns.append(c)
    return campaigns


def _moments(year):
    start = datetime(year, 5, 20, 8, 0)
    return [start + timedelta(days=d, hours=h) for d in range(0, 50, 3) for h in (0, 10)] + [
        datetime(year, 6, 12, 9, 30, 0),
        datetime(year, 6, 12, 9, 30, 1),
    ]


def test_summary_counts_what_the_board_counts(store, county):
    for campaign in county:
        for now in _moments(campaign.year):
            board = load_board(store, campaign, now)
            summary = load_board_summary(store, campaign, now)
            assert [s.occurrence for s in summary.states] == [s.occurrence for s in board.states]
            for new, old in zip(summary.states, board.states, strict=True):
                assert new.tally == old.tally, (new.occurrence.label, now)
                assert (new.owed, new.asked, new.is_own) == (old.owed, old.asked, old.is_own)
                for limit in (1, 6):
                    assert summary.owed_names(new, limit) == board.owed_names(old, limit)


def test_the_fixture_has_every_kind_of_record(store, county):
    """Guards the test above: every status and both kinds of deadline occur."""
    campaign = county[0]
    board = load_board(store, campaign, datetime(campaign.year, 7, 30))
    seen = {status for s in board.states for status in s.statuses.values()}
    assert seen == {"按时已报", "逾期未报", "逾期补报", "免报"}
    assert any(s.is_own for s in board.states) and any(
        s.occurrence.deadline.unit_ids for s in board.states
    )
    inactive = [u.id for u in board.units if not u.active]
    assert len(inactive) == 1  # the one with records reports; the others do not


def test_a_file_of_the_version_before_gets_the_index_and_keeps_its_records(store, county, data_dir):
    from anquanyue_desktop.store import SCHEMA_VERSION, Store
    from anquanyue_desktop.store.migrations import MIGRATIONS, m009_submissions_by_deadline
    from anquanyue_desktop.store.paths import database_path

    campaign = county[0]
    now = datetime(campaign.year, 6, 20)
    before = load_board(store, campaign, now)
    # The file as the version before wrote it: the same tables, without the index.
    version = MIGRATIONS.index(m009_submissions_by_deadline)
    store.db.execute("DROP INDEX submissions_board")
    store.db.execute(f"PRAGMA user_version = {version}")
    store.close()
    with Store(database_path(data_dir)) as reopened:
        assert reopened.schema_version == SCHEMA_VERSION
        indexes = {r[1] for r in reopened.db.execute("PRAGMA index_list(submissions)")}
        assert "submissions_board" in indexes
        plan = " ".join(
            str(r[3])
            for r in reopened.db.execute(
                "EXPLAIN QUERY PLAN SELECT occurrence_key, count(*) FROM submissions"
                " WHERE deadline_id = 1 AND received_at IS NOT NULL GROUP BY occurrence_key"
            )
        )
        assert "COVERING INDEX submissions_board" in plan
        after = load_board(reopened, campaign, now)
        assert after.submissions == before.submissions
        summary = load_board_summary(reopened, campaign, now)
        assert [s.tally for s in summary.states] == [s.tally for s in before.states]
