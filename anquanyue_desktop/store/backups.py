"""Backups beside the database: the database by SQLite's online backup API, the photos and
videos content-addressed in ``backups/media`` (each file copied once, however many backups
refer to it).

Rotation keeps the newest ``KEEP_LAST`` and, beyond them, the newest backup of every month,
so a mistake noticed weeks later can still be undone.

Restore accepts only this program's backups (application id, tables, data version and
integrity are checked before anything is touched) and swaps the file in with one rename, so
there is never a moment without ``anquanyue.db``. The replaced data is kept under a name no
other restore can take.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from .database import DB_FILE_NAME
from .errors import DatabaseDamaged, DatabaseTooNew, StoreError, translate
from .instance import part_name, writer_alive
from .media import MEDIA_DIR_NAME, media_dir_for
from .migrations import APPLICATION_ID, APPLICATION_ID_SINCE, MIGRATIONS, SCHEMA_VERSION

KEEP_LAST = 10
_NAME = re.compile(r"^anquanyue-(before-restore-)?(\d{8})-(\d{6})(?:-(\d+))?\.db$")
SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_MEDIA_DIR = MEDIA_DIR_NAME  # backups/media/ab/abcdef…


class BackupRefused(DatabaseDamaged):
    """A file that is not an intact backup of this program; nothing was replaced."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    before_restore: bool = False
    # Several backups in one second get -1, -2 …: the order within the second.
    sequence: int = 0

    @property
    def label(self) -> str:
        text = f"{self.taken_at:%Y-%m-%d %H:%M:%S}"
        return text + "（恢复前的数据）" if self.before_restore else text


@dataclass(frozen=True)
class BackupSummary:
    """What a checked backup holds."""

    path: Path
    schema_version: int
    units: int
    campaigns: int
    activities: int
    media: tuple[str, ...] = field(default=(), repr=False)  # sha256 of each stored file

    @property
    def counts_text(self) -> str:
        return f"单位 {self.units} 个，活动年度 {self.campaigns} 个，活动记录 {self.activities} 条"


@dataclass(frozen=True)
class RestoreResult:
    kept: Path | None  # where the replaced data went
    summary: BackupSummary
    media_restored: int = 0
    media_missing: tuple[str, ...] = ()

    @property
    def media_note(self) -> str:
        if not self.media_missing:
            return ""
        return (
            f"有 {len(self.media_missing)} 个照片或视频文件在备份中找不到（备份早于本版本程序，"
            "或备份文件夹中的 media 文件夹被删除），相应活动记录中显示为缺失。"
        )


def backups_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


# -- checking --------------------------------------------------------------------------------


@cache
def tables_by_version() -> dict[int, frozenset[str]]:
    """The tables a database of each data version has, from running the migrations."""
    from sqlite_utils import Database

    db = Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
    out: dict[int, frozenset[str]] = {}
    for number, migration in enumerate(MIGRATIONS, start=1):
        migration(db)
        out[number] = frozenset(db.table_names())
    db.conn.close()
    return out


def _refuse(path: Path, why: str) -> BackupRefused:
    return BackupRefused(f"“{path.name}”不是本程序可用的备份：{why}。当前数据没有改动。", path)


