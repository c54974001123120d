"""parse_notice: a notice's text in, a :class:`NoticeDraft` out. Never raises on text."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

from ..campaign import national_ordinal
from ..workdays import WorkCalendar
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
from .leftovers import find_leftovers
from .model import (
    Attachment,
    Contact,
    Event,
    Found,
    FoundDeadline,
    Leftover,
    NoticeDraft,
    Period,
    Span,
    main_period,
)
from .reporting import Context, find_deadlines
from .text import strip_ruby

T = TypeVar("T")
log = logging.getLogger(__name__)
INTERNAL_ERROR = "内部错误"


def parse_notice(
    text: str, *, today: date | None = None, calendar: WorkCalendar | None = None
) -> NoticeDraft:
    """Read the campaign facts and the reporting deadlines of a notice's plain text.

    Offsets in the result's spans point into ``text`` as given. ``today`` gives the year
    when the notice names none. ``calendar`` counts workdays for deadlines relative to the
    notice (接到通知后3个工作日内; the built-in holiday table when not given). Each part is
    read on its own: should one fail on some unforeseen text, the others are still returned
    and ``notes`` says which part is missing.
    """
    today = today or date.today()
    text = text if isinstance(text, str) else str(text)
    ruby = strip_ruby(text)
    if ruby is not None:
        # Text from a mirror that put pinyin after its characters (報(bào)送): read without it,
        # then point every span back into the text as given.
        clean, offs = ruby
        return _map_back(_parse(clean, today, calendar), text, offs)
    return _parse(text, today, calendar)


def _parse(text: str, today: date, calendar: WorkCalendar | None) -> NoticeDraft:
    notes: list[str] = []

    def safely(what: str, step: Callable[[], T], default: T) -> T:
        try:
            return step()
        except Exception:  # a draft without one part beats no draft at all
            log.exception("notice parsing failed in %s", what)
            notes.append(f"{INTERNAL_ERROR}：未能读取{what}，请手动填写")
            return default

    lay = build_layout(text)
    no_signature: tuple[Found[date] | None, Found[str] | None, int | None] = (None, None, None)
    issued, signer, signature_end = safely("发文日期", lambda: find_signature(lay), no_signature)
    safely("附件位置", lambda: find_appendix(lay, signature_end), None)
    issuer = safely("发文单位", lambda: find_title_issuer(lay), None) or signer
    ordinal = safely("第N个", lambda: find_ordinal(lay), None)
    year = safely(
        "年度",
        lambda: find_year(lay, issued, ordinal, today),
        Found(today.year, None, unsure=True, reason="未能确定年度"),
    )
    expected = national_ordinal(year.value)
    if ordinal and expected not in (None, ordinal.value):
        ordinal = replace(ordinal, unsure=True, reason=f"{year.value}年应为第{expected}个，请核对")
    periods: list[Period] = safely("活动时间", lambda: find_periods(lay, year.value), [])
    attachments: list[Attachment] = safely("附件", lambda: find_attachments(lay), [])
    theme = safely("活动主题", lambda: find_theme(lay), None)
    document_number = safely("文号", lambda: find_document_number(lay), None)
    ctx = Context(
        lay,
        year.value,
        main_period(periods),
        attachments,
        issued.value if issued else None,
        calendar=calendar,
        today=today,
    )
    deadlines: list[FoundDeadline] = safely("报送节点", lambda: find_deadlines(ctx), [])
    taken = [d.span for d in deadlines] + [p.span for p in periods]
    if issued and issued.span:
        taken.append(issued.span)
    events: list[Event] = safely("活动节点", lambda: find_events(lay, year.value, taken), [])
    shown = taken[len(deadlines) :] + [e.span for e in events]
    leftovers: list[Leftover] = safely(
        "可能遗漏的报送要求",
        lambda: find_leftovers(ctx, deadlines, shown),
        [],
    )
    contacts: list[Contact] = safely("联系人", lambda: find_contacts(lay), [])
    # (The draft made once, with everything read: a frozen dataclass is costly to copy.)
    return NoticeDraft(
        text=text,
        year=year,
        issuer=issuer,
        issued_on=issued,
        ordinal=ordinal,
        theme=theme,
        document_number=document_number,
        periods=tuple(periods),
        contacts=tuple(contacts),
        attachments=tuple(attachments),
        events=tuple(events),
        deadlines=tuple(deadlines),
        notes=(*ctx.notes, *notes),
        leftovers=tuple(leftovers),
    )


def _map_back(draft: NoticeDraft, text: str, offs: list[int]) -> NoticeDraft:
    def sp(span: Span) -> Span:
        a, b = span
        return (offs[a], offs[b - 1] + 1) if b > a else (offs[a], offs[a])

    def found(f: Found[T]) -> Found[T]:
        return replace(f, span=sp(f.span) if f.span is not None else None)

    def maybe(f: Found[T] | None) -> Found[T] | None:
        return found(f) if f is not None else None

    return replace(
        draft,
        text=text,
        year=found(draft.year),
        issuer=maybe(draft.issuer),
        issued_on=maybe(draft.issued_on),
        ordinal=maybe(draft.ordinal),
        theme=maybe(draft.theme),
        document_number=maybe(draft.document_number),
        periods=tuple(replace(p, span=sp(p.span)) for p in draft.periods),
        contacts=tuple(replace(c, span=sp(c.span)) for c in draft.contacts),
        attachments=tuple(replace(a, span=sp(a.span)) for a in draft.attachments),
        events=tuple(replace(e, span=sp(e.span)) for e in draft.events),
        deadlines=tuple(
            replace(d, span=sp(d.span), evidence=tuple(sp(e) for e in d.evidence))
            for d in draft.deadlines
        ),
        leftovers=tuple(
            replace(lo, span=sp(lo.span), evidence=tuple(sp(e) for e in lo.evidence))
            for lo in draft.leftovers
        ),
    )
