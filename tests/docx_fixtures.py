"""Hand-made .docx drafts as offices make them, built with python-docx and raw XML where it has no API.

Every sentence is ours. Each builder saves a file and returns what a reader of the page sees in
Word, paragraph by paragraph, so tests compare the reader against Word's view, not against itself.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import List

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

W = nsdecls("w")
WR = nsdecls("w", "r")


def tiny_png() -> bytes:
    """A 2 x 2 red PNG, made here so no image file is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "", restart: str = "") -> str:
    extra = f'<w:suff w:val="{suff}"/>' if suff else ""
    extra += f'<w:lvlRestart w:val="{restart}"/>' if restart else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


# The four GB/T 9704 heading levels as an office sets them up in Word's 定义新的多级列表.
OFFICE_LEVELS = (_lvl(0, "chineseCounting", "%1、", suff="nothing")
                 + _lvl(1, "chineseCounting", "（%2）", suff="nothing")
                 + _lvl(2, "decimal", "%3.", suff="nothing")
                 + _lvl(3, "decimal", "（%4）", suff="nothing"))


def set_numbering(document, abstract: str, nums: str) -> None:
    """Replace the template's numbering part with ``abstract`` (w:abstractNum elements) and ``nums``."""
    part = document.part.numbering_part
    root = part.element
    for child in list(root):
        root.remove(child)
    holder = parse_xml(f"<w:numbering {W}>{abstract}{nums}</w:numbering>")
    for child in list(holder):
        root.append(child)


