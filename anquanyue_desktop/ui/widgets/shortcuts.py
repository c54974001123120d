"""Ctrl+S the same way on every page that edits something."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def add_save_shortcut(widget: QWidget, save: Callable[[], object]) -> QShortcut:
    """Ctrl+S saves ``widget`` when the focus is inside it: pages share one window, and only
    the page being edited must answer."""
    shortcut = QShortcut(QKeySequence.StandardKey.Save, widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(save)
    return shortcut
