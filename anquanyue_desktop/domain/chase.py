"""催报: the units that still owe one occurrence, as rows and as a WeChat group message.

The message is plain text the clerk pastes into the work group: no tabs, no emoji, one unit
per numbered line, the liaison's name and mobile beside it so the group can @ them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .deadlines import DIRECTION_IN, Occurrence, format_due
from .submissions import DONE, OVERDUE, PENDING, STATUSES

CHASE_LIST_NAME = "催报名单"


@dataclass(frozen=True)
class ChaseRow:
    """One unit on the chase list; ``status`` one of the submission statuses (未报 …)."""

    unit_name: str
    liaison_name: str = ""
    mobile: str = ""
    status: str = PENDING

    @property
    def outstanding(self) -> bool:
        return self.status not in DONE


def _one_line(text: str) -> str:
    """Tabs, line breaks and runs of spaces (from pasted names) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def liaison_text(row: ChaseRow) -> str:
    """联络员：张三 15234537719 / 联络员：张三 / 联络员电话：152… / 联络员未报."""
    name, mobile = _one_line(row.liaison_name), re.sub(r"\s+", "", row.mobile)
    if name and mobile:
        return f"联络员：{name} {mobile}"
    if name:
        return f"联络员：{name}"
    if mobile:
        return f"联络员电话：{mobile}"
    return "联络员未报"


def outstanding_rows(rows: Sequence[ChaseRow]) -> list[ChaseRow]:
    """The rows still owing (未报, 逾期未报), in the order given."""
    return [r for r in rows if r.outstanding]


def count_line(rows: Sequence[ChaseRow]) -> str:
    """共3个单位尚未报送（其中逾期未报2个）; a list holding other statuses is broken down."""
    if not rows:
        return "全部单位均已报送"
    n = len(rows)
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUSES}
    if all(r.status in (PENDING, OVERDUE) for r in rows):
        late = counts[OVERDUE]
        if late == n:
            return f"共{n}个单位尚未报送（均已逾期）"
        if late:
            return f"共{n}个单位尚未报送（其中逾期未报{late}个）"
        return f"共{n}个单位尚未报送"
    parts = [f"{s}{c}个" for s, c in counts.items() if c]
    others = sum(1 for r in rows if r.status not in STATUSES)
    if others:
        parts.append(f"其他{others}个")
    return f"共{n}个单位：" + "、".join(parts)


def chase_message(
    occurrence: Occurrence,
    rows: Sequence[ChaseRow],
    *,
    now: datetime,
    sender: str = "",
) -> str:
    """The reminder to paste into the WeChat group. Rows already done (已报, 免报) are left out.

    Before the due moment it asks units to hurry; after it, it says the date has passed
    (已逾期) and asks for a late delivery. Raises ValueError for a 报 deadline (the clerk's own
    report to the upper level has nobody to chase).
    """
    if occurrence.deadline.direction != DIRECTION_IN:
        raise ValueError("向上级报送的节点没有需要催报的单位")
    label = _one_line(occurrence.label)
    due = format_due(occurrence)
    sign = f"\n——{_one_line(sender)}" if sender.strip() else ""
    owing = outstanding_rows(rows)
    if not owing:
        return f"【报送情况】“{label}”各单位均已报送，感谢大家配合！{sign}"
    overdue = occurrence.is_past(now)
    if overdue:
        head = (
            f"【催报提醒】“{label}”应于{due}前报送，现已逾期，"
            f"以下{len(owing)}个单位尚未报送，请尽快补报："
        )
    else:
        head = f"【催报提醒】“{label}”应于{due}前报送，以下{len(owing)}个单位尚未报送，请抓紧时间："
    lines = [head]
    lines += [
        f"{i}. {_one_line(r.unit_name)}（{liaison_text(r)}）" for i, r in enumerate(owing, start=1)
    ]
    if materials := _one_line(occurrence.deadline.materials):
        lines.append(f"报送材料：{materials}")
    lines.append("如已报送请忽略，谢谢！" + sign)
    return "\n".join(lines)
