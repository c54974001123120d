"""The form library (表样库) and the forms a campaign collects, as the 报表 page, its
本年度使用的表 dialog and the form editor read and change them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..domain.campaign import Campaign
from ..domain.forms import (
    FormTemplate,
    all_fields,
    table_rows,
    validate_successor,
    validate_template,
)
from ..domain.validation import Problem
from ..store.database import Store


def form_library(store: Store) -> list[FormTemplate]:
    """The latest version of every form, by name."""
    return store.forms.list_latest()


def latest_form(store: Store, key: str) -> FormTemplate | None:
    return store.forms.latest(key)


def form_versions(store: Store, key: str) -> list[int]:
    """The stored versions of a form, oldest first."""
    return store.forms.versions(key)


def chosen_forms(store: Store, campaign: Campaign) -> list[tuple[str, str]]:
    """(key, role) of the forms the campaign collects, in the clerk's order."""
    return store.campaign_forms.chosen(campaign.saved_id)


def choose_forms(store: Store, campaign: Campaign, chosen: Sequence[tuple[str, str]]) -> None:
    """The forms the campaign collects, (key, role) in order, as one action."""
    store.campaign_forms.set_chosen(campaign.saved_id, chosen)


def keys_ever_used(store: Store, key: str | None) -> tuple[set[str], set[str]]:
    """Every field and row key any stored version of the form used: a new field or row
    never takes one of them, so entries of old versions never mean something else."""
    fields: set[str] = set()
    rows: set[str] = set()
    if key:
        for v in store.forms.versions(key):
            t = store.forms.get(key, v)
            if t is not None:
                fields |= {f.key for f in all_fields(t)}
                rows |= {r.key for r in table_rows(t)}
    return fields, rows


def is_filled_in(store: Store, template: FormTemplate) -> bool:
    """Whether units' entries use this version (changing it then makes a new version)."""
    return store.forms.is_used(template.key, template.version)


def edited_form_problems(
    store: Store, draft: FormTemplate, original: FormTemplate | None
) -> list[Problem]:
    """What keeps the form editor's ``draft`` from being saved: the template's own rules;
    for a version units filled in, what its successor may not change; for a new form, a key
    another form has."""
    found = list(validate_template(draft))
    if original is not None and is_filled_in(store, original):
        found += validate_successor(original, replace(draft, version=draft.version + 1))
    elif original is None and store.forms.versions(draft.key):
        found.append(Problem("key", f"编号“{draft.key}”已被另一张表使用", "key_taken"))
    return found


def save_form(store: Store, template: FormTemplate) -> FormTemplate:
    """Stores the form: in place, or as a new version when units filled in this one."""
    return store.forms.save(template)


def delete_form(store: Store, key: str) -> None:
    """Deletes every version of a form; one with entries is refused (ValidationError)."""
    store.forms.delete(key)
