"""Tables in a notice's text, whichever way they were copied: a row a line with the cells
split by tabs or bars (Word, a browser, a markdown page), or a cell a line each closed by a
bar (a web page's table flattened, merged cells left as runs of bars). Only the shape is
found here, which cells are the header and which make a row; what a row means is read in
:mod:`.reporting`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .layout import Layout
from .text import Seg

# |---|:---| under a markdown header; a lone — is a cell saying "nothing" (— |), not a rule.
_RULE_ROW = re.compile(r"^[\s|:]*(?:-{2,}|—{2,})[\s|:\-—]*$")
_DIGIT_OR_STOP = re.compile(r"[\d:;。,]")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\))")
MAX_HEAD_CELL = 20


@dataclass
class Grid:
    """Header cells and rows of the same width; an empty cell is an empty span."""

    header: list[Seg]
    rows: list[list[Seg]]


def header_like(text: str, longest: int = MAX_HEAD_CELL) -> bool:
    """A header cell: short words, no figure, no sentence, no numbered heading."""
    t = text.strip()
    return 0 < len(t) <= longest and _DIGIT_OR_STOP.search(t) is None and _NUMBERED.match(t) is None


def find_grids(lay: Layout, spaced_head: tuple[str, ...] = ()) -> list[Grid]:
    """Every table with a header row of two or more cells; with ``spaced_head``, also the
    tables whose cells a copy split by spaces only (a header line holding one of those
    words)."""
    grids: list[Grid] = []
    if spaced_head:
        grids.extend(_spaced_grids(lay, spaced_head))
    for sep in ("\t", "|"):
        if sep not in lay.norm:
            continue
        for block in _blocks(lay, sep):
            grid = _grid(lay.norm, block, sep)
            if grid is not None:
                grids.append(grid)
    return grids


_SEPARATORS = {sep: re.compile(re.escape(sep)) for sep in ("\t", "|")}
_TOKEN = re.compile(r"[^ \u3000]+")
MAX_SPACED_HEAD = 60


def _tokens(norm: str, line: Seg) -> list[Seg]:
    return [
        Seg(line.start + m.start(), line.start + m.end())
        for m in _TOKEN.finditer(norm[line.start : line.end])
    ]


def _lines_holding(lay: Layout, words: tuple[str, ...]) -> list[int]:
    """The lines where one of ``words`` stands (found by plain string search: a pattern
    scanning the whole text would cost more than the rest of this reader)."""
    found: set[int] = set()
    for word in words:
        pos = lay.norm.find(word)
        while pos >= 0:
            i = lay.line_index(pos)
            found.add(i)
            pos = lay.norm.find(word, lay.lines[i].end)
    return sorted(found)


def _spaced_grids(lay: Layout, head_words: tuple[str, ...]) -> list[Grid]:
    """序号 报表名称 填报单位 报送时间 / 1 改装汽车…核定表 改装汽车企业填报 2019年2月底前: a header
    line of three or more short words split by spaces, then rows of as many cells (a line of
    one cell is a section's title; anything else ends the table)."""
    norm = lay.norm
    grids: list[Grid] = []
    for i in _lines_holding(lay, head_words):
        line = lay.lines[i]
        if line.end - line.start > MAX_SPACED_HEAD or "\t" in norm[line.start : line.end]:
            continue
        head = _tokens(norm, line)
        if len(head) < 3 or not all(header_like(norm[c.start : c.end]) for c in head):
            continue
        rows: list[list[Seg]] = []
        for below in lay.lines[i + 1 :]:
            cells = _tokens(norm, below)
            if len(cells) == len(head):
                rows.append(cells)
            elif len(cells) == 1 and header_like(norm[cells[0].start : cells[0].end]):
                rows.append(cells + [Seg(cells[0].end, cells[0].end)] * (len(head) - 1))
            elif cells:
                break
        if sum(1 for r in rows if r[1].end > r[1].start) >= 2:
            grids.append(Grid(head, rows))
    return grids


def _blocks(lay: Layout, sep: str) -> list[list[Seg]]:
    """Runs of lines that hold ``sep`` (blank lines inside a run are skipped); only the
    lines with ``sep`` and those between them are looked at."""
    blocks: list[list[Seg]] = []
    last = -2
    for i in lay.lines_with(_SEPARATORS[sep]):
        gap = lay.lines[last + 1 : i] if last >= 0 else []
        if last < 0 or any(lay.norm[s.start : s.end].strip() for s in gap):
            blocks.append([])
        blocks[-1].append(lay.lines[i])
        last = i
    return blocks


def _cells(norm: str, line: Seg, sep: str, closed: bool) -> list[Seg]:
    """A line's cells, trimmed. ``closed``: each cell ends at a bar (a cell a line), so
    ``|||`` is three empty cells and nothing after the last bar counts unless it is text."""
    out: list[Seg] = []
    a = line.start
    text = norm[line.start : line.end]
    if not closed and sep == "|" and text.lstrip().startswith("|"):
        a = line.start + text.index("|") + 1  # | a | b |: the opening bar opens no cell
    while True:
        b = norm.find(sep, a, line.end)
        end = line.end if b < 0 else b
        if b >= 0 or norm[a:end].strip() or (not closed and sep == "\t"):
            out.append(_trim(norm, a, end))
        if b < 0:
            break
        a = b + 1
    if not closed and sep == "|" and out and out[-1].start == out[-1].end:
        out.pop()  # the closing bar
    return out


def _trim(norm: str, a: int, b: int) -> Seg:
    while a < b and norm[a].isspace():
        a += 1
    while b > a and norm[b - 1].isspace():
        b -= 1
    return Seg(a, b)


def _grid(norm: str, block: list[Seg], sep: str) -> Grid | None:
    def filled(cells: list[Seg]) -> int:
        return sum(1 for c in cells if c.end > c.start)

    block = [
        line for line in block if not (sep == "|" and _RULE_ROW.match(norm[line.start : line.end]))
    ]
    if not block:
        return None
    head = _cells(norm, block[0], sep, False)
    headed = len(head) >= 2 and all(header_like(norm[c.start : c.end]) for c in head)
    if sep == "\t" and not headed:
        return None  # tabs always split a row a line: no header, no table to read
    rows = [head] + [_cells(norm, line, sep, False) for line in block[1:]]
    if sum(1 for r in rows if filled(r) >= 2) * 2 > len(rows):
        # A row a line.
        if not headed:
            return None
        return Grid(head, [r for r in rows[1:] if len(r) >= len(head)])
    if sep != "|":
        return None
    # A cell a line, each closed by a bar: the header is the run of header cells at the top,
    # each row as many cells as it.
    cells = [c for line in block for c in _cells(norm, line, sep, True)]
    width = 0
    while width < len(cells) and header_like(norm[cells[width].start : cells[width].end]):
        width += 1
    if width < 2:
        return None
    body = cells[width:]
    return Grid(
        cells[:width], [body[i : i + width] for i in range(0, len(body) - width + 1, width)]
    )


@dataclass
class BoxGrid:
    """A table drawn with box characters (│ 表号 │ 表名 │ … between ├──┼──┤ rules), whose
    cells may wrap over several lines: each cell is the pieces of it on each line."""

    header: list[list[Seg]]
    rows: list[list[list[Seg]]]


_BOX_BAR = "│┃║"
_BOX_LINE = re.compile(rf"^[ \t]*[{_BOX_BAR}]")
_BOX_RULE = re.compile(
    r"^[ \t]*[┌├└┏┣┗╔╠╚╒╞╘╓╟╙┝┠┡┢┞┟][─━═┬┼┴┳╋┻╦╬╩╤╪╧╥╫╨┯┿┷┰╂┸\s-]*[┐┤┘┓┫┛╗╣╝╕╡╛╖╢╜┥┨┩┪┦┧]?[ \t]*$"
)
_BOX_SPLIT = re.compile(f"[{_BOX_BAR}]")


def find_box_grids(lay: Layout) -> list[BoxGrid]:
    """Every box-drawn table with a header row of two or more cells."""
    norm = lay.norm
    if not any(bar in norm for bar in _BOX_BAR):
        return []
    grids: list[BoxGrid] = []
    rows: list[list[list[Seg]]] = []
    current: list[list[Seg]] | None = None
    width = 0

    def close() -> None:
        nonlocal rows, current, width
        if current is not None:
            rows.append(current)
        current = None
        if len(rows) >= 2 and width >= 2:
            heads = rows[0]
            if all(
                header_like("".join(norm[s.start : s.end] for s in c).replace(" ", ""))
                for c in heads
            ):
                grids.append(BoxGrid(heads, rows[1:]))
        rows, width = [], 0

    for line in lay.lines:
        text = norm[line.start : line.end]
        if _BOX_RULE.match(text):
            if current is not None:
                rows.append(current)
                current = None
            continue
        if not _BOX_LINE.match(text):
            close()
            continue
        bars = [line.start + m.start() for m in _BOX_SPLIT.finditer(text)]
        pieces = [_trim(norm, a + 1, b) for a, b in pairwise(bars)]
        if width and len(pieces) != width:
            close()
        if not width:
            width = len(pieces)
        if current is None:
            current = [[] for _ in range(width)]
        for cell, piece in zip(current, pieces, strict=True):
            if piece.end > piece.start:
                cell.append(piece)
    close()
    return grids
