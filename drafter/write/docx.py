"""Draft + Profile (+ a unit's reference .docx) -> .docx in the GB/T 9704 format, through named styles.

Every paragraph gets a named style (Chinese names a Chinese Word user recognises; the built-in
Heading 1..4 restyled so the navigation pane works); every run names its East Asian font. With a
reference .docx, page setup, headers, footers and the styles it already has are kept, as pandoc's
--reference-doc does; styles it lacks are added from the profile. All numbers come from the profile.
"""
from __future__ import annotations

import hashlib
import io
import math
import os
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import docx
from docx.oxml.ns import qn

from drafter import __version__
from drafter.write import _oxml as ox
from drafter.cache import cache_dir, load, store
from drafter.draft import (BYLINE, CLOSING, HEADING, ITEM, ITEM_STYLE_NAME, LEAD, PARA, RUNIN_STYLE_PREFIX,
                           SALUTATION, SIGNOFF, STYLE_NAMES, SUBTITLE, TABLE, TEXT, TITLE, Block, Draft)
from drafter.errors import InputUnreadable, Location
from drafter.fsutil import write_atomic
from drafter.profile import HEADING_KEYS, RUN_IN_KEYS, TWIPS_PER_HALF_POINT, Profile, Twips, load_profile

# Profile style key -> (style id, style name). Headings are Word's built-ins, known by w:name.
PARAGRAPH_STYLES = {
    "title": ("DrafterTitle", STYLE_NAMES[TITLE]), "subtitle": ("DrafterSubtitle", STYLE_NAMES[SUBTITLE]),
    "byline": ("DrafterByline", STYLE_NAMES[BYLINE]), "lead": ("DrafterLead", STYLE_NAMES[LEAD]),
    "salutation": ("DrafterSalutation", STYLE_NAMES[SALUTATION]), "body": ("DrafterBody", STYLE_NAMES[PARA]),
    "closing": ("DrafterClosing", STYLE_NAMES[CLOSING]), "signoff": ("DrafterSignoff", STYLE_NAMES[SIGNOFF]),
    "table": ("DrafterTable", STYLE_NAMES[TABLE]),
}
PARAGRAPH_STYLES.update({k: (f"Heading{k[len('heading'):]}", f"heading {k[len('heading'):]}")
                         for k in HEADING_KEYS})
RUN_IN_STYLES = {k: (f"DrafterRunIn{k[len('level'):]}", f"{RUNIN_STYLE_PREFIX}{k[len('level'):]}")
                 for k in RUN_IN_KEYS if k.startswith("level")}
RUN_IN_STYLES["item"] = ("DrafterItem", ITEM_STYLE_NAME)
PAGE_NUMBER_ID, PAGE_NUMBER_NAME = "DrafterPageNumber", "页码"
KIND_STYLE = {TITLE: "title", SUBTITLE: "subtitle", BYLINE: "byline", LEAD: "lead",
              SALUTATION: "salutation", PARA: "body", CLOSING: "closing", SIGNOFF: "signoff"}
# Windows ships 仿宋 and 楷体 but not the _GB2312 names offices use (written to fontTable.xml).
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
# Default-template styles that stay; the rest (tables, lists, captions...) go, so that every
# style left in styles.xml names its East Asian font.
KEEP_BUILTIN = ("Normal",) + tuple(sid for sid, _ in (PARAGRAPH_STYLES[k] for k in HEADING_KEYS))


def write_docx(draft: Draft, path: Path, profile: Optional[Profile] = None,
               reference_docx: Optional[Path] = None, source: Optional[Path] = None) -> None:
    """Write ``draft`` to ``path`` atomically; ``source`` (the input file) is never overwritten."""
    document = build_document(draft, profile or load_profile(), reference_docx)
    write_atomic(Path(path), lambda tmp: document.save(str(tmp)), source)


