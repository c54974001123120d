"""Times what the clerk waits for: opening the database, the start-up backup, listing units,
saving the units table, and the roster exports, on a county-scale dataset.

    python benchmarks/bench_startup.py [--data-dir DIR] [--repeat 5]

Prints the median of each step. Without --data-dir a temporary dataset is built first.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

from make_dataset import build

from anquanyue_desktop.exports.roster import write_roster_pdf, write_roster_xlsx
from anquanyue_desktop.store import Store
from anquanyue_desktop.store.backups import create_backup
from anquanyue_desktop.store.paths import database_path


def timed(label: str, fn: Callable[[], object], repeat: int) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    print(
        f"{label:<34} median {statistics.median(runs) * 1000:8.1f} ms   max {max(runs) * 1000:8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tmp = None
    if args.data_dir:
        data_dir = Path(args.data_dir)
        if not database_path(data_dir).exists():
            build(data_dir)
    else:
        tmp = tempfile.TemporaryDirectory()
        data_dir = Path(tmp.name)
        build(data_dir)
    path = database_path(data_dir)
    n = args.repeat

    timed("open (version+integrity+migrate)", lambda: Store(path).close(), n)
    with Store(path) as store:
        units = store.units.list()
        campaign = store.campaigns.list()[0]
        print(f"dataset: {len(units)} units, {len(store.campaigns.list())} campaigns")
        timed("list units", store.units.list, n)
        timed("save whole units table", lambda: store.units.save_all(units), n)
        timed(
            "start-up backup", lambda: create_backup(path, directory=data_dir / "bench-backups"), n
        )
        from datetime import datetime

        from anquanyue_desktop.usecases.board import load_board

        at = datetime(campaign.year, 6, 15, 9, 0)
        timed("load board (dashboard/grid)", lambda: load_board(store, campaign, at), n)
        active = [u for u in units if u.active]
        timed(
            "roster PDF (first, fonts load)",
            lambda: write_roster_pdf(campaign, active, BytesIO(), generated_on=date.today()),
            1,
        )
        timed(
            "roster PDF",
            lambda: write_roster_pdf(campaign, active, BytesIO(), generated_on=date.today()),
            n,
        )
        timed(
            "roster xlsx",
            lambda: write_roster_xlsx(campaign, active, BytesIO(), generated_on=date.today()),
            n,
        )
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
