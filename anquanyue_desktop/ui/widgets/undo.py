"""Undo and redo of the last edits on a page (编辑 › 撤销 Ctrl+Z, 重做 Ctrl+Y).

A page keeps a ``QUndoStack`` of what the clerk did and answers the main window's 编辑 menu
through four small methods (see :class:`UndoPage`): ``undo()``, ``redo()``, ``can_undo()`` and
``can_redo()``. Two kinds of command: a snapshot of a working copy (a table edited before
saving), and a pair of store actions (what was saved, and how to take it back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ...store import StoreError
from . import messages

S = TypeVar("S")


@runtime_checkable
class UndoPage(Protocol):
    """What the 编辑 menu calls on the page on screen. A page may also have ``undo_texts()
    -> (undo, redo)``: what the menu names (撤销：删除单位)."""

    def undo(self) -> bool: ...
    def redo(self) -> bool: ...
    def can_undo(self) -> bool: ...
    def can_redo(self) -> bool: ...


class SnapshotCommand(QUndoCommand, Generic[S]):
    """An edit of a working copy: ``restore(before)`` undoes it, ``restore(after)`` redoes it.
    Pushed after the edit was made, so the first redo (QUndoStack.push calls it) does nothing."""

    def __init__(self, text: str, before: S, after: S, restore: Callable[[S], None]):
        super().__init__(text)
        self.before, self.after, self.restore = before, after, restore
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.restore(self.after)

    def undo(self) -> None:
        self.restore(self.before)


class TypingCommand(SnapshotCommand[S]):
    """Typing in one box: consecutive edits of the same box (``key``) are one step, as in a
    word processor, rather than one step a character."""

    ID = 1201

    def __init__(self, text: str, before: S, after: S, restore: Callable[[S], None], key: int):
        super().__init__(text, before, after, restore)
        self.key = key

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TypingCommand) or other.key != self.key:
            return False
        self.after = other.after
        return True


class StoreCommand(QUndoCommand):
    """A saved action: ``undo_action`` takes it back, ``redo_action`` does it again. A fault
    of the environment (file locked, disk full) is shown and marks the command failed.

    ``redo_refusal`` says why doing it again would lose the clerk's work done since it was
    taken back (on another page: a receipt under a deadline brought back), or None; a
    refused redo is not done (see :func:`redo_on`)."""

    def __init__(
        self,
        text: str,
        undo_action: Callable[[], object],
        redo_action: Callable[[], object],
        after: Callable[[], object] = lambda: None,
        redo_refusal: Callable[[], str | None] = lambda: None,
    ):
        super().__init__(text)
        self.undo_action, self.redo_action, self.after = undo_action, redo_action, after
        self.redo_refusal = redo_refusal
        self._done = True
        self.failed: str | None = None

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except StoreError as exc:
            self.failed = exc.message
            self.setObsolete(True)  # the stack drops it: never half undone twice
            messages.error(None, "撤销失败", exc.message)
        self.after()

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.redo_action)

    def undo(self) -> None:
        self._run(self.undo_action)


class EditRecorder(Generic[S]):
    """Records the edits of a working copy as snapshot commands on ``stack``: each
    ``with recorder.edit("粘贴"):`` is one step, however many cells change inside it."""

    def __init__(
        self, owner: QObject, snapshot: Callable[[], S], restore: Callable[[S], None]
    ) -> None:
        self.stack = QUndoStack(owner)
        self.snapshot, self.restore = snapshot, restore
        self._depth = 0

    @contextmanager
    def edit(self, text: str) -> Iterator[None]:
        if self._depth:
            yield
            return
        before = self.snapshot()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        after = self.snapshot()
        if after != before:
            self.stack.push(SnapshotCommand(text, before, after, self.restore))


class UndoStackMethods:
    """The 编辑 menu's methods (:class:`UndoPage`) for a page or panel whose steps are on
    ``self.undo_stack``; one that must prepare first (commit an open cell editor) overrides
    ``undo`` and calls this one."""

    undo_stack: QUndoStack

    def undo(self) -> bool:
        return undo_on(self.undo_stack)

    def redo(self) -> bool:
        return redo_on(self.undo_stack, self if isinstance(self, QWidget) else None)

    def can_undo(self) -> bool:
        return self.undo_stack.canUndo()

    def can_redo(self) -> bool:
        return self.undo_stack.canRedo()

    def undo_texts(self) -> tuple[str, str]:
        return self.undo_stack.undoText(), self.undo_stack.redoText()


class LiveIds:
    """A deletion taken back saves the record anew, under a new id: undo commands keep the id
    the record first had and ask here for the one it has now."""

    def __init__(self) -> None:
        self._now: dict[int, int] = {}

    def now(self, first: int) -> int:
        return self._now.get(first, first)

    def first(self, current: int) -> int:
        return next((k for k, v in self._now.items() if v == current), current)

    def moved(self, first: int, now: int) -> None:
        self._now[first] = now


def undo_on(stack: QUndoStack) -> bool:
    if not stack.canUndo():
        return False
    stack.undo()
    return True


def redo_on(stack: QUndoStack, parent: QWidget | None = None) -> bool:
    """Redoes the next step, unless that would lose work done since it was undone: then the
    clerk is told why, and the step stays to be redone (nothing changed)."""
    if not stack.canRedo():
        return False
    command = stack.command(stack.index())
    if isinstance(command, StoreCommand) and (refusal := command.redo_refusal()):
        messages.warn(parent, "无法重做", refusal)
        return False
    stack.redo()
    return True


__all__ = [
    "EditRecorder",
    "LiveIds",
    "SnapshotCommand",
    "StoreCommand",
    "TypingCommand",
    "UndoPage",
    "UndoStackMethods",
    "redo_on",
    "undo_on",
]
