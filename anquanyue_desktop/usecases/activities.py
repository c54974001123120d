"""The 活动记录 page's reads and writes: a campaign's activities, their categories and the
weeks they are filtered by, the units an activity can be logged for, and deleting one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..domain.activities import Activity, ActivityWeek, iso_weeks, weekly_windows
from ..domain.campaign import Campaign
from ..domain.deadlines import DIRECTION_IN, WEEKLY_KIND, occurrences
from ..domain.units import Unit
from ..store.database import Store
from ..store.media import MediaStore
from .units import active_units, all_units


def campaign_activities(store: Store, campaign: Campaign) -> list[Activity]:
    return store.activities.list(campaign.saved_id)


def activity_categories(store: Store, campaign: Campaign) -> tuple[str, ...]:
    return store.activities.categories(campaign.saved_id)


def save_activity_categories(
    store: Store, campaign: Campaign, names: Iterable[str]
) -> tuple[str, ...]:
    """The campaign's categories in the clerk's order; one in use may not go (ValidationError)."""
    return store.activities.set_categories(campaign.saved_id, names)


def activity_weeks(
    store: Store, campaign: Campaign, activities: Sequence[Activity]
) -> list[ActivityWeek]:
    """The weeks the page filters by: the windows of the campaign's first weekly deadline
    received from the units; without one, ISO weeks over the period (or over the days
    logged, when the campaign has no period)."""
    weekly = [
        d
        for d in store.deadlines.list(campaign.saved_id)
        if d.rule.kind == WEEKLY_KIND and d.direction == DIRECTION_IN
    ]
    if weekly:
        occs = occurrences(weekly[0])
        labels = [
            f"第{o.number}周（{o.due.month}月{o.due.day}日{o.due:%H:%M}报）"
            if o.has_time
            else f"第{o.number}周（{o.due.month}月{o.due.day}日报）"
            for o in occs
        ]
        return weekly_windows([o.due for o in occs], labels)
    start, end = campaign.period_start, campaign.period_end
    if start is None or end is None:
        days = [a.on for a in activities]
        if not days:
            return []
        start, end = min(days), max(days)
    return iso_weeks(start, end)


def units_to_log_for(store: Store, activity: Activity) -> list[Unit]:
    """The units an activity can be logged for: those in use, and the stopped unit the
    activity already belongs to (so editing it keeps its unit)."""
    units = active_units(store)
    if activity.unit_id is not None and all(u.id != activity.unit_id for u in units):
        units += [u for u in all_units(store) if u.id == activity.unit_id]
    return units


def media_files(store: Store) -> MediaStore:
    """The files of activities (originals, thumbnails), for the dialogs that show them."""
    return store.media


def photo_picks(store: Store, activity: Activity) -> tuple[int, ...] | None:
    """The photos picked for 图文 material of a saved activity (None: none picked)."""
    assert activity.id is not None
    return store.activities.photo_choices(activity.campaign_id).get(activity.id)


def delete_activity(store: Store, activity: Activity) -> tuple[int, ...] | None:
    """Deletes the activity (its files stay in the media store) and returns the photos that
    were picked for it, so that taking the deletion back can pick them again."""
    assert activity.id is not None
    with store.transaction():
        picks = photo_picks(store, activity)
        store.activities.delete(activity.id)
    return picks


def delete_activity_id(store: Store, activity_id: int) -> None:
    """Deletes an activity again (重做 of a deletion)."""
    store.activities.delete(activity_id)


def fresh_activities(
    store: Store, activities: Sequence[Activity]
) -> tuple[list[Activity], dict[int, tuple[int, ...]]]:
    """``activities`` as stored now (a report read earlier may hold older captions), in the
    given order, and the photos picked for them."""
    picks: dict[int, tuple[int, ...]] = {}
    fresh: dict[int | None, Activity] = {}
    for cid in {a.campaign_id for a in activities}:
        picks.update(store.activities.photo_choices(cid))
        fresh.update((a.id, a) for a in store.activities.list(cid))
    return [fresh.get(a.id, a) for a in activities], picks


def save_photo_picks(
    store: Store,
    choices: Mapping[int, Sequence[int] | None],
    captions: Mapping[tuple[int, int], str] | None = None,
) -> None:
    """The photos picked per activity (None: back to the defaults) and the captions changed
    ({(activity id, media id): caption}), written as one action; none if one is wrong."""
    store.activities.save_photo_choices(choices, captions)
