"""Candidates for a learned deadline decision: every time expression the reader's time layer
finds in a corpus item, turned into a deadline of the scorer's shape, with the context it
was said in (for features) and a label from the annotation.

A *candidate* is one deadline value of one item (kind, date, time, weekday, day of month,
month of quarter, from, relative): the scorer matches values, so mentions of the same value
are one candidate whose features are the union of its mentions'. The reader's own deadlines
are candidates too (flagged ``reader``), so that (b) and (c) can be scored on the same rows.

Measure only: this reads the product's private functions (the reader's ``_whens``,
``_make``, ``_verbs``); nothing here is product code. Items of batch 10 are never read.

    python -m benchmarks.learned_reader.candidates OUT.jsonl
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import os
import re
import sys
from datetime import date
from typing import Any

# READER_AT=<folder>: read with the reader extracted there (``git archive <commit>``), to give
# each held-out batch the candidates of the reader that had not seen it.
if os.environ.get("READER_AT"):
    sys.path.insert(0, os.environ["READER_AT"])
sys.path.insert(
    1 if os.environ.get("READER_AT") else 0, os.path.join(os.path.dirname(__file__), "..", "..")
)

from anquanyue_desktop.domain.notice import parse as P
from anquanyue_desktop.domain.notice import reporting as R
from anquanyue_desktop.domain.notice import timexpr as T
from anquanyue_desktop.domain.notice.model import FoundDeadline
from anquanyue_desktop.domain.notice.text import clauses, strip_ruby
from tests.notice_corpus import DEFAULT_TODAY, load, matches

try:
    from anquanyue_desktop.domain.notice.model import main_period
except ImportError:  # older readers
    main_period = None

FORBIDDEN_BATCH = 10
VALUE_KEYS = (
    "kind",
    "date",
    "time",
    "weekday",
    "day_of_month",
    "month_of_quarter",
    "from",
    "relative",
)


def _md(d: date | None) -> str | None:
    return f"{d.month:02d}-{d.day:02d}" if d else None


def as_json(d: FoundDeadline) -> dict[str, Any]:
    """The scorer's fields of a deadline, as ``to_json`` writes them."""
    rel = getattr(d, "relative_days", None)
    return {
        "kind": d.kind,
        "date": _md(d.on),
        "time": f"{d.at.hour:02d}:{d.at.minute:02d}" if d.at else None,
        "weekday": d.weekday,
        "day_of_month": d.day_of_month,
        "month_of_quarter": getattr(d, "month_of_quarter", None),
        "from": _md(d.start),
        "relative": (
            {"days": rel, "workdays": getattr(d, "relative_workdays", False)} if rel else None
        ),
    }


def value_key(d: dict[str, Any]) -> str:
    return json.dumps([d.get(k) for k in VALUE_KEYS], ensure_ascii=False, sort_keys=True)


def context_of(text: str, today: date) -> tuple[R.Context, list[FoundDeadline]]:
    """The reader's context for ``text`` built as ``parse._parse`` builds it, and the
    reader's deadlines (spans into ``text``)."""
    lay = P.build_layout(text)
    issued, _signer, signature_end = P.find_signature(lay)
    P.find_appendix(lay, signature_end)
    ordinal = P.find_ordinal(lay)
    year = P.find_year(lay, issued, ordinal, today)
    periods = P.find_periods(lay, year.value)
    attachments = P.find_attachments(lay)
    period = main_period(periods) if main_period else (periods[0] if periods else None)
    names = {f.name for f in dataclasses.fields(R.Context)}
    extra = {k: v for k, v in (("calendar", None), ("today", today)) if k in names}
    ctx = R.Context(lay, year.value, period, attachments, issued.value if issued else None, **extra)
    try:
        found = R.find_deadlines(ctx)
    except Exception:  # the reader's own guard does the same
        found = []
    return ctx, found


def _variants(w: R._When) -> list[R._When]:
    """A when read every way the reader could read it: a range as a window (its end) and
    as its dates, a month said alone as its end."""
    if w.kind == "span":
        return [dataclasses.replace(w, kind="window"), dataclasses.replace(w, kind="date")]
    if w.kind == "date" and w.phrase is not None and w.phrase.range_end is not None:
        return [w, dataclasses.replace(w, kind="window")]
    return [w]


