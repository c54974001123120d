"""Asking where to save an export and writing it: one place for every export button."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...store.errors import translate
from . import messages

FILTERS = {
    "pdf": "PDF 文件 (*.pdf)",
    "xlsx": "Excel 工作簿 (*.xlsx)",
    "ics": "日历文件 (*.ics)",
    "docx": "Word 文档 (*.docx)",
    "zip": "压缩包 (*.zip)",
}


# While printing, an export button's own code runs with its file dialog and writing replaced by
# taking its writer: 打印 prints exactly what 导出 PDF writes, from one piece of code.
_captured: list[tuple[str, Callable[[Path], object]]] | None = None


@contextmanager
def capturing_writer() -> Iterator[list[tuple[str, Callable[[Path], object]]]]:
    """Within it, ``ask_export_path`` answers at once and ``export_to`` records (what, writer)
    instead of writing."""
    global _captured
    _captured = []
    try:
        yield _captured
    finally:
        _captured = None


def documents_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def ask_export_path(parent: QWidget, title: str, file_name: str, fmt: str) -> Path | None:
    if _captured is not None:
        return Path(file_name)  # never written: export_to only records the writer
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(documents_dir() / file_name), FILTERS[fmt]
    )
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() != f".{fmt}":
        out = out.with_name(out.name + f".{fmt}")
    return out


def export_to(parent: QWidget, out: Path, write: Callable[[Path], object], what: str) -> bool:
    """Runs ``write(out)``; the writers replace the file only when complete.

    Faults get a plain message: the file open in Excel, disk full, a character no font has.
    """
    if _captured is not None:
        _captured.append((what, write))
        return True
    # Here, not at the top: the font module loads reportlab, which start-up does not need.
    from ...exports.fonts import MissingGlyphError, recording_roles
    from ...exports.output import OutputFileBusyError
    from ..workers import run_with_progress

    drawn: set = set()

    def run(_progress) -> None:
        with recording_roles() as roles:  # on the worker's thread, where it draws
            write(out)
        drawn.update(roles)

    try:
        # On a worker: a county weekly report is hundreds of pages, and the window keeps
        # painting meanwhile. The writers get data already read, never the store.
        run_with_progress(parent, f"正在导出{what}……", run, cancellable=False)
    except MissingGlyphError as exc:
        messages.error(parent, "导出失败", str(exc))
        return False
    except OutputFileBusyError as exc:
        messages.error(parent, "导出失败", str(exc))
        return False
    except OSError as exc:
        err = translate(exc, out)
        hint = "如果该文件正在 Excel/WPS 中打开，请先关闭它。"
        messages.error(parent, "导出失败", f"无法写入 {out}：{err.message if err else exc}\n{hint}")
        return False
    text = f"已导出{what}：\n{out}"
    if out.suffix.lower() == ".pdf":
        from ...exports.fonts import stand_in_message

        # A Windows face this file uses is missing: say which one stood in.
        if faces := stand_in_message(roles=drawn):
            text += f"\n\n{faces}"
    box = QMessageBox(QMessageBox.Icon.Information, "导出完成", text, parent=parent)
    open_button = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
    return True
