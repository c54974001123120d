"""A notice of many pages as a text PDF (reportlab, the CID font STSong-Light), to read
page by page; also a script for looking at the progress dialog with a long one:

    python tests/made_pdfs.py OUT.pdf [PAGES]
"""

from __future__ import annotations

import sys
from pathlib import Path


def page_line(page: int) -> str:
    """The sentence on page ``page`` (1-based): every page says which it is."""
    return f"第{page}页：请各村于6月{page % 28 + 1}日前报送本村安全生产月活动情况。"


def paged_notice_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for page in range(1, pages + 1):
        c.setFont("STSong-Light", 14)
        c.drawString(72, 780, "关于开展安全生产月活动的通知")
        for i in range(20):
            c.drawString(
                72, 740 - 24 * i, page_line(page) if i == 0 else f"（{i}）各村、社区做好排查。"
            )
        c.showPage()
    c.save()
    return path


if __name__ == "__main__":
    paged_notice_pdf(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 60)
