"""A notice as plain text, paragraphs in order: pasted text, a .txt file in any encoding
Chinese offices use, a .docx file (paragraphs and tables) or a PDF with a text layer.

The format is told by the file's content, not its name: a .doc renamed .docx or a .txt
that is really UTF-16 are still read right (or refused with the right message).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

# charset-normalizer (maintained, pure Python) guesses encodings; BOMs are checked first.
from charset_normalizer import from_bytes

from .limits import (
    MAX_DOCUMENT_BYTES,
    MAX_PDF_PAGES,
    MAX_TEXT_BYTES,
    InputTooLarge,
    check_size,
    check_zip,
    read_bounded,
)

MAX_BYTES = MAX_DOCUMENT_BYTES
# pdfplumber reads about 70 ms a page on this kind of machine, pypdf a third of that: a
# notice's pages are read in place, a longer document (a whole rulebook) as drawn.
READING_ORDER_PAGES = 20

# ``progress(done, total)``: pages of a PDF read so far (first (0, pages)), or (1, 1) once a
# .docx/.txt is read. Raising in it stops the read; the error reaches the caller as raised.
Progress = Callable[[int, int], None]

SAVE_AS_HINT = "请在 Word/WPS 中打开后“另存为” .docx 文件再导入，或直接复制通知全文粘贴进来。"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "iso2022_cn"}


class NoticeReadError(ValueError):
    """A notice that cannot be read as text, with a Chinese message saying what to do."""


class NeedsOcrError(NoticeReadError):
    """The file is a picture of the notice (a photo, a screenshot, a scanned PDF): its text
    has to be recognised (:mod:`.ocr`), it cannot simply be read."""


class _Stopped(BaseException):
    """The caller's progress callback raised. A BaseException, so that it passes the PDF
    readers' own ``except Exception`` (which would read on with pypdf instead of stopping);
    :func:`text_from_bytes` raises the callback's error again as it was."""

    def __init__(self, error: BaseException):
        super().__init__()
        self.error = error


def _reporter(progress: Progress | None) -> Progress:
    def report(done: int, total: int) -> None:
        if progress is None:
            return
        try:
            progress(done, total)
        except BaseException as e:
            raise _Stopped(e) from e

    return report


def notice_text(source: str | bytes | os.PathLike[str], *, filename: str = "") -> str:
    """Plain text of a notice: ``str`` is pasted text, ``bytes`` a file's content
    (``filename`` only helps the messages), a path a file to open."""
    if isinstance(source, str):
        return clean_text(source)
    if isinstance(source, bytes | bytearray):
        return text_from_bytes(bytes(source), filename)
    return read_notice_file(source)


def read_notice_file(
    path: str | os.PathLike[str],
    *,
    in_reading_order: bool = True,
    progress: Progress | None = None,
) -> str:
    """Plain text of the notice file at ``path`` (.txt, .docx, text PDF). Without
    ``in_reading_order`` a PDF is read as drawn (pypdf, a third of the time): enough to tell
    whether it needs recognising, not to read its deadlines. ``progress`` is told each PDF
    page read (see :data:`Progress`); an error it raises stops the read and is raised here."""
    p = Path(path)
    try:
        data = read_bounded(p, MAX_DOCUMENT_BYTES, "通知文件")
    except InputTooLarge as e:
        raise NoticeReadError(e.message) from None
    except FileNotFoundError:
        raise NoticeReadError(f"找不到文件“{p}”。") from None
    except IsADirectoryError:
        raise NoticeReadError(f"“{p}”是一个文件夹，请选择通知文件。") from None
    except PermissionError:
        raise NoticeReadError(
            f"没有权限读取“{p.name}”：文件可能正在被 Word/WPS 打开，请关闭后再试。"
        ) from None
    except OSError as e:
        raise NoticeReadError(f"读取“{p.name}”失败：{e.strerror or e}") from None
    return text_from_bytes(data, p.name, in_reading_order=in_reading_order, progress=progress)


def text_from_bytes(
    data: bytes,
    filename: str = "",
    *,
    in_reading_order: bool = True,
    progress: Progress | None = None,
) -> str:
    """Plain text of a notice file's content; the format is sniffed from the bytes.
    ``progress`` as for :func:`read_notice_file`."""
    try:
        return _text_from_bytes(data, filename or "文件", in_reading_order, _reporter(progress))
    except _Stopped as stopped:
        raise stopped.error from None


