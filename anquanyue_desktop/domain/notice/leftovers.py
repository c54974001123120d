"""Sentences that may state a deadline the reader did not read (可能遗漏的报送要求).

Hand-written rules do not carry over to every notice: on real text the reader finds about
seven deadlines in ten. The rest is left to the clerk's review, which should not make them
read the whole notice again. So this points at the clauses (a table row counts as one)
that hold a *when* — a date, a range, a repeat (每周五), an at-once word (立即), a count
of days (3个工作日内) — and a *delivery* — a delivery verb (报送, 上报, 提交, 反馈 …) or,
beside a date with 前, a thing that is delivered (总结, 统计表 …) — where no found deadline
lies. The when and the verb are the reader's own (its time layer and verb lexicon, with its
filters), so a word the reader learns is learnt here too.

Not leftovers: clauses a found deadline covers; dates already shown as 重要日子, 活动时间
or the date of issue; a range or a date without 前 whose clause has no delivery verb of its
own; 及时报送 alone and 也可随时报送 (no deadline, by the reader's rule either).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from ..deadlines import DIRECTION_IN, ONCE, Deadline, DeadlineRule, shift_year
from .layout import Layout
from .model import FoundDeadline, Leftover, Span
from .reporting import (
    PAUSED,
    VERB_HINT,
    Clause,
    Context,
    Verb,
    When,
    subject_to,
    thing_delivered,
    verbs_in,
    what_in,
    whens_in,
)
from .text import Seg, clauses, tidy
from .timexpr import DateMention, Repeat, resolve

# Things a notice asks to be handed in: with a date and 前 they ask for a delivery even
# where no verb is written (工作总结：6月25日前).
_THINGS = re.compile(
    r"总结|方案|计划(?!生育)|报表|统计表|汇总表|登记表|推荐表|反馈表|申报表|回执|名单|名册|台账|"
    r"[周月季年简快]报(?![名道告表刊纸警价销关废酬复批考账案到])|报告(?![会厅])|稿件|作品|联络员"
)
# Done to a thing, not handing it over: its date is the work's (完成整改方案, 制定计划).
_MADE = re.compile(
    r"完成|开展|组织|举办|召开|举行|进行|启动|制定|制订|编制|撰写|起草|形成|整理|准备|做好|落实|修订|学习|宣传"
)
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff“”《》]")
_LIST_JOIN = re.compile(r"[和及与、]")
_BA_NEXT = re.compile(r"\s*[,]?\s*(?:各[^,。;将把]{1,10})?[将把]")
_NOT_YET = re.compile(r"未|尚未|没有|仍有")
_LABEL_MAX = 20  # a label's words (工作总结, 联络员推荐表), not a sentence's
# Due-phrases the time layer gives no date: 25日前 (the month unsaid), 中午12时前, 下班前.
_DUE = re.compile(
    r"(?=[\d上中下晚周星礼节])(?:"
    r"(?<![\d月年./-])\d{1,2}\s*[日号]\s*(?:之前|以前|前(?![后期夕]))"
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\s*(?:之前|以前|前(?![后期夕]))"  # 5.28前
    r"|(?:上午|中午|下午|晚上)?\s*\d{1,2}\s*(?::\d{2}|[点时](?:\s*\d{1,2}\s*分|半)?)\s*(?:之前|以前|前(?![后期夕]))"
    r"|(?:周|星期|礼拜)[一二三四五六日天]\s*(?:之前|以前|前(?![后期夕]))"  # 第二周周五前
    r"|(?<=[\u4e00-\u9fff]{2})节\s*(?:之前|以前|前(?![后期夕]))"  # 端午节前
    r"|下班前)"
)
_NOT_NAME = "于在至到请须应要将把前"
_HOUR_ONLY = re.compile(r"(?:上午|中午|下午|晚上)?\s*\d{1,2}\s*(?::\d{2}|[点时])|下班前")
# Right before a verb, an at-once word is its own (立即上报, 立即将…报送, 第一时间向…报告).
_CLOSE = re.compile(r"\s*(?:地|予以|要|须|必须|应)?\s*(?:[将把向][^,。;]{0,30}?)?")
# A when counted from an event (考试结束后一周内, 开学两周内, 期满后15日内).
_AFTER_EVENT = re.compile(r"(?:后|起|结束|开学|之日)\s*(?:的)?\s*$")
_PERIOD_END = re.compile(r"期满|终了|届满|到期")
# Weak verbs of the reader that need not hand anything over: with a date without 前 they
# say when something is given out or opens (5月19日在网站公布, 113年7月9日…受理捐赠).
_NOT_HANDING = re.compile(r"提供|公布|受理|申请|发布|提出|登录|填写")
# Acts that hand something in or sign someone up, outside the reader's lexicon: as its
# verbs they invented more deadlines than they found (注册 is also a state, 登记 a ledger),
# but beside a date with 前 or a range they are worth the clerk's glance.
_REVIEW_VERB = re.compile(
    r"(?=[注登缴交上送寄推申解])(?<![未不没否已])"
    r"(?:注册|登记(?!成立|在册)|缴纳|缴交|交纳|上交|交回|送达|寄出|推荐(?![表信])|申领|解缴)"
)
_FROM = re.compile(r"\s*(?:\([^()]{0,8}\)\s*)?(?:起|开始)")
# Work right after a when: the when is its (于1月26日前进行系统测试).
_WORK_NEXT = re.compile(r"\s*(?:进行|完成|开展|组织|举办|召开|举行|启动|制定|检查|整改|处理)")
# Kinds of when that say by when on their own; a date without 前 (loose) and a range that
# is no window need a delivery verb in their own clause.
_FIRM = frozenset({"repeat", "asap", "relative", "window", "due"})
MAX_EXAMINED = 400  # sentences looked at: a real notice has a few hundred at most
MAX_LEFTOVERS = 60  # past this the text is no notice a clerk reviews line by line
SHORT = 48  # characters of a leftover's line in the review list
_LABEL_LINE = 60  # a line naming a thing and its date, read here when the reader did not


# A flagged run of clauses (first and last, then as offsets), its whens, its verb or else
# its thing.
_Flag = tuple[int, int, list[When], Verb | None, Span | None]


@dataclass
class _Unit:
    """A clause (or a table row): taken when a found deadline lies in it or it is the
    issuing office's own plan; its whens, and its verbs once asked for."""

    seg: Seg
    taken: bool
    whens: list[When] = field(default_factory=list)
    _verbs: list[Verb] | None = None

    def verbs(self, ctx: Context) -> list[Verb]:
        if self._verbs is None:
            self._verbs = verbs_in(ctx, self.seg.start, self.seg.end)
        return self._verbs


