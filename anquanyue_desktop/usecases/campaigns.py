"""Starting a campaign: blank, from a notice template, or from last year's campaign."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.attached_forms import with_default_forms
from ..domain.campaign import Campaign, moved_to_year
from ..domain.deadlines import Deadline, shift_year
from ..store.database import Store
from .shipped_forms import ensure_shipped_forms


def create_campaign(
    store: Store,
    campaign: Campaign,
    deadlines: Sequence[Deadline] = (),
    forms: Sequence[tuple[str, str]] = (),
) -> Campaign:
    """The campaign, its deadlines and the forms it uses (key, role), all written or none.

    Every new campaign starts with a liaison form and a statistics table: the built-in ones
    for a role ``forms`` leaves empty (the clerk can change the choice on the 报表 page)."""
    ensure_shipped_forms(store)
    with store.transaction():
        saved = store.campaigns.save(campaign)
        if deadlines:
            store.deadlines.save_all(saved.id, deadlines)
        known = {t.key for t in store.forms.list_latest()}
        chosen = with_default_forms([(k, r) for k, r in forms if k in known], known)
        if chosen:
            store.campaign_forms.set_chosen(saved.id, chosen)
    return saved


def draft_from_previous(
    store: Store, previous: Campaign, year: int
) -> tuple[Campaign, list[Deadline], list[tuple[str, str]]]:
    """``year``'s campaign carried over from ``previous``: the campaign with its dates moved,
    its deadlines moved, and the same forms; for review before :func:`create_campaign`."""
    notes = f"沿用{previous.year}年的设置建立，请核对主题、文号和各截止日期。"
    return (
        moved_to_year(previous, year, notes),
        deadlines_from_previous(store, previous, year),
        forms_from_previous(store, previous),
    )


def deadlines_from_previous(store: Store, previous: Campaign, year: int) -> list[Deadline]:
    """Last year's deadlines moved to ``year``, for review before creating the campaign."""
    shift = year - previous.year
    return [shift_year(d, shift) for d in store.deadlines.list(previous.id)]


def forms_from_previous(store: Store, previous: Campaign) -> list[tuple[str, str]]:
    """Last year's choice of forms; the latest version of each is used for new entries."""
    return store.campaign_forms.chosen(previous.id)
