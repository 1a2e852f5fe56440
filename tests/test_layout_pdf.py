"""The .docx as LibreOffice lays it out: page, text block, grid, page numbers and fonts, measured
in the PDF (GB/T 9704-2012 clauses in the test names). Slow part: one soffice call per session."""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import List

import pytest

from conftest_pdf import example_names, format_sources, require_soffice
from drafter.errors import ToolMissing
from pdfmeasure import Line, Page, docx_paragraphs, keep_with_next_styles, lines_by_paragraph, mm, pdffonts

TOLERANCE_MM = 1.0
CASES = ["gbt9704", "podium"] + example_names() + list(format_sources())


@lru_cache(maxsize=None)
def font_key(name: str) -> str:
    """Family key of a PDF or fontconfig font name: NotoSerifCJKjp-Bold -> notoserifcjk."""
    base = re.sub(r"^[A-Z]{6}\+", "", name).split("-")[0]
    return re.sub(r"(?<=CJK)[a-z]{2}$", "", base).lower()


@lru_cache(maxsize=None)
def resolved_key(official: str) -> str:
    out = subprocess.run(["fc-match", "-f", "%{postscriptname}", official], capture_output=True, text=True,
                         env=__import__("drafter.fonts", fromlist=["x"]).fontconfig_env())
    return font_key(out.stdout.strip())


def right_edge(profile) -> float:
    return (profile.page_width - profile.margin_right).pt


def body_lines(page: Page, profile) -> List[Line]:
    body = resolved_key(profile.styles["body"].font)
    return [ln for ln in page.lines if {font_key(f) for f in ln.fonts()} == {body} and ln.all_cjk]


def test_page_is_a4_5_1(pages):
    for name in ("gbt9704", "podium"):
        for page in pages[name]:
            assert round(mm(page.width)) == 210 and round(mm(page.height)) == 297, (name, page.number)


@pytest.mark.parametrize("case", CASES)
def test_text_block_edges_5_2_1(case, pages, layout_pdfs):
    profile = layout_pdfs[case].profile
    lines = [ln for page in pages[case] for ln in page.lines]
    assert abs(mm(min(ln.x0 for ln in lines)) - profile.margin_left.mm) < TOLERANCE_MM
    full = [ln for page in pages[case] for ln in body_lines(page, profile)
            if ln.count_inside(right_edge(profile)) == profile.chars_per_line]
    assert full, "no full body line to measure the right edge on"
    inside_x1 = max(c["x1"] for ln in full for c in ln.chars if (c["x0"] + c["x1"]) / 2 < right_edge(profile))
    assert abs(mm(inside_x1) - mm(right_edge(profile))) < TOLERANCE_MM
    # The grid centres a line's glyphs in its cell: the cell top is (pitch - size) / 2 above them.
    for page in pages[case][1:]:
        first = page.lines[0]
        cell_top = first.top - (profile.line_pitch.pt - first.size) / 2
        assert abs(mm(cell_top) - profile.margin_top.mm) < TOLERANCE_MM, page.number


@pytest.mark.parametrize("case", CASES)
def test_lines_per_full_page_5_2_3(case, pages, layout_pdfs):
    """Every page between the first and the last is full, unless a keep rule moved lines on: a
    heading (title, byline, salutation, 落款 line) kept with what follows it, or lines moved so
    that no paragraph leaves a single line alone (widow and orphan control)."""
    profile = layout_pdfs[case].profile
    doc = pages[case]
    paragraphs = docx_paragraphs(layout_pdfs[case].docx)
    places = lines_by_paragraph(paragraphs, doc)
    owner = {place: k for k, lines in enumerate(places) for place in lines}
    kept_styles = keep_with_next_styles(layout_pdfs[case].docx)
    full = 0
    for page, following in zip(doc[1:-1], doc[2:]):
        assert len(page.lines) <= profile.lines_per_page, page.number
        if len(page.lines) == profile.lines_per_page:
            full += 1
            continue
        k = owner[(following.number, 0)]
        style, text = paragraphs[k]
        # Widow and orphan control move a paragraph of n lines whole (short by at most n - 1, and 2
        # at most: a 3-line paragraph on a page with 2 lines left), or pull one line on to join its last.
        short = profile.lines_per_page - len(page.lines)
        lines = len(places[k])
        moved_whole = places[k][0] == (following.number, 0) and short <= min(2, lines - 1)
        pulled_on = places[k][0][0] == page.number and short == 1 and \
            sum(n == following.number for n, _ in places[k]) == 2
        assert style in kept_styles or moved_whole or pulled_on, \
            f"page {page.number}: {len(page.lines)} lines, and page {following.number} opens with {style} {text[:12]}"
    assert full >= 1 or len(doc) < 3          # a short draft has no page between first and last
    assert all(len(p.lines) <= profile.lines_per_page for p in doc)


