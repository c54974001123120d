"""The notice reader's own time expressions against jionlp's on the real corpus sentences
(tests/data/notice_corpus): how many annotated dated deadlines each finds the date (and
time) of, how long importing takes and how long reading takes per sentence.

jionlp is no dependency of the program (see CHANGELOG for why); install it into a scratch
environment to run this: pip install jionlp.

python benchmarks/bench_timexpr_libs.py
"""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "notice_corpus" / "sentences.json"


def _dated(items):
    for it in items:
        for d in it["deadlines"]:
            if d["kind"] == "once" and d["date"]:
                yield it["text"], d["date"], d["time"]


def ours(cases):
    t0 = time.perf_counter()
    from anquanyue_desktop.domain.notice import parse_notice, to_json

    imported = time.perf_counter() - t0
    hits = 0
    t1 = time.perf_counter()
    for text, md, hm in cases:
        found = to_json(parse_notice(text, today=date(2023, 5, 1)))["deadlines"]
        hits += any(f["date"] == md and f["time"] == hm for f in found)
    return hits, imported, (time.perf_counter() - t1) / len(cases)


def jionlp(cases):
    t0 = time.perf_counter()
    import jionlp as jio

    imported = time.perf_counter() - t0
    base = time.mktime(datetime(2023, 5, 1).timetuple())
    hits = 0
    t1 = time.perf_counter()
    for text, md, hm in cases:
        ok = False
        for r in jio.ner.extract_time(text, time_base=base, with_parsing=True):
            detail = r.get("detail", {})
            times = detail.get("time")
            if detail.get("type") not in ("time_point", "time_span") or not isinstance(times, list):
                continue
            end = times[-1]  # "2023-06-10 23:59:59": the last moment of the span
            if end[5:10] != md:
                continue
            if hm is None or end[11:16] == hm:
                ok = True
        hits += ok
    return hits, imported, (time.perf_counter() - t1) / len(cases)


def main() -> None:
    cases = list(_dated(json.loads(DATA.read_text(encoding="utf-8"))))
    print(f"{len(cases)} dated deadlines in the corpus sentences")
    for name, fn in (("own timexpr (whole reader)", ours), ("jionlp ner.extract_time", jionlp)):
        try:
            hits, imported, per = fn(cases)
        except ImportError as exc:
            print(f"{name:<28} not installed ({exc})")
            continue
        print(
            f"{name:<28} {hits:3d}/{len(cases)} found  import {imported * 1000:7.0f} ms"
            f"  {per * 1000:7.2f} ms per sentence"
        )


if __name__ == "__main__":
    main()
