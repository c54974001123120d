"""Property-based: random sequences of saves, deletes and undo through the store agree with a
plain model, and every backup restored gives back exactly the state it was taken in."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.deadlines import Deadline, DeadlineRule
from anquanyue_desktop.domain.submissions import Submission
from anquanyue_desktop.store import Store
from anquanyue_desktop.store.backups import create_backup, restore

NAMES = ["荫城村", "东村", "西村社区", "南站所", "北中学", "交通局", "矿业公司", "卫生院"]
KEYS = ["2022-06-01", "2022-06-08", "2022-06-15"]


class StoreAgainstModel(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="aqy-prop-"))
        self.path = self.dir / "anquanyue.db"
        self.store = Store(self.path)
        campaign = self.store.campaigns.save(Campaign(year=2022, theme="测试"))
        self.deadline = self.store.deadlines.save(
            Deadline(
                campaign_id=campaign.id,
                title="周报",
                rule=DeadlineRule(kind="once", on=date(2022, 6, 30)),
            )
        )
        # The model: unit name → active; (key, name) → note of the recorded submission.
        self.units: dict[str, bool] = {}
        self.cells: dict[tuple[str, str], str] = {}
        self.undo_batch: list[tuple[tuple[str, str], str | None]] | None = None
        self.snapshots: list[tuple[Path, dict, dict]] = []
        self.stamp = 0

    def teardown(self):
        import shutil

        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _ids(self) -> dict[str, int]:
        return {u.name: u.id for u in self.store.units.list()}

    def _submission(self, key: str, name: str, note: str | None) -> Submission:
        return Submission(
            deadline_id=self.deadline.id,
            occurrence_key=key,
            unit_id=self._ids()[name],
            received_at=datetime(2022, 6, 1, 9, 0) if note is not None else None,
            note=note or "",
        )

    @rule(names=st.lists(st.sampled_from(NAMES), max_size=4))
    def add_units(self, names):
        added, _ = self.store.units.add_names(names)
        for name in names:
            self.units.setdefault(name, True)
        assert {u.name for u in added} <= set(names)

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def record(self, data):
        names = sorted(self.units)
        cells = data.draw(
            st.lists(
                st.tuples(st.sampled_from(KEYS), st.sampled_from(names)),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        notes = data.draw(
            st.lists(
                st.one_of(st.none(), st.sampled_from(["已报", "电话确认"])),
                min_size=len(cells),
                max_size=len(cells),
            )
        )
        self.undo_batch = [(c, self.cells.get(c)) for c in cells]
        self.store.submissions.record(
            self._submission(k, n, note) for (k, n), note in zip(cells, notes, strict=True)
        )
        for cell, note in zip(cells, notes, strict=True):
            if note is None:
                self.cells.pop(cell, None)
            else:
                self.cells[cell] = note

    @precondition(lambda self: self.undo_batch is not None)
    @rule()
    def undo(self):
        batch, self.undo_batch = self.undo_batch, None
        self.store.submissions.record(self._submission(k, n, note) for (k, n), note in batch)
        for cell, note in batch:
            if note is None:
                self.cells.pop(cell, None)
            else:
                self.cells[cell] = note

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def delete_unit(self, data):
        name = data.draw(st.sampled_from(sorted(self.units)))
        ids = self._ids()
        keep = [u for u in self.store.units.list() if u.name != name]
        _, deactivated = self.store.units.save_all(keep, [ids[name]])
        if any(n == name for _, n in self.cells):
            self.units[name] = False  # data refers to it: kept, deactivated
            assert [u.name for u in deactivated] == [name]
        else:
            del self.units[name]
            assert deactivated == []
        self.undo_batch = None  # the grid drops its undo when units change

    @rule()
    def backup(self):
        self.stamp += 1
        info = create_backup(self.path, now=datetime(2026, 1, 1, 0, 0, 0), directory=self.dir / "b")
        self.snapshots.append((info.path, dict(self.units), dict(self.cells)))

    @precondition(lambda self: self.snapshots)
    @rule(data=st.data())
    def restore_a_backup(self, data):
        path, units, cells = data.draw(st.sampled_from(self.snapshots))
        self.store.close()
        restore(path, self.path)
        self.store = Store(self.path)
        self.units, self.cells = dict(units), dict(cells)
        self.undo_batch = None

    @invariant()
    def store_matches_model(self):
        stored = {u.name: u.active for u in self.store.units.list()}
        assert stored == self.units
        names = {u.id: u.name for u in self.store.units.list()}
        recorded = {
            (k, names[unit]): s.note
            for (_, k, unit), s in self.store.submissions.for_campaign(
                self.deadline.campaign_id
            ).items()
        }
        assert recorded == self.cells


TestStoreAgainstModel = StoreAgainstModel.TestCase
TestStoreAgainstModel.settings = settings(
    # Every commit is flushed to disk: 15 sequences of 15 steps keep CI at a few seconds;
    # HYPOTHESIS_PROFILE=thorough explores far more.
    max_examples=15 if settings.default.max_examples <= 100 else settings.default.max_examples,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
