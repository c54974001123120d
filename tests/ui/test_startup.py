import sqlite3

import pytest

from anquanyue_desktop.store import SCHEMA_VERSION, Store
from anquanyue_desktop.store.backups import create_backup
from anquanyue_desktop.store.paths import database_path
from anquanyue_desktop.ui.app import ALREADY_RUNNING, acquire_instance_lock, start


def test_second_instance_says_already_running(qapp, data_dir, dialogs):
    lock = acquire_instance_lock(data_dir)
    assert lock is not None
    try:
        startup = start(["anquanyue", "--data-dir", str(data_dir)])
        assert startup.store is None and startup.exit_code == 1
        assert any(ALREADY_RUNNING in t for t in dialogs.texts("information"))
    finally:
        lock.unlock()


def test_newer_database_ends_in_a_clear_message(qapp, data_dir, dialogs):
    path = database_path(data_dir)
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    assert startup.store is None and startup.exit_code == 2
    (text,) = dialogs.texts("critical")
    assert "更新版本" in text and "请安装最新版本" in text


def test_damaged_database_offers_the_latest_backup(qapp, data_dir, dialogs):
    path = database_path(data_dir)
    with Store(path) as s:
        s.units.add_names(["荫城村"])
    create_backup(path)
    path.write_bytes(b"\x00garbage" * 4096)
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    try:
        assert startup.store is not None
        assert [u.name for u in startup.store.units.list()] == ["荫城村"]
        (question,) = dialogs.texts("question")
        assert "已损坏" in question and "最近的备份" in question
    finally:
        startup.store.close()
        startup.lock.unlock()


def test_damaged_database_without_backup_is_kept_and_explained(qapp, data_dir, dialogs):
    path = database_path(data_dir)
    data_dir.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 4096)
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    assert startup.store is None
    (text,) = dialogs.texts("critical")
    assert "已损坏" in text and "没有找到可用的备份" in text
    assert path.read_bytes().startswith(b"\x00garbage")


def test_environment_variable_chooses_the_data_folder(qapp, data_dir, dialogs):
    startup = start(["anquanyue"])
    try:
        assert startup.store.path == database_path(data_dir)
    finally:
        startup.store.close()
        startup.lock.unlock()


def test_cli_and_program_agree_on_the_default_data_folder(qapp, monkeypatch, tmp_path, dialogs):
    from anquanyue_desktop.cli import main as cli_main
    from anquanyue_desktop.store.paths import ENV_DATA_DIR, platform_data_dir
    from anquanyue_desktop.ui.app import configure_application

    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    configure_application(qapp)
    startup = start(["anquanyue"])  # no --data-dir: the program's own choice
    assert startup.store is not None and startup.lock is not None
    try:
        assert startup.store.path.parent == platform_data_dir()
    finally:
        startup.store.close()
        startup.lock.unlock()
    # The CLI, asked the same way, writes into that same file.
    names = tmp_path / "units.txt"
    names.write_text("东村\n", encoding="utf-8")
    assert cli_main(["units", "--add-from", str(names)]) == 0
    with Store(database_path(platform_data_dir())) as store:
        assert [u.name for u in store.units.list()] == ["东村"]


def test_an_unexpected_error_is_logged_and_explained(qapp, data_dir, dialogs, monkeypatch):
    import sys

    from anquanyue_desktop.ui.app import install_error_log

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_path = install_error_log(data_dir)
    try:
        raise RuntimeError("测试用的错误")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    (text,) = dialogs.texts("critical")
    assert "意外错误" in text and str(log_path) in text
    assert "测试用的错误" in log_path.read_text(encoding="utf-8")


def test_a_bad_newest_backup_is_skipped_and_intact_ones_are_listed(
    qapp, data_dir, dialogs, monkeypatch
):
    from datetime import datetime

    from anquanyue_desktop.ui.widgets import messages

    path = database_path(data_dir)
    with Store(path) as s:
        s.units.add_names(["荫城村"])
        create_backup(path, now=datetime(2026, 5, 1, 9, 0, 0))
        s.units.add_names(["东村"])
        create_backup(path, now=datetime(2026, 5, 2, 9, 0, 0))
    backups = data_dir / "backups"
    (backups / "anquanyue-20260503-090000.db").write_bytes(b"")  # newest: empty
    path.write_bytes(b"\x00garbage" * 4096)
    offered = []

    def choose(parent, title, text, items):
        offered.append((text, items))
        return 1  # the older intact one

    monkeypatch.setattr(messages, "choose", choose)
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    try:
        assert startup.store is not None
        assert [u.name for u in startup.store.units.list()] == ["荫城村"]
        ((text, items),) = offered
        assert "已跳过" in text and len(items) == 2
        assert items[0].startswith("2026-05-02 09:00:00") and "单位 2 个" in items[0]
        assert items[1].startswith("2026-05-01 09:00:00") and "单位 1 个" in items[1]
        assert not dialogs.texts("critical")
    finally:
        startup.store.close()
        startup.lock.unlock()


