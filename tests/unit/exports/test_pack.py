"""报送包: the zip's exact listing, de-duplication, the mail limit and cancellation."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from anquanyue_desktop.domain.activities import MediaItem
from anquanyue_desktop.exports.pack import (
    INDEX_NAME,
    PackCancelledError,
    PackError,
    safe_zip_name,
    write_pack,
)


class MediaStore:
    """A stand-in for the content-addressed media store: sha256 → file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()

    def add(self, kind: str, name: str, content: bytes, caption: str = "") -> MediaItem:
        sha = hashlib.sha256(content).hexdigest()
        (self.root / sha).write_bytes(content)
        return MediaItem(kind, name, sha, len(content), caption)

    def path(self, sha: str) -> Path:
        return self.root / sha


@pytest.fixture
def store(tmp_path) -> MediaStore:
    return MediaStore(tmp_path / "media")


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def test_pack_lists_exactly_the_expected_files(tmp_path, store):
    photo1 = store.add("photo", "演练现场.jpg", b"\xff\xd8photo-1", "东街村防汛演练现场")
    photo2 = store.add("photo", "演练现场.jpg", b"\xff\xd8photo-2")  # same name, other file
    video = store.add("video", "演练.mp4", b"video" * 100, "演练视频简介")
    doc = store.add("document", "方案:最终版?.docx", b"PK-docx")
    link = MediaItem("link", "全程录像", url="https://pan.example.cn/s/abc", code="x7k2")
    pdf_file = tmp_path / "week.pdf"
    pdf_file.write_bytes(b"%PDF-1.4 ...")
    out = tmp_path / "报送包.zip"
    summary = write_pack(
        out,
        documents=[
            ("荫城镇_2022安全生产月_第2周活动情况_0608.pdf", pdf_file),
            ("荫城镇_2022安全生产月_第2周活动情况_0608.xlsx", b"xlsx-bytes"),
        ],
        media=[
            ("东街村", photo1),
            ("东街村", photo2),
            ("东街村", photo1),  # the same file twice: stored once
            ("西街村", video),
            ("西街村", photo1),  # the same file for another unit: in that unit's folder too
            ("西街村", link),
            ("荫城/中学", doc),
        ],
        media_path=store.path,
    )
    expected = [
        "荫城镇_2022安全生产月_第2周活动情况_0608.pdf",
        "荫城镇_2022安全生产月_第2周活动情况_0608.xlsx",
        "东街村/演练现场.jpg",
        "东街村/演练现场(2).jpg",
        "西街村/演练.mp4",
        "西街村/演练现场.jpg",
        "荫城中学/方案最终版.docx",
        INDEX_NAME,
    ]
    assert names(out) == expected
    assert list(summary.files) == expected
    assert summary.size == out.stat().st_size
    assert not summary.over_limit and summary.left_out == ()
    with zipfile.ZipFile(out) as zf:
        assert zf.read("东街村/演练现场(2).jpg") == b"\xff\xd8photo-2"  # originals, byte for byte
        assert zf.getinfo("东街村/演练现场.jpg").compress_type == zipfile.ZIP_STORED
        assert zf.getinfo(expected[1]).compress_type == zipfile.ZIP_DEFLATED
        assert all(i.flag_bits & 0x800 for i in zf.infolist())  # UTF-8 names
        index = zf.read(INDEX_NAME).decode("utf-8-sig")
    assert "东街村/演练现场.jpg" in index and "说明：东街村防汛演练现场" in index
    assert "全程录像  链接：https://pan.example.cn/s/abc  提取码：x7k2" in index
    assert "\r\n" in index
    assert "https://pan.example.cn/s/abc" in summary.links_text
    assert "提取码：x7k2" in summary.links_text
    assert not list(tmp_path.glob(".*.tmp"))


def test_large_videos_are_left_out_and_listed(tmp_path, store):
    small = store.add("video", "短视频.mp4", b"s" * 1000)
    big = store.add("video", "全程录像.mp4", b"b" * 400_000)
    photo = store.add("photo", "a.jpg", b"p" * 1000)
    out = tmp_path / "p.zip"
    summary = write_pack(
        out,
        documents=[],
        media=[("东街村", big), ("东街村", small), ("东街村", photo)],
        media_path=store.path,
        mail_limit_bytes=300_000,
    )
    assert names(out) == ["东街村/短视频.mp4", "东街村/a.jpg", INDEX_NAME]
    assert summary.left_out == ("东街村/全程录像.mp4（391KB）",)
    assert not summary.over_limit
    assert "全程录像.mp4" in summary.links_text and "上传网盘" in summary.links_text
    with zipfile.ZipFile(out) as zf:
        assert "未放入压缩包的大视频（1个" in zf.read(INDEX_NAME).decode("utf-8-sig")


def test_photos_go_in_even_over_the_limit(tmp_path, store):
    photo = store.add("photo", "a.jpg", b"p" * 500_000)
    summary = write_pack(
        tmp_path / "p.zip",
        documents=[],
        media=[("东街村", photo)],
        media_path=store.path,
        mail_limit_bytes=100_000,
    )
    assert summary.over_limit and summary.size > 100_000


def test_cancelling_leaves_no_file(tmp_path, store):
    media = [("东街村", store.add("photo", f"{i}.jpg", bytes([i]) * 3_000_000)) for i in range(3)]
    out = tmp_path / "p.zip"
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done < 4_000_000

    with pytest.raises(PackCancelledError):
        write_pack(out, documents=[], media=media, media_path=store.path, progress=progress)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media"]
    assert seen[0] == (0, 9_000_000)


def test_cancelling_keeps_an_older_pack(tmp_path, store):
    out = tmp_path / "p.zip"
    out.write_bytes(b"old pack")
    media = [("东街村", store.add("photo", "a.jpg", b"x" * 10))]
    with pytest.raises(PackCancelledError):
        write_pack(
            out, documents=[], media=media, media_path=store.path, progress=lambda d, t: False
        )
    assert out.read_bytes() == b"old pack"


def test_progress_reaches_the_total(tmp_path, store):
    media = [("东街村", store.add("photo", "a.jpg", b"x" * 2_500_000))]
    seen = []
    write_pack(
        tmp_path / "p.zip",
        documents=[("r.pdf", b"%PDF")],
        media=media,
        media_path=store.path,
        progress=lambda d, t: seen.append((d, t)) or True,
    )
    assert seen[-1] == (2_500_004, 2_500_004)


def test_missing_media_file_is_a_clear_error(tmp_path, store):
    gone = MediaItem("photo", "丢失.jpg", "0" * 64, 5)
    with pytest.raises(PackError, match=r"丢失\.jpg"):
        write_pack(
            tmp_path / "p.zip", documents=[], media=[("东街村", gone)], media_path=store.path
        )
    assert not (tmp_path / "p.zip").exists()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("a<b>c.jpg", "abc.jpg"),
        ("CON.jpg", "_CON.jpg"),
        ("CON", "_CON"),
        ("..\\..\\evil.jpg", "evil.jpg"),
        ("", "照片_12345678"),
        ("长" * 200 + ".mp4", "长" * 80 + ".mp4"),
    ],
)
def test_safe_zip_names(name, expected):
    assert safe_zip_name(name, "照片_12345678") == expected
