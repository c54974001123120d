"""Stand-in photos for the demo campaign: coloured posters drawn with Pillow."""

from __future__ import annotations

_PALETTES = (
    ((198, 40, 40), (255, 235, 59)),
    ((21, 101, 192), (255, 255, 255)),
    ((46, 125, 50), (255, 241, 118)),
    ((230, 81, 0), (255, 255, 255)),
    ((106, 27, 154), (255, 213, 79)),
    ((0, 131, 143), (255, 255, 255)),
)


_CJK_ONLY = str.maketrans(
    {**{str(i): "〇一二三四五六七八九"[i] for i in range(10)}, "“": "", "”": ""}
)


def poster_png(seed: int, caption: str, size: tuple[int, int] = (640, 480)) -> bytes:
    """A stand-in photo: a coloured poster with shapes and, if the font is there, its caption."""
    import io
    import random

    from PIL import Image, ImageDraw, ImageFont

    from ..resources import BUNDLED_CJK_FONT

    rng = random.Random(seed)
    back, fore = _PALETTES[seed % len(_PALETTES)]
    im = Image.new("RGB", size, back)
    draw = ImageDraw.Draw(im)
    w, h = size
    for _ in range(6):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randrange(30, 140)
        tint = tuple(min(255, c + rng.randrange(20, 70)) for c in back)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tint)
    draw.rectangle((0, h * 2 // 3, w, h), fill=(250, 250, 250))
    draw.polygon([(w // 2, 70), (w // 2 - 60, 190), (w // 2 + 60, 190)], fill=fore)
    font_path = BUNDLED_CJK_FONT
    if font_path.is_file():
        big = ImageFont.truetype(str(font_path), 40)
        small = ImageFont.truetype(str(font_path), 22)
        draw.text((w // 2, 240), "二〇二二年安全生产月", font=big, fill=fore, anchor="mm")
        draw.text(
            (w // 2, 290), "遵守安全生产法 当好第一责任人", font=small, fill=fore, anchor="mm"
        )
        # The bundled font has CJK glyphs only: no Latin digits or curly quotes.
        shown = caption.translate(_CJK_ONLY)[:24]
        draw.text((w // 2, h * 5 // 6), shown, font=small, fill=(40, 40, 40), anchor="mm")
    else:
        draw.text((20, h - 40), f"2022 #{seed}", fill=(40, 40, 40))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()
