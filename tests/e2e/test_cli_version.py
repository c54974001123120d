"""`anquanyue-cli --version` answers with the one version the package carries."""

from __future__ import annotations

import subprocess
import sys

import anquanyue_desktop


def test_cli_prints_its_version():
    result = subprocess.run(
        [sys.executable, "-m", "anquanyue_desktop.cli", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"安全生产月 命令行工具 {anquanyue_desktop.__version__}"
