"""Every input is bounded before it is read: zip bombs, huge texts, endless files, 2 GB videos."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from anquanyue_desktop.imports import limits
from anquanyue_desktop.imports.limits import InputTooLarge, check_zip, read_bounded
from anquanyue_desktop.imports.notice_text import NoticeReadError, read_notice_file
from anquanyue_desktop.imports.unit_names import WorkbookProblem, inspect_workbook, read_names_file
from anquanyue_desktop.store.media import MediaRefused, MediaStore

from ...bad_inputs import expanding_docx, sparse_file


def test_a_docx_expanding_to_400_mb_is_refused_quickly_and_small(tmp_path):
    path = expanding_docx(tmp_path / "通知.docx", 400 * limits.MB)
    assert path.stat().st_size < 2 * limits.MB
    tracemalloc.start()
    try:
        with pytest.raises(NoticeReadError) as caught:
            read_notice_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "压缩炸弹" in str(caught.value) and "16 MB" in str(caught.value)
    # Only the file (1 MB) and the zip's directory are read, not the 400 MB it unpacks to.
    # (Time and the whole process's memory are measured in benchmarks/bench_limits.py.)
    assert peak < 20 * limits.MB


def test_zip_limits_name_the_limit():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(limits.MAX_ZIP_ENTRIES + 1):
            z.writestr(f"x/{i}.txt", b"")
    with pytest.raises(InputTooLarge, match="2000 个"):
        check_zip(many.getvalue(), "a.xlsx", "填报表")


def test_text_reads_stop_at_the_limit_even_when_the_size_lies(tmp_path):
    with pytest.raises(InputTooLarge, match="上限 5 MB"):
        read_bounded(
            sparse_file(tmp_path / "big.txt", 2 * 1024 * limits.MB), limits.MAX_TEXT_BYTES, "x"
        )
    # /dev/zero says it is empty and never ends: cut off after the limit, never read whole.
    if Path("/dev/zero").exists():
        with pytest.raises(InputTooLarge):
            read_bounded("/dev/zero", limits.MAX_TEXT_BYTES, "单位名单")


def test_a_2_gb_unit_list_is_refused_before_reading(tmp_path):
    path = sparse_file(tmp_path / "名单.txt", 2 * 1024 * limits.MB)
    with pytest.raises(WorkbookProblem, match="超过单位名单的上限"):
        read_names_file(path)


def test_a_2_gb_sparse_video_is_refused_and_nothing_is_stored(tmp_path):
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    path = sparse_file(tmp_path / "演练.mp4", 2 * 1024 * limits.MB, head=head)
    media = MediaStore(tmp_path / "media")
    with pytest.raises(MediaRefused, match=r"超过单个文件的上限 1\.0 GB") as caught:
        media.check_file(path)
    assert "网盘链接" in caught.value.message
    with pytest.raises(MediaRefused, match="超过单个文件的上限"):
        media.add_file(path)
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]


def test_a_video_that_grows_past_the_limit_while_copied_is_cut_off(tmp_path, monkeypatch):
    from anquanyue_desktop.domain import limits as bounds

    monkeypatch.setattr(bounds, "MAX_MEDIA_BYTES", 3 * limits.MB)
    path = tmp_path / "v.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * (2 * limits.MB))
    media = MediaStore(tmp_path / "media")
    real_open = Path.open

    def growing(self, mode="r", *a, **k):
        f = real_open(self, mode, *a, **k)
        if self == path:  # the size was checked; now the file grows (still being recorded)
            with real_open(self, "ab") as g:
                g.write(b"\x00" * (2 * limits.MB))
        return f

    monkeypatch.setattr(Path, "open", growing)
    with pytest.raises(MediaRefused, match="超过单个文件的上限"):
        media.add_file(path)
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]


def test_a_giant_picture_is_refused_before_decoding(tmp_path):
    from ...bad_inputs import png_header

    path = tmp_path / "大图.png"  # says 30000×30000 (900 megapixels) over a tiny body
    path.write_bytes(png_header(30000, 30000))
    media = MediaStore(tmp_path / "media")
    with pytest.raises(MediaRefused, match="尺寸大得不合常理"):
        media.add_file(path)


def test_a_roster_workbook_bomb_is_refused(tmp_path):
    path = tmp_path / "名册.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", b"<a>" + b" " * (30 * limits.MB) + b"</a>")
    with pytest.raises(WorkbookProblem, match="压缩炸弹"):
        inspect_workbook(path)


def test_unit_lists_in_gbk_big5_utf16_are_read(tmp_path):
    names = ["荫城村", "东村社区", "县交通运输局"]
    for enc in ("gbk", "utf-16", "utf-8-sig"):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes("\r\n".join(names).encode(enc))
        assert read_names_file(p) == names, enc
    big5 = tmp_path / "big5.txt"
    big5.write_bytes("\r\n".join(["蔭城村", "東村社區"]).encode("big5"))
    assert read_names_file(big5) == ["蔭城村", "東村社區"]
    nul = tmp_path / "nul.txt"
    nul.write_bytes("\x00东村\n西村\n".encode())
    # A NUL byte makes it binary (or UTF-16) to the decoder: a message, never a database error.
    with pytest.raises(WorkbookProblem, match="不是文本文件"):
        read_names_file(nul)


def test_a_big5_notice_is_read(tmp_path):
    text = "關於開展2024年安全生產月活動的通知\n各村、社區：請於6月3日前報送聯絡員回執。"
    p = tmp_path / "通知.txt"
    p.write_bytes(text.encode("cp950"))
    assert read_notice_file(p).startswith("關於開展2024年安全生產月")


def test_old_excel_and_encrypted_office_files_are_named_right(tmp_path):
    from ...bad_inputs import ole_file

    xls = ole_file(tmp_path / "表.xls", ["Workbook"])
    with pytest.raises(NoticeReadError, match="Excel 表格"):
        read_notice_file(xls)
    enc = ole_file(tmp_path / "加密.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    with pytest.raises(NoticeReadError, match="设置了打开密码"):
        read_notice_file(enc)
    doc = ole_file(tmp_path / "旧.doc", ["WordDocument"])
    with pytest.raises(NoticeReadError, match="旧版 Word"):
        read_notice_file(doc)


def test_encrypted_and_truncated_pdfs_get_our_messages(tmp_path, capfd):
    from ...bad_inputs import encrypted_pdf, text_pdf

    with pytest.raises(NoticeReadError, match="加密的 PDF"):
        read_notice_file(encrypted_pdf(tmp_path / "加密.pdf"))
    whole = text_pdf(tmp_path / "通知.pdf").read_bytes()
    cut = tmp_path / "截断.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(NoticeReadError):
        read_notice_file(cut)
    err = capfd.readouterr().err
    assert "EOF marker" not in err


def test_memory_stays_bounded_for_the_largest_accepted_media(tmp_path, monkeypatch):
    # Streaming: a 64 MB file is copied and hashed with one 1 MB chunk in memory at a time.
    path = sparse_file(tmp_path / "v.mp4", 64 * limits.MB, head=b"\x00\x00\x00\x18ftypmp42")
    tracemalloc.start()
    try:
        item = MediaStore(tmp_path / "media").add_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert item.size == 64 * limits.MB
    assert peak < 8 * limits.MB
    os.unlink(path)