def build_document(draft: Draft, profile: Profile, reference_docx: Optional[Path] = None):
    """The python-docx Document for ``draft``; not yet saved."""
    if reference_docx is None:
        document = _styled_blank(profile)
    else:
        document = _open_reference(Path(reference_docx))
        _Styles.merge(document, profile)
    styles = _Styles(document, profile)
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    title_chars = styles.title_chars_per_line(sect_pr)
    width = styles.text_width(sect_pr)
    paragraphs = [styles.table(b, width) if b.kind == TABLE else styles.paragraph(b, title_chars)
                  for b in draft.blocks]
    _indent_signoffs(draft.blocks, paragraphs, profile)
    at = list(body).index(sect_pr) if sect_pr is not None else len(body)
    body[at:at] = paragraphs
    return document


def _styled_blank(profile: Profile):
    """python-docx's default template restyled for ``profile``. Restyling costs as much as the rest
    of a short draft, and it is the same every time: built once per profile and kept in the cache."""
    entry = _blank_entry(profile)
    payload = load(entry) if entry is not None else None
    if payload is not None:
        try:
            return docx.Document(io.BytesIO(payload))
        except Exception:  # noqa: BLE001 — an entry of another python-docx is rebuilt below
            pass
    document = docx.Document()
    _Styles.fresh(document, profile)
    _page_setup(document, profile)
    if entry is not None:
        buffer = io.BytesIO()
        document.save(buffer)
        store(entry, buffer.getvalue())
    return document


def _blank_entry(profile: Profile) -> Optional[Path]:
    folder = cache_dir("blank")
    if folder is None:
        return None
    # The key covers everything the blank depends on: the profile's every value, and the code
    # that turns it into styles (the files' size and time, so an edited writer never reuses it).
    key = hashlib.sha256(repr(profile).encode("utf-8"))
    key.update(f"{__version__} {docx.__version__}".encode())
    for module in (__file__, ox.__file__):
        st = os.stat(module)
        key.update(f"{st.st_size} {st.st_mtime_ns}".encode())
    return folder / f"{key.hexdigest()}.docx"


