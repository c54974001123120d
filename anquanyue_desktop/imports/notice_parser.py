"""An upstream notice file in, a :class:`NoticeDraft` (campaign facts and deadlines) out.

The parsing itself is plain text work in :mod:`anquanyue_desktop.domain.notice`; this
module adds reading the file (:mod:`.notice_text`) and the CLI's JSON output.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.notice import NoticeDraft, parse_notice, to_json
from .notice_text import NeedsOcrError, NoticeReadError, notice_text, read_notice_file

if TYPE_CHECKING:
    from .ocr import OcrResult

__all__ = [
    "NoticeDraft",
    "NoticeReadError",
    "notice_json",
    "parse_notice",
    "parse_notice_file",
    "parse_notice_text",
    "to_json",
]


@dataclass(frozen=True)
class NoticeSource:
    """A notice's text and, when it was recognised from pictures, the recognition result
    (pages, lines with their confidence) for the review to show beside it."""

    text: str
    ocr: OcrResult | None = None


def needs_ocr(path: str | os.PathLike[str]) -> bool:
    """Whether the file is a picture of a notice (photo, screenshot, scanned PDF)."""
    try:
        read_notice_file(path, in_reading_order=False)
    except NeedsOcrError:
        return True
    except NoticeReadError:
        return False
    return False


PastedImage = bytes  # an image's file content, e.g. a screenshot from the clipboard as PNG


def read_notice_source(
    paths: str | os.PathLike[str] | PastedImage | Sequence[str | os.PathLike[str] | PastedImage],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> NoticeSource:
    """The text of a notice given as one file, or as several pictures of its pages in order
    (files, or image content such as a pasted screenshot).

    Text files (.txt, .docx, text PDF) are read as they are; pictures and scanned PDFs are
    recognised offline, page by page: ``progress(done, total)`` after each page, and
    :class:`~.ocr.OcrCancelled` once ``cancelled()`` turns true. Several items must all be
    pictures (or scanned PDFs): their pages are read as one notice."""
    from . import ocr

    items = [paths] if isinstance(paths, str | bytes | os.PathLike) else list(paths)
    if not items:
        raise NoticeReadError("没有选择文件。")
    if len(items) == 1 and not isinstance(items[0], bytes):
        try:
            return NoticeSource(read_notice_file(items[0]))
        except NeedsOcrError:
            pass
    ocr.require()
    pages = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, bytes):
            pages.extend(ocr.source_pages(item, f"第{n}张图片"))
            continue
        p = Path(item)
        try:
            read_notice_file(p)
        except NeedsOcrError:
            pages.extend(ocr.source_pages(p.read_bytes(), p.name))
            continue
        raise NoticeReadError(
            f"“{p.name}”是文字文件。几个文件一起读取时，只能是同一份通知各页的照片或扫描件。"
        )
    if len(pages) > ocr.MAX_PAGES:
        raise NoticeReadError(f"一共 {len(pages)} 页，超过 {ocr.MAX_PAGES} 页，不像一份通知。")
    total = len(pages)
    if progress:
        progress(0, total)
    result = ocr.read_images(
        pages, progress=(lambda n: progress(n, total)) if progress else None, cancelled=cancelled
    )
    if not result.text.strip():
        raise NoticeReadError("图片中没有识别出文字。请确认照片清晰、通知正面朝上、光线充足。")
    return NoticeSource(result.text, result)


def parse_notice_file(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    today: date | None = None,
) -> NoticeDraft:
    """Read the notice at ``path`` (.txt in any common encoding, .docx, text PDF; a photo,
    screenshot or scanned PDF through offline OCR; or several page pictures in order) and
    parse it. Raises :class:`NoticeReadError` (Chinese message) when it cannot be read."""
    return parse_notice(read_notice_source(path).text, today=today)


def parse_notice_text(
    source: str | bytes | os.PathLike[str], *, filename: str = "", today: date | None = None
) -> NoticeDraft:
    """Pasted text (``str``), a file's bytes or a path, parsed."""
    return parse_notice(notice_text(source, filename=filename), today=today)


