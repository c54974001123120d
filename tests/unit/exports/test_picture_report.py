"""图文 material: the activities' photos upright, downscaled, captioned, in the PDF."""

from io import BytesIO

from PIL import Image
from pypdf import PdfReader

from anquanyue_desktop.exports.picture_report import (
    Picture,
    PictureSection,
    prepared_photo,
    write_pictures_pdf,
)


def _photo(path, size=(3000, 2000), orientation=None, shade=30):
    img = Image.new("RGB", size, (200, shade, 30))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    img.save(path, "JPEG", exif=exif)
    return path


def test_photos_are_turned_upright_and_downscaled(tmp_path):
    # Orientation 6: the camera was turned; the picture is stored lying down.
    data, w, h = prepared_photo(_photo(tmp_path / "a.jpg", orientation=6))
    assert (w, h) == (1067, 1600)
    with Image.open(BytesIO(data)) as img:
        assert img.size == (1067, 1600) and img.format == "JPEG"


def test_pdf_holds_every_photo_and_caption(tmp_path):
    photos = [
        Picture(_photo(tmp_path / f"{i}.jpg", shade=60 * i), f"东村演练现场（{i}）")
        for i in range(1, 4)
    ]
    sections = [
        PictureSection(
            "东村（示例）　6月16日　防汛演练，参与40人次", "转移群众40人。", tuple(photos)
        ),
        PictureSection("西坡村（示例）　6月17日　宣传", "", (photos[0],)),
    ]
    out = tmp_path / "图文.pdf"
    write_pictures_pdf("荫城镇2022年第4周活动（图文）", "统计时段：6月16日至6月22日", sections, out)
    reader = PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    for words in ("防汛演练", "东村演练现场（3）", "西坡村", "统计时段"):
        assert words in text
    images = [img for p in reader.pages for img in p.images]
    # three different photos (the same photo twice is embedded once)
    assert len({i.data for i in images}) == 3
    # Downscaled: each embedded photo is at most 1600 px on its long side, the file small.
    assert all(max(i.image.size) <= 1600 for i in images)
    assert out.stat().st_size < 1_500_000
