"""The shape of a notice: lines, paragraphs, sentences, headings, tables and where the
attached forms (附件) begin."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .text import Seg, lines, normalize, paragraphs, sentences, tidy
from .timexpr import DateIndex

ENUM = (
    r"(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|"
    r"\d{1,2}\s*[.、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])"
)
_HEADING = re.compile(rf"^\s*\**\s*{ENUM}\s*\**\s*(?P<t>[^。\n,;:]{{2,30}}?)\s*\**\s*(?:[。.]|$)")
_APPENDIX_ALONE = re.compile(r"^\s*附\s*[件表]\s*(?P<n>[0-9一二三四五六七八九十]*)\s*:?\s*$")


@dataclass
class Layout:
    text: str
    norm: str
    lines: list[Seg]
    paras: list[Seg]
    sents: list[Seg]
    headings: list[tuple[int, str]] = field(default_factory=list)
    appendix_start: int = -1
    appendix_headers: list[tuple[int, int | None, str, Seg]] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)
    _heading_starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _date_indexes: dict[int | None, DateIndex] = field(default_factory=dict)

    def dates(self, this_month: int | None = None) -> DateIndex:
        """All date mentions (``本月`` read as ``this_month`` when given), found once."""
        if this_month not in self._date_indexes:
            self._date_indexes[this_month] = DateIndex(self.norm, this_month)
        return self._date_indexes[this_month]

    def line_text(self, seg: Seg) -> str:
        return self.norm[seg.start : seg.end]

    def line_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._line_starts, pos) - 1)

    def in_appendix(self, pos: int) -> bool:
        return self.appendix_start >= 0 and pos >= self.appendix_start

    def in_table(self, pos: int) -> bool:
        return "\t" in self.line_text(self.lines[self.line_index(pos)])

    def appendix_title_at(self, pos: int) -> str | None:
        title = None
        for start, _n, t, _seg in self.appendix_headers:
            if start <= pos:
                title = t
        return title or None

    def heading_before(self, pos: int, within: int = 800) -> str | None:
        i = bisect.bisect_right(self._heading_starts, pos) - 1
        if i < 0 or pos - self.headings[i][0] > within:
            return None
        return self.headings[i][1]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def next_nonblank_line(self, index: int, limit: int = 3) -> int | None:
        for j in range(index + 1, min(len(self.lines), index + 1 + limit + 1)):
            if self.line_text(self.lines[j]).strip():
                return j
        return None

    def prev_nonblank_line(self, index: int, limit: int = 3) -> int | None:
        for j in range(index - 1, max(-1, index - 1 - limit - 1), -1):
            if self.line_text(self.lines[j]).strip():
                return j
        return None


def build_layout(text: str) -> Layout:
    norm = normalize(text)
    ls = lines(norm)
    paras = paragraphs(norm, ls)
    sents = [s for p in paras for s in sentences(norm, p)]
    lay = Layout(text, norm, ls, paras, sents)
    lay._line_starts = [s.start for s in ls]
    lay._sent_starts = [s.start for s in sents]
    for seg in ls:
        body = norm[seg.start : seg.end]
        if "\t" in body or len(body) > 200:
            continue
        m = _HEADING.match(body)
        if m:
            title = lay.text[seg.start + m.start("t") : seg.start + m.end("t")]
            lay.headings.append((seg.start, tidy(title.strip("*＊ "))))
    lay._heading_starts = [h[0] for h in lay.headings]
    return lay


def find_appendix(lay: Layout, signature_end: int | None) -> None:
    """Where attached forms begin: a line that is only 附件N (not the notice's very first
    line, which marks the whole text as an attachment of a covering letter), or a line
    附件N：title after the signature. Each header's title is the first line after it."""
    first_nonblank = next((i for i, s in enumerate(lay.lines) if lay.line_text(s).strip()), None)
    for i, seg in enumerate(lay.lines):
        body = lay.line_text(seg)
        m = _APPENDIX_ALONE.match(body)
        title_line = None
        if m and i != first_nonblank:
            j = lay.next_nonblank_line(i)
            title_line = j
        elif (
            signature_end is not None
            and seg.start >= signature_end
            and (m2 := re.match(r"^\s*附\s*件\s*(\d{1,2})\s*:\s*(\S.{1,60})$", body))
        ):
            if lay.appendix_start < 0:
                lay.appendix_start = seg.start
            title = tidy(lay.text[seg.start + m2.start(2) : seg.start + m2.end(2)])
            lay.appendix_headers.append((seg.start, int(m2[1]), title, seg))
            continue
        else:
            continue
        if lay.appendix_start < 0:
            lay.appendix_start = seg.start
        n = m["n"] if m else ""
        number = int(n) if n.isdigit() else None
        title = ""
        tseg = seg
        if title_line is not None:
            tseg = lay.lines[title_line]
            t = lay.line_text(tseg).strip()
            if "\t" not in t and len(t) <= 60 and not _APPENDIX_ALONE.match(t):
                title = tidy(lay.text[tseg.start : tseg.end])
        lay.appendix_headers.append((seg.start, number, title, tseg))
