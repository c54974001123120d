"""SQLite storage through sqlite-utils: schema, migrations, repositories, backups."""

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy, when installed, only to accept numpy values, which the store
    never writes. numpy comes with the OCR extra and would add 0.1 s and 14 MiB to every start:
    hide it while sqlite-utils loads (OCR imports it normally later)."""
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes ``import numpy`` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_sqlite_utils_without_numpy()


from .database import SCHEMA_VERSION, Store  # noqa: E402
from .errors import DatabaseDamaged, DatabaseTooNew, StoreError  # noqa: E402

__all__ = ["SCHEMA_VERSION", "DatabaseDamaged", "DatabaseTooNew", "Store", "StoreError"]
