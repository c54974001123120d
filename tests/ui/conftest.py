from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.ui


class Dialogs:
    """Records every message box instead of showing it; answers questions as told."""

    def __init__(self):
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def texts(self, kind: str | None = None) -> list[str]:
        return [f"{t}|{m}" for k, t, m in self.shown if kind is None or k == kind]


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    d = Dialogs()

    def recorder(kind, result=QMessageBox.StandardButton.Ok):
        def show(parent, title, text, *args, **kwargs):
            d.shown.append((kind, title, text))
            return d.answer if kind == "question" else result

        return staticmethod(show)

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    # The export-finished box is built by hand: close it at once.
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda self: d.shown.append(("box", self.windowTitle(), self.text())) or 0,
    )
    return d


@pytest.fixture
def window_factory(qtbot, data_dir, dialogs):
    """Builds the main window over the data folder the way the program starts."""
    from anquanyue_desktop.ui.app import backup_at_start, start
    from anquanyue_desktop.ui.main_window import MainWindow

    made = []

    def make():
        startup = start(["anquanyue", "--data-dir", str(data_dir)])
        assert startup.store is not None, dialogs.shown
        warning = backup_at_start(startup.store)
        window = MainWindow(startup.store)
        window.note_backup_warning(warning)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts (Ctrl+S) only reach an active window
            window.show()
            window.activateWindow()
        window.instance_lock = startup.lock
        made.append(window)
        return window

    yield make
    for window in made:
        release(window)


def release(window) -> None:
    """What quitting the program does after the window closed: store closed, lock freed."""
    window.store.close()
    window.instance_lock.unlock()


def type_chinese(widget, text: str) -> None:
    """Types Chinese as an input method (拼音输入法) commits it; QTest can only type ASCII."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def notice_input(qtbot):
    """读取上级通知's input dialog; its recognising workers waited for afterwards."""
    from anquanyue_desktop.ui.campaign.notice_ocr import wait_all
    from anquanyue_desktop.ui.campaign.notice_review import NoticeInputDialog

    d = NoticeInputDialog()
    qtbot.addWidget(d)
    yield d
    wait_all()