def mentions(ctx: R.Context) -> list[dict[str, Any]]:
    """Every deadline value the time layer gives, one row per mention, with its place."""
    lay = ctx.lay
    norm = lay.norm
    out: list[dict[str, Any]] = []
    for si, seg in enumerate(lay.sents):
        sent = R._Sentence(si, seg)
        ranges = [(seg.start, seg.end)] + [(c.start, c.end) for c in clauses(norm, seg)]
        seen: set[tuple[int, int, str]] = set()
        for a, b in ranges:
            try:
                whens = R._whens(ctx, a, b)
            except Exception:
                continue
            for w in whens:
                for v in _variants(w):
                    key = (v.start, v.end, v.kind)
                    if key in seen:
                        continue
                    seen.add(key)
                    try:
                        made = R._make(ctx, sent, (seg.start, seg.end), "", v)
                    except Exception:
                        continue
                    for d in made:
                        out.append(
                            {
                                "value": as_json(d),
                                "start": v.start,
                                "end": v.end,
                                "sent": [seg.start, seg.end],
                                "when_kind": v.kind,
                                "loose": v.loose,
                                "marker": (v.phrase.tail.marker if v.phrase else "")
                                or (v.repeat.tail.marker if v.repeat else ""),
                                "prefix": v.phrase.prefix if v.phrase else "",
                                "n_dates": len(v.phrase.dates) if v.phrase else 0,
                                "reader": False,
                            }
                        )
    return out


def reader_mentions(ctx: R.Context, found: list[FoundDeadline]) -> list[dict[str, Any]]:
    lay = ctx.lay
    out = []
    for d in found:
        a, b = d.span
        ev = [e for e in getattr(d, "evidence", ()) if e[1] > e[0]]
        s, e = (min(x for x, _ in ev), max(y for _, y in ev)) if ev else (a, b)
        starts = [g.start for g in lay.sents]
        si = max(0, bisect.bisect_right(starts, s) - 1)
        seg = lay.sents[si] if lay.sents else None
        out.append(
            {
                "value": as_json(d),
                "start": s,
                "end": e,
                "sent": [seg.start, seg.end] if seg else [a, b],
                "when_kind": "reader",
                "loose": False,
                "marker": "",
                "prefix": "",
                "n_dates": 0,
                "reader": True,
                "unsure": d.unsure,
                "confidence": getattr(d, "confidence", 1.0),
            }
        )
    return out


def verbs_of(ctx: R.Context, seg: tuple[int, int]) -> list[dict[str, Any]]:
    norm = ctx.lay.norm
    out = []
    for a, b in [seg] + [(c.start, c.end) for c in clauses(norm, R.Seg(*seg))]:
        try:
            vs = R._verbs(ctx, a, b)
        except Exception:
            continue
        for v in vs:
            out.append(
                {
                    "start": v.start,
                    "end": v.end,
                    "text": norm[v.start : v.end],
                    "label": getattr(v, "label", False),
                    "weak": getattr(v, "weak", False),
                }
            )
    uniq = {(v["start"], v["end"]): v for v in out}
    return sorted(uniq.values(), key=lambda v: v["start"])


_CLAUSE_STOP = "，,；;。：:\n"
# A start said for a repeat: 3月16日起 / 自6月1日开始 / 从2010年起.
_FROM_DATE = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?\s*(?:起|开始)")
_FROM_YEAR = re.compile(r"(?:从|自)\s*\d{4}\s*年\s*(?:度\s*)?(?:起|开始)")


