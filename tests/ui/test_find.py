"""Type to find on the grid, the units page, the forms' unit list; Ctrl+F; Ctrl+1…9."""

from __future__ import annotations

from PySide6.QtCore import Qt

from anquanyue_desktop.ui.main_window import MainWindow
from anquanyue_desktop.usecases.demo import install_demo


def _shown(view, labels):
    return [labels(r) for r in range(view.model().rowCount()) if not view.isRowHidden(r)]


def test_find_on_the_grid_units_and_forms(qtbot, store):
    install_demo(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.reload_campaigns(2022)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.nav.setFocus()

    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.grid_page
    grid = window.grid_page
    qtbot.keyClicks(grid.find, "dc")
    shown = _shown(grid.view, grid.model.unit_label)
    assert shown[0].startswith("东村") and len(shown) == 2  # 东村 and the 合计 row
    grid.find.clear()
    assert len(_shown(grid.view, grid.model.unit_label)) == 13

    qtbot.keyClick(grid.view, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    units = window.units_page
    assert window.stack.currentWidget() is units
    units.view.setFocus()
    qtbot.keyClick(units.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert units.find.hasFocus()
    qtbot.keyClicks(units.find, "wsy")
    assert _shown(units.view, lambda r: units.model.unit_at(r).name) == ["镇卫生院（示例）"]

    window.show_page(window.forms_page)
    panel = window.forms_page.panel
    qtbot.keyClicks(panel.find, "yc")
    visible = [
        panel.model.unit_at(r).name
        for r in range(panel.model.rowCount())
        if not panel.view.isRowHidden(r)
    ]
    assert visible and all("荫城" in n for n in visible)
