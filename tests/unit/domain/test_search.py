"""Finding by name, pinyin or pinyin initials, with every reading of a 多音字."""

from anquanyue_desktop.domain.search import matches


def test_initials_full_pinyin_and_mixed():
    assert matches("东村", "dc") and matches("东村", "DC") and matches("东村", "dongcun")
    assert matches("东村", "dongc") and matches("东村（示例）", "dc")
    assert not matches("西坡村", "dc")
    # A run anywhere in the name: 卫生院 in 镇卫生院.
    assert matches("镇卫生院", "wsy") and not matches("镇卫生院", "wsyz")


def test_polyphones_match_any_reading():
    # 长 is cháng and zhǎng: 长治 is found by cz (pypinyin alone would give zz).
    assert matches("长治市荫城建材有限公司", "cz")
    assert matches("长治市荫城建材有限公司", "zz")


def test_plain_text_and_empty_query():
    assert matches("荫城镇中心学校", "中心") and matches("A公司", "a公")
    assert matches("任何单位", "") and matches("任何单位", "  ")
    assert not matches("东村", "东x")
