"""Filled workbooks back in: the blank forms of :mod:`anquanyue_desktop.exports.form_workbook`
as the units return them, several files at once.

:func:`read_filled_workbooks` reads every file and returns, per file, either the parsed form
(the unit and its values by field key, converted and checked with
:func:`~anquanyue_desktop.domain.forms.check_text`) or every problem found in it, each naming
its sheet and cell (``活动情况统计表!D7：手机号码：应为11位数字……``). A workbook with any
problem yields nothing, so the caller saves the good ones in one go and lists the rest.

Files are told apart before openpyxl sees them, each with its own message: an empty file, an
old .xls/.et or a Word file (renamed or not), a password-protected xlsx (Office encrypts it
into an OLE container starting with ``D0 CF 11 E0``), a zip that is no workbook, a damaged
file, a workbook this program did not make, one made for another form or another version of
this form, one whose unit is not in the roster (the closest name is suggested), and two files
for the same unit and form. No store code here: the result holds domain values.
"""

from __future__ import annotations

import difflib
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.form_entries import FormEntry
from ..domain.forms import UNIT_KEY, Field, FormTemplate, Value, check_text, field_map
from ..domain.units import clean_name, name_key
from ..domain.workbook_identity import (
    IDENTITY_LABELS,
    IDENTITY_SHEET,
    MAP_HEADER,
    PROGRAM_NAME,
    WORKBOOK_FORMAT,
)

__all__ = [
    "FilledWorkbook",
    "ImportProblem",
    "ImportResult",
    "WorkbookIdentity",
    "WorkbookResult",
    "read_filled_workbook",
    "read_filled_workbooks",
]

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_MAX_BYTES = 50 * 1024 * 1024
_REBUILD = "请用本程序重新导出空白表发给对方填写"


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with a file; ``sheet``/``cell`` say where, when it is a cell."""

    message: str
    sheet: str = ""
    cell: str = ""
    code: str = ""

    @property
    def where(self) -> str:
        """活动情况统计表!D7, or the sheet alone, or empty for the file as a whole."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass(frozen=True)
class WorkbookIdentity:
    """What the hidden identity sheet says about the workbook."""

    key: str
    version: int
    name: str
    unit: str
    year: int | None
    sheet: str
    format: int
    cells: Mapping[str, str]  # field key → "D7" or "C8:C27"


@dataclass(frozen=True)
class FilledWorkbook:
    """One unit's form as read from its workbook, ready to become a :class:`FormEntry`.

    ``unit_name`` is the roster's spelling of the unit; ``values`` hold every header, body and
    footer field (the ``unit`` field set to ``unit_name``); ``rows`` the records of a repeating
    form, empty rows left out.
    """

    path: Path
    template: FormTemplate
    unit_name: str
    values: Mapping[str, Value]
    rows: tuple[Mapping[str, Value], ...] = ()
    campaign_year: int | None = None

    def to_entry(self, campaign_id: int, unit_id: int | None) -> FormEntry:
        t = self.template
        return FormEntry(
            campaign_id, t.key, t.version, unit_id, dict(self.values), tuple(self.rows)
        )


@dataclass(frozen=True)
class WorkbookResult:
    """One file: its form, or (never both) the problems that keep it out."""

    path: Path
    filled: FilledWorkbook | None = None
    problems: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.filled is not None and not self.problems

    def lines(self) -> list[str]:
        """“东村.xlsx：……” per problem, or one line saying what was read."""
        if self.ok:
            assert self.filled is not None
            return [f"{self.path.name}：{self.filled.unit_name}，可以导入"]
        # A message about the file as a whole names it already.
        return [
            str(p) if f"“{self.path.name}”" in p.message else f"{self.path.name}：{p}"
            for p in self.problems
        ]


