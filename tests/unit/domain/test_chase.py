from datetime import date, datetime, time

import pytest

from anquanyue_desktop.domain.chase import (
    ChaseRow,
    chase_message,
    count_line,
    liaison_text,
    outstanding_rows,
)
from anquanyue_desktop.domain.deadlines import (
    DIRECTION_OUT,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
    occurrences,
)

WEEKLY = Deadline(
    1,
    "周活动开展情况",
    DeadlineRule(
        WEEKLY_KIND, at=time(18), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
    ),
    id=3,
)
SECOND_WEEK = occurrences(WEEKLY)[1]  # 6月8日（周三）18:00

ROWS = [
    ChaseRow("东村", "张三", "15234537719", "未报"),
    ChaseRow("西坡村", "", "", "未报"),
    ChaseRow("荫城镇中心小学", "李四", "", "未报"),
    ChaseRow("“平安”加油站", "", "13800138000", "未报"),
]


def test_message_before_the_due_time():
    text = chase_message(SECOND_WEEK, ROWS, now=datetime(2022, 6, 8, 10), sender="荫城镇安监站")
    assert text == (
        "【催报提醒】“周活动开展情况（第2周）”应于6月8日（周三）18:00前报送，"
        "以下4个单位尚未报送，请抓紧时间：\n"
        "1. 东村（联络员：张三 15234537719）\n"
        "2. 西坡村（联络员未报）\n"
        "3. 荫城镇中心小学（联络员：李四）\n"
        "4. “平安”加油站（联络员电话：13800138000）\n"
        "如已报送请忽略，谢谢！\n"
        "——荫城镇安监站"
    )
    assert "已逾期" not in text


def test_message_after_the_due_time_says_overdue():
    rows = [ChaseRow("东村", "张三", "15234537719", "逾期未报")]
    at_due = chase_message(SECOND_WEEK, rows, now=datetime(2022, 6, 8, 18, 0, 0))
    assert "已逾期" not in at_due  # 18:00:00 is still on time
    text = chase_message(SECOND_WEEK, rows, now=datetime(2022, 6, 8, 18, 0, 1))
    assert text.startswith(
        "【催报提醒】“周活动开展情况（第2周）”应于6月8日（周三）18:00前报送，现已逾期，"
        "以下1个单位尚未报送，请尽快补报：\n1. 东村"
    )
    assert text.endswith("如已报送请忽略，谢谢！")  # no sender: no signature


def test_end_of_day_deadline_and_materials():
    d = Deadline(
        1, "联络员推荐表", DeadlineRule(ONCE, on=date(2022, 5, 31)), materials="推荐表（盖章）"
    )
    o = occurrences(d)[0]
    rows = [ChaseRow("东村", "张三", "152 3453 7719", "未报")]
    on_the_day = chase_message(o, rows, now=datetime(2022, 5, 31, 23, 0))
    assert "“联络员推荐表”应于5月31日（周二）前报送，以下1个单位" in on_the_day
    assert "联络员：张三 15234537719" in on_the_day
    assert "报送材料：推荐表（盖章）" in on_the_day
    assert "已逾期" in chase_message(o, rows, now=datetime(2022, 6, 1, 0, 0))


def test_done_rows_are_left_out_and_an_empty_list_thanks():
    rows = [
        ChaseRow("东村", "张三", "15234537719", "按时已报"),
        ChaseRow("西坡村", "", "", "逾期未报"),
        ChaseRow("北庄村", "", "", "免报"),
        ChaseRow("南庄村", "", "", "逾期补报"),
    ]
    assert [r.unit_name for r in outstanding_rows(rows)] == ["西坡村"]
    text = chase_message(SECOND_WEEK, rows, now=datetime(2022, 6, 9), sender="荫城镇安监站")
    assert "1. 西坡村（联络员未报）" in text and "东村" not in text and "北庄村" not in text
    assert "以下1个单位" in text
    done = chase_message(SECOND_WEEK, rows[:1], now=datetime(2022, 6, 9), sender="荫城镇安监站")
    assert (
        done
        == "【报送情况】“周活动开展情况（第2周）”各单位均已报送，感谢大家配合！\n——荫城镇安监站"
    )


def test_message_is_wechat_friendly():
    rows = [ChaseRow("东\t村\n（一组）", " 张  三 ", "152\t3453 7719", "未报")]
    text = chase_message(SECOND_WEEK, rows, now=datetime(2022, 6, 1), sender="  荫城镇安监站 ")
    assert "\t" not in text
    assert "1. 东 村 （一组）（联络员：张 三 15234537719）" in text
    assert text.endswith("\n——荫城镇安监站")
    assert all(ord(ch) < 0x1F000 for ch in text)  # no emoji


def test_an_upward_report_has_nobody_to_chase():
    d = Deadline(1, "活动总结", DeadlineRule(ONCE, on=date(2022, 7, 5)), direction=DIRECTION_OUT)
    with pytest.raises(ValueError, match="向上级"):
        chase_message(occurrences(d)[0], ROWS, now=datetime(2022, 7, 1))


def test_liaison_text_and_count_line():
    assert (
        liaison_text(ChaseRow("东村", "张三", "15234537719", "未报")) == "联络员：张三 15234537719"
    )
    assert liaison_text(ChaseRow("东村", "", "", "未报")) == "联络员未报"
    assert count_line([]) == "全部单位均已报送"
    assert count_line(ROWS) == "共4个单位尚未报送"
    late = [ChaseRow("a", "", "", "逾期未报"), ChaseRow("b", "", "", "未报")]
    assert count_line(late) == "共2个单位尚未报送（其中逾期未报1个）"
    assert count_line(late[:1]) == "共1个单位尚未报送（均已逾期）"
    mixed = [*late, ChaseRow("c", "", "", "免报")]
    assert count_line(mixed) == "共3个单位：未报1个、逾期未报1个、免报1个"
