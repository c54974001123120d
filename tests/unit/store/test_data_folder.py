"""The data folder: local (not roaming) on Windows, and an old roaming folder moved once."""

from __future__ import annotations

from pathlib import Path

import pytest

from anquanyue_desktop.store import Store
from anquanyue_desktop.store.paths import (
    MOVED_MARKER,
    move_roaming_data,
    platform_data_dir,
    roaming_data_dir,
)


def test_windows_data_lives_in_the_local_not_the_roaming_profile():
    env = {
        "LOCALAPPDATA": r"C:\Users\张三\AppData\Local",
        "APPDATA": r"C:\Users\张三\AppData\Roaming",
    }
    local = platform_data_dir("win32", env, Path("/home"))
    assert str(local).startswith(env["LOCALAPPDATA"])
    assert local.parts[-2:] == ("anquanyue", "anquanyue-desktop")
    roaming = roaming_data_dir("win32", env, Path("/home"))
    assert str(roaming).startswith(env["APPDATA"])
    assert roaming_data_dir("linux", env, Path("/home")) is None


def _old_roaming_folder(root: Path) -> Path:
    source = root / "Roaming" / "anquanyue" / "anquanyue-desktop"
    source.mkdir(parents=True)
    with Store(source / "anquanyue.db") as store:
        store.units.add_names(["东村", "西村"])
    (source / "media" / "ab").mkdir(parents=True)
    (source / "media" / "ab" / "abcdef.jpg").write_bytes(b"\xff\xd8photo" * 1000)
    (source / "backups").mkdir()
    (source / "backups" / "anquanyue-20220601-080000.db").write_bytes(b"backup")
    (source / "anquanyue.lock").write_text("123\n")
    return source


def test_an_old_roaming_folder_is_moved_whole_and_once(tmp_path: Path):
    source = _old_roaming_folder(tmp_path)
    target = tmp_path / "Local" / "anquanyue" / "anquanyue-desktop"

    moved = move_roaming_data(source, target)

    assert moved is not None and moved.files == 3
    assert "数据没有任何改动" in moved.message and str(target) in moved.message
    with Store(target / "anquanyue.db") as store:
        assert [u.name for u in store.units.list()] == ["东村", "西村"]
    assert (target / "media" / "ab" / "abcdef.jpg").read_bytes() == b"\xff\xd8photo" * 1000
    assert (target / "backups" / "anquanyue-20220601-080000.db").read_bytes() == b"backup"
    assert not (source / "anquanyue.db").exists()
    assert str(target) in (source / MOVED_MARKER).read_text(encoding="utf-8")
    assert not target.with_name(target.name + ".moving").exists()
    # Once: a second start finds nothing left to move.
    assert move_roaming_data(source, target) is None


def test_current_local_data_is_never_replaced_by_an_old_roaming_folder(tmp_path: Path):
    source = _old_roaming_folder(tmp_path)
    target = tmp_path / "Local"
    target.mkdir(parents=True)
    with Store(target / "anquanyue.db") as store:
        store.units.add_names(["南村"])

    assert move_roaming_data(source, target) is None
    assert (source / "anquanyue.db").exists()
    with Store(target / "anquanyue.db") as store:
        assert [u.name for u in store.units.list()] == ["南村"]


def test_a_failed_copy_leaves_the_old_folder_complete(tmp_path: Path, monkeypatch):
    source = _old_roaming_folder(tmp_path)
    target = tmp_path / "Local"
    import shutil

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full_disk)
    with pytest.raises(OSError):
        move_roaming_data(source, target)
    assert (source / "anquanyue.db").is_file()
    assert (source / "media" / "ab" / "abcdef.jpg").is_file()
    assert not (target / "anquanyue.db").exists()
