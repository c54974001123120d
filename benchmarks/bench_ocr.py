"""Reading photographed and scanned notices: accuracy, deadlines, time and memory per page, on
made pages of the seed notices (every page, scanned at 150 and 200 dpi, and a phone photo of
each first page), and how the window fares while a worker reads.

    python benchmarks/bench_ocr.py [--seeds ../shared/seeds] [--dpis 150 200] [--pages N]

Budgets (issue 15): character accuracy ≥ 98 %, the deadlines of the text found again
(recall ≥ 0.95, none invented), ≤ 5 s a page on a 2-core machine, memory < 1 GB. Times are
also given as a ratio to a reference workload measured in the same run (recognising one
fixed line), so runs on a busier or quieter machine compare.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from anquanyue_desktop.domain.notice import parse_notice  # noqa: E402
from anquanyue_desktop.imports import ocr  # noqa: E402
from tests.made_pages import (  # noqa: E402
    SEEDS,
    _draw_text,
    char_accuracy,
    compare_deadlines,
    layout,
    made_pages,
    seed_files,
)

TODAY = date(2026, 5, 20)


def reference_seconds(repeat: int = 5) -> float:
    """Median time to recognise one fixed 28-character line: the yardstick of this run."""
    im = Image.new("RGB", (1300, 90), "white")
    _draw_text(
        ImageDraw.Draw(im),
        (10, 20),
        "各村、各部门和企事业单位要深入宣传贯彻《安全生产法》",
        44,
        (0, 0, 0),
    )
    ocr.read_images([im])
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        ocr.read_images([im])
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def read_timed(images: list[Image.Image]) -> tuple[ocr.OcrResult, list[float], list[float]]:
    """All pages read as one notice; wall and CPU seconds of each page."""
    walls, cpus = [], []
    done = []
    for im in images:
        t, c = time.perf_counter(), time.process_time()
        done.append(ocr.read_page(im, len(done)))
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return ocr.join_pages(done), walls, cpus


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def responsiveness(pages: list[Image.Image]) -> tuple[float, float, float]:
    """(longest stall of the window's event loop while a worker reads the pages, seconds
    from 取消 to the window being free again, seconds until the worker thread ended)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import io

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget

    from anquanyue_desktop.ui.campaign.notice_ocr import OcrRun

    app = QApplication.instance() or QApplication([])
    items = []
    for im in pages:
        buf = io.BytesIO()
        im.save(buf, "PNG")
        items.append(buf.getvalue())
    window = QWidget()
    clock = QElapsedTimer()
    clock.start()
    gaps = []
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
        if pages_done and not cancel_at:  # page 1 done: cancel during page 2
            QTimer.singleShot(500, cancel)
            cancel_at.append(float("nan"))

    run = OcrRun(items, window)
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    loop = QEventLoop()
    finished_at: list[float] = []
    cancel_at: list[float] = []

    def finished(_source: object) -> None:
        finished_at.append(time.perf_counter())
        loop.quit()

    def cancel() -> None:
        cancel_at[0] = time.perf_counter()
        run.dialog.findChild(QPushButton).click()  # the 取消 button

    pages_done: list[int] = []
    run.worker.progress.connect(lambda done, _total: pages_done.append(done) if done else None)
    run.finished.connect(finished)
    run.start()
    loop.exec()
    freed = finished_at[0] - cancel_at[0] if cancel_at else float("nan")
    run.wait(300_000)
    ended = time.perf_counter() - finished_at[0]
    timer.stop()
    app.processEvents()
    return max(gaps) / 1000, freed, ended


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--dpis", type=int, nargs="+", default=[150, 200])
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages of each seed")
    ap.add_argument("--window-only", action="store_true", help="only the worker/window part")
    args = ap.parse_args()
    if args.window_only:
        window_part(args)
        return

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    ocr.engine()
    ref = reference_seconds()
    print(f"reference (one 28-character line): {ref:.3f} s\n", flush=True)
    header = (
        f"{'notice':<8}{'made as':<12}{'pages':>6}{'s/page':>8}{'max':>7}{'cpu/page':>9}"
        f"{'×ref':>7}{'chars':>9}{'deadlines':>11}{'invented':>9}"
    )
    print(header)
    print("-" * len(header))
    all_walls, all_cpu, accs = [], [], []
    total_expected = total_found = total_invented = 0
    for f in seed_files(args.seeds):
        text = f.read_text(encoding="utf-8")
        want = parse_notice(text, today=TODAY)
        laid = layout(text)
        made = list(made_pages(f, tuple(args.dpis), pages=args.pages))
        for variant in [*(("scan", d) for d in args.dpis), ("photo", 200)]:
            pages = [m for m in made if (m.kind, m.dpi) == variant]
            result, walls, cpus = read_timed([m.image for m in pages])
            if variant[0] == "photo":
                truth = laid[0].text
                recall, invented, expected = float("nan"), 0, 0
                dl = "—"
            else:
                truth = "\n".join(p.text for p in laid[: len(pages)])
                got = parse_notice(result.text, today=TODAY)
                # The whole notice against its text; a cut one (--pages) against its pages.
                base = want if len(pages) == len(laid) else parse_notice(truth, today=TODAY)
                recall, invented, expected = compare_deadlines(base, got)
                found = round(recall * expected)
                total_expected += expected
                total_found += found
                total_invented += invented
                dl = f"{found}/{expected}"
            acc = char_accuracy(result.text, truth)
            accs.append((acc, len(truth)))
            all_walls += walls
            all_cpu += cpus
            name = f"{variant[0]} {variant[1]}"
            med = statistics.median(walls)
            print(
                f"{f.stem[:3]:<8}{name:<12}{len(pages):>6}{med:>8.2f}{max(walls):>7.2f}"
                f"{statistics.median(cpus):>9.2f}{med / ref:>7.1f}{acc:>9.2%}{dl:>11}{invented:>9}",
                flush=True,
            )
        del made
    weighted = sum(a * n for a, n in accs) / sum(n for _, n in accs)
    print("-" * len(header))
    print(
        f"all {len(all_walls)} pages: median {statistics.median(all_walls):.2f} s, "
        f"max {max(all_walls):.2f} s, median CPU {statistics.median(all_cpu):.2f} s "
        f"(×ref {statistics.median(all_walls) / ref:.1f}); "
        f"character accuracy {weighted:.2%} (min {min(a for a, _ in accs):.2%}); "
        f"deadlines {total_found}/{total_expected} (recall {total_found / max(1, total_expected):.3f}), "
        f"invented {total_invented}; peak memory {peak_mb():.0f} MB"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}", flush=True)
    window_part(args)


def window_part(args: argparse.Namespace) -> None:
    pages = [m.image for m in made_pages(seed_files(args.seeds)[2], (150,), pages=3, photo=False)]
    stall, freed, ended = responsiveness(pages)
    print(
        f"window while a worker reads 3 pages: longest event-loop stall {stall * 1000:.0f} ms; "
        f"取消 during page 2 frees the window in {freed * 1000:.0f} ms, the worker thread ends "
        f"{ended:.1f} s later (the page in work is finished and dropped)"
    )
    print(f"peak memory of the run: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
