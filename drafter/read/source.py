"""What every reader hands to the classifier: the source paragraph, and the style names that say a kind.

Below the readers (``drafter.read.docx``, the text readers in ``drafter.read.reader``) and
``drafter.read.styles``, so none of them imports the reading entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from drafter.draft import BLOCK_KINDS, RUNIN_STYLE_PREFIX, SUBTITLE, TABLE, TITLE, Run

# Paragraph style name -> (kind, level): drafter's own, from the block-kind table, and the
# built-in ones a hand-made document may use. Word's Heading N are read by HEADING_STYLE; 表格文字
# marks a paragraph inside a table, not a table.
STYLE_KINDS = {**{name: (k.kind, level) for k in BLOCK_KINDS if not k.builtin and k.kind != TABLE
                  for level, _, _, name in k.styles()},
               "title": (TITLE, 0), "标题": (TITLE, 0), "subtitle": (SUBTITLE, 0), "副标题": (SUBTITLE, 0)}
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
RUNIN_STYLE = re.compile(rf"^{RUNIN_STYLE_PREFIX}\s*([1-4])$")


@dataclass
class SourcePara:
    """One paragraph of the source as a reader found it, before its kind is decided by shape."""

    line: int                       # .txt/.md line; .docx body paragraph number (1-based)
    runs: List[Run]                 # text runs; HEAD/ITEM roles where the source marked them
    kind: Optional[str] = None      # from a style or Markdown mark, when known
    level: int = 0                  # heading level from a style, outline level or numbering
    centred: bool = False
    right: bool = False             # set flush right (a 落款 block)
    cells: Tuple[Tuple[str, ...], ...] = ()   # kind TABLE: rows of cell texts
    # Where the text is in the source .docx, when read with ``trace`` (drafter.review): the w:p,
    # and each piece of its text in order with the element it came from (w:t, w:tab, w:br …;
    # None for an automatic number, which is not in the text). ``nested``: in a table cell, a
    # text box or a note, not a body paragraph.
    element: object = None
    leaves: Optional[List[Tuple[object, str]]] = None
    nested: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs).strip()
