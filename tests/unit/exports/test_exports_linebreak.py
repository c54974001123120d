"""Chinese line breaking: the 禁则 hold, nothing is lost or reordered, lines fit."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from anquanyue_desktop.exports.cjk_linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    atoms,
    balanced_lines,
    break_lines,
    break_paragraph,
)


def cells(text: str) -> float:
    """Monospaced width: a CJK character 2, anything else 1 (like a real font, roughly)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def assert_rules(lines: list[str]) -> None:
    for upper, lower in itertools.pairwise(lines):
        assert lower[:1] not in NO_LINE_START, f"line starts with {lower[:1]!r}: {lines}"
        assert upper.rstrip()[-1:] not in NO_LINE_END, f"line ends with opener: {lines}"


# -- examples -------------------------------------------------------------------------


def test_closing_punctuation_pushes_the_previous_character_down() -> None:
    # Five characters per line: “，” would start line 2, so “五” goes down with it (推出).
    assert break_paragraph("一二三四五，六七", cells, 10) == ["一二三四", "五，六七"]


def test_several_closing_marks_stay_with_their_character() -> None:
    assert break_paragraph("一二三四“五”。六", cells, 10) == ["一二三四", "“五”。六"]


def test_opening_punctuation_never_ends_a_line() -> None:
    assert break_paragraph("一二三四《五六》", cells, 10) == ["一二三四", "《五六》"]
    assert break_paragraph("一二三（四五六）", cells, 8) == ["一二三", "（四五", "六）"]


def test_latin_words_and_numbers_move_as_a_unit() -> None:
    lines = break_paragraph("联系电话13800138000请拨打", cells, 16)
    assert lines == ["联系电话", "13800138000请拨", "打"]
    assert "13800138000" in lines[1]
    assert atoms("2022.6.1至2022-06-30，e-mail: a@b.cn 3.5%") == [
        "2022.6.1",
        "至",
        "2022-06-30",
        "，",
        "e-mail",
        ":",
        " ",
        "a@b.cn",
        " ",
        "3.5",
        "%",
    ]


def test_a_word_longer_than_a_line_is_cut_where_it_overflows() -> None:
    lines = break_paragraph("号码123456789012345", cells, 8)
    assert lines == ["号码", "12345678", "90123456", "789"] or all(cells(x) <= 8 for x in lines)
    assert "".join(lines) == "号码123456789012345"
    assert all(cells(x) <= 8 for x in lines)


def test_dashes_and_ellipses_are_never_split() -> None:
    lines = break_paragraph("一二三四——五六七八九……十", cells, 10)
    assert "".join(lines) == "一二三四——五六七八九……十"
    for line in lines:
        assert not line.endswith("—") or line.endswith("——")
        assert line.count("…") in (0, 2)
    assert_rules(lines)


def test_spaces_hang_at_the_end_of_the_upper_line() -> None:
    lines = break_paragraph("abc def ghi", cells, 4)
    assert lines == ["abc ", "def ", "ghi"]


def test_first_line_width_allows_an_indent() -> None:
    lines = break_paragraph("一二三四五六七八九十", cells, 10, first_line_width=6)
    assert lines == ["一二三", "四五六七八", "九十"]


def test_newlines_end_paragraphs_and_empty_paragraphs_are_kept() -> None:
    assert break_lines("一二\n\n三", cells, 10) == ["一二", "", "三"]
    with pytest.raises(ValueError):
        break_paragraph("一\n二", cells, 10)


def test_a_character_wider_than_the_line_gets_a_line_of_its_own() -> None:
    assert break_paragraph("一二", cells, 1) == ["一", "二"]


def test_balanced_lines_are_even() -> None:
    text = "荫城镇2022年“安全生产月”活动情况统计表及工作总结报送通知"
    greedy = break_lines(text, cells, 40)
    even = balanced_lines(text, cells, 40)
    assert len(even) == len(greedy) == 2
    assert "".join(even) == text
    widths = [cells(x) for x in even]
    assert max(widths) - min(widths) <= 4
    assert_rules(even)


# -- properties -----------------------------------------------------------------------

CJK = st.sampled_from("安全生产月荫城镇村社区企业学校消防应急演练宣传咨询日")
LATIN = st.text(alphabet="abcXYZ0123456789", min_size=1, max_size=6)
OPENERS = st.sampled_from(sorted(NO_LINE_END - set("￥＄£¥$€")))
CLOSERS = st.sampled_from(sorted((NO_LINE_START - set("…‥⋯")) | {"……"}))
ANY_CHAR = st.one_of(
    CJK,
    st.sampled_from("abcXYZ0123456789 .-@"),
    st.sampled_from(sorted(NO_LINE_START)),
    st.sampled_from(sorted(NO_LINE_END)),
    st.sampled_from("——…"),
)


WORD = st.tuples(
    st.one_of(st.just(""), OPENERS),
    st.one_of(CJK, st.builds(str.__add__, LATIN, CJK)),
    st.lists(CLOSERS, max_size=2).map("".join),
    st.sampled_from(["", "", "", "", " "]),
).map("".join)
# Words of Chinese prose: [opener] core [closers] [space], where a Latin core is always followed
# by a Chinese character, so no unbreakable cluster is wider than 10 cells.
REALISTIC_TEXT = st.lists(WORD, min_size=1, max_size=30).map("".join)


@settings(max_examples=250, deadline=None)
@given(REALISTIC_TEXT, st.integers(12, 40), st.integers(0, 4))
def test_rules_always_hold_and_nothing_is_lost(text: str, width: int, indent: int) -> None:
    first = width - indent
    lines = break_paragraph(text, cells, width, first_line_width=first)
    assert "".join(lines) == text
    assert all(lines)
    for k, line in enumerate(lines):
        assert cells(line.rstrip(" ")) <= (first if k == 0 else width)
    assert_rules(lines)


@settings(max_examples=300, deadline=None)
@given(st.text(ANY_CHAR, max_size=80), st.integers(2, 30))
@example(" 、", 2)  # leading spaces before a piece that only just fits (found by CI)
def test_any_text_keeps_every_character_in_order_and_fits(text: str, width: int) -> None:
    lines = break_paragraph(text, cells, width)
    assert "".join(lines) == text
    assert all(lines) or lines == [""]
    assert all(cells(line.rstrip(" ")) <= width for line in lines)


@settings(max_examples=50, deadline=None)
@given(st.lists(REALISTIC_TEXT, max_size=4), st.integers(12, 30))
def test_paragraphs_keep_their_text(paragraphs: list[str], width: int) -> None:
    text = "\n".join(paragraphs)
    lines = break_lines(text, cells, width)
    assert "".join(lines) == text.replace("\n", "")
    assert len(lines) >= text.count("\n") + 1
