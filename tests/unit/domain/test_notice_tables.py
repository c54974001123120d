"""Tables in notices, however they were copied: the header says which column is the time,
which the thing due, and whose deadline it is. Every text here is our own."""

from __future__ import annotations

from datetime import date

from anquanyue_desktop.domain.notice import parse_notice, to_json
from anquanyue_desktop.domain.notice.grids import find_box_grids, find_grids
from anquanyue_desktop.domain.notice.layout import build_layout

TODAY = date(2024, 5, 1)


def read(text: str) -> list[tuple]:
    found = to_json(parse_notice(text, today=TODAY))["deadlines"]
    return [(d["what"], d["kind"], d["date"] or d["day_of_month"], d["time"]) for d in found]


def cells(text: str) -> list[list[str]]:
    lay = build_layout(text)
    norm = lay.norm
    out = []
    for grid in find_grids(lay):
        out.append([norm[c.start : c.end] for c in grid.header])
        out += [[norm[c.start : c.end] for c in row] for row in grid.rows]
    return out


# A web page's table flattened: a cell a line, each closed by a bar; a section title over
# its rows fills one cell and leaves the rest as bars.
CELL_A_LINE = """二、报表目录
表号 |
表名 |
报送单位 |
乡镇报送时间 |
县局审核截止时间 |
(一)年报 |
||||
N201表 |
安全检查台账汇总 |
各村 |
2024年6月20日17时前 |
2024年6月25日 |
N202表 |
宣传活动统计 |
各村 |
同上 |
2024年6月25日 |
(二)季报 |
||||
N301表 |
隐患整改季报 |
各企业 |
免报 |
— |
"""


def test_a_table_a_cell_a_line_is_rebuilt_row_by_row():
    assert cells(CELL_A_LINE)[:4] == [
        ["表号", "表名", "报送单位", "乡镇报送时间", "县局审核截止时间"],
        ["(一)年报", "", "", "", ""],
        ["N201表", "安全检查台账汇总", "各村", "2024年6月20日17时前", "2024年6月25日"],
        ["N202表", "宣传活动统计", "各村", "同上", "2024年6月25日"],
    ]


def test_each_row_is_due_by_the_units_own_column_not_the_county_s_review():
    # 同上 is the row above's time; a row exempt from reporting (免报) is no deadline; the
    # section titles are no rows.
    assert read(CELL_A_LINE) == [
        ("安全检查台账汇总(N201表)", "once", "06-20", "17:00"),
        ("宣传活动统计(N202表)", "once", "06-20", "17:00"),
    ]


def test_a_markdown_table_with_its_rule_row():
    text = (
        "| 报送材料 | 报送截止时间 | 报送方式 |\n"
        "|---|:---:|---|\n"
        "| 活动方案 | 5月31日前 | 邮箱 |\n"
        "| 活动总结 | 7月4日前 | 纸质盖章 |\n"
    )
    assert read(text) == [
        ("活动方案", "once", "05-31", None),
        ("活动总结", "once", "07-04", None),
    ]


def test_a_schedule_of_work_gives_only_the_rows_that_hand_something_over():
    # 完成时间 says when work is done: the station's own steps are no deadline of the unit.
    text = (
        "序号\t工作环节\t具体要求\t完成时间\t责任单位\n"
        "1\t部署\t召开动员会议\t6月3日\t安监站\n"
        "2\t自查\t各村开展自查，并将自查表报安监站\t6月14日\t各村\n"
        "3\t督查\t抽查各村自查情况\t6月21日\t安监站\n"
    )
    assert read(text) == [("自查", "once", "06-14", None)]


def test_without_a_name_column_the_time_column_names_the_thing():
    # 培训日期 | 报名截止日: the row is told apart by its first cell.
    text = "培训日期 |\n报名截止日 |\n6月12日 |\n6月5日 |\n6月26日 |\n6月19日 |\n"
    assert read(text) == [
        ("报名(6月12日)", "once", "06-05", None),
        ("报名(6月26日)", "once", "06-19", None),
    ]


def test_prose_with_bars_is_no_table():
    text = "请于6月5日前报送总结 | 联系人：张三 |\n电话：12345678 |\n"
    assert cells(text) == []


