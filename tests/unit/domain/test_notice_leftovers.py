"""可能遗漏的报送要求: sentences that look like they ask for a delivery by some time where the
reader found no deadline. The sentences here are written for these tests (the corpus's real
sentences measure the list: ``python -m tests.notice_corpus --leftovers``)."""

from __future__ import annotations

from datetime import date, time

import pytest

from anquanyue_desktop.domain.deadlines import ONCE, validate_deadline
from anquanyue_desktop.domain.notice import parse_notice
from anquanyue_desktop.domain.notice.leftovers import leftover_deadline, shortened
from tests.conftest import seed_file

TODAY = date(2025, 5, 20)


def _read(text: str):
    return parse_notice(text, today=TODAY)


def test_a_read_deadline_is_no_leftover():
    d = _read("请各村于5月30日前报送联络员名单。")
    assert [x.what for x in d.deadlines] == ["联络员名单"]
    assert d.leftovers == ()


def test_a_dated_handing_over_the_reader_misses_is_one():
    text = "一、巡查要求\n请于第二天上午10点前报送当日巡查情况。\n"
    d = _read(text)
    assert d.deadlines == ()
    (lo,) = d.leftovers
    assert text[lo.span[0] : lo.span[1]] == "请于第二天上午10点前报送当日巡查情况"
    assert lo.text == "请于第二天上午10点前报送当日巡查情况"
    assert lo.reason == "含“上午10点前”和“报送”，未读出报送节点"
    assert lo.what == "当日巡查情况"
    # The words it was taken for: the time and the verb.
    assert [text[a:b] for a, b in lo.evidence] == ["上午10点前", "报送"]


def test_a_thing_named_beside_its_date_is_one_with_the_date_to_prefill():
    d = _read("二、报送材料\n活动总结（6月25日前）。\n")
    assert d.deadlines == ()
    (lo,) = d.leftovers
    assert lo.dates == (date(2025, 6, 25),)
    assert lo.what == "活动总结"
    assert lo.reason == "含日期和“总结”，未读出报送节点"


def test_an_event_date_without_a_verb_is_no_leftover():
    d = _read("6月16日为全国安全宣传咨询日，各村组织群众到主会场参加。")
    assert [e.what for e in d.events] == ["安全宣传咨询日"]
    assert d.leftovers == ()


def test_a_period_is_no_leftover():
    d = _read("活动时间：6月1日至6月30日。")
    assert d.periods and d.leftovers == ()


@pytest.mark.parametrize(
    "text",
    [
        "各村要及时报送活动信息。",  # 及时报送 alone asks for promptness, states no deadline
        "遇到突发情况要立即处理，并及时上报。",  # 立即 belongs to 处理
        "6月30日前完成隐患排查整治方案。",  # the date is the work's, nothing is handed over
        "4月12日至6月30日暂停上传学位论文。",  # nothing is due then
        "活动时间从6月开始，各村报送情况将在年底通报。",  # when it starts, not by when
    ],
)
def test_no_deadline_no_leftover(text):
    assert _read(text).leftovers == ()


def test_a_leftover_beside_a_read_deadline_in_one_sentence():
    text = "请各村于5月30日前报送联络员名单，自查报告务必5.28前报送。"
    d = _read(text)
    assert [x.what for x in d.deadlines] == ["联络员名单"]
    (lo,) = d.leftovers
    assert lo.text == "自查报告务必5.28前报送"
    read = d.deadlines[0].span
    assert lo.span[0] >= read[1] or lo.span[1] <= read[0]  # they never overlap


def test_due_words_the_time_layer_gives_no_date():
    for text, cue in (
        ("请各村将活动方案于端午节前报送镇安办。", "端午节前"),
        ("各村须于6月份第二周周五前报送典型案例。", "周五前"),
    ):
        (lo,) = _read(text).leftovers
        assert f"“{cue}”" in lo.reason and lo.dates == ()


def test_the_seeds_leftovers_are_few_and_none_repeats_a_read_date():
    for name in ("000", "001", "002", "003", "004"):
        d = parse_notice(seed_file(name).read_text(encoding="utf-8"))
        assert len(d.leftovers) <= 2, name
        read = [x.span for x in d.deadlines]
        for lo in d.leftovers:
            assert not any(a < lo.span[1] and lo.span[0] < b for a, b in read)
    # 004 asks for typical cases each quarter and each month without a day: the clerk decides.
    d = parse_notice(seed_file("004").read_text(encoding="utf-8"))
    assert any("每季度至少上报一个典型案例" in lo.text for lo in d.leftovers)


