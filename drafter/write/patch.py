"""A received .docx patched in a few parts, every other part copied byte for byte.

``drafter check --annotate`` writes the clerk's own file back with comments (and, with ``--fix``,
tracked corrections): the main part (its anchors and revisions), the comments part, and the
relationship and content-type entries the comments part needs are the only parts that change.
Each other member of the zip keeps its name, order, time stamp and content; it is compressed
again, so the zip's bytes differ while every part's bytes do not (tests compare part by part).

The package is opened through ``drafter.read.package.Package`` (the same limits and Chinese
messages for encrypted, damaged or hostile files as every reader); the main part is parsed keeping
XML comments and processing instructions, which the reader drops, so that the written part loses
nothing but gains the marks.
"""
from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Dict, Optional

from lxml import etree

from drafter.read.package import Package
from drafter.write.review import COMMENTS_CONTENT_TYPE, COMMENTS_TYPE, new_comments_root

_KEEP = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                        huge_tree=False, remove_comments=False, remove_pis=False)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Patch:
    """One .docx open for patching: ``root`` is its main part; ``comments()`` its comments part,
    made on first need; ``write`` saves the patched copy."""

    def __init__(self, path: Path) -> None:
        self.package = Package(Path(path))
        self.main = self.package.main
        self.root = self.package.xml(self.main, parser=_KEEP)
        self._comments: Optional[etree._Element] = None
        self._comments_name: Optional[str] = None
        self._new_parts: Dict[str, bytes] = {}

    def existing_comments(self) -> Optional[etree._Element]:
        """The comments part the file already has (the 科长's comments), or None."""
        if self._comments is None:
            name = self.package.related("comments")
            if name:
                self._comments = self.package.xml(name, parser=_KEEP)
                self._comments_name = name
        return self._comments

    def comments(self) -> etree._Element:
        """The comments part's root, new if the file has none."""
        if self.existing_comments() is None:
            self._comments = new_comments_root()
        return self._comments

    def write(self, fill_path: Path) -> None:
        """The patched package to ``fill_path`` (drafter.fsutil.write_atomic renames it into place)."""
        changed: Dict[str, bytes] = {self.main: _serialize(self.root)}
        if self._comments is not None and len(self._comments):
            if self._comments_name is None:
                name = self._free_name(posixpath.join(posixpath.dirname(self.main), "comments.xml"))
                self._comments_name = name
                self._relate(name, changed)
            changed[self._comments_name] = _serialize(self._comments)
        src = self.package.zip
        with zipfile.ZipFile(fill_path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                data = changed.pop(info.filename, None)
                if data is None:
                    data = self.package.read(info.filename)
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                copy.create_system = info.create_system
                out.writestr(copy, data)
            for name, data in changed.items():         # parts new to the package
                out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

    def _free_name(self, name: str) -> str:
        stem, ext = posixpath.splitext(name)
        k = 1
        while name in self.package.names:
            k += 1
            name = f"{stem}{k}{ext}"
        return name

    def _relate(self, name: str, changed: Dict[str, bytes]) -> None:
        """The relationship from the main part and the content type of a new comments part."""
        folder, base = posixpath.split(self.main)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name in self.package.names:
            rels = self.package.xml(rels_name, parser=_KEEP)
        else:
            rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        taken = {r.get("Id") for r in rels}
        k = 1
        while f"rId{k}" in taken:
            k += 1
        rel = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
        rel.set("Id", f"rId{k}")
        rel.set("Type", COMMENTS_TYPE)
        rel.set("Target", posixpath.relpath(name, folder or "."))
        changed[rels_name] = _serialize(rels)
        types = self.package.xml("[Content_Types].xml", parser=_KEEP)
        part = "/" + name
        if not any(o.get("PartName") == part for o in types.iter(f"{{{CT_NS}}}Override")):
            o = etree.SubElement(types, f"{{{CT_NS}}}Override")
            o.set("PartName", part)
            o.set("ContentType", COMMENTS_CONTENT_TYPE)
            changed["[Content_Types].xml"] = _serialize(types)