# A cell a line again, with a cell holding only a dash (nothing to report there), and a
# quarterly report's days said as days after each quarter.
DASHED = (
    "表号 |\n表名 |\n报告期别 |\n报送日期及方式 |\n县级审核截止时间 |\n"
    "201-1表 |\n法人单位基本情况 |\n月报 |\n免 报 |\n— |\n"
    "202-1表 |\n从业人员及工资总额 |\n季报 |\n"
    "一季度后8日、二季度后5日、三季度后10日12:00前网上填报,四季度免报 |\n"
    "一季度后10日、二季度后8日、三季度后12日12:00前 |\n"
)


def test_a_lone_dash_is_a_cell_not_a_rule_and_the_rows_stay_aligned():
    rows = cells(DASHED)
    assert rows[1] == ["201-1表", "法人单位基本情况", "月报", "免 报", "—"]
    assert rows[2][0] == "202-1表"


def test_days_after_each_quarter_are_that_many_days_into_the_next_quarter():
    assert read(DASHED) == [
        ("从业人员及工资总额(202-1表)", "once", "04-08", "12:00"),
        ("从业人员及工资总额(202-1表)", "once", "07-05", "12:00"),
        ("从业人员及工资总额(202-1表)", "once", "10-10", "12:00"),
    ]


def test_a_table_whose_cells_a_copy_split_by_spaces_is_read_by_its_header():
    text = (
        "一、报表目录\n"
        "序号 报表名称 填报单位 报送时间\n"
        "年报表\n"
        "1 安全生产基本情况表 各村（社区） 2024年6月底前\n"
        "2 隐患排查治理统计表 各企业 2024年7月10日前\n"
        "定期报表\n"
        "3 事故情况月报表 各村（社区） 月后5日前\n"
        "二、报送要求\n"
    )
    assert read(text) == [
        ("安全生产基本情况表", "once", "06-30", None),
        ("隐患排查治理统计表", "once", "07-10", None),
        ("事故情况月报表", "monthly", 5, None),
    ]


def test_words_split_by_spaces_without_rows_below_are_no_table():
    text = "报送 时间 要求 说明\n请各单位认真做好报送工作，按时报送。\n"
    assert read(text) == []


def test_a_box_drawn_table_with_wrapped_cells_is_read_a_row_between_rules():
    text = (
        "┌──────┬────────┬─────────┐\n"
        "│ 表号 │ 表名 │ 报送时间 │\n"
        "├──────┼────────┼─────────┤\n"
        "│安统1号│安全生产隐患│季报:季后5日前;│\n"
        "│ │排查情况 │年报:1月5日前 │\n"
        "├──────┼────────┼─────────┤\n"
        "│安统2号│事故情况 │月后10日前 │\n"
        "└──────┴────────┴─────────┘\n"
        "请各单位于6月5日前推荐1名联络员，到镇安监站办理登记。\n"
    )
    assert read(text) == [
        ("联络员", "once", "06-05", None),
        ("安全生产隐患排查情况(安统1号)", "quarterly", 5, None),
        ("安全生产隐患排查情况(安统1号)", "once", "01-05", None),
        ("事故情况(安统2号)", "monthly", 10, None),
    ]
    (grid,) = find_box_grids(build_layout(text))
    assert len(grid.rows) == 2


def test_a_catalogue_of_reports_run_onto_one_line_is_read_a_row_per_code():
    # A PDF's catalogue copied as running text: each row starts at its code; 同上 takes the
    # row above's time only where that row had one (a row without a time breaks the chain).
    text = (
        "附件1：报表目录 表号 表名 填报范围 报送单位 报告期别 报送日期及方式 "
        "安监 1-1表 隐患排查年报表 -企业类 辖区内各类企业 各村 年报 次年1月15日前网络直报 "
        "安监 1-2表 隐患排查年报表 -场所类 人员密集场所 各村 年报 同上 "
        "安监 2-1表 事故情况月报表 各类生产经营单位 各村 月报 次月5日前报镇安监站 "
        "安监 3-1表 宣传活动情况 各村 不定期 "
        "安监 3-2表 培训情况 各村 同上\n"
    )
    assert read(text) == [
        ("隐患排查年报表-企业类(安监1-1表)", "once", "01-15", None),
        ("隐患排查年报表-场所类(安监1-2表)", "once", "01-15", None),
        ("事故情况月报表(安监2-1表)", "monthly", 5, None),
    ]


