"""提法: fixed formulations written exactly. A near miss — one character missing, two swapped,
the number changed — is reported with the right form; the right form is never reported.
The formulations and their sources are data (``data/formulations.yaml``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Iterator, List, Tuple

from drafter.checker.base import ERROR, HINT, WARNING, Context, Finding, Rule, snippet
from drafter.zh.cjk import is_cjk
from drafter.lazy_re import lazy_re
from drafter.zh.numerals import NONZERO

TIFA = Rule(
    "tifa-form", ERROR, "固定提法写得不准确",
    "“习近平新时代中国特色社会主义思想”“两个确立”“两个维护”“四个意识”“四个自信”“中国式现代化”"
    "“习近平总书记关于社会工作的重要论述”等固定提法须照原文书写。与某一提法只差一字（少一字、"
    "两字颠倒）或引号中的数字写错（“三个自信”）的写法报告为错误并给出原文；写对的不报告。"
    "只少一个“的”“之”的，在标题中不报告（标题常省去），在正文中报告为警告；少了最后一个字、后面却紧跟汉字的"
    "（“全面从严治军”之于“全面从严治党”）是另一个词，不报告；领域用语和它们的正确近亲（field.yaml）也不报告。"
    "提法及其出处见 drafter/checker/data/formulations.yaml；单位可在 drafter.yaml 的“提法”中补充自己的提法。",
    source="各提法的出处见 formulations.yaml（党的十九大、二十大报告，《中国共产党章程》等）")
PLENUM = Rule(
    "plenum-name", ERROR, "全会或党代会名称写法不对",
    "中央全会写作“党的二十届三中全会”（即二十届中央委员会第三次全体会议），不写“二十届第三中全会”"
    "“党的二十届三次全会”“二十大三中全会”；党代会写作“党的二十大”或“党的第二十次全国代表大会”，"
    "不写“党的第二十大”。地方党委全会按惯例称“省委十三届五次全会”，不报告。",
    source="《中国共产党章程》第三章；新华社通稿用法")
UNQUOTED = Rule(
    "tifa-unquoted", HINT, "数字提法未加引号",
    "“两个确立”“两个维护”“四个意识”“四个自信”“四个全面”“五位一体”“两个一百年”等以数字概括的提法，"
    "在文中加引号。",
    source="《中国共产党章程》（2022年修正）总纲的写法")

_NUMS = "一二两三四五六七八九十"


# How a near miss differs from its right form, and so how sure it is a slip.
_MIDDLE, _LAST, _DE, _SWAP, _NUMBER = "middle", "last", "de", "swap", "number"


@lru_cache(maxsize=16)
def _near_misses(own: Tuple[str, ...] = ()) -> Tuple[Dict[str, List[Tuple[str, str, str]]], Tuple[str, ...]]:
    """Wrong forms by their first two characters: (wrong, right, how it differs); and the right,
    sibling and allowed forms, which are never reported. ``own``: the unit's 提法 (drafter.yaml)."""
    from drafter.checker.data import load
    from drafter.checker.field import field_terms, siblings
    data = load("formulations")
    rights = tuple(f["text"] for f in data["formulations"]) + own
    counted = {f["text"] for f in data["formulations"] if f.get("counted")}
    allowed = (set(data.get("allowed_near", ())) | set(rights) | set(data["numbered_names"])
               | set(field_terms()) | set(siblings()))
    wrong: Dict[str, Tuple[str, str]] = {}
    for f in rights:
        n = len(f)
        if n >= 5:                                               # a character missing inside
            for k in range(1, n if n >= 6 else n - 1):           # (or at the end of a long one)
                how = _DE if f[k] in "的之" else _LAST if k == n - 1 else _MIDDLE
                wrong.setdefault(f[:k] + f[k + 1:], (f, how))
        for k in range(n - 1):                                   # two characters swapped
            if f[k] != f[k + 1] and (n >= 5 or k > 0):
                wrong.setdefault(f[:k] + f[k + 1] + f[k] + f[k + 2:], (f, _SWAP))
        if f in counted:                                         # the number changed: 三个自信
            for d in _NUMS:
                if d != f[0] and d + f[1:] not in wrong:
                    wrong[d + f[1:]] = (f, _NUMBER)
    by_first: Dict[str, List[Tuple[str, str, str]]] = {}
    for w, (r, how) in wrong.items():
        if w not in allowed and len(w) >= 4:
            by_first.setdefault(w[:2], []).append((w, r, how))
    return by_first, tuple(allowed)


