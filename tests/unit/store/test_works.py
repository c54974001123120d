"""“五个一” works: activities tagged with a works item count toward the 分配表's quota."""

from datetime import date

import pytest

from anquanyue_desktop.domain.activities import Activity, works_format
from anquanyue_desktop.domain.campaign_templates import ZUSHI_2024
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.usecases.campaigns import create_campaign
from anquanyue_desktop.usecases.works import campaign_works_register, works_items

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS"
    b"\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


@pytest.fixture
def zushi(store, tmp_path):
    store.units.add_names(["北关社区", "南关社区"])
    campaign, deadlines = ZUSHI_2024.for_year(2024)
    return create_campaign(store, campaign, deadlines, ZUSHI_2024.forms)


def test_formats_of_an_attachment():
    assert works_format(("视频", "图片"), "photo") == "图片"
    assert works_format(("视频", "图片"), "link") == "视频"
    assert works_format(("课件（录像）",), "video") == "课件（录像）"
    assert works_format(("典型案例",), "document") == "典型案例"
    assert works_format(("图片",), "video") is None


def test_shortfalls_follow_what_was_tagged(store, zushi, tmp_path):
    assert ("drill", "应急逃生避险演练") in works_items(store, zushi)
    north, _ = store.units.list()
    photos = []
    for i in range(2):
        path = tmp_path / f"演练{i}.png"
        path.write_bytes(PNG + bytes([i]))  # trailing bytes: two different files
        photos.append((path, "photo", f"演练照片{i}"))
    drill = Activity(
        zushi.id, north.id, date(2024, 6, 12), "应急演练", "逃生演练", works_item="drill"
    )
    store.activities.save(drill, photos)
    register = campaign_works_register(store, zushi)
    lines = register.shortfall_lines()
    assert "北关社区 应急逃生避险演练：视频 0/1，图片 2/3" in lines
    assert any(line.startswith("南关社区 应急逃生避险演练") for line in lines)


def test_a_works_photo_needs_a_caption(store, zushi, tmp_path):
    north = store.units.list()[0]
    path = tmp_path / "无说明.png"
    path.write_bytes(PNG)
    bare = Activity(zushi.id, north.id, date(2024, 6, 12), "应急演练", "演练", works_item="drill")
    with pytest.raises(ValidationError, match="需要配文字说明"):
        store.activities.save(bare, [(path, "photo", "")])
    assert store.activities.list(zushi.id) == []
    # The same photo without a works item needs no caption.
    store.activities.save(
        bare.__class__(**{**bare.__dict__, "works_item": ""}), [(path, "photo", "")]
    )
    assert len(store.activities.list(zushi.id)) == 1


def test_no_quota_no_register(store):
    from anquanyue_desktop.domain.campaign import Campaign

    c = store.campaigns.save(Campaign(year=2025))
    assert campaign_works_register(store, c) is None
    assert works_items(store, c) == []
