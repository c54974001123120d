"""Reading inputs within the bounds of :mod:`anquanyue_desktop.domain.limits`: a file never
read beyond its limit, a zip refused from its directory before anything is unpacked.

The one helper every reader calls (notices, unit lists, workbooks, the data archive).
Zip sizes are the ones the zip's directory declares; that is safe to trust because Python's
``zipfile`` (used by openpyxl and python-docx) stops reading an entry at its declared size
and fails its CRC check if the data says otherwise.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from ..domain import limits as _limits
from ..domain.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_FORM_XML_PART_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_MEDIA_BYTES,
    MAX_PDF_PAGES,
    MAX_TEXT_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_XML_PART_BYTES,
    MAX_ZIP_ENTRIES,
    MB,
    InputTooLarge,
    check_image_pixels,
    check_media_size,
    check_size,
    size_text,
)


def read_bounded(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused over ``limit`` before reading (and while reading: a file
    that grows, or a device that never ends, is cut off at the limit, never read whole)."""
    p = Path(path)
    with p.open("rb") as f:
        try:
            size = os.fstat(f.fileno()).st_size
        except OSError:
            size = 0
        check_size(size, limit, p.name, what)
        # read(n) reserves n bytes first: ask for what the file says it holds, then go on
        # in pieces for a file that grows or a device that reports no size.
        parts = [f.read(size + 1)] if size else []
        total = sum(map(len, parts))
        while total <= limit:
            piece = f.read(min(MB, limit + 1 - total))
            if not piece:
                break
            parts.append(piece)
            total += len(piece)
    check_size(total, limit, p.name, what)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def check_zip(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    name: str,
    what: str,
    *,
    max_part: int | None = None,
) -> None:
    """Refuses a zip (.docx/.xlsx/archive) whose parts unpack to more than the limits.

    Reads only the zip's directory. A damaged zip raises ``zipfile.BadZipFile`` for the
    caller's own message.
    """
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    with zipfile.ZipFile(source) as z:
        infos = z.infolist()
    if len(infos) > _limits.MAX_ZIP_ENTRIES:
        raise InputTooLarge(
            f"“{name}”里有 {len(infos)} 个部件，超过{what}的上限 {_limits.MAX_ZIP_ENTRIES} 个，"
            "不像正常的文件（可能是“压缩炸弹”），未读取。",
            "zip_entries",
        )
    part_limit = _limits.MAX_XML_PART_BYTES if max_part is None else max_part
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.lower().endswith((".xml", ".rels")) and (info.file_size > part_limit):
            raise InputTooLarge(
                f"“{name}”中的“{info.filename}”解压后有 {size_text(info.file_size)}，"
                f"超过{what}的上限 {size_text(part_limit)}，"
                "不像正常的文件（可能是“压缩炸弹”），未读取。",
                "zip_part",
            )
    if total > _limits.MAX_UNPACKED_BYTES:
        raise InputTooLarge(
            f"“{name}”解压后共有 {size_text(total)}，超过{what}的上限 "
            f"{size_text(_limits.MAX_UNPACKED_BYTES)}，不像正常的文件（可能是“压缩炸弹”），未读取。",
            "zip_total",
        )


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_FORM_XML_PART_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_MEDIA_BYTES",
    "MAX_PDF_PAGES",
    "MAX_TEXT_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_XML_PART_BYTES",
    "MAX_ZIP_ENTRIES",
    "MB",
    "InputTooLarge",
    "check_image_pixels",
    "check_media_size",
    "check_size",
    "check_zip",
    "read_bounded",
    "size_text",
]
