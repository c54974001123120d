"""Reading an upstream 安全生产月 notice: campaign facts and reporting deadlines from text."""

from .model import (
    Attachment,
    Contact,
    Event,
    Found,
    FoundDeadline,
    Leftover,
    NoticeDraft,
    Period,
    Span,
    to_json,
)
from .parse import parse_notice

__all__ = [
    "Attachment",
    "Contact",
    "Event",
    "Found",
    "FoundDeadline",
    "Leftover",
    "NoticeDraft",
    "Period",
    "Span",
    "parse_notice",
    "to_json",
]
