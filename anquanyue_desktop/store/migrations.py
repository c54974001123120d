"""Numbered schema migrations; ``PRAGMA user_version`` holds how many have run.

Each migration is a function of the database, run in its own transaction together with
the version bump. Never edit a released migration: add the next one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from ..domain.units import UNIT_KINDS


def m001_initial(db: Database) -> None:
    kinds = ", ".join(f"'{k}'" for k in UNIT_KINDS)
    db.execute(
        """
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
            ordinal INTEGER,
            theme TEXT NOT NULL DEFAULT '',
            period_start TEXT,
            period_end TEXT,
            issuer TEXT NOT NULL DEFAULT '',
            document_number TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            contact_phone TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL DEFAULT '其他' CHECK (kind IN ({kinds})),
            sort_order INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            notes TEXT NOT NULL DEFAULT '',
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX units_order ON units (sort_order, id)")
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )


def m002_deadlines(db: Database) -> None:
    """报送节点, their chosen units, 报送记录, and hand-entered holidays."""
    db.execute(
        """
        CREATE TABLE deadlines (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            direction TEXT NOT NULL DEFAULT '收' CHECK (direction IN ('收', '报')),
            materials TEXT NOT NULL DEFAULT '',
            form_template TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            rule_kind TEXT NOT NULL
                CHECK (rule_kind IN ('once', 'weekly', 'monthly', 'daily', 'asap')),
            due_on TEXT,
            due_at TEXT,
            weekday INTEGER CHECK (weekday BETWEEN 1 AND 7),
            day_of_month INTEGER CHECK (day_of_month BETWEEN 1 AND 31),
            start_on TEXT,
            end_on TEXT,
            all_units INTEGER NOT NULL DEFAULT 1,
            sort_order INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX deadlines_campaign ON deadlines (campaign_id, sort_order)")
    db.execute(
        """
        CREATE TABLE deadline_units (
            deadline_id INTEGER NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            PRIMARY KEY (deadline_id, unit_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            deadline_id INTEGER NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
            occurrence_key TEXT NOT NULL,
            unit_id INTEGER REFERENCES units(id),
            received_at TEXT,
            exempt_reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            materials TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX submissions_by_unit ON submissions (deadline_id, occurrence_key, unit_id)"
        " WHERE unit_id IS NOT NULL"
    )
    # unit_id NULL: the township's own delivery upward (报); one per occurrence.
    db.execute(
        "CREATE UNIQUE INDEX submissions_own ON submissions (deadline_id, occurrence_key)"
        " WHERE unit_id IS NULL"
    )
    db.execute("CREATE INDEX submissions_unit ON submissions (unit_id)")
    db.execute(
        """
        CREATE TABLE workday_overrides (
            day TEXT PRIMARY KEY,
            is_workday INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT ''
        )
        """
    )


def m003_forms(db: Database) -> None:
    """表单模板 (versioned), which a campaign uses, and the units' filled forms."""
    db.execute(
        """
        CREATE TABLE form_templates (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (key, version)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE campaign_forms (
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            template_key TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'other',
            sort_order INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (campaign_id, template_key)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE form_entries (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            template_id INTEGER NOT NULL REFERENCES form_templates(id),
            template_key TEXT NOT NULL,
            unit_id INTEGER REFERENCES units(id),
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX form_entries_by_unit ON form_entries (campaign_id, template_key, unit_id)"
        " WHERE unit_id IS NOT NULL"
    )
    db.execute(
        "CREATE UNIQUE INDEX form_entries_own ON form_entries (campaign_id, template_key)"
        " WHERE unit_id IS NULL"
    )
    db.execute("CREATE INDEX form_entries_unit ON form_entries (unit_id)")


def m004_activities(db: Database) -> None:
    """活动记录, a campaign's activity categories, and the media files they attach."""
    db.execute(
        """
        CREATE TABLE activity_categories (
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            sort_order INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (campaign_id, name)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            unit_id INTEGER REFERENCES units(id),
            on_date TEXT NOT NULL,
            category TEXT NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            place TEXT NOT NULL DEFAULT '',
            participants INTEGER CHECK (participants IS NULL OR participants >= 0),
            description TEXT NOT NULL DEFAULT '',
            important INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX activities_by_date ON activities (campaign_id, on_date)")
    db.execute("CREATE INDEX activities_unit ON activities (unit_id)")
    # sha256 NULL: a 网盘链接, which has no file; UNIQUE lets NULLs repeat.
    db.execute(
        """
        CREATE TABLE media (
            id INTEGER PRIMARY KEY,
            sha256 TEXT UNIQUE,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            mime TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE activity_media (
            activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
            media_id INTEGER NOT NULL REFERENCES media(id),
            original_name TEXT NOT NULL DEFAULT '',
            caption TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX activity_media_activity ON activity_media (activity_id, sort_order)")
    db.execute("CREATE INDEX activity_media_media ON activity_media (media_id)")


def m005_works_items(db: Database) -> None:
    """An activity may hand in a “五个一” works item; its attachments count toward the quota."""
    db.execute("ALTER TABLE activities ADD COLUMN works_item TEXT NOT NULL DEFAULT ''")


# "AQYD" in the file header: tells this program's databases and backups from any other SQLite
# file (a foreign or empty database is never restored over the clerk's data).
APPLICATION_ID = 0x41515944


def m006_application_id(db: Database) -> None:
    """Marks the file as this program's: PRAGMA application_id (bytes 68–71 of the header)."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


_DEADLINE_COLUMNS = (
    "id, campaign_id, title, direction, materials, form_template, notes, rule_kind, due_on,"
    " due_at, weekday, day_of_month, start_on, end_on, all_units, sort_order, created_at,"
    " updated_at"
)


def m007_quarterly_and_relative_deadlines(db: Database) -> None:
    """Quarterly rules (每季度末, 每季度第一个月10日前) and deadlines counted from the notice
    (接到通知后5个工作日内: the days and whether they are workdays, beside the computed date).

    SQLite cannot widen a CHECK in place, so the table is rebuilt the documented way (new
    table, copy, drop, rename) with foreign keys off for this one migration (see
    ``migrate``); rows keep their ids, so submissions and chosen units stay attached."""
    db.execute(
        """
        CREATE TABLE deadlines_new (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            direction TEXT NOT NULL DEFAULT '收' CHECK (direction IN ('收', '报')),
            materials TEXT NOT NULL DEFAULT '',
            form_template TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            rule_kind TEXT NOT NULL
                CHECK (rule_kind IN ('once', 'weekly', 'monthly', 'quarterly', 'daily', 'asap')),
            due_on TEXT,
            due_at TEXT,
            weekday INTEGER CHECK (weekday BETWEEN 1 AND 7),
            day_of_month INTEGER CHECK (day_of_month BETWEEN 1 AND 31),
            start_on TEXT,
            end_on TEXT,
            all_units INTEGER NOT NULL DEFAULT 1,
            sort_order INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            month_of_quarter INTEGER CHECK (month_of_quarter BETWEEN 1 AND 3),
            relative_days INTEGER CHECK (relative_days > 0),
            relative_workdays INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        f"INSERT INTO deadlines_new ({_DEADLINE_COLUMNS}) SELECT {_DEADLINE_COLUMNS} FROM deadlines"
    )
    db.execute("DROP TABLE deadlines")
    db.execute("ALTER TABLE deadlines_new RENAME TO deadlines")
    db.execute("CREATE INDEX deadlines_campaign ON deadlines (campaign_id, sort_order)")


m007_quarterly_and_relative_deadlines.rebuilds_tables = True  # type: ignore[attr-defined]


def m008_report_photos(db: Database) -> None:
    """The photos the clerk picked for an activity's 图文 material (media ids in order, as
    JSON; ``[]``: the activity goes without photos). No row: not picked yet, defaults apply."""
    db.execute(
        """
        CREATE TABLE report_photos (
            activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
            media_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(media_ids)),
            updated_at TEXT NOT NULL
        )
        """
    )


def m009_submissions_by_deadline(db: Database) -> None:
    """The records of a deadline in one index with what the board counts (who, when received,
    whether exempt): the 工作台's counts read the index alone, in order (the unique indexes
    are partial, which SQLite uses only for queries naming unit_id, and hold less)."""
    db.execute(
        "CREATE INDEX submissions_board ON submissions"
        " (deadline_id, occurrence_key, unit_id, received_at, exempt_reason)"
    )


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    m001_initial,
    m002_deadlines,
    m003_forms,
    m004_activities,
    m005_works_items,
    m006_application_id,
    m007_quarterly_and_relative_deadlines,
    m008_report_photos,
    m009_submissions_by_deadline,
)
SCHEMA_VERSION = len(MIGRATIONS)
# Files of this data version or newer carry APPLICATION_ID; older ones have 0 there.
APPLICATION_ID_SINCE = MIGRATIONS.index(m006_application_id) + 1


def user_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def application_id(db: Database) -> int:
    return int(db.execute("PRAGMA application_id").fetchone()[0])


def migrate(db: Database) -> list[str]:
    """Runs the pending migrations, each atomically; returns their names.

    Each step takes the write lock first (BEGIN IMMEDIATE) and re-reads the version inside
    it, so two programs opening a new file at once never run a migration twice.
    """
    done: list[str] = []
    while True:
        if user_version(db) >= len(MIGRATIONS):
            return done
        # A migration that rebuilds a table runs with foreign keys off (they cannot be
        # switched inside a transaction), and every reference is checked before it commits.
        upcoming = MIGRATIONS[user_version(db)]
        rebuilds = getattr(upcoming, "rebuilds_tables", False)
        fk_on = bool(db.execute("PRAGMA foreign_keys").fetchone()[0])
        if rebuilds and fk_on:
            db.execute("PRAGMA foreign_keys = OFF")
        db.execute("BEGIN IMMEDIATE")
        try:
            number = user_version(db) + 1
            if number > len(MIGRATIONS):
                db.execute("COMMIT")
                return done
            migration = MIGRATIONS[number - 1]
            migration(db)
            if (
                getattr(migration, "rebuilds_tables", False)
                and db.execute("PRAGMA foreign_key_check").fetchall()
            ):
                raise RuntimeError(f"{migration.__name__} left a dangling reference")
            # PRAGMA takes no parameters; number is our own int.
            db.execute(f"PRAGMA user_version = {int(number)}")
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            if rebuilds and fk_on:
                db.execute("PRAGMA foreign_keys = ON")
        done.append(migration.__name__)
