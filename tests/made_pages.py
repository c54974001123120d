"""Made images of the seed notices, the way offices print, scan and photograph them.

Each notice is laid out on A4 pages in the manner of GB/T 9704 (28 characters a line, 22
lines a page, 16 pt body in the bundled serif), with the issuer as a red header over a red
rule on the first page and a red round seal stamped over the date of issue. A page is then
"scanned" (150 or 200 dpi, turned by 1–2°, JPEG noise) or "photographed" (perspective,
uneven light, a desk around it). Only this generator is committed, never the images.

    python tests/made_pages.py OUT_DIR [--seeds ../shared/seeds]   # writes them to look at
"""

from __future__ import annotations

import functools
import io
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from anquanyue_desktop.exports.fonts import LATIN_FALLBACK_FONT
from anquanyue_desktop.resources import FONTS_DIR

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# The bundled 宋体-style serif (AR PL SungtiL GB) stands in for the 仿宋 of office prints.
FONT = FONTS_DIR / "gbsn00lp.ttf"

A4_MM = (210.0, 297.0)
LEFT_MM, TOP_MM = 28.0, 37.0
AREA_MM = (156.0, 225.0)
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
RED = (214, 28, 36)
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


@dataclass(frozen=True)
class Line:
    text: str
    kind: str = "body"  # header (red issuer), rule (red line), title, body
    indent: bool = False


@dataclass(frozen=True)
class Page:
    """One laid-out page: its lines, and which line (if any) carries the seal."""

    lines: tuple[Line, ...]
    seal_line: int | None = None

    @property
    def text(self) -> str:
        """The page's text as the parser would see it, one printed paragraph a line."""
        out: list[str] = []
        for ln in self.lines:
            if ln.kind == "rule":
                continue
            if ln.indent or not out or ln.kind != "body":
                out.append(ln.text)
            else:
                out[-1] += ln.text
        return "\n".join(out)


def seed_files(seeds: Path = SEEDS) -> list[Path]:
    return sorted(seeds.glob("*.txt"))


def _width(s: str) -> float:
    """Width in character cells: ASCII about half a cell, a tab two cells."""
    return sum(2.0 if c == "\t" else 0.6 if ord(c) < 0x80 else 1.0 for c in s)


def _wrap(par: str, first_indent: bool) -> list[Line]:
    out: list[Line] = []
    budget = CHARS_PER_LINE - (2 if first_indent else 0)
    cur, w, first = "", 0.0, True
    for c in par:
        cw = _width(c)
        if w + cw > budget and cur:
            out.append(Line(cur, indent=first and first_indent))
            cur, w, first, budget = "", 0.0, False, CHARS_PER_LINE
        cur += c
        w += cw
    if cur:
        out.append(Line(cur, indent=first and first_indent))
    return out


def layout(text: str) -> list[Page]:
    """The notice's non-empty lines as printed pages: line 1 the red header, line 2 the
    title, then paragraphs with a two-character first-line indent."""
    pars = [re.sub(r"[ \u3000]+$", "", p).strip(" \u3000") for p in text.splitlines()]
    pars = [re.sub(r"\t+", "\t", p).strip("\t") for p in pars]
    pars = [p for p in pars if p.strip()]
    lines: list[Line] = []
    seal_at: int | None = None
    for i, par in enumerate(pars):
        if i == 0:
            lines.append(Line(par, "header"))
            lines.append(Line("", "rule"))
        elif i == 1:
            lines.append(Line(par, "title"))
        else:
            if _DATE_LINE.match(par) and seal_at is None:
                seal_at = len(lines)
            lines.extend(_wrap(par, first_indent="\t" not in par))
    pages: list[Page] = []
    start = 0
    # The header block takes the room of four body lines on page one.
    first_page_cost = {"header": 2, "rule": 1, "title": 2}
    while start < len(lines):
        used, end = 0, start
        while end < len(lines):
            cost = first_page_cost.get(lines[end].kind, 1)
            if used + cost > LINES_PER_PAGE:
                break
            used += cost
            end += 1
        seal = seal_at - start if seal_at is not None and start <= seal_at < end else None
        pages.append(Page(tuple(lines[start:end]), seal))
        start = end
    return pages


@functools.cache
def _cjk_chars() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(FONT)).charToGlyph)


@functools.cache
def _font(px: float, latin: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(LATIN_FALLBACK_FONT if latin else FONT), max(8, round(px)))


def _draw_text(
    d: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, px: float, fill
) -> float:
    """Draws ``text`` character by character, each in the bundled CJK font when it has the
    glyph and else in reportlab's Vera (the CJK font has no digits, Latin or curly quotes),
    as the program's own PDFs do. Returns the width drawn."""
    x, y = xy
    for c in text:
        latin = ord(c) not in _cjk_chars()
        f = _font(px, latin)
        d.text((x, y + (px * 0.08 if latin else 0)), c, font=f, fill=fill)
        x += d.textlength(c, font=f)
    return x - xy[0]


