"""Key dated moments of the campaign that are not deadlines: 安全宣传咨询日, 启动仪式 …"""

from __future__ import annotations

import re
from datetime import date

from .layout import Layout
from .model import Event, Span
from .timexpr import date_phrases, resolve

# (pattern, name); a name None means the matched words themselves.
_EVENT_WORDS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"安全宣传咨询日|咨询日"), "安全宣传咨询日"),
    (re.compile(r"启动仪式|启动会|启动大会"), "启动仪式"),
    (re.compile(r"动员大会|动员会|部署会|推进会|现场会|观摩会"), None),
    (re.compile(r"开放日|宣传日|体验日"), None),
    (re.compile(r"[“\"「](?P<n>[^”\"」\n]{2,16})[”\"」]\s*(?:主题|宣传|集中)?\s*活动"), "quoted"),
    (re.compile(r"(?:应急|消防|疏散|逃生)?演练(?:活动)?"), None),
    (re.compile(r"知识竞赛|培训班|专题讲座|集中宣传"), None),
)
_DOT_DATE = re.compile(
    r"(?<!\d)(?P<m>\d{1,2})\s*[·•.]\s*(?P<d>\d{1,2})(?!\d)\s*(?P<w>[\u4e00-\u9fff]{0,6}?(?:咨询日|宣传日|纪念日))"
)
_NEAR = 60
# Any of the words above, each alternative spelled to start with a literal character: the
# search over the whole text then jumps from one possible first character to the next
# instead of trying every alternative at every position (same matches, same order).
_ANY_EVENT_WORD = re.compile(
    r"安全宣传咨询日|咨询日|启动仪式|启动会|启动大会"
    r"|动员大会|动员会|部署会|推进会|现场会|观摩会|开放日|宣传日|体验日"
    r"|“[^”\"」\n]{2,16}[”\"」]\s*(?:主题|宣传|集中)?\s*活动"
    r"|\"[^”\"」\n]{2,16}[”\"」]\s*(?:主题|宣传|集中)?\s*活动"
    r"|「[^”\"」\n]{2,16}[”\"」]\s*(?:主题|宣传|集中)?\s*活动"
    r"|应急演练(?:活动)?|消防演练(?:活动)?|疏散演练(?:活动)?|逃生演练(?:活动)?|演练(?:活动)?"
    r"|知识竞赛|培训班|专题讲座|集中宣传"
)
MAX_SENTENCES = 500


def find_events(lay: Layout, year: int, taken: list[tuple[int, int]]) -> list[Event]:
    """Single dates with an event word near them in the same sentence; ``taken`` are
    spans already read as deadlines, periods or the date of issue."""
    out: list[Event] = []
    appendix = lay.appendix_start if lay.appendix_start >= 0 else len(lay.norm)

    def add(what: str, on: date, span: Span) -> None:
        if not any(e.what == what and e.on == on for e in out):
            out.append(Event(what, on, span))

    index = lay.dates()
    for k, si in enumerate(lay.sentences_with(_ANY_EVENT_WORD)):
        sent = lay.sents[si]
        if sent.start >= appendix or k >= MAX_SENTENCES:
            break
        s = lay.norm[sent.start : sent.end]
        if len(s) > 600 or not (index.any_between(sent.start, sent.end) or "咨询日" in s):
            continue
        for m in _DOT_DATE.finditer(s):
            try:
                dot_on = date(year, int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            name = "安全宣传咨询日" if "咨询日" in m["w"] else m["w"]
            add(name, dot_on, (sent.start + m.start(), sent.start + m.end()))
        # Each kind of event word looked for once per sentence, when a date first needs it.
        words: dict[int, list[re.Match[str]]] = {}
        for ph in date_phrases(lay.norm, sent.start, sent.end, index=index):
            if ph.range_end is not None or len(ph.dates) != 1 or ph.dates[0].day is None:
                continue
            if ph.tail.marker:
                continue  # 6月16日前 is a deadline's date, never an event's
            if any(a <= ph.start < b for a, b in taken):
                continue
            on, _ = resolve(ph.dates[0], year)
            if on is None:
                continue
            best = None
            for kind, (pattern, name) in enumerate(_EVENT_WORDS):
                if kind not in words:
                    words[kind] = list(pattern.finditer(s))
                for m in words[kind]:
                    a, b = sent.start + m.start(), sent.start + m.end()
                    dist = a - ph.end if a >= ph.end else ph.start - b
                    if dist > _NEAR:
                        continue
                    what = m["n"] + "活动" if name == "quoted" else (name or m.group())
                    if name == "quoted" and "安全生产月" in m["n"] and "启动" not in s:
                        continue
                    if best is None or dist < best[0]:
                        best = (dist, what, min(a, ph.start), max(b, ph.end))
                if best is not None:
                    break
            if best:
                add(best[1], on, (best[2], best[3]))
    out.sort(key=lambda e: (e.on, e.span[0]))
    return out
