"""Reading a photographed or scanned notice off the UI thread, and showing its pages.

The recognition itself is :func:`anquanyue_desktop.imports.notice_parser.read_notice_source`;
here it runs on a worker thread that reports each page done. Cancelling stops between pages
and the window never waits for a page still in work: its result is simply dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QBuffer,
    QEvent,
    QIODevice,
    QObject,
    QRectF,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from ...imports.notice_parser import NoticeSource, read_notice_source
from ...imports.ocr import OcrCancelled, OcrLine, OcrResult

UNSURE_BOX = QColor("#ff9800")
SURE_BOX = QColor(76, 175, 80, 90)


class OcrWorker(QObject):
    """Reads the notice in :meth:`run` (on its own thread)."""

    progress = Signal(int, int)
    done = Signal(object)  # NoticeSource
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, items: Sequence[object]):
        super().__init__()
        self.items = list(items)
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            source = read_notice_source(
                self.items,  # type: ignore[arg-type]
                progress=self.progress.emit,
                cancelled=self._stop.is_set,
            )
        except OcrCancelled:
            self.stopped.emit()
        except ValueError as exc:  # NoticeReadError and OcrUnavailable: Chinese messages
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"无法读取文件：{exc.strerror or exc}")
        except Exception as exc:  # a fault in a library must not kill the thread silently
            self.failed.emit(f"文字识别出错（{type(exc).__name__}）。请把图片拍得更清楚后再试。")
            raise
        else:
            if self._stop.is_set():
                self.stopped.emit()
            else:
                self.done.emit(source)


class OcrRun(QObject):
    """One reading in progress: the worker on its thread, and a progress dialog with 取消.
    ``finished`` carries the :class:`NoticeSource`, or None when cancelled or failed (then
    ``error`` holds the message, empty for a cancel)."""

    finished = Signal(object)

    def __init__(self, items: Sequence[object], parent: QWidget | None = None):
        # No QObject parent: the run must outlive a window closed while a page is still in
        # work, or Qt would destroy a running thread. It lets itself go when the thread ends.
        super().__init__()
        self.error = ""
        self.source: NoticeSource | None = None
        self.dialog = QProgressDialog("正在识别图片中的文字…", "取消", 0, 0, parent)
        self.dialog.setWindowTitle("读取通知")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.thread = QThread()
        self.worker = OcrWorker(items)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.stopped.connect(self._stopped)
        # Quit from the worker's own thread (QThread.quit is thread-safe): queued to this
        # thread it would wait for an event loop that a caller of wait() is blocking.
        for signal in (self.worker.done, self.worker.failed, self.worker.stopped):
            signal.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.finished.connect(lambda: _RUNNING.discard(self))
        self.dialog.canceled.connect(self.cancel)
        self._over = False

    def start(self) -> None:
        _RUNNING.add(self)
        self.dialog.show()
        self.thread.start()

    def cancel(self) -> None:
        """Stops waiting at once; the page in work finishes on its thread and is dropped."""
        self.worker.cancel()
        self._finish(None, "")

    def _progress(self, done: int, total: int) -> None:
        if self._over:
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        self.dialog.setLabelText(
            f"正在识别图片中的文字：第 {min(done + 1, total)} / {total} 页…"
            if done < total
            else "正在整理识别结果…"
        )

    def _done(self, source: NoticeSource) -> None:
        self._finish(source, "")

    def _failed(self, message: str) -> None:
        self._finish(None, message)

    def _stopped(self) -> None:
        self._finish(None, "")

    def _finish(self, source: NoticeSource | None, error: str) -> None:
        if self._over:
            return
        self._over = True
        self.source, self.error = source, error
        try:
            self.dialog.reset()
            self.dialog.hide()
        except RuntimeError:  # its window is already gone
            pass
        self.finished.emit(source)

    def wait(self, ms: int = 60_000) -> bool:
        """Waits for the worker thread to end (tests, closing the program)."""
        return self.thread.wait(ms)


_RUNNING: set[OcrRun] = set()


def wait_all(ms: int = 60_000) -> None:
    """Lets every reading still in work end (on closing the program, in tests)."""
    for run in list(_RUNNING):
        run.wait(ms)


def start_reading(
    items: Sequence[object],
    parent: QWidget | None,
    on_finished: Callable[[OcrRun], None],
) -> OcrRun:
    run = OcrRun(items, parent)
    run.finished.connect(lambda _source: on_finished(run))
    run.start()
    return run


def image_bytes(image: QImage) -> bytes:
    """A clipboard image as PNG file content."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _qimage(pil_image) -> QImage:
    rgb = pil_image.convert("RGB")
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: ``data`` goes away


class PageView(QWidget):
    """The recognised pages, one under the other, each line boxed (orange: unsure), so the
    clerk can compare the text with the picture."""

    def __init__(self, result: OcrResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self._offsets: list[float] = []
        self._focus = None
        y = 0.0
        for page in result.pages:
            pixmap = self.scene.addPixmap(QPixmap.fromImage(_qimage(page.image)))
            pixmap.setPos(0, y)
            self._offsets.append(y)
            for line in page.lines:
                x0, y0, x1, y1 = line.box
                pen = QPen(UNSURE_BOX if line.unsure else SURE_BOX)
                pen.setWidth(3 if line.unsure else 1)
                rect = self.scene.addRect(QRectF(x0 - 2, y + y0 - 2, x1 - x0 + 4, y1 - y0 + 4), pen)
                if line.unsure:
                    rect.setToolTip(f"识别不确定（{line.confidence:.0%}）：{line.text}")
            y += page.image.height + 20
        n_unsure = len(result.unsure_lines)
        self.caption = QLabel(
            f"原件（共 {len(result.pages)} 页）"
            + (f"，橙框 {n_unsure} 行识别不确定，请对照核对" if n_unsure else "")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self._page_width = max((p.image.width for p in result.pages), default=1)
        self.view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """The page always fills the pane's width, like a document viewer's “fit width”."""
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            width = event.size().width() - 4
            if width > 50:
                factor = width / self._page_width
                self.view.setTransform(QTransform.fromScale(factor, factor))
        return super().eventFilter(watched, event)

    def line_at(self, position: int) -> OcrLine | None:
        for line in self.result.lines:
            if line.span[0] <= position <= line.span[1]:
                return line
        return None

    def show_line(self, line: OcrLine | None) -> None:
        """Scrolls to ``line``'s place on its page and outlines it in blue."""
        if line is None or line.page >= len(self._offsets):
            return
        x0, y0, x1, y1 = line.box
        y = self._offsets[line.page]
        rect = QRectF(x0 - 4, y + y0 - 4, x1 - x0 + 8, y1 - y0 + 8)
        if self._focus is not None:
            self.scene.removeItem(self._focus)
        pen = QPen(QColor("#1e88e5"))
        pen.setWidth(3)
        self._focus = self.scene.addRect(rect, pen, QBrush(QColor(30, 136, 229, 40)))
        self.view.centerOn(rect.center())
