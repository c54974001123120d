"""The state of a campaign at a moment: each occurrence with every unit's status.

One computation feeds the dashboard, the calendar, the grid, the reminders, the chase list and
the CLI, so they always tell the same story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from .deadlines import DIRECTION_IN, Deadline, Occurrence, all_occurrences
from .submissions import (
    DONE,
    EXEMPT,
    LATE,
    ON_TIME,
    OVERDUE,
    PENDING,
    STATUSES,
    Submission,
    Tally,
    status_of,
    tally,
)

SubmissionKey = tuple[int, str, int | None]


class OccurrenceLike(Protocol):
    """What the lists of the 工作台, the calendar and the reminders need of an occurrence:
    an :class:`OccurrenceState` (every unit's status) or an :class:`OccurrenceSummary`."""

    @property
    def occurrence(self) -> Occurrence: ...

    @property
    def owed(self) -> int: ...

    @property
    def asked(self) -> int: ...


S = TypeVar("S", bound=OccurrenceLike)


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
    def owed(self) -> int:
        """How many units still owe it (未报 or 逾期未报)."""
        return len(self.outstanding)

    @property
    def asked(self) -> int:
        """How many units it asks (the township alone for a 报 deadline)."""
        return len(self.statuses)

    @property
    def done(self) -> bool:
        return all(s in DONE for s in self.statuses.values())

    @property
    def is_own(self) -> bool:
        return self.occurrence.deadline.direction != DIRECTION_IN


@dataclass(frozen=True)
class OccurrenceSummary:
    """An occurrence's status counts without the units behind them: what the 工作台 and the
    reminders show, counted by the store instead of unit by unit."""

    occurrence: Occurrence
    tally: Tally

    @property
    def owed(self) -> int:
        return self.tally.outstanding

    @property
    def asked(self) -> int:
        return self.tally.total

    @property
    def is_own(self) -> bool:
        return self.occurrence.deadline.direction != DIRECTION_IN


def summarize(
    occurrence: Occurrence, asked: int, exempt: int, late: int, on_time: int, now: datetime
) -> OccurrenceSummary:
    """The counts of an occurrence from how many units it asks and how many of them are
    exempt, late and on time: the rest owe it, 逾期未报 once it is past (as status_of says)."""
    counts = dict.fromkeys(STATUSES, 0)
    counts[EXEMPT], counts[LATE], counts[ON_TIME] = exempt, late, on_time
    counts[OVERDUE if occurrence.is_past(now) else PENDING] = asked - exempt - late - on_time
    return OccurrenceSummary(occurrence, Tally(counts))


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
    """``unit_ids``: the campaign's reporting units in display order (active ones).

    A unit without a record owes the occurrence (status_of of nothing), so each occurrence
    starts from that for every unit it asks, and only the records are looked at one by one:
    a county's campaign has units × occurrences statuses, most of them alike."""
    # Only the records of these deadlines: after a mark, one deadline is built again.
    wanted = {d.id for d in deadlines}
    records: dict[tuple[int, str], list[tuple[int | None, Submission]]] = {}
    for (did, key, unit), s in submissions.items():
        if did in wanted:
            records.setdefault((did, key), []).append((unit, s))
    asked: dict[int | None, list[int | None]] = {}
    board = []
    for occ in all_occurrences(deadlines):
        deadline = occ.deadline
        if deadline.id not in asked:
            asked[deadline.id] = units_for(deadline, unit_ids)
        statuses = dict.fromkeys(asked[deadline.id], status_of(occ, None, now))
        for unit, s in records.get((deadline.id, occ.key), ()):  # type: ignore[arg-type]
            if unit in statuses:
                statuses[unit] = status_of(occ, s, now)
        board.append(OccurrenceState(occ, statuses))
    return board


def due_soon(board: Sequence[S], now: datetime, days: int) -> list[S]:
    """Not yet due, due within ``days`` calendar days (today counts as day 0), still owed."""
    last = (now + timedelta(days=days)).date()
    return [
        s
        for s in board
        if not s.occurrence.is_past(now) and s.occurrence.due.date() <= last and s.owed
    ]


def overdue(board: Sequence[S], now: datetime) -> list[S]:
    return [s for s in board if s.occurrence.is_past(now) and s.owed]


def due_on_day(board: Sequence[S], day) -> list[S]:
    return [s for s in board if s.occurrence.due.date() == day]


def unit_tally(board: Sequence[OccurrenceState], unit_id: int, now: datetime) -> Tally:
    """A unit's record over the campaign: what is due by now, and anything delivered early."""
    return tally(
        s.statuses[unit_id]
        for s in board
        if unit_id in s.statuses and (s.occurrence.is_past(now) or s.statuses[unit_id] in DONE)
    )
