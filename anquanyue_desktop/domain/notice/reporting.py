"""Reporting deadlines (报送节点) in a notice's sentences.

A deadline is a *when* — a date with 前 (6月3日前, 截至6月28日, 报送时间：6月15日), a
repeat (每周三18:00前, 每月7日前, 每天下午5:30前) or an at-once word (即时/及时/随时报送)
— tied to a *reporting verb* (报送, 上报, 报至, 提交, 反馈, 发送 …) in the same clause, or in
the clause just before or after it in the sentence (“6月25日之前，将总结报送…”, “…报送至镇
安监站，截止时间为6月28日”). Dates of events, activity periods and the date of issue have
no reporting verb and are no deadlines.

*What* is due is the verb's object: after 将/把 before the verb, else after the verb (unless
that is only where it goes: 报送至镇安监站), else the words before the date (活动总结请于…
报送). Failing all, the title of the attached form the words sit in, the last thing named in
the clause or sentence before, or the heading above — and the deadline is flagged unsure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from functools import cached_property
from itertools import pairwise
from typing import TypedDict

from ..deadlines import ASAP, DAILY_KIND, MONTHLY_KIND, ONCE, QUARTERLY_KIND, WEEKLY_KIND
from ..workdays import WorkCalendar
from .grids import find_box_grids, find_grids, header_like
from .layout import Layout
from .model import Attachment, FoundDeadline, Period, Span
from .text import (
    LineStart,
    Seg,
    clauses,
    cn_int,
    mask_parentheticals,
    parentheticals,
    split_top,
    tidy,
)
from .timexpr import (
    AT_ONCE_HINT,
    EVERY_MONTH,
    REPEAT_HINT,
    TIME_PATTERN,
    UNTIL_PREFIXES,
    WEEKDAYS,
    AtOnce,
    DateIndex,
    DateMention,
    DatePhrase,
    Relative,
    Repeat,
    Tail,
    date_phrases,
    days_in,
    find_at_once,
    find_relative,
    find_repeats,
    parse_time,
    read_tail,
    resolve,
)

# Words after a verb that make it a noun (报送表, 报送单位, 报送时间, 信息上报工作).
_NOT_AFTER_VERB = (
    r"(?!(?<!即报告)(?<!时报告)(?<!即上报)\s*:|表|单(?!位)|单位|时间|日期|期限|截止(?=时间|日期|期限)|方式|要求|内容(?=[:,。]|$)|渠道|"
    r"(?<![至到给])(?:邮箱|地址)|节点|格式|系统|平台|范围|对象|程序|流程|机制|制度|工作(?=[。;,、\s的]|$))"
)
# Where things are delivered: 报 alone is a delivery verb only before such a name
# (报县消防大队, 报安委会办公室, 报部), never in 报名, 报道, 报表 ….
_ORG_AHEAD = (
    r"(?=(?:[\u4e00-\u9fff]|\([\u4e00-\u9fff]{1,4}\)| (?=[ \u4e00-\u9fff])|\d(?=[\d室号楼]|$)){0,14}?"
    r"(?:办公室|办|局|站|委|科|处|股|部|中心|大队|组|室|厅|院|政府|"
    r"指挥部|会|所|乡镇|街道|社区|领导|负责人|[乡镇村](?=\s*\(|   )))"
)
_ORG_NEXT = re.compile(_ORG_AHEAD)
# 报告 is a delivery verb after 立即/随时/第一时间/口头/书面, or before such a name.
_REPORT = (
    r"报告(?:(?<=[即时间上速头面办室局委站科处部心队府厅门台会导别统箱真]报告)|(?<=[理置][和并]报告)"
    r"|(?<![查作析估结题述职]报告)(?![报送交提上])" + _ORG_AHEAD + ")"
)


def _alternatives(*words: str, after_first: str = "") -> str:
    """A group of alternatives, each opening with a character of its own (written so: a
    lookbehind goes after it). A pattern made only of such alternatives is searched by
    jumping from one of those first characters to the next; one that opens with an
    assertion or a group is tried at every position. ``after_first`` is checked right after
    each first character (a check of what comes before the word, made there). Words sharing
    their first character are tried after it, in their order (报(?:送|至|给|…)): at each such
    character only its own words are tried, not every alternative of the pattern."""
    rests: dict[str, list[str]] = {}
    for w in words:
        if w[0] in "(\\[.":
            raise ValueError(f"_alternatives: {w!r} does not open with its character")
        rests.setdefault(w[0], []).append(w[1:])
    return (
        "(?:"
        + "|".join(
            first + after_first + "(?:" + "|".join(f"(?:{r})" for r in group) + ")"
            for first, group in rests.items()
        )
        + ")"
    )


# Not after 未/不/没/否/的 (未报送, 不提交): checked after a verb's first character.
_NOT_NEGATED = r"(?<![未不没否的].)"
# The characters each kind of verb starts with (a clause with none of them is not searched
# for verbs at all).
_STRONG_FIRST = "报上呈提反发送交邮寄续函传回"
_WEAK_FIRST = "上提填申交寄传发录截收公报征移回函登受缴汇投解补推"
_LABEL_FIRST = "截报上汇提申征投收缴交录填受作稿系平最册登采募捐"
_STRONG = re.compile(
    _alternatives(
        "报送",
        "上报(?<![线网]上报)",
        "呈报",
        "传报(?!喜)",
        *[
            "回传",
            "报至",
            "报给",
            "报备",
            "提交",
            "提报",
            "反馈",
            "发送",
            "发至",
            "送至",
            "送达",
            "送交",
            "交至",
            "上交",
            "邮寄",
            "寄至",
        ],
        # 电子档于1月15日前发cailiaozbb@163.com: sent to a mail address.
        # (the address is the verb's: where it goes, not what)
        r"发\s*[A-Za-z0-9._-]+@[A-Za-z0-9.-]*[A-Za-z0-9]",
        "续报(?!道)",
        "报出",
        "函送",
        "函报",
        # 会办单位应在5月底前向主办单位书面函告会办意见: told by letter.
        "函告",
        "报(?=(?:电子|纸质|书面|正式)(?:稿|版|材料|文件))",
        _REPORT,
        # 6月30日前交本单位的…工作时间表: right after a date with 前, 交 and 报 deliver.
        "交(?<=前交)(?![通流换易代待叉界警费往际流])",
        "报(?<=前报)(?![名道告表刊纸警价销关废酬复批考账案到])",
        "报(?<![举通简年月周日海汇预警情申公画学小电快回呈填谎瞒虚漏迟补捷喜晚早导播续]报)"
        "(?![名道告表刊纸警价销关废酬复批考账案到])" + _ORG_AHEAD,
        # 交 and 送 alone, like 报, only before where they go (交学区办公室, 送统计局).
        "交(?<![提上递移转缴成外社公结成杂]交)(?![通流换易代待叉界警费往际]|办(?!公))" + _ORG_AHEAD,
        # (接送 is no delivery, 直接送 is)
        "送(?<![赠护发运输传欢配推递报呈寄抄分]送)(?:(?<=直接送)|(?<!接送))(?![货别行温检审阅])"
        + _ORG_AHEAD,
        after_first=_NOT_NEGATED,
    )
    + _NOT_AFTER_VERB
)
# Verbs that make a deadline only with a date (及时提供 / 随时上传 are no deadlines).
_WEAK = re.compile(
    _alternatives(
        *["上传", "提供", "填报", "申报", "交到", "交给", "交费", "缴费"],
        "汇报(?![会材稿演工的人书制])",
        *["寄送", "传至", "传真", "发到", "发往"],
        # 补报 / 补交 / 补送: late filing by a date (annotation rule 8).
        *["补报", "补交", "补送"],
        *["录入", "截稿", "收稿", "征稿", "投稿"],
        r"解缴(?=\s*(?:到|至))",
        # 6月30日 报名截止 / 学位论文资料至系所截止 |: a thing's name, then 截止, the date before.
        r"截止(?<=[\u4e00-\u9fff]截止)(?<![日号时点旬底末]截止)(?=[ \t]*(?:$|[。;,\n|]))",
        # 填表回复 / 函复 / 登录于…平台 / 申请 (with a date only, as every weak verb)
        *["回复", "回覆", "函复", "填复"],
        r"登录(?=\s*(?:于|至|到))",
        "受理(?<!予受理)(?<!不受理)(?![^,。;]{0,4}(?:时间|期间))",
        r"申请(?![人书表者单]|[\u4e00-\u9fff]{0,6}时间)",
        "征集",
        "报名(?![表费点处人数情])",
        "移交",
        # 于6月5日前推荐1名联络员: nominating so many.
        r"推荐(?![表词书理人信])(?=\s*\d|\s*[一二三四五六七八九十两]+\s*[名个人位家项件篇])",
        "发给(?<![印下分颁转]发给)",
        "公布(?<![待予]公布)(?!栏|结果|名单)",
        "提出(?=[^,。;]{0,8}申请|意见|建议)",
        "填写(?=[^,。;]{0,30}(?:系统|平台))",
        "发布(?=在|到)",
        "报到" + _ORG_AHEAD,
        after_first=_NOT_NEGATED,
    )
    + _NOT_AFTER_VERB
)
# A label the date follows: 报送时间：6月15日前 / 征集时间：即日起至5月15日 / 截稿日期.
_LABEL_TIME_WORD = r"\s*(?:活动)?\s*(?:时间|日期|期限|时限|期间(?=\s*(?:为|是|:)))"
# 征集参赛稿件时间为… / 征求意见的时间 / 成绩录入系统开放时间：: the thing or the system
# between the delivery word and its time, the time said next.
_LABEL_THING_TIME = (
    r"(?!起止|起讫)[\u4e00-\u9fff“”《》]{0,10}?(?:截至|截止)?(?:时间|日期|期限)"
    # (申报审核时间延迟至11月11日: the time moved, to the date said next)
    r"(?=\s*(?:为|是|:|\n|$|分别\s*(?:为|是|截至|截止)|截至|截止|(?:延迟|延长|延期|顺延|推迟)\s*至))"
)
_ENDS_ON = r"(?:工作|活动)?(?=\s*(?:将|定|拟)?\s*(?:于|在)[^,。;]{2,20}?(?:结束|截止|关闭|停止))"
_LABEL_VERB = re.compile(
    _alternatives(
        r"截止\s*日(?![期])",
        *(
            w + _LABEL_TIME_WORD
            for w in (
                *["报送", "上报", "汇报", "提交"],
                "截止(?:收件|收稿|报送|提交|上报|报名)?",
                *["申报", "报名", "征集", "征稿", "征文", "投稿", "截稿", "收稿", "收件"],
                r"申请\s*受理",
                r"申报\s*受理",
                *["申请", "缴费", "交费", "缴款", "缴纳", "募捐", "捐款"],
                "册(?<=注册)(?<!报到注册)",
                "报(?<=[周月季]报)",
            )
        ),
        *(
            w + _LABEL_THING_TIME
            for w in [
                "征集",
                "征稿",
                "征求意见",
                "报送",
                "上报",
                "提交",
                "申报",
                "报名",
                "录入",
                "填报",
                "受理",
            ]
        ),
        r"作品(?:征集|征稿|征文|投稿)(?=\s*:)",
        r"稿件(?:征集|征稿|征文|投稿)(?=\s*:)",
        *(w + r"(?=\s*:)" for w in ["征集", "征稿", "征文", "投稿"]),
        # 系统开放时间：3月19日起至3月25日止: the system open for entry, closed on the last day.
        r"系统\s*开放\s*(?:时间|期间)(?=\s*(?:为|是|:))",
        r"平台\s*开放\s*(?:时间|期间)(?=\s*(?:为|是|:))",
        # 系统从即日起开放至1月22日: the same, said as a sentence.
        r"系统(?=[^,。;]{0,8}开放\s*(?:至|到))",
        r"平台(?=[^,。;]{0,8}开放\s*(?:至|到))",
        # 信息采集登记工作将于4月30日结束: the act ends on that day.
        *(
            w + _ENDS_ON
            for w in [
                "报名",
                "申报",
                "登记",
                "征集",
                "填报",
                "报送",
                "录入",
                "采集",
                "受理",
                "征稿",
                "投稿",
            ]
        ),
        r"最(?:后|晚)\s*(?:期限|日期|时限)",
        # 团报截止：2022/4/23
        r"截止(?<=[\u4e00-\u9fff]截止)(?=\s*:)",
    )
)
# The issuing office's own plans (区指导办将每月选取…推荐报送) are not the units' deadlines.
# An item's number before a line or clause: 三、 / (二) / 1.
_ITEM_NO = r"(?:\(?[一二三四五六七八九十\d]{1,2}[)、.]\s*)?"
_OFFICE_FUTURE = re.compile(
    _ITEM_NO + r"(?:并|同时|另|由)?\s*(?![各请])[\u4e00-\u9fff“”\"]{0,16}?"
    r"(?:办|局|站|委|委会|组|室|中心|政府|科|股|委员会|办公室|学校|我校|我们|我|厅|署)\s*"
    # (办会机构 / 办会地点: the fair's organiser, not an office that will)
    r"(?:将|(?<!委)会(?!机构|议|场|务|计|员|长|期|地点)|负责(?!人|同志)|统一)"
)
# 向镇安办汇报 / 向有关部门主动报告: 汇报 and 报告 after 向 and whom, before what or the end.
# (not 将自查报告报送…: there 报告 is a noun, the report.)
_BA_REPORT = re.compile(
    r"[将把][^,。;将把]{1,40}?(?<![查作析估结题述职])(?P<v>报告|汇报)(?![会材稿演工的人书制报送交提上])"
)
# 交书面述职报告给上级主管领导: 交/送 what 给 whom.
_GIVE = re.compile(
    r"(?P<v>[交送])(?<![提上递移转缴成外社公结杂][交送])(?=[^,。;给]{1,24}?给[^,。;]{1,16})"
)
# 各团支部进行优秀团日活动的申报: the delivery said as a noun after 进行.
_DO_NOUN = re.compile(
    r"(?:进行|完成)[^,。;]{0,20}?的?(?P<v>申报|报送|(?<![线网])上报|填报|登录|录入)(?![表单名]|工作(?!$|[,。;]))"
)
# (向省政府报送总结报告: 报送 is the verb, 报告 the thing's name.)
_TOWARD = re.compile(
    r"向(?:(?!报送|上报|提交|呈报|填报|报至)[^,。;:、向]){1,24}?(?:及时|立即|主动|书面|口头|如实|按时|逐级)*\s*(?P<v>汇报|报告|提出|反映|推荐|推送)"
    r"(?![会材稿演工的人书])"
)
# Paperwork at an office by a date (请于7月10日前到财务科办理核结 / 到学科主任处签字 /
# 请于6月1日前办理注销手续): the errand is the delivery.
_ERRAND_WORDS = ("办理", "签字", "签名", "登记", "核结")
_ERRAND_AT = re.compile(
    r"(?:到|去|赴)[^,。;:到去赴]{1,20}?(?P<v>" + "|".join(_ERRAND_WORDS) + r")(?!入住)"
)
_ERRAND = re.compile(r"(?P<v>办理)(?=[^,。;]{0,12}?(?:手续|核结|注销|备案))")
# Each frame with the cheap test that must hold before it is run.
_FRAME_GATES: tuple[tuple[re.Pattern[str], Callable[[str], bool]], ...] = (
    (
        _TOWARD,
        lambda s: (
            "向" in s and any(w in s for w in ("报告", "汇报", "提出", "反映", "推荐", "推送"))
        ),
    ),
    (_BA_REPORT, lambda s: ("将" in s or "把" in s) and ("报告" in s or "汇报" in s)),
    (_GIVE, lambda s: "给" in s),
    (_DO_NOUN, lambda s: "进行" in s or "完成" in s),
    (
        _ERRAND_AT,
        lambda s: ("到" in s or "去" in s or "赴" in s) and any(w in s for w in _ERRAND_WORDS),
    ),
    (_ERRAND, lambda s: "办理" in s),
)
# Any character a verb starts with, or a frame needs (向, 将/把, 给, 进行/完成, 到/去/赴, 办理).
_VERB_START = re.compile(f"[{_STRONG_FIRST}{_WEAK_FIRST}{_LABEL_FIRST}向将把给进完到去赴办]")
_VERB_THEN_WHEN = re.compile(
    r"[^,。;:\d]{0,14}?的\s*(?:时间|日期|期限|时限)\s*(?:为|是)?\s*:|\s*[”\"]?\s*,?\s*(?:时间|日期)\s*(?:为|是)\s*:?"
)
_AFTER_VERB_AT = re.compile(r"\s*(?:于|在)\s*")
_MARK_OUTSIDE = re.compile(r"\s*\)\s*(?:之前|以前|前(?!后))")
_REPEAT_AFTER = re.compile(r"每\s*(?:日|天|周|星期|月)")
_PAST_VERB = re.compile(r"了(?![解])|的[^,。;]{1,12}(?:已|已经|不再|均已)")
_PAST_BEFORE = re.compile(
    r"(?:已|已经|曾)\s*(?:于|在)?\s*$|(?:去|上|前)\s*年\s*(?:度)?\s*(?:的)?\s*$"
)
_DONE_BEFORE_VERB = re.compile(
    r"(?<![未尚])(?:已经|均已|都已|全部已|已)\s*(?:全部|按时|按要求|如期|及时|依次|陆续)?\s*$"
)
_NARRATED = re.compile(r"(?:递交|提交|报送|上报|申报|填报|上传|报名)了(?![解])(?!.*[请应须要务])")
_MODAL = re.compile(
    r"[应须要请需](?:当|该|及时|随时|立即|按时)?\s*(?:随时|立即|及时|按时)?\s*(?:上报|报送|报告|提交)"
)
_DONE_THERE = re.compile(r"到位|完毕|发放|拨付|下达|落实|整改|处理|部署")
_OWN_ACTION = re.compile(r"完成|开展|组织|举办|召开|举行|进行|启动|答辩|考试|检查|整改")
_PAUSED = re.compile(r"暂停|停止|不再|无需|不需|免于|免报")
_END_MARKERS = ("截止", "止", "为止")
_ATTRIBUTE = re.compile(r"\s*[\u4e00-\u9fff]{1,4}的")
_TIME_RANGE = re.compile(r"\s*(?:至|到|—|-|~)")
_BA = re.compile(r"(?:将|把)(?!于|在|按|会|要|适时|组织|每|对|其)")
_RECIPIENT_START = re.compile(r"^\s*(?:至|给|到|往|向|报)")
_ORG_END = re.compile(
    r"(?:站|办|局|室|科|股|组|中心|委|政府|办公室|指导办|安委办|邮箱|街道|处|部|组委会|领导小组|同志|平台|系统|群)$"
)
_VAGUE = frozenset(
    [
        "相关情况",
        "有关情况",
        "相关材料",
        "有关材料",
        "上述材料",
        "以上材料",
        "相关资料",
        "有关资料",
        "此表",
        "该表",
        "本表",
        "上表",
        "表格",
        "材料",
        "资料",
        "情况",
        "信息",
        "相关信息",
        "有关信息",
        "电子版",
        "纸质版",
        "报送材料",
        "工作",
        "作业",
        "具体",
    ]
)
_PRE_TRIM = re.compile(
    r"^(?:\d{1,2}\s*[.、](?!\d)|[一二三四五六七八九十]+\s*、|\(\s*[一二三四五六七八九十\d]+\s*\)|"
    r"并且|并|同时|另外|且|请|一旦发生|如发生|发生|如有|如遇|遇有|凡有|务必|须|需|要|应|应当|均|统一|按时|及时|即时|随时|"
    r"认真|将|把|的|于|在|向|按要求|以及|及|和|再|可|分别|分两次|一并|一同|汇总后|整理后|相关的|有关的|"
    r"本(?:街道|单位|村|社区|部门|镇|乡|系统|行业|辖区|企业|站所|科室|级|地区|区域|县|区|市)[、和及与]?|"
    r"\d{4}\s*年(?:度)?|[二〇○零一二三四五六七八九]{4}年|"
    r"各?\s*[0-9一二两三四五六七八九十]+\s*(?:名|份|个|篇|张|套|条|项|批|位|人|期|件)(?![次])|"
    r"[0-9一二两三四五六七八九十]+\s*[至到-]\s*[0-9一二两三四五六七八九十]+\s*(?:名|份|个|篇|张|条|项|位|件)|"
    r"(?:一|两|[1-9])\s*次(?!性)|对(?![口外接照标象])|高质量的|\s|"
    # 上周三至本周二的事故统计情况 / 前一日的: which days it covers, not its name
    r"[上下本当前次]\s*一?\s*(?:周|星期|月|日|天)[一二三四五六日天]?"
    r"(?:\s*(?:至|到|-|—)\s*[上下本当前次]?\s*一?\s*(?:周|星期|月|日|天)?[一二三四五六日天]?)?\s*的)+"
)
_POST_TRIM = re.compile(
    r"(?:等|的|和|及|与|并|于|,|、|;|:|。|\s|统一|一并|按时|一份|各一份|一式[两二三四]份|即可|为准|备案|备查|"
    r"(?:加盖公章|盖章|签字|审核|汇总|整理|签批|扫描|拍照)后|扫描件?|拍照|以[^,。;]{1,12}(?:形式|方式)|\(|今日|今天|明日|明天|书面|口头|提前(?:至|到)?|"
    r"自[^,。;]{0,10}?(?:之日|日)?起|(?:从|自)?即日起|"
    # 活动总结须经主要负责人签字: the approval it needs first is no part of its name.
    r"(?:须|需|应|要|均)?\s*经(?![费济营验过办])[^,。;]{1,24}?(?:签字|盖章|审核|审定|同意|签批)|"
    r"(?:发送|报送|上报)?(?:至|给|到)[^,。]*$)+$"
)
# The last characters _POST_TRIM's words can end with (but for 至/给/到 and what follows
# them): a piece ending otherwise, without 至/给/到, has nothing to trim and is not searched
# (the search tries every alternative at every position).
_POST_TRIM_LAST = "等的和及与并于,、;:。一时份可准案查后描件照式(日天面头前起字章核定意批"
_SUBJECT_END = re.compile(
    r"(?:单位|村|社区|部门|企业|站所|学校|镇|乡|街道|科室|机关|乡镇|村委|居委会|村委会|办事处|各级|"
    r"我们|你们|员|人|人士|方|组|队|所|站|局|办|委|公司|商户|家庭|您)"
    # (社会各界人士可在…前反馈 / 欢迎您在…前反馈: those asked, not what they send)
    r"(?:要|须|需|务必|应|应当|请|均|统一|按时|必须|分别|可以|可)*$"
)
_TAIL_NOUN_VERBS = re.compile(
    r"(?:制定|填写|确定|明确|推荐|形成|撰写|整理|收集|汇总|做好|完成|编制|准备|曝光公布|公布|开展|组织|"
    r"拍摄|制作|总结|梳理|选取|报送|上报|提交)"
)
_HEADING_SENT = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[.、](?!\d))"
    r"\s*\S{2,14}\s*$"
)
_ONLY_SUBJECT = re.compile(
    r"\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[.、])?"
    r"\s*(?:请|并|同时)?\s*(?:各[^,。于在要须应请将把需务均]{0,16})?\s*(?:要|须|需|务必|应|应当|请|均|统一|必须)*\s*"
    r"(?:于|在|截至|截止|到|最迟|不晚于)?\s*(?:之前|以前|前)?\s*"
)
_GENERIC_HEADING = re.compile(
    r"要求|措施|保障|方式|安排|说明|注意|事项|其他|工作|时间|方法|程序|领导|组织|实效"
)
_BLANK = re.compile(r"[ \t*]*")
# A date after its verb is due only with one of these before it (…报送至镇安监站，截止6月28日).
_STRONG_PREFIXES = frozenset(UNTIL_PREFIXES)
# A form's footer fields before its 填报时间 (填报人：, 填报单位（盖章）：).
_FORM_FOOTER = re.compile(
    r"(?:填报|填表|制表|审核|统计)(?:人|单位|负责人)\s*(?:\([^()]{0,6}\))?\s*:[^\n]*$"
)
# Acts that are themselves what is due when nothing else is named (请于6月10日前报名).
_ACT_IS_WHAT = frozenset({"报名", "注册", "缴费", "征稿", "投稿", "签字", "签名", "登记", "核结"})
_WINDOW = 250  # characters looked at around a verb
MAX_FOUND = 300  # a real notice states a few dozen deadlines at most …
MAX_EXAMINED = 300  # … in a few hundred sentences at most


@dataclass
class _When:
    start: int
    end: int
    kind: str  # date / window / span / repeat / asap / relative
    phrase: DatePhrase | None = None
    repeat: Repeat | None = None
    at_once: AtOnce | None = None
    relative: Relative | None = None
    loose: bool = False  # a date without 前: a deadline only right before its verb

    def changed(self, *, kind: str | None = None, loose: bool | None = None) -> _When:
        """A copy with another kind or looseness: ``dataclasses.replace``, without passing
        every field through ``__init__`` again."""
        new = object.__new__(_When)
        new.__dict__.update(self.__dict__)
        if kind is not None:
            new.kind = kind
        if loose is not None:
            new.loose = loose
        return new


@dataclass
class _Verb:
    start: int
    end: int
    label: bool = False  # 报送时间 / 截止日期: the date follows
    weak: bool = False
    listed: bool = False  # 报委交通运输科：1月30日、2月13日 … the dates follow a colon


@dataclass
class _Clause:
    seg: Seg
    whens: list[_When] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    verbs: list[_Verb] = field(default_factory=list)
    skip: bool = False
    used: set[int] = field(default_factory=set)

    _parens: list[tuple[int, int]] | None = None

    def in_paren(self, norm: str, pos: int) -> bool:
        if self._parens is None:
            s = norm[self.seg.start : self.seg.end]
            self._parens = [(self.seg.start + a, self.seg.start + b) for a, b in parentheticals(s)]
        return any(a <= pos < b for a, b in self._parens)

    def whens_between(self, a: int, b: int) -> list[_When]:
        """Whens starting in [a, b)."""
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        return self.whens[lo:hi]


@dataclass
class Context:
    lay: Layout
    year: int
    period: Period | None
    attachments: list[Attachment]
    issued: date | None = None
    notes: list[str] = field(default_factory=list)
    calendar: WorkCalendar | None = None
    today: date | None = None
    # The sentences with a when and a delivery verb, in order: where the review's leftovers
    # are looked for (leftovers.py), so that nothing is read twice
    # (with the clauses as the reader split and read them).
    examined: list[tuple[int, list[_Clause]]] = field(default_factory=list)

    # (Both asked for at every clause: worked out once, on first use.)
    @cached_property
    def this_month(self) -> int | None:
        """The notice's month, for 本月25日 / 请于15日前: its date's, else (a notice of this
        year read without its date) the month it is read in."""
        if self.issued:
            return self.issued.month
        if self.today and self.today.year == self.year:
            return self.today.month
        return None

    @cached_property
    def dates(self) -> DateIndex:
        """The notice's dates, 本月 read as :attr:`this_month`."""
        return self.lay.dates(self.this_month)


