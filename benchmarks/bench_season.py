"""A working day of the real main window on county data: no abort, no leak of references.

    python benchmarks/bench_season.py [--data-dir /tmp/county] [--switches 100] [--pages 1000]

Builds (or reuses) the county dataset (benchmarks/make_dataset.py: 600 units, 5 campaigns),
opens the real MainWindow offscreen, then switches the campaign ``--switches`` times and the
page ``--pages`` times, letting Qt process events after each step, as a clerk clicking all day.
With PySide6-Essentials 6.12.0 on CPython 3.11 this aborted on the 12th-16th switch
(none_dealloc). Prints the counts, the time per step and the change of sys.getrefcount(None);
exits non-zero if None lost references (the process would die on a longer day).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default="/tmp/anquanyue-county")
    parser.add_argument("--switches", type=int, default=100)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()

    from make_dataset import build
    from PySide6.QtWidgets import QApplication, QMessageBox

    from anquanyue_desktop.store.paths import database_path
    from anquanyue_desktop.ui.app import configure_application, start
    from anquanyue_desktop.ui.main_window import MainWindow

    data_dir = Path(args.data_dir)
    if not database_path(data_dir).exists():
        print(f"building the county dataset in {data_dir} …", flush=True)
        build(data_dir, units=600, campaigns=5, seed=2022)

    app = QApplication.instance() or QApplication(["bench_season"])
    configure_application(app)
    # Any message box would wait for a click that never comes: answer it and count it.
    boxes: list[str] = []
    for name in ("information", "warning", "critical", "question"):
        setattr(
            QMessageBox,
            name,
            staticmethod(
                lambda *a, _n=name, **k: boxes.append(_n) or QMessageBox.StandardButton.No
            ),
        )
    startup = start(["bench", "--data-dir", str(data_dir)])
    assert startup.store is not None
    window = MainWindow(startup.store)
    window.show()
    app.processEvents()

    none_before = sys.getrefcount(None)
    combo = window.campaign_combo
    campaigns = combo.count()
    started = time.perf_counter()
    for _ in range(args.switches):
        index = (combo.currentIndex() + 1) % campaigns
        combo.setCurrentIndex(index)
        combo.activated.emit(index)  # what a clerk's click on the selector sends
        app.processEvents()
    switched = time.perf_counter()
    pages = window.nav.count()
    for i in range(args.pages):
        window.nav.setCurrentRow((i + 1) % pages)
        app.processEvents()
    paged = time.perf_counter()
    none_after = sys.getrefcount(None)

    window.close()
    startup.store.close()
    startup.lock.unlock()
    lost = none_before - none_after
    print(f"campaigns: {campaigns}, pages: {pages}, message boxes answered: {len(boxes)}")
    print(
        f"{args.switches} campaign switches: {(switched - started) * 1000 / args.switches:.0f} ms each"
    )
    print(f"{args.pages} page changes: {(paged - switched) * 1000 / args.pages:.1f} ms each")
    print(f"references to None: {none_before} → {none_after} (lost {lost})")
    if lost > 1000:
        print("FAIL: the Qt binding leaks references to None; a longer day would abort")
        return 1
    print("ok: the day finished without an abort")
    return 0


if __name__ == "__main__":
    sys.exit(main())
