"""Any text at all: the parser never raises, its spans stay inside the text, its JSON is
JSON, and a megabyte is read well within a second."""

from __future__ import annotations

import json
import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anquanyue_desktop.domain.deadlines import RULE_KINDS
from anquanyue_desktop.domain.notice import parse_notice, to_json
from anquanyue_desktop.domain.notice.parse import INTERNAL_ERROR

# Pieces notices are made of, so that random text often looks like a deadline.
PIECES = [
    "6月",
    "３日",
    "二十",
    "日",
    "号",
    "前",
    "至",
    "—",
    "、",
    "和",
    "，",
    "。",
    "；",
    "：",
    ":",
    "(",
    "）",
    "（",
    "“",
    "”",
    '"',
    "每周三",
    "每月",
    "每天",
    "18:00",
    "下午5点半",
    "上午十时",
    "报送",
    "上报",
    "报至",
    "提交",
    "及时",
    "即时",
    "也可随时",
    "于",
    "将",
    "把",
    "各单位",
    "联系人：",
    "王芷瑜",
    "电话：",
    "15234537719",
    "附件",
    "附件1",
    "\n",
    "\t",
    " ",
    "　",
    "2023年",
    "第22个",
    "安全生产月",
    "活动时间：",
    "活动主题：",
    "本月",
    "中旬",
    "底",
    "截至",
    "报送时间",
    "3日内",
    "分别",
    "安全宣传咨询日",
    "启动仪式",
    "一、",
    "（一）",
    "1.",
    "人民政府",
    "办事处",
    "2022年5月30日",
    # Phrasing of real notices the reader now knows: traditional characters, quarters,
    # deadlines counted from the notice, labels, dash lists, colon lists, daily times.
    "報送",
    "於",
    "時",
    "每季度",
    "首月",
    "末",
    "次月",
    "接到通知后",
    "3个工作日内",
    "征集时间",
    "作品征集:",
    "即日起至",
    "——",
    "报委办公室:",
    "下午下班前",
    "上午",
    "及时将",
    "每日",
    "于下午16时前",
    "20xx年",
    "、",
]
notice_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
any_text = st.one_of(st.text(max_size=400), notice_like)


def _check(text: str) -> None:
    d = parse_notice(text, today=date(2023, 5, 1))
    assert not [n for n in d.notes if n.startswith(INTERNAL_ERROR)], d.notes
    j = to_json(d)
    json.dumps(j, ensure_ascii=False)
    n = len(text)
    for x in d.deadlines:
        assert x.kind in RULE_KINDS
        assert 0 <= x.span[0] <= x.span[1] <= n
        assert x.what
        if x.kind == "weekly" and x.weekday is not None:
            assert 1 <= x.weekday <= 7
        if x.day_of_month is not None:
            assert 1 <= x.day_of_month <= 31
        if x.kind == "quarterly":
            # None: 每季度报送 names no month (the rule then falls due at the quarter's end).
            assert x.month_of_quarter in (1, 2, 3) or (
                x.month_of_quarter is None and x.day_of_month is None
            )
        if x.relative_days is not None:
            assert x.relative_days > 0 and x.kind == "once"
        assert 0 < x.confidence <= 1
        for a, b in x.evidence:
            assert 0 <= a <= b <= n
    for item in (*d.periods, *d.events, *d.contacts, *d.attachments):
        assert 0 <= item.span[0] <= item.span[1] <= n
    read = [x.span for x in d.deadlines]
    for lo in d.leftovers:
        assert 0 <= lo.span[0] < lo.span[1] <= n and lo.reason and lo.text
        assert all(0 <= a <= b <= n for a, b in lo.evidence)
        assert not any(a < lo.span[1] and lo.span[0] < b for a, b in read)
    for p in d.periods:
        assert p.start <= p.end
    for found in (d.issuer, d.issued_on, d.theme, d.ordinal):
        if found is not None and found.span is not None:
            assert 0 <= found.span[0] <= found.span[1] <= n
    # The deadlines convert to the program's own objects.
    d.to_campaign()
    d.to_deadlines()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_any_text_is_parsed_without_error(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_unicode_is_parsed_without_error(text):
    _check(text)


def _parsed(text: str):
    # Speed is measured in benchmarks/bench_notice.py, not here: timed tests flake on busy CI.
    return parse_notice(text, today=date(2023, 5, 1))


def test_a_megabyte_of_notice_text_is_read_with_bounded_findings():
    paragraph = (
        "各村、各站所要高度重视，于5月31日前报送1名联络员，6月份每周三18:00前报送周活动开展情况，"
        "重要活动要即时报送。7月4日前报送工作总结。6月16日为全国安全宣传咨询日。\n"
        "（一）加强组织领导。各单位要把“安全生产月”活动纳入年度考核内容，切实加强组织领导，确保活动取得实效。\n"
    )
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    draft = _parsed(text)
    assert 0 < len(draft.deadlines) <= 300


def test_a_megabyte_of_noise_is_read_without_error():
    rng = random.Random(7)
    text = "".join(rng.choice(PIECES) for _ in range(150_000))[:1_000_000]
    _parsed(text)
    lines = "各单位于6月2日前报送方案\n" * 70_000
    assert len(_parsed(lines).deadlines) <= 300
