"""What every rule module shares: severities, Rule, Finding, and the Context a rule reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from drafter.draft import BLOCK_KINDS, TABLE, Block, Draft

ERROR = "错误"
WARNING = "警告"
HINT = "提示"
SEVERITIES = (ERROR, WARNING, HINT)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    explanation: str
    source: str = ""            # the standard and clause, or the official wording, it enforces
    fixable: bool = False       # mechanical: ``drafter format`` corrects it


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    message: str
    line: Optional[int]
    path: Optional[Path]
    column: Optional[int] = None        # 1-based offset in the paragraph text, when known
    suggestion: Optional[str] = None    # the corrected text, when there is one
    fixable: bool = False
    # A point of style reported once for the whole document: how many places, and the lines
    # of the first ones (``line`` is the first of them).
    count: Optional[int] = None
    lines: Tuple[int, ...] = ()
    # Where exactly in the draft: the block's index and the characters the finding quotes, as
    # (start, end) in the block's text without line breaks (Context.texts). Not printed; Word
    # comments (drafter.review) are anchored on them.
    block: Optional[int] = field(default=None, compare=False)
    span: Optional[Tuple[int, int]] = field(default=None, compare=False)


class Context:
    """One draft under check, with the structure the rules share computed once."""

    def __init__(self, draft: Draft, rate_per_min: Optional[int] = None, settings=None):
        self.draft = draft
        self.settings = settings          # the unit's drafter.yaml (checker.config.Settings), or None
        self.blocks: List[Block] = [_trimmed(b) for b in draft.blocks]
        self.rate_per_min = rate_per_min or draft.rate_per_min or 200
        self.path = draft.source
        # Every rule reads the texts: joined from the runs once, not once per rule.
        self._texts = [(i, b.text.replace("\n", "")) for i, b in enumerate(self.blocks)]

    @cached_property
    def tree(self):
        from drafter.tree import HeadingTree
        return HeadingTree(self.blocks)

    def line_of(self, block_index: Optional[int]) -> Optional[int]:
        if block_index is None or not 0 <= block_index < len(self.blocks):
            return None
        return self.blocks[block_index].line

    def finding(self, rule: Rule, block_index: Optional[int], message: str, *,
                offset: Optional[int] = None, suggestion: Optional[str] = None,
                severity: Optional[str] = None, fixable: Optional[bool] = None,
                end: Optional[int] = None, span: Optional[Tuple[int, int]] = None,
                quote: Optional[str] = None) -> Finding:
        """A finding at a block; ``offset`` (0-based, in the block's text) becomes the column.
        ``fixable=False`` marks a finding of a fixable rule that drafter format leaves alone.
        The characters it quotes: ``offset`` to ``end``, or ``span`` (start, end), or the first
        place of ``quote`` in the block's text."""
        if span is None and offset is not None and end is not None:
            span = (offset, end)
        if span is None and quote and block_index is not None and 0 <= block_index < len(self._texts):
            k = self._texts[block_index][1].find(quote)
            span = (k, k + len(quote)) if k >= 0 else None
        return Finding(rule.id, severity or rule.severity, message, self.line_of(block_index),
                       self.path, None if offset is None else offset + 1, suggestion,
                       rule.fixable if fixable is None else fixable, block=block_index, span=span)

    def texts(self, kinds: Optional[Tuple[str, ...]] = None) -> Iterator[Tuple[int, str]]:
        """(block index, text) of every block, or of the given kinds; title line breaks removed."""
        if kinds is None:
            return iter(self._texts)
        return ((i, t) for i, t in self._texts if self.blocks[i].kind in kinds)


def _trimmed(b: Block) -> Block:
    """The block without the spaces that indent or end it (EM SPACE and other Unicode spaces
    too): rules read the text, and a reprint's indentation is not part of it."""
    runs = list(b.runs)
    if not runs or b.kind == TABLE or b.text == b.text.strip():
        return b
    first = next((k for k, r in enumerate(runs) if r.text.strip()), None)
    if first is None:
        return b
    last = max(k for k, r in enumerate(runs) if r.text.strip())
    runs = runs[first:last + 1]
    runs[0] = runs[0].with_text(runs[0].text.lstrip())
    runs[-1] = runs[-1].with_text(runs[-1].text.rstrip())
    return b.with_runs(tuple(runs))


def snippet(text: str, start: int, end: int, around: int = 4) -> str:
    """The matched text with a few characters either side, for a message: “……X市委……”."""
    a, b = max(0, start - around), min(len(text), end + around)
    return ("……" if a > 0 else "") + text[a:b] + ("……" if b < len(text) else "")


BODY_KINDS = tuple(k.kind for k in BLOCK_KINDS if k.proofread)     # what the text rules read


def regex_findings(ctx: "Context", rule: Rule, rx, message, *, kinds=BODY_KINDS, keep=None,
                   suggest=None) -> Iterator[Finding]:
    """A finding for each match of ``rx`` in the blocks of ``kinds``; ``keep(text, m)`` filters,
    ``message(text, m)`` words it, ``suggest(m)`` gives the corrected text."""
    for i, text in ctx.texts(kinds):
        for m in rx.finditer(text):
            if keep is None or keep(text, m):
                yield ctx.finding(rule, i, message(text, m), offset=m.start(), end=m.end(),
                                  suggestion=suggest(m) if suggest else None)


FIRST_LINES = 5     # a document-wide finding names the lines of this many places


def document_wide(ctx: "Context", rule: Rule, places, what: str, *, quote, suggestion=None,
                  length: int = 1) -> Finding:
    """One finding for a point of style found at ``places`` ((block, offset, text), in document
    order): at the first place (``length`` characters there), with how many there are and the
    lines of the first ones."""
    i, k, text = places[0]
    lines = tuple(dict.fromkeys(ctx.line_of(b) for b, _, _ in places if ctx.line_of(b) is not None))
    shown = "、".join(str(n) for n in lines[:FIRST_LINES]) + ("等" if len(lines) > FIRST_LINES else "")
    where = f"全文共 {len(places)} 处" + (f"，在第 {shown} 行" if lines else "")
    f = ctx.finding(rule, i, f"{what}（{where}）：{quote(text, k)}", offset=k, end=k + length,
                    suggestion=suggestion(text, k) if suggestion else None)
    from dataclasses import replace
    return replace(f, count=len(places), lines=lines[:FIRST_LINES])
