"""Measuring a PDF page by page: lines of the text block, their edges and fonts, the page number,
and which paragraph of the .docx each line prints.

pdfplumber gives every glyph with its box in points from the page's top left. Glyphs are grouped
into lines by their baseline; a line belongs to the text block when it lies between the top and
bottom margins, and the page number is the text below the block.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lxml import etree

PT_PER_MM = 72 / 25.4
LINE_TOLERANCE_PT = 3.0       # glyphs of one line differ in bottom by less than this
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
CJK_PUNCT = set("，。、：；！？（）《》“”‘’—…")


def mm(pt: float) -> float:
    return pt / PT_PER_MM


@dataclass
class Line:
    chars: List[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    def fonts(self, text: Optional[str] = None) -> set:
        """Base font names (subset prefix removed) of the CJK glyphs, or of those inside ``text``."""
        chosen = [c for c in self.chars if not c["text"].isascii() and c["text"] not in CJK_PUNCT]
        if text is not None:
            start = self.text.find(text)
            chosen = [c for c in self.chars[start:start + len(text)] if not c["text"].isascii()] if start >= 0 else []
        return {SUBSET_PREFIX.sub("", c["fontname"]) for c in chosen}

    def count_inside(self, right_pt: float) -> int:
        """Glyphs inside the text block; a line-final 。 that hangs past the margin is not counted."""
        return sum(1 for c in self.chars if (c["x0"] + c["x1"]) / 2 < right_pt)

    @property
    def all_cjk(self) -> bool:
        return all(not c["text"].isascii() for c in self.chars)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: List[Line] = field(default_factory=list)    # inside the text block, top to bottom
    footer: Optional[Line] = None                       # the page number line


def measure(pdf: Path, top_mm: float, bottom_mm: float) -> List[Page]:
    """Pages of ``pdf`` with the lines between ``top_mm`` and ``bottom_mm`` (margins) grouped."""
    import pdfplumber

    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages, start=1):
            block_top = top_mm * PT_PER_MM - LINE_TOLERANCE_PT * 2
            block_bottom = page.height - bottom_mm * PT_PER_MM + LINE_TOLERANCE_PT
            result = Page(i, float(page.width), float(page.height))
            for line in _group(page.chars):
                if line.top >= block_top and line.bottom <= block_bottom:
                    result.lines.append(line)
                elif line.top > block_bottom and result.footer is None:
                    result.footer = line
            pages.append(result)
    return pages


def _group(chars: List[dict]) -> List[Line]:
    lines: List[Line] = []
    for c in sorted((c for c in chars if c["text"].strip()), key=lambda c: (round(c["bottom"]), c["x0"])):
        if lines and abs(lines[-1].chars[-1]["bottom"] - c["bottom"]) < LINE_TOLERANCE_PT:
            lines[-1].chars.append(c)
        else:
            lines.append(Line([c]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return lines


def pdffonts(pdf: Path) -> Dict[str, bool]:
    """Font base name -> embedded, from poppler's pdffonts (what was really used)."""
    tool = shutil.which("pdffonts")
    if tool is None:
        return {}
    out = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = {}
    for row in out.splitlines()[2:]:
        parts = row.split()
        if parts:
            emb = next((p for p in parts if p in ("yes", "no")), "no")
            fonts[SUBSET_PREFIX.sub("", parts[0])] = emb == "yes"
    return fonts


# --- the .docx beside its PDF: which lines print which paragraph -----------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPACE = re.compile(r"\s+")


@lru_cache(maxsize=None)
def docx_paragraphs(path: Path) -> Tuple[Tuple[str, str], ...]:
    """(style name, text) of every paragraph of the body in reading order, as the file holds it."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
        styles = etree.fromstring(z.read("word/styles.xml"))
    names = {st.get(f"{W}styleId"): st.find(f"{W}name").get(f"{W}val")
             for st in styles.iter(f"{W}style") if st.find(f"{W}name") is not None}
    out = []
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        out.append((names.get(style.get(f"{W}val")) if style is not None else None, text))
    return tuple(out)


def keep_with_next_styles(path: Path) -> set:
    """Names of the paragraph styles that keep with the next paragraph (w:keepNext, not switched off)."""
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    out = set()
    for st in styles.iter(f"{W}style"):
        keep, name = st.find(f"{W}pPr/{W}keepNext"), st.find(f"{W}name")
        if keep is not None and name is not None and keep.get(f"{W}val") not in ("0", "false", "off"):
            out.add(name.get(f"{W}val"))
    return out


def ink(text: str) -> str:
    return SPACE.sub("", text)


Place = Tuple[int, int]       # (page number, line index on the page)


def lines_by_paragraph(paragraphs: Tuple[Tuple[str, str], ...], doc: List[Page]) -> List[List[Place]]:
    """For each paragraph of the .docx, the PDF lines that print it. The PDF's characters are
    matched in order against the .docx text; a line belongs to the paragraph of its first character."""
    stream = [(c, k) for k, (_, text) in enumerate(paragraphs) for c in ink(text)]
    places: List[List[Place]] = [[] for _ in paragraphs]
    pos = 0
    for page in doc:
        for i, ln in enumerate(page.lines):
            owner = None
            for c in ink(ln.text):
                skip = pos
                while skip < len(stream) and stream[skip][0] != c:
                    skip += 1           # a character the PDF lacks (the text test names it)
                if skip == len(stream):
                    continue            # one the .docx lacks
                pos = skip + 1
                owner = stream[skip][1] if owner is None else owner
            if owner is not None:
                places[owner].append((page.number, i))
    return places