class _Spans:
    """Spans looked up by position: does one overlap [a, b), does one hold ``pos``."""

    def __init__(self, spans: Iterable[Span]):
        self.spans = sorted((a, b) for a, b in spans if b > a)
        self.starts = [a for a, _ in self.spans]
        # The furthest end among the spans starting at or before each one.
        self.reach: list[int] = []
        far = -1
        for _, b in self.spans:
            far = max(far, b)
            self.reach.append(far)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b) - 1
        return i >= 0 and self.reach[i] > a

    def holds(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)

    def covers(self, a: int, b: int) -> bool:
        """Whether the spans together cover all of [a, b) but blanks and punctuation."""
        i = max(0, bisect.bisect_right(self.starts, a) - 1)
        pos = a
        while i < len(self.spans) and self.spans[i][0] <= pos + 2 and pos < b:
            pos = max(pos, self.spans[i][1])
            i += 1
        return pos >= b - 1


def find_leftovers(
    ctx: Context,
    deadlines: Sequence[FoundDeadline],
    shown: Iterable[Span] = (),
) -> list[Leftover]:
    """The clauses of the notice read in ``ctx`` that look like they ask for a delivery by
    some time, where none of the found ``deadlines`` lies. ``shown``: spans the review
    shows otherwise (重要日子, 活动时间, the date of issue); a date inside one is accounted
    for."""
    lay = ctx.lay
    norm = lay.norm
    taken = _Spans(d.span for d in deadlines)
    due = {d.on for d in deadlines if d.kind == ONCE and d.on}
    kinds = {d.kind for d in deadlines}
    other = _Spans(shown)
    # The sentences the reader read (a when and a verb; their clauses as it read them), and
    # short ones with a date and a thing delivered (工作总结：6月25日前), read here.
    read = dict(ctx.examined)
    index = ctx.dates
    dated = {lay.sentence_index(d.start) for d in index.dms[: MAX_EXAMINED * 4]}
    labels = [
        si
        for si in dated
        if si not in read
        and lay.sents[si].end - lay.sents[si].start <= _LABEL_LINE
        and _THINGS.search(norm, *lay.sents[si])
    ]
    # Sentences with a due-phrase the time layer gives no date (端午节前, 5.28前) and a verb.
    due_only = {
        si
        for si in _due_sentences(lay)
        if si not in read and VERB_HINT.search(norm, *lay.sents[si])
    }
    # Sentences with a date and an act of handing in the reader does not count as one.
    review_only = {
        si for si in dated if si not in read and _REVIEW_VERB.search(norm, *lay.sents[si])
    }
    out: list[Leftover] = []
    for k, si in enumerate(sorted({*read, *labels, *due_only, *review_only})):
        if k >= MAX_EXAMINED or len(out) >= MAX_LEFTOVERS:
            break
        seg = lay.sents[si]
        if taken.covers(seg.start, seg.end):
            continue
        if si in read:
            units = _read_units(ctx, seg, read[si], taken)
        else:
            segs = clauses(norm, seg)
            units = [_Unit(c, taken.overlaps(*c)) for c in segs]
            for u in units:
                if not u.taken:
                    u.whens = whens_in(ctx, *u.seg)
        for u in units:
            if not u.taken:
                u.whens = _cues(ctx, u, other, kinds)
        read_here = any(taken.overlaps(*u.seg) for u in units)
        for a, b, whens, verb, thing in _flagged(ctx, units):
            dates = _dates(ctx, whens)
            if lay.in_appendix(a) and dates and set(dates) <= due:
                continue  # a form's note (请于5月31日前报送) repeating the notice's own date
            if read_here and not _new_day(norm, whens, dates, due):
                # 即时汇报：…应在第一时间口头报告 / 每周报送台账，即3月3日、10日…前报送: the
                # sentence's deadline is read; only another day would be another deadline.
                continue
            lo = _make(ctx, a, b, whens, verb, thing, dates)
            if lay.in_table(a) and _said_already(lo, deadlines):
                continue  # a table row summing up a deadline the prose gave (活动总结 | 7月4日前)
            out.append(lo)
    return out[:MAX_LEFTOVERS]


