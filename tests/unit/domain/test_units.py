from hypothesis import given
from hypothesis import strategies as st

from anquanyue_desktop.domain.units import (
    UNIT_KINDS,
    Unit,
    guess_kind,
    name_key,
    names_from_text,
    new_units_from_names,
    validate_units,
)


def test_names_from_pasted_text_strip_numbering_blanks_and_repeats():
    text = "1. 东村\n\n2、西村\t\n（3）南村\n 东村 \n4\t北关社区\t备注\n\t\n"
    assert names_from_text(text) == ["东村", "西村", "南村", "北关社区"]


def test_full_width_and_half_width_brackets_are_the_same_name():
    assert name_key("荫城村（示例）") == name_key("荫城村(示例)")
    assert names_from_text("荫城村（示例）\n荫城村(示例)") == ["荫城村（示例）"]


@given(st.lists(st.text(min_size=1, max_size=12), max_size=20))
def test_pasted_names_never_repeat(lines):
    names = names_from_text("\n".join(lines))
    assert len({name_key(n) for n in names}) == len(names)
    assert all(n and n == n.strip() for n in names)


def test_kind_is_guessed_from_the_name():
    assert guess_kind("荫城村") == "村"
    assert guess_kind("北关社区居委会") == "社区"
    assert guess_kind("荫城镇中心学校") == "学校"
    assert guess_kind("长治市某建材有限公司") == "企业"
    assert guess_kind("镇财政所") == "站所"
    assert guess_kind("镇应急办") == "部门"
    assert guess_kind("某某") == "其他"
    assert guess_kind("东村（示例）") == "村"


def test_validation_names_empty_duplicate_and_bad_kind_by_row():
    units = [Unit("东村"), Unit("  "), Unit("东 村"), Unit("西村", kind="乡")]
    problems = validate_units(units)
    messages = [p.message for p in problems]
    assert "第2行：单位名称不能为空" in messages
    assert any(m.startswith("第1行") and "重复" in m for m in messages)
    assert any(m.startswith("第3行") and "重复" in m for m in messages)
    assert any(m.startswith("第4行") and "类别“乡”无效" in m for m in messages)
    assert {p.field for p in problems} == {"row 1", "row 2", "row 3", "row 4"}


def test_new_units_skip_existing_and_continue_the_order():
    existing = [Unit("东村", sort_order=5)]
    added, skipped = new_units_from_names(["东村", "西村", "北关社区", "西村"], existing)
    assert [u.name for u in added] == ["西村", "北关社区"]
    assert [u.sort_order for u in added] == [6, 7]
    assert [u.kind for u in added] == ["村", "社区"]
    assert skipped == ["东村", "西村"]
    assert all(u.kind in UNIT_KINDS for u in added)
