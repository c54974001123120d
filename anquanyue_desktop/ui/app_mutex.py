"""A named Windows mutex that says "the program is running".

The installer (installer/anquanyue.iss, AppMutex) checks for it, so setup and uninstall ask the
clerk to close the program instead of replacing files under it. Windows only; elsewhere a no-op.
"""

from __future__ import annotations

import sys

# Keep in step with AppMutex in installer/anquanyue.iss (a test checks both).
RUNNING_MUTEX_NAME = "AnquanyueDesktopRunning"

_handle: int | None = None


def hold_running_mutex() -> bool:
    """Creates the mutex for the life of the process; True when one is held."""
    global _handle
    if sys.platform != "win32":
        return False
    if _handle:
        return True
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.restype = wintypes.HANDLE
    kernel32.CreateMutexW.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    # Session-local and global names: Inno Setup checks both forms listed in AppMutex.
    for name in (RUNNING_MUTEX_NAME, "Global\\" + RUNNING_MUTEX_NAME):
        handle = kernel32.CreateMutexW(None, False, name)
        if handle and _handle is None:
            _handle = handle
    return bool(_handle)