def _text_from_bytes(data: bytes, name: str, in_reading_order: bool, report: Progress) -> str:
    if not data.strip():
        raise NoticeReadError(f"“{name}”是空的。")
    if data.startswith(_OLE):
        raise NoticeReadError(_ole_message(data, name))
    if data.startswith(b"PK\x03\x04"):
        text = _docx_text(data, name)
        report(1, 1)
        return text
    if data.lstrip()[:5] == b"%PDF-":
        return _pdf_text(data, name, in_reading_order, report)
    if is_picture(data):
        raise NeedsOcrError(f"“{name}”是图片，需要文字识别，或直接复制通知文字粘贴进来。")
    if data.lstrip()[:5] == b"{\\rtf":
        raise NoticeReadError(f"“{name}”是 RTF 格式，无法直接读取。{SAVE_AS_HINT}")
    try:
        check_size(len(data), MAX_TEXT_BYTES, name, "文本通知")
    except InputTooLarge as e:
        raise NoticeReadError(e.message) from None
    text = decode_text_bytes(data, name)
    low = text.lstrip()[:200].lower()
    if low.startswith(("<html", "<!doctype html", "<?xml", "mime-version")):
        raise NoticeReadError(f"“{name}”是网页（HTML/MHT）格式的文档，无法直接读取。{SAVE_AS_HINT}")
    report(1, 1)
    return clean_text(text)


def _ole_message(data: bytes, name: str) -> str:
    """What an OLE container (old Office, or any encrypted Office file) holds, by the names
    of its streams (UTF-16LE in its directory)."""

    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return (
            f"“{name}”设置了打开密码（已加密），无法读取。请在 Word/WPS 中打开它，"
            f"取消密码后另存为 .docx，或直接复制通知全文粘贴进来。"
        )
    if has("Workbook") or has("Book"):
        return f"“{name}”是 Excel 表格（旧版 .xls），不是通知文档。请选择通知的 Word 或 PDF 文件。"
    if has("PowerPoint Document"):
        return f"“{name}”是 PowerPoint 演示文稿，不是通知文档。"
    return f"“{name}”是旧版 Word（.doc）或 WPS（.wps）格式，无法直接读取。{SAVE_AS_HINT}"