@dataclass(frozen=True)
class ImportResult:
    """Every file given, in order."""

    files: tuple[WorkbookResult, ...] = ()

    @property
    def filled(self) -> list[FilledWorkbook]:
        return [f.filled for f in self.files if f.ok and f.filled is not None]

    @property
    def failed(self) -> list[WorkbookResult]:
        return [f for f in self.files if not f.ok]

    @property
    def problem_count(self) -> int:
        return sum(len(f.problems) for f in self.files)

    def by_template(self) -> dict[tuple[str, int], list[FilledWorkbook]]:
        out: dict[tuple[str, int], list[FilledWorkbook]] = {}
        for f in self.filled:
            out.setdefault(f.template.ident, []).append(f)
        return out

    def entries(
        self, template: FormTemplate, campaign_id: int, unit_ids: Mapping[str, int]
    ) -> list[FormEntry]:
        """The good files of ``template`` as entries, for ``store.form_entries.save(template,
        entries)`` in one transaction. ``unit_ids`` maps the roster's unit names to ids."""
        keys = {name_key(n): i for n, i in unit_ids.items()}
        return [
            f.to_entry(campaign_id, keys[name_key(f.unit_name)])
            for f in self.filled
            if f.template.ident == template.ident and name_key(f.unit_name) in keys
        ]

    def summary(self) -> str:
        """导入3个文件：2个可以导入，1个有问题（共4处）."""
        n, good = len(self.files), len(self.filled)
        text = f"共{n}个文件：{good}个可以导入"
        if n - good:
            text += f"，{n - good}个有问题（共{self.problem_count}处）"
        return text

    def lines(self) -> list[str]:
        return [line for f in self.files for line in f.lines()]


