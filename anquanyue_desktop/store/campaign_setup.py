"""Starting a campaign: blank, from a notice template, or from last year's campaign."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.campaign import Campaign
from ..domain.deadlines import Deadline, shift_year
from .database import Store


def create_campaign(
    store: Store, campaign: Campaign, deadlines: Sequence[Deadline] = ()
) -> Campaign:
    """The campaign and its deadlines, all written or none."""
    with store.transaction():
        saved = store.campaigns.save(campaign)
        if deadlines:
            store.deadlines.save_all(saved.id, deadlines)
    return saved


def deadlines_from_previous(store: Store, previous: Campaign, year: int) -> list[Deadline]:
    """Last year's deadlines moved to ``year``, for review before creating the campaign."""
    shift = year - previous.year
    return [shift_year(d, shift) for d in store.deadlines.list(previous.id)]
