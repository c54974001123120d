"""Unit names from a column of an xlsx workbook (a roster the clerk already keeps in Excel)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..domain.units import clean_name, name_key, names_from_text
from .limits import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_BYTES,
    InputTooLarge,
    check_size,
    check_zip,
    read_bounded,
)

# Header cells that mean "this column holds unit names".
_NAME_HEADERS = ("单位名称", "村（单位）名称", "村(单位)名称", "名称", "单位", "村（社区）", "村名")
_SCAN_ROWS = 5000


class WorkbookProblem(ValueError):
    """A workbook that cannot be read, with a Chinese message naming the file."""


@dataclass(frozen=True)
class Column:
    sheet: str
    index: int  # 1-based
    header: str
    samples: tuple[str, ...]

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)

    @property
    def label(self) -> str:
        head = f"“{self.header}”" if self.header else "（无表头）"
        return f"{self.letter}列 {head}"


@dataclass(frozen=True)
class WorkbookColumns:
    """Every sheet's columns with a few sample values, and the column that looks like names."""

    path: Path
    columns: tuple[Column, ...]
    suggested: Column | None

    def sheets(self) -> list[str]:
        return list(dict.fromkeys(c.sheet for c in self.columns))


def _open(path: Path):
    if path.suffix.lower() == ".xls":
        raise WorkbookProblem(
            f"“{path.name}”是旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 后再导入。"
        )
    try:
        check_size(path.stat().st_size, MAX_DOCUMENT_BYTES, path.name, "单位名册")
        check_zip(path, path.name, "单位名册")
        return load_workbook(path, read_only=True, data_only=True)
    except InputTooLarge as exc:
        raise WorkbookProblem(exc.message) from None
    except FileNotFoundError:
        raise WorkbookProblem(f"找不到文件“{path}”。") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookProblem(
            f"“{path.name}”不是有效的 .xlsx 工作簿，或已损坏（{type(exc).__name__}）。"
        ) from exc


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_name(str(value))


def _header_row(rows: list[tuple]) -> int:
    """Index of the row holding headers: the first with a name-like header, else the first non-empty row."""
    for i, row in enumerate(rows[:10]):
        if any(_text(v) in _NAME_HEADERS for v in row):
            return i
    for i, row in enumerate(rows[:10]):
        if sum(1 for v in row if _text(v)) >= 1:
            return i
    return 0


def inspect_workbook(path: Path | str) -> WorkbookColumns:
    path = Path(path)
    wb = _open(path)
    columns: list[Column] = []
    suggested: Column | None = None
    try:
        for ws in wb.worksheets:
            rows = [tuple(r) for r in ws.iter_rows(max_row=40, values_only=True)]
            if not rows:
                continue
            h = _header_row(rows)
            width = max(len(r) for r in rows)
            for index in range(width):
                header = _text(rows[h][index]) if index < len(rows[h]) else ""
                samples = tuple(
                    t for r in rows[h + 1 :] if index < len(r) and (t := _text(r[index]))
                )[:4]
                if not header and not samples:
                    continue
                col = Column(ws.title, index + 1, header, samples)
                columns.append(col)
                if suggested is None and header in _NAME_HEADERS:
                    suggested = col
    finally:
        wb.close()
    if not columns:
        raise WorkbookProblem(f"“{path.name}”里没有任何数据。")
    if suggested is None:
        # Otherwise the column with the most non-numeric text.
        suggested = max(
            columns, key=lambda c: sum(1 for s in c.samples if not s.replace(".", "").isdigit())
        )
    return WorkbookColumns(path, tuple(columns), suggested)


def read_names(path: Path | str, sheet: str, column: int) -> list[str]:
    """The names in ``column`` (1-based) of ``sheet``, below its header; numbers and repeats skipped."""
    path = Path(path)
    wb = _open(path)
    try:
        if sheet not in wb.sheetnames:
            raise WorkbookProblem(f"“{path.name}”中没有名为“{sheet}”的工作表。")
        ws = wb[sheet]
        rows = [tuple(r) for r in ws.iter_rows(max_row=_SCAN_ROWS, values_only=True)]
    finally:
        wb.close()
    h = _header_row(rows) if rows else 0
    header = _text(rows[h][column - 1]) if rows and column - 1 < len(rows[h]) else ""
    start = h + 1 if header else h
    names: list[str] = []
    seen: set[str] = set()
    for row in rows[start:]:
        if column - 1 >= len(row):
            continue
        text = _text(row[column - 1])
        if not text or text.replace(".", "").isdigit() or text in _NAME_HEADERS:
            continue
        if name_key(text) not in seen:
            seen.add(name_key(text))
            names.append(text)
    return names


NAMES_HINT = "请用记事本打开后另存为 UTF-8 文本，或在程序中直接粘贴单位名称（每行一个）。"


def read_names_file(path: Path | str) -> list[str]:
    """Unit names from a text file (one per line) in any encoding the notice reader knows;
    refused with a Chinese message (WorkbookProblem) when too big, binary or unreadable."""
    from .notice_text import NoticeReadError, clean_text, decode_text_bytes

    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et"):
        raise WorkbookProblem(
            f"“{path.name}”是 Excel 工作簿，请在程序的“下级单位”页用“从 Excel 导入”选择名称列。"
        )
    try:
        data = read_bounded(path, MAX_TEXT_BYTES, "单位名单")
    except InputTooLarge as exc:
        raise WorkbookProblem(exc.message) from None
    except FileNotFoundError:
        raise WorkbookProblem(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise WorkbookProblem(f"“{path}”是文件夹，请选择单位名单文本文件。") from None
    except OSError as exc:
        raise WorkbookProblem(f"无法读取“{path.name}”（{exc.strerror or exc}）。") from None
    if not data.strip():
        return []
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF-")):
        raise WorkbookProblem(
            f"“{path.name}”不是文本文件（它是 Office、WPS 或 PDF 文档）。{NAMES_HINT}"
        )
    try:
        text = decode_text_bytes(data, path.name, hint=NAMES_HINT)
    except NoticeReadError as exc:
        raise WorkbookProblem(str(exc)) from None
    return names_from_text(clean_text(text))
