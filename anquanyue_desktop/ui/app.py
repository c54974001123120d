"""Program start: QApplication, Chinese translations, fonts, icon, single instance, the store."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QLockFile,
    QThreadPool,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME, __version__
from ..resources import BUNDLED_CJK_FONT, ICONS_DIR
from ..store import DatabaseDamaged, DatabaseTooNew, Store, StoreError
from ..store.backups import (
    backups_dir_for,
    clean_half_files,
    create_backup,
    intact_backups,
    list_backups,
    restore,
    rotate,
)
from ..store.database import check_file
from ..store.paths import (
    APP_DIR,
    ENV_DATA_DIR,
    ORG_DIR,
    database_path,
    prepare_data_dir,
)
from ..usecases.printable import can_print
from . import workers
from .app_mutex import hold_running_mutex
from .widgets import messages

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

# The CLI reads this lock from plain Python (store/instance.py): one name for both.
from ..store.instance import ALREADY_RUNNING, LOCK_FILE_NAME  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="anquanyue", description="安全生产月")
    parser.add_argument("--data-dir", help=f"数据文件夹（也可用环境变量 {ENV_DATA_DIR}）")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def configure_application(app: QApplication) -> None:
    """Names, Chinese translations of Qt's own dialogs, the bundled CJK font, the icon."""
    QCoreApplication.setOrganizationName(ORG_DIR)
    QCoreApplication.setApplicationName(APP_DIR)
    QCoreApplication.setApplicationVersion(__version__)
    # No application display name: Qt would append it to every window title, and the main
    # window's title already names the campaign (2022年安全生产月（第21个）).
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, translations):
            app.installTranslator(translator)
    families: list[str] = []
    font_id = QFontDatabase.addApplicationFont(str(BUNDLED_CJK_FONT))
    if font_id >= 0:
        families = QFontDatabase.applicationFontFamilies(font_id)
    else:
        log.warning("bundled font could not be loaded: %s", BUNDLED_CJK_FONT)
    font = QFont(app.font())
    # Windows offices have YaHei; the bundled font makes Chinese render anywhere else.
    font.setFamilies(["Microsoft YaHei UI", "Microsoft YaHei", *families, *font.families()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    icon = QIcon()
    for size in (16, 32, 64, 256):
        png = ICONS_DIR / f"app-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)


def acquire_instance_lock(data_dir: Path) -> QLockFile | None:
    """The lock that keeps a second program off the same data; None if one already runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_FILE_NAME))
    # A lock left by a crashed program is stale once its process is gone; Qt checks the PID.
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    # No permission to create the lock: let the store report the folder problem.
    return lock


@dataclass
class Startup:
    """What start-up produced: a window to show, or an exit code."""

    store: Store | None
    lock: QLockFile | None
    exit_code: int = 0


def open_store(
    path: Path, parent: QWidget | None = None, *, quick_check: bool = False
) -> Store | None:
    """Opens the database; damaged and too-new files end in a clear message, never a trace."""
    try:
        return Store(path, quick_check=quick_check, can_print=can_print)
    except DatabaseTooNew as exc:
        messages.error(parent, "无法打开数据文件", exc.message)
        return None
    except DatabaseDamaged as exc:
        return _offer_restore(path, exc, parent)
    except StoreError as exc:
        messages.error(parent, "无法打开数据文件", exc.message)
        return None


def _offer_restore(path: Path, exc: DatabaseDamaged, parent: QWidget | None) -> Store | None:
    """Offers only backups that pass the check, newest first; a bad newest one is skipped."""
    directory = backups_dir_for(path)
    choices = intact_backups(directory)
    skipped = len(list_backups(directory)) - len(choices)
    skipped_note = f"（有 {skipped} 份备份已损坏或不是本程序的备份，已跳过）" if skipped else ""
    if not choices:
        messages.error(
            parent,
            "数据文件已损坏",
            f"{exc.message}\n\n没有找到可用的备份{skipped_note}。"
            "损坏的文件不会被删除，请联系技术支持。",
        )
        return None
    keep_note = "损坏的文件会另存到备份文件夹，不会删除。"
    if len(choices) == 1:
        info, summary = choices[0]
        question = (
            f"{exc.message}\n\n是否用最近的备份（{info.label}，{summary.counts_text}）恢复？"
            f"{skipped_note}\n{keep_note}"
        )
        if not messages.ask(parent, "数据文件已损坏", question, default_yes=True):
            return None
        chosen = 0
    else:
        labels = [f"{b.label}　{s.counts_text}" for b, s in choices]
        question = f"{exc.message}\n\n请选择用哪一份完好的备份恢复{skipped_note}：\n{keep_note}"
        picked = messages.choose(parent, "数据文件已损坏", question, labels)
        if picked is None:
            return None
        chosen = picked
    info, _summary = choices[chosen]
    try:
        result = restore(info.path, path)
        store = Store(path, can_print=can_print)
    except StoreError as err:
        messages.error(parent, "恢复失败", err.message)
        return None
    messages.info(parent, "已恢复", f"已从 {info.label} 的备份恢复数据。{result.media_note}")
    return store


def start(argv: list[str]) -> Startup:
    """Everything before the main window: lock, store, start-up backup."""
    args = parse_args(argv[1:])
    try:
        data_dir, moved = prepare_data_dir(args.data_dir)
    except OSError as exc:
        messages.error(
            None,
            "无法移动数据文件夹",
            f"把旧的数据文件夹移到本机数据文件夹时出错：{exc}\n原来的数据没有改动，请联系技术支持。",
        )
        return Startup(None, None, 1)
    if moved is not None:
        messages.info(None, "数据文件夹已移动", moved.message)
    try:
        lock = acquire_instance_lock(data_dir)
    except OSError as exc:
        messages.error(None, "无法启动", f"无法创建数据文件夹 {data_dir}：{exc.strerror}")
        return Startup(None, None, 1)
    if lock is None:
        messages.info(None, APP_NAME, f"{ALREADY_RUNNING}。\n请在任务栏中找到已打开的窗口。")
        return Startup(None, None, 1)
    # Holding the folder now: half files of a killed program (not of a running one) go.
    clean_half_files(data_dir)
    # The quick check at the door; the full one runs in the background once the window is up.
    store = open_store(database_path(data_dir), quick_check=True)
    if store is None:
        lock.unlock()
        return Startup(None, None, 2)
    return Startup(store, lock, 0)


LOG_FILE_NAME = "anquanyue.log"


def install_error_log(data_dir: Path) -> Path | None:
    """Bugs go to a log file beside the data with their trace; the clerk sees a plain message.

    The windowed program has no console, so without this a trace would vanish.
    """
    from logging.handlers import RotatingFileHandler

    log_dir = data_dir / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            log_dir / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    log_path = log_dir / LOG_FILE_NAME

    def excepthook(kind, value, tb):
        log.error("unhandled error", exc_info=(kind, value, tb))
        messages.error(
            QApplication.activeWindow(),
            "程序出错",
            "程序遇到了意外错误，刚才的操作可能没有完成；已保存的数据不受影响。\n"
            f"错误详情已记录在：{log_path}\n如问题反复出现，请把该文件发给技术支持。",
        )

    sys.excepthook = excepthook
    return log_path


def backup_at_start(store: Store) -> str | None:
    """Backs up and rotates; returns a warning to show instead of failing the start."""
    return check_and_back_up(store.path, full_check=False)


def check_and_back_up(path: Path, *, full_check: bool = True) -> str | None:
    """The full integrity check, then the start-up backup and its rotation. Runs on a worker
    thread (its own connections only); returns a warning for the clerk, or None."""
    try:
        if full_check:
            check_file(path)
        create_backup(path)
        rotate(backups_dir_for(path))
    except DatabaseDamaged as exc:
        # No backup of a damaged file: the older, intact ones stay the newest.
        return f"{exc.message}请在“备份与设置”中从备份恢复。"
    except StoreError as exc:
        return exc.message
    return None


@dataclass
class Launched:
    """A started program: its window (None when start-up ended early) and what quitting does."""

    app: QApplication
    window: MainWindow | None
    exit_code: int = 0
    finish: Callable[[], None] = lambda: None


def launch(argv: list[str]) -> Launched:
    """Everything up to the main window shown; the benchmarks start the program through it."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    startup = start(argv)
    if startup.store is None or startup.lock is None:
        return Launched(app, None, startup.exit_code)
    install_error_log(startup.store.path.parent)
    hold_running_mutex()
    from .main_window import MainWindow

    window = MainWindow(startup.store)
    window.show()
    # The full integrity check and the backup run off the UI thread; the status bar tells.
    path = startup.store.path
    window.background_start_job = workers.start(
        lambda _progress: check_and_back_up(path),
        # Not after quitting: the store is closed then, and the status bar is gone.
        lambda job: (
            window.store.closed
            or window.note_backup_warning(job.result if job.error is None else str(job.error))
        ),
    )
    window.offer_demo_on_first_start()
    window.reminders.start()
    lock = startup.lock

    def finish() -> None:
        QThreadPool.globalInstance().waitForDone()  # the start-up check and backup, if still at it
        window.store.close()
        lock.unlock()

    return Launched(app, window, 0, finish)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    logging.basicConfig(level=logging.INFO)
    launched = launch(argv)
    if launched.window is None:
        return launched.exit_code
    code = launched.app.exec()
    launched.finish()
    return code


if __name__ == "__main__":
    sys.exit(main())