class _Styles:
    """Names and fonts of the styles the paragraphs use, resolved once per document."""

    def __init__(self, document, profile: Profile) -> None:
        self.profile = profile
        root = document.styles.element
        self.by_id = ox.style_chain(root)
        self.defaults = root.find(qn("w:docDefaults"))
        by_name = {st.find(qn("w:name")).get(ox.W_VAL): sid for sid, st in self.by_id.items()
                   if st.find(qn("w:name")) is not None}
        self.ids = {k: by_name.get(name, sid) for k, (sid, name) in PARAGRAPH_STYLES.items()}
        self.run_ids = {k: by_name.get(name, sid) for k, (sid, name) in RUN_IN_STYLES.items()}
        self.font_of: Dict[Optional[str], Optional[str]] = {}

    @staticmethod
    def fresh(document, profile: Profile) -> None:
        """Restyle python-docx's default template: drop what is unused, define ours."""
        root = document.styles.element
        for st in list(root.iter(ox.W_STYLE)):
            if st.get(qn("w:styleId")) not in KEEP_BUILTIN:
                root.remove(st)
        _define_defaults(root, profile)
        _define_all(root, profile, existing={})
        ox.strip_theme_fonts(root)

    @staticmethod
    def merge(document, profile: Profile) -> None:
        """Add from the profile only the styles the reference lacks."""
        root = document.styles.element
        names = {st.find(qn("w:name")).get(ox.W_VAL) for st in root.iter(ox.W_STYLE)
                 if st.find(qn("w:name")) is not None}
        _define_all(root, profile, existing=names)
        ox.strip_theme_fonts(root, only_shadowed=True)
        defaults = ox.default_paragraph_properties(root)
        if defaults.find(qn("w:overflowPunct")) is None:   # a template that says nothing: Word's default
            ox.print_line_end_marks(defaults)

    def east_asia(self, para_style: str, char_style: Optional[str]) -> Optional[str]:
        key = char_style or para_style
        if key not in self.font_of:
            font = ox.resolved_east_asia(char_style, self.by_id, None) if char_style else None
            self.font_of[key] = font or ox.resolved_east_asia(para_style, self.by_id, self.defaults)
        return self.font_of[key]

    def text_width(self, sect_pr) -> Optional[Twips]:
        """The width of the text block of this document's last section (a reference's own)."""
        if sect_pr is not None:
            sz, mar = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
            if sz is not None and mar is not None:
                page, left, right = _int_attr(sz, "w:w"), _int_attr(mar, "w:left"), _int_attr(mar, "w:right")
                if None not in (page, left, right) and page - left - right > 0:
                    return Twips(page - left - right)
        return None

    def title_chars_per_line(self, sect_pr) -> int:
        """Characters of the title style that fit in the text block of this document."""
        size = self._size(self.ids["title"])
        width = self.text_width(sect_pr)
        # A reference template's page or title size that is missing, not a number or leaves no
        # room (<w:pgSz/>, w:sz="big") falls back to the profile's own line length.
        if not size or not width or size + self.profile.char_spacing <= 0:
            return self.profile.title_chars_per_line
        return int(width // (size + self.profile.char_spacing)) or self.profile.title_chars_per_line

    def _size(self, style_id: str) -> Optional[Twips]:
        st = self.by_id.get(style_id)
        sz = st.find(f"{ox.W_RPR}/{qn('w:sz')}") if st is not None else None
        half_points = _int_attr(sz, "w:val") if sz is not None else None
        return Twips(half_points * TWIPS_PER_HALF_POINT) if half_points else None

    def paragraph(self, block: Block, title_chars: int):
        key = self.profile.heading(block.level) if block.kind == HEADING else KIND_STYLE.get(block.kind, "body")
        style_id = self.ids[key]
        runs = []
        for r in block.runs:
            text = r.text
            if block.kind == TITLE:
                text = balance_title(text, title_chars)
            char_key = None if r.role is TEXT else ("item" if r.role is ITEM else f"level{r.level}")
            char_id = self.run_ids.get(char_key) if char_key else None
            if char_key and char_id is None:
                char_id = self.run_ids["item"]
            runs.append(ox.run(text, self.east_asia(style_id, char_id), char_id))
        return ox.paragraph(style_id, runs)


    def table(self, block: Block, width: Optional[Twips]):
        """A Word table of the block's cells; each line of a cell is a paragraph of 表格文字."""
        style_id = self.ids["table"]
        font = self.east_asia(style_id, None)
        columns = max((len(row) for row in block.cells), default=len(block.cells))
        rows = [[[ox.paragraph(style_id, [ox.run(line, font)]) for line in cell.split("\n") if line]
                 or [ox.paragraph(style_id, [])] for cell in tuple(row) + ("",) * (columns - len(row))]
                for row in block.cells]
        return ox.table(rows or [[[]]], width or self.profile.text_width, self.profile.table_border_eighths)


# A 落款 line that is a date: 2025年4月8日, 二〇二五年四月八日.
_DATE_LINE = re.compile(r"^[\d〇○零一二三四五六七八九十]+年[\d〇○零一二三四五六七八九十]+月[\d〇○零一二三四五六七八九十]+日$")


def _indent_signoffs(blocks: List[Block], paragraphs: List, profile: Profile) -> None:
    """Within each run of 落款 lines ending in a date, centre the unit lines on the date line
    (GB/T 9704 7.3.5.1); the date keeps its style's right indent (右空四字)."""
    group: List[int] = []
    for i, b in enumerate(blocks + [Block(PARA, ())]):     # a sentinel closes the last group
        if b.kind == SIGNOFF:
            group.append(i)
            continue
        *units, date = group or [None]
        if date is not None and _DATE_LINE.match(blocks[date].text.strip()):
            indents = profile.signoff_indents([_set_width(blocks[u].text.strip()) for u in units],
                                              _set_width(blocks[date].text.strip()))
            for u, (twips, chars) in zip(units, indents):
                paragraphs[u].find(ox.W_PPR).append(ox.indent(right=twips, right_chars=chars))
        group = []

def _int_attr(el, name: str) -> Optional[int]:
    """An integer attribute of the reference's XML, or None when missing or not a number."""
    try:
        return int(el.get(qn(name)))
    except (TypeError, ValueError):
        return None


def _define_defaults(root, profile: Profile) -> None:
    """docDefaults and Normal carry the body font, size and the grid's character spacing."""
    body = profile.styles["body"]
    defaults = root.find(qn("w:docDefaults"))
    rpr = ox.run_properties(body.font, body.latin_font, body.size, spacing=profile.char_spacing, lang="zh-CN")
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr_default.remove(rpr_default.find(ox.W_RPR))
    rpr_default.append(rpr)
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{ox.W_PPR}")
    for old in list(ppr):               # spacing after=200 line=276 would break the grid
        ppr.remove(old)
    ox.print_line_end_marks(ppr)
    normal = ox.style_chain(root)["Normal"]
    ox.define_style(root, "paragraph", "Normal", "Normal", ox.paragraph_properties(body),
                    ox.run_properties(body.font, body.latin_font, body.size), keep=normal)


def _define_all(root, profile: Profile, existing) -> None:
    by_id = ox.style_chain(root)
    normal = _normal_id(by_id)
    for key, (sid, name) in PARAGRAPH_STYLES.items():
        if name in existing:
            continue
        st = profile.styles[key]
        outline = HEADING_KEYS.index(key) if key in HEADING_KEYS else None
        ox.define_style(root, "paragraph", sid, name, ox.paragraph_properties(st, outline, key == "signoff"),
                        ox.run_properties(st.font, st.latin_font, st.size, st.bold), based_on=normal,
                        keep=by_id.get(sid) if key in HEADING_KEYS else None)
    for key, (sid, name) in RUN_IN_STYLES.items():
        if name not in existing:
            font = profile.run_in[key]
            ox.define_style(root, "character", sid, name, None,
                            ox.run_properties(font.font, profile.latin_font, bold=font.bold))
    if PAGE_NUMBER_NAME not in existing:
        pn = profile.page_number
        ppr = ox.el("pPr")
        ppr.extend([ox.el("snapToGrid", val=ox.OFF), ox.el("spacing", before=ox.OFF, after=ox.OFF), ox.indent()])
        ox.define_style(root, "paragraph", PAGE_NUMBER_ID, PAGE_NUMBER_NAME, ppr,
                        ox.run_properties(pn.font, pn.font, pn.size), based_on=normal)


def _normal_id(by_id) -> str:
    """Word in Chinese saves Normal as styleId "a": find it by w:default, then by name."""
    for sid, st in by_id.items():
        if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) in ("1", "true", "on"):
            return sid
    for sid, st in by_id.items():
        name = st.find(qn("w:name"))
        if name is not None and name.get(ox.W_VAL) == "Normal":
            return sid
    return "Normal"


