"""Leftover placeholders: the marks a drafter or a publisher leaves where a name still has to go."""
from __future__ import annotations

import re
from typing import Iterator, List, Tuple

from drafter.checker.base import ERROR, Context, Finding, Rule, snippet
from drafter.lazy_re import LazyPattern, lazy_re
from drafter.zh.cjk import is_cjk
from drafter.zh.numerals import ORDINAL, ZEROS

PLACEHOLDER = Rule(
    "placeholder", ERROR, "遗留占位符",
    "正文中不得留有占位符：*、××、XX、代替汉字或数字的单个 X 或 x 或 ZZ（如“X市”“x镇”“x亿元”）、"
    "“某某市”“某某同志”这样的某某、连续下划线、"
    "〇〇/○○、□、【待补】（待定）【待填写：讲话人姓名】等待补标记、202x/20XX 等未定年份、（略）。"
    "不算占位符的写法：两个数字之间的 * 或 ×（如“5*8小时”“3×4”），拉丁单词里的 X，"
    "X光、X射线、X线、X型、X形、X轴，名称末尾的乘号（“数据要素×”），按惯例隐去名字的“张某某”，"
    "以及汉字数字年份里的〇（如“二〇〇八”）。",
    source="《党政机关公文处理工作条例》（2012）第二十条（文稿审核）")

_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
_NUMERALS = ZEROS + ORDINAL

# Each pattern with the characters every match contains (lazy_re's ``needs``).
_PATTERNS: List[Tuple[LazyPattern, str]] = [
    # 202x, 20XX, 20××, 202*: a year not yet filled in (before the ×/X/* rules, which it contains)
    (lazy_re(rf"(?<![0-9])(?:1[89]|20)[0-9]?[xXＸｘ×＊*]{{1,2}}(?![{_LATIN}0-9])", needs="xXＸｘ×＊*"), "未定年份"),
    (lazy_re(r"[【\[［]\s*[】\]］]", needs="】]］"), "空白标记"),
    # re.I folds only t and T to t: TODO and TBD need one of them
    (lazy_re(r"[【\[［（(]\s*(?:待补充?|待定|待填写?|待核实?|待确认|待更新|此处[^】\]］）)]{0,10}|"
             r"TODO|TBD|略)\s*[】\]］）)]", re.I, needs=("待", "此处", "略", "t", "T")), "待补标记"),
    (lazy_re(r"…+\s*略(?=$|[。，；\s])", needs="略"), "待补标记"),
    # 【待填写：讲话人姓名】: what is missing named after the colon (drafter mcp asks assistants for it)
    (lazy_re(r"[【\[［（(]\s*待(?:补充?|定|填写?|核实?|确认|更新)\s*[:：][^】\]］）)\n]{0,40}[】\]］）)]",
             needs="待"), "待补标记"),
    (lazy_re(rf"(?<![{_LATIN}])(?:[XxＸｘ]{{2,}}|[ZＺ]{{2,}})(?![{_LATIN}])", needs="XxＸｘZＺ"), "占位字母"),
    (lazy_re(r"×{2,}", needs="×"), "占位符号"),
    (lazy_re(r"[*＊]+", needs="*＊"), "占位符号"),
    (lazy_re(r"[_＿]{2,}", needs="_＿"), "下划线空格"),
    (lazy_re(rf"(?<![{_NUMERALS}])[〇○]{{2,}}(?![{_NUMERALS}年])", needs="〇○"), "占位圆圈"),
    (lazy_re(rf"(?<![{_NUMERALS}])○(?![{_NUMERALS}])", needs="○"), "占位圆圈"),
    (lazy_re(r"□+", needs="□"), "占位方框"),
]

# A lone X, x, × or _ counts only when it touches a Chinese character: X市, x镇, ×县, x亿元, 由_负责.
_LONE = lazy_re(rf"(?<![{_LATIN}0-9])([XＸxｘ×_＿])(?![{_LATIN}0-9])", needs="XＸ×_＿xｘ")
_X_WORDS = ("光", "射线", "线", "型", "形", "轴")
# 某某市、某某同志: a name still to be filled in. 张某某 is a person named the way published
# reports name one (surname, then 某某), and is left alone.
_MOUMOU = lazy_re(r"某{2,3}", needs=("某某",))
# Common surnames that are not also common words before a name (和、于、向 are left out).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾"
    "夏韦付邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康施樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳祝"
    "舒阮柯纪梅凌裴霍涂苗盛翁冉骆蓝辛靳柴蒙鲍喻祁蒲房滕屈饶牟艾尤阳穆卓缪项芦麦褚娄窦戚岑卜晏卫瞿桂佟臧闵苟邬边卞姬仇栾隋刁巫"
    "寇桑郎甄丛敖佘麻迟邝"
)
# A multiplication sign that ends a name: “数据要素×”、“人工智能+”.
_CLOSERS = "”》’）)"


def _spans(text: str) -> Iterator[Tuple[int, int, str]]:
    found: List[Tuple[int, int, str]] = []
    for rx, kind in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if m.group(0)[0] in "*＊" and 0 < s and e < len(text) \
                    and text[s - 1].isdigit() and text[e].isdigit():
                continue                                 # 5*8 is arithmetic
            found.append((s, e, kind))
    for m in _LONE.finditer(text):
        s, e = m.span()
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if not ((before and is_cjk(before)) or (after and is_cjk(after))):
            continue
        if m.group(0) in "XＸxｘ" and text.startswith(_X_WORDS, e):
            continue
        if m.group(0) == "×" and after in _CLOSERS and before and is_cjk(before):
            continue                                     # “数据要素×”: the name's own sign
        ch = m.group(0)
        found.append((s, e, "下划线空格" if ch in "_＿" else "占位符号" if ch == "×" else "占位字母"))
    for m in _MOUMOU.finditer(text):
        s = m.start()
        if s and text[s - 1] in SURNAMES:
            continue                                     # 张某某: a person named as reports name one
        found.append((s, m.end(), "占位字"))
    found.sort(key=lambda f: (f[0], -f[1]))
    last_end = -1
    for s, e, kind in found:
        if s >= last_end:
            yield s, e, kind
            last_end = e


def _own(text: str, marks) -> List[Tuple[int, int, str]]:
    """The unit's own placeholder marks (drafter.yaml 占位符), found as written."""
    out = []
    for w in marks:
        k = text.find(w)
        while k >= 0:
            out.append((k, k + len(w), "占位符"))
            k = text.find(w, k + len(w))
    return out


def check_placeholders(ctx: Context) -> Iterator[Finding]:
    own = ctx.settings.placeholders if ctx.settings else ()
    for i, text in ctx.texts():
        spans = list(_spans(text))
        if own:
            taken = [(s, e) for s, e, _ in spans]
            spans += [x for x in _own(text, own) if not any(s < x[1] and x[0] < e for s, e in taken)]
            spans.sort()
        for s, e, kind in spans:
            yield ctx.finding(
                PLACEHOLDER, i,
                f"遗留{kind}“{text[s:e]}”：{snippet(text, s, e)}，定稿前须替换为实际内容", span=(s, e))


RULES = [(PLACEHOLDER, check_placeholders)]
