"""parse_notice: a notice's text in, a :class:`NoticeDraft` out. Never raises on text."""

from __future__ import annotations

from datetime import date

from .events import find_events
from .header import (
    find_attachments,
    find_contacts,
    find_document_number,
    find_ordinal,
    find_periods,
    find_signature,
    find_theme,
    find_title_issuer,
    find_year,
)
from .layout import build_layout, find_appendix
from .model import Found, NoticeDraft
from .reporting import Context, find_deadlines
from ..campaign import national_ordinal


def parse_notice(text: str, *, today: date | None = None) -> NoticeDraft:
    """Read the campaign facts and the reporting deadlines of a notice's plain text.

    Offsets in the result's spans point into ``text`` as given. ``today`` gives the year
    when the notice names none.
    """
    today = today or date.today()
    text = text if isinstance(text, str) else str(text)
    lay = build_layout(text)
    issued, signer, signature_end = find_signature(lay)
    find_appendix(lay, signature_end)
    issuer = find_title_issuer(lay) or signer
    ordinal = find_ordinal(lay)
    year = find_year(lay, issued, ordinal, today)
    if ordinal and national_ordinal(year.value) not in (None, ordinal.value):
        ordinal = Found(
            ordinal.value,
            ordinal.span,
            unsure=True,
            reason=f"{year.value}年应为第{national_ordinal(year.value)}个，请核对",
        )
    theme = find_theme(lay)
    periods = find_periods(lay, year.value)
    attachments = find_attachments(lay)
    draft = NoticeDraft(
        text=text,
        year=year,
        issuer=issuer,
        issued_on=issued,
        ordinal=ordinal,
        theme=theme,
        document_number=find_document_number(lay),
        periods=tuple(periods),
        attachments=tuple(attachments),
    )
    ctx = Context(
        lay, year.value, draft.main_period(), attachments, issued.value if issued else None
    )
    deadlines = find_deadlines(ctx)
    taken = [d.span for d in deadlines] + [p.span for p in periods]
    if issued and issued.span:
        taken.append(issued.span)
    events = find_events(lay, year.value, taken)
    contacts = find_contacts(lay)
    from dataclasses import replace

    return replace(
        draft,
        deadlines=tuple(deadlines),
        events=tuple(events),
        contacts=tuple(contacts),
    )
