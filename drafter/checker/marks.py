"""The forms of marks (GB/T 15834-2011): 、 between quoted items, doubled marks, …… and ——,
quotes nested the wrong way, spaces inside Chinese text, a full stop inside a sentence's
bracket, invisible characters and full-width letters or digits."""
from __future__ import annotations

from typing import Iterator

from drafter.checker.base import (ERROR, HINT, WARNING, Context, Finding, Rule, document_wide,
                                  regex_findings, snippet)
from drafter.lazy_re import lazy_re
from drafter.zh.cjk import CJK
from drafter.zh.markers import parse_marker

DUNHAO_QUOTED = Rule(
    "dunhao-between-quoted", HINT, "引号或书名号并列成分之间用了顿号",
    "标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号：写“两个确立”“两个维护”，"
    "《决定》《规划》，不写“两个确立”、“两个维护”。引号或书名号后另有括注时可用顿号，不报告。"
    "已发表的文稿中两种写法都有；一篇文稿通篇用顿号的视为其体例，不报告，只在同一文稿中两种写法混用时报告。"
    "这是全文的体例问题，一篇文稿只报告一次，说明共有几处、前几处在哪几行。",
    source="GB/T 15834-2011 4.5.3.5", fixable=False)
DOUBLED_MARK = Rule(
    "doubled-punct", ERROR, "标点重复",
    "同一位置连用两个点号（，，。。、、；；或，。）多为增删时的残留，只应保留一个。"
    "问号、叹号连用（？！）表示强烈语气，不报告。",
    source="GB/T 15834-2011 4.1～4.7（点号的用法）", fixable=False)
ELLIPSIS = Rule(
    "ellipsis-form", WARNING, "省略号写法不规范",
    "省略号是六个点“……”，占两个字位置；不写“...”“。。。”“、、、”，也不写单个“…”。",
    source="GB/T 15834-2011 4.11", fixable=True)
DASH = Rule(
    "dash-form", WARNING, "破折号写法不规范",
    "破折号是两个一字线“——”，占两个字位置；不用连字符“--”“－－”或横线“―”代替。",
    source="GB/T 15834-2011 4.10", fixable=True)
QUOTE_NESTING = Rule(
    "quote-nesting", WARNING, "引号嵌套顺序不对",
    "引号里面还要用引号时，外层用双引号，里层用单引号：“……‘……’……”。双引号里又套双引号，"
    "或单引号在外层，都应改正。引号本身不配对时由 unbalanced-pair 报告，这里不重复。",
    source="GB/T 15834-2011 4.8.3")
SPACE = Rule(
    "space-in-chinese", WARNING, "汉字之间有空格",
    "汉字与汉字、汉字与中文标点之间不加空格（含全角空格和其他 Unicode 空格），多为排版或"
    "复制粘贴的残留。署名行（本报记者 王芳）、括号里的署名（记者 王芳、本网记者 李明 实习生 张华：身份以“记者”“通讯员”“实习生”“摄影”等结尾，后跟姓名）、新闻电头（新华社北京3月5日电 ）、"
    "书名号里的标题和引号里的短标语（“好客山东 好品山东”）分隔前后两半的空格、标题和落款中的空格不报告，"
    "数字、字母与汉字之间的空格也不报告。",
    source="GB/T 15834-2011 5.1（标点符号的位置）；中文排版惯例", fixable=True)
BRACKET_STOP = Rule(
    "bracket-stop", WARNING, "句内括号里用了句号",
    "句内括号是对句中某一部分的注释，括号里不用句号，句末的点号放在括号外："
    "“……（试行）。”，不写“……（试行。）”。",
    source="GB/T 15834-2011 4.9.3", fixable=False)
INVISIBLE = Rule(
    "invisible-char", WARNING, "不可见字符",
    "文稿中有零宽字符（U+200B～U+200F、U+2060、U+FEFF）或双向控制符（U+202A～U+202E、"
    "U+2066～U+2069），看不见却会打乱排版、搜索和复制，甚至改变文字显示的顺序，应删去。",
    source="Unicode 标准附件 #9（双向算法）；UTS #39", fixable=False)
