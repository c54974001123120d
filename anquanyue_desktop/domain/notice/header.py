"""The campaign facts of a notice: issuer, date of issue, year, 第N个, theme, periods,
contacts and attachments."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..campaign import FIRST_CAMPAIGN_YEAR
from ..phone import normalize_phone
from .layout import ENUM, Layout
from .model import DEFAULT_PERIOD_NAME, Attachment, Contact, Found, Period
from .text import cn_int, tidy
from .timexpr import date_phrases, resolve

ORG_SUFFIX = (
    r"(?:人民政府|政府|办事处|委员会|办公室|管理局|局|街道|镇|乡|站|中心|指挥部|安委会|安委办|"
    r"党委|党工委|管委会|公司|集团|厅|委|办|所|队|院|系统)"
)
_ORG_LINE = re.compile(rf"^[\u4e00-\u9fff()“”\"]{{2,40}}?{ORG_SUFFIX}$")
_CJK = r"\u4e00-\u9fff"
MAX_ITEMS = 200  # of each kind: a real notice has a handful; past that it is not a notice


def _clean_line(s: str) -> str:
    return "".join(s.replace("*", "").split())  # (str.split's blanks are \s's)


_FILE_SUFFIX = re.compile(r"文件$")


# Patterns of this module's smaller look-ups, compiled once.
_YEAR_20 = re.compile(r"(20\d{2})\s*年")
_YEAR_CHAR = re.compile("年")
_TIME_WORD_LINE = re.compile("时间|期间|日期")
_ATTACH_CHAR = re.compile("附")
_RUNS_BEFORE = re.compile(r"(?:活动|月)\s*(?:将|拟)?\s*(?:于|在|从|自)\s*$")
_COMRADE = re.compile(r"同志$")
_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}\s*[.、](?!\d)")
_LIST_OPENER = re.compile(r"^(?:以及|及|和|报送|上报|提交|填写|填报)")


def _orig(lay: Layout, a: int, b: int) -> str:
    return lay.text[a:b]


# Issuer and date of issue ----------------------------------------------------------------

_SIGNATURE_DATE = re.compile(
    r"^(?P<org>.*?)\s*\(?\s*(?P<date>(?:\d{4}|[零〇○一二三四五六七八九]{4})\s*年\s*\S{1,3}?\s*月\s*\S{1,3}?\s*日)\s*\)?\s*(?P<print>印发|发布|印)?\s*$"
)

_SIGNATURE_LAST = "日)发布印"


def find_signature(lay: Layout) -> tuple[Found[date] | None, Found[str] | None, int | None]:
    """落款: the date of issue (a line that is only a full date, maybe after the issuer's
    name) and the name signed above or before it. Lines ending in 印发 (the printing
    note at the foot) count only when there is no other. Returns the date, the signer and
    the end of the signature line."""
    best: tuple[Found[date], Found[str] | None, int] | None = None
    printed: tuple[Found[date], Found[str] | None, int] | None = None
    for i in lay.lines_with(_YEAR_CHAR):
        seg = lay.lines[i]
        body = lay.line_text(seg)
        # (A date of issue ends its line, after it at most ) and 印发/发布/印: a line ending
        # otherwise is not matched, the pattern trying each length of the name before it.)
        if len(body.strip()) > 60 or body.rstrip()[-1:] not in _SIGNATURE_LAST:
            continue
        m = _SIGNATURE_DATE.match(body)
        if not m:
            continue
        dms = lay.dates().between(seg.start + m.start("date"), seg.start + m.end("date"))
        if len(dms) != 1 or dms[0].year is None or dms[0].day is None:
            continue
        on, _ = resolve(dms[0], dms[0].year)
        if on is None:
            continue
        found_date = Found(on, (dms[0].start, dms[0].end))
        org = _clean_line(m["org"])
        signer: Found[str] | None = None
        if org:
            if not _ORG_LINE.match(org):
                continue
            signer = Found(
                tidy(_orig(lay, seg.start + m.start("org"), seg.start + m.end("org"))),
                (seg.start + m.start("org"), seg.start + m.end("org")),
            )
        else:
            j = lay.prev_nonblank_line(i)
            if j is not None:
                prev = lay.lines[j]
                name = _clean_line(lay.line_text(prev))
                if _ORG_LINE.match(name) and len(name) <= 40:
                    signer = Found(tidy(_orig(lay, prev.start, prev.end)), (prev.start, prev.end))
        entry = (found_date, signer, seg.end)
        if m["print"]:
            printed = printed or entry
        elif best is None:
            best = entry
    chosen = best or printed
    if chosen is None:
        return None, None, None
    if chosen is printed and best is None:
        # The printing office (党政办) is not the issuer.
        return chosen[0], None, chosen[2]
    return chosen


_FORWARDS = re.compile(r"(?:转发|印发)")
# 按照区政府关于…的规定 opens a sentence: a reason, not an issuer.
_BY_WHAT = re.compile(r"(?:按照|根据|依据|遵照|依照|为|经|对|由|请|在)")


def find_title_issuer(lay: Layout) -> Found[str] | None:
    """The issuer named at the top: “XX人民政府” above “关于…的通知”, or before 关于 on
    the title line itself."""
    seen = 0
    for i, seg in enumerate(lay.lines):
        body = lay.line_text(seg)
        if not body.strip():
            continue
        seen += 1
        if seen > 6:
            break
        clean = _clean_line(body)
        if "关于" in clean:
            k = body.index("关于") if "关于" in body else -1
            # XX办公室转发XX关于…: the issuer is who forwards it.
            fwd = _FORWARDS.search(body, 0, max(k, 0))
            if fwd:
                k = fwd.start()
            head = _clean_line(body[:k]) if k > 0 else ""
            head = _FILE_SUFFIX.sub("", head)
            if head and _ORG_LINE.match(head) and not _BY_WHAT.match(head):
                a = seg.start + len(body[:k]) - len(body[:k].lstrip())
                return Found(tidy(_orig(lay, a, seg.start + k)), (a, seg.start + k))
            continue
        name = _FILE_SUFFIX.sub("", clean)
        if len(name) <= 40 and _ORG_LINE.match(name):
            j = lay.next_nonblank_line(i)
            nxt = _clean_line(lay.line_text(lay.lines[j])) if j is not None else ""
            if "关于" in nxt or "通知" in nxt or "文件" in clean:
                a = seg.start + len(body) - len(body.lstrip())
                end = seg.end - (len(body) - len(body.rstrip()))
                if clean.endswith("文件"):
                    end = lay.norm.rfind("文件", a, seg.end)
                return Found(tidy(_orig(lay, a, end)), (a, end))
    return None


_DOC_NUMBER = re.compile(
    r"^\s*([\u4e00-\u9fff]{1,12}\s*[〔\[(]\s*\d{4}\s*[〕\])]\s*\d{1,4}\s*号)\s*$"
)


def find_document_number(lay: Layout) -> Found[str] | None:
    for seg in lay.lines[:20]:
        body = lay.line_text(seg)
        # (Only a line ending in 号 is matched: the pattern tries each length of the name.)
        m = _DOC_NUMBER.match(body) if body.rstrip().endswith("号") else None
        if m:
            a, b = seg.start + m.start(1), seg.start + m.end(1)
            return Found(tidy(_orig(lay, a, b)), (a, b))
    return None


# Year and 第N个 ---------------------------------------------------------------------------

_TITLE_YEAR = re.compile(r"(?P<y>20\d{2})\s*年(?:度)?[^。\n]{0,20}?安全生产月")
_ORDINAL = re.compile(
    r"第\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,4})\s*(?:个|届|次)\s*(?:全国\s*)?[“\"「]?\s*安全生产月"
)


def find_ordinal(lay: Layout) -> Found[int] | None:
    m = _ORDINAL.search(lay.norm)
    if not m:
        return None
    n = cn_int(m["n"])
    if not n or not 1 <= n <= 200:
        return None
    return Found(n, (m.start(), m.end()))


def find_year(
    lay: Layout, issued: Found[date] | None, ordinal: Found[int] | None, today: date
) -> Found[int]:
    head_end = lay.lines[min(len(lay.lines) - 1, 15)].end if lay.lines else 0
    # (A text that never says 安全生产月 is not searched for the year before it.)
    named = "安全生产月" in lay.norm
    m = _TITLE_YEAR.search(lay.norm, 0, max(head_end, min(len(lay.norm), 600))) if named else None
    if m:
        return Found(int(m["y"]), (m.start("y"), m.end("y")))
    if issued:
        return Found(issued.value.year, issued.span)
    if ordinal:
        return Found(
            FIRST_CAMPAIGN_YEAR - 1 + ordinal.value, ordinal.span, reason="由“第N个”推算年度"
        )
    m = _TITLE_YEAR.search(lay.norm) if named else None
    if m:
        return Found(int(m["y"]), (m.start("y"), m.end("y")))
    m = _YEAR_20.search(lay.norm)
    if m:
        return Found(int(m[1]), (m.start(1), m.end(1)), unsure=True, reason="通知未写明活动年度")
    return Found(today.year, None, unsure=True, reason="通知未写年份，按今年计")


# Theme ---------------------------------------------------------------------------------------

_THEME_LABEL = re.compile(r"活动主题\s*(?:为|是|:)\s*")
_THEME_QUOTED = re.compile(
    r"(?:主题\s*(?:是|为|:)\s*|以\s*|围绕\s*)[“\"「](?P<t>[^”\"」\n]{2,60})[”\"」]\s*(?P<tail>为(?:活动)?主题|主题)?"
)
_THEME_HEADING = re.compile(rf"^\s*(?:{ENUM})?\s*(?:活动)?主题\s*$")
_OPEN_QUOTE = re.compile(r"\s*[“\"「『]")
_CLOSE_QUOTE = re.compile(r"[”\"」』]")
_SENTENCE_END = re.compile(r"[。;；]")


def _theme_text(s: str) -> str:
    s = _WRAP.sub("", s.strip())  # a line wrapped inside the quotation marks
    s = _THEME_MARKS.sub("", s.strip())
    s = _THEME_QUOTES.sub("", s.strip())
    return _THEME_BLANKS.sub(" ", s).strip()


_WRAP = re.compile(r"[ \t]*\n[ \t]*")
_THEME_MARKS = re.compile(r"^[“\"「『]|[”\"」』。.;；]+$")
_THEME_QUOTES = re.compile(r"^[“\"「『]|[”\"」』]$")
_THEME_BLANKS = re.compile(r"[ \t\u3000]+")
_THEME_WORD = re.compile("主题")


def _theme_end(norm: str, a: int, b: int) -> int:
    """Where a theme after its label ends: at its closing quotation mark (on the next line
    when a word processor wrapped it), else at the line's first full stop."""
    q = _OPEN_QUOTE.match(norm, a, b)
    if q:
        close = _CLOSE_QUOTE.search(norm, q.end(), min(len(norm), q.end() + 80))
        if close:
            return close.end()
    stop = _SENTENCE_END.search(norm, a, b)
    return stop.start() if stop else b


