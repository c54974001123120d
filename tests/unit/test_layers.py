"""The layering rule of DESIGN.md, checked: domain is plain Python, only ui/ imports Qt."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_non_ui_packages_load_without_qt():
    code = (
        "import sys\n"
        "import anquanyue_desktop.cli, anquanyue_desktop.usecases.demo, anquanyue_desktop.store.backups\n"
        "import anquanyue_desktop.exports.roster, anquanyue_desktop.imports.unit_names\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_import_contracts_hold():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_shipped_resource_is_there():
    from anquanyue_desktop.resources import BUNDLED_CJK_FONT, FONTS_DIR, ICONS_DIR

    assert BUNDLED_CJK_FONT.stat().st_size > 1_000_000
    assert any(FONTS_DIR.glob("LICENSE*"))
    for name in ("app.svg", "app.ico", "app-16.png", "app-32.png", "app-256.png"):
        assert (ICONS_DIR / name).is_file(), name
