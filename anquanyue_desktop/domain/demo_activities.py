"""A plausible June 2022 of activities for the demo units, so every report shows something.

Pure data: which unit did what, when, with how many people, and which pictures to draw.
The pictures themselves are drawn by the store (the domain imports no image library).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from .activities import LINK, Activity, MediaItem
from .units import Unit


@dataclass(frozen=True)
class DemoPicture:
    """A generated photo: a coloured poster with shapes; ``seed`` makes each one differ."""

    name: str
    caption: str
    seed: int


@dataclass(frozen=True)
class DemoActivity:
    activity: Activity
    pictures: tuple[DemoPicture, ...] = ()


# (category, title, place, participants range, description)
Idea = tuple[str, str, str, tuple[int, int], str]

_STUDY: Idea = (
    "学习宣贯",
    "传达学习新《安全生产法》",
    "会议室",
    (15, 40),
    "组织干部职工集中学习新《安全生产法》和习近平总书记关于安全生产的重要论述。",
)
_WARNING: Idea = (
    "警示教育",
    "观看安全生产警示教育片",
    "会议室",
    (20, 60),
    "观看《生命重于泰山》警示教育片，结合典型事故案例开展讨论。",
)
_FIRE_DRILL: Idea = (
    "应急演练",
    "消防应急疏散演练",
    "办公楼及院内",
    (30, 150),
    "模拟火情，组织人员沿疏散通道有序撤离，演示灭火器使用。",
)
_IDEAS_BY_KIND: dict[str, tuple[Idea, ...]] = {
    "村": (
        (
            "“五进”宣传",
            "安全宣传进农村",
            "村委会广场",
            (60, 200),
            "悬挂横幅、发放宣传册，讲解用火用电和防溺水常识。",
        ),
        (
            "隐患排查整治",
            "自建房和燃气安全隐患排查",
            "村内农户、小作坊",
            (6, 15),
            "逐户检查自建房结构、燃气管道和报警器，当场整改一般隐患，登记重大隐患。",
        ),
        (
            "应急演练",
            "防汛避险转移演练",
            "村委会及低洼地带",
            (40, 120),
            "模拟强降雨，组织低洼地带群众按转移路线撤离到安置点。",
        ),
        (
            "媒体宣传",
            "微信群转发安全提示",
            "村民微信群",
            (200, 600),
            "转发安全生产月主题海报和防溺水、防雷电提示。",
        ),
    ),
    "学校": (
        _FIRE_DRILL,
        (
            "教育培训",
            "防溺水安全教育主题班会",
            "各班教室",
            (300, 900),
            "各班召开防溺水主题班会，签订《防溺水安全承诺书》。",
        ),
        _WARNING,
    ),
    "企业": (
        (
            "教育培训",
            "一线员工安全培训",
            "企业培训室",
            (25, 80),
            "讲解岗位操作规程、个人防护用品使用和事故应急处置。",
        ),
        _FIRE_DRILL,
        (
            "隐患排查整治",
            "生产车间隐患自查自改",
            "生产车间、仓库",
            (8, 20),
            "对照清单检查设备防护、用电线路和消防设施，建立隐患整改台账。",
        ),
    ),
    "站所": (
        _STUDY,
        _WARNING,
        (
            "执法检查",
            "辖区企业安全检查",
            "辖区企业",
            (5, 12),
            "检查企业主体责任落实、安全管理台账和特种作业人员持证情况。",
        ),
        _FIRE_DRILL,
    ),
}
_IDEAS_BY_KIND["社区"] = _IDEAS_BY_KIND["村"]
_DEFAULT_IDEAS = (_STUDY, _WARNING, _FIRE_DRILL)

_CONSULTATION = (
    "安全宣传咨询日",
    "“安全宣传咨询日”现场活动",
    "荫城镇十字街",
    (300, 800),
    "设咨询台，展出宣传展板，发放宣传资料，现场解答群众安全生产问题。",
)


def demo_activities(
    campaign_id: int,
    units: list[Unit],
    *,
    start: date = date(2022, 5, 30),
    end: date = date(2022, 6, 29),
) -> list[DemoActivity]:
    """About two activities per unit between ``start`` and ``end``, and the township's own
    consultation day on 6月16日. Deterministic, so every new user sees the same story."""
    rng = random.Random(20220616)
    found: list[DemoActivity] = []
    picture_seed = 0
    for position, unit in enumerate(units):
        # The chronic laggards (last two units) log little or nothing.
        count = 0 if position == len(units) - 1 else 1 if position == len(units) - 2 else 2
        ideas = _IDEAS_BY_KIND.get(unit.kind, _DEFAULT_IDEAS)
        for idea in rng.sample(ideas, count):
            category, title, place, (low, high), description = idea
            on = start + timedelta(days=rng.randrange((end - start).days + 1))
            if on.weekday() == 6:  # not on Sundays
                on -= timedelta(days=1)
            pictures = []
            for n in range(rng.randint(1, 3)):
                picture_seed += 1
                pictures.append(
                    DemoPicture(
                        f"IMG_2022{on:%m%d}_{picture_seed:04d}.png",
                        f"{_short(unit.name)}{title}现场（{n + 1}）",
                        picture_seed,
                    )
                )
            media: tuple[MediaItem, ...] = ()
            if category == "应急演练":
                media = (
                    MediaItem(
                        LINK,
                        url=f"https://pan.baidu.com/s/1demo{picture_seed:04d}",
                        code=f"{rng.randrange(36**4):04x}"[:4],
                        caption=f"{_short(unit.name)}{title}视频，时长约3分钟。",
                    ),
                )
            found.append(
                DemoActivity(
                    Activity(
                        campaign_id=campaign_id,
                        unit_id=unit.id,
                        on=on,
                        category=category,
                        title=f"{_short(unit.name)}{title}",
                        place=place,
                        participants=rng.randint(low, high),
                        description=description,
                        important=category == "应急演练" and rng.random() < 0.5,
                        media=media,
                    ),
                    tuple(pictures),
                )
            )
    category, title, place, (low, high), description = _CONSULTATION
    found.append(
        DemoActivity(
            Activity(
                campaign_id,
                None,
                date(2022, 6, 16),
                category,
                title,
                place,
                rng.randint(low, high),
                description,
                important=True,
            ),
            tuple(
                DemoPicture(f"咨询日现场{n}.png", f"安全宣传咨询日现场（{n}）", 1000 + n)
                for n in (1, 2, 3)
            ),
        )
    )
    found.sort(key=lambda d: (d.activity.on, d.activity.unit_id or 0))
    return found


def _short(unit_name: str) -> str:
    """荫城村（示例） → 荫城村."""
    return unit_name.split("（")[0]
