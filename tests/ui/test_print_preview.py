"""打印预览 shows exactly the exported PDF's pages, and printing sends exactly those pages."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from anquanyue_desktop.exports.summary_report import write_summary_pdf
from anquanyue_desktop.ui.widgets.print_preview import (
    PREVIEW_DPI,
    PrintPreviewDialog,
    pdf_bytes,
)
from anquanyue_desktop.usecases.demo import install_demo
from anquanyue_desktop.usecases.reports import summary_draft


def _summary_pdf(store) -> bytes:
    campaign = install_demo(store)
    draft = summary_draft(store, campaign, datetime(2022, 7, 1, 9))
    text = draft.text()
    return pdf_bytes(
        lambda p: write_summary_pdf(
            campaign, draft.title, text, p, issuer=campaign.issuer, date=date(2022, 7, 1)
        )
    )


def _sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(BytesIO(pdf)).pages
    ]


def test_summary_preview_has_the_pdf_pages(qtbot, store):
    pdf = _summary_pdf(store)
    exported = _sizes(pdf)
    assert len(exported) >= 2  # the demo's summary runs over more than one A4 page
    dialog = PrintPreviewDialog(pdf, "工作总结")
    qtbot.addWidget(dialog)
    assert len(dialog.images) == len(dialog.page_labels) == len(exported)
    for image, (w, h) in zip(dialog.images, exported, strict=True):
        assert abs(image.width() - w * PREVIEW_DPI / 72) <= 1
        assert abs(image.height() - h * PREVIEW_DPI / 72) <= 1
        # A rendered page, not a blank sheet: the text left ink on it.
        gray = image.convertToFormat(image.Format.Format_Grayscale8)
        bits = bytes(gray.constBits())
        assert sum(1 for b in bits[::97] if b < 128) > 20
    assert (dialog.first.value(), dialog.last.value()) == (1, len(exported))


def test_printing_a_range_twice_sends_those_pages(qtbot, store, tmp_path):
    pdf = _summary_pdf(store)
    exported = _sizes(pdf)
    dialog = PrintPreviewDialog(pdf, "工作总结")
    qtbot.addWidget(dialog)
    dialog.first.setValue(2)
    dialog.last.setValue(2)
    dialog.copies.setValue(2)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(72)
    assert dialog.print_to(printer) == 2
    printed = _sizes(out.read_bytes())
    assert len(printed) == 2
    for w, h in printed:
        assert abs(w - exported[1][0]) < 1.5 and abs(h - exported[1][1]) < 1.5


def test_file_menu_print_preview_of_the_page_on_screen(qtbot, store, monkeypatch, tmp_path):
    from anquanyue_desktop.ui.main_window import MainWindow
    from anquanyue_desktop.ui.widgets import export_actions

    install_demo(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.reload_campaigns(2022)
    shown: list[PrintPreviewDialog] = []
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    labels = [a.text() for a in window.menus["文件"].actions()]
    assert "打印预览…" in labels and "打印…" in labels
    assert window.print_actions[0].shortcut().toString() == "Ctrl+P"

    window.show_page(window.reports_page)
    window.reports_page.tabs.setCurrentWidget(window.reports_page.summary)
    window.print_page()
    (dialog,) = shown
    assert dialog.windowTitle() == "打印预览 — 工作总结"

    # The roster: preview pages are the pages 导出 PDF writes (same writer, captured).
    window.show_page(window.units_page)
    window.print_page()
    out = tmp_path / "名册.pdf"
    monkeypatch.setattr(export_actions.QFileDialog, "getSaveFileName", lambda *a: (str(out), ""))
    monkeypatch.setattr(export_actions.QMessageBox, "exec", lambda self: 0)
    window.units_page.export_roster("pdf")
    assert len(shown) == 2 and len(shown[1].images) == len(_sizes(out.read_bytes()))
