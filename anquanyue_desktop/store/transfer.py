"""导出全部数据 / 导入全部数据: the database and every photo and video in one checked archive,
to move everything to a new PC (or keep it on a USB stick).

The archive is a zip: ``manifest.json`` (program, data version, the SHA-256 and size of the
database and of each media file), ``anquanyue.db`` and ``media/ab/abcdef…``. Importing checks
all of it before anything is replaced: the entry names (no ``../``, no absolute paths), the
sizes against the limits, each file's SHA-256, and the database as a backup would be checked.
The current data is then kept aside exactly as a restore keeps it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.limits import MAX_MEDIA_BYTES, size_text
from .backups import BackupSummary, _copy_database, replace_database, verify_backup
from .errors import StoreError, translate
from .files import atomic_output
from .instance import part_name
from .media import media_dir_for
from .migrations import APPLICATION_ID, SCHEMA_VERSION

ARCHIVE_FORMAT = 1
PROGRAM = "安全生产月"
MANIFEST = "manifest.json"
DATABASE = "anquanyue.db"
MAX_DATABASE_BYTES = 4 * 1024 * 1024 * 1024
MAX_ENTRIES = 200_000
_MEDIA_ENTRY = re.compile(r"^media/([0-9a-f]{2})/([0-9a-f]{64})$")
CHUNK = 1024 * 1024

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


class ArchiveRefused(StoreError):
    """Not an intact archive of this program; nothing was changed."""


class ArchiveCancelled(StoreError):
    """The clerk cancelled; nothing was written or changed."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    media_files: int
    size: int
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    summary: BackupSummary
    kept: Path | None
    media_files: int


def default_archive_name(now: datetime | None = None) -> str:
    return f"安全生产月全部数据-{(now or datetime.now()):%Y%m%d-%H%M}.zip"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def export_all(db_path: Path, out: Path, *, progress: Progress | None = None) -> ExportResult:
    """Writes the archive to ``out`` (all or nothing). Readable while the program runs."""
    db_path, out = Path(db_path), Path(out)
    media_root = media_dir_for(db_path)
    copy = db_path.with_name(part_name(DATABASE + ".export"))
    try:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
        try:
            _copy_database(source, copy)
        finally:
            source.close()
        summary = verify_backup(copy)
        present = [s for s in summary.media if (media_root / s[:2] / s).is_file()]
        missing = tuple(s for s in summary.media if s not in set(present))
        sizes = {s: (media_root / s[:2] / s).stat().st_size for s in present}
        manifest = {
            "program": PROGRAM,
            "application_id": APPLICATION_ID,
            "format": ARCHIVE_FORMAT,
            "schema_version": summary.schema_version,
            "created_at": datetime.now().isoformat(timespec="seconds"),
            "database": {"sha256": _sha256_file(copy), "size": copy.stat().st_size},
            "media": [{"sha256": s, "size": sizes[s]} for s in present],
            "counts": {"units": summary.units, "campaigns": summary.campaigns},
        }
        total = len(present) + 1
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(out) as part, zipfile.ZipFile(part, "w", allowZip64=True) as z:
            z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            z.write(copy, DATABASE, compress_type=zipfile.ZIP_DEFLATED)
            for done, sha in enumerate(present, start=1):
                # Photos and videos are compressed already: stored as they are.
                z.write(media_root / sha[:2] / sha, f"media/{sha[:2]}/{sha}")
                if progress is not None and progress(done, total) is False:
                    raise ArchiveCancelled("已取消导出，没有留下文件。", out)
            z.close()
            with part.open("rb+") as f:
                os.fsync(f.fileno())
    except (sqlite3.Error, OSError) as exc:
        err = translate(exc, out)
        if err is None:
            raise
        raise StoreError(f"导出全部数据失败：{err.message}", out) from exc
    finally:
        with contextlib.suppress(OSError):
            copy.unlink()
    return ExportResult(out, len(present), out.stat().st_size, missing)


def _refuse(path: Path, why: str) -> ArchiveRefused:
    return ArchiveRefused(
        f"“{path.name}”不是可以导入的“{PROGRAM}”全部数据文件：{why}。当前数据没有改动。", path
    )


def _read_manifest(z: zipfile.ZipFile, path: Path) -> dict:
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(path, f"里面有 {len(infos)} 个文件，超过上限 {MAX_ENTRIES} 个")
    for info in infos:
        name = info.filename
        if name in (MANIFEST, DATABASE) or _MEDIA_ENTRY.match(name):
            continue
        # Covers ../, absolute and drive paths, and anything this program never writes.
        raise _refuse(path, f"里面有不属于本程序的文件“{name[:80]}”")
    try:
        info = z.getinfo(MANIFEST)
    except KeyError:
        raise _refuse(path, "缺少清单（manifest.json）") from None
    if info.file_size > 50 * 1024 * 1024:
        raise _refuse(path, "清单大得不合常理")
    try:
        manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, "清单已损坏") from None
    if not isinstance(manifest, dict) or manifest.get("program") != PROGRAM:
        raise _refuse(path, "它是其他程序的文件")
    if manifest.get("application_id") != APPLICATION_ID:
        raise _refuse(path, "它是其他程序的文件")
    if not isinstance(manifest.get("format"), int) or manifest["format"] > ARCHIVE_FORMAT:
        raise _refuse(path, "它由更新版本的程序导出，请先安装最新版本")
    if not isinstance(manifest.get("schema_version"), int) or not (
        1 <= manifest["schema_version"] <= SCHEMA_VERSION
    ):
        raise _refuse(path, "它由更新版本的程序导出，请先安装最新版本")
    return manifest


