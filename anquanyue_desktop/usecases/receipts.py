"""Received means received: saving or importing a unit's form, or logging its activity, marks
the unit's submission received at that moment, in the same transaction as the record itself.

The desktop program shows what was marked and offers to undo it; the CLI prints it. See
:mod:`anquanyue_desktop.domain.delivery` for what counts as delivered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from ..domain.activities import Activity
from ..domain.campaign import Campaign
from ..domain.deadlines import occurrences
from ..domain.delivery import (
    is_auto,
    receipts_for_activity,
    receipts_for_forms,
)
from ..domain.form_entries import ROLE_NAMES, FormEntry
from ..domain.forms import FormTemplate
from ..domain.submissions import Submission
from ..store.database import Store


@dataclass(frozen=True)
class Receipts:
    """Submissions the program recorded as received, with the words to show for them."""

    written: tuple[Submission, ...] = ()
    lines: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.written)

    def __add__(self, other: Receipts) -> Receipts:
        return Receipts(self.written + other.written, self.lines + other.lines)

    def text(self) -> str:
        if not self.written:
            return ""
        shown = list(self.lines[:8])
        if len(self.lines) > 8:
            shown.append(f"……共{len(self.lines)}项")
        return "已登记为已报：" + "；".join(shown)


def _describe(store: Store, written: Sequence[Submission]) -> tuple[str, ...]:
    """东村：联络员推荐表（5月31日）, one line per receipt."""
    names = {u.id: u.name for u in store.units.list()}
    deadlines = {}
    for s in written:
        if s.deadline_id not in deadlines:
            deadlines[s.deadline_id] = store.deadlines.get(s.deadline_id)
    lines = []
    for s in written:
        d = deadlines[s.deadline_id]
        label = d.title if d is not None else "报送"
        if d is not None:
            occ = next((o for o in occurrences(d) if o.key == s.occurrence_key), None)
            if occ is not None:
                label = occ.label
        lines.append(f"{names.get(s.unit_id, '本级')}：{label}")
    return tuple(lines)


def _record(store: Store, found: list[Submission]) -> Receipts:
    if not found:
        return Receipts()
    store.submissions.record(found)
    return Receipts(tuple(found), _describe(store, found))


def _role_of(store: Store, campaign_id: int, template_key: str) -> str | None:
    return next(
        (role for key, role in store.campaign_forms.chosen(campaign_id) if key == template_key),
        None,
    )


def receive_forms(
    store: Store,
    campaign_id: int,
    template: FormTemplate,
    unit_ids: Iterable[int | None],
    at: datetime,
    how: str = "保存",
) -> Receipts:
    """Marks the units whose ``template`` form arrived at ``at`` as received."""
    role = _role_of(store, campaign_id, template.key)
    if role is None:
        return Receipts()
    note = f"{how}{ROLE_NAMES.get(role, template.name)}"
    with store.transaction():
        found = receipts_for_forms(
            store.deadlines.list(campaign_id),
            role,
            [u for u in unit_ids if u is not None],
            store.submissions.for_campaign(campaign_id),
            at,
            note,
        )
        return _record(store, found)


def save_form_entries(
    store: Store,
    campaign_id: int,
    template: FormTemplate,
    entries: Sequence[FormEntry],
    *,
    at: datetime | None = None,
    how: str = "保存",
) -> Receipts:
    """Saves units' entries of one form and marks the filled ones received, as one action."""
    at = at or datetime.now()
    with store.transaction():
        store.form_entries.save(template, list(entries))
        filled = [e.unit_id for e in entries if not e.is_empty()]
        return receive_forms(store, campaign_id, template, filled, at, how)


def receive_activity(store: Store, activity: Activity, at: datetime) -> Receipts:
    """Marks the activity's unit received for each activities deadline whose window holds it."""
    with store.transaction():
        found = receipts_for_activity(
            store.deadlines.list(activity.campaign_id),
            activity.unit_id,
            activity.on,
            store.submissions.for_campaign(activity.campaign_id),
            at,
            f"活动“{activity.title}”",
        )
        return _record(store, found)


def save_activity(
    store: Store,
    activity: Activity,
    new_files: Sequence = (),
    *,
    at: datetime | None = None,
) -> tuple[Activity, Receipts]:
    """Saves the activity (with its new files) and marks its unit received for its window."""
    at = at or datetime.now()
    with store.transaction():
        saved = store.activities.save(activity, new_files)
        return saved, receive_activity(store, saved, at)


def _in_place(store: Store, receipts: Receipts) -> list[int]:
    """Which of ``receipts.written`` still hold just that receipt (not changed by the clerk,
    nor taken back since): the ones an undo clears."""
    found = []
    for i, s in enumerate(receipts.written):
        now = store.submissions.get(s.deadline_id, s.occurrence_key, s.unit_id)
        if now is not None and is_auto(now) and now.received_at == s.received_at:
            found.append(i)
    return found


def undo_receipts(store: Store, receipts: Receipts) -> int:
    """Clears the cells ``receipts`` wrote, where they still hold just that receipt (a cell
    the clerk changed since is left as the clerk left it). Returns how many were cleared."""
    with store.transaction():
        cleared = [
            replace(receipts.written[i], received_at=None, note="", materials="")
            for i in _in_place(store, receipts)
        ]
        if cleared:
            store.submissions.record(cleared)
    return len(cleared)


def undoable_receipts(store: Store, receipts: Receipts, campaign_id: int) -> Receipts:
    """What 撤销登记 would still take back of ``receipts`` while ``campaign_id`` is shown: its
    cells of that campaign that still hold just the receipt. Empty for another campaign's
    receipts, and once they were undone (编辑 › 撤销 too) or changed."""
    campaign_of: dict[int, int | None] = {}
    keep = []
    for i in _in_place(store, receipts):
        deadline_id = receipts.written[i].deadline_id
        if deadline_id not in campaign_of:
            d = store.deadlines.get(deadline_id)
            campaign_of[deadline_id] = d.campaign_id if d is not None else None
        if campaign_of[deadline_id] == campaign_id:
            keep.append(i)
    # One line per receipt (see _record), kept with it.
    lines = receipts.lines if len(receipts.lines) == len(receipts.written) else ()
    return Receipts(
        tuple(receipts.written[i] for i in keep), tuple(lines[i] for i in keep if lines)
    )


def receive_from_records(store: Store, campaign: Campaign) -> Receipts:
    """Marks received what the records already hold (forms saved and activities logged before
    this rule existed, or before a deadline's delivery was chosen): forms at their last save,
    activities at noon of the day they happened. Cells with anything recorded stay as they are."""
    assert campaign.id is not None
    total = Receipts()
    with store.transaction():
        for key, _role in store.campaign_forms.chosen(campaign.id):
            template = store.forms.latest(key)
            if template is None:
                continue
            for unit_id, entry in store.form_entries.for_campaign(campaign.id, key).items():
                if unit_id is None or entry.is_empty():
                    continue
                at = _stamp(entry.updated_at)
                total += receive_forms(store, campaign.id, template, [unit_id], at, "已录入")
        for a in store.activities.list(campaign.id):
            at = datetime.combine(a.on, datetime.min.time()).replace(hour=12)
            total += receive_activity(store, a, at)
    return total


def _stamp(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text).replace(microsecond=0)
    except ValueError:
        return datetime.now().replace(microsecond=0)
