"""The outline of a draft as the checker sees it: heads (standalone and run-in) and 一是 items.

A *head* is a standalone heading block, or a run-in head opening a paragraph: a run the
renderer or the .docx reader marked (``Role.HEAD``), or, in plain text, a paragraph that opens
with a heading number and whose first sentence is short. Its level is the block's level, the
run's level, or the rank of its number style (一、=1, （一）=2, 1.=3, （1）=4).

An *item* is a run-in ``一是/二是`` at the start of a sentence or clause. Items belong to the
closest head above them; a new series starts at ``一是``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

from drafter.draft import HEADING, ITEM, PARA, Block
from drafter.checker.markers import Marker, find_items, first_sentence, parse_marker

# A plain paragraph opening with a number is read as a run-in head when its first sentence is
# at most this long; longer openings are ordinary prose that happens to start with a number.
RUNIN_MAX_CHARS = 40


@dataclass(frozen=True)
class Head:
    block: int                  # index in Draft.blocks
    level: int
    text: str                   # standalone: the whole heading; run-in: the head sentence
    marker: Optional[Marker]
    standalone: bool

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


def runin_head(b: Block) -> Optional[tuple]:
    """(level, head text) of the run-in head opening a paragraph, if it has one."""
    runs = [r for r in b.runs if r.text.strip()]
    if not runs:
        return None
    first = runs[0]
    if first.is_head:
        return first.level, first.text
    if first.is_item:
        return None
    text = b.text.lstrip(" \u3000")
    m = parse_marker(text)
    if m is None:
        return None
    sent = first_sentence(text)
    if len(sent) > RUNIN_MAX_CHARS or sent == text and len(text) > RUNIN_MAX_CHARS:
        return None
    return m.rank, sent


class Outline:
    def __init__(self, blocks: Sequence[Block]):
        self.blocks = list(blocks)
        self.heads: List[Head] = []
        self.items: List[Item] = []
        for i, b in enumerate(self.blocks):
            if b.kind == HEADING:
                text = b.text.strip()
                m = parse_marker(text)
                level = b.level or (m.rank if m else 1)
                self.heads.append(Head(i, level, text, m, True))
            elif b.kind == PARA:
                rh = runin_head(b)
                if rh:
                    level, text = rh
                    self.heads.append(Head(i, level, text.strip(), parse_marker(text), False))
                for off, value in find_items(b.text):
                    self.items.append(Item(i, off, value))

    # -- navigation ---------------------------------------------------------------------
    def head_index(self, head: Head) -> int:
        return self.heads.index(head)

    def section_end(self, head: Head) -> int:
        """Index of the first block after the section the head opens."""
        k = self.head_index(head)
        for h in self.heads[k + 1:]:
            if h.level <= head.level:
                return h.block
        return len(self.blocks)

    def children(self, head: Optional[Head]) -> List[Head]:
        """The direct children of a head (of the whole draft when ``head`` is None), up to the
        first restart of their numbering: a 提纲 page followed by the body counts once."""
        if head is None:
            below = self.heads
        else:
            k = self.head_index(head)
            below = []
            for h in self.heads[k + 1:]:
                if h.level <= head.level:
                    break
                below.append(h)
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

    def parent_of_block(self, block: int, offset: int = 0) -> Optional[Head]:
        """The closest head above a position (a run-in head counts for text after it)."""
        best = None
        for h in self.heads:
            if h.block < block or (h.block == block and not h.standalone
                                   and offset >= len(h.text)):
                best = h
            elif h.block > block:
                break
        return best

    def head_at(self, block: int) -> Optional[Head]:
        for h in self.heads:
            if h.block == block:
                return h
        return None

    def items_from(self, block: int, offset: int, end_block: int) -> List[Item]:
        """The item series that starts at or after a position, before ``end_block`` and before
        the next head; it ends where numbering restarts at 一是."""
        stop = end_block
        for h in self.heads:
            if h.block > block:
                stop = min(stop, h.block)
                break
        series: List[Item] = []
        for it in self.items:
            if (it.block, it.offset) < (block, offset) or it.block >= stop:
                continue
            if series and it.value == 1:
                break
            series.append(it)
        return series

    def paras_between(self, start: int, end: int) -> List[int]:
        return [i for i in range(start, end) if self.blocks[i].kind == PARA]
