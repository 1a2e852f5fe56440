"""The only module that touches raw OOXML: fonts with w:eastAsia, style properties, grid, PAGE fields.

python-docx has no API for the East Asian font, the line grid, chars-based indents or fields;
everything here builds those elements in the order the schema requires (Word is strict about
child order in w:pPr and w:rPr; LibreOffice is not, so a LibreOffice test cannot catch it).
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional

from docx.oxml.ns import qn
from lxml import etree

from drafter.profile.model import Chars, Style, Twips

W_P, W_R, W_T, W_BR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:br")
W_PPR, W_RPR, W_PSTYLE, W_RSTYLE = qn("w:pPr"), qn("w:rPr"), qn("w:pStyle"), qn("w:rStyle")
W_RFONTS, W_VAL, W_STYLE = qn("w:rFonts"), qn("w:val"), qn("w:style")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
EXPLICIT_OF = dict(zip(THEME_ATTRS, (qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))))
JC = {"justify": "both", "center": "center", "left": "left", "right": "right"}
OFF = "0"

# Child order of the complex types we write (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28, 17.7.4.17).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "kinsoku",
             "wordWrap", "overflowPunct", "snapToGrid", "spacing", "ind", "contextualSpacing", "jc",
             "outlineLvl", "rPr")
STYLE_ORDER = ("name", "basedOn", "next", "link", "uiPriority", "semiHidden", "unhideWhenUsed",
               "qFormat", "rsid", "pPr", "rPr")


def el(tag: str, **attrs: str) -> etree._Element:
    """A w: element with w: attributes (values are strings)."""
    e = etree.Element(qn(f"w:{tag}"))
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    return e


def put(parent: etree._Element, child: etree._Element, order: Iterable[str]) -> etree._Element:
    """Replace or insert ``child`` in ``parent`` at its schema position."""
    order = list(order)
    name = etree.QName(child).localname
    old = parent.find(child.tag)
    if old is not None:
        old.addprevious(child)
        parent.remove(old)
        return child
    rank = order.index(name) if name in order else len(order)
    for sibling in parent:
        other = etree.QName(sibling).localname
        if other in order and order.index(other) > rank:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def rfonts(east_asia: Optional[str], latin: Optional[str] = None) -> etree._Element:
    """w:rFonts with the East Asian font named and hint="eastAsia", so quotes, dashes and
    ellipses take the Chinese font too."""
    e = el("rFonts")
    if latin:
        for a in ("ascii", "hAnsi", "cs"):
            e.set(qn(f"w:{a}"), latin)
    if east_asia:
        e.set(qn("w:eastAsia"), east_asia)
    e.set(qn("w:hint"), "eastAsia")
    return e


def run_properties(font: str, latin: str, size: Optional[Twips] = None, bold: Optional[bool] = None,
                   spacing: Optional[Twips] = None, lang: Optional[str] = None) -> etree._Element:
    rpr = el("rPr")
    rpr.append(rfonts(font, latin))
    if bold:
        rpr.append(el("b"))
        rpr.append(el("bCs"))
    if spacing:
        rpr.append(el("spacing", val=str(spacing)))
    if size:
        rpr.append(el("sz", val=str(size.half_points)))
        rpr.append(el("szCs", val=str(size.half_points)))
    if lang:
        rpr.append(el("lang", val="en-US", eastAsia=lang))
    return rpr


def paragraph_properties(style: Style, outline_level: Optional[int] = None,
                         block_lines: bool = False, page_break: bool = False) -> etree._Element:
    """A style's w:pPr. ``block_lines`` (the lines of one 落款 block): no space between
    paragraphs of the style, so only the first line keeps its space before. ``page_break``:
    each paragraph of the style starts a page."""
    ppr = el("pPr")
    if style.keep_with_next:
        ppr.append(el("keepNext"))
    if page_break:
        ppr.append(el("pageBreakBefore"))
    if not style.widow_control:
        ppr.append(el("widowControl", val=OFF))
    if not style.snap_to_grid:
        ppr.append(el("snapToGrid", val=OFF))
    ppr.append(el("spacing", before=str(style.space_before), after=str(style.space_after)))
    ppr.append(indent(first=style.first_indent_twips, first_chars=style.first_indent,
                      right=style.right_indent_twips, right_chars=style.right_indent))
    ppr.append(el("jc", val=JC[style.align]))
    if block_lines:
        put(ppr, el("contextualSpacing"), PPR_ORDER)
    if outline_level is not None:
        ppr.append(el("outlineLvl", val=str(outline_level)))
    return ppr


def print_line_end_marks(ppr: etree._Element) -> None:
    """Make LibreOffice print a closing mark that falls after the last character of a full line.

    Writes ``w:overflowPunct`` on, which is what Word and WPS assume when it is absent (ECMA-376
    Part 1, 17.3.1.21): there nothing changes, the mark hangs in the margin and is printed.
    LibreOffice (7.4, and its writerfilter today) reads the element inverted, hanging = (val is
    0), and hangs by its own default when the element is absent; a mark hanging from a justified
    line is then left out of its PDF and print (640 marks were missing from the 42 PDFs the
    layout tests make). Written on, LibreOffice does not hang: the mark moves to the next line
    with the character before it (避头尾, push-out), that line's 27 characters are spread over
    the full width, and every mark is printed."""
    put(ppr, el("overflowPunct", val="1"), PPR_ORDER)


def print_line_end_marks_everywhere(styles: etree._Element) -> None:
    """``print_line_end_marks`` for a unit's template: in docDefaults, and over every style that
    switches it off (Word's 允许标点溢出边界 unticked), which LibreOffice would read as hanging."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("docDefaults")
        styles.insert(0, defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = etree.SubElement(defaults, qn("w:pPrDefault"))   # after rPrDefault
    ppr = ppr_default.find(W_PPR)
    print_line_end_marks(ppr if ppr is not None else etree.SubElement(ppr_default, W_PPR))
    for off in styles.iter(qn("w:overflowPunct")):
        off.set(W_VAL, "1")


def indent(first: Twips = Twips(0), first_chars: Chars = Chars(0), left: Twips = Twips(0),
           left_chars: Chars = Chars(0), right: Twips = Twips(0), right_chars: Chars = Chars(0)) -> etree._Element:
    """w:ind in both units: Word reads the *Chars values, LibreOffice 7 the twips."""
    return el("ind", left=str(left), leftChars=str(left_chars), right=str(right), rightChars=str(right_chars),
              firstLine=str(first), firstLineChars=str(first_chars))


def define_style(styles: etree._Element, kind: str, style_id: str, name: str, ppr: Optional[etree._Element],
                 rpr: Optional[etree._Element], based_on: Optional[str] = None,
                 keep: Optional[etree._Element] = None) -> etree._Element:
    """Create the style, or restyle ``keep`` (a built-in) in place: its pPr and rPr are replaced."""
    st = keep if keep is not None else etree.SubElement(styles, W_STYLE)
    st.set(qn("w:type"), kind)
    st.set(qn("w:styleId"), style_id)
    if keep is None:
        st.append(el("name", val=name))
        if based_on:
            st.append(el("basedOn", val=based_on))
        st.append(el("qFormat"))
    for tag in ("link", "color"):
        for old in st.findall(qn(f"w:{tag}")):
            st.remove(old)
    for new, tag in ((ppr, W_PPR), (rpr, W_RPR)):
        old = st.find(tag)
        if old is not None:
            st.remove(old)
        if new is not None:
            put(st, new, STYLE_ORDER)
    return st


def strip_theme_fonts(root: etree._Element, only_shadowed: bool = False) -> None:
    """Remove theme font attributes: they override the explicit names. With ``only_shadowed``
    keep those that have no explicit counterpart (a reference template relying on its theme)."""
    for rf in root.iter(W_RFONTS):
        for attr in THEME_ATTRS:
            if attr in rf.attrib and (not only_shadowed or EXPLICIT_OF[attr] in rf.attrib):
                del rf.attrib[attr]


def paragraph(style_id: str, runs: List[etree._Element]) -> etree._Element:
    p = etree.Element(W_P)
    ppr = etree.SubElement(p, W_PPR)
    etree.SubElement(ppr, W_PSTYLE).set(W_VAL, style_id)
    p.extend(runs)
    return p


def run(text: str, east_asia: Optional[str], char_style: Optional[str] = None) -> etree._Element:
    """A run with the East Asian font named on it; a "\\n" in ``text`` becomes a line break."""
    r = etree.Element(W_R)
    rpr = etree.SubElement(r, W_RPR)
    if char_style:
        etree.SubElement(rpr, W_RSTYLE).set(W_VAL, char_style)
    rf = etree.SubElement(rpr, W_RFONTS)
    if east_asia:
        rf.set(qn("w:eastAsia"), east_asia)
    rf.set(qn("w:hint"), "eastAsia")
    first = True
    for line in text.split("\n"):
        if not first:
            etree.SubElement(r, W_BR)
        first = False
        t = etree.SubElement(r, W_T)
        t.text = line
        t.set(XML_SPACE, "preserve")
    return r


TBL_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def table(rows: List[List[List[etree._Element]]], width: Twips, border_eighths: int) -> etree._Element:
    """A w:tbl of ``rows`` (each a list of cells, each a list of w:p) the width of the text block,
    equal columns, every rule single (ECMA-376 Part 1, 17.4.38: tblPr, tblGrid, then rows)."""
    columns = max(len(r) for r in rows)
    col = Twips(width // columns)
    tbl = etree.Element(qn("w:tbl"))
    tbl_pr = etree.SubElement(tbl, qn("w:tblPr"))
    tbl_pr.append(el("tblW", w=str(col * columns), type="dxa"))
    borders = etree.SubElement(tbl_pr, qn("w:tblBorders"))
    for side in TBL_BORDERS:
        borders.append(el(side, val="single", sz=str(border_eighths), space=OFF, color="auto"))
    tbl_pr.append(el("tblLayout", type="fixed"))
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for _ in range(columns):
        grid.append(el("gridCol", w=str(col)))
    for cells in rows:
        tr = etree.SubElement(tbl, qn("w:tr"))
        for paragraphs in cells + [[]] * (columns - len(cells)):
            tc = etree.SubElement(tr, qn("w:tc"))
            tc_pr = etree.SubElement(tc, qn("w:tcPr"))
            tc_pr.append(el("tcW", w=str(col), type="dxa"))
            tc.extend(paragraphs or [etree.Element(W_P)])     # a cell holds at least one paragraph
    return tbl


def page_field_runs(prefix: str, suffix: str, east_asia: str) -> List[etree._Element]:
    """``prefix`` PAGE ``suffix`` as runs; python-docx has no field API."""
    def field_run(child: etree._Element) -> etree._Element:
        r = run("", east_asia)
        r.remove(r.find(W_T))
        r.append(child)
        return r

    instr = el("instrText")
    instr.text = " PAGE "
    instr.set(XML_SPACE, "preserve")
    return [run(prefix, east_asia), field_run(el("fldChar", fldCharType="begin")), field_run(instr),
            field_run(el("fldChar", fldCharType="separate")), run("1", east_asia),
            field_run(el("fldChar", fldCharType="end")), run(suffix, east_asia)]


def set_page(sect_pr: etree._Element, width: Twips, height: Twips, top: Twips, bottom: Twips, left: Twips,
             right: Twips, footer: Twips, line_pitch: Twips) -> None:
    """Page size, margins, footer distance and a line grid (Word's 只指定行网格)."""
    order = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
             "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
             "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid")
    put(sect_pr, el("pgSz", w=str(width), h=str(height)), order)
    mar = sect_pr.find(qn("w:pgMar"))
    header = mar.get(qn("w:header")) if mar is not None else str(footer)
    put(sect_pr, el("pgMar", top=str(top), right=str(right), bottom=str(bottom), left=str(left),
                    header=header or str(footer), footer=str(footer), gutter=OFF), order)
    put(sect_pr, el("docGrid", type="lines", linePitch=str(line_pitch)), order)


def style_chain(styles: etree._Element) -> Dict[str, etree._Element]:
    return {st.get(qn("w:styleId")): st for st in styles.iter(W_STYLE)}


def resolved_east_asia(style_id: Optional[str], by_id: Dict[str, etree._Element],
                       defaults: Optional[etree._Element]) -> Optional[str]:
    """The explicit East Asian font a style ends up with (basedOn chain, then docDefaults)."""
    seen = set()
    while style_id and style_id not in seen and style_id in by_id:
        seen.add(style_id)
        st = by_id[style_id]
        rf = st.find(f"{W_RPR}/{W_RFONTS}")
        if rf is not None and rf.get(qn("w:eastAsia")):
            return rf.get(qn("w:eastAsia"))
        if rf is not None and rf.get(qn("w:eastAsiaTheme")):
            return None
        based = st.find(qn("w:basedOn"))
        style_id = based.get(W_VAL) if based is not None else None
    rf = defaults.find(f".//{W_RFONTS}") if defaults is not None else None
    return rf.get(qn("w:eastAsia")) if rf is not None else None


def font_table(blob: bytes, fonts: Dict[str, Optional[str]]) -> bytes:
    """fontTable.xml declaring each Chinese font as GB2312 (charset 86) with its Windows
    alternative, so Word and WPS substitute a Chinese font (仿宋 for 仿宋_GB2312) when one is
    missing instead of a Japanese one. The template's Japanese entries go."""
    root = etree.fromstring(blob)
    for font in list(root):
        if font.get(qn("w:name")) in fonts or font.find(qn("w:charset")) is not None \
                and font.find(qn("w:charset")).get(W_VAL) == "80":
            root.remove(font)
    for name, alt in fonts.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        if alt:
            font.append(el("altName", val=alt))
        font.extend([el("charset", val="86"), el("family", val="modern"), el("pitch", val="fixed")])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