@dataclass
class _Sentence:
    index: int
    seg: Seg
    _phrases: list[DatePhrase] | None = None
    _starts: list[int] = field(default_factory=list)
    clauses: list[_Clause] = field(default_factory=list)  # the whole sentence's, once read

    def phrases_before(self, ctx: Context, pos: int, limit: int = 20) -> list[DatePhrase]:
        """The last ``limit`` date phrases of the sentence that start before ``pos``."""
        if self._phrases is None:
            self._phrases = date_phrases(
                ctx.lay.norm, self.seg.start, self.seg.end, index=ctx.dates
            )
            self._starts = [p.start for p in self._phrases]
        i = bisect.bisect_right(self._starts, pos)
        return self._phrases[max(0, i - limit) : i]


@dataclass
class _Found:
    item: FoundDeadline
    fallback: bool = False


# Finding whens and verbs -----------------------------------------------------------------------


def _last_said(ph: DatePhrase) -> DateMention:
    """A phrase's last date (a range's end, with the start's year if it names none)."""
    end = ph.range_end
    if end is None:
        return ph.dates[-1]
    return end if end.year is not None else end._replace(year=ph.dates[0].year)


def _before(dm: DateMention, day: date) -> bool:
    """Whether a date said with its year lies wholly before ``day``."""
    if dm.year is None or dm.next_year:
        return False
    last, _note = resolve(dm, dm.year, "end")
    return last is not None and last < day


def _whens(ctx: Context, a: int, b: int) -> list[_When]:
    norm = ctx.lay.norm
    out: list[_When] = []
    if not ctx.dates.any_between(a, b) and not _WHEN_HINT.search(norm, max(0, a - 1), b):
        return out  # no date and none of the words below (most clauses): nothing to read
    # 每日20时至次日20时的疫情: a period counted each day, no time to deliver by.
    repeats = [
        r
        for r in find_repeats(norm, a, b)
        if (r.tail.marker or r.tail.at is None or not _TIME_RANGE.match(norm, r.tail.end, b))
        # 每月收缴的党费: what is collected each month, not when it is due.
        and (r.tail.marker or not _ATTRIBUTE.match(norm, r.tail.end, b))
        # 村级河长每周巡河不少于1次: how often work is done, not a report.
        and (r.tail.marker or not _WORK_AFTER.match(norm, r.tail.end, b))
        # 以每月25日为统计数字截止日: the day the figures are counted to, not a delivery.
        and not _CUT_OFF_AFTER.match(norm, r.tail.end, b)
    ]
    if (
        not repeats
        and _BARE_DUE_DAY.search(norm, a, b)
        and _said_before_in_sentence(ctx, a, EVERY_MONTH)
    ):
        # 每个月20日前各部门上报…，23日前人事处将清单送财务处: a day alone in a monthly rule.
        for m in _BARE_DUE_DAY.finditer(norm, a, b):
            due_day = int(m["d"])
            if 1 <= due_day <= 31:
                tail = read_tail(norm, m.end(), b)
                repeats.append(
                    Repeat(m.start(), tail.end, MONTHLY_KIND, day_of_month=due_day, tail=tail)
                )
    if repeats and "实行" in norm[a:b]:
        named = _subject_to(norm, a, b)
        repeats = [r for r in repeats if not any(s <= r.start < e for s, e in named)]
    rep_starts = [r.start for r in repeats]
    for r in repeats:
        out.append(_When(r.start, r.end, "repeat", repeat=r))

    def in_repeat(pos: int) -> bool:
        i = bisect.bisect_right(rep_starts, pos) - 1
        return i >= 0 and repeats[i].start <= pos < repeats[i].end

    formerly, wants = "原" in norm[a:b], "要求" in norm[a:b]
    for ph in date_phrases(norm, a, b, index=ctx.dates):
        if in_repeat(ph.start) or _OF_DATE.match(norm, ph.end, b):
            continue  # 截止2月26日24时前的数据: the date says which data, not when
        if _WHO_BY_THEN.match(norm, ph.end):
            continue  # 截止到2016年8月底，凡从事教学工作满三十年的: who counts, not a deadline
        if _UNTIL_BEFORE.search(norm, max(a, ph.start - 6), ph.start) and _TALLY_AFTER.match(
            norm, ph.end
        ):
            continue  # 截至3月1日，全县累计排查…: a tally as of that day
        if formerly and _FORMERLY.search(norm, max(a, ph.start - 10), ph.start):
            continue  # 原定7月31日截止，现顺延至8月1日: the date given up
        if wants and _UPPER_LEVEL_WANTS.search(norm, max(a, ph.start - 8), ph.start):
            continue  # 国家要求8月10日前上报: the level above's own date, the notice sets its own
        if ctx.issued and _before(_last_said(ph), ctx.issued):
            continue  # 论文的发表截止时间为2010年4月30日, in a notice dated 5月31日: not one it sets
        first = ph.dates[0]
        if ph.is_range:
            after = norm[ph.end : min(b, ph.end + 4)]
            before = norm[max(a, ph.start - 4) : ph.start]
            # 于每年1月1日至6月30日 / 每年7月1日至10月31日，用人单位需向…申报
            by = ph.prefix.rstrip("本今当每次明年月") in ("于", "在") or ph.prefix == "每年"
            kind = (
                "window"
                if (by and _WITHIN_AFTER.match(after))
                # 应于11月1日至11月30日（周一至周五…）向本所申报: delivered within the range.
                or ((by or _FROM_BEFORE.search(before)) and _delivered_next(norm, ph.start, ph.end))
                # 第四阶段（3月9日—10日）：汇总上报: a stage of delivering ends on its last day.
                or (_STAGE.search(before) and _STAGE_DELIVERY.match(norm, ph.end, ph.end + 16))
                else "span"
            )
            out.append(_When(ph.start, ph.end, kind, phrase=ph))
        elif first.day is None and not first.part:
            # 应于4月、7月、10月及隔年1月分别填报: each month's end (flagged when made).
            each_month = (
                len(ph.dates) > 1
                and ph.prefix.rstrip("本今当每次明年月") in ("于", "在")
                and _EACH_MONTH_VERB.match(norm, ph.end, b) is not None
            ) or (
                # 7月份报送检查情况: the month, then its delivery at once (its end, flagged).
                _MONTH_THEN_VERB.match(norm, ph.end, b) is not None
                and not ph.is_range
                and not _FROM_BEFORE.search(norm[max(a, ph.start - 2) : ph.start])
            )
            out.append(_When(ph.start, ph.end, "date" if each_month else "span", phrase=ph))
        elif (
            _FROM_BEFORE.search(norm[max(a, ph.start - 2) : ph.start])
            and _FROM_ON.match(norm, ph.end, b)
        ) or (not ph.is_range and _STARTS_ON.match(norm, ph.end, b)):
            # 从6月1日起上报… / 2月1日(星期四)开始上报 / 报名时间：3月16日起。: when the
            # reporting starts or something opens, no end said, not a day it is due.
            continue
        else:
            out.append(_When(ph.start, ph.end, "date", phrase=ph, loose=not ph.marked))
    day = ctx.issued or ctx.today
    clause = norm[a:b]
    week_after = ("次周" in clause or "下周" in clause) and _said_before_in_sentence(
        ctx, a, _EVERY_WEEK
    )
    if week_after:
        # 每周五前交初稿，…于次周一12:00前报分管领导: the week after, each week.
        for m in _WEEK_AFTER.finditer(norm, a, b):
            tail = read_tail(norm, m.end(), b)
            if tail.marker:
                each = (WEEKDAYS[m["wd"]],)
                r = Repeat(m.start(), tail.end, WEEKLY_KIND, weekdays=each, tail=tail)
                out.append(_When(r.start, r.end, "repeat", repeat=r))
    if not week_after and day is not None and _FROM_TODAY_WORDS.search(clause):
        # 请于今日下午18:00时前上报 / 请于本周四前: counted from the day the notice is dated
        # (or read).
        for m in _TODAY.finditer(norm, a, b):
            if _DATE_IN_PAREN.match(norm, m.end(), b):
                continue  # 本周三（9月21日）上午前: the date in brackets says which day
            tail = read_tail(norm, m.end(), b)
            # 在本周四把推荐名单交给…: 把/将 and what, the verb after, as after a date.
            if not tail.marker and not _BA.match(norm, _skip_blank(norm, tail.end)):
                continue
            on = day + timedelta(days=1) if m["tomorrow"] else day
            if m["wd"]:
                wd = WEEKDAYS[m["wd"]]
                on = day + timedelta(days=wd - day.isoweekday() + (7 if m["next"] else 0))
            at = m.start("w")
            dm = DateMention(at, m.end(), on.year, on.month, on.day, this_month=True)
            out.append(_dated(at, tail, [dm]))
    if "当月" in clause or "当 月" in clause:
        out.extend(_in_the_month(ctx, a, b))
    if "同日" in clause or "当日" in clause or "当天" in clause:
        out.extend(_same_day(ctx, a, b))
    if "单月" in clause or "双月" in clause:
        # 每单月10日前: a date in each odd (每双月: even) month.
        for m in _ODD_MONTHS.finditer(norm, a, b):
            tail = read_tail(norm, m.end(), b)
            dom = cn_int(m["d"])
            if not tail.marker or dom is None or not 1 <= dom <= 28:
                continue
            start_month = 1 if m["which"] == "单" else 2
            months = range(start_month, 13, 2)
            out.append(
                _dated(
                    m.start(),
                    tail,
                    [DateMention(m.start(), m.end(), None, mo, dom) for mo in months],
                )
            )
    for ao in find_at_once(norm, a, b):
        out.append(_When(ao.start, ao.end, "asap", at_once=ao))
    for rel in find_relative(norm, a, b):
        out.append(_When(rel.start, rel.end, "relative", relative=rel))
    out.sort(key=lambda w: w.start)
    return out


# Patterns of this module's smaller look-ups, compiled once.
_MONTH_NUMBER = re.compile(r"\d{1,2}(?=\s*月)")
_LIST_CHAR = re.compile(r"[、和及与]")
_DELIVERY_OPENER = re.compile(r"^(?:报送|上报|提交)")
_MONTH_GAP = re.compile(r"\s*(?:份)?\s*(?:的|内|中|期间|,)?\s*")
_DAY_WORDS = re.compile(r"[\d一二三四五六七八九十廿卅]+\s*[日号]")
_AND_SPLIT = re.compile(r"[和及、]")
_CLOSE_PAREN_ONLY = re.compile(r"\s*\)\s*")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_WITHIN_AFTER = re.compile(r"\s*(?:期间|内|之间|之内)")
_FROM_BEFORE = re.compile(r"[自从]\s*$")
# 2月1日(星期四)开始上报 / 3月16日起。: the day the reports start or something opens,
# without 从 before it.
_STARTS_ON = re.compile(r"\s*(?:\([^()]{1,8}\)\s*)?(?:起|开始)\s*(?:上报|报送|填报|报告|[,;。]|$)")
_RANGE_BEFORE = re.compile(r"(?:至|到|—|-|~)\s*$")
_EACH_DAY = re.compile(r"每\s*(?:日|天|个?\s*工作日)|逐日")
_SAME_DAY = re.compile(r"(?:于|在)\s*(?:同日|当日|当天|同一天)")


def _same_day(ctx: Context, a: int, b: int) -> list[_When]:
    """…10月8日17:00前完成填写，并于同日23:59前缴费: the date said just before, a new time."""
    norm = ctx.lay.norm
    out = []
    for m in _SAME_DAY.finditer(norm, a, b):
        tail = read_tail(norm, m.end(), b)
        if not (tail.marker and tail.at):
            continue
        lo = max(0, m.start() - 120, norm.rfind("。", 0, m.start()) + 1)
        before = [d for d in ctx.dates.between(lo, m.start()) if d.day]
        # After a deadline's own date (…前), or a single day's event (6月16日组织开展活动，
        # 并于当日17:00前报送); 从2月3日起每天…当日 is each day's.
        if before and (
            read_tail(norm, before[-1].end, m.start()).marker
            or (
                not _EACH_DAY.search(norm, lo, m.start())
                and not _TIME_RANGE.match(norm, before[-1].end, m.start())
                and not _RANGE_BEFORE.search(norm, max(lo, before[-1].start - 3), before[-1].start)
                and not _FROM_ON.match(norm, before[-1].end, m.start())
            )
        ):
            d = before[-1]
            at = m.end() - 2
            out.append(_dated(at, tail, [DateMention(at, m.end(), d.year, d.month, d.day)]))
    return out


_TITLE = re.compile(r"《[^《》]{2,40}》")
_WORK_AFTER = re.compile(
    r"\s*(?:至少)?\s*(?:巡河|巡查|巡逻|巡检|检查|开展|召开|组织|培训|演练|调度|研判|会商|走访|督查|排查)"
)
_UPPER_LEVEL_WANTS = re.compile(
    r"(?<![按据照])(?:国家|中央|国务院|上级|省里|市里|县里)\s*要求\s*(?:于|在)?\s*$"
)
_FORMERLY = re.compile(
    r"(?:原定|原计划|原为|原来|原先)(?:于|在|的|为|是|由)?\s*(?:每年|今天|今日|明天)?\s*\(?\s*$"
)
# The verbs a month said alone is due by (12月份上报全年总结; 3月填报作业 is the work, not
# its delivery), and with 分别 also 填报/提供 (4月、7月…分别填报).
_MONTH_VERBS = r"(?:报送|上报|提交|报(?![送名道告表刊]))"
_EACH_MONTH_VERB = re.compile(
    r"\s*(?:份)?\s*(?:分别|各)\s*(?:向[^,。;]{1,16}?)?(?:填报|提供|" + _MONTH_VERBS + ")"
)
_OF_DATE = re.compile(r"\s*的(?!\s*(?:上午|下午|中午|下班|\d|[一二三四五六七八九十]+\s*[点时]))")
_TALLY_AFTER = re.compile(
    r"\s*(?:\([^()]{0,12}\))?\s*(?:之前|以前|前)?\s*,\s*(?:全国|全省|全市|全县|全区|全镇|全乡|全街道|"
    r"我省|我市|我县|我区|我镇|我乡|本市|本县|本区|各地|累计|共|已经?|目前|现有)"
)
_WHO_BY_THEN = re.compile(r"\s*(?:之前|以前|前)?\s*,\s*凡")
# (not 在10月份上报第一次月报时，…: when another thing goes with it)
_MONTH_THEN_VERB = re.compile(
    r"\s*(?:份)?\s*" + _MONTH_VERBS + r"(?!的)(?![^,。;]{0,16}时\s*(?:,|$))"
)
_ODD_MONTHS = re.compile(
    r"每\s*(?:个\s*)?(?P<which>[单双])\s*月\s*(?:的\s*)?(?P<d>\d{1,2}|[一二三四五六七八九十廿]{1,3})\s*[日号]"
)
_THE_MONTH = re.compile(
    r"当(?<!每当)\s*月\s*(?:的\s*)?(?P<d>\d{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*[日号]"
)
_MONTH_RUN = re.compile(r"(?<!\d)\d{1,2}\s*月(?:份)?(?:\s*[、,和及与]\s*\d{1,2}\s*月(?:份)?)+")


def _dated(start: int, tail: Tail, dms: list[DateMention]) -> _When:
    """A date (or several said together) made from words that are no date by themselves
    (今日, 当月20日, 每单月10日), ending with its tail's 前."""
    return _When(start, tail.end, "date", phrase=DatePhrase(start, tail.end, dms, None, tail, "于"))


_ONLY_MONTHS = re.compile(r"[\d一二三四五六七八九十月份、,和及与\s]*")
_LABEL_TIME = re.compile(r"(?:的)?(?:时间|日期|期限|时限|期间)$")
_UNTIL_BEFORE = re.compile(r"(?:截至|截止|截止到|截止于)\s*$")


