"""What the review of a read notice needs beyond the draft: why a deadline was read, and
splitting one found deadline into several or joining several into one."""

from __future__ import annotations

from dataclasses import replace

from ..deadlines import Deadline
from .model import FoundDeadline
from .text import split_top

_SEPARATORS = ("以及", "、", "和", "及", "与")
# A deadline read without doubt scores 0.95, each reason to check it takes 0.15 off: one
# reason (请核对…) is never 高.
HIGH, MIDDLE = 0.85, 0.6


def confidence_word(confidence: float) -> str:
    """高 / 中 / 低, as the review shows it beside each deadline."""
    if confidence >= HIGH:
        return "高"
    if confidence >= MIDDLE:
        return "中"
    return "低"


def why_text(found: FoundDeadline, text: str) -> str:
    """Why the reader took this for a deadline: the words it came from, how sure it is and
    what the clerk should check, in one line of Chinese."""
    parts = []
    words = ["“" + text[a:b].strip() + "”" for a, b in found.evidence if 0 <= a < b <= len(text)]
    if words:
        parts.append("依据：" + " + ".join(words))
    parts.append(f"把握：{confidence_word(found.confidence)}")
    if found.materials:
        parts.append(f"随附材料：{found.materials}")
    if found.reason:
        parts.append(f"请核对：{found.reason}")
    return "；".join(parts)


def split_title(title: str) -> list[str]:
    """活动方案和活动总结 → [活动方案, 活动总结]; quotes and brackets are kept whole."""
    for sep in _SEPARATORS:
        parts = [p.strip(" ，,") for p in split_top(title, (sep,))]
        parts = [p for p in parts if p]
        if len(parts) > 1:
            return parts
    return [title]


def split_deadline(d: Deadline) -> list[Deadline]:
    """One deadline as several with the same rule: one per thing its title names, or, when
    the title names one thing, two copies for the clerk to tell apart."""
    parts = split_title(d.title)
    if len(parts) == 1:
        parts = [d.title, d.title]
    return [replace(d, title=p, id=None) for p in parts]


def join_deadlines(deadlines: list[Deadline]) -> Deadline:
    """Several deadlines as one: the rule of the first, the titles, materials and notes of
    all (each said once)."""
    if not deadlines:
        raise ValueError("nothing to join")
    first = deadlines[0]

    def joined(values: list[str], sep: str) -> str:
        return sep.join(dict.fromkeys(v for v in values if v.strip()))

    return replace(
        first,
        title=joined([d.title for d in deadlines], "、"),
        materials=joined([d.materials for d in deadlines], "；"),
        notes=joined([d.notes for d in deadlines], "\n"),
        id=None,
    )
