"""Score the notice reader on real text from public pages (tests/data/notice_corpus/).

Every item there was copied from a public web page (its address is in ``source``) and its
deadlines annotated by hand in the shape ``parse-notice --json`` prints, plus a ``class``
naming the kind of phrasing. Sentences marked ``no_deadline`` state none (及时报送 alone, a
date of an event, a window that is no delivery) and measure precision. Items with
``held_out`` set are the part kept aside: score them only to see whether the reader
generalises, never to tune it (README.md there says which part and when it was scored).

    python -m tests.notice_corpus [--part dev|held_out|all] [--failures] [--leftovers]

prints recall and precision overall and per phrase class; ``--leftovers`` (dev part only)
how far the review's 可能遗漏 list catches the deadlines the reader misses, and its noise.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from anquanyue_desktop.domain.notice import NoticeDraft, parse_notice, to_json

DATA = Path(__file__).parent / "data" / "notice_corpus"
DEFAULT_TODAY = date(2023, 5, 1)
# The fields a found deadline must agree on with the annotation. ``from`` counts only
# where the annotation gives one (a notice's sentence alone has no campaign period).
KEY_FIELDS = ("kind", "date", "time", "day_of_month", "month_of_quarter")


def load(part: str = "all") -> list[dict[str, Any]]:
    """Sentences and whole notices, each with ``kind_of_item`` set; ``part`` is dev,
    held_out or all."""
    items = []
    for name, kind in (("sentences.json", "sentence"), ("notices.json", "notice")):
        for it in json.loads((DATA / name).read_text(encoding="utf-8")):
            it["kind_of_item"] = kind
            if part == "all" or (part == "held_out") == bool(it["held_out"]):
                items.append(it)
    return items


def _relative(d: dict[str, Any]) -> tuple[Any, Any] | None:
    r = d.get("relative")
    return (r.get("days"), bool(r.get("workdays"))) if r else None


def matches(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    for k in KEY_FIELDS:
        if expected.get(k) != found.get(k):
            return False
    if expected["kind"] == "weekly" and expected.get("weekday") != found.get("weekday"):
        return False
    if expected.get("from") and expected["from"] != found.get("from"):
        return False
    return _relative(expected) == _relative(found)


def pair_up(
    expected: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any] | None]], list[dict[str, Any]]]:
    """Each annotated deadline with the first found one it matches (or None), one to one,
    and the found ones left over (invented)."""
    left = list(found)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for e in expected:
        hit = next((f for f in left if matches(e, f)), None)
        if hit is not None:
            left.remove(hit)
        pairs.append((e, hit))
    return pairs, left


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


@dataclass
class Report:
    overall: Score = field(default_factory=Score)
    by_class: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    failures: list[str] = field(default_factory=list)
    items: int = 0
    expected: int = 0


def _found_class(item: dict[str, Any], found: dict[str, Any]) -> str:
    if item.get("no_deadline"):
        return "none"
    same_kind = [e["class"] for e in item["deadlines"] if e["kind"] == found["kind"]]
    return same_kind[0] if same_kind else found["kind"]


def parse_draft(item: dict[str, Any]) -> NoticeDraft:
    issued = item.get("issued_on")
    today = date.fromisoformat(issued) if issued else DEFAULT_TODAY
    return parse_notice(item["text"], today=today)


def parse_item(item: dict[str, Any]) -> list[dict[str, Any]]:
    return to_json(parse_draft(item))["deadlines"]


def score(items: list[dict[str, Any]]) -> Report:
    rep = Report()
    for item in items:
        rep.items += 1
        pairs, left = pair_up(item["deadlines"], parse_item(item))
        for e, hit in pairs:
            rep.expected += 1
            cls = rep.by_class[e["class"]]
            if hit is not None:
                rep.overall.tp += 1
                cls.tp += 1
            else:
                rep.overall.fn += 1
                cls.fn += 1
                rep.failures.append(f"{item['id']} missed {_brief(e)}")
        for f in left:
            rep.overall.fp += 1
            rep.by_class[_found_class(item, f)].fp += 1
            rep.failures.append(f"{item['id']} invented {_brief(f)}")
    return rep


def _brief(d: dict[str, Any]) -> str:
    keys = ("kind", "date", "time", "weekday", "day_of_month", "month_of_quarter", "from")
    when = " ".join(f"{k}={d.get(k)}" for k in keys if d.get(k) is not None)
    if d.get("relative"):
        when += f" relative={d['relative']}"
    return f"[{when}] {d.get('what', '')}"


def table(rep: Report, title: str) -> str:
    lines = [
        f"{title}: {rep.items} items, {rep.expected} deadlines",
        f"{'class':<14}{'n':>5}{'recall':>9}{'precision':>11}",
    ]
    for name in sorted(rep.by_class):
        s = rep.by_class[name]
        lines.append(f"{name:<14}{s.tp + s.fn:>5}{s.recall:>9.2f}{s.precision:>11.2f}")
    o = rep.overall
    lines.append(f"{'overall':<14}{o.tp + o.fn:>5}{o.recall:>9.2f}{o.precision:>11.2f}")
    return "\n".join(lines)


@dataclass
class LeftoverFigures:
    """The 可能遗漏 list against the reader's misses. A missed deadline is *caught* when a
    leftover points at it: in a sentence item, any leftover (the item is that sentence);
    in a whole notice, a leftover holding its date or naming its thing. ``untouched``: the
    misses where the reader read nothing from the item's text at all (the others it read
    with another date or kind: the review lists those as deadlines, not as leftovers)."""

    missed: int = 0
    caught: int = 0
    untouched: int = 0
    untouched_caught: int = 0
    no_deadline_items: int = 0
    no_deadline_flagged: int = 0
    full_items: int = 0  # items with deadlines, every one read
    full_flagged: int = 0
    notices: int = 0
    notice_flags: int = 0
    most_flags: int = 0
    flags: list[str] = field(default_factory=list)


def _caught(item: dict[str, Any], draft: NoticeDraft, e: dict[str, Any]) -> bool:
    if item["kind_of_item"] == "sentence":
        return bool(draft.leftovers)
    md = e.get("date")
    what = e.get("what") or ""
    for lo in draft.leftovers:
        if md and any(f"{d.month:02d}-{d.day:02d}" == md for d in lo.dates):
            return True
        if what and (what in lo.text or (lo.what and lo.what in what)):
            return True
    return False


def leftover_figures(items: list[dict[str, Any]]) -> LeftoverFigures:
    fig = LeftoverFigures()
    for item in items:
        draft = parse_draft(item)
        found = to_json(draft)["deadlines"]
        pairs, _invented = pair_up(item["deadlines"], found)
        missed = [e for e, hit in pairs if hit is None]
        for e in missed:
            fig.missed += 1
            caught = _caught(item, draft, e)
            fig.caught += caught
            if not found:
                fig.untouched += 1
                fig.untouched_caught += caught
        if item["no_deadline"]:
            fig.no_deadline_items += 1
            fig.no_deadline_flagged += bool(draft.leftovers)
        elif item["deadlines"] and not missed:
            fig.full_items += 1
            fig.full_flagged += bool(draft.leftovers)
        if item["kind_of_item"] == "notice":
            fig.notices += 1
            fig.notice_flags += len(draft.leftovers)
            fig.most_flags = max(fig.most_flags, len(draft.leftovers))
        for lo in draft.leftovers:
            fig.flags.append(f"{item['id']} {lo.reason}：{lo.text[:60]}")
    return fig


def leftover_table(fig: LeftoverFigures) -> str:
    def pc(a: int, b: int) -> str:
        return f"{a}/{b} ({a / b:.0%})" if b else "0/0"

    return "\n".join(
        [
            "可能遗漏 (dev):",
            f"  misses caught            {pc(fig.caught, fig.missed)}",
            f"  of them nothing read     {pc(fig.untouched_caught, fig.untouched)}",
            f"  no_deadline items flagged {pc(fig.no_deadline_flagged, fig.no_deadline_items)}",
            f"  fully read items flagged {pc(fig.full_flagged, fig.full_items)}",
            f"  flags per whole notice   {fig.notice_flags / max(1, fig.notices):.2f}"
            f" (most {fig.most_flags}, {fig.notices} notices)",
        ]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("dev", "held_out", "all"), default="dev")
    ap.add_argument("--failures", action="store_true", help="list each miss (dev part only)")
    ap.add_argument(
        "--leftovers", action="store_true", help="the review's 可能遗漏 list (dev part only)"
    )
    args = ap.parse_args()
    if args.leftovers:
        if args.part != "dev":
            ap.error("--leftovers scores the dev part only")
        fig = leftover_figures(load("dev"))
        print(leftover_table(fig))
        if args.failures:
            print("\n".join(fig.flags))
        return
    rep = score(load(args.part))
    print(table(rep, args.part))
    if args.failures and args.part == "dev":
        print("\n".join(rep.failures))


if __name__ == "__main__":
    main()
