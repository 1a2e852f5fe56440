"""Reading a finished speech back into a Draft: .docx, .txt and .md, drafter's own or by hand.

Block.line is the line number for .txt/.md and the paragraph number for .docx (every body
paragraph counts, empty ones too, and a table counts as one). How a .docx is read — numbering,
styles, tables, and the warnings for what cannot be carried — is in drafter.read.docx.

Kinds come from paragraph styles when the .docx came from drafter (文稿标题, 署名, 称谓,
文稿正文, Heading 1 …; run-in heads are runs in the character styles 文内标题1..4, items in
文内条目). Otherwise they come from the shape of the text: see drafter.read.classify.
In Markdown, ``#`` is the title and ``##``..``#####`` headings; ``**……**`` bold at the start
of a paragraph is a run-in head; bold markers and ``\\`` escapes are removed, single ``*`` is
kept (it may be a leftover placeholder), list bullets ``- `` are removed.
A kind that has no shape of its own is marked (drafter.write.text): in .txt by its label in 【】
opening the line, in Markdown by a fenced div naming its style (``::: {custom-style="…"}``).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional, Tuple

from drafter.draft import BLOCK_KINDS, HEADING, PARA, SUBTITLE, TABLE, TEXT, TITLE, Block, Draft, Run, head_run
from drafter.errors import InputUnreadable, Location
from drafter import formats
from drafter.textio import read_text
from drafter.zh.markers import parse_marker
from drafter.read.classify import classify
from drafter.read.source import STYLE_KINDS, SourcePara

# .txt: the mark that opens the line of a kind without a shape of its own.
_TEXT_MARKS = {k.text_mark(level): (k.kind, level) for k in BLOCK_KINDS if k.marked
               for level, _, _, _ in k.styles()}
_TEXT_MARK = re.compile(r"^【[^【】]{1,20}】")
# Markdown: a pandoc fenced div with a custom style, and its end.
_DIV_OPEN = re.compile(r'^:{3,}\s*\{\s*custom-style\s*=\s*"([^"]*)"\s*\}\s*$')
_DIV_CLOSE = re.compile(r"^:{3,}\s*$")


def read_draft(path: Path, command: Optional[str] = None, carry: bool = False, tracked: bool = False) -> Draft:
    """The Draft of a draft file of any kind in the formats table (.docx, .txt, .md; .doc and .wps
    through LibreOffice), read by the function its row names. ``command`` (a key of
    drafter.formats.COMMANDS) refuses, in its own words, the kinds that command does not read.
    ``carry``: a Word file's pictures, notes and comments come as object runs at their place;
    ``tracked`` (or ``carry``): its tracked changes are listed in Draft.tracked instead of warned
    about (drafter.read.docx)."""
    path = Path(path)
    kind = formats.accept(path, command, formats.DRAFT_KINDS)
    if not path.exists():
        raise InputUnreadable("文件不存在", Location(path), hint="请检查文件名和路径。")
    formats.require_tools(kind.needs, path)
    reader = formats.load(kind.reader)
    if kind.name in (formats.DOCX, formats.LEGACY) and (carry or tracked):
        return reader(path, carry=carry, tracked=True)
    return reader(path)


# -- one reader per row of drafter.formats.INPUTS --------------------------------------------
def docx_draft(path: Path, carry: bool = False, tracked: bool = False) -> Draft:
    from drafter.read.docx import read_docx      # lazy: a .txt check needs no XML reader
    listed: List[str] = []
    paras, warnings = read_docx(path, carry=carry, tracked=listed if tracked or carry else None)
    blocks = classify(paras, warnings)
    if carry:
        blocks = with_objects(blocks, paras)
    return Draft(blocks=blocks, source=path, warnings=warnings, tracked=listed)


def with_objects(blocks: List[Block], paras: List[SourcePara]) -> List[Block]:
    """The blocks with the pictures, notes and comments of their source paragraphs put back at
    their place: the kinds are read from the text alone (drafter.read.classify), which leaves the
    object runs out. A paragraph that holds only objects (a picture on its own line) becomes a
    body paragraph of its own, after the blocks of the lines before it."""
    carrying = [p for p in paras if p.kind != TABLE and any(r.is_object for r in p.runs)]
    if not carrying:
        return blocks
    out = list(blocks)
    for p in carrying:
        objects, pos = [], 0
        lead = len("".join(r.text for r in p.runs)) - len("".join(r.text for r in p.runs).lstrip())
        for r in p.runs:
            if r.is_object:
                objects.append((max(0, pos - lead), r))
            pos += len(r.text)
        text = p.text
        at = next((k for k, b in enumerate(out) if b.line == p.line and b.kind != TABLE
                   and text and text in b.text), None)
        if at is None:
            at = next((k for k, b in enumerate(out) if b.line is not None and b.line > p.line), len(out))
            out.insert(at, Block(PARA, tuple(r for _, r in objects), line=p.line))
            continue
        base = out[at].text.find(text)
        out[at] = out[at].with_runs(_insert_objects(out[at].runs, [(base + k, r) for k, r in objects]))
    return out


def _insert_objects(runs, objects) -> List[Run]:
    """``runs`` with each object run put at its offset in their text; an offset inside a run-in
    head or item goes after it, so that heads stay whole."""
    out: List[Run] = []
    pos = 0
    todo = sorted(objects, key=lambda x: x[0])
    for r in runs:
        if r.is_object:
            out.append(r)
            continue
        end = pos + len(r.text)
        if r.role is TEXT:
            at = pos
            while todo and todo[0][0] < end:
                k, obj = todo.pop(0)
                k = max(k, at)
                if k > at:
                    out.append(r.with_text(r.text[at - pos:k - pos]))
                out.append(obj)
                at = k
            if at < end:
                out.append(r.with_text(r.text[at - pos:]))
        else:
            out.append(r)
            while todo and todo[0][0] < end:
                out.append(todo.pop(0)[1])
        pos = end
    return out + [obj for _, obj in todo]


def read_docx_traced(path: Path, root) -> Tuple[Draft, List[SourcePara]]:
    """The Draft of a .docx whose main part is already parsed (``root``, which drafter.review
    edits), and its source paragraphs, each knowing where its text is in that tree."""
    from drafter.read.docx import read_docx
    tracked: List[str] = []
    paras, warnings = read_docx(path, root=root, trace=True, tracked=tracked)
    return Draft(blocks=classify(paras), source=Path(path), warnings=warnings, tracked=tracked), paras


def txt_draft(path: Path) -> Draft:
    return draft_from_text(read_text(path), source=path)


def md_draft(path: Path) -> Draft:
    from drafter.read.links import markdown_warnings
    text = read_text(path)
    draft = draft_from_text(text, markdown=True, source=path)
    draft.warnings[:0] = markdown_warnings(text)
    return draft


def legacy_draft(path: Path, carry: bool = False, tracked: bool = False) -> Draft:
    """A .doc/.wps: converted to .docx by LibreOffice in a private folder, then read as one."""
    from drafter.fsutil import private_temp
    from drafter.read.legacy import convert_legacy
    with private_temp("doc") as tmp:
        draft = docx_draft(convert_legacy(path, Path(tmp)), carry=carry, tracked=tracked)
    draft.source = path
    return draft


def draft_from_text(text: str, *, markdown: bool = False, source: Optional[Path] = None) -> Draft:
    """A Draft from the text of a .txt (or, with ``markdown``, a .md) file."""
    warnings: List[str] = []
    return Draft(blocks=classify(_text_paras(text, markdown), warnings), source=source, warnings=warnings)


# -- sources ---------------------------------------------------------------------------------
def _text_paras(text: str, markdown: bool) -> List[SourcePara]:
    out: List[SourcePara] = []
    above = 0           # the level of the last Markdown heading kept (0: none yet)
    div = None          # inside a custom-style div: its (kind, level), or (None, 0) for a style not ours
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        kind, level = None, 0
        if markdown:
            m = _DIV_OPEN.match(line)
            if m:
                name = m.group(1)
                div = STYLE_KINDS.get(name.lower() if name.isascii() else name, (None, 0))
                continue
            if div is not None and _DIV_CLOSE.match(line):
                div = None
                continue
            m = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
            if div is not None and div[0] is not None:
                kind, level = div
            elif m:
                hashes, line = len(m.group(1)), m.group(2)
                kind, level = (TITLE, 0) if hashes == 1 else (HEADING, hashes - 1)
                if hashes == 2 and line.startswith("——") and not above:
                    kind, level = SUBTITLE, 0      # drafter writes the subtitle as ## ——……
            line = re.sub(r"^(?:[-+]\s+|>\s*)", "", line)
            # An unnumbered bold head sits one level below the heading it follows.
            runs = _md_runs(line, min(above + 1, 4))
            if not "".join(r.text for r in runs).strip():
                continue            # a line of Markdown marks only (">", "**", "---"): no text
            out.append(SourcePara(n, runs, kind, level))
            if kind == HEADING:
                above = level
        else:
            m = _TEXT_MARK.match(line)
            if m and m.group() in _TEXT_MARKS:
                kind, level = _TEXT_MARKS[m.group()]
                line = line[m.end():]
            out.append(SourcePara(n, [Run(line)], kind, level))
    return out


def _md_runs(line: str, unnumbered_level: int) -> List[Run]:
    # Backslash escapes (\* is a literal *) are set aside first, so that only real Markdown
    # marks are taken as emphasis; a lone * left in the text is still a placeholder.
    kept: List[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(1))
        return f"\x00{len(kept) - 1}\x00"

    def restore(text: str) -> str:
        return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)

    line = re.sub(r"\\([!-/:-@\[-`{-~])", keep, line).rstrip("\\")
    m = re.match(r"^(\*\*|__)(.+?)\1(.*)$", line)
    runs = []
    if m and m.group(3).strip():
        head = restore(m.group(2))
        mk = parse_marker(head)
        runs.append(head_run(head, mk.rank if mk else unnumbered_level, numbered=mk is not None))
        line = m.group(3)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])", r"\1", line)   # *italic*
    return runs + [Run(restore(line))]
