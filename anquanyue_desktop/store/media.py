"""The media store: photos, videos and documents beside the database, by content.

A file is kept byte-for-byte (照片需为原图) at ``media/ab/abcdef…``, named by the SHA-256 of its
content, so the same photo sent twice is stored once. What a file really is comes from its
content (magic bytes), not its name: a ``照片.jpg`` that is a PDF or a text file is refused with a
plain message and nothing is stored; photos are decoded in full to make sure they open.
Thumbnails honour the EXIF orientation a phone wrote and are cached in ``media/thumbs/``.

Nothing here touches the database: the repositories record which activity uses which file.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..domain.activities import DOCUMENT, MEDIA_KINDS, PHOTO, VIDEO, MediaItem
from ..domain.limits import InputTooLarge, check_image_pixels, check_media_size
from ..domain.validation import Problem, ValidationError
from .errors import translate

MEDIA_DIR_NAME = "media"
CHUNK = 1024 * 1024
HEAD = 64


def media_dir_for(db_path: Path) -> Path:
    """The media folder beside the database file."""
    return Path(db_path).parent / MEDIA_DIR_NAME


class MediaRefused(ValidationError):
    """A file that is not what its name says, is damaged, or cannot be read. Nothing stored."""

    def __init__(self, message: str, code: str, name: str = ""):
        super().__init__([Problem(name or "file", message, code)])
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Format:
    key: str
    kind: str
    mime: str
    label: str  # what the clerk is told the content really is


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("jpeg", PHOTO, "image/jpeg", "JPEG照片"),
        Format("png", PHOTO, "image/png", "PNG图片"),
        Format("gif", PHOTO, "image/gif", "GIF图片"),
        Format("webp", PHOTO, "image/webp", "WebP图片"),
        Format("bmp", PHOTO, "image/bmp", "BMP图片"),
        Format("tiff", PHOTO, "image/tiff", "TIFF图片"),
        Format("heic", PHOTO, "image/heic", "HEIC照片（苹果手机格式）"),
        Format("mp4", VIDEO, "video/mp4", "MP4视频"),
        Format("mov", VIDEO, "video/quicktime", "MOV视频"),
        Format("avi", VIDEO, "video/x-msvideo", "AVI视频"),
        Format("asf", VIDEO, "video/x-ms-wmv", "WMV视频"),
        Format("flv", VIDEO, "video/x-flv", "FLV视频"),
        Format("mkv", VIDEO, "video/x-matroska", "MKV视频"),
        Format("webm", VIDEO, "video/webm", "WebM视频"),
        Format("mpeg", VIDEO, "video/mpeg", "MPEG视频"),
        Format("pdf", DOCUMENT, "application/pdf", "PDF文档"),
        Format(
            "docx",
            DOCUMENT,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word文档（.docx）",
        ),
        Format(
            "xlsx",
            DOCUMENT,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel表格（.xlsx）",
        ),
        Format(
            "pptx",
            DOCUMENT,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint演示文稿（.pptx）",
        ),
        Format("ole", DOCUMENT, "application/x-ole-storage", "Office/WPS文档（旧格式）"),
        Format("zip", DOCUMENT, "application/zip", "ZIP压缩包"),
        Format("rar", DOCUMENT, "application/vnd.rar", "RAR压缩包"),
        Format("7z", DOCUMENT, "application/x-7z-compressed", "7z压缩包"),
        Format("text", DOCUMENT, "text/plain", "文本文件"),
    )
}

# File name ending → the formats a file so named may really be. Where Word, Excel or WPS open
# a file whatever its ending says (a .doc that is really .docx), both are accepted.
EXTENSIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys((".jpg", ".jpeg", ".jpe", ".jfif"), frozenset({"jpeg"})),
    ".png": frozenset({"png"}),
    ".gif": frozenset({"gif"}),
    ".webp": frozenset({"webp"}),
    ".bmp": frozenset({"bmp"}),
    **dict.fromkeys((".tif", ".tiff"), frozenset({"tiff"})),
    **dict.fromkeys((".heic", ".heif"), frozenset({"heic"})),
    **dict.fromkeys((".mp4", ".m4v", ".mov", ".3gp"), frozenset({"mp4", "mov"})),
    ".avi": frozenset({"avi"}),
    **dict.fromkeys((".wmv", ".asf"), frozenset({"asf"})),
    ".flv": frozenset({"flv"}),
    **dict.fromkeys((".mkv", ".webm"), frozenset({"mkv", "webm"})),
    **dict.fromkeys((".mpg", ".mpeg", ".vob"), frozenset({"mpeg"})),
    ".pdf": frozenset({"pdf"}),
    **dict.fromkeys((".doc", ".docx", ".wps"), frozenset({"ole", "docx"})),
    **dict.fromkeys((".xls", ".xlsx", ".et"), frozenset({"ole", "xlsx"})),
    **dict.fromkeys((".ppt", ".pptx", ".dps"), frozenset({"ole", "pptx"})),
    ".zip": frozenset({"zip", "docx", "xlsx", "pptx"}),
    ".rar": frozenset({"rar"}),
    ".7z": frozenset({"7z"}),
    **dict.fromkeys((".txt", ".csv"), frozenset({"text"})),
}

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_OLD_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


def sniff(head: bytes) -> str | None:
    """The format key of content starting with ``head`` (64 bytes are plenty), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC_BRANDS:
            return "heic"
        return "mov" if brand == b"qt  " else "mp4"
    if head[4:8] in _OLD_QUICKTIME_ATOMS:
        return "mov"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "asf"
    if head.startswith(b"FLV\x01"):
        return "flv"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if b"webm" in head else "mkv"
    if head[:4] in (b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3"):
        return "mpeg"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"BM") and len(head) >= 14:
        return "bmp"
    if _looks_like_text(head):
        return "text"
    return None