def _said_already(lo: Leftover, deadlines: Sequence[FoundDeadline]) -> bool:
    """Each of the leftover's dates is a read deadline's, for the same thing."""
    return bool(lo.dates and lo.what) and all(
        any(d.on == day and (d.what in lo.what or lo.what in d.what) for d in deadlines)
        for day in lo.dates
    )


def _due_sentences(lay: Layout) -> Iterator[int]:
    """The sentences with a due-phrase: each ends in 前, looked for only before one."""
    norm = lay.norm
    pos = norm.find("前")
    for _ in range(MAX_EXAMINED * 4):
        if pos < 0:
            return
        if _DUE.search(norm, max(0, pos - 16), pos + 1):
            yield lay.sentence_index(pos)
        pos = norm.find("前", pos + 1)


def _new_day(norm: str, whens: list[When], dates: list[date], due: set[date]) -> bool:
    """Whether the whens name a day no read deadline has: a date, or a due-phrase with a
    day in it (5.28前, 周五前, 端午节前); not an hour, a repeat or an at-once word alone."""
    if any(d not in due for d in dates):
        return True
    return any(w.kind == "due" and not _HOUR_ONLY.match(norm, w.start, w.end) for w in whens)


def _read_units(ctx: Context, seg: Seg, cls: list[Clause], taken: _Spans) -> list[_Unit]:
    """The reader's clauses of a sentence as units; a table row is one."""
    if ctx.lay.in_table(seg.start) and len(cls) > 1:
        whens = sorted((w for c in cls for w in c.whens), key=lambda w: w.start)
        verbs = sorted((v for c in cls for v in c.verbs), key=lambda v: v.start)
        return [_Unit(seg, taken.overlaps(*seg), whens, verbs)]
    return [_Unit(c.seg, c.skip or taken.overlaps(*c.seg), list(c.whens), c.verbs) for c in cls]


