"""Notices of our own in the language of other townships and counties: the deadline rules
must be general, not shaped to the five seeds."""

from __future__ import annotations

from datetime import date, time

import pytest

from anquanyue_desktop.domain.notice import parse_notice, to_json
from anquanyue_desktop.domain.notice.timexpr import find_dates

TODAY = date(2023, 5, 1)


def rows(text: str, today: date = TODAY) -> list[tuple]:
    """(what, kind, date, time, weekday, day_of_month, from, until) of each deadline."""
    j = to_json(parse_notice(text, today=today))
    return [
        (
            d["what"],
            d["kind"],
            d["date"],
            d["time"],
            d["weekday"],
            d["day_of_month"],
            d["from"],
            d["until"],
        )
        for d in j["deadlines"]
    ]


def once(what, day, at=None, weekday=None):
    return (what, "once", day, at, weekday, None, None, None)


CASES: list[tuple[str, str, list[tuple]]] = [
    (
        "weekday note, 下班前, weekly Monday 10 o'clock, period from the heading",
        "关于开展2023年“安全生产月”活动的通知\n各村（社区）、镇直各单位：\n一、活动主题\n人人讲安全 个个会应急\n"
        "二、活动时间\n6月1日至6月30日\n三、工作要求\n请各村（社区）于6月2日（星期五）下班前将活动方案报送至镇应急办邮箱，"
        "每周一上午10时前报送上周活动开展情况，6月28日前报送活动总结。",
        [
            once("活动方案", "06-02", weekday=5),
            ("上周活动开展情况", "weekly", None, "10:00", 1, None, "06-01", "06-30"),
            once("活动总结", "06-28"),
        ],
    ),
    (
        "monthly report, two dates split in two deliveries, a threat is no deadline",
        "今年6月是第22个全国“安全生产月”。请各单位每月25日前报送月报，6月10日、6月20日前分两次报送活动进展情况。"
        "逾期不报的将予以通报。",
        [
            ("月报", "monthly", None, None, None, 25, None, None),
            once("活动进展情况", "06-10"),
            once("活动进展情况", "06-20"),
        ],
    ),
    (
        "报送时间： label; 截至 clause before the verb",
        "（二）报送活动方案。各单位要结合实际制定本单位活动方案。报送时间：6月15日前。\n"
        "（三）报送总结。截至6月28日，各单位须将工作总结报送区应急局。",
        [once("活动方案", "06-15"), once("工作总结", "06-28")],
    ),
    (
        "Chinese numerals, full-width digits and a full-width time",
        "请各站所于六月三日前报送联络员名单，于６月３０日１７：００前报送活动总结。",
        [once("联络员名单", "06-03"), once("活动总结", "06-30", "17:00")],
    ),
    (
        "date clause then verb clause; 每月底; 第一时间",
        "各企业要在6月25日之前，将活动总结和统计表报送至镇安监站。各村于每月底前上报本月安全检查情况。\n"
        "发生生产安全事故要第一时间上报。",
        [
            once("活动总结和统计表", "06-25"),
            ("本月安全检查情况", "monthly", None, None, None, None, None, None),
            ("生产安全事故", "asap", None, None, None, None, None, None),
        ],
    ),
    (
        "daily with 下午5:30 over 6月份; a relative deadline has no date",
        "6月份每天下午5:30前上报当日巡查情况。请各单位接到通知后3日内报送联络员名单。",
        [
            ("当日巡查情况", "daily", None, "17:30", None, None, "06-01", "06-30"),
            once("联络员名单", None),
        ],
    ),
    (
        "报 + office, attachment reference stripped, 活动期间 weekly",
        "各社区务必于5月31日前将联络员推荐表（附件1）报镇应急办。活动期间，各单位于每周五17:00前报送本周活动信息。\n"
        "附件：1.联络员推荐表\n2.活动情况统计表",
        [
            once("联络员推荐表", "05-31"),
            ("本周活动信息", "weekly", None, "17:00", 5, None, None, None),
        ],
    ),
    (
        "从7月至9月 每月10日前; an event day is no deadline",
        "从7月至9月，各村每月10日前报送上月隐患排查台账。6月16日上午9时在镇政府广场举行安全宣传咨询日活动，各村要组织群众参加。",
        [("上月隐患排查台账", "monthly", None, None, None, 10, "07-01", "09-30")],
    ),
    (
        "headings name what is due",
        "平遥县应急管理局\n关于做好2024年“安全生产月”活动信息报送工作的通知\n各乡镇人民政府：\n一、报送内容及时间\n"
        "（一）联络员名单。请于5月28日前报送。\n（二）活动方案。请于5月31日前报送，逾期未报送的将予以通报。\n"
        "（三）活动总结。请于6月30日前以正式文件形式报送，同时报送电子版。\n二、报送方式\n"
        "纸质材料报送至县应急局302室，电子版发送至邮箱。\n联系人：赵刚  联系电话：13812345678\n"
        "平遥县应急管理局\n2024年5月20日",
        [once("联络员名单", "05-28"), once("活动方案", "05-31"), once("活动总结", "06-30")],
    ),
    (
        "将…报区安委办 twice; 并将 after a dated task",
        "各单位要于6月2日前将方案报区安委办，6月30日前将总结报区安委办。各企业于6月15日前完成隐患自查，并将自查报告报送镇安监站。",
        [once("方案", "06-02"), once("总结", "06-30"), once("自查报告", "06-15")],
    ),
    (
        "a range gives a weekly deadline its span; 随时 reporting; 及时发布 is no reporting",
        "6月1日至6月30日期间，各单位每周三12时前报送周报。重大活动信息要随时报送。各单位要及时发布安全提示信息。",
        [
            ("周报", "weekly", None, "12:00", 3, None, "06-01", "06-30"),
            ("重大活动信息", "asap", None, None, None, None, None, None),
        ],
    ),
    (
        "每周一、周四 (two weekly deadlines); 二〇二三年六月二十日; quantity note stripped",
        "请各村于每周一、周四上午十时前报送隐患排查情况。请于二〇二三年六月二十日前报送书面总结材料（一式两份）。",
        [
            ("隐患排查情况", "weekly", None, "10:00", 1, None, None, None),
            ("隐患排查情况", "weekly", None, "10:00", 4, None, None, None),
            once("书面总结材料", "06-20"),
        ],
    ),
    (
        "上传 with a relative deadline; 完成演练 is no reporting",
        "各学校要于6月12日前完成应急疏散演练，演练照片于演练结束后2个工作日内上传至平台。",
        [once("演练照片", None)],
    ),
    (
        "the weekday a notice writes beside a date is kept",
        "请各单位于6月10日（星期三）前报送活动开展情况统计表。",
        [once("活动开展情况统计表", "06-10", weekday=3)],
    ),
    (
        "the office's own plans are not the units' deadlines",
        "活动总结请于6月28日前报送，逾期不报的将予以通报。镇安监站将于7月5日前汇总上报县应急局。",
        [once("活动总结", "06-28")],
    ),
    (
        "6月中旬 (approximate), 联系人 in parentheses",
        "城关镇人民政府\n2024年5月27日\n关于开展第23个“安全生产月”活动的通知\n各村、社区，镇属各单位：\n"
        "活动时间为6月1日至30日。请于6月5日前报送联络员，联系人：王强（电话：13911112222）。\n"
        "请各村于6月中旬前报送“五个一”作品。",
        [once("联络员", "06-05"), once("“五个一”作品", "06-20")],
    ),
    (
        "于…前和…前分别报送 A 和 B; 每日18时前",
        "各单位请于6月21日前和11月26日前分别报送半年总结和全年总结。\n每日18时前报送当日值班情况。",
        [
            once("半年总结", "06-21"),
            once("全年总结", "11-26"),
            ("当日值班情况", "daily", None, "18:00", None, None, None, None),
        ],
    ),
    (
        "several deadlines in one sentence split by semicolons, an event among them",
        "各部门请于6月3日前报送联络员，6月10日前报送活动方案；6月16日为全国安全宣传咨询日，各部门要积极参加；"
        "7月2日前报送工作总结及统计表。",
        [once("联络员", "06-03"), once("活动方案", "06-10"), once("工作总结及统计表", "07-02")],
    ),
    (
        "an enumerated list of dated clauses",
        "五、报送要求\n1.5月31日前，报送活动方案；\n2.6月30日前，报送活动总结。",
        [once("活动方案", "05-31"), once("活动总结", "06-30")],
    ),
    (
        "分别于 four dates, one thing each time",
        "各乡镇、各部门要高度重视信息报送工作，分别于6月9日、6月16日、6月23日、6月30日前报送周活动开展情况"
        "（文字材料及3-5张活动照片）。",
        [once("周活动开展情况", d) for d in ("06-09", "06-16", "06-23", "06-30")],
    ),
    (
        "将…纸质版加盖公章后报送; 下午下班前 weekly",
        "活动结束后，请于7月5日前将活动总结（含图片、视频）和活动情况统计表（附件2）纸质版加盖公章后报送县安委办，"
        "电子版发送至邮箱。请于每周五下午下班前报送本周工作动态。",
        [
            once("活动总结和活动情况统计表纸质版", "07-05"),
            ("本周工作动态", "weekly", None, None, 5, None, None, None),
        ],
    ),
    (
        "a reporting window; 传真或发送; 每月5日、20日前",
        "各单位须于6月1日—6月5日期间上报联络员信息。请各单位将联络员回执于5月30日17:30前传真或发送至电子邮箱。"
        "每月5日、20日前报送隐患整改台账。",
        [
            once("联络员信息", "06-05"),
            once("联络员回执", "05-30", "17:30"),
            ("隐患整改台账", "monthly", None, None, None, 5, None, None),
            ("隐患整改台账", "monthly", None, None, None, 20, None, None),
        ],
    ),
    (
        "a schedule table",
        "序号\t报送内容\t报送时间\t备注\n1\t联络员登记表\t5月30日前\t附件1\n2\t活动方案\t6月5日前\t\n"
        "3\t周报\t每周五17:00前\t\n4\t活动总结\t6月30日前\t盖章",
        [
            once("联络员登记表", "05-30"),
            once("活动方案", "06-05"),
            ("周报", "weekly", None, "17:00", 5, None, None, None),
            once("活动总结", "06-30"),
        ],
    ),
    (
        "本月 read as the month of issue",
        "长治县应急管理局\n2023年6月2日\n请各乡镇于本月25日前报送安全生产月活动总结。",
        [once("安全生产月活动总结", "06-25")],
    ),
    (
        "numbered items: the number is no part of what is due",
        "各镇街：\n1.联络员名单请于5月26日前报至县应急局宣传股；\n"
        "2.活动期间每周四下午4时前报送一周工作动态，每期不少于2条；\n3.活动总结于6月28日前报送，并附活动开展情况统计表。",
        [
            once("联络员名单", "05-26"),
            ("一周工作动态", "weekly", None, "16:00", 4, None, None, None),
            once("活动总结", "06-28"),
        ],
    ),
    (
        "a task date is no reporting date; 报镇安办备案",
        "请各村（居）在6月10日前做好自查自纠工作，6月20日前将排查台账报镇安办备案。",
        [once("排查台账", "06-20")],
    ),
    (
        "optional reporting and 报送工作 as a noun make no deadline",
        "各单位也可随时报送相关活动信息。要做好信息报送工作，及时宣传报道典型经验。",
        [],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_deadlines_in_varied_phrasing(name, text, expected):
    assert rows(text) == expected


def test_unsure_items_say_why():
    d = parse_notice("请各单位于6月10日（星期三）前报送活动开展情况统计表。", today=TODAY)
    assert d.deadlines[0].unsure and "星期" in d.deadlines[0].reason
    d = parse_notice("请各单位接到通知后3日内报送联络员名单。", today=TODAY)
    assert d.deadlines[0].unsure and "3日内" in d.deadlines[0].reason
    d = parse_notice("各单位报送材料截止时间为6月25日，逾期视为未开展。", today=TODAY)
    assert d.deadlines[0].unsure and d.deadlines[0].on == date(2023, 6, 25)
    d = parse_notice("请于6月2日前报送联络员，6月28日前报送活动总结。", today=TODAY)
    assert not any(x.unsure for x in d.deadlines)


def test_a_date_before_the_issue_is_next_year():
    d = parse_notice("某县应急管理局\n2023年11月20日\n请于1月10日前报送全年工作总结。", today=TODAY)
    assert d.deadlines[0].on == date(2024, 1, 10)
    assert d.deadlines[0].unsure


def test_times_of_day_in_many_forms():
    cases = {
        "18时前": time(18, 0),
        "下午5:30前": time(17, 30),
        "上午10时前": time(10, 0),
        "下午五点半前": time(17, 30),
        "十七时三十分前": time(17, 30),
        "12:00前": time(12, 0),
        "晚上8点前": time(20, 0),
        "24时前": time(23, 59),
    }
    for words, expected in cases.items():
        d = parse_notice(f"请于6月3日{words}报送联络员。", today=TODAY)
        assert [(x.on, x.at) for x in d.deadlines] == [(date(2023, 6, 3), expected)], words


def test_dates_in_many_forms():
    cases = [
        "6月3日前",
        "6 月 3 日前",
        "六月三日前",
        "６月３日前",
        "2023年6月3日前",
        "2023-06-03前",
        "6月3号前",
    ]
    for words in cases:
        d = parse_notice(f"请于{words}报送联络员。", today=TODAY)
        assert [x.on for x in d.deadlines] == [date(2023, 6, 3)], words
    # A day without its month: the month of the date just before it, else the notice's own
    # month (here the month it is read in), flagged for the clerk to check.
    d = parse_notice("请于二十日前报送联络员。", today=TODAY)
    [only] = d.deadlines
    assert only.on == date(TODAY.year, TODAY.month, 20) and only.unsure
    assert "未写月份" in only.reason
    d = parse_notice("6月1日至30日开展活动，请于25日前报送总结。", today=TODAY)
    assert [(x.on, x.unsure) for x in d.deadlines] == [(date(2023, 6, 25), False)]
    d = parse_notice("请于二十日前报送联络员。", today=date(2030, 5, 1))
    assert [x.on for x in d.deadlines] == [date(2030, 5, 20)]


def test_no_reporting_verb_no_deadline():
    text = (
        "活动时间为6月1日至6月30日。6月16日为全国安全宣传咨询日。各企业于6月15日前完成隐患自查。"
        "5月31日，区指导办将组织参加启动仪式。\n某某街道办事处\n2023年5月30日"
    )
    d = parse_notice(text, today=TODAY)
    assert d.deadlines == ()
    assert [(e.what, e.on) for e in d.events] == [
        ("启动仪式", date(2023, 5, 31)),
        ("安全宣传咨询日", date(2023, 6, 16)),
    ]


def test_header_items_in_other_wordings():
    text = (
        "城关镇人民政府\n2024年5月27日\n关于开展第23个“安全生产月”活动的通知\n"
        "今年以“人人讲安全、个个会应急——畅通生命通道”为主题。\n"
        "联系人及电话：李红 0356-2221234；张伟 13900001111\n"
        "附件1：联络员推荐表\n附件2：活动统计表"
    )
    j = to_json(parse_notice(text, today=TODAY))
    assert j["issuer"] == "城关镇人民政府"
    assert j["issued_on"] == "2024-05-27"
    assert (j["year"], j["ordinal"]) == (2024, 23)
    assert j["theme"] == "人人讲安全、个个会应急——畅通生命通道"
    assert j["contacts"] == [
        {"name": "李红", "phone": "0356-2221234"},
        {"name": "张伟", "phone": "13900001111"},
    ]
    assert j["attachments"] == ["联络员推荐表", "活动统计表"]


def test_red_header_notice_with_document_number():
    text = (
        "长安县安全生产委员会办公室文件\n长安办〔2024〕5号\n关于开展2024年“安全生产月”活动的通知\n"
        "各乡镇人民政府，县安委会各成员单位：\n今年6月是第23个“安全生产月”，主题为“人人讲安全、个个会应急——畅通生命通道”。\n"
        "活动时间：2024年6月1日—6月30日。\n请各单位务必在5月26日（周日）12:00前将《联络员登记表》报送至县应急局宣传股。\n"
        "联系人：县应急局宣传股 李四，电话：0351-2234567\n长安县安全生产委员会办公室\n2024年5月20日"
    )
    d = parse_notice(text, today=TODAY)
    campaign = d.to_campaign()
    assert campaign.issuer == "长安县安全生产委员会办公室"
    assert campaign.document_number == "长安办〔2024〕5号"
    assert (campaign.period_start, campaign.period_end) == (date(2024, 6, 1), date(2024, 6, 30))
    assert (campaign.contact_person, campaign.contact_phone) == ("李四", "0351-2234567")
    assert rows(text) == [once("联络员登记表", "05-26", "12:00", weekday=7)]
    assert not d.deadlines[0].unsure


def test_ordinal_that_does_not_fit_the_year_is_flagged():
    d = parse_notice("2023年“安全生产月”活动方案\n今年6月是第21个全国“安全生产月”。", today=TODAY)
    assert d.ordinal is not None and d.ordinal.value == 21 and d.ordinal.unsure


def test_year_falls_back_to_today_and_says_so():
    d = parse_notice("请于6月3日前报送联络员。", today=date(2025, 4, 1))
    assert d.year.value == 2025 and d.year.unsure
    assert d.deadlines[0].on == date(2025, 6, 3)


def _kinds(text: str) -> list[tuple]:
    """(kind, date, time, weekday, day_of_month, month_of_quarter) of each deadline."""
    j = to_json(parse_notice(text, today=TODAY))
    return [
        (
            d["kind"],
            d["date"],
            d["time"],
            d["weekday"],
            d["day_of_month"],
            d.get("month_of_quarter"),
        )
        for d in j["deadlines"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list after 分别 goes on past commas, the month carried over.
        (
            "进度表报送时间分别为2月3、17日,3月2日和3月16日。",
            [
                ("once", f"{d}", None, None, None, None)
                for d in ("02-03", "02-17", "03-02", "03-16")
            ],
        ),
        # 交 and 送, like 报, are delivery verbs before where things go.
        ("请各校于5月9日前把自查表交镇中心校。", [("once", "05-09", None, None, None, None)]),
        ("每月10日前送县统计局上月报表原件。", [("monthly", None, None, None, 10, None)]),
        # Four months a quarter apart with one day; 每季后N日内.
        ("每年2、5、8、11月6日之前报送上季度台账。", [("quarterly", None, None, None, 6, 2)]),
        ("每季后10日内上报季度统计表。", [("quarterly", None, None, None, 10, 1)]),
        # A label with a repeat after it; 提出…申请; 处理和报告 at once.
        ("截止收稿时间:每周四下午4:00。", [("weekly", None, "16:00", 4, None, None)]),
        (
            "需用车的,应于每周五中午12时前向办公室提出用车申请。",
            [("weekly", None, "12:00", 5, None, None)],
        ),
        ("发现险情须第一时间处置和报告。", [("asap", None, None, None, None, None)]),
        # A stage of delivering ends on its last day; a stage of work is no deadline.
        ("第三阶段(6月1日至10日):总结上报。", [("once", "06-10", None, None, None, None)]),
        ("第二阶段(5月1日至31日):集中整治。", []),
        # Where to, written 各乡(镇) / 各村(社区).
        ("各村须在7月3日下午前将统计表报各乡(镇)。", [("once", "07-03", None, None, None, None)]),
        # Not deliveries: 交办, 交通, 送温暖.
        ("每周一下发交办清单,明确责任人。", []),
        ("6月5日前开展交通安全检查。", []),
        ("春节前走访送温暖到户。", []),
    ],
)
def test_more_delivery_phrasing(text, expected):
    assert _kinds(text) == expected


# Phrasing met in real notices in the fourth round (our own sentences of the same kinds).
ROUND4 = [
    # ROC year, a day without 日 before 以前, months listed before one day
    ("请于113年9月18日前报送。", [("once", "09-18")]),
    ("请于2月1以前报送总结。", [("once", "02-01")]),
    (
        "请于6、8、10、12月3日前报送统计表。",
        [("once", "06-03"), ("once", "08-03"), ("once", "10-03"), ("once", "12-03")],
    ),
    # next month / next quarter / days after the quarter, 次年 in the next year
    ("季报于下一季度第一个月10日前报送。", [("quarterly", 10, 1)]),
    ("月报、季报于次月（季度）十五日内报送。", [("quarterly", 15, 1), ("monthly", 15)]),
    ("农村住户情况季后7日前报送统计局。", [("quarterly", 7, 1)]),
    ("要参评的教师请于10月9日放学前向校办上交相应材料。", [("once", "10-09")]),
    ("统计报表请于每季度末五日内上报市机关事务管理局。", [("quarterly", 5, 1)]),
    ("年报于次年二月底前报送。", [("once", "02-29")]),  # 2024 is a leap year
    ("各单位每季度向县教育局报送安全事故季度报表。", [("quarterly", None, None)]),
    ("各单位按月报送安全生产情况。", [("monthly", None)]),
    # delivery verbs in their frames
    ("请各村每周一向镇安办汇报排查情况。", [("weekly", 1)]),
    ("发现重大隐患要立即向镇政府主动报告。", [("asap",)]),
    ("每年须在12月底交书面述职报告给上级主管领导。", [("once", "12-31")]),
    ("本年度放养量申报延至6月30日止。", [("once", "06-30")]),
    ("应于11月1日至11月30日（周一至周五上午8:00-11:30）向本所申报。", [("once", "11-30")]),
    ("一、征求意见的时间\n2023年3月6日至2023年4月5日。", [("once", "04-05")]),
    # precision: at-once words of another action, counting periods, things already done
    ("遇到突发事件要立即处理并及时上报。", []),
    ("各省要将每日20时至次日20时的疫情汇总报卫生部。", []),
    ("各单位已于5月31日前报送联络员名单。", []),
    ("各单位于6月1日前报送的材料已全部审核完毕。", []),
    ("各党支部每月收缴的党费及时上交学校资产部。", []),
]


def _short(d: dict) -> tuple:
    if d["kind"] == "once":
        return ("once", d["date"])
    if d["kind"] == "quarterly":
        return ("quarterly", d["day_of_month"], d["month_of_quarter"])
    if d["kind"] == "monthly":
        return ("monthly", d["day_of_month"])
    if d["kind"] == "weekly":
        return ("weekly", d["weekday"])
    return (d["kind"],)


@pytest.mark.parametrize(("text", "expected"), ROUND4, ids=[t[:16] for t, _ in ROUND4])
def test_round_four_phrasing(text, expected):
    assert [_short(d) for d in to_json(parse_notice(text, today=TODAY))["deadlines"]] == expected


def test_days_counted_from_the_notice_are_flagged():
    # A Wednesday: 本周四 is the next day, 下周一 five days on; 今日 is the day itself.
    wed = date(2023, 5, 3)
    for text, on in (
        ("各部门请于本周四前将值班表报办公室。", date(2023, 5, 4)),
        ("请于下周一下班前报送值班表。", date(2023, 5, 8)),
        ("请各街镇于今日下午18:00时前将旱灾情况上报县救灾办。", wed),
        ("请于本月25日前报送值班表。", date(2023, 5, 25)),
    ):
        [d] = parse_notice(text, today=wed).deadlines
        assert d.on == on and d.unsure and "请核对" in d.reason, text


def _spans(text: str, today: date = TODAY) -> list[tuple]:
    return [
        (
            d["kind"],
            d["date"] or d["day_of_month"] or d["weekday"],
            d["time"],
            d["from"],
            d["until"],
        )
        for d in to_json(parse_notice(text, today=today))["deadlines"]
    ]


# Phrasing met in real notices in the fifth round (our own sentences of the same kinds).
ROUND5 = [
    # a range with weekday notes before 至; a daily rule's period said a sentence before
    (
        "3月4日(星期一)至3月8日(星期五)期间,各网点于每日下午4点前报送当日销量。",
        [("daily", None, "16:00", "03-04", "03-08")],
    ),
    (
        "节日期间实行值班日报,日报时间为4月29日-5月5日。各站所于每日9时前报送前一日情况。",
        [("daily", None, "09:00", "04-29", "05-05")],
    ),
    (
        "我办决定于10月1日至10月7日启动假日日报。各景区每日17时前报送客流;"
        "各酒店每日18时前报送入住率。",
        [
            ("daily", None, "17:00", "10-01", "10-07"),
            ("daily", None, "18:00", "10-01", "10-07"),
        ],
    ),
    # a fax or an e-mail is how the report goes, not what goes
    ("各企业于每日10点前传真或电子邮件报送前一日产量。", [("daily", None, "10:00", None, None)]),
    # a date that says which data (截止…的数据) is no deadline
    ("请于3月2日前,按照截至2月28日24时的数据填报调查表。", [("once", "03-02", None, None, None)]),
    # views handed in: 向…反映, 提出意见, the ways after a colon
    ("对草案有意见的,请于8月3日前向县司法局反映。", [("once", "08-03", None, None, None)]),
    ("各界人士可在6月9日前,通过以下方式提出意见:", [("once", "06-09", None, None, None)]),
    # a stage named in quotes, its time after a comma
    ("第二阶段为“网上申报”,时间为4月1日至4月20日。", [("once", "04-20", None, None, None)]),
    ("第三阶段为“实地核查”,时间为5月1日至5月20日。", []),
    # a window each month is due on its last day; the later 每个月 names the figures
    ("各企业每月1日至5日登录系统填报上月报表。", [("monthly", 5, None, None, None)]),
    (
        "样本企业须在每个月的20日至次月3日,登录监测网,把每个月的用工情况填写上报。",
        [("monthly", 3, None, None, None)],
    ),
    ("各企业于每年1月1日至6月30日,申报上一年度报告。", [("once", "06-30", None, None, None)]),
    # the week after, each week; a standing rule from the day it resumes
    (
        "各科室每周四前交周小结,办公室汇总后于次周一10:00前报分管领导。",
        [("weekly", 4, None, None, None), ("weekly", 1, "10:00", None, None)],
    ),
    ("3月6日(星期一)恢复周报制度。", [("weekly", None, None, "03-06", None)]),
    # a repeat's period in the heading above, or named as a period
    (
        "(一)汛期周报(6月1日至9月30日)\n每周一上午10时前,将上周雨情汇总报县防办。",
        [("weekly", 1, "10:00", "06-01", "09-30")],
    ),
    (
        "二、报送时间:7月1日至7月15日期间,实行每日报送。\n三、报送流程:各村每日16时前报镇应急办。",
        [("daily", None, "16:00", "07-01", "07-15")],
    ),
    # a 尽快 dated by the sentence after it; a report of what happened
    (
        "请尽快报送上半年工作总结。\n以上材料于7月5日前报送县安委办。",
        [("once", "07-05", None, None, None)],
    ),
    ("截至3月10日申报期满,共有5家企业提交了申报材料。", []),
    # months listed before 当月 with 截至; each month's end; 月份终了后
    (
        "2月、5月、9月申报纳税期限分别截至当月15日。",
        [("once", d, None, None, None) for d in ("02-15", "05-15", "09-15")],
    ),
    (
        "各站所应于3月、6月分别报送半年报表。",
        [("once", "03-31", None, None, None), ("once", "06-30", None, None, None)],
    ),
    (
        "按月或按季申报:月份或季度终了后10日内进行申报。",
        [("monthly", 10, None, None, None), ("quarterly", 10, None, None, None)],
    ),
    # a day alone in a monthly sentence; a day after a comma with a month just named
    (
        "每月10日前各村将台账报镇安办,15日前镇安办将汇总表送县局。",
        [("monthly", 10, None, None, None), ("monthly", 15, None, None, None)],
    ),
    (
        "请于6月5日前报送方案,20日前报送总结。",
        [("once", "06-05", None, None, None), ("once", "06-20", None, None, None)],
    ),
    # label lines, the time among requirements, a verb cell then its date cell
    (
        "报送时间:\n一季度报表:4月10日前\n二季度报表:7月10日前",
        [("once", "04-10", None, None, None), ("once", "07-10", None, None, None)],
    ),
    (
        "现就安全员名单报送要求如下:\n一、时间:2024年5月20日前",
        [("once", "05-20", None, None, None)],
    ),
    ("资料审核 | 提交整改台账 | 6月3日前 | 镇安办 |", [("once", "06-03", None, None, None)]),
    # data as of a date, counted from an undated event: no deadline
    ("本次统计数据截止时间为2024年6月30日。", []),
    ("年度终了后45日内进行汇算。", []),
    # a schedule's date before its colon; a delivery within a period named before it
    ("2、5月8日:各校提交竞赛作品汇总表。", [("once", "05-08", None, None, None)]),
    (
        "公示时间:2024年3月1日至3月7日,公示期间,如有异议请向县应急局反馈。",
        [("once", "03-07", None, None, None)],
    ),
    # labels: 截止：, 最后期限, 缴费期限; ROC dates with slashes; a name then 截止
    ("团体报名截止:2024/4/23 下班前", [("once", "04-23", None, None, None)]),
    (
        "网路报名日期:113/06/01(六)6:00至113/06/03(一)18:00止。",
        [("once", "06-03", "18:00", None, None)],
    ),
    ("112.07.27止 | 研究生缴交学位论文资料至系所截止 |", [("once", "07-27", None, None, None)]),
    # a report only to be finished is no delivery; nor a draft finished before a review
    ("月工作总结在下月5号前完成。", []),
    # a traditional notice with no character of the older hint list
    ("繳費期間:3月19日(星期四)起至3月24日(星期二)止。", [("once", "03-24", None, None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROUND5, ids=[t[:16] for t, _ in ROUND5])
def test_round_five_phrasing(text, expected):
    assert _spans(text) == expected


# Phrasing met in real notices in the sixth round (our own sentences of the same kinds).
ROUND6 = [
    # 中午前 is noon
    ("请各村于3月9日中午前将名单报镇安办。", [("once", "03-09", "12:00", None, None)]),
    # counted from the end of a quarter or month 之日起
    (
        "按季报送的，应当自季度终了之日起10日内向县局报送报表。",
        [("quarterly", 10, None, None, None)],
    ),
    # a delivery not made, narrated; a start said with 从…起
    ("截至5月31日,全镇仍有3家企业未按时报送自查表。", []),
    ("从7月1日起上报隐患整改进度。", []),
    # every working day with a time; N日报 is not a daily report; days listed with the month's end
    ("汛期各站每个工作日上午9:00之前报送雨情。", [("daily", None, "09:00", None, None)]),
    ("自6月1日起实行收购进度五日报制度。", []),
    (
        "即每月10日、20日和月末最后一日下午4时之前报送。",
        [
            ("monthly", 10, "16:00", None, None),
            ("monthly", 20, "16:00", None, None),
            ("monthly", None, "16:00", None, None),
        ],
    ),
    # the same day again with a new time; a date given up for a later one
    (
        "请于5月8日12时前报送名单,并于当日17时前提交汇总表。",
        [("once", "05-08", "12:00", None, None), ("once", "05-08", "17:00", None, None)],
    ),
    (
        "从3月2日起每天上午9时前报送前一日情况,县局于当天10时前汇总上报。",
        [("daily", None, "09:00", "03-02", None), ("daily", None, "10:00", "03-02", None)],
    ),
    (
        "申报原定6月10日截止,因系统升级,截止日期顺延至6月15日。",
        [("once", "06-15", None, None, None)],
    ),
    # a call for entries: its time label names what is due, open until a month part or year end
    (
        "四、征稿时间\n从即日起至11月中旬截止,来稿请寄镇文化站。",
        [("once", "11-20", None, None, None)],
    ),
    ("征文活动时间从即日起至2024年年底。", [("once", "12-31", None, None, None)]),
    # 向…推荐 delivers
    ("请于9月20日前向县妇联推荐2件典型案例。", [("once", "09-20", None, None, None)]),
    # a daily rule over periods said in parentheses after it; 传报 delivers
    (
        "各村每日(5月1日-5日,10月1日-7日)下午4时前向镇值班室传报当日情况。",
        [("daily", None, "16:00", "05-01", "05-05"), ("daily", None, "16:00", "10-01", "10-07")],
    ),
    # from the notice's day until a date; twice a month; a zero-report rule each day
    (
        "自即日起至6月30日,各村每周三18:00前报送周进展。",
        [("weekly", 3, "18:00", "05-01", "06-30")],
    ),
    (
        "每半月(15日、月底)报送一次安全检查情况。",
        [("monthly", 15, None, None, None), ("monthly", None, None, None, None)],
    ),
    (
        "汛期(6月1日至9月30日)实行24小时值班和每日零报告制度。",
        [("daily", None, None, "06-01", "09-30")],
    ),
    # a date in parentheses after 明日, its time after them
    ("请将回执于明日(5月2日)中午12点前报送。", [("once", "05-02", "12:00", None, None)]),
    # a month a rule starts from; how often work is done; the level above's own date
    ("各村从6月起,每月5日前将巡查台账报送镇安办。", [("monthly", 5, None, "06-01", None)]),
    ("网格员每周巡查不少于2次,巡查结束后将记录报送镇安办。", []),
    (
        "国家要求8月10日前上报名单,请各乡镇于8月1日前报送县局。",
        [("once", "08-01", None, None, None)],
    ),
    # 当日 after a single day's event; a weekly report's dates under its label
    (
        "各村要在6月16日组织开展咨询活动,并于当日17:00前报送活动信息。",
        [("once", "06-16", "17:00", None, None)],
    ),
    # a rule named as what things are subject to (实行…的各税种) asks no delivery
    ("现将实行每月或者每季度期满后15日内申报的各项费用2024年度期限明确如下。", []),
    (
        "实行按月申报的单位,于每月15日前申报。",
        [("monthly", 15, None, None, None)],
    ),
    # every ten days; 报告 through a system
    (
        "各村于每旬末报送播种进度。",
        [
            ("monthly", 10, None, None, None),
            ("monthly", 20, None, None, None),
            ("monthly", None, None, None, None),
        ],
    ),
    ("各卫生室于每日12时前通过直报系统报告前一日情况。", [("daily", None, "12:00", None, None)]),
    # 分别报告 with two times a day
    (
        "节日期间,各村每天上午10点、下午4点前分别报告一次安全情况。",
        [("daily", None, "10:00", None, None), ("daily", None, "16:00", None, None)],
    ),
    # a yearly window at a sentence's opening, the delivery said as a noun after it
    (
        "每年3月1日至4月30日,各企业需完成对上一年度安全生产费用的申报。",
        [("once", "04-30", None, None, None)],
    ),
    (
        "周报时间:6月5日、12日、19日(周三)18:00前",
        [
            ("once", "06-05", "18:00", None, None),
            ("once", "06-12", "18:00", None, None),
            ("once", "06-19", "18:00", None, None),
        ],
    ),
]


def test_what_is_due_is_named_without_manner_or_count():
    found = to_json(parse_notice("请于6月30日前将自查报告以正式文件形式报县安委办。", today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["自查报告"]
    found = to_json(parse_notice("每月3日前报上月数据。", today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["上月数据"]
    found = to_json(parse_notice("各乡镇于5月31日前制定方案并报镇安办。", today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["方案"]
    text = "各村于每月5日前将上月情况汇总后,填写《隐患台账》(见附件1),通过电子邮件上报镇安办。"
    found = to_json(parse_notice(text, today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["隐患台账"]
    text = "活动总结须经主要负责人签字并加盖公章后,于7月5日前以纸质和电子版形式报送县安办。"
    found = to_json(parse_notice(text, today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["活动总结"]
    found = to_json(parse_notice("请于6月10日前完成隐患排查整治情况的报送。", today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["隐患排查整治情况"]
    found = to_json(
        parse_notice("于5月30日前确定1名联络员,填写回执(附件1)发送至邮箱。", today=TODAY)
    )
    assert [d["what"] for d in found["deadlines"]] == ["回执"]


def test_what_happened_is_what_is_reported_at_once():
    found = to_json(parse_notice("4.如遇突发事件,须立即报告镇值班室。", today=TODAY))
    assert [(d["what"], d["kind"]) for d in found["deadlines"]] == [("突发事件", "asap")]


def test_the_county_s_own_date_is_not_the_notice_s():
    text = "7月3日前,各村将活动总结报送镇应急办;县里要求7月4日前上报。"
    found = to_json(parse_notice(text, today=TODAY))
    assert [d["date"] for d in found["deadlines"]] == ["07-03"]


def test_a_table_with_bars_gives_one_deadline_a_row():
    text = (
        "表号 | 表名 | 报告期别 | 报送单位 | 报送日期及方式 |\n"
        "A101表 | 事故统计表 | 月报 | 各乡镇 | 次月5日前网上报送 |\n"
        "A102表 | 隐患统计表 | 季报 | 各乡镇 | 季后10日前网上报送 |\n"
        "A103表 | 执法统计表 | 年报 | 各乡镇 | 次年1月15日前报送 |"
    )
    found = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert [(d["what"], d["kind"], d["date"] or d["day_of_month"]) for d in found] == [
        ("事故统计表(A101表)", "monthly", 5),
        ("隐患统计表(A102表)", "quarterly", 10),
        ("执法统计表(A103表)", "once", "01-15"),
    ]


def test_promptly_with_de_then_what_is_sent_is_at_once():
    text = "各站要准确、及时地将监测月报的数据报至县监测站。"
    found = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert [(d["what"], d["kind"]) for d in found] == [("监测月报的数据", "asap")]


def test_a_reply_form_s_own_line_in_an_attachment_is_read_and_flagged():
    text = "请各单位认真组织。\n\n附件1\n\n联络员回执\n\n(请于5月30日前回传至县应急局邮箱)\n"
    found = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert [(d["what"], d["date"], d["unsure"]) for d in found] == [("联络员回执", "05-30", True)]


def test_the_units_named_first_are_not_what_they_send():
    found = to_json(parse_notice("各单位报名表请于6月6日前传真至0000-1234567。", today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["报名表"]
    found = to_json(parse_notice("请各单位于6月10日前报名,报名表附后。", today=TODAY))
    assert [d["what"] for d in found["deadlines"]] == ["报名"]


def test_a_verb_after_jiang_names_the_thing():
    text = "请各单位于6月10日前(以邮戳为准)将申报材料邮寄至市人社局。"
    found = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert [(d["what"], d["date"]) for d in found] == [("申报材料", "06-10")]
    found = to_json(parse_notice("本次征集活动自发布之日起至7月31日止。", today=TODAY))
    assert [(d["what"], d["date"]) for d in found["deadlines"]] == [("征集活动", "07-31")]


def test_a_week_after_the_notice_is_seven_days():
    found = to_json(parse_notice("请于收到本通知后一周内将意见反馈至镇党政办。", today=TODAY))
    assert [d["relative"] for d in found["deadlines"]] == [{"days": 7, "workdays": False}]


def test_each_date_goes_with_the_thing_said_before_it():
    text = "上半年工作总结于6月25日前、全年工作总结于12月25日前报送县局办公室。"
    found = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert [(d["what"], d["date"]) for d in found] == [
        ("上半年工作总结", "06-25"),
        ("全年工作总结", "12-25"),
    ]
    found = to_json(parse_notice("方案于6月1日前,总结于7月4日前报送县局。", today=TODAY))
    assert [(d["what"], d["date"]) for d in found["deadlines"]] == [
        ("方案", "06-01"),
        ("总结", "07-04"),
    ]


@pytest.mark.parametrize(("text", "expected"), ROUND6, ids=[t[:16] for t, _ in ROUND6])
def test_round_six_phrasing(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "今年6月是第24个“安全生产月”，活动主题为“人人讲安全、个个会应急——查找身边安全隐患”。现将有关事项通知如下。",
        # wrapped inside the quotation marks, as a PDF or a word processor's copy gives it
        "今年6月是第24个“安全生产月”，活动主题为“人人讲安全、个个会应急——查找身边安全隐\n患”。现将有关事项通知如下。",
    ],
)
def test_a_quoted_theme_after_its_label_ends_at_its_closing_mark(text):
    draft = parse_notice(text, today=TODAY)
    assert draft.theme is not None
    assert draft.theme.value == "人人讲安全、个个会应急——查找身边安全隐患"


def test_the_office_that_forwards_a_notice_is_its_issuer():
    text = "某某县安全生产委员会办公室转发市安委办关于开展安全生产月活动的通知\n各乡镇：\n请于5月30日前报送方案。"
    draft = parse_notice(text, today=TODAY)
    assert draft.issuer is not None and draft.issuer.value == "某某县安全生产委员会办公室"


def test_a_sentence_opening_with_the_rule_it_follows_names_no_issuer():
    text = "各村（社区）：\n按照镇政府关于安全生产工作的总体要求，请于5月30日前报送方案。"
    assert parse_notice(text, today=TODAY).issuer is None


@pytest.mark.parametrize("name", ["陆方瑜", "王伟"])
def test_a_contact_named_after_the_office_is_the_person_only(name):
    text = f"请于5月30日前报送方案。联系人:掌起镇农业农村办{name},联系电话:0574-58587336"
    draft = parse_notice(text, today=TODAY)
    assert [(c.name, c.phone) for c in draft.contacts] == [(name, "0574-58587336")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a call for entries open from today, its window said after the act
        ("春联征集即日起至1月17日。", [once("春联", "01-17")]),
        ("四、征文时间。作品征集即日起至1月17日;", [once("作品", "01-17")]),
        # the deadline moved or closing: what is due is the act, not 延期 or 截止
        ("征稿延期至5月15日。", [once("征稿", "05-15")]),
        ("投稿截止至5月15日。", [once("投稿", "05-15")]),
        ("各科室于6月20日前将捐款统一解缴到财审科。", [once("捐款", "06-20")]),
    ],
)
def test_a_window_said_after_its_act_ends_on_its_last_day(text, expected):
    assert rows(text) == expected


def test_an_activity_open_from_today_is_no_deadline():
    assert rows("展览即日起至1月17日在镇文化站举办。") == []


@pytest.mark.parametrize(
    ("text", "what", "day"),
    [
        ("二、申请时间\n即日起至6月30日", "申请", "06-30"),
        ("注册时间：即日起至5月20日。", "注册", "05-20"),
        ("缴纳时间：每年7月1日至12月31日。", "缴纳", "12-31"),
    ],
)
def test_a_time_label_of_handing_in_names_what_is_due(text, what, day):
    assert [(r[0], r[2]) for r in rows(text)] == [(what, day)]


@pytest.mark.parametrize(
    "text",
    [
        "填报人：张三 填报时间：2023年5月1日",  # a filled form's footer: when it was filled
        "填报单位（盖章）：某某村    填报时间：2023年5月1日",
        "报到注册时间：8月27日、28日。",  # students arriving, nothing handed in
        "登记时间：2023年5月1日",
    ],
)
def test_a_record_s_date_is_no_deadline(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("各地要严格执行信息报送和重大灾情随时报告制度。", "重大灾情"),
        ("3.信息报告实行随时、逐级上报制度,如遇特殊情况可以越级报告。", "信息报告"),
    ],
)
def test_a_standing_rule_to_report_at_once_is_an_at_once_deadline(text, what):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert (d["what"], d["kind"], d["unsure"]) == (what, "asap", True)


def test_the_office_s_own_rule_to_report_at_once_is_not_the_units():
    assert rows("县应急局将建立重大事项随时报告制度。") == []


@pytest.mark.parametrize(
    ("text", "day", "which"),
    [
        ("于每年4月、7月、10月和次年1月的5日前报送季报。", 5, 1),
        ("请于4月、7月、10月和次年1月的10日前报送上季度情况。", 10, 1),
        ("分别于3月、6月、9月、12月25日前报送季度小结。", 25, 3),
        # Neither 每 nor 季: the four months alone after 于 make the rule.
        ("请于4月、7月、10月和次年1月的10日前报送进度情况。", 10, 1),
    ],
)
def test_four_months_a_quarter_apart_are_a_quarterly_rule(text, day, which):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert (d["kind"], d["day_of_month"], d["month_of_quarter"]) == ("quarterly", day, which)


def test_four_months_not_a_quarter_apart_are_no_quarterly_rule():
    kinds = [r[1] for r in rows("于5月、6月、7月、8月5日前报送进度。")]
    assert "quarterly" not in kinds


@pytest.mark.parametrize(
    "text", ["于每季度下个月的10日前报市物价局收费管理处。", "每季度结束后的次月10日前报送季报。"]
)
def test_each_quarter_s_next_month_is_a_quarterly_rule(text):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert (d["kind"], d["day_of_month"], d["month_of_quarter"]) == ("quarterly", 10, 1)


def test_as_soon_as_possible_closed_by_a_date_is_that_date():
    text = "仍有部分班级的名单还没有提交，请相关班级尽快提交，截止时间下周一（9月13日）。"
    assert [(r[1], r[2]) for r in rows(text, today=date(2010, 9, 12))] == [("once", "09-13")]


def test_as_soon_as_possible_for_one_thing_and_a_date_for_another_are_two():
    kinds = [r[1] for r in rows("请尽快报送名单，于6月1日前报送总结。")]
    assert kinds == ["asap", "once"]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        # which days the figures cover is no part of the thing's name
        ("请各单位于每周一上午10时前将上周三至本周二的事故统计情况报送市交委。", "事故统计情况"),
        ("请于每日12时前将前一日的事故情况报送。", "事故情况"),
        # 自 as in 自查 is no "from"
        ("请于6月20日前向省政府报送自查报告。", "自查报告"),
    ],
)
def test_what_is_due_is_a_thing_not_a_time(text, what):
    assert [r[0] for r in rows(text, today=date(2023, 5, 3))] == [what]


@pytest.mark.parametrize(
    "text",
    [
        "请于6月20日前报市政府办公厅和市安委会办公室。",  # where it goes
        "请于5月30日前报送至学校安全管理部门。",
    ],
)
def test_a_recipient_is_never_what_is_due(text):
    # Nothing else is named: the clerk is asked (flagged), not told a wrong name.
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert d["what"] == "报送材料" and d["unsure"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("请各村于6月1-5日报送隐患排查表。", "06-05"),
        ("请各村于6月28—7月2日报送隐患排查表。", "07-02"),
        ("请各村于2023年6月1~5日报送隐患排查表。", "06-05"),
    ],
)
def test_a_day_range_with_one_ri_ends_on_its_last_day(text, day):
    # 6月1-5日: the first day's 日 is left to the range's end, as is usual.
    assert [(r[0], r[2]) for r in rows(text)] == [("隐患排查表", day)]


def test_a_day_range_with_one_ri_is_a_period_when_nothing_is_due():
    draft = parse_notice("活动时间：6月1-30日。", today=TODAY)
    assert [(p.start, p.end) for p in draft.periods] == [(date(2023, 6, 1), date(2023, 6, 30))]
    assert draft.deadlines == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("病虫害发生关键时期，实行一周一报制度。", "weekly"),
        ("汛期实行一日一报制度。", "daily"),
        ("实行一季一报制度。", "quarterly"),
    ],
)
def test_a_once_a_week_rule_is_a_weekly_deadline_left_to_the_clerk(text, kind):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert (d["kind"], d["unsure"]) == (kind, True)


def test_work_done_by_a_date_before_a_delivery_is_not_delivered():
    text = "各村务必于2月5日前将资金发放到位,并于3月1日前将发放清单报民政科。"
    assert [(r[0], r[2]) for r in rows(text)] == [("发放清单", "03-01")]
    # …but a thing named so (整改落实情况) still goes with its date
    text = "于8月31日前将检查情况,9月30日前将问题整改落实情况,10月25日前将总结报告报县局。"
    assert [r[2] for r in rows(text)] == ["08-31", "09-30", "10-25"]


def test_a_template_s_blank_year_still_makes_a_range():
    # 20XX年: a notice kept as a template; the range still ends on its last day
    assert [(r[0], r[2]) for r in rows("三、征文时间\n20XX年11月1日至20XX年3月15日")] == [
        ("征文", "03-15")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "3月27日当天（8:00—17:00）交镇安办。",
        "请于3月27日8:00-17:00将材料交镇安办。",
        "请于3月27日下午2:00-5:00将材料报送镇安办。",
    ],
)
def test_a_day_s_opening_hours_make_its_last_hour_the_deadline(text):
    assert [(r[2], r[3]) for r in rows(text)] == [("03-27", "17:00")]


def test_opening_hours_of_something_not_delivered_are_no_deadline():
    assert rows("竞赛试题将于5月19日8:50—11:00在省应急管理局网站公布。") == []
    assert rows("会议于3月27日8:30-11:30召开。") == []


@pytest.mark.parametrize(
    "text",
    [
        "报送时间：每季度报送一次。每季度下一个月的5日前报送。",
        "项目2、3为每月定期报送必填项。请于每月15日前报送上月自查情况。",
    ],
)
def test_a_rule_said_first_without_its_day_gives_way_to_its_day(text):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert d["day_of_month"] in (5, 15)


def test_a_rule_s_example_is_no_deadline_of_its_own():
    text = "本报表为月报表，要求于每月5日前报送上一月数据，如2018年2月5日前报送2018年1月份数据。"
    assert [(r[1], r[5]) for r in rows(text)] == [("monthly", 5)]


def test_days_each_month_make_the_last_of_them_the_day():
    (d,) = to_json(parse_notice("注：每月1-5日报送上月考勤表。", today=TODAY))["deadlines"]
    assert (d["kind"], d["day_of_month"]) == ("monthly", 5)


def test_a_weekday_with_its_date_in_brackets_is_that_date():
    text = "请如实填写调查表，于本周三（9月21日）上午前交年级长。"
    assert [r[2] for r in rows(text, today=date(2016, 9, 17))] == ["09-21"]


def test_a_date_before_the_notice_s_own_is_not_one_it_sets():
    text = (
        "关于上报论文的通知\n各学校：\n论文的发表截止时间为2010年4月30日。"
        "请于6月15日前将论文报市教育局。\n市教育局\n2010年5月31日\n"
    )
    assert [r[2] for r in rows(text, today=date(2010, 6, 1))] == ["06-15"]
    # …and a cut-off saying who counts is none either
    text = "截止到2016年8月底，凡从事教学工作满三十年的教师，可于8月13日前报校办。"
    assert [r[2] for r in rows(text, today=date(2016, 8, 1))] == ["08-13"]


def test_a_day_split_by_a_space_reads_whole():
    text = "请各有关县(市、区)将支教教师名单及基本情况登记表于8月1 5日前报市教育局师范教育处，经我局汇总后报省教育厅。"
    assert [r[2] for r in rows(text)] == ["08-15"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("还有下列领导没交述职报告：王某、陈某。请速上传。", "asap"),
        ("请尽快将个人电子花名册上传和上交纸质的申报材料，以便校办先审核。", "asap"),
        ("请你于2010年9月1日前发往校园网校办《医保照片》文件夹中。", "once"),
    ],
)
def test_urgent_words_and_sending_to_a_folder_are_asked_deliveries(text, kind):
    assert [r[1] for r in rows(text, today=date(2010, 8, 23))] == [kind]


@pytest.mark.parametrize("text", ["可随时上传。", "请及时提供材料。"])
def test_any_time_or_promptly_before_a_weak_verb_is_still_none(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("请于7月10日前到财务科办理核结。", ("07-10", None)),
        ("请相应学科老师在9月23日下午4：30前到相应的学科主任处签字。", ("09-23", "16:30")),
        ("请于6月1日前办理注销手续。", ("06-01", None)),
        ("请未参加的退役军人于4月30日前到所在镇民政办参加信息采集登记。", ("04-30", None)),
        ("请在5月31日去财务室登记。", ("05-31", None)),
    ],
)
def test_paperwork_at_an_office_by_a_date_is_a_deadline(text, due):
    assert [(r[2], r[3]) for r in rows(text)] == [due]


@pytest.mark.parametrize(
    "text",
    [
        "请还未参加登记的退役军人尽快到各镇（街道）民政办参加采集登记。",
        "汉外单位代表请于7月13日中午12点前，到八一路帅府饭店登记入住。",
    ],
)
def test_a_call_to_register_or_checking_in_is_no_deadline(text):
    assert rows(text) == []


def test_months_listed_in_chinese_numerals_are_each_due():
    text = "地方政府应于四月、七月、十月及隔年一月分别填报执行情形概况表。"
    assert [r[2] for r in rows(text)] == ["04-30", "07-31", "10-31", "01-31"]


def test_late_filing_by_a_date_is_a_deadline():
    assert [r[2] for r in rows("并应于2024年2月10日前补送成绩。")] == ["02-10"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("于2025年3月10日和8月底前将初审意见报送我委。", ["03-10", "08-31"]),
        ("于2026年2月和8月底前将初审意见报送我委。", ["02-28", "08-31"]),
    ],
)
def test_a_month_s_end_listed_with_a_day_or_a_month_is_each_due(text, dates):
    assert [r[2] for r in rows(text, today=date(2025, 2, 20))] == dates


def test_by_the_quarter_is_a_quarterly_rule_left_to_the_clerk():
    (d,) = to_json(parse_notice("环境保护税按月计算，按季申报缴纳。", today=TODAY))["deadlines"]
    assert (d["kind"], d["unsure"]) == ("quarterly", True)


def test_a_date_that_lost_its_month_character_reads_where_a_date_is_meant():
    text = (
        "期末考试成绩系统归档截止日期118日,重考成绩系统归档截止日期228日,"
        "纸质的考试成绩单于36日之前整理汇总交本科生院教务处存档。"
    )
    assert [r[2] for r in rows(text, today=date(2019, 12, 31))] == ["01-18", "02-28", "03-06"]
    # …not a number of days, nor a split nothing can tell (1月26日 or 12月6日?)
    assert rows("本次活动为期100日，请于活动结束前报送总结。") == []


def test_a_lost_month_is_split_from_the_notice_s_month_or_not_at_all():
    assert find_dates("上报时间:2017126日前") == []
    (dm,) = find_dates("上报时间:2017126日前", this_month=11)
    assert (dm.year, dm.month, dm.day) == (2017, 12, 6)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("退役军人信息采集登记工作将于4月30日结束。", ("04-30", None)),
        ("报名将于5月31日结束，逾期不再受理。", ("05-31", None)),
        ("成绩录入系统从即日起开放至1月22日24:00时关闭。", ("01-22", "23:59")),
    ],
)
def test_an_act_of_delivery_ending_on_a_day_is_due_then(text, due):
    assert [(r[2], r[3]) for r in rows(text)] == [due]


def test_an_activity_ending_is_no_deadline():
    assert rows("活动将于5月31日结束。") == []


def test_a_slash_date_right_after_a_label_is_a_date():
    text = "表册填报截止日期为4/9(星期五) 上午9:00。"
    assert [(r[2], r[3]) for r in rows(text, today=date(2021, 3, 1))] == [("04-09", "09:00")]


def test_a_deadline_named_from_its_own_clause_is_not_taken_for_another_said_before():
    text = (
        "区应急管理部门于每月5日前在直报系统完成上月度数据上报。\n"
        "市行业领域监管部门每月5日前汇总形成全市本行业领域上月事故统计数据，报相应上级部门和市应急管理部门。"
    )
    assert [(r[0], r[5]) for r in rows(text)] == [
        ("上月度数据", 5),
        ("全市本行业领域上月事故统计数据", 5),
    ]


def test_a_tally_as_of_a_day_is_no_deadline():
    assert rows("截至3月1日，全县累计排查返乡人员1234人，已全部报县指挥部。") == []
    assert [r[2] for r in rows("截至3月1日，请将排查情况报县指挥部。")] == ["03-01"]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("请各单位于6月5日前推荐1名联络员，并填写联络员回执。", "联络员"),
        ("请各村于5月31日前推荐两名安全生产宣传员报镇安监站。", "安全生产宣传员"),
        ("各乡镇务必于6月5日（星期三）下班前将报名表加盖公章后扫描发送至邮箱。", "报名表"),
    ],
)
def test_nominating_so_many_by_a_date_is_a_deadline_and_a_scan_no_part_of_a_name(text, what):
    assert [r[0] for r in rows(text)] == [what]


def test_a_recommendation_without_a_count_is_no_deadline():
    assert rows("经各单位推荐，评选出先进集体10个。") == []


def test_a_delivery_said_done_is_no_deadline():
    assert rows("2023年5月31日前，各村均已按时报送联络员名单。") == []
    assert [r[2] for r in rows("请将已完成的名单于5月31日前报送。")] == ["05-31"]


def test_online_registration_is_no_upward_report_inside_it():
    assert [r[0] for r in rows("请于5月31日前完成网上报名。")] == ["网上报名"]


def test_a_day_then_where_to_hand_it_in_is_a_deadline():
    text = "11月23日13:00-14:00于济民楼102办公室提交《团费收缴明细表》纸质版。"
    assert [(r[2], r[3]) for r in rows(text)] == [("11-23", "14:00")]
    assert rows("5月20日在县会议中心召开推进会。") == []


def test_a_date_alone_before_what_closes_then_is_its_deadline():
    assert [r[2] for r in rows("2022年7月31日,论文摘要接收截止。")] == ["07-31"]


def test_a_window_that_opened_before_the_notice_is_still_due_at_its_end():
    text = "关于开展慈善一日捐活动的通知\n各单位：\n二、募捐时间 2013年1月1日至1月31日。\n市慈善总会\n2013年1月10日\n"
    assert [(r[0], r[2]) for r in rows(text, today=date(2013, 1, 10))] == [("募捐", "01-31")]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("实行疫情防控日报告、零报告制度。", "疫情防控日报告制度"),
        ("各乡镇要落实“日报告、零报告”制度。", "日报告制度"),
        ("自2月3日起实行一日两报。", "一日两报"),
    ],
)
def test_a_daily_report_with_its_zero_report_is_a_daily_rule(text, what):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert (d["what"], d["kind"], d["unsure"]) == (what, "daily", True)


def test_a_month_then_its_delivery_is_due_at_the_month_s_end_flagged():
    found = rows("6月份上报半年总结，12月份上报全年总结。")
    assert [(r[0], r[2]) for r in found] == [("半年总结", "06-30"), ("全年总结", "12-31")]
    # …not what was reported then, nor a thing sent along when it goes
    assert rows("5月份报送的数据显示，全县平稳。") == []
    assert rows("各单位在10月份上报第一次月报时，一并上报机构表。") == []


def test_days_each_month_to_its_end_are_due_at_the_end():
    (d,) = to_json(parse_notice("每月25日至月底报送当月进度。", today=TODAY))["deadlines"]
    assert (d["kind"], d["day_of_month"]) == ("monthly", None)


def test_the_day_a_standing_rule_starts_goes_to_the_rule_said_after_it():
    text = (
        "决定自2009年1月23日起对不明原因肺炎病例实行日报告制度。现将有关事项通知如下:\n"
        "一、各医疗单位每天将院内发生的病例,于当日16:00前以电子邮件形式报市疾控中心。"
    )
    (d,) = to_json(parse_notice(text, today=date(2009, 1, 23)))["deadlines"]
    assert (d["kind"], d["time"], d["from"]) == ("daily", "16:00", "01-23")
    (found,) = parse_notice(text, today=date(2009, 1, 23)).deadlines
    assert "起止日期" not in found.reason  # the clerk is not asked for a day the notice says


def test_the_day_reports_start_is_no_deadline_of_its_own():
    text = "金桔生产进度实行“一周一报”,2月1日(星期四)开始上报,每周四下午16:00前报至县水果站。"
    found = rows(text, today=date(2024, 1, 31))
    assert [(r[1], r[4], r[6]) for r in found] == [("weekly", 4, "02-01")]


def test_an_aside_handing_in_each_week_is_its_own_deadline():
    text = (
        "每周四下午16:00前报至县水果站(可先发电子版,纸质版需分管领导签字、"
        "加盖政府公章于每周五前交到县水果站)。"
    )
    found = rows(text, today=date(2024, 1, 31))
    assert sorted((r[1], r[4], r[3] or "") for r in found) == [
        ("weekly", 4, "16:00"),
        ("weekly", 5, ""),
    ]


def test_a_rule_from_a_year_on_runs_from_its_first_day():
    (d,) = to_json(parse_notice("从2010年起,每季度报送一次报表。", today=TODAY))["deadlines"]
    assert (d["kind"], d["from"]) == ("quarterly", "01-01")


def test_an_organiser_named_with_hui_is_no_office_that_will():
    text = "办会机构应于每月28日前登录市人力资源市场管理信息系统向区人力资源社会保障局报送招聘会统计表。"
    assert [(r[1], r[5]) for r in rows(text)] == [("monthly", 28)]
    # …while an office that will (区指导办会每月选取案例报送) still plans for itself
    assert rows("区指导办会于每月5日前选取典型案例报送市指导办。") == []


def test_a_call_for_comments_whose_ways_follow_a_colon_is_a_deadline():
    found = rows("有关单位和社会各界人士可在2021年11月19日前,通过以下两种方式反馈:")
    assert [(r[0], r[2]) for r in found] == [("报送材料", "11-19")]
    found = rows("欢迎您在4月30日前,通过以下方式向我们反馈:")
    assert [(r[0], r[2]) for r in found] == [("报送材料", "04-30")]


def test_sent_to_a_mail_address_right_after_fa_is_a_delivery():
    found = rows("请各班于1月15日前将登记表电子档发cailiaozbb@163.com。")
    assert [(r[0], r[2]) for r in found] == [("登记表电子档", "01-15")]


def test_tomorrow_and_this_week_s_day_count_from_the_notice_s_date():
    day = date(2010, 12, 14)  # a Tuesday
    found = rows("登山卡照片务必在明天中午之前交给阮国华老师，过时不再办理。", today=day)
    assert [(r[0], r[2], r[3]) for r in found] == [("登山卡照片", "12-15", "12:00")]
    found = rows("请各工会小组长在本周四把推荐名单交给黄金裕老师。", today=day)
    assert [(r[0], r[2]) for r in found] == [("推荐名单", "12-16")]
    assert rows("明日之星评选在今天举行。", today=day) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("嚴格執行“日報告”“零報告”制度,準确掌握學生健康狀況及位置信息。", None),
        ("并决定自10月15日起,恢复监测信息24小时零报告制度。", "10-15"),
    ],
)
def test_a_daily_rule_in_quotes_or_around_the_clock(text, start):
    (d,) = to_json(parse_notice(text, today=TODAY))["deadlines"]
    assert (d["kind"], d["from"], d["unsure"]) == ("daily", start, True)


