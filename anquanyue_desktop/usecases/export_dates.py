"""The 成文日期/制表日期 an export carries: the clerk's pick for the campaign, else today.

The window's date pickers and the CLI's ``--date`` both come here, so that a date chosen in
one is what the other prints next (kept per campaign in the settings table).
"""

from __future__ import annotations

from datetime import date

from ..domain.campaign import Campaign
from ..store import Store
from ..store.export_dates import ISSUED_ON, KINDS, MADE_ON, chosen_date, remember_date

__all__ = ["ISSUED_ON", "KINDS", "MADE_ON", "choose_export_date", "export_date"]


def export_date(
    store: Store, campaign: Campaign | None, kind: str, *, today: date | None = None
) -> date:
    """The date to print for ``kind`` (:data:`ISSUED_ON` or :data:`MADE_ON`): the one last
    chosen in ``campaign``, else ``today``; without a saved campaign, today."""
    today = today or date.today()
    if campaign is None or campaign.id is None:
        return today
    return chosen_date(store.settings, campaign.id, kind, today)


def choose_export_date(store: Store, campaign: Campaign | None, kind: str, on: date) -> None:
    """Remember ``on`` as ``campaign``'s date for ``kind`` (nothing to remember without one)."""
    if campaign is not None and campaign.id is not None:
        remember_date(store.settings, campaign.id, kind, on)
