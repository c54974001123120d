"""Forms a campaign starts with: the built-in liaison and statistics forms, and a liaison table
attached to an upstream notice drafted as a record form.

Every new campaign, however made, collects a liaison form and a statistics table; the clerk can
change the choice later. A notice's own liaison table wins over the built-in one because it is
the form the units will actually be sent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .form_entries import ROLE_LIAISON, ROLE_STATISTICS
from .forms import Field, FormTemplate, validate_template

# The built-in forms a campaign gets for a role it has no form for (keys of forms/*.json).
DEFAULT_FORMS: tuple[tuple[str, str], ...] = (
    ("yincheng-liaison", ROLE_LIAISON),
    ("activity-statistics", ROLE_STATISTICS),
)


def with_default_forms(
    forms: Sequence[tuple[str, str]], available: set[str] | frozenset[str]
) -> list[tuple[str, str]]:
    """``forms`` (key, role) plus a built-in form for each default role it lacks, if available."""
    chosen = list(forms)
    roles = {role for _key, role in chosen}
    keys = {key for key, _role in chosen}
    for key, role in DEFAULT_FORMS:
        if role not in roles and key in available and key not in keys:
            chosen.append((key, role))
    return chosen


# Labels of a liaison table → the shared liaison vocabulary (see domain/forms.py), type, required.
# Checked in order: 办公电话 before 电话, 单位名称 before 名称.
_LABELS: tuple[tuple[str, str, str, bool], ...] = (
    ("单位", "unit", "text", True),
    ("姓名", "name", "text", True),
    ("性别", "gender", "choice", False),
    ("职务", "position", "text", False),
    ("职位", "position", "text", False),
    ("办公电话", "office_phone", "landline", False),
    ("座机", "office_phone", "landline", False),
    ("固定电话", "office_phone", "landline", False),
    ("手机", "mobile", "mobile", True),
    ("传真", "fax", "landline", False),
    ("邮箱", "email", "email", False),
    ("电子邮件", "email", "email", False),
    ("地址", "address", "text", False),
    ("联系电话", "phone", "phone", False),
    ("电话", "phone", "phone", False),
    ("备注", "remark", "text", False),
)

_TITLE = re.compile(
    r"(联络员|联络人|联系人)[^，。；]{0,12}(推荐表|反馈表|登记表|信息表|名单表|表)$"
)
_CELL_SPLIT = re.compile(r"\t+|\|")
_WIDE_SPACE = re.compile(r"\s{2,}")


def _cells(line: str) -> list[str]:
    """Cells of a table line: tabs and bars part cells, wide spaces too, except inside a label
    spaced out to fill a cell (备    注)."""
    found: list[str] = []
    for cell in _CELL_SPLIT.split(line):
        parts = [p for p in _WIDE_SPACE.split(cell.strip()) if p]
        if parts and all(len(p) == 1 for p in parts):
            found.append("".join(parts))
        else:
            found.extend(parts)
    return found


def _field_for(label: str) -> Field | None:
    for word, key, type_, required in _LABELS:
        if word in label:
            choices = ("男", "女") if type_ == "choice" else ()
            return Field(key=key, label=label, type=type_, required=required, choices=choices)
    return None


def attached_liaison_form(text: str, year: int) -> FormTemplate | None:
    """The liaison table attached to a notice (联络员推荐表 with 姓名/职务/手机… cells) as a
    record form keyed ``notice-YEAR-liaison``; None when the notice has no such table."""
    lines = [re.sub(r"\s+$", "", line) for line in text.splitlines()]
    # The table's own title is the last title line; 附件：… above it only names it.
    starts = [
        i
        for i, line in enumerate(lines)
        if _TITLE.search(line.strip()) and not line.strip().startswith("附件")
    ]
    if not starts:
        return None
    start = starts[-1]
    title = lines[start].strip()
    fields: list[Field] = []
    note = ""
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(("注：", "注:")):
            note = stripped
            break
        if stripped.startswith("附件") or _TITLE.search(stripped):
            break
        for cell in _cells(stripped):
            label = re.sub(r"\s+", "", cell)
            if not label or len(label) > 12:
                continue
            f = _field_for(label)
            if f is not None and all(f.key != g.key for g in fields):
                fields.append(f)
    keys = {f.key for f in fields}
    if "name" not in keys or not keys & {"mobile", "phone", "office_phone"}:
        return None
    template = FormTemplate(
        key=f"notice-{year}-liaison",
        name=title,
        version=1,
        kind="record",
        description="由上级通知所附的联络员表读出，请核对字段。",
        fields=tuple(fields),
        note=note,
    )
    return template if not validate_template(template) else None
