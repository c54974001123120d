"""The five real notices in ../shared/seeds: exactly the deadlines they state, no more."""

from __future__ import annotations

import os
from datetime import date
from datetime import time as dtime
from pathlib import Path

import pytest

from anquanyue_desktop.domain.deadlines import ASAP, MONTHLY_KIND, ONCE, WEEKLY_KIND, occurrences
from anquanyue_desktop.domain.notice import NoticeDraft, parse_notice, to_json

SEEDS = Path(os.environ.get("ANQUANYUE_SEEDS", Path(__file__).parents[4] / "shared" / "seeds"))


def _seed(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.fail(f"seed notices not found in {SEEDS} (set ANQUANYUE_SEEDS)")
    return found[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def drafts() -> dict[str, NoticeDraft]:
    return {p: parse_notice(_seed(p)) for p in ("000", "001", "002", "003", "004")}


def _dl(draft: NoticeDraft) -> list[tuple]:
    return [
        (d.kind, d.on, d.at, d.weekday, d.day_of_month, d.start, d.end) for d in draft.deadlines
    ]


def _in_span(draft: NoticeDraft, span, *words: str) -> None:
    text = draft.text[span[0] : span[1]]
    for w in words:
        assert w in text, (w, text)


def test_seed_002_township_2022(drafts):
    d = drafts["002"]
    j = to_json(d)
    assert j["issuer"] == "荫城镇人民政府"
    assert j["issued_on"] == "2022-05-30"
    assert (j["year"], j["ordinal"]) == (2022, 21)
    assert j["theme"] == "遵守安全生产法 当好第一责任人"
    assert j["periods"] == [{"what": "安全生产月", "start": "06-01", "end": "06-30"}]
    assert j["contacts"] == [{"name": "王芷瑜", "phone": "15234537719"}]
    assert j["events"] == [{"what": "安全宣传咨询日", "date": "06-16"}]
    assert j["attachments"] == ["“安全生产月”活动联络人推荐表"]
    y = 2022
    assert _dl(d) == [
        (ONCE, date(y, 5, 31), None, None, None, None, None),
        (ONCE, date(y, 5, 31), None, None, None, None, None),
        (WEEKLY_KIND, None, dtime(18, 0), 3, None, date(y, 6, 1), date(y, 6, 30)),
        (ASAP, None, None, None, None, None, None),
        (ONCE, date(y, 7, 4), None, None, None, None, None),
    ]
    whats = [x.what for x in d.deadlines]
    assert whats[0] == "联络员"
    assert whats[1] == "活动方案"
    assert whats[2].startswith("周活动开展情况")
    assert "重要活动" in whats[3]
    assert whats[4] == "工作总结"
    assert not any(x.unsure for x in d.deadlines)
    # The note under the form (注：请于5月31日前报送) is the same deadline, not a sixth one.
    assert j["deadlines"][2]["weekday"] == 3 and j["deadlines"][2]["time"] == "18:00"
    _in_span(d, d.deadlines[2].span, "每周三18:00前")


def test_seed_003_street_2024(drafts):
    d = drafts["003"]
    j = to_json(d)
    assert j["issuer"] == "许昌市东城区祖师街道办事处"
    assert j["issued_on"] == "2024-05-29"
    assert (j["year"], j["ordinal"]) == (2024, 23)
    assert j["theme"] == "人人讲安全、个个会应急——畅通生命通道"
    assert j["periods"] == [{"what": "安全生产月", "start": "06-01", "end": "06-30"}]
    assert j["events"] == [{"what": "安全宣传咨询日", "date": "06-16"}]
    assert [(x["date"], x["kind"]) for x in j["deadlines"]] == [
        ("06-03", ONCE),
        ("06-08", ONCE),
        ("06-25", ONCE),
    ]
    whats = [x.what for x in d.deadlines]
    assert "联络员" in whats[0]
    assert "活动内容" in whats[1]
    assert "活动总结报告" in whats[2] and "报送表" in whats[2]
    # The contact once, with both numbers the notice gives for him.
    assert j["contacts"] == [{"name": "王亚伟", "phone": "5163977"}]
    assert d.contacts[0].phones == ("5163977", "18939112115")
    assert j["attachments"] == [
        "祖师街道办事处“安全生产月”活动联络员反馈表",
        "畅通生命通道“五个一”活动优秀作品案例分配表",
        "畅通生命通道“五个一”活动优秀作品案例报送表",
    ]


def test_seed_004_county_transport_2023(drafts):
    d = drafts["004"]
    j = to_json(d)
    assert (j["year"], j["ordinal"]) == (2023, 22)
    assert j["periods"] == [{"what": "安全生产月", "start": "05-31", "end": "06-30"}]
    assert j["theme"] == "人人讲安全个个会应急"
    assert j["contacts"] == [{"name": "张家志", "phone": "6627527"}]
    assert [(x["kind"], x["date"]) for x in j["deadlines"]] == [
        (ONCE, "05-29"),
        (ASAP, None),
        (ONCE, "06-30"),
    ]
    whats = [x.what for x in d.deadlines]
    assert whats[0] == "联络员"
    assert "电子版资料" in whats[1]
    assert "活动总结" in whats[2] and "统计表" in whats[2]
    # 每季度至少上报一个典型案例 / 每月报送 inside the attached table are form text.
    assert all(x.kind != MONTHLY_KIND for x in d.deadlines)


def test_seed_001_district_with_a_second_campaign(drafts):
    d = drafts["001"]
    j = to_json(d)
    assert j["year"] == 2023
    assert j["theme"] == "人人讲安全 个个会应急"
    assert j["periods"] == [
        {"what": "安全生产月", "start": "06-01", "end": "06-30"},
        {"what": "安全生产五邑行", "start": "06-01", "end": "12-31"},
    ]
    got = sorted(
        ((x["kind"], x["date"], x["from"], x["until"], x["day_of_month"]) for x in j["deadlines"]),
        key=str,
    )
    assert got == sorted(
        [
            (ONCE, "06-02", None, None, None),
            (ONCE, "06-21", None, None, None),
            (ONCE, "11-26", None, None, None),
            (MONTHLY_KIND, None, "06-01", "12-31", None),
        ],
        key=str,
    )
    by_date = {x.on: x.what for x in d.deadlines if x.kind == ONCE}
    assert "活动方案" in by_date[date(2023, 6, 2)]
    assert by_date[date(2023, 6, 21)].startswith("“安全生产月”活动总结")
    assert "五邑行" in by_date[date(2023, 11, 26)]
    monthly = next(x for x in d.deadlines if x.kind == MONTHLY_KIND)
    assert "典型案例" in monthly.what
    assert monthly.unsure and "每月几日" in monthly.reason
    assert {"what": "启动仪式", "date": "05-31"} in j["events"]


def test_seed_000_reports_at_once_and_invents_no_dates(drafts):
    d = drafts["000"]
    j = to_json(d)
    assert j["issuer"] == "济南市历下区人民政府甸柳新村街道办事处"
    assert j["issued_on"] == "2023-05-30"
    assert (j["year"], j["ordinal"]) == (2023, 22)
    assert j["theme"] == "人人讲安全 个个会应急"
    assert j["periods"] == [{"what": "安全生产月", "start": "06-01", "end": "06-30"}]
    assert j["events"] == [{"what": "安全宣传咨询日", "date": "06-16"}]
    assert [x["kind"] for x in j["deadlines"]] == [ASAP]
    assert "活动组织开展情况" in d.deadlines[0].what
    assert not any(x["date"] for x in j["deadlines"])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_spans_point_at_the_words_and_sources_are_their_text(drafts, prefix):
    d = drafts[prefix]
    for x in d.deadlines:
        a, b = x.span
        assert 0 <= a < b <= len(d.text)
        piece = "".join(d.text[a:b].split())
        assert "".join(x.source.split()) == piece
    for item in (*d.periods, *d.events, *d.contacts, *d.attachments):
        a, b = item.span
        assert 0 <= a < b <= len(d.text)
    if d.theme:
        a, b = d.theme.span
        assert d.text[a:b].strip('“”" ').replace("  ", " ").startswith(d.theme.value[:4])


def test_drafts_convert_to_a_campaign_and_deadlines_with_occurrences(drafts):
    d = drafts["002"]
    campaign = d.to_campaign()
    assert (campaign.year, campaign.ordinal, campaign.issuer) == (2022, 21, "荫城镇人民政府")
    assert campaign.period_start == date(2022, 6, 1) and campaign.period_end == date(2022, 6, 30)
    assert (campaign.contact_person, campaign.contact_phone) == ("王芷瑜", "15234537719")
    deadlines = d.to_deadlines(campaign_id=7)
    assert [x.title for x in deadlines][:2] == ["联络员", "活动方案"]
    weekly = deadlines[2]
    assert weekly.campaign_id == 7 and weekly.rule.weekday == 3
    dues = [o.due for o in occurrences(weekly)]
    assert [x.day for x in dues] == [1, 8, 15, 22, 29]
    assert all(x.hour == 18 for x in dues)
    assert occurrences(deadlines[3]) == []  # 即时报送 has no date
    assert "通知原文" in deadlines[0].notes

    monthly = next(x for x in drafts["001"].to_deadlines() if x.rule.kind == MONTHLY_KIND)
    assert [o.due.month for o in occurrences(monthly)] == [6, 7, 8, 9, 10, 11, 12]
