"""Finding a unit or an activity by what the clerk types: part of the name, its pinyin, or its
pinyin initials (``dc`` finds 东村; ``cz`` finds 长治 though 长 is also read zhǎng).

pypinyin gives every reading of a 多音字, so initials match any of them.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _pypinyin() -> Any:
    """pypinyin, loaded at the first search rather than at start-up (it costs 0.1 s).

    Without its phrase dictionary: a phrase's reading would narrow a 多音字 to one reading,
    while search wants every reading of each character anyway; the dictionary alone costs
    0.25 s and 45 MiB. The variables are read once, when pypinyin is first imported.
    """
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    import pypinyin

    return pypinyin


@lru_cache(maxsize=20_000)
def _readings(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per character: (initials, full pinyin syllables), lower case; other characters as is."""
    found = []
    # pypinyin accepts a list from ``errors`` (one item per character), its stubs say str.
    keep: Any = list
    pypinyin = _pypinyin()
    style = pypinyin.Style
    initials = pypinyin.pinyin(text, style=style.FIRST_LETTER, heteronym=True, errors=keep)
    full = pypinyin.pinyin(text, style=style.NORMAL, heteronym=True, errors=keep)
    for first, whole in zip(initials, full, strict=True):
        found.append((frozenset(x.lower() for x in first), frozenset(x.lower() for x in whole)))
    return tuple(found)


def _match_from(readings, start: int, query: str) -> bool:
    """Does ``query`` spell the characters from ``start`` on, each by its initial or by its
    whole syllable (dongc, dcun, dongcun all find 东村)?"""
    if not query:
        return True
    if start >= len(readings):
        return False
    firsts, wholes = readings[start]
    for syllable in sorted(wholes, key=len, reverse=True):
        if (
            len(syllable) > 1
            and query.startswith(syllable)
            and _match_from(readings, start + 1, query[len(syllable) :])
        ):
            return True
    return query[0] in firsts and _match_from(readings, start + 1, query[1:])


def matches(text: str, query: str) -> bool:
    """True when ``query`` (spaces ignored, any case) is in ``text`` or spells a run of its
    characters in pinyin or pinyin initials."""
    q = "".join(query.split()).lower()
    if not q:
        return True
    if q in text.lower():
        return True
    if not q.isascii():
        return False
    readings = _readings(text)
    return any(_match_from(readings, i, q) for i in range(len(readings)))


def any_matches(texts, query: str) -> bool:
    return any(matches(t, query) for t in texts if t)
