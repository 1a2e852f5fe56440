"""The heading tree of a draft: heads (standalone and run-in) and 一是 items, for the checker and stats.

A *head* is a standalone heading block, or a run-in head opening a paragraph: a run the
renderer or the .docx reader marked (``Role.HEAD``), or, in plain text, a paragraph that opens
with a heading number and whose first sentence is short. Its level is the block's level, the
run's level, or the rank of its number style (一、=1, （一）=2, 1.=3, （1）=4).

An *item* is a run-in ``一是/二是`` at the start of a sentence or clause. Items belong to the
closest head above them; a new series starts at ``一是``.

Shapes the reader cannot tell apart by length alone are settled here, for every rule at once:
a numbered paragraph whose first sentence is long still carries its number (shape NUMBERED);
a numbered glossary entry (``1.“两重”：……``) is an ENTRY whether short or long; a short line
that opens with ``一是`` (an outline page) is an item, not a heading; a short unnumbered line
ending in a colon introduces what follows and is not a heading.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from drafter.draft import HEADING, PARA, Block
from drafter.zh.markers import RUNIN_MAX_CHARS, Marker, find_items, first_clause, first_sentence, parse_marker
from drafter.lazy_re import lazy_re


STANDALONE, RUNIN, NUMBERED, ENTRY = "standalone", "runin", "numbered", "entry"
# 1.“两重”：…… / 15.虚拟电厂：…… — a term, then a colon and its explanation.
_ENTRY_RE = lazy_re(r"[^，。；！？：:]{1,24}[：:]")


@dataclass(frozen=True)
class Head:
    block: int                  # index in Draft.blocks
    level: int
    text: str                   # standalone: the whole heading; run-in: the head sentence
    marker: Optional[Marker]
    shape: str = STANDALONE

    @property
    def standalone(self) -> bool:
        return self.shape == STANDALONE

    @property
    def bare(self) -> str:
        """The heading text without its number and without closing 。."""
        t = self.text.strip()
        if self.marker and t.startswith(self.marker.text):
            t = t[len(self.marker.text):]
        return t.rstrip("。！？ ")


@dataclass(frozen=True)
class Item:
    block: int
    offset: int
    value: int


def is_entry(text: str, m: Optional[Marker]) -> bool:
    """A numbered glossary entry: ``1.“两重”：……``."""
    return m is not None and bool(_ENTRY_RE.match(text.lstrip()[len(m.text):]))


def runin_head(b: Block) -> Optional[tuple]:
    """(level, head text, shape) of the head opening a paragraph, if it has one: a run-in head,
    or the number of a paragraph whose first sentence is too long for a head."""
    runs = [r for r in b.runs if r.text.strip()]
    if not runs:
        return None
    first = runs[0]
    text = b.text.lstrip()
    m = parse_marker(text)
    if is_entry(text, m):
        return m.rank, text, ENTRY
    if first.is_head:
        return first.level, first.text, RUNIN
    if first.is_item or m is None:
        return None
    sent = first_sentence(text)
    if len(sent) > RUNIN_MAX_CHARS or sent == text and len(text) > RUNIN_MAX_CHARS:
        return m.rank, m.text, NUMBERED
    return m.rank, sent, RUNIN


def _lead_in(text: str) -> bool:
    """A short unnumbered line that introduces what follows (重点抓好以下工作：), or an outline
    page's 一是 line: neither is a heading, whatever the reader made of it."""
    return text.endswith(("：", ":")) or bool(find_items(text)[:1] and find_items(text)[0][0] == 0)


