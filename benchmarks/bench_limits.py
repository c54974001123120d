"""Refusing oversized inputs (not CI): time and peak memory of the whole CLI process for the
files issue 10 named, against a normal notice read in the same run.

    python benchmarks/bench_limits.py

Each case runs ``anquanyue-cli`` as a user would, in its own process; peak memory is the
child's maximum resident set size (``os.wait4``, the figure ``/usr/bin/time -v`` reports).
POSIX only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.bad_inputs import GB, MB, docx, expanding_docx, sparse_file


def run(*args: str) -> tuple[float, float, float, int, str]:
    """(seconds, CPU seconds, peak MB, exit code, last line of output) of one CLI process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "anquanyue_desktop.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    out = proc.stdout.read().decode("utf-8", errors="replace")
    proc.stdout.close()
    # wait4: this child's own resource usage (its peak resident memory in KB on Linux).
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    lines = out.strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, lines[-1] if lines else ""


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="aqy-limits-"))
    normal = docx(folder / "通知.docx", "关于开展2024年安全生产月活动的通知\n请于6月3日前报送。")
    bomb = expanding_docx(folder / "炸弹.docx", 400 * MB)
    video = sparse_file(folder / "演练.mp4", 2 * GB, b"\x00\x00\x00\x18ftypmp42")
    names = sparse_file(folder / "名单.txt", 2 * GB, "荫城村\n".encode())
    data = folder / "data"
    subprocess.run(
        [sys.executable, "-m", "anquanyue_desktop.cli", "demo", "--data-dir", str(data)],
        capture_output=True,
        check=True,
    )
    rows = [
        ("normal .docx notice (baseline)", run("parse-notice", str(normal))),
        (f".docx {bomb.stat().st_size // 1024} KB → 400 MB", run("parse-notice", str(bomb))),
        ("2 GB sparse unit list", run("units", "--add-from", str(names), "--data-dir", str(data))),
        ("2 GB sparse text as form", run("parse-form", str(names))),
    ]
    base = rows[0][1][1]
    print(
        f"{'case':34} {'wall s':>7} {'CPU s':>6} {'×base':>6} {'peak MB':>8} {'exit':>4}  message"
    )
    for label, (s, cpu, mb, code, last) in rows:
        print(f"{label:34} {s:7.2f} {cpu:6.2f} {cpu / base:6.2f} {mb:8.0f} {code:4d}  {last[:60]}")

    # The media store is reached through the program, not the CLI: measured in-process.
    import tracemalloc

    from anquanyue_desktop.store.media import MediaRefused, MediaStore

    tracemalloc.start()
    start = time.perf_counter()
    try:
        MediaStore(folder / "media").add_file(video)
        outcome = "accepted (!)"
    except MediaRefused as exc:
        outcome = exc.message
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stored = sum(p.stat().st_size for p in (folder / "media").rglob("*") if p.is_file())
    print(
        f"2 GB sparse .mp4 as attachment: {seconds:.3f} s, Python peak {peak / MB:.1f} MB, "
        f"stored {stored} bytes: {outcome}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
