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


MIGRATIONS: tuple[Callable[[Database], None], ...] = (m001_initial,)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> list[str]:
    """Runs the pending migrations, each atomically; returns their names."""
    done: list[str] = []
    current = user_version(db)
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with db.atomic():
            migration(db)
            # PRAGMA takes no parameters; number is our own int.
            db.execute(f"PRAGMA user_version = {int(number)}")
        done.append(migration.__name__)
    return done