def find_theme(lay: Layout) -> Found[str] | None:
    found: list[tuple[int, int, int]] = []
    theme_lines = sorted({lay.line_index(m.start()) for m in _THEME_WORD.finditer(lay.norm)})
    for i in theme_lines:
        seg = lay.lines[i]
        body = lay.line_text(seg)
        m = _THEME_LABEL.search(body)
        if m:
            a = seg.start + m.end()
            b = seg.end
            if not body[m.end() :].strip():
                j = lay.next_nonblank_line(i)
                if j is None:
                    continue
                a, b = lay.lines[j].start, lay.lines[j].end
            b = _theme_end(lay.norm, a, b)
            found.append((a, a, b))
            continue
        if _THEME_HEADING.match(body):
            j = lay.next_nonblank_line(i)
            if j is not None:
                nxt = lay.lines[j]
                t = lay.line_text(nxt).strip()
                if 2 <= len(t) <= 60 and "。" not in t:
                    found.append((nxt.start, nxt.start, nxt.end))
    quoted = "“" in lay.norm or '"' in lay.norm or "「" in lay.norm
    for m in _THEME_QUOTED.finditer(lay.norm) if quoted else ():
        if m.group().startswith(("以", "围绕")) and not m["tail"]:
            continue
        found.append((m.start("t"), m.start("t"), m.end("t")))
    if not found:
        return None
    _, a, b = min(found)
    raw = _orig(lay, a, b)
    lead = len(raw) - len(raw.lstrip())
    value = _theme_text(raw)
    if not value:
        return None
    a += lead
    return Found(value, (a, a + len(raw.strip())))


