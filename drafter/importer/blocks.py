"""``drafter import``, part one: the source's blocks as an importer reads them (front matter and
body, headings without their numbers, paragraphs split into text and 一是 items), and the mapping
onto the built-in free-structure outline (outlines/free.yaml), which takes any draft: front
matter, then sections nested by heading level (a run-in head opens a section 段首), paragraphs
with their items, closing lines and 落款.

Answers are plain data (dict/list/str/date) keyed by question key, ready for the scaffold writer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from drafter import draft as d
from drafter.zh.markers import find_items, first_sentence, parse_marker
from drafter.zh.numerals import ORDINAL
from drafter.zh.punct import strip_trailing_punct

FRONT_KINDS = (d.KICKER, d.TITLE, d.SUBTITLE, d.BYLINE, d.LEAD, d.SALUTATION)
_ITEM_NUMBER = re.compile(rf"^[\s\u3000]*[{ORDINAL}]{{1,3}}是")


class NoFit(Exception):
    """The source has a part the outline has no place for (message in Chinese)."""


@dataclass
class Mapped:
    values: dict
    announced: List[Tuple[str, int, str, Optional[int]]] = field(default_factory=list)  # list key, n, words, line
    notes: List[str] = field(default_factory=list)        # what the mapper decided, in Chinese
    undated: bool = False                                  # the year of the date was not in the source
    no_date: bool = False                                  # the source has no date: today's stands in


def strip_number(text: str) -> str:
    s = text.lstrip(" \t\u3000")
    m = parse_marker(s)
    return s[len(m.text):] if m else s


def head_text(text: str) -> str:
    """A heading or run-in head as a questionnaire holds it: no number, no closing mark."""
    return strip_trailing_punct(strip_number(text).strip())


def item_parts(b: d.Block, start: int = 0) -> Tuple[str, List[dict]]:
    """The text before the first 一是 item of a paragraph's runs[start:], and its items."""
    text, items = [], []
    runs = list(b.runs[start:])
    if not any(r.is_item for r in runs) and len(runs) == 1:
        runs = _items_in_text(runs[0].text)
    for r in runs:
        head = strip_trailing_punct(_ITEM_NUMBER.sub("", r.text).strip()) if r.is_item else ""
        if _words(head):        # an item with nothing after its 一是 stays text
            items.append({"head": head, "detail": ""})
        elif items:
            items[-1]["detail"] += r.text
        else:
            text.append(r.text)
    return "".join(text).strip(), items


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")    # a questionnaire drops these


def _words(text: str) -> bool:
    return bool(_CONTROL.sub("", text).strip())


def _items_in_text(text: str) -> List[d.Run]:
    """一是……。二是……。 left as plain text (the reader keeps a marked paragraph's runs as
    found): item runs, when they count 一、二、三 in order and each head ends at 。"""
    found = find_items(text)
    if not found or [v for _, v in found] != list(range(1, len(found) + 1)):
        return [d.Run(text)]
    runs = [d.Run(text[:found[0][0]])]
    bounds = [at for at, _ in found] + [len(text)]
    for k, (at, _) in enumerate(found):
        part = text[at:bounds[k + 1]]
        head = first_sentence(part)
        if not head.endswith("。"):
            return [d.Run(text)]
        runs += [d.item_run(head), d.Run(part[len(head):])]
    return [r for r in runs if r.text or r.is_item]


def split_front(draft: d.Draft) -> Tuple[List[d.Block], List[d.Block]]:
    """Front matter (title, bylines, salutation …) and body; the body starts at the first
    heading, paragraph or closing."""
    front: List[d.Block] = []
    blocks = list(draft.blocks)
    i = 0
    while i < len(blocks) and blocks[i].kind in FRONT_KINDS:
        front.append(blocks[i])
        i += 1
    return front, blocks[i:]


