"""The user guide PDF: made from resources/guide by the export layer, cached per version.

Both the 帮助 menu and ``anquanyue-cli guide`` call this, so the guide a clerk opens is always
the one for the program they run.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..exports.user_guide import write_user_guide_pdf
from ..resources import GUIDE_SOURCE

GUIDE_FILE_NAME = f"安全生产月使用说明-{__version__}.pdf"


def write_guide(out: Path) -> Path:
    source = GUIDE_SOURCE.read_text(encoding="utf-8")
    write_user_guide_pdf(source, out, version=__version__)
    return out


def cached_guide(cache_dir: Path) -> Path:
    """The guide for this version in ``cache_dir``, written once (atomically) when missing."""
    target = cache_dir / GUIDE_FILE_NAME
    if target.is_file() and target.stat().st_size > 0:
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    write_guide(partial)
    partial.replace(target)
    return target