# Periods ---------------------------------------------------------------------------------------

# (Each alternative its literal first, the optional 活动/开展 spelled out: a pattern opening
# with an optional part is tried at every position of the line.)
_PERIOD_LABEL = re.compile(
    r"(?:活动时间|活动期间|活动日期|开展时间|开展期间|开展日期|时间|期间|日期)\s*(?:为|是|:)\s*"
)
_PERIOD_HEADING = re.compile(r"时间(?:安排)?\s*[:]?\s*$")
_QUOTED_NAME = re.compile(r"[“\"「](?P<n>[^”\"」]{2,20})[”\"」]")
_ACTIVITY = re.compile("活动")
_RUNS = re.compile(r"^[^。\n]{0,25}?(?:开展|举行|进行|举办|实施|为期)")
_RUNS_WORD = re.compile("开展|举行|进行|举办|实施|为期")


def _period_name(*texts: str) -> str:
    for t in texts:
        for m in _QUOTED_NAME.finditer(t):
            name = m["n"].strip()
            if "安全生产" in name or name.endswith(("月", "行")):
                return name
    return DEFAULT_PERIOD_NAME


def _range_at(
    lay: Layout, a: int, b: int, year: int, within: int = 30
) -> tuple[date, date, int, int] | None:
    for ph in date_phrases(lay.norm, a, b, index=lay.dates()):
        if ph.start - a > within:
            return None
        if ph.range_end is None:
            continue
        start, _ = resolve(ph.dates[0], year, "start")
        if start is None:
            continue
        end_dm = ph.range_end
        if end_dm.year is None and ph.dates[0].year is not None:
            end_dm = end_dm._replace(year=ph.dates[0].year)
        end, _ = resolve(end_dm, year, "end")
        if end is None:
            continue
        if end < start:
            try:
                end = end.replace(year=end.year + 1)
            except ValueError:
                continue
        return start, end, ph.start, ph.range_end.end
    return None


