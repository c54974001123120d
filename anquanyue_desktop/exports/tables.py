"""A paper form's table described once, written both as PDF (pdf.py) and as xlsx (xlsx.py).

Header rows may merge cells the way upstream forms do: :data:`MERGE_LEFT` joins a cell to the
one on its left, :data:`MERGE_UP` to the one above::

    header_rows = (
        ("序号", "单位名称", "宣传活动", MERGE_LEFT),
        (MERGE_UP, MERGE_UP, "场次", "人次"),
    )
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, TypeAlias

Align = Literal["left", "center", "right"]


class _Merge:
    """A header cell covered by its neighbour's merged cell."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


MERGE_LEFT = _Merge("MERGE_LEFT")
MERGE_UP = _Merge("MERGE_UP")

HeaderCell: TypeAlias = str | _Merge
CellValue: TypeAlias = str | int | float | Decimal | date | None
# (first row, first column, last row, last column), 0-based, inclusive.
Span: TypeAlias = tuple[int, int, int, int]


@dataclass(frozen=True)
class Column:
    """One column: its (lowest) header text, its share of the PDF width, its alignment.

    ``xlsx_width`` fixes the Excel column width (in Excel's character units); None fits the
    content. ``number_format`` is the Excel format of numeric cells (e.g. ``"0.00"``).
    """

    header: str
    weight: float = 1.0
    align: Align = "left"
    xlsx_width: float | None = None
    number_format: str | None = None

    def __post_init__(self) -> None:
        if self.weight <= 0:
            raise ValueError(f"列“{self.header}”的宽度比例必须大于0")


@dataclass(frozen=True)
class TableSpec:
    """Columns, optional multi-row headers with merges, and the data rows.

    Without ``header_rows`` the header is one row of the columns' headers. Sequences given
    are stored as tuples; row lengths and merge markers are checked here, once.
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[CellValue]]
    header_rows: Sequence[Sequence[HeaderCell]] = ()
    spans: tuple[Span, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cols = tuple(self.columns)
        if not cols:
            raise ValueError("表格至少要有一列")
        headers = tuple(tuple(r) for r in self.header_rows) or (tuple(c.header for c in cols),)
        body = tuple(tuple(r) for r in self.rows)
        for i, row in enumerate(headers, start=1):
            if len(row) != len(cols):
                raise ValueError(f"表头第{i}行有{len(row)}格，应为{len(cols)}格")
        for i, row in enumerate(body, start=1):
            if len(row) != len(cols):
                raise ValueError(f"表格第{i}行有{len(row)}格，应为{len(cols)}格")
        object.__setattr__(self, "columns", cols)
        object.__setattr__(self, "rows", body)
        object.__setattr__(self, "header_rows", headers)
        object.__setattr__(self, "spans", header_spans(headers))


def header_spans(header_rows: Sequence[Sequence[HeaderCell]]) -> tuple[Span, ...]:
    """The merged areas of ``header_rows`` (only those bigger than one cell).

    Raises ValueError when a merge marker has nothing to merge with or areas are not rectangles.
    """
    n_rows = len(header_rows)
    n_cols = len(header_rows[0]) if n_rows else 0
    covered = [[False] * n_cols for _ in range(n_rows)]
    spans: list[Span] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if isinstance(header_rows[r][c], _Merge) or covered[r][c]:
                continue
            c1 = c
            while c1 + 1 < n_cols and header_rows[r][c1 + 1] is MERGE_LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < n_rows and all(
                header_rows[r1 + 1][k] is MERGE_UP for k in range(c, c1 + 1)
            ):
                r1 += 1
            for rr in range(r, r1 + 1):
                for cc in range(c, c1 + 1):
                    covered[rr][cc] = True
            if (r1, c1) != (r, c):
                spans.append((r, c, r1, c1))
    for r in range(n_rows):
        for c in range(n_cols):
            if not covered[r][c]:
                raise ValueError(f"表头第{r + 1}行第{c + 1}格的合并标记无法与相邻格合并")
    return tuple(spans)


def cell_text(value: CellValue) -> str:
    """How a value reads on paper: dates as 2022年6月1日, numbers without float noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


@dataclass(frozen=True)
class SignatureField:
    """A label and what is pre-filled after it; ``weight`` is its share of the row's width.
    An empty value leaves a ruled blank for handwriting."""

    label: str
    value: str = ""
    weight: float = 1.0


def standard_signature(unit: str = "", date_text: str = "") -> list[list[SignatureField]]:
    """填报单位（盖章）/日期 on one row, 填报人/审核人 below, columns aligned."""
    return [
        [SignatureField("填报单位（盖章）", unit, 3), SignatureField("日期", date_text, 2)],
        [SignatureField("填报人", "", 3), SignatureField("审核人", "", 2)],
    ]
