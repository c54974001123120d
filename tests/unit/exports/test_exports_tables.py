"""The format-neutral table description: merged headers, value text, output files."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest

from anquanyue_desktop.exports.output import open_output, safe_file_name_part
from anquanyue_desktop.exports.tables import (
    MERGE_LEFT,
    MERGE_UP,
    Column,
    TableSpec,
    cell_text,
    header_spans,
)


def test_header_merges_become_spans() -> None:
    rows = [
        ("序号", "单位名称", "宣传活动", MERGE_LEFT),
        (MERGE_UP, MERGE_UP, "场次", "人次"),
    ]
    assert header_spans(rows) == ((0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3))


def test_a_merge_marker_with_nothing_to_merge_is_refused() -> None:
    with pytest.raises(ValueError, match="合并标记"):
        header_spans([(MERGE_LEFT, "名称")])
    with pytest.raises(ValueError, match="合并标记"):
        header_spans([("甲", "乙"), ("丙", MERGE_UP), (MERGE_UP, "丁")][1:])


def test_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="表格第1行有1格，应为2格"):
        TableSpec([Column("甲"), Column("乙")], [("只有一格",)])
    spec = TableSpec([Column("甲"), Column("乙")], [["1", 2]])
    assert spec.header_rows == (("甲", "乙"),)
    assert spec.rows == (("1", 2),)


def test_values_read_as_on_paper() -> None:
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(date(2022, 6, 1)) == "2022年6月1日"
    assert cell_text(datetime(2022, 6, 8, 18, 0)) == "2022年6月8日 18:00"
    assert cell_text(True) == "是"


def test_a_path_is_replaced_only_when_the_writer_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "名册.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), open_output(target) as stream:
        stream.write(b"half")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    with open_output(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new"
    buffer = io.BytesIO()
    with open_output(buffer) as stream:
        stream.write(b"x")
    assert buffer.getvalue() == b"x"


def test_file_name_parts_are_safe_on_windows() -> None:
    assert safe_file_name_part('荫城镇<1>:"/\\|?*第2周. ') == "荫城镇1第2周"
    assert safe_file_name_part("CON") == "_CON"