FULLWIDTH = Rule(
    "fullwidth-alnum", WARNING, "全角数字或字母",
    "阿拉伯数字和拉丁字母用半角：2025年、GDP，不写“２０２５年”“ＧＤＰ”。",
    source="GB/T 15835-2011 5.1.7（书写格式）", fixable=False)

EMPTY_PAIR = Rule(
    "empty-pair", ERROR, "空的引号、书名号或括号",
    "“”《》（）〔〕中间什么也没有，多是删去内容后留下的，或是待补的名称：补上内容或删去符号。",
    source="GB/T 15834-2011 4.8、4.9、4.15")
TITLE_END = Rule(
    "title-end-punct", WARNING, "文稿标题末尾有标点",
    "文稿标题（在……上的讲话、新闻标题）末尾不加句号、分号；问号、叹号可保留。标题分两行书写时，"
    "第一行末尾的逗号、顿号是标题的一部分，不报告。",
    source="GB/T 9704-2012 7.3.2（标题）；公文标题惯例", fixable=False)

# The spaces of _SPACE's class, as characters.
_SPACES = " \u3000\u00a0\u202f" + "".join(map(chr, range(0x2002, 0x200b)))
# Short quoted items side by side; two quotations that follow each other are not a list.
_QUOTED_DUNHAO = lazy_re(r"“[^“”]{1,12}(”、)(?=“[^“”]{1,12}”)|《[^《》]{1,30}(》、)(?=《[^《》]{1,30}》)",
                         needs=("”、", "》、"))
_ADJACENT = lazy_re(r"“[^“”]{1,12}”“[^“”]{1,12}”|《[^《》]{1,30}》《[^《》]{1,30}》", needs=("”“", "》《"))
_DOUBLED = lazy_re(r"([，。、；：])\1|[，、；：][，。、；：]|。[，、；：]")
_ELLIPSIS = lazy_re(r"\.{3,}|。{3,}|、{3,}|，{3,}|(?<!…)…(?!…)|(?<!…)(?:…{3}|…{5})(?!…)",
                    needs=("...", "。。。", "、、、", "，，，", "…"))
_DASH = lazy_re(rf"(?:(?<=[{CJK}”）》，。])|^)(?:-{{2,}}|－{{2,}}|―+)(?=[{CJK}“（《\d])", needs="-－―")
_SPACE = lazy_re(rf"(?<=[{CJK}，。、；：？！“”（）《》])[ \u3000\u00a0\u2002-\u200a\u202f]+"
                 rf"(?=[{CJK}，。、；：？！“”（）《》])", needs=_SPACES)
_DATELINE = lazy_re(r"[^，。！？]{0,24}?[电讯](?:[（(][^）)]{0,40}[）)])?[ \u3000]+", needs=" \u3000")
_BRACKET = lazy_re(r"(?<=[^。！？\s])（([^（）]{1,60})。）", needs=("。）",))
_INVISIBLE = lazy_re("[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_FULLWIDTH = lazy_re("[０-９Ａ-Ｚａ-ｚ]+")
_QUOTE_MARKS = lazy_re("[“”‘’]")
_HALF_OF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B)}


def check_dunhao(ctx: Context) -> Iterator[Finding]:
    """Published texts differ here (many write ”、“ throughout); a document that does so
    consistently keeps its style, and only one that also writes ”“ is told, once, where it
    uses ”、“: a point of style is one finding however often it occurs."""
    if not any(_ADJACENT.search(t) for _, t in ctx.texts()):
        return
    places = [(i, (m.start(1) if m.group(1) else m.start(2)) + 1, text)      # at the 、
              for i, text in ctx.texts() for m in _QUOTED_DUNHAO.finditer(text)]
    if places:
        yield document_wide(ctx, DUNHAO_QUOTED, places, "并列的引号或书名号之间通常不用顿号，本文两种写法都有",
                            quote=lambda text, k: snippet(text, k - 1, k + 1), suggestion=lambda text, k: text[k - 1],
                            length=1)


