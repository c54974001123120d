"""How long before a due moment the program reminds the clerk (截止前提醒)."""

from __future__ import annotations

from ..store.database import Store

SETTING_LEAD_MINUTES = "reminders.lead_minutes"
DEFAULT_LEAD_MINUTES = 120


def reminder_lead_minutes(store: Store) -> int:
    """The clerk's choice, or two hours when none was made (or it is not a number)."""
    value = store.settings.get(SETTING_LEAD_MINUTES)
    return int(value) if value and value.isdigit() else DEFAULT_LEAD_MINUTES


def save_reminder_lead_minutes(store: Store, minutes: int) -> None:
    store.settings.set(SETTING_LEAD_MINUTES, str(minutes))
