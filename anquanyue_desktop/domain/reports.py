"""Reports drafted from the activity log: the weekly report (周报), the “五个一” works register
and the summary (工作总结).

Pure data in, data out: activities, units, occurrences and board states go in; dataclasses and
plain Chinese text the clerk can edit come out. The exports turn them into PDF, xlsx and docx.

**Which week an activity belongs to.** Activities carry a date, not a time, so windows are
compared by date: the week of an occurrence due at ``until`` holds the activities dated
*after the previous due day* and *up to and including the due day itself*, whatever the due
time (Wednesday 18:00 or the end of the day). An activity on a Wednesday that is due at 18:00
is in the report due that Wednesday; Thursday starts the next week. Units report on the due
day what they did that day too, and activities mostly happen in office hours, before 18:00.
The first week has no lower bound: it also takes activities logged before the campaign's first
day (preparations), so no activity falls between two reports.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .activities import PHOTO, VIDEO, Activity, works_format
from .campaign import Campaign
from .deadlines import DIRECTION_IN, Occurrence
from .forms import Shortfall, WorksQuota, works_shortfalls
from .submissions import DONE, Tally, percent, tally
from .units import Unit

WEEKLY_REPORT_NAME = "活动情况"
OWN_UNIT_NAME = "本级"  # the township's own activities (unit_id None)
DRILL_CATEGORY = "应急演练"
CONSULTATION_CATEGORY = "安全宣传咨询日"
PLACEHOLDER = "【请补充】"

# ---------------------------------------------------------------- week windows


def week_window(
    occurrences: Sequence[Occurrence], occurrence: Occurrence
) -> tuple[datetime | None, datetime]:
    """(after, until) of ``occurrence``'s week: from just after the previous due time of the
    same deadline to this due time. ``after`` is None for the first occurrence (the week
    reaches back to the campaign's start and before; see the module docstring)."""
    same = sorted(
        (o for o in occurrences if o.deadline == occurrence.deadline), key=lambda o: o.due
    )
    earlier = [o.due for o in same if o.due < occurrence.due]
    return (earlier[-1] if earlier else None), occurrence.due


def in_window(on: date, after: datetime | None, until: datetime) -> bool:
    """The one rule: after the previous due *day*, up to and including this due *day*."""
    return (after is None or on > after.date()) and on <= until.date()


def activities_in_window(
    activities: Iterable[Activity], after: datetime | None, until: datetime
) -> list[Activity]:
    """The activities of a window, by date (see :func:`in_window`), in date order."""
    return sorted((a for a in activities if in_window(a.on, after, until)), key=lambda a: a.on)


def window_days(
    after: datetime | None, until: datetime, campaign_start: date | None = None
) -> tuple[date | None, date]:
    """First and last day a window covers; the first window starts at the campaign's start."""
    first = after.date() + timedelta(days=1) if after is not None else campaign_start
    return first, until.date()


def md(d: date) -> str:
    return f"{d.month}月{d.day}日"


def period_text(first: date | None, last: date) -> str:
    """6月2日至6月8日; 截至6月1日 when the start is open; 6月1日 for a single day."""
    if first is None:
        return f"截至{md(last)}"
    if first >= last:
        return md(last)
    return f"{md(first)}至{md(last)}"


# ---------------------------------------------------------------- counts


@dataclass(frozen=True)
class Counts:
    """活动项数、参与人次、照片张数、视频个数."""

    activities: int = 0
    participants: int = 0
    photos: int = 0
    videos: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.activities + other.activities,
            self.participants + other.participants,
            self.photos + other.photos,
            self.videos + other.videos,
        )


def count_activities(activities: Iterable[Activity]) -> Counts:
    total = Counts()
    for a in activities:
        total += Counts(
            1,
            a.participants or 0,
            sum(1 for m in a.media if m.kind == PHOTO),
            sum(1 for m in a.media if m.kind == VIDEO),
        )
    return total


