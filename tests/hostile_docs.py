"""Hostile documents built at test time: every one links to outside targets (remote images, OLE
links, linked sections, included files and style sheets) at the addresses given, so a test can
listen there and see whether anything came to fetch them.

``urls`` has one address per kind of link, so a hit says which link was followed. Everything is
written by hand here, except the Word 97 file, which LibreOffice makes from the flat ODT once per
session (inside drafter's own sandbox: making the fixture must not fetch anything either).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Targets:
    image: str        # a remote picture
    other: str        # a second address (another local address, or a name) for the same kind
    ole: str          # a linked OLE object
    section: str      # a linked section / included text
    style: str        # an HTML style sheet


IMAGE_NAME = "远程图片"

_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"')


def _odf_body(t: Targets) -> str:
    return f"""<office:body><office:text>
<text:p>同志们，这是一份收到的旧稿的第一段。</text:p>
<text:p><draw:frame draw:name="{IMAGE_NAME}" svg:width="2cm" svg:height="2cm"><draw:image xlink:href="{t.image}"
 xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>图片后面的文字。</text:p>
<text:p><draw:frame draw:name="第二张图" svg:width="2cm" svg:height="2cm"><draw:image xlink:href="{t.other}"
 xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
<text:p><draw:frame draw:name="链接对象" svg:width="4cm" svg:height="2cm"><draw:object xlink:href="{t.ole}"
 xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
<text:section text:name="链接节"><text:section-source xlink:href="{t.section}" xlink:type="simple"
 text:filter-name="writer8"/><text:p>链接节里原有的文字。</text:p></text:section>
<text:p>最后一段。</text:p>
</office:text></office:body>"""


def flat_odt(t: Targets) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_ODF_NS} '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{_odf_body(t)}</office:document>').encode()


def odt(t: Targets) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" '
                   'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   '</manifest:manifest>')
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n'
                                  f'<office:document-content {_ODF_NS}>{_odf_body(t)}</office:document-content>')
    return buf.getvalue()


def html(t: Targets) -> bytes:
    return f"""<html><head><meta charset="utf-8"><link rel="stylesheet" href="{t.style}">
<style>@import url("{t.style}-import.css");</style></head><body>
<p>同志们，这是网页格式的旧稿。</p>
<p><img src="{t.image}" alt="{IMAGE_NAME}" width="20" height="20"><img src="{t.other}"></p>
<iframe src="{t.section}"></iframe><object data="{t.ole}" type="application/pdf"></object>
<p>最后一段。</p></body></html>""".encode()


def rtf(t: Targets) -> bytes:
    def u(s: str) -> str:
        return "".join(f"\\u{ord(c)}?" for c in s)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\pard " + u("同志们，这是 RTF 格式的旧稿。") + "\\par"
            '{\\field{\\*\\fldinst INCLUDEPICTURE "' + t.image + '" \\\\d}{\\fldrslt }}\\par'
            '{\\field{\\*\\fldinst INCLUDEPICTURE "' + t.other + '"}{\\fldrslt }}\\par'
            '{\\field{\\*\\fldinst INCLUDETEXT "' + t.section + '"}{\\fldrslt ' + u("原有文字") + '}}\\par'
            "{\\object\\objautlink\\objupdate{\\*\\objclass Excel.Sheet.8}{\\*\\objdata 0105000002000000}"
            "{\\*\\linkself " + t.ole + "}{\\result " + u("链接对象") + "}}\\par"
            + u("最后一段。") + "\\par}").encode("ascii")


def linked_docx(t: Targets) -> bytes:
    """A .docx whose body links a remote picture, an INCLUDEPICTURE and an INCLUDETEXT field and a
    linked OLE object (all external relationships or field codes), and whose settings name a
    remote template."""
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    body = f"""<w:p><w:r><w:t>同志们，这是一份收到的旧稿。</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:extent cx="720000" cy="720000"/><wp:docPr id="1" name="{IMAGE_NAME}"/>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>
<pic:nvPicPr><pic:cNvPr id="1" name="{IMAGE_NAME}"/><pic:cNvPicPr/></pic:nvPicPr>
<pic:blipFill><a:blip r:link="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="720000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing><w:t>图片后面的文字。</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "</w:instrText></w:r>
<w:r><w:instrText>{t.other}" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>
<w:r><w:t>旧图</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{t.section}&quot; "><w:r><w:t>链接节里原有的文字。</w:t></w:r></w:fldSimple></w:p>
<w:p><w:r><w:object><v:shape id="_x0000_i1025" style="width:100pt;height:50pt"><v:imagedata r:id="rIdOlePic"
 o:title="链接对象"/></v:shape><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025"
 DrawAspect="Content" r:id="rIdOle" UpdateMode="Always"/></w:object></w:r></w:p>
<w:p><w:r><w:t>最后一段。</w:t></w:r></w:p>"""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}" '
                'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
                'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
                f'<w:body>{body}<w:sectPr/></w:body></w:document>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdImg" Type="{rel}image" Target="{t.image}" TargetMode="External"/>'
            f'<Relationship Id="rIdOle" Type="{rel}oleObject" Target="{t.ole}" TargetMode="External"/>'
            f'<Relationship Id="rIdOlePic" Type="{rel}image" Target="{t.ole}.emf" TargetMode="External"/>'
            f'<Relationship Id="rIdSet" Type="{rel}settings" Target="settings.xml"/>'
            '</Relationships>')
    settings = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W}" xmlns:r="{R}">'
                '<w:attachedTemplate r:id="rIdTpl"/></w:settings>')
    settings_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     f'<Relationship Id="rIdTpl" Type="{rel}attachedTemplate" Target="{t.section}.dotm" '
                     'TargetMode="External"/></Relationships>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/settings.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
             '</Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{rel}officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", rels)
        z.writestr("word/settings.xml", settings)
        z.writestr("word/_rels/settings.xml.rels", settings_rels)
    return buf.getvalue()


def word97(t: Targets, folder: Path) -> bytes:
    """The flat ODT saved by LibreOffice as a Word 97 .doc (its remote pictures become
    INCLUDEPICTURE fields), converted inside drafter's sandbox."""
    from drafter import soffice
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / "source.fodt"
    src.write_bytes(flat_odt(t))
    code, out = soffice.run(["--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(src)], 120,
                            untrusted=True)
    made = folder / "source.doc"
    assert code == 0 and made.is_file(), out
    return made.read_bytes()
