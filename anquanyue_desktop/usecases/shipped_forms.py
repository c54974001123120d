"""The shipped form templates, put into the database the first time they are needed."""

from __future__ import annotations

from ..imports.form_files import load_shipped
from ..store.database import Store


def ensure_shipped_forms(store: Store) -> list[str]:
    """Adds shipped templates missing from the database (new ones in a later release too)."""
    return store.forms.install(load_shipped())
