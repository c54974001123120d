"""Export a blank form → fill it as a unit would in Excel (openpyxl here) → import it back."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_entries import ROLE_LIAISON, ROLE_STATISTICS
from anquanyue_desktop.domain.forms import body_fields
from anquanyue_desktop.exports.form_workbook import (
    IDENTITY_SHEET,
    INPUT_FILL,
    blank_pieces,
    write_blank_workbook,
)
from anquanyue_desktop.imports.form_files import load_shipped
from anquanyue_desktop.imports.form_workbook import (
    ImportResult,
    read_filled_workbook,
    read_filled_workbooks,
)

YELLOW = INPUT_FILL.fgColor.rgb
UNITS = ["荫城村", "东村村民委员会", "西坡村", "许昌市祖师街道东城社区"]


@pytest.fixture(scope="module")
def shipped():
    return {t.key: t for t in load_shipped()}


@pytest.fixture
def campaign() -> Campaign:
    return Campaign(year=2023, issuer="荫城镇人民政府")


@pytest.fixture
def stats(shipped):
    return shipped["activity-statistics"]


@pytest.fixture
def liaison(shipped):
    return shipped["yincheng-liaison"]


def current(*templates):
    return {t.ident: t for t in templates}


def export(template, campaign, unit, path: Path) -> Path:
    write_blank_workbook(template, campaign, unit, path, generated_on=date(2023, 5, 26))
    return path


def is_input(cell) -> bool:
    return cell.fill.fgColor.rgb == YELLOW and cell.protection.locked is False


def input_right_of(ws, label: str):
    """The input cell right of the cell reading ``label`` (as a user finds 联系人：[   ])."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                right = ws.cell(row=cell.row, column=cell.column + 1)
                assert is_input(right), label
                return right
    raise AssertionError(f"no cell reads {label!r}")


def blank_cells(ws) -> list:
    """The yellow cells of the 进展情况 column below its 事项/填写/单位 header, top to bottom
    (one per blank)."""
    header = next(r[0].row for r in ws.iter_rows() if r[2].value == "事项")
    return [row[3] for row in ws.iter_rows(min_row=header + 1) if is_input(row[3])]


def stats_values(template) -> dict:
    values = {}
    for i, f in enumerate(body_fields(template)):
        values[f.key] = "某企业违规动火作业被曝光，已整改" if f.type == "text" else i * 3 + 1
    return values


