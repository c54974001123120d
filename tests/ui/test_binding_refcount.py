"""The Qt binding must not leak references to None.

PySide6-Essentials 6.12.0 on CPython 3.11 drops one reference to ``None`` for every Qt method
that returns nothing; after enough table resizes and scrolls the interpreter aborts with
``none_dealloc`` and the clerk's unsaved work is lost. pyproject.toml excludes it; this test
fails if a build ever pulls such a binding in again.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

pytestmark = pytest.mark.ui

VOID_CALLS = 20_000


def test_void_qt_calls_keep_none_alive(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    model = QStandardItemModel(50, 5)
    view.setModel(model)
    index = model.index(10, 1)
    assert index != QModelIndex()

    before = sys.getrefcount(None)
    done = 0
    # In rounds of 1,000 calls, so a leaking binding fails here instead of aborting the run
    # (None starts with only a few thousand references on 3.11).
    while done < VOID_CALLS:
        for i in range(250):
            view.setRowHeight(i % 50, 20 + i % 5)
            view.setColumnWidth(i % 5, 40 + i % 7)
            view.scrollTo(index)
            view.setCurrentIndex(index)
        done += 1000
        lost = before - sys.getrefcount(None)
        # On 3.12+ None is immortal and the count is a large constant; allow a little noise
        # from other objects coming and going.
        assert lost < 100, (
            f"{done} void Qt calls took {lost} references off None: "
            "this PySide6 build will abort the program (none_dealloc)"
        )