def _cues(ctx: Context, u: _Unit, other: _Spans, kinds: set[str]) -> list[When]:
    """The clause's whens that can say by when and the review shows nowhere else, and the
    due-phrases the time layer gives no date (5日前, 中午12时前, 下班前)."""
    norm = ctx.lay.norm
    a, b = u.seg
    # Every due-phrase ends in 前: a clause without one is not searched for them.
    dues = list(_DUE.finditer(norm, a, b)) if norm.find("前", a, b) >= 0 else []
    if not u.whens and not dues:
        return []  # (most clauses: no more to look at)
    if PAUSED.search(norm, a, b):
        return []  # 4月12日-6月30日暂停上传: nothing is due then
    named = _Spans(subject_to(norm, a, b)) if "实行" in norm[a:b] else None
    out = [
        w
        for w in u.whens
        if _counts(norm, w, a)
        and not other.holds(w.start)
        # 实行每月或者每季度期满后15日内申报纳税的各税种: what things are subject to.
        and not (named and named.holds(w.start))
        # 月度快报每月报送一次: the rule a found deadline of its kind says more of.
        and not (w.repeat is not None and w.repeat.kind in kinds and _dayless(w.repeat))
    ]
    for m in dues:
        if not any(w.start <= m.start() < w.end for w in out) and not other.holds(m.start()):
            start = m.start()
            if norm.startswith("节", start):  # 端午节前: the festival's name is the when's
                while start > max(a, m.start() - 3) and norm[start - 1] not in _NOT_NAME:
                    if not _NAME_CHAR.match(norm, start - 1):
                        break
                    start -= 1
            out.append(When(start, m.end(), "due"))
    return sorted(out, key=lambda w: w.start)


def _counts(norm: str, w: When, a: int) -> bool:
    if w.at_once is not None and (w.at_once.prompt_only or w.at_once.optional):
        return False  # 及时将…报送 / 也可随时报送: promptness, no deadline
    if w.relative is not None and not w.relative.from_notice:
        # 考试结束后两周内: counted from an event the notice cannot date (期满之日起15日内
        # and 年度终了后45日内 count from a period's end, a date).
        before = norm[max(a, w.start - 8) : w.start]
        return _PERIOD_END.search(before) is not None or not _AFTER_EVENT.search(before)
    ph = w.phrase
    if ph is not None and (w.loose or w.kind == "span"):
        if all(d.day is None and not d.part for d in [*ph.dates, ph.range_end] if d):
            return False  # 十月份…报送情况通报如下: which month, not by when
        if _FROM.match(norm, ph.end):
            return False  # 2010年10月开始上报: when it starts
    return True


def _dayless(r: Repeat) -> bool:
    """每月 / 每周 / 每日 said without its day, weekday or time."""
    return not (r.day_of_month or r.weekdays or r.month_end or r.tail.at or r.tail.marker)


def _firm(w: When) -> bool:
    """Says by when on its own: not a date without 前 nor a range that is no window."""
    return w.kind in _FIRM or (w.kind == "date" and not w.loose)