def alternatives(ctx: R.Context, layer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """OVERGEN=1: each candidate's value read the other ways its words allow — a date with
    and without the clock time said in its clause, a repeat with and without a start said in
    its sentence or the one before — so that a wrong field becomes a choice."""
    norm = ctx.lay.norm
    out = []
    for m in layer:
        v = m["value"]
        alts: list[tuple[str, dict[str, Any]]] = []
        a, b = m["start"], m["end"]
        if v["kind"] == "once" and v["date"]:
            if v["time"]:
                alts.append(("~notime", dict(v, time=None)))
            else:
                ca, cb = a, b
                while ca > 0 and norm[ca - 1] not in _CLAUSE_STOP:
                    ca -= 1
                while cb < len(norm) and norm[cb] not in _CLAUSE_STOP:
                    cb += 1
                for t in T.TIME_PATTERN.finditer(norm, ca, cb):
                    at = T.parse_time(t)
                    if at is not None and not (a <= t.start() < b):
                        alts.append(("~time", dict(v, time=f"{at.hour:02d}:{at.minute:02d}")))
        elif v["kind"] in ("daily", "weekly", "monthly", "quarterly"):
            if v["from"]:
                alts.append(("~nofrom", dict(v, **{"from": None})))
            sa = m["sent"][0]
            look = max(0, sa - 200)
            for f in _FROM_DATE.finditer(norm, look, a):
                mo, d = int(f["m"]), int(f["d"])
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    alts.append(("~from", dict(v, **{"from": f"{mo:02d}-{d:02d}"})))
            if _FROM_YEAR.search(norm, look, a):
                alts.append(("~from", dict(v, **{"from": "01-01"})))
        for suffix, alt in alts:
            if alt != v:
                out.append(dict(m, value=alt, when_kind=m["when_kind"] + suffix))
    return out


def item_rows(item: dict[str, Any]) -> dict[str, Any]:
    issued = item.get("issued_on")
    today = date.fromisoformat(issued) if issued else DEFAULT_TODAY
    text = item["text"]
    ruby = strip_ruby(text)
    if ruby is not None:
        text = ruby[0]
    ctx, found = context_of(text, today)
    layer = mentions(ctx)
    if os.environ.get("OVERGEN"):
        layer += alternatives(ctx, layer)
    own = reader_mentions(ctx, found)
    # One candidate per value and sentence (mentions of one value in one sentence are one
    # candidate, its features the union of theirs; a table's rows are sentences of their
    # own). A deadline of the reader's joins the time layer's candidate of the same value
    # that lies inside its span; it counts its copies (同上 rows: one value, several rows).
    groups: dict[tuple[str, int], dict[str, Any]] = {}
    for m in layer:
        k = (value_key(m["value"]), m["sent"][0])
        g = groups.setdefault(k, {"value": m["value"], "mentions": [], "reader_count": 0})
        g["mentions"].append(m)
    for m, d in zip(own, found, strict=True):
        vk = value_key(m["value"])
        a, b = d.span
        inside = [
            k
            for k, g in groups.items()
            if k[0] == vk
            and any(
                a <= x["start"] < b or m["start"] <= x["start"] < m["end"] for x in g["mentions"]
            )
        ]
        k = inside[0] if inside else (vk, m["sent"][0])
        g = groups.setdefault(k, {"value": m["value"], "mentions": [], "reader_count": 0})
        g["mentions"].append(m)
        g["reader_count"] += 1
    cands = sorted(groups.values(), key=lambda g: min(x["start"] for x in g["mentions"]))
    for c in cands:
        c["copies"] = max(1, c["reader_count"])
        c["label"] = 0
    # Labels one to one, as the scorer matches: each expected deadline takes a candidate
    # that matches it and has a copy left, the reader's first, else the earliest.
    for e in item["deadlines"]:
        free = [c for c in cands if c["label"] < c["copies"] and matches(e, c["value"])]
        if free:
            c = max(free, key=lambda c: c["reader_count"] > 0)
            c["label"] += 1
            c.setdefault("label_class", e["class"])
    sents = sorted({tuple(m["sent"]) for m in layer + own})
    verbs = {f"{a},{b}": verbs_of(ctx, (a, b)) for a, b in sents}
    return {
        "id": item["id"],
        "batch": item["batch"],
        "kind_of_item": item["kind_of_item"],
        "norm": ctx.lay.norm,
        "issued": ctx.issued.isoformat() if ctx.issued else None,
        "expected": [{k: e.get(k) for k in (*VALUE_KEYS, "class")} for e in item["deadlines"]],
        "reader": [as_json(d) for d in found],
        "candidates": cands,
        "verbs": verbs,
    }


def main() -> None:
    out_path = sys.argv[1]
    items = [it for it in load("all") if it["batch"] != FORBIDDEN_BATCH]
    with open(out_path, "w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(item_rows(it), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
