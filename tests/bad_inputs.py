"""A corpus of bad input files, built on demand into a folder: what clerks really receive
(truncated downloads, renamed files, passwords, old formats, other programs' files) and what a
tester throws (zip bombs, a multi-GB video, odd names and characters).

Nothing here writes more than a few MB: the "huge" files are sparse (their size is a hole
that takes no disk) or zips whose directory declares what they would unpack to.
"""

from __future__ import annotations

import io
import os
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
GB = 1024 * MB


@dataclass(frozen=True)
class Case:
    path: Path
    what: str  # why it is bad, for the failure message


# -- building blocks -------------------------------------------------------------------------


def sparse_file(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of ``size`` bytes that takes no disk beyond ``head`` (a hole after it)."""
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def expanding_docx(path: Path, unpacked: int) -> Path:
    """A .docx whose document.xml unpacks to ``unpacked`` bytes (a zip bomb), written in
    1 MB pieces so building it takes little memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
            piece = b"<w:p><w:r><w:t>\xe9\x80\x9a\xe7\x9f\xa5</w:t></w:r></w:p>" * (MB // 40)
            written = 0
            while written < unpacked:
                f.write(piece)
                written += len(piece)
            f.write(b"</w:body></w:document>")
    return path


def ole_file(path: Path, streams: list[str]) -> Path:
    """An OLE compound file header with the given stream names in its directory (what tells
    .doc, .xls and encrypted Office files apart)."""
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    for name in ["Root Entry", *streams]:
        entry = name.encode("utf-16-le").ljust(64, b"\x00")
        data += entry + struct.pack("<H", len(name) * 2 + 2) + b"\x00" * 62
    data += b"\x00" * (4096 - len(data) % 4096)
    path.write_bytes(bytes(data))
    return path


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width``×``height`` pixels and holds almost nothing."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def text_pdf(path: Path, text: str = "关于开展2024年安全生产月活动的通知") -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    for i in range(8):
        c.drawString(72, 760 - 24 * i, f"{text}（第{i + 1}行）各村、社区请于6月3日前报送。")
    c.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = text_pdf(path.with_name("_plain_" + path.name))
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with open(path, "wb") as f:
        writer.write(f)
    plain.unlink()
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF holding only a picture of text (no text layer)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    im = Image.new("L", (400, 300), 255)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(im), 72, 400, 400, 300)
    c.save()
    return path


def docx(path: Path, text: str = "关于开展安全生产月活动的通知") -> Path:
    import docx as python_docx

    d = python_docx.Document()
    d.add_paragraph(text)
    d.save(str(path))
    return path


def xlsx_roster(path: Path, names: list[str]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称"])
    for n in names:
        ws.append([n])
    wb.save(path)
    return path


def blank_form(path: Path, key: str = "activity-statistics", version: int | None = None) -> Path:
    from dataclasses import replace

    from anquanyue_desktop.exports.form_workbook import write_blank_workbook
    from anquanyue_desktop.imports.form_files import load_shipped

    template = next(t for t in load_shipped() if t.key == key)
    if version is not None:
        template = replace(template, version=version)
    write_blank_workbook(template, None, "荫城村", path)
    return path


def filled_form(path: Path, value: object, *, only_numbers: bool = True) -> Path:
    """The statistics form for 荫城村 with ``value`` in every number cell."""
    from openpyxl import load_workbook

    from anquanyue_desktop.exports.form_workbook import IDENTITY_SHEET, MAP_HEADER

    blank_form(path)
    wb = load_workbook(path)
    ident = wb[IDENTITY_SHEET]
    in_map = False
    cells = []
    for row in ident.iter_rows(min_row=1, max_col=4, values_only=True):
        if row[0] == MAP_HEADER[0]:
            in_map = True
            continue
        if (
            in_map
            and row[1]
            and (not only_numbers or str(row[3] or "").startswith(("整数", "数", "int", "number")))
        ):
            cells.append(str(row[1]))
    form = next(ws for ws in wb.worksheets if ws.title != IDENTITY_SHEET)
    for address in cells[:20] or ["B5"]:
        try:
            form[address] = value
        except (AttributeError, ValueError):  # a merged cell
            continue
    wb.save(path)
    return path


def truncated(source: Path, target: Path, fraction: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: max(1, int(len(data) * fraction))])
    return target


def sqlite_file(path: Path, app_id: int = 0, tables: bool = True) -> Path:
    conn = sqlite3.connect(path)
    if tables:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute(f"PRAGMA application_id = {int(app_id)}")
    conn.commit()
    conn.close()
    return path


def damage_table(path: Path, table: str) -> Path:
    """Scribbles over the root page of ``table`` in a closed database: the file's first page
    (whose file, which version) stays intact, so the file opens, and SQLite's quick check
    fails; reading ``table`` fails with “database disk image is malformed”."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()
    conn.close()
    assert root > 1, table
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x07" * page_size)  # no page type SQLite knows
    return path


def add_filler_table(path: Path, rows: int = 200) -> Path:
    """A table the program never reads, several pages long: damaging it leaves every page the
    window shows readable, and only a check of the whole file finds the damage."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO filler (body) VALUES (?)", [("填充" * 200,)] * rows)
    conn.commit()
    conn.close()
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"/>'
)

