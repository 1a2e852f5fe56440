"""What a paragraph carries besides text, written as Word writes it: pictures, notes, comments.

``drafter format`` carries a source .docx's inline pictures (their bytes, size and paragraph),
footnotes and endnotes (their text, at their reference), and comments (on their text, with their
author and date) into the typeset draft; the reader makes them object runs of the model
(drafter.draft.PICTURE, NOTE, COMMENT, COMMENT_END) and the .docx writer asks ``Objects`` for
the elements of each:

- a picture: an image part (word/media/imageN.ext) related from the main part, and a run holding
  ``w:drawing/wp:inline`` with its extent, as python-docx's ``add_picture`` writes it;
- a note: a run with ``w:footnoteReference`` (raised, as Word's reference style sets it) and a
  ``w:footnote`` in the footnotes part, which opens with its own raised ``w:footnoteRef`` and
  starts after the separators Word expects (ids -1 and 0, named in settings.xml); endnotes alike;
- a comment: ``w:commentRangeStart`` and ``w:commentRangeEnd`` around its text, a reference run,
  and its ``w:comment`` in the comments part (drafter.write.review), with the source's author,
  initials and date.

Note text is set in the body's East Asian font; its size is the document's default (the body's),
since GB/T 9704 sets none for notes. Nothing here knows a genre.
"""
from __future__ import annotations

import hashlib
from typing import Dict, List, Optional

from lxml import etree

from drafter.draft import COMMENT, COMMENT_END, NOTE, PICTURE, Run
from drafter.write.review import W, comment, comments_part, w

CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                 "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf",
                 "wmf": "image/x-wmf", "svg": "image/svg+xml", "webp": "image/webp"}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
ENDNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
# settings.xml children that come after footnotePr/endnotePr (ECMA-376 Part 1, 17.15.1.78).
_SETTINGS_AFTER = tuple(W + t for t in ("compat", "docVars", "rsids", "attachedSchema", "themeFontLang",
                                        "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                                        "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                                        "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                                        "listSeparator"))
_MATH_PR = "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"


class Objects:
    """The parts and ids the objects of one document need, made as the first object asks."""

    def __init__(self, document, east_asia: Optional[str]) -> None:
        self.document = document
        self.east_asia = east_asia
        self._images: Dict[str, str] = {}          # sha1 of the bytes -> rId: one part per picture
        self._shape_id = None
        self._notes: Dict[bool, object] = {}       # endnote? -> the notes part's root
        self._comments = None
        self._comment_ids: Dict[str, str] = {}     # the source's comment key -> id here
        self._open: List[str] = []

    def elements(self, run: Run) -> List[etree._Element]:
        """The elements that stand for ``run`` in its paragraph."""
        if run.role is PICTURE:
            return [self._picture(run.obj)]
        if run.role is NOTE:
            return [self._note(run.obj)]
        if run.role is COMMENT:
            cid = self._comment_id(run.obj)
            self._open.append(cid)
            return [w("commentRangeStart", id=cid)]
        if run.role is COMMENT_END:
            cid = self._comment_id(run.obj)
            out = [] if cid in self._open else [w("commentRangeStart", id=cid)]
            if cid in self._open:
                self._open.remove(cid)
            ref = w("r")
            ref.append(w("commentReference", id=cid))
            return out + [w("commentRangeEnd", id=cid), ref]
        return []

    def finish(self, body) -> None:
        """Close the comments whose end the source did not hold, at the end of the last paragraph."""
        last = next((p for p in reversed(list(body)) if p.tag == W + "p"), None)
        for cid in list(self._open):
            ref = w("r")
            ref.append(w("commentReference", id=cid))
            if last is not None:
                last.extend([w("commentRangeEnd", id=cid), ref])
        self._open.clear()

    # -- pictures ------------------------------------------------------------------------------
    def _picture(self, pic) -> etree._Element:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.shape import CT_Inline
        from docx.parts.image import ImagePart
        part = self.document.part
        key = hashlib.sha1(pic.data).hexdigest()
        if key not in self._images:
            ext = pic.ext if pic.ext in CONTENT_TYPES else "png"
            partname = part.package.next_partname(f"/word/media/image%d.{ext}")
            image = ImagePart(partname, CONTENT_TYPES[ext], pic.data)
            self._images[key] = part.relate_to(image, RT.IMAGE)
        if self._shape_id is None:
            self._shape_id = part.next_id
        shape_id, self._shape_id = self._shape_id, self._shape_id + 1
        inline = CT_Inline.new_pic_inline(shape_id, self._images[key], pic.name or f"图片 {shape_id}",
                                          pic.width_emu, pic.height_emu)
        r = w("r")
        drawing = etree.SubElement(r, W + "drawing")
        drawing.append(inline)
        return r

    # -- notes ---------------------------------------------------------------------------------
    def _note(self, note) -> etree._Element:
        root = self._notes_root(note.endnote)
        tag = "endnote" if note.endnote else "footnote"
        nid = str(max([int(n.get(W + "id")) for n in root if (n.get(W + "id") or "").lstrip("-").isdigit()] + [0]) + 1)
        body = w(tag, id=nid)
        for k, text in enumerate(note.paragraphs):
            p = etree.SubElement(body, W + "p")
            if k == 0:
                ref = self._raised_run()
                ref.append(w(f"{tag}Ref"))
                p.append(ref)
                p.append(self._text_run(" " + text))
            else:
                p.append(self._text_run(text))
        root.append(body)
        r = self._raised_run()
        r.append(w(f"{tag}Reference", id=nid))
        return r

    def _raised_run(self) -> etree._Element:
        r = w("r")
        rpr = etree.SubElement(r, W + "rPr")
        rpr.append(w("vertAlign", val="superscript"))
        return r

    def _text_run(self, text: str) -> etree._Element:
        r = w("r")
        rpr = etree.SubElement(r, W + "rPr")
        fonts = w("rFonts", hint="eastAsia")
        if self.east_asia:
            fonts.set(W + "eastAsia", self.east_asia)
        rpr.append(fonts)
        t = etree.SubElement(r, W + "t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    def _notes_root(self, endnote: bool):
        if endnote not in self._notes:
            from docx.opc.constants import RELATIONSHIP_TYPE as RT
            from docx.opc.packuri import PackURI
            from docx.opc.part import XmlPart
            from docx.oxml.parser import parse_xml
            tag = "endnote" if endnote else "footnote"
            root = etree.Element(W + f"{tag}s", nsmap={"w": W[1:-1]})
            for nid, kind in (("-1", "separator"), ("0", "continuationSeparator")):
                sep = etree.SubElement(root, W + tag, {W + "type": kind, W + "id": nid})
                p = etree.SubElement(sep, W + "p")
                etree.SubElement(etree.SubElement(p, W + "r"), W + kind)
            root = parse_xml(etree.tostring(root))
            name, ct, rel = (("/word/endnotes.xml", ENDNOTES_CT, RT.ENDNOTES) if endnote
                             else ("/word/footnotes.xml", FOOTNOTES_CT, RT.FOOTNOTES))
            part = XmlPart(PackURI(name), ct, root, self.document.part.package)
            self.document.part.relate_to(part, rel)
            self._settings(tag)
            self._notes[endnote] = part.element
        return self._notes[endnote]

    def _settings(self, tag: str) -> None:
        """settings.xml names the separators, as Word writes it (w:footnotePr/w:footnote -1 and 0)."""
        settings = self.document.settings.element
        pr = w(f"{tag}Pr")
        pr.extend([w(tag, id="-1"), w(tag, id="0")])
        later = next((c for c in settings if c.tag in _SETTINGS_AFTER or c.tag == _MATH_PR
                      or tag == "footnote" and c.tag == W + "endnotePr"), None)
        if later is not None:
            later.addprevious(pr)
        else:
            settings.append(pr)

    # -- comments ------------------------------------------------------------------------------
    def _comment_id(self, c) -> str:
        if c.key not in self._comment_ids:
            from drafter.write.review import Stamp
            if self._comments is None:
                self._comments = comments_part(self.document)
            cid = str(len(self._comments))
            while any(x.get(W + "id") == cid for x in self._comments):
                cid = str(int(cid) + 1)
            self._comment_ids[c.key] = cid
            self._comments.append(comment(cid, Stamp(c.author, c.initials, c.date), c.paragraphs))
        return self._comment_ids[c.key]