class _Refused(Exception):
    """The file cannot be read at all: one problem says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.problem = ImportProblem(message, code=code)


# ---------------------------------------------------------------- file kind


def _ole_kind(data: bytes) -> str:
    """What an OLE/CFB container holds, from its directory entry names (UTF-16LE)."""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "encrypted"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("PowerPoint Document"):
        return "ppt"
    return "unknown"


def _check_bytes(path: Path) -> None:
    """Refuse what is not an xlsx before openpyxl tries; each kind with its own message."""
    name = path.name
    if not path.exists():
        raise _Refused(f"找不到文件“{path}”", "missing")
    if path.is_dir():
        raise _Refused(f"“{name}”是文件夹，不是工作簿", "not_file")
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
            data = head + stream.read(min(size, 4 * 1024 * 1024)) if head == _OLE_MAGIC else b""
    except OSError as e:
        raise _Refused(
            f"无法读取“{name}”（{e.strerror or e}），文件可能正被其他程序打开", "unreadable"
        ) from None
    if size == 0:
        raise _Refused(
            f"“{name}”是空文件（0字节），可能没有保存完整或传输时出错，请让对方重新发送",
            "empty",
        )
    if size > _MAX_BYTES:
        raise _Refused(f"“{name}”太大（{size // 1024 // 1024} MB），不是本程序导出的填报表", "big")
    if head == _OLE_MAGIC:
        kind = _ole_kind(data)
        if kind == "encrypted":
            raise _Refused(
                f"“{name}”设置了打开密码（已加密），无法读取。请对方在 Excel/WPS 中打开它，"
                "取消“用密码进行加密”（文件→信息→保护工作簿，或 WPS 的文件→文档加密），"
                "保存后重新发送",
                "encrypted",
            )
        if kind == "doc":
            raise _Refused(f"“{name}”实际是 Word 文档（.doc），不是 Excel 工作簿", "doc")
        if kind == "ppt":
            raise _Refused(f"“{name}”实际是 PowerPoint 演示文稿，不是 Excel 工作簿", "ppt")
        if kind == "xls":
            raise _Refused(
                f"“{name}”是旧版 Excel/WPS 格式（.xls/.et），不是本程序导出的 .xlsx 填报表。"
                "请对方用原来的 .xlsx 文件填写；已经填好的，请在 Excel/WPS 中“另存为”"
                " Excel 工作簿（.xlsx）后再导入",
                "old_format",
            )
        raise _Refused(
            f"“{name}”不是普通的 .xlsx 工作簿：它可能设置了打开密码，或是改了扩展名的旧版"
            " .xls/.et 文件。请对方取消密码，或在 Excel/WPS 中另存为 .xlsx 后重新发送",
            "ole",
        )
    if head.startswith(_EMPTY_ZIP):
        raise _Refused(f"“{name}”是空的压缩文件，不是 Excel 工作簿", "not_xlsx")
    if not head.startswith(_ZIP_MAGIC):
        raise _Refused(
            f"“{name}”不是 Excel 工作簿（.xlsx），无法导入" + _text_kind(head), "not_xlsx"
        )
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise _Refused(
            f"“{name}”已损坏（文件不完整），无法打开，请让对方重新发送", "corrupt"
        ) from None
    if bad is not None:
        raise _Refused(f"“{name}”已损坏（{bad} 读不出），无法打开，请让对方重新发送", "corrupt")
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise _Refused(f"“{name}”实际是 Word 文档（.docx），不是 Excel 工作簿", "docx")
        if "content.xml" in names:
            raise _Refused(f"“{name}”是 OpenDocument 表格（.ods），请另存为 .xlsx 后再导入", "ods")
        raise _Refused(f"“{name}”是压缩文件，不是 Excel 工作簿（.xlsx）", "not_xlsx")


def _text_kind(head: bytes) -> str:
    low = head.lower()
    if low.startswith((b"<html", b"<!doc", b"<?xml", b"<table")):
        return "（它是网页或 XML 文本，可能是从网站导出的“假 xls”，请在 Excel/WPS 中另存为 .xlsx）"
    if head.startswith(b"%PDF"):
        return "（它是 PDF 文件）"
    return ""


def _open(path: Path, *, data_only: bool = True) -> Workbook:
    if data_only:
        _check_bytes(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # “extension is not supported” and the like
            return load_workbook(path, data_only=data_only)
    except Exception:  # openpyxl raises anything from KeyError to TypeError on broken parts
        raise _Refused(
            f"“{path.name}”已损坏或格式不对，无法打开，请让对方重新发送", "corrupt"
        ) from None


# ---------------------------------------------------------------- identity


def _read_identity(wb: Workbook, name: str) -> WorkbookIdentity:
    if IDENTITY_SHEET not in wb.sheetnames:
        raise _Refused(
            f"“{name}”不是本程序导出的填报表（没有识别信息），无法按位置读出填写的内容。"
            f"{_REBUILD}；若对方把内容复制到了别的工作簿，请让其在原表中填写",
            "not_ours",
        )
    ws = wb[IDENTITY_SHEET]
    by_label = {label: key for key, label in IDENTITY_LABELS.items()}
    info: dict[str, Any] = {}
    cells: dict[str, str] = {}
    in_map = False
    for row in ws.iter_rows(min_row=2, max_col=4, values_only=True):
        a = row[0]
        if a is None:
            continue
        if in_map:
            if row[1]:
                cells[str(a).strip()] = str(row[1]).strip().upper()
        elif a == MAP_HEADER[0]:
            in_map = True
        elif a in by_label:
            info[by_label[a]] = row[1]
    damaged = _Refused(f"“{name}”的识别信息已损坏，无法导入。{_REBUILD}", "identity_damaged")
    if info.get("program") != PROGRAM_NAME:
        raise damaged
    try:
        fmt = int(info.get("format") or 0)
        version = int(info.get("version") or 0)
        year = int(info["year"]) if info.get("year") not in (None, "") else None
    except (TypeError, ValueError):
        raise damaged from None
    if fmt > WORKBOOK_FORMAT:
        raise _Refused(f"“{name}”由更新版本的本程序导出，请先升级本程序再导入", "format_newer")
    key = str(info.get("key") or "").strip()
    if not key or version < 1 or not cells:
        raise damaged
    return WorkbookIdentity(
        key=key,
        version=version,
        name=str(info.get("name") or key),
        unit=clean_name(str(info.get("unit") or "")),
        year=year,
        sheet=str(info.get("sheet") or ""),
        format=fmt,
        cells=cells,
    )


def _template_for(
    ident: WorkbookIdentity, templates: Mapping[tuple[str, int], FormTemplate], name: str
) -> FormTemplate:
    found = templates.get((ident.key, ident.version))
    if found is not None:
        return found
    same_key = sorted(
        (t for t in templates.values() if t.key == ident.key), key=lambda t: t.version
    )
    if same_key:
        current = same_key[-1]
        if ident.version < current.version:
            raise _Refused(
                f"“{name}”是按《{current.name}》第{ident.version}版制作的，现在使用的是"
                f"第{current.version}版（表格已修改），无法按旧表导入。{_REBUILD}",
                "version_older",
            )
        raise _Refused(
            f"“{name}”是按《{current.name}》第{ident.version}版制作的，比本程序现在使用的"
            f"第{current.version}版还新（可能来自另一台电脑），无法导入",
            "version_newer",
        )
    wanted = "、".join(dict.fromkeys(f"《{t.name}》" for t in templates.values())) or "（无）"
    raise _Refused(
        f"“{name}”是《{ident.name}》，不是本次要导入的表（{wanted}）",
        "other_template",
    )


def _match_unit(text: str, unit_names: Sequence[str]) -> tuple[str | None, str | None]:
    """(the roster's name, None) when ``text`` names a unit; else (None, the closest name)."""
    keys = {name_key(n): n for n in unit_names}
    key = name_key(text)
    if key in keys:
        return keys[key], None
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.5)
    if close:
        return None, keys[close[0]]
    contains = [n for k, n in keys.items() if k and (k in key or key in k)]
    return None, (max(contains, key=len) if contains else None)


