"""Text from page images, offline: scanned notices, phone photos, screenshots.

Recognition is RapidOCR (the ``rapidocr`` package, PP-OCRv6 small detection and recognition
models shipped inside its wheel, run by onnxruntime). The models are named by path, so the
package's download code is never reached: nothing leaves the PC.

Around it, the clean-up an office scan needs: a photo's page is found and flattened, the
red header rule and red seals are taken out while black text stays (the seal sits over the
date, and recognising through red ink garbles it), the page is deskewed, and the recognised
boxes are put back into lines and paragraphs in reading order. Each line keeps its
confidence so the review can mark the doubtful ones.

Optional: installed with the ``ocr`` extra. Without it :func:`require` raises
:class:`OcrUnavailable` with a Chinese message saying how to add it.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .notice_text import NoticeReadError, is_picture

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "读取图片和扫描版 PDF 需要“文字识别（OCR）”组件，当前没有安装。"
    "Windows 安装包已自带此组件，请用安装包重新安装；从源代码运行时，请在程序文件夹中执行："
    'python -m pip install -e ".[ocr]"'
)

# A line whose recognition score is below this is shown as unsure in the review.
UNSURE_BELOW = 0.90
# Pages are worked at about this width (A4 at ~170 dpi): enough for 五号 table text, small
# enough that a 12-megapixel photo costs no more than a scan.
WORK_WIDTH = 1400
MAX_PAGES = 60


class OcrUnavailable(NoticeReadError):
    """The OCR extra is not installed."""


class OcrCancelled(Exception):
    """The clerk stopped the reading."""


@dataclass(frozen=True)
class OcrLine:
    """One printed line: its text, the lowest score of its pieces, its box on the page
    image (x0, y0, x1, y1 in pixels of :attr:`OcrPage.image`) and where it sits in the
    joined text."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]
    page: int
    span: tuple[int, int] = (0, 0)

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW


@dataclass(frozen=True)
class OcrPage:
    image: Image.Image  # the cleaned page the boxes refer to (RGB)
    lines: tuple[OcrLine, ...]


@dataclass(frozen=True)
class OcrResult:
    """All pages read, and their text as paragraphs in reading order (``\\n`` between)."""

    text: str
    pages: tuple[OcrPage, ...] = ()
    lines: tuple[OcrLine, ...] = field(default=())

    @property
    def unsure_lines(self) -> list[OcrLine]:
        return [ln for ln in self.lines if ln.unsure]


def available() -> bool:
    try:
        require()
    except OcrUnavailable:
        return False
    return True


def require() -> None:
    """Raises :class:`OcrUnavailable` unless the OCR extra is installed."""
    try:
        import cv2  # noqa: F401
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError as exc:
        log.info("OCR not available: %s", exc)
        raise OcrUnavailable(INSTALL_HINT) from None


# The engine --------------------------------------------------------------------------------------

_engine: Any = None
_engine_lock = threading.Lock()


def _model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def engine() -> Any:
    """The one RapidOCR instance of the process (loading the models takes about a second)."""
    global _engine
    require()
    with _engine_lock:
        if _engine is None:
            from rapidocr import RapidOCR

            models = _model_dir()
            threads = _threads()
            _engine = RapidOCR(
                params={
                    "Global.log_level": "warning",
                    "Global.use_cls": False,  # pages are turned upright before recognition
                    "Global.max_side_len": 2400,
                    "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
                    "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
                    "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"),
                    # Detection needs far fewer pixels than recognition: text lines of a
                    # page at 1024 px are still 15+ px high. Recognition crops from the
                    # full-size page.
                    "Det.limit_type": "max",
                    "Det.limit_side_len": 1024,
                    # One line at a time: batches pad every line to the widest and, with
                    # full-width lines, cost twice the memory (700 MB against 340 MB a page)
                    # for no speed on two cores.
                    "Rec.rec_batch_num": 1,
                    "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                }
            )
        return _engine


# Pages in ----------------------------------------------------------------------------------------


def is_image(data: bytes) -> bool:
    return is_picture(data)


