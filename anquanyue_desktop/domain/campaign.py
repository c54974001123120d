"""活动年度: one year's Safety Production Month as the clerk runs it."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field, replace
from datetime import date

from .phone import phone_problem
from .validation import Problem

YEAR_MIN = 2000
YEAR_MAX = 2100
# The first national Safety Production Month was held in 2002 (第1个).
FIRST_CAMPAIGN_YEAR = 2002


def national_ordinal(year: int) -> int | None:
    """第N个全国安全生产月 for ``year`` (2022 → 21), or None before the first one."""
    n = year - FIRST_CAMPAIGN_YEAR + 1
    return n if n >= 1 else None


@dataclass(frozen=True)
class Campaign:
    year: int
    theme: str = ""
    ordinal: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    issuer: str = ""
    document_number: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    notes: str = ""
    is_demo: bool = False
    id: int | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        """How the clerk names it: “2022年安全生产月（第21个）”."""
        text = f"{self.year}年安全生产月"
        if self.ordinal:
            text += f"（第{self.ordinal}个）"
        if self.is_demo:
            text += "【示例】"
        return text

    @property
    def issuer_short(self) -> str:
        """The township's name for file names: 荫城镇人民政府 → 荫城镇."""
        return short_place_name(self.issuer)

    @property
    def saved_id(self) -> int:
        """The id of a campaign read from the store (a draft has none yet)."""
        if self.id is None:
            raise ValueError(f"{self.year}年的活动尚未保存")
        return self.id

    def with_id(self, new_id: int) -> Campaign:
        return replace(self, id=new_id)


def default_new_year(today: date, taken: set[int] | frozenset[int]) -> int:
    """The year a new campaign is most likely for: this year until August, next year from
    September (when next June's notice is awaited), skipping years already used."""
    year = today.year if today.month < 9 else today.year + 1
    while year in taken and year < 2100:
        year += 1
    return year


def shift_date(d: date | None, years: int) -> date | None:
    """The same day ``years`` later; 2月29日 becomes 2月28日 in a common year."""
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def moved_to_year(c: Campaign, year: int, notes: str) -> Campaign:
    """``c`` as the starting point of ``year``'s campaign: dates moved, ordinal recomputed, and
    what each year's notice sets anew (theme, document number) left for the clerk."""
    shift = year - c.year
    return replace(
        c,
        id=None,
        year=year,
        ordinal=national_ordinal(year) if shift else c.ordinal,
        period_start=shift_date(c.period_start, shift),
        period_end=shift_date(c.period_end, shift),
        theme=c.theme if not shift else "",
        document_number=c.document_number if not shift else "",
        is_demo=False,
        notes=notes,
    )


def chinese_date(d: date) -> str:
    """2022年6月1日, as dates are written in notices and forms."""
    return f"{d.year}年{d.month}月{d.day}日"


def short_place_name(issuer: str) -> str:
    name = issuer.strip()
    for suffix in ("人民政府", "办事处", "政府"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def validate_campaign(c: Campaign, other_years: Set[int] = frozenset()) -> list[Problem]:
    """Everything the clerk must fix before a campaign can be saved.

    ``other_years`` are the years of the other saved campaigns: one campaign per year.
    """
    problems: list[Problem] = []
    if not (YEAR_MIN <= c.year <= YEAR_MAX):
        problems.append(
            Problem("year", f"年度{c.year}超出范围，应在{YEAR_MIN}–{YEAR_MAX}之间", "year_range")
        )
    elif c.year in other_years:
        problems.append(Problem("year", f"{c.year}年的活动已经存在，每年只能有一个", "year_taken"))
    if c.ordinal is not None and not (1 <= c.ordinal <= 200):
        problems.append(Problem("ordinal", f"“第{c.ordinal}个”不合理，应为1–200", "ordinal_range"))
    if c.period_start and c.period_end and c.period_end < c.period_start:
        problems.append(
            Problem(
                "period_end",
                f"活动结束日期{chinese_date(c.period_end)}早于开始日期{chinese_date(c.period_start)}",
                "period_order",
            )
        )
    if bool(c.period_start) != bool(c.period_end):
        which = "结束" if c.period_start else "开始"
        problems.append(Problem("period", f"活动时间缺少{which}日期", "period_incomplete"))
    if c.contact_phone and (msg := phone_problem(c.contact_phone)):
        problems.append(Problem("contact_phone", f"联系电话：{msg}", "phone"))
    if len(c.theme) > 200:
        problems.append(Problem("theme", "活动主题过长（最多200字）", "theme_length"))
    return problems


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> date | None:
    """Reads 2022-06-01, 2022/6/1, 2022.6.1 or 2022年6月1日; raises ValueError with a Chinese message."""
    text = text.strip()
    if not text:
        return None
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"“{text}”不是日期，请写成 2022-06-01 或 2022年6月1日")
    y, mo, d = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"“{text}”不是存在的日期") from None
