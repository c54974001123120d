"""Windows that fit the common office laptop: 1366×768 at 125 % leaves about 1090×560 logical
pixels under the title bar and above the taskbar. Dialogs open no larger than the screen, and
tall content scrolls so the buttons stay on screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resizes to ``width``×``height`` or the screen's free area, whichever is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    # Leave room for the title bar and frame the window manager adds outside the window.
    window.resize(min(width, free.width() - 16), min(height, free.height() - 40))


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: as tall as it likes, the window stays small."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area
