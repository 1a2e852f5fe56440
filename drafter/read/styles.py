"""What a paragraph's style chain says about it: kind, heading level, alignment, numbering, hidden runs.

A property holds from the paragraph's own w:pPr, else from the nearest style of its basedOn
chain that sets it, else from docDefaults (ECMA-376 Part 1, 17.7.2). Styles are known by their
w:name, which Word writes in English whatever the interface language ("heading 1" under the
Chinese id "1"); a style without a name is known by its id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from drafter.read.package import W_NS
from drafter.draft import HEADING, SUBTITLE, TITLE
from drafter.read.source import HEADING_STYLE, STYLE_KINDS

W = "{%s}" % W_NS
MAX_CHAIN = 20                  # basedOn deeper than this is a loop in a damaged file
MAX_LEVEL = 4
BODY_OUTLINE = 9                # w:outlineLvl 9: body text
_CHINESE_HEADING_ID = re.compile(r"^([1-9])$")
_CENTRED = ("center",)
_RIGHT = ("right", "end")
_KNOWN_JC = ("left", "start", "both", "distribute", "justify", "lowKashida", "mediumKashida", "highKashida",
             "thaiDistribute", "numTab") + _CENTRED + _RIGHT
_OFF = ("0", "false", "off")


@dataclass(frozen=True)
class ParaInfo:
    style_id: str
    kind: Optional[str]
    level: int
    centred: bool
    right: bool


def _val(el, tag: str) -> Optional[str]:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _on(el, tag: str) -> Optional[bool]:
    child = el.find(W + tag) if el is not None else None
    if child is None:
        return None
    return child.get(W + "val") not in _OFF


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class Styles:
    """The styles part of one document (None when it has none) and answers about it."""

    def __init__(self, root) -> None:
        self.by_id: Dict[str, object] = {}
        self.default_para = ""
        self.default_jc: Optional[str] = None
        self._cache: Dict[str, Tuple[Optional[str], int, Optional[str]]] = {}
        if root is None:
            return
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if sid is not None and sid not in self.by_id:
                self.by_id[sid] = st
                if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                    self.default_para = sid
        defaults = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        self.default_jc = _val(defaults, "jc")

    def name(self, style_id: str) -> str:
        st = self.by_id.get(style_id)
        name = st.find(W + "name") if st is not None else None
        return (name.get(W + "val") if name is not None else None) or style_id or ""

    def chain(self, style_id: Optional[str]) -> List[Tuple[str, object]]:
        """(id, style element) from ``style_id`` up its basedOn chain; an unknown id is the default
        paragraph style, as in Word."""
        if style_id not in self.by_id:
            style_id = self.default_para
        out, seen = [], set()
        while style_id in self.by_id and style_id not in seen and len(out) < MAX_CHAIN:
            seen.add(style_id)
            st = self.by_id[style_id]
            out.append((style_id, st))
            style_id = _val(st, "basedOn")
        return out

    def paragraph(self, ppr, line: int, warn: Callable[[int, str], None]) -> ParaInfo:
        style_id = _val(ppr, "pStyle") or self.default_para
        kind, level, jc = self._style_facts(style_id)
        direct_outline = _int(_val(ppr, "outlineLvl"))
        if direct_outline is not None and kind not in (TITLE, SUBTITLE):
            kind, level = (HEADING, min(direct_outline + 1, MAX_LEVEL)) if 0 <= direct_outline < BODY_OUTLINE \
                else (None, 0) if kind == HEADING else (kind, level)
        jc = _val(ppr, "jc") or jc or self.default_jc
        if jc is not None and jc not in _KNOWN_JC:
            warn(line, f"对齐方式“{jc[:20]}”无法识别，按两端对齐处理")
        return ParaInfo(style_id, kind, level, jc in _CENTRED, jc in _RIGHT)

    def _style_facts(self, style_id: str) -> Tuple[Optional[str], int, Optional[str]]:
        """Kind and level the style chain gives (a recognised name first, then an outline level),
        and its alignment."""
        if style_id in self._cache:
            return self._cache[style_id]
        kind, level, outline, jc = None, 0, None, None
        for sid, st in self.chain(style_id):
            name = self.name(sid)
            if kind is None and outline is None:
                kind, level = _named_kind(name, sid)
            ppr = st.find(W + "pPr")
            if outline is None and kind is None:
                outline = _int(_val(ppr, "outlineLvl"))
            jc = jc or _val(ppr, "jc")
        if kind is None and outline is not None and 0 <= outline < BODY_OUTLINE:
            kind, level = HEADING, min(outline + 1, MAX_LEVEL)
        self._cache[style_id] = (kind, level, jc)
        return self._cache[style_id]

    def num_pr(self, ppr, style_id: str) -> Tuple[Optional[str], Optional[int]]:
        """(numId, ilvl) of a paragraph: its own w:numPr, completed from its style chain."""
        num = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = _val(num, "numId"), _int(_val(num, "ilvl"))
        if num_id is None or ilvl is None:
            for _, st in self.chain(style_id or self.default_para):
                snum = st.find(f"{W}pPr/{W}numPr")
                if snum is None:
                    continue
                num_id = num_id if num_id is not None else _val(snum, "numId")
                ilvl = ilvl if ilvl is not None else _int(_val(snum, "ilvl"))
                break
        return num_id, ilvl

    def num_style(self, ppr, style_id: str) -> str:
        """The style of the chain that carries the numbering (its id names a list level)."""
        for sid, st in self.chain(style_id or self.default_para):
            if st.find(f"{W}pPr/{W}numPr") is not None:
                return sid
        return style_id

    def numbering_styles(self) -> Dict[str, str]:
        """Numbering styles' id -> numId (for lists defined by w:numStyleLink)."""
        out = {}
        for sid, st in self.by_id.items():
            num_id = _val(st.find(f"{W}pPr/{W}numPr"), "numId")
            if st.get(W + "type") == "numbering" and num_id:
                out[sid] = num_id
        return out

    def hidden(self, rpr) -> bool:
        """Hidden text (w:vanish) set on the run or on its character style chain."""
        direct = _on(rpr, "vanish")
        if direct is not None:
            return direct
        style = _val(rpr, "rStyle")
        seen = set()
        while style in self.by_id and style not in seen:
            seen.add(style)
            st = self.by_id[style]
            value = _on(st.find(W + "rPr"), "vanish")
            if value is not None:
                return value
            style = _val(st, "basedOn")
        return False


def _named_kind(name: str, style_id: str) -> Tuple[Optional[str], int]:
    key = name.lower() if name.isascii() else name
    if key in STYLE_KINDS:
        return STYLE_KINDS[key]
    m = HEADING_STYLE.match(name)
    if m is None and name == style_id:
        # No w:name (a damaged or hand-made file): Word's ids Heading1 and Chinese Word's "1"
        # say it. With a name, the name decides: WPS saves Normal as id "1".
        m = HEADING_STYLE.match(style_id) or _CHINESE_HEADING_ID.match(style_id)
    if m:
        return HEADING, min(int(m.group(1)), MAX_LEVEL)
    return None, 0
