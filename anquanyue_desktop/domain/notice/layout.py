"""The shape of a notice: lines, sentences, headings, tables and where the attached forms
(附件) begin."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .text import LineStart, Seg, lines, normalize, sentences, soft_breaks, tidy
from .timexpr import DateIndex

ENUM = (
    r"(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|"
    r"\d{1,2}\s*[.、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])"
)
_HEADING = re.compile(rf"^\s*\**\s*{ENUM}\s*\**\s*(?P<t>[^。\n,;:]{{2,30}}?)\s*\**\s*(?:[。.]|$)")
_HEADING_START = LineStart(r"[ \t*]*[一二三四五六七八九十(\d①②③④⑤⑥⑦⑧⑨⑩]")
_APPENDIX_ALONE = re.compile(r"^\s*附\s*[件表]\s*(?P<n>[0-9一二三四五六七八九十]*)\s*:?\s*$")
_APPENDIX_TITLED = re.compile(r"^\s*附\s*件\s*(\d{1,2})\s*:\s*(\S.{1,60})$")
MAX_APPENDIX_HEADERS = 50
_TAB = re.compile("\t")
_BAR_ROW = re.compile(r"\|[^|\n]*\|[^|\n]*\|")
_APPENDIX_CHAR = re.compile("附")


@dataclass
class AppendixHeader:
    """附件N and the title line under it (the form's name)."""

    start: int
    number: int | None
    title: str
    title_line: Seg


@dataclass
class Layout:
    text: str
    norm: str
    lines: list[Seg]
    sents: list[Seg]
    headings: list[tuple[int, str]] = field(default_factory=list)
    appendix_start: int = -1
    appendix_headers: list[AppendixHeader] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)
    _heading_starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _tab_lines: set[int] = field(default_factory=set)
    _date_indexes: dict[int | None, DateIndex] = field(default_factory=dict)

    def dates(self, this_month: int | None = None) -> DateIndex:
        """All date mentions (``本月`` read as ``this_month`` when given), found once."""
        if this_month not in self._date_indexes:
            base = self.dates() if this_month else None
            self._date_indexes[this_month] = DateIndex(self.norm, this_month, base)
        return self._date_indexes[this_month]

    def line_text(self, seg: Seg) -> str:
        return self.norm[seg.start : seg.end]

    def line_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._line_starts, pos) - 1)

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def lines_with(self, pattern: str | re.Pattern[str]) -> Iterator[int]:
        """Indices of the lines where ``pattern`` occurs, in order (one search per line
        found, however often the pattern occurs in it; lazily, so a caller can stop)."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        if rx.fullmatch("") is not None:
            # "|" as a regular expression matches nothing at every place: a caller's slip
            # that would list every line (and, at the text's end, the last one forever).
            raise ValueError(f"lines_with: {rx.pattern!r} matches the empty string")
        pos = 0
        while pos <= len(self.norm) and (m := rx.search(self.norm, pos)) is not None:
            i = self.line_index(m.start())
            yield i
            pos = max(m.end(), self.lines[i].end + 1)

    def sentences_with(self, pattern: re.Pattern[str]) -> Iterator[int]:
        """Indices of the sentences where ``pattern`` occurs, in order (lazily)."""
        pos = 0
        while self.sents and (m := pattern.search(self.norm, pos)) is not None:
            i = self.sentence_index(m.start())
            seg = self.sents[i]
            if seg.start <= m.start() < seg.end:
                yield i
                pos = max(m.end(), seg.end)
            else:
                pos = m.end()

    def in_appendix(self, pos: int) -> bool:
        return self.appendix_start >= 0 and pos >= self.appendix_start

    def in_table(self, pos: int) -> bool:
        return self.line_index(pos) in self._tab_lines

    def appendix_title_at(self, pos: int) -> str | None:
        starts = [h.start for h in self.appendix_headers]
        i = bisect.bisect_right(starts, pos) - 1
        return (self.appendix_headers[i].title or None) if i >= 0 else None

    def heading_before(self, pos: int, within: int = 800) -> str | None:
        i = bisect.bisect_right(self._heading_starts, pos) - 1
        if i < 0 or pos - self.headings[i][0] > within:
            return None
        return self.headings[i][1]

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
    sents = sentences(norm, soft_breaks(norm, ls))
    lay = Layout(text, norm, ls, sents)
    lay._line_starts = [s.start for s in ls]
    lay._sent_starts = [s.start for s in sents]
    # A table's rows: cells split by tabs, or by bars (three or more on a line).
    lay._tab_lines = set(lay.lines_with(_TAB)) | (
        set(lay.lines_with(_BAR_ROW)) if "|" in norm else set()
    )
    for start in _HEADING_START.starts(norm):
        seg = ls[lay.line_index(start)]
        body = norm[seg.start : seg.end]
        if "\t" in body or len(body) > 200:
            continue
        m = _HEADING.match(body)
        if m:
            title = text[seg.start + m.start("t") : seg.start + m.end("t")]
            lay.headings.append((seg.start, tidy(title.strip("*＊ "))))
    lay._heading_starts = [h[0] for h in lay.headings]
    return lay


def find_appendix(lay: Layout, signature_end: int | None) -> None:
    """Where attached forms begin: a line that is only 附件N (not the notice's very first
    line, which marks the whole text as an attachment of a covering letter), or a line
    附件N：title after the signature. Each header's title is the first line after it."""
    first_nonblank = next((i for i, s in enumerate(lay.lines) if lay.line_text(s).strip()), None)
    for i in lay.lines_with(_APPENDIX_CHAR):
        if len(lay.appendix_headers) >= MAX_APPENDIX_HEADERS:
            break
        seg = lay.lines[i]
        body = lay.line_text(seg)
        m = _APPENDIX_ALONE.match(body)
        if m and i != first_nonblank:
            if lay.appendix_start < 0:
                lay.appendix_start = seg.start
            number = int(m["n"]) if m["n"].isdigit() else None
            title, tseg = "", seg
            j = lay.next_nonblank_line(i)
            if j is not None:
                t = lay.line_text(lay.lines[j]).strip()
                if "\t" not in t and len(t) <= 60 and not _APPENDIX_ALONE.match(t):
                    tseg = lay.lines[j]
                    title = tidy(lay.text[tseg.start : tseg.end])
            lay.appendix_headers.append(AppendixHeader(seg.start, number, title, tseg))
            continue
        m2 = _APPENDIX_TITLED.match(body)
        if m2 and signature_end is not None and seg.start >= signature_end:
            if lay.appendix_start < 0:
                lay.appendix_start = seg.start
            title = tidy(lay.text[seg.start + m2.start(2) : seg.start + m2.end(2)])
            lay.appendix_headers.append(AppendixHeader(seg.start, int(m2[1]), title, seg))
