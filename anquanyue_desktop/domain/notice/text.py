"""Text plumbing for notice parsing: a length-preserving normal form, Chinese numerals,
lines, sentences (with lines a word processor or PDF only wrapped joined again) and
clauses, all as spans into the original text.

Every offset the parser hands out points into the text the caller gave it. To keep that
true the normal form changes characters one for one and never adds or removes any:
full-width ASCII (６月３日、１８：００、（）：，；) becomes ASCII, the ideographic and
no-break spaces become spaces. Everything else (Chinese numerals, 〇, 、。) stays and
the patterns read it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

# Full-width ASCII block FF01–FF5E → 21–7E; U+3000 and U+00A0 → space. One char for one.
_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFEFF: 0x20})
# Dashes that join ranges (6月1日—6月30日) become one kind of dash.
_TABLE.update({0x2013: 0x2014, 0x2015: 0x2014, 0x2212: 0x2D, 0xFE63: 0x2D})
# Colons a font or an input method picked for times (15∶30, 17︰00).
_TABLE.update({0x2236: 0x3A, 0xFE30: 0x3A})


_MAPPED = re.compile("[" + re.escape("".join(chr(c) for c in _TABLE)) + "]")
_REPLACEMENT = {chr(c): chr(r) for c, r in _TABLE.items()}  # no replacement is itself mapped


def normalize(text: str) -> str:
    """Full-width ASCII to ASCII, odd spaces to spaces, traditional characters to simplified
    ones; the same length as ``text``. (The first character still to map is looked for and
    replaced throughout by str.replace, the search going on from where it found it: a
    notice uses a handful of them, its full-width commas everywhere; far cheaper than
    translating every character, listing every comma, or a call back for each.)"""
    out = text
    pos = 0
    while (m := _MAPPED.search(out, pos)) is not None:
        c = m.group()
        out = out.replace(c, _REPLACEMENT[c])
        pos = m.start() + 1
    out = to_simplified(out)
    # Only text with spaces between many characters (a PDF copy) is searched for them.
    if _DIGIT_SPACE.search(out):
        if out.count(" ") * 40 > len(out) and _SPLIT_NUMBER.search(out):
            out = _SPLIT_NUMBER.sub(_join_digits, out)
        else:
            # 于8月1 5日前: one day split in a text with few spaces, between 月 and 日.
            out = _SPLIT_DAY.sub(_join_digits, out)
    return out


# 1 月 2 0日前 (text copied out of a PDF): the digits of one number split by spaces. The
# spaces move after the number, so the text keeps its length and the number reads whole.
# (A digit, a space, a digit, looked for from the space: a pattern opening with \d checks
# every character of the text.)
_DIGIT_SPACE = re.compile(r" (?<=\d )\d")
_SPLIT_NUMBER = re.compile(r"(?<![\d.:-])\d(?: \d)+(?=\s*[年月日号时点])")
_SPLIT_DAY = re.compile(r"(?<=月)\d \d(?=\s*[日号])")


def _join_digits(m: re.Match[str]) -> str:
    s = m.group()
    digits = s.replace(" ", "")
    return digits + " " * (len(s) - len(digits))


# Characters only traditional text uses, common in notices: one is enough to convert.
_TRADITIONAL_HINT = re.compile(
    "[報於時週請將後區縣鄉鎮辦為個內關與開會這對從應發過實現經進運還際達傳級須則條項"
    "檢單總統結體務備類產屬處專書詢寫據樣辦聯絡員門訊誤錄彙匯屆畫愛機構說啟動節"
    "學間費繳註冊選課證習獎補參資廳國萬電話網號點長車東義議護驗環災衛設計財營預額]"
)
_converter = None


def to_simplified(text: str) -> str:
    """Traditional characters (報送、於6月5日前) as simplified ones, character for
    character, so that every offset still points at the same place. OpenCC does the
    mapping; it is loaded only when the text has a traditional character at all. Where its
    phrase rules would change the length of a line, that line is mapped one character at a
    time instead."""
    global _converter
    if not _TRADITIONAL_HINT.search(text):
        return text
    if _converter is None:
        try:
            import opencc  # a C library with its dictionaries: loaded on first need
        except ImportError:  # pragma: no cover - a dependency; without it text stays as it is
            return text
        # Without the table of rare simplified forms most fonts lack (OpenCC ≥ 1.4.1): such a
        # character stays as written, and the converter loads one dictionary fewer.
        _converter = opencc.OpenCC("t2s", include_tofu_risk_dictionaries=False)
    out = _converter.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        conv = _converter.convert(line)
        if len(conv) != len(line):
            conv = "".join(
                c if len(c) == 1 else o
                for o, c in zip(line, map(_converter.convert, line), strict=True)
            )
        lines.append(conv)
    return "\n".join(lines)


# Pinyin a mirror site put after characters (報(bào)送): a tone-marked syllable in brackets.
_RUBY = re.compile(
    r"\((?<=[\u4e00-\u9fff]\()(?=[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)"
)


def strip_ruby(text: str) -> tuple[str, list[int]] | None:
    """The text without pinyin after its characters, and where each of its characters (and
    its end) stands in ``text``; None when there is none. The one change the parser makes
    that is not one character for one: the offsets are mapped back afterwards."""
    if "(" not in text or not _RUBY.search(text):
        return None
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _RUBY.finditer(text):
        out.append(text[pos : m.start()])
        offs.extend(range(pos, m.start()))
        pos = m.end()
    out.append(text[pos:])
    offs.extend(range(pos, len(text)))
    offs.append(len(text))
    return "".join(out), offs


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


class LineStart:
    """A pattern that matches only where a line starts. It is looked for after each line
    break (a literal the search jumps to) and at the text's start, instead of trying ``^``
    at every position of the text: the same places, far fewer tries."""

    def __init__(self, body: str, flags: int = 0):
        self.pattern = re.compile(body, flags)
        self._after_break = re.compile(rf"\n(?=(?:{body}))", flags)

    def starts(self, text: str) -> Iterator[int]:
        """Where the lines at which the pattern matches start, in order."""
        if self.pattern.match(text):
            yield 0
        for m in self._after_break.finditer(text):
            yield m.end()


class Seg(NamedTuple):
    """A piece of the text: ``[start, end)`` in both the original and the normal form."""

    start: int
    end: int


# Seg((a, b)) without the Python-level __new__ a NamedTuple has: made for every line,
# sentence and clause.
_seg = partial(tuple.__new__, Seg)


_ENUM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|"
    r"\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十\d]+[条章节]|附\s*[件表]|注\s*[:：]|[●•◆■□]|[-—*]\s)"
)
_LABEL_LINE = re.compile(r"^\s*[\u4e00-\u9fff ]{1,10}[:：]")
# The last character of a line that ends its sentence, and the ends of a title (a line is
# tested by its last characters, not searched through).
_HARD_END = frozenset("。;；!！?？:：”\"’'）)】》")
_TITLE_END = ("通知", "方案", "意见", "决定", "办法", "函", "报告", "细则", "要点", "安排")
_DAY_END = re.compile(r"\d{1,2}\s*日$")
_SOFT_WRAP_MIN = 20


def lines(text: str) -> list[Seg]:
    """Every line as a span (without its line break, ``\\n`` or ``\\r\\n``)."""
    out: list[Seg] = []
    pos = 0
    for piece in text.split("\n"):
        end = pos + len(piece)
        out.append(_seg((pos, end - 1 if piece.endswith("\r") else end)))
        pos = end + 1
    return out


def _is_box(ch: str) -> bool:
    """A box-drawing character (│ ├ ─ ┼ …)."""
    return len(ch) == 1 and "\u2500" <= ch <= "\u257f"


def _is_soft_wrap(text: str, line: Seg, nxt: Seg) -> bool:
    """A line a word processor or a PDF broke in the middle of a sentence."""
    body = text[line.start : line.end].strip()
    follow = text[nxt.start : nxt.end]
    if len(body) < _SOFT_WRAP_MIN or "\t" in body or "\t" in follow:
        return False
    if body[-1] in _HARD_END or body.endswith(_TITLE_END):
        return False
    if _is_box(body[0]) or _is_box(body[-1]) or _is_box(follow.lstrip()[:1]):
        return False  # a line of a table drawn with │ and ├─┼: each line is its own
    if body[-1] == "日" and _DAY_END.search(body):
        return False
    return not (_ENUM_START.match(follow) or _LABEL_LINE.match(follow))


def soft_breaks(text: str, ls: list[Seg]) -> set[int]:
    """Positions of the line breaks that only wrap a sentence: after a long line without
    closing punctuation, before text that does not start a new item. Blank lines between
    the two pieces (a page break) are skipped over, at most two."""
    soft: set[int] = set()
    for i in range(len(ls) - 1):
        # A line of at least _SOFT_WRAP_MIN characters (a \r before its break counted).
        if ls[i + 1].start - 1 - ls[i].start < _SOFT_WRAP_MIN:
            continue
        k = i + 1
        skipped = 0
        while k < len(ls) and not text[ls[k].start : ls[k].end].strip() and skipped < 2:
            k += 1
            skipped += 1
        if (
            k < len(ls)
            and text[ls[k].start : ls[k].end].strip()
            and _is_soft_wrap(text, ls[i], ls[k])
        ):
            soft.update(range(ls[i].end, ls[k].start))
    return soft


# A sentence: from a character that is neither space nor a closing mark to the last such
# character before the next 。；！？ or line break.
_SENTENCE = re.compile(r"[^\s。;!?](?:[^。;!?\n]*[^\s。;!?])?")
MAX_SENTENCE = 2000  # longer runs without any closing mark are cut (at a comma if one is near)


def sentences(norm: str, soft: set[int] | frozenset[int] = frozenset()) -> list[Seg]:
    """The sentences of the text: split on 。；！？ and on line breaks, except the line
    breaks in ``soft`` (see :func:`soft_breaks`). Spans exclude the closing punctuation and
    surrounding spaces."""
    text = norm
    if soft:
        # Each soft break a space: joined from slices, not rebuilt character by character.
        pieces, last = [], 0
        for i in sorted(soft):
            pieces.append(norm[last:i])
            pieces.append(" ")
            last = i + 1
        pieces.append(norm[last:])
        text = "".join(pieces)
    out = [_seg(m.span()) for m in _SENTENCE.finditer(text)]
    if any(s.end - s.start > MAX_SENTENCE for s in out):
        out = [piece for s in out for piece in _cut_long(norm, s)]
    return out


def _cut_long(norm: str, s: Seg) -> list[Seg]:
    if s.end - s.start <= MAX_SENTENCE:
        return [s]
    out: list[Seg] = []
    pos = s.start
    while s.end - pos > MAX_SENTENCE:
        cut = norm.rfind(",", pos + MAX_SENTENCE // 2, pos + MAX_SENTENCE)
        cut = cut + 1 if cut > 0 else pos + MAX_SENTENCE
        _add_trimmed(out, norm, pos, cut)
        pos = cut
    _add_trimmed(out, norm, pos, s.end)
    return out


def _add_trimmed(out: list[Seg], norm: str, start: int, end: int) -> None:
    piece = norm[start:end]
    core = piece.strip(" \t\r\n")
    if core:
        start += piece.index(core[0])
        out.append(_seg((start, start + len(core))))


_OPEN = {
    "(": ")",
    "[": "]",
    "【": "】",
    "“": "”",
    "《": "》",
    "‘": "’",
    "〔": "〕",
    "{": "}",
    "（": "）",
}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKETS = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + '"]')
_CURLY = "“‘”’"


def _marks(s: str, quotes: bool) -> list[tuple[int, int]] | None:
    """(position, depth after it) at every bracket of ``s``, or None when the brackets do
    not close. With ``quotes`` False curly quotes and ASCII double quotes are ignored."""
    depth = 0
    straight = False
    out = []
    for m in _BRACKETS.finditer(s):
        c = m.group()
        if not quotes and (c in _CURLY or c == '"'):
            continue
        if c == '"':
            straight = not straight
            depth += 1 if straight else -1
        elif c in _OPEN:
            depth += 1
        else:
            if depth == 0:
                return None
            depth -= 1
        out.append((m.start(), depth))
    if depth != 0:
        return None
    return out


def top_level(s: str) -> list[tuple[int, int]]:
    """The stretches of ``s`` outside brackets and quotes, as (start, end). When brackets
    do not close, quotes are ignored; when even then they do not, all of ``s`` counts."""
    marks = _marks(s, True)
    if marks is None:
        marks = _marks(s, False)
    if not marks:
        return [(0, len(s))]
    out = []
    pos = 0
    depth = 0
    for i, d in marks:
        if depth == 0 and d > 0:
            out.append((pos, i))
        if d == 0:
            pos = i + 1
        depth = d
    out.append((pos, len(s)))
    return [(a, b) for a, b in out if b > a]


# (Each alternative starts with its character, the lookbehind after it: the search jumps
# from one , or : to the next instead of trying every position.)
_CLAUSE_SPLIT = re.compile(r",|:(?<!\d:)|:(?!\d)")


def clauses(norm: str, sent: Seg) -> list[Seg]:
    """The clauses of a sentence: split on ，, and ： outside brackets and quotes (a colon
    between digits, as in 18:00, is no split)."""
    s = norm[sent.start : sent.end]
    out: list[Seg] = []
    pos = 0
    for a, b in top_level(s):
        for m in _CLAUSE_SPLIT.finditer(s, a, b):
            _add_trimmed(out, norm, sent.start + pos, sent.start + m.start())
            pos = m.end()
    _add_trimmed(out, norm, sent.start + pos, sent.end)
    return out


_PARENS = re.compile(r"[()（）]")


def parentheticals(s: str) -> list[tuple[int, int]]:
    """Top-level (…) and （…） groups of ``s`` as (start, end) including the brackets."""
    if "(" not in s and "（" not in s:
        return []  # no group opens (most clauses): no scan for brackets
    out = []
    depth = 0
    start = -1
    for m in _PARENS.finditer(s):
        if m.group() in "(（":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                out.append((start, m.end()))
    return out


def mask_parentheticals(s: str) -> str:
    """``s`` with every top-level (…) replaced by spaces of the same length."""
    spans = parentheticals(s)
    if not spans:
        return s
    out = []
    pos = 0
    for a, b in spans:
        out.append(s[pos:a])
        out.append(" " * (b - a))
        pos = b
    out.append(s[pos:])
    return "".join(out)


_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff“”《》（）])\s+|\s+(?=[\u3000-\u9fff“”《》（）])")


def tidy(s: str) -> str:
    """Line breaks and spaces next to Chinese characters removed, other runs made one space."""
    if s.split() == [s]:
        return s  # not a blank in it (most sources): nothing to remove
    s = _BREAKS.sub("", s)
    s = _CJK_SPACE.sub("", s)
    return _BLANK_RUN.sub(" ", s).strip()


_BREAKS = re.compile(r"[\r\n\t]+")
_BLANK_RUN = re.compile(r"\s{2,}")


def split_top(s: str, seps: tuple[str, ...]) -> list[str]:
    """``s`` split on any of ``seps`` outside brackets and quotes."""
    pattern = re.compile("|".join(re.escape(x) for x in sorted(seps, key=len, reverse=True)))
    parts = []
    pos = 0
    for a, b in top_level(s):
        for m in pattern.finditer(s, a, b):
            if m.start() < pos:
                continue
            parts.append(s[pos : m.start()])
            pos = m.end()
    parts.append(s[pos:])
    return parts
