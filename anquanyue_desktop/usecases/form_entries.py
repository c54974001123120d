"""A campaign's form entries as the 报表 page shows them: each unit's entry, what pre-fills
an empty row, and the form version an entry was filled in."""

from __future__ import annotations

from ..domain.campaign import Campaign
from ..domain.form_entries import ROLE_LIAISON, FormEntry
from ..domain.forms import FormTemplate
from ..store.database import Store


def campaign_entries(
    store: Store, campaign: Campaign, template_key: str
) -> dict[int | None, FormEntry]:
    """Each unit's entry of the form ``template_key`` in ``campaign`` (None: 本级's own)."""
    assert campaign.id is not None
    return store.form_entries.for_campaign(campaign.id, template_key)


def sheet_entries(
    store: Store, campaign: Campaign, template_key: str, role: str | None
) -> tuple[dict[int | None, FormEntry], dict[int, FormEntry]]:
    """The entries of the sheet (a unit a row), and last year's entries that pre-fill the
    empty rows: for the liaison form only, since a liaison mostly stays the same person and
    forms of other roles may be different forms from year to year."""
    assert campaign.id is not None
    saved = campaign_entries(store, campaign, template_key)
    previous = store.form_entries.previous(campaign.id, role) if role == ROLE_LIAISON else {}
    return saved, previous


def entry_template(store: Store, template: FormTemplate, entry: FormEntry | None) -> FormTemplate:
    """The version of ``template`` that ``entry`` was filled in: a form changed since keeps
    showing old entries as they were entered (the current version if that one is gone)."""
    if entry is None or entry.template_version == template.version:
        return template
    return store.forms.get(template.key, entry.template_version) or template
