"""The blank parser on every blank of seed 004's 活动情况统计表, the tricky cases, and pasted tables."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anquanyue_desktop.domain.blank_parser import (
    carry_over_keys,
    header_fields_from_line,
    normalize_line,
    parse_blanks,
    parse_table_text,
)
from anquanyue_desktop.domain.forms import (
    Field,
    body_fields,
    progress_text,
    table_rows,
    validate_template,
)
from tests.conftest import seed_file

# The 活动情况统计表 section of seed 004 (县交通运输系统 2023, 附件1) exactly as it stands in the
# seed's text file: cells on lines of their own, each after a tab, the header repeated per page.
SEED_004_TABLE = """\
 附件1
“安全生产月”活动情况统计表

填报单位：联系人：电话：填报日期：
\t活动项目
\t内容要求
\t进展情况

\t学习习近平总书记关于安全生产重要论述

\t理论学习中心组开展深入学习，专题学习电视专题片；各级领导干部和企业负责人开展安全生产“大讲堂*大家谈“公开课“微课堂”和在线访谈、基层宣讲等。

\t理论学习中心组学习（）次，参与（）人次；专题学习观看《生命重于泰山——学习习近平总书记关于安全生产重要论述》电视专题片（）场，参与（）人次；发表心得体会（）篇；开展安全生产“大讲堂“大家谈“公开课“微课堂”和在线访谈、基层宣讲（）场，参与（）人次。


\t活动项目
\t内容要求
\t进展情况

\t大力宣贯安全生产法律法规，企业主要负责人“五带头”活动
\t积极开展带头研究组织本企业重大事故隐患排查整治、带头落实全员安全生产岗位责任发挥管理团队和专家作用、带头对动火等危险作业开展排查整治、带头对外包外租等生产经营活动开展排查整治、带头开展事故应急救援演练活动等“五带头”宣传活动；宣传推广安全生产责任落实、安全承诺、专家服务、精准执法等经验做法；广泛开展“动火作业风险我知道”等宣传活动。
\t开展企业主要负责人“安全承诺践诺”活动（）场，参与（）人次；组织开展全员应急救援演练（）场，参与（）人次；开展“动火作业风险我知道”宣传活动（）场，参与（）人次；对电焊工等危险作业人员开展安全培训（）场，参与（）人次；开展各类知识技能培训（）场，参与（）人次；企业主要负责人参与隐患排查（）场次，发现隐患问题（）条；报道企业主要负责人“五带头”（）次；


\t活动项目
\t内容要求
\t进展情况

\t重大事故隐患专项排查整治活动

\t注重总结在重大事故隐患专项排查整治中的经验做法，大力宣传推广成熟的经验做法；对动火等危险作业、外包外租等所有工艺环节、所有工作岗位的安全风险隐患进行动态排查辨识；通过暗查暗访、突击检查、随机抽查等方式，加大对非法违法生产经营建设行为的打击力度。
\t总结经验做法（）个，宣传推广经验做法（）个；开展动火等危险作业排查（）场次，参与（）人次；开展“外包外租大排查”（）场次，参与（）人次。对（）个企业开展安全风险隐患排查，排查整治安全风险隐患（）个；开展暗查暗访、突击检查、随机抽查（）次，打击（）个非法违法生产经营建设行为。


\t“安全生产燕赵行”活动

\t各地各部门采取多种形式组织开展好专题行、区域行、网上行等活动，加强问题隐患和反面典型曝光；突出道路运输、公路运营、工程建设等重点行业领域，集中曝光一批突出问题和严重违法行为，每季度至少上报一个典型案例。
\t曝光问题隐患（）条，市级主流媒体曝光典型案例（）个，媒体转发报道（）篇；典型案例具体为（），每月报送；组织观看典型事故警示教育片（）场，参与（）人次；组织参观警示教育展览（）场，参与（）人次；开展“专题行”（）次、“区域行”（）次、“网上行”（）次。




\t活动项目
\t内容要求
\t进展情况

\t“安全宣传咨询日”活动

