"""The .docx reader on files drafter did not make: numbering, styles, tables, what cannot be carried, damage."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx as python_docx
import pytest

import docx_fixtures as fx
from drafter.read.numbering import format_number
from drafter.read.docx import read_docx
from drafter.draft import HEADING, SUBTITLE, TABLE, TITLE
from drafter.errors import InputUnreadable
from drafter.read.reader import read_draft

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx-in")
    out = {}
    for name in ("numbered_speech", "styled_headings", "rich_draft"):
        path = folder / f"{name}.docx"
        out[name] = (path, getattr(fx, name)(path))
    return out


def texts(path):
    paras, _ = read_docx(path)
    return [p.text if p.kind != TABLE else None for p in paras]


# -- automatic numbering -----------------------------------------------------------------------
def test_automatic_numbers_as_word_shows_them(built):
    path, seen = built["numbered_speech"]
    assert texts(path) == [t for t in seen if t]


def test_numbering_lines_count_empty_paragraphs(built):
    paras, _ = read_docx(built["numbered_speech"][0])
    by_text = {p.text: p.line for p in paras}
    assert by_text["（1）老旧小区缺少场地"] == 11 and by_text["二、准确把握社区养老的工作重点"] == 13


def test_undefined_numbering_is_a_warning_by_paragraph(built):
    _, warnings = read_docx(built["numbered_speech"][0])
    assert warnings == ["第25段：有自动编号，但编号定义中找不到编号 9，没有加上编号"]


def test_numbered_headings_are_classified_by_their_visible_marks(built):
    d = read_draft(built["numbered_speech"][0])
    heads = [(b.text, b.level) for b in d.blocks if b.kind == HEADING]
    assert heads[:5] == [("一、充分认识发展社区养老的重要意义", 1), ("（一）老龄人口持续增加", 2),
                         ("（二）家庭照护能力减弱", 2), ("1.照护人员不足", 3), ("2.服务设施分布不均", 3)]
    assert d.blocks[0].kind == TITLE


@pytest.mark.parametrize("n, fmt, shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (23, "chineseCountingThousand", "二十三"), (3, "ideographTraditional", "丙"), (11, "ideographTraditional", "甲"),
    (12, "decimalFullWidth", "１２"), (3, "decimalEnclosedCircle", "③"), (21, "decimalEnclosedCircle", "21"),
    (28, "lowerLetter", "bb"), (4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"), (7, "none", ""),
    (12, "chineseLegalSimplified", "拾贰"), (10, "ideographDigital", "一〇"), (5, "decimalZero", "05"),
    (2, "ordinal", "2nd"), (10 ** 40, "upperRoman", str(10 ** 40)), (10 ** 40, "lowerLetter", str(10 ** 40)), (9, "ideographEnclosedCircle", "㊈"), (6, "someFutureFormat", "6"),
])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def _numbering_doc(path, levels, nums, paras, style_xml=""):
    doc = python_docx.Document()
    fx.set_numbering(doc, f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>', nums)
    if style_xml:
        fx.add_style(doc, style_xml)
    for text, num, ilvl, style in paras:
        p = doc.add_paragraph(text, style=style)
        if num is not None:
            fx.num_pr(p, num, ilvl)
    doc.save(str(path))
    return [p.text for p in read_docx(path)[0]]


def test_level_restart_and_legal_numbers(tmp_path):
    levels = (fx._lvl(0, "chineseCounting", "%1、") + fx._lvl(1, "decimal", "%1.%2", restart="0")
              + fx._lvl(2, "lowerLetter", "%3)"))
    got = _numbering_doc(tmp_path / "a.docx", levels, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
                         [("甲", 1, 0, None), ("乙", 1, 1, None), ("丙", 1, 0, None), ("丁", 1, 1, None),
                          ("戊", 1, 2, None)])
    # lvlRestart 0: the second level goes on counting after 二、; the text of %1 keeps its own format.
    assert got == ["一、甲", "一.1 乙", "二、丙", "二.2 丁", "a)戊"]


def test_style_numbering_finds_its_level_by_pstyle(tmp_path):
    levels = fx._lvl(0, "chineseCounting", "%1、", suff="nothing") + (
        '<w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="MyH2"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>')
    style = ('<w:style w:type="paragraph" w:styleId="MyH2"><w:name w:val="我的二级"/><w:basedOn w:val="Normal"/>'
             '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    got = _numbering_doc(tmp_path / "b.docx", levels, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
                         [("从第三项开始", None, 0, "我的二级"), ("接着编", None, 0, "我的二级")], style)
    assert got == ["（三）从第三项开始", "（四）接着编"]


def test_numstylelink_and_lvl_override(tmp_path):
    doc = python_docx.Document()
    fx.set_numbering(doc, '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>'
                          f'<w:abstractNum w:abstractNumId="1">{fx.OFFICE_LEVELS}</w:abstractNum>',
                     '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                     '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                     '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
                     + fx._lvl(0, "upperLetter", "%1．", start="2", suff="nothing") + '</w:lvlOverride></w:num>')
    fx.add_style(doc, '<w:style w:type="numbering" w:styleId="ListStyle"><w:name w:val="公文列表"/>'
                      '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    for text, num in (("经由样式链接", 2), ("覆盖了第一级", 3)):
        fx.num_pr(doc.add_paragraph(text), num, 0)
    doc.save(str(tmp_path / "c.docx"))
    assert [p.text for p in read_docx(tmp_path / "c.docx")[0]] == ["一、经由样式链接", "B．覆盖了第一级"]


def test_bullets_give_no_number_but_a_warning(tmp_path):
    levels = '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>'
    path = tmp_path / "d.docx"
    got = _numbering_doc(path, levels, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
                         [("要点", 1, 0, None)])
    assert got == ["要点"] and read_docx(path)[1] == ["第1段：有项目符号，排版后的文稿中没有它"]


# -- styles and alignment ----------------------------------------------------------------------
def test_heading_styles_outline_levels_and_alignment(built):
    paras, warnings = read_docx(built["styled_headings"][0])
    got = [(p.kind, p.level, p.centred, p.right) for p in paras]
    assert got == [(TITLE, 0, False, False), (SUBTITLE, 0, False, False), (HEADING, 1, False, False),
                   (HEADING, 2, False, False), (HEADING, 1, False, False), (HEADING, 3, False, False),
                   (HEADING, 3, False, False), (HEADING, 1, False, False), (None, 0, False, False),
                   (None, 0, True, False), (None, 0, True, False), (None, 0, False, False),
                   (None, 0, False, False), (HEADING, 4, False, False), (None, 0, False, True),
                   (None, 0, False, False)]
    assert warnings == ["第12段：对齐方式“sideways”无法识别，按两端对齐处理"]


def test_wps_normal_under_the_id_1_is_not_a_heading(tmp_path):
    doc = python_docx.Document()
    doc.styles.element.append(python_docx.oxml.parse_xml(
        f'<w:style {fx.W} w:type="paragraph" w:styleId="1"><w:name w:val="Normal"/></w:style>'))
    p = doc.add_paragraph("正文")
    p._p.get_or_add_pPr().append(python_docx.oxml.parse_xml(f'<w:pStyle {fx.W} w:val="1"/>'))
    doc.save(str(tmp_path / "wps.docx"))
    assert read_docx(tmp_path / "wps.docx")[0][0].kind is None


# -- everything else a Word file holds -------------------------------------------------------------
def test_nothing_lost_in_a_rich_draft(built):
    path, seen = built["rich_draft"]
    assert texts(path) == seen


def test_rich_draft_table_and_signoff(built):
    paras, _ = read_docx(built["rich_draft"][0])
    table = next(p for p in paras if p.kind == TABLE)
    assert table.line == 11
    assert table.cells == (("街道\n（名称）", "食堂数", "日均就餐"), ("东城", "5", "320"), ("西城", "正在统计", ""))
    assert [(p.text, p.right) for p in paras[-2:]] == [("市民政局", True), ("2025年4月8日", True)]
    d = read_draft(built["rich_draft"][0])
    assert [b.cells for b in d.blocks if b.kind == TABLE] == [table.cells]
    assert d.warnings == read_docx(built["rich_draft"][0])[1]


def test_rich_draft_warnings_name_their_paragraphs(built):
    _, warnings = read_docx(built["rich_draft"][0])
    assert warnings == [
        "第5段：有修订，已按接受全部修订处理（插入的文字保留，删除的文字去掉）",
        "第6段：有脚注，其文字已作为“注1：”这样的段落放在该段之后，脚注本身没有保留",
        "第7段：有批注，批注没有带入排版后的文稿",
        "第8段：有文本框，其中的文字已作为单独的段落放在该段之后，文本框本身没有保留",
        "第9段：有一张图片，排版后的文稿中没有它",
        "第11段：表格中有合并的单元格，已按网格拆开，文字在合并区域的第一格",
        "第13段：有一个符号字体的符号（Wingdings F0FC），排版后的文稿中没有它",
        "第13段：有隐藏文字，排版后的文稿中没有它",
    ]


def test_same_warning_on_many_paragraphs_is_one_line(tmp_path):
    doc = python_docx.Document()
    for _ in range(3):
        doc.add_paragraph("配图说明").add_run().add_picture(str(fx._png_file(tmp_path / "p.docx")))
    doc.save(str(tmp_path / "p.docx"))
    assert read_docx(tmp_path / "p.docx")[1] == ["第1、2、3段：有一张图片，排版后的文稿中没有它"]


def _body_doc(path: Path, body_xml: str, extra=None) -> Path:
    doc = python_docx.Document()
    fx._raw_paragraph(doc, body_xml)
    if extra:
        extra(doc)
    doc.save(str(path))
    return path


@pytest.mark.parametrize("inner, text, warning", [
    ('<w:r><w:br w:type="page"/></w:r>' + fx._r("分页后"), "分页后", "有分页符或分栏符"),
    ('<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x</m:t></m:r>'
     '</m:oMath>' + fx._r("公式后"), "公式后", "有公式"),
    ('<w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata/></v:shape></w:object></w:r>'
     + fx._r("对象"),
     "对象", "有一个嵌入对象"),
    ('<w:r><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml"/></w:pict></w:r>' + fx._r("线条"),
     "线条", "有一个图形"),
    ('<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r>'
     '</w:rubyBase></w:ruby></w:r>' + fx._r("音"), "注音", None),
    ('<w:smartTag w:element="date"><w:r><w:t>4月8日</w:t></w:r></w:smartTag>'
     '<w:customXml w:element="x"><w:r><w:t>召开</w:t></w:r></w:customXml>', "4月8日召开", None),
    ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
     '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r>'
     '<w:r><w:fldChar w:fldCharType="end"/></w:r>', "结果", None),
])
def test_inline_content(tmp_path, inner, text, warning):
    paras, warnings = read_docx(_body_doc(tmp_path / "i.docx", inner))
    assert [p.text for p in paras] == [text]
    assert [w for w in warnings if warning and warning in w] == ([] if warning is None else warnings)


def test_block_content_controls_nested_tables_and_sections(tmp_path):
    path = tmp_path / "b.docx"
    doc = python_docx.Document()
    body = doc.element.body
    body.insert(0, python_docx.oxml.parse_xml(
        f'<w:sdt {fx.W}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, c, t in ((0, 0, "甲"), (0, 1, "乙"), (1, 0, "丙"), (1, 1, "丁")):
        inner.cell(r, c).text = t
    p = doc.add_paragraph("分节前")
    p._p.get_or_add_pPr().append(python_docx.oxml.parse_xml(
        f'<w:sectPr {fx.W}><w:cols w:num="2"/></w:sectPr>'))
    doc.add_paragraph("分节后")
    doc.save(str(path))
    paras, warnings = read_docx(path)
    assert [(p.line, p.text or p.cells) for p in paras] == [
        (1, "控件中的段落"), (2, (("外层", "甲\u3000乙\n丙\u3000丁"),)), (3, "分节前"), (4, "分节后")]
    assert warnings == ["第2段：表格中嵌套的表格已并入所在的单元格", "第3段：分了栏，排版后的文稿不分栏",
                        "第3段：此处有分节符，排版后的文稿只有一节"]


@pytest.mark.parametrize("header, footer, warnings", [
    ("市民政局内部资料", "— 1 —", ["页眉中的文字“市民政局内部资料”没有带入排版后的文稿（页眉页脚由格式方案决定）"]),
    ("Page 1 of 5", "第 1 页 共 5 页", []),
])
def test_header_text_is_a_warning_page_numbers_are_not(tmp_path, header, footer, warnings):
    doc = python_docx.Document()
    doc.add_paragraph("正文")
    doc.sections[0].header.paragraphs[0].text = header
    doc.sections[0].footer.paragraphs[0].text = footer
    doc.save(str(tmp_path / "h.docx"))
    assert read_docx(tmp_path / "h.docx")[1] == warnings


# -- drafter's own files and the corpus --------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.docx")) if CORPUS.is_dir() else [])
def test_corpus_docx_reads_everything_python_docx_sees(name):
    path = CORPUS / name
    paras, warnings = read_docx(path)
    seen = [(n, p.text.strip(" \t\u3000\xa0\u2003")) for n, p in enumerate(python_docx.Document(str(path)).paragraphs, 1)]
    assert [(p.line, p.text) for p in paras] == [(n, t) for n, t in seen if t]
    assert warnings == []
    assert read_draft(path).blocks


def test_corpus_is_there():
    assert len(list(CORPUS.glob("*.docx"))) == 3


# -- damaged and disguised files --------------------------------------------------------------------
def _rewrite(src: Path, dst: Path, replace=None, drop=()) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename in drop:
                continue
            data = zin.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename](data)
            zout.writestr(item, data)
    return dst


@pytest.mark.parametrize("part, change, words", [
    ("word/document.xml", lambda b: b[: len(b) // 2], "不是完好的 XML"),
    ("word/document.xml", lambda b: b'<?xml version="1.0"?><html><body/></html>', "根元素是 html"),
    ("word/document.xml", lambda b: b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                                    b'2006/main"/>', "没有正文"),
])
def test_damaged_main_part_is_refused(built, tmp_path, part, change, words):
    bad = _rewrite(built["rich_draft"][0], tmp_path / "坏.docx", {part: change})
    with pytest.raises(InputUnreadable) as e:
        read_draft(bad)
    assert words in e.value.message and e.value.where.path == bad and "另存为" in e.value.hint


def test_damaged_secondary_parts_are_read_as_absent_with_a_warning(built, tmp_path):
    src = built["numbered_speech"][0]
    bad = _rewrite(src, tmp_path / "缺.docx", {"word/styles.xml": lambda b: b"<w:styles", })
    paras, warnings = read_docx(bad)
    assert warnings[0].startswith("样式定义（word/styles.xml）无法读取")
    assert paras[4].text == "一、充分认识发展社区养老的重要意义"
    gone = _rewrite(src, tmp_path / "无编号.docx", drop=("word/numbering.xml",))
    paras, warnings = read_docx(gone)
    assert paras[4].text == "充分认识发展社区养老的重要意义"
    assert warnings[0].startswith("第5、6、7、9、10、11、13、14、15、16等段：有自动编号，但文件中没有自动编号定义")


def test_non_numeric_attributes_do_not_stop_the_reading(tmp_path):
    levels = ('<w:lvl w:ilvl="x"><w:start w:val="one"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
              '<w:lvlRestart w:val="?"/></w:lvl>')
    doc = python_docx.Document()
    fx.set_numbering(doc, f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>',
                     '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                     '<w:startOverride w:val="many"/></w:lvlOverride></w:num>')
    p = doc.add_paragraph("编号")
    p._p.get_or_add_pPr().append(python_docx.oxml.parse_xml(
        f'<w:numPr {fx.W}><w:ilvl w:val="first"/><w:numId w:val="1"/></w:numPr>'))
    t = doc.add_table(rows=1, cols=1)
    t.cell(0, 0).text = "格"
    t.cell(0, 0)._tc.get_or_add_tcPr().append(python_docx.oxml.parse_xml(f'<w:gridSpan {fx.W} w:val="two"/>'))
    t.add_row().cells[0]._tc.get_or_add_tcPr().append(python_docx.oxml.parse_xml(
        f'<w:gridSpan {fx.W} w:val="999999999"/>'))
    doc.save(str(tmp_path / "n.docx"))
    paras, _ = read_docx(tmp_path / "n.docx")
    assert paras[0].text == "1.编号"
    assert paras[1].cells[0][0] == "格" and len(paras[1].cells[1]) == 63


@pytest.mark.parametrize("data, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"),
     "设置了打开密码"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "WordDocument".encode("utf-16-le"), "旧版 Word"),
    (b"", "文件是空的"),
    (b"PK\x03\x04 broken", "不是有效的 .docx"),
])
def test_disguised_files_get_their_own_message(tmp_path, data, words):
    path = tmp_path / "文稿.docx"
    path.write_bytes(data)
    with pytest.raises(InputUnreadable) as e:
        read_draft(path)
    assert words in e.value.message and e.value.exit_code == 2


def test_zip_without_a_document_and_zip_bomb(tmp_path):
    empty = tmp_path / "空.docx"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("readme.txt", "不是文稿")
    with pytest.raises(InputUnreadable, match="没有正文部分"):
        read_docx(empty)
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (4 * 1024 * 1024))
    with pytest.raises(InputUnreadable, match="解压后过大|压缩比异常|解压后超过"):
        read_docx(bomb)


def test_entities_are_not_resolved(built, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")

    def with_entity(data: bytes) -> bytes:
        head, _, rest = data.partition(b"?>")
        doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
        return head + b"?>" + doctype + rest.replace("同志们在调研中".encode(), b"&x;", 1)

    bad = _rewrite(built["rich_draft"][0], tmp_path / "实体.docx", {"word/document.xml": with_entity})
    paras, _ = read_docx(bad)
    assert not any("机密" in p.text for p in paras)


def test_strict_open_xml_is_read(built, tmp_path):
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"

    def to_strict(data: bytes) -> bytes:
        return data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict)

    path = _rewrite(built["numbered_speech"][0], tmp_path / "strict.docx",
                    {n: to_strict for n in ("word/document.xml", "word/styles.xml", "word/numbering.xml")})
    assert texts(path)[4] == "一、充分认识发展社区养老的重要意义"


def test_the_source_is_never_changed(built, tmp_path):
    copy = tmp_path / "原稿.docx"
    shutil.copy(built["rich_draft"][0], copy)
    before = copy.read_bytes()
    read_draft(copy)
    assert copy.read_bytes() == before


@pytest.mark.parametrize("command", ["check", "stats"])
@pytest.mark.parametrize("change, code, words", [
    (lambda b: b.replace(b"<w:body>", b'<w:body><w:p><w:pPr><w:jc w:val="upsideDown"/></w:pPr>'
                                      b'<w:r><w:t>\xe5\xbc\x80\xe5\xa4\xb4</w:t></w:r></w:p>', 1), 0, ""),
    (lambda b: b'<?xml version="1.0"?><html><body/></html>', 2, "根元素是 html"),
    (lambda b: b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>', 2, "没有正文"),
    (lambda b: b[: len(b) // 3], 2, "不是完好的 XML"),
])
def test_check_and_stats_on_damaged_docx(built, tmp_path, drafter_cli, command, change, code, words):
    bad = _rewrite(built["rich_draft"][0], tmp_path / "损坏.docx", {"word/document.xml": change})
    r = drafter_cli(command, bad)
    assert r.exit_code == code, r.output
    assert words in r.output and "Traceback" not in r.output and "内部错误" not in r.output


def test_endnotes_vml_text_boxes_and_charts(tmp_path):
    def endnotes(doc):
        fx._add_part(doc, "/word/endnotes.xml",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
                     fx.RT.ENDNOTES,
                     f'<w:endnotes {fx.W}><w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r>'
                     + fx._r("尾注的说明") + "</w:p></w:endnote></w:endnotes>")

    body = (fx._r("正文") + '<w:r><w:endnoteReference w:id="2"/></w:r>'
            '<w:r><w:endnoteReference w:id="7"/></w:r>'
            '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
            '<w:p><w:r><w:t>旧式文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
            '<w:r><w:drawing><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
            '</a:graphicData></a:graphic></w:drawing></w:r>')
    paras, warnings = read_docx(_body_doc(tmp_path / "e.docx", body, endnotes))
    assert [p.text for p in paras] == ["正文", "尾注1：尾注的说明", "旧式文本框"]     # in the order of their marks
    assert {p.line for p in paras} == {1}
    assert warnings == ["第1段：有文本框，其中的文字已作为单独的段落放在该段之后，文本框本身没有保留",
                        "第1段：有一个图表，排版后的文稿中没有它",
                        "第1段：有尾注，其文字已作为“尾注1：”这样的段落放在该段之后，尾注本身没有保留",
                        "第1段：有尾注，但文件中找不到它的文字"]


def test_a_field_left_open_does_not_hide_the_rest(tmp_path):
    doc = python_docx.Document()
    fx._raw_paragraph(doc, fx._r("开头") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                      '<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>')
    doc.add_paragraph("后面的段落照常读出。")
    doc.save(str(tmp_path / "f.docx"))
    assert texts(tmp_path / "f.docx") == ["开头", "后面的段落照常读出。"]


def test_libreoffice_numbers_the_paragraphs_as_the_reader_does(built, tmp_path):
    """LibreOffice, which implements Word's numbering on its own, is the independent witness:
    its plain-text export carries the list numbers. It writes a space after every number and has
    no full-width digits, so those two differences are evened out before comparing."""
    import subprocess

    from conftest_pdf import require_soffice

    soffice = require_soffice()
    path = built["numbered_speech"][0]
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=120, check=True, stdin=subprocess.DEVNULL)
    theirs = (tmp_path / f"{path.stem}.txt").read_text(encoding="utf-8-sig").splitlines()

    def even(text: str) -> str:
        return "".join(text.split()).translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})

    assert [even(t) for t in theirs if t.strip()] == [even(t) for t in texts(path)]


@pytest.mark.parametrize("name", ["numbered_speech", "styled_headings", "rich_draft"])
def test_an_office_draft_typeset_by_drafter_reads_back_with_the_same_text(built, tmp_path, name):
    from drafter.write.docx import write_docx

    first = read_draft(built[name][0])
    out = tmp_path / "排版后.docx"
    write_docx(first, out)
    again = read_draft(out)

    def shown(d):
        return [(b.text.replace("\n", "") if b.kind == TITLE else b.text, b.cells) for b in d.blocks]

    assert shown(again) == shown(first)
    assert again.warnings == []


def test_a_tracked_paragraph_mark_is_a_tracked_change(tmp_path):
    doc = python_docx.Document()
    fx._raw_paragraph(doc, fx._r("新加的一段"), '<w:pPr><w:rPr><w:ins w:id="3" w:author="审稿人"/></w:rPr></w:pPr>')
    doc.save(str(tmp_path / "t.docx"))
    assert read_docx(tmp_path / "t.docx")[1] == ["第1段：有修订，已按接受全部修订处理（插入的文字保留，删除的文字去掉）"]


def test_a_style_without_a_name_is_known_by_its_id(tmp_path):
    doc = python_docx.Document()
    for sid in ("2", "Heading3x", "标题4"):
        doc.styles.element.append(python_docx.oxml.parse_xml(
            f'<w:style {fx.W} w:type="paragraph" w:styleId="{sid}"><w:basedOn w:val="Normal"/></w:style>'))
        p = doc.add_paragraph(f"样式{sid}")
        p._p.get_or_add_pPr().append(python_docx.oxml.parse_xml(f'<w:pStyle {fx.W} w:val="{sid}"/>'))
    doc.save(str(tmp_path / "ids.docx"))
    assert [(p.kind, p.level) for p in read_docx(tmp_path / "ids.docx")[0]] == [(HEADING, 2), (None, 0), (HEADING, 4)]
