"""Dates, times and repeats as Chinese notices write them, found in the normal form.

Covers 6月3日 / 6 月 3 日 / 六月三日 / 二〇二三年六月二十日 / 2023-06-03, 6月份, 6月底,
6月中旬, ranges (6月1日至30日, 6月1日—6月30日, 从6月至12月), lists (6月10日、20日;
6月21日前和11月26日前), times (18:00, 18时, 下午5点, 下午5:30, 上午10时, 十七时三十分,
下班前), weekday notes ((星期五)), deadline markers (前/之前/以前/为止/截至/截止/不晚于),
repeats (每周三, 每周一、周四, 每月7日, 每月底, 每天) and "at once" words (即时/及时/随时…).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from itertools import pairwise
from typing import NamedTuple

from .text import NUM, cn_int

_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = (
    r"[一二]?十[一二三四五六七八九]?|三十[一]?|廿[一二三四五六七八九]?|卅[一]?|[一二三四五六七八九]"
)
_NUMERAL_CHARS = "0-9零〇○一二两三四五六七八九十廿卅"

_DM = re.compile(
    # The characters a date can start with, checked first: most positions fail there, fast
    # (the windows around 月 are scanned position by position).
    r"(?=[\d零〇○一二三四五六七八九十元民次翌明隔下])"
    rf"(?<![{_NUMERAL_CHARS}第])"
    r"(?:(?:民\s*国\s*)?(?P<roc>1[0-3]\d)\s*年\s*(?=\d)|(?P<y>\d{4}|[零〇○一二三四五六七八九]{4}|\d{2}[xX×*]{2})\s*年\s*(?:度\s*)?"
    r"|(?P<ny>次\s*年|翌\s*年|明\s*年|隔\s*年|下\s*一?\s*年)\s*(?:度\s*)?(?:的\s*)?)?"
    rf"(?P<m>\d{{1,2}}|{_CN_MONTH}|元)\s*月\s*(?P<fen>份\s*)?"
    # (6月28-30日 / 6月28-7月2日: the first day's 日 left to the range's end.)
    rf"(?:(?P<d>\d{{1,2}}|{_CN_DAY})\s*(?:[日号]|(?=(?:之前|以前|前(?!后)|止))"
    r"|(?=[-—–~～至到]\s*\d{1,2}\s*[日号月]))"
    r"|(?P<part>底|末|初|上旬|中旬|下旬))?"
)
# 3月13、27日 / 7月3、17、26日: days listed before one 日, each its own date.
_DAY_LIST = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})"
    r"(?P<more>(?:\s*、\s*\d{1,2})+)\s*[日号]"
)
_DAY_LIST_HINT = re.compile(r"、\s*\d{1,2}\s*[日号]")
# 6、8、10、12月3日前: months listed before one day, a date in each.
_MONTH_LIST = re.compile(
    r"(?<![\d.、])(?:(?P<y>\d{4})\s*年\s*)?(?P<ms>\d{1,2}(?:\s*、\s*\d{1,2})+)\s*月\s*(?:份\s*)?(?:的\s*)?"
    r"(?P<d>\d{1,2})\s*[日号]"
)
_ITEM_START = re.compile(r"(?:^|[\n。;:])[ \t]*$")
_MONTH_LIST_HINT = re.compile(r"、\s*\d{1,2}\s*月\s*(?:份\s*)?(?:的\s*)?\d")
# 年底 / 年末 (2015年底前, 每年年末): the year's last day.
_YEAR_END = re.compile(
    r"(?:(?P<y>\d{4}|[零〇○一二三四五六七八九]{4})\s*|(?<![\d零〇○一二三四五六七八九]))"
    r"年\s*(?:底|末)(?![期考])"
)
# 一季度后8日 / 三季度季后10日: so many days into the month after that quarter. (The
# quarter's numeral first, the character before it checked after it: a pattern that opens
# with a lookbehind is tried at every position of the text, one that opens with a set of
# characters only where one of them stands.)
_QUARTER_AFTER = re.compile(
    r"(?P<q>[一二三四1-4])(?<![\d一二三四第][一二三四1-4])"
    r"\s*季\s*度?\s*(?:季\s*)?后\s*(?P<d>\d{1,2})\s*[日天]"
)
_GLUED = re.compile(
    r"(?P<y>20\d\d)(?<!\d20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:日|(?=\d{1,2}:\d{2}))"
)
# 926日前 / 截止日期118日 / 2015615日 (a copy that lost its 月, and 年 too): the digits
# before 日 hold a month and a day. Read only where a date is plainly meant: after 于/至/
# a label's colon, or before 前/止.
_LOST_MONTH = re.compile(r"(?<![\d./\-])(?<!\d:)(?P<y>(?:19|20)\d\d)?(?P<md>\d{2,4})\s*[日号]")
_LOST_MONTH_TAIL = re.compile(r"\d\s*[日号]")
_LOST_MONTH_BEFORE = re.compile(r"(?:于|在|至|到|:|为|截止|截至|日期|时间)\s*$")
_LOST_MONTH_AFTER = re.compile(r"\s*(?:之前|以前|前(?!后)|止)")
# 105.9.12日 (Republic year) / 9.26日: a dotted date, read only with its year or 日.
_DOTTED = re.compile(
    r"(?<![\d./])(?:(?P<roc>1[0-3]\d|9\d|8\d)(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d./])\s*日?"
    r"|(?P<m2>\d{1,2})\.(?P<d2>\d{1,2})\s*日)"
)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?![\d.])")
# 6/20前: month/day without a year, read only before a deadline marker (else 1/2 is a half).
_SLASH_MD = re.compile(
    r"(?<![\d/.\-])(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/.])"
    r"(?=\s*(?:\d{1,2}:\d{2}\s*)?(?:之前|以前|前(?!后)|止|截止))"
)
# …or right after a label: 截止日期为4/9(星期五) 上午9:00.
_SLASH_MD_LABELED = re.compile(
    r"(?:日期|时间|期限)\s*为\s*(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?![\d/.])"
)
_DAY_ONLY = re.compile(rf"\s*(?P<d>\d{{1,2}}|{_CN_DAY})\s*[日号]")
_RANGE_JOIN = re.compile(r"\s*(?:起\s*|开始\s*)?(?:至|到|—{1,2}|-|~)\s*")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|或|以及)\s*")
_COMMA = re.compile(r"\s*,\s*")
_WEEKDAY_NOTE = re.compile(
    r"\s*(?:\(?\s*(?:星期|周|礼拜)\s*(?P<w>[一二三四五六日天七1-7])(?!\s*[至到\-—~])\s*\)?"
    # 113年5月3日(五): the weekday alone in parentheses (Taiwan)
    r"|\(\s*(?P<w2>[一二三四五六日])\s*\))"
)
_TIME = re.compile(
    r"\s*(?:当天|当日)?\s*(?P<ap>上午|下午|中午|晚上|傍晚|早上|早晨|凌晨|晚)?\s*"
    r"(?P<h>\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*"
    r"(?:[:.](?P<mm>\d{2})(?!\d)(?:\s*时(?![间期段候代刻效]))?|(?:点|时)(?![间期段候代刻效])\s*"
    r"(?:(?P<half>半)|(?P<m2>\d{1,2}|[零一二三四五六七八九十]{1,3})\s*分|整)?)"
)
TIME_PATTERN = _TIME
# (10月9日放学前: a school's day ends when school is out)
_OFF_WORK = re.compile(r"\s*(?P<ap>上午|中午|下午|当天|当日|工作日)?\s*(?:下班|放学)")
NOON = time(12, 0)
_MARK_AFTER = re.compile(
    r"\s*(?:(?<=[日号])\)\s*)?(?:\(\s*含[^()\n]{0,14}\)|含当日|含当天)?\s*(?P<mk>之前|以前|前(?!后|期|夕)|为止|止(?!于)|截止|以内|之内|内(?![容部外涵]))"
)
# Words before a date that say it is the last day (截至6月30日, 征稿延期至5月15日): the
# date phrase keeps the one it had as its prefix.
UNTIL_PREFIXES = (
    "截至",
    "截止到",
    "截止于",
    "截止至",
    "截止",
    "不晚于",
    "不迟于",
    "最迟于",
    "最迟",
    "最晚于",
    "最晚",
    "至迟",
    "即日起至",  # 春联征集即日起至1月17日: open from today, closed on that day
    "即日起到",
    "起至",
    "延至",  # 申报延至6月30日止: the deadline moved
    "延期至",
    "延长至",
    "顺延至",
    "推迟至",
    "延期到",
    "延长到",
    "顺延到",
    "推迟到",
)
_MARK_BEFORE = re.compile(
    r"(?:截止(?:时间|日期)\s*(?:为|是|:)?\s*(?:至|到)?|(?:" + "|".join(UNTIL_PREFIXES) + r"|于|在)"
    r"\s*(?:本月|今年|本年|当年|每年|次年|明年)?|每年)\s*$"
)
# A year said in words or left blank (20xx年, 次年) before a date in a list: skipped over.
# A short aside between a date and its time (假期第3天, 正月初六, 本周三); not 含当日.
_PAREN_TIME = re.compile(
    r"\s*\("
    + r"(?:当天|当日)?\s*(?P<ap>上午|下午|中午|晚上|傍晚)?\s*(?P<h>\d{1,2}|[一二三四五六七八九十]{1,3})\s*"
    r"(?:[:.](?P<mm>\d{2})|(?:点|时)\s*(?:(?P<half>半)|(?P<m2>\d{1,2})\s*分)?)\s*(?P<pmk>之前|以前|前)\s*\)"
)
_ASIDE = re.compile(r"\s*\((?!\s*含)[^()\n]{1,12}\)")
_PART_OF_DAY = re.compile(r"\s*(?P<ap>上午|中午|下午|晚上)(?=\s*(?:之前|以前|前))")
_LIST_YEAR = re.compile(
    r"\s*(?:\d{2}[xX×*]{2}|\d{4}|[零〇○一二三四五六七八九]{4}|次|当|本|今|明)?\s*年\s*"
)
# 周一 … 周日/周天, 星期7: the ISO weekday (1 = Monday).
WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7}
WEEKDAYS.update({str(i): i for i in range(1, 8)})


class DateMention(NamedTuple):
    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    part: str = ""  # 底 / 末 / 初 / 上旬 / 中旬 / 下旬
    whole_month: bool = False  # 6月份
    this_month: bool = False  # 本月25日: the month of the notice
    next_year: bool = False  # 次年1月10日: the year after the one in force


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = cn_int(text)
    return y if y and 1990 <= y <= 2100 else None


_THIS_MONTH = re.compile(
    rf"本\s*月\s*(?:份\s*)?(?:(?P<d>\d{{1,2}}|{_CN_DAY})\s*[日号]|(?P<part>底|末|上旬|中旬|下旬))"
    # 请于月底前报送本月情况: the month of the notice, said without 本.
    r"|月\s*(?P<part2>底|末)(?=\s*(?:之前|以前|前))"
)


_MONTH_CHAR = re.compile("月")
# Patterns of this module's smaller look-ups, compiled once.
_AT_BEFORE = re.compile(r"[于在]\s*$")
_FROM_TO_BEFORE = re.compile(r"[从自至到于在]\s*$")
_NUMBER = re.compile(r"\d{1,2}")
_WEEKDAY_CHAR = re.compile(r"[一二三四五六日天七1-7]")
MAX_DATES = 5_000  # a notice names a few dozen dates; past this the text is no notice
_ISO_HINT = re.compile(r"\d\s*[-/.]\s*\d")


def _windows(
    norm: str, anchors: re.Pattern[str], start: int, end: int, back: int, ahead: int
) -> Iterator[tuple[int, int]]:
    """Merged ``[a, b)`` windows around every anchor hit in ``norm[start:end]``: a full
    pattern scan runs only there (a month needs 月, an ISO date a separator)."""
    a = b = -1
    for k, m in enumerate(anchors.finditer(norm, start, end)):
        if k >= 2 * MAX_DATES:
            break
        lo, hi = max(start, m.start() - back), min(end, m.end() + ahead)
        if lo <= b:
            b = hi
            continue
        if b > a:
            yield a, b
        a, b = lo, hi
    if b > a:
        yield a, b


def this_month_dates(
    norm: str, this_month: int, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """本月25日 / 本月底 read as ``this_month``."""
    end = len(norm) if end is None else end
    out: list[DateMention] = []
    part = norm[start:end]
    # 本月25日 needs 本; 于月底前 needs 月底 or 月末 (most text has neither: no scan).
    if "本" not in part and "月底" not in part and "月末" not in part:
        return out
    for m in _THIS_MONTH.finditer(norm, start, end):
        day = cn_int(m["d"]) if m["d"] else None
        if day is not None and not 1 <= day <= 31:
            continue
        if m["part2"] and not _AT_BEFORE.search(norm[max(start, m.start() - 3) : m.start()]):
            continue  # 6月底 / 每月月底: not the notice's month said alone
        part = m["part"] or m["part2"] or ""
        out.append(DateMention(m.start(), m.end(), None, this_month, day, part, this_month=True))
    return out


def find_dates(
    norm: str,
    start: int = 0,
    end: int | None = None,
    this_month: int | None = None,
    *,
    bare: list[re.Match[str]] | None = None,
) -> list[DateMention]:
    """Every month(-day) mention in ``norm[start:end]`` (absolute offsets). With
    ``this_month``, 本月25日 / 本月底 count as that month (``this_month`` set). ``bare``:
    :func:`bare_day_matches` of the same range, when the caller already has them."""
    end = len(norm) if end is None else end
    out: list[DateMention] = this_month_dates(norm, this_month, start, end) if this_month else []
    iso_taken: set[int] = set()
    # 20211117日 / 2021111720:00: a date whose 年 and 月 a copy lost, read only when whole.
    for m in _GLUED.finditer(norm, start, end):
        gy, gm, gd = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= gd <= days_in(gy, gm):
            out.append(DateMention(m.start(), m.end(), gy, gm, gd))
            iso_taken.update(range(m.start(), m.end()))
    for lost in lost_month_dates(norm, start, end, this_month):
        if lost.start not in iso_taken:
            out.append(lost)
            iso_taken.update(range(lost.start, lost.end))
    # An ISO date needs - / or .: a text with none of them (a third of notices) is not
    # scanned for a digit beside one.
    iso_marks = (
        norm.find("-", start, end) >= 0
        or norm.find("/", start, end) >= 0
        or norm.find(".", start, end) >= 0
    )
    for a, b in _windows(norm, _ISO_HINT, start, end, 12, 12) if iso_marks else ():
        for m in _DOTTED.finditer(norm, a, b):
            mo, d = int(m["m"] or m["m2"]), int(m["d"] or m["d2"])
            y = int(m["roc"]) + 1911 if m["roc"] else None
            if m.start() not in iso_taken and 1 <= mo <= 12 and 1 <= d <= days_in(y or 2024, mo):
                out.append(DateMention(m.start(), m.end(), y, mo, d))
                iso_taken.update(range(m.start(), m.end()))
        for m in _ISO.finditer(norm, a, b):
            mo, d = int(m["m"]), int(m["d"])
            y = _year(m["y"])
            if y and 1 <= mo <= 12 and 1 <= d <= days_in(y, mo):
                out.append(DateMention(m.start(), m.end(), y, mo, d))
                iso_taken.update(range(m.start(), m.end()))
        for rx in (_SLASH_MD, _SLASH_MD_LABELED):
            for m in rx.finditer(norm, a, b):
                mo, d = int(m["m"]), int(m["d"])
                at = m.start("m")
                if at not in iso_taken and 1 <= mo <= 12 and 1 <= d <= days_in(2024, mo):
                    out.append(DateMention(at, m.end(), None, mo, d))
                    iso_taken.add(at)
    listed: set[int] = set()
    out.extend(_day_lists(norm, start, end, listed))
    if norm.find("年底", start, end) >= 0 or norm.find("年末", start, end) >= 0:
        for m in _YEAR_END.finditer(norm, start, end):
            if not any(k in listed for k in range(m.start(), m.end())):
                out.append(DateMention(m.start(), m.end(), _year(m["y"]), 12, None, "底"))
                listed.update(range(m.start(), m.end()))
    if norm.find("季", start, end) >= 0:
        for m in _QUARTER_AFTER.finditer(norm, start, end):
            q, d = "一二三四".find(m["q"]) + 1 or int(m["q"]), int(m["d"])
            if 1 <= d <= 28:
                month = q * 3 % 12 + 1  # the next quarter's first month (四季度 → 1月)
                out.append(DateMention(m.start(), m.end(), None, month, d, next_year=q == 4))
                listed.update(range(m.start(), m.end()))
    taken_until = start
    for a, b in _windows(norm, _MONTH_CHAR, start, end, 16, 14):
        if len(out) >= MAX_DATES:
            break
        for m in _DM.finditer(norm, max(a, taken_until), b):
            if len(out) >= MAX_DATES:
                break
            if m.start() in iso_taken or m.start() in listed:
                continue
            dm = _mention(norm, m, start)
            if dm is not None:
                out.append(dm)
                taken_until = m.end()
    out.sort(key=lambda x: x.start)
    if bare is None:
        bare = bare_day_matches(norm, start, end)
    return _bare_days(norm, start, end, out, this_month, bare)


# 请于15日前报送 / 6月活动方案请于10日前报送: a day alone, before 前, after 于/截至.
_BARE_DAY = re.compile(
    rf"[于在至到迟,]\s*(?P<d>\d{{1,2}}|{_CN_DAY})\s*[日号]"
    r"(?=\s*(?:(?:上午|中午|下午)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:点时].{0,6}?)?(?:之前|以前|前(?!后)))"
)
_BARE_DAY_BEFORE = re.compile(r"(?:于|在|截至|截止|截止到|最迟|最迟于|不晚于)\s*$")
# Words of a monthly rule (每月, 按月, 月报): a day near them is each month's, not one date.
EVERY_MONTH = re.compile(r"每\s*(?:个\s*)?月|按\s*月|月\s*报")


def bare_day_matches(norm: str, start: int, end: int) -> list[re.Match[str]]:
    """Where a day stands without its month (请于15日前), to be read by :func:`_bare_days`."""
    return list(_BARE_DAY.finditer(norm, start, end)) if "前" in norm[start:end] else []


def _bare_days(
    norm: str,
    start: int,
    end: int,
    found: list[DateMention],
    this_month: int | None,
    matches: list[re.Match[str]],
) -> list[DateMention]:
    """Days said without their month: the month of the date named just before them (in the
    same line), else the notice's month; never in a sentence about a monthly rule."""
    if not matches:
        return found
    extra = []
    starts = [d.start for d in found]
    for m in matches:
        # 请于5月20日前报送方案，25日前报送名单: after a comma only with a month just named.
        after_comma = norm.startswith(",", m.start())
        if not after_comma and not _BARE_DAY_BEFORE.search(
            norm, max(start, m.start() - 5), m.start() + 1
        ):
            continue
        i = bisect.bisect_right(starts, m.start("d")) - 1
        if i >= 0 and found[i].end > m.start("d"):
            continue  # part of a date already read
        day = cn_int(m["d"])
        if day is None or not 1 <= day <= 31:
            continue
        line_start = max(start, norm.rfind("\n", 0, m.start()) + 1)
        if EVERY_MONTH.search(norm, max(line_start, m.start() - 40), m.start()):
            continue
        before = found[i] if i >= 0 and found[i].start >= max(line_start, m.start() - 80) else None
        if after_comma and (before is None or m.start() - before.end > 40):
            continue
        if before is not None and before.month:
            month, year, here = before.month, before.year, False
        elif this_month:
            month, year, here = this_month, None, True
        else:
            continue
        if day > days_in(year or 2024, month):
            continue
        extra.append(DateMention(m.start("d"), m.end(), year, month, day, this_month=here))
    if not extra:
        return found
    return sorted(found + extra, key=lambda x: x.start)


