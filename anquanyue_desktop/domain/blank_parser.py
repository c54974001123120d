"""填空: the blanks of a 进展情况 sentence, and whole statistics tables pasted as text.

:func:`parse_blanks` turns ``理论学习中心组学习（）次，参与（）人次`` into runs of literal text
and fields. :func:`parse_table_text` builds a table template from text copied out of Word/WPS
(rows on lines, cells separated by tabs) or laid out with every cell on a line of its own, as
the 活动情况统计表 of seed 004 stands in its text file.

How a blank is read
-------------------
- A blank is a pair of brackets with nothing but spaces or underscores inside — ``（）``,
  ``( )``, ``（  ）``, ``（＿＿）`` — or a run of two or more underscores. Brackets with words
  inside (``（条）``, ``（摆放）``) are text.
- The unit is the word of :data:`~.forms.UNITS` right after the blank (the longest that fits:
  人次 before 人). A blank with a unit is a ``number`` field, one without is a ``text`` field
  (``典型案例具体为（）``). A unit in brackets right after the unit is the alternative unit:
  ``（）张（条）`` is 张 with ``alt_unit`` 条, and ``（条）`` stays text.
- The unit stays in the text run after the blank, so the sentence reads the same on screen
  and paper; ``Field.unit`` says what the number counts.

How a blank is named
--------------------
- The label is the words before the blank, back to the previous blank's unit or the last
  ，；。：, cleaned: edge punctuation and 、 dropped, a leading 组织开展/开展/组织 dropped
  (开展安全宣传咨询活动 → 安全宣传咨询活动), a trailing 约/具体为/共计/累计 dropped, a
  book title cut at its dash (《生命重于泰山——学习……》 → 《生命重于泰山》).
- Words that run on from the unit to the next punctuation are added: ``对（）个企业开展安全风险
  隐患排查`` → 对企业开展安全风险隐患排查; ``（）家企业在……活动`` → 企业在……活动.
- A blank whose own words are only a follow-on (参与, 受众, 答题 …, or nothing) borrows the name
  of the blank it follows in the same sentence: 理论学习中心组学习·参与.
- Labels are unique within a row: duplicates first get their unit added (“……活动（家）”,
  “……活动（次）”), then a number (（2）, （3）).

Keys are ``{key_prefix}_b{n}`` with n counting the row's blanks from 1 (``r3_b2``); a table's
rows are ``r1, r2 …`` in order. Keys are given once, when the text is parsed; after a template is
saved they are never recomputed from positions (see :func:`carry_over_keys` for an editor that
re-parses a changed sentence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .forms import (
    BLANK_MARK,
    DEFAULT_COLUMNS,
    UNITS,
    Field,
    FormTemplate,
    Run,
    Section,
    TableRow,
)
from .validation import Problem

__all__ = [
    "carry_over_keys",
    "header_fields_from_line",
    "normalize_line",
    "parse_blanks",
    "parse_table_text",
]

_BLANK = re.compile(r"[（(][\s_＿]*[）)]|[_＿]{2,}")
_UNITS_LONGEST_FIRST = tuple(sorted(UNITS, key=len, reverse=True))
_UNIT = re.compile(r"\s*(" + "|".join(map(re.escape, _UNITS_LONGEST_FIRST)) + ")")
_ALT_UNIT = re.compile(r"[（(]\s*(" + "|".join(map(re.escape, _UNITS_LONGEST_FIRST)) + r")\s*[）)]")
# The label before a blank starts after the last of these …
_CUT = "，,；;。：:！!？?"
# … and a follow-on label borrows a name only from the same sentence.
_SENTENCE = "；;。！!？?"
# Words running on after a unit stop at these (or at the next blank).
_RUN_ON_STOP = _CUT + "、"
_EDGE = " \t\u3000、，,；;。.：:·|"
_LEADING = ("组织开展", "开展", "组织")
_TRAILING = ("具体为", "约", "共计", "累计")
# Words that only continue the blank before them: 参与（）人次 after 学习（）次.
FOLLOW_ON = frozenset(
    {"参与", "参加", "受众", "答题", "覆盖", "涉及", "其中", "线上线下", "线上线下参与"}
)
_BOOK_TITLE_DASH = re.compile(r"《([^《》]*?)\s*(?:——|--|—)[^《》]*》")


def normalize_line(line: str) -> str:
    """The line as parsed: outer whitespace stripped, every blank written （）."""
    return _BLANK.sub(BLANK_MARK, line.strip())


@dataclass(frozen=True)
class _Blank:
    label: str  # before de-duplication
    unit: str
    alt_unit: str
    follow_on: bool


def _clean_own(words: str) -> str:
    words = words.strip(_EDGE)
    for lead in _LEADING:
        if words.startswith(lead) and len(words) - len(lead) >= 2:
            words = words[len(lead) :].lstrip(_EDGE)
            break
    for tail in _TRAILING:
        if words.endswith(tail) and len(words) > len(tail):
            words = words[: -len(tail)].rstrip(_EDGE)
            break
    return words


def _tidy(label: str) -> str:
    label = _BOOK_TITLE_DASH.sub(r"《\1》", label).replace("|", "").replace("｜", "")
    return " ".join(label.split()).strip(_EDGE)


def _last_cut(text: str, marks: str) -> int:
    """Index just after the last of ``marks`` in ``text`` (0 when none)."""
    return max((text.rfind(m) + 1 for m in marks), default=0)


def parse_blanks(line: str, key_prefix: str) -> tuple[Run, ...]:
    """Runs of text and fields for one 进展情况 sentence; see the module docstring for the rules.

    Joining the runs with every field written （） gives :func:`normalize_line` of ``line``.
    """
    text = normalize_line(line)
    pieces = text.split(BLANK_MARK)
    blanks: list[_Blank] = []
    consumed = 0  # characters of pieces[i] already taken by the previous blank's unit
    main = ""  # the last blank in this sentence that has a name of its own
    for i in range(len(pieces) - 1):
        before = pieces[i][consumed:]
        after = pieces[i + 1]
        m = _UNIT.match(after)
        unit = m.group(1) if m else ""
        end = m.end() if m else 0
        alt = ""
        if m:
            a = _ALT_UNIT.match(after, end)
            if a:
                alt, end = a.group(1), a.end()
        consumed = end
        if any(c in before for c in _SENTENCE) or i == 0:
            main = ""
        own = _clean_own(before[_last_cut(before, _CUT) :])
        run_on = after[end:]
        cut = min(
            (k for k in (run_on.find(c) for c in _RUN_ON_STOP) if k >= 0), default=len(run_on)
        )
        label = _tidy(own + run_on[:cut].strip(_EDGE))
        follow_on = (not label or label in FOLLOW_ON) and bool(main)
        if follow_on:
            label = f"{main}·{label or unit or '内容'}"
        elif label:
            main = label
        else:
            label = f"第{i + 1}空"
        blanks.append(_Blank(label, unit, alt, follow_on))

    labels = _distinct([b.label for b in blanks], [b.unit for b in blanks])
    prefix = f"{key_prefix}_" if key_prefix else ""
    runs: list[Run] = []
    for i, piece in enumerate(pieces):
        if piece:
            runs.append(piece)
        if i < len(blanks):
            b = blanks[i]
            runs.append(
                Field(
                    key=f"{prefix}b{i + 1}",
                    label=labels[i],
                    type="number" if b.unit else "text",
                    unit=b.unit,
                    alt_unit=b.alt_unit,
                )
            )
    return tuple(runs)


def _distinct(labels: list[str], units: list[str]) -> list[str]:
    """Unique labels: duplicates get their unit, then a running number."""
    out = list(labels)
    counts = Counter(out)
    for i, label in enumerate(out):
        if counts[label] > 1 and units[i]:
            out[i] = f"{label}（{units[i]}）"
    seen: Counter[str] = Counter()
    for i, label in enumerate(out):
        seen[label] += 1
        if seen[label] > 1:
            candidate = f"{label}（{seen[label]}）"
            while candidate in out:
                seen[label] += 1
                candidate = f"{label}（{seen[label]}）"
            out[i] = candidate
    return out


def carry_over_keys(
    old: Sequence[Run], new: Sequence[Run], taken: Iterable[str] = ()
) -> tuple[Run, ...]:
    """``new`` runs (a re-parsed sentence) with the keys, required flags and help of ``old``.

    A new blank keeps the key of the old blank with the same label and type (first unused one);
    the others get fresh keys ``{prefix}_b{n}`` unused in the row and in ``taken`` (every other
    key of the template), so data entered with the old version still adds up by key.
    """
    old_fields = [r for r in old if isinstance(r, Field)]
    used = set(taken)
    matched: dict[int, Field] = {}
    free = list(old_fields)
    new_fields = [(i, r) for i, r in enumerate(new) if isinstance(r, Field)]
    for i, f in new_fields:
        for o in free:
            if o.label == f.label and o.type == f.type:
                matched[i] = o
                free.remove(o)
                break
    used |= {o.key for o in old_fields}
    prefix = _key_prefix(
        old_fields[0].key if old_fields else (new_fields[0][1].key if new_fields else "b1")
    )
    out: list[Run] = []
    n = 0
    for i, r in enumerate(new):
        if not isinstance(r, Field):
            out.append(r)
            continue
        kept = matched.get(i)
        if kept is not None:
            out.append(replace(r, key=kept.key, required=kept.required, help=kept.help))
            continue
        while True:
            n += 1
            key = f"{prefix}b{n}"
            if key not in used:
                break
        used.add(key)
        out.append(replace(r, key=key))
    return tuple(out)


def _key_prefix(key: str) -> str:
    m = re.match(r"^(.*?)b\d+$", key)
    return m.group(1) if m else f"{key}_"


# ---------------------------------------------------------------- whole tables

_ROLE_WORDS: dict[str, frozenset[str]] = {
    "item": frozenset({"活动项目", "项目", "工作项目", "活动名称", "项目名称", "工作任务", "任务"}),
    "requirement": frozenset(
        {
            "内容要求",
            "工作要求",
            "要求",
            "活动要求",
            "具体要求",
            "主要内容",
            "活动内容",
            "工作内容",
            "内容",
        }
    ),
    "progress": frozenset(
        {
            "进展情况",
            "完成情况",
            "开展情况",
            "工作进展",
            "落实情况",
            "进展",
            "工作开展情况",
            "活动开展情况",
            "情况",
        }
    ),
    "number": frozenset({"序号", "编号"}),
}
_SECTION_TITLE = re.compile(r"^[一二三四五六七八九十]+[、.．]\S")
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")
_NOTE = re.compile(r"^(?:备注|注)\s*[：:]")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[：:]?\s*$|^附件\s*\d+\b")

# Header line labels (填报单位：联系人：电话：填报日期：) → (key, type, required).
_HEADER_KINDS: dict[str, tuple[str, str, bool]] = {
    "填报单位": ("unit", "text", True),
    "报送单位": ("unit", "text", True),
    "单位名称": ("unit", "text", True),
    "单位": ("unit", "text", True),
    "联系人": ("contact", "text", False),
    "填报人": ("reporter", "text", False),
    "审核人": ("reviewer", "text", False),
    "电话": ("phone", "phone", False),
    "联系电话": ("phone", "phone", False),
    "联系方式": ("phone", "phone", False),
    "手机": ("mobile", "mobile", False),
    "填报日期": ("date", "date", False),
    "填报时间": ("date", "date", False),
    "报送日期": ("date", "date", False),
    "报送时间": ("date", "date", False),
    "日期": ("date", "date", False),
}
_HEADER_LABEL = re.compile(r"([^\s：:_＿]+)\s*[：:]")


def _compact(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def _role(cell: str) -> str | None:
    word = _compact(cell)
    for role, words in _ROLE_WORDS.items():
        if word in words:
            return role
    return None


def header_fields_from_line(line: str) -> tuple[Field, ...]:
    """填报单位：联系人：电话：填报日期： → four header fields (empty when it is no such line).

    Known labels get shared keys (unit, contact, phone, date …) and types; others are text
    fields ``h1, h2 …``. A line counts when it has two labels with a colon, one of them known.
    """
    labels = [m.group(1) for m in _HEADER_LABEL.finditer(line.strip())]
    labels = [label for label in labels if len(label) >= 2]
    if len(labels) < 2 or not any(label in _HEADER_KINDS for label in labels):
        return ()
    out: list[Field] = []
    keys: set[str] = set()
    for n, label in enumerate(labels, 1):
        key, type_, required = _HEADER_KINDS.get(label, (f"h{n}", "text", False))
        if key in keys:
            key = f"h{n}"
        keys.add(key)
        out.append(Field(key=key, label=label, type=type_, required=required))
    return tuple(out)


@dataclass
class _Header:
    start: int  # first line index of the header
    end: int  # index after its last line
    roles: dict[str, int]  # role → cell position (tabbed) or order (lines)
    names: dict[str, str]  # role → column name as written
    tabbed: bool
    indented: bool


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _find_header(lines: Sequence[str]) -> _Header | None:
    for i, line in enumerate(lines):
        raw = _cells(line)
        cells = [c for c in raw if c]
        if len(cells) >= 2:
            roles = [(k, _role(c), _compact(c)) for k, c in enumerate(raw) if c]
            found_roles = {role for _, role, _ in roles}
            if None not in found_roles and len(found_roles - {"number"}) >= 2:
                pos = {role: k for k, role, _ in roles if role is not None}
                names = {role: name for _, role, name in roles if role is not None}
                return _Header(i, i + 1, pos, names, True, line[:1].isspace())
            continue
        if len(cells) == 1 and _role(cells[0]) not in (None, "number"):
            found: dict[str, str] = {}
            j, blank_run, end = i, 0, i + 1
            while j < len(lines):
                cs = [c for c in _cells(lines[j]) if c]
                if not cs:
                    blank_run += 1
                    if blank_run > 1:
                        break
                    j += 1
                    continue
                role = _role(cs[0]) if len(cs) == 1 else None
                if role is None or role in found:
                    break
                found[role] = _compact(cs[0])
                blank_run = 0
                j += 1
                end = j
            if len(set(found) - {"number"}) >= 2:
                order = {role: k for k, role in enumerate(found)}
                return _Header(i, end, order, found, False, line[:1].isspace())
    return None


def _is_header_line(cells: list[str]) -> bool:
    return bool(cells) and all(_role(c) for c in cells)


@dataclass
class _RawRow:
    line: int
    section: str
    item: str
    requirement: str
    progress: str


def parse_table_text(
    text: str,
    *,
    key: str = "activity-statistics",
    name: str = "",
    version: int = 1,
) -> tuple[FormTemplate, list[Problem]]:
    """A table template from pasted text, and the problems of what could not be placed.

    Finds the header (活动项目 / 内容要求 / 进展情况, also 序号, 完成情况 …) as one tabbed line
    or as cells on lines of their own; takes the title and a 填报单位：联系人：… line from just
    above it; then reads the rows. A tabbed line is one row. Cells on lines of their own are
    grouped: the cell holding blanks is the 进展情况 that ends a row, the cells before it are
    活动项目 and 内容要求; a repeated header (a new page) or two blank lines end a group. A
    cell like 一、宣传教育 where a row would start opens a section; a lone row number is skipped.
    When the header cells are indented (Word's text export), the first unindented line ends the
    table; otherwise a 附件 line does. 注：… lines become the note. Text before the header that
    is not the title or header line is ignored (a whole notice may be pasted).
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems: list[Problem] = []
    header = _find_header(lines)
    title = ""
    header_fields: tuple[Field, ...] = ()
    start = 0
    if header is not None:
        start = header.end
        title, header_fields = _preamble(lines[: header.start])
    raw_rows, notes = _read_rows(lines, start, header, problems)

    sections: list[Section] = []
    n = 0
    for section_title in dict.fromkeys(r.section for r in raw_rows):
        rows = []
        for r in (r for r in raw_rows if r.section == section_title):
            n += 1
            rows.append(TableRow(f"r{n}", r.item, r.requirement, parse_blanks(r.progress, f"r{n}")))
        sections.append(Section(section_title, tuple(rows)))
    if not raw_rows:
        problems.append(Problem("text", "没有找到带（）的进展情况，无法生成统计表", "no_rows"))

    columns: tuple[str, ...] = DEFAULT_COLUMNS
    if header is not None:
        columns = tuple(
            header.names.get(role, default)
            for role, default in zip(
                ("item", "requirement", "progress"), DEFAULT_COLUMNS, strict=True
            )
        )
    template = FormTemplate(
        key=key,
        name=name or title or "活动情况统计表",
        version=version,
        kind="table",
        header_fields=header_fields,
        sections=tuple(sections),
        columns=columns,
        note="\n".join(notes),
    )
    return template, problems


def _preamble(lines: Sequence[str]) -> tuple[str, tuple[Field, ...]]:
    """Title and header fields from the few lines just above the table header."""
    title = ""
    fields: tuple[Field, ...] = ()
    seen = 0
    for line in reversed(lines):
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > 4:
            break
        if not fields:
            found = header_fields_from_line(stripped)
            if found:
                fields = found
                continue
        if _ATTACHMENT.match(stripped):
            break
        if len(stripped) <= 60 and "\t" not in stripped:
            title = stripped
        break
    return title, fields


def _read_rows(
    lines: Sequence[str], start: int, header: _Header | None, problems: list[Problem]
) -> tuple[list[_RawRow], list[str]]:
    rows: list[_RawRow] = []
    notes: list[str] = []
    group: list[tuple[int, str]] = []
    section = ""
    gap = 0
    stop = len(lines)  # where the table ended; later lines with blanks are reported

    def drop(group: list[tuple[int, str]], why: str) -> None:
        first = group[0][0]
        cells = "、".join(f"“{_snippet(c)}”" for _, c in group)
        problems.append(
            Problem(f"line {first}", f"第{first}行：{cells}没有放进表里，{why}", "unplaced")
        )

    def flush() -> None:
        if group:
            drop(group, "后面没有带（）的进展情况")
            group.clear()

    for idx in range(start, len(lines)):
        line = lines[idx]
        lineno = idx + 1
        raw = _cells(line)
        cells = [c for c in raw if c]
        if not cells:
            gap += 1
            continue
        this_gap, gap = gap, 0
        stripped = line.strip()
        if header is not None and header.indented and not line[:1].isspace():
            if _NOTE.match(stripped):
                notes.append(stripped)
                continue
            stop = idx
            break
        if _ATTACHMENT.match(stripped):
            stop = idx
            break
        if _NOTE.match(stripped):
            notes.append(stripped)
            continue
        if _is_header_line(cells):
            flush()
            continue
        if len(cells) >= 2:
            flush()
            row = _tabbed_row(raw, header)
            if row is None:
                drop([(lineno, c) for c in cells], "这一行里没有带（）的进展情况")
            else:
                item, requirement, progress = row
                rows.append(_RawRow(lineno, section, item, requirement, progress))
            continue
        cell = cells[0]
        if this_gap >= 2:
            flush()
        has_blanks = BLANK_MARK in normalize_line(cell)
        if not group and not has_blanks:
            if _SECTION_TITLE.match(cell) and len(cell) <= 30:
                section = cell
                continue
            if _ROW_NUMBER.match(cell):
                continue
        group.append((lineno, cell))
        if has_blanks:
            *before, (_, progress) = group
            item = before[0][1] if before else ""
            requirement = "\n".join(c for _, c in before[1:])
            rows.append(_RawRow(group[0][0], section, item, requirement, progress))
            group.clear()
    flush()
    for idx in range(stop, len(lines)):
        if BLANK_MARK in normalize_line(lines[idx]):
            drop([(idx + 1, lines[idx].strip())], "它在表格结束之后")
    return rows, notes


def _tabbed_row(raw: list[str], header: _Header | None) -> tuple[str, str, str] | None:
    """(item, requirement, progress) of a tabbed line, or None when it has no blanks."""

    def blanks(c: str) -> bool:
        return BLANK_MARK in normalize_line(c)

    if header is not None and header.tabbed and "progress" in header.roles:
        p = header.roles["progress"]
        if p < len(raw) and blanks(raw[p]):

            def at(role: str) -> str:
                k = header.roles.get(role)
                return raw[k] if k is not None and k < len(raw) else ""

            return at("item"), at("requirement"), raw[p]
    cells = [c for c in raw if c]
    if cells and _ROW_NUMBER.match(cells[0]):
        cells = cells[1:]
    last = max((k for k, c in enumerate(cells) if blanks(c)), default=-1)
    if last < 0:
        return None
    rest = cells[:last]
    return (rest[0] if rest else ""), "\n".join(rest[1:]), cells[last]


def _snippet(text: str, n: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
