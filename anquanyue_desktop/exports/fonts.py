"""Which font file each typographic role uses in PDFs, registered lazily with reportlab.

GB/T 9704 names faces, not files: 小标宋 titles, 仿宋 body, 黑体/楷体 headings, 宋体 tables.
On Windows the office PC has them in ``%WINDIR%\\Fonts`` (or per user in
``%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts``, where clerks often install 方正小标宋).
Everywhere else, and whenever a file is missing or refuses embedding, a bundled face stands
in: AR PL SungtiL GB (a 宋体-style serif) for 宋体/仿宋/楷体/小标宋, Droid Sans Fallback for
黑体. :func:`stand_in_message` names the stand-ins so an export can say so.

A glyph missing from a role's font is never dropped: each character falls back, in order, to
宋体/宋体-ExtB (Windows), the bundled serif, Droid Sans Fallback (far beyond GB 2312), then
reportlab's own Bitstream Vera (Droid has no Latin letters, digits or curly quotes). A character no font has raises
:class:`MissingGlyphError` naming it, so the clerk can fix the text instead of printing boxes.

Loading a CJK font means parsing a multi-megabyte file (about 0.1 s for the bundled font), so
fonts load only when first needed and each file is registered with reportlab once per process.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from anquanyue_desktop.resources import BUNDLED_CJK_FONT, BUNDLED_SERIF_FONT

log = logging.getLogger(__name__)

Role = Literal["song", "fangsong", "hei", "kai", "xiaobiaosong"]
ROLES: tuple[Role, ...] = ("song", "fangsong", "hei", "kai", "xiaobiaosong")
ROLE_LABELS: dict[Role, str] = {
    "song": "宋体",
    "fangsong": "仿宋",
    "hei": "黑体",
    "kai": "楷体",
    "xiaobiaosong": "小标宋",
}

# Latin companion of the bundled CJK font: shipped inside reportlab itself (Bitstream Vera licence).
LATIN_FALLBACK_FONT = Path(reportlab.__file__).resolve().parent / "fonts" / "Vera.ttf"


@dataclass(frozen=True)
class FontSource:
    """One face in one file: ``subfont`` picks the face inside a .ttc collection."""

    path: Path
    subfont: int = 0
    label: str = ""
    heavy: bool = False  # a bold-looking face (黑体, 小标宋): no fake bold needed


# Windows system faces: key → (file name, subfont index, label, heavy).
_WINDOWS_FACES: dict[str, tuple[str, int, str, bool]] = {
    "simsun": ("simsun.ttc", 0, "宋体", False),
    "simsunb": ("simsunb.ttf", 0, "宋体-ExtB", False),
    "simfang": ("simfang.ttf", 0, "仿宋", False),
    "simhei": ("simhei.ttf", 0, "黑体", True),
    "simkai": ("simkai.ttf", 0, "楷体", False),
    "fzxbs": ("FZXBSJW.TTF", 0, "方正小标宋简体", True),
}
# Each role's preferred faces, best first; the bundled font follows implicitly.
_ROLE_FACES: dict[Role, tuple[str, ...]] = {
    "song": ("simsun",),
    "fangsong": ("simfang", "simsun"),
    "hei": ("simhei",),
    "kai": ("simkai", "simfang", "simsun"),
    "xiaobiaosong": ("fzxbs", "simhei", "simsun"),
}
# Faces tried per character when the role's face lacks it, before the bundled fonts.
_WINDOWS_GLYPH_FALLBACKS = ("simsun", "simsunb")
# Roles the bundled serif serves (a sans face would read as a draft); 黑体 wants the sans face.
_SERIF_ROLES: frozenset[Role] = frozenset({"song", "fangsong", "kai", "xiaobiaosong"})
SERIF_LABEL = "AR PL SungtiL GB"
SANS_LABEL = "Droid Sans Fallback"
# Roles whose text should look bold; drawn with a thin outline when the face is not heavy.
_HEAVY_ROLES: frozenset[Role] = frozenset({"hei", "xiaobiaosong"})


# The roles drawn by the exports running on each thread (see recording_roles).
_recordings = threading.local()


@contextmanager
def recording_roles() -> Iterator[set[Role]]:
    """The roles drawn on this thread while inside: an export's message then names the
    stand-ins of its own faces only (a roster never sets 楷体)."""
    drawn: set[Role] = set()
    active: list[set[Role]] = _recordings.__dict__.setdefault("active", [])
    active.append(drawn)
    try:
        yield drawn
    finally:
        active.remove(drawn)


class MissingGlyphError(ValueError):
    """Characters that no available font can draw; the message names each with its code point."""

    def __init__(self, chars: Iterable[str], where: str = "") -> None:
        self.chars: tuple[str, ...] = tuple(dict.fromkeys(chars))
        self.where = where
        listed = "、".join(f"“{c}”(U+{ord(c):04X})" for c in self.chars)
        prefix = f"{where}：" if where else ""
        super().__init__(f"{prefix}字符{listed}在字体中不存在，无法生成PDF，请修改这些字后重试")

    def at(self, where: str) -> MissingGlyphError:
        """The same error, told where the text came from (e.g. “第3行“单位名称””)."""
        return MissingGlyphError(self.chars, where)


@dataclass(frozen=True, eq=False)
class LoadedFont:
    """A face registered with reportlab under ``name``, with the code points it can draw."""

    name: str
    source: FontSource
    codepoints: frozenset[int] = field(repr=False)
    seconds: float

    def has(self, ch: str) -> bool:
        return ord(ch) in self.codepoints


_lock = threading.RLock()
# Keyed by the real file and face: a file is registered once however it was found.
_registered: dict[tuple[str, int], LoadedFont | None] = {}


def _load(source: FontSource) -> LoadedFont | None:
    """Register ``source`` with reportlab once per process; None if it cannot be used."""
    key = (str(source.path.resolve()), source.subfont)
    with _lock:
        if key not in _registered:
            _registered[key] = _register(source, f"AQY{len(_registered) + 1}")
        font = _registered[key]
    if font is None or font.source == source:
        return font
    return LoadedFont(font.name, source, font.codepoints, 0.0)  # same file, found as another face


def _register(source: FontSource, prefix: str) -> LoadedFont | None:
    name = f"{prefix}-{source.path.stem}-{source.subfont}"
    start = time.perf_counter()
    try:
        ttf = TTFont(name, str(source.path), subfontIndex=source.subfont)
        pdfmetrics.registerFont(ttf)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        # Unreadable, not TrueType (CFF outlines), or embedding forbidden: try the next face.
        log.warning("字体%s（%s）不可用：%s", source.label, source.path, exc)
        return None
    codepoints = frozenset(cp for cp, glyph in ttf.face.charToGlyph.items() if glyph)
    font = LoadedFont(name, source, codepoints, time.perf_counter() - start)
    log.info("registered font %s from %s in %.3f s", name, source.path, font.seconds)
    return font


def registered_fonts() -> list[LoadedFont]:
    """Every font file registered so far in this process, with how long each took to load."""
    with _lock:
        return [f for f in _registered.values() if f is not None]


def windows_font_dirs() -> list[Path]:
    """The system and per-user font folders of this Windows machine; empty elsewhere."""
    if sys.platform != "win32":
        return []
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if local := os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


_VARIATION_SELECTORS = frozenset([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])


def printable_text(text: str) -> str:
    """Text as it will be drawn: NFC, tabs as spaces, line ends as ``\\n``.

    Invisible format characters (zero-width spaces, BOMs, direction marks, soft hyphens,
    variation selectors) and other control characters are removed: they draw nothing, and
    pasted text is full of them. Every visible character is kept.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(
        ch
        for ch in text
        if ch == "\n"
        or (
            unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
            and ord(ch) not in _VARIATION_SELECTORS
        )
    )


