"""报送包: one zip with the report files, the media they refer to and a short index.

Layout of the zip::

    荫城镇_2022安全生产月_第2周活动情况_0608.pdf     report files at the top
    荫城镇_2022安全生产月_第2周活动情况_0608.xlsx
    东街村/防汛演练.jpg                                 media in a folder per unit,
    东街村/防汛演练(2).jpg                              original names kept, repeats numbered
    目录.txt                                            what is inside, the links and 提取码

Rules:

- File names are made safe for Windows (forbidden characters removed, reserved names avoided,
  kept short) and stored as UTF-8 (the zip's UTF-8 flag), so Chinese names survive.
- The same file (same SHA-256) attached twice for one unit is stored once.
- Documents are deflated; photos, videos and other already-compressed files are stored as they
  are (deflating them costs time and saves nothing).
- **Mail limit.** Report files, photos and documents always go in. Videos go in, smallest first,
  only while the zip stays within ``mail_limit_bytes``; a video that would take the pack over
  the limit (and any video above it on its own) is left out and listed in ``目录.txt`` and in
  :attr:`PackSummary.links_text` to be sent as a 网盘链接 instead. ``over_limit`` then only
  says the pack is too large even without those videos (too many photos): the clerk splits it.
- ``progress(done_bytes, total_bytes)`` is called as the pack is written; returning False
  cancels: :class:`PackCancelledError` is raised and no file is left behind (the zip is
  written to a temporary file beside the target and renamed only at the end).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from anquanyue_desktop.domain.activities import LINK, MEDIA_KINDS, VIDEO, MediaItem

from .output import Output, open_output, safe_file_name_part

INDEX_NAME = "目录.txt"
DEFAULT_MAIL_LIMIT = 50 * 1024 * 1024
NO_UNIT_FOLDER = "本级"
_CHUNK = 1024 * 1024
_NAME_MAX = 80  # characters of a file name's stem; Windows paths stay well under 260
# Room kept for 目录.txt and the zip's central directory when deciding whether a video fits.
_RESERVE = 256 * 1024
_ENTRY_OVERHEAD = 200
_COMPRESSED_SUFFIXES = frozenset(
    [
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".heic",
        ".heif",
        ".mp4",
        ".mov",
        ".m4v",
        ".avi",
        ".mkv",
        ".wmv",
        ".flv",
        ".3gp",
        ".mp3",
        ".m4a",
        ".aac",
        ".zip",
        ".rar",
        ".7z",
        ".gz",
        ".docx",
        ".xlsx",
        ".pptx",
    ]
)

Document = tuple[str, bytes | Path]
MediaPath = Callable[[str], Path]
Progress = Callable[[int, int], bool]


class PackCancelledError(Exception):
    """The clerk cancelled; nothing was written."""


class PackError(Exception):
    """A file the pack needs is missing or unreadable (message in Chinese)."""


@dataclass(frozen=True)
class PackSummary:
    """``files``: names in the zip in order (``目录.txt`` last); ``size`` of the zip in bytes;
    ``left_out``: the large videos not packed (as ``unit/name`` with size), to send as links;
    ``links_text``: the links and the left-out videos as text to paste into a message."""

    files: tuple[str, ...]
    size: int
    over_limit: bool
    links_text: str
    left_out: tuple[str, ...] = ()
    mail_limit: int = DEFAULT_MAIL_LIMIT


def human_size(n: int) -> str:
    """1.5MB / 320KB / 12B."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f}MB"
    if n >= 1024:
        return f"{n / 1024:.0f}KB"
    return f"{n}B"