def _in_the_month(ctx: Context, a: int, b: int) -> list[_When]:
    """于当月20日前报至省监测站: in each month the paragraph lists (每年2月、4月…各监测一次),
    else each month of a monthly rule."""
    norm = ctx.lay.norm
    out: list[_When] = []
    for m in _THE_MONTH.finditer(norm, a, b):
        tail = read_tail(norm, m.end(), b)
        day = cn_int(m["d"])
        # 申报纳税期限分别截至当月15日: the marker before the date.
        until = _UNTIL_BEFORE.search(norm, max(a, m.start() - 6), m.start()) is not None
        if not (tail.marker or until) or day is None or not 1 <= day <= 31:
            continue
        lo = max(0, norm.rfind("\n\n", 0, m.start()) + 1, m.start() - 300)
        runs = list(_MONTH_RUN.finditer(norm, lo, m.start()))
        if runs:
            months = [int(x) for x in _MONTH_NUMBER.findall(runs[-1].group())]
            dms = [
                DateMention(m.start(), m.end(), None, mo, day)
                for mo in months
                if 1 <= mo <= 12 and day <= days_in(2024, mo)  # a leap year: 2月29日 may be
            ]
            if dms:
                out.append(_dated(m.start(), tail, dms))
        elif EVERY_MONTH.search(norm, lo, m.start()):
            r = Repeat(m.start(), tail.end, MONTHLY_KIND, day_of_month=day, tail=tail)
            out.append(_When(m.start(), tail.end, "repeat", repeat=r))
    return out


# Words _TODAY needs (本/这/下 with 周, 星期 or 礼拜, 个 between or not): a clause with none
# of them is not searched.
_FROM_TODAY_WORDS = re.compile("今日|今天|明日|明天|本周|这周|下周|本个|这个|下个|星期|礼拜")
_TODAY = re.compile(
    r"[于在]\s*(?P<w>今日|今天|(?P<tomorrow>明日|明天)|(?:本|这|(?P<next>下))\s*(?:个\s*)?(?:周|星期|礼拜)\s*(?P<wd>[一二三四五六日天1-7]))"
)
_DATE_IN_PAREN = re.compile(r"\s*\(\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_WEEK_AFTER = re.compile(r"(?:次|下)\s*(?:一\s*)?(?:周|星期)\s*(?P<wd>[一二三四五六日天1-7])")


_BARE_DUE_DAY = re.compile(r"(?P<d>\d(?<![\d月年.\-/]\d)\d?)\s*[日号]\s*(?=前|之前|以前)")


_EVERY_WEEK = re.compile(r"每\s*(?:个\s*)?(?:周|星期)")
# Beside a date, each of _whens' readers needs words of its own: a repeat, a day before 前
# in a monthly rule, 次周/下周, a day counted from today, 当月, 同日/当日/当天, 单月/双月,
# an at-once word, 3日内. A clause with none of them and no date is not read pass by pass.
_WHEN_HINT = re.compile(
    "|".join(
        (
            REPEAT_HINT,
            r"日\s*(?:之|以)?前|号\s*(?:之|以)?前",
            r"次周|下周",
            _FROM_TODAY_WORDS.pattern,
            r"当 ?月|同日|当日|当天|单月|双月",
            AT_ONCE_HINT,
            # (each alternative its literal first: see REPEAT_HINT)
            r"工作日\s*(?:之|以)?内|日\s*(?:之|以)?内|天\s*(?:之|以)?内|周\s*(?:之|以)?内"
            r"|星期\s*(?:之|以)?内",
        )
    )
)


def _said_before_in_sentence(ctx: Context, pos: int, words: re.Pattern[str]) -> bool:
    """Whether ``words`` (每月, 每周) occur in the sentence before ``pos``."""
    seg = ctx.lay.sents[ctx.lay.sentence_index(pos)]
    return words.search(ctx.lay.norm, seg.start, pos) is not None


_THEN_TOWARD = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:[,]?\s*(?:向|到|至)[^,。;]{1,20}?)?")


def _delivered_next(norm: str, start: int, pos: int) -> bool:
    """A delivery verb right after the phrase ``[start, pos)`` (an aside and 向 whom skipped)."""
    end = min(len(norm), pos + 120)
    if norm.count("(", start, pos) > norm.count(")", start, pos):
        close = norm.find(")", pos, end)  # 11月30日(周一至周五…): the aside the phrase began
        if close < 0:
            return False
        pos = close + 1
    m = _THEN_TOWARD.match(norm, pos, end)
    at = m.end() if m else pos
    if norm.startswith(",", at):
        at += 1  # 于1月1日至6月30日，申报上一年年度报告
    # The first verb from there (向本所申报: the lazy 向… may stop short of it) up to the
    # clause's end: one search each instead of a try at every character.
    stop = min(end - 1, pos + 90)
    p = _CLAUSE_END.search(norm, at, stop)
    if p is not None:
        stop = p.start()
    found = [v for v in (_STRONG.search(norm, at, end), _WEAK.search(norm, at, end)) if v]
    found = [v for v in found if v.start() <= stop]
    if not found:
        return False
    v = min(found, key=lambda x: x.start())
    # 线上报到期间: the name of a period, not a delivery within the range.
    return not _PERIOD_NOUN.match(norm, v.end(), v.end() + 4)


_CLAUSE_END = re.compile(r"[,。;\n]")
_PERIOD_NOUN = re.compile(r"\s*(?:期间|时间|阶段|工作)")
_STAGE = re.compile(r"阶段\s*[(:]?\s*$")
_STAGE_DELIVERY = re.compile(
    r"\s*\)?\s*:?\s*(?:[\u4e00-\u9fff]{0,6}?)(?:报送|上报|汇总上报|提交|报)"
)
_GOES_ON = re.compile(r"\s*(?:并|并于|并在|同时|再|然后)")
# A sentence about a daily report (每日…, 日报告制度, 当日情况): a time alone is a daily one.
_DAILY_HINT = re.compile(r"每日|每天|日报告|日报制度|当日")
_BARE_TIME = re.compile(
    r"[于在](?<![日号\d][于在])\s*(?:当天|当日)?" + TIME_PATTERN.pattern + r"\s*(?:之前|以前|前)?"
)


def _bare_times(norm: str, a: int, b: int) -> list[_When]:
    """于下午16时前 (each day, in a sentence about a daily report)."""
    out = []
    for m in _BARE_TIME.finditer(norm, a, b):
        at = parse_time(m)
        if at is None:
            continue
        r = Repeat(m.start(), m.end(), DAILY_KIND, tail=Tail(m.end(), at=at, marker="前"))
        out.append(_When(m.start(), m.end(), "repeat", repeat=r))
    return out


_MEANS_THEN = re.compile(r"\s*(?:或者|或|和|及|、)\s*[\u4e00-\u9fff]{1,6}\s*")


_SUBJECT_TO = re.compile(r"实行[^,。;]{2,30}?的(?=各|有关|相关|所有)")


