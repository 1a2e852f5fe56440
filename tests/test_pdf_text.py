"""The printed copy is the whole draft: every character of the .docx is in the PDF, inside the text
block.

Measured on the PDFs of conftest_pdf.layout_pdfs (one LibreOffice call for the whole suite):
every example in both profiles, the hand-built speech, a unit's template, and the shared seed and
corpus texts as ``drafter format`` sets them.
"""
from __future__ import annotations

import difflib
from typing import List

import pytest

from conftest_pdf import example_names, format_sources, layout_pdfs, pages  # noqa: F401  (fixtures)
from pdfmeasure import PT_PER_MM, Page, docx_paragraphs, ink

CASES = ["gbt9704", "podium", "reference"] + example_names() + list(format_sources())
INSIDE_PT = 0.5 * PT_PER_MM          # a glyph may touch the text block's edge, not cross it


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
