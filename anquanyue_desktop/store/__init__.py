"""SQLite storage through sqlite-utils: schema, migrations, repositories, backups."""

from .database import SCHEMA_VERSION, Store
from .errors import DatabaseDamaged, DatabaseTooNew, StoreError

__all__ = ["SCHEMA_VERSION", "DatabaseDamaged", "DatabaseTooNew", "Store", "StoreError"]
