"""Reading a finished speech back into a Draft: .docx, .txt and .md, drafter's own or by hand.

Block.line is the line number for .txt/.md and the paragraph number for .docx (every body
paragraph counts, empty ones too; tables, text boxes, headers and footers are not read).

Kinds come from paragraph styles when the .docx came from drafter (文稿标题, 署名, 称谓,
文稿正文, Heading 1 …; run-in heads are runs in the character styles 文内标题1..4). Otherwise
they come from the shape of the text, as a reader of the page would tell them apart:
- before the body starts: the first short line is the title; a line opening with —— is the
  subtitle; other short lines without a full stop are bylines (date, speaker, reporter);
- a short line ending in ：is the salutation (同志们：, or 市委： heading a report) when it
  stands before the body or addresses people;
- a line opening with 一、 （一） 1. （1） that is short (at most HEADING_MAX_CHARS) and has no
  sentence end inside is a heading of that level; a closing 。 does not stop it (the checker
  reports it);
- in the body, a short line with no punctuation at its end (看现状：……有成效也有挑战) is an
  unnumbered level-1 heading;
- 谢谢大家！ and the like are the closing; anything else is a body paragraph, whose opening
  （一）……。 becomes a run-in head when its first sentence is short.
In Markdown, ``#`` is the title and ``##``..``#####`` headings; ``**……**`` bold at the start
of a paragraph is a run-in head; bold markers and ``\\`` escapes are removed, single ``*`` is
kept (it may be a leftover placeholder), list bullets ``- `` are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from drafter.draft import (BYLINE, CLOSING, HEADING, ITEM_STYLE_NAME, LEAD, PARA, RUNIN_STYLE_PREFIX, SALUTATION,
                           STYLE_NAMES, SUBTITLE, TABLE, TEXT, TITLE, Block, Draft, Run, head_run, item_run)
from drafter.errors import InputUnreadable, Location
from drafter.formats import DOCX, LEGACY, MD, TXT, require_input
from drafter.textio import read_text
from drafter.checker.markers import first_sentence, parse_marker
from drafter.checker.structure import RUNIN_MAX_CHARS

HEADING_MAX_CHARS = 50      # a numbered line longer than this is a paragraph, not a heading
TITLE_MAX_CHARS = 50
FRONT_MAX_CHARS = 30        # byline, salutation and unnumbered headings are at most this long

# drafter's own style names, and the built-in ones a hand-made document may use.
_STYLE_KINDS = {**{name: kind for kind, name in STYLE_NAMES.items()},
                "title": TITLE, "标题": TITLE, "subtitle": SUBTITLE, "副标题": SUBTITLE}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_RUNIN_STYLE = re.compile(rf"^{RUNIN_STYLE_PREFIX}\s*([1-4])$")
_SALUTE_WORDS = ("同志们", "各位", "领导", "朋友", "代表", "来宾", "女士", "先生", "大家")
_CLOSINGS = ("谢谢大家", "谢谢", "谢谢各位", "谢谢大家聆听", "谢谢各位领导")
_SPACES = " \t\u3000\xa0"


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

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs).strip(_SPACES)


def read_draft(path: Path) -> Draft:
    path = Path(path)
    kind = require_input(path, DOCX, TXT, MD, LEGACY, command="drafter")
    if kind.name == LEGACY:
        raise InputUnreadable("不能直接读取 .doc/.wps 文件", Location(path),
                              hint="请在 Word 或 WPS 中另存为 .docx 后再试。")
    warnings: List[str] = []
    if kind.name == DOCX:
        paras, warnings = _docx_paras(path)
    else:
        paras = _text_paras(read_text(path), markdown=kind.name == MD)
    return Draft(blocks=classify(paras), source=path, warnings=warnings)


def draft_from_text(text: str, *, markdown: bool = False, source: Optional[Path] = None) -> Draft:
    """A Draft from the text of a .txt (or, with ``markdown``, a .md) file."""
    return Draft(blocks=classify(_text_paras(text, markdown)), source=source)


# -- sources ---------------------------------------------------------------------------------
def _text_paras(text: str, markdown: bool) -> List[SourcePara]:
    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip(_SPACES)
        if not line:
            continue
        kind, level = None, 0
        if markdown:
            m = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
            if m:
                hashes, line = len(m.group(1)), m.group(2)
                kind, level = (TITLE, 0) if hashes == 1 else (HEADING, hashes - 1)
            line = re.sub(r"^(?:[-+]\s+|>\s*)", "", line)
            runs = _md_runs(line)
            if not "".join(r.text for r in runs).strip(_SPACES):
                continue            # a line of Markdown marks only (">", "**", "---"): no text
            out.append(SourcePara(n, runs, kind, level))
        else:
            out.append(SourcePara(n, [Run(line)]))
    return out


def _md_runs(line: str) -> List[Run]:
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
        runs.append(head_run(head, mk.rank if mk else 2))
        line = m.group(3)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])", r"\1", line)   # *italic*
    return runs + [Run(restore(line))]


def _docx_paras(path: Path) -> Tuple[List[SourcePara], List[str]]:
    from drafter.docx_reader import read_docx      # lazy: a .txt check needs no XML reader
    return read_docx(path)


# -- kinds by shape --------------------------------------------------------------------------
def _is_heading_shape(text: str) -> Optional[int]:
    m = parse_marker(text)
    if not m or len(text) > HEADING_MAX_CHARS:
        return None
    inner = text.rstrip("。；")
    if any(ch in inner for ch in "。！？；"):
        return None
    return m.rank


def _split_runin(text: str) -> List[Run]:
    m = parse_marker(text)
    sent = first_sentence(text)
    if m and sent != text and len(sent) <= RUNIN_MAX_CHARS:
        return [head_run(sent, m.rank), Run(text[len(sent):])]
    return [Run(text)]


def classify(paras: List[SourcePara]) -> List[Block]:
    blocks: List[Block] = []
    body = False
    # A centred short line among the first few is the title (a .docx typed by hand may open
    # with a stray line); without centring, the first short line is.
    title_at = next((k for k, p in enumerate(paras[:5]) if p.centred and p.kind is None
                     and len(p.text) <= TITLE_MAX_CHARS), None)
    for k, p in enumerate(paras):
        if p.kind == TABLE:
            blocks.append(Block(TABLE, (), line=p.line, cells=p.cells))
            continue
        text = p.text
        kind, level, runs = p.kind, p.level, None
        if kind is None:
            kind, level = _shape_kind(text, body, k == title_at or title_at is None and not blocks)
        if kind in (SALUTATION, HEADING, PARA, CLOSING):
            body = True
        if kind == HEADING:
            m = parse_marker(text)
            level = level or (m.rank if m else 1)
            blocks.append(Block(HEADING, (Run(text),), level=level, line=p.line,
                                numbered=m is not None))
            continue
        if kind == PARA:
            known = [r for r in p.runs if r.text.strip(_SPACES)]
            if any(r.role is not TEXT for r in known):
                runs = tuple(r.with_text(r.text.lstrip(_SPACES)) if i == 0 else r
                             for i, r in enumerate(known))
            else:
                runs = tuple(_split_runin(text))
        blocks.append(Block(kind, runs or (Run(text),), level=level, line=p.line))
    return blocks


def _shape_kind(text: str, body: bool, title_here: bool) -> Tuple[str, int]:
    short = len(text) <= FRONT_MAX_CHARS
    if text.rstrip("！!。") in _CLOSINGS:
        return CLOSING, 0
    if short and text[-1] in "：:" and not parse_marker(text) and (
            not body or any(w in text for w in _SALUTE_WORDS)):
        return SALUTATION, 0
    rank = _is_heading_shape(text)
    if rank:
        return HEADING, rank
    if not body:
        if title_here and len(text) <= TITLE_MAX_CHARS and text[-1] not in "。；，":
            return TITLE, 0
        if text.startswith("——"):
            return SUBTITLE, 0
        if short and "。" not in text:
            return (LEAD if text.startswith(("来源", "原载", "刊于", "《")) else BYLINE), 0
        return PARA, 0
    if short and text[-1] not in "。！？；，：、”）)" and len(text) >= 4:
        return HEADING, 1
    return PARA, 0
