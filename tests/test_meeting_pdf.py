"""The example meeting pack as LibreOffice prints it: ``drafter render 会议.yaml -o 材料/ --format pdf``
(one LibreOffice start for the whole pack), each document measured like the other genres
(tests/test_layout_pdf.py), and the table tents measured: the name's size and place on both halves
of the folded page, the upper half turned 180°, no page number.

The pictures of the pack in the README (docs/meeting-pack.png) are made here, into out/.
"""
from __future__ import annotations

import collections
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from conftest import ROOT
from conftest_pdf import require_soffice
from helpers import run_capped
from pdfmeasure import PT_PER_MM, Page, measure, mm
from test_layout_pdf import body_lines, font_key, resolved_key, right_edge

PACK = ROOT / "examples" / "meeting"
TEXT_DOCUMENTS = ("议程", "主持词", "新闻稿", "讲话")
TOLERANCE_MM = 1.0
CARD_TOLERANCE_MM = 3.0
EM_MIDDLE = 0.38          # the middle of a CJK em box above its baseline, in ems (drafter.write.tent)
PICTURE = ROOT / "out" / "meeting-pack.png"


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Dict[str, Path]:
    require_soffice()
    out = tmp_path_factory.mktemp("pack") / "材料"
    r = run_capped(["render", PACK / "会议.yaml", "-o", out, "--format", "pdf"], timeout_s=300, memory_mb=3000)
    assert r.returncode == 0, r.stderr.decode()
    return {p.stem: p for p in out.glob("*.pdf")}


@pytest.fixture(scope="module")
def profile():
    from drafter.profile.load import load_profile
    return load_profile()


@pytest.fixture(scope="module")
def drafts() -> Dict[str, object]:
    from drafter.api import load_answers
    from drafter.genre.pack import render_pack
    return {r.document.name: r.draft for r in render_pack(load_answers(PACK / "会议.yaml"))}


@pytest.fixture(scope="module")
def pages(pack, profile) -> Dict[str, List[Page]]:
    return {k: measure(p, profile.margin_top.mm, profile.margin_bottom.mm) for k, p in pack.items()}


def test_every_document_of_the_pack_is_printed_on_a4(pack, pages):
    assert sorted(pack) == sorted(TEXT_DOCUMENTS + ("桌签",))
    for name, doc in pages.items():
        for page in doc:
            assert round(mm(page.width)) == 210 and round(mm(page.height)) == 297, (name, page.number)


@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_text_stays_in_the_text_block_5_2_1(name, pages, profile):
    lines = [ln for page in pages[name] for ln in page.lines]
    assert abs(mm(min(ln.x0 for ln in lines)) - profile.margin_left.mm) < TOLERANCE_MM
    one_char = profile.styles["body"].size.pt
    assert all(ln.x1 <= right_edge(profile) + one_char + TOLERANCE_MM * PT_PER_MM for ln in lines)   # a mark may hang
    for page in pages[name][1:]:
        first = page.lines[0]
        cell_top = first.top - (profile.line_pitch.pt - first.size) / 2
        assert abs(mm(cell_top) - profile.margin_top.mm) < TOLERANCE_MM, page.number


@pytest.mark.parametrize("name", ("主持词", "新闻稿", "讲话"))
def test_a_full_body_line_holds_the_grid_s_characters_5_2_3(name, pages, profile):
    right = right_edge(profile)
    checked = 0
    for page in pages[name]:
        body = body_lines(page, profile)
        for ln, nxt in zip(page.lines, page.lines[1:]):
            continues = abs(mm(nxt.x0) - profile.margin_left.mm) < TOLERANCE_MM
            plain = all("\u4e00" <= c["text"] <= "\u9fff" for c in nxt.chars[:2] + ln.chars[-2:-1])
            if ln in body and continues and plain and abs(mm(ln.x0) - profile.margin_left.mm) < TOLERANCE_MM:
                assert ln.count_inside(right) == profile.chars_per_line, (page.number, ln.text)
                checked += 1
    assert checked >= 1


@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_lines_and_page_numbers_7_5(name, pages, profile):
    pn = profile.page_number
    for page in pages[name]:
        assert len(page.lines) <= profile.lines_per_page
        assert page.footer is not None and page.footer.text == pn.format.format(n=page.number).replace(" ", "")
        gap = right_edge(profile) - page.footer.x1 if page.number % 2 else page.footer.x0 - profile.margin_left.pt
        assert abs(mm(gap) - mm(pn.size.pt)) < TOLERANCE_MM, (name, page.number)


@pytest.mark.parametrize("name,kind,key", [("议程", "title", "title"), ("议程", "agenda", "agenda"),
                                           ("主持词", "title", "title"), ("主持词", "byline", "byline"),
                                           ("主持词", "para", "body"), ("新闻稿", "title", "title"),
                                           ("新闻稿", "para", "body")])
def test_each_kind_in_its_own_font_7_3(name, kind, key, pages, drafts, profile):
    sample = next(b.text[:6] for b in drafts[name].blocks if b.kind == kind)
    line = next(ln for p in pages[name] for ln in p.lines if ln.text.startswith(sample))
    assert {font_key(f) for f in line.fonts(sample)} == {resolved_key(profile.styles[key].font)}
    assert abs(line.size - profile.styles[key].size.pt) < 0.5


