"""Opening the one SQLite file safely: version check, integrity check, WAL, migrations."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from ..domain.printable import CanPrint, unprintable_problems
from ..domain.validation import ValidationError
from .errors import DatabaseDamaged, DatabaseTooNew, StoreError, translate
from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version

DB_FILE_NAME = "anquanyue.db"


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are ours (db.atomic), not the sqlite3 module's guesses.
    conn = sqlite3.connect(str(path), timeout=5, isolation_level=None, check_same_thread=False)
    return conn


def check_file(path: Path, *, quick: bool = False, header_only: bool = False) -> None:
    """Refuses a damaged file or one from a newer version, without writing to it.

    ``quick``: SQLite's quick_check (pages and structure, not the indexes' contents) instead
    of the full integrity check. ``header_only``: neither, only what the file's first page
    says (whose file, which version), which does not take longer as the file grows.
    """
    conn = None
    try:
        # A rollback journal left by a program killed mid-write (e.g. while switching a restored
        # file to WAL) must be rolled back before the file can be read; a read-only
        # connection cannot, and would report the file as read-only. SQLite's own recovery.
        hot = path.with_name(path.name + "-journal").exists()
        mode = "rw" if hot else "ro"
        conn = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=5)
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
        if header_only:
            return
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            # A row can hold many lines (one per page): the first three say enough.
            lines = [line for r in rows for line in str(r[0]).splitlines() if line.strip()]
            detail = "；".join(lines[:3]) + ("……" if len(lines) > 3 else "")
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


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class DatabaseReplaced(StoreError):
    """The file at the path is no longer the one this store opened (a restore replaced it)."""


class Store:
    """The open database and its repositories. One per running program."""

    def __init__(
        self,
        path: Path | str,
        *,
        quick_check: bool = False,
        defer_check: bool = False,
        can_print: CanPrint | None = None,
    ):
        """Opens ``path``, checking it first (the full integrity check, or ``quick_check``).

        ``defer_check``: only the file's first page is read now, and the quick check is left
        to :meth:`verify` (the program runs it on a worker once its window is up, so start-up
        does not grow with the file). Until the check has passed no write reaches the file:
        a write waits for the check, and after a failed one every write is refused.
        """
        self.path = Path(path)
        self.closed = False
        # The fonts' answer (usecases.printable.can_print); None checks nothing (tests).
        self.can_print = can_print
        self._check_lock = threading.Lock()
        self._check_pending = False
        self._damage: DatabaseDamaged | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate(exc, self.path.parent) or exc from exc
        if self.path.exists() and self.path.stat().st_size > 0:
            check_file(self.path, quick=quick_check, header_only=defer_check)
            self._check_pending = defer_check
        try:
            conn = _connect(self.path)
            # No sqlite-utils plug-ins: whatever else is installed must not run inside our
            # connection, and looking them up scans every installed package (0.1 s a start).
            self.db = Database(conn, execute_plugins=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            if self._check_pending and (
                self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
                or user_version(self.db) < SCHEMA_VERSION
            ):
                # Switching to WAL and migrating write: a file they would write to is checked
                # first, as before (once after an update or a restore, not every start).
                self.verify()
            self.db.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit survives a power cut, which old office PCs do get.
            self.db.execute("PRAGMA synchronous = FULL")
            migrate(self.db)
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.path) or exc from exc
        except StoreError:
            self.db.conn.close()
            raise
        # Which file this connection writes to: a restore elsewhere puts a new file at the
        # path, and writing on into the replaced one would be lost without a word.
        self._file_id = _file_id(self.path)

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

    def damage_found(self) -> DatabaseDamaged | None:
        """The verdict of the quick check deferred at opening, running it now (on this
        thread, with its own read-only connection) unless it ran already; None: not damaged.
        Other faults (the disk gone) are raised and the check is tried again next time."""
        with self._check_lock:  # a second caller waits for the first one's verdict
            if self._check_pending:
                try:
                    check_file(self.path, quick=True)
                except DatabaseDamaged as exc:
                    self._damage = exc
                self._check_pending = False
            return self._damage

    def verify(self) -> None:
        """Raises DatabaseDamaged if the file was found damaged (see :meth:`damage_found`)."""
        damage = self.damage_found()
        if damage is not None:
            # A new exception each time: its message, not the first refusal's traceback.
            raise DatabaseDamaged(damage.message, self.path)

    def refuse_writes(self, damage: DatabaseDamaged) -> None:
        """A later, fuller check found the file damaged: from now on nothing is written."""
        with self._check_lock:
            self._check_pending = False
            self._damage = damage

    def check_printable(self, fields: Iterable[tuple[str, str, str]]) -> None:
        """Raises ValidationError naming each character no font can print."""
        problems = unprintable_problems(fields, self.can_print)
        if problems:
            raise ValidationError(problems)

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
        # Nothing goes into a file found damaged, nor into one whose check is still running.
        self.verify()
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        if _file_id(self.path) != self._file_id:
            conn.execute("ROLLBACK")
            raise DatabaseReplaced(
                f"数据文件 {self.path} 已被恢复或导入的数据替换，刚才的修改没有保存。"
                "请关闭后重新打开程序（或重新运行命令），再做一次。",
                self.path,
            )
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
        # Fold the WAL back so a copied .db file is complete on its own (not into a damaged
        # file: it is kept as it was found).
        if self._damage is None:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DB_FILE_NAME", "SCHEMA_VERSION", "Store", "check_file"]
