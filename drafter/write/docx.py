"""Draft + Profile (+ a unit's reference .docx) -> .docx in the GB/T 9704 format, through named styles.

Every paragraph gets a named style (Chinese names a Chinese Word user recognises; the built-in
Heading 1..4 restyled so the navigation pane works); every run names its East Asian font. With a
reference .docx, page setup, headers, footers and the styles it already has are kept, as pandoc's
--reference-doc does (cleaned first of anything that names an outside target or runs code,
drafter.write.reference); styles it lacks are added from the profile. All numbers come from the profile.
"""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import docx
from docx.oxml.ns import qn

from drafter import __version__
from drafter.write import _oxml as ox
from drafter.write.title_lines import balance_title, set_width
from drafter.cache import cache_dir, load, store
from drafter import draft as model
from drafter.draft import (BLOCK_KINDS, ITEM, ITEM_STYLE_NAME, KIND_ROWS, PARA, RUNIN_STYLE_PREFIX, SIGNOFF, TABLE,
                           TEXT, TITLE, Block, BlockKind, Draft)
from drafter.errors import InputUnreadable, Location
from drafter.fsutil import write_atomic
from drafter.zh.numerals import is_date_line
from drafter.profile.load import load_profile
from drafter.profile.model import RUN_IN_KEYS, TWIPS_PER_HALF_POINT, Profile, Twips

# Every paragraph style: (its kind, its place among the kind's styles = the outline level of a
# heading, profile style key, style id, style name), from the block-kind table. Word's own
# (Heading N) come last: they are restyled where the template has them.
_STYLES: Tuple[Tuple[BlockKind, int, str, str, str], ...] = tuple(sorted(
    ((kind, place, key, sid, name) for kind in BLOCK_KINDS for place, (_, key, sid, name) in enumerate(kind.styles())),
    key=lambda s: s[0].builtin))
# Profile style key -> (style id, style name). Built-in styles are known by w:name.
PARAGRAPH_STYLES = {key: (sid, name) for _, _, key, sid, name in _STYLES}
RUN_IN_STYLES = {k: (f"DrafterRunIn{k[len('level'):]}", f"{RUNIN_STYLE_PREFIX}{k[len('level'):]}")
                 for k in RUN_IN_KEYS if k.startswith("level")}
RUN_IN_STYLES["item"] = ("DrafterItem", ITEM_STYLE_NAME)
PAGE_NUMBER_ID, PAGE_NUMBER_NAME = "DrafterPageNumber", "页码"
# Windows ships 仿宋 and 楷体 but not the _GB2312 names offices use (written to fontTable.xml).
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
# Default-template styles that stay; the rest (tables, lists, captions...) go, so that every
# style left in styles.xml names its East Asian font.
KEEP_BUILTIN = ("Normal",) + tuple(sid for kind, _, _, sid, _ in _STYLES if kind.builtin)


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
    objects = None
    if any(r.is_object for b in draft.blocks for r in b.runs):     # pictures, notes, comments of a source
        from drafter.write.inline import Objects
        objects = Objects(document, styles.east_asia(styles.ids[KIND_ROWS[PARA].profile_key], None))
    paragraphs = [styles.table(b, width) if b.kind == TABLE else styles.paragraph(b, title_chars, objects)
                  for b in draft.blocks]
    _indent_signoffs(draft.blocks, paragraphs, profile)
    _pages_after(draft.blocks, paragraphs)
    _fold_tents(document, draft.blocks, paragraphs, styles, sect_pr)
    at = list(body).index(sect_pr) if sect_pr is not None else len(body)
    body[at:at] = paragraphs
    if objects is not None:
        objects.finish(body)
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
    for module in (__file__, ox.__file__, model.__file__):
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
        ox.print_line_end_marks_everywhere(root)

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
        size = self._size(self.ids[KIND_ROWS[TITLE].profile_key])
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

    def paragraph(self, block: Block, title_chars: int, objects=None):
        style_id = self.ids[_style_key(block)]
        runs = []
        for r in block.runs:
            if r.is_object:
                if objects is not None:
                    runs.extend(objects.elements(r))
                continue
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
        style_id = self.ids[KIND_ROWS[TABLE].profile_key]
        font = self.east_asia(style_id, None)
        columns = max((len(row) for row in block.cells), default=len(block.cells))
        rows = [[[ox.paragraph(style_id, [ox.run(line, font)]) for line in cell.split("\n") if line]
                 or [ox.paragraph(style_id, [])] for cell in tuple(row) + ("",) * (columns - len(row))]
                for row in block.cells]
        return ox.table(rows or [[[]]], width or self.profile.text_width, self.profile.table_border_eighths)


