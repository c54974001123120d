"""The notice reader on real text from public pages (tests/data/notice_corpus/, scored by
tests/notice_corpus.py): the part used while developing and the part kept aside."""

from __future__ import annotations

from tests.notice_corpus import load, score, table


def test_every_item_names_its_source_and_no_page_is_on_both_sides():
    items = load("all")
    assert len({it["id"] for it in items}) == len(items)
    assert all(it["source"] and it["batch"] in (1, 2, 3, 4, 5) for it in items)
    # Batches 1 to 4 had their kept-aside parts scored and looked at: development now.
    assert not any(it["held_out"] for it in items if it["batch"] in (1, 2, 3, 4))
    # Batch 5's kept-aside part: its own pages, enough deadlines to say something.
    kept = [it for it in items if it["held_out"]]
    assert all(it["batch"] == 5 for it in kept)
    assert sum(len(it["deadlines"]) for it in kept) >= 60
    assert len({it["source"] for it in kept}) >= 40
    # Whole pages are kept aside, so no page has sentences on both sides.
    sides = {}
    for it in items:
        assert sides.setdefault(it["source"], it["held_out"]) == it["held_out"], it["id"]
    for it in items:
        assert bool(it["no_deadline"]) == (not it["deadlines"]), it["id"]
        for d in it["deadlines"]:
            assert d["class"] and d["kind"], it["id"]
    sentences = [it for it in items if it["kind_of_item"] == "sentence"]
    assert sum(1 for it in sentences if it["deadlines"]) >= 200


def test_development_part_recall_and_precision():
    # The issue asks 0.95 for both. The fifth session made batch 4's kept-aside part and
    # batch 5's development text (mostly pages unlike earlier batches: Taiwanese school
    # calendars, tax periods, flattened catalogues) development; it stands at 0.87/0.98 (773
    # of 885 found, 18 invented): guarded at what was reached, the miss said in the closing note.
    rep = score(load("dev"))
    assert rep.overall.recall >= 0.87, table(rep, "dev")
    assert rep.overall.precision >= 0.97, table(rep, "dev")


def test_each_batch_keeps_what_the_reader_reached_on_it():
    # Batch 3 was kept aside in the third session and scored once (0.71/0.87, 2d17210), then
    # became development. Each earlier batch stays at the 0.95 once tuned on.
    for batch in (1, 2, 3):
        rep = score([it for it in load("dev") if it["batch"] == batch])
        assert rep.overall.recall >= 0.95, table(rep, f"batch {batch}")
        assert rep.overall.precision >= 0.95, table(rep, f"batch {batch}")
    # Batch 4 was kept aside in the fourth session and scored once at its end, never tuned
    # on: 0.69/0.83 (71 deadlines in 130 sentences and 5 notices, reader at 0aebe48); it
    # became development in the fifth. Its own kept-aside part must not fall below that.
    rep = score([it for it in load("dev") if it["batch"] == 4 and it["id"][2] == "h"])
    assert rep.overall.recall >= 0.69, table(rep, "batch 4 kept aside")
    assert rep.overall.precision >= 0.83, table(rep, "batch 4 kept aside")


def test_kept_aside_part_does_not_fall_below_what_it_reached():
    # Batch 5, kept aside in the fifth session and scored once at its end, never tuned on:
    # recall/precision 0.51/0.75 with the reader before that session (67c301b), 0.55/0.77
    # after (58 of 106 deadlines found, 17 invented, in 128 sentences and 4 notices). The
    # issue asks 0.95 for both; this only guards what was reached.
    rep = score(load("held_out"))
    assert rep.overall.recall >= 0.54, table(rep, "held_out")
    assert rep.overall.precision >= 0.77, table(rep, "held_out")
