"""The bounds every input is checked against before it is read, so that no single file (a
zip bomb, a 2 GB "video", an endless text) can make the program slow or eat the memory.

One place for the numbers, each refusal a Chinese message naming the limit. The checks that
read files (bounded reads, zip directories) are in :mod:`anquanyue_desktop.imports.limits`.
"""

from __future__ import annotations

MB = 1024 * 1024

# A notice .docx/.pdf as sent by the county (photos and stamps included) is under 20 MB.
MAX_DOCUMENT_BYTES = 50 * MB
# Plain text: a notice, a list of unit names, a table copied from Word. 5 MB is ~2.5 million
# Chinese characters, hundreds of times any real one.
MAX_TEXT_BYTES = 5 * MB
# .docx/.xlsx are zips: what they unpack to, in all and per XML part, and how many parts.
# An XML part is parsed into memory at about ten times its size (a 24 MB document.xml: 287 MB
# peak for the whole CLI process), so 16 MB keeps a document well under 500 MB.
MAX_UNPACKED_BYTES = 100 * MB
MAX_XML_PART_BYTES = 16 * MB
# A filled form workbook is opened whole by openpyxl (not streamed): its sheets are small.
MAX_FORM_XML_PART_BYTES = 4 * MB
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
    "MAX_FORM_XML_PART_BYTES",
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
    "size_text",
]
