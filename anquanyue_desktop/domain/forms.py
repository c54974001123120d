"""表单模板: the forms a campaign collects, as data (frozen dataclasses, pure functions).

Three shapes cover every form of the seed notices:

- ``kind="record"``: a list of fields (联络员推荐表/反馈表). With ``repeating=True`` the fields are
  the columns of a table of rows the unit may extend (作品案例报送表); ``group_by`` then names a
  choice field the rows are grouped by on paper (项目, with a 序号 counted inside each group).
- ``kind="table"``: sections → rows of 活动项目 / 内容要求 / 进展情况, where the 进展情况 sentence
  holds inline blanks (活动情况统计表). A row's ``progress`` is a tuple of runs, each either
  literal text (``str``) or a blank (:class:`Field`). The unit of a number blank also stays in the
  text after it, so joining the runs with blanks shown as （） gives the sentence back.
- ``kind="quota"``: a distribution table of works with per-unit quotas (“五个一”分配表); it holds
  no fields, only its :class:`WorksQuota`.

Any shape may have header fields (填报单位、联系人、电话、填报日期) and footer fields printed
above and below the body, a ``note`` (注：……) and a signature/stamp area.

Keys and versions. A template is identified by ``(key, version)``. Once data was entered with a
version it is immutable: an edit creates ``version + 1`` under the same template key. Field keys
are stable across versions: a field keeps its key for as long as it means the same thing, a new
field gets a key never used before, and a key never changes its type (:func:`validate_successor`
checks this). Aggregation and the comparison with last year's data join on field keys, so they
work across versions. The field key ``"unit"`` always holds the reporting unit's name and is
prefilled from it. Liaison forms share one vocabulary of keys (``unit name gender position
office_phone mobile fax email address remark``) so last year's liaison can prefill this year's
form even when the upstream office reshaped it.

Values of fields are read, checked and shown by the pure functions of
:mod:`anquanyue_desktop.domain.form_values`, re-exported here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from .form_values import (
    Value,
    check_text,
    display_value,
    parse_value,
    validate_value,
    value_from_data,
    value_to_data,
)
from .validation import Problem, ValidationError

__all__ = [
    "DEFAULT_COLUMNS",
    "FIELD_TYPES",
    "KINDS",
    "SCHEMA_VERSION",
    "UNITS",
    "UNIT_KEY",
    "Field",
    "FormTemplate",
    "Run",
    "Section",
    "Shortfall",
    "TableRow",
    "Value",
    "WorkQuota",
    "WorksItem",
    "WorksQuota",
    "all_fields",
    "body_fields",
    "check_text",
    "describe_quota",
    "display_value",
    "field_map",
    "parse_value",
    "progress_text",
    "table_rows",
    "template_from_data",
    "template_to_data",
    "validate_entry",
    "validate_successor",
    "validate_template",
    "validate_value",
    "value_from_data",
    "value_to_data",
    "works_shortfalls",
]

# Field type → its name in the editor.
FIELD_TYPES: dict[str, str] = {
    "text": "短文本",
    "longtext": "长文本",
    "number": "整数",
    "landline": "座机电话",
    "mobile": "手机号码",
    "phone": "电话（手机或座机）",
    "email": "电子邮箱",
    "date": "日期",
    "choice": "选项",
    "yesno": "是/否",
}

KINDS: dict[str, str] = {"record": "登记表", "table": "填空统计表", "quota": "作品分配表"}

# The units upstream statistics tables count in, longest first where one begins another; the
# blank parser recognises exactly these after a blank, the editor offers them in its unit box.
UNITS: tuple[str, ...] = (
    "万人次",
    "万元",
    "平方米",
    "人次",
    "场次",
    "条次",
    "册次",
    "车次",
    "批次",
    "小时",
    "公里",
    "次",
    "场",
    "条",
    "个",
    "篇",
    "张",
    "家",
    "人",
    "部",
    "名",
    "件",
    "处",
    "份",
    "期",
    "所",
    "辆",
    "台",
    "套",
    "块",
    "幅",
    "本",
    "册",
    "项",
    "批",
    "户",
    "位",
    "起",
    "例",
    "支",
    "组",
    "首",
    "座",
    "天",
    "元",
)

DEFAULT_COLUMNS: tuple[str, str, str] = ("活动项目", "内容要求", "进展情况")
UNIT_KEY = "unit"
# Format of the template files and of template_to_data; bumped only for incompatible changes.
SCHEMA_VERSION = 1

_TEMPLATE_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
BLANK_MARK = "（）"


@dataclass(frozen=True)
class Field:
    """One thing to fill in: a column of a record form or a blank in a table sentence.

    ``key`` is ASCII (``^[a-z][a-z0-9_]*$``), unique in its template and stable across versions;
    ``label`` is what the clerk reads and what messages name. ``unit``/``alt_unit`` are for
    numbers only: （）张（条） is ``unit="张", alt_unit="条"``.
    """

    key: str
    label: str
    type: str
    required: bool = False
    help: str = ""
    unit: str = ""
    choices: tuple[str, ...] = ()
    alt_unit: str = ""

    @property
    def unit_text(self) -> str:
        """张（条）: the unit as printed after the value."""
        return f"{self.unit}（{self.alt_unit}）" if self.alt_unit else self.unit


# A piece of a 进展情况 sentence: literal text, or a blank to fill.
Run: TypeAlias = str | Field


@dataclass(frozen=True)
class TableRow:
    """活动项目 / 内容要求 / 进展情况. ``key`` (``r3``) is stable like a field key.

    An empty ``item`` continues the item of the row above (a merged cell on paper).
    """

    key: str
    item: str
    requirement: str
    progress: tuple[Run, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(r for r in self.progress if isinstance(r, Field))


@dataclass(frozen=True)
class Section:
    """A titled group of rows (一、……); most tables have one untitled section."""

    title: str = ""
    rows: tuple[TableRow, ...] = ()


@dataclass(frozen=True)
class WorkQuota:
    """“视频不少于1个”: at least ``minimum`` ``unit`` of ``format`` from each unit of ``audience``."""

    format: str
    minimum: int
    unit: str
    audience: str = "各社区"

    @property
    def text(self) -> str:
        return f"{self.format}不少于{self.minimum}{self.unit}"


@dataclass(frozen=True)
class WorksItem:
    """One line of a works distribution table: 应急逃生避险演练, formats 视频 图片, its quotas.

    ``key`` is stable like a field key; ``name`` is what a works submission table offers as its
    项目. An item whose format is a single one (课件（录像）) has one quota for it.
    """

    key: str
    name: str
    formats: tuple[str, ...]
    quotas: tuple[WorkQuota, ...] = ()
    remark: str = ""


@dataclass(frozen=True)
class WorksQuota:
    """The “五个一” 优秀作品案例分配表: items, their formats and per-unit quotas.

    ``audiences`` are the quota columns of the paper table (the seed has one, 各社区: what each
    community must hand in).
    """

    audiences: tuple[str, ...] = ("各社区",)
    items: tuple[WorksItem, ...] = ()

    def item_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.items)


@dataclass(frozen=True)
class FormTemplate:
    """A form as the upstream office drew it; see the module docstring for the three kinds."""

    key: str
    name: str
    version: int
    kind: str
    description: str = ""
    header_fields: tuple[Field, ...] = ()
    fields: tuple[Field, ...] = ()
    repeating: bool = False
    group_by: str = ""
    sections: tuple[Section, ...] = ()
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    quota: WorksQuota | None = None
    footer_fields: tuple[Field, ...] = ()
    note: str = ""
    signature: bool = False
    # Where a form comes from, when its name alone would pass for everyone's (出处): the
    # name stays the original's title, as printed; lists show both (see ``label``).
    origin: str = ""

    @property
    def label(self) -> str:
        """The name as lists show it: “安全生产月”活动情况统计表（河北·…样表）."""
        return f"{self.name}（{self.origin}）" if self.origin else self.name

    @property
    def ident(self) -> tuple[str, int]:
        """(key, version): how the store and a workbook name this exact template."""
        return (self.key, self.version)


# ---------------------------------------------------------------- walking a template


def table_rows(t: FormTemplate) -> tuple[TableRow, ...]:
    """Every row of a table template, sections flattened, in order."""
    return tuple(row for s in t.sections for row in s.rows)


def body_fields(t: FormTemplate) -> tuple[Field, ...]:
    """The fields of the form's body: the record fields, or the blanks of all rows in order.

    For a repeating record form these are the columns of one row.
    """
    if t.kind == "table":
        return tuple(f for row in table_rows(t) for f in row.fields)
    return t.fields


def all_fields(t: FormTemplate) -> tuple[Field, ...]:
    """Header fields, body fields, footer fields: every field of the template, in order."""
    return (*t.header_fields, *body_fields(t), *t.footer_fields)


def field_map(t: FormTemplate) -> dict[str, Field]:
    """key → field for every field (the first wins if a broken template repeats a key)."""
    out: dict[str, Field] = {}
    for f in all_fields(t):
        out.setdefault(f.key, f)
    return out


def progress_text(progress: Iterable[Run]) -> str:
    """The sentence with every blank shown as （）, as the paper form prints it."""
    return "".join(BLANK_MARK if isinstance(r, Field) else r for r in progress)


# ---------------------------------------------------------------- template validation


def _field_where(f: Field, index: int) -> str:
    return f"字段“{f.label}”" if f.label.strip() else f"第{index}个字段"


def _check_field(f: Field, where: str) -> list[Problem]:
    out: list[Problem] = []
    key = f.key or where
    if not f.key:
        out.append(Problem(key, f"{where}没有编号", "field_key_empty"))
    elif not _FIELD_KEY.match(f.key):
        out.append(
            Problem(
                key,
                f"{where}的编号“{f.key}”只能用小写英文字母、数字和下划线，并以字母开头",
                "field_key_invalid",
            )
        )
    if not f.label.strip():
        out.append(Problem(key, f"{where}没有名称", "label_empty"))
    if f.type not in FIELD_TYPES:
        out.append(Problem(key, f"{where}的类型“{f.type}”未知", "unknown_type"))
    if f.type == "choice":
        if not f.choices:
            out.append(Problem(key, f"{where}是选项，但没有列出可选的项", "choices_empty"))
        if any(not c.strip() for c in f.choices):
            out.append(Problem(key, f"{where}有空白的可选项", "choice_empty"))
        dup = sorted(c for c, n in Counter(f.choices).items() if n > 1)
        if dup:
            out.append(Problem(key, f"{where}的可选项“{'、'.join(dup)}”重复", "choice_duplicate"))
    elif f.choices:
        out.append(Problem(key, f"{where}不是选项，不能有可选的项", "choices_not_choice"))
    if f.type != "number" and (f.unit or f.alt_unit):
        out.append(Problem(key, f"{where}不是数字，不能有单位", "unit_not_number"))
    if f.alt_unit and not f.unit:
        out.append(Problem(key, f"{where}有备用单位却没有单位", "alt_unit_alone"))
    return out


def validate_template(t: FormTemplate) -> list[Problem]:
    """Everything that keeps ``t`` from being saved or used, in Chinese; empty when fine.

    Checks the identity (key, name, version, kind), every field (key syntax, label, type,
    choices, units), duplicate field keys anywhere in the template, duplicate labels among the
    record fields and within one table row, rows without blanks, and the quota table.
    """
    out: list[Problem] = []
    if not t.key:
        out.append(Problem("key", "模板编号不能为空", "key_empty"))
    elif not _TEMPLATE_KEY.match(t.key):
        out.append(
            Problem(
                "key",
                f"模板编号“{t.key}”只能用小写英文字母、数字和连字符（如 yincheng-liaison）",
                "key_invalid",
            )
        )
    if not t.name.strip():
        out.append(Problem("name", "表名不能为空", "name_empty"))
    if isinstance(t.version, bool) or not isinstance(t.version, int) or t.version < 1:
        out.append(Problem("version", f"版本号应为从1开始的整数，而不是“{t.version}”", "version"))
    if t.kind not in KINDS:
        out.append(Problem("kind", f"表的种类“{t.kind}”未知", "kind_unknown"))

    for group, title in ((t.header_fields, "表头"), (t.footer_fields, "表尾")):
        for i, f in enumerate(group, 1):
            out += _check_field(f, f"{title}{_field_where(f, i)}")

    if t.kind == "record":
        out += _validate_record(t)
    elif t.kind == "table":
        out += _validate_table(t)
    elif t.kind == "quota":
        out += _validate_quota(t)

    if t.kind != "record":
        if t.repeating:
            out.append(Problem("repeating", "只有登记表可以多行填报", "repeating_not_record"))
        if t.group_by:
            out.append(Problem("group_by", "只有多行填报的登记表可以分组", "group_by_invalid"))

    keys = Counter(f.key for f in all_fields(t) if f.key)
    for key, n in sorted(keys.items()):
        if n > 1:
            labels = "、".join(f"“{f.label}”" for f in all_fields(t) if f.key == key)
            out.append(Problem(key, f"字段编号“{key}”重复了{n}次（{labels}）", "key_duplicate"))
    return out


def _validate_record(t: FormTemplate) -> list[Problem]:
    out: list[Problem] = []
    if not t.fields:
        out.append(Problem("fields", "登记表至少要有一个字段", "fields_empty"))
    if t.sections:
        out.append(Problem("sections", "登记表不能有统计表的行", "sections_in_record"))
    if t.quota is not None:
        out.append(Problem("quota", "登记表不能带作品分配", "quota_in_record"))
    for i, f in enumerate(t.fields, 1):
        out += _check_field(f, _field_where(f, i))
    labels = Counter(f.label.strip() for f in (*t.header_fields, *t.fields, *t.footer_fields))
    for label, n in sorted(labels.items()):
        if label and n > 1:
            out.append(
                Problem(label, f"有{n}个字段都叫“{label}”，请改成不同的名称", "label_duplicate")
            )
    if t.group_by:
        target = next((f for f in t.fields if f.key == t.group_by), None)
        if not t.repeating:
            out.append(Problem("group_by", "只有多行填报的登记表可以分组", "group_by_invalid"))
        elif target is None or target.type != "choice":
            out.append(
                Problem(
                    "group_by", f"分组依据“{t.group_by}”应是本表的一个选项字段", "group_by_invalid"
                )
            )
    return out


def _validate_table(t: FormTemplate) -> list[Problem]:
    out: list[Problem] = []
    if t.fields:
        out.append(
            Problem("fields", "填空统计表的字段写在各行的进展情况里，不能另列", "fields_in_table")
        )
    if t.quota is not None:
        out.append(Problem("quota", "统计表不能带作品分配", "quota_in_table"))
    if len(t.columns) != 3 or any(not c.strip() for c in t.columns):
        out.append(
            Problem("columns", "统计表应有三个列名（如 活动项目、内容要求、进展情况）", "columns")
        )
    rows = table_rows(t)
    if not rows:
        out.append(Problem("sections", "统计表至少要有一行", "rows_empty"))
    row_keys = Counter(r.key for r in rows)
    n = 0
    for section in t.sections:
        for row in section.rows:
            n += 1
            where = f"第{n}行" + (f"“{_short(row.item)}”" if row.item.strip() else "")
            rkey = row.key or f"row{n}"
            if not row.key:
                out.append(Problem(rkey, f"{where}没有编号", "row_key_empty"))
            elif not _FIELD_KEY.match(row.key):
                out.append(
                    Problem(
                        rkey,
                        f"{where}的编号“{row.key}”只能用小写英文字母、数字和下划线",
                        "row_key_invalid",
                    )
                )
            elif row_keys[row.key] > 1:
                out.append(
                    Problem(rkey, f"{where}的编号“{row.key}”与别的行重复", "row_key_duplicate")
                )
            blanks = row.fields
            if not blanks:
                out.append(
                    Problem(
                        rkey,
                        f"{where}的{t.columns[-1] if t.columns else '进展情况'}里没有填空（）",
                        "row_without_blanks",
                    )
                )
            for j, f in enumerate(blanks, 1):
                label = f"“{f.label}”" if f.label.strip() else ""
                out += _check_field(f, f"{where}第{j}空{label}")
            for run in row.progress:
                if isinstance(run, str) and BLANK_MARK in run.replace(" ", ""):
                    out.append(
                        Problem(
                            rkey,
                            f"{where}的文字里有不是填空的（），请删掉或改成填空",
                            "literal_blank",
                        )
                    )
                    break
            labels = Counter(f.label.strip() for f in blanks)
            for label, k in sorted(labels.items()):
                if label and k > 1:
                    out.append(
                        Problem(
                            rkey,
                            f"{where}有{k}个填空都叫“{label}”，请改成不同的名称",
                            "label_duplicate",
                        )
                    )
    return out


def _validate_quota(t: FormTemplate) -> list[Problem]:
    out: list[Problem] = []
    if t.fields or t.sections:
        out.append(Problem("fields", "作品分配表不能有字段或统计行", "fields_in_quota"))
    q = t.quota
    if q is None or not q.items:
        out.append(Problem("quota", "作品分配表至少要有一个项目", "quota_empty"))
        return out
    if not q.audiences or any(not a.strip() for a in q.audiences):
        out.append(Problem("quota", "作品分配表应写明分配给谁（如 各社区）", "audiences_empty"))
    item_keys = Counter(i.key for i in q.items)
    names = Counter(i.name.strip() for i in q.items)
    for n, item in enumerate(q.items, 1):
        where = f"第{n}项" + (f"“{item.name}”" if item.name.strip() else "")
        ikey = item.key or f"item{n}"
        if not _FIELD_KEY.match(item.key):
            out.append(
                Problem(
                    ikey,
                    f"{where}的编号“{item.key}”只能用小写英文字母、数字和下划线",
                    "item_key_invalid",
                )
            )
        elif item_keys[item.key] > 1:
            out.append(Problem(ikey, f"{where}的编号“{item.key}”重复", "item_key_duplicate"))
        if not item.name.strip():
            out.append(Problem(ikey, f"{where}没有名称", "item_name_empty"))
        elif names[item.name.strip()] > 1:
            out.append(Problem(ikey, f"{where}与别的项目同名", "item_name_duplicate"))
        if not item.formats or any(not f.strip() for f in item.formats):
            out.append(Problem(ikey, f"{where}应写明作品格式（如 视频、图片）", "formats_empty"))
        for quota in item.quotas:
            qwhere = f"{where}的“{quota.text}”"
            if quota.format not in item.formats:
                out.append(
                    Problem(ikey, f"{qwhere}：格式“{quota.format}”不在本项的格式里", "quota_format")
                )
            if quota.audience not in q.audiences:
                out.append(
                    Problem(
                        ikey, f"{qwhere}：分配对象“{quota.audience}”不在表头里", "quota_audience"
                    )
                )
            if (
                isinstance(quota.minimum, bool)
                or not isinstance(quota.minimum, int)
                or quota.minimum < 1
            ):
                out.append(Problem(ikey, f"{qwhere}：数量应为正整数", "quota_minimum"))
            if not quota.unit.strip():
                out.append(Problem(ikey, f"{qwhere}：没有单位（个、张……）", "quota_unit"))
        pairs = Counter((quota.audience, quota.format) for quota in item.quotas)
        if any(k > 1 for k in pairs.values()):
            out.append(Problem(ikey, f"{where}对同一格式写了两个数量", "quota_duplicate"))
    return out


def _short(text: str, n: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------- entries


def validate_entry(
    t: FormTemplate,
    values: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]] = (),
) -> list[Problem]:
    """Problems of one unit's entry for ``t``; empty when it can be saved.

    ``values`` maps field keys to values (see :mod:`.form_values`; a missing key is empty) for
    the header, body and footer fields. For a repeating record form the body lives in ``rows``
    instead, one mapping per row; their problems carry ``field="rows[2].title"`` and a message
    beginning with 第3行.
    """
    out: list[Problem] = []
    repeated = t.repeating and t.kind == "record"
    single = (*t.header_fields, *(() if repeated else body_fields(t)), *t.footer_fields)
    for f in single:
        out += validate_value(f, values.get(f.key))
    known = {f.key for f in single}
    for key in values:
        if key not in known:
            out.append(Problem(str(key), f"这张表没有编号为“{key}”的项", "unknown_field"))
    if not repeated:
        if rows:
            out.append(Problem("rows", f"“{t.name}”不是多行填报的表", "not_repeating"))
        return out
    columns = {f.key for f in t.fields}
    for i, row in enumerate(rows):
        for f in t.fields:
            for p in validate_value(f, row.get(f.key)):
                out.append(Problem(f"rows[{i}].{f.key}", f"第{i + 1}行 {p.message}", p.code))
        for key in row:
            if key not in columns:
                out.append(
                    Problem(
                        f"rows[{i}].{key}",
                        f"第{i + 1}行：这张表没有编号为“{key}”的列",
                        "unknown_field",
                    )
                )
    return out


def validate_successor(old: FormTemplate, new: FormTemplate) -> list[Problem]:
    """What keeps ``new`` from being saved as the next version of ``old`` (beyond validate_template).

    Same template key and kind, a higher version, and every field key both share keeps its type,
    since data of both versions is summed and compared by key. Removing fields is allowed: the
    old entries keep showing with the version they were entered in.
    """
    out: list[Problem] = []
    if new.key != old.key:
        out.append(Problem("key", f"新版本的模板编号应仍为“{old.key}”", "successor_key"))
    if new.kind != old.kind:
        out.append(
            Problem(
                "kind",
                f"新版本不能把“{KINDS.get(old.kind, old.kind)}”改成别的种类",
                "successor_kind",
            )
        )
    if new.version <= old.version:
        out.append(Problem("version", f"新版本号应大于{old.version}", "successor_version"))
    before = field_map(old)
    for f in all_fields(new):
        prev = before.get(f.key)
        if prev is not None and prev.type != f.type:
            out.append(
                Problem(
                    f.key,
                    f"字段“{f.label}”的类型不能从“{FIELD_TYPES.get(prev.type, prev.type)}”改成"
                    f"“{FIELD_TYPES.get(f.type, f.type)}”；要换类型请删掉它再新加一个字段",
                    "type_changed",
                )
            )
    return out


# ---------------------------------------------------------------- works quotas


@dataclass(frozen=True)
class Shortfall:
    """A unit is ``missing`` some works of one item and format."""

    item_key: str
    item_name: str
    format: str
    unit: str
    minimum: int
    delivered: int

    @property
    def missing(self) -> int:
        return self.minimum - self.delivered

    @property
    def message(self) -> str:
        return (
            f"{self.item_name}：{self.format}还差{self.missing}{self.unit}"
            f"（不少于{self.minimum}{self.unit}，已报{self.delivered}{self.unit}）"
        )


def describe_quota(item: WorksItem, audience: str = "各社区") -> str:
    """视频不少于1个，图片不少于3张 — one item's quota for ``audience``, as the table cell says."""
    return "，".join(q.text for q in item.quotas if q.audience == audience)