def check_doubled(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, DOUBLED_MARK, _DOUBLED,
                          lambda t, m: f"标点“{m.group(0)}”重复：{snippet(t, m.start(), m.end())}",
                          keep=lambda t, m: not t.startswith("。。。", max(0, m.start() - 1)),
                          suggest=lambda m: m.group(0)[-1] if m.group(0)[0] == "。" else m.group(0)[0])


def check_ellipsis(ctx: Context) -> Iterator[Finding]:
    # 1...9, a...b: dots between Latin letters or digits are not an ellipsis (format leaves them too)
    return regex_findings(ctx, ELLIPSIS, _ELLIPSIS,
                          lambda t, m: f"省略号应写作“……”：{snippet(t, m.start(), m.end())}",
                          keep=lambda t, m: not (m.group(0)[0] == "." and _latin(t[m.start() - 1:m.start()])
                                                 and _latin(t[m.end():m.end() + 1])),
                          suggest=lambda m: "……")


def _latin(ch: str) -> bool:
    return bool(ch) and ch.isascii() and (ch.isalnum() or ch in "_-")


def check_dash(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, DASH, _DASH,
                          lambda t, m: f"破折号应写作“——”：{snippet(t, m.start(), m.end())}",
                          kinds=None, suggest=lambda m: "——")


def _nesting_error(text: str):
    if text.count("“") != text.count("”") or text.count("‘") != text.count("’"):
        return None
    stack = []
    for m in _QUOTE_MARKS.finditer(text):      # only the quotes: other characters change nothing
        k, ch = m.start(), m.group()
        if ch == "“":
            if "“" in stack[-1:]:
                return k, "双引号里又用了双引号，里层应改为单引号‘’"
            stack.append(ch)
        elif ch == "‘":
            if not stack:
                return k, "单引号用在了外层，外层应为双引号“”"
            stack.append(ch)
        elif ch in "”’" and stack:
            stack.pop()
    return None


