"""The desktop program on the county dataset: start-up against a bare QMainWindow, and what the
clerk waits for on the pages (campaign switch, marking a cell, opening the grid, filtering)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import Context, Measure

REPO = Path(__file__).resolve().parents[2]
RUNS = 5

# Both scripts stop the clock when the event loop first runs idle after the window was shown.
BARE = """
import time, json, resource
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1100, 720)
window.show()
def idle():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - t0, "peak_kib": rss}))
    app.quit()
QTimer.singleShot(0, idle)
app.exec()
"""

APP = """
import time, json, resource, sys
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from anquanyue_desktop.ui.app import launch
app = launch(["anquanyue", "--data-dir", sys.argv[1]])
def idle():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - t0, "peak_kib": rss}))
    app.app.quit()
QTimer.singleShot(0, idle)
app.app.exec()
app.finish()
"""


def _run(script: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _compile_package() -> None:
    """The program as shipped starts from compiled bytecode (the frozen build holds only .pyc
    files): compile the package first, else a machine with PYTHONDONTWRITEBYTECODE (this one)
    would compile every module at every start and measure that instead."""
    import compileall

    compileall.compile_dir(REPO / "anquanyue_desktop", quiet=1)


def _startup(ctx: Context) -> dict[str, float]:
    """Bare and program start-up alternated, medians; computed once per run."""
    if "startup" not in ctx.shared:
        _compile_package()
        data = ctx.copy_of_data("startup")
        bare, prog = [], []
        _run(APP, str(data))  # the first start after a copy warms the file cache
        for _ in range(RUNS):
            bare.append(_run(BARE))
            prog.append(_run(APP, str(data)))
        ctx.shared["startup"] = {
            "bare_s": statistics.median(r["seconds"] for r in bare),
            "app_s": statistics.median(r["seconds"] for r in prog),
            "bare_kib": statistics.median(r["peak_kib"] for r in bare),
            "app_kib": statistics.median(r["peak_kib"] for r in prog),
        }
        s = ctx.shared["startup"]
        print(
            f"  start: bare {s['bare_s'] * 1000:.0f} ms / {s['bare_kib'] / 1024:.0f} MiB, "
            f"program {s['app_s'] * 1000:.0f} ms / {s['app_kib'] / 1024:.0f} MiB",
            flush=True,
        )
    return ctx.shared["startup"]


def start_ratio(ctx: Context) -> float:
    s = _startup(ctx)
    return s["app_s"] / s["bare_s"]


def memory_ratio(ctx: Context) -> float:
    s = _startup(ctx)
    return s["app_kib"] / s["bare_kib"]


# -- in-process: one main window over a copy of the dataset, per scale ----------------------


def _window(ctx: Context) -> Any:
    key = f"window-x{ctx.scale}"
    if key not in ctx.shared:
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication

        from anquanyue_desktop.ui.app import launch

        data = ctx.copy_of_data("window")
        launched = launch(["anquanyue", "--data-dir", str(data)])
        window, finish = launched.window, launched.finish
        # The program's error hook shows a message box; a benchmark must fail instead.
        sys.excepthook = sys.__excepthook__
        # The full integrity check and backup of the start run in the background: let them
        # end before measuring, so that they are not counted against the pages.
        QThreadPool.globalInstance().waitForDone()
        QApplication.processEvents()
        ctx.shared[key] = window

        def close() -> None:
            window.reminders.timer.stop()  # its ticks would read the closed store
            window.close()
            finish()

        ctx.shared.setdefault("closers", []).append(close)
    return ctx.shared[key]


def _settle() -> None:
    """Runs what the action queued (paints, queued signals) so it counts in the time."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def _timed(fn, before=None, repeat: int = 7) -> float:
    runs = []
    for i in range(repeat + 1):
        if before is not None:
            before()
            _settle()
        start = time.perf_counter()
        fn()
        _settle()
        if i:  # the first is a warm-up
            runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _two_campaigns(window) -> tuple[int, int]:
    years = [window.campaign_combo.itemData(i).year for i in range(window.campaign_combo.count())]
    newest = max(range(len(years)), key=lambda i: years[i])
    other = next(i for i in range(len(years)) if i != newest)
    return newest, other


def campaign_switch(ctx: Context) -> float:
    window = _window(ctx)
    window.show_page(window.dashboard_page)
    a, b = _two_campaigns(window)
    state = {"next": b}

    def switch() -> None:
        index = state["next"]
        window.campaign_combo.setCurrentIndex(index)
        window.campaign_combo.activated.emit(index)
        state["next"] = a if index == b else b

    return _timed(switch)


def open_grid(ctx: Context) -> float:
    window = _window(ctx)
    a, b = _two_campaigns(window)
    state = {"next": b}

    def before() -> None:
        window.show_page(window.dashboard_page)
        index = state["next"]
        window.campaign_combo.setCurrentIndex(index)
        window.campaign_combo.activated.emit(index)
        state["next"] = a if index == b else b

    return _timed(lambda: window.show_page(window.grid_page), before)


def mark_cell(ctx: Context) -> float:
    from anquanyue_desktop.domain.submissions import OVERDUE, PENDING

    window = _window(ctx)
    a, _b = _two_campaigns(window)
    window.campaign_combo.setCurrentIndex(a)
    window.campaign_combo.activated.emit(a)
    window.show_page(window.grid_page)
    _settle()
    page = window.grid_page
    model = page.model

    def open_cell() -> None:
        page.undo()
        for col in range(model.rate_column):
            for row in range(model.summary_row):
                cell = model.cell(model.index(row, col))
                if cell is not None and cell.status in (PENDING, OVERDUE):
                    page.select_cells([(row, col)])
                    return
        raise AssertionError("no open cell to mark")

    return _timed(page.mark_received, open_cell)


def activity_filter(ctx: Context) -> float:
    """The slowest keystroke of typing a search, then of clearing it, median of rounds."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = _window(ctx)
    a, _b = _two_campaigns(window)
    window.campaign_combo.setCurrentIndex(a)
    window.campaign_combo.activated.emit(a)
    window.show_page(window.activities_page)
    _settle()
    search = window.activities_page.search
    rounds = []
    for _ in range(3):
        keys = []
        for ch in "12":  # “第12场”: each key narrows the list
            start = time.perf_counter()
            QTest.keyClicks(search, ch)
            _settle()
            keys.append((time.perf_counter() - start) * 1000)
        for _ in range(2):
            start = time.perf_counter()
            QTest.keyClick(search, Qt.Key.Key_Backspace)
            _settle()
            keys.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        window.activities_page.unit_filter.setCurrentIndex(2)
        _settle()
        keys.append((time.perf_counter() - start) * 1000)
        window.activities_page.unit_filter.setCurrentIndex(0)
        _settle()
        rounds.append(max(keys))
    return statistics.median(rounds)


MEASURES = [
    Measure("start to window shown and idle / bare QMainWindow", start_ratio, 4.0, "×"),
    Measure("peak memory at start / bare QMainWindow", memory_ratio, 2.5, "×"),
    Measure("campaign switch", campaign_switch, 150.0, growth=True),
    Measure("mark one grid cell", mark_cell, 30.0, growth=True),
    Measure("open the grid page", open_grid, 50.0, growth=True),
    Measure("activity-list filter or search, per keystroke", activity_filter, 50.0, growth=True),
]
