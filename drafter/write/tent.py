"""Table tents (桌签): a name printed so that the page, folded across its middle, stands on the
table with the name upright on both faces.

Each half is an object anchored to the page, so the halves mirror each other about the fold
whatever the margins. The lower half is a text box holding the block's own paragraph: real text
in the block's style, one line, centred in the half by the renderer. The upper half is the same
name turned 180°. Word and WPS turn a rotated text box, but LibreOffice 7 does not (measured with
7.4: a DrawingML text box with ``a:xfrm rot="10800000"``, a VML ``rotation:180`` box, a group or a
canvas around it all print upright, and its own .docx export loses the turn too). What all three
print turned is a vector picture whose text is drawn in a font turned by 180°: an EMF with one
``EMR_EXTTEXTOUTW`` (its font's escapement 1800), placed by its baseline. The PDF LibreOffice makes
of it keeps that text as text, so both halves are measured alike (tests/test_meeting_pdf.py).
"""
from __future__ import annotations

import struct
from typing import Tuple
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from lxml import etree

from drafter.draft import TENT_MARK
from drafter.write import _oxml as ox

EMU_PER_TWIP = 635
PX_PER_MM = 20                  # the picture's own units: 0.05 mm
TWIPS_PER_MM = 1440 / 25.4
# A Chinese character's em box lies 0.88 em above its baseline and 0.12 em below (the ideographic
# em box of the common CJK fonts): the middle of the box is 0.38 em above the baseline.
EM_MIDDLE = 0.38