def num_pr(paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_style(document, xml: str) -> None:
    document.styles.element.append(parse_xml(xml.replace("<w:style ", f"<w:style {W} ", 1)))


def numbered_speech(path: Path) -> List[str]:
    """A colleague's speech: title typed bold and centred in Normal, headings by Word's numbering
    (numId 1 directly, numId 2 through a style, numId 3 a restarted copy of the same list)."""
    doc = docx.Document()
    set_numbering(doc, f'<w:abstractNum w:abstractNumId="0">{OFFICE_LEVELS}</w:abstractNum>'
                       '<w:abstractNum w:abstractNumId="1">'
                       + _lvl(0, "decimalEnclosedCircle", "%1") + _lvl(1, "lowerLetter", "(%2)", suff="space")
                       + _lvl(2, "upperRoman", "%3.", suff="tab") + '</w:abstractNum>'
                       '<w:abstractNum w:abstractNumId="2">'
                       + _lvl(0, "ideographTraditional", "%1、", suff="nothing")
                       + _lvl(1, "chineseCountingThousand", "第%2章", suff="space")
                       + _lvl(2, "decimalFullWidth", "%3．", suff="nothing") + '</w:abstractNum>',
                  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                  '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                  '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
                  '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
                  '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
                  '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>')
    add_style(doc, '<w:style w:type="paragraph" w:styleId="OfficeH2"><w:name w:val="办公二级标题"/>'
                   '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr>'
                   '</w:pPr></w:style>')
    seen: List[str] = []

    def para(text: str, num=None, ilvl: int = 0, style=None, shown: str = ""):
        p = doc.add_paragraph(style=style)
        if text:
            run = p.add_run(text)
            run.font.size = Pt(16)
        if num is not None:
            num_pr(p, num, ilvl)
        seen.append(shown + text)
        return p

    title = para("关于加快发展社区养老服务的讲话")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    title.runs[0].font.size = Pt(22)
    para("（2025年4月8日）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    para("同志们：")
    para("今天我们专门研究社区养老服务，下面讲三点意见。")
    para("充分认识发展社区养老的重要意义", 1, 0, shown="一、")
    para("老龄人口持续增加", 1, 1, shown="（一）")
    para("家庭照护能力减弱", None, style="办公二级标题", shown="（二）")
    para("全市独居老人已经超过两万人。")
    para("照护人员不足", 1, 2, shown="1.")
    para("服务设施分布不均", 1, 2, shown="2.")
    para("老旧小区缺少场地", 1, 3, shown="（1）")
    para("")                                            # an empty paragraph counts, shows nothing
    para("准确把握社区养老的工作重点", 2, 0, shown="二、")   # numId 2 continues the same list
    para("建好嵌入式服务站点", 1, 1, shown="（一）")          # restarted by the level above
    para("抓好助餐服务", 1, 2, shown="1.")
    para("切实加强组织保障", 3, 0, shown="五、")             # a restarted copy starting at 5
    para("落实经费保障", 3, 1, shown="（一）")
    para("第一项清单", 4, 0, shown="① ")                    # the tab after a bare number: a space
    para("第二项清单", 4, 0, shown="② ")
    para("分项说明", 4, 1, shown="(a)")                     # after a closing mark: nothing
    para("罗马数字层级", 4, 2, shown="I.")
    para("天干编号的条目", 5, 0, shown="甲、")
    para("总则", 5, 1, shown="第一章 ")
    para("全角数字条目", 5, 2, shown="１．")
    para("没有定义的编号", 9, 0)
    para("谢谢大家！")
    doc.save(str(path))
    return seen


def styled_headings(path: Path) -> None:
    """Headings by style: Chinese Word ids, basedOn chains, outline levels, alignment by style."""
    doc = docx.Document()
    styles = [
        # Chinese Word saves heading 1 under the id "1" and Normal as "a".
        '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="ZhH2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="SpeechH1"><w:name w:val="讲话一级"/><w:basedOn w:val="1"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Deep"><w:name w:val="讲话深层"/><w:basedOn w:val="SpeechH1"/>'
        '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Outline3"><w:name w:val="大纲三级"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Centred"><w:name w:val="居中文字"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:jc w:val="center"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="CentredChild"><w:name w:val="居中子样式"/>'
        '<w:basedOn w:val="Centred"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Odd"><w:name w:val="怪对齐"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:jc w:val="sideways"/></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="循环甲"/><w:basedOn w:val="Loop2"/></w:style>',
        '<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="循环乙"/><w:basedOn w:val="Loop1"/></w:style>',
    ]
    for xml in styles:
        add_style(doc, xml)
    doc.add_paragraph("社区养老服务工作汇报", style="Title")
    doc.add_paragraph("——在全市民生工作会议上", style="Subtitle")
    doc.add_paragraph("一、工作进展", style="heading 1")            # by name, id "1"
    doc.add_paragraph("（一）站点建设", style="标题 2")
    doc.add_paragraph("二、存在问题", style="讲话一级")               # basedOn the heading 1
    doc.add_paragraph("1.场地不足", style="讲话深层")                 # its own outline level wins
    doc.add_paragraph("（1）租金偏高", style="大纲三级")
    p = doc.add_paragraph("三、下步打算")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    p = doc.add_paragraph("这一段在标题样式里，却是正文大纲级别。", style="Heading 2")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="9"/>'))
    doc.add_paragraph("居中的一行", style="居中文字")
    doc.add_paragraph("继承来的居中", style="居中子样式")
    doc.add_paragraph("不认识的对齐方式", style="怪对齐")
    doc.add_paragraph("样式循环继承也不出错", style="循环甲")
    p = doc.add_paragraph("第五级标题按第四级")
    p.style = doc.styles["Heading 5"]
    p = doc.add_paragraph("直接写的右对齐")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = doc.add_paragraph("两端对齐的正文")
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.save(str(path))


def _add_part(document, name: str, content_type: str, rel_type: str, xml: str) -> str:
    part = Part(PackURI(name), content_type, xml.encode("utf-8"), document.part.package)
    return document.part.relate_to(part, rel_type)


def _raw_paragraph(doc, inner: str, ppr: str = "") -> None:
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(f"<w:p {WR}>{ppr}{inner}</w:p>"))


def _r(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def rich_draft(path: Path) -> List[str]:
    """What a Word file of an office holds besides text. Returns the SourcePara texts in order."""
    doc = docx.Document()
    doc.add_paragraph("关于社区食堂建设情况的汇报").alignment = WD_ALIGN_PARAGRAPH.CENTER      # 1
    doc.add_paragraph("\u2003\u2003同志们在调研中反映，社区食堂很受欢迎。")                  # 2 EM SPACE indent
    doc.add_paragraph("\u3000\u3000一、基本情况")                                           # 3 full-width
    link = doc.part.relate_to("https://example.org/report", RT.HYPERLINK, is_external=True)
    _raw_paragraph(doc, _r("详细情况见") + f'<w:hyperlink r:id="{link}" w:history="1">'     # 4 hyperlink
                   + _r("市民政局网站") + "</w:hyperlink>" + _r("公开的报告。"))
    _raw_paragraph(doc, _r("今年新建")                                                      # 5 tracked change
                   + '<w:del w:id="1" w:author="审稿人"><w:r><w:delText>十</w:delText></w:r></w:del>'
                   + '<w:ins w:id="2" w:author="审稿人">' + _r("十二") + "</w:ins>" + _r("个食堂。"))
    _raw_paragraph(doc, _r("全年供餐超过三万人次") + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                   '</w:rPr><w:footnoteReference w:id="1"/></w:r>' + _r("。"))          # 6 footnote
    doc.add_paragraph("老人普遍满意。")                                                     # 7 comment
    _raw_paragraph(doc, _r("食堂分布如下图") + TEXT_BOX_RUN + _r("所示。"))                 # 8 text box
    doc.add_paragraph().add_run().add_picture(str(_png_file(path)), width=Pt(20))             # 9 image only
    _raw_paragraph(doc, _r("第") + '<w:fldSimple w:instr=" SEQ 表 \\* ARABIC "><w:r><w:t>1</w:t></w:r>'
                   '</w:fldSimple>' + _r("张表是") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy" </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("2025")
                   + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + _r("年的数据。"))       # 10 fields
    table = doc.add_table(rows=3, cols=3)                                                # 11 table
    for r, row in enumerate((("街道", "食堂数", "日均就餐"), ("东城", "5", "320"), ("西城", "", ""))):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(2, 1).merge(table.cell(2, 2)).text = "正在统计"
    table.cell(0, 0).add_paragraph("（名称）")
    _raw_paragraph(doc, '<w:sdt><w:sdtPr><w:alias w:val="填写"/></w:sdtPr><w:sdtContent>'     # 12 content control
                   + _r("控件里的文字") + "</w:sdtContent></w:sdt>" + _r("和后面的文字"))
    _raw_paragraph(doc, _r("单位") + "<w:r><w:tab/></w:r>" + _r("社区服务中心")              # 13 tab, break, sym
                   + "<w:r><w:br/></w:r>" + _r("第二行") + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'
                   + '<w:r><w:sym w:font="SimSun" w:char="2605"/></w:r>' + "<w:r><w:noBreakHyphen/></w:r>"
                   + _r("尾", '<w:rPr><w:vanish w:val="0"/></w:rPr>') + _r("隐藏", "<w:rPr><w:vanish/></w:rPr>"))
    doc.add_paragraph("谢谢大家！")                                                         # 14
    for text in ("市民政局", "2025年4月8日"):                                                # 15, 16 落款
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _add_part(doc, "/word/footnotes.xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", RT.FOOTNOTES,
              f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
              '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
              + _r(" 数据来自市民政局统计。") + "</w:p></w:footnote></w:footnotes>")
    doc.add_comment(doc.paragraphs[6].runs, text="这句要核实", author="审稿人")
    doc.save(str(path))
    return ["关于社区食堂建设情况的汇报", "同志们在调研中反映，社区食堂很受欢迎。", "一、基本情况",
            "详细情况见市民政局网站公开的报告。", "今年新建十二个食堂。", "全年供餐超过三万人次。",
            "注1：数据来自市民政局统计。", "老人普遍满意。", "食堂分布如下图所示。", "框里的说明文字",
            "第1张表是2025年的数据。", None, "控件里的文字和后面的文字",
            "单位\u3000社区服务中心\n第二行\u2605-尾", "谢谢大家！", "市民政局", "2025年4月8日"]


def _png_file(path: Path) -> Path:
    png = path.with_suffix(".png")
    png.write_bytes(tiny_png())
    return png


# A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same box again as VML in Fallback.
TEXT_BOX_RUN = (
    '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" Requires="wps">'
    '<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"'
    ' layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
    '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
    '</wp:posOffset></wp:positionV><wp:extent cx="914400" cy="457200"/><wp:wrapSquare wrapText="bothSides"/>'
    '<wp:docPr id="5" name="文本框 5"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm><a:prstGeom prst="rect">'
    '<a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>框里的说明文字</w:t></w:r></w:p>'
    '</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    '</mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:72pt">'
    '<v:textbox><w:txbxContent><w:p><w:r><w:t>框里的说明文字</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def clerk_speech(path: Path) -> None:
    """A speech as a clerk's Word leaves it, with the slips drafter reports: runs split mid-word
    (Word splits them by editing session), bold and a hyperlink inside sentences, automatic
    numbering, a field, a picture, a table, and a 科长's comment already in it."""
    doc = docx.Document()
    set_numbering(doc, f'<w:abstractNum w:abstractNumId="0">{OFFICE_LEVELS}</w:abstractNum>',
                  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    bold = "<w:rPr><w:b/></w:rPr>"
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in ("在全区社区服务", "工作推进会上的讲话"):
        title.add_run(piece).bold = True
    doc.add_paragraph("（2025年03月18日）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _raw_paragraph(doc, _r("同志们") + _r(":"))
    _raw_paragraph(doc, _r("今天,我们召开全区") + _r("社区服务工作", bold) + _r("推进会,主要是总结去年") + _r("工作。"))
    link = doc.part.relate_to("https://example.org/notice", RT.HYPERLINK, is_external=True)
    _raw_paragraph(doc, _r("全区新建服务站十二个，详见") + f'<w:hyperlink r:id="{link}">' + _r("区里的的通报")
                   + "</w:hyperlink>" + _r("。"))
    p = doc.add_paragraph("回顾成效，增强信心。")
    num_pr(p, 1, 0)
    _raw_paragraph(doc, _r("在20") + _r("2x年，我们要") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/plan" </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("三月")
                   + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + _r("底前完成任务。"))
    doc.add_paragraph().add_run().add_picture(str(_png_file(path)), width=Pt(40))
    p = doc.add_paragraph("上图是服务站的分布...请大家对照落实。")
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate((("街道", "站点"), ("东城", "5"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    done = doc.add_paragraph("各街道要在月底前报送进展。")
    doc.add_comment(done.runs, text="月底前是否来得及？", author="王科长", initials="王")
    _raw_paragraph(doc, _r("谢谢大家") + _r("!"))
    doc.save(str(path))