def find_periods(lay: Layout, year: int) -> list[Period]:
    out: list[Period] = []

    def add(what: str, got: tuple[date, date, int, int], span_from: int) -> None:
        start, end, _a, b = got
        if any(p.start == start and p.end == end for p in out):
            return
        out.append(Period(what, start, end, (span_from, b)))

    appendix = lay.appendix_start if lay.appendix_start >= 0 else len(lay.norm)
    for i in lay.lines_with(_TIME_WORD_LINE):
        seg = lay.lines[i]
        if seg.start >= appendix:
            break
        body = lay.line_text(seg)
        m = _PERIOD_LABEL.search(body)
        if m and (
            "活动" in body[: m.end()] or body[: m.start()].strip() == "" or "期" in m.group()
        ):
            got = _range_at(lay, seg.start + m.end(), seg.end, year, within=4)
            if got:
                add(_period_name(body[: m.start()], body), got, seg.start + m.start())
                continue
        if _PERIOD_HEADING.search(body) and len(body.strip()) <= 30 and "。" not in body:
            j = lay.next_nonblank_line(i)
            if j is not None:
                nxt = lay.lines[j]
                got = _range_at(lay, nxt.start, nxt.end, year, within=25)
                if got:
                    nb = lay.line_text(nxt)
                    add(_period_name(body, nb[: got[2] - nxt.start]), got, got[2])
                    continue
    for k, si in enumerate(lay.sentences_with(_ACTIVITY)):
        sent = lay.sents[si]
        if sent.start >= appendix or k >= 5 * MAX_ITEMS:
            break
        s = lay.norm[sent.start : sent.end]
        if len(s) > 200 or not lay.dates().any_between(sent.start, sent.end):
            continue
        if not _RUNS_WORD.search(s):
            continue  # (no word of a period's running: no range of it to look for)
        for ph in date_phrases(lay.norm, sent.start, sent.end, index=lay.dates()):
            if ph.range_end is None:
                continue
            before = lay.norm[max(sent.start, ph.start - 12) : ph.start]
            after = lay.norm[ph.end : sent.end]
            if _RUNS_BEFORE.search(before) and _RUNS.match(after):
                got = _range_at(lay, ph.start, sent.end, year, within=0)
                if got:
                    add(_period_name(lay.norm[sent.start : ph.start]), got, sent.start)
    return out


# Contacts ----------------------------------------------------------------------------------------

PHONE = (
    r"(?<![\d-])(?:1[3-9]\d{9}|(?:0\d{2,3}\s*[-—]?\s*[1-9]\d{6,7}|[2-9]\d{6,7})"
    r"(?:\s*(?:-|转)\s*\d{1,6})?)(?![\d])"
)
_PHONE = re.compile(PHONE)
_CONTACT_LABEL = re.compile(
    r"联[ \t]*系[ \t]*人(?:[ \t]*及[ \t]*(?:联系)?(?:电[ \t]*话|方[ \t]*式))?[ \t]*:[ \t]*"
)
_PHONE_LABEL = re.compile(r"(?:联\s*系\s*)?(?:电\s*话|手\s*机|方\s*式|号\s*码)\s*:?\s*")
_NAME = re.compile(rf"[{_CJK}]{{2,4}}(?:·[{_CJK}]{{1,6}})?")
_NOT_NAMES = {
    "电话",
    "手机",
    "联系",
    "方式",
    "邮箱",
    "姓名",
    "职务",
    "单位",
    "地址",
    "传真",
    "联系电话",
    "联系方式",
    "办公电话",
    "填报日期",
    "填报人",
    "审核人",
}
_PAREN_PHONE = re.compile(rf"\(\s*(?:联系)?(?:电话|手机|方式)?\s*:?\s*(?P<ph>{PHONE})\s*\)")
_NAME_BEFORE = re.compile(rf"[{_CJK}]{{2,8}}\s*$")


