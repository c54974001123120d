"""Markdown tables from learn.py's results (--out): per held-out batch, pooled, per class.

python benchmarks/learned_reader/tables.py RESULTS.json
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HISTORICAL = {
    "4": (0.69, 0.83, 71),
    "5": (0.55, 0.77, 106),
    "6": (0.68, 0.96, 75),
    "7": (0.82, 0.95, 71),
    "8": (0.80, 0.89, 99),
    "9": (0.68, 0.88, 197),
}


def rp(c: Counter) -> str:
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    return f"{r:.2f}/{p:.2f}"


def main() -> None:
    res = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    modes = [m for m in ("a0", "a", "b", "c") if m in next(iter(res["batches"].values()))]
    print(
        "| held out | deadlines | reader unseen (historical) | reader on these rows | "
        + " | ".join(f"({m}) R/P @t" for m in modes)
        + " |"
    )
    print("|---" * (4 + len(modes)) + "|")
    pooled = {m: Counter() for m in modes}
    reader_pool = Counter()
    for b, r in res["batches"].items():
        h = HISTORICAL[b]
        cells = []
        for m in modes:
            c = Counter(r[m]["counts"])
            pooled[m].update(c)
            cells.append(f"{rp(c)} @{r[m]['t']}")
        rr = r["reader"]
        n = r["n"]
        reader_pool["tp"] += round(rr[0] * n)
        reader_pool["fn"] += n - round(rr[0] * n)
        tp = round(rr[0] * n)
        reader_pool["fp"] += round(tp / rr[1] - tp) if rr[1] else 0
        print(
            f"| {b}h | {n} | {h[0]:.2f}/{h[1]:.2f} | {rr[0]:.2f}/{rr[1]:.2f} | "
            + " | ".join(cells)
            + " |"
        )
    print(
        f"| pooled | {sum(r['n'] for r in res['batches'].values())} | | {rp(reader_pool)} | "
        + " | ".join(rp(pooled[m]) for m in modes)
        + " |"
    )
    print()
    print("| class | n | " + " | ".join(f"({m}) R/P" for m in modes) + " |")
    print("|---" * (2 + len(modes)) + "|")
    by = res["by_class"]
    classes = sorted(
        {k for m in modes for k in by[m]}, key=lambda k: -by[modes[0]].get(k, {"n": 0})["n"]
    )
    for k in classes:
        n = by[modes[0]].get(k, {"n": 0})["n"]
        cells = []
        for m in modes:
            x = by[m].get(k)
            if not x:
                cells.append("")
            elif x["n"] == 0:  # invented where the annotation has none of this class
                cells.append(f"{x.get('fp', '?')} invented")
            else:
                cells.append(f"{x['rp'][0]:.2f}/{x['rp'][1]:.2f}")
        print(f"| {k} | {n} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
