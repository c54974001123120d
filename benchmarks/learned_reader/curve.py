"""Does more annotated text help? Batch 9's kept-aside part (with the reader that had not
seen it) scored by the classifier trained on batches 1..k, k = 3..8, at threshold 0.5.

    python benchmarks/learned_reader/curve.py CANDS_9969e3d.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn import KEPT_ASIDE, fit, load, predict, rp, score


def main() -> None:
    rows = load(sys.argv[1])
    test = [r for r in rows if r["batch"] == 9 and KEPT_ASIDE.match(r["id"])]
    print("| trained on batches | candidates | a0 R/P | a R/P | c R/P |")
    print("|---|---|---|---|---|")
    for k in range(3, 9):
        train = [r for r in rows if r["batch"] <= k]
        cells = []
        for mode in ("a0", "a", "c"):
            clf, vec = fit(train, "lr", mode == "a0")
            predict(clf, vec, test, mode == "a0")
            r, p = rp(score(test, mode, 0.5)[0])
            cells.append(f"{r:.2f}/{p:.2f}")
        n = sum(len(r["candidates"]) for r in train)
        print(f"| 1–{k} | {n} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
