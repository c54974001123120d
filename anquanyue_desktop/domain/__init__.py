"""Plain-Python core: dataclasses and rules. No Qt, no SQLite, no file formats."""
