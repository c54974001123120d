"""下级单位: villages, communities, stations, enterprises … reporting to the clerk."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .validation import Problem

UNIT_KINDS: tuple[str, ...] = ("村", "社区", "站所", "企业", "部门", "学校", "其他")
DEFAULT_KIND = "其他"
NAME_MAX = 60

# Suffix → kind, checked in order; the longest, most specific suffixes first.
_KIND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("居委会", "社区"),
    ("社区", "社区"),
    ("村委会", "村"),
    ("村", "村"),
    ("幼儿园", "学校"),
    ("小学", "学校"),
    ("中学", "学校"),
    ("学校", "学校"),
    ("学院", "学校"),
    ("公司", "企业"),
    ("厂", "企业"),
    ("矿", "企业"),
    ("加油站", "企业"),
    ("合作社", "企业"),
    ("卫生院", "站所"),
    ("所", "站所"),
    ("站", "站所"),
    ("中心", "站所"),
    ("办公室", "部门"),
    ("办", "部门"),
    ("局", "部门"),
    ("科", "部门"),
    ("队", "部门"),
)


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str = DEFAULT_KIND
    sort_order: int = 0
    active: bool = True
    notes: str = ""
    is_demo: bool = False
    id: int | None = field(default=None, compare=False)

    def with_id(self, new_id: int) -> Unit:
        return replace(self, id=new_id)


def clean_name(name: str) -> str:
    """Ends trimmed, inner whitespace runs collapsed, control characters (a NUL from a broken
    file) dropped; the text is otherwise kept as typed."""
    name = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", name)
    return re.sub(r"\s+", " ", name).strip()


def name_key(name: str) -> str:
    """What makes two names the same unit: width (（ vs (), case and spaces ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


def guess_kind(name: str) -> str:
    base = re.sub(r"[（(【\[].*$", "", clean_name(name))
    for suffix, kind in _KIND_SUFFIXES:
        if base.endswith(suffix):
            return kind
    return DEFAULT_KIND


def names_from_text(text: str) -> list[str]:
    """Unit names from pasted text: one per line; numbering (1. 1、 （1）) and tabs stripped.

    A line copied from a spreadsheet keeps only its first non-number cell.
    Blank lines and repeats are dropped; order is kept.
    """
    names: list[str] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        cells = [c for c in (clean_name(c) for c in raw.split("\t")) if c]
        cells = [c for c in cells if not re.fullmatch(r"\d+", c)]
        if not cells:
            continue
        name = re.sub(r"^(?:\d+[.、)）]|[（(]\d+[)）])\s*", "", cells[0]).strip()
        key = name_key(name)
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def validate_units(units: Sequence[Unit]) -> list[Problem]:
    """Problems of a whole unit list as it is about to be saved: names, kinds, duplicates.

    ``field`` is ``"row N"`` (1-based, in the order given) so a table can mark the row.
    """
    problems: list[Problem] = []
    counts = Counter(name_key(u.name) for u in units if clean_name(u.name))
    for row, unit in enumerate(units, start=1):
        where = f"row {row}"
        name = clean_name(unit.name)
        if not name:
            problems.append(Problem(where, f"第{row}行：单位名称不能为空", "name_empty"))
        elif counts[name_key(name)] > 1:
            problems.append(Problem(where, f"第{row}行：单位名称“{name}”重复", "name_duplicate"))
        elif len(name) > NAME_MAX:
            problems.append(
                Problem(where, f"第{row}行：单位名称过长（最多{NAME_MAX}字）", "name_length")
            )
        if unit.kind not in UNIT_KINDS:
            problems.append(
                Problem(
                    where,
                    f"第{row}行：类别“{unit.kind}”无效，应为{'、'.join(UNIT_KINDS)}之一",
                    "kind_invalid",
                )
            )
    return problems


def new_units_from_names(
    names: Iterable[str], existing: Sequence[Unit]
) -> tuple[list[Unit], list[str]]:
    """Units to add for ``names``, after those already there; and the names skipped as duplicates."""
    taken = {name_key(u.name) for u in existing}
    next_order = max((u.sort_order for u in existing), default=0) + 1
    added: list[Unit] = []
    skipped: list[str] = []
    for name in names:
        name = clean_name(name)
        if not name:
            continue
        if name_key(name) in taken:
            skipped.append(name)
            continue
        taken.add(name_key(name))
        added.append(Unit(name=name, kind=guess_kind(name), sort_order=next_order))
        next_order += 1
    return added, skipped
