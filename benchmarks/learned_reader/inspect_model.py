"""What the logistic model leans on, and what shipping it would take: trained on every
batch (the current reader's candidates), its largest weights by feature family and one by
one, its size as plain weights (JSON), and the time to score a notice's candidates in plain
Python over those weights (no scikit-learn), against the reader's own time for the same
items, in the same run.

    python benchmarks/learned_reader/inspect_model.py CANDS.jsonl
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from candidates import item_rows
from learn import features, fit, load, strip_reader

from tests.notice_corpus import load as load_items
from tests.notice_corpus import parse_item


def family(name: str) -> str:
    m = re.match(r"([A-Za-z_]+?)(\d?:|=|$)", name)
    return m.group(1) if m else name


def main() -> None:
    rows = load(sys.argv[1])
    for no_reader in (False, True):
        clf, vec = fit(rows, "lr", no_reader)
        coef = clf.coef_.ravel()
        names = vec.get_feature_names_out()
        print(f"\n## {'without' if no_reader else 'with'} the reader's features")
        print(f"features {len(names)}, non-zero weights {int((coef != 0).sum())}")
        fam: dict[str, float] = defaultdict(float)
        for n, w in zip(names, coef, strict=True):
            fam[family(n)] += abs(w)
        total = sum(fam.values())
        print(
            "weight mass by family:",
            ", ".join(
                f"{k} {v / total:.0%}" for k, v in sorted(fam.items(), key=lambda x: -x[1])[:12]
            ),
        )
        order = coef.argsort()
        print(
            "most for a deadline: ",
            "  ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[::-1][:25]),
        )
        print("most against:        ", "  ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[:25]))
        if not no_reader:
            weights = {n: float(w) for n, w in zip(names, coef, strict=True) if w != 0}
            blob = json.dumps({"bias": float(clf.intercept_[0]), "w": weights}, ensure_ascii=False)
            print(f"plain weights as JSON: {len(blob.encode()) / 1024:.0f} KB")
            # Scoring in plain Python: features (already the candidate's context) and a dot
            # product, timed against the reader parsing the same items.
            items = load_items("all")
            items = [it for it in items if it["batch"] != 10]
            t0 = time.perf_counter()
            for r in rows:
                seen: set[str] = set()
                for c in r["candidates"]:
                    f = features(r, c, seen)
                    z = weights and sum(weights.get(k, 0.0) * v for k, v in f.items())
                    _p = 1 / (1 + math.exp(-(z + clf.intercept_[0])))
                    seen.add(json.dumps(c["value"], sort_keys=True))
            t_model = time.perf_counter() - t0
            t0 = time.perf_counter()
            for it in items:
                parse_item(it)
            t_reader = time.perf_counter() - t0
            t0 = time.perf_counter()
            for it in items:
                item_rows(it)
            t_cands = time.perf_counter() - t0
            kb = sum(len(it["text"].encode("utf-8")) for it in items) / 1024

            def per_kb(t: float, kb: float = kb) -> str:
                return f"{t * 1000:.0f} ms ({t * 1000 / kb:.3f} ms/KB)"

            print(
                f"{len(items)} items, {kb:.0f} KB: the reader {per_kb(t_reader)}; "
                f"candidates with their context (the reader included) {per_kb(t_cands)}; "
                f"features and scoring of {sum(len(r['candidates']) for r in rows)} candidates "
                f"in plain Python {per_kb(t_model)}; "
                f"(candidates + scoring) / reader = {(t_cands + t_model) / t_reader:.1f}"
            )
        _ = strip_reader


if __name__ == "__main__":
    main()