@pytest.mark.parametrize("case", CASES)
def test_chars_per_full_body_line_5_2_3(case, pages, layout_pdfs):
    """A body line followed by plain ideographs holds exactly the grid's characters. (Before a
    number or a closing quote the line may end short: both stay with the previous character.)"""
    profile = layout_pdfs[case].profile
    right = right_edge(profile)
    indent = profile.styles["body"].first_indent.chars
    checked = 0
    for page in pages[case]:
        body = body_lines(page, profile)
        for ln, nxt in zip(page.lines, page.lines[1:]):
            continues = abs(mm(nxt.x0) - profile.margin_left.mm) < TOLERANCE_MM
            plain_next = all(_ideograph(c["text"]) for c in nxt.chars[:2])
            if ln not in body or not continues or not plain_next or not _ideograph(ln.chars[-2]["text"]):
                continue
            first_line = mm(ln.x0) > profile.margin_left.mm + TOLERANCE_MM
            expected = profile.chars_per_line - (indent if first_line else 0)
            assert ln.count_inside(right) == expected, (page.number, ln.text)
            checked += 1
    assert checked >= 5


def _ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@pytest.mark.parametrize("case", CASES)
def test_page_numbers_alternate_sides_7_5(case, pages, layout_pdfs):
    profile = layout_pdfs[case].profile
    pn = profile.page_number
    one_char = pn.size.pt
    for page in pages[case]:
        assert page.footer is not None, page.number
        assert page.footer.text == pn.format.format(n=page.number).replace(" ", "")
        assert abs(page.footer.size - pn.size.pt) < 0.5
        if page.number % 2:
            gap = right_edge(profile) - page.footer.x1
        else:
            gap = page.footer.x0 - profile.margin_left.pt
        assert abs(mm(gap) - mm(one_char)) < TOLERANCE_MM, (page.number, mm(gap))
        dash = page.footer.chars[0]
        below = mm((dash["top"] + dash["bottom"]) / 2) - (profile.page_height - profile.margin_bottom).mm
        assert abs(below - pn.below_text.mm) < TOLERANCE_MM, (page.number, below)


@pytest.mark.parametrize("case", CASES)
def test_each_level_in_its_own_font_family_7_3(case, pages, layout_pdfs):
    """Title, level 1, level 2 and body each use the family their official name maps to, and
    those families differ: no level fell back to another level's font."""
    profile = layout_pdfs[case].profile
    draft = layout_pdfs[case].draft
    doc = pages[case]
    wanted = {k: resolved_key(profile.styles[k].font) for k in ("title", "heading1", "heading2", "body")}
    assert len(set(wanted.values())) == len(wanted), wanted
    first_title_line = draft.title[:6] or None
    samples = {
        "title": first_title_line,
        "heading1": next((b.text[:6] for b in draft.blocks if b.kind == "heading" and b.level == 1), None),
        "heading2": next((b.text[:6] for b in draft.blocks if b.kind == "heading" and b.level == 2), None),
        "body": next(b.text[:10] for b in draft.blocks if b.kind == "para" and not any(b.heads())),
    }
    if case in ("gbt9704", "podium"):
        assert all(samples.values()), samples
    for key, text in samples.items():
        if text is None:
            continue        # this outline has no such level
        line = next((ln for p in doc for ln in p.lines if ln.text.startswith(text)), None)
        assert line is not None, (key, text)
        assert {font_key(f) for f in line.fonts(text)} == {wanted[key]}, (key, line.fonts(text))
    embedded = pdffonts(layout_pdfs[case].pdf)
    assert embedded and all(embedded.values()), embedded


