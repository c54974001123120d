"""Long work runs on the thread pool: progress by signal, a stop that cleans up, the window
answering meanwhile."""

from __future__ import annotations

import contextlib
import threading
import time
from datetime import date

from PySide6.QtCore import QObject, QThreadPool

from anquanyue_desktop.exports.form_workbook import write_blank_workbooks
from anquanyue_desktop.imports.form_files import load_shipped
from anquanyue_desktop.ui import workers
from anquanyue_desktop.ui.workers import JobCancelled, run_with_progress


def test_a_job_reports_progress_from_another_thread_and_returns(qtbot):
    seen, threads = [], []

    def work(progress):
        threads.append(threading.get_ident())
        for i in range(1, 4):
            progress(i, 3)
        return "完成"

    # Connected before the pool starts it: a report sent before connecting would be lost.
    job = workers.Job(work)
    job.signals.progress.connect(lambda d, t: seen.append((d, t)))
    QThreadPool.globalInstance().start(job)
    qtbot.waitUntil(lambda: job.result == "完成" and len(seen) == 3, timeout=30000)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert threads and threads[0] != threading.get_ident()


def test_a_stopped_job_stops_at_its_next_report(qtbot):
    started = threading.Event()

    def work(progress):
        started.set()
        for i in range(1000):
            progress(i, 1000)
            time.sleep(0.005)
        return "不该到这里"

    done = []
    job = workers.start(work, lambda j: done.append(j))
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    assert job.cancelled and job.result is None and job.error is None


def test_run_with_progress_returns_the_result_and_raises_the_error(qtbot):
    assert run_with_progress(None, "测试", lambda progress: 42) == (True, 42)

    def fails(progress):
        raise OSError("磁盘已满")

    try:
        run_with_progress(None, "测试", fails)
    except OSError as exc:
        assert "磁盘已满" in str(exc)
    else:
        raise AssertionError("the work's error must reach the caller")


def test_blank_workbooks_stopped_halfway_leave_no_file(tmp_path):
    template = next(t for t in load_shipped() if t.key == "activity-statistics")

    def stop_at_third(done, total):
        if done == 3:
            raise JobCancelled()

    names = [f"单位{i}" for i in range(6)]
    with contextlib.suppress(JobCancelled):
        write_blank_workbooks(
            template, None, names, tmp_path, generated_on=date(2026, 5, 20), progress=stop_at_third
        )
    assert list(tmp_path.glob("*.xlsx")) == []
    paths = write_blank_workbooks(template, None, names[:2], tmp_path, progress=lambda d, t: None)
    assert [p.exists() for p in paths] == [True, True]


def test_an_export_writes_on_a_worker_while_the_window_paints(qtbot, dialogs, tmp_path):
    """A long export (a county weekly report) runs off the UI thread; its errors still end in
    the plain message, and nothing is reported as done when the writer failed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    from anquanyue_desktop.ui.widgets.export_actions import export_to

    parent = QWidget()
    qtbot.addWidget(parent)
    ui_thread, seen, ticks = threading.get_ident(), [], []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)

    def write(path):
        seen.append(threading.get_ident())
        time.sleep(0.3)  # the UI thread keeps running its timers meanwhile
        path.write_text("ok", encoding="utf-8")

    assert export_to(parent, tmp_path / "a.pdf", write, "周报")
    timer.stop()
    assert seen and seen[0] != ui_thread
    assert (tmp_path / "a.pdf").read_text(encoding="utf-8") == "ok"
    assert len(ticks) >= 5
    assert any("已导出周报" in text for _kind, _title, text in dialogs.shown)

    def fail(path):
        raise PermissionError(13, "Permission denied", str(path))

    dialogs.shown.clear()
    assert not export_to(parent, tmp_path / "b.pdf", fail, "周报")
    assert any("无法写入" in text for _kind, _title, text in dialogs.shown)


def test_a_call_later_runs_once_on_the_loop_and_not_after_its_owner_is_gone(qtbot):
    calls = []
    owner = QObject()
    workers.call_later(owner, 0, lambda: calls.append("kept"))
    assert calls == []  # not before the event loop runs
    qtbot.waitUntil(lambda: calls == ["kept"])
    qtbot.wait(20)
    assert calls == ["kept"]  # once

    gone = QObject()
    workers.call_later(gone, 10, lambda: calls.append("gone"))
    gone.deleteLater()
    qtbot.wait(60)
    assert calls == ["kept"]
