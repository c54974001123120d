"""Faults of the environment, told to the clerk in plain Chinese.

Bugs are not wrapped here: they propagate and are logged with a trace.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A fault of the file or the machine, with a message fit for the clerk."""

    def __init__(self, message: str, path: Path | None = None):
        self.message = message
        self.path = path
        super().__init__(message)


class DatabaseTooNew(StoreError):
    """The file was written by a newer version of the program; it is never downgraded."""


class DatabaseDamaged(StoreError):
    """The file is not a database or fails the integrity check."""


class DatabaseBusy(StoreError):
    """Another program holds the file locked."""


class DiskProblem(StoreError):
    """Disk full, read-only or gone."""


def translate(exc: BaseException, path: Path | None = None) -> StoreError | None:
    """The clerk-facing error for an sqlite3/OS failure, or None if it looks like a bug."""
    text = str(exc).lower()
    where = f"（{path}）" if path else ""
    if isinstance(exc, sqlite3.DatabaseError):
        if "locked" in text or "busy" in text:
            return DatabaseBusy(
                f"数据文件正被其他程序占用{where}，请关闭其他打开它的程序后重试。", path
            )
        if "disk is full" in text or "database or disk is full" in text:
            return DiskProblem(f"磁盘空间已满，无法保存{where}。请清理磁盘后重试。", path)
        if "readonly" in text or "read-only" in text:
            return DiskProblem(f"数据文件是只读的{where}，无法保存。请检查文件权限。", path)
        if "disk i/o" in text or "unable to open" in text:
            return DiskProblem(f"读写数据文件失败{where}，请检查磁盘或U盘是否已拔出。", path)
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return DatabaseDamaged(f"数据文件已损坏{where}。", path)
        return None
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskProblem(f"磁盘空间已满{where}。请清理磁盘后重试。", path)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DiskProblem(f"没有写入权限{where}。请检查文件夹权限。", path)
        return DiskProblem(f"文件操作失败{where}：{exc.strerror or exc}", path)
    return None
