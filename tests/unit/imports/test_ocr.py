"""Photographed and scanned notices read offline: made pages of the five seeds run through the
whole path (file → pages → clean-up → recognition → lines and paragraphs → notice parser).

OCR takes seconds a page on two cores, so CI reads one page of each seed (the one stating
most deadlines, scanned at 150 dpi) and one phone photo; ``benchmarks/bench_ocr.py`` reads
every page at 150 and 200 dpi.
"""

from __future__ import annotations

import io
import socket
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from anquanyue_desktop.domain.notice import parse_notice
from anquanyue_desktop.imports import ocr
from anquanyue_desktop.imports.notice_parser import (
    needs_ocr,
    notice_json,
    read_notice_source,
)
from anquanyue_desktop.imports.notice_text import NeedsOcrError, NoticeReadError, text_from_bytes
from tests.made_pages import (
    SEEDS,
    char_accuracy,
    compare_deadlines,
    layout,
    made_pages,
    photograph,
    render_page,
    scan,
    seal_text,
    seed_files,
)

TODAY = date(2026, 5, 20)
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout"
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The product never goes online: any connection attempt fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("OCR tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _busiest_page(path: Path) -> int:
    """0-based page of the seed whose own text states the most deadlines."""
    pages = layout(path.read_text(encoding="utf-8"))
    counts = [len(parse_notice(p.text, today=TODAY).deadlines) for p in pages]
    return max(range(len(pages)), key=lambda i: (counts[i], -i))


# The whole path on made pages -----------------------------------------------------------------


@needs_seeds
@pytest.mark.parametrize("seed", range(5), ids=lambda i: f"seed{i}")
def test_a_scanned_page_of_each_seed_reads_back(seed, tmp_path):
    path = seed_files()[seed]
    number = _busiest_page(path)
    page = layout(path.read_text(encoding="utf-8"))[number]
    text = path.read_text(encoding="utf-8")
    image = scan(render_page(page, 150, seal_text=seal_text(text), seed=seed), seed=seed)
    if seed == 2:  # one as a scanned PDF, the others as pictures
        file = tmp_path / "扫描件.pdf"
        image.save(file, "PDF", resolution=150)
    else:
        file = tmp_path / "page.jpg"
        image.save(file, quality=85)
    assert needs_ocr(file)

    source = read_notice_source(file)

    accuracy = char_accuracy(source.text, page.text)
    assert accuracy >= 0.98, f"character accuracy {accuracy:.4f}\n{source.text}"
    want = parse_notice(page.text, today=TODAY)
    got = parse_notice(source.text, today=TODAY)
    recall, invented, expected = compare_deadlines(want, got)
    assert recall >= 0.95 and invented == 0, (recall, invented, expected)
    assert source.ocr is not None and len(source.ocr.pages) == 1
    assert all(0.0 <= ln.confidence <= 1.0 for ln in source.ocr.lines)


@needs_seeds
def test_a_phone_photo_with_red_header_reads_back(tmp_path):
    path = seed_files()[2]
    mp = next(m for m in made_pages(path, dpis=()) if m.kind == "photo")
    file = tmp_path / "微信图片.jpg"
    mp.image.save(file, quality=90)

    source = read_notice_source(file)

    accuracy = char_accuracy(source.text, mp.page.text)
    assert accuracy >= 0.98, f"character accuracy {accuracy:.4f}\n{source.text}"
    # The red issuer mark is read as text, and the title is a paragraph of its own.
    lines = source.text.splitlines()
    assert lines[0] == "荫城镇人民政府"
    assert lines[1] == "关于开展2022年“安全生产月”活动的通知"
    draft = parse_notice(source.text, today=TODAY)
    assert draft.issuer is not None and draft.issuer.value == "荫城镇人民政府"
    assert draft.year.value == 2022


# Clean-up, without recognition -------------------------------------------------------------------


def _page_with_seal() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A white page with black text lines, a red rule and a red disc over part of a line."""
    im = Image.new("RGB", (1200, 900), "white")
    d = ImageDraw.Draw(im)
    for y in range(200, 800, 60):  # lines of 20-pixel "characters"
        for x in range(100, 1100, 30):
            d.rectangle((x, y, x + 20, y + 20), fill=(20, 20, 20))
    d.rectangle((100, 120, 1100, 130), fill=(214, 28, 36))  # header rule
    disc = (700, 300, 1050, 650)
    seal = Image.new("RGB", im.size, "white")
    ImageDraw.Draw(seal).ellipse(disc, outline=(214, 28, 36), width=14)
    ImageDraw.Draw(seal).ellipse((820, 420, 930, 530), fill=(214, 28, 36))
    a = np.asarray(im, np.uint16) * np.asarray(seal, np.uint16) // 255  # stamped: multiplies
    return a.astype(np.uint8), disc


def test_red_rule_and_seal_go_and_black_text_under_the_seal_stays():
    rgb, _disc = _page_with_seal()
    gray = ocr.suppress_red(rgb)
    assert gray[125, 600] > 200  # the rule is gone
    assert gray[475, 875] > 200  # the seal's centre (red, no text) is gone
    assert gray[305, 875] > 200  # its ring too, between text lines
    assert gray[390, 865] < 80  # black text inside the seal stays
    assert gray[450, 865] < 80  # and where it crosses the red star
    assert gray[390, 315] < 80  # and black text elsewhere


def test_red_header_text_is_kept_as_ink():
    im = Image.new("RGB", (1240, 600), "white")
    d = ImageDraw.Draw(im)
    for k in range(6):  # six thick red "characters" in a row, the issuer mark
        d.rectangle((300 + k * 100, 100, 370 + k * 100, 170), fill=(214, 28, 36))
    gray = ocr.suppress_red(np.asarray(im))
    assert gray[135, 335] < 100


def test_a_turned_scan_is_turned_back():
    im = Image.new("L", (1240, 1754), 255)
    d = ImageDraw.Draw(im)
    for y in range(200, 1600, 60):
        d.rectangle((150, y, 1100, y + 25), fill=0)
    turned = np.asarray(im.rotate(1.6, fillcolor=255))
    assert ocr.deskew_angle(turned) == pytest.approx(-1.6, abs=0.25)


def test_a_photo_is_flattened_to_the_sheet():
    sheet = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(sheet).rectangle((200, 300, 1000, 340), fill="black")
    photo = np.asarray(photograph(sheet, seed=3))
    flat = ocr.flatten_photo(photo)
    h, w = flat.shape[:2]
    assert 1.25 < h / w < 1.6  # A4 again (√2), not the wider photo
    border = np.concatenate([flat[:5].ravel(), flat[-5:].ravel()])
    assert border.mean() > 150  # paper, not desk


def test_lines_join_into_paragraphs_in_reading_order():
    P = ocr._Piece
    pieces = [
        P("各村、各站所：", 0.99, 0, 0, 300, 30),
        P("今年6月是第21个全国安全生产月，主题是遵守安全", 0.99, 60, 50, 1000, 80),
        P("生产法。", 0.99, 0, 100, 120, 130),
        P("一、指导思想", 0.99, 60, 150, 320, 180),
        # a table row: two cells far apart, the second found first
        P("手机号码", 0.6, 500, 200, 640, 230),
        P("姓名", 0.99, 0, 201, 80, 229),
    ]
    lines = ocr.page_lines(pieces, 0)
    page = ocr.OcrPage(
        Image.new("RGB", (10, 10)), tuple(ocr.OcrLine(t, c, b, 0) for t, c, b, _ in lines)
    )
    result = ocr.join_pages([(page, [(t, s) for t, _, _, s in lines])])
    assert result.text.split("\n") == [
        "各村、各站所：",
        "今年6月是第21个全国安全生产月，主题是遵守安全生产法。",
        "一、指导思想",
        "姓名\t手机号码",
    ]
    (unsure,) = result.unsure_lines
    assert unsure.text == "姓名\t手机号码" and result.text[slice(*unsure.span)] == unsure.text


# Inputs --------------------------------------------------------------------------------------------


def test_pictures_and_scanned_pdfs_are_told_from_text(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buf, "PNG")
    with pytest.raises(NeedsOcrError):
        text_from_bytes(buf.getvalue(), "截图.png")
    pdf = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(pdf, "PDF")
    assert needs_ocr(pdf)
    txt = tmp_path / "通知.txt"
    txt.write_text("BM开头的文字也是文字", encoding="utf-8")
    assert not needs_ocr(txt)


def test_exif_orientation_is_honoured():
    im = Image.new("RGB", (300, 200), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: turn 90°
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    page = ocr.open_image(buf.getvalue(), "照片.jpg")
    assert page.size == (200, 300)


def test_every_page_of_a_scanned_pdf_is_rendered(tmp_path):
    pages = [Image.new("RGB", (620, 877), c) for c in ("white", "gray", "white")]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=75)
    out = ocr.pdf_pages(buf.getvalue(), "scan.pdf", dpi=100)
    assert len(out) == 3 and out[0].size[0] == 827 and abs(out[0].size[1] - 1169) <= 1
    assert np.asarray(out[1]).mean() < np.asarray(out[0]).mean()  # the gray page second


def test_broken_pictures_get_a_chinese_message():
    with pytest.raises(NoticeReadError, match="不是能打开的图片"):
        ocr.open_image(b"\x89PNG\r\n\x1a\nbroken", "坏图.png")
    with pytest.raises(NoticeReadError, match="无法作为 PDF 打开"):
        ocr.pdf_pages(b"%PDF-1.4 nothing", "坏.pdf")


def test_text_files_cannot_be_mixed_with_photos(tmp_path):
    txt = tmp_path / "通知.txt"
    txt.write_text("通知", encoding="utf-8")
    png = tmp_path / "p.png"
    Image.new("RGB", (50, 50), "white").save(png)
    with pytest.raises(NoticeReadError, match="文字文件"):
        read_notice_source([png, txt])


def test_without_the_ocr_extra_the_message_says_how_to_add_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import fails as if not installed
    png = tmp_path / "p.png"
    Image.new("RGB", (50, 50), "white").save(png)
    with pytest.raises(ocr.OcrUnavailable) as err:
        read_notice_source(png)
    assert "pip install" in str(err.value) and "[ocr]" in str(err.value)
    assert not ocr.available()


def test_a_screenshot_is_read_and_cancelling_stops_between_pages():
    im = Image.new("RGB", (900, 160), "white")
    d = ImageDraw.Draw(im)
    from tests.made_pages import _draw_text

    _draw_text(d, (20, 40), "请于5月31日前报送联络员名单。", 40, (0, 0, 0))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    seen = []
    source = read_notice_source(buf.getvalue(), progress=lambda d, t: seen.append((d, t)))
    assert "5月31日前报送联络员" in source.text
    assert seen == [(0, 1), (1, 1)]
    with pytest.raises(ocr.OcrCancelled):
        read_notice_source([buf.getvalue()] * 3, cancelled=lambda: True)


def test_cli_json_of_a_picture_says_it_was_recognised(tmp_path):
    im = Image.new("RGB", (1000, 200), "white")
    from tests.made_pages import _draw_text

    _draw_text(ImageDraw.Draw(im), (20, 60), "2024年5月31日前报送活动方案。", 44, (0, 0, 0))
    png = tmp_path / "截图.png"
    im.save(png)
    out = notice_json(png, today=TODAY)
    assert out["ocr"]["pages"] == 1
    assert [(d["kind"], d["date"]) for d in out["deadlines"]] == [("once", "05-31")]
