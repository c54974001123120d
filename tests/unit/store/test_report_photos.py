"""The photos picked for 图文 material: remembered in one transaction, checked, used by the
weekly and the summary sections."""

from __future__ import annotations

from dataclasses import replace

import pytest

from anquanyue_desktop.domain.activities import (
    PHOTO,
    REPORT_PHOTOS_MAX,
    activity_photos,
    report_photos,
)
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.store.migrations import MIGRATIONS, m008_report_photos
from anquanyue_desktop.usecases.demo import install_demo
from anquanyue_desktop.usecases.pictures import summary_picture_sections


def _with_photos(store, campaign, at_least=3):
    return next(
        a for a in store.activities.list(campaign.id) if len(activity_photos(a)) >= at_least
    )


def test_migration_on_a_fresh_database():
    from sqlite_utils import Database

    db = Database(memory=True)
    for m in MIGRATIONS[: MIGRATIONS.index(m008_report_photos)]:
        m(db)
    m008_report_photos(db)
    assert "report_photos" in db.table_names()
    assert {c.name for c in db["report_photos"].columns} == {
        "activity_id",
        "media_ids",
        "updated_at",
    }


def test_pick_captions_and_defaults(store, demo_template):
    campaign = install_demo(store)
    a = _with_photos(store, campaign)
    photos = activity_photos(a)
    assert store.activities.photo_choices(campaign.id) == {}
    assert report_photos(a, None, 2) == photos[:2]

    # The third and the first, in that order, with a caption for the third.
    pick = (photos[2].id, photos[0].id)
    store.activities.save_photo_choices({a.id: pick}, {(a.id, photos[2].id): " 现场演练 "})
    assert store.activities.photo_choices(campaign.id) == {a.id: pick}
    again = store.activities.get(a.id)
    chosen = report_photos(again, store.activities.photo_choices(campaign.id)[a.id])
    assert [m.id for m in chosen] == list(pick)
    assert chosen[0].caption == "现场演练"

    # Back to the defaults; an emptied pick leaves the activity out of the summary.
    store.activities.save_photo_choices({a.id: None})
    assert store.activities.photo_choices(campaign.id) == {}
    store.activities.save_photo_choices({a.id: ()})
    headings = [s.heading for s in summary_picture_sections(store, campaign)]
    assert not any(a.title in h for h in headings)


def test_summary_takes_every_picked_activity_with_its_photos(store, demo_template):
    campaign = install_demo(store)
    a = _with_photos(store, campaign)
    photos = activity_photos(a)
    store.activities.save_photo_choices({a.id: tuple(m.id for m in photos[:3])})
    sections = summary_picture_sections(store, campaign, limit=1)
    mine = [s for s in sections if a.title in s.heading]
    assert len(mine) == 1 and len(mine[0].pictures) == 3  # three picked, not the default two


def test_bad_picks_write_nothing(store, demo_template):
    campaign = install_demo(store)
    a = _with_photos(store, campaign)
    other = next(
        x
        for x in store.activities.list(campaign.id)
        if x.id != a.id
        and activity_photos(x)
        and activity_photos(x)[0].id not in {m.id for m in activity_photos(a)}
    )
    too_many = tuple(m.id for m in activity_photos(a)) * 2
    with pytest.raises(ValidationError) as exc:
        store.activities.save_photo_choices(
            {a.id: too_many[: REPORT_PHOTOS_MAX + 1]}, {(a.id, activity_photos(a)[0].id): "x"}
        )
    assert "最多4张" in str(exc.value.problems)
    with pytest.raises(ValidationError) as exc:
        store.activities.save_photo_choices({a.id: (activity_photos(other)[0].id,)})
    assert "不是该活动的照片" in str(exc.value.problems)
    assert store.activities.photo_choices(campaign.id) == {}
    assert activity_photos(store.activities.get(a.id))[0].caption != "x"


def test_a_removed_photo_drops_out_of_the_pick(store, demo_template):
    campaign = install_demo(store)
    a = _with_photos(store, campaign)
    first, second = activity_photos(a)[:2]
    store.activities.save_photo_choices({a.id: (first.id, second.id)})
    store.activities.save(replace(a, media=tuple(m for m in a.media if m.id != first.id)))
    again = store.activities.get(a.id)
    chosen = report_photos(again, store.activities.photo_choices(campaign.id)[a.id])
    assert [m.id for m in chosen] == [second.id]
    assert all(m.kind == PHOTO for m in chosen)
