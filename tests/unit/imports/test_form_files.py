"""Template files: every shipped form loads, validates and round-trips byte for byte; broken files
are refused with the file's name and what is wrong."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from anquanyue_desktop.domain.blank_parser import parse_table_text
from anquanyue_desktop.domain.forms import (
    all_fields,
    body_fields,
    describe_quota,
    table_rows,
    validate_template,
)
from anquanyue_desktop.imports.form_files import (
    FormFileError,
    dump_template,
    load_shipped,
    load_template,
    loads_template,
    parse_table_file,
    read_text_file,
    save_template,
)
from anquanyue_desktop.resources import FORMS_DIR
from tests.unit.domain.test_blank_parser import SEED_004_TABLE

SHIPPED = sorted(FORMS_DIR.glob("*.json"))


def by_key() -> dict:
    return {t.key: t for t in load_shipped()}


def test_the_shipped_forms_are_there():
    assert [p.stem for p in SHIPPED] == [
        "activity-statistics",
        "yincheng-liaison",
        "zushi-liaison",
        "zushi-works-quota",
        "zushi-works-report",
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_form_loads_validates_and_round_trips(path: Path):
    t = load_template(path)
    assert validate_template(t) == []
    assert t.key == path.stem
    assert t.version == 1
    assert dump_template(t).encode("utf-8") == path.read_bytes()


def test_load_shipped_reads_them_all_in_file_order():
    assert [t.key for t in load_shipped()] == [p.stem for p in SHIPPED]
    assert load_shipped(FORMS_DIR) == load_shipped()


def test_yincheng_liaison_is_the_form_of_seed_002():
    t = by_key()["yincheng-liaison"]
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


def test_zushi_liaison_is_the_form_of_seed_003():
    t = by_key()["zushi-liaison"]
    assert t.name == "祖师街道办事处“安全生产月”活动联络员反馈表"
    assert [f.label for f in t.fields] == [
        "姓名",
        "性别",
        "职务",
        "办公电话",
        "手机",
        "传真",
        "电子邮箱",
        "单位名称",
        "通讯地址",
    ]
    assert {f.label: f.type for f in t.fields}["手机"] == "mobile"
    assert {f.label: f.choices for f in t.fields}["性别"] == ("男", "女")


def test_both_liaison_forms_share_keys_for_the_same_things():
    old, new = by_key()["yincheng-liaison"], by_key()["zushi-liaison"]
    shared = {f.key: f.type for f in old.fields}.items() & {
        f.key: f.type for f in new.fields
    }.items()
    assert {k for k, _ in shared} == {"unit", "name", "position", "office_phone", "mobile"}


def test_statistics_form_is_the_parsed_table_of_seed_004():
    t = by_key()["activity-statistics"]
    parsed, problems = parse_table_text(SEED_004_TABLE, key="activity-statistics")
    assert problems == []
    assert t == replace(parsed, description=t.description, signature=True, origin=t.origin)
    assert len(table_rows(t)) == 8
    assert len(body_fields(t)) == 75
    assert [f.key for f in t.header_fields] == ["unit", "contact", "phone", "date"]


def test_works_quota_is_the_distribution_table_of_seed_003():
    t = by_key()["zushi-works-quota"]
    assert t.kind == "quota" and t.quota is not None
    assert t.quota.audiences == ("各社区",)
    assert [(i.name, i.formats, describe_quota(i)) for i in t.quota.items] == [
        ("安全生产专题教育课", ("课件（录像）",), "课件（录像）不少于1个"),
        ("专项隐患排查治理", ("典型案例",), "典型案例不少于1个"),
        ("应急逃生避险演练", ("视频", "图片"), "视频不少于1个，图片不少于3张"),
        ("安全警示教育", ("视频", "图片"), "视频不少于1个，图片不少于3张"),
        ("应急避险逃生路线图", ("图片",), "图片不少于3张"),
    ]


def test_works_report_rows_pick_the_items_of_the_quota():
    forms = by_key()
    report, quota = forms["zushi-works-report"], forms["zushi-works-quota"]
    assert report.repeating and report.group_by == "item"
    assert [f.label for f in report.header_fields] == ["报送单位", "报送时间"]
    assert [f.label for f in report.fields] == ["项目", "主题或标题", "报送内容", "备注"]
    assert [f.label for f in report.footer_fields] == ["联系人", "联系方式"]
    item = report.fields[0]
    assert item.type == "choice" and item.choices == quota.quota.item_names()
    assert len(all_fields(report)) == 8


# ---------------------------------------------------------------- broken files


def write(tmp_path: Path, text: str | bytes, name: str = "broken.json") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def test_not_json(tmp_path):
    p = write(tmp_path, '{\n  "schema": 1,\n  "key": "x"\n  "name": "y"\n}\n')
    with pytest.raises(FormFileError) as e:
        load_template(p)
    assert str(e.value) == "文件“broken.json”不是有效的表单模板文件：第4行第3列格式有误（缺少逗号）"


def test_empty_missing_and_not_utf8(tmp_path):
    with pytest.raises(FormFileError, match=r"^文件“broken.json”是空的"):
        load_template(write(tmp_path, "  \n"))
    with pytest.raises(FormFileError, match=r"^找不到表单模板文件“nothing.json”"):
        load_template(tmp_path / "nothing.json")
    with pytest.raises(FormFileError, match=r"不是 UTF-8 编码"):
        load_template(write(tmp_path, "联络员".encode("gbk")))


def test_wrong_shape_names_the_file_and_the_place(tmp_path):
    data = json.loads(SHIPPED[1].read_text(encoding="utf-8"))
    data["fields"][1]["required"] = "yes"
    del data["kind"]
    with pytest.raises(FormFileError) as e:
        load_template(write(tmp_path, json.dumps(data, ensure_ascii=False)))
    assert str(e.value).startswith("文件“broken.json”的内容有误：")
    assert "缺少“kind”" in str(e.value)
    assert "位置 fields[1].required：应为 true 或 false" in str(e.value)
    assert e.value.problems


def test_invalid_template_lists_every_problem(tmp_path):
    data = json.loads(SHIPPED[1].read_text(encoding="utf-8"))
    data["fields"][1]["key"] = "unit"
    data["fields"][2]["label"] = ""
    with pytest.raises(FormFileError) as e:
        load_template(write(tmp_path, json.dumps(data, ensure_ascii=False)))
    message = str(e.value)
    assert message.startswith("文件“broken.json”中的“荫城镇“安全生产月”活动联络员推荐表”有误：")
    assert "字段编号“unit”重复了2次" in message
    assert "第3个字段没有名称" in message
    assert sorted(p.code for p in e.value.problems) == ["key_duplicate", "label_empty"]
    # An editor may still open it to repair it.
    assert load_template(write(tmp_path, json.dumps(data)), validate=False).fields[1].key == "unit"


def test_newer_format_is_refused_plainly(tmp_path):
    data = json.loads(SHIPPED[1].read_text(encoding="utf-8"))
    data["schema"] = 9
    with pytest.raises(FormFileError, match=r"更新版本的程序"):
        loads_template(json.dumps(data), "文件“new.json”")


def test_two_files_with_the_same_template_and_version(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_bytes(SHIPPED[1].read_bytes())
    with pytest.raises(
        FormFileError, match=r"^文件“b.json”与“a.json”是同一个模板（yincheng-liaison 第1版）"
    ):
        load_shipped(tmp_path)


def test_a_broken_file_among_the_shipped_ones_is_an_error(tmp_path):
    (tmp_path / "a.json").write_bytes(SHIPPED[1].read_bytes())
    write(tmp_path, "[]", "z.json")
    with pytest.raises(FormFileError, match=r"z.json"):
        load_shipped(tmp_path)


# ---------------------------------------------------------------- saving


def test_save_writes_the_dump_and_nothing_else(tmp_path):
    t = load_template(SHIPPED[0])
    target = tmp_path / "form.json"
    save_template(t, target)
    assert target.read_bytes() == SHIPPED[0].read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["form.json"]
    assert load_template(target) == t


def test_a_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "form.json"
    target.write_text("old", encoding="utf-8")
    import anquanyue_desktop.imports.form_files as ff

    def boom(t):
        raise OSError("disk full")

    monkeypatch.setattr(ff, "dump_template", boom)
    with pytest.raises(OSError):
        save_template(load_template(SHIPPED[0]), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["form.json"]


def test_dump_is_utf8_pretty_and_stable():
    t = load_template(SHIPPED[1])
    text = dump_template(t)
    assert text.endswith("}\n")
    assert "荫城镇" in text  # Chinese is not escaped
    assert '\n  "key": "yincheng-liaison",\n' in text
    assert dump_template(loads_template(text)) == text


# ---------------------------------------------------------------- tables from text files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_parse_table_file_reads_the_encodings_offices_save_in(tmp_path, encoding):
    p = tmp_path / "统计表.txt"
    p.write_bytes(SEED_004_TABLE.encode(encoding))
    template, problems = parse_table_file(p, key="county-stats")
    assert problems == []
    assert template.key == "county-stats"
    assert len(body_fields(template)) == 75


def test_parse_table_file_refuses_a_word_document(tmp_path):
    p = tmp_path / "统计表.docx"
    p.write_bytes(b"PK\x03\x04\x00\x00\x00binary")
    with pytest.raises(FormFileError, match=r"^文件“统计表.docx”不是文本文件"):
        read_text_file(p)
    with pytest.raises(FormFileError, match=r"^找不到文件“none.txt”"):
        read_text_file(tmp_path / "none.txt")
