"""Doubled characters and words: 的的, 进一步进一步 — the slips of cutting and pasting."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, List, Tuple

from drafter.checker.base import ERROR, Context, Finding, Rule, snippet
from drafter.lazy_re import lazy_re
from drafter.zh.cjk import CJK, is_cjk

REPEATED = Rule(
    "repeated-text", ERROR, "字词重复",
    "虚词连写两次（的的、了了、是是、在在、和和、不不……）或一个词紧接着重复"
    "（进一步进一步、推动推动），多为增删时的残留。合法的叠词不报告：常常、人人、天天、"
    "层层、个个、事事、处处、家家户户、实实在在、扎扎实实、明明白白、的的确确、"
    "是是非非、不了了之、为了了解、现在在座、关键是是否、研究研究、一个一个等。实词单字相连"
    "（学习习近平、工作作风）多是两个词恰好相接，不报告；太多太多、走着走着、成都都市圈、博士博士后等也不报告。"
    "“连战连胜”“屡战屡胜”“共建共治共享”“一校一策”这类“甲乙甲丙”的四字格，前一个词恰好以“乙”结尾时"
    "（攻坚之战连战连胜）读起来像“战连战连”重复，按四字格处理：“乙甲”本身不成词，而这个格是词典中的词，"
    "或“甲”是常用来构成这类格的字（一校一策；连战连胜中“连战”成词），或格式继续下去（共建共治共享）；“透亮透亮的”“一个项目一个项目地”这类叠用，"
    "“和维和维稳”这类两个词共用一个字的，也不报告。",
    source="《党政机关公文处理工作条例》（2012）第二十条（文稿审核）")

# Function characters that are almost never doubled in correct prose.
_FUNCTION_CHARS = "的了在是和被得着也都还又并而从于之其这那们不更已很"
# Correct text in which such a doubling occurs; each entry is searched as written.
_ALLOWED = (
    "的的确确", "的的确", "目的的", "是是非非", "不了了之", "了了解", "除了了", "为了了",
    "实实在在", "现在在", "是是否", "和和美美", "和和气气", "着着实实",
    "常常", "人人", "天天", "看看", "层层", "个个", "事事", "处处", "家家户户", "年年",
    "步步", "扎扎实实", "明明白白", "清清楚楚", "干干净净", "认认真真", "踏踏实实",
    "方方面面", "点点滴滴", "时时刻刻", "世世代代", "上上下下", "里里外外", "前前后后",
    "来来往往", "许许多多", "大大小小", "多多少少", "原原本本", "堂堂正正", "平平安安",
    "快快乐乐", "高高兴兴", "安安稳稳", "仔仔细细", "真真切切", "坦坦荡荡", "兢兢业业",
    "勤勤恳恳", "轰轰烈烈", "红红火火", "形形色色", "日日夜夜", "条条框框", "桩桩件件",
    "等等", "谢谢", "一一",
)
# Verbs said twice as a casual "do a little": 研究研究, 商量商量 — rare in speeches but correct.
_ABAB = ("研究", "讨论", "学习", "商量", "考虑", "琢磨", "交流", "总结", "活动", "介绍",
         "锻炼", "了解", "调查", "比较")
_HAN = CJK
_CHAR_RE = lazy_re(f"([{_FUNCTION_CHARS}])\\1")
# A lookahead: doublings may overlap (构建共建共建 holds 建共建共 and 共建共建), so every start is tried.
_WORD_RE = lazy_re(f"(?=([{_HAN}]{{2,6}})\\1)")
_ONE_BY_ONE = lazy_re("一(?P<m>[%s])一(?P=m)" % _HAN, needs="一")          # 一个一个, 一件一件, 一步一步


def _allowed_spans(text: str) -> List[Tuple[int, int]]:
    spans = []
    for w in _ALLOWED:
        start = text.find(w)
        while start >= 0:
            spans.append((start, start + len(w)))
            start = text.find(w, start + 1)
    spans += [m.span() for m in _ONE_BY_ONE.finditer(text)]
    return spans


def _words() -> dict:
    from drafter.checker.data import load
    return load("words")


def _at_boundary(text: str, s: int, e: int, unit: str) -> bool:
    """The first copy ends a longer word or the second begins one: 博士博士后; a doubled single
    character needs both (成都都市圈), since 要不不断 is a slip however 不断 reads."""
    mid = s + len(unit)
    words = [w for w in _words()["boundary_words"] if len(w) > len(unit)]
    ends = any(w.endswith(unit) and mid >= len(w) and text.startswith(w, mid - len(w)) for w in words)
    begins = any(w.startswith(unit) and text.startswith(w, mid) for w in words)
    return (ends and begins) if len(unit) == 1 else (ends or begins)


def _reduplicated(unit: str) -> bool:
    r = _words()["reduplication"]
    return len(unit) >= 2 and (unit.startswith(tuple(r["prefixes"])) or unit.endswith(tuple(r["suffixes"])))


@lru_cache(maxsize=1)
def _frames():
    from drafter.checker.data import path
    # frames.yaml is a flat mapping of long scalars: read by hand, ten times faster than YAML
    lines = path("frames").read_text(encoding="utf-8").splitlines()
    d = dict(ln.split(": ", 1) for ln in lines if ln and not ln.startswith("#"))
    words = frozenset(d["frames"].split())
    return words, frozenset(w[0] for w in words), d["heads"], d["strong"], frozenset(d["words"].split())


def _frame_after(text: str, s: int) -> bool:
    """Whether AB·AB at ``s`` is a four-character frame B·A·B·Y read one character early, its A
    the end of the word before (攻坚之战|连战连胜, 作战|屡战屡胜, 高校|一校一策). Never when AB is
    a word (推动推动 is a slip) or Y a function character. It is a frame when the dictionary has
    B·A·B·Y, when B frames a great many words (一), when B frames several and B·A is a word
    (连战), or when the frame goes on with a third member (共建共治共享)."""
    a, b = text[s], text[s + 1]
    y = text[s + 4:s + 5]
    if not y or not is_cjk(y) or y in (a, b) or y in _FUNCTION_CHARS:
        return False                      # a frame's members are content characters
    frames, framing, heads, strong, words = _frames()
    if a + b in words:
        return False
    z = text[s + 6:s + 7]
    return (text[s + 1:s + 5] in frames or b in strong or b in heads and b + a in words
            or text[s + 5:s + 6] == b and b in framing and z and is_cjk(z) and z not in (a, b, y)
            and y + b not in words)


def _doubles(text: str) -> Iterator[Tuple[int, int]]:
    found = sorted(list(_WORD_RE.finditer(text)) + list(_CHAR_RE.finditer(text)), key=lambda m: m.start())
    if not found:
        return                            # most paragraphs: no need to look for the allowed words
    allowed = _allowed_spans(text)

    def covered(s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in allowed)

    seen_end = -1
    for m in found:
        s = m.start()
        e = s + 2 * len(m.group(1))
        if s < seen_end or covered(s, e):
            continue
        unit = m.group(1)
        if unit in _ABAB or (len(unit) == 2 and unit[0] == unit[1]):
            continue                      # ABAB verbs; AAAA is two AA words (天天天天 is rare)
        if _reduplicated(unit) or _at_boundary(text, s, e, unit):
            continue                      # 太多太多、走着走着; 成都都市圈、博士博士后
        if len(unit) == 2 and (_frame_after(text, s) or covered(s + 1, s + 5)):
            continue                      # 攻坚之战连战连胜、高校一校一策; 接力棒一棒一棒: read one later
        if text[e:e + 1] in ("的", "地") and len(unit) >= 2 or unit[0] == "一" and len(unit) >= 3:
            continue                      # 透亮透亮的、一个项目一个项目地抓: a reduplication
        if len(unit) == 2 and unit[0] in "和与及并":
            continue                      # 和维和维稳: 和 + 维和 + 维稳, two words that share a character
        yield s, e
        seen_end = e


def check_repeats(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts():
        for s, e in _doubles(text):
            yield ctx.finding(REPEATED, i, f"“{text[s:e]}”重复：{snippet(text, s, e)}", span=(s, e))


RULES = [(REPEATED, check_repeats)]