def _looks_like_text(head: bytes) -> bool:
    # Text has no control characters but tab, line breaks and form feed.
    if not head or any(b < 0x20 and b not in b"\t\n\r\x0c" for b in head):
        return False
    # The head may end inside a multi-byte character; a few bytes of slack.
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):
            try:
                (head[: len(head) - cut] if cut else head).decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


def _refine_zip(path: Path) -> str:
    """docx/xlsx/pptx are zip files; which one is told by the folders inside."""
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValueError("压缩包已损坏") from exc
    for prefix, key in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(n.startswith(prefix) for n in names):
            return key
    return "zip"


def _bounded(size: int, name: str) -> None:
    try:
        check_media_size(size, name)
    except InputTooLarge as exc:
        raise MediaRefused(exc.message, exc.code, name) from None


def _decode_image(path: Path, name: str = "") -> None:
    """Decodes the whole picture; raises ValueError for a damaged or truncated one and
    InputTooLarge for one whose decoding would take too much memory."""
    from PIL import Image, UnidentifiedImageError  # Pillow loads when a picture is read

    try:
        with Image.open(path) as im:
            reduced = im.format == "JPEG"
            check_image_pixels(im.width, im.height, len(im.getbands()), name or path.name, reduced)
            if reduced:
                # Decoding at 1/8 scale still reads every byte of the compressed data.
                im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
    except InputTooLarge:
        raise
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError) as exc:
        raise ValueError(str(exc)) from exc
    except Image.DecompressionBombError:
        # Pillow's own bound (about 180 megapixels) is met before ours: the same message.
        raise InputTooLarge(
            f"图片“{name or path.name}”的尺寸大得不合常理，未添加。", "image_too_large"
        ) from None


def _can_decode(fmt: str) -> bool:
    # Pillow reads these without plug-ins; HEIC needs one, so it is checked by its header only.
    return fmt in {"jpeg", "png", "gif", "webp", "bmp", "tiff"}


def _thumbnail_png(path: Path, size: int) -> bytes | None:
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            im.draft("RGB", (size * 2, size * 2))  # JPEG: decode at a reduced scale, fast
            shown: Image.Image = ImageOps.exif_transpose(im)
            shown.thumbnail((size, size))
            if shown.mode not in ("RGB", "RGBA"):
                rgba = "A" in shown.getbands() or shown.mode == "P"
                shown = shown.convert("RGBA" if rgba else "RGB")
            out = io.BytesIO()
            shown.save(out, "PNG")
            return out.getvalue()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


