"""An upstream notice file in, a :class:`NoticeDraft` (campaign facts and deadlines) out.

The parsing itself is plain text work in :mod:`anquanyue_desktop.domain.notice`; this
module adds reading the file (:mod:`.notice_text`) and the CLI's JSON output.
"""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

from ..domain.notice import NoticeDraft, parse_notice, to_json
from .notice_text import NoticeReadError, notice_text, read_notice_file

__all__ = [
    "NoticeDraft",
    "NoticeReadError",
    "notice_json",
    "parse_notice",
    "parse_notice_file",
    "parse_notice_text",
    "to_json",
]


def parse_notice_file(path: str | os.PathLike[str], *, today: date | None = None) -> NoticeDraft:
    """Read the notice at ``path`` (.txt in any common encoding, .docx, text PDF) and parse
    it. Raises :class:`NoticeReadError` (Chinese message) when the file cannot be read."""
    return parse_notice(read_notice_file(path), today=today)


def parse_notice_text(
    source: str | bytes | os.PathLike[str], *, filename: str = "", today: date | None = None
) -> NoticeDraft:
    """Pasted text (``str``), a file's bytes or a path, parsed."""
    return parse_notice(notice_text(source, filename=filename), today=today)


def notice_json(path: str | os.PathLike[str], *, today: date | None = None) -> dict[str, Any]:
    """What ``anquanyue-cli parse-notice FILE --json`` prints, as data."""
    return to_json(parse_notice_file(path, today=today))


def notice_json_text(path: str | os.PathLike[str], *, today: date | None = None) -> str:
    return json.dumps(notice_json(path, today=today), ensure_ascii=False, indent=2)


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
    ``--json``); unsure items are marked with “？” and their reason."""
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
        when = d["date"] or ""
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
    out.extend(f"注意：{n}" for n in draft.notes)
    return out