def _page_setup(document, profile: Profile) -> None:
    """A4, the 156 x 225 mm text block, the line grid and page numbers on alternating sides."""
    section = document.sections[0]
    ox.set_page(section._sectPr, profile.page_width, profile.page_height, profile.margin_top,
                profile.margin_bottom, profile.margin_left, profile.margin_right,
                profile.page_number.footer_distance, profile.line_pitch)
    document.settings.odd_and_even_pages_header_footer = True
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    table = document.part.part_related_by(RT.FONT_TABLE)
    cjk = [s.font for s in profile.styles.values()] + [r.font for r in profile.run_in.values()]
    cjk.append(profile.page_number.font)
    table._blob = ox.font_table(table.blob, {f: ALT_NAMES.get(f) for f in dict.fromkeys(cjk)})
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    pn = profile.page_number
    prefix, _, suffix = pn.format.partition("{n}")
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        element = footer._element
        for old in list(element):
            element.remove(old)
        p = ox.paragraph(PAGE_NUMBER_ID, ox.page_field_runs(prefix, suffix, pn.font))
        ppr = p.find(ox.W_PPR)
        ppr.append(ox.el("snapToGrid", val=ox.OFF))   # a footer on the grid drifts down a line
        ppr.append(ox.indent(**{side: pn.side_space_twips, f"{side}_chars": pn.side_space}))
        ppr.append(ox.el("jc", val=align))
        element.append(p)


