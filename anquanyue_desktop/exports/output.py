"""Where an export goes: a binary file object, or a path written all-or-nothing.

A path is written to a temporary file beside it and renamed into place only when the writer
finished, so a failed or cancelled export never leaves half a PDF or workbook behind, and an
older file of the same name survives a failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TypeAlias

Output: TypeAlias = str | os.PathLike[str] | BinaryIO


class OutputFileBusyError(PermissionError):
    """The target file is open in another program (Windows locks files open in Excel/WPS)."""


@contextlib.contextmanager
def open_output(out: Output) -> Iterator[BinaryIO]:
    """Yield a binary stream for ``out``; for a path, replace the file only on success."""
    if not isinstance(out, str | os.PathLike):
        yield out
        return
    path = Path(out)
    # Not mkstemp: that file would be private (0600); this one gets the usual permissions.
    tmp = path.with_name(f".{path.stem[:40]}.{secrets.token_hex(6)}.tmp")
    try:
        with open(tmp, "xb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.replace(tmp, path)
        except PermissionError as exc:
            raise OutputFileBusyError(
                f"无法写入“{path.name}”：文件可能正被其他程序（如 Excel、WPS 或 PDF 阅读器）打开，"
                "请关闭后重试"
            ) from exc
    finally:
        tmp.unlink(missing_ok=True)


# Characters Windows forbids in file names, and control characters.
_ILLEGAL_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)


def safe_file_name_part(text: str) -> str:
    """``text`` usable inside a Windows file name: forbidden characters removed, spaces
    collapsed, no trailing dot or space, not a reserved device name."""
    text = _ILLEGAL_IN_FILE_NAME.sub("", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(". ")
    if text.upper() in _RESERVED_NAMES:
        text = f"_{text}"
    return text
