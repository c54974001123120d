"""图文 material for the weekly report and the summary: activities with the photos picked.

The clerk picks two to four photos an activity (and their captions) once, in 选择照片…; the
weekly report's and the summary's 图文 PDF/Word both use that pick. Until then an activity
brings its first photos (four in the weekly material, two in the summary's appendix).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..domain.activities import (
    SUMMARY_ACTIVITIES,
    SUMMARY_DEFAULT_PHOTOS,
    WEEKLY_DEFAULT_PHOTOS,
    Activity,
    goes_in_pictures,
    report_photos,
    summary_activities,
)
from ..domain.campaign import Campaign
from ..domain.reports import OWN_UNIT_NAME, WeeklyReport, md
from ..exports.picture_report import Picture, PictureSection
from ..store.database import Store


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


def summary_photo_choices(
    store: Store, campaign: Campaign
) -> tuple[list[Activity], dict[int, str]]:
    """What 选择图文照片 offers for the summary: every activity of the campaign, the important
    ones first, each by date; and the units' names by id (inactive ones too: their
    activities stay)."""
    assert campaign.id is not None
    activities = sorted(store.activities.list(campaign.id), key=lambda a: (not a.important, a.on))
    names = {u.id: u.name for u in store.units.list() if u.id is not None}
    return activities, names


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
        if goes_in_pictures(a, choices.get(a.id or 0))
    ]


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
