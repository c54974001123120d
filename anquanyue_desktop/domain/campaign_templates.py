"""Campaigns as the real notices set them up (../shared/seeds), to start a year from.

Each template is the campaign and the deadlines its notice states; the clerk reviews and edits
everything after creating it. Dates are the notice's own year; ``for_year`` moves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .campaign import Campaign, moved_to_year
from .deadlines import (
    ASAP,
    DIRECTION_IN,
    MONTHLY_KIND,
    ONCE,
    WEEKLY_KIND,
    Deadline,
    DeadlineRule,
    shift_year,
)


@dataclass(frozen=True)
class CampaignTemplate:
    key: str
    name: str
    source: str
    campaign: Campaign
    deadlines: tuple[Deadline, ...]
    # (template key, role): the forms of the notice's attachments, shipped in forms/.
    forms: tuple[tuple[str, str], ...] = ()

    def for_year(self, year: int) -> tuple[Campaign, list[Deadline]]:
        """The campaign and deadlines moved to ``year`` (ordinal recomputed)."""
        shift = year - self.campaign.year
        notes = f"由模板“{self.name}”创建。" + ("主题、文号请按今年的通知填写。" if shift else "")
        campaign = moved_to_year(self.campaign, year, notes)
        return campaign, [shift_year(d, shift) if shift else d for d in self.deadlines]


def _once(
    title: str, on: date, materials: str = "", at: time | None = None, notes: str = ""
) -> Deadline:
    return Deadline(
        None, title, DeadlineRule(ONCE, on=on, at=at), DIRECTION_IN, materials, notes=notes
    )


def _asap(title: str, materials: str, notes: str = "") -> Deadline:
    return Deadline(None, title, DeadlineRule(ASAP), DIRECTION_IN, materials, notes=notes)


YINCHENG_2022 = CampaignTemplate(
    key="yincheng-2022",
    name="荫城镇2022年（每周三18:00周报）",
    source="荫城镇人民政府关于开展2022年“安全生产月”活动的通知",
    campaign=Campaign(
        year=2022,
        ordinal=21,
        theme="遵守安全生产法 当好第一责任人",
        period_start=date(2022, 6, 1),
        period_end=date(2022, 6, 30),
        issuer="荫城镇人民政府",
        contact_person="王芷瑜",
        contact_phone="15234537719",
    ),
    deadlines=(
        _once("联络员推荐表", date(2022, 5, 31), "报送1名联络员（附件：联络员推荐表）"),
        _once("活动方案", date(2022, 5, 31), "安全生产月活动方案"),
        Deadline(
            None,
            "周活动开展情况",
            DeadlineRule(
                WEEKLY_KIND,
                at=time(18, 0),
                weekday=3,
                start=date(2022, 6, 1),
                end=date(2022, 6, 30),
            ),
            DIRECTION_IN,
            "周活动开展情况及相关视频、图片、文字等电子版资料",
            notes="也可随时报送相关活动信息",
        ),
        _asap("重要活动、特色活动", "重要活动、特色活动信息，即时报送"),
        _once("工作总结", date(2022, 7, 4), "安全生产月活动工作总结"),
    ),
    forms=(("yincheng-liaison", "liaison"),),
)

ZUSHI_2024 = CampaignTemplate(
    key="zushi-2024",
    name="祖师街道2024年（联络员反馈表、优秀作品）",
    source="2024年祖师街道办事处“安全生产月”活动方案",
    campaign=Campaign(
        year=2024,
        ordinal=23,
        theme="人人讲安全、个个会应急——畅通生命通道",
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 30),
        issuer="祖师街道办事处",
        contact_person="王亚伟",
        contact_phone="5163977",
    ),
    deadlines=(
        _once("联络员反馈表", date(2024, 6, 3), "1名联络员姓名和联系方式（联络员反馈表）"),
        _once("活动内容及视频、图片", date(2024, 6, 8), "“安全生产月”活动内容和相关的视频、图片等"),
        _once(
            "活动总结报告和优秀作品案例报送表",
            date(2024, 6, 25),
            "活动总结报告、优秀作品案例报送表",
        ),
        _asap("好的做法、特色项目、重要事项", "视频、图片、文字等电子版资料，及时提供"),
    ),
    forms=(
        ("zushi-liaison", "liaison"),
        ("zushi-works-quota", "works_quota"),
        ("zushi-works-report", "works_report"),
    ),
)

TRANSPORT_2023 = CampaignTemplate(
    key="transport-2023",
    name="县交通运输系统2023年（活动情况统计表）",
    source="全县交通运输系统2023年“安全生产月”活动方案",
    campaign=Campaign(
        year=2023,
        ordinal=22,
        theme="人人讲安全个个会应急",
        period_start=date(2023, 5, 31),
        period_end=date(2023, 6, 30),
        issuer="县交通运输局",
        contact_person="张家志",
        contact_phone="6627527",
    ),
    deadlines=(
        _once("联络员", date(2023, 5, 29), "报送一名联络员"),
        _once("活动总结及情况统计表", date(2023, 6, 30), "活动总结、“安全生产月”活动情况统计表"),
        _asap("典型和特色项目、重要活动资料", "视频、图片、文字等电子版资料，及时报至局安全股"),
    ),
    forms=(("activity-statistics", "statistics"),),
)

JIANGHAI_2023 = CampaignTemplate(
    key="jianghai-2023",
    name="江海区2023年（含“安全生产五邑行”6—12月）",
    source="2023年江门市江海区“安全生产月”和“安全生产五邑行”活动方案",
    campaign=Campaign(
        year=2023,
        ordinal=22,
        theme="人人讲安全 个个会应急",
        period_start=date(2023, 6, 1),
        period_end=date(2023, 6, 30),
        issuer="江海区安委会办公室",
        notes="“安全生产五邑行”活动时间：2023年6月1日至12月31日",
    ),
    deadlines=(
        _once("活动方案", date(2023, 6, 2), "“安全生产月”和“安全生产五邑行”活动方案"),
        _once(
            "“安全生产月”活动总结",
            date(2023, 6, 21),
            "活动总结（盖章版纸质文件和电子文本）、视频、照片等佐证材料、活动进展情况统计表",
        ),
        _once(
            "“安全生产五邑行”活动总结",
            date(2023, 11, 26),
            "活动总结（盖章版纸质文件和电子文本）、视频、照片等佐证材料、活动进展情况统计表",
        ),
        Deadline(
            None,
            "曝光典型案例",
            DeadlineRule(MONTHLY_KIND, start=date(2023, 6, 1), end=date(2023, 12, 31)),
            DIRECTION_IN,
            "每月至少在主流媒体或部门频道曝光公布1至2个典型案例",
            notes="通知未规定每月的具体日期，默认月底前，可修改",
        ),
    ),
)

TEMPLATES: tuple[CampaignTemplate, ...] = (YINCHENG_2022, ZUSHI_2024, TRANSPORT_2023, JIANGHAI_2023)


def template(key: str) -> CampaignTemplate:
    for t in TEMPLATES:
        if t.key == key:
            return t
    raise KeyError(key)