def _verb_for(norm: str, whens: list[When], verbs: list[Verb], row: bool) -> Verb | None:
    """The delivery verb these whens are for, if any: an at-once word only right before
    its verb (立即上报, 第一时间将…报送; not 立即处理，并及时上报); a date without 前 only with
    a verb that surely delivers (not 提供, 公布); a when followed by work (前进行系统测试)
    is the work's."""
    for v in verbs:
        ok = []
        for w in whens:
            if w.at_once is not None:
                gap = norm[w.end : v.start] if v.start >= w.end else None
                if gap is None or not _CLOSE.fullmatch(gap):
                    continue
            elif not _firm(w) and (
                (v.start < w.end and not row)
                or (v.weak and _NOT_HANDING.search(norm, v.start, v.end))
            ):
                continue  # a date without 前 is due only for a verb after it (6月5日报送;
                # a table row's columns come in any order)
            if v.start < w.start and _WORK_NEXT.match(norm, w.end):
                continue
            ok.append(w)
        if ok:
            return v
    return None


def _review_verbs(norm: str, seg: Seg) -> list[Verb]:
    return [Verb(m.start(), m.end(), weak=True) for m in _REVIEW_VERB.finditer(norm, *seg)]


def _flagged(ctx: Context, units: list[_Unit]) -> list[_Flag]:
    """The runs of clauses of one sentence that look like a delivery asked by some time,
    as (start, end, whens, verb, thing)."""
    norm = ctx.lay.norm
    flagged: list[_Flag] = []
    for i, u in enumerate(units):
        if u.taken or not u.whens:
            continue
        row = ctx.lay.in_table(u.seg.start)
        verb = _verb_for(norm, u.whens, u.verbs(ctx), row) or _verb_for(
            norm, u.whens, _review_verbs(norm, u.seg), row
        )
        if verb is not None:
            flagged.append((i, i, u.whens, verb, None))
            continue
        firm = [w for w in u.whens if _firm(w) and w.at_once is None]
        if not firm or _MADE.search(norm, u.seg.start, u.seg.end):
            continue  # 每日进行例行检查: the when is the work's
        # 6月25日之前，将总结报送…: the verb in the clause after the when, if that clause
        # has no when of its own.
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and not nxt.taken and not nxt.whens and nxt.verbs(ctx):
            flagged.append((i, i + 1, firm, nxt.verbs(ctx)[0], None))
            continue
        # 工作总结：6月25日前 / 活动总结（6月25日前）: a thing named beside the date.
        for j in (i, i - 1, i + 1):
            if 0 <= j < len(units) and (j == i or not (units[j].taken or units[j].whens)):
                thing = _thing_alone(norm, units[j])
                if thing is not None:
                    flagged.append((min(i, j), max(i, j), firm, None, thing))
                    break
    # Clauses flagged one after another are one leftover (its whens and its first verb).
    merged: list[_Flag] = []
    for f in flagged:
        if merged and f[0] <= merged[-1][1] + 1:
            a, b, ws, v, t = merged[-1]
            merged[-1] = (
                a,
                max(b, f[1]),
                ws + [w for w in f[2] if w not in ws],
                v or f[3],
                t or f[4],
            )
        else:
            merged.append(f)
    return [(units[a].seg.start, units[b].seg.end, ws, v, t) for a, b, ws, v, t in merged]


def _dates(ctx: Context, whens: list[When]) -> list[date]:
    """The dates the whens hold, in order, each once (of a window, its last day)."""
    dates: list[date] = []
    for w in whens:
        ph = w.phrase
        if ph is None:
            continue
        mentions: list[DateMention] = (
            [ph.range_end] if w.kind == "window" and ph.range_end else [*ph.dates]
        )
        if w.kind != "window" and ph.range_end is not None:
            mentions.append(ph.range_end)
        for dm in mentions:
            on, _ = resolve(dm, ctx.year, "end" if dm is ph.range_end else "point")
            if on is not None and on not in dates:
                dates.append(on)
    return dates


