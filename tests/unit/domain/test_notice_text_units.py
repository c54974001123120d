"""The pieces under the notice parser: normal form, numerals, dates, times, repeats,
sentences and clauses."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from anquanyue_desktop.domain.notice.text import (
    Seg,
    clauses,
    cn_int,
    lines,
    normalize,
    sentences,
    soft_breaks,
    split_top,
    tidy,
)
from anquanyue_desktop.domain.notice.timexpr import (
    date_phrases,
    find_at_once,
    find_dates,
    find_repeats,
    resolve,
)


def test_normal_form_keeps_length_and_maps_full_width():
    text = "（６月３日１８：００前）；　报送，ＡＢ"
    n = normalize(text)
    assert len(n) == len(text)
    assert n == "(6月3日18:00前); 报送,AB"


@pytest.mark.parametrize(
    ("s", "n"),
    [
        ("3", 3),
        ("03", 3),
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十一", 21),
        ("三十一", 31),
        ("廿一", 21),
        ("二〇二三", 2023),
        ("两", 2),
        ("", None),
        ("十十", None),
        ("x", None),
    ],
)
def test_chinese_numerals(s, n):
    assert cn_int(s) == n


def test_date_mentions():
    n = normalize(
        "2023年6月1日至30日，六月份，十二月三十一日，6月底，6月中旬，一月一培训，2024-06-03"
    )
    got = [(d.year, d.month, d.day, d.part, d.whole_month) for d in find_dates(n)]
    assert got == [
        (2023, 6, 1, "", False),
        (None, 6, None, "", True),
        (None, 12, 31, "", False),
        (None, 6, None, "底", False),
        (None, 6, None, "中旬", False),
        (2024, 6, 3, "", False),
    ]


def test_ranges_lists_and_tails():
    n = normalize(
        "6月1日至30日；6月21日前和11月26日前；6月10日、20日前；6月3日（星期五）下午5:30前"
    )
    phrases = date_phrases(n, 0, len(n))
    assert len(phrases) == 4
    r = phrases[0]
    assert r.is_range and (r.range_end.month, r.range_end.day) == (6, 30)
    assert [(d.month, d.day) for d in phrases[1].dates] == [(6, 21), (11, 26)]
    assert phrases[1].tail.marker == "前"
    assert [(d.month, d.day) for d in phrases[2].dates] == [(6, 10), (6, 20)]
    last = phrases[3]
    assert (last.tail.weekday, last.tail.at, last.tail.marker) == (5, time(17, 30), "前")


def test_resolve_approximate_dates():
    n = normalize("6月底 6月中旬 6月")
    dms = find_dates(n)
    assert resolve(dms[0], 2023) == (date(2023, 6, 30), "")
    assert resolve(dms[1], 2023) == (date(2023, 6, 20), "中旬")
    assert resolve(dms[2], 2023, "start") == (date(2023, 6, 1), "")
    assert resolve(dms[2], 2023, "end") == (date(2023, 6, 30), "")
    assert resolve(dms[2], 2023) == (None, "")


def test_repeats():
    n = normalize(
        "每周三18:00前；每周一、周四上午十时前；每月7日前；每月底前；每月5日、20日前；每天下午5点；每季度"
    )
    reps = find_repeats(n, 0, len(n))
    assert [
        (r.kind, r.weekdays, r.day_of_month, r.month_end, r.more_days, r.tail.at) for r in reps
    ] == [
        ("weekly", (3,), None, False, (), time(18, 0)),
        ("weekly", (1, 4), None, False, (), time(10, 0)),
        ("monthly", (), 7, False, (), None),
        ("monthly", (), None, True, (), None),
        ("monthly", (), 5, False, (20,), None),
        ("daily", (), None, False, (), time(17, 0)),
        ("quarterly", (), None, False, (), None),
    ]


def test_at_once_words_and_optional_ones():
    # 及时 alone asks for promptness only; 及时将…报 names what to send and counts, flagged.
    n = normalize("即时报送；及时上报；也可随时报送；第一时间上报；及时将资料报至局安全股")
    found = find_at_once(n, 0, len(n))
    assert [x.optional for x in found] == [False, True, False, False]
    assert [x.prompt_only for x in found] == [False, False, False, True]


def test_lines_sentences_and_soft_wraps():
    text = "一、标题\r\n这是一个很长的句子被文字处理软件在中间断开了没有标点\n的后半句。第二句；第三句\n\n二、下一节"
    n = normalize(text)
    ls = lines(n)
    assert next(n[s.start : s.end] for s in ls) == "一、标题"
    sents = sentences(n, soft_breaks(n, ls))
    got = [tidy(n[s.start : s.end]) for s in sents]
    assert got == [
        "一、标题",
        "这是一个很长的句子被文字处理软件在中间断开了没有标点的后半句",
        "第二句",
        "第三句",
        "二、下一节",
    ]


def test_clauses_respect_brackets_quotes_and_times():
    n = normalize("于6月2日前报送（盖章版，电子版），“甲，乙”和丙，每周三18:00前报送：附件")
    got = [n[s.start : s.end] for s in clauses(n, Seg(0, len(n)))]
    assert got == ["于6月2日前报送(盖章版,电子版)", "“甲,乙”和丙", "每周三18:00前报送", "附件"]


def test_split_top_keeps_quoted_and_bracketed_words():
    assert split_top("“安全生产月”和“五邑行”活动总结(纸质和电子)", ("和",)) == [
        "“安全生产月”",
        "“五邑行”活动总结(纸质和电子)",
    ]
    # Unbalanced brackets: split anyway rather than never.
    assert split_top("甲和(乙", ("和",)) == ["甲", "(乙"]


def test_lines_with_refuses_a_pattern_that_matches_nothing_everywhere():
    from anquanyue_desktop.domain.notice.layout import build_layout

    lay = build_layout("第一行 | 表\n第二行\n第三行 | 末")
    assert list(lay.lines_with(re.compile(r"\|"))) == [0, 2]
    assert list(lay.lines_with("第二|第三")) == [1, 2]
    with pytest.raises(ValueError):
        list(lay.lines_with("|"))  # "|" as a regular expression matches the empty string


def test_a_found_deadline_changed_is_the_same_as_replaced():
    from dataclasses import replace

    from anquanyue_desktop.domain.notice.model import FoundDeadline

    d = FoundDeadline(what="总结", kind="once", on=date(2024, 6, 20), evidence=((1, 4),))
    changed = d.changed(unsure=True, reason="请核对", what="活动总结")
    assert changed == replace(d, unsure=True, reason="请核对", what="活动总结")
    assert (changed.what, changed.on, changed.unsure, d.what, d.unsure) == (
        "活动总结",
        date(2024, 6, 20),
        True,
        "总结",
        False,
    )
    with pytest.raises(TypeError):
        d.changed(when=date(2024, 6, 1))


def test_line_start_finds_the_lines_where_the_pattern_starts():
    from anquanyue_desktop.domain.notice.text import LineStart

    text = "一、总结\n  二、方案\r\n报送时间\n三\n时间\n"
    numbered = LineStart(r"[ \t]*[一二三]")
    assert list(numbered.starts(text)) == [
        m.start() for m in re.finditer(r"^[ \t]*[一二三]", text, re.M)
    ]
    assert list(numbered.starts(text)) == [0, 5, 18]
    timed = LineStart(r"(?:报送)?时间[ \t]*$", re.M)
    assert (
        list(timed.starts(text))
        == [13, 20]
        == [m.start() for m in re.finditer(r"^(?:报送)?时间[ \t]*$", text, re.M)]
    )
