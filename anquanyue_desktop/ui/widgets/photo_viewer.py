"""A photo at full window size, upright by its EXIF orientation, with ← → to the others."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .fit import fit_to_screen


class PhotoViewer(QDialog):
    """``photos``: (file, caption). Arrow keys, the buttons and Esc work as expected."""

    def __init__(
        self, photos: Sequence[tuple[Path, str]], index: int = 0, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.photos = list(photos)
        self.index = max(0, min(index, len(self.photos) - 1))
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(200, 150)
        self.picture.setStyleSheet("background: #222;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button = QPushButton("◀ 上一张")
        self.next_button = QPushButton("下一张 ▶")
        self.position = QLabel()
        close = QPushButton("关闭")
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addStretch(1)
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.next_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        layout.addLayout(bar)
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        close.clicked.connect(self.accept)
        # Arrow keys go to the dialog, not to move focus between the buttons.
        for button in (self.previous_button, self.next_button, close):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._pixmap = QPixmap()
        fit_to_screen(self, 1000, 800)
        self.show_current()

    def go(self, step: int) -> None:
        if self.photos:
            self.index = (self.index + step) % len(self.photos)
            self.show_current()

    def show_current(self) -> None:
        if not self.photos:
            return
        path, caption = self.photos[self.index]
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # EXIF orientation: the photo as it was taken
        image = reader.read()
        self._pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        self.caption.setText(caption or Path(path).name)
        self.position.setText(f"{self.index + 1} / {len(self.photos)}")
        self.setWindowTitle(f"照片 — {caption or Path(path).name}")
        self._scale()

    def _scale(self) -> None:
        if self._pixmap.isNull():
            self.picture.setText("无法显示这张照片")
            return
        self.picture.setPixmap(
            self._pixmap.scaled(
                self.picture.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def keyPressEvent(self, event) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step:
            self.go(step)
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale()