def _make(
    ctx: Context,
    a: int,
    b: int,
    whens: list[When],
    verb: Verb | None,
    thing: Span | None,
    dates: list[date],
) -> Leftover:
    lay = ctx.lay
    at: time | None = next((w.phrase.tail.at for w in whens if w.phrase and w.phrase.tail.at), None)
    what = ""
    if verb is not None:
        what = thing_delivered(ctx, a, b, verb, whens)
        said = lay.norm[verb.start : verb.end]
        evidence = [(w.start, w.end) for w in whens] + [(verb.start, verb.end)]
    else:
        assert thing is not None
        said = lay.norm[thing[0] : thing[1]]
        evidence = [(w.start, w.end) for w in whens] + [thing]
        what = _thing_named(ctx, a, b, thing, whens)
    cue = _cue_word(lay.norm, whens)
    return Leftover(
        span=(a, b),
        text=tidy(lay.text[a:b]),
        reason=f"含{cue}和“{said}”，未读出报送节点",
        dates=tuple(dates),
        at=at if len(dates) == 1 else None,
        what=what,
        evidence=tuple(sorted(evidence)),
    )


def _thing_alone(norm: str, u: _Unit) -> Span | None:
    """A thing delivered, named like a label beside its date, nothing done to it
    (工作总结：6月25日前; not 6月30日前完成整改方案, where the date is the work's, nor
    总结考评阶段, where 总结 is no thing)."""
    rest = list(norm[u.seg.start : u.seg.end])
    for w in u.whens:
        for i in range(w.start - u.seg.start, w.end - u.seg.start):
            rest[i] = " "
    words = "".join(rest)
    if _MADE.search(words) or _NOT_YET.search(words):
        return None
    # 8月6日前将推荐工作报告、…汇总表…: 将 after a date with 前 hands the thing over.
    handed = any(_BA_NEXT.match(norm, w.end) for w in u.whens if _firm(w))
    if len(words.replace(" ", "")) > _LABEL_MAX and not handed:
        return None
    for thing in _THINGS.finditer(words):
        if not _NAME_CHAR.match(words, thing.end()) or _LIST_JOIN.match(words, thing.end()):
            return u.seg.start + thing.start(), u.seg.start + thing.end()
    return None


def _thing_named(ctx: Context, a: int, b: int, thing: tuple[int, int], whens: list[When]) -> str:
    """工作总结：6月25日前 → 工作总结: the run of words the thing ends or begins."""
    norm = ctx.lay.norm
    stops = {p for w in whens for p in range(w.start, w.end)}
    start, end = thing
    while start > a and start - 1 not in stops and _NAME_CHAR.match(norm, start - 1):
        start -= 1
    while end < b and end not in stops and _NAME_CHAR.match(norm, end):
        end += 1
    return what_in(ctx, start, end)


def _cue_word(norm: str, whens: list[When]) -> str:
    """How the reason names the when: 日期, or the words (每周五, 立即, 3个工作日内)."""
    first = whens[0]
    if first.phrase is not None:
        return "日期和时刻" if first.phrase.tail.at else "日期"
    words = norm[first.start : first.end].strip()
    return f"“{words[:10]}”"


def shortened(text: str, limit: int = SHORT) -> str:
    """One line of at most ``limit`` characters, …-ended when cut."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def leftover_deadline(lo: Leftover, direction: str = DIRECTION_IN, years: int = 0) -> Deadline:
    """The deadline a leftover suggests, for the clerk to complete: once, on its date when
    it holds exactly one (none otherwise), titled with the thing delivered where found,
    else with the sentence; the sentence kept in the notes, as found deadlines keep theirs.
    ``years``: how far the review moved the notice's year (its dates move with it)."""
    on = lo.dates[0] if len(lo.dates) == 1 else None
    title = lo.what or shortened(lo.text, 40)
    d = Deadline(
        campaign_id=None,
        title=title,
        rule=DeadlineRule(ONCE, on=on, at=lo.at if on else None),
        direction=direction,
        notes=f"通知原文：{lo.text}",
    )
    return shift_year(d, years) if years else d
