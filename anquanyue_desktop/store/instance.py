"""Who else is using the data folder: the desktop program's lock file, live process ids.

The desktop program holds ``anquanyue.lock`` in the data folder with Qt's QLockFile, whose
file is plain text: the holder's process id, application name and host name, one per line
(newer Qt adds a machine id and a boot id). The CLI never imports Qt, so it reads that file
here. A program that replaces the whole database (restore, 导入全部数据) writes the same
format itself, so a desktop program started meanwhile sees 程序已在运行 and waits.

Half-written files carry their writer's process id in their name (``….<pid>.part``) so a
clean-up at start can tell a file still being written from one a killed program left behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

LOCK_FILE_NAME = "anquanyue.lock"
ALREADY_RUNNING = "程序已在运行"


class ProgramRunning(StoreError):
    """The desktop program (or a restore) holds the data folder; writing now would clash."""


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def lock_holder(data_dir: Path) -> int | None:
    """The process id holding the data folder's lock, or None when it is free or stale."""
    try:
        text = (Path(data_dir) / LOCK_FILE_NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    lines = text.splitlines()
    try:
        pid = int(lines[0].strip())
    except (IndexError, ValueError):
        return None
    host = lines[2].strip() if len(lines) > 2 else ""
    # A lock written on another PC (a data folder on a network share) cannot be checked
    # by process id; it is taken as held, as Qt does.
    if host and host.lower() != socket.gethostname().lower():
        return pid
    if pid == os.getpid():
        return None
    return pid if pid_alive(pid) else None


def running_message(data_dir: Path) -> str:
    return (
        f"{ALREADY_RUNNING}：桌面程序正在使用数据文件夹 {data_dir}。"
        "为避免两个程序同时修改数据，请先关闭桌面程序（或等恢复完成）再运行此命令；"
        "只读的命令（如列出、导出）可以照常运行。"
    )


def refuse_if_running(data_dir: Path) -> None:
    """Raises ProgramRunning when the desktop program holds ``data_dir``."""
    if lock_holder(data_dir) is not None:
        raise ProgramRunning(running_message(data_dir), Path(data_dir))


@contextmanager
def holding_folder(data_dir: Path) -> Iterator[None]:
    """Holds the data folder as the desktop program does, for a whole-database replace.

    Refuses (ProgramRunning) when someone holds it; a stale lock of a dead process is taken
    over. The file has QLockFile's layout, so the desktop program will not start meanwhile.
    """
    data_dir = Path(data_dir)
    lock = data_dir / LOCK_FILE_NAME
    data_dir.mkdir(parents=True, exist_ok=True)
    if lock_holder(data_dir) is not None:
        raise ProgramRunning(running_message(data_dir), data_dir)
    with contextlib.suppress(FileNotFoundError):
        lock.unlink()  # stale: its process is gone
    # QLockFile takes a lock as stale unless the second line is the process's program name.
    program = Path(sys.executable).resolve().name
    content = f"{os.getpid()}\n{program}\n{socket.gethostname()}\n".encode()
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ProgramRunning(running_message(data_dir), data_dir) from None
    try:
        os.write(fd, content)
    finally:
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


_PID_PART = re.compile(r"\.(\d+)\.part$")
_PID_PREFIX = re.compile(r"^(\d+)-")


def part_name(name: str) -> str:
    """The name of a half-written ``name``, marked with this process id."""
    return f"{name}.{os.getpid()}.part"


def writer_alive(path: Path) -> bool:
    """Whether the process that is writing the half file ``path`` still runs."""
    m = _PID_PART.search(path.name) or _PID_PREFIX.match(path.name)
    return m is not None and pid_alive(int(m.group(1)))


__all__ = [
    "ALREADY_RUNNING",
    "LOCK_FILE_NAME",
    "ProgramRunning",
    "holding_folder",
    "lock_holder",
    "part_name",
    "pid_alive",
    "refuse_if_running",
    "writer_alive",
]
