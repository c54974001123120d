"""Font resolution, per-character fallback and the missing-glyph error."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from anquanyue_desktop.exports.fonts import (
    LATIN_FALLBACK_FONT,
    FontSet,
    MissingGlyphError,
    can_print,
    default_fonts,
    printable_text,
    recording_roles,
    registered_fonts,
    stand_in_message,
)
from anquanyue_desktop.resources import BUNDLED_CJK_FONT, BUNDLED_SERIF_FONT


@pytest.fixture
def fonts() -> FontSet:
    """The font set of a machine without Windows fonts: the bundled font for every role."""
    return FontSet(system_dirs=[])


@pytest.fixture
def windows_dir(tmp_path: Path, stand_in) -> Path:
    """A fake %WINDIR%\\Fonts holding 仿宋 and 黑体 (stand-ins for the real files)."""
    folder = tmp_path / "Fonts"
    folder.mkdir()
    for name in ("simfang.ttf", "SIMHEI.TTF"):
        stand_in(folder / name)
    return folder


def test_without_windows_fonts_the_bundled_serif_serves_body_and_titles(fonts: FontSet) -> None:
    for role in ("song", "fangsong", "kai", "xiaobiaosong"):
        assert fonts.font(role).source.path == BUNDLED_SERIF_FONT
    assert fonts.font("hei").source.path == BUNDLED_CJK_FONT  # 黑体 is a sans face
    assert default_fonts().font("song").source.path.name in (BUNDLED_SERIF_FONT.name, "simsun.ttc")
    assert stand_in_message(fonts) == (
        "本机没有宋体、仿宋、楷体、小标宋字体，已用AR PL SungtiL GB代替；"
        "没有黑体字体，已用Droid Sans Fallback代替。"
    )


def test_the_message_names_only_the_faces_that_are_missing(windows_dir: Path, stand_in) -> None:
    for name in ("simsun.ttc", "simkai.ttf", "FZXBSJW.TTF"):
        stand_in(windows_dir / name)
    assert stand_in_message(FontSet(system_dirs=[windows_dir])) == ""
    (windows_dir / "FZXBSJW.TTF").unlink()
    assert (
        stand_in_message(FontSet(system_dirs=[windows_dir])) == "本机没有小标宋字体，已用黑体代替。"
    )


def test_can_print_says_whether_some_font_has_the_character(fonts: FontSet) -> None:
    assert can_print("荫", fonts=fonts) and can_print("“A1”", fonts=fonts)
    assert can_print("\u200b", fonts=fonts)  # invisible: dropped, not a box
    assert not can_print("𠀀", fonts=fonts)


def test_windows_faces_are_found_and_missing_ones_fall_back(windows_dir: Path) -> None:
    fonts = FontSet(system_dirs=[windows_dir])
    assert fonts.font("fangsong").source.label == "仿宋"
    assert fonts.font("hei").source.path.name == "SIMHEI.TTF"  # found whatever the case
    assert fonts.font("kai").source.label == "仿宋"  # no 楷体: 仿宋 before the bundled font
    assert fonts.font("xiaobiaosong").source.label == "黑体"  # no 方正小标宋: 黑体
    assert fonts.font("song").source.path == BUNDLED_SERIF_FONT  # no 宋体
    assert not fonts.fake_bold("xiaobiaosong")  # 黑体 is heavy already
    assert [s.label for s in fonts.candidates("xiaobiaosong")] == ["黑体", "AR PL SungtiL GB"]


def test_xiaobiaosong_is_preferred_when_installed(windows_dir: Path, stand_in) -> None:
    stand_in(windows_dir / "FZXBSJW.TTF")
    fonts = FontSet(system_dirs=[windows_dir])
    assert fonts.font("xiaobiaosong").source.label == "方正小标宋简体"


def test_a_font_that_cannot_be_loaded_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "simsun.ttc").write_bytes(b"not a font at all")
    with caplog.at_level(logging.WARNING):
        fonts = FontSet(system_dirs=[tmp_path])
        assert fonts.font("song").source.path == BUNDLED_SERIF_FONT
    assert "宋体" in caplog.text


def test_headings_without_a_heavy_face_are_drawn_bold(fonts: FontSet) -> None:
    assert fonts.fake_bold("xiaobiaosong")
    assert fonts.fake_bold("hei")
    assert not fonts.fake_bold("song")


def test_characters_the_font_lacks_fall_back_per_character(fonts: FontSet) -> None:
    # Droid Sans Fallback (黑体's stand-in) has no Latin letters, digits or curly quotes:
    # the serif draws them.
    assert fonts.missing_glyphs("荫城镇“A1”", "hei") == ["“", "A", "1", "”"]
    assert fonts.missing_glyphs("荫城镇“A1”", "song") == []
    assert fonts.unrenderable("荫城镇“A1”", "hei") == []
    runs = fonts.runs("荫城镇“A1”", "hei")
    assert "".join(text for _, text in runs) == "荫城镇“A1”"
    assert [text for _, text in runs] == ["荫城镇", "“A1”"]
    # Beyond GB 2312 the serif hands over to Droid Sans Fallback.
    assert fonts.missing_glyphs("堃", "song") == ["堃"] and fonts.unrenderable("堃", "song") == []
    assert runs[1][0] != runs[0][0]
    assert fonts.width("荫城镇", "song", 12) == pytest.approx(36)


def test_a_character_no_font_has_raises_with_its_code_point(fonts: FontSet) -> None:
    assert fonts.unrenderable("好𠀀好", "song") == ["𠀀"]
    with pytest.raises(MissingGlyphError) as err:
        fonts.runs("好𠀀好", "song")
    assert "字符“𠀀”(U+20000)在字体中不存在" in str(err.value)
    assert err.value.chars == ("𠀀",)
    with pytest.raises(MissingGlyphError, match=r"^第3行：字符“𠀀”\(U\+20000\)、“𠀁”\(U\+20001\)"):
        fonts.check("𠀀①𠀁", "song", where="第3行")


def test_invisible_format_characters_are_removed_visible_ones_kept() -> None:
    assert printable_text("荫\u200b城\ufeff镇\u00ad\tA\r\nB") == "荫城镇 A\nB"
    assert printable_text("葛\U000e0100") == "葛"


def test_fonts_are_registered_once_and_lazily() -> None:
    fonts = FontSet(system_dirs=[])
    assert fonts._fallbacks is None  # nothing beyond the primary font loaded yet
    before = len(registered_fonts())
    fonts.font("song")
    fonts.font("fangsong")
    assert len(registered_fonts()) == before or before == 0  # shared, not registered again
    loaded = {f.source.path: f for f in registered_fonts()}
    assert BUNDLED_SERIF_FONT in loaded
    assert 0 < loaded[BUNDLED_SERIF_FONT].seconds < 5
    assert LATIN_FALLBACK_FONT.is_file()


def test_unknown_role_is_refused(fonts: FontSet) -> None:
    with pytest.raises(ValueError, match="未知的字体角色"):
        fonts.candidates("mincho")  # type: ignore[arg-type]


def test_an_export_names_only_the_stand_ins_of_the_faces_it_draws(
    fonts: FontSet, tmp_path: Path
) -> None:
    """A roster has no 仿宋 body text: its message does not say 仿宋 is missing."""
    import threading
    from datetime import date

    from anquanyue_desktop.domain.campaign import Campaign
    from anquanyue_desktop.domain.units import Unit
    from anquanyue_desktop.exports.roster import write_roster_pdf

    with recording_roles() as drawn:
        write_roster_pdf(
            Campaign(year=2022, issuer="荫城镇人民政府"),
            [Unit(name="东村")],
            tmp_path / "名册.pdf",
            generated_on=date(2022, 6, 30),
            fonts=fonts,
        )
    assert "song" in drawn and "fangsong" not in drawn
    message = stand_in_message(fonts, drawn)
    assert "宋体" in message and "仿宋" not in message
    assert stand_in_message(fonts, ["hei", "song"]) == (  # in the usual order, whatever given
        "本机没有宋体字体，已用AR PL SungtiL GB代替；没有黑体字体，已用Droid Sans Fallback代替。"
    )
    # Another thread's drawing is its own export's, not this one's.
    with recording_roles() as mine:
        worker = threading.Thread(target=lambda: fonts.runs("东村", "kai"))
        worker.start()
        worker.join()
        fonts.runs("东村", "hei")
    assert mine == {"hei"}