def open_image(data: bytes, name: str = "图片") -> Image.Image:
    """An image file's content as an upright RGB picture (EXIF orientation applied)."""
    import io

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            im = ImageOps.exif_transpose(im)
            return _rgb(im)
    except Image.DecompressionBombError:
        raise NoticeReadError(f"“{name}”的像素太多，不像一张通知的照片或扫描页。") from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise NoticeReadError(f"“{name}”不是能打开的图片（{type(exc).__name__}）。") from None


def _rgb(im: Image.Image) -> Image.Image:
    from PIL import Image

    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        back = Image.new("RGB", im.size, "white")  # a transparent screenshot reads as white
        back.paste(im, mask=im.getchannel("A"))
        return back
    return im.convert("RGB")


def pdf_pages(data: bytes, name: str = "PDF", dpi: int = 200) -> list[Image.Image]:
    """Every page of a (scanned) PDF rendered by PDFium."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise NoticeReadError(f"“{name}”无法作为 PDF 打开（{exc}）。") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise NoticeReadError(
                f"“{name}”有 {len(pdf)} 页，超过 {MAX_PAGES} 页，不像一份通知。请只选通知所在的页。"
            )
        out = []
        for page in pdf:
            try:
                out.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def source_pages(data: bytes, name: str = "文件") -> list[Image.Image]:
    """The page images of an image file or a PDF."""
    if data.lstrip()[:5] == b"%PDF-":
        return pdf_pages(data, name)
    if is_image(data):
        return [open_image(data, name)]
    raise NoticeReadError(f"“{name}”既不是图片也不是 PDF。")


# Clean-up ----------------------------------------------------------------------------------------


def _as_array(im: Image.Image) -> np.ndarray:
    import numpy as np

    return np.asarray(im.convert("RGB"))


def flatten_photo(rgb: np.ndarray) -> np.ndarray:
    """When the picture is a photo of a sheet lying on something darker, the sheet cut out
    and its perspective undone; a scan (the paper fills the picture) comes back as it is."""
    import cv2
    import numpy as np

    h, w = rgb.shape[:2]
    scale = 800 / max(h, w)
    small = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    _, paper = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((25, 25), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return rgb
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest) / (small.shape[0] * small.shape[1])
    if not 0.2 < area < 0.92:  # no distinct sheet, or the sheet is the whole picture
        return rgb
    quad = cv2.approxPolyDP(biggest, 0.02 * cv2.arcLength(biggest, True), True)
    if len(quad) != 4:
        quad = cv2.boxPoints(cv2.minAreaRect(biggest)).reshape(4, 1, 2)
    pts = quad.reshape(4, 2).astype(np.float32) / scale
    # Order: top-left, top-right, bottom-right, bottom-left.
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    src = np.float32([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])
    width = max(np.linalg.norm(src[1] - src[0]), np.linalg.norm(src[2] - src[3]))
    height = max(np.linalg.norm(src[3] - src[0]), np.linalg.norm(src[2] - src[1]))
    out_w, out_h = round(width), round(height)
    dst = np.float32([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(rgb, m, (out_w, out_h), flags=cv2.INTER_CUBIC)


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels of red ink (header, rule, seal), pale ones included, as 0/255."""
    import cv2
    import numpy as np

    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    mask = ((r - gb) > 40).astype(np.uint8) * 255
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def suppress_red(rgb: np.ndarray) -> np.ndarray:
    """The page in gray with the red rule and round seals removed and black text kept.

    Red ink is bright in the red channel and black ink is dark in all three, so the red
    channel alone drops red and keeps black, black text under a seal included (blue ink
    stays dark too). Red *text* (the issuer's name in the red header) is wanted, so red
    blobs that are neither inside a seal (large, round) nor a rule (long, thin) are taken
    from the green channel, where red is dark.
    """
    import cv2
    import numpy as np

    out = rgb[:, :, 0].copy()
    mask = red_mask(rgb)
    if cv2.countNonZero(mask) < 50:
        return out
    h, w = mask.shape
    unit = max(w, h) / 100  # about 3 mm on A4
    # Group strokes: a character's strokes, a whole header line, a seal's ring.
    k = max(3, int(unit))
    grouped = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grouped, connectivity=8)
    # Seals: black text crossing the ring cuts it into arcs, so bridge a text line's height.
    bridge = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(unit * 2.5),) * 2)
    rings = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, bridge)
    m, _, ring_stats, _ = cv2.connectedComponentsWithStats(rings, connectivity=8)
    seals = []
    for i in range(1, m):
        x, y, bw, bh, _area = ring_stats[i]
        if 0.7 < bw / max(bh, 1) < 1.4 and unit * 8 < bw < unit * 30:
            seals.append((x, y, x + bw, y + bh))
    # Under a seal, what stays of its ink in the red channel is a pale shadow (JPEG, scanner
    # blur): anything lighter than printed text goes to white there.
    pad = int(unit)
    for x0, y0, x1, y1 in seals:
        sl = (slice(max(0, y0 - pad), y1 + pad), slice(max(0, x0 - pad), x1 + pad))
        area = out[sl]
        area[area > 150] = 255
    green = rgb[:, :, 1]
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if bw < unit * 0.5 or bh < unit * 0.5 or (bh < unit and bw > 20 * bh):
            continue  # a speck, or the red rule under the header
        cx, cy = x + bw / 2, y + bh / 2
        if any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in seals):
            continue  # a seal, or its star and lettering
        sl = (slice(y, y + bh), slice(x, x + bw))
        region = labels[sl] == i
        out[sl][region] = np.minimum(out[sl], green[sl])[region]
    return out