def _indent_signoffs(blocks: List[Block], paragraphs: List, profile: Profile) -> None:
    """Within each run of 落款 lines ending in a date, centre the unit lines on the date line
    (GB/T 9704 7.3.5.1); the date keeps its style's right indent (右空四字)."""
    group: List[int] = []
    for i, b in enumerate(blocks + [Block(PARA, ())]):     # a sentinel closes the last group
        if b.kind == SIGNOFF:
            group.append(i)
            continue
        *units, date = group or [None]
        if date is not None and is_date_line(blocks[date].text):     # 2025年4月8日, 二〇二五年四月八日
            indents = profile.signoff_indents([set_width(blocks[u].text.strip()) for u in units],
                                              set_width(blocks[date].text.strip()))
            for u, (twips, chars) in zip(units, indents):
                paragraphs[u].find(ox.W_PPR).append(ox.indent(right=twips, right_chars=chars))
        group = []

def _fold_tents(document, blocks: List[Block], paragraphs: List, styles: "_Styles", sect_pr) -> None:
    """Blocks of a kind printed as a table tent (桌签) get their two halves (drafter.write.tent)."""
    tents = [i for i, b in enumerate(blocks) if KIND_ROWS.get(b.kind, KIND_ROWS[PARA]).tent]
    if not tents:
        return
    from drafter.write import tent
    profile = styles.profile
    size = sect_pr.find(qn("w:pgSz")) if sect_pr is not None else None
    margins = sect_pr.find(qn("w:pgMar")) if sect_pr is not None else None
    # The page of this document (a unit template's own), else the profile's.
    page = tuple((_int_attr(node, name) if node is not None else None) or fallback for node, name, fallback in (
        (size, "w:w", profile.page_width), (size, "w:h", profile.page_height),
        (margins, "w:left", profile.margin_left), (margins, "w:right", profile.margin_right)))
    # A card stands on the table: no page number on its face.
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer, section.first_page_footer):
            if not footer.is_linked_to_previous:
                element = footer._element
                for old in list(element):
                    element.remove(old)
                element.append(ox.paragraph(PAGE_NUMBER_ID, []))
    for n, i in enumerate(tents):
        key = _style_key(blocks[i])
        style_id = styles.ids[key]
        tent.fold(paragraphs[i], blocks[i].text, styles.east_asia(style_id, None) or profile.styles[key].font,
                  styles._size(style_id) or profile.styles[key].size, page, document, n)


def _pages_after(blocks: List[Block], paragraphs: List) -> None:
    """The first block after a run of a ``page_after`` kind (the 提纲 page) starts a new page."""
    previous = None
    for block, paragraph in zip(blocks, paragraphs):
        before, now = KIND_ROWS.get(previous.kind) if previous else None, KIND_ROWS.get(block.kind)
        previous = block
        if before is not None and before.page_after and not (now is not None and now.page_after) \
                and block.kind != TABLE:
            ox.put(paragraph.find(ox.W_PPR), ox.el("pageBreakBefore"), ox.PPR_ORDER)


def _style_key(block: Block) -> str:
    """The profile style of a block; levels deeper than its kind has take the deepest."""
    kind = KIND_ROWS.get(block.kind)
    if kind is None:
        return KIND_ROWS[PARA].profile_key
    key, _, _ = kind.style_of(block.level)
    return key


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
    for kind, place, key, sid, name in _STYLES:
        if name in existing:
            continue
        st = profile.styles[key]
        ppr = ox.paragraph_properties(st, place if kind.outline else None, kind.block_lines, kind.own_page)
        ox.define_style(root, "paragraph", sid, name, ppr, ox.run_properties(st.font, st.latin_font, st.size, st.bold),
                        based_on=normal, keep=by_id.get(sid) if kind.builtin else None)
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
    """The reference .docx cleaned to what a template carries (drafter.write.reference): styles,
    numbering, fonts, theme and page setup; its body is empty, its last section stays."""
    from drafter.write.reference import clean_reference
    cleaned = clean_reference(path)
    try:
        document = docx.Document(io.BytesIO(cleaned.data))
        document.element.body
        document.styles.element   # parsed now: a broken styles.xml is the template's fault, said here
    except Exception:  # noqa: BLE001 — python-docx raises zip, XML and attribute errors of any kind
        raise InputUnreadable("无法使用这个参考模板：文件已损坏或不是 Word 保存的 .docx",
                              Location(path), hint="请用 Word 打开该模板后另存为 .docx 再试（不支持 .doc 与 .wps）。") from None
    return document