def _good_name(name: str) -> bool:
    return (
        bool(name)
        and name not in _NOT_NAMES
        and not any(w in name for w in ("电话", "联系", "手机", "邮箱"))
    )


_PAIR_IN_LINE = re.compile(
    rf"(?P<name>[{_CJK}]{{2,4}}(?:·[{_CJK}]{{1,6}})?)(?:同志)?\s*[,、:]?\s*"
    rf"(?:\(?\s*(?:联系)?(?:电话|手机)?\s*:?\s*)(?P<ph>{PHONE})"
)
_Raw = tuple[str, str, tuple[int, int], bool]  # name, phone, span, in an attached form


_OFFICE_END = "办局科站所室处委队院部组"


def _name_start(text: str, p: re.Match[str]) -> int:
    """掌起镇农业农村办陆方瑜 / …农业农村办王伟，联系电话…: a name glued to its office starts
    after the office's last character (a three- or two-character name)."""
    a = p.start("name")
    name = p["name"]
    if len(name) == 4 and a > 0 and "\u4e00" <= text[a - 1] <= "\u9fff":
        for cut in (1, 2):
            if name[cut - 1] in _OFFICE_END:
                return a + cut
    return a


def _labelled_contacts(lay: Layout, m: re.Match[str]) -> list[_Raw]:
    """联系人：王芷瑜 (电话 on the same line or the next lines), or several name–phone
    pairs on the line."""
    i = lay.line_index(m.start())
    seg = lay.lines[i]
    rest_start = m.end()
    rest = lay.norm[rest_start : seg.end]
    in_form = lay.in_appendix(seg.start)
    pairs = [p for p in _PAIR_IN_LINE.finditer(rest) if _good_name(p["name"])]
    if pairs:
        return [
            (
                _orig(lay, rest_start + _name_start(rest, p), rest_start + p.end("name")),
                normalize_phone(p["ph"]),
                (m.start(), rest_start + p.end()),
                in_form,
            )
            for p in pairs
        ]
    lead = len(rest) - len(rest.lstrip())
    nm = _NAME.match(rest, lead)
    if not nm:
        return []
    name = _COMRADE.sub("", nm.group())
    if not _good_name(name):
        return []
    name_start = rest_start + nm.start()
    name_end = name_start + len(name)
    phone, end = "", name_end
    label = _PHONE_LABEL.search(lay.norm, name_end, seg.end)
    ph = _PHONE.search(lay.norm, label.end() if label else name_end, seg.end)
    k = i
    while ph is None:
        k2 = lay.next_nonblank_line(k, limit=2)
        if k2 is None or k2 > i + 4:
            break
        k = k2
        nseg = lay.lines[k]
        nbody = lay.line_text(nseg)
        if _CONTACT_LABEL.search(nbody):
            break
        if _PHONE_LABEL.match(nbody.lstrip()):
            ph = _PHONE.search(lay.norm, nseg.start, nseg.end)
    if ph:
        phone, end = normalize_phone(ph.group()), ph.end()
    return [(_orig(lay, name_start, name_end), phone, (m.start(), end), in_form)]


