"""The printed copy is the whole draft: every character of the .docx is in the PDF, inside the text
block; no paragraph leaves a single line alone at the foot or head of a page, and no heading,
title, byline or salutation ends a page away from what follows it.

Measured on the PDFs of conftest_pdf.layout_pdfs (one LibreOffice call for the whole suite):
every example in both profiles, the hand-built speech, a unit's template, and the shared seed and
corpus texts as ``drafter format`` sets them.
"""
from __future__ import annotations

import difflib
from typing import Dict, List, Tuple

import pytest

from conftest_pdf import example_names, format_sources
from drafter.draft import BYLINE, HEADING, KICKER, KIND_ROWS, LEAD, OUTLINE_TITLE, SALUTATION, SIGNOFF, SUBTITLE, TITLE
from pdfmeasure import PT_PER_MM, Page, docx_paragraphs, ink, lines_by_paragraph

CASES = ["gbt9704", "podium", "reference", "page-foot"] + example_names() + list(format_sources())
INSIDE_PT = 0.5 * PT_PER_MM          # a glyph may touch the text block's edge, not cross it
# Paragraphs that belong with what follows them: never the last line of a page.
LEADING_STYLES = {name for kind in (KICKER, TITLE, SUBTITLE, BYLINE, LEAD, SALUTATION, HEADING, OUTLINE_TITLE)
                  for *_, name in KIND_ROWS[kind].styles()}
SIGNOFF_STYLE = KIND_ROWS[SIGNOFF].style