def safe_zip_name(name: str, fallback: str) -> str:
    """A file name safe on Windows: forbidden characters gone, stem at most 80 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    p = PurePosixPath(safe_file_name_part(name) or fallback)
    stem, suffix = p.stem, p.suffix if len(p.suffix) <= 10 else ""
    if not stem or stem.startswith("."):
        stem = safe_file_name_part(PurePosixPath(fallback).stem) or "文件"
    stem = safe_file_name_part(stem[:_NAME_MAX])  # also CON.jpg → _CON.jpg
    return safe_file_name_part(stem + suffix) or fallback


def _unique(folder: str, name: str, taken: set[str]) -> str:
    """folder/name, or folder/name(2), name(3)… when taken (case-insensitively, as Windows)."""
    p = PurePosixPath(name)
    candidate, n = name, 1
    while f"{folder}/{candidate}".casefold() in taken or (
        not folder and candidate.casefold() in taken
    ):
        n += 1
        candidate = f"{p.stem}({n}){p.suffix}"
    full = f"{folder}/{candidate}" if folder else candidate
    taken.add(full.casefold())
    return full


@dataclass
class _Entry:
    arcname: str
    size: int
    compress: int
    data: bytes | None = None
    path: Path | None = None
    unit: str = ""
    media: MediaItem | None = None
    index: int = 0


def _document_entries(documents: Sequence[Document], taken: set[str]) -> list[_Entry]:
    entries = []
    for name, content in documents:
        arc = _unique("", safe_zip_name(name, "报表"), taken)
        if isinstance(content, bytes | bytearray):
            entries.append(_Entry(arc, len(content), zipfile.ZIP_DEFLATED, data=bytes(content)))
        else:
            path = Path(content)
            entries.append(_Entry(arc, _file_size(path, name), zipfile.ZIP_DEFLATED, path=path))
    return entries


def _file_size(path: Path, what: str) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise PackError(f"找不到文件“{what}”（{path}），无法打包") from exc


def write_pack(
    out_zip: Output,
    *,
    documents: Sequence[Document],
    media: Sequence[tuple[str, MediaItem]],
    media_path: MediaPath,
    mail_limit_bytes: int = DEFAULT_MAIL_LIMIT,
    progress: Progress | None = None,
    title: str = "报送包",
) -> PackSummary:
    """Write the pack (see the module docstring for the rules) and say what is in it."""
    taken: set[str] = {INDEX_NAME.casefold()}
    docs = _document_entries(documents, taken)
    links: list[tuple[str, MediaItem]] = []
    files: list[_Entry] = []
    videos: list[_Entry] = []
    seen: set[tuple[str, str]] = set()
    for index, (unit_name, m) in enumerate(media):
        folder = safe_file_name_part(unit_name) or NO_UNIT_FOLDER
        if m.kind == LINK:
            links.append((unit_name or NO_UNIT_FOLDER, m))
            continue
        if (folder, m.sha256) in seen:
            continue
        seen.add((folder, m.sha256))
        path = media_path(m.sha256)
        size = _file_size(path, m.original_name or m.sha256[:12])
        name = safe_zip_name(m.original_name, f"{MEDIA_KINDS.get(m.kind, '文件')}_{m.sha256[:8]}")
        compress = (
            zipfile.ZIP_STORED
            if PurePosixPath(name).suffix.lower() in _COMPRESSED_SUFFIXES
            else zipfile.ZIP_DEFLATED
        )
        entry = _Entry(
            "", size, compress, path=path, unit=unit_name or NO_UNIT_FOLDER, media=m, index=index
        )
        entry.arcname = folder + "/" + name  # made unique below, in writing order
        (videos if m.kind == VIDEO else files).append(entry)

    # Decide which videos fit, smallest first, on the sizes: stored media are as large in
    # the zip as on disk; documents count at full size (an upper bound).
    fixed = sum(e.size + _ENTRY_OVERHEAD + len(e.arcname.encode()) * 2 for e in docs + files)
    budget = mail_limit_bytes - _RESERVE - fixed
    packed_videos, left_out = [], []
    for v in sorted(videos, key=lambda e: e.size):
        need = v.size + _ENTRY_OVERHEAD + len(v.arcname.encode()) * 2
        if need <= budget:
            packed_videos.append(v)
            budget -= need
        else:
            left_out.append(v)
    media_entries = files + packed_videos
    media_entries.sort(key=lambda e: e.index)  # back in the order given, units together
    for e in media_entries:
        folder, name = e.arcname.split("/", 1)
        e.arcname = _unique(folder, name, taken)

    entries = docs + media_entries
    total = sum(e.size for e in entries) or 1
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None and progress(min(done, total), total) is False:
            raise PackCancelledError("已取消打包")

    stamp = datetime.now().timetuple()[:6]
    with open_output(out_zip) as stream:
        counter = _CountingWriter(stream)
        with zipfile.ZipFile(counter, "w", allowZip64=True) as zf:  # type: ignore[arg-type]
            tick(0)
            for e in entries:
                info = zipfile.ZipInfo(e.arcname, date_time=stamp)
                info.compress_type = e.compress
                info.external_attr = 0o644 << 16
                with zf.open(info, "w", force_zip64=e.size > 0x7FFFFFFF) as dst:
                    if e.data is not None:
                        dst.write(e.data)
                        tick(len(e.data))
                    else:
                        assert e.path is not None
                        _copy(e, dst, tick)
            index = index_text(
                title,
                [e.arcname for e in docs],
                media_entries,
                links,
                left_out,
                mail_limit_bytes,
            )
            info = zipfile.ZipInfo(INDEX_NAME, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, index.encode("utf-8-sig"))
        size = counter.written
    return PackSummary(
        files=tuple([e.arcname for e in entries] + [INDEX_NAME]),
        size=size,
        over_limit=size > mail_limit_bytes,
        links_text=links_text(links, left_out),
        left_out=tuple(
            f"{e.unit}/{e.media.original_name if e.media else ''}（{human_size(e.size)}）"
            for e in left_out
        ),
        mail_limit=mail_limit_bytes,
    )


def _copy(e: _Entry, dst, tick: Callable[[int], None]) -> None:
    assert e.path is not None
    try:
        with open(e.path, "rb") as src:
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
                tick(len(chunk))
    except OSError as exc:
        raise PackError(f"无法读取文件“{e.arcname}”：{exc}") from exc


class _CountingWriter(io.RawIOBase):
    """Passes writes (and seeks) through to the stream and tracks the file's final size."""

    def __init__(self, stream) -> None:
        self._s = stream
        self.written = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._s.seekable()

    def write(self, b) -> int:  # type: ignore[override]
        n = self._s.write(b)
        self.written = max(self.written, self._s.tell())
        return n

    def tell(self) -> int:
        return self._s.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._s.seek(offset, whence)

    def flush(self) -> None:
        self._s.flush()


