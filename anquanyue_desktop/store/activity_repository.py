"""活动记录 and the campaign's activity categories, with their attachments."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.activities import (
    DEFAULT_CATEGORIES,
    LINK,
    Activity,
    MediaItem,
    category_problems,
    clean_categories,
    photo_choice_problems,
    validate_activity,
)
from ..domain.validation import Problem, ValidationError
from .media import MediaStore, media_dir_for
from .values import now_text

if TYPE_CHECKING:
    from .database import Store

# ``list(unit_id=OWN_ACTIVITIES)``: the township's own activities (no unit).
OWN_ACTIVITIES = 0

NewFile = tuple[Path, str | None, str]  # (path, kind or None to detect, caption)


class ActivityRepository:
    def __init__(self, store: Store, media: MediaStore | None = None):
        self._store = store
        self._media = media

    @property
    def media(self) -> MediaStore:
        return self._media if self._media is not None else self._store.media

    # -- categories -------------------------------------------------------------------------

    def categories(self, campaign_id: int) -> tuple[str, ...]:
        """The campaign's categories; the seeds' list until the clerk or a save stores one."""
        rows = self._store.db.execute(
            "SELECT name FROM activity_categories WHERE campaign_id = ? ORDER BY sort_order, name",
            [campaign_id],
        ).fetchall()
        return tuple(r[0] for r in rows) if rows else DEFAULT_CATEGORIES

    def category_use(self, campaign_id: int) -> dict[str, int]:
        """How many activities each category has."""
        rows = self._store.db.execute(
            "SELECT category, count(*) FROM activities WHERE campaign_id = ? GROUP BY category",
            [campaign_id],
        ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def set_categories(self, campaign_id: int, names: Iterable[str]) -> tuple[str, ...]:
        """Replaces the list in one action. Removing or renaming a category in use is refused."""
        cleaned = clean_categories(names)
        with self._store.transaction() as db:
            problems = category_problems(cleaned, self.category_use(campaign_id))
            if problems:
                raise ValidationError(problems)
            self._write_categories(db, campaign_id, cleaned)
        return self.categories(campaign_id)

    @staticmethod
    def _write_categories(db: Any, campaign_id: int, names: Sequence[str]) -> None:
        db.execute("DELETE FROM activity_categories WHERE campaign_id = ?", [campaign_id])
        db.table("activity_categories").insert_all(
            [
                {"campaign_id": campaign_id, "name": n, "sort_order": i}
                for i, n in enumerate(names, start=1)
            ]
        )

    def _ensure_categories(self, db: Any, campaign_id: int) -> None:
        """The first save of a campaign fixes its list to the seeds' one."""
        has = db.execute(
            "SELECT 1 FROM activity_categories WHERE campaign_id = ? LIMIT 1", [campaign_id]
        ).fetchone()
        if not has:
            self._write_categories(db, campaign_id, DEFAULT_CATEGORIES)

    # -- reading ----------------------------------------------------------------------------

    def list(
        self,
        campaign_id: int,
        *,
        unit_id: int | None = None,
        category: str | None = None,
        start: date | None = None,
        end: date | None = None,
        text: str | None = None,
    ) -> builtins.list[Activity]:
        """The campaign's activities by date (then entry order), filtered.

        ``unit_id`` OWN_ACTIVITIES (0) picks the township's own; ``start``/``end`` are
        inclusive dates; ``text`` is looked for in title, place, description, category and
        unit name. Two queries whatever the number of rows.
        """
        where = ["a.campaign_id = ?"]
        args: builtins.list[Any] = [campaign_id]
        if unit_id == OWN_ACTIVITIES:
            where.append("a.unit_id IS NULL")
        elif unit_id is not None:
            where.append("a.unit_id = ?")
            args.append(unit_id)
        if category:
            where.append("a.category = ?")
            args.append(category)
        if start is not None:
            where.append("a.on_date >= ?")
            args.append(start.isoformat())
        if end is not None:
            where.append("a.on_date <= ?")
            args.append(end.isoformat())
        for word in (text or "").split():
            where.append(
                "instr(lower(a.title || ' ' || a.place || ' ' || a.description || ' '"
                " || a.category || ' ' || coalesce(u.name, '')), lower(?)) > 0"
            )
            args.append(word)
        selection = "FROM activities a LEFT JOIN units u ON u.id = a.unit_id WHERE " + " AND ".join(
            where
        )
        db = self._store.db
        rows = list(db.query(f"SELECT a.* {selection} ORDER BY a.on_date, a.id", args))
        media: dict[int, list[MediaItem]] = {}
        for r in db.query(
            "SELECT am.activity_id, am.original_name, am.caption, am.url, am.code,"
            " m.id AS media_id, m.sha256, m.kind, m.size, m.mime"
            " FROM activity_media am JOIN media m ON m.id = am.media_id"
            f" WHERE am.activity_id IN (SELECT a.id {selection})"
            " ORDER BY am.activity_id, am.sort_order",
            args,
        ):
            media.setdefault(r["activity_id"], []).append(
                MediaItem(
                    kind=r["kind"],
                    original_name=r["original_name"],
                    sha256=r["sha256"] or "",
                    size=r["size"],
                    caption=r["caption"],
                    url=r["url"],
                    code=r["code"],
                    mime=r["mime"],
                    id=r["media_id"],
                )
            )
        return [self._from_row(r, media.get(r["id"], ())) for r in rows]

    @staticmethod
    def _from_row(row: dict[str, Any], media: Iterable[MediaItem]) -> Activity:
        return Activity(
            id=row["id"],
            campaign_id=row["campaign_id"],
            unit_id=row["unit_id"],
            on=date.fromisoformat(row["on_date"]),
            category=row["category"],
            title=row["title"],
            place=row["place"],
            participants=row["participants"],
            description=row["description"],
            important=bool(row["important"]),
            media=tuple(media),
            works_item=row["works_item"],
        )

    def get(self, activity_id: int) -> Activity | None:
        row = self._store.db.execute(
            "SELECT campaign_id, on_date FROM activities WHERE id = ?", [activity_id]
        ).fetchone()
        if row is None:
            return None
        day = date.fromisoformat(row[1])
        found = self.list(row[0], start=day, end=day)
        return next((a for a in found if a.id == activity_id), None)

    def in_window(
        self, campaign_id: int, after: datetime, until: datetime
    ) -> builtins.list[Activity]:
        """The activities of one reporting week, for the weekly report.

        A weekly window runs from just after the previous due time to this due time. An
        activity has a date and no time, so the window is applied to dates: dated after
        ``after``'s day and up to ``until``'s day, i.e. in (after, until] by date. With reports
        due Wednesdays 18:00, an activity on the Wednesday of the due day counts in that week;
        one on the previous due Wednesday belonged to the week before.
        """
        return self.list(campaign_id, start=after.date() + timedelta(days=1), end=until.date())

    # -- writing ----------------------------------------------------------------------------

    def save(self, activity: Activity, new_files: Sequence[NewFile] = ()) -> Activity:
        """Saves the activity with its attachments in one action; returns it as stored.

        ``activity.media`` are the attachments to keep (stored files and links), in order;
        ``new_files`` are appended after them: (path, kind or None to detect, caption).
        The files are checked and copied into the media store first, then the database is
        written in one transaction. If that write fails, the copied files stay in the media
        store unreferenced: harmless, and the same content is reused when added again.
        """
        categories = self.categories(activity.campaign_id)
        checked = [
            replace(self.media.check_file(Path(p), kind), caption=caption.strip())
            for p, kind, caption in new_files
        ]
        provisional = replace(activity, media=(*activity.media, *checked))
        problems = validate_activity(provisional, categories)
        if provisional.unit_id is not None and not self._unit_exists(provisional.unit_id):
            problems.append(Problem("unit_id", "所选单位已不存在，请重新选择", "unit_missing"))
        for m in activity.media:
            if m.kind != LINK and not (m.sha256 and self.media.has(m.sha256)):
                problems.append(
                    Problem(
                        "media",
                        f"附件“{m.original_name}”的文件在资料文件夹中找不到了",
                        "media_missing",
                    )
                )
        if problems:
            raise ValidationError(problems)
        self._store.check_printable(
            [
                ("title", "活动名称", provisional.title),
                ("place", "地点", provisional.place),
                ("description", "活动内容", provisional.description),
                *(
                    ("media", f"附件“{m.original_name}”的说明", m.caption)
                    for m in provisional.media
                ),
            ]
        )
        added = [
            replace(self.media.add_file(Path(p), kind), caption=c.caption)
            for (p, kind, _), c in zip(new_files, checked, strict=True)
        ]
        media = (*activity.media, *added)
        with self._store.transaction() as db:
            self._ensure_categories(db, activity.campaign_id)
            activity_id = self._write(db, replace(activity, media=media))
        saved = self.get(activity_id)
        assert saved is not None
        return saved

    def _unit_exists(self, unit_id: int) -> bool:
        q = "SELECT 1 FROM units WHERE id = ?"
        return self._store.db.execute(q, [unit_id]).fetchone() is not None

    def _write(self, db: Any, a: Activity) -> int:
        now = now_text()
        record = {
            "campaign_id": a.campaign_id,
            "unit_id": a.unit_id,
            "on_date": a.on.isoformat(),
            "category": a.category,
            "title": a.title.strip(),
            "place": a.place.strip(),
            "participants": a.participants,
            "description": a.description.strip(),
            "important": int(a.important),
            "works_item": a.works_item,
            "updated_at": now,
        }
        old_links: set[int] = set()
        if a.id is None:
            activity_id = int(db.table("activities").insert({**record, "created_at": now}).last_pk)
        else:
            activity_id = a.id
            db.table("activities").update(activity_id, record)
            old_links = self._link_ids(db, activity_id)
            db.execute("DELETE FROM activity_media WHERE activity_id = ?", [activity_id])
        rows = []
        for i, m in enumerate(a.media, start=1):
            rows.append(
                {
                    "activity_id": activity_id,
                    "media_id": self._media_row(db, m, now),
                    "original_name": m.original_name,
                    "caption": m.caption.strip(),
                    "url": m.url.strip(),
                    "code": m.code.strip(),
                    "sort_order": i,
                }
            )
        if rows:
            db.table("activity_media").insert_all(rows)
        self._drop_links(db, old_links - {r["media_id"] for r in rows})
        return activity_id

    @staticmethod
    def _media_row(db: Any, m: MediaItem, now: str) -> int:
        """The media row of an attachment: one per file content, one per link."""
        if m.kind == LINK:
            if m.id is not None:
                row = db.execute(
                    "SELECT id FROM media WHERE id = ? AND sha256 IS NULL", [m.id]
                ).fetchone()
                if row:
                    return int(row[0])
            cursor = db.execute(
                "INSERT INTO media (sha256, kind, size, mime, created_at) VALUES (NULL, ?, 0, '', ?)",
                [LINK, now],
            )
            return int(cursor.lastrowid)
        db.execute(
            "INSERT INTO media (sha256, kind, size, mime, created_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (sha256) DO NOTHING",
            [m.sha256, m.kind, m.size, m.mime, now],
        )
        return int(db.execute("SELECT id FROM media WHERE sha256 = ?", [m.sha256]).fetchone()[0])

    @staticmethod
    def _link_ids(db: Any, activity_id: int) -> set[int]:
        rows = db.execute(
            "SELECT m.id FROM activity_media am JOIN media m ON m.id = am.media_id"
            " WHERE am.activity_id = ? AND m.sha256 IS NULL",
            [activity_id],
        ).fetchall()
        return {int(r[0]) for r in rows}

    @staticmethod
    def _drop_links(db: Any, ids: Iterable[int]) -> None:
        """A removed link's row belongs to nobody else. Files stay: other rows may use them."""
        for media_id in ids:
            db.execute(
                "DELETE FROM media WHERE id = ? AND sha256 IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM activity_media WHERE media_id = ?)",
                [media_id, media_id],
            )

    # -- photos picked for 图文 material ---------------------------------------------------

    def photo_choices(self, campaign_id: int) -> dict[int, tuple[int, ...]]:
        """{activity id: the media ids picked, in order} for the activities picked so far."""
        rows = self._store.db.execute(
            "SELECT r.activity_id, r.media_ids FROM report_photos r"
            " JOIN activities a ON a.id = r.activity_id WHERE a.campaign_id = ?",
            [campaign_id],
        ).fetchall()
        return {int(r[0]): tuple(int(i) for i in json.loads(r[1])) for r in rows}

    def save_photo_choices(
        self,
        choices: Mapping[int, Sequence[int] | None],
        captions: Mapping[tuple[int, int], str] | None = None,
    ) -> None:
        """Writes the picks (None: back to the defaults) and the photos' captions
        ({(activity id, media id): caption}) as one action; nothing is written if one is wrong."""
        captions = captions or {}
        activities = {i: self.get(i) for i in {*choices, *(a for a, _m in captions)}}
        problems: list[Problem] = []
        for activity_id, chosen in choices.items():
            a = activities[activity_id]
            if a is None:
                problems.append(Problem("activity", "活动记录已被删除", "activity_missing"))
            elif chosen is not None:
                problems += photo_choice_problems(a, chosen)
        if problems:
            raise ValidationError(problems)
        now = now_text()
        with self._store.transaction() as db:
            for activity_id, chosen in choices.items():
                if chosen is None:
                    db.execute("DELETE FROM report_photos WHERE activity_id = ?", [activity_id])
                else:
                    db.execute(
                        "INSERT INTO report_photos (activity_id, media_ids, updated_at)"
                        " VALUES (?, ?, ?) ON CONFLICT (activity_id) DO UPDATE"
                        " SET media_ids = excluded.media_ids, updated_at = excluded.updated_at",
                        [activity_id, json.dumps(list(chosen)), now],
                    )
            for (activity_id, media_id), caption in captions.items():
                db.execute(
                    "UPDATE activity_media SET caption = ? WHERE activity_id = ? AND media_id = ?",
                    [caption.strip(), activity_id, media_id],
                )
                if activities[activity_id] is not None:
                    db.execute(
                        "UPDATE activities SET updated_at = ? WHERE id = ?", [now, activity_id]
                    )

    def delete(self, activity_id: int) -> None:
        """Deletes the activity and its links; its files stay in the media store."""
        with self._store.transaction() as db:
            links = self._link_ids(db, activity_id)
            db.execute("DELETE FROM activities WHERE id = ?", [activity_id])
            self._drop_links(db, links)


__all__ = ["OWN_ACTIVITIES", "ActivityRepository", "MediaStore", "NewFile", "media_dir_for"]
