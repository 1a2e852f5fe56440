"""Plain-text and Markdown previews of a Draft."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from drafter import draft as d
from drafter.fsutil import write_text_atomic

INDENT = "\u3000\u3000"   # two full-width spaces: how a Chinese paragraph starts in plain text
_INDENTED = (d.HEADING, d.PARA, d.CLOSING)


def draft_to_text(draft: d.Draft) -> str:
    lines = []
    for b in draft.blocks:
        text = b.text.replace("\n", "") if b.kind == d.TITLE else b.text
        lines.append((INDENT if b.kind in _INDENTED else "") + text)
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
        if b.kind == d.TITLE:
            out.append("# " + md_escape(b.text.replace("\n", "")))
        elif b.kind == d.SUBTITLE:
            out.append("## " + md_escape(b.text))
        elif b.kind == d.HEADING:
            out.append("#" * (b.level + 1) + " " + md_escape(b.text))
        else:
            parts = []
            for r in b.runs:
                esc = md_escape(r.text)
                parts.append(f"**{esc}**" if r.is_head else esc)
            text = "".join(parts)
            if b.kind in (d.BYLINE, d.LEAD):
                text = f"*{text}*"
            out.append(text)
    return "\n\n".join(out) + "\n"


def write_text(draft: d.Draft, path: Path, source: Optional[Path] = None) -> None:
    write_text_atomic(path, draft_to_text(draft), source)


def write_markdown(draft: d.Draft, path: Path, source: Optional[Path] = None) -> None:
    write_text_atomic(path, draft_to_markdown(draft), source)
