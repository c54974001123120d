"""The dates printed on exports, chosen by the clerk and remembered per campaign.

A summary carries its 成文日期 and every table its 制表日期. They default to today; once the
clerk picks one (e.g. the day the summary is due, 7月4日), the next export of that campaign
offers it again. Kept in the settings table: nothing to migrate.
"""

from __future__ import annotations

from datetime import date

from .repositories import SettingsRepository

#: 成文日期 of the summary (工作总结).
ISSUED_ON = "issued_on"
#: 制表日期 of the tables (rosters, statistics, weekly reports, works).
MADE_ON = "made_on"
KINDS = (ISSUED_ON, MADE_ON)


def _key(campaign_id: int, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown export date kind {kind!r}")
    return f"export_date.{campaign_id}.{kind}"


def chosen_date(settings: SettingsRepository, campaign_id: int, kind: str, today: date) -> date:
    """The date last chosen for ``kind`` in this campaign, else ``today``."""
    text = settings.get(_key(campaign_id, kind))
    try:
        return date.fromisoformat(text) if text else today
    except ValueError:
        return today  # a damaged value never blocks an export


def remember_date(settings: SettingsRepository, campaign_id: int, kind: str, on: date) -> None:
    """Remember ``on`` as this campaign's date for ``kind``."""
    settings.set(_key(campaign_id, kind), on.isoformat())
