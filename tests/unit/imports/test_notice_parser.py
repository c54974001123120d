"""A notice file in, the CLI's JSON out."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import docx
import pytest

from anquanyue_desktop.imports.notice_parser import (
    NoticeReadError,
    describe,
    notice_json,
    parse_notice_file,
    parse_notice_text,
)

SEEDS = Path(os.environ.get("ANQUANYUE_SEEDS", Path(__file__).parents[4] / "shared" / "seeds"))
KEYS = [
    "issuer",
    "issued_on",
    "year",
    "ordinal",
    "theme",
    "periods",
    "contacts",
    "attachments",
    "events",
    "deadlines",
]
DEADLINE_KEYS = [
    "what",
    "kind",
    "date",
    "time",
    "weekday",
    "day_of_month",
    "from",
    "until",
    "month_of_quarter",
    "relative",
    "materials",
    "confidence",
    "unsure",
    "source",
]


def _seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.fail(f"seed notices not found in {SEEDS} (set ANQUANYUE_SEEDS)")
    return found[0]


def test_json_has_exactly_the_documented_shape():
    j = notice_json(_seed("002"))
    assert list(j) == KEYS
    assert all(list(d) == DEADLINE_KEYS for d in j["deadlines"])
    assert all(list(p) == ["what", "start", "end"] for p in j["periods"])
    assert all(list(c) == ["name", "phone"] for c in j["contacts"])
    assert all(list(e) == ["what", "date"] for e in j["events"])
    json.dumps(j, ensure_ascii=False)
    weekly = j["deadlines"][2]
    assert weekly == {
        "what": weekly["what"],
        "kind": "weekly",
        "date": None,
        "time": "18:00",
        "weekday": 3,
        "day_of_month": None,
        "from": "06-01",
        "until": "06-30",
        "month_of_quarter": None,
        "relative": None,
        "materials": "相关视频、图片、文字等电子版资料",
        "confidence": weekly["confidence"],
        "unsure": False,
        "source": weekly["source"],
    }
    assert weekly["what"] == "周活动开展情况"
    assert 0.5 < weekly["confidence"] <= 1
    assert "每周三18:00前" in weekly["source"]


def test_the_same_notice_in_gbk_utf16_and_docx_gives_the_same_result(tmp_path):
    seed = _seed("002")
    text = seed.read_text(encoding="utf-8")
    expected = notice_json(seed)
    for enc in ("gbk", "utf-16"):
        path = tmp_path / f"notice_{enc}.txt"
        path.write_bytes(text.encode(enc, errors="replace"))
        assert notice_json(path)["deadlines"] == expected["deadlines"], enc
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    path = tmp_path / "notice.docx"
    d.save(path)
    got = notice_json(path)
    assert [(x["kind"], x["date"], x["what"]) for x in got["deadlines"]] == [
        (x["kind"], x["date"], x["what"]) for x in expected["deadlines"]
    ]


def test_a_docx_notice_with_a_schedule_table(tmp_path):
    d = docx.Document()
    d.add_paragraph("平遥县应急管理局")
    d.add_paragraph("关于做好2024年“安全生产月”信息报送工作的通知")
    d.add_paragraph("各乡镇人民政府：请按下表按时报送。")
    t = d.add_table(rows=3, cols=3)
    for r, cells in enumerate(
        [
            ("序号", "报送内容", "报送时间"),
            ("1", "联络员名单", "5月28日前"),
            ("2", "活动总结", "6月30日17:00前"),
        ]
    ):
        for c, value in enumerate(cells):
            t.rows[r].cells[c].text = value
    d.add_paragraph("平遥县应急管理局")
    d.add_paragraph("2024年5月20日")
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "通知.docx"
    path.write_bytes(buf.getvalue())
    j = notice_json(path)
    assert j["issuer"] == "平遥县应急管理局" and j["issued_on"] == "2024-05-20"
    assert [(x["what"], x["date"], x["time"]) for x in j["deadlines"]] == [
        ("联络员名单", "05-28", None),
        ("活动总结", "06-30", "17:00"),
    ]


def test_pasted_text_and_bytes():
    draft = parse_notice_text("请于6月3日前报送联络员。", today=date(2023, 5, 1))
    assert [(x.what, x.on) for x in draft.deadlines] == [("联络员", date(2023, 6, 3))]
    draft = parse_notice_text(
        "请于6月3日前报送联络员。".encode("gbk"), filename="a.txt", today=date(2023, 5, 1)
    )
    assert draft.deadlines[0].on == date(2023, 6, 3)


def test_unreadable_files_raise_the_read_error(tmp_path):
    path = tmp_path / "旧.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(NoticeReadError):
        parse_notice_file(path)


def test_describe_lists_everything_in_chinese():
    lines = describe(parse_notice_file(_seed("002")))
    text = "\n".join(lines)
    assert "发文单位：荫城镇人民政府" in text
    assert "年度：2022（第21个）" in text
    assert "报送节点：每周三 18:00（06-01 至 06-30）" in text
    assert "即时报送" in text
    monthly = "\n".join(describe(parse_notice_file(_seed("001"))))
    assert "每月底" in monthly and "？" in monthly


def test_terminal_lines_say_quarterly_relative_and_materials(tmp_path):
    from anquanyue_desktop.imports.notice_parser import describe, parse_notice_text

    text = (
        "各企业每季度首月10日前报送上季度隐患排查情况。请各村接到通知后3个工作日内报送联络员名单"
        "及相关照片。\n某某镇人民政府\n2024年9月27日\n"
    )
    lines = [x for x in describe(parse_notice_text(text)) if x.startswith("报送节点")]
    assert any("每季度第一个月10日" in x for x in lines)
    assert any("接到通知后3个工作日内（10-08）" in x and "随附：相关照片" in x for x in lines)