# The speech is examples/leader-speech.yaml: tests/test_layout_pdf.py and test_pdf_text.py print it.
@pytest.mark.parametrize("name", ("议程", "主持词", "新闻稿", "桌签"))
def test_every_character_of_the_document_is_printed(name, pack, drafts):
    import pdfplumber
    with pdfplumber.open(str(pack[name])) as pdf:
        printed = collections.Counter(c["text"] for page in pdf.pages for c in page.chars)
    wanted = collections.Counter(ch for ch in drafts[name].text() if not ch.isspace())
    if name == "桌签":
        wanted = collections.Counter({ch: 2 * n for ch, n in wanted.items()})      # each name twice
    assert not wanted - printed


# -- the table tents ---------------------------------------------------------------------------------

def halves(pdf: Path):
    """Per page: (upright chars, turned chars, page width, page height), lengths in points."""
    import pdfplumber
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            up = [c for c in chars if c["matrix"][0] > 0 and c["matrix"][3] > 0]
            turned = [c for c in chars if c["matrix"][0] < 0 and c["matrix"][3] < 0]
            yield up, turned, float(page.width), float(page.height), chars


def em_middle(c, height: float, turned: bool) -> float:
    """Where the middle of a glyph's em box is, from the page's top, in mm: from its baseline."""
    baseline = height - c["matrix"][5]
    return mm(baseline + (EM_MIDDLE if turned else -EM_MIDDLE) * c["size"])


def test_one_card_a_page_with_the_name_on_both_halves(pack, drafts):
    names = [b.text for b in drafts["桌签"].blocks]
    pages = list(halves(pack["桌签"]))
    assert len(pages) == len(names) == 5
    for name, (up, turned, width, height, chars) in zip(names, pages):
        assert "".join(c["text"] for c in sorted(up, key=lambda c: c["x0"])) == name
        # turned by 180°: it reads from right to left on the page, every glyph upside down
        assert "".join(c["text"] for c in sorted(turned, key=lambda c: -c["x0"])) == name
        assert all(tuple(round(x, 3) for x in c["matrix"][:4]) == (-1, 0, 0, -1) for c in turned)
        assert len(chars) == 2 * len(name)             # and nothing else: no page number on a card


def test_the_name_is_large_and_centred_on_each_half_mirrored_about_the_fold(pack, profile):
    size = profile.styles["card"].size.pt
    for up, turned, width, height, _ in halves(pack["桌签"]):
        h = mm(height)
        for chars, is_turned, middle in ((up, False, h * 3 / 4), (turned, True, h / 4)):
            assert all(abs(c["size"] - size) < 1.5 for c in chars)          # 110 pt: a 2–4 character name
            across = mm((min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2)
            assert abs(across - mm(width) / 2) < CARD_TOLERANCE_MM
            assert abs(em_middle(chars[0], height, is_turned) - middle) < CARD_TOLERANCE_MM
        # the halves mirror each other about the fold, across and down
        up_mid = (min(c["x0"] for c in up) + max(c["x1"] for c in up)) / 2
        turned_mid = (min(c["x0"] for c in turned) + max(c["x1"] for c in turned)) / 2
        assert abs(mm(up_mid + turned_mid - width)) < CARD_TOLERANCE_MM
        assert abs(em_middle(up[0], height, False) + em_middle(turned[0], height, True) - mm(height)) \
            < CARD_TOLERANCE_MM


def test_a_long_name_is_set_smaller_to_stay_on_one_line(tmp_path, drafter_cli):
    require_soffice()
    from drafter import draft as d
    from drafter.api import write_draft
    out = tmp_path / "桌签.pdf"
    write_draft(d.Draft([d.block(d.CARD, "阿不都热合曼·买买提"), d.block(d.CARD, "林岚")]), out, "pdf")
    (up, turned, width, _, _), (short, *_) = list(halves(out))
    text_width = mm(width) - 28 - 26
    for chars in (up, turned):
        assert len({round(c["bottom"]) for c in chars}) == 1                      # one line
        assert mm(max(c["x1"] for c in chars) - min(c["x0"] for c in chars)) <= text_width + 1
        assert chars[0]["size"] < 60
    assert abs(short[0]["size"] - 110) < 1.5


# -- the picture in the README -------------------------------------------------------------------------

def test_a_picture_of_the_pack_for_the_readme(pack):
    """The first page of each document side by side, into out/meeting-pack.png; docs/ holds a copy."""
    from PIL import Image
    tool = shutil.which("pdftoppm")
    assert tool, "poppler-utils (pdftoppm) is missing"
    shots = PICTURE.parent / "meeting-pack"
    shots.mkdir(parents=True, exist_ok=True)
    images = []
    for name in ("议程", "主持词", "新闻稿", "桌签", "讲话"):
        stem = shots / name
        subprocess.run([tool, "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pack[name]), str(stem)],
                       check=True, timeout=60)
        images.append(Image.open(f"{stem}.png").convert("RGB"))
    gap = 12
    width = sum(i.width for i in images) + gap * (len(images) + 1)
    height = max(i.height for i in images) + 2 * gap
    sheet = Image.new("RGB", (width, height), (232, 230, 224))
    x = gap
    for img in images:
        sheet.paste(img, (x, gap))
        x += img.width + gap
    sheet.save(PICTURE)
    assert PICTURE.stat().st_size > 10_000
    committed = ROOT / "docs" / "meeting-pack.png"
    assert committed.is_file(), "copy out/meeting-pack.png to docs/ and commit it"
    assert Image.open(committed).size == sheet.size
