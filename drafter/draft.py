"""The document model every stage meets at: renderer and readers build it, writers and checker read it.

A Draft is a flat list of blocks, like Word's paragraphs. Numbers (一、 （一） 一是) are already
part of the text when a Draft leaves the renderer, so writers and the checker see exactly what
the reader of the printed page sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

# Block kinds. A writer maps each kind to one named paragraph style.
TITLE = "title"            # 在……上的讲话; may hold "\n" where a long title breaks
SUBTITLE = "subtitle"      # ——副标题
BYLINE = "byline"          # speaker, date line （2025年1月6日）, reporter line
LEAD = "lead"              # publication line under a signed article's headline
SALUTATION = "salutation"  # 同志们：
HEADING = "heading"        # standalone heading, level 1..4
PARA = "para"              # body paragraph; may open with run-in heads
CLOSING = "closing"        # 谢谢大家！ and other closing lines set apart from the body
SIGNOFF = "signoff"        # 落款: unit and date at the end, set right
TABLE = "table"            # a table carried from a source .docx; cells in Block.cells

# The named styles a .docx carries, shared by the writer and the reader. Headings use Word's
# built-in "Heading 1".."Heading 4"; run-in heads and 一是 items are character styles.
STYLE_NAMES = {TITLE: "文稿标题", SUBTITLE: "文稿副题", BYLINE: "署名", LEAD: "出处",
               SALUTATION: "称谓", PARA: "文稿正文", CLOSING: "结束语", SIGNOFF: "落款",
               TABLE: "表格文字"}
RUNIN_STYLE_PREFIX = "文内标题"      # + level: 文内标题1..文内标题4
ITEM_STYLE_NAME = "文内条目"



class Role(str, Enum):
    """What a run is inside its paragraph."""

    TEXT = "text"     # ordinary body text
    HEAD = "head"     # run-in heading (（一）加强组织领导。), set in its level's font
    ITEM = "item"     # run-in 一是/二是 item head; takes the body font


TEXT, HEAD, ITEM = Role.TEXT, Role.HEAD, Role.ITEM


@dataclass(frozen=True)
class Run:
    """A stretch of text in one paragraph. A HEAD run has its heading ``level`` (1..4)."""

    text: str
    role: Role = TEXT
    level: int = 0
    numbered: bool = True   # HEAD/ITEM: part of a numbered series
    pending: bool = False   # its number is still to be written (transforms.number_pending)

    def __post_init__(self):
        if not isinstance(self.role, Role):
            raise TypeError(f"Run.role must be a Role, not {self.role!r}")

    @property
    def is_head(self) -> bool:
        return self.role is HEAD

    @property
    def is_item(self) -> bool:
        return self.role is ITEM

    def with_text(self, text: str) -> "Run":
        return Run(text, self.role, self.level, self.numbered, self.pending)


def head_run(text: str, level: int, numbered: bool = True, pending: bool = False) -> Run:
    return Run(text, HEAD, level, numbered, pending)


def item_run(text: str, pending: bool = False) -> Run:
    return Run(text, ITEM, pending=pending)


@dataclass(frozen=True)
class Block:
    kind: str
    runs: Tuple[Run, ...]
    level: int = 0                 # headings: 1..4
    line: Optional[int] = None     # where it came from: questionnaire line or source paragraph/line
    numbered: bool = True          # False for headings the outline leaves unnumbered
    cells: Tuple[Tuple[str, ...], ...] = ()   # TABLE: rows of cell texts
    pending: bool = False          # HEADING: number and end still to be written by the engine

    @property
    def text(self) -> str:
        if self.kind == TABLE:
            return "\n".join("\t".join(row) for row in self.cells)
        return "".join(r.text for r in self.runs)

    def heads(self) -> Iterator[Run]:
        return (r for r in self.runs if r.role is not TEXT)

    def with_runs(self, runs) -> "Block":
        return Block(self.kind, tuple(runs), self.level, self.line, self.numbered, self.cells, self.pending)


@dataclass
class Draft:
    blocks: list = field(default_factory=list)
    outline_id: str = ""
    source: Optional[Path] = None
    time_limit_min: Optional[float] = None   # the speaking slot, if the questionnaire sets one
    rate_per_min: Optional[int] = None       # 字/分钟 read aloud, if the questionnaire sets one
    # Parts of the source that could not be carried (images, text boxes, footnotes …), in Chinese,
    # each naming where it was; the command prints them as warnings.
    warnings: List[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        for b in self.blocks:
            if b.kind == TITLE:
                return b.text.replace("\n", "")
        return ""

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def block(kind: str, text: str, **kw) -> Block:
    """A block of plain text: the common case for readers and tests."""
    return Block(kind, (Run(text),), **kw)
