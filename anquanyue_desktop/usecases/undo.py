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


# A redo refused: the clerk can still delete it, asked first what goes with it.
_DELETE_YOURSELF = "\n如确要删除，请在列表中选中它，再点“删除”。"


def _recorded(submissions: Iterable[Submission]) -> dict[tuple[str, int | None], Submission]:
    """Submissions by what they are for, whatever deadline id they were saved under."""
    return {(s.occurrence_key, s.unit_id): replace(s, deadline_id=0) for s in submissions}


def deadline_redo_refusal(
    store: Store, live_id: int, deleted: Deadline, submissions: Iterable[Submission]
) -> str | None:
    """Why deleting the deadline again (重做) would lose the clerk's work, or None when it is
    just as its deletion was taken back (``deleted`` with ``submissions``): anything
    recorded or changed under it since would go with it, and a later 撤销 could not bring
    it back."""
    now = store.deadlines.get(live_id)
    if now is None:
        return f"报送节点“{deleted.title}”已不在，无法重做删除。"
    if now != deleted:
        return (
            f"撤销删除之后，报送节点“{deleted.title}”又修改过。"
            "重做删除会丢掉这些修改，所以没有重做。" + _DELETE_YOURSELF
        )
    then, current = _recorded(submissions), _recorded(deadline_submissions(store, now))
    changed = sum(1 for k, s in current.items() if then.get(k) != s)
    changed += sum(1 for k in then if k not in current)
    if changed:
        return (
            f"撤销删除之后，“{deleted.title}”下又登记或修改了 {changed} 条报送记录。"
            "重做删除会把这些记录一并删掉，所以没有重做。" + _DELETE_YOURSELF
        )
    return None


def activity_redo_refusal(
    store: Store,
    live_id: int,
    left: Activity,
    photos: Sequence[int] | None,
    *,
    deleting: bool = True,
) -> str | None:
    """Why deleting the activity again, or saving its edit again (``deleting`` False), would
    lose the clerk's work, or None when it is as the undo ``left`` it, with ``photos``
    picked for 图文 material (the 周报 page changes captions and picks meanwhile)."""
    verb = "删除" if deleting else "修改"
    now = store.activities.get(live_id)
    if now is None:
        return f"活动“{left.title}”已不在，无法重做{verb}。"
    picked = store.activities.photo_choices(now.campaign_id).get(live_id)
    if now != left or picked != (None if photos is None else tuple(photos)):
        advice = _DELETE_YOURSELF if deleting else "\n如仍要修改，请在列表中选中它，再点“编辑…”。"
        return (
            f"撤销{verb}之后，活动“{left.title}”又修改过（内容、照片说明或选用的照片）。"
            f"重做{verb}会丢掉这些修改，所以没有重做。" + advice
        )
    return None


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
