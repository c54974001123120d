"""打印预览 and 打印…: the exported PDF's own pages, rendered by PDFium, shown and printed.

Whatever can be exported as PDF is printed from that same PDF, so paper, preview and file never
differ. Printing renders each page at the printer's resolution (at most 600 dpi, which office
laser printers use; more only costs memory) and puts it on the whole sheet: the PDF carries its
own margins. The print dialog is the system's (Chinese on a Chinese Windows; Qt's own,
translated, elsewhere).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...exports.fonts import MissingGlyphError
from ...exports.raster import PageSize, PdfPages
from . import messages
from .export_actions import capturing_writer
from .fit import fit_to_screen

PREVIEW_DPI = 96  # a screen's logical inch; the preview zooms from here
MAX_PRINT_DPI = 600


def pil_to_qimage(picture) -> QImage:
    """A PIL RGB picture as a QImage that owns its pixels."""
    picture = picture.convert("RGB")
    data = picture.tobytes("raw", "RGB")
    image = QImage(
        data, picture.width, picture.height, picture.width * 3, QImage.Format.Format_RGB888
    )
    return image.copy()  # detached from ``data``, which Python frees


def page_layout(size: PageSize) -> QPageLayout:
    """The sheet for a PDF page: its own size (A4 portrait or landscape), no margins."""
    short, long = sorted((size.width_pt, size.height_pt))
    page_size = QPageSize(
        QSizeF(short, long), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    orientation = (
        QPageLayout.Orientation.Landscape if size.landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0))


def print_pdf(pdf: bytes, printer: QPrinter, pages: range, copies: int = 1) -> int:
    """Prints ``pages`` (0-based) of ``pdf`` ``copies`` times, collated; returns sheets sent."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printer.setFullPage(True)
    sent = 0
    with PdfPages(pdf) as doc:
        if not len(doc) or not len(pages):
            return 0
        printer.setPageLayout(page_layout(doc.size(pages[0])))
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("无法开始打印：打印机不可用")
        try:
            for copy in range(copies):
                for n, index in enumerate(pages):
                    if copy or n:
                        printer.setPageLayout(page_layout(doc.size(index)))
                        printer.newPage()
                    image = pil_to_qimage(doc.render(index, dpi))
                    target = QRectF(painter.viewport())
                    # Keep the page's proportions on the sheet (they match; rounding aside).
                    scale = min(target.width() / image.width(), target.height() / image.height())
                    w, h = image.width() * scale, image.height() * scale
                    painter.drawImage(QRectF(target.x(), target.y(), w, h), image)
                    sent += 1
        finally:
            painter.end()
    return sent