def _unit_order(units: Sequence[Unit]) -> dict[int | None, tuple[int, str]]:
    order: dict[int | None, tuple[int, str]] = {None: (-1, OWN_UNIT_NAME)}
    for i, u in enumerate(units):
        if u.id is not None:
            order[u.id] = (i, u.name)
    return order


# ---------------------------------------------------------------- weekly report


@dataclass(frozen=True)
class UnitWeek:
    """One unit's activities of the week (the township's own: ``unit_id`` None, 本级)."""

    unit_id: int | None
    unit_name: str
    activities: tuple[Activity, ...]

    @property
    def counts(self) -> Counts:
        return count_activities(self.activities)


@dataclass(frozen=True)
class WeeklyReport:
    """The week of one weekly occurrence: activities by unit, totals, the silent units, and a
    narrative drafted from them (the clerk may edit it; exports print what is here)."""

    occurrence: Occurrence
    first_day: date | None
    last_day: date
    units: tuple[UnitWeek, ...]
    silent_units: tuple[str, ...]
    narrative: str = ""

    @property
    def number(self) -> int:
        return self.occurrence.number

    @property
    def period(self) -> str:
        return period_text(self.first_day, self.last_day)

    @property
    def activities(self) -> list[Activity]:
        return [a for u in self.units for a in u.activities]

    @property
    def totals(self) -> Counts:
        return count_activities(self.activities)

    def with_narrative(self, text: str) -> WeeklyReport:
        return WeeklyReport(
            self.occurrence, self.first_day, self.last_day, self.units, self.silent_units, text
        )


def applicable_units(occurrence: Occurrence, units: Sequence[Unit]) -> list[Unit]:
    """The units that owe this occurrence (all of them for the clerk's own 报 deadline)."""
    d = occurrence.deadline
    return [
        u for u in units if u.id is not None and (d.direction != DIRECTION_IN or d.applies_to(u.id))
    ]


def build_weekly_report(
    occurrence: Occurrence,
    occurrences: Sequence[Occurrence],
    activities: Iterable[Activity],
    units: Sequence[Unit],
    *,
    campaign_start: date | None = None,
    statuses: Mapping[int | None, str] | None = None,
) -> WeeklyReport:
    """The report of ``occurrence``'s week. ``units``: the board's reporting units in display
    order; activities of units not among them are still listed, after them. ``statuses``: the
    board's status of each unit for this occurrence; then the units that did not report are
    exactly those the grid shows as not delivered, so the two never disagree."""
    after, until = week_window(occurrences, occurrence)
    first, last = window_days(after, until, campaign_start)
    week = activities_in_window(activities, after, until)
    order = _unit_order(units)
    by_unit: dict[int | None, list[Activity]] = {}
    for a in week:
        by_unit.setdefault(a.unit_id, []).append(a)

    def sort_key(uid: int | None) -> tuple[int, str]:
        return order.get(uid, (len(order), f"单位{uid}"))

    groups = tuple(
        UnitWeek(uid, sort_key(uid)[1], tuple(by_unit[uid]))
        for uid in sorted(by_unit, key=sort_key)
    )
    if statuses is not None:
        silent = tuple(
            u.name for u in applicable_units(occurrence, units) if statuses.get(u.id) not in DONE
        )
    else:
        silent = tuple(u.name for u in applicable_units(occurrence, units) if u.id not in by_unit)
    report = WeeklyReport(occurrence, first, last, groups, silent)
    return report.with_narrative(weekly_narrative(report))


def _category_phrase(activities: Sequence[Activity]) -> str:
    """应急演练3项（参与260人次）、“五进”宣传2项 — by count, largest first."""
    counts = Counter(a.category for a in activities)
    people: Counter[str] = Counter()
    for a in activities:
        people[a.category] += a.participants or 0
    parts = []
    for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        extra = f"（参与{people[category]}人次）" if people[category] else ""
        parts.append(f"{category}{n}项{extra}")
    return "、".join(parts)


