"""Pictures of a notice read on a worker (progress per page, cancel), then reviewed with the
picture beside the text."""

from __future__ import annotations

from datetime import date

from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCharFormat
from PySide6.QtWidgets import QApplication, QPushButton

from anquanyue_desktop.imports.ocr import OcrLine, OcrPage, OcrResult
from anquanyue_desktop.ui.campaign.notice_review import NoticeReviewDialog
from tests.made_pages import _draw_text

LINES = ["请各村于5月30日前报送联络员名单，", "7月3日前报送工作总结。"]


def _screenshot(path=None) -> Image.Image:
    im = Image.new("RGB", (900, 200), "white")
    d = ImageDraw.Draw(im)
    for k, line in enumerate(LINES):
        _draw_text(d, (20, 30 + 80 * k), line, 40, (0, 0, 0))
    if path is not None:
        im.save(path)
    return im


def test_a_photo_is_read_on_a_worker_with_progress(qtbot, notice_input, tmp_path):
    png = tmp_path / "通知.png"
    _screenshot(png)
    steps = []
    assert notice_input.load_files([png])
    run = notice_input.run
    run.worker.progress.connect(lambda done, total: steps.append((done, total)))
    assert run.dialog.isVisible()  # the window is not blocked: the progress dialog shows
    with qtbot.waitSignal(run.finished, timeout=120_000):
        pass
    assert "5月30日前报送联络员" in notice_input.text.toPlainText()
    assert steps[-1] == (1, 1)
    assert notice_input.recognised() is not None
    notice_input.text.setPlainText(notice_input.text.toPlainText() + "改")
    assert notice_input.recognised() is None  # edited: the line marks would no longer fit


def test_cancelling_returns_at_once_and_keeps_the_text(qtbot, notice_input, tmp_path):
    pngs = []
    for k in range(3):
        pngs.append(tmp_path / f"第{k + 1}页.png")
        _screenshot(pngs[-1])
    notice_input.text.setPlainText("原来的文字")
    notice_input.load_files(pngs)
    run = notice_input.run
    cancel = run.dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(run.finished, timeout=5_000) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert blocker.args == [None]
    assert notice_input.text.toPlainText() == "原来的文字"
    assert "取消" in notice_input.error.text()
    assert run.wait(120_000)  # the page in work ends on its thread; nothing is left running


def test_a_pasted_screenshot_is_read(qtbot, notice_input, tmp_path):
    png = tmp_path / "s.png"
    _screenshot(png)
    QApplication.clipboard().setImage(QImage(str(png)))
    run = notice_input.paste_image()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=120_000):
        pass
    assert "7月3日前报送工作总结" in notice_input.text.toPlainText()


def test_an_empty_clipboard_says_so(notice_input):
    QApplication.clipboard().clear()
    assert notice_input.paste_image() is None
    assert "剪贴板里没有图片" in notice_input.error.text()


def test_review_shows_the_picture_and_marks_unsure_lines(qtbot, store):
    text = "\n".join(LINES)
    a, b = len(LINES[0]), len(text)
    result = OcrResult(
        text,
        (
            OcrPage(
                _screenshot(),
                (
                    OcrLine(LINES[0], 0.99, (20, 30, 700, 75), 0, (0, a)),
                    OcrLine(LINES[1], 0.55, (20, 110, 500, 155), 0, (a + 1, b)),
                ),
            ),
        ),
    )
    result = OcrResult(result.text, result.pages, result.pages[0].lines)
    review = NoticeReviewDialog(store, text, today=date(2025, 5, 20), ocr=result)
    qtbot.addWidget(review)
    assert review.pages is not None and "1 行识别不确定" in review.pages.caption.text()
    waves = [
        s
        for s in review.notice.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]
    assert len(waves) == 1 and waves[0].cursor.selectedText() == LINES[1]
    cursor = review.notice.textCursor()
    cursor.setPosition(a + 3)
    review.notice.setTextCursor(cursor)
    assert review.pages._focus is not None
    assert review.pages._focus.rect().top() > 100  # the second line's box


def test_review_of_typed_text_has_no_picture(qtbot, store):
    review = NoticeReviewDialog(store, "\n".join(LINES), today=date(2025, 5, 20))
    qtbot.addWidget(review)
    assert review.pages is None
