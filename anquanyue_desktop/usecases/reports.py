"""Gathers what the weekly report, the summary and the pack need from the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from ..domain.campaign import Campaign
from ..domain.deadlines import WEEKLY_KIND, Occurrence, all_occurrences
from ..domain.reports import SummaryDraft, WeeklyReport, build_weekly_report, draft_summary
from ..store.database import Store
from .board import load_board

SETTING_SUMMARY_TEXT = "summary.text.{campaign_id}"


def weekly_occurrences(store: Store, campaign: Campaign) -> list[Occurrence]:
    """The due moments of the campaign's weekly reports, in time order."""
    weekly = [d for d in store.deadlines.list(campaign.saved_id) if d.rule.kind == WEEKLY_KIND]
    return all_occurrences(weekly)


def weekly_report(store: Store, campaign: Campaign, occurrence: Occurrence) -> WeeklyReport:
    board = load_board(store, campaign, datetime.now())
    state = next(
        (
            s
            for s in board.states
            if s.occurrence.deadline.id == occurrence.deadline.id
            and s.occurrence.key == occurrence.key
        ),
        None,
    )
    return build_weekly_report(
        occurrence,
        weekly_occurrences(store, campaign),
        store.activities.list(campaign.saved_id),
        board.units,
        campaign_start=campaign.period_start,
        # Who did not report comes from the same board as the grid and the chase list.
        statuses=state.statuses if state is not None else None,
    )


def summary_draft(store: Store, campaign: Campaign, now: datetime) -> SummaryDraft:
    board = load_board(store, campaign, now)
    return draft_summary(
        campaign,
        store.activities.list(campaign.saved_id),
        board.units,
        states=board.states,
        now=now,
        categories=store.activities.categories(campaign.saved_id),
    )


def saved_summary_text(store: Store, campaign: Campaign) -> str | None:
    """The clerk's edited summary, kept in the database so it is never lost."""
    return store.settings.get(SETTING_SUMMARY_TEXT.format(campaign_id=campaign.id))


def save_summary_text(store: Store, campaign: Campaign, text: str) -> None:
    store.settings.set(SETTING_SUMMARY_TEXT.format(campaign_id=campaign.id), text)


# The largest attachment the clerk's mail takes, in MB: bigger videos go in a pack as links.
SETTING_MAIL_LIMIT = "pack.mail_limit_mb"
DEFAULT_MAIL_LIMIT_MB = 50


def mail_limit_mb(store: Store) -> int:
    """The mail attachment limit the clerk set for 报送包 (50 MB until she sets one)."""
    return int(store.settings.get(SETTING_MAIL_LIMIT) or DEFAULT_MAIL_LIMIT_MB)


def save_mail_limit_mb(store: Store, megabytes: int) -> None:
    store.settings.set(SETTING_MAIL_LIMIT, str(megabytes))


def weekly_pack(
    store: Store,
    campaign: Campaign,
    report: WeeklyReport,
    out_zip: Path,
    *,
    mail_limit_bytes: int,
    progress: Callable[[int, int], bool] | None = None,
    today: date | None = None,
):
    """The week's PDF and xlsx plus the media of its activities, in unit folders; the
    documents carry ``today`` as 制表日期, by default the campaign's chosen one."""
    from ..exports.pack import write_pack
    from ..exports.weekly_report import weekly_file_name, write_weekly_pdf, write_weekly_xlsx
    from .export_dates import MADE_ON, export_date

    today = today or export_date(store, campaign, MADE_ON)
    documents = []
    for fmt, writer in (("pdf", write_weekly_pdf), ("xlsx", write_weekly_xlsx)):
        buffer = BytesIO()
        writer(campaign, report, buffer, generated_on=today)
        documents.append((weekly_file_name(campaign, report, fmt), buffer.getvalue()))
    media = [(unit.unit_name, m) for unit in report.units for a in unit.activities for m in a.media]
    return write_pack(
        out_zip,
        documents=documents,
        media=media,
        media_path=store.media.path_of,
        mail_limit_bytes=mail_limit_bytes,
        progress=progress,
        title=f"{campaign.issuer_short}第{report.number}周活动情况报送包",
    )
