"""Form templates (versioned), the forms a campaign uses, and the units' entries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..domain.form_entries import ROLE_OTHER, FormEntry, entry_from_data, entry_to_data
from ..domain.forms import (
    UNIT_KEY,
    FormTemplate,
    field_map,
    template_from_data,
    template_to_data,
    validate_entry,
    validate_successor,
    validate_template,
)
from ..domain.validation import Problem, ValidationError
from .values import now_text

if TYPE_CHECKING:
    from .database import Store


class FormTemplateRepository:
    """A version that data uses is never changed: saving it makes the next version."""

    def __init__(self, store: Store):
        self._store = store
        self._cache: dict[tuple[str, int], FormTemplate] = {}

    def _load(self, row: Mapping[str, Any]) -> FormTemplate:
        ident = (row["key"], row["version"])
        if ident not in self._cache:
            self._cache[ident] = template_from_data(json.loads(row["body"]))
        return self._cache[ident]

    def install(self, templates: Iterable[FormTemplate]) -> list[str]:
        """Adds shipped templates whose key is not there yet; returns the keys added."""
        templates = list(templates)
        present = {r[0] for r in self._store.db.execute("SELECT key FROM form_templates")}
        if all(t.key in present for t in templates):
            return []  # the usual start: nothing to write, no write lock taken
        added = []
        templates = list(templates)
        self._note_origins(templates)
        with self._store.transaction() as db:
            for t in templates:
                if db.execute("SELECT 1 FROM form_templates WHERE key = ?", [t.key]).fetchone():
                    continue
                self._insert(db, replace(t, version=1))
                added.append(t.key)
        return added

    def _note_origins(self, templates: Sequence[FormTemplate]) -> None:
        """A shipped form installed before it said where it comes from gets its 出处 and the
        description that explains it, when the stored version is otherwise the shipped one
        (the clerk's own versions are left as they are)."""
        shipped = {t.key: t for t in templates if t.origin}
        if not shipped:
            return
        marks = ",".join("?" * len(shipped))
        rows = self._store.db.execute(
            f"SELECT key, version, body FROM form_templates WHERE key IN ({marks})"
            " AND json_extract(body, '$.origin') IS NULL",
            list(shipped),
        ).fetchall()
        updates = []
        for key, version, body in rows:
            t = shipped[key]
            stored = template_from_data(json.loads(body))
            plain = replace(t, version=version, origin="", description="")
            if replace(stored, description="") == plain:
                data = template_to_data(replace(stored, origin=t.origin, description=t.description))
                updates.append((json.dumps(data, ensure_ascii=False), key, version))
        if updates:
            with self._store.transaction() as db:
                db.conn.executemany(
                    "UPDATE form_templates SET body = ? WHERE key = ? AND version = ?", updates
                )
            self._cache.clear()

    def _insert(self, db, t: FormTemplate) -> None:
        now = now_text()
        db.table("form_templates").insert(
            {
                "key": t.key,
                "version": t.version,
                "name": t.name,
                "kind": t.kind,
                "body": json.dumps(template_to_data(t), ensure_ascii=False),
                "created_at": now,
                "updated_at": now,
            }
        )

    def latest(self, key: str) -> FormTemplate | None:
        rows = list(
            self._store.db.query(
                "SELECT * FROM form_templates WHERE key = ? ORDER BY version DESC LIMIT 1", [key]
            )
        )
        return self._load(rows[0]) if rows else None

    def get(self, key: str, version: int) -> FormTemplate | None:
        rows = list(
            self._store.db.query(
                "SELECT * FROM form_templates WHERE key = ? AND version = ?", [key, version]
            )
        )
        return self._load(rows[0]) if rows else None

    def list_latest(self) -> list[FormTemplate]:
        rows = self._store.db.query(
            "SELECT t.* FROM form_templates t WHERE t.version ="
            " (SELECT max(version) FROM form_templates u WHERE u.key = t.key) ORDER BY t.name"
        )
        return [self._load(r) for r in rows]

    def versions(self, key: str) -> list[int]:
        return [
            r[0]
            for r in self._store.db.execute(
                "SELECT version FROM form_templates WHERE key = ? ORDER BY version", [key]
            )
        ]

    def _id(self, key: str, version: int) -> int | None:
        row = self._store.db.execute(
            "SELECT id FROM form_templates WHERE key = ? AND version = ?", [key, version]
        ).fetchone()
        return row[0] if row else None

    def is_used(self, key: str, version: int) -> bool:
        template_id = self._id(key, version)
        return template_id is not None and bool(
            self._store.db.execute(
                "SELECT 1 FROM form_entries WHERE template_id = ? LIMIT 1", [template_id]
            ).fetchone()
        )

    def save(self, t: FormTemplate) -> FormTemplate:
        """Saves an edited template. Returns it with the version it was stored under."""
        problems = validate_template(t)
        if problems:
            raise ValidationError(problems)
        latest = self.latest(t.key)
        with self._store.transaction() as db:
            if latest is None:
                saved = replace(t, version=1)
                self._insert(db, saved)
            elif self.is_used(latest.key, latest.version):
                saved = replace(t, version=latest.version + 1)
                problems = validate_successor(latest, saved)
                if problems:
                    raise ValidationError(problems)
                self._insert(db, saved)
            else:
                saved = replace(t, version=latest.version)
                if latest.version > 1:
                    previous = self.get(t.key, latest.version - 1)
                    problems = validate_successor(previous, saved) if previous else []
                    if problems:
                        raise ValidationError(problems)
                db.execute(
                    "UPDATE form_templates SET name = ?, kind = ?, body = ?, updated_at = ?"
                    " WHERE key = ? AND version = ?",
                    [
                        saved.name,
                        saved.kind,
                        json.dumps(template_to_data(saved), ensure_ascii=False),
                        now_text(),
                        saved.key,
                        saved.version,
                    ],
                )
                self._cache.pop(saved.ident, None)
        return saved

    def delete(self, key: str) -> None:
        """Removes a template no entry uses; one with data is refused with a message."""
        if any(self.is_used(key, v) for v in self.versions(key)):
            raise ValidationError(
                [Problem("key", "这张表已经有单位填报的数据，不能删除", "template_used")]
            )
        with self._store.transaction() as db:
            db.execute("DELETE FROM campaign_forms WHERE template_key = ?", [key])
            db.execute("DELETE FROM form_templates WHERE key = ?", [key])


class CampaignFormRepository:
    """Which templates a campaign uses, and for what (liaison, statistics …)."""

    def __init__(self, store: Store):
        self._store = store

    def chosen(self, campaign_id: int) -> list[tuple[str, str]]:
        return [
            (r["template_key"], r["role"])
            for r in self._store.db.query(
                "SELECT * FROM campaign_forms WHERE campaign_id = ? ORDER BY sort_order, template_key",
                [campaign_id],
            )
        ]

    def key_for_role(self, campaign_id: int, role: str) -> str | None:
        return next((k for k, r in self.chosen(campaign_id) if r == role), None)

    def set_chosen(self, campaign_id: int, chosen: Sequence[tuple[str, str]]) -> None:
        with self._store.transaction() as db:
            db.execute("DELETE FROM campaign_forms WHERE campaign_id = ?", [campaign_id])
            db.table("campaign_forms").insert_all(
                [
                    {
                        "campaign_id": campaign_id,
                        "template_key": k,
                        "role": r or ROLE_OTHER,
                        "sort_order": i,
                    }
                    for i, (k, r) in enumerate(chosen)
                ]
            )


class FormEntryRepository:
    def __init__(self, store: Store):
        self._store = store

    def for_campaign(self, campaign_id: int, template_key: str) -> dict[int | None, FormEntry]:
        """Each unit's entry, decoded with the template version it was entered in."""
        templates = self._store.forms
        found: dict[int | None, FormEntry] = {}
        rows = self._store.db.query(
            "SELECT e.unit_id, e.data, e.updated_at, t.key, t.version FROM form_entries e"
            " JOIN form_templates t ON t.id = e.template_id"
            " WHERE e.campaign_id = ? AND e.template_key = ?",
            [campaign_id, template_key],
        )
        versions: dict[tuple[str, int], FormTemplate | None] = {}  # one read per version
        for r in rows:
            ident = (r["key"], r["version"])
            if ident not in versions:
                versions[ident] = templates.get(*ident)
            t = versions[ident]
            assert t is not None  # an entry's template version is never deleted
            found[r["unit_id"]] = entry_from_data(
                t, campaign_id, r["unit_id"], json.loads(r["data"]), r["updated_at"]
            )
        return found

    def text_values(
        self, campaign_id: int, template_key: str, keys: Sequence[str]
    ) -> dict[int, tuple[str, ...]]:
        """A few text blanks of each unit's entry, read by SQLite without decoding the whole
        entry (the board needs only the liaison's name and mobile of every unit)."""
        columns = ", ".join("json_extract(data, ?)" for _ in keys)
        rows = self._store.db.execute(
            f"SELECT unit_id, {columns} FROM form_entries"  # only placeholders interpolated
            " WHERE campaign_id = ? AND template_key = ? AND unit_id IS NOT NULL",
            [*(f'$.values."{k}"' for k in keys), campaign_id, template_key],
        ).fetchall()
        return {r[0]: tuple("" if v is None else str(v) for v in r[1:]) for r in rows}

    def save(self, t: FormTemplate, entries: Sequence[FormEntry]) -> int:
        """Writes several units' entries of one template as one action; all valid or none.

        Empty entries remove what was there. Problems name the unit: “东村：手机号码：…”.
        """
        template_id = self._store.forms._id(t.key, t.version)
        if template_id is None:
            raise ValueError(f"template {t.key} v{t.version} is not stored")
        names = {u.id: u.name for u in self._store.units.list()}
        # The unit's own name fills the form's 单位名称, whatever was typed there.
        if UNIT_KEY in field_map(t):
            entries = [
                replace(e, values={**e.values, UNIT_KEY: names[e.unit_id]})
                if e.unit_id in names and not e.is_empty()
                else e
                for e in entries
            ]
        problems: list[Problem] = []
        for e in entries:
            if e.is_empty():
                continue  # an emptied form removes the unit's entry: nothing to check
            for p in validate_entry(t, e.values, e.rows):
                who = names.get(e.unit_id, "本级") if e.unit_id is not None else "本级"
                problems.append(Problem(f"{e.unit_id}:{p.field}", f"{who}：{p.message}", p.code))
        if problems:
            raise ValidationError(problems)
        with self._store.transaction() as db:
            for e in entries:
                db.execute(
                    "DELETE FROM form_entries WHERE campaign_id = ? AND template_key = ? AND unit_id IS ?",
                    [e.campaign_id, t.key, e.unit_id],
                )
                if e.is_empty():
                    continue
                db.table("form_entries").insert(
                    {
                        "campaign_id": e.campaign_id,
                        "template_id": template_id,
                        "template_key": t.key,
                        "unit_id": e.unit_id,
                        "data": json.dumps(entry_to_data(t, e), ensure_ascii=False),
                        "updated_at": now_text(),
                    }
                )
        return len(entries)

    def previous(self, campaign_id: int, role: str) -> dict[int, FormEntry]:
        """Each unit's entry for ``role`` in the latest earlier campaign that has one, for
        pre-filling (a liaison usually stays the same person from year to year)."""
        store = self._store
        current = store.campaigns.get(campaign_id)
        if current is None:
            return {}
        for c in store.campaigns.list():
            if c.year >= current.year or c.id is None:
                continue
            key = store.campaign_forms.key_for_role(c.id, role)
            if key:
                entries = self.for_campaign(c.id, key)
                if entries:
                    return {u: e for u, e in entries.items() if u is not None}
        return {}
