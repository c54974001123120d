"""SQLite storage through sqlite-utils: schema, migrations, repositories, backups."""

import importlib.util
import sys

# sqlite-utils imports dateutil's parser (for its date-parsing recipes) and numpy (for numpy
# values) at its own import; the store uses neither, and they cost 0.1 s and 14 MiB at every
# start. (Its click import cannot wait: a hook signature names a click type.)
_DEFERRED = ("dateutil.parser",)


def _defer(name: str) -> None:
    """The standard library's lazy import (importlib.util.LazyLoader): the module is executed
    at its first attribute access, here never in the program's normal run."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def _import_sqlite_utils_lightly() -> None:
    if "sqlite_utils" in sys.modules:
        return
    for name in _DEFERRED:
        if name not in sys.modules:
            _defer(name)
    if "numpy" in sys.modules:
        import sqlite_utils

        return
    # numpy (installed with the OCR extra) is hidden while sqlite-utils loads; OCR imports it
    # normally later.
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes ``import numpy`` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


_import_sqlite_utils_lightly()

from .database import SCHEMA_VERSION, Store  # noqa: E402
from .errors import DatabaseDamaged, DatabaseTooNew, StoreError  # noqa: E402

__all__ = ["SCHEMA_VERSION", "DatabaseDamaged", "DatabaseTooNew", "Store", "StoreError"]
