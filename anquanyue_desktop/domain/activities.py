"""活动记录: what a unit did, with its photos, videos, documents and links.

The media rules the seeds state live here: a photo in a works submission needs a caption, a
video needs an introduction of at most 200 characters, a large video is better sent as a
网盘链接.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .validation import Problem

# The groups the seed notices log activities under; a campaign's own list starts from these.
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "学习宣贯",
    "安全宣传咨询日",
    "“五进”宣传",
    "应急演练",
    "警示教育",
    "隐患排查整治",
    "教育培训",
    "执法检查",
    "媒体宣传",
    "其他",
)

PHOTO = "photo"
VIDEO = "video"
DOCUMENT = "document"
LINK = "link"
MEDIA_KINDS = {PHOTO: "照片", VIDEO: "视频", DOCUMENT: "文档", LINK: "网盘链接"}

VIDEO_INTRO_MAX = 200
# Above this a video is flagged: most office mailboxes refuse attachments this large.
LARGE_VIDEO_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class MediaItem:
    """One attachment. Files live in the content-addressed media store under ``sha256``;
    ``original_name`` is kept for the clerk and for packs. A link has ``url`` (and ``code``,
    the 提取码) instead of a file."""

    kind: str
    original_name: str = ""
    sha256: str = ""
    size: int = 0
    caption: str = ""  # 照片说明 / 视频简介
    url: str = ""
    code: str = ""
    mime: str = ""
    id: int | None = field(default=None, compare=False)  # the media row

    @property
    def label(self) -> str:
        """What the clerk sees in a list: the file name, or the link with its 提取码."""
        if self.kind == LINK:
            return self.url + (f"（提取码：{self.code}）" if self.code else "")
        return self.original_name


@dataclass(frozen=True)
class Activity:
    campaign_id: int
    unit_id: int | None  # None: the township's own activity
    on: date
    category: str
    title: str
    place: str = ""
    participants: int | None = None  # 人次
    description: str = ""
    important: bool = False  # 重要/特色活动: report upward at once
    media: tuple[MediaItem, ...] = ()
    # The “五个一” works item this activity hands in (a WorksItem key), or "" for none.
    works_item: str = ""
    id: int | None = field(default=None, compare=False)


def validate_activity(
    a: Activity, categories: tuple[str, ...] = DEFAULT_CATEGORIES
) -> list[Problem]:
    problems: list[Problem] = []
    if not a.title.strip():
        problems.append(Problem("title", "请填写活动名称", "title_empty"))
    if a.category not in categories:
        problems.append(
            Problem("category", f"活动类别“{a.category}”不在本年度的类别中", "category")
        )
    if a.participants is not None and a.participants < 0:
        problems.append(Problem("participants", "参与人次不能是负数", "participants"))
    for i, m in enumerate(a.media, start=1):
        problems += [
            Problem(f"media[{i}]", f"第{i}个附件：{p.message}", p.code)
            for p in media_problems(m, for_works=bool(a.works_item))
        ]
    return problems


def works_format(formats: tuple[str, ...], kind: str) -> str | None:
    """Which of a works item's formats an attachment counts as.

    Photos count as the picture format (图片); videos and 网盘链接 (videos too large to mail) as
    the video format (视频, 课件（录像）); documents as the remaining one (典型案例 …).
    """
    pictures = [f for f in formats if "图" in f or "照片" in f]
    videos = [f for f in formats if "视频" in f or "录像" in f]
    others = [f for f in formats if f not in pictures and f not in videos]
    if kind == PHOTO:
        return pictures[0] if pictures else None
    if kind in (VIDEO, LINK):
        return videos[0] if videos else None
    if kind == DOCUMENT:
        return others[0] if others else None
    return None


def media_problems(m: MediaItem, *, for_works: bool = False) -> list[Problem]:
    """The seeds' rules for one attachment; ``for_works``: it goes into a works submission."""
    problems: list[Problem] = []
    if m.kind not in MEDIA_KINDS:
        problems.append(Problem("kind", f"附件类型“{m.kind}”无效", "kind"))
    if m.kind == LINK and not m.url.strip():
        problems.append(Problem("url", "请填写网盘链接", "url_empty"))
    if m.kind == VIDEO and len(m.caption) > VIDEO_INTRO_MAX:
        problems.append(
            Problem(
                "caption",
                f"视频简介最多{VIDEO_INTRO_MAX}字，现在有{len(m.caption)}字",
                "video_intro_long",
            )
        )
    if for_works and m.kind == PHOTO and not m.caption.strip():
        problems.append(
            Problem("caption", f"作品照片“{m.original_name}”需要配文字说明", "photo_caption")
        )
    if for_works and m.kind == VIDEO and not m.caption.strip():
        problems.append(
            Problem(
                "caption",
                f"视频“{m.original_name}”需要配简介（{VIDEO_INTRO_MAX}字以内）",
                "video_intro",
            )
        )
    return problems


