"""What counts as delivered for a deadline, and the receipts that follow from the records.

A deadline is delivered by a form (the unit's liaison form or statistics table saved or
imported), by activities (an activity of the unit dated in the occurrence's window, the same
window the weekly report uses), or by hand (the clerk marks it in the grid). The choice is kept
in the deadline's ``form_template`` text as the words the clerk sees (联络员表、活动记录、
手工登记); empty means "judge by the title", so deadlines made before this existed work too.

Receipts are written as ordinary submissions at the moment the record arrived, only into cells
nothing was recorded in yet: a clerk's own entry (a date typed in, 免报) is never overwritten,
and the grid, dashboard, chase list, weekly report and summary, which all read submissions,
agree by construction. Each receipt's note says where it came from, so it can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .deadlines import (
    ASAP,
    DIRECTION_IN,
    ONCE,
    Deadline,
    Occurrence,
    occurrences,
)
from .form_entries import (
    ROLE_LIAISON,
    ROLE_NAMES,
    ROLE_STATISTICS,
    ROLE_WORKS_REPORT,
)
from .reports import in_window, week_window
from .submissions import Submission

FORM = "form"
ACTIVITIES = "activities"
MANUAL = "manual"

ACTIVITIES_TEXT = "活动记录"
MANUAL_TEXT = "手工登记"
# Notes of receipts the program wrote; the grid shows them, undo finds them by this start.
AUTO_NOTE = "自动登记"

# Roles a deadline can be delivered by, in the order the deadline dialog offers them.
FORM_ROLES = (ROLE_LIAISON, ROLE_STATISTICS, ROLE_WORKS_REPORT)


@dataclass(frozen=True)
class Delivery:
    kind: str  # FORM, ACTIVITIES or MANUAL
    role: str = ""  # for FORM: the form's role in the campaign
    inferred: bool = False  # judged from the title, not chosen

    @property
    def text(self) -> str:
        """The words stored and shown: 联络员表, 活动记录, 手工登记."""
        if self.kind == FORM:
            return ROLE_NAMES.get(self.role, self.role)
        return ACTIVITIES_TEXT if self.kind == ACTIVITIES else MANUAL_TEXT

    def describe(self) -> str:
        """What counts as delivered, in a sentence for the clerk."""
        if self.kind == FORM:
            return f"保存或导入该单位的{self.text}即算已报"
        if self.kind == ACTIVITIES:
            return "该单位在本期内登记了活动即算已报"
        return "在报送情况中手工登记"


def delivery_choices() -> list[Delivery]:
    return [*(Delivery(FORM, r) for r in FORM_ROLES), Delivery(ACTIVITIES), Delivery(MANUAL)]


def delivery_from_text(text: str) -> Delivery | None:
    """The delivery a stored text names; None for empty or unknown text (then inferred)."""
    text = text.strip()
    for choice in delivery_choices():
        if choice.text == text:
            return choice
    return None


def infer_delivery(d: Deadline) -> Delivery:
    """Judged from the title: 联络员 → the liaison form; 统计表 → the statistics table;
    作品 报送表 → the works table; activity material due on a schedule (or once, 活动…材料) →
    activities; anything else (plans, summaries, upward reports) → by hand."""
    title = d.title
    if d.direction != DIRECTION_IN or d.rule.kind == ASAP:
        return Delivery(MANUAL, inferred=True)
    if "联络员" in title or "联络人" in title:
        return Delivery(FORM, ROLE_LIAISON, inferred=True)
    if "统计" in title:
        return Delivery(FORM, ROLE_STATISTICS, inferred=True)
    if "作品" in title and "报送表" in title:
        return Delivery(FORM, ROLE_WORKS_REPORT, inferred=True)
    if "总结" in title or "方案" in title:
        return Delivery(MANUAL, inferred=True)
    if "活动" in title and (
        d.rule.kind != ONCE or any(w in title for w in ("材料", "资料", "开展情况", "图片"))
    ):
        return Delivery(ACTIVITIES, inferred=True)
    return Delivery(MANUAL, inferred=True)


def delivery_of(d: Deadline) -> Delivery:
    return delivery_from_text(d.form_template) or infer_delivery(d)


SubmissionKey = tuple[int, str, int | None]


def _form_occurrence(
    occs: Sequence[Occurrence],
    unit_id: int,
    submissions: Mapping[SubmissionKey, Submission],
    at: datetime,
) -> Occurrence | None:
    """The occurrence a form arriving at ``at`` delivers: the first still open one not yet
    recorded for the unit, or (arriving late) the earliest one not recorded."""
    free = [o for o in occs if (o.deadline.id, o.key, unit_id) not in submissions]
    upcoming = [o for o in free if o.due >= at]
    found = upcoming or free
    return found[0] if found else None


def receipts_for_forms(
    deadlines: Iterable[Deadline],
    role: str,
    unit_ids: Iterable[int],
    submissions: Mapping[SubmissionKey, Submission],
    at: datetime,
    note: str,
) -> list[Submission]:
    """Receipts for units whose ``role`` form arrived at ``at``, into empty cells only."""
    found: list[Submission] = []
    ids = [u for u in unit_ids if u is not None]
    for d in deadlines:
        delivery = delivery_of(d)
        if d.id is None or delivery.kind != FORM or delivery.role != role:
            continue
        occs = sorted(occurrences(d), key=lambda o: o.due)
        for unit_id in ids:
            if not d.applies_to(unit_id):
                continue
            occ = _form_occurrence(occs, unit_id, submissions, at)
            if occ is not None:
                found.append(_receipt(d, occ, unit_id, at, delivery.text, note))
    return found


def receipts_for_activity(
    deadlines: Iterable[Deadline],
    unit_id: int | None,
    on: date,
    submissions: Mapping[SubmissionKey, Submission],
    at: datetime,
    note: str,
) -> list[Submission]:
    """Receipts for the unit's activity dated ``on``, logged at ``at``: the occurrence of each
    activities deadline whose window holds ``on`` (the weekly report's windows)."""
    if unit_id is None:
        return []
    found: list[Submission] = []
    for d in deadlines:
        if d.id is None or delivery_of(d).kind != ACTIVITIES or not d.applies_to(unit_id):
            continue
        occs = occurrences(d)
        for occ in occs:
            after, until = week_window(occs, occ)
            if in_window(on, after, until):
                if (d.id, occ.key, unit_id) not in submissions:
                    found.append(_receipt(d, occ, unit_id, at, ACTIVITIES_TEXT, note))
                break
    return found


def _receipt(
    d: Deadline, occ: Occurrence, unit_id: int, at: datetime, materials: str, note: str
) -> Submission:
    assert d.id is not None
    return Submission(
        deadline_id=d.id,
        occurrence_key=occ.key,
        unit_id=unit_id,
        received_at=at.replace(microsecond=0),
        note=f"{AUTO_NOTE}：{note}" if note else AUTO_NOTE,
        materials=materials,
    )


def is_auto(s: Submission | None) -> bool:
    return s is not None and s.note.startswith(AUTO_NOTE)
