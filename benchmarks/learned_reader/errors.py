"""What the learned decision gets wrong on unseen text (leave one batch out, each batch's
kept-aside part, the reader that had not seen it; threshold 0.5): its invented deadlines by
where they fall, and its misses by whether a candidate existed.

    python benchmarks/learned_reader/errors.py 4=C4.jsonl,5=C5.jsonl,...
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn import KEPT_ASIDE, fit, load, output, predict

from tests.notice_corpus import matches, pair_up


def main() -> None:
    per = {int(k): v for k, v in (x.split("=") for x in sys.argv[1].split(","))}
    for mode in ("a0", "a", "reader"):
        fp: Counter = Counter()
        fn: Counter = Counter()
        for b, path in per.items():
            rows = load(path)
            train = [r for r in rows if r["batch"] != b]
            test = [r for r in rows if r["batch"] == b and KEPT_ASIDE.match(r["id"])]
            if mode != "reader":
                clf, vec = fit(train, "lr", mode == "a0")
                predict(clf, vec, test, mode == "a0")
            for r in test:
                out = r["reader"] if mode == "reader" else output(r, mode, 0.5)
                pairs, left = pair_up(r["expected"], out)
                missed = [e for e, hit in pairs if hit is None]
                cands = [c["value"] for c in r["candidates"]]
                for e in missed:
                    if any(matches(e, c) for c in cands):
                        fn["a candidate existed, not output"] += 1
                    else:
                        fn["no candidate (ceiling)"] += 1
                for f in left:
                    if not r["expected"]:
                        fp["in an item with no deadline"] += 1
                    elif any(
                        e["kind"] == f["kind"]
                        and (e.get("date") == f.get("date") or e["kind"] != "once")
                        for e in missed
                    ):
                        fp["a missed deadline's value, one field wrong (time, from, …)"] += 1
                    elif missed:
                        fp["beside a missed deadline, another value"] += 1
                    else:
                        fp["extra, where every deadline was found"] += 1
        print(f"\n{mode}: invented {sum(fp.values())}, missed {sum(fn.values())}")
        for k, v in fp.most_common():
            print(f"  invented: {k}: {v}")
        for k, v in fn.most_common():
            print(f"  missed: {k}: {v}")


if __name__ == "__main__":
    main()
