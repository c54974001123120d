"""The notice reader on real text from public pages (tests/data/notice_corpus/, scored by
tests/notice_corpus.py): the part used while developing and the part kept aside."""

from __future__ import annotations

import re

from tests.notice_corpus import load, score, table

_KEPT_ASIDE_ID = re.compile(r"[sn]\d+h")


def test_every_item_names_its_source_and_no_page_is_on_both_sides():
    items = load("all")
    assert len({it["id"] for it in items}) == len(items)
    assert all(it["source"] and it["batch"] in range(1, 11) for it in items)
    # Batches 1 to 9 had their kept-aside parts scored and looked at: development now.
    assert not any(it["held_out"] for it in items if it["batch"] <= 9)
    # Batch 10's kept-aside part (stored public pages, most of them government or Party
    # bodies' and universities' offices'): its own notices, enough deadlines to say something.
    kept = [it for it in items if it["held_out"]]
    assert all(it["batch"] == 10 for it in kept)
    assert sum(len(it["deadlines"]) for it in kept) >= 170
    assert len({it["source"] for it in kept}) >= 95
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
    # The issue asks 0.95 for both. Development grew each session with text unlike the last
    # (batch 5: Taiwanese school calendars, tax periods, flattened catalogues; batch 6:
    # mainland government notices; batch 7: notices stored in public repositories) and stands
    # at 0.87/0.98 with batch 7's kept-aside part in it (1012 of 1167 found, 17 invented);
    # with batch 8 too, 0.86/0.98 at the start of the ninth session and 0.92/0.98 at its end
    # (1160 of 1266 found, 19 invented); with batch 9 too, 0.88/0.97 at the start of the tenth
    # session (1293 of 1463 found, 37 invented) and 0.90/0.98 after its invented deadlines and
    # misses were read (1311 found, 31 invented): guarded at what was reached, the miss said in
    # the closing note.
    rep = score(load("dev"))
    assert rep.overall.recall >= 0.89, table(rep, "dev")
    assert rep.overall.precision >= 0.97, table(rep, "dev")


def test_each_batch_keeps_what_the_reader_reached_on_it():
    # Batch 3 was kept aside in the third session and scored once (0.71/0.87, 2d17210), then
    # became development. Each earlier batch stays at the 0.95 once tuned on.
    for batch in (1, 2, 3):
        rep = score([it for it in load("dev") if it["batch"] == batch])
        assert rep.overall.recall >= 0.95, table(rep, f"batch {batch}")
        assert rep.overall.precision >= 0.95, table(rep, f"batch {batch}")
    # Batches 4 to 6 were each kept aside in their session and scored once at its end, never
    # tuned on, then became development in the next: batch 4 0.69/0.83 (71 deadlines in 130
    # sentences and 5 notices, reader at 0aebe48), batch 5 0.55/0.77 (106 deadlines in 128
    # sentences and 4 notices, reader at 9bc94e0). Their kept-aside parts must not fall below.
    # Batch 6 (mainland government notices only) likewise: 0.68/0.96 (75 deadlines in 86
    # sentences and 4 notices, reader at cecc6fe).
    # Batch 7 (real notices stored in public repositories, mostly universities') likewise:
    # 0.82/0.95 (58 of 71 deadlines, 3 invented, in 92 sentences and 4 notices, reader 8ace55a).
    # Batch 8 (real notices stored in public repositories, 37 of 57 sources government bodies',
    # 11 of them report forms' filling notes) likewise: 0.80/0.89 (79 of 99 deadlines found, 10
    # invented, in 100 sentences and 7 notices, reader 775ee95).
    # Batch 9 (stored public pages and repositories, 69 of 104 sources government bodies')
    # likewise: 0.68/0.88 (133 of 197 deadlines found, 18 invented, in 243 sentences and 13
    # notices, reader 9969e3d).
    kept_before = (
        (4, 0.69, 0.83),
        (5, 0.54, 0.77),
        (6, 0.68, 0.96),
        (7, 0.81, 0.95),
        (8, 0.79, 0.88),
        (9, 0.67, 0.87),
    )
    for batch, recall, precision in kept_before:
        kept = [it for it in load("dev") if it["batch"] == batch and _KEPT_ASIDE_ID.match(it["id"])]
        rep = score(kept)
        assert rep.overall.recall >= recall, table(rep, f"batch {batch} kept aside")
        assert rep.overall.precision >= precision, table(rep, f"batch {batch} kept aside")


def test_kept_aside_part_does_not_fall_below_what_it_reached():
    # Batch 10, real notices from stored public pages (about 57 of 95 sources government or
    # Party bodies', most others universities' offices'), kept aside in the tenth session and
    # scored once at its end, never tuned on: recall/precision 0.69/0.94 (118 of 171 deadlines
    # found, 8 invented, in 270 sentences and 6 notices, reader d112263); the reader before
    # that session (2cb62ba) scored the same. The issue asks 0.95 for both; this only guards
    # what was reached.
    rep = score(load("held_out"))
    assert rep.overall.recall >= 0.68, table(rep, "held_out")
    assert rep.overall.precision >= 0.93, table(rep, "held_out")
