"""How values are written in the database: local time to the second, ISO dates and times."""

from __future__ import annotations

from datetime import date, datetime, time


def now_text() -> str:
    """The office's wall-clock time, to the second, as stored in created_at/updated_at."""
    return datetime.now().isoformat(timespec="seconds")


def date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def time_or_none(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None
