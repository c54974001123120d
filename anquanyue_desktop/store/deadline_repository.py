"""Deadlines, their submissions and hand-entered holidays."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.deadlines import DIRECTION_IN, Deadline, DeadlineRule, validate_deadline
from ..domain.submissions import Submission
from ..domain.validation import ValidationError
from ..domain.workdays import DayOverride
from .values import date_or_none, now_text, time_or_none

if TYPE_CHECKING:
    from .database import Store


class DeadlineRepository:
    def __init__(self, store: Store):
        self._store = store

    def _from_row(self, row: dict[str, Any], units: dict[int, set[int]]) -> Deadline:
        rule = DeadlineRule(
            kind=row["rule_kind"],
            on=date_or_none(row["due_on"]),
            at=time_or_none(row["due_at"]),
            weekday=row["weekday"],
            day_of_month=row["day_of_month"],
            start=date_or_none(row["start_on"]),
            end=date_or_none(row["end_on"]),
            month_of_quarter=row["month_of_quarter"],
            relative_days=row["relative_days"],
            relative_workdays=bool(row["relative_workdays"]),
        )
        return Deadline(
            id=row["id"],
            campaign_id=row["campaign_id"],
            title=row["title"],
            rule=rule,
            direction=row["direction"],
            materials=row["materials"],
            unit_ids=None if row["all_units"] else frozenset(units.get(row["id"], set())),
            form_template=row["form_template"],
            notes=row["notes"],
        )

    def list(self, campaign_id: int) -> builtins.list[Deadline]:
        db = self._store.db
        rows = list(
            db.query(
                "SELECT * FROM deadlines WHERE campaign_id = ? ORDER BY sort_order, id",
                [campaign_id],
            )
        )
        units: dict[int, set[int]] = {}
        for r in db.query(
            "SELECT du.deadline_id, du.unit_id FROM deadline_units du"
            " JOIN deadlines d ON d.id = du.deadline_id WHERE d.campaign_id = ?",
            [campaign_id],
        ):
            units.setdefault(r["deadline_id"], set()).add(r["unit_id"])
        return [self._from_row(r, units) for r in rows]

    def get(self, deadline_id: int) -> Deadline | None:
        rows = list(
            self._store.db.query("SELECT campaign_id FROM deadlines WHERE id = ?", [deadline_id])
        )
        if not rows:
            return None
        return next(d for d in self.list(rows[0]["campaign_id"]) if d.id == deadline_id)

    @staticmethod
    def _record(d: Deadline) -> dict[str, Any]:
        r = d.rule
        return {
            "campaign_id": d.campaign_id,
            "title": d.title.strip(),
            "direction": d.direction,
            "materials": d.materials.strip(),
            "form_template": d.form_template,
            "notes": d.notes.strip(),
            "rule_kind": r.kind,
            "due_on": r.on.isoformat() if r.on else None,
            "due_at": r.at.isoformat(timespec="minutes") if r.at else None,
            "weekday": r.weekday,
            "day_of_month": r.day_of_month,
            "start_on": r.start.isoformat() if r.start else None,
            "end_on": r.end.isoformat() if r.end else None,
            "month_of_quarter": r.month_of_quarter,
            "relative_days": r.relative_days or None,
            "relative_workdays": int(bool(r.relative_days and r.relative_workdays)),
            "all_units": int(d.unit_ids is None),
            "updated_at": now_text(),
        }

    def _write(self, d: Deadline, sort_order: int | None = None) -> int:
        db = self._store.db
        record = self._record(d)
        if sort_order is not None:
            record["sort_order"] = sort_order
        if d.id is None:
            record["created_at"] = record["updated_at"]
            if "sort_order" not in record:
                record["sort_order"] = int(
                    db.execute(
                        "SELECT coalesce(max(sort_order), 0) + 1 FROM deadlines WHERE campaign_id = ?",
                        [d.campaign_id],
                    ).fetchone()[0]
                )
            new_id = db.table("deadlines").insert(record).last_pk
            assert new_id is not None
            deadline_id = int(new_id)
        else:
            deadline_id = d.id
            db.table("deadlines").update(deadline_id, record)
            db.execute("DELETE FROM deadline_units WHERE deadline_id = ?", [deadline_id])
        if d.unit_ids is not None:
            db.table("deadline_units").insert_all(
                [{"deadline_id": deadline_id, "unit_id": u} for u in sorted(d.unit_ids)]
            )
        return deadline_id

    def save(self, d: Deadline) -> Deadline:
        problems = validate_deadline(d)
        if d.campaign_id is None:
            raise ValueError("deadline without campaign")
        if problems:
            raise ValidationError(problems)
        self._store.check_printable(
            [("title", "报送事项", d.title), ("materials", "报送材料", d.materials)]
        )
        with self._store.transaction():
            new_id = self._write(d)
        return self.get(new_id)  # type: ignore[return-value]

    def save_all(self, campaign_id: int, deadlines: Sequence[Deadline]) -> builtins.list[Deadline]:
        """Adds several deadlines to a campaign as one action (a template, last year's)."""
        problems = [p for d in deadlines for p in validate_deadline(d)]
        if problems:
            raise ValidationError(problems)
        with self._store.transaction():
            start = int(
                self._store.db.execute(
                    "SELECT coalesce(max(sort_order), 0) FROM deadlines WHERE campaign_id = ?",
                    [campaign_id],
                ).fetchone()[0]
            )
            for i, d in enumerate(deadlines, start=start + 1):
                self._write(_with_campaign(d, campaign_id), sort_order=i)
        return self.list(campaign_id)

    def delete(self, deadline_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM deadlines WHERE id = ?", [deadline_id])


def _with_campaign(d: Deadline, campaign_id: int) -> Deadline:
    from dataclasses import replace

    return replace(d, campaign_id=campaign_id, id=None)


class SubmissionRepository:
    def __init__(self, store: Store):
        self._store = store

    @staticmethod
    def _from_row(row: dict[str, Any]) -> Submission:
        return Submission(
            id=row["id"],
            deadline_id=row["deadline_id"],
            occurrence_key=row["occurrence_key"],
            unit_id=row["unit_id"],
            received_at=datetime.fromisoformat(row["received_at"]) if row["received_at"] else None,
            exempt_reason=row["exempt_reason"],
            note=row["note"],
            materials=row["materials"],
        )

    def for_campaign(self, campaign_id: int) -> dict[tuple[int, str, int | None], Submission]:
        """Every recorded submission of the campaign by (deadline, occurrence, unit)."""
        # Plain tuples, not sqlite-utils' dict rows: a county campaign has thousands of these and
        # every page that shows the board reads them.
        rows = self._store.db.execute(
            "SELECT s.id, s.deadline_id, s.occurrence_key, s.unit_id, s.received_at,"
            " s.exempt_reason, s.note, s.materials"
            " FROM submissions s JOIN deadlines d ON d.id = s.deadline_id WHERE d.campaign_id = ?",
            [campaign_id],
        ).fetchall()
        found = {}
        parse = datetime.fromisoformat
        for sid, did, key, unit_id, received, reason, note, materials in rows:
            found[(did, key, unit_id)] = Submission(
                id=sid,
                deadline_id=did,
                occurrence_key=key,
                unit_id=unit_id,
                received_at=parse(received) if received else None,
                exempt_reason=reason,
                note=note,
                materials=materials,
            )
        return found

    # The board's questions answered by SQLite, so that the 工作台 and the reminders need not
    # load every record of a county campaign (usecases.board.load_board_summary). The rules
    # are those of usecases.board.load_board_data and domain.board.build_board: the reporting
    # units are the active ones plus any unit with a record in the campaign (so every unit of
    # a record is one); a 收 deadline asks its chosen units, or all, a 报 deadline the township
    # (unit NULL); a record is done when exempt (the reason is stored stripped) or received;
    # a receipt is late after the due second (a due time) or the due day, the occurrence key.
    _REPORTING = (
        "(u.active OR EXISTS (SELECT 1 FROM submissions r JOIN deadlines rd"
        " ON rd.id = r.deadline_id WHERE r.unit_id = u.id AND rd.campaign_id = :campaign))"
    )
    _DONE = "(s.exempt_reason != '' OR s.received_at IS NOT NULL)"

    @staticmethod
    def _asked(deadline: Deadline, unit: str) -> str:
        if deadline.direction != DIRECTION_IN:
            return f"{unit} IS NULL"
        if deadline.unit_ids is None:
            return f"{unit} IS NOT NULL"
        return f"{unit} IN (SELECT unit_id FROM deadline_units WHERE deadline_id = :deadline)"

    def done_counts(self, deadline: Deadline) -> dict[str, tuple[int, int, int]]:
        """Occurrence key → how many of the units the deadline asks are exempt, late, on time."""
        at = deadline.rule.at
        # Text comparisons on the stored ISO text ('T' or ' ' between date and time): cheaper
        # than parsing each row with datetime(), and the same answer.
        late = (
            "substr(s.received_at, 1, 10) > s.occurrence_key"
            if at is None
            else "replace(substr(s.received_at, 1, 19), ' ', 'T')"
            " > s.occurrence_key || 'T' || :due_time"
        )
        rows = self._store.db.execute(
            "SELECT s.occurrence_key, sum(s.exempt_reason != ''),"
            f" sum(s.exempt_reason = '' AND {late}), count(*)"
            f" FROM submissions s WHERE s.deadline_id = :deadline AND {self._DONE}"
            f" AND {self._asked(deadline, 's.unit_id')} GROUP BY s.occurrence_key",
            {
                "deadline": deadline.id,
                "due_time": at.isoformat(timespec="seconds") if at is not None else None,
            },
        ).fetchall()
        return {key: (exempt, late_, done - exempt - late_) for key, exempt, late_, done in rows}

    def asked_count(self, deadline: Deadline) -> int:
        """How many units the deadline asks: 1 (the township) for a 报 deadline."""
        if deadline.direction != DIRECTION_IN:
            return 1
        row = self._store.db.execute(
            f"SELECT count(*) FROM units u WHERE {self._REPORTING}"
            f" AND {self._asked(deadline, 'u.id')}",
            {"campaign": deadline.campaign_id, "deadline": deadline.id},
        ).fetchone()
        return int(row[0])

    def owed_unit_names(self, deadline: Deadline, occurrence_key: str, limit: int) -> list[str]:
        """The first ``limit`` units (in the units' order) that a 收 occurrence asks and that
        have neither delivered it nor been exempted."""
        if deadline.direction != DIRECTION_IN:
            return []
        rows = self._store.db.execute(
            f"SELECT u.name FROM units u WHERE {self._REPORTING}"
            f" AND {self._asked(deadline, 'u.id')}"
            " AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.deadline_id = :deadline"
            f" AND s.occurrence_key = :key AND s.unit_id = u.id AND {self._DONE})"
            " ORDER BY u.sort_order, u.id LIMIT :limit",
            {
                "campaign": deadline.campaign_id,
                "deadline": deadline.id,
                "key": occurrence_key,
                "limit": limit,
            },
        ).fetchall()
        return [name for (name,) in rows]

    def get(self, deadline_id: int, occurrence_key: str, unit_id: int | None) -> Submission | None:
        """What is recorded for one cell (a deadline's occurrence, a unit), or None."""
        rows = list(
            self._store.db.query(
                "SELECT * FROM submissions"
                " WHERE deadline_id = ? AND occurrence_key = ? AND unit_id IS ?",
                [deadline_id, occurrence_key, unit_id],
            )
        )
        return self._from_row(rows[0]) if rows else None

    def record(self, submissions: Iterable[Submission]) -> int:
        """Writes a batch as one action: each replaces what was recorded for its cell.

        A submission with nothing in it (not received, not exempt, no note) clears the cell.
        """
        count = 0
        with self._store.transaction() as db:
            for s in submissions:
                self._clear(db, s.deadline_id, s.occurrence_key, s.unit_id)
                if (
                    s.received_at is None
                    and not s.exempt
                    and not s.note.strip()
                    and not s.materials.strip()
                ):
                    count += 1
                    continue
                db.table("submissions").insert(
                    {
                        "deadline_id": s.deadline_id,
                        "occurrence_key": s.occurrence_key,
                        "unit_id": s.unit_id,
                        "received_at": s.received_at.isoformat(timespec="seconds")
                        if s.received_at
                        else None,
                        "exempt_reason": s.exempt_reason.strip(),
                        "note": s.note.strip(),
                        "materials": s.materials.strip(),
                        "updated_at": now_text(),
                    }
                )
                count += 1
        return count

    @staticmethod
    def _clear(db, deadline_id: int, key: str, unit_id: int | None) -> None:
        db.execute(
            "DELETE FROM submissions WHERE deadline_id = ? AND occurrence_key = ? AND unit_id IS ?",
            [deadline_id, key, unit_id],
        )


class WorkdayRepository:
    """Holidays and make-up workdays the clerk entered for years the library lacks."""

    def __init__(self, store: Store):
        self._store = store

    def list(self) -> builtins.list[DayOverride]:
        return [
            DayOverride(date.fromisoformat(r["day"]), bool(r["is_workday"]), r["name"])
            for r in self._store.db.query("SELECT * FROM workday_overrides ORDER BY day")
        ]

    def save_all(self, overrides: Iterable[DayOverride], removed: Iterable[date] = ()) -> None:
        with self._store.transaction() as db:
            for day in removed:
                db.execute("DELETE FROM workday_overrides WHERE day = ?", [day.isoformat()])
            for o in overrides:
                db.table("workday_overrides").upsert(
                    {
                        "day": o.day.isoformat(),
                        "is_workday": int(o.is_workday),
                        "name": o.name.strip(),
                    },
                    pk="day",
                )
