"""The roster of 下级单位 as the pages read and save it; units persist across years."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

from ..domain.units import Unit
from ..store.database import Store


def all_units(store: Store) -> list[Unit]:
    """Every unit in roster order, stopped ones too: their activities and entries stay and
    show their name."""
    return store.units.list()


def active_units(store: Store) -> list[Unit]:
    """The units in use, in roster order: those deadlines are due from and forms go to."""
    return store.units.list(include_inactive=False)


def units_in_use_or_with(store: Store, unit_ids: Container[int | None]) -> list[Unit]:
    """The units in use, and stopped units among ``unit_ids`` (those that have an entry
    this year keep their row on the sheet)."""
    return [u for u in store.units.list() if u.active or u.id in unit_ids]


def save_units(
    store: Store, units: Sequence[Unit], deleted_ids: Iterable[int] = ()
) -> tuple[list[Unit], list[Unit]]:
    """The whole edited roster as one action (ValidationError on bad input). A deleted unit
    that data refers to is stopped instead; returns the saved roster and those stopped."""
    return store.units.save_all(units, deleted_ids)
