"""Starting a campaign: blank, from an upstream notice, from a notice template, or from last
year's campaign. Each way gives a :class:`CampaignDraft` for review; a changed year moves every
date, the period and the ordinal the same way whichever face asked for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.attached_forms import with_default_forms
from ..domain.campaign import Campaign, default_new_year, moved_to_year, national_ordinal
from ..domain.campaign_templates import TEMPLATES, template
from ..domain.deadlines import Deadline, shift_year
from ..domain.form_entries import ROLE_STATISTICS
from ..domain.forms import FormTemplate
from ..domain.validation import Problem
from ..store.database import Store
from .shipped_forms import ensure_shipped_forms

if TYPE_CHECKING:
    from ..domain.notice import NoticeDraft


@dataclass(frozen=True)
class CampaignDraft:
    """A campaign ready for review: its deadlines and the forms it collects (key, role), and
    forms that come with it (a notice's attached table) to be saved first, with their role."""

    campaign: Campaign
    deadlines: tuple[Deadline, ...] = ()
    forms: tuple[tuple[str, str], ...] = ()
    new_forms: tuple[tuple[FormTemplate, str], ...] = ()
    source: str = ""

    def moved_to(self, year: int, notes: str | None = None) -> CampaignDraft:
        """The same draft for ``year``: every date, the period and the ordinal moved; the
        theme and document number, which each year's notice sets anew, left for the clerk."""
        shift = year - self.campaign.year
        if not shift:
            return self
        note = (
            notes
            if notes is not None
            else (
                f"{self.campaign.notes}由{self.campaign.year}年的内容移到{year}年，请按今年的通知核对主题、文号。"
            )
        )
        return replace(
            self,
            campaign=moved_to_year(self.campaign, year, note),
            deadlines=tuple(shift_year(d, shift) for d in self.deadlines),
        )


def blank_draft(year: int) -> CampaignDraft:
    """A campaign with only the national defaults: June, 第N个."""
    return CampaignDraft(
        Campaign(
            year=year,
            ordinal=national_ordinal(year),
            period_start=date(year, 6, 1),
            period_end=date(year, 6, 30),
        )
    )


def draft_from_template(key: str, year: int | None = None) -> CampaignDraft:
    """A shipped notice template (yincheng-2022 …) for ``year`` (default: its own year)."""
    try:
        t = template(key)
    except KeyError:
        keys = "、".join(f"{x.key}（{x.name}）" for x in TEMPLATES)
        raise LookupError(f"没有模板“{key}”。可用：{keys}") from None
    campaign, deadlines = t.for_year(year or t.campaign.year)
    return CampaignDraft(campaign, tuple(deadlines), tuple(t.forms), source=f"依据：{t.source}")


def attached_statistics_form(text: str, year: int) -> FormTemplate | None:
    """A fill-in statistics table attached to the notice, drafted as a form template."""
    from ..domain.blank_parser import parse_table_text
    from ..domain.forms import iter_blanks, table_rows, validate_template

    if "（）" not in text and "()" not in text and "（ ）" not in text:
        return None
    found, _problems = parse_table_text(text, key=f"notice-{year}-statistics", name="", version=1)
    if not table_rows(found) or not any(True for _ in iter_blanks(found)):
        return None
    return found if not validate_template(found) else None


def notice_draft(notice: NoticeDraft) -> CampaignDraft:
    """What a parsed notice says, as a campaign draft in the notice's own year."""
    campaign = replace(notice.to_campaign(), notes="由上级通知读取建立。")
    form = attached_statistics_form(notice.text, campaign.year)
    return CampaignDraft(
        campaign,
        tuple(notice.to_deadlines()),
        new_forms=((form, ROLE_STATISTICS),) if form is not None else (),
        source="依据：上级通知",
    )


def draft_from_notice(
    text: str, *, year: int | None = None, today: date | None = None
) -> tuple[CampaignDraft, NoticeDraft]:
    """The campaign an upstream notice describes, moved to ``year`` when given."""
    # The notice reader is loaded when a notice is read, not at start-up.
    from ..domain.notice import parse_notice

    notice = parse_notice(text, today=today)
    draft = notice_draft(notice)
    return (draft.moved_to(year) if year else draft), notice


def read_notice(path: str | Path) -> str:
    """The text of a notice file (.txt in any common encoding, .docx, text .pdf)."""
    from ..imports.notice_text import read_notice_file

    return read_notice_file(Path(path))


def create_from_draft(store: Store, draft: CampaignDraft) -> Campaign:
    """The draft written: its own forms, the campaign, its deadlines and forms, all or none."""
    with store.transaction():
        forms = list(draft.forms)
        for t, role in draft.new_forms:
            saved = store.forms.save(t)
            forms.append((saved.key, role))
        return create_campaign(store, draft.campaign, draft.deadlines, forms)


def create_campaign(
    store: Store,
    campaign: Campaign,
    deadlines: Sequence[Deadline] = (),
    forms: Sequence[tuple[str, str]] = (),
) -> Campaign:
    """The campaign, its deadlines and the forms it uses (key, role), all written or none.

    Every new campaign starts with a liaison form and a statistics table: the built-in ones
    for a role ``forms`` leaves empty (the clerk can change the choice on the 报表 page)."""
    ensure_shipped_forms(store)
    with store.transaction():
        saved = store.campaigns.save(campaign)
        if deadlines:
            store.deadlines.save_all(saved.saved_id, deadlines)
        known = {t.key for t in store.forms.list_latest()}
        chosen = with_default_forms([(k, r) for k, r in forms if k in known], known)
        if chosen:
            store.campaign_forms.set_chosen(saved.saved_id, chosen)
    return saved


def draft_from_previous(store: Store, previous: Campaign, year: int) -> CampaignDraft:
    """``year``'s campaign carried over from ``previous``: the campaign with its dates moved,
    its deadlines moved, and the same forms; for review before :func:`create_from_draft`."""
    notes = f"沿用{previous.year}年的设置建立，请核对主题、文号和各截止日期。"
    return CampaignDraft(
        moved_to_year(previous, year, notes),
        tuple(deadlines_from_previous(store, previous, year)),
        tuple(forms_from_previous(store, previous)),
        source="单位跨年度保留，无需重新录入。",
    )


def deadlines_from_previous(store: Store, previous: Campaign, year: int) -> list[Deadline]:
    """Last year's deadlines moved to ``year``, for review before creating the campaign."""
    shift = year - previous.year
    return [shift_year(d, shift) for d in store.deadlines.list(previous.saved_id)]


def forms_from_previous(store: Store, previous: Campaign) -> list[tuple[str, str]]:
    """Last year's choice of forms; the latest version of each is used for new entries."""
    return store.campaign_forms.chosen(previous.saved_id)


def all_campaigns(store: Store) -> list[Campaign]:
    """Every campaign, the newest year first."""
    return store.campaigns.list()


def year_taken(store: Store, year: int) -> bool:
    return store.campaigns.by_year(year) is not None


def campaign_problems(store: Store, campaign: Campaign) -> list[Problem]:
    """What keeps ``campaign`` from being saved (a year another campaign has, …)."""
    return store.campaigns.problems(campaign)


def save_campaign(store: Store, campaign: Campaign) -> Campaign:
    """Changes a stored campaign; a new one is created with its built-in forms like any
    other new campaign (ValidationError on bad input)."""
    if campaign.id is None:
        return create_campaign(store, campaign)
    return store.campaigns.save(campaign)


def delete_campaign(store: Store, campaign: Campaign) -> None:
    """Deletes the campaign with everything that belongs to it (units stay)."""
    store.campaigns.delete(campaign.saved_id)


def carry_over_sources(store: Store) -> list[Campaign]:
    """The campaigns a new year can be carried over from, newest first: the real ones, or
    the demo when there is nothing else."""
    campaigns = all_campaigns(store)
    return [c for c in campaigns if not c.is_demo] or campaigns


def new_campaign_defaults(store: Store, today: date) -> Campaign:
    """A new campaign as the 活动年度 page starts it: the year the 新建年度 dialog offers,
    the national ordinal and June, and the issuer and contact of the latest real campaign
    (they rarely change from one year to the next)."""
    campaigns = all_campaigns(store)
    year = default_new_year(today, {c.year for c in campaigns})
    latest = campaigns[0] if campaigns and not campaigns[0].is_demo else None
    return Campaign(
        year=year,
        ordinal=national_ordinal(year),
        period_start=date(year, 6, 1),
        period_end=date(year, 6, 30),
        issuer=latest.issuer if latest else "",
        contact_person=latest.contact_person if latest else "",
        contact_phone=latest.contact_phone if latest else "",
    )