def works_shortfalls(
    quota: WorksQuota,
    delivered: Mapping[tuple[str, str], int],
    audience: str = "各社区",
) -> tuple[Shortfall, ...]:
    """What one unit still owes: ``delivered`` counts works by (item key, format)."""
    out = []
    for item in quota.items:
        for q in item.quotas:
            if q.audience != audience:
                continue
            got = delivered.get((item.key, q.format), 0)
            if got < q.minimum:
                out.append(Shortfall(item.key, item.name, q.format, q.unit, q.minimum, got))
    return tuple(out)


# ---------------------------------------------------------------- to and from plain data


def _field_to_data(f: Field) -> dict[str, Any]:
    data: dict[str, Any] = {"key": f.key, "label": f.label, "type": f.type}
    if f.required:
        data["required"] = True
    if f.unit:
        data["unit"] = f.unit
    if f.alt_unit:
        data["alt_unit"] = f.alt_unit
    if f.choices:
        data["choices"] = list(f.choices)
    if f.help:
        data["help"] = f.help
    return data


def template_to_data(t: FormTemplate) -> dict[str, Any]:
    """The template as JSON-ready data, keys in a fixed order (the file format of ``forms/``).

    Field defaults (not required, no unit, no choices, no help) are left out; everything else is
    written, so :func:`template_from_data` gives back an equal template.
    """
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "key": t.key,
        "version": t.version,
        "name": t.name,
        "kind": t.kind,
        "description": t.description,
        "header_fields": [_field_to_data(f) for f in t.header_fields],
    }
    # What belongs to the kind is always written; anything else only when set, so the data
    # stays lossless even for a template that validate_template would refuse.
    if t.kind == "record" or t.fields or t.repeating or t.group_by:
        data["fields"] = [_field_to_data(f) for f in t.fields]
        data["repeating"] = t.repeating
        data["group_by"] = t.group_by
    if t.kind == "table" or t.sections or tuple(t.columns) != DEFAULT_COLUMNS:
        data["columns"] = list(t.columns)
        data["sections"] = [
            {
                "title": s.title,
                "rows": [
                    {
                        "key": r.key,
                        "item": r.item,
                        "requirement": r.requirement,
                        "progress": [
                            _field_to_data(run) if isinstance(run, Field) else run
                            for run in r.progress
                        ],
                    }
                    for r in s.rows
                ],
            }
            for s in t.sections
        ]
    if t.quota is not None:
        data["quota"] = {
            "audiences": list(t.quota.audiences),
            "items": [
                {
                    "key": i.key,
                    "name": i.name,
                    "formats": list(i.formats),
                    "quotas": [
                        {
                            "audience": q.audience,
                            "format": q.format,
                            "minimum": q.minimum,
                            "unit": q.unit,
                        }
                        for q in i.quotas
                    ],
                    **({"remark": i.remark} if i.remark else {}),
                }
                for i in t.quota.items
            ],
        }
    elif t.kind == "quota":
        data["quota"] = None
    data["footer_fields"] = [_field_to_data(f) for f in t.footer_fields]
    data["note"] = t.note
    data["signature"] = t.signature
    if t.origin:  # only where there is one: the other files stay as they are
        data["origin"] = t.origin
    return data


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Reader:
    """Reads plain data with type checks, collecting problems with the path where they are."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str, code: str = "data") -> None:
        where = f"位置 {path}：" if path else ""
        self.problems.append(Problem(path or "$", f"{where}{message}", code))

    def obj(
        self, data: Any, path: str, required: Iterable[str], optional: Iterable[str]
    ) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(path, "应为一个对象 {…}")
            return {}
        required = tuple(required)
        allowed = set(required) | set(optional)
        for name in required:
            if name not in data:
                self.fail(path, f"缺少“{name}”", "missing")
        for name in data:
            if name not in allowed:
                self.fail(path, f"有不认识的项“{name}”", "unknown_key")
        return data

    def text(self, data: Mapping[str, Any], name: str, path: str, default: str = "") -> str:
        value = data.get(name, default)
        if not isinstance(value, str):
            self.fail(_join(path, name), "应为文字")
            return default
        return value

    def flag(self, data: Mapping[str, Any], name: str, path: str) -> bool:
        value = data.get(name, False)
        if not isinstance(value, bool):
            self.fail(_join(path, name), "应为 true 或 false")
            return False
        return value

    def integer(self, data: Mapping[str, Any], name: str, path: str) -> int:
        value = data.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(_join(path, name), "应为整数")
            return 0
        return value

    def items(self, data: Mapping[str, Any], name: str, path: str) -> list[tuple[str, Any]]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.fail(_join(path, name), "应为一个列表 […]")
            return []
        return [(f"{_join(path, name)}[{i}]", v) for i, v in enumerate(value)]

    def texts(self, data: Mapping[str, Any], name: str, path: str) -> tuple[str, ...]:
        out = []
        for p, v in self.items(data, name, path):
            if isinstance(v, str):
                out.append(v)
            else:
                self.fail(p, "应为文字")
        return tuple(out)

    def field(self, data: Any, path: str) -> Field:
        d = self.obj(
            data,
            path,
            ("key", "label", "type"),
            ("required", "unit", "alt_unit", "choices", "help"),
        )
        return Field(
            key=self.text(d, "key", path),
            label=self.text(d, "label", path),
            type=self.text(d, "type", path),
            required=self.flag(d, "required", path),
            help=self.text(d, "help", path),
            unit=self.text(d, "unit", path),
            choices=self.texts(d, "choices", path),
            alt_unit=self.text(d, "alt_unit", path),
        )

    def fields(self, data: Mapping[str, Any], name: str, path: str = "") -> tuple[Field, ...]:
        return tuple(self.field(v, p) for p, v in self.items(data, name, path))


def template_from_data(data: Any) -> FormTemplate:
    """A template from :func:`template_to_data`'s shape; raises ValidationError (problems with
    the place in the data, in Chinese) when the data is not of that shape.

    Only the shape is checked here; :func:`validate_template` judges the content.
    """
    r = _Reader()
    top = r.obj(
        data,
        "",
        ("schema", "key", "version", "name", "kind"),
        (
            "description",
            "header_fields",
            "fields",
            "repeating",
            "group_by",
            "columns",
            "sections",
            "quota",
            "footer_fields",
            "note",
            "signature",
            "origin",
        ),
    )
    if not top:
        raise ValidationError(r.problems)
    schema = top.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA_VERSION:
        raise ValidationError(
            [
                Problem(
                    "schema",
                    f"这个模板由更新版本的程序保存（格式 {schema}），请先升级本程序",
                    "schema_newer",
                )
            ]
        )
    if schema != SCHEMA_VERSION:
        r.fail("schema", f"格式版本应为 {SCHEMA_VERSION}")
    sections = []
    for spath, sdata in r.items(top, "sections", ""):
        s = r.obj(sdata, spath, ("rows",), ("title",))
        rows = []
        for rpath, rdata in r.items(s, "rows", spath):
            row = r.obj(rdata, rpath, ("key", "item", "requirement", "progress"), ())
            runs: list[Run] = []
            for ppath, run in r.items(row, "progress", rpath):
                runs.append(run if isinstance(run, str) else r.field(run, ppath))
            rows.append(
                TableRow(
                    key=r.text(row, "key", rpath),
                    item=r.text(row, "item", rpath),
                    requirement=r.text(row, "requirement", rpath),
                    progress=tuple(runs),
                )
            )
        sections.append(Section(title=r.text(s, "title", spath), rows=tuple(rows)))
    quota = None
    if top.get("quota") is not None:
        q = r.obj(top["quota"], "quota", ("items",), ("audiences",))
        items = []
        for ipath, idata in r.items(q, "items", "quota"):
            i = r.obj(idata, ipath, ("key", "name", "formats"), ("quotas", "remark"))
            quotas = []
            for qpath, qdata in r.items(i, "quotas", ipath):
                qd = r.obj(qdata, qpath, ("format", "minimum", "unit"), ("audience",))
                quotas.append(
                    WorkQuota(
                        format=r.text(qd, "format", qpath),
                        minimum=r.integer(qd, "minimum", qpath),
                        unit=r.text(qd, "unit", qpath),
                        audience=r.text(qd, "audience", qpath, "各社区"),
                    )
                )
            items.append(
                WorksItem(
                    key=r.text(i, "key", ipath),
                    name=r.text(i, "name", ipath),
                    formats=r.texts(i, "formats", ipath),
                    quotas=tuple(quotas),
                    remark=r.text(i, "remark", ipath),
                )
            )
        audiences = r.texts(q, "audiences", "quota") if "audiences" in q else ("各社区",)
        quota = WorksQuota(audiences=audiences, items=tuple(items))
    columns = r.texts(top, "columns", "") if "columns" in top else DEFAULT_COLUMNS
    template = FormTemplate(
        key=r.text(top, "key", ""),
        name=r.text(top, "name", ""),
        version=r.integer(top, "version", ""),
        kind=r.text(top, "kind", ""),
        description=r.text(top, "description", ""),
        header_fields=r.fields(top, "header_fields"),
        fields=r.fields(top, "fields"),
        repeating=r.flag(top, "repeating", ""),
        group_by=r.text(top, "group_by", ""),
        sections=tuple(sections),
        columns=columns,
        quota=quota,
        footer_fields=r.fields(top, "footer_fields"),
        note=r.text(top, "note", ""),
        signature=r.flag(top, "signature", ""),
        origin=r.text(top, "origin", ""),
    )
    if r.problems:
        raise ValidationError(r.problems)
    return template


def iter_blanks(t: FormTemplate) -> Iterator[tuple[TableRow, int, Field]]:
    """(row, 1-based blank number within the row, field) for every blank of a table template."""
    for row in table_rows(t):
        for i, f in enumerate(row.fields, 1):
            yield row, i, f
