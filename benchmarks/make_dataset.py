"""Fills a database with a county-scale, plausible dataset through the store's own functions.

    python benchmarks/make_dataset.py --data-dir /tmp/county [--units 600] [--campaigns 5]

Deterministic (seeded), so two runs give the same data: units, campaigns with the seed-002
deadlines and their submissions, each unit's liaison form, and ``activities`` activities per
campaign (the township's busiest year reaches 10,000).
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from anquanyue_desktop.domain.activities import DEFAULT_CATEGORIES, Activity
from anquanyue_desktop.domain.campaign import Campaign, national_ordinal
from anquanyue_desktop.domain.campaign_templates import YINCHENG_2022
from anquanyue_desktop.domain.deadlines import all_occurrences
from anquanyue_desktop.domain.demo import demo_liaisons, demo_submissions
from anquanyue_desktop.domain.form_entries import ROLE_LIAISON, FormEntry
from anquanyue_desktop.domain.units import Unit, guess_kind
from anquanyue_desktop.store import Store
from anquanyue_desktop.store.paths import database_path

THEMES = {
    2020: "消除事故隐患 筑牢安全防线",
    2021: "落实安全责任 推动安全发展",
    2022: "遵守安全生产法 当好第一责任人",
    2023: "人人讲安全、个个会应急",
    2024: "人人讲安全、个个会应急——畅通生命通道",
    2025: "人人讲安全、个个会应急——查找身边安全隐患",
}
TOWNS = ["荫城", "西火", "八义", "南宋", "东和", "苏店", "韩店", "郝家庄", "贾掌", "北呈"]
VILLAGE_WORDS = "东西南北前后上下大小新老张王李赵刘陈杨黄周吴河山沟坡庄岭泉湾桥堡"
COMPANY_WORDS = ["建材", "煤业", "化工", "物流", "机械", "食品", "铸造", "商贸", "电力", "钢构"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


def unit_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        town = rng.choice(TOWNS)
        roll = rng.random()
        if roll < 0.55:
            name = f"{town}镇{''.join(rng.sample(VILLAGE_WORDS, 2))}村"
        elif roll < 0.7:
            name = f"{town}镇{rng.choice(['和平', '幸福', '团结', '建设', '振兴', '光明'])}{rng.choice(['', '东', '西'])}社区"
        elif roll < 0.85:
            name = f"长治市{town}{rng.choice(COMPANY_WORDS)}有限公司"
        elif roll < 0.93:
            name = f"{town}镇{rng.choice(['财政所', '农业服务中心', '派出所', '卫生院', '供电所', '国土所'])}"
        else:
            name = f"{town}镇{rng.choice(['中心学校', '第一小学', '初级中学', '幼儿园'])}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


ACTIVITY_WORDS = [
    "安全知识培训",
    "应急疏散演练",
    "隐患排查",
    "安全宣传咨询",
    "消防演练",
    "警示教育",
]
PLACES = ["村委会", "文化广场", "学校操场", "企业厂区", "社区服务站"]


def build(
    data_dir: Path,
    *,
    units: int = 600,
    campaigns: int = 5,
    activities: int = 10_000,
    seed: int = 2022,
) -> Path:
    from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms

    rng = random.Random(seed)
    path = database_path(data_dir)
    with Store(path) as store:
        ensure_shipped_forms(store)
        liaison = store.forms.latest("yincheng-liaison")
        stamp = f"{date.today().isoformat()}T09:00:00"
        existing = store.units.list()
        new = [
            Unit(
                name=n, kind=guess_kind(n), sort_order=i, notes=f"负责人：{rng.choice(SURNAMES)}某"
            )
            for i, n in enumerate(unit_names(rng, units), start=len(existing) + 1)
        ]
        # Some units stopped reporting over the years.
        new = [replace(u, active=rng.random() > 0.05) for u in new]
        store.units.save_all([*existing, *new])
        last_year = 2025
        unit_ids = [u.id for u in store.units.list(include_inactive=False)]
        for year in range(last_year - campaigns + 1, last_year + 1):
            if store.campaigns.by_year(year):
                continue
            campaign = store.campaigns.save(
                Campaign(
                    year=year,
                    ordinal=national_ordinal(year),
                    theme=THEMES.get(year, "人人讲安全、个个会应急"),
                    period_start=date(year, 6, 1),
                    period_end=date(year, 6, 30),
                    issuer="荫城镇人民政府",
                    document_number=f"荫政发〔{year}〕{rng.randint(5, 40)}号",
                    contact_person="王芷瑜",
                    contact_phone="15234537719",
                )
            )
            _, deadlines = YINCHENG_2022.for_year(year)
            saved = store.deadlines.save_all(campaign.id, deadlines)
            store.submissions.record(
                demo_submissions(all_occurrences(saved), unit_ids, {d.title: d.id for d in saved})
            )
            store.campaign_forms.set_chosen(campaign.id, [(liaison.key, ROLE_LIAISON)])
            # The demo's invented mobiles run out of digits past 1,400 units: number them here.
            people = [
                {**p, "mobile": f"139{i:08d}"} if p else p
                for i, p in enumerate(demo_liaisons(len(unit_ids)))
            ]
            store.form_entries.save(
                liaison,
                [
                    FormEntry(campaign.id, liaison.key, liaison.version, uid, values)
                    for uid, values in zip(unit_ids, people, strict=True)
                    if values
                ],
            )
            # The first through the repository (it sets up the campaign's categories), the
            # rest in bulk: row by row, 50,000 activities would take a quarter of an hour.
            rows = []
            for i in range(activities):
                day = date(year, 6, 1 + rng.randrange(30))
                what = rng.choice(ACTIVITY_WORDS)
                a = Activity(
                    campaign.id,
                    rng.choice(unit_ids) if i % 10 else None,
                    day,
                    rng.choice(DEFAULT_CATEGORIES),
                    f"{what}第{i + 1}场",
                    place=rng.choice(PLACES),
                    participants=rng.randrange(10, 400),
                    description=f"{day.month}月{day.day}日组织{what}。",
                )
                if i == 0:
                    store.activities.save(a)
                    continue
                rows.append(
                    {
                        "campaign_id": a.campaign_id,
                        "unit_id": a.unit_id,
                        "on_date": a.on.isoformat(),
                        "category": a.category,
                        "title": a.title,
                        "place": a.place,
                        "participants": a.participants,
                        "description": a.description,
                        "important": 0,
                        "works_item": "",
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
            with store.transaction() as db:
                db["activities"].insert_all(rows, batch_size=2000)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--units", type=int, default=600)
    parser.add_argument("--campaigns", type=int, default=5)
    parser.add_argument("--activities", type=int, default=10_000, help="per campaign")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    start = time.perf_counter()
    path = build(
        Path(args.data_dir),
        units=args.units,
        campaigns=args.campaigns,
        activities=args.activities,
        seed=args.seed,
    )
    print(
        f"{path}: {args.units} units, {args.campaigns} campaigns in {time.perf_counter() - start:.2f}s"
    )


if __name__ == "__main__":
    main()