def _media_line(e: _Entry) -> str:
    m = e.media
    kind = MEDIA_KINDS.get(m.kind, "文件") if m else "文件"
    caption = f"  说明：{m.caption.strip()}" if m and m.caption.strip() else ""
    return f"  {e.arcname}  （{kind}，{human_size(e.size)}）{caption}"


def _link_line(unit: str, m: MediaItem) -> str:
    name = m.original_name or m.caption or "网盘链接"
    code = f"  提取码：{m.code}" if m.code.strip() else ""
    return f"  {unit}：{name}  链接：{m.url}{code}"


def links_text(links: Sequence[tuple[str, MediaItem]], left_out: Sequence[_Entry]) -> str:
    """The text to paste into a mail or message: links with 提取码, and the videos to upload."""
    lines = []
    if links:
        lines.append("网盘链接：")
        lines += [_link_line(u, m).strip() for u, m in links]
    if left_out:
        lines.append("以下视频较大，未放入压缩包，请上传网盘后报送链接和提取码：")
        lines += [
            f"{e.unit}：{e.media.original_name if e.media else e.arcname}（{human_size(e.size)}）"
            for e in left_out
        ]
    return "\n".join(lines)


def index_text(
    title: str,
    documents: Sequence[str],
    media: Sequence[_Entry],
    links: Sequence[tuple[str, MediaItem]],
    left_out: Sequence[_Entry],
    mail_limit: int,
) -> str:
    """目录.txt: Windows line ends (the file is written with a BOM for old Notepad)."""
    lines = [title, ""]
    lines.append(f"一、报表文件（{len(documents)}个）")
    lines += [f"  {name}" for name in documents] or ["  （无）"]
    lines += ["", f"二、资料文件（{len(media)}个，按单位分文件夹）"]
    lines += [_media_line(e) for e in media] or ["  （无）"]
    if links:
        lines += ["", f"三、网盘链接（{len(links)}个）"]
        lines += [_link_line(u, m) for u, m in links]
    if left_out:
        lines += [
            "",
            f"四、未放入压缩包的大视频（{len(left_out)}个，压缩包限{human_size(mail_limit)}，"
            "请以网盘链接报送）",
        ]
        lines += [
            f"  {e.unit}：{e.media.original_name if e.media else e.arcname}（{human_size(e.size)}）"
            for e in left_out
        ]
    return "\r\n".join(lines) + "\r\n"
