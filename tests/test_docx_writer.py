"""The .docx as XML: named styles, East Asian fonts everywhere, the grid, page numbers, titles,
reference templates. What LibreOffice makes of it is in test_layout_pdf.py."""
from __future__ import annotations

import ast
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from docx.shared import Mm, Pt
from lxml import etree

from conftest_pdf import sample_speech
from drafter.write.docx import build_document, write_docx
from drafter.draft import HEAD, HEADING, PARA, SIGNOFF, TABLE, TITLE, Block, Draft, Run, block
from drafter.errors import InputUnreadable, OutputError
from drafter.profile.load import load_profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parent.parent


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "讲话.docx"
    write_docx(sample_speech(), out)
    return out


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def style(styles: etree._Element, name: str) -> etree._Element:
    found = styles.xpath("w:style[w:name/@w:val=$n]", namespaces=NS, n=name)
    assert found, name
    return found[0]


def prop(st: etree._Element, path: str, attr: str = "val"):
    el = st.find(path, NS)
    return None if el is None else el.get(w(attr))


def test_paragraphs_use_the_named_styles(speech):
    d = python_docx.Document(str(speech))
    names = [p.style.name for p in d.paragraphs]
    assert names[:5] == ["文稿标题", "署名", "署名", "称谓", "文稿正文"]
    assert {"Heading 1", "Heading 2", "结束语"} <= set(names)


def test_headings_are_the_builtin_styles_with_outline_levels(speech):
    styles = part(speech, "word/styles.xml")
    for level, font, bold in ((1, "黑体", None), (2, "楷体_GB2312", None), (3, "仿宋_GB2312", ""), (4, "仿宋_GB2312", None)):
        st = style(styles, f"heading {level}")
        assert prop(st, "w:pPr/w:outlineLvl") == str(level - 1)
        assert prop(st, "w:rPr/w:rFonts", "eastAsia") == font
        assert prop(st, "w:rPr/w:sz") == "32"
        assert (st.find("w:rPr/w:b", NS) is not None) == (bold is not None)
        assert st.find("w:rPr/w:color", NS) is None
        assert prop(st, "w:pPr/w:spacing", "before") == "0"