def _open_reference(path: Path):
    """The reference .docx with its body emptied; its last section (page setup, footers) stays."""
    from drafter.safezip import check_docx_package
    check_docx_package(path, what="参考模板")
    try:
        document = docx.Document(str(path))
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        document.styles.element   # parsed now: a broken styles.xml is the template's fault, said here
    except Exception as e:  # noqa: BLE001 — python-docx raises zip, XML and attribute errors of any kind
        raise InputUnreadable(f"无法使用这个参考模板：文件已损坏或不是 Word 保存的 .docx（{type(e).__name__}）",
                              Location(path), hint="请用 Word 打开该模板后另存为 .docx 再试（不支持 .doc 与 .wps）。") from None
    return document


# --- long titles: balanced lines, broken between words (GB/T 9704 7.3.1) ------------------------

# The balancer's weights. These are text heuristics, not format numbers, so the test that keeps
# numeric literals out of the writer exempts the balancer. A break after punctuation is free;
# inside a known word it is dear.
_BREAK = {"punct": 0.0, "joiner": 1.0, "after_de": 2.0, "plain": 4.0, "before_de": 6.0, "in_word": 10.0,
          "half_width": 0.5, "full_width": 1.0, "autospace": 0.25,
          "min_line": 3}   # never one or two characters alone on a line (7.3.1: 排列对称，长短适宜)
_CLOSE = set("，、。：；！？）》〉」』”’…—")
_OPEN = set("（《〈「『“‘")
_JOINERS = set("暨和与及并")
_PREPOSITIONS = set("以在对把为向从将按于")
_UNITS = set("年月日号%％万亿个项次大届")
# Words a title must not be split inside. No segmenter on purpose: jieba costs a second to load.
_WORDS = tuple("""
讲话 发言 汇报 会议 大会 全会 座谈会 推进会 部署会 动员会 现场会 报告会 研讨会 工作会议 专题会议
总结 表彰 动员 部署 推进 落实 贯彻 学习 精神 全面 深化 改革 发展 建设 治理 现代化 高质量 新时代
社会 工作 社会工作 基层 党建 引领 体制 机制 体系 能力 水平 志愿 服务 志愿服务 城乡 社区 乡村 振兴
人民 群众 领导 组织 政府 委员会 党委 党组 区委 市委 省委 县委 年度 全区 全市 全省 全县 全国 全体
新兴领域 两新组织 行业协会 商会 民营企业 互联网 统筹 协调 创新 实践 经验 交流 体会 调研 专题
""".split())


def balance_title(text: str, chars_per_line: int) -> str:
    """Break a title too long for one line into balanced lines at word boundaries.

    A title that already holds "\\n" is kept as the renderer broke it. No line is left with one or
    two characters; digits and Latin letters count as half a character.
    """
    if "\n" in text or _width(text) <= chars_per_line:
        return text
    inside = _inside_words(text)
    best: Optional[Tuple[float, List[int]]] = None
    lines = math.ceil(_width(text) / chars_per_line)
    for count in (lines, lines + 1):
        found = _best_breaks(text, count, chars_per_line, inside)
        if found and (best is None or found[0] < best[0]):
            best = found
        if best is not None:
            break
    if best is None:
        return text
    cuts = [0] + best[1] + [len(text)]
    return "\n".join(text[a:b] for a, b in zip(cuts, cuts[1:]))


def _width(s: str) -> float:
    return sum(_BREAK["half_width"] if c.isascii() else _BREAK["full_width"] for c in s)