@lru_cache(maxsize=16)
def _starts(own: Tuple[str, ...] = ()) -> re.Pattern:
    """Where a wrong form may start: at the first character of one."""
    return re.compile("[" + re.escape("".join(sorted({w[0] for w in _near_misses(own)[0]}))) + "]")


def _covered(text: str, s: int, e: int, forms: Tuple[str, ...]) -> bool:
    """Whether [s, e) lies inside an occurrence of a right or allowed form."""
    for f in forms:
        a = text.find(f, max(0, s - len(f)), e + len(f))
        while a >= 0 and a <= s:
            if e <= a + len(f):
                return True
            a = text.find(f, a + 1, e + len(f))
    return False


# After a form that lacks its last character, these still end it: 全面从严治、全面从严治的.
_ENDS_A_WORD = "的和与及、"


def _is_slip(text: str, k: int, w: str, how: str, headline: bool) -> bool:
    end = k + len(w)
    if how == _NUMBER:
        return text[k - 1:k] == "“" and text[end:end + 1] == "”"     # 三个自信 only as a quoted 提法
    if how == _LAST:
        nxt = text[end:end + 1]
        return not (nxt and is_cjk(nxt)) or nxt in _ENDS_A_WORD   # 全面从严治军 is another word
    if how == _DE:
        return not headline                     # a headline drops 的: 以人民为中心发展思想
    return True


def check_tifa(ctx: Context) -> Iterator[Finding]:
    own = tuple(ctx.settings.tifa) if ctx.settings else ()
    by_first, allowed = _near_misses(own)
    for i, text in ctx.texts(None):
        b = ctx.blocks[i]
        headline = b.kind in ("title", "subtitle", "heading") or not any(ch in text for ch in "。！？")
        k = 0                                       # the first position not yet read
        for start in _starts(own).finditer(text):  # a wrong form starts nowhere else
            if start.start() < k:
                continue
            k = start.start()
            hit = None
            for w, r, how in by_first.get(text[k:k + 2], ()):
                if text.startswith(w, k) and not _covered(text, k, k + len(w), allowed) \
                        and _is_slip(text, k, w, how, headline):
                    hit = (w, r, how)
                    break
            if hit:
                w, r, how = hit
                yield ctx.finding(TIFA, i, f"提法应为“{r}”，这里写作“{w}”：{snippet(text, k, k + len(w))}",
                                  offset=k, end=k + len(w), suggestion=r, severity=WARNING if how == _DE else None)
                k += len(w)


_ORD = f"(?:十[{NONZERO}]?|二十[{NONZERO}]?)"
# 省委十三届五次全会 is how a provincial committee names its plenums; only 党的 …次全会 is wrong.
_PLENUM = lazy_re(rf"{_ORD}届第[{NONZERO}]中全会|(?<=党的){_ORD}届[{NONZERO}]次全会"
                  rf"|{_ORD}大[{NONZERO}]中全会|党的第{_ORD}大(?!会)", needs=("中全会", "次全会", "党的第"))


def _plenum_fix(w: str) -> str:
    w = w.replace("届第", "届").replace("次全会", "中全会")
    w = re.sub(r"大(?=[%s]中全会)" % NONZERO, "届", w)
    return w.replace("党的第", "党的")


def check_plenum(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts(None):
        for m in _PLENUM.finditer(text):
            fix = _plenum_fix(m.group(0))
            yield ctx.finding(PLENUM, i, f"应写作“{fix}”：{snippet(text, m.start(), m.end())}",
                              offset=m.start(), end=m.end(), suggestion=fix)


_COUNTED = ("两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "五位一体", "两个一百年")


def check_unquoted(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts(("para",)):
        for f in _COUNTED:
            k = text.find(f)
            while k >= 0:
                if not (text[k - 1:k] == "“" and text[k + len(f):k + len(f) + 1] == "”"):
                    yield ctx.finding(UNQUOTED, i, f"提法“{f}”应加引号：{snippet(text, k, k + len(f))}",
                                      offset=k, end=k + len(f), suggestion=f"“{f}”")
                    break
                k = text.find(f, k + 1)


RULES = [(TIFA, check_tifa), (PLENUM, check_plenum), (UNQUOTED, check_unquoted)]
