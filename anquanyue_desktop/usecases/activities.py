"""The 活动记录 page's reads and writes: a campaign's activities, their categories and the
weeks they are filtered by, the units an activity can be logged for, and deleting one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from ..domain.activities import (
    Activity,
    ActivityWeek,
    filter_activities,
    iso_weeks,
    weekly_windows,
)
from ..domain.campaign import Campaign
from ..domain.deadlines import DIRECTION_IN, WEEKLY_KIND, occurrences
from ..domain.reports import OWN_UNIT_NAME
from ..domain.search import any_matches
from ..domain.units import Unit
from ..store.activity_repository import OWN_ACTIVITIES
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


def find_activities(
    activities: Sequence[Activity],
    unit_names: Mapping[int, str],
    query: str,
    *,
    unit_id: int | None = None,
    category: str | None = None,
    week: ActivityWeek | None = None,
    texts: Sequence[str] | None = None,
) -> list[Activity]:
    """The activities the page's filters and search box keep. A query of Latin letters alone
    may be pinyin (dc → 东村): it is matched on the unit, title, place and category by their
    pinyin, and as text in the description; any other query must appear word by word."""
    query = query.strip()
    by_pinyin = query.isascii() and query.replace(" ", "").isalpha()
    found = filter_activities(
        activities,
        unit_names,
        unit_id=unit_id,
        category=category,
        start=week.first_day if week else None,
        end=week.last_day if week else None,
        text="" if by_pinyin else query,
        texts=texts,
    )
    if not by_pinyin:
        return found
    return [
        a
        for a in found
        if any_matches(
            (
                unit_names.get(a.unit_id, OWN_UNIT_NAME) if a.unit_id else OWN_UNIT_NAME,
                a.title,
                a.place,
                a.category,
            ),
            query,
        )
        or query.lower() in a.description.lower()
    ]


def new_activity(
    campaign: Campaign,
    categories: Sequence[str],
    *,
    unit_id: int | None,
    category: str | None,
    near: Activity | None,
    today: date,
) -> Activity:
    """A new activity as 新增活动 starts it, from what the clerk is looking at: the unit and
    category filtered on (else 本级 and the first category), the date of the activity
    selected, else today, or the campaign's first day when today is outside its period."""
    on = near.on if near else today
    start, end = campaign.period_start, campaign.period_end
    if start and end and not start <= on <= end and not near:
        on = start
    return Activity(
        campaign.saved_id,
        unit_id if unit_id not in (None, OWN_ACTIVITIES) else None,
        on,
        category or categories[0],
        "",
    )