def _extract(z: zipfile.ZipFile, name: str, target: Path, sha: str, size: int, path: Path) -> None:
    """Streams one entry into ``target`` checking its declared size and SHA-256."""
    try:
        info = z.getinfo(name)
    except KeyError:
        raise _refuse(path, f"缺少“{name}”") from None
    if info.file_size != size:
        raise _refuse(path, f"“{name}”的大小与清单不符（文件不完整或被改动过）")
    digest = hashlib.sha256()
    written = 0
    try:
        with z.open(info) as src, target.open("wb") as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > size:
                    raise _refuse(path, f"“{name}”比清单所写的大")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise _refuse(path, f"“{name}”已损坏（{type(exc).__name__}）") from None
    if digest.hexdigest() != sha:
        raise _refuse(path, f"“{name}”的内容与清单不符（文件已损坏或被改动过）")


def import_all(
    archive: Path, db_path: Path, *, now: datetime | None = None, progress: Progress | None = None
) -> ImportResult:
    """Replaces the data at ``db_path`` with the archive's; the database must be closed.

    Everything is checked first; the media files go into the media folder (content-addressed:
    ones already there are kept), the database replaces the current one in one rename, and
    the current data is kept aside as a before-restore backup.
    """
    archive, db_path = Path(archive), Path(db_path)
    now = now or datetime.now()
    media_root = media_dir_for(db_path)
    tmp_db = db_path.with_name(part_name(DATABASE + ".import"))
    added: list[Path] = []
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            z = zipfile.ZipFile(archive)
        except FileNotFoundError:
            raise ArchiveRefused(f"找不到文件“{archive}”。当前数据没有改动。", archive) from None
        except IsADirectoryError:
            raise _refuse(archive, "这是一个文件夹") from None
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise _refuse(archive, "它不是压缩包，或文件不完整") from None
        with z:
            manifest = _read_manifest(z, archive)
            try:
                db = manifest["database"]
                db_sha, db_size = str(db["sha256"]), int(db["size"])
                media = [(str(m["sha256"]), int(m["size"])) for m in manifest["media"]]
            except (KeyError, TypeError, ValueError):
                raise _refuse(archive, "清单已损坏") from None
            if db_size > MAX_DATABASE_BYTES:
                raise _refuse(archive, f"数据文件大得不合常理（{size_text(db_size)}）")
            for sha, size in media:
                if not re.fullmatch(r"[0-9a-f]{64}", sha):
                    raise _refuse(archive, "清单已损坏")
                if size > MAX_MEDIA_BYTES:
                    raise _refuse(archive, f"其中一个文件有 {size_text(size)}，超过单个文件的上限")
            _extract(z, DATABASE, tmp_db, db_sha, db_size, archive)
            try:
                summary = verify_backup(tmp_db)
            except StoreError as exc:
                raise _refuse(archive, f"其中的数据文件不可用（{exc.message}）") from None
            total = len(media) + 1
            for done, (sha, size) in enumerate(media, start=1):
                target = media_root / sha[:2] / sha
                if not target.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    part = target.with_name(part_name(sha))
                    try:
                        _extract(z, f"media/{sha[:2]}/{sha}", part, sha, size, archive)
                        os.replace(part, target)
                    finally:
                        with contextlib.suppress(OSError):
                            part.unlink()
                    added.append(target)
                if progress is not None and progress(done, total) is False:
                    raise ArchiveCancelled("已取消导入，当前数据没有改动。", archive)
        # WAL while still a half file: switching the live file later would be a write.
        conn = sqlite3.connect(str(tmp_db))
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        kept = replace_database(tmp_db, db_path, now=now)
        added.clear()  # in use now
    except (sqlite3.Error, OSError) as exc:
        err = translate(exc, db_path)
        if err is None:
            raise
        raise StoreError(f"导入全部数据失败：{err.message}当前数据没有改动。", db_path) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp_db.unlink()
        for p in added:  # refused or failed: the files this import brought are taken back
            with contextlib.suppress(OSError):
                p.unlink()
    return ImportResult(summary, kept, len(media))


__all__ = [
    "ArchiveCancelled",
    "ArchiveRefused",
    "ExportResult",
    "ImportResult",
    "default_archive_name",
    "export_all",
    "import_all",
]
