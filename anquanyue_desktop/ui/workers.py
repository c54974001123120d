"""Long work off the UI thread: a job on Qt's thread pool that reports progress by signal and
stops when told, and a modal progress dialog that waits for it without freezing the window.

A job never touches widgets or the window's database connection (SQLite connections stay on
the thread that opened them): the caller reads what the job needs first, and writes what it
produced afterwards, on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]


def call_later(owner: QObject, msec: int, slot: Callable[[], None]) -> None:
    """Run ``slot`` once after ``msec`` on the event loop, unless ``owner`` is gone by then.

    A single-shot timer parented to ``owner`` (QTimer.singleShot with a context object is only
    in newer PySide6 than the oldest this program supports)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    timer.timeout.connect(timer.deleteLater)
    timer.start(msec)


class JobCancelled(Exception):
    """Raised inside a job's progress call once the job was told to stop."""


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal()


class Job(QRunnable, Generic[T]):
    """Runs ``work(progress)`` on the pool. ``progress(done, total)`` reports and raises
    :class:`JobCancelled` after :meth:`cancel`; the work cleans up what it started."""

    def __init__(self, work: Callable[[Progress], T]):
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work
        self._stop = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise JobCancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            self.result = self._work(self._progress)
        except JobCancelled:
            self.cancelled = True
        except BaseException as exc:  # handed to the UI thread, raised there
            self.error = exc
        finally:
            self.signals.done.emit()


def start(work: Callable[[Progress], T], on_done: Callable[[Job[T]], Any] | None = None) -> Job[T]:
    """Starts ``work`` in the background; ``on_done(job)`` runs on the UI thread afterwards."""
    job: Job[T] = Job(work)
    if on_done is not None:
        job.signals.done.connect(lambda: on_done(job), Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)
    return job


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress], T],
    *,
    cancellable: bool = True,
    describe: Callable[[int, int], str] | None = None,
) -> tuple[bool, T | None]:
    """Runs ``work`` in the background behind a progress dialog with 取消, and returns
    ``(finished, result)``: ``(False, None)`` when the clerk cancelled. The window keeps
    painting and answering meanwhile; an error of the work is raised here.

    ``cancellable=False`` for work that never reports progress (one file being written): no
    取消 button that would do nothing. ``describe(done, total)``, when given, is the label
    at each report (第 3/12 页); an empty string keeps the label as it is."""
    dialog = QProgressDialog(label, "取消" if cancellable else "", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)  # type: ignore[arg-type]  # Qt takes None: no button
    dialog.setWindowTitle("请稍候")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work shows no dialog at all
    job: Job[T] = Job(work)
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        if describe is not None and (text := describe(done, total)):
            dialog.setLabelText(text)
        dialog.setMaximum(total)
        dialog.setValue(done)

    job.signals.progress.connect(progressed, Qt.ConnectionType.QueuedConnection)
    job.signals.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(job.cancel)
    QThreadPool.globalInstance().start(job)
    loop.exec()
    dialog.reset()
    dialog.deleteLater()
    if job.error is not None:
        raise job.error
    if job.cancelled:
        return False, None
    return True, job.result


__all__ = ["Job", "JobCancelled", "Progress", "run_with_progress", "start"]
