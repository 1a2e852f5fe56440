"""Parallel headings: siblings are written to one pattern and a similar length (排比、对仗)."""
from __future__ import annotations

from typing import Iterator, List, Optional

from drafter.checker.base import HINT, Context, Finding, Rule
from drafter.zh.cjk import cjk_count
from drafter.tree import Head
from drafter.lazy_re import lazy_re
from drafter.zh.numerals import YEAR_DIGITS

PARALLEL = Rule(
    "heading-parallel", HINT, "同级标题不够对称",
    "同一上级下的同级标题（含文内标题）应句式相同、长短相近。三个及以上同级标题时，"
    "某一标题的字数是其余标题中位数的 1.8 倍以上且多出 8 字以上，或不到中位数的一半且少 6 字"
    "以上，即提示；两个同级标题相差一倍且 10 字以上也提示。多数同级标题由逗号分为两句而某一个"
    "不是（或反之），也提示。只比较 40 字以内、编号样式相同的独立标题；字数只计汉字；文内标题和带年份的标题（2025年工作回顾）不比较。",
    source="讲话稿写作惯例（标题对仗）")

_MAX_HEAD_CHARS = 40
_DATED = lazy_re(rf"\d{{4}}\s*年|[{YEAR_DIGITS}]{{4}}年", needs="年")


def _outliers(heads: List[Head]) -> Iterator[tuple]:
    lengths = [cjk_count(h.bare) for h in heads]
    if len(heads) == 2:
        short, long_ = sorted(lengths)
        if long_ >= 2 * short and long_ - short >= 10:
            k = lengths.index(long_)
            yield heads[k], f"比另一个同级标题长 {long_ - short} 字"
        return
    mid = _median(lengths)
    for h, n in zip(heads, lengths):
        if n >= 1.8 * mid and n - mid >= 8:
            yield h, f"{n} 字，同级标题一般 {mid:g} 字，明显偏长"
        elif n * 2 < mid and mid - n >= 6:
            yield h, f"{n} 字，同级标题一般 {mid:g} 字，明显偏短"
    clauses = [h.bare.count("，") for h in heads]
    for shape in set(clauses):
        odd = [h for h, c in zip(heads, clauses) if c == shape]
        if len(odd) == 1 and len(heads) - 1 >= 2 and len(set(clauses)) == 2:
            yield odd[0], "句式与其他同级标题不同（逗号分句数不一致）"


def _comparable(kids: List[Head]) -> bool:
    """Standalone headings of one number style, none of them a dated section label
    (2025年工作回顾): run-in heads of reports vary in length by design, and a median taken over
    another kind of heading says nothing."""
    styles = {h.marker.style if h.marker else None for h in kids}
    return (all(h.standalone for h in kids) and len(styles) == 1
            and not any(_DATED.search(h.bare) for h in kids))


def check_parallel(ctx: Context) -> Iterator[Finding]:
    o = ctx.tree
    parents: List[Optional[Head]] = [None] + list(o.heads)
    for parent in parents:
        kids = [h for h in o.children(parent) if 0 < len(h.bare) <= _MAX_HEAD_CHARS]
        if len(kids) < 2 or not _comparable(kids):
            continue
        seen = set()
        for h, why in _outliers(kids):
            if h.block in seen:
                continue
            seen.add(h.block)
            yield ctx.finding(PARALLEL, h.block, f"“{h.bare}”{why}", quote=h.bare)


RULES = [(PARALLEL, check_parallel)]


def _median(values) -> float:
    # statistics.median would pull in fractions and decimal: 3 ms on every check for one number.
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
