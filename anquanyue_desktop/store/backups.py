"""Automatic and manual backups beside the database, made with SQLite's online backup API.

Rotation keeps the newest ``KEEP_LAST`` and, beyond them, the newest backup of every month,
so a mistake noticed weeks later can still be undone.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .database import check_file
from .errors import StoreError, translate

KEEP_LAST = 10
_NAME = re.compile(r"^anquanyue-(before-restore-)?(\d{8})-(\d{6})(?:-(\d+))?\.db$")


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


def backups_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _copy_database(source: sqlite3.Connection, target_path: Path) -> None:
    """Writes a consistent copy of ``source`` to ``target_path`` atomically (temp file + rename)."""
    tmp = target_path.with_name(target_path.name + ".part")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(str(tmp))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    os.replace(tmp, target_path)


def create_backup(
    db_path: Path, *, now: datetime | None = None, directory: Path | None = None
) -> BackupInfo:
    """Backs up the database file at ``db_path`` (readable while the program has it open)."""
    now = now or datetime.now()
    directory = directory or backups_dir_for(db_path)
    stem = f"anquanyue-{now:%Y%m%d-%H%M%S}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{stem}.db"
        n = 1
        while target.exists():
            target = directory / f"{stem}-{n}.db"
            n += 1
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
        try:
            _copy_database(source, target)
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:
        err = translate(exc, directory)
        if err is None:
            raise
        raise StoreError(f"备份失败：{err.message}", directory) from exc
    return BackupInfo(target, now.replace(microsecond=0), target.stat().st_size)


def _order(b: BackupInfo) -> tuple[datetime, int]:
    return (b.taken_at, b.sequence)


def list_backups(directory: Path) -> list[BackupInfo]:
    """The backups in ``directory``, newest first."""
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
    dropped = []
    for b in backups_to_drop(list_backups(directory), keep_last):
        try:
            b.path.unlink()
            dropped.append(b.path)
        except OSError:
            # A backup we cannot delete is harmless; the next start tries again.
            continue
    return dropped


def restore_backup(backup: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Replaces the database at ``db_path`` with ``backup``. The database must be closed.

    The backup is checked first. The current file is kept, never deleted: moved aside as
    ``anquanyue-before-restore-….db`` in the backups folder, so the restore can be undone.
    Returns where the replaced file went (None if there was none).
    """
    now = now or datetime.now()
    check_file(backup)
    directory = backups_dir_for(db_path)
    kept: Path | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = db_path.with_name(db_path.name + ".restore")
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            _copy_database(source, tmp)
        finally:
            source.close()
        if db_path.exists():
            kept = directory / f"anquanyue-before-restore-{now:%Y%m%d-%H%M%S}.db"
            os.replace(db_path, kept)
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + suffix))
        os.replace(tmp, db_path)
    except (sqlite3.Error, OSError) as exc:
        err = translate(exc, db_path)
        if err is None:
            raise
        raise StoreError(f"恢复备份失败：{err.message}", db_path) from exc
    return kept


def latest_backup(directory: Path) -> BackupInfo | None:
    backups = list_backups(directory)
    return backups[0] if backups else None
