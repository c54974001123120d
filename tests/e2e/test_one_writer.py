"""The CLI beside a running desktop program, restores of files that are not backups, and two
programs writing one database at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from anquanyue_desktop.store.instance import LOCK_FILE_NAME, lock_holder


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "anquanyue_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def _units(data: Path) -> str:
    r = cli("units", "--data-dir", str(data))
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("kind", ["empty", "foreign", "tableless"])
def test_restore_of_a_file_that_is_not_a_backup_fails_and_changes_nothing(tmp_path, kind):
    import sqlite3

    data = tmp_path / "data"
    assert cli("demo", "--data-dir", str(data)).returncode == 0
    before = _units(data)
    bad = tmp_path / f"{kind}.db"
    if kind == "empty":
        bad.write_bytes(b"")
    else:
        conn = sqlite3.connect(bad)
        if kind == "foreign":
            conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY)")
            conn.execute("PRAGMA application_id = 7")
        else:
            conn.execute("CREATE TABLE t (x)")
            conn.execute("DROP TABLE t")
        conn.commit()
        conn.close()
    r = cli("restore", "--data-dir", str(data), str(bad))
    assert r.returncode != 0
    assert "不是本程序可用的备份" in r.stderr and "当前数据没有改动" in r.stderr
    assert "Traceback" not in r.stderr
    assert _units(data) == before
    assert not list((data / "backups").glob("anquanyue-before-restore-*"))


@pytest.fixture
def desktop(tmp_path):
    """The real desktop program running offscreen on a data folder (it waits at its
    first-start question, holding the folder)."""
    data = tmp_path / "data"
    assert cli("demo", "--data-dir", str(data)).returncode == 0
    assert cli("backup", "--data-dir", str(data)).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "anquanyue_desktop.ui.app", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while lock_holder(data) != proc.pid:
            assert proc.poll() is None, "the desktop program ended"
            assert time.monotonic() < deadline, "the desktop program never took its lock"
            time.sleep(0.1)
        yield data
    finally:
        proc.kill()
        proc.wait()


def test_writing_commands_refuse_while_the_desktop_program_runs(desktop, tmp_path):
    data = desktop
    names = tmp_path / "名单.txt"
    names.write_text("新村\n", encoding="utf-8")
    backup = next((data / "backups").glob("anquanyue-*.db"))
    for args in (
        ("units", "--add-from", str(names)),
        ("backup",),
        ("restore", str(backup)),
        ("new-campaign", "--template", "zushi-2024"),
        ("demo",),
    ):
        r = cli(*args, "--data-dir", str(data))
        assert r.returncode != 0, args
        assert "程序已在运行" in r.stderr and "请先关闭桌面程序" in r.stderr, args
    # Reading goes on.
    r = cli("units", "--data-dir", str(data))
    assert r.returncode == 0 and "新村" not in r.stdout
    r = cli("campaigns", "--data-dir", str(data))
    assert r.returncode == 0 and "2022" in r.stdout


def test_a_lock_left_by_a_dead_program_does_not_block(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / LOCK_FILE_NAME).write_text(f"{2**22 + 7}\npython\n{os.uname().nodename}\n")
    r = cli("units", "--add-from", os.devnull, "--data-dir", str(data))
    assert r.returncode == 0, r.stderr


WRITER = r"""
import sys
from anquanyue_desktop.store import Store, StoreError
path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
failed = 0
with Store(path) as store:
    for i in range(n):
        try:
            if i % 3 == 2:
                # read first, then write in the same action: the case that used to fail at once
                with store.transaction() as db:
                    count = db.execute("SELECT count(*) FROM units").fetchone()[0]
                    store.settings.set(f"{tag}-{i}", str(count))
            else:
                store.units.add_names([f"{tag}-{i}"])
        except StoreError as exc:
            failed += 1
print(failed)
"""


def test_two_programs_writing_one_database_both_succeed(tmp_path):
    from anquanyue_desktop.store import Store

    path = tmp_path / "anquanyue.db"
    Store(path).close()
    # Every commit is flushed to disk (synchronous=FULL), so 2 × 1,000 actions take about
    # 90 s here: CI runs fewer; ANQUANYUE_WRITER_ACTIONS=1000 runs the full count.
    n = int(os.environ.get("ANQUANYUE_WRITER_ACTIONS", "150"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), tag, str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("甲", "乙")
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    assert [int(o[0]) for o in outs] == [0, 0]
    with Store(path) as s:
        names = {u.name for u in s.units.list()}
        settings = s.db.execute("SELECT count(*) FROM settings").fetchone()[0]
    expected = n - n // 3
    assert len(names) == 2 * expected
    assert settings == 2 * (n // 3)
