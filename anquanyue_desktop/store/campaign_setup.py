"""Starting a campaign: blank, from a notice template, or from last year's campaign."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.campaign import Campaign
from ..domain.deadlines import Deadline, shift_year
from .database import Store
from .forms_setup import ensure_shipped_forms


def create_campaign(
    store: Store,
    campaign: Campaign,
    deadlines: Sequence[Deadline] = (),
    forms: Sequence[tuple[str, str]] = (),
) -> Campaign:
    """The campaign, its deadlines and the forms it uses (key, role), all written or none."""
    if forms:
        ensure_shipped_forms(store)
    with store.transaction():
        saved = store.campaigns.save(campaign)
        if deadlines:
            store.deadlines.save_all(saved.id, deadlines)
        known = {t.key for t in store.forms.list_latest()}
        chosen = [(k, r) for k, r in forms if k in known]
        if chosen:
            store.campaign_forms.set_chosen(saved.id, chosen)
    return saved


def deadlines_from_previous(store: Store, previous: Campaign, year: int) -> list[Deadline]:
    """Last year's deadlines moved to ``year``, for review before creating the campaign."""
    shift = year - previous.year
    return [shift_year(d, shift) for d in store.deadlines.list(previous.id)]


def forms_from_previous(store: Store, previous: Campaign) -> list[tuple[str, str]]:
    """Last year's choice of forms; the latest version of each is used for new entries."""
    return store.campaign_forms.chosen(previous.id)
