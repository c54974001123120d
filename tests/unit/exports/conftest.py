"""Shared data for the export tests: a real-looking campaign and unit list, PDF text helpers."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.resources import BUNDLED_CJK_FONT

KINDS = ("村", "社区", "企业", "学校", "站所", "部门")


@pytest.fixture
def campaign() -> Campaign:
    return Campaign(
        year=2022,
        theme="遵守安全生产法　当好第一责任人",
        ordinal=21,
        period_start=date(2022, 6, 1),
        period_end=date(2022, 6, 30),
        issuer="荫城镇人民政府",
        contact_person="王芳",
        contact_phone="0355-1234567",
    )


def _make_units(n: int) -> list[Unit]:
    """``n`` units with a long name, punctuation, Latin/digits, a formula-looking name, notes."""
    units = [
        Unit(f"荫城镇第{i}村村民委员会", KINDS[i % len(KINDS)], i, active=i % 9 != 0)
        for i in range(1, n + 1)
    ]
    specials = [
        Unit(
            "山西省长治市上党区荫城镇人民政府安全生产委员会办公室（应急管理站、消防工作站）",
            "部门",
            2,
            notes="联系人：张三，电话13800138000",
        ),
        Unit("“平安”加油站（荫城店）：A-1号", "企业", 3, notes="第2周已报送；照片3张、视频1个"),
        Unit("=SUM(A1)", "其他", 4, notes="+86 测试"),
        Unit("-1", "其他", 5, notes="@备注"),
    ]
    for k, special in enumerate(specials, start=1):
        if k < n:
            units[k] = special
    return units


def stand_in_font(path: Path) -> None:
    """Put the bundled font at ``path`` as a stand-in for a Windows font (a symlink where the
    system allows one, else a copy)."""
    try:
        path.symlink_to(BUNDLED_CJK_FONT)
    except OSError:  # Windows without developer mode
        shutil.copyfile(BUNDLED_CJK_FONT, path)


@pytest.fixture
def stand_in():
    """stand_in(path): a bundled-font stand-in for a Windows system font file."""
    return stand_in_font


def _pdf_pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def make_units():
    """make_units(n): a list of ``n`` units including awkward names."""
    return _make_units


@pytest.fixture
def pdf_text():
    """pdf_text(data): the text pypdf extracts from each page."""
    return _pdf_pages_text