# -- free structure --------------------------------------------------------------------------
def map_free(draft: d.Draft) -> Mapped:
    front, body = split_front(draft)
    values: Dict[str, Any] = {"bylines": [], "paras": [], "sections": [], "closing": [], "signoff": []}
    notes: List[str] = []
    for b in front:
        key = {d.KICKER: "kicker", d.TITLE: "title", d.SUBTITLE: "subtitle", d.LEAD: "lead",
               d.SALUTATION: "salutation"}.get(b.kind)
        text = b.text.replace("\n", "")
        if b.kind == d.BYLINE and _PUBLISHED.match(text) and not values.get("lead"):
            key = "lead"
        if key and not values.get(key):
            values[key] = text
        else:
            values["bylines"].append(text)
            if key:
                notes.append(f"原稿第 {b.line} 行“{text}”作为署名行导入（前面已有{_KIND_NAMES[b.kind]}）。")
    stack: List[Tuple[int, dict]] = []       # open sections by level
    rest = [b for b in body if b.kind not in (d.CLOSING, d.SIGNOFF, d.TABLE)]
    # a closing line or 落款 with body text after it is a paragraph: the outline puts them last
    tail_from = next((k + 1 for k in range(len(body) - 1, -1, -1)
                      if body[k].kind not in (d.CLOSING, d.SIGNOFF, d.TABLE)), 0)
    body = [b if k >= tail_from or b.kind not in (d.CLOSING, d.SIGNOFF) else d.Block(d.PARA, b.runs, line=b.line)
            for k, b in enumerate(body)]
    last_plain = rest[-1] if rest and plain(rest[-1]) else None

    def open_section(level: int, heading: str, numbered: bool, runin: bool) -> dict:
        while stack and stack[-1][0] >= level:
            stack.pop()
        while (stack[-1][0] if stack else 0) < level - 1:   # a skipped level: a section without a heading
            filler = _section("", True, False)
            (stack[-1][1]["sections"] if stack else values["sections"]).append(filler)
            stack.append(((stack[-1][0] if stack else 0) + 1, filler))
        s = _section(heading, numbered, runin)
        (stack[-1][1]["sections"] if stack else values["sections"]).append(s)
        stack.append((level, s))
        return s

    for b in body:
        if b.kind == d.HEADING and _words(head_text(b.text)):
            open_section(b.level, head_text(b.text), b.numbered and parse_marker(b.text) is not None, False)
        elif b.kind == d.PARA and b.runs and b.runs[0].is_head and _words(head_text(b.runs[0].text)):
            h = b.runs[0]
            s = open_section(h.level, head_text(h.text), h.numbered and parse_marker(h.text) is not None, True)
            s["paras"].append(_para(b, 1, notes))
        elif b.kind == d.CLOSING or b is last_plain and _CALL.match(b.text):
            values["closing"].append(b.text)
        elif b.kind in (d.PARA, d.HEADING, d.SALUTATION, d.SUBTITLE, d.BYLINE, d.LEAD, d.TITLE):
            (stack[-1][1]["paras"] if stack else values["paras"]).append(_para(b, 0, notes))
        elif b.kind == d.SIGNOFF:
            values["signoff"].append(b.text)
        else:       # a table, or a kind the questionnaire has no place for: named, never dropped
            notes.append(f"原稿第 {b.line} 行的{_KIND_NAMES.get(b.kind, b.kind)}无法写进问卷，请在生成的文稿中另行补上。")
    return Mapped(values, notes=notes)


_PUBLISHED = re.compile(r"^[（(]?(?:本文)?(?:原载|刊于|来源)")     # a signed article's publication line
_CALL = re.compile(r"^同志们[，,]")                               # the closing call of a speech
_KIND_NAMES = {k.kind: k.label for k in d.BLOCK_KINDS}


def _section(heading: str, numbered: bool, runin: bool) -> dict:
    return {"heading": heading, "number": "是" if numbered else "否",
            "placement": "段首" if runin else "单独成行", "paras": [], "sections": []}


def _para(b: d.Block, start: int, notes: List[str]) -> dict:
    for r in b.runs[start:]:
        if r.is_head:
            notes.append(f"原稿第 {b.line} 行段落中间的小标题“{r.text}”按正文导入。")
    runs = [r if not r.is_head else d.Run(r.text) for r in b.runs]
    text, items = item_parts(b.with_runs(runs), start)
    return {"text": text, "items": items}


def plain(b: d.Block) -> bool:
    """A body paragraph that does not open with a run-in head."""
    return b.kind == d.PARA and not (b.runs and b.runs[0].is_head)
