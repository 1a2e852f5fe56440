"""Lines that stand on their own: a part heading 一、 and a speech's 称谓 (同志们：) each have a
line of their own; run into the body, the break between them was lost."""
from __future__ import annotations

from typing import Iterator

from drafter.checker.base import HINT, WARNING, Context, Finding, Rule, snippet
from drafter.lazy_re import lazy_re
from drafter.tree import NUMBERED
from drafter.zh.cjk import CJK
from drafter.zh.markers import CN

HEADING_JOINED = Rule(
    "heading-joined", WARNING, "一级标题与正文连在一起",
    "“一、”这一级标题单独成行。以“一、”开头的段落第一句很长（超过 40 字）、不像标题的，多是标题与正文之间"
    "丢了换行（“一、提高政治站位，深刻认识……战略定位社会工作是……”），应把标题单独放一行。"
    "名词解释等以编号开头的条目（“1.“两重”：……”）和“（一）”“1.”等可以与正文同段的标题不在此列。",
    source="GB/T 9704-2012 7.3.3（结构层次序数）")
SALUTATION_JOINED = Rule(
    "salutation-joined", HINT, "称谓与正文连在一起",
    "讲话的称谓（“同志们：”“各位代表：”“尊敬的……：”）单独成行，正文另起一段。称谓后紧接正文写在同一段的，"
    "多是换行丢失，应把称谓单独放一行。",
    source="讲话稿格式惯例（称谓顶格单独成行）")

# An address: 同志们、各位代表、尊敬的各位领导; a salutation is one or more, then ：.
_ADDRESS = rf"(?:(?:尊敬的|各位|亲爱的)[{CJK}]{{1,16}}|(?:同志|同学|朋友|老师|女士|先生|代表|委员|战友|乡亲)们)"
_SALUTATION = lazy_re(rf"{_ADDRESS}(?:[，、]{_ADDRESS})*：(?=[^\s])", needs="：")
# The 称谓 opens the speech: it is among its first blocks.
_OPENING_BLOCKS = 4


def check_heading_joined(ctx: Context) -> Iterator[Finding]:
    for h in ctx.tree.heads:
        if h.shape == NUMBERED and h.marker is not None and h.marker.style == CN:
            text = ctx.blocks[h.block].text.strip()
            yield ctx.finding(HEADING_JOINED, h.block,
                              f"“{h.marker.text}”开头的这一段第一句很长，标题可能与正文连在了一起：{snippet(text, 0, 24, 0)}",
                              offset=0, end=min(len(text), 24))


def check_salutation_joined(ctx: Context) -> Iterator[Finding]:
    """The reader sets a glued 称谓 apart as a block of its own, on the same source line as the
    opening paragraph; a paragraph it left whole is matched here."""
    for i, b in enumerate(ctx.blocks[:_OPENING_BLOCKS]):
        nxt = ctx.blocks[i + 1] if i + 1 < len(ctx.blocks) else None
        if b.kind == "salutation" and nxt is not None and b.line is not None and nxt.line == b.line:
            yield ctx.finding(SALUTATION_JOINED, i,
                              f"称谓“{b.text.strip()}”后面紧接着正文，称谓应单独成行：{snippet(b.text.strip() + nxt.text.strip(), 0, len(b.text.strip()) + 6, 0)}",
                              offset=0, end=len(b.text.strip()))
            return
        if b.kind != "para":
            continue
        m = _SALUTATION.match(b.text.strip())
        if m:
            yield ctx.finding(SALUTATION_JOINED, i,
                              f"称谓“{m.group(0)}”后面紧接着正文，称谓应单独成行：{snippet(b.text.strip(), 0, m.end() + 6, 0)}",
                              offset=0, end=m.end())
        return                               # only the first paragraph can open with the 称谓


RULES = [(HEADING_JOINED, check_heading_joined), (SALUTATION_JOINED, check_salutation_joined)]
