"""The “五个一” works register of a campaign, from its 分配表 and the tagged activities."""

from __future__ import annotations

from ..domain.campaign import Campaign
from ..domain.form_entries import ROLE_WORKS_QUOTA
from ..domain.forms import FormTemplate, WorksQuota
from ..domain.reports import WorksRegister, works_delivered, works_register
from ..store.database import Store


def works_quota_template(store: Store, campaign: Campaign) -> FormTemplate | None:
    key = store.campaign_forms.key_for_role(campaign.saved_id, ROLE_WORKS_QUOTA)
    template = store.forms.latest(key) if key else None
    return template if template is not None and template.quota is not None else None


def works_quota(store: Store, campaign: Campaign) -> WorksQuota | None:
    template = works_quota_template(store, campaign)
    return template.quota if template is not None else None


def works_items(store: Store, campaign: Campaign) -> list[tuple[str, str]]:
    """(key, name) of the campaign's works items, for tagging activities."""
    quota = works_quota(store, campaign)
    return [(i.key, i.name) for i in quota.items] if quota else []


def campaign_works_register(store: Store, campaign: Campaign) -> WorksRegister | None:
    """Every active unit against the quota; None when the campaign uses no 分配表."""
    quota = works_quota(store, campaign)
    if quota is None:
        return None
    units = store.units.list(include_inactive=False)
    names: dict[int | None, str] = {u.id: u.name for u in units}
    delivered = works_delivered(quota, store.activities.list(campaign.saved_id), names)
    return works_register(quota, [u.name for u in units], delivered)


def submission_units(store: Store) -> list[tuple[int, str]]:
    """(id, name) of the units a 报送表 can be made for: the active ones, in roster order."""
    return [(u.id, u.name) for u in store.units.list(include_inactive=False) if u.id is not None]


def unit_submission(store: Store, campaign: Campaign, unit_id: int):
    """The rows of one unit's 报送表: each activity it tagged with a works item.

    Returns (item names in the 分配表's order, entries); None without a 分配表.
    """
    from ..domain.activities import media_summary
    from ..exports.works_report import WorkEntry

    quota = works_quota(store, campaign)
    if quota is None:
        return None
    names = {i.key: i.name for i in quota.items}
    entries = [
        WorkEntry(names[a.works_item], a.title, media_summary(a.media), a.place)
        for a in store.activities.list(campaign.saved_id, unit_id=unit_id)
        if a.works_item in names
    ]
    return list(names.values()), entries