def deskew_angle(gray: np.ndarray) -> float:
    """The angle (degrees) that makes the text lines horizontal, found as the rotation
    whose row profile of ink is sharpest; searched within ±5°."""
    import cv2
    import numpy as np

    h, w = gray.shape
    scale = 1000 / max(h, w)
    small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    center = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rot = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        rows = rot.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-5.0, 5.01, 0.5), key=sharpness)
    fine = max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness)
    return round(float(fine), 2)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def crop_to_text(gray: np.ndarray, margin: int = 24) -> np.ndarray:
    """The page cut to the area with ink (plus a margin): less for detection to look at."""
    import cv2
    import numpy as np

    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20
    )
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    # The outer 1.5 % is where scanner edges and shadows lie.
    h, w = gray.shape
    by, bx = int(h * 0.015), int(w * 0.015)
    ink[:by], ink[h - by :], ink[:, :bx], ink[:, w - bx :] = 0, 0, 0, 0
    ys, xs = np.nonzero(ink)
    if len(xs) < 100:
        return gray
    x0, x1 = np.percentile(xs, [0.05, 99.95]).astype(int)
    y0, y1 = np.percentile(ys, [0.05, 99.95]).astype(int)
    return gray[max(0, y0 - margin) : y1 + margin, max(0, x0 - margin) : x1 + margin]


def clean_page(im: Image.Image) -> np.ndarray:
    """A page picture made ready for recognition: flattened, about :data:`WORK_WIDTH`
    wide, red removed, deskewed and cropped; gray."""
    import cv2

    rgb = _as_array(im)
    rgb = flatten_photo(rgb)
    h, w = rgb.shape[:2]
    if w > WORK_WIDTH * 1.15 or w < WORK_WIDTH * 0.6:
        s = WORK_WIDTH / w
        interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
        rgb = cv2.resize(rgb, (WORK_WIDTH, round(h * s)), interpolation=interp)
    gray = suppress_red(rgb)
    gray = rotate(gray, deskew_angle(gray))
    return crop_to_text(gray)


# Boxes to text -----------------------------------------------------------------------------------


@dataclass
class _Piece:
    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


