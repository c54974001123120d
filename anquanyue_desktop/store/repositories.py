"""Repositories: domain dataclasses in, domain dataclasses out. The only place with SQL."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ..domain.campaign import Campaign, validate_campaign
from ..domain.units import Unit, clean_name, new_units_from_names, validate_units
from ..domain.validation import Problem, ValidationError
from .values import date_or_none, now_text

if TYPE_CHECKING:
    from .database import Store


class CampaignRepository:
    def __init__(self, store: Store):
        self._store = store

    @staticmethod
    def _from_row(row: dict[str, Any]) -> Campaign:
        return Campaign(
            id=row["id"],
            year=row["year"],
            ordinal=row["ordinal"],
            theme=row["theme"],
            period_start=date_or_none(row["period_start"]),
            period_end=date_or_none(row["period_end"]),
            issuer=row["issuer"],
            document_number=row["document_number"],
            contact_person=row["contact_person"],
            contact_phone=row["contact_phone"],
            notes=row["notes"],
            is_demo=bool(row["is_demo"]),
        )

    def list(self) -> builtins.list[Campaign]:
        """All campaigns, the newest year first."""
        rows = self._store.db.query("SELECT * FROM campaigns ORDER BY year DESC")
        return [self._from_row(r) for r in rows]

    def get(self, campaign_id: int) -> Campaign | None:
        rows = list(self._store.db.query("SELECT * FROM campaigns WHERE id = ?", [campaign_id]))
        return self._from_row(rows[0]) if rows else None

    def by_year(self, year: int) -> Campaign | None:
        rows = list(self._store.db.query("SELECT * FROM campaigns WHERE year = ?", [year]))
        return self._from_row(rows[0]) if rows else None

    def problems(self, campaign: Campaign) -> builtins.list[Problem]:
        others = {
            r["year"]
            for r in self._store.db.query(
                "SELECT year FROM campaigns WHERE id IS NOT ?", [campaign.id]
            )
        }
        return validate_campaign(campaign, others)

    def save(self, campaign: Campaign) -> Campaign:
        """Inserts or updates one campaign; raises ValidationError if it is not valid."""
        problems = self.problems(campaign)
        if problems:
            raise ValidationError(problems)
        record = {
            "year": campaign.year,
            "ordinal": campaign.ordinal,
            "theme": campaign.theme.strip(),
            "period_start": campaign.period_start.isoformat() if campaign.period_start else None,
            "period_end": campaign.period_end.isoformat() if campaign.period_end else None,
            "issuer": campaign.issuer.strip(),
            "document_number": campaign.document_number.strip(),
            "contact_person": campaign.contact_person.strip(),
            "contact_phone": campaign.contact_phone.strip(),
            "notes": campaign.notes,
            "is_demo": int(campaign.is_demo),
            "updated_at": now_text(),
        }
        with self._store.transaction() as db:
            if campaign.id is None:
                record["created_at"] = record["updated_at"]
                new_id = db.table("campaigns").insert(record).last_pk
                assert new_id is not None
                saved = self.get(int(new_id))
            else:
                db.table("campaigns").update(campaign.id, record)
                saved = self.get(campaign.id)
        assert saved is not None
        return saved

    def delete(self, campaign_id: int) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM campaigns WHERE id = ?", [campaign_id])


class UnitRepository:
    def __init__(self, store: Store):
        self._store = store

    @staticmethod
    def _from_row(row: dict[str, Any]) -> Unit:
        return Unit(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            sort_order=row["sort_order"],
            active=bool(row["active"]),
            notes=row["notes"],
            is_demo=bool(row["is_demo"]),
        )

    @staticmethod
    def _normal(unit: Unit) -> Unit:
        """The unit as it would be stored, to tell a real change from none."""
        return replace(unit, name=clean_name(unit.name), notes=unit.notes.strip())

    @staticmethod
    def _record(unit: Unit) -> dict[str, Any]:
        return {
            "name": clean_name(unit.name),
            "kind": unit.kind,
            "sort_order": unit.sort_order,
            "active": int(unit.active),
            "notes": unit.notes.strip(),
            "is_demo": int(unit.is_demo),
            "updated_at": now_text(),
        }

    def list(self, *, include_inactive: bool = True) -> builtins.list[Unit]:
        sql = "SELECT * FROM units"
        if not include_inactive:
            sql += " WHERE active = 1"
        sql += " ORDER BY sort_order, id"
        return [self._from_row(r) for r in self._store.db.query(sql)]

    def count(self) -> int:
        return int(self._store.db.execute("SELECT count(*) FROM units").fetchone()[0])

    def save_all(
        self, units: Sequence[Unit], deleted_ids: Iterable[int] = ()
    ) -> tuple[builtins.list[Unit], builtins.list[Unit]]:
        """Saves the whole edited list as one action.

        Units without id are inserted, the others updated; ``deleted_ids`` are removed, or
        deactivated when data refers to them. Returns the saved list (in ``sort_order``) and
        the units that were deactivated instead of deleted.
        """
        deleted = set(deleted_ids)
        problems = validate_units(units)
        if problems:
            raise ValidationError(problems)
        deactivated: builtins.list[Unit] = []
        try:
            with self._store.transaction() as db:
                self._write_all(db, units, deleted, deactivated)
        except sqlite3.IntegrityError as exc:
            # Only a clash with a unit outside the edited list (e.g. one just deactivated).
            raise ValidationError(
                [Problem("name", f"单位名称与已有单位重名，未保存（{exc}）", "name_duplicate")]
            ) from exc
        return self.list(), deactivated

    def _write_all(
        self,
        db: Database,
        units: Sequence[Unit],
        deleted: set[int],
        deactivated: builtins.list[Unit],
    ) -> None:
        for unit_id in sorted(deleted):
            row = db.table("units").get(unit_id) if self._exists(unit_id) else None
            if row is None:
                continue
            if self.has_data(unit_id):
                db.table("units").update(unit_id, {"active": 0, "updated_at": now_text()})
                deactivated.append(replace(self._from_row(row), active=False))
            else:
                db.execute("DELETE FROM units WHERE id = ?", [unit_id])
        # Only rows that really changed are written: a Ctrl+S after one edit stays instant.
        stored = {u.id: u for u in self.list()}
        changed = [u for u in units if u.id in stored and stored[u.id] != self._normal(u)]
        renamed = [u for u in changed if stored[u.id].name != clean_name(u.name)]
        now = now_text()
        # Names are unique: renames that swap names must not collide midway,
        # so renamed rows first take a temporary name.
        db.conn.executemany(
            "UPDATE units SET name = ? WHERE id = ?", [(f"~临时{u.id}~", u.id) for u in renamed]
        )
        db.conn.executemany(
            "UPDATE units SET name = ?, kind = ?, sort_order = ?, active = ?, notes = ?,"
            " is_demo = ?, updated_at = ? WHERE id = ?",
            [
                (
                    clean_name(u.name),
                    u.kind,
                    u.sort_order,
                    int(u.active),
                    u.notes.strip(),
                    int(u.is_demo),
                    now,
                    u.id,
                )
                for u in changed
            ],
        )
        new = [{**self._record(u), "created_at": now} for u in units if u.id is None]
        if new:
            db.table("units").insert_all(new)

    def _exists(self, unit_id: int) -> bool:
        q = "SELECT 1 FROM units WHERE id = ?"
        return self._store.db.execute(q, [unit_id]).fetchone() is not None

    def add_names(self, names: Iterable[str]) -> tuple[builtins.list[Unit], builtins.list[str]]:
        """Adds units for new names (kind guessed) in one action; returns added and skipped."""
        existing = self.list()
        added, skipped = new_units_from_names(names, existing)
        if not added:
            return [], skipped
        problems = validate_units([*existing, *added])
        if problems:
            raise ValidationError(problems)
        with self._store.transaction() as db:
            now = now_text()
            db.table("units").insert_all([{**self._record(u), "created_at": now} for u in added])
        by_name = {u.name: u for u in self.list()}
        return [by_name[u.name] for u in added], skipped

    def has_data(self, unit_id: int) -> bool:
        """True if any table refers to the unit by foreign key.

        Generic on purpose: every later table that points at units (liaisons, submissions,
        activities …) is covered without touching this function.
        """
        db = self._store.db
        for table in db.table_names():
            for fk in db.table(table).foreign_keys:
                if fk.other_table == "units":
                    sql = f'SELECT 1 FROM "{table}" WHERE "{fk.column}" = ? LIMIT 1'
                    if db.execute(sql, [unit_id]).fetchone():
                        return True
        return False


class SettingsRepository:
    """Small key–value preferences kept in the database, so a copied file keeps them."""

    def __init__(self, store: Store):
        self._store = store

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        with self._store.transaction() as db:
            db.table("settings").upsert({"key": key, "value": value}, pk="key")
