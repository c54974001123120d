"""A statistics row's sentence with its blanks as boxes in the text, wrapped like Chinese prose."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QWidget,
)

from ...domain.forms import (
    Field,
)


class FlowLayout(QLayout):
    """Lays its items out left to right and wraps them onto the next line, like words."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 12, v_spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h = h_spacing
        self._v = v_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.marginsRemoved(QMargins(m.left(), m.top(), m.right(), m.bottom()))
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x = area.x()
                y += line_height + self._v
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._h
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()


# Characters that must not begin a line, and those that must not end one (Chinese typesetting).
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—,.;:?!)%·")
_NO_LINE_END = set("（《「『【〔“‘(")
_WORD = re.compile(r"[A-Za-z0-9]+|.", re.DOTALL)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: each Chinese character, whole ASCII words, with
    closing punctuation kept on the piece before it and opening punctuation on the one after."""
    out: list[str] = []
    carry = ""
    for piece in _WORD.findall(text):
        if piece in _NO_LINE_START and out and not carry:
            out[-1] += piece
        elif piece in _NO_LINE_END:
            carry += piece
        else:
            out.append(carry + piece)
            carry = ""
    if carry:
        out.append(carry)
    return out


class BlankSentence(QWidget):
    """A sentence with input boxes in place of its blanks, wrapping like text on paper.

    ``runs`` are text and widgets in reading order. Text wraps between any two Chinese
    characters (not before a closing or after an opening mark); a box stays on the line of the
    word that follows it (the unit). Qt has no flow layout for text, so this widget places its
    child boxes itself and paints the text around them.
    """

    def __init__(self, runs: Sequence[str | QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._runs: list[list[str] | QWidget] = []
        unit = ""
        for run in runs:
            if isinstance(run, QWidget):
                run.setParent(self)
                self._runs.append(run)
                field = getattr(run, "field", None)
                unit = field.unit_text if isinstance(field, Field) else ""
            elif run:
                tokens = _tokens(run)
                if unit and run.startswith(unit) and len(tokens) > 1:
                    # The unit after a box (人次, 张（条）) stays whole on the box's line.
                    head = _tokens(run[: len(unit)])
                    rest = _tokens(run[len(unit) :])
                    if rest and rest[0][:1] in _NO_LINE_START:
                        head[-1:] = [head[-1] + rest.pop(0)]
                    tokens = ["".join(head), *rest]
                self._runs.append(tokens)
                unit = ""
        self._pieces: list[tuple[QPoint, str]] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._cache: tuple[int, int] | None = None

    def plain_text(self, blank: str = "（）") -> str:
        """The sentence with each box written as ``blank`` or, with ``blank=""``, its text."""
        out = []
        for run in self._runs:
            if isinstance(run, QWidget):
                out.append(blank or getattr(run, "text", lambda: "")())
            else:
                out.append("".join(run))
        return "".join(out)

    def _line_height(self) -> int:
        boxes = [r.sizeHint().height() for r in self._runs if isinstance(r, QWidget)]
        return max([QFontMetrics(self.font()).height() + 4, *boxes])

    def _arrange(self, width: int, *, apply: bool) -> int:
        fm = QFontMetrics(self.font())
        line_h = self._line_height()
        gap = 4
        width = max(width, 60)
        x, y = 0, 0
        pieces: list[tuple[QPoint, str]] = []
        current = ""
        start_x = 0

        def flush() -> None:
            nonlocal current
            if current and apply:
                base = y + (line_h - fm.height()) // 2 + fm.ascent()
                pieces.append((QPoint(start_x, base), current))
            current = ""

        for i, run in enumerate(self._runs):
            if isinstance(run, QWidget):
                if run.minimumWidth() and run.minimumWidth() == run.maximumWidth():
                    w = run.minimumWidth()
                else:
                    w = max(run.sizeHint().width(), run.minimumWidth())
                h = run.sizeHint().height()
                nxt = self._runs[i + 1] if i + 1 < len(self._runs) else None
                glue = fm.horizontalAdvance(nxt[0]) if isinstance(nxt, list) and nxt else 0
                if x > 0 and x + w + 4 + glue > width:
                    flush()
                    x, y = 0, y + line_h + gap
                flush()
                if apply:
                    run.setGeometry(QRect(x + 2, y + (line_h - h) // 2, min(w, width - 4), h))
                x += w + 4
                start_x = x
                continue
            for token in run:
                tw = fm.horizontalAdvance(token)
                if x > 0 and x + tw > width:
                    flush()
                    x, y = 0, y + line_h + gap
                    start_x = 0
                if not current:
                    start_x = x
                current += token
                x += tw
            flush()
        if apply:
            self._pieces = pieces
        return y + line_h

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._cache and self._cache[0] == width:
            return self._cache[1]
        h = self._arrange(width, apply=False)
        self._cache = (width, h)
        return h

    def sizeHint(self) -> QSize:
        return QSize(480, self.heightForWidth(480))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self._line_height())

    def resizeEvent(self, event) -> None:
        self._arrange(self.width(), apply=True)
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._cache = None
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.setFont(self.font())
        for point, text in self._pieces:
            painter.drawText(point, text)
