"""报送记录: one unit's delivery for one occurrence, and the status derived from it.

The status is never stored: it follows from what was received and when, and from the clock,
so it cannot disagree with the facts (a 未报 turns 逾期未报 by itself at the due second).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .deadlines import Occurrence
from .validation import Problem

PENDING = "未报"
ON_TIME = "按时已报"
OVERDUE = "逾期未报"
LATE = "逾期补报"
EXEMPT = "免报"
STATUSES = (PENDING, ON_TIME, OVERDUE, LATE, EXEMPT)
DONE = frozenset({ON_TIME, LATE, EXEMPT})


@dataclass(frozen=True)
class Submission:
    """What the clerk recorded for one unit (None: the township itself, for 报 deadlines)
    and one occurrence (``occurrence_key``: its due date)."""

    deadline_id: int
    occurrence_key: str
    unit_id: int | None
    received_at: datetime | None = None
    exempt_reason: str = ""
    note: str = ""
    materials: str = ""
    id: int | None = field(default=None, compare=False)

    @property
    def exempt(self) -> bool:
        return bool(self.exempt_reason.strip())


def status_of(occurrence: Occurrence, submission: Submission | None, now: datetime) -> str:
    if submission is not None and submission.exempt:
        return EXEMPT
    if submission is not None and submission.received_at is not None:
        return LATE if occurrence.is_late(submission.received_at) else ON_TIME
    return OVERDUE if occurrence.is_past(now) else PENDING


def validate_submission(s: Submission, occurrence: Occurrence, now: datetime) -> list[Problem]:
    problems = []
    if s.received_at is not None and s.received_at > now:
        problems.append(Problem("received_at", "收到时间不能晚于现在", "received_future"))
    if s.received_at is not None and s.exempt:
        problems.append(Problem("exempt_reason", "已报的单位不能同时免报", "exempt_and_received"))
    return problems


@dataclass(frozen=True)
class Tally:
    """Status counts of one occurrence (or of one unit over a campaign) and its rates."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def expected(self) -> int:
        """Those who owe something: everyone but the exempt."""
        return self.total - self.counts.get(EXEMPT, 0)

    @property
    def outstanding(self) -> int:
        return self.counts.get(PENDING, 0) + self.counts.get(OVERDUE, 0)

    @property
    def on_time_rate(self) -> float | None:
        return self.counts.get(ON_TIME, 0) / self.expected if self.expected else None

    @property
    def overall_rate(self) -> float | None:
        done = self.counts.get(ON_TIME, 0) + self.counts.get(LATE, 0)
        return done / self.expected if self.expected else None


def tally(statuses: Iterable[str]) -> Tally:
    counts = dict.fromkeys(STATUSES, 0)
    for s in statuses:
        counts[s] += 1
    return Tally(counts)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def outstanding_units(
    occurrence: Occurrence,
    unit_ids: Sequence[int],
    submissions: dict[tuple[int | None, str], Submission],
    now: datetime,
) -> list[int]:
    """Units that still owe this occurrence (未报 or 逾期未报), in the order given."""
    key = occurrence.key
    return [
        u
        for u in unit_ids
        if occurrence.deadline.applies_to(u)
        and status_of(occurrence, submissions.get((u, key)), now) in (PENDING, OVERDUE)
    ]