def test_body_title_byline_salutation_7_3(speech):
    styles = part(speech, "word/styles.xml")
    body = style(styles, "文稿正文")
    assert prop(body, "w:rPr/w:sz") == "32" and prop(body, "w:pPr/w:jc") == "both"
    assert prop(body, "w:pPr/w:ind", "firstLineChars") == "200"
    assert prop(body, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    title = style(styles, "文稿标题")
    assert (prop(title, "w:rPr/w:sz"), prop(title, "w:pPr/w:jc")) == ("44", "center")
    assert prop(title, "w:pPr/w:snapToGrid") == "0"
    assert prop(title, "w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    byline = style(styles, "署名")
    assert (prop(byline, "w:rPr/w:rFonts", "eastAsia"), prop(byline, "w:pPr/w:jc")) == ("楷体_GB2312", "center")
    salutation = style(styles, "称谓")
    assert prop(salutation, "w:pPr/w:ind", "firstLineChars") == "0"
    assert prop(salutation, "w:pPr/w:ind", "firstLine") == "0"


def test_every_style_and_run_names_its_east_asian_font_with_the_hint(speech):
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        root = part(speech, name)
        for r in root.iter(w("r")):
            rf = r.find("w:rPr/w:rFonts", NS)
            assert rf is not None and rf.get(w("hint")) == "eastAsia" and rf.get(w("eastAsia")), name
    for st in part(speech, "word/styles.xml").iter(w("style")):
        rf = st.find("w:rPr/w:rFonts", NS)
        assert rf is not None and rf.get(w("eastAsia")) and rf.get(w("hint")) == "eastAsia", st.get(w("styleId"))


def test_latin_and_digits_in_times_new_roman(speech):
    for st in part(speech, "word/styles.xml").iter(w("style")):
        rf = st.find("w:rPr/w:rFonts", NS)
        if st.get(w("styleId")) != "DrafterPageNumber":
            assert rf.get(w("ascii")) == rf.get(w("hAnsi")) == "Times New Roman", st.get(w("styleId"))


def test_no_theme_fonts_and_zh_cn_theme_language(speech):
    for name in ("word/styles.xml", "word/document.xml"):
        with zipfile.ZipFile(speech) as z:
            xml = z.read(name).decode("utf-8")
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            assert attr not in xml, (name, attr)
    lang = part(speech, "word/settings.xml").find("w:themeFontLang", NS)
    assert lang.get(w("eastAsia")) == "zh-CN"


def test_page_setup_and_grid_5_1_5_2(speech):
    sect = part(speech, "word/document.xml").find("w:body/w:sectPr", NS)
    assert (prop(sect, "w:pgSz", "w"), prop(sect, "w:pgSz", "h")) == ("11906", "16838")
    mar = sect.find("w:pgMar", NS)
    assert [mar.get(w(k)) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
    assert (prop(sect, "w:docGrid", "type"), prop(sect, "w:docGrid", "linePitch")) == ("lines", "579")
    defaults = part(speech, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert prop(defaults, "w:spacing") == "-5"
    assert part(speech, "word/styles.xml").find("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", NS) is None


def test_page_numbers_odd_right_even_left_7_5(speech):
    d = python_docx.Document(str(speech))
    assert d.settings.odd_and_even_pages_header_footer
    section = d.sections[0]
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        p = footer._element.find("w:p", NS)
        assert prop(p, "w:pPr/w:jc") == jc
        assert prop(p, "w:pPr/w:ind", f"{side}Chars") == "100"
        assert prop(p, "w:pPr/w:snapToGrid") == "0"
        assert "PAGE" in "".join(p.itertext())
        assert [t.text for t in p.iter(w("t"))][0] == "— " and [t.text for t in p.iter(w("t"))][-1] == " —"
    st = style(part(speech, "word/styles.xml"), "页码")
    assert prop(st, "w:rPr/w:sz") == "28" and prop(st, "w:rPr/w:rFonts", "eastAsia") == "宋体"


def test_run_in_heads_take_their_level_font_and_items_the_body_font(speech):
    styles = part(speech, "word/styles.xml")
    assert prop(style(styles, "文内标题2"), "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
    assert style(styles, "文内标题3").find("w:rPr/w:b", NS) is not None
    assert prop(style(styles, "文内条目"), "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    runs = {"".join(r.itertext()): r for r in part(speech, "word/document.xml").iter(w("r"))}
    head = runs["（一）着力健全统筹协调机制。"]
    assert prop(head, "w:rPr/w:rStyle") == "DrafterRunIn2"
    assert prop(head, "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
    item = runs["一是统筹协调还不够有力。"]
    assert prop(item, "w:rPr/w:rStyle") == "DrafterItem"
    assert prop(item, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"


def test_long_title_is_balanced_into_lines(speech):
    title = part(speech, "word/document.xml").find("w:body/w:p", NS)
    assert len(title.findall(".//w:br", NS)) == 1
    assert [t.text for t in title.iter(w("t"))] == ["在全区社会工作暨基层治理", "现代化推进会议上的讲话"]


def test_writer_never_overwrites_its_source(tmp_path):
    src = tmp_path / "问卷.yaml"
    src.write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(OutputError):
        write_docx(sample_speech(), src, source=src)
    assert src.read_text(encoding="utf-8") == "x: 1\n"


def test_unknown_heading_level_and_head_fall_back(tmp_path):
    d = Draft([Block(HEADING, (Run("（一）深层标题"),), level=7), Block(PARA, (Run("头", HEAD, 6), Run("正文")))])
    doc = build_document(d, load_profile())
    assert [p.style.name for p in doc.paragraphs] == ["Heading 4", "文稿正文"]


def _reference(tmp_path: Path, chinese_ids: bool = False) -> Path:
    base = tmp_path / "base.docx"
    if chinese_ids:
        document = python_docx.Document()          # a unit template without drafter's styles,
        document.styles["Normal"].font.size = Pt(15)
        for el in document.styles.element.iter():  # saved by Word in Chinese: Normal is "a"
            for attr in (w("styleId"), w("val")):
                if el.get(attr) == "Normal" and el.tag in (w("style"), w("basedOn"), w("next")):
                    el.set(attr, "a")
    else:
        write_docx(sample_speech(), base)
        document = python_docx.Document(str(base))
        document.styles["文稿正文"].font.size = Pt(17)
    document.sections[0].left_margin = Mm(30)
    document.add_paragraph("模板里的示例文字，不应出现在结果中。")
    ref = tmp_path / "本单位模板.docx"
    document.save(str(ref))
    return ref


def test_reference_docx_keeps_its_styles_and_page_setup(tmp_path):
    out = tmp_path / "out.docx"
    write_docx(sample_speech(), out, reference_docx=_reference(tmp_path))
    d = python_docx.Document(str(out))
    assert d.styles["文稿正文"].font.size == Pt(17)
    assert abs(d.sections[0].left_margin - Mm(30)) < Mm(0.1)
    assert "模板里的示例文字" not in "".join(p.text for p in d.paragraphs)
    assert d.paragraphs[0].style.name == "文稿标题"


def test_reference_docx_without_our_styles_gets_them_added(tmp_path):
    out = tmp_path / "out.docx"
    write_docx(sample_speech(), out, reference_docx=_reference(tmp_path, chinese_ids=True))
    d = python_docx.Document(str(out))
    names = {p.style.name for p in d.paragraphs}
    assert {"文稿标题", "文稿正文", "Heading 1", "称谓"} <= names
    assert abs(d.sections[0].left_margin - Mm(30)) < Mm(0.1)
    body = part(out, "word/styles.xml").xpath("w:style[w:name/@w:val='文稿正文']", namespaces=NS)[0]
    assert prop(body, "w:basedOn") == "a"


def test_reference_docx_unreadable(tmp_path):
    bad = tmp_path / "坏模板.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputUnreadable) as e:
        write_docx(sample_speech(), tmp_path / "o.docx", reference_docx=bad)
    assert "参考模板" in e.value.message


def _numbers(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, (int, float)) and not isinstance(n.value, bool) and n.value != 0]


# The title balancer's weights are text heuristics, not format numbers: they live in
# write/title_lines.py, which this test leaves out.
@pytest.mark.parametrize("module", ["write/docx.py", "write/_oxml.py"])
def test_writer_has_no_numeric_literal_but_0(module):
    assert _numbers(ROOT / "drafter" / module) == []


def test_font_table_declares_chinese_fonts_with_windows_alternatives(speech):
    fonts = {f.get(w("name")): f for f in part(speech, "word/fontTable.xml")}
    assert prop(fonts["仿宋_GB2312"], "w:altName") == "仿宋"
    assert prop(fonts["楷体_GB2312"], "w:altName") == "楷体"
    assert all(prop(fonts[n], "w:charset") == "86" for n in ("仿宋_GB2312", "黑体", "宋体", "方正小标宋简体"))
    assert not [n for n, f in fonts.items() if prop(f, "w:charset") == "80"]    # no Japanese fallbacks


# --- tables and the 落款 block ------------------------------------------------------------------

def tabled_draft() -> Draft:
    """A short report with a table and a 落款 block (unit and date) at the end."""
    return Draft([
        block(TITLE, "关于社区食堂建设情况的汇报"),
        block(PARA, "今年全区新建社区食堂十二个，分布情况如下表。"),
        Block(TABLE, (), cells=(("街道\n（名称）", "食堂数", "日均就餐人次"), ("东城街道", "5", "320"),
                                ("西城街道", "7", "")) ),
        block(PARA, "下一步，我们将继续扩大覆盖面，让更多老人就近吃上热乎饭。"),
        block(SIGNOFF, "区民政局"),
        block(SIGNOFF, "2025年4月8日"),
    ])


@pytest.fixture(scope="module")
def tabled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("table") / "表格.docx"
    write_docx(tabled_draft(), out)
    return out


def test_tables_are_word_tables_with_single_rules(tabled):
    d = python_docx.Document(str(tabled))
    assert len(d.tables) == 1
    table = d.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["街道\n（名称）", "食堂数", "日均就餐人次"], ["东城街道", "5", "320"], ["西城街道", "7", ""]]
    profile = load_profile()
    borders = table._tbl.find(f"{w('tblPr')}/{w('tblBorders')}")
    assert [(etree.QName(b).localname, b.get(w("val")), b.get(w("sz"))) for b in borders] == [
        (side, "single", str(profile.table_border_eighths)) for side in
        ("top", "left", "bottom", "right", "insideH", "insideV")]
    widths = [int(g.get(w("w"))) for g in table._tbl.find(w("tblGrid"))]
    assert abs(sum(widths) - profile.text_width) < len(widths)
    assert {p.style.name for c in table._cells for p in c.paragraphs} == {"表格文字"}


def test_table_text_style_is_the_profile_s(tabled):
    styles = part(tabled, "word/styles.xml")
    st = style(styles, "表格文字")
    table = load_profile().styles["table"]
    assert prop(st, "w:rPr/w:sz") == str(table.size.half_points) == "28"        # 4号
    assert prop(st, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert prop(st, "w:pPr/w:snapToGrid") == "0"
    assert load_profile("podium").styles["table"].size.pt == 18


def test_signoff_is_set_right_date_four_characters_in_unit_centred_on_it(tabled):
    d = python_docx.Document(str(tabled))
    unit, date = d.paragraphs[-2:]
    assert (unit.style.name, date.style.name) == ("落款", "落款")
    st = style(part(tabled, "word/styles.xml"), "落款")
    assert prop(st, "w:pPr/w:jc") == "right"
    assert prop(st, "w:pPr/w:ind", "rightChars") == "400"                        # 7.3.5.1 右空四字
    assert st.find("w:pPr/w:contextualSpacing", NS) is not None                    # one block: no gap inside
    assert int(prop(st, "w:pPr/w:spacing", "before")) == load_profile().line_pitch
    assert date.paragraph_format.element.find(f"{w('pPr')}/{w('ind')}") is None
    # 2025年4月8日 is 6 characters (digits are half) and 5 autospaces of a quarter wide, 区民政局 4:
    # the unit sits (7.25 − 4) / 2 further in.
    ind = unit._p.find(f"{w('pPr')}/{w('ind')}")
    assert ind.get(w("rightChars")) == "562"


def test_tables_and_signoff_read_back_as_written(tabled):
    from drafter.read.reader import read_draft

    back = read_draft(tabled)
    want = tabled_draft()
    assert [(b.kind, b.text, b.cells) for b in back.blocks] == [(b.kind, b.text, b.cells) for b in want.blocks]
    assert back.warnings == []


def test_tables_and_signoff_in_text_and_markdown():
    from drafter.write.text import draft_to_markdown, draft_to_text

    text = draft_to_text(tabled_draft()).splitlines()
    assert text[2:5] == ["街道\u3000（名称）\t食堂数\t日均就餐人次", "东城街道\t5\t320", "西城街道\t7\t"]
    assert text[-2:] == ["区民政局", "2025年4月8日"]
    md = draft_to_markdown(Draft([Block(TABLE, (), cells=(("项目|名称", "数"), ("*重点*", "")))]))
    assert md == "| 项目\\|名称 | 数 |\n| --- | --- |\n| \\*重点\\* |   |\n"


@pytest.fixture(scope="module")
def tabled_pdf(tabled, tmp_path_factory):
    from conftest_pdf import require_soffice
    from drafter.write.pdf import convert_many

    require_soffice()
    folder = tmp_path_factory.mktemp("table-pdf")
    return convert_many([tabled], folder)[0]


def test_table_in_libreoffice_has_rules_and_4_hao_text_inside_the_text_block(tabled_pdf):
    import pdfplumber

    from pdfmeasure import PT_PER_MM

    profile = load_profile()
    left = profile.margin_left.mm * PT_PER_MM
    right = (profile.page_width.mm - profile.margin_right.mm) * PT_PER_MM
    with pdfplumber.open(str(tabled_pdf)) as pdf:
        page = pdf.pages[0]
        # Rules, as pdfplumber's edges (from lines or thin rectangles): 4 across, 4 down.
        tops = sorted({round(e["top"]) for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 100})
        xs = sorted({round(e["x0"]) for e in page.edges if e["orientation"] == "v"})
        inside = [c for c in page.chars if tops and tops[0] < c["top"] < tops[-1]]
    assert len(tops) == 4 and len(xs) == 4, (tops, xs)
    assert min(xs) >= left - 2 * PT_PER_MM and max(xs) <= right + 2 * PT_PER_MM
    assert max(xs) - min(xs) > 0.95 * (right - left)
    assert "".join(c["text"] for c in inside) == "街道（名称）食堂数日均就餐人次东城街道5320西城街道7"
    assert {round(c["size"]) for c in inside} == {14}                     # 4号


def test_signoff_in_libreoffice_date_right_four_characters_unit_centred(tabled_pdf):
    from pdfmeasure import PT_PER_MM, measure

    profile = load_profile()
    pages = measure(tabled_pdf, profile.margin_top.mm, profile.margin_bottom.mm)
    lines = {line.text: line for line in pages[-1].lines}
    date, unit = lines["2025年4月8日"], lines["区民政局"]
    right = (profile.page_width.mm - profile.margin_right.mm) * PT_PER_MM
    char = profile.styles["signoff"].size.pt
    assert abs((right - date.x1) - 4 * char) < char / 2
    assert abs((unit.x0 + unit.x1) / 2 - (date.x0 + date.x1) / 2) < char / 2
    assert unit.top < date.top and date.top - unit.bottom < char


def test_ragged_table_rows_are_filled_with_styled_empty_cells(tmp_path):
    d = Draft([Block(TABLE, (), cells=(("甲", "乙", "丙"), ("丁",)))])
    table = build_document(d, load_profile()).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["甲", "乙", "丙"], ["丁", "", ""]]
    assert {p.style.name for c in table._cells for p in c.paragraphs} == {"表格文字"}


def test_line_end_marks_are_printable_in_libreoffice(speech, tmp_path):
    """w:overflowPunct on in docDefaults: Word's own default, and LibreOffice's setting that keeps
    a closing mark after a full line printed (test_pdf_text measures it). A unit template gets it
    too, also one that switched it off (LibreOffice would drop the marks)."""
    def default_overflow(path: Path):
        return prop(part(path, "word/styles.xml"), "w:docDefaults/w:pPrDefault/w:pPr/w:overflowPunct")

    assert default_overflow(speech) == "1"
    silent = tmp_path / "out.docx"
    write_docx(sample_speech(), silent, reference_docx=_reference(tmp_path, chinese_ids=True))
    assert default_overflow(silent) == "1"
    chosen = python_docx.Document()
    ppr = chosen.styles.element.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
    etree.SubElement(ppr, w("overflowPunct")).set(w("val"), "0")
    etree.SubElement(chosen.styles["Normal"].element.get_or_add_pPr(), w("overflowPunct")).set(w("val"), "0")
    chosen.save(str(tmp_path / "选择.docx"))
    write_docx(sample_speech(), tmp_path / "out2.docx", reference_docx=tmp_path / "选择.docx")
    assert default_overflow(tmp_path / "out2.docx") == "1"
    styles = part(tmp_path / "out2.docx", "word/styles.xml")
    assert {e.get(w("val")) for e in styles.iter(w("overflowPunct"))} == {"1"}