def _lines(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces grouped into printed lines (vertical centres within half a line height), each
    line read left to right, lines top to bottom."""
    rows: list[list[_Piece]] = []
    for p in sorted(pieces, key=lambda p: p.cy):
        if rows:
            row = rows[-1]
            cy = sum(q.cy for q in row) / len(row)
            hh = sorted(q.h for q in row)[len(row) // 2]
            if abs(p.cy - cy) < 0.5 * min(hh, p.h):
                row.append(p)
                continue
        rows.append([p])
    return [sorted(r, key=lambda p: p.x0) for r in rows]


def _line_text(row: list[_Piece]) -> str:
    """Pieces of one line joined; a gap wider than two characters (a table's columns) is a
    tab, as in the text the notice parser reads from Word tables."""
    out = row[0].text
    for prev, p in itertools.pairwise(row):
        gap = p.x0 - prev.x1
        out += ("\t" if gap > 2 * max(prev.h, p.h) else "") + p.text
    return out


def page_lines(
    pieces: list[_Piece], page: int
) -> list[tuple[str, float, tuple[int, int, int, int], bool]]:
    """Lines of one page as (text, confidence, box, starts_paragraph).

    A line starts a paragraph when it is indented (the two-character first-line indent of
    Chinese documents, or a centred title), when the line before stopped well short of the
    right edge, or after a larger gap than lines have between them."""
    rows = _lines(pieces)
    if not rows:
        return []
    left = min(r[0].x0 for r in rows)
    right = max(r[-1].x1 for r in rows)
    heights = sorted(sum(p.h for p in r) / len(r) for r in rows)
    char = heights[len(heights) // 2]
    gaps = sorted(b[0].y0 - a[0].y1 for a, b in itertools.pairwise(rows))
    usual_gap = gaps[len(gaps) // 2] if gaps else char
    out = []
    prev_end: float | None = None
    prev_bottom: float | None = None
    for row in rows:
        x0, x1 = row[0].x0, row[-1].x1
        y0, y1 = min(p.y0 for p in row), max(p.y1 for p in row)
        indented = x0 - left > 1.2 * char
        short_before = prev_end is not None and right - prev_end > 1.5 * char
        far_below = prev_bottom is not None and y0 - prev_bottom > usual_gap + 1.2 * char
        starts = prev_end is None or indented or short_before or far_below
        text = _line_text(row)
        box = (int(x0), int(y0), int(x1), int(y1))
        out.append((text, min(p.score for p in row), box, starts))
        prev_end, prev_bottom = x1, y1
    return out


def recognise(gray: np.ndarray) -> list[_Piece]:
    """Text pieces found on a cleaned page."""
    import cv2

    result = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    if not result.txts:
        return []
    pieces = []
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        text = text.strip()
        if text:
            pieces.append(_Piece(text, float(score), min(xs), min(ys), max(xs), max(ys)))
    return pieces


def read_page(im: Image.Image, page: int = 0) -> tuple[OcrPage, Flow]:
    """One page: its cleaned image and lines, and (text, starts_paragraph) per line."""
    from PIL import Image

    gray = clean_page(im)
    lines = page_lines(recognise(gray), page)
    shown = Image.fromarray(gray).convert("RGB")
    ocr_lines = tuple(OcrLine(t, c, b, page) for t, c, b, _ in lines)
    return OcrPage(shown, ocr_lines), [(t, s) for t, _, _, s in lines]


Flow = list[tuple[str, bool]]  # each line's text and whether it starts a paragraph


def iter_read(
    images: Iterable[Image.Image], cancelled: Callable[[], bool] = lambda: False
) -> Iterator[tuple[OcrPage, Flow]]:
    """Reads the pages one by one (a worker yields progress between them); stops with
    :class:`OcrCancelled` before the next page once ``cancelled()`` is true."""
    for n, im in enumerate(images):
        if cancelled():
            raise OcrCancelled()
        yield read_page(im, n)


def join_pages(pages: list[tuple[OcrPage, Flow]]) -> OcrResult:
    """Pages read by :func:`read_page` joined into one text. A paragraph running over a
    page break continues on the next page unless that page's first line is indented."""
    text = ""
    all_lines: list[OcrLine] = []
    out_pages = []
    for page, flow in pages:
        placed = []
        for line, (t, starts) in zip(page.lines, flow, strict=True):
            if text and starts:
                text += "\n"
            start = len(text)
            text += t
            placed.append(
                OcrLine(line.text, line.confidence, line.box, line.page, (start, len(text)))
            )
        all_lines.extend(placed)
        out_pages.append(OcrPage(page.image, tuple(placed)))
    return OcrResult(text, tuple(out_pages), tuple(all_lines))


def read_images(
    images: Iterable[Image.Image],
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> OcrResult:
    """All pages read in order. ``progress(n)`` is called after page n (1-based) is done;
    :class:`OcrCancelled` is raised as soon as ``cancelled()`` says so between pages."""
    require()
    done = []
    for n, item in enumerate(iter_read(images, cancelled), start=1):
        done.append(item)
        if progress:
            progress(n)
    return join_pages(done)
