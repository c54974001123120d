"""Installs the demo campaign (荫城镇 2022) and its invented units in one transaction."""

from __future__ import annotations

from dataclasses import replace

from ..domain.campaign import Campaign, shift_date
from ..domain.deadlines import all_occurrences
from ..domain.demo import (
    DEMO_CAMPAIGN,
    demo_campaign,
    demo_deadlines,
    demo_liaisons,
    demo_statistics,
    demo_submissions,
    demo_units,
    demo_year,
)
from ..domain.demo_activities import demo_activities
from ..domain.form_entries import ROLE_LIAISON, ROLE_STATISTICS, FormEntry
from ..domain.forms import body_fields
from ..domain.units import name_key
from ..exports.posters import poster_png
from ..store.database import Store
from .shipped_forms import ensure_shipped_forms


def install_demo(store: Store) -> Campaign:
    """Creates the demo campaign and units; running it again changes nothing.

    Beside real campaigns the demo is its own campaign marked 【示例】: in 2022 when that year
    is free, otherwise in the nearest earlier free year with every date moved there."""
    with store.transaction():
        year = demo_year({c.year: c.is_demo for c in store.campaigns.list()})
        campaign = store.campaigns.by_year(year)
        if campaign is None:
            campaign = store.campaigns.save(demo_campaign(year))
        existing = store.units.list()
        taken = {name_key(u.name) for u in existing}
        start = max((u.sort_order for u in existing), default=0)
        new = [u for u in demo_units() if name_key(u.name) not in taken]
        if new:
            new = [replace(u, sort_order=start + i) for i, u in enumerate(new, start=1)]
            store.units.save_all([*existing, *new])
        if not store.deadlines.list(campaign.saved_id):
            deadlines = store.deadlines.save_all(campaign.saved_id, demo_deadlines(year))
            demo_ids = [u.id for u in store.units.list() if u.is_demo and u.active and u.id]
            store.submissions.record(
                demo_submissions(
                    all_occurrences(deadlines),
                    demo_ids,
                    {d.title: d.id for d in deadlines if d.id is not None},
                )
            )
        if not store.campaign_forms.chosen(campaign.saved_id):
            _demo_forms(store, campaign.saved_id)
        install_demo_activities(store, campaign.saved_id, year - DEMO_CAMPAIGN.year)
    return campaign


def _demo_forms(store: Store, campaign_id: int) -> None:
    """The liaison form most units have returned, and some units' statistics tables."""
    ensure_shipped_forms(store)
    store.campaign_forms.set_chosen(
        campaign_id, [("yincheng-liaison", ROLE_LIAISON), ("activity-statistics", ROLE_STATISTICS)]
    )
    units = [u for u in store.units.list() if u.is_demo and u.active]
    liaison = store.forms.latest("yincheng-liaison")
    stats = store.forms.latest("activity-statistics")
    assert liaison is not None and stats is not None, "shipped forms installed above"
    entries = [
        FormEntry(campaign_id, liaison.key, liaison.version, u.id, values)
        for u, values in zip(units, demo_liaisons(len(units), [u.name for u in units]), strict=True)
        if values
    ]
    store.form_entries.save(liaison, entries)
    fields = body_fields(stats)
    numbers = [f.key for f in fields if f.type == "number"]
    text = next((f.key for f in fields if f.type != "number"), None)
    entries = [
        FormEntry(campaign_id, stats.key, stats.version, u.id, values)
        for u, values in zip(units, demo_statistics(numbers, text, len(units)), strict=True)
        if values
    ]
    store.form_entries.save(stats, entries)


def install_demo_activities(store: Store, campaign_id: int, shift_years: int = 0) -> int:
    """Adds the demo activities with generated photos, if the campaign has no activity yet.

    Returns how many were added. Runs inside the caller's transaction when there is one.
    """
    if store.activities.list(campaign_id):
        return 0
    units = [u for u in store.units.list(include_inactive=False) if u.is_demo]
    plans = demo_activities(campaign_id, units)
    with store.transaction():
        for plan in plans:
            pictures = tuple(
                replace(
                    store.media.add_bytes(poster_png(p.seed, p.caption), p.name), caption=p.caption
                )
                for p in plan.pictures
            )
            a = plan.activity
            if shift_years:
                a = replace(a, on=shift_date(a.on, shift_years) or a.on)
            store.activities.save(replace(a, media=(*pictures, *a.media)))
    return len(plans)