def _set_width(s: str) -> float:
    """Width in characters as Word and LibreOffice set it: _width plus the space both add
    between Chinese and digits or Latin letters (autospace)."""
    return _width(s) + _BREAK["autospace"] * sum(a.isascii() != b.isascii() for a, b in zip(s, s[1:]))


def _inside_words(text: str) -> set:
    inside = set()
    for word in _WORDS:
        start = text.find(word)
        while start >= 0:
            inside.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    return inside


def _break_cost(text: str, i: int, inside: set) -> Optional[float]:
    """Cost of a line break before text[i]; None where a break is not allowed."""
    a, b = text[i - 1], text[i]
    if b in _CLOSE or a in _OPEN or (a.isascii() and b.isascii() and a.isalnum() and b.isalnum()):
        return None
    if a.isdigit() and b in _UNITS:
        return None
    if a in _PREPOSITIONS and (i < 2 or not text[i - 2].isalnum()):
        return _BREAK["in_word"]   # 以/在/对 … belong to what follows: not "……：以" then "“123456”……"
    if a in _CLOSE or b in _OPEN:
        return _BREAK["punct"]
    if a in _JOINERS or text.startswith("上的", i):
        return _BREAK["joiner"]
    cost = _BREAK["after_de"] if a == "的" else _BREAK["before_de"] if b == "的" else _BREAK["plain"]
    return cost + (_BREAK["in_word"] if i in inside else _BREAK["punct"])


def _best_breaks(text: str, count: int, cap: int, inside: set) -> Optional[Tuple[float, List[int]]]:
    """Minimum cost of ``count`` lines: break costs plus the spread of line widths.

    A depth-first search in text order (so ties keep the first split found), bounded two ways:
    a partial split is dropped when its cost so far plus a lower bound for the rest (the cheapest
    breaks for the remaining lines, and the spread the widths must have) cannot beat the best
    found; and a state (position, lines left, widest and narrowest line so far) reached again at
    no lower cost is not searched again. Without these a 120-character title took minutes.
    """
    n = len(text)
    costs = {i: _break_cost(text, i, inside) for i in range(1, n)}
    prefix = [0.0]
    for c in text:
        prefix.append(prefix[-1] + _width(c))
    low = _min_line = _BREAK["min_line"]

    def width(a: int, b: int) -> float:
        return prefix[b] - prefix[a]

    # cheapest[(start, left)]: least break cost to set text[start:] in ``left`` lines, widths in range.
    cheapest: dict = {}

    def least(start: int, left: int) -> Optional[float]:
        key = (start, left)
        if key not in cheapest:
            if left == 1:
                cheapest[key] = 0.0 if low <= width(start, n) <= cap else None
            else:
                found = None
                for i in range(start + 1, n):
                    w = width(start, i)
                    if w > cap:
                        break
                    if costs[i] is None or w < low:
                        continue
                    rest = least(i, left - 1)
                    if rest is not None and (found is None or costs[i] + rest < found):
                        found = costs[i] + rest
                cheapest[key] = found
        return cheapest[key]

    best: Optional[Tuple[float, List[int]]] = None
    seen: dict = {}

    def search(start: int, left: int, cuts: List[int], acc: float, wide: float, narrow: float) -> None:
        nonlocal best
        rest = least(start, left)
        if rest is None:
            return
        mean = width(start, n) / left          # some later line is at least, and one at most, this wide
        bound = acc + rest + max(wide, mean) - min(narrow, mean)
        if best is not None and bound >= best[0]:
            return
        state = (start, left, wide, narrow)
        if state in seen and seen[state] <= acc:
            return
        seen[state] = acc
        if left == 1:
            last = width(start, n)
            total = acc + max(wide, last) - min(narrow, last)
            if best is None or total < best[0]:
                best = (total, list(cuts))
            return
        for i in range(start + 1, n):
            w = width(start, i)
            if w > cap:
                break
            cost = costs[i]
            if cost is not None and w >= _min_line:
                search(i, left - 1, cuts + [i], acc + cost, max(wide, w), min(narrow, w))

    search(0, count, [], 0.0, 0.0, float("inf"))
    return best
