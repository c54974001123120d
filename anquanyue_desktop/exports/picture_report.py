"""图文 material: activities with their photos, as upper levels ask for beside the tables.

Each activity gets a line (unit, date, name, 人次) and up to four photos two to a row, each
turned upright by its EXIF orientation and downscaled (long side ≤ 1600 px, JPEG) so a pack
stays small, with its caption below. Data in, file out; photos come as file paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer, Table, TableStyle

from . import pdf
from .fonts import FontSet
from .output import Output, open_output

MAX_SIDE_PX = 1600
JPEG_QUALITY = 82
PHOTOS_PER_ACTIVITY = 4


@dataclass(frozen=True)
class Picture:
    path: Path
    caption: str = ""


@dataclass(frozen=True)
class PictureSection:
    """One activity: its line of text and the photos picked for it."""

    heading: str
    text: str = ""
    pictures: tuple[Picture, ...] = ()


def prepared_photo(path: Path, max_side: int = MAX_SIDE_PX) -> tuple[bytes, int, int]:
    """The photo upright (EXIF orientation applied), at most ``max_side`` px, as JPEG bytes,
    with its width and height."""
    with PILImage.open(path) as original:
        picture = ImageOps.exif_transpose(original)
        picture = picture.convert("RGB")
        picture.thumbnail((max_side, max_side))
        buffer = BytesIO()
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return buffer.getvalue(), picture.width, picture.height


def _photo_cell(picture: Picture, width: float, fonts: FontSet | None) -> list:
    data, w, h = prepared_photo(picture.path)
    height = min(width * h / w, 70 * mm)
    scaled_width = height * w / h
    cell: list = [Image(BytesIO(data), width=scaled_width, height=height)]
    if picture.caption.strip():
        caption_style = replace(pdf.TABLE_BODY, align="center", size=pdf.ZIHAO["五号"])
        cell.append(pdf.TextBlock(picture.caption.strip(), caption_style, fonts=fonts))
    return cell


def picture_story(
    sections: Sequence[PictureSection], width: float, fonts: FontSet | None = None
) -> list:
    """Flowables for ``sections`` in a type area ``width`` points wide."""
    story: list = []
    column = (width - 6 * mm) / 2
    heading_style = replace(pdf.TABLE_HEADER, align="left", size=pdf.ZIHAO["四号"])
    for section in sections:
        block: list = [pdf.TextBlock(section.heading, heading_style, fonts=fonts)]
        if section.text.strip():
            block.append(pdf.TextBlock(section.text.strip(), pdf.TABLE_BODY, fonts=fonts))
        pictures = list(section.pictures[:PHOTOS_PER_ACTIVITY])
        rows = [pictures[i : i + 2] for i in range(0, len(pictures), 2)]
        for n, row in enumerate(rows):
            cells = [_photo_cell(p, column, fonts) for p in row]
            if len(cells) == 1:
                cells.append([])
            table = Table([cells], colWidths=[column + 3 * mm, column + 3 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ]
                )
            )
            # The heading stays with the first row of photos.
            if n == 0:
                block += [Spacer(1, 2 * mm), table]
                story.append(KeepTogether(block))
            else:
                story.append(table)
        if not rows:
            story.append(KeepTogether(block))
        story.append(Spacer(1, 5 * mm))
    return story


def write_pictures_pdf(
    title: str,
    subtitle: str,
    sections: Sequence[PictureSection],
    out: Output,
    *,
    fonts: FontSet | None = None,
) -> None:
    """The 图文 material as an A4 portrait PDF: title, period line, then each activity."""
    layout = pdf.PORTRAIT
    title_style = replace(pdf.TITLE, size=pdf.ZIHAO["二号"])
    story: list = [pdf.TextBlock(title, title_style, fonts=fonts, keep_with_next=True)]
    if subtitle:
        story += [Spacer(1, 2 * mm), pdf.TextBlock(subtitle, pdf.SUBTITLE, fonts=fonts)]
    story.append(Spacer(1, 6 * mm))
    if not sections:
        story.append(pdf.TextBlock("（本期没有附照片的活动）", pdf.TABLE_BODY, fonts=fonts))
    story += picture_story(sections, layout.width, fonts)
    pdf.write_pdf(out, story, title=title, layout=layout, fonts=fonts)


def write_pictures_docx(
    title: str, subtitle: str, sections: Sequence[PictureSection], out: Output
) -> None:
    """The same 图文 material as a Word document: photos two to a row, captions below."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    if subtitle:
        line = document.add_paragraph(subtitle)
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not sections:
        document.add_paragraph("（本期没有附照片的活动）")
    for section in sections:
        head = document.add_paragraph()
        head.add_run(section.heading).bold = True
        if section.text.strip():
            document.add_paragraph(section.text.strip())
        pictures = list(section.pictures[:PHOTOS_PER_ACTIVITY])
        if not pictures:
            continue
        rows = (len(pictures) + 1) // 2
        table = document.add_table(rows=rows * 2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, picture in enumerate(pictures):
            data, _w, _h = prepared_photo(picture.path)
            row, col = (i // 2) * 2, i % 2
            cell = table.cell(row, col).paragraphs[0]
            cell.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.add_run().add_picture(BytesIO(data), width=Mm(75))
            caption = table.cell(row + 1, col).paragraphs[0]
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.add_run(picture.caption.strip()).font.size = Pt(10.5)
    with open_output(out) as stream:
        document.save(stream)