def fill_statistics(path: Path, template, values: dict, header: dict | None = None) -> None:
    """Fill the statistics workbook by what the sheet shows: header labels, then the yellow
    cells of the sentence rows in reading order, checking the words beside each."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for label, value in (header or {}).items():
        input_right_of(ws, label).value = value
    cells = blank_cells(ws)
    pieces = [
        p for row in (r for s in template.sections for r in s.rows) for p in blank_pieces(row)
    ]
    assert len(cells) == len(pieces) == 75
    for cell, piece in zip(cells, pieces, strict=True):
        assert ws.cell(row=cell.row, column=3).value == (piece.before or piece.field.label)
        assert ws.cell(row=cell.row, column=5).value == (piece.after or None)
        if piece.field.key in values:
            cell.value = values[piece.field.key]
    wb.save(path)


def fill_record(path: Path, values_by_label: dict) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for label, value in values_by_label.items():
        row = next(r for r in ws.iter_rows() if r[0].value == label)
        assert is_input(row[1]), label
        row[1].value = value
    wb.save(path)


def only_problems(result: ImportResult) -> list[str]:
    assert len(result.files) == 1
    assert result.filled == []
    return [str(p) for p in result.files[0].problems]


def codes(result: ImportResult) -> list[str]:
    return [p.code for f in result.files for p in f.problems]


# ---------------------------------------------------------------- round trips


def test_statistics_round_trip_reproduces_the_data(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "东村村民委员会", tmp_path / "东村.xlsx")
    values = stats_values(stats)
    header = {"联系人：": "王芳", "电话：": "13812345678", "填报日期：": datetime(2023, 6, 30)}
    fill_statistics(path, stats, values, header)

    result = read_filled_workbooks([path], current(stats), UNITS)

    assert result.failed == [] and result.summary() == "共1个文件：1个可以导入"
    (form,) = result.filled
    assert form.template is stats and form.unit_name == "东村村民委员会"
    assert form.campaign_year == 2023
    expected = {
        **values,
        "unit": "东村村民委员会",
        "contact": "王芳",
        "phone": "13812345678",
        "date": date(2023, 6, 30),
    }
    assert dict(form.values) == expected
    entry = form.to_entry(7, 42)
    assert (entry.campaign_id, entry.unit_id, entry.template_key, entry.template_version) == (
        7,
        42,
        "activity-statistics",
        1,
    )
    assert entry.values == expected


def test_blanks_left_empty_are_none_and_typed_text_is_read(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "西坡村", tmp_path / "西坡村.xlsx")
    # As typed into cells formatted as text, or with the unit and a thousands separator.
    fill_statistics(path, stats, {"r1_b1": "3", "r1_b2": "1,200", "r1_b3": "5场", "r2_b1": "无"})
    (form,) = read_filled_workbooks([path], current(stats), UNITS).filled
    assert (form.values["r1_b1"], form.values["r1_b2"], form.values["r1_b3"]) == (3, 1200, 5)
    assert form.values["r2_b1"] == 0 and form.values["r1_b4"] is None
    assert form.values["contact"] is None


def test_liaison_round_trip(liaison, campaign, tmp_path) -> None:
    path = export(liaison, campaign, "荫城村", tmp_path / "荫城村.xlsx")
    fill_record(
        path,
        {
            "姓名": "张三",
            "职务": "村委委员",
            "办公电话": "0355-6627527",
            "手机号码": 13812345678,  # typed over the text format: Excel stores a number
            "备注": "=不是公式",
        },
    )
    # Excel keeps what is typed into a text-formatted cell as text, even “=…”.
    wb = openpyxl.load_workbook(path)
    cell = next(r[1] for r in wb.worksheets[0].iter_rows() if r[0].value == "备注")
    cell.data_type = "s"
    wb.save(path)
    (form,) = read_filled_workbooks([path], current(liaison), UNITS).filled
    assert dict(form.values) == {
        "unit": "荫城村",
        "name": "张三",
        "position": "村委委员",
        "office_phone": "0355-6627527",
        "mobile": "13812345678",
        "remark": "=不是公式",
    }


def test_choice_and_repeating_forms_round_trip(shipped, campaign, tmp_path) -> None:
    zushi = shipped["zushi-liaison"]
    path = export(zushi, campaign, "许昌市祖师街道东城社区", tmp_path / "a.xlsx")
    fill_record(path, {"姓名": "李梅", "性别": "女", "手机": "15234537719", "电子邮箱": "a@b.cn"})
    report = shipped["zushi-works-report"]
    path2 = export(report, campaign, "许昌市祖师街道东城社区", tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path2)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows() if r[0].value == "序号")
    cols = {c.value: c.column for c in header}
    first = header[0].row + 1
    ws.cell(row=first, column=cols["项目"], value="应急逃生避险演练")
    ws.cell(row=first, column=cols["主题或标题"], value="东城社区消防疏散演练视频")
    ws.cell(row=first + 2, column=cols["项目"], value="安全警示教育")  # a row skipped
    ws.cell(row=first + 2, column=cols["主题或标题"], value="警示教育片观看")
    ws.cell(row=first + 2, column=cols["报送内容"], value="照片3张\n视频1个")
    input_right_of_merged(ws, "联系人：").value = "王亚伟"
    wb.save(path2)

    result = read_filled_workbooks([path, path2], current(zushi, report), UNITS)
    assert result.failed == []
    a, b = result.filled
    assert a.values["gender"] == "女" and a.values["mobile"] == "15234537719"
    assert b.values["contact"] == "王亚伟" and b.values["unit"] == "许昌市祖师街道东城社区"
    assert [dict(r) for r in b.rows] == [
        {
            "item": "应急逃生避险演练",
            "title": "东城社区消防疏散演练视频",
            "content": None,
            "remark": None,
        },
        {
            "item": "安全警示教育",
            "title": "警示教育片观看",
            "content": "照片3张\n视频1个",
            "remark": None,
        },
    ]
    assert set(result.by_template()) == {zushi.ident, report.ident}


def input_right_of_merged(ws, label: str):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                for col in range(cell.column + 1, ws.max_column + 1):
                    right = ws.cell(row=cell.row, column=col)
                    if is_input(right):
                        return right
    raise AssertionError(label)


def test_good_entries_save_in_one_transaction(store, stats, liaison, campaign, tmp_path) -> None:
    from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms

    ensure_shipped_forms(store)
    store.units.add_names(UNITS)
    c = store.campaigns.save(campaign)
    store.campaign_forms.set_chosen(
        c.id, [("yincheng-liaison", ROLE_LIAISON), ("activity-statistics", ROLE_STATISTICS)]
    )
    t = store.forms.latest("yincheng-liaison")
    good = export(t, campaign, "荫城村", tmp_path / "good.xlsx")
    fill_record(good, {"姓名": "张三", "手机号码": "13812345678"})
    bad = export(t, campaign, "西坡村", tmp_path / "bad.xlsx")
    fill_record(bad, {"姓名": "李四", "手机号码": "1381234567"})
    units = store.units.list()
    result = read_filled_workbooks([good, bad], current(t), [u.name for u in units])
    assert len(result.filled) == 1 and len(result.failed) == 1
    entries = result.entries(t, c.id, {u.name: u.id for u in units})
    assert store.form_entries.save(t, entries) == 1
    saved = store.form_entries.for_campaign(c.id, t.key)
    by_name = {u.id: u.name for u in units}
    assert {by_name[k]: e.values["name"] for k, e in saved.items()} == {"荫城村": "张三"}


# ---------------------------------------------------------------- bad workbooks


def test_every_wrong_cell_is_listed_and_nothing_is_read(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "东村村民委员会", tmp_path / "东村.xlsx")
    values = stats_values(stats)
    values.update(r1_b1="三", r1_b2=-1, r1_b3=2.5)
    fill_statistics(path, stats, values, {"电话：": "1381234567"})
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    where = {c.value: c.coordinate for c in blank_cells(ws)[:3]}
    phone = input_right_of(ws, "电话：").coordinate

    result = read_filled_workbooks([path], current(stats), UNITS)

    problems = only_problems(result)
    assert len(problems) == 4
    d_three, d_minus, d_half = where["三"], where[-1], where[2.5]
    assert problems[0].startswith(f"活动情况统计表!{phone}：电话：")
    assert "11位" in problems[0]
    assert problems[1] == f"活动情况统计表!{d_three}：理论学习中心组学习：应填数字，“三”不是数字"
    assert problems[2].startswith(f"活动情况统计表!{d_minus}：") and "负数" in problems[2]
    assert problems[3].startswith(f"活动情况统计表!{d_half}：") and "小数" in problems[3]
    assert result.summary() == "共1个文件：0个可以导入，1个有问题（共4处）"
    assert result.lines()[1].startswith("东村.xlsx：活动情况统计表!")


def test_ten_digit_mobile_and_missing_required(liaison, campaign, tmp_path) -> None:
    path = export(liaison, campaign, "荫城村", tmp_path / "荫城村.xlsx")
    fill_record(path, {"手机号码": "1381234567", "办公电话": "6627"})
    problems = only_problems(read_filled_workbooks([path], current(liaison), UNITS))
    assert problems == [
        "活动联络员推荐表!B5：姓名：必填",
        "活动联络员推荐表!B7：办公电话：“6627”不是座机号码，应如 0355-6627527",
        "活动联络员推荐表!B8：手机号码：应为11位数字，“1381234567”有10位",
    ]


def test_a_workbook_of_another_form(stats, liaison, campaign, tmp_path) -> None:
    path = export(liaison, campaign, "荫城村", tmp_path / "联络员.xlsx")
    fill_record(path, {"姓名": "张三", "手机号码": "13812345678"})
    result = read_filled_workbooks([path], current(stats), UNITS)
    (problem,) = only_problems(result)
    assert codes(result) == ["other_template"]
    assert "是《荫城镇“安全生产月”活动联络员推荐表》" in problem
    assert f"不是本次要导入的表（《{stats.name}》）" in problem


def test_an_older_version(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "荫城村", tmp_path / "旧表.xlsx")
    fill_statistics(path, stats, {"r1_b1": 3})
    v2 = replace(stats, version=2)
    result = read_filled_workbooks([path], current(v2), UNITS)
    (problem,) = only_problems(result)
    assert codes(result) == ["version_older"]
    assert "第1版" in problem and "第2版" in problem and "重新导出" in problem
    newer = read_filled_workbooks([path], current(replace(stats, version=0)), UNITS)
    assert codes(newer) == ["version_newer"]


def test_a_workbook_of_another_year(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "荫城村", tmp_path / "去年.xlsx")
    fill_statistics(path, stats, {"r1_b1": 3})
    result = read_filled_workbooks([path], current(stats), UNITS, campaign_year=2024)
    (problem,) = only_problems(result)
    assert codes(result) == ["other_year"] and "2023年" in problem and "2024年" in problem
    assert read_filled_workbooks([path], current(stats), UNITS, campaign_year=2023).filled


def test_a_unit_not_in_the_roster_gets_a_suggestion(liaison, campaign, tmp_path) -> None:
    path = export(liaison, campaign, "东村委", tmp_path / "x.xlsx")
    fill_record(path, {"姓名": "张三", "手机号码": "13812345678"})
    problems = only_problems(read_filled_workbooks([path], current(liaison), UNITS))
    assert problems == [
        "活动联络员推荐表!B4：单位“东村委”不在本镇的单位名册中，是不是“东村村民委员会”？"
    ]
    nowhere = export(liaison, campaign, "完全无关", tmp_path / "y.xlsx")
    fill_record(nowhere, {"姓名": "张三", "手机号码": "13812345678"})
    (problem,) = only_problems(read_filled_workbooks([nowhere], current(liaison), UNITS))
    assert "请先在“下级单位”中添加该单位" in problem


def test_a_unit_name_differing_only_in_width_and_spaces_matches(liaison, campaign, tmp_path):
    path = export(liaison, campaign, " 荫城村 ", tmp_path / "x.xlsx")
    fill_record(path, {"姓名": "张三", "手机号码": "13812345678"})
    (form,) = read_filled_workbooks([path], current(liaison), ["荫城村"]).filled
    assert form.unit_name == form.values["unit"] == "荫城村"


def test_two_files_of_one_unit_are_both_held_back(liaison, campaign, tmp_path) -> None:
    paths = []
    for name in ("a.xlsx", "b.xlsx"):
        p = export(liaison, campaign, "荫城村", tmp_path / name)
        fill_record(p, {"姓名": name, "手机号码": "13812345678"})
        paths.append(p)
    result = read_filled_workbooks(paths, current(liaison), UNITS)
    assert result.filled == [] and codes(result) == ["duplicate_unit"] * 2
    assert str(result.files[0].problems[0]).startswith("“a.xlsx”与“b.xlsx”都是“荫城村”的《")
    assert result.lines()[1].startswith("“b.xlsx”与“a.xlsx”")


def test_a_formula_without_a_result_is_a_problem(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "荫城村", tmp_path / "公式.xlsx")
    fill_statistics(path, stats, {"r1_b1": "=1+2", "r1_b2": 5})
    (problem,) = only_problems(read_filled_workbooks([path], current(stats), UNITS))
    assert "公式“=1+2”" in problem and problem.startswith("活动情况统计表!D")


def test_nothing_filled_is_not_imported(stats, campaign, tmp_path) -> None:
    path = export(stats, campaign, "荫城村", tmp_path / "空白.xlsx")
    result = read_filled_workbooks([path], current(stats), UNITS)
    assert codes(result) == ["nothing_filled"]


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("空.xlsx", b"", "empty", "空文件"),
        (
            "旧表.xlsx",
            bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + "Workbook".encode("utf-16-le"),
            "old_format",
            "另存为",
        ),
        (
            "加密.xlsx",
            bytes.fromhex("D0CF11E0A1B11AE1")
            + b"\0" * 504
            + "EncryptionInfo".encode("utf-16-le")
            + "EncryptedPackage".encode("utf-16-le"),
            "encrypted",
            "密码",
        ),
        ("只有头.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504, "ole", "密码"),
        (
            "文档.xlsx",
            bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 8 + "WordDocument".encode("utf-16-le"),
            "doc",
            "Word",
        ),
        ("表.xlsx", b"a,b,c\n1,2,3\n", "not_xlsx", "不是 Excel 工作簿"),
        ("网页.xls", b"<html><table><tr><td>1</td></tr></table></html>", "not_xlsx", "网页"),
        ("坏.xlsx", b"PK\x03\x04" + b"\x14\x00" * 40, "corrupt", "损坏"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path, stats, name, data, code, words) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = read_filled_workbooks([path], current(stats), UNITS)
    (problem,) = only_problems(result)
    assert codes(result) == [code]
    assert f"“{name}”" in problem and words in problem
    assert result.lines() == [problem]  # the message names the file: no second prefix


def test_a_real_xls_renamed_and_a_docx_renamed(tmp_path, stats, campaign) -> None:
    docx = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    missing = tmp_path / "不存在.xlsx"
    result = read_filled_workbooks([docx, missing, tmp_path], current(stats), UNITS)
    assert codes(result) == ["docx", "missing", "not_file"]


def test_a_workbook_not_made_by_this_program(tmp_path, stats) -> None:
    path = tmp_path / "自己做的.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "活动情况统计表"
    wb.save(path)
    result = read_filled_workbooks([path], current(stats), UNITS)
    (problem,) = only_problems(result)
    assert codes(result) == ["not_ours"] and "不是本程序导出的填报表" in problem


def test_damaged_identity_and_renamed_sheet(tmp_path, stats, campaign) -> None:
    path = export(stats, campaign, "荫城村", tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(path)
    wb[IDENTITY_SHEET]["B4"] = None  # 模板编号
    wb.save(path)
    assert codes(read_filled_workbooks([path], current(stats), UNITS)) == ["identity_damaged"]

    path = export(stats, campaign, "荫城村", tmp_path / "y.xlsx")
    fill_statistics(path, stats, {"r1_b1": 3})
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0].title = "Sheet1"  # renamed by the unit: still the one visible sheet
    wb.save(path)
    result = read_filled_workbook(path, current(stats), UNITS)
    assert result.ok and result.filled is not None and result.filled.values["r1_b1"] == 3


def test_problems_never_leave_an_entry_behind_for_mixed_batches(
    stats, liaison, campaign, tmp_path
) -> None:
    good = export(stats, campaign, "荫城村", tmp_path / "good.xlsx")
    fill_statistics(good, stats, {"r1_b1": 3})
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    result = read_filled_workbooks([good, empty], current(stats, liaison), UNITS)
    assert [f.ok for f in result.files] == [True, False]
    assert [f.unit_name for f in result.filled] == ["荫城村"]
    assert result.entries(stats, 1, {"荫城村": 5})[0].unit_id == 5
    assert result.entries(liaison, 1, {"荫城村": 5}) == []
