"""活动记录: what a unit did, with its photos, videos, documents and links.

The media rules the seeds state live here: a photo in a works submission needs a caption, a
video needs an introduction of at most 200 characters, a large video is better sent as a
网盘链接.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
    id: int | None = field(default=None, compare=False)


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
            Problem(f"media[{i}]", f"第{i}个附件：{p.message}", p.code) for p in media_problems(m)
        ]
    return problems


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