def test_a_time_cell_holding_a_month_and_day_alone_is_read_as_that_date():
    # 06/10(一) or 6.10 outside a table is no date (a half, a figure); as a time cell it is.
    text = "检查日期 |\n整改报告报送截止日 |\n2024/06/03(一) |\n06/10(一) |\n07/01(一) |\n7.8 |\n"
    assert read(text) == [
        ("整改报告(2024/06/03(一))", "once", "06-10", None),
        ("整改报告(07/01(一))", "once", "07-08", None),
    ]


def test_a_row_naming_an_act_alone_is_due_at_the_end_of_the_time_beside_it():
    text = (
        "| 阶段 | 时段 | 说明 |\n"
        "| 网上报名 | 6/16 09:00至6/20 17:00 | 登录报名系统填写信息 |\n"
        "| 现场确认 | 6/22 | 携带材料到镇政府 |\n"
        "| 缴费 | 6/23 08:30~11:30 | 逾期视为放弃 |\n"
    )
    assert read(text) == [
        ("网上报名", "once", "06-20", "17:00"),
        ("缴费", "once", "06-23", "11:30"),
    ]


def test_a_calendar_flattened_a_cell_a_line_gives_the_days_something_is_handed_in():
    # A month line, then a day line and the day's event; a date cell and the event after
    # it; a label cell (…最后期限) and the date after it. Events handing nothing in, and the
    # day a window opens, are no deadlines.
    text = (
        "9月\n5\n各村安全生产月活动总结送交镇安办\n12\n召开安全生产例会\n"
        "15\n隐患整改申报受理开始\n20\n企业隐患排查台账申报截止\n"
        "9.28 |\n安全培训名单报送截止 |\n"
        "9.30 |\n国庆假期 |\n"
        "专项预案备案申请最后期限 |\n10/15(二) |\n"
    )
    assert read(text) == [
        ("安全生产月活动总结", "once", "09-05", None),
        ("企业隐患排查台账", "once", "09-20", None),
        ("安全培训名单", "once", "09-28", None),
        ("专项预案备案申请", "once", "10-15", None),
    ]


def test_a_row_whose_date_cell_stands_alone_is_due_for_the_act_beside_it():
    # A bilingual page: the date in English, the act in Chinese with its translation after.
    # A range's end is due even where the act is said to open then; a day alone on which
    # something opens is no deadline.
    text = (
        "| June 3rd, 2024 - June 14th, 2024, 5 pm | 开放网上报名及上传材料 Online application |\n"
        "| Jun. 20 ~ Jun. 21, 2024, 11:30 am | 入选单位线上报到 Online check-in |\n"
        "| July 1st, 2024 | 开放成绩查询 Results available |\n"
        "| 7/5 | 提交整改报告 |\n"
    )
    assert read(text) == [
        ("网上报名及上传材料", "once", "06-14", "17:00"),
        ("入选单位线上报到", "once", "06-21", "11:30"),
        ("整改报告", "once", "07-05", None),
    ]


def test_a_catalogue_run_onto_one_line_without_its_header_is_read_where_it_is_one():
    # Long, three report codes or more, two rows dated on their own: a catalogue. A
    # sentence naming forms (附件1表、2表) is left to the sentence reader.
    text = (
        "三、报表 A101表安全生产基本情况表 辖区内各类生产经营单位 2024年3月10日前网上填报，"
        "县级2024年3月20日前完成审核、上报 A102-1表隐患排查治理情况 辖区内规模以上企业 "
        "2024年3月10日前网上填报，县级2024年3月31日前完成审核、上报 A102-2表应急演练情况 "
        "辖区内重点企业 同上 A103表培训情况 各企业自行留存\n"
        "请填写附件1表、2表、3表，于2024年6月10日前报送镇安办。\n"
    )
    assert read(text) == [
        ("附件1表、2表、3表", "once", "06-10", None),
        ("安全生产基本情况表(A101表)", "once", "03-10", None),
        ("安全生产基本情况表(A101表)", "once", "03-20", None),
        ("隐患排查治理情况(A102-1表)", "once", "03-10", None),
        ("隐患排查治理情况(A102-1表)", "once", "03-31", None),
        ("应急演练情况(A102-2表)", "once", "03-10", None),
        ("应急演练情况(A102-2表)", "once", "03-31", None),
    ]
