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
    "正文中不得留有占位符：*、××、XX、代替汉字的单个 X 或 ZZ（如“X市”“X中央”）、连续下划线、"
    "〇〇/○○、□、【待补】（待定）等待补标记、202x/20XX 等未定年份、（略）。"
    "不算占位符的写法：两个数字之间的 * 或 ×（如“5*8小时”“3×4”），拉丁单词里的 X，"
    "X光、X射线、X线、X型、X形、X轴，以及汉字数字年份里的〇（如“二〇〇八”）。",
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
    (lazy_re(rf"(?<![{_LATIN}])(?:[XxＸｘ]{{2,}}|[ZＺ]{{2,}})(?![{_LATIN}])", needs="XxＸｘZＺ"), "占位字母"),
    (lazy_re(r"×{2,}", needs="×"), "占位符号"),
    (lazy_re(r"[*＊]+", needs="*＊"), "占位符号"),
    (lazy_re(r"[_＿]{2,}", needs="_＿"), "下划线空格"),
    (lazy_re(rf"(?<![{_NUMERALS}])[〇○]{{2,}}(?![{_NUMERALS}年])", needs="〇○"), "占位圆圈"),
    (lazy_re(rf"(?<![{_NUMERALS}])○(?![{_NUMERALS}])", needs="○"), "占位圆圈"),
    (lazy_re(r"□+", needs="□"), "占位方框"),
]

# A lone X, ×, x or _ counts only when it touches a Chinese character: X市, ×县, x月, 由_负责.
_LONE = lazy_re(rf"(?<![{_LATIN}0-9])([XＸ×_＿]|[xｘ](?=[年月日号]))(?![{_LATIN}0-9])", needs="XＸ×_＿xｘ")
_X_WORDS = ("光", "射线", "线", "型", "形", "轴")


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
        if m.group(0) in "XＸ" and text.startswith(_X_WORDS, e):
            continue
        ch = m.group(0)
        found.append((s, e, "下划线空格" if ch in "_＿" else "占位符号" if ch == "×" else "占位字母"))
    found.sort(key=lambda f: (f[0], -f[1]))
    last_end = -1
    for s, e, kind in found:
        if s >= last_end:
            yield s, e, kind
            last_end = e


def check_placeholders(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts():
        for s, e, kind in _spans(text):
            yield ctx.finding(
                PLACEHOLDER, i,
                f"遗留{kind}“{text[s:e]}”：{snippet(text, s, e)}，定稿前须替换为实际内容")


RULES = [(PLACEHOLDER, check_placeholders)]
