"""Text plumbing for notice parsing: a length-preserving normal form, Chinese numerals,
lines, sentences and clauses, all as spans into the original text.

Every offset the parser hands out points into the text the caller gave it. To keep that
true the normal form changes characters one for one and never adds or removes any:
full-width ASCII (６月３日、１８：００、（）：，；) becomes ASCII, the ideographic and
no-break spaces become spaces. Everything else (Chinese numerals, 〇, 、。) stays and
the patterns read it as it is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Full-width ASCII block FF01–FF5E → 21–7E; U+3000 and U+00A0 → space. One char for one.
_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFEFF: 0x20})
# Dashes that join ranges (6月1日—6月30日) become one kind of dash.
_TABLE.update({0x2013: 0x2014, 0x2015: 0x2014, 0x2212: 0x2D, 0xFE63: 0x2D})


# A str indexed by code point is the fastest table str.translate takes; code points past
# the table (beyond U+FFFF) stay as they are. Lone surrogates only become "?".
_FAST_TABLE = "".join(
    chr(_TABLE.get(i, i)) if not 0xD800 <= i <= 0xDFFF else "?" for i in range(0x10000)
)


def normalize(text: str) -> str:
    """Full-width ASCII to ASCII, odd spaces to spaces; the same length as ``text``."""
    return text.translate(_FAST_TABLE)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# A number as notices write days, months, hours and years: 3, 03, 三, 十二, 二十一, 廿一, 二〇二三.
CN_NUM_CHARS = "零〇○一二两三四五六七八九十廿卅"
NUM = r"(?:\d{1,4}|[零〇○一二两三四五六七八九十廿卅]{1,4})"


def cn_int(s: str) -> int | None:
    """3 / 03 / 三 / 十二 / 二十一 / 廿一 / 二〇二三 → int; None when it is not a number."""
    s = s.strip()
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if any(c in "十廿卅" for c in s):
        tens_char = next(c for c in s if c in "十廿卅")
        head, _, tail = s.partition(tens_char)
        if tens_char == "十":
            if head and (head not in _CN_DIGITS):
                return None
            tens = _CN_DIGITS[head] if head else 1
        else:
            if head:
                return None
            tens = 2 if tens_char == "廿" else 3
        if tail and tail not in _CN_DIGITS:
            return None
        return tens * 10 + (_CN_DIGITS[tail] if tail else 0)
    value = 0
    for c in s:
        if c not in _CN_DIGITS:
            return None
        value = value * 10 + _CN_DIGITS[c]
    return value


class Seg(NamedTuple):
    """A piece of the text: ``[start, end)`` in both the original and the normal form."""

    start: int
    end: int


_ENUM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|"
    r"\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十\d]+[条章节]|附\s*[件表]|注\s*[:：]|[●•◆■□]|[-—*]\s)"
)
_LABEL_LINE = re.compile(r"^\s*[\u4e00-\u9fff ]{1,10}[:：]")
_HARD_END = re.compile(r"[。;；!！?？:：”\"’'）)】》]\s*$")
_TITLE_END = re.compile(r"(?:通知|方案|意见|决定|办法|函|报告|细则|要点|安排|\d{1,2}\s*日)\s*$")
_SOFT_WRAP_MIN = 20


def lines(text: str) -> list[Seg]:
    """Every line as a span (without its line break); ``\\r\\n`` and ``\\r`` count as breaks."""
    out: list[Seg] = []
    pos = 0
    for piece in text.split("\n"):
        end = pos + len(piece)
        out.append(Seg(pos, end - 1 if piece.endswith("\r") else end))
        pos = end + 1
    return out


def _is_soft_wrap(text: str, line: Seg, nxt: Seg) -> bool:
    """A line a word processor or a PDF broke in the middle of a sentence."""
    body = text[line.start : line.end].strip()
    follow = text[nxt.start : nxt.end]
    if len(body) < _SOFT_WRAP_MIN or "\t" in body or "\t" in follow:
        return False
    if _HARD_END.search(body) or _TITLE_END.search(body):
        return False
    if _ENUM_START.match(follow) or _LABEL_LINE.match(follow):
        return False
    return True


def paragraphs(text: str, ls: list[Seg] | None = None) -> list[Seg]:
    """Lines joined where a line was only wrapped (a long line without closing punctuation
    followed by text that does not start a new item); blank lines between wrapped pieces
    (a page break) are skipped over, at most two."""
    ls = lines(text) if ls is None else ls
    out: list[Seg] = []
    i = 0
    n = len(ls)
    while i < n:
        if not text[ls[i].start : ls[i].end].strip():
            i += 1
            continue
        start = ls[i].start
        end = ls[i].end
        j = i
        while True:
            k = j + 1
            skipped = 0
            while k < n and not text[ls[k].start : ls[k].end].strip() and skipped < 2:
                k += 1
                skipped += 1
            if k < n and text[ls[k].start : ls[k].end].strip() and _is_soft_wrap(text, ls[j], ls[k]):
                end = ls[k].end
                j = k
                continue
            break
        out.append(Seg(start, end))
        i = j + 1
    return out


_SENT_END = re.compile(r"[。;；!！?？]+|\n|\r")


def sentences(norm: str, para: Seg) -> list[Seg]:
    """The sentences of a paragraph: split on 。；！？ (line breaks inside a joined paragraph
    are not breaks). Spans exclude the closing punctuation and surrounding spaces."""
    out: list[Seg] = []
    body = norm[para.start : para.end]
    pos = 0
    for m in re.finditer(r"[。;!?]+", body):
        _add_trimmed(out, norm, para.start + pos, para.start + m.start())
        pos = m.end()
    _add_trimmed(out, norm, para.start + pos, para.end)
    return out


def _add_trimmed(out: list[Seg], norm: str, start: int, end: int) -> None:
    piece = norm[start:end]
    core = piece.strip(" \t\r\n")
    if core:
        start += piece.index(core[0])
        out.append(Seg(start, start + len(core)))


_OPEN = {"(": ")", "[": "]", "【": "】", "“": "”", "《": "》", "‘": "’", "〔": "〕", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def depth_map(s: str, quotes: bool = True) -> list[int]:
    """Bracket depth before each character of ``s`` (ASCII double quotes toggle)."""
    depth = 0
    straight = False
    out = []
    for c in s:
        out.append(depth + (1 if straight else 0))
        if c in _OPEN and (quotes or c not in "“‘"):
            depth += 1
        elif c in _CLOSE and (quotes or c not in "”’"):
            depth = max(0, depth - 1)
        elif c == '"' and quotes:
            straight = not straight
    return out


def balanced_depths(s: str) -> list[int]:
    """Depths if the brackets of ``s`` close, else with quotes ignored, else all zero."""
    for quotes in (True, False):
        d = depth_map(s, quotes)
        if _closes(s, quotes):
            return d
    return [0] * len(s)


def _closes(s: str, quotes: bool) -> bool:
    depth = 0
    straight = False
    for c in s:
        if c in _OPEN and (quotes or c not in "“‘"):
            depth += 1
        elif c in _CLOSE and (quotes or c not in "”’"):
            if depth == 0:
                return False
            depth -= 1
        elif c == '"' and quotes:
            straight = not straight
    return depth == 0 and not straight


def clauses(norm: str, sent: Seg) -> list[Seg]:
    """The clauses of a sentence: split on ，, and ： outside brackets and quotes (a colon
    between digits, as in 18:00, is no split)."""
    s = norm[sent.start : sent.end]
    depths = balanced_depths(s)
    out: list[Seg] = []
    pos = 0
    for i, c in enumerate(s):
        if depths[i] != 0:
            continue
        if c == "," or (c == ":" and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit())):
            _add_trimmed(out, norm, sent.start + pos, sent.start + i)
            pos = i + 1
    _add_trimmed(out, norm, sent.start + pos, sent.end)
    return out


def parentheticals(s: str) -> list[tuple[int, int]]:
    """Top-level (…) and （…） groups of ``s`` as (start, end) including the brackets."""
    out = []
    depth = 0
    start = -1
    for i, c in enumerate(s):
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def mask_parentheticals(s: str) -> str:
    """``s`` with every top-level (…) replaced by spaces of the same length."""
    chars = list(s)
    for a, b in parentheticals(s):
        for i in range(a, b):
            chars[i] = " "
    return "".join(chars)


def strip_parentheticals(s: str) -> str:
    out = []
    pos = 0
    for a, b in parentheticals(s):
        out.append(s[pos:a])
        pos = b
    out.append(s[pos:])
    return "".join(out)


_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff“”《》（）])\s+|\s+(?=[\u3000-\u9fff“”《》（）])")


def tidy(s: str) -> str:
    """Line breaks and spaces next to Chinese characters removed, other runs made one space."""
    s = re.sub(r"[\r\n\t]+", "", s)
    s = _CJK_SPACE.sub("", s)
    return re.sub(r"\s{2,}", " ", s).strip()


def split_top(s: str, seps: tuple[str, ...]) -> list[str]:
    """``s`` split on any of ``seps`` outside brackets and quotes."""
    depths = balanced_depths(s)
    parts = []
    pos = 0
    i = 0
    while i < len(s):
        hit = None
        if depths[i] == 0:
            for sep in seps:
                if s.startswith(sep, i):
                    hit = sep
                    break
        if hit:
            parts.append(s[pos:i])
            i += len(hit)
            pos = i
        else:
            i += 1
    parts.append(s[pos:])
    return parts
