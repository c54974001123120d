"""Where the data lives: per-user data folder, overridable by --data-dir or ANQUANYUE_DATA_DIR.

Mirrors Qt's QStandardPaths.AppDataLocation for organisation ``anquanyue`` and application
``anquanyue-desktop`` so the CLI (which never imports Qt) and the GUI agree on the folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .database import DB_FILE_NAME

ENV_DATA_DIR = "ANQUANYUE_DATA_DIR"
ORG_DIR = "anquanyue"
APP_DIR = "anquanyue-desktop"


def platform_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
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
