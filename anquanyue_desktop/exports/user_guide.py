"""The user guide (使用说明) as a PDF, from the short Markdown source kept in resources/guide.

Only what the guide uses: ``#`` title, ``##`` and ``###`` headings, ``-`` list items and plain
paragraphs. The same PDF layer as every other export, so the guide prints like our forms.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from reportlab.lib.units import mm

from . import pdf
from .fonts import FontSet, default_fonts
from .output import Output

BlockKind = Literal["title", "heading1", "heading2", "item", "paragraph"]

_GUIDE_BODY = pdf.TextStyle(
    "song", pdf.ZIHAO["小四"], leading=pdf.ZIHAO["小四"] * 1.7, align="justify", first_indent=2
)
_STYLES: dict[BlockKind, pdf.TextStyle] = {
    "title": replace(pdf.TITLE, space_after=6 * mm),
    "heading1": pdf.TextStyle(
        "hei", pdf.ZIHAO["四号"], leading=pdf.ZIHAO["四号"] * 1.6, space_before=4 * mm
    ),
    "heading2": pdf.TextStyle("kai", pdf.ZIHAO["小四"], leading=pdf.ZIHAO["小四"] * 1.7),
    # Items hang: the bullet sits in the indent, wrapped lines align with the text.
    "item": replace(_GUIDE_BODY, first_indent=0),
    "paragraph": _GUIDE_BODY,
}


@dataclass(frozen=True)
class GuideBlock:
    kind: BlockKind
    text: str


def parse_guide(source: str) -> list[GuideBlock]:
    """Blocks of the guide in order; lines of one paragraph are joined without spaces."""
    blocks: list[GuideBlock] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(GuideBlock("paragraph", "".join(paragraph)))
            paragraph.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("### "):
            flush()
            blocks.append(GuideBlock("heading2", line[4:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(GuideBlock("heading1", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(GuideBlock("title", line[2:].strip()))
        elif line.startswith("- "):
            flush()
            blocks.append(GuideBlock("item", "• " + line[2:].strip()))
        else:
            paragraph.append(line)
    flush()
    return blocks


def write_user_guide_pdf(
    source: str, out: Output, *, version: str, fonts: FontSet | None = None
) -> None:
    fonts = fonts or default_fonts()
    blocks = parse_guide(source)
    title = next((b.text for b in blocks if b.kind == "title"), "使用说明")
    story: list = []
    for block in blocks:
        story.append(
            pdf.TextBlock(
                block.text,
                _STYLES[block.kind],
                fonts=fonts,
                where=f"使用说明“{block.text[:12]}”",
                keep_with_next=block.kind in ("heading1", "heading2"),
            )
        )
        if block.kind == "title":
            story.append(pdf.TextBlock(f"（程序版本 {version}）", pdf.SUBTITLE, fonts=fonts))
    pdf.write_pdf(out, story, title=title, subject="使用说明", fonts=fonts)
