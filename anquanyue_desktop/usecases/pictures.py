"""图文 material for the weekly report and the summary: activities with the photos picked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..domain.activities import PHOTO, Activity
from ..domain.campaign import Campaign
from ..domain.reports import OWN_UNIT_NAME, WeeklyReport, md
from ..exports.picture_report import PHOTOS_PER_ACTIVITY, Picture, PictureSection
from ..store.database import Store


def _section(store: Store, unit_name: str, a: Activity, per_activity: int) -> PictureSection:
    people = f"，参与{a.participants}人次" if a.participants else ""
    photos = [m for m in a.media if m.kind == PHOTO and m.sha256 and store.media.has(m.sha256)]
    return PictureSection(
        heading=f"{unit_name}　{md(a.on)}　{a.title}{people}",
        text=a.description,
        pictures=tuple(
            Picture(Path(store.media.path_of(m.sha256)), m.caption or a.title)
            for m in photos[:per_activity]
        ),
    )


def weekly_picture_sections(
    store: Store, report: WeeklyReport, per_activity: int = PHOTOS_PER_ACTIVITY
) -> list[PictureSection]:
    """Each activity of the week that has photos, by unit as in the report."""
    return [
        _section(store, unit.unit_name, a, per_activity)
        for unit in report.units
        for a in unit.activities
        if any(m.kind == PHOTO for m in a.media)
    ]


def summary_picture_sections(
    store: Store, campaign: Campaign, per_activity: int = 2, limit: int = 12
) -> list[PictureSection]:
    """The campaign's activities with photos, important ones first, then by date: the 图文
    appendix of the summary (``limit`` activities, ``per_activity`` photos each)."""
    assert campaign.id is not None
    names = {u.id: u.name for u in store.units.list()}
    with_photos: Iterable[Activity] = (
        a for a in store.activities.list(campaign.id) if any(m.kind == PHOTO for m in a.media)
    )
    ordered: Sequence[Activity] = sorted(with_photos, key=lambda a: (not a.important, a.on))
    return [
        _section(store, names.get(a.unit_id, OWN_UNIT_NAME), a, per_activity)
        for a in ordered[:limit]
    ]
