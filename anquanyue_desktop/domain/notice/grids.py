"""Tables in a notice's text, whichever way they were copied: a row a line with the cells
split by tabs or bars (Word, a browser, a markdown page), or a cell a line each closed by a
bar (a web page's table flattened, merged cells left as runs of bars). Only the shape is
found here, which cells are the header and which make a row; what a row means is read in
:mod:`.reporting`."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def find_grids(lay: Layout) -> list[Grid]:
    """Every table with a header row of two or more cells."""
    grids: list[Grid] = []
    for sep in ("\t", "|"):
        if sep not in lay.norm:
            continue
        for block in _blocks(lay, sep):
            grid = _grid(lay.norm, block, sep)
            if grid is not None:
                grids.append(grid)
    return grids


_SEPARATORS = {sep: re.compile(re.escape(sep)) for sep in ("\t", "|")}


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
