"""The 报送节点 page's reads and writes, and the office's work calendar (节假日设置) that the
deadline pages, the calendar and the notice review mark due dates with."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import replace
from datetime import date

from ..domain.campaign import Campaign
from ..domain.deadlines import Deadline
from ..domain.submissions import Submission
from ..domain.validation import raise_if_any
from ..domain.workdays import DayOverride, WorkCalendar, override_problems
from ..store.database import Store
from .undo import deadline_submissions


def day_overrides(store: Store) -> list[DayOverride]:
    """The holidays and make-up workdays the clerk entered."""
    return store.workdays.list()


def load_work_calendar(store: Store) -> WorkCalendar:
    """The statutory calendar with the clerk's own entries over it."""
    return WorkCalendar(day_overrides(store))


def save_day_overrides(
    store: Store, overrides: Iterable[DayOverride], removed: Set[date] = frozenset()
) -> None:
    """The clerk's entries as one action, ``removed`` days dropped; a day entered twice is
    refused (ValidationError) and nothing is written."""
    overrides = list(overrides)
    raise_if_any(override_problems(overrides))
    days = {o.day for o in overrides}
    store.workdays.save_all(overrides, removed=set(removed) - days)


def campaign_deadlines(store: Store, campaign: Campaign) -> list[Deadline]:
    return store.deadlines.list(campaign.saved_id)


def save_deadline(store: Store, deadline: Deadline) -> Deadline:
    """Adds or changes a deadline (ValidationError on bad input)."""
    return store.deadlines.save(deadline)


def recorded_under(store: Store, deadline: Deadline) -> int:
    """How many submissions are recorded under ``deadline`` (they go with it)."""
    return len(deadline_submissions(store, deadline))


def delete_deadline(store: Store, deadline: Deadline) -> list[Submission]:
    """Deletes the deadline with what was recorded under it, returned for 撤销."""
    assert deadline.id is not None
    with store.transaction():
        submissions = deadline_submissions(store, deadline)
        store.deadlines.delete(deadline.id)
    return submissions


def delete_deadline_id(store: Store, deadline_id: int) -> None:
    """Deletes a deadline again (重做 of a deletion)."""
    store.deadlines.delete(deadline_id)


def take_back_new_deadline(store: Store, deadline: Deadline) -> list[Submission]:
    """Undoes adding ``deadline``: it goes, with anything recorded under it since (returned,
    for 重做 to put back)."""
    return delete_deadline(store, deadline)


def take_back_deadline_edit(store: Store, before: Deadline, live_id: int) -> Deadline:
    """Undoes (or redoes) changing a deadline: ``before`` written back under ``live_id``."""
    return store.deadlines.save(replace(before, id=live_id))
