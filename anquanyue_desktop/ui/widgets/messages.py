"""Message boxes in one place, so wording stays consistent and tests can stub them."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ...domain.validation import Problem


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, yes | no, yes if default_yes else no)
    return answer == yes


def choose(parent: QWidget | None, title: str, text: str, items: list[str]) -> int | None:
    """The index of the item picked from a list (the first preselected), or None if cancelled."""
    item, ok = QInputDialog.getItem(parent, title, text, items, 0, False)
    return items.index(item) if ok and item in items else None


def ask_save_discard_cancel(parent: QWidget | None, what: str) -> str:
    """Returns "save", "discard" or "cancel"."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(
        parent,
        "未保存的修改",
        f"{what}有未保存的修改，是否保存？",
        buttons,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def problems_text(problems: list[Problem] | tuple[Problem, ...], limit: int = 12) -> str:
    lines = [p.message for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"……另有{len(problems) - limit}处问题")
    return "\n".join(lines)