def test_the_deadline_a_leftover_suggests():
    (lo,) = _read("活动总结（6月25日前）。").leftovers
    d = leftover_deadline(lo)
    assert d.title == "活动总结" and d.rule.kind == ONCE and d.rule.on == date(2025, 6, 25)
    assert d.notes == "通知原文：活动总结（6月25日前）"
    assert validate_deadline(d) == []


def test_a_leftover_with_its_time_and_one_with_two_dates():
    (lo,) = _read("联络员名单：5月28日18:00前。").leftovers
    assert lo.dates == (date(2025, 5, 28),) and lo.at == time(18, 0)
    assert leftover_deadline(lo).rule.at == time(18, 0)
    (two,) = _read("工作总结和统计表：6月10日前、6月20日前。").leftovers
    assert two.dates == (date(2025, 6, 10), date(2025, 6, 20))
    d = leftover_deadline(two)
    assert d.rule.on is None  # two dates: the clerk picks one
    (none,) = _read("请于第二天上午10点前报送当日巡查情况。").leftovers
    assert leftover_deadline(none).title == "当日巡查情况"


def test_without_a_thing_the_title_is_the_sentence_shortened():
    (lo,) = _read("各村于国庆节前报送。").leftovers
    assert lo.what == "" and leftover_deadline(lo).title == "各村于国庆节前报送"
    assert shortened("一" * 60, 10) == "一" * 9 + "…"
    assert shortened("a\n b") == "a b"


def test_text_with_pinyin_after_its_characters_points_into_the_text_as_given():
    text = "请于第二天上午10点前报(bào)送当日巡查情况。"
    (lo,) = parse_notice(text, today=TODAY).leftovers
    assert text[lo.span[0] : lo.span[1]].startswith("请于第二天")
    assert text[lo.span[0] : lo.span[1]].endswith("巡查情况")


def test_the_suggested_deadline_moves_with_the_year_the_review_moved_to():
    (lo,) = _read("活动总结（6月25日前）。").leftovers
    assert leftover_deadline(lo, years=1).rule.on == date(2026, 6, 25)


@pytest.mark.parametrize(
    "text",
    [
        # the weekly rule read as its listed days: 每周 alone adds no deadline
        "各村每周报送隐患排查台账，即6月6日、13日、20日前报送镇安办。",
        # an hour without a day beside a read deadline: the office's own step after it
        "周报：每周五17:00前报送，镇安办于次日上午10点前汇总报县应急局。",
    ],
)
def test_in_a_sentence_with_a_read_deadline_only_another_day_is_a_leftover(text):
    d = _read(text)
    assert d.deadlines and d.leftovers == ()


def test_a_table_row_summing_up_a_deadline_of_the_prose_is_no_leftover():
    # The prose reads 活动总结 by 7月4日; the table under it says the same again.
    text = (
        "请各村于7月4日前报送活动总结。\n"
        "序号\t报送材料\t报送截止时间\t报送方式\n"
        "1\t活动总结\t7月4日前\t纸质件盖章后报送\n"
    )
    d = _read(text)
    assert [(x.what, x.on) for x in d.deadlines] == [("活动总结", date(2025, 7, 4))]
    assert d.leftovers == ()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("各支部于9月1日至9月20日进行团员注册。", "注册"),
        ("请各科室于6月28日前将工会会费缴纳至财务科。", "缴纳"),
    ],
)
def test_a_dated_act_of_handing_in_outside_the_verbs_is_listed_not_read(text, said):
    # 注册, 缴纳 invented deadlines as the reader's verbs (注册 is also a state); beside a
    # date with 前 or a range they are worth the clerk's glance. (登记 at an office by a
    # date is read: paperwork, annotation rule 7.)
    d = _read(text)
    assert d.deadlines == ()
    (lo,) = d.leftovers
    assert lo.reason.endswith(f"和“{said}”，未读出报送节点")


@pytest.mark.parametrize(
    "text",
    [
        "2023年6月30日以前经审批部门登记成立的社会团体按本办法管理。",  # a state, not an act
        "京外代表请于11月29日到会议中心报到。",  # people arriving, nothing handed in
        "已于5月10日完成注册的单位无需重复注册。",
    ],
)
def test_a_registration_that_hands_nothing_in_is_not_listed(text):
    assert _read(text).leftovers == ()