def weekly_narrative(report: WeeklyReport) -> str:
    """本周（6月2日至6月8日）共开展活动X项，参与Y人次…, one paragraph per line."""
    t = report.totals
    lines = []
    reporting = [u for u in report.units if u.unit_id is not None]
    if not t.activities:
        lines.append(f"本周（{report.period}）暂未收到活动开展情况。")
    else:
        who = f"{len(reporting)}个单位" if reporting else "本级"
        lines.append(
            f"本周（{report.period}）共开展活动{t.activities}项，参与{t.participants}人次，"
            f"涉及{who}，报送照片{t.photos}张、视频{t.videos}个。"
            f"其中{_category_phrase(report.activities)}。"
        )
        important = [a for a in report.activities if a.important]
        if important:
            names = "、".join(f"“{a.title}”" for a in important[:5])
            more = f"等{len(important)}项" if len(important) > 5 else ""
            lines.append(f"重要、特色活动有{names}{more}。")
    if report.silent_units:
        names = "、".join(report.silent_units)
        lines.append(f"本周未报送活动情况的单位（{len(report.silent_units)}个）：{names}。")
    elif report.units:
        lines.append("各单位均已报送本周活动情况。")
    return "\n".join(lines)


# ---------------------------------------------------------------- works register

# (unit name, item key, format) → how many works were handed in
WorksDelivered = Mapping[tuple[str, str, str], int]


@dataclass(frozen=True)
class WorksCell:
    """One unit's count of one item and format against the quota."""

    item_key: str
    item_name: str
    format: str
    unit: str
    minimum: int
    delivered: int

    @property
    def short(self) -> bool:
        return self.delivered < self.minimum

    @property
    def text(self) -> str:
        """视频 0/1."""
        return f"{self.format} {self.delivered}/{self.minimum}"


@dataclass(frozen=True)
class UnitWorks:
    unit_name: str
    cells: tuple[WorksCell, ...]
    shortfalls: tuple[Shortfall, ...]

    @property
    def complete(self) -> bool:
        return not self.shortfalls

    @property
    def delivered_total(self) -> int:
        return sum(c.delivered for c in self.cells)

    def lines(self) -> list[str]:
        """XX社区 应急逃生避险演练：视频 0/1，图片 2/3 — one line per item with a shortfall,
        naming only the formats that fall short."""
        out = []
        by_item: dict[str, list[WorksCell]] = {}
        for c in self.cells:
            if c.short:
                by_item.setdefault(c.item_name, []).append(c)
        for item_name, cells in by_item.items():
            out.append(f"{self.unit_name} {item_name}：" + "，".join(c.text for c in cells))
        return out


@dataclass(frozen=True)
class WorksRegister:
    quota: WorksQuota
    units: tuple[UnitWorks, ...]

    def shortfall_lines(self) -> list[str]:
        return [line for u in self.units for line in u.lines()]

    @property
    def delivered_total(self) -> int:
        return sum(u.delivered_total for u in self.units)

    @property
    def complete_units(self) -> list[str]:
        return [u.unit_name for u in self.units if u.complete]


def works_register(
    quota: WorksQuota,
    unit_names: Sequence[str],
    delivered: WorksDelivered,
    audience: str | None = None,
) -> WorksRegister:
    """Every unit against the quota of ``audience`` (default the table's first, 各社区)."""
    audience = audience or (quota.audiences[0] if quota.audiences else "各社区")
    rows = []
    for name in unit_names:
        cells = tuple(
            WorksCell(
                item.key,
                item.name,
                q.format,
                q.unit,
                q.minimum,
                delivered.get((name, item.key, q.format), 0),
            )
            for item in quota.items
            for q in item.quotas
            if q.audience == audience
        )
        mine = {(k, f): n for (u, k, f), n in delivered.items() if u == name}
        rows.append(UnitWorks(name, cells, works_shortfalls(quota, mine, audience)))
    return WorksRegister(quota, tuple(rows))


# ---------------------------------------------------------------- summary (工作总结)