class HeadingTree:
    """The heads and items of a list of blocks, with the navigation the checker rules share."""

    def __init__(self, blocks: Sequence[Block]):
        self.blocks = list(blocks)
        self.heads: List[Head] = []
        self.items: List[Item] = []
        for i, b in enumerate(self.blocks):
            text = b.text.strip()
            if b.kind == HEADING:
                m = parse_marker(text)
                if m is not None or not _lead_in(text):     # a lead-in or 一是 line is no heading
                    level = b.level or (m.rank if m else 1)
                    self.heads.append(Head(i, level, text, m, ENTRY if is_entry(text, m) else STANDALONE))
                    continue
            if b.kind in (PARA, HEADING):
                rh = runin_head(b) if b.kind == PARA else None
                if rh:
                    level, head_text, shape = rh
                    self.heads.append(Head(i, level, head_text.strip(), parse_marker(head_text), shape))
                for off, value in find_items(b.text):
                    self.items.append(Item(i, off, value))
        self._index: Dict[int, int] = {id(h): k for k, h in enumerate(self.heads)}
        self._head_blocks = [h.block for h in self.heads]
        self._item_keys = [(it.block, it.offset) for it in self.items]
        self._by_block = {}
        for h in self.heads:
            self._by_block.setdefault(h.block, h)
        self._ends: Dict[int, int] = {}
        self._paras = [i for i, b in enumerate(self.blocks) if b.kind == PARA]
        self._clauses: Dict[int, str] = {}
        self._kids: Dict[int, List[Head]] = {}

    # -- navigation (each step by bisection or a cache: a 20,000-heading draft stays linear) --
    def head_index(self, head: Head) -> int:
        return self._index[id(head)]

    def section_end(self, head: Head) -> int:
        """Index of the first block after the section the head opens."""
        if not self._ends:
            stack: List[Head] = []
            for h in self.heads:
                while stack and stack[-1].level >= h.level:
                    self._ends[id(stack.pop())] = h.block
                stack.append(h)
            for h in stack:
                self._ends[id(h)] = len(self.blocks)
        return self._ends[id(head)]

    def children(self, head: Optional[Head]) -> List[Head]:
        """The direct children of a head (of the whole draft when ``head`` is None), up to the
        first restart of their numbering: a 提纲 page followed by the body counts once."""
        key = -1 if head is None else id(head)
        if key not in self._kids:
            if head is None:
                below = self.heads
            else:
                k = self.head_index(head)
                end = bisect_left(self._head_blocks, self.section_end(head), lo=k + 1)
                below = [h for h in self.heads[k + 1:end] if h.level > head.level]
            self._kids[key] = _first_series(below)
        return self._kids[key]

    def parent_of_block(self, block: int, offset: int = 0) -> Optional[Head]:
        """The closest head above a position (a run-in head counts for text after it)."""
        k = bisect_left(self._head_blocks, block)
        best = self.heads[k - 1] if k else None
        for h in self.heads[k:bisect_right(self._head_blocks, block)]:
            if not h.standalone and offset >= len(h.text):
                best = h
        return best

    def head_at(self, block: int) -> Optional[Head]:
        return self._by_block.get(block)

    def next_head_block(self, block: int) -> int:
        """The block of the first head after ``block`` (the end of the draft if none)."""
        k = bisect_right(self._head_blocks, block)
        return self._head_blocks[k] if k < len(self._head_blocks) else len(self.blocks)

    def items_from(self, block: int, offset: int, end_block: int) -> List[Item]:
        """The item series that starts at or after a position, before ``end_block`` and before
        the next head; it ends where numbering restarts at 一是."""
        stop = min(end_block, self.next_head_block(block))
        series: List[Item] = []
        for it in self.items[bisect_left(self._item_keys, (block, offset)):]:
            if it.block >= stop or (series and it.value == 1):
                break
            series.append(it)
        return series

    def paras_between(self, start: int, end: int, limit: Optional[int] = None) -> List[int]:
        """The paragraphs in [start, end), at most ``limit`` of them."""
        a, b = bisect_left(self._paras, start), bisect_left(self._paras, end)
        return self._paras[a:b if limit is None else min(b, a + limit)]

    def next_para(self, i: int) -> int:
        """The first PARA block at or after ``i`` (len(blocks) if none)."""
        k = bisect_left(self._paras, i)
        return self._paras[k] if k < len(self._paras) else len(self.blocks)

    def first_clause(self, i: int) -> str:
        """The first clause of a block's text, computed once."""
        if i not in self._clauses:
            self._clauses[i] = first_clause(self.blocks[i].text.strip())
        return self._clauses[i]


def _first_series(below: List[Head]) -> List[Head]:
    if not below:
        return []
    top = min(h.level for h in below)
    kids: List[Head] = []
    for h in below:
        if h.level != top:
            continue
        if kids and h.marker and h.marker.value == 1:
            break
        kids.append(h)
    return kids
