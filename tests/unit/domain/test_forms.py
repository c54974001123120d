"""Form templates: values per field type, template and entry validation, versions, plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anquanyue_desktop.domain.form_values import NUMBER_MAX
from anquanyue_desktop.domain.forms import (
    FIELD_TYPES,
    Field,
    FormTemplate,
    Section,
    TableRow,
    WorkQuota,
    WorksItem,
    WorksQuota,
    all_fields,
    body_fields,
    check_text,
    describe_quota,
    display_value,
    field_map,
    parse_value,
    template_from_data,
    template_to_data,
    validate_entry,
    validate_successor,
    validate_template,
    validate_value,
    value_from_data,
    value_to_data,
    works_shortfalls,
)
from anquanyue_desktop.domain.validation import ValidationError

NAME = Field("name", "姓名", "text", required=True)
MOBILE = Field("mobile", "手机号码", "mobile", required=True)
OFFICE = Field("office_phone", "办公电话", "landline")
PHONE = Field("phone", "联系电话", "phone")
EMAIL = Field("email", "电子邮箱", "email")
DAY = Field("date", "填报日期", "date")
GENDER = Field("gender", "性别", "choice", choices=("男", "女"))
YES = Field("stamped", "已盖章", "yesno")
COUNT = Field("r1_b2", "参与", "number", unit="人次")
SHEETS = Field("r5_b7", "发放宣传资料", "number", unit="张", alt_unit="条")
NOTE = Field("remark", "备注", "longtext")


def liaison(**changes) -> FormTemplate:
    t = FormTemplate(
        key="yincheng-liaison",
        name="联络员推荐表",
        version=1,
        kind="record",
        fields=(Field("unit", "村（单位）名称", "text", required=True), NAME, OFFICE, MOBILE),
    )
    return replace(t, **changes)


def stats(**changes) -> FormTemplate:
    row = TableRow(
        "r1",
        "学习",
        "组织学习",
        ("学习", Field("r1_b1", "学习", "number", unit="次"), "次，参与", COUNT, "人次"),
    )
    t = FormTemplate(
        key="activity-statistics",
        name="活动情况统计表",
        version=1,
        kind="table",
        header_fields=(Field("unit", "填报单位", "text", required=True), DAY),
        sections=(Section("", (row,)),),
        signature=True,
    )
    return replace(t, **changes)


QUOTA = WorksQuota(
    items=(
        WorksItem(
            "course", "安全生产专题教育课", ("课件（录像）",), (WorkQuota("课件（录像）", 1, "个"),)
        ),
        WorksItem(
            "drill",
            "应急逃生避险演练",
            ("视频", "图片"),
            (WorkQuota("视频", 1, "个"), WorkQuota("图片", 3, "张")),
        ),
    )
)


def works_report() -> FormTemplate:
    return FormTemplate(
        key="zushi-works-report",
        name="作品案例报送表",
        version=1,
        kind="record",
        header_fields=(Field("unit", "报送单位", "text", required=True),),
        fields=(
            Field("item", "项目", "choice", required=True, choices=QUOTA.item_names()),
            Field("title", "主题或标题", "text", required=True),
            Field("content", "报送内容", "longtext"),
        ),
        repeating=True,
        group_by="item",
        footer_fields=(Field("contact", "联系人", "text"), PHONE),
    )


# ---------------------------------------------------------------- values per type


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        (" １２ ", 12),
        ("1,200", 1200),
        ("0", 0),
        ("3.0", 3),
        ("12人次", 12),
        ("约300", 300),
        ("300余", 300),
        ("300余人次", 300),
        ("无", 0),
        ("/", None),
        ("—", None),
        ("", None),
        ("   ", None),
    ],
)
def test_number_reads_what_clerks_write(text, value):
    assert parse_value(COUNT, text) == value


def test_number_alternative_unit_is_accepted():
    assert parse_value(SHEETS, "40条") == 40
    assert parse_value(SHEETS, "40张") == 40


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-3", "参与：不能为负数，“-3”"),
        ("1.5", "参与：应为整数，“1.5”带小数"),
        ("十二", "参与：应填数字，“十二”不是数字"),
        ("12场", "参与：应填数字，“12场”不是数字"),
    ],
)
def test_number_refuses_what_is_not_a_whole_number(text, message):
    with pytest.raises(ValueError) as e:
        parse_value(COUNT, text)
    assert str(e.value) == message


def test_number_rules():
    assert validate_value(COUNT, 5) == []
    assert [p.code for p in validate_value(COUNT, -1)] == ["negative"]
    assert validate_value(COUNT, -1)[0].message == "参与：不能为负数"
    assert [p.code for p in validate_value(COUNT, True)] == ["not_integer"]
    assert [p.code for p in validate_value(COUNT, 1.5)] == ["not_integer"]
    assert [p.code for p in validate_value(COUNT, NUMBER_MAX + 1)] == ["too_large"]


def test_mobile():
    assert parse_value(MOBILE, "138 1234 5678") == "13812345678"
    assert parse_value(MOBILE, "138-1234-5678") == "13812345678"
    assert parse_value(MOBILE, "１３８１２３４５６７８") == "13812345678"
    assert validate_value(MOBILE, "13812345678") == []
    (p,) = validate_value(MOBILE, parse_value(MOBILE, "1381234567"))
    assert (p.field, p.code) == ("mobile", "mobile")
    assert p.message == "手机号码：应为11位数字，“1381234567”有10位"
    (p,) = validate_value(MOBILE, "12812345678")
    assert p.message.startswith("手机号码：")


def test_landline_and_phone():
    assert validate_value(OFFICE, parse_value(OFFICE, "0355-6627527")) == []
    assert validate_value(OFFICE, parse_value(OFFICE, "(0355)6627527")) == []
    assert validate_value(OFFICE, "5163977") == []
    assert validate_value(OFFICE, "13812345678")[0].code == "landline"
    assert validate_value(PHONE, parse_value(PHONE, "138 1234 5678")) == []
    assert parse_value(PHONE, "138-1234-5678") == "13812345678"
    assert validate_value(PHONE, parse_value(PHONE, "6627527")) == []
    assert (
        validate_value(PHONE, "1381234")[0].message
        == "联系电话：手机号码应为11位数字，“1381234”有7位"
    )


def test_email():
    assert validate_value(EMAIL, parse_value(EMAIL, " yqjt6623055@163.com ")) == []
    assert validate_value(EMAIL, "yqjt6623055@163")[0].message.startswith("电子邮箱：")


def test_date():
    assert parse_value(DAY, "2024年6月3日") == date(2024, 6, 3)
    assert parse_value(DAY, "2024-06-03") == date(2024, 6, 3)
    assert parse_value(DAY, "２０２４/6/3") == date(2024, 6, 3)
    with pytest.raises(ValueError, match=r"^填报日期：“6月3日”不是日期"):
        parse_value(DAY, "6月3日")
    with pytest.raises(ValueError, match=r"^填报日期：“2024年2月30日”不是存在的日期"):
        parse_value(DAY, "2024年2月30日")
    assert validate_value(DAY, "2024-06-03")[0].code == "date"


def test_choice_and_yesno():
    assert parse_value(GENDER, " 女 ") == "女"
    with pytest.raises(ValueError, match=r"^性别：应为“男”、“女”之一"):
        parse_value(GENDER, "未知")
    assert validate_value(GENDER, "未知")[0].code == "choice"
    assert parse_value(YES, "是") is True
    assert parse_value(YES, "否") is False
    assert parse_value(YES, "√") is True
    with pytest.raises(ValueError, match=r"^已盖章：应填“是”或“否”"):
        parse_value(YES, "也许")


def test_text_and_longtext():
    short = Field("title", "主题或标题", "text")
    assert parse_value(short, " 应急\n演练  视频 ") == "应急 演练 视频"
    assert validate_value(short, "一行\n两行")[0].code == "multiline"
    assert validate_value(short, "字" * 501)[0].code == "too_long"
    assert parse_value(NOTE, " 第一行  \r\n第二行\n\n") == "第一行\n第二行"
    assert validate_value(NOTE, "第一行\n第二行") == []


def test_required_names_the_field():
    (p,) = validate_value(NAME, None)
    assert (p.field, p.message, p.code) == ("name", "姓名：必填", "required")
    assert validate_value(NAME, "") == validate_value(NAME, None)
    assert validate_value(COUNT, None) == []


def test_check_text_reads_and_validates_in_one_go():
    assert check_text(COUNT, "12") == (12, [])
    value, problems = check_text(COUNT, "abc")
    assert value is None
    assert [p.code for p in problems] == ["format"]
    assert check_text(NAME, "")[1][0].code == "required"
    assert check_text(MOBILE, "123")[1][0].code == "mobile"


def test_display():
    assert display_value(DAY, date(2024, 6, 3)) == "2024年6月3日"
    assert display_value(YES, True) == "是"
    assert display_value(COUNT, 1200) == "1200"
    assert display_value(NAME, None) == ""


def test_unknown_type_is_an_error_not_a_crash():
    odd = Field("x", "奇怪", "numbr")
    with pytest.raises(ValueError, match=r"^奇怪：未知的字段类型“numbr”"):
        parse_value(odd, "1")
    assert validate_value(odd, "1")[0].code == "unknown_type"


@given(st.integers(min_value=0, max_value=NUMBER_MAX))
def test_number_shown_reads_back(n):
    assert parse_value(COUNT, display_value(COUNT, n)) == n


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_date_shown_reads_back(d):
    assert parse_value(DAY, display_value(DAY, d)) == d
    assert value_from_data(DAY, value_to_data(DAY, d)) == d


@given(st.text(max_size=60).filter(lambda s: s.strip()))
def test_text_shown_reads_back_unchanged_once_read(text):
    field = Field("t", "文字", "text")
    value = parse_value(field, text)
    assert parse_value(field, display_value(field, value)) == value
    assert validate_value(field, value) == [] or len(value) > 500


def test_values_to_and_from_data():
    for field, value in [
        (COUNT, 3),
        (YES, False),
        (DAY, date(2024, 6, 3)),
        (NAME, "王芷瑜"),
        (NAME, None),
    ]:
        assert value_from_data(field, value_to_data(field, value)) == value
    with pytest.raises(ValueError):
        value_from_data(COUNT, "3")
    with pytest.raises(ValueError):
        value_from_data(DAY, "6月3日")


def test_every_field_type_has_its_functions():
    for type_ in FIELD_TYPES:
        field = Field("k", "项", type_, choices=("甲",) if type_ == "choice" else ())
        assert validate_value(field, None) == []
        assert parse_value(field, "") is None
        assert display_value(field, None) == ""


# ---------------------------------------------------------------- templates


def codes(problems) -> list[str]:
    return sorted(p.code for p in problems)


def test_good_templates_validate_clean():
    assert validate_template(liaison()) == []
    assert validate_template(stats()) == []
    assert validate_template(works_report()) == []
    quota = FormTemplate("zushi-works-quota", "作品案例分配表", 1, "quota", quota=QUOTA)
    assert validate_template(quota) == []


def test_template_identity_problems():
    t = liaison(key="Yincheng Liaison", name=" ", version=0, kind="form")
    assert codes(validate_template(t)) == ["key_invalid", "kind_unknown", "name_empty", "version"]
    assert codes(validate_template(liaison(key=""))) == ["key_empty"]


def test_field_problems():
    t = liaison(
        fields=(
            Field("unit", "名称", "text"),
            Field("unit", "姓名", "text"),
            Field("Mobile", "", "numbr"),
            Field("gender", "性别", "choice"),
            Field("office", "办公电话", "landline", unit="部"),
            Field("count", "次数", "number", alt_unit="条"),
            Field("kind", "类别", "text", choices=("甲",)),
            Field("level", "级别", "choice", choices=("一", "一", " ")),
        )
    )
    problems = validate_template(t)
    assert codes(problems) == [
        "alt_unit_alone",
        "choice_duplicate",
        "choice_empty",
        "choices_empty",
        "choices_not_choice",
        "field_key_invalid",
        "key_duplicate",
        "label_empty",
        "unit_not_number",
        "unknown_type",
    ]
    dup = next(p for p in problems if p.code == "key_duplicate")
    assert dup.message == "字段编号“unit”重复了2次（“名称”、“姓名”）"
    assert "字段“性别”是选项，但没有列出可选的项" in [p.message for p in problems]


def test_duplicate_labels_in_a_record_form():
    t = liaison(fields=(NAME, replace(MOBILE, label="姓名")))
    assert codes(validate_template(t)) == ["label_duplicate"]


def test_keys_must_be_unique_across_header_body_and_footer():
    t = stats(header_fields=(Field("r1_b1", "填报单位", "text"),))
    assert "key_duplicate" in codes(validate_template(t))


def test_table_row_without_blanks():
    row = TableRow("r2", "宣传", "要求", ("只有文字，没有填空",))
    t = stats(sections=(*stats().sections, Section("", (row,))))
    (p,) = validate_template(t)
    assert (p.field, p.code) == ("r2", "row_without_blanks")
    assert p.message == "第2行“宣传”的进展情况里没有填空（）"


def test_table_structure_problems():
    base = stats()
    row = base.sections[0].rows[0]
    assert codes(validate_template(replace(base, sections=()))) == ["rows_empty"]
    dup_rows = replace(base, sections=(Section("", (row, row)),))
    assert "row_key_duplicate" in codes(validate_template(dup_rows))
    assert "fields_in_table" in codes(validate_template(replace(base, fields=(NAME,))))
    assert codes(validate_template(replace(base, columns=("活动项目", "")))) == ["columns"]
    assert "repeating_not_record" in codes(validate_template(replace(base, repeating=True)))
    literal = replace(row, key="r2", progress=(*row.progress, "另有（）"))
    assert "literal_blank" in codes(
        validate_template(replace(base, sections=(Section("", (row,)), Section("", (literal,)))))
    )
    same = replace(
        row, progress=("甲", Field("r1_b1", "甲", "number"), "乙", Field("r1_b2", "甲", "number"))
    )
    assert codes(validate_template(replace(base, sections=(Section("", (same,)),)))) == [
        "label_duplicate"
    ]


def test_record_structure_problems():
    assert codes(validate_template(liaison(fields=()))) == ["fields_empty"]
    assert "sections_in_record" in codes(validate_template(liaison(sections=stats().sections)))
    report = works_report()
    assert codes(validate_template(replace(report, group_by="title"))) == ["group_by_invalid"]
    assert codes(validate_template(replace(report, repeating=False))) == ["group_by_invalid"]


def test_quota_problems():
    bad = WorksQuota(
        items=(
            WorksItem(
                "drill",
                "演练",
                ("视频",),
                (WorkQuota("图片", 0, ""), WorkQuota("视频", 1, "个", "各部门")),
            ),
            WorksItem("drill", "演练", ()),
        )
    )
    t = FormTemplate("q", "分配表", 1, "quota", quota=bad)
    assert codes(validate_template(t)) == [
        "formats_empty",
        "item_key_duplicate",
        "item_key_duplicate",
        "item_name_duplicate",
        "item_name_duplicate",
        "quota_audience",
        "quota_format",
        "quota_minimum",
        "quota_unit",
    ]
    assert codes(validate_template(FormTemplate("q", "分配表", 1, "quota"))) == ["quota_empty"]


def test_walking_fields_in_order():
    t = works_report()
    assert [f.key for f in all_fields(t)] == [
        "unit",
        "item",
        "title",
        "content",
        "contact",
        "phone",
    ]
    assert [f.key for f in body_fields(stats())] == ["r1_b1", "r1_b2"]
    assert [f.key for f in all_fields(stats())] == ["unit", "date", "r1_b1", "r1_b2"]
    assert field_map(stats())["r1_b2"] is COUNT


# ---------------------------------------------------------------- entries


def test_liaison_entry():
    t = liaison()
    ok = {"unit": "东村", "name": "王芷瑜", "mobile": "15234537719", "office_phone": None}
    assert validate_entry(t, ok) == []
    problems = validate_entry(t, {"unit": "东村", "mobile": "1523453771", "age": 3})
    assert [(p.field, p.code) for p in problems] == [
        ("name", "required"),
        ("mobile", "mobile"),
        ("age", "unknown_field"),
    ]
    assert problems[1].message == "手机号码：应为11位数字，“1523453771”有10位"


def test_statistics_entry():
    t = stats()
    assert validate_entry(t, {"unit": "东村", "r1_b1": 2, "r1_b2": 40}) == []
    problems = validate_entry(t, {"unit": "东村", "r1_b1": -2})
    assert [(p.field, p.message) for p in problems] == [("r1_b1", "学习：不能为负数")]
    assert codes(validate_entry(t, {"unit": "东村"}, rows=[{}])) == ["not_repeating"]


def test_repeating_entry():
    t = works_report()
    rows = [
        {"item": "应急逃生避险演练", "title": "东村疏散演练视频", "content": "视频1个"},
        {"item": "应急逃生演练", "title": ""},
        {"item": "安全生产专题教育课", "title": "课件", "size": 3},
    ]
    problems = validate_entry(t, {"unit": "东村", "phone": "5163977"}, rows)
    assert [(p.field, p.code) for p in problems] == [
        ("rows[1].item", "choice"),
        ("rows[1].title", "required"),
        ("rows[2].size", "unknown_field"),
    ]
    assert problems[1].message == "第2行 主题或标题：必填"


# ---------------------------------------------------------------- versions


def test_successor_keeps_key_kind_and_field_types():
    old = stats()
    new = replace(
        old,
        version=2,
        sections=(Section("", (replace(old.sections[0].rows[0], item="学习教育"),)),),
    )
    assert validate_successor(old, new) == []
    assert codes(validate_successor(old, replace(new, version=1))) == ["successor_version"]
    assert codes(validate_successor(old, replace(new, key="other"))) == ["successor_key"]
    assert codes(validate_successor(old, replace(new, kind="record"))) == ["successor_kind"]
    changed = replace(
        new, header_fields=(Field("unit", "填报单位", "text"), Field("date", "填报日期", "text"))
    )
    (p,) = validate_successor(old, changed)
    assert (p.field, p.code) == ("date", "type_changed")
    assert "“日期”改成“短文本”" in p.message


def test_removing_a_field_in_a_new_version_is_allowed():
    old = liaison()
    new = replace(old, version=2, fields=old.fields[:-1])
    assert validate_successor(old, new) == []


# ---------------------------------------------------------------- works quotas


def test_describe_quota_as_the_table_cell_says():
    assert describe_quota(QUOTA.items[1]) == "视频不少于1个，图片不少于3张"
    assert describe_quota(QUOTA.items[0]) == "课件（录像）不少于1个"
    assert describe_quota(QUOTA.items[1], "各部门") == ""


def test_works_shortfalls():
    short = works_shortfalls(QUOTA, {("drill", "视频"): 2, ("drill", "图片"): 1})
    assert [(s.item_key, s.format, s.missing) for s in short] == [
        ("course", "课件（录像）", 1),
        ("drill", "图片", 2),
    ]
    assert short[1].message == "应急逃生避险演练：图片还差2张（不少于3张，已报1张）"
    full = {("course", "课件（录像）"): 1, ("drill", "视频"): 1, ("drill", "图片"): 3}
    assert works_shortfalls(QUOTA, full) == ()


# ---------------------------------------------------------------- plain data


@pytest.mark.parametrize(
    "template",
    [
        liaison(),
        stats(),
        works_report(),
        FormTemplate("zushi-works-quota", "分配表", 1, "quota", quota=QUOTA, note="注：……"),
        # Lossless even for what validation refuses.
        replace(stats(), repeating=True, fields=(NAME,), columns=("项目", "要求", "完成情况")),
        replace(liaison(), quota=QUOTA, kind="odd"),
    ],
)
def test_template_data_round_trip(template):
    data = template_to_data(template)
    assert template_from_data(data) == template
    assert list(data)[:5] == ["schema", "key", "version", "name", "kind"]


def test_defaults_are_left_out_of_field_data():
    data = template_to_data(liaison())
    assert data["fields"][2] == {"key": "office_phone", "label": "办公电话", "type": "landline"}
    assert data["fields"][3]["required"] is True


def test_data_of_the_wrong_shape_says_where():
    data = template_to_data(stats())
    data["sections"][0]["rows"][0]["progress"][1]["type"] = 3
    del data["name"]
    data["colour"] = "red"
    with pytest.raises(ValidationError) as e:
        template_from_data(data)
    messages = [p.message for p in e.value.problems]
    assert "缺少“name”" in messages
    assert "有不认识的项“colour”" in messages
    assert "位置 sections[0].rows[0].progress[1].type：应为文字" in messages


def test_data_from_a_newer_program_is_refused_plainly():
    data = template_to_data(liaison())
    data["schema"] = 2
    with pytest.raises(ValidationError, match=r"更新版本的程序"):
        template_from_data(data)
    with pytest.raises(ValidationError):
        template_from_data(["not", "a", "template"])