def find_contacts(lay: Layout) -> list[Contact]:
    """联系人 with their phones, each person once (the notice body's number first)."""
    raw: list[_Raw] = []
    for k, m in enumerate(_CONTACT_LABEL.finditer(lay.norm)):
        if k >= MAX_ITEMS:
            break
        raw.extend(_labelled_contacts(lay, m))
    # 发送给王亚伟（联系电话：18939112115）
    for k, m in enumerate(_PAREN_PHONE.finditer(lay.norm)):
        if k >= MAX_ITEMS:
            break
        nb = _NAME_BEFORE.search(lay.norm, max(0, m.start() - 10), m.start())
        if not nb:
            continue
        pre = nb.group().rstrip()
        pre_end = nb.start() + len(pre)
        cut = max(pre.rfind(c) for c in "给向至与和找由人:")
        name = pre[cut + 1 :] if cut >= 0 else pre[-3:]
        if not 2 <= len(name) <= 4 or not _good_name(name):
            continue
        a = pre_end - len(name)
        raw.append(
            (_orig(lay, a, pre_end), normalize_phone(m["ph"]), (a, m.end()), lay.in_appendix(a))
        )
    raw.sort(key=lambda r: (r[3], r[2][0]))
    out: dict[str, Contact] = {}
    for name, phone, span, _in_form in raw:
        c = out.get(name)
        if c is None:
            out[name] = Contact(name, phone, span, (phone,) if phone else ())
        elif phone and phone not in c.phones:
            out[name] = replace(c, phone=c.phone or phone, phones=(*c.phones, phone))
    return list(out.values())


# Attachments ------------------------------------------------------------------------------------

_ATTACH_LIST = re.compile(r"^\s*附\s*件\s*:\s*(?P<rest>.*)$")
_ATTACH_NUMBERED = re.compile(r"^\s*附\s*件\s*(?P<n>\d{1,2})\s*:\s*(?P<t>\S.*)$")
_ENTRY = re.compile(r"(?:^|(?<=\s)|(?<=[;。,]))\s*(?P<n>\d{1,2})\s*[.、](?!\d)\s*")
_SEE_ATTACH = re.compile(r"\(\s*(?:详见|见)?\s*附\s*件\s*(?P<n>\d{1,2})\s*\)")


def _entries(lay: Layout, a: int, b: int) -> list[tuple[int | None, str, tuple[int, int]]]:
    s = lay.norm[a:b]
    marks = list(_ENTRY.finditer(s))
    out: list[tuple[int | None, str, tuple[int, int]]] = []
    if not marks or marks[0].start() > 2:
        t = tidy(_orig(lay, a, b)).rstrip("；;。.,，")
        return [(None, t, (a, b))] if t else []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(s)
        t = tidy(_orig(lay, a + m.end(), a + end)).rstrip("；;。.,，")
        if t:
            out.append((int(m["n"]), t, (a + m.start("n"), a + end)))
    return out


def find_attachments(lay: Layout) -> list[Attachment]:
    found: list[tuple[int | None, str, tuple[int, int]]] = []
    limit = lay.appendix_start if lay.appendix_start >= 0 else len(lay.norm)
    for k, i in enumerate(lay.lines_with(_ATTACH_CHAR)):
        seg = lay.lines[i]
        if seg.start >= limit or k >= MAX_ITEMS:
            break
        body = lay.line_text(seg)
        m = _ATTACH_LIST.match(body)
        if m:
            rest = seg.start + m.start("rest")
            if body[m.start("rest") :].strip():
                found.extend(_entries(lay, rest, seg.end))
            k = i
            while True:
                j = lay.next_nonblank_line(k, limit=1)
                if j is None or lay.lines[j].start >= limit:
                    break
                nb = lay.line_text(lay.lines[j])
                if not _NUMBERED_LINE.match(nb) or len(nb.strip()) > 80 or "。" in nb:
                    break
                found.extend(_entries(lay, lay.lines[j].start, lay.lines[j].end))
                k = j
            break
        m = _ATTACH_NUMBERED.match(body)
        if m and len(body) <= 80:
            a, b = seg.start + m.start("t"), seg.end
            found.append((int(m["n"]), tidy(_orig(lay, a, b)).rstrip("；;。"), (seg.start, b)))
    if not found:
        for h in lay.appendix_headers:
            if h.title:
                found.append((h.number, h.title, (h.start, h.title_line.end)))
    if not found:
        for m in _SEE_ATTACH.finditer(lay.norm, 0, limit):
            k = m.start()
            lo = max(0, k - 30)
            before = lay.norm[lo:k]
            cut = max(before.rfind(c) for c in ",、和及与;:。将\n")
            start = lo + cut + 1
            name = tidy(_orig(lay, start, k))
            name = _LIST_OPENER.sub("", name)
            if 2 <= len(name) <= 30 and not any(x[0] == int(m["n"]) for x in found):
                found.append((int(m["n"]), name, (start, m.end())))
        found.sort(key=lambda x: x[0] or 0)
    out: dict[str, Attachment] = {}
    for n, title, span in found[:MAX_ITEMS]:
        if title and title not in out:
            out[title] = Attachment(title, n, span)
    return list(out.values())
