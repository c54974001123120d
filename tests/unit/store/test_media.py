"""The media store: by content, byte-for-byte, bad files refused with nothing stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from anquanyue_desktop.domain.activities import DOCUMENT, PHOTO, VIDEO
from anquanyue_desktop.store.media import MediaRefused, MediaStore, sniff


def jpeg_bytes(size=(64, 32), color=(200, 30, 30), exif=None) -> bytes:
    out = io.BytesIO()
    im = Image.new("RGB", size, color)
    if exif is not None:
        im.save(out, "JPEG", quality=90, exif=exif)
    else:
        im.save(out, "JPEG", quality=90)
    return out.getvalue()


def png_bytes(size=(40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 120, 200)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def media(tmp_path: Path) -> MediaStore:
    return MediaStore(tmp_path / "media")


def stored_files(media: MediaStore) -> list[str]:
    return list(media.stored())


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_same_bytes_twice_are_stored_once(media, tmp_path):
    data = jpeg_bytes()
    a = media.add_file(write(tmp_path, "活动现场.jpg", data))
    b = media.add_file(write(tmp_path, "IMG_0001.JPG", data))
    assert a.sha256 == b.sha256 and a.kind == b.kind == PHOTO
    assert (a.original_name, b.original_name) == ("活动现场.jpg", "IMG_0001.JPG")
    assert stored_files(media) == [a.sha256]
    assert not list((media.root / "tmp").iterdir())


def test_original_bytes_kept_byte_for_byte(media, tmp_path):
    data = jpeg_bytes(exif=_exif_orientation(6))
    item = media.add_file(write(tmp_path, "原图.jpeg", data))
    assert media.path_of(item.sha256).read_bytes() == data
    assert item.size == len(data) and item.mime == "image/jpeg"
    assert media.path_of(item.sha256).parent.name == item.sha256[:2]
    with media.open(item.sha256) as f:
        assert f.read() == data


def test_a_large_file_is_streamed_and_hashed(media, tmp_path):
    import hashlib

    data = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 12_000  # about 3 MB
    item = media.add_file(write(tmp_path, "演练.mp4", data))
    assert item.kind == VIDEO and item.sha256 == hashlib.sha256(data).hexdigest()
    assert media.path_of(item.sha256).read_bytes() == data


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("照片.jpg", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "name_mismatch"),
        ("照片.jpg", "这是一段文字，不是照片。".encode(), "name_mismatch"),
        ("视频.mp4", jpeg_bytes(), "name_mismatch"),
        ("总结.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, None),
        ("照片.jpg", b"\x13\x37" * 50 + b"\x00", "unknown_content"),
        ("空.jpg", b"", "empty"),
        ("程序.exe", b"MZ\x90\x00" + b"\x00" * 60, "unsupported"),
    ],
)
def test_a_file_not_what_its_name_says_is_refused_and_nothing_stored(
    media, tmp_path, name, data, code
):
    path = write(tmp_path, name, data)
    if code is None:  # a .docx that is really an old .doc: Word and WPS open it, accepted
        assert media.add_file(path).kind == DOCUMENT
        return
    with pytest.raises(MediaRefused) as info:
        media.add_file(path)
    assert info.value.code == code
    assert name in info.value.message and "未添加" in info.value.message
    assert stored_files(media) == []
    assert not any((media.root / "tmp").iterdir())
    with pytest.raises(MediaRefused):
        media.check_file(path)


def test_the_message_says_what_the_content_really_is(media, tmp_path):
    path = write(tmp_path, "照片.jpg", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(MediaRefused) as info:
        media.add_file(path)
    assert "JPEG照片" in info.value.message and "PDF文档" in info.value.message


def test_a_truncated_photo_is_refused(media, tmp_path):
    data = jpeg_bytes(size=(400, 300))
    path = write(tmp_path, "没传完.jpg", data[: len(data) // 2])
    with pytest.raises(MediaRefused) as info:
        media.add_file(path)
    assert info.value.code == "damaged_image"
    assert stored_files(media) == []
    png = png_bytes()
    with pytest.raises(MediaRefused):
        media.add_file(write(tmp_path, "坏.png", png[:60]))


def test_an_unreadable_file_is_refused(media, tmp_path):
    with pytest.raises(MediaRefused) as info:
        media.add_file(tmp_path / "不存在.jpg")
    assert info.value.code == "unreadable" and "无法读取" in info.value.message


def test_kind_asked_for_must_match_the_content(media, tmp_path):
    path = write(tmp_path, "a.png", png_bytes())
    with pytest.raises(MediaRefused) as info:
        media.add_file(path, VIDEO)
    assert info.value.code == "kind_mismatch"


def test_docx_is_told_from_a_plain_zip(media, tmp_path):
    import zipfile

    p = tmp_path / "方案.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    item = media.add_file(p)
    assert item.kind == DOCUMENT and "wordprocessingml" in item.mime
    q = tmp_path / "照片.zip"
    with zipfile.ZipFile(q, "w") as z:
        z.writestr("a.txt", "x")
    assert media.add_file(q).mime == "application/zip"


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"GIF89a", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "heic"),
        (b"\x00\x00\x00\x14ftypqt  ", "mov"),
        (b"\x00\x00\x00\x20ftypisom", "mp4"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "avi"),
        (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9", "asf"),
        (b"FLV\x01\x05", "flv"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "webm"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", "mkv"),
        (b"%PDF-1.7", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
        (b"\x00\x01\x02\x03", None),
    ],
)
def test_sniff(head, fmt):
    assert sniff(head) == fmt


def _exif_orientation(value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value  # Orientation
    return exif.tobytes()


def test_thumbnail_respects_exif_orientation(media, tmp_path):
    # Stored 80×40 (landscape) with Orientation=6: the phone was held upright, so the
    # picture shows portrait, 40×80 → a 32×64 thumbnail at size 64.
    data = jpeg_bytes(size=(80, 40), exif=_exif_orientation(6))
    item = media.add_file(write(tmp_path, "竖拍.jpg", data))
    png = media.thumbnail(item.sha256, 64)
    assert png is not None and png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(png)) as im:
        assert im.size == (32, 64)
    # Cached, and the original untouched.
    assert (media.root / "thumbs" / f"{item.sha256}-64.png").read_bytes() == png
    assert media.path_of(item.sha256).read_bytes() == data
    preview = media.preview(tmp_path / "竖拍.jpg", 64)
    with Image.open(io.BytesIO(preview)) as im:
        assert im.size == (32, 64)


def test_no_thumbnail_for_a_video(media, tmp_path):
    item = media.add_file(write(tmp_path, "v.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 100))
    assert media.thumbnail(item.sha256, 64) is None


def test_add_bytes_leaves_no_temporary_file(media):
    item = media.add_bytes(png_bytes(), "海报.png")
    assert item.original_name == "海报.png" and media.has(item.sha256)
    assert not any((media.root / "tmp").iterdir())
