"""Activities in the store: save with files and links, filters, weekly windows, categories."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, time
from itertools import pairwise

import pytest
from PIL import Image

from anquanyue_desktop.domain.activities import (
    DEFAULT_CATEGORIES,
    LINK,
    PHOTO,
    VIDEO,
    VIDEO_INTRO_MAX,
    Activity,
    MediaItem,
    iso_weeks,
    media_advice,
    media_problems,
    media_summary,
    weekly_windows,
)
from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.store import Store
from anquanyue_desktop.store.activity_repository import OWN_ACTIVITIES
from anquanyue_desktop.store.media import MediaRefused, media_dir_for
from anquanyue_desktop.store.migrations import m004_activities


@pytest.fixture
def campaign(store: Store) -> Campaign:
    return store.campaigns.save(Campaign(year=2022, theme="遵守安全生产法 当好第一责任人"))


@pytest.fixture
def units(store: Store):
    added, _ = store.units.add_names(["荫城村", "东村"])
    return added


def photo(tmp_path, name="现场.jpg", color=(10, 200, 10)):
    out = io.BytesIO()
    Image.new("RGB", (60, 40), color).save(out, "JPEG")
    p = tmp_path / name
    p.write_bytes(out.getvalue())
    return p


def activity(campaign, unit=None, on=date(2022, 6, 8), **kw) -> Activity:
    base = {"category": "应急演练", "title": "消防应急疏散演练"}
    base.update(kw)
    return Activity(campaign.id, unit.id if unit else None, on, **base)


def test_migration_runs_on_an_empty_database():
    from sqlite_utils import Database

    db = Database(memory=True)
    db.execute("CREATE TABLE campaigns (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE units (id INTEGER PRIMARY KEY)")
    m004_activities(db)
    assert {"activity_categories", "activities", "media", "activity_media"} <= set(db.table_names())
    assert {"activities_by_date", "activities_unit"} <= {i.name for i in db["activities"].indexes}


def test_save_with_a_file_and_a_link_then_list(store, campaign, units, tmp_path):
    a = activity(
        campaign,
        units[0],
        place="村委会广场",
        participants=120,
        important=True,
        media=(
            MediaItem(LINK, url="https://pan.baidu.com/s/1abc", code="x7k2", caption="演练视频"),
        ),
    )
    saved = store.activities.save(a, [(photo(tmp_path), None, " 疏散集合 ")])
    assert saved.id is not None and saved.important and saved.participants == 120
    assert [m.kind for m in saved.media] == [LINK, PHOTO]
    link, pic = saved.media
    assert link.code == "x7k2" and pic.caption == "疏散集合" and pic.original_name == "现场.jpg"
    assert store.media.has(pic.sha256)
    assert store.media.root == media_dir_for(store.path)
    assert store.activities.list(campaign.id) == [saved]
    # Saving it again unchanged keeps one link row, and the file row is shared.
    again = store.activities.save(saved)
    assert again == saved
    assert store.db.execute("SELECT count(*) FROM media").fetchone()[0] == 2
    # Dropping the link removes its row; the file stays.
    store.activities.save(replace(saved, media=(pic,)))
    assert store.db.execute("SELECT count(*) FROM media").fetchone()[0] == 1


def test_the_same_photo_twice_is_one_file_and_two_attachments(store, campaign, tmp_path):
    p = photo(tmp_path)
    a = store.activities.save(activity(campaign), [(p, PHOTO, "一"), (p, PHOTO, "二")])
    assert len(a.media) == 2 and a.media[0].sha256 == a.media[1].sha256
    assert [m.caption for m in a.media] == ["一", "二"]
    assert len(list(store.media.stored())) == 1


def test_a_refused_file_saves_nothing(store, campaign, tmp_path):
    fake = tmp_path / "照片.jpg"
    fake.write_bytes(b"%PDF-1.5\n")
    with pytest.raises(MediaRefused):
        store.activities.save(activity(campaign), [(photo(tmp_path), None, ""), (fake, None, "")])
    assert store.activities.list(campaign.id) == []
    assert list(store.media.stored()) == []


def test_video_intro_over_200_characters_is_refused(store, campaign, tmp_path):
    video = tmp_path / "演练.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200)
    with pytest.raises(ValidationError) as info:
        store.activities.save(activity(campaign), [(video, None, "字" * (VIDEO_INTRO_MAX + 1))])
    assert "视频简介最多200字，现在有201字" in str(info.value)
    assert list(store.media.stored()) == []
    saved = store.activities.save(activity(campaign), [(video, None, "字" * VIDEO_INTRO_MAX)])
    assert saved.media[0].kind == VIDEO


def test_media_rules():
    assert media_problems(MediaItem(VIDEO, "v.mp4", caption="字" * 200)) == []
    assert [p.code for p in media_problems(MediaItem(VIDEO, "v.mp4", caption="字" * 201))] == [
        "video_intro_long"
    ]
    assert [p.code for p in media_problems(MediaItem(PHOTO, "a.jpg"), for_works=True)] == [
        "photo_caption"
    ]
    assert media_advice(MediaItem(VIDEO, "v.mp4", size=300 * 1024 * 1024)) is not None
    assert media_advice(MediaItem(VIDEO, "v.mp4", size=30 * 1024 * 1024)) is None
    assert media_summary([MediaItem(PHOTO), MediaItem(PHOTO), MediaItem(LINK, url="u")]) == (
        "照片2 链接1"
    )


def test_invalid_activity_is_refused(store, campaign):
    with pytest.raises(ValidationError) as info:
        store.activities.save(activity(campaign, title=" ", category="不存在的类别"))
    codes = {p.code for p in info.value.problems}
    assert codes == {"title_empty", "category"}


def test_filters(store, campaign, units, tmp_path):
    village, east = units
    store.activities.save(activity(campaign, village, date(2022, 6, 2), title="安全知识讲座"))
    store.activities.save(
        activity(campaign, east, date(2022, 6, 9), category="隐患排查整治", title="燃气排查")
    )
    store.activities.save(
        activity(campaign, None, date(2022, 6, 16), category="安全宣传咨询日", title="咨询日")
    )
    list_ = store.activities.list
    assert [a.title for a in list_(campaign.id)] == ["安全知识讲座", "燃气排查", "咨询日"]
    assert [a.title for a in list_(campaign.id, unit_id=east.id)] == ["燃气排查"]
    assert [a.title for a in list_(campaign.id, unit_id=OWN_ACTIVITIES)] == ["咨询日"]
    assert [a.title for a in list_(campaign.id, category="隐患排查整治")] == ["燃气排查"]
    assert [a.title for a in list_(campaign.id, start=date(2022, 6, 9))] == ["燃气排查", "咨询日"]
    assert [a.title for a in list_(campaign.id, end=date(2022, 6, 9))] == [
        "安全知识讲座",
        "燃气排查",
    ]
    assert [a.title for a in list_(campaign.id, text="东村")] == ["燃气排查"]  # unit name
    assert [a.title for a in list_(campaign.id, text="咨询 16")] == []  # every word must match
    assert [a.title for a in list_(campaign.id, text="讲座")] == ["安全知识讲座"]


def test_in_window_boundaries_at_wednesday_18(store, campaign):
    for day in (1, 2, 8, 9):
        store.activities.save(activity(campaign, on=date(2022, 6, day), title=f"6月{day}日"))
    # Reports due Wednesdays 18:00: 6月1日 and 6月8日.
    after, until = datetime(2022, 6, 1, 18, 0), datetime(2022, 6, 8, 18, 0)
    titles = [a.title for a in store.activities.in_window(campaign.id, after, until)]
    assert titles == ["6月2日", "6月8日"]  # the due Wednesday counts; the previous one does not
    weeks = weekly_windows([after, until])
    assert weeks[0].contains(date(2022, 6, 1)) and not weeks[0].contains(date(2022, 6, 2))
    assert weeks[0].contains(date(2022, 5, 20)) and weeks[0].span == "截至6月1日"
    assert weeks[1].contains(date(2022, 6, 2)) and weeks[1].contains(date(2022, 6, 8))
    assert weeks[1].span == "6月2日至6月8日"
    assert weeks[0].after is None and weeks[1].after == after


def test_iso_weeks_cover_the_period():
    weeks = iso_weeks(date(2022, 6, 1), date(2022, 6, 30))
    assert weeks[0].first_day == date(2022, 5, 30) and weeks[-1].last_day == date(2022, 7, 3)
    assert weeks[0].label == "2022年第22周" and len(weeks) == 5
    assert all(a.until == b.after for a, b in pairwise(weeks))
    assert weeks[0].after.time() == time(23, 59, 59)


def test_categories_start_from_the_seeds_and_renaming_a_used_one_is_refused(store, campaign):
    assert store.activities.categories(campaign.id) == DEFAULT_CATEGORIES
    store.activities.save(activity(campaign))  # 应急演练
    renamed = ["演练" if c == "应急演练" else c for c in DEFAULT_CATEGORIES]
    with pytest.raises(ValidationError) as info:
        store.activities.set_categories(campaign.id, renamed)
    assert "“应急演练”下已有1条活动记录" in info.value.problems[0].message
    assert store.activities.categories(campaign.id) == DEFAULT_CATEGORIES
    # Renaming an unused one, adding and reordering are fine.
    rest = [c for c in DEFAULT_CATEGORIES[:-1] if c != "应急演练"]  # 其他 removed, unused
    names = ["应急演练", "企业安全公开承诺", " ", *rest]
    result = store.activities.set_categories(campaign.id, names)
    assert result[:2] == ("应急演练", "企业安全公开承诺") and "其他" not in result
    with pytest.raises(ValidationError):
        store.activities.set_categories(campaign.id, ["应急演练", "应急演练"])


def test_delete_and_campaign_cascade(store, campaign, tmp_path):
    a = store.activities.save(
        activity(campaign, media=(MediaItem(LINK, url="https://pan.example/s/1"),)),
        [(photo(tmp_path), None, "")],
    )
    store.activities.delete(a.id)
    assert store.activities.list(campaign.id) == []
    kinds = [r[0] for r in store.db.execute("SELECT kind FROM media").fetchall()]
    assert kinds == [PHOTO]  # the link went with the activity, the file row stays
    store.activities.save(activity(campaign))
    store.campaigns.delete(campaign.id)
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0


def test_a_unit_with_activities_is_deactivated_not_deleted(store, campaign, units):
    store.activities.save(activity(campaign, units[0]))
    assert store.units.has_data(units[0].id)
