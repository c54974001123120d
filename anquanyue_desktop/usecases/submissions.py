"""Recording units' submissions by hand on the 报送情况 grid: received, exempt, a note."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from ..domain.deadlines import Occurrence
from ..domain.submissions import Submission, validate_submission
from ..domain.validation import Problem, raise_if_any
from ..store.database import Store


def submission_problems(
    changes: Iterable[tuple[Occurrence, Submission]], now: datetime
) -> list[Problem]:
    """What is wrong with a batch of cells, each message once (a batch of many cells with
    the same fault says it once)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for occurrence, s in changes:
        for p in validate_submission(s, occurrence, now):
            if p.message not in seen:
                seen.add(p.message)
                problems.append(p)
    return problems


def record_submissions(
    store: Store, changes: Sequence[tuple[Occurrence, Submission]], now: datetime
) -> None:
    """The batch written as one action, each replacing what its cell held; refused whole
    (ValidationError) when one is wrong."""
    raise_if_any(submission_problems(changes, now))
    store.submissions.record([s for _, s in changes])


def put_back_submissions(store: Store, before: Iterable[Submission]) -> None:
    """What cells held before an action, written back as one action (撤销)."""
    store.submissions.record(before)
