import os
from datetime import datetime, timedelta

import pytest

from anquanyue_desktop.store import DatabaseDamaged, Store
from anquanyue_desktop.store.backups import (
    BackupInfo,
    backups_dir_for,
    backups_to_drop,
    create_backup,
    list_backups,
    restore_backup,
    rotate,
)


def test_backup_is_a_complete_copy_while_the_store_is_open(store):
    store.units.add_names(["东村", "西村"])
    info = create_backup(store.path)
    assert info.path.parent == backups_dir_for(store.path)
    assert not list(info.path.parent.glob("*.part"))
    with Store(info.path) as copy:
        assert [u.name for u in copy.units.list()] == ["东村", "西村"]


def test_rotation_keeps_last_ten_and_one_per_month(tmp_path):
    start = datetime(2026, 1, 1, 9, 0, 0)
    backups = [
        BackupInfo(tmp_path / f"b{i}.db", start + timedelta(days=3 * i), 1) for i in range(60)
    ]
    dropped = {b.path for b in backups_to_drop(backups)}
    kept = [b for b in backups if b.path not in dropped]
    newest_ten = sorted(backups, key=lambda b: b.taken_at)[-10:]
    assert all(b in kept for b in newest_ten)
    months = {(b.taken_at.year, b.taken_at.month) for b in backups}
    assert {(b.taken_at.year, b.taken_at.month) for b in kept} == months
    for month in months:
        in_month = [b for b in backups if (b.taken_at.year, b.taken_at.month) == month]
        assert max(in_month, key=lambda b: b.taken_at) in kept
    assert len(kept) < len(backups)


def test_rotate_deletes_files_on_disk(store):
    directory = backups_dir_for(store.path)
    for i in range(14):
        create_backup(store.path, now=datetime(2026, 11, 1, 8, 0, i))
    create_backup(store.path, now=datetime(2026, 10, 3, 8, 0, 0))
    rotate(directory)
    left = list_backups(directory)
    assert len(left) == 11
    assert left[-1].taken_at == datetime(2026, 10, 3, 8, 0, 0)


def test_restore_brings_back_old_data_and_keeps_the_current_file(store):
    store.units.add_names(["东村"])
    backup = create_backup(store.path)
    store.units.add_names(["西村"])
    path = store.path
    store.close()
    kept = restore_backup(backup.path, path)
    with Store(path) as s:
        assert [u.name for u in s.units.list()] == ["东村"]
    with Store(kept) as before:
        assert [u.name for u in before.units.list()] == ["东村", "西村"]
    assert any(b.before_restore for b in list_backups(backups_dir_for(path)))


def test_restore_over_a_damaged_file(store):
    store.units.add_names(["东村"])
    backup = create_backup(store.path)
    path = store.path
    store.close()
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(DatabaseDamaged):
        Store(path)
    restore_backup(backup.path, path)
    with Store(path) as s:
        assert [u.name for u in s.units.list()] == ["东村"]


def test_a_damaged_backup_is_refused_and_nothing_changes(store, tmp_path):
    store.units.add_names(["东村"])
    path = store.path
    store.close()
    bad = tmp_path / "anquanyue-20260101-000000.db"
    bad.write_bytes(os.urandom(8192))
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        restore_backup(bad, path)
    assert path.read_bytes() == before
