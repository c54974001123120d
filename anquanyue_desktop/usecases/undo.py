"""Taking back a deletion (编辑 › 撤销): what was deleted comes back whole, in one action."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..domain.activities import Activity
from ..domain.deadlines import Deadline
from ..domain.submissions import Submission
from ..store.database import Store
from .receipts import Receipts, undo_receipts


def restore_activity(store: Store, a: Activity, photos: Sequence[int] | None = None) -> Activity:
    """``a`` saved again (under a new id), with the photos picked for 图文 material if any.
    Its files stayed in the media store when it was deleted."""
    with store.transaction():
        saved = store.activities.save(replace(a, id=None))
        if photos is not None and saved.id is not None:
            store.activities.save_photo_choices({saved.id: tuple(photos)})
    return saved


def deadline_submissions(store: Store, d: Deadline) -> list[Submission]:
    """What was recorded under ``d``, to be put back if its deletion is taken back."""
    assert d.campaign_id is not None
    return [s for key, s in store.submissions.for_campaign(d.campaign_id).items() if key[0] == d.id]


def restore_deadline(store: Store, d: Deadline, submissions: Iterable[Submission]) -> Deadline:
    """``d`` saved again (under a new id) with the submissions recorded under it."""
    with store.transaction():
        saved = store.deadlines.save(replace(d, id=None))
        assert saved.id is not None
        store.submissions.record([replace(s, deadline_id=saved.id, id=None) for s in submissions])
    return saved


def take_back_activity_save(
    store: Store, receipts: Receipts, before: Activity | None, current_id: int
) -> None:
    """Undoes saving an activity: the receipts it wrote cleared, and the activity as it was
    before (``before`` None: it was new, so it goes), in one action."""
    with store.transaction():
        undo_receipts(store, receipts)
        if before is None:
            store.activities.delete(current_id)
        else:
            store.activities.save(replace(before, id=current_id))
