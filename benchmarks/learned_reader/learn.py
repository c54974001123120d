"""Leave one batch out: a learned decision over the time layer's candidates, scored with the
corpus scorer's matching on the batch left out (batches 4–9).

    python benchmarks/learned_reader/learn.py CANDS.jsonl [--model lr|gbt] [--out RESULTS.json]
    python benchmarks/learned_reader/learn.py --per-batch 4=C4.jsonl,5=C5.jsonl,... [...]

The test set of batch k is its part kept aside while it was collected (ids ``s4h…``; the
figures the reader scored once, unseen); training takes every item of the other batches.
With ``--per-batch``, each held-out batch's rows (training and test) are the candidates of
the reader as it was when that batch was scored (``candidates.py`` with READER_AT), so that
neither the time layer nor the reader had seen the test text.

Modes, for each held-out batch:
  a   classifier alone: every candidate with p >= t (its copies);
  a0  the same, trained without any feature of the reader's output (time layer + context);
  b   the reader's deadlines whose candidate has p >= t;
  c   the reader's deadlines, and every other candidate with p >= t.
The threshold each batch is scored at is chosen on the training batches only (an inner leave
one batch out over them, the t with the best F1); the table per threshold is printed too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.notice_corpus import pair_up

HELD = (4, 5, 6, 7, 8, 9)
THRESHOLDS = [round(x, 2) for x in np.arange(0.05, 0.96, 0.05)]
# The reader's unseen scores (recall, precision), each batch scored once while kept aside.
HISTORICAL = {
    4: (0.69, 0.83),
    5: (0.55, 0.77),
    6: (0.68, 0.96),
    7: (0.82, 0.95),
    8: (0.80, 0.89),
    9: (0.68, 0.88),
}
WIN = 12
C_LR = 1.0
PENALTY = "l2"
KEPT_ASIDE = re.compile(r"^[sn][4-9]h")
CLAUSE_STOP = "，,；;。：:\n"
READER_FEATURES = ("reader", "reader_unsure", "reader_conf", "reader_only")


def grams(prefix: str, s: str, n_max: int = 3) -> list[str]:
    out = []
    for n in range(1, n_max + 1):
        for i in range(len(s) - n + 1):
            out.append(f"{prefix}{n}:{s[i : i + n]}")
    return out


def bin_of(x: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if x <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def clause_of(norm: str, a: int, b: int) -> tuple[int, int]:
    s = a
    while s > 0 and norm[s - 1] not in CLAUSE_STOP:
        s -= 1
    e = b
    while e < len(norm) and norm[e] not in CLAUSE_STOP:
        e += 1
    return s, e


def features(row: dict[str, Any], cand: dict[str, Any], seen_values: set[str]) -> dict[str, float]:
    norm = row["norm"]
    f: dict[str, float] = {}
    v = cand["value"]
    f[f"kind={v['kind']}"] = 1
    f["has_time"] = float(v["time"] is not None)
    f["has_from"] = float(v["from"] is not None)
    f["has_relative"] = float(v["relative"] is not None)
    f[f"item={row['kind_of_item']}"] = 1
    f[f"n_cands={bin_of(len(row['candidates']), (1, 2, 3, 5, 10, 20))}"] = 1
    vk = json.dumps(v, sort_keys=True)
    f["value_said_before"] = float(vk in seen_values)
    layer = [m for m in cand["mentions"] if not m["reader"]]
    own = [m for m in cand["mentions"] if m["reader"]]
    if own:
        f["reader"] = 1
        f["reader_unsure"] = float(any(m.get("unsure") for m in own))
        f["reader_conf"] = min(m.get("confidence", 1.0) for m in own)
        if not layer:
            f["reader_only"] = 1
    f[f"n_mentions={bin_of(len(layer), (0, 1, 2, 3))}"] = 1
    for m in layer or own:
        a, b = m["start"], m["end"]
        f[f"when={m['when_kind']}"] = 1
        if m["marker"]:
            f[f"marker={m['marker']}"] = 1
        if m["prefix"]:
            f[f"prefix={m['prefix']}"] = 1
        if m["loose"]:
            f["loose"] = 1
        if m["n_dates"] > 1:
            f["listed"] = 1
        left = norm[max(0, a - WIN) : a]
        right = norm[b : b + WIN]
        for g in grams("L", left[-6:]) + grams("R", right[:6]):
            f[g] = 1
        for g in grams("LL", left, 2) + grams("RR", right, 2):
            f[g] = 1
        for g in grams("W", norm[a:b][:16], 2):
            f[g] = 1
        ca, cb = clause_of(norm, a, b)
        for g in grams("C", norm[ca:cb][:60], 2):
            f[g] = 1
        sa, sb = m["sent"]
        f[f"sent_len={bin_of(sb - sa, (20, 50, 100, 200, 400))}"] = 1
        verbs = row["verbs"].get(f"{sa},{sb}", [])
        if not verbs:
            f["no_verb_in_sentence"] = 1
            continue
        before = [x for x in verbs if x["end"] <= a]
        after = [x for x in verbs if x["start"] >= b]
        for side, near in (("VB", before[-1:]), ("VA", after[:1])):
            for x in near:
                gap = norm[x["end"] : a] if side == "VB" else norm[b : x["start"]]
                f[f"{side}={x['text']}"] = 1
                f[f"{side}_dist={bin_of(len(gap), (0, 2, 5, 10, 20, 40))}"] = 1
                f[f"{side}_label"] = float(x["label"])
                f[f"{side}_weak"] = float(x["weak"])
                stops = sum(gap.count(c) for c in "，,；;。")
                f[f"{side}_stops={min(stops, 3)}"] = 1
                f[f"{side}_colon"] = float(":" in gap or "：" in gap)
                for g in grams(f"{side}g", gap[:20], 2):
                    f[g] = 1
        f[f"verbs_in_sentence={bin_of(len(verbs), (1, 2, 4))}"] = 1
    return f


def load(path: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    assert all(r["batch"] != 10 for r in rows)
    for r in rows:
        seen: set[str] = set()
        for c in r["candidates"]:
            c["feats"] = features(r, c, seen)
            seen.add(json.dumps(c["value"], sort_keys=True))
    return rows


def strip_reader(f: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in f.items() if k not in READER_FEATURES and k != "when=reader"}


def _csr32(m: Any) -> Any:
    m = m.tocsr()
    m.indices = m.indices.astype(np.int32)
    m.indptr = m.indptr.astype(np.int32)
    return m


def fit(rows: list[dict[str, Any]], model: str, no_reader: bool) -> tuple[Any, DictVectorizer]:
    X, y = [], []
    for r in rows:
        for c in r["candidates"]:
            X.append(strip_reader(c["feats"]) if no_reader else c["feats"])
            y.append(int(c["label"] > 0))
    vec = DictVectorizer()
    Xm = _csr32(vec.fit_transform(X))
    if model == "gbt":
        from sklearn.ensemble import HistGradientBoostingClassifier

        # Keep the features seen at least 20 times (the trees need a dense matrix; a
        # shared 2-core machine: small).
        counts = np.asarray((Xm != 0).sum(axis=0)).ravel()
        keep = np.where(counts >= 20)[0]
        clf = HistGradientBoostingClassifier(
            max_iter=100, learning_rate=0.1, max_leaf_nodes=15, random_state=0
        )
        clf.fit(Xm[:, keep].toarray(), y)
        clf.keep_ = keep  # type: ignore[attr-defined]
    else:
        clf = LogisticRegression(
            C=C_LR, max_iter=3000, solver="liblinear", l1_ratio=1.0 if PENALTY == "l1" else 0.0
        )
        clf.fit(Xm, y)
    return clf, vec


def predict(clf: Any, vec: DictVectorizer, rows: list[dict[str, Any]], no_reader: bool) -> None:
    X = [
        strip_reader(c["feats"]) if no_reader else c["feats"] for r in rows for c in r["candidates"]
    ]
    if not X:
        return
    Xm = _csr32(vec.transform(X))
    if hasattr(clf, "keep_"):
        p = clf.predict_proba(Xm[:, clf.keep_].toarray())[:, 1]
    else:
        p = clf.predict_proba(Xm)[:, 1]
    i = 0
    for r in rows:
        for c in r["candidates"]:
            c["p"] = float(p[i])
            i += 1


def output(r: dict[str, Any], mode: str, t: float) -> list[dict[str, Any]]:
    out = []
    for c in r["candidates"]:
        if mode in ("a", "a0"):
            if c["p"] >= t:
                out += [c["value"]] * c["copies"]
        elif mode == "b":
            if c["reader_count"] and c["p"] >= t:
                out += [c["value"]] * c["reader_count"]
        elif mode == "c":
            if c["reader_count"]:
                out += [c["value"]] * c["reader_count"]
            elif c["p"] >= t:
                out.append(c["value"])
    return out


def score(rows: list[dict[str, Any]], mode: str, t: float) -> tuple[Counter, dict[str, Counter]]:
    tot: Counter = Counter()
    by_class: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        out = output(r, mode, t) if mode != "reader" else r["reader"]
        pairs, left = pair_up(r["expected"], out)
        for e, hit in pairs:
            if hit is None:
                tot["fn"] += 1
                by_class[e["class"]]["fn"] += 1
            else:
                tot["tp"] += 1
                by_class[e["class"]]["tp"] += 1
        tot["fp"] += len(left)
        for f in left:
            cls = next((e["class"] for e in r["expected"] if e["kind"] == f["kind"]), None)
            by_class[cls or ("none" if not r["expected"] else f["kind"])]["fp"] += 1
    return tot, by_class


def rp(c: Counter) -> tuple[float, float]:
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    return r, p


def f1(c: Counter) -> float:
    r, p = rp(c)
    return 2 * r * p / (r + p) if r + p else 0.0


def choose_t(train: list[dict[str, Any]], mode: str, model: str) -> float:
    """The threshold with the best pooled F1 over an inner leave one batch out of ``train``."""
    batches = sorted({r["batch"] for r in train})
    pooled = {t: Counter() for t in THRESHOLDS}
    for b in batches:
        inner_tr = [r for r in train if r["batch"] != b]
        inner_te = [r for r in train if r["batch"] == b]
        clf, vec = fit(inner_tr, model, mode == "a0")
        predict(clf, vec, inner_te, mode == "a0")
        for t in THRESHOLDS:
            pooled[t].update(score(inner_te, mode, t)[0])
    return max(THRESHOLDS, key=lambda t: (f1(pooled[t]), -abs(t - 0.5)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cands", nargs="?")
    ap.add_argument("--per-batch", help="4=path,5=path,…: each held-out batch's own rows")
    ap.add_argument("--model", choices=("lr", "gbt"), default="lr")
    ap.add_argument("--modes", default="a0,a,b,c")
    ap.add_argument("--inner", action="store_true", help="choose t by inner LOBO (slower)")
    ap.add_argument("--out")
    ap.add_argument("--with-dev", action="store_true", help="train on the batch's dev part too")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--penalty", choices=("l1", "l2"), default="l2")
    args = ap.parse_args()
    global C_LR, PENALTY
    C_LR, PENALTY = args.C, args.penalty
    per: dict[int, str] = {}
    if args.per_batch:
        per = {int(k): v for k, v in (x.split("=") for x in args.per_batch.split(","))}
    cache: dict[str, list[dict[str, Any]]] = {}

    def rows_for(b: int) -> list[dict[str, Any]]:
        path = per.get(b, args.cands)
        if path not in cache:
            cache[path] = load(path)
        return cache[path]

    modes = args.modes.split(",")
    results: dict[str, Any] = {"model": args.model, "batches": {}, "curve": {}}
    curve = {m: {t: Counter() for t in THRESHOLDS} for m in modes}
    class_tot = {m: defaultdict(Counter) for m in modes}
    for b in HELD:
        rows = rows_for(b)
        test = [r for r in rows if r["batch"] == b and KEPT_ASIDE.match(r["id"])]
        if args.with_dev:  # the batch's development part too, as the reader had it
            train = [r for r in rows if not (r["batch"] == b and KEPT_ASIDE.match(r["id"]))]
        else:
            train = [r for r in rows if r["batch"] != b]
        res: dict[str, Any] = {
            "reader": rp(score(test, "reader", 0)[0]),
            "n": sum(len(r["expected"]) for r in test),
        }
        for m in modes:
            clf, vec = fit(train, args.model, m == "a0")
            predict(clf, vec, test, m == "a0")
            for t in THRESHOLDS:
                curve[m][t].update(score(test, m, t)[0])
            t = choose_t(train, m, args.model) if args.inner else 0.5
            tot, by_class = score(test, m, t)
            for k, c in by_class.items():
                class_tot[m][k].update(c)
            res[m] = {"t": t, "rp": rp(tot), "counts": dict(tot)}
        results["batches"][b] = res
        line = " ".join(
            f"{m}@{res[m]['t']}={res[m]['rp'][0]:.2f}/{res[m]['rp'][1]:.2f}" for m in modes
        )
        hist = HISTORICAL[b]
        rr = res["reader"]
        print(
            f"batch {b}h ({res['n']}): unseen reader {hist[0]:.2f}/{hist[1]:.2f}, these rows' "
            f"reader {rr[0]:.2f}/{rr[1]:.2f}  {line}",
            flush=True,
        )
    for m in modes:
        print(f"\n{m}: threshold  recall  precision (pooled over batches 4-9 held out)")
        for t in THRESHOLDS:
            r, p = rp(curve[m][t])
            print(f"  {t:.2f}  {r:.3f}  {p:.3f}")
        results["curve"][m] = {str(t): rp(curve[m][t]) for t in THRESHOLDS}
        results.setdefault("by_class", {})[m] = {
            k: {"rp": rp(c), "n": c["tp"] + c["fn"], **dict(c)} for k, c in class_tot[m].items()
        }
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
