"""The demo campaign: 荫城镇 2022 as its notice (seed 002) states it, with invented units.

The units are made up and marked 示例 so nobody mistakes them for real ones.
"""

from __future__ import annotations

from datetime import date

from .campaign import Campaign
from .units import Unit, guess_kind

DEMO_MARK = "示例"

DEMO_CAMPAIGN = Campaign(
    year=2022,
    ordinal=21,
    theme="遵守安全生产法 当好第一责任人",
    period_start=date(2022, 6, 1),
    period_end=date(2022, 6, 30),
    issuer="荫城镇人民政府",
    document_number="",
    contact_person="王芷瑜",
    contact_phone="15234537719",
    notes=(
        "示例数据，依据《荫城镇人民政府关于开展2022年“安全生产月”活动的通知》；"
        "上级文件：长上政安办发〔2022〕19号。"
    ),
    is_demo=True,
)

_DEMO_UNIT_NAMES = (
    "荫城村",
    "东村",
    "西坡村",
    "桑梓村",
    "李家庄村",
    "河南村",
    "荫城镇中心学校",
    "镇卫生院",
    "镇财政所",
    "镇农业综合服务中心",
    "荫城镇派出所",
    "长治市荫城建材有限公司",
)


def demo_units() -> list[Unit]:
    return [
        Unit(
            name=f"{name}（{DEMO_MARK}）",
            kind=guess_kind(name),
            sort_order=i,
            notes="示例单位，可删除",
            is_demo=True,
        )
        for i, name in enumerate(_DEMO_UNIT_NAMES, start=1)
    ]
