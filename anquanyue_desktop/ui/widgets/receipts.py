"""Shows what a save marked as received, with a way to undo it, in the main window's banner."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...usecases.receipts import Receipts


def announce_receipts(widget: QWidget, receipts: Receipts) -> None:
    """Hands ``receipts`` to the window that shows them (the main window's banner with 撤销);
    a page shown alone (in tests, in a dialog) just keeps quiet."""
    if not receipts:
        return
    window = widget.window()
    show = getattr(window, "show_receipts", None)
    if callable(show):
        show(receipts)
