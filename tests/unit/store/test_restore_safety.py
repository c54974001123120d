"""Restore takes only this program's intact backups, never leaves the folder without a
database, keeps every replaced file, and brings the photos back."""

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from anquanyue_desktop.store import Store, StoreError
from anquanyue_desktop.store import backups as backups_module
from anquanyue_desktop.store.backups import (
    BackupRefused,
    backups_dir_for,
    clean_half_files,
    create_backup,
    intact_backups,
    list_backups,
    restore,
    rotate,
    verify_backup,
)
from anquanyue_desktop.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _foreign_files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    for i, name in enumerate(["empty.db", "空.db", "anquanyue-20260101-000000.db", "x.sqlite"]):
        p = tmp_path / f"{i}-{name}"
        p.write_bytes(b"")
        files[f"empty{i}"] = p
    p = tmp_path / "no-tables.db"
    sqlite3.connect(p).close()  # a 0-byte file: SQLite writes nothing until a table exists
    conn = sqlite3.connect(tmp_path / "vacuumed.db")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.close()
    files["tableless"] = tmp_path / "vacuumed.db"
    conn = sqlite3.connect(tmp_path / "firefox.sqlite")
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("PRAGMA user_version = 70")
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    files["foreign_app_id"] = tmp_path / "firefox.sqlite"
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    files["other_program_same_table_name"] = tmp_path / "other.db"
    text = tmp_path / "note.db"
    text.write_text("这不是数据库" * 100, encoding="utf-8")
    files["text"] = text
    return files


def test_only_real_backups_are_restored_and_the_data_is_untouched(store, tmp_path):
    store.units.add_names(["东村"])
    path = store.path
    store.close()
    before = path.read_bytes()
    for label, bad in _foreign_files(tmp_path).items():
        with pytest.raises(BackupRefused) as caught:
            restore(bad, path)
        assert "不是本程序可用的备份" in caught.value.message, label
        assert "当前数据没有改动" in caught.value.message
        assert path.read_bytes() == before, label
    with Store(path) as s:
        assert [u.name for u in s.units.list()] == ["东村"]
    assert not [b for b in list_backups(backups_dir_for(path)) if b.before_restore]


def test_the_messages_say_what_is_wrong(tmp_path):
    files = _foreign_files(tmp_path)
    assert "空的（0字节）" in _why(files["empty0"])
    assert "没有本程序的数据表" in _why(files["tableless"])
    assert "其他程序的数据库" in _why(files["foreign_app_id"])
    assert "缺少本程序的数据表" in _why(files["other_program_same_table_name"])
    assert "不是数据库文件" in _why(files["text"])


def _why(path: Path) -> str:
    with pytest.raises(BackupRefused) as caught:
        verify_backup(path)
    return caught.value.message


def test_new_files_carry_the_application_id(store):
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    info = create_backup(store.path)
    summary = verify_backup(info.path)
    assert summary.schema_version == SCHEMA_VERSION


def test_a_backup_from_before_the_application_id_is_still_accepted(tmp_path):
    from sqlite_utils import Database

    old = tmp_path / "anquanyue-20250601-080000.db"
    db = Database(sqlite3.connect(old, isolation_level=None))
    for number, m in enumerate(MIGRATIONS[:5], start=1):
        m(db)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute(
        "INSERT INTO units (name, created_at, updated_at) VALUES ('老村', '2025-01-01', '2025-01-01')"
    )
    db.conn.close()
    summary = verify_backup(old)
    assert (summary.schema_version, summary.units) == (5, 1)
    target = tmp_path / "data" / "anquanyue.db"
    restore(old, target)
    with Store(target) as s:  # migrated on opening, and marked as ours
        assert [u.name for u in s.units.list()] == ["老村"]
        assert s.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_two_restores_in_one_second_keep_both_replaced_files(store):
    store.units.add_names(["甲村"])
    backup = create_backup(store.path)
    store.units.add_names(["乙村"])
    path = store.path
    store.close()
    now = datetime(2026, 6, 1, 9, 0, 0)
    first = restore(backup.path, path, now=now).kept
    with Store(path) as s:
        s.units.add_names(["丙村"])
    second = restore(backup.path, path, now=now).kept
    assert first != second and first.exists() and second.exists()
    with Store(first) as s:
        assert {u.name for u in s.units.list()} == {"甲村", "乙村"}
    with Store(second) as s:
        assert {u.name for u in s.units.list()} == {"甲村", "丙村"}


def test_there_is_always_a_database_during_restore(store, monkeypatch):
    store.units.add_names(["东村"])
    backup = create_backup(store.path)
    path = store.path
    store.close()
    seen = []
    real_replace, real_unlink = os.replace, Path.unlink

    def watched_replace(src, dst):
        seen.append(path.exists())
        real_replace(src, dst)
        seen.append(path.exists())

    def watched_unlink(self, *a, **k):
        seen.append(path.exists())
        return real_unlink(self, *a, **k)

    monkeypatch.setattr(backups_module.os, "replace", watched_replace)
    monkeypatch.setattr(Path, "unlink", watched_unlink)
    restore(backup.path, path)
    assert seen and all(seen)