def verify_backup(path: Path) -> BackupSummary:
    """Checks that ``path`` is an intact database of this program; raises BackupRefused."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        raise BackupRefused(f"找不到备份文件“{path}”。当前数据没有改动。", path) from None
    except IsADirectoryError:
        raise _refuse(path, "这是一个文件夹") from None
    except OSError as exc:
        raise _refuse(path, f"无法读取（{exc.strerror or exc}）") from exc
    if size == 0:
        raise _refuse(path, "文件是空的（0字节）")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise _refuse(path, "它不是数据库文件")
    app_id = int.from_bytes(header[68:72], "big")
    version = int.from_bytes(header[60:64], "big")
    if app_id not in (0, APPLICATION_ID):
        raise _refuse(path, f"它是其他程序的数据库（程序标识 0x{app_id:08X}）")
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"备份“{path.name}”由更新版本的程序写入（数据版本 {version}，本程序只认识到 "
            f"{SCHEMA_VERSION}）。请先安装最新版本的“安全生产月”程序。当前数据没有改动。",
            path,
        )
    if version == 0:
        raise _refuse(path, "里面没有本程序的数据表")
    if app_id == 0 and version >= APPLICATION_ID_SINCE:
        raise _refuse(path, "它没有本程序的标识")
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = sorted(tables_by_version()[version] - tables)
        if missing:
            raise _refuse(path, f"缺少本程序的数据表（{'、'.join(missing[:5])}）")
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise _refuse(path, f"文件已损坏（完整性检查未通过：{rows[0][0]}）")
        units = conn.execute("SELECT count(*) FROM units").fetchone()[0]
        campaigns = conn.execute("SELECT count(*) FROM campaigns").fetchone()[0]
        activities = media = None
        if "activities" in tables:
            activities = conn.execute("SELECT count(*) FROM activities").fetchone()[0]
            media = tuple(
                r[0]
                for r in conn.execute("SELECT sha256 FROM media WHERE sha256 IS NOT NULL")
                if isinstance(r[0], str) and len(r[0]) == 64
            )
    except BackupRefused:
        raise
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"文件已损坏（{exc}）") from exc
    finally:
        if conn is not None:
            conn.close()
    return BackupSummary(path, version, units, campaigns, activities or 0, media or ())


# -- writing files safely --------------------------------------------------------------------


def _fsync_dir(directory: Path) -> None:
    # A rename survives a power cut only once the folder itself is flushed (not on Windows).
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _rename_no_clobber(src: Path, dst: Path) -> bool:
    """Moves ``src`` to ``dst`` unless ``dst`` exists (atomically); False if it exists."""
    if sys.platform == "win32":
        try:
            os.rename(src, dst)  # fails with FileExistsError on Windows
        except FileExistsError:
            return False
        return True
    try:
        os.link(src, dst)
    except FileExistsError:
        return False
    except OSError:
        # No hard links (FAT-formatted USB stick): check, then rename.
        if dst.exists():
            return False
        os.rename(src, dst)
        return True
    src.unlink()
    return True


def _place_uniquely(tmp: Path, directory: Path, stem: str) -> Path:
    """Renames ``tmp`` to ``stem.db``, ``stem-1.db`` … whichever is free: never overwrites."""
    n = 0
    while True:
        target = directory / (f"{stem}.db" if n == 0 else f"{stem}-{n}.db")
        if not target.exists() and _rename_no_clobber(tmp, target):
            return target
        n += 1


def _copy_database(
    source: sqlite3.Connection, target_path: Path, *, journal_mode: str = "DELETE"
) -> None:
    """Writes a consistent, flushed copy of ``source`` to ``target_path`` (which must be new).

    Backups are self-contained files (DELETE). A copy that will become the live database is
    put in WAL mode here, while it is still a half file: switching a live file's mode is a
    write, and a program killed during it would leave a journal behind.
    """
    target_path.unlink(missing_ok=True)
    dest = sqlite3.connect(str(target_path))
    try:
        source.backup(dest)
        dest.execute(f"PRAGMA journal_mode = {'WAL' if journal_mode == 'WAL' else 'DELETE'}")
    finally:
        dest.close()
    _fsync_file(target_path)


def _copy_file(source: Path, target: Path) -> None:
    """A streamed, flushed copy into ``target`` through a half file, renamed at the end."""
    part = target.with_name(part_name(target.name))
    try:
        with source.open("rb") as src, part.open("wb") as out:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, target)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()


# -- backing up ------------------------------------------------------------------------------


def create_backup(
    db_path: Path, *, now: datetime | None = None, directory: Path | None = None
) -> BackupInfo:
    """Backs up the database at ``db_path`` (readable while the program has it open) and the
    media files it refers to that the backups folder does not hold yet."""
    now = now or datetime.now()
    directory = directory or backups_dir_for(db_path)
    stem = f"anquanyue-{now:%Y%m%d-%H%M%S}"
    tmp = directory / part_name(f"{stem}.db")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
        try:
            _copy_database(source, tmp)
        finally:
            source.close()
        # Media first: a backup that is listed has its files.
        _backup_media(tmp, media_dir_for(db_path), directory / BACKUP_MEDIA_DIR)
        target = _place_uniquely(tmp, directory, stem)
        _fsync_dir(directory)
    except (sqlite3.Error, OSError) as exc:
        err = translate(exc, directory)
        if err is None:
            raise
        raise StoreError(f"备份失败：{err.message}", directory) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    m = _NAME.match(target.name)
    seq = int(m.group(4) or 0) if m else 0
    return BackupInfo(target, now.replace(microsecond=0), target.stat().st_size, False, seq)


def _media_of(db_file: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "media" not in tables:
            return []
        rows = conn.execute("SELECT sha256 FROM media WHERE sha256 IS NOT NULL").fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows if isinstance(r[0], str) and len(r[0]) == 64]


def _media_path(root: Path, sha: str) -> Path:
    return root / sha[:2] / sha


def _backup_media(db_copy: Path, live: Path, target_root: Path) -> int:
    """Copies each media file ``db_copy`` refers to into ``target_root`` once; returns how many."""
    copied = 0
    for sha in _media_of(db_copy):
        target = _media_path(target_root, sha)
        source = _media_path(live, sha)
        if target.is_file() or not source.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_file(source, target)
        copied += 1
    return copied


def _order(b: BackupInfo) -> tuple[datetime, int]:
    return (b.taken_at, b.sequence)


def list_backups(directory: Path) -> list[BackupInfo]:
    """The backups in ``directory``, newest first (half-written files are not backups)."""
    found: list[BackupInfo] = []
    if not directory.is_dir():
        return found
    for path in directory.iterdir():
        m = _NAME.match(path.name)
        if not m:
            continue
        taken = datetime.strptime(m.group(2) + m.group(3), "%Y%m%d%H%M%S")
        seq = int(m.group(4) or 0)
        found.append(BackupInfo(path, taken, path.stat().st_size, bool(m.group(1)), seq))
    found.sort(key=_order, reverse=True)
    return found


def intact_backups(directory: Path) -> list[tuple[BackupInfo, BackupSummary]]:
    """The backups that pass :func:`verify_backup`, newest first, with what they hold."""
    out = []
    for b in list_backups(directory):
        try:
            out.append((b, verify_backup(b.path)))
        except StoreError:
            continue
    return out


def backups_to_drop(backups: list[BackupInfo], keep_last: int = KEEP_LAST) -> list[BackupInfo]:
    """Which backups rotation removes: all but the newest ``keep_last`` and one per month."""
    ordered = sorted(backups, key=_order, reverse=True)
    keep = {b.path for b in ordered[:keep_last]}
    months: set[tuple[int, int]] = set()
    for b in ordered:
        month = (b.taken_at.year, b.taken_at.month)
        if month not in months:
            months.add(month)
            keep.add(b.path)
    return [b for b in ordered if b.path not in keep]


def rotate(directory: Path, keep_last: int = KEEP_LAST) -> list[Path]:
    """Drops old backups, then the media files no remaining backup refers to."""
    dropped = []
    for b in backups_to_drop(list_backups(directory), keep_last):
        try:
            b.path.unlink()
            dropped.append(b.path)
        except OSError:
            # A backup we cannot delete is harmless; the next start tries again.
            continue
    if dropped:
        _prune_media(directory)
    return dropped


def _prune_media(directory: Path) -> None:
    root = directory / BACKUP_MEDIA_DIR
    if not root.is_dir():
        return
    wanted: set[str] = set()
    for b in list_backups(directory):
        try:
            wanted.update(_media_of(b.path))
        except sqlite3.Error:
            return  # cannot tell what a damaged backup needs: keep everything
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if len(f.name) == 64 and f.name not in wanted:
                with contextlib.suppress(OSError):
                    f.unlink()


# -- half files ------------------------------------------------------------------------------


def clean_half_files(data_dir: Path) -> list[Path]:
    """Removes the half-written files a killed or failed program left in ``data_dir``
    (backups, restores, media copies); files whose writer still runs are left alone."""
    data_dir = Path(data_dir)
    candidates: list[Path] = []
    backups = data_dir / "backups"
    for folder, pattern in (
        (data_dir, "*.part"),
        (data_dir, "*.part-*"),  # SQLite's journal beside a half copy
        (data_dir, f"{DB_FILE_NAME}.restore"),
        (backups, "*.part"),
        (backups, "*.part-*"),
        (backups / BACKUP_MEDIA_DIR, "*/*.part"),
        (data_dir / MEDIA_DIR_NAME / "tmp", "*"),
        (data_dir / MEDIA_DIR_NAME, "*/*.part"),
    ):
        if folder.is_dir():
            candidates.extend(p for p in folder.glob(pattern) if p.is_file())
    removed = []
    for p in candidates:
        if writer_alive(p):
            continue
        with contextlib.suppress(OSError):
            p.unlink()
            removed.append(p)
    return removed


# -- restoring -------------------------------------------------------------------------------


def _keep_current(db_path: Path, directory: Path, now: datetime) -> Path | None:
    """Copies the current database (with its WAL) aside under a name no one else has."""
    if not db_path.exists():
        return None
    stem = f"anquanyue-before-restore-{now:%Y%m%d-%H%M%S}"
    tmp = directory / part_name(f"{stem}.db")
    try:
        try:
            source = sqlite3.connect(str(db_path), timeout=10)
            try:
                source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                _copy_database(source, tmp)
            finally:
                source.close()
        except sqlite3.DatabaseError:
            # A damaged file is kept as it is, byte for byte, with its WAL beside it.
            shutil.copyfile(db_path, tmp)
            _fsync_file(tmp)
            wal = db_path.with_name(db_path.name + "-wal")
            if wal.exists():
                kept = _place_uniquely(tmp, directory, stem)
                shutil.copyfile(wal, kept.with_name(kept.name + "-wal"))
                return kept
        return _place_uniquely(tmp, directory, stem)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def replace_database(checked: Path, db_path: Path, *, now: datetime) -> Path | None:
    """Puts the checked copy ``checked`` (in the same folder) in place of ``db_path`` with one
    rename, after keeping the current data aside; returns where that went."""
    directory = backups_dir_for(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    kept = _keep_current(db_path, directory, now)
    # The old WAL belongs to the old file: left beside the new one it would be replayed
    # into it. Its content is in the kept copy (checkpointed or copied).
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(checked, db_path)
    _fsync_dir(db_path.parent)
    return kept


def restore(backup: Path, db_path: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replaces the database at ``db_path`` with ``backup``; the database must be closed.

    Nothing is touched unless the backup passes :func:`verify_backup`. The current data is
    copied aside first (``anquanyue-before-restore-….db``), then the checked copy replaces
    the file in one rename. The photos and videos the backup refers to are brought back from
    the ``media`` folder beside the backup file.
    """
    now = now or datetime.now()
    backup = Path(backup)
    summary = verify_backup(backup)
    directory = backups_dir_for(db_path)
    tmp = db_path.with_name(part_name(db_path.name + ".restore"))
    kept: Path | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True, timeout=10)
        try:
            _copy_database(source, tmp, journal_mode="WAL")
        finally:
            source.close()
        restored, missing = _restore_media(
            summary.media, backup.parent / BACKUP_MEDIA_DIR, media_dir_for(db_path)
        )
        kept = replace_database(tmp, db_path, now=now)
    except (sqlite3.Error, OSError) as exc:
        err = translate(exc, db_path)
        if err is None:
            raise
        raise StoreError(f"恢复备份失败：{err.message}", db_path) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return RestoreResult(kept, summary, restored, missing)


def _restore_media(shas: tuple[str, ...], source_root: Path, live: Path) -> tuple[int, tuple]:
    restored = 0
    missing: list[str] = []
    for sha in shas:
        target = _media_path(live, sha)
        if target.is_file():
            continue
        source = _media_path(source_root, sha)
        if not source.is_file():
            missing.append(sha)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_file(source, target)
        restored += 1
    return restored, tuple(missing)


def restore_backup(backup: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """:func:`restore`, returning where the replaced file went (None if there was none)."""
    return restore(backup, db_path, now=now).kept


def latest_backup(directory: Path) -> BackupInfo | None:
    backups = list_backups(directory)
    return backups[0] if backups else None