# ---------------------------------------------------------------- cells


def _cell_text(f: Field, value: Any) -> str:
    """A cell's value as the text check_text reads for ``f``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, int | float) and f.type == "date" and 1 <= value < 2958466:
        converted = from_excel(value)
        if isinstance(converted, datetime):
            return converted.date().isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


@dataclass
class _Reader:
    ws: Worksheet
    sheet: str
    formulas: Mapping[str, str] | None = None  # address → formula, for cells holding one
    problems: list[ImportProblem] = field(default_factory=list)

    def read(self, f: Field, address: str) -> Value:
        try:
            raw = self.ws[address].value
        except (ValueError, IndexError):
            self.problems.append(
                ImportProblem(f"{f.label}：单元格位置“{address}”无效", self.sheet, "", "map")
            )
            return None
        if raw is None and self.formulas is not None:
            formula = self.formulas.get(address.replace("$", "").upper())
            if formula is not None:  # saved by a program that does not calculate
                self.problems.append(
                    ImportProblem(
                        f"{f.label}：单元格里是公式“={formula}”，但没有计算结果。请直接填写数值，"
                        "或在 Excel/WPS 中打开、保存后再导入",
                        self.sheet,
                        address,
                        "formula",
                    )
                )
                return None
        value, problems = check_text(f, _cell_text(f, raw))
        for p in problems:
            self.problems.append(ImportProblem(p.message, self.sheet, address, p.code))
        return value


def _form_sheet(wb: Workbook, ident: WorkbookIdentity, name: str) -> Worksheet:
    if ident.sheet in wb.sheetnames:
        return wb[ident.sheet]
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if len(visible) == 1:  # renamed by the unit: still the one sheet to read
        return visible[0]
    raise _Refused(
        f"“{name}”里找不到工作表“{ident.sheet}”（可能被改名或删除），无法导入。{_REBUILD}",
        "sheet_missing",
    )


def _read_form(
    path: Path,
    wb: Workbook,
    ident: WorkbookIdentity,
    template: FormTemplate,
    unit_names: Sequence[str],
) -> WorkbookResult:
    ws = _form_sheet(wb, ident, path.name)
    sheet = ws.title
    reader = _Reader(ws, sheet, _formulas(path, sheet))
    return _read_cells(path, reader, ident, template, unit_names)


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _formulas(path: Path, sheet: str) -> dict[str, str]:
    """The formulas of one sheet by address, read from its XML part.

    The workbook is loaded once, with cached results (``data_only``); a formula without a
    result (saved by a program that does not calculate) shows only here. Reading the one
    sheet part costs little next to loading the whole workbook a second time."""
    try:
        with zipfile.ZipFile(path) as z:
            book = ElementTree.fromstring(z.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            rid = next(
                (
                    e.get(f"{_REL_NS}id")
                    for e in book.iter(f"{_MAIN_NS}sheet")
                    if e.get("name") == sheet
                ),
                None,
            )
            target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
            if not target:
                return {}
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            found: dict[str, str] = {}
            with z.open(part) as stream:
                for _, el in ElementTree.iterparse(stream):
                    if el.tag == f"{_MAIN_NS}c":
                        f = el.find(f"{_MAIN_NS}f")
                        if f is not None:
                            found[el.get("r", "")] = f.text or ""
                        el.clear()
            return found
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return {}  # the workbook itself opened: a part we cannot read holds no formula


def _read_cells(
    path: Path,
    reader: _Reader,
    ident: WorkbookIdentity,
    template: FormTemplate,
    unit_names: Sequence[str],
) -> WorkbookResult:
    ws, sheet = reader.ws, reader.sheet
    fields = field_map(template)
    repeated = template.kind == "record" and template.repeating
    row_keys = {f.key for f in template.fields} if repeated else set()
    missing = [k for k in fields if k not in ident.cells and k != UNIT_KEY]
    if missing:
        labels = "、".join(f"“{fields[k].label}”" for k in missing)
        raise _Refused(f"“{path.name}”的识别信息缺少{labels}的位置。{_REBUILD}", "map_incomplete")

    values: dict[str, Value] = {}
    for key, f in fields.items():
        if key == UNIT_KEY or key in row_keys:
            continue
        values[key] = reader.read(f, ident.cells[key])

    rows: list[dict[str, Value]] = []
    if repeated:
        rows = _read_rows(reader, template, ident)

    # The unit: what the sheet shows (it may have been corrected), else the identity's.
    unit_cell = ident.cells.get(UNIT_KEY, "") if UNIT_KEY in fields else ""
    shown = clean_name(_cell_text(fields[UNIT_KEY], ws[unit_cell].value)) if unit_cell else ""
    typed = shown or ident.unit
    unit_name: str | None = None
    if not typed:
        reader.problems.append(ImportProblem("没有填写单位名称", sheet, unit_cell, "unit_empty"))
    else:
        unit_name, suggestion = _match_unit(typed, unit_names)
        if unit_name is None:
            hint = f"，是不是“{suggestion}”？" if suggestion else "，请先在“下级单位”中添加该单位"
            reader.problems.append(
                ImportProblem(
                    f"单位“{typed}”不在本镇的单位名册中{hint}",
                    sheet if unit_cell else "",
                    unit_cell,
                    "unit_unknown",
                )
            )
    if UNIT_KEY in fields and unit_name:
        values[UNIT_KEY] = unit_name

    filled = [k for k, v in values.items() if k != UNIT_KEY and v not in (None, "")]
    if not filled and not rows and not reader.problems:
        reader.problems.append(
            ImportProblem("表中除单位名称外没有填写任何内容，不导入", sheet, "", "nothing_filled")
        )
    if reader.problems or unit_name is None:
        return WorkbookResult(path, None, tuple(reader.problems))
    return WorkbookResult(
        path, FilledWorkbook(path, template, unit_name, values, tuple(rows), ident.year)
    )


def _read_rows(
    reader: _Reader, template: FormTemplate, ident: WorkbookIdentity
) -> list[dict[str, Value]]:
    """The records of a repeating form, empty rows skipped; problems name each cell."""
    columns: list[tuple[Field, str, int, int]] = []
    for f in template.fields:
        ref = ident.cells[f.key]
        try:
            _, r0, _, r1 = range_boundaries(ref)
        except (ValueError, TypeError):
            r0 = r1 = None
        if r0 is None or r1 is None:
            reader.problems.append(
                ImportProblem(f"{f.label}：位置“{ref}”无效", reader.sheet, code="map")
            )
            return []
        columns.append((f, ref.split(":")[0].rstrip("0123456789$").lstrip("$"), r0, r1))
    if not columns:
        return []
    first = min(c[2] for c in columns)
    last = max(c[3] for c in columns)
    rows: list[dict[str, Value]] = []
    for r in range(first, last + 1):
        raw = [reader.ws[f"{letter}{r}"].value for _, letter, _, _ in columns]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
            continue
        rows.append({f.key: reader.read(f, f"{letter}{r}") for f, letter, _, _ in columns})
    return rows


# ---------------------------------------------------------------- entry points


def read_filled_workbook(
    path: str | Path,
    templates_by_ident: Mapping[tuple[str, int], FormTemplate],
    unit_names: Sequence[str],
    *,
    campaign_year: int | None = None,
) -> WorkbookResult:
    """One file: the form it holds, or every problem found in it (never raises for a bad file).

    ``templates_by_ident`` are the forms being collected now, by ``(key, version)``: a workbook
    of another key is “another form”, of the same key and another version “another version”.
    With ``campaign_year``, a workbook exported for another year's campaign is refused.
    """
    path = Path(path)
    try:
        wb = _open(path)
        try:
            ident = _read_identity(wb, path.name)
            template = _template_for(ident, templates_by_ident, path.name)
            if campaign_year is not None and ident.year is not None and ident.year != campaign_year:
                raise _Refused(
                    f"“{path.name}”是为{ident.year}年“安全生产月”导出的表，不是{campaign_year}年的，"
                    "不能导入本年度",
                    "other_year",
                )
            return _read_form(path, wb, ident, template, unit_names)
        finally:
            wb.close()
    except _Refused as refused:
        return WorkbookResult(path, None, (refused.problem,))


def read_filled_workbooks(
    paths: Iterable[str | Path],
    templates_by_ident: Mapping[tuple[str, int], FormTemplate],
    unit_names: Sequence[str],
    *,
    campaign_year: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> ImportResult:
    """Every file of ``paths`` (see :func:`read_filled_workbook`), in order.

    Two good files for the same unit and form both get a problem naming each other: which one
    is right is for the clerk to decide, by importing it alone. ``progress(done, total)`` is
    told after each file.
    """
    paths = list(paths)
    results = []
    for i, p in enumerate(paths, start=1):
        results.append(
            read_filled_workbook(p, templates_by_ident, unit_names, campaign_year=campaign_year)
        )
        if progress is not None:
            progress(i, len(paths))
    seen: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(results):
        if r.ok and r.filled is not None:
            seen.setdefault((r.filled.template.key, name_key(r.filled.unit_name)), []).append(i)
    for indexes in seen.values():
        if len(indexes) < 2:
            continue
        for i in indexes:
            r = results[i]
            assert r.filled is not None
            others = "、".join(f"“{results[j].path.name}”" for j in indexes if j != i)
            results[i] = WorkbookResult(
                r.path,
                None,
                (
                    ImportProblem(
                        f"“{r.path.name}”与{others}都是“{r.filled.unit_name}”的《{r.filled.template.name}》，"
                        "不知以哪个为准；请只选其中一个重新导入",
                        code="duplicate_unit",
                    ),
                ),
            )
    return ImportResult(tuple(results))
