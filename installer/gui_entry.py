"""PyInstaller entry point of the windowed program (anquanyue.exe)."""

import os
import sys

# A windowed (no console) build has no stdout/stderr: anything that prints or logs to them
# would fail with "'NoneType' object has no attribute 'write'". Send them nowhere instead.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from anquanyue_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