class PrintPreviewDialog(QDialog):
    """The PDF's pages as they will print, with page range, copies and 打印…."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(f"打印预览 — {title}")
        self.title = title
        with PdfPages(pdf) as doc:
            self.sizes = doc.sizes()
            self.images = [pil_to_qimage(p) for p in doc.render_all(PREVIEW_DPI)]
        count = len(self.images)

        self.pages_box = QWidget()
        pages_layout = QVBoxLayout(self.pages_box)
        pages_layout.setSpacing(12)
        self.page_labels: list[QLabel] = []
        for i, image in enumerate(self.images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setScaledContents(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("border: 1px solid #bbb; background: white;")
            label.setToolTip(f"第{i}页")
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(self.pages_box)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #e8e8e8; }")
        self.scroll = scroll

        self.first = QSpinBox()
        self.last = QSpinBox()
        for box in (self.first, self.last):
            box.setRange(1, max(count, 1))
        self.last.setValue(count)
        self.copies = QSpinBox()
        self.copies.setRange(1, 99)
        self.copies.setSuffix(" 份")
        self.print_button = QPushButton("打印…")
        self.print_button.setDefault(True)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        close = QPushButton("关闭")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(f"共 {count} 页　打印第"))
        bar.addWidget(self.first)
        bar.addWidget(QLabel("至"))
        bar.addWidget(self.last)
        bar.addWidget(QLabel("页　份数"))
        bar.addWidget(self.copies)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)
        self.first.valueChanged.connect(lambda v: self.last.setMinimum(v))
        self.print_button.clicked.connect(self.choose_printer_and_print)
        close.clicked.connect(self.reject)
        fit_to_screen(self, 900, 1000)

    def resizeEvent(self, event) -> None:
        """Pages as wide as the window (never wider than at 100 %), so no sideways scrolling."""
        super().resizeEvent(event)
        room = self.scroll.viewport().width() - 40
        for label, image in zip(self.page_labels, self.images, strict=True):
            scale = min(1.0, room / image.width()) if room > 100 else 1.0
            label.setFixedSize(round(image.width() * scale), round(image.height() * scale))

    def page_range(self) -> range:
        return range(self.first.value() - 1, self.last.value())

    def new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        if self.sizes:
            printer.setPageLayout(page_layout(self.sizes[0]))
        return printer

    def print_to(self, printer: QPrinter) -> int:
        return print_pdf(self.pdf, printer, self.page_range(), self.copies.value())

    def choose_printer_and_print(self) -> bool:
        printer = self.new_printer()
        printer.setFromTo(self.first.value(), self.last.value())
        printer.setCopyCount(1)  # copies are ours: the preview's box, collated
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, len(self.images))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
            self.first.setValue(printer.fromPage())
            self.last.setValue(printer.toPage())
        if printer.copyCount() > 1:
            self.copies.setValue(printer.copyCount())
            printer.setCopyCount(1)
        try:
            self.print_to(printer)
        except OSError as exc:
            messages.error(self, "打印失败", str(exc))
            return False
        self.accept()
        return True


def pdf_bytes(write: Callable[[Path], object]) -> bytes:
    """Runs an export writer into a temporary file and returns the PDF it wrote."""
    with tempfile.TemporaryDirectory(prefix="anquanyue-print-") as folder:
        out = Path(folder) / "print.pdf"
        write(out)
        return out.read_bytes()


def preview_and_print(
    parent: QWidget, write: Callable[[Path], object], title: str, *, direct: bool = False
) -> bool:
    """打印预览 (or 打印… with ``direct``) of what ``write(path)`` exports as PDF."""
    try:
        pdf = pdf_bytes(write)
    except MissingGlyphError as exc:
        messages.error(parent, "无法打印", str(exc))
        return False
    except (OSError, ValueError) as exc:
        messages.error(parent, "无法打印", f"无法生成要打印的文件：{exc}")
        return False
    dialog = PrintPreviewDialog(pdf, title, parent)
    if direct:
        return dialog.choose_printer_and_print()
    return dialog.exec() == QDialog.DialogCode.Accepted


def pdf_document_of(
    panel: QWidget, export: Callable[[], object] | None = None
) -> tuple[str, Callable[[Path], object]] | None:
    """(title, writer) of the PDF ``panel`` exports now: its ``pdf_document()``, or the writer
    its PDF export button would use (``export``, default ``panel.export("pdf")``)."""
    own = getattr(panel, "pdf_document", None)
    if export is None and callable(own):
        return own()
    with capturing_writer() as found:
        (export or (lambda: panel.export("pdf")))()  # type: ignore[attr-defined]
    return found[0] if found else None


def print_current(
    panel: QWidget, export: Callable[[], object] | None = None, *, direct: bool = False
) -> bool:
    """打印预览 (or 打印… with ``direct``) of the PDF ``panel`` would export now."""
    document = pdf_document_of(panel, export)
    if document is None:
        return False
    title, write = document
    return preview_and_print(panel, write, title, direct=direct)


def print_button(panel: QWidget, export: Callable[[], object] | None = None) -> QPushButton:
    """打印… beside a panel's 导出 PDF: opens the preview of that same PDF."""
    button = QPushButton("打印…")
    button.setToolTip("打印预览后打印，与导出的 PDF 完全相同（Ctrl+P）")
    button.clicked.connect(lambda: print_current(panel, export))
    return button
