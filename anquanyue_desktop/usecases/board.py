"""Loads what the board of a campaign needs in a few queries and builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain.board import OccurrenceState, SubmissionKey, build_board
from ..domain.campaign import Campaign
from ..domain.deadlines import Deadline
from ..domain.form_entries import ROLE_LIAISON
from ..domain.submissions import Submission
from ..domain.units import Unit
from ..store.database import Store


@dataclass(frozen=True)
class CampaignBoard:
    campaign: Campaign
    deadlines: list[Deadline]
    units: list[Unit]
    submissions: dict[SubmissionKey, Submission]
    states: list[OccurrenceState]
    now: datetime
    # unit id → (liaison name, mobile) from the campaign's liaison form, where entered.
    liaisons: dict[int, tuple[str, str]] = field(default_factory=dict)

    def unit(self, unit_id: int | None) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def unit_names(self) -> dict[int, str]:
        return {u.id: u.name for u in self.units if u.id is not None}


def load_board(store: Store, campaign: Campaign, now: datetime) -> CampaignBoard:
    """Reporting units are the active ones, plus any inactive unit that has a record here."""
    deadlines = store.deadlines.list(campaign.id)
    submissions = store.submissions.for_campaign(campaign.id)
    recorded = {key[2] for key in submissions}
    units = [u for u in store.units.list() if u.active or u.id in recorded]
    states = build_board(deadlines, [u.id for u in units], submissions, now)
    return CampaignBoard(
        campaign, deadlines, units, submissions, states, now, liaison_contacts(store, campaign.id)
    )


def liaison_contacts(store: Store, campaign_id: int) -> dict[int, tuple[str, str]]:
    """Each unit's liaison (name, mobile), read from the campaign's liaison form."""
    key = store.campaign_forms.key_for_role(campaign_id, ROLE_LIAISON)
    if key is None:
        return {}
    found = {}
    for unit_id, entry in store.form_entries.for_campaign(campaign_id, key).items():
        if unit_id is not None:
            found[unit_id] = (
                str(entry.values.get("name") or ""),
                str(entry.values.get("mobile") or ""),
            )
    return found
