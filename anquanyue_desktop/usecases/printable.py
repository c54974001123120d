"""The PDF fonts' answer to “can this character be printed?”, handed to the store so that
text is checked where it is entered (see :mod:`anquanyue_desktop.domain.printable`)."""

from __future__ import annotations


def can_print(ch: str) -> bool:
    # reportlab and the fonts load at the first check (a save), not at start-up.
    from ..exports.fonts import default_fonts

    # Every role shares the fallback chain (宋体/ExtB, the bundled CJK font, Vera): a
    # character one role can draw, all can.
    return default_fonts().font_for(ch, "song") is not None


__all__ = ["can_print"]
