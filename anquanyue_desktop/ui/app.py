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
from .backups.damaged import choose_backup, restored_text
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
    path: Path, parent: QWidget | None = None, *, defer_check: bool = False
) -> Store | None:
    """Opens the database; damaged and too-new files end in a clear message, never a trace."""
    try:
        return Store(path, defer_check=defer_check, can_print=can_print)
    except DatabaseTooNew as exc:
        messages.error(parent, "无法打开数据文件", exc.message)
        return None
    except DatabaseDamaged as exc:
        return _offer_restore(path, exc, parent)
    except StoreError as exc:
        messages.error(parent, "无法打开数据文件", exc.message)
        return None


def _offer_restore(path: Path, exc: DatabaseDamaged, parent: QWidget | None) -> Store | None:
    """The intact backups offered; the chosen one restored and opened (None: none chosen)."""
    info = choose_backup(path, exc, parent)
    if info is None:
        return None
    try:
        result = restore(info.path, path)
        store = Store(path, can_print=can_print)
    except StoreError as err:
        messages.error(parent, "恢复失败", err.message)
        return None
    messages.info(parent, "已恢复", restored_text(info, result.media_note))
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
    # At the door only the file's first page is read (whose, which version): the quick and the
    # full check run behind the window (launch), and no write reaches the file before the
    # quick one has passed.
    store = open_store(database_path(data_dir), defer_check=True)
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
    return check_and_back_up(store, full_check=False).warning


@dataclass(frozen=True)
class StartChecks:
    """What the checks behind the window found: damage (writes are refused then), or a
    warning for the status bar (the backup could not be made), or neither."""

    damage: DatabaseDamaged | None = None
    warning: str | None = None


def check_and_back_up(store: Store, *, full_check: bool = True) -> StartChecks:
    """The quick check deferred at the door, the full integrity check, then the start-up
    backup and its rotation. Runs on a worker thread (its own connections only; the store's
    check is guarded by a lock and its connection is not used)."""
    path = store.path
    try:
        store.verify()  # writes waiting for it go on (or are refused) from here
        if full_check:
            check_file(path)
        create_backup(path)
        rotate(backups_dir_for(path))
    except DatabaseDamaged as exc:
        # No backup of a damaged file: the older, intact ones stay the newest.
        store.refuse_writes(exc)
        return StartChecks(damage=exc)
    except StoreError as exc:
        return StartChecks(warning=exc.message)
    return StartChecks()


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

    store = startup.store
    try:
        window = MainWindow(store)
    except Exception:
        # The first page could not read the file: if the check finds it damaged, the clerk
        # gets the offer she would have had at the door; otherwise it is a bug.
        damage = store.damage_found()
        if damage is None:
            raise
        store.close()
        restored = _offer_restore(store.path, damage, None)
        if restored is None:
            startup.lock.unlock()
            return Launched(app, None, 2)
        store = restored
        window = MainWindow(store)
    window.show()
    # The checks and the backup run off the UI thread: damage found there is offered a
    # restore at once (writes are refused meanwhile), a failed backup is told in the status bar.
    window.background_start_job = workers.start(
        lambda _progress: check_and_back_up(store),
        lambda job: window.start_checks_done(store, job.result, job.error),
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