\t广泛开展群众新闻乐见、形式多样、线上线下相结合的安全宣传咨询活动，集中宣传安全生产政策法规、应急避险和自救互救方法；邀请主流媒体和网络直播平台开展“主播走一线”等专题专访报道活动；创造性开展“公众开放日“专家远程会诊”等线上活动。
\t开展安全宣传咨询活动（）场，参与（）人次；邀请主流媒体和网络直播平台开展“主播走一线”等专题专访报道活动（）场、线上线下（）人次参与；创新开展线上活动（）场，参与（）人次；悬挂、张贴、发放各类宣传资料（）张（条）。


\t安全宣传“五进”活动

\t要用好“全国安全宣教和应急科普平台”、各地政务网站和政务新媒体平合，协同有关部门有针对性地开展“五进”和主题志愿服务等活动，提高人民群众交通运输应急安全意识和应急急救技能。
\t参与“人人讲安全个个会应急”网络知识竞赛（）人，答题（）人次；参加线上“逃生演练训练营”活动发布视频（）个；制作各类安全宣传产品（）部，开展灾害避险逃生、自救互救演练（）场，参与（）人次；新申报安全文化示范企业（）家，开展安全宣传“五个一”活动（）场，参与（）人。



\t活动项目
\t内容要求
\t进展情况

\t安全生产警示教育和举报奖励宣传活动

\t有针对性的召开安全生产警示教育大会。特别是各企业在安全生产月期间，必须召开一次安全生产警示教育大会，通过剖析事故案例、观看警示教育片、专家授课等方式，让企业主要负责人、安全管理人员、企业员工重新认识当前安全生产形势，查找安全管理和风险管控方面存在的问题。在客运场站等广泛张贴或悬挂“12350”“安全生产举报微信小程序”等标语，大力宣讲举报奖励政策。
\t召开警示教育大会（）次，受众（）人；（）家企业在安全生产月期间开展安全生产警示教活动（）次，参与（）人；查找安全管理和风险管控方面存在问题（）条；悬挂安全生产举报条幅、标语（）个，播放安全生举报奖励政策（）条次，受众（）人；


\t“安全同行”“安全进万家幸福你我他”等公益宣传活动

\t在地方道路两侧、车站等悬挂（摆放）安全条幅、标语、安全知识展板；发放应急与安全知识手册和实用宣传品，免费进行发放安全类车贴；利用电子屏播出安全安全提示、安全知识等；开展“开车第一课”网络培训。
\t有志愿者队伍（）个，（）人次；制作涉及家庭安全的短片、视频、美图、动漫、公益|广告等安全文化精品（）个，推广展开或播放（）次，受众约（）人（）个单位开展了“安全同行”公益宣传活动；地方道路两侧悬挂安全条幅、标语（）个；在道路宣传电子屏播放安全提示、安全知识（）条；发放安全类实用宣传品（）个；


