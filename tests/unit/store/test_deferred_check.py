"""The check of the whole file deferred past opening (the program's start): opening reads only
the first page, and no write reaches the file before the check has passed."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from anquanyue_desktop.store import SCHEMA_VERSION, DatabaseDamaged, Store
from anquanyue_desktop.store import database as database_module
from tests.bad_inputs import add_filler_table, damage_table


def _damaged(tmp_path, table: str = "filler"):
    path = tmp_path / "anquanyue.db"
    with Store(path) as s:
        s.units.add_names(["荫城村"])
    add_filler_table(path)
    return damage_table(path, table)


def test_opening_defers_the_check_and_no_write_reaches_a_damaged_file(tmp_path):
    path = _damaged(tmp_path)
    before = path.read_bytes()
    store = Store(path, defer_check=True)  # only the first page was read
    assert [u.name for u in store.units.list()] == ["荫城村"]
    with pytest.raises(DatabaseDamaged) as err:
        store.units.add_names(["东村"])
    assert "已损坏" in err.value.message and str(path) in err.value.message
    with pytest.raises(DatabaseDamaged):  # and every write after it
        store.settings.set("ui.x", "1")
    assert store.damage_found() is not None
    store.close()
    assert path.read_bytes() == before


def test_an_intact_file_passes_the_deferred_check_and_writes_go_on(tmp_path):
    path = tmp_path / "anquanyue.db"
    Store(path).close()
    with Store(path, defer_check=True) as store:
        store.units.add_names(["荫城村"])
        assert store.damage_found() is None
    with Store(path) as store:
        assert [u.name for u in store.units.list()] == ["荫城村"]


@pytest.mark.parametrize("change", ["older version", "not WAL"])
def test_a_file_that_opening_would_write_to_is_checked_first(tmp_path, change):
    path = tmp_path / "anquanyue.db"
    with Store(path) as s:
        s.units.add_names(["荫城村"])
    add_filler_table(path)
    conn = sqlite3.connect(path)
    if change == "older version":  # opening would migrate it
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    else:  # opening would switch it to WAL (a file restored by an older version)
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    damage_table(path, "filler")
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        Store(path, defer_check=True)
    assert path.read_bytes() == before


def test_damage_found_by_a_later_check_refuses_writes_from_then_on(tmp_path):
    path = tmp_path / "anquanyue.db"
    with Store(path, defer_check=True) as store:
        store.units.add_names(["荫城村"])
        store.refuse_writes(DatabaseDamaged(f"数据文件 {path} 已损坏（完整性检查未通过）。", path))
        with pytest.raises(DatabaseDamaged, match="完整性检查未通过"):
            store.units.add_names(["东村"])
    with Store(path) as store:
        assert [u.name for u in store.units.list()] == ["荫城村"]


def test_a_write_waits_for_the_check_another_thread_is_running(tmp_path, monkeypatch):
    path = _damaged(tmp_path)
    before = path.read_bytes()
    store = Store(path, defer_check=True)
    started, release = threading.Event(), threading.Event()
    real_check = database_module.check_file

    def slow_check(p, **kwargs):
        started.set()
        release.wait(10)
        return real_check(p, **kwargs)

    monkeypatch.setattr(database_module, "check_file", slow_check)
    checker = threading.Thread(target=store.damage_found)
    checker.start()
    assert started.wait(10)
    refused: list[BaseException] = []

    def write() -> None:
        try:
            store.units.add_names(["东村"])
        except BaseException as exc:
            refused.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(0.3)
    assert writer.is_alive()  # waiting for the verdict, not writing meanwhile
    release.set()
    checker.join(10)
    writer.join(10)
    assert [type(e) for e in refused] == [DatabaseDamaged]
    store.close()
    assert path.read_bytes() == before
