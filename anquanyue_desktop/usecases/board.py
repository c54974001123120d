"""Loads what the board of a campaign needs in a few queries and builds it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from ..domain.board import (
    OccurrenceLike,
    OccurrenceState,
    OccurrenceSummary,
    SubmissionKey,
    build_board,
    summarize,
)
from ..domain.campaign import Campaign
from ..domain.deadlines import Deadline, all_occurrences
from ..domain.form_entries import ROLE_LIAISON
from ..domain.submissions import Submission
from ..domain.units import Unit
from ..store.database import Store


@dataclass(frozen=True)
class CampaignBoard:
    campaign: Campaign
    deadlines: list[Deadline]
    units: list[Unit]
    submissions: dict[SubmissionKey, Submission]
    states: list[OccurrenceState]
    now: datetime
    # unit id → (liaison name, mobile) from the campaign's liaison form, where entered.
    liaisons: dict[int, tuple[str, str]] = field(default_factory=dict)

    @cached_property
    def _units_by_id(self) -> dict[int | None, Unit]:
        return {u.id: u for u in self.units}

    def unit(self, unit_id: int | None) -> Unit | None:
        return self._units_by_id.get(unit_id)

    def with_recorded(
        self, submissions: dict[SubmissionKey, Submission], deadline_ids: set[int]
    ) -> CampaignBoard:
        """The same board after a write: only the states of ``deadline_ids`` computed again."""
        unit_ids = [u.id for u in self.units if u.id is not None]
        changed = [d for d in self.deadlines if d.id in deadline_ids]
        fresh = iter(build_board(changed, unit_ids, submissions, self.now))
        states = [
            next(fresh) if s.occurrence.deadline.id in deadline_ids else s for s in self.states
        ]
        return replace(self, submissions=submissions, states=states)

    def unit_names(self) -> dict[int, str]:
        return {u.id: u.name for u in self.units if u.id is not None}

    def owed_names(self, state: OccurrenceLike, limit: int) -> list[str]:
        """The first ``limit`` units that still owe ``state`` (one of this board's)."""
        assert isinstance(state, OccurrenceState)
        if state.is_own:
            return []  # the township's own delivery: no units owe it
        return [u.name if (u := self.unit(i)) else "?" for i in state.outstanding[:limit]]


@dataclass(frozen=True)
class BoardData:
    """What the board is computed from, read in a few queries; the moment comes later."""

    campaign: Campaign
    deadlines: list[Deadline]
    units: list[Unit]
    submissions: dict[SubmissionKey, Submission]
    liaisons: dict[int, tuple[str, str]] = field(default_factory=dict)

    def with_submissions(self, submissions: dict[SubmissionKey, Submission]) -> BoardData:
        return replace(self, submissions=submissions)


def load_board_data(store: Store, campaign: Campaign) -> BoardData:
    """Reporting units are the active ones, plus any inactive unit that has a record here."""
    assert campaign.id is not None
    deadlines = store.deadlines.list(campaign.saved_id)
    submissions = store.submissions.for_campaign(campaign.saved_id)
    recorded = {key[2] for key in submissions}
    units = [u for u in store.units.list() if u.active or u.id in recorded]
    return BoardData(campaign, deadlines, units, submissions, liaison_contacts(store, campaign.id))


def board_from(data: BoardData, now: datetime) -> CampaignBoard:
    unit_ids = [u.id for u in data.units if u.id is not None]
    states = build_board(data.deadlines, unit_ids, data.submissions, now)
    return CampaignBoard(
        data.campaign, data.deadlines, data.units, data.submissions, states, now, data.liaisons
    )


BoardSource = Callable[[Store, Campaign, datetime], CampaignBoard]


@dataclass(frozen=True)
class BoardSummary:
    """The board's counts without its units: what the 工作台 and the reminders show. SQLite
    counts them (a few queries per deadline), so the program opens as fast on a county's
    tenth campaign as on its first; the names of the units still owing an occurrence are
    read when a line shows them (:meth:`owed_names`)."""

    campaign: Campaign
    deadlines: list[Deadline]
    states: list[OccurrenceSummary]
    now: datetime
    store: Store = field(repr=False, compare=False)

    def owed_names(self, state: OccurrenceLike, limit: int) -> list[str]:
        """The first ``limit`` units (in the units' order) that still owe ``state``."""
        occurrence = state.occurrence
        return self.store.submissions.owed_unit_names(occurrence.deadline, occurrence.key, limit)


SummarySource = Callable[[Store, Campaign, datetime], BoardSummary]


def load_board_summary(store: Store, campaign: Campaign, now: datetime) -> BoardSummary:
    """The counts of :func:`load_board` at ``now``, the same ones, counted by the store."""
    assert campaign.id is not None
    deadlines = store.deadlines.list(campaign.saved_id)
    occurrences = all_occurrences(deadlines)
    # 随时报送 ones have no occurrence; a listed deadline always has its id.
    counted = {o.deadline.id: o.deadline for o in occurrences if o.deadline.id is not None}
    asked: dict[int, int] = {}
    everyone: dict[str, int] = {}  # every deadline for all units asks the same units
    for i, d in counted.items():
        if d.unit_ids is not None:
            asked[i] = store.submissions.asked_count(d)
        else:
            if d.direction not in everyone:
                everyone[d.direction] = store.submissions.asked_count(d)
            asked[i] = everyone[d.direction]
    done = {i: store.submissions.done_counts(d) for i, d in counted.items()}
    states = []
    for occ in occurrences:
        if occ.deadline.id is None:
            continue
        exempt, late, on_time = done[occ.deadline.id].get(occ.key, (0, 0, 0))
        states.append(summarize(occ, asked[occ.deadline.id], exempt, late, on_time, now))
    return BoardSummary(campaign, deadlines, states, now, store)


def load_board(store: Store, campaign: Campaign, now: datetime) -> CampaignBoard:
    """The board of ``campaign`` at ``now``, read afresh."""
    return board_from(load_board_data(store, campaign), now)


def liaison_contacts(store: Store, campaign_id: int) -> dict[int, tuple[str, str]]:
    """Each unit's liaison (name, mobile), read from the campaign's liaison form."""
    key = store.campaign_forms.key_for_role(campaign_id, ROLE_LIAISON)
    if key is None:
        return {}
    found = store.form_entries.text_values(campaign_id, key, ("name", "mobile"))
    return {unit_id: (name, mobile) for unit_id, (name, mobile) in found.items()}