def test_only_a_bad_backup_is_never_offered(qapp, data_dir, dialogs):
    path = database_path(data_dir)
    data_dir.mkdir(parents=True)
    (data_dir / "backups").mkdir()
    (data_dir / "backups" / "anquanyue-20260503-090000.db").write_bytes(b"")
    path.write_bytes(b"\x00garbage" * 4096)
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    assert startup.store is None
    (text,) = dialogs.texts("critical")
    assert "没有找到可用的备份" in text and "1 份备份已损坏" in text
    assert not dialogs.texts("question")


def test_first_start_on_a_write_locked_database_still_opens_the_window(
    qtbot, qapp, data_dir, dialogs
):
    from anquanyue_desktop.ui.main_window import MainWindow

    path = database_path(data_dir)
    Store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    try:
        assert startup.store is not None
        startup.store.db.execute("PRAGMA busy_timeout = 50")  # no need to wait 5 s here
        window = MainWindow(startup.store)
        qtbot.addWidget(window)
        window.offer_demo_on_first_start()  # answered yes: the demo cannot be written now
        assert any("占用" in t for t in dialogs.texts("critical"))
        assert "占用" in window.statusBar().currentMessage()
    finally:
        other.execute("ROLLBACK")
        other.close()
        startup.store.close()
        startup.lock.unlock()