class FontSet:
    """Resolves roles to fonts and text to runs of drawable characters.

    ``system_dirs`` are the folders searched for the Windows faces; by default the real
    Windows font folders on Windows and none elsewhere (tests pass a folder of stand-ins).
    """

    def __init__(
        self,
        system_dirs: Sequence[Path] | None = None,
        *,
        bundled: Path | None = BUNDLED_CJK_FONT,
        latin: Path | None = LATIN_FALLBACK_FONT,
        serif: Path | None = BUNDLED_SERIF_FONT,
    ) -> None:
        self._dirs = windows_font_dirs() if system_dirs is None else [Path(d) for d in system_dirs]
        self._bundled = bundled
        self._latin = latin
        self._serif = serif
        # Advance widths at size 1, per role and character: text is measured by summing these
        # (no kerning in our PDFs), never by asking reportlab one string at a time.
        self._widths: dict[tuple[Role, str], float] = {}
        self._listings: dict[Path, dict[str, str]] = {}
        self._primary: dict[Role, LoadedFont] = {}
        self._fallbacks: list[LoadedFont] | None = None
        self._char_font: dict[tuple[Role, str], LoadedFont | None] = {}
        self._lock = threading.RLock()

    # -- resolution (no font is loaded here) -------------------------------------------

    def _find(self, file_name: str) -> Path | None:
        for folder in self._dirs:
            exact = folder / file_name
            if exact.is_file():
                return exact
            if folder not in self._listings:
                try:
                    self._listings[folder] = {p.name.lower(): p.name for p in folder.iterdir()}
                except OSError:
                    self._listings[folder] = {}
            real = self._listings[folder].get(file_name.lower())
            if real and (folder / real).is_file():
                return folder / real
        return None

    def _face(self, key: str) -> FontSource | None:
        file_name, subfont, label, heavy = _WINDOWS_FACES[key]
        path = self._find(file_name)
        return FontSource(path, subfont, label, heavy) if path else None

    def _bundled_sources(self, role: Role | None = None) -> list[FontSource]:
        """The bundled faces in fallback order; for a serif role the serif first."""
        sources = []
        serif = (
            [FontSource(self._serif, 0, SERIF_LABEL)]
            if self._serif and self._serif.is_file()
            else []
        )
        if role is None or role in _SERIF_ROLES:
            sources += serif
        if self._bundled and self._bundled.is_file():
            sources.append(FontSource(self._bundled, 0, SANS_LABEL))
        if role is not None and role not in _SERIF_ROLES:
            sources += serif
        if self._latin and self._latin.is_file():
            sources.append(FontSource(self._latin, 0, "Bitstream Vera Sans"))
        return sources

    def candidates(self, role: Role) -> list[FontSource]:
        """Faces that could serve ``role``, best first; files that do not exist are left out."""
        if role not in _ROLE_FACES:
            raise ValueError(f"未知的字体角色：{role}")
        found = [s for s in (self._face(k) for k in _ROLE_FACES[role]) if s]
        return found + self._bundled_sources(role)[:1]

    # -- loading --------------------------------------------------------------------------

    def font(self, role: Role) -> LoadedFont:
        """The face used for ``role`` (registering it on first use)."""
        with self._lock:
            if role not in self._primary:
                for source in self.candidates(role):
                    if loaded := _load(source):
                        self._primary[role] = loaded
                        break
                else:
                    raise RuntimeError("找不到可用的中文字体，请重新安装本软件")
            return self._primary[role]

    def _fallback_fonts(self) -> list[LoadedFont]:
        with self._lock:
            if self._fallbacks is None:
                sources = [s for s in (self._face(k) for k in _WINDOWS_GLYPH_FALLBACKS) if s]
                sources += self._bundled_sources()
                self._fallbacks = [f for f in (_load(s) for s in sources) if f]
            return self._fallbacks

    def stand_ins(self, roles: Iterable[Role] = ROLES) -> list[tuple[Role, str]]:
        """(role, face used) for each of ``roles`` whose own Windows face is missing here.

        Faces not loaded yet are only looked up (parsing a CJK font file takes a while): the
        first candidate is the face :meth:`font` will load."""
        out = []
        for role in roles:
            wanted = _WINDOWS_FACES[_ROLE_FACES[role][0]][2]
            with self._lock:
                loaded = self._primary.get(role)
            if loaded is not None:
                used = loaded.source.label
            else:
                found = self.candidates(role)
                used = found[0].label if found else ""
            if used != wanted:
                out.append((role, used))
        return out

    def fake_bold(self, role: Role) -> bool:
        """Whether ``role`` wants a heavy face but got a regular one (draw with an outline)."""
        return role in _HEAVY_ROLES and not self.font(role).source.heavy

    # -- characters -----------------------------------------------------------------------

    def font_for(self, ch: str, role: Role) -> LoadedFont | None:
        """The first font of ``role``'s chain that has ``ch``; None if none has it."""
        key = (role, ch)
        with self._lock:
            if key not in self._char_font:
                primary = self.font(role)
                if primary.has(ch):
                    self._char_font[key] = primary
                else:
                    self._char_font[key] = next(
                        (f for f in self._fallback_fonts() if f.has(ch)), None
                    )
            return self._char_font[key]

    def missing_glyphs(self, text: str, role: Role) -> list[str]:
        """Characters of ``text`` that ``role``'s own face lacks (drawn from a fallback font)."""
        primary = self.font(role)
        return list(
            dict.fromkeys(c for c in printable_text(text) if c != "\n" and not primary.has(c))
        )

    def unrenderable(self, text: str, role: Role) -> list[str]:
        """Characters of ``text`` that no font at all can draw."""
        return list(
            dict.fromkeys(
                c for c in printable_text(text) if c != "\n" and self.font_for(c, role) is None
            )
        )

    def check(self, text: str, role: Role, where: str = "") -> None:
        """Raise :class:`MissingGlyphError` if any character of ``text`` cannot be drawn."""
        if bad := self.unrenderable(text, role):
            raise MissingGlyphError(bad, where)

    def runs(self, text: str, role: Role) -> list[tuple[str, str]]:
        """``text`` (one line, already :func:`printable_text`) as (reportlab font name, text) runs.

        Raises :class:`MissingGlyphError` for characters no font has.
        """
        for drawn in getattr(_recordings, "active", ()):
            drawn.add(role)
        runs: list[tuple[LoadedFont, str]] = []
        missing: list[str] = []
        cached = self._char_font  # read without the lock: entries are only ever added
        for ch in text:
            key = (role, ch)
            font = cached[key] if key in cached else self.font_for(ch, role)
            if font is None:
                missing.append(ch)
                continue
            if runs and ch.isspace() and runs[-1][0].has(ch):
                font = runs[-1][0]  # a space stays in the run it sits in: fewer font switches
            if runs and runs[-1][0].name == font.name:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        if missing:
            raise MissingGlyphError(missing)
        return [(font.name, run) for font, run in runs]

    def width(self, text: str, role: Role, size: float) -> float:
        """Advance width of ``text`` in points, each character in the font that will draw it.

        Raises :class:`MissingGlyphError` for characters no font has."""
        widths = self._widths
        total = 0.0
        for ch in text:
            w = widths.get((role, ch))
            if w is None:
                font = self.font_for(ch, role)
                if font is None:
                    raise MissingGlyphError([ch])
                w = widths[(role, ch)] = pdfmetrics.stringWidth(ch, font.name, 1.0)
            total += w
        return total * size


