"""Opening the one SQLite file safely: version check, integrity check, WAL, migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from .errors import DatabaseDamaged, DatabaseTooNew, StoreError, translate
from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version

DB_FILE_NAME = "anquanyue.db"


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are ours (db.atomic), not the sqlite3 module's guesses.
    conn = sqlite3.connect(str(path), timeout=5, isolation_level=None, check_same_thread=False)
    return conn


def check_file(path: Path, *, quick: bool = False) -> None:
    """Refuses a damaged file or one from a newer version, without writing to it.

    ``quick``: SQLite's quick_check (pages and structure, not the indexes' contents), fast
    enough for the moment the window opens; the full check then runs in the background.
    """
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id not in (0, APPLICATION_ID):
            # Migrating would write our tables into another program's database.
            raise DatabaseDamaged(
                f"数据文件 {path} 是其他程序的数据库，不是“安全生产月”的数据文件。", path
            )
        if version > SCHEMA_VERSION:
            raise DatabaseTooNew(
                f"数据文件 {path} 由更新版本的程序写入（数据版本 {version}，"
                f"本程序只认识到 {SCHEMA_VERSION}）。为保护数据，本程序不会打开它。"
                "请安装最新版本的“安全生产月”程序后再打开。",
                path,
            )
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            detail = "；".join(str(r[0]) for r in rows[:3])
            raise DatabaseDamaged(f"数据文件 {path} 已损坏（完整性检查未通过：{detail}）。", path)
    except StoreError:
        raise
    except sqlite3.DatabaseError as exc:
        err = translate(exc, path)
        if err is None or not isinstance(err, StoreError):
            raise
        if "not a database" in str(exc).lower() or "malformed" in str(exc).lower():
            raise DatabaseDamaged(
                f"数据文件 {path} 已损坏或不是本程序的数据文件（{exc}）。", path
            ) from exc
        raise err from exc
    finally:
        if conn is not None:
            conn.close()


class Store:
    """The open database and its repositories. One per running program."""

    def __init__(self, path: Path | str, *, quick_check: bool = False):
        self.path = Path(path)
        self.closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate(exc, self.path.parent) or exc from exc
        if self.path.exists() and self.path.stat().st_size > 0:
            check_file(self.path, quick=quick_check)
        try:
            conn = _connect(self.path)
            self.db = Database(conn)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit survives a power cut, which old office PCs do get.
            self.db.execute("PRAGMA synchronous = FULL")
            migrate(self.db)
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.path) or exc from exc

        from .deadline_repository import (
            DeadlineRepository,
            SubmissionRepository,
            WorkdayRepository,
        )
        from .repositories import CampaignRepository, SettingsRepository, UnitRepository

        self.campaigns = CampaignRepository(self)
        self.units = UnitRepository(self)
        self.settings = SettingsRepository(self)
        self.deadlines = DeadlineRepository(self)
        self.submissions = SubmissionRepository(self)
        self.workdays = WorkdayRepository(self)
        from .form_repository import (
            CampaignFormRepository,
            FormEntryRepository,
            FormTemplateRepository,
        )

        self.forms = FormTemplateRepository(self)
        self.campaign_forms = CampaignFormRepository(self)
        self.form_entries = FormEntryRepository(self)
        from .activity_repository import ActivityRepository, MediaStore, media_dir_for

        self.media = MediaStore(media_dir_for(self.path))
        self.activities = ActivityRepository(self)

    @property
    def schema_version(self) -> int:
        return user_version(self.db)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action: all of it is written or none of it.

        Environment faults come out as StoreError with a Chinese message.
        """
        try:
            if self.db.conn.in_transaction:
                with self.db.atomic():  # nested: a savepoint inside the outer action
                    yield self.db
            else:
                with self._immediate():
                    yield self.db
        except sqlite3.DatabaseError as exc:
            err = translate(exc, self.path)
            if err is None:
                raise
            raise err from exc

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock at the start, where the busy timeout applies: a
        # deferred transaction that reads first and writes later fails at once (SQLITE_BUSY)
        # when another program wrote meanwhile, instead of waiting its turn.
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        # Fold the WAL back so a copied .db file is complete on its own.
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DB_FILE_NAME", "SCHEMA_VERSION", "Store", "check_file"]