def ems(text: str) -> float:
    """The name's width in type sizes: a Chinese character is one, an ASCII one half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text) or 1.0


def fitted_size(text: str, size: int, width: int) -> int:
    """The type size (twips) that sets ``text`` on one line of ``width`` twips: the style's
    size, or smaller for a long name; whole half-points, as w:sz counts."""
    fit = int(width / ems(text))
    return max(20, min(size, fit) // 10 * 10)


def fold(paragraph: etree._Element, text: str, font: str, size: int, page: Tuple[int, int, int, int],
         document, number: int) -> None:
    """Make ``paragraph`` (its style and runs already written) a table tent: its runs move into
    the lower half, a turned copy fills the upper; each is as wide as the text block. ``page`` is
    (width, height, left margin, right margin) in twips, ``size`` the style's type size in twips,
    ``number`` (0, 1 …) makes the objects' ids unique in the document."""
    width, height, left, right = page
    box_width, half = width - left - right, height // 2
    size = fitted_size(text, size, box_width)
    runs = [r for r in paragraph if r.tag == ox.W_R]
    for r in runs:
        paragraph.remove(r)
        rpr = r.find(ox.W_RPR)                  # every run of ours has one (ox.run)
        rpr.append(ox.el("sz", val=str(size // 10)))
        rpr.append(ox.el("szCs", val=str(size // 10)))
    inner = ox.paragraph(paragraph.find(ox.W_PPR).find(ox.W_PSTYLE).get(ox.W_VAL), runs)
    # In the box: no page break, no space around; the box centres the line.
    ox.put(inner.find(ox.W_PPR), ox.el("pageBreakBefore", val=ox.OFF), ox.PPR_ORDER)
    ox.put(inner.find(ox.W_PPR), ox.el("spacing", before="0", after="0"), ox.PPR_ORDER)
    paragraph.append(_anchored(_text_box(inner, box_width, half), 2 * number + 1, left, height - half,
                               box_width, half, text, "正的一面"))
    em_mm = size / TWIPS_PER_MM
    blob = text_emf(text, font, box_width / TWIPS_PER_MM, half / TWIPS_PER_MM, em_mm,
                    half / 2 / TWIPS_PER_MM - EM_MIDDLE * em_mm)
    part = Part(PackURI(f"/word/media/tent{number + 1}.emf"), "image/x-emf", blob, document.part.package)
    rid = _relate(document.part, part, number)
    # Turned about the page's centre: the right margin is on its left.
    paragraph.append(_anchored(_picture(rid, 2 * number + 2, box_width, half), 2 * number + 2, right, 0,
                               box_width, half, text, "翻转的一面"))


def _relate(owner, part, number: int) -> str:
    """The id of a new relationship from ``owner`` to ``part``. python-docx's relate_to looks
    through every relationship for one to reuse and counts them all for a free id: a time per
    card that grows with the cards made, so 5,000 of them took minutes. Each picture is new, so
    its id is made from its number (a unit template's own ids are left as they are)."""
    rid = f"rIdTent{number + 1}"
    if rid in owner.rels:
        return owner.relate_to(part, RT.IMAGE)
    owner.rels.add_relationship(RT.IMAGE, part, rid)
    return rid


def _anchored(graphic: str, number: int, x: int, y: int, cx: int, cy: int, text: str, face: str) -> etree._Element:
    """A run holding ``graphic`` anchored to the page at (x, y), cx × cy twips, text not wrapped."""
    e = EMU_PER_TWIP
    return parse_xml(
        f'<w:r {_NS}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{number}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x * e}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y * e}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx * e}" cy="{cy * e}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{number}" name={quoteattr(f"桌签（{face}）：{text}")} descr="{TENT_MARK}"/>'
        f'<wp:cNvGraphicFramePr/>{graphic}</wp:anchor></w:drawing></w:r>')


def _text_box(inner: etree._Element, cx: int, cy: int) -> str:
    e = EMU_PER_TWIP
    return (f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx * e}" cy="{cy * e}"/>'
            f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
            f'<wps:txbx><w:txbxContent>{etree.tostring(inner, encoding="unicode")}</w:txbxContent></wps:txbx>'
            f'<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" '
            f'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>')


def _picture(rid: str, number: int, cx: int, cy: int) -> str:
    e = EMU_PER_TWIP
    return (f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="tent{number}.emf"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx * e}" cy="{cy * e}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')


_NS = " ".join(f'xmlns:{p}="{u}"' for p, u in (
    ("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    ("pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"),
    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
    ("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")))


# -- the EMF (MS-EMF 2.3): a header, a font turned 180°, one line of text, the end ---------------
_EMR_HEADER, _EMR_EOF, _EMR_SETBKMODE, _EMR_SETTEXTALIGN = 1, 14, 18, 22
_EMR_SETTEXTCOLOR, _EMR_SELECTOBJECT, _EMR_EXTCREATEFONTINDIRECTW, _EMR_EXTTEXTOUTW = 24, 37, 82, 84
_TRANSPARENT, _TA_CENTER_BASELINE, _GM_COMPATIBLE, _GB2312_CHARSET = 1, 6 | 24, 1, 134


def _record(kind: int, payload: bytes) -> bytes:
    payload += b"\0" * (-len(payload) % 4)
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def text_emf(text: str, font: str, width_mm: float, height_mm: float, size_mm: float, baseline_mm: float) -> bytes:
    """A ``width_mm`` × ``height_mm`` picture of ``text`` turned 180°, centred across, its
    baseline ``baseline_mm`` from the top, in ``font`` at ``size_mm`` (the em)."""
    w, h = round(width_mm * PX_PER_MM), round(height_mm * PX_PER_MM)
    em = round(size_mm * PX_PER_MM)
    face = font.encode("utf-16-le")[:62].ljust(64, b"\0")
    logfont = struct.pack("<iiiiiBBBBBBBB", -em, 0, 1800, 1800, 400, 0, 0, 0, _GB2312_CHARSET, 0, 0, 0, 0) + face
    chars = text.encode("utf-16-le")
    n = len(chars) // 2
    advances = []                            # one a UTF-16 unit: a character beyond the BMP takes two
    for ch in text:
        advances += [em // 2] if ch.isascii() else [em] if ord(ch) <= 0xFFFF else [em, 0]
    head = 16 + 12 + 40                      # rclBounds, graphics mode and scales, EMRTEXT
    off_string = 8 + head
    padded = chars + b"\0" * (-len(chars) % 4)
    text_out = (struct.pack("<iiii", 0, 0, w, h) + struct.pack("<Iff", _GM_COMPATIBLE, 1.0, 1.0)
                + struct.pack("<iiIIIiiiiI", w // 2, round(baseline_mm * PX_PER_MM), n, off_string, 0,
                              0, 0, w, h, off_string + len(padded))
                + padded + struct.pack(f"<{len(advances)}i", *advances))
    body = b"".join((
        _record(_EMR_EXTCREATEFONTINDIRECTW, struct.pack("<I", 1) + logfont),
        _record(_EMR_SELECTOBJECT, struct.pack("<I", 1)),
        _record(_EMR_SETBKMODE, struct.pack("<I", _TRANSPARENT)),
        _record(_EMR_SETTEXTALIGN, struct.pack("<I", _TA_CENTER_BASELINE)),
        _record(_EMR_SETTEXTCOLOR, struct.pack("<I", 0)),
        _record(_EMR_EXTTEXTOUTW, text_out),
        _record(_EMR_EOF, struct.pack("<III", 0, 16, 20)),
    ))
    header = (struct.pack("<II", _EMR_HEADER, 108)
              + struct.pack("<iiii", 0, 0, w - 1, h - 1)
              + struct.pack("<iiii", 0, 0, round(width_mm * 100) - 1, round(height_mm * 100) - 1)
              + struct.pack("<IIIIHHIII", 0x464D4520, 0x10000, 108 + len(body), 8, 2, 0, 0, 0, 0)
              + struct.pack("<iiii", w, h, round(width_mm), round(height_mm))
              + struct.pack("<IIIii", 0, 0, 0, round(width_mm * 1000), round(height_mm * 1000)))
    return header + body

