"""A character no font can print is refused where it is typed, with its name and position."""

from __future__ import annotations

from datetime import date

import pytest

from anquanyue_desktop.domain.activities import Activity
from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.printable import unprintable_problems
from anquanyue_desktop.domain.validation import ValidationError
from anquanyue_desktop.store import Store
from anquanyue_desktop.usecases.printable import can_print


@pytest.fixture
def checked(data_dir):
    s = Store(data_dir / "anquanyue.db", can_print=can_print)
    yield s
    s.close()


def test_the_message_names_the_character_and_its_position():
    (p,) = unprintable_problems([("row 1", "第1行单位名称", "荫城🔥村")], lambda ch: ch != "🔥")
    assert "第3个字符“🔥”（U+1F525，FIRE）" in p.message and "无法打印" in p.message


def test_invisible_characters_are_not_reported():
    text = "荫城\u200b村\ufe0f\u202e"
    assert unprintable_problems([("f", "x", text)], lambda ch: "\u4e00" <= ch <= "\u9fff") == []


def test_an_emoji_unit_name_is_refused_and_nothing_saved(checked):
    checked.units.add_names(["荫城村"])
    with pytest.raises(ValidationError) as caught:
        checked.units.add_names(["东村", "🔥西村"])
    (problem,) = caught.value.problems
    assert "第1个字符“🔥”" in problem.message and "🔥西村" in problem.message
    assert [u.name for u in checked.units.list()] == ["荫城村"]


def test_chinese_latin_and_digits_pass(checked):
    checked.units.add_names(["荫城村", "No.3 Mine（三号矿）", "第一组·东区", "鑫淼焱垚矿业"])
    assert checked.units.count() == 4


def test_emoji_in_a_campaign_theme_and_an_activity_caption(checked):
    with pytest.raises(ValidationError, match="活动主题"):
        checked.campaigns.save(Campaign(year=2026, theme="安全第一👍"))
    campaign = checked.campaigns.save(Campaign(year=2026, theme="安全第一"))
    with pytest.raises(ValidationError, match="活动名称"):
        checked.activities.save(
            Activity(campaign.id, None, date(2026, 6, 1), "应急演练", "消防演练🚒")
        )
    assert checked.activities.list(campaign.id) == []
