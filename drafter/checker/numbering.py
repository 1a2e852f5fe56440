"""Numbering per level: 一、 （一） 1. （1） and run-in 一是 must run 1, 2, 3 under each parent."""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple

from drafter.checker.base import ERROR, Context, Finding, Rule, snippet
from drafter.lazy_re import lazy_re
from drafter.zh.markers import ITEM, format_marker, parse_marker
from drafter.zh.numerals import ORDINAL

NUMBERING = Rule(
    "numbering", ERROR, "编号跳号、重号或顺序错误",
    "同一上级标题下，“一、”“（一）”“1.”“（1）”和文内“一是、二是”须从一开始依次递增，"
    "不得跳号（一、二、四）、重号或倒序。每出现一个上级标题，下级编号重新从一开始；"
    "“一是”系列在遇到下一个标题时结束，重新从“一是”起算的视为新的一组（如提纲页之后的正文）。"
    "“统一是”“唯一是”中的“一是”不是编号。名词解释等条目的文字以数字开头（“8.6个重大专项”）时，"
    "“8.”与其后的数字连在一起像小数，这一条仍算作第 8 条，不报告缺号。",
    source="GB/T 9704-2012 7.3.3")


def _judge(style: str, prev: int, value: int) -> Optional[str]:
    """The message for ``value`` following ``prev`` (0: first of its series), or None if fine."""
    got = format_marker(style, value)
    if value == prev + 1 or value == 1:
        return None
    if prev == 0:
        return f"编号应从“{format_marker(style, 1)}”开始，这里是“{got}”"
    if value == prev:
        return f"编号重复：“{got}”出现了两次"
    if value < prev:
        return f"编号顺序错误：“{format_marker(style, prev)}”之后是“{got}”"
    missing = "、".join(f"“{format_marker(style, v)}”" for v in range(prev + 1, min(value, prev + 4)))
    more = "等" if value - prev - 1 > 3 else ""
    return f"编号不连续：“{format_marker(style, prev)}”之后是“{got}”，缺少{missing}{more}"


def _decimal_lookalike(ctx: Context, after: int, before: int, value: int) -> bool:
    """Whether a paragraph between two numbered heads opens with ``value`` and a point before a
    digit (8.6个重大专项): the missing item is there, its text starting with a number."""
    lead = f"{value}."
    for b in range(after + 1, before):
        t = ctx.blocks[b].text.lstrip()
        if t.startswith((lead, f"{value}．")) and t[len(lead):len(lead) + 1].isdigit():
            return True
    return False


def _next_siblings(heads) -> dict:
    """For each numbered head, the next head of its style and level under the same parent."""
    nxt: dict = {}
    following: dict = {}
    for h in reversed(heads):
        following = {k: v for k, v in following.items() if k[1] <= h.level}
        if h.marker is None:
            continue
        key = (h.marker.style, h.level)
        nxt[id(h)] = following.get(key)
        following[key] = h
    return nxt


def check_numbering(ctx: Context) -> Iterator[Finding]:
    """A number back at 1 starts a new series (a 提纲 page, then the body) when the series goes
    on 2, 3; when it goes on with the old series' next-but-one (一、一、三、) the 1 was a slip."""
    outline = ctx.tree
    nxt = _next_siblings(outline.heads)
    # Heads and items in document order; an item sorts after a run-in head in its paragraph.
    events: List[Tuple[int, int, object]] = [(h.block, -1, h) for h in outline.heads]
    events += [(it.block, it.offset, it) for it in outline.items]
    events.sort(key=lambda e: (e[0], e[1]))

    counters: Dict[str, Tuple[int, int, int]] = {}   # style -> (level seen at, last value, its block)
    items = _ItemSeries()
    for block, offset, ev in events:
        if offset < 0:                              # a head
            head = ev
            items = _ItemSeries()
            for style in [s for s, (lvl, _, _) in counters.items() if lvl > head.level]:
                del counters[style]
            if head.marker is None:
                continue
            style, value = head.marker.style, head.marker.value
            lvl, prev, prev_block = counters.get(style, (head.level, 0, -1))
            if lvl != head.level:
                prev = 0
            msg = _judge(style, prev, value)
            if msg and value == prev + 2 and _decimal_lookalike(ctx, prev_block, block, prev + 1):
                msg = None                  # 7. … 8.6个专项 … 9.: item 8's text starts with a digit
            after = nxt.get(id(head))
            if value == 1 and prev and after is not None and after.marker.value == prev + 2:
                msg = (f"编号重复：“{format_marker(style, prev)}”之后又是“{format_marker(style, 1)}”，"
                       f"这里应为“{format_marker(style, prev + 1)}”")
                value = prev + 1
            if msg:
                yield ctx.finding(NUMBERING, block, msg, quote=head.marker.text)
            counters[style] = (head.level, value, block)
        else:
            msg = _judge(ITEM, items.prev(block, ev.value), ev.value)
            if msg:
                yield ctx.finding(NUMBERING, block, msg, span=_item_span(ctx, block, offset))
            items.add(block, ev.value)


