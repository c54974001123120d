"""The user guide PDF is made from the source in resources/guide by our own export layer."""

from __future__ import annotations

import io

from pypdf import PdfReader

from anquanyue_desktop import __version__
from anquanyue_desktop.exports.user_guide import parse_guide, write_user_guide_pdf
from anquanyue_desktop.resources import GUIDE_SOURCE
from anquanyue_desktop.usecases.user_guide import GUIDE_FILE_NAME, cached_guide


def test_guide_source_parses_into_title_headings_and_items():
    blocks = parse_guide(GUIDE_SOURCE.read_text(encoding="utf-8"))
    assert blocks[0].kind == "title" and "使用说明" in blocks[0].text
    headings = [b.text for b in blocks if b.kind == "heading1"]
    assert "四、数据和备份" in headings
    assert any(b.kind == "item" and b.text.startswith("• ") for b in blocks)


def test_guide_pdf_reads_back_with_every_heading():
    out = io.BytesIO()
    write_user_guide_pdf(GUIDE_SOURCE.read_text(encoding="utf-8"), out, version="9.8.7")
    reader = PdfReader(io.BytesIO(out.getvalue()))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert reader.metadata.title == "安全生产月 使用说明"
    for heading in ("一、安装与第一次启动", "三、导出与打印", "六、命令行工具"):
        assert heading in text
    assert "9.8.7" in text
    assert all(abs(float(p.mediabox.width) - 595.3) < 1 for p in reader.pages)


def test_guide_is_cached_per_version(tmp_path):
    first = cached_guide(tmp_path)
    assert first.name == GUIDE_FILE_NAME and __version__ in first.name
    mtime = first.stat().st_mtime_ns
    assert cached_guide(tmp_path).stat().st_mtime_ns == mtime
    assert not list(tmp_path.glob("*.part"))
