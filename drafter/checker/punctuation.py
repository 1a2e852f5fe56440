"""Punctuation: half-width marks in Chinese text, unpaired quotes and brackets, heading endings."""
from __future__ import annotations

import re
from typing import Iterator, List, Optional

from drafter.checker.base import ERROR, WARNING, Context, Finding, Rule, snippet
from drafter.zh.cjk import is_cjk
from drafter.zh.markers import is_typed_stop
from drafter.tree import RUNIN
from drafter.lazy_re import lazy_re

HALFWIDTH = Rule(
    "halfwidth-punct", WARNING, "中文中使用了半角标点",
    "紧挨汉字的逗号、分号、冒号、问号、叹号、括号和引号应使用全角：，；：？！（）“”；"
    "汉字后面当句号用的半角点应为“。”。"
    "数字之间（1,000、5:30）和拉丁文字之间的半角标点不报告；在引号里当作符号本身提及的"
    "（“:”“名称:”“键: 值”）也不报告。",
    source="GB/T 15834-2011 第5章（标点符号的书写形式）", fixable=True)
UNPAIRED = Rule(
    "unbalanced-pair", ERROR, "引号、书名号或括号不配对",
    "每段中的“”‘’《》（）【】〔〕须成对出现。跨段引文按惯例每段开头用前引号、只在最后一段"
    "用后引号，这种写法不报告。半角与全角括号视为同一种，半角问题另由 halfwidth-punct 报告。",
    source="GB/T 15834-2011 4.8、4.9、4.15（引号、括号、书名号）")
HEADING_END = Rule(
    "heading-end-punct", WARNING, "独立标题末尾有标点",
    "单独成行的标题（一、……，（一）……）末尾不加句号、逗号、分号、冒号、顿号。"
    "问号、叹号可保留（新闻稿的设问式小标题）。全文同级标题大多以句号结尾的，视为该文的体例，不报告。",
    source="GB/T 9704-2012 7.3.3；公文标题惯例", fixable=True)
RUNIN_PERIOD = Rule(
    "runin-head-period", WARNING, "文内标题缺句号",
    "与正文同段的文内标题（如“（一）加强组织领导。”）是该段第一句，须以句号结尾，"
    "否则标题与正文连成一句。手写文稿中以编号开头、首句较短的段落按文内标题检查。",
    source="GB/T 15834-2011 4.1（句号）；GB/T 9704-2012 7.3.3")

_HALF = lazy_re(r"[,;:?!()\"]")
_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("(（", ")）"), ("【", "】"), ("〔", "〕"))
_PAIR_MARKS = lazy_re("[" + re.escape("".join(o + c for o, c in _PAIRS)) + "]")


def _quoted_mentions(text: str) -> set:
    """Offsets of marks quoted as marks, not used: “:” “名称:” “键: 值”."""
    out = set()
    for m in re.finditer(r"“([^“”]{1,30})”", text):
        for k, ch in enumerate(m.group(1)):
            nxt = m.group(1)[k + 1:k + 2]
            if ch in ",;:?!()\"" and nxt in ("", " "):
                out.add(m.start(1) + k)
    return out


def _halfwidth_hits(text: str) -> List[int]:
    """Offsets of half-width marks with a Chinese character on either side, and of a ``.`` typed
    for 。 (任务.刚才)."""
    hits = [m.start() for m in _HALF.finditer(text)
            if is_cjk(text[m.start() - 1:m.start()] or "a") or is_cjk(text[m.end():m.end() + 1] or "a")]
    if "." in text:
        hits = sorted(hits + [k for k in range(len(text)) if text[k] == "." and is_typed_stop(text, k)
                              and text[k - 1:k] != "." and text[k + 1:k + 2] != "."])
    if not hits:
        return hits                  # most paragraphs: no need to look for quoted mentions
    mentions = _quoted_mentions(text)
    return [k for k in hits if k not in mentions]


def check_halfwidth(ctx: Context) -> Iterator[Finding]:
    for i, text in ctx.texts():
        hits = _halfwidth_hits(text)
        if hits:
            marks = "".join(dict.fromkeys(text[h] for h in hits))
            yield ctx.finding(HALFWIDTH, i,
                              f"半角标点“{marks}”应改为全角：{snippet(text, hits[0], hits[0] + 1)}"
                              + (f"（本段共 {len(hits)} 处）" if len(hits) > 1 else ""), span=(hits[0], hits[0] + 1))


def _unpaired(text: str, continues: bool) -> Optional[str]:
    """A message for the first unpaired mark in a paragraph, or None."""
    marks = _PAIR_MARKS.findall(text)      # the marks in order: other characters change nothing
    for opens, closes in _PAIRS:
        depth = 0
        for ch in marks:
            if ch in opens:
                depth += 1
            elif ch in closes:
                if depth == 0:
                    return f"“{ch}”前面没有对应的“{opens[-1]}”"
                depth -= 1
        if depth and not (opens == "“" and continues):
            return f"“{opens[-1]}”没有对应的“{closes[-1]}”"
    return None


def check_pairs(ctx: Context) -> Iterator[Finding]:
    texts = list(ctx.texts())
    for k, (i, text) in enumerate(texts):
        nxt = texts[k + 1][1].lstrip(" \u3000") if k + 1 < len(texts) else ""
        msg = _unpaired(text, continues=nxt.startswith("“") and text.lstrip(" \u3000").startswith("“"))
        if msg:
            yield ctx.finding(UNPAIRED, i, f"{msg}：{snippet(text, 0, min(len(text), 16), 0)}",
                              span=(0, min(len(text), 16)))


def check_heading_end(ctx: Context) -> Iterator[Finding]:
    """A house style (most standalone headings of a level end in 。) is the document's choice and
    is not reported; one heading with a closing mark among clean ones is a slip."""
    o = ctx.tree
    heads = [h for h in o.heads if h.standalone]
    ending: dict = {}
    for h in heads:
        ending.setdefault(h.level, []).append(h.text.rstrip()[-1:] in "。.")
    for h in heads:
        t = h.text.rstrip()
        if not t or t[-1] not in "。，、；：,.;:":
            continue
        marks = ending[h.level]
        if t[-1] in "。." and len(marks) >= 3 and sum(marks) * 2 > len(marks):
            continue
        yield ctx.finding(HEADING_END, h.block, f"标题末尾不应有“{t[-1]}”：{snippet(t, len(t) - 1, len(t), 12)}",
                          offset=len(t) - 1, end=len(t), suggestion=t[:-1])


def check_runin_period(ctx: Context) -> Iterator[Finding]:
    for h in ctx.tree.heads:
        if h.shape != RUNIN:
            continue
        b = ctx.blocks[h.block]
        runs = [r for r in b.runs if r.text.strip()]
        if runs[0].is_head:
            after = runs[1].text.lstrip(" \u3000")[:1] if len(runs) > 1 else ""
        else:
            after = b.text.strip(" \u3000")[len(h.text):][:1]
        if h.text.rstrip(" \u3000")[-1:] in "。！？" or after in ("。", "！", "？"):
            continue
        yield ctx.finding(RUNIN_PERIOD, h.block,
                          f"文内标题应以句号结尾：{snippet(h.text, 0, len(h.text), 0)}", quote=h.text)


RULES = [(HALFWIDTH, check_halfwidth), (UNPAIRED, check_pairs),
         (HEADING_END, check_heading_end), (RUNIN_PERIOD, check_runin_period)]
