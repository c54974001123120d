"""The state of a campaign at a moment: each occurrence with every unit's status.

One computation feeds the dashboard, the calendar, the grid, the reminders, the chase list and
the CLI, so they always tell the same story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .deadlines import DIRECTION_IN, Deadline, Occurrence, all_occurrences
from .submissions import DONE, OVERDUE, PENDING, Submission, Tally, status_of, tally

SubmissionKey = tuple[int, str, int | None]


@dataclass(frozen=True)
class OccurrenceState:
    occurrence: Occurrence
    # unit id → status; for a 报 deadline the single key None is the township itself.
    statuses: Mapping[int | None, str]

    @property
    def tally(self) -> Tally:
        return tally(self.statuses.values())

    @property
    def outstanding(self) -> list[int | None]:
        return [u for u, s in self.statuses.items() if s in (PENDING, OVERDUE)]

    @property
    def done(self) -> bool:
        return all(s in DONE for s in self.statuses.values())

    @property
    def is_own(self) -> bool:
        return self.occurrence.deadline.direction != DIRECTION_IN


def units_for(deadline: Deadline, unit_ids: Sequence[int]) -> list[int | None]:
    if deadline.direction != DIRECTION_IN:
        return [None]
    return [u for u in unit_ids if deadline.applies_to(u)]


def build_board(
    deadlines: Sequence[Deadline],
    unit_ids: Sequence[int],
    submissions: Mapping[SubmissionKey, Submission],
    now: datetime,
) -> list[OccurrenceState]:
    """``unit_ids``: the campaign's reporting units in display order (active ones)."""
    board = []
    for occ in all_occurrences(deadlines):
        did = occ.deadline.id
        statuses = {
            u: status_of(occ, submissions.get((did, occ.key, u)), now)  # type: ignore[arg-type]
            for u in units_for(occ.deadline, unit_ids)
        }
        board.append(OccurrenceState(occ, statuses))
    return board


def due_soon(board: Sequence[OccurrenceState], now: datetime, days: int) -> list[OccurrenceState]:
    """Not yet due, due within ``days`` calendar days (today counts as day 0), still owed."""
    last = (now + timedelta(days=days)).date()
    return [
        s
        for s in board
        if not s.occurrence.is_past(now) and s.occurrence.due.date() <= last and s.outstanding
    ]


def overdue(board: Sequence[OccurrenceState], now: datetime) -> list[OccurrenceState]:
    return [s for s in board if s.occurrence.is_past(now) and s.outstanding]


def due_on_day(board: Sequence[OccurrenceState], day) -> list[OccurrenceState]:
    return [s for s in board if s.occurrence.due.date() == day]


def unit_tally(board: Sequence[OccurrenceState], unit_id: int, now: datetime) -> Tally:
    """A unit's record over the campaign: what is due by now, and anything delivered early."""
    return tally(
        s.statuses[unit_id]
        for s in board
        if unit_id in s.statuses and (s.occurrence.is_past(now) or s.statuses[unit_id] in DONE)
    )
