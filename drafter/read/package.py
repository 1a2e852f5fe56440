"""Opening a .docx safely: the zip, its parts by relationship, and XML without entities or network.

A .docx from outside is untrusted: it may be an encrypted file, an old .doc renamed, a zip bomb
or broken XML. Every such case ends here in one Chinese InputUnreadable naming the file and what
to do; a damaged secondary part (styles, numbering, notes) is read as absent, with a warning.
"""
from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lxml import etree

from drafter import display
from drafter.errors import InputUnreadable, Location

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's "Strict Open XML" saves the same vocabulary under other namespace names.
_STRICT = {b"http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS.encode(),
           b"http://purl.oclc.org/ooxml/officeDocument/relationships":
               b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# One set of package limits for every .docx drafter opens (drafter.safezip).
from drafter.safezip import MAX_PART_BYTES, MAX_RATIO, RATIO_FROM_BYTES, check_docx_package  # noqa: E402
_RESAVE = "请在 Word 或 WPS 中打开后另存为 .docx。"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


class Package:
    """The parts of one .docx, read on demand; ``main`` is word/document.xml's path in the zip."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.zip = _open_zip(self.path)
        self.names = set(self.zip.namelist())
        self._rels: Dict[str, Tuple[Dict[str, Tuple[str, str]], Dict[str, Tuple[str, str]]]] = {}
        self.main = self._main_part()
        self.rels = self.relationships(self.main)

    def _main_part(self) -> str:
        for rel_type, target in self.relationships("").values():
            if rel_type == "officeDocument" and target in self.names:
                return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise InputUnreadable("这个 .docx 文件里没有正文部分（word/document.xml），可能已损坏或不是 Word 文稿",
                              Location(self.path), hint=_RESAVE)

    def read(self, name: str) -> bytes:
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART_BYTES or info.file_size > RATIO_FROM_BYTES and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputUnreadable(f"文件中的“{display.text(name)}”解压后过大（{info.file_size // 1024 // 1024} MB），"
                                  "可能是恶意构造的压缩包", Location(self.path), hint=_RESAVE)
        try:
            with self.zip.open(info) as f:
                data = f.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise InputUnreadable(f"文件中的“{display.text(name)}”无法解压，文件可能已损坏",
                                  Location(self.path), hint=_RESAVE) from None
        if len(data) > MAX_PART_BYTES:
            raise InputUnreadable(f"文件中的“{display.text(name)}”解压后过大，可能是恶意构造的压缩包", Location(self.path),
                                  hint=_RESAVE)
        return data

    def xml(self, name: str, parser=None) -> etree._Element:
        """A part's root element; InputUnreadable if it is missing or not well-formed XML.
        ``parser``: one with the same safety settings that keeps more (drafter.write.patch)."""
        if name not in self.names:
            raise InputUnreadable(f"文件中缺少“{display.text(name)}”", Location(self.path), hint=_RESAVE)
        data = self.read(name)
        for strict, transitional in _STRICT.items():
            data = data.replace(strict, transitional)
        try:
            return etree.fromstring(data, parser if parser is not None else _PARSER)
        except etree.XMLSyntaxError as e:
            line = f"第{e.lineno}行" if getattr(e, "lineno", None) else ""
            raise InputUnreadable(f"文件中的“{display.text(name)}”{line}不是完好的 XML，文件已损坏", Location(self.path),
                                  hint=_RESAVE) from None

    def optional_xml(self, name: Optional[str], warnings: List[str], what: str) -> Optional[etree._Element]:
        """A secondary part, or None with a warning when it is damaged."""
        if not name or name not in self.names:
            return None
        try:
            return self.xml(name)
        except InputUnreadable as e:
            warnings.append(f"{what}（{name}）无法读取，已按没有它处理：{e.message}")
            return None

    def relationships(self, part: str) -> Dict[str, Tuple[str, str]]:
        """rId -> (relationship type's last word, target path in the zip) for ``part``."""
        return self._relationships(part)[0]

    def external(self, part: str) -> Dict[str, Tuple[str, str]]:
        """rId -> (relationship type's last word, target as written) of ``part``'s relationships
        that point outside the package (TargetMode="External"): never opened, only named."""
        return self._relationships(part)[1]

    def all_external(self) -> List[Tuple[str, str, str]]:
        """(part, type, target) of every outside relationship of every part, in name order."""
        out = []
        for rels_name in sorted(n for n in self.names if n.endswith(".rels")):
            folder, base = posixpath.split(rels_name)
            part = posixpath.join(posixpath.dirname(folder), base[:-len(".rels")])
            out.extend((part, kind, target) for kind, target in self.external(part).values())
        return out

    def _relationships(self, part: str) -> Tuple[Dict[str, Tuple[str, str]], Dict[str, Tuple[str, str]]]:
        if part not in self._rels:
            self._rels[part] = self._read_relationships(part)
        return self._rels[part]

    def _read_relationships(self, part: str) -> Tuple[Dict[str, Tuple[str, str]], Dict[str, Tuple[str, str]]]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return {}, {}
        try:
            root = self.xml(rels_name)
        except InputUnreadable:
            return {}, {}
        inside, outside = {}, {}
        for rel in root.iter(REL_NS + "Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                outside[rel.get("Id")] = (kind, target)
                continue
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            inside[rel.get("Id")] = (kind, target)
        return inside, outside

    def related(self, rel_type: str) -> Optional[str]:
        """The main part's first related part of ``rel_type`` (styles, numbering, footnotes ...)."""
        return next((t for kind, t in self.rels.values() if kind == rel_type), None)


def _open_zip(path: Path) -> zipfile.ZipFile:
    from drafter.safezip import MAX_FILE_BYTES
    from drafter.textio import open_regular
    try:
        # A folder, a FIFO or a device is refused before anything is read from it.
        with open_regular(path, MAX_FILE_BYTES, what="Word 文稿", hint=_RESAVE) as f:
            head = f.read(len(OLE_MAGIC))
            if head == OLE_MAGIC:
                f.seek(0)
                data = f.read(MAX_PART_BYTES)
    except OSError as e:
        raise InputUnreadable(f"无法读取文件（{e.strerror}）", Location(path), hint="请检查文件的读取权限。") from None
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputUnreadable("这个 .docx 文件设置了打开密码（已加密），无法读取", Location(path),
                                  hint="请在 Word 或 WPS 中打开它，删除密码（文件 → 信息 → 保护文档 → 用密码进行加密，"
                                       "清空密码）后另存为 .docx 再试。")
        raise InputUnreadable("这是旧版 Word（.doc）或 WPS 文件，只是扩展名写成了 .docx", Location(path),
                              hint="请在 Word 或 WPS 中打开它，另存为“Word 文档（*.docx）”后再试。")
    if not head:
        raise InputUnreadable("文件是空的", Location(path), hint="请确认选对了文件。")
    check_docx_package(path)   # measured part by part before anything is inflated
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as e:
        raise InputUnreadable("不是有效的 .docx 文件，可能已损坏或是改了扩展名的其他文件", Location(path),
                              hint=_RESAVE) from e
