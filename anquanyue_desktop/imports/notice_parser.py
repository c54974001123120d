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
