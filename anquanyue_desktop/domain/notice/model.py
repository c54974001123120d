"""What the notice parser found: frozen items, each with the span of text it came from and
a flag for the review dialog when the parser was unsure; conversion to the campaign and
deadline objects of the rest of the program, and the JSON the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, time
from typing import Any, Generic, TypeVar

from ..campaign import Campaign
from ..deadlines import ASAP, DIRECTION_IN, ONCE, QUARTERLY_KIND, Deadline, DeadlineRule

T = TypeVar("T")
Span = tuple[int, int]  # [start, end) character offsets into the notice text

DEFAULT_PERIOD_NAME = "安全生产月"


@dataclass(frozen=True)
class Found(Generic[T]):
    """A single value read from the notice (issuer, date of issue, theme …)."""

    value: T
    span: Span | None
    unsure: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Period:
    """活动时间: what runs (安全生产月, 安全生产五邑行 …) from ``start`` to ``end``."""

    what: str
    start: date
    end: date
    span: Span
    unsure: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Contact:
    """联系人 and phone. ``phones`` holds every number the notice gives for this person,
    the first one (``phone``) is from the notice body when it has one."""

    name: str
    phone: str
    span: Span
    phones: tuple[str, ...] = ()
    unsure: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Attachment:
    title: str
    number: int | None
    span: Span
    unsure: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Event:
    """A dated moment of the campaign that is not a deadline (安全宣传咨询日, 启动仪式 …)."""

    what: str
    on: date
    span: Span
    unsure: bool = False
    reason: str = ""


@dataclass(frozen=True)
class FoundDeadline:
    """One reporting deadline.

    ``kind`` is once / weekly / monthly / quarterly / daily / asap (as in
    :mod:`..deadlines`). ``on`` is the date of a once deadline; ``at`` the time of day
    (None: end of the day); ``weekday`` 1 = Monday (for weekly, or the weekday a notice
    writes beside a date); ``day_of_month`` for monthly and quarterly (None: not said / the
    month's end); ``month_of_quarter`` which month of each quarter (1–3); ``start``/``end``
    the span a repeating deadline runs over. A deadline counted from the notice
    (接到通知后5个工作日内) has ``relative_days``/``relative_workdays`` and, when the
    notice's date is known, ``on`` computed from it.
    ``source`` is the phrase it was read from and ``span`` its place in the text;
    ``evidence`` the exact words that made it (the time words and the delivery verb), for
    the review to highlight. ``materials`` the accompanying material split off the title
    (相关视频、图片、文字等电子版资料). ``confidence`` 0–1; ``unsure`` with ``reason``
    when the clerk should look. ``in_attachment``: read from an attached form.
    """

    what: str
    kind: str
    on: date | None = None
    at: time | None = None
    weekday: int | None = None
    day_of_month: int | None = None
    start: date | None = None
    end: date | None = None
    source: str = ""
    span: Span = (0, 0)
    unsure: bool = False
    reason: str = ""
    in_attachment: bool = False
    month_of_quarter: int | None = None
    relative_days: int | None = None
    relative_workdays: bool = False
    materials: str = ""
    confidence: float = 1.0
    evidence: tuple[Span, ...] = ()

    def changed(self, **changes: Any) -> FoundDeadline:
        """``dataclasses.replace(self, **changes)``, several times cheaper: the fields are
        copied as they are, not passed one by one through ``__init__`` again (a deadline is
        copied a few times as it is made). An unknown name raises as with ``replace``."""
        unknown = changes.keys() - _DEADLINE_FIELDS
        if unknown:
            raise TypeError(f"FoundDeadline has no field {sorted(unknown)}")
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new

    def rule(self) -> DeadlineRule:
        weekday = self.weekday if self.kind != ONCE else None
        if self.kind == ASAP:
            return DeadlineRule(ASAP)
        if self.kind == ONCE:
            return DeadlineRule(
                ONCE,
                on=self.on,
                at=self.at,
                relative_days=self.relative_days,
                relative_workdays=self.relative_workdays,
            )
        return DeadlineRule(
            self.kind,
            at=self.at,
            weekday=weekday,
            day_of_month=self.day_of_month,
            start=self.start,
            end=self.end,
            month_of_quarter=self.month_of_quarter if self.kind == QUARTERLY_KIND else None,
        )


@dataclass(frozen=True)
class Leftover:
    """A sentence (a clause, a table row) that looks like it asks for a delivery by some
    time, yet gave no deadline: for the clerk to read, and add one if the reader missed it.

    ``text`` is the sentence as the notice writes it; ``dates`` the dates it holds (in
    order, each once), ``at`` the time said with its only date; ``what`` the thing delivered
    where the reader's lexicon finds it; ``reason`` why it is shown, in Chinese;
    ``evidence`` the time words and the verb (or the thing) that made it look like one."""

    span: Span
    text: str
    reason: str
    dates: tuple[date, ...] = ()
    at: time | None = None
    what: str = ""
    evidence: tuple[Span, ...] = ()


_DEADLINE_FIELDS = frozenset(f.name for f in fields(FoundDeadline))


def main_period(periods: tuple[Period, ...] | list[Period]) -> Period | None:
    """The 安全生产月 itself when the notice names several periods, else the first."""
    for p in periods:
        if p.what == DEFAULT_PERIOD_NAME:
            return p
    for p in periods:
        if DEFAULT_PERIOD_NAME in p.what and "行" not in p.what:
            return p
    return periods[0] if periods else None


@dataclass(frozen=True)
class NoticeDraft:
    """Everything read from one notice, for the clerk to review."""

    text: str
    year: Found[int]
    issuer: Found[str] | None = None
    issued_on: Found[date] | None = None
    ordinal: Found[int] | None = None
    theme: Found[str] | None = None
    document_number: Found[str] | None = None
    periods: tuple[Period, ...] = ()
    contacts: tuple[Contact, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    events: tuple[Event, ...] = ()
    deadlines: tuple[FoundDeadline, ...] = ()
    notes: tuple[str, ...] = field(default=())
    # Sentences that may state a deadline the reader did not read (not in the JSON).
    leftovers: tuple[Leftover, ...] = ()

    def main_period(self) -> Period | None:
        """The 安全生产月 itself when the notice names several periods, else the first."""
        return main_period(self.periods)

    def to_campaign(self) -> Campaign:
        period = self.main_period()
        contact = self.contacts[0] if self.contacts else None
        return Campaign(
            year=self.year.value,
            theme=self.theme.value if self.theme else "",
            ordinal=self.ordinal.value if self.ordinal else None,
            period_start=period.start if period else None,
            period_end=period.end if period else None,
            issuer=self.issuer.value if self.issuer else "",
            document_number=self.document_number.value if self.document_number else "",
            contact_person=contact.name if contact else "",
            contact_phone=contact.phone if contact else "",
        )

    def to_deadlines(
        self, campaign_id: int | None = None, direction: str = DIRECTION_IN
    ) -> list[Deadline]:
        """Every found deadline as a :class:`Deadline`. Repeating ones without a span of
        their own run over the campaign's period. A once deadline the notice gave no date
        for (收到通知后3日内) stays without one: validation asks the clerk for it."""
        period = self.main_period()
        out = []
        for d in self.deadlines:
            rule = d.rule()
            if rule.kind not in (ONCE, ASAP) and period:
                rule = replace(rule, start=rule.start or period.start, end=rule.end or period.end)
            out.append(
                Deadline(
                    campaign_id=campaign_id,
                    title=d.what,
                    rule=rule,
                    direction=direction,
                    materials=d.materials,
                    notes=f"通知原文：{d.source}" if d.source else "",
                )
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return to_json(self)


def _md(d: date | None) -> str | None:
    return f"{d.month:02d}-{d.day:02d}" if d else None


def _hm(t: time | None) -> str | None:
    return f"{t.hour:02d}:{t.minute:02d}" if t else None


def to_json(draft: NoticeDraft) -> dict[str, Any]:
    """The draft as plain JSON data: dates ``MM-DD`` (``issued_on`` in full, ``YYYY-MM-DD``),
    times ``HH:MM``, weekday 1 = Monday, None for what the notice does not say."""
    return {
        "issuer": draft.issuer.value if draft.issuer else None,
        "issued_on": draft.issued_on.value.isoformat() if draft.issued_on else None,
        "year": draft.year.value,
        "ordinal": draft.ordinal.value if draft.ordinal else None,
        "theme": draft.theme.value if draft.theme else None,
        "periods": [
            {"what": p.what, "start": _md(p.start), "end": _md(p.end)} for p in draft.periods
        ],
        "contacts": [{"name": c.name, "phone": c.phone or None} for c in draft.contacts],
        "attachments": [a.title for a in draft.attachments],
        "events": [{"what": e.what, "date": _md(e.on)} for e in draft.events],
        "deadlines": [
            {
                "what": d.what,
                "kind": d.kind,
                "date": _md(d.on),
                "time": _hm(d.at),
                "weekday": d.weekday,
                "day_of_month": d.day_of_month,
                "from": _md(d.start),
                "until": _md(d.end),
                "month_of_quarter": d.month_of_quarter,
                "relative": (
                    {"days": d.relative_days, "workdays": d.relative_workdays}
                    if d.relative_days
                    else None
                ),
                "materials": d.materials or None,
                "confidence": round(d.confidence, 2),
                "unsure": d.unsure,
                "source": d.source,
            }
            for d in draft.deadlines
        ],
    }