def _subject_to(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """现将实行每月或者每季度期满后15日内申报纳税的各税种…明确如下: a rule named as what
    things are subject to asks no delivery; its verbs and repeats are no deadline."""
    return [m.span() for m in _SUBJECT_TO.finditer(norm, a, b)]


# 仍有部分企业未按规定报送 / 尚未及时上报的: a delivery not made, narrated, never one asked for.
_NOT_DONE = re.compile(r"(?:未|尚未|没有|仍未)\s*(?:按规定|按时|及时|如期|按要求|依法|按期)?\s*$")
_DATA_BEFORE = re.compile(r"(?:统计|数据|数字|资料|时点)[^,。;:]{0,3}$")
_CUT_OFF_AFTER = re.compile(r"\s*为\s*(?:统计|数据|数字|资料){1,2}\s*(?:的\s*)?截止")


_WHERE_THEN_COLON = re.compile(r"[\u4e00-\u9fff]{0,14}\s*:")


def _verbs(ctx: Context, a: int, b: int) -> list[_Verb]:
    if _VERB_START.search(ctx.lay.norm, a, b) is None:
        return []  # no character a verb, a label or a frame starts with (a third of clauses)
    masked = mask_parentheticals(ctx.lay.norm[a:b])
    found: list[_Verb] = [_Verb(a + m.start(), a + m.end()) for m in _STRONG.finditer(masked)]
    found += [_Verb(a + m.start(), a + m.end(), weak=True) for m in _WEAK.finditer(masked)]
    frames = [f for f, gate in _FRAME_GATES if gate(masked)]
    if frames:
        # 向镇安办汇报… / 立即将事故有关信息报告学校校长: 报告 and 汇报 in their frames.
        taken = {v.start for v in found}
        for frame in frames:
            for m in frame.finditer(masked):
                if a + m.start("v") not in taken:
                    # An errand is asked for only with its date (尽快到…参加登记 may be a
                    # campaign's call).
                    weak = frame is _ERRAND_AT or frame is _ERRAND
                    found.append(_Verb(a + m.start("v"), a + m.end("v"), weak=weak))
                    taken.add(a + m.start("v"))
    # A label may end its clause: the colon after it (作品征集：…) is where the clause was cut.
    after = ctx.lay.norm[b : b + 1]
    # (The clause masked again only when that next character is a bracket: else it masks alike.)
    with_colon = (
        mask_parentheticals(ctx.lay.norm[a : b + 1])
        if after in ("(", ")", "（", "）")
        else masked + after
    )
    found += [
        _Verb(a + m.start(), a + m.end(), label=True)
        for m in _LABEL_VERB.finditer(with_colon)
        if m.start() < b - a
        # 统计数字截止时间为12月25日: which figures, not when they are due.
        and not (
            with_colon.startswith("截止", m.start())
            and _DATA_BEFORE.search(with_colon, max(0, m.start() - 8), m.start())
        )
        # 填报人：张三 填报时间：2023年5月1日: a filled form's footer, when it was filled.
        and not _FORM_FOOTER.search(ctx.lay.norm, max(0, a + m.start() - 40), a + m.start())
    ]
    if "未" in masked or "没有" in masked:
        found = [
            v for v in found if not _NOT_DONE.search(masked, max(0, v.start - a - 8), v.start - a)
        ]
    if "实行" in masked:
        named = _subject_to(ctx.lay.norm, a, b)
        found = [v for v in found if not any(s <= v.start < e for s, e in named)]
    found.sort(key=lambda v: (v.start, not v.label))
    # 将申报材料邮寄至…: after 将 a verb names the thing (the application's materials),
    # when another verb follows (found is in order: the last starts latest).
    found = [
        v
        for v in found
        if not (v.start > a and ctx.lay.norm[v.start - 1] in "将把" and found[-1].start >= v.end)
    ]
    kept: list[_Verb] = []
    for v in found:
        if kept and v.start < kept[-1].end:
            if v.label and not kept[-1].label:
                kept[-1] = v  # a label (报送时间) swallows the verb inside it
            continue
        kept.append(v)
    # 传真或电子邮件报送…: the first is the means of the verb after it.
    if len(kept) > 1 and any(v.weak for v in kept[:-1]):
        kept = [
            v
            for v, nxt in zip(kept, [*kept[1:], None], strict=True)
            if not (
                v.weak and nxt is not None and _MEANS_THEN.fullmatch(ctx.lay.norm, v.end, nxt.start)
            )
        ]
    for v in kept:
        # 市（州）报省总站的时间为：月报在…: the verb and where to, then the word for when.
        # (…“资格申请”，时间为3月27日至4月11日: across the comma after a name in quotes.)
        if not v.label and _VERB_THEN_WHEN.match(ctx.lay.norm, v.end, b + 12):
            v.label = True
    if kept and not kept[-1].label:
        # 报委交通运输科：1月30日、2月13日: the verb and where to, then a colon and dates.
        v = kept[-1]
        tail = ctx.lay.norm[v.end : b + 1]
        if _WHERE_THEN_COLON.fullmatch(tail):
            v.listed = True
    return kept


# What is due --------------------------------------------------------------------------------------


class _Pair:
    """The normal form and the original of one piece of text, cut in step."""

    __slots__ = ("n", "o")

    def __init__(self, norm: str, orig: str):
        self.n = norm
        self.o = orig

    def cut(self, a: int, b: int) -> _Pair:
        return _Pair(self.n[a:b], self.o[a:b])

    def drop(self, spans: list[tuple[int, int]]) -> _Pair:
        """Without the characters in ``spans`` (which may overlap): joined from the slices
        between them, not character by character."""
        size = len(self.n)
        cuts = sorted((max(0, a), min(size, b)) for a, b in spans if min(size, b) > max(0, a))
        ns, os = [], []
        pos = 0
        for a, b in cuts:
            if a > pos:
                ns.append(self.n[pos:a])
                os.append(self.o[pos:a])
            pos = max(pos, b)
        ns.append(self.n[pos:])
        os.append(self.o[pos:])
        return _Pair("".join(ns), "".join(os))


def _pair(ctx: Context, a: int, b: int) -> _Pair:
    return _Pair(ctx.lay.norm[a:b], ctx.lay.text[a:b])


_BLANK_CHAR = re.compile(r"[\r\n\t ]")


def _tidy_pair(p: _Pair) -> _Pair:
    """Without line breaks, tabs and spaces, but for a space between ASCII letters or digits."""
    n = p.n
    spans = []
    for m in _BLANK_CHAR.finditer(n):  # only the blanks are looked at, most pieces have none
        i = m.start()
        if n[i] == " ":
            prev = n[i - 1] if i else ""
            nxt = n[i + 1] if i + 1 < len(n) else ""
            if prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
                continue
        spans.append((i, i + 1))
    return p.drop(spans) if spans else p


def clean_what(p: _Pair) -> str:
    """The thing due, without parentheses, quantities, 本单位-type owners and closing words."""
    p = _tidy_pair(p)
    spans = parentheticals(p.n)
    if spans and not (spans[0][0] == 0 and spans[0][1] == len(p.n)):
        p = p.drop(spans)
    for _ in range(4):
        size = len(p.n)
        m = _PRE_TRIM.match(p.n)
        if m and 0 < m.end() < len(p.n):
            p = p.cut(m.end(), len(p.n))
        n = p.n
        m = (
            _POST_TRIM.search(n)
            if n
            and (n[-1] in _POST_TRIM_LAST or n[-1].isspace() or "至" in n or "给" in n or "到" in n)
            else None
        )
        if m and m.start() > 0:
            p = p.cut(0, m.start())
        if len(p.n) == size:
            break  # nothing trimmed: another round would trim nothing either
    o = p.o.strip()
    if o.count("“") != o.count("”"):
        o = o.strip("“”")
    if o.startswith("《") and o.endswith("》") and o.count("《") == 1:
        o = o[1:-1]
    if o.startswith(("有关", "相关")) and len(o) >= 6:
        o = o[2:]
    return o.strip(" ，,、：:；;。")


_VAGUE_SHAPE = re.compile(
    # 每季度报送1次: how often, not what.
    r"附\s*[件表]\s*\d*|[0-9一二两三四五六七八九十]+\s*次|本次|此次|这次|本期|当期"
    # (二) / 1. / 三、: a heading's number
    r"|\(?[0-9一二三四五六七八九十]{1,3}\s*[)、.]?"
    # 12月份提前至12月20日前报送: which month, not what
    r"|[0-9一二三四五六七八九十]{1,3}\s*月份?"
    # 征集即日起至1月17日: when it opens, not what
    r"|(?:从|自)?即日起\s*(?:至|到)?"
    # 征稿延期至5月15日 / 投稿截止至…: the deadline moving or closing, not what
    r"|延期|延长|顺延|推迟|截止"
)


# Names of things handed in end so (月报表, 总结报告, 名单, 推荐材料); a name that does not
# and reads as a time, a recipient or a manner is not what is due.
_THING_END = re.compile(
    r"(?:表|表格|报告|報告|材料|總結|总结|名单|名單|名册|情况|情況|数据|數據|报|報|稿|作品|方案|计划|計劃|"
    r"信息|資訊|册|冊|书|書|单|單|函|件|档|檔|回执|清单|台账|臺帳|进度|進度|意见|意見|文件|论文|論文|成绩|成績|"
    r"经验|做法|案例|照片|视频|登记|登記|申请|申請|报名|報名|费|費|款|资料|資料|要点|要點|提纲|提綱|日程|明细|明細)\)?$"
)
# 上周三 / 前一日12时 / 自2020年1月31日起 / 起止日期为3月10日 / 申报时间 / 月度结束后.
_TIME_WHAT = re.compile(
    r"(?:\d\s*(?:月|日|号|號|时|時|点|點)(?:\s*(?:晚|上午|下午|中午))?|[上下本这這次前当當]\s*一?\s*(?:个|個)?\s*"
    r"(?:周|週|星期)[一二三四五六日天]?|时间|時間|期间|期間|期限|日期|时限|時限|之前|以前|之后|以后|"
    r"结束后|結束後|为止|為止|日内|日內|[日号號]\s*(?:之|以)?前|[周週]\s*(?:周|週|星期)?[一二三四五六日天]|"
    r"(?:签章|簽章|盖章|蓋章|签字|簽字|审核|審核)后)$"
    r"|^(?:(?:自|从|從)\s*(?:\d|即日|今|本|发|發|印|下)|即日|截至|截止)"
)
# 市政府办公厅和市安委会办公室 / 教务处 / 学校 / 各地: where it goes or who sends it.
_WHO_WHAT = re.compile(
    r"(?:局|厅|廳|科|处|處|办|辦|办公室|辦公室|室|中心|部门|部門|领导|領導|小组|小組|组|組|委|政府|"
    r"学校|學校|学院|學院|乡镇|鄉鎮|县区|縣區|各地|学生|學生|老师|老師|教师|教師|作者|单位|單位|组织|組織|"
    r"考生|同学|同學|家长|家長|市民|居民|群众|群眾|本人|个人|個人)$"
)
# 纸质版和电子版 / 一并 / 方式 / 的原則 / 等方式…: how it goes, or a piece of a clause.
_MANNER_WHAT = re.compile(
    r"(?:纸质|紙質|电子|電子)(?:版|档|檔|件|稿)?(?:和|及|、)?(?:(?:纸质|紙質|电子|電子)(?:版|档|檔|件|稿)?)?"
    r"|一并|方式|上报|完成|完毕|作業|事宜|具體|注|目录|立卷|归档|处理|公开|汇总|申报|申報"
)
_FRAGMENT_START = re.compile(r"^(?:的|等|之|用于|用於|以|\)|）)")


_NO_WORD = re.compile(r"[\W_]*")


def _is_vague(what: str) -> bool:
    if what in _VAGUE or len(what) < 2 or _VAGUE_SHAPE.fullmatch(what) is not None:
        return True
    if _NO_WORD.fullmatch(what):
        return True  # () / 《》: brackets left of a name a copy lost
    # (Both patterns end in $ and match at most 3 characters: only the last 4 are searched.)
    if _THING_END.search(what, len(what) - 4):
        return False
    return bool(
        _TIME_WHAT.search(what)
        or (len(what) <= 16 and _WHO_WHAT.search(what, len(what) - 4))
        or _MANNER_WHAT.fullmatch(what)
        or _FRAGMENT_START.match(what)
    )


_ATTACHMENT_NAME = re.compile(r"附\s*[件表]\s*(\d{1,2})")


def _attachment_ref(ctx: Context, what: str) -> str | None:
    m = _ATTACHMENT_NAME.fullmatch(what)
    if not m:
        return None
    n = int(m[1])
    return next((a.title for a in ctx.attachments if a.number == n), None)


_DONE_NOUN = re.compile(r"(?:完成|做好|进行)(?P<x>[^,。;]{2,30}?(?:的?信息)?)$")
_IF_HAPPENS = re.compile(
    r"\s*" + _ITEM_NO + r"(?:如遇|如有|遇有|凡有|一旦发生|如发生|发生)(?P<n>[^,。;]{2,20})\s*"
)
_NEEDS_APPROVAL = re.compile(
    r"\s*(?P<n>[^,。;]{2,16}?)(?:须|需|应|要|均)?\s*经(?![费济营验过办])[^,。;]{1,30}?后\s*"
)


def _tail_noun(ctx: Context, a: int, b: int) -> str:
    """The last thing named in ``[a, b)``: after the last 等, else after the last verb."""
    a = max(a, b - _WINDOW)
    s = ctx.lay.norm[a:b]
    # 活动总结须经主要负责人签字并加盖公章后，于…报送: the thing approved;
    # 如遇突发事件，须立即报告: what happened is what is reported.
    named = _NEEDS_APPROVAL.fullmatch(s) or _IF_HAPPENS.fullmatch(s)
    if named:
        what = clean_what(_pair(ctx, a + named.start("n"), a + named.end("n")))
        return what if 2 <= len(what) <= 24 and not _is_vague(what) else ""
    cut = s.rfind("等")
    if 0 <= cut < len(s) - 2:
        start = cut + 1
    else:
        verbs = list(_TAIL_NOUN_VERBS.finditer(s))
        if not verbs:
            return ""
        start = verbs[-1].end()
    what = clean_what(_pair(ctx, a + start, b))
    return what if 2 <= len(what) <= 24 and not _is_vague(what) else ""


# A thing's name, then its date (各单位于… names who, not what: no match).
_NAME_THEN_WHEN = re.compile(
    r"[、,;\s]*(?P<n>(?!各|请)[^,。;、\s]{2,16}?)(?<!单位)(?<!乡镇)(?<!街道)(?<!部门)(?<!村)(?<!社区)(?<!企业)(?<!学校)\s*(?:于|在)\s*"
)


def _own_names(ctx: Context, a: int, ws: list[_When]) -> list[str]:
    """上半年总结于6月25日前、全年总结于12月25日前报送: each date after its own thing."""
    if len(ws) < 2 or any(w.kind != "date" or w.start < a for w in ws):
        return []
    names = []
    for i, w in enumerate(ws):
        m = _NAME_THEN_WHEN.fullmatch(ctx.lay.norm, ws[i - 1].end if i else a, w.start)
        name = clean_what(_pair(ctx, m.start("n"), m.end("n"))) if m else ""
        if not name or _is_vague(name):
            return []
        names.append(name)
    return names


_MADE_FIRST = re.compile(r"\s*(?:并|再)?\s*(?:填写|制定|编制|撰写|形成|整理)")
_THEN = re.compile(r"(?:并|后|,\s*并)\s*$")


def _made_then_sent(ctx: Context, a: int, verb: _Verb) -> str:
    """制定方案并报… / 明确1名联络员，并于5月24日前报…: the thing made just before."""
    norm = ctx.lay.norm
    if verb.label:
        return ""
    # (填写回执(附件1)发送至邮箱: a clause opening with what is made, then sent.)
    if _THEN.search(norm, max(a, verb.start - 3), verb.start) or _MADE_FIRST.match(
        norm, a, verb.start
    ):
        return _tail_noun(ctx, a, verb.start)
    return ""


def _object(ctx: Context, region_start: int, verb: _Verb, stop: int, whens: list[_When]) -> str:
    """What is due for ``verb``, read between ``region_start`` and ``stop``."""
    norm = ctx.lay.norm
    region_start = max(region_start, verb.start - _WINDOW)
    stop = min(stop, verb.end + _WINDOW)
    when_spans = [(w.start, w.end) for w in whens if w.start >= region_start]
    # 1. 将/把 + the thing, before the verb.
    before = _pair(ctx, region_start, verb.start)
    bas = list(_BA.finditer(before.n))
    if bas:
        k = bas[-1].end()
        piece = before.cut(k, len(before.n)).drop(
            [(s - region_start - k, e - region_start - k) for s, e in when_spans]
        )
        what = clean_what(piece)
        titles = _TITLE.findall(what) if "," in what else []
        if titles:
            # 将上月情况汇总后,填写《生猪检疫月报表》,通过电子邮件上报: the form filled in goes.
            return titles[-1][1:-1]
        if what and (not _is_vague(what) or what in ("此表", "该表", "本表")):
            return what
    # 2. After the verb, unless that is only where it goes.
    if not verb.label:
        verb_text = norm[verb.start : verb.end]
        # 报 names where it goes (报县安委办), unless no office follows (前报上月数据).
        recipient_verb = verb_text.endswith(("至", "给")) or (
            verb_text == "报" and _ORG_NEXT.match(norm, verb.end) is not None
        )
        after = _pair(ctx, verb.end, stop).drop(
            [(s - verb.end, e - verb.end) for s, e in when_spans if verb.end <= s and e <= stop]
        )
        if not recipient_verb and not _RECIPIENT_START.match(after.n):
            what = clean_what(after)
            if what and _ORG_END.search(what) and len(what) <= 16 and not _LIST_CHAR.search(what):
                what = ""
            if what in ("活动", "工作"):
                return verb_text + what  # 征集活动自发布之日起…: the act names it
            if what and not _is_vague(what):
                return what
    else:
        # 报送材料截止时间为…: the thing sits between the verb and the label.
        head = norm[region_start : verb.start]
        vs = list(_STRONG.finditer(head))
        if vs:
            what = clean_what(_pair(ctx, region_start + vs[-1].end(), verb.start))
            if what and not _is_vague(what):
                return what
    # 3. 完成…活动的信息报送: the delivery said as a noun, what it is of before it.
    done = _DONE_NOUN.search(norm, max(region_start, verb.start - 40), verb.start)
    if done:
        what = clean_what(_pair(ctx, done.start("x"), done.end("x")))
        if what in ("网上", "线上", "线下", "书面", "网络", "集中", "统一", "系统", "平台"):
            return what + norm[verb.start : verb.end]  # 完成网上申报: the delivery is the thing
        if what and not _is_vague(what):
            return what
    # 4. The words before the date (活动总结请于6月28日前报送 / 重要活动要即时报送).
    first = min([s for s, _ in when_spans] + [verb.start])
    lead = _pair(ctx, region_start, first)
    text = lead.n.strip()
    k = text.rfind("于")
    if k > 1:
        text = text[:k]
    text = _LEAD_OPENER.sub("", text)
    text = _EACH_UNIT.sub("", text)
    text = _EACH_PERIOD.sub("", text)
    text = _LEAD_CLOSER.sub("", text)
    if text and not text.startswith("各") and not _SUBJECT_END.search(text):
        k = lead.n.find(text)
        what = clean_what(lead.cut(k, k + len(text)))
        what = _MODAL_END.sub("", what)
        if what and not _is_vague(what):
            return what
    return ""


# The words before a date, trimmed: what opens and what closes them is not what is due.
_LEAD_OPENER = re.compile(r"^(?:并|同时|另外|请|由)+")
# 各单位报名表请于…: the units named first, then what they send.
_EACH_UNIT = re.compile(
    r"^各\s*(?:单位|乡镇|村|社区|部门|学校|企业|站所|科室)(?=[\u4e00-\u9fff]{2})"
)
# 各季季度报告分别于…: "each quarter's", not "each unit".
_EACH_PERIOD = re.compile(r"^各\s*(?:季度?|月度?|周|年度?|期)(?=[\u4e00-\u9fff]{2})")
_LEAD_CLOSER = re.compile(
    r"(?:要|须|需|务必|应|应当|请|均|统一|按时|必须|分别|于|在|截至|截止|到|最迟|不晚于|,|\s)+$"
)
_MODAL_END = re.compile(r"(?:要|须|需|务必|应|请|均|统一)+$")

_FROM_CLAUSE_BEFORE = "报送内容取自前一分句"


def _fallback_what(
    ctx: Context, sent: _Sentence, clause_index: int, cls: list[_Clause]
) -> tuple[str, str]:
    lay = ctx.lay
    pos = sent.seg.start
    if lay.in_appendix(pos):
        title = lay.appendix_title_at(pos)
        if title:
            return title, "报送内容取自所在附件的标题"
    if clause_index > 0:
        prev = cls[clause_index - 1].seg
        noun = _tail_noun(ctx, prev.start, prev.end)
        if noun:
            return noun, _FROM_CLAUSE_BEFORE
    if sent.index > 0:
        prev_sent = lay.sents[sent.index - 1]
        if lay.line_index(prev_sent.start) >= lay.line_index(pos) - 2:
            noun = _tail_noun(ctx, prev_sent.start, prev_sent.end)
            if noun:
                return noun, "报送内容取自上一句"
    heading = lay.heading_before(pos)
    if heading:
        heading = clean_what(_Pair(heading, heading)) or heading
        heading = _DELIVERY_OPENER.sub("", heading)
    if heading and 2 <= len(heading) <= 20 and not _GENERIC_HEADING.search(heading):
        return heading, "报送内容取自所在段落的标题"
    return "报送材料", "未能确定报送内容"


# Making deadlines -------------------------------------------------------------------------------


_NO_SPAN = "未说明起止日期"


def _span_for(ctx: Context, sent: _Sentence, w_start: int) -> tuple[date | None, date | None, str]:
    """The span a repeat runs over: a range, a 6月份 or a 自…起 before it in its sentence,
    else the campaign's period."""
    norm = ctx.lay.norm
    best: tuple[date, date | None] | None = None
    for ph in reversed(sent.phrases_before(ctx, w_start)):
        if best is not None:
            break
        first = ph.dates[0]
        if ph.range_end is not None:
            best = _range_dates(ph, ctx.year)
        elif (
            len(ph.dates) == 1
            and first.day is None
            and not first.part
            and not _FROM_ON.match(norm, ph.end, w_start)
        ):
            gap = norm[ph.end : w_start]
            if first.whole_month or _MONTH_GAP.fullmatch(gap):
                s, _ = resolve(first, ctx.year, "start")
                e, _ = resolve(first, ctx.year, "end")
                if s and e:
                    best = (s, e)
        elif _FROM_TODAY_UNTIL.search(norm, max(0, ph.start - 8), ph.start):
            # 自即日起至6月30日，每周三18:00前: from the notice's day to that date.
            e, _ = resolve(first, ctx.year, "end")
            s = ctx.issued or ctx.today
            if e and s and s <= e:
                best = (s, e)
        elif _FROM_ON.match(norm, ph.end, w_start) or _FROM_BEFORE.search(
            norm[max(0, ph.start - 2) : ph.start]
        ):
            s, _ = resolve(first, ctx.year, "start")
            if s:
                e = ctx.period.end if ctx.period and ctx.period.end >= s else None
                best = (s, e)
    if best is None and "年" in norm[sent.seg.start : w_start]:
        # 从2010年起，每季度报送: from that year's first day.
        y = _FROM_YEAR.search(norm, sent.seg.start, w_start)
        if y:
            best = (date(int(y["y"]), 1, 1), None)
    if best is None:
        best = _period_said_before(ctx, sent)
    if best is not None:
        if best[1] is None:
            return best[0], None, "未说明截止到哪一天"
        return best[0], best[1], ""
    if ctx.period:
        return ctx.period.start, ctx.period.end, ""
    return None, None, _NO_SPAN


def _range_dates(ph: DatePhrase, year: int) -> tuple[date, date] | None:
    """A range's first and last day; the end takes the start's year, and one before the
    start is in the next year (12月20日至1月10日)."""
    assert ph.range_end is not None
    first = ph.dates[0]
    s, _ = resolve(first, year, "start")
    end_dm = ph.range_end
    if end_dm.year is None and first.year is not None:
        end_dm = end_dm._replace(year=first.year)
    e, _ = resolve(end_dm, year, "end")
    if s is None or e is None:
        return None
    return (s, e if e >= s else e.replace(year=e.year + 1))


_FROM_TODAY_UNTIL = re.compile(r"即日\s*(?:起|开始)?\s*(?:至|到|—|-)\s*$")
_DURING = re.compile(r"\s*(?:期间|\))")
_UNTIL_EVENT = re.compile(r"\s*(?:至|到)\s*[\u4e00-\u9fff]{2,8}(?:结束|闭幕|为止)")
_FROM_YEAR = re.compile(r"[自从]\s*(?P<y>(?:19|20)\d\d)\s*年\s*(?:起|开始)")
# 6月1日起 / 2月15日(星期五)恢复周报制度: the day a repeat starts.
_FROM_ON = re.compile(r"\s*(?:\([^()]{1,8}\)\s*)?(?:起|开始|恢复|启动|实行)")


def _period_said_before(ctx: Context, sent: _Sentence) -> tuple[date, date | None] | None:
    """The repeat's period said before it and delivering nothing itself: a range in the same
    paragraph (日报时间为1月24日-2月11日。各企业于每日10点前报送…), in the heading above
    ((一)春运周报告(1月23日至3月1日)) or named as one (填报时间：1月24日至2月14日期间)."""
    lay = ctx.lay
    norm = lay.norm
    line = lay.line_index(sent.seg.start)
    index = ctx.dates
    i = sent.index - 1
    while i >= 0 and sent.index - i <= 4 and sent.seg.start - lay.sents[i].end <= 300:
        seg = lay.sents[i]
        # Its end on the same line: a heading without a stop may begin it.
        same_line = lay.line_index(seg.end - 1) == line
        heading = not same_line and seg.end - seg.start <= 40
        phrases = date_phrases(norm, seg.start, seg.end, index=index)
        ranges = [ph for ph in phrases if ph.range_end is not None]
        if ranges:
            ph = ranges[-1]
            during = _DURING.match(norm, ph.end, seg.end) is not None
            if ph.tail.marker or not (same_line or heading or during):
                return None
            # 于6月1日—6月5日期间上报: a window to deliver in, not a period (a named period
            # may go on: 填报时间：1月24日至2月14日期间，实行每日报送).
            stop = seg.end
            if during:
                cut = _CLAUSE_END.search(norm, ph.end, seg.end)
                stop = cut.start() if cut else seg.end
            if _STRONG.search(norm, ph.end, stop) or _WEAK.search(norm, ph.end, stop):
                return None
            return _range_dates(ph, ctx.year)
        if heading:
            # (二)全国两会日报告(3月3日至两会结束): from a day to an event.
            opened = [ph for ph in phrases if _UNTIL_EVENT.match(norm, ph.end, seg.end)]
            s = resolve(opened[0].dates[0], ctx.year, "start")[0] if opened else None
            return (s, None) if s else None
        if not same_line:
            return None  # an earlier paragraph without a period
        i -= 1
    return None


def _join(*reasons: str) -> str:
    return "；".join(dict.fromkeys(r for r in reasons if r))


class _Common(TypedDict):
    """The fields every deadline read from one phrase shares."""

    what: str
    source: str
    span: Span


def _make(
    ctx: Context,
    sent: _Sentence,
    span: tuple[int, int],
    what: str,
    when: _When,
    reason: str = "",
    period: tuple[date, date] | None = None,
) -> list[FoundDeadline]:
    a, b = span
    common: _Common = {"what": what, "source": tidy(ctx.lay.text[a:b]), "span": span}
    out: list[FoundDeadline] = []
    if when.kind == "repeat" and when.repeat is not None and when.repeat.periods and not period:
        # 每日(9月19日-21日,10月1日-7日)下午3时前: one rule for each period.
        r = when.repeat
        for ph in r.periods:
            rng = _range_dates(ph, ctx.year)
            if rng is not None:
                out += _make(ctx, sent, span, what, when, reason, rng)
        if out:
            return out
    if when.kind == "repeat" and when.repeat is not None:
        r = when.repeat
        start, end, why = (*period, "") if period else _span_for(ctx, sent, when.start)
        notes = [reason, why]
        if r.kind == QUARTERLY_KIND:
            if r.day_of_month is None and r.month_of_quarter == 1:
                notes.append("未说明季度第一个月几日前报送，按月底计")
            elif r.month_of_quarter is None:
                notes.append("未说明每季度何时报送，按季度最后一天计")
            out.append(
                FoundDeadline(
                    kind=QUARTERLY_KIND,
                    at=r.tail.at,
                    day_of_month=r.day_of_month,
                    month_of_quarter=r.month_of_quarter,
                    start=start,
                    end=end,
                    **common,
                )
            )
            why_all = _join(*notes)
            return [d.changed(unsure=bool(why_all), reason=why_all) for d in out]
        if r.kind == WEEKLY_KIND:
            if not r.weekdays:
                notes.append("未说明每周星期几")
            for wd in r.weekdays or (None,):
                out.append(
                    FoundDeadline(
                        kind=WEEKLY_KIND, at=r.tail.at, weekday=wd, start=start, end=end, **common
                    )
                )
        elif r.kind == MONTHLY_KIND:
            if r.day_of_month is None and not r.month_end:
                notes.append("未说明每月几日前报送，按月底计")
            if r.part:
                notes.append(
                    f"“每月{r.part}”只是大致时间，按{r.day_of_month or '月底'}{'日' if r.day_of_month else ''}计"
                )
            for day in (r.day_of_month, *r.more_days):
                out.append(
                    FoundDeadline(
                        kind=MONTHLY_KIND,
                        at=r.tail.at,
                        day_of_month=day,
                        start=start,
                        end=end,
                        **common,
                    )
                )
        else:
            out.append(FoundDeadline(kind=DAILY_KIND, at=r.tail.at, start=start, end=end, **common))
        why_all = _join(*notes)
        return [d.changed(unsure=bool(why_all), reason=why_all) for d in out]
    if when.kind in ("date", "window") and when.phrase is not None:
        ph = when.phrase
        notes = [reason]
        if when.kind == "window":
            dms = [ph.range_end] if ph.range_end else []
            notes.append("通知给的是一个报送时段，取其最后一天")
        else:
            dms = list(ph.dates)
        if when.loose:
            notes.append("日期后没有“前”字，按当天截止")
        for dm in dms:
            on, approx = resolve(dm, ctx.year, "end")
            if on is None:
                continue
            dm_notes = list(notes)
            if dm.day is None and not dm.part:
                dm_notes.append(f"只写了{on.month}月，按月底计")
            if approx:
                dm_notes.append(f"“{approx}”只是大致时间，按{on.month}月{on.day}日计")
            if dm.this_month:
                # 本月25日 / 请于15日前 / 今日 / 本周四: counted from the notice's date.
                words = ctx.lay.norm[dm.start : dm.end].strip()
                basis = "发文日期" if ctx.issued else "今天"
                if _DAY_WORDS.fullmatch(words):
                    dm_notes.append(f"未写月份，按{basis}所在月份（{dm.month}月）计，请核对")
                else:
                    dm_notes.append(f"“{words}”按{basis}计为{on.month}月{on.day}日，请核对")
            issued = ctx.issued
            if dm.year is None and issued and (issued - on).days > 60 and on.month < issued.month:
                try:
                    on = on.replace(year=on.year + 1)
                    dm_notes.append(f"早于发文日期，按{on.year}年计")
                except ValueError:
                    pass
            wd = ph.tail.weekday if len(dms) == 1 else None
            if wd is not None and on.isoweekday() != wd:
                dm_notes.append(f"通知写的星期与{on.month}月{on.day}日不符，请核对")
            why_all = _join(*dm_notes)
            out.append(
                FoundDeadline(
                    kind=ONCE,
                    on=on,
                    at=ph.tail.at,
                    weekday=wd,
                    unsure=bool(why_all),
                    reason=why_all,
                    **common,
                )
            )
        return out
    if when.kind == "asap":
        if when.at_once is not None and when.at_once.prompt_only:
            reason = _join(reason, "通知只说“及时”，没有给出期限，按即时报送列出")
        return [FoundDeadline(kind=ASAP, unsure=bool(reason), reason=reason, **common)]
    if when.kind == "relative" and when.relative is not None:
        rel = when.relative
        if not rel.from_notice:
            # 于6月12日前完成演练，照片于演练结束后2个工作日内上传: counted from an event the
            # notice dates, the clerk fills in the day. An event it does not date (会议决策后
            # 30个工作日内, 年度终了后45日内) gives no day to put in a calendar: none.
            if not ctx.lay.dates().any_between(sent.seg.start, sent.seg.end):
                return []
            why_all = _join(reason, f"相对期限（{rel.text}），请填写具体日期")
            return [FoundDeadline(kind=ONCE, unsure=True, reason=why_all, **common)]
        on = None
        if ctx.issued is not None:
            if rel.workdays:
                on = (ctx.calendar or WorkCalendar()).add_workdays(ctx.issued, rel.days)
            else:
                on = ctx.issued + timedelta(days=rel.days)
            why_all = _join(
                reason,
                f"“{rel.text}”从发文日期{ctx.issued.month}月{ctx.issued.day}日起算，"
                f"按{on.month}月{on.day}日计；收到通知较晚时请改",
            )
        else:
            why_all = _join(reason, f"“{rel.text}”：通知没有落款日期，请填写具体日期")
        return [
            FoundDeadline(
                kind=ONCE,
                on=on,
                relative_days=rel.days,
                relative_workdays=rel.workdays,
                unsure=True,
                reason=why_all,
                **common,
            )
        ]
    return []


def _pair_objects(what_text: str, n: int) -> list[str] | None:
    for seps in (("和",), ("及", "与"), ("、",), ("以及",)):
        parts = [p for p in split_top(what_text, seps) if p.strip()]
        if len(parts) == n:
            return parts
        if len(parts) > n and seps == ("、",):
            return [*parts[: n - 1], "、".join(parts[n - 1 :])]
    return None


# Sentences ------------------------------------------------------------------------------------------


# Words every reporting verb contains: sentences without any are skipped at once.
_VERB_HINT = re.compile(
    # (Each word opens with its own character: the pattern is scanned for those characters,
    # and at each only the words it opens are tried.)
    _alternatives(
        "报",
        "提交",
        "向(?=[^,。;]{1,24}?(?:提出|反映|推荐|推送))",
        "完成(?=[^,。;]{0,20}(?:填报|申报|登录|录入))",
        *["反馈", "回复", "回覆", "函复", "函告", "填复", "登录", "申请"],
        *["发送", "发至", "发到", "发往", "发给", r"发(?=\s*[\w.-]+@)"],
        "送(?![货温])",
        "交(?![通流换易])",
        *["上传", "提供", "传至", "传真", "寄", "截止"],
        *["征集", "征稿", "征文", "投稿", "截稿", "收稿", "录入", "缴费", "解缴"],
        r"推荐(?=\s*[\d一二三四五六七八九十两])",
        *_ERRAND_WORDS,
        r"缴纳(?=\s*(?:活动)?\s*(?:时间|日期|期限))",
        r"募捐(?=\s*(?:时间|日期|期限))",
        r"捐款(?=\s*(?:时间|日期|期限))",
        r"注册(?=\s*(?:活动)?\s*(?:时间|日期|期限))",
        "公布",
        "发布(?=在|到)",
        "填写",
        "提出(?=[^,。]{0,8}申请|意见|建议)",
        "受理",
        "征求意见",
        "开放(?<=系统开放|平台开放)",
    )
)


# Anything but a date that can make a when: repeats, at-once words, 3日内.
# (Each alternative starts with a literal character: the search jumps from one possible
# first character to the next.)
_OTHER_WHEN = re.compile(
    r"每|" + AT_ONCE_HINT + r"|及时|内|次月|月后|下月|日报|当日|"
    r"下\s*(?:一\s*)?(?:个\s*)?[月季]|次\s*季|按\s*[月周季]|今日|今天|明日|明天|本\s*(?:个\s*)?(?:周|星期|礼拜)"
    r"|这\s*(?:个\s*)?(?:周|星期|礼拜)|下\s*(?:个\s*)?(?:周|星期|礼拜)"
    r"|季\s*度?\s*(?:末|后|(?:结束|终了|期满)(?:后|之日起))|当\s*月|逐\s*月|当\s*周"
)


def find_deadlines(ctx: Context) -> list[FoundDeadline]:
    lay = ctx.lay
    found: list[_Found] = []
    examined = 0
    for si in lay.sentences_with(_VERB_HINT):
        if len(found) >= MAX_FOUND or examined >= MAX_EXAMINED:
            ctx.notes.append(
                f"文字太长：只查找了第{lay.line_index(lay.sents[si].start) + 1}行之前的报送要求"
            )
            break
        seg = lay.sents[si]
        s = lay.norm[seg.start : seg.end]
        # A when first (an index lookup, one search), then a verb (several searches).
        if not (
            ctx.dates.any_between(seg.start, seg.end)
            or _OTHER_WHEN.search(s)
            or (len(s) <= 40 and _LABEL_VERB.search(s))  # 二、征集时间 / the date below
        ):
            continue
        # (通过以下方式向我们反馈: — the ways follow the colon; the verb is one all the same.)
        bare = s.removesuffix(":")
        if not (
            _STRONG.search(bare)
            or _WEAK.search(bare)
            or _LABEL_VERB.search(s)
            or any(f.search(s) for f, gate in _FRAME_GATES if gate(s))
        ):
            continue
        examined += 1
        sent = _Sentence(si, seg)
        here = _sentence(ctx, sent, seg)
        ctx.examined.append((si, sent.clauses))
        found.extend(here)
        if here:
            found.extend(_listed_after(ctx, si, here[-1].item))
        # Deadlines inside a parenthetical: 联络员推荐表（5月31日前报送）.
        for pa, pb in parentheticals(s):
            inner = Seg(seg.start + pa + 1, seg.start + pb - 1)
            if inner.end - inner.start < 4:
                continue
            t = lay.norm[inner.start : inner.end]
            # (…纸质版于每周五前交到县水果站): a weak verb with a day or a repeat too.
            dated = lay.dates().any_between(inner.start, inner.end)
            if (dated and (_STRONG.search(t) or _LABEL_VERB.search(t))) or (
                _WEAK.search(t) and (dated or _OTHER_WHEN.search(t))
            ):
                inside = _sentence(ctx, sent, inner)
                if here and not here[0].fallback:
                    # 进度表（本次报送于5月29日）: what the aside's date is for is named outside it.
                    for f in inside:
                        if f.fallback:
                            f.item = f.item.changed(what=here[0].item.what)
                            f.fallback = False
                found.extend(inside)
    # A standing rule (实行日报制度) counts only where no rule of its kind says more; the
    # day it runs from (自1月23日起实行日报告制度) goes to the rule said after it.
    kinds = {f.item.kind for f in found}
    for reg in _regimes(ctx):
        r = reg.item
        if r.kind not in kinds:
            found.append(reg)
            continue
        if r.start is None:
            continue
        for f in found:
            d = f.item
            if d.kind == r.kind and d.start is None and 0 <= d.span[0] - r.span[1] < 300:
                reason = _join(*(p for p in d.reason.split("；") if p != _NO_SPAN))
                f.item = d.changed(start=r.start, end=r.end, reason=reason)
                break
    found.extend(_cell_lines(ctx))
    found.extend(_row_tables(ctx))
    found.extend(_named_lines(ctx))
    found.extend(_verb_cells(ctx))
    found.extend(_calendar_cells(ctx))
    # A table read by its header says what each of its rows is: what the readers of
    # sentences and lines made of the same rows (the county's column, a section's title)
    # gives way.
    rows, read = _grid_rows(ctx)
    listed, listed_read = _catalogue_line(ctx)
    if listed_read:
        rows += listed
        read = sorted(read + listed_read)
    if read:
        starts = [a for a, _ in read]
        found = [f for f in found if not _within(_where(f.item), read, starts)]
    return _merge(_dated_later(ctx, found + rows))


def _where(d: FoundDeadline) -> int:
    """Where a deadline's date was read (its first words of evidence), else its source."""
    return d.evidence[0][0] if d.evidence else d.span[0]


def _within(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _found_in(
    ctx: Context,
    seg: Seg,
    what: str,
    when: _When,
    evidence: tuple[tuple[int, int], ...],
    reason: str = "",
) -> list[_Found]:
    """The deadlines ``when`` makes for ``what``, read from the line or cell ``seg``."""
    sent = _Sentence(ctx.lay.sentence_index(seg.start), seg)
    made = _make(ctx, sent, (seg.start, seg.end), what, when, reason)
    return [_Found(_finish(d, evidence)) for d in made]


_BAR = re.compile(r"\|")
_VERB_CELL = re.compile(r"\s*(?:提交|报送|上报|填报|上传|报)(?![名道告表刊])")
# (\w without digits: a class of the CJK range costs millions of instructions to compile.
# These patterns are compiled on first use, re's cache keeping them: most texts never need them.)
_ACT_CELL = r"[^\W\d_]{0,8}(?:报名|登记|申请|缴费|缴款|注册|选课)(?:[与和及][^\W\d_]{2})?"


def _verb_cells(ctx: Context) -> list[_Found]:
    """学位论文评审 | 提交送审资格审核合格人员名单 | 2月23日前 | 学位办 |: a row whose cell
    says what to hand in, the next cell by when."""
    lay = ctx.lay
    norm = lay.norm
    out: list[_Found] = []
    if "|" not in norm:
        return out
    for li in lay.lines_with(_BAR):
        line = lay.lines[li]
        bars = (
            [line.start - 1]
            + [i for i in range(line.start, line.end) if norm[i] == "|"]
            + [line.end]
        )
        cells = [Seg(a + 1, b) for a, b in pairwise(bars) if b - a > 2]
        for cell, nxt in pairwise(cells):
            m = _VERB_CELL.match(norm, cell.start, cell.end)
            if m is not None:
                ws = [
                    w
                    for w in _whens(ctx, nxt.start, nxt.end)
                    if (w.kind == "date" and not w.loose) or w.kind == "repeat"
                ]
                what = clean_what(_pair(ctx, m.end(), cell.end))
            elif (
                m := re.compile(_ACT_CELL).fullmatch(norm, *_trim_span(norm, cell.start, cell.end))
            ) is not None:
                # | 登记 | 6/16 11:00至6/17 10:00 |: an act named alone, its time the next cell.
                ws = _lone_cell_date(ctx, Seg(*_trim_span(norm, nxt.start, nxt.end)))
                what = clean_what(_pair(ctx, m.start(), m.end()))
            elif (dated := _lone_cell_when(ctx, Seg(*_trim_span(norm, cell.start, cell.end)))) and (
                act := _act_in_cell(ctx, _cell_words(norm, nxt), False, opens=dated[1])
            ):
                # | May 12th ~ May 28th, 2026, 5 pm | 正取生线上报到 … |: a date alone, then
                # what is handed in by then.
                ws, (what, verb) = [dated[0]], act
                evidence = ((ws[0].start, ws[0].end), (verb.start, verb.end))
                out += _found_in(
                    ctx, Seg(cell.start, nxt.end), what, ws[0], evidence, "出自表格，请核对"
                )
                continue
            else:
                continue
            if not ws or not what:
                continue
            evidence = ((ws[0].start, ws[0].end), (m.start(), m.end()))
            out += _found_in(
                ctx, Seg(cell.start, nxt.end), what, ws[0], evidence, "出自表格，请核对"
            )
    return out


# A school calendar flattened a cell a line: 8月 / 19 / 第一学期注册缴费资料送交出纳组, or
# 8.26 | / 缴交学杂费截止 |, or 离校手续线上申请最后期限 | / 1/31(五) |.
_MONTH_LINE = r"[ \t]*(?P<m>\d{1,2})[ \t]*月[ \t|]*"
_DAY_LINE = r"[ \t]*(?P<d>\d{1,2})[ \t]*(?:\([一二三四五六日]\))?[ \t|]*"
_LATIN = r"[A-Za-z]{2}"
MAX_EVENT_CELL = 60


def _event_cell(ctx: Context, li: int) -> Seg | None:
    """Line ``li`` as one short cell (a bar closing it, an English translation after it
    left out), or None."""
    lay = ctx.lay
    line = lay.lines[li]
    text = lay.norm[line.start : line.end]
    bar = text.find("|")
    if bar >= 0 and text[bar + 1 :].strip():
        return None  # more than one cell: a row, read by the table readers
    end = line.start + (bar if bar >= 0 else len(text))
    latin = re.compile(_LATIN).search(lay.norm, line.start, end)
    a, b = _trim_span(lay.norm, line.start, latin.start() if latin else end)
    return Seg(a, b) if 0 < b - a <= MAX_EVENT_CELL else None


def _cell_words(norm: str, cell: Seg) -> Seg:
    """A cell without the English translation a bilingual page put after its words."""
    latin = re.compile(_LATIN).search(norm, cell.start, cell.end)
    return Seg(*_trim_span(norm, cell.start, latin.start() if latin else cell.end))


def _act_in_cell(
    ctx: Context, cell: Seg, labelled: bool, opens: bool = False
) -> tuple[str, _Verb] | None:
    """What a cell says is handed in (with its verb), where it says so and has no date of
    its own; ``labelled``: the date follows, so the cell must be a label (…最后期限);
    ``opens``: the date is a range, so what opens then (开放网上报名) closes at its end."""
    lay = ctx.lay
    if ctx.dates.any_between(cell.start, cell.end) or (
        not opens and any(w in lay.norm[cell.start : cell.end] for w in _STARTS)
    ):
        return None  # its own date, or the day something opens (申请…开始)
    vs = _verbs(ctx, cell.start, cell.end)
    at = lay.norm.find("报到", cell.start, cell.end) if not vs else -1
    if at >= 2 and lay.norm[at - 2 : at] in _ONLINE:
        vs = [_Verb(at - 2, at + 2, weak=True)]  # 报到 online is handed in (rule 5)
    if not any(not v.label for v in vs) or (labelled and not any(v.label for v in vs)):
        return None  # 口试日期最后期限: a label of no delivery
    v = next(v for v in vs if v.label) if labelled else vs[0]
    norm = lay.norm
    a, b = cell.start, cell.end
    if v.label:
        b = v.start  # 离校手续线上申请|最后期限: the words before the label
    else:
        # 开放线上报名及上传文件 / 转学生抵免学分申请截止: what opens, or closes, then.
        a += 2 if norm.startswith(_OPENS, a, b) else 0
        b -= 2 if norm.endswith(_CLOSES, a, b) else 0
        act = norm[v.start : v.end]
        strong = any(not u.weak and not u.label for u in vs)
        if not strong and (act in _ACT_IS_WHAT or act.endswith(("申请", "报到"))):
            # The act itself is what is done by then (报到 kept: cleaning takes 上报 for a verb).
            what = tidy(lay.text[a:b]) if act.endswith("报到") else clean_what(_pair(ctx, a, b))
            return (what, v) if what and not _is_vague(what) else None
        what = _object(ctx, a, v, b, [])
        if what:
            return (what, v) if not _is_vague(what) else None
    what = clean_what(_pair(ctx, a, b))
    return (what, v) if what and not _is_vague(what) else None


_OPENS = ("开放", "开始", "启动")
_CLOSES = ("截止", "结束")
_ONLINE = ("线上", "网上", "在线", "网络")
_STARTS = ("开始", "起始", "开放", "启动")


def _calendar_cells(ctx: Context) -> list[_Found]:
    """A day of a calendar (a month line and a day line, or a date cell alone) and the
    cell after it saying something is handed in; or a label cell (…申请最后期限) and the
    date cell after it."""
    lay = ctx.lay
    norm = lay.norm
    out: list[_Found] = []
    dated: list[tuple[_When, int]] = []  # a date, and the line of the cell it belongs to
    pos = norm.find("月\n")
    while pos >= 0 and len(dated) < MAX_FOUND:
        li = lay.line_index(pos)
        mm = re.compile(_MONTH_LINE).fullmatch(norm, lay.lines[li].start, lay.lines[li].end)
        k = lay.next_nonblank_line(li, 1) if mm else None
        while mm and k is not None:
            dm = re.compile(_DAY_LINE).fullmatch(norm, lay.lines[k].start, lay.lines[k].end)
            month, ev = int(mm["m"]), lay.next_nonblank_line(k, 1)
            if dm is None or ev is None or not 1 <= month <= 12:
                break
            day = int(dm["d"])
            if 1 <= day <= days_in(2024, month):
                tail = read_tail(norm, dm.end("d"), dm.end())
                mention = DateMention(mm.start("m"), dm.end("d"), None, month, day)
                dated.append((_dated(mm.start("m"), tail, [mention]), ev))
            k = lay.next_nonblank_line(ev, 1)
        pos = norm.find("月\n", pos + 2)
    if "|" in norm:
        for li in lay.lines_with(_BAR):
            cell = _event_cell(ctx, li)
            ws = _lone_cell_date(ctx, cell) if cell else []
            if not ws:
                continue
            ev = lay.next_nonblank_line(li, 1)
            label = lay.prev_nonblank_line(li, 1)
            if label is not None and (lc := _event_cell(ctx, label)) is not None:
                act = _act_in_cell(ctx, lc, labelled=True)
                if act is not None:
                    dated.append((ws[0], label))
                    continue
            if ev is not None:
                dated.append((ws[0], ev))
    for w, ev in dated:
        cell = _event_cell(ctx, ev)
        if cell is None:
            continue
        act = _act_in_cell(ctx, cell, labelled=ev < lay.line_index(w.start))
        if act is None:
            continue
        what, v = act
        span = Seg(min(w.start, cell.start), max(w.end, cell.end))
        evidence = ((w.start, w.end), (v.start, v.end))
        out += _found_in(ctx, span, what, w, evidence, "出自日程表，请核对")
    return out


# 报送时间： / 一季度季报：2024年4月8日12:00前 / 二季度季报：…: a label line, then a line for
# each thing with its date.
_TIME_LABEL_LINE = re.compile(
    r"(?:报送|上报|提交|汇报|填报|申报)\s*(?:的)?\s*(?:时间|时限|日期|期限|安排)\s*(?:及要求|如下)?\s*:[ \t]*$",
    re.M,
)
_NAME_COLON = re.compile(r"[ \t]*" + _ITEM_NO + r"(?P<name>[^:\n。;,]{2,24}?)\s*:")


# 现就有关联系情况报送要求如下： / 一、时间：2010年4月15日前: the time among the requirements.
_REQUIREMENTS_LINE = re.compile(
    r"(?:报送|上报|提交|填报)(?:的)?(?:要求|事项)[^\n:]{0,6}:[ \t]*$", re.M
)
# What _REQUIREMENTS_LINE needs said (报送要求, 上报的事项): most notices say none of them, and
# are not searched for it.
_REQUIREMENTS_WORDS = tuple(
    f"{v}{de}{w}" for v in "送报交" for de in ("", "的") for w in ("要求", "事项")
)
_TIME_ITEM = re.compile(r"[ \t]*" + _ITEM_NO + r"(?:报送|上报|提交|截止)?\s*(?:时间|时限|期限)\s*:")


def _requirement_times(ctx: Context) -> list[_Found]:
    lay = ctx.lay
    norm = lay.norm
    out: list[_Found] = []
    for rm in _REQUIREMENTS_LINE.finditer(norm):
        first = lay.line_index(rm.start()) + 1
        for k in range(first, min(len(lay.lines), first + 6)):
            line = lay.lines[k]
            m = _TIME_ITEM.match(norm, line.start, line.end)
            if m is None:
                continue
            ws = [w for w in _whens(ctx, m.end(), line.end) if w.kind in ("date", "repeat")]
            if ws:
                # What is named before 报送要求, after 现就/关于, on the same line.
                a = max(norm.rfind("\n", 0, rm.start()) + 1, rm.start() - 24)
                cut = max(norm.rfind(",", a, rm.start()), norm.rfind("。", a, rm.start()))
                what = clean_what(_pair(ctx, max(a, cut + 1), rm.start()))
                what = _REQUIREMENT_PREFIX.sub("", what) or "报送材料"
                w = ws[0].changed(loose=False)
                out += _found_in(ctx, line, what, w, ((w.start, w.end),))
            break
    return out


_REQUIREMENT_PREFIX = re.compile(r"^.*?(?:现就|现将|现对|关于)\s*")


def _named_lines(ctx: Context) -> list[_Found]:
    lay = ctx.lay
    norm = lay.norm
    out: list[_Found] = []
    if ":" not in norm:
        return out
    if any(w in norm for w in _REQUIREMENTS_WORDS):
        out.extend(_requirement_times(ctx))
    for lm in _TIME_LABEL_LINE.finditer(norm):
        k = lay.line_index(lm.start()) + 1
        while k < len(lay.lines):
            line = lay.lines[k]
            k += 1
            if not norm[line.start : line.end].strip():
                continue
            m = _NAME_COLON.match(norm, line.start, line.end)
            if m is None or line.end - m.end() > 40:
                break
            ws = [
                w
                for w in _whens(ctx, m.end(), line.end)
                if w.kind in ("date", "repeat")
                or (w.kind == "span" and w.phrase and w.phrase.is_range)
            ]
            if not ws:
                break
            w = ws[0] if ws[0].kind != "span" else ws[0].changed(kind="window")
            what = clean_what(_pair(ctx, m.start("name"), m.end("name")))
            out += _found_in(ctx, line, what, w.changed(loose=False), ((w.start, w.end),))
    return out


_ABOVE = re.compile(r"\s*(?:以上|上述|前述)")


_DUE_LABEL = re.compile(r"(?:截止|截至|最迟|最晚|最后)")


def _dated_later(ctx: Context, found: list[_Found]) -> list[_Found]:
    """请尽快报送…。以上材料于12月27日前报送 / 请尽快提交，截止时间下周一: the date said after
    it is when the 尽快 is due."""
    lay = ctx.lay
    dated = [f.item for f in found if f.item.kind == ONCE and f.item.on is not None]

    def closed_by_date(a: FoundDeadline) -> bool:
        return any(
            0 <= d.span[0] - a.span[1] <= 2
            and lay.sentence_index(d.span[0]) == lay.sentence_index(a.span[0])
            and (_same_thing(a.what, d.what) or _DUE_LABEL.match(lay.norm, d.span[0]) is not None)
            for d in dated
        )

    found = [f for f in found if f.item.kind != ASAP or not closed_by_date(f.item)]
    later = [
        f.item.span[0]
        for f in found
        if f.item.kind == ONCE
        and f.item.on is not None
        and _ABOVE.match(lay.norm, lay.sents[lay.sentence_index(f.item.span[0])].start)
    ]
    if not later:
        return found
    return [
        f
        for f in found
        if f.item.kind != ASAP or not any(0 < a - f.item.span[1] < 200 for a in later)
    ]


# 实行防汛抗洪工作日报制和零报告制度 / 实行周报告制度: a standing rule to report each day
# (week, month), the time left to the clerk; 实行随时、逐级上报制度: to report at once.
_REGIME = re.compile(
    # 实行/执行/落实/建立/坚持/恢复/启动/实施, opening with the words' first characters (each
    # word told by a lookbehind at its second): a pattern opening with a group of words is
    # tried at every position.
    r"[实执落建坚恢启](?:(?<=实)[行施]|(?<=执)行|(?<=落)实|(?<=建)立|(?<=坚)持|(?<=恢)复|(?<=启)动)"
    r"(?:[^,。;]{0,16}?"
    r"(?:(?<![\d一二三四五六七八九十两半])(?P<k>日|周|月)|(?P<now>随时|即时)\s*[、,]?\s*(?:逐级\s*)?(?:上)?"
    # 实行一周一报制度: once a week
    r"|一\s*(?P<k1>日|天|周|月|季)\s*一"
    # 恢复监测信息24小时零报告制度: around the clock, each day.
    r"|(?P<h24>24\s*小时)(?=\s*零))"
    # 落实“日报告、零报告”制度 / 执行“日报告”“零报告”制度: the zero report named beside it is
    # the same rule's.
    r"\s*(?:零\s*)?报(?:告|送)?(?:\s*[”\"]?\s*[、和及与]?\s*[“\"]?\s*零\s*报(?:告|送)?)?\s*[”\"]?\s*(?:制度|制)"
    # 实行一日两报: twice a day (the times left to the clerk).
    r"|(?<!建立)(?<!恢复)(?<!启动)\s*一\s*(?P<k2>日|天)\s*[两二三]\s*报(?:制度|制)?)"
)
_ZERO_TOO = re.compile(r"[、和及与]\s*零\s*报(?:告|送)?|[“”\"]")
_REGIME_KIND = {
    "日": DAILY_KIND,
    "天": DAILY_KIND,
    "周": WEEKLY_KIND,
    "月": MONTHLY_KIND,
    "季": QUARTERLY_KIND,
}


def _regimes(ctx: Context) -> list[_Found]:
    lay = ctx.lay
    norm = lay.norm
    out: list[_Found] = []
    if not (
        "报制" in norm
        or "报告制" in norm
        or "报送制" in norm
        or "报告”制" in norm
        or "两报" in norm
    ):
        return out  # most notices name no such rule: no scan
    for m in _REGIME.finditer(norm):
        if _OFFICE_FUTURE.search(norm, max(0, m.start() - 20), m.start() + 2):
            continue
        if m["now"]:
            ao = AtOnce(m.start("now"), m.end(), optional=False)
            w = _When(ao.start, ao.end, "asap", at_once=ao)
        else:
            k = next(g for g in ("k", "k1", "k2", "h24") if m[g])
            r = Repeat(m.start(k), m.end(), _REGIME_KIND["日" if k == "h24" else m[k]])
            w = _When(r.start, r.end, "repeat", repeat=r)
        si = lay.sentence_index(m.start())
        sent = _Sentence(si, lay.sents[si])
        if m["now"]:
            # 执行重大灾情随时报告制度: what is reported is named between; 信息报告实行随时
            # 上报制度: before the rule's verb.
            what = _AND_SPLIT.split(clean_what(_pair(ctx, m.start() + 2, m.start("now"))))[-1]
            if not what:
                opening = max(sent.seg.start, norm.rfind(",", sent.seg.start, m.start()) + 1)
                what = clean_what(_pair(ctx, opening, m.start()))
            why = "通知只说实行随时报告制度，请核对要报送的内容"
        else:
            # 实行24小时值班和每日零报告制度: the rule named last is the report (in
            # 日报告、零报告制度 the zero report is the same rule's).
            named = _ZERO_TOO.sub("", clean_what(_pair(ctx, m.start() + 2, m.end())))
            what = _AND_SPLIT.split(named)[-1]
            why = "通知只说实行报告制度，未写几时报送"
        for d in _make(ctx, sent, (m.start(), m.end()), what or "报送材料", w, why):
            out.append(_Found(_finish(d, ((m.start(), m.end()),))))
    return out


def _sentence(ctx: Context, sent: _Sentence, seg: Seg) -> list[_Found]:
    lay = ctx.lay
    norm = lay.norm
    line = lay.lines[lay.line_index(seg.start)]
    # A heading (（三）及时报送信息) names a topic; only a date in it makes a deadline.
    heading = (
        seg.end - seg.start <= 40
        and _BLANK.fullmatch(norm, line.start, seg.start) is not None
        and _HEADING_SENT.match(norm[seg.start : seg.end]) is not None
        # 5、重大事件或紧急情况应随时上报: an instruction, not a heading.
        and not _MODAL.search(norm, seg.start, seg.end)
    )
    cls = [_Clause(c) for c in clauses(norm, seg)]
    daily = _DAILY_HINT.search(norm, seg.start, seg.end) is not None
    for c in cls:
        c.verbs = _verbs(ctx, c.seg.start, c.seg.end)
        c.whens = _whens(ctx, c.seg.start, c.seg.end)
        if daily and c.verbs and not any(w.kind in ("date", "repeat") for w in c.whens):
            c.whens = sorted(
                c.whens + _bare_times(norm, c.seg.start, c.seg.end), key=lambda w: w.start
            )
        c.starts = [w.start for w in c.whens]
    for c, skip in zip(cls, own_plans(norm, [c.seg for c in cls]), strict=True):
        c.skip = skip
    if seg == sent.seg:
        sent.clauses = cls
    out: list[_Found] = []
    enumerated = False
    for ci, c in enumerate(cls):
        if c.skip:
            continue
        for vi, _v in enumerate(c.verbs):
            found = _for_verb(ctx, sent, cls, ci, vi, heading)
            out.extend(found)
            # 每周报送…，即3月3日、10日、17日前报送: the dates after 即 are the repeat's own.
            if _ENUMERATES.match(norm, c.seg.start) and any(f.item.kind == ONCE for f in found):
                enumerated = True
    if enumerated:
        out = [f for f in out if f.item.kind == ONCE or f.item.kind == ASAP]
    return out


# 每月5日前报送上一月数据，如2018年2月5日前报送2018年1月份数据: the rule's example.
_EXAMPLE = re.compile(r"\s*(?:例如|比如|如)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月")


def own_plans(norm: str, segs: list[Seg]) -> list[bool]:
    """For each clause of a sentence, whether it says what the issuing office will do
    itself (区指导办将每月选取…推荐报送) or gives an example of the rule before it: no
    deadline of the units."""
    out = []
    for s in segs:
        clause = norm[s.start : s.end]
        out.append(
            bool(
                # (Every such plan says 将, 会, 负责 or 统一, every example 如: a clause
                # without is not tried.)
                (
                    ("将" in clause or "会" in clause or "负责" in clause or "统一" in clause)
                    and _OFFICE_FUTURE.match(norm, s.start, s.end)
                )
                or ("如" in clause and _EXAMPLE.match(norm, s.start, s.end))
            )
        )
    for i in range(1, len(segs)):
        # 学校将情况进行汇总，并于每月20日前向省市报送: the office's own plan goes on.
        if out[i - 1] and _GOES_ON.match(norm, segs[i].start, segs[i].end):
            out[i] = True
    return out


_URGENT = re.compile(r"速|立即|尽快|马上|立刻|迅速")  # 速 matched only after 请


def _urgent_before(norm: str, w: _When, v: _Verb) -> bool:
    """请速上传 / 立即提供: an urgent word right before even a weak verb asks for it."""
    return (
        w.kind == "asap"
        and _URGENT.fullmatch(norm, w.start, w.end) is not None
        and not norm[w.end : v.start].strip()
    )


_VERB_JOIN = re.compile(r"\s*(?:和|及|并|、|或|与)\s*")
_ENUMERATES = re.compile(r"\s*(?:即|也就是|分别为|分别是|具体为|具体是)\s*(?:在|于)?\s*\d")
_LIST_REST = re.compile(r"[\s、和及与,;。]*")


def _only_dates(norm: str, c: _Clause) -> list[_When]:
    """The dates of a clause that holds nothing else (a list going on past a comma)."""
    if c.verbs or not c.whens or any(w.kind != "date" for w in c.whens):
        return []
    rest = norm[c.seg.start : c.seg.end]
    for w in reversed(c.whens):
        a, b = w.start - c.seg.start, w.end - c.seg.start
        rest = rest[:a] + rest[b:]
    return c.whens if _LIST_REST.fullmatch(rest) else []


def _dayless(w: _When) -> bool:
    r = w.repeat
    return (
        w.kind == "repeat"
        and r is not None
        and r.kind in (MONTHLY_KIND, WEEKLY_KIND)
        and not (r.day_of_month or r.weekdays or r.month_end or r.tail.marker)
    )


def _for_verb(
    ctx: Context, sent: _Sentence, cls: list[_Clause], ci: int, vi: int, heading: bool
) -> list[_Found]:
    lay = ctx.lay
    c = cls[ci]
    v = c.verbs[vi]
    prev_end = c.verbs[vi - 1].end if vi else c.seg.start
    next_start = c.verbs[vi + 1].start if vi + 1 < len(c.verbs) else c.seg.end
    obj_from = c.seg.start if v.label else prev_end
    span_from = prev_end
    span_to = next_start
    inherited = ""
    label_what = ""
    source_clause = ci
    nxt = cls[ci + 1] if ci + 1 < len(cls) and not cls[ci + 1].verbs else None
    listed_only = v.listed and any(w.kind == "asap" for w in c.whens_between(prev_end, v.start))
    if listed_only:
        # 需立即报告：(a list of cases follows, no dates): an ordinary verb after all.
        v = replace(v, listed=False)
    if v.label or v.listed:
        kinds = ("date", "window", "span", "repeat") if v.label else ("date", "window", "span")
        ws = [w for w in c.whens_between(v.end, next_start) if w.kind in kinds]
        if not ws and nxt is not None:
            ws = [w for w in nxt.whens if w.kind in kinds and not nxt.in_paren(lay.norm, w.start)]
            span_to = nxt.seg.end
            item = _LISTED.match(lay.norm, nxt.seg.start, nxt.seg.end) if ws else None
            if item and item.end() <= ws[0].start:
                # …的时间为：月报在下个月1日前: the clause names what is due.
                label_what = clean_what(_pair(ctx, item.start(1), item.end(1)))
        if not ws and ci == len(cls) - 1:
            # 二、征集时间 / 即日起至5月15日: the date on the line below the label.
            ws, span_to = _next_sentence_dates(ctx, sent, span_to)
        if ws and v.label:
            # 报送时间分别为3月13、27日，4月10、24日和5月4日: clauses of dates alone go on the list.
            for k in range(ci + 1, len(cls)):
                more = _only_dates(lay.norm, cls[k])
                if not more:
                    break
                ws += more
                span_to = cls[k].seg.end
        # 报送时间：6月15日 needs no 前; 征集时间：5月1日至15日 ends on its last day.
        ws = [
            w.changed(loose=False, kind="window" if w.kind == "span" else w.kind)
            for w in ws
            if w.kind != "span" or (w.phrase is not None and w.phrase.is_range)
        ]
        # 填报时间：1月24日至2月14日期间，实行每日报送: the range is when a repeat runs.
        ws = [
            w
            for w in ws
            if w.kind != "window"
            or not _REPEAT_AFTER.search(lay.norm, w.end, min(sent.seg.end, w.end + 30))
        ]
        q = lay.norm.rfind("“", c.seg.start, v.start)
        close = lay.norm.find("”", v.end, c.seg.end + 1)
        if ws and v.label and q >= 0 and close >= 0 and "”" not in lay.norm[q : v.start]:
            # 第一阶段为“资格申请”，时间为…: the stage's name in quotes is what is due.
            label_what = clean_what(_pair(ctx, q + 1, close)) or label_what
        if not ws and v.listed:
            # 在5月26日前，通过以下三种方式提出意见：the ways follow the colon, not dates.
            v = replace(v, listed=False)
            span_to, label_what = next_start, ""
    if not (v.label or v.listed):
        ws = [
            w
            for w in c.whens_between(prev_end, v.start)
            if w.end <= v.start and id(w) not in c.used and _usable(lay, w, v)
        ]
        if (
            not ws
            and vi
            and c.verbs[vi - 1].weak
            and _VERB_JOIN.fullmatch(lay.norm, c.verbs[vi - 1].end, v.start)
        ):
            # 请尽快将花名册上传和上交纸质材料: the when before the weak verb is this one's too.
            before = c.verbs[vi - 2].end if vi > 1 else c.seg.start
            ws = [
                w
                for w in c.whens_between(before, c.verbs[vi - 1].start)
                if id(w) not in c.used and _usable(lay, w, v)
            ]
        k = ci - 1
        while (
            not ws
            and vi == 0
            and k >= 0
            and ci - k <= 4
            and not cls[k].skip
            # 填报并于3月13日之前统计完毕，…报至学院办公室: a date its own verb did not take
            # (it follows that verb) goes on to the next clause's verb.
            and (not cls[k].verbs or (ci - k == 1 and not cls[k].used))
        ):
            # 6月25日之前，将总结报送… / …每月…典型案例，并向区指导办报送相关情况 /
            # 于6月18日上午下班前，将修改意见…签字盖章后，通过邮箱反馈至市防汛办
            prev = cls[k]
            own_verb_end = prev.verbs[-1].end if prev.verbs else prev.seg.start
            ws = [
                w
                for w in prev.whens
                if w.kind in ("date", "window", "repeat", "asap")
                # 4月17日：…，提交…: a schedule's date before its colon needs no 前;
                # 2022年7月31日，论文摘要接收截止: a date alone before what closes then.
                and (
                    not w.loose
                    or _SCHEDULE_DATE.match(lay.norm, w.end, prev.seg.end + 1)
                    or (
                        lay.norm[v.start : v.end] == "截止"
                        and not lay.norm[prev.seg.start : w.start].strip()
                        and not lay.norm[w.end : prev.seg.end].strip()
                    )
                )
                and w.start >= own_verb_end
            ]
            if (
                ws
                # …前完成初稿，经负责人审核后提交: the delivery comes after another step.
                and (ci - k >= 2 or "后" in lay.norm[c.seg.start : v.start])
                and _OWN_ACTION.search(lay.norm, ws[-1].end, prev.seg.end)
                # …之前完成统计汇总工作，并将其加盖公章，报送院团委: 并 carries the date on.
                and not any(
                    _GOES_ON.match(lay.norm, cls[j].seg.start, cls[j].seg.end)
                    for j in range(k + 1, ci + 1)
                )
            ):
                # 5月26日前完成学位论文答辩，…，…后方可提交: the date is the defence's.
                ws = []
                break
            if ws:
                obj_from = span_from = prev.seg.start
                rest = (
                    lay.norm[prev.seg.start : prev.seg.end]
                    if prev.seg.end - prev.seg.start < 200
                    else "?"
                )
                for w in ws[:5]:
                    rest = rest.replace(lay.norm[w.start : w.end], " ")
                if not _ONLY_SUBJECT.fullmatch(rest):
                    inherited = "日期在前一分句，请核对"
                source_clause = k
            k -= 1
        if not ws and vi == 0 and "期间" in lay.norm[cls[max(0, ci - 1)].seg.start : v.start]:
            # 公示时间：12月16日至12月30日，公示期间，…向食安办反馈意见: the period named
            # before, delivered within it, ends on its last day.
            for k in range(ci - 1, max(-1, ci - 4), -1):
                ranges = [
                    w for w in cls[k].whens if w.kind == "span" and w.phrase and w.phrase.is_range
                ]
                if ranges:
                    ws = [ranges[-1].changed(kind="window", loose=False)]
                    if not lay.norm[v.end : c.seg.end].strip(" ,。"):
                        # 如有异议请向县商务局反馈: nothing after the verb; the clause says
                        # what goes, not the sentence before.
                        label_what = clean_what(_pair(ctx, c.seg.start, v.end))
                    span_from = cls[k].seg.start
                    inherited = _join(inherited, "时间段的最后一天作为报送截止，请核对")
                    break
        if ws and all(_dayless(w) for w in ws):
            # 在每个月的25日至次月5日，…把每个月企业用工情况填写上报: the rule with its day
            # said earlier in the sentence, the later 每个月 says which figures.
            rule_kinds = {w.repeat.kind for w in ws if w.repeat is not None}
            for k in range(ci - 1, max(-1, ci - 4), -1):
                if cls[k].skip or cls[k].verbs:
                    break
                dated = [
                    w
                    for w in cls[k].whens
                    if w.kind == "repeat"
                    and w.repeat is not None
                    and w.repeat.kind in rule_kinds
                    and not _dayless(w)
                ]
                if dated:
                    ws, obj_from, span_from, source_clause = (
                        dated,
                        cls[k].seg.start,
                        cls[k].seg.start,
                        k,
                    )
                    break
        if not ws:
            # …报送至镇安监站，截止时间为6月28日 / 报送联络员（5月31日前）
            ws = [
                w
                for w in c.whens_between(v.end, next_start)
                if w.kind == "date"
                and w.phrase is not None
                and (
                    (
                        w.phrase.marked
                        and (
                            w.phrase.prefix in _STRONG_PREFIXES
                            or w.phrase.tail.marker in _END_MARKERS
                            or c.in_paren(lay.norm, w.start)
                        )
                    )
                    # （一）报送转接信息登记表（6月11日）: a heading's date in parentheses.
                    or (
                        (heading or sent.seg.end - sent.seg.start <= 40)
                        and c.in_paren(lay.norm, w.start)
                        and _CLOSE_PAREN_ONLY.fullmatch(lay.norm, w.end, sent.seg.end) is not None
                    )
                    # 每月28日（本次报送于5月29日）之前: the aside's date, the 之前 outside it.
                    or (
                        _AFTER_VERB_AT.fullmatch(lay.norm, v.end, w.start) is not None
                        and w.end == c.seg.end
                        and _MARK_OUTSIDE.match(lay.norm, c.seg.end) is not None
                    )
                )
            ]
            if not ws and nxt is not None:
                ws = [
                    w
                    for w in nxt.whens
                    if w.kind == "date"
                    and w.phrase is not None
                    # …报送至镇安监站，截止时间为6月28日 / 申请作业，于5月3日截止
                    and (
                        w.phrase.prefix in _STRONG_PREFIXES or w.phrase.tail.marker in _END_MARKERS
                    )
                ]
                if ws:
                    span_to = nxt.seg.end
    if not ws and vi == 0 and not v.label:
        # 2019年3月4日-3月11日由各学院组织填写…，将报名表发到…邮箱: a time range the sentence
        # opens with is the time to deliver; its last day is the deadline (flagged).
        ws = _opening_range(ctx, sent, cls, ci, v)
        if ws:
            inherited = _join(inherited, "时间段的最后一天作为报送截止，请核对")
    # At-once words count only close to a strong verb, and not when optional (也可随时报送);
    # 随时将…报告 names what goes and may take longer.
    ws = [
        w
        for w in ws
        if w.kind != "asap"
        or (
            w.at_once is not None
            and not w.at_once.optional
            # 立即处理并及时上报 / 立即制止，并对…及时上报: the report's own word is 及时.
            and "及时" not in lay.norm[w.end : v.start]
            # 应在第一时间了解掌握灾情，并在…内报告: the at-once word is another action's.
            and not any(
                w.end <= k.seg.start <= v.start and _GOES_ON.match(lay.norm, k.seg.start, k.seg.end)
                for k in cls[max(0, ci - 3) : ci + 1]
            )
            and (
                v.start - w.end <= 30
                or (v.start - w.end <= 90 and _BA.match(lay.norm, _skip_blank(lay.norm, w.end)))
            )
            and (not v.weak or _urgent_before(lay.norm, w, v))
        )
    ]
    if v.weak:
        ws = [
            w
            for w in ws
            if w.kind in ("date", "window", "relative", "repeat") or _urgent_before(lay.norm, w, v)
        ]
    if heading and not any(w.kind in ("date", "window", "repeat") for w in ws):
        return []
    # 每日进行例行检查，发现问题及时上报: 每日 says how often the check is made.
    ws = [
        w
        for w in ws
        if w.kind != "repeat"
        or w.repeat is None
        or w.repeat.tail.marker
        or not _ACTION_AFTER.match(lay.norm, w.end)
    ]
    marked = [w for w in ws if w.kind == "date" and not w.loose]
    if marked:
        # 将2月2日-8日每天接待人数…于2月8日16时前报送: 每天 there says what is counted; the
        # date with 前 nearer the verb is the deadline.
        ws = [w for w in ws if w.kind != "repeat" or _timed(w.repeat) or w.start > marked[-1].start]
    if any(w.kind == "repeat" for w in ws):
        ws = [w for w in ws if w.kind == "repeat"]
    elif any(w.kind in ("date", "window") for w in ws):
        ws = [w for w in ws if w.kind in ("date", "window")]
    else:
        ws = [w for w in ws if w.kind in ("asap", "relative")][:1]
    if not ws:
        return []
    if _PAUSED.search(lay.norm, c.seg.start, v.start):
        return []  # 4月12日-6月30日暂停学位论文上传: no delivery then
    if (
        _PAST_VERB.match(lay.norm, v.end)
        or any(
            _PAST_BEFORE.search(lay.norm, max(c.seg.start - 4, w.start - 6), w.start) for w in ws
        )
        or _DONE_BEFORE_VERB.search(lay.norm, max(c.seg.start, v.start - 8), v.start)
    ):
        # 各单位已于5月31日前报送… / 报送了 / 去年6月10日前 / 5月31日前，各村均已按时报送…:
        # done, not asked.
        return []
    if "了" in lay.norm[sent.seg.start : sent.seg.end] and _NARRATED.search(
        lay.norm, sent.seg.start, sent.seg.end
    ):
        return []  # 截止4月2日申报期止，仅有一家递交了申报资料: a report of what happened
    for w in ws:
        c.used.add(id(w))
    stop = c.seg.end if v.label or v.listed else next_start
    what = label_what or _object(ctx, obj_from, v, stop, ws)
    if not v.label and lay.norm.startswith("截止", v.start) and ws[-1].end <= v.start:
        # 6月30日 | 报名截止: what closes is named between the date and 截止.
        named = clean_what(_pair(ctx, ws[-1].end, v.start)).strip(" |")
        what = named or what
    said_before = clean_what(_pair(ctx, obj_from, v.start)) if v.label else ""
    if "月" in said_before and _ONLY_MONTHS.fullmatch(said_before):
        # 3月、7月申报纳税期限分别截至当月15日: the label names what is due.
        what = _LABEL_TIME.sub("", clean_what(_pair(ctx, v.start, v.end))) or what
    fallback = own_sentence = False
    # A name read from the label alone: another reading of the same deadline may name it better.
    label_named = False
    reason = inherited
    ref = _attachment_ref(ctx, what) if what else None
    label_word = (
        _NAMING_LABEL.match(lay.norm, v.start) or _NAMING_LABEL.match(lay.norm, v.start - 1)
        if v.label
        else None
    )
    if ref:
        what = ref
    elif not what or _is_vague(what):
        if label_word:
            what, label_named = label_word.group(), True  # 征文时间：… — what is due is 征文
        elif lay.norm[v.start : v.end] in _ACT_IS_WHAT:
            what = lay.norm[v.start : v.end]  # 请于6月10日前报名: the act is what is due
        elif made := _made_then_sent(ctx, c.seg.start, v):
            what = made  # 于5月31日前制定方案并报镇安办: what was made is what goes
        else:
            what, why = _fallback_what(ctx, sent, ci, cls)
            fallback = True
            # (A name from the clause before, in the same sentence, is this deadline's own: it
            # is not taken for another reading of a deadline said elsewhere.)
            own_sentence = why == _FROM_CLAUSE_BEFORE
            reason = _join(reason, why)
    # 于6月21日前和11月26日前分别报送A和B: the dates and the things pair up in order.
    n_dates = sum(len(w.phrase.dates) for w in ws if w.kind == "date" and w.phrase)
    whats = [what] * max(1, n_dates)
    if n_dates > 1 and "分别" in lay.norm[ws[0].start : min(stop, v.end + 4)] and not fallback:
        after = clean_what(_pair(ctx, v.end, min(stop, v.end + _WINDOW)))
        parts = _pair_objects(after, n_dates) if after else None
        if parts:
            whats = [clean_what(_Pair(p, p)) or what for p in parts]
        elif after and len(split_top(after, ("和", "及", "与", "、", "以及"))) > 1:
            reason = _join(reason, "无法把日期与报送内容一一对应，请核对")
    topic = _topic(ctx, v.start, what)
    if topic:
        what = topic
    named = _dash_name(ctx, ws[0].start)
    if named:
        what, fallback = named, False
        reason = ""
    a = max(min([w.start for w in ws] + [span_from]), v.start - _WINDOW)
    b = min(span_to, v.end + _WINDOW)
    a, b = _trim_span(lay.norm, a, b)
    out: list[_Found] = _parallel(ctx, sent, cls, source_clause, v, b)
    k = 0
    in_form = lay.in_appendix(a) or lay.in_table(a)
    own = _own_names(ctx, c.seg.start, ws)
    for wi, w in enumerate(ws):
        for d in _make(ctx, sent, (a, b), own[wi] if own else what, w, reason):
            if d.kind == ONCE and len(whats) > 1 and k < len(whats) and not own:
                d = d.changed(what=whats[k])
                k += 1
            if fallback or in_form:
                d = d.changed(unsure=True, in_attachment=in_form)
            evidence = ((w.start, w.end), (v.start, v.end))
            out.append(_Found(_finish(d, evidence), (fallback and not own_sentence) or label_named))
    return out


# Labels whose first word names what is due (征文时间 → 征文, 报名截止日期 → 报名).
_NAMING_LABEL = re.compile(
    r"征文|征稿|投稿|报名|申报|申请|注册|推荐|缴费|交费|缴款|缴纳|募捐|捐款|收件|收稿|[周月季]报"
)
# Material words: what accompanies a report rather than names it.
_MATERIALS = re.compile(
    r"(?:及|和|与|以及|并附|连同)\s*(?P<m>(?:相关|有关)?(?:的)?"
    r"(?:视频|图片|照片|影像|影音|音像|文字|电子版|扫描件)[^,。;]{0,20})$"
)


_MATERIAL_WORD = re.compile(r"视频|图片|照片|影像|影音|音像|文字|电子版|纸质版|扫描件|盖章件|资料")


def _split_materials(what: str) -> tuple[str, str]:
    """周活动开展情况及相关视频、图片、文字等电子版资料 → (周活动开展情况, 相关视频、…资料).
    A title that is all material (视频、图片等电子版资料) stays whole."""
    m = _MATERIALS.search(what)
    if not m or m.start() < 2 or _MATERIAL_WORD.search(what[: m.start()]):
        return what, ""
    return what[: m.start()].strip(" ，,、"), m["m"].strip()


def _finish(d: FoundDeadline, evidence: tuple[tuple[int, int], ...] = ()) -> FoundDeadline:
    """Materials split from the title; a confidence from what was uncertain; the words it
    was read from."""
    title, materials = _split_materials(d.what)
    reasons = [r for r in d.reason.split("；") if r] if d.reason else []
    confidence = 0.95 - 0.15 * len(reasons)
    if d.unsure and not reasons:
        confidence -= 0.15
    if d.in_attachment:
        confidence -= 0.2
    return d.changed(
        what=title,
        materials=materials,
        confidence=max(0.2, round(confidence, 2)),
        evidence=evidence or d.evidence,
    )


def _parallel(
    ctx: Context, sent: _Sentence, cls: list[_Clause], first: int, v: _Verb, b: int
) -> list[_Found]:
    """于8月31日前将A，9月30日前将B，10月25日前将C报部: every clause before the one the
    verb took its date from that has a date with 前 and a 将/把 of its own, and no verb,
    is a deadline of the same verb."""
    out: list[_Found] = []
    norm = ctx.lay.norm
    k = first - 1
    while k >= 0 and not cls[k].verbs and not cls[k].skip:
        c = cls[k]
        ws = [w for w in c.whens if w.kind == "date" and not w.loose and id(w) not in c.used]
        if not ws:
            break
        ba = _BA.search(norm, c.seg.start, c.seg.end)
        named = _NAME_THEN_WHEN.fullmatch(norm, c.seg.start, ws[0].start)
        if ba is not None and ba.start() >= ws[-1].end:
            what = clean_what(_pair(ctx, ba.end(), c.seg.end))
            if _DONE_THERE.search(norm, ba.end(), c.seg.end) and not _THING_END.search(what):
                break  # 于2月5日前将资金发放到位，并于3月1日前将清单报…: work, not a delivery
        elif named and len(ws) == 1 and not norm[ws[0].end : c.seg.end].strip():
            # 方案于6月1日前，总结于7月4日前报送: a thing and its date, the verb after.
            what = clean_what(_pair(ctx, named.start("n"), named.end("n")))
        else:
            break
        if not what or _is_vague(what):
            break
        for w in ws:
            c.used.add(id(w))
            for d in _make(ctx, sent, _trim_span(norm, c.seg.start, b), what, w):
                out.append(_Found(_finish(d, ((w.start, w.end), (v.start, v.end)))))
        k -= 1
    return out[::-1]


_DASH_NAME = re.compile(r"([\u4e00-\u9fff“”《》]{1,16})\s*(?:——|—|:)\s*$")
_CLAUSE_MARK = re.compile(r"[,;。]")
_TIME_NOUN = re.compile(r"时间|日期|期限|时限")


def _dash_name(ctx: Context, when_start: int) -> str:
    """年报——次年3月20日前: the name right before the dash (or colon) before a date."""
    line = ctx.lay.lines[ctx.lay.line_index(when_start)]
    head = ctx.lay.norm[max(line.start, when_start - 24) : when_start]
    if not head.rstrip().endswith(("—", ":")):
        return ""  # no dash or colon right before the date (most dates): nothing to search
    head = _CLAUSE_MARK.split(head)[-1]
    m = _DASH_NAME.search(head)
    if not m or _LABEL_VERB.search(m[1]) or _TIME_NOUN.search(m[1]):
        return ""
    k = when_start - len(head) + m.start(1)
    return clean_what(_pair(ctx, k, k + len(m[1])))


def _next_sentence_dates(ctx: Context, sent: _Sentence, span_to: int) -> tuple[list[_When], int]:
    """The dates of the sentence after a label that ends its line (二、申报期限 / 即日起至
    2月10日前), when that sentence has no verb of its own."""
    lay = ctx.lay
    if sent.index + 1 >= len(lay.sents):
        return [], span_to
    nxt = lay.sents[sent.index + 1]
    if lay.line_index(nxt.start) - lay.line_index(sent.seg.end) > 2:
        return [], span_to
    # 即日起至10月15日，11月中旬宣布获奖名单，…: the first clause with a date is the label's.
    for part in [*clauses(lay.norm, nxt)][:2]:
        text = lay.norm[part.start : part.end]
        if len(text) > 80 or _STRONG.search(text) or _WEAK.search(text):
            return [], span_to
        ws = [
            w.changed(loose=False, kind="window" if w.kind == "span" else w.kind)
            for w in _whens(ctx, part.start, part.end)
            if w.kind in ("date", "window", "repeat")
            or (w.kind == "span" and w.phrase and w.phrase.is_range)
        ]
        if ws:
            return ws, part.end
    return [], span_to


_LISTED = re.compile(
    r"\s*(?:\d{1,2}\s*[.、]|\(\s*\d{1,2}\s*\))?\s*([\u4e00-\u9fff“”《》]{1,16}?)\s*(?:——|—|:|在|于|为)"
)


def _listed_after(ctx: Context, si: int, last: FoundDeadline) -> list[_Found]:
    """年报——次年3月20日前；半年报——本年7月15日前；预报——本年10月底前: items of a list
    that follow a deadline on its line, each a name, a dash and a date, no verb."""
    lay = ctx.lay
    out: list[_Found] = []
    line = lay.line_index(lay.sents[si].start)
    for sj in range(si + 1, min(si + 12, len(lay.sents))):
        seg = lay.sents[sj]
        if lay.line_index(seg.start) != line:
            break
        text = lay.norm[seg.start : seg.end]
        m = _LISTED.match(text)
        if not m or _STRONG.search(text) or _WEAK.search(text):
            break
        ws = [
            w
            for w in _whens(ctx, seg.start + m.end(), seg.end)
            if (w.kind == "date" and not w.loose)
            or (w.kind == "repeat" and w.repeat is not None and w.repeat.tail.marker)
        ]
        if not ws:
            break
        if m.group().rstrip()[-1] in "在于为" and not _LIST_REST.fullmatch(
            lay.norm, ws[-1].end, seg.end
        ):
            break  # 京内代表请于30日前报到: the date of something else, not an item of the list
        what = clean_what(_pair(ctx, seg.start + m.start(1), seg.start + m.end(1)))
        sent = _Sentence(sj, seg)
        for w in ws:
            for d in _make(ctx, sent, (seg.start, seg.end), what or last.what, w):
                out.append(_Found(_finish(d, ((w.start, w.end), *last.evidence[1:]))))
    return out


_ACTION_AFTER = re.compile(
    r"\s*(?:都|要|须|应|均)?\s*(?:进行|开展|组织|召开|检查|巡查|督查|督导|调度|巡逻|通报|召集|学习)"
)


_TOPIC = re.compile(
    r"\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[.、])\s*"
    r"(?P<t>[\u4e00-\u9fff“”《》]{2,12})\s*[,:]"
)


def _topic(ctx: Context, pos: int, what: str) -> str:
    """（一）实体作品，需于…前将作品交至…: the item's topic names what the object only hints at."""
    if not what or len(what) > 6:
        return ""
    line = ctx.lay.lines[ctx.lay.line_index(pos)]
    m = _TOPIC.match(ctx.lay.norm, line.start, pos)
    if not m or not m["t"].endswith(what) or m["t"] == what:
        return ""
    topic = tidy(ctx.lay.text[m.start("t") : m.end("t")])
    return clean_what(_Pair(topic, topic)) or topic  # (4.如遇突发事件: no 如遇 in the name)


_ACTIVITY = re.compile(
    r"开展|举办|举行|活动|检查|整治|排查|督查|培训|演练|宣传|比赛|竞赛|评选|考试"
)
_OPENING = re.compile(
    r"\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[.、])?\s*"
    r"(?:从|自|于|在)?\s*(?:每年)?\s*"
)


def _opening_range(
    ctx: Context, sent: _Sentence, cls: list[_Clause], ci: int, v: _Verb
) -> list[_When]:
    first = cls[0]
    ranges = [w for w in first.whens if w.kind == "span" and w.phrase and w.phrase.is_range]
    if not ranges or ci - 0 > 3:
        return []
    w = ranges[0]
    norm = ctx.lay.norm
    if not _OPENING.fullmatch(norm, sent.seg.start, w.start):
        return []
    between = norm[w.end : v.start]
    if _ACTIVITY.search(between) or any(
        x.kind in ("date", "window", "repeat") for c in cls[: ci + 1] for x in c.whens if x is not w
    ):
        return []
    return [w.changed(kind="window", loose=False)]


def _timed(r: Repeat | None) -> bool:
    return r is not None and bool(
        r.tail.marker or r.tail.at or r.weekdays or r.day_of_month or r.month_end
    )


def _skip_blank(norm: str, pos: int) -> int:
    while pos < len(norm) and norm[pos] in " \t":
        pos += 1
    return pos


_SCHEDULE_DATE = re.compile(r"\s*(?:\([^()]{1,8}\))?\s*(?:上午|下午|中午)?\s*:")


_AT_PLACE = re.compile(r"\s*(?:于|在)[^,。;:将把]{2,16}?(?:办公室|室|处|楼|中心|科|大厅|窗口)\s*")


def _usable(lay: Layout, w: _When, v: _Verb) -> bool:
    """A date without 前 counts only when the verb follows it closely (于6月16日报送)."""
    if w.kind == "span":
        return False
    if w.kind == "date" and w.loose:
        gap = lay.norm[w.end : v.start]
        if _SCHEDULE_DATE.match(gap) and "。" not in gap and ";" not in gap:
            return True  # 4月17日：…，提交学位论文电子版: a schedule's date, its line the steps
        if "," in gap or "。" in gap or ";" in gap:
            return False
        if _AT_PLACE.fullmatch(gap):
            return True  # 11月23日13:00-14:00于济民楼102办公室提交…: the day, where, the verb
        # 于4月30日将申报表和事迹材料上报校团委: 将/把 what, then the verb; 请在5月31日去
        # 财务室登记: where to go, then the errand.
        return len(gap.strip()) <= 3 or (
            w.phrase is not None
            and w.phrase.prefix in ("于", "在")
            and len(gap) <= 40
            and (
                _BA.match(lay.norm, _skip_blank(lay.norm, w.end)) is not None
                or _ERRAND_AT.match(lay.norm, _skip_blank(lay.norm, w.end)) is not None
            )
        )
    return True


def _trim_span(norm: str, a: int, b: int) -> tuple[int, int]:
    while a < b and norm[a] in " \t\r\n,:;、":
        a += 1
    while b > a and norm[b - 1] in " \t\r\n,:;、":
        b -= 1
    return a, b


# Schedule tables ----------------------------------------------------------------------------------

_TIME_HEAD = re.compile(
    r"^(?:报送|截止|上报|提交|完成|报送截止|截至)?\s*(?:时间|日期|期限|时限)(?:要求|[及和与]\s*方式)?$"
)
_WHAT_HEAD = re.compile(
    r"^(?:(?:报送|上报|提交)?\s*(?:内容|材料|事项|名称|项目|资料|任务)(?:名称)?|(?:报表|表)\s*名\s*(?:称)?)$"
)

# The time columns of a table: the first that says the unit's own delivery, where one
# says it; a column of what the body above does after (县级审核、验收截止时间) is not.
_TIME_COLUMN_WORDS = ("时间", "日期", "期限", "时限", "截止", "日程")
_TIME_COLUMN = re.compile("|".join(_TIME_COLUMN_WORDS))
_NOT_A_TIME_COLUMN = re.compile(r"开始|起始|测验|考试|会议|活动|出生")
_DELIVERY_COLUMN = re.compile(r"报送|上报|填报|提交|截止|申请|申报|交")
_ABOVE_COLUMN = re.compile(r"审核|验收|汇总|审批|复核|审查")
_NAME_COLUMN = re.compile(r"名称|表名|内容|事项|材料|项目|任务|程序|环节|文件|资料")
_CODE_COLUMN = re.compile(r"表\s*号|编号|代码")
_TIME_WORDS = re.compile(r"(?:最后|最终)?(?:截止|截至)?(?:时间|日期|期限|时限|日)(?:及方式|要求)?$")
_EXEMPT = re.compile(r"免\s*报")
_SENT_END = ("报送", "上报", "提交", "填报")


def _columns(heads: list[str]) -> tuple[int | None, int | None, int | None]:
    """The time, name and code columns of a table's header."""
    times = [
        k
        for k, h in enumerate(heads)
        if _TIME_COLUMN.search(h) and not _NOT_A_TIME_COLUMN.search(h)
    ]
    own = [k for k in times if not _ABOVE_COLUMN.search(heads[k])] or times
    tcol = next((k for k in own if _DELIVERY_COLUMN.search(heads[k])), own[0] if own else None)
    rest = [k for k in range(len(heads)) if k != tcol and k not in times]
    wcol = next((k for k in rest if _WHAT_HEAD.match(heads[k])), None)
    if wcol is None:
        wcol = next((k for k in rest if _NAME_COLUMN.search(heads[k])), None)
    code = next((k for k in rest if k != wcol and _CODE_COLUMN.fullmatch(heads[k])), None)
    return tcol, wcol, code


def _tables(lay: Layout) -> Iterator[tuple[list[list[Seg]], list[list[list[Seg]]]]]:
    """Each table's header and rows, every cell as its pieces (one, unless a box-drawn table
    wrapped it over several lines)."""

    def pieces(c: Seg) -> list[Seg]:
        return [c] if c.end > c.start else []

    for grid in find_grids(lay, _TIME_COLUMN_WORDS):
        yield [pieces(c) for c in grid.header], [[pieces(c) for c in row] for row in grid.rows]
    for box in find_box_grids(lay):
        yield box.header, box.rows


def _joined(ctx: Context, pieces: list[Seg]) -> _Pair:
    return _Pair(
        "".join(ctx.lay.norm[p.start : p.end] for p in pieces),
        "".join(ctx.lay.text[p.start : p.end] for p in pieces),
    )


def _cell_whens(found: list[tuple[Seg, _When]]) -> list[tuple[Seg, _When]]:
    """The whens a time cell (or a part of one) gives: its repeats, else its dates, else the
    first (an at-once word)."""
    if any(w.kind == "repeat" for _p, w in found):
        return [(p, w) for p, w in found if w.kind == "repeat"]
    if any(w.kind in ("date", "window") for _p, w in found):
        return [(p, w.changed(loose=False)) for p, w in found if w.kind in ("date", "window")]
    return found[:1]


# 05/08(日) | 8.26 | 113.04.23: a time cell holding a date alone, month and day split by a
# slash or a dot (outside a table too ambiguous to read: 1/2 is a half, 8.26 a figure).
_LONE_CELL_DATE = r"\s*(?:(?P<y>(?:19|20)\d\d|1[0-3]\d)\s*[/.\-]\s*)?(?P<m>\d{1,2})\s*[/.]\s*(?P<d>\d{1,2})(?![\d/.])"


_CELL_RANGE = r"\s*(?:至|到|~|-|—{1,2}|–|to\b)"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# (Spelled in both cases rather than with re.I: that flag makes the pattern cost millions of
# instructions to compile.)
_ENGLISH_DATE = (
    r"\s*(?P<mon>[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?"
    r"|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?"
    r"|[Dd]ec(?:ember)?)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:\s*,?\s*(?P<y>(?:19|20)\d\d)\b)?"
    r"(?:\s*,?\s*(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s*(?P<ap>[AaPp]\.?\s*[Mm])\b\.?)?"
)


def _lone_cell_date(ctx: Context, piece: Seg) -> list[_When]:
    """The date a cell holds alone, or the last of a range (6/16 11:00至6/17 10:00)."""
    found = _lone_cell_when(ctx, piece)
    return [found[0]] if found else []


def _lone_cell_when(ctx: Context, piece: Seg) -> tuple[_When, bool] | None:
    """The date a cell holds alone (05/08(日), 8.26, May 28th, 2026, 5 pm) or the last of
    a range, and whether it was a range."""
    norm = ctx.lay.norm
    pos, last, ranged = piece.start, None, False
    for k in range(2):
        ranged = k > 0
        m = re.compile(_LONE_CELL_DATE).match(norm, pos, piece.end)
        if m is not None:
            y = int(m["y"]) if m["y"] else None
            if y is not None and y < 1900:
                y += 1911  # 113.04.23: the Republic's year
            mo, d = int(m["m"]), int(m["d"])
            tail = read_tail(norm, m.end(), piece.end)
        elif (
            (c := norm[pos : piece.end].lstrip()[:1]).isascii()
            and c.isalpha()
            and (m := re.compile(_ENGLISH_DATE).match(norm, pos, piece.end)) is not None
        ):
            # February 2nd, 2026 - March 9th, 2026, 5pm: a bilingual page's English cell.
            y = int(m["y"]) if m["y"] else None
            mo, d = _MONTHS.index(m["mon"][:3].lower()) + 1, int(m["d"])
            tail = Tail(m.end())
            if m["h"]:
                hour = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
                tail = Tail(m.end(), at=time(hour, int(m["mi"] or 0)))
        else:
            return None
        if not (1 <= mo <= 12 and 1 <= d <= days_in(y or 2024, mo)):
            return None
        last = _dated(m.start(), tail, [DateMention(m.start(), m.end(), y, mo, d)])
        j = re.compile(_CELL_RANGE).match(norm, tail.end, piece.end)
        if j is None:
            break
        pos = j.end()
    if last is None or norm[last.end : piece.end].strip():
        return None
    return last, ranged


def _grid_rows(ctx: Context) -> tuple[list[_Found], list[tuple[int, int]]]:
    """A table with a time column (报送内容 | 报送时间 …, in whichever way it was copied): one
    deadline per row whose time cell holds a date or a repeat; 同上 takes the row above's.
    Also the rows read, in order."""
    lay = ctx.lay
    out: list[_Found] = []
    read: list[tuple[int, int]] = []
    for header, rows in _tables(lay):
        heads = [_joined(ctx, c).n.replace(" ", "") for c in header]
        tcol, wcol, code = _columns(heads)
        if tcol is None:
            continue
        # A schedule of work (完成时间 / 时间): a row is a deadline only where it hands
        # something over; a schedule of deliveries (报送时间 / 截止日期): every dated row.
        of_work = _DELIVERY_COLUMN.search(heads[tcol]) is None
        label = ""
        if wcol is None:
            # 測驗日期 | 申請延期截止日: the time column names the thing, the first cell the row.
            label = _TIME_WORDS.sub("", clean_what(_joined(ctx, header[tcol])))
            if label.endswith(_SENT_END) and len(label) > 2:
                label = label[:-2]  # 整改报告报送截止日: the report
            if _is_vague(label) or tcol == 0:
                continue
        prev: list[tuple[Seg, _When]] = []
        for row in rows:
            tcell = row[tcol]
            text = _joined(ctx, tcell).n
            filled = [c for c in row if c]
            if len(filled) < 2:
                prev = []
                continue  # a section's title over its rows
            found = [
                (piece, w)
                for piece in tcell
                for w in _whens(ctx, piece.start, piece.end)
                if w.kind in ("date", "window", "repeat", "asap")
            ]
            if not found:
                found = [(p, w) for p in tcell for w in _lone_cell_date(ctx, p)]
            if not found and _EXEMPT.search(text):
                prev = []
                continue  # a row exempt from reporting (…前网上填报,四季度免报: its days are due)
            if found:
                # 季报:季后5日前;年报:1月5日前: each part of the cell read on its own.
                parts: dict[int, list[tuple[Seg, _When]]] = {}
                for p, w in found:
                    part = sum(lay.norm.count(";", q.start, min(q.end, w.start)) for q in tcell)
                    parts.setdefault(part, []).append((p, w))
                found = [pw for part in parts.values() for pw in _cell_whens(part)]
            elif _SAME_AS_ABOVE.fullmatch(text.strip()):
                found = prev
            prev = found
            if not found:
                continue  # no time in the row's time cell (1月份, a schedule's month): no deadline
            if wcol is not None:
                what = clean_what(_joined(ctx, row[wcol]))
            else:
                what = f"{label}({tidy(_joined(ctx, row[0]).o)})"
            if code is not None and row[code] and what:
                what += f"({tidy(_joined(ctx, row[code]).o).replace(' ', '')})"
            if not what or _is_vague(what):
                continue
            span = (filled[0][0].start, max(p.end for c in filled for p in c))
            if of_work and not any(
                not v.weak
                for c in filled
                if c is not tcell
                for p in c
                for v in _verbs(ctx, p.start, p.end)
            ):
                continue
            read.append(span)
            for piece, w in found:
                sent = _Sentence(lay.sentence_index(piece.start), piece)
                for d in _make(ctx, sent, span, what, w):
                    if lay.in_appendix(piece.start):
                        d = d.changed(unsure=True, reason=_join(d.reason, "出自附件中的报送时间表"))
                    out.append(_Found(_finish(d, ((w.start, w.end),))))
    read.sort()
    return out, read


_TIME_HEAD_LINE = LineStart(
    r"[ \t]*(?:报送|截止|上报|提交|完成|报送截止|截至)?[ \t]*(?:时间|日期|期限|时限)(?:要求)?[ \t]*$",
    re.M,
)


# Without bars a header cell is told from a line of prose only by being short.
_CELL_A_LINE_HEAD = 12


def _cell_lines(ctx: Context) -> list[_Found]:
    """A table copied from a web page, one cell a line (报表名称 / 表号 / 上报日期, then the
    rows): one deadline per row whose time cell has a date or a repeat."""
    lay = ctx.lay
    out: list[_Found] = []
    done = -1
    for head_start in _TIME_HEAD_LINE.starts(lay.norm):
        if head_start <= done:
            continue
        li = lay.line_index(head_start)
        # The header: the short cells around the time cell, blank lines skipped.
        lo = li
        for k in range(li - 1, max(-1, li - 16), -1):
            t = lay.line_text(lay.lines[k]).strip()
            if t and not header_like(t, _CELL_A_LINE_HEAD):
                break
            lo = k
        cells: list[Seg] = []
        for k in range(lo, len(lay.lines)):
            if lay.line_text(lay.lines[k]).strip():
                cells.append(lay.lines[k])
            if len(cells) > 400:
                break
        j = 0
        while j < len(cells) and header_like(lay.line_text(cells[j]), _CELL_A_LINE_HEAD):
            j += 1
        head = [lay.line_text(c).strip().replace(" ", "") for c in cells[:j]]
        tcol, wcol, _ = _columns(head)
        if j < 2 or tcol is None or wcol is None:
            continue
        k, r = len(head), j
        while r + k <= len(cells):
            row = cells[r : r + k]
            tcell, wcell = row[tcol], row[wcol]
            ws = [
                x
                for x in _whens(ctx, tcell.start, tcell.end)
                if x.kind in ("date", "window", "repeat")
            ]
            what = clean_what(_pair(ctx, wcell.start, wcell.end))
            if not ws or not what:
                break
            if any(x.kind == "repeat" for x in ws):
                ws = [x for x in ws if x.kind == "repeat"][:1]
            else:
                ws = [x.changed(loose=False) for x in ws if x.kind in ("date", "window")][:1]
            sent = _Sentence(lay.sentence_index(tcell.start), Seg(tcell.start, tcell.end))
            for x in ws:
                for d in _make(ctx, sent, (row[0].start, row[-1].end), what, x):
                    out.append(_Found(_finish(d, ((x.start, x.end),))))
            r += k
        done = cells[max(r, j) - 1].end
    return out


# A catalogue of reports copied from a web page, a cell a line: 农村居民家庭概况 | 年 报 |
# 调查户 | … | 年后1月10日前 | | — or without bars, a name, a code and the date cell.
_ROW_END = re.compile(r"\|\s*\|[\s|]*$")
_BARS = re.compile(r"[\s|]+$")
_SAME_AS_ABOVE = re.compile(r"同\s*上")
_CODE_CELL = re.compile(r"[A-Za-z]{0,4}\s*\d{1,4}(?:\s*[-—]\s*\d+)?\s*表?")
_PERIOD_CELL = re.compile(r"(?:年|半年|季|月|旬|周|日|快)\s*(?:度\s*)?报(?:表)?")
_CELL_FILLER = re.compile(
    r"[\s、,;:|]|当年|本年|年后|次年|之前|以前|前|第[一二三四]季度免报|季后免报|免报"
)


_CELL_LINE_HINT = re.compile(
    r"^[ \t|]*[^。,\n]{0,8}?(?:\d{1,2}\s*[月日号]|季)[^。,\n]{0,10}?[前内][^。,\n]{0,12}$", re.M
)


def _near_line_ends(norm: str) -> list[int]:
    """Where 前 or 内 stands at most 12 characters (no 。 or comma) before a line's end:
    found with str.find, far cheaper than a regular expression over the whole text."""
    out = []
    n = len(norm)
    for ch in "前内":
        i = norm.find(ch)
        while i >= 0:
            j = norm.find("\n", i, i + 14)
            stop = j if j >= 0 else (n if n - i <= 13 else -1)
            if stop >= 0 and "。" not in norm[i:stop] and "," not in norm[i:stop]:
                out.append(i)
            i = norm.find(ch, i + 1)
    return sorted(out)


_CELL_HINT = re.compile(r"[月日号季][^。]{0,12}?[前内]")


def _date_cell(ctx: Context, seg: Seg) -> list[_When]:
    """The deadline whens of a cell that says nothing but a time (年后1月10日前, 季后7日前)."""
    norm = ctx.lay.norm
    text = norm[seg.start : seg.end]
    if len(text) > 40 or not _CELL_HINT.search(text):
        return []
    ws = [
        w
        for w in _whens(ctx, seg.start, seg.end)
        if (w.kind == "date" and w.phrase is not None and w.phrase.tail.marker)
        or (w.kind == "repeat" and w.repeat is not None and w.repeat.tail.marker)
    ]
    if not ws:
        return []
    rest = text
    for w in reversed(ws):
        rest = rest[: w.start - seg.start] + rest[w.end - seg.start :]
    return ws if not _CELL_FILLER.sub("", rest) else []


def _name_cell(text: str) -> bool:
    t = text.strip()
    return (
        len(_CJK_CHAR.findall(t)) >= 3
        and not _SAME_AS_ABOVE.fullmatch(t)
        and not _CODE_CELL.fullmatch(t)
        and not _PERIOD_CELL.fullmatch(t.replace(" ", ""))
        and not _TIME_HEAD.match(t)
        and not _WHAT_HEAD.match(t)
        and not t.endswith(("时间", "日期", "期限", "期别", "范围", "单位", "方式"))
    )


def _row_tables(ctx: Context) -> list[_Found]:
    """One deadline per row of a catalogue of reports whose rows end in a time cell
    (flagged: the clerk checks what a table meant)."""
    lay = ctx.lay
    norm = lay.norm
    # Only around lines that may be time cells (a long text has few, or none).
    spans: list[list[int]] = []
    ends = _near_line_ends(norm)  # 前/内 shortly before a line's end
    if not ends:
        return []
    hints = (
        m
        for e in ends
        for m in [_CELL_LINE_HINT.search(norm, norm.rfind("\n", 0, e) + 1, e + 16)]
        if m is not None
    )
    for m in hints:
        li = lay.line_index(m.start())
        lo, hi = max(0, li - 16), min(len(lay.lines), li + 80)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    found: list[tuple[str, list[_When], Seg]] = []
    for lo, hi in spans:
        found.extend(_rows_in(ctx, lo, hi))
    out: list[_Found] = []
    if len(found) < 2:
        return out  # one dated line is no table
    for what, ws, span in found:
        for w in ws:
            out += _found_in(ctx, span, what, w, ((w.start, w.end),), "出自报表目录，请核对")
    return out


def _rows_in(ctx: Context, lo: int, hi: int) -> list[tuple[str, list[_When], Seg]]:
    lay = ctx.lay
    norm = lay.norm
    cells: list[tuple[Seg, bool]] = []  # a line's text without its bars; ends a row (| |)
    barred = sum(1 for line in lay.lines[lo:hi] if _ROW_END.search(norm, line.start, line.end)) >= 2
    for line in lay.lines[lo:hi]:
        text = norm[line.start : line.end]
        if not text.strip():
            continue
        bars = _BARS.search(text)
        end = line.start + (bars.start() if bars else len(text))
        lead = len(text) - len(text.lstrip())
        if end - line.start - lead > 60 or (barred and "|" not in text):
            # Prose, or a line without bars in a table of bars (a title above it): no row
            # runs on across it.
            cells.append((Seg(line.start, line.start), True))
            continue
        cells.append((Seg(line.start + lead, end), bool(_ROW_END.search(text))))
    row: list[Seg] = []
    prev_when: list[_When] = []
    found: list[tuple[str, list[_When], Seg]] = []
    for seg, ends in cells:
        if seg.start == seg.end:
            row, prev_when = [], []
            continue
        ws = _date_cell(ctx, seg)
        text = norm[seg.start : seg.end]
        if not ws and barred and ends and _SAME_AS_ABOVE.fullmatch(text.strip()) and prev_when:
            ws = prev_when  # 同上: the row above's time
        if ws:
            names = [c for c in row if _name_cell(norm[c.start : c.end])]
            name = (names[0] if barred else names[-1]) if names else None
            if name is not None:
                what = clean_what(_pair(ctx, name.start, name.end))
                if what:
                    found.append((what, ws, Seg(name.start, seg.end)))
            prev_when = ws
            if not barred:
                row = []
                continue
        row.append(seg)
        if ends:
            row = []
    return found


# 表号 表名 … 报送日期及方式 卫统 1-1表 卫生机构年报表 … 次年1月20日前网络直报 … 卫统 1-2表 … 同上:
# a catalogue of reports flattened onto one line (a PDF's table copied as running text).
# Compiled on first use (re's cache keeps them): a class of many characters costs millions of
# instructions to compile, and only a text with 表号 needs these.
_CATALOGUE_HEAD = r"表\s*号[^\n]{0,80}?(?:日期|时间|期限)"
_REPORT_CODE = r"(?<![\dA-Za-z.\-])(?:[A-Z]{1,4}\s*)?\d{1,5}(?:\s*[-—]\s*\d{1,3})?\s*表(?![号名格头式])(?!\s*\d+\s*栏)"
# The report's name: one word ending as a name does (a table cut by spaces), else words.
_REPORT_NAME = (
    r"\s*(?:[^\s\d,。;、()“”|:]{1,30}|[^\d,。;、()“”|:]{2,30})(?:报表|表|情况|年报|月报|季报)"
    r"(?:\s*[-—]\s*[^\s\d,。;、()“”|:]{1,12})?"
)
MAX_CATALOGUE_ROW = 400
_LONG_LINE = 150  # a catalogue run onto one line without its header is a long line


def _catalogue_code(m: re.Match[str]) -> bool:
    """A statistical report's code (605-1表, SR301表, 601表), not a form's number (1表)."""
    code = m.group()
    return "-" in code or "—" in code or code[0].isalpha() or sum(c.isdigit() for c in code) >= 3


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _series(norm: str, line_start: int, code_start: int) -> str:
    """The two characters standing, a space between, before a report's code (卫统 1-1表)."""
    pre = norm[max(line_start, code_start - 4) : code_start]
    if len(pre) == 4 and not _cjk(pre[0]) and _cjk(pre[1]) and _cjk(pre[2]) and pre[3] == " ":
        return pre[1:3]
    return ""


def _catalogue_line(ctx: Context) -> tuple[list[_Found], list[tuple[int, int]]]:
    """One deadline per row of a report catalogue run onto one line: a row starts at its
    code (SR301表, 卫统 1-1表) and takes the dates with 前 it holds, or (同上) the row
    above's when that had one; the thing is the report's name and its code. A line without
    its header (表号 表名 … 报送日期) counts only where it is long, with three codes or more
    and two rows dated on their own. Also the rows read."""
    lay = ctx.lay
    norm = lay.norm
    out: list[_Found] = []
    read: list[tuple[int, int]] = []
    starts: dict[int, int] = {}  # line index: where its rows may begin
    if "表号" in norm or "表 号" in norm:
        for hm in re.finditer(_CATALOGUE_HEAD, norm):
            starts.setdefault(lay.line_index(hm.start()), hm.end())
    # 2表从业人员… 16605-1表能源购进… : codes in a long line, found by plain string search.
    per_line: dict[int, int] = {}
    pos = norm.find("表")
    while pos >= 0:
        if pos and norm[pos - 1].isdigit():
            li = lay.line_index(pos)
            per_line[li] = per_line.get(li, 0) + 1
        pos = norm.find("表", pos + 1)
    headless = {
        li
        for li, n in per_line.items()
        if n >= 3 and li not in starts and lay.lines[li].end - lay.lines[li].start >= _LONG_LINE
    }
    for li in headless:
        starts[li] = lay.lines[li].start
    if not starts:
        return out, read
    code_rx, name_rx = re.compile(_REPORT_CODE), re.compile(_REPORT_NAME)
    for li, start in sorted(starts.items()):
        line = lay.lines[li]
        codes = list(code_rx.finditer(norm, start, line.end))
        if len(codes) < 2:
            continue
        # 卫统 1-1表 … 卫统 1-2表: the two characters before the first code, and again before
        # others, name the series (a row's last cell before its next code does not).
        prefixes = [_series(norm, line.start, c.start()) for c in codes]
        series = {prefixes[0]} if prefixes[0] and prefixes.count(prefixes[0]) >= 2 else set()
        rows: list[tuple[int, int, str, list[_When]]] = []
        own = 0
        prev: list[_When] = []
        bounds = [c.start() for c in codes[1:]] + [line.end]
        for code, stop in zip(codes, bounds, strict=True):
            stop = min(stop, code.start() + MAX_CATALOGUE_ROW)
            ws = [
                w
                for w in _whens(ctx, code.end(), stop)
                if (w.kind == "date" and w.phrase is not None and w.phrase.tail.marker)
                or (w.kind == "repeat" and w.repeat is not None and w.repeat.tail.marker)
            ]
            own += bool(ws)
            if not ws and prev and _SAME_AS_ABOVE.search(norm, code.end(), stop):
                ws = prev
            prev = ws
            if not ws:
                continue
            head = code.start()
            if _series(norm, line.start, head) in series:
                head -= 3
            what = tidy(lay.text[head : code.end()]).replace(" ", "")
            nm = name_rx.match(norm, code.end(), stop)
            if nm and nm.group().strip():
                # 卫生机构年报表-医院类(卫统1-1表), as the other table readers name a row.
                what = f"{tidy(lay.text[nm.start() : nm.end()]).replace(' ', '')}({what})"
            rows.append((head, stop, what, ws))
        if li in headless and (own < 2 or sum(map(_catalogue_code, codes)) < 2):
            continue  # 附件1表…6月10日前报送，附件2表…: a sentence naming forms, not a catalogue
        for head, stop, what, ws in rows:
            read.append((head, stop))
            for w in ws:
                out += _found_in(
                    ctx, Seg(head, stop), what, w, ((w.start, w.end),), "出自报表目录，请核对"
                )
    return out, read


# Merging ------------------------------------------------------------------------------------------


def _key(d: FoundDeadline) -> tuple[object, ...]:
    return (
        d.kind,
        d.on,
        d.at,
        d.weekday if d.kind != ONCE else None,
        d.day_of_month,
        d.start,
        d.end,
    )


def _same_thing(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def _nested(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """One statement read twice: once in its sentence, once inside its parentheses."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


_DAYED_KINDS = frozenset({MONTHLY_KIND, WEEKLY_KIND, QUARTERLY_KIND})
_SAID_RIGHT_AFTER = 120
_PERIOD_END_WORD = re.compile(r"底|末|最后")


def _dayless_found(d: FoundDeadline) -> bool:
    """每月报送 / 每季度报送一次: a repeating deadline with no day, no weekday and no end of
    the period said."""
    return (
        d.kind in _DAYED_KINDS
        and d.day_of_month is None
        and d.weekday is None
        and d.at is None
        and not _PERIOD_END_WORD.search(d.source)
    )


def _merge(found: list[_Found]) -> list[FoundDeadline]:
    """One deadline per statement: the same deadline said twice (again in a note under a
    form) is one; a form's own text (每月报送 inside a table) is dropped, unless it is a
    dated deadline the notice does not state elsewhere (then kept, flagged)."""
    out: list[_Found] = []
    by_key: dict[tuple[object, ...], list[int]] = {}
    for f in (f for f in found if not f.item.in_attachment):
        same = by_key.setdefault(_key(f.item), [])
        twin = next(
            (
                k
                for k in same[-50:]
                if _same_thing(out[k].item.what, f.item.what)
                or (f.item.kind != ASAP and (out[k].fallback or f.fallback))
                or _nested(out[k].item.span, f.item.span)
            ),
            None,
        )
        if twin is None:
            same.append(len(out))
            out.append(f)
        elif out[twin].fallback and not f.fallback:
            old = out[twin].item
            out[twin] = _Found(f.item.changed(span=old.span, source=old.source))
    # 实行每日报送。…由各企业每日15时前报送: the rule said first without its time.
    timed_daily = [o.item.span for o in out if o.item.kind == DAILY_KIND and o.item.at]
    out = [
        o
        for o in out
        if o.item.kind != DAILY_KIND
        or o.item.at
        or not any(abs(a - o.item.span[1]) < 300 for a, _b in timed_daily)
    ]
    # 每季度报送一次。每季度下一个月的5日前报送: the rule said first without its day gives
    # way to the same rule with its day said right after.
    dated = [o.item for o in out if o.item.kind in _DAYED_KINDS and not _dayless_found(o.item)]
    out = [
        o
        for o in out
        if not _dayless_found(o.item)
        or not any(
            d.kind == o.item.kind and abs(d.span[0] - o.item.span[0]) < _SAID_RIGHT_AFTER
            for d in dated
        )
    ]
    main_dates = {o.item.on for o in out if o.item.kind == ONCE and o.item.on}
    for f in found:
        d = f.item
        if not d.in_attachment or d.kind != ONCE or d.on is None or d.on in main_dates:
            continue
        reason = _join(d.reason, "出现在附件（表格）中，请核对是否为通知的报送要求")
        out.append(_Found(d.changed(unsure=True, reason=reason)))
        main_dates.add(d.on)
    return [o.item for o in out]


# The reader's own time layer and verb lexicon, for the review's leftovers (leftovers.py):
# what it calls a when and a delivery there is what it looks for here, never a copy.
VERB_HINT = _VERB_HINT
OTHER_WHEN = _OTHER_WHEN
PAUSED = _PAUSED
subject_to = _subject_to
When = _When
Verb = _Verb
Clause = _Clause


def whens_in(ctx: Context, a: int, b: int) -> list[_When]:
    """The whens of ``[a, b)`` as the reader finds them (dates, ranges, repeats, at-once
    words, 3个工作日内), with its own filters (从6月1日起, 原定…, 国家要求…)."""
    return _whens(ctx, a, b)


def verbs_in(ctx: Context, a: int, b: int) -> list[_Verb]:
    """The delivery verbs and labels (报送时间) of ``[a, b)`` as the reader finds them."""
    return _verbs(ctx, a, b)


def thing_delivered(ctx: Context, a: int, b: int, verb: _Verb, whens: list[_When]) -> str:
    """What ``verb`` delivers, read in ``[a, b)`` as the reader reads it ("" if nothing)."""
    return _object(ctx, a, verb, b, whens)


def what_in(ctx: Context, a: int, b: int) -> str:
    """``[a, b)`` as the name of a thing due, trimmed as the reader trims its titles."""
    return clean_what(_pair(ctx, a, b))