NOTICE = "关于开展2024年“安全生产月”活动的通知\n各村、社区：请于6月3日前报送联络员回执。\n"
NOTICE_TRADITIONAL = (
    "關於開展2024年安全生產月活動的通知\n各村、社區：請於6月3日前報送聯絡員回執。\n"
)


# -- the corpus ------------------------------------------------------------------------------


def build_corpus(folder: Path) -> list[Case]:
    """Writes the corpus into ``folder`` (a few MB in all) and returns its cases."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, what: str, make: Callable[[Path], object]) -> None:
        path = folder / name
        make(path)
        cases.append(Case(path, what))

    def write(data: bytes) -> Callable[[Path], object]:
        return lambda p: p.write_bytes(data)

    base = folder / "_sources"
    base.mkdir(exist_ok=True)
    good_xlsx = blank_form(base / "表.xlsx")
    good_docx = docx(base / "通知.docx")
    good_pdf = text_pdf(base / "通知.pdf")
    roster = xlsx_roster(base / "名册.xlsx", ["荫城村", "东村"])

    # Truncated downloads: workbooks, documents, PDFs cut at several points.
    for frac in (0.05, 0.3, 0.5, 0.7, 0.95):
        add(
            f"截断{int(frac * 100)}.xlsx",
            "truncated workbook",
            lambda p, f=frac: truncated(good_xlsx, p, f),
        )
        add(
            f"截断{int(frac * 100)}.docx",
            "truncated document",
            lambda p, f=frac: truncated(good_docx, p, f),
        )
        add(
            f"截断{int(frac * 100)}.pdf",
            "truncated PDF",
            lambda p, f=frac: truncated(good_pdf, p, f),
        )
    add("名册截断.xlsx", "truncated roster", lambda p: truncated(roster, p, 0.5))
    # Empty and nearly empty.
    for name in ("空.xlsx", "空.docx", "空.pdf", "空.txt", "空.mp4", "空.db", "空.jpg"):
        add(name, "empty file", write(b""))
    add("空白.txt", "only whitespace", write(b" \r\n\t\r\n"))
    add("空压缩.xlsx", "empty zip", write(b"PK\x05\x06" + b"\x00" * 18))
    # Foreign files and renamed files.
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4)).save(png, "PNG")
    add("图片.xlsx", "PNG renamed .xlsx", write(png.getvalue()))
    add("图片.docx", "PNG renamed .docx", write(png.getvalue()))
    add("图片.txt", "PNG renamed .txt", write(png.getvalue()))
    add("图片.mp4", "PNG renamed .mp4", write(png.getvalue()))
    add("文档.xlsx", "docx renamed .xlsx", write(good_docx.read_bytes()))
    add("表格.docx", "xlsx renamed .docx", write(good_xlsx.read_bytes()))
    add("表格.pdf", "xlsx renamed .pdf", write(good_xlsx.read_bytes()))
    add("通知.xlsx", "PDF renamed .xlsx", write(good_pdf.read_bytes()))
    add("通知PDF.docx", "PDF renamed .docx", write(good_pdf.read_bytes()))
    add("通知PDF.jpg", "PDF renamed .jpg", write(good_pdf.read_bytes()))
    add("数据.xlsx", "SQLite renamed .xlsx", lambda p: sqlite_file(p))
    add("火狐.db", "another program's SQLite", lambda p: sqlite_file(p, app_id=0x4D4F5A))
    add("无表.db", "SQLite without tables", lambda p: sqlite_file(p, tables=False))
    add("表格.ods", "OpenDocument spreadsheet", lambda p: _ods(p))
    add("假表.xlsx", "ods renamed .xlsx", lambda p: _ods(p))
    add(
        "网页.xls",
        "HTML saved as .xls",
        write(b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
    )
    add(
        "网页.xlsx",
        "HTML renamed .xlsx",
        write("<html><table><tr><td>荫城村</td></tr></table></html>".encode()),
    )
    add("逗号.xlsx", "CSV renamed .xlsx", write("单位名称,人次\n荫城村,12\n".encode("gbk")))
    add("逗号.csv", "CSV with GBK", write("单位名称,人次\n荫城村,12\n".encode("gbk")))
    add("压缩包.xlsx", "a plain zip", lambda p: _zip(p, {"readme.txt": b"hello"}))
    add("压缩包.docx", "a plain zip as docx", lambda p: _zip(p, {"a/b.txt": b"x"}))
    add("随机.xlsx", "random bytes", write(os.urandom(4096)))
    add("随机.docx", "random bytes", write(os.urandom(4096)))
    add("随机.txt", "random bytes", write(os.urandom(4096)))
    add("随机.mp4", "random bytes", write(os.urandom(4096)))
    add("随机.jpg", "random bytes", write(b"\xff\xd8\xff\xe0" + os.urandom(4096)))
    add("随机.db", "random bytes", write(os.urandom(8192)))
    add("RTF通知.docx", "RTF renamed .docx", write(b"{\\rtf1\\ansi hello}"))
    add("可执行.xlsx", "a Windows program renamed", write(b"MZ\x90\x00" + os.urandom(2048)))
    # Old formats and passwords.
    add("旧表.xls", ".xls", lambda p: ole_file(p, ["Workbook"]))
    add("旧表改名.xlsx", ".xls renamed .xlsx", lambda p: ole_file(p, ["Workbook"]))
    add("旧文档.doc", ".doc", lambda p: ole_file(p, ["WordDocument"]))
    add("旧文档改名.docx", ".doc renamed .docx", lambda p: ole_file(p, ["WordDocument"]))
    add(
        "加密.xlsx",
        "password-protected xlsx",
        lambda p: ole_file(p, ["EncryptionInfo", "EncryptedPackage"]),
    )
    add(
        "加密.docx",
        "password-protected docx",
        lambda p: ole_file(p, ["EncryptionInfo", "EncryptedPackage"]),
    )
    add("演示.ppt", "old PowerPoint", lambda p: ole_file(p, ["PowerPoint Document"]))
    add("加密.pdf", "encrypted PDF", encrypted_pdf)
    add("扫描.pdf", "scanned PDF without text", scanned_pdf)
    # Zip bombs and oversized inputs (none takes real disk).
    add("炸弹.docx", "docx unpacking to 400 MB", lambda p: expanding_docx(p, 400 * MB))
    add("炸弹.xlsx", "xlsx unpacking to 200 MB", lambda p: _xlsx_bomb(p))
    add(
        "部件太多.xlsx",
        "xlsx of 3000 parts",
        lambda p: _zip(p, {f"xl/p{i}.xml": b"" for i in range(3000)}),
    )
    add(
        "巨大.mp4",
        "3 GB sparse video",
        lambda p: sparse_file(p, 3 * GB, b"\x00\x00\x00\x18ftypmp42"),
    )
    add("巨大.txt", "2 GB sparse text", lambda p: sparse_file(p, 2 * GB, NOTICE.encode()))
    add("巨大.docx", "2 GB sparse docx", lambda p: sparse_file(p, 2 * GB, b"PK\x03\x04"))
    add("巨大.xlsx", "2 GB sparse xlsx", lambda p: sparse_file(p, 2 * GB, b"PK\x03\x04"))
    add("巨大.pdf", "2 GB sparse pdf", lambda p: sparse_file(p, 2 * GB, b"%PDF-1.4\n"))
    add("巨大.db", "2 GB sparse db", lambda p: sparse_file(p, 2 * GB, b"SQLite format 3\x00"))
    add("巨大.jpg", "2 GB sparse jpg", lambda p: sparse_file(p, 2 * GB, b"\xff\xd8\xff\xe0"))
    add("大图.png", "a PNG declaring 900 megapixels", write(png_header(30000, 30000)))
    add("截断照片.jpg", "truncated photo", lambda p: p.write_bytes(_jpeg()[:200]))
    # Another template, another version, bad values in cells.
    add("别的表.xlsx", "another template's workbook", lambda p: blank_form(p, "yincheng-liaison"))
    add("新版本.xlsx", "another version of the template", lambda p: blank_form(p, version=7))
    add("名册.xlsx", "a roster, not a form", lambda p: xlsx_roster(p, ["荫城村"]))
    add("公式.xlsx", "formulas in number cells", lambda p: filled_form(p, "=1+1"))
    add("公式注入.xlsx", "a DDE formula", lambda p: filled_form(p, "=cmd|' /C calc'!A0"))
    add("巨数.xlsx", "huge numbers", lambda p: filled_form(p, 1e308))
    add("负数.xlsx", "negative numbers", lambda p: filled_form(p, -5))
    add("小数.xlsx", "fractions of a person", lambda p: filled_form(p, 2.5))
    add("文字.xlsx", "text in number cells", lambda p: filled_form(p, "很多"))
    add("表情.xlsx", "emoji in number cells", lambda p: filled_form(p, "🔥"))
    add(
        "超长.xlsx",
        "a 40,000-character cell",
        lambda p: filled_form(p, "长" * 32000, only_numbers=False),
    )
    # Notices and lists in every encoding, broken and odd.
    for enc in ("gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"):
        add(f"通知-{enc}.txt", f"notice in {enc}", write(NOTICE.encode(enc)))
    for enc in ("big5", "cp950"):
        add(f"通知-{enc}.txt", f"notice in {enc}", write(NOTICE_TRADITIONAL.encode(enc)))
    add(
        "半个UTF8.txt",
        "UTF-8 cut inside a character",
        write(NOTICE.encode()[:-1] + "通".encode()[:2]),
    )
    add(
        "坏UTF16.txt",
        "UTF-16 BOM with odd length",
        write(b"\xff\xfe" + NOTICE.encode("utf-16-le")[:-1]),
    )
    add("混合编码.txt", "GBK and UTF-8 mixed", write("荫城村\n".encode() + "东村\n".encode("gbk")))
    add("NUL开头.txt", "a line starting with NUL", write("\x00荫城村\n东村\n".encode()))
    add("全是NUL.txt", "only NUL bytes", write(b"\x00" * 1000))
    add("控制字符.txt", "control characters", write("荫\x01城\x1b村\n\x7f东村\n".encode()))
    add("表情.txt", "emoji names", write("🔥荫城村\n东村👍\n".encode()))
    add("超长行.txt", "one 1 MB line", write(("荫" * 350_000).encode()))
    add("日文.txt", "Shift-JIS text", write("安全生産月のお知らせ\n".encode("shift_jis")))
    add("网页.txt", "HTML saved as .txt", write(b"<!DOCTYPE html><html><body>x</body></html>"))
    add("双向.txt", "RTL override characters", write("荫城村\u202e\n东村\u200b\n".encode()))
    # Names Windows reserves, and path tricks.
    for name in ("CON.xlsx", "NUL.docx", "AUX.txt", "COM1.mp4", "PRN.pdf"):
        add(name, f"reserved name {name}", write(b"x" * 10))
    add("..名单.txt", "name starting with dots", write("荫城村\n".encode()))
    add(
        "zip穿越.xlsx",
        "zip entries with ../",
        lambda p: _zip(p, {"../../evil.txt": b"x", "xl/workbook.xml": b"<x/>"}),
    )
    add(
        "zip绝对.docx",
        "zip entries with absolute paths",
        lambda p: _zip(p, {"/etc/passwd": b"x", "C:/x.txt": b"y"}),
    )
    add("文件夹.xlsx", "a folder named like a workbook", lambda p: p.mkdir())
    return cases


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            z.writestr(info, data)
    return path


def _ods(path: Path) -> Path:
    return _zip(
        path,
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
        },
    )


def _xlsx_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            chunk = b"<si><t>A</t></si>" * (MB // 16)
            for _ in range(200):
                f.write(chunk)
    return path


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 0, 0)).save(out, "JPEG")
    return out.getvalue()


__all__ = ["Case", "build_corpus", "expanding_docx", "ole_file", "sparse_file"]
