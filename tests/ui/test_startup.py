import sqlite3

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


def test_cli_and_program_agree_on_the_default_data_folder(qapp, monkeypatch):
    from anquanyue_desktop.store.paths import ENV_DATA_DIR, platform_data_dir
    from anquanyue_desktop.ui.app import configure_application, default_data_dir

    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    configure_application(qapp)
    assert default_data_dir(None) == platform_data_dir()


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
