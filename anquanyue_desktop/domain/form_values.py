"""Values of form fields: read from what the clerk typed, check, show, and store.

One pure function per step, dispatched on ``Field.type``; the widget layer, the Excel import and
the store all go through these, so a value means the same everywhere:

========== ================== ===========================================================
type       Python value       notes
========== ================== ===========================================================
text       ``str``            one line; line breaks typed or pasted become spaces
longtext   ``str``            several lines allowed
number     ``int``            whole number, never negative; “无” reads as 0
landline   ``str``            ``0355-6627527``, extension with ``-`` or ``转``
mobile     ``str``            11 digits, spaces and dashes dropped when read
phone      ``str``            mobile or landline (the 电话/联系方式 of upstream headers)
email      ``str``
date       ``datetime.date``  2024-06-03, 2024/6/3, 2024.6.3 or 2024年6月3日
choice     ``str``            one of ``Field.choices``, exactly as spelled there
yesno      ``bool``           是/否
========== ================== ===========================================================

``None`` is the empty value of every type. ``parse_value`` raises :class:`ValueError` with a
Chinese message naming the field when the text cannot be a value of the type at all;
``validate_value`` checks a value (typed, imported or loaded) against the field's rules.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Any

from .campaign import chinese_date, parse_date
from .phone import is_landline, is_mobile, normalize_phone
from .validation import Problem

if TYPE_CHECKING:
    from .forms import Field

Value = str | int | bool | date | None

TEXT_MAX = 500
LONGTEXT_MAX = 5000
# A statistics count above this is a slip (a phone number typed into the wrong box), not a count.
NUMBER_MAX = 999_999_999

_YES = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对"})
_NO = frozenset({"否", "无", "没有", "n", "no", "false", "0", "×", "✗", "✘", "不是"})
# Written in a number box to mean “nothing to report” rather than zero.
_EMPTY_MARKS = frozenset({"/", "-", "—", "——", "－", "–"})
_ZERO_WORDS = frozenset({"无", "没有", "零"})
_INT = re.compile(r"^\+?(\d+)(?:\.0*)?$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


def _named(field: Field, message: str) -> str:
    return f"{field.label}：{message}"


def _problem(field: Field, message: str, code: str) -> Problem:
    return Problem(field.key, _named(field, message), code)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


# ---------------------------------------------------------------- parse


def parse_value(field: Field, text: str) -> Value:
    """What the clerk typed, as the field's value; empty text is ``None``.

    Raises ValueError (“手机号码：……”) when the text cannot be read as the field's type.
    Rules that a well-formed value can still break (required, 11 digits …) are left to
    :func:`validate_value`.
    """
    parser = _PARSERS.get(field.type)
    if parser is None:
        raise ValueError(_named(field, f"未知的字段类型“{field.type}”"))
    if text is None or not str(text).strip():
        return None
    return parser(field, str(text))


def _parse_text(field: Field, text: str) -> str:
    return " ".join(text.split())


def _parse_longtext(field: Field, text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n").strip()


def _parse_number(field: Field, text: str) -> int | None:
    s = _clean(text).replace(" ", "")
    if s in _EMPTY_MARKS:
        return None
    if s in _ZERO_WORDS:
        return 0
    for word in ("约", "共计", "共", "累计"):
        if s.startswith(word) and len(s) > len(word):
            s = s[len(word) :]
            break
    for unit in sorted({field.unit, field.alt_unit} - {""}, key=len, reverse=True):
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if s.endswith("余") and len(s) > 1:  # 300余（人）: “more than 300” is entered as 300
        s = s[:-1]
    s = s.replace(",", "").replace("，", "")
    if s.startswith("-") and _INT.match(s[1:]):
        raise ValueError(_named(field, f"不能为负数，“{text.strip()}”"))
    m = _INT.match(s)
    if not m:
        if re.match(r"^\+?\d*\.\d+$", s):
            raise ValueError(_named(field, f"应为整数，“{text.strip()}”带小数"))
        raise ValueError(_named(field, f"应填数字，“{text.strip()}”不是数字"))
    return int(m.group(1))


def _parse_mobile(field: Field, text: str) -> str:
    return normalize_phone(text).replace("-", "")


def _parse_landline(field: Field, text: str) -> str:
    return normalize_phone(text)


def _parse_phone(field: Field, text: str) -> str:
    value = normalize_phone(text)
    return value.replace("-", "") if is_mobile(value.replace("-", "")) else value


def _parse_email(field: Field, text: str) -> str:
    return _clean(text).replace(" ", "")


def _parse_date(field: Field, text: str) -> date | None:
    try:
        return parse_date(_clean(text))
    except ValueError as e:
        raise ValueError(_named(field, str(e))) from None


def _parse_choice(field: Field, text: str) -> str:
    wanted = _clean(text)
    for choice in field.choices:
        if _clean(choice) == wanted:
            return choice
    raise ValueError(_named(field, f"应为{_choice_list(field)}之一，“{text.strip()}”不在其中"))


def _parse_yesno(field: Field, text: str) -> bool:
    s = _clean(text).lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(_named(field, f"应填“是”或“否”，“{text.strip()}”不是"))


_PARSERS = {
    "text": _parse_text,
    "longtext": _parse_longtext,
    "number": _parse_number,
    "landline": _parse_landline,
    "mobile": _parse_mobile,
    "phone": _parse_phone,
    "email": _parse_email,
    "date": _parse_date,
    "choice": _parse_choice,
    "yesno": _parse_yesno,
}


def _choice_list(field: Field) -> str:
    return "、".join(f"“{c}”" for c in field.choices)


# ---------------------------------------------------------------- validate


def validate_value(field: Field, value: Any) -> list[Problem]:
    """The field's rules broken by ``value`` (empty list when fine). Messages name the field."""
    if value is None or value == "":
        if field.required:
            return [_problem(field, "必填", "required")]
        return []
    check = _CHECKS.get(field.type)
    if check is None:
        return [_problem(field, f"未知的字段类型“{field.type}”", "unknown_type")]
    return check(field, value)


