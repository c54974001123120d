"""Form-like sheets: read back with openpyxl; user text never becomes a formula."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from anquanyue_desktop.exports import xlsx
from anquanyue_desktop.exports.tables import (
    MERGE_LEFT,
    MERGE_UP,
    Column,
    SignatureField,
    TableSpec,
)

TRICKY = ["=SUM(A1)", "+86 138", "-1", "@cmd", "=1+1", "普通文字"]


def build(spec: TableSpec, **kwargs) -> tuple[bytes, xlsx.SheetLayout]:
    wb = xlsx.new_workbook(title="测试表", author="荫城镇人民政府")
    layout = xlsx.write_form_sheet(wb.active, spec, title="荫城镇测试表", **kwargs)
    out = io.BytesIO()
    xlsx.save_workbook(wb, out)
    return out.getvalue(), layout


def test_text_that_looks_like_a_formula_stays_text() -> None:
    spec = TableSpec([Column("名称"), Column("数量")], [(t, 1) for t in TRICKY])
    data, layout = build(spec)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    for k, text in enumerate(TRICKY):
        cell = ws.cell(row=layout.first_data_row + k, column=1)
        assert cell.value == text
        assert cell.data_type == "s"
        number = ws.cell(row=layout.first_data_row + k, column=2)
        assert number.value == 1 and number.data_type == "n"
    assert ws.cell(row=layout.first_data_row, column=1).quotePrefix
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_numbers_and_dates_stay_values() -> None:
    spec = TableSpec(
        [Column("日期"), Column("人次", number_format="#,##0"), Column("金额"), Column("空")],
        [(date(2022, 6, 16), 1200, 3.5, None)],
    )
    data, layout = build(spec)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    row = layout.first_data_row
    assert ws.cell(row, 1).value == datetime(2022, 6, 16)
    assert ws.cell(row, 1).number_format == 'yyyy"年"m"月"d"日"'
    assert ws.cell(row, 2).value == 1200 and ws.cell(row, 2).number_format == "#,##0"
    assert ws.cell(row, 3).value == 3.5
    assert ws.cell(row, 4).value is None
    assert ws.cell(row, 4).border.left.style == "thin"


def test_layout_title_headers_borders_and_print_setup() -> None:
    spec = TableSpec(
        [Column("序号", align="center"), Column("单位名称"), Column("场次"), Column("人次")],
        [(1, "荫城镇第一村村民委员会", 2, 30), (2, "控制字符\x07已去掉", 1, 5)],
        header_rows=[
            ("序号", "单位名称", "宣传活动", MERGE_LEFT),
            (MERGE_UP, MERGE_UP, "场次", "人次"),
        ],
    )
    data, layout = build(
        spec,
        subtitles=["第21个全国“安全生产月”", ("填报单位：荫城镇人民政府", "日期：2022年6月8日")],
        signature=[
            [SignatureField("填报单位（盖章）", "荫城镇人民政府", 3), SignatureField("日期")]
        ],
        landscape=True,
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    assert (layout.title_row, layout.first_header_row, layout.last_header_row) == (1, 4, 5)
    assert layout.first_data_row == 6 and layout.last_data_row == 7
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:D1", "A2:D2", "A3:B3", "C3:D3", "A4:A5", "B4:B5", "C4:D4"} <= merged
    title = ws["A1"]
    assert title.value == "荫城镇测试表"
    assert title.font.b and title.font.sz > 11 and title.alignment.horizontal == "center"
    assert [ws.cell(4, c).value for c in range(1, 5)] == ["序号", "单位名称", "宣传活动", None]
    assert [ws.cell(5, c).value for c in (3, 4)] == ["场次", "人次"]
    header = ws["C5"]
    assert header.font.b and header.fill.fgColor.rgb.endswith("D9D9D9")
    assert header.alignment.wrap_text and header.alignment.horizontal == "center"
    for row in ws.iter_rows(min_row=4, max_row=7, max_col=4):
        for cell in row:
            if isinstance(cell, MergedCell):  # inside a merge only the outer edges are ruled
                continue
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert all(side.style == "thin" for side in sides), cell.coordinate
    assert ws["A5"].border.bottom.style == "thin"  # the merged 序号 keeps its outline
    assert ws["B7"].value == "控制字符已去掉"
    # A CJK character counts two width units.
    assert ws.column_dimensions["B"].width >= 2 * len("荫城镇第一村村民委员会")
    # Print setup.
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$5"
    assert ws.print_options.horizontalCentered
    assert "&P" in ws.oddFooter.center.text
    assert ws.freeze_panes == "A6"
    signature_row = layout.last_row
    assert ws.cell(signature_row, 1).value == "填报单位（盖章）：荫城镇人民政府"
    assert ws.cell(signature_row, 4).value == "日期："  # weights 3:1 over four columns
    assert wb.properties.title == "测试表" and wb.properties.creator == "荫城镇人民政府"


@pytest.mark.parametrize(
    ("weights", "n_cols", "expected"),
    [
        ([3, 2], 5, [(1, 3), (4, 5)]),
        ([1, 1], 2, [(1, 1), (2, 2)]),
        ([5, 1], 3, [(1, 2), (3, 3)]),
        ([1, 1, 1], 7, [(1, 2), (3, 5), (6, 7)]),
    ],
)
def test_signature_fields_share_the_columns(weights, n_cols, expected) -> None:
    assert xlsx._field_columns(weights, n_cols) == expected


def test_sheet_titles_are_made_acceptable() -> None:
    assert xlsx.safe_sheet_title("第2周[活动]:情况/汇总?") == "第2周活动情况汇总"
    assert len(xlsx.safe_sheet_title("名" * 40)) == 31
    assert xlsx.safe_sheet_title("''") == "Sheet1"


def test_a_prefilled_signature_date_is_not_cut_by_narrow_last_columns() -> None:
    """A roster without notes ends in two narrow columns: the weighted split would print
    日期：2022年6月30日 cut at the print area's edge, so the fields share the columns where
    both fit, and 审核人 stays under 日期."""
    from anquanyue_desktop.domain.units import Unit
    from anquanyue_desktop.exports.roster import write_roster_xlsx
    from anquanyue_desktop.exports.tables import standard_signature

    units = [Unit(f"荫城镇第{i}村村民委员会", "村", i) for i in range(1, 30)]
    out = io.BytesIO()
    write_roster_xlsx(None, units, out, generated_on=date(2022, 6, 30))
    ws = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    widths = [ws.column_dimensions[chr(ord("A") + c)].width for c in range(5)]
    spans = {r.min_row: [] for r in ws.merged_cells.ranges}
    for r in ws.merged_cells.ranges:
        spans[r.min_row].append((r.min_col, r.max_col))
    date_cell = next(c for row in ws.iter_rows() for c in row if c.value == "日期：2022年6月30日")
    (c0, c1) = next(s for s in spans[date_cell.row] if s[0] == date_cell.column)
    assert xlsx.display_width(date_cell.value) + 1.5 <= sum(widths[c0 - 1 : c1])
    assert c1 == 5
    below = ws.cell(date_cell.row + 1, date_cell.column)
    assert below.value == "审核人："  # the second row lines up
    # With room at the weighted split, nothing moves.
    assert xlsx._signature_columns(
        standard_signature("镇", "2022年6月30日"), [6, 30, 8, 8, 30]
    ) == {2: [(1, 3), (4, 5)]}


def test_row_heights_are_written_as_openpyxls_own_records(monkeypatch) -> None:
    """Multi-line rows get their height from a record built without openpyxl's checks: the
    file is byte for byte what openpyxl's own RowDimension gives."""
    from openpyxl.worksheet.dimensions import RowDimension

    long_name = "荫城镇东西南北前后上下大小新老张王李赵刘陈杨黄周吴河山沟坡庄岭泉湾桥堡村民委员会"
    spec = TableSpec(
        [Column("序号", xlsx_width=6), Column("单位名称", xlsx_width=20), Column("人次")],
        [(i, long_name[: 6 + 3 * i], 10 * i) for i in range(12)],
    )

    def sheet_xml() -> bytes:
        data, _ = build(spec, signature=[[SignatureField("填报单位（盖章）", "荫城镇")]])
        return zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")

    fast = sheet_xml()
    assert b'customHeight="1"' in fast and fast.count(b"<row ") == fast.count(b"</row>")

    def checked(ws, index, height):
        dim = RowDimension(ws, index=index)
        dim.height = height
        return dim

    monkeypatch.setattr(xlsx, "_RowHeight", checked)
    assert sheet_xml() == fast
    ws = openpyxl.load_workbook(io.BytesIO(build(spec)[0])).active
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
    assert max(heights.values()) > xlsx.ONE_LINE_HEIGHT  # the long names wrap