def is_picture(data: bytes) -> bool:
    """PNG, JPEG, BMP, TIFF, GIF or WebP, told by the first bytes."""
    return (
        data.startswith((b"\x89PNG\r\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8"))
        or (data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
    )


def clean_text(text: str) -> str:
    """Line breaks made ``\\n``; BOMs, NULs and other control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = (
        text.replace("\u2028", "\n")
        .replace("\u2029", "\n")
        .replace("\x0b", "\n")
        .replace("\x0c", "\n")
    )
    return re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text)


# Plain text -----------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _plausibility(text: str) -> float:
    """Share of characters a Chinese notice is made of (CJK, ASCII, CJK punctuation)."""
    if not text:
        return 0.0
    good = 0
    for c in text:
        o = ord(c)
        if (
            0x20 <= o < 0x7F
            or c in "\n\r\t"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or c in "·×÷—…“”‘’《》【】〔〕"
        ):
            good += 1
    return good / len(text)


def decode_text_bytes(data: bytes, filename: str = "", *, hint: str = SAVE_AS_HINT) -> str:
    """Decode a text file: BOM first; then UTF-16 told by its zero bytes; then strict
    UTF-8; otherwise charset-normalizer's guess, where GB18030 (the superset of GBK and
    GB2312) wins whenever the bytes read as that family at least as plausibly.

    The one text decoder of the program: notices, unit lists and copied tables all come
    through here. ``hint`` ends the messages (what the clerk can do instead)."""
    name = filename or "文件"
    SAVE_AS_HINT = hint
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                raise NoticeReadError(f"“{name}”的编码（{enc}）有损坏，无法读取。") from None
    if b"\x00" in data:
        even = data[0::2].count(0)
        odd = data[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = data.decode(enc)
            if _plausibility(text) > 0.9:
                return text
        except UnicodeDecodeError:
            pass
        raise NoticeReadError(f"“{name}”不是文本文件，无法读取。{SAVE_AS_HINT}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, int, str, str]] = []
    try:
        gb = data.decode("gb18030")
        candidates.append((_plausibility(gb), 1, "gb18030", gb))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    guesses = []
    if best is not None and best.encoding:
        guesses.append(best.encoding)
    # Traditional Chinese from Taiwan/Hong Kong colleagues: Windows writes Big5 as cp950,
    # which a short text may not be guessed as.
    guesses.append("cp950")
    for guess in dict.fromkeys(guesses):
        enc = guess.lower().replace("-", "_")
        if enc in _GBK_FAMILY:
            continue
        try:
            other = data.decode(guess)
            candidates.append((_plausibility(other), 0, guess, other))
        except (UnicodeDecodeError, LookupError):
            pass
    if not candidates:
        raise NoticeReadError(
            f"无法识别“{name}”的文字编码。请用记事本打开后另存为 UTF-8，或直接复制粘贴通知文字。"
        )
    # Highest plausibility; on a tie (±0.02) GB18030 is preferred.
    candidates.sort(key=lambda c: (round(c[0] / 0.02), c[1]), reverse=True)
    score, _, _enc, text = candidates[0]
    if score < 0.8:
        raise NoticeReadError(f"“{name}”不像文本文件，无法读取。{SAVE_AS_HINT}")
    return text


# .docx -----------------------------------------------------------------------------------------


def _docx_text(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
        check_zip(data, name, "通知文档")
    except InputTooLarge as e:
        raise NoticeReadError(e.message) from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise NoticeReadError(f"“{name}”已损坏，无法打开。{SAVE_AS_HINT}") from None
    if "word/document.xml" not in names:
        if any(n.startswith("xl/") for n in names):
            raise NoticeReadError(f"“{name}”是 Excel 表格，不是通知文档。请选择通知的 .docx 文件。")
        raise NoticeReadError(f"“{name}”不是 Word 文档（.docx）。{SAVE_AS_HINT}")
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds on a broken package
        raise NoticeReadError(f"“{name}”无法打开（{type(e).__name__}）。{SAVE_AS_HINT}") from None
    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            out.extend(_table_lines(block))
    return clean_text("\n".join(out))


def _table_lines(table) -> list[str]:
    """One line per row, cells separated by tabs; a merged cell appears once per row."""
    lines = []
    for row in table.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            key = id(cell._tc)
            if key in seen:
                continue
            seen.add(key)
            parts = [p.text for p in cell.paragraphs]
            for inner in cell.tables:
                parts.extend(" ".join(line.split("\t")) for line in _table_lines(inner))
            cells.append(" ".join(x.strip() for x in parts if x.strip()))
        lines.append("\t".join(cells))
    return lines


# PDF ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet_pdf_readers():
    # pypdf and pdfminer log their repairs ("EOF marker not found" …) to stderr; the clerk
    # gets our message.
    loggers = [logging.getLogger(name) for name in ("pypdf", "pdfminer")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _pages_in_reading_order(data: bytes, report: Progress) -> list[str] | None:
    """The pages as pdfplumber places them (quotation marks where they stand, ruled tables
    a row a line); None when it cannot read the file, which pypdf then reads as drawn."""
    from .pdf_text import page_texts

    try:
        return page_texts(data, progress=report)
    except ImportError:
        raise  # a build without pdfplumber is broken, not the file: the smoke check sees it
    except Exception:  # pdfminer's errors have no common base; the pypdf text stands
        logging.getLogger(__name__).info("pdfplumber could not read the PDF", exc_info=True)
        return None


def _pages_as_drawn(reader, report: Progress) -> list[str]:
    pages = []
    for k, page in enumerate(reader.pages, 1):
        pages.append(page.extract_text() or "")
        report(k, len(reader.pages))
    return pages


def _pdf_text(data: bytes, name: str, in_reading_order: bool, report: Progress) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    encrypted = NoticeReadError(f"“{name}”是加密的 PDF，无法读取。请直接复制粘贴通知文字。")
    try:
        with _quiet_pdf_readers():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):  # PasswordType.NOT_DECRYPTED
                        raise encrypted
                except NoticeReadError:
                    raise
                except Exception:
                    raise encrypted from None
            if len(reader.pages) > MAX_PDF_PAGES:
                raise NoticeReadError(
                    f"“{name}”有 {len(reader.pages)} 页，超过通知文档的上限 {MAX_PDF_PAGES} 页，"
                    "不像一份通知，未读取。"
                )
            count = len(reader.pages)
            report(0, count)
            in_order = (
                _pages_in_reading_order(data, report)
                if in_reading_order and count <= READING_ORDER_PAGES
                else None
            )
            pages = in_order or _pages_as_drawn(reader, report)
    except NoticeReadError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise encrypted from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as e:
        raise NoticeReadError(
            f"“{name}”已损坏或不完整，无法作为 PDF 读取（{type(e).__name__}）。{SAVE_AS_HINT}"
        ) from None
    text = clean_text("\n".join(pages))
    meaningful = re.sub(r"[\s\d\W_]", "", text)
    if len(meaningful) < 10:
        raise NeedsOcrError(
            f"“{name}”是扫描版（图片）PDF，里面没有可提取的文字，需要文字识别。"
            "也可向发文单位索取 Word 版，或直接复制通知文字粘贴进来。"
        )
    return text