class _ItemSeries:
    """The open 一是 series under one head, innermost last. A series that starts again at 一是
    inside a paragraph while an outer one is open (七是 …：一是…十是… 八是) may be a list of its
    own nested in an item of the outer one; when a later paragraph goes on with the outer
    series' next number, the inner series (of two items at least) ended with its paragraph."""

    def __init__(self):
        self.open: List[List[int]] = []     # [last value, block of the series' first item, its last block]

    def prev(self, block: int, value: int) -> int:
        """The value ``value`` follows (0: it starts a series), closing inner series it leaves."""
        if value == 1 or not self.open:
            return 0 if not self.open else self.open[-1][0]
        inner = self.open[-1]
        if value != inner[0] + 1 and block > inner[2] and inner[1] == inner[2] and inner[0] >= 2:
            outer = next((k for k in range(len(self.open) - 2, -1, -1)
                          if self.open[k][0] + 1 == value and self.open[k][2] <= inner[1]), None)
            if outer is not None:
                del self.open[outer + 1:]
        return self.open[-1][0]

    def add(self, block: int, value: int) -> None:
        if value == 1 or not self.open:
            if self.open and self.open[-1][1] == block == self.open[-1][2] and value == 1:
                self.open[-1] = [1, block, block]   # 一是 twice in one paragraph: a fresh series
            else:
                self.open.append([value, block, block])
            del self.open[:-8]                      # nesting is never deep; bound the stack
        else:
            self.open[-1][0] = value
            self.open[-1][2] = block


_ITEM_HEAD = lazy_re(r"[一二三四五六七八九十]{1,3}是", needs="是")


def _item_span(ctx: Context, block: int, offset: int) -> Tuple[int, int]:
    """The item head (三是) at ``offset`` of a block."""
    m = _ITEM_HEAD.match(ctx.blocks[block].text, offset)
    return offset, m.end() if m else offset + 2


DOUBLED = Rule(
    "doubled-number", ERROR, "编号写了两遍",
    "标题或条目的编号连写两次（“（一）（一）加强领导”“一、二、抓服务”“一是一是”），多是在已自动编号的地方"
    "又手工输入了编号（drafter 生成文稿时会给标题编号，问卷中的标题不必再写编号），只应保留一个。",
    source="GB/T 9704-2012 7.3.3")

_CN = f"[{ORDINAL}]{{1,3}}"
_ITEM_TWICE = lazy_re(rf"({_CN})[是][ \u3000，、]*({_CN})[是]", needs="是")


def check_doubled(ctx: Context) -> Iterator[Finding]:
    """A heading number followed at once by another of its style; an item head said twice."""
    for i, text in ctx.texts(("heading", "para", "closing")):
        first = parse_marker(text)
        if first is not None:
            rest = text.lstrip()[len(first.text):]
            second = parse_marker(rest)
            if second is not None and second.style == first.style and not rest.startswith((" ", "\u3000")):
                both = first.text + second.text
                yield ctx.finding(DOUBLED, i, f"编号“{both}”写了两遍，只应保留一个：{snippet(text, 0, len(both) + 2, 0)}",
                                  offset=0, end=len(both), suggestion=second.text)
        for m in _ITEM_TWICE.finditer(text):
            if m.start() == 0 or text[m.start() - 1] in "。！？；：，、 \u3000":
                yield ctx.finding(DOUBLED, i, f"“{m.group(0)}”编号写了两遍，只应保留一个：{snippet(text, m.start(), m.end())}",
                                  offset=m.start(), end=m.end(), suggestion=m.group(2) + "是")


RULES = [(NUMBERING, check_numbering), (DOUBLED, check_doubled)]