@cache
def default_fonts() -> FontSet:
    """The process-wide font set for this machine."""
    return FontSet()


def can_print(ch: str, role: Role = "song", fonts: FontSet | None = None) -> bool:
    """Whether the character ``ch`` can be printed in PDFs on this machine (some font has it).

    Invisible characters (:func:`printable_text` removes them) count as printable: they are
    dropped, not drawn as boxes."""
    fonts = fonts or default_fonts()
    return all(fonts.font_for(c, role) is not None for c in printable_text(ch) if c != "\n")


def stand_in_message(fonts: FontSet | None = None, roles: Iterable[Role] = ROLES) -> str:
    """A sentence for the export message naming the faces that stood in for missing ones
    among ``roles`` (those an export drew: :func:`recording_roles`), e.g. 本机没有仿宋、楷体，
    已用AR PL SungtiL GB代替; empty when every face was found."""
    fonts = fonts or default_fonts()
    wanted = set(roles)
    by_face: dict[str, list[str]] = {}
    for role, used in fonts.stand_ins(r for r in ROLES if r in wanted):
        by_face.setdefault(used, []).append(ROLE_LABELS[role])
    parts = [f"没有{'、'.join(labels)}字体，已用{face}代替" for face, labels in by_face.items()]
    return ("本机" + "；".join(parts) + "。") if parts else ""
