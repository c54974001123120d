"""Taking back a deletion and doing it again, without Qt: a deadline or activity brought back
is deleted again only while it is just as the undo left it (编辑 › 重做 asks these)."""

from dataclasses import replace
from datetime import datetime

from anquanyue_desktop.domain.activities import activity_photos
from anquanyue_desktop.domain.submissions import Submission
from anquanyue_desktop.usecases.demo import install_demo
from anquanyue_desktop.usecases.undo import (
    activity_redo_refusal,
    deadline_redo_refusal,
    deadline_submissions,
    restore_activity,
    restore_deadline,
)


def test_a_deadline_brought_back_is_deleted_again_only_while_unchanged(store):
    campaign = install_demo(store)
    d = next(x for x in store.deadlines.list(campaign.id) if deadline_submissions(store, x))
    recorded = deadline_submissions(store, d)
    store.deadlines.delete(d.id)
    back = restore_deadline(store, d, recorded)
    assert deadline_redo_refusal(store, back.id, d, recorded) is None  # as it was deleted

    first = recorded[0]
    store.submissions.record([Submission(back.id, first.occurrence_key, first.unit_id)])
    changed = deadline_redo_refusal(store, back.id, d, recorded)
    assert changed is not None and "又登记或修改了 1 条报送记录" in changed  # a receipt cleared
    store.submissions.record([replace(first, deadline_id=back.id, id=None)])
    assert deadline_redo_refusal(store, back.id, d, recorded) is None  # put back as it was

    owing = {s.unit_id for s in recorded if s.occurrence_key == first.occurrence_key}
    unit = next(u.id for u in store.units.list() if u.id not in owing)
    late = datetime(2022, 7, 30, 9)
    store.submissions.record([Submission(back.id, first.occurrence_key, unit, received_at=late)])
    added = deadline_redo_refusal(store, back.id, d, recorded)
    assert added is not None and "又登记或修改了 1 条报送记录" in added and "删除" in added

    store.deadlines.delete(back.id)
    assert "已不在" in deadline_redo_refusal(store, back.id, d, recorded)


def test_an_activity_brought_back_is_deleted_again_only_while_unchanged(store):
    campaign = install_demo(store)
    a = next(x for x in store.activities.list(campaign.id) if activity_photos(x))
    store.activities.delete(a.id)
    back = restore_activity(store, a, None)
    assert activity_redo_refusal(store, back.id, a, None) is None
    photo = activity_photos(back)[0]
    store.activities.save_photo_choices({back.id: (photo.id,)})
    assert "又修改过" in activity_redo_refusal(store, back.id, a, None)
    assert activity_redo_refusal(store, back.id, a, (photo.id,)) is None
    store.activities.save_photo_choices({}, {(back.id, photo.id): "新的说明"})
    edited = activity_redo_refusal(store, back.id, a, (photo.id,), deleting=False)
    assert edited is not None and "撤销修改之后" in edited and "编辑" in edited
