"""Forms a new campaign starts with, and a notice's liaison table drafted as a record form."""

from __future__ import annotations

from anquanyue_desktop.domain.attached_forms import (
    DEFAULT_FORMS,
    attached_liaison_form,
    with_default_forms,
)
from anquanyue_desktop.domain.form_entries import ROLE_LIAISON, ROLE_STATISTICS
from anquanyue_desktop.domain.forms import validate_template

# The tail of seed 002 as the notice file has it: tabs and blank lines between the cells.
SEED_002_TAIL = """电    话: 15234537719

附件：“安全生产月”活动联络人推荐表


荫城镇人民政府
                             2022年5月30日
 附件

荫城镇“安全生产月”活动联络员推荐表
\t村（单位）名称
\t

\t姓名
\t
\t职务
\t

\t办公电话
\t
\t手机号码
\t

\t备    注
\t


注：请于5月31日前报送。
"""


def test_seed_002_liaison_table_becomes_a_record_form():
    t = attached_liaison_form(SEED_002_TAIL, 2022)
    assert t is not None and t.kind == "record" and t.key == "notice-2022-liaison"
    assert t.name == "荫城镇“安全生产月”活动联络员推荐表"
    assert [(f.key, f.label, f.type) for f in t.fields] == [
        ("unit", "村（单位）名称", "text"),
        ("name", "姓名", "text"),
        ("position", "职务", "text"),
        ("office_phone", "办公电话", "landline"),
        ("mobile", "手机号码", "mobile"),
        ("remark", "备注", "text"),
    ]
    assert t.note == "注：请于5月31日前报送。"
    assert validate_template(t) == []


def test_pipe_table_with_gender_and_email():
    text = "附件1\n\n某街道安全生产月联络员反馈表\n| 单位名称 | 姓名 | 性别 | 手机 | 电子邮箱 |\n"
    t = attached_liaison_form(text, 2024)
    assert t is not None
    assert [f.key for f in t.fields] == ["unit", "name", "gender", "mobile", "email"]
    assert t.fields[2].choices == ("男", "女")


def test_no_liaison_table_no_form():
    assert attached_liaison_form("请各单位于5月31日前报送联络员名单。", 2022) is None
    # A title alone, without the cells to fill, is not a form.
    assert attached_liaison_form("附件\n\n联络员推荐表\n\n注：请按时报送。", 2022) is None


def test_default_forms_fill_only_missing_roles():
    available = {"yincheng-liaison", "activity-statistics", "zushi-liaison"}
    assert with_default_forms([], available) == list(DEFAULT_FORMS)
    assert with_default_forms([("zushi-liaison", ROLE_LIAISON)], available) == [
        ("zushi-liaison", ROLE_LIAISON),
        ("activity-statistics", ROLE_STATISTICS),
    ]
    # A library without the built-ins (an old database mid-upgrade) gets nothing invented.
    assert with_default_forms([], set()) == []
