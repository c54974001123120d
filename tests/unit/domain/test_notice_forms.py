"""Forms of dates, repeats and tables met in the real notices of the corpus, each on a
sentence of our own; and text from mirrors that put pinyin after each character, whose
spans must still point into the text as given."""

from __future__ import annotations

from datetime import date

from anquanyue_desktop.domain.notice import parse_notice, to_json

TODAY = date(2023, 5, 1)


def rows(text: str) -> list[tuple]:
    j = to_json(parse_notice(text, today=TODAY))
    return sorted(
        (d["kind"], d["date"], d["time"], d["weekday"], d["day_of_month"]) for d in j["deadlines"]
    )


def test_pinyin_after_characters_is_read_and_spans_point_into_the_text_given():
    text = "請各村於6月5日(bǎ)前將排查情況報(bào)送鎮(zhèn)安監站。"
    draft = parse_notice(text, today=TODAY)
    assert [(d.kind, d.on) for d in draft.deadlines] == [("once", date(2023, 6, 5))]
    d = draft.deadlines[0]
    words = [text[a:b] for a, b in d.evidence]
    assert words == ["6月5日(bǎ)前", "報(bào)送"]
    assert text[d.span[0] : d.span[1]].startswith("請各村") and draft.text == text


def test_days_listed_before_one_day_sign_and_the_year_end():
    assert rows("春季报表报送时间分别为3月13、27日和4月10日。") == [
        ("once", "03-13", None, None, None),
        ("once", "03-27", None, None, None),
        ("once", "04-10", None, None, None),
    ]
    assert rows("请各单位于今年年底前报送年度总结。") == [("once", "12-31", None, None, None)]
    assert rows("请于元月15日前报送名册。") == [("once", "01-15", None, None, None)]


def test_an_aside_or_part_of_the_day_between_the_date_and_前():
    assert rows("请于6月6日(本周三)下午三点前报送电子版。") == [
        ("once", "06-06", "15:00", None, None)
    ]
    assert rows("请于1月11日下午前在统计系统中完成填报。") == [("once", "01-11", None, None, None)]
    assert rows("请于7月2日15∶30前报送情况。") == [("once", "07-02", "15:30", None, None)]


def test_repeats_sharing_a_time_giving_two_or_naming_the_day_apart():
    assert rows("在每周二或每月3日下午16:30前统一上报汇报表。") == [
        ("monthly", None, "16:30", None, 3),
        ("weekly", None, "16:30", 2, None),
    ]
    assert rows("重要情况每天上午8点前、下午5点前各续报1次。") == [
        ("daily", None, "08:00", None, None),
        ("daily", None, "17:00", None, None),
    ]
    assert rows("各村的每周工作小结应于周五17:00前报送镇安监站。") == [
        ("weekly", None, "17:00", 5, None)
    ]


def test_how_often_something_else_is_done_is_no_daily_deadline():
    assert rows("各景区将6月1日-8日每天接待人数于6月8日16时前报送市旅游局。") == [
        ("once", "06-08", "16:00", None, None)
    ]
    assert rows("安保人员每日进行巡查，发现问题及时上报。") == []


def test_a_table_copied_one_cell_a_line():
    text = "报表名称\n表号\n上报日期\n1、财务状况表\nF203表\n月后18日前\n2、人员情况表\nF204表\n7月8日前\n"
    assert rows(text) == [("monthly", None, None, None, 18), ("once", "07-08", None, None, None)]


def test_a_range_the_sentence_opens_with_is_the_time_to_deliver():
    assert rows("6月4日-6月11日由各村组织填写登记表，将登记表发到镇安监站邮箱。") == [
        ("once", "06-11", None, None, None)
    ]
    # A range of an activity is no deadline, nor is 连续报道.
    assert rows("6月2日至30日,在县电视台开设专栏,连续报道典型事迹。") == []
    assert rows("6月1日至30日，各村开展安全检查，并报送检查情况。") == []


def test_a_label_above_a_long_sentence_takes_its_first_clause():
    text = "二、征稿时间:\n即日起至8月15日,9月中旬宣布获奖名单,并在县文化馆举行颁奖典礼和作品展览活动,届时将邀请部分获奖作者代表参加。"
    assert rows(text) == [("once", "08-15", None, None, None)]


def test_the_items_topic_names_a_bare_object():
    text = "(一)实体作品,需于11月23日前将作品交至镇文化站\n(二)电子版作品,需于11月23日前将作品发送至镇文化站邮箱"
    whats = sorted(d["what"] for d in to_json(parse_notice(text, today=TODAY))["deadlines"])
    assert whats == ["实体作品", "电子版作品"]
