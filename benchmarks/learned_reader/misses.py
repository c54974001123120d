"""Where the candidates miss on unseen text: each kept-aside part's annotated deadlines that
no candidate of the reader that had not seen it matches, by cause and class.

    python benchmarks/learned_reader/misses.py 4=C4.jsonl,5=C5.jsonl,... [--list]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.notice_corpus import pair_up

FIELDS = ("kind", "date", "time", "day_of_month", "month_of_quarter", "weekday", "from", "relative")
KEPT_ASIDE = re.compile(r"^[sn][4-9]h")


def differing(e: dict, f: dict) -> list[str]:
    return [
        k
        for k in FIELDS
        if e.get(k) != f.get(k)
        and not (k == "from" and not e.get("from"))
        and not (k == "weekday" and e["kind"] != "weekly")
    ]


def cause(e: dict, cands: list[dict]) -> str:
    if not cands:
        return "no time expression read in the item"
    best = min((differing(e, f) for f in cands), key=len)
    if not best:
        return "same value said twice"
    if len(best) == 1:
        return f"read, but its {best[0]} differs"
    return "no candidate near that value"


def main() -> None:
    per = dict(x.split("=") for x in sys.argv[1].split(","))
    why: Counter = Counter()
    by_class: dict[str, Counter] = defaultdict(Counter)
    n: Counter = Counter()
    listed = []
    for b, path in per.items():
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r["batch"] != int(b) or not KEPT_ASIDE.match(r["id"]):
                continue
            copies = [c["value"] for c in r["candidates"] for _ in range(c["copies"])]
            cands = [c["value"] for c in r["candidates"]]
            for e, hit in pair_up(r["expected"], copies)[0]:
                n[e["class"]] += 1
                if hit is not None:
                    continue
                c = cause(e, cands)
                why[c] += 1
                by_class[e["class"]][c] += 1
                listed.append((b, r["id"], e["class"], c, e["kind"], e.get("date"), e.get("time")))
    print(sum(why.values()), "missing of", sum(n.values()))
    for k, v in why.most_common():
        print(v, k)
    print()
    for k in sorted(by_class, key=lambda k: -sum(by_class[k].values())):
        print(k, n[k], dict(by_class[k]))
    if "--list" in sys.argv:
        for x in listed:
            print(x)


if __name__ == "__main__":
    main()