def test_the_day_figures_are_counted_to_is_no_delivery():
    text = "二、报送时间。以每月25日为统计数字截止日,每月28日前将当月的统计台账及报表报送到省公司。"
    assert [(r[1], r[5]) for r in rows(text)] == [("monthly", 28)]


def test_told_by_letter_and_a_time_moved_to_a_date():
    found = rows("会办单位应在5月底前向主办单位书面函告会办意见。")
    assert [(r[0], r[2]) for r in found] == [("会办意见", "05-31")]
    text = "现将专项资金项目网上申报审核时间延迟至2022年11月11日23:59。"
    assert [(r[2], r[3]) for r in rows(text)] == [("11-11", "23:59")]


def test_a_day_something_opens_with_no_end_is_no_deadline():
    assert rows("报名时间：3月16日起。") == []
    assert rows("(一)学生填报时间:3月16日起,每日8点-18点;") == []
    # …while a day it runs to still is
    assert [r[2] for r in rows("报名时间：3月16日起至3月20日。")] == ["03-20"]


def test_sent_directly_is_a_delivery_taken_to_and_from_is_not():
    text = "参赛作品需妥善包装，自即日起到9月25日止直接送市美术馆三楼展览部。"
    assert [r[2] for r in rows(text, today=date(2010, 9, 14))] == ["09-25"]
    assert rows("请家长于9月1日前接送学生到学校办公室。") == []
