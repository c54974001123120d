"""A notice file is read on the pool behind a progress dialog (第 3/12 页, 取消): the window
keeps painting while a long PDF is read, and a cancelled read changes nothing."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from anquanyue_desktop.imports import notice_text, pdf_text
from tests.made_pdfs import page_line, paged_notice_pdf


def _pause_at_third_page(monkeypatch, go_on: threading.Event) -> list[int]:
    """PDF pages read one by one, the third held until ``go_on`` (取消 or Esc pressed while
    it is in work); the list grows by one for each page read."""
    pages_read: list[int] = []
    page_text = pdf_text._page_text

    def slow_page(page):
        if len(pages_read) == 2:
            go_on.wait(30)
        pages_read.append(1)
        return page_text(page)

    monkeypatch.setattr(pdf_text, "_page_text", slow_page)
    return pages_read


def test_a_long_pdf_is_read_on_the_pool_page_by_page(qtbot, notice_input, tmp_path, monkeypatch):
    path = paged_notice_pdf(tmp_path / "通知.pdf", 12)
    ui_thread, threads, labels, ticks = threading.get_ident(), [], [], []
    read = notice_text.read_notice_file

    def reading(*args, **kwargs):
        threads.append(threading.get_ident())
        return read(*args, **kwargs)

    monkeypatch.setattr(notice_text, "read_notice_file", reading)
    set_label = QProgressDialog.setLabelText
    monkeypatch.setattr(
        QProgressDialog,
        "setLabelText",
        lambda self, text: labels.append(text) or set_label(self, text),
    )
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    notice_input.text.setFocus()
    assert notice_input.load_files([path])
    timer.stop()
    assert threads and threads[0] != ui_thread
    assert ticks  # the window's own timers ran while the file was read: it was not frozen
    assert labels == [f"正在读取“通知.pdf”… 第 {k}/12 页" for k in range(1, 13)]
    text = notice_input.text.toPlainText()
    assert page_line(1) in text and page_line(12) in text
    assert notice_input.error.text() == ""
    assert notice_input.open_button.isEnabled() and notice_input.text.isEnabled()
    assert notice_input.ocr is None


def test_cancelling_a_read_keeps_the_text(qtbot, notice_input, tmp_path, monkeypatch):
    path = paged_notice_pdf(tmp_path / "通知.pdf", 12)
    notice_input.text.setPlainText("原来的文字")
    clicked = threading.Event()
    pages_read = _pause_at_third_page(monkeypatch, clicked)
    set_value = QProgressDialog.setValue

    def value(self, done):
        set_value(self, done)
        if done == 2 and not clicked.is_set():
            assert not notice_input.open_button.isEnabled()  # no second reading meanwhile
            notice_input.reject()  # Esc or the window's close before the progress dialog shows
            assert notice_input.isVisible()
            cancel = self.findChild(QPushButton)
            assert cancel.text() == "取消"
            cancel.click()
            clicked.set()

    monkeypatch.setattr(QProgressDialog, "setValue", value)
    notice_input.show()
    assert not notice_input.load_files([path])
    assert clicked.is_set()
    assert len(pages_read) == 3  # stopped after the page in work: no page read after it
    assert notice_input.text.toPlainText() == "原来的文字"
    assert notice_input.error.text() == "已取消读取。"
    assert notice_input.open_button.isEnabled() and notice_input.buttons.isEnabled()


def test_esc_on_the_progress_dialog_cancels(qtbot, notice_input, tmp_path, monkeypatch):
    path = paged_notice_pdf(tmp_path / "通知.pdf", 12)
    pressed = threading.Event()
    pages_read = _pause_at_third_page(monkeypatch, pressed)
    set_value = QProgressDialog.setValue

    def value(self, done):
        set_value(self, done)
        if done == 2 and not pressed.is_set():
            self.show()
            self.activateWindow()
            qtbot.waitUntil(self.isActiveWindow, timeout=5000)
            qtbot.keyClick(self, Qt.Key.Key_Escape)
            pressed.set()

    monkeypatch.setattr(QProgressDialog, "setValue", value)
    notice_input.show()
    notice_input.text.setPlainText("原来的文字")
    assert not notice_input.load_files([path])
    assert len(pages_read) == 3
    assert notice_input.text.toPlainText() == "原来的文字"
    assert notice_input.error.text() == "已取消读取。"


def test_a_scanned_pdf_still_goes_to_recognition(qtbot, notice_input, tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)  # a picture, no text
    c.save()
    items = []
    monkeypatch.setattr(notice_input, "read_pictures", items.append)
    notice_input.text.setPlainText("原来的文字")
    assert notice_input.load_files([path])
    assert items == [[str(path)]]
    assert notice_input.text.toPlainText() == "原来的文字"
