"""PyInstaller entry point of the console tool (anquanyue-cli.exe)."""

import sys

from anquanyue_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
