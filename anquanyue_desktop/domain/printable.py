"""Text the printed forms can show: a character no font can draw (an emoji in a unit name) is
refused where it is typed, with its name and position, never at a later PDF export.

Which characters a font has is not a domain question: the check takes ``can_print`` (the
program passes the PDF fonts' answer). Invisible format characters are not checked: the PDF
writer drops them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from .validation import Problem

CanPrint = Callable[[str], bool]

# Dropped before drawing (zero-width spaces, direction marks, variation selectors …).
_SKIPPED_CATEGORIES = ("Cc", "Cf", "Cs", "Mn")


def char_label(ch: str) -> str:
    """“🔥”（U+1F525，FIRE）: what the clerk can look up or search for."""
    name = unicodedata.name(ch, "")
    return f"“{ch}”（U+{ord(ch):04X}{'，' + name if name else ''}）"


def unprintable_problems(
    fields: Iterable[tuple[str, str, str]], can_print: CanPrint | None
) -> list[Problem]:
    """A problem for each ``(field, label, text)`` holding characters ``can_print`` refuses."""
    if can_print is None:
        return []
    problems: list[Problem] = []
    for field, label, text in fields:
        bad: list[tuple[int, str]] = []
        for position, ch in enumerate(text or "", start=1):
            if ch in "\n\t\r" or unicodedata.category(ch) in _SKIPPED_CATEGORIES:
                continue
            if not can_print(ch):
                bad.append((position, ch))
        if bad:
            listed = "、".join(f"第{i}个字符{char_label(ch)}" for i, ch in bad[:5])
            more = f"等 {len(bad)} 处" if len(bad) > 5 else ""
            problems.append(
                Problem(
                    field,
                    f"{label}中的{listed}{more}无法打印：本机和程序自带的字体里都没有这个字符，"
                    "打印和导出 PDF 时会出错。请删去或换成文字。",
                    "unprintable",
                )
            )
    return problems


__all__ = ["CanPrint", "char_label", "unprintable_problems"]