def media_advice(m: MediaItem) -> str | None:
    """A warning that does not block saving: a video too large for e-mail."""
    if m.kind == VIDEO and m.size > LARGE_VIDEO_BYTES:
        mb = m.size / 1024 / 1024
        return f"视频“{m.original_name}”有{mb:.0f}MB，邮件可能发不出去，建议上传网盘后报送网盘链接和提取码"
    return None


def media_counts(media: Iterable[MediaItem]) -> dict[str, int]:
    """How many attachments of each kind: {"photo": 3, "video": 1, …} (every kind present)."""
    counts = dict.fromkeys(MEDIA_KINDS, 0)
    for m in media:
        if m.kind in counts:
            counts[m.kind] += 1
    return counts


def media_summary(media: Iterable[MediaItem]) -> str:
    """照片3 视频1 链接1, for a list column; empty without attachments."""
    counts = media_counts(media)
    short = {PHOTO: "照片", VIDEO: "视频", DOCUMENT: "文档", LINK: "链接"}
    return " ".join(f"{short[k]}{n}" for k, n in counts.items() if n)


@dataclass(frozen=True)
class ActivityWeek:
    """A reporting week: activities dated after ``after`` and up to ``until`` (by date).

    A weekly window runs from just after the previous due time to this due time, so with
    reports due every Wednesday 18:00 an activity on the due Wednesday counts in the week
    that ends that day, and one on the Thursday after belongs to the next week. Activities
    carry a date, not a time, so the rule is applied to dates: ``after.date() < on <=
    until.date()``; every date belongs to exactly one window. ``after`` None: the first
    window of a deadline, which takes everything up to its due day (as the weekly report does).
    """

    label: str
    after: datetime | None
    until: datetime

    @property
    def first_day(self) -> date | None:
        return self.after.date() + timedelta(days=1) if self.after is not None else None

    @property
    def last_day(self) -> date:
        return self.until.date()

    def contains(self, on: date) -> bool:
        return (self.after is None or self.after.date() < on) and on <= self.until.date()

    @property
    def span(self) -> str:
        a, b = self.first_day, self.last_day
        if a is None:
            return f"截至{b.month}月{b.day}日"
        return f"{a.month}月{a.day}日至{b.month}月{b.day}日"


def weekly_windows(
    dues: Sequence[datetime], labels: Sequence[str] | None = None
) -> list[ActivityWeek]:
    """The windows of a weekly deadline's due moments (in time order); the first one has no
    start, so nothing logged before the first report falls outside every week."""
    weeks: list[ActivityWeek] = []
    previous: datetime | None = None
    for i, due in enumerate(dues):
        label = labels[i] if labels is not None else f"第{i + 1}周"
        weeks.append(ActivityWeek(label, previous, due))
        previous = due
    return weeks


def iso_weeks(start: date, end: date) -> list[ActivityWeek]:
    """Monday-to-Sunday weeks covering ``start``..``end``, when no weekly deadline exists."""
    if end < start:
        return []
    monday = start - timedelta(days=start.weekday())
    weeks: list[ActivityWeek] = []
    while monday <= end:
        sunday = monday + timedelta(days=6)
        iso = monday.isocalendar()
        weeks.append(
            ActivityWeek(
                f"{iso.year}年第{iso.week}周",
                datetime.combine(monday - timedelta(days=1), time(23, 59, 59)),
                datetime.combine(sunday, time(23, 59, 59)),
            )
        )
        monday += timedelta(days=7)
    return weeks


def clean_categories(names: Iterable[str]) -> list[str]:
    """The list as the clerk typed it: trimmed, blanks dropped, order kept."""
    return [n.strip() for n in names if n.strip()]


def category_problems(names: Sequence[str], in_use: dict[str, int]) -> list[Problem]:
    """A campaign's new category list; ``in_use`` counts the activities per category.

    A category that activities use cannot be removed or renamed: the activities would be
    left in a category that no longer exists.
    """
    problems: list[Problem] = []
    if not names:
        problems.append(Problem("categories", "至少要有一个活动类别", "categories_empty"))
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(Problem("categories", f"活动类别“{name}”重复了", "category_duplicate"))
        seen.add(name)
        if len(name) > 20:
            problems.append(
                Problem("categories", f"活动类别“{name[:20]}…”太长（最多20字）", "category_long")
            )
    for name, count in in_use.items():
        if count and name not in seen:
            problems.append(
                Problem(
                    "categories",
                    f"类别“{name}”下已有{count}条活动记录，不能删除或改名；"
                    "请先把这些活动改到其他类别。",
                    "category_in_use",
                )
            )
    return problems


