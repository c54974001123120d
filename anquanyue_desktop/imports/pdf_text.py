"""A text PDF's words in reading order, its ruled tables a row a line.

pypdf gives the text in the order the file draws it. Word processors often draw a line's
Chinese quotation marks in a second run after the line (another font), so “安全生产月” came
out as 安全生产月 … “ ” and 11月26日前 as 11 月26 “日前: a deadline lost. pdfplumber
(pdfminer.six) places every character where it stands on the page, and finds the ruled
tables a notice's forms are, cell by cell, where the plain text gave one cell a line with
no sign of where a row ends.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

# A cell's text wraps inside the cell: joined again without a space between Chinese
# characters, with one between Latin words.
_WRAP = re.compile(r"(?<=[\x00-\x7f])\n(?=[\x00-\x7f])")


def page_texts(data: bytes, progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Each page's text; a ruled table's rows each on a line, cells split by tabs (as a
    Word table is read). Raises what pdfminer raises on a file it cannot read.
    ``progress(done, total)`` is called after each page; what it raises stops the read."""
    import pdfplumber

    out: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages)
        for page in pdf.pages:
            out.append(_page_text(page))
            if progress is not None:
                progress(len(out), total)
    return out


def _page_text(page: Any) -> str:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return page.extract_text() or ""
    parts: list[str] = []
    top = page.bbox[1]
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top < top:
            continue  # overlaps the table above: its text was read with it
        if t_top > top:
            parts.append(_region(page, top, t_top))
        rows = [[_cell(c) for c in row] for row in table.extract()]
        parts.append("\n".join("\t".join(row) for row in rows if any(row)))
        top = t_bottom
    if top < page.bbox[3]:
        parts.append(_region(page, top, page.bbox[3]))
    return "\n".join(p for p in parts if p)


def _region(page: Any, top: float, bottom: float) -> str:
    x0, _, x1, _ = page.bbox
    # Only what lies wholly in the band: a table's first row touches the band above it.
    return page.within_bbox((x0, top, x1, bottom)).extract_text() or ""


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return _WRAP.sub(" ", text).replace("\n", "").replace("\t", " ").strip()
