"""The candidate ceiling: what share of the annotated deadlines has a matching candidate,
overall, per batch and per class; and the reader's own score on the same rows (a check that
the rows reproduce the scorer).

    python benchmarks/learned_reader/ceiling.py CANDS.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.notice_corpus import pair_up

KEPT_ASIDE = re.compile(r"^[sn][4-9]h")  # batches 4-9: the part kept aside while collected


def batch_key(r: dict) -> str:
    """Batches 1-3 whole; from batch 4 on, the kept-aside part (``4h``, scored once
    while unseen) apart from the development part (``4d``)."""
    b = r["batch"]
    if b < 4:
        return str(b)
    return f"{b}{'h' if KEPT_ASIDE.match(r['id']) else 'd'}"


def score(expected: list[dict], found: list[dict]) -> tuple[int, int, int]:
    pairs, left = pair_up(expected, found)
    tp = sum(hit is not None for _e, hit in pairs)
    return tp, len(pairs) - tp, len(left)


def main() -> None:
    rows = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
    by_batch: dict[str, Counter] = defaultdict(Counter)
    by_class: dict[str, Counter] = defaultdict(Counter)
    missing: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        b = batch_key(r)
        cands = [c["value"] for c in r["candidates"] for _ in range(c["copies"])]
        tp, fn, _ = score(r["expected"], cands)
        by_batch[b]["n"] += tp + fn
        by_batch[b]["cov"] += tp
        by_batch[b]["cands"] += len(cands)
        by_batch[b]["pos"] += sum(c["label"] for c in r["candidates"])
        rtp, rfn, rfp = score(r["expected"], r["reader"])
        by_batch[b]["rtp"] += rtp
        by_batch[b]["rfn"] += rfn
        by_batch[b]["rfp"] += rfp
        for e, hit in pair_up(r["expected"], cands)[0]:
            by_class[e["class"]]["n"] += 1
            if hit is not None:
                by_class[e["class"]]["cov"] += 1
            else:
                missing[e["class"]].append(f"{r['id']} {b} {e['kind']} {e.get('date')}")
    tot: Counter = Counter()
    print(
        "| batch | deadlines | covered | ceiling | candidates | positives | reader R/P (now, tuned) |"
    )
    print("|---|---|---|---|---|---|---|")
    for b in sorted(by_batch):
        c = by_batch[b]
        tot.update(c)
        rr = c["rtp"] / max(1, c["rtp"] + c["rfn"])
        rp = c["rtp"] / max(1, c["rtp"] + c["rfp"])
        print(
            f"| {b} | {c['n']} | {c['cov']} | {c['cov'] / max(1, c['n']):.3f} | {c['cands']} "
            f"| {c['pos']} | {rr:.2f}/{rp:.2f} |"
        )
    c = tot
    rr = c["rtp"] / max(1, c["rtp"] + c["rfn"])
    rp = c["rtp"] / max(1, c["rtp"] + c["rfp"])
    print(
        f"| all | {c['n']} | {c['cov']} | {c['cov'] / max(1, c['n']):.3f} | {c['cands']} "
        f"| {c['pos']} | {rr:.2f}/{rp:.2f} |"
    )
    print()
    print("| class | deadlines | covered | ceiling |")
    print("|---|---|---|---|")
    for k in sorted(by_class, key=lambda k: -by_class[k]["n"]):
        c = by_class[k]
        print(f"| {k} | {c['n']} | {c['cov']} | {c['cov'] / c['n']:.3f} |")
    if "--missing" in sys.argv:
        for k, v in missing.items():
            print(k, len(v))
            for x in v:
                print("   ", x)


if __name__ == "__main__":
    main()