def check_quote_nesting(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts():
        hit = _nesting_error(text)
        if hit:
            k, why = hit
            yield ctx.finding(QUOTE_NESTING, i, f"{why}：{snippet(text, k, k + 1, 8)}", offset=k, end=k + 1)


def check_space(ctx: Context) -> Iterator[Finding]:
    """Headlines are left alone (an unnumbered heading, a line without a sentence mark): they
    set their two halves apart with a space."""
    for i, text in ctx.texts(("para", "heading", "closing")):
        if ctx.blocks[i].kind == "heading" and parse_marker(text) is None \
                or not any(ch in text for ch in "。！？"):
            continue
        dateline = _DATELINE.match(text)
        for m in _SPACE.finditer(text):
            if dateline and m.start() < dateline.end():
                continue                   # 新华社北京3月5日电 国务院……: the 电头 ends in a space
            if _set_apart(text, m.start()):
                continue
            yield ctx.finding(SPACE, i, f"汉字之间不加空格：{snippet(text, m.start(), m.end())}",
                              offset=m.start(), end=m.end(), suggestion="")


# A credit in brackets is a run of role–names groups, the role any compound that ends in a role
# word (记者、本网记者、融媒体记者、实习生、通讯员; 文、图、摄 only as they are, 全文 is no role):
# （本网记者 王芳 李明 实习生 张华）.
_ROLE = rf"(?:[{CJK}]{{0,6}}?(?:记者|通讯员|实习生|摄影|编辑|撰稿|作者)|摄|供图|文|图)"
_NAMES = rf"[{CJK}·]{{2,5}}(?:(?:[ \u3000]+|、)[{CJK}·]{{2,5}})*"
_CREDIT = lazy_re(rf"{_ROLE}(?:[ \u3000]+|：){_NAMES}(?:[ \u3000]+{_ROLE}(?:[ \u3000]+|：){_NAMES})*[ \u3000]*[）)]",
                  needs=" \u3000：")


def _set_apart(text: str, pos: int) -> bool:
    """A space the text sets on purpose: in a title quoted in 《》 (its two halves), in a short
    quoted slogan (“好客山东 好品山东”), in a credit in brackets (（记者 王芳））."""
    if text.rfind("《", 0, pos) > text.rfind("》", 0, pos):
        return True
    q = text.rfind("“", 0, pos)
    if q > text.rfind("”", 0, pos):
        end = text.find("”", pos)
        inner = text[q + 1:end] if end > 0 else ""
        if inner and len(inner) <= 24 and not any(ch in inner for ch in "。！？，；："):
            return True
    b = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    if b > max(text.rfind("）", 0, pos), text.rfind(")", 0, pos)) and _CREDIT.match(text, b + 1):
        return True
    return False


def check_bracket_stop(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, BRACKET_STOP, _BRACKET,
                          lambda t, m: f"句内括号里不用句号，句号放在括号外：{snippet(t, m.start(), m.end())}",
                          suggest=lambda m: f"（{m.group(1)}）")


def check_invisible(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, INVISIBLE, _INVISIBLE,
                          lambda t, m: f"有不可见字符 U+{ord(m.group(0)):04X}：{snippet(t, m.start(), m.end())}",
                          kinds=None, suggest=lambda m: "")


def check_fullwidth(ctx: Context) -> Iterator[Finding]:
    def half(m):
        return "".join(_HALF_OF.get(c, c) for c in m.group(0))
    return regex_findings(ctx, FULLWIDTH, _FULLWIDTH,
                          lambda t, m: f"“{m.group(0)}”应写作半角“{half(m)}”", kinds=None, suggest=half)


_EMPTY = lazy_re(r"“\s*”|《\s*》|（\s*）|〔\s*〕")


def check_empty_pair(ctx: Context) -> Iterator[Finding]:
    return regex_findings(ctx, EMPTY_PAIR, _EMPTY,
                          lambda t, m: f"“{m.group(0)}”中间没有内容：{snippet(t, m.start(), m.end())}", kinds=None)


def _titles(ctx: Context) -> Iterator[int]:
    """Title blocks, and a first line that would be the title but for its closing 。 (a reader
    by shape takes it for prose): short, one sentence, with the byline or salutation next."""
    for i, b in enumerate(ctx.blocks):
        if b.kind in ("title", "subtitle"):
            yield i
    if len(ctx.blocks) > 1 and ctx.blocks[0].kind == "para":
        t = ctx.blocks[0].text.strip()
        if len(t) <= 40 and t.endswith("。") and t.count("。") == 1 and \
                ctx.blocks[1].kind in ("byline", "salutation", "subtitle", "lead"):
            yield 0


def check_title_end(ctx: Context) -> Iterator[Finding]:
    """、 and ， are left alone: a title broken over two lines ends its first line with them."""
    for i in _titles(ctx):
        t = ctx.blocks[i].text.replace("\n", "").rstrip()
        if t[-1:] in ("。", "；", ".", ";"):
            yield ctx.finding(TITLE_END, i, f"标题末尾不加“{t[-1]}”：{snippet(t, len(t) - 1, len(t), 12)}",
                              offset=len(t) - 1, end=len(t), suggestion=t[:-1])


RULES = [(EMPTY_PAIR, check_empty_pair), (TITLE_END, check_title_end), (DUNHAO_QUOTED, check_dunhao), (DOUBLED_MARK, check_doubled), (ELLIPSIS, check_ellipsis),
         (DASH, check_dash), (QUOTE_NESTING, check_quote_nesting), (SPACE, check_space),
         (BRACKET_STOP, check_bracket_stop), (INVISIBLE, check_invisible), (FULLWIDTH, check_fullwidth)]