_CN_NUMBERS = "一二三四五六七八九十"
H1 = "h1"
H2 = "h2"
PARAGRAPH = "p"
_H1_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_H2_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (up to 99)."""
    if n <= 10:
        return _CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_NUMBERS[tens - 1]
    return head + "十" + (_CN_NUMBERS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Block:
    """One line of a document's body: a heading (一、 → ``h1``, （一） → ``h2``) or a paragraph."""

    kind: str
    text: str


def parse_document_text(text: str) -> list[Block]:
    """Plain text as the clerk edits it → blocks: a line starting 一、 is a heading, （一） a
    sub-heading, any other non-empty line a paragraph. Blank lines are dropped."""
    blocks = []
    for raw in text.splitlines():
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if _H1_RE.match(line):
            blocks.append(Block(H1, line))
        elif _H2_RE.match(line):
            blocks.append(Block(H2, line))
        else:
            blocks.append(Block(PARAGRAPH, line))
    return blocks


@dataclass(frozen=True)
class Section:
    """A part of the summary; ``heading`` without its number (added by :meth:`SummaryDraft.text`)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class SummaryDraft:
    title: str
    opening: tuple[str, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """The body as plain text: paragraphs one per line, 一、 and （一） headings numbered."""
        lines = list(self.opening)
        for i, s in enumerate(self.sections, start=1):
            lines.append(f"{cn_number(i)}、{s.heading}")
            lines += s.paragraphs
            for j, sub in enumerate(s.subsections, start=1):
                lines.append(f"（{cn_number(j)}）{sub.heading}")
                lines += sub.paragraphs
        return "\n".join(lines)


def summary_title(campaign: Campaign) -> str:
    """荫城镇2022年“安全生产月”活动工作总结."""
    return f"{campaign.issuer_short}{campaign.year}年“安全生产月”活动工作总结"


def reporting_tally(states: Iterable, now: datetime) -> Tally:
    """Every unit's status over the campaign's 收 occurrences due by ``now`` (or delivered)."""
    statuses = []
    for s in states:
        if s.is_own:
            continue
        past = s.occurrence.is_past(now)
        statuses += [v for v in s.statuses.values() if past or v in DONE]
    return tally(statuses)


def _examples(activities: Sequence[Activity], unit_names: Mapping[int | None, str], n: int) -> str:
    picked = sorted(activities, key=lambda a: (not a.important, -(a.participants or 0), a.on))[:n]
    return "；".join(
        f"{unit_names.get(a.unit_id, OWN_UNIT_NAME)}{md(a.on)}开展“{a.title}”"
        + (f"，参与{a.participants}人次" if a.participants else "")
        for a in sorted(picked, key=lambda a: a.on)
    )


def draft_summary(
    campaign: Campaign,
    activities: Sequence[Activity],
    units: Sequence[Unit],
    *,
    states: Iterable = (),
    now: datetime | None = None,
    works: WorksRegister | None = None,
    categories: Sequence[str] = (),
) -> SummaryDraft:
    """A 工作总结 drafted from the data. ``states``: the board's OccurrenceStates (for the
    reporting rates, counted up to ``now``); ``categories``: the campaign's category order.
    Where the data says nothing the text holds 【请补充】 for the clerk."""
    unit_names: dict[int | None, str] = {u.id: u.name for u in units}
    unit_names[None] = OWN_UNIT_NAME
    place = campaign.issuer_short or "我单位"
    ordinal = f"第{campaign.ordinal}个" if campaign.ordinal else ""
    theme = f"，主题是“{campaign.theme.strip()}”" if campaign.theme.strip() else ""
    if campaign.period_start and campaign.period_end:
        period = f"{md(campaign.period_start)}至{md(campaign.period_end)}"
    else:
        period = f"{campaign.year}年6月"
    opening = (
        f"今年是{ordinal}全国“安全生产月”{theme}。按照上级部署，{place}于{period}"
        f"组织开展了“安全生产月”活动。现将活动开展情况总结如下：",
    )
    total = count_activities(activities)
    active_units = {a.unit_id for a in activities if a.unit_id is not None}
    overview = (
        f"活动期间，全{_place_kind(place)}共开展各类活动{total.activities}项，参与{total.participants}人次，"
        f"{len(active_units)}个单位报送了活动情况，收集照片{total.photos}张、视频{total.videos}个。"
        if total.activities
        else f"活动期间开展的活动尚未录入{PLACEHOLDER}。"
    )
    sections = [Section("活动开展总体情况", (overview,))]

    order = list(categories) or []
    by_cat: dict[str, list[Activity]] = {}
    for a in activities:
        by_cat.setdefault(a.category, []).append(a)
    for c in by_cat:
        if c not in order:
            order.append(c)
    subs = []
    for c in order:
        acts = by_cat.get(c)
        if not acts:
            if c in (DRILL_CATEGORY, CONSULTATION_CATEGORY):
                subs.append(Section(c, (f"{c}情况尚无记录{PLACEHOLDER}。",)))
            continue
        cnt = count_activities(acts)
        people = f"，参与{cnt.participants}人次" if cnt.participants else ""
        lead = f"共开展{c}活动{cnt.activities}项{people}。"
        if c == DRILL_CATEGORY:
            lead = f"共组织应急演练{cnt.activities}场{people}，检验了应急预案，提升了群众避险逃生能力。"
        elif c == CONSULTATION_CATEGORY:
            days = sorted({a.on for a in acts})
            lead = f"{'、'.join(md(d) for d in days)}，开展“安全宣传咨询日”活动{cnt.activities}场{people}。"
        subs.append(Section(c, (lead + f"主要有：{_examples(acts, unit_names, 4)}。",)))
    sections.append(Section("主要做法和成效", subsections=tuple(subs)))

    if works is not None:
        lines = works.shortfall_lines()
        para = [
            f"按照“五个一”活动优秀作品案例分配表要求，各单位共报送作品{works.delivered_total}件，"
            f"{len(works.complete_units)}个单位全部达到要求。"
        ]
        if lines:
            para.append("尚未达到要求的有：" + "；".join(lines) + "。")
        sections.append(Section("作品案例报送情况", tuple(para)))

    states = list(states)
    if states and now is not None:
        t = reporting_tally(states, now)
        late = t.counts.get("逾期补报", 0)
        missing = t.outstanding
        text = (
            f"活动期间应报{t.expected}次，按时报送率{percent(t.on_time_rate)}，"
            f"总报送率{percent(t.overall_rate)}（含逾期补报{late}次）"
            + (f"，尚有{missing}次未报。" if missing else "。")
        )
        sections.append(Section("信息报送情况", (text,)))

    sections.append(
        Section(
            "存在的问题和下一步打算",
            (
                f"存在的问题：{PLACEHOLDER}",
                "下一步，我们将持续深化安全宣传教育，巩固“安全生产月”活动成果，"
                f"推动安全生产形势持续稳定向好。{PLACEHOLDER}",
            ),
        )
    )
    return SummaryDraft(summary_title(campaign), opening, tuple(sections))


def _place_kind(place: str) -> str:
    """镇 / 乡 / 街道 for “全镇”; 辖区 when unknown."""
    for suffix in ("街道办事处", "街道", "镇", "乡"):
        if place.endswith(suffix):
            return "街道" if suffix.startswith("街道") else suffix
    return "辖区"


def works_delivered(
    quota: WorksQuota, activities: Iterable[Activity], unit_names: Mapping[int | None, str]
) -> dict[tuple[str, str, str], int]:
    """What each unit handed in: the attachments of its activities tagged with a works item,
    counted per (unit name, item key, format) by :func:`~.activities.works_format`."""
    items = {item.key: item for item in quota.items}
    counts: dict[tuple[str, str, str], int] = {}
    for a in activities:
        item = items.get(a.works_item)
        if item is None:
            continue
        unit = unit_names.get(a.unit_id, "")
        for m in a.media:
            fmt = works_format(tuple(item.formats), m.kind)
            if fmt is not None:
                key = (unit, item.key, fmt)
                counts[key] = counts.get(key, 0) + 1
    return counts