class MediaStore:
    """Files by content under ``root`` (the ``media`` folder beside the database)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    # -- where things are -------------------------------------------------------------------

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        """The stored file for reading (the caller closes it)."""
        return self.path_of(sha256).open("rb")

    def stored(self) -> Iterator[str]:
        """Every stored file's sha256 (for packs, checks and clean-ups)."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if len(folder.name) == 2 and folder.is_dir():
                yield from sorted(p.name for p in folder.iterdir() if len(p.name) == 64)

    # -- checking ---------------------------------------------------------------------------

    def check_file(self, path: Path, kind: str | None = None) -> MediaItem:
        """What adding ``path`` would store (without sha256), or MediaRefused. Copies nothing.

        For the dialog, so a bad file is reported when it is chosen, not when saving.
        """
        path = Path(path)
        try:
            with path.open("rb") as f:
                head = f.read(HEAD)
            size = path.stat().st_size
        except OSError as exc:
            raise self._unreadable(path, exc) from exc
        _bounded(size, path.name)
        fmt = self._check_format(path, path.name, head, size, kind)
        return MediaItem(
            kind=FORMATS[fmt].kind, original_name=path.name, size=size, mime=FORMATS[fmt].mime
        )

    def _unreadable(self, path: Path, exc: OSError) -> MediaRefused:
        reason = exc.strerror or str(exc)
        return MediaRefused(
            f"无法读取文件“{path.name}”（{reason}），未添加。", "unreadable", path.name
        )

    def _check_format(self, path: Path, name: str, head: bytes, size: int, kind: str | None) -> str:
        """The format key, after checking the content against the name and ``kind``."""
        if size == 0:
            raise MediaRefused(f"“{name}”是空文件（0字节），未添加。", "empty", name)
        ext = Path(name).suffix.lower()
        fmt = sniff(head)
        if fmt == "zip":
            try:
                fmt = _refine_zip(path)
            except ValueError:
                raise MediaRefused(f"“{name}”已损坏，无法打开，未添加。", "damaged", name) from None
        allowed = EXTENSIONS.get(ext)
        if allowed is None and ext:
            known = (
                "照片（jpg、png）、视频（mp4、mov、avi、wmv）、文档（pdf、doc、docx、xls、xlsx）"
            )
            raise MediaRefused(
                f"不支持“{ext}”类型的文件“{name}”，未添加。可以添加{known}等。",
                "unsupported",
                name,
            )
        if fmt is None:
            raise MediaRefused(
                f"无法识别“{name}”的内容，它可能已损坏或不是{_expected(allowed)}，未添加。",
                "unknown_content",
                name,
            )
        if allowed is not None and fmt not in allowed:
            raise MediaRefused(
                f"“{name}”按文件名应是{_expected(allowed)}，但内容其实是{FORMATS[fmt].label}"
                "（可能改过文件名），未添加。请向报送单位要原文件。",
                "name_mismatch",
                name,
            )
        real = FORMATS[fmt].kind
        if kind is not None and kind != real:
            raise MediaRefused(
                f"“{name}”是{MEDIA_KINDS.get(real, real)}，不是{MEDIA_KINDS.get(kind, kind)}，未添加。",
                "kind_mismatch",
                name,
            )
        return fmt

    # -- adding -----------------------------------------------------------------------------

    def add_file(
        self, path: Path, kind: str | None = None, *, name: str | None = None
    ) -> MediaItem:
        """Copies ``path`` into the store byte-for-byte and returns its MediaItem.

        The copy is streamed into a temporary file while hashing, checked (photos decoded in
        full), then renamed into place; content already stored is kept once. A refused file
        raises MediaRefused and leaves nothing behind; a full disk raises StoreError.
        """
        path = Path(path)
        name = name or path.name
        tmp_dir = self.root / "tmp"
        try:
            tmp_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise translate(exc, tmp_dir) or exc from exc
        try:
            source = path.open("rb")
            declared = os.fstat(source.fileno()).st_size
        except OSError as exc:
            raise self._unreadable(path, exc) from exc
        tmp: Path | None = None
        try:
            with source:
                _bounded(declared, name)  # before a byte is copied
                # The process id in the name lets a clean-up at start tell a copy in progress
                # from one a killed program left behind.
                fd, tmp_name = tempfile.mkstemp(
                    dir=tmp_dir, prefix=f"{os.getpid()}-", suffix=".part"
                )
                tmp = Path(tmp_name)
                sha, size, head = self._copy(source, fd, name, tmp)
            fmt = self._check_format(tmp, name, head, size, kind)
            if _can_decode(fmt):
                try:
                    _decode_image(tmp, name)
                except InputTooLarge as exc:
                    raise MediaRefused(exc.message, exc.code, name) from None
                except ValueError:
                    raise MediaRefused(
                        f"照片“{name}”已损坏或不完整（可能没有传完），无法打开，未添加。",
                        "damaged_image",
                        name,
                    ) from None
            target = self.path_of(sha)
            try:
                if target.is_file() and target.stat().st_size == size:
                    tmp.unlink()  # the same content is already stored
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(tmp, target)
            except OSError as exc:
                raise translate(exc, target) or exc from exc
            tmp = None
            f = FORMATS[fmt]
            return MediaItem(kind=f.kind, original_name=name, sha256=sha, size=size, mime=f.mime)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()

    def _copy(self, source: BinaryIO, fd: int, name: str, tmp: Path) -> tuple[str, int, bytes]:
        """Streams ``source`` into the open temporary file: (sha256, size, first bytes).

        One chunk in memory at a time; a source that grows past the limit while being read
        is cut off and refused.
        """
        digest = hashlib.sha256()
        size = 0
        head = b""
        with os.fdopen(fd, "wb") as out:
            while True:
                try:
                    chunk = source.read(CHUNK)
                except OSError as exc:
                    raise self._unreadable(Path(name), exc) from exc
                if not chunk:
                    break
                if size == 0:
                    head = chunk[:HEAD]
                digest.update(chunk)
                size += len(chunk)
                _bounded(size, name)
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise translate(exc, tmp) or exc from exc
            try:
                out.flush()
                os.fsync(out.fileno())
            except OSError as exc:
                raise translate(exc, tmp) or exc from exc
        return digest.hexdigest(), size, head

    def add_bytes(self, data: bytes, name: str, kind: str | None = None) -> MediaItem:
        """Stores ``data`` as a file called ``name`` (generated images, tests)."""
        tmp_dir = self.root / "tmp"
        try:
            tmp_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix=f"{os.getpid()}-", suffix=".in")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise translate(exc, tmp_dir) or exc from exc
        try:
            return self.add_file(Path(tmp_name), kind, name=name)
        finally:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()

    # -- thumbnails -------------------------------------------------------------------------

    def thumbnail(self, sha256: str, size: int = 160) -> bytes | None:
        """A PNG at most ``size`` pixels wide and high, upright as the phone held it.

        None for what is not a picture Pillow can read (videos, documents, HEIC). Cached.
        """
        cache = self.root / "thumbs" / f"{sha256}-{int(size)}.png"
        with contextlib.suppress(OSError):
            return cache.read_bytes()
        source = self.path_of(sha256)
        if not source.is_file():
            return None
        data = _thumbnail_png(source, size)
        if data is not None:
            # A cache: failing to write it only costs time next call.
            with contextlib.suppress(OSError):
                cache.parent.mkdir(parents=True, exist_ok=True)
                part = cache.with_suffix(".part")
                part.write_bytes(data)
                os.replace(part, cache)
        return data

    @staticmethod
    def preview(path: Path, size: int = 160) -> bytes | None:
        """A thumbnail of a file not yet stored (chosen in a dialog); not cached."""
        return _thumbnail_png(Path(path), size)


def _expected(allowed: frozenset[str] | None) -> str:
    if not allowed:
        return "可用的文件"
    labels = sorted({FORMATS[k].label for k in allowed})
    return "或".join(labels)


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_DIR_NAME",
    "MediaRefused",
    "MediaStore",
    "media_dir_for",
    "sniff",
]
