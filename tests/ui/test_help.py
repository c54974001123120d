"""帮助: the guide opens as a PDF, 关于 lists every shipped licence, one name in the title."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QDesktopServices

from anquanyue_desktop import APP_NAME
from anquanyue_desktop.ui.help.dialogs import AboutDialog

pytestmark = pytest.mark.ui


def test_about_lists_qt_under_the_lgpl_and_the_fonts(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "anquanyue.db")
    qtbot.addWidget(dialog)
    labels = [dialog.component_list.item(i).text() for i in range(dialog.component_list.count())]
    qt_row = next(i for i, label in enumerate(labels) if label.lower().startswith("pyside6"))
    dialog.component_list.setCurrentRow(qt_row)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    assert any(label.startswith("Python ") for label in labels)
    assert any(label.startswith("字体：DroidSansFallback") for label in labels)
    assert any(label.startswith("字体：ARPHIC") for label in labels)


def test_help_menu_opens_the_guide_pdf(window_factory, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = window_factory()
    menu = window.menus["帮助"]
    guide = next(a for a in menu.actions() if a.text() == "使用说明")
    guide.trigger()
    (url,) = opened
    path = url.toLocalFile()
    assert path.endswith(".pdf")
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"


def test_window_title_names_the_program_once(window_factory):
    window = window_factory()
    assert window.windowTitle().count(APP_NAME) == 1
