"""The shape of the outline (GB/T 9704-2012 7.3.3): levels in order, no lone sub-heading, no
heading written twice, heading numbers in their standard form."""
from __future__ import annotations

from typing import Iterator, List, Optional

from drafter.checker.base import HINT, WARNING, Context, Finding, Rule
from drafter.zh.markers import format_marker
from drafter.tree import ENTRY, NUMBERED, Head
from drafter.lazy_re import lazy_re
from drafter.zh.numerals import ORDINAL

LEVEL_SKIP = Rule(
    "level-skip", WARNING, "结构层次跳级",
    "结构层次序数依次为“一、”“（一）”“1.”“（1）”，下一层紧跟上一层，不越级：“一、”之下直接用“1.”"
    "而没有“（一）”，或“（一）”之下直接用“（1）”，即报告。",
    source="GB/T 9704-2012 7.3.3")
LONE = Rule(
    "lone-subheading", WARNING, "只有一个下级标题",
    "分层次就至少分两层：某一标题下只有“（一）”而没有“（二）”（或只有“1.”没有“2.”），"
    "应取消这一层或补足并列的标题。文稿在这个标题之后只有一两段就结束了的（节选，或尚未写完），只作提示。",
    source="GB/T 9704-2012 7.3.3；公文结构层次的通行要求")
DUPLICATE = Rule(
    "duplicate-heading", WARNING, "标题重复",
    "同一篇文稿中两个标题（含文内标题）文字完全相同，多为复制后忘改。讲话前的提纲页"
    "（编号从“一、”重新开始的前一组标题）与正文标题相同，不报告。",
    source="GB/T 9704-2012 7.3.3")
MARKER_FORM = Rule(
    "marker-form", WARNING, "标题序号的标点不规范",
    "序号后的标点按层次固定：“一、”用顿号，“（一）”括号后不再加标点，“1.”用下脚点，"
    "“（1）”括号后不再加标点；不写“一.”“一，”“（一）、”“1、”“（1）、”。",
    source="GB/T 9704-2012 7.3.3；GB/T 15834-2011 4.5.3.3", fixable=False)

_BAD_MARKER = lazy_re(rf"(?:[{ORDINAL}]{{1,3}}[.．，,]|[（(][{ORDINAL}]{{1,3}}[）)][、.．，,]"
                         r"|\d{1,2}、|[（(]\d{1,2}[）)][、.．，,])(?!\d)")


# A text that stops this few blocks after a head opened its part visibly ends early: an excerpt
# cut there, or a draft still being written.
_EARLY_BLOCKS = 2


def early_note(line) -> str:
    return f"（文稿在第 {line} 行开始的这一部分里就结束了，可能是节选或尚未写完；写完后仍是这样，才需要改）"


def ends_early(ctx: Context, head: Head, *, anywhere: bool = False) -> bool:
    """Whether the document stops inside ``head``'s part right after it opened: nothing but at
    most two paragraphs follow the head (``anywhere``: any number of body blocks, for a part 一
    that is the only part), and no closing or sign-off. Findings about the parts that would
    come next (a count of parts, a lone （一）) are then only a 提示: the checker cannot tell a
    cut or unfinished text from a finished one that lacks them."""
    rest = ctx.blocks[head.block + 1:]
    if not anywhere and len(rest) > _EARLY_BLOCKS:
        return False
    return all(b.kind in ("para", "heading") for b in rest)


def _numbered(h: Head) -> bool:
    return h.marker is not None and h.shape != ENTRY


def check_level_skip(ctx: Context) -> Iterator[Finding]:
    stack: List[Head] = []
    reported = set()
    for h in ctx.tree.heads:
        if not _numbered(h):
            if h.marker is None and h.level == 1:
                stack = []                     # an unnumbered part heading starts afresh
            continue
        while stack and stack[-1].marker.rank >= h.marker.rank:
            stack.pop()
        top = stack[-1] if stack else None
        if top is not None and h.marker.rank > top.marker.rank + 1 and id(top) not in reported:
            reported.add(id(top))
            want = format_marker({1: "paren_cn", 2: "arabic", 3: "paren_arabic"}[top.marker.rank], 1)
            yield ctx.finding(LEVEL_SKIP, h.block,
                              f"“{top.marker.text}”之下直接用了“{h.marker.text}”，跳过了“{want}”这一层",
                              quote=h.marker.text)
        stack.append(h)


def check_lone(ctx: Context) -> Iterator[Finding]:
    o = ctx.tree
    for parent in o.heads:
        kids = [h for h in o.children(parent) if _numbered(h) and h.shape != NUMBERED]
        if len(kids) == 1 and len(o.children(parent)) == 1 and kids[0].marker.value == 1:
            h = kids[0]
            nxt = format_marker(h.marker.style, 2)
            early = ends_early(ctx, h)
            yield ctx.finding(LONE, h.block, f"“{h.marker.text}”之下没有“{nxt}”：只有一个下级标题时不必分层"
                              + (early_note(ctx.line_of(h.block)) if early else ""),
                              severity=HINT if early else None, quote=h.marker.text)


def _runs(heads: List[Head]) -> List[List[Head]]:
    """Heads split where top-level numbering restarts: a 提纲 page, then the body."""
    runs: List[List[Head]] = [[]]
    for h in heads:
        if h.marker and h.marker.rank == 1 and h.marker.value == 1 and any(
                x.marker and x.marker.rank == 1 for x in runs[-1]):
            runs.append([])
        runs[-1].append(h)
    return runs


def check_duplicates(ctx: Context) -> Iterator[Finding]:
    for run in _runs([h for h in ctx.tree.heads if h.shape not in (ENTRY, NUMBERED)]):
        seen: dict = {}
        for h in run:
            key = h.bare.strip()
            if len(key) < 4:
                continue
            first: Optional[Head] = seen.get(key)
            if first is None:
                seen[key] = h
                continue
            yield ctx.finding(DUPLICATE, h.block,
                              f"标题“{key}”与第 {ctx.line_of(first.block)} 行的标题相同", quote=key)


def check_marker_form(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts(("heading", "para")):
        m = _BAD_MARKER.match(text)
        if m:
            yield ctx.finding(MARKER_FORM, i, f"序号“{m.group(0)}”写法不规范", offset=0, end=m.end(),
                              suggestion=_fixed_marker(m.group(0)))


def _fixed_marker(w: str) -> str:
    if w[0] in "（(":
        return "（" + w[1:].split("）")[0].split(")")[0] + "）"
    if w[0].isdigit():
        return w[:-1] + "."
    return w[:-1] + "、"


RULES = [(LEVEL_SKIP, check_level_skip), (LONE, check_lone), (DUPLICATE, check_duplicates),
         (MARKER_FORM, check_marker_form)]