def _check_text(field: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return [_problem(field, "应为文字", "type")]
    if "\n" in value or "\r" in value:
        return [_problem(field, "只能填一行文字", "multiline")]
    if len(value) > TEXT_MAX:
        return [_problem(field, f"太长（{len(value)}字），最多{TEXT_MAX}字", "too_long")]
    return []


def _check_longtext(field: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return [_problem(field, "应为文字", "type")]
    if len(value) > LONGTEXT_MAX:
        return [_problem(field, f"太长（{len(value)}字），最多{LONGTEXT_MAX}字", "too_long")]
    return []


def _check_number(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [_problem(field, "应为整数", "not_integer")]
    if value < 0:
        return [_problem(field, "不能为负数", "negative")]
    if value > NUMBER_MAX:
        return [_problem(field, f"数字{value}过大，请核对", "too_large")]
    return []


def _digits(value: str) -> int:
    return len(re.sub(r"\D", "", value))


def _check_mobile(field: Field, value: Any) -> list[Problem]:
    if not isinstance(value, str):
        return [_problem(field, "应为11位数字", "type")]
    if is_mobile(value):
        return []
    n = _digits(value)
    if n != 11 or not re.fullmatch(r"[\d\s-]+", value):
        return [_problem(field, f"应为11位数字，“{value}”有{n}位", "mobile")]
    return [_problem(field, f"“{value}”不是手机号码（应以13–19开头）", "mobile")]


def _check_landline(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, str) and is_landline(value):
        return []
    return [_problem(field, f"“{value}”不是座机号码，应如 0355-6627527", "landline")]


def _check_phone(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, str) and (is_mobile(value.replace("-", "")) or is_landline(value)):
        return []
    if isinstance(value, str) and value.startswith("1") and _digits(value) != 11:
        return [_problem(field, f"手机号码应为11位数字，“{value}”有{_digits(value)}位", "phone")]
    return [_problem(field, f"“{value}”不是电话号码（手机11位，座机如 0355-6627527）", "phone")]


def _check_email(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, str) and _EMAIL.match(value):
        return []
    return [_problem(field, f"“{value}”不是电子邮箱地址，应如 name@163.com", "email")]


def _check_date(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, date):
        return []
    return [_problem(field, "应为日期", "date")]


def _check_choice(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, str) and value in field.choices:
        return []
    return [_problem(field, f"应为{_choice_list(field)}之一", "choice")]


def _check_yesno(field: Field, value: Any) -> list[Problem]:
    if isinstance(value, bool):
        return []
    return [_problem(field, "应填“是”或“否”", "yesno")]


_CHECKS = {
    "text": _check_text,
    "longtext": _check_longtext,
    "number": _check_number,
    "landline": _check_landline,
    "mobile": _check_mobile,
    "phone": _check_phone,
    "email": _check_email,
    "date": _check_date,
    "choice": _check_choice,
    "yesno": _check_yesno,
}


def check_text(field: Field, text: str) -> tuple[Value, list[Problem]]:
    """Read and check in one go, as entry does on every keystroke: ``(value, problems)``.

    When the text cannot be read the value is ``None`` and the problem has code ``"format"``.
    """
    try:
        value = parse_value(field, text)
    except ValueError as e:
        return None, [Problem(field.key, str(e), "format")]
    return value, validate_value(field, value)


# ---------------------------------------------------------------- show and store


def display_value(field: Field, value: Value) -> str:
    """The value as the clerk reads it on screen and paper; ``parse_value`` reads it back.

    Numbers come without their unit (the sentence around a blank already says it).
    """
    if value is None:
        return ""
    if field.type == "yesno":
        return "是" if value else "否"
    if field.type == "date" and isinstance(value, date):
        return chinese_date(value)
    return str(value)


def value_to_data(field: Field, value: Value) -> str | int | bool | None:
    """The value as JSON-safe data for the store (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def value_from_data(field: Field, data: Any) -> Value:
    """Back from :func:`value_to_data`; raises ValueError on data of the wrong shape."""
    if data is None:
        return None
    if field.type == "date":
        if not isinstance(data, str):
            raise ValueError(_named(field, f"存储的日期“{data}”格式不对"))
        try:
            return date.fromisoformat(data)
        except ValueError:
            raise ValueError(_named(field, f"存储的日期“{data}”格式不对")) from None
    if field.type == "number":
        if isinstance(data, bool) or not isinstance(data, int):
            raise ValueError(_named(field, f"存储的数字“{data}”不是整数"))
        return data
    if field.type == "yesno":
        if not isinstance(data, bool):
            raise ValueError(_named(field, f"存储的“{data}”不是是/否"))
        return data
    if not isinstance(data, str):
        raise ValueError(_named(field, f"存储的“{data}”不是文字"))
    return data
