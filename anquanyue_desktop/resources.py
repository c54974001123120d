"""Where the shipped files (fonts, icons, forms) are, in a checkout, an install or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
RESOURCES_DIR = ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
ICONS_DIR = RESOURCES_DIR / "icons"
FORMS_DIR = ROOT / "forms"
BUNDLED_CJK_FONT = FONTS_DIR / "DroidSansFallbackFull.ttf"
# A 宋体-style serif (AR PL SungtiL GB, GB 2312) for PDFs where the Windows faces are absent.
BUNDLED_SERIF_FONT = FONTS_DIR / "gbsn00lp.ttf"
LICENSES_DIR = RESOURCES_DIR / "licenses"
GUIDE_SOURCE = RESOURCES_DIR / "guide" / "user-guide.md"
