"""Quarterly rules, deadlines counted from the notice, materials split from titles, and the
review's split/join and why-text (the phrases here are test inputs, not corpus text)."""

from __future__ import annotations

from datetime import date

from anquanyue_desktop.domain.deadlines import (
    ONCE,
    QUARTERLY_KIND,
    Deadline,
    DeadlineRule,
    occurrences,
    validate_deadline,
)
from anquanyue_desktop.domain.notice import parse_notice, to_json
from anquanyue_desktop.domain.notice.review import (
    join_deadlines,
    split_deadline,
    split_title,
    why_text,
)
from anquanyue_desktop.domain.workdays import DayOverride, WorkCalendar

SIGNED = "\n某某镇人民政府\n2024年9月27日\n"


def test_quarterly_occurrences_fall_in_the_named_month_of_each_quarter():
    d = Deadline(
        1,
        "季度报表",
        DeadlineRule(
            QUARTERLY_KIND,
            day_of_month=31,
            month_of_quarter=1,
            start=date(2024, 1, 1),
            end=date(2024, 12, 31),
        ),
    )
    assert [o.due.date() for o in occurrences(d)] == [
        date(2024, 1, 31),
        date(2024, 4, 30),  # April has no 31st: its last day
        date(2024, 7, 31),
        date(2024, 10, 31),
    ]
    assert [o.label for o in occurrences(d)][:2] == ["季度报表（第1季度）", "季度报表（第2季度）"]
    assert d.rule.describe().startswith("每季度第一个月31日前")
    bad = Deadline(
        1,
        "x",
        DeadlineRule(
            QUARTERLY_KIND, month_of_quarter=4, start=date(2024, 1, 1), end=date(2024, 3, 31)
        ),
    )
    assert any(p.code == "quarter_month" for p in validate_deadline(bad))


def test_workdays_skip_weekends_holidays_and_count_makeup_days():
    cal = WorkCalendar()
    # 2024-09-27 is a Friday; 9月29日 (Sunday) is a 调休 workday before 国庆.
    assert cal.add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert cal.add_workdays(date(2024, 9, 27), 3) == date(2024, 10, 8)
    manual = WorkCalendar([DayOverride(date(2031, 6, 2), False, "端午节")])
    assert manual.add_workdays(date(2031, 5, 30), 1) == date(2031, 6, 3)


def test_a_deadline_counted_from_the_notice_gets_its_date_from_the_signature():
    text = "请各村接到通知后3个工作日内将排查情况报送镇安监站。" + SIGNED
    (d,) = parse_notice(text, today=date(2024, 9, 28)).deadlines
    assert (d.kind, d.relative_days, d.relative_workdays) == (ONCE, 3, True)
    assert d.on == date(2024, 10, 8) and d.unsure and "发文日期" in d.reason
    j = to_json(parse_notice(text, today=date(2024, 9, 28)))["deadlines"][0]
    assert j["relative"] == {"days": 3, "workdays": True} and j["date"] == "10-08"
    calendar_days = "收到本通知后5日内上报整改情况。" + SIGNED
    (d,) = parse_notice(calendar_days).deadlines
    assert (d.on, d.relative_workdays) == (date(2024, 10, 2), False)
    unsigned = parse_notice("请于接到通知后3日内上报整改情况。").deadlines[0]
    assert (
        unsigned.on is None and unsigned.relative_days == 3 and "请填写具体日期" in unsigned.reason
    )


def test_quarterly_and_next_month_phrases():
    j = to_json(
        parse_notice(
            "各企业每季度末月25日前报送季度隐患排查情况，月报于次月5日前报送。",
            today=date(2024, 5, 1),
        )
    )["deadlines"]
    got = [(d["kind"], d["month_of_quarter"], d["day_of_month"]) for d in j]
    assert got == [(QUARTERLY_KIND, 3, 25), ("monthly", None, 5)]


def test_materials_are_split_from_the_title_unless_the_title_is_all_material():
    j = to_json(parse_notice("6月10日前报送周活动开展情况及相关视频、图片等电子版资料。"))
    d = j["deadlines"][0]
    assert (d["what"], d["materials"]) == ("周活动开展情况", "相关视频、图片等电子版资料")
    only = to_json(parse_notice("6月10日前报送视频、图片等电子版资料。"))["deadlines"][0]
    assert only["materials"] is None and "电子版资料" in only["what"]


def test_why_split_and_join():
    text = "请于6月10日前报送活动方案和活动总结。"
    (found,) = parse_notice(text).deadlines
    why = why_text(found, text)
    assert "依据：“6月10日前” + “报送”" in why and "把握：" in why
    assert split_title("活动方案和活动总结") == ["活动方案", "活动总结"]
    assert split_title("“五个一”作品和报送表") == ["“五个一”作品", "报送表"]
    d = Deadline(1, "活动方案和活动总结", DeadlineRule(ONCE, on=date(2024, 6, 10)), id=3)
    a, b = split_deadline(d)
    assert (a.title, b.title, a.rule, a.id) == ("活动方案", "活动总结", d.rule, None)
    assert [x.title for x in split_deadline(Deadline(1, "总结", d.rule))] == ["总结", "总结"]
    joined = join_deadlines([a, b, replace_materials(b, "照片")])
    assert (joined.title, joined.materials, joined.rule) == ("活动方案、活动总结", "照片", d.rule)


def replace_materials(d: Deadline, materials: str) -> Deadline:
    from dataclasses import replace

    return replace(d, materials=materials)


def test_a_weekly_rule_without_its_day_says_so_and_asks_for_it():
    from anquanyue_desktop.domain.deadlines import WEEKLY_KIND

    rule = DeadlineRule(WEEKLY_KIND, start=date(2024, 6, 1), end=date(2024, 6, 30))
    assert rule.describe().startswith("每周（星期几待定）")
    assert any(p.code == "weekday" for p in validate_deadline(Deadline(1, "周报", rule)))


def test_a_deadline_to_check_is_never_called_sure():
    from anquanyue_desktop.domain.notice.review import confidence_word

    sure, flagged = parse_notice("请于6月10日前报送总结，于4月、7月分别报送季报。").deadlines[:2]
    assert not sure.unsure and confidence_word(sure.confidence) == "高"
    assert flagged.unsure and confidence_word(flagged.confidence) != "高"


def test_a_once_deadline_read_without_its_day_says_the_day_is_to_fill_in():
    # 于6月20日前组织演练，演练结束后2个工作日内报送演练总结: counted from the drill, whose
    # day the clerk knows; the row must not read 即时报送.
    text = "各村要在6月20日前组织1次应急演练，演练结束后2个工作日内报送演练总结。"
    d = parse_notice(text, today=date(2025, 5, 26)).deadlines[0]
    assert d.kind == "once" and d.on is None
    assert d.rule().describe() == "日期待填"
    assert DeadlineRule(ONCE, relative_days=5, relative_workdays=True).describe() == (
        "接到通知后5个工作日内（日期待填）"
    )
