"""The notice reader on real text from public pages (tests/data/notice_corpus/, scored by
tests/notice_corpus.py): the part used while developing and the part kept aside."""

from __future__ import annotations

from tests.notice_corpus import load, score, table


def test_every_item_names_its_source_and_a_fifth_is_kept_aside():
    items = load("all")
    assert len({it["id"] for it in items}) == len(items)
    assert all(it["source"] for it in items)
    for kind in ("sentence", "notice"):
        some = [it for it in items if it["kind_of_item"] == kind]
        assert sum(it["held_out"] for it in some) >= 0.2 * len(some)
    for it in items:
        assert bool(it["no_deadline"]) == (not it["deadlines"]), it["id"]
        for d in it["deadlines"]:
            assert d["class"] and d["kind"], it["id"]


def test_development_part_recall_and_precision():
    rep = score(load("dev"))
    assert rep.overall.recall >= 0.95, table(rep, "dev")
    assert rep.overall.precision >= 0.95, table(rep, "dev")


def test_held_out_part_does_not_fall_below_what_it_reached():
    # Scored, never tuned on: recall/precision 0.86/0.91 the first time (36 items), 0.79/0.92
    # after the corpus grew to 44 kept-aside items (see CHANGELOG). The issue asks 0.95 for
    # both; this only guards what was reached until more real text moves it.
    rep = score(load("held_out"))
    assert rep.overall.recall >= 0.75, table(rep, "held_out")
    assert rep.overall.precision >= 0.90, table(rep, "held_out")
