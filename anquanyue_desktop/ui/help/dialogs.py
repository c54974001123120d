"""帮助 menu: the user guide (PDF) and 关于 with the licences of everything shipped."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME, __version__
from ...resources import FONTS_DIR, LICENSES_DIR
from ...usecases.user_guide import cached_guide
from ..widgets import messages

PUBLISHER = "安全生产月桌面版开发组"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    files: tuple[Path, ...]

    @property
    def label(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"{self.name}{version}（{self.licence}）"

    def text(self) -> str:
        parts = []
        for f in self.files:
            try:
                parts.append(f.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                parts.append(f"（找不到许可文件 {f.name}）")
        return "\n\n".join(parts)


def shipped_components() -> list[Component]:
    """Everything the program ships with its licence: libraries, Python, Qt, fonts."""
    components: list[Component] = []
    index = LICENSES_DIR / "index.json"
    if index.is_file():
        for entry in json.loads(index.read_text(encoding="utf-8")):
            components.append(
                Component(
                    entry["name"],
                    entry.get("version", ""),
                    entry.get("license", ""),
                    tuple(LICENSES_DIR / f for f in entry.get("files", [])),
                )
            )
    for licence in sorted(FONTS_DIR.glob("LICENSE-*.txt")):
        # LICENSE-<font and licence>.txt, as kept beside each bundled font.
        stem = licence.stem.removeprefix("LICENSE-")
        components.append(Component(f"字体：{stem}", "", "见许可文件", (licence,)))
    return components


class AboutDialog(QDialog):
    def __init__(self, data_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.resize(760, 520)
        tabs = QTabWidget()
        about = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            "<p>乡镇（街道）安全生产月活动管理工具。</p>"
            + (f"<p>全部数据保存在本机：{data_path}</p>" if data_path else "")
            + "<p>不联网，不上传任何数据。</p>"
            f"<p>发布：{PUBLISHER}</p>"
            "<p>本程序使用了下列自由软件和字体，它们的许可见“第三方软件许可”。"
            "其中 Qt 与 Qt for Python（PySide6）按 GNU LGPL 第3版使用：可以用其他版本的"
            "同名库替换程序文件夹 _internal 中的对应文件。</p>"
        )
        about.setWordWrap(True)
        about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        about.setOpenExternalLinks(False)
        tabs.addTab(about, "关于")

        self.components = shipped_components()
        self.component_list = QListWidget()
        for component in self.components:
            QListWidgetItem(component.label, self.component_list)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.component_list.currentRowChanged.connect(self._show_licence)
        licences = QWidget()
        row = QHBoxLayout(licences)
        row.addWidget(self.component_list, 2)
        row.addWidget(self.licence_text, 3)
        tabs.addTab(licences, "第三方软件许可")
        self.tabs = tabs

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        if self.components:
            self.component_list.setCurrentRow(0)

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.licence_text.setPlainText(self.components[row].text())


def open_user_guide(cache_dir: Path, parent: QWidget | None = None) -> Path | None:
    """Writes the guide if needed and opens it in the PC's PDF reader."""
    try:
        path = cached_guide(cache_dir)
    except (OSError, ValueError) as exc:
        messages.error(parent, "无法打开使用说明", f"生成使用说明时出错：{exc}")
        return None
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        messages.info(
            parent,
            "使用说明",
            f"这台电脑上没有可以打开 PDF 的程序。使用说明已保存在：\n{path}",
        )
    return path
