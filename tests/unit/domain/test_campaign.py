from datetime import date

import pytest

from anquanyue_desktop.domain.campaign import (
    Campaign,
    national_ordinal,
    parse_date,
    short_place_name,
    validate_campaign,
)
from anquanyue_desktop.domain.demo import DEMO_CAMPAIGN, demo_units
from anquanyue_desktop.domain.phone import is_landline, is_mobile, phone_problem


def codes(c, others=frozenset()):
    return {p.code for p in validate_campaign(c, others)}


def test_demo_campaign_is_valid_and_matches_the_yincheng_notice():
    assert validate_campaign(DEMO_CAMPAIGN) == []
    assert DEMO_CAMPAIGN.ordinal == national_ordinal(2022) == 21
    assert DEMO_CAMPAIGN.theme == "遵守安全生产法 当好第一责任人"
    assert (DEMO_CAMPAIGN.period_start, DEMO_CAMPAIGN.period_end) == (
        date(2022, 6, 1),
        date(2022, 6, 30),
    )
    units = demo_units()
    assert len(units) == 12
    assert all("示例" in u.name and u.is_demo for u in units)


def test_year_outside_2000_2100_and_taken_year():
    assert "year_range" in codes(Campaign(year=1999))
    assert "year_range" in codes(Campaign(year=2101))
    assert codes(Campaign(year=2100)) == set()
    assert "year_taken" in codes(Campaign(year=2024), {2024})


def test_period_end_before_start_is_named():
    c = Campaign(year=2024, period_start=date(2024, 6, 30), period_end=date(2024, 6, 1))
    (problem,) = validate_campaign(c)
    assert problem.field == "period_end"
    assert "早于开始日期" in problem.message


def test_contact_phone_checked():
    assert "phone" in codes(Campaign(year=2024, contact_phone="1523453771"))
    assert codes(Campaign(year=2024, contact_phone="6627527")) == set()


@pytest.mark.parametrize("number", ["15234537719", "152 3453 7719", "１５２３４５３７７１９"])
def test_mobiles(number):
    assert is_mobile(number)


@pytest.mark.parametrize(
    "number", ["6627527", "0355-6627527", "(0355)6627527", "010-88886666转123"]
)
def test_landlines(number):
    assert is_landline(number)


def test_bad_phone_messages_are_chinese_and_specific():
    assert "11位" in phone_problem("1523453771")
    assert "不是有效的电话号码" in phone_problem("abc")
    assert phone_problem("") is None


def test_parse_date_forms_and_impossible_dates():
    assert parse_date("2022-06-01") == date(2022, 6, 1)
    assert parse_date("2022年6月1日") == date(2022, 6, 1)
    assert parse_date("2022/6/1") == date(2022, 6, 1)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="不是存在的日期"):
        parse_date("2022-02-30")
    with pytest.raises(ValueError, match="不是日期"):
        parse_date("六月一日")


def test_short_place_name_for_file_names():
    assert short_place_name("荫城镇人民政府") == "荫城镇"
    assert short_place_name("祖师街道办事处") == "祖师街道"
    assert short_place_name("") == ""