def _text_width(d: ImageDraw.ImageDraw, text: str, px: float) -> float:
    return sum(d.textlength(c, font=_font(px, ord(c) not in _cjk_chars())) for c in text)


def _draw_seal(size: int, text: str, rng: random.Random) -> Image.Image:
    """A red round seal (ring, star, the issuer's name round the arc) as an RGBA image."""
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    c = size / 2
    ring = max(3, size // 28)
    d.ellipse((ring, ring, size - ring, size - ring), outline=(*RED, 235), width=ring)
    r_star, pts = size * 0.16, []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        r = r_star if k % 2 == 0 else r_star * 0.4
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=(*RED, 235))
    name = (text or "专用章")[:16]
    ch = size * 0.12
    font = _font(ch)
    span = math.radians(240)
    for k, char in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(name)
        glyph = Image.new("RGBA", (int(ch * 1.4), int(ch * 1.4)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((ch * 0.2, 0), char, font=font, fill=(*RED, 235))
        glyph = glyph.rotate(-math.degrees(a) - 90, expand=True, resample=Image.BICUBIC)
        r = c - ring * 2 - ch * 0.75
        x, y = c + r * math.cos(a) - glyph.width / 2, c + r * math.sin(a) - glyph.height / 2
        im.alpha_composite(glyph, (max(0, int(x)), max(0, int(y))))
    # Ink is uneven: fade random blotches so the seal looks stamped, not drawn.
    alpha = np.asarray(im.getchannel("A"), dtype=np.float32)
    noise = np.asarray(
        Image.effect_noise((size, size), 60).filter(ImageFilter.GaussianBlur(3)), np.float32
    )
    alpha *= np.clip(0.55 + (noise - 128) / 160, 0.25, 1.0)
    im.putalpha(Image.fromarray(alpha.astype(np.uint8)))
    return im


def render_page(page: Page, dpi: int, *, seal_text: str = "", seed: int = 0) -> Image.Image:
    """The page as a clean RGB print at ``dpi``."""
    rng = random.Random(seed)
    mm = dpi / 25.4
    w, h = round(A4_MM[0] * mm), round(A4_MM[1] * mm)
    im = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(im)
    left, top = LEFT_MM * mm, TOP_MM * mm
    cell = AREA_MM[0] * mm / CHARS_PER_LINE
    pitch = AREA_MM[1] * mm / LINES_PER_PAGE
    body = cell * 0.97
    y = top
    seal_xy: tuple[float, float] | None = None
    for i, ln in enumerate(page.lines):
        if ln.kind == "header":
            size = min(cell * 1.9, AREA_MM[0] * mm / max(1.0, _width(ln.text)))
            tw = _text_width(d, ln.text, size)
            for dx in (0, 1):  # a bolder face, as the red issuer mark is printed
                _draw_text(d, (left + (AREA_MM[0] * mm - tw) / 2 + dx, y), ln.text, size, RED)
            y += pitch * 2
            continue
        if ln.kind == "rule":
            d.rectangle((left, y + pitch * 0.2, left + AREA_MM[0] * mm, y + pitch * 0.2 + mm), RED)
            y += pitch
            continue
        if ln.kind == "title":
            size = min(cell * 1.25, AREA_MM[0] * mm / max(1.0, _width(ln.text)))
            tw = _text_width(d, ln.text, size)
            _draw_text(d, (left + (AREA_MM[0] * mm - tw) / 2, y), ln.text, size, "black")
            y += pitch * 2
            continue
        x = left + (2 * cell if ln.indent else 0)
        for c in ln.text:
            if c == "\t":
                x += 2 * cell
                continue
            w = _draw_text(d, (x, y + pitch * 0.25), c, body, (20, 20, 20))
            x += max(w, cell * 0.5) if ord(c) < 0x80 else cell
        if i == page.seal_line:
            seal_xy = (x - 2 * cell, y + pitch * 0.25 + cell / 2)
        y += pitch
    if seal_xy is not None:
        size = round(42 * mm)
        seal = _draw_seal(size, seal_text, rng)
        seal = seal.rotate(rng.uniform(-15, 15), resample=Image.BICUBIC)
        # Stamped ink multiplies with the print under it: black text stays black.
        x0, y0 = round(seal_xy[0] - size / 2), round(seal_xy[1] - size / 2)
        layer = Image.new("RGB", im.size, "white")
        layer.paste(seal.convert("RGB"), (x0, y0), seal)
        im = Image.fromarray(
            (np.asarray(im, np.uint16) * np.asarray(layer, np.uint16) // 255).astype(np.uint8)
        )
    return im


def _jpeg(im: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def scan(im: Image.Image, seed: int = 0) -> Image.Image:
    """A scanner's copy: turned 1–2° either way, a little blur, grain and JPEG noise."""
    rng = random.Random(seed)
    angle = rng.choice((-1, 1)) * rng.uniform(1.0, 2.0)
    im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 248))
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(im, np.float32)
    a += np.random.default_rng(seed).normal(0, 6, a.shape[:2])[..., None]
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return _jpeg(im, rng.randint(60, 80))


def photograph(im: Image.Image, seed: int = 0) -> Image.Image:
    """A phone photo of the printed page lying on a desk: perspective, light falling off
    across the sheet, the desk around it, 12-megapixel-like size, JPEG."""
    import cv2

    rng = random.Random(seed)
    page = np.asarray(im)
    h, w = page.shape[:2]
    out_w, out_h = round(w * 1.35), round(h * 1.25)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    mx, my = out_w * 0.12, out_h * 0.08

    def j(v: float) -> float:
        return v + rng.uniform(-0.05, 0.05) * out_w

    dst = np.float32(
        [
            [j(mx + 0.04 * out_w), j(my)],
            [j(out_w - mx - 0.04 * out_w), j(my + 0.01 * out_h)],
            [j(out_w - mx + 0.02 * out_w), j(out_h - my)],
            [j(mx - 0.02 * out_w), j(out_h - my - 0.01 * out_h)],
        ]
    )
    m = cv2.getPerspectiveTransform(src, dst)
    desk = np.empty((out_h, out_w, 3), np.uint8)
    desk[:] = (96, 78, 62)  # a brown desk
    photo = cv2.warpPerspective(
        page, m, (out_w, out_h), dst=desk, borderMode=cv2.BORDER_TRANSPARENT
    )
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    light = 0.78 + 0.22 * (1 - np.hypot(xx / out_w - 0.3, yy / out_h - 0.2))
    photo = photo.astype(np.float32) * light[..., None] * np.float32([1.0, 0.98, 0.93])
    photo += np.random.default_rng(seed).normal(0, 4, photo.shape[:2])[..., None]
    out = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    return _jpeg(out.filter(ImageFilter.GaussianBlur(0.8)), 85)


@dataclass(frozen=True)
class MadePage:
    seed_name: str
    number: int  # 1-based page of the notice
    dpi: int
    kind: str  # "scan" or "photo"
    page: Page
    image: Image.Image


def seal_text(text: str) -> str:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first if len(first) <= 16 else "专用章"


def made_pages(
    path: Path, dpis: tuple[int, ...] = (150, 200), *, pages: int | None = None, photo: bool = True
) -> Iterator[MadePage]:
    """Scans of every page (or the first ``pages``) of the seed at each dpi, then a photo of
    the first page."""
    text = path.read_text(encoding="utf-8")
    laid = layout(text)
    name = path.stem
    salt = sum(map(ord, name))
    sealed = seal_text(text)
    for dpi in dpis:
        for n, page in enumerate(laid[:pages] if pages else laid, start=1):
            clean = render_page(page, dpi, seal_text=sealed, seed=salt + n)
            yield MadePage(name, n, dpi, "scan", page, scan(clean, seed=salt + n * 7 + dpi))
    if photo:
        clean = render_page(laid[0], 200, seal_text=sealed, seed=salt)
        yield MadePage(name, 1, 200, "photo", laid[0], photograph(clean, seed=salt))


def sealed_page(path: Path) -> int:
    """1-based number of the page carrying the seal (the last page when none)."""
    laid = layout(path.read_text(encoding="utf-8"))
    for n, p in enumerate(laid, start=1):
        if p.seal_line is not None:
            return n
    return len(laid)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--pages", type=int, default=None)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for f in seed_files(args.seeds):
        for mp in made_pages(f, pages=args.pages):
            stem = f"{mp.seed_name[:3]}_p{mp.number:02d}_{mp.dpi}_{mp.kind}"
            mp.image.save(args.out / f"{stem}.jpg", quality=92)
            (args.out / f"{stem}.txt").write_text(mp.page.text, encoding="utf-8")


# Measuring what was read -----------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text compared without white space, full- and half-width forms alike (NFKC) and
    straight and curly quotes alike: the page prints both and either reads the same."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return re.sub(r"\s+", "", text)


def char_accuracy(got: str, want: str) -> float:
    """1 − (edit distance ÷ characters expected), on :func:`normalise`-d text."""
    from rapidfuzz.distance import Levenshtein

    g, w = normalise(got), normalise(want)
    return 1 - Levenshtein.distance(g, w) / max(1, len(w))


def deadline_keys(draft) -> list[tuple]:
    """What makes a found deadline the same one: its kind and every date and time."""
    return [
        (d.kind, d.on, d.at, d.weekday, d.day_of_month, d.start, d.end) for d in draft.deadlines
    ]


def compare_deadlines(want_draft, got_draft) -> tuple[float, int, int]:
    """(recall, invented, expected): the share of the text's deadlines found again in the
    recognised text, and how many were found that the text does not have."""
    from collections import Counter

    want, got = Counter(deadline_keys(want_draft)), Counter(deadline_keys(got_draft))
    matched = sum((want & got).values())
    total = sum(want.values())
    return (matched / total if total else 1.0), sum((got - want).values()), total
