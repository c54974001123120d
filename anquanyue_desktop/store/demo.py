"""Installs the demo campaign (荫城镇 2022) and its invented units in one transaction."""

from __future__ import annotations

from dataclasses import replace

from ..domain.campaign import Campaign
from ..domain.deadlines import all_occurrences
from ..domain.demo import DEMO_CAMPAIGN, demo_deadlines, demo_submissions, demo_units
from ..domain.units import name_key
from ..domain.validation import Problem, ValidationError
from .database import Store


def install_demo(store: Store) -> Campaign:
    """Creates the demo campaign and units; running it again changes nothing."""
    with store.transaction():
        campaign = store.campaigns.by_year(DEMO_CAMPAIGN.year)
        if campaign is not None and not campaign.is_demo:
            raise ValidationError(
                [
                    Problem(
                        "year",
                        f"{DEMO_CAMPAIGN.year}年已有正式的活动，为免混淆，不再创建示例活动。",
                        "demo_year_taken",
                    )
                ]
            )
        if campaign is None:
            campaign = store.campaigns.save(DEMO_CAMPAIGN)
        existing = store.units.list()
        taken = {name_key(u.name) for u in existing}
        start = max((u.sort_order for u in existing), default=0)
        new = [u for u in demo_units() if name_key(u.name) not in taken]
        if new:
            new = [replace(u, sort_order=start + i) for i, u in enumerate(new, start=1)]
            store.units.save_all([*existing, *new])
        if not store.deadlines.list(campaign.id):
            deadlines = store.deadlines.save_all(campaign.id, demo_deadlines())
            demo_ids = [u.id for u in store.units.list() if u.is_demo and u.active]
            store.submissions.record(
                demo_submissions(
                    all_occurrences(deadlines), demo_ids, {d.title: d.id for d in deadlines}
                )
            )
    return campaign
