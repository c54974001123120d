"""The budget runner: every measure of ``benchmarks/measures/`` on the county dataset, as ratios
against baselines taken in the same run, a table, and a non-zero exit when a budget is missed.

    python benchmarks/run.py [--data-root DIR] [--scales 1,4,16] [--only TEXT] [--rebuild]

The dataset of each scale (600 units × scale, 10,000 activities × scale per campaign) is built
once into ``--data-root`` and reused. Measures marked for growth run at every scale; the
exponent of their growth from the smallest to each larger scale must stay ≤ 1.1 (linear).
Not a test: CI does not run it (timings need a quiet machine).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_dataset import build  # noqa: E402
from measures import GROWTH_BUDGET, Context, Measure, discover  # noqa: E402

from anquanyue_desktop.store.paths import database_path  # noqa: E402

DEFAULT_ROOT = Path(tempfile.gettempdir()) / "anquanyue-bench"


def dataset(root: Path, scale: int, rebuild: bool) -> Path:
    data_dir = root / f"county-x{scale}"
    marker = data_dir / "complete"
    if rebuild or not marker.exists():
        import shutil

        if data_dir.exists():
            shutil.rmtree(data_dir)
        start = time.perf_counter()
        # Above 1×, two campaigns: enough to switch, and the build stays within minutes.
        build(
            data_dir,
            units=600 * scale,
            campaigns=5 if scale == 1 else 2,
            activities=10_000 * scale,
        )
        marker.write_text("ok")
        print(f"built {data_dir} in {time.perf_counter() - start:.0f} s", flush=True)
    assert database_path(data_dir).exists()
    return data_dir


def fmt(value: float, unit: str) -> str:
    return f"{value:.2f}×" if unit == "×" else f"{value:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--only", help="run only measures whose name contains this")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",")})
    measures: list[Measure] = [m for m in discover() if not args.only or args.only in m.name]
    args.data_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-work-"))

    rows: list[tuple[str, str, str, str, bool]] = []
    growth: dict[str, dict[int, float]] = {}
    for scale in scales:
        ctx = Context(dataset(args.data_root, scale, args.rebuild), scale, work)
        for m in measures:
            if scale != scales[0] and not m.growth:
                continue
            try:
                value = m.run(ctx)
            except Exception as exc:  # a broken measure is a missed budget, not a crash
                print(f"{m.name} at {scale}×: failed: {exc!r}", flush=True)
                value = math.inf
            if m.growth:
                growth.setdefault(m.name, {})[scale] = value
            if scale == scales[0]:
                ok = value <= m.budget
                rows.append((m.name, fmt(value, m.unit), f"≤ {fmt(m.budget, m.unit)}", "", ok))
            print(f"  {m.name} @{scale}×: {fmt(value, m.unit)}", flush=True)
        for closer in ctx.shared.get("closers", []):
            closer()

    base = scales[0]
    for name, by_scale in growth.items():
        for scale in scales[1:]:
            if scale not in by_scale or by_scale[base] in (0, math.inf):
                continue
            exponent = math.log(by_scale[scale] / by_scale[base]) / math.log(scale / base)
            ok = exponent <= GROWTH_BUDGET
            rows.append(
                (
                    f"growth {base}×→{scale}×: {name}",
                    f"exponent {exponent:.2f}",
                    f"≤ {GROWTH_BUDGET}",
                    f"{fmt(by_scale[base], 'ms')} → {fmt(by_scale[scale], 'ms')}",
                    ok,
                )
            )

    width = max(len(r[0]) for r in rows) if rows else 10
    print()
    print(f"| {'measure':<{width}} | result | budget | detail | ok |")
    print(f"|{'-' * (width + 2)}|---|---|---|---|")
    for name, value, budget, detail, ok in rows:
        print(f"| {name:<{width}} | {value} | {budget} | {detail} | {'yes' if ok else 'NO'} |")
    missed = [r[0] for r in rows if not r[4]]
    if missed:
        print(f"\nmissed budgets: {', '.join(missed)}")
        return 1
    print("\nall budgets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