def notice_json(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    today: date | None = None,
    source: NoticeSource | None = None,
) -> dict[str, Any]:
    """What ``anquanyue-cli parse-notice FILE --json`` prints, as data. A recognised
    picture adds ``ocr``: the page count and the lines read with low confidence."""
    source = source or read_notice_source(path)
    out = to_json(parse_notice(source.text, today=today))
    if source.ocr is not None:
        out["ocr"] = {
            "pages": len(source.ocr.pages),
            "unsure_lines": [
                {"page": ln.page + 1, "text": ln.text, "confidence": round(ln.confidence, 3)}
                for ln in source.ocr.unsure_lines
            ],
        }
    return out


def notice_json_text(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    today: date | None = None,
    source: NoticeSource | None = None,
) -> str:
    return json.dumps(notice_json(path, today=today, source=source), ensure_ascii=False, indent=2)


def ocr_notes(source: NoticeSource) -> list[str]:
    """Terminal lines about a recognised picture: pages read, lines to check."""
    if source.ocr is None:
        return []
    out = [f"文字识别：共 {len(source.ocr.pages)} 页，请与原件核对。"]
    for ln in source.ocr.unsure_lines:
        out.append(f"识别不确定（第{ln.page + 1}页）：{ln.text}")
    return out


_KIND_NAMES = {
    "once": "一次",
    "weekly": "每周",
    "monthly": "每月",
    "quarterly": "每季度",
    "daily": "每天",
    "asap": "即时",
}
_QUARTER_MONTHS = {1: "第一个月", 2: "第二个月", 3: "最后一个月"}
_WEEKDAYS = "一二三四五六日"


def describe(draft: NoticeDraft) -> list[str]:
    """What was found, as Chinese lines for the terminal (``parse-notice FILE`` without
    ``--json``); unsure items are marked with “？” and their reason; sentences that may hold
    a deadline not read are listed under 可能遗漏."""
    j = to_json(draft)
    out = [
        f"发文单位：{j['issuer'] or '（未找到）'}",
        f"发文日期：{j['issued_on'] or '（未找到）'}",
        f"年度：{j['year']}" + (f"（第{j['ordinal']}个）" if j["ordinal"] else ""),
        f"主题：{j['theme'] or '（未找到）'}",
    ]
    for p in j["periods"]:
        out.append(f"活动时间：{p['what']} {p['start']} 至 {p['end']}")
    for c in j["contacts"]:
        out.append(f"联系人：{c['name']} {c['phone'] or ''}".rstrip())
    for a in j["attachments"]:
        out.append(f"附件：{a}")
    for e in j["events"]:
        out.append(f"活动节点：{e['date']} {e['what']}")
    for d, item in zip(j["deadlines"], draft.deadlines, strict=True):
        when = d["date"] or ("日期待填" if d["kind"] == "once" and not d["relative"] else "")
        if d["kind"] == "weekly":
            when = f"每周{_WEEKDAYS[d['weekday'] - 1]}" if d["weekday"] else "每周"
        elif d["kind"] == "monthly":
            when = f"每月{d['day_of_month']}日" if d["day_of_month"] else "每月底"
        elif d["kind"] == "quarterly":
            month = _QUARTER_MONTHS.get(d["month_of_quarter"] or 3, "最后一个月")
            when = f"每季度{month}" + (f"{d['day_of_month']}日" if d["day_of_month"] else "月底")
        elif d["kind"] == "daily":
            when = "每天"
        elif d["kind"] == "asap":
            when = "即时报送"
        if d["relative"]:
            unit = "个工作日" if d["relative"]["workdays"] else "日"
            when = f"接到通知后{d['relative']['days']}{unit}内" + (f"（{when}）" if when else "")
        if d["time"]:
            when += f" {d['time']}"
        if d["from"] and d["until"]:
            when += f"（{d['from']} 至 {d['until']}）"
        flag = f"  ？{item.reason}" if item.unsure else ""
        materials = f"（随附：{d['materials']}）" if d["materials"] else ""
        out.append(f"报送节点：{when or '（日期待定）'}  {d['what']}{materials}{flag}")
    # Sentences that may state a deadline not read: for the clerk to read (not in --json).
    for lo in draft.leftovers:
        out.append(f"可能遗漏：{lo.text}（{lo.reason}）")
    out.extend(f"注意：{n}" for n in draft.notes)
    return out
