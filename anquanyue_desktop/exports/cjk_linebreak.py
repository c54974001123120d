"""Chinese line breaking (禁则) for text mixed with Latin letters and digits. Pure Python.

reportlab's own CJK wrapping breaks anywhere, so a line may begin with “，” or end with “（”.
Here, following GB/T 15834 and the W3C Chinese layout requirements:

- no line starts with closing punctuation (，。；：？！、”’》）」』】 … % ‰ and the like);
- no line ends with opening punctuation (“‘《（「『【〔〈 and the like);
- “——” and “……” are never split; a run of Latin letters/digits (a word, a number, a date,
  a phone number) moves as one unit unless it is wider than a whole line;
- when a rule would be broken, the preceding character is pushed down to the next line (推出)
  instead of squeezing the punctuation into the line; the line is left a little short.

Spaces at a break stay at the end of the upper line (they are invisible there), so joining a
paragraph's lines always gives back exactly the paragraph: nothing is lost or reordered.
Widths are taken from ``width(text)``; the width of a string is assumed to be the sum of the
widths of its pieces (true for PDF fonts without kerning).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

WidthFn = Callable[[str], float]

#: Characters that must not begin a line (closing punctuation, 点号, units after a number).
NO_LINE_START: frozenset[str] = frozenset(
    "，。；：？！、”’》）」』】〕〉〗〙〛］｝〟"  # Chinese closing marks and 点号
    "…‥⋯·・～"  # ellipsis, 间隔号, 连接号
    "%‰℃℉°′″￠"  # units that follow a number
    "，．：；！？）］｝％＞｣､｡"  # full-width and half-width forms
    ")]},.;:!?"  # ASCII closing punctuation
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーゝゞヽヾ々〻"  # small kana, iteration marks
)

#: Characters that must not end a line (opening punctuation, currency before a number).
NO_LINE_END: frozenset[str] = frozenset(
    "“‘《（「『【〔〈〖〘〚［｛〝"  # Chinese opening marks
    "（［｛＜｢"  # full-width forms
    "([{"  # ASCII
    "￥＄£¥$€"  # currency signs precede their number
)

# Inside a Latin/digit run these join the characters on both sides: 2022.6.1, 1,000,
# 13800138000-1, a/b, e-mail, user@example.com, 3:30.
_WORD_JOINERS = frozenset(".,:/-_'’@&+#=?~\\")
# “——” and “……” occupy two character cells and are never split between lines.
_PAIRED_MARKS = frozenset("—…⋯‥")


def _is_word_char(ch: str) -> bool:
    """A Latin-script letter or digit (also their full-width forms), not a CJK ideograph."""
    if "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
        return True
    cat = unicodedata.category(ch)
    if cat[0] not in "LN" or cat == "No":
        return False
    return unicodedata.east_asian_width(ch) not in ("W", "F")


def atoms(text: str) -> list[str]:
    """``text`` cut into pieces never split: characters, words, paired marks, space runs."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if ch.isspace():
            while j < n and text[j].isspace() and text[j] != "\n":
                j += 1
        elif _is_word_char(ch):
            while j < n:
                nxt = text[j]
                if _is_word_char(nxt) or unicodedata.category(nxt)[0] == "M":
                    j += 1
                elif nxt in _WORD_JOINERS and j + 1 < n and _is_word_char(text[j + 1]):
                    j += 2
                else:
                    break
        elif ch in _PAIRED_MARKS:
            while j < n and text[j] == ch:
                j += 1
        while j < n and unicodedata.category(text[j])[0] == "M":
            j += 1  # combining marks stay with their base character
        out.append(text[i:j])
        i = j
    return out


def _break_allowed(pieces: list[str]) -> list[bool]:
    """``allowed[b]``: may a line begin at piece ``b``?"""
    allowed = [False] * len(pieces)
    last_visible: str | None = None  # the last non-space piece before b
    for b, piece in enumerate(pieces):
        if not piece.isspace():
            allowed[b] = (
                last_visible is not None
                and piece[0] not in NO_LINE_START
                and last_visible[-1] not in NO_LINE_END
            )
            last_visible = piece
    return allowed


def _split_oversized(piece: str, width: WidthFn, limit: float) -> tuple[str, str]:
    """The longest head of ``piece`` that fits ``limit`` (at least one character), and the rest."""
    k = 1
    while k < len(piece) and width(piece[: k + 1]) <= limit + 1e-9:
        k += 1
    # Never leave a combining mark at the start of the rest.
    while k < len(piece) and unicodedata.category(piece[k])[0] == "M":
        k += 1
    return piece[:k], piece[k:]


def break_paragraph(
    text: str,
    width: WidthFn,
    max_width: float,
    first_line_width: float | None = None,
) -> list[str]:
    """Lines of one paragraph (no ``\\n``) no wider than ``max_width`` (the first line
    ``first_line_width``, e.g. less a two-character indent). ``"".join(result) == text``.

    A single character wider than the line gets a line of its own.
    """
    if "\n" in text:
        raise ValueError("break_paragraph takes one paragraph; use break_lines for text with \\n")
    if not text:
        return [""]
    pieces = atoms(text)
    widths = [width(p) for p in pieces]
    allowed = _break_allowed(pieces)
    lines: list[str] = []
    start, n = 0, len(pieces)
    while start < n:
        limit = first_line_width if (not lines and first_line_width is not None) else max_width
        used = 0.0
        i = start
        last_ok: int | None = None  # the latest place in this line where a new line may begin
        brk: int | None = None
        while i < n:
            if pieces[i].isspace():  # spaces hang at the line end, never begin a line
                used += widths[i]
                i += 1
                continue
            if i > start and allowed[i]:
                last_ok = i
            if used + widths[i] <= limit + 1e-9:
                used += widths[i]
                i += 1
                continue
            if i > start and allowed[i]:
                brk = i  # break right here
            elif last_ok is not None:
                brk = last_ok  # 推出: carry the characters that may not be parted down
            elif any(not p.isspace() for p in pieces[start:i]):
                brk = i  # one unbreakable cluster wider than a line: no rule can hold
            elif i > start and widths[i] <= limit:
                brk = i  # only spaces before it: they keep this line, the piece fits the next
            else:
                # A single piece wider than a whole line: cut it where it overflows.
                head, rest = _split_oversized(pieces[i], width, limit - used)
                if rest:
                    pieces[i : i + 1] = [head, rest]
                    widths[i : i + 1] = [width(head), width(rest)]
                    allowed.insert(i + 1, True)
                    n += 1
                brk = i + 1
            break
        if brk is None:
            brk = n
        lines.append("".join(pieces[start:brk]))
        start = brk
    return lines


def break_lines(
    text: str,
    width: WidthFn,
    max_width: float,
    first_line_width: float | None = None,
) -> list[str]:
    """Lines of ``text``; each ``\\n`` ends a paragraph (an empty paragraph is an empty line).

    ``first_line_width`` applies to the first line of every paragraph.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(break_paragraph(paragraph, width, max_width, first_line_width))
    return lines


def balanced_lines(text: str, width: WidthFn, max_width: float) -> list[str]:
    """Like :func:`break_lines`, but with lines of even length, as titles want
    (GB/T 9704: 回行时……排列对称，长短适宜): the narrowest width giving the same line count."""
    lines = break_lines(text, width, max_width)
    if len(lines) <= 1:
        return lines
    lo, hi = 0.0, max_width
    for _ in range(24):
        mid = (lo + hi) / 2
        if len(break_lines(text, width, mid)) == len(lines):
            hi = mid
        else:
            lo = mid
    return break_lines(text, width, hi)
