"""Renders resources/icons/app.svg to the PNG sizes the program loads and to a Windows app.ico.

Run from anywhere (no display needed, Qt's offscreen platform is used):

    python installer/make_icons.py

Writes resources/icons/app-256.png, app-64.png, app-32.png, app-16.png and app.ico. The
generated files are committed, so a build never needs to run this; run it again after
changing app.svg.

app.ico is written here rather than through Qt's "ico" image writer, which stores only one
image per file. The container is the documented ICONDIR / ICONDIRENTRY layout: the 256 px
image as PNG (as Windows Vista and later expect for that size) and the smaller ones as
classic 32-bit BGRA DIBs with an AND mask, which every Windows tool, PyInstaller's icon
embedding and Inno Setup's SetupIconFile all read.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = REPO_ROOT / "resources" / "icons"

PNG_SIZES = (256, 64, 32, 16)
# The sizes Windows asks for at 100-200 % display scaling, in Explorer and the taskbar.
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# From this size up the ICO entry holds a PNG (a DIB of 256 px would be 256 KiB).
ICO_PNG_FROM = 256


def render(svg: Path, size: int):
    """The SVG drawn into a size x size transparent image (QImage, ARGB32 premultiplied)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG for QtSvg: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def rgba_rows(image) -> list[bytes]:
    """Top-down rows of straight (not premultiplied) RGBA bytes, whatever the CPU's byte order."""
    from PySide6.QtGui import QImage

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height, stride = rgba.width(), rgba.height(), rgba.bytesPerLine()
    bits = bytes(rgba.constBits())
    return [bits[y * stride : y * stride + width * 4] for y in range(height)]


def dib_bytes(image) -> bytes:
    """A 32-bit icon DIB: BITMAPINFOHEADER, bottom-up BGRA pixels, then the 1-bit AND mask."""
    width, height = image.width(), image.height()
    rows = rgba_rows(image)
    header = struct.pack(
        "<IiiHHIIiiII",
        40,  # biSize
        width,
        height * 2,  # icon DIBs count the XOR and AND bitmaps together
        1,  # biPlanes
        32,  # biBitCount
        0,  # BI_RGB
        0,  # biSizeImage (may be 0 for BI_RGB)
        0,
        0,
        0,
        0,
    )
    pixels = bytearray()
    mask = bytearray()
    mask_stride = ((width + 31) // 32) * 4
    for row in reversed(rows):
        bgra = bytearray(row)
        bgra[0::4], bgra[2::4] = row[2::4], row[0::4]
        pixels += bgra
        bits = bytearray(mask_stride)
        for x in range(width):
            if row[x * 4 + 3] == 0:  # fully transparent: AND bit set
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    return header + bytes(pixels) + bytes(mask)


def ico_bytes(images: dict[int, object]) -> bytes:
    """The ICO container: ICONDIR, one ICONDIRENTRY per image, then the image payloads."""
    sizes = sorted(images)
    payloads = [png_bytes(images[s]) if s >= ICO_PNG_FROM else dib_bytes(images[s]) for s in sizes]
    out = bytearray(struct.pack("<HHH", 0, 1, len(sizes)))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(sizes)
    for size, payload in zip(sizes, payloads, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    for payload in payloads:
        out += payload
    return bytes(out)


def check_ico(path: Path, expected: int) -> None:
    """Reads the ICO back with Qt's own ico plugin: every image there and of the right size."""
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(path), b"ico")
    count = reader.imageCount()
    if count != expected:
        raise SystemExit(f"{path}: Qt reads {count} images, expected {expected}")
    for index in range(count):
        reader.jumpToImage(index)
        image = reader.read()
        if image.isNull() or image.width() != image.height():
            raise SystemExit(f"{path}: image {index} unreadable: {reader.errorString()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS_DIR / "app.svg")
    parser.add_argument("--out-dir", type=Path, default=ICONS_DIR)
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841

    args.out_dir.mkdir(parents=True, exist_ok=True)
    images = {size: render(args.svg, size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    for size in PNG_SIZES:
        target = args.out_dir / f"app-{size}.png"
        target.write_bytes(png_bytes(images[size]))
        print(f"wrote {target}")
    ico = args.out_dir / "app.ico"
    ico.write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    check_ico(ico, len(ICO_SIZES))
    print(f"wrote {ico} ({', '.join(str(s) for s in ICO_SIZES)} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
