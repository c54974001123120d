"""导出全部数据 / 导入全部数据: everything to a new PC in one checked archive."""

from __future__ import annotations

import json
import zipfile

import pytest

from anquanyue_desktop.store import Store
from anquanyue_desktop.store.backups import backups_dir_for, list_backups
from anquanyue_desktop.store.transfer import ArchiveRefused, export_all, import_all

from .test_restore_safety import _activity_with_photo


@pytest.fixture
def archive(store, tmp_path):
    store.units.add_names(["荫城村", "东村"])
    shas = {_activity_with_photo(store, 40), _activity_with_photo(store, 50)}
    result = export_all(store.path, tmp_path / "全部数据.zip")
    assert result.media_files == 2 and not result.missing
    return result.path, shas


def test_everything_moves_to_a_new_pc(archive, tmp_path):
    path, shas = archive
    new_pc = tmp_path / "新电脑" / "anquanyue.db"
    result = import_all(path, new_pc)
    assert result.kept is None and result.media_files == 2
    with Store(new_pc) as s:
        assert {u.name for u in s.units.list()} == {"荫城村", "东村"}
        (campaign,) = s.campaigns.list()
        got = {m.sha256 for a in s.activities.list(campaign.id) for m in a.media}
        assert got == shas
        assert all(s.media.thumbnail(sha) is not None for sha in shas)


def test_importing_over_data_keeps_the_old_data(archive, tmp_path):
    path, _ = archive
    target = tmp_path / "旧电脑" / "anquanyue.db"
    with Store(target) as s:
        s.units.add_names(["原有单位"])
    result = import_all(path, target)
    assert result.kept is not None
    with Store(result.kept) as old:
        assert [u.name for u in old.units.list()] == ["原有单位"]
    assert any(b.before_restore for b in list_backups(backups_dir_for(target)))


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        entries = {i.filename: z.read(i) for i in z.infolist()}
        for name, data in change(entries).items():
            out.writestr(name, data)
    return target


def _manifest(entries, **changes):
    m = json.loads(entries["manifest.json"])
    m.update(changes)
    return {**entries, "manifest.json": json.dumps(m).encode()}


@pytest.mark.parametrize(
    ("case", "change", "why"),
    [
        ("zip-slip", lambda e: {**e, "../../evil.txt": b"x"}, "不属于本程序的文件"),
        ("absolute", lambda e: {**e, "/etc/cron.d/x": b"x"}, "不属于本程序的文件"),
        ("foreign", lambda e: _manifest(e, program="别的程序"), "其他程序"),
        ("newer", lambda e: _manifest(e, format=99), "更新版本"),
        ("no-manifest", lambda e: {k: v for k, v in e.items() if k != "manifest.json"}, "缺少清单"),
        (
            "tampered-photo",
            lambda e: {
                k: (v[:-1] + b"\x00" if k.startswith("media/") else v) for k, v in e.items()
            },
            "与清单不符",
        ),
        (
            "tampered-db",
            lambda e: {**e, "anquanyue.db": e["anquanyue.db"][:-4096] + b"\x00" * 4096},
            "与清单不符",
        ),
        (
            "missing-photo",
            lambda e: {k: v for k, v in e.items() if not k.startswith("media/")},
            "缺少",
        ),
    ],
)
def test_a_broken_or_foreign_archive_is_refused_and_nothing_changes(
    archive, tmp_path, case, change, why
):
    path, _ = archive
    bad = _rewrite(path, tmp_path / f"{case}.zip", change)
    target = tmp_path / "target" / "anquanyue.db"
    with Store(target) as s:
        s.units.add_names(["原有单位"])
    before = target.read_bytes()
    with pytest.raises(ArchiveRefused) as caught:
        import_all(bad, target)
    assert why in caught.value.message and "当前数据没有改动" in caught.value.message
    assert target.read_bytes() == before
    media = target.parent / "media"
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
    assert not [p for p in target.parent.glob("*.part")]


def test_a_truncated_archive_is_refused(archive, tmp_path):
    path, _ = archive
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ArchiveRefused, match="不完整"):
        import_all(cut, tmp_path / "t" / "anquanyue.db")