def test_podium_is_larger_type_with_fewer_lines(pages, layout_pdfs):
    standard, podium = layout_pdfs["gbt9704"].profile, layout_pdfs["podium"].profile
    body = [ln for p in pages["podium"] for ln in body_lines(p, podium)]
    assert body and all(abs(ln.size - podium.styles["body"].size.pt) < 0.5 for ln in body)
    assert podium.styles["body"].size > standard.styles["body"].size
    assert podium.line_pitch > standard.line_pitch
    full = [p for p in pages["podium"][1:-1] if len(p.lines) == podium.lines_per_page]
    assert full and podium.lines_per_page < standard.lines_per_page
    assert len(pages["podium"]) > len(pages["gbt9704"])


def test_reference_docx_body_size_and_margins(pages, layout_pdfs):
    """A unit's template with a 17 pt body, a 30 mm left and a 25 mm top margin: the output has them."""
    profile = layout_pdfs["reference"].profile
    draft = layout_pdfs["reference"].draft
    doc = pages["reference"]
    paras = [b.text[:8] for b in draft.blocks if b.kind == "para" and not any(b.heads())]
    body = [ln for p in doc for ln in p.lines if any(t in ln.text for t in paras)]
    assert len(body) == len(paras) and all(abs(ln.size - 17) < 0.5 for ln in body)
    salutation = next(ln for ln in doc[0].lines if ln.text == "同志们：")
    assert abs(salutation.size - profile.styles["salutation"].size.pt) < 0.5   # its style was not changed
    assert abs(mm(min(ln.x0 for p in doc for ln in p.lines)) - 30) < TOLERANCE_MM
    first = doc[1].lines[0]
    cell_top = first.top - (profile.line_pitch.pt - first.size) / 2
    assert abs(mm(cell_top) - 25) < TOLERANCE_MM
    assert doc[0].footer is not None and doc[1].footer is not None   # its footers came along


def test_convert_to_pdf_makes_one_pdf(tmp_path, layout_pdfs):
    from drafter.write.pdf import convert_to_pdf

    out = tmp_path / "讲话.pdf"
    convert_to_pdf(layout_pdfs["gbt9704"].docx, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_missing_libreoffice_is_a_chinese_tool_missing(tmp_path, monkeypatch):
    import drafter.soffice
    import drafter.write.pdf

    monkeypatch.setattr(drafter.soffice, "find_soffice", lambda: None)
    with pytest.raises(ToolMissing) as e:
        drafter.write.pdf.convert_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert "LibreOffice" in e.value.message and "安装" in e.value.hint
    assert not (tmp_path / "a.pdf").exists()


def test_font_report_names_every_official_font():
    from drafter.fonts import font_report, format_report

    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed")
    report = font_report()
    names = [s.name for s in report]
    for official in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "Times New Roman"):
        assert official in names
    text = format_report(report)
    assert text.startswith("公文字体在本机的情况") and "仿宋_GB2312" in text
    require_soffice()   # where LibreOffice is installed, the aliases must be too
    bad = [s for s in report if not s.ok]
    assert not bad, format_report(report)


def test_project_fonts_conf_works_without_the_system_alias(tmp_path, monkeypatch):
    """Without root the alias file is used through FONTCONFIG_FILE. Checked with the system
    config swapped for one that knows only the Fandol folder: each name must find its own font."""
    import drafter.fonts as fonts

    fandol = Path("/usr/local/share/fonts/fandol")
    if shutil.which("fc-match") is None or not fandol.is_dir():
        pytest.skip("fontconfig or the Fandol fonts are not installed")
    monkeypatch.setattr(fonts, "SYSTEM_ALIAS", tmp_path / "absent.conf")
    written = Path(fonts.fontconfig_env({})["FONTCONFIG_FILE"])
    base = tmp_path / "base.conf"
    base.write_text(f"<fontconfig><dir>{fandol}</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    conf = tmp_path / "fonts.conf"
    conf.write_text(written.read_text(encoding="utf-8").replace("/etc/fonts/fonts.conf", str(base)), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "FONTCONFIG_FILE": str(conf)}
    for name, family in (("仿宋_GB2312", "FandolFang"), ("楷体_GB2312", "FandolKai"), ("黑体", "FandolHei")):
        out = subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True, text=True, env=env)
        assert out.stdout == family and "error" not in out.stderr.lower(), (name, out.stdout, out.stderr)
    assert fonts.fontconfig_env({"FONTCONFIG_FILE": "/x.conf"})["FONTCONFIG_FILE"] == "/x.conf"
