import pytest
from openpyxl import Workbook

from anquanyue_desktop.imports.unit_names import WorkbookProblem, inspect_workbook, read_names


@pytest.fixture
def roster_xlsx(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(["荫城镇下级单位名册"])
    ws.append(["序号", "村（单位）名称", "负责人"])
    for i, name in enumerate(["荫城村", "东村", "北关社区", "东村", None, "镇财政所"], start=1):
        ws.append([i, name, "张三"])
    other = wb.create_sheet("其他")
    other.append(["备注"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    return path


def test_the_name_column_is_found_and_read(roster_xlsx):
    info = inspect_workbook(roster_xlsx)
    assert info.suggested.sheet == "名册"
    assert info.suggested.letter == "B"
    assert info.suggested.samples[:2] == ("荫城村", "东村")
    assert info.sheets() == ["名册", "其他"]
    names = read_names(roster_xlsx, "名册", info.suggested.index)
    assert names == ["荫城村", "东村", "北关社区", "镇财政所"]


def test_a_broken_file_gets_a_chinese_message(tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(WorkbookProblem, match=r"不是有效的 \.xlsx"):
        inspect_workbook(bad)


def test_an_old_xls_is_refused_with_advice(tmp_path):
    old = tmp_path / "旧表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(WorkbookProblem, match=r"另存为 \.xlsx"):
        inspect_workbook(old)


def test_missing_sheet(roster_xlsx):
    with pytest.raises(WorkbookProblem, match="没有名为“汇总”的工作表"):
        read_names(roster_xlsx, "汇总", 2)