"""


def fields(runs) -> list[Field]:
    return [r for r in runs if isinstance(r, Field)]


def texts(runs) -> list[str]:
    return [r for r in runs if isinstance(r, str)]


# ---------------------------------------------------------------- seed 004, every blank


@pytest.fixture(scope="module")
def seed_table():
    template, problems = parse_table_text(SEED_004_TABLE)
    assert problems == []
    return template


def test_seed_table_has_its_8_rows_and_75_blanks(seed_table):
    rows = table_rows(seed_table)
    assert [r.item for r in rows] == [
        "学习习近平总书记关于安全生产重要论述",
        "大力宣贯安全生产法律法规，企业主要负责人“五带头”活动",
        "重大事故隐患专项排查整治活动",
        "“安全生产燕赵行”活动",
        "“安全宣传咨询日”活动",
        "安全宣传“五进”活动",
        "安全生产警示教育和举报奖励宣传活动",
        "“安全同行”“安全进万家幸福你我他”等公益宣传活动",
    ]
    assert [len(r.fields) for r in rows] == [7, 13, 10, 11, 7, 9, 9, 9]
    blanks = body_fields(seed_table)
    assert len(blanks) == 75
    assert Counter(f.type for f in blanks) == {"number": 74, "text": 1}
    assert [r.key for r in rows] == [f"r{n}" for n in range(1, 9)]
    assert all(r.requirement for r in rows)
    assert rows[2].requirement.startswith("注重总结在重大事故隐患专项排查整治中的经验做法")
    assert validate_template(seed_table) == []


def test_seed_table_units_row_by_row(seed_table):
    units = [" ".join(f.unit or "-" for f in r.fields) for r in table_rows(seed_table)]
    assert units == [
        "次 人次 场 人次 篇 场 人次",
        "场 人次 场 人次 场 人次 场 人次 场 人次 场次 条 次",
        "个 个 场次 人次 场次 人次 个 个 次 个",
        "条 个 篇 - 场 人次 场 人次 次 次 次",
        "场 人次 场 人次 场 人次 张",
        "人 人次 个 部 场 人次 家 场 人",
        "次 人 家 次 人 条 个 条次 人",
        "个 人次 个 次 人 个 个 条 个",
    ]


@pytest.mark.parametrize(
    ("key", "label", "type_", "unit"),
    [
        ("r1_b1", "理论学习中心组学习", "number", "次"),
        ("r1_b2", "理论学习中心组学习·参与", "number", "人次"),
        ("r1_b3", "专题学习观看《生命重于泰山》电视专题片", "number", "场"),
        ("r1_b5", "发表心得体会", "number", "篇"),
        ("r2_b1", "企业主要负责人“安全承诺践诺”活动", "number", "场"),
        ("r2_b11", "企业主要负责人参与隐患排查", "number", "场次"),
        ("r2_b12", "发现隐患问题", "number", "条"),
        ("r3_b7", "对企业开展安全风险隐患排查", "number", "个"),
        ("r3_b9", "暗查暗访、突击检查、随机抽查", "number", "次"),
        ("r3_b10", "打击非法违法生产经营建设行为", "number", "个"),
        ("r4_b4", "典型案例", "text", ""),
        ("r4_b10", "“区域行”", "number", "次"),
        ("r5_b1", "安全宣传咨询活动", "number", "场"),
        (
            "r5_b4",
            "邀请主流媒体和网络直播平台开展“主播走一线”等专题专访报道活动·线上线下参与",
            "number",
            "人次",
        ),
        ("r6_b2", "参与“人人讲安全个个会应急”网络知识竞赛·答题", "number", "人次"),
        ("r6_b4", "制作各类安全宣传产品", "number", "部"),
        ("r6_b7", "新申报安全文化示范企业", "number", "家"),
        ("r7_b2", "召开警示教育大会·受众", "number", "人"),
        ("r7_b3", "企业在安全生产月期间开展安全生产警示教活动（家）", "number", "家"),
        ("r7_b4", "企业在安全生产月期间开展安全生产警示教活动（次）", "number", "次"),
        ("r7_b8", "播放安全生举报奖励政策", "number", "条次"),
        ("r8_b2", "有志愿者队伍·人次", "number", "人次"),
        ("r8_b5", "推广展开或播放·受众", "number", "人"),
        ("r8_b6", "单位开展了“安全同行”公益宣传活动", "number", "个"),
        ("r8_b9", "发放安全类实用宣传品", "number", "个"),
    ],
)
def test_seed_table_labels_and_units(seed_table, key, label, type_, unit):
    field = {f.key: f for f in body_fields(seed_table)}[key]
    assert (field.label, field.type, field.unit) == (label, type_, unit)


def test_seed_table_alternative_unit_is_text_not_a_blank(seed_table):
    row5 = table_rows(seed_table)[4]
    last = row5.fields[-1]
    assert (last.label, last.unit, last.alt_unit, last.unit_text) == (
        "悬挂、张贴、发放各类宣传资料",
        "张",
        "条",
        "张（条）",
    )
    assert row5.progress[-1] == "张（条）。"


def test_seed_table_labels_are_unique_within_each_row(seed_table):
    for row in table_rows(seed_table):
        labels = [f.label for f in row.fields]
        assert len(set(labels)) == len(labels), row.key


def test_seed_table_sentences_survive_parsing(seed_table):
    progress_lines = [line.strip() for line in SEED_004_TABLE.splitlines() if "（）" in line]
    assert [progress_text(r.progress) for r in table_rows(seed_table)] == progress_lines


def test_seed_table_header_title_and_columns(seed_table):
    assert seed_table.name == "“安全生产月”活动情况统计表"
    assert seed_table.kind == "table"
    assert seed_table.columns == ("活动项目", "内容要求", "进展情况")
    assert [(f.key, f.label, f.type) for f in seed_table.header_fields] == [
        ("unit", "填报单位", "text"),
        ("contact", "联系人", "text"),
        ("phone", "电话", "phone"),
        ("date", "填报日期", "date"),
    ]
    assert seed_table.header_fields[0].required


def test_the_whole_seed_file_gives_the_same_table(seed_table):
    template, problems = parse_table_text(seed_file("004").read_text(encoding="utf-8"))
    assert problems == []
    assert template == seed_table


def test_seed_cells_without_indentation_still_make_8_rows():
    flat = "\n".join(line.strip() for line in SEED_004_TABLE.splitlines())
    template, problems = parse_table_text(flat)
    assert problems == []
    assert len(table_rows(template)) == 8
    assert len(body_fields(template)) == 75


# ---------------------------------------------------------------- the tricky blanks


def test_example_line_from_the_issue():
    runs = parse_blanks("理论学习中心组学习（）次，参与（）人次", "r1")
    assert texts(runs) == ["理论学习中心组学习", "次，参与", "人次"]
    assert [(f.key, f.label, f.type, f.unit) for f in fields(runs)] == [
        ("r1_b1", "理论学习中心组学习", "number", "次"),
        ("r1_b2", "理论学习中心组学习·参与", "number", "人次"),
    ]


def test_blank_before_its_noun_takes_the_words_after_the_unit():
    (f,) = fields(parse_blanks("（）家企业开展警示教育", "r7"))
    assert (f.label, f.unit) == ("企业开展警示教育", "家")


def test_two_blanks_in_a_row():
    runs = parse_blanks("推广播放（）次，受众约（）人（）个单位开展了公益宣传活动", "r8")
    a, b, c = fields(runs)
    assert [(x.unit, x.label) for x in (a, b, c)] == [
        ("次", "推广播放"),
        ("人", "推广播放·受众"),
        ("个", "单位开展了公益宣传活动"),
    ]
    assert "人" in texts(runs)


@pytest.mark.parametrize(
    "blank", ["( )", "()", "（  ）", "（　）", "( ）", "（ )", "（__）", "____", "＿＿"]
)
def test_blank_spellings(blank):
    runs = parse_blanks(f"开展培训{blank}场", "r1")
    assert texts(runs) == ["开展培训", "场"]
    (f,) = fields(runs)
    assert (f.label, f.unit, f.type) == ("培训", "场", "number")


def test_alternative_unit_in_brackets_is_not_a_blank():
    runs = parse_blanks("发放各类宣传资料（）张（条）。", "r5")
    (f,) = fields(runs)
    assert (f.unit, f.alt_unit) == ("张", "条")
    assert texts(runs) == ["发放各类宣传资料", "张（条）。"]
    half = fields(parse_blanks("发放资料( )张(条)", "r5"))
    assert [(x.unit, x.alt_unit) for x in half] == [("张", "条")]


def test_words_in_brackets_are_text():
    assert parse_blanks("悬挂（摆放）安全条幅", "r1") == ("悬挂（摆放）安全条幅",)


def test_blank_without_unit_is_free_text():
    runs = parse_blanks("典型案例具体为（），每月报送", "r4")
    (f,) = fields(runs)
    assert (f.key, f.label, f.type, f.unit) == ("r4_b1", "典型案例", "text", "")


def test_longest_unit_wins():
    units = [f.unit for f in fields(parse_blanks("排查（）场次，参与（）人次，播放（）条次", "r1"))]
    assert units == ["场次", "人次", "条次"]


def test_follow_on_words_borrow_only_within_a_sentence():
    a, b = fields(parse_blanks("召开大会（）次；参与（）人", "r1"))
    assert (a.label, b.label) == ("召开大会", "参与")


def test_same_labels_are_made_distinct():
    labels = [f.label for f in fields(parse_blanks("培训（）场；培训（）场；培训（）次", "r1"))]
    assert labels == ["培训（场）", "培训（场）（2）", "培训（次）"]
    assert len(set(labels)) == 3


def test_lone_blanks_get_a_numbered_label():
    assert [f.label for f in fields(parse_blanks("（）（）", ""))] == ["第1空", "第2空"]


def test_keys_are_prefixed_and_counted_from_one():
    assert [f.key for f in fields(parse_blanks("甲（）个乙（）个", "r12"))] == ["r12_b1", "r12_b2"]
    assert [f.key for f in fields(parse_blanks("甲（）个", ""))] == ["b1"]


def test_no_blank_means_one_text_run():
    assert parse_blanks("  没有填空  ", "r1") == ("没有填空",)
    assert parse_blanks("", "r1") == ()


_PIECES = st.sampled_from(
    [
        "（）",
        "( )",
        "（ ）",
        "()",
        "（",
        "）",
        "(",
        ")",
        "（条）",
        "__",
        "_",
        " ",
        "　",
        "\t",
        "次",
        "人次",
        "场",
        "张",
        "家",
        "个",
        "人",
        "，",
        "；",
        "。",
        "、",
        "：",
        "参与",
        "受众约",
        "开展",
        "学习",
        "企业",
        "“",
        "”",
        "《",
        "——",
        "》",
        "a",
        "1",
        "·",
        "|",
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_parsing_never_loses_text(line):
    runs = parse_blanks(line, "r1")
    normalized = normalize_line(line)
    assert progress_text(runs) == normalized
    blanks = fields(runs)
    assert len(blanks) == normalized.count("（）")
    assert len({f.key for f in blanks}) == len(blanks)
    assert len({f.label for f in blanks}) == len(blanks)
    assert all(f.label.strip() for f in blanks)
    assert all(texts(runs))  # no empty text runs


@given(st.text(max_size=40))
def test_parsing_any_text_never_loses_it(line):
    runs = parse_blanks(line, "r1")
    assert progress_text(runs) == normalize_line(line)


# ---------------------------------------------------------------- tables pasted from Word/WPS


WORD_PASTE = (
    "“安全生产月”活动情况统计表\n"
    "填报单位：\t联系人：\t电话：\t填报日期：\n"
    "序号\t活动项目\t内容要求\t完成情况\n"
    "1\t专题学习\t组织学习\t学习（）次，参与（）人次\n"
    "2\t宣传咨询\t开展咨询\t发放资料（ ）张(条)\n"
    "\t\t\t受众约（）人（）个单位\n"
    "3\t没有填空\t要求\t只有文字\n"
    "注：请于6月30日前报送。\n"
)


def test_tabbed_paste_with_number_column_and_other_header_words():
    template, problems = parse_table_text(WORD_PASTE, key="county-stats", name="县统计表")
    assert (template.key, template.name) == ("county-stats", "县统计表")
    assert template.columns == ("活动项目", "内容要求", "完成情况")
    assert [f.label for f in template.header_fields] == ["填报单位", "联系人", "电话", "填报日期"]
    assert template.note == "注：请于6月30日前报送。"
    rows = table_rows(template)
    assert [(r.key, r.item, r.requirement) for r in rows] == [
        ("r1", "专题学习", "组织学习"),
        ("r2", "宣传咨询", "开展咨询"),
        ("r3", "", ""),  # a merged 活动项目 cell continues the row above
    ]
    assert [f.unit for f in fields(rows[1].progress)] == ["张"]
    assert [p.code for p in problems] == ["unplaced"]
    assert problems[0].message.startswith("第7行：")
    assert "没有填空" in problems[0].message


def test_tabbed_paste_without_header_guesses_the_columns():
    text = "专题学习\t组织学习\t学习（）次\n宣传\t咨询（）场\n"
    template, problems = parse_table_text(text)
    assert problems == []
    rows = table_rows(template)
    assert [(r.item, r.requirement, progress_text(r.progress)) for r in rows] == [
        ("专题学习", "组织学习", "学习（）次"),
        ("宣传", "", "咨询（）场"),
    ]
    assert template.name == "活动情况统计表"


def test_sections_and_row_numbers_in_line_layout():
    text = "活动项目\n内容要求\n进展情况\n一、学习教育\n1\n专题学习\n组织学习\n学习（）次\n二、宣传\n咨询\n开展咨询\n咨询（）场\n"
    template, problems = parse_table_text(text)
    assert problems == []
    assert [(s.title, [r.item for r in s.rows]) for s in template.sections] == [
        ("一、学习教育", ["专题学习"]),
        ("二、宣传", ["咨询"]),
    ]
    assert [r.key for r in table_rows(template)] == ["r1", "r2"]


def test_cells_left_over_are_reported_with_their_line():
    text = "活动项目\n内容要求\n进展情况\n\n专题学习\n组织学习\n\n\n宣传\n开展宣传\n宣传（）场\n"
    template, problems = parse_table_text(text)
    assert [r.item for r in table_rows(template)] == ["宣传"]
    assert len(problems) == 1
    assert problems[0].field == "line 5"
    assert "“专题学习”、“组织学习”没有放进表里" in problems[0].message


def test_text_without_any_blank_is_a_problem():
    template, problems = parse_table_text("活动项目\t内容要求\t进展情况\n学习\t要求\t完成\n")
    assert table_rows(template) == ()
    assert "no_rows" in [p.code for p in problems]
    assert validate_template(template)  # and the template says so too


def test_header_field_line():
    fs = header_fields_from_line("填报单位：________  联系人：____ 电话：____ 填报日期：")
    assert [(f.key, f.type) for f in fs] == [
        ("unit", "text"),
        ("contact", "text"),
        ("phone", "phone"),
        ("date", "date"),
    ]
    assert header_fields_from_line("联系人：张家志") == ()
    assert header_fields_from_line("一、总体要求") == ()


# ---------------------------------------------------------------- keeping keys on re-parse


def test_carry_over_keys_keeps_the_keys_of_blanks_that_stayed():
    old = parse_blanks("A活动（）场，B活动（）次", "r1")
    old = tuple(
        Field(r.key, r.label, r.type, required=True, unit=r.unit) if isinstance(r, Field) else r
        for r in old
    )
    new = carry_over_keys(old, parse_blanks("C活动（）个，A活动（）场", "r1"), taken={"r2_b1"})
    c, a = fields(new)
    assert (a.key, a.required) == ("r1_b1", True)
    assert c.key == "r1_b3"  # b1 and b2 were used by the old version
    assert progress_text(new) == "C活动（）个，A活动（）场"


def test_blanks_after_the_end_of_the_table_are_reported():
    text = SEED_004_TABLE + "附件2\n另有一行（）次\n"
    template, problems = parse_table_text(text)
    assert len(body_fields(template)) == 75
    (p,) = problems
    assert (
        p.message
        == f"第{len(SEED_004_TABLE.splitlines()) + 2}行：“另有一行（）次”没有放进表里，它在表格结束之后"
    )


_TABLE_PIECES = st.sampled_from(
    [
        "活动项目",
        "内容要求",
        "进展情况",
        "序号",
        "1",
        "一、学习",
        "学习",
        "要求",
        "学习（）次",
        "参与（）人次",
        "（）",
        "注：报送",
        "附件2",
        "\t",
        "\n",
        "\n\n",
        "\n\n\n",
        " ",
        "填报单位：联系人：",
    ]
)


@given(st.lists(_TABLE_PIECES, max_size=40).map("".join))
def test_parse_table_text_never_fails_and_every_row_has_blanks(text):
    template, problems = parse_table_text(text)
    for row in table_rows(template):
        assert row.fields
    assert len({r.key for r in table_rows(template)}) == len(table_rows(template))
    assert all(p.message for p in problems)
    assert {p.code for p in validate_template(template)} <= {"rows_empty"}
