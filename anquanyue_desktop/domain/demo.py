"""The demo campaign: 荫城镇 2022 as its notice (seed 002) states it, with invented units.

The units are made up and marked 示例 so nobody mistakes them for real ones.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from .campaign import Campaign, national_ordinal, shift_date
from .campaign_templates import YINCHENG_2022
from .deadlines import Deadline, Occurrence, shift_year
from .submissions import Submission
from .units import Unit, guess_kind

DEMO_MARK = "示例"

DEMO_CAMPAIGN = replace(
    YINCHENG_2022.campaign,
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


def demo_deadlines(year: int | None = None) -> list[Deadline]:
    """The 荫城镇 2022 notice's deadlines, moved to ``year`` when the demo cannot have 2022."""
    deadlines = list(YINCHENG_2022.deadlines)
    if year is None or year == DEMO_CAMPAIGN.year:
        return deadlines
    return [shift_year(d, year - DEMO_CAMPAIGN.year) for d in deadlines]


def demo_year(years: dict[int, bool]) -> int:
    """The year the demo campaign goes to, given the years in use (year → is it the demo).

    2022, the notice's own year, unless a real campaign holds it; then the nearest earlier
    free year, so the demo sits beside the clerk's real campaigns without taking one's place.
    """
    existing = sorted(y for y, is_demo in years.items() if is_demo)
    if existing:
        return existing[0]
    for year in (*range(DEMO_CAMPAIGN.year, 1999, -1), *range(DEMO_CAMPAIGN.year + 1, 2101)):
        if year not in years:
            return year
    raise ValueError("no free year for the demo")


def demo_campaign(year: int) -> Campaign:
    """The demo campaign in ``year``: the 2022 notice's content, its dates moved, marked 示例."""
    if year == DEMO_CAMPAIGN.year:
        return DEMO_CAMPAIGN
    shift = year - DEMO_CAMPAIGN.year
    return replace(
        DEMO_CAMPAIGN,
        year=year,
        ordinal=national_ordinal(year),
        period_start=shift_date(DEMO_CAMPAIGN.period_start, shift),
        period_end=shift_date(DEMO_CAMPAIGN.period_end, shift),
        notes=DEMO_CAMPAIGN.notes
        + f"日期已由2022年移到{year}年，因{DEMO_CAMPAIGN.year}年已有正式活动。",
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


def demo_submissions(
    occurrences: list[Occurrence], unit_ids: list[int], deadline_ids: dict[str, int]
) -> list[Submission]:
    """A plausible June 2022: most units on time, a few late (one at 18:00:30 on a Wednesday),
    a few never sent. Deterministic, so every new user sees the same story."""
    rng = random.Random(2022)
    found: list[Submission] = []
    for occ in occurrences:
        deadline_id = deadline_ids[occ.deadline.title]
        for position, unit_id in enumerate(unit_ids):
            roll = rng.random()
            # The last two units are the chronic laggards every township has.
            if position >= len(unit_ids) - 2:
                roll = roll * 0.5 + 0.5
            if roll < 0.72:
                received = occ.due - timedelta(hours=rng.randint(1, 60), minutes=rng.randint(0, 59))
                if not occ.has_time:
                    received = occ.due.replace(
                        hour=rng.randint(8, 17), minute=rng.randint(0, 59)
                    ) - timedelta(days=rng.randint(0, 2))
            elif roll < 0.86:
                received = occ.due + timedelta(hours=rng.randint(1, 40))
                if occ.has_time and rng.random() < 0.3:
                    received = occ.due + timedelta(seconds=30)
            else:
                continue
            # Clerks and village secretaries send things in office hours, not at 2 a.m.
            if not 8 <= received.hour <= 20:
                if received < occ.due and received.date() < occ.due.date():
                    received = received.replace(hour=rng.randint(8, 17))
                elif received > occ.due and received.date() > occ.due.date():
                    received = received.replace(hour=rng.randint(8, 20))
            found.append(
                Submission(
                    deadline_id=deadline_id,
                    occurrence_key=occ.key,
                    unit_id=unit_id,
                    received_at=received.replace(microsecond=0),
                    materials="电子版" if occ.has_time else "纸质盖章版、电子版",
                )
            )
    return found


_SURNAMES = "王李张刘陈杨赵黄周吴郭马"
_GIVEN = (
    "建国",
    "丽娟",
    "志强",
    "海燕",
    "文斌",
    "晓东",
    "春梅",
    "国庆",
    "红霞",
    "永刚",
    "秀英",
    "卫东",
)
_POSITIONS = (
    "办公室主任",
    "安全专干",
    "安全员",
)


# A liaison's title that fits the unit: a school has no 所长, a village no 副院长.
_POSITIONS_BY_WORD = (
    ("学校", ("副校长", "安全办主任")),
    ("卫生院", ("副院长",)),
    ("派出所", ("副所长",)),
    ("公司", ("安全部经理", "安全员")),
    ("村", ("村委会主任", "党支部书记", "安全员")),
)


def _position(name: str, i: int) -> str:
    for word, titles in _POSITIONS_BY_WORD:
        if word in name:
            return titles[i % len(titles)]
    return _POSITIONS[i % len(_POSITIONS)]


def demo_liaisons(
    unit_count: int, names: Sequence[str] | None = None
) -> list[dict[str, str] | None]:
    """Invented liaisons for the demo units in order (None: that unit has not named one yet);
    with the units' ``names``, each liaison's title fits the kind of unit.

    Mobiles are in the 1380000xxxx range that no real subscriber in the demo's area holds.
    """
    people: list[dict[str, str] | None] = []
    for i in range(unit_count):
        if i in (4, 10):
            people.append(None)
            continue
        name = names[i] if names is not None and i < len(names) else ""
        people.append(
            {
                "name": _SURNAMES[i % len(_SURNAMES)] + _GIVEN[i % len(_GIVEN)],
                "position": _position(name, i) if name else _POSITIONS[i % len(_POSITIONS)],
                "office_phone": f"0355-66{27000 + i * 13:05d}",
                "mobile": f"1380000{1000 + i * 7:04d}",
            }
        )
    return people


def demo_statistics(
    number_keys: list[str], text_key: str | None, unit_count: int
) -> list[dict | None]:
    """Plausible activity counts for the first units; the rest have not reported yet."""
    rng = random.Random(616)
    found: list[dict | None] = []
    for i in range(unit_count):
        if i >= 7:
            found.append(None)
            continue
        values: dict = {}
        for key in number_keys:
            if rng.random() < 0.7:
                values[key] = rng.choice((0, 1, 1, 2, 3, 5, 12, 30, 60, 150))
        if text_key and rng.random() < 0.5:
            values[text_key] = rng.choice(
                ("某加油站违规动火作业被查处", "某建材公司未落实隐患整改被约谈")
            )
        found.append(values)
    return found
