"""Plain-text and Markdown previews of a Draft.

A table is one line per row with its cells parted by a tab in .txt (a line break inside a cell
becomes a full-width space), a GitHub pipe table in .md (the first row is its header, a line
break inside a cell is <br>). A 落款 line cannot be set right in either: it is a plain line
without the paragraph indent, the way a typist leaves it in a .txt.

How each kind is written comes from the block-kind table (drafter.draft.BLOCK_KINDS). A kind the
readers cannot tell by its shape carries a mark, so that it reads back: its label in 【】 at the
start of its line in .txt, and in .md a fenced div naming its Word style, as pandoc writes a
custom style (``::: {custom-style="…"}``), which pandoc turns into that style in a .docx.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from drafter import draft as d
from drafter.fsutil import write_text_atomic

INDENT = "\u3000\u3000"   # two full-width spaces: how a Chinese paragraph starts in plain text
_INDENTED = frozenset(k.kind for k in d.BLOCK_KINDS if k.indent)
_MARKED = {k.kind: k for k in d.BLOCK_KINDS if k.marked}
_MD_FORM = {k.kind: k.md for k in d.BLOCK_KINDS}
_MD_HEADINGS = frozenset(k.kind for k in d.BLOCK_KINDS if k.outline)
CELL_BREAK = "\u3000"


def draft_to_text(draft: d.Draft) -> str:
    lines = []
    for b in draft.blocks:
        if b.kind == d.TABLE:
            lines.extend("\t".join(cell.replace("\n", CELL_BREAK) for cell in row) for row in b.cells)
            continue
        text = b.text.replace("\n", "") if b.kind == d.TITLE else b.text
        mark = _MARKED[b.kind].text_mark(b.level) if b.kind in _MARKED else ""
        lines.append((INDENT if b.kind in _INDENTED else "") + mark + text)
    return "\n".join(lines) + "\n"


# CommonMark treats these ASCII marks as syntax inside a line; a backslash makes each literal.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&~|!{}])")
# ... and these only at the start of a line.
_MD_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")


def md_escape(text: str) -> str:
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "".join("\\" + c if not c.isdigit() else c for c in m.group(2)),
                              text)


def draft_to_markdown(draft: d.Draft) -> str:
    out = []
    for b in draft.blocks:
        if b.kind in _MD_HEADINGS:
            out.append("#" * (b.level + 1) + " " + md_escape(b.text))
        elif b.kind == d.TABLE:
            out.append(_md_table(b.cells))
        else:
            parts = []
            for r in b.runs:
                esc = md_escape(r.text.replace("\n", "") if b.kind == d.TITLE else r.text)
                parts.append(f"**{esc}**" if r.is_head else esc)
            text = _MD_FORM.get(b.kind, "{}").format("".join(parts))
            if b.kind in _MARKED:
                text = f'::: {{custom-style="{_MARKED[b.kind].style_of(b.level)[2]}"}}\n{text}\n:::'
            out.append(text)
    return "\n\n".join(out) + "\n"


def _md_table(cells) -> str:
    def row(cells_of_row) -> str:
        return "| " + " | ".join("<br>".join(md_escape(line) for line in cell.split("\n")) or " "
                                 for cell in cells_of_row) + " |"
    width = max((len(r) for r in cells), default=1)
    rows = [list(r) + [""] * (width - len(r)) for r in cells] or [[""]]
    return "\n".join([row(rows[0]), "| " + " | ".join(["---"] * width) + " |"] + [row(r) for r in rows[1:]])


def write_text(draft: d.Draft, path: Path, source: Optional[Path] = None) -> None:
    write_text_atomic(path, draft_to_text(draft), source)


def write_markdown(draft: d.Draft, path: Path, source: Optional[Path] = None) -> None:
    write_text_atomic(path, draft_to_markdown(draft), source)
