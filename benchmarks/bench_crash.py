"""Crash benchmark (not CI): N runs of a writer killed with SIGKILL at a random moment while it
saves units, imports batches, backs up and restores, all on one data folder.

After each kill the checker does what the program does at start (half files cleaned) and
counts:
- integrity failures: no ``anquanyue.db``, a file that fails the check, or a listed backup
  that is not intact;
- lost committed records: units whose commit the writer had reported (journal line written
  after the commit returned) missing from the database, restores taken into account;
- half batches: a batch of 20 units imported in one action found partly.

    python benchmarks/bench_crash.py --runs 100

The last line reads ``integrity failures / lost committed records / half batches: 0 / 0 / 0``.
POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BATCH = 20


def worker(data_dir: Path, seed: int, sabotage: bool = False) -> None:
    from anquanyue_desktop.store import Store
    from anquanyue_desktop.store.backups import (
        backups_dir_for,
        create_backup,
        list_backups,
        restore,
    )
    from anquanyue_desktop.store.paths import database_path

    rng = random.Random(seed)
    path = database_path(data_dir)
    journal = open(data_dir / f"journal-{seed}.txt", "a", encoding="utf-8")  # noqa: SIM115

    def log(line: str) -> None:
        journal.write(line + "\n")
        journal.flush()
        os.fsync(journal.fileno())

    store = Store(path)
    log("ready")
    n = 0
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.5:
            name = f"单位-{seed}-{n}"
            if sabotage:  # reported before it is committed: the checker must see losses
                log(f"commit\t{name}")
                time.sleep(0.05)
            store.units.add_names([name])
            log(f"commit\t{name}")
        elif roll < 0.75:
            names = [f"批次-{seed}-{n}-{i}" for i in range(BATCH)]
            if sabotage:  # one unit per transaction: a kill can split the batch
                for name in names:
                    store.units.add_names([name])
            else:
                store.units.add_names(names)
            log(f"batch\t{seed}-{n}\t" + "\t".join(names))
        elif roll < 0.9:
            info = create_backup(path)
            log(f"backup\t{info.path.name}")
        else:
            backups = [b for b in list_backups(backups_dir_for(path)) if not b.before_restore]
            if not backups:
                continue
            chosen = rng.choice(backups[:5])
            store.close()
            log(f"restoring\t{chosen.path.name}")
            restore(chosen.path, path)
            log(f"restored\t{chosen.path.name}")
            store = Store(path)


def _units_in(db: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM units")}
    finally:
        conn.close()


def check(data_dir: Path, seed: int, start: set[str]) -> tuple[int, int, int, set[str]]:
    from anquanyue_desktop.store import Store, StoreError
    from anquanyue_desktop.store.backups import (
        backups_dir_for,
        clean_half_files,
        list_backups,
        verify_backup,
    )
    from anquanyue_desktop.store.database import check_file
    from anquanyue_desktop.store.paths import database_path

    clean_half_files(data_dir)  # what the program does at start, holding the folder
    path = database_path(data_dir)
    backups = backups_dir_for(path)
    integrity = 0
    if not path.exists():
        return 1, 0, 0, start
    try:
        check_file(path)
        with Store(path) as s:
            now = {u.name for u in s.units.list()}
    except StoreError as exc:
        print("  integrity:", exc.message)
        return 1, 0, 0, start
    for b in list_backups(backups):
        try:
            verify_backup(b.path)
        except StoreError as exc:
            print("  backup not intact:", exc.message)
            integrity += 1

    expected = set(start)
    alternatives: list[set[str]] = []  # a restore in flight: its result is also right
    batches: list[list[str]] = []
    lines = (data_dir / f"journal-{seed}.txt").read_text(encoding="utf-8").splitlines()
    for line in lines:
        kind, *rest = line.split("\t")
        if kind == "commit":
            expected.add(rest[0])
        elif kind == "batch":
            expected.update(rest[1:])
            batches.append(rest[1:])
        elif kind == "restoring":
            alternatives = [_units_in(backups / rest[0])]
        elif kind == "restored":
            expected = _units_in(backups / rest[0])
            alternatives = []
    lost = min(len(e - now) for e in [expected, *alternatives])
    if lost:
        print(f"  lost: {sorted(expected - now)[:5]}")
    half = 0
    for names in [*batches, *_unlogged_batches(now)]:
        present = sum(1 for x in names if x in now)
        if 0 < present < len(names):
            half += 1
    return integrity, lost, half, now


def _unlogged_batches(now: set[str]) -> list[list[str]]:
    """Batches in the database whose journal line the kill prevented: checked whole too."""
    groups: dict[str, list[str]] = {}
    for name in now:
        if name.startswith("批次-"):
            groups.setdefault(name.rsplit("-", 1)[0], []).append(name)
    return [[f"{g}-{i}" for i in range(BATCH)] for g in groups]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=1.5)
    parser.add_argument("--worker", nargs=2, metavar=("DIR", "SEED"))
    parser.add_argument(
        "--sabotage",
        action="store_true",
        help="a writer that reports before committing and splits batches (the checker's check)",
    )
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[0]), int(args.worker[1]), args.sabotage)
        return 0

    from anquanyue_desktop.store import Store
    from anquanyue_desktop.store.paths import database_path
    from anquanyue_desktop.usecases.demo import install_demo

    rng = random.Random(args.seed)
    data_dir = Path(tempfile.mkdtemp(prefix="aqy-crash-"))
    with Store(database_path(data_dir)) as s:
        install_demo(s)
        now = {u.name for u in s.units.list()}
    totals = [0, 0, 0]
    started = time.monotonic()
    for run in range(1, args.runs + 1):
        seed = args.seed * 100_000 + run
        proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                str(data_dir),
                str(seed),
                *(["--sabotage"] if args.sabotage else []),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        journal = data_dir / f"journal-{seed}.txt"
        deadline = time.monotonic() + 60
        while not (journal.exists() and journal.read_text(encoding="utf-8").startswith("ready")):
            if proc.poll() is not None or time.monotonic() > deadline:
                print(proc.stderr.read().decode(errors="replace")[-2000:])
                raise SystemExit("the writer did not start")
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, args.max_delay))
        if proc.poll() is not None:
            print(f"run {run}: the writer ended by itself:")
            print(proc.stderr.read().decode(errors="replace")[-2000:])
            totals[0] += 1
            continue
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        integrity, lost, half, now = check(data_dir, seed, now)
        totals[0] += integrity
        totals[1] += lost
        totals[2] += half
        lines = journal.read_text(encoding="utf-8").count("\n")
        print(
            f"run {run:3d}: {lines - 1:3d} actions reported, units now {len(now):5d}, "
            f"failures {integrity}/{lost}/{half}"
        )
    print(f"{args.runs} runs in {time.monotonic() - started:.0f} s, data in {data_dir}")
    print(
        "integrity failures / lost committed records / half batches: "
        f"{totals[0]} / {totals[1]} / {totals[2]}"
    )
    return 1 if any(totals) else 0


if __name__ == "__main__":
    sys.exit(main())
