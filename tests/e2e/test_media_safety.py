"""Photos survive: a backup restored on a fresh data folder shows its photos, and
导出全部数据 → 导入全部数据 moves them to another PC."""

from __future__ import annotations

import subprocess
import sys

from anquanyue_desktop.store import Store


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "anquanyue_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def _photos(db) -> list[tuple[str, bool]]:
    with Store(db) as s:
        out = []
        for c in s.campaigns.list():
            for a in s.activities.list(c.id):
                for m in a.media:
                    if m.sha256:
                        out.append((m.sha256, s.media.thumbnail(m.sha256) is not None))
        return out


def test_a_backup_restored_on_a_fresh_folder_shows_its_photos(tmp_path):
    old, new = tmp_path / "旧", tmp_path / "新"
    assert cli("demo", "--data-dir", str(old)).returncode == 0
    photos = _photos(old / "anquanyue.db")
    assert len(photos) >= 3
    r = cli("backup", "--data-dir", str(old))
    assert r.returncode == 0, r.stderr
    backup = r.stdout.split("：", 1)[1].strip()
    r = cli("restore", "--data-dir", str(new), backup)
    assert r.returncode == 0, r.stderr
    restored = _photos(new / "anquanyue.db")
    assert sorted(restored) == sorted(photos)
    assert all(shown for _, shown in restored)


def test_export_all_then_import_all_on_another_pc(tmp_path):
    old, new = tmp_path / "旧电脑", tmp_path / "新电脑"
    assert cli("demo", "--data-dir", str(old)).returncode == 0
    r = cli("export-all", "--data-dir", str(old), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    archive = next(tmp_path.glob("安全生产月全部数据-*.zip"))
    r = cli("import-all", "--data-dir", str(new), str(archive))
    assert r.returncode == 0, r.stderr
    assert "单位 12 个" in r.stdout
    assert sorted(_photos(new / "anquanyue.db")) == sorted(_photos(old / "anquanyue.db"))