def missing(expected: str, printed: str, limit: int = 8) -> List[str]:
    """What ``expected`` has that ``printed`` lacks (or has instead), with the text before it."""
    out = []
    matcher = difflib.SequenceMatcher(None, expected, printed, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            out.append(f"…{expected[max(0, i1 - 10):i1]}[{expected[i1:i2]}→{printed[j1:j2]}]")
    return out[:limit]


def printed_text(doc: List[Page]) -> str:
    return "".join(ln.text for page in doc for ln in page.lines)


@pytest.mark.parametrize("case", CASES)
def test_every_character_of_the_docx_is_printed(case, pages, layout_pdfs):
    """Character by character, whitespace aside: LibreOffice once dropped a closing mark that hung
    past the end of a full justified line (请大家相互学习、取长补短 without its 。)."""
    expected = ink("".join(text for _, text in docx_paragraphs(layout_pdfs[case].docx)))
    printed = ink(printed_text(pages[case]))
    assert printed == expected, missing(expected, printed)


@pytest.mark.parametrize("case", CASES)
def test_every_glyph_is_inside_the_text_block(case, pages, layout_pdfs):
    """A glyph past the margin may be clipped or cut by a printer: none hangs there."""
    profile = layout_pdfs[case].profile
    left = (30 * PT_PER_MM if case == "reference" else profile.margin_left.pt) - INSIDE_PT
    right = (profile.page_width - profile.margin_right).pt + INSIDE_PT
    outside = [(page.number, c["text"], round(c["x0"], 1), round(c["x1"], 1))
               for page in pages[case] for ln in page.lines for c in ln.chars if c["x0"] < left or c["x1"] > right]
    assert not outside, outside[:8]


# --- widows, orphans and headings at a page foot (GB/T 9704 is silent; Word's and WPS's defaults) --

def page_breaks(paragraphs: Tuple[Tuple[str, str], ...], doc: List[Page]) -> Dict[str, List[Tuple[int, str, str]]]:
    """Orphans (a paragraph's first line alone at a page foot), widows (its last line alone at a
    page head) and leading paragraphs (headings, title, byline, salutation, a 落款 line before
    another) that end a page while what follows them starts the next."""
    last_line = {page.number: len(page.lines) - 1 for page in doc}
    places = lines_by_paragraph(paragraphs, doc)
    found: Dict[str, List[Tuple[int, str, str]]] = {"orphan": [], "widow": [], "alone at the foot": []}
    printed = [k for k, p in enumerate(places) if p]
    for k, following in zip(printed, printed[1:] + [None]):
        style, text = paragraphs[k]
        lines = places[k]
        on_page: Dict[int, int] = {}
        for number, _ in lines:
            on_page[number] = on_page.get(number, 0) + 1
        first_page, last_page = min(on_page), max(on_page)
        if first_page != last_page and on_page[first_page] == 1:
            found["orphan"].append((first_page, style, text[:16]))
        if first_page != last_page and on_page[last_page] == 1:
            found["widow"].append((last_page, style, text[-16:]))
        leading = style in LEADING_STYLES or (style == SIGNOFF_STYLE and following is not None
                                              and paragraphs[following][0] == SIGNOFF_STYLE)
        page, index = lines[-1]
        if leading and following is not None and index == last_line[page] and places[following][0][0] > page:
            found["alone at the foot"].append((page, style, text[:16]))
    return found


@pytest.mark.parametrize("case", CASES)
def test_no_single_line_of_a_paragraph_alone_on_a_page(case, pages, layout_pdfs):
    found = page_breaks(docx_paragraphs(layout_pdfs[case].docx), pages[case])
    assert not found["orphan"] and not found["widow"], found


@pytest.mark.parametrize("case", CASES)
def test_no_heading_title_or_salutation_ends_a_page(case, pages, layout_pdfs):
    found = page_breaks(docx_paragraphs(layout_pdfs[case].docx), pages[case])
    assert not found["alone at the foot"], found["alone at the foot"]


def test_every_kind_that_keeps_with_the_next_stays_off_the_page_foot(pages, layout_pdfs):
    """page_foot_draft puts each kind on every line of a page in turn. Without the keep rules
    (page-foot-unkept) each of them ends a page somewhere and paragraphs leave single lines: the
    measure sees them. With the profile's rules none does."""
    kinds = LEADING_STYLES - {KIND_ROWS[OUTLINE_TITLE].style} | {SIGNOFF_STYLE}   # (the 提纲 page ends a page)
    unkept = page_breaks(docx_paragraphs(layout_pdfs["page-foot-unkept"].docx), pages["page-foot-unkept"])
    assert {style for _, style, _ in unkept["alone at the foot"]} == kinds
    assert unkept["orphan"] and unkept["widow"]
    kept = page_breaks(docx_paragraphs(layout_pdfs["page-foot"].docx), pages["page-foot"])
    assert kept == {"orphan": [], "widow": [], "alone at the foot": []}


def test_the_measure_finds_widows_orphans_and_lone_headings():
    """The measure itself, on pages laid out by hand: it must not be blind."""
    def page(number: int, *texts: str) -> Page:
        return Page(number, 0, 0, [type("Line", (), {"text": t})() for t in texts])

    paragraphs = (("heading 1", "一、总体要求"), ("文稿正文", "甲乙丙丁戊己庚辛"), ("文稿正文", "子丑寅卯辰巳"),
                  ("文稿正文", "午未申酉"))
    doc = [page(1, "一、总体要求"), page(2, "甲乙丙丁", "戊己庚辛", "子丑"), page(3, "寅卯", "辰巳", "午未"),
           page(4, "申酉")]
    assert lines_by_paragraph(paragraphs, doc) == [[(1, 0)], [(2, 0), (2, 1)], [(2, 2), (3, 0), (3, 1)],
                                                   [(3, 2), (4, 0)]]
    found = page_breaks(paragraphs, doc)
    assert found == {"orphan": [(2, "文稿正文", "子丑寅卯辰巳"), (3, "文稿正文", "午未申酉")],
                     "widow": [(4, "文稿正文", "午未申酉")], "alone at the foot": [(1, "heading 1", "一、总体要求")]}
    # A character the PDF lacks does not shift the lines that follow onto another paragraph.
    doc[1].lines[1].text = "戊己庚"
    assert lines_by_paragraph(paragraphs, doc)[2] == [(2, 2), (3, 0), (3, 1)]