_SHARE_URL = re.compile(r"https?://[^\s，。；、“”\"'<>（）()]+")
_SHARE_CODE = re.compile(r"(?:提取码|提取碼|访问码|密码|pwd)\s*[:：=]?\s*([A-Za-z0-9]{4,8})")


def split_share_text(text: str) -> tuple[str, str]:
    """The link and 提取码 out of what a 网盘 share copies, e.g.
    ``链接：https://pan.baidu.com/s/1abc 提取码：x7k2 --来自百度网盘超级会员的分享``.
    A ``?pwd=x7k2`` in the link is taken as the code too."""
    url_match = _SHARE_URL.search(text)
    url = url_match.group(0) if url_match else text.strip()
    code_match = _SHARE_CODE.search(text)
    code = code_match.group(1) if code_match else ""
    return url, code


def search_text(a: Activity, unit_names: Mapping[int, str]) -> str:
    """What a text search looks in: title, place, description, category and unit name."""
    unit = unit_names.get(a.unit_id, "") if a.unit_id is not None else ""
    return f"{a.title} {a.place} {a.description} {a.category} {unit}".lower()


def filter_activities(
    activities: Sequence[Activity],
    unit_names: Mapping[int, str],
    *,
    unit_id: int | None = None,
    category: str | None = None,
    start: date | None = None,
    end: date | None = None,
    text: str = "",
    texts: Sequence[str] | None = None,
) -> list[Activity]:
    """The activities a filter keeps, as the store's ``activities.list`` selects them.

    ``unit_id`` 0 keeps the township's own; ``start``/``end`` are inclusive; every word of
    ``text`` must appear (any case) in :func:`search_text`. ``texts``, when given, are the
    activities' search texts computed once (typing a search then costs no string building).
    """
    words = [w.lower() for w in text.split()]
    found = []
    for i, a in enumerate(activities):
        if unit_id == 0 and a.unit_id is not None:
            continue
        if unit_id and a.unit_id != unit_id:
            continue
        if category and a.category != category:
            continue
        if (start is not None and a.on < start) or (end is not None and a.on > end):
            continue
        if words:
            haystack = texts[i] if texts is not None else search_text(a, unit_names)
            if not all(w in haystack for w in words):
                continue
        found.append(a)
    return found


# -- 图文 material: the photos the clerk picks for the weekly report and the summary -------

# Upper levels ask for two to four photos an activity; more makes a 图文 pack heavy.
REPORT_PHOTOS_MAX = 4
# Until the clerk picks: the first four photos in the weekly material, two in the summary's.
WEEKLY_DEFAULT_PHOTOS = 4
SUMMARY_DEFAULT_PHOTOS = 2


def activity_photos(a: Activity) -> tuple[MediaItem, ...]:
    """The activity's photos that are stored files, in the activity's order."""
    return tuple(m for m in a.media if m.kind == PHOTO and m.sha256)


def report_photos(
    a: Activity, chosen: Sequence[int] | None, default_count: int = REPORT_PHOTOS_MAX
) -> tuple[MediaItem, ...]:
    """The photos of ``a`` that go into 图文 material.

    ``chosen`` is what the clerk picked (media ids, in order; empty: this activity goes in
    without photos, i.e. not at all); None: not picked yet, the first ``default_count``.
    A picked photo since removed from the activity is skipped.
    """
    photos = activity_photos(a)
    if chosen is None:
        return photos[:default_count]
    by_id = {m.id: m for m in photos}
    return tuple(by_id[i] for i in chosen if i in by_id)[:REPORT_PHOTOS_MAX]


def photo_choice_problems(a: Activity, chosen: Sequence[int]) -> list[Problem]:
    """At most four photos an activity, each one of its own, none twice."""
    where = f"“{a.title}”"
    problems: list[Problem] = []
    if len(chosen) > REPORT_PHOTOS_MAX:
        problems.append(
            Problem(
                "photos",
                f"{where}选了{len(chosen)}张照片，每项活动最多{REPORT_PHOTOS_MAX}张",
                "too_many_photos",
            )
        )
    own = {m.id for m in activity_photos(a)}
    if any(i not in own for i in chosen):
        problems.append(Problem("photos", f"{where}选的照片不是该活动的照片", "foreign_photo"))
    if len(set(chosen)) != len(chosen):
        problems.append(Problem("photos", f"{where}有照片选了两次", "photo_twice"))
    return problems
