"""Form template files: the JSON the form editor saves and ``forms/`` ships.

One template per file, UTF-8, pretty-printed with two-space indents and Chinese left as is
(``ensure_ascii=False``), keys in the fixed order of
:func:`~anquanyue_desktop.domain.forms.template_to_data`, a newline at the end. Loading then
dumping gives the same bytes back. A file that cannot be read, is not such JSON, or holds a
template that :func:`~anquanyue_desktop.domain.forms.validate_template` refuses raises
:class:`FormFileError` with a Chinese message naming the file and every problem.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..domain.blank_parser import parse_table_text
from ..domain.forms import FormTemplate, template_from_data, template_to_data, validate_template
from ..domain.validation import Problem, ValidationError
from ..resources import FORMS_DIR

__all__ = [
    "FormFileError",
    "dump_template",
    "load_shipped",
    "load_template",
    "loads_template",
    "parse_table_file",
    "read_text_file",
    "save_template",
]


class FormFileError(ValueError):
    """A template file that cannot be used; ``problems`` lists what is wrong, if known."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        super().__init__(message)
        self.problems = tuple(problems)


def dump_template(t: FormTemplate) -> str:
    """The template as the text of its file (stable: the same template, the same text)."""
    return json.dumps(template_to_data(t), ensure_ascii=False, indent=2) + "\n"


def loads_template(text: str, source: str = "表单模板", *, validate: bool = True) -> FormTemplate:
    """A template from the text of a file; ``source`` names it in messages (a file name).

    With ``validate=False`` a well-formed but invalid template is returned as is (for an editor
    that opens it to repair it).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise FormFileError(
            f"{source}不是有效的表单模板文件：第{e.lineno}行第{e.colno}列格式有误（{_json_reason(e.msg)}）"
        ) from None
    try:
        template = template_from_data(data)
    except ValidationError as e:
        raise FormFileError(
            f"{source}的内容有误：" + "；".join(p.message for p in e.problems), e.problems
        ) from None
    if validate:
        problems = validate_template(template)
        if problems:
            raise FormFileError(
                f"{source}中的“{template.name or template.key}”有误："
                + "；".join(p.message for p in problems),
                problems,
            )
    return template


def load_template(path: str | os.PathLike[str], *, validate: bool = True) -> FormTemplate:
    """The template in the file at ``path``; FormFileError (in Chinese, naming the file) if broken."""
    p = Path(path)
    source = f"文件“{p.name}”"
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise FormFileError(f"找不到表单模板{source}（{p}）") from None
    except OSError as e:
        raise FormFileError(f"无法读取表单模板{source}：{e.strerror or e}") from None
    if not raw.strip():
        raise FormFileError(f"{source}是空的，不是表单模板")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormFileError(f"{source}不是 UTF-8 编码的文本，不是表单模板") from None
    return loads_template(text, source, validate=validate)


def save_template(t: FormTemplate, path: str | os.PathLike[str]) -> None:
    """Write the template to ``path`` whole or not at all (a temporary file, then a rename)."""
    p = Path(path)
    mode = p.stat().st_mode & 0o777 if p.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fp:
            fp.write(dump_template(t))
        os.chmod(tmp, mode)  # mkstemp makes it private; a template file is an ordinary file
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_shipped(forms_dir: str | os.PathLike[str] = FORMS_DIR) -> list[FormTemplate]:
    """Every ``*.json`` template in ``forms_dir``, in file-name order.

    A broken file or two files with the same (key, version) raise FormFileError: the shipped
    forms are part of the program and must all load.
    """
    out: list[FormTemplate] = []
    seen: dict[tuple[str, int], str] = {}
    for path in sorted(Path(forms_dir).glob("*.json")):
        t = load_template(path)
        if t.ident in seen:
            raise FormFileError(
                f"文件“{path.name}”与“{seen[t.ident]}”是同一个模板（{t.key} 第{t.version}版）"
            )
        seen[t.ident] = path.name
        out.append(t)
    return out


_JSON_REASONS = {
    "Expecting value": "缺少值",
    "Expecting property name enclosed in double quotes": "名称应加英文双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Extra data": "结尾有多余内容",
    "Unterminated string starting at": "引号没有配对",
    "Invalid control character at": "文字里有控制字符",
}


def _json_reason(msg: str) -> str:
    return _JSON_REASONS.get(msg, msg)


def read_text_file(path: str | os.PathLike[str]) -> str:
    """A text file as saved by WPS, Word or Notepad, in any encoding the notice reader knows
    (one decoder for every text input), at most ``MAX_TEXT_BYTES`` and never read whole
    beyond that.

    Raises FormFileError naming the file when it cannot be read or is not text.
    """
    from .limits import MAX_TEXT_BYTES, InputTooLarge, read_bounded
    from .notice_text import NoticeReadError, decode_text_bytes

    p = Path(path)
    try:
        raw = read_bounded(p, MAX_TEXT_BYTES, "表格文本")
    except InputTooLarge as e:
        raise FormFileError(e.message) from None
    except FileNotFoundError:
        raise FormFileError(f"找不到文件“{p.name}”（{p}）") from None
    except OSError as e:
        raise FormFileError(f"无法读取文件“{p.name}”：{e.strerror or e}") from None
    hint = "Word/WPS 文档请先另存为“纯文本”，或直接复制表格粘贴"
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF-")):
        raise FormFileError(f"文件“{p.name}”不是文本文件（{hint}）")
    try:
        return decode_text_bytes(raw, p.name, hint=f"（{hint}）")
    except NoticeReadError as e:
        raise FormFileError(str(e)) from None


def parse_table_file(
    path: str | os.PathLike[str],
    *,
    key: str = "activity-statistics",
    name: str = "",
    version: int = 1,
) -> tuple[FormTemplate, list[Problem]]:
    """:func:`~anquanyue_desktop.domain.blank_parser.parse_table_text` on a text file.

    What ``anquanyue-cli parse-form FILE`` runs: the template and the problems of what could
    not be placed (the template is not validated here; show ``validate_template`` before saving).
    """
    return parse_table_text(read_text_file(path), key=key, name=name, version=version)
