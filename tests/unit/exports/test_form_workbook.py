"""Blank workbooks for the units to fill: layout, input cells, validations, identity."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.forms import Field, body_fields, progress_text, table_rows
from anquanyue_desktop.exports.form_workbook import (
    IDENTITY_SHEET,
    INPUT_FILL,
    REPEAT_ROWS,
    blank_pieces,
    blank_workbook_file_name,
    form_sheet_title,
    write_blank_workbook,
    write_blank_workbooks,
)
from anquanyue_desktop.imports.form_files import load_shipped

TODAY = date(2023, 5, 26)
YELLOW = INPUT_FILL.fgColor.rgb


@pytest.fixture(scope="module")
def shipped():
    return {t.key: t for t in load_shipped()}


@pytest.fixture
def campaign() -> Campaign:
    return Campaign(year=2023, issuer="荫城镇人民政府", ordinal=22)


def blank(template, campaign, unit="东村村民委员会"):
    out = io.BytesIO()
    write_blank_workbook(template, campaign, unit, out, generated_on=TODAY)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue()))


def identity(wb) -> tuple[dict, dict]:
    ws = wb[IDENTITY_SHEET]
    info, cells, in_map = {}, {}, False
    for a, b, *_ in ws.iter_rows(min_row=2, max_col=4, values_only=True):
        if a is None:
            continue
        if in_map:
            cells[a] = b
        elif a == "字段编号":
            in_map = True
        else:
            info[a] = b
    return info, cells


def validations_by_cell(ws) -> dict[str, object]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord] = dv
    return out


def is_input(cell) -> bool:
    return cell.fill.fgColor.rgb == YELLOW and cell.protection.locked is False


# ---------------------------------------------------------------- the sentence cut at blanks


def test_pieces_read_back_as_the_sentence_for_every_row_of_seed_004(shipped) -> None:
    t = shipped["activity-statistics"]
    n = 0
    for row in table_rows(t):
        pieces = blank_pieces(row)
        assert [p.field for p in pieces] == list(row.fields)
        n += len(pieces)
        # Every word of the sentence stands in some piece, in order (punctuation aside).
        joined = "".join(f"{p.before}（）{p.after}" for p in pieces)
        strip = str.maketrans("", "", "，；。、 ")
        assert joined.translate(strip) == progress_text(row.progress).translate(strip)
    assert n == 75


def test_pieces_of_awkward_blanks(shipped) -> None:
    rows = {r.key: r for r in table_rows(shipped["activity-statistics"])}
    r1 = blank_pieces(rows["r1"])
    assert (r1[0].before, r1[0].after) == ("理论学习中心组学习", "次")
    assert (r1[1].before, r1[1].after) == ("参与", "人次")
    text = next(p for p in blank_pieces(rows["r4"]) if p.field.type == "text")
    assert (text.before, text.after) == ("典型案例具体为", "，每月报送")
    r5 = blank_pieces(rows["r5"])
    assert r5[-1].after == "张（条）"
    # 受众约（）人（）个单位开展了……: two blanks in a row.
    r8 = blank_pieces(rows["r8"])
    assert (r8[4].before, r8[4].after) == ("受众约", "人")
    assert (r8[5].before, r8[5].after) == ("", "个单位开展了“安全同行”公益宣传活动")
    # （）家企业在……活动（）次: no punctuation between the blanks.
    r7 = blank_pieces(rows["r7"])
    assert (r7[2].before, r7[2].after) == ("", "家")
    assert r7[3].before == "企业在安全生产月期间开展安全生产警示教活动"


# ---------------------------------------------------------------- statistics workbook


def test_statistics_workbook_layout(shipped, campaign) -> None:
    t = shipped["activity-statistics"]
    wb = blank(t, campaign)
    ws = wb.active
    assert ws.title == form_sheet_title(t) == "活动情况统计表"
    assert ws["A1"].value == t.name
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    texts = [c.value for row in ws.iter_rows(max_row=8) for c in row if c.value]
    for label in (
        "填报单位：",
        "联系人：",
        "电话：",
        "填报日期：",
        "活动项目",
        "内容要求",
        "进展情况",
    ):
        assert label in texts
    info, cells = identity(wb)
    # The unit's name is filled in, grey and locked.
    unit = ws[cells["unit"]]
    assert unit.value == "东村村民委员会" and unit.protection.locked and not is_input(unit)
    # Every blank has its own yellow input cell, the words before it left, the unit right.
    rows = {r.key: r for r in table_rows(t)}
    for f in body_fields(t):
        cell = ws[cells[f.key]]
        assert is_input(cell), f.key
        assert cell.value is None
    first = ws[cells["r1_b1"]]
    assert ws.cell(row=first.row, column=first.column - 1).value == "理论学习中心组学习"
    assert ws.cell(row=first.row, column=first.column + 1).value == "次"
    assert ws.cell(row=first.row, column=1).value == rows["r1"].item
    assert ws.cell(row=first.row, column=2).value == rows["r1"].requirement
    # 活动项目 and 内容要求 merged down the sentence's rows.
    r1_last = ws[cells["r1_b7"]].row
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{first.row}:A{r1_last}" in merged and f"B{first.row}:B{r1_last}" in merged
    # Identity.
    assert info["模板编号"] == "activity-statistics" and info["模板版本"] == 1
    assert info["单位"] == "东村村民委员会" and info["活动年度"] == 2023
    assert wb[IDENTITY_SHEET].sheet_state == "veryHidden"
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["AnquanyueTemplate"] == "activity-statistics"
    assert props["AnquanyueTemplateVersion"] == 1
    # Protected without a password; print setup.
    assert ws.protection.sheet and not ws.protection.password
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows


def test_number_cells_accept_whole_numbers_only(shipped, campaign) -> None:
    t = shipped["activity-statistics"]
    wb = blank(t, campaign)
    ws = wb.active
    _, cells = identity(wb)
    dvs = validations_by_cell(ws)
    for f in body_fields(t):
        dv = dvs[cells[f.key]]
        if f.type == "number":
            assert dv.type == "whole" and dv.operator == "between"
            assert dv.formula1 == "0" and dv.allow_blank and dv.showErrorMessage
            assert "整数" in dv.error and f.label[:6] in dv.error
            assert dv.prompt and dv.promptTitle
        else:
            assert dv.type is None and dv.showInputMessage  # a prompt, any text accepted
    assert all(len(dv.promptTitle or "") <= 32 for dv in ws.data_validations.dataValidation)
    assert all(len(dv.prompt or "") <= 255 for dv in ws.data_validations.dataValidation)


def test_liaison_workbook_layout_and_mobile_validation(shipped, campaign) -> None:
    t = shipped["yincheng-liaison"]
    wb = blank(t, campaign, "荫城村")
    ws = wb.active
    assert ws.title == "活动联络员推荐表"
    _, cells = identity(wb)
    assert set(cells) == {f.key for f in t.fields}
    for f in t.fields:
        cell = ws[cells[f.key]]
        label = ws.cell(row=cell.row, column=1).value
        assert label == f.label
        assert is_input(cell) is (f.key != "unit")
    assert ws[cells["unit"]].value == "荫城村"
    assert ws[cells["mobile"]].number_format == "@"  # 13812345678 stays text
    dvs = validations_by_cell(ws)
    mobile = dvs[cells["mobile"]]
    ref = cells["mobile"]
    assert mobile.type == "custom" and f"LEN({ref})=11" in mobile.formula1
    assert "11位" in mobile.error and mobile.showErrorMessage
    assert "0355-6627527" in dvs[cells["office_phone"]].prompt
    assert any(c.value == t.note for row in ws.iter_rows() for c in row)
    assert ws.page_setup.orientation == "portrait"


def test_choice_fields_get_a_list(shipped, campaign) -> None:
    wb = blank(shipped["zushi-liaison"], campaign, "东城社区")
    _, cells = identity(wb)
    dv = validations_by_cell(wb.active)[cells["gender"]]
    assert dv.type == "list" and dv.formula1 == '"男,女"'


def test_long_choice_lists_go_to_the_identity_sheet(shipped, campaign) -> None:
    t = shipped["zushi-liaison"]
    choices = tuple(f"选项{i}, 含逗号" for i in range(3))
    f = Field("gender", "性别", "choice", choices=choices)
    t = replace(t, fields=tuple(f if x.key == "gender" else x for x in t.fields))
    wb = blank(t, campaign, "东城社区")
    _, cells = identity(wb)
    dv = validations_by_cell(wb.active)[cells["gender"]]
    assert dv.formula1.startswith("'_模板'!$H$1")
    assert [wb[IDENTITY_SHEET].cell(row=i, column=8).value for i in (1, 2, 3)] == list(choices)


def test_repeating_form_has_rows_to_fill(shipped, campaign) -> None:
    t = shipped["zushi-works-report"]
    wb = blank(t, campaign, "东城社区")
    ws = wb.active
    _, cells = identity(wb)
    assert ws[cells["unit"]].value == "东城社区"
    ref = cells["title"]
    first, last = ref.split(":")
    assert int(last[1:]) - int(first[1:]) + 1 == REPEAT_ROWS
    header_row = int(first[1:]) - 1
    headers = [c.value for c in ws[header_row]]
    assert headers[:1] == ["序号"] and [f.label for f in t.fields] == headers[1:5]
    assert all(is_input(ws[f"{first[0]}{r}"]) for r in range(int(first[1:]), int(last[1:]) + 1))
    dvs = validations_by_cell(ws)
    assert dvs[cells["item"]].type == "list"
    assert {"contact", "phone", "date"} <= set(cells)


def test_quota_template_is_refused(shipped, campaign) -> None:
    with pytest.raises(ValueError, match="不需要"):
        write_blank_workbook(shipped["zushi-works-quota"], campaign, "东城社区", io.BytesIO())


def test_file_names_and_one_workbook_per_unit(shipped, campaign, tmp_path) -> None:
    t = shipped["activity-statistics"]
    assert (
        blank_workbook_file_name(t, campaign, "东村") == "东村_2023安全生产月_活动情况统计表.xlsx"
    )
    assert blank_workbook_file_name(t, None, 'A/"B"') == "AB_活动情况统计表.xlsx"
    paths = write_blank_workbooks(t, campaign, ["东村", "西村", "东/村"], tmp_path / "out")
    assert [p.name for p in paths] == [
        "东村_2023安全生产月_活动情况统计表.xlsx",
        "西村_2023安全生产月_活动情况统计表.xlsx",
        "东村_2023安全生产月_活动情况统计表_2.xlsx",
    ]
    assert openpyxl.load_workbook(paths[2]).active["B3"].value == "东/村"


@pytest.mark.parametrize("key", ["activity-statistics", "yincheng-liaison", "zushi-works-report"])
def test_each_units_copy_is_the_workbook_laid_out_for_it(shipped, campaign, tmp_path, key) -> None:
    """The copies made from the workbook saved once hold, part for part, what openpyxl writes
    for that unit alone (escaped marks, and names the copy cannot hold laid out anew)."""
    t = shipped[key]
    names = ['东村&<甲>"村', "=SUM(A1)", " 西村", "南村"]
    paths = write_blank_workbooks(t, campaign, names, tmp_path / "out", generated_on=TODAY)
    for name, path in zip(names, paths, strict=True):
        alone = io.BytesIO()
        write_blank_workbook(t, campaign, name, alone, generated_on=TODAY)
        if name in ('东村&<甲>"村', "南村"):  # copies; the others are laid out anew
            with zipfile.ZipFile(path) as ours, zipfile.ZipFile(alone) as ref:
                assert ours.namelist() == ref.namelist()
                for part in ref.namelist():
                    if part != "docProps/core.xml":  # holds the time of saving
                        assert ours.read(part) == ref.read(part), (name, part)
        wb = openpyxl.load_workbook(path)
        ref_wb = openpyxl.load_workbook(io.BytesIO(alone.getvalue()))
        for ws, ref_ws in zip(wb.worksheets, ref_wb.worksheets, strict=True):
            assert [[c.value for c in r] for r in ws.iter_rows()] == [
                [c.value for c in r] for r in ref_ws.iter_rows()
            ]
        assert wb.properties.title == f"{t.name}（{name}）"
        info, _ = identity(wb)
        assert name in info.values()


def test_formula_looking_unit_name_stays_text(shipped, campaign) -> None:
    wb = blank(shipped["yincheng-liaison"], campaign, "=SUM(A1)")
    _, cells = identity(wb)
    cell = wb.active[cells["unit"]]
    assert cell.value == "=SUM(A1)" and cell.data_type == "s"
