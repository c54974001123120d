"""图文 material for the weekly report and the summary: activities with the photos picked.

The clerk picks two to four photos an activity (and their captions) once, in 选择照片…; the
weekly report's and the summary's 图文 PDF/Word both use that pick. Until then an activity
brings its first photos (four in the weekly material, two in the summary's appendix).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..domain.activities import (
    SUMMARY_DEFAULT_PHOTOS,
    WEEKLY_DEFAULT_PHOTOS,
    Activity,
    activity_photos,
    report_photos,
)
from ..domain.campaign import Campaign
from ..domain.reports import OWN_UNIT_NAME, WeeklyReport, md
from ..exports.picture_report import Picture, PictureSection
from ..store.database import Store

SUMMARY_ACTIVITIES = 12


def _section(
    store: Store, unit_name: str, a: Activity, chosen: Sequence[int] | None, default: int
) -> PictureSection:
    people = f"，参与{a.participants}人次" if a.participants else ""
    photos = [m for m in report_photos(a, chosen, default) if store.media.has(m.sha256)]
    return PictureSection(
        heading=f"{unit_name}　{md(a.on)}　{a.title}{people}",
        text=a.description,
        pictures=tuple(
            Picture(Path(store.media.path_of(m.sha256)), m.caption or a.title) for m in photos
        ),
    )


def _goes_in(a: Activity, chosen: Sequence[int] | None) -> bool:
    """An activity with photos, unless the clerk took them all out."""
    return bool(report_photos(a, chosen))


def weekly_picture_sections(
    store: Store,
    report: WeeklyReport,
    per_activity: int = WEEKLY_DEFAULT_PHOTOS,
    choices: Mapping[int, Sequence[int]] | None = None,
) -> list[PictureSection]:
    """Each activity of the week that has photos to show, by unit as in the report."""
    campaign_ids = {a.campaign_id for u in report.units for a in u.activities}
    if choices is None:
        choices = {
            k: v for cid in campaign_ids for k, v in store.activities.photo_choices(cid).items()
        }
    # The report may have been read before captions were edited: the photos as stored now.
    fresh = {a.id: a for cid in campaign_ids for a in store.activities.list(cid)}
    week = [(unit.unit_name, fresh.get(a.id, a)) for unit in report.units for a in unit.activities]
    return [
        _section(store, name, a, choices.get(a.id or 0), per_activity)
        for name, a in week
        if _goes_in(a, choices.get(a.id or 0))
    ]


def summary_activities(
    activities: Sequence[Activity],
    choices: Mapping[int, Sequence[int]],
    limit: int = SUMMARY_ACTIVITIES,
) -> list[Activity]:
    """The activities of the summary's 图文 appendix: every one the clerk picked photos for,
    then others with photos up to ``limit`` in all; important ones first, then by date."""
    picked = [a for a in activities if (a.id or 0) in choices and _goes_in(a, choices[a.id or 0])]
    others = [a for a in activities if (a.id or 0) not in choices and activity_photos(a)]
    room = max(0, limit - len(picked))
    others = sorted(others, key=lambda a: (not a.important, a.on))[:room]
    return sorted([*picked, *others], key=lambda a: (not a.important, a.on))


def summary_picture_sections(
    store: Store,
    campaign: Campaign,
    per_activity: int = SUMMARY_DEFAULT_PHOTOS,
    limit: int = SUMMARY_ACTIVITIES,
) -> list[PictureSection]:
    """The 图文 appendix of the summary: picked activities with their picked photos, then
    the others with photos (their first ``per_activity``) up to ``limit`` activities."""
    assert campaign.id is not None
    names = {u.id: u.name for u in store.units.list()}
    choices = store.activities.photo_choices(campaign.id)
    chosen = summary_activities(store.activities.list(campaign.id), choices, limit)
    return [
        _section(
            store, names.get(a.unit_id, OWN_UNIT_NAME), a, choices.get(a.id or 0), per_activity
        )
        for a in chosen
    ]
