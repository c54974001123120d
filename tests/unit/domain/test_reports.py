"""Weekly windows, weekly report counts, works shortfalls and the summary draft."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from anquanyue_desktop.domain.activities import Activity, MediaItem
from anquanyue_desktop.domain.board import build_board
from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.deadlines import (
    DIRECTION_IN,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
    occurrences,
)
from anquanyue_desktop.domain.forms import WorkQuota, WorksItem, WorksQuota
from anquanyue_desktop.domain.reports import (
    Block,
    activities_in_window,
    build_weekly_report,
    cn_number,
    draft_summary,
    parse_document_text,
    week_window,
    works_register,
)
from anquanyue_desktop.domain.submissions import Submission
from anquanyue_desktop.domain.units import Unit

# 2022: June 1st is a Wednesday; 每周三18:00前 from 6月1日 to 6月30日 (seed 002).
WEEKLY = Deadline(
    1,
    "周活动开展情况",
    DeadlineRule(
        WEEKLY_KIND, at=time(18, 0), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
    ),
    DIRECTION_IN,
    id=7,
)
OCCS = occurrences(WEEKLY)
UNITS = [
    Unit("东街村", "村", 1, id=1),
    Unit("西街村", "村", 2, id=2),
    Unit("荫城中学", "学校", 3, id=3),
]
CAMPAIGN = Campaign(
    2022,
    theme="遵守安全生产法　当好第一责任人",
    ordinal=21,
    period_start=date(2022, 6, 1),
    period_end=date(2022, 6, 30),
    issuer="荫城镇人民政府",
)


def act(unit_id, on, category="应急演练", title="活动", participants=None, media=(), **kw):
    return Activity(1, unit_id, on, category, title, participants=participants, media=media, **kw)


PHOTO = MediaItem("photo", "a.jpg", "a" * 64, 10)
VIDEO = MediaItem("video", "v.mp4", "b" * 64, 20)


def test_weekly_occurrences_are_wednesdays_at_18():
    assert [o.due for o in OCCS] == [datetime(2022, 6, d, 18, 0) for d in (1, 8, 15, 22, 29)]


def test_week_window_runs_from_the_previous_due_time():
    assert week_window(OCCS, OCCS[0]) == (None, datetime(2022, 6, 1, 18))
    assert week_window(OCCS, OCCS[1]) == (datetime(2022, 6, 1, 18), datetime(2022, 6, 8, 18))


def test_wednesday_18_boundary_by_date():
    after, until = week_window(OCCS, OCCS[1])
    acts = [
        act(1, date(2022, 6, 1), title="上周三"),  # due day of week 1: belongs to week 1
        act(1, date(2022, 6, 2), title="周四"),
        act(1, date(2022, 6, 8), title="本周三"),  # due day 18:00: still this week
        act(1, date(2022, 6, 9), title="下周四"),
    ]
    assert [a.title for a in activities_in_window(acts, after, until)] == ["周四", "本周三"]
    # Week 1 reaches back before the campaign's start: nothing falls between two reports.
    first = activities_in_window([act(1, date(2022, 5, 31)), *acts], *week_window(OCCS, OCCS[0]))
    assert [a.on for a in first] == [date(2022, 5, 31), date(2022, 6, 1)]


def test_window_of_end_of_day_deadline_uses_the_same_rule():
    d = Deadline(
        1,
        "周报",
        DeadlineRule(WEEKLY_KIND, weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)),
    )
    occs = occurrences(d)
    after, until = week_window(occs, occs[1])
    assert until == datetime(2022, 6, 8, 23, 59, 59)
    got = activities_in_window([act(1, date(2022, 6, 8)), act(1, date(2022, 6, 1))], after, until)
    assert [a.on for a in got] == [date(2022, 6, 8)]


def test_weekly_report_counts_and_silent_units():
    acts = [
        act(1, date(2022, 6, 3), "应急演练", "防汛演练", 80, (PHOTO, PHOTO, VIDEO), important=True),
        act(1, date(2022, 6, 8), "“五进”宣传", "进农村", 40, (PHOTO,)),
        act(None, date(2022, 6, 6), "教育培训", "镇安委会扩大会议", 30),
        act(3, date(2022, 6, 7), "应急演练", "地震逃生演练", 600, (VIDEO,)),
        act(2, date(2022, 6, 9), "其他", "下周的"),
    ]
    r = build_weekly_report(OCCS[1], OCCS, acts, UNITS, campaign_start=date(2022, 6, 1))
    assert r.number == 2
    assert r.period == "6月2日至6月8日"
    assert [u.unit_name for u in r.units] == ["本级", "东街村", "荫城中学"]
    east = r.units[1].counts
    assert (east.activities, east.participants, east.photos, east.videos) == (2, 120, 3, 1)
    t = r.totals
    assert (t.activities, t.participants, t.photos, t.videos) == (4, 750, 3, 2)
    assert r.silent_units == ("西街村",)
    assert "本周（6月2日至6月8日）共开展活动4项，参与750人次" in r.narrative
    assert "应急演练2项（参与680人次）" in r.narrative
    assert "“防汛演练”" in r.narrative  # important activities named
    assert "西街村" in r.narrative.splitlines()[-1]
    edited = r.with_narrative("改过的")
    assert edited.narrative == "改过的" and edited.totals == r.totals


def test_weekly_report_of_empty_week_lists_every_unit_as_silent():
    r = build_weekly_report(OCCS[0], OCCS, [], UNITS, campaign_start=date(2022, 6, 1))
    assert r.period == "6月1日"
    assert r.silent_units == ("东街村", "西街村", "荫城中学")
    assert "暂未收到" in r.narrative


def test_silent_units_respect_the_deadline_units():
    d = Deadline(1, "周报", WEEKLY.rule, DIRECTION_IN, unit_ids=frozenset({1, 3}), id=8)
    occs = occurrences(d)
    r = build_weekly_report(occs[1], occs, [act(1, date(2022, 6, 5))], UNITS)
    assert r.silent_units == ("荫城中学",)


QUOTA = WorksQuota(
    ("各社区",),
    (
        WorksItem(
            "course", "安全生产专题教育课", ("课件（录像）",), (WorkQuota("课件（录像）", 1, "个"),)
        ),
        WorksItem(
            "drill",
            "应急逃生避险演练",
            ("视频", "图片"),
            (WorkQuota("视频", 1, "个"), WorkQuota("图片", 3, "张")),
        ),
    ),
)


def test_works_shortfall_lines():
    delivered = {
        ("XX社区", "drill", "图片"): 2,
        ("XX社区", "course", "课件（录像）"): 1,
        ("YY社区", "drill", "视频"): 1,
        ("YY社区", "drill", "图片"): 5,
        ("YY社区", "course", "课件（录像）"): 1,
    }
    reg = works_register(QUOTA, ["XX社区", "YY社区", "ZZ社区"], delivered)
    assert reg.shortfall_lines() == [
        "XX社区 应急逃生避险演练：视频 0/1，图片 2/3",
        "ZZ社区 安全生产专题教育课：课件（录像） 0/1",
        "ZZ社区 应急逃生避险演练：视频 0/1，图片 0/3",
    ]
    assert reg.complete_units == ["YY社区"]
    assert reg.delivered_total == 10
    assert reg.units[0].shortfalls[0].message.startswith("应急逃生避险演练：视频还差1个")


def test_works_register_with_the_shipped_quota():
    from anquanyue_desktop.imports.form_files import FORMS_DIR, load_template

    quota = load_template(FORMS_DIR / "zushi-works-quota.json").quota
    assert quota is not None
    reg = works_register(quota, ["XX社区"], {("XX社区", "drill", "图片"): 2})
    assert "XX社区 应急逃生避险演练：视频 0/1，图片 2/3" in reg.shortfall_lines()
    assert len(reg.shortfall_lines()) == 5


def test_cn_numbers():
    assert [cn_number(n) for n in (1, 5, 10, 11, 20, 23)] == [
        "一",
        "五",
        "十",
        "十一",
        "二十",
        "二十三",
    ]


def test_parse_document_text():
    text = "开头段落。\n\n一、总体情况\n（一）演练\n正文。\n  二、问题  \n(二)半角括号"
    assert parse_document_text(text) == [
        Block("p", "开头段落。"),
        Block("h1", "一、总体情况"),
        Block("h2", "（一）演练"),
        Block("p", "正文。"),
        Block("h1", "二、问题"),
        Block("h2", "(二)半角括号"),
    ]


def _board(now):
    subs = {
        (7, "2022-06-01", 1): Submission(7, "2022-06-01", 1, datetime(2022, 6, 1, 10)),
        (7, "2022-06-01", 2): Submission(7, "2022-06-01", 2, datetime(2022, 6, 2, 9)),
        (7, "2022-06-08", 1): Submission(7, "2022-06-08", 1, datetime(2022, 6, 8, 17)),
        (7, "2022-06-08", 3): Submission(7, "2022-06-08", 3, exempt_reason="放假"),
    }
    return build_board([WEEKLY], [1, 2, 3], subs, now)


def test_summary_draft_mentions_categories_works_and_rates():
    acts = [
        act(1, date(2022, 6, 3), "应急演练", "防汛演练", 80, (PHOTO,)),
        act(2, date(2022, 6, 16), "安全宣传咨询日", "咨询日宣传", 300),
        act(2, date(2022, 6, 10), "“五进”宣传", "进企业", 25),
    ]
    now = datetime(2022, 6, 9, 9, 0)
    reg = works_register(QUOTA, ["东街村"], {})
    draft = draft_summary(
        CAMPAIGN,
        acts,
        UNITS,
        states=_board(now),
        now=now,
        works=reg,
        categories=("应急演练", "安全宣传咨询日", "“五进”宣传", "其他"),
    )
    text = draft.text()
    assert draft.title == "荫城镇2022年“安全生产月”活动工作总结"
    assert "第21个全国“安全生产月”" in text and "遵守安全生产法" in text
    assert "6月1日至6月30日" in text
    assert "共开展各类活动3项，参与405人次" in text
    assert "全镇" in text
    assert "（一）应急演练" in text and "共组织应急演练1场，参与80人次" in text
    assert "（二）安全宣传咨询日" in text and "6月16日，开展“安全宣传咨询日”活动1场" in text
    assert "（三）“五进”宣传" in text
    assert "东街村 应急逃生避险演练：视频 0/1，图片 0/3" in text
    # Due by 6月9日: week 1 (units 1, 2, 3) and week 2 (1, 2, 3 exempt) → 5 expected,
    # on time 2 (1 twice), late 1 (unit 2 week 1), outstanding 2.
    assert "应报5次，按时报送率40%，总报送率60%（含逾期补报1次），尚有2次未报" in text
    headings = [b.text for b in parse_document_text(text) if b.kind == "h1"]
    assert headings == [
        "一、活动开展总体情况",
        "二、主要做法和成效",
        "三、作品案例报送情况",
        "四、信息报送情况",
        "五、存在的问题和下一步打算",
    ]


def test_summary_draft_without_data_leaves_placeholders():
    draft = draft_summary(CAMPAIGN, [], UNITS, categories=("应急演练", "安全宣传咨询日", "其他"))
    text = draft.text()
    assert "尚未录入【请补充】" in text
    assert "（一）应急演练" in text and "应急演练情况尚无记录【请补充】" in text
    assert "信息报送情况" not in text


@pytest.mark.parametrize("issuer, word", [("祖师街道办事处", "全街道"), ("某乡人民政府", "全乡")])
def test_summary_place_word(issuer, word):
    c = Campaign(2024, issuer=issuer)
    text = draft_summary(c, [act(1, date(2024, 6, 3))], UNITS).text()
    assert word in text