def _list_spans(m: re.Match[str], items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One span per listed number: the first from where the match starts (its year and month),
    the last to where it ends (its 日), each joined to the next by 、 as any date list."""
    spans = [(m.start(), items[0][1]), *items[1:]]
    spans[-1] = (spans[-1][0], m.end())
    return spans


def _day_lists(norm: str, start: int, end: int, listed: set[int]) -> list[DateMention]:
    """3月13、27日: a mention for each day, the first with its month; 6、8、10、12月3日: one
    for each month (rare: looked for only where such a list ends)."""
    out: list[DateMention] = []
    if "、" not in norm[start:end]:
        return out  # both lists need a 、 (most text between two dates has none)
    hint = _DAY_LIST_HINT.search(norm, start, end)
    for m in _DAY_LIST.finditer(norm, max(start, hint.start() - 24), end) if hint else ():
        mo, y = int(m["m"]), _year(m["y"])
        base = m.start("more")
        days = [(m.start("d"), m.end("d"))] + [
            (base + x.start(), base + x.end()) for x in _NUMBER.finditer(m["more"])
        ]
        nums = [int(norm[i:j]) for i, j in days]
        if not 1 <= mo <= 12 or not all(1 <= d <= days_in(y or 2024, mo) for d in nums):
            continue
        spans = _list_spans(m, days)
        out.extend(DateMention(i, j, y, mo, d) for (i, j), d in zip(spans, nums, strict=True))
        listed.update(range(m.start(), m.end()))
    hint = _MONTH_LIST_HINT.search(norm, start, end)
    if not hint:
        return out
    for m in _MONTH_LIST.finditer(norm, max(start, hint.start() - 30), end):
        y, day = _year(m["y"]), int(m["d"])
        base = m.start("ms")
        months = [(base + x.start(), base + x.end()) for x in _NUMBER.finditer(m["ms"])]
        nums = [int(norm[i:j]) for i, j in months]
        if any(k in listed for k in range(m.start(), m.end())):
            continue
        if not all(1 <= mo <= 12 and 1 <= day <= days_in(y or 2024, mo) for mo in nums):
            continue
        if (
            len(nums) == 2
            and m["y"] is None
            and _ITEM_START.search(norm, max(0, m.start() - 3), m.start())
        ):
            continue  # 2、11月5日前各学院…: an item's number, then the date
        # A mention per month, joined by 、 as any date list; the last one holds the day.
        spans = _list_spans(m, months)
        out.extend(DateMention(i, j, y, mo, day) for (i, j), mo in zip(spans, nums, strict=True))
        listed.update(range(m.start(), m.end()))
    return out


_MONTH_LIST_GOES_ON = re.compile(r"月\s*(?:、|及|和|与|以及)\s*$")


def lost_month_dates(norm: str, start: int, end: int, this_month: int | None) -> list[DateMention]:
    """Dates whose 月 a copy lost (926日前), see :func:`_lost_month`."""
    # (Only a text with far fewer 月 than 日 can have lost them: counting is cheap.)
    if norm.count("日", start, end) <= 2 * norm.count("月", start, end):
        return []
    out: list[DateMention] = []
    # (Searched from each digit before 日/号: the pattern opens with lookbehinds and an
    # optional year, tried at every position. A match is a run of at most 8 digits, blanks,
    # then that 日, so it starts at most 7 characters before the run's last digit, and after
    # the 日 before.)
    after = start
    for tail in _LOST_MONTH_TAIL.finditer(norm, start, end):
        m = _LOST_MONTH.search(norm, max(after, tail.start() - 7), tail.end())
        after = tail.end()
        dm = _lost_month(norm, m, start, end, this_month) if m else None
        if dm is not None:
            out.append(dm)
    return out


def _lost_month(
    norm: str, m: re.Match[str], start: int, end: int, this_month: int | None
) -> DateMention | None:
    """926日前 as 9月26日: the month and the day a copy glued together, where a date is
    plainly meant. 118 is 1月18日 or 11月8日: the one that comes first from the notice's
    month (none without it)."""
    md = m["md"]
    if len(md) == 2 and int(md) <= 31:
        return None  # 15日: a day
    if not (
        _LOST_MONTH_BEFORE.search(norm, max(start, m.start() - 6), m.start())
        or _LOST_MONTH_AFTER.match(norm, m.end(), end)
    ):
        return None
    y = int(m["y"]) if m["y"] else None
    # (A day does not start with 0 here: 106 is 10月6日.)
    splits = [(int(md[:k]), int(md[k:])) for k in (1, 2) if k < len(md) and md[k] != "0"]
    valid = [(mo, d) for mo, d in splits if 1 <= mo <= 12 and 1 <= d <= days_in(y or 2024, mo)]
    if not valid:
        return None
    if len(valid) > 1:
        if not this_month:
            return None  # 126日: 1月26日 or 12月6日, nothing to tell which
        valid.sort(key=lambda md_: (md_[0] - this_month) % 12)
    mo, d = valid[0]
    return DateMention(m.start("md") if not y else m.start(), m.end(), y, mo, d)


def _mention(norm: str, m: re.Match[str], start: int) -> DateMention | None:
    month = 1 if m["m"] == "元" else cn_int(m["m"])
    if month is None or not 1 <= month <= 12:
        return None
    day = cn_int(m["d"]) if m["d"] else None
    part = m["part"] or ""
    # 113年9月18日: a year of the Republic calendar (Taiwan), counted from 1912.
    y = _year(m["y"]) if not m["roc"] else int(m["roc"]) + 1911
    if day is not None and not 1 <= day <= days_in(y or 2024, month):
        return None
    if day is None and not part and not m["m"].isdigit() and not m["y"] and not m["roc"]:
        # 一月一培训: a Chinese month alone counts only where a date is plainly meant.
        before = norm[max(start, m.start() - 2) : m.start()]
        after = norm[m.end() : m.end() + 1]
        if not (
            m["fen"]
            or _FROM_TO_BEFORE.search(before)
            or after in ("至", "到", "起")
            # 于四月、七月、十月及隔年一月: a list of months goes on.
            or _MONTH_LIST_GOES_ON.search(norm, max(start, m.start() - 4), m.start())
        ):
            return None
    whole = bool(m["fen"]) and day is None and not part
    return DateMention(
        m.start(), m.end(), y, month, day, part, whole_month=whole, next_year=bool(m["ny"])
    )


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def resolve(dm: DateMention, year: int, role: str = "point") -> tuple[date | None, str]:
    """The date a mention stands for, with a note when it is only approximate.

    ``role``: "start" (a month alone means its first day), "end" (its last day) or
    "point" (a month alone is no date).
    """
    y = dm.year or (year + 1 if dm.next_year else year)
    try:
        if dm.day is not None:
            return date(y, dm.month, dm.day), ""
        last = days_in(y, dm.month)
        if dm.part in ("底", "末"):
            return date(y, dm.month, last), ""
        if dm.part == "下旬":
            return date(y, dm.month, last), "下旬"
        if dm.part == "中旬":
            return date(y, dm.month, 20), "中旬"
        if dm.part == "上旬":
            return date(y, dm.month, 10), "上旬"
        if dm.part == "初":
            return date(y, dm.month, 5 if role != "start" else 1), "月初"
        if role == "start":
            return date(y, dm.month, 1), ""
        if role == "end":
            return date(y, dm.month, last), ""
    except ValueError:
        return None, ""
    return None, ""


def parse_time(m: re.Match[str]) -> time | None:
    h = cn_int(m["h"])
    if h is None:
        return None
    minute = 0
    if m["mm"]:
        minute = int(m["mm"])
    elif m["half"]:
        minute = 30
    elif m["m2"]:
        minute = cn_int(m["m2"]) or 0
    ap = m["ap"] or ""
    if (ap in ("下午", "晚上", "傍晚", "晚") and 1 <= h < 12) or (ap == "中午" and 1 <= h <= 3):
        h += 12
    if h == 24 and minute == 0:
        return time(23, 59)
    if not (0 <= h <= 23 and 0 <= minute <= 59):
        return None
    return time(h, minute)


_HOURS_OPEN = re.compile(r"\s*(?:当天|当日)?\s*(?P<paren>\()?")
_HOURS_JOIN = re.compile(r"\s*(?:-|—{1,2}|~|至|到)\s*")
_HOURS_CLOSE = re.compile(r"\s*\)")


def _hours_to(norm: str, pos: int, limit: int) -> tuple[time, int] | None:
    """A clock-time range right after a date (8:00-17:00, 当天(8:00—17:00)): the hours
    something is open on that day, so the last is when it is due; and where it ends."""
    o = _HOURS_OPEN.match(norm, pos, limit)
    p = o.end() if o else pos
    first = _TIME.match(norm, p, limit)
    if first is None or not first["mm"]:
        return None  # (8点至10点 may be anything: a clock range has its minutes)
    j = _HOURS_JOIN.match(norm, first.end(), limit)
    second = _TIME.match(norm, j.end(), limit) if j else None
    if second is None or not second["mm"]:
        return None
    start, at = parse_time(first), parse_time(second)
    if start is None or at is None:
        return None
    if at < start and at.hour < 12:
        at = time(at.hour + 12, at.minute)  # 下午2:00-5:00
    end = second.end()
    if o is not None and o["paren"]:
        close = _HOURS_CLOSE.match(norm, end, limit)
        if close is None:
            return None
        end = close.end()
    return at, end


@dataclass
class Tail:
    """What follows a date or a repeat: weekday note, time, 下班, deadline marker."""

    end: int
    weekday: int | None = None
    at: time | None = None
    off_work: bool = False
    marker: str = ""


# Every part of a tail starts (after blanks) with one of these characters or a digit.
_TAIL_STARTS = frozenset("(星周礼上中下晚当工傍早凌零一二两三四五六七八九十)含之以前为止截内放")


def read_tail(norm: str, pos: int, limit: int, *, time_needs_marker: bool = False) -> Tail:
    """Weekday note, time and 前-marker right after ``pos``."""
    tail = Tail(pos)
    first = pos
    while first < limit and norm[first].isspace():
        first += 1
    if first >= limit or not (norm[first] in _TAIL_STARTS or norm[first].isdecimal()):
        return tail  # most dates are followed by none of them: no pattern tried
    m = _WEEKDAY_NOTE.match(norm, pos, limit)
    if m and norm[m.start() : m.end()].strip():
        tail.weekday = WEEKDAYS.get(m["w"] or m["w2"])
        pos = m.end()
    m = _PAREN_TIME.match(norm, pos, limit)
    if m:  # 10月28日(下午5点前): the time and the 前 inside the parentheses
        at = parse_time(m)
        if at is not None:
            tail.at, tail.marker, tail.end = at, m["pmk"], m.end()
            return tail
    hours = _hours_to(norm, pos, limit)
    if hours is not None:  # 3月27日8:00-17:00 / 3月27日当天(8:00—17:00): due by the last hour
        tail.at, tail.end = hours
        return tail
    m = _ASIDE.match(norm, pos, limit)
    if m:  # 4月6日(假期第3天)下午3点前 / 2月23日(正月初六)上午12点前
        pos = m.end()
    m = _PART_OF_DAY.match(norm, pos, limit)
    if m:  # 1月11日下午前: by that day, no hour said; 中午前 says noon
        if m["ap"] == "中午":
            tail.at = NOON
        pos = m.end()
    m = _OFF_WORK.match(norm, pos, limit)
    if m:
        tail.off_work = True
        if m["ap"] in ("上午", "中午"):
            tail.at = NOON  # the morning's work ends at noon
        pos = m.end()
    else:
        m = _TIME.match(norm, pos, limit)
        if m:
            at = parse_time(m)
            mk = _MARK_AFTER.match(norm, m.end(), limit)
            if at is not None and (mk or not time_needs_marker):
                tail.at = at
                pos = m.end()
    m = _MARK_AFTER.match(norm, pos, limit)
    if m:
        tail.marker = m["mk"]
        pos = m.end()
    tail.end = pos
    return tail


@dataclass
class DatePhrase:
    """One or more dates said together, or a range, with what follows them."""

    start: int
    end: int
    dates: list[DateMention]
    range_end: DateMention | None = None
    tail: Tail = field(default_factory=lambda: Tail(0))
    prefix: str = ""

    @property
    def is_range(self) -> bool:
        return self.range_end is not None

    @property
    def marked(self) -> bool:
        return bool(self.tail.marker) or self.prefix not in ("", "于", "在")


def _day_only(norm: str, pos: int, limit: int, month_of: DateMention) -> DateMention | None:
    m = _DAY_ONLY.match(norm, pos, limit)
    if not m or (m.end() < limit and norm[m.end() : m.end() + 1] == "月"):
        return None
    d = cn_int(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    return DateMention(m.start("d"), m.end(), month_of.year, month_of.month, d)


class DateIndex:
    """Every date mention of a whole text, found once, looked up by position."""

    def __init__(self, norm: str, this_month: int | None = None, base: DateIndex | None = None):
        self.dms: list[DateMention]
        self.bare: list[re.Match[str]]
        # Days without their month, found once and read again with the notice's month.
        self.bare = base.bare if base is not None else bare_day_matches(norm, 0, len(norm))
        if base is not None and this_month:
            # (and 118日 read again: 1月18日 or 11月8日 told by the notice's month)
            known = {d.start for d in base.dms}
            lost = lost_month_dates(norm, 0, len(norm), this_month)
            extra = this_month_dates(norm, this_month) + [d for d in lost if d.start not in known]
            dms = sorted(base.dms + extra, key=lambda d: d.start) if extra else base.dms
            self.dms = _bare_days(norm, 0, len(norm), dms, this_month, self.bare)
        else:
            self.dms = find_dates(norm, 0, len(norm), this_month, bare=self.bare)
        self.starts = [d.start for d in self.dms]

    def between(self, start: int, end: int) -> list[DateMention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [d for d in self.dms[lo:hi] if d.end <= end]

    def any_between(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self.starts, start)
        return lo < len(self.starts) and self.starts[lo] < end


def date_phrases(
    norm: str, start: int, end: int, this_month: int | None = None, index: DateIndex | None = None
) -> list[DatePhrase]:
    """Dates in ``norm[start:end]`` grouped into ranges and lists, with their tails."""
    dms = index.between(start, end) if index else find_dates(norm, start, end, this_month)
    by_start = {d.start: d for d in dms}
    out: list[DatePhrase] = []
    i = 0
    consumed: set[int] = set()
    while i < len(dms):
        first = dms[i]
        if first.start in consumed:
            i += 1
            continue
        consumed.add(first.start)
        group = [first]
        range_end = None
        pos = first.end
        list_marker = ""  # a 前 said inside a list (3月13日前、27日): the list's
        t0 = None
        rj = _RANGE_JOIN.match(norm, pos, end)
        if rj is None:
            t0 = read_tail(norm, pos, end)
            # 2月1日(星期五)至2月10日 / 5日下午3点至…: a weekday, aside or time before 至.
            if t0.end > pos and not t0.marker:
                rj = _RANGE_JOIN.match(norm, t0.end, end)
        if rj:
            nxt = by_start.get(_skip_space(norm, rj.end(), end))
            if nxt is None:
                nxt = _day_only(norm, rj.end(), end, first)
            if nxt is not None and (nxt.day is not None or first.day is None or nxt.part):
                range_end = nxt
                consumed.add(nxt.start)
                pos = nxt.end
        if range_end is None:
            while True:
                t = read_tail(norm, pos, end, time_needs_marker=True)
                lj = _LIST_JOIN.match(norm, t.end, end)
                if not lj and not t.marker and _QUARTER_AFTER.match(norm, group[-1].start):
                    # 三季度季后14日,四季度季后10日12:00前: quarters listed with a comma too.
                    lj = _COMMA.match(norm, t.end, end)
                    if lj and not _QUARTER_AFTER.match(norm, lj.end()):
                        lj = None
                if not lj:
                    break
                nxt = by_start.get(_skip_space(norm, lj.end(), end))
                if nxt is None:
                    y = _LIST_YEAR.match(norm, lj.end(), end)
                    if y:
                        nxt = by_start.get(y.end())
                if nxt is None and group[-1].day is not None:
                    nxt = _day_only(norm, lj.end(), end, group[-1])
                if nxt is None or (
                    (nxt.day is None) != (group[-1].day is None)
                    # 3月10日和8月底前: a month's end lists with a day.
                    and not (nxt.part or group[-1].part)
                ):
                    break
                if t.marker:
                    list_marker = t.marker
                group.append(nxt)
                consumed.add(nxt.start)
                pos = nxt.end
            if len(group) > 1 and group[-1].part:
                # 2月和8月底前: the months before share the last one's end.
                group = [
                    d._replace(part=group[-1].part) if d.day is None and not d.part else d
                    for d in group
                ]
        # (The tail right after the first date, when nothing was added to it, read once.)
        t = t0 if t0 is not None and pos == first.end else read_tail(norm, pos, end)
        if (
            not t.marker
            and t.end < end
            and norm[_skip_space(norm, t.end, end) : _skip_space(norm, t.end, end) + 1] == ")"
            and norm[max(start, first.start - 1) : first.start] == "("
        ):
            # 明日(5月20日)中午12点前: the date said in parentheses, its time after them.
            after = read_tail(norm, _skip_space(norm, t.end, end) + 1, end)
            if after.marker:
                t = after
        if not t.marker and list_marker:
            t.marker = list_marker
        before = norm[max(start, first.start - 8) : first.start]
        pm = _MARK_BEFORE.search(before)
        prefix = pm.group().strip() if pm else ""
        for word in ("于", "在"):
            if (
                prefix.endswith(word)
                and len(prefix) > 1
                and not prefix.startswith(("截", "不", "最", "至"))
            ):
                prefix = word
        out.append(DatePhrase(first.start, t.end, group, range_end, t, prefix))
        i += 1
    return out


def _skip_space(norm: str, pos: int, end: int) -> int:
    while pos < end and norm[pos] in " \t\r\n":
        pos += 1
    return pos


# Repeats ------------------------------------------------------------------------------

_WD_LIST = r"[一二三四五六日天七1-7](?:\s*[、和及,]\s*(?:周|星期|礼拜)?\s*[一二三四五六日天七1-7](?![一二三四五六七八九十]))*"
_REPEAT = re.compile(
    r"(?=[每按逐当次月下季])(?:"
    r"每\s*(?:个\s*)?(?:周|星期|礼拜)\s*(?:的\s*)?(?:(?:周|星期)\s*)?(?P<wd>" + _WD_LIST + r")?"
    r"|每\s*(?:个\s*)?月\s*(?:\(\s*季\s*度?\s*\)\s*)?(?:的\s*|于\s*|在\s*)?(?:(?P<md>"
    + NUM
    # 每月1-5日: a window each month, due on its last day.
    + r")(?:\s*(?:-|至|到|~)\s*(?P<mdto>"
    + NUM
    + r"))?\s*[日号]|(?P<mpart>月底|月末|底|末|上旬|中旬|下旬))?"
    r"|每\s*(?:天|日|个?\s*工作日)(?![常程])"
    # 按月报送 / 按周上报 / 按季申报: monthly, weekly or quarterly, the day left to the clerk.
    r"|(?:按|逐)\s*(?:月|周|(?P<byq>季\s*度?))(?=\s*(?:报送|上报|填报|申报|报告|提交|汇总上报|报))"
    # 须于当周周五下午5点前: each week's Friday.
    r"|当\s*周\s*(?:的\s*)?(?:周|星期|礼拜)\s*(?P<twd>[一二三四五六日天1-7])"
    r"|(?P<quarter>每\s*(?:个\s*)?季(?:度)?\s*(?:的\s*)?"
    # 每季度下个月的10日前 / 每季度结束后的次月5日前: the quarter's next month, first of the next.
    r"(?:(?P<qfirst>(?:(?:结束|终了)?\s*后\s*(?:的\s*)?)?(?:下\s*(?:一\s*)?(?:个\s*)?月|次\s*月)(?:\s*的)?"
    r"|首月|第一个月|第1个月|初|(?:结束)?后(?:的)?)\s*(?:(?P<qd1>"
    + NUM
    + r")\s*(?:日|号|个工作日|天))?"
    r"|(?P<qlast>末月|最后一个月)\s*(?:(?P<qd3>" + NUM + r")\s*[日号])?"
    # 每季度末五日内: within so many days after the quarter's end (as 季末15日内 below).
    r"|(?P<qend>末|底|结束前)(?:\s*(?P<qed>"
    + NUM
    + r")\s*(?:日|天|个工作日)(?=\s*(?:内|以内|之内)))?)?)"
    r"|(?P<next>次\s*月|月后|下\s*(?:一\s*)?(?:个\s*)?月)(?P<alsoq>\s*\(\s*季\s*度?\s*\))?\s*(?:的\s*)?"
    r"(?P<nd>" + NUM + r")\s*(?:[日号]|天(?=\s*[内前]))"
    # 下一季第一个月的15日前 / 下个季度首月10日前: each quarter's report, in the next quarter.
    r"|(?P<nextq>(?:下\s*(?:一\s*)?(?:个\s*)?|次\s*)季\s*度?\s*(?:的\s*)?"
    r"(?:第\s*[一1]\s*个?\s*月|首\s*月)?\s*(?:的\s*)?(?P<nqd>"
    + NUM
    + r")\s*(?:[日号]|天(?=\s*[内前])))"
    # 月份终了后15日内: in the next month, by that day.
    r"|(?P<half>每\s*半\s*个?\s*月)"
    r"|(?P<tenday>每\s*旬\s*(?:末|底)?)"
    r"|(?P<afterm>月(?<![\d一二三四五六七八九十]月)\s*(?:份|度)?\s*(?:终了|结束|期满)\s*(?:后|之日起)\s*(?P<amd>"
    + NUM
    + r")\s*(?:日|天)(?=\s*(?:内|以内|之内|前)))"
    # 季后7日前 / 季末15日内 / 季度结束后10日内: in the quarter's first month after it.
    r"|(?P<afterq>季(?<![一二三四1-4第本上该每]季)\s*度?\s*(?:末|后|(?:结束|终了|期满)(?:后|之日起))\s*(?:的\s*)?"
    r"(?P<aqd>" + NUM + r")\s*(?:个工作日|日|天)(?=\s*(?:内|以内|之内|前|之前|以前))))"
)


@dataclass
class Repeat:
    start: int
    end: int
    kind: str  # weekly / monthly / daily / quarterly
    weekdays: tuple[int, ...] = ()
    month_of_quarter: int | None = None  # quarterly: 1 = its first month, 3 = its last
    day_of_month: int | None = None
    more_days: tuple[int | None, ...] = ()  # 每月5日、20日前: the days after (None: month end)
    month_end: bool = False
    part: str = ""
    tail: Tail = field(default_factory=lambda: Tail(0))
    # 每日(9月19日-21日,10月1日-7日)下午3时前: the periods it runs in, said in parentheses.
    periods: tuple[DatePhrase, ...] = ()


# 每年1、4、7、10月8日之前 / 于4月、7月、10月和次年1月的5日前: four months a quarter
# apart, the same day in each.
_QUARTER_MONTHS = re.compile(
    r"(?:每\s*年\s*(?:的\s*)?|(?<=[于在]))"
    r"(?P<ms>\d{1,2}\s*月?(?:\s*(?:[、,和及]|以及)\s*(?:次年|下一年|翌年)?\s*\d{1,2}\s*月?){3})"
    r"\s*(?:份\s*)?(?:的\s*)?(?P<d>" + NUM + r")\s*[日号]"
)


def _quarter_months(norm: str, start: int, end: int) -> list[Repeat]:
    out: list[Repeat] = []
    if norm.find("年", start, end) < 0 and norm.count("月", start, end) < 4:
        return out  # (most clauses: neither 每年 nor four months)
    for m in _QUARTER_MONTHS.finditer(norm, start, end):
        months = [int(x) for x in _NUMBER.findall(m["ms"])]
        day = cn_int(m["d"])
        if day is None or not 1 <= day <= 31 or not all(1 <= x <= 12 for x in months):
            continue
        if any((b - a) % 12 != 3 for a, b in pairwise(months)):
            continue
        which = (months[0] - 1) % 3 + 1  # 4月、7月…: a quarter's first month, as 1月 is
        rep = Repeat(m.start(), m.end(), "quarterly", day_of_month=day, month_of_quarter=which)
        rep.tail = read_tail(norm, m.end(), end)
        rep.end = max(rep.end, rep.tail.end)
        out.append(rep)
    return out


# Words every repeat holds (每周, 每年1、4、7、10月, 季后, 下个季度, 次月, 下个月, 月后, 按月,
# 逐周, 当周, 月份终了): a clause with none of them is not searched. (One pattern search: a
# set of characters tested against the clause would make a string of every character.) Each
# alternative of a hint starts with a literal character: the search then jumps from one
# possible first character to the next instead of trying every alternative everywhere.
# (于4月、7月、10月和次年1月的5日前: four months right after 于/在, which may stand just
# before the clause: the hint is looked for from the character before it.)
REPEAT_HINT = (
    r"每|季|次\s*(?:一\s*)?(?:个\s*)?月|下\s*(?:一\s*)?(?:个\s*)?月|月\s*后"
    r"|按\s*[月周]|逐\s*[月周]|当\s*周|月\s*(?:份|度)?\s*(?:终了|结束|期满)|于\d|在\d"
)
_REPEAT_HINT = re.compile(REPEAT_HINT)


_HALF_MONTH_ASIDE = re.compile(r"\s*\(\s*(?:每月)?\s*15\s*[日号]\s*[、和及,]\s*(?:月底|月末)\s*\)")
_PAREN_PERIODS = re.compile(r"\s*\(([^()]{6,60})\)")
_LAST_DAY_ITEM = re.compile(r"\s*(?:月末最后一\s*[日天]|月末|月底|最后一\s*[日天])")
_MONTH_OR = re.compile(r"月\s*(?:份|度)?\s*(?:或|或者|和|及|、)\s*$")
_MONTH_END_WORD = re.compile(r"(?:本|当)?\s*月\s*(?:底|末)")
_MONTH_WINDOW_END = re.compile(
    rf"(?:次\s*月|下\s*月)?\s*(?:的\s*)?(?P<d>\d{{1,2}}|{_CN_DAY})\s*[日号]"
)


def find_repeats(norm: str, start: int, end: int) -> list[Repeat]:
    if _REPEAT_HINT.search(norm, max(0, start - 1), end) is None:
        return []
    out = _quarter_months(norm, start, end)
    taken_to = start
    for m in _REPEAT.finditer(norm, start, end):
        if m.start() < taken_to:
            continue  # 次月5日 as the end of 每月25日至次月5日
        text = m.group()
        if m["quarter"] or m["byq"]:
            rep = _quarterly(m)
            rep.tail = read_tail(norm, m.end(), end)
            rep.end = max(rep.end, rep.tail.end)
            out.append(rep)
            continue
        if m["next"] or m["nextq"] or m["afterq"] or m["afterm"]:
            md = cn_int(m["nd"] or m["nqd"] or m["aqd"] or m["amd"])
            if md is None or not 1 <= md <= 31:
                continue
            rep = (
                Repeat(m.start(), m.end(), "monthly", day_of_month=md)
                if m["next"] or m["afterm"]
                else Repeat(m.start(), m.end(), "quarterly", day_of_month=md, month_of_quarter=1)
            )
            if m["afterq"] and _MONTH_OR.search(norm, max(start, m.start() - 6), m.start()):
                # 月份或季度终了后15日内: the month's report too, by the same day.
                mo = Repeat(m.start(), m.end(), "monthly", day_of_month=md)
                mo.tail = read_tail(norm, m.end(), end)
                mo.end = max(mo.end, mo.tail.end)
                out.append(mo)
            if m["alsoq"]:
                # 月报、季报于次月（季度）十五日内: the quarter's report too, by the same day.
                q = Repeat(m.start(), m.end(), "quarterly", day_of_month=md, month_of_quarter=1)
                q.tail = read_tail(norm, m.end(), end)
                q.end = max(q.end, q.tail.end)
                out.append(q)
            rep.tail = read_tail(norm, m.end(), end)
            rep.end = max(rep.end, rep.tail.end)
            out.append(rep)
            continue
        if m["tenday"] or m["half"]:
            # 每旬末: by the 10th, the 20th and the month's end; 每半月(15日、月底): by the 15th
            # and the month's end (None: the month's end).
            days = (10, 20, None) if m["tenday"] else (15, None)
            rep = Repeat(m.start(), m.end(), "monthly", day_of_month=days[0], more_days=days[1:])
            aside = _HALF_MONTH_ASIDE.match(norm, m.end(), end) if m["half"] else None
            rep.tail = read_tail(norm, aside.end() if aside else m.end(), end)
            rep.end = max(rep.end, rep.tail.end)
            out.append(rep)
            continue
        if "周" in text or "星期" in text or "礼拜" in text:
            wds: tuple[int, ...] = ()
            if m["wd"] or m["twd"]:
                wd_text = m["wd"] or m["twd"]
                found = [WEEKDAYS[c] for c in _WEEKDAY_CHAR.findall(wd_text)]
                wds = tuple(dict.fromkeys(found))
            rep = Repeat(m.start(), m.end(), "weekly", weekdays=wds)
        elif "月" in text:
            md = cn_int(m["mdto"] or m["md"]) if m["md"] else None
            if md is not None and not 1 <= md <= 31:
                continue
            part = m["mpart"] or ""
            rep = Repeat(
                m.start(),
                m.end(),
                "monthly",
                day_of_month=md
                if md
                else (20 if part == "中旬" else 10 if part == "上旬" else None),
                month_end=part in ("月底", "月末", "底", "末", "下旬"),
                part=part if part in ("上旬", "中旬", "下旬") else "",
            )
        else:
            rep = Repeat(m.start(), m.end(), "daily")
        pos = m.end()
        if rep.kind in ("daily", "weekly") and norm.startswith("(", _skip_space(norm, pos, end)):
            p = _PAREN_PERIODS.match(norm, pos, end)
            ranges = [ph for ph in date_phrases(norm, *p.span(1)) if ph.is_range] if p else []
            if ranges:
                rep.periods = tuple(ranges)
                pos = p.end() if p else pos
        if rep.kind == "monthly" and rep.day_of_month and m["md"]:
            more: list[int | None] = []
            while True:
                t = read_tail(norm, pos, end, time_needs_marker=True)
                j = _LIST_JOIN.match(norm, t.end, end)
                me = _LAST_DAY_ITEM.match(norm, j.end(), end) if j else None
                if me:  # 每月5日、15日和月末最后一日前: the month's last day ends the list
                    more.append(None)
                    pos = me.end()
                    break
                d = _DAY_ONLY.match(norm, j.end(), end) if j else None
                if not d or norm.startswith("月", d.end()):
                    break
                day = cn_int(d["d"])
                if day is None or not 1 <= day <= 31:
                    break
                more.append(day)
                pos = d.end()
            rep.more_days = tuple(more)
            rj = _RANGE_JOIN.match(norm, pos, end) if not more else None
            last = _MONTH_WINDOW_END.match(norm, rj.end(), end) if rj else None
            day = cn_int(last["d"]) if last else None
            if last and day is not None and 1 <= day <= 31:
                # 每月1日至5日 / 每个月的25日至次月5日: a window each month, due on its last day.
                rep.day_of_month = day
                pos = taken_to = last.end()
            elif rj and (end_word := _MONTH_END_WORD.match(norm, rj.end(), end)):
                # 每月25日至月底: due on the month's last day.
                rep.day_of_month, rep.month_end = None, True
                pos = taken_to = end_word.end()
        rep.tail = read_tail(norm, pos, end)
        rep.end = max(rep.end, rep.tail.end)
        out.append(rep)
    out.sort(key=lambda r: r.start)
    return _share_tails(norm, _more_times(norm, _weekday_later(norm, out, start, end), end), end)


# 于周五17:00前 in a sentence about 每周…: the weekly day, said apart from 每周.
_BARE_WEEKDAY = re.compile(r"(?<![每本下上这])(?:周|星期|礼拜)\s*(?P<w>[一二三四五六日天七1-7])")
# 、下午17点前: one more time of the same repeat.
_MORE_TIME = re.compile(
    r"\s*[、和及,]\s*(?=(?:上午|下午|中午|晚上|傍晚)?\s*[0-9一二三四五六七八九十]{1,3}\s*[:点时])"
)
# 每周二或每月3日下午16:30前: repeats joined, the last one's time for all.
_REPEAT_JOIN = re.compile(r"\s*(?:或|或者|和|及|、)\s*$")


def _weekday_later(norm: str, reps: list[Repeat], start: int, end: int) -> list[Repeat]:
    """每周工作总结…于周五17:00前发送: a weekly repeat without a day takes the day and time
    said later in the sentence."""
    bare = [r for r in reps if r.kind == "weekly" and not r.weekdays and not r.tail.marker]
    if not bare:
        return reps
    taken = [(r.start, r.end) for r in reps]
    found = []
    for m in _BARE_WEEKDAY.finditer(norm, bare[0].end, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        tail = read_tail(norm, m.end(), end)
        if not tail.marker:
            continue
        found.append(
            Repeat(
                m.start(),
                max(m.end(), tail.end),
                "weekly",
                weekdays=(WEEKDAYS[m["w"]],),
                tail=tail,
            )
        )
    if not found:
        return reps
    return sorted([r for r in reps if r not in bare] + found, key=lambda r: r.start)


def _more_times(norm: str, reps: list[Repeat], end: int) -> list[Repeat]:
    """每天上午8点前、下午17点前: a second time makes a second repeat of the same kind."""
    out = []
    for r in reps:
        out.append(r)
        pos = r.end
        while r.tail.at is not None:
            j = _MORE_TIME.match(norm, pos, end)
            if not j:
                break
            t = read_tail(norm, j.end(), end)
            if t.at is None or not t.marker:
                break
            extra = Repeat(
                j.end(),
                t.end,
                r.kind,
                r.weekdays,
                r.month_of_quarter,
                r.day_of_month,
                (),
                r.month_end,
                r.part,
                t,
            )
            out.append(extra)
            pos = t.end
    return out


def _share_tails(norm: str, reps: list[Repeat], end: int) -> list[Repeat]:
    """每周二或每月3日下午16:30前: the time said once, after the last, holds for each."""
    for a, b in reversed(list(pairwise(reps))):
        if a.tail.marker or a.tail.at is not None or not b.tail.marker:
            continue
        if not _REPEAT_JOIN.search(norm, a.end, b.start) or b.start - a.end > 4:
            continue
        a.tail = Tail(a.end, at=b.tail.at, off_work=b.tail.off_work, marker=b.tail.marker)
    return reps


def _quarterly(m: re.Match[str]) -> Repeat:
    """每季度末 (its last day), 每季度首月10日前, 每季度末月25日前, 每季度结束后10日内."""
    day: int | None = None
    month: int | None = 3
    if not (m["qfirst"] or m["qlast"] or m["qend"]):
        month = None  # 每季度报送 / 按季申报: the quarter, the day left to the clerk
    if m["qfirst"]:
        month = 1
        day = cn_int(m["qd1"]) if m["qd1"] else None
        if m["qfirst"].startswith(("结束", "后")) and day is None:
            day = 10
    elif m["qlast"]:
        day = cn_int(m["qd3"]) if m["qd3"] else None
    elif m["qed"]:
        month, day = 1, cn_int(m["qed"])
    if day is not None and not 1 <= day <= 31:
        day = None
    return Repeat(m.start(), m.end(), "quarterly", day_of_month=day, month_of_quarter=month)


# At once ------------------------------------------------------------------------------

# 及时 alone (及时报送) asks for promptness and states no deadline; only 及时将/把 … 报,
# an instruction naming what to send, is read as one (flagged for the clerk).
_ASAP = re.compile(
    # The characters a match can start with, checked first: most positions fail there, fast.
    r"(?=[\s也亦可即随实第立马尽迅请当及速])"
    r"(?P<opt>也可以|也可|亦可|可以|可)?\s*"
    r"(?:即时|随时|实时|第一时间|立即|立刻|马上|尽快|迅速|请即|当即|(?P<prompt>及时)(?=\s*地?\s*[将把])"
    # 请速上传 / 请速报: 速 alone only right after 请 and before a delivery.
    r"|速(?<=请速)(?=\s*(?:上传|上报|上交|报送|提交|交|报|送|传))"
    r")"
)


@dataclass(frozen=True)
class AtOnce:
    start: int
    end: int
    optional: bool
    prompt_only: bool = False  # 及时将…: promptly, no more


# The words of _ASAP without what may come before them: a clause with none is not searched.
AT_ONCE_HINT = (
    r"即时|随时|实时|第一时间|立即|立刻|马上|尽快|迅速|请即|当即|及时(?=\s*地?\s*[将把])|请速"
)
_AT_ONCE_HINT = re.compile(AT_ONCE_HINT)


def find_at_once(norm: str, start: int, end: int) -> list[AtOnce]:
    if _AT_ONCE_HINT.search(norm, start, end) is None:
        return []
    return [
        AtOnce(m.start(), m.end(), bool(m["opt"]), bool(m["prompt"]))
        for m in _ASAP.finditer(norm, start, end)
    ]


# Relative ------------------------------------------------------------------------------

_RELATIVE = re.compile(
    r"(?=[\s\d接收见本通文下印发零〇○一二两三四五六七八九十廿卅])"  # the first characters, fast
    r"(?P<anchor>(?:接到|收到|接|见|接收到)\s*(?:本|此|该)?\s*(?:通知|文件|函)\s*(?:后|之日起|起)"
    r"|(?:本)?(?:通知|文件)?\s*(?:下发|印发|发布|发出)\s*(?:之日起|后))?\s*"
    rf"(?P<n>{NUM})\s*(?:个)?\s*(?P<unit>工作日|日|天|周|星期)\s*(?:内|之内|以内)"
)


_EVENT_ANCHOR = re.compile(r"(?:之日起|日起)\s*$")


@dataclass(frozen=True)
class Relative:
    start: int
    end: int
    text: str
    days: int = 0
    workdays: bool = False
    from_notice: bool = False  # counted from the notice (接到通知后…), not from an event


def find_relative(norm: str, start: int, end: int) -> list[Relative]:
    out: list[Relative] = []
    if norm.find("内", start, end) < 0:  # every such phrase ends in 内: most text has none
        return out
    for m in _RELATIVE.finditer(norm, start, end):
        if not m["anchor"] and _EVENT_ANCHOR.search(norm, max(start, m.start() - 6), m.start("n")):
            continue  # 考试结束之日起五日内: counted from an event the notice cannot date
        n = cn_int(m["n"])
        if n is not None and m["unit"] in ("周", "星期"):
            n *= 7  # 收到通知后一周内: seven days
        if n is None or not 0 < n <= 366:
            continue
        out.append(
            Relative(
                m.start(),
                m.end(),
                m.group().strip(),
                n,
                m["unit"] == "工作日",
                bool(m["anchor"]),
            )
        )
    return out