def _top_modules_after(script: str, *args: str) -> set[str]:
    """The top-level packages loaded once ``script`` ran in a fresh interpreter."""
    import json
    import os
    import subprocess
    import sys

    script += (
        "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_window_opens_without_the_heavy_libraries(tmp_path):
    """What start-up must not load (each costs tens of milliseconds or MiB on every start):
    they come with the first search, PDF, workbook, picture or scan."""
    from anquanyue_desktop.ui.main_window import SETTING_FIRST_START_DONE

    data = tmp_path / "data"
    with Store(database_path(data)) as store:  # not a first start: no welcome question
        store.settings.set(SETTING_FIRST_START_DONE, "1")
    loaded = _top_modules_after(
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from anquanyue_desktop.ui.app import launch\n"
        "app = launch(['anquanyue', '--data-dir', sys.argv[1]])\n"
        "QTimer.singleShot(0, app.app.quit)\n"
        "app.app.exec()\n"
        "app.finish()",
        str(data),
    )
    # What Qt itself brings (PySide6 6.6 loads numpy) is the bare window's cost, not ours.
    by_qt = _top_modules_after("import PySide6.QtWidgets")
    heavy = {"pypinyin", "numpy", "reportlab", "openpyxl", "PIL", "pypdfium2", "rapidocr", "docx"}
    assert "anquanyue_desktop" in loaded and "sqlite_utils" in loaded
    assert (loaded - by_qt) & heavy == set()


# -- the check behind the window -------------------------------------------------------------


def _damaged_after_a_backup(data_dir, table: str = "filler"):
    """A data folder with one unit and a backup of it, whose file then got damaged where only
    a check of the whole file (``filler``) or the first page (``campaigns``) finds it."""
    from anquanyue_desktop.domain.campaign import Campaign
    from anquanyue_desktop.ui.main_window import SETTING_FIRST_START_DONE
    from tests.bad_inputs import add_filler_table, damage_table

    path = database_path(data_dir)
    with Store(path) as s:
        s.units.add_names(["荫城村"])
        s.campaigns.save(Campaign(year=2026, theme="测试"))
        s.settings.set(SETTING_FIRST_START_DONE, "1")
    create_backup(path)
    add_filler_table(path)
    return damage_table(path, table)


@pytest.fixture
def launch_program(qtbot, monkeypatch, data_dir):
    """``launch`` as the program runs it, without what would change the test process for
    good (the application font, the error hook and log)."""
    from anquanyue_desktop.ui import app as app_module

    monkeypatch.setattr(app_module, "configure_application", lambda app: None)
    monkeypatch.setattr(app_module, "install_error_log", lambda data_dir: None)
    launched = []

    def run():
        result = app_module.launch(["anquanyue", "--data-dir", str(data_dir)])
        launched.append(result)
        if result.window is not None:
            qtbot.addWidget(result.window)
        return result

    yield run
    for result in launched:
        if result.window is not None:
            result.window.reminders.timer.stop()
            result.window.close()
            result.finish()


def _asked_over(monkeypatch) -> list:
    """The parent of each yes/no question: None at the door, the window behind it."""
    from anquanyue_desktop.ui.widgets import messages

    parents = []
    real_ask = messages.ask

    def ask(parent, *args, **kwargs):
        parents.append(parent)
        return real_ask(parent, *args, **kwargs)

    monkeypatch.setattr(messages, "ask", ask)
    return parents


def test_the_window_opens_before_the_check_and_damage_found_behind_it_offers_the_backup(
    qtbot, data_dir, dialogs, launch_program, monkeypatch
):
    _damaged_after_a_backup(data_dir)
    parents = _asked_over(monkeypatch)
    launched = launch_program()
    window = launched.window
    assert window is not None
    qtbot.waitUntil(lambda: bool(dialogs.texts("question")), timeout=20000)
    # Asked over the window that was shown, not at the door before it.
    assert parents == [window]
    (question,) = dialogs.texts("question")
    assert "已损坏" in question and "最近的备份" in question and "不会删除" in question
    qtbot.waitUntil(lambda: any("已恢复" in t for t in dialogs.texts("information")))
    assert window.isVisible() and "已损坏" not in window.statusBar().currentMessage()
    assert [u.name for u in window.store.units.list()] == ["荫城村"]
    window.store.units.add_names(["东村"])  # the restored file takes writes again
    assert list((data_dir / "backups").glob("anquanyue-before-restore-*.db"))


def test_a_save_before_the_check_waits_for_it_and_a_declined_restore_ends_without_writing(
    qtbot, data_dir, dialogs, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from anquanyue_desktop.ui.app import check_and_back_up
    from anquanyue_desktop.ui.main_window import MainWindow

    path = _damaged_after_a_backup(data_dir)
    damaged = path.read_bytes()
    dialogs.answer = QMessageBox.StandardButton.No
    startup = start(["anquanyue", "--data-dir", str(data_dir)])
    try:
        assert startup.store is not None and not dialogs.shown  # nothing found at the door
        window = MainWindow(startup.store)
        qtbot.addWidget(window)
        window.show()
        page = window.units_page
        page.model.setData(page.model.index(0, 3), "改了没存")
        assert not page.save()  # the check runs first, finds the damage, refuses the write
        (refusal,) = dialogs.texts("critical")
        assert "保存失败" in refusal and "已损坏" in refusal
        assert path.read_bytes() == damaged
        # The checks behind the window come to the same verdict: the offer, declined.
        window.start_checks_done(startup.store, check_and_back_up(startup.store), None)
        (offer,) = dialogs.texts("question")
        assert "已损坏" in offer and "最近的备份" in offer
        assert not window.isVisible()  # closed without asking to save the unsaved edit
        assert len(dialogs.texts("question")) == 1
    finally:
        startup.store.close()
        startup.lock.unlock()
    assert path.read_bytes() == damaged


def test_a_file_too_damaged_for_the_first_page_is_offered_the_backup_at_the_door(
    qtbot, data_dir, dialogs, launch_program, monkeypatch
):
    _damaged_after_a_backup(data_dir, "campaigns")
    parents = _asked_over(monkeypatch)
    launched = launch_program()
    assert launched.window is not None
    assert parents == [None]
    (question,) = dialogs.texts("question")
    assert "已损坏" in question and "最近的备份" in question
    assert [c.theme for c in launched.window.store.campaigns.list()] == ["测试"]


def test_the_window_opens_on_a_campaign_without_reading_its_records(
    data_dir, demo_template, dialogs, launch_program, monkeypatch
):
    """The 工作台 and the start reminders show counts the store counts: the campaign's
    records and units are not read one by one at start (a county's take seconds)."""
    import shutil

    from anquanyue_desktop.store.deadline_repository import SubmissionRepository
    from anquanyue_desktop.store.repositories import UnitRepository
    from anquanyue_desktop.ui.main_window import SETTING_FIRST_START_DONE

    shutil.copytree(demo_template, data_dir, dirs_exist_ok=True)
    with Store(database_path(data_dir)) as s:
        s.settings.set(SETTING_FIRST_START_DONE, "1")
    read = []
    for cls, name in ((SubmissionRepository, "for_campaign"), (UnitRepository, "list")):
        real = getattr(cls, name)
        monkeypatch.setattr(
            cls,
            name,
            lambda self, *a, _real=real, _n=name, **k: read.append(_n) or _real(self, *a, **k),
        )
    window = launch_program().window
    dash = window.dashboard_page
    lines = [dash.overdue_list.item(i).text() for i in range(dash.overdue_list.count())]
    assert any("还差" in line for line in lines), lines  # the demo year is long past
    assert read == []
    assert "报送率" in dash.summary_label.text()
    window.page_ready(window.grid_page)  # the grid needs every unit's record: read then
    assert "for_campaign" in read