@pytest.mark.parametrize("step", ["_restore_media", "_keep_current"])
def test_a_restore_dying_midway_leaves_the_old_data(store, monkeypatch, step):
    store.units.add_names(["东村"])
    backup = create_backup(store.path)
    store.units.add_names(["西村"])
    path = store.path
    store.close()

    def die(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups_module, step, die)
    with pytest.raises(StoreError, match="恢复备份失败"):
        restore(backup.path, path)
    with Store(path) as s:
        assert {u.name for u in s.units.list()} == {"东村", "西村"}
    assert not list(path.parent.glob("*.part"))


def test_half_files_are_cleaned_but_not_those_still_being_written(store):
    directory = backups_dir_for(store.path)
    create_backup(store.path)
    dead = 2**22 + 12345  # above any pid_max default: no such process
    left = [
        directory / f"anquanyue-20260101-000000.db.{dead}.part",
        directory / "anquanyue-20251231-000000.db.part",  # older versions' name
        store.path.with_name(f"anquanyue.db.restore.{dead}.part"),
        store.path.with_name("anquanyue.db.restore"),
        store.media.root / "tmp" / "tmpabc.part",
        store.media.root / "tmp" / f"{dead}-xyz.part",
    ]
    alive = [
        directory / f"anquanyue-20260102-000000.db.{os.getpid()}.part",
        store.media.root / "tmp" / f"{os.getpid()}-busy.part",
    ]
    for p in left + alive:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x" * 100)
    assert len(list_backups(directory)) == 1  # half files are never backups
    removed = clean_half_files(store.path.parent)
    assert sorted(removed) == sorted(left)
    assert all(p.exists() for p in alive)
    assert len(list_backups(directory)) == 1


def test_a_bad_newest_backup_is_skipped_in_the_intact_list(store):
    store.units.add_names(["东村"])
    good = create_backup(store.path, now=datetime(2026, 6, 1, 8, 0, 0))
    directory = backups_dir_for(store.path)
    (directory / "anquanyue-20260602-080000.db").write_bytes(b"")
    (directory / "anquanyue-20260603-080000.db").write_bytes(os.urandom(4096))
    intact = intact_backups(directory)
    assert [b.path for b, _ in intact] == [good.path]
    assert intact[0][1].units == 1 and "单位 1 个" in intact[0][1].counts_text


def _png(color: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (color, 0, 0)).save(out, "PNG")
    return out.getvalue()


def _activity_with_photo(store, color: int) -> str:
    from datetime import date

    from anquanyue_desktop.domain.activities import Activity
    from anquanyue_desktop.domain.campaign import Campaign

    campaigns = store.campaigns.list()
    campaign = (
        campaigns[0] if campaigns else store.campaigns.save(Campaign(year=2026, theme="测试"))
    )
    item = store.media.add_bytes(_png(color), f"照片{color}.png")
    store.activities.save(
        Activity(campaign.id, None, date(2026, 6, 3), "应急演练", f"活动{color}", media=(item,))
    )
    return item.sha256


def test_backups_carry_the_photos_once_and_restore_brings_them_back(store, tmp_path):
    sha1 = _activity_with_photo(store, 10)
    first = create_backup(store.path, now=datetime(2026, 6, 1, 8, 0, 0))
    sha2 = _activity_with_photo(store, 20)
    second = create_backup(store.path, now=datetime(2026, 6, 2, 8, 0, 0))
    media_root = backups_dir_for(store.path) / "media"
    stored = sorted(p.name for p in media_root.glob("*/*"))
    assert stored == sorted([sha1, sha2])  # the first photo was copied once
    assert verify_backup(second.path).media == tuple(sorted([sha1, sha2])) or set(
        verify_backup(second.path).media
    ) == {sha1, sha2}

    fresh = tmp_path / "new-pc" / "anquanyue.db"
    result = restore(second.path, fresh)
    assert result.media_restored == 2 and not result.media_missing
    with Store(fresh) as s:
        (campaign,) = s.campaigns.list()
        for a in s.activities.list(campaign.id):
            for m in a.media:
                assert s.media.has(m.sha256)
                assert s.media.thumbnail(m.sha256) is not None
    assert first.path.exists()


def test_rotation_drops_media_no_backup_needs(store):
    sha = _activity_with_photo(store, 30)
    directory = backups_dir_for(store.path)
    create_backup(store.path, now=datetime(2026, 2, 1, 8, 0, 0))
    assert (directory / "media" / sha[:2] / sha).exists()
    (campaign,) = store.campaigns.list()
    store.activities.delete(store.activities.list(campaign.id)[0].id)
    with store.transaction() as db:
        db.execute("DELETE FROM media")
    for day in range(2, 13):
        create_backup(store.path, now=datetime(2026, 2, day, 8, 0, 0))
    assert len(rotate(directory)) == 2
    assert not (directory / "media" / sha[:2] / sha).exists()
