"""PDF pages as pictures, for the print preview and for printing: exactly the pages the PDF
holds, rendered by PDFium (pypdfium2), so what is previewed and printed is what was exported.

Data in, pictures out; no Qt. Sizes are in PostScript points (1/72 inch) as the PDF states them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageSize:
    width_pt: float
    height_pt: float

    @property
    def landscape(self) -> bool:
        return self.width_pt > self.height_pt

    def pixels(self, dpi: float) -> tuple[int, int]:
        """The size of the page rendered at ``dpi``."""
        scale = dpi / POINTS_PER_INCH
        return round(self.width_pt * scale), round(self.height_pt * scale)


class PdfPages:
    """An open PDF (bytes) to render page by page; close it, or use it in ``with``."""

    def __init__(self, pdf: bytes):
        # PDFium reads from the buffer while the document is open: keep it referenced.
        self._data = pdf
        try:
            self._doc = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise ValueError(f"PDF 文件无法读取：{exc}") from exc

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._doc.close()

    def __len__(self) -> int:
        return len(self._doc)

    def size(self, index: int) -> PageSize:
        width, height = self._doc[index].get_size()
        return PageSize(width, height)

    def sizes(self) -> list[PageSize]:
        return [self.size(i) for i in range(len(self))]

    def render(self, index: int, dpi: float, *, grayscale: bool = False) -> Image.Image:
        """Page ``index`` (0-based) at ``dpi``, white paper, with its annotations."""
        page = self._doc[index]
        try:
            bitmap = page.render(
                scale=dpi / POINTS_PER_INCH,
                grayscale=grayscale,
                fill_color=(255, 255, 255, 255),
                may_draw_forms=True,
            )
            return bitmap.to_pil().convert("L" if grayscale else "RGB")
        finally:
            page.close()

    def render_all(self, dpi: float, pages: range | None = None) -> Iterator[Image.Image]:
        for i in pages if pages is not None else range(len(self)):
            yield self.render(i, dpi)
