"""Where the data lives: per-user local data folder, overridable by --data-dir or ANQUANYUE_DATA_DIR.

On Windows this is the *local* application-data folder (%LOCALAPPDATA%), not the roaming one:
media and backups grow to gigabytes and must not travel with a roaming profile. Versions before
0.2 used %APPDATA% (roaming); ``move_roaming_data`` brings such a folder over once.
The CLI (which never imports Qt) and the desktop program use the same rule.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .database import DB_FILE_NAME

ENV_DATA_DIR = "ANQUANYUE_DATA_DIR"
ORG_DIR = "anquanyue"
APP_DIR = "anquanyue-desktop"
# Left in the old roaming folder after a move, so a second look finds it handled.
MOVED_MARKER = "已移到本机数据文件夹.txt"
_LOCK_FILES = {"anquanyue.lock"}


def platform_data_dir(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> Path:
    home = home or Path.home()
    if platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORG_DIR / APP_DIR


def roaming_data_dir(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> Path | None:
    """The folder older versions used on Windows; None where there was no such folder."""
    if platform != "win32":
        return None
    home = home or Path.home()
    base = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
    return base / ORG_DIR / APP_DIR


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then the environment variable, then the per-user folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return platform_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILE_NAME


@dataclass(frozen=True)
class DataMove:
    """What ``move_roaming_data`` did, for a message to the clerk."""

    source: Path
    target: Path
    files: int
    bytes: int

    @property
    def message(self) -> str:
        size_mb = self.bytes / 1_000_000
        return (
            f"数据文件夹已从“{self.source}”移到本机数据文件夹“{self.target}”"
            f"（{self.files} 个文件，{size_mb:.1f} MB），数据没有任何改动。\n"
            "照片、视频和备份会越来越大，放在本机文件夹里不会随漫游配置文件来回复制。"
        )


def move_roaming_data(source: Path | None, target: Path) -> DataMove | None:
    """Moves the old roaming data folder to ``target`` once; None when there is nothing to move.

    Nothing is lost at any moment: everything is copied into ``target``'s sibling
    ``<name>.moving``, checked file by file, renamed into place in one step, and only then is
    the old folder emptied (a note is left there saying where the data went). If ``target``
    already holds a database, nothing is moved: the clerk's current data wins.
    """
    if source is None or not (source / DB_FILE_NAME).is_file():
        return None
    if (target / DB_FILE_NAME).exists():
        return None
    staging = target.with_name(target.name + ".moving")
    if staging.exists():
        shutil.rmtree(staging)  # a move interrupted earlier: the source is still complete
    files = 0
    size = 0
    staging.mkdir(parents=True)
    for path in sorted(source.rglob("*")):
        if path.name in _LOCK_FILES or path.name == MOVED_MARKER:
            continue
        dest = staging / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
        if dest.stat().st_size != path.stat().st_size:
            raise OSError(f"复制 {path} 时大小不一致，数据文件夹没有移动")
        files += 1
        size += dest.stat().st_size
    if target.exists():
        # An empty folder (for example only a lock or log from a first start): keep its files.
        for leftover in target.iterdir():
            dest = staging / leftover.name
            if not dest.exists():
                shutil.move(str(leftover), str(dest))
        target.rmdir()
    staging.rename(target)
    for path in sorted(source.iterdir()):
        if path.name in _LOCK_FILES:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    (source / MOVED_MARKER).write_text(f"安全生产月的数据已移到：{target}\n", encoding="utf-8")
    return DataMove(source, target, files, size)


def prepare_data_dir(
    cli_value: str | os.PathLike[str] | None = None,
) -> tuple[Path, DataMove | None]:
    """The data folder to use, after moving an old roaming one into place when needed.

    Both faces call this before opening anything, so whichever starts first after an upgrade
    does the move and the other finds the data already there.
    """
    if cli_value or os.environ.get(ENV_DATA_DIR):
        return resolve_data_dir(cli_value), None
    target = platform_data_dir()
    return target, move_roaming_data(roaming_data_dir(), target)
