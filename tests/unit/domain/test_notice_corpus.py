"""The notice reader on real text from public pages (tests/data/notice_corpus/, scored by
tests/notice_corpus.py): the part used while developing and the part kept aside."""

from __future__ import annotations

from tests.notice_corpus import load, score, table


def test_every_item_names_its_source_and_the_newest_batch_is_kept_aside():
    items = load("all")
    assert len({it["id"] for it in items}) == len(items)
    assert all(it["source"] and it["batch"] in (1, 2, 3) for it in items)
    # Batches 1 and 2 had their kept-aside parts scored and looked at: development now.
    assert not any(it["held_out"] for it in items if it["batch"] in (1, 2))
    new = [it for it in items if it["batch"] == 3]
    assert sum(1 for it in new if it["deadlines"]) >= 40
    assert sum(it["held_out"] for it in new) >= 0.2 * len(new)
    # Whole pages are kept aside, so no page has sentences on both sides.
    sides = {}
    for it in new:
        assert sides.setdefault(it["source"], it["held_out"]) == it["held_out"], it["id"]
    for it in items:
        assert bool(it["no_deadline"]) == (not it["deadlines"]), it["id"]
        for d in it["deadlines"]:
            assert d["class"] and d["kind"], it["id"]
    sentences = [it for it in items if it["kind_of_item"] == "sentence"]
    assert sum(1 for it in sentences if it["deadlines"]) >= 200


def test_development_part_recall_and_precision():
    rep = score(load("dev"))
    assert rep.overall.recall >= 0.95, table(rep, "dev")
    assert rep.overall.precision >= 0.95, table(rep, "dev")


def test_kept_aside_part_does_not_fall_below_what_it_reached():
    # Batch 3, scored once at the end of the session that collected it (2d17210), never tuned
    # on: recall/precision 0.69/0.86 with the reader before that session, 0.71/0.87 after
    # (39 of 55 deadlines found, 6 invented, in 63 sentences). The issue asks 0.95 for both;
    # this only guards what was reached. Earlier batches' figures are in CHANGELOG.md.
    rep = score(load("held_out"))
    assert rep.overall.recall >= 0.70, table(rep, "held_out")
    assert rep.overall.precision >= 0.86, table(rep, "held_out")
