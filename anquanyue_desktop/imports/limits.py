"""Bounds every input is checked against before it is read, so that no single file (a
zip bomb, a 2 GB "video", an endless text) can make the program slow or eat the memory.

One place for the numbers, each refusal a Chinese message naming the limit. Callers: the
notice reader, the unit-name lists, the workbook imports, the media store, the data archive.

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

MB = 1024 * 1024

# A notice .docx/.pdf as sent by the county (photos and stamps included) is under 20 MB.
MAX_DOCUMENT_BYTES = 50 * MB
# Plain text: a notice, a list of unit names, a table copied from Word. 5 MB is ~2.5 million
# Chinese characters, hundreds of times any real one.
MAX_TEXT_BYTES = 5 * MB
# .docx/.xlsx are zips: what they unpack to, in all and per XML part (parsed into memory at
# about ten times its size), and how many parts.
MAX_UNPACKED_BYTES = 100 * MB
MAX_XML_PART_BYTES = 25 * MB
MAX_ZIP_ENTRIES = 2000
# PDF pages read for text.
MAX_PDF_PAGES = 300
# A photo or video kept in the media folder; bigger videos go as a 网盘链接.
MAX_MEDIA_BYTES = 1024 * MB
# Pixels decoded for a photo check (a 200-megapixel phone photo passes; JPEG is decoded at 1/8).
MAX_IMAGE_PIXELS = 250_000_000
# Memory an image may take when decoded in full (formats without reduced-scale decoding).
MAX_DECODED_IMAGE_BYTES = 300 * MB


class InputTooLarge(ValueError):
    """An input over one of the limits; the message names the file and the limit."""

    def __init__(self, message: str, code: str = "too_large"):
        super().__init__(message)
        self.message = message
        self.code = code


def size_text(n: int) -> str:
    if n >= 1024 * MB:
        return f"{n / 1024 / MB:.1f} GB"
    if n >= MB:
        return f"{n / MB:.0f} MB"
    return f"{max(1, n // 1024)} KB"


def check_size(size: int, limit: int, name: str, what: str) -> None:
    """Refuses ``size`` bytes over ``limit`` for the file ``name``, a ``what`` (通知、单位名单…)."""
    if size > limit:
        raise InputTooLarge(
            f"“{name}”太大（{size_text(size)}），超过{what}的上限 {size_text(limit)}，未读取。"
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


def check_zip(source: str | os.PathLike[str] | bytes | BinaryIO, name: str, what: str) -> None:
    """Refuses a zip (.docx/.xlsx/archive) whose parts unpack to more than the limits.

    Reads only the zip's directory. A damaged zip raises ``zipfile.BadZipFile`` for the
    caller's own message.
    """
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    with zipfile.ZipFile(source) as z:
        infos = z.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputTooLarge(
            f"“{name}”里有 {len(infos)} 个部件，超过{what}的上限 {MAX_ZIP_ENTRIES} 个，"
            "不像正常的文件（可能是“压缩炸弹”），未读取。",
            "zip_entries",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.lower().endswith((".xml", ".rels")) and (
            info.file_size > MAX_XML_PART_BYTES
        ):
            raise InputTooLarge(
                f"“{name}”中的“{info.filename}”解压后有 {size_text(info.file_size)}，"
                f"超过{what}的上限 {size_text(MAX_XML_PART_BYTES)}，"
                "不像正常的文件（可能是“压缩炸弹”），未读取。",
                "zip_part",
            )
    if total > MAX_UNPACKED_BYTES:
        raise InputTooLarge(
            f"“{name}”解压后共有 {size_text(total)}，超过{what}的上限 "
            f"{size_text(MAX_UNPACKED_BYTES)}，不像正常的文件（可能是“压缩炸弹”），未读取。",
            "zip_total",
        )


def check_media_size(size: int, name: str) -> None:
    if size > MAX_MEDIA_BYTES:
        raise InputTooLarge(
            f"“{name}”太大（{size_text(size)}），超过单个文件的上限 "
            f"{size_text(MAX_MEDIA_BYTES)}，未添加。大视频请上传网盘后登记网盘链接和提取码。",
            "media_too_large",
        )


def check_image_pixels(width: int, height: int, bands: int, name: str, reduced: bool) -> None:
    """Refuses a picture whose decoding would take too much memory."""
    pixels = width * height
    if pixels > MAX_IMAGE_PIXELS or (not reduced and pixels * bands > MAX_DECODED_IMAGE_BYTES):
        raise InputTooLarge(
            f"图片“{name}”的尺寸大得不合常理（{width}×{height} 像素），未添加。",
            "image_too_large",
        )


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_MEDIA_BYTES",
    "MAX_PDF_PAGES",
    "MAX_TEXT_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_XML_PART_BYTES",
    "MAX_ZIP_ENTRIES",
    "InputTooLarge",
    "check_image_pixels",
    "check_media_size",
    "check_size",
    "check_zip",
    "read_bounded",
]
